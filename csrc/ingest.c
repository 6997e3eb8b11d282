/*
** ingest.c: one document's clean text -> blocks. Lines are read with their
** structure: blank lines end paragraphs, list markers start items, a short
** line without final punctuation is a heading (never glued onto the next
** sentence), and boilerplate lines are dropped by the caller's patterns and
** the built-in rules, each of which has a name reported with what it drops.
*/
#include <string.h>

#include "internal.h"

enum { L_BLANK, L_TEXT, L_HEADING, L_DROPPED };

typedef struct line {
  size_t ts, te;        /* trimmed span, after any list marker or dateline */
  size_t words;
  int kind;
  int item;             /* starts a list item */
  int terminal;         /* ends with sentence-final punctuation */
  int question;         /* ... and that is '?', '!' or an ellipsis */
  size_t ds, de;        /* a date stamp cut from its start, if de > ds */
  const char *rule;
} line;

typedef struct cursor {
  const char *t;
  size_t n;
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
         cp == 0x2019 || cp == 0xBB || cp == 0x203A || cp == '*' || cp == '_';
}

/* sentence-final punctuation in the scripts precis reads (':' and ';' end
** a line as text, not as a heading, but never split a sentence) */
int precisI_is_terminal(int32_t cp) {
  switch (cp) {
    case '.': case '!': case '?': case ':': case ';': case 0x2026:
    case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF0E: case 0x061F:
    case 0x06D4: case 0x0964: case 0x0965: case 0x0589: case 0x1362:
    case 0x104B: case 0x037E:
      return 1;
    default:
      return 0;
  }
}

static size_t skip_space(const cursor *c, size_t i, size_t end) {
  while (i < end) {
    size_t len;
    if (!precisI_is_space(cp_at(c, i, &len))) break;
    i += len;
  }
  return i;
}

static size_t count_words(const cursor *c, size_t i, size_t end) {
  size_t words = 0, len;
  int in = 0;
  while (i < end) {
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

static int equals(const char *s, size_t n, const char *p) {
  return strlen(p) == n && prefix(s, n, p);
}

/* Length of a list marker at s ("- ", "* ", "• ", "1. ", "2) ", "(a) "),
** including the space after it, or 0. */
static size_t list_marker(const cursor *c, size_t i, size_t end) {
  const char *s = c->t + i;
  size_t n = end - i, k = 0;
  if (n >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ')
    return 2;
  if (n >= 4 && (prefix(s, n, "\xE2\x80\xA2 ") || prefix(s, n, "\xE2\x80\x93 ") ||
                 prefix(s, n, "\xC2\xB7 ")))
    return s[0] == '\xC2' ? 3 : 4;
  while (k < n && k < 3 && s[k] >= '0' && s[k] <= '9') k++;
  if (k > 0 && k + 1 < n && (s[k] == '.' || s[k] == ')') && s[k + 1] == ' ')
    return k + 2;
  if (n >= 4 && s[0] == '(' && s[2] == ')' && s[3] == ' ' &&
      ((s[1] >= 'a' && s[1] <= 'z') || (s[1] >= '0' && s[1] <= '9')))
    return 4;
  return 0;
}

/* "date 2023-11-14 " or "2023-11-14 " at the start of a line with text
** after it: a date stamp a scraper glued onto the first sentence. */
static size_t dateline(const char *s, size_t n) {
  size_t i = 0, k;
  if (prefix(s, n, "date")) {
    i = 4;
    if (i < n && s[i] == ':') i++;
    if (i >= n || s[i] != ' ') return 0;
    while (i < n && s[i] == ' ') i++;
  }
  for (k = 0; k < 10; k++) {
    char ch = i + k < n ? s[i + k] : 0;
    if (k == 4 || k == 7) { if (ch != '-') return 0; }
    else if (!(ch >= '0' && ch <= '9')) return 0;
  }
  i += 10;
  if (i >= n || s[i] != ' ') return 0;
  while (i < n && s[i] == ' ') i++;
  return i < n ? i : 0;
}

/* The built-in boilerplate rules on a trimmed line; NULL when none fires. */
static const char *boilerplate(const char *s, size_t n, size_t words) {
  static const char *const ads[] = {
    "advertisement", "advert", "sponsored", "sponsored content",
    "story continues below advertisement", "skip advertisement",
    "continue reading", "continue reading below"
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
  for (k = 0; k < sizeof ads / sizeof ads[0]; k++)
    if (equals(s, n, ads[k])) return "advertisement";
  if (words <= 12)
    for (k = 0; k < sizeof promo / sizeof promo[0]; k++)
      if (prefix(s, n, promo[k])) return "promo";
  return NULL;
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

/* Is the line written like a title: most words capitalised or numeric? */
static int titleish(const cursor *c, const line *l) {
  size_t i = l->ts, caps = 0, words = 0, len;
  int in = 0;
  while (i < l->te) {
    int32_t cp = cp_at(c, i, &len);
    int w = precisI_is_word(cp);
    if (w && !in) {
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

precis_status precisI_ingest(const precis_summarizer *s,
                             const precisI_source *src, precisI_vec *blocks,
                             precis_error *err) {
  cursor c;
  precisI_vec lines;
  precis_status st = PRECIS_OK;
  size_t i = 0, k, p;
  int after_credit = 0, seen_text = 0;
  c.t = src->text;
  c.n = src->len;
  precisI_vec_init(&lines, sizeof(line));
  /* pass 1: lines, trimmed and classified on their own */
  while (i < c.n) {
    size_t ls = i, le, te, pos;
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
    te = le;
    while (te > l->ts) {
      size_t st0;
      if (!precisI_is_space(cp_before(&c, te, &st0))) break;
      te = st0;
    }
    l->te = te;
    if (l->ts == l->te) { l->kind = L_BLANK; after_credit = 0; continue; }
    l->words = count_words(&c, l->ts, l->te);
    l->kind = L_TEXT;
    if (user_pattern(s, c.t + l->ts, l->te - l->ts)) {
      l->kind = L_DROPPED;
      l->rule = "drop_lines";
      continue;
    }
    if (s->opt.boilerplate) {
      const char *rule = boilerplate(c.t + l->ts, l->te - l->ts, l->words);
      if (rule == NULL && after_credit && l->words <= 20) rule = "caption";
      after_credit = rule != NULL && strcmp(rule, "credit") == 0;
      if (rule) {
        l->kind = L_DROPPED;
        l->rule = rule;
        continue;
      }
      pos = dateline(c.t + l->ts, l->te - l->ts);
      if (pos) { /* the stamp becomes a dropped block of its own */
        l->ds = l->ts;
        l->de = l->ts + pos;
        l->ts += pos;
        l->ts = skip_space(&c, l->ts, l->te);
        l->words = count_words(&c, l->ts, l->te);
      }
    }
    pos = list_marker(&c, l->ts, l->te);
    if (pos) {
      l->item = 1;
      l->ts = skip_space(&c, l->ts + pos, l->te);
      if (l->ts == l->te) { l->kind = L_BLANK; continue; }
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
  /* pass 2: headings need their neighbours; then emit blocks */
  for (k = 0; k < lines.n; k++) {
    line *l = &precisI_vec_at(&lines, line, k);
    line *next = k + 1 < lines.n ? &precisI_vec_at(&lines, line, k + 1) : NULL;
    int last_in_para, first;
    if (l->kind != L_TEXT) continue;
    first = !seen_text;
    seen_text = 1;
    if (l->words > s->opt.heading_words) continue;
    last_in_para = next == NULL || next->kind != L_TEXT;
    if (l->terminal) {
      /* a headline may ask or exclaim: "What now for British tennis?" as
      ** the first line of a document, standing alone */
      if (l->question && first && last_in_para && !l->item)
        l->kind = L_HEADING;
      continue;
    }
    if (last_in_para || next->item ||
        (!starts_lower(&c, next) &&
         (titleish(&c, l) || (l->te - l->ts) * 5 < (next->te - next->ts) * 3)))
      l->kind = L_HEADING;
  }
  for (k = 0; k < lines.n; k = p) {
    line *l = &precisI_vec_at(&lines, line, k);
    p = k + 1;
    if (l->kind == L_BLANK) continue;
    if (l->de > l->ds &&
        (st = push_block(blocks, l->ds, l->de, PRECIS_BLOCK_DROPPED,
                         "dateline", err)) != PRECIS_OK)
      goto done;
    if (l->kind == L_DROPPED || l->kind == L_HEADING) {
      st = push_block(blocks, l->ts, l->te,
                      l->kind == L_DROPPED ? PRECIS_BLOCK_DROPPED
                                           : PRECIS_BLOCK_HEADING,
                      l->rule, err);
      if (st != PRECIS_OK) goto done;
      continue;
    }
    /* a text block: this line and the text lines that continue it */
    while (p < lines.n) {
      line *q = &precisI_vec_at(&lines, line, p);
      if (q->kind != L_TEXT || q->item || q->de > q->ds) break;
      p++;
    }
    st = push_block(blocks, l->ts, precisI_vec_at(&lines, line, p - 1).te,
                    PRECIS_BLOCK_TEXT, NULL, err);
    if (st != PRECIS_OK) goto done;
  }
  goto done;
oom:
  st = precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
done:
  precisI_vec_free(&lines);
  return st;
}
