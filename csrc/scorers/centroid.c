/*
** centroid.c: the tf-idf centroid (Radev et al. 2004, MEAD): the mean of
** all sentence vectors stands for the topic, and a sentence scores by its
** cosine with it.
*/
#include <math.h>
#include <stdlib.h>

#include "internal.h"

precis_status precisI_score_centroid(precisI_run *run, double *v) {
  double *c = precisI_calloc(run->nterms, sizeof *c), norm = 0;
  size_t i, k;
  if (c == NULL) return PRECIS_ENOMEM;
  for (k = 0; k < run->vec_off[run->ncand]; k++) c[run->vec[k].term] += run->vec[k].w;
  for (k = 0; k < run->nterms; k++) norm += c[k] * c[k];
  norm = sqrt(norm);
  for (i = 0; i < run->ncand; i++) {
    double dot = 0;
    for (k = run->vec_off[i]; k < run->vec_off[i + 1]; k++)
      dot += run->vec[k].w * c[run->vec[k].term];
    v[i] = norm > 0 && run->norm[i] > 0 ? dot / (norm * run->norm[i]) : 0;
  }
  free(c);
  return PRECIS_OK;
}
