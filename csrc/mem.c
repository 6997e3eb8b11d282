/*
** mem.c: overflow-checked allocation and the growable arrays a run uses.
** Everything a run allocates is released by the run's cleanup in one place.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void *precisI_alloc(size_t n, size_t sz) {
  if (sz != 0 && n > SIZE_MAX / sz) return NULL;
  return malloc(n * sz > 0 ? n * sz : 1);
}

void *precisI_calloc(size_t n, size_t sz) {
  return calloc(n ? n : 1, sz ? sz : 1); /* calloc checks the product */
}

void precisI_vec_init(precisI_vec *v, size_t esz) {
  v->p = NULL;
  v->n = v->cap = 0;
  v->esz = esz;
}

int precisI_vec_reserve(precisI_vec *v, size_t n) {
  size_t cap;
  void *p;
  if (n <= v->cap) return 1;
  cap = v->cap ? v->cap : 16;
  while (cap < n) {
    if (cap > SIZE_MAX / 2) return 0;
    cap *= 2;
  }
  if (cap > SIZE_MAX / v->esz) return 0;
  p = realloc(v->p, cap * v->esz);
  if (p == NULL) return 0;
  v->p = p;
  v->cap = cap;
  return 1;
}

void *precisI_vec_push(precisI_vec *v) {
  char *slot;
  if (v->n == v->cap && !precisI_vec_reserve(v, v->n + 1)) return NULL;
  slot = (char *)v->p + v->n * v->esz;
  memset(slot, 0, v->esz);
  v->n++;
  return slot;
}

void precisI_vec_trim(precisI_vec *v) {
  void *p;
  if (v->n == 0 || v->n == v->cap) return;
  p = realloc(v->p, v->n * v->esz); /* a smaller block; on failure, the old */
  if (p != NULL) {
    v->p = p;
    v->cap = v->n;
  }
}

void precisI_vec_free(precisI_vec *v) {
  free(v->p);
  v->p = NULL;
  v->n = v->cap = 0;
}
