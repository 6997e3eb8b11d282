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

/* "12:30", "3:45 p.m.", "9am", each with an optional zone ("GMT", "ET",
** "UTC+1"); returns 1 and moves past it, or 0 and leaves c alone */
static int clock(scan *c) {
  size_t at = c->i, dg, z;
  number(c, &dg);
  if (dg < 1 || dg > 2) { c->i = at; return 0; }
  if (c->i < c->n && (c->s[c->i] == ':' || c->s[c->i] == '.') &&
      c->i + 2 < c->n && c->s[c->i + 1] >= '0' && c->s[c->i + 1] <= '5') {
    c->i++;
    number(c, &dg);
    if (dg != 2) { c->i = at; return 0; }
  } else if (!(c->i < c->n && (c->s[c->i] == 'a' || c->s[c->i] == 'p' ||
                               (c->s[c->i] == ' ' && c->i + 1 < c->n &&
                                (c->s[c->i + 1] == 'a' || c->s[c->i + 1] == 'p'))))) {
    c->i = at; /* a bare number is no time */
    return 0;
  }
  { /* am, pm, a.m., p.m. */
    size_t k = c->i;
    if (k < c->n && c->s[k] == ' ') k++;
    if (k < c->n && (c->s[k] == 'a' || c->s[k] == 'p' || c->s[k] == 'A' ||
                     c->s[k] == 'P')) {
      size_t m = k + 1;
      if (m < c->n && c->s[m] == '.') m++;
      if (m < c->n && (c->s[m] == 'm' || c->s[m] == 'M')) {
        m++;
        if (m < c->n && c->s[m] == '.') m++;
        c->i = m;
      } else if (c->s[at + dg] != ':' && c->s[at + dg] != '.') {
        c->i = at;
        return 0;
      }
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

/* a calendar date at c: ISO, "14 November 2023", "November 14, 2023",
** each after an optional weekday; its yyyymmdd, or 0 */
static long calendar(scan *c) {
  char w[16];
  size_t k, dg, at = c->i;
  long y, m, d;
  int wd;
  k = word(c, w, sizeof w);
  for (wd = 0; k && wd < 7; wd++) /* an optional weekday */
    if (k >= 3 && strncmp(weekdays[wd], w, k) == 0) {
      if (c->i < c->n && c->s[c->i] == '.') c->i++;
      spaces(c);
      k = word(c, w, sizeof w);
      break;
    }
  if (k == 0) {
    long first = number(c, &dg);
    if (dg == 4 && c->i < c->n && c->s[c->i] == '-') { /* ISO 8601: 2023-11-14 */
      y = first;
      c->i++;
      m = number(c, &dg);
      if (dg != 2 || c->i >= c->n || c->s[c->i] != '-') goto no;
      c->i++;
      d = number(c, &dg);
      if (dg != 2) goto no;
    } else if (dg >= 1 && dg <= 2) { /* 14 November 2023 */
      d = first;
      ordinal(c);
      spaces(c);
      k = word(c, w, sizeof w);
      if (c->i < c->n && c->s[c->i] == '.') c->i++;
      if ((m = month(w, k)) == 0) goto no;
      spaces(c);
      y = number(c, &dg);
      if (dg != 4) goto no;
    } else {
      goto no;
    }
  } else { /* November 6, 2023 */
    if ((m = month(w, k)) == 0) goto no;
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
static void label(scan *c) {
  static const char *const labels[] = {
    "date", "updated", "published", "posted", "modified", "last updated",
    "first published", "last modified", "originally published"
  };
  size_t k;
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

size_t precisI_date_stamp(const char *s, size_t n, int *ymd) {
  scan c;
  long date;
  c.s = s; c.n = n; c.i = 0;
  *ymd = 0;
  spaces(&c);
  label(&c);
  if (clock(&c)) joiners(&c); /* "12:30 GMT, 14 November 2023" */
  if ((date = calendar(&c)) == 0) return 0;
  {
    size_t at = c.i;
    joiners(&c);
    if (!clock(&c)) c.i = at; /* "14 November 2023, 12:30 GMT" */
  }
  *ymd = (int)date;
  return c.i;
}

int precisI_parse_date(const char *s, size_t n) {
  int ymd;
  size_t e = precisI_date_stamp(s, n, &ymd);
  if (e == 0) return 0;
  while (e < n && (s[e] == ' ' || s[e] == '\t' || s[e] == '.' || s[e] == ','))
    e++;
  return e == n ? ymd : 0; /* a date and nothing else */
}
