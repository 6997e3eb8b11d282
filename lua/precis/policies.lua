-- precis.policies: the built-in policies, name -> YAML text.
-- Generated from policies/*.yaml by `make policies`: edit those, not this.
return {
  ["default"] = [=[
# default: any English prose, summarized with the engine's own settings:
# TextRank centrality and lead position carry the weight, title overlap
# refines it, MMR keeps near-repeats out, 3 sentences in document order.
# It states nothing of its own, so it is always exactly the engine's
# defaults; `summarize policy show default` prints every value. Those
# defaults were chosen on the news sets (eval/RESULTS.md, "Policies").
schema: 1
policy: default
description: Any English prose, with the engine's defaults (3 sentences)
]=],
  ["digest"] = [=[
# digest: several documents on one story (wire copies, follow-ups), read
# as one. The same facts recur across the documents in other words, so
# redundancy control is much stricter than in `default`: a sentence close
# to one already chosen (cosine 0.5, or shingles 30% alike) is left out,
# and MMR weighs novelty more. 5 sentences. No multi-document reference
# summaries are at hand, so there is no eval row; spec/policy_spec.lua
# checks on the two seed articles that no fact is picked twice.
schema: 1
policy: digest
description: Several documents on one story; cross-document repeats removed, 5 sentences
extends: news
length: { sentences: 5 }
redundancy:
  lambda: 0.6
  max_similarity: 0.5
  near_duplicate: 0.3
]=],
  ["news"] = [=[
# news: one news article as scraped from the web. Reporters put the story
# first, so the lead position weighs more than in `default`; photo credits,
# "Advertisement" and "Read more" lines go before reading; questions
# (teasers such as "What happens next?") and quotes with no speaker make
# poor summary sentences, so filters drop them. eval/RESULTS.md
# ("Policies") shows it beside `default` on bbc and cnndm.
schema: 1
policy: news
description: A news article, lead first; drops captions, teasers and unattributed quotes
extends: default
input:
  drop_lines:
    - '^(IMAGE|PHOTO|VIDEO) (SOURCE|CREDIT)S?:'
    - '^(Image|Photo|Picture) (source|credit|caption)s?:'
    - '^Advertisement$'
    - '^(Read|See) (more|also)([ :.]|$)'
    - '^(Share (this|on)|Follow us)([ :.]|$)'
  min_words: 6
length: { sentences: 3 }
scorers:
  textrank: 1
  position: { weight: 1.5, decay: 0.4 }
  title: 0.3
filters: [questions, unattributed_quotes]
]=],
  ["report"] = [=[
# report: a long document in sections (a report, a paper, documentation).
# Its point is spread through the sections rather than put first, so the
# lead counts for little; headings matter, so Edmundson's method (title
# and heading words, first sentences after a heading, cue words) joins
# LexRank centrality; the summary is longer: 8 sentences, in document
# order. No reference summaries of such documents are at hand, so there
# is no eval row; spec/policy_spec.lua checks it picks from every section.
schema: 1
policy: report
description: A long document in sections; headings matter, 8 sentences
extends: default
input:
  max_words: 60
length: { sentences: 8 }
scorers:
  lexrank: { weight: 1, continuous: true }
  edmundson: 1
  position: { weight: 0.2, decay: 0.05 }
redundancy: { lambda: 0.7 }
]=],
  ["tokenized"] = [=[
# tokenized: text that was lowercased and split into tokens before it
# came here ("the u.s. said it would n't ."), as in the CNN/DailyMail
# release of See et al. 2017 (../shared/data/cnndm). Without capitals
# there is no title or heading to find, so the title scorer is off; such
# collections are news, so the lead weighs most.
schema: 1
policy: tokenized
description: Pre-tokenized lowercase text (CNN/DailyMail style); lead-heavy, no title
extends: default
length: { sentences: 3 }
scorers:
  textrank: 1
  position: { weight: 2, decay: 0.5 }
]=],
}
