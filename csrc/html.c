/*
** html.c: the text of an HTML document, through gumbo (HTML5 parsing as
** browsers do it). Block elements are paragraphs; script, style, nav,
** header, footer, aside, forms, templates and hidden elements are not
** text; entities are decoded; <title> and <h1>..<h6> are headings.
**
** Each text node gumbo finds is walked beside its source bytes, so that
** every character of text stands for the bytes it was read from (an
** entity, a CR LF, a character gumbo replaced, a tag gumbo ignored inside
** the text); the text builder then lays the pieces out in the source's
** order, which gumbo's tree does not always keep (text inside a table
** but outside its cells goes before the table).
**
** Bounds. gumbo checks the elements in scope on the stack of open
** elements for every tag, which is quadratic in the nesting depth, and it
** cannot survive a failed allocation. So a first pass reads the tags and
** turns those that would nest deeper than PRECIS_HTML_MAX_DEPTH, or open
** more than PRECIS_HTML_MAX_FORMATTING formatting elements (which gumbo
** copies for every paragraph), into comments of the same length: their
** text stays, in order, and a block's end still ends a line. gumbo
** allocates from an arena of ours, which frees everything and jumps out
** of the parse when an allocation fails or the arena outgrows its bound.
*/
#include <limits.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <gumbo.h>

#include "internal.h"

/* deeper elements are read as their parent's text */
#if !defined(PRECIS_HTML_MAX_DEPTH)
#define PRECIS_HTML_MAX_DEPTH 256
#endif
/* formatting elements (b, i, font, a, ...) open at once */
#if !defined(PRECIS_HTML_MAX_FORMATTING)
#define PRECIS_HTML_MAX_FORMATTING 8
#endif
/* what gumbo may allocate: this many bytes per byte of input, and a floor */
#if !defined(PRECIS_HTML_MEMORY_RATIO)
#define PRECIS_HTML_MEMORY_RATIO 64
#endif
#if !defined(PRECIS_HTML_MEMORY_FLOOR)
#define PRECIS_HTML_MEMORY_FLOOR ((size_t)64 << 20)
#endif

/* ---------------------------------------------------------------------
** gumbo's arena: every block it asks for, on a list, so that a failed
** parse frees them all
** --------------------------------------------------------------------- */

typedef union ablock {
  struct {
    union ablock *prev, *next;
    size_t size;
  } h;
  max_align_t align;
} ablock;

typedef struct arena {
  ablock head;        /* the list's sentinel */
  size_t used, limit; /* bytes handed out, and the bound */
  jmp_buf fail;       /* where a failed allocation goes */
} arena;

static void *arena_alloc(void *ud, size_t n) {
  arena *a = ud;
  ablock *b;
  if (n > a->limit - a->used) longjmp(a->fail, (int)PRECIS_ELIMIT);
  if ((b = malloc(sizeof *b + n)) == NULL) longjmp(a->fail, (int)PRECIS_ENOMEM);
  b->h.size = n;
  b->h.prev = &a->head;
  b->h.next = a->head.h.next;
  a->head.h.next->h.prev = b;
  a->head.h.next = b;
  a->used += n;
  return b + 1;
}

static void arena_free(void *ud, void *p) {
  arena *a = ud;
  ablock *b;
  if (p == NULL) return;
  b = (ablock *)p - 1;
  b->h.prev->h.next = b->h.next;
  b->h.next->h.prev = b->h.prev;
  a->used -= b->h.size;
  free(b);
}

static void arena_init(arena *a, size_t len) {
  a->head.h.prev = a->head.h.next = &a->head;
  a->head.h.size = 0;
  a->used = 0;
  a->limit = len > (SIZE_MAX - PRECIS_HTML_MEMORY_FLOOR) / PRECIS_HTML_MEMORY_RATIO
               ? SIZE_MAX
               : len * PRECIS_HTML_MEMORY_RATIO + PRECIS_HTML_MEMORY_FLOOR;
}

static void arena_release(arena *a) {
  ablock *b = a->head.h.next;
  while (b != &a->head) {
    ablock *next = b->h.next;
    free(b);
    b = next;
  }
  a->head.h.prev = a->head.h.next = &a->head;
  a->used = 0;
}

/* Parses under the arena; NULL with *st set when an allocation failed
** (everything gumbo had is freed by the caller's arena_release). */
static GumboOutput *parse(arena *a, const char *s, size_t n, precis_status *st) {
  GumboOptions opt = kGumboDefaultOptions;
  opt.allocator = arena_alloc;
  opt.deallocator = arena_free;
  opt.userdata = a;
  opt.max_errors = 0; /* the errors are not kept: only the tree matters */
  *st = PRECIS_OK;
  switch (setjmp(a->fail)) {
    case 0:
      return gumbo_parse_with_options(&opt, s, n);
    case PRECIS_ELIMIT:
      *st = PRECIS_ELIMIT;
      return NULL;
    default:
      *st = PRECIS_ENOMEM;
      return NULL;
  }
}

/* ---------------------------------------------------------------------
** The first pass: tags that would nest too deep become comments
** --------------------------------------------------------------------- */

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }
static int alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Is [s, s + n) the tag name `name` (lowercase), case aside? */
static int name_is(const char *s, size_t n, const char *name) {
  size_t k;
  for (k = 0; k < n; k++)
    if (name[k] == '\0' || lower(s[k]) != name[k]) return 0;
  return name[n] == '\0';
}

static int name_in(const char *s, size_t n, const char *const *names) {
  for (; *names; names++)
    if (name_is(s, n, *names)) return 1;
  return 0;
}

/* elements without content */
static const char *const void_names[] = {
  "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image",
  "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr", NULL
};
/* elements whose end tag may be left out, and those the parser places
** itself: they never pile up */
static const char *const loose_names[] = {
  "body", "caption", "colgroup", "dd", "dt", "head", "html", "li", "optgroup",
  "option", "p", "rb", "rp", "rt", "rtc", "tbody", "td", "tfoot", "th", "thead",
  "tr", NULL
};
/* formatting elements, which the parser reopens after every block */
static const char *const formatting_names[] = {
  "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike",
  "strong", "tt", "u", NULL
};
/* elements whose text is not markup (up to their end tag) */
static const char *const raw_names[] = {
  "iframe", "noembed", "noframes", "noscript", "script", "style", "textarea",
  "title", "xmp", NULL
};
/* inline elements: ending one ends no line */
static const char *const inline_names[] = {
  "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em",
  "font", "i", "ins", "kbd", "label", "mark", "nobr", "q", "s", "samp", "small",
  "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", NULL
};

typedef struct open_el {
  size_t name, len; /* its name in the source */
  int flat;         /* made a comment: its end tag goes too */
  int fmt;          /* a formatting element */
} open_el;

typedef struct guard {
  const char *s;
  size_t n;
  char *copy;          /* the source with tags made comments, or NULL */
  precisI_vec stack;   /* open_el */
  size_t depth;        /* elements on the stack that were kept */
  size_t fmt;          /* formatting elements open */
  precisI_vec breaks;  /* size_t: where a flattened block tag was */
  int oom;
} guard;

/* the end of a tag whose name ends at i: its '>' after the attributes,
** whose quoted values may hold '>'; n when it never ends */
static size_t tag_end(const char *s, size_t n, size_t i) {
  while (i < n && s[i] != '>') {
    if (s[i] == '=') { /* a value: quoted, or up to white space */
      i++;
      while (i < n && blank(s[i])) i++;
      if (i < n && (s[i] == '"' || s[i] == '\'')) {
        const char *q = memchr(s + i + 1, s[i], n - i - 1);
        if (q == NULL) return n;
        i = (size_t)(q - s) + 1;
        continue;
      }
    }
    i++;
  }
  return i;
}

/* Makes the tag [at, end] a comment of the same length ("<!xxx>"), and
** remembers where it was when it ended or opened a block. */
static void flatten(guard *g, size_t at, size_t end, const char *name, size_t len) {
  size_t k;
  if (g->copy == NULL) {
    if ((g->copy = precisI_alloc(g->n + 1, 1)) == NULL) { g->oom = 1; return; }
    memcpy(g->copy, g->s, g->n);
    g->copy[g->n] = '\0';
  }
  g->copy[at] = '<';
  g->copy[at + 1] = '!';
  for (k = at + 2; k < end; k++) g->copy[k] = 'x';
  g->copy[end] = '>';
  if (!name_in(name, len, inline_names)) {
    size_t *b = precisI_vec_push(&g->breaks);
    if (b == NULL) { g->oom = 1; return; }
    *b = at;
  }
}

/* An end tag: closes the element it names when it is open near the top
** of the stack, with what is open above it; the parser ignores it when
** none is. */
static void close_tag(guard *g, size_t at, size_t end, const char *name, size_t len) {
  size_t k, q, n = g->stack.n, lim = n > 2 * PRECIS_HTML_MAX_DEPTH ? 2 * PRECIS_HTML_MAX_DEPTH : n;
  open_el *e = NULL;
  for (k = 0; k < lim; k++) {
    e = &precisI_vec_at(&g->stack, open_el, n - 1 - k);
    if (e->len != len) continue;
    for (q = 0; q < len && lower(g->s[e->name + q]) == lower(name[q]); q++) {}
    if (q == len) break;
  }
  if (k == lim) return;
  if (e->flat) flatten(g, at, end, name, len);
  else if (e->fmt) g->fmt--; /* a formatting element ended by its own end tag */
  while (g->stack.n > n - 1 - k) {
    if (!precisI_vec_at(&g->stack, open_el, g->stack.n - 1).flat) g->depth--;
    g->stack.n--;
  }
}

/* A start tag that opens an element: kept while the stack is shallow. */
static void open_tag(guard *g, size_t at, size_t end, const char *name, size_t len) {
  open_el *e;
  /* an <a> closes the one open before it, so links never pile up */
  int fmt = name_in(name, len, formatting_names) && !name_is(name, len, "a");
  int flat = g->depth >= PRECIS_HTML_MAX_DEPTH || (fmt && g->fmt >= PRECIS_HTML_MAX_FORMATTING);
  if ((e = precisI_vec_push(&g->stack)) == NULL) { g->oom = 1; return; }
  e->name = (size_t)(name - g->s);
  e->len = len;
  e->flat = flat;
  e->fmt = fmt;
  if (flat) {
    flatten(g, at, end, name, len);
  } else {
    g->depth++;
    if (fmt) g->fmt++;
  }
}

/* where the raw text of element `name` ends: its end tag, or n */
static size_t raw_end(const char *s, size_t n, size_t i, const char *name, size_t len) {
  while (i + 2 + len <= n) {
    const char *lt = memchr(s + i, '<', n - i);
    size_t k;
    if (lt == NULL) return n;
    i = (size_t)(lt - s);
    if (i + 2 + len > n) return n;
    if (s[i + 1] == '/') {
      for (k = 0; k < len && lower(s[i + 2 + k]) == lower(name[k]); k++) {}
      if (k == len && (i + 2 + len == n || blank(s[i + 2 + len]) || s[i + 2 + len] == '/' ||
                       s[i + 2 + len] == '>'))
        return i;
    }
    i++;
  }
  return n;
}

/* Reads the tags of s and flattens those nested too deep. */
static void guard_run(guard *g) {
  const char *s = g->s;
  size_t n = g->n, i = 0;
  while (i < n) {
    const char *lt = memchr(s + i, '<', n - i);
    size_t at, ns, ne, end;
    int close;
    if (lt == NULL) break;
    at = (size_t)(lt - s);
    i = at + 1;
    if (i >= n) break;
    if (s[i] == '!') { /* a comment, a doctype, a bogus comment */
      if (i + 2 < n && s[i + 1] == '-' && s[i + 2] == '-') {
        size_t k = at + 2;
        for (; k + 3 <= n; k++)
          if (s[k] == '-' && s[k + 1] == '-' && s[k + 2] == '>') break;
        i = k + 3 <= n ? k + 3 : n;
      } else {
        const char *gt = memchr(s + i, '>', n - i);
        i = gt ? (size_t)(gt - s) + 1 : n;
      }
      continue;
    }
    if (s[i] == '?') {
      const char *gt = memchr(s + i, '>', n - i);
      i = gt ? (size_t)(gt - s) + 1 : n;
      continue;
    }
    close = s[i] == '/';
    if (close) i++;
    if (i >= n || !alpha(s[i])) {
      if (close) { /* "</>" or a bogus comment */
        const char *gt = memchr(s + i, '>', n - i);
        i = gt ? (size_t)(gt - s) + 1 : n;
      }
      continue;
    }
    ns = i;
    while (i < n && !blank(s[i]) && s[i] != '/' && s[i] != '>') i++;
    ne = i;
    end = tag_end(s, n, i);
    if (end >= n) break; /* a tag that never ends is text to the end */
    i = end + 1;
    if (close) {
      close_tag(g, at, end, s + ns, ne - ns);
    } else if (!name_in(s + ns, ne - ns, void_names) &&
               !name_in(s + ns, ne - ns, loose_names)) {
      if (name_is(s + ns, ne - ns, "plaintext")) break;
      open_tag(g, at, end, s + ns, ne - ns);
      if (name_in(s + ns, ne - ns, raw_names)) {
        i = raw_end(s, n, i, s + ns, ne - ns);
        if (i < n) { /* its end tag */
          size_t e2 = tag_end(s, n, i + 2 + (ne - ns));
          if (e2 >= n) break;
          close_tag(g, i, e2, s + i + 2, ne - ns);
          i = e2 + 1;
        }
      }
    }
    if (g->oom) return;
  }
}

/* ---------------------------------------------------------------------
** Text nodes beside their source
** --------------------------------------------------------------------- */

typedef struct html {
  const precis_summarizer *s;
  precisI_tb *b;
  const char *src;       /* what gumbo read */
  size_t len;
  const size_t *breaks;  /* where flattened block tags are, ascending */
  size_t nbreaks;
  const GumboNode *root;
  precisI_vec starts;    /* size_t: where each node starts (when needed) */
  int starts_done;
  precisI_vec masses;    /* mass: what each element holds (the first walk) */
  size_t best;           /* the element of the main text, or SIZE_MAX */
  const GumboNode *best_node;
  size_t total;          /* the page's text, links aside */
} html;

static int cmp_size(const void *a, const void *b) {
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  return x < y ? -1 : x > y;
}

/* numeric character references 0x80..0x9F name windows-1252 characters
** (the HTML standard's table) */
static const unsigned short c1_table[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030,
  0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C,
  0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D,
  0x017E, 0x0178
};

static size_t put_utf8(unsigned long cp, char *out) {
  if (cp < 0x80) { out[0] = (char)cp; return 1; }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

/* the length of the UTF-8 character that starts with byte c */
static size_t char_len(unsigned char c) {
  return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* A numeric character reference at o ("&#233;", "&#xE9", "&#9"): its
** length, and its character as UTF-8 in out (*m bytes); 0 when there is
** none. */
static size_t numeric_ref(const char *o, size_t n, char *out, size_t *m) {
  size_t i = 2, digits = 0;
  unsigned long cp = 0;
  int hex;
  if (n < 3 || o[1] != '#') return 0;
  hex = o[2] == 'x' || o[2] == 'X';
  if (hex) i++;
  for (; i < n; i++, digits++) {
    char c = o[i];
    int v = c >= '0' && c <= '9' ? c - '0'
          : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
          : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (v < 0) break;
    if (cp <= 0x10FFFF) cp = cp * (hex ? 16 : 10) + (unsigned long)v;
  }
  if (digits == 0) return 0;
  if (i < n && o[i] == ';') i++;
  if (cp >= 0x80 && cp <= 0x9F) cp = c1_table[cp - 0x80];
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  *m = put_utf8(cp, out);
  return i;
}

/* Is the character at o one that gumbo read as U+FFFD at t (a control
** character, a noncharacter)? */
static int replaced(const char *o, size_t on, const char *t, size_t tn) {
  unsigned char c = (unsigned char)o[0];
  return tn >= 3 && memcmp(t, "\xEF\xBF\xBD", 3) == 0 &&
         ((c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || c >= 0x7F) &&
         !(on >= 3 && memcmp(o, "\xEF\xBF\xBD", 3) == 0);
}

/* Do the source bytes o[0, on) stand as they are at the start of t
** (a CR LF or a CR read as a line feed)? */
static int literal(const char *o, size_t on, const char *t, size_t tn) {
  size_t i = 0, j = 0;
  while (i < on) {
    if (j >= tn) return 0;
    if (o[i] == '\r' && t[j] == '\n') {
      i += i + 1 < on && o[i + 1] == '\n' ? 2 : 1;
      j++;
    } else if (replaced(o + i, on - i, t + j, tn - j)) {
      i += char_len((unsigned char)o[i]);
      j += 3;
    } else if (o[i++] != t[j++]) {
      return 0;
    }
  }
  return 1;
}

/* Does the source o[0, on) read as the text t[0, tn), as far as can be
** told before the next character reference or tag (up to 8 bytes; a CR
** LF or a CR reads as a line feed)? 2 when bytes were seen to agree (or
** both end), 1 when nothing says no (the text or the source ends, or a
** reference or tag comes first: gumbo's source of a text node may stop
** short of its text), 0 when they disagree. */
static int agree(const char *o, size_t on, const char *t, size_t tn) {
  size_t i = 0, j = 0, steps;
  for (steps = 0; steps < 8; steps++) {
    if (j >= tn) return steps > 0 || i >= on ? 2 : 1;
    if (i >= on) return 1;
    if (o[i] == '&' || o[i] == '<' || o[i] == '\0') return steps > 0 ? 2 : 1;
    if (o[i] == '\r' && t[j] == '\n') {
      i += i + 1 < on && o[i + 1] == '\n' ? 2 : 1;
      j++;
      continue;
    }
    if (replaced(o + i, on - i, t + j, tn - j)) {
      i += char_len((unsigned char)o[i]); /* a character gumbo replaced */
      j += 3;
      continue;
    }
    if (o[i] != t[j]) return 0;
    i++;
    j++;
  }
  return 2;
}

/* Does t start with a character that only goes with the one before it
** (a combining mark, a variation selector, a hair space): the second
** character of a reference such as "&NotEqualTilde;" or "&ThickSpace;"? */
static int mark(const char *t, size_t n) {
  const unsigned char *u = (const unsigned char *)t;
  if (n >= 2 && u[0] == 0xCC) return 1;                              /* U+0300..033F */
  if (n >= 2 && u[0] == 0xCD && u[1] <= 0xAF) return 1;              /* U+0340..036F */
  if (n >= 3 && u[0] == 0xE2 && u[1] == 0x83 && u[2] >= 0x90) return 1; /* U+20D0.. */
  if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0x8A) return 1; /* U+200A */
  if (n >= 3 && u[0] == 0xEF && u[1] == 0xB8 && u[2] <= 0x8F) return 1; /* U+FE00..FE0F */
  return 0;
}

static size_t named_ref(const char *o, size_t on, const char *t, size_t tn, size_t *m) {
  size_t name = 1, len, c, first;
  int pair = 0, need;
  while (name < on && name < 40 &&
         (alpha(o[name]) || (o[name] >= '0' && o[name] <= '9')))
    name++;
  if (name == 1) return 0;
  first = char_len((unsigned char)t[0]);
  if (first < tn && mark(t + first, tn - first)) pair = 1;
  for (need = 2; need >= 1; need--) /* what surely agrees first */
    for (c = 1; c <= (size_t)(1 + pair); c++) { /* one character, or two ("&NotEqualTilde;") */
      size_t tm = 0, q, want = pair ? 3 - c : c;
      for (q = 0; q < want && tm < tn; q++) tm += char_len((unsigned char)t[tm]);
      if (tm > tn) break;
      if (name < on && o[name] == ';' &&
          agree(o + name + 1, on - name - 1, t + tm, tn - tm) >= need) {
        *m = tm;
        return name + 1;
      }
      for (len = name; len >= 2; len--) /* the longest name that fits */
        if (agree(o + len, on - len, t + tm, tn - tm) >= need) {
          *m = tm;
          return len;
        }
    }
  return 0;
}

/* Collects where every node of the tree starts in the source (elements
** written in it, text, comments), ascending. */
static void node_starts(html *h) {
  precisI_vec stack;
  const GumboNode **top;
  precisI_vec_init(&stack, sizeof(const GumboNode *));
  h->starts_done = 1;
  if ((top = precisI_vec_push(&stack)) == NULL) { h->b->oom = 1; return; }
  *top = h->root;
  while (stack.n > 0) {
    const GumboNode *node = precisI_vec_at(&stack, const GumboNode *, --stack.n);
    const GumboVector *kids = NULL;
    size_t at = SIZE_MAX, k, *slot;
    switch (node->type) {
      case GUMBO_NODE_DOCUMENT:
        kids = &node->v.document.children;
        break;
      case GUMBO_NODE_ELEMENT: case GUMBO_NODE_TEMPLATE:
        kids = &node->v.element.children;
        if (node->v.element.original_tag.length > 0) at = node->v.element.start_pos.offset;
        break;
      default:
        if (node->v.text.original_text.length > 0) at = node->v.text.start_pos.offset;
        break;
    }
    if (at != SIZE_MAX) {
      if ((slot = precisI_vec_push(&h->starts)) == NULL) break;
      *slot = at;
    }
    for (k = 0; kids && k < kids->length; k++) {
      if ((top = precisI_vec_push(&stack)) == NULL) break;
      *top = (const GumboNode *)kids->data[kids->length - 1 - k];
    }
    if (kids && k < kids->length) break;
  }
  if (stack.n > 0) h->b->oom = 1;
  precisI_vec_free(&stack);
  if (!h->b->oom) qsort(h->starts.p, h->starts.n, sizeof(size_t), cmp_size);
}

/* where the first node after source offset `at` starts, or the end */
static size_t next_node(html *h, size_t at) {
  const size_t *v;
  size_t lo = 0, hi;
  if (!h->starts_done) node_starts(h);
  v = h->starts.p;
  hi = h->starts.n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (v[mid] <= at) lo = mid + 1; else hi = mid;
  }
  return lo < h->starts.n ? v[lo] : h->len;
}

/* The tag gumbo ignored inside a run of text ("e</rl>ar"): its length, or 0 */
static size_t ignored_tag(const char *o, size_t n) {
  size_t i = 1, e;
  if (n < 3 || o[0] != '<') return 0;
  if (o[1] == '/' && o[2] == '>') return 3; /* "</>" */
  if (o[i] == '/' || o[i] == '!') i++; /* an end tag, a doctype */
  if (i >= n || !alpha(o[i])) return 0;
  e = tag_end(o, n, i);
  return e < n ? e + 1 : 0;
}

/* A run of text whose bytes differ from its source (entities, line
** endings, replaced characters, ignored tags): both are walked side by
** side, each difference becoming a piece of its own. */
static void align(html *h, size_t src, size_t slen, const char *t, size_t n) {
  const char *o = h->src + src;
  size_t i = 0, j = 0, ci = 0, cj = 0; /* the copy run under way starts at ci, cj */
  int more = 1;
again:
  while (i < slen && j < n) {
    unsigned char c = (unsigned char)o[i];
    size_t di = 0, dj = 0, m;
    char out[4];
    if (c < 0x80 ? c == (unsigned char)t[j] && c != '&' && c != '\r' && c != '<' && c != '\n'
                 : (m = char_len(c)) <= slen - i && m <= n - j && memcmp(o + i, t + j, m) == 0) {
      i += c < 0x80 ? 1 : m; /* a character read as itself */
      j += c < 0x80 ? 1 : m;
      continue;
    }
    precisI_tb_piece(h->b, t + cj, j - cj, src + ci, i - ci);
    if (c == '&' && (di = numeric_ref(o + i, slen - i, out, &m)) != 0 &&
        m <= n - j && memcmp(out, t + j, m) == 0) {
      dj = m;
    } else if (c == '&' && t[j] == '&') { /* "&amp;", or an ampersand alone */
      di = literal(o + i, slen - i < 4 ? slen - i : 4, t + j, n - j) ? 1 /* as written */
         : slen - i >= 5 && (memcmp(o + i, "&amp;", 5) == 0 || memcmp(o + i, "&AMP;", 5) == 0) ? 5
         : slen - i >= 4 && (memcmp(o + i, "&amp", 4) == 0 || memcmp(o + i, "&AMP", 4) == 0) &&
           agree(o + i + 4, slen - i - 4, t + j + 1, n - j - 1) ? 4 : 1;
      dj = 1;
    } else if (c == '&' && (di = numeric_ref(o + i, slen - i, out, &m)) != 0) {
      dj = char_len((unsigned char)t[j]); /* gumbo read it its own way */
    } else if (c == '&' && (di = named_ref(o + i, slen - i, t + j, n - j, &m)) != 0) {
      dj = m;
    } else if (c == '\r' && t[j] == '\n') {
      di = i + 1 < slen && o[i + 1] == '\n' ? 2 : 1;
      dj = 1;
    } else if (c == '<' && (di = ignored_tag(o + i, slen - i)) != 0 &&
               !literal(o + i, di, t + j, n - j)) {
      dj = 0; /* a tag gumbo ignored (not one it read as text) */
    } else if (c == t[j]) { /* '<' or '\n' read as itself */
      di = dj = 1;
    } else if (c == '\n' || c == '\r' || c == 0) { /* a line break or NUL dropped */
      di = 1;
      dj = 0;
      if (c == 0 && n - j >= 3 && memcmp(t + j, "\xEF\xBF\xBD", 3) == 0 &&
          agree(o + i + 1, slen - i - 1, t + j + 3, n - j - 3) >=
              agree(o + i + 1, slen - i - 1, t + j, n - j))
        dj = 3; /* read as U+FFFD, unless the text reads better without it */
    } else if (replaced(o + i, slen - i, t + j, n - j)) {
      di = char_len(c); /* a character gumbo replaced */
      if (di > slen - i) di = slen - i;
      dj = 3;
    } else { /* anything else: the nearest place where both agree again */
      size_t d, a, found = 0;
      for (d = 1; d <= 64 && !found; d++)
        for (a = 0; a <= d && !found; a++) {
          size_t da = d - a; /* da source bytes for a text bytes, whole
                                characters on both sides */
          if (i + da <= slen && j + a <= n &&
              (i + da == slen || ((unsigned char)o[i + da] & 0xC0) != 0x80) &&
              (j + a == n || ((unsigned char)t[j + a] & 0xC0) != 0x80) &&
              (i + da == slen ? j + a == n
                              : (j + a < n && agree(o + i + da, slen - i - da, t + j + a, n - j - a) == 2))) {
            di = da;
            dj = a;
            found = 1;
          }
        }
      if (!found) {
        di = slen - i;
        dj = n - j;
      }
      while (dj > 0 && j + dj < n && ((unsigned char)t[j + dj] & 0xC0) == 0x80)
        dj++; /* whole characters */
    }
    precisI_tb_piece(h->b, t + j, dj, src + i, di);
    i += di;
    j += dj;
    ci = i;
    cj = j;
  }
  if (j < n && more) {
    /* gumbo's source of a text node may stop short of its text (after
    ** a NUL or a character it replaced): the text goes on up to where
    ** the next node starts */
    size_t lim = next_node(h, src + slen);
    more = 0;
    if (lim > src + slen) {
      slen = lim - src;
      goto again;
    }
  }
  precisI_tb_piece(h->b, t + cj, j - cj, src + ci, i - ci);
  if (j < n) precisI_tb_piece(h->b, t + j, n - j, src + slen, 0); /* not found */
}

static void html_text(html *h, const GumboText *t) {
  size_t src = t->start_pos.offset, slen = t->original_text.length;
  size_t n = strlen(t->text);
  if (n == 0 || slen == 0) return; /* text gumbo made up (isindex's prompt) */
  if (src > h->len || slen > h->len - src) return; /* not from the document */
  if (slen == n && memcmp(h->src + src, t->text, n) == 0)
    precisI_tb_piece(h->b, t->text, n, src, n);
  else
    align(h, src, slen, t->text, n);
}

/* ---------------------------------------------------------------------
** The tree: what is text, and what is boilerplate by its content
** --------------------------------------------------------------------- */

/* elements that hold no text a reader sees: never read, never reported */
static int silent(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_INPUT: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO: case GUMBO_TAG_META: case GUMBO_TAG_LINK:
    case GUMBO_TAG_BASE: case GUMBO_TAG_IMG: case GUMBO_TAG_OPTION:
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

static const char *attr(const GumboElement *e, const char *name) {
  const GumboAttribute *a = gumbo_get_attribute(&e->attributes, name);
  return a ? a->value : NULL;
}

/* Is `word` one of the white-space separated words of v, as written? */
static int class_is(const char *v, const char *word) {
  size_t n = strlen(word);
  while (v && *v) {
    size_t k = 0;
    while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r' || *v == '\f') v++;
    while (v[k] && v[k] != ' ' && v[k] != '\t' && v[k] != '\n' && v[k] != '\r' && v[k] != '\f')
      k++;
    if (k == n && memcmp(v, word, n) == 0) return 1;
    v += k;
  }
  return 0;
}

/* hidden from readers: the hidden attribute, aria-hidden, display:none,
** a class that says only "hidden" (not "hidden-xs": that hides on small
** screens) */
static int hidden(const GumboElement *e) {
  const char *v;
  if (attr(e, "hidden")) return 1;
  if ((v = attr(e, "class")) && (class_is(v, "hidden") || class_is(v, "is-hidden"))) return 1;
  if ((v = attr(e, "aria-hidden")) && has_word(v, "true")) return 1;
  if ((v = attr(e, "style")) &&
      (has_word(v, "display:none") || has_word(v, "display: none") ||
       has_word(v, "visibility:hidden") || has_word(v, "visibility: hidden")))
    return 1;
  return 0;
}

/* What class and id words (and the data-testid, data-component and
** data-module names of scripted pages) say about an element, after the words the
** well-known extractors look for (Readability's class lists, boilerpipe
** and trafilatura's discard expressions): each word gives the rule that
** drops it. A word matches a whole word of the attribute ("ad" in
** "ad-slot") or, when `part`, any part of the words run together
** ("comment" in "commentlist", "related" in "jp-relatedposts"). A `soft`
** word yields to a word of the main text beside it ("article__header",
** "entry-meta"); the others do not ("related-content"). */
typedef struct cue { const char *word, *rule; int part, soft; } cue;

static const cue cues[] = {
  /* text kept from sight: for screen readers, or shown later */
  {"sronly", "hidden", 1, 0}, {"visuallyhidden", "hidden", 1, 0},
  {"screenreadertext", "hidden", 1, 0},
  /* cookie and consent banners */
  {"cookie", "consent", 1, 0}, {"consent", "consent", 1, 0}, {"gdpr", "consent", 1, 0},
  {"cmp", "consent", 0, 0},
  /* newsletters, subscriptions, apps, donations, site notices */
  {"newsletter", "promo", 1, 0}, {"subscribe", "promo", 1, 0},
  {"subscription", "promo", 1, 0}, {"signup", "promo", 1, 0}, {"paywall", "promo", 1, 0},
  {"nudge", "promo", 1, 0}, {"donate", "promo", 1, 0}, {"donation", "promo", 1, 0},
  {"promo", "promo", 1, 0}, {"announcement", "promo", 1, 0}, {"sitenotice", "promo", 1, 0},
  {"banner", "promo", 0, 0}, {"disclosure", "promo", 1, 0}, {"cta", "promo", 0, 0},
  {"apppromo", "promo", 1, 0}, {"appbanner", "promo", 1, 0}, {"getapp", "promo", 1, 0},
  {"downloadapp", "promo", 1, 0}, {"appdownload", "promo", 1, 0}, {"abo", "promo", 0, 0},
  {"suscri", "promo", 1, 0}, {"boletin", "promo", 1, 0}, {"abonn", "promo", 1, 0},
  /* sharing and following */
  {"share", "share", 1, 0}, {"sharing", "share", 1, 0}, {"social", "share", 1, 0},
  {"follow", "share", 0, 0}, {"addthis", "share", 1, 0}, {"shariff", "share", 1, 0},
  {"compartir", "share", 1, 0}, {"partage", "share", 1, 0}, {"teilen", "share", 1, 0},
  {"sns", "share", 0, 0},
  /* other stories: related, recommended, teasers, tickers, most read */
  {"related", "related", 1, 0}, {"recommend", "related", 1, 0}, {"teaser", "related", 1, 0},
  {"ticker", "related", 1, 0}, {"breaking", "related", 1, 0}, {"trending", "related", 1, 0},
  {"mostread", "related", 1, 0}, {"mostpopular", "related", 1, 0},
  {"popular", "related", 1, 0}, {"readmore", "related", 1, 0}, {"readalso", "related", 1, 0},
  {"morestories", "related", 1, 0}, {"upnext", "related", 1, 0}, {"onward", "related", 1, 0},
  {"outbrain", "related", 1, 0}, {"taboola", "related", 1, 0}, {"ranking", "related", 1, 0},
  {"kanren", "related", 1, 0}, {"alireaussi", "related", 1, 0},
  {"lesensieauch", "related", 1, 0}, {"meistgelesen", "related", 1, 0},
  {"lomasleido", "related", 1, 0}, {"pluslus", "related", 1, 0},
  {"tepuedeinteresar", "related", 1, 0}, {"latest", "related", 0, 0},
  /* navigation, breadcrumbs, tables of contents, page furniture */
  {"breadcrumb", "navigation", 1, 0}, {"crumbs", "navigation", 1, 0},
  {"brotkrumen", "navigation", 1, 0}, {"topicpath", "navigation", 1, 0},
  {"footer", "navigation", 1, 0}, {"masthead", "navigation", 1, 0},
  {"topbar", "navigation", 1, 0}, {"navbox", "navigation", 1, 0},
  {"nav", "navigation", 1, 1}, {"menu", "navigation", 1, 1}, {"pagination", "navigation", 1, 1},
  {"pager", "navigation", 1, 1}, {"toc", "navigation", 0, 1}, {"skip", "navigation", 0, 1},
  {"header", "navigation", 0, 1}, {"toolbar", "navigation", 1, 1},
  {"utility", "navigation", 1, 1}, {"tags", "navigation", 0, 1},
  {"catlinks", "navigation", 1, 1}, {"categories", "navigation", 0, 1},
  {"button", "navigation", 1, 1}, {"btn", "navigation", 0, 1},
  /* a wiki's references, footnotes and citations */
  {"reflist", "markup", 1, 0}, {"references", "markup", 0, 0}, {"footnotes", "markup", 1, 0},
  /* ratings and votes */
  {"rating", "promo", 1, 0}, {"votes", "promo", 0, 0},
  /* sidebars and widgets */
  {"sidebar", "sidebar", 1, 0}, {"widget", "sidebar", 1, 0}, {"rail", "sidebar", 0, 0},
  {"aside", "sidebar", 0, 0}, {"side", "sidebar", 0, 0}, {"lateral", "sidebar", 0, 0},
  {"randspalte", "sidebar", 1, 0},
  /* comment threads */
  {"comment", "comments", 1, 0}, {"comentario", "comments", 1, 0},
  {"kommentar", "comments", 1, 0}, {"disqus", "comments", 1, 0},
  {"respond", "comments", 0, 0},
  /* captions and credits */
  {"caption", "caption", 1, 0}, {"bildunterschrift", "caption", 1, 0},
  {"legende", "caption", 0, 0}, {"credit", "credit", 1, 0},
  /* advertising */
  {"ad", "advertisement", 0, 0}, {"ads", "advertisement", 0, 0},
  {"advert", "advertisement", 1, 0}, {"sponsor", "advertisement", 1, 0},
  {"adslot", "advertisement", 1, 0}, {"adunit", "advertisement", 1, 0},
  {"dfp", "advertisement", 0, 0},
  /* about the author, and the date and author line */
  {"authorbio", "byline", 1, 0}, {"authorbox", "byline", 1, 0},
  {"bio", "byline", 0, 1}, {"byline", "byline", 1, 1}, {"meta", "byline", 0, 1},
};

/* words of the main text (Readability's positive class words); `strong`
** ones outweigh a soft word beside them */
static const struct { const char *word; int strong; } content_words[] = {
  {"article", 1}, {"articlebody", 1}, {"entry", 1}, {"entrycontent", 1}, {"hentry", 1},
  {"post", 1}, {"postbody", 1}, {"postcontent", 1}, {"story", 1}, {"storybody", 1},
  {"content", 0}, {"main", 0}, {"body", 0}, {"text", 0},
};

/* Lowercases the letters and digits of v into out (cap bytes): `whole`
** keeps one space between words (camelCase splits), else the words are
** run together. */
static size_t fold(const char *v, char *out, size_t cap, int whole) {
  size_t n = 0;
  int gap = 0;
  for (; *v && n + 1 < cap; v++) {
    char c = *v;
    int camel = c >= 'A' && c <= 'Z';
    if (camel) c = (char)(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (whole && n > 0 && out[n - 1] != ' ' && (gap || camel)) out[n++] = ' ';
      if (n + 1 < cap) out[n++] = c;
      gap = 0;
    } else {
      gap = 1;
    }
  }
  out[n] = '\0';
  return n;
}

/* is w one of the space-separated words? */
static int word_in(const char *words, const char *w) {
  size_t n = strlen(w);
  const char *p = words;
  while ((p = strstr(p, w)) != NULL) {
    if ((p == words || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' ')) return 1;
    p += n;
  }
  return 0;
}

/* The rule that class and id words of e give, or NULL; *content is set
** (1, or 2 for a strong word) when they say main text and nothing
** drops it. */
static const char *words_rule(const GumboElement *e, int *content) {
  char words[512], joined[512];
  const char *v[5];
  const cue *hit = NULL;
  size_t k, nw = 0, nj = 0;
  int pos = 0;
  *content = 0;
  v[0] = attr(e, "class");
  v[1] = attr(e, "id");
  v[2] = attr(e, "data-testid"); /* what scripted pages name their parts */
  v[3] = attr(e, "data-component");
  v[4] = attr(e, "data-module");
  for (k = 0; k < 5; k++) {
    if (v[k] == NULL || nw + 2 >= sizeof words || nj + 2 >= sizeof joined) continue;
    if (nw) words[nw++] = ' ';
    nw += fold(v[k], words + nw, sizeof words - nw, 1);
    if (nj) joined[nj++] = ' ';
    nj += fold(v[k], joined + nj, sizeof joined - nj, 0);
  }
  if (nw == 0) return NULL;
  words[nw] = joined[nj] = '\0';
  for (k = 0; k < sizeof content_words / sizeof content_words[0]; k++)
    if (word_in(words, content_words[k].word) && pos < 1 + content_words[k].strong)
      pos = 1 + content_words[k].strong;
  for (k = 0; k < sizeof cues / sizeof cues[0] && hit == NULL; k++)
    if (cues[k].part ? strstr(joined, cues[k].word) != NULL : word_in(words, cues[k].word))
      hit = &cues[k];
  if (hit == NULL) {
    *content = pos;
    return NULL;
  }
  if (hit->soft && pos == 2) return NULL; /* "article__header", "entry-meta" */
  return hit->rule;
}

/* ---------------------------------------------------------------------
** The first walk: how much text and link text each element holds, and
** where the main text is
** --------------------------------------------------------------------- */

typedef struct mass {
  size_t text;     /* visible characters below, white space aside */
  size_t link;     /* ... of them in links to elsewhere */
  size_t nodes;    /* nodes below */
  size_t elems;    /* elements below that the walks enter */
  int h1;          /* an <h1> below */
} mass;

static size_t visible_chars(const char *t) {
  size_t n = 0;
  for (; *t; t++) {
    unsigned char c = (unsigned char)*t;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') continue;
    n += (c & 0xC0) != 0x80;
  }
  return n;
}

/* a link ("Jump to recipe" within the page counts too) */
static int link_out(const GumboElement *e) {
  return e->tag == GUMBO_TAG_A && attr(e, "href") != NULL;
}

/* Does e say it holds the main text: <article>, <main>, role=main,
** itemprop=articleBody, or class and id words? 2 when surely. */
static int main_text(const GumboElement *e, const char *rule, int words) {
  const char *v;
  if (rule != NULL) return 0;
  if ((v = attr(e, "itemprop")) && (has_word(v, "articlebody") || has_word(v, "text"))) return 2;
  if ((v = attr(e, "role")) && has_word(v, "main")) return 2;
  if (e->tag == GUMBO_TAG_ARTICLE || e->tag == GUMBO_TAG_MAIN) return 2;
  return words;
}

typedef struct step {
  const GumboNode *node;
  size_t k, id;
  int link;           /* inside a link to elsewhere */
} step;

/* Fills h->masses (one per element the second walk enters, in the same
** order) and finds the main text: of the elements that say they hold it,
** the one with the most text. */
static precis_status measure(html *h, const GumboNode *root) {
  precisI_vec stack;
  step *st;
  mass *m;
  precisI_vec_init(&stack, sizeof(step));
  h->best = SIZE_MAX;
  h->best_node = NULL;
  if ((st = precisI_vec_push(&stack)) == NULL || (m = precisI_vec_push(&h->masses)) == NULL) {
    precisI_vec_free(&stack);
    return PRECIS_ENOMEM;
  }
  st->node = root;
  while (stack.n > 0) {
    step *top = &precisI_vec_at(&stack, step, stack.n - 1);
    const GumboNode *node = top->node, *kid;
    const GumboVector *kids = node->type == GUMBO_NODE_DOCUMENT ? &node->v.document.children
                                                                 : &node->v.element.children;
    mass *mine = &precisI_vec_at(&h->masses, mass, top->id);
    if (top->k >= kids->length) { /* the element ends: its mass goes up */
      size_t id = top->id;
      if (node->type != GUMBO_NODE_DOCUMENT) {
        int words, sure;
        const char *rule = words_rule(&node->v.element, &words);
        sure = main_text(&node->v.element, rule, words);
        if (sure && !hidden(&node->v.element) &&
            (h->best == SIZE_MAX ||
             mine->text - mine->link >=
                 precisI_vec_at(&h->masses, mass, h->best).text -
                     precisI_vec_at(&h->masses, mass, h->best).link)) {
          h->best = id;
          h->best_node = node;
        }
      }
      stack.n--;
      if (stack.n > 0) {
        mass *up = &precisI_vec_at(&h->masses, mass,
                                   precisI_vec_at(&stack, step, stack.n - 1).id);
        mine = &precisI_vec_at(&h->masses, mass, id);
        up->text += mine->text;
        up->link += mine->link;
        up->nodes += mine->nodes + 1;
        up->elems += mine->elems + 1;
        up->h1 |= mine->h1 || node->v.element.tag == GUMBO_TAG_H1;
      }
      continue;
    }
    kid = (const GumboNode *)kids->data[top->k++];
    switch (kid->type) {
      case GUMBO_NODE_TEXT: case GUMBO_NODE_WHITESPACE: case GUMBO_NODE_CDATA: {
        size_t n = visible_chars(kid->v.text.text);
        mine->text += n;
        if (top->link) mine->link += n;
        mine->nodes++;
        continue;
      }
      case GUMBO_NODE_ELEMENT: case GUMBO_NODE_TEMPLATE:
        break;
      default:
        continue;
    }
    if (silent(kid->v.element.tag)) continue;
    {
      int link = top->link || link_out(&kid->v.element);
      size_t id = h->masses.n;
      if ((m = precisI_vec_push(&h->masses)) == NULL ||
          (st = precisI_vec_push(&stack)) == NULL) {
        precisI_vec_free(&stack);
        return PRECIS_ENOMEM;
      }
      st->node = kid;
      st->id = id;
      st->link = link;
    }
  }
  precisI_vec_free(&stack);
  {
    const mass *r = &precisI_vec_at(&h->masses, mass, 0);
    h->total = r->text - r->link;
  }
  /* a main text with little of the page's text says nothing */
  if (h->best != SIZE_MAX) {
    const mass *b = &precisI_vec_at(&h->masses, mass, h->best);
    if ((b->text - b->link) * 10 < h->total || b->text - b->link < 300) {
      h->best = SIZE_MAX;
      h->best_node = NULL;
    }
  }
  return PRECIS_OK;
}

/* ---------------------------------------------------------------------
** The second walk: text, and boilerplate reported with its rule
** --------------------------------------------------------------------- */

/* Is a comment node one of the first pass's flattened block tags? */
static int flat_break(const html *h, const GumboNode *node) {
  size_t at = node->v.text.start_pos.offset, lo = 0, hi = h->nbreaks;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (h->breaks[mid] < at) lo = mid + 1; else hi = mid;
  }
  return lo < h->nbreaks && h->breaks[lo] == at;
}

/* Is the rule on? The summarizer's switches (input.rule.NAME and
** input.boilerplate), as ingest reads them. */
static int rule_on(const html *h, const char *rule) {
  int id = precisI_rule_id(rule);
  if (id < 0) return 1;
  if (h->s->opt.rules_off & (1u << id)) return 0;
  return h->s->opt.boilerplate;
}

/* the text of e, up to cap - 1 bytes, white space squeezed; 0 when it
** is longer or has too many nodes to look at */
static size_t text_of(const GumboNode *e, char *out, size_t cap) {
  const GumboNode *stack[32];
  size_t kidx[32], depth = 0, n = 0;
  stack[0] = e;
  kidx[0] = 0;
  while (1) {
    const GumboNode *node = stack[depth];
    const GumboVector *kids = &node->v.element.children;
    const GumboNode *kid;
    if (kidx[depth] >= kids->length) {
      if (depth == 0) break;
      depth--;
      continue;
    }
    kid = (const GumboNode *)kids->data[kidx[depth]++];
    if (kid->type == GUMBO_NODE_TEXT || kid->type == GUMBO_NODE_WHITESPACE) {
      const char *t = kid->v.text.text;
      for (; *t; t++) {
        char c = *t == '\n' || *t == '\t' || *t == '\r' ? ' ' : *t;
        if (c == ' ' && (n == 0 || out[n - 1] == ' ')) continue;
        if (n + 1 >= cap) return 0;
        out[n++] = c;
      }
    } else if (kid->type == GUMBO_NODE_ELEMENT && !silent(kid->v.element.tag)) {
      if (depth + 1 >= sizeof stack / sizeof stack[0]) return 0;
      stack[++depth] = kid;
      kidx[depth] = 0;
    }
  }
  while (n > 0 && out[n - 1] == ' ') n--;
  out[n] = '\0';
  return n;
}

/* A command's synopsis ("pakk -c [-f ARCHIVE] [OPTIONS] [FILE...]"): a
** line without final punctuation, most of whose words are options or
** bracketed. */
static int synopsis(const char *t, size_t n) {
  size_t words = 0, marked = 0, brackets = 0, i = 0;
  if (n == 0 || t[n - 1] == '.' || t[n - 1] == '!' || t[n - 1] == '?') return 0;
  while (i < n) {
    size_t s = i, k;
    int mark = 0;
    while (i < n && t[i] != ' ') i++;
    words++;
    if (t[s] == '-' && i - s > 1) mark = 1;
    for (k = s; k < i; k++)
      if (t[k] == '[' || t[k] == ']' || t[k] == '{' || t[k] == '}' || t[k] == '|') {
        mark = 1;
        if (t[k] == '[') brackets++;
      }
    if (i - s == 3 && memcmp(t + s, "...", 3) == 0) mark = 1;
    marked += mark;
    while (i < n && t[i] == ' ') i++;
  }
  return words >= 3 && brackets >= 1 && marked * 2 >= words;
}

/* a block of program code: <pre> that says so, or whose text is full of
** the signs code is written with */
static int code_block(const GumboNode *node, const char *t, size_t n) {
  const GumboNode *p = node;
  size_t k, signs = 0, chars = 0;
  int up;
  for (up = 0; up < 3 && p != NULL && p->type == GUMBO_NODE_ELEMENT; up++, p = p->parent) {
    const char *c = attr(&p->v.element, "class");
    if (c && (has_word(c, "highlight") || has_word(c, "code") || has_word(c, "source") ||
              has_word(c, "lang") || has_word(c, "prettyprint") || has_word(c, "brush")))
      return 1;
  }
  for (k = 0; k < node->v.element.children.length; k++) {
    const GumboNode *kid = node->v.element.children.data[k];
    if (kid->type == GUMBO_NODE_ELEMENT && kid->v.element.tag == GUMBO_TAG_CODE) return 1;
  }
  for (k = 0; k < n; k++) {
    if (t[k] == ' ') continue;
    chars++;
    signs += t[k] == '{' || t[k] == '}' || t[k] == '(' || t[k] == ')' || t[k] == ';' ||
             t[k] == '=' || t[k] == '<' || t[k] == '>' || t[k] == '_' || t[k] == '$';
  }
  return chars > 0 && signs * 12 >= chars;
}

/* a footnote mark ("[3]") or a heading's permalink ("¶"): markup, not text */
static int mark_only(const GumboNode *node) {
  char t[16];
  size_t n;
  const GumboElement *e = &node->v.element;
  const char *href = e->tag == GUMBO_TAG_A ? attr(e, "href") : NULL;
  if (e->tag != GUMBO_TAG_SUP && !(href && href[0] == '#')) return 0;
  if ((n = text_of(node, t, sizeof t)) == 0) return e->tag == GUMBO_TAG_A;
  if (e->tag == GUMBO_TAG_SUP) {
    const char *c = attr(e, "class");
    return (t[0] == '[' && t[n - 1] == ']') || (c && has_word(c, "reference"));
  }
  /* one sign, no letter: "¶", "#", "§" */
  return n <= 4 && !((t[0] >= 'a' && t[0] <= 'z') || (t[0] >= 'A' && t[0] <= 'Z') ||
                     (t[0] >= '0' && t[0] <= '9'));
}

static int heading_tag(GumboTag tag) {
  return tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 ||
         tag == GUMBO_TAG_H4 || tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6;
}

/* Is e an element gumbo does not know, written as <name ...>? */
static int tag_named(const GumboElement *e, const char *name) {
  size_t n = strlen(name);
  const char *t = e->original_tag.data;
  return t != NULL && e->original_tag.length > n + 1 && t[0] == '<' &&
         name_is(t + 1, n, name) &&
         (t[n + 1] == '>' || t[n + 1] == ' ' || t[n + 1] == '/' || t[n + 1] == '\t' ||
          t[n + 1] == '\n' || t[n + 1] == '\r' || t[n + 1] == '\f');
}

/* Is node inside the main text? */
static int within_main(const html *h, const GumboNode *node) {
  const GumboNode *p = node->parent;
  for (; p != NULL; p = p->parent)
    if (p == h->best_node) return 1;
  return 0;
}

/* Does node hold the main text? */
static int holds_main(const html *h, const GumboNode *node) {
  const GumboNode *p = h->best_node;
  for (; p != NULL; p = p->parent)
    if (p == node) return 1;
  return 0;
}

/* Why element `node` (number id) is boilerplate, or NULL. Text a reader
** is meant to read is never dropped: not the element that holds the
** main text, nor, when none says where it is, one that holds most of the
** page's text. */
static const char *boilerplate(const html *h, const GumboNode *node, size_t id,
                               int in_article) {
  const GumboElement *e = &node->v.element;
  const mass *m = &precisI_vec_at(&h->masses, mass, id);
  const char *rule = NULL, *role = attr(e, "role");
  int words;
  char t[320];
  size_t n;
  if (hidden(e)) rule = "hidden";
  if (rule == NULL) rule = words_rule(e, &words);
  if (rule == NULL && role != NULL) {
    if (has_word(role, "navigation") || has_word(role, "banner") ||
        has_word(role, "contentinfo") || has_word(role, "search"))
      rule = "navigation";
    else if (has_word(role, "complementary"))
      rule = "sidebar";
    else if (has_word(role, "dialog") || has_word(role, "alertdialog"))
      rule = "promo";
  }
  if (rule == NULL) {
    switch (e->tag) {
      case GUMBO_TAG_NAV: case GUMBO_TAG_MENU: case GUMBO_TAG_FOOTER:
        rule = "navigation";
        break;
      case GUMBO_TAG_HEADER: /* the site's, not the article's */
        if (!m->h1 && !in_article) rule = "navigation";
        break;
      case GUMBO_TAG_ASIDE:
        rule = "sidebar";
        break;
      case GUMBO_TAG_FIGCAPTION:
        rule = "caption";
        break;
      case GUMBO_TAG_UNKNOWN: /* gumbo knows neither <dialog> nor <search> */
        if (tag_named(e, "dialog")) rule = "promo";
        else if (tag_named(e, "search")) rule = "navigation";
        break;
      default:
        break;
    }
  }
  if (rule == NULL && !inline_tag(e->tag) && e->tag != GUMBO_TAG_BODY &&
      e->tag != GUMBO_TAG_HTML && !heading_tag(e->tag) && m->link > 0 && m->link * 2 >= m->text)
    rule = "navigation"; /* mostly links: a menu, a list of other pages */
  if (rule == NULL && m->text > 0 && m->text < 300 && m->nodes < 64 &&
      (e->tag == GUMBO_TAG_P || e->tag == GUMBO_TAG_DIV || e->tag == GUMBO_TAG_PRE ||
       e->tag == GUMBO_TAG_TD || e->tag == GUMBO_TAG_DD || e->tag == GUMBO_TAG_LI) &&
      (n = text_of(node, t, sizeof t)) > 0 && synopsis(t, n))
    rule = "code";
  if (rule == NULL && e->tag == GUMBO_TAG_PRE) {
    n = m->nodes < 64 ? text_of(node, t, sizeof t) : 0;
    if (code_block(node, t, n)) rule = "code";
  }
  if (rule == NULL) return NULL;
  if (h->best_node != NULL) { /* the page says where its main text is */
    if (holds_main(h, node)) return NULL;
    /* the rest of an article a script would unfold */
    if (strcmp(rule, "hidden") == 0 && m->text - m->link >= 200 && within_main(h, node))
      return NULL;
  } else if ((m->text - m->link) * 2 > h->total) {
    return NULL; /* most of the page's text */
  }
  return rule_on(h, rule) ? rule : NULL;
}

typedef struct frame {
  const GumboNode *node;
  size_t k;           /* the next child */
  size_t id;          /* its number in document order */
  int kind, block;    /* the text's kind before it; a block element */
  const char *rule;   /* the rule before it */
  int article;        /* inside an <article> or the main text */
} frame;

/* Walks the tree in order (a stack of our own: no depth is too deep). */
static precis_status walk(html *h, const GumboNode *root) {
  precisI_vec stack;
  frame *f;
  size_t next_id = 1;
  precisI_vec_init(&stack, sizeof(frame));
  if ((f = precisI_vec_push(&stack)) == NULL) return PRECIS_ENOMEM;
  f->node = root;
  f->kind = h->b->kind;
  f->rule = h->b->rule;
  while (stack.n > 0 && !h->b->oom) {
    const GumboNode *node, *kid;
    const GumboVector *kids;
    frame *top = &precisI_vec_at(&stack, frame, stack.n - 1);
    const char *rule = NULL;
    GumboTag tag;
    int kind, article;
    node = top->node;
    kids = node->type == GUMBO_NODE_DOCUMENT ? &node->v.document.children
                                             : &node->v.element.children;
    if (top->k >= kids->length) { /* the element ends */
      if (top->block) precisI_tb_break(h->b);
      h->b->kind = top->kind;
      h->b->rule = top->rule;
      stack.n--;
      continue;
    }
    kid = (const GumboNode *)kids->data[top->k++];
    switch (kid->type) {
      case GUMBO_NODE_TEXT: case GUMBO_NODE_WHITESPACE: case GUMBO_NODE_CDATA:
        html_text(h, &kid->v.text);
        continue;
      case GUMBO_NODE_COMMENT:
        if (h->nbreaks && flat_break(h, kid)) precisI_tb_break(h->b);
        continue;
      case GUMBO_NODE_ELEMENT: case GUMBO_NODE_TEMPLATE:
        break;
      default:
        continue;
    }
    tag = kid->v.element.tag;
    if (silent(tag)) continue;
    article = top->article || tag == GUMBO_TAG_ARTICLE || kid == h->best_node;
    if (h->b->kind != PRECIS_BLOCK_DROPPED) {
      if (mark_only(kid) && h->s->opt.boilerplate) { /* skipped with what it holds */
        next_id += 1 + precisI_vec_at(&h->masses, mass, next_id).elems;
        continue;
      }
      rule = boilerplate(h, kid, next_id, top->article);
    }
    if (tag == GUMBO_TAG_BR) {
      precisI_tb_break(h->b);
      next_id++;
      continue;
    }
    switch (tag) {
      case GUMBO_TAG_TITLE: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
      case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
        kind = PRECIS_BLOCK_HEADING;
        break;
      case GUMBO_TAG_LI: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
        kind = PRECIS_BLOCK_ITEM;
        break;
      default:
        kind = h->b->kind;
        break;
    }
    if ((f = precisI_vec_push(&stack)) == NULL) {
      precisI_vec_free(&stack);
      return PRECIS_ENOMEM;
    }
    f->node = kid;
    f->id = next_id++;
    f->kind = h->b->kind;
    f->rule = h->b->rule;
    f->article = article;
    f->block = !inline_tag(tag) || rule != NULL;
    if (f->block) precisI_tb_break(h->b);
    if (h->b->kind == PRECIS_BLOCK_DROPPED) {
      /* inside dropped text: all of it goes with its rule */
    } else if (rule != NULL) {
      h->b->kind = PRECIS_BLOCK_DROPPED;
      h->b->rule = rule;
    } else {
      h->b->kind = kind;
    }
  }
  precisI_vec_free(&stack);
  return h->b->oom ? PRECIS_ENOMEM : PRECIS_OK;
}

precis_status precisI_html_read(const precis_summarizer *s, precisI_tb *b,
                                const char *src, size_t len, precis_error *err) {
  guard g;
  arena a;
  html h;
  GumboOutput *out;
  precis_status st;
  memset(&g, 0, sizeof g);
  g.s = src;
  g.n = len;
  precisI_vec_init(&g.stack, sizeof(open_el));
  precisI_vec_init(&g.breaks, sizeof(size_t));
  guard_run(&g);
  precisI_vec_free(&g.stack);
  if (g.oom) {
    free(g.copy);
    precisI_vec_free(&g.breaks);
    return PRECIS_ENOMEM;
  }
  if (len > UINT_MAX) { /* gumbo counts offsets in unsigned int */
    free(g.copy);
    precisI_vec_free(&g.breaks);
    return precisI_seterr(err, PRECIS_ELIMIT, "html input over 4 GiB");
  }
  arena_init(&a, len);
  out = parse(&a, g.copy ? g.copy : src, len, &st);
  if (out != NULL) {
    h.s = s;
    h.b = b;
    h.src = g.copy ? g.copy : src;
    h.len = len;
    h.breaks = g.breaks.p;
    h.nbreaks = g.breaks.n;
    h.root = out->document;
    precisI_vec_init(&h.starts, sizeof(size_t));
    h.starts_done = 0;
    precisI_vec_init(&h.masses, sizeof(mass));
    st = measure(&h, out->document);
    if (st == PRECIS_OK) st = walk(&h, out->document);
    precisI_vec_free(&h.masses);
    precisI_vec_free(&h.starts);
  }
  arena_release(&a); /* the tree with the rest: gumbo_destroy_output is not needed */
  free(g.copy);
  precisI_vec_free(&g.breaks);
  if (st == PRECIS_ELIMIT)
    return precisI_seterr(err, st, "html input too complex: parsing it needs over %zu bytes",
                          a.limit);
  return st;
}
