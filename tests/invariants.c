/*
** invariants.c: what every result must hold (see invariants.h).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "invariants.h"

/* Is s (n bytes) UTF-8: no stray or missing continuation byte, no
** overlong form, no surrogate, nothing past U+10FFFF? */
static int utf8_ok(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    unsigned c = u[i];
    size_t k, j;
    unsigned long cp;
    if (c < 0x80) { i++; continue; }
    if (c >= 0xC2 && c <= 0xDF) { k = 1; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { k = 2; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { k = 3; cp = c & 0x07; }
    else return 0;
    if (n - i <= k) return 0;
    for (j = 1; j <= k; j++) {
      if ((u[i + j] & 0xC0) != 0x80) return 0;
      cp = (cp << 6) | (u[i + j] & 0x3F);
    }
    if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return 0;
    i += k + 1;
  }
  return 1;
}

static int continuation(const char *s, size_t i) {
  return ((unsigned char)s[i] & 0xC0) == 0x80;
}

#define FAIL(...) do { snprintf(msg, cap, __VA_ARGS__); return msg; } while (0)

static const char *check_units(const t_request *q, const precis_result *r, char *msg,
                               size_t cap) {
  size_t n = precis_result_count(r), i, doc = 0, index = 0, prev_end = 0, enc_doc = (size_t)-1;
  int utf8 = 1;
  for (i = 0; i < n; i++) {
    precis_sentence u;
    const precis_text *d;
    const char *plain, *decoded;
    size_t plen, dlen, b, chars = 0;
    if (precis_result_get(r, i, &u) != 1) FAIL("unit %zu of %zu cannot be read", i, n);
    if (u.doc >= q->ndocs) FAIL("unit %zu is of document %zu of %zu", i, u.doc, q->ndocs);
    if (u.doc < doc) FAIL("unit %zu is of document %zu, after document %zu", i, u.doc, doc);
    if (i == 0 || u.doc != doc) { doc = u.doc; index = 0; prev_end = 0; }
    d = &q->docs[u.doc];
    if (u.index != index) FAIL("unit %zu has index %zu, not %zu", i, u.index, index);
    index++;
    if (!(u.start <= u.end && u.end <= d->len))
      FAIL("unit %zu has span %zu..%zu in a document of %zu bytes", i, u.start, u.end, d->len);
    if (u.start < prev_end)
      FAIL("unit %zu (%zu..%zu) starts before the unit before it ends (%zu)", i, u.start,
           u.end, prev_end);
    prev_end = u.end;
    if ((unsigned)u.kind > PRECIS_KIND_FRAGMENT) FAIL("unit %zu has kind %d", i, (int)u.kind);
    if ((u.kind == PRECIS_KIND_DROPPED || u.kind == PRECIS_KIND_FRAGMENT) && u.rule == NULL)
      FAIL("unit %zu is dropped or a fragment without a rule", i);
    if (u.selected && u.kind != PRECIS_KIND_SENTENCE)
      FAIL("unit %zu is selected and of kind %d", i, (int)u.kind);
    if (!q->scored && (u.selected || u.rank != 0))
      FAIL("unit %zu is ranked or selected by precis_segment", i);
    if (!(u.score >= 0.0 && u.score <= 1.0)) FAIL("unit %zu has score %g", i, u.score);
    if (u.selected && u.rank == 0) FAIL("unit %zu is selected but not ranked", i);
    if (u.doc != enc_doc) { /* read from another encoding, or as UTF-8 */
      enc_doc = u.doc;
      utf8 = precis_result_encoding(r, u.doc) == NULL;
    }
    decoded = precis_result_decoded(r, i, &dlen);
    if (decoded != NULL && utf8)
      FAIL("unit %zu: decoded bytes, in a document read as UTF-8", i);
    if (decoded != NULL && !utf8_ok(decoded, dlen))
      FAIL("unit %zu: its decoded bytes are not UTF-8", i);
    plain = precis_result_text(r, i, &plen);
    if (plain != NULL && !utf8_ok(plain, plen))
      FAIL("unit %zu: the text precis read is not UTF-8", i);
    if (!utf8) continue; /* the rest holds for documents read as UTF-8 */
    if (q->utf8 == PRECIS_UTF8_STRICT) { /* the document is UTF-8: whole characters */
      if ((u.start < d->len && continuation(d->data, u.start)) ||
          (u.end < d->len && continuation(d->data, u.end)))
        FAIL("unit %zu (%zu..%zu) cuts a character", i, u.start, u.end);
    }
    if (plain == NULL) { /* the caller's bytes are the text */
      plain = d->data + u.start;
      plen = u.end - u.start;
      if (!utf8_ok(plain, plen))
        FAIL("unit %zu (%zu..%zu): its bytes are its text, and not UTF-8", i, u.start, u.end);
      for (b = 0; b < plen; b++) chars += !continuation(plain, b);
      if (chars != u.chars)
        FAIL("unit %zu (%zu..%zu) says %zu characters; its bytes hold %zu", i, u.start, u.end,
             u.chars, chars);
    }
  }
  return NULL;
}

static const char *check_selection(const t_request *q, const precis_result *r, char *msg,
                                   size_t cap) {
  size_t n = precis_result_count(r), m = precis_result_selected_count(r), k, i;
  size_t marked = 0, nsent = 0, words = 0, chars = 0, fit = 0, prev = 0;
  char *seen;
  for (i = 0; i < n; i++) {
    precis_sentence u;
    precis_result_get(r, i, &u);
    marked += u.selected != 0;
    if (u.kind == PRECIS_KIND_SENTENCE) {
      nsent++;
      fit += u.words >= q->min_words && (q->max_words == 0 || u.words <= q->max_words);
    }
  }
  if (marked != m) FAIL("%zu units say selected, the summary has %zu", marked, m);
  if (!q->scored) {
    if (m != 0) FAIL("precis_segment selected %zu", m);
    return NULL;
  }
  if (m == 0 && nsent > 0) FAIL("an empty summary of %zu sentences", nsent);
  if (precis_result_selected(r, m) != (size_t)-1) FAIL("the summary goes on past %zu", m);
  if ((seen = calloc(n + 1, 1)) == NULL) FAIL("out of memory in the check");
  for (k = 0; k < m; k++) {
    size_t at = precis_result_selected(r, k);
    precis_sentence u;
    if (at >= n || seen[at] || precis_result_get(r, at, &u) != 1 || !u.selected) {
      free(seen);
      FAIL("the %zu-th of the summary is unit %zu, out of range, twice or unselected", k, at);
    }
    seen[at] = 1;
    if (q->order == PRECIS_ORDER_DOCUMENT && k > 0 && at <= prev) {
      free(seen);
      FAIL("the summary is not in document order: unit %zu after %zu", at, prev);
    }
    prev = at;
    words += u.words;
    chars += u.chars;
    if (fit > 0 && !(u.words >= q->min_words && (q->max_words == 0 || u.words <= q->max_words))) {
      free(seen);
      FAIL("unit %zu of %zu words is selected outside %zu..%zu", at, u.words, q->min_words,
           q->max_words);
    }
  }
  free(seen);
  switch (q->unit) {
    case PRECIS_UNIT_SENTENCES:
      if ((double)m > q->budget) FAIL("%zu sentences for a budget of %g", m, q->budget);
      break;
    case PRECIS_UNIT_WORDS:
      if (m > 1 && (double)words > q->budget) FAIL("%zu words for a budget of %g", words, q->budget);
      break;
    case PRECIS_UNIT_CHARS:
      if (m > 1 && (double)chars > q->budget) FAIL("%zu characters for a budget of %g", chars, q->budget);
      break;
    case PRECIS_UNIT_RATIO: {
      double most = floor(q->budget * (double)nsent + 0.5);
      if (most < 1) most = 1;
      if ((double)m > most)
        FAIL("%zu sentences of %zu for a ratio of %g", m, nsent, q->budget);
      break;
    }
  }
  return NULL;
}

const char *t_check_result(const t_request *q, const precis_result *r, char *msg,
                           size_t cap) {
  const char *bad;
  if (precis_result_documents(r) != q->ndocs)
    FAIL("the result has %zu documents, not %zu", precis_result_documents(r), q->ndocs);
  if ((bad = check_units(q, r, msg, cap)) != NULL) return bad;
  return check_selection(q, r, msg, cap);
}

int t_status_expected(const t_request *q, precis_status st) {
  return st == PRECIS_OK || (st == PRECIS_EEMPTY && q->scored) ||
         (st == PRECIS_EUTF8 && q->utf8 == PRECIS_UTF8_STRICT);
}
