/*
** model.c: term statistics over the candidate sentences, their tf-idf
** vectors, and the sentence similarity graph, built through an inverted
** index so that only sentences sharing a term are ever compared.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

/* candidates: every sentence unit, with its document and position */
static precis_status candidates(precisI_run *run) {
  size_t k, n = 0;
  uint32_t doc = UINT32_MAX, pos = 0;
  for (k = 0; k < run->units.n; k++)
    if (precisI_vec_at(&run->units, precisI_unit, k).kind == PRECIS_KIND_SENTENCE) n++;
  run->cand = precisI_alloc(n, sizeof *run->cand);
  run->cand_doc = precisI_alloc(n, sizeof *run->cand_doc);
  run->cand_pos = precisI_alloc(n, sizeof *run->cand_pos);
  run->title = precisI_alloc(run->ndocs, sizeof *run->title);
  if (!run->cand || !run->cand_doc || !run->cand_pos || !run->title)
    return PRECIS_ENOMEM;
  for (k = 0; k < run->ndocs; k++) run->title[k] = UINT32_MAX;
  for (k = 0; k < run->units.n; k++) {
    precisI_unit *u = &precisI_vec_at(&run->units, precisI_unit, k);
    if (u->kind == PRECIS_KIND_TITLE) run->title[u->doc] = (uint32_t)k;
    if (u->kind != PRECIS_KIND_SENTENCE) continue;
    if (u->doc != doc) { doc = u->doc; pos = 0; }
    u->cand = (uint32_t)run->ncand;
    run->cand[run->ncand] = (uint32_t)k;
    run->cand_doc[run->ncand] = u->doc;
    run->cand_pos[run->ncand++] = pos++;
  }
  return PRECIS_OK;
}

/* the counts below this have their logarithm kept when first taken */
#define SMALL 64

/* tf vectors (sorted by term) and document frequencies */
static precis_status vectors(precisI_run *run) {
  size_t i, total = 0, maxlen = 0, o = 0;
  uint32_t *tmp, *t;
  const uint32_t *terms = run->terms.p;
  for (i = 0; i < run->ncand; i++) {
    const precisI_unit *u = &precisI_vec_at(&run->units, precisI_unit, run->cand[i]);
    total += u->ntok;
    if (u->ntok > maxlen) maxlen = u->ntok;
  }
  run->df = precisI_calloc(run->nterms, sizeof *run->df);
  run->idf = precisI_alloc(run->nterms, sizeof *run->idf);
  run->vec = precisI_alloc(total, sizeof *run->vec);
  run->vec_off = precisI_alloc(run->ncand + 1, sizeof *run->vec_off);
  run->norm = precisI_alloc(run->ncand, sizeof *run->norm);
  tmp = precisI_alloc(maxlen + 1, sizeof *tmp);
  if (!run->df || !run->idf || !run->vec || !run->vec_off || !run->norm || !tmp) {
    free(tmp);
    return PRECIS_ENOMEM;
  }
  tmp[0] = 0;
  t = tmp + 1;
  for (i = 0; i < run->ncand; i++) {
    const precisI_unit *u = &precisI_vec_at(&run->units, precisI_unit, run->cand[i]);
    size_t k;
    run->vec_off[i] = o;
    if (u->ntok == 0) continue;
    memcpy(t, terms + u->tok, u->ntok * sizeof *t);
    if (u->ntok > 24) qsort(t, u->ntok, sizeof *t, cmp_u32);
    else { /* most sentences: insertion sort beats qsort's overhead; t[-1]
              is 0, which no term is above, so it stops every shift */
      size_t a;
      for (a = 1; a < u->ntok; a++) {
        uint32_t x = t[a], *p = t + a;
        if (p[-1] <= x) continue;
        do { p[0] = p[-1]; p--; } while (p[-1] > x); /* p > t: stops at tmp[0] */
        p[0] = x;
      }
    }
    for (k = 0; k < u->ntok; k++) {
      if (k > 0 && t[k] == t[k - 1]) { run->vec[o - 1].tf++; continue; }
      run->vec[o].term = t[k];
      run->vec[o].tf = 1;
      run->df[t[k]]++;
      o++;
    }
  }
  run->vec_off[run->ncand] = o;
  free(tmp);
  { /* smoothed: a term in every sentence keeps weight; most terms are in
    ** few sentences, so the idf of a small df is taken once */
    double small[SMALL];
    memset(small, 0, sizeof small);
    for (i = 0; i < run->nterms; i++) {
      uint32_t df = run->df[i];
      if (df == 0) run->idf[i] = 0;
      else if (df >= SMALL) run->idf[i] = 1.0 + log((double)run->ncand / df);
      else {
        if (small[df] == 0) small[df] = 1.0 + log((double)run->ncand / df);
        run->idf[i] = small[df];
      }
    }
  }
  for (i = 0; i < run->ncand; i++) {
    double s = 0;
    size_t k;
    for (k = run->vec_off[i]; k < run->vec_off[i + 1]; k++) {
      double w = run->vec[k].tf * run->idf[run->vec[k].term];
      run->vec[k].w = (float)w;
      s += w * w;
    }
    run->norm[i] = sqrt(s);
  }
  return PRECIS_OK;
}

double precisI_cosine(const precisI_run *run, size_t a, size_t b) {
  size_t i = run->vec_off[a], ie = run->vec_off[a + 1];
  size_t j = run->vec_off[b], je = run->vec_off[b + 1];
  double dot = 0;
  if (run->norm[a] == 0 || run->norm[b] == 0) return 0;
  while (i < ie && j < je) {
    uint32_t x = run->vec[i].term, y = run->vec[j].term;
    if (x == y) { dot += (double)run->vec[i].w * run->vec[j].w; i++; j++; }
    else if (x < y) i++;
    else j++;
  }
  return dot / (run->norm[a] * run->norm[b]);
}

/* An edge offered to a row, as one number that orders edges by strength:
** the cosine's bits above (a float of at least PRECIS_MIN_EDGE_COS, whose
** bits order as its values do), the complement of the later sentence
** below, so that ties go to the earlier one. */
static uint64_t edge_key(float cos, uint32_t b) {
  uint32_t bits;
  memcpy(&bits, &cos, sizeof bits);
  return (uint64_t)bits << 32 | (uint32_t)~b;
}

static float key_cos(uint64_t key) {
  uint32_t bits = (uint32_t)(key >> 32);
  float cos;
  memcpy(&cos, &bits, sizeof cos);
  return cos;
}

static uint32_t key_to(uint64_t key) { return ~(uint32_t)key; }

/* Keeps the PRECIS_MAX_EDGES_PER_NODE strongest of the edges offered, in
** a min-heap at h[0..*n), with UINT64_MAX after its last place (above
** every key): a parent's missing second child is never the weaker one. */
static void keep_strongest(uint64_t *h, size_t *n, uint64_t p) {
  size_t i;
  if (*n < PRECIS_MAX_EDGES_PER_NODE) { /* sift up */
    i = (*n)++;
    while (i > 0 && h[(i - 1) / 2] > p) {
      h[i] = h[(i - 1) / 2];
      i = (i - 1) / 2;
    }
    h[i] = p;
    return;
  }
  if (p <= h[0]) return;
  i = 0; /* replace the weakest and sift down */
  for (;;) {
    size_t c = 2 * i + 1;
    if (c >= PRECIS_MAX_EDGES_PER_NODE) break;
    c += h[c] > h[c + 1];
    if (p <= h[c]) break;
    h[i] = h[c];
    i = c;
  }
  h[i] = p;
}

/* Okapi BM25's term-frequency saturation, with the usual k1 and b */
#define BM25_K1 1.2
#define BM25_B 0.75
static double bm25_tf(double tf, double len, double avg) {
  return tf * (BM25_K1 + 1) / (tf + BM25_K1 * (1 - BM25_B + BM25_B * len / avg));
}

/* The similarity graph. Pairs sharing a term are found through postings;
** on large inputs terms in very many sentences are skipped (their idf is
** near the floor, so the cosine loses little) and each sentence keeps only
** its strongest edges, so that time and memory stay near-linear. */
static precis_status graph(precisI_run *run) {
  size_t n = run->ncand, i, k, t;
  size_t *post_off = NULL, *cursor = NULL;
  uint32_t *pcand = NULL;  /* postings: sentence, weight, BM25 saturation */
  float *pw = NULL, *pg = NULL;
  uint32_t *touched = NULL, dfcap = UINT32_MAX, *rowlen = NULL, *indeg = NULL;
  size_t half;
  /* per sentence j: dot product, BM25 sum and shared terms with i */
  double *dot = NULL, *bsum = NULL;
  uint32_t *shared = NULL;
  double *logw = NULL;
  precisI_vec pairs, row;
  precis_status st = PRECIS_ENOMEM;
  int exact = n <= PRECIS_EXACT_GRAPH_NODES;
  int bm25 = run->s->opt.tr_similarity == 1;
  double avglen = 0, pairs_met = 0;
  /* the exact graph compares every two sentences that share a term: on a
  ** few thousand short sentences of the same few words, the square of
  ** their number, whatever their length */
  for (t = 0; exact && t < run->nterms; t++)
    pairs_met += (double)run->df[t] * (double)(run->df[t] - (run->df[t] > 0)) / 2;
  if (pairs_met > PRECIS_EXACT_GRAPH_PAIRS + (double)PRECIS_MAX_EDGES_PER_NODE * (double)n)
    exact = 0;
  precisI_vec_init(&pairs, sizeof(precisI_edge));
  precisI_vec_init(&row, sizeof(uint64_t));
  if (!exact) dfcap = PRECIS_MAX_PAIR_DF;
  if (!precisI_vec_reserve(&row, exact ? 16 : PRECIS_MAX_EDGES_PER_NODE + 1)) goto done;
  if (!exact) precisI_vec_at(&row, uint64_t, PRECIS_MAX_EDGES_PER_NODE) = UINT64_MAX;
  post_off = precisI_calloc(run->nterms + 1, sizeof *post_off);
  cursor = precisI_alloc(run->nterms, sizeof *cursor);
  if (!post_off || !cursor) goto done;
  /* postings only of the terms that pair sentences: in two sentences or
  ** more, and not skipped as too common */
#define PAIRS(t) (run->df[t] >= 2 && run->df[t] <= dfcap)
  for (t = 0; t < run->nterms; t++) post_off[t + 1] = post_off[t] + (PAIRS(t) ? run->df[t] : 0);
  pcand = precisI_alloc(post_off[run->nterms], sizeof *pcand);
  pw = precisI_alloc(post_off[run->nterms], sizeof *pw);
  if (bm25) pg = precisI_alloc(post_off[run->nterms], sizeof *pg);
  dot = precisI_calloc(n, sizeof *dot);
  if (bm25) bsum = precisI_calloc(n, sizeof *bsum);
  shared = precisI_calloc(n, sizeof *shared);
  touched = precisI_alloc(n, sizeof *touched);
  logw = precisI_alloc(n, sizeof *logw);
  rowlen = precisI_alloc(n, sizeof *rowlen);
  indeg = precisI_calloc(n, sizeof *indeg);
  if (!pcand || !pw || (bm25 && (!pg || !bsum)) || !dot || !shared || !touched ||
      !logw || !rowlen || !indeg)
    goto done;
  { /* TextRank's length term, log |S| in content words: stopwords are not
    ** in the overlap either; a short length's log is taken once */
    double small[SMALL];
    memset(small, 0, sizeof small);
    for (i = 0; i < n; i++) {
      uint32_t words = precisI_vec_at(&run->units, precisI_unit, run->cand[i]).ntok;
      if (words <= 1) logw[i] = 0;
      else if (words >= SMALL) logw[i] = log((double)words);
      else {
        if (small[words] == 0) small[words] = log((double)words);
        logw[i] = small[words];
      }
    }
  }
  memcpy(cursor, post_off, run->nterms * sizeof *cursor);
  for (i = 0; bm25 && i < n; i++)
    avglen += precisI_vec_at(&run->units, precisI_unit, run->cand[i]).ntok;
  avglen = n && avglen > 0 ? avglen / (double)n : 1;
  for (i = 0; i < n; i++) {
    double len = precisI_vec_at(&run->units, precisI_unit, run->cand[i]).ntok;
    for (k = run->vec_off[i]; k < run->vec_off[i + 1]; k++) {
      uint32_t term = run->vec[k].term;
      size_t p;
      if (!PAIRS(term)) continue;
      p = cursor[term]++;
      pcand[p] = (uint32_t)i;
      pw[p] = run->vec[k].w;
      if (bm25) pg[p] = (float)bm25_tf(run->vec[k].tf, len, avglen);
    }
  }
  memcpy(cursor, post_off, run->nterms * sizeof *cursor);
  for (i = 0; i < n; i++) {
    size_t nt = 0, m;
    double li = logw[i];
    for (k = run->vec_off[i]; k < run->vec_off[i + 1]; k++) {
      uint32_t term = run->vec[k].term;
      size_t p, end;
      double wi, gi, idf;
      if (!PAIRS(term)) continue;
      p = cursor[term]++; /* i's own posting; the later ones follow */
      end = post_off[term + 1];
      wi = run->vec[k].w;
      for (p++; p < end; p++) {
        uint32_t j = pcand[p];
        touched[nt] = j; /* kept when j is met first */
        nt += shared[j]++ == 0;
        dot[j] += wi * pw[p];
      }
      if (!bm25) continue;
      /* BM25 both ways, averaged: the graph stays undirected */
      gi = pg[cursor[term] - 1];
      idf = run->idf[term];
      for (p = cursor[term]; p < end; p++) bsum[pcand[p]] += idf * (gi + pg[p]) / 2;
    }
#undef PAIRS
    row.n = 0;
#define COSINE(j) ((float)(run->norm[i] * run->norm[j] > 0 \
                   ? dot[j] / (run->norm[i] * run->norm[j]) : 0))
    if (exact) {
      for (m = 0; m < nt; m++) {
        uint32_t j = touched[m];
        float cos = COSINE(j);
        uint64_t *slot;
        if (cos < PRECIS_MIN_EDGE_COS) continue;
        if ((slot = precisI_vec_push(&row)) == NULL) goto done;
        *slot = edge_key(cos, j);
      }
    } else {
      for (m = 0; m < nt; m++) {
        uint32_t j = touched[m];
        float cos = COSINE(j);
        if (cos < PRECIS_MIN_EDGE_COS) continue;
        keep_strongest(row.p, &row.n, edge_key(cos, j));
      }
    }
#undef COSINE
    if (!precisI_vec_reserve(&pairs, pairs.n + row.n)) goto done;
    for (m = 0; m < row.n; m++) { /* row i's half of its edges: i -> j, j > i */
      uint64_t key = precisI_vec_at(&row, uint64_t, m);
      uint32_t j = key_to(key);
      double lj = logw[j];
      precisI_edge *e = &precisI_vec_at(&pairs, precisI_edge, pairs.n + m);
      e->to = j;
      e->cos = key_cos(key);
      e->tr = (float)(bm25 ? bsum[j] : li + lj > 0 ? shared[j] / (li + lj) : 0);
      indeg[j]++;
    }
    for (m = 0; m < nt; m++) { /* the sums, cleared for the next row */
      uint32_t j = touched[m];
      shared[j] = 0;
      dot[j] = 0;
      if (bm25) bsum[j] = 0;
    }
    rowlen[i] = (uint32_t)row.n;
    pairs.n += row.n;
  }
  /* Both directions, as compressed rows, built where the halves lie: a
  ** node's edges are those of the rows before it that reach it, in row
  ** order, then its own. The halves are moved from the last, and each
  ** lands at or after where it was read, never on a half not yet read.
  ** The postings go first, as the graph is the peak of a run's memory. */
  free(post_off); free(pcand); free(pw); free(pg); free(dot); free(bsum);
  free(shared); free(touched); free(logw);
  post_off = NULL; pcand = NULL; pw = NULL; pg = NULL; dot = NULL; bsum = NULL;
  shared = NULL; touched = NULL; logw = NULL;
  precisI_vec_free(&row);
  half = pairs.n;
  run->edge_off = precisI_calloc(n + 1, sizeof *run->edge_off);
  if (run->edge_off == NULL) goto done;
  if (half > 0) {
    precisI_edge *grown = realloc(pairs.p, 2 * half * sizeof *grown);
    if (grown == NULL) goto done;
    pairs.p = grown;
    pairs.cap = 2 * half;
  }
  for (i = 0; i < n; i++) run->edge_off[i + 1] = run->edge_off[i] + rowlen[i] + indeg[i];
  free(cursor);
  cursor = precisI_alloc(n, sizeof *cursor);
  if (cursor == NULL) goto done;
  for (i = 0; i < n; i++) cursor[i] = run->edge_off[i] + indeg[i]; /* the rows before, backwards */
  for (i = n, k = half; i-- > 0;) {
    size_t m = rowlen[i];
    while (m-- > 0) {
      precisI_edge e = precisI_vec_at(&pairs, precisI_edge, --k), *back;
      uint32_t j = e.to;
      precisI_vec_at(&pairs, precisI_edge, run->edge_off[i] + indeg[i] + m) = e;
      back = &precisI_vec_at(&pairs, precisI_edge, --cursor[j]);
      back->to = (uint32_t)i; back->cos = e.cos; back->tr = e.tr;
    }
  }
  if (pairs.p == NULL && (pairs.p = precisI_alloc(1, sizeof(precisI_edge))) == NULL)
    goto done; /* no edge: still a graph */
  run->edges = pairs.p;
  pairs.p = NULL;
  pairs.n = pairs.cap = 0;
  st = PRECIS_OK;
done:
  free(post_off);
  free(cursor);
  free(pcand);
  free(pw);
  free(pg);
  free(dot);
  free(bsum);
  free(shared);
  free(touched);
  free(logw);
  free(rowlen);
  free(indeg);
  precisI_vec_free(&pairs);
  precisI_vec_free(&row);
  return st;
}

/* After the graph the term vectors are read by the selectors but MMR, by
** PageRank's teleport toward a query, and by the tests' kept runs. */
static int vectors_read_later(const precisI_run *run) {
  return run->keep_terms || run->s->opt.selector != PRECIS_SEL_MMR || run->nquery > 0;
}

precis_status precisI_model(precisI_run *run, precis_error *err) {
  precis_status st = candidates(run);
  if (st == PRECIS_OK) st = precisI_dup_groups(run); /* before the graph's peak */
  if (st == PRECIS_OK) st = vectors(run);
  if (st == PRECIS_OK) st = precisI_score_early(run, 1);
  if (st == PRECIS_OK && !run->keep_terms) /* read no more: before the graph's peak */
    precisI_vec_free(&run->terms);
  if (st == PRECIS_OK) st = precisI_score_early(run, 0);
  if (st == PRECIS_OK) st = graph(run);
  if (st == PRECIS_OK && !vectors_read_later(run)) { /* nor these: before PageRank's */
    free(run->vec); free(run->vec_off); free(run->norm);
    run->vec = NULL; run->vec_off = NULL; run->norm = NULL;
  }
  if (st != PRECIS_OK) return precisI_seterr(err, st, "out of memory");
  return PRECIS_OK;
}

uint32_t *precisI_term_counts(const precisI_run *run, size_t *total) {
  uint32_t *tf = precisI_calloc(run->nterms, sizeof *tf);
  size_t k, n = 0;
  if (tf == NULL) return NULL;
  for (k = 0; k < run->vec_off[run->ncand]; k++) {
    tf[run->vec[k].term] += run->vec[k].tf;
    n += run->vec[k].tf;
  }
  if (total) *total = n;
  return tf;
}
