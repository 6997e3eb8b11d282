/*
** format.c: Markdown and HTML in, text out. A well-kept parser reads the
** document (md4c for CommonMark with GitHub's tables, gumbo for HTML5:
** html.c) and the text it finds is laid out one block per paragraph, with
** blank lines between blocks, for ingest to read like plain text. Each
** piece of text is the parser's view of a span of the document, and the
** layout keeps a map of runs (spans.c) that takes every character of the
** text back to the bytes it stands for, so that results still point into
** the caller's original text. Nothing is re-serialized.
**
** Markdown: headings stay headings; code blocks, HTML blocks, tables,
** images, link targets and front matter are not text; list items are.
*/
#include <stdlib.h>
#include <string.h>

#include <md4c.h>

#include "internal.h"

/* ---------------------------------------------------------------------
** The text builder: pieces of text, each from a span of the source, in
** blocks; laid out in the source's order, one line per block
** --------------------------------------------------------------------- */

typedef struct piece {
  size_t src, slen;   /* the source bytes it stands for */
  size_t t, n;        /* its text: chars[t, t + n) */
  size_t block;       /* the block it belongs to */
  int kind;           /* PRECIS_BLOCK_*: what the block is */
  const char *rule;   /* for a dropped block */
} piece;

void precisI_tb_init(precisI_tb *b, int lines) {
  memset(b, 0, sizeof *b);
  precisI_vec_init(&b->chars, 1);
  precisI_vec_init(&b->pieces, sizeof(piece));
  b->lines = lines;
  b->kind = PRECIS_BLOCK_TEXT;
}

void precisI_tb_free(precisI_tb *b) {
  precisI_vec_free(&b->chars);
  precisI_vec_free(&b->pieces);
}

/* Appends n bytes of text that stand for the source span [src, src +
** slen); n == slen and the same bytes make a copy. Line breaks and tabs
** inside a block become spaces: the block is one line. */
void precisI_tb_piece(precisI_tb *b, const char *s, size_t n, size_t src, size_t slen) {
  piece *p, *last;
  size_t i;
  if (n == 0 || b->oom) return;
  if (!precisI_vec_reserve(&b->chars, b->chars.n + n)) { b->oom = 1; return; }
  last = b->pieces.n ? &precisI_vec_at(&b->pieces, piece, b->pieces.n - 1) : NULL;
  if (last && last->block == b->block && last->kind == b->kind && last->rule == b->rule &&
      last->n == last->slen && n == slen && last->src + last->slen == src &&
      last->t + last->n == b->chars.n) {
    last->n += n; /* a copy that goes on */
    last->slen += n;
  } else {
    if ((p = precisI_vec_push(&b->pieces)) == NULL) { b->oom = 1; return; }
    p->src = src;
    p->slen = slen;
    p->t = b->chars.n;
    p->n = n;
    p->block = b->block;
    p->kind = b->kind;
    p->rule = b->rule;
  }
  for (i = 0; i < n; i++) {
    char ch = s[i];
    if (!b->lines && (ch == '\n' || ch == '\r' || ch == '\t')) ch = ' ';
    ((char *)b->chars.p)[b->chars.n++] = ch;
  }
  if (src + slen > b->last) b->last = src + slen;
}

/* Ends the current block: what follows is a new line. */
void precisI_tb_break(precisI_tb *b) {
  size_t n = b->pieces.n;
  if (n > 0 && precisI_vec_at(&b->pieces, piece, n - 1).block == b->block) b->block++;
}

/* Sorts the pieces by where they come from, keeping the order of pieces
** that come from one place (merge sort: stable, n log n). */
static int sort_pieces(precisI_vec *v) {
  piece *a = v->p, *tmp;
  size_t n = v->n, w, i;
  for (i = 1; i < n; i++)
    if (a[i].src < a[i - 1].src) break;
  if (i >= n) return 1; /* in order already: the usual case */
  if ((tmp = precisI_alloc(n, sizeof *tmp)) == NULL) return 0;
  for (w = 1; w < n; w *= 2) {
    for (i = 0; i < n; i += 2 * w) {
      size_t lo = i, mid = i + w < n ? i + w : n, hi = i + 2 * w < n ? i + 2 * w : n;
      size_t x = lo, y = mid, o = lo;
      while (x < mid && y < hi) tmp[o++] = a[y].src < a[x].src ? a[y++] : a[x++];
      while (x < mid) tmp[o++] = a[x++];
      while (y < hi) tmp[o++] = a[y++];
    }
    memcpy(a, tmp, n * sizeof *a);
  }
  free(tmp);
  return 1;
}

/* A hint for the block of text [start, end) of kind `kind`. */
static int block_hint(precisI_vec *hints, size_t start, size_t end, const piece *p) {
  precisI_block *h;
  if (p->kind == PRECIS_BLOCK_TEXT || end <= start) return 1;
  if ((h = precisI_vec_push(hints)) == NULL) return 0;
  h->start = start;
  h->end = end;
  h->kind = p->kind;
  h->rule = p->rule;
  return 1;
}

/* Lays the pieces out in the source's order, a blank line between
** blocks, into text and its map; headings, items and dropped blocks go
** to `hints`. */
static precis_status layout(precisI_tb *b, precisI_vec *text, precisI_segs *map,
                            precisI_vec *hints) {
  const piece *p, *prev = NULL;
  size_t k, bstart = 0;
  if (!sort_pieces(&b->pieces)) return PRECIS_ENOMEM;
  for (k = 0; k < b->pieces.n; k++) {
    p = &precisI_vec_at(&b->pieces, piece, k);
    if (prev && p->block != prev->block) {
      if (!block_hint(hints, bstart, text->n, prev)) return PRECIS_ENOMEM;
      if (!precisI_vec_reserve(text, text->n + 2) ||
          !precisI_segs_add(map, "\n\n", 2, map->oend, 0))
        return PRECIS_ENOMEM;
      memcpy((char *)text->p + text->n, "\n\n", 2);
      text->n += 2;
      bstart = text->n;
    }
    if (!precisI_vec_reserve(text, text->n + p->n) ||
        !precisI_segs_add(map, (const char *)b->chars.p + p->t, p->n, p->src, p->slen))
      return PRECIS_ENOMEM;
    memcpy((char *)text->p + text->n, (const char *)b->chars.p + p->t, p->n);
    text->n += p->n;
    prev = p;
  }
  if (prev && !block_hint(hints, bstart, text->n, prev)) return PRECIS_ENOMEM;
  if (!precisI_vec_reserve(text, text->n + 1) || !precisI_segs_finish(map))
    return PRECIS_ENOMEM;
  ((char *)text->p)[text->n] = '\0';
  return PRECIS_OK;
}

/* ---------------------------------------------------------------------
** Markdown (md4c)
** --------------------------------------------------------------------- */

typedef struct md {
  precisI_tb *b;
  const char *src;
  size_t len;
  int skip;             /* inside a code block, an HTML block, a table, an image */
  size_t heading, items; /* open headings and list items */
  size_t cursor;        /* the end of the last text md4c gave */
} md;

/* what the text read now is: a heading, a list item's, or plain */
static void md_kind(md *m) {
  m->b->kind = m->heading ? PRECIS_BLOCK_HEADING
             : m->items ? PRECIS_BLOCK_ITEM : PRECIS_BLOCK_TEXT;
}

static int md_enter_block(MD_BLOCKTYPE type, void *detail, void *ud) {
  md *m = ud;
  (void)detail;
  switch (type) {
    case MD_BLOCK_CODE: case MD_BLOCK_HTML: case MD_BLOCK_TABLE:
      m->skip++;
      break;
    case MD_BLOCK_H: case MD_BLOCK_LI:
      precisI_tb_break(m->b);
      if (type == MD_BLOCK_H) m->heading++; else m->items++;
      md_kind(m);
      break;
    default:
      break;
  }
  if (type == MD_BLOCK_P || type == MD_BLOCK_QUOTE || type == MD_BLOCK_UL ||
      type == MD_BLOCK_OL)
    precisI_tb_break(m->b);
  return 0;
}

static int md_leave_block(MD_BLOCKTYPE type, void *detail, void *ud) {
  md *m = ud;
  (void)detail;
  switch (type) {
    case MD_BLOCK_CODE: case MD_BLOCK_HTML: case MD_BLOCK_TABLE:
      m->skip--;
      break;
    case MD_BLOCK_H: case MD_BLOCK_LI:
      precisI_tb_break(m->b);
      if (type == MD_BLOCK_H) m->heading--; else m->items--;
      md_kind(m);
      break;
    default:
      break;
  }
  precisI_tb_break(m->b);
  return 0;
}

static int md_enter_span(MD_SPANTYPE type, void *detail, void *ud) {
  md *m = ud;
  (void)detail;
  if (type == MD_SPAN_IMG) m->skip++;
  return 0;
}

static int md_leave_span(MD_SPANTYPE type, void *detail, void *ud) {
  md *m = ud;
  (void)detail;
  if (type == MD_SPAN_IMG) m->skip--;
  return 0;
}

/* the value of an entity ("&amp;", "&#233;"), written as UTF-8 into out */
static size_t entity(const char *e, size_t n, char *out) {
  static const struct { const char *name; const char *utf8; } named[] = {
    {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
    {"&apos;", "'"}, {"&nbsp;", "\xC2\xA0"}, {"&mdash;", "\xE2\x80\x94"},
    {"&ndash;", "\xE2\x80\x93"}, {"&hellip;", "\xE2\x80\xA6"},
    {"&lsquo;", "\xE2\x80\x98"}, {"&rsquo;", "\xE2\x80\x99"},
    {"&ldquo;", "\xE2\x80\x9C"}, {"&rdquo;", "\xE2\x80\x9D"}
  };
  size_t k;
  unsigned long cp = 0;
  if (n >= 4 && e[1] == '#') {
    size_t i = 2;
    int hex = e[i] == 'x' || e[i] == 'X';
    if (hex) i++;
    for (; i < n - 1; i++) {
      char c = e[i];
      int v = c >= '0' && c <= '9' ? c - '0'
            : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
            : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (v < 0 || cp > 0x10FFFF) return 0;
      cp = cp * (hex ? 16 : 10) + (unsigned long)v;
    }
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) {
      out[0] = (char)(0xC0 | (cp >> 6)); out[1] = (char)(0x80 | (cp & 0x3F));
      return 2;
    }
    if (cp < 0x10000) {
      out[0] = (char)(0xE0 | (cp >> 12)); out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
      out[2] = (char)(0x80 | (cp & 0x3F));
      return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18)); out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
  }
  for (k = 0; k < sizeof named / sizeof named[0]; k++)
    if (strlen(named[k].name) == n && memcmp(named[k].name, e, n) == 0) {
      memcpy(out, named[k].utf8, strlen(named[k].utf8));
      return strlen(named[k].utf8);
    }
  return 0;
}

static int md_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *ud) {
  md *m = ud;
  size_t off;
  int inside = text >= m->src && text + size <= m->src + m->len;
  if (inside && (size_t)(text - m->src) + size > m->cursor)
    m->cursor = (size_t)(text - m->src) + size; /* how far md4c has read */
  if (m->skip || type == MD_TEXT_HTML) return 0;
  off = inside ? (size_t)(text - m->src) : m->b->last;
  switch (type) {
    case MD_TEXT_BR:
      precisI_tb_break(m->b);
      break;
    case MD_TEXT_SOFTBR: /* a soft line break is a space */
      precisI_tb_piece(m->b, " ", 1, off, inside ? size : 0);
      break;
    case MD_TEXT_ENTITY: {
      char out[4];
      size_t n = entity(text, size, out);
      if (n) precisI_tb_piece(m->b, out, n, off, size);
      else if (inside) precisI_tb_piece(m->b, text, size, off, size);
      break;
    }
    case MD_TEXT_NULLCHAR: { /* md4c does not say where: the next NUL */
      const char *z = m->cursor < m->len ? memchr(m->src + m->cursor, 0, m->len - m->cursor)
                                         : NULL;
      if (z != NULL) {
        m->cursor = (size_t)(z - m->src) + 1;
        precisI_tb_piece(m->b, "\xEF\xBF\xBD", 3, (size_t)(z - m->src), 1);
      } else {
        precisI_tb_piece(m->b, "\xEF\xBF\xBD", 3, m->b->last, 0);
      }
      break;
    }
    default:
      precisI_tb_piece(m->b, text, size, off, inside ? size : 0);
      break;
  }
  return 0;
}

/* YAML (---) or TOML (+++) front matter at the very start: its length */
static size_t front_matter(const char *s, size_t n) {
  const char *fence;
  size_t i;
  if (n < 4 || !(memcmp(s, "---\n", 4) == 0 || memcmp(s, "+++\n", 4) == 0 ||
                 (n >= 5 && (memcmp(s, "---\r\n", 5) == 0 || memcmp(s, "+++\r\n", 5) == 0))))
    return 0;
  fence = s[0] == '-' ? "---" : "+++";
  for (i = 4; i + 3 <= n; i++) {
    if (s[i - 1] == '\n' && memcmp(s + i, fence, 3) == 0 &&
        (i + 3 == n || s[i + 3] == '\n' || s[i + 3] == '\r')) {
      i += 3;
      while (i < n && s[i] != '\n') i++;
      return i < n ? i + 1 : n;
    }
  }
  return 0;
}

static precis_status read_markdown(precisI_tb *b, const char *src, size_t len) {
  MD_PARSER p;
  md m;
  size_t skip = front_matter(src, len);
  memset(&p, 0, sizeof p);
  memset(&m, 0, sizeof m);
  p.flags = MD_DIALECT_GITHUB & ~MD_FLAG_PERMISSIVEAUTOLINKS;
  p.enter_block = md_enter_block;
  p.leave_block = md_leave_block;
  p.enter_span = md_enter_span;
  p.leave_span = md_leave_span;
  p.text = md_text;
  m.b = b;
  m.src = src;
  m.len = len;
  m.cursor = skip;
  if (len - skip > (size_t)0x7FFFFFFF) return PRECIS_ELIMIT; /* MD_SIZE */
  if (md_parse(src + skip, (MD_SIZE)(len - skip), &p, &m) != 0 && !b->oom)
    return PRECIS_ENOMEM;
  return b->oom ? PRECIS_ENOMEM : PRECIS_OK;
}

/* ---------------------------------------------------------------------
** Plain text under input.unwrap = 1 (PDF-extracted, scraped): markup left
** in the text, runs of dots and TeX quotes
** --------------------------------------------------------------------- */

/* The length of a tag at s ("<em>", "</p>", "<img src=...>", and the
** escaped "&lt;b&gt;"), or 0: a name of letters and digits after "<" or
** "</", attributes without "<", on one line, at most 200 bytes. */
static size_t stray_tag(const char *s, size_t n) {
  size_t i = 1, k;
  if (n >= 4 && memcmp(s, "&lt;", 4) == 0) { /* an escaped tag */
    for (k = 4; k + 4 <= n && k < 64 && s[k] != '\n'; k++)
      if (memcmp(s + k, "&gt;", 4) == 0) return k + 4;
    return 0;
  }
  if (n < 3 || s[0] != '<') return 0;
  if (s[i] == '/') i++;
  if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) return 0;
  while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                   (s[i] >= '0' && s[i] <= '9')))
    i++;
  if (i < n && s[i] == '>') return i + 1;
  if (i >= n || !(s[i] == ' ' || s[i] == '/')) return 0;
  for (k = i; k < n && k < 200; k++) {
    if (s[k] == '<' || s[k] == '\n') return 0;
    if (s[k] == '>') return k + 1;
  }
  return 0;
}

/* a byte of a letter: ASCII letters and every byte of a multi-byte
** character (most are letters in running text) */
static int letter_byte(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (unsigned char)ch >= 0x80;
}

/* The length of an inline formatting placeholder at s, as conversion and
** translation tools leave them in text ("{b^>1<b^}", and escaped
** "{b^&gt;1&lt;b^}"), or 0. */
static size_t placeholder(const char *s, size_t n) {
  static const char *const open[] = { "{b^>", "{b^&gt;" };
  static const char *const close[] = { "<b^}", "&lt;b^}" };
  size_t k, i, lo, lc;
  for (k = 0; k < 2; k++) {
    lo = strlen(open[k]);
    lc = strlen(close[k]);
    if (n < lo + lc || memcmp(s, open[k], lo) != 0) continue;
    for (i = lo; i < n && i < lo + 9 && s[i] >= '0' && s[i] <= '9'; i++) {}
    if (i + lc <= n && memcmp(s + i, close[k], lc) == 0) return i + lc;
  }
  return 0;
}

/* The length of an escaped line break at s[i] ("\n", "\r\n", and "\ n"
** as some converters space it), or 0: text that went through a JSON or
** C string once. Not in paths or TeX: the backslash follows white space
** or punctuation other than ':', '/' and '\', and no lowercase letter
** follows ("\newline", "C:\new" stay). */
static size_t escaped_break(const char *s, size_t n, size_t i) {
  size_t k = i + 1, e;
  char before = i > 0 ? s[i - 1] : ' ';
  if ((before >= 'a' && before <= 'z') || (before >= 'A' && before <= 'Z') ||
      (before >= '0' && before <= '9') || before == ':' || before == '/' ||
      before == '\\' || (unsigned char)before >= 0x80)
    return 0;
  if (k < n && s[k] == ' ') k++;
  if (k >= n || (s[k] != 'n' && s[k] != 'r')) return 0;
  e = k + 1;
  if (s[k] == 'r') { /* "\r\n" is one break */
    size_t m = e;
    if (m < n && s[m] == ' ') m++;
    if (m < n && s[m] == '\\') {
      m++;
      if (m < n && s[m] == ' ') m++;
      if (m < n && s[m] == 'n') e = m + 1;
    }
  }
  if (e < n && s[e] >= 'a' && s[e] <= 'z') return 0;
  return e - i;
}

/* Is the word [s, s + n) in t[lo, hi), standing alone (no letter on
** either side)? */
static int word_in(const char *t, size_t lo, size_t hi, const char *w, size_t n) {
  size_t p = lo;
  while (n > 0 && p + n <= hi) {
    const char *hit = memchr(t + p, w[0], hi - n + 1 - p);
    if (hit == NULL) return 0;
    p = (size_t)(hit - t);
    if (memcmp(hit, w, n) == 0 &&
        (p == 0 || !letter_byte(t[p - 1])) && (p + n >= hi || !letter_byte(t[p + n])))
      return 1;
    p++;
  }
  return 0;
}

/* A word broken at a line's end with a hyphen ("har-\nbour", "long-\nterm"):
** at s[i] == '-', a letter before it and a lowercase letter after the line
** break. Returns the bytes from the hyphen to the second part and sets
** *keep when the hyphen belongs to the word: the text writes the word
** with a hyphen elsewhere and never without one. PDF-extracted text
** hyphenates at syllables, so by default the hyphen goes. */
static size_t broken_word(const char *s, size_t n, size_t i, int *keep) {
  size_t k, ls, re, lo, hi, m, h;
  char joined[96], hyph[97];
  /* the hyphen: "-", U+2010 HYPHEN (groff's UTF-8 output), or a soft
  ** hyphen, which shows only where it breaks a word */
  h = s[i] == '-' ? 1 : i + 3 <= n && memcmp(s + i, "\xE2\x80\x90", 3) == 0 ? 3
    : i + 2 <= n && memcmp(s + i, "\xC2\xAD", 2) == 0 ? 2 : 0;
  k = i + h;
  if (h == 0 || i == 0 || !letter_byte(s[i - 1])) return 0;
  if (k < n && s[k] == '\r') k++;
  if (k >= n || s[k] != '\n') return 0;
  k++;
  while (k < n && (s[k] == ' ' || s[k] == '\t')) k++;
  if (k >= n || !(s[k] >= 'a' && s[k] <= 'z')) return 0;
  ls = i;
  while (ls > 0 && letter_byte(s[ls - 1])) ls--;
  re = k;
  while (re < n && letter_byte(s[re])) re++;
  if ((i - ls) + (re - k) + 1 >= sizeof joined) return 0;
  memcpy(joined, s + ls, i - ls);
  memcpy(joined + (i - ls), s + k, re - k);
  m = (i - ls) + (re - k);
  memcpy(hyph, s + ls, i - ls);
  hyph[i - ls] = '-';
  memcpy(hyph + (i - ls) + 1, s + k, re - k);
  lo = i > 65536 ? i - 65536 : 0;
  hi = n - i > 65536 ? i + 65536 : n;
  *keep = h != 2 && !word_in(s, lo, hi, joined, m) && word_in(s, lo, hi, hyph, m + 1);
  return k - i;
}

/* Rewrites stray tags and placeholders away, escaped line breaks into
** line breaks, a run of five dots or more inside a line (not
** a leader before a page number, which ingest cuts) into a space, and an
** opening ` of TeX's `quotes' into '. Leaves src alone when there is
** nothing to do. */
static precis_status clean_text(precisI_tb *b, const char *s, size_t n, int *changed) {
  size_t i = 0, from = 0;
  int keep = 0;
  *changed = 0;
  while (i < n) {
    size_t k;
    if ((s[i] == '<' || s[i] == '&') && (k = stray_tag(s + i, n - i)) != 0) {
      precisI_tb_piece(b, s + from, i - from, from, i - from); /* the tag stands for nothing */
      i += k;
      from = i;
      *changed = 1;
      continue;
    }
    if (s[i] == '{' && (k = placeholder(s + i, n - i)) != 0) {
      precisI_tb_piece(b, s + from, i - from, from, i - from);
      i += k;
      from = i;
      *changed = 1;
      continue;
    }
    if ((s[i] == '-' || s[i] == '\xE2' || s[i] == '\xC2') &&
        (k = broken_word(s, n, i, &keep)) != 0) {
      precisI_tb_piece(b, s + from, i - from, from, i - from);
      if (keep) /* the line break stands for nothing */
        precisI_tb_piece(b, s + i, s[i] == '-' ? 1 : 3, i, s[i] == '-' ? 1 : 3);
      i = from = i + k;
      *changed = 1;
      continue;
    }
    if (s[i] == '\\' && (k = escaped_break(s, n, i)) != 0) {
      precisI_tb_piece(b, s + from, i - from, from, i - from);
      precisI_tb_piece(b, "\n", 1, i, k);
      i = from = i + k;
      *changed = 1;
      continue;
    }
    if (s[i] == '.' && i + 5 <= n && memcmp(s + i, ".....", 5) == 0) {
      size_t e = i;
      while (e < n && s[e] == '.') e++;
      if (e < n && ((s[e] >= 'a' && s[e] <= 'z') || (s[e] >= 'A' && s[e] <= 'Z'))) {
        precisI_tb_piece(b, s + from, i - from, from, i - from);
        precisI_tb_piece(b, " ", 1, i, e - i);
        i = from = e;
        *changed = 1;
        continue;
      }
      i = e;
      continue;
    }
    if (s[i] == '`' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\n') &&
        i + 1 < n && s[i + 1] != ' ' && memchr(s + i, '\'', n - i) != NULL) {
      precisI_tb_piece(b, s + from, i - from, from, i - from);
      precisI_tb_piece(b, "'", 1, i, 1);
      i = from = i + 1;
      *changed = 1;
      continue;
    }
    i++;
  }
  if (*changed) precisI_tb_piece(b, s + from, n - from, from, n - from);
  return b->oom ? PRECIS_ENOMEM : PRECIS_OK;
}

/* ---------------------------------------------------------------------
** The stage
** --------------------------------------------------------------------- */

precis_status precisI_format(const precis_summarizer *s, precisI_source *src,
                             precisI_vec *hints, precis_error *err) {
  precisI_tb b;
  precisI_vec text;
  precisI_segs map;
  precis_status st;
  int changed = 1;
  precis_format format = s->opt.format;
  hints->n = 0;
  if (format == PRECIS_FORMAT_TEXT && s->opt.unwrap <= 0) return PRECIS_OK;
  precisI_tb_init(&b, format == PRECIS_FORMAT_TEXT);
  precisI_vec_init(&text, 1);
  precisI_segs_init(&map);
  if (format == PRECIS_FORMAT_TEXT)
    st = clean_text(&b, src->text, src->len, &changed);
  else if (format == PRECIS_FORMAT_HTML)
    st = precisI_html_read(s, &b, src->text, src->len, err);
  else
    st = read_markdown(&b, src->text, src->len);
  if (st == PRECIS_OK && b.oom) st = PRECIS_ENOMEM;
  if (st == PRECIS_OK && changed) st = layout(&b, &text, &map, hints);
  precisI_tb_free(&b);
  if (st != PRECIS_OK || !changed) { /* an error, or nothing to rewrite */
    precisI_vec_free(&text);
    precisI_vec_free(&map.v);
    hints->n = 0;
    if (st == PRECIS_ELIMIT && format == PRECIS_FORMAT_MARKDOWN)
      return precisI_seterr(err, st, "markdown input over 2 GiB");
    if (st == PRECIS_ENOMEM) return precisI_seterr(err, st, "out of memory");
    return st; /* the reader filled err */
  }
  src->xowned = text.p;
  src->xmap = map.v.p;
  src->nxmap = map.v.n;
  src->text = src->xowned;
  src->len = text.n;
  return PRECIS_OK;
}
