/*
** lexrank.c: LexRank (Erkan & Radev 2004): PageRank over the graph of
** tf-idf cosine similarities, either thresholded (an edge where the cosine
** reaches the threshold) or continuous (edges weighted by the cosine).
** The power iteration here is shared with TextRank: fixed tolerance and
** iteration cap, so every run gives the same numbers.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* every edge's weight into w[], in one pass for the kind of weight */
static void weights(const precisI_run *run, int use_tr, double thr, int cont,
                    double *w) {
  const precisI_edge *e = run->edges;
  size_t k, ne = run->edge_off[run->ncand];
  if (use_tr) for (k = 0; k < ne; k++) w[k] = e[k].tr;
  else if (cont) for (k = 0; k < ne; k++) w[k] = e[k].cos;
  else for (k = 0; k < ne; k++) w[k] = e[k].cos >= thr ? 1.0 : 0.0;
}

/* The teleport distribution: uniform, or biased by rank.bias toward the
** query's sentences when there is a query (Otterbacher, Erkan & Radev
** 2005) and toward the lead otherwise, as position.decay shapes it. */
static precis_status teleport(precisI_run *run, double *t) {
  const precis_options *o = &run->s->opt;
  size_t n = run->ncand, i;
  double sum = 0, bias = o->rank_bias;
  if (bias > 0 && run->nquery > 0) {
    precis_status st = precisI_score_query(run, t);
    if (st != PRECIS_OK) return st;
  } else {
    for (i = 0; i < n; i++) t[i] = 1.0 / (1.0 + o->pos_decay * run->cand_pos[i]);
  }
  for (i = 0; i < n; i++) sum += t[i];
  if (sum <= 0) bias = 0;
  for (i = 0; i < n; i++)
    t[i] = (1.0 - bias) / (double)n + (bias > 0 ? bias * t[i] / sum : 0);
  return PRECIS_OK;
}

precis_status precisI_pagerank(precisI_run *run, int use_tr,
                               double thr, int cont, double d, double *p) {
  size_t n = run->ncand, i, k, it, ne = run->edge_off[n], ndang = 0;
  double *out = precisI_alloc(n, sizeof *out), *next = precisI_alloc(n, sizeof *next);
  double *w = precisI_alloc(ne, sizeof *w), *t = precisI_alloc(n, sizeof *t);
  uint32_t *dang = NULL;
  double *cur = p, *x;
  if (!out || !next || !w || !t || teleport(run, t) != PRECIS_OK) {
    free(out); free(next); free(w); free(t);
    return PRECIS_ENOMEM;
  }
  weights(run, use_tr, thr, cont, w);
  for (i = 0; i < n; i++) {
    double s = 0;
    for (k = run->edge_off[i]; k < run->edge_off[i + 1]; k++) s += w[k];
    out[i] = s;
    p[i] = 1.0 / (double)n;
    ndang += s == 0;
  }
  /* the graph is symmetric, so row i lists i's in-edges: weigh each by its
  ** source's share once, outside the iteration */
  for (k = 0; k < ne; k++) w[k] = w[k] > 0 ? w[k] / out[run->edges[k].to] : 0;
  /* the nodes without out-edges, in order: their rank is shared out */
  if ((dang = precisI_alloc(ndang, sizeof *dang)) == NULL) {
    free(out); free(next); free(w); free(t);
    return PRECIS_ENOMEM;
  }
  for (i = 0, k = 0; i < n; i++) if (out[i] == 0) dang[k++] = (uint32_t)i;
  free(out);
  for (it = 0; it < PRECIS_RANK_MAX_ITER; it++) {
    double dangling = 0, delta = 0, base;
    /* the rows lie one after the other: the edges and their weights are
    ** read in one sweep */
    const precisI_edge *e = run->edges;
    const double *wp = w;
    for (k = 0; k < ndang; k++) dangling += cur[dang[k]];
    base = (1.0 - d) + d * dangling;
    for (i = 0; i < n; i++) { /* a dangling node teleports like the rest */
      double s = 0;
      size_t m = run->edge_off[i + 1] - run->edge_off[i];
      for (k = m / 4; k > 0; k--, e += 4, wp += 4) { /* four edges a turn */
        s += wp[0] * cur[e[0].to];
        s += wp[1] * cur[e[1].to];
        s += wp[2] * cur[e[2].to];
        s += wp[3] * cur[e[3].to];
      }
      for (k = m % 4; k > 0; k--, e++, wp++) s += wp[0] * cur[e->to];
      next[i] = base * t[i] + d * s;
      delta += fabs(next[i] - cur[i]);
    }
    x = cur; cur = next; next = x; /* the new ranks are the current ones */
    if (delta < PRECIS_RANK_TOL) break;
  }
  if (cur != p) memcpy(p, cur, n * sizeof *p);
  free(dang);
  free(cur == p ? next : cur);
  free(w);
  free(t);
  return PRECIS_OK;
}

precis_status precisI_score_lexrank(precisI_run *run, double *v) {
  const precis_options *o = &run->s->opt;
  return precisI_pagerank(run, 0, o->lex_threshold, o->lex_continuous,
                          o->lex_damping, v);
}
