/*
** length.c: longer sentences carry more information, up to a point: the
** score grows with the word count and is flat past the mean length, so
** that the longest sentences are not preferred for their length alone.
*/
#include "internal.h"

precis_status precisI_score_length(precisI_run *run, double *v) {
  double mean = 0, cap;
  size_t i;
  for (i = 0; i < run->ncand; i++)
    mean += precisI_vec_at(&run->units, precisI_unit, run->cand[i]).words;
  mean = run->ncand ? mean / run->ncand : 0;
  cap = mean > 8 ? mean : 8;
  for (i = 0; i < run->ncand; i++) {
    double w = precisI_vec_at(&run->units, precisI_unit, run->cand[i]).words;
    v[i] = (w < cap ? w : cap) / cap;
  }
  return PRECIS_OK;
}
