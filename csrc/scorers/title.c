/*
** title.c: Edmundson's title method: the share of the document title's
** content stems that a sentence contains. Each sentence is compared with
** its own document's title. In documents without a title the scorer does
** not apply (PRECIS_NOT_APPLICABLE), so that they are not ranked below
** documents with one.
*/
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

precis_status precisI_score_title(precisI_run *run, double *v) {
  const uint32_t *terms = run->terms.p;
  uint32_t *set = NULL;
  size_t i, k, nset = 0;
  uint32_t doc = UINT32_MAX;
  for (i = 0; i < run->ncand; i++) {
    if (run->cand_doc[i] != doc) { /* this document's title stems, sorted */
      const precisI_unit *t;
      doc = run->cand_doc[i];
      nset = 0;
      free(set);
      set = NULL;
      if (run->title[doc] != UINT32_MAX) {
        t = &precisI_vec_at(&run->units, precisI_unit, run->title[doc]);
        set = precisI_alloc(t->ntok, sizeof *set);
        if (set == NULL) return PRECIS_ENOMEM;
        if (t->ntok) memcpy(set, terms + t->tok, t->ntok * sizeof *set);
        qsort(set, t->ntok, sizeof *set, cmp_u32);
        for (k = 0; k < t->ntok; k++)
          if (nset == 0 || set[nset - 1] != set[k]) set[nset++] = set[k];
      }
    }
    v[i] = PRECIS_NOT_APPLICABLE;
    if (nset == 0) continue;
    { /* both sorted: one walk along the two; a title eight times the
      ** sentence's length or more is searched for each term instead, so
      ** that a long title costs no sentence more than its log */
      size_t j = 0, hits = 0, e = run->vec_off[i + 1];
      if (nset / 8 >= e - run->vec_off[i]) {
        for (k = run->vec_off[i]; k < e; k++)
          hits += bsearch(&run->vec[k].term, set, nset, sizeof *set, cmp_u32) != NULL;
      } else {
        for (k = run->vec_off[i]; k < e && j < nset; k++) {
          uint32_t term = run->vec[k].term;
          while (j < nset && set[j] < term) j++;
          hits += j < nset && set[j] == term;
        }
      }
      v[i] = (double)hits / (double)nset;
    }
  }
  free(set);
  return PRECIS_OK;
}
