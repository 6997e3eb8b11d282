/*
** position.c: the lead scorer. Writers put the news first, so a sentence's
** score falls with its position in its own document: 1 / (1 + decay * i)
** for the i-th sentence (0-based), after Edmundson's location method.
*/
#include "internal.h"

precis_status precisI_score_position(precisI_run *run, double *v) {
  double decay = run->s->opt.pos_decay;
  size_t i;
  for (i = 0; i < run->ncand; i++) v[i] = 1.0 / (1.0 + decay * run->cand_pos[i]);
  return PRECIS_OK;
}
