/*
** lrouge.c: the counting half of ROUGE-1.5.5, the table "rouge" of the Lua
** module precis.core. Tokenizes, stems, and counts n-gram, skip-bigram and
** summary-level LCS hits the way ROUGE-1.5.5.pl does, resamples averages
** with its bootstrap, and reads what `summarize rouge` needs (folders,
** JSON Lines, UTF-8 checks). lua/precis/rouge.lua turns counts into
** scores; eval/README.md says what "the way ROUGE-1.5.5 does" means.
*/
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <json-c/json.h>

#include "lua.h"
#include "lauxlib.h"
#include "luacompat.h" /* one source for Lua 5.1 to 5.4 and LuaJIT */

#include "internal.h" /* UTF-8 checks */
#include "lrouge.h"

/* ROUGE-N up to 4, as make eval-rouge checks */
#define MAX_N 4
/* a token on the stack up to this length; longer ones go to the arena */
#define MAX_TOKEN 255
/* ROUGE-L keeps one direction per cell of a sentence pair: 2^27 cells is
** 128 MiB, two sentences of some 11,000 words each */
#define MAX_PAIR_CELLS (1u << 27)
/* ...and compares every reference word with every summary word: about a
** second of work per 10^9 cells */
#define MAX_DOC_CELLS 1e9
/* nesting of a JSON Lines record, as summarize batch allows */
#define JSON_DEPTH 64

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
    if (b == NULL) luaL_error(L, "not enough memory");
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
  size_t n = strlen(s); /* s is one of our suffixes */
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
** Stems w (lowercase) in place; returns the new length. w must have room
** for one more byte (step 1b may add an 'e').
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
               w[len - 1] != 'y' && w[len - 1] != 'l' && w[len - 1] != 's' &&
               w[len - 1] != 'z') {
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
** With -s, a token of the stop list is dropped first. With stemming,
** tokens longer than 3 bytes are looked up in the WordNet exception
** list, else Porter-stemmed. Each distinct token gets an id.
** ====================================================================== */

typedef struct vocab {
  arena *a;
  int exc;            /* stack index of the exceptions table, or 0 */
  int stop;           /* stack index of the stopword set, or 0 */
  int stem;
  unsigned bits;      /* bits per id in a packed gram */
  size_t max_types;   /* 2^bits - 1 */
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
  if (v->count >= v->max_types)
    luaL_error(L, "rouge: more than %d distinct words in one comparison", (int)v->max_types);
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

/* 1 when tok (NUL-terminated) is a key of the table at stack index t */
static int in_table(lua_State *L, int t, const char *tok) {
  int found = lua_getfield(L, t, tok) != LUA_TNIL;
  lua_pop(L, 1);
  return found;
}

/* The id of one raw token (lowercase [a-z0-9]+, NUL-terminated, with room
** for one more byte) after stemming, or 0 for a stopword. */
static unsigned token_id(lua_State *L, vocab *v, char *tok, size_t n) {
  if (v->stop != 0 && in_table(L, v->stop, tok)) return 0;
  if (v->stem && n > 3) {
    if (v->exc != 0) {
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

static unsigned char ascii_lower(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

static int is_token_byte(unsigned char c) {
  c = ascii_lower(c);
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* a sequence of token ids; a text is a list of units (ROUGE-L's lines) */
typedef struct seq {
  unsigned *ids;
  size_t len;
} seq;

typedef struct text {
  seq *units;         /* ROUGE-L's sentences (readText_LCS) */
  size_t nunits, maxunit, unit_total;
  seq all;            /* what n-grams are counted in (readText) */
} text;

/* tokenizes s into ids (room for len/2 + 1 of them); returns the count */
static size_t tokenize(lua_State *L, vocab *v, const char *s, size_t len,
                       unsigned *ids) {
  char stack[MAX_TOKEN + 2]; /* room for the 'e' of step 1b and a NUL */
  size_t i = 0, n = 0;
  while (i < len) {
    size_t start, t, k;
    char *tok = stack;
    unsigned id;
    while (i < len && !is_token_byte((unsigned char)s[i])) i++;
    if (i >= len) break;
    start = i;
    while (i < len && is_token_byte((unsigned char)s[i])) i++;
    t = i - start;
    if (t > MAX_TOKEN) tok = (char *)arena_alloc(L, v->a, t + 2, 1);
    for (k = 0; k < t; k++) tok[k] = (char)ascii_lower((unsigned char)s[start + k]);
    tok[t] = '\0';
    if ((id = token_id(L, v, tok, t)) != 0) ids[n++] = id;
  }
  return n;
}

static void tokenize_seq(lua_State *L, vocab *v, const char *s, size_t len, seq *q) {
  q->ids = (unsigned *)arena_alloc(L, v->a, len / 2 + 1, sizeof(unsigned));
  q->len = tokenize(L, v, s, len, q->ids);
}

/*
** Reads the table at stack index idx into a text: its items are the
** units; its field "joined", when present, is the text n-grams are
** counted in (ROUGE reads it apart when a length limit applies), else the
** units joined.
*/
static void read_text(lua_State *L, vocab *v, int idx, text *t, const char *what) {
  size_t k, nl;
  if (!lua_istable(L, idx)) luaL_error(L, "rouge: a %s must be a table", what);
  nl = (size_t)lua_rawlen(L, idx);
  t->units = (seq *)arena_alloc(L, v->a, nl, sizeof *t->units);
  t->nunits = nl;
  t->maxunit = t->unit_total = 0;
  for (k = 0; k < nl; k++) {
    size_t len;
    const char *s;
    lua_rawgeti(L, idx, (lua_Integer)k + 1);
    if (lua_type(L, -1) != LUA_TSTRING)
      luaL_error(L, "rouge: %s line %d is not a string", what, (int)k + 1);
    s = lua_tolstring(L, -1, &len);
    tokenize_seq(L, v, s, len, &t->units[k]);
    if (t->units[k].len > t->maxunit) t->maxunit = t->units[k].len;
    t->unit_total += t->units[k].len;
    lua_pop(L, 1);
  }
  lua_getfield(L, idx, "joined");
  if (lua_type(L, -1) == LUA_TSTRING) {
    size_t len;
    const char *s = lua_tolstring(L, -1, &len);
    tokenize_seq(L, v, s, len, &t->all);
  } else {
    if (!lua_isnil(L, -1)) luaL_error(L, "rouge: a %s's 'joined' must be a string", what);
    t->all.ids = (unsigned *)arena_alloc(L, v->a, t->unit_total + 1, sizeof(unsigned));
    t->all.len = 0;
    for (k = 0; k < nl; k++) {
      memcpy(t->all.ids + t->all.len, t->units[k].ids, t->units[k].len * sizeof(unsigned));
      t->all.len += t->units[k].len;
    }
  }
  lua_pop(L, 1);
}

/* ======================================================================
** Counting. Each gram is a 64-bit key, its ids packed `bits` bits
** apart; hits are the clipped overlap of two sorted key lists, as
** ROUGE's min(peer count, model count).
** ====================================================================== */

typedef struct grams {
  uint64_t *keys;
  size_t n;
} grams;

static int cmp_key(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return (x > y) - (x < y);
}

static void ngrams(lua_State *L, const vocab *v, const seq *s, int n, grams *g) {
  size_t i, count = s->len >= (size_t)n ? s->len - (size_t)n + 1 : 0;
  g->keys = (uint64_t *)arena_alloc(L, v->a, count, sizeof *g->keys);
  g->n = count;
  for (i = 0; i < count; i++) {
    uint64_t k = 0;
    int j;
    for (j = 0; j < n; j++) k = (k << v->bits) | s->ids[i + (size_t)j];
    g->keys[i] = k;
  }
  qsort(g->keys, g->n, sizeof *g->keys, cmp_key);
}

/*
** Skip bigrams with at most `skip` words between (skip < 0: no limit),
** plus unigrams when `unigrams`. As in ROUGE-1.5.5's createSkipBigram,
** the last token starts no pair and so adds no unigram: its loop stops
** one short. A unigram's key is its id, below 2^bits; a pair's is at
** least 2^bits (ids start at 1), so the two never meet.
*/
static void skipgrams(lua_State *L, const vocab *v, const seq *s, long skip,
                      int unigrams, grams *g) {
  size_t i, count = 0, cap, len = s->len;
  size_t span = (skip < 0) ? len : (size_t)skip + 1;
  if (len < 2) {
    g->keys = NULL;
    g->n = 0;
    return;
  }
  if (span > len) span = len;
  if (len - 1 > SIZE_MAX / 8 / (span + 1)) luaL_error(L, "rouge: input too large");
  cap = (len - 1) * (span + 1);
  g->keys = (uint64_t *)arena_alloc(L, v->a, cap, sizeof *g->keys);
  for (i = 0; i + 1 < len; i++) {
    size_t j;
    if (unigrams) g->keys[count++] = s->ids[i];
    for (j = i + 1; j < len && j - i <= span; j++)
      g->keys[count++] = ((uint64_t)s->ids[i] << v->bits) | s->ids[j];
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
** Summary-level LCS of ROUGE-1.5.5: each model unit takes the union of
** its LCS with every peer unit; a hit counts only while the word is
** still unspent in both texts' unigram counts (of what n-grams are
** counted in), so no word counts twice.
*/
static size_t lcs_hits(lua_State *L, const vocab *v, const text *peer,
                       const text *model) {
  arena *a = v->a;
  size_t ntypes = v->count;
  size_t *pc = (size_t *)arena_alloc(L, a, ntypes + 1, sizeof *pc);
  size_t *mc = (size_t *)arena_alloc(L, a, ntypes + 1, sizeof *mc);
  unsigned char *mask = (unsigned char *)arena_alloc(L, a, model->maxunit + 1, 1);
  unsigned char *dir = (unsigned char *)arena_alloc(L, a,
                          model->maxunit * peer->maxunit + 1, 1);
  unsigned *prev = (unsigned *)arena_alloc(L, a, peer->maxunit + 1, sizeof *prev);
  unsigned *cur = (unsigned *)arena_alloc(L, a, peer->maxunit + 1, sizeof *cur);
  size_t i, k, hit = 0;
  memset(pc, 0, (ntypes + 1) * sizeof *pc);
  memset(mc, 0, (ntypes + 1) * sizeof *mc);
  for (i = 0; i < peer->all.len; i++) pc[peer->all.ids[i]]++;
  for (i = 0; i < model->all.len; i++) mc[model->all.ids[i]]++;
  for (k = 0; k < model->nunits; k++) {
    const seq *ms = &model->units[k];
    size_t j;
    memset(mask, 0, ms->len + 1);
    for (j = 0; j < peer->nunits; j++)
      lcs_mark(ms, &peer->units[j], mask, dir, prev, cur);
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

/* What ROUGE-L costs for this peer and model, or an error before it is paid. */
static void lcs_check(lua_State *L, const text *peer, const text *model) {
  double cells = (double)peer->unit_total * (double)model->unit_total;
  if ((double)peer->maxunit * (double)model->maxunit > (double)MAX_PAIR_CELLS)
    luaL_error(L, "rouge: ROUGE-L of a sentence of %d words against one of %d words "
               "is too costly (one sentence per line?)",
               (int)model->maxunit, (int)peer->maxunit);
  if (cells > MAX_DOC_CELLS)
    luaL_error(L, "rouge: ROUGE-L of a summary of %d words against a reference of %d words "
               "is too costly (over 10^9 word pairs)",
               (int)peer->unit_total, (int)model->unit_total);
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

/* opts.exceptions and opts.stopwords: a table left at its stack index */
static int opt_table(lua_State *L, int opts, const char *k) {
  lua_getfield(L, opts, k);
  if (lua_istable(L, -1)) return lua_gettop(L);
  if (!lua_isnil(L, -1) && !(lua_isboolean(L, -1) && !lua_toboolean(L, -1)))
    luaL_error(L, "rouge: option '%s' must be a table", k);
  return 0;
}

static void vocab_init(lua_State *L, vocab *v, int opts, int n) {
  memset(v, 0, sizeof *v);
  v->stem = opt_field_bool(L, opts, "stem");
  v->exc = opt_table(L, opts, "exceptions");
  v->stop = opt_table(L, opts, "stopwords");
  v->bits = 64 / (unsigned)(n > 2 ? n : 2); /* 32 bits for words and pairs */
  if (v->bits > 31) v->bits = 31;            /* ids are unsigned */
  v->max_types = ((size_t)1 << v->bits) - 1;
  v->a = arena_new(L);
}

/*
** count(peer, {ref, ...}, opts) -> counts
** peer and each ref: a list of units (ROUGE-L's sentences), and optionally
** "joined", the text n-grams are counted in (default: the units joined).
** opts: n (1..4, default 4), stem (boolean), exceptions (word -> base
** form, used with stem), stopwords (set of words dropped), skip (gap of
** skip bigrams; absent = none, negative = unlimited), unigrams (add
** unigrams to skip bigrams, as -u), lcs (default true).
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
  vocab_init(L, &v, 3, (int)n);

  read_text(L, &v, 1, &peer, "summary");
  nrefs = (size_t)lua_rawlen(L, 2);
  refs = (text *)arena_alloc(L, v.a, nrefs, sizeof *refs);
  for (r = 0; r < nrefs; r++) {
    lua_rawgeti(L, 2, (lua_Integer)r + 1);
    read_text(L, &v, lua_gettop(L), &refs[r], "reference");
    lua_pop(L, 1);
  }
  if (do_lcs)
    for (r = 0; r < nrefs; r++) lcs_check(L, &peer, &refs[r]);

  lua_createtable(L, 0, (int)n + 2);
  top = lua_gettop(L);
  for (k = 1; k <= (int)n; k++) {
    grams pg;
    ngrams(L, &v, &peer.all, k, &pg);
    lua_pushfstring(L, "rouge_%d", k);
    lua_createtable(L, (int)nrefs, 0);
    for (r = 0; r < nrefs; r++) {
      grams mg;
      ngrams(L, &v, &refs[r].all, k, &mg);
      push_counts(L, overlap(&pg, &mg), mg.n, pg.n);
      lua_rawseti(L, -2, (int)r + 1);
    }
    lua_settable(L, top);
  }
  if (do_lcs) { /* recall over the model's units; precision over what the peer counts */
    lua_createtable(L, (int)nrefs, 0);
    for (r = 0; r < nrefs; r++) {
      push_counts(L, lcs_hits(L, &v, &peer, &refs[r]), refs[r].unit_total, peer.all.len);
      lua_rawseti(L, -2, (int)r + 1);
    }
    lua_setfield(L, top, "rouge_l");
  }
  if (has_skip) {
    grams pg;
    skipgrams(L, &v, &peer.all, (long)skip, unigrams, &pg);
    lua_createtable(L, (int)nrefs, 0);
    for (r = 0; r < nrefs; r++) {
      grams mg;
      skipgrams(L, &v, &refs[r].all, (long)skip, unigrams, &mg);
      push_counts(L, overlap(&pg, &mg), mg.n, pg.n);
      lua_rawseti(L, -2, (int)r + 1);
    }
    lua_setfield(L, top, "rouge_s");
  }
  return 1;
}

/* tokens(text [, opts]) -> list of tokens as ROUGE counts them; opts as count's */
static int l_tokens(lua_State *L) {
  size_t len, i;
  const char *s = luaL_checklstring(L, 1, &len);
  vocab v;
  seq q;
  const char **byid;
  if (lua_isnoneornil(L, 2)) {
    lua_settop(L, 1);
    lua_newtable(L);
  }
  luaL_checktype(L, 2, LUA_TTABLE);
  lua_settop(L, 2);
  vocab_init(L, &v, 2, 1);
  tokenize_seq(L, &v, s, len, &q);
  byid = (const char **)arena_alloc(L, v.a, v.count + 1, sizeof *byid);
  for (i = 0; i < v.cap; i++)
    if (v.keys[i] != NULL) byid[v.ids[i]] = v.keys[i];
  lua_createtable(L, (int)q.len, 0);
  for (i = 0; i < q.len; i++) {
    lua_pushstring(L, byid[q.ids[i]]);
    lua_rawseti(L, -2, (int)i + 1);
  }
  return 1;
}

/* stem(word) -> ROUGE's Porter stem of a lowercase word, no exceptions */
static int l_stem(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  char *w = (char *)lua_newuserdatauv(L, len + 1, 0); /* a scratch copy */
  memcpy(w, s, len);
  lua_pushlstring(L, w, porter(w, len));
  return 1;
}

/* ----------------------------------------------------------------------
** The bootstrap of ROUGE-1.5.5's computeAverages: resample i draws N
** documents with Perl's rand after srand(i), i = 0 .. R-1. Perl (5.20 and
** later) has its own drand48 on every platform: a 48-bit linear
** congruential generator seeded with (seed << 16) + 0x330E, and rand(N)
** is N times the state over 2^48. So ROUGE's averages and intervals come
** out the same here, given the documents in the same order.
** ---------------------------------------------------------------------- */

#define DRAND48_MULT UINT64_C(0x5DEECE66D)
#define DRAND48_ADD 0xB
#define DRAND48_MASK ((UINT64_C(1) << 48) - 1)

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* sorted[k], or 0 past the end, as Perl reads an array */
static double at(const double *sorted, size_t n, double k) {
  return (k >= 0 && k < (double)n) ? sorted[(size_t)k] : 0.0;
}

/*
** bootstrap(values, k, resamples [, confidence]) -> { {mean=, lo=, hi=}, ... }
** values: N documents' k figures, document after document (N * k numbers).
** Each figure's resample means are sorted; mean is their average (what
** ROUGE-1.5.5 prints as Average_X), lo and hi the interval at
** `confidence` percent (default 95), interpolated as ROUGE does.
*/
static int l_bootstrap(lua_State *L) {
  lua_Integer kk = luaL_checkinteger(L, 2), rr = luaL_checkinteger(L, 3);
  lua_Number conf = luaL_optnumber(L, 4, 95);
  size_t n, k, r, total, i, f;
  double *v, *means, *sums, delta, ratio;
  double ci_ua, ci_la;
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_argcheck(L, kk >= 1 && kk <= 64, 2, "between 1 and 64 figures");
  luaL_argcheck(L, rr >= 1 && rr <= 1000000, 3, "between 1 and 1000000 resamples");
  luaL_argcheck(L, conf >= 0 && conf <= 100, 4, "a percentage");
  k = (size_t)kk;
  r = (size_t)rr;
  total = (size_t)lua_rawlen(L, 1);
  luaL_argcheck(L, total >= k && total % k == 0, 1, "N * k numbers");
  n = total / k;
  v = (double *)lua_newuserdatauv(L, (total + r * k + k) * sizeof(double), 0);
  means = v + total;     /* r means per figure, figure after figure */
  sums = means + r * k;
  for (i = 0; i < total; i++) {
    lua_rawgeti(L, 1, (lua_Integer)i + 1);
    v[i] = lua_tonumber(L, -1);
    lua_pop(L, 1);
  }
  for (i = 0; i < r; i++) {
    uint64_t state = ((uint64_t)(uint32_t)i << 16) + 0x330E;
    size_t d;
    for (f = 0; f < k; f++) sums[f] = 0;
    for (d = 0; d < n; d++) {
      size_t pick;
      state = (state * DRAND48_MULT + DRAND48_ADD) & DRAND48_MASK;
      pick = (size_t)((double)n * ldexp((double)state, -48));
      for (f = 0; f < k; f++) sums[f] += v[pick * k + f];
    }
    for (f = 0; f < k; f++) means[f * r + i] = sums[f] / (double)n;
  }
  /* ROUGE's interval: the (100-c)/2 % point from each end, interpolated */
  delta = (double)r * ((100 - conf) / 2.0) / 100.0;
  ci_ua = trunc((double)r - delta - 1); /* Perl's int() */
  ci_la = trunc(delta);
  ratio = (double)r - delta - 1 - ci_ua;
  lua_createtable(L, (int)k, 0);
  for (f = 0; f < k; f++) {
    double *m = means + f * r, avg = 0;
    qsort(m, r, sizeof *m, cmp_double);
    for (i = 0; i < r; i++) avg += m[i]; /* in sorted order, as ROUGE sums */
    lua_createtable(L, 0, 3);
    lua_pushnumber(L, avg / (double)r);
    lua_setfield(L, -2, "mean");
    lua_pushnumber(L, at(m, r, ci_la) + (at(m, r, ci_la + 1) - at(m, r, ci_la)) * ratio);
    lua_setfield(L, -2, "lo");
    lua_pushnumber(L, at(m, r, ci_ua) + (at(m, r, ci_ua + 1) - at(m, r, ci_ua)) * ratio);
    lua_setfield(L, -2, "hi");
    lua_rawseti(L, -2, (int)f + 1);
  }
  return 1;
}

/* ----------------------------------------------------------------------
** Reading: UTF-8, JSON, folders
** ---------------------------------------------------------------------- */

/* utf8(s) -> nil when s is valid UTF-8 with no NUL byte; else the
** reason, line, column (from 1, in characters) and byte offset (from 0) */
static int l_utf8(lua_State *L) {
  size_t len, bad = 0, line, col;
  const char *s = luaL_checklstring(L, 1, &len);
  const char *why = NULL;
  const char *nul = (const char *)memchr(s, '\0', len);
  int ok = precisI_utf8_check(s, len, &bad, &why);
  if (nul != NULL && (ok || (size_t)(nul - s) < bad)) {
    bad = (size_t)(nul - s);
    why = "a NUL byte";
  } else if (ok) {
    return 0;
  }
  precisI_utf8_position(s, bad, &line, &col);
  lua_pushstring(L, why);
  lua_pushinteger(L, (lua_Integer)line);
  lua_pushinteger(L, (lua_Integer)col);
  lua_pushinteger(L, (lua_Integer)bad);
  return 4;
}

typedef struct { json_tokener *tok; json_object *obj; } JsonBox;

static void json_free(JsonBox *b) {
  if (b->obj != NULL) json_object_put(b->obj);
  if (b->tok != NULL) json_tokener_free(b->tok);
  b->obj = NULL;
  b->tok = NULL;
}

static int json_gc(lua_State *L) {
  json_free((JsonBox *)lua_touserdata(L, 1));
  return 0;
}

/* pushes the Lua value of o: null is a light userdata (NULL) */
static void push_json(lua_State *L, json_object *o) {
  luaL_checkstack(L, 4, "JSON nesting");
  switch (json_object_get_type(o)) {
    case json_type_null: lua_pushlightuserdata(L, NULL); break;
    case json_type_boolean: lua_pushboolean(L, json_object_get_boolean(o)); break;
    case json_type_int: lua_pushinteger(L, (lua_Integer)json_object_get_int64(o)); break;
    case json_type_double: lua_pushnumber(L, json_object_get_double(o)); break;
    case json_type_string:
      lua_pushlstring(L, json_object_get_string(o), (size_t)json_object_get_string_len(o));
      break;
    case json_type_array: {
      size_t i, n = json_object_array_length(o);
      lua_createtable(L, (int)n, 0);
      for (i = 0; i < n; i++) {
        push_json(L, json_object_array_get_idx(o, i));
        lua_rawseti(L, -2, (int)i + 1);
      }
      break;
    }
    case json_type_object: {
      struct json_object_iterator it = json_object_iter_begin(o);
      struct json_object_iterator end = json_object_iter_end(o);
      lua_createtable(L, 0, json_object_object_length(o));
      while (!json_object_iter_equal(&it, &end)) {
        lua_pushstring(L, json_object_iter_peek_name(&it));
        push_json(L, json_object_iter_peek_value(&it));
        lua_rawset(L, -3);
        json_object_iter_next(&it);
      }
      break;
    }
  }
}

/* json(s) -> the value of the JSON text s | nil, message, byte offset (from 0) */
static int l_json(lua_State *L) {
  size_t len, end;
  const char *s = luaL_checklstring(L, 1, &len);
  JsonBox *b;
  enum json_tokener_error te;
  if (len > INT32_MAX) luaL_argerror(L, 1, "too long");
  b = (JsonBox *)lua_newuserdatauv(L, sizeof *b, 0);
  b->tok = NULL;
  b->obj = NULL;
  if (luaL_newmetatable(L, "precis.rouge.json")) {
    lua_pushcfunction(L, json_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  if ((b->tok = json_tokener_new_ex(JSON_DEPTH)) == NULL) luaL_error(L, "not enough memory");
  json_tokener_set_flags(b->tok, JSON_TOKENER_STRICT);
  b->obj = json_tokener_parse_ex(b->tok, s, (int)len);
  te = json_tokener_get_error(b->tok);
  end = json_tokener_get_parse_end(b->tok);
  if (b->obj == NULL || te != json_tokener_success) {
    lua_pushnil(L);
    lua_pushstring(L, json_tokener_error_desc(te == json_tokener_continue
                                              ? json_tokener_error_parse_eof : te));
    lua_pushinteger(L, (lua_Integer)(end < len ? end : len));
    json_free(b);
    return 3;
  }
  while (end < len && (s[end] == ' ' || s[end] == '\t' || s[end] == '\r' || s[end] == '\n'))
    end++;
  if (end < len) {
    lua_pushnil(L);
    lua_pushliteral(L, "text after the JSON value");
    lua_pushinteger(L, (lua_Integer)end);
    json_free(b);
    return 3;
  }
  push_json(L, b->obj);
  json_free(b);
  return 1;
}

typedef struct { DIR *d; } DirBox;

static void dir_close(DirBox *b) {
  if (b->d != NULL) closedir(b->d);
  b->d = NULL;
}

static int dir_gc(lua_State *L) {
  dir_close((DirBox *)lua_touserdata(L, 1));
  return 0;
}

typedef struct { const char *s; size_t len; int dir; } entry;

static int cmp_entry(const void *a, const void *b) {
  const entry *x = (const entry *)a, *y = (const entry *)b;
  size_t n = x->len < y->len ? x->len : y->len;
  int c = memcmp(x->s, y->s, n);
  return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

/*
** dir(path) -> { {name=, dir=}, ... } in byte order of the names, without
** "." and ".." | nil, message. dir is true for a folder (links followed).
*/
static int l_dir(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  DirBox *b;
  struct dirent *e;
  entry *list;
  size_t n = 0, i;
  lua_settop(L, 1);
  b = (DirBox *)lua_newuserdatauv(L, sizeof *b, 0); /* 2 */
  b->d = NULL;
  if (luaL_newmetatable(L, "precis.rouge.dir")) {
    lua_pushcfunction(L, dir_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  lua_newtable(L); /* 3: name -> is a folder */
  if ((b->d = opendir(path)) == NULL) {
    int en = errno;
    lua_pushnil(L);
    lua_pushstring(L, strerror(en));
    return 2;
  }
  errno = 0;
  while ((e = readdir(b->d)) != NULL) {
    struct stat st;
    const char *name = e->d_name;
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) continue;
    lua_pushfstring(L, "%s/%s", path, name);
    lua_pushstring(L, name);
    lua_pushboolean(L, stat(lua_tostring(L, -2), &st) == 0 && S_ISDIR(st.st_mode));
    lua_rawset(L, 3);
    lua_pop(L, 1);
    n++;
    errno = 0;
  }
  if (errno != 0) {
    int en = errno;
    lua_pushnil(L);
    lua_pushstring(L, strerror(en));
    return 2;
  }
  dir_close(b);
  list = (entry *)lua_newuserdatauv(L, (n + 1) * sizeof *list, 0); /* 4 */
  i = 0;
  lua_pushnil(L);
  while (lua_next(L, 3) != 0) { /* the names stay in table 3 */
    list[i].s = lua_tolstring(L, -2, &list[i].len);
    list[i].dir = lua_toboolean(L, -1);
    i++;
    lua_pop(L, 1);
  }
  qsort(list, n, sizeof *list, cmp_entry);
  lua_createtable(L, (int)n, 0);
  for (i = 0; i < n; i++) {
    lua_createtable(L, 0, 2);
    lua_pushlstring(L, list[i].s, list[i].len);
    lua_setfield(L, -2, "name");
    lua_pushboolean(L, list[i].dir);
    lua_setfield(L, -2, "dir");
    lua_rawseti(L, -2, (int)i + 1);
  }
  return 1;
}

typedef struct { const char *s; size_t len, i; } keyed;

static int cmp_keyed(const void *a, const void *b) {
  const keyed *x = (const keyed *)a, *y = (const keyed *)b;
  size_t n = x->len < y->len ? x->len : y->len;
  int c = memcmp(x->s, y->s, n);
  if (c == 0) c = (x->len > y->len) - (x->len < y->len);
  return c != 0 ? c : (x->i > y->i) - (x->i < y->i);
}

/* order(strings) -> the positions of the strings in their byte order
** (ties in list order): no locale's collation, wherever Lua runs */
static int l_order(lua_State *L) {
  size_t n, i;
  keyed *k;
  luaL_checktype(L, 1, LUA_TTABLE);
  n = (size_t)lua_rawlen(L, 1);
  k = (keyed *)lua_newuserdatauv(L, (n + 1) * sizeof *k, 0);
  for (i = 0; i < n; i++) {
    lua_rawgeti(L, 1, (lua_Integer)i + 1);
    if (lua_type(L, -1) != LUA_TSTRING) luaL_argerror(L, 1, "a list of strings");
    k[i].s = lua_tolstring(L, -1, &k[i].len); /* anchored in the list */
    k[i].i = i;
    lua_pop(L, 1);
  }
  qsort(k, n, sizeof *k, cmp_keyed);
  lua_createtable(L, (int)n, 0);
  for (i = 0; i < n; i++) {
    lua_pushinteger(L, (lua_Integer)k[i].i + 1);
    lua_rawseti(L, -2, (int)i + 1);
  }
  return 1;
}

static const luaL_Reg funcs[] = {
  {"bootstrap", l_bootstrap},
  {"count", l_count},
  {"dir", l_dir},
  {"json", l_json},
  {"order", l_order},
  {"stem", l_stem},
  {"tokens", l_tokens},
  {"utf8", l_utf8},
  {NULL, NULL}
};

int precisI_rouge_open(lua_State *L) {
  luaL_newlib(L, funcs);
  return 1;
}
