/*
** lang.c: language lookups over the packs of lang/<code>.txt (compiled into
** langdata.c): names and codes, stopwords, terminators, and the
** abbreviation classes the segmenter needs.
**
** Every list is sorted (bytewise) for bsearch; a unit test checks that.
*/
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "internal.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* no stemming, no stopwords, the terminators of every script */
static const int32_t none_term[] = {
  '.', '!', '?', 0x2026, 0x3002, 0xFF01, 0xFF1F, 0xFF0E, 0x061F, 0x06D4,
  0x0964, 0x0965, 0x0589, 0x1362, 0x1367, 0x104B, 0x037E
};
static const precisI_lang none = {
  "none", "", NULL, "Zyyy", none_term, N(none_term), 0,
  {NULL, 0, 0}, {NULL, 0, 0}, {NULL, 0, 0}, {NULL, 0, 0}, {NULL, 0, 0}, {NULL, 0, 0},
  {NULL, 0, 0}, {NULL, 0, 0}, {NULL, 0, 0}, {NULL, 0, 0}, NULL
};

const char *precis_language_name(size_t k) {
  if (k < precisI_nlangs) return precisI_langs[k].name;
  return k == precisI_nlangs ? none.name : NULL;
}

const char *precis_language_code(size_t k) {
  if (k < precisI_nlangs) return precisI_langs[k].code;
  return k == precisI_nlangs ? none.code : NULL;
}

const char *precis_language_stemmer(size_t k) {
  return k < precisI_nlangs ? precisI_langs[k].stemmer : NULL;
}

/* ASCII case-insensitive equality with a NUL-terminated lowercase word */
static int eqfold(const char *a, const char *lower) {
  for (; *a && *lower; a++, lower++) {
    char c = *a;
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (c != *lower) return 0;
  }
  return *a == *lower;
}

const precisI_lang *precisI_lang_find(const char *name) {
  size_t k;
  if (name == NULL) return NULL;
  for (k = 0; k < precisI_nlangs; k++)
    if (eqfold(name, precisI_langs[k].name) || eqfold(name, precisI_langs[k].code))
      return &precisI_langs[k];
  return eqfold(name, "none") ? &none : NULL;
}

static int cmpword(const void *key, const void *elem) {
  return strcmp((const char *)key, *(const char *const *)elem);
}

/* Looks `w` (n bytes, already case-folded) up in a sorted list. */
static int inlist(const char *const *list, size_t nlist, const char *w,
                  size_t n) {
  char buf[32];
  if (n == 0 || n >= sizeof buf || nlist == 0) return 0;
  memcpy(buf, w, n);
  buf[n] = '\0';
  return bsearch(buf, list, nlist, sizeof *list, cmpword) != NULL;
}

/* Looks the word z (n bytes, NUL-terminated, shorter than 32 bytes) up
** in a list: most comparisons are decided by the first byte, without a
** call. */
static int inwords_z(const precisI_words *l, const char *z, size_t n) {
  size_t lo = 0, hi = l->n;
  if (n == 0 || n >= 32 || n >= l->width) return 0;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const char *w = precisI_word(l, mid);
    int c = (unsigned char)z[0] - (unsigned char)w[0];
    if (c == 0) c = strcmp(z, w);
    if (c == 0) return 1;
    if (c < 0) hi = mid; else lo = mid + 1;
  }
  return 0;
}

static int inwords(const precisI_words *l, const char *w, size_t n) {
  char buf[32];
  if (n == 0 || n >= sizeof buf || n >= l->width) return 0;
  memcpy(buf, w, n);
  buf[n] = '\0';
  return inwords_z(l, buf, n);
}

uint64_t precisI_stop_packs(const char *w, size_t n) {
  uint32_t h = 2166136261u;
  size_t i, mask = precisI_nstopslots - 1;
  for (i = 0; i < n; i++) h = (h ^ (unsigned char)w[i]) * 16777619u;
  if (h == 0) h = 1;
  for (i = h & mask; precisI_stophash[i] != 0; i = (i + 1) & mask) {
    const precisI_stopslot *e = &precisI_stopslots[i];
    if (precisI_stophash[i] == h && e->len == n &&
        memcmp(precisI_stopwords[e->word - 1], w, n) == 0)
      return e->mask;
  }
  return 0;
}

/* A pack of precisI_langs asks langdata.c's table of every pack's
** stopwords (FNV-1a, linear probing; a unit test checks that it holds
** exactly the lists): one hash and a probe or two, where the pack's sorted
** list would take a binary search of string compares. Only those packs
** have stopwords. */
int precisI_lang_is_stop(const precisI_lang *lang, const char *w, size_t n) {
  uintptr_t at = (uintptr_t)lang, first = (uintptr_t)precisI_langs;
  if (lang->stop.n == 0) return 0;
  if (at < first || at >= first + precisI_nlangs * sizeof *lang)
    return inwords(&lang->stop, w, n);
  return (int)((precisI_stop_packs(w, n) >> ((at - first) / sizeof *lang)) & 1);
}

int precisI_lang_terminal(const precisI_lang *lang, int32_t cp) {
  size_t k;
  /* no pack ends a sentence with other ASCII: most characters stop here */
  if (cp < 0x80 && cp != '.' && cp != '!' && cp != '?' && cp != ';' && cp != ':')
    return 0;
  for (k = 0; k < lang->nterm; k++)
    if (lang->term[k] == cp) return 1;
  return 0;
}

/* Case-folds `w` into buf (NUL-terminated); returns its length, or 0 when
** it does not fit. ASCII is folded here, the rest by utf8proc. */
static size_t foldw(const char *w, size_t n, char *buf, size_t cap) {
  size_t i;
  int ascii = 1;
  if (n == 0 || n >= cap) return 0;
  for (i = 0; i < n; i++) {
    char c = w[i];
    if ((unsigned char)c >= 0x80) ascii = 0;
    buf[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  buf[n] = '\0';
  if (!ascii) {
    size_t len = precisI_utf8_fold(w, n, buf, cap - 1);
    if (len == 0) return 0;
    buf[len] = '\0';
    n = len;
  }
  return n;
}

/* f: m bytes, NUL-terminated (foldw) */
static int class_in(const precisI_lang *l, const char *f, size_t m) {
  if (inwords_z(&l->inner, f, m)) return PRECIS_ABBR_INNER;
  if (inwords_z(&l->number, f, m)) return PRECIS_ABBR_NUMBER;
  if (inwords_z(&l->final, f, m)) return PRECIS_ABBR_FINAL;
  if (inwords_z(&l->abbrev, f, m)) return PRECIS_ABBR_ANY;
  return PRECIS_ABBR_NONE;
}

/* An abbreviation written in capitals, two letters or more and not one
** letter doubled (Spanish "EE. UU.", plural by doubling): another word. */
static int shouted(const char *w, size_t n) {
  size_t i, letters = 0;
  int same = 1;
  for (i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)w[i];
    if (ch >= 0x80 || (ch >= 'a' && ch <= 'z')) return 0;
    if (ch >= 'A' && ch <= 'Z') {
      if (letters && ch != (unsigned char)w[0]) same = 0;
      letters++;
    } else {
      return 0; /* "U.S", "Ph.D": dotted groups keep their class */
    }
  }
  return letters >= 2 && !same;
}

int precisI_lang_abbrev(const precisI_lang *lang, const char *w, size_t n) {
  char buf[64];
  size_t m = foldw(w, n, buf, sizeof buf);
  int c;
  if (m == 0) return PRECIS_ABBR_NONE;
  c = class_in(lang, buf, m);
  if (c == PRECIS_ABBR_NONE && (strcmp(lang->script, "Latn") == 0 || lang == &none))
    c = class_in(&precisI_lang_common, buf, m);
  if ((c == PRECIS_ABBR_INNER || c == PRECIS_ABBR_ANY) && shouted(w, n))
    c = PRECIS_ABBR_NONE; /* "MS", "ST" are words; "Ms", "St" titles */
  return c;
}

int precisI_lang_starter(const precisI_lang *lang, const char *w, size_t n) {
  char buf[64];
  size_t m = foldw(w, n, buf, sizeof buf);
  return m && (inwords_z(&lang->starters, buf, m) || inwords_z(&lang->stop, buf, m));
}

/* ---------------------------------------------------------------------
** The first English abbreviation classes, kept for the callers that ask
** without a language (the segmenter asks the packs)
** --------------------------------------------------------------------- */

/* never end a sentence: titles before names, "e.g.", "vs." */
static const char *const abbr_inner[] = {
  "approx", "capt", "cf", "col", "dept", "dr", "e.g", "est", "fr", "gen",
  "gov", "hon", "i.e", "lt", "messrs", "mlle", "mme", "mr", "mrs",
  "ms", "mt", "prof", "rep", "rev", "sen", "sgt", "st", "v", "vs"
};

/* never end a sentence before a number ("No. 5", "Jan. 12", "pp. 4") */
static const char *const abbr_number[] = {
  "apr", "art", "aug", "ch", "dec", "feb", "fig", "figs", "jan", "jul",
  "jun", "mar", "no", "nos", "nov", "oct", "p", "pp", "sec", "sep", "sept",
  "vol", "vols"
};

/* may end a sentence: "... in the U.S. The ..." */
static const char *const abbr_any[] = {
  "a.m", "al", "ave", "blvd", "bros", "co", "corp", "d.c", "e.u",
  "etc", "inc", "jr", "ltd", "p.m", "ph.d", "rd", "sr", "u.k", "u.n", "u.s",
  "u.s.a"
};

/* words that, capitalised after an abbreviation, start a new sentence */
static const char *const starters[] = {
  "a", "after", "also", "an", "and", "as", "at", "before", "but", "by",
  "during", "for", "from", "he", "her", "his", "how", "however", "i", "if",
  "in", "it", "its", "last", "many", "meanwhile", "most", "my",
  "next", "no", "not", "on", "one", "our", "she", "since", "so",
  "some", "that", "the", "their", "then", "there", "these", "they", "this",
  "those", "to", "two", "under", "we", "what", "when", "while", "who", "why",
  "with", "yet", "you"
};

/* lowercases ASCII into buf; 0 when the word is too long or not ASCII */
static size_t fold(const char *w, size_t n, char *buf, size_t cap) {
  size_t i;
  if (n >= cap) return 0;
  for (i = 0; i < n; i++) {
    char c = w[i];
    if ((unsigned char)c >= 0x80) return 0;
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    buf[i] = c;
  }
  return n;
}

/* The class of the word `w` (without its final period). Single letters are
** initials ("Jonas E. Smith"); dotted letter groups ("U.S", "a.m") may end
** a sentence. */
int precisI_abbrev_class(const char *w, size_t n) {
  char buf[32];
  size_t i, m = fold(w, n, buf, sizeof buf);
  int dotted = 1;
  if (m == 0) return PRECIS_ABBR_NONE;
  if (m == 1) return (w[0] >= 'A' && w[0] <= 'Z') ? PRECIS_ABBR_INNER
                                                   : PRECIS_ABBR_NUMBER;
  /* titles are written "Dr", "Ms": "MS" and "ST" are other words */
  if (inlist(abbr_inner, N(abbr_inner), buf, m) &&
      !(w[1] >= 'A' && w[1] <= 'Z')) return PRECIS_ABBR_INNER;
  if (inlist(abbr_number, N(abbr_number), buf, m)) return PRECIS_ABBR_NUMBER;
  if (inlist(abbr_any, N(abbr_any), buf, m)) return PRECIS_ABBR_ANY;
  for (i = 0; i < m; i++) /* x.y.z: letters alternating with periods */
    if ((i % 2 == 1) != (buf[i] == '.') || (i % 2 == 0 && !(buf[i] >= 'a' && buf[i] <= 'z')))
      dotted = 0;
  return dotted && m >= 3 ? PRECIS_ABBR_ANY : PRECIS_ABBR_NONE;
}

int precisI_is_starter(const char *w, size_t n) {
  char buf[32];
  size_t m = fold(w, n, buf, sizeof buf);
  return m && inlist(starters, N(starters), buf, m);
}

/* Does s start with `phrase` (lowercase, single spaces), letter case and
** runs of white space aside? Returns the bytes of s it covers, or 0. */
size_t precisI_prefix_fold(const char *s, size_t n, const char *phrase) {
  size_t i = 0, p = 0, pn = strlen(phrase);
  while (p < pn) {
    int32_t a, b;
    size_t la, lb;
    if (i >= n) return 0;
    lb = precisI_utf8_decode(phrase, pn, p, &b);
    la = precisI_utf8_decode(s, n, i, &a);
    if (b == ' ') {
      if (!precisI_is_space(a)) return 0;
      while (i < n && precisI_is_space(a)) {
        i += la;
        if (i < n) la = precisI_utf8_decode(s, n, i, &a);
      }
      p += lb;
      continue;
    }
    if (utf8proc_tolower(a) != b) return 0;
    i += la;
    p += lb;
  }
  return i;
}

/* is the character at s[i] (or the end) no letter or digit? */
static int word_ends(const char *s, size_t n, size_t i) {
  int32_t cp;
  if (i >= n) return 1;
  precisI_utf8_decode(s, n, i, &cp);
  return !precisI_is_word(cp);
}

/* does the phrase end in a mark ("lire aussi :"), not a letter? */
static int ends_in_mark(const char *phrase) {
  size_t n = strlen(phrase), j = n;
  int32_t cp;
  if (n == 0) return 0;
  do j--; while (j > 0 && ((unsigned char)phrase[j] & 0xC0) == 0x80);
  precisI_utf8_decode(phrase, n, j, &cp);
  return !precisI_is_word(cp);
}

const char *precisI_lang_line_rule(const precisI_lang *lang, const char *s,
                                   size_t n, size_t words) {
  size_t k, e;
  if (n >= 64 && words > 12) return NULL; /* longer than any phrase of a pack */
  for (k = 0; n < 64 && k < lang->advertisement.n; k++)
    if (precisI_prefix_fold(s, n, precisI_word(&lang->advertisement, k)) == n) return "advertisement";
  for (k = 0; n < 64 && k < lang->navigation.n; k++)
    if (precisI_prefix_fold(s, n, precisI_word(&lang->navigation, k)) == n) return "navigation";
  if (words <= 12)
    for (k = 0; k < lang->promo.n; k++)
      if ((e = precisI_prefix_fold(s, n, precisI_word(&lang->promo, k))) != 0 &&
          (word_ends(s, n, e) || ends_in_mark(precisI_word(&lang->promo, k))))
        return "promo";
  return NULL;
}

size_t precisI_lang_date_label(const precisI_lang *lang, const char *s, size_t n) {
  size_t k, e, best = 0;
  for (k = 0; lang && k < lang->date_labels.n; k++)
    if ((e = precisI_prefix_fold(s, n, precisI_word(&lang->date_labels, k))) > best &&
        word_ends(s, n, e))
      best = e;
  return best;
}

int precisI_lang_month(const precisI_lang *lang, const char *w, size_t n) {
  int m;
  if (lang == NULL || lang->months == NULL || n < 3) return 0;
  for (m = 0; m < 12; m++) {
    size_t e = precisI_prefix_fold(w, n, lang->months[m]);
    if (e == n) return m + 1; /* the whole name */
  }
  for (m = 0; m < 12; m++) { /* or its first letters: "févr", "Okt" */
    size_t i = 0, j = 0, ln = strlen(lang->months[m]);
    while (i < n && j < ln) {
      int32_t a, b;
      size_t la = precisI_utf8_decode(w, n, i, &a), lb = precisI_utf8_decode(lang->months[m], ln, j, &b);
      if (utf8proc_tolower(a) != b) break;
      i += la;
      j += lb;
    }
    if (i == n) return m + 1;
  }
  return 0;
}

int precisI_lang_month_form(const precisI_lang *lang, const char *w, size_t n) {
  int m = precisI_lang_month(lang, w, n);
  if (m || lang == NULL || lang->months == NULL) return m;
  for (m = 0; m < 12; m++) { /* the first four letters: "listopada", "Apríla" */
    size_t i = 0, j = 0, ln = strlen(lang->months[m]), same = 0;
    while (i < n && j < ln && same < 4) {
      int32_t a, b;
      size_t la = precisI_utf8_decode(w, n, i, &a), lb = precisI_utf8_decode(lang->months[m], ln, j, &b);
      if (utf8proc_tolower(a) != b) break;
      i += la;
      j += lb;
      same++;
    }
    if (same == 4 || (j == ln && same > 0)) return m + 1;
  }
  return 0;
}

/* for the tests: are the lists sorted? */
int precisI_lang_lists_sorted(void);
int precisI_lang_lists_sorted(void) {
  const char *const *lists[] = {abbr_inner, abbr_number, abbr_any, starters};
  size_t sizes[] = {N(abbr_inner), N(abbr_number), N(abbr_any), N(starters)};
  size_t l, i, k;
  for (l = 0; l < N(lists); l++)
    for (i = 1; i < sizes[l]; i++)
      if (strcmp(lists[l][i - 1], lists[l][i]) >= 0) return 0;
  for (k = 0; k <= precisI_nlangs; k++) {
    const precisI_lang *p = k < precisI_nlangs ? &precisI_langs[k] : &precisI_lang_common;
    const precisI_words *w[] = {&p->stop, &p->inner, &p->number, &p->abbrev,
                                &p->final, &p->starters, &p->advertisement,
                                &p->promo, &p->navigation, &p->date_labels};
    for (l = 0; l < N(w); l++)
      for (i = 1; i < w[l]->n; i++)
        if (strcmp(precisI_word(w[l], i - 1), precisI_word(w[l], i)) >= 0) return 0;
  }
  return 1;
}
