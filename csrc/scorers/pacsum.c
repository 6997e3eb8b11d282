/*
** pacsum.c: position-aware directed centrality (Zheng & Lapata 2019,
** "Sentence Centrality Revisited for Unsupervised Summarization"), with
** tf-idf cosine similarity. Edges below min + beta * (max - min) of the
** document's similarities are dropped and the rest lowered by that much;
** a sentence's centrality is
**   lambda1 * sum(edges to earlier sentences) + lambda2 * sum(to later ones)
** so that, with lambda1 < 0, a sentence that later ones repeat (a lead)
** ranks above one that repeats what came before. Edges between documents
** have no direction and are left out.
*/
#include <math.h>
#include <stdlib.h>

#include "internal.h"

precis_status precisI_score_pacsum(precisI_run *run, double *v) {
  const precis_options *o = &run->s->opt;
  size_t i, k, first = 0;
  double low = HUGE_VAL;
  while (first < run->ncand) {
    size_t last = first, pairs = 0;
    double max = 0, min = HUGE_VAL, cut;
    while (last < run->ncand && run->cand_doc[last] == run->cand_doc[first]) last++;
    for (i = first; i < last; i++) /* this document's similarity range */
      for (k = run->edge_off[i]; k < run->edge_off[i + 1]; k++) {
        const precisI_edge *e = &run->edges[k];
        if (e->to < first || e->to >= last || e->to <= i) continue;
        if (e->cos > max) max = e->cos;
        if (e->cos < min) min = e->cos;
        pairs++;
      }
    /* pairs without an edge share no term: their similarity is 0 */
    if (pairs < (last - first) * (last - first - 1) / 2 || pairs == 0) min = 0;
    cut = min + o->pac_beta * (max - min);
    for (i = first; i < last; i++) {
      double c = 0;
      for (k = run->edge_off[i]; k < run->edge_off[i + 1]; k++) {
        const precisI_edge *e = &run->edges[k];
        double w;
        if (e->to < first || e->to >= last) continue;
        w = e->cos - cut;
        if (w <= 0) continue;
        c += (e->to < i ? o->pac_lambda1 : o->pac_lambda2) * w;
      }
      v[i] = c;
      if (c < low) low = c;
    }
    first = last;
  }
  for (i = 0; i < run->ncand; i++) v[i] -= low; /* scorers give values >= 0 */
  return PRECIS_OK;
}
