/*
** internal.h: declarations shared between the files of the precis core.
** Never installed. Names shared across files are precisI_<stage>_<verb>.
*/
#ifndef PRECIS_INTERNAL_H
#define PRECIS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "precis.h"

/* ---------------------------------------------------------------------
** Limits
** --------------------------------------------------------------------- */

/* default total input; 32-bit token and sentence counters stay far away */
#if !defined(PRECIS_MAX_INPUT_BYTES)
#define PRECIS_MAX_INPUT_BYTES ((size_t)64 << 20)
#endif

/* language "auto" reads this much text: enough to decide, and a bound on
** the time it takes */
#if !defined(PRECIS_DETECT_BYTES)
#define PRECIS_DETECT_BYTES ((size_t)16 << 10)
#endif

/* longest line a boilerplate pattern is matched against (its first bytes,
** cut at a character's start) */
#if !defined(PRECIS_MAX_PATTERN_LINE)
#define PRECIS_MAX_PATTERN_LINE 4096
#endif

/* Drop patterns (PCRE2): the longest pattern, what compiling one may
** allocate, and what matching one line may cost: steps (PCRE2's match
** limit), nested backtracking points (depth) and heap in KiB. A line that
** reaches a limit is PRECIS_ELIMIT. */
#if !defined(PRECIS_MAX_PATTERN_BYTES)
#define PRECIS_MAX_PATTERN_BYTES 4096
#endif
#if !defined(PRECIS_PATTERN_COMPILE_BYTES)
#define PRECIS_PATTERN_COMPILE_BYTES ((size_t)1 << 20)
#endif
#if !defined(PRECIS_PATTERN_MATCH_LIMIT)
#define PRECIS_PATTERN_MATCH_LIMIT 1000000
#endif
#if !defined(PRECIS_PATTERN_DEPTH_LIMIT)
#define PRECIS_PATTERN_DEPTH_LIMIT 50000
#endif
#if !defined(PRECIS_PATTERN_HEAP_KIB)
#define PRECIS_PATTERN_HEAP_KIB 8192
#endif

/* above this many sentences each node keeps only its strongest edges, so
** that graph memory stays linear in the input */
#if !defined(PRECIS_EXACT_GRAPH_NODES)
#define PRECIS_EXACT_GRAPH_NODES 2000
#endif
#if !defined(PRECIS_MAX_EDGES_PER_NODE)
#define PRECIS_MAX_EDGES_PER_NODE 16
#endif
/* ... and so they do when the sentences share terms in more pairs than
** this and PRECIS_MAX_EDGES_PER_NODE per sentence: a few thousand short
** sentences of the same words would make the exact graph quadratic */
#if !defined(PRECIS_EXACT_GRAPH_PAIRS)
#define PRECIS_EXACT_GRAPH_PAIRS 65536
#endif
/* ... and pairs are sought only through terms in at most this many
** sentences: comparing every pair that shares a term is quadratic, and the
** common terms this skips have an idf near the floor anyway */
#if !defined(PRECIS_MAX_PAIR_DF)
#define PRECIS_MAX_PAIR_DF 32
#endif
/* weaker edges than this carry no information in any scorer */
#define PRECIS_MIN_EDGE_COS 0.01

/* power iteration: fixed cap and L1 tolerance keep every run identical */
#define PRECIS_RANK_MAX_ITER 200
#define PRECIS_RANK_TOL 1e-7

/* ---------------------------------------------------------------------
** Errors (error.c)
** --------------------------------------------------------------------- */

precis_status precisI_seterr(precis_error *err, precis_status code,
                             const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void precisI_seterr_source(precis_error *err, const char *name, size_t doc);

/* ---------------------------------------------------------------------
** Growable arrays (arena.c): freed by the run that made them
** --------------------------------------------------------------------- */

typedef struct precisI_vec {
  void *p;
  size_t n, cap, esz;
} precisI_vec;

void precisI_vec_init(precisI_vec *v, size_t esz);
void *precisI_vec_push(precisI_vec *v); /* zeroed slot, NULL on OOM */
int precisI_vec_reserve(precisI_vec *v, size_t n); /* 1 ok, 0 OOM */
void precisI_vec_free(precisI_vec *v);
void precisI_vec_trim(precisI_vec *v); /* gives back the unused room */
#define precisI_vec_at(v, T, i) (((T *)(v)->p)[i])

/* overflow-checked allocation of n elements of size sz; NULL on failure */
void *precisI_alloc(size_t n, size_t sz);
void *precisI_calloc(size_t n, size_t sz);

/* ---------------------------------------------------------------------
** UTF-8 (utf8.c)
** --------------------------------------------------------------------- */

/* How many bytes of [s, s + n) come before the first that is not ASCII,
** eight at a time */
size_t precisI_ascii_span(const char *s, size_t n);
/* Returns 1 when [s, s+len) is valid UTF-8; else 0 with the offset of the
** first bad byte and a static reason. */
int precisI_utf8_check(const char *s, size_t len, size_t *bad,
                       const char **why);
/* 1-based line and column (in code points) of byte `off` */
void precisI_utf8_position(const char *s, size_t off, size_t *line,
                           size_t *col);
/* Decodes one code point of valid UTF-8 at s[i]; returns its byte length.
** ASCII, most of most texts, is decoded here, without a call. */
size_t precisI_utf8_decode_mb(const char *s, size_t len, size_t i, int32_t *cp);
static inline size_t precisI_utf8_decode(const char *s, size_t len, size_t i,
                                         int32_t *cp) {
  unsigned char c = (unsigned char)s[i];
  if (c < 0x80) { *cp = c; return 1; }
  return precisI_utf8_decode_mb(s, len, i, cp);
}
/* Case-folds and composes the UTF-8 word w[0, n) into out (no NUL), as
** utf8proc_map with CASEFOLD | COMPOSE | STABLE does, but in memory of its
** own: it allocates nothing, so that no failed allocation can leave a
** word unfolded. Returns the length, or 0 when w is empty or not UTF-8,
** or the result exceeds `cap` bytes (or 256 code points). */
size_t precisI_utf8_fold(const char *w, size_t n, char *out, size_t cap);

/* A map from a rewritten text back to the text it was read from (see
** spans.c): runs in order in both texts that never overlap. From `clean`
** on, each character of the run is `cw` bytes of the text standing for
** `ow` bytes of the source from `orig` on: a copy is 1 for 1, "&amp;"
** read as "&" 1 for 5, U+FFFD for a bad byte 3 for 1, a break between
** blocks 1 for 0. Source bytes between runs stand for no text (a tag).
** The last entry has cw == 0 and marks where both texts end. */
typedef struct precisI_seg {
  size_t clean, orig;
  size_t cw, ow;
} precisI_seg;

/* a map being built: runs, and where the last one ends in both texts */
typedef struct precisI_segs {
  precisI_vec v; /* precisI_seg */
  size_t end, oend;
} precisI_segs;

void precisI_segs_init(precisI_segs *b);
int precisI_segs_add(precisI_segs *b, const char *t, size_t n, size_t orig,
                     size_t olen); /* 0 on OOM */
int precisI_segs_finish(precisI_segs *b); /* 0 on OOM */

/* A clean copy of one document: the text every stage reads, valid UTF-8.
** When nothing was rewritten `text` points at the caller's data. */
typedef struct precisI_source {
  const char *text;
  size_t len;
  /* a declared encoding converted to UTF-8 (encoding.c), and its iconv
  ** name ("" when the bytes were read as UTF-8) */
  char *eowned;
  precisI_seg *emap;
  size_t nemap;
  char encoding[48];
  /* bad bytes replaced by U+FFFD (utf8.c) */
  char *owned;
  precisI_seg *map;
  size_t nmap;
  /* Markdown and HTML, or scraped text cleaned (format.c): `text` becomes
  ** the text the reader found */
  char *xowned;
  precisI_seg *xmap;
  size_t nxmap;
  struct precisI_lower *lower; /* segment.c: its words in lowercase, or NULL */
} precisI_source;

/* encoding.c: the caller's bytes as UTF-8, when a byte-order mark, an
** HTML page's declaration or the encoding option says they are in another
** encoding: *text and *len are then src->eowned (src->emap maps it back),
** else the bytes themselves. */
precis_status precisI_decode(const precis_summarizer *s, const char *bytes, size_t n,
                             precisI_source *src, const char **text, size_t *len,
                             precis_error *err);
/* the iconv name of an encoding label ("latin1" -> "windows-1252", lowercase), into
** out; PRECIS_EINVAL when iconv does not know it */
precis_status precisI_encoding_name(const char *label, char *out, size_t cap,
                                    precis_error *err);
precis_status precisI_utf8_clean(const char *s, size_t len,
                                 precis_utf8_mode mode, precisI_source *out,
                                 precis_error *err);
void precisI_source_free(precisI_source *src);
/* The span of the caller's bytes that the text span [*start, *end)
** stands for, from its first character's first byte to its last
** character's last byte (spans.c). */
void precisI_source_span(const precisI_source *src, size_t *start, size_t *end);
/* the same span in the text read as UTF-8 from another encoding
** (src->eowned), when there is one */
void precisI_source_span_decoded(const precisI_source *src, size_t *start, size_t *end);

/* Character classes of a code point, locale-free. */
/* The ASCII cases are answered inline: these run once per character in
** every stage's inner loop; utf8proc's tables answer the rest. */
int precisI_is_space_u(int32_t cp);
int precisI_is_word_u(int32_t cp);   /* letters, marks, digits */
int precisI_is_upper_u(int32_t cp);
/* Han and kana: scripts written without spaces, whose sentences and
** wrapped lines follow each other with none */
int precisI_is_cjk(int32_t cp);
int precisI_is_lower_u(int32_t cp);
int precisI_is_digit_u(int32_t cp);

static inline int precisI_is_space(int32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0;
  return precisI_is_space_u(cp);
}
static inline int precisI_is_word(int32_t cp) {
  if (cp < 0x80)
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= '0' && cp <= '9');
  return precisI_is_word_u(cp);
}
static inline int precisI_is_upper(int32_t cp) {
  return cp < 0x80 ? cp >= 'A' && cp <= 'Z' : precisI_is_upper_u(cp);
}
static inline int precisI_is_lower(int32_t cp) {
  return cp < 0x80 ? cp >= 'a' && cp <= 'z' : precisI_is_lower_u(cp);
}
static inline int precisI_is_digit(int32_t cp) {
  return cp < 0x80 ? cp >= '0' && cp <= '9' : precisI_is_digit_u(cp);
}

/* ---------------------------------------------------------------------
** Languages (lang.c)
** --------------------------------------------------------------------- */

/* a sorted (bytewise) list of case-folded words, NUL-terminated, in rows
** of `width` bytes (no pointers: the packs need no relocations at load) */
typedef struct precisI_words {
  const char *w;
  size_t width, n;
} precisI_words;
static inline const char *precisI_word(const precisI_words *l, size_t k) {
  return l->w + k * l->width;
}

/* flags of a language pack (lang/README.md) */
enum {
  PRECIS_LANG_ORDINAL_DOT = 1, /* "am 12. Juni": a period after a small number */
  PRECIS_LANG_SPLIT_LOWER = 2, /* a terminator ends a sentence before lowercase */
  PRECIS_LANG_NO_SPACES = 4,   /* written without spaces between words */
  PRECIS_LANG_CAPITAL_NOUNS = 8 /* nouns are capitalised (German) */
};

/* One language pack, generated from lang/<code>.txt into langdata.c. */
typedef struct precisI_lang {
  const char *name;      /* "english" */
  const char *code;      /* "en" */
  const char *stemmer;   /* libstemmer algorithm, NULL = no stemming */
  const char *script;    /* ISO 15924: "Latn", "Cyrl", "Hani", ... */
  const int32_t *term;   /* sentence terminators */
  size_t nterm;
  unsigned flags;
  precisI_words stop;    /* stopwords */
  precisI_words inner;   /* abbreviations that never end a sentence */
  precisI_words number;  /* ... that end none before a number */
  precisI_words abbrev;  /* ... that end one only before a sentence starter */
  precisI_words final;   /* ... that end one before any capitalised word */
  precisI_words starters; /* words that start sentences, besides stopwords */
  /* scraped-page lines in the language (phrases, case-folded): whole
  ** lines that are advertising or navigation, and promotion prefixes */
  precisI_words advertisement, promo, navigation;
  precisI_words date_labels; /* "updated", "publié le": before a date stamp */
  const char *const *months; /* twelve month names, January first, or NULL */
} precisI_lang;

extern const precisI_lang precisI_langs[];   /* sorted by name */
extern const size_t precisI_nlangs;
extern const precisI_lang precisI_lang_common; /* shared by Latin scripts */

/* by English name or ISO 639-1 code, case-insensitive; "none" is the
** language without stemming or stopwords; NULL when unknown */
const precisI_lang *precisI_lang_find(const char *name_or_code);
int precisI_lang_is_stop(const precisI_lang *lang, const char *w, size_t n);
/* The packs that list the case-folded word [w, w + n) as a stopword, as
** bits over precisI_langs: one lookup in langdata.c's table of every
** pack's stopwords (FNV-1a, linear probing). */
uint64_t precisI_stop_packs(const char *w, size_t n);

/* Abbreviation class of the word `w` (n bytes, as written, without its
** final period) in `lang`: one of PRECIS_ABBR_* below. */
int precisI_lang_abbrev(const precisI_lang *lang, const char *w, size_t n);
/* Does s start with `phrase` (lowercase), case and runs of white space
** aside? The bytes of s it covers, or 0. */
size_t precisI_prefix_fold(const char *s, size_t n, const char *phrase);
/* The pack's rule for a whole line of a scraped page ("advertisement",
** "navigation", "promo"), or NULL. */
const char *precisI_lang_line_rule(const precisI_lang *lang, const char *s,
                                   size_t n, size_t words);
/* the length of a date label of the pack at s ("publié le"), or 0 */
size_t precisI_lang_date_label(const precisI_lang *lang, const char *s, size_t n);
/* 1..12 for a month name of the pack or its first three letters or more */
int precisI_lang_month(const precisI_lang *lang, const char *w, size_t n);
/* ... or an inflected form of one: its first four letters, or all of a
** shorter name ("listopada", "maja") */
int precisI_lang_month_form(const precisI_lang *lang, const char *w, size_t n);
/* Is `w` (as written) a word that starts sentences in `lang`? */
int precisI_lang_starter(const precisI_lang *lang, const char *w, size_t n);
/* Does `cp` end sentences in `lang`? */
int precisI_lang_terminal(const precisI_lang *lang, int32_t cp);

/* every pack's stopwords in one hash table (langdata.c, generated): a
** word and the packs that list it, as bits over precisI_langs */
typedef struct precisI_stopslot {
  uint32_t word;   /* precisI_stopwords[word - 1]; 0 for an empty slot */
  uint32_t len;
  uint64_t mask;
} precisI_stopslot;
extern const char precisI_stopwords[][32]; /* sorted, NUL-padded */
extern const precisI_stopslot precisI_stopslots[];
extern const uint32_t precisI_stophash[]; /* FNV-1a of each slot's word
                                          ** (at least 1), 0 when empty */
extern const size_t precisI_nstopslots; /* a power of two */

/* detect.c: the pack for the language of [t, t+n), English when unsure */
const precisI_lang *precisI_detect(const char *t, size_t n);

/* English abbreviation classes used by the segmenter (see lang.c) */
enum { PRECIS_ABBR_NONE = 0, PRECIS_ABBR_INNER, PRECIS_ABBR_ANY,
       PRECIS_ABBR_NUMBER, PRECIS_ABBR_FINAL };
int precisI_abbrev_class(const char *w, size_t n);
int precisI_is_starter(const char *w, size_t n);

/* ---------------------------------------------------------------------
** Options and summarizer (options.c)
** --------------------------------------------------------------------- */

enum {
  PRECIS_SC_POSITION, PRECIS_SC_LENGTH, PRECIS_SC_LUHN, PRECIS_SC_CENTROID,
  PRECIS_SC_LEXRANK, PRECIS_SC_TEXTRANK, PRECIS_SC_TITLE, PRECIS_SC_EDMUNDSON,
  PRECIS_SC_LSA, PRECIS_SC_SUMBASIC, PRECIS_SC_MEAD, PRECIS_SC_PACSUM,
  PRECIS_SC_QUERY, PRECIS_NSCORERS
};

/* how the summary is chosen from the scored sentences (select.c) */
enum {
  PRECIS_SEL_MMR, PRECIS_SEL_SUMBASIC, PRECIS_SEL_KLSUM, PRECIS_SEL_SUBMODULAR,
  PRECIS_NSELECTORS
};

struct precis_options {
  char language[32];
  precis_unit unit;
  double budget;
  double weight[PRECIS_NSCORERS];
  unsigned char weight_set[PRECIS_NSCORERS]; /* set_weight was called */
  double lex_threshold, lex_damping, tr_damping, luhn_threshold, pos_decay;
  int tr_similarity;                /* 0 word overlap, 1 BM25 */
  double rank_bias;                 /* PageRank teleport bias, [0, 1] */
  int lex_continuous;
  int filter_questions;              /* drop questions from the summary */
  double lambda, max_sim;
  int boilerplate;
  int unwrap;               /* -1 auto, 0 never, 1 always (ingest.c) */
  unsigned rules_off;       /* built-in rules switched off, 1 << id */
  precis_format format;     /* text, markdown or html (format.c) */
  size_t heading_words;
  size_t max_bytes;
  precis_order order;
  size_t min_words, max_words;
  precis_utf8_mode utf8;
  char encoding[48];        /* iconv name for input that declares none, "" = UTF-8 */
  char **patterns;
  size_t npatterns;
  int selector;
  double near_dup;                  /* Jaccard of shingles, 0 = off */
  double pac_lambda1, pac_lambda2, pac_beta;
  double ed_cue, ed_key, ed_title, ed_location;
  double lsa_dims;
  double sub_alpha, sub_lambda, sub_r;
  char *query;                      /* owned copy, or NULL */
  size_t query_len;
};

/* what compiling one pattern may allocate, and what it did */
typedef struct precisI_rebudget {
  size_t used, limit;
  int over;
} precisI_rebudget;

struct precis_summarizer {
  precis_options opt;       /* its patterns: copies, for messages */
  const precisI_lang *lang; /* NULL for "auto": each run detects it */
  pcre2_code **re;          /* opt.npatterns compiled patterns */
  pcre2_general_context *gctx; /* precis's allocator, for match data */
  pcre2_match_context *mctx;   /* the match limits */
  precisI_rebudget rebudget; /* what compiling them allocated, and the bound */
};

/* drop patterns (options.c): a run's match data, from s->gctx (NULL when
** out of memory), and one line against them: *hit is 1 when a pattern
** matches; ENOMEM, or ELIMIT when a pattern reached a limit on this line
** (which starts at byte `at` of the caller's text: err's offset) */
pcre2_match_data *precisI_pattern_data(const precis_summarizer *s);
precis_status precisI_pattern_match(const precis_summarizer *s, pcre2_match_data *md,
                                    const char *t, size_t n, size_t at, int *hit,
                                    precis_error *err);

/* ---------------------------------------------------------------------
** The run: what every stage reads and writes (summarize.c orchestrates)
** --------------------------------------------------------------------- */

enum { PRECIS_BLOCK_TEXT, PRECIS_BLOCK_HEADING, PRECIS_BLOCK_DROPPED,
       PRECIS_BLOCK_ITEM /* format hints only: a list item */ };

typedef struct precisI_block {
  size_t start, end;   /* clean-text span */
  int kind;
  const char *rule;    /* for dropped blocks */
  int item;            /* a text block that opens with a list marker */
} precisI_block;

typedef struct precisI_unit {
  uint32_t doc;
  uint32_t kind;       /* precis_kind */
  size_t start, end;   /* clean-text span */
  const char *rule;
  uint32_t words;      /* word tokens */
  uint32_t tok, ntok;  /* its content terms: run->terms[tok .. tok+ntok) */
  uint32_t cand;       /* candidate number, or UINT32_MAX */
  int item;            /* opens a list item of plain text ("- ", "1. ") */
} precisI_unit;

/* a sentence's term vector entry */
typedef struct precisI_tf {
  uint32_t term;
  float w;             /* tf * idf */
  uint32_t tf;
} precisI_tf;

typedef struct precisI_edge {
  uint32_t to;
  float cos;           /* tf-idf cosine */
  float tr;            /* TextRank weight */
} precisI_edge;

typedef struct precisI_run {
  const precis_summarizer *s;
  const precisI_lang *lang;  /* the summarizer's, or the one detected */
  size_t ndocs;
  precisI_source *src;     /* ndocs clean texts */
  precisI_vec units;       /* precisI_unit, all documents in order */
  precisI_vec terms;       /* uint32_t content-term ids, per unit slices */
  size_t nterms;           /* distinct stems */
  /* candidates: the sentence units, in order */
  uint32_t *cand;          /* unit index of each candidate */
  size_t ncand;
  uint32_t *cand_doc;      /* its document */
  uint32_t *cand_pos;      /* its position among its document's sentences */
  uint32_t *title;         /* per doc: unit index of the title or UINT32_MAX */
  /* model (model.c) */
  uint32_t *df;            /* per term: candidate sentences containing it */
  double *idf;
  precisI_tf *vec;         /* all candidate vectors, sorted by term */
  size_t *vec_off;         /* ncand+1 offsets into vec */
  double *norm;            /* Euclidean norm of each vector */
  precisI_edge *edges;     /* similarity graph, CSR */
  size_t *edge_off;        /* ncand+1 */
  /* scores */
  double *value[PRECIS_NSCORERS]; /* per candidate, normalised to [0, 1] */
  double *score;           /* combined */
  uint32_t *rank;          /* per candidate, 1-based */
  unsigned char *eligible;
  unsigned char *selected;
  uint32_t *summary;       /* candidate numbers in summary order */
  size_t nsummary;
  int *date;               /* per doc: yyyymmdd it carries, or 0 */
  /* the query's content terms, sorted and unique (tokenize.c) */
  uint32_t *query;
  size_t nquery;
  /* near-duplicate groups (dedupe.c), made with the model, where the
  ** memory peak is not: per candidate, the least sentence of its group */
  uint32_t *dup_root;
  double dup_thr;          /* the redundancy.near_duplicate they were made for */
  int keep_terms;          /* terms outlive the model (a run kept for the tests) */
} precisI_run;

/* summarize.c: every stage of precis_summarize up to the summary (no
** result is built), leaving the run to the caller, who frees it with
** precisI_run_free (also after an error); the tests compare selectors on
** it */
precis_status precisI_run_scored(const precis_summarizer *s,
                                const precis_text *docs, size_t ndocs,
                                precisI_run *run, precis_error *err);
void precisI_run_free(precisI_run *run);

/* ingest.c: one document's clean text -> blocks */
/* rules.c: the clean-up rules over one trimmed line (s, n bytes, of
** `words` words). The id of a rule by its name ("byline"), or -1: */
/* 1 when the rule's units are text of the document (PRECIS_KIND_FRAGMENT
** in results: salutation, separator, dateline, mail_header), 0 when they
** are boilerplate (PRECIS_KIND_DROPPED) */
int precisI_rule_keeps_text(const char *rule);
/* is the named rule on for this summarizer? */
int precisI_rule_on(const precis_summarizer *s, const char *rule);
int precisI_rule_id(const char *name);
/* the rule of a whole line of boilerplate ("markup", "credit", "caption",
** "promo", "navigation", "advertisement", "leader"), or NULL */
const char *precisI_rule_line(const char *s, size_t n, size_t words);
int precisI_rule_byline(const char *s, size_t n, size_t words);
/* a photo caption that ends with its credit */
int precisI_rule_caption_credit(const char *s, size_t n, size_t words);
/* 1 a greeting ("Hi Sam,"), 2 a sign-off ("Best,"), 0 neither */
int precisI_rule_salutation(const char *s, size_t n, size_t words);
/* 1 a reply or forward header, 2 a "From:" line whose fields follow */
int precisI_rule_mail_header(const char *s, size_t n, size_t words);
int precisI_rule_mail_field(const char *s, size_t n); /* "Sent:", "To:" */
/* 1 the heading of a list of links, 2 of a table of contents, 0 neither */
int precisI_rule_list_head(const char *s, size_t n);
/* a line that is a date stamp, alone, with its author, or at its end */
int precisI_rule_date_line(const char *s, size_t n, const precisI_lang *lang);
/* a date stamp or an agency's dateline at the start of a line with text
** after it: the stamp's end, and *text where the text starts; or 0 */
size_t precisI_rule_dateline(const char *s, size_t n, const precisI_lang *lang,
                             size_t *text);
/* format.c: Markdown or HTML -> the text in src (see precisI_source),
** with `hints` (precisI_block) telling where headings, list items and
** dropped blocks are */
precis_status precisI_format(const precis_summarizer *s, precisI_source *src,
                             precisI_vec *hints, precis_error *err);
/* format.c's text builder: pieces of text, each standing for a span of
** the source, in blocks (one line each), laid out in the source's order */
typedef struct precisI_tb {
  precisI_vec chars;   /* the pieces' text */
  precisI_vec pieces;
  size_t block;        /* the block being read */
  int kind;            /* PRECIS_BLOCK_*: what it is */
  const char *rule;    /* why it is dropped */
  size_t last;         /* the source offset after the last piece */
  int lines;           /* keep line breaks (plain text), or make blocks one line */
  int oom;
} precisI_tb;
void precisI_tb_init(precisI_tb *b, int lines);
void precisI_tb_free(precisI_tb *b);
void precisI_tb_piece(precisI_tb *b, const char *s, size_t n, size_t src, size_t slen);
void precisI_tb_break(precisI_tb *b);
/* html.c: the text of an HTML document, through gumbo */
precis_status precisI_html_read(const precis_summarizer *s, precisI_tb *b,
                                const char *src, size_t len, precis_error *err);
/* ingest.c: one document's text -> blocks; `hints` (may be NULL) are the
** format's headings and items, sorted */
precis_status precisI_ingest(const precis_summarizer *s,
                             const precisI_lang *lang,
                             precisI_source *src,
                             const precisI_vec *hints, precisI_vec *blocks,
                             precis_error *err);
/* segment.c: blocks -> units appended to run->units */
precis_status precisI_segment(precisI_run *run, uint32_t doc,
                              const precisI_vec *blocks, precis_error *err);
/* the sentence spans of the text block [start, end) of text (tlen bytes,
** which the segmenter reads around the block), appended to `out` (pairs
** of size_t); *lower is the text's index of words in lowercase (NULL until
** the segmenter builds it, on first use; the caller frees it) */
typedef struct precisI_lower precisI_lower;
precis_status precisI_split(const precisI_lang *lang, const char *text,
                            size_t tlen, size_t start, size_t end,
                            precisI_lower **lower, precisI_vec *out);
void precisI_lower_free(precisI_lower *x); /* NULL is a no-op */
int precisI_is_terminal(int32_t cp);
/* utf8.c: is [s, s + n) written in capitals only, two letters or more
** ("THE BIG STORY", "KESTREL COUNTY COUNCIL")? */
int precisI_in_capitals(const char *s, size_t n);
/* utf8.c: how many of the n bytes at s are roman digits (i, v, x in either
** case), from the first: bounded by n, since the text has no NUL
** ("ii)", "(iv)" list markers, for ingest and language detection) */
size_t precisI_roman(const char *s, size_t n);
/* tokenize.c: word counts and content terms of every unit */
precis_status precisI_tokenize(precisI_run *run, precis_error *err);
/* model.c: term statistics, vectors, graph */
precis_status precisI_model(precisI_run *run, precis_error *err);
double precisI_cosine(const precisI_run *run, size_t a, size_t b);
/* scorers/: each fills run->value[id] (raw, >= 0) for every candidate, or
** PRECIS_NOT_APPLICABLE where the scorer has nothing to say (a sentence
** of a document without a title): its weight then leaves that sentence's
** mean */
#define PRECIS_NOT_APPLICABLE (-1.0)
precis_status precisI_score_position(precisI_run *run, double *v);
precis_status precisI_score_length(precisI_run *run, double *v);
precis_status precisI_score_luhn(precisI_run *run, double *v);
precis_status precisI_score_centroid(precisI_run *run, double *v);
precis_status precisI_score_lexrank(precisI_run *run, double *v);
precis_status precisI_score_textrank(precisI_run *run, double *v);
precis_status precisI_score_title(precisI_run *run, double *v);
precis_status precisI_score_edmundson(precisI_run *run, double *v);
precis_status precisI_score_lsa(precisI_run *run, double *v);
precis_status precisI_score_sumbasic(precisI_run *run, double *v);
precis_status precisI_score_mead(precisI_run *run, double *v);
precis_status precisI_score_pacsum(precisI_run *run, double *v);
precis_status precisI_score_query(precisI_run *run, double *v);
/* the other selectors (scorers/select_*.c): fill run->summary/selected
** from run->eligible under the budget, with cost[] and limit */
typedef struct precisI_budget {
  const size_t *cost;
  double limit;
} precisI_budget;
precis_status precisI_select_sumbasic(precisI_run *run, const precisI_budget *b);
precis_status precisI_select_klsum(precisI_run *run, const precisI_budget *b);
precis_status precisI_select_submodular(precisI_run *run, const precisI_budget *b);
/* date.c: yyyymmdd of a line that is a date and nothing else, or 0 */
int precisI_parse_date(const char *s, size_t n, const precisI_lang *lang);
/* the length of a date stamp at the start of s ("Updated 12:30 GMT, 14
** November 2023"), its date in *ymd; 0 when there is none */
size_t precisI_date_stamp(const char *s, size_t n, const precisI_lang *lang,
                          int *ymd);
/* dedupe.c: the near-duplicate groups of the candidates into
** run->dup_root (none when redundancy.near_duplicate is 0) */
precis_status precisI_dup_groups(precisI_run *run);
/* marks every near-duplicate but the best-ranked of its group, preferring
** members that may be selected (ok[i]); the groups are run->dup_root's
** when made for the options' threshold, else made here */
precis_status precisI_near_duplicates(precisI_run *run,
                                      const unsigned char *ok,
                                      unsigned char *dup);
/* term frequencies over all candidates (sum of tf), caller frees */
uint32_t *precisI_term_counts(const precisI_run *run, size_t *total);
/* shared power iteration over the CSR graph with a weight selector */
precis_status precisI_pagerank(precisI_run *run, int use_tr,
                               double threshold, int continuous,
                               double damping, double *out);
/* heap.c: a binary max-heap at h[0 .. n): larger keys first, then smaller
** ids. The selectors' lazy greedy loops keep each candidate's last value
** (a bound on what it can still be worth) in one, so that a pick costs a
** logarithm instead of a scan of every candidate. */
typedef struct precisI_hent {
  double key;
  uint32_t id;
} precisI_hent;
void precisI_heap_make(precisI_hent *h, size_t n);   /* heapify h[0 .. n) */
void precisI_heap_down(precisI_hent *h, size_t n, size_t i); /* h[i] fell */
void precisI_heap_up(precisI_hent *h, size_t i);     /* h[i] rose */
void precisI_heap_pop(precisI_hent *h, size_t *n);   /* drops h[0] */
/* room for one more is the caller's */
void precisI_heap_push(precisI_hent *h, size_t *n, double key, uint32_t id);
/* select.c: combine, rank, choose; and put the summary in the order the
** options ask for */
precis_status precisI_order_summary(precisI_run *run);
/* ranks run->score, then eligibility, near-duplicates, the budget and the
** selector choose the summary, in the order the options ask for */
precis_status precisI_choose(precisI_run *run);
precis_status precisI_select(precisI_run *run, precis_error *err);
/* the scorers that do not read the graph, run by the model before it is
** built, so that what they alone read is freed first: those that read the
** terms in sentence order (luhn, title, edmundson) when `terms`, the
** others otherwise; precisI_select combines their values with the rest's */
precis_status precisI_score_early(precisI_run *run, int terms);

/* ---------------------------------------------------------------------
** Caller-given scorers and drops (extra.c), for precis_summarize_with
** --------------------------------------------------------------------- */

/* Checks `ex` against the run's units, then turns every sentence it drops
** into a PRECIS_KIND_DROPPED unit whose rule is the caller's string (the
** result copies it). Runs after tokenize, before the model. */
/* "filter.questions": sentences that end in a question mark become
** dropped units (rule "filter:questions") */
void precisI_filter_questions(precisI_run *run);
precis_status precisI_extra_drop(precisI_run *run, const precis_extras *ex,
                                 precis_error *err);
/* Runs after precisI_select: normalises the extra scorers' values into
** `value` (ex->nscorers rows of run->ncand), folds them into the combined
** score, ranks again and, under MMR, selects again. */
precis_status precisI_extra_select(precisI_run *run, const precis_extras *ex,
                                   double *value, precis_error *err);

/* ---------------------------------------------------------------------
** YAML (yaml.c): a policy file as a tree of nodes with positions
** --------------------------------------------------------------------- */

/* policies are a few kilobytes; the cap bounds what a hostile file costs */
#if !defined(PRECIS_YAML_MAX_BYTES)
#define PRECIS_YAML_MAX_BYTES ((size_t)1 << 20)
#endif
/* policies nest four or five levels; the cap bounds the builder's stack
** and the binding's recursion */
#if !defined(PRECIS_YAML_MAX_DEPTH)
#define PRECIS_YAML_MAX_DEPTH 32
#endif
/* policies have tens of keys; the cap bounds the tree the binding turns
** into Lua tables (some 200 bytes each) to about 20 MB, whatever the
** shape of the bytes */
#if !defined(PRECIS_YAML_MAX_NODES)
#define PRECIS_YAML_MAX_NODES 100000
#endif

typedef enum precisI_ykind {
  PRECIS_YNULL, PRECIS_YBOOL, PRECIS_YINT, PRECIS_YFLOAT, PRECIS_YSTR,
  PRECIS_YSEQ, PRECIS_YMAP
} precisI_ykind;

typedef struct precisI_ynode precisI_ynode;
struct precisI_ynode {
  precisI_ykind kind;
  int quoted;              /* a scalar written quoted or as a block */
  size_t line, col;        /* 1-based; col counts code points */
  int boolean;             /* YBOOL */
  int64_t integer;         /* YINT */
  double number;           /* YFLOAT */
  const char *str;         /* every scalar's text, NUL-terminated copy */
  size_t len;              /* its length in bytes (it may hold NULs) */
  precisI_ynode *key;      /* in a mapping: this value's key, a YSTR */
  precisI_ynode *child;    /* a collection's first item or value */
  precisI_ynode *next;     /* the next item or value of the parent */
  size_t n;                /* a collection's number of children */
};

typedef struct precisI_yaml precisI_yaml;

/* Reads one policy file: a single YAML document whose root is a mapping,
** with no anchors, aliases or duplicate keys, nested at most
** PRECIS_YAML_MAX_DEPTH deep, at most PRECIS_YAML_MAX_BYTES long and of at
** most PRECIS_YAML_MAX_NODES keys, values and items.
** Plain scalars take their YAML 1.2 core-schema type; quoted and block
** scalars are strings; mapping keys are strings as written. Errors:
** PRECIS_EPOLICY with the source, line and column filled, PRECIS_ENOMEM.
** The tree is owned by the caller: precisI_yaml_free. */
precis_status precisI_yaml_load(const char *text, size_t len,
                                const char *source, precisI_yaml **out,
                                precis_error *err);
const precisI_ynode *precisI_yaml_root(const precisI_yaml *y);
void precisI_yaml_free(precisI_yaml *y); /* NULL is a no-op */

#endif
