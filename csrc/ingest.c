/*
** ingest.c: one document's clean text -> blocks. Lines are read with their
** structure: blank lines end paragraphs, list markers start items, a short
** line without final punctuation is a heading (never glued onto the next
** sentence), and boilerplate lines are dropped by the caller's patterns and
** the built-in rules (rules.c; the layout ones, separators and leaders,
** are here), each of which has a name reported with what it drops.
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
  precisI_lower **lower; /* the document's (see precisI_split) */
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

/* ASCII letters and digits 1, the rest of ASCII 0; bytes above 0x7F 2:
** their character is decoded and asked */
static const unsigned char word_class[256] = {
  ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
  ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
  ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
  ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
  ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
  ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
  ['Y'] = 1, ['Z'] = 1,
  ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
  ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
  ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
  ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
  ['y'] = 1, ['z'] = 1,
  [0x80] = 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2
};

/* Is the character at i (ASCII or not) part of a word? Its length in *len. */
static int word_at(const cursor *c, size_t i, size_t *len) {
  unsigned char k = word_class[(unsigned char)c->t[i]];
  *len = 1;
  return k == 2 ? precisI_is_word(cp_at(c, i, len)) : k;
}

/* Words on a line, counted up to `limit` + 1: every rule asks only
** whether a line is short, so a long paragraph stops early. A word is a
** run of letters, marks and digits; ASCII runs are crossed by a loop of
** their own. */
static size_t count_words(const cursor *c, size_t i, size_t end,
                          size_t limit) {
  const unsigned char *u = (const unsigned char *)c->t;
  size_t words = 0, len;
  while (i < end) {
    while (i < end && word_class[u[i]] == 0) i++; /* ASCII between words */
    if (i >= end) break;
    if (!word_at(c, i, &len)) { i += len; continue; }
    if (++words > limit) break;
    for (i += len; i < end; i += len) { /* the rest of the word */
      while (i < end && word_class[u[i]] == 1) i++;
      if (i >= end || !word_at(c, i, &len)) break;
    }
  }
  return words;
}

static size_t count_chars(const cursor *c, size_t i, size_t end) {
  size_t n = 0;
  for (; i < end; i++) n += ((unsigned char)c->t[i] & 0xC0) != 0x80;
  return n;
}

/* Does a line open with a dash marker: "- ", "– ", "— "? */
static int dash_marker(const char *s, size_t n) {
  return (n >= 2 && s[0] == '-' && s[1] == ' ') ||
         (n >= 4 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
          ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94) && s[3] == ' ');
}

/* Do two lines open with the same dash ("-" and "-", not "-" and "–")? */
static int same_marker(const char *a, const char *b) {
  return a[0] == b[0] && (a[0] == '-' || (a[1] == b[1] && a[2] == b[2]));
}

/* does s (n bytes) start with the bytes of p? */
static int starts(const char *s, size_t n, const char *p) {
  size_t m = strlen(p);
  return n >= m && memcmp(s, p, m) == 0;
}

/* Length of a list marker at s ("- ", "* ", "• ", "1. ", "2) ", "(a) ",
** "a. ", "iv) ", "• 3. "), including the space after it, or 0. */
static size_t list_marker(const cursor *c, size_t i, size_t end) {
  const char *s = c->t + i;
  size_t n = end - i, k = 0, b = 0;
  if (n >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ')
    return 2;
  if (n >= 3 && (starts(s, n, "\xE2\x80\xA2") || starts(s, n, "\xE2\x81\x83") ||
                 starts(s, n, "\xE2\x97\xA6") || starts(s, n, "\xE2\x96\xAA")))
    b = 3;
  else if (n >= 3 && starts(s, n, "\xE2\x80\x93 "))
    return 4;
  else if (n >= 2 && starts(s, n, "\xC2\xB7"))
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
        (j == 2 || precisI_roman(s + 1, j - 1) == j - 1))
      return j + 2;
    return 0;
  }
  /* a) a. a.) iv) A) */
  while (k < n && k < 4 && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z')))
    k++;
  if (k == 0 || (k > 1 && precisI_roman(s, k) < k)) return 0;
  if (k + 2 < n && s[k] == '.' && s[k + 1] == ')' && s[k + 2] == ' ') return k + 3;
  if (k + 1 < n && s[k] == ')' && s[k + 1] == ' ') return k + 2;
  if (k == 1 && k + 1 < n && s[k] == '.' && s[k + 1] == ' ' &&
      (s[0] >= 'a' && s[0] <= 'z'))
    return k + 2;
  return 0;
}

static int rule_on(const precis_summarizer *s, const char *rule) {
  return precisI_rule_on(s, rule);
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
** "Chapter 2 ...... 6", "Score.... 16-17", or a page number set apart by
** five spaces or more after a running head. Returns where it starts (the
** text ends before it), or 0. */
static size_t leader(const char *s, size_t n) {
  size_t e = n, d, gap;
  while (e > 0 && ((s[e - 1] >= '0' && s[e - 1] <= '9') || s[e - 1] == '-'))
    e--;
  if (e == n || e == 0) return 0;
  gap = e;
  while (e > 0 && s[e - 1] == ' ') e--;
  if (gap - e >= 5 && e > 0 && n - gap <= 4)
    return e; /* a running head's page number: "Options Appraisal      3" */
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

/* Japanese that line b carries on from line a: a ends in Han or kana,
** b starts in hiragana (a particle, an ending: "節のよう" / "に見えます") */
static int goes_on_in_kana(const cursor *c, const line *a, const line *b) {
  size_t len, st;
  int32_t f = b->ts < b->te ? cp_at(c, b->ts, &len) : 0;
  return f >= 0x3041 && f <= 0x309F && a->te > a->ts &&
         precisI_is_cjk(cp_before(c, a->te, &st));
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

/* the hyphens that break a word at a line's end: "-", U+2010 HYPHEN
** (groff's UTF-8 output) and the soft hyphen */
static int line_hyphen(int32_t cp) {
  return cp == '-' || cp == 0x2010 || cp == 0xAD;
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

/* The facts pass 3 asks of the rest of a paragraph from each of its lines
** on, found for the whole paragraph at once: rescanning the rest of the
** paragraph for every line would make a paragraph of many short lines
** cost the square of its length. */
enum { P_WRAP = 1, P_FLOWED = 2 };

/* a min-heap of line widths (the lines near the widest) */
static void heap_push(size_t *h, size_t *n, size_t v) {
  size_t i = (*n)++;
  while (i > 0 && h[(i - 1) / 2] > v) {
    h[i] = h[(i - 1) / 2];
    i = (i - 1) / 2;
  }
  h[i] = v;
}

static void heap_pop(size_t *h, size_t *n) {
  size_t i = 0, v = h[--*n];
  for (;;) {
    size_t c = 2 * i + 1;
    if (c >= *n) break;
    if (c + 1 < *n && h[c + 1] < h[c]) c++;
    if (h[c] >= v) break;
    h[i] = h[c];
    i = c;
  }
  if (*n > 0) h[i] = v;
}

/*
** For each line k of the paragraph [a, b) of text lines, flags[k - a]:
** P_WRAP when the lines [k, b) look hard-wrapped: of one width (and,
** unless asked to rejoin, narrower than 100 characters), at least two of
** them before the last, most not ending a sentence; P_FLOWED when one of
** [k, b - 1) ends in white space. `heap` has room for b - a widths.
*/
static void paragraph(const line *ls, size_t a, size_t b, int unwrap,
                      unsigned char *flags, size_t *heap) {
  size_t k, w = 0, near = 0, open = 0, n = 0;
  int item = 0, trail = 0;
  flags[b - 1 - a] = 0;
  for (k = b - 1; k-- > a;) { /* the lines [k, b - 1) */
    const line *l = &ls[k];
    int wrap = 0;
    n++;
    item |= l->item;
    trail |= l->trail;
    open += !l->terminal;
    if (l->chars > w) {
      w = l->chars;
      while (near > 0 && heap[0] * 4 < w * 3) heap_pop(heap, &near);
    }
    if (l->chars * 4 >= w * 3) heap_push(heap, &near, l->chars);
    /* text wrapped to a width (mail at 72, 78) has no lines of 100
    ** characters; scraped pages put a paragraph on a line */
    if (b - k >= 3 && !item && w >= 30 && !(unwrap < 0 && w > 100))
      wrap = near * 10 >= n * 7 && open * 2 >= n;
    flags[k - a] = (unsigned char)((wrap ? P_WRAP : 0) | (trail ? P_FLOWED : 0));
  }
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
  if (precisI_is_lower(f) && a->te - a->ts >= 2) {
    size_t st0, st1;
    int32_t h = cp_before(c, a->te, &st0);
    if (line_hyphen(h) && st0 > a->ts && precisI_is_word(cp_before(c, st0, &st1)))
      return 1; /* a word broken at its hyphen: "long-\nterm", groff's "Hierar‐\nchien" */
  }
  if (unwrap < 0 && !wrap) /* "The ferry will leave\nevery hour." */
    return lenient && !a->terminal &&
           ((a->words >= 3 && precisI_is_lower(f)) ||
            goes_on_in_kana(c, a, b));
  if (wrap) return 1;
  /* rejoining lines that do not look wrapped: two short lines of their
  ** own ("features" / "contact manager") stay apart */
  if (!a->terminal && !b->terminal && a->words <= 3 && b->words <= 3)
    return 0;
  if (ends_with(c, a, '-') || ends_with(c, a, 0x2010) || ends_with(c, a, 0xAD) ||
      ends_with(c, a, ','))
    return 1;
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

/* Is t (a page title) the heading h with a site's name after it: h, then
** " | ", " - ", " – ", " — " or " :: ", then at most six words? */
static int site_suffix(const char *t, size_t tn, const char *h, size_t hn) {
  static const char *const seps[] = { " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: " };
  size_t k, i, words = 1;
  if (hn == 0 || tn <= hn || !same_text(t, hn, h, hn)) return 0;
  for (k = 0; k < sizeof seps / sizeof seps[0]; k++) {
    size_t m = strlen(seps[k]);
    if (tn - hn > m && memcmp(t + hn, seps[k], m) == 0) {
      for (i = hn + m; i < tn; i++) if (t[i] == ' ') words++;
      return words <= 6;
    }
  }
  return 0;
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
  b->item = 0;
  return PRECIS_OK;
}

/* Does the text of line l hold more than one sentence? */
static int several(const cursor *c, const line *l, int *oom) {
  precisI_vec v;
  int more;
  precisI_vec_init(&v, 2 * sizeof(size_t));
  if (precisI_split(c->lang, c->t, c->n, l->ts, l->te, c->lower, &v) != PRECIS_OK)
    *oom = 1;
  more = v.n > 1;
  precisI_vec_free(&v);
  return more;
}

precis_status precisI_ingest(const precis_summarizer *s,
                             const precisI_lang *lang,
                             precisI_source *src,
                             const precisI_vec *hints, precisI_vec *blocks,
                             precis_error *err) {
  cursor c;
  precisI_vec lines;
  precis_status st = PRECIS_OK;
  size_t i = 0, k, p;
  int after_credit = 0, after_head = 0, after_bye = 0, after_from = 0, seen_text = 0,
      oom = 0, text_pushed = 0; /* pass 2: a text line seen; pass 3: a text block pushed */
  size_t title = SIZE_MAX; /* the line of the title: the first heading before text */
  size_t nlpos = SIZE_MAX;      /* pass 1: the next line feed, or c.n */
  size_t para = 0, para_end = 0; /* pass 3: the paragraph of text lines read last */
  precisI_vec pflags, pheap;     /* ... and its facts (see paragraph()) */
  pcre2_match_data *md = NULL;   /* for the drop patterns */
  int unwrap = s->opt.unwrap;
  size_t h = 0, nh = hints ? hints->n : 0;
  /* the longest line any rule below asks about (40 words, a caption) */
  size_t wlimit = s->opt.heading_words > 64 ? s->opt.heading_words : 64;
  /* the rules pass 1 asks about on every line, asked once */
  const int on_markup = rule_on(s, "markup"), on_caption = rule_on(s, "caption"),
            on_mail_header = rule_on(s, "mail_header"),
            on_salutation = rule_on(s, "salutation"),
            on_navigation = rule_on(s, "navigation"), on_promo = rule_on(s, "promo"),
            on_dateline = rule_on(s, "dateline"), on_separator = rule_on(s, "separator"),
            on_leader = rule_on(s, "leader");
  c.t = src->text;
  c.n = src->len;
  c.lang = lang;
  c.lower = &src->lower;
  precisI_vec_init(&lines, sizeof(line));
  precisI_vec_init(&pflags, 1);
  precisI_vec_init(&pheap, sizeof(size_t));
  if (s->opt.npatterns && (md = precisI_pattern_data(s)) == NULL) goto oom;
  /* pass 1: lines, trimmed and classified on their own */
  while (i < c.n) {
    size_t ls = i, le, te, pos, dtext;
    line *l;
    const char *nl;
    if (nlpos == SIZE_MAX || nlpos < i) { /* lone CRs: one search per LF */
      nl = memchr(c.t + i, '\n', c.n - i);
      nlpos = nl ? (size_t)(nl - c.t) : c.n;
    }
    nl = nlpos < c.n ? c.t + nlpos : NULL;
    le = nlpos;
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
    if (l->ts == l->te) {
      l->kind = L_BLANK;
      after_credit = after_head = 0;
      /* a run of blank lines reads as one: only their kind is ever asked */
      if (lines.n >= 2 && precisI_vec_at(&lines, line, lines.n - 2).kind == L_BLANK)
        lines.n--;
      continue;
    }
    l->words = count_words(&c, l->ts, l->te, wlimit);
    l->kind = L_TEXT;
    while (h < nh && precisI_vec_at(hints, precisI_block, h).end <= l->ts) h++;
    if (h < nh && precisI_vec_at(hints, precisI_block, h).start <= l->ts &&
        precisI_vec_at(hints, precisI_block, h).kind == PRECIS_BLOCK_DROPPED) {
      l->kind = L_DROPPED; /* the format's clean-up: a cookie notice, a caption */
      l->rule = precisI_vec_at(hints, precisI_block, h).rule;
      continue;
    }
    if (l->te - l->ts > 6 && memcmp(c.t + l->te - 6, "[edit]", 6) == 0 &&
        on_markup) { /* a wiki's section heading: "History[edit]" */
      l->xs = l->te - 6;
      l->xe = l->te;
      l->xrule = "markup";
      l->te = trim_end(&c, l->ts, l->xs);
      l->heading = 1;
      l->words = count_words(&c, l->ts, l->te, wlimit);
      after_head = 0;
    }
    if (md != NULL) {
      int m = 0;
      size_t at = l->ts, end = l->te; /* in the caller's bytes, for a message */
      precisI_source_span(src, &at, &end);
      st = precisI_pattern_match(s, md, c.t + l->ts, l->te - l->ts, at, &m, err);
      if (st != PRECIS_OK) goto done;
      if (m) {
        l->kind = L_DROPPED;
        l->rule = "drop_lines";
        continue;
      }
    }
    {
      const char *rule = precisI_rule_line(c.t + l->ts, l->te - l->ts, l->words);
      if (rule == NULL) /* the language's own: "Anzeige", "Lire aussi :" */
        rule = precisI_lang_line_rule(lang, c.t + l->ts, l->te - l->ts, l->words);
      if (rule == NULL && precisI_rule_byline(c.t + l->ts, l->te - l->ts, l->words))
        rule = "byline";
      if (rule && !rule_on(s, rule)) rule = NULL;
      if (rule == NULL && after_credit && l->words <= 20 && on_caption)
        rule = "caption";
      if (rule == NULL && on_caption &&
          precisI_rule_caption_credit(c.t + l->ts, l->te - l->ts, l->words))
        rule = "caption";
      if (rule == NULL && on_mail_header) {
        int mh = precisI_rule_mail_header(c.t + l->ts, l->te - l->ts, l->words);
        if (mh || (after_from && precisI_rule_mail_field(c.t + l->ts, l->te - l->ts)))
          rule = "mail_header";
        after_from = mh == 2 || (after_from && rule != NULL);
      }
      if (rule == NULL && on_salutation) {
        int sal = precisI_rule_salutation(c.t + l->ts, l->te - l->ts, l->words);
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
        if (after_head == 2 && on_navigation) rule = "navigation";
        else if (after_head == 1 && on_promo) rule = "promo";
      }
      if (rule == NULL) after_head = 0;
      else if (!after_head) {
        int head = precisI_rule_list_head(c.t + l->ts, l->te - l->ts);
        after_head = head ? head
                   : strcmp(rule, "promo") == 0 && l->words <= 4 &&
                     precisI_lang_line_rule(lang, c.t + l->ts, l->te - l->ts, l->words);
      }
      if (rule == NULL && on_dateline && precisI_rule_date_line(c.t + l->ts, l->te - l->ts, lang))
        rule = "dateline"; /* a date stamp and nothing else, or its author */
      /* a bare credit ("IMAGE SOURCE: AP") has its caption on the next
      ** line; one that carries its caption has none */
      after_credit = rule != NULL && strcmp(rule, "credit") == 0 && l->words <= 6;
      if (rule) {
        l->kind = L_DROPPED;
        l->rule = rule;
        continue;
      }
      pos = on_dateline ? precisI_rule_dateline(c.t + l->ts, l->te - l->ts, lang, &dtext) : 0;
      if (pos) { /* the stamp becomes a dropped block of its own */
        l->ds = l->ts;
        l->de = l->ts + pos;
        l->drule = "dateline";
        l->ts = skip_space(&c, l->ts + dtext, l->te); /* past a no-break space too */
        l->words = count_words(&c, l->ts, l->te, wlimit);
      }
    }
    { /* rules drawn with one mark: a line of them, or glued to the text */
      size_t n = l->te - l->ts, e, ts0 = l->ts, te0 = l->te;
      const char *t = c.t + l->ts;
      if (on_separator && rule_char(t[0]) &&
          (e = run_of(t, 0, n)) >= RULE_MIN) {
        if (e == n) { l->kind = L_DROPPED; l->rule = "separator"; continue; }
        l->ds = l->ts;
        l->de = l->ts + e;
        l->drule = "separator";
        l->ts = skip_space(&c, l->ts + e, l->te);
      }
      n = l->te - l->ts;
      t = c.t + l->ts;
      if (n > RULE_MIN && rule_char(t[n - 1]) && on_separator) {
        size_t b0 = n;
        while (b0 > 0 && t[b0 - 1] == t[n - 1]) b0--;
        if (n - b0 >= RULE_MIN && b0 > 0) {
          l->xs = l->ts + b0;
          l->xe = l->te;
          l->xrule = "separator";
          l->te = trim_end(&c, l->ts, l->xs);
        }
      }
      if (on_leader && (e = leader(c.t + l->ts, l->te - l->ts)) != 0) {
        l->xs = skip_space(&c, l->ts + e, l->te); /* the dots or the number */
        l->xe = l->te;
        l->xrule = "leader";
        l->te = trim_end(&c, l->ts, l->ts + e);
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
  /* a dash that opens a line with no list beside it opens speech ("- Vi
  ** kan ikke vente, siger hun."), as Nordic, Polish and Russian papers
  ** write it: no list item */
  for (k = 0; k < lines.n; k++) {
    line *l = &precisI_vec_at(&lines, line, k);
    size_t q;
    int list = 0;
    if (!l->item || !dash_marker(c.t + l->ts, l->te - l->ts)) continue;
    for (q = k; q > 0; q--) { /* the nearest line before, past blank ones */
      const line *m = &precisI_vec_at(&lines, line, q - 1);
      if (m->kind == L_BLANK) continue;
      list = m->item && same_marker(c.t + m->ts, c.t + l->ts);
      break;
    }
    for (q = k + 1; !list && q < lines.n; q++) { /* ... and after */
      const line *m = &precisI_vec_at(&lines, line, q);
      if (m->kind == L_BLANK) continue;
      list = m->item && same_marker(c.t + m->ts, c.t + l->ts);
      break;
    }
    if (!list) {
      l->item = 0;
      l->body = l->ts;
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
        (!starts_lower(&c, next) && !goes_on_in_kana(&c, l, next) &&
         ((first && unwrap < 1) || titleish(&c, l) ||
          (l->te - l->ts) * 5 < (next->te - next->ts) * 3)))
      l->kind = L_HEADING;
  }
  if (oom) goto oom;
  /* a page title with the site's name after it ("Bridge to close | Harbour
  ** News") before a heading that says the same without it: the heading
  ** is the title, the page title a repeat */
  if (rule_on(s, "repeat")) {
    size_t t = SIZE_MAX;
    for (k = 0; k < lines.n; k++) {
      line *l = &precisI_vec_at(&lines, line, k);
      if (l->kind == L_TEXT) break;
      if (l->kind != L_HEADING) continue;
      if (t == SIZE_MAX) { t = k; continue; }
      if (site_suffix(c.t + precisI_vec_at(&lines, line, t).ts,
                      precisI_vec_at(&lines, line, t).te - precisI_vec_at(&lines, line, t).ts,
                      c.t + l->ts, l->te - l->ts)) {
        precisI_vec_at(&lines, line, t).kind = L_DROPPED;
        precisI_vec_at(&lines, line, t).rule = "repeat";
        break;
      }
    }
  }
  /* section labels and kickers over the headline ("Travel", "THE BIG
  ** STORY", a letterhead): lines of one or two words, or in capitals,
  ** before the first line of three words or more in sentence or title
  ** case, none of them punctuated as a sentence, are the site's, not the
  ** document's */
  if (rule_on(s, "navigation")) {
    size_t head = SIZE_MAX;
    for (k = 0; k < lines.n; k++) {
      const line *l = &precisI_vec_at(&lines, line, k);
      if (l->kind != L_TEXT && l->kind != L_HEADING) continue;
      if (l->terminal || l->item || l->toc) break; /* the text has begun */
      if (l->words >= 3 && !precisI_in_capitals(c.t + l->ts, l->te - l->ts)) { head = k; break; }
      if (l->words > 4) break;
    }
    for (k = 0; head != SIZE_MAX && k < head; k++) {
      line *l = &precisI_vec_at(&lines, line, k);
      const line *next = &precisI_vec_at(&lines, line, k + 1);
      /* a line of text is a label only if it stands alone: the next
      ** line is blank or a heading, not more of its paragraph */
      if (l->heading && !precisI_vec_at(&lines, line, head).heading)
        continue; /* the page's own heading (<h1>) over a line it does not mark */
      if ((l->kind == L_HEADING || (l->kind == L_TEXT && next->kind != L_TEXT)) &&
          (l->words <= 2 || precisI_in_capitals(c.t + l->ts, l->te - l->ts))) {
        l->kind = L_DROPPED;
        l->rule = "navigation";
      }
    }
  }
  /* pass 3: blocks; text lines join while the breaks between them are soft */
  for (k = 0; k < lines.n; k = p) {
    line *l = &precisI_vec_at(&lines, line, k);
    size_t q;
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
    if (l->kind == L_HEADING && title == SIZE_MAX && !text_pushed) title = k;
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
    if (k >= para_end) { /* a new paragraph: its text lines, read once */
      para = k;
      para_end = k + 1;
      while (para_end < lines.n &&
             precisI_vec_at(&lines, line, para_end).kind == L_TEXT)
        para_end++;
      if (!precisI_vec_reserve(&pflags, para_end - para) ||
          !precisI_vec_reserve(&pheap, para_end - para))
        goto oom;
      paragraph((line *)lines.p, para, para_end, unwrap,
                (unsigned char *)pflags.p, (size_t *)pheap.p);
    }
    /* the width test, over this line and the rest of its paragraph */
    wrap = unwrap != 0 && (((unsigned char *)pflags.p)[k - para] & P_WRAP);
    /* a paragraph that ends a sentence: a line in lowercase goes on from
    ** a line without final punctuation, wrapped or not */
    lenient = unwrap < 0 && precisI_vec_at(&lines, line, para_end - 1).terminal;
    /* flowed text (RFC 3676): where some lines of a paragraph end in a
    ** space, those are its soft breaks, and a line without one ends */
    flowed = (((unsigned char *)pflags.p)[k - para] & P_FLOWED) != 0;
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
    if (st == PRECIS_OK && l->item && l->body > l->ts) /* a marker of plain text */
      precisI_vec_at(blocks, precisI_block, blocks->n - 1).item = 1;
    text_pushed = 1;
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
  pcre2_match_data_free(md);
  precisI_vec_free(&lines);
  precisI_vec_free(&pflags);
  precisI_vec_free(&pheap);
  return st;
}
