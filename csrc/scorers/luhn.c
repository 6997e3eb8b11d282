/*
** luhn.c: Luhn (1958), "The automatic creation of literature abstracts".
** Significant words are frequent content stems; a sentence's score is that
** of its best cluster: (significant words in it)^2 / (the cluster's span),
** where a cluster is a run whose significant words are at most four
** insignificant words apart.
*/
#include <stdlib.h>

#include "internal.h"

#define LUHN_GAP 4


typedef struct tfterm {
  uint32_t tf, term;
} tfterm;

static int cmp_tf(const void *a, const void *b) {
  const tfterm *x = a, *y = b;
  if (x->tf != y->tf) return x->tf > y->tf ? -1 : 1;
  return x->term < y->term ? -1 : x->term > y->term;
}

precis_status precisI_score_luhn(precisI_run *run, double *v) {
  uint32_t *tf = precisI_calloc(run->nterms, sizeof *tf), cut;
  unsigned char *sig = precisI_calloc(run->nterms, 1);
  tfterm *order = precisI_alloc(run->nterms, sizeof *order);
  const uint32_t *terms = run->terms.p;
  size_t i, k, nsig;
  if (!tf || !sig || !order) {
    free(tf); free(sig); free(order);
    return PRECIS_ENOMEM;
  }
  for (i = 0; i < run->vec_off[run->ncand]; i++) tf[run->vec[i].term] += run->vec[i].tf;
  if (run->s->opt.luhn_threshold > 0) {
    for (k = 0; k < run->nterms; k++) sig[k] = tf[k] >= run->s->opt.luhn_threshold;
  } else { /* the most frequent tenth of the stems that occur at least twice */
    for (k = 0; k < run->nterms; k++) { order[k].tf = tf[k]; order[k].term = (uint32_t)k; }
    qsort(order, run->nterms, sizeof *order, cmp_tf);
    nsig = (run->nterms + 9) / 10;
    cut = nsig && nsig <= run->nterms ? order[nsig - 1].tf : 0;
    if (cut < 2) cut = 2;
    for (k = 0; k < run->nterms; k++) sig[k] = tf[k] >= cut;
  }
  for (i = 0; i < run->ncand; i++) {
    const precisI_unit *u = &precisI_vec_at(&run->units, precisI_unit, run->cand[i]);
    double best = 0;
    size_t first = 0, last = 0, count = 0, gap = 0;
    for (k = 0; k <= u->ntok; k++) {
      int s = k < u->ntok && sig[terms[u->tok + k]];
      if (s) {
        if (count == 0) first = k;
        count++;
        last = k;
        gap = 0;
      } else if (count && (k == u->ntok || ++gap > LUHN_GAP)) {
        double score = (double)count * count / (double)(last - first + 1);
        if (score > best) best = score;
        count = 0;
        gap = 0;
      }
    }
    v[i] = best;
  }
  free(tf);
  free(sig);
  free(order);
  return PRECIS_OK;
}
