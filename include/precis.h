/*
** precis.h: the public C interface of precis, an extractive summarizer.
**
** precis reads UTF-8 documents, splits them into sentences with byte spans
** into the caller's text, scores every sentence with classic algorithms
** (position, length, Luhn, tf-idf centroid, LexRank, TextRank, title overlap)
** and selects the best ones under a length budget with redundancy control.
**
** The flow of a call:
**
**   precis_options_new -> precis_options_set_* -> precis_summarizer_new
**   -> precis_summarize (any number of times, from any thread)
**   -> precis_result_* accessors -> precis_result_free
**
** Conventions, true of every function below:
**   - Fallible functions return a precis_status (PRECIS_OK is 0) and fill an
**     optional caller-owned precis_error. Nothing here prints, aborts or
**     exits; running out of memory is PRECIS_ENOMEM.
**   - Constructors write their handle through an `out` pointer and set it to
**     NULL on failure. Destructors accept NULL.
**   - Text travels as pointer and length; NUL bytes are allowed and strlen()
**     is never called on input text.
**   - Byte offsets are 0-based and ends are exclusive.
**
** See LICENSE for copyright and licence.
*/
#ifndef PRECIS_H
#define PRECIS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
** PRECIS_API marks what the shared library exports (it is built with
** -fvisibility=hidden). A build that compiles the engine into another
** shared object, as LuaRocks builds precis.core, defines PRECIS_NO_EXPORT:
** the engine's functions then stay inside that object and never bind to
** another copy of libprecis in the same process.
*/
#if defined(PRECIS_NO_EXPORT) && (defined(__GNUC__) || defined(__clang__))
#define PRECIS_API __attribute__((visibility("hidden")))
#elif defined(__GNUC__) || defined(__clang__)
#define PRECIS_API __attribute__((visibility("default")))
#else
#define PRECIS_API
#endif

#define PRECIS_VERSION_MAJOR 0
#define PRECIS_VERSION_MINOR 1
#define PRECIS_VERSION_PATCH 0
#define PRECIS_VERSION "0.1.0"

/* ======================================================================
** Status and errors
** ====================================================================== */

/*
** The result of every fallible call. 0 is success. The names returned by
** precis_status_name() ("EUTF8", ...) are stable and meant for scripts.
*/
typedef enum precis_status {
  PRECIS_OK = 0,
  PRECIS_ENOMEM,   /* an allocation failed */
  PRECIS_EINVAL,   /* a bad argument or option value */
  PRECIS_EUTF8,    /* input is not valid UTF-8 (error.offset says where) */
  PRECIS_EPOLICY,  /* a policy file is malformed or invalid */
  PRECIS_EIO,      /* reading a file failed (error.sys_errno says why) */
  PRECIS_ELIMIT,   /* input exceeds a configured limit */
  PRECIS_EEMPTY    /* the input holds no sentence to summarize */
} precis_status;

/*
** What went wrong, where. The caller owns the struct (usually on the stack);
** filling it never allocates. `message` is lowercase text for people without
** the position, which lives in the separate fields so that a front end can
** print "source:line:column: message".
*/
typedef struct precis_error {
  precis_status code;
  size_t doc;          /* index of the offending document, when known */
  size_t line, column; /* 1-based; column counts code points; 0 = unknown */
  size_t offset;       /* byte offset into the offending input */
  int has_offset;      /* 1 when `offset` is meaningful */
  int sys_errno;       /* errno for PRECIS_EIO, else 0 */
  char source[128];    /* document or file name, or "" */
  char message[256];   /* e.g. "invalid UTF-8 (truncated sequence)" */
} precis_error;

/*
** The stable name of a status: "OK", "ENOMEM", "EINVAL", "EUTF8", "EPOLICY",
** "EIO", "ELIMIT", "EEMPTY"; "EUNKNOWN" for anything else. The string is
** static and never freed. Thread-safe.
*/
PRECIS_API const char *precis_status_name(precis_status s);

/* The library's version string, equal to PRECIS_VERSION at build time. */
PRECIS_API const char *precis_version(void);

/*
** The libraries precis is built on, one per k from 0: the k-th one's name
** ("utf8proc", "md4c", "gumbo", "libstemmer"), or NULL past the end. When
** `version` is not NULL, *version is set to the library's version, or to
** NULL when it is not known. utf8proc reports its own at run time
** (*runtime, when not NULL, is set to 1); md4c, gumbo and libstemmer
** report none, so their version is what pkg-config said when precis was
** built (*runtime = 0), and unknown where the build did not ask
** (libstemmer has no pkg-config file). Static strings. Thread-safe.
*/
PRECIS_API const char *precis_dependency(size_t k, const char **version,
                                         int *runtime);

/* ======================================================================
** Input documents
** ====================================================================== */

/*
** One input document. `data` need not be NUL-terminated and may contain NUL
** bytes. `name` (may be NULL) is used in errors and results: a file name or
** any label. precis copies what it needs; the caller's buffers are only read
** during the call.
*/
typedef struct precis_text {
  const char *data;
  size_t len;
  const char *name;
} precis_text;

/* ======================================================================
** Options
**
** A precis_options is a mutable bag of settings that becomes an immutable
** summarizer. It is owned by the caller and released with
** precis_options_free; precis_summarizer_new copies it, so it may be freed or
** changed right after. Not thread-safe: one thread at a time per object.
** ====================================================================== */

typedef struct precis_options precis_options;

/*
** A fresh set of defaults: language "auto", 3 sentences, the default
** scorer mix (see precis_options_set_weight), MMR with lambda 0.85, document
** order, sentences of 4 to 80 words, built-in boilerplate rules on, invalid
** UTF-8 is an error, inputs up to 64 MiB in total.
** Errors: PRECIS_ENOMEM.
*/
PRECIS_API precis_status precis_options_new(precis_options **out,
                                            precis_error *err);

/* Releases options made by precis_options_new. NULL is a no-op. */
PRECIS_API void precis_options_free(precis_options *opt);

/*
** The language of the input, by English name ("english", "german") or ISO
** 639-1 code ("en", "de"), case-insensitive. It chooses the language pack
** (lang/<code>.txt, compiled in): sentence terminators, abbreviations,
** stopwords and the Snowball stemmer (none for languages Snowball lacks).
** precis_language_name lists the languages; "none" turns stemming and
** stopwords off. "auto" (the default) detects the language of each run
** from the first 16 KiB of its documents: the script of their letters,
** letters peculiar to one language, and the packs' stopwords; when the
** evidence is thin (a few words, mixed languages) the choice is English.
** precis_result_language tells which language a run used.
** Errors: PRECIS_EINVAL for a language precis does not know.
*/
PRECIS_API precis_status precis_options_set_language(precis_options *opt,
                                                     const char *language,
                                                     precis_error *err);

/*
** The k-th language precis knows (its English name, e.g. "english"), or
** NULL past the end. Static strings. Thread-safe.
*/
PRECIS_API const char *precis_language_name(size_t k);

/*
** The k-th language's ISO 639-1 code ("en"; "" for "none") and the
** Snowball algorithm that stems it ("english"; NULL for a language
** without one), for the same k as precis_language_name, or NULL past the
** end. Static strings. Thread-safe.
*/
PRECIS_API const char *precis_language_code(size_t k);
PRECIS_API const char *precis_language_stemmer(size_t k);

/* How the length budget is counted. */
typedef enum precis_unit {
  PRECIS_UNIT_SENTENCES = 0, /* a number of sentences */
  PRECIS_UNIT_WORDS,         /* at most this many words in total */
  PRECIS_UNIT_CHARS,         /* at most this many characters (code points) */
  PRECIS_UNIT_RATIO          /* a fraction (0, 1] of the input's sentences */
} precis_unit;

/*
** The length budget. Sentences and ratio budgets always select at least one
** sentence; words and chars budgets select whole sentences while they fit,
** and at least the best sentence when none fits (a summary is never empty
** unless the input has no sentence, which is PRECIS_EEMPTY).
** Errors: PRECIS_EINVAL when `value` is not positive, is not a whole number
** for sentences/words/chars, or exceeds 1 for a ratio.
*/
PRECIS_API precis_status precis_options_set_budget(precis_options *opt,
                                                   precis_unit unit,
                                                   double value,
                                                   precis_error *err);

/*
** The weight of one scorer in the final score. Every scorer's values are
** normalised to [0, 1] before weighting; the final score is the weighted
** sum divided by the sum of the weights. A weight of 0 turns a scorer off.
** The defaults are position 1, textrank 1, title 0.3, the others 0.
**   "position"   lead: 1 / (1 + decay * i) for the i-th sentence
**   "length"     word count, flat past the mean length
**   "luhn"       Luhn 1958: clusters of significant (frequent) words
**   "centroid"   cosine with the tf-idf centroid of all sentences
**   "lexrank"    Erkan & Radev 2004: PageRank over tf-idf cosines
**   "textrank"   Mihalcea & Tarau 2004: PageRank over word overlap
**   "title"      Edmundson's title method: share of the title's words
**   "edmundson"  Edmundson 1969: cue + key + title + location
**   "lsa"        Steinberger & Jezek 2004: length in the top latent topics
**   "sumbasic"   Nenkova & Vanderwende 2005: mean word probability
**   "mead"       Radev et al. 2004: centroid + position + first-sentence
**                overlap
**   "pacsum"     Zheng & Lapata 2019: position-aware directed centrality
**   "query"      cosine with the query (precis_options_set_query)
** Errors: PRECIS_EINVAL for an unknown name or a negative or non-finite
** weight.
*/
PRECIS_API precis_status precis_options_set_weight(precis_options *opt,
                                                   const char *scorer,
                                                   double weight,
                                                   precis_error *err);

/* Sets every scorer's weight to 0, so that only the ones set afterwards count. */
PRECIS_API void precis_options_clear_weights(precis_options *opt);

/*
** The k-th scorer's name, or NULL past the end. Static strings.
*/
PRECIS_API const char *precis_scorer_name(size_t k);

/*
** A numeric tuning parameter, by name:
**   "lexrank.threshold"   cosine threshold of the thresholded graph [0, 1),
**                          default 0.1
**   "lexrank.continuous"  1 = weighted edges (continuous LexRank), 0 = edges
**                          above the threshold (default 0)
**   "lexrank.damping"     PageRank damping in (0, 1), default 0.85
**   "textrank.damping"    default 0.85
**   "textrank.similarity" 0 = word overlap over log lengths (Mihalcea &
**                          Tarau 2004, the default), 1 = Okapi BM25 both
**                          ways, averaged (after Barrios et al. 2016)
**   "rank.bias"           how far the random surfer of LexRank, TextRank
**                          prefers to jump to the lead (or, with a query,
**                          to the sentences that match it: biased LexRank,
**                          Otterbacher et al. 2005), [0, 1], default 0
**   "luhn.threshold"      a stem is significant when it occurs at least this
**                          often, default 0 = automatic (Luhn's rule of thumb
**                          by document length)
**   "position.decay"      how fast the lead bonus falls, (0, 1]: the i-th
**                          sentence (0-based) of a document scores
**                          1 / (1 + decay * i), default 0.25
**   "redundancy.lambda"   MMR trade-off in [0, 1], 1 = no redundancy
**                          control, default 0.85
**   "redundancy.max_sim"  a candidate this similar (cosine) to a selected
**                          sentence is never selected, (0, 1], default 0.9
**   "redundancy.near_duplicate"  sentences whose word 3-gram shingles
**                          overlap this much (Jaccard) are near-duplicates:
**                          only the best of them may be selected, [0, 1],
**                          0 = off, default 0.5
**   "pacsum.lambda1", "pacsum.lambda2"  weights of edges to earlier and to
**                          later sentences, default -1 and 1
**   "pacsum.beta"         edges below min + beta * (max - min) are
**                          dropped, [0, 1), default 0
**   "edmundson.cue", "edmundson.key", "edmundson.title",
**   "edmundson.location"  the four methods' weights, default 1, 0, 1, 1
**   "lsa.dimensions"      latent topics kept, 0 = those whose singular
**                          value is at least half the largest (at most 10)
**   "submodular.alpha"    coverage saturation a (alpha = a / N), default 5
**   "submodular.lambda"   weight of the diversity reward, default 6
**   "submodular.r"        cost scaling exponent, default 0.3
**   "sentence.min_words"  the shortest selectable sentence, default 4
**   "sentence.max_words"  the longest selectable sentence, 0 = no limit,
**                          default 80 (precis_summarizer_new fails with
**                          PRECIS_EINVAL when it is below the minimum)
**   "filter.questions"    1 = drop sentences that end in a question mark
**                          (past closing quotes and brackets) from a
**                          summary, as dropped units of rule
**                          "filter:questions"; 0 (default) = keep them
**   "input.boilerplate"   1 = apply built-in boilerplate rules, 0 = off
**   "input.heading_words" longest line, in words, that may be a heading
**                          when it lacks final punctuation (default 20)
**   "input.max_bytes"     total input limit, default 64 MiB
**   "input.rule.NAME"     1 (default) or 0: one built-in clean-up rule on
**                          or off. Dropped units name their rule:
**                          "markup" (tag and tracking-code fragments),
**                          "credit" (photo credits) and "caption" (the
**                          line under one), "advertisement", "promo"
**                          (read more, share, subscribe, cookies,
**                          copyright, "Related Topics"), "navigation"
**                          (skip links, menu bars, breadcrumbs, page
**                          buttons, tables of contents, section labels
**                          over the headline), "byline", "dateline"
**                          (a date stamp alone or glued to the first
**                          sentence, a news agency's dateline), "repeat"
**                          (a heading that repeats the title, or a page
**                          title that is the headline and the site's name),
**                          "salutation" (an e-mail's greeting and
**                          sign-off), "mail_header" (an e-mail's reply
**                          and forward headers), "leader"
**                          (table-of-contents dots and page numbers),
**                          "separator" (rules drawn with one character);
**                          and for HTML, by what elements say and hold:
**                          "consent" (cookie and consent banners),
**                          "share" (share and follow bars), "related"
**                          (related, recommended and most-read stories,
**                          tickers), "sidebar", "comments", "hidden"
**                          (hidden, aria-hidden, display:none, text for
**                          screen readers only), "code" (code blocks, a
**                          command's synopsis), besides "navigation"
**                          (nav, menus, a site's header and footer,
**                          blocks mostly of links), "promo"
**                          (newsletters, subscriptions, dialogs),
**                          "caption", "advertisement", "byline" and
**                          "markup" (references). An element that holds
**                          the main text, or most of the page's text
**                          when nothing says where the main text is, is
**                          never dropped.
**                          "input.boilerplate" = 0 turns off all but
**                          "leader" and "separator". Errors: PRECIS_EINVAL
**                          for an unknown rule.
**   "input.unwrap"        line breaks inside a paragraph: 1 = rejoin
**                          hard-wrapped or PDF-extracted lines (a break
**                          still ends a sentence before a list item, and
**                          between two short lines of their own), 0 =
**                          every line break ends a sentence, -1 (default)
**                          = rejoin only paragraphs whose lines look
**                          hard-wrapped (one width under 100 characters,
**                          most not ending a sentence), a line in
**                          lowercase after one without final punctuation
**                          in a paragraph that ends a sentence, and a
**                          word broken at its hyphen. Where some lines of a paragraph end
**                          in a space (flowed text, RFC 3676), a line
**                          without one ends its sentence. Under 1, plain
**                          text is read as scraped text too: stray tags
**                          and formatting placeholders ("{b^>1<b^}") are
**                          no text, escaped line breaks ("\n",
**                          "\r\n") break lines, and a word hyphenated at
**                          a line's end is whole again ("har-\nbour"),
**                          keeping its hyphen only when the text writes
**                          the word with one elsewhere
** Errors: PRECIS_EINVAL for an unknown name or an out-of-range value.
*/
PRECIS_API precis_status precis_options_set_param(precis_options *opt,
                                                  const char *name,
                                                  double value,
                                                  precis_error *err);

/*
** How the summary is chosen from the scored sentences:
**   "mmr"         Maximal Marginal Relevance over the combined score
**                 (Carbonell & Goldstein 1998), the default
**   "sumbasic"    SumBasic's word-probability updates (Nenkova &
**                 Vanderwende 2005)
**   "klsum"       the sentence that keeps the summary's word distribution
**                 closest to the input's, in KL divergence (Haghighi &
**                 Vanderwende 2009)
**   "submodular"  coverage plus diversity reward, greedy under the budget
**                 (Lin & Bilmes 2011)
** Only "mmr" uses the scorers; the others are whole methods of their own.
** Errors: PRECIS_EINVAL for an unknown name.
*/
PRECIS_API precis_status precis_options_set_selector(precis_options *opt,
                                                     const char *name,
                                                     precis_error *err);

/* The k-th selector's name, or NULL past the end. Static strings. */
PRECIS_API const char *precis_selector_name(size_t k);

/*
** A query or question the summary should answer (DUC's query-focused
** task): the "query" scorer rates each sentence by its tf-idf cosine with
** it, and unless its weight was set it counts as much as all other
** scorers together. The text is copied; len 0 removes the query.
** Errors: PRECIS_EUTF8 (error.offset says where), PRECIS_ENOMEM.
*/
PRECIS_API precis_status precis_options_set_query(precis_options *opt,
                                                  const char *text,
                                                  size_t len,
                                                  precis_error *err);

/* The order of the summary's sentences. */
typedef enum precis_order {
  PRECIS_ORDER_DOCUMENT = 0, /* as in the input: document, then position */
  PRECIS_ORDER_SCORE,        /* best first, ties by position */
  PRECIS_ORDER_DATE          /* by the date each document carries (see
                                precis_result_document_date), then as
                                DOCUMENT; undated documents come last */
} precis_order;

PRECIS_API void precis_options_set_order(precis_options *opt,
                                         precis_order order);

/*
** The shortest and longest sentence, in words, that may be selected
** (0 for `max_words` = no limit). Shorter and longer sentences are still
** segmented and reported, but never chosen.
** Errors: PRECIS_EINVAL when max_words is non-zero and below min_words.
*/
PRECIS_API precis_status precis_options_set_sentence_words(precis_options *opt,
                                                           size_t min_words,
                                                           size_t max_words,
                                                           precis_error *err);

/*
** Adds a boilerplate pattern: a regular expression in PCRE2's
** Perl-compatible dialect, UTF-8 mode, Unicode classes, no locale (see
** docs/policies.md, "Drop patterns"), matched against each input line
** (its first 4096 bytes), without its line break and surrounding spaces.
** Matching lines are dropped before segmentation and reported as
** PRECIS_KIND_DROPPED with rule "drop_lines". Errors: PRECIS_EINVAL when
** the pattern does not compile, is over 4096 bytes or compiles too large
** (the message says why and where), PRECIS_ENOMEM. A line on which the
** pattern reaches its limit (1,000,000 steps, 50,000 nested backtracking
** points, 8 MiB) makes the run fail with PRECIS_ELIMIT and the line's
** offset.
*/
PRECIS_API precis_status precis_options_add_drop_pattern(precis_options *opt,
                                                         const char *pattern,
                                                         precis_error *err);

/* What to do with bytes that are not valid UTF-8. */
typedef enum precis_utf8_mode {
  PRECIS_UTF8_STRICT = 0, /* fail with PRECIS_EUTF8 and the byte offset */
  PRECIS_UTF8_REPLACE     /* read each bad sequence as U+FFFD */
} precis_utf8_mode;

PRECIS_API void precis_options_set_utf8_mode(precis_options *opt,
                                             precis_utf8_mode mode);

/*
** The encoding of input that does not say its own: a label such as
** "windows-1252", "latin1", "shift_jis", "koi8-r" or "utf-16le", as
** glibc's iconv names encodings, read as the WHATWG Encoding Standard
** reads the labels browsers see ("iso-8859-1", "latin1" and "us-ascii"
** are windows-1252, "shift_jis" is Microsoft's CP932, "gb2312" is GBK,
** "euc-kr" is CP949); NULL, "" or "utf-8" for UTF-8 (the default).
**
** What the input says wins over this option: a byte-order mark (UTF-8,
** UTF-16 before an even number of bytes, UTF-32 before a multiple of
** four, in every format), and for HTML a <meta charset>, a
** <meta http-equiv="content-type" content="...; charset=..."> or an XML
** declaration in its first 1024 bytes (a label iconv does not know is
** passed over). Bytes that are valid UTF-8 with characters beyond ASCII
** are read as UTF-8 whatever is declared or set (servers and templates
** often declare the wrong encoding). Without a mark, a declaration or
** this option, input must be UTF-8: invalid UTF-8 is PRECIS_EUTF8 (or
** U+FFFD under PRECIS_UTF8_REPLACE).
**
** Converted input is read as UTF-8, a byte the encoding cannot read as
** U+FFFD; every offset in results still points into the caller's
** original bytes, precis_result_decoded gives a unit's original bytes as
** UTF-8 and precis_result_encoding the encoding a document was read in.
** The conversion goes through iconv by name (no locale) and costs time
** and memory in proportion to the input.
** Errors: PRECIS_EINVAL ("unknown encoding 'NAME'") for a name iconv does
** not know, PRECIS_ENOMEM.
*/
PRECIS_API precis_status precis_options_set_encoding(precis_options *opt,
                                                     const char *name,
                                                     precis_error *err);

/* How the input is written. */
typedef enum precis_format {
  PRECIS_FORMAT_TEXT = 0, /* plain text (the default) */
  PRECIS_FORMAT_MARKDOWN, /* CommonMark with GitHub's tables (md4c) */
  PRECIS_FORMAT_HTML      /* HTML5 (gumbo) */
} precis_format;

/*
** The input format. Markdown: headings are headings; code blocks, HTML
** blocks, tables, images, link targets and front matter (--- or +++ at
** the start) are not text; list items are sentences. HTML: block elements
** are paragraphs; scripts, styles, templates and form controls are not
** text; boilerplate (navigation, a site's header and footer, sidebars,
** cookie banners, promos, share bars, related stories, comments,
** captions, hidden elements, code: see "input.rule.NAME") is reported
** as dropped units; entities are decoded; <title> and <h1>..<h6> are
** headings. Elements nested more
** than 256 deep are read as their parent's text (a block's end still
** ends a line), so that no nesting costs more than its length; the HTML
** parser's memory is bounded by 64 bytes per input byte plus 64 MiB
** (PRECIS_ELIMIT past it), and a failed allocation inside it is
** PRECIS_ENOMEM with everything freed. Either way every offset in
** results still points into the caller's original bytes, and
** precis_result_text gives a unit's text as read (markup removed).
** Unknown values are ignored.
*/
PRECIS_API void precis_options_set_format(precis_options *opt,
                                          precis_format format);

/* ======================================================================
** Summarizer
**
** An immutable compiled form of options: language data looked up, patterns
** compiled. Owned by the caller, released with precis_summarizer_free. Once
** made, one summarizer may serve any number of threads at once.
** ====================================================================== */

typedef struct precis_summarizer precis_summarizer;

/*
** Compiles `opt` (which may be NULL for the defaults) into a summarizer.
** Errors: PRECIS_EINVAL (inconsistent options), PRECIS_ENOMEM.
*/
PRECIS_API precis_status precis_summarizer_new(const precis_options *opt,
                                               precis_summarizer **out,
                                               precis_error *err);

/* Releases a summarizer. NULL is a no-op. No call may still be using it. */
PRECIS_API void precis_summarizer_free(precis_summarizer *s);

/* ======================================================================
** Running
** ====================================================================== */

typedef struct precis_result precis_result;

/*
** Summarizes `ndocs` documents into one summary. With several documents,
** sentences compete across all of them and each result sentence says which
** document it came from.
**
** The result, owned by the caller and released with precis_result_free,
** holds every unit (sentence, heading, dropped line) of every document, with
** scores, ranks and the selection. It does not point into `docs`.
**
** Errors: PRECIS_EINVAL (NULL arguments, ndocs == 0), PRECIS_EUTF8 (with
** err->doc, err->offset, err->line and err->column set), PRECIS_ELIMIT
** (input over "input.max_bytes"), PRECIS_EEMPTY (no sentence in any
** document), PRECIS_ENOMEM. Thread-safe for distinct results.
*/
PRECIS_API precis_status precis_summarize(const precis_summarizer *s,
                                          const precis_text *docs,
                                          size_t ndocs,
                                          precis_result **out,
                                          precis_error *err);

/*
** Cleans up and segments only: the result holds every unit with its kind
** and span, but no scores and no selection. Empty input is not an error
** here (the result has no unit). Errors as precis_summarize, but never
** PRECIS_EEMPTY.
*/
PRECIS_API precis_status precis_segment(const precis_summarizer *s,
                                        const precis_text *docs,
                                        size_t ndocs,
                                        precis_result **out,
                                        precis_error *err);

/*
** Scores and drops that the caller computed itself, for example with a
** scorer or filter written in Lua (a policy's own scorers). Every array
** has one entry per unit of the documents, in the order precis_segment
** reports them with the same summarizer: run precis_segment first, look
** at its units, then call precis_summarize_with. Entries for units that
** are not sentences are ignored.
*/
typedef struct precis_extra_scorer {
  const char *name;      /* shown by precis_result_scorer_name; not the
                            name of a built-in scorer, unique */
  double weight;         /* finite, >= 0; its share of the mix, as for
                            precis_options_set_weight */
  const double *values;  /* nunits values, finite, or NaN where the scorer
                            has nothing to say (its weight then leaves that
                            sentence's mean); scaled into [0, 1] by the
                            largest value, or from min to max when some
                            value is negative */
} precis_extra_scorer;

typedef struct precis_extras {
  size_t nunits;                      /* the number of units segmented */
  const precis_extra_scorer *scorers; /* nscorers of them, or NULL */
  size_t nscorers;
  const char *const *drop;  /* NULL, or nunits entries: a non-NULL entry
                               drops that sentence before anything is
                               measured, as if it were boilerplate; the
                               string is the unit's rule in the result */
  int only;                 /* 1: the extra scorers are the whole mix and
                               the summarizer's own weights do not count */
} precis_extras;

/*
** precis_summarize with caller-given scorers and drops (`extras` may be
** NULL: then it is precis_summarize). The built-in scorers are combined
** as usual; their weighted mean then counts with the sum of their weights
** beside each extra scorer. Extra scorers change the selection under the
** "mmr" selector, the one that reads scores. Dropped sentences are
** reported as PRECIS_KIND_DROPPED units. The result copies every string.
** Errors: as precis_summarize, and PRECIS_EINVAL when `extras` does not
** fit the documents (another number of units), a name is missing, repeats
** or is a built-in scorer's, a weight or value is out of range, or `only`
** is set with no extra scorer of positive weight.
*/
PRECIS_API precis_status precis_summarize_with(const precis_summarizer *s,
                                               const precis_text *docs,
                                               size_t ndocs,
                                               const precis_extras *extras,
                                               precis_result **out,
                                               precis_error *err);

/* Releases a result. NULL is a no-op. */
PRECIS_API void precis_result_free(precis_result *r);

/* ======================================================================
** Results
**
** Accessors are read-only and thread-safe. Strings they return are owned by
** the result (or static) and valid until precis_result_free.
** ====================================================================== */

/* What a unit of the input is. */
typedef enum precis_kind {
  PRECIS_KIND_SENTENCE = 0, /* a sentence: a candidate for the summary */
  PRECIS_KIND_TITLE,        /* the document's title (its first heading) */
  PRECIS_KIND_HEADING,      /* a heading, caption or other fragment */
  PRECIS_KIND_DROPPED,      /* boilerplate removed by a rule (see `rule`):
                            ** text the page or the tool put around the
                            ** document (navigation, advertisements,
                            ** promotions, markup, credits and captions,
                            ** bylines, page numbers, a repeated title,
                            ** lines the caller's patterns drop) */
  PRECIS_KIND_FRAGMENT      /* text of the document that a rule keeps out
                            ** of the summary (see `rule`): a greeting or
                            ** sign-off ("salutation"), a separator line
                            ** ("separator"), a date stamp or dateline
                            ** ("dateline"), an e-mail's header lines
                            ** ("mail_header"); never a candidate */
} precis_kind;

/*
** One unit of the input, as a plain value. Offsets point into the caller's
** original bytes of document `doc`, whatever clean-up happened: the span
** runs from the first byte of the unit's first character to the last
** byte of its last (a character reference or a replaced byte counts as
** the character it stands for), so 0 <= start <= end <= len, and the
** units of a document come in order without overlapping.
*/
typedef struct precis_sentence {
  size_t doc;          /* 0-based document index */
  size_t index;        /* 0-based position among its document's units */
  size_t start, end;   /* byte span in the original document, end exclusive */
  size_t words;        /* number of word tokens */
  size_t chars;        /* number of code points in the span */
  precis_kind kind;
  const char *rule;    /* for PRECIS_KIND_DROPPED and PRECIS_KIND_FRAGMENT,
                       ** the rule's name */
  double score;        /* combined score in [0, 1]; 0 when not a candidate */
  size_t rank;         /* 1 = best; 0 = not ranked (not a candidate) */
  int selected;        /* 1 when the sentence is in the summary */
  int item;            /* 1 when it opens a list item of plain text: its
                       ** span starts with the marker ("- ", "2. ") */
} precis_sentence;

/* The number of units (all documents, all kinds). */
PRECIS_API size_t precis_result_count(const precis_result *r);

/*
** Copies unit `i` (0 <= i < count) into `*out`. Returns 0 when `i` is out
** of range (and leaves `*out` alone), 1 otherwise.
*/
PRECIS_API int precis_result_get(const precis_result *r, size_t i,
                                 precis_sentence *out);

/* The number of selected sentences. */
PRECIS_API size_t precis_result_selected_count(const precis_result *r);

/*
** The unit index of the k-th sentence of the summary, in summary order
** (document order or score order, as the options say), or (size_t)-1 when
** k is out of range.
*/
PRECIS_API size_t precis_result_selected(const precis_result *r, size_t k);

/* The number of documents the result was made from. */
PRECIS_API size_t precis_result_documents(const precis_result *r);

/*
** The date document `doc` carries, as yyyymmdd (20231114), or 0 when it
** carries none. It is read from a date stamp or a dateline that is a line
** of its own near the top ("date 2023-11-14", "November 6, 2023",
** "Tuesday, 14 November 2023").
*/
PRECIS_API int precis_result_document_date(const precis_result *r, size_t doc);

/*
** The number of scorers that took part (weight > 0), their names and
** weights, and the normalised value in [0, 1] that scorer `k` gave unit `i`
** (0 for non-candidates). A unit's score is the weighted mean of its values
** over the scorers that apply to it: "title" does not apply in a document
** without a title (its value is then 0 and its weight left out).
*/
PRECIS_API size_t precis_result_scorer_count(const precis_result *r);
PRECIS_API const char *precis_result_scorer_name(const precis_result *r,
                                                 size_t k);
PRECIS_API double precis_result_scorer_weight(const precis_result *r,
                                              size_t k);
PRECIS_API double precis_result_scorer_value(const precis_result *r,
                                             size_t i, size_t k);

/*
** Unit `i`'s text as precis read it, where that differs from the caller's
** bytes between its start and end: a Markdown or HTML unit without its
** markup and with entities decoded, text whose invalid bytes were read
** as U+FFFD, plain text cleaned under "input.unwrap" = 1, or a sentence
** across the lines of an e-mail quotation without the "> " that start
** them, across a word broken at a line's end with "-", U+2010 or a soft
** hyphen without the line break (and without the soft hyphen), or across
** a line break between two Chinese or Japanese characters without it. Returns NULL when the caller's bytes are the text (plain
** text, valid UTF-8) or `i` is out of range; else a pointer owned by the
** result (not NUL-terminated) and its length in *len.
*/
PRECIS_API const char *precis_result_text(const precis_result *r, size_t i,
                                          size_t *len);

/*
** For a document read from another encoding than UTF-8 (a byte-order
** mark, an HTML declaration or precis_options_set_encoding): unit `i`'s
** original bytes, from its start to its end, converted to UTF-8, markup
** and all (precis_result_text has the text without it). Returns NULL
** when the unit's document was read as UTF-8 (its bytes are their own
** text) or `i` is out of range; else a pointer owned by the result (not
** NUL-terminated) and its length in *len.
*/
PRECIS_API const char *precis_result_decoded(const precis_result *r, size_t i,
                                             size_t *len);

/*
** The encoding document `doc` was read in, in lowercase as iconv names
** it ("windows-1252", "utf-16le", "koi8-r"), when it was not UTF-8; NULL
** for UTF-8 (with or without its byte-order mark, or ASCII that reads the
** same in the encoding declared) or a `doc` out of range. Owned by the
** result.
*/
PRECIS_API const char *precis_result_encoding(const precis_result *r, size_t doc);

/* The language the result was made with (its English name). */
PRECIS_API const char *precis_result_language(const precis_result *r);

/* ======================================================================
** Batches: one summary per document, for many documents, on threads
**
** A batch runs one summarizer on `jobs` threads. The caller's thread adds
** documents (precis_batch_add) or JSON Lines records (precis_batch_add_json)
** and takes the results back with precis_batch_next, in the order they
** were added, whatever thread finished first; at most
** precis_batch_window() documents are held at a time. Each result is also
** written as one line: a JSON object (the shape of `summarize --format
** json`, with "id" first, or {"id","error":{"code","message",...}}) or
** text. precis_batch_run drives a batch over files, directories and JSON
** Lines streams and writes every line to an output (docs/batch.md).
** A batch is used by one thread at a time; the summarizer must outlive it.
** ====================================================================== */

typedef struct precis_batch precis_batch;

/*
** Starts `jobs` threads (0: one per online core) that summarize with `s`.
** Errors: PRECIS_EINVAL (NULL arguments, more than 1024 jobs),
** PRECIS_ENOMEM (also when no thread can start).
*/
PRECIS_API precis_status precis_batch_new(const precis_summarizer *s,
                                          size_t jobs, precis_batch **out,
                                          precis_error *err);

/* Lets the threads finish what they hold, stops them and releases the
** batch and every result it still holds. NULL is a no-op. */
PRECIS_API void precis_batch_free(precis_batch *b);

/*
** A setting, before the first document is added:
**   "format"     "json" (default) or "text": each sentence on a line of
**                its own after the id and a tab; a failure as
**                "ID<tab>error: CODE: message"
**   "input"      "auto" (default: a file's format from its name, else the
**                summarizer's), "text", "markdown" or "html"
**   "window"     documents held at a time, from `jobs` to 65536 (default
**                2 * jobs + 2)
**   "keep"       "1": precis_batch_next also hands over each precis_result
**   "include", "exclude"  (repeatable) for precis_batch_run: shell
**                patterns (fnmatch) on the base name of the files found in
**                directories; "exclude" leaves out directories too
**   "output"     for precis_batch_run: the file the records go to
**                (default: standard output)
**   "output_dir" for precis_batch_run: a folder that gets one file per
**                document instead, named after its id (.json or .txt)
**   "resume"     "1": precis_batch_run leaves out the documents whose id
**                is in the output already, and appends
**   "stdin_name", "stdin_line"  for precis_batch_run: the name and the
**                number of the first line of standard input, for the ids
**                of records without one ("<stdin>" and 1): a part of a
**                file piped in keeps the ids the whole file gives
** Errors: PRECIS_EINVAL for an unknown name or a bad value, or after the
** first document; PRECIS_ENOMEM.
*/
PRECIS_API precis_status precis_batch_set(precis_batch *b, const char *name,
                                          const char *value,
                                          precis_error *err);

/* How many documents the batch holds at most; how many it holds now
** (added and not yet taken back). */
PRECIS_API size_t precis_batch_window(const precis_batch *b);
PRECIS_API size_t precis_batch_pending(const precis_batch *b);

/*
** Adds one document: `id` (id_len bytes, any bytes; written as a JSON
** string) and `doc` are copied. Errors: PRECIS_ELIMIT when the window is
** full (take a result first), PRECIS_EINVAL, PRECIS_ENOMEM.
*/
PRECIS_API precis_status precis_batch_add(precis_batch *b, const char *id,
                                          size_t id_len,
                                          const precis_text *doc,
                                          precis_error *err);

/*
** Adds one JSON Lines record, the line without its line break (copied; it
** is parsed on a thread): {"id": string or integer, "text": string} and,
** optionally, "name", "title" (read as the document's first heading),
** "query", "language" and "options" ({"sentences", "words", "chars",
** "ratio", "input", "order", "min_words", "max_words", "unwrap",
** "invalid_utf8", "language", "query"}). A record that cannot be read is a
** failed result; one without an id gets "SOURCE:LINENO" (`source` may be
** NULL). Errors: as precis_batch_add.
*/
PRECIS_API precis_status precis_batch_add_json(precis_batch *b,
                                               const char *line, size_t len,
                                               const char *source,
                                               size_t lineno,
                                               precis_error *err);

/* One result, valid until the next call of precis_batch_next or
** precis_batch_free on the batch. */
typedef struct precis_batch_item {
  const char *id;          /* the id as JSON (a string with its quotes, or
                           ** an integer) */
  size_t id_len;
  precis_status status;    /* PRECIS_OK, or why the document failed */
  const precis_error *error; /* when status is not PRECIS_OK */
  const char *record;      /* the output line, ending in a line break and
                           ** then a NUL byte (text: as
                           ** many lines as sentences) */
  size_t record_len;       /* 0 for a document left out (resume) */
  int skipped;             /* 1: its id was in the output already */
  const precis_result *result; /* with "keep", when status is PRECIS_OK */
  precis_text text;        /* the document as summarized */
  size_t shift;            /* bytes put before the caller's text (a title):
                           ** offsets in `result` less this are offsets in
                           ** the caller's text */
} precis_batch_item;

/*
** Waits for the oldest document added and not yet taken, and describes its
** result in `*item`. Errors: PRECIS_EEMPTY when the batch holds none,
** PRECIS_EINVAL.
*/
PRECIS_API precis_status precis_batch_next(precis_batch *b,
                                           precis_batch_item *item,
                                           precis_error *err);

/* Where a run is. */
typedef struct precis_batch_stats {
  size_t total;      /* documents to read, when known (total_known) */
  int total_known;
  size_t done;       /* documents written (failures too) */
  size_t errors;     /* failed documents */
  size_t skipped;    /* documents left out by "resume" */
  double seconds;    /* since the run started */
} precis_batch_stats;

/* Called on the caller's thread about ten times a second, and once more
** with `last` = 1 at the end. */
typedef void precis_batch_progress(void *ud, const precis_batch_stats *st,
                                   int last);

/*
** Reads `paths` in order -- a directory (every file below it, in byte
** order of names, not following links to directories), a file named
** *.jsonl or *.ndjson (JSON Lines records), "-" (JSON Lines on standard
** input), any other file (one document, its id and name the path as
** given) -- summarizes every document on the batch's threads and writes
** one line per document to the output, in input order, each written
** whole and flushed. A document over the summarizer's "input.max_bytes",
** or that cannot be read, is a failed record and the run goes on.
** `progress` may be NULL. On return `*stats` (may be NULL) says how many
** documents were written and how many failed.
** Errors: PRECIS_EIO (the output cannot be written, a folder cannot be
** read, with sys_errno), PRECIS_EINVAL ("resume" without an output file
** or folder, an output file that does not hold records), PRECIS_ENOMEM.
** A failed document is no error of the run: see stats->errors.
*/
PRECIS_API precis_status precis_batch_run(precis_batch *b,
                                          const char *const *paths,
                                          size_t npaths,
                                          precis_batch_progress *progress,
                                          void *ud, precis_batch_stats *stats,
                                          precis_error *err);

#ifdef __cplusplus
}
#endif

#endif /* PRECIS_H */
