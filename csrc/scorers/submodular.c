/*
** submodular.c: Lin & Bilmes (2011), "A class of submodular functions for
** document summarization". The summary S maximises
**   F(S) = L(S) + lambda R(S)
**   L(S) = sum_i min(C_i(S), alpha C_i(V)),  C_i(S) = sum_{j in S} w_ij
**   R(S) = sum_k sqrt(sum_{j in P_k and S} r_j),  r_j = (1/N) sum_i w_ij
** with w the tf-idf cosine (w_ii = 1), alpha = a / N, and P_k a k-means
** partition of the sentences: coverage that saturates, plus a reward for
** drawing on many clusters. Greedy by gain / cost^r under the budget, then
** the best single sentence if that does better: the algorithm with their
** (1 - 1/sqrt(e)) approximation guarantee.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define KMEANS_ITER 8
#define KMEANS_MAX 50

/* each sentence to the cluster of the nearest of the K centroids */
static inline void assign(const precisI_run *run, const double *cent,
                          const double *cnorm, uint32_t *part, const size_t K) {
  size_t n = run->ncand, i, k, c;
  for (i = 0; i < n; i++) {
    double best = -1, dot[KMEANS_MAX];
    uint32_t bc = part[i];
    for (c = 0; c < K; c++) dot[c] = 0;
    for (k = run->vec_off[i]; k < run->vec_off[i + 1]; k++) {
      const double *row = cent + run->vec[k].term * K;
      double w = run->vec[k].w;
      for (c = 0; c < K; c++) dot[c] += w * row[c];
    }
    for (c = 0; c < K; c++) {
      double cs;
      if (cnorm[c] == 0) continue;
      cs = run->norm[i] > 0 ? dot[c] / (cnorm[c] * run->norm[i]) : 0;
      if (cs > best) { best = cs; bc = (uint32_t)c; }
    }
    part[i] = bc;
  }
}

/* k-means over the unit-normalised tf-idf vectors, seeded with evenly
** spaced sentences: deterministic. The centroids are stored term by term
** (the K values of a term side by side), so that a sentence meets all K
** centroids in one pass over its terms; each value is summed in the same
** order as cluster by cluster, so the clusters are the same. */
static precis_status kmeans(const precisI_run *run, size_t K, uint32_t *part) {
  size_t n = run->ncand, T = run->nterms, i, k, c, it;
  double *cent = precisI_calloc(K * T, sizeof *cent);
  double *cnorm = precisI_alloc(K, sizeof *cnorm);
  if (!cent || !cnorm) { free(cent); free(cnorm); return PRECIS_ENOMEM; }
  for (i = 0; i < n; i++) part[i] = (uint32_t)(i * K / n); /* contiguous start */
  for (it = 0; it < KMEANS_ITER; it++) {
    memset(cent, 0, K * T * sizeof *cent);
    for (i = 0; i < n; i++)
      for (k = run->vec_off[i]; k < run->vec_off[i + 1]; k++)
        if (run->norm[i] > 0)
          cent[run->vec[k].term * K + part[i]] += run->vec[k].w / run->norm[i];
    for (c = 0; c < K; c++) cnorm[c] = 0;
    for (k = 0; k < T; k++)
      for (c = 0; c < K; c++) cnorm[c] += cent[k * K + c] * cent[k * K + c];
    for (c = 0; c < K; c++) cnorm[c] = sqrt(cnorm[c]);
    /* with K known (every input of 250 sentences or more) the compiler
    ** unrolls the loops over the clusters and pairs them in vector
    ** registers, each value still summed alone, in order */
    if (K == KMEANS_MAX) assign(run, cent, cnorm, part, KMEANS_MAX);
    else assign(run, cent, cnorm, part, K);
  }
  free(cent);
  free(cnorm);
  return PRECIS_OK;
}

typedef struct sub {
  const precisI_run *run;
  double lambda;
  const double *cov, *cap, *r, *rsum;
  const uint32_t *part;
} sub;

/* F(S + i) - F(S), exactly as a scan of every candidate computes it */
static double gain_of(const sub *x, size_t i) {
  const precisI_run *run = x->run;
  const double *cov = x->cov, *cap = x->cap;
  double lg, R = x->rsum[x->part[i]];
  size_t k;
  lg = (cov[i] + 1.0 < cap[i] ? cov[i] + 1.0 : cap[i]) - (cov[i] < cap[i] ? cov[i] : cap[i]);
  for (k = run->edge_off[i]; k < run->edge_off[i + 1]; k++) {
    uint32_t j = run->edges[k].to;
    double c1 = cov[j] + run->edges[k].cos;
    lg += (c1 < cap[j] ? c1 : cap[j]) - (cov[j] < cap[j] ? cov[j] : cap[j]);
  }
  return lg + x->lambda * (sqrt(R + x->r[i]) - sqrt(R));
}

/* Greedy by gain / cost^r under the budget, lazily. F is submodular: a
** candidate's gain only falls as the summary grows, and its cost stays,
** so its last ratio bounds every later one, and a candidate that no
** longer fits never will again. A pick works out again the candidates of
** a heap of bounds until the best ratio found beats every bound left
** (ties: the earlier sentence), which is exactly the pick of a scan. The
** bounds carry a slack far above the rounding of a gain, whose rounded
** value need not fall with the exact one; it is built from each gain's
** magnitudes: coverage is capped, min(c + w, cap) - min(c, cap), and the
** cluster sums only add up the r_j. */
precis_status precisI_select_submodular(precisI_run *run, const precisI_budget *b) {
  const precis_options *o = &run->s->opt;
  size_t n = run->ncand, i, k, used = 0, K, nh = 0, nr;
  double alpha = o->sub_alpha / (double)n, F = 0, rtotal = 0;
  double *cov = precisI_calloc(n, sizeof *cov);     /* C_i(S) */
  double *cap = precisI_alloc(n, sizeof *cap);      /* alpha C_i(V) */
  double *r = precisI_alloc(n, sizeof *r);
  double *den = precisI_alloc(n, sizeof *den);      /* cost^r */
  double *err = precisI_alloc(n, sizeof *err);      /* the slack of a gain */
  double *rsum = NULL;                              /* per cluster */
  uint32_t *part = precisI_alloc(n, sizeof *part);
  precisI_hent *h = precisI_alloc(n, sizeof *h);
  struct redo { uint32_t i; double gain, ratio; } *redo = precisI_alloc(n, sizeof *redo);
  precis_status st = PRECIS_ENOMEM;
  size_t single = SIZE_MAX, best;
  double single_f = -1, bestv, bestgain;
  sub x;
  if (!cov || !cap || !r || !den || !err || !part || !h || !redo) goto done;
  K = n / 5 ? n / 5 : 1;
  if (K > KMEANS_MAX) K = KMEANS_MAX;
  rsum = precisI_calloc(K, sizeof *rsum);
  if (rsum == NULL || kmeans(run, K, part) != PRECIS_OK) goto done;
  for (i = 0; i < n; i++) {
    double s = 1.0; /* w_ii */
    for (k = run->edge_off[i]; k < run->edge_off[i + 1]; k++) s += run->edges[k].cos;
    cap[i] = alpha * s;
    r[i] = s / (double)n;
    rtotal += r[i];
    den[i] = pow((double)(b->cost[i] ? b->cost[i] : 1), o->sub_r);
  }
  for (i = 0; i < n; i++) {
    double mag = 2.0 + cap[i];
    for (k = run->edge_off[i]; k < run->edge_off[i + 1]; k++)
      mag += cap[run->edges[k].to] + run->edges[k].cos;
    mag += o->sub_lambda * (2.0 * sqrt(rtotal + r[i]) + 1.0);
    err[i] = 1e-12 * (double)(run->edge_off[i + 1] - run->edge_off[i] + 8) * mag;
  }
  x.run = run; x.lambda = o->sub_lambda;
  x.cov = cov; x.cap = cap; x.r = r; x.rsum = rsum; x.part = part;
  /* the first pick scans them all: it also finds the best single one */
  best = SIZE_MAX;
  bestv = bestgain = 0;
  for (i = 0; i < n; i++) {
    double gain, scaled;
    if (!run->eligible[i]) continue;
    gain = gain_of(&x, i);
    if (gain > single_f && (double)b->cost[i] <= b->limit) {
      single_f = gain; /* F({i}) = its gain from the empty set */
      single = i;
    }
    if ((double)b->cost[i] > b->limit) continue;
    scaled = gain / den[i];
    if (best == SIZE_MAX || scaled > bestv) { bestv = scaled; best = i; bestgain = gain; }
    h[nh].key = (gain + err[i]) / den[i];
    h[nh++].id = (uint32_t)i;
  }
  precisI_heap_make(h, nh);
  for (;;) {
    if (best == SIZE_MAX || bestgain <= 0) break;
    run->selected[best] = 1;
    run->summary[run->nsummary++] = (uint32_t)best;
    used += b->cost[best];
    F += bestgain;
    cov[best] += 1.0;
    for (k = run->edge_off[best]; k < run->edge_off[best + 1]; k++)
      cov[run->edges[k].to] += run->edges[k].cos;
    rsum[part[best]] += r[best];
    if ((double)used >= b->limit) break;
    best = SIZE_MAX;
    bestv = bestgain = 0;
    nr = 0;
    while (nh > 0) {
      uint32_t c = h[0].id;
      double gain, scaled;
      if (run->selected[c] || (double)(used + b->cost[c]) > b->limit) {
        precisI_heap_pop(h, &nh); /* never again */
        continue;
      }
      if (best != SIZE_MAX && (h[0].key < bestv || (h[0].key == bestv && c > best))) break;
      precisI_heap_pop(h, &nh);
      gain = gain_of(&x, c);
      scaled = gain / den[c];
      redo[nr].i = c;
      redo[nr].gain = gain;
      redo[nr++].ratio = scaled;
      if (best == SIZE_MAX || scaled > bestv || (scaled == bestv && c < best)) {
        bestv = scaled;
        best = c;
        bestgain = gain;
      }
    }
    for (k = 0; k < nr; k++) /* back, with their bounds now */
      if (redo[k].i != best)
        precisI_heap_push(h, &nh, (redo[k].gain + err[redo[k].i]) / den[redo[k].i], redo[k].i);
  }
  if (single != SIZE_MAX && single_f > F) { /* the guarantee's last step */
    for (k = 0; k < run->nsummary; k++) run->selected[run->summary[k]] = 0;
    run->nsummary = 0;
    run->selected[single] = 1;
    run->summary[run->nsummary++] = (uint32_t)single;
  }
  st = PRECIS_OK;
done:
  free(cov);
  free(cap);
  free(r);
  free(den);
  free(err);
  free(rsum);
  free(part);
  free(h);
  free(redo);
  return st;
}
