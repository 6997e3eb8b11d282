/*
** format.c: Markdown and HTML in, text out. A well-kept parser reads the
** document (md4c for CommonMark with GitHub's tables, gumbo for HTML5) and
** the text it finds is laid out one block per paragraph, with blank lines
** between blocks, for ingest to read like plain text; a map of checkpoints
** takes every offset of that text back to the document's bytes, so that
** results still point into the caller's original text. Nothing is
** re-serialized: each piece of text is the parser's view of a span of the
** document.
**
** Markdown: headings stay headings; code blocks, HTML blocks, tables,
** images, link targets and front matter are not text; list items are.
** HTML: block elements are paragraphs; script, style, nav, header, footer,
** aside, forms, templates and hidden elements are dropped; entities are
** decoded; <title> and <h1>..<h6> are headings.
*/
#include <stdlib.h>
#include <string.h>

#include <gumbo.h>
#include <md4c.h>

#include "internal.h"

/* ---------------------------------------------------------------------
** The text builder: pieces of text, each from a span of the source
** --------------------------------------------------------------------- */

#define NONE ((size_t)-1)

typedef struct tb {
  precisI_vec text;    /* char */
  precisI_vec map;     /* precisI_map: text offset -> source offset */
  precisI_vec hints;   /* precisI_block: headings and list items */
  size_t next;         /* the source offset that continues the last piece */
  size_t last;         /* the source offset after the last piece */
  int lines;           /* keep line breaks (plain text), or make blocks one line */
  int oom;
} tb;

static void checkpoint(tb *b, size_t src) {
  precisI_map *m;
  if (b->map.n > 0) {
    m = &precisI_vec_at(&b->map, precisI_map, b->map.n - 1);
    if (m->clean == b->text.n) { m->orig = src; return; }
  }
  if ((m = precisI_vec_push(&b->map)) == NULL) { b->oom = 1; return; }
  m->clean = b->text.n;
  m->orig = src;
}

/* Appends n bytes that stand for the source span [src, src + slen). Line
** breaks and tabs inside a block become spaces: the block is one line. */
static void piece(tb *b, const char *s, size_t n, size_t src, size_t slen) {
  size_t i;
  if (n == 0 || b->oom) return;
  if (src != b->next) checkpoint(b, src);
  if (!precisI_vec_reserve(&b->text, b->text.n + n)) { b->oom = 1; return; }
  for (i = 0; i < n; i++) {
    char ch = s[i];
    if (!b->lines && (ch == '\n' || ch == '\r' || ch == '\t')) ch = ' ';
    ((char *)b->text.p)[b->text.n++] = ch;
  }
  b->next = slen == n ? src + n : NONE;
  b->last = src + slen;
}

/* Ends the current block: a blank line, which stands for nothing. */
static void end_block(tb *b) {
  const char *t = b->text.p;
  size_t n = b->text.n;
  if (n == 0 || b->oom) return;
  while (n > 0 && t[n - 1] == ' ') n--; /* trailing blanks of the block */
  b->text.n = n;
  if (n >= 2 && t[n - 1] == '\n' && t[n - 2] == '\n') return;
  checkpoint(b, b->last);
  if (!precisI_vec_reserve(&b->text, b->text.n + 2)) { b->oom = 1; return; }
  ((char *)b->text.p)[b->text.n++] = '\n';
  ((char *)b->text.p)[b->text.n++] = '\n';
  b->next = NONE;
}

/* Remembers that [start, here) of the text is a heading or an item. */
static void hint(tb *b, size_t start, int kind) {
  precisI_block *h;
  size_t end = b->text.n;
  const char *t = b->text.p;
  while (end > start && (t[end - 1] == ' ' || t[end - 1] == '\n')) end--;
  if (end <= start || b->oom) return;
  if ((h = precisI_vec_push(&b->hints)) == NULL) { b->oom = 1; return; }
  h->start = start;
  h->end = end;
  h->kind = kind;
  h->rule = NULL;
}

/* A span of the source whose text is known to differ from its bytes
** (entities, line endings): walks both, and where they disagree looks for
** the nearest place where they agree again, so that only the changed
** bytes become replacement pieces. */
static void aligned(tb *b, const char *src_text, size_t src, size_t slen,
                    const char *t, size_t n) {
  const char *o = src_text + src;
  size_t i = 0, j = 0;
  while (i < slen && j < n) {
    size_t run = 0, a, d, best_a = 0, best_d = 0;
    int found = 0;
    while (i + run < slen && j + run < n && o[i + run] == t[j + run]) run++;
    piece(b, t + j, run, src + i, run);
    i += run;
    j += run;
    if (i >= slen || j >= n) break;
    /* a replaced stretch: "&amp;" for "&", "\r\n" for "\n" */
    for (d = 1; d <= 40 && !found; d++)
      for (a = 0; a <= d && !found; a++) {
        size_t da = d - a; /* da source bytes for a text bytes */
        if (i + da <= slen && j + a <= n &&
            (i + da == slen ? j + a == n
                            : (j + a < n && o[i + da] == t[j + a]))) {
          best_a = a;
          best_d = da;
          found = 1;
        }
      }
    if (!found) { best_a = n - j; best_d = slen - i; }
    while (best_a > 0 && j + best_a < n && ((unsigned char)t[j + best_a] & 0xC0) == 0x80)
      best_a++; /* whole characters */
    piece(b, t + j, best_a, src + i, best_d);
    i += best_d;
    j += best_a;
  }
  if (j < n) piece(b, t + j, n - j, src + slen, 0);
}

/* ---------------------------------------------------------------------
** HTML (gumbo)
** --------------------------------------------------------------------- */

typedef struct html {
  tb *b;
  const char *src;
  size_t len;
} html;

static int skipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_META: case GUMBO_TAG_LINK:
    case GUMBO_TAG_BASE: case GUMBO_TAG_IMG:
    case GUMBO_TAG_MENU:
      return 1;
    default:
      return 0;
  }
}

static int inline_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_A: case GUMBO_TAG_ABBR: case GUMBO_TAG_B: case GUMBO_TAG_BDI:
    case GUMBO_TAG_BDO: case GUMBO_TAG_CITE: case GUMBO_TAG_CODE:
    case GUMBO_TAG_DATA: case GUMBO_TAG_DFN: case GUMBO_TAG_EM: case GUMBO_TAG_I:
    case GUMBO_TAG_KBD: case GUMBO_TAG_MARK: case GUMBO_TAG_Q: case GUMBO_TAG_S:
    case GUMBO_TAG_SAMP: case GUMBO_TAG_SMALL: case GUMBO_TAG_SPAN:
    case GUMBO_TAG_STRONG: case GUMBO_TAG_SUB: case GUMBO_TAG_SUP:
    case GUMBO_TAG_TIME: case GUMBO_TAG_U: case GUMBO_TAG_VAR: case GUMBO_TAG_WBR:
    case GUMBO_TAG_FONT: case GUMBO_TAG_BIG: case GUMBO_TAG_STRIKE:
    case GUMBO_TAG_TT: case GUMBO_TAG_DEL: case GUMBO_TAG_INS: case GUMBO_TAG_LABEL:
    case GUMBO_TAG_NOBR:
      return 1;
    default:
      return 0;
  }
}

/* an ASCII case-insensitive search for `needle` in an attribute value */
static int has_word(const char *v, const char *needle) {
  size_t n = strlen(needle), i, k;
  for (i = 0; v[i]; i++) {
    for (k = 0; k < n; k++) {
      char c = v[i + k];
      if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
      if (c != needle[k]) break;
    }
    if (k == n) return 1;
  }
  return 0;
}

static int hidden(const GumboElement *e) {
  const GumboAttribute *a;
  if (gumbo_get_attribute(&e->attributes, "hidden")) return 1;
  if ((a = gumbo_get_attribute(&e->attributes, "aria-hidden")) &&
      has_word(a->value, "true"))
    return 1;
  if ((a = gumbo_get_attribute(&e->attributes, "style")) &&
      (has_word(a->value, "display:none") || has_word(a->value, "display: none") ||
       has_word(a->value, "visibility:hidden") || has_word(a->value, "visibility: hidden")))
    return 1;
  if ((a = gumbo_get_attribute(&e->attributes, "type")) && e->tag == GUMBO_TAG_INPUT)
    return 1;
  return 0;
}

static void html_text(html *h, const GumboText *t) {
  size_t src = t->start_pos.offset, slen = t->original_text.length;
  size_t n = strlen(t->text);
  if (src > h->len || slen > h->len - src) return; /* not from the document */
  if (slen == n && memcmp(h->src + src, t->text, n) == 0)
    piece(h->b, t->text, n, src, n);
  else
    aligned(h->b, h->src, src, slen, t->text, n);
}

static void html_node(html *h, const GumboNode *node, int depth) {
  const GumboVector *kids;
  size_t k, start;
  int block, kind = -1;
  if (depth > 256) return; /* gumbo bounds nesting too; this bounds our stack */
  switch (node->type) {
    case GUMBO_NODE_TEXT: case GUMBO_NODE_WHITESPACE: case GUMBO_NODE_CDATA:
      html_text(h, &node->v.text);
      return;
    case GUMBO_NODE_DOCUMENT:
      kids = &node->v.document.children;
      for (k = 0; k < kids->length; k++)
        html_node(h, (const GumboNode *)kids->data[k], depth + 1);
      return;
    case GUMBO_NODE_ELEMENT: case GUMBO_NODE_TEMPLATE:
      break;
    default:
      return; /* comments */
  }
  if (skipped(node->v.element.tag) || hidden(&node->v.element)) return;
  if (node->v.element.tag == GUMBO_TAG_BR) { end_block(h->b); return; }
  block = !inline_tag(node->v.element.tag);
  switch (node->v.element.tag) {
    case GUMBO_TAG_TITLE: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
      kind = PRECIS_BLOCK_HEADING;
      break;
    case GUMBO_TAG_LI: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
      kind = PRECIS_BLOCK_ITEM;
      break;
    default:
      break;
  }
  if (block) end_block(h->b);
  start = h->b->text.n;
  kids = &node->v.element.children;
  for (k = 0; k < kids->length; k++)
    html_node(h, (const GumboNode *)kids->data[k], depth + 1);
  if (kind >= 0) hint(h->b, start, kind);
  if (block) end_block(h->b);
}

static precis_status read_html(tb *b, const char *src, size_t len) {
  GumboOptions opt = kGumboDefaultOptions;
  GumboOutput *out;
  html h;
  opt.max_errors = 0; /* the errors are not kept: only the tree matters */
  out = gumbo_parse_with_options(&opt, src, len);
  if (out == NULL) return PRECIS_ENOMEM;
  h.b = b;
  h.src = src;
  h.len = len;
  html_node(&h, out->document, 0);
  gumbo_destroy_output(&opt, out);
  return b->oom ? PRECIS_ENOMEM : PRECIS_OK;
}

/* ---------------------------------------------------------------------
** Markdown (md4c)
** --------------------------------------------------------------------- */

typedef struct md {
  tb *b;
  const char *src;
  size_t len;
  int skip;             /* inside a code block, an HTML block, a table, an image */
  size_t start[16];     /* where each open heading or item began */
  int depth;
} md;

static int md_enter_block(MD_BLOCKTYPE type, void *detail, void *ud) {
  md *m = ud;
  (void)detail;
  switch (type) {
    case MD_BLOCK_CODE: case MD_BLOCK_HTML: case MD_BLOCK_TABLE:
      m->skip++;
      break;
    case MD_BLOCK_H: case MD_BLOCK_LI:
      end_block(m->b);
      if (m->depth < 16) m->start[m->depth] = m->b->text.n;
      m->depth++;
      break;
    default:
      break;
  }
  if (type == MD_BLOCK_P || type == MD_BLOCK_QUOTE || type == MD_BLOCK_UL ||
      type == MD_BLOCK_OL)
    end_block(m->b);
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
      m->depth--;
      if (m->depth < 16)
        hint(m->b, m->start[m->depth],
             type == MD_BLOCK_H ? PRECIS_BLOCK_HEADING : PRECIS_BLOCK_ITEM);
      break;
    default:
      break;
  }
  end_block(m->b);
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
  if (m->skip || type == MD_TEXT_HTML) return 0;
  off = inside ? (size_t)(text - m->src) : m->b->last;
  switch (type) {
    case MD_TEXT_BR:
      end_block(m->b);
      break;
    case MD_TEXT_SOFTBR: /* a soft line break is a space */
      piece(m->b, " ", 1, off, inside ? size : 0);
      break;
    case MD_TEXT_ENTITY: {
      char out[4];
      size_t n = entity(text, size, out);
      if (n) piece(m->b, out, n, off, size);
      else if (inside) piece(m->b, text, size, off, size);
      break;
    }
    case MD_TEXT_NULLCHAR:
      piece(m->b, "\xEF\xBF\xBD", 3, off, inside ? size : 0);
      break;
    default:
      if (inside) piece(m->b, text, size, off, size);
      else piece(m->b, text, size, off, 0);
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

static precis_status read_markdown(tb *b, const char *src, size_t len) {
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
  size_t k = i + 1, ls, re, lo, hi, m;
  char joined[96], hyph[97];
  if (i == 0 || !letter_byte(s[i - 1])) return 0;
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
  *keep = !word_in(s, lo, hi, joined, m) && word_in(s, lo, hi, hyph, m + 1);
  return k - i;
}

/* Rewrites stray tags and placeholders away, escaped line breaks into
** line breaks, a run of five dots or more inside a line (not
** a leader before a page number, which ingest cuts) into a space, and an
** opening ` of TeX's `quotes' into '. Leaves src alone when there is
** nothing to do. */
static precis_status clean_text(tb *b, const char *s, size_t n, int *changed) {
  size_t i = 0, from = 0;
  int keep = 0;
  *changed = 0;
  while (i < n) {
    size_t k;
    if ((s[i] == '<' || s[i] == '&') && (k = stray_tag(s + i, n - i)) != 0) {
      piece(b, s + from, i - from, from, i - from);
      b->next = NONE; /* the tag stands for nothing */
      i += k;
      from = i;
      *changed = 1;
      continue;
    }
    if (s[i] == '{' && (k = placeholder(s + i, n - i)) != 0) {
      piece(b, s + from, i - from, from, i - from);
      b->next = NONE;
      i += k;
      from = i;
      *changed = 1;
      continue;
    }
    if (s[i] == '-' && (k = broken_word(s, n, i, &keep)) != 0) {
      piece(b, s + from, i - from, from, i - from);
      if (keep) piece(b, "-", 1, i, 1);
      b->next = NONE; /* the line break stands for nothing */
      i = from = i + k;
      *changed = 1;
      continue;
    }
    if (s[i] == '\\' && (k = escaped_break(s, n, i)) != 0) {
      piece(b, s + from, i - from, from, i - from);
      piece(b, "\n", 1, i, k);
      i = from = i + k;
      *changed = 1;
      continue;
    }
    if (s[i] == '.' && i + 5 <= n && memcmp(s + i, ".....", 5) == 0) {
      size_t e = i;
      while (e < n && s[e] == '.') e++;
      if (e < n && ((s[e] >= 'a' && s[e] <= 'z') || (s[e] >= 'A' && s[e] <= 'Z'))) {
        piece(b, s + from, i - from, from, i - from);
        piece(b, " ", 1, i, e - i);
        i = from = e;
        *changed = 1;
        continue;
      }
      i = e;
      continue;
    }
    if (s[i] == '`' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\n') &&
        i + 1 < n && s[i + 1] != ' ' && memchr(s + i, '\'', n - i) != NULL) {
      piece(b, s + from, i - from, from, i - from);
      piece(b, "'", 1, i, 1);
      i = from = i + 1;
      *changed = 1;
      continue;
    }
    i++;
  }
  if (*changed) piece(b, s + from, n - from, from, n - from);
  return b->oom ? PRECIS_ENOMEM : PRECIS_OK;
}

/* ---------------------------------------------------------------------
** The stage
** --------------------------------------------------------------------- */

precis_status precisI_format(precis_format format, int unwrap,
                             precisI_source *src, precisI_vec *hints,
                             precis_error *err) {
  tb b;
  precis_status st;
  int changed = 1;
  if (format == PRECIS_FORMAT_TEXT && unwrap <= 0) return PRECIS_OK;
  memset(&b, 0, sizeof b);
  precisI_vec_init(&b.text, 1);
  precisI_vec_init(&b.map, sizeof(precisI_map));
  b.hints = *hints;
  b.hints.n = 0;
  b.next = NONE;
  if (format == PRECIS_FORMAT_TEXT) {
    b.lines = 1;
    st = clean_text(&b, src->text, src->len, &changed);
  } else {
    st = format == PRECIS_FORMAT_HTML ? read_html(&b, src->text, src->len)
                                      : read_markdown(&b, src->text, src->len);
  }
  if (st == PRECIS_OK && !changed) { /* nothing to rewrite */
    precisI_vec_free(&b.text);
    precisI_vec_free(&b.map);
    *hints = b.hints;
    return PRECIS_OK;
  }
  *hints = b.hints;
  if (st == PRECIS_OK && !precisI_vec_reserve(&b.text, b.text.n + 1)) st = PRECIS_ENOMEM;
  if (st != PRECIS_OK) {
    precisI_vec_free(&b.text);
    precisI_vec_free(&b.map);
    if (st == PRECIS_ELIMIT)
      return precisI_seterr(err, st, "markdown input over 2 GiB");
    return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
  }
  ((char *)b.text.p)[b.text.n] = '\0';
  src->xowned = b.text.p;
  src->xmap = b.map.p;
  src->nxmap = b.map.n;
  src->text = src->xowned;
  src->len = b.text.n;
  return PRECIS_OK;
}
