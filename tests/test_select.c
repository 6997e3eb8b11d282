/*
** test_select.c: the selectors against reference implementations. The
** core picks a summary with lazy greedy loops over heaps (select.c and the
** methods in scorers/); the straightforward versions below rescan every
** candidate for every pick, as the core did before. On many generated and
** real inputs, for every budget kind and every selector and method, with
** exact ties (equal scores, repeated sentences) and near-duplicates, both
** must give the same picks in the same order, the same eligibility and the
** same ranks.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "suites.h"

/* ---------------------------------------------------------------------
** The reference: every pick scans every candidate
** --------------------------------------------------------------------- */

#define MAX_SHINGLE_GROUP 64

typedef struct rslot {
  uint64_t h;
  uint32_t group;
} rslot;

typedef struct rindex {
  rslot *slots;
  size_t cap;
  uint32_t ngroups;
} rindex;

static uint64_t mix(uint64_t h, uint32_t t) {
  h ^= t + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  return h * 0xFF51AFD7ED558CCDull;
}

static uint32_t group_of(rindex *x, uint64_t h) {
  size_t i = (size_t)(h ^ (h >> 29)) & (x->cap - 1);
  for (;;) {
    rslot *s = &x->slots[i];
    if (s->group == UINT32_MAX) {
      s->h = h;
      s->group = x->ngroups++;
      return s->group;
    }
    if (s->h == h) return s->group;
    i = (i + 1) & (x->cap - 1);
  }
}

static uint32_t find(uint32_t *up, uint32_t x) {
  while (up[x] != x) { up[x] = up[up[x]]; x = up[x]; }
  return x;
}

static void join(uint32_t *up, uint32_t a, uint32_t b) {
  a = find(up, a);
  b = find(up, b);
  if (a != b) up[a < b ? b : a] = a < b ? a : b;
}

static size_t sort_unique(uint32_t *a, size_t n) {
  size_t i, j, m = 0;
  for (i = 1; i < n; i++) {
    uint32_t v = a[i];
    for (j = i; j > 0 && a[j - 1] > v; j--) a[j] = a[j - 1];
    a[j] = v;
  }
  for (i = 0; i < n; i++) if (m == 0 || a[m - 1] != a[i]) a[m++] = a[i];
  return m;
}

static void *must(void *p) {
  if (p == NULL) ck_abort_msg("out of memory");
  return p;
}

/* near-duplicate groups: every sentence against every later one that
** shares a shingle */
static void ref_near_duplicates(precisI_run *run, const unsigned char *ok,
                                unsigned char *dup) {
  double thr = run->s->opt.near_dup;
  const uint32_t *terms = run->terms.p;
  size_t n = run->ncand, i, k, total = 0, q;
  rindex x = {NULL, 0, 0};
  uint32_t *sg, *sg_off, *whole, *gsize, *goff, *gmem, *cursor, *shared, *touched, *up, *best;
  memset(dup, 0, n);
  if (thr <= 0 || n < 2) return;
  for (i = 0; i < n; i++) {
    uint32_t nt = precisI_vec_at(&run->units, precisI_unit, run->cand[i]).ntok;
    total += nt < 3 ? (nt ? 1 : 0) : nt - 2;
  }
  for (x.cap = 64; x.cap < 2 * (total + n); x.cap *= 2) {}
  x.slots = must(malloc(x.cap * sizeof *x.slots));
  sg = must(malloc((total + 1) * sizeof *sg));
  sg_off = must(malloc((n + 1) * sizeof *sg_off));
  whole = must(malloc(n * sizeof *whole));
  up = must(malloc(n * sizeof *up));
  best = must(malloc(n * sizeof *best));
  shared = must(calloc(n, sizeof *shared));
  touched = must(malloc(n * sizeof *touched));
  for (k = 0; k < x.cap; k++) x.slots[k].group = UINT32_MAX;
  for (i = 0, q = 0; i < n; i++) {
    const precisI_unit *u = &precisI_vec_at(&run->units, precisI_unit, run->cand[i]);
    size_t m = u->ntok < 3 ? (u->ntok ? 1 : 0) : u->ntok - 2, w = u->ntok < 3 ? u->ntok : 3;
    uint64_t all = 0x51ED;
    sg_off[i] = (uint32_t)q;
    for (k = 0; k < m; k++) {
      uint64_t h = 0x12345;
      size_t j;
      for (j = 0; j < w; j++) h = mix(h, terms[u->tok + k + j]);
      sg[q + k] = group_of(&x, h);
    }
    q += sort_unique(sg + q, m);
    for (k = 0; k < u->ntok; k++) all = mix(all, terms[u->tok + k]);
    if (u->ntok == 0) {
      const char *t = run->src[u->doc].text;
      for (k = u->start; k < u->end; k++) all = mix(all, (unsigned char)t[k]);
    }
    whole[i] = group_of(&x, all ^ 0xA11);
  }
  sg_off[n] = (uint32_t)q;
  gsize = must(calloc(x.ngroups + 1, sizeof *gsize));
  goff = must(malloc((x.ngroups + 1) * sizeof *goff));
  cursor = must(malloc((x.ngroups + 1) * sizeof *cursor));
  gmem = must(malloc((q + n) * sizeof *gmem));
  for (k = 0; k < q; k++) gsize[sg[k]]++;
  for (i = 0; i < n; i++) gsize[whole[i]]++;
  for (goff[0] = 0, k = 0; k < x.ngroups; k++) goff[k + 1] = goff[k] + gsize[k];
  memcpy(cursor, goff, x.ngroups * sizeof *cursor);
  for (i = 0; i < n; i++) {
    for (k = sg_off[i]; k < sg_off[i + 1]; k++) gmem[cursor[sg[k]]++] = (uint32_t)i;
    gmem[cursor[whole[i]]++] = (uint32_t)i;
  }
  for (i = 0; i < n; i++) up[i] = (uint32_t)i;
  for (i = 0; i < n; i++)
    if (gmem[goff[whole[i]]] != i) join(up, (uint32_t)i, gmem[goff[whole[i]]]);
  memcpy(cursor, goff, x.ngroups * sizeof *cursor);
  for (i = 0; i < n; i++) {
    size_t nt = 0, m;
    for (k = sg_off[i]; k < sg_off[i + 1]; k++) {
      uint32_t g = sg[k];
      size_t p = cursor[g]++;
      if (gsize[g] > MAX_SHINGLE_GROUP) continue;
      for (p++; p < goff[g + 1]; p++) {
        uint32_t j = gmem[p];
        if (shared[j]++ == 0) touched[nt++] = j;
      }
    }
    for (m = 0; m < nt; m++) {
      uint32_t j = touched[m];
      double a = sg_off[i + 1] - sg_off[i], b = sg_off[j + 1] - sg_off[j];
      if (shared[j] / (a + b - shared[j]) >= thr) join(up, (uint32_t)i, j);
      shared[j] = 0;
    }
  }
  for (i = 0; i < n; i++) best[i] = UINT32_MAX;
  for (i = 0; i < n; i++) {
    uint32_t r = find(up, (uint32_t)i), b = best[r];
    if (b == UINT32_MAX || (ok[i] && !ok[b]) ||
        (ok[i] == ok[b] && run->rank[i] < run->rank[b]))
      best[r] = (uint32_t)i;
  }
  for (i = 0; i < n; i++) dup[i] = best[find(up, (uint32_t)i)] != i;
  free(x.slots); free(sg); free(sg_off); free(whole); free(up); free(best);
  free(shared); free(touched); free(gsize); free(goff); free(cursor); free(gmem);
}

static double *ref_probabilities(const precisI_run *run) {
  size_t total, k;
  uint32_t *tf = must(precisI_term_counts(run, &total));
  double *p = must(malloc((run->nterms + 1) * sizeof *p));
  for (k = 0; k < run->nterms; k++) p[k] = total ? (double)tf[k] / (double)total : 0;
  free(tf);
  return p;
}

static double ref_mean_p(const precisI_run *run, const double *p, size_t i) {
  size_t k, n = 0;
  double s = 0;
  for (k = run->vec_off[i]; k < run->vec_off[i + 1]; k++) {
    s += p[run->vec[k].term] * run->vec[k].tf;
    n += run->vec[k].tf;
  }
  return n ? s / (double)n : 0;
}

/* SumBasic: the best sentence that holds the most probable word */
static void ref_sumbasic(precisI_run *run, const size_t *cost, double limit) {
  double *p = ref_probabilities(run);
  size_t used = 0, i, k;
  for (;;) {
    uint32_t top = UINT32_MAX;
    size_t best = SIZE_MAX;
    double bestv = -1;
    for (i = 0; i < run->ncand; i++) {
      if (!run->eligible[i] || run->selected[i] || (double)(used + cost[i]) > limit) continue;
      for (k = run->vec_off[i]; k < run->vec_off[i + 1]; k++) {
        uint32_t t = run->vec[k].term;
        if (top == UINT32_MAX || p[t] > p[top] || (p[t] == p[top] && t < top)) top = t;
      }
    }
    if (top == UINT32_MAX) break;
    for (i = 0; i < run->ncand; i++) {
      int has = 0;
      double m;
      if (!run->eligible[i] || run->selected[i] || (double)(used + cost[i]) > limit) continue;
      for (k = run->vec_off[i]; k < run->vec_off[i + 1]; k++)
        if (run->vec[k].term == top) has = 1;
      if (!has) continue;
      m = ref_mean_p(run, p, i);
      if (m > bestv) { bestv = m; best = i; }
    }
    if (best == SIZE_MAX) break;
    run->selected[best] = 1;
    run->summary[run->nsummary++] = (uint32_t)best;
    used += cost[best];
    for (k = run->vec_off[best]; k < run->vec_off[best + 1]; k++)
      p[run->vec[k].term] *= p[run->vec[k].term];
    if ((double)used >= limit) break;
  }
  free(p);
}

#define KL_SMOOTH 0.001

/* KL-Sum: the sentence that brings the summary's words closest to the
** input's */
static void ref_klsum(precisI_run *run, const size_t *cost, double limit) {
  size_t total, used = 0, i, k, nsupport = 0;
  uint32_t *tf = must(precisI_term_counts(run, &total));
  double *count = must(calloc(run->nterms + 1, sizeof *count)), slen = 0;
  for (k = 0; k < run->nterms; k++) nsupport += tf[k] > 0;
  for (;;) {
    size_t best = SIZE_MAX;
    double bestkl = HUGE_VAL;
    for (i = 0; i < run->ncand; i++) {
      double gain = 0, len = slen, kl;
      if (!run->eligible[i] || run->selected[i] || (double)(used + cost[i]) > limit) continue;
      for (k = run->vec_off[i]; k < run->vec_off[i + 1]; k++) {
        uint32_t t = run->vec[k].term;
        double p = (double)tf[t] / (double)total;
        gain += p * (log(count[t] + run->vec[k].tf + KL_SMOOTH) - log(count[t] + KL_SMOOTH));
        len += run->vec[k].tf;
      }
      kl = log(len + KL_SMOOTH * (double)nsupport) - gain;
      if (kl < bestkl) { bestkl = kl; best = i; }
    }
    if (best == SIZE_MAX) break;
    run->selected[best] = 1;
    run->summary[run->nsummary++] = (uint32_t)best;
    used += cost[best];
    for (k = run->vec_off[best]; k < run->vec_off[best + 1]; k++) {
      count[run->vec[k].term] += run->vec[k].tf;
      slen += run->vec[k].tf;
    }
    if ((double)used >= limit) break;
  }
  free(tf);
  free(count);
}

#define KMEANS_ITER 8
#define KMEANS_MAX 50

static void ref_kmeans(const precisI_run *run, size_t K, uint32_t *part) {
  size_t n = run->ncand, i, k, c, it;
  double *cent = must(calloc(K * run->nterms + 1, sizeof *cent));
  double *cnorm = must(malloc(K * sizeof *cnorm));
  for (i = 0; i < n; i++) part[i] = (uint32_t)(i * K / n);
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
}

/* Lin & Bilmes: greedy by gain / cost^r, then the best single sentence */
static void ref_submodular(precisI_run *run, const size_t *cost, double limit) {
  const precis_options *o = &run->s->opt;
  size_t n = run->ncand, i, k, used = 0, K;
  double alpha = o->sub_alpha / (double)n, F = 0;
  double *cov = must(calloc(n, sizeof *cov));
  double *cap = must(malloc(n * sizeof *cap));
  double *r = must(malloc(n * sizeof *r));
  double *rsum;
  uint32_t *part = must(malloc(n * sizeof *part));
  size_t single = SIZE_MAX;
  double single_f = -1;
  K = n / 5 ? n / 5 : 1;
  if (K > KMEANS_MAX) K = KMEANS_MAX;
  rsum = must(calloc(K, sizeof *rsum));
  ref_kmeans(run, K, part);
  for (i = 0; i < n; i++) {
    double s = 1.0;
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
      if (run->nsummary == 0 && gain > single_f && (double)cost[i] <= limit) {
        single_f = gain;
        single = i;
      }
      if ((double)(used + cost[i]) > limit) continue;
      {
        double scaled = gain / pow((double)(cost[i] ? cost[i] : 1), o->sub_r);
        if (best == SIZE_MAX || scaled > bestv) { bestv = scaled; best = i; bestgain = gain; }
      }
    }
    if (best == SIZE_MAX || bestgain <= 0) break;
    run->selected[best] = 1;
    run->summary[run->nsummary++] = (uint32_t)best;
    used += cost[best];
    F += bestgain;
    cov[best] += 1.0;
    for (k = run->edge_off[best]; k < run->edge_off[best + 1]; k++)
      cov[run->edges[k].to] += run->edges[k].cos;
    rsum[part[best]] += r[best];
    if ((double)used >= limit) break;
  }
  if (single != SIZE_MAX && single_f > F) {
    for (k = 0; k < run->nsummary; k++) run->selected[run->summary[k]] = 0;
    run->nsummary = 0;
    run->selected[single] = 1;
    run->summary[run->nsummary++] = (uint32_t)single;
  }
  free(cov); free(cap); free(r); free(rsum); free(part);
}

static int ref_before(const double *score, uint32_t x, uint32_t y) {
  if (score[x] != score[y]) return score[x] > score[y];
  return x < y;
}

static size_t ref_chars(const precisI_run *run, const precisI_unit *u) {
  const char *t = run->src[u->doc].text;
  size_t i, c = 0;
  for (i = u->start; i < u->end; i++) c += ((unsigned char)t[i] & 0xC0) != 0x80;
  return c;
}

/* rank, eligibility, near-duplicates, budget, then the selector; MMR
** scans every candidate in rank order for every pick */
static void ref_choose(precisI_run *run) {
  const precis_options *o = &run->s->opt;
  size_t n = run->ncand, i, k, target, used = 0, neligible = 0;
  uint32_t *order = must(malloc(n * sizeof *order));
  double *maxsim = must(calloc(n, sizeof *maxsim)), limit;
  size_t *cost = must(malloc(n * sizeof *cost));
  unsigned char *dup = must(malloc(n));
  memset(run->selected, 0, n);
  run->nsummary = 0;
  for (i = 0; i < n; i++) { /* insertion into rank order: stable */
    uint32_t c = (uint32_t)i;
    for (k = i; k > 0 && ref_before(run->score, c, order[k - 1]); k--) order[k] = order[k - 1];
    order[k] = c;
  }
  for (i = 0; i < n; i++) run->rank[order[i]] = (uint32_t)(i + 1);
  for (i = 0; i < n; i++) {
    const precisI_unit *u = &precisI_vec_at(&run->units, precisI_unit, run->cand[i]);
    run->eligible[i] = u->words >= o->min_words &&
                       (o->max_words == 0 || u->words <= o->max_words);
    neligible += run->eligible[i];
    cost[i] = o->unit == PRECIS_UNIT_WORDS ? u->words
            : o->unit == PRECIS_UNIT_CHARS ? ref_chars(run, u) : 1;
  }
  if (neligible == 0) memset(run->eligible, 1, n);
  ref_near_duplicates(run, run->eligible, dup);
  for (i = 0; i < n; i++) if (dup[i]) run->eligible[i] = 0;
  if (o->unit == PRECIS_UNIT_RATIO) {
    target = (size_t)floor(o->budget * (double)n + 0.5);
    if (target < 1) target = 1;
    limit = (double)target;
  } else {
    limit = o->budget;
  }
  switch (o->selector) {
    case PRECIS_SEL_SUMBASIC: ref_sumbasic(run, cost, limit); break;
    case PRECIS_SEL_KLSUM: ref_klsum(run, cost, limit); break;
    case PRECIS_SEL_SUBMODULAR: ref_submodular(run, cost, limit); break;
    default:
      for (;;) {
        size_t best = SIZE_MAX;
        double bestv = -HUGE_VAL;
        for (k = 0; k < n; k++) {
          uint32_t c = order[k];
          double mmr;
          if (!run->eligible[c] || run->selected[c]) continue;
          if (run->nsummary > 0 && maxsim[c] >= o->max_sim) continue;
          if ((double)(used + cost[c]) > limit) continue;
          mmr = o->lambda * run->score[c] - (1.0 - o->lambda) * maxsim[c];
          if (mmr > bestv) { bestv = mmr; best = c; }
        }
        if (best == SIZE_MAX) break;
        run->selected[best] = 1;
        run->summary[run->nsummary++] = (uint32_t)best;
        used += cost[best];
        for (k = run->edge_off[best]; k < run->edge_off[best + 1]; k++) {
          const precisI_edge *e = &run->edges[k];
          if (e->cos > maxsim[e->to]) maxsim[e->to] = e->cos;
        }
        if ((double)used >= limit) break;
      }
      break;
  }
  for (k = 0; run->nsummary == 0 && k < n; k++)
    if (run->eligible[order[k]]) {
      run->selected[order[k]] = 1;
      run->summary[run->nsummary++] = order[k];
    }
  ck_assert_int_eq(precisI_order_summary(run), PRECIS_OK);
  free(order); free(maxsim); free(cost); free(dup);
}

/* ---------------------------------------------------------------------
** The comparison
** --------------------------------------------------------------------- */

/* a run's selection arrays, swapped in so that each side writes its own */
typedef struct side {
  precisI_run run;
  precis_summarizer s;
} side;

static void side_open(side *x, const precisI_run *run, const precis_summarizer *s) {
  size_t n = run->ncand;
  x->run = *run;
  x->s = *s;
  x->run.s = &x->s;
  x->run.rank = must(malloc(n * sizeof *x->run.rank));
  x->run.eligible = must(calloc(n, 1));
  x->run.selected = must(calloc(n, 1));
  x->run.summary = must(malloc(n * sizeof *x->run.summary));
  x->run.nsummary = 0;
}

static void side_close(side *x) {
  free(x->run.rank);
  free(x->run.eligible);
  free(x->run.selected);
  free(x->run.summary);
}

/* one way of choosing: the budget, the selector and what MMR reads */
typedef struct choice {
  precis_unit unit;
  double budget;
  int selector;
  double lambda, max_sim, near_dup;
  size_t min_words, max_words;
} choice;

static const char *const sel_names[] = {"mmr", "sumbasic", "klsum", "submodular"};
static const char *const unit_names[] = {"sentences", "words", "chars", "ratio"};

static void compare(const char *what, const precisI_run *run, const choice *c) {
  side a, b;
  size_t i, n = run->ncand;
  char label[256];
  precis_status st;
  side_open(&a, run, run->s);
  side_open(&b, run, run->s);
  a.s.opt.unit = b.s.opt.unit = c->unit;
  a.s.opt.budget = b.s.opt.budget = c->budget;
  a.s.opt.selector = b.s.opt.selector = c->selector;
  a.s.opt.lambda = b.s.opt.lambda = c->lambda;
  a.s.opt.max_sim = b.s.opt.max_sim = c->max_sim;
  a.s.opt.near_dup = b.s.opt.near_dup = c->near_dup;
  a.s.opt.min_words = b.s.opt.min_words = c->min_words;
  a.s.opt.max_words = b.s.opt.max_words = c->max_words;
  snprintf(label, sizeof label,
           "%s (%zu sentences): %s, %s %g, lambda %g, max_sim %g, near_dup %g, words %zu-%zu",
           what, n, sel_names[c->selector], unit_names[c->unit], c->budget, c->lambda,
           c->max_sim, c->near_dup, c->min_words, c->max_words);
  st = precisI_choose(&a.run);
  if (st != PRECIS_OK) ck_abort_msg("%s: %s", label, precis_status_name(st));
  ref_choose(&b.run);
  /* plain tests first: every ck_assert leaves a mark, and these run often */
  for (i = 0; i < n; i++)
    if (a.run.rank[i] != b.run.rank[i] || a.run.eligible[i] != b.run.eligible[i] ||
        a.run.selected[i] != b.run.selected[i])
      ck_abort_msg("%s: sentence %zu: rank %u, eligible %d, selected %d; want %u, %d, %d",
                   label, i, a.run.rank[i], a.run.eligible[i], a.run.selected[i],
                   b.run.rank[i], b.run.eligible[i], b.run.selected[i]);
  if (a.run.nsummary != b.run.nsummary)
    ck_abort_msg("%s: %zu picks, want %zu", label, a.run.nsummary, b.run.nsummary);
  for (i = 0; i < a.run.nsummary; i++)
    if (a.run.summary[i] != b.run.summary[i])
      ck_abort_msg("%s: pick %zu is %u, want %u", label, i, a.run.summary[i],
                   b.run.summary[i]);
  side_close(&a);
  side_close(&b);
}

/* the budgets of each kind, from one sentence to the whole input */
static const struct { precis_unit unit; double budget; } budgets[] = {
  {PRECIS_UNIT_SENTENCES, 1}, {PRECIS_UNIT_SENTENCES, 3}, {PRECIS_UNIT_SENTENCES, 10},
  {PRECIS_UNIT_SENTENCES, 1e9}, {PRECIS_UNIT_WORDS, 5}, {PRECIS_UNIT_WORDS, 60},
  {PRECIS_UNIT_WORDS, 400}, {PRECIS_UNIT_WORDS, 1e9}, {PRECIS_UNIT_CHARS, 30},
  {PRECIS_UNIT_CHARS, 500}, {PRECIS_UNIT_CHARS, 5000}, {PRECIS_UNIT_RATIO, 0.01},
  {PRECIS_UNIT_RATIO, 0.1}, {PRECIS_UNIT_RATIO, 0.3}, {PRECIS_UNIT_RATIO, 1},
};

/* every selector under every budget; MMR also under other trade-offs,
** thresholds and near-duplicate settings. `big` keeps the quadratic
** references to the budgets that stay affordable; `mmr_only` leaves the
** other selectors out (they read no scores: one mix is enough for them) */
static void compare_all(const char *what, const precisI_run *run, int big, int mmr_only) {
  size_t b, sel, v;
  static const double mmr_variants[][3] = { /* lambda, max_sim, near_dup */
    {0.85, 0.9, 0.5}, {0.5, 0.3, 0.5}, {0, 1, 0.5}, {1, 0.9, 0}, {0.85, 0.9, 0},
    {0.7, 0.1, 0.9}, {0.3, 0.6, 0.2},
  };
  for (b = 0; b < N_ELEMS(budgets); b++) {
    choice c;
    c.unit = budgets[b].unit;
    c.budget = budgets[b].budget;
    c.min_words = 4;
    c.max_words = 80;
    for (sel = 0; sel < PRECIS_NSELECTORS; sel++) {
      size_t nv = sel == PRECIS_SEL_MMR ? N_ELEMS(mmr_variants) : 2;
      if (sel != PRECIS_SEL_MMR &&
          (mmr_only || (big && (c.budget >= 1e9 ||
                                (c.unit == PRECIS_UNIT_RATIO && c.budget > 0.1)))))
        continue;
      c.selector = (int)sel;
      for (v = 0; v < nv; v++) {
        c.lambda = mmr_variants[v][0];
        c.max_sim = mmr_variants[v][1];
        c.near_dup = sel == PRECIS_SEL_MMR ? mmr_variants[v][2] : v == 0 ? 0.5 : 0;
        if (big && v > 2) break;
        compare(what, run, &c);
      }
    }
    c.selector = PRECIS_SEL_MMR; /* every length allowed, and none */
    c.lambda = 0.85;
    c.max_sim = 0.9;
    c.near_dup = 0.5;
    c.min_words = 1;
    c.max_words = 0;
    compare(what, run, &c);
    c.min_words = 1000;
    compare(what, run, &c);
  }
}

/* the scorer mixes the selectors see: each gives other ties */
static const char *const mixes[] = {"default", "length", "position", "textrank", "lsa"};

static precis_summarizer *summarizer(const char *mix) {
  precis_options *o = NULL;
  precis_summarizer *s;
  if (strcmp(mix, "default") == 0) {
    ck_assert_int_eq(precis_options_new(&o, NULL), PRECIS_OK);
  } else {
    o = t_options_only(mix);
  }
  ck_assert_int_eq(precis_options_set_language(o, "english", NULL), PRECIS_OK);
  s = t_summarizer(o);
  precis_options_free(o);
  return s;
}

/* Near-duplicate groups key a shingle by its terms while their numbers
** fit in 21 bits and hash it past that: both ways group alike, which a
** run this small shows when it is told it has 2^21 terms. */
static void compare_shingle_keys(const char *what, precisI_run *run) {
  size_t n = run->ncand, nterms = run->nterms, i;
  uint32_t *packed;
  if (run->s->opt.near_dup <= 0 || n < 2) return;
  ck_assert_int_eq(precisI_dup_groups(run), PRECIS_OK);
  packed = must(malloc(n * sizeof *packed));
  memcpy(packed, run->dup_root, n * sizeof *packed);
  run->nterms = (size_t)1 << 21;
  ck_assert_int_eq(precisI_dup_groups(run), PRECIS_OK);
  run->nterms = nterms;
  for (i = 0; i < n; i++)
    if (run->dup_root[i] != packed[i])
      ck_abort_msg("%s: sentence %zu: group %u with hashed shingles, %u with their terms",
                   what, i, run->dup_root[i], packed[i]);
  free(packed);
}

/* every mix, every choice, on these documents */
static void compare_docs(const char *what, const precis_text *docs, size_t ndocs, int big) {
  size_t m;
  for (m = 0; m < N_ELEMS(mixes); m++) {
    precis_summarizer *s = summarizer(mixes[m]);
    precisI_run run;
    precis_error err;
    char label[160];
    precis_status st = precisI_run_scored(s, docs, ndocs, &run, &err);
    snprintf(label, sizeof label, "%s, %s", what, mixes[m]);
    if (st == PRECIS_EEMPTY) { /* nothing to choose from */
      precisI_run_free(&run);
      precis_summarizer_free(s);
      continue;
    }
    ck_assert_msg(st == PRECIS_OK, "%s: %s", label, err.message);
    compare_all(label, &run, big, m > 1);
    compare_shingle_keys(label, &run);
    precisI_run_free(&run);
    precis_summarizer_free(s);
    if (big) break; /* the default mix alone on the large inputs */
  }
}

/* ---------------------------------------------------------------------
** Generated inputs: few words, so that scores tie and sentences repeat
** --------------------------------------------------------------------- */

static unsigned next_rand(unsigned *state) {
  *state = *state * 1103515245u + 12345u;
  return (*state >> 16) & 0x7FFF;
}

static const char *const words[] = {
  "harbour", "bridge", "council", "ferry", "storm", "repair", "budget", "vote",
  "river", "school", "library", "flood", "road", "mayor", "report", "crew",
  "tide", "cost", "plan", "week",
};
static const char *const fillers[] = {"the", "a", "of", "and", "to", "was", "on", "it"};

/* appends one sentence of n words to buf; returns its length */
static size_t sentence(char *buf, unsigned *state, size_t nwords, size_t nvocab) {
  size_t len = 0, w;
  for (w = 0; w < nwords; w++) {
    const char *x = next_rand(state) % 3 == 0 ? fillers[next_rand(state) % N_ELEMS(fillers)]
                                              : words[next_rand(state) % nvocab];
    size_t m = strlen(x);
    if (w > 0) buf[len++] = ' ';
    memcpy(buf + len, x, m);
    if (w == 0) buf[len] = (char)(buf[len] - 'a' + 'A');
    len += m;
  }
  buf[len++] = '.';
  buf[len++] = ' ';
  return len;
}

/* A document of about `nsent` sentences: short and long ones, exact
** repeats, repeats with one word changed, paragraphs. */
static char *generate(unsigned *state, size_t nsent, size_t nvocab, size_t *len) {
  size_t cap = nsent * 200 + 64, n = 0, k;
  char *buf = must(malloc(cap));
  size_t *starts = must(malloc((nsent + 1) * sizeof *starts));
  size_t *ends = must(malloc((nsent + 1) * sizeof *ends));
  for (k = 0; k < nsent; k++) {
    unsigned r = next_rand(state) % 10;
    starts[k] = n;
    if (k > 0 && r == 0) { /* a repeat */
      size_t j = next_rand(state) % k;
      memmove(buf + n, buf + starts[j], ends[j] - starts[j]);
      n += ends[j] - starts[j];
    } else if (k > 0 && r == 1) { /* a repeat with one word changed */
      size_t j = next_rand(state) % k, m = ends[j] - starts[j], at;
      memmove(buf + n, buf + starts[j], m);
      for (at = n + m / 2; at < n + m && buf[at] != ' '; at++) {}
      if (at + 1 < n + m && buf[at + 1] >= 'a' && buf[at + 1] <= 'z') buf[at + 1] = 'x';
      n += m;
    } else {
      size_t nw = 2 + next_rand(state) % (r == 2 ? 40 : 14);
      n += sentence(buf + n, state, nw, nvocab);
    }
    ends[k] = n;
    if (next_rand(state) % 6 == 0) buf[n++] = '\n', buf[n++] = '\n';
  }
  free(starts);
  free(ends);
  *len = n;
  return buf;
}

START_TEST(generated_inputs) {
  /* sizes around the exact graph's limit too (PRECIS_EXACT_GRAPH_NODES) */
  static const size_t sizes[] = {1, 2, 5, 12, 40, 150};
  unsigned state = 2024u + (unsigned)_i * 7919u;
  size_t k;
  for (k = 0; k < N_ELEMS(sizes); k++) {
    precis_text docs[3];
    char *bufs[3], what[96];
    size_t d, ndocs = 1 + next_rand(&state) % 3, nvocab = 4 + next_rand(&state) % 17;
    for (d = 0; d < ndocs; d++) {
      docs[d].data = bufs[d] = generate(&state, sizes[k], nvocab, &docs[d].len);
      docs[d].name = "generated";
    }
    snprintf(what, sizeof what, "generated #%d, %zu x %zu sentences, %zu words", _i,
             ndocs, sizes[k], nvocab);
    compare_docs(what, docs, ndocs, 0);
    for (d = 0; d < ndocs; d++) free(bufs[d]);
  }
}
END_TEST

START_TEST(generated_large) { /* past the exact graph: bounded edges */
  unsigned state = 77u;
  precis_text doc;
  char *t = generate(&state, 2600, 20, &doc.len);
  doc.data = t;
  doc.name = "generated";
  compare_docs("generated, 2600 sentences", &doc, 1, 1);
  free(t);
}
END_TEST

/* ---------------------------------------------------------------------
** Real text: the fixtures, the scraped pages, and the BBC articles of the
** evaluation data when they are there
** --------------------------------------------------------------------- */

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf;
  long size;
  if (f == NULL) return NULL;
  if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0) { fclose(f); return NULL; }
  rewind(f);
  buf = must(malloc((size_t)size + 1));
  *len = fread(buf, 1, (size_t)size, f);
  fclose(f);
  return buf;
}

START_TEST(real_fixtures) {
  static const char *const paths[] = {
    "tests/fixtures/library-flood.txt", "tests/fixtures/library-followup.txt",
    "spec/fixtures/canal-report.txt", "spec/fixtures/orchard.txt",
    "spec/fixtures/orchard-followup.txt", "eval/web/longform-en.txt",
    "eval/web/wire-en.txt", "eval/web/report-en.txt", "eval/web/review-en.txt",
    "eval/web/wiki-en.txt", "eval/web/forum-en.txt", "eval/web/news-de.txt",
    "eval/web/news-ja.txt",
  };
  precis_text docs[N_ELEMS(paths)];
  char *texts[N_ELEMS(paths)];
  size_t k, n = 0;
  for (k = 0; k < N_ELEMS(paths); k++) {
    size_t len = 0;
    char *t = slurp(paths[k], &len);
    if (t == NULL) continue; /* a page renamed: the others still count */
    docs[n].data = texts[n] = t;
    docs[n].len = len;
    docs[n].name = paths[k];
    compare_docs(paths[k], &docs[n], 1, 0);
    n++;
  }
  ck_assert_uint_ge(n, 5);
  compare_docs("the fixtures as one story", docs, 5, 0);
  for (k = 0; k < n; k++) free(texts[k]);
}
END_TEST

/* BBC News articles in $PRECIS_DATA/bbc/docs (default ../shared/data):
** each alone, in threes as one story, and 260 of them as one input */
START_TEST(real_bbc) {
  static const char *const cats[] = {"business", "entertainment", "politics", "sport", "tech"};
  const char *data = getenv("PRECIS_DATA");
  precis_text docs[260];
  char *texts[260];
  size_t n = 0, k, c;
  char path[512];
  if (data == NULL) data = "../shared/data";
  for (k = 1; n < N_ELEMS(docs) && k < 400; k++)
    for (c = 0; c < N_ELEMS(cats) && n < N_ELEMS(docs); c++) {
      size_t len;
      char *t;
      snprintf(path, sizeof path, "%s/bbc/docs/%s_%03zu.txt", data, cats[c], k);
      if ((t = slurp(path, &len)) == NULL) continue;
      docs[n].data = texts[n] = t;
      docs[n].len = len;
      docs[n].name = "bbc";
      n++;
    }
  if (n == 0) {
    fprintf(stderr, "select: no BBC articles under %s/bbc/docs; compared on the others\n",
            data);
    return;
  }
  for (k = 0; k < n && k < 25; k++) compare_docs("a BBC article", &docs[k], 1, 0);
  for (k = 0; k + 3 <= n && k < 15; k += 3) compare_docs("three BBC articles", &docs[k], 3, 0);
  if (n == N_ELEMS(docs)) {
    size_t total = 0, o = 0;
    char *all;
    precis_text one;
    for (k = 0; k < n; k++) total += docs[k].len + 2;
    all = must(malloc(total));
    for (k = 0; k < n; k++) {
      memcpy(all + o, docs[k].data, docs[k].len);
      o += docs[k].len;
      all[o++] = '\n';
      all[o++] = '\n';
    }
    one.data = all;
    one.len = o;
    one.name = "bbc";
    compare_docs("260 BBC articles as one text", &one, 1, 1);
    free(all);
  }
  for (k = 0; k < n; k++) free(texts[k]);
}
END_TEST

Suite *select_suite(void) {
  Suite *s = suite_create("select");
  TCase *gen = tcase_create("generated"), *big = tcase_create("large");
  TCase *real = tcase_create("fixtures"), *bbc = tcase_create("bbc");
  tcase_add_loop_test(gen, generated_inputs, 0, 6);
  tcase_add_test(big, generated_large);
  tcase_add_test(real, real_fixtures);
  tcase_add_test(bbc, real_bbc);
  tcase_set_timeout(gen, 300);
  tcase_set_timeout(big, 300);
  tcase_set_timeout(real, 300);
  tcase_set_timeout(bbc, 300);
  suite_add_tcase(s, gen);
  suite_add_tcase(s, big);
  suite_add_tcase(s, real);
  suite_add_tcase(s, bbc);
  return s;
}
