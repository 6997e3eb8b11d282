/*
** dedupe.c: near-duplicate sentences, within and across documents (the
** same wire copy in two articles, a lead repeated further down). Each
** sentence becomes the set of its content-word 3-gram shingles; sentences
** whose sets overlap at least redundancy.near_duplicate (Jaccard) are
** grouped, and only the best-ranked of each group stays eligible.
** Pairs are found through shingles shared, never by comparing all pairs.
*/
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* shingles that occur in more sentences than this are stock phrases, not
** evidence of a copy, and would make pair search quadratic */
#define MAX_SHINGLE_GROUP 64

typedef struct shingle {
  uint64_t h;
  uint32_t cand;
} shingle;

typedef struct cpair {
  uint32_t a, b;
} cpair;

static int cmp_shingle(const void *x, const void *y) {
  const shingle *p = x, *q = y;
  if (p->h != q->h) return p->h < q->h ? -1 : 1;
  return p->cand < q->cand ? -1 : p->cand > q->cand;
}

static int cmp_cpair(const void *x, const void *y) {
  const cpair *p = x, *q = y;
  if (p->a != q->a) return p->a < q->a ? -1 : 1;
  return p->b < q->b ? -1 : p->b > q->b;
}

static uint64_t mix(uint64_t h, uint32_t t) {
  h ^= t + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  return h * 0xFF51AFD7ED558CCDull;
}

static uint32_t find(uint32_t *up, uint32_t x) {
  while (up[x] != x) { up[x] = up[up[x]]; x = up[x]; }
  return x;
}

precis_status precisI_near_duplicates(precisI_run *run, unsigned char *dup) {
  double thr = run->s->opt.near_dup;
  const uint32_t *terms = run->terms.p;
  precisI_vec sh, pairs;
  uint32_t *count = NULL, *up = NULL, *best = NULL;
  size_t i, k, g;
  precis_status st = PRECIS_ENOMEM;
  memset(dup, 0, run->ncand);
  if (thr <= 0 || run->ncand < 2) return PRECIS_OK;
  precisI_vec_init(&sh, sizeof(shingle));
  precisI_vec_init(&pairs, sizeof(cpair));
  count = precisI_calloc(run->ncand, sizeof *count);
  up = precisI_alloc(run->ncand, sizeof *up);
  best = precisI_alloc(run->ncand, sizeof *best);
  if (!count || !up || !best) goto done;
  for (i = 0; i < run->ncand; i++) {
    const precisI_unit *u = &precisI_vec_at(&run->units, precisI_unit, run->cand[i]);
    size_t first = sh.n, m = u->ntok < 3 ? (u->ntok ? 1 : 0) : u->ntok - 2, q;
    for (k = 0; k < m; k++) {
      shingle *s = precisI_vec_push(&sh);
      uint64_t h = 0x12345;
      size_t w = u->ntok < 3 ? u->ntok : 3;
      if (s == NULL) goto done;
      for (q = 0; q < w; q++) h = mix(h, terms[u->tok + k + q]);
      s->h = h;
      s->cand = (uint32_t)i;
    }
    /* a set: sort this sentence's shingles and drop repeats */
    qsort((shingle *)sh.p + first, sh.n - first, sizeof(shingle), cmp_shingle);
    for (k = q = first; k < sh.n; k++)
      if (k == first || precisI_vec_at(&sh, shingle, k).h != precisI_vec_at(&sh, shingle, q - 1).h)
        precisI_vec_at(&sh, shingle, q++) = precisI_vec_at(&sh, shingle, k);
    sh.n = q;
    count[i] = (uint32_t)(sh.n - first);
  }
  qsort(sh.p, sh.n, sizeof(shingle), cmp_shingle);
  for (g = 0; g < sh.n;) {
    size_t e = g, a, c;
    while (e < sh.n && precisI_vec_at(&sh, shingle, e).h == precisI_vec_at(&sh, shingle, g).h) e++;
    if (e - g <= MAX_SHINGLE_GROUP)
      for (a = g; a < e; a++)
        for (c = a + 1; c < e; c++) {
          cpair *p = precisI_vec_push(&pairs);
          if (p == NULL) goto done;
          p->a = precisI_vec_at(&sh, shingle, a).cand;
          p->b = precisI_vec_at(&sh, shingle, c).cand;
        }
    g = e;
  }
  qsort(pairs.p, pairs.n, sizeof(cpair), cmp_cpair);
  for (i = 0; i < run->ncand; i++) up[i] = (uint32_t)i;
  for (g = 0; g < pairs.n;) {
    cpair p = precisI_vec_at(&pairs, cpair, g);
    size_t e = g;
    double shared, jac;
    while (e < pairs.n && precisI_vec_at(&pairs, cpair, e).a == p.a &&
           precisI_vec_at(&pairs, cpair, e).b == p.b) e++;
    shared = (double)(e - g);
    jac = shared / ((double)count[p.a] + (double)count[p.b] - shared);
    if (jac >= thr) up[find(up, p.a)] = find(up, p.b);
    g = e;
  }
  /* keep the best-ranked member of each group */
  for (i = 0; i < run->ncand; i++) best[i] = UINT32_MAX;
  for (i = 0; i < run->ncand; i++) {
    uint32_t r = find(up, (uint32_t)i);
    if (best[r] == UINT32_MAX || run->rank[i] < run->rank[best[r]]) best[r] = (uint32_t)i;
  }
  for (i = 0; i < run->ncand; i++) dup[i] = best[find(up, (uint32_t)i)] != i;
  st = PRECIS_OK;
done:
  precisI_vec_free(&sh);
  precisI_vec_free(&pairs);
  free(count);
  free(up);
  free(best);
  return st;
}
