/*
** yaml.c: reads a policy file with libyaml's event API into a small tree
** of nodes that remember their line and column, and rejects what is never
** a policy. No Lua here: the binding (lprecis.c) turns the tree into
** tables. See LICENSE.
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "internal.h"

/* ---------------------------------------------------------------------
** Memory: every node and string of a tree lives in its chunks, freed at
** once by precisI_yaml_free
** --------------------------------------------------------------------- */

typedef struct chunk {
  struct chunk *next;
  size_t used, cap;
  max_align_t data[1]; /* cap bytes follow */
} chunk;

#define CHUNK_BYTES 8192 /* a typical policy fits in one or two */

struct precisI_yaml {
  precisI_ynode *root;
  chunk *mem;
};

static void *grab(precisI_yaml *y, size_t n) {
  size_t align = sizeof(max_align_t);
  chunk *c = y->mem;
  void *p;
  if (n > SIZE_MAX - align) return NULL;
  n = (n + align - 1) / align * align;
  if (c == NULL || c->cap - c->used < n) {
    size_t cap = n > CHUNK_BYTES ? n : CHUNK_BYTES;
    if (cap > SIZE_MAX - sizeof *c) return NULL;
    c = malloc(sizeof *c + cap);
    if (c == NULL) return NULL;
    c->next = y->mem;
    c->used = 0;
    c->cap = cap;
    y->mem = c;
  }
  p = (char *)c->data + c->used;
  c->used += n;
  return p;
}

void precisI_yaml_free(precisI_yaml *y) {
  chunk *c, *next;
  if (y == NULL) return;
  for (c = y->mem; c != NULL; c = next) {
    next = c->next;
    free(c);
  }
  free(y);
}

const precisI_ynode *precisI_yaml_root(const precisI_yaml *y) {
  return y ? y->root : NULL;
}

/* ---------------------------------------------------------------------
** Scalars: the YAML 1.2 core schema, for plain scalars only; a quoted or
** block scalar is always a string. Locale-free.
** --------------------------------------------------------------------- */

static int is_digit(int c) { return c >= '0' && c <= '9'; }

static int digit_value(int c, int base) {
  int v = is_digit(c) ? c - '0'
        : c >= 'a' && c <= 'f' ? c - 'a' + 10
        : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
  return v < base ? v : -1;
}

static int one_of(const char *s, size_t n, const char *const *words) {
  for (; *words != NULL; words++)
    if (strlen(*words) == n && memcmp(s, *words, n) == 0) return 1;
  return 0;
}

static const char *const null_words[] = {"~", "null", "Null", "NULL", NULL};
static const char *const true_words[] = {"true", "True", "TRUE", NULL};
static const char *const false_words[] = {"false", "False", "FALSE", NULL};
static const char *const inf_words[] = {".inf", ".Inf", ".INF", NULL};
static const char *const nan_words[] = {".nan", ".NaN", ".NAN", NULL};

/* 1 = an integer in *out; 0 = not integer syntax; -1 = out of range */
static int parse_int(const char *s, size_t n, int64_t *out) {
  uint64_t v = 0, limit = (uint64_t)INT64_MAX;
  size_t i = 0;
  int base = 10, neg = 0, d;
  if (n > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
    base = s[1] == 'o' ? 8 : 16; /* no sign in the core schema's forms */
    i = 2;
  } else if (n > 0 && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    i = 1;
    if (neg) limit++; /* INT64_MIN */
  }
  if (i == n) return 0;
  for (; i < n; i++) {
    if ((d = digit_value((unsigned char)s[i], base)) < 0) return 0;
    if (v > (limit - (uint64_t)d) / (uint64_t)base) {
      for (i++; i < n; i++) /* still an integer: only too large */
        if (digit_value((unsigned char)s[i], base) < 0) return 0;
      return -1;
    }
    v = v * (uint64_t)base + (uint64_t)d;
  }
  if (neg) *out = v == limit ? INT64_MIN : -(int64_t)v;
  else *out = (int64_t)v;
  return 1;
}

/* powers of ten that a double holds exactly */
static const double exact_pow10[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/*
** 1 = a float in *out; 0 = not float syntax; -1 = out of range. The
** syntax is the core schema's [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
** and .inf/.nan. Up to 19 significant digits are kept; when they and the
** power of ten are exact in a double one operation gives the correctly
** rounded result (Clinger's fast path, which covers any weight a person
** writes), else long double arithmetic comes within an ulp.
*/
static int parse_float(const char *s, size_t n, double *out) {
  size_t i = 0;
  int neg = 0, ndigits = 0, any = 0;
  uint64_t m = 0;
  long exp10 = 0, e = 0;
  int eneg = 0;
  if (one_of(s, n, nan_words)) { *out = NAN; return 1; }
  if (n > 0 && (s[0] == '-' || s[0] == '+')) { neg = s[0] == '-'; i = 1; }
  if (one_of(s + i, n - i, inf_words)) { *out = neg ? -HUGE_VAL : HUGE_VAL; return 1; }
  for (; i < n && is_digit((unsigned char)s[i]); i++) {
    any = 1;
    if (m == 0 && s[i] == '0') continue; /* leading zeros */
    if (ndigits < 19) { m = m * 10 + (uint64_t)(s[i] - '0'); ndigits++; }
    else exp10++;
  }
  if (i < n && s[i] == '.') {
    int frac = 0;
    for (i++; i < n && is_digit((unsigned char)s[i]); i++) {
      frac = 1;
      if (m == 0 && s[i] == '0') { exp10--; continue; }
      if (ndigits < 19) { m = m * 10 + (uint64_t)(s[i] - '0'); ndigits++; exp10--; }
    }
    if (!any && !frac) return 0; /* "." alone */
    any = 1;
  }
  if (!any) return 0;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    int edigits = 0;
    i++;
    if (i < n && (s[i] == '-' || s[i] == '+')) { eneg = s[i] == '-'; i++; }
    for (; i < n && is_digit((unsigned char)s[i]); i++, edigits++)
      if (e < 100000) e = e * 10 + (s[i] - '0'); /* far past any double */
    if (edigits == 0) return 0;
  }
  if (i != n) return 0;
  exp10 += eneg ? -e : e;
  if (m == 0) {
    *out = neg ? -0.0 : 0.0;
    return 1;
  }
  if (m <= ((uint64_t)1 << 53) && exp10 >= -22 && exp10 <= 22) {
    *out = exp10 >= 0 ? (double)m * exact_pow10[exp10]
                      : (double)m / exact_pow10[-exp10];
  } else if (exp10 > 400) {
    return -1;
  } else if (exp10 < -400) {
    *out = 0.0;
  } else {
    long double v = (long double)m;
    v = exp10 >= 0 ? v * powl(10.0L, (long double)exp10)
                   : v / powl(10.0L, (long double)-exp10);
    *out = (double)v;
  }
  if (isinf(*out)) return -1;
  if (neg) *out = -*out;
  return 1;
}

#define TAG_PREFIX "tag:yaml.org,2002:"

/* The meaning of a scalar: its text is already in n->str. */
static precis_status resolve(precisI_ynode *n, int plain, const char *tag,
                             precis_error *err) {
  const char *s = n->str;
  size_t len = n->len;
  int r;
  n->kind = PRECIS_YSTR;
  if (tag != NULL && strcmp(tag, "!") != 0) {
    const char *t = strncmp(tag, TAG_PREFIX, strlen(TAG_PREFIX)) == 0
                    ? tag + strlen(TAG_PREFIX) : NULL;
    if (t != NULL && strcmp(t, "str") == 0) return PRECIS_OK;
    if (t != NULL && strcmp(t, "null") == 0 && (len == 0 || one_of(s, len, null_words))) {
      n->kind = PRECIS_YNULL;
      return PRECIS_OK;
    }
    if (t != NULL && strcmp(t, "bool") == 0 &&
        (one_of(s, len, true_words) || one_of(s, len, false_words))) {
      n->kind = PRECIS_YBOOL;
      n->boolean = one_of(s, len, true_words);
      return PRECIS_OK;
    }
    if (t != NULL && strcmp(t, "int") == 0 && (r = parse_int(s, len, &n->integer)) != 0) {
      if (r < 0) return precisI_seterr(err, PRECIS_EPOLICY, "integer '%.40s' is out of range", s);
      n->kind = PRECIS_YINT;
      return PRECIS_OK;
    }
    if (t != NULL && strcmp(t, "float") == 0 && (r = parse_float(s, len, &n->number)) != 0) {
      if (r < 0) return precisI_seterr(err, PRECIS_EPOLICY, "number '%.40s' is out of range", s);
      n->kind = PRECIS_YFLOAT;
      return PRECIS_OK;
    }
    if (t != NULL && (strcmp(t, "null") == 0 || strcmp(t, "bool") == 0 ||
                      strcmp(t, "int") == 0 || strcmp(t, "float") == 0))
      return precisI_seterr(err, PRECIS_EPOLICY, "'%.40s' is not a valid !!%s", s, t);
    return precisI_seterr(err, PRECIS_EPOLICY, "tag '%.60s' is not supported", tag);
  }
  if (!plain || tag != NULL) return PRECIS_OK; /* quoted, or the "!" tag */
  if (len == 0 || one_of(s, len, null_words)) {
    n->kind = PRECIS_YNULL;
  } else if (one_of(s, len, true_words) || one_of(s, len, false_words)) {
    n->kind = PRECIS_YBOOL;
    n->boolean = one_of(s, len, true_words);
  } else if ((r = parse_int(s, len, &n->integer)) != 0) {
    if (r < 0) return precisI_seterr(err, PRECIS_EPOLICY, "integer '%.40s' is out of range", s);
    n->kind = PRECIS_YINT;
  } else if ((r = parse_float(s, len, &n->number)) != 0) {
    if (r < 0) return precisI_seterr(err, PRECIS_EPOLICY, "number '%.40s' is out of range", s);
    n->kind = PRECIS_YFLOAT;
  }
  return PRECIS_OK;
}

/* ---------------------------------------------------------------------
** The tree builder
** --------------------------------------------------------------------- */

/* an open collection; a mapping's keys sit in a hash set so that a
** duplicate is caught where it is written, in document order */
typedef struct frame {
  precisI_ynode *node, *last;
  precisI_ynode *key;       /* a key waiting for its value */
  precisI_ynode **slots;    /* open addressing over key nodes */
  size_t nslots;
} frame;

typedef struct builder {
  precisI_yaml *y;
  frame stack[PRECIS_YAML_MAX_DEPTH];
  int depth;
  int docs;
  size_t nodes;
  precis_error *err;
} builder;

#define EXCERPT 60 /* bytes of a key a message shows */

/* How many bytes of `s` (`len` long) a message shows: at most EXCERPT,
** cut before a code point, never inside one. */
static int excerpt(const char *s, size_t len) {
  size_t n = len;
  if (n > EXCERPT) {
    n = EXCERPT;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
  }
  return (int)n;
}

static uint64_t hash(const char *s, size_t n) {
  uint64_t h = 14695981039346656037u; /* FNV-1a */
  size_t i;
  for (i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211u;
  return h;
}

static int same_key(const precisI_ynode *a, const precisI_ynode *b) {
  return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
}

/* Adds `key` to the set of `f`; returns the earlier equal key, if any. On
** OOM sets *oom. Keeps the load under one half. */
static precisI_ynode *add_key(frame *f, precisI_ynode *key, int *oom) {
  size_t i, mask;
  if (2 * (f->node->n + 1) > f->nslots) {
    size_t k, nslots = f->nslots ? 2 * f->nslots : 16;
    precisI_ynode **slots = calloc(nslots, sizeof *slots);
    if (slots == NULL) { *oom = 1; return NULL; }
    for (k = 0; k < f->nslots; k++) {
      precisI_ynode *old = f->slots[k];
      if (old == NULL) continue;
      for (i = hash(old->str, old->len) & (nslots - 1); slots[i]; i = (i + 1) & (nslots - 1)) {}
      slots[i] = old;
    }
    free(f->slots);
    f->slots = slots;
    f->nslots = nslots;
  }
  mask = f->nslots - 1;
  for (i = hash(key->str, key->len) & mask; f->slots[i]; i = (i + 1) & mask)
    if (same_key(f->slots[i], key)) return f->slots[i];
  f->slots[i] = key;
  return NULL;
}

static precis_status at(builder *b, precis_status code, size_t line,
                        size_t col) {
  if (b->err) { b->err->line = line; b->err->column = col; }
  return code;
}

static const char *kind_name(precisI_ykind k) {
  switch (k) {
    case PRECIS_YNULL: return "nothing (null)";
    case PRECIS_YBOOL: return "a boolean";
    case PRECIS_YINT: return "an integer";
    case PRECIS_YFLOAT: return "a number";
    case PRECIS_YSTR: return "a string";
    case PRECIS_YSEQ: return "a sequence";
    case PRECIS_YMAP: return "a mapping";
  }
  return "?";
}

/* Hangs a new node on the open collection, or makes it the root. */
static precis_status attach(builder *b, precisI_ynode *n) {
  frame *f;
  if (b->depth == 0) {
    if (n->kind != PRECIS_YMAP) {
      if (n->kind == PRECIS_YNULL && n->len == 0 && !n->quoted)
        precisI_seterr(b->err, PRECIS_EPOLICY,
                       "empty document: a policy is a mapping of keys");
      else
        precisI_seterr(b->err, PRECIS_EPOLICY,
                       "a policy is a mapping of keys, not %s", kind_name(n->kind));
      return at(b, PRECIS_EPOLICY, n->line, n->col);
    }
    b->y->root = n;
    return PRECIS_OK;
  }
  f = &b->stack[b->depth - 1];
  if (f->node->kind == PRECIS_YMAP && f->key == NULL) {
    precisI_ynode *first;
    int oom = 0;
    if (n->kind == PRECIS_YMAP || n->kind == PRECIS_YSEQ) {
      precisI_seterr(b->err, PRECIS_EPOLICY, "a key must be a scalar, not %s",
                     kind_name(n->kind));
      return at(b, PRECIS_EPOLICY, n->line, n->col);
    }
    n->kind = PRECIS_YSTR; /* keys are read as written */
    if ((first = add_key(f, n, &oom)) != NULL) {
      precisI_seterr(b->err, PRECIS_EPOLICY,
                     "duplicate key '%.*s%s' (first at line %zu, column %zu)",
                     excerpt(n->str, n->len), n->str,
                     n->len > EXCERPT ? "\xE2\x80\xA6" : "" /* … */, first->line, first->col);
      return at(b, PRECIS_EPOLICY, n->line, n->col);
    }
    if (oom) return precisI_seterr(b->err, PRECIS_ENOMEM, "out of memory");
    f->key = n;
    return PRECIS_OK;
  }
  if (f->node->kind == PRECIS_YMAP) {
    n->key = f->key;
    f->key = NULL;
  }
  if (f->last) f->last->next = n; else f->node->child = n;
  f->last = n;
  f->node->n++;
  return PRECIS_OK;
}

/* A node at `mark` in *out; fails past PRECIS_YAML_MAX_NODES (at `mark`)
** and when out of memory. */
static precis_status new_node(builder *b, precisI_ykind kind,
                              const yaml_mark_t *mark, precisI_ynode **out) {
  precisI_ynode *n;
  if (++b->nodes > PRECIS_YAML_MAX_NODES) {
    precisI_seterr(b->err, PRECIS_EPOLICY,
                   "more than %d keys, values and items: a policy has far fewer",
                   PRECIS_YAML_MAX_NODES);
    return at(b, PRECIS_EPOLICY, mark->line + 1, mark->column + 1);
  }
  *out = n = grab(b->y, sizeof *n);
  if (n == NULL) return precisI_seterr(b->err, PRECIS_ENOMEM, "out of memory");
  memset(n, 0, sizeof *n);
  n->kind = kind;
  n->line = mark->line + 1;   /* libyaml's marks are 0-based */
  n->col = mark->column + 1;  /* ... and count characters */
  n->str = "";
  return PRECIS_OK;
}

static precis_status no_anchor(builder *b, const yaml_char_t *anchor,
                               const yaml_mark_t *mark) {
  if (anchor == NULL) return PRECIS_OK;
  precisI_seterr(b->err, PRECIS_EPOLICY,
                 "anchors and aliases are not allowed in a policy ('&%.60s')",
                 (const char *)anchor);
  return at(b, PRECIS_EPOLICY, mark->line + 1, mark->column + 1);
}

static precis_status open_collection(builder *b, const yaml_event_t *ev) {
  int map = ev->type == YAML_MAPPING_START_EVENT;
  const yaml_char_t *anchor = map ? ev->data.mapping_start.anchor
                                  : ev->data.sequence_start.anchor;
  const yaml_char_t *tag = map ? ev->data.mapping_start.tag
                               : ev->data.sequence_start.tag;
  precisI_ynode *n;
  precis_status st;
  frame *f;
  if ((st = no_anchor(b, anchor, &ev->start_mark)) != PRECIS_OK) return st;
  if (tag != NULL && strcmp((const char *)tag, map ? TAG_PREFIX "map" : TAG_PREFIX "seq") != 0
      && strcmp((const char *)tag, "!") != 0) {
    precisI_seterr(b->err, PRECIS_EPOLICY, "tag '%.60s' is not supported",
                   (const char *)tag);
    return at(b, PRECIS_EPOLICY, ev->start_mark.line + 1, ev->start_mark.column + 1);
  }
  if (b->depth == PRECIS_YAML_MAX_DEPTH) {
    precisI_seterr(b->err, PRECIS_EPOLICY, "nesting deeper than %d levels",
                   PRECIS_YAML_MAX_DEPTH);
    return at(b, PRECIS_EPOLICY, ev->start_mark.line + 1, ev->start_mark.column + 1);
  }
  st = new_node(b, map ? PRECIS_YMAP : PRECIS_YSEQ, &ev->start_mark, &n);
  if (st != PRECIS_OK) return st;
  if ((st = attach(b, n)) != PRECIS_OK) return st;
  f = &b->stack[b->depth++];
  memset(f, 0, sizeof *f);
  f->node = n;
  return PRECIS_OK;
}

static void close_collection(builder *b) {
  frame *f = &b->stack[--b->depth];
  free(f->slots);
  f->slots = NULL;
}

static precis_status scalar(builder *b, const yaml_event_t *ev) {
  const char *tag = (const char *)ev->data.scalar.tag;
  int plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
  precisI_ynode *n;
  char *text;
  precis_status st;
  if ((st = no_anchor(b, ev->data.scalar.anchor, &ev->start_mark)) != PRECIS_OK)
    return st;
  if ((st = new_node(b, PRECIS_YSTR, &ev->start_mark, &n)) != PRECIS_OK) return st;
  text = grab(b->y, ev->data.scalar.length + 1);
  if (text == NULL) return precisI_seterr(b->err, PRECIS_ENOMEM, "out of memory");
  memcpy(text, ev->data.scalar.value, ev->data.scalar.length);
  text[ev->data.scalar.length] = '\0';
  n->str = text;
  n->len = ev->data.scalar.length;
  n->quoted = !plain;
  if ((st = resolve(n, plain, tag, b->err)) != PRECIS_OK)
    return at(b, st, n->line, n->col);
  return attach(b, n);
}

/* The parser's own error, at its mark, with its context when it has one. */
static precis_status syntax_error(builder *b, const yaml_parser_t *p,
                                  const char *text, size_t len) {
  size_t line = p->problem_mark.line + 1, col = p->problem_mark.column + 1;
  const char *problem = p->problem ? p->problem : "malformed YAML";
  if (p->error == YAML_MEMORY_ERROR)
    return precisI_seterr(b->err, PRECIS_ENOMEM, "out of memory");
  if (p->error == YAML_READER_ERROR) { /* a byte offset, not a mark */
    precisI_utf8_position(text, p->problem_offset < len ? p->problem_offset : len,
                          &line, &col);
    precisI_seterr(b->err, PRECIS_EPOLICY, "%s", problem);
  } else if (p->context != NULL) {
    precisI_seterr(b->err, PRECIS_EPOLICY,
                   "%s (%s that starts at line %zu, column %zu)", problem,
                   p->context, p->context_mark.line + 1,
                   p->context_mark.column + 1);
  } else {
    precisI_seterr(b->err, PRECIS_EPOLICY, "%s", problem);
  }
  return at(b, PRECIS_EPOLICY, line, col);
}

static precis_status on_event(builder *b, const yaml_event_t *ev) {
  switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
      if (b->docs++ > 0) {
        precisI_seterr(b->err, PRECIS_EPOLICY,
                       "a second document: a policy file holds one");
        return at(b, PRECIS_EPOLICY, ev->start_mark.line + 1,
                  ev->start_mark.column + 1);
      }
      return PRECIS_OK;
    case YAML_STREAM_END_EVENT:
      if (b->docs == 0) {
        precisI_seterr(b->err, PRECIS_EPOLICY,
                       "empty file: a policy is a mapping of keys");
        return at(b, PRECIS_EPOLICY, 1, 1);
      }
      return PRECIS_OK;
    case YAML_ALIAS_EVENT:
      precisI_seterr(b->err, PRECIS_EPOLICY,
                     "anchors and aliases are not allowed in a policy ('*%.60s')",
                     (const char *)ev->data.alias.anchor);
      return at(b, PRECIS_EPOLICY, ev->start_mark.line + 1, ev->start_mark.column + 1);
    case YAML_SCALAR_EVENT:
      return scalar(b, ev);
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
      return open_collection(b, ev);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
      close_collection(b);
      return PRECIS_OK;
    default:
      return PRECIS_OK;
  }
}

precis_status precisI_yaml_load(const char *text, size_t len,
                                const char *source, precisI_yaml **out,
                                precis_error *err) {
  yaml_parser_t parser;
  yaml_event_t ev;
  builder b;
  precis_status st = PRECIS_OK;
  int have_parser = 0, have_event = 0, end = 0;
  size_t bad, line, col;
  const char *why;
  if (out == NULL || (text == NULL && len > 0))
    return precisI_seterr(err, PRECIS_EINVAL, "text and out are required");
  *out = NULL;
  memset(&b, 0, sizeof b);
  b.err = err;
  if (text == NULL) text = "";
  if (len > PRECIS_YAML_MAX_BYTES) {
    precisI_seterr(err, PRECIS_EPOLICY, "file is over the limit of %zu bytes",
                   (size_t)PRECIS_YAML_MAX_BYTES);
    precisI_utf8_position(text, PRECIS_YAML_MAX_BYTES, &line, &col);
    st = at(&b, PRECIS_EPOLICY, line, col); /* where the limit is crossed */
    goto done;
  }
  if (!precisI_utf8_check(text, len, &bad, &why)) {
    precisI_seterr(err, PRECIS_EPOLICY, "invalid UTF-8 (%s)", why);
    if (err) {
      precisI_utf8_position(text, bad, &err->line, &err->column);
      err->offset = bad;
      err->has_offset = 1;
    }
    st = PRECIS_EPOLICY;
    goto done;
  }
  b.y = calloc(1, sizeof *b.y);
  if (b.y == NULL || !yaml_parser_initialize(&parser)) {
    st = precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
    goto done;
  }
  have_parser = 1;
  yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
  yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
  while (!end) {
    if (!yaml_parser_parse(&parser, &ev)) {
      st = syntax_error(&b, &parser, text, len);
      break;
    }
    have_event = 1;
    st = on_event(&b, &ev);
    end = ev.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&ev);
    have_event = 0;
    if (st != PRECIS_OK) break;
  }
done:
  if (have_event) yaml_event_delete(&ev);
  if (have_parser) yaml_parser_delete(&parser);
  while (b.depth > 0) close_collection(&b);
  if (st != PRECIS_OK) {
    precisI_yaml_free(b.y);
    if (st == PRECIS_EPOLICY) precisI_seterr_source(err, source, 0);
    return st;
  }
  *out = b.y;
  return PRECIS_OK;
}
