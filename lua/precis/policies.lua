-- precis.policies: the built-in policies, name -> YAML text.
-- Generated from policies/*.yaml by `make policies`: edit those, not this.
return {
  ["default"] = [=[
# default: any prose, summarized with the engine's own settings: the
# language detected, TextRank centrality and lead position carrying the
# weight, title overlap refining it, MMR keeping near-repeats out, 3
# sentences in document order. It states nothing of its own, so it is
# always exactly the engine's defaults; `summarize policy show default`
# prints every value. Those defaults were chosen on the news sets
# (eval/RESULTS.md: "policy default" equals "precis default").
schema: 1
policy: default
description: Any prose, with the engine's own defaults (3 sentences)
]=],
  ["digest"] = [=[
# digest: several documents on one story (wire copies, follow-ups, the
# two seed articles in ../shared/data/seeds), read as one. The same facts
# recur across the documents in other words, so redundancy control is
# much stricter than in `news`, which it extends: a sentence close to one
# already chosen (cosine 0.5, or word shingles 30% alike) is left out and
# MMR weighs novelty more (lambda 0.6). 5 sentences, in the order of the
# dates the documents carry (a date stamp or dateline near the top), so
# the digest follows the story; undated documents keep their place after
# the dated ones. No multi-document
# reference summaries are at hand, so there is no eval row;
# spec/policy_spec.lua checks on two reports of one story that both speak
# and that no sentence repeats another.
schema: 1
policy: digest
description: Several documents on one story; cross-document repeats removed, 5 sentences
extends: news
length: { sentences: 5 }
order: date
redundancy:
  lambda: 0.6
  max_similarity: 0.5
  near_duplicate: 0.3
]=],
  ["news"] = [=[
# news: one news article, often scraped from the web (such as the seed
# articles in ../shared/data/seeds). Photo credits, "Advertisement",
# "Read more" and share lines go before reading, and questions (teasers
# such as "What happens next?") are dropped.
#
# The scoring is centrality first: TextRank with continuous LexRank,
# a light lead bonus, and no MMR trade-off (copies and near-copies are
# still kept out by the near-duplicate rule and redundancy.max_sim).
# Measured on the BBC News extracts (eval/RESULTS.md, "policy news"; R-2
# 76.15 since quotations that stand as sentences are kept whole),
# one change at a time from default's mix: dropping MMR's trade-off
# (lambda 1) R-2 70.70 -> 73.0, TextRank alone in place of the lead mix
# 76.0, continuous LexRank beside it 76.5, a lead of 0.1 level, the
# questions filter -0.1; heavier leads (0.2 and up), the length scorer,
# Baxendale's paragraph-initial bonus and a BM25 similarity all scored
# lower. For 3-sentence highlights of wire copy, where the lead is most
# of the story, `default` or `tokenized` choose better (cnndm rows).
schema: 1
policy: news
description: A news article; drops captions, ads and teaser questions; centrality first
extends: default
input:
  drop_lines:
    - '^(IMAGE|PHOTO|VIDEO) (SOURCE|CREDIT)S?:'
    - '^(Image|Photo|Picture) (source|credit|caption)s?:'
    - '^Advertisement$'
    - '^(Read|See) (more|also)([ :.]|$)'
    - '^(Share (this|on)|Follow us)([ :.]|$)'
length: { sentences: 3 }
filters: [questions]
scorers:
  textrank: 1
  lexrank: { weight: 0.5, continuous: true }
  position: 0.1
redundancy: { lambda: 1 }
]=],
  ["report"] = [=[
# report: a long document in sections (a report, a paper, a manual). Its
# points are spread through the sections rather than put first, so the
# lead counts for little; headings matter, so Edmundson's method (words
# of the title and headings, the first sentence after a heading, cue
# words) carries twice the weight of LexRank centrality; the summary is
# longer (8 sentences) and MMR favours novelty more. No reference
# summaries of sectioned documents are at hand, so there is no eval row;
# on spec/fixtures/canal-report.txt (six sections) report picks from
# every section where default picks from three (spec/policy_spec.lua).
schema: 1
policy: report
description: A long document in sections; headings matter, 8 sentences from all of it
extends: default
input:
  max_words: 60
length: { sentences: 8 }
scorers:
  lexrank: { weight: 1, continuous: true }
  edmundson: 2
  position: { weight: 0.2, decay: 0.05 }
redundancy: { lambda: 0.7 }
]=],
  ["tokenized"] = [=[
# tokenized: text lowercased and split into tokens before it came here
# ("the u.s. said it would n't ."), as in the CNN/DailyMail release of
# See et al. 2017 (../shared/data/cnndm): news, one article per line.
# Without capitals there is no title or heading to find, so the title
# scorer is off. Measured on cnndm, one change at a time: the lead
# weighs more than in `default` (1.5), PacSum's position-aware
# centrality joins TextRank, MMR favours novelty more (lambda 0.7) and
# sentences over 50 tokens are never chosen; together they are ahead of
# default on both halves (eval/RESULTS.md, rows "policy tokenized").
schema: 1
policy: tokenized
description: Pre-tokenized lowercase news (CNN/DailyMail style); lead and PacSum, no title
extends: default
input:
  max_words: 50
length: { sentences: 3 }
scorers:
  textrank: 1
  pacsum: 1
  position: { weight: 1.5, decay: 0.25 }
redundancy: { lambda: 0.7 }
]=],
}
