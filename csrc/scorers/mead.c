/*
** mead.c: MEAD's sentence score (Radev, Jing, Stys & Tam 2004): the sum of
** the centroid values of its words (C), a position value falling linearly
** from the document's first sentence (P = Cmax * (n - i) / n), and its
** overlap with the document's first sentence (F, the inner product of
** their tf vectors), with equal weights. The centroid keeps the terms
** whose mean tf-idf is at least a tenth of the largest.
*/
#include <stdlib.h>

#include "internal.h"

precis_status precisI_score_mead(precisI_run *run, double *v) {
  double *c = precisI_calloc(run->nterms, sizeof *c), cmax = 0, best = 0;
  double *f = precisI_alloc(run->ncand, sizeof *f);
  size_t i, k, first = 0;
  if (c == NULL || f == NULL) { free(c); free(f); return PRECIS_ENOMEM; }
  for (k = 0; k < run->vec_off[run->ncand]; k++)
    c[run->vec[k].term] += run->vec[k].w / (double)run->ncand;
  for (k = 0; k < run->nterms; k++) if (c[k] > best) best = c[k];
  for (k = 0; k < run->nterms; k++) if (c[k] < best / 10) c[k] = 0;
  for (i = 0; i < run->ncand; i++) {
    double ci = 0;
    for (k = run->vec_off[i]; k < run->vec_off[i + 1]; k++) ci += c[run->vec[k].term];
    v[i] = ci;
    if (ci > cmax) cmax = ci;
  }
  while (first < run->ncand) {
    size_t last = first, n;
    double fmax = 0;
    while (last < run->ncand && run->cand_doc[last] == run->cand_doc[first]) last++;
    n = last - first;
    for (i = first; i < last; i++) { /* overlap with the first sentence */
      size_t a = run->vec_off[i], b = run->vec_off[first];
      double dot = 0;
      while (a < run->vec_off[i + 1] && b < run->vec_off[first + 1]) {
        if (run->vec[a].term == run->vec[b].term) {
          dot += (double)run->vec[a].tf * run->vec[b].tf; a++; b++;
        } else if (run->vec[a].term < run->vec[b].term) a++;
        else b++;
      }
      f[i] = dot;
      if (dot > fmax) fmax = dot;
    }
    for (i = first; i < last; i++) {
      double p = cmax * (double)(n - (i - first)) / (double)n;
      /* F is scaled like the other two so that no part swamps the rest */
      v[i] += p + (fmax > 0 ? cmax * f[i] / fmax : 0);
    }
    first = last;
  }
  free(c);
  free(f);
  return PRECIS_OK;
}
