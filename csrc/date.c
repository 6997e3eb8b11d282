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

int precisI_parse_date(const char *s, size_t n) {
  scan c;
  char w[16];
  size_t k, dg;
  long y, m, d;
  c.s = s; c.n = n; c.i = 0;
  spaces(&c);
  k = word(&c, w, sizeof w);
  if (k == 4 && strcmp(w, "date") == 0) { /* "date 2023-11-14", "date: ..." */
    if (c.i < n && s[c.i] == ':') c.i++;
    spaces(&c);
    k = word(&c, w, sizeof w);
  }
  for (m = 0; k && m < 7; m++) /* an optional weekday */
    if (k >= 3 && strncmp(weekdays[m], w, k) == 0) {
      spaces(&c);
      k = word(&c, w, sizeof w);
      break;
    }
  if (k == 0) {
    long first = number(&c, &dg);
    if (dg == 4 && c.i < n && s[c.i] == '-') { /* ISO 8601: 2023-11-14 */
      y = first;
      c.i++;
      m = number(&c, &dg);
      if (dg != 2 || c.i >= n || s[c.i] != '-') return 0;
      c.i++;
      d = number(&c, &dg);
      if (dg != 2) return 0;
    } else if (dg >= 1 && dg <= 2) { /* 14 November 2023 */
      d = first;
      ordinal(&c);
      spaces(&c);
      k = word(&c, w, sizeof w);
      if (c.i < n && s[c.i] == '.') c.i++;
      if ((m = month(w, k)) == 0) return 0;
      spaces(&c);
      y = number(&c, &dg);
      if (dg != 4) return 0;
    } else {
      return 0;
    }
  } else { /* November 6, 2023 */
    if ((m = month(w, k)) == 0) return 0;
    if (c.i < n && s[c.i] == '.') c.i++;
    spaces(&c);
    d = number(&c, &dg);
    if (dg < 1 || dg > 2) return 0;
    ordinal(&c);
    spaces(&c);
    y = number(&c, &dg);
    if (dg != 4) return 0;
  }
  spaces(&c);
  while (c.i < n && (s[c.i] == ' ' || s[c.i] == '\t' || s[c.i] == '.')) c.i++;
  if (c.i != n || !valid(y, m, d)) return 0; /* a date and nothing else */
  return (int)(y * 10000 + m * 100 + d);
}
