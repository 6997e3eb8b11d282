/*
** lrouge.c: the counting half of ROUGE-1.5.5 as the Lua module precis.rouge.
** Tokenizes, stems, and counts n-gram, skip-bigram and summary-level LCS
** hits the way ROUGE-1.5.5.pl does; eval/rouge.lua turns counts into scores.
** See eval/README.md for what "the way ROUGE-1.5.5 does" means in detail.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lua.h"
#include "lauxlib.h"
#include "luacompat.h" /* csrc/: one source for Lua 5.1 to 5.4 and LuaJIT */

#if defined(__GNUC__) || defined(__clang__)
#define ROUGE_API __attribute__((visibility("default")))
#else
#define ROUGE_API
#endif

/* n-grams are packed into 64 bits, 16 bits per token id */
#define MAX_N 4
#define MAX_TYPES 65535
/* longest token kept; a longer run of letters is cut (never seen in text) */
#define MAX_TOKEN 255

/* ======================================================================
** Arena: every allocation of one call lives in a userdata-owned list of
** blocks, so a Lua error anywhere frees everything at the next GC.
** ====================================================================== */

typedef union align { double d; uint64_t u; void *p; } align;

typedef struct block {
  struct block *next;
  size_t used, size;
  align data[]; /* aligned for any scalar we store */
} block;

typedef struct arena {
  block *head;
} arena;

static int arena_gc(lua_State *L) {
  arena *a = (arena *)lua_touserdata(L, 1);
  block *b = a->head;
  while (b != NULL) {
    block *next = b->next;
    free(b);
    b = next;
  }
  a->head = NULL;
  return 0;
}

static arena *arena_new(lua_State *L) {
  arena *a = (arena *)lua_newuserdatauv(L, sizeof *a, 0);
  a->head = NULL;
  if (luaL_newmetatable(L, "precis.rouge.arena")) {
    lua_pushcfunction(L, arena_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  return a;
}

static void *arena_alloc(lua_State *L, arena *a, size_t n, size_t size) {
  size_t bytes, unit = sizeof(align);
  block *b = a->head;
  if (size != 0 && n > SIZE_MAX / 2 / size) luaL_error(L, "rouge: input too large");
  bytes = (n * size + unit - 1) / unit * unit;
  if (bytes == 0) bytes = unit;
  if (b == NULL || b->size - b->used < bytes) {
    size_t cap = bytes > 65536 ? bytes : 65536;
    b = (block *)malloc(sizeof(block) + cap);
    if (b == NULL) luaL_error(L, "rouge: out of memory");
    b->next = a->head;
    b->used = 0;
    b->size = cap;
    a->head = b;
  }
  {
    void *p = (char *)b->data + b->used;
    b->used += bytes;
    return p;
  }
}

/* ======================================================================
** ROUGE's Porter stemmer. ROUGE-1.5.5 carries its own Perl Porter
** ("Release 1") with one local change in step 4; it differs from the
** Snowball "porter" algorithm on about 0.5% of news vocabulary (for
** example "documents": ROUGE "docum", Snowball "document"), so it is
** written out here rather than taken from libstemmer.
** ====================================================================== */

static int is_aeiou(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/*
** The measure m of w[0..len) as ROUGE's regexes see it: the word splits
** into alternating runs, a consonant run being [^aeiou][^aeiouy]* and a
** vowel run [aeiouy][aeiou]*, so a 'y' always starts a new run.
*/
static int measure(const char *w, size_t len) {
  size_t i = 0;
  int m = 0, in_vowels;
  if (len == 0) return 0;
  in_vowels = is_aeiou(w[0]); /* an initial 'y' was made 'Y' */
  i = 1;
  while (i < len) {
    if (in_vowels) {
      if (!is_aeiou(w[i])) { in_vowels = 0; m++; } /* a VC pair is complete */
    } else {
      if (is_aeiou(w[i]) || w[i] == 'y') in_vowels = 1;
    }
    i++;
  }
  return m;
}

/* ^(C)?v: some vowel after the leading consonant run */
static int has_vowel(const char *w, size_t len) {
  size_t i;
  if (len == 0) return 0;
  if (is_aeiou(w[0])) return 1;
  for (i = 1; i < len; i++)
    if (is_aeiou(w[i]) || w[i] == 'y') return 1;
  return 0;
}

/* ^C v [^aeiouwxy]$: the whole stem is consonants, one vowel, one consonant */
static int is_cvc(const char *w, size_t len) {
  size_t i;
  if (len < 3 || is_aeiou(w[0])) return 0;
  for (i = 1; i < len && !is_aeiou(w[i]) && w[i] != 'y'; i++) {}
  if (i + 2 != len) return 0;
  return !is_aeiou(w[i + 1]) && w[i + 1] != 'w' && w[i + 1] != 'x' &&
         w[i + 1] != 'y';
}

static int ends(const char *w, size_t len, const char *s) {
  size_t n = strlen(s);
  return n <= len && memcmp(w + len - n, s, n) == 0;
}

typedef struct rule { const char *suffix, *repl; } rule;

/* longest suffix of the list that w ends with (Perl's leftmost match) */
static const rule *longest(const char *w, size_t len, const rule *r) {
  const rule *best = NULL;
  for (; r->suffix != NULL; r++)
    if (ends(w, len, r->suffix) &&
        (best == NULL || strlen(r->suffix) > strlen(best->suffix)))
      best = r;
  return best;
}

static const rule step2[] = {
  {"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"}, {"anci", "ance"},
  {"izer", "ize"}, {"bli", "ble"}, {"alli", "al"}, {"entli", "ent"},
  {"eli", "e"}, {"ousli", "ous"}, {"ization", "ize"}, {"ation", "ate"},
  {"ator", "ate"}, {"alism", "al"}, {"iveness", "ive"}, {"fulness", "ful"},
  {"ousness", "ous"}, {"aliti", "al"}, {"iviti", "ive"}, {"biliti", "ble"},
  {"logi", "log"}, {NULL, NULL}
};

static const rule step3[] = {
  {"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"},
  {"ical", "ic"}, {"ful", ""}, {"ness", ""}, {NULL, NULL}
};

/* ROUGE's step 4 list: "ment" and "ent" are tried separately afterwards */
static const rule step4[] = {
  {"al", ""}, {"ance", ""}, {"ence", ""}, {"er", ""}, {"ic", ""},
  {"able", ""}, {"ible", ""}, {"ant", ""}, {"ement", ""}, {"ou", ""},
  {"ism", ""}, {"ate", ""}, {"iti", ""}, {"ous", ""}, {"ive", ""},
  {"ize", ""}, {NULL, NULL}
};

/*
** Stems w (lowercase, len < cap) in place; returns the new length. cap
** must leave room for one more byte (step 1b may add an 'e').
*/
static size_t porter(char *w, size_t len) {
  int initial_y;
  const rule *r;
  size_t s;
  if (len < 3) return len;
  initial_y = (w[0] == 'y');
  if (initial_y) w[0] = 'Y'; /* so that it is never a vowel */

  /* step 1a */
  if (ends(w, len, "sses") || ends(w, len, "ies")) len -= 2;
  else if (len >= 2 && w[len - 1] == 's' && w[len - 2] != 's') len -= 1;

  /* step 1b */
  if (ends(w, len, "eed")) {
    if (measure(w, len - 3) > 0) len -= 1;
  } else if ((s = ends(w, len, "ing") ? 3 : ends(w, len, "ed") ? 2 : 0) != 0 &&
             has_vowel(w, len - s)) {
    len -= s;
    if (ends(w, len, "at") || ends(w, len, "bl") || ends(w, len, "iz")) {
      w[len++] = 'e';
    } else if (len >= 2 && w[len - 1] == w[len - 2] && !is_aeiou(w[len - 1]) &&
               strchr("ylsz", w[len - 1]) == NULL) {
      len -= 1;
    } else if (is_cvc(w, len)) {
      w[len++] = 'e';
    }
  }

  /* step 1c */
  if (len >= 1 && w[len - 1] == 'y' && has_vowel(w, len - 1)) w[len - 1] = 'i';

  /* steps 2 and 3: only the longest matching suffix is tried */
  if ((r = longest(w, len, step2)) != NULL) {
    s = len - strlen(r->suffix);
    if (measure(w, s) > 0) {
      memcpy(w + s, r->repl, strlen(r->repl));
      len = s + strlen(r->repl);
    }
  }
  if ((r = longest(w, len, step3)) != NULL) {
    s = len - strlen(r->suffix);
    if (measure(w, s) > 0) {
      memcpy(w + s, r->repl, strlen(r->repl));
      len = s + strlen(r->repl);
    }
  }

  /* step 4, in ROUGE's order: the list, then -ment, then -ent or -ion;
     each may strip what the one before left ("basement" -> "basem") */
  if ((r = longest(w, len, step4)) != NULL) {
    s = len - strlen(r->suffix);
    if (measure(w, s) > 1) len = s;
  }
  if (ends(w, len, "ment") && measure(w, len - 4) > 1) len -= 4;
  if (ends(w, len, "ent")) {
    if (measure(w, len - 3) > 1) len -= 3;
  } else if (ends(w, len, "sion") || ends(w, len, "tion")) {
    if (measure(w, len - 3) > 1) len -= 3;
  }

  /* step 5 */
  if (len >= 1 && w[len - 1] == 'e') {
    int m = measure(w, len - 1);
    if (m > 1 || (m == 1 && !is_cvc(w, len - 1))) len -= 1;
  }
  if (ends(w, len, "ll") && measure(w, len) > 1) len -= 1;

  if (initial_y) w[0] = 'y';
  return len;
}

/* ======================================================================
** Tokens. ROUGE lowercases A-Z, turns every byte that is not [A-Za-z0-9]
** into a space (hyphens become tokens of their own, which its
** /^[a-z0-9\$]/ filter then drops), so a token is a run of [a-z0-9].
** With stemming, tokens longer than 3 bytes are looked up in the WordNet
** exception list, else Porter-stemmed. Each distinct token gets an id.
** ====================================================================== */

typedef struct vocab {
  arena *a;
  int exc;            /* stack index of the exceptions table, or 0 */
  int stem;
  size_t cap, count;  /* open addressing, cap a power of two */
  const char **keys;
  size_t *lens;
  unsigned *ids;
} vocab;

static uint64_t fnv(const char *s, size_t n) {
  uint64_t h = 14695981039346656037u;
  size_t i;
  for (i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211u;
  }
  return h;
}

static void vocab_grow(lua_State *L, vocab *v) {
  size_t ncap = v->cap ? v->cap * 2 : 1024, i;
  const char **keys = (const char **)arena_alloc(L, v->a, ncap, sizeof *keys);
  size_t *lens = (size_t *)arena_alloc(L, v->a, ncap, sizeof *lens);
  unsigned *ids = (unsigned *)arena_alloc(L, v->a, ncap, sizeof *ids);
  memset(keys, 0, ncap * sizeof *keys);
  for (i = 0; i < v->cap; i++) {
    size_t j;
    if (v->keys[i] == NULL) continue;
    j = (size_t)fnv(v->keys[i], v->lens[i]) & (ncap - 1);
    while (keys[j] != NULL) j = (j + 1) & (ncap - 1);
    keys[j] = v->keys[i];
    lens[j] = v->lens[i];
    ids[j] = v->ids[i];
  }
  v->keys = keys;
  v->lens = lens;
  v->ids = ids;
  v->cap = ncap;
}

static unsigned vocab_id(lua_State *L, vocab *v, const char *s, size_t n) {
  size_t j;
  if (2 * (v->count + 1) > v->cap) vocab_grow(L, v);
  j = (size_t)fnv(s, n) & (v->cap - 1);
  while (v->keys[j] != NULL) {
    if (v->lens[j] == n && memcmp(v->keys[j], s, n) == 0) return v->ids[j];
    j = (j + 1) & (v->cap - 1);
  }
  if (v->count >= MAX_TYPES)
    luaL_error(L, "rouge: more than %d distinct tokens in one comparison", MAX_TYPES);
  {
    char *k = (char *)arena_alloc(L, v->a, n + 1, 1);
    memcpy(k, s, n);
    k[n] = '\0';
    v->keys[j] = k;
    v->lens[j] = n;
    v->ids[j] = (unsigned)++v->count;
  }
  return v->ids[j];
}

/* the id of one raw token (lowercase [a-z0-9]+), after stemming */
static unsigned token_id(lua_State *L, vocab *v, char *tok, size_t n) {
  if (v->stem && n > 3) {
    if (v->exc != 0) {
      tok[n] = '\0';
      if (lua_getfield(L, v->exc, tok) == LUA_TSTRING) {
        size_t en;
        const char *e = lua_tolstring(L, -1, &en);
        unsigned id = vocab_id(L, v, e, en);
        lua_pop(L, 1);
        return id;
      }
      lua_pop(L, 1);
    }
    n = porter(tok, n);
  }
  return vocab_id(L, v, tok, n);
}

static int is_token_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static unsigned char ascii_lower(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

/* a sequence of token ids; a text is a list of lines (units) */
typedef struct seq {
  unsigned *ids;
  size_t len;
} seq;

typedef struct text {
  seq *lines;
  size_t nlines;
  seq all;            /* every line's tokens, joined as ROUGE joins lines */
  size_t maxline;
} text;

/* tokenizes one string into ids (ids must hold len/1 + 1 entries) */
static size_t tokenize(lua_State *L, vocab *v, const char *s, size_t len,
                       unsigned *ids) {
  char tok[MAX_TOKEN + 2]; /* room for the 'e' of step 1b and a NUL */
  size_t i = 0, n = 0;
  while (i < len) {
    size_t t = 0;
    while (i < len && !is_token_byte(ascii_lower((unsigned char)s[i]))) i++;
    if (i >= len) break;
    while (i < len && is_token_byte(ascii_lower((unsigned char)s[i]))) {
      if (t < MAX_TOKEN) tok[t++] = (char)ascii_lower((unsigned char)s[i]);
      i++;
    }
    ids[n++] = token_id(L, v, tok, t);
  }
  return n;
}

/* reads the array of strings at stack index idx into a text */
static void read_text(lua_State *L, vocab *v, int idx, text *t, const char *what) {
  size_t k, total = 0, nl;
  luaL_checktype(L, idx, LUA_TTABLE);
  nl = (size_t)lua_rawlen(L, idx);
  t->lines = (seq *)arena_alloc(L, v->a, nl, sizeof *t->lines);
  t->nlines = nl;
  t->maxline = 0;
  for (k = 0; k < nl; k++) {
    size_t len;
    const char *s;
    lua_rawgeti(L, idx, (lua_Integer)k + 1);
    s = lua_tolstring(L, -1, &len);
    if (s == NULL) luaL_error(L, "rouge: %s line %d is not a string", what, (int)k + 1);
    t->lines[k].ids = (unsigned *)arena_alloc(L, v->a, len / 2 + 1, sizeof(unsigned));
    t->lines[k].len = tokenize(L, v, s, len, t->lines[k].ids);
    if (t->lines[k].len > t->maxline) t->maxline = t->lines[k].len;
    total += t->lines[k].len;
    lua_pop(L, 1);
  }
  t->all.ids = (unsigned *)arena_alloc(L, v->a, total + 1, sizeof(unsigned));
  t->all.len = 0;
  for (k = 0; k < nl; k++) {
    memcpy(t->all.ids + t->all.len, t->lines[k].ids, t->lines[k].len * sizeof(unsigned));
    t->all.len += t->lines[k].len;
  }
}

/* ======================================================================
** Counting. Each gram is a 64-bit key; hits are the clipped overlap of
** two sorted key lists, as ROUGE's min(peer count, model count).
** ====================================================================== */

typedef struct grams {
  uint64_t *keys;
  size_t n;
} grams;

static int cmp_key(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return (x > y) - (x < y);
}

static void ngrams(lua_State *L, arena *a, const seq *s, int n, grams *g) {
  size_t i, count = s->len >= (size_t)n ? s->len - (size_t)n + 1 : 0;
  g->keys = (uint64_t *)arena_alloc(L, a, count, sizeof *g->keys);
  g->n = count;
  for (i = 0; i < count; i++) {
    uint64_t k = 0;
    int j;
    for (j = 0; j < n; j++) k = (k << 16) | s->ids[i + (size_t)j];
    g->keys[i] = k;
  }
  qsort(g->keys, g->n, sizeof *g->keys, cmp_key);
}

/*
** Skip bigrams with at most `skip` words between (skip < 0: no limit),
** plus unigrams when `unigrams`. As in ROUGE-1.5.5, the last token adds
** no unigram: its loop stops one short.
*/
static void skipgrams(lua_State *L, arena *a, const seq *s, long skip,
                      int unigrams, grams *g) {
  size_t i, count = 0, cap;
  size_t len = s->len;
  size_t span = (skip < 0) ? len : (size_t)skip + 1;
  if (len < 2) {
    g->keys = NULL;
    g->n = 0;
    return;
  }
  cap = (len - 1) * ((span < len ? span : len) + 1);
  g->keys = (uint64_t *)arena_alloc(L, a, cap, sizeof *g->keys);
  for (i = 0; i + 1 < len; i++) {
    size_t j;
    if (unigrams) g->keys[count++] = s->ids[i];
    for (j = i + 1; j < len && j - i <= span; j++)
      g->keys[count++] = ((uint64_t)s->ids[i] << 16) | s->ids[j];
  }
  g->n = count;
  qsort(g->keys, g->n, sizeof *g->keys, cmp_key);
}

static size_t overlap(const grams *p, const grams *m) {
  size_t i = 0, j = 0, hit = 0;
  while (i < p->n && j < m->n) {
    if (p->keys[i] < m->keys[j]) i++;
    else if (p->keys[i] > m->keys[j]) j++;
    else {
      uint64_t k = p->keys[i];
      size_t cp = 0, cm = 0;
      while (i < p->n && p->keys[i] == k) { i++; cp++; }
      while (j < m->n && m->keys[j] == k) { j++; cm++; }
      hit += cp < cm ? cp : cm;
    }
  }
  return hit;
}

/*
** Marks in mask the model positions of one LCS of model and peer, taking
** the same path as ROUGE's backtrace: up ('^') on ties.
*/
static void lcs_mark(const seq *model, const seq *peer, unsigned char *mask,
                     unsigned char *dir, unsigned *prev, unsigned *cur) {
  size_t m = model->len, n = peer->len, i, j;
  if (m == 0 || n == 0) return;
  for (j = 0; j <= n; j++) prev[j] = 0;
  for (i = 1; i <= m; i++) {
    cur[0] = 0;
    for (j = 1; j <= n; j++) {
      unsigned char d;
      if (model->ids[i - 1] == peer->ids[j - 1]) {
        cur[j] = prev[j - 1] + 1;
        d = 0;
      } else if (prev[j] >= cur[j - 1]) {
        cur[j] = prev[j];
        d = 1;
      } else {
        cur[j] = cur[j - 1];
        d = 2;
      }
      dir[(i - 1) * n + (j - 1)] = d;
    }
    memcpy(prev, cur, (n + 1) * sizeof *prev);
  }
  i = m;
  j = n;
  while (i != 0 && j != 0) {
    unsigned char d = dir[(i - 1) * n + (j - 1)];
    if (d == 0) { i--; j--; mask[i] = 1; }
    else if (d == 1) i--;
    else j--;
  }
}

/*
** Summary-level LCS of ROUGE-1.5.5: each model sentence takes the union of
** its LCS with every peer sentence; a hit counts only while the word is
** still unspent in both texts' unigram counts, so no word counts twice.
*/
static size_t lcs_hits(lua_State *L, arena *a, const text *peer,
                       const text *model, size_t ntypes) {
  size_t *pc = (size_t *)arena_alloc(L, a, ntypes + 1, sizeof *pc);
  size_t *mc = (size_t *)arena_alloc(L, a, ntypes + 1, sizeof *mc);
  unsigned char *mask = (unsigned char *)arena_alloc(L, a, model->maxline + 1, 1);
  size_t cells = (model->maxline + 1) * (peer->maxline + 1);
  unsigned char *dir = (unsigned char *)arena_alloc(L, a, cells, 1);
  unsigned *prev = (unsigned *)arena_alloc(L, a, peer->maxline + 1, sizeof *prev);
  unsigned *cur = (unsigned *)arena_alloc(L, a, peer->maxline + 1, sizeof *cur);
  size_t i, k, hit = 0;
  memset(pc, 0, (ntypes + 1) * sizeof *pc);
  memset(mc, 0, (ntypes + 1) * sizeof *mc);
  for (i = 0; i < peer->all.len; i++) pc[peer->all.ids[i]]++;
  for (i = 0; i < model->all.len; i++) mc[model->all.ids[i]]++;
  for (k = 0; k < model->nlines; k++) {
    const seq *ms = &model->lines[k];
    size_t j;
    memset(mask, 0, ms->len + 1);
    for (j = 0; j < peer->nlines; j++)
      lcs_mark(ms, &peer->lines[j], mask, dir, prev, cur);
    for (i = 0; i < ms->len; i++) {
      unsigned w = ms->ids[i];
      if (mask[i] && mc[w] > 0 && pc[w] > 0) {
        hit++;
        mc[w]--;
        pc[w]--;
      }
    }
  }
  return hit;
}

/* ======================================================================
** Lua interface
** ====================================================================== */

static void push_counts(lua_State *L, size_t hit, size_t model, size_t peer) {
  lua_createtable(L, 0, 3);
  lua_pushinteger(L, (lua_Integer)hit);
  lua_setfield(L, -2, "hit");
  lua_pushinteger(L, (lua_Integer)model);
  lua_setfield(L, -2, "model");
  lua_pushinteger(L, (lua_Integer)peer);
  lua_setfield(L, -2, "peer");
}

static int opt_field_int(lua_State *L, int idx, const char *k, lua_Integer dflt,
                         lua_Integer *out) {
  int t = lua_getfield(L, idx, k);
  int present = (t != LUA_TNIL);
  if (present) {
    int isnum;
    *out = lua_tointegerx(L, -1, &isnum);
    if (!isnum) luaL_error(L, "rouge: option '%s' must be an integer", k);
  } else {
    *out = dflt;
  }
  lua_pop(L, 1);
  return present;
}

static int opt_field_bool(lua_State *L, int idx, const char *k) {
  int b;
  lua_getfield(L, idx, k);
  b = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return b;
}

/*
** count(peer_lines, {ref_lines, ...}, opts) -> counts
** opts: n (1..4, default 4), stem (boolean), exceptions (table word ->
** base form, used with stem), skip (gap for skip bigrams; absent = none,
** negative = unlimited), unigrams (add unigrams to skip bigrams, as -u),
** lcs (default true).
** counts: rouge_1 .. rouge_n, rouge_l, rouge_s: each a list with one
** {hit=, model=, peer=} per reference, in reference order.
*/
static int l_count(lua_State *L) {
  vocab v;
  text peer, *refs;
  size_t nrefs, r;
  lua_Integer n, skip = 0;
  int has_skip, unigrams, do_lcs, k, top;
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, 2, LUA_TTABLE);
  if (lua_isnoneornil(L, 3)) {
    lua_settop(L, 2);
    lua_newtable(L);
  }
  luaL_checktype(L, 3, LUA_TTABLE);
  lua_settop(L, 3);
  opt_field_int(L, 3, "n", MAX_N, &n);
  if (n < 1 || n > MAX_N) luaL_error(L, "rouge: n must be between 1 and %d", MAX_N);
  has_skip = opt_field_int(L, 3, "skip", 0, &skip);
  unigrams = opt_field_bool(L, 3, "unigrams");
  lua_getfield(L, 3, "lcs");
  do_lcs = lua_isnil(L, -1) ? 1 : lua_toboolean(L, -1);
  lua_pop(L, 1);

  memset(&v, 0, sizeof v);
  v.stem = opt_field_bool(L, 3, "stem");
  lua_getfield(L, 3, "exceptions"); /* stays at index 4 */
  if (lua_istable(L, 4)) v.exc = 4;
  else if (!lua_isnil(L, 4)) luaL_error(L, "rouge: option 'exceptions' must be a table");
  v.a = arena_new(L); /* index 5 */

  read_text(L, &v, 1, &peer, "summary");
  nrefs = (size_t)lua_rawlen(L, 2);
  refs = (text *)arena_alloc(L, v.a, nrefs, sizeof *refs);
  for (r = 0; r < nrefs; r++) {
    lua_rawgeti(L, 2, (lua_Integer)r + 1);
    read_text(L, &v, lua_gettop(L), &refs[r], "reference");
    lua_pop(L, 1);
  }

  lua_createtable(L, 0, (int)n + 2);
  top = lua_gettop(L);
  for (k = 1; k <= (int)n; k++) {
    grams pg;
    ngrams(L, v.a, &peer.all, k, &pg);
    lua_createtable(L, (int)nrefs, 0);
    for (r = 0; r < nrefs; r++) {
      grams mg;
      ngrams(L, v.a, &refs[r].all, k, &mg);
      push_counts(L, overlap(&pg, &mg), mg.n, pg.n);
      lua_rawseti(L, -2, (lua_Integer)r + 1);
    }
    lua_pushfstring(L, "rouge_%d", k);
    lua_insert(L, -2);
    lua_settable(L, top);
  }
  if (do_lcs) {
    lua_createtable(L, (int)nrefs, 0);
    for (r = 0; r < nrefs; r++) {
      push_counts(L, lcs_hits(L, v.a, &peer, &refs[r], v.count),
                  refs[r].all.len, peer.all.len);
      lua_rawseti(L, -2, (lua_Integer)r + 1);
    }
    lua_setfield(L, top, "rouge_l");
  }
  if (has_skip) {
    grams pg;
    skipgrams(L, v.a, &peer.all, (long)skip, unigrams, &pg);
    lua_createtable(L, (int)nrefs, 0);
    for (r = 0; r < nrefs; r++) {
      grams mg;
      skipgrams(L, v.a, &refs[r].all, (long)skip, unigrams, &mg);
      push_counts(L, overlap(&pg, &mg), mg.n, pg.n);
      lua_rawseti(L, -2, (lua_Integer)r + 1);
    }
    lua_setfield(L, top, "rouge_s");
  }
  return 1;
}

/* tokens(text [, stem [, exceptions]]) -> list of tokens as ROUGE sees them */
static int l_tokens(lua_State *L) {
  size_t len, i, n;
  const char *s = luaL_checklstring(L, 1, &len);
  vocab v;
  unsigned *ids;
  const char **byid;
  memset(&v, 0, sizeof v);
  v.stem = lua_toboolean(L, 2);
  lua_settop(L, 3);
  if (lua_istable(L, 3)) v.exc = 3;
  else if (!lua_isnil(L, 3)) luaL_argerror(L, 3, "table expected");
  v.a = arena_new(L);
  ids = (unsigned *)arena_alloc(L, v.a, len / 2 + 1, sizeof *ids);
  n = tokenize(L, &v, s, len, ids);
  byid = (const char **)arena_alloc(L, v.a, v.count + 1, sizeof *byid);
  for (i = 0; i < v.cap; i++)
    if (v.keys[i] != NULL) byid[v.ids[i]] = v.keys[i];
  lua_createtable(L, (int)n, 0);
  for (i = 0; i < n; i++) {
    lua_pushstring(L, byid[ids[i]]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

/* stem(word) -> ROUGE's Porter stem of a lowercase word, no exceptions */
static int l_stem(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  char buf[MAX_TOKEN + 2];
  if (len > MAX_TOKEN) {
    lua_pushvalue(L, 1);
    return 1;
  }
  memcpy(buf, s, len);
  len = porter(buf, len);
  lua_pushlstring(L, buf, len);
  return 1;
}

static const luaL_Reg funcs[] = {
  {"count", l_count},
  {"tokens", l_tokens},
  {"stem", l_stem},
  {NULL, NULL}
};

ROUGE_API int luaopen_precis_rouge(lua_State *L);

ROUGE_API int luaopen_precis_rouge(lua_State *L) {
  luaL_newlib(L, funcs);
  lua_pushliteral(L, "ROUGE-1.5.5 counting");
  lua_setfield(L, -2, "_VERSION");
  return 1;
}
