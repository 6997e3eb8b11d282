/*
** query.c: relevance to the caller's query or question: the tf-idf cosine
** between a sentence and the query's terms (each weighted by its idf).
*/
#include <math.h>
#include <stdlib.h>

#include "internal.h"

precis_status precisI_score_query(precisI_run *run, double *v) {
  double qnorm = 0;
  size_t i, k;
  for (k = 0; k < run->nquery; k++) qnorm += run->idf[run->query[k]] * run->idf[run->query[k]];
  qnorm = sqrt(qnorm);
  for (i = 0; i < run->ncand; i++) {
    double dot = 0;
    size_t q = 0;
    for (k = run->vec_off[i]; k < run->vec_off[i + 1] && q < run->nquery;) {
      uint32_t t = run->vec[k].term;
      if (t == run->query[q]) { dot += run->vec[k].w * run->idf[t]; k++; q++; }
      else if (t < run->query[q]) k++;
      else q++;
    }
    v[i] = qnorm > 0 && run->norm[i] > 0 ? dot / (qnorm * run->norm[i]) : 0;
  }
  return PRECIS_OK;
}
