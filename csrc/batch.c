/*
** batch.c: one summary per document for many documents, on threads that
** share one summarizer (docs/batch.md). The caller's thread adds documents
** or JSON Lines records and takes the results back in the order it added
** them; worker threads parse the records (json-c), summarize and write each
** result as one line of JSON (the bytes lua/precis/json.lua writes for the
** same result) or of text. At most `window` documents are held at a time.
** corpus.c drives it over files, directories and JSON Lines streams.
*/
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "batch.h"

/* ======================================================================
** Growable byte buffers
** ====================================================================== */

int precisI_buf_grow(precisI_buf *b, size_t more) {
  size_t cap;
  char *p;
  if (more <= b->cap - b->n) return 1;
  if (more > SIZE_MAX / 2 - b->n) return 0;
  cap = b->cap ? b->cap : 256;
  while (cap - b->n < more) cap *= 2;
  if ((p = realloc(b->p, cap)) == NULL) return 0;
  b->p = p;
  b->cap = cap;
  return 1;
}

int precisI_buf_add(precisI_buf *b, const char *s, size_t n) {
  if (!precisI_buf_grow(b, n)) return 0;
  if (n) memcpy(b->p + b->n, s, n);
  b->n += n;
  return 1;
}

static int addc(precisI_buf *b, char c) { return precisI_buf_add(b, &c, 1); }
static int adds(precisI_buf *b, const char *s) { return precisI_buf_add(b, s, strlen(s)); }

/* ======================================================================
** The JSON writer: the bytes lua/precis/json.lua writes
** ====================================================================== */

/* the length of the valid UTF-8 sequence at s[i] (RFC 3629: no overlong
** forms, surrogates or code points past U+10FFFF), or 0 */
static size_t utf8_seq(const unsigned char *s, size_t n, size_t i) {
  unsigned c = s[i];
  size_t size, k;
  unsigned lo = 0x80, hi = 0xBF;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) size = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    size = 3;
    if (c == 0xE0) lo = 0xA0; else if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    size = 4;
    if (c == 0xF0) lo = 0x90; else if (c == 0xF4) hi = 0x8F;
  } else return 0;
  if (n - i < size || s[i + 1] < lo || s[i + 1] > hi) return 0;
  for (k = 2; k < size; k++)
    if ((s[i + k] & 0xC0) != 0x80) return 0;
  return size;
}

/* A JSON string: every byte that starts no valid UTF-8 sequence becomes
** U+FFFD; control characters, '"', '\' and DEL are escaped, and so are
** U+2028 and U+2029 (json.lua's encode_string). */
int precisI_json_string(precisI_buf *b, const char *str, size_t n) {
  static const char hex[] = "0123456789abcdef";
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  if (!precisI_buf_grow(b, n + 2)) return 0;
  addc(b, '"');
  while (i < n) {
    size_t run = i, k;
    /* a run of bytes written as they are */
    while (run < n && s[run] >= 0x20 && s[run] < 0x7F && s[run] != '"' && s[run] != '\\')
      run++;
    if (run > i && !precisI_buf_add(b, str + i, run - i)) return 0;
    i = run;
    if (i >= n) break;
    if (s[i] < 0x80) {
      char e[6] = {'\\', 'u', '0', '0', 0, 0};
      const char *lit = NULL;
      switch (s[i]) {
        case '"': lit = "\\\""; break;
        case '\\': lit = "\\\\"; break;
        case '\b': lit = "\\b"; break;
        case '\f': lit = "\\f"; break;
        case '\n': lit = "\\n"; break;
        case '\r': lit = "\\r"; break;
        case '\t': lit = "\\t"; break;
        default: break;
      }
      if (lit != NULL) {
        if (!adds(b, lit)) return 0;
      } else {
        e[4] = hex[s[i] >> 4];
        e[5] = hex[s[i] & 15];
        if (!precisI_buf_add(b, e, 6)) return 0;
      }
      i++;
      continue;
    }
    k = utf8_seq(s, n, i);
    if (k == 0) {
      if (!precisI_buf_add(b, "\xEF\xBF\xBD", 3)) return 0;
      i++;
    } else if (k == 3 && s[i] == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)) {
      if (!adds(b, s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029")) return 0;
      i += 3;
    } else {
      if (!precisI_buf_add(b, str + i, k)) return 0;
      i += k;
    }
  }
  return addc(b, '"');
}

/* A JSON number as json.lua writes it: whole numbers within 2^53 as
** integers, the rest with "%.6g" and a '.' whatever the locale says. */
int precisI_json_number(precisI_buf *b, double x) {
  char num[64], out[64];
  size_t i, o = 0;
  int n;
  if (x == (double)(long long)x && x >= -9007199254740992.0 && x <= 9007199254740992.0) {
    n = snprintf(num, sizeof num, "%lld", (long long)x);
    return n > 0 && precisI_buf_add(b, num, (size_t)n);
  }
  if (x != x || x > 1e308 || x < -1e308) x = 0; /* never: scores are finite */
  n = snprintf(num, sizeof num, "%.6g", x);
  if (n <= 0 || (size_t)n >= sizeof num) return 0;
  for (i = 0; i < (size_t)n;) { /* a locale's decimal point, of any length, is '.' */
    char c = num[i];
    if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == 'e' || c == 'E' ||
        c == 'i' || c == 'n' || c == 'f' || c == 'a') {
      out[o++] = c;
      i++;
    } else {
      out[o++] = '.';
      while (i < (size_t)n && !(num[i] >= '0' && num[i] <= '9')) i++;
    }
  }
  return precisI_buf_add(b, out, o);
}

static int json_size(precisI_buf *b, size_t n) {
  char num[32];
  int k = snprintf(num, sizeof num, "%zu", n);
  return k > 0 && precisI_buf_add(b, num, (size_t)k);
}

static int key(precisI_buf *b, const char *k) {
  return adds(b, k); /* written with its quotes and colon by the caller */
}

/* The summary of one document as today's `summarize --format json`
** writes it, from its second byte on (after the '{'): documents,
** language, sentences. `text` is the document's original bytes, `shift`
** bytes before offset 0 of the caller's text (a title put in front). */
int precisI_json_result(precisI_buf *b, const precis_result *r, const char *text,
                        size_t shift, const char *name, size_t name_len) {
  size_t k, i, nsel = precis_result_selected_count(r), nsc = precis_result_scorer_count(r);
  size_t before = 0; /* units of the title put in front */
  int date = precis_result_document_date(r, 0), first = 1;
  precis_sentence t;
  while (shift > 0 && precis_result_get(r, before, &t) && t.start < shift) before++;
  if (!key(b, "\"documents\":[{")) return 0;
  if (name != NULL) {
    if (!key(b, "\"name\":") || !precisI_json_string(b, name, name_len)) return 0;
    first = 0;
  }
  if (date > 0) {
    char d[32];
    snprintf(d, sizeof d, "%s\"date\":\"%04d-%02d-%02d\"", first ? "" : ",",
             date / 10000, (date / 100) % 100, date % 100);
    if (!adds(b, d)) return 0;
  }
  if (precis_result_encoding(r, 0) != NULL) {
    const char *enc = precis_result_encoding(r, 0);
    if (!key(b, first ? "\"encoding\":" : ",\"encoding\":") ||
        !precisI_json_string(b, enc, strlen(enc)))
      return 0;
  }
  if (!key(b, "}],\"language\":") ||
      !precisI_json_string(b, precis_result_language(r), strlen(precis_result_language(r))) ||
      !key(b, ",\"sentences\":["))
    return 0;
  for (k = 0; k < nsel; k++) {
    precis_sentence u;
    size_t plen = 0, slen = 0;
    const char *plain, *src;
    i = precis_result_selected(r, k);
    if (!precis_result_get(r, i, &u) || u.start < shift) continue;
    if (k > 0 && !addc(b, ',')) return 0;
    if (!key(b, "{\"doc\":") || !json_size(b, u.doc) || !key(b, ",\"index\":") ||
        !json_size(b, u.index - before) || !key(b, ",\"start\":") || !json_size(b, u.start - shift) ||
        !key(b, ",\"end\":") || !json_size(b, u.end - shift) || !key(b, ",\"text\":"))
      return 0;
    /* the original bytes, as UTF-8 when the document was in another encoding */
    if ((src = precis_result_decoded(r, i, &slen)) == NULL) {
      src = text + u.start;
      slen = u.end - u.start;
    }
    if (!precisI_json_string(b, src, slen)) return 0;
    plain = precis_result_text(r, i, &plen);
    if (plain != NULL && !(plen == slen && memcmp(plain, src, plen) == 0)) {
      if (!key(b, ",\"plain\":") || !precisI_json_string(b, plain, plen)) return 0;
    }
    if (!key(b, ",\"score\":") || !precisI_json_number(b, u.score) || !key(b, ",\"rank\":") ||
        !json_size(b, u.rank) || !adds(b, u.selected ? ",\"selected\":true" : ",\"selected\":false") ||
        !key(b, ",\"scores\":{"))
      return 0;
    for (i = 0; i < nsc; i++) {
      const char *sn = precis_result_scorer_name(r, i);
      if ((i > 0 && !addc(b, ',')) || !precisI_json_string(b, sn, strlen(sn)) || !addc(b, ':') ||
          !precisI_json_number(b, precis_result_scorer_value(r, precis_result_selected(r, k), i)))
        return 0;
    }
    if (!key(b, "}}")) return 0;
  }
  return key(b, "]}");
}

/* ======================================================================
** Text output: a sentence as `summarize` prints it
** ====================================================================== */

static int is_ws(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* [s, s + n) on one line: valid UTF-8, white space runs as one space, no
** space at either end (cli.lua's oneline) */
int precisI_text_line(precisI_buf *b, const char *str, size_t n) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0, start = b->n;
  int space = 0;
  while (i < n) {
    size_t k;
    if (is_ws(s[i])) { space = 1; i++; continue; }
    if (space && b->n > start && !addc(b, ' ')) return 0;
    space = 0;
    k = utf8_seq(s, n, i);
    if (k == 0) {
      if (!precisI_buf_add(b, "\xEF\xBF\xBD", 3)) return 0;
      i++;
    } else {
      if (!precisI_buf_add(b, str + i, k)) return 0;
      i += k;
    }
  }
  return 1;
}

/* the length of the list marker that opens an item of plain text ("- ",
** "* ", "+ ", a bullet or dash, "1. ", "2) ", "(a) "), or 0 */
static size_t marker(const char *t, size_t n) {
  size_t i = 0;
  if (n >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ') i = 1;
  else if (n >= 4 && (unsigned char)t[0] == 0xE2 && (unsigned char)t[1] == 0x80 &&
           ((unsigned char)t[2] == 0xA2 || (unsigned char)t[2] == 0x93 ||
            (unsigned char)t[2] == 0x94) && t[3] == ' ')
    i = 3;
  else if (n >= 3 && t[0] == '(' && ((t[1] >= 'a' && t[1] <= 'z') || (t[1] >= 'A' && t[1] <= 'Z') ||
                                     (t[1] >= '0' && t[1] <= '9')) && t[2] == ')')
    i = 3;
  else {
    while (i < n && i < 3 && t[i] >= '0' && t[i] <= '9') i++;
    if (i == 0 || i >= n || (t[i] != '.' && t[i] != ')')) return 0;
    i++;
  }
  if (i >= n || t[i] != ' ') return 0;
  while (i < n && t[i] == ' ') i++;
  return i < n ? i : 0;
}

/* The summary's sentences, one per line, each after `prefix` (may be
** empty): what `summarize FILE` prints. */
int precisI_text_result(precisI_buf *b, const precis_result *r, const char *text,
                        size_t shift, const char *prefix, size_t prefix_len) {
  size_t k, nsel = precis_result_selected_count(r);
  for (k = 0; k < nsel; k++) {
    precis_sentence u;
    size_t i = precis_result_selected(r, k), plen = 0, start;
    const char *plain;
    if (!precis_result_get(r, i, &u) || u.start < shift) continue;
    if (!precisI_buf_add(b, prefix, prefix_len)) return 0;
    plain = precis_result_text(r, i, &plen);
    if (plain != NULL && !(plen == u.end - u.start && memcmp(plain, text + u.start, plen) == 0)) {
      if (!precisI_text_line(b, plain, plen)) return 0;
    } else if (u.kind == PRECIS_KIND_SENTENCE && u.item) {
      precisI_buf line = {NULL, 0, 0};
      size_t m;
      if (!precisI_text_line(&line, text + u.start, u.end - u.start)) { free(line.p); return 0; }
      m = marker(line.p, line.n);
      start = precisI_buf_add(b, line.p + m, line.n - m);
      free(line.p);
      if (!start) return 0;
    } else if (!precisI_text_line(b, text + u.start, u.end - u.start)) {
      return 0;
    }
    if (!addc(b, '\n')) return 0;
  }
  return 1;
}

/* ======================================================================
** Records: a JSON Lines object, read on a worker thread
** ====================================================================== */

static const char *const record_keys[] = {
  "id", "text", "name", "title", "query", "language", "options", NULL
};
static const char *const option_keys[] = {
  "sentences", "words", "chars", "ratio", "input", "order", "min_words",
  "max_words", "unwrap", "invalid_utf8", "language", "query", NULL
};

static int in_list(const char *const *list, const char *k) {
  size_t i;
  for (i = 0; list[i] != NULL; i++)
    if (strcmp(list[i], k) == 0) return 1;
  return 0;
}

/* a whole number of json-c's, or -1 */
static long long whole(json_object *v) {
  if (json_object_is_type(v, json_type_int)) return (long long)json_object_get_int64(v);
  if (json_object_is_type(v, json_type_double)) {
    double x = json_object_get_double(v);
    if (x == (double)(long long)x && x >= 0 && x < 9007199254740992.0) return (long long)x;
  }
  return -1;
}

/* Applies one per-record option to the summarizer copy `v` (checked with
** the option setters on `scratch`). */
static precis_status apply_option(precis_summarizer *v, precis_options *scratch,
                                  const char *k, json_object *val, precis_error *err) {
  static const char *const budgets[] = {"sentences", "words", "chars", "ratio"};
  static const precis_unit units[] = {PRECIS_UNIT_SENTENCES, PRECIS_UNIT_WORDS,
                                      PRECIS_UNIT_CHARS, PRECIS_UNIT_RATIO};
  const char *s = json_object_is_type(val, json_type_string) ? json_object_get_string(val) : NULL;
  size_t u;
  for (u = 0; u < 4; u++)
    if (strcmp(k, budgets[u]) == 0) {
      double x;
      if (!json_object_is_type(val, json_type_int) && !json_object_is_type(val, json_type_double))
        return precisI_seterr(err, PRECIS_EINVAL, "option '%s' must be a number", k);
      x = json_object_get_double(val);
      if (precis_options_set_budget(scratch, units[u], x, err) != PRECIS_OK) return PRECIS_EINVAL;
      v->opt.unit = scratch->unit;
      v->opt.budget = scratch->budget;
      return PRECIS_OK;
    }
  if (strcmp(k, "min_words") == 0 || strcmp(k, "max_words") == 0) {
    long long n = whole(val);
    if (n < 0 || n > 1000000)
      return precisI_seterr(err, PRECIS_EINVAL, "option '%s' must be a non-negative integer", k);
    if (k[1] == 'i') v->opt.min_words = (size_t)n; else v->opt.max_words = (size_t)n;
    if (v->opt.max_words != 0 && v->opt.max_words < v->opt.min_words)
      return precisI_seterr(err, PRECIS_EINVAL, "max_words (%zu) is below min_words (%zu)",
                            v->opt.max_words, v->opt.min_words);
    return PRECIS_OK;
  }
  if (strcmp(k, "unwrap") == 0) {
    if (!json_object_is_type(val, json_type_boolean))
      return precisI_seterr(err, PRECIS_EINVAL, "option 'unwrap' must be true or false");
    v->opt.unwrap = json_object_get_boolean(val) ? 1 : 0;
    return PRECIS_OK;
  }
  if (s == NULL)
    return precisI_seterr(err, PRECIS_EINVAL, "option '%s' must be a string", k);
  if (strcmp(k, "input") == 0) {
    if (strcmp(s, "text") == 0) v->opt.format = PRECIS_FORMAT_TEXT;
    else if (strcmp(s, "markdown") == 0) v->opt.format = PRECIS_FORMAT_MARKDOWN;
    else if (strcmp(s, "html") == 0) v->opt.format = PRECIS_FORMAT_HTML;
    else return precisI_seterr(err, PRECIS_EINVAL, "option 'input' must be text, markdown or html");
  } else if (strcmp(k, "order") == 0) {
    if (strcmp(s, "document") == 0) v->opt.order = PRECIS_ORDER_DOCUMENT;
    else if (strcmp(s, "score") == 0) v->opt.order = PRECIS_ORDER_SCORE;
    else if (strcmp(s, "date") == 0) v->opt.order = PRECIS_ORDER_DATE;
    else return precisI_seterr(err, PRECIS_EINVAL, "option 'order' must be document, score or date");
  } else if (strcmp(k, "invalid_utf8") == 0) {
    if (strcmp(s, "error") == 0) v->opt.utf8 = PRECIS_UTF8_STRICT;
    else if (strcmp(s, "replace") == 0) v->opt.utf8 = PRECIS_UTF8_REPLACE;
    else return precisI_seterr(err, PRECIS_EINVAL, "option 'invalid_utf8' must be error or replace");
  } else if (strcmp(k, "language") == 0) {
    if (strcmp(s, "auto") == 0) v->lang = NULL;
    else if ((v->lang = precisI_lang_find(s)) == NULL)
      return precisI_seterr(err, PRECIS_EINVAL, "unknown language '%.64s'", s);
  } else if (strcmp(k, "query") == 0) {
    size_t len = (size_t)json_object_get_string_len(val), i;
    size_t bad;
    const char *why;
    double sum = 0;
    if (!precisI_utf8_check(s, len, &bad, &why))
      return precisI_seterr(err, PRECIS_EUTF8, "invalid UTF-8 in the query (%s)", why);
    v->opt.query = (char *)(uintptr_t)s; /* owned by the record, which outlives the run */
    v->opt.query_len = len;
    if (!v->opt.weight_set[PRECIS_SC_QUERY]) {
      for (i = 0; i < PRECIS_NSCORERS; i++)
        if (i != PRECIS_SC_QUERY) sum += v->opt.weight[i];
      v->opt.weight[PRECIS_SC_QUERY] = len == 0 ? 0 : sum > 0 ? sum : 1.0;
    }
  }
  return PRECIS_OK;
}

/* ======================================================================
** The engine
** ====================================================================== */

enum { J_TEXT, J_JSON, J_FAILED };

typedef struct job {
  int kind;
  int done;
  int skip;                 /* an id already in the output (resume) */
  char *buf;                /* the document's bytes or the record's line */
  size_t len;
  char *name;               /* a file's name (NUL-terminated), or NULL */
  char *source;             /* JSON Lines: where the line came from */
  size_t lineno;
  int format;               /* -1: the summarizer's */
  precisI_buf id;           /* the id, as JSON */
  precisI_buf out;          /* the record, a whole line */
  precisI_buf text;         /* the text as summarized, when assembled */
  precis_status st;
  precis_error err;
  precis_result *res;       /* kept for precis_batch_next's caller */
  const char *doc;          /* the document as summarized */
  size_t doc_len, shift;
  const char *doc_name;
  size_t doc_name_len;
  json_object *json;        /* the parsed record, freed with the job */
} job;

struct precis_batch {
  const precis_summarizer *s;
  size_t jobs, window;
  pthread_t *threads;
  size_t nthreads;
  pthread_mutex_t mu;
  pthread_cond_t work, done;
  int stop;
  job *ring;                /* window slots: job seq lives at seq % window */
  size_t head, claim, tail; /* added, claimed by a worker, taken back */
  int held;                 /* the job at tail was handed out by next */
  int text_mode;            /* write records as text, not JSON */
  int keep;                 /* keep results for next's caller */
  precis_format input;      /* for precis_batch_add: -1 = the summarizer's */
  int input_set;
  const precisI_idset *skip;/* ids to leave out (resume), read-only */
  precisI_batch_opts opts;  /* corpus.c's settings */
};

static void job_clear(job *j) {
  precisI_buf id = j->id, out = j->out, text = j->text;
  free(j->buf);
  free(j->name);
  free(j->source);
  precis_result_free(j->res);
  if (j->json) json_object_put(j->json);
  id.n = out.n = text.n = 0;
  if (id.cap > 65536) { free(id.p); id.p = NULL; id.cap = 0; }
  if (out.cap > (1u << 20)) { free(out.p); out.p = NULL; out.cap = 0; }
  if (text.cap > (1u << 20)) { free(text.p); text.p = NULL; text.cap = 0; }
  memset(j, 0, sizeof *j);
  j->id = id; j->out = out; j->text = text; /* buffers are reused */
}

/* An id as text: a JSON string's contents on one line, an integer as it is */
static int text_id(precisI_buf *o, precisI_buf *id) {
  json_object *v;
  int ok;
  if (id->n == 0 || id->p[0] != '"') return precisI_buf_add(o, id->p, id->n);
  if (!precisI_buf_grow(id, 1)) return 0;
  id->p[id->n] = '\0'; /* our own JSON: one string */
  if ((v = json_tokener_parse(id->p)) == NULL) return 0;
  ok = precisI_text_line(o, json_object_get_string(v), (size_t)json_object_get_string_len(v));
  json_object_put(v);
  return ok;
}

/* The record of a failed document: {"id":...,"error":{"code":...,
** "message":...[,"line":..,"column":..][,"offset":..]}} */
static int render_error(const precis_batch *b, job *j) {
  precisI_buf *o = &j->out;
  const precis_error *e = &j->err;
  o->n = 0;
  if (b->text_mode) {
    return text_id(o, &j->id) && adds(o, "\terror: ") &&
           adds(o, precis_status_name(e->code)) && adds(o, ": ") &&
           precisI_text_line(o, e->message, strlen(e->message)) && addc(o, '\n');
  }
  if (!adds(o, "{\"id\":") || !precisI_buf_add(o, j->id.p, j->id.n) ||
      !adds(o, ",\"error\":{\"code\":") ||
      !precisI_json_string(o, precis_status_name(e->code), strlen(precis_status_name(e->code))) ||
      !adds(o, ",\"message\":") || !precisI_json_string(o, e->message, strlen(e->message)))
    return 0;
  if (e->line > 0 && (!adds(o, ",\"line\":") || !json_size(o, e->line) ||
                      !adds(o, ",\"column\":") || !json_size(o, e->column)))
    return 0;
  if (e->has_offset && (!adds(o, ",\"offset\":") || !json_size(o, e->offset))) return 0;
  return adds(o, "}}\n");
}

static int render(const precis_batch *b, job *j, const precis_result *r) {
  precisI_buf *o = &j->out;
  o->n = 0;
  if (b->text_mode) {
    precisI_buf pre = {NULL, 0, 0};
    int ok = text_id(&pre, &j->id) && addc(&pre, '\t') &&
             precisI_text_result(o, r, j->doc, j->shift, pre.p, pre.n);
    free(pre.p);
    return ok;
  }
  return adds(o, "{\"id\":") && precisI_buf_add(o, j->id.p, j->id.n) && addc(o, ',') &&
         precisI_json_result(o, r, j->doc, j->shift, j->doc_name, j->doc_name_len) &&
         addc(o, '\n');
}

/* The id of a record without a usable one: "SOURCE:LINE", as JSON. */
static int fallback_id(job *j) {
  char num[32];
  precisI_buf s = {NULL, 0, 0};
  int ok;
  snprintf(num, sizeof num, ":%zu", j->lineno);
  j->id.n = 0;
  ok = adds(&s, j->source ? j->source : "<record>") && adds(&s, num) &&
       precisI_json_string(&j->id, s.p, s.n);
  free(s.p);
  return ok;
}

/* Puts the title in front of the text as its first heading: a line of
** its own (without final punctuation, so that plain text reads it as a
** heading), "# " in Markdown, <h1> in HTML, then a blank line. */
static precis_status with_title(job *j, const char *title, size_t tlen, int format,
                                const char *text, size_t len, precis_error *err) {
  precisI_buf *t = &j->text;
  size_t bad, i, end = tlen;
  const char *why;
  if (!precisI_utf8_check(title, tlen, &bad, &why))
    return precisI_seterr(err, PRECIS_EUTF8, "invalid UTF-8 in the title (%s)", why);
  while (end > 0 && (is_ws((unsigned char)title[end - 1]) || title[end - 1] == '.' ||
                     title[end - 1] == '!' || title[end - 1] == '?' || title[end - 1] == ':'))
    end--;
  t->n = 0;
  if (format == PRECIS_FORMAT_MARKDOWN && !adds(t, "# ")) goto oom;
  if (format == PRECIS_FORMAT_HTML && !adds(t, "<h1>")) goto oom;
  for (i = 0; i < end; i++) {
    char c = title[i];
    int ok;
    if (c == '\n' || c == '\r' || c == '\t' || c == '\0') c = ' ';
    if (format == PRECIS_FORMAT_HTML && c == '<') ok = adds(t, "&lt;");
    else if (format == PRECIS_FORMAT_HTML && c == '&') ok = adds(t, "&amp;");
    else ok = addc(t, c);
    if (!ok) goto oom;
  }
  if (format == PRECIS_FORMAT_HTML && !adds(t, "</h1>")) goto oom;
  if (!adds(t, "\n\n")) goto oom;
  j->shift = t->n;
  if (!precisI_buf_add(t, text, len)) goto oom;
  j->doc = t->p;
  j->doc_len = t->n;
  return PRECIS_OK;
oom:
  return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
}

/* Parses the record's line into the summarizer copy `v` and j->doc. */
static precis_status read_record(const precis_batch *b, job *j, json_tokener *tok,
                                 precis_summarizer *v, precis_options *scratch,
                                 precis_error *err) {
  json_object *o, *val, *text = NULL, *title = NULL;
  size_t end;
  enum json_tokener_error te;
  json_tokener_reset(tok);
  o = json_tokener_parse_ex(tok, j->buf, (int)j->len);
  te = json_tokener_get_error(tok);
  end = json_tokener_get_parse_end(tok);
  if (o != NULL) {
    while (end < j->len && is_ws((unsigned char)j->buf[end])) end++;
  }
  if (o == NULL || te != json_tokener_success || end != j->len) {
    if (o) json_object_put(o);
    if (!fallback_id(j)) return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
    precisI_seterr(err, PRECIS_EINVAL, "not a JSON object: %s",
                   o == NULL || te != json_tokener_success
                   ? json_tokener_error_desc(te == json_tokener_continue
                                             ? json_tokener_error_parse_eof : te)
                   : "text after the object");
    err->has_offset = 1;
    err->offset = end;
    return PRECIS_EINVAL;
  }
  j->json = o;
  if (!json_object_is_type(o, json_type_object)) {
    if (!fallback_id(j)) return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
    return precisI_seterr(err, PRECIS_EINVAL, "a record must be a JSON object");
  }
  j->id.n = 0;
  if (json_object_object_get_ex(o, "id", &val) && json_object_is_type(val, json_type_string)) {
    if (!precisI_json_string(&j->id, json_object_get_string(val),
                             (size_t)json_object_get_string_len(val)))
      return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
  } else if (json_object_object_get_ex(o, "id", &val) && json_object_is_type(val, json_type_int)) {
    char num[32];
    snprintf(num, sizeof num, "%lld", (long long)json_object_get_int64(val));
    if (!adds(&j->id, num)) return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
  } else {
    if (!fallback_id(j)) return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
    if (json_object_object_get_ex(o, "id", &val))
      return precisI_seterr(err, PRECIS_EINVAL, "'id' must be a string or an integer");
  }
  if (b->skip != NULL && precisI_idset_has(b->skip, j->id.p, j->id.n)) {
    j->skip = 1;
    return PRECIS_OK;
  }
  {
    json_object_object_foreach(o, k, vv) {
      (void)vv;
      if (!in_list(record_keys, k))
        return precisI_seterr(err, PRECIS_EINVAL, "unknown field '%.64s'", k);
    }
  }
  if (!json_object_object_get_ex(o, "text", &text) || !json_object_is_type(text, json_type_string))
    return precisI_seterr(err, PRECIS_EINVAL, "a record needs a string 'text'");
  if (json_object_object_get_ex(o, "name", &val)) {
    if (!json_object_is_type(val, json_type_string))
      return precisI_seterr(err, PRECIS_EINVAL, "'name' must be a string");
    j->doc_name = json_object_get_string(val);
    j->doc_name_len = (size_t)json_object_get_string_len(val);
  }
  if (json_object_object_get_ex(o, "title", &title) && !json_object_is_type(title, json_type_string))
    return precisI_seterr(err, PRECIS_EINVAL, "'title' must be a string");
  if (json_object_object_get_ex(o, "options", &val)) {
    if (!json_object_is_type(val, json_type_object))
      return precisI_seterr(err, PRECIS_EINVAL, "'options' must be an object");
    {
      json_object_object_foreach(val, k, ov) {
        if (!in_list(option_keys, k))
          return precisI_seterr(err, PRECIS_EINVAL, "unknown option '%.64s'", k);
        if (apply_option(v, scratch, k, ov, err) != PRECIS_OK) {
          char why[sizeof err->message];
          memcpy(why, err->message, sizeof why);
          return precisI_seterr(err, err->code, "options: %.200s", why);
        }
      }
    }
  }
  if (json_object_object_get_ex(o, "language", &val) &&
      apply_option(v, scratch, "language", val, err) != PRECIS_OK)
    return err->code;
  if (json_object_object_get_ex(o, "query", &val) &&
      apply_option(v, scratch, "query", val, err) != PRECIS_OK)
    return err->code;
  j->doc = json_object_get_string(text);
  j->doc_len = (size_t)json_object_get_string_len(text);
  if (title != NULL && json_object_get_string_len(title) > 0)
    return with_title(j, json_object_get_string(title), (size_t)json_object_get_string_len(title),
                      (int)v->opt.format, j->doc, j->doc_len, err);
  return PRECIS_OK;
}

/* Summarizes one job on a worker thread; fills j->out. */
static void process(const precis_batch *b, job *j, json_tokener *tok) {
  precis_summarizer v = *b->s; /* per-record options change this copy only */
  precis_options *scratch = NULL;
  precis_text doc;
  precis_status st = PRECIS_OK;
  if (j->kind == J_FAILED) {
    st = j->err.code;
  } else if (j->kind == J_JSON) {
    if (precis_options_new(&scratch, &j->err) != PRECIS_OK) st = PRECIS_ENOMEM;
    else st = read_record(b, j, tok, &v, scratch, &j->err);
    precis_options_free(scratch);
    /* a record written already, even one that failed (by its id) */
    if (b->skip != NULL && j->id.n > 0 && precisI_idset_has(b->skip, j->id.p, j->id.n))
      j->skip = 1;
    if (j->skip) goto done;
  } else {
    j->doc = j->buf;
    j->doc_len = j->len;
    if (j->format >= 0) v.opt.format = (precis_format)j->format;
  }
  if (st == PRECIS_OK) {
    doc.data = j->doc;
    doc.len = j->doc_len;
    doc.name = j->name;
    if (j->doc_name == NULL && j->name != NULL) {
      j->doc_name = j->name;
      j->doc_name_len = strlen(j->name);
    }
    st = precis_summarize(&v, &doc, 1, &j->res, &j->err);
    if (st != PRECIS_OK && j->shift > 0) { /* positions in the caller's text */
      if (j->err.line > 2) j->err.line -= 2;
      if (j->err.has_offset && j->err.offset >= j->shift) j->err.offset -= j->shift;
    }
  }
  if (st == PRECIS_OK) {
    if (!render(b, j, j->res)) {
      st = precisI_seterr(&j->err, PRECIS_ENOMEM, "out of memory");
    } else if (!b->keep) {
      precis_result_free(j->res);
      j->res = NULL;
    }
  }
  if (st != PRECIS_OK) {
    precis_result_free(j->res);
    j->res = NULL;
    j->err.code = st;
    j->err.source[0] = '\0';
    if (!render_error(b, j)) j->out.n = 0; /* nothing to say: out of memory */
  }
  if (precisI_buf_grow(&j->out, 1)) j->out.p[j->out.n] = '\0'; /* for C callers */
  else j->out.n = 0;
done:
  j->st = st;
}

static void *worker(void *arg) {
  precis_batch *b = (precis_batch *)arg;
  json_tokener *tok = json_tokener_new_ex(PRECIS_BATCH_JSON_DEPTH);
  for (;;) {
    job *j;
    pthread_mutex_lock(&b->mu);
    while (!b->stop && b->claim == b->head) pthread_cond_wait(&b->work, &b->mu);
    if (b->claim == b->head) { /* stopping, nothing left */
      pthread_mutex_unlock(&b->mu);
      break;
    }
    j = &b->ring[b->claim++ % b->window];
    pthread_mutex_unlock(&b->mu);
    if (tok == NULL && j->kind == J_JSON) {
      j->kind = J_FAILED;
      precisI_seterr(&j->err, PRECIS_ENOMEM, "out of memory");
    }
    process(b, j, tok);
    pthread_mutex_lock(&b->mu);
    j->done = 1;
    pthread_cond_broadcast(&b->done);
    pthread_mutex_unlock(&b->mu);
  }
  if (tok) json_tokener_free(tok);
  return NULL;
}

static size_t online_cores(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (size_t)n : 1;
}

precis_status precis_batch_new(const precis_summarizer *s, size_t jobs,
                               precis_batch **out, precis_error *err) {
  precis_batch *b;
  size_t k;
  if (out == NULL || s == NULL)
    return precisI_seterr(err, PRECIS_EINVAL, "summarizer and out are required");
  *out = NULL;
  if (jobs == 0) jobs = online_cores();
  if (jobs > PRECIS_BATCH_MAX_JOBS)
    return precisI_seterr(err, PRECIS_EINVAL, "at most %d jobs", PRECIS_BATCH_MAX_JOBS);
  b = calloc(1, sizeof *b);
  if (b == NULL) return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
  b->s = s;
  b->jobs = jobs;
  b->window = 2 * jobs + 2;
  b->input = PRECIS_FORMAT_TEXT;
  b->ring = calloc(b->window, sizeof *b->ring);
  b->threads = calloc(jobs, sizeof *b->threads);
  if (b->ring == NULL || b->threads == NULL) {
    free(b->ring); free(b->threads); free(b);
    return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
  }
  pthread_mutex_init(&b->mu, NULL);
  pthread_cond_init(&b->work, NULL);
  pthread_cond_init(&b->done, NULL);
  for (k = 0; k < jobs; k++) {
    if (pthread_create(&b->threads[k], NULL, worker, b) != 0) break;
    b->nthreads++;
  }
  if (b->nthreads == 0) {
    precis_batch_free(b);
    return precisI_seterr(err, PRECIS_ENOMEM, "cannot start a thread");
  }
  *out = b;
  return PRECIS_OK;
}

void precis_batch_free(precis_batch *b) {
  size_t k;
  if (b == NULL) return;
  pthread_mutex_lock(&b->mu);
  b->stop = 1;
  pthread_cond_broadcast(&b->work);
  pthread_mutex_unlock(&b->mu);
  for (k = 0; k < b->nthreads; k++) pthread_join(b->threads[k], NULL);
  for (k = 0; k < b->window; k++) {
    job_clear(&b->ring[k]);
    free(b->ring[k].id.p); free(b->ring[k].out.p); free(b->ring[k].text.p);
  }
  pthread_mutex_destroy(&b->mu);
  pthread_cond_destroy(&b->work);
  pthread_cond_destroy(&b->done);
  precisI_batch_opts_free(&b->opts);
  free(b->ring);
  free(b->threads);
  free(b);
}

size_t precis_batch_window(const precis_batch *b) { return b ? b->window : 0; }

size_t precis_batch_pending(const precis_batch *b) {
  return b ? b->head - b->tail - (size_t)b->held : 0;
}

precisI_batch_opts *precisI_batch_opts_of(precis_batch *b) { return &b->opts; }
const precis_summarizer *precisI_batch_summarizer(const precis_batch *b) { return b->s; }
void precisI_batch_set_skip(precis_batch *b, const precisI_idset *skip) { b->skip = skip; }

precis_status precis_batch_set(precis_batch *b, const char *name, const char *value,
                               precis_error *err) {
  if (b == NULL || name == NULL || value == NULL)
    return precisI_seterr(err, PRECIS_EINVAL, "batch, name and value are required");
  if (b->head != 0)
    return precisI_seterr(err, PRECIS_EINVAL, "settings come before the first document");
  if (strcmp(name, "format") == 0) {
    if (strcmp(value, "json") == 0) b->text_mode = 0;
    else if (strcmp(value, "text") == 0) b->text_mode = 1;
    else return precisI_seterr(err, PRECIS_EINVAL, "format must be json or text, not '%.32s'", value);
  } else if (strcmp(name, "input") == 0) {
    if (strcmp(value, "auto") == 0) b->input_set = 0;
    else if (strcmp(value, "text") == 0) { b->input = PRECIS_FORMAT_TEXT; b->input_set = 1; }
    else if (strcmp(value, "markdown") == 0) { b->input = PRECIS_FORMAT_MARKDOWN; b->input_set = 1; }
    else if (strcmp(value, "html") == 0) { b->input = PRECIS_FORMAT_HTML; b->input_set = 1; }
    else return precisI_seterr(err, PRECIS_EINVAL,
                               "input must be auto, text, markdown or html, not '%.32s'", value);
  } else if (strcmp(name, "keep") == 0) {
    b->keep = strcmp(value, "0") != 0;
  } else if (strcmp(name, "window") == 0) {
    char *end;
    unsigned long n = strtoul(value, &end, 10);
    job *ring;
    if (*value < '0' || *value > '9' || *end != '\0' || n < b->jobs || n < 2 || n > 65536)
      return precisI_seterr(err, PRECIS_EINVAL,
                            "window must be a number of documents from %zu to 65536",
                            b->jobs > 2 ? b->jobs : 2);
    if ((ring = calloc(n, sizeof *ring)) == NULL)
      return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
    free(b->ring);
    b->ring = ring;
    b->window = n;
  } else {
    return precisI_batch_opts_set(&b->opts, name, value, err);
  }
  return PRECIS_OK;
}

int precisI_batch_text_mode(const precis_batch *b) { return b->text_mode; }
int precisI_batch_input(const precis_batch *b) { return b->input_set ? (int)b->input : -1; }

/* Takes a free slot for the next document; NULL when the window is full. */
static job *slot(precis_batch *b) {
  job *j;
  if (b->head - b->tail >= b->window) return NULL;
  j = &b->ring[b->head % b->window];
  job_clear(j);
  return j;
}

static void submit(precis_batch *b) {
  pthread_mutex_lock(&b->mu);
  b->head++;
  pthread_cond_signal(&b->work);
  pthread_mutex_unlock(&b->mu);
}

static precis_status full(precis_error *err) {
  return precisI_seterr(err, PRECIS_ELIMIT, "the window is full: take results with precis_batch_next");
}

static char *copy_str(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d) memcpy(d, s, n);
  return d;
}

precis_status precisI_batch_add_job(precis_batch *b, int kind, char *buf, size_t len,
                                    const char *id, size_t id_len, int id_is_json,
                                    const char *name, const char *source, size_t lineno,
                                    int format, const precis_error *failed, precis_error *err) {
  job *j = slot(b);
  if (j == NULL) { free(buf); return full(err); }
  j->kind = kind;
  j->buf = buf;
  j->len = len;
  j->lineno = lineno;
  j->format = format;
  if ((name && (j->name = copy_str(name)) == NULL) ||
      (source && (j->source = copy_str(source)) == NULL) ||
      (id != NULL && !(id_is_json ? precisI_buf_add(&j->id, id, id_len)
                                  : precisI_json_string(&j->id, id, id_len))))
    goto oom;
  if (kind == J_FAILED) {
    j->err = *failed;
    if (id == NULL && !fallback_id(j)) goto oom;
  }
  if (kind != J_JSON && b->skip != NULL && precisI_idset_has(b->skip, j->id.p, j->id.n))
    j->skip = 1;
  submit(b);
  return PRECIS_OK;
oom:
  job_clear(j);
  return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
}

precis_status precis_batch_add(precis_batch *b, const char *id, size_t id_len,
                               const precis_text *doc, precis_error *err) {
  char *buf;
  if (b == NULL || id == NULL || doc == NULL || (doc->data == NULL && doc->len > 0))
    return precisI_seterr(err, PRECIS_EINVAL, "batch, id and document are required");
  if (b->head - b->tail >= b->window) return full(err);
  if ((buf = malloc(doc->len ? doc->len : 1)) == NULL)
    return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
  if (doc->len) memcpy(buf, doc->data, doc->len);
  return precisI_batch_add_job(b, J_TEXT, buf, doc->len, id, id_len, 0, doc->name, NULL, 0,
                               b->input_set ? (int)b->input : -1, NULL, err);
}

precis_status precis_batch_add_json(precis_batch *b, const char *line, size_t len,
                                    const char *source, size_t lineno, precis_error *err) {
  char *buf;
  if (b == NULL || (line == NULL && len > 0))
    return precisI_seterr(err, PRECIS_EINVAL, "batch and line are required");
  if (len > INT_MAX)
    return precisI_seterr(err, PRECIS_ELIMIT, "a record line is over %d bytes", INT_MAX);
  if (b->head - b->tail >= b->window) return full(err);
  if ((buf = malloc(len ? len : 1)) == NULL)
    return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
  if (len) memcpy(buf, line, len);
  return precisI_batch_add_job(b, J_JSON, buf, len, NULL, 0, 0, NULL, source, lineno, -1, NULL,
                               err);
}

precis_status precis_batch_next(precis_batch *b, precis_batch_item *item, precis_error *err) {
  job *j;
  if (b == NULL || item == NULL)
    return precisI_seterr(err, PRECIS_EINVAL, "batch and item are required");
  memset(item, 0, sizeof *item);
  pthread_mutex_lock(&b->mu);
  if (b->held) { /* the previous item is the caller's no more */
    job_clear(&b->ring[b->tail % b->window]);
    b->tail++;
    b->held = 0;
  }
  if (b->tail == b->head) {
    pthread_mutex_unlock(&b->mu);
    return precisI_seterr(err, PRECIS_EEMPTY, "no document is waiting");
  }
  j = &b->ring[b->tail % b->window];
  while (!j->done) pthread_cond_wait(&b->done, &b->mu);
  b->held = 1;
  pthread_mutex_unlock(&b->mu);
  item->id = j->id.p;
  item->id_len = j->id.n;
  item->status = j->st;
  item->error = j->st != PRECIS_OK ? &j->err : NULL;
  item->record = j->out.p;
  item->record_len = j->skip ? 0 : j->out.n;
  item->skipped = j->skip;
  item->result = j->res;
  item->text.data = j->doc;
  item->text.len = j->doc_len;
  item->text.name = j->doc_name ? j->doc_name : j->name;
  item->shift = j->shift;
  return PRECIS_OK;
}
