/*
** sumbasic.c: SumBasic (Nenkova & Vanderwende 2005). As a scorer, the
** mean probability of a sentence's content words in the input. As a
** selector, the method itself: take the best sentence that contains the
** most probable word, square the probabilities of the words it used (so
** that the summary moves on to new content), and repeat under the budget.
*/
#include <stdlib.h>

#include "internal.h"

static double *probabilities(const precisI_run *run) {
  size_t total, k;
  uint32_t *tf = precisI_term_counts(run, &total);
  double *p = tf ? precisI_alloc(run->nterms, sizeof *p) : NULL;
  if (p == NULL) { free(tf); return NULL; }
  for (k = 0; k < run->nterms; k++) p[k] = total ? (double)tf[k] / (double)total : 0;
  free(tf);
  return p;
}

static double mean_p(const precisI_run *run, const double *p, size_t i) {
  size_t k, n = 0;
  double s = 0;
  for (k = run->vec_off[i]; k < run->vec_off[i + 1]; k++) {
    s += p[run->vec[k].term] * run->vec[k].tf;
    n += run->vec[k].tf;
  }
  return n ? s / (double)n : 0;
}

precis_status precisI_score_sumbasic(precisI_run *run, double *v) {
  double *p = probabilities(run);
  size_t i;
  if (p == NULL) return PRECIS_ENOMEM;
  for (i = 0; i < run->ncand; i++) v[i] = mean_p(run, p, i);
  free(p);
  return PRECIS_OK;
}

precis_status precisI_select_sumbasic(precisI_run *run, const precisI_budget *b) {
  double *p = probabilities(run);
  size_t used = 0, i, k;
  if (p == NULL) return PRECIS_ENOMEM;
  for (;;) {
    /* the most probable word among the sentences still open */
    uint32_t top = UINT32_MAX;
    size_t best = SIZE_MAX;
    double bestv = -1;
    for (i = 0; i < run->ncand; i++) {
      if (!run->eligible[i] || run->selected[i] || (double)(used + b->cost[i]) > b->limit) continue;
      for (k = run->vec_off[i]; k < run->vec_off[i + 1]; k++) {
        uint32_t t = run->vec[k].term;
        if (top == UINT32_MAX || p[t] > p[top] || (p[t] == p[top] && t < top)) top = t;
      }
    }
    if (top == UINT32_MAX) break;
    for (i = 0; i < run->ncand; i++) {
      int has = 0;
      double m;
      if (!run->eligible[i] || run->selected[i] || (double)(used + b->cost[i]) > b->limit) continue;
      for (k = run->vec_off[i]; k < run->vec_off[i + 1]; k++)
        if (run->vec[k].term == top) has = 1;
      if (!has) continue;
      m = mean_p(run, p, i);
      if (m > bestv) { bestv = m; best = i; }  /* ties: the earlier sentence */
    }
    if (best == SIZE_MAX) break;
    run->selected[best] = 1;
    run->summary[run->nsummary++] = (uint32_t)best;
    used += b->cost[best];
    for (k = run->vec_off[best]; k < run->vec_off[best + 1]; k++)
      p[run->vec[k].term] *= p[run->vec[k].term];
    if ((double)used >= b->limit) break;
  }
  free(p);
  return PRECIS_OK;
}
