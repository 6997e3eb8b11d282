/*
** lexrank.c: LexRank (Erkan & Radev 2004): PageRank over the graph of
** tf-idf cosine similarities, either thresholded (an edge where the cosine
** reaches the threshold) or continuous (edges weighted by the cosine).
** The power iteration here is shared with TextRank: fixed tolerance and
** iteration cap, so every run gives the same numbers.
*/
#include <math.h>
#include <stdlib.h>

#include "internal.h"

static double weight(const precisI_edge *e, int use_tr, double thr, int cont) {
  if (use_tr) return e->tr;
  if (cont) return e->cos;
  return e->cos >= thr ? 1.0 : 0.0;
}

precis_status precisI_pagerank(const precisI_run *run, int use_tr,
                               double thr, int cont, double d, double *p) {
  size_t n = run->ncand, i, k, it, ne = run->edge_off[n];
  double *out = precisI_alloc(n, sizeof *out), *next = precisI_alloc(n, sizeof *next);
  double *w = precisI_alloc(ne, sizeof *w);
  if (!out || !next || !w) {
    free(out); free(next); free(w);
    return PRECIS_ENOMEM;
  }
  for (i = 0; i < n; i++) {
    double s = 0;
    for (k = run->edge_off[i]; k < run->edge_off[i + 1]; k++)
      s += weight(&run->edges[k], use_tr, thr, cont);
    out[i] = s;
    p[i] = 1.0 / (double)n;
  }
  /* the graph is symmetric, so row i lists i's in-edges: weigh each by its
  ** source's share once, outside the iteration */
  for (i = 0; i < n; i++)
    for (k = run->edge_off[i]; k < run->edge_off[i + 1]; k++) {
      const precisI_edge *e = &run->edges[k];
      double x = weight(e, use_tr, thr, cont);
      w[k] = x > 0 ? x / out[e->to] : 0;
    }
  for (it = 0; it < PRECIS_RANK_MAX_ITER; it++) {
    double dangling = 0, delta = 0, base;
    for (i = 0; i < n; i++) if (out[i] == 0) dangling += p[i];
    base = (1.0 - d) / (double)n + d * dangling / (double)n;
    for (i = 0; i < n; i++) {
      double s = 0;
      for (k = run->edge_off[i]; k < run->edge_off[i + 1]; k++)
        s += w[k] * p[run->edges[k].to];
      next[i] = base + d * s;
    }
    for (i = 0; i < n; i++) {
      delta += fabs(next[i] - p[i]);
      p[i] = next[i];
    }
    if (delta < PRECIS_RANK_TOL) break;
  }
  free(out);
  free(next);
  free(w);
  return PRECIS_OK;
}

precis_status precisI_score_lexrank(precisI_run *run, double *v) {
  const precis_options *o = &run->s->opt;
  return precisI_pagerank(run, 0, o->lex_threshold, o->lex_continuous,
                          o->lex_damping, v);
}
