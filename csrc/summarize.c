/*
** summarize.c: the orchestrator, the one file that knows the order of the
** stages (clean -> ingest -> segment -> tokenize -> model -> score/select),
** and the result object the caller gets back.
*/
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* a unit of the result, which precis_result_get spreads into a
** precis_sentence: what only candidates have is kept per candidate */
typedef struct runit {
  size_t start, end, chars;
  const char *rule;
  uint32_t doc, index, words;
  uint32_t cand;                     /* candidate number, or UINT32_MAX */
  unsigned char kind, item;
} runit;

struct precis_result {
  size_t ndocs;
  size_t nunits;
  runit *units;
  size_t ncand;
  double *score;                     /* per candidate */
  uint32_t *rank;
  unsigned char *selected;
  size_t nsel;
  size_t *sel;                       /* unit indices in summary order */
  size_t nscorers;
  int scorer[PRECIS_NSCORERS];       /* ids of the scorers that took part */
  double weight[PRECIS_NSCORERS];
  double *value[PRECIS_NSCORERS];    /* the built-in ones', per candidate */
  double *xvalue;                    /* the caller's: nextra * ncand */
  const char *language;
  /* caller-given scorers (precis_summarize_with) come after the built-in
  ** ones: nscorers = nbuiltin + their number */
  size_t nbuiltin, nextra;
  char **xname;                      /* owned copies */
  double *xweight;
  char **rules;                      /* caller-given rules, owned copies */
  size_t nrules;
  int *date;                         /* per document, yyyymmdd or 0 */
  /* each unit's text as read, where it differs from the caller's bytes
  ** (Markdown, HTML, replaced bytes): plain + span[2i], span[2i+1] bytes */
  char *plain;
  size_t *span;
  /* documents read from another encoding: each one's iconv name (48
  ** bytes a document, "" for UTF-8), and each unit's original bytes read
  ** as UTF-8, decoded + dspan[2i], dspan[2i+1] bytes; NULL when none */
  char *encoding;
  char *decoded;
  size_t *dspan;
};

/* the term vectors and the graph, which only scoring reads */
static void model_free(precisI_run *run) {
  precisI_vec_free(&run->terms);
  free(run->df); free(run->idf); free(run->vec); free(run->vec_off);
  free(run->norm); free(run->edges); free(run->edge_off);
  run->df = NULL; run->idf = NULL; run->vec = NULL; run->vec_off = NULL;
  run->norm = NULL; run->edges = NULL; run->edge_off = NULL;
}

void precisI_run_free(precisI_run *run) {
  size_t k;
  for (k = 0; run->src && k < run->ndocs; k++) precisI_source_free(&run->src[k]);
  free(run->src);
  precisI_vec_free(&run->units);
  model_free(run);
  free(run->cand); free(run->cand_doc); free(run->cand_pos); free(run->title);
  for (k = 0; k < PRECIS_NSCORERS; k++) free(run->value[k]);
  free(run->score); free(run->rank); free(run->eligible); free(run->selected);
  free(run->summary);
  free(run->query);
  free(run->date);
  free(run->dup_root);
}

/* the code points of t[a, b): its bytes less those that continue one
** (10xxxxxx), eight at a time: each byte's flag, its top bit and its
** second bit's complement, added up in its own byte of a word for up to
** 255 words, and the eight bytes' sums added at the end */
static size_t code_points(const char *t, size_t a, size_t b) {
  const uint64_t high = 0x8080808080808080ull, bytes = 0x00FF00FF00FF00FFull;
  size_t c = b - a;
  while (b - a >= 8) {
    uint64_t x, sum = 0;
    size_t words = (b - a) / 8;
    if (words > 255) words = 255;
    for (; words > 0; words--, a += 8) {
      memcpy(&x, t + a, 8);
      sum += (x & ~(x << 1) & high) >> 7;
    }
    sum = (sum & bytes) + (sum >> 8 & bytes);
    c -= (size_t)((sum * 0x0001000100010001ull) >> 48);
  }
  for (; a < b; a++) c -= ((unsigned char)t[a] & 0xC0) == 0x80;
  return c;
}

static char *copy_string(const char *s) {
  size_t n = strlen(s);
  char *d = malloc(n + 1);
  if (d) memcpy(d, s, n + 1);
  return d;
}

/* The result's own copy of a caller-given rule (few distinct ones). */
static const char *own_rule(precis_result *r, const char *rule) {
  size_t k;
  char **grown;
  for (k = 0; k < r->nrules; k++)
    if (strcmp(r->rules[k], rule) == 0) return r->rules[k];
  grown = realloc(r->rules, (r->nrules + 1) * sizeof *grown);
  if (grown == NULL) return NULL;
  r->rules = grown;
  if ((grown[r->nrules] = copy_string(rule)) == NULL) return NULL;
  return grown[r->nrules++];
}

/* The caller-given scorers' names and weights, after the built-in ones. */
static precis_status build_extras(precis_result *r, const precis_extras *ex) {
  size_t k;
  r->xname = precisI_calloc(ex->nscorers, sizeof *r->xname);
  r->xweight = precisI_calloc(ex->nscorers, sizeof *r->xweight);
  if (r->xname == NULL || r->xweight == NULL) return PRECIS_ENOMEM;
  r->nextra = ex->nscorers;
  if (ex->only) r->nscorers = 0; /* the built-in scorers did not count */
  r->nbuiltin = r->nscorers;
  for (k = 0; k < ex->nscorers; k++) {
    if ((r->xname[k] = copy_string(ex->scorers[k].name)) == NULL)
      return PRECIS_ENOMEM;
    r->xweight[k] = ex->scorers[k].weight;
  }
  r->nscorers += ex->nscorers;
  return PRECIS_OK;
}

/* language "auto": one language for the run, from the start of each
** document in turn (detect.c reads at most its own budget) */
static precis_status detect(precisI_run *run, precis_error *err) {
  size_t d, n = 0, cap = 0;
  char *buf;
  for (d = 0; d < run->ndocs; d++) cap += run->src[d].len + 1;
  if (cap > PRECIS_DETECT_BYTES) cap = PRECIS_DETECT_BYTES;
  buf = malloc(cap + 1);
  if (buf == NULL) return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
  for (d = 0; d < run->ndocs && n < cap; d++) {
    size_t take = run->src[d].len;
    if (take > cap - n) {
      take = cap - n; /* on a character boundary */
      while (take > 0 && ((unsigned char)run->src[d].text[take] & 0xC0) == 0x80) take--;
    }
    memcpy(buf + n, run->src[d].text, take);
    n += take;
    if (n < cap) buf[n++] = '\n';
  }
  run->lang = precisI_detect(buf, n);
  free(buf);
  return PRECIS_OK;
}

/* The date each document carries: the first date stamp, dateline or
** heading among its first units that is a date and nothing else. */
#define DATE_SEARCH_UNITS 12
static precis_status dates(precisI_run *run) {
  size_t k, seen = 0;
  uint32_t doc = UINT32_MAX;
  run->date = precisI_calloc(run->ndocs, sizeof *run->date);
  if (run->date == NULL) return PRECIS_ENOMEM;
  for (k = 0; k < run->units.n; k++) {
    const precisI_unit *u = &precisI_vec_at(&run->units, precisI_unit, k);
    if (u->doc != doc) { doc = u->doc; seen = 0; }
    if (run->date[doc] || ++seen > DATE_SEARCH_UNITS) continue;
    if (u->kind == PRECIS_KIND_SENTENCE) continue;
    run->date[doc] = precisI_parse_date(run->src[doc].text + u->start, u->end - u->start, run->lang);
  }
  return PRECIS_OK;
}

/* The bytes of a hyphen that ends s[0, i), 0 for none: "-", U+2010
** HYPHEN (groff's UTF-8 output) or the soft hyphen U+00AD. */
static size_t hyphen_before(const char *s, size_t i) {
  if (i >= 1 && s[i - 1] == '-') return 1;
  if (i >= 3 && memcmp(s + i - 3, "\xE2\x80\x90", 3) == 0) return 3;
  if (i >= 2 && memcmp(s + i - 2, "\xC2\xAD", 2) == 0) return 2;
  return 0;
}

/* a line break after a hyphen before s[i] that goes on with the same
** word: a letter before the hyphen, a lowercase letter after the break */
static int hyphen_break(const char *s, size_t n, size_t i, size_t next) {
  size_t h = hyphen_before(s, i);
  return h > 0 && i >= h + 1 &&
         ((s[i - h - 1] >= 'a' && s[i - h - 1] <= 'z') ||
          (s[i - h - 1] >= 'A' && s[i - h - 1] <= 'Z') || (unsigned char)s[i - h - 1] >= 0x80) &&
         next < n && s[next] >= 'a' && s[next] <= 'z';
}

/* a character of a script written without spaces ends s[0, i) and
** another starts s[next]: a line break between them is no space */
static int cjk_break(const char *s, size_t n, size_t i, size_t next) {
  int32_t a, b;
  size_t j = i;
  if (i == 0 || next >= n) return 0;
  while (j > 0 && ((unsigned char)s[j - 1] & 0xC0) == 0x80) j--;
  if (j == 0) return 0;
  precisI_utf8_decode(s, i, j - 1, &a);
  precisI_utf8_decode(s, n, next, &b);
  return precisI_is_cjk(a) && precisI_is_cjk(b);
}

/* Does [s, s + n) go on across lines of an e-mail quotation ("...\n> "),
** or across a line break inside a hyphenated word ("long-\nterm")? */
static int reflowed(const char *s, size_t n) {
  const char *nl = memchr(s, '\n', n);
  while (nl != NULL) {
    size_t at = (size_t)(nl - s), k = at + 1;
    while (k < n && (s[k] == ' ' || s[k] == '\t')) k++;
    if (k < n && s[k] == '>') return 1;
    if (hyphen_break(s, n, at > 0 && s[at - 1] == '\r' ? at - 1 : at, k)) return 1;
    if (cjk_break(s, n, at > 0 && s[at - 1] == '\r' ? at - 1 : at, k)) return 1;
    nl = k < n ? memchr(s + k, '\n', n - k) : NULL;
  }
  return 0;
}

/* Copies [s, s + n) to dst without the quotation marks that start its
** lines after the first, without the line break inside a hyphenated word
** (nor a soft hyphen there) and without one between two characters of a
** script written without spaces; returns the length written. */
static size_t reflow(char *dst, const char *s, size_t n) {
  size_t i = 0, o = 0;
  while (i < n) {
    if (s[i] == '\n' || (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')) {
      size_t at = i, k = s[i] == '\r' ? i + 2 : i + 1, q = k;
      while (q < n && (s[q] == ' ' || s[q] == '\t' || s[q] == '>')) q++;
      if (hyphen_break(s, n, at, q)) { /* "long-" + "term" */
        if (hyphen_before(s, at) == 2) o -= 2; /* a soft hyphen shows only at a break */
        i = q;
        continue;
      }
      if (cjk_break(s, n, at, q)) { /* "節のよう" + "に": no space */
        i = q;
        continue;
      }
      while (i < k) dst[o++] = s[i++];
      if (q > k && memchr(s + k, '>', q - k) != NULL) i = q;
      continue;
    }
    dst[o++] = s[i++];
  }
  return o;
}

/* Copies the text of units whose document was rewritten (a format's
** text, U+FFFD replacements), or that run across the lines of an e-mail
** quotation or of a hyphenated word, into the result. */
static precis_status plain_texts(precis_result *r, const precisI_run *run) {
  size_t i, total = 0, o = 0;
  for (i = 0; i < r->nunits; i++) {
    const precisI_unit *u = &precisI_vec_at(&run->units, precisI_unit, i);
    const precisI_source *src = &run->src[u->doc];
    if (src->xowned || src->owned || src->eowned || reflowed(src->text + u->start, u->end - u->start))
      total += u->end - u->start;
  }
  if (total == 0) return PRECIS_OK;
  r->plain = malloc(total);
  r->span = precisI_calloc(r->nunits, 2 * sizeof *r->span);
  if (r->plain == NULL || r->span == NULL) return PRECIS_ENOMEM;
  for (i = 0; i < r->nunits; i++) {
    const precisI_unit *u = &precisI_vec_at(&run->units, precisI_unit, i);
    const precisI_source *src = &run->src[u->doc];
    const char *t = src->text + u->start;
    size_t n = u->end - u->start;
    if (reflowed(t, n)) {
      n = reflow(r->plain + o, t, n);
    } else if (src->xowned || src->owned || src->eowned) {
      memcpy(r->plain + o, t, n);
    } else {
      continue;
    }
    r->span[2 * i] = o;
    r->span[2 * i + 1] = n;
    o += n;
  }
  return PRECIS_OK;
}

/* For documents read from another encoding: their encodings' names, and
** the UTF-8 text of each unit's original bytes, which is the converted
** text between where its first character and its last were read. */
static precis_status decoded_texts(precis_result *r, const precisI_run *run) {
  size_t i, d, total = 0, o = 0;
  const size_t w = sizeof run->src[0].encoding;
  for (d = 0; d < run->ndocs; d++)
    if (run->src[d].eowned != NULL) break;
  if (d == run->ndocs) return PRECIS_OK;
  r->encoding = precisI_calloc(run->ndocs, w);
  r->dspan = precisI_calloc(r->nunits, 2 * sizeof *r->dspan);
  if (r->encoding == NULL || r->dspan == NULL) return PRECIS_ENOMEM;
  for (d = 0; d < run->ndocs; d++)
    memcpy(r->encoding + d * w, run->src[d].encoding, w);
  for (i = 0; i < r->nunits; i++) {
    const precisI_unit *u = &precisI_vec_at(&run->units, precisI_unit, i);
    const precisI_source *src = &run->src[u->doc];
    size_t a = u->start, b = u->end;
    size_t elen;
    if (src->eowned == NULL) continue;
    precisI_source_span_decoded(src, &a, &b);
    /* whole characters of the converted text, which is UTF-8: a map may
    ** share a character's bytes between two of the text it stands for */
    elen = src->nemap > 0 ? src->emap[src->nemap - 1].clean : 0;
    if (b > elen) b = elen;
    if (a > b) a = b;
    while (a > 0 && a < elen && ((unsigned char)src->eowned[a] & 0xC0) == 0x80) a--;
    while (b < elen && ((unsigned char)src->eowned[b] & 0xC0) == 0x80) b++;
    r->dspan[2 * i] = a;
    r->dspan[2 * i + 1] = b - a;
    total += b - a;
  }
  r->decoded = malloc(total + 1);
  if (r->decoded == NULL) return PRECIS_ENOMEM;
  for (i = 0; i < r->nunits; i++) {
    const precisI_unit *u = &precisI_vec_at(&run->units, precisI_unit, i);
    const precisI_source *src = &run->src[u->doc];
    size_t n = r->dspan[2 * i + 1];
    if (src->eowned == NULL) continue;
    memcpy(r->decoded + o, src->eowned + r->dspan[2 * i], n);
    r->dspan[2 * i] = o;
    o += n;
  }
  return PRECIS_OK;
}

/* The result, which takes the scores from the run (and the caller's
** scorers' values, *xvalue). */
static precis_status build(precisI_run *run, int scored,
                           const precis_extras *ex, double **xvalue,
                           precis_result **out) {
  precis_result *r = calloc(1, sizeof *r);
  size_t k, i, index = 0, prev_end = 0;
  uint32_t doc = UINT32_MAX;
  if (r == NULL) return PRECIS_ENOMEM;
  r->ndocs = run->ndocs;
  r->nunits = run->units.n;
  r->date = precisI_alloc(run->ndocs, sizeof *r->date);
  if (r->date == NULL) goto oom;
  for (k = 0; k < run->ndocs; k++) r->date[k] = run->date ? run->date[k] : 0;
  r->language = run->lang->name;
  r->units = precisI_calloc(r->nunits, sizeof *r->units);
  if (r->units == NULL) goto oom;
  if (scored) {
    for (k = 0; k < PRECIS_NSCORERS; k++)
      if (run->value[k]) {
        r->scorer[r->nscorers] = (int)k;
        r->weight[r->nscorers++] = run->s->opt.weight[k];
      }
    r->nbuiltin = r->nscorers;
    for (k = 0; k < r->nbuiltin; k++) { /* the result's now */
      r->value[k] = run->value[r->scorer[k]];
      run->value[r->scorer[k]] = NULL;
    }
    r->ncand = run->ncand;
    r->score = run->score; run->score = NULL;
    r->rank = run->rank; run->rank = NULL;
    r->selected = run->selected; run->selected = NULL;
    if (*xvalue != NULL) {
      r->xvalue = *xvalue;
      *xvalue = NULL;
      if (build_extras(r, ex) != PRECIS_OK) goto oom;
    }
    r->sel = precisI_alloc(run->nsummary, sizeof *r->sel);
    if (r->sel == NULL) goto oom;
    for (k = 0; k < run->nsummary; k++) r->sel[k] = run->cand[run->summary[k]];
    r->nsel = run->nsummary;
  }
  for (i = 0; i < r->nunits; i++) {
    const precisI_unit *u = &precisI_vec_at(&run->units, precisI_unit, i);
    const precisI_source *src = &run->src[u->doc];
    runit *o = &r->units[i];
    if (u->doc != doc) { doc = u->doc; index = 0; prev_end = 0; }
    o->doc = u->doc;
    o->index = (uint32_t)index++;
    o->start = u->start;
    o->end = u->end;
    precisI_source_span(src, &o->start, &o->end);
    /* Two rewrites may each round a shared character outwards (a byte
    ** read as U+FFFD, and that character split by the layout of a page):
    ** the source byte they share goes to the first unit, so that units
    ** stay in order and never overlap. */
    if (o->start < prev_end) o->start = prev_end;
    if (o->end < o->start) o->end = o->start;
    prev_end = o->end;
    o->words = u->words;
    o->chars = code_points(src->text, u->start, u->end);
    o->kind = (unsigned char)u->kind;
    /* inside the run a fragment is a dropped unit: no stage reads it */
    if (u->kind == PRECIS_KIND_DROPPED && precisI_rule_keeps_text(u->rule))
      o->kind = PRECIS_KIND_FRAGMENT;
    o->rule = u->rule;
    o->item = (unsigned char)u->item;
    o->cand = scored ? u->cand : UINT32_MAX;
    if (ex && ex->drop && ex->drop[i] == u->rule && u->rule != NULL
        && (o->rule = own_rule(r, u->rule)) == NULL)
      goto oom;
  }
  if (plain_texts(r, run) != PRECIS_OK || decoded_texts(r, run) != PRECIS_OK) goto oom;
  *out = r;
  return PRECIS_OK;
oom:
  precis_result_free(r);
  return PRECIS_ENOMEM;
}

static precis_status run(const precis_summarizer *s, const precis_text *docs,
                         size_t ndocs, int summarize, const precis_extras *ex,
                         precis_result **out, precisI_run *keep, precis_error *err) {
  precisI_run R;
  double *xvalue = NULL;
  precisI_vec blocks, *hints = NULL;
  precis_status st = PRECIS_OK;
  size_t d, total = 0;
  if (out) *out = NULL;
  if (s == NULL || docs == NULL || out == NULL || ndocs == 0)
    return precisI_seterr(err, PRECIS_EINVAL,
                          "summarizer, documents and result are required");
  if (ndocs > UINT32_MAX / 2)
    return precisI_seterr(err, PRECIS_ELIMIT, "too many documents");
  for (d = 0; d < ndocs; d++) {
    if (docs[d].data == NULL && docs[d].len > 0) {
      precisI_seterr(err, PRECIS_EINVAL, "document data is NULL");
      precisI_seterr_source(err, docs[d].name, d);
      return PRECIS_EINVAL;
    }
    total += docs[d].len;
    if (total > s->opt.max_bytes) {
      precisI_seterr(err, PRECIS_ELIMIT,
                     "input is over the limit of %zu bytes", s->opt.max_bytes);
      precisI_seterr_source(err, ndocs == 1 ? docs[d].name : NULL, d);
      return PRECIS_ELIMIT;
    }
  }
  memset(&R, 0, sizeof R);
  R.s = s;
  R.ndocs = ndocs;
  R.keep_terms = keep != NULL;
  precisI_vec_init(&R.units, sizeof(precisI_unit));
  precisI_vec_init(&R.terms, sizeof(uint32_t));
  precisI_vec_init(&blocks, sizeof(precisI_block));
  R.src = precisI_calloc(ndocs, sizeof *R.src);
  hints = precisI_calloc(ndocs, sizeof *hints);
  if (R.src == NULL || hints == NULL) {
    st = precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
    goto done;
  }
  for (d = 0; d < ndocs; d++) precisI_vec_init(&hints[d], sizeof(precisI_block));
  for (d = 0; d < ndocs; d++) {
    { /* another encoding read as UTF-8 first, then UTF-8 checked */
      const char *bytes = docs[d].data ? docs[d].data : "";
      size_t n = docs[d].len;
      precisI_source dec;
      memset(&dec, 0, sizeof dec);
      st = precisI_decode(s, bytes, n, &dec, &bytes, &n, err);
      if (st == PRECIS_OK) st = precisI_utf8_clean(bytes, n, s->opt.utf8, &R.src[d], err);
      if (st == PRECIS_OK) {
        R.src[d].eowned = dec.eowned;
        R.src[d].emap = dec.emap;
        R.src[d].nemap = dec.nemap;
        memcpy(R.src[d].encoding, dec.encoding, sizeof dec.encoding);
      } else {
        precisI_source_free(&dec);
      }
    }
    if (st != PRECIS_OK) {
      if (err) { /* keep the position, add where */
        size_t line = err->line, col = err->column, off = err->offset;
        int has = err->has_offset;
        precisI_seterr_source(err, docs[d].name, d);
        err->line = line; err->column = col; err->offset = off; err->has_offset = has;
      }
      goto done;
    }
    if ((st = precisI_format(s, &R.src[d], &hints[d], err)) !=
        PRECIS_OK) {
      precisI_seterr_source(err, docs[d].name, d);
      goto done;
    }
  }
  if ((R.lang = s->lang) == NULL && (st = detect(&R, err)) != PRECIS_OK) goto done;
  for (d = 0; d < ndocs; d++) {
    blocks.n = 0;
    if ((st = precisI_ingest(s, R.lang, &R.src[d], &hints[d], &blocks, err)) != PRECIS_OK) {
      if (err && st != PRECIS_ENOMEM) { /* a drop pattern's limit: add where */
        size_t off = err->offset;
        int has = err->has_offset;
        precisI_seterr_source(err, docs[d].name, d);
        err->offset = off;
        err->has_offset = has;
      }
      goto done;
    }
    precisI_vec_free(&hints[d]);
    if ((st = precisI_segment(&R, (uint32_t)d, &blocks, err)) != PRECIS_OK) goto done;
    precisI_lower_free(R.src[d].lower); /* only ingest and segment ask it */
    R.src[d].lower = NULL;
  }
  precisI_vec_free(&blocks); /* the peak comes later: keep only what it needs */
  precisI_vec_trim(&R.units);
  if ((st = dates(&R)) != PRECIS_OK) {
    precisI_seterr(err, st, "out of memory");
    goto done;
  }
  if ((st = precisI_tokenize(&R, err)) != PRECIS_OK) goto done;
  precisI_vec_trim(&R.terms);
  if (ex && (st = precisI_extra_drop(&R, ex, err)) != PRECIS_OK) goto done;
  if (summarize && s->opt.filter_questions) precisI_filter_questions(&R);
  if (summarize) {
    if ((st = precisI_model(&R, err)) != PRECIS_OK) goto done;
    if (R.ncand == 0) {
      st = precisI_seterr(err, PRECIS_EEMPTY, "no sentences to summarize");
      precisI_seterr_source(err, ndocs == 1 ? docs[0].name : NULL, 0);
      goto done;
    }
    if ((st = precisI_select(&R, err)) != PRECIS_OK) goto done;
    if (keep != NULL) { /* the caller's now */
      *keep = R;
      memset(&R, 0, sizeof R);
      goto done;
    }
    if (ex && ex->nscorers > 0) {
      xvalue = precisI_calloc(ex->nscorers * R.ncand, sizeof *xvalue);
      if (xvalue == NULL) {
        st = precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
        goto done;
      }
      if ((st = precisI_extra_select(&R, ex, xvalue, err)) != PRECIS_OK) goto done;
    }
  }
  model_free(&R); /* the result needs the scores, not the model */
  if ((st = build(&R, summarize, ex, &xvalue, out)) != PRECIS_OK)
    precisI_seterr(err, st, "out of memory");
done:
  for (d = 0; hints && d < ndocs; d++) precisI_vec_free(&hints[d]);
  free(hints);
  precisI_vec_free(&blocks);
  precisI_run_free(&R);
  free(xvalue);
  return st;
}

precis_status precis_summarize(const precis_summarizer *s,
                               const precis_text *docs, size_t ndocs,
                               precis_result **out, precis_error *err) {
  return run(s, docs, ndocs, 1, NULL, out, NULL, err);
}

precis_status precis_summarize_with(const precis_summarizer *s,
                                    const precis_text *docs, size_t ndocs,
                                    const precis_extras *extras,
                                    precis_result **out, precis_error *err) {
  return run(s, docs, ndocs, 1, extras, out, NULL, err);
}

precis_status precis_segment(const precis_summarizer *s,
                             const precis_text *docs, size_t ndocs,
                             precis_result **out, precis_error *err) {
  return run(s, docs, ndocs, 0, NULL, out, NULL, err);
}

precis_status precisI_run_scored(const precis_summarizer *s,
                                const precis_text *docs, size_t ndocs,
                                precisI_run *keep, precis_error *err) {
  precis_result *unused = NULL;
  memset(keep, 0, sizeof *keep);
  return run(s, docs, ndocs, 1, NULL, &unused, keep, err);
}

void precis_result_free(precis_result *r) {
  size_t k;
  if (r == NULL) return;
  for (k = 0; r->xname && k < r->nextra; k++) free(r->xname[k]);
  for (k = 0; k < r->nrules; k++) free(r->rules[k]);
  free(r->xname);
  free(r->xweight);
  free(r->rules);
  free(r->units);
  free(r->date);
  free(r->sel);
  for (k = 0; k < PRECIS_NSCORERS; k++) free(r->value[k]);
  free(r->xvalue);
  free(r->score);
  free(r->rank);
  free(r->selected);
  free(r->plain);
  free(r->span);
  free(r->encoding);
  free(r->decoded);
  free(r->dspan);
  free(r);
}

const char *precis_result_decoded(const precis_result *r, size_t i, size_t *len) {
  const size_t w = sizeof ((precisI_source *)0)->encoding;
  if (r == NULL || i >= r->nunits || r->dspan == NULL) return NULL;
  if (r->encoding[r->units[i].doc * w] == '\0') return NULL;
  if (len) *len = r->dspan[2 * i + 1];
  return r->decoded + r->dspan[2 * i];
}

const char *precis_result_encoding(const precis_result *r, size_t doc) {
  const size_t w = sizeof ((precisI_source *)0)->encoding;
  if (r == NULL || doc >= r->ndocs || r->encoding == NULL) return NULL;
  return r->encoding[doc * w] != '\0' ? r->encoding + doc * w : NULL;
}

const char *precis_result_text(const precis_result *r, size_t i, size_t *len) {
  if (r == NULL || i >= r->nunits || r->span == NULL) return NULL;
  if (r->span[2 * i + 1] == 0 && r->units[i].end > r->units[i].start) return NULL;
  if (len) *len = r->span[2 * i + 1];
  return r->plain + r->span[2 * i];
}

size_t precis_result_count(const precis_result *r) { return r ? r->nunits : 0; }

int precis_result_get(const precis_result *r, size_t i, precis_sentence *out) {
  if (r == NULL || out == NULL || i >= r->nunits) return 0;
  {
    const runit *u = &r->units[i];
    uint32_t c = u->cand;
    memset(out, 0, sizeof *out);
    out->doc = u->doc;
    out->index = u->index;
    out->start = u->start;
    out->end = u->end;
    out->words = u->words;
    out->chars = u->chars;
    out->kind = (precis_kind)u->kind;
    out->rule = u->rule;
    out->item = u->item;
    if (c != UINT32_MAX) {
      out->score = r->score[c];
      out->rank = r->rank[c];
      out->selected = r->selected[c];
    }
  }
  return 1;
}

size_t precis_result_selected_count(const precis_result *r) {
  return r ? r->nsel : 0;
}

size_t precis_result_selected(const precis_result *r, size_t k) {
  return r && k < r->nsel ? r->sel[k] : (size_t)-1;
}

size_t precis_result_documents(const precis_result *r) { return r ? r->ndocs : 0; }

int precis_result_document_date(const precis_result *r, size_t doc) {
  return r && doc < r->ndocs ? r->date[doc] : 0;
}

size_t precis_result_scorer_count(const precis_result *r) {
  return r ? r->nscorers : 0;
}

const char *precis_result_scorer_name(const precis_result *r, size_t k) {
  if (r == NULL || k >= r->nscorers) return NULL;
  if (k >= r->nbuiltin) return r->xname[k - r->nbuiltin];
  return precis_scorer_name((size_t)r->scorer[k]);
}

double precis_result_scorer_weight(const precis_result *r, size_t k) {
  if (r == NULL || k >= r->nscorers) return 0;
  return k >= r->nbuiltin ? r->xweight[k - r->nbuiltin] : r->weight[k];
}

double precis_result_scorer_value(const precis_result *r, size_t i, size_t k) {
  if (r == NULL || i >= r->nunits || k >= r->nscorers) return 0;
  if (r->units[i].cand == UINT32_MAX) return 0;
  if (k < r->nbuiltin) return r->value[k][r->units[i].cand];
  return r->xvalue[(k - r->nbuiltin) * r->ncand + r->units[i].cand];
}

const char *precis_result_language(const precis_result *r) {
  return r ? r->language : NULL;
}
