/*
** extra.c: scorers and drops the caller computed itself (a policy's Lua
** scorers and filters), for precis_summarize_with. Drops turn sentences
** into dropped units before the model; extra scores join the combined
** score after precisI_select, which then ranks and selects again.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---------------------------------------------------------------------
** Checks and drops (before the model)
** --------------------------------------------------------------------- */

static int builtin_name(const char *name) {
  size_t k;
  const char *b;
  for (k = 0; (b = precis_scorer_name(k)) != NULL; k++)
    if (strcmp(b, name) == 0) return 1;
  return 0;
}

static precis_status check(const precisI_run *run, const precis_extras *ex,
                           precis_error *err) {
  size_t e, f, i;
  int any = 0;
  if (ex->nunits != run->units.n)
    return precisI_seterr(err, PRECIS_EINVAL,
                          "extras describe %zu units but the documents have %zu",
                          ex->nunits, run->units.n);
  if (ex->nscorers > 0 && ex->scorers == NULL)
    return precisI_seterr(err, PRECIS_EINVAL, "extra scorers are NULL");
  for (e = 0; e < ex->nscorers; e++) {
    const precis_extra_scorer *x = &ex->scorers[e];
    if (x->name == NULL || x->name[0] == '\0')
      return precisI_seterr(err, PRECIS_EINVAL, "extra scorer %zu has no name", e + 1);
    if (builtin_name(x->name))
      return precisI_seterr(err, PRECIS_EINVAL,
                            "extra scorer '%.64s' has a built-in scorer's name", x->name);
    for (f = 0; f < e; f++)
      if (strcmp(ex->scorers[f].name, x->name) == 0)
        return precisI_seterr(err, PRECIS_EINVAL,
                              "extra scorer '%.64s' is given twice", x->name);
    if (!(x->weight >= 0) || !isfinite(x->weight))
      return precisI_seterr(err, PRECIS_EINVAL,
                            "weight of '%.64s' must be a finite number >= 0", x->name);
    if (x->values == NULL && ex->nunits > 0)
      return precisI_seterr(err, PRECIS_EINVAL, "extra scorer '%.64s' has no values",
                            x->name);
    for (i = 0; i < ex->nunits; i++) {
      const precisI_unit *u = &precisI_vec_at(&run->units, precisI_unit, i);
      if (u->kind == PRECIS_KIND_SENTENCE && isinf(x->values[i]))
        return precisI_seterr(err, PRECIS_EINVAL,
                              "extra scorer '%.64s' gives unit %zu an infinite value",
                              x->name, i + 1);
    }
    any |= x->weight > 0;
  }
  if (ex->only && !any)
    return precisI_seterr(err, PRECIS_EINVAL,
                          "the extra scorers are the whole mix but none has a weight");
  return PRECIS_OK;
}

void precisI_filter_questions(precisI_run *run) {
  size_t i;
  for (i = 0; i < run->units.n; i++) {
    precisI_unit *u = &precisI_vec_at(&run->units, precisI_unit, i);
    const char *t = run->src[u->doc].text;
    size_t e = u->end;
    int32_t cp = 0;
    if (u->kind != PRECIS_KIND_SENTENCE) continue;
    while (e > u->start) { /* past closing quotes, brackets and spaces */
      size_t s0 = e - 1;
      while (s0 > u->start && ((unsigned char)t[s0] & 0xC0) == 0x80) s0--;
      precisI_utf8_decode(t, e, s0, &cp);
      if (!(precisI_is_space(cp) || cp == '"' || cp == '\'' || cp == ')' || cp == ']' ||
            cp == 0x201D || cp == 0x2019 || cp == 0xBB))
        break;
      e = s0;
    }
    if (e > u->start && (cp == '?' || cp == 0xFF1F || cp == 0x061F || cp == 0x037E)) {
      u->kind = PRECIS_KIND_DROPPED;
      u->rule = "filter:questions";
    }
  }
}

precis_status precisI_extra_drop(precisI_run *run, const precis_extras *ex,
                                 precis_error *err) {
  size_t i;
  precis_status st = check(run, ex, err);
  if (st != PRECIS_OK || ex->drop == NULL) return st;
  for (i = 0; i < run->units.n; i++) {
    precisI_unit *u = &precisI_vec_at(&run->units, precisI_unit, i);
    if (ex->drop[i] != NULL && u->kind == PRECIS_KIND_SENTENCE) {
      u->kind = PRECIS_KIND_DROPPED;
      u->rule = ex->drop[i]; /* build() copies it: see summarize.c */
    }
  }
  return PRECIS_OK;
}

/* ---------------------------------------------------------------------
** Scores, rank and selection (after precisI_select)
** --------------------------------------------------------------------- */

/* Scales one scorer's values over the candidates into row[] and adds its
** weighted share to num/den (NaN: not applicable, no share). */
static void fold(const precisI_run *run, const precis_extra_scorer *x,
                 double *row, double *num, double *den) {
  size_t c, n = run->ncand;
  double lo = HUGE_VAL, hi = -HUGE_VAL;
  for (c = 0; c < n; c++) {
    double v = x->values[run->cand[c]];
    if (isnan(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo >= 0) lo = 0; /* as the built-in scorers: by the largest */
  for (c = 0; c < n; c++) {
    double v = x->values[run->cand[c]];
    if (isnan(v)) { row[c] = 0; continue; }
    row[c] = hi > lo ? (v - lo) / (hi - lo) : 0;
    num[c] += x->weight * row[c];
    den[c] += x->weight;
  }
}

precis_status precisI_extra_select(precisI_run *run, const precis_extras *ex,
                                   double *value, precis_error *err) {
  const precis_options *o = &run->s->opt;
  size_t n = run->ncand, c, e, k;
  double builtin = 0;
  double *num = precisI_calloc(n, sizeof *num), *den = precisI_calloc(n, sizeof *den);
  precis_status st = PRECIS_ENOMEM;
  if (!num || !den) goto done;
  if (!ex->only) /* the built-in mean counts with the sum of its weights */
    for (k = 0; k < PRECIS_NSCORERS; k++)
      if (run->value[k] != NULL) builtin += o->weight[k];
  for (e = 0; e < ex->nscorers; e++)
    fold(run, &ex->scorers[e], value + e * n, num, den);
  for (c = 0; c < n; c++) {
    double w = builtin + den[c];
    run->score[c] = w > 0 ? (builtin * run->score[c] + num[c]) / w : 0;
  }
  /* rank and choose again with the new scores */
  if ((st = precisI_choose(run)) != PRECIS_OK) goto done;
done:
  free(num);
  free(den);
  if (st != PRECIS_OK) return precisI_seterr(err, st, "out of memory");
  return PRECIS_OK;
}
