/*
** date.c: the publication date a document carries, read from the date
** stamp or dateline the ingest stage set apart ("date 2023-11-14",
** "November 6, 2023", "Tuesday, 14 November 2023"), so that a summary of
** several documents can follow the story in time. English month names;
** a line must be a date and nothing else to count.
*/
#include <string.h>

#include "internal.h"

static const char *const months[] = {
  "january", "february", "march", "april", "may", "june", "july", "august",
  "september", "october", "november", "december"
};

static const char *const weekdays[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
};

typedef struct scan {
  const char *s;
  size_t n, i;
} scan;

static void spaces(scan *c) {
  while (c->i < c->n && (c->s[c->i] == ' ' || c->s[c->i] == '\t' || c->s[c->i] == ',')) c->i++;
}

/* a run of ASCII letters, lowercased into w; its length */
static size_t word(scan *c, char *w, size_t cap) {
  size_t k = 0;
  while (c->i < c->n && ((c->s[c->i] >= 'a' && c->s[c->i] <= 'z') ||
                         (c->s[c->i] >= 'A' && c->s[c->i] <= 'Z'))) {
    char ch = c->s[c->i++];
    if (k + 1 < cap) w[k] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    k++;
  }
  if (k < cap) w[k] = '\0'; else w[cap - 1] = '\0';
  return k;
}

static long number(scan *c, size_t *digits) {
  long v = 0;
  *digits = 0;
  while (c->i < c->n && c->s[c->i] >= '0' && c->s[c->i] <= '9' && *digits < 5) {
    v = v * 10 + (c->s[c->i++] - '0');
    (*digits)++;
  }
  return v;
}

/* 1..12 for a month name or its abbreviation of three letters or more */
static int month(const char *w, size_t k) {
  int m;
  if (k < 3) return 0;
  for (m = 0; m < 12; m++)
    if (strncmp(months[m], w, k) == 0) return m + 1;
  return 0;
}

/* a run of letters of any script at c (a month name: "März", "févr.") */
static size_t letters_at(scan *c) {
  size_t at = c->i;
  while (c->i < c->n) {
    int32_t cp;
    size_t len = precisI_utf8_decode(c->s, c->n, c->i, &cp);
    if (!precisI_is_word(cp) || precisI_is_digit(cp)) break;
    c->i += len;
  }
  return c->i - at;
}

/* the month named at c in English or in the language, moving past it */
static int month_at(scan *c, const precisI_lang *lang) {
  size_t at = c->i, k;
  char w[16];
  int m;
  k = word(c, w, sizeof w);
  if ((m = month(w, k)) != 0 && !(c->i < c->n && (unsigned char)c->s[c->i] >= 0x80))
    return m;
  c->i = at;
  k = letters_at(c);
  if ((m = precisI_lang_month(lang, c->s + at, k)) != 0) return m;
  c->i = at;
  return 0;
}

static int valid(long y, long m, long d) {
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return 0;
  return d <= days[m - 1] && !(m == 2 && d == 29 && !leap);
}

/* "st", "nd", "rd", "th" after a day number */
static void ordinal(scan *c) {
  if (c->i + 1 < c->n && (c->s[c->i] == 's' || c->s[c->i] == 'n' ||
                          c->s[c->i] == 'r' || c->s[c->i] == 't') &&
      (c->s[c->i + 1] == 't' || c->s[c->i + 1] == 'd' || c->s[c->i + 1] == 'h'))
    c->i += 2;
}

/* the Han characters of dates and times: 年 月 日, 時 (时) 分 */
enum { CJK_YEAR, CJK_MONTH, CJK_DAY, CJK_HOUR, CJK_MINUTE };
static int cjk(scan *c, int which) {
  static const char *const chars[][2] = {
    {"\xE5\xB9\xB4", "\xEB\x85\x84"}, /* 年, Korean 년 */
    {"\xE6\x9C\x88", "\xEC\x9B\x94"}, /* 月, 월 */
    {"\xE6\x97\xA5", "\xEC\x9D\xBC"}, /* 日, 일 */
    {"\xE6\x99\x82", "\xE6\x97\xB6"}, /* 時, 时 */
    {"\xE5\x88\x86", "\xEB\xB6\x84"}  /* 分, 분 */
  };
  int k;
  for (k = 0; k < 2; k++)
    if (c->i + 3 <= c->n && memcmp(c->s + c->i, chars[which][k], 3) == 0) {
      c->i += 3;
      return 1;
    }
  return 0;
}

/* "12:30", "12.30", "09h15", "3:45 p.m.", "9am", "09:15 Uhr", each with
** an optional zone ("GMT", "ET", "UTC+1"); returns 1 and moves past it,
** or 0 and leaves c alone */
static int clock(scan *c) {
  size_t at = c->i, dg, z, k;
  int minutes = 0, ampm = 0;
  number(c, &dg);
  if (dg < 1 || dg > 2) { c->i = at; return 0; }
  if (cjk(c, CJK_HOUR)) { /* 9時15分 */
    size_t m0 = c->i;
    number(c, &dg);
    if (dg >= 1 && dg <= 2 && cjk(c, CJK_MINUTE)) return 1;
    c->i = m0;
    return 1;
  }
  if (c->i + 2 < c->n && (c->s[c->i] == ':' || c->s[c->i] == '.' || c->s[c->i] == 'h') &&
      c->s[c->i + 1] >= '0' && c->s[c->i + 1] <= '5') {
    c->i++;
    number(c, &dg);
    if (dg != 2 || (c->i + 1 < c->n && (c->s[c->i] == '.' || c->s[c->i] == '/' ||
                                        c->s[c->i] == '-') &&
                    c->s[c->i + 1] >= '0' && c->s[c->i + 1] <= '9')) {
      c->i = at; /* "14.11.2023" is a date */
      return 0;
    }
    minutes = 1;
  }
  k = c->i; /* am, pm, a.m., p.m. */
  if (k < c->n && c->s[k] == ' ') k++;
  if (k < c->n && (c->s[k] == 'a' || c->s[k] == 'p' || c->s[k] == 'A' || c->s[k] == 'P')) {
    size_t m = k + 1;
    if (m < c->n && c->s[m] == '.') m++;
    if (m < c->n && (c->s[m] == 'm' || c->s[m] == 'M')) {
      m++;
      if (m < c->n && c->s[m] == '.') m++;
      if (!(m < c->n && ((c->s[m] >= 'a' && c->s[m] <= 'z') || (c->s[m] >= 'A' && c->s[m] <= 'Z')))) {
        c->i = m;
        ampm = 1;
      }
    }
  }
  if (!minutes && !ampm) { c->i = at; return 0; } /* a bare number is no time */
  { /* "Uhr", "h", "hrs" after it */
    static const char *const units[] = { "uhr", "hrs", "h" };
    size_t u, e;
    k = c->i;
    if (k < c->n && c->s[k] == ' ') k++;
    for (u = 0; u < 3; u++)
      if ((e = precisI_prefix_fold(c->s + k, c->n - k, units[u])) != 0 &&
          !(k + e < c->n && ((c->s[k + e] >= 'a' && c->s[k + e] <= 'z') ||
                             (c->s[k + e] >= 'A' && c->s[k + e] <= 'Z')))) {
        c->i = k + e;
        break;
      }
  }
  /* a zone: two to four capitals, and an offset */
  z = c->i;
  if (z < c->n && c->s[z] == ' ') z++;
  {
    size_t e = z;
    while (e < c->n && c->s[e] >= 'A' && c->s[e] <= 'Z' && e - z < 5) e++;
    if (e - z >= 2 && e - z <= 4 &&
        !(e < c->n && ((c->s[e] >= 'a' && c->s[e] <= 'z') ||
                       (c->s[e] >= 'A' && c->s[e] <= 'Z')))) {
      if (e < c->n && (c->s[e] == '+' || c->s[e] == '-') && e + 1 < c->n &&
          c->s[e + 1] >= '0' && c->s[e + 1] <= '9') {
        e++;
        while (e < c->n && c->s[e] >= '0' && c->s[e] <= '9') e++;
      }
      c->i = e;
    }
  }
  return 1;
}

/* separators between the parts of a stamp: spaces, commas, "|", "-",
** "at", "on" */
static void joiners(scan *c) {
  for (;;) {
    size_t at = c->i;
    spaces(c);
    if (c->i < c->n && (c->s[c->i] == '|' || c->s[c->i] == '/' ||
                        (c->s[c->i] == '-' && c->i + 1 < c->n && c->s[c->i + 1] == ' '))) {
      c->i++;
      continue;
    }
    if (c->i + 2 < c->n && ((c->s[c->i] == 'a' && c->s[c->i + 1] == 't') ||
                            (c->s[c->i] == 'o' && c->s[c->i + 1] == 'n')) &&
        c->s[c->i + 2] == ' ') {
      c->i += 3;
      continue;
    }
    if (c->i == at) return;
  }
}

/* "de", "del" between a day, its month and the year (Spanish,
** Portuguese: "14 de noviembre de 2023") */
static void de(scan *c) {
  size_t at = c->i;
  char w[8];
  size_t k = word(c, w, sizeof w);
  if ((k == 2 && strcmp(w, "de") == 0) || (k == 3 && strcmp(w, "del") == 0)) {
    spaces(c);
    return;
  }
  c->i = at;
}

/* a calendar date at c: ISO, "14 November 2023", "November 14, 2023",
** "14. November 2023", "14 de noviembre de 2023" (month names in English
** or the language), "14.11.2023", "14/11/2023" ("11/14/2023" in
** English), each after an optional weekday; its yyyymmdd, or 0 */
static long calendar(scan *c, const precisI_lang *lang) {
  char w[16];
  size_t k, dg, at = c->i;
  long y, m, d;
  int wd;
  k = word(c, w, sizeof w);
  for (wd = 0; k && wd < 7; wd++) /* an optional weekday */
    if (k >= 3 && strncmp(weekdays[wd], w, k) == 0) {
      if (c->i < c->n && c->s[c->i] == '.') c->i++;
      spaces(c);
      break;
    }
  if (wd == 7) { /* a weekday in another language: a word, a comma, a day */
    size_t q;
    int is_month;
    c->i = at;
    is_month = month_at(c, lang) != 0;
    c->i = at;
    k = is_month ? 0 : letters_at(c);
    q = c->i;
    if (k >= 2 && k <= 24 && q < c->n && (c->s[q] == ',' || c->s[q] == '.')) {
      spaces(c);
      if (c->i < c->n && c->s[c->i] == '.') c->i++;
      spaces(c);
      if (!(c->i < c->n && c->s[c->i] >= '0' && c->s[c->i] <= '9')) c->i = at;
    } else {
      c->i = at;
    }
  }
  if (c->i < c->n && c->s[c->i] >= '0' && c->s[c->i] <= '9') {
    long first = number(c, &dg);
    char sep = c->i < c->n ? c->s[c->i] : 0;
    if (dg == 4 && cjk(c, CJK_YEAR)) { /* 2023年11月14日 */
      y = first;
      spaces(c);
      m = number(c, &dg);
      if (dg < 1 || dg > 2 || !cjk(c, CJK_MONTH)) goto no;
      spaces(c);
      d = number(c, &dg);
      if (dg < 1 || dg > 2 || !cjk(c, CJK_DAY)) goto no;
    } else if (dg == 4 && (sep == '-' || sep == '/')) { /* 2023-11-14, 2023/11/14 */
      y = first;
      c->i++;
      m = number(c, &dg);
      if (dg < 1 || dg > 2 || c->i >= c->n || c->s[c->i] != sep) goto no;
      c->i++;
      d = number(c, &dg);
      if (dg < 1 || dg > 2) goto no;
    } else if (dg >= 1 && dg <= 2 && (sep == '.' || sep == '/' || sep == '-') &&
               c->i + 1 < c->n && c->s[c->i + 1] >= '0' && c->s[c->i + 1] <= '9') {
      long second;
      c->i++;
      second = number(c, &dg);
      if (dg < 1 || dg > 2 || c->i >= c->n || c->s[c->i] != sep) goto no;
      c->i++;
      y = number(c, &dg);
      if (dg != 4) goto no;
      d = first;
      m = second;
      if (sep == '/' && first <= 12 &&
          (second > 12 || (lang && strcmp(lang->code, "en") == 0))) {
        m = first; /* 11/14/2023 */
        d = second;
      }
    } else if (dg >= 1 && dg <= 2) { /* 14 November 2023 */
      d = first;
      if (c->i < c->n && c->s[c->i] == '.') c->i++;
      ordinal(c);
      spaces(c);
      de(c);
      if ((m = month_at(c, lang)) == 0) goto no;
      if (c->i < c->n && c->s[c->i] == '.') c->i++;
      spaces(c);
      de(c);
      y = number(c, &dg);
      if (dg != 4) goto no;
    } else {
      goto no;
    }
  } else { /* November 6, 2023 */
    if ((m = month_at(c, lang)) == 0) goto no;
    if (c->i < c->n && c->s[c->i] == '.') c->i++;
    spaces(c);
    d = number(c, &dg);
    if (dg < 1 || dg > 2) goto no;
    ordinal(c);
    spaces(c);
    y = number(c, &dg);
    if (dg != 4) goto no;
  }
  if (!valid(y, m, d)) goto no;
  return y * 10000 + m * 100 + d;
no:
  c->i = at;
  return 0;
}

/* a label before a stamp: "date", "updated", "last updated", "published",
** "first published", "posted", "modified", with ":" or "on" */
static void label(scan *c, const precisI_lang *lang) {
  static const char *const labels[] = {
    "date", "updated", "published", "posted", "modified", "last updated",
    "first published", "last modified", "originally published"
  };
  size_t k = precisI_lang_date_label(lang, c->s + c->i, c->n - c->i);
  if (k) { /* "publié le", "Stand:" */
    c->i += k;
    if (c->i < c->n && c->s[c->i] == ':') c->i++;
    spaces(c);
    return;
  }
  for (k = 0; k < sizeof labels / sizeof labels[0]; k++) {
    size_t len = strlen(labels[k]), j;
    if (c->i + len > c->n) continue;
    for (j = 0; j < len; j++) {
      char ch = c->s[c->i + j];
      if (ch >= 'A' && ch <= 'Z') ch = (char)(ch - 'A' + 'a');
      if (ch != labels[k][j]) break;
    }
    if (j < len) continue;
    if (c->i + len < c->n && c->s[c->i + len] != ' ' && c->s[c->i + len] != ':')
      continue;
    c->i += len;
    if (c->i < c->n && c->s[c->i] == ':') c->i++;
    spaces(c);
    if (c->i + 3 < c->n && c->s[c->i] == 'o' && c->s[c->i + 1] == 'n' &&
        c->s[c->i + 2] == ' ')
      c->i += 3;
    spaces(c);
    return;
  }
}

/* Are there 4 digits in a row in s[0, lim)? Any 4 bytes in a row hold
** one whose offset is 3 modulo 4: only those are read until a digit is
** met, and the digits around it are counted. */
static int year_in(const char *s, size_t lim) {
  size_t k;
  for (k = 3; k < lim; k += 4) {
    if (s[k] >= '0' && s[k] <= '9') {
      size_t a = k, b = k + 1;
      while (a > k - 3 && s[a - 1] >= '0' && s[a - 1] <= '9') a--;
      while (b < lim && b < a + 4 && s[b] >= '0' && s[b] <= '9') b++;
      if (b - a >= 4) return 1;
    }
  }
  return 0;
}

size_t precisI_date_stamp(const char *s, size_t n, const precisI_lang *lang,
                          int *ymd) {
  scan c;
  long date;
  *ymd = 0;
  if (!year_in(s, n < 96 ? n : 96)) return 0; /* every stamp has one */
  c.s = s; c.n = n; c.i = 0;
  spaces(&c);
  label(&c, lang);
  if (clock(&c)) joiners(&c); /* "12:30 GMT, 14 November 2023" */
  if ((date = calendar(&c, lang)) == 0) return 0;
  {
    size_t at = c.i;
    joiners(&c);
    if (!clock(&c)) { /* "14 November 2023, 12:30 GMT"; "à 09h15", "alle", "a las" */
      int words = 0, ok = 0;
      while (words < 2) {
        size_t w = c.i, len = letters_at(&c);
        if (len == 0 || len > 6 || c.i == w) break;
        words++;
        if (c.i < c.n && c.s[c.i] == '.') c.i++; /* "kl. 09.15" */
        spaces(&c);
        if (clock(&c)) { ok = 1; break; }
      }
      if (!ok) c.i = at;
    }
  }
  *ymd = (int)date;
  return c.i;
}

int precisI_parse_date(const char *s, size_t n, const precisI_lang *lang) {
  int ymd;
  size_t e = precisI_date_stamp(s, n, lang, &ymd);
  if (e == 0) return 0;
  while (e < n && (s[e] == ' ' || s[e] == '\t' || s[e] == '.' || s[e] == ','))
    e++;
  return e == n ? ymd : 0; /* a date and nothing else */
}
