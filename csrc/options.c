/*
** options.c: the options bag, its validation, and compiling it into an
** immutable summarizer (language data looked up, patterns compiled).
*/
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "internal.h"

static const char *const scorer_names[PRECIS_NSCORERS] = {
  "position", "length", "luhn", "centroid", "lexrank", "textrank", "title",
  "edmundson", "lsa", "sumbasic", "mead", "pacsum", "query"
};

static const char *const selector_names[PRECIS_NSELECTORS] = {
  "mmr", "sumbasic", "klsum", "submodular"
};

/* The default mix: TextRank centrality and lead position carry the
** weight, title overlap refines it; chosen on the eval sets beside the
** other mixes tried (see eval/RESULTS.md). */
static const double default_weight[PRECIS_NSCORERS] = {
  1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.3, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0
};

const char *precis_scorer_name(size_t k) {
  return k < PRECIS_NSCORERS ? scorer_names[k] : NULL;
}

static void defaults(precis_options *o) {
  memset(o, 0, sizeof *o);
  strcpy(o->language, "auto");
  o->unit = PRECIS_UNIT_SENTENCES;
  o->budget = 3;
  memcpy(o->weight, default_weight, sizeof o->weight);
  o->lex_threshold = 0.1;
  o->lex_damping = 0.85;
  o->tr_damping = 0.85;
  o->luhn_threshold = 0;
  o->pos_decay = 0.25;
  o->lambda = 0.85;
  o->max_sim = 0.9;
  o->boilerplate = 1;
  o->unwrap = -1;
  o->heading_words = 20;
  o->max_bytes = PRECIS_MAX_INPUT_BYTES;
  o->order = PRECIS_ORDER_DOCUMENT;
  o->min_words = 4;
  o->max_words = 80;
  o->utf8 = PRECIS_UTF8_STRICT;
  o->selector = PRECIS_SEL_MMR;
  o->near_dup = 0.5;
  /* Zheng & Lapata tuned -2, 1, 0.6 for their tf-idf; with precis' idf
  ** and cosines, -1, 1, 0 did best on cnndm (eval/RESULTS.md) */
  o->pac_lambda1 = -1.0;
  o->pac_lambda2 = 1.0;
  o->pac_beta = 0.0;
  o->ed_cue = 1.0;         /* Edmundson 1969: cue + title + location best */
  o->ed_key = 0.0;
  o->ed_title = 1.0;
  o->ed_location = 1.0;
  o->lsa_dims = 0;         /* automatic */
  o->sub_alpha = 5.0;      /* Lin & Bilmes 2011: alpha = a / N, a = 5 */
  o->sub_lambda = 6.0;
  o->sub_r = 0.3;
}

precis_status precis_options_new(precis_options **out, precis_error *err) {
  precis_options *o;
  if (out == NULL) return precisI_seterr(err, PRECIS_EINVAL, "out is NULL");
  *out = NULL;
  o = malloc(sizeof *o);
  if (o == NULL) return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
  defaults(o);
  *out = o;
  return PRECIS_OK;
}

static void free_patterns(char **p, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) free(p[i]);
  free(p);
}

void precis_options_free(precis_options *o) {
  if (o == NULL) return;
  free_patterns(o->patterns, o->npatterns);
  free(o->query);
  free(o);
}

const char *precis_selector_name(size_t k) {
  return k < PRECIS_NSELECTORS ? selector_names[k] : NULL;
}

precis_status precis_options_set_selector(precis_options *o, const char *name,
                                          precis_error *err) {
  size_t k;
  if (o == NULL || name == NULL)
    return precisI_seterr(err, PRECIS_EINVAL, "selector name is NULL");
  for (k = 0; k < PRECIS_NSELECTORS; k++)
    if (strcmp(name, selector_names[k]) == 0) {
      o->selector = (int)k;
      return PRECIS_OK;
    }
  return precisI_seterr(err, PRECIS_EINVAL, "unknown selector '%.64s'", name);
}

precis_status precis_options_set_query(precis_options *o, const char *text,
                                       size_t len, precis_error *err) {
  char *copy = NULL;
  size_t bad;
  const char *why;
  if (o == NULL || (text == NULL && len > 0))
    return precisI_seterr(err, PRECIS_EINVAL, "query is NULL");
  if (len > 0 && !precisI_utf8_check(text, len, &bad, &why)) {
    precisI_seterr(err, PRECIS_EUTF8, "invalid UTF-8 in query (%s)", why);
    if (err) { err->offset = bad; err->has_offset = 1; }
    return PRECIS_EUTF8;
  }
  if (len > 0) {
    copy = malloc(len);
    if (copy == NULL) return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
    memcpy(copy, text, len);
  }
  free(o->query);
  o->query = copy;
  o->query_len = len;
  return PRECIS_OK;
}

precis_status precis_options_set_language(precis_options *o, const char *l,
                                          precis_error *err) {
  const precisI_lang *lang;
  if (o == NULL || l == NULL)
    return precisI_seterr(err, PRECIS_EINVAL, "language is NULL");
  if (strcmp(l, "auto") == 0) { /* detected per run (detect.c) */
    strcpy(o->language, "auto");
    return PRECIS_OK;
  }
  lang = precisI_lang_find(l);
  if (lang == NULL)
    return precisI_seterr(err, PRECIS_EINVAL, "unknown language '%.64s'", l);
  strcpy(o->language, lang->name); /* names are short: see lang.c */
  return PRECIS_OK;
}

precis_status precis_options_set_budget(precis_options *o, precis_unit unit,
                                        double v, precis_error *err) {
  if (o == NULL) return precisI_seterr(err, PRECIS_EINVAL, "options is NULL");
  if (!(v > 0) || !isfinite(v))
    return precisI_seterr(err, PRECIS_EINVAL, "budget must be positive");
  switch (unit) {
    case PRECIS_UNIT_SENTENCES: case PRECIS_UNIT_WORDS: case PRECIS_UNIT_CHARS:
      if (v != floor(v) || v > 1e9)
        return precisI_seterr(err, PRECIS_EINVAL,
                              "budget must be a whole number");
      break;
    case PRECIS_UNIT_RATIO:
      if (v > 1)
        return precisI_seterr(err, PRECIS_EINVAL,
                              "ratio must be in (0, 1]");
      break;
    default:
      return precisI_seterr(err, PRECIS_EINVAL, "unknown budget unit");
  }
  o->unit = unit;
  o->budget = v;
  return PRECIS_OK;
}

static int scorer_id(const char *name) {
  int k;
  for (k = 0; k < PRECIS_NSCORERS; k++)
    if (strcmp(name, scorer_names[k]) == 0) return k;
  return -1;
}

precis_status precis_options_set_weight(precis_options *o, const char *name,
                                        double w, precis_error *err) {
  int k;
  if (o == NULL || name == NULL)
    return precisI_seterr(err, PRECIS_EINVAL, "scorer name is NULL");
  k = scorer_id(name);
  if (k < 0)
    return precisI_seterr(err, PRECIS_EINVAL, "unknown scorer '%.64s'", name);
  if (!(w >= 0) || !isfinite(w))
    return precisI_seterr(err, PRECIS_EINVAL,
                          "weight of '%s' must be a finite number >= 0",
                          scorer_names[k]);
  o->weight[k] = w;
  o->weight_set[k] = 1;
  return PRECIS_OK;
}

void precis_options_clear_weights(precis_options *o) {
  if (o) memset(o->weight, 0, sizeof o->weight);
}

/* a parameter: its name, range (inclusive unless open) and the field it
** sets, of type 'd' double, 'i' int or 'z' size_t */
typedef struct param {
  const char *name;
  double lo, hi;
  int lo_open, hi_open, integer;
  size_t field;
  char type;
} param;

static const param params[] = {
  {"filter.questions", 0, 1, 0, 0, 1, offsetof(precis_options, filter_questions), 'i'},
  {"input.boilerplate", 0, 1, 0, 0, 1, offsetof(precis_options, boilerplate), 'i'},
  {"input.heading_words", 0, 1000, 0, 0, 1, offsetof(precis_options, heading_words), 'z'},
  {"edmundson.cue", 0, 1e6, 0, 0, 0, offsetof(precis_options, ed_cue), 'd'},
  {"edmundson.key", 0, 1e6, 0, 0, 0, offsetof(precis_options, ed_key), 'd'},
  {"edmundson.location", 0, 1e6, 0, 0, 0, offsetof(precis_options, ed_location), 'd'},
  {"edmundson.title", 0, 1e6, 0, 0, 0, offsetof(precis_options, ed_title), 'd'},
  {"input.max_bytes", 1, 1e15, 0, 0, 1, offsetof(precis_options, max_bytes), 'z'},
  {"input.unwrap", -1, 1, 0, 0, 1, offsetof(precis_options, unwrap), 'i'},
  {"lexrank.continuous", 0, 1, 0, 0, 1, offsetof(precis_options, lex_continuous), 'i'},
  {"lexrank.damping", 0, 1, 1, 1, 0, offsetof(precis_options, lex_damping), 'd'},
  {"lexrank.threshold", 0, 1, 0, 1, 0, offsetof(precis_options, lex_threshold), 'd'},
  {"lsa.dimensions", 0, 1000, 0, 0, 1, offsetof(precis_options, lsa_dims), 'd'},
  {"luhn.threshold", 0, 1e9, 0, 0, 0, offsetof(precis_options, luhn_threshold), 'd'},
  {"pacsum.beta", 0, 1, 0, 1, 0, offsetof(precis_options, pac_beta), 'd'},
  {"pacsum.lambda1", -1e6, 1e6, 0, 0, 0, offsetof(precis_options, pac_lambda1), 'd'},
  {"pacsum.lambda2", -1e6, 1e6, 0, 0, 0, offsetof(precis_options, pac_lambda2), 'd'},
  {"position.decay", 0, 1, 1, 0, 0, offsetof(precis_options, pos_decay), 'd'},
  {"rank.bias", 0, 1, 0, 0, 0, offsetof(precis_options, rank_bias), 'd'},
  {"redundancy.lambda", 0, 1, 0, 0, 0, offsetof(precis_options, lambda), 'd'},
  {"redundancy.max_sim", 0, 1, 1, 0, 0, offsetof(precis_options, max_sim), 'd'},
  {"redundancy.near_duplicate", 0, 1, 0, 0, 0, offsetof(precis_options, near_dup), 'd'},
  {"sentence.max_words", 0, 1e9, 0, 0, 1, offsetof(precis_options, max_words), 'z'},
  {"sentence.min_words", 0, 1e9, 0, 0, 1, offsetof(precis_options, min_words), 'z'},
  {"submodular.alpha", 0, 1e6, 1, 0, 0, offsetof(precis_options, sub_alpha), 'd'},
  {"submodular.lambda", 0, 1e6, 0, 0, 0, offsetof(precis_options, sub_lambda), 'd'},
  {"submodular.r", 0, 10, 0, 0, 0, offsetof(precis_options, sub_r), 'd'},
  {"textrank.damping", 0, 1, 1, 1, 0, offsetof(precis_options, tr_damping), 'd'},
  {"textrank.similarity", 0, 1, 0, 0, 1, offsetof(precis_options, tr_similarity), 'i'}
};

precis_status precis_options_set_param(precis_options *o, const char *name,
                                       double v, precis_error *err) {
  size_t k;
  const param *p = NULL;
  if (o == NULL || name == NULL)
    return precisI_seterr(err, PRECIS_EINVAL, "parameter name is NULL");
  if (strncmp(name, "input.rule.", 11) == 0) { /* one clean-up rule */
    int id = precisI_rule_id(name + 11);
    if (id < 0)
      return precisI_seterr(err, PRECIS_EINVAL, "unknown rule '%.64s'", name + 11);
    if (!(v == 0 || v == 1))
      return precisI_seterr(err, PRECIS_EINVAL,
                            "parameter '%.64s' must be 0 or 1", name);
    if (v == 0) o->rules_off |= 1u << id;
    else o->rules_off &= ~(1u << id);
    return PRECIS_OK;
  }
  for (k = 0; k < sizeof params / sizeof params[0]; k++)
    if (strcmp(name, params[k].name) == 0) p = &params[k];
  if (p == NULL)
    return precisI_seterr(err, PRECIS_EINVAL, "unknown parameter '%.64s'",
                          name);
  if (!isfinite(v) || (p->lo_open ? v <= p->lo : v < p->lo) ||
      (p->hi_open ? v >= p->hi : v > p->hi) || (p->integer && v != floor(v)))
    return precisI_seterr(err, PRECIS_EINVAL,
                          "parameter '%s' must be %s in %c%g, %g%c", p->name,
                          p->integer ? "a whole number" : "a number",
                          p->lo_open ? '(' : '[', p->lo, p->hi,
                          p->hi_open ? ')' : ']');
  { /* the values are in range, so the casts keep them */
    char *f = (char *)o + p->field;
    if (p->type == 'd') *(double *)(void *)f = v;
    else if (p->type == 'i') *(int *)(void *)f = (int)v;
    else *(size_t *)(void *)f = (size_t)v;
  }
  return PRECIS_OK;
}

void precis_options_set_order(precis_options *o, precis_order order) {
  if (o && (order == PRECIS_ORDER_DOCUMENT || order == PRECIS_ORDER_SCORE ||
            order == PRECIS_ORDER_DATE))
    o->order = order;
}

precis_status precis_options_set_sentence_words(precis_options *o,
                                                size_t min_words,
                                                size_t max_words,
                                                precis_error *err) {
  if (o == NULL) return precisI_seterr(err, PRECIS_EINVAL, "options is NULL");
  if (max_words != 0 && max_words < min_words)
    return precisI_seterr(err, PRECIS_EINVAL,
                          "max_words (%zu) is below min_words (%zu)",
                          max_words, min_words);
  o->min_words = min_words;
  o->max_words = max_words;
  return PRECIS_OK;
}

static char *dupstr(const char *s) {
  size_t n = strlen(s);
  char *d = malloc(n + 1);
  if (d) memcpy(d, s, n + 1);
  return d;
}

/* ---------------------------------------------------------------------
** Drop patterns: PCRE2, UTF-8 mode, with every allocation through
** precis's allocator (a failed one is PRECIS_ENOMEM), compiling bounded
** in length and memory, matching bounded in steps, depth and heap.
** --------------------------------------------------------------------- */

/* PCRE2's allocator: with a budget (compiling), refuses past its bound */
static void *re_alloc(PCRE2_SIZE n, void *ud) {
  precisI_rebudget *b = ud;
  if (b != NULL) {
    if (n > b->limit - b->used) { b->over = 1; return NULL; }
    b->used += n;
  }
  return precisI_alloc(n, 1);
}

static void re_free(void *p, void *ud) {
  (void)ud; /* a budget counts what compiling asks for, not what is left */
  free(p);
}

/* The dialect: Perl's (PCRE2) over UTF-8 characters, \w, \d, \s and
** [[:alpha:]] by Unicode properties (no locale), invalid UTF-8 in a line
** never matching a character (the text is valid UTF-8 by then: that is a
** second fence), and no \C, which would split a character. */
#define RE_OPTIONS (PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_NEVER_BACKSLASH_C)

/* GNU's \< and \> (word start and end) are a plain < and > to PCRE2:
** refused, rather than matching something else in silence */
static int gnu_boundary(const char *pat) {
  size_t i;
  for (i = 0; pat[i] != '\0'; i++) {
    if (pat[i] != '\\') continue;
    if (pat[i + 1] == '<' || pat[i + 1] == '>') return 1;
    if (pat[i + 1] != '\0') i++;
  }
  return 0;
}

/* Compiles `pat` under budget `b` into *out; a bad pattern fails here,
** where it is given. The code keeps `b` as its allocator's data, which
** re_free never reads. */
static precis_status compile(const char *pat, precisI_rebudget *b, pcre2_code **out,
                             precis_error *err) {
  pcre2_general_context *g;
  pcre2_compile_context *cc = NULL;
  int code = 0;
  PCRE2_SIZE at = 0;
  *out = NULL;
  if (gnu_boundary(pat))
    return precisI_seterr(err, PRECIS_EINVAL,
                          "bad pattern '%.64s': \\< and \\> are not word boundaries here: use \\b",
                          pat);
  b->used = 0;
  b->limit = PRECIS_PATTERN_COMPILE_BYTES;
  b->over = 0;
  g = pcre2_general_context_create(re_alloc, re_free, b);
  if (g != NULL && (cc = pcre2_compile_context_create(g)) != NULL) {
    pcre2_set_max_pattern_length(cc, PRECIS_MAX_PATTERN_BYTES);
    *out = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, RE_OPTIONS, &code,
                         &at, cc);
  }
  pcre2_compile_context_free(cc);
  pcre2_general_context_free(g);
  if (*out != NULL) return PRECIS_OK;
  if (b->over)
    return precisI_seterr(err, PRECIS_EINVAL,
                          "bad pattern '%.64s': compiling it needs over %zu bytes", pat,
                          (size_t)PRECIS_PATTERN_COMPILE_BYTES);
  if (g == NULL || cc == NULL || code == PCRE2_ERROR_HEAP_FAILED)
    return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
  {
    char why[128];
    if (pcre2_get_error_message(code, (PCRE2_UCHAR *)why, sizeof why) < 0)
      memcpy(why, "unknown error", sizeof "unknown error");
    return precisI_seterr(err, PRECIS_EINVAL, "bad pattern '%.64s': %s at offset %zu",
                          pat, why, (size_t)at);
  }
}

pcre2_match_data *precisI_pattern_data(const precis_summarizer *s) {
  return pcre2_match_data_create(1, s->gctx);
}

precis_status precisI_pattern_match(const precis_summarizer *s, pcre2_match_data *md,
                                    const char *t, size_t n, size_t at, int *hit,
                                    precis_error *err) {
  size_t k;
  precis_status st;
  uint32_t how = 0;
  *hit = 0;
  if (n > PRECIS_MAX_PATTERN_LINE) { /* cut at a character's start: not its end */
    n = PRECIS_MAX_PATTERN_LINE;
    while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80) n--;
    how = PCRE2_NOTEOL;
  }
  for (k = 0; k < s->opt.npatterns; k++) {
    int rc = pcre2_match(s->re[k], (PCRE2_SPTR)t, n, 0, how, md, s->mctx);
    const char *limit;
    if (rc >= 0) { *hit = 1; return PRECIS_OK; }
    switch (rc) {
      case PCRE2_ERROR_NOMATCH: continue;
      case PCRE2_ERROR_NOMEMORY: return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
      case PCRE2_ERROR_MATCHLIMIT: limit = "match limit (steps)"; break;
      case PCRE2_ERROR_DEPTHLIMIT: limit = "depth limit"; break;
      case PCRE2_ERROR_HEAPLIMIT: limit = "heap limit"; break;
      default: limit = NULL; break;
    }
    if (limit != NULL) {
      st = precisI_seterr(err, PRECIS_ELIMIT,
                          "drop pattern '%.64s' reached its %s on a line",
                          s->opt.patterns[k], limit);
    } else {
      char why[128];
      if (pcre2_get_error_message(rc, (PCRE2_UCHAR *)why, sizeof why) < 0)
        memcpy(why, "unknown error", sizeof "unknown error");
      st = precisI_seterr(err, PRECIS_EINVAL, "drop pattern '%.64s' failed on a line: %s",
                          s->opt.patterns[k], why);
    }
    if (err) {
      err->offset = at;
      err->has_offset = 1;
    }
    return st;
  }
  return PRECIS_OK;
}

precis_status precis_options_add_drop_pattern(precis_options *o,
                                              const char *pat,
                                              precis_error *err) {
  precisI_rebudget b;
  pcre2_code *re;
  char **p, *copy;
  precis_status st;
  if (o == NULL || pat == NULL)
    return precisI_seterr(err, PRECIS_EINVAL, "pattern is NULL");
  if ((st = compile(pat, &b, &re, err)) != PRECIS_OK) return st;
  pcre2_code_free(re);
  copy = dupstr(pat);
  p = copy ? realloc(o->patterns, (o->npatterns + 1) * sizeof *p) : NULL;
  if (p == NULL) {
    free(copy);
    return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
  }
  p[o->npatterns++] = copy;
  o->patterns = p;
  return PRECIS_OK;
}

void precis_options_set_format(precis_options *o, precis_format f) {
  if (o && (f == PRECIS_FORMAT_TEXT || f == PRECIS_FORMAT_MARKDOWN ||
            f == PRECIS_FORMAT_HTML))
    o->format = f;
}

void precis_options_set_utf8_mode(precis_options *o, precis_utf8_mode m) {
  if (o && (m == PRECIS_UTF8_STRICT || m == PRECIS_UTF8_REPLACE)) o->utf8 = m;
}

precis_status precis_options_set_encoding(precis_options *o, const char *name,
                                          precis_error *err) {
  char iconv_name[sizeof o->encoding];
  precis_status st;
  if (o == NULL) return precisI_seterr(err, PRECIS_EINVAL, "options is NULL");
  if (name == NULL || name[0] == '\0') { /* back to UTF-8 */
    o->encoding[0] = '\0';
    return PRECIS_OK;
  }
  if ((st = precisI_encoding_name(name, iconv_name, sizeof iconv_name, err)) != PRECIS_OK)
    return st;
  strcpy(o->encoding, strcmp(iconv_name, "utf-8") == 0 ? "" : iconv_name);
  return PRECIS_OK;
}

/* ---------------------------------------------------------------------
** Summarizer
** --------------------------------------------------------------------- */

/* Does this libstemmer build have the algorithm? Asked of its list, which
** allocates nothing: sb_stemmer_new also fails when memory runs out. */
static int have_stemmer(const char *name) {
  const char **list = sb_stemmer_list();
  for (; list && *list; list++)
    if (strcmp(*list, name) == 0) return 1;
  return 0;
}

precis_status precis_summarizer_new(const precis_options *opt,
                                    precis_summarizer **out,
                                    precis_error *err) {
  precis_summarizer *s;
  precis_status st = PRECIS_OK;
  size_t k;
  if (out == NULL) return precisI_seterr(err, PRECIS_EINVAL, "out is NULL");
  *out = NULL;
  s = calloc(1, sizeof *s);
  if (s == NULL) return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
  if (opt) s->opt = *opt; else defaults(&s->opt);
  s->opt.patterns = NULL; /* copied below, with their compiled forms */
  s->opt.npatterns = 0;
  s->opt.query = NULL;
  if (opt && opt->query_len > 0) {
    s->opt.query = malloc(opt->query_len);
    if (s->opt.query == NULL) {
      s->opt.query_len = 0;
      st = precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
      goto fail;
    }
    memcpy(s->opt.query, opt->query, opt->query_len);
    /* a query with no weight of its own counts as much as the rest */
    if (!s->opt.weight_set[PRECIS_SC_QUERY]) {
      double sum = 0;
      for (k = 0; k < PRECIS_NSCORERS; k++) sum += s->opt.weight[k];
      s->opt.weight[PRECIS_SC_QUERY] = sum > 0 ? sum : 1.0;
    }
  }
  s->lang = precisI_lang_find(s->opt.language);
  if (s->lang == NULL && strcmp(s->opt.language, "auto") != 0) {
    st = precisI_seterr(err, PRECIS_EINVAL, "unknown language '%s'",
                        s->opt.language);
    goto fail;
  }
  if (s->opt.max_words != 0 && s->opt.max_words < s->opt.min_words) {
    st = precisI_seterr(err, PRECIS_EINVAL,
                        "max_words (%zu) is below min_words (%zu)",
                        s->opt.max_words, s->opt.min_words);
    goto fail;
  }
  for (k = 0; k < PRECIS_NSCORERS && s->opt.weight[k] <= 0; k++) {}
  if (k == PRECIS_NSCORERS) {
    st = precisI_seterr(err, PRECIS_EINVAL, "every scorer has weight 0");
    goto fail;
  }
  if (s->lang && s->lang->stemmer && !have_stemmer(s->lang->stemmer)) {
    st = precisI_seterr(err, PRECIS_EINVAL, "no Snowball stemmer for '%s'", s->lang->name);
    goto fail;
  }
  if (opt && opt->npatterns) { /* compiled, and their text kept for messages */
    size_t n = opt->npatterns; /* s->opt.npatterns counts what compiled */
    s->re = calloc(n, sizeof *s->re);
    s->opt.patterns = calloc(n, sizeof *s->opt.patterns);
    s->gctx = pcre2_general_context_create(re_alloc, re_free, NULL);
    s->mctx = s->gctx ? pcre2_match_context_create(s->gctx) : NULL;
    if (s->re == NULL || s->opt.patterns == NULL || s->mctx == NULL) {
      st = precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
      goto fail;
    }
    pcre2_set_match_limit(s->mctx, PRECIS_PATTERN_MATCH_LIMIT);
    pcre2_set_depth_limit(s->mctx, PRECIS_PATTERN_DEPTH_LIMIT);
    pcre2_set_heap_limit(s->mctx, PRECIS_PATTERN_HEAP_KIB);
    for (k = 0; k < n; k++) {
      if ((st = compile(opt->patterns[k], &s->rebudget, &s->re[k], err)) != PRECIS_OK)
        goto fail;
      if ((s->opt.patterns[k] = dupstr(opt->patterns[k])) == NULL) {
        pcre2_code_free(s->re[k]);
        st = precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
        goto fail;
      }
      s->opt.npatterns = k + 1;
    }
  }
  *out = s;
  return PRECIS_OK;
fail:
  precis_summarizer_free(s);
  return st;
}

void precis_summarizer_free(precis_summarizer *s) {
  size_t k;
  if (s == NULL) return;
  for (k = 0; s->re && k < s->opt.npatterns; k++) pcre2_code_free(s->re[k]);
  free(s->re);
  free_patterns(s->opt.patterns, s->opt.npatterns);
  pcre2_match_context_free(s->mctx);
  pcre2_general_context_free(s->gctx);
  free(s->opt.query);
  free(s);
}
