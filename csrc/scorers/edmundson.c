/*
** edmundson.c: Edmundson (1969), "New methods in automatic extracting":
** a weighted sum of four methods, each normalised to [0, 1] here:
**   cue       bonus words count for a sentence, stigma words against it
**   key       occurrences of the input's most frequent content stems
**   title     share of the words of the title and headings it contains
**   location  early in its document, or first after a heading
** The cue lists are English, written for precis after Edmundson's
** categories (bonus: words of conclusion, significance and result;
** stigma: hedges, asides and examples).
*/
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const bonus[] = { /* sorted */
  "announced", "biggest", "conclude", "concluded", "conclusion",
  "conclusions", "confirmed", "crucial", "decided", "demonstrate",
  "demonstrated", "essential", "finding", "findings", "found", "important",
  "importantly", "key", "largest", "main", "major", "overall", "primary",
  "result", "results", "revealed", "reveals", "showed", "shown", "shows",
  "significant", "significantly", "summary", "therefore", "thus"
};

static const char *const stigma[] = { /* sorted */
  "allegedly", "anyway", "apparently", "besides", "example", "hardly",
  "impossible", "incidentally", "instance", "maybe", "perhaps", "possibly",
  "reportedly", "unclear"
};

static int cmpword(const void *key, const void *elem) {
  return strcmp((const char *)key, *(const char *const *)elem);
}

/* which lengths the cue words of each first letter have: bit n of
** len['x' - 'a'] for a word of n letters; most words of a text match none
** and are not looked up */
typedef struct cues {
  uint32_t len[26];
} cues;

static void cue_lengths(cues *c) {
  size_t k;
  memset(c, 0, sizeof *c);
  for (k = 0; k < sizeof bonus / sizeof *bonus; k++)
    c->len[bonus[k][0] - 'a'] |= (uint32_t)1 << strlen(bonus[k]);
  for (k = 0; k < sizeof stigma / sizeof *stigma; k++)
    c->len[stigma[k][0] - 'a'] |= (uint32_t)1 << strlen(stigma[k]);
}

/* bonus minus stigma words in t[i, end), ASCII-folded */
static double cue(const cues *cl, const char *t, size_t i, size_t end) {
  double c = 0;
  while (i < end) {
    char w[24];
    size_t n = 0;
    while (i < end && !((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z'))) i++;
    while (i < end && ((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z'))) {
      if (n + 1 < sizeof w) w[n++] = (char)(t[i] >= 'A' && t[i] <= 'Z' ? t[i] - 'A' + 'a' : t[i]);
      i++;
    }
    if (n == 0 || n + 1 >= sizeof w) continue;
    if (!(cl->len[w[0] - 'a'] >> n & 1)) continue;
    w[n] = '\0';
    if (bsearch(w, bonus, sizeof bonus / sizeof *bonus, sizeof *bonus, cmpword)) c += 1;
    if (bsearch(w, stigma, sizeof stigma / sizeof *stigma, sizeof *stigma, cmpword)) c -= 1;
  }
  return c;
}

static void normalise(double *x, size_t n) {
  double lo = 0, hi = 0;
  size_t i;
  for (i = 0; i < n; i++) { if (x[i] < lo) lo = x[i]; if (x[i] > hi) hi = x[i]; }
  for (i = 0; i < n; i++) x[i] = hi > lo ? (x[i] - lo) / (hi - lo) : 0;
}

precis_status precisI_score_edmundson(precisI_run *run, double *v) {
  const precis_options *o = &run->s->opt;
  size_t n = run->ncand, i, k, total;
  double *part = precisI_calloc(4 * n, sizeof *part);
  uint32_t *tf = precisI_term_counts(run, &total), cut = 2;
  unsigned char *mark = precisI_calloc(run->nterms, 1); /* 1 key, 2 title */
  const uint32_t *terms = run->terms.p;
  uint32_t doc = UINT32_MAX;
  size_t nmark = 0, first = 0, last = 0; /* the document's units */
  cues cl;
  if (!part || !tf || !mark) { free(part); free(tf); free(mark); return PRECIS_ENOMEM; }
  cue_lengths(&cl);
  { /* key stems: the most frequent tenth of those occurring twice or more */
    size_t above;
    for (;;) {
      above = 0;
      for (k = 0; k < run->nterms; k++) above += tf[k] >= cut;
      if (above * 10 <= run->nterms || above == 0) break;
      cut++;
    }
    for (k = 0; k < run->nterms; k++) if (tf[k] >= cut) mark[k] |= 1;
  }
  for (i = 0; i < n; i++) {
    const precisI_unit *u = &precisI_vec_at(&run->units, precisI_unit, run->cand[i]);
    size_t prev = run->cand[i];
    if (run->cand_doc[i] != doc) { /* this document's title and headings */
      doc = run->cand_doc[i];
      for (k = first; k < last; k++) { /* the last one's marks go */
        const precisI_unit *h = &precisI_vec_at(&run->units, precisI_unit, k);
        size_t j;
        for (j = 0; j < h->ntok; j++) mark[terms[h->tok + j]] &= 1;
      }
      nmark = 0;
      /* units are in document order: this one's follow the last one's */
      for (first = last; first < run->units.n &&
           precisI_vec_at(&run->units, precisI_unit, first).doc < doc; first++) {}
      for (last = first; last < run->units.n &&
           precisI_vec_at(&run->units, precisI_unit, last).doc == doc; last++) {}
      for (k = first; k < last; k++) {
        const precisI_unit *h = &precisI_vec_at(&run->units, precisI_unit, k);
        size_t j;
        if (h->kind != PRECIS_KIND_TITLE && h->kind != PRECIS_KIND_HEADING) continue;
        for (j = 0; j < h->ntok; j++)
          if (!(mark[terms[h->tok + j]] & 2)) { mark[terms[h->tok + j]] |= 2; nmark++; }
      }
    }
    part[i] = cue(&cl, run->src[u->doc].text, u->start, u->end);
    for (k = run->vec_off[i]; k < run->vec_off[i + 1]; k++) {
      if (mark[run->vec[k].term] & 1) part[n + i] += run->vec[k].tf;
      if (mark[run->vec[k].term] & 2) part[2 * n + i] += 1.0 / (double)nmark;
    }
    part[3 * n + i] = 1.0 / (1.0 + 0.25 * run->cand_pos[i]);
    while (prev > 0) { /* first sentence after a heading? */
      const precisI_unit *p = &precisI_vec_at(&run->units, precisI_unit, prev - 1);
      if (p->doc != u->doc || p->kind == PRECIS_KIND_SENTENCE) break;
      if (p->kind != PRECIS_KIND_DROPPED) { part[3 * n + i] += 1.0; break; }
      prev--;
    }
  }
  for (k = 0; k < 4; k++) normalise(part + k * n, n);
  for (i = 0; i < n; i++)
    v[i] = o->ed_cue * part[i] + o->ed_key * part[n + i] +
           o->ed_title * part[2 * n + i] + o->ed_location * part[3 * n + i];
  free(part);
  free(tf);
  free(mark);
  return PRECIS_OK;
}
