/*
** klsum.c: KL-Sum (Haghighi & Vanderwende 2009): greedily add the sentence
** whose addition brings the summary's word distribution closest to the
** input's, KL(P || Q) with P the input's and Q the summary's unigram
** distribution, smoothed (additive, 0.001 per word) to stay finite.
** Since KL(P || Q) = sum p log p - sum p log(c + s) + log(|S| + s V), a
** candidate changes only the terms it contains and the length: each one
** costs its own length to evaluate, not the vocabulary's.
*/
#include <math.h>
#include <stdlib.h>

#include "internal.h"

#define KL_SMOOTH 0.001

precis_status precisI_select_klsum(precisI_run *run, const precisI_budget *b) {
  size_t total, used = 0, i, k, nsupport = 0;
  uint32_t *tf = precisI_term_counts(run, &total);
  double *count = precisI_calloc(run->nterms, sizeof *count), slen = 0;
  if (!tf || !count) { free(tf); free(count); return PRECIS_ENOMEM; }
  for (k = 0; k < run->nterms; k++) nsupport += tf[k] > 0;
  for (;;) {
    size_t best = SIZE_MAX;
    double bestkl = HUGE_VAL;
    for (i = 0; i < run->ncand; i++) {
      double gain = 0, len = slen, kl;
      if (!run->eligible[i] || run->selected[i] || (double)(used + b->cost[i]) > b->limit) continue;
      for (k = run->vec_off[i]; k < run->vec_off[i + 1]; k++) {
        uint32_t t = run->vec[k].term;
        double p = (double)tf[t] / (double)total;
        gain += p * (log(count[t] + run->vec[k].tf + KL_SMOOTH) - log(count[t] + KL_SMOOTH));
        len += run->vec[k].tf;
      }
      /* the part that depends on the choice; the constant sum p log p and
      ** the current summary's terms are the same for every candidate */
      kl = log(len + KL_SMOOTH * (double)nsupport) - gain;
      if (kl < bestkl) { bestkl = kl; best = i; } /* ties: the earlier one */
    }
    if (best == SIZE_MAX) break;
    run->selected[best] = 1;
    run->summary[run->nsummary++] = (uint32_t)best;
    used += b->cost[best];
    for (k = run->vec_off[best]; k < run->vec_off[best + 1]; k++) {
      count[run->vec[k].term] += run->vec[k].tf;
      slen += run->vec[k].tf;
    }
    if ((double)used >= b->limit) break;
  }
  free(tf);
  free(count);
  return PRECIS_OK;
}
