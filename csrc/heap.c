/*
** heap.c: the binary max-heap the selectors' lazy greedy loops share.
** An entry comes first for a larger key, and on equal keys for a smaller
** id: the selectors give as id the order that wins their ties (a rank, a
** sentence number, a term number), so that the heap's top is exactly
** what their straightforward scans would pick.
*/
#include <stdlib.h>

#include "internal.h"

static int before(const precisI_hent *a, const precisI_hent *b) {
  return a->key > b->key || (a->key == b->key && a->id < b->id);
}

void precisI_heap_down(precisI_hent *h, size_t n, size_t i) {
  precisI_hent e = h[i];
  for (;;) {
    size_t c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && before(&h[c + 1], &h[c])) c++;
    if (!before(&h[c], &e)) break;
    h[i] = h[c];
    i = c;
  }
  h[i] = e;
}

void precisI_heap_up(precisI_hent *h, size_t i) {
  precisI_hent e = h[i];
  while (i > 0 && before(&e, &h[(i - 1) / 2])) {
    h[i] = h[(i - 1) / 2];
    i = (i - 1) / 2;
  }
  h[i] = e;
}

void precisI_heap_make(precisI_hent *h, size_t n) {
  size_t i;
  for (i = n / 2; i > 0; i--) precisI_heap_down(h, n, i - 1);
}

void precisI_heap_pop(precisI_hent *h, size_t *n) {
  if (*n == 0) return;
  h[0] = h[--*n];
  if (*n > 1) precisI_heap_down(h, *n, 0);
}

void precisI_heap_push(precisI_hent *h, size_t *n, double key, uint32_t id) {
  h[*n].key = key;
  h[*n].id = id;
  precisI_heap_up(h, (*n)++);
}
