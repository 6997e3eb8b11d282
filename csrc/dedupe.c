/*
** dedupe.c: near-duplicate sentences, within and across documents (the
** same wire copy in two articles, a lead repeated further down). Each
** sentence becomes the set of its content-word 3-gram shingles; sentences
** whose sets overlap at least redundancy.near_duplicate (Jaccard) are
** grouped, and only the best-ranked of each group stays eligible.
** Pairs are found through shared shingles, never by comparing all pairs;
** sentences with the very same words are grouped directly, however many.
*/
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* shingles that occur in more sentences than this are stock phrases, not
** evidence of a copy, and would make pair search quadratic */
#define MAX_SHINGLE_GROUP 64

/* The shingle table: open addressing over group numbers (4 bytes a
** slot), the key of each group kept once beside it, so that the table
** costs a quarter of what pairs of key and group would. While every term
** number fits in TERM_BITS, a shingle's key is its terms themselves, so
** that two shingles are never confused; a sentence's key is a hash of all
** its terms, with the top bit set, which no shingle's key has. */
typedef struct index {
  uint32_t *slots; /* group + 1; 0 = empty */
  uint64_t *key;   /* per group */
  size_t cap;
  unsigned shift;  /* 64 - log2(cap) */
  uint32_t ngroups;
} index;

#define TERM_BITS 21
#define WHOLE ((uint64_t)1 << 63)

static uint64_t mix(uint64_t h, uint32_t t) {
  h ^= t + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  return h * 0xFF51AFD7ED558CCDull;
}

/* the slot of key h, its group made on first sight (the caller sized the
** table for every key it offers); a slot's top bit marks a group already
** listed for the sentence at hand */
#define MARK ((uint32_t)1 << 31)  /* groups are fewer: 64 MiB of input at most */
static size_t slot_of(index *x, uint64_t h) {
  size_t i = (size_t)((h * 0x9E3779B97F4A7C15ull) >> x->shift);
  for (;;) {
    uint32_t g = x->slots[i] & ~MARK;
    if (g == 0) {
      x->key[x->ngroups] = h;
      x->slots[i] = ++x->ngroups;
      return i;
    }
    if (x->key[g - 1] == h) return i;
    i = (i + 1) & (x->cap - 1);
  }
}

static uint32_t find(uint32_t *up, uint32_t x) {
  while (up[x] != x) { up[x] = up[up[x]]; x = up[x]; }
  return x;
}

static void join(uint32_t *up, uint32_t a, uint32_t b) {
  a = find(up, a);
  b = find(up, b);
  if (a != b) up[a < b ? b : a] = a < b ? a : b;
}

/* Each sentence's group, as the least sentence of it, into up[n]. */
static precis_status groups(const precisI_run *run, double thr, uint32_t *up) {
  const uint32_t *terms = run->terms.p;
  size_t n = run->ncand, i, k, total = 0, q;
  size_t maxm = 0, nmark = 0;
  int packed = run->nterms < ((size_t)1 << TERM_BITS);
  index x = {NULL, NULL, 64, 58, 0};
  uint32_t *sg = NULL, *sg_off = NULL, *whole = NULL; /* per sentence */
  uint32_t *gsize = NULL, *goff = NULL, *gmem = NULL, *cursor = NULL;
  uint32_t *shared = NULL, *touched = NULL;
  size_t *mark = NULL; /* the slots marked for the sentence at hand */
  precis_status st = PRECIS_ENOMEM;
  for (i = 0; i < n; i++) {
    uint32_t nt = precisI_vec_at(&run->units, precisI_unit, run->cand[i]).ntok;
    total += nt < 3 ? (nt ? 1 : 0) : nt - 2;
    if (nt > maxm) maxm = nt;
  }
  for (; x.cap < total + n + (total + n) / 2; x.cap *= 2) x.shift--;
  x.slots = precisI_calloc(x.cap, sizeof *x.slots);
  x.key = precisI_alloc(total + n, sizeof *x.key);
  mark = precisI_alloc(maxm + 1, sizeof *mark);
  sg = precisI_alloc(total, sizeof *sg);
  sg_off = precisI_alloc(n + 1, sizeof *sg_off);
  whole = precisI_alloc(n, sizeof *whole);
  shared = precisI_calloc(n, sizeof *shared);
  touched = precisI_alloc(n, sizeof *touched);
  if (!x.slots || !x.key || !mark || !sg || !sg_off || !whole || !shared || !touched)
    goto done;
  /* each sentence's shingle groups, each once, in the order met (what
  ** follows only counts them) */
  for (i = 0, q = 0; i < n; i++) {
    const precisI_unit *u = &precisI_vec_at(&run->units, precisI_unit, run->cand[i]);
    const uint32_t *tt = u->ntok ? terms + u->tok : NULL; /* terms is NULL with none */
    size_t m = u->ntok < 3 ? (u->ntok ? 1 : 0) : u->ntok - 2, w = u->ntok < 3 ? u->ntok : 3;
    uint64_t all = 0x51ED, h = 0;
    sg_off[i] = (uint32_t)q;
    for (k = 0; k < m; k++) {
      size_t slot;
      size_t j;
      if (packed) { /* the shingle before, slid by a term */
        for (j = k > 0 ? w - 1 : 0; j < w; j++)
          h = (h << TERM_BITS | (tt[k + j] + 1)) & ~WHOLE;
      } else {
        for (h = 0x12345, j = 0; j < w; j++) h = mix(h, tt[k + j]);
        h &= ~WHOLE;
      }
      slot = slot_of(&x, h);
      if (x.slots[slot] & MARK) continue; /* again in this sentence */
      sg[q++] = x.slots[slot] - 1;
      x.slots[slot] |= MARK;
      mark[nmark++] = slot;
    }
    while (nmark > 0) x.slots[mark[--nmark]] &= ~MARK;
    for (k = 0; k < u->ntok; k++) all = mix(all, tt[k]);
    if (u->ntok == 0) { /* stopwords only: the same bytes make a copy */
      const char *t = run->src[u->doc].text;
      for (k = u->start; k < u->end; k++) all = mix(all, (unsigned char)t[k]);
    }
    whole[i] = x.slots[slot_of(&x, all | WHOLE)] - 1;
  }
  sg_off[n] = (uint32_t)q;
  free(x.slots); /* the groups are numbered: the table has done its work */
  free(x.key);
  free(mark);
  x.slots = NULL;
  x.key = NULL;
  mark = NULL;
  gsize = precisI_calloc(x.ngroups + 1, sizeof *gsize);
  goff = precisI_alloc(x.ngroups + 1, sizeof *goff);
  cursor = precisI_alloc(x.ngroups + 1, sizeof *cursor);
  gmem = precisI_alloc(q, sizeof *gmem);
  if (!gsize || !goff || !cursor || !gmem) goto done;
  for (i = 0; i < n; i++) up[i] = (uint32_t)i;
  /* the very same words: one group, any size (cursor: each sentence
  ** group's first sentence) */
  for (i = 0; i < n; i++) cursor[whole[i]] = UINT32_MAX;
  for (i = 0; i < n; i++) {
    if (cursor[whole[i]] == UINT32_MAX) cursor[whole[i]] = (uint32_t)i;
    else join(up, (uint32_t)i, cursor[whole[i]]);
  }
  /* each sentence's count of shingles (in whole[], read no more), and of
  ** them only those that may pair it: met elsewhere, not too often */
  for (k = 0; k < q; k++) gsize[sg[k]]++;
  for (i = 0, q = 0, k = 0; i < n; i++) {
    size_t end = sg_off[i + 1];
    whole[i] = (uint32_t)(end - k);
    sg_off[i] = (uint32_t)q;
    for (; k < end; k++)
      if (gsize[sg[k]] >= 2 && gsize[sg[k]] <= MAX_SHINGLE_GROUP) sg[q++] = sg[k];
  }
  sg_off[n] = (uint32_t)q;
  /* members of those groups, in sentence order */
  for (goff[0] = 0, k = 0; k < x.ngroups; k++)
    goff[k + 1] = goff[k] + (gsize[k] >= 2 && gsize[k] <= MAX_SHINGLE_GROUP ? gsize[k] : 0);
  memcpy(cursor, goff, x.ngroups * sizeof *cursor);
  for (i = 0; i < n; i++)
    for (k = sg_off[i]; k < sg_off[i + 1]; k++) gmem[cursor[sg[k]]++] = (uint32_t)i;
  memcpy(cursor, goff, x.ngroups * sizeof *cursor);
  for (i = 0; i < n; i++) { /* shingles shared with later sentences */
    size_t nt = 0, m;
    for (k = sg_off[i]; k < sg_off[i + 1]; k++) {
      uint32_t g = sg[k];
      size_t p = cursor[g]++; /* i's own entry; later sentences follow */
      for (p++; p < goff[g + 1]; p++) {
        uint32_t j = gmem[p];
        if (shared[j]++ == 0) touched[nt++] = j;
      }
    }
    for (m = 0; m < nt; m++) {
      uint32_t j = touched[m];
      double a = whole[i], b = whole[j];
      if (shared[j] / (a + b - shared[j]) >= thr) join(up, (uint32_t)i, j);
      shared[j] = 0;
    }
  }
  for (i = 0; i < n; i++) up[i] = find(up, (uint32_t)i);
  st = PRECIS_OK;
done:
  free(x.slots); free(x.key); free(mark); free(sg); free(sg_off); free(whole);
  free(shared); free(touched); free(gsize); free(goff); free(cursor); free(gmem);
  return st;
}

precis_status precisI_dup_groups(precisI_run *run) {
  double thr = run->s->opt.near_dup;
  precis_status st;
  free(run->dup_root);
  run->dup_root = NULL;
  if (thr <= 0 || run->ncand < 2) return PRECIS_OK;
  run->dup_root = precisI_alloc(run->ncand, sizeof *run->dup_root);
  if (run->dup_root == NULL) return PRECIS_ENOMEM;
  if ((st = groups(run, thr, run->dup_root)) != PRECIS_OK) {
    free(run->dup_root);
    run->dup_root = NULL;
    return st;
  }
  run->dup_thr = thr;
  return PRECIS_OK;
}

precis_status precisI_near_duplicates(precisI_run *run, const unsigned char *ok,
                                      unsigned char *dup) {
  double thr = run->s->opt.near_dup;
  size_t n = run->ncand, i;
  uint32_t *root = run->dup_root, *own = NULL, *best;
  precis_status st;
  memset(dup, 0, n);
  if (thr <= 0 || n < 2) return PRECIS_OK;
  if (root == NULL || run->dup_thr != thr) { /* not made with the model */
    root = own = precisI_alloc(n, sizeof *own);
    if (own == NULL) return PRECIS_ENOMEM;
    if ((st = groups(run, thr, own)) != PRECIS_OK) { free(own); return st; }
  }
  best = precisI_alloc(n, sizeof *best);
  if (best == NULL) { free(own); return PRECIS_ENOMEM; }
  /* keep the best-ranked member of each group that may be selected */
  for (i = 0; i < n; i++) best[i] = UINT32_MAX;
  for (i = 0; i < n; i++) {
    uint32_t r = root[i], b = best[r];
    if (b == UINT32_MAX || (ok[i] && !ok[b]) ||
        (ok[i] == ok[b] && run->rank[i] < run->rank[b]))
      best[r] = (uint32_t)i;
  }
  for (i = 0; i < n; i++) dup[i] = best[root[i]] != i;
  free(best);
  free(own);
  return PRECIS_OK;
}
