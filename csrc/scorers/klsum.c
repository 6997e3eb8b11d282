/*
** klsum.c: KL-Sum (Haghighi & Vanderwende 2009): greedily add the sentence
** whose addition brings the summary's word distribution closest to the
** input's, KL(P || Q) with P the input's and Q the summary's unigram
** distribution, smoothed (additive, 0.001 per word) to stay finite.
** Since KL(P || Q) = sum p log p - sum p log(c + s) + log(|S| + s V), a
** candidate changes only the terms it contains and the length: each one
** costs its own length to evaluate, not the vocabulary's.
**
** A pick takes the candidate of the least
**   kl(i) = log(|S| + |i| + s V) - gain(i),
**   gain(i) = sum over its terms p (log(c + tf + s) - log(c + s)),
** ties to the earlier sentence. As the summary grows, the first part
** grows alike for every candidate of the same length |i|, and gain(i)
** only falls (log(c + tf + s) - log(c + s) falls as c grows). So the
** candidates are kept by length, each length in a heap of its last gains,
** which bound the gains to come: a pick works out again only the
** candidates whose bound could still beat the best found, and gives
** exactly the pick of scanning every candidate. The bound carries a slack
** far above the rounding error of a sum of logarithms, so that rounding,
** which need not fall when the exact value does, cannot break it.
*/
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define KL_SMOOTH 0.001

typedef struct kl {
  const precisI_run *run;
  uint32_t *tf;
  size_t total;
  double *count;
} kl;

/* gain(i) exactly as a scan computes it; *len += the sentence's length */
static double gain_of(const kl *x, size_t i, double *len) {
  const precisI_run *run = x->run;
  double gain = 0;
  size_t k;
  for (k = run->vec_off[i]; k < run->vec_off[i + 1]; k++) {
    uint32_t t = run->vec[k].term;
    double p = (double)x->tf[t] / (double)x->total;
    gain += p * (log(x->count[t] + run->vec[k].tf + KL_SMOOTH) - log(x->count[t] + KL_SMOOTH));
    *len += run->vec[k].tf;
  }
  return gain;
}

typedef struct group {
  size_t len;        /* the candidates' length, sum of tf */
  size_t terms;      /* the most terms of one of them */
  size_t h, nh;      /* its heap: heap[h .. h + nh) */
  double first;      /* the largest gain at the start: bounds every later one */
  double lb;         /* this pick: a bound under every kl in the heap */
} group;

static int by_len(const void *a, const void *b) {
  const size_t *x = a, *y = b;
  return *x < *y ? -1 : *x > *y;
}

/* how far a rounded gain may stray from the exact one: a few units in the
** last place for each of its terms, of the magnitudes involved; ample */
static double slack(const group *g, double a) {
  return 1e-12 * (double)(g->terms + 8) * (1.0 + fabs(a) + g->first);
}

precis_status precisI_select_klsum(precisI_run *run, const precisI_budget *b) {
  size_t n = run->ncand, used = 0, i, k, nsupport = 0, ng = 0, nr, best;
  double slen = 0, smooth_v;
  kl x;
  size_t *lens = NULL;
  group *g = NULL;
  uint32_t *gof = NULL, *order = NULL;
  precisI_hent *heap = NULL;
  struct redo { uint32_t i; double gain; } *redo = NULL;
  precis_status st = PRECIS_ENOMEM;
  x.run = run;
  x.tf = precisI_term_counts(run, &x.total);
  x.count = precisI_calloc(run->nterms, sizeof *x.count);
  lens = precisI_alloc(n, sizeof *lens);
  gof = precisI_alloc(n, sizeof *gof);
  heap = precisI_alloc(n, sizeof *heap);
  redo = precisI_alloc(n, sizeof *redo);
  if (!x.tf || !x.count || !lens || !gof || !heap || !redo) goto done;
  for (k = 0; k < run->nterms; k++) nsupport += x.tf[k] > 0;
  smooth_v = KL_SMOOTH * (double)nsupport;
  /* the lengths, distinct and sorted: one group each */
  for (i = 0; i < n; i++) {
    size_t len = 0;
    for (k = run->vec_off[i]; k < run->vec_off[i + 1]; k++) len += run->vec[k].tf;
    lens[i] = len;
  }
  {
    size_t *sorted = precisI_alloc(n, sizeof *sorted);
    if (sorted == NULL) goto done;
    memcpy(sorted, lens, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, by_len);
    for (i = 0; i < n; i++) if (ng == 0 || sorted[ng - 1] != sorted[i]) sorted[ng++] = sorted[i];
    g = precisI_calloc(ng, sizeof *g);
    order = precisI_alloc(ng, sizeof *order);
    if (g == NULL || order == NULL) { free(sorted); goto done; }
    for (k = 0; k < ng; k++) g[k].len = sorted[k];
    free(sorted);
  }
  for (i = 0; i < n; i++) { /* each sentence's group, by binary search */
    size_t lo = 0, hi = ng;
    while (hi - lo > 1) {
      size_t mid = (lo + hi) / 2;
      if (g[mid].len <= lens[i]) lo = mid; else hi = mid;
    }
    gof[i] = (uint32_t)lo;
    g[lo].nh++; /* room, for now */
    if (run->vec_off[i + 1] - run->vec_off[i] > g[lo].terms)
      g[lo].terms = run->vec_off[i + 1] - run->vec_off[i];
  }
  for (k = 0, i = 0; k < ng; k++) { g[k].h = i; i += g[k].nh; g[k].nh = 0; }
  for (i = 0; i < n; i++) { /* the open candidates, with their first gains */
    group *gi = &g[gof[i]];
    double len = 0, gain;
    if (!run->eligible[i] || (double)b->cost[i] > b->limit) continue;
    gain = gain_of(&x, i, &len);
    if (gain > gi->first) gi->first = gain;
    heap[gi->h + gi->nh].key = gain;
    heap[gi->h + gi->nh++].id = (uint32_t)i;
  }
  for (k = 0; k < ng; k++) precisI_heap_make(heap + g[k].h, g[k].nh);
  for (;;) {
    double bestkl = HUGE_VAL;
    size_t no = 0;
    best = SIZE_MAX;
    nr = 0;
    /* each group's bound now, the most promising groups first */
    for (k = 0; k < ng; k++) {
      group *gk = &g[k];
      double a;
      if (gk->nh == 0) continue;
      a = log((slen + (double)gk->len) + smooth_v);
      gk->lb = a - heap[gk->h].key - slack(gk, a);
      order[no++] = (uint32_t)k;
    }
    for (k = 1; k < no; k++) { /* insertion sort: few groups */
      uint32_t v = order[k];
      size_t j;
      for (j = k; j > 0 && g[order[j - 1]].lb > g[v].lb; j--) order[j] = order[j - 1];
      order[j] = v;
    }
    for (k = 0; k < no; k++) {
      group *gk = &g[order[k]];
      precisI_hent *h = heap + gk->h;
      double a = log((slen + (double)gk->len) + smooth_v);
      while (gk->nh > 0) {
        uint32_t c = h[0].id;
        double len = slen, gain, v;
        if (run->selected[c] || (double)(used + b->cost[c]) > b->limit) {
          precisI_heap_pop(h, &gk->nh); /* never again */
          continue;
        }
        if (best != SIZE_MAX && a - h[0].key - slack(gk, a) > bestkl) break;
        precisI_heap_pop(h, &gk->nh);
        gain = gain_of(&x, c, &len);
        v = log(len + smooth_v) - gain; /* as a scan has it */
        redo[nr].i = c;
        redo[nr++].gain = gain;
        if (v < bestkl || (v == bestkl && c < best)) { bestkl = v; best = c; }
      }
    }
    for (k = 0; k < nr; k++) /* back, with their gains now */
      if (redo[k].i != best) {
        group *gk = &g[gof[redo[k].i]];
        precisI_heap_push(heap + gk->h, &gk->nh, redo[k].gain, redo[k].i);
      }
    if (best == SIZE_MAX) break;
    run->selected[best] = 1;
    run->summary[run->nsummary++] = (uint32_t)best;
    used += b->cost[best];
    for (k = run->vec_off[best]; k < run->vec_off[best + 1]; k++) {
      x.count[run->vec[k].term] += run->vec[k].tf;
      slen += run->vec[k].tf;
    }
    if ((double)used >= b->limit) break;
  }
  st = PRECIS_OK;
done:
  free(x.tf); free(x.count); free(lens); free(g); free(gof); free(order);
  free(heap); free(redo);
  return st;
}
