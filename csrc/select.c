/*
** select.c: runs the weighted scorers, combines their normalised values,
** ranks the sentences and picks the summary under the length budget with
** Maximal Marginal Relevance (Carbonell & Goldstein 1998):
**   next = argmax  lambda * score(i) - (1 - lambda) * max_sim(i, chosen)
** where max_sim is the tf-idf cosine to the closest chosen sentence, and a
** candidate at or above redundancy.max_sim is never chosen at all.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef precis_status (*scorer_fn)(precisI_run *, double *);

static const scorer_fn scorers[PRECIS_NSCORERS] = {
  precisI_score_position, precisI_score_length, precisI_score_luhn,
  precisI_score_centroid, precisI_score_lexrank, precisI_score_textrank,
  precisI_score_title, precisI_score_edmundson, precisI_score_lsa,
  precisI_score_sumbasic, precisI_score_mead, precisI_score_pacsum,
  precisI_score_query
};


static int cmp_rank(const void *a, const void *b, const double *score) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  if (score[x] != score[y]) return score[x] > score[y] ? -1 : 1;
  return x < y ? -1 : x > y; /* ties: the earlier sentence */
}

/* C11 has no qsort with a context; a merge sort keeps it re-entrant */
static void sort_by_score(uint32_t *a, uint32_t *tmp, size_t n,
                          const double *score) {
  size_t mid, i, j, k;
  if (n < 2) return;
  mid = n / 2;
  sort_by_score(a, tmp, mid, score);
  sort_by_score(a + mid, tmp, n - mid, score);
  for (i = 0, j = mid, k = 0; i < mid && j < n;)
    tmp[k++] = cmp_rank(&a[j], &a[i], score) < 0 ? a[j++] : a[i++];
  while (i < mid) tmp[k++] = a[i++];
  while (j < n) tmp[k++] = a[j++];
  memcpy(a, tmp, n * sizeof *a);
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

static size_t unit_chars(const precisI_run *run, const precisI_unit *u) {
  const char *t = run->src[u->doc].text;
  size_t i, c = 0;
  for (i = u->start; i < u->end; i++) c += ((unsigned char)t[i] & 0xC0) != 0x80;
  return c;
}

/* 1 a scorer that reads the terms in sentence order, 2 the graph, 0 neither */
static int reads(size_t k) {
  if (k == PRECIS_SC_LUHN || k == PRECIS_SC_TITLE || k == PRECIS_SC_EDMUNDSON) return 1;
  if (k == PRECIS_SC_LEXRANK || k == PRECIS_SC_TEXTRANK || k == PRECIS_SC_PACSUM) return 2;
  return 0;
}

precis_status precisI_score_early(precisI_run *run, int terms) {
  size_t k;
  for (k = 0; k < PRECIS_NSCORERS; k++) {
    precis_status st;
    if (run->s->opt.weight[k] <= 0 || reads(k) != (terms ? 1 : 0) || run->value[k]) continue;
    run->value[k] = precisI_calloc(run->ncand, sizeof(double));
    if (run->value[k] == NULL) return PRECIS_ENOMEM;
    if ((st = scorers[k](run, run->value[k])) != PRECIS_OK) return st;
  }
  return PRECIS_OK;
}

static precis_status score_all(precisI_run *run) {
  const precis_options *o = &run->s->opt;
  size_t n = run->ncand, i, k;
  double *wsum = precisI_calloc(n, sizeof *wsum);
  run->score = precisI_calloc(n, sizeof *run->score);
  if (run->score == NULL || wsum == NULL) { free(wsum); return PRECIS_ENOMEM; }
  for (k = 0; k < PRECIS_NSCORERS; k++) {
    double max = 0;
    precis_status st;
    double *v;
    if (o->weight[k] <= 0) continue;
    if ((v = run->value[k]) == NULL) { /* not run with the model */
      v = run->value[k] = precisI_calloc(n, sizeof(double));
      if (v == NULL || (st = scorers[k](run, v)) != PRECIS_OK) {
        free(wsum);
        return v == NULL ? PRECIS_ENOMEM : st;
      }
    }
    for (i = 0; i < n; i++) if (v[i] > max) max = v[i];
    for (i = 0; i < n; i++) {
      if (v[i] < 0) { v[i] = 0; continue; } /* not applicable: no weight */
      v[i] = max > 0 ? v[i] / max : 0;
      run->score[i] += o->weight[k] * v[i];
      wsum[i] += o->weight[k];
    }
  }
  for (i = 0; i < n; i++) run->score[i] = wsum[i] > 0 ? run->score[i] / wsum[i] : 0;
  free(wsum);
  return PRECIS_OK;
}

typedef struct dated {
  uint64_t key;   /* date (undated last), then position */
  uint32_t cand;
} dated;

static int cmp_dated(const void *a, const void *b) {
  const dated *x = a, *y = b;
  return x->key < y->key ? -1 : x->key > y->key;
}

precis_status precisI_order_summary(precisI_run *run) {
  size_t k, n = run->nsummary;
  switch (run->s->opt.order) {
    case PRECIS_ORDER_SCORE: {
      uint32_t *tmp = precisI_alloc(n, sizeof *tmp);
      if (tmp == NULL) return PRECIS_ENOMEM;
      sort_by_score(run->summary, tmp, n, run->score);
      free(tmp);
      break;
    }
    case PRECIS_ORDER_DATE: {
      dated *d = precisI_alloc(n, sizeof *d);
      if (d == NULL) return PRECIS_ENOMEM;
      for (k = 0; k < n; k++) {
        uint32_t c = run->summary[k];
        int date = run->date ? run->date[run->cand_doc[c]] : 0;
        d[k].key = ((uint64_t)(date > 0 ? (uint32_t)date : UINT32_MAX) << 32) | c;
        d[k].cand = c;
      }
      qsort(d, n, sizeof *d, cmp_dated);
      for (k = 0; k < n; k++) run->summary[k] = d[k].cand;
      free(d);
      break;
    }
    default:
      qsort(run->summary, n, sizeof *run->summary, cmp_u32);
      break;
  }
  return PRECIS_OK;
}

/* Maximal Marginal Relevance, greedy: the candidate of the largest
**   lambda * score - (1 - lambda) * maxsim
** that fits the budget, ties to the better rank, until the budget is
** spent. A candidate's maxsim only grows as the summary does (and the
** rounded value can only fall with it), and a candidate that no longer
** fits, or has come too close to the summary, never will again. So a
** heap of last values (lazy greedy) gives exactly the picks of a scan of
** every candidate per pick: its top, once its value is current, beats
** every other candidate's bound and so its current value. */
static double mmr_value(const precis_options *o, double score, double maxsim) {
  return o->lambda * score - (1.0 - o->lambda) * maxsim;
}

static precis_status mmr(precisI_run *run, const uint32_t *order,
                         const size_t *cost, double limit) {
  const precis_options *o = &run->s->opt;
  size_t n = run->ncand, k, used = 0, nh = 0;
  double *maxsim = precisI_calloc(n, sizeof *maxsim);
  precisI_hent *h = precisI_alloc(n, sizeof *h);
  if (maxsim == NULL || h == NULL) { free(maxsim); free(h); return PRECIS_ENOMEM; }
  for (k = 0; k < n; k++) { /* id: the rank, which wins ties */
    uint32_t c = order[k];
    if (!run->eligible[c] || (double)cost[c] > limit) continue;
    h[nh].key = mmr_value(o, run->score[c], 0);
    h[nh++].id = (uint32_t)k;
  }
  precisI_heap_make(h, nh);
  while (nh > 0) {
    uint32_t c = order[h[0].id];
    double v;
    if ((double)(used + cost[c]) > limit ||
        (run->nsummary > 0 && maxsim[c] >= o->max_sim)) {
      precisI_heap_pop(h, &nh); /* never again */
      continue;
    }
    v = mmr_value(o, run->score[c], maxsim[c]);
    if (v != h[0].key) { /* it fell since: put it back in its place */
      h[0].key = v;
      precisI_heap_down(h, nh, 0);
      continue;
    }
    precisI_heap_pop(h, &nh);
    run->selected[c] = 1;
    run->summary[run->nsummary++] = c;
    used += cost[c];
    for (k = run->edge_off[c]; k < run->edge_off[c + 1]; k++) {
      const precisI_edge *e = &run->edges[k];
      if (e->cos > maxsim[e->to]) maxsim[e->to] = e->cos;
    }
    if ((double)used >= limit) break;
  }
  free(maxsim);
  free(h);
  return PRECIS_OK;
}

precis_status precisI_choose(precisI_run *run) {
  const precis_options *o = &run->s->opt;
  size_t n = run->ncand, i, k, target = 0, neligible = 0;
  uint32_t *order = NULL, *tmp = NULL;
  double limit = 0;
  size_t *cost = NULL;
  unsigned char *dup = NULL;
  precisI_budget budget;
  precis_status st = PRECIS_ENOMEM;
  if (run->rank == NULL) run->rank = precisI_alloc(n, sizeof *run->rank);
  if (run->eligible == NULL) run->eligible = precisI_calloc(n, 1);
  if (run->selected == NULL) run->selected = precisI_calloc(n, 1);
  if (run->summary == NULL) run->summary = precisI_alloc(n, sizeof *run->summary);
  order = precisI_alloc(n, sizeof *order);
  tmp = precisI_alloc(n, sizeof *tmp);
  cost = precisI_alloc(n, sizeof *cost);
  dup = precisI_alloc(n, 1);
  if (!order || !tmp || !run->rank || !run->eligible || !run->selected ||
      !run->summary || !cost || !dup)
    goto done;
  memset(run->selected, 0, n);
  run->nsummary = 0;
  for (i = 0; i < n; i++) order[i] = (uint32_t)i;
  sort_by_score(order, tmp, n, run->score);
  for (i = 0; i < n; i++) run->rank[order[i]] = (uint32_t)(i + 1);
  for (i = 0; i < n; i++) { /* the length bounds first: a copy that may be
                               selected beats a better one that may not */
    const precisI_unit *u = &precisI_vec_at(&run->units, precisI_unit, run->cand[i]);
    run->eligible[i] = u->words >= o->min_words &&
                       (o->max_words == 0 || u->words <= o->max_words);
    neligible += run->eligible[i];
    cost[i] = o->unit == PRECIS_UNIT_WORDS ? u->words
            : o->unit == PRECIS_UNIT_CHARS ? unit_chars(run, u) : 1;
  }
  if (neligible == 0) /* only short sentences: better those than nothing */
    memset(run->eligible, 1, n);
  if (precisI_near_duplicates(run, run->eligible, dup) != PRECIS_OK) goto done;
  for (i = 0; i < n; i++) if (dup[i]) run->eligible[i] = 0;
  switch (o->unit) {
    case PRECIS_UNIT_RATIO:
      target = (size_t)floor(o->budget * (double)n + 0.5);
      if (target < 1) target = 1;
      limit = (double)target;
      break;
    default: limit = o->budget; break;
  }
  budget.cost = cost;
  budget.limit = limit;
  switch (o->selector) {
    case PRECIS_SEL_SUMBASIC: st = precisI_select_sumbasic(run, &budget); break;
    case PRECIS_SEL_KLSUM: st = precisI_select_klsum(run, &budget); break;
    case PRECIS_SEL_SUBMODULAR: st = precisI_select_submodular(run, &budget); break;
    default: st = mmr(run, order, cost, limit); break;
  }
  if (st != PRECIS_OK) goto done;
  for (k = 0; run->nsummary == 0 && k < n; k++) /* nothing fits: the best */
    if (run->eligible[order[k]]) {
      run->selected[order[k]] = 1;
      run->summary[run->nsummary++] = order[k];
    }
  st = precisI_order_summary(run);
done:
  free(order);
  free(tmp);
  free(cost);
  free(dup);
  return st;
}

precis_status precisI_select(precisI_run *run, precis_error *err) {
  precis_status st = score_all(run);
  if (st == PRECIS_OK) st = precisI_choose(run);
  if (st != PRECIS_OK) return precisI_seterr(err, st, "out of memory");
  return PRECIS_OK;
}
