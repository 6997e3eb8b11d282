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

/* k-means over the unit-normalised tf-idf vectors, seeded with evenly
** spaced sentences: deterministic */
static precis_status kmeans(const precisI_run *run, size_t K, uint32_t *part) {
  size_t n = run->ncand, i, k, c, it;
  double *cent = precisI_calloc(K * run->nterms, sizeof *cent);
  double *cnorm = precisI_alloc(K, sizeof *cnorm);
  if (!cent || !cnorm) { free(cent); free(cnorm); return PRECIS_ENOMEM; }
  for (i = 0; i < n; i++) part[i] = (uint32_t)(i * K / n); /* contiguous start */
  for (it = 0; it < KMEANS_ITER; it++) {
    memset(cent, 0, K * run->nterms * sizeof *cent);
    for (i = 0; i < n; i++)
      for (k = run->vec_off[i]; k < run->vec_off[i + 1]; k++)
        if (run->norm[i] > 0)
          cent[part[i] * run->nterms + run->vec[k].term] += run->vec[k].w / run->norm[i];
    for (c = 0; c < K; c++) {
      double s = 0;
      for (k = 0; k < run->nterms; k++) s += cent[c * run->nterms + k] * cent[c * run->nterms + k];
      cnorm[c] = sqrt(s);
    }
    for (i = 0; i < n; i++) {
      double best = -1;
      uint32_t bc = part[i];
      for (c = 0; c < K; c++) {
        double dot = 0, cs;
        if (cnorm[c] == 0) continue;
        for (k = run->vec_off[i]; k < run->vec_off[i + 1]; k++)
          dot += run->vec[k].w * cent[c * run->nterms + run->vec[k].term];
        cs = run->norm[i] > 0 ? dot / (cnorm[c] * run->norm[i]) : 0;
        if (cs > best) { best = cs; bc = (uint32_t)c; }
      }
      part[i] = bc;
    }
  }
  free(cent);
  free(cnorm);
  return PRECIS_OK;
}

precis_status precisI_select_submodular(precisI_run *run, const precisI_budget *b) {
  const precis_options *o = &run->s->opt;
  size_t n = run->ncand, i, k, used = 0, K;
  double alpha = o->sub_alpha / (double)n, F = 0;
  double *cov = precisI_calloc(n, sizeof *cov);     /* C_i(S) */
  double *cap = precisI_alloc(n, sizeof *cap);      /* alpha C_i(V) */
  double *r = precisI_alloc(n, sizeof *r);
  double *rsum = NULL;                              /* per cluster */
  uint32_t *part = precisI_alloc(n, sizeof *part);
  precis_status st = PRECIS_ENOMEM;
  size_t single = SIZE_MAX;
  double single_f = -1;
  if (!cov || !cap || !r || !part) goto done;
  K = n / 5 ? n / 5 : 1;
  if (K > KMEANS_MAX) K = KMEANS_MAX;
  rsum = precisI_calloc(K, sizeof *rsum);
  if (rsum == NULL || kmeans(run, K, part) != PRECIS_OK) goto done;
  for (i = 0; i < n; i++) {
    double s = 1.0; /* w_ii */
    for (k = run->edge_off[i]; k < run->edge_off[i + 1]; k++) s += run->edges[k].cos;
    cap[i] = alpha * s;
    r[i] = s / (double)n;
  }
  for (;;) {
    size_t best = SIZE_MAX;
    double bestv = 0, bestgain = 0;
    for (i = 0; i < n; i++) {
      double gain, lg;
      if (!run->eligible[i] || run->selected[i]) continue;
      lg = (cov[i] + 1.0 < cap[i] ? cov[i] + 1.0 : cap[i]) - (cov[i] < cap[i] ? cov[i] : cap[i]);
      for (k = run->edge_off[i]; k < run->edge_off[i + 1]; k++) {
        uint32_t j = run->edges[k].to;
        double c1 = cov[j] + run->edges[k].cos;
        lg += (c1 < cap[j] ? c1 : cap[j]) - (cov[j] < cap[j] ? cov[j] : cap[j]);
      }
      gain = lg + o->sub_lambda * (sqrt(rsum[part[i]] + r[i]) - sqrt(rsum[part[i]]));
      if (run->nsummary == 0 && gain > single_f && (double)b->cost[i] <= b->limit) {
        single_f = gain; /* F({i}) = its gain from the empty set */
        single = i;
      }
      if ((double)(used + b->cost[i]) > b->limit) continue;
      {
        double scaled = gain / pow((double)(b->cost[i] ? b->cost[i] : 1), o->sub_r);
        if (best == SIZE_MAX || scaled > bestv) { bestv = scaled; best = i; bestgain = gain; }
      }
    }
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
  free(rsum);
  free(part);
  return st;
}
