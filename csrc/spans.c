/*
** spans.c: from a rewritten text back to the caller's bytes. A document
** may be read through up to three rewrites (a declared encoding converted
** to UTF-8, bad bytes read as U+FFFD, Markdown or HTML laid out as text),
** and each keeps a map of runs (precisI_seg) from its text to the text
** it read. A span of the last text goes back through each map in turn:
** its start to where its first character's source starts, its end to
** where its last character's source ends. Runs are in order in both
** texts and never overlap, so spans come back inside the document, in
** order, and never reversed, whatever the rewrite did.
*/
#include <string.h>

#include "internal.h"

void precisI_segs_init(precisI_segs *b) {
  precisI_vec_init(&b->v, sizeof(precisI_seg));
  b->end = b->oend = 0;
}

/* olen * k / chars, without overflow (k <= chars) */
static size_t share(size_t olen, size_t k, size_t chars) {
  return olen / chars * k + olen % chars * k / chars;
}

/* Adds the text t[0, n), which follows the text added so far, standing
** for the source [orig, orig + olen), at or after the source added so
** far: a copy when n == olen, otherwise one run per character (UTF-8
** lead bytes), the source shared out among them in order. Consecutive
** runs of one shape merge. Returns 0 when out of memory. */
int precisI_segs_add(precisI_segs *b, const char *t, size_t n, size_t orig,
                     size_t olen) {
  size_t i = 0, k = 0, chars = 0;
  if (n == 0) return 1;
  if (orig < b->oend) { /* never back: clamp into what is left */
    size_t lost = b->oend - orig;
    orig = b->oend;
    olen = olen > lost ? olen - lost : 0;
  }
  if (n != olen)
    for (i = 0; i < n; i++) chars += ((unsigned char)t[i] & 0xC0) != 0x80;
  if (chars == 0) chars = 1;
  i = 0;
  while (i < n) {
    size_t e, cw, o0, o1, ow;
    precisI_seg *last = b->v.n ? &precisI_vec_at(&b->v, precisI_seg, b->v.n - 1) : NULL;
    if (n == olen) {
      e = n;
      cw = ow = 1;
      o0 = 0;
      o1 = olen;
    } else {
      e = i + 1;
      while (e < n && ((unsigned char)t[e] & 0xC0) == 0x80) e++;
      if (k + 1 == chars) e = n; /* the last character takes what is left */
      cw = e - i;
      o0 = share(olen, k, chars);
      o1 = share(olen, k + 1, chars);
      ow = o1 - o0;
    }
    k++;
    if (last != NULL && last->cw == cw && last->ow == ow && b->oend == orig + o0) {
      /* this run goes on in the last one's shape */
    } else {
      precisI_seg *s = precisI_vec_push(&b->v);
      if (s == NULL) return 0;
      s->clean = b->end;
      s->orig = orig + o0;
      s->cw = cw;
      s->ow = ow;
    }
    b->end += e - i;
    b->oend = orig + o1;
    i = e;
  }
  return 1;
}

/* Ends the map with a run of no text where the text ends; 0 when out of
** memory. The caller owns b->v.p, b->v.n entries. */
int precisI_segs_finish(precisI_segs *b) {
  precisI_seg *s = precisI_vec_push(&b->v);
  if (s == NULL) return 0;
  s->clean = b->end;
  s->orig = b->oend;
  s->cw = s->ow = 0;
  return 1;
}

/* the index of the last run that starts at or before off, or 0 */
static size_t find(const precisI_seg *m, size_t n, size_t off) {
  size_t lo = 0, hi = n;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (m[mid].clean <= off) lo = mid; else hi = mid;
  }
  return lo;
}

/* where the character at text offset off starts in the source */
static size_t seg_start(const precisI_seg *m, size_t n, size_t off) {
  const precisI_seg *s = &m[find(m, n, off)];
  if (s->cw == 0 || off < s->clean) return s->orig;
  return s->orig + (off - s->clean) / s->cw * s->ow;
}

/* where the character that ends at text offset off (off > 0) ends */
static size_t seg_end(const precisI_seg *m, size_t n, size_t off) {
  const precisI_seg *s = &m[find(m, n, off - 1)];
  if (s->cw == 0 || off - 1 < s->clean) return s->orig;
  return s->orig + ((off - 1 - s->clean) / s->cw + 1) * s->ow;
}

/* one map: a span in, the span it stands for out; an empty span stays
** empty, where the text after it starts */
static void back(const precisI_seg *m, size_t n, size_t *start, size_t *end) {
  size_t s, e;
  if (m == NULL || n == 0) return;
  s = seg_start(m, n, *start);
  e = *end > *start ? seg_end(m, n, *end) : s;
  *start = s;
  *end = e < s ? s : e;
}

void precisI_source_span_decoded(const precisI_source *src, size_t *start, size_t *end) {
  back(src->xmap, src->nxmap, start, end);
  back(src->map, src->nmap, start, end);
}

void precisI_source_span(const precisI_source *src, size_t *start, size_t *end) {
  precisI_source_span_decoded(src, start, end);
  back(src->emap, src->nemap, start, end);
}
