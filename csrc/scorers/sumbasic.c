/*
** sumbasic.c: SumBasic (Nenkova & Vanderwende 2005). As a scorer, the
** mean probability of a sentence's content words in the input. As a
** selector, the method itself: take the best sentence that contains the
** most probable word, square the probabilities of the words it used (so
** that the summary moves on to new content), and repeat under the budget.
*/
#include <stdlib.h>
#include <string.h>

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

/* The selector, kept near-linear for any budget. Each pick wants the most
** probable word among the sentences still open, then the open sentence of
** the best mean probability among those that hold it (ties: the earlier
** sentence). Probabilities only fall (squared, they are at most 1), so a
** word's probability and a sentence's mean only fall too, and a sentence
** that is chosen or no longer fits never opens again: one heap of words
** and, for each word that comes to the top, a heap of its sentences hold
** last values, and only a top whose value has moved is worked out again.
** The picks are exactly those of scanning every sentence for every pick. */

typedef struct sb {
  const precisI_run *run;
  const precisI_budget *b;
  double *p;
  unsigned char *open;     /* per sentence */
  uint32_t *nopen;         /* per term: open sentences that hold it */
  size_t *post_off;        /* per term: its sentences, post[...] */
  uint32_t *post;
  precisI_hent **sh;       /* per term: a heap of its sentences, once needed */
  size_t *nsh;
  precisI_hent *th;        /* the terms */
  size_t nth;
} sb;

static void close_sentence(sb *x, size_t i) {
  size_t k;
  if (!x->open[i]) return;
  x->open[i] = 0;
  for (k = x->run->vec_off[i]; k < x->run->vec_off[i + 1]; k++) x->nopen[x->run->vec[k].term]--;
}

/* the most probable term of an open sentence (ties: the smaller term
** number), or UINT32_MAX */
static uint32_t top_term(sb *x) {
  while (x->nth > 0) {
    uint32_t t = x->th[0].id;
    if (x->nopen[t] == 0) { precisI_heap_pop(x->th, &x->nth); continue; }
    if (x->p[t] != x->th[0].key) { /* squared since */
      x->th[0].key = x->p[t];
      precisI_heap_down(x->th, x->nth, 0);
      continue;
    }
    return t;
  }
  return UINT32_MAX;
}

/* the open sentence of the best mean probability that holds t */
static size_t best_with(sb *x, uint32_t t) {
  precisI_hent *h = x->sh[t];
  size_t k;
  if (h == NULL) { /* its first time on top */
    size_t n = 0;
    h = x->sh[t] = precisI_alloc(x->post_off[t + 1] - x->post_off[t], sizeof *h);
    if (h == NULL) return SIZE_MAX - 1;
    for (k = x->post_off[t]; k < x->post_off[t + 1]; k++) {
      uint32_t i = x->post[k];
      if (!x->open[i]) continue;
      h[n].key = mean_p(x->run, x->p, i);
      h[n++].id = i;
    }
    precisI_heap_make(h, n);
    x->nsh[t] = n;
  }
  while (x->nsh[t] > 0) {
    uint32_t i = h[0].id;
    double m;
    if (!x->open[i]) { precisI_heap_pop(h, &x->nsh[t]); continue; }
    m = mean_p(x->run, x->p, i);
    if (m != h[0].key) {
      h[0].key = m;
      precisI_heap_down(h, x->nsh[t], 0);
      continue;
    }
    return i;
  }
  return SIZE_MAX;
}

typedef struct costly {
  size_t cost;
  uint32_t i;
} costly;

static int by_cost(const void *a, const void *b) { /* the largest first */
  const costly *x = a, *y = b;
  if (x->cost != y->cost) return x->cost > y->cost ? -1 : 1;
  return x->i < y->i ? -1 : x->i > y->i;
}

precis_status precisI_select_sumbasic(precisI_run *run, const precisI_budget *b) {
  size_t n = run->ncand, T = run->nterms, used = 0, i, k, fit = 0;
  costly *bycost = NULL;
  size_t *cursor = NULL;
  precis_status st = PRECIS_ENOMEM;
  sb x;
  memset(&x, 0, sizeof x);
  x.run = run;
  x.b = b;
  x.p = probabilities(run);
  x.open = precisI_calloc(n, 1);
  x.nopen = precisI_calloc(T, sizeof *x.nopen);
  x.post_off = precisI_calloc(T + 1, sizeof *x.post_off);
  x.post = precisI_alloc(run->vec_off[n], sizeof *x.post);
  x.sh = precisI_calloc(T, sizeof *x.sh);
  x.nsh = precisI_calloc(T, sizeof *x.nsh);
  x.th = precisI_alloc(T, sizeof *x.th);
  bycost = precisI_alloc(n, sizeof *bycost);
  cursor = precisI_alloc(T, sizeof *cursor);
  if (!x.p || !x.open || !x.nopen || !x.post_off || !x.post || !x.sh || !x.nsh || !x.th ||
      !bycost || !cursor)
    goto done;
  for (i = 0; i < n; i++) {
    x.open[i] = run->eligible[i] && (double)b->cost[i] <= b->limit;
    for (k = run->vec_off[i]; k < run->vec_off[i + 1]; k++) {
      x.post_off[run->vec[k].term + 1]++;
      if (x.open[i]) x.nopen[run->vec[k].term]++;
    }
    bycost[i].cost = b->cost[i];
    bycost[i].i = (uint32_t)i;
  }
  for (k = 0; k < T; k++) x.post_off[k + 1] += x.post_off[k];
  memcpy(cursor, x.post_off, T * sizeof *cursor);
  for (i = 0; i < n; i++)
    for (k = run->vec_off[i]; k < run->vec_off[i + 1]; k++)
      x.post[cursor[run->vec[k].term]++] = (uint32_t)i;
  for (k = 0; k < T; k++)
    if (x.nopen[k] > 0) {
      x.th[x.nth].key = x.p[k];
      x.th[x.nth++].id = (uint32_t)k;
    }
  precisI_heap_make(x.th, x.nth);
  /* the largest costs first: they stop fitting first */
  qsort(bycost, n, sizeof *bycost, by_cost);
  for (;;) {
    uint32_t top = top_term(&x);
    size_t best;
    if (top == UINT32_MAX) break;
    best = best_with(&x, top);
    if (best == SIZE_MAX - 1) goto done;
    if (best == SIZE_MAX) break; /* cannot be: top has an open sentence */
    run->selected[best] = 1;
    run->summary[run->nsummary++] = (uint32_t)best;
    used += b->cost[best];
    close_sentence(&x, best);
    for (k = run->vec_off[best]; k < run->vec_off[best + 1]; k++)
      x.p[run->vec[k].term] *= x.p[run->vec[k].term];
    if ((double)used >= b->limit) break;
    for (; fit < n && (double)(used + bycost[fit].cost) > b->limit; fit++)
      close_sentence(&x, bycost[fit].i);
  }
  st = PRECIS_OK;
done:
  for (k = 0; x.sh && k < T; k++) free(x.sh[k]);
  free(x.p); free(x.open); free(x.nopen); free(x.post_off); free(x.post);
  free(x.sh); free(x.nsh); free(x.th); free(bycost); free(cursor);
  return st;
}
