/*
** ingest.c: one document's clean text -> blocks. Lines are read with their
** structure: blank lines end paragraphs, list markers start items, a short
** line without final punctuation is a heading (never glued onto the next
** sentence), and boilerplate lines are dropped by the caller's patterns and
** the built-in rules, each of which has a name reported with what it drops.
**
** Whether a line break inside a paragraph ends a sentence depends on
** "input.unwrap": 0, every line break does; 1, lines are rejoined (hard-
** wrapped or PDF-extracted text) unless the next one starts a list item or
** the two read as separate lines; -1 (the default), only paragraphs whose
** lines look hard-wrapped (of one width, most not ending a sentence) are.
*/
#include <string.h>

#include "internal.h"

enum { L_BLANK, L_TEXT, L_HEADING, L_DROPPED };

typedef struct line {
  size_t ts, te;        /* trimmed span, after a quote marker or dateline */
  size_t body;          /* where the text starts past a list marker */
  size_t words;
  size_t chars;         /* code points in [ts, te) */
  int kind;
  int item;             /* starts a list item */
  int depth;            /* e-mail quotation depth ("> > text") */
  int terminal;         /* ends with sentence-final punctuation */
  int question;         /* ... and that is '?', '!' or an ellipsis */
  int toc;              /* a table-of-contents line (its leader was cut) */
  int heading;          /* the format says: a heading */
  int trail;            /* white space before the line break (flowed) */
  size_t ds, de;        /* a date stamp or rule cut from its start */
  const char *drule;
  size_t xs, xe;        /* a leader or rule cut from its end, if xe > xs */
  const char *xrule;
  const char *rule;
} line;

typedef struct cursor {
  const char *t;
  size_t n;
  const precisI_lang *lang;
} cursor;

static int32_t cp_at(const cursor *c, size_t i, size_t *len) {
  int32_t cp;
  *len = precisI_utf8_decode(c->t, c->n, i, &cp);
  return cp;
}

/* the code point that ends before byte `i` (i > 0), and where it starts */
static int32_t cp_before(const cursor *c, size_t i, size_t *start) {
  size_t j = i - 1, len;
  while (j > 0 && ((unsigned char)c->t[j] & 0xC0) == 0x80) j--;
  *start = j;
  return cp_at(c, j, &len);
}

static int is_closer(int32_t cp) {
  return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D ||
         cp == 0x2019 || cp == 0xBB || cp == 0x203A || cp == '*' || cp == '_' ||
         cp == 0x201C || cp == 0x300D || cp == 0x300F;
}

static size_t skip_space(const cursor *c, size_t i, size_t end) {
  while (i < end) {
    size_t len;
    if (!precisI_is_space(cp_at(c, i, &len))) break;
    i += len;
  }
  return i;
}

static size_t trim_end(const cursor *c, size_t s, size_t e) {
  while (e > s) {
    size_t st0;
    if (!precisI_is_space(cp_before(c, e, &st0))) break;
    e = st0;
  }
  return e;
}

/* Words on a line, counted up to `limit` + 1: every rule asks only
** whether a line is short, so a long paragraph stops early. */
static size_t count_words(const cursor *c, size_t i, size_t end,
                          size_t limit) {
  size_t words = 0, len;
  int in = 0;
  while (i < end && words <= limit) {
    unsigned char b = (unsigned char)c->t[i];
    int w;
    if (b < 0x80) {
      w = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
      len = 1;
    } else {
      w = precisI_is_word(cp_at(c, i, &len));
    }
    if (w && !in) words++;
    in = w;
    i += len;
  }
  return words;
}

static size_t count_chars(const cursor *c, size_t i, size_t end) {
  size_t n = 0;
  for (; i < end; i++) n += ((unsigned char)c->t[i] & 0xC0) != 0x80;
  return n;
}

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
  return strlen(p) == n && prefix(s, n, p);
}

/* Length of a list marker at s ("- ", "* ", "• ", "1. ", "2) ", "(a) ",
** "a. ", "iv) ", "• 3. "), including the space after it, or 0. */
static size_t list_marker(const cursor *c, size_t i, size_t end) {
  const char *s = c->t + i;
  size_t n = end - i, k = 0, b = 0;
  if (n >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ')
    return 2;
  if (n >= 3 && (prefix(s, n, "\xE2\x80\xA2") || prefix(s, n, "\xE2\x81\x83") ||
                 prefix(s, n, "\xE2\x97\xA6") || prefix(s, n, "\xE2\x96\xAA")))
    b = 3;
  else if (n >= 3 && prefix(s, n, "\xE2\x80\x93 "))
    return 4;
  else if (n >= 2 && prefix(s, n, "\xC2\xB7"))
    b = 2;
  if (b) { /* a bullet, perhaps before a number: "• 3. Essen" */
    size_t m;
    k = b;
    while (k < n && s[k] == ' ') k++;
    m = list_marker(c, i + k, end);
    return m ? k + m : k;
  }
  while (k < n && k < 3 && s[k] >= '0' && s[k] <= '9') k++;
  if (k > 0 && k + 2 < n && s[k] == '.' && s[k + 1] == ')' && s[k + 2] == ' ')
    return k + 3;
  if (k > 0 && k + 1 < n && (s[k] == '.' || s[k] == ')') && s[k + 1] == ' ')
    return k + 2;
  if (k > 0) return 0;
  if (n >= 4 && s[0] == '(' ) { /* (a) (iv) (A) (1) */
    size_t j = 1;
    while (j < n && j < 6 && ((s[j] >= 'a' && s[j] <= 'z') ||
                              (s[j] >= 'A' && s[j] <= 'Z') ||
                              (s[j] >= '0' && s[j] <= '9')))
      j++;
    if (j > 1 && j + 1 < n && s[j] == ')' && s[j + 1] == ' ' &&
        (j == 2 || strspn(s + 1, "ivxIVX") >= j - 1))
      return j + 2;
    return 0;
  }
  /* a) a. a.) iv) A) */
  while (k < n && k < 4 && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z')))
    k++;
  if (k == 0 || (k > 1 && strspn(s, "ivxIVX") < k)) return 0;
  if (k + 2 < n && s[k] == '.' && s[k + 1] == ')' && s[k + 2] == ' ') return k + 3;
  if (k + 1 < n && s[k] == ')' && s[k + 1] == ' ') return k + 2;
  if (k == 1 && k + 1 < n && s[k] == '.' && s[k + 1] == ' ' &&
      (s[0] >= 'a' && s[0] <= 'z'))
    return k + 2;
  return 0;
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
static size_t dateline(const char *s, size_t n, const precisI_lang *lang,
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
static int date_line(const char *s, size_t n, const precisI_lang *lang) {
  static const char *const by[] = { "by ", "por ", "par ", "von ", "di ", "door ",
                                    "av ", "af ", "przez " };
  int ymd;
  size_t e, k, words = 0;
  if (precisI_parse_date(s, n, lang) != 0) return 1;
  if ((e = precisI_date_stamp(s, n, lang, &ymd)) == 0) {
    /* a short line that ends with a date: "Reviewed in the United States
    ** on March 3, 2024", "Last edited 14.11.2023" */
    size_t w = 0;
    if (n == 0 || precisI_is_terminal((unsigned char)s[n - 1]) || n > 120) return 0;
    for (k = 1; k < n; k++) {
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
      if (e - i == strlen(buttons[k]) && prefix(s + i, e - i, buttons[k])) break;
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
static int credited_caption(const char *s, size_t n, size_t words) {
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
static int salutation(const char *s, size_t n, size_t words) {
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
static int mail_header(const char *s, size_t n, size_t words) {
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

static int mail_field(const char *s, size_t n) {
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
static int list_head(const char *s, size_t n) {
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
static const char *boilerplate(const char *s, size_t n, size_t words) {
  static const char *const ads[] = {
    "advertisement", "advert", "sponsored", "sponsored content",
    "story continues below advertisement", "skip advertisement",
    "continue reading", "continue reading below"
  };
  static const char *const lines[] = { /* buttons and links of their own */
    "reuse this content", "comments", "view comments", "show comments",
    "leave a comment", "share", "reply", "quote", "report", "for immediate release",
    "customer reviews", "top reviews", "verified purchase", "helpful", "report abuse",
    "from wikipedia, the free encyclopedia"
  };
  static const char *const promo[] = {
    "read more", "read also", "also read", "see also", "related:",
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
  if (list_head(s, n) == 2) return "navigation"; /* "Contents" */
  if (n >= 2 && s[0] == '^' && s[1] == ' ')
    return "markup"; /* a citation under "References": "^ Smith, A. (2019)." */
  if (words <= 8 && (rating(s, n) || suffix(s, n, "found this helpful") ||
                     prefix_word(s, n, "categories:")))
    return "promo"; /* "4.0 out of 5 stars", "12 people found this helpful" */
  if (n <= 40) { /* whole lines of a few words */
    for (k = 0; k < sizeof lines / sizeof lines[0]; k++)
      if (equals(s, n, lines[k])) return "promo";
    if (list_head(s, n)) return "promo";
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
static int byline(const char *s, size_t n, size_t words) {
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
  "mail_header", "markup", "navigation", "promo", "repeat", "salutation", "separator"
};

int precisI_rule_id(const char *name) {
  size_t k;
  for (k = 0; k < sizeof rule_names / sizeof rule_names[0]; k++)
    if (strcmp(name, rule_names[k]) == 0) return (int)k;
  return -1;
}

/* Is the named rule on? Rules that read layout (leaders, separators) do
** not depend on "input.boilerplate". */
static int rule_on(const precis_summarizer *s, const char *rule) {
  int id = precisI_rule_id(rule);
  if (id < 0) return 1;
  if (s->opt.rules_off & (1u << id)) return 0;
  return s->opt.boilerplate || strcmp(rule, "leader") == 0 ||
         strcmp(rule, "separator") == 0;
}

static int user_pattern(const precis_summarizer *s, const char *t, size_t n) {
  char buf[PRECIS_MAX_PATTERN_LINE + 1];
  size_t k;
  if (s->opt.npatterns == 0) return 0;
  if (n > PRECIS_MAX_PATTERN_LINE) n = PRECIS_MAX_PATTERN_LINE;
  memcpy(buf, t, n);
  buf[n] = '\0'; /* an embedded NUL ends the match early, which is safe */
  for (k = 0; k < s->opt.npatterns; k++)
    if (regexec(&s->re[k], buf, 0, NULL, 0) == 0) return 1;
  return 0;
}

/* A run of one repeated mark ("////", "-----", "====") of at least this
** many characters is a rule drawn in text, not words. */
#define RULE_MIN 10

/* the end of a run of the byte at s[i] */
static size_t run_of(const char *s, size_t i, size_t n) {
  size_t j = i;
  while (j < n && s[j] == s[i]) j++;
  return j;
}

static int rule_char(char ch) {
  return ch == '/' || ch == '-' || ch == '=' || ch == '*' || ch == '_' ||
         ch == '~' || ch == '#' || ch == '+' || ch == '.';
}

/* A table-of-contents leader at the end of a line: "About Me.......5",
** "Chapter 2 ...... 6", "Score.... 16-17". Returns where it starts (the
** text ends before it), or 0. */
static size_t leader(const char *s, size_t n) {
  size_t e = n, d;
  while (e > 0 && ((s[e - 1] >= '0' && s[e - 1] <= '9') || s[e - 1] == '-'))
    e--;
  if (e == n || e == 0) return 0;
  while (e > 0 && s[e - 1] == ' ') e--;
  d = e;
  while (d > 0 && s[d - 1] == '.') d--;
  if (e - d < 4 || d == 0) return 0;
  while (d > 0 && s[d - 1] == ' ') d--;
  return d;
}

/* Is the line written like a title: most words capitalised or numeric? */
static int titleish(const cursor *c, const line *l) {
  size_t i = l->ts, caps = 0, words = 0, len;
  int in = 0;
  while (i < l->te) {
    int32_t cp = cp_at(c, i, &len);
    int w = precisI_is_word(cp);
    if (w && !in && (precisI_is_lower(cp) || precisI_is_upper(cp) ||
                     precisI_is_digit(cp))) { /* words with case */
      words++;
      if (!precisI_is_lower(cp)) caps++;
    }
    in = w;
    i += len;
  }
  return words > 0 && caps * 2 >= words;
}

static int starts_lower(const cursor *c, const line *l) {
  size_t len;
  return l->ts < l->te && precisI_is_lower(cp_at(c, l->ts, &len));
}

/* the first code point of a line's text */
static int32_t first_cp(const cursor *c, const line *l) {
  size_t len;
  return l->ts < l->te ? cp_at(c, l->ts, &len) : 0;
}

/* the last word of a line: [*ws, te) without trailing punctuation */
static size_t last_word(const cursor *c, const line *l, size_t *we) {
  size_t e = l->te, s, st0;
  while (e > l->ts && !precisI_is_word(cp_before(c, e, &st0))) e = st0;
  s = e;
  while (s > l->ts && precisI_is_word(cp_before(c, s, &st0))) s = st0;
  *we = e;
  return s;
}

static int ends_with_stopword(const cursor *c, const line *l) {
  size_t we, ws = last_word(c, l, &we);
  char buf[64];
  size_t i, n = we - ws;
  if (n == 0 || n >= sizeof buf) return 0;
  for (i = 0; i < n; i++) {
    char ch = c->t[ws + i];
    buf[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  }
  return precisI_lang_starter(c->lang, buf, n) &&
         precisI_lang_is_stop(c->lang, buf, n);
}

/* Does line l end with a period after a known abbreviation ("Dr.")? */
static int ends_with_abbreviation(const cursor *c, const line *l) {
  size_t we, ws = last_word(c, l, &we);
  return we < l->te && c->t[we] == '.' && we + 1 == l->te &&
         precisI_lang_abbrev(c->lang, c->t + ws, we - ws) != PRECIS_ABBR_NONE;
}

static int ends_with(const cursor *c, const line *l, int32_t want) {
  size_t st0;
  return l->te > l->ts && cp_before(c, l->te, &st0) == want;
}

/* a line of one or two letters: a word a PDF set one letter per line */
static int fragment(const line *l) {
  return l->words == 1 && l->chars <= 2;
}

/* the first word of line l starts sentences */
static int starts_sentence_word(const cursor *c, const line *l) {
  size_t i = l->ts, len;
  while (i < l->te && precisI_is_word(cp_at(c, i, &len))) i += len;
  return i > l->ts && precisI_lang_starter(c->lang, c->t + l->ts, i - l->ts);
}

/* Do the lines of paragraph [a, b) look hard-wrapped: of one width (and,
** unless asked to rejoin, narrower than 100 characters), at least two of
** them before the last, most not ending a sentence? */
static int wrapped(const line *ls, size_t a, size_t b, int unwrap) {
  size_t k, w = 0, near = 0, open = 0, n = 0;
  if (b - a < 3) return 0;
  for (k = a; k + 1 < b; k++) {
    if (ls[k].kind != L_TEXT || ls[k].item) return 0;
    if (ls[k].chars > w) w = ls[k].chars;
  }
  /* text wrapped to a width (mail at 72, 78) has no lines of 100
  ** characters; scraped pages put a paragraph on a line */
  if (w < 30 || (unwrap < 0 && w > 100)) return 0;
  for (k = a; k + 1 < b; k++) {
    n++;
    if (ls[k].chars * 4 >= w * 3) near++;
    if (!ls[k].terminal) open++;
  }
  return near * 10 >= n * 7 && open * 2 >= n;
}

/*
** May line B continue the sentence of line A (the break is soft)? Called
** for two text lines of one paragraph, neither a heading.
*/
static int soft(const cursor *c, const line *a, const line *b, int unwrap,
                int wrap, int lenient) {
  int32_t f = first_cp(c, b);
  if (b->item || a->toc || b->toc || a->depth != b->depth) return 0;
  if (fragment(a) && fragment(b)) return unwrap != 0;
  if (precisI_is_terminal(f) && f != ':' && f != ';') /* "pricing\n. Next" */
    return unwrap != 0 || wrap;
  if (unwrap == 0) return 0;
  if (precisI_is_lower(f) && ends_with(c, a, '-') && a->te - a->ts >= 2) {
    size_t st0;
    if (precisI_is_word(cp_before(c, a->te - 1, &st0)))
      return 1; /* a word broken at its hyphen: "long-\nterm" */
  }
  if (unwrap < 0 && !wrap) /* "The ferry will leave\nevery hour." */
    return lenient && !a->terminal && a->words >= 3 && precisI_is_lower(f);
  if (wrap) return 1;
  /* rejoining lines that do not look wrapped: two short lines of their
  ** own ("features" / "contact manager") stay apart */
  if (!a->terminal && !b->terminal && a->words <= 3 && b->words <= 3)
    return 0;
  if (ends_with(c, a, '-') || ends_with(c, a, ',')) return 1;
  if (precisI_is_lower(f) || precisI_is_digit(f) || f == '(') return 1;
  if (precisI_is_word(f) && !precisI_is_upper(f)) return 1; /* CJK, Arabic */
  if (a->terminal) /* "Dr.\nSmith" goes on, "great!\nBorn" does not */
    return ends_with_abbreviation(c, a);
  if (titleish(c, a) && !ends_with_stopword(c, a)) return 0; /* a heading */
  /* a capital after an open line: a new sentence only if its first word
  ** starts sentences ("They went"); German capitalises every noun */
  return !starts_sentence_word(c, b);
}

/* Do [a, an) and [b, bn) read the same, white space and ASCII case
** aside? */
static int same_text(const char *a, size_t an, const char *b, size_t bn) {
  size_t i = 0, j = 0;
  for (;;) {
    char x, y;
    while (i < an && (a[i] == ' ' || a[i] == '\t' || a[i] == '\n' || a[i] == '\r')) i++;
    while (j < bn && (b[j] == ' ' || b[j] == '\t' || b[j] == '\n' || b[j] == '\r')) j++;
    if (i == an || j == bn) return i == an && j == bn;
    x = a[i++];
    y = b[j++];
    if (x >= 'A' && x <= 'Z') x = (char)(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = (char)(y - 'A' + 'a');
    if (x != y) return 0;
  }
}

static precis_status push_block(precisI_vec *blocks, size_t start, size_t end,
                                int kind, const char *rule,
                                precis_error *err) {
  precisI_block *b = precisI_vec_push(blocks);
  if (b == NULL) return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
  b->start = start;
  b->end = end;
  b->kind = kind;
  b->rule = rule;
  return PRECIS_OK;
}

/* Does the text of line l hold more than one sentence? */
static int several(const cursor *c, const line *l, int *oom) {
  precisI_vec v;
  int more;
  precisI_vec_init(&v, 2 * sizeof(size_t));
  if (precisI_split(c->lang, c->t, c->n, l->ts, l->te, &v) != PRECIS_OK) *oom = 1;
  more = v.n > 1;
  precisI_vec_free(&v);
  return more;
}

precis_status precisI_ingest(const precis_summarizer *s,
                             const precisI_lang *lang,
                             const precisI_source *src,
                             const precisI_vec *hints, precisI_vec *blocks,
                             precis_error *err) {
  cursor c;
  precisI_vec lines;
  precis_status st = PRECIS_OK;
  size_t i = 0, k, p;
  int after_credit = 0, after_head = 0, after_bye = 0, after_from = 0, seen_text = 0,
      oom = 0, text_seen = 0;
  size_t title = SIZE_MAX; /* the line of the title: the first heading before text */
  int unwrap = s->opt.unwrap;
  size_t h = 0, nh = hints ? hints->n : 0;
  /* the longest line any rule below asks about (40 words, a caption) */
  size_t wlimit = s->opt.heading_words > 64 ? s->opt.heading_words : 64;
  c.t = src->text;
  c.n = src->len;
  c.lang = lang;
  precisI_vec_init(&lines, sizeof(line));
  /* pass 1: lines, trimmed and classified on their own */
  while (i < c.n) {
    size_t ls = i, le, te, pos, dtext;
    line *l;
    const char *nl = memchr(c.t + i, '\n', c.n - i);
    le = nl ? (size_t)(nl - c.t) : c.n;
    i = nl ? le + 1 : c.n;
    { /* a lone CR also ends a line (old Mac files) */
      const char *cr = memchr(c.t + ls, '\r', le - ls);
      if (cr && (size_t)(cr - c.t) + 1 < le) {
        le = (size_t)(cr - c.t);
        i = le + 1;
      }
    }
    if ((l = precisI_vec_push(&lines)) == NULL) goto oom;
    l->ts = skip_space(&c, ls, le);
    while (l->ts < le && c.t[l->ts] == '>') { /* e-mail quotation */
      l->depth++;
      l->ts = skip_space(&c, l->ts + 1, le);
    }
    te = trim_end(&c, l->ts, le);
    l->te = te;
    { /* a space or tab before the break, not the CR of a CRLF */
      size_t e = le;
      if (e > te && c.t[e - 1] == '\r') e--;
      l->trail = e > te && nl != NULL;
    }
    if (l->ts == l->te) { l->kind = L_BLANK; after_credit = after_head = 0; continue; }
    l->words = count_words(&c, l->ts, l->te, wlimit);
    l->kind = L_TEXT;
    if (l->te - l->ts > 6 && memcmp(c.t + l->te - 6, "[edit]", 6) == 0 &&
        rule_on(s, "markup")) { /* a wiki's section heading: "History[edit]" */
      l->xs = l->te - 6;
      l->xe = l->te;
      l->xrule = "markup";
      l->te = trim_end(&c, l->ts, l->xs);
      l->heading = 1;
      l->words = count_words(&c, l->ts, l->te, wlimit);
      after_head = 0;
    }
    if (user_pattern(s, c.t + l->ts, l->te - l->ts)) {
      l->kind = L_DROPPED;
      l->rule = "drop_lines";
      continue;
    }
    {
      const char *rule = boilerplate(c.t + l->ts, l->te - l->ts, l->words);
      if (rule == NULL) /* the language's own: "Anzeige", "Lire aussi :" */
        rule = precisI_lang_line_rule(lang, c.t + l->ts, l->te - l->ts, l->words);
      if (rule == NULL && byline(c.t + l->ts, l->te - l->ts, l->words))
        rule = "byline";
      if (rule && !rule_on(s, rule)) rule = NULL;
      if (rule == NULL && after_credit && l->words <= 20 && rule_on(s, "caption"))
        rule = "caption";
      if (rule == NULL && rule_on(s, "caption") &&
          credited_caption(c.t + l->ts, l->te - l->ts, l->words))
        rule = "caption";
      if (rule == NULL && rule_on(s, "mail_header")) {
        int mh = mail_header(c.t + l->ts, l->te - l->ts, l->words);
        if (mh || (after_from && mail_field(c.t + l->ts, l->te - l->ts)))
          rule = "mail_header";
        after_from = mh == 2 || (after_from && rule != NULL);
      }
      if (rule == NULL && rule_on(s, "salutation")) {
        int sal = salutation(c.t + l->ts, l->te - l->ts, l->words);
        if (sal || (after_bye && l->words <= 3 &&
                    !precisI_is_terminal((unsigned char)c.t[l->te - 1])))
          rule = "salutation"; /* "Best," and the name under it */
        after_bye = sal == 2 || (after_bye && rule != NULL);
      } else {
        after_bye = 0;
      }
      if (rule == NULL && after_head && l->words <= 8 && !l->heading &&
          !precisI_is_terminal((unsigned char)c.t[l->te - 1])) {
        /* a link under "Related Topics", an entry under "Contents" */
        if (after_head == 2 && rule_on(s, "navigation")) rule = "navigation";
        else if (after_head == 1 && rule_on(s, "promo")) rule = "promo";
      }
      if (rule == NULL) after_head = 0;
      else if (!after_head) {
        int head = list_head(c.t + l->ts, l->te - l->ts);
        after_head = head ? head
                   : strcmp(rule, "promo") == 0 && l->words <= 4 &&
                     precisI_lang_line_rule(lang, c.t + l->ts, l->te - l->ts, l->words);
      }
      if (rule == NULL && rule_on(s, "dateline") && date_line(c.t + l->ts, l->te - l->ts, lang))
        rule = "dateline"; /* a date stamp and nothing else, or its author */
      /* a bare credit ("IMAGE SOURCE: AP") has its caption on the next
      ** line; one that carries its caption has none */
      after_credit = rule != NULL && strcmp(rule, "credit") == 0 && l->words <= 6;
      if (rule) {
        l->kind = L_DROPPED;
        l->rule = rule;
        continue;
      }
      pos = rule_on(s, "dateline") ? dateline(c.t + l->ts, l->te - l->ts, lang, &dtext) : 0;
      if (pos) { /* the stamp becomes a dropped block of its own */
        l->ds = l->ts;
        l->de = l->ts + pos;
        l->drule = "dateline";
        l->ts += dtext;
        l->words = count_words(&c, l->ts, l->te, wlimit);
      }
    }
    { /* rules drawn with one mark: a line of them, or glued to the text */
      size_t n = l->te - l->ts, e, ts0 = l->ts, te0 = l->te;
      const char *t = c.t + l->ts;
      if (rule_on(s, "separator") && rule_char(t[0]) &&
          (e = run_of(t, 0, n)) >= RULE_MIN) {
        if (e == n) { l->kind = L_DROPPED; l->rule = "separator"; continue; }
        l->ds = l->ts;
        l->de = l->ts + e;
        l->drule = "separator";
        l->ts = skip_space(&c, l->ts + e, l->te);
      }
      n = l->te - l->ts;
      t = c.t + l->ts;
      if (n > RULE_MIN && rule_char(t[n - 1]) && rule_on(s, "separator")) {
        size_t b0 = n;
        while (b0 > 0 && t[b0 - 1] == t[n - 1]) b0--;
        if (n - b0 >= RULE_MIN && b0 > 0) {
          l->xs = l->ts + b0;
          l->xe = l->te;
          l->xrule = "separator";
          l->te = trim_end(&c, l->ts, l->xs);
        }
      }
      if (rule_on(s, "leader") && (e = leader(c.t + l->ts, l->te - l->ts)) != 0) {
        l->xs = l->ts + e;
        l->xe = l->te;
        l->xrule = "leader";
        l->te = trim_end(&c, l->ts, l->xs);
        l->toc = 1;
      }
      if (l->ts != ts0 || l->te != te0) /* a rule or leader was cut */
        l->words = count_words(&c, l->ts, l->te, wlimit);
    }
    l->chars = count_chars(&c, l->ts, l->te);
    while (h < nh && precisI_vec_at(hints, precisI_block, h).end <= l->ts) h++;
    if (h < nh && precisI_vec_at(hints, precisI_block, h).start <= l->ts) {
      int kind = precisI_vec_at(hints, precisI_block, h).kind;
      if (kind == PRECIS_BLOCK_HEADING) l->heading = 1;
      if (kind == PRECIS_BLOCK_ITEM) l->item = 1;
    }
    pos = nh ? 0 : list_marker(&c, l->ts, l->te); /* formats mark their items */
    l->body = l->ts;
    if (pos) {
      l->item = 1;
      l->body = skip_space(&c, l->ts + pos, l->te);
    }
    { /* final punctuation, looking through closing quotes and brackets */
      size_t e = l->te, st0;
      int32_t cp = cp_before(&c, e, &st0);
      while (is_closer(cp) && st0 > l->ts) {
        e = st0;
        cp = cp_before(&c, e, &st0);
      }
      l->terminal = precisI_is_terminal(cp);
      l->question = cp == '?' || cp == '!' || cp == 0x2026 ||
                    (cp == '.' && st0 >= l->ts + 2 && c.t[st0 - 1] == '.' &&
                     c.t[st0 - 2] == '.');
    }
  }
  /* pass 2: headings need their neighbours */
  for (k = 0; k < lines.n; k++) {
    line *l = &precisI_vec_at(&lines, line, k);
    line *next = k + 1 < lines.n ? &precisI_vec_at(&lines, line, k + 1) : NULL;
    int last_in_para, first;
    if (l->kind != L_TEXT) continue;
    first = !seen_text;
    seen_text = 1;
    if (l->heading) { l->kind = L_HEADING; continue; }
    if (l->item) continue; /* a list item is a sentence, as in Markdown */
    if (l->words > s->opt.heading_words) continue;
    if (!first && k > 0 && precisI_vec_at(&lines, line, k - 1).kind == L_TEXT &&
        precisI_is_terminal(first_cp(&c, l)))
      continue; /* ". Pricing": the end of the line before, then more */
    if (l->toc) { l->kind = L_HEADING; continue; }
    last_in_para = next == NULL || next->kind != L_TEXT;
    if (l->terminal) {
      /* a headline may ask or exclaim: "What now for British tennis?" as
      ** the first line of a document, standing alone */
      if (l->question && first && last_in_para && !several(&c, l, &oom))
        l->kind = L_HEADING;
      continue;
    }
    if (fragment(l) && unwrap != 0) continue;
    if (unwrap > 0 && ends_with_stopword(&c, l)) continue; /* "Andere" */
    if (several(&c, l, &oom)) continue; /* two sentences are no heading */
    /* the first line of a document, unpunctuated, before a line that
    ** starts a sentence: a headline, even in sentence case */
    /* before a short line that is no sentence either (a byline without
    ** "By", a date): "Why the harbour needs a bridge" / "Jane Roe" */
    if (!last_in_para && next->kind == L_TEXT && !next->terminal && !next->item &&
        next->words <= 4 && precisI_is_upper(first_cp(&c, next)) && l->words >= 3) {
      l->kind = L_HEADING;
      continue;
    }
    if (last_in_para || next->item ||
        (!starts_lower(&c, next) &&
         ((first && unwrap < 1) || titleish(&c, l) ||
          (l->te - l->ts) * 5 < (next->te - next->ts) * 3)))
      l->kind = L_HEADING;
  }
  if (oom) goto oom;
  /* pass 3: blocks; text lines join while the breaks between them are soft */
  for (k = 0; k < lines.n; k = p) {
    line *l = &precisI_vec_at(&lines, line, k);
    size_t para_end = k, q;
    int wrap, flowed, lenient;
    p = k + 1;
    if (l->kind == L_BLANK) continue;
    if (l->de > l->ds &&
        (st = push_block(blocks, l->ds, l->de, PRECIS_BLOCK_DROPPED,
                         l->drule, err)) != PRECIS_OK)
      goto done;
    if (l->kind == L_HEADING && title < k && rule_on(s, "repeat") &&
        same_text(c.t + l->ts, l->te - l->ts,
                  c.t + precisI_vec_at(&lines, line, title).ts,
                  precisI_vec_at(&lines, line, title).te -
                      precisI_vec_at(&lines, line, title).ts)) {
      l->kind = L_DROPPED; /* the title again, as pages repeat it */
      l->rule = "repeat";
    }
    if (l->kind == L_HEADING && title == SIZE_MAX && !text_seen) title = k;
    if (l->kind == L_DROPPED || l->kind == L_HEADING) {
      st = push_block(blocks, l->ts, l->te,
                      l->kind == L_DROPPED ? PRECIS_BLOCK_DROPPED
                                           : PRECIS_BLOCK_HEADING,
                      l->rule, err);
      if (st == PRECIS_OK && l->xe > l->xs)
        st = push_block(blocks, l->xs, l->xe, PRECIS_BLOCK_DROPPED, l->xrule, err);
      if (st != PRECIS_OK) goto done;
      continue;
    }
    /* the paragraph's text lines, for the width test */
    while (para_end < lines.n &&
           precisI_vec_at(&lines, line, para_end).kind == L_TEXT)
      para_end++;
    wrap = unwrap != 0 && wrapped((line *)lines.p, k, para_end, unwrap);
    /* a paragraph that ends a sentence: a line in lowercase goes on from
    ** a line without final punctuation, wrapped or not */
    lenient = unwrap < 0 && precisI_vec_at(&lines, line, para_end - 1).terminal;
    /* flowed text (RFC 3676): where some lines of a paragraph end in a
    ** space, those are its soft breaks, and a line without one ends */
    flowed = 0;
    for (q = k; q + 1 < para_end; q++)
      if (precisI_vec_at(&lines, line, q).trail) flowed = 1;
    /* a text block: this line and the text lines that continue it */
    q = k;
    while (p < lines.n) {
      line *a = &precisI_vec_at(&lines, line, q);
      line *b = &precisI_vec_at(&lines, line, p);
      if (b->kind != L_TEXT || b->de > b->ds || a->xe > a->xs) break;
      if (flowed && !a->trail) break;
      if (!soft(&c, a, b, unwrap, wrap, lenient)) break;
      q = p++;
    }
    st = push_block(blocks, l->ts, precisI_vec_at(&lines, line, p - 1).te,
                    PRECIS_BLOCK_TEXT, NULL, err);
    text_seen = 1;
    if (st == PRECIS_OK && precisI_vec_at(&lines, line, p - 1).xe >
                               precisI_vec_at(&lines, line, p - 1).xs) {
      line *z = &precisI_vec_at(&lines, line, p - 1);
      st = push_block(blocks, z->xs, z->xe, PRECIS_BLOCK_DROPPED, z->xrule, err);
    }
    if (st != PRECIS_OK) goto done;
  }
  goto done;
oom:
  st = precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
done:
  precisI_vec_free(&lines);
  return st;
}
