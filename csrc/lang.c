/*
** lang.c: language data: names, ISO codes and Snowball stemmer names,
** stopwords, and the abbreviation classes the segmenter needs.
**
** Every list is sorted (bytewise) for bsearch; a unit test checks that.
*/
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* English stopwords: Snowball's English stop list (snowballstem.org,
** algorithms/english/stop.txt), plus reporting verbs and contraction
** fragments that carry no topic in news text ("said", "mr", "s", "t"). */
static const char *const en_stop[] = {
  "a", "about", "above", "after", "again", "against", "all", "also", "am", 
  "an", "and", "any", "are", "aren't", "as", "at", "be", "because", "been", 
  "before", "being", "below", "between", "both", "but", "by", "can", "can't", 
  "cannot", "could", "couldn't", "did", "didn't", "do", "does", "doesn't", 
  "doing", "don't", "down", "during", "each", "few", "for", "from", 
  "further", "had", "hadn't", "has", "hasn't", "have", "haven't", "having", 
  "he", "he'd", "he'll", "he's", "her", "here", "here's", "hers", "herself", 
  "him", "himself", "his", "how", "how's", "i", "i'd", "i'll", "i'm", "i've", 
  "if", "in", "into", "is", "isn't", "it", "it's", "its", "itself", "just", 
  "let's", "me", "more", "most", "mr", "mrs", "ms", "mustn't", "my", 
  "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", 
  "or", "other", "ought", "our", "ours", "ourselves", "out", "over", "own", 
  "s", "said", "same", "say", "says", "shan't", "she", "she'd", "she'll", 
  "she's", "should", "shouldn't", "so", "some", "such", "t", "than", "that", 
  "that's", "the", "their", "theirs", "them", "themselves", "then", "there", 
  "there's", "these", "they", "they'd", "they'll", "they're", "they've", 
  "this", "those", "through", "to", "too", "under", "until", "up", "very", 
  "was", "wasn't", "we", "we'd", "we'll", "we're", "we've", "were", 
  "weren't", "what", "what's", "when", "when's", "where", "where's", "which", 
  "while", "who", "who's", "whom", "why", "why's", "will", "with", "won't", 
  "would", "wouldn't", "you", "you'd", "you'll", "you're", "you've", "your", 
  "yours", "yourself", "yourselves",
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const precisI_lang langs[] = {
  {"arabic", "ar", "arabic", NULL, 0},
  {"armenian", "hy", "armenian", NULL, 0},
  {"basque", "eu", "basque", NULL, 0},
  {"catalan", "ca", "catalan", NULL, 0},
  {"danish", "da", "danish", NULL, 0},
  {"dutch", "nl", "dutch", NULL, 0},
  {"english", "en", "english", en_stop, N(en_stop)},
  {"finnish", "fi", "finnish", NULL, 0},
  {"french", "fr", "french", NULL, 0},
  {"german", "de", "german", NULL, 0},
  {"greek", "el", "greek", NULL, 0},
  {"hindi", "hi", "hindi", NULL, 0},
  {"hungarian", "hu", "hungarian", NULL, 0},
  {"indonesian", "id", "indonesian", NULL, 0},
  {"irish", "ga", "irish", NULL, 0},
  {"italian", "it", "italian", NULL, 0},
  {"lithuanian", "lt", "lithuanian", NULL, 0},
  {"nepali", "ne", "nepali", NULL, 0},
  {"norwegian", "no", "norwegian", NULL, 0},
  {"portuguese", "pt", "portuguese", NULL, 0},
  {"romanian", "ro", "romanian", NULL, 0},
  {"russian", "ru", "russian", NULL, 0},
  {"serbian", "sr", "serbian", NULL, 0},
  {"spanish", "es", "spanish", NULL, 0},
  {"swedish", "sv", "swedish", NULL, 0},
  {"tamil", "ta", "tamil", NULL, 0},
  {"turkish", "tr", "turkish", NULL, 0},
  {"yiddish", "yi", "yiddish", NULL, 0},
  {"none", "", NULL, NULL, 0}
};

const char *precis_language_name(size_t k) {
  return k < N(langs) ? langs[k].name : NULL;
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
  for (k = 0; k < N(langs); k++)
    if (eqfold(name, langs[k].name) || (langs[k].code[0] && eqfold(name, langs[k].code)))
      return &langs[k];
  return NULL;
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

int precisI_lang_is_stop(const precisI_lang *lang, const char *w, size_t n) {
  return inlist(lang->stop, lang->nstop, w, n);
}

/* ---------------------------------------------------------------------
** Abbreviations (English; used for every Latin-script language until
** language packs carry their own)
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

/* for the tests: are the lists sorted? */
int precisI_lang_lists_sorted(void);
int precisI_lang_lists_sorted(void) {
  const char *const *lists[] = {en_stop, abbr_inner, abbr_number, abbr_any, starters};
  size_t sizes[] = {N(en_stop), N(abbr_inner), N(abbr_number), N(abbr_any), N(starters)};
  size_t l, i;
  for (l = 0; l < N(lists); l++)
    for (i = 1; i < sizes[l]; i++)
      if (strcmp(lists[l][i - 1], lists[l][i]) >= 0) return 0;
  return 1;
}
