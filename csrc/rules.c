/*
** rules.c: the clean-up rules over one trimmed line of a document, each by
** the name that switches it (rule_names below, "input.rule.NAME") and
** that dropped units report: markup fragments, photo credits and
** captions, advertising, promotion and link lists, site navigation,
** bylines, e-mail greetings, sign-offs and headers, date stamps and news
** agencies' datelines, page numbers. Ingest (ingest.c) asks them line by
** line; the language packs add their own lines (lang.c). ASCII phrases
** match whatever their case.
*/
#include <string.h>

#include "internal.h"

/* ASCII case-insensitive prefix test */
static int prefix(const char *s, size_t n, const char *p) {
  size_t i;
  for (i = 0; p[i]; i++) {
    char ch;
    if (i >= n) return 0;
    ch = s[i];
    if (ch >= 'A' && ch <= 'Z') ch = (char)(ch - 'A' + 'a');
    if (ch != p[i]) return 0;
  }
  return 1;
}

/* prefix() that ends at a word's end: "subscribe" is not "Subscribers" */
static int prefix_word(const char *s, size_t n, const char *p) {
  size_t m = strlen(p);
  char next;
  if (!prefix(s, n, p)) return 0;
  if (m >= n || m == 0 || p[m - 1] == ' ' || p[m - 1] == ':') return 1;
  next = s[m];
  return !((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') ||
           (next >= '0' && next <= '9') || (unsigned char)next >= 0x80);
}

static int equals(const char *s, size_t n, const char *p) {
  return prefix(s, n, p) && strlen(p) == n; /* most differ at the first byte */
}


/* a dash that ends a dateline: "-", "--", en or em dash; its length */
static size_t dash_at(const char *s, size_t n, size_t i) {
  if (i + 1 < n && s[i] == '-' && s[i + 1] == '-') return 2;
  if (i < n && s[i] == '-') return 1;
  if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
      ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94))
    return 3;
  return 0;
}

/* news agencies and networks whose name in brackets follows the place of
** a dateline in mixed case ("London (CNN) --") */
static int agency_name(const char *s, size_t n) {
  static const char *const names[] = {
    "aap", "abc", "accesswire", "afp", "ani", "ansa", "ap", "bbc", "bloomberg",
    "business wire", "cbc", "cnn", "cnn business", "cnw", "cp", "dpa", "efe",
    "globe newswire", "ians", "kyodo", "nbc", "pa", "prnewswire", "pti",
    "reuters", "tass", "upi", "xinhua", "yonhap"
  };
  size_t k, j;
  for (k = 0; k < sizeof names / sizeof names[0]; k++) {
    if (strlen(names[k]) != n) continue;
    for (j = 0; j < n; j++) {
      char ch = s[j];
      if (ch >= 'A' && ch <= 'Z') ch = (char)(ch - 'A' + 'a');
      if (ch != names[k][j]) break;
    }
    if (j == n) return 1;
  }
  return 0;
}

/* A news agency's dateline: "LONDON (Reuters) - ", "(CNN) -- ",
** "WASHINGTON, Nov 14 (AP) — ", "London (CNN) -- ", "PARIS — ". A place
** in capitals, an agency in brackets, or both, then a dash; a place in
** mixed case only before an agency named in agency_name. Returns where the
** dash ends, or 0. */
static size_t wire(const char *s, size_t n) {
  size_t i = 0, words = 0, caps = 0, lower = 0, d;
  int agency = 0, known = 0;
  while (i < n && words <= 6) {
    if (s[i] == '(' || s[i] == '/') { /* the agency: one to three words of letters */
      char close = s[i] == '(' ? ')' : '/';
      size_t k = i + 1, w = 0;
      int in = 0;
      while (k < n && k < i + 40 && s[k] != close) {
        char ch = s[k];
        int letter = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || ch == '-' ||
                     ch == '.' || ch == '&';
        if (!letter && ch != ' ') return 0;
        if (letter && !in) {
          w++;
          if (!(ch >= 'A' && ch <= 'Z')) return 0;
        }
        in = letter;
        k++;
      }
      if (k >= n || s[k] != close || w == 0 || w > 3) return 0;
      agency = 1;
      known = agency_name(s + i + 1, k - i - 1);
      if (close == '/' && !known) return 0; /* "/PRNewswire/", not a path */
      i = k + 1;
      while (i < n && s[i] == ' ') i++;
      break;
    }
    { /* a word of the place or date: "SAN", "FRANCISCO,", "Nov", "14", "МОСКВА," */
      size_t k = i, up = 0, low = 0;
      while (k < n && s[k] != ' ' && s[k] != '(') {
        char ch = s[k];
        int32_t cp;
        size_t len;
        if (ch == '-' && k + 2 < n && s[k + 1] == '-' && s[k + 2] == '(') {
          k += 2; /* "SAN FRANCISCO--(BUSINESS WIRE)--" */
          break;
        }
        len = precisI_utf8_decode(s, n, k, &cp);
        if (precisI_is_upper(cp)) up++;
        else if (precisI_is_lower(cp)) low++;
        else if (!((ch >= '0' && ch <= '9') || ch == ',' || ch == '.' || ch == '\''))
          return 0;
        k += len;
      }
      if (k == i) break;
      words++;
      if (up >= 2 && low == 0) caps++;
      else if (low) lower++;
      i = k;
      while (i < n && s[i] == ' ') i++;
      if (i < n && s[i] == '-' && i > 1 && s[i - 1] == '-' && s[i - 2] != ' ') continue;
      if ((d = dash_at(s, n, i)) != 0 && i + d < n && s[i + d] == ' ') break;
    }
  }
  if (!agency && (caps == 0 || words > 4)) return 0;
  if (agency && !known && lower > 0) return 0;
  if (agency && i + 1 < n && s[i] == '.' && s[i + 1] == '-') i++; /* "(EFE).- " */
  if ((d = dash_at(s, n, i)) == 0) return 0;
  if (!agency) { /* "МОСКВА, 14 ноя — РИА Новости. Text": the agency after the dash */
    size_t k = i + d, w = 0, e = 0;
    while (k < n && s[k] == ' ') k++;
    while (k < n && w < 3) {
      int32_t cp;
      size_t ws = k;
      precisI_utf8_decode(s, n, k, &cp);
      if (!precisI_is_upper(cp)) break;
      while (k < n && s[k] != ' ' && s[k] != '.') k++;
      w++;
      if (k < n && s[k] == '.' && k + 2 < n && s[k + 1] == ' ') {
        precisI_utf8_decode(s, n, k + 2, &cp);
        if (precisI_is_upper(cp)) e = k + 1;
        break;
      }
      if (k >= n || s[k] != ' ' || k == ws) break;
      k++;
    }
    if (e) return e;
    if (lower > 0) return 0; /* a place in capitals: "PARIS — ", not "Paris — " */
  }
  return i + d;
}

/* A date stamp ("date 2023-11-14", "Updated 12:30 GMT, 14 November
** 2023") or a news agency's dateline at the start of a line with text
** after it, which a scraper glued onto the first sentence. Returns the end
** of the stamp and sets where the text starts; 0 when there is none, or
** when the text after it does not start a sentence (a capital, a digit, a
** quotation mark). */
size_t precisI_rule_dateline(const char *s, size_t n, const precisI_lang *lang,
                       size_t *text) {
  int ymd;
  size_t end = precisI_date_stamp(s, n, lang, &ymd), i;
  unsigned char ch;
  if (end == 0) end = wire(s, n);
  if (end == 0) return 0;
  i = end;
  while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == ',')) i++;
  if (i == end && end < n && !dash_at(s, end, end - 1) && s[end - 1] != '-')
    return 0; /* "2023-11-14x" */
  if (ymd && i < n) { /* "14 November 2023 - The", "... | The" */
    size_t d = dash_at(s, n, i);
    if (d == 0 && s[i] == '|') d = 1;
    if (d && i + d < n && s[i + d] == ' ') {
      i += d;
      while (i < n && s[i] == ' ') i++;
    }
  }
  if (i >= n) return 0;
  ch = (unsigned char)s[i];
  if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '"' ||
        ch == '\'' || ch >= 0xC0))
    return 0;
  { /* a sentence follows: two words in lowercase at least ("The council
    ** voted"), not a heading in capitals ("-- NEWSLETTER No. 14") */
    size_t k, low = 0;
    int in = 0, counted = 0;
    for (k = i; k < n && low < 2; k++) {
      int letter = (s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
                   (unsigned char)s[k] >= 0x80;
      if (!letter) { in = 0; continue; }
      if (!in) counted = 0;
      in = 1;
      if (!counted && ((s[k] >= 'a' && s[k] <= 'z') || (unsigned char)s[k] >= 0xC0)) {
        low++;
        counted = 1;
      }
    }
    if (low < 2) return 0;
  }
  while (end > 0 && s[end - 1] == ' ') end--;
  *text = i;
  return end;
}

/* Site navigation: a skip link ("Skip to main content"), a menu bar of
** three items or more between "|", "·" or "•", none a sentence ("Home |
** News | Sport | Weather"), or a breadcrumb trail ("Home > News > Sport",
** with ">", "/", "»" or "›"). */
static int navigation(const char *s, size_t n) {
  static const char *const links[] = {
    "skip to main content", "skip to content", "skip to navigation",
    "skip to main navigation", "skip to search", "jump to content",
    "jump to navigation", "toggle navigation", "main menu", "back to top",
    "open menu", "close menu", "menu", "search", "home", "sign in", "log in",
    "login", "log out", "register", "my account", "account", "previous",
    "next", "previous article", "next article", "show more", "load more"
  };
  size_t k, i = 0, items = 0, words = 0, iw = 0;
  int sep = 0;
  if (n <= 40)
    for (k = 0; k < sizeof links / sizeof links[0]; k++)
      if (equals(s, n, links[k])) return 1;
  if (n <= 40) { /* "Jump to Recipe", "Print Recipe", "Rate this recipe" */
    size_t w = 1;
    for (k = 0; k < n; k++) if (s[k] == ' ') w++;
    if (w <= 4 && (prefix_word(s, n, "jump to") || prefix_word(s, n, "skip to") ||
                   prefix_word(s, n, "rate this") || (w <= 2 && prefix_word(s, n, "print"))))
      return 1;
  }
  while (i <= n) {
    size_t len = 0;
    if (i < n && s[i] == '|') len = 1;
    else if (i > 0 && i + 1 < n && (s[i] == '>' || s[i] == '/') && s[i - 1] == ' ' &&
             s[i + 1] == ' ')
      len = 1; /* a breadcrumb trail: "Home > News > Transport" */
    else if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xBB)
      len = 2; /* U+00BB » */
    else if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
             (unsigned char)s[i + 2] == 0xBA)
      len = 3; /* U+203A › */
    else if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xB7)
      len = 2; /* U+00B7 middle dot */
    else if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
             (unsigned char)s[i + 2] == 0xA2)
      len = 3; /* U+2022 bullet */
    if (iw > 4) return 0; /* an item of five words is no menu entry */
    if (len || i == n) { /* the end of an item */
      if (iw == 0) return 0;
      items++;
      iw = 0;
      sep |= len != 0;
      i += len ? len : 1;
      continue;
    }
    if (s[i] == '.' || s[i] == '!' || s[i] == '?' || s[i] == ',' || s[i] == ';')
      return 0;
    if (s[i] != ' ' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '|')) {
      iw++;
      words++;
    }
    i++;
  }
  return sep && items >= 3 && words <= 24;
}

/* A line that is a date stamp, alone or with its author after it
** ("Publicado el 3 de marzo de 2024 por Ana Ruiz", "... by Jane Roe"). */
int precisI_rule_date_line(const char *s, size_t n, const precisI_lang *lang) {
  static const char *const by[] = { "by ", "por ", "par ", "von ", "di ", "door ",
                                    "av ", "af ", "przez " };
  int ymd;
  size_t e, k, words = 0;
  if ((e = precisI_date_stamp(s, n, lang, &ymd)) != 0) {
    size_t f = e; /* a date and nothing else, as precisI_parse_date() reads it */
    while (f < n && (s[f] == ' ' || s[f] == '\t' || s[f] == '.' || s[f] == ',')) f++;
    if (f == n) return 1;
  } else {
    /* a short line that ends with a date: "Reviewed in the United States
    ** on March 3, 2024", "Last edited 14.11.2023" */
    size_t w = 0;
    if (n == 0 || precisI_is_terminal((unsigned char)s[n - 1]) || n > 120) return 0;
    for (k = 1; k < n; k++) {
      /* a sentence before the date makes it no date line: "... lights
      ** together. Jolene Harvey 05/22/2001 09:25 AM" */
      if ((s[k - 1] == '.' || s[k - 1] == '!' || s[k - 1] == '?') && s[k] == ' ' &&
          k + 1 < n && s[k + 1] >= 'A' && s[k + 1] <= 'Z' && k >= 2 &&
          s[k - 2] >= 'a' && s[k - 2] <= 'z')
        return 0;
      if (s[k - 1] != ' ') continue;
      if (++w > 12) return 0;
      if (precisI_parse_date(s + k, n - k, lang) != 0) return 1;
    }
    return 0;
  }
  while (e < n && (s[e] == ' ' || s[e] == ',' || s[e] == '|' || s[e] == '-')) e++;
  for (k = 0; k < sizeof by / sizeof by[0]; k++)
    if (prefix(s + e, n - e, by[k])) break;
  if (k == sizeof by / sizeof by[0]) return 0;
  e += strlen(by[k]);
  if (e >= n || !((s[e] >= 'A' && s[e] <= 'Z') || (unsigned char)s[e] >= 0xC0)) return 0;
  for (k = e; k < n; k++) {
    if (s[k] == '.' || s[k] == '!' || s[k] == '?') return 0;
    if (s[k] == ' ') words++;
  }
  return words <= 3;
}

/* A share bar: "Share | Facebook | Twitter | Email", "Tweet", "Print" --
** a line of nothing but the names of buttons. */
static int share_bar(const char *s, size_t n) {
  static const char *const buttons[] = {
    "comment", "comments", "copy", "e-mail", "email", "facebook", "flipboard",
    "link", "linkedin", "messenger", "pin", "pinterest", "print", "reddit", "save",
    "share", "telegram", "tweet", "twitter", "whatsapp", "x"
  };
  size_t i = 0, words = 0;
  while (i < n) {
    size_t e, k;
    while (i < n && (s[i] == ' ' || s[i] == '|' || s[i] == ',' || s[i] == '/' ||
                     s[i] == '\t'))
      i++;
    if (i >= n) break;
    e = i;
    while (e < n && !(s[e] == ' ' || s[e] == '|' || s[e] == ',' || s[e] == '/'))
      e++;
    for (k = 0; k < sizeof buttons / sizeof buttons[0]; k++)
      if (prefix(s + i, e - i, buttons[k]) && e - i == strlen(buttons[k])) break;
    if (k == sizeof buttons / sizeof buttons[0]) return 0;
    words++;
    i = e;
  }
  return words >= 2 || (words == 1 && (prefix(s, n, "tweet") || prefix(s, n, "share") ||
                                      prefix(s, n, "print") || prefix(s, n, "email") ||
                                      prefix(s, n, "pin")));
}

/* A photo caption that ends with its credit: "Tom Hale at the wheel.
** Jo Park for The Harbour Times", "... AP Photo/Jane Roe", "... Getty
** Images". The credit is the line's last sentence, with no final
** punctuation, of at most 8 words. */
int precisI_rule_caption_credit(const char *s, size_t n, size_t words) {
  static const char *const agencies[] = {
    "getty images", "ap photo", "reuters", "afp", "epa", "shutterstock",
    "alamy", "associated press", "pa media", "bloomberg"
  };
  size_t t = n, k, w = 1;
  if (words > 48 || n < 8 || s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?')
    return 0;
  while (t > 1 && !(s[t - 1] == ' ' && (s[t - 2] == '.' || s[t - 2] == '!'))) t--;
  if (t <= 1) return 0; /* one sentence: a caption needs one before its credit */
  for (k = t; k < n; k++) if (s[k] == ' ') w++;
  if (w > 8) return 0;
  for (k = t; k < n; k++) {
    size_t a;
    if (k > t && s[k - 1] != ' ' && s[k - 1] != '/') continue;
    for (a = 0; a < sizeof agencies / sizeof agencies[0]; a++)
      if (prefix_word(s + k, n - k, agencies[a])) return 1;
    if (prefix(s + k, n - k, "for the ") && k + 8 < n && s[k + 8] >= 'A' && s[k + 8] <= 'Z' &&
        k > t && s[t] >= 'A' && s[t] <= 'Z')
      return 1; /* "Jo Park for The Harbour Times" */
  }
  return 0;
}

/* An e-mail's greeting ("Hi Sam,", "Dear Ms Lee,") or sign-off ("Best,",
** "Kind regards"): 1 for a greeting, 2 for a sign-off, else 0. The name
** under a sign-off goes with it. */
int precisI_rule_salutation(const char *s, size_t n, size_t words) {
  static const char *const greet[] = { "hi ", "hello ", "hey ", "dear ", "good morning",
                                       "good afternoon", "good evening" };
  static const char *const bye[] = {
    "best", "best regards", "best wishes", "kind regards", "regards", "warm regards",
    "many thanks", "thanks", "thank you", "cheers", "sincerely", "yours sincerely",
    "yours faithfully", "yours", "all the best", "take care", "love"
  };
  size_t k, m = n;
  if (words > 5 || n == 0) return 0;
  if (s[n - 1] == ',' || s[n - 1] == '!') m = n - 1;
  for (k = 0; k < sizeof bye / sizeof bye[0]; k++)
    if (strlen(bye[k]) == m && prefix(s, m, bye[k])) return 2;
  if (s[n - 1] != ',') return 0;
  for (k = 0; k < sizeof greet / sizeof greet[0]; k++)
    if (prefix(s, n, greet[k])) return 1;
  return 0;
}

/* An e-mail's reply or forward header: "On Mon, 13 Nov 2023, Ann Lee
** <ann@example.com> wrote:", "-----Original Message-----", "Begin
** forwarded message:", "From: Ann Lee <ann@example.com>"; 2 for the
** last, whose "Sent:", "To:", "Cc:", "Subject:" and "Date:" lines follow
** it, else 1, or 0. */
int precisI_rule_mail_header(const char *s, size_t n, size_t words) {
  size_t k;
  if (words <= 30 && prefix(s, n, "on ") && n > 6 && memcmp(s + n - 6, "wrote:", 6) == 0)
    return 1;
  k = 0;
  while (k < n && (s[k] == '-' || s[k] == ' ')) k++;
  if (k >= 3 && (prefix(s + k, n - k, "original message") ||
                 prefix(s + k, n - k, "forwarded message")))
    return 1;
  if (equals(s, n, "begin forwarded message:")) return 1;
  if (prefix(s, n, "from: ") && words <= 12 && (memchr(s, '@', n) || memchr(s, '<', n)))
    return 2;
  return 0;
}

int precisI_rule_mail_field(const char *s, size_t n) {
  return prefix(s, n, "sent:") || prefix(s, n, "to:") || prefix(s, n, "cc:") ||
         prefix(s, n, "subject:") || prefix(s, n, "date:");
}

/* Does the line end with `p` (ASCII, case aside)? */
static int suffix(const char *s, size_t n, const char *p) {
  size_t m = strlen(p);
  return n >= m && prefix(s + n - m, m, p);
}

/* A page number a PDF or a print layout left on a line: "Page 2 of 12",
** "Page 2", "- 2 -", "2 / 12", "p. 2" */
static int page_number(const char *s, size_t n) {
  size_t i = 0, d;
  if (prefix(s, n, "page ")) i = 5;
  else if (prefix(s, n, "p. ")) i = 3;
  else if (prefix(s, n, "- ")) i = 2;
  d = i;
  while (i < n && s[i] >= '0' && s[i] <= '9') i++;
  if (i == d || i - d > 4) return 0;
  if (i == n) return d > 0 && d != 2; /* "Page 2", "p. 2", not "- 2" alone */
  if (d == 2) return equals(s + i, n - i, " -");
  if (prefix(s + i, n - i, " of ") || prefix(s + i, n - i, " / ")) {
    size_t e = i + 4;
    d = e;
    while (e < n && s[e] >= '0' && s[e] <= '9') e++;
    return e == n && e > d;
  }
  return 0;
}

/* " min read", " mins read" or " minute read" anywhere in s (ASCII, case
** aside) */
static int min_read(const char *s, size_t n) {
  size_t k;
  for (k = 0; k + 9 <= n; k++)
    if (s[k] == ' ' && prefix(s + k, n - k, " min") &&
        (prefix(s + k + 4, n - k - 4, " read") || prefix(s + k + 4, n - k - 4, "s read") ||
         prefix(s + k + 4, n - k - 4, "ute read")))
      return 1;
  return 0;
}

/* "Comments (12)", "12 comments" */
static int comment_count(const char *s, size_t n) {
  size_t k = 0;
  if (prefix(s, n, "comments (")) {
    k = 10;
    while (k < n && s[k] >= '0' && s[k] <= '9') k++;
    return k > 10 && k + 1 == n && s[k] == ')';
  }
  while (k < n && s[k] >= '0' && s[k] <= '9') k++;
  return k > 0 && (equals(s + k, n - k, " comments") || equals(s + k, n - k, " comment"));
}

/* A short line that ends with a hashtag: "Get involved #BBCFootball"
** ("Why #MeToo still matters" is a headline) */
static int hashtag_line(const char *s, size_t n, size_t words) {
  size_t k = n;
  if (words > 5 || words < 2) return 0;
  while (k > 0 && s[k - 1] != ' ') k--;
  return k > 0 && k + 1 < n && s[k] == '#' &&
         ((s[k + 1] >= 'A' && s[k + 1] <= 'Z') || (s[k + 1] >= 'a' && s[k + 1] <= 'z'));
}

/* A time relative to now: "Updated 2 hours ago", "3 min ago" */
static int ago(const char *s, size_t n) {
  size_t k;
  int digit = 0;
  if (!suffix(s, n, " ago")) return 0;
  for (k = 0; k < n; k++) if (s[k] >= '0' && s[k] <= '9') digit = 1;
  return digit || prefix(s, n, "an hour") || prefix(s, n, "a day") ||
         prefix(s, n, "updated an") || prefix(s, n, "updated a ");
}

/* A rating: "4.0 out of 5 stars", "4 out of 5" */
static int rating(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == ',')) i++;
  if (i == 0 || !prefix(s + i, n - i, " out of ")) return 0;
  i += 8;
  while (i < n && s[i] >= '0' && s[i] <= '9') i++;
  return i == n || equals(s + i, n - i, " stars") || equals(s + i, n - i, " star");
}

/* A line that heads a list of links ("Related Topics", "Most read") or a
** table of contents ("Contents"): the short lines after it are links too.
** 1 for a list of links, 2 for a table of contents, else 0. */
int precisI_rule_list_head(const char *s, size_t n) {
  static const char *const heads[] = {
    "related topics", "related stories", "related articles", "related content",
    "more on this story", "more stories", "most read", "most popular",
    "top stories", "you may also like", "recommended", "recommended for you",
    "trending now", "latest news", "more from this section", "topics",
    "most viewed", "related", "tags"
  };
  size_t k;
  if (equals(s, n, "contents") || equals(s, n, "table of contents") ||
      equals(s, n, "in this article"))
    return 2;
  for (k = 0; k < sizeof heads / sizeof heads[0]; k++)
    if (equals(s, n, heads[k])) return 1;
  return 0;
}

/* The built-in boilerplate rules on a trimmed line; NULL when none fires. */
const char *precisI_rule_line(const char *s, size_t n, size_t words) {
  static const char *const ads[] = {
    "advertisement", "advert", "sponsored", "sponsored content",
    "story continues below advertisement", "skip advertisement",
    "continue reading", "continue reading below"
  };
  static const char *const lines[] = { /* buttons and links of their own */
    "reuse this content", "comments", "view comments", "show comments",
    "leave a comment", "leave a reply", "share", "reply", "quote", "report",
    "for immediate release", "yes no",
    "customer reviews", "top reviews", "verified purchase", "helpful", "report abuse",
    "from wikipedia, the free encyclopedia"
  };
  static const char *const promo[] = {
    "read more", "read also", "also read", "see also", "related:", "you might also like",
    "to unsubscribe", "unsubscribe", "view in browser", "view this email in your browser",
    "you may also like", "more like this",
    "related articles", "share this", "share on", "share via", "follow us",
    "subscribe", "sign up for", "click here", "we use cookies",
    "this site uses cookies", "accept cookies", "all rights reserved",
    "copyright \xC2\xA9", "\xC2\xA9 "
  };
  size_t k;
  if (prefix(s, n, "<!--") || prefix(s, n, "!--") ||
      (n >= 3 && memcmp(s + n - 3, "-->", 3) == 0) ||
      (n >= 2 && s[0] == '<' && s[n - 1] == '>' && words <= 12))
    return "markup";
  if (prefix(s, n, "image source") || prefix(s, n, "image credit") ||
      prefix(s, n, "photo credit") || prefix(s, n, "picture credit") ||
      prefix(s, n, "photo:") || prefix(s, n, "image:") ||
      prefix(s, n, "photograph:") || prefix(s, n, "picture:") ||
      prefix(s, n, "credit:") || prefix(s, n, "source: getty"))
    return words <= 12 ? "credit" : NULL;
  if (prefix(s, n, "image caption") || prefix(s, n, "photo caption") ||
      prefix(s, n, "caption:"))
    return words <= 40 ? "caption" : NULL;
  if (words > 24) return NULL; /* a sentence: none of the rules below is that long */
  if (page_number(s, n)) return "leader";
  if (share_bar(s, n)) return "promo";
  if (words <= 12 && (prefix_word(s, n, "media contact") || prefix_word(s, n, "press contact") ||
                      (n > 7 && memcmp(s, "SOURCE ", 7) == 0 && s[7] >= 'A' && s[7] <= 'Z')))
    return "promo"; /* a press release's contact and source lines */
  if (navigation(s, n)) return "navigation";
  if (precisI_rule_list_head(s, n) == 2) return "navigation"; /* "Contents" */
  if ((n >= 2 && s[0] == '^' && s[1] == ' ') || (words <= 6 && prefix(s, n, "doi:")))
    return "markup"; /* a citation under "References": "^ Smith, A. (2019).", a DOI */
  if (words <= 6 && ago(s, n)) return "dateline"; /* "Updated 2 hours ago" */
  if (words <= 16 && min_read(s, n))
    return "byline"; /* "By Jane Roe · 4 min read", "Posted on ... · 4 min read" */
  if (words <= 8 && (prefix(s, n, "was this page useful") || prefix(s, n, "was this page helpful") ||
                     prefix(s, n, "was this article helpful") || prefix(s, n, "was this helpful") ||
                     prefix(s, n, "did you find this helpful") || comment_count(s, n) ||
                     hashtag_line(s, n, words)))
    return "promo"; /* a feedback widget, "Comments (12)", "Get involved #BBCFootball" */
  if (words <= 8 && (rating(s, n) || suffix(s, n, "found this helpful") ||
                     prefix_word(s, n, "categories:")))
    return "promo"; /* "4.0 out of 5 stars", "12 people found this helpful" */
  if (n <= 40) { /* whole lines of a few words */
    for (k = 0; k < sizeof lines / sizeof lines[0]; k++)
      if (equals(s, n, lines[k])) return "promo";
    if (precisI_rule_list_head(s, n)) return "promo";
    for (k = 0; k < sizeof ads / sizeof ads[0]; k++)
      if (equals(s, n, ads[k])) return "advertisement";
  }
  if (words <= 12)
    for (k = 0; k < sizeof promo / sizeof promo[0]; k++)
      if (prefix_word(s, n, promo[k])) return "promo";
  return NULL;
}

/* A byline: "By Jane Roe", "By Jane Roe | 5 min read", "Reporting by
** Jane Roe; Editing by Sam Poe", "Written by ...", "Posted by ...". A
** sentence that starts with "By" ("By Monday the bridge had closed.") ends
** with a period and goes on in lowercase, which a byline does not. */
int precisI_rule_byline(const char *s, size_t n, size_t words) {
  static const char *const lead[] = {
    "(reporting by", "reporting by", "additional reporting by", "writing by",
    "written by", "editing by", "posted by", "words by", "story by",
    "photographs by", "photography by", "photos by", "photo by", "illustration by",
    "illustrations by", "video by", "graphics by"
  };
  size_t k, i, caps = 0, w = 0;
  int in = 0;
  for (k = 0; k < sizeof lead / sizeof lead[0]; k++)
    if (prefix(s, n, lead[k]) && words <= 24) return 1;
  if (!prefix(s, n, "by ") || words > 10 || words < 2) return 0;
  if (s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?') return 0;
  for (i = 3; i < n; i++) { /* the name: capitalised words */
    unsigned char ch = (unsigned char)s[i];
    int letter = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch >= 0x80;
    if (ch == '|' || ch == ',' || ch == '-') break; /* "| 5 min read", ", Reuters" */
    if (letter && !in) {
      if (prefix_word(s + i, n - i, "and") || prefix_word(s + i, n - i, "und") ||
          prefix_word(s + i, n - i, "et") || prefix_word(s + i, n - i, "y")) {
        in = 1; /* "By Ann Lee and Sam Fry" */
        continue;
      }
      w++;
      if ((ch >= 'A' && ch <= 'Z') || ch >= 0x80) caps++;
    }
    in = letter;
  }
  return w >= 1 && w <= 6 && caps == w;
}

/* The built-in rules by name: "input.boilerplate" = 0 turns the
** boilerplate ones off together, "input.rule.<name>" = 0 any one. */
static const char *const rule_names[] = {
  "advertisement", "byline", "caption", "credit", "dateline", "leader",
  "mail_header", "markup", "navigation", "promo", "repeat", "salutation", "separator",
  /* HTML's clean-up by content (html.c) */
  "code", "comments", "consent", "hidden", "related", "share", "sidebar"
};

/* The rules whose lines are text of the document, kept out of summaries
** but not out of `split`; the others drop boilerplate. */
int precisI_rule_keeps_text(const char *rule) {
  return rule != NULL && (strcmp(rule, "salutation") == 0 || strcmp(rule, "separator") == 0 ||
                          strcmp(rule, "dateline") == 0 || strcmp(rule, "mail_header") == 0);
}

/* Is the named rule on? Rules that read layout (leaders, separators) do
** not depend on "input.boilerplate". */
int precisI_rule_on(const precis_summarizer *s, const char *rule) {
  int id = precisI_rule_id(rule);
  if (id < 0) return 1;
  if (s->opt.rules_off & (1u << id)) return 0;
  if (s->opt.boilerplate) return 1;
  return strcmp(rule, "leader") == 0 || strcmp(rule, "separator") == 0;
}

int precisI_rule_id(const char *name) {
  size_t k;
  /* ingest asks for each line, several times: most names differ from all
  ** but one or two of the list in their first letter */
  for (k = 0; k < sizeof rule_names / sizeof rule_names[0]; k++)
    if (rule_names[k][0] == name[0] && strcmp(name, rule_names[k]) == 0) return (int)k;
  return -1;
}
