/*
** tokenize.c: units -> word counts and content terms. A word is a run of
** letters, marks and digits, with apostrophes inside it ("China's") and
** periods or commas between digits ("1.8", "23,000") kept. Words are case
** folded and NFC-composed (utf8proc), stopwords dropped, and the rest
** stemmed (libstemmer). Each distinct word is folded and stemmed once per
** run: an ASCII word is looked up by its lowercase form, hashed as it is
** read, any other by its bytes. Term ids are given in order of first
** appearance, so they never depend on hashing.
*/
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <utf8proc.h>

#include "internal.h"

/* longer tokens (URLs, base64) are terms as they are, unstemmed */
#define MAX_STEM_BYTES 64
#define NO_TERM UINT32_MAX
#define FNV_BASIS 2166136261u
#define FNV_PRIME 16777619u

typedef struct slot {
  uint32_t hash, off, len, value; /* value: term id or NO_TERM */
} slot;

typedef struct table {
  slot *slots;     /* len == 0 marks an empty slot */
  size_t cap, n;
  precisI_vec pool; /* the keys' bytes */
} table;

static uint32_t fnv(const char *s, size_t n) {
  uint32_t h = FNV_BASIS;
  size_t i;
  for (i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
  return h;
}

static int table_init(table *t, size_t cap) {
  t->cap = cap;
  t->n = 0;
  t->slots = calloc(cap, sizeof *t->slots);
  precisI_vec_init(&t->pool, 1);
  return t->slots != NULL;
}

static void table_free(table *t) {
  free(t->slots);
  precisI_vec_free(&t->pool);
}

/* the slot of key k, empty when absent */
static slot *find(table *t, const char *k, size_t n, uint32_t h) {
  size_t i = h & (t->cap - 1);
  for (;;) {
    slot *s = &t->slots[i];
    if (s->len == 0) return s;
    if (s->hash == h && s->len == n &&
        memcmp((char *)t->pool.p + s->off, k, n) == 0)
      return s;
    i = (i + 1) & (t->cap - 1);
  }
}

static int grow(table *t) {
  slot *old = t->slots;
  size_t oldcap = t->cap, i;
  t->cap *= 2;
  t->slots = calloc(t->cap, sizeof *t->slots);
  if (t->slots == NULL) { t->slots = old; t->cap = oldcap; return 0; }
  for (i = 0; i < oldcap; i++) {
    if (old[i].len) {
      size_t j = old[i].hash & (t->cap - 1);
      while (t->slots[j].len) j = (j + 1) & (t->cap - 1);
      t->slots[j] = old[i];
    }
  }
  free(old);
  return 1;
}

/* the slot of key k, empty when absent, compared 8 bytes at a time: k
** is followed by zeros up to a multiple of 8 bytes, as the pool's keys
** are */
static slot *probe8(slot *slots, size_t mask, const char *pool,
                    const char *k, size_t n, uint32_t h) {
  size_t i = h & mask;
  for (;;) {
    slot *s = &slots[i];
    if (s->len == 0) return s;
    if (s->hash == h && s->len == n) {
      const char *a = pool + s->off;
      size_t j = 0;
      uint64_t x, y;
      do {
        memcpy(&x, a + j, 8);
        memcpy(&y, k + j, 8);
        j += 8;
      } while (x == y && j < n);
      if (x == y) return s;
    }
    i = (i + 1) & mask;
  }
}

static slot *find8(table *t, const char *k, size_t n, uint32_t h) {
  return probe8(t->slots, t->cap - 1, (const char *)t->pool.p, k, n, h);
}

/* inserts a new key (known absent) with `value`; NULL on OOM. The pool
** holds it padded with zeros to a multiple of 8 bytes, for find8(). */
static slot *insert(table *t, const char *k, size_t n, uint32_t h,
                    uint32_t value) {
  slot *s;
  size_t room = (n + 7) & ~(size_t)7;
  if (n == 0 || n > UINT32_MAX - 7 || t->pool.n > UINT32_MAX - room) return NULL;
  if ((t->n + 1) * 2 > t->cap && !grow(t)) return NULL;
  if (!precisI_vec_reserve(&t->pool, t->pool.n + n + 8)) return NULL;
  s = find(t, k, n, h);
  memcpy((char *)t->pool.p + t->pool.n, k, n);
  memset((char *)t->pool.p + t->pool.n + n, 0, 8);
  s->hash = h;
  s->off = (uint32_t)t->pool.n;
  s->len = (uint32_t)n;
  s->value = value;
  t->pool.n += room;
  t->n++;
  return s;
}

typedef struct tokenizer {
  precisI_run *run;
  const precisI_lang *lang;
  struct sb_stemmer *stemmer;
  table surface;   /* raw bytes -> term id or NO_TERM */
  table stems;     /* stem -> term id */
  /* a token folded, or an ASCII word's lowercase key followed by 8
  ** zeros */
  char buf[MAX_STEM_BYTES * 4 + 8];
} tokenizer;

/* Case-folds and composes a token with bytes above 0x7F into tk->buf;
** returns its length, or 0 when it does not fit (the token is then used
** raw). */
static size_t fold(tokenizer *tk, const char *w, size_t n) {
  char mapped[sizeof tk->buf];
  size_t i, o = 0, m = precisI_utf8_fold(w, n, mapped, sizeof mapped);
  for (i = 0; i < m; i++) { /* U+2019 apostrophe -> ' */
    if (o + 1 >= sizeof tk->buf) return 0;
    if (i + 2 < m && mapped[i] == '\xE2' && mapped[i + 1] == '\x80' &&
        mapped[i + 2] == '\x99') {
      tk->buf[o++] = '\'';
      i += 2;
    } else {
      tk->buf[o++] = mapped[i];
    }
  }
  return o;
}

/* The term id of the key of a token not seen before, in *value: NO_TERM
** for a stopword. `folded`: the key is the token case-folded, and may
** be a stopword and stemmed; else it is the token's bytes. 0 on OOM. */
static int fresh(tokenizer *tk, const char *key, size_t klen, int folded,
                 const char *w, size_t n, uint32_t *value) {
  slot *t;
  uint32_t h2;
  if (folded && precisI_lang_is_stop(tk->lang, key, klen)) {
    *value = NO_TERM;
    return 1;
  }
  if (folded && tk->stemmer) {
    const sb_symbol *st = sb_stemmer_stem(tk->stemmer,
                                          (const sb_symbol *)key, (int)klen);
    if (st == NULL) return 0; /* its copy of the word could not grow */
    /* An empty stem (Snowball's Greek stemmer strips "ίδια", "όταν"
    ** or "εις" to nothing) says the whole word is an ending: the word
    ** then stands for itself, as its folded form. Dropping it as a
    ** stopword would let the stemmer decide what the language pack's
    ** stopword list did not, and lose content words. */
    if (sb_stemmer_length(tk->stemmer) > 0) {
      key = (const char *)st;
      klen = (size_t)sb_stemmer_length(tk->stemmer);
    }
  }
  if (klen == 0) { key = w; klen = n; } /* a key is never empty */
  h2 = fnv(key, klen);
  t = find(&tk->stems, key, klen, h2);
  if (t->len == 0) {
    if (tk->run->nterms >= UINT32_MAX - 1) return 0;
    t = insert(&tk->stems, key, klen, h2, (uint32_t)tk->run->nterms);
    if (t == NULL) return 0;
    tk->run->nterms++;
  }
  *value = t->value;
  return 1;
}

/* The term id of a token; NO_TERM for stopwords. 0 on OOM. `lower_key`:
** the token is ASCII, of at most MAX_STEM_BYTES, and its key, its
** lowercase form, is in tk->buf followed by 8 zeros, with lh its FNV-1a
** hash ("The" and "the"
** are one key, stemmed once whichever comes first); else the token is its
** own key. An ASCII key never equals another: those have a byte above
** 0x7F, or are longer. */
static int lookup(tokenizer *tk, const char *w, size_t n, int lower_key,
                  uint32_t lh, uint32_t *out) {
  uint32_t value;
  slot *s;
  if (lower_key) {
    s = find8(&tk->surface, tk->buf, n, lh);
    if (s->len) { *out = s->value; return 1; }
    if (!fresh(tk, tk->buf, n, 1, w, n, &value)) return 0;
    /* fresh() reads tk->buf and leaves it as it is */
    if (insert(&tk->surface, tk->buf, n, lh, value) == NULL) return 0;
  } else {
    uint32_t h = fnv(w, n);
    size_t f;
    s = find(&tk->surface, w, n, h);
    if (s->len) { *out = s->value; return 1; }
    f = n <= MAX_STEM_BYTES ? fold(tk, w, n) : 0;
    if (f ? !fresh(tk, tk->buf, f, 1, w, n, &value) : !fresh(tk, w, n, 0, w, n, &value))
      return 0;
    if (insert(&tk->surface, w, n, h, value) == NULL) return 0;
  }
  *out = value;
  return 1;
}

/* scripts written without spaces between words: Han, kana, Thai, Lao,
** Khmer, Burmese */
static int nospace(int32_t cp) {
  if (cp < 0x0E00) return 0; /* Latin, Greek, Cyrillic, ...: one test */
  return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x20000 && cp <= 0x2FFFF) || (cp >= 0x0E00 && cp <= 0x0EFF) ||
         (cp >= 0x1000 && cp <= 0x109F) || (cp >= 0x1780 && cp <= 0x17FF) ||
         (cp >= 0xFF66 && cp <= 0xFF9F);
}

static int mark(int32_t cp) {
  utf8proc_category_t c = utf8proc_category(cp);
  return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
         c == UTF8PROC_CATEGORY_ME;
}

static precis_status push_term(tokenizer *tk, const char *w, size_t n) {
  uint32_t term, *slotp;
  if (!lookup(tk, w, n, 0, 0, &term)) return PRECIS_ENOMEM;
  if (term == NO_TERM) return PRECIS_OK;
  if ((slotp = precisI_vec_push(&tk->run->terms)) == NULL) return PRECIS_ENOMEM;
  *slotp = term;
  return PRECIS_OK;
}

/* A run of a script without spaces has no words to find without a
** dictionary: its terms are the overlapping pairs of characters (with
** their combining marks), and every two characters count as a word.
** Returns where the run ends. */
static size_t bigrams(tokenizer *tk, const char *t, size_t i, size_t end,
                      uint32_t *words, precis_status *st) {
  size_t prev = (size_t)-1, cur = i, n = 0;
  *st = PRECIS_OK;
  while (cur < end) {
    int32_t cp;
    size_t next = cur + precisI_utf8_decode(t, end, cur, &cp);
    if (!(nospace(cp) || precisI_is_digit(cp)) || !precisI_is_word(cp)) break;
    while (next < end) { /* the marks that belong to this character */
      int32_t m;
      size_t l2 = precisI_utf8_decode(t, end, next, &m);
      if (!mark(m) && m != 0x1039 && m != 0x103A) break;
      next += l2;
    }
    if (prev != (size_t)-1 && (*st = push_term(tk, t + prev, next - prev)) != PRECIS_OK)
      return next;
    n++;
    prev = cur;
    cur = next;
  }
  if (n == 1) *st = push_term(tk, t + i, cur - i);
  *words += (uint32_t)((n + 1) / 2);
  return cur;
}

/* Each byte as a word's lowercase key holds it: a letter in lowercase,
** a digit as it is; 0 for the other bytes of ASCII, and -1 for the bytes
** above 0x7F, which the general loop reads. A word's letters and digits
** are the bytes above 0. */
#define HI16 -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1
static const signed char word_byte[256] = {
  ['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
  ['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
  ['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e',
  ['F'] = 'f', ['G'] = 'g', ['H'] = 'h', ['I'] = 'i', ['J'] = 'j',
  ['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n', ['O'] = 'o',
  ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't',
  ['U'] = 'u', ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y',
  ['Z'] = 'z',
  ['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e',
  ['f'] = 'f', ['g'] = 'g', ['h'] = 'h', ['i'] = 'i', ['j'] = 'j',
  ['k'] = 'k', ['l'] = 'l', ['m'] = 'm', ['n'] = 'n', ['o'] = 'o',
  ['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't',
  ['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y',
  ['z'] = 'z',
  [0x80] = HI16, [0x90] = HI16, [0xA0] = HI16, [0xB0] = HI16,
  [0xC0] = HI16, [0xD0] = HI16, [0xE0] = HI16, [0xF0] = HI16
};
#undef HI16

/* Appends the content terms of t[i, end) to run->terms; counts words.
** A word's ASCII letters and digits, most of most texts, are read by a
** loop of their own, which writes the word's lowercase form to tk->buf
** and hashes it as it goes. Whether the word so far is a number is asked
** only at a joiner, of the code points not asked about before. */
static precis_status span_terms(tokenizer *tk, const char *t, size_t i,
                                size_t end, uint32_t *words) {
  precisI_vec *terms = &tk->run->terms;
  const unsigned char *u = (const unsigned char *)t;
  unsigned char *key = (unsigned char *)tk->buf;
  uint32_t nwords = 0;
  precis_status st = PRECIS_OK;
  /* the surface table, in locals that the key's stores cannot alias;
  ** read again after anything that may have grown it */
  slot *slots = tk->surface.slots;
  size_t mask = tk->surface.cap - 1;
  const char *pool = (const char *)tk->surface.pool.p;
  while (i < end) {
    int32_t cp;
    size_t len, ws, stop, dpos, n;
    uint32_t term, h = FNV_BASIS;
    int ascii = 1, digits = 1; /* digits: t[ws, dpos) is a number */
    while (i < end && word_byte[u[i]] == 0) i++;
    if (i >= end) break;
    ws = dpos = i;
    if (word_byte[u[i]] < 0) {
      len = precisI_utf8_decode_mb(t, end, i, &cp);
      if (!precisI_is_word(cp)) { i += len; continue; }
      if (nospace(cp)) {
        i = bigrams(tk, t, i, end, &nwords, &st);
        if (st != PRECIS_OK) break;
        slots = tk->surface.slots;
        mask = tk->surface.cap - 1;
        pool = (const char *)tk->surface.pool.p;
        continue;
      }
      ascii = 0;
      i += len;
    }
    /* the key is written up to MAX_STEM_BYTES + 1 bytes, enough to know
    ** the word is longer than a lowercase key's */
    stop = end - ws > MAX_STEM_BYTES ? ws + MAX_STEM_BYTES + 1 : end;
    for (;;) { /* the word goes on at i */
      int32_t nx;
      size_t l2;
      int keep;
      /* one index into the word and its key */
      const unsigned char *w = u + ws;
      size_t j = i - ws, lim = stop - ws, wend = end - ws;
      int c;
      while (j < lim && (c = word_byte[w[j]]) > 0) {
        h = (h ^ (uint32_t)c) * FNV_PRIME;
        key[j++] = (unsigned char)c;
      }
      /* only a word that reached stop can go on: past stop, neither the
      ** key nor its hash is read */
      if (j >= lim)
        while (j < wend && word_byte[w[j]] > 0) j++;
      i = ws + j;
      if (i >= end) break;
      if (u[i] < 0x80) {
        cp = u[i];
        if (cp != '\'' && cp != '.' && cp != ',') break;
        len = 1;
      } else {
        len = precisI_utf8_decode_mb(t, end, i, &cp);
        if (precisI_is_word(cp) && !nospace(cp)) {
          ascii = 0;
          i += len;
          continue;
        }
        if (cp != 0x2019) break;
      }
      /* a joiner: inside a word or number? */
      if (i + len >= end) break;
      l2 = precisI_utf8_decode(t, end, i + len, &nx);
      while (digits && dpos < i) {
        int32_t d;
        dpos += precisI_utf8_decode(t, end, dpos, &d);
        digits = precisI_is_digit(d);
      }
      keep = cp == ',' ? digits && precisI_is_digit(nx)
           : cp == '.' ? precisI_is_word(nx) && (digits ? precisI_is_digit(nx) : !precisI_is_digit(nx))
           : precisI_is_word(nx) && !digits;
      if (!keep) break;
      if (cp < 0x80) {
        h = (h ^ (uint32_t)cp) * FNV_PRIME;
        if (i < stop) key[i - ws] = (unsigned char)cp;
      } else {
        ascii = 0;
      }
      i += len;
      dpos = i; /* a joiner is neither digit nor letter */
      if (nx >= 0x80) { /* a word's code point, whatever it is */
        ascii = 0;
        i += l2;
      }
    }
    nwords++;
    n = i - ws;
    if (ascii && n <= MAX_STEM_BYTES) {
      slot *s;
      memset(key + n, 0, 8);
      s = probe8(slots, mask, pool, tk->buf, n, h);
      if (s->len) {
        term = s->value;
      } else {
        if (!lookup(tk, t + ws, n, 1, h, &term)) { st = PRECIS_ENOMEM; break; }
        slots = tk->surface.slots;
        mask = tk->surface.cap - 1;
        pool = (const char *)tk->surface.pool.p;
      }
    } else {
      if (!lookup(tk, t + ws, n, 0, 0, &term)) { st = PRECIS_ENOMEM; break; }
      slots = tk->surface.slots;
      mask = tk->surface.cap - 1;
      pool = (const char *)tk->surface.pool.p;
    }
    if (term != NO_TERM) {
      uint32_t *slotp = terms->n < terms->cap ? (uint32_t *)terms->p + terms->n++
                                               : precisI_vec_push(terms);
      if (slotp == NULL) { st = PRECIS_ENOMEM; break; }
      *slotp = term;
    }
  }
  *words += nwords;
  return st;
}

static precis_status unit_terms(tokenizer *tk, precisI_unit *u) {
  precisI_run *run = tk->run;
  precis_status st;
  u->tok = (uint32_t)run->terms.n;
  st = span_terms(tk, run->src[u->doc].text, u->start, u->end, &u->words);
  u->ntok = (uint32_t)(run->terms.n - u->tok);
  return st;
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

/* The query's terms, sorted and unique, kept out of the units' terms. */
static precis_status query_terms(tokenizer *tk) {
  precisI_run *run = tk->run;
  size_t first = run->terms.n, n, k;
  uint32_t words = 0, *q;
  precis_status st = span_terms(tk, run->s->opt.query, 0, run->s->opt.query_len,
                                &words);
  if (st != PRECIS_OK) return st;
  n = run->terms.n - first;
  q = precisI_alloc(n, sizeof *q);
  if (q == NULL) return PRECIS_ENOMEM;
  if (n) memcpy(q, (uint32_t *)run->terms.p + first, n * sizeof *q);
  run->terms.n = first;
  qsort(q, n, sizeof *q, cmp_u32);
  for (k = 0; k < n; k++)
    if (run->nquery == 0 || q[run->nquery - 1] != q[k]) q[run->nquery++] = q[k];
  run->query = q;
  return PRECIS_OK;
}

precis_status precisI_tokenize(precisI_run *run, precis_error *err) {
  tokenizer tk;
  size_t k, bytes = 0, cap = 1024;
  precis_status st = PRECIS_OK;
  memset(&tk, 0, sizeof tk);
  tk.run = run;
  tk.lang = run->lang;
  if (tk.lang->stemmer) {
    tk.stemmer = sb_stemmer_new(tk.lang->stemmer, "UTF_8");
    if (tk.stemmer == NULL)
      return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
  }
  /* A text of 32 bytes a word, one in two of them a new key, fills a table
  ** to half as it ends: its first size, up to 32768 slots (512 KiB), is
  ** the one it would double to, so the doublings and rehashing on the way
  ** are skipped; larger texts grow it further as needed. */
  for (k = 0; k < run->ndocs; k++) bytes += run->src[k].len;
  while (cap < 32768 && cap < bytes / 32) cap *= 2;
  if (!table_init(&tk.surface, cap) || !table_init(&tk.stems, cap)) {
    st = PRECIS_ENOMEM;
    goto done;
  }
  for (k = 0; k < run->units.n && st == PRECIS_OK; k++) {
    precisI_unit *u = &precisI_vec_at(&run->units, precisI_unit, k);
    if (u->kind != PRECIS_KIND_DROPPED) st = unit_terms(&tk, u);
  }
  if (st == PRECIS_OK && run->s->opt.query_len > 0) st = query_terms(&tk);
done:
  if (st != PRECIS_OK) precisI_seterr(err, st, "out of memory");
  table_free(&tk.surface);
  table_free(&tk.stems);
  if (tk.stemmer) sb_stemmer_delete(tk.stemmer);
  return st;
}
