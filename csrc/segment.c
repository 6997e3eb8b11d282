/*
** segment.c: blocks -> units. Text blocks are split into sentences; the
** rules are written for English and other Latin-script text, with the
** terminators of other scripts accepted too. Spans are trimmed of spaces.
*/
#include "internal.h"

typedef struct span {
  size_t start, end;
} span;

static int is_closer(int32_t cp) {
  return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D ||
         cp == 0x2019 || cp == 0xBB || cp == 0x203A;
}

static int is_opener(int32_t cp) {
  return cp == '"' || cp == '`' || cp == '\'' || cp == '(' || cp == '[' || cp == 0x201C ||
         cp == 0x2018 || cp == 0xAB || cp == 0x2039 || cp == 0x00BF ||
         cp == 0x00A1;
}

/* terminators that end a sentence with no space after them */
static int is_fullwidth(int32_t cp) {
  return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F;
}

static int splits(int32_t cp) {
  return cp != ':' && cp != ';' && precisI_is_terminal(cp);
}

static precis_status push(precisI_vec *out, const char *t, size_t s, size_t e) {
  span *sp;
  while (s < e) { /* trim */
    int32_t cp;
    size_t len = precisI_utf8_decode(t, e, s, &cp);
    if (!precisI_is_space(cp)) break;
    s += len;
  }
  while (e > s) {
    size_t j = e - 1;
    int32_t cp;
    while (j > s && ((unsigned char)t[j] & 0xC0) == 0x80) j--;
    precisI_utf8_decode(t, e, j, &cp);
    if (!precisI_is_space(cp)) break;
    e = j;
  }
  if (s == e) return PRECIS_OK;
  if ((sp = precisI_vec_push(out)) == NULL) return PRECIS_ENOMEM;
  sp->start = s;
  sp->end = e;
  return PRECIS_OK;
}

/* Should the sentence end after the terminator run [i, r) (and any closing
** quotes or brackets), given that the next word starts at k? */
static int boundary(const char *t, size_t start, size_t end, size_t i,
                    size_t r, size_t k) {
  int32_t term, next, prev = ' ';
  size_t len, w, ws;
  precisI_utf8_decode(t, end, i, &term);
  /* the next word's first letter, past opening quotes and brackets */
  len = precisI_utf8_decode(t, end, k, &next);
  while (is_opener(next) && k + len < end) {
    k += len;
    len = precisI_utf8_decode(t, end, k, &next);
  }
  if (term == 0x2026 || (r - i > 1 && term == '.')) /* "and so... on" */
    return !precisI_is_lower(next) && !precisI_is_digit(next);
  if (i > start) {
    w = i;
    while (w > start && ((unsigned char)t[w - 1] & 0xC0) == 0x80) w--;
    if (w > start) precisI_utf8_decode(t, end, w - 1, &prev);
  }
  /* tokenized text ("word . next", "why ? he"): a lone terminator is one */
  if (precisI_is_space(prev)) return 1;
  if (term == '!' || term == '?') /* "Yahoo! is", "what?' he asked" */
    return !precisI_is_lower(next);
  if (term != '.') return 1; /* the terminators of other scripts */
  /* the word before the period */
  ws = i;
  while (ws > start) {
    int32_t cp;
    size_t b = ws - 1;
    while (b > start && ((unsigned char)t[b] & 0xC0) == 0x80) b--;
    precisI_utf8_decode(t, end, b, &cp);
    if (precisI_is_space(cp) || is_opener(cp)) break;
    ws = b;
  }
  switch (precisI_abbrev_class(t + ws, i - ws)) {
    case PRECIS_ABBR_INNER: return 0;
    case PRECIS_ABBR_NUMBER: if (precisI_is_digit(next)) return 0; break;
    case PRECIS_ABBR_ANY: {
      size_t e2 = k;
      while (e2 < end) {
        int32_t cp;
        size_t l2 = precisI_utf8_decode(t, end, e2, &cp);
        if (!precisI_is_word(cp)) break;
        e2 += l2;
      }
      return precisI_is_upper(next) && precisI_is_starter(t + k, e2 - k);
    }
    default: break;
  }
  return !precisI_is_lower(next);
}

precis_status precisI_split(const char *t, size_t start, size_t end,
                            precisI_vec *out) {
  size_t i = start, sent = start;
  while (i < end) {
    int32_t cp;
    size_t len = precisI_utf8_decode(t, end, i, &cp), j, k, r;
    if (!splits(cp)) { i += len; continue; }
    j = i + len;
    while (j < end) { /* the rest of a run like "?!" or "...", then closers */
      int32_t c2;
      size_t l2 = precisI_utf8_decode(t, end, j, &c2);
      if (!(splits(c2) || c2 == '.')) break;
      j += l2;
    }
    r = j;
    while (j < end) {
      int32_t c2;
      size_t l2 = precisI_utf8_decode(t, end, j, &c2);
      if (!is_closer(c2)) break;
      j += l2;
    }
    if (j >= end) break;
    k = j;
    while (k < end) {
      int32_t c2;
      size_t l2 = precisI_utf8_decode(t, end, k, &c2);
      if (!precisI_is_space(c2)) break;
      k += l2;
    }
    if (k >= end) break;
    if (k > j && k + 1 < end && t[k] == '\'' && t[k + 1] == '\'' && i > start &&
        t[i - 1] == ' ') { /* tokenized closing quote: "word . '' next" */
      j = k + 2;
      k = j;
      while (k < end && (t[k] == ' ' || t[k] == '\n' || t[k] == '\t')) k++;
      if (k >= end) break;
    }
    if ((k == j && !is_fullwidth(cp)) || !boundary(t, start, end, i, r, k)) {
      i = j;
      continue;
    }
    if (push(out, t, sent, j) != PRECIS_OK) return PRECIS_ENOMEM;
    sent = i = k;
  }
  return push(out, t, sent, end) != PRECIS_OK ? PRECIS_ENOMEM : PRECIS_OK;
}

static precisI_unit *add(precisI_run *run, uint32_t doc, uint32_t kind,
                         size_t start, size_t end, const char *rule) {
  precisI_unit *u = precisI_vec_push(&run->units);
  if (u == NULL) return NULL;
  u->doc = doc;
  u->kind = kind;
  u->start = start;
  u->end = end;
  u->rule = rule;
  u->cand = UINT32_MAX;
  return u;
}

precis_status precisI_segment(precisI_run *run, uint32_t doc,
                              const precisI_vec *blocks, precis_error *err) {
  const char *t = run->src[doc].text;
  precisI_vec spans;
  size_t b, k;
  int seen_sentence = 0, seen_title = 0;
  precis_status st = PRECIS_OK;
  precisI_vec_init(&spans, sizeof(span));
  for (b = 0; b < blocks->n; b++) {
    const precisI_block *bl = &precisI_vec_at(blocks, precisI_block, b);
    if (bl->kind == PRECIS_BLOCK_DROPPED) {
      if (!add(run, doc, PRECIS_KIND_DROPPED, bl->start, bl->end, bl->rule)) goto oom;
    } else if (bl->kind == PRECIS_BLOCK_HEADING) {
      uint32_t kind = PRECIS_KIND_HEADING;
      if (!seen_sentence && !seen_title) { kind = PRECIS_KIND_TITLE; seen_title = 1; }
      if (!add(run, doc, kind, bl->start, bl->end, NULL)) goto oom;
    } else {
      spans.n = 0;
      if (precisI_split(t, bl->start, bl->end, &spans) != PRECIS_OK) goto oom;
      for (k = 0; k < spans.n; k++) {
        span *sp = &precisI_vec_at(&spans, span, k);
        if (!add(run, doc, PRECIS_KIND_SENTENCE, sp->start, sp->end, NULL)) goto oom;
        seen_sentence = 1;
      }
    }
  }
  goto done;
oom:
  st = precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
done:
  precisI_vec_free(&spans);
  return st;
}
