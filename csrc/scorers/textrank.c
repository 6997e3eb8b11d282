/*
** textrank.c: TextRank (Mihalcea & Tarau 2004) for sentences: PageRank
** over edges weighted by content-word overlap normalised by length,
** |Si ∩ Sj| / (log |Si| + log |Sj|).
*/
#include "internal.h"

precis_status precisI_score_textrank(precisI_run *run, double *v) {
  return precisI_pagerank(run, 1, 0, 1, run->s->opt.tr_damping, v);
}
