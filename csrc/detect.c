/*
** detect.c: the language of a text, for language "auto". The script of
** its letters decides first (Greek, Armenian, Ethiopic, Burmese, Han with
** or without kana, ...); letters peculiar to one language split a script
** shared by several (Kazakh and Serbian Cyrillic, Urdu and Persian
** Arabic); the packs' stopwords decide the rest, each word weighing less
** the more languages list it. When nothing is clear the answer is
** English, the default of every other option.
*/
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "internal.h"

/* fewer weighted stopword hits than this are no evidence */
#define MIN_EVIDENCE 2.0
/* the winner must beat the runner-up by this factor */
#define MARGIN 1.25

enum {
  S_LATIN, S_CYRILLIC, S_GREEK, S_ARMENIAN, S_HEBREW, S_ARABIC, S_DEVANAGARI,
  S_TAMIL, S_ETHIOPIC, S_MYANMAR, S_HAN, S_KANA, S_HANGUL, S_OTHER, S_N
};

static int script_of(int32_t cp) {
  if (cp < 0x250) return S_LATIN;
  if (cp >= 0x1E00 && cp <= 0x1EFF) return S_LATIN;
  if (cp >= 0x370 && cp <= 0x3FF) return S_GREEK;
  if (cp >= 0x1F00 && cp <= 0x1FFF) return S_GREEK;
  if (cp >= 0x400 && cp <= 0x52F) return S_CYRILLIC;
  if (cp >= 0x530 && cp <= 0x58F) return S_ARMENIAN;
  if (cp >= 0x590 && cp <= 0x5FF) return S_HEBREW;
  if ((cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F) ||
      (cp >= 0xFB50 && cp <= 0xFEFF))
    return S_ARABIC;
  if (cp >= 0x900 && cp <= 0x97F) return S_DEVANAGARI;
  if (cp >= 0xB80 && cp <= 0xBFF) return S_TAMIL;
  if (cp >= 0x1200 && cp <= 0x139F) return S_ETHIOPIC;
  if (cp >= 0x1000 && cp <= 0x109F) return S_MYANMAR;
  if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) ||
      (cp >= 0xFF66 && cp <= 0xFF9F))
    return S_KANA;
  if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF))
    return S_HAN;
  if (cp >= 0xAC00 && cp <= 0xD7AF) return S_HANGUL;
  return S_OTHER;
}

/* precisI_utf8_decode with the ASCII case inline: detection reads every
** character of up to PRECIS_DETECT_BYTES of text, most of it ASCII */
static size_t decode(const char *t, size_t n, size_t i, int32_t *cp) {
  if ((unsigned char)t[i] < 0x80) {
    *cp = (unsigned char)t[i];
    return 1;
  }
  return precisI_utf8_decode(t, n, i, cp);
}

static const precisI_lang *find(const char *code) {
  return precisI_lang_find(code);
}

static int is_script(const precisI_lang *l, const char *script) {
  return strcmp(l->script, script) == 0;
}

/* Letters that only some Latin-script languages write, and which: each
** occurrence adds LETTER_WEIGHT / k to each of the k languages listed.
** From the languages' alphabets; letters that most of them write ("é")
** are left out. */
#define LETTER_WEIGHT 0.5
static const struct { int32_t cp; const char *codes; } marked[] = {
  {0xE0, "fr it ca pt"}, /* à */ {0xE1, "es pt hu sk ga"}, /* á */
  {0xE2, "fr pt ro"},    /* â */ {0xE3, "pt"},             /* ã */
  {0xE4, "de sv fi sk"}, /* ä */ {0xE5, "da no sv"},       /* å */
  {0xE6, "da no"},       /* æ */ {0xE7, "fr pt ca tr"},    /* ç */
  {0xE8, "fr it ca"},    /* è */ {0xEA, "fr pt"},          /* ê */
  {0xEB, "fr nl"},       /* ë */ {0xEC, "it"},             /* ì */
  {0xED, "es pt hu sk ga ca"}, /* í */ {0xEE, "fr ro"},    /* î */
  {0xEF, "fr ca nl"},    /* ï */ {0xF1, "es eu"},          /* ñ */
  {0xF2, "it ca"},       /* ò */ {0xF3, "es pt hu sk ga ca pl"}, /* ó */
  {0xF4, "fr pt sk"},    /* ô */ {0xF5, "pt"},             /* õ */
  {0xF6, "de sv fi hu tr"}, /* ö */ {0xF8, "da no"},       /* ø */
  {0xF9, "fr it"},       /* ù */ {0xFA, "es pt hu sk ga ca"}, /* ú */
  {0xFB, "fr"},          /* û */ {0xFC, "de hu tr"},       /* ü */
  {0xDF, "de"},          /* ß */ {0xFD, "sk"},             /* ý */
  {0x103, "ro"},  /* ă */ {0x105, "pl lt"}, /* ą */ {0x107, "pl"}, /* ć */
  {0x10D, "sk lt"}, /* č */ {0x10F, "sk"}, /* ď */ {0x117, "lt"}, /* ė */
  {0x119, "pl lt"}, /* ę */ {0x11F, "tr"}, /* ğ */ {0x12F, "lt"}, /* į */
  {0x131, "tr"},  /* ı */ {0x13A, "sk"},  /* ĺ */ {0x13E, "sk"},  /* ľ */
  {0x142, "pl"},  /* ł */ {0x144, "pl"},  /* ń */ {0x148, "sk"},  /* ň */
  {0x151, "hu"},  /* ő */ {0x153, "fr"},  /* œ */ {0x155, "sk"},  /* ŕ */
  {0x15B, "pl"},  /* ś */ {0x15F, "tr ro"}, /* ş */ {0x161, "sk lt"}, /* š */
  {0x163, "ro"},  /* ţ */ {0x165, "sk"},  /* ť */ {0x16B, "lt"},  /* ū */
  {0x171, "hu"},  /* ű */ {0x173, "lt"},  /* ų */ {0x17A, "pl"},  /* ź */
  {0x17C, "pl"},  /* ż */ {0x17E, "sk lt"}, /* ž */ {0x219, "ro"}, /* ș */
  {0x21B, "ro"},  /* ț */ {0xBF, "es"},   /* ¿ */ {0xA1, "es"}    /* ¡ */
};

static void letter_evidence(int32_t cp, double *score, size_t nl) {
  size_t k, j, n = 0;
  const char *codes = NULL;
  cp = utf8proc_tolower(cp);
  for (k = 0; k < sizeof marked / sizeof marked[0]; k++)
    if (marked[k].cp == cp) { codes = marked[k].codes; break; }
  if (codes == NULL) return;
  for (j = 0; codes[j]; j += codes[j + 2] ? 3 : 2) n++;
  for (j = 0; codes[j]; j += codes[j + 2] ? 3 : 2) {
    char code[3] = { codes[j], codes[j + 1], 0 };
    for (k = 0; k < nl; k++)
      if (strcmp(precisI_langs[k].code, code) == 0) {
        score[k] += LETTER_WEIGHT / (double)n;
        break;
      }
  }
}

static unsigned popcount64(uint64_t x) {
  unsigned c = 0;
  for (; x; x &= x - 1) c++;
  return c;
}

/* Stopword evidence among the packs written in `script`: each word found
** in k of them adds 1/k to each; so do letters some of them write. Short
** texts need less evidence, in proportion to their words. Returns the
** best pack, or NULL when nothing is clear or English is as likely. */
static const precisI_lang *by_stopwords(const char *t, size_t n,
                                        const char *script, int sure) {
  double score[64];
  size_t k, i = 0, nl = precisI_nlangs < 64 ? precisI_nlangs : 64;
  size_t best = nl, second = nl, words = 0;
  uint64_t cand = 0;
  double need;
  memset(score, 0, sizeof score);
  for (k = 0; k < nl; k++) /* the packs of this script that have stopwords */
    if (is_script(&precisI_langs[k], script) && precisI_langs[k].stop.n > 0)
      cand |= (uint64_t)1 << k;
  while (i < n) {
    size_t s, len;
    int32_t cp;
    len = decode(t, n, i, &cp);
    if (cp >= 0xA1) letter_evidence(cp, score, nl);
    if (!precisI_is_word(cp)) { i += len; continue; }
    s = i;
    if (++words % 64 == 0) { /* settled: one language far ahead of the rest */
      double top = 0, next = 0;
      for (k = 0; k < nl; k++) {
        if (score[k] > top) { next = top; top = score[k]; }
        else if (score[k] > next) next = score[k];
      }
      if (top >= 40 && top >= 4 * next) break;
    }
    while (i < n) {
      len = decode(t, n, i, &cp);
      if (!precisI_is_word(cp) && cp != '\'' ) break;
      if (i > s && cp >= 0xA1) letter_evidence(cp, score, nl);
      i += len;
    }
    {
      char buf[64];
      utf8proc_ssize_t fl = 0;
      size_t q;
      uint64_t in;
      unsigned hits;
      int ascii = 1;
      if (i - s >= 48 || i - s == 1) continue;
      if (precisI_roman(t + s, i - s) == i - s) continue; /* "ii)", "(iv)" */
      if (i - s <= 4) { /* a single letter ("a", "e"): the lists disagree */
        if (s + precisI_utf8_decode(t, n, s, &cp) == i) continue;
      }
      for (q = s; q < i; q++) {
        char ch = t[q];
        if ((unsigned char)ch >= 0x80) { ascii = 0; break; }
        buf[fl++] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
      }
      if (!ascii) { /* folded in place: nothing to allocate, nothing to fail */
        fl = (utf8proc_ssize_t)precisI_utf8_fold(t + s, i - s, buf, sizeof buf - 1);
        if (fl <= 0) continue;
      }
      if ((in = precisI_stop_packs(buf, (size_t)fl) & cand) == 0) continue;
      hits = popcount64(in);
      for (k = 0; in; in >>= 1, k++)
        if (in & 1) score[k] += 1.0 / (double)hits;
    }
  }
  for (k = 0; k < nl; k++) {
    if (best == nl || score[k] > score[best]) { second = best; best = k; }
    else if (second == nl || score[k] > score[second]) second = k;
  }
  need = 0.3 + 0.06 * (double)words;
  if (need > MIN_EVIDENCE) need = MIN_EVIDENCE;
  if (best == nl || words < 3 || score[best] < need) return NULL;
  /* two close languages: the better of them, unless asked to be sure */
  if (sure && second < nl && score[best] < MARGIN * score[second]) return NULL;
  for (k = 0; k < nl; k++) /* English, the default, is only beaten clearly */
    if (strcmp(precisI_langs[k].code, "en") == 0 && k != best &&
        score[best] < MARGIN * score[k] + need)
      return NULL;
  return &precisI_langs[best];
}

const precisI_lang *precisI_detect(const char *t, size_t n) {
  size_t count[S_N], i = 0, letters = 0, k, top = S_OTHER;
  size_t kazakh = 0, serbian = 0, russian = 0, hard = 0, urdu = 0,
         persian = 0, arabic = 0, marathi = 0, cyr = 0;
  const precisI_lang *l;
  memset(count, 0, sizeof count);
  if (n > PRECIS_DETECT_BYTES) { /* cut on a character boundary */
    n = PRECIS_DETECT_BYTES;
    while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80) n--;
  }
  while (i < n) {
    int32_t cp;
    i += decode(t, n, i, &cp);
    if (!precisI_is_word(cp) || precisI_is_digit(cp)) {
      if (cp == 0x06D4) urdu++; /* the Urdu full stop */
      continue;
    }
    letters++;
    count[script_of(cp)]++;
    switch (cp) { /* letters that mark one language of a shared script */
      case 0x4D9: case 0x493: case 0x49B: case 0x4A3: case 0x4E9: case 0x4B1:
      case 0x4AF: case 0x4BB: case 0x456: case 0x4D8: case 0x492: case 0x49A:
      case 0x4A2: case 0x4E8: case 0x4B0: case 0x4AE: case 0x4BA: case 0x406:
        kazakh++; break;
      case 0x452: case 0x458: case 0x459: case 0x45A: case 0x45B: case 0x45F:
      case 0x402: case 0x408: case 0x409: case 0x40A: case 0x40B: case 0x40F:
        serbian++; break;
      case 0x44B: case 0x44D: case 0x451: case 0x42B: case 0x42D: case 0x401:
        russian++; break;
      case 0x44A: hard++; break;
      case 0x6D2: case 0x6BA: case 0x679: case 0x688: case 0x691: case 0x6BE:
        urdu++; break;
      case 0x67E: case 0x686: case 0x698: case 0x6AF: case 0x6CC: case 0x6A9:
        persian++; break;
      case 0x629: case 0x649: case 0x64A: case 0x643:
        arabic++; break;
      case 0x933: marathi++; break;
      default: break;
    }
  }
  if (letters == 0) return find("en");
  for (k = 0; k < S_N; k++)
    if (top == S_OTHER || count[k] > count[top]) top = k;
  cyr = count[S_CYRILLIC];
  /* Chinese and Japanese share the Han characters; kana mark Japanese */
  if (count[S_HAN] + count[S_KANA] > letters / 2) {
    return count[S_KANA] * 20 >= count[S_HAN] + count[S_KANA] ? find("ja")
                                                             : find("zh");
  }
  if (count[top] * 2 < letters) return find("en"); /* no script holds most */
  switch (top) {
    case S_GREEK: return find("el");
    case S_ARMENIAN: return find("hy");
    case S_ETHIOPIC: return find("am");
    case S_MYANMAR: return find("my");
    case S_TAMIL: return find("ta");
    case S_HEBREW: return find("yi");
    case S_ARABIC:
      if (urdu * 50 >= count[S_ARABIC] && urdu > 0) return find("ur");
      if (persian > arabic) return find("fa");
      return find("ar");
    case S_DEVANAGARI:
      l = by_stopwords(t, n, "Deva", 1);
      if (l) return l;
      return marathi * 200 >= count[S_DEVANAGARI] && marathi > 0 ? find("mr")
                                                                  : find("hi");
    case S_CYRILLIC:
      if (kazakh * 100 >= cyr && kazakh > 0) return find("kk");
      if (serbian * 100 >= cyr && serbian > 0) return find("sr");
      l = by_stopwords(t, n, "Cyrl", 1);
      if (l && (strcmp(l->code, "ru") == 0 || strcmp(l->code, "bg") == 0)) return l;
      return russian == 0 && hard >= 2 && hard * 50 >= cyr ? find("bg") : find("ru");
    case S_LATIN:
      l = by_stopwords(t, n, "Latn", 0);
      return l ? l : find("en");
    default:
      return find("en");
  }
}
