/*
** segment.c: blocks -> units. Text blocks are split into sentences by the
** rules of the document's language pack (lang/<code>.txt): its
** terminators, its abbreviation classes and the words that start its
** sentences. Quotations and brackets that close in the block are not split
** inside; inline enumerations ("1.) ... 2.) ...", "a) ... b) ...") start a
** sentence at each item. Spans are trimmed of spaces.
*/
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "internal.h"

typedef struct span {
  size_t start, end;
} span;

#define CONTEXT 65536

/* A token is read at most this many code points on either side of a
** period inside it: longer ones (a blob of base64, a run of dots) are no
** words, and reading them whole at each of their periods would cost the
** square of their length. */
#define MAX_TOKEN 256

/* Blocks longer than this many code points are split a window at a time
** (see precisI_split): the per-code-point arrays below stay this small. */
#define WINDOW 65536

typedef struct block {
  const char *t;
  size_t ctx_start, ctx_end; /* the text around the block, for lowercase_elsewhere */
  const precisI_lang *lang;
  int32_t *cp;          /* n code points, then two sentinels, -1 */
  uint32_t *off;        /* their byte offsets from `base` (the sentinels':
                        ** the end), or NULL in ASCII: code point i is byte i */
  size_t base;          /* the block's first byte */
  size_t n;
  int *inside;          /* per boundary position 0..n: quotation depth */
  int *calls;           /* ... inside a quotation opened after a colon */
  size_t qlo, qhi;      /* the two above hold [qlo, qhi), all 0 elsewhere
                        ** (and unset) */
  unsigned char *kind;  /* per code point: K_ bits; past the sentinel, 8
                        ** more with every bit set, for next_in() */
  size_t tlen;          /* the whole text's length */
  precisI_lower **lower; /* the document's words in lowercase, built on use */
  int oom;              /* building it ran out of memory */
  /* what words_in() and has_word() last found from a sentence's start, so
  ** that asking again further on reads only the code points added */
  size_t wi_s, wi_e, wi_n;
  int wi_in;
  size_t hw_s, hw_e, hw_at; /* hw_at: its first word, or SIZE_MAX */
} block;

#define CP(b, i) ((i) < (b)->n ? (b)->cp[i] : -1) /* -1: past the end */
/* the byte offset in the text of code point i (0..n) */
#define OFF(b, i) ((b)->base + ((b)->off ? (size_t)(b)->off[i] : (size_t)(i)))

/*
** What each code point of a block is to the passes over it, noted when
** the block is decoded: each pass goes from one code point it may act on
** to the next (next_in(), next_word()), past the letters and spaces between.
**   K_QUOTE  quotations() looks at it: every code point outside ASCII and
**            the ASCII marks below
**   K_END    split_block() does: every one outside ASCII, the ASCII
**            terminators and '"'
**   K_START  a unit starts here (an enumeration item, a message's part)
**   K_QUIET  a period that ends no sentence (an item's number)
**   K_LETTER an ASCII letter that starts no Roman numeral (not i, v, x)
**   K_ALNUM  an ASCII letter or digit: a word whose first two characters
**            are these two is no enumeration's marker (read_marker())
**   K_MSG    an ASCII digit, capital, '[', '<', 'h' or 'w': at a word's
**            start, the first characters of the tokens messages() acts on
**   K_SPACE  white space (as precisI_is_space() has it: NUL too)
*/
enum { K_QUOTE = 1, K_END = 2, K_LETTER = 4, K_ALNUM = 8, K_START = 16, K_QUIET = 32,
       K_MSG = 64, K_SPACE = 128 };

/* the kinds of ASCII characters */
#define Q K_QUOTE
#define E K_END
#define L K_LETTER
#define A K_ALNUM
#define M K_MSG
#define S K_SPACE
static const unsigned char ascii_kind[128] = {
  S, 0, 0, 0, 0, 0, 0, 0, 0, S, S, S, S, S, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  S, E, Q|E, 0, 0, 0, 0, Q, Q, Q, 0, 0, Q, 0, E, 0,
  A|M, A|M, A|M, A|M, A|M, A|M, A|M, A|M, A|M, A|M, E, E, M, 0, 0, E,
  0, L|A|M, L|A|M, L|A|M, L|A|M, L|A|M, L|A|M, L|A|M, L|A|M, A|M, L|A|M, L|A|M, L|A|M, L|A|M, L|A|M, L|A|M,
  L|A|M, L|A|M, L|A|M, L|A|M, L|A|M, L|A|M, A|M, L|A|M, A|M, L|A|M, L|A|M, Q|M, 0, Q, 0, 0,
  Q, L|A, L|A, L|A, L|A, L|A, L|A, L|A, L|A|M, A, L|A, L|A, L|A, L|A, L|A, L|A,
  L|A, L|A, L|A, L|A, L|A, L|A, A, L|A|M, A, L|A, L|A, Q, 0, Q, 0, 0
};
#undef Q
#undef E
#undef L
#undef A
#undef M
#undef S

/* the first code point at or after i (at most b->n) that has a bit of
** `mask`: eight at a time past those without */
static size_t next_in(const block *b, size_t i, unsigned mask) {
  const unsigned char *k = b->kind;
  uint64_t m8 = (uint64_t)0x0101010101010101u * (mask & 0xFF), w;
  if (i >= b->n) return b->n;
  for (;;) {
    memcpy(&w, k + i, sizeof w);
    if ((w &= m8) != 0) break;
    i += 8;
  }
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  i += (size_t)__builtin_ctzll(w) / 8; /* the lowest byte is k[i] */
#else
  while (!(k[i] & mask)) i++;
#endif
  return i < b->n ? i : b->n;
}

/* the first word start at or after i (at most b->n): a code point that is
** no white space after one that is, or at the block's start; with `msg`,
** only those with K_MSG (the tokens messages() reads), else only those
** that may begin an enumeration's marker: no K_LETTER before a K_ALNUM.
** Eight at a time where the bytes of a word are little-endian. */
static size_t next_word(const block *b, size_t i, int msg) {
  const unsigned char *k = b->kind;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const uint64_t ones = (uint64_t)0x0101010101010101u;
  uint64_t before = i == 0 || i >= b->n || k[i - 1] & K_SPACE; /* is k[i - 1] white space */
  for (; i < b->n; i += 8) { /* the kinds past the sentinel are white space */
    uint64_t w, space, hit;
    memcpy(&w, k + i, sizeof w);
    space = w >> 7 & ones;
    hit = (space << 8 | before) & ~space & ones;
    before = space >> 56;
    if (msg) {
      hit &= w >> 6;
    } else if (hit) { /* k[i + 8]: past the sentinel, 8 more are set */
      uint64_t alnum_next = (w >> 3 & ones) >> 8 | (uint64_t)(k[i + 8] >> 3 & 1) << 56;
      hit &= ~(w >> 2 & alnum_next);
    }
    if (hit) return i + (size_t)__builtin_ctzll(hit) / 8;
  }
#else
  for (; i < b->n; i++)
    if (!(k[i] & K_SPACE) && (i == 0 || k[i - 1] & K_SPACE) &&
        (msg ? k[i] & K_MSG : !(k[i] & K_LETTER && k[i + 1] & K_ALNUM)))
      return i;
#endif
  return b->n;
}

/* quotation depth and calls at boundary position j */
static int inside_at(const block *b, size_t j) {
  return j >= b->qlo && j < b->qhi ? b->inside[j] : 0;
}
static int calls_at(const block *b, size_t j) {
  return j >= b->qlo && j < b->qhi ? b->calls[j] : 0;
}

/* zeroes [lo, hi) of both arrays */
static void zero(block *b, size_t lo, size_t hi) {
  memset(b->inside + lo, 0, (hi - lo) * sizeof *b->inside);
  memset(b->calls + lo, 0, (hi - lo) * sizeof *b->calls);
}

/* Boundary positions [lo, hi) are inside a quotation (calls: a call):
** noted as a difference at lo and hi, summed at the end of quotations();
** the arrays are zeroed as far as the differences reach */
static void hold(block *b, int calls, size_t lo, size_t hi) {
  int *v;
  if (b->qlo >= b->qhi) {
    zero(b, lo, hi + 1);
    b->qlo = lo;
    b->qhi = hi + 1;
  }
  if (lo < b->qlo) {
    zero(b, lo, b->qlo);
    b->qlo = lo;
  }
  if (hi >= b->qhi) {
    zero(b, b->qhi, hi + 1);
    b->qhi = hi + 1;
  }
  v = calls ? b->calls : b->inside;
  v[lo]++;
  v[hi]--;
}

/* ---------------------------------------------------------------------
** Character classes
** --------------------------------------------------------------------- */

static int sp(int32_t cp) { return cp >= 0 && precisI_is_space(cp); }

/* format characters (bidi marks, joiners): read through, never seen */
static int invisible(int32_t cp) {
  return (cp >= 0x200C && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069) || cp == 0x00AD;
}

static int closer(int32_t cp) {
  switch (cp) {
    case '"': case '\'': case ')': case ']': case '}': case '*': case '_':
    case 0x201D: case 0x2019: case 0x201C: case 0xBB: case 0x203A: case 0xAB:
    case 0x300D: case 0x300F: case 0x300B: case 0x3009: case 0xFF09:
    case 0xFF3D: case 0x3011: case 0x3015: case 0x00B4:
      return 1;
    default:
      return 0;
  }
}

static int opener(int32_t cp) {
  switch (cp) {
    case '"': case '\'': case '(': case '[': case '{': case '`': case 0x201C:
    case 0x2018: case 0x201E: case 0x201A: case 0xAB: case 0xBB: case 0x2039:
    case 0xBF: case 0xA1: case 0x300C: case 0x300E: case 0x300A: case 0x3008:
    case 0xFF08: case 0xFF3B: case 0x3010: case 0x3014: case 0x201D:
      return 1;
    default:
      return 0;
  }
}

static int dash(int32_t cp) {
  return cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == 0x2012 ||
         cp == 0x2212;
}

static int bullet(int32_t cp) {
  return cp == 0x2022 || cp == 0x2043 || cp == 0x25E6 || cp == 0x25AA ||
         cp == 0x25CF || cp == 0x2023;
}

/* letters without case (Arabic, Devanagari, CJK, ...) start sentences */
static int caseless(int32_t cp) {
  return precisI_is_word(cp) && !precisI_is_upper(cp) && !precisI_is_lower(cp) &&
         !precisI_is_digit(cp);
}

/* terminators that end a sentence with no space after them */
static int tight(int32_t cp) {
  switch (cp) {
    case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF0E: case 0x1362:
    case 0x1367: case 0x1368: case 0x104B: case 0x0964: case 0x0965:
    case 0x06D4: case 0x061F:
      return 1;
    default:
      return 0;
  }
}


static int terminal(const block *b, int32_t cp) {
  return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF0E || cp == 0x203C ||
         cp == 0x2047 || cp == 0x2048 || cp == 0x2049 ||
         precisI_lang_terminal(b->lang, cp);
}

/* sentence-final punctuation in any script, for lines (ingest) */
int precisI_is_terminal(int32_t cp) {
  switch (cp) {
    case '.': case '!': case '?': case ':': case ';': case 0x2026:
    case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF0E: case 0x061F:
    case 0x06D4: case 0x0964: case 0x0965: case 0x0589: case 0x1362:
    case 0x1367: case 0x104B: case 0x037E: case 0x060C:
      return 1;
    default:
      return 0;
  }
}

static int roman(int32_t cp) {
  return cp == 'I' || cp == 'V' || cp == 'X' || cp == 'L' || cp == 'C' ||
         cp == 'D' || cp == 'M';
}

/* ---------------------------------------------------------------------
** Quotations and brackets: boundaries inside a pair that closes within
** the block are never sentence ends
** --------------------------------------------------------------------- */

/* the closer that matches an opener, 0 for none */
static int32_t mate(int32_t open) {
  switch (open) {
    case '(': return ')';
    case '[': return ']';
    case '{': return '}';
    case 0xAB: return 0xBB;
    case 0xBB: return 0xAB;   /* Danish and German »...« */
    case 0x2039: return 0x203A;
    case 0x201C: return 0x201D;
    case 0x201E: return 0x201C; /* German „...“ (also „...”) */
    case 0x2018: return 0x2019;
    case 0x201A: return 0x2018;
    case 0x300C: return 0x300D;
    case 0x300E: return 0x300F;
    case 0x300A: return 0x300B;
    case 0x3008: return 0x3009;
    case 0xFF08: return 0xFF09;
    case '"': return '"';
    case '\'': return '\'';
    case '`': return '\'';
    default: return 0;
  }
}

static int matches(int32_t open, int32_t cp) {
  return mate(open) == cp || (open == 0x201E && cp == 0x201D);
}

#define MAX_NEST 64

/* the `` of tokenized text and of LaTeX, at o */
static int double_tick(const block *b, size_t o) {
  return b->cp[o] == '`' && CP(b, o + 1) == '`';
}

/* the ,, typed for „ (German, Dutch), at o: its second comma is read as „ */
static int low_commas(const block *b, size_t o) {
  return b->cp[o] == ',' && CP(b, o + 1) == 0x201E;
}

/* brackets, and the quotation marks of scripts that quote inside
** sentences only, always hold a part of a sentence */
static int bracket(int32_t open) {
  return open == '(' || open == '[' || open == '{' || open >= 0x3000;
}

/* A quotation inside a sentence: opened after a word or a comma ("said,
** "Why, ...""), not where a sentence starts nor after a colon, where news
** quotes whole sentences ("replied: "No. We will see."") */
static int embedded(const block *b, size_t o) {
  size_t k = o;
  while (k > 0 && sp(b->cp[k - 1])) k--;
  if (k == 0) return 0;
  k--;
  while (k > 0 && closer(b->cp[k]) && o - k < MAX_TOKEN) k--;
  return !terminal(b, b->cp[k]) && b->cp[k] != '.' && b->cp[k] != ':';
}

/* A quotation opened after a colon: "mentor: 'The people! Theft!'" is one
** call, "replied: "No. We will see."" two sentences; only a period splits
** it. */
static int after_colon(const block *b, size_t o) {
  size_t k = o;
  while (k > 0 && sp(b->cp[k - 1])) k--;
  return k > 0 && b->cp[k - 1] == ':';
}

/* ... or one that the sentence goes on after: a lowercase word, a comma,
** a period or a bracket follows its closing mark ("„...,“ reagoval",
** "«...»."). A quotation standing as its own sentence may be split. */
static int continued(const block *b, size_t c) {
  size_t k = c + 1;
  int32_t cp;
  while (k < b->n && sp(b->cp[k])) k++;
  if (k >= b->n) return 0;
  cp = b->cp[k];
  if (k == c + 1 && (terminal(b, cp) || cp == ',' || cp == ';' || cp == ':'))
    return 1;
  /* "„..., “ reagoval", ""Mary Ann! Mary Ann!" said the voice": the
  ** sentence goes on in lowercase after the quotation, its attribution */
  if (k > c + 1 && precisI_is_lower(cp)) return 1;
  return cp == '(';
}

/* ... or one that stands as a sentence of its own: it opens a sentence and
** ends one ("Where have my shoulders got to? And oh, my poor hands!") or
** the paragraph; after a colon, only when it ends the paragraph ("read
** from his book: "Rule forty-two. All persons ... leave the court."") */
static int whole_block(const block *b, size_t o, size_t c) {
  size_t k;
  int ends_para = 1, ends_sentence;
  int32_t prev;
  k = c;
  if (k > 0 && b->cp[c] == '\'' && b->cp[k - 1] == '\'') k--; /* a '' */
  while (k > 0 && sp(b->cp[k - 1])) k--; /* "... Non. »" */
  ends_sentence = k > 0 && terminal(b, b->cp[k - 1]);
  for (k = c + 1; k < b->n; k++)
    if (!sp(b->cp[k])) { ends_para = 0; break; }
  if (!ends_sentence && !ends_para) return 0;
  k = o;
  while (k > 0 && sp(b->cp[k - 1])) k--;
  if (k == 0) return 1;
  k--;
  while (k > 0 && closer(b->cp[k]) && o - k < MAX_TOKEN) k--;
  prev = b->cp[k];
  return (terminal(b, prev) && prev != ':') || (prev == ':' && ends_para);
}

/* a full stop, as against a question or an exclamation: ".", and the
** Armenian, CJK, Devanagari and Urdu ones (the colon where the pack
** makes it one, as Armenian does) */
static int full_stop(const block *b, int32_t cp) {
  return cp == '.' || cp == 0x0589 || cp == 0x3002 || cp == 0x0964 || cp == 0x06D4 ||
         (cp == ':' && terminal(b, cp));
}

/* full stops in (o, c) that end a sentence there: ". " and a capital */
static size_t periods_inside(const block *b, size_t o, size_t c) {
  size_t k, n = 0;
  for (k = o + 1; k + 2 < c; k++)
    if (full_stop(b, b->cp[k]) && sp(b->cp[k + 1]) &&
        (precisI_is_upper(b->cp[k + 2]) || caseless(b->cp[k + 2])) &&
        precisI_is_word(b->cp[k - 1]))
      n++;
  return n;
}

static void quotations(block *b) {
  size_t st[MAX_NEST], depth = 0, i;
  /* past letters, digits, spaces: nothing opens or closes there */
  for (i = 0; (i = next_in(b, i, K_QUOTE)) < b->n; i++) {
    int32_t cp = b->cp[i], prev, next;
    int can_open, can_close;
    size_t k;
    next = CP(b, i + 1);
    if (cp == ',' && next != ',') continue; /* a comma acts only as ",," */
    prev = i ? b->cp[i - 1] : ' ';
    if (cp == ')' && next == ' ') {
      /* brackets mirrored by right-to-left text: Persian "علی) ع (است" */
      size_t q = i + 2;
      while (q < b->n && q < i + 5 && b->cp[q] >= 0x0590 && b->cp[q] < 0x0900 &&
             precisI_is_word(b->cp[q]))
        q++;
      if (q > i + 2 && q < i + 5 && CP(b, q) == ' ' && CP(b, q + 1) == '(') {
        i = q + 1;
        continue;
      }
    }
    if (cp == '\'' || cp == 0x2019) {
      /* an apostrophe inside a word ("don't", "one’s") is no quote, nor
      ** one that elides a century ("the '80s") or marks a Greek numeral
      ** ("Β' Παγκόσμιος") */
      if (precisI_is_word(prev) && precisI_is_word(next)) continue;
      if (precisI_is_digit(next) && !precisI_is_word(prev)) continue;
      if (precisI_is_upper(prev) && sp(next) && (i < 2 || sp(b->cp[i - 2])) &&
          strcmp(b->lang->script, "Grek") == 0)
        continue;
    }
    if (cp == ',' && next == ',' && (i == 0 || sp(prev))) { /* German ,,... */
      if (depth < MAX_NEST) st[depth++] = i;
      i++;
      b->cp[i] = 0x201E; /* read the pair as „ from here on */
      b->kind[i] |= K_QUOTE | K_END;
      continue;
    }
    if (cp == '\'' && next == '\'' && i > 0) {
      /* '' closes a `` (tokenized text, and LaTeX's ``quotes''): spaced
      ** ("`` Yes . ''") it holds a part of a sentence; glued to its
      ** word it is a quotation like any other */
      for (k = depth; k > 0; k--) /* or a ,, (Dutch: ",, Mooi. ''") */
        if (double_tick(b, st[k - 1]) || low_commas(b, st[k - 1])) break;
      if (k > 0) {
        size_t o = st[k - 1];
        if (sp(prev) && double_tick(b, o)) {
          if (i > o + 1) hold(b, 0, o + 1, i + 2);
        } else if (i > o + 2 && (embedded(b, o) || continued(b, i + 1) ||
                                 whole_block(b, o, i + 1))) {
          hold(b, 0, o + 2, i + 2);
        } else if (i > o + 2 && after_colon(b, o)) {
          hold(b, 1, o + 2, i + 2);
        }
        depth = k - 1;
        i++;
        continue;
      }
      if (sp(prev)) { i++; continue; }
    }
    if (cp == '`' && next == '`') { /* tokenized `` */
      if (depth < MAX_NEST) st[depth++] = i;
      i++;
      continue;
    }
    /* French sets its guillemets apart with a space: "« Non. »" */
    if ((cp == 0xAB || cp == 0x2039) && sp(next) && i + 2 < b->n && !sp(b->cp[i + 2]))
      next = b->cp[i + 2];
    can_open = mate(cp) != 0 && !sp(next) && next >= 0 &&
               (i == 0 || sp(prev) || opener(prev) || dash(prev) ||
                cp == '(' || cp == '[' || cp == '{' || cp == 0xAB ||
                cp == 0x201E || cp == 0x201C || cp == 0x2018 || cp >= 0x3000);
    can_close = i > 0 && (!sp(prev) || ((cp == 0xBB || cp == 0x203A) && i > 1 &&
                                         !sp(b->cp[i - 2])));
    /* a closer: pop to the opener it matches, if any */
    if (can_close || cp == ')' || cp == ']' || cp >= 0x3000) {
      for (k = depth; k > 0; k--) /* a single ' never closes a `` */
        if (matches(b->cp[st[k - 1]], cp) && !double_tick(b, st[k - 1])) break;
      if (k > 0 && !(cp == '"' && can_open && k != depth) &&
          !((cp == '\'' || cp == '"') && !can_close)) {
        size_t o = st[k - 1];
        if (i > o + 1 && !bracket(b->cp[o]) && !embedded(b, o) && !after_colon(b, o) &&
            (continued(b, i) || whole_block(b, o, i)) &&
            periods_inside(b, o, i) >= (whole_block(b, o, i) ? 3u : 2u)) {
          /* a quotation that opens a sentence and holds several is a
          ** passage, not a remark: its full stops split it, as in a call
          ** after a colon. News reports speech with its attribution after
          ** it ("«Tenho os papéis. Agora só deixo a França. Esse é o meu
          ** grito», se inflama"): from three sentences; a quotation that
          ** stands alone, as a turn of dialogue does, from four */
          hold(b, 1, o + 1, i + 1);
        } else if (i > o + 1 && !bracket(b->cp[o]) && after_colon(b, o) &&
                   !whole_block(b, o, i)) {
          hold(b, 1, o + 1, i + 1); /* "explicada por Veras: «Sobral não tem. O projeto é caro»." */
        } else if (i > o + 1 && (bracket(b->cp[o]) || embedded(b, o) || continued(b, i) ||
                                 whole_block(b, o, i))) {
          hold(b, 0, o + 1, i + 1);
        } else if (i > o + 1 && after_colon(b, o)) {
          hold(b, 1, o + 1, i + 1);
        }
        depth = k - 1;
        continue;
      }
    }
    if (can_open && depth < MAX_NEST && cp != 0xBB && cp != 0x201D)
      st[depth++] = i;
    else if (can_open && depth < MAX_NEST && (cp == 0xBB || cp == 0x201D) &&
             (i == 0 || sp(prev)))
      st[depth++] = i;
  }
  for (i = b->qlo + 1; i < b->qhi; i++) { /* at qhi - 1 both sums are back to 0 */
    b->inside[i] += b->inside[i - 1];
    b->calls[i] += b->calls[i - 1];
  }
}

/* ---------------------------------------------------------------------
** Inline enumerations: "1.) one 2.) two", "a) one b) two", "(i) ... (ii)"
** --------------------------------------------------------------------- */

enum { M_NONE, M_DOT, M_PAREN, M_BOTH };

typedef struct marker {
  size_t at, end;  /* code points of the marker, from its bullet if any */
  int value;       /* 1-based: 1, 2, ... or a=1, b=2, i=1, ii=2 */
  int kind;        /* 'n' number, 'a' lower letter, 'A' upper, 'r' roman */
  int style;       /* M_DOT "1.", M_PAREN "1)" or "(1)", M_BOTH "1.)" */
  int bulleted;
  int dotperiod;   /* index of the period of an M_DOT marker */
} marker;

static int roman_value(const block *b, size_t i, size_t e) {
  static const char *const r[] = {"i", "ii", "iii", "iv", "v", "vi", "vii",
                                  "viii", "ix", "x", "xi", "xii"};
  size_t k, m;
  int32_t first = e > i ? b->cp[i] : 0;
  if (e - i > 4 || !(first == 'i' || first == 'v' || first == 'x' ||
                     first == 'I' || first == 'V' || first == 'X'))
    return 0; /* most words: not a numeral up to xii */
  for (k = i + 1; k < e; k++) { /* nor "in", "it", "Ivy" */
    int32_t cp = b->cp[k];
    if (!(cp == 'i' || cp == 'v' || cp == 'x' || cp == 'I' || cp == 'V' || cp == 'X'))
      return 0;
  }
  for (k = 0; k < sizeof r / sizeof r[0]; k++) {
    m = strlen(r[k]);
    if (m == e - i) {
      size_t j;
      for (j = 0; j < m; j++) {
        int32_t cp = b->cp[i + j];
        if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
        if (cp != r[k][j]) break;
      }
      if (j == m) return (int)k + 1;
    }
  }
  return 0;
}

/* A marker starting at code point i (at a word start), or 0. */
static int read_marker(const block *b, size_t i, marker *m) {
  size_t j = i, s;
  int paren = 0;
  int32_t c0 = b->cp[i], c1 = CP(b, i + 1);
  /* most words are no marker: a letter, then another that starts no
  ** Roman numeral ("in" may be "ii", "the" may not) */
  if (c0 >= 0x80 && !bullet(c0)) return 0;
  if (((c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z')) && precisI_is_word(c1) &&
      !(c0 == 'i' || c0 == 'v' || c0 == 'x' || c0 == 'I' || c0 == 'V' || c0 == 'X'))
    return 0;
  memset(m, 0, sizeof *m);
  m->at = i;
  if (bullet(CP(b, j))) {
    m->bulleted = 1;
    j++;
    while (CP(b, j) == ' ') j++;
  }
  if (CP(b, j) == '(') { paren = 1; j++; }
  s = j;
  while (j < b->n && precisI_is_word(b->cp[j]) && j - s < 5) j++;
  if (j == s || j >= b->n) return 0;
  if (precisI_is_digit(b->cp[s])) {
    size_t k;
    int v = 0;
    for (k = s; k < j; k++) {
      if (!(b->cp[k] >= '0' && b->cp[k] <= '9')) return 0;
      v = v * 10 + (b->cp[k] - '0');
    }
    if (j - s > 2) return 0;
    m->kind = 'n';
    m->value = v;
  } else if (j - s == 1 && b->cp[s] >= 'a' && b->cp[s] <= 'z') {
    m->kind = 'a';
    m->value = b->cp[s] - 'a' + 1;
  } else if (j - s == 1 && b->cp[s] >= 'A' && b->cp[s] <= 'Z') {
    m->kind = 'A';
    m->value = b->cp[s] - 'A' + 1;
  } else if ((m->value = roman_value(b, s, j)) != 0) {
    m->kind = 'r';
  } else {
    return 0;
  }
  if (paren) {
    if (CP(b, j) != ')') return 0;
    j++;
    m->style = M_PAREN;
  } else if (CP(b, j) == '.' && CP(b, j + 1) == ')') {
    m->dotperiod = (int)j;
    j += 2;
    m->style = M_BOTH;
  } else if (CP(b, j) == ')') {
    j++;
    m->style = M_PAREN;
  } else if (CP(b, j) == '.') {
    m->dotperiod = (int)j;
    j++;
    m->style = M_DOT;
  } else {
    return 0;
  }
  if (!sp(CP(b, j))) return 0; /* "1.gelato", "2)sale" are no items */
  m->end = j;
  return 1;
}

/* Is code point i at a word start that may begin an enumeration: the
** block's start, or after a sentence end or a colon? */
static int list_start(const block *b, size_t i) {
  size_t k = i;
  while (k > 0 && sp(b->cp[k - 1])) k--;
  if (k == 0) return 1;
  while (k > 0 && closer(b->cp[k - 1])) k--;
  return k > 0 && (terminal(b, b->cp[k - 1]) || b->cp[k - 1] == ':' ||
                   b->cp[k - 1] == '.');
}

static int next_letter_upper(const block *b, size_t j) {
  while (j < b->n && (sp(b->cp[j]) || opener(b->cp[j]))) j++;
  return j < b->n && (precisI_is_upper(b->cp[j]) || caseless(b->cp[j]));
}

/* Does code point i start a sentence: the block's start, or after a
** sentence end (not a colon)? */
static int sentence_start(const block *b, size_t i) {
  size_t k = i;
  while (k > 0 && sp(b->cp[k - 1])) k--;
  if (k == 0) return 1;
  while (k > 0 && closer(b->cp[k - 1])) k--;
  return k > 0 && (terminal(b, b->cp[k - 1]) || b->cp[k - 1] == '.') &&
         b->cp[k - 1] != ':';
}

/*
** An enumeration starts a sentence at each item when it starts where a
** sentence does ("1) The first item 2) The second item"), or when every
** item opens with a capital ("It wants: 1) The bridge ... 2) The
** ferry"); items in lowercase inside a sentence are part of it ("two
** parts: (1) a bridge and (2) a ferry", "they are a) independent, b)
** careful").
*/
static void enumerations(block *b) {
  marker prev, m, first;
  int have = 0, active = 0, split = 0;
  size_t i, last = 0;
  memset(&prev, 0, sizeof prev);
  memset(&first, 0, sizeof first);
  for (i = 0; (i = next_word(b, i, 0)) < b->n; i++) { /* past "the", "2nd" */
    int32_t c0 = b->cp[i];
    if (bullet(c0) && i > 0) /* a bullet inside a block */
      b->kind[i] |= K_START;
    /* most words are no marker: see read_marker() */
    if ((c0 >= 0x80 && !bullet(c0)) ||
        (((c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z')) &&
         precisI_is_word(b->cp[i + 1]) &&
         !(c0 == 'i' || c0 == 'v' || c0 == 'x' || c0 == 'I' || c0 == 'V' || c0 == 'X')))
      continue;
    if (!read_marker(b, i, &m)) continue;
    /* "1. above" is a number, "a. here" may be an item */
    if (m.style == M_DOT && m.kind == 'n' && !next_letter_upper(b, m.end))
      continue;
    if (have && m.kind == prev.kind && m.style == prev.style &&
        m.value == prev.value + 1 &&
        (m.style != M_DOT || active || m.bulleted || list_start(b, prev.at))) {
      if (!active || last != prev.at) first = prev; /* a new run */
      last = m.at;
      if (first.at == prev.at)
        split = first.bulleted || sentence_start(b, first.at) ||
                next_letter_upper(b, first.end);
      if (split && (m.bulleted || sentence_start(b, first.at) || next_letter_upper(b, m.end))) {
        b->kind[m.at] |= K_START;
        b->kind[prev.at] |= K_START;
      }
      if (m.dotperiod) b->kind[m.dotperiod] |= K_QUIET;
      if (prev.dotperiod) b->kind[prev.dotperiod] |= K_QUIET;
      prev = m;
      active = 1;
      continue;
    }
    /* a candidate first item: "1)" anywhere; "1." and "a." where a
    ** sentence may start or right after another list; a bulleted item */
    prev = m;
    have = 1;
    if (m.bulleted || i == 0 || (m.value == 1 && (active || list_start(b, i)))) {
      if (m.dotperiod && (m.bulleted || i == 0 || m.kind == 'n'))
        b->kind[m.dotperiod] |= K_QUIET;
      if (active && split && m.value == 1) b->kind[m.at] |= K_START;
    }
  }
  b->kind[0] &= (unsigned char)~K_START;
}

/* ---------------------------------------------------------------------
** E-mail and message conventions: units that no punctuation ends
** --------------------------------------------------------------------- */

static size_t word_end(const block *b, size_t k);

/* Does the text at code point k hold the ASCII phrase p (case aside), and
** end there at a word's end? Its end in *e. */
static int phrase_at(const block *b, size_t k, const char *p, size_t *e) {
  size_t m;
  for (m = 0; p[m]; m++, k++) {
    int32_t cp = CP(b, k), ch = (unsigned char)p[m];
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    if (cp != ch) return 0;
  }
  if (precisI_is_word(CP(b, k))) return 0;
  *e = k;
  return 1;
}

/* Does a link start at k: "http://", "https://" or "www."? */
static int url_at(const block *b, size_t k) {
  size_t e;
  if (phrase_at(b, k, "www", &e)) return CP(b, e) == '.' && precisI_is_word(CP(b, e + 1));
  if (!phrase_at(b, k, "http", &e) && !phrase_at(b, k, "https", &e)) return 0;
  return CP(b, e) == ':' && CP(b, e + 1) == '/' && CP(b, e + 2) == '/' &&
         precisI_is_word(CP(b, e + 3));
}

/* from k, the end of a run of `lo` to `hi` digits, or 0 */
static size_t digits_run(const block *b, size_t k, size_t lo, size_t hi) {
  size_t e = k;
  while (e < b->n && e - k < hi + 1 && precisI_is_digit(b->cp[e]) && b->cp[e] < 0x80) e++;
  return e - k >= lo && e - k <= hi ? e : 0;
}

/*
** A date-time stamp as mail clients and forums print it above or below
** a message: a numeric date ("08/16/2000", "16/8/00", "2000-08-16"), a
** clock time ("03:14", "03:14:14"), then "AM" or "PM" and a time zone
** ("EST", "GMT") if any. Its end, or 0.
*/
static size_t stamp_at(const block *b, size_t k) {
  size_t e;
  if ((e = digits_run(b, k, 4, 4)) && CP(b, e) == '-') { /* ISO */
    if (!(e = digits_run(b, e + 1, 2, 2)) || CP(b, e) != '-' ||
        !(e = digits_run(b, e + 1, 2, 2)))
      return 0;
  } else {
    if (!(e = digits_run(b, k, 1, 2)) || CP(b, e) != '/' ||
        !(e = digits_run(b, e + 1, 1, 2)) || CP(b, e) != '/')
      return 0;
    if (!(e = digits_run(b, e + 1, 2, 4)) || e - k < 6 ||
        precisI_is_digit(CP(b, e)))
      return 0;
  }
  if (CP(b, e) == ',') e++;
  if (!sp(CP(b, e))) return 0;
  while (sp(CP(b, e))) e++;
  if (!(e = digits_run(b, e, 1, 2)) || CP(b, e) != ':' || !(e = digits_run(b, e + 1, 2, 2)))
    return 0;
  if (CP(b, e) == ':' && !(e = digits_run(b, e + 1, 2, 2))) return 0;
  if (precisI_is_word(CP(b, e)) && !(CP(b, e) == 'A' || CP(b, e) == 'P' ||
                                     CP(b, e) == 'a' || CP(b, e) == 'p'))
    return 0;
  { /* "PM", "pm", then a zone: "UTC", or two to four capitals ending in T */
    size_t q = e, z;
    if (sp(CP(b, q))) q++;
    if ((CP(b, q) == 'A' || CP(b, q) == 'P' || CP(b, q) == 'a' || CP(b, q) == 'p') &&
        (CP(b, q + 1) == 'M' || CP(b, q + 1) == 'm') && !precisI_is_word(CP(b, q + 2)))
      e = q + 2;
    q = e;
    if (sp(CP(b, q))) q++;
    for (z = q; z < b->n && z - q < 5 && CP(b, z) >= 'A' && CP(b, z) <= 'Z'; z++) {}
    if (z - q >= 2 && z - q <= 4 && !precisI_is_word(CP(b, z)) &&
        (CP(b, z - 1) == 'T' || (z - q == 3 && CP(b, q) == 'U' && CP(b, q + 1) == 'T')))
      e = z;
  }
  return precisI_is_word(CP(b, e)) ? 0 : e;
}

/* the code point before the white space before k, or -1 */
static int32_t before_space(const block *b, size_t k) {
  while (k > 0 && sp(b->cp[k - 1])) k--;
  return k > 0 ? b->cp[k - 1] : -1;
}

/* Does a sentence start at k, as far as the text before it says: the
** block's start, or after a terminator and its closers? */
static int after_end(const block *b, size_t k) {
  while (k > 0 && sp(b->cp[k - 1])) k--;
  while (k > 0 && closer(b->cp[k - 1])) k--;
  return k == 0 || terminal(b, b->cp[k - 1]) || b->cp[k - 1] == '.';
}

/* Is the word that ends at e (exclusive) all lowercase letters: "on",
** "at" before a stamp? */
static int lowercase_word_before(const block *b, size_t e) {
  size_t s = e;
  while (s > 0 && precisI_is_word(b->cp[s - 1])) {
    if (!precisI_is_lower(b->cp[s - 1])) return 0;
    s--;
  }
  return s < e && (s == 0 || sp(b->cp[s - 1]));
}

/* An e-mail address that ends at e (exclusive), the token's end, its
** angle bracket aside: "jo@example.com", "<jo@mail.example.org>". */
static int address_before(const block *b, size_t e) {
  size_t k = e, dots = 0;
  if (k > 0 && b->cp[k - 1] == '>') k--;
  if (k == 0 || !precisI_is_word(b->cp[k - 1]) || precisI_is_digit(b->cp[k - 1]))
    return 0;
  while (k > 0 && e - k < MAX_TOKEN) {
    int32_t cp = b->cp[k - 1];
    if (cp == '@') break;
    if (cp == '.') {
      if (!precisI_is_word(CP(b, k))) return 0;
      dots++;
    } else if (!precisI_is_word(cp) && cp != '-') {
      return 0;
    }
    k--;
  }
  return k > 1 && b->cp[k - 1] == '@' && dots > 0 && b->cp[k] != '.' &&
         (precisI_is_word(b->cp[k - 2]) || b->cp[k - 2] == '.');
}

/* The next word after the white space at k: its first code point's
** index, or b->n. */
static size_t next_token(const block *b, size_t k) {
  while (k < b->n && sp(b->cp[k])) k++;
  return k;
}

/* Is the word at k capitalised, and no "I" nor a name that a comma
** follows ("Thanks, Jo, for ...")? */
static int name_at(const block *b, size_t k) {
  size_t e;
  if (k >= b->n || !precisI_is_upper(b->cp[k])) return 0;
  e = word_end(b, k);
  if (e == k + 1 && b->cp[k] == 'I') return 0;
  return CP(b, e) != ',';
}

/*
** Where web and e-mail text starts a unit that no punctuation ends, the
** lines of a message having been joined into one paragraph:
**   - a date-time stamp printed with the sender's name is a unit of its
**     own ("Jo Park 08/16/2000 03:14 PM Hi all, ..."), unless a lowercase
**     word leads to it ("posted on 08/16/2000 03:14 PM");
**   - an e-mail address closes the header line it ends ("From: Jo Park
**     <jo@example.com> The meeting ...") when a capital, a digit or a
**     mark follows it, not a lowercase word ("write to jo@example.com
**     and ...");
**   - a closing ("Kind regards,", "Sincerely,") is a unit, as is a
**     greeting with its addressee ("Dear all,", "Hi Sam,") where a
**     capitalised word follows it; "Thanks," and the like only before a
**     name, at a sentence's start.
*/
static void messages(block *b) {
  /* closings that end a message wherever they stand, capitalised */
  static const char *const closing[] = {
    "best regards", "kind regards", "kindest regards", "warm regards",
    "warmest regards", "regards", "sincerely", "yours sincerely",
    "yours truly", "yours faithfully", "best wishes", "respectfully",
    "cordially"
  };
  /* ... and words that close one only at a sentence's start, before a name */
  static const char *const thanks[] = {
    "thanks", "thank you", "many thanks", "cheers", "best", "love",
    "take care", "all the best"
  };
  static const char *const greet[] = {
    "dear", "hi", "hello", "hey", "greetings", "good morning",
    "good afternoon", "good evening"
  };
  /* per lowercase first letter, a bit per second letter that begins one
  ** of the phrases above ("be", "ki", ...), in step with them: a
  ** capitalised word whose two letters have no bit is none of them */
#define L2(x) ((uint32_t)1 << ((x) - 'a'))
  static const uint32_t pairs[26] = {
    ['a' - 'a'] = L2('l'), ['b' - 'a'] = L2('e'), ['c' - 'a'] = L2('o') | L2('h'),
    ['d' - 'a'] = L2('e'), ['g' - 'a'] = L2('r') | L2('o'), ['h' - 'a'] = L2('i') | L2('e'),
    ['k' - 'a'] = L2('i'), ['l' - 'a'] = L2('o'), ['m' - 'a'] = L2('a'),
    ['r' - 'a'] = L2('e'), ['s' - 'a'] = L2('i'), ['t' - 'a'] = L2('h') | L2('a'),
    ['w' - 'a'] = L2('a'), ['y' - 'a'] = L2('o')
  };
#undef L2
  const int32_t *c = b->cp;
  size_t i = 0, e, k, f, n = b->n;
  /* no "@" in the block: no token holds one, and finding a token's end
  ** needs no look at its marks */
  int any_at = n > 0 && memchr(b->t + OFF(b, 0), '@', OFF(b, n) - OFF(b, 0)) != NULL;
  while (i < n) {
    int32_t cp, low, low2;
    int at = 0;
    /* no "@": from white space or a token's start, the next token that
    ** starts with a character the rules below look for; a token that
    ** does not, they pass over. A stamp's end inside a token is read. */
    if (!any_at && (i == 0 || sp(c[i - 1]) || sp(c[i])) &&
        (i = next_word(b, i, 1)) >= n)
      break;
    cp = c[i];
    if (sp(cp)) { i++; continue; }
    /* no "@": a token that starts no link, no stamp and no capitalised
    ** phrase below is passed over without finding its end, as no code
    ** point inside it starts a word */
    if (!any_at && cp > '9' && cp != '<' && cp != '[') {
      int32_t lc = cp | 0x20, c1 = CP(b, i + 1) | 0x20;
      if (!((lc == 'h' && c1 == 't') || (lc == 'w' && c1 == 'w')) &&
          (cp < 'A' || cp > 'Z' || c1 < 'a' || c1 > 'z' || !(pairs[lc - 'a'] >> (c1 - 'a') & 1))) {
        i = next_word(b, i + 1, 1);
        continue;
      }
    }
    /* a token starts at i: its end, and whether it holds an "@" */
    if (!any_at) {
      for (e = i;; e++) { /* c[n] is a sentinel, -1 */
        while ((uint32_t)(c[e] - '!') < 0x5Fu) e++; /* printable ASCII */
        if (e >= n || sp(c[e])) break;
      }
    } else {
      for (e = i; e < n; e++) {
        int32_t c2 = c[e];
        if ((uint32_t)(c2 - 'A') < 58u) continue; /* ASCII letters, most of them */
        if (c2 > '@') {
          if (c2 >= 0x80 && sp(c2)) break;
        } else if (c2 == '@') {
          at = 1;
        } else if (c2 <= ' ' && sp(c2)) {
          break;
        }
      }
    }
    if (cp >= '0' && cp <= '9') {
      size_t se = stamp_at(b, i);
      if (se != 0) {
        int32_t pv = before_space(b, i);
        size_t p = i;
        while (p > 0 && sp(b->cp[p - 1])) p--;
        if (p > 0 && (precisI_is_word(pv) || pv == '>' || pv == '"' || pv == ')') &&
            !lowercase_word_before(b, p))
          b->kind[i] |= K_START;
        k = next_token(b, se);
        if (k < b->n && k > se && (precisI_is_word(b->cp[k]) || opener(b->cp[k]) ||
                                   b->cp[k] == '<'))
          b->kind[k] |= K_START;
        i = se;
        continue;
      }
    }
    /* an address or a link that ends at e */
    if (e < n && (at || cp == '[' || cp == '<' ||
                  ((cp | 0x20) == 'h' && (CP(b, i + 1) | 0x20) == 't') ||
                  ((cp | 0x20) == 'w' && (CP(b, i + 1) | 0x20) == 'w'))) {
      size_t u = i + (cp == '[' || cp == '<');
      int link = url_at(b, u) && (u == i || b->cp[e - 1] == ']' || b->cp[e - 1] == '>' ||
                                  precisI_is_word(b->cp[e - 1]) || b->cp[e - 1] == '/');
      k = next_token(b, e);
      if (k < b->n && (link || (at && address_before(b, e))) && !precisI_is_lower(b->cp[k]) &&
          !caseless(b->cp[k]) && b->cp[k] != ',' && b->cp[k] != '.' &&
          b->cp[k] != ')' && b->cp[k] != ';' && b->cp[k] != ':' &&
          b->cp[k] != '-' && b->cp[k] != '&')
        b->kind[k] |= K_START;
      else if (k < b->n && link && url_at(b, k)) /* a list of links */
        b->kind[k] |= K_START;
    }
    if (e == i) e = i + 1; /* always on */
    if (cp < 'A' || cp > 'Z') { i = e; continue; } /* the phrases below are capitalised */
    low = cp + ('a' - 'A');
    low2 = CP(b, i + 1);
    if (low2 >= 'A' && low2 <= 'Z') low2 += 'a' - 'A';
    if (low2 < 'a' || low2 > 'z' || !(pairs[low - 'a'] >> (low2 - 'a') & 1)) {
      i = e;
      continue;
    }
    for (f = 0; f < sizeof closing / sizeof closing[0]; f++)
      if (closing[f][0] == low && closing[f][1] == low2 && phrase_at(b, i, closing[f], &k) && CP(b, k) == ',') {
        size_t w = next_token(b, k + 1);
        if (i > 0) b->kind[i] |= K_START;
        if (w < b->n && w > k + 1 && precisI_is_word(b->cp[w])) b->kind[w] |= K_START;
        break;
      }
    /* the rest where a sentence starts, or a unit (after a stamp) */
    if (f < sizeof closing / sizeof closing[0] || !((b->kind[i] & K_START) || after_end(b, i))) {
      i = e;
      continue;
    }
    for (f = 0; f < sizeof thanks / sizeof thanks[0]; f++)
      if (thanks[f][0] == low && thanks[f][1] == low2 && phrase_at(b, i, thanks[f], &k) && CP(b, k) == ',') {
        size_t w = next_token(b, k + 1);
        if (w > k + 1 && name_at(b, w)) b->kind[w] |= K_START;
        break;
      }
    for (f = 0; f < sizeof greet / sizeof greet[0]; f++)
      if (greet[f][0] == low && greet[f][1] == low2 && phrase_at(b, i, greet[f], &k)) {
        size_t words = 0, q = k;
        for (;;) { /* the addressee: one to four words */
          size_t w = next_token(b, q);
          if (w == q || w >= b->n || !precisI_is_word(b->cp[w])) break;
          q = word_end(b, w);
          if (++words > 4) break;
        }
        if (words == 0 || words > 4) break;
        if (CP(b, q) == ',' || CP(b, q) == ':') q++;
        else if (sp(CP(b, q)) && dash(CP(b, q + 1)) && sp(CP(b, q + 2))) q += 2;
        else break;
        k = next_token(b, q);
        if (k > q && k < b->n && (precisI_is_upper(b->cp[k]) || caseless(b->cp[k])))
          b->kind[k] |= K_START;
        break;
      }
    i = e;
  }
  b->kind[0] &= (unsigned char)~K_START;
}

/* ---------------------------------------------------------------------
** Boundaries
** --------------------------------------------------------------------- */

/* the word before code point i: [ws, i), past openers and an elision
** ("l'Ing", "d'Amm") */
static size_t word_before(const block *b, size_t i, size_t sent) {
  size_t ws = i, k, stop = i > MAX_TOKEN ? i - MAX_TOKEN : 0;
  if (stop < sent) stop = sent;
  while (ws > stop && !sp(b->cp[ws - 1])) ws--;
  while (ws < i && (opener(b->cp[ws]) || invisible(b->cp[ws]))) ws++;
  for (k = ws; k + 1 < i && k < ws + 3; k++)
    if ((b->cp[k] == '\'' || b->cp[k] == 0x2019) && k > ws &&
        precisI_is_lower(b->cp[ws])) {
      ws = k + 1;
      break;
    }
  return ws;
}

static int all_digits(const block *b, size_t s, size_t e) {
  size_t k;
  if (s == e) return 0;
  for (k = s; k < e; k++)
    if (!precisI_is_digit(b->cp[k])) return 0;
  return 1;
}

/* Is there a word in [s, e)? Sentences are asked again and again as the
** splitter moves on, so the answer from s is kept (see block). */
static int has_word(block *b, size_t s, size_t e) {
  size_t k;
  if (b->hw_s != s || b->hw_e > e) { /* a new start, or asked backwards */
    b->hw_s = b->hw_e = s;
    b->hw_at = SIZE_MAX;
  }
  if (b->hw_at != SIZE_MAX) return b->hw_at < e;
  for (k = b->hw_e; k < e; k++)
    if (precisI_is_word(b->cp[k])) {
      b->hw_at = k;
      break;
    }
  b->hw_e = e;
  return b->hw_at != SIZE_MAX;
}

/* the abbreviation class of the word [ws, we) in bytes */
static int abbrev(const block *b, size_t ws, size_t we) {
  return precisI_lang_abbrev(b->lang, b->t + OFF(b, ws),
                             OFF(b, we) - OFF(b, ws));
}

/* the next word [k, e): its start past openers and its end */
static size_t word_end(const block *b, size_t k) {
  while (k < b->n && precisI_is_word(b->cp[k])) k++;
  return k;
}

static int starter(const block *b, size_t k) {
  size_t e = word_end(b, k);
  return e > k && precisI_lang_starter(b->lang, b->t + OFF(b, k),
                                       OFF(b, e) - OFF(b, k));
}

/* dots at k that open the next sentence: ". . . The", "...en toen" */
static int lead_dots(const block *b, size_t k) {
  size_t dots = 0;
  while (k < b->n && (b->cp[k] == '.' || b->cp[k] == 0x2026 ||
                      (b->cp[k] == ' ' && dots > 0))) {
    dots += b->cp[k] == 0x2026 ? 3 : b->cp[k] == '.';
    k++;
  }
  return dots >= 2 && k < b->n && precisI_is_word(b->cp[k]);
}

/* Does a new sentence begin at code point k, the first after the gap?
** `next` is its letter past openers, at index nk. */
static int begins(const block *b, size_t k, size_t nk) {
  int32_t cp = CP(b, nk);
  (void)k;
  if ((cp == '@' || cp == '#') && precisI_is_word(CP(b, nk + 1)))
    return 1; /* "... on Twitter. @jane_doe you were great" */
  if (url_at(b, nk)) return 1; /* "... more pictures... http://..." */
  if ((cp == '$' || cp == 0xA3 || cp == 0x20AC || cp == 0xA5) &&
      precisI_is_digit(CP(b, nk + 1)))
    return 1; /* "... the price... £4.50 each way" */
  return precisI_is_upper(cp) || precisI_is_digit(cp) || caseless(cp);
}

/* words in the code points [s, e), counted on from the last answer for
** the same start (see block) */
static size_t words_in(block *b, size_t s, size_t e) {
  size_t k;
  if (b->wi_s != s || b->wi_e > e) {
    b->wi_s = b->wi_e = s;
    b->wi_n = 0;
    b->wi_in = 0;
  }
  for (k = b->wi_e; k < e; k++) {
    int w = precisI_is_word(b->cp[k]);
    if (w && !b->wi_in) b->wi_n++;
    b->wi_in = w;
  }
  b->wi_e = e;
  return b->wi_n;
}

/* pictographs and the marks that join or vary them */
static int emoji(int32_t cp) {
  return (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
         cp == 0xFE0F || cp == 0x200D || (cp >= 0x1F1E6 && cp <= 0x1F1FF);
}

/* The end of an emoticon (":)", ":-(", ";)", ":D", "<3") or a run of
** emoji at q, or q when there is none. */
static size_t emoticon_end(const block *b, size_t q) {
  static const char *const faces[] = {
    ":)", ":-)", ":(", ":-(", ";)", ";-)", ":D", ":-D", ":P", ":-P", ":p",
    ":'(", ":/", ":-/", ":o", ":O", "xD", "XD", "<3", "^^", "^_^"
  };
  size_t e = q, f, m;
  int32_t c0 = CP(b, q);
  while (e < b->n && emoji(b->cp[e])) e++;
  if (e > q) return e;
  if (!(c0 == ':' || c0 == ';' || c0 == 'x' || c0 == 'X' || c0 == '<' || c0 == '^'))
    return q; /* no face starts otherwise */
  for (f = 0; f < sizeof faces / sizeof faces[0]; f++) {
    size_t len = strlen(faces[f]);
    for (m = 0; m < len && q + m < b->n && b->cp[q + m] == (int32_t)faces[f][m]; m++) {}
    if (m == len) return q + len;
  }
  return q;
}

/* an opening quotation mark */
static int quote(int32_t cp) {
  return cp == '"' || cp == 0x201C || cp == 0x201E || cp == 0xAB || cp == 0x2018;
}

/* Is "St" at ws a street: after a capitalised word that does not start
** the sentence ("a cafe on Quay St.")? */
static int street(const block *b, size_t sent, size_t ws) {
  size_t e = ws, s0;
  while (e > sent && sp(b->cp[e - 1])) e--;
  if (e == ws || e == sent) return 0;
  s0 = e;
  while (s0 > sent && precisI_is_word(b->cp[s0 - 1])) s0--;
  return s0 < e && s0 > sent && precisI_is_upper(b->cp[s0]);
}

/*
** The words a document writes in lowercase, and where: the orthographic
** test below asks, for a capitalised word, whether the text around its
** block (CONTEXT bytes on either side) also writes it in lowercase.
** Ordinary text asks rarely, a few times a megabyte: each question is
** answered by searching that context for the word, until the searches
** have read twice the document's length. Past that the document asks too
** often for searching, and an index answers the rest: built in a pass
** over the document that counts the words and notes each occurrence, then
** one over the notes that places them, it answers each in a lookup and a
** binary search. Either way a question costs a bounded share of the
** document. Indexed, and found by the search: words (maximal runs of
** letters, marks and digits) of two code points or more and fewer than
** 64 bytes, whose first code point is no capital and the others lowercase
** letters.
*/
typedef struct lword {
  uint32_t hash, len;
  size_t at;          /* an occurrence: the word's bytes */
  size_t first, n;    /* its positions: pos[first .. first + n) */
  size_t fill;
} lword;

struct precisI_lower {
  lword *w;
  size_t nw, wcap;
  uint32_t *slot;     /* open addressing: index into w plus one, 0 empty */
  size_t cap;         /* a power of two */
  size_t *pos;        /* every occurrence's offset, by word, ascending */
  precisI_vec seen;   /* while building: each occurrence's word, in text order */
  precisI_vec at;     /* ... and its offset (uint32_t; esz 0: not kept) */
  size_t next;        /* the next of them to place */
  int built;          /* the index above is made */
  size_t scanned;     /* bytes the searches have read until then */
};

void precisI_lower_free(precisI_lower *x) {
  if (x == NULL) return;
  free(x->w);
  free(x->slot);
  free(x->pos);
  precisI_vec_free(&x->seen);
  precisI_vec_free(&x->at);
  free(x);
}

static uint32_t lhash(const char *s, size_t n) {
  uint32_t h = 2166136261u; /* FNV-1a */
  size_t i;
  for (i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

/* the slot of word [s, s + n) of text t: empty (0) when absent */
static uint32_t *lslot(const precisI_lower *x, const char *t, const char *s,
                       size_t n, uint32_t h) {
  size_t i = h & (x->cap - 1);
  for (;;) {
    uint32_t *sl = &x->slot[i];
    const lword *lw = *sl ? &x->w[*sl - 1] : NULL;
    if (lw == NULL || (lw->hash == h && lw->len == n && memcmp(t + lw->at, s, n) == 0))
      return sl;
    i = (i + 1) & (x->cap - 1);
  }
}

static int lgrow(precisI_lower *x) {
  size_t cap = x->cap ? x->cap * 2 : 1024, i;
  uint32_t *old = x->slot;
  if (cap > UINT32_MAX || (x->slot = precisI_calloc(cap, sizeof *x->slot)) == NULL) {
    x->slot = old;
    return 0;
  }
  for (i = 0; i < x->cap; i++)
    if (old[i]) {
      size_t j = x->w[old[i] - 1].hash & (cap - 1);
      while (x->slot[j]) j = (j + 1) & (cap - 1);
      x->slot[j] = old[i];
    }
  free(old);
  x->cap = cap;
  return 1;
}

static int lcount(precisI_lower *x, const char *t, size_t s, size_t n) {
  uint32_t h = lhash(t + s, n), *sl = lslot(x, t, t + s, n, h);
  lword *lw;
  if (*sl == 0) {
    if ((x->nw + 1) * 2 > x->cap) {
      if (!lgrow(x)) return 0;
      sl = lslot(x, t, t + s, n, h);
    }
    if (x->nw == x->wcap) {
      size_t cap = x->wcap ? x->wcap * 2 : 256;
      lword *grown = realloc(x->w, cap * sizeof *grown);
      if (grown == NULL) return 0;
      x->w = grown;
      x->wcap = cap;
    }
    lw = &x->w[x->nw++];
    lw->hash = h;
    lw->len = (uint32_t)n;
    lw->at = s;
    lw->n = lw->fill = 0;
    *sl = (uint32_t)x->nw;
  }
  x->w[*sl - 1].n++;
  if (x->seen.n == x->seen.cap && !precisI_vec_reserve(&x->seen, x->seen.n + 1))
    return 0;
  precisI_vec_at(&x->seen, uint32_t, x->seen.n++) = *sl - 1;
  if (x->at.esz != 0) { /* the text is under 4 GiB: its offset too */
    if (x->at.n == x->at.cap && !precisI_vec_reserve(&x->at, x->at.n + 1)) return 0;
    precisI_vec_at(&x->at, uint32_t, x->at.n++) = (uint32_t)s;
  }
  return 1;
}

/* the second pass meets the same words in the same order: no lookup */
static int lplace(precisI_lower *x, const char *t, size_t s, size_t n) {
  lword *lw = &x->w[precisI_vec_at(&x->seen, uint32_t, x->next++)];
  (void)t; (void)n;
  x->pos[lw->first + lw->fill++] = s;
  return 1;
}

/* Calls fn for each indexed word of t; 0 when fn fails. ASCII is read
** byte by byte, the rest decoded. */
static int lwords(precisI_lower *x, const char *t, size_t tlen,
                  int (*fn)(precisI_lower *, const char *, size_t, size_t)) {
  size_t i = 0;
  while (i < tlen) {
    unsigned char c = (unsigned char)t[i];
    int32_t cp;
    size_t len, s = i, cps = 1;
    int ok;
    if (c < 0x80) {
      if (c >= 'a' && c <= 'z') ok = 1;
      else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) ok = c <= '9';
      else { i++; continue; }
      i++;
    } else {
      i += precisI_utf8_decode_mb(t, tlen, i, &cp);
      if (!precisI_is_word(cp)) continue;
      ok = !precisI_is_upper(cp);
    }
    while (i < tlen) {
      c = (unsigned char)t[i];
      if (c < 0x80) {
        if (c >= 'a' && c <= 'z') {
          /* the most common case: nothing to change */
        } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
          ok = 0;
        } else {
          break;
        }
        len = 1;
      } else {
        len = precisI_utf8_decode_mb(t, tlen, i, &cp);
        if (!precisI_is_word(cp)) break;
        if (!precisI_is_lower(cp)) ok = 0;
      }
      cps++;
      i += len;
    }
    if (ok && cps >= 2 && i - s < 64 && !fn(x, t, s, i - s)) return 0;
  }
  return 1;
}

/* Builds the index of x (empty) over the text; 0 when out of memory, x
** then holding nothing. */
static int lower_index(precisI_lower *x, const char *t, size_t tlen) {
  size_t k, total = 0;
  precisI_vec_init(&x->seen, sizeof(uint32_t));
  /* the offsets, when they fit: the second pass then reads them, not the text */
  precisI_vec_init(&x->at, tlen <= UINT32_MAX ? sizeof(uint32_t) : 0);
  if (!lgrow(x) || !lwords(x, t, tlen, lcount)) goto fail;
  for (k = 0; k < x->nw; k++) {
    x->w[k].first = total;
    total += x->w[k].n;
  }
  if ((x->pos = precisI_alloc(total, sizeof *x->pos)) == NULL) goto fail;
  if (x->at.esz != 0) {
    for (k = 0; k < total; k++) {
      lword *lw = &x->w[precisI_vec_at(&x->seen, uint32_t, k)];
      x->pos[lw->first + lw->fill++] = precisI_vec_at(&x->at, uint32_t, k);
    }
  } else {
    lwords(x, t, tlen, lplace);
  }
  precisI_vec_free(&x->seen);
  precisI_vec_free(&x->at);
  x->built = 1;
  return 1;
fail:
  free(x->w);
  free(x->slot);
  free(x->pos);
  precisI_vec_free(&x->seen);
  precisI_vec_free(&x->at);
  memset(x, 0, sizeof *x);
  return 0;
}

/* Is the code point at byte i of t (valid UTF-8) a letter, mark or digit? */
static int word_cp_at(const char *t, size_t tlen, size_t i) {
  int32_t cp;
  if (i >= tlen) return 0;
  precisI_utf8_decode(t, tlen, i, &cp);
  return precisI_is_word(cp);
}

/* ... and the one that ends just before byte i? */
static int word_cp_before(const char *t, size_t tlen, size_t i) {
  if (i == 0) return 0;
  do i--; while (i > 0 && ((unsigned char)t[i] & 0xC0) == 0x80);
  return word_cp_at(t, tlen, i);
}

/* The search for the word w (n bytes, its first code point first) within
** [from, to) that lower_near() answers from the index: an occurrence whose
** neighbours are no letters, marks or digits. It looks for the byte of w
** that text has least often (by the letter frequencies of English text,
** as Wikipedia's "Letter frequency" tabulates them; the bytes of other
** scripts counted as common), then compares. */
static int lower_scan(const char *t, size_t tlen, const char *w, size_t n,
                      int32_t first, size_t from, size_t to) {
  /* per mille of letters in English text, a to z */
  static const unsigned char freq[26] = {
    82, 15, 28, 43, 127, 22, 20, 61, 70, 2, 8, 40, 24,
    67, 75, 19, 1, 60, 63, 91, 28, 10, 24, 2, 20, 1
  };
  size_t a = 0, k, p, last;
  unsigned best = 256;
  if (!precisI_is_word(first) || precisI_is_upper(first)) return 0; /* never indexed */
  if (to - from < n) return 0;
  for (k = 0; k < n; k++) {
    unsigned char c = (unsigned char)w[k];
    unsigned f = c >= 'a' && c <= 'z' ? freq[c - 'a'] : 100;
    if (f < best) { best = f; a = k; }
  }
  last = to - n + a; /* the anchor's last place */
  for (p = from + a; p <= last;) {
    const char *q = memchr(t + p, w[a], last + 1 - p);
    size_t s;
    if (q == NULL) return 0;
    s = (size_t)(q - t) - a;
    if (memcmp(t + s, w, n) == 0 && !word_cp_before(t, tlen, s) &&
        !word_cp_at(t, tlen, s + n))
      return 1;
    p = (size_t)(q - t) + 1;
  }
  return 0;
}

/* Does the word w (n bytes) occur, as a word of its own, within [from, to)? */
static int lower_near(const precisI_lower *x, const char *t, const char *w,
                      size_t n, size_t from, size_t to) {
  uint32_t *sl = lslot(x, t, w, n, lhash(w, n));
  const lword *lw;
  size_t lo, hi;
  if (*sl == 0) return 0;
  lw = &x->w[*sl - 1];
  lo = lw->first;
  hi = lw->first + lw->n;
  while (lo < hi) { /* the first occurrence at or after `from` */
    size_t mid = lo + (hi - lo) / 2;
    if (x->pos[mid] < from) lo = mid + 1; else hi = mid;
  }
  return lo < lw->first + lw->n && x->pos[lo] + n <= to;
}

/*
** The orthographic test of Kiss and Strunk's Punkt (2006), on the text at
** hand instead of a trained model: after an abbreviation that may end a
** sentence ("U.S.", "Inc."), a capitalised word that the text also writes
** in lowercase ("Officials" beside "officials") is capitalised because
** it starts a sentence; a name ("Smith") never is. Reads the block's
** context; the word must be a capital and lowercase letters only.
*/
static int lowercase_elsewhere(block *b, size_t k) {
  precisI_lower *x;
  char w[64];
  size_t e, n, len;
  int32_t first = b->cp[k], low = utf8proc_tolower(b->cp[k]);
  if (!precisI_is_upper(first) || low == first) return 0;
  e = k + 1;
  while (e < b->n && precisI_is_word(b->cp[e])) {
    if (!precisI_is_lower(b->cp[e])) return 0; /* "IBM", "McDonald" */
    e++;
  }
  if (e - k < 2) return 0;
  len = (size_t)utf8proc_encode_char(low, (utf8proc_uint8_t *)w);
  n = OFF(b, e) - OFF(b, k + 1);
  if (len == 0 || len + n >= sizeof w) return 0;
  memcpy(w + len, b->t + OFF(b, k + 1), n);
  n += len;
  if (*b->lower == NULL && (*b->lower = precisI_calloc(1, sizeof **b->lower)) == NULL) {
    b->oom = 1;
    return 0;
  }
  x = *b->lower;
  if (!x->built && x->scanned + (b->ctx_end - b->ctx_start) <= 2 * b->tlen) {
    x->scanned += b->ctx_end - b->ctx_start;
    return lower_scan(b->t, b->tlen, w, n, low, b->ctx_start, b->ctx_end);
  }
  if (!x->built && !lower_index(x, b->t, b->tlen)) {
    b->oom = 1;
    return 0;
  }
  return lower_near(x, b->t, w, n, b->ctx_start, b->ctx_end);
}

/*
** After "a.m." or "p.m.", the words a time goes on with: a time zone, a
** weekday or a month ("at 3 p.m. ET", "at 9 p.m. Tuesday", "5 p.m. Nov.
** 14"). The clock words are English, and so are these.
*/
static int time_goes_on(const block *b, size_t k) {
  static const char *const words[] = {
    "AEDT", "AEST", "BST", "CDT", "CEST", "CET", "CST", "CT", "EDT", "EST",
    "ET", "GMT", "IST", "JST", "MDT", "MST", "MT", "PDT", "PST", "PT", "UTC",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "Sunday", "Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov",
    "Dec", "January", "February", "March", "April", "June", "July",
    "August", "September", "October", "November", "December"
  };
  size_t e = k, n, w;
  while (e < b->n && precisI_is_word(b->cp[e])) e++;
  n = OFF(b, e) - OFF(b, k);
  for (w = 0; w < sizeof words / sizeof words[0]; w++)
    if (strlen(words[w]) == n && memcmp(words[w], b->t + OFF(b, k), n) == 0)
      return 1;
  return 0;
}

/*
** A single period (or question mark) after a plain word, in lowercase or
** in capitals, that no pack lists, then white space and a lowercase
** word: "in the city. features", "like mcdonald's. that may", "steep
** IMO. my ticket", "what that means? where did you". The word has three
** letters or more, or two when the pack lists it as a stopword ("set it
** up. i wish"). Sentences that start in lowercase are common in scraped
** and informal text; an unknown abbreviation before a lowercase word is
** rarer, and short ones ("al.", "ca.") are listed or kept by the length.
** Not after closers or inside tokens ("example.com").
*/
static int lower_after_word(const block *b, size_t ws, size_t i, size_t r,
                            size_t j, size_t k) {
  size_t q, lower = 0, upper = 0, apos = 0;
  if (r - i != 1 || j != r || k == j || i - ws < 2) return 0;
  for (q = ws; q < i; q++) {
    int32_t cp = b->cp[q];
    if (precisI_is_lower(cp)) lower++;
    else if (precisI_is_upper(cp)) upper++;
    else if ((cp == '\'' || cp == 0x2019) && q > ws && q + 1 < i) apos++; /* "mcdonald's" */
    else return 0;
  }
  /* a word of two letters only when the pack lists it as a stopword:
  ** "set it up. i wish", not "ca. ten" */
  if (i - ws == 2 && !precisI_lang_is_stop(b->lang, b->t + OFF(b, ws),
                                           OFF(b, i) - OFF(b, ws)))
    return 0;
  if (upper == i - ws - apos) { /* "IMO. my", but not "LLC. and" */
    char w[32];
    size_t n = OFF(b, i) - OFF(b, ws), x;
    if (n >= sizeof w) return 0;
    for (x = 0; x < n; x++) {
      char ch = b->t[OFF(b, ws) + x];
      w[x] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    }
    return precisI_lang_abbrev(b->lang, w, n) == PRECIS_ABBR_NONE;
  }
  return lower == i - ws - apos; /* "city. features" */
}

/* a number: digits (with their separators) or a Roman numeral in capitals */
static int number_at(const block *b, size_t s, size_t e) {
  size_t k, digits = 0, roman_letters = 0;
  if (s >= e) return 0;
  for (k = s; k < e; k++) {
    int32_t cp = b->cp[k];
    if (precisI_is_digit(cp)) digits++;
    else if (roman(cp)) roman_letters++;
    else if (!(cp == '.' || cp == ',' || dash(cp)) || k == s) return 0;
  }
  return digits > 0 ? roman_letters == 0 && precisI_is_digit(b->cp[e - 1])
                    : roman_letters >= 2;
}

/*
** An abbreviation [ws, i) of a unit or an amount after a number: "1,5
** млн.", "w 1981 r.", "w XXI w.", "10 tys. zł.", "22.50 ч.". Written in
** lowercase (titles, "Dr.", are no units), and not one the pack lists as
** never ending a sentence: Russian and Bulgarian go on after "1998 г."
** with a name as often as they end there ("в 2010-2012 гг. Виктор").
*/
static int unit_after_number(const block *b, size_t sent, size_t ws, size_t i) {
  size_t k, e, s0, hops;
  for (k = ws; k < i; k++)
    if (!precisI_is_lower(b->cp[k]) && b->cp[k] != '.') return 0;
  if (precisI_lang_abbrev(b->lang, b->t + OFF(b, ws), OFF(b, i) - OFF(b, ws)) ==
      PRECIS_ABBR_INNER)
    return 0;
  e = ws;
  for (hops = 0; hops < 2; hops++) { /* the word before, or one more past "tys." */
    while (e > sent && sp(b->cp[e - 1])) e--;
    if (e == ws || e == sent) return 0;
    s0 = e;
    while (s0 > sent && !sp(b->cp[s0 - 1])) s0--;
    if (number_at(b, s0, e)) return 1;
    if (b->cp[e - 1] != '.' || e - s0 > 5) return 0;
    e = s0;
  }
  return 0;
}

/*
** The decision for the terminator run [i, r), its closers [r, j) and the
** next word at k (after white space). Returns 1 when a sentence ends at j.
*/
static int boundary(block *b, size_t sent, size_t i, size_t r, size_t j,
                    size_t k) {
  int32_t term = b->cp[i], next, after;
  size_t nk = k, ws, dots = 0, q;
  int spaced = 0, cls, speech = 0;
  for (q = i; q < r; q++) if (b->cp[q] == '.') dots++;
  /* a dash that opens a line of speech: "Wrócił późno. - Gdzie byłeś?",
  ** "Он кивнул. — Ты придёшь?", "Llegó. —¿Dónde estabas?" */
  if (nk < b->n && (dash(b->cp[nk]) || ((b->cp[nk] == '*' || bullet(b->cp[nk])) &&
                                          sp(CP(b, nk + 1)))) && k > j) {
    size_t d = nk + 1; /* ... or a bullet: "yetindi. * Uzaktan kumandalı" */
    if (d < b->n && b->cp[d] == b->cp[nk]) d++; /* "--" */
    while (d < b->n && sp(b->cp[d])) d++;
    if (d < b->n && (precisI_is_word(b->cp[d]) || opener(b->cp[d])) &&
        !precisI_is_digit(b->cp[d])) {
      nk = d;
      speech = 1;
    }
  }
  while (nk < b->n && (opener(b->cp[nk]) || invisible(b->cp[nk]) ||
                       b->cp[nk] == '*' || b->cp[nk] == '_' ||
                       (low_commas(b, nk) && j == r) || /* ". ,, Het" */
                       (nk > k && sp(b->cp[nk]) && /* French "« C'est", Dutch ",, Het" */
                        (b->cp[nk - 1] == 0xAB || b->cp[nk - 1] == 0x2039 ||
                         b->cp[nk - 1] == 0x201E))))
    nk++;
  next = CP(b, nk);
  after = CP(b, k);
  if (!has_word(b, sent, i)) return 0; /* "! ! !", ". . ." alone */
  if (speech && precisI_is_lower(next)) return 0; /* "... - zapytała." */
  /* in Hindi and Marathi, which put the verb last, the attribution
  ** follows the quotation: ""काय लागला निकाल ?" बायकोने विचारले." */
  if (j > r && k > j && strcmp(b->lang->script, "Deva") == 0 &&
      (b->cp[j - 1] == '"' || b->cp[j - 1] == 0x201D || b->cp[j - 1] == 0x2019) &&
      precisI_is_word(after))
    return 0;
  /* a Japanese quotation goes on with its particle: 「来ますか？」と聞いた */
  if (k == j && j > r && (after == 0x3068 || after == 0x3063) &&
      (b->cp[j - 1] == 0x300D || b->cp[j - 1] == 0x300F || b->cp[j - 1] == 0x201D))
    return 0;
  if (i > 0 && sp(b->cp[i - 1])) spaced = 1;
  /* inside a quotation or brackets, except in tokenized text ("word . ") */
  if (inside_at(b, j) > 0 && !(spaced && r - i == 1)) return 0;
  if (calls_at(b, j) > 0 && !full_stop(b, term)) return 0;
  /* the word before the run */
  ws = word_before(b, i, sent);
  /* ellipses: "..." or "…", or ". . ."; "[...]" marks an omission */
  if (i > 0 && b->cp[i - 1] == '[' && CP(b, r) == ']') return 0;
  if (term == 0x2026 || dots == 3 || (dots > 1 && r - i > dots)) {
    if (dots >= 4 && !(r - i > dots && dots == 4)) goto period;
    if (r - i > dots && dots >= 4) goto period; /* ". . . ." */
    if (next == 'I' && sp(CP(b, nk + 1)) && r - i > dots) return 0; /* ". . . I didn't" */
    return precisI_is_upper(next) || caseless(next) || next == 0x2026 ||
           (next == '.' && CP(b, nk + 1) == '.') ||
           (!precisI_is_digit(next) && begins(b, k, nk));
  }
  if (term == '?' || term == '!' || term == 0xFF1F || term == 0xFF01 ||
      term == ';' || term == 0x037E || term == ':' || term == 0x0589 ||
      term == 0x061F || term == 0x203C ||
      (term != '.' && term != 0x2026)) {
    /* "Yahoo! Research": a name with its "!" */
    if (term == '!' && ws < i) {
      char w[40];
      size_t n = OFF(b, i + 1) - OFF(b, ws);
      if (n < sizeof w) {
        memcpy(w, b->t + OFF(b, ws), n);
        if (precisI_lang_abbrev(b->lang, w, n) == PRECIS_ABBR_INNER) return 0;
      }
    }
    if (dash(after)) { /* "? – спросила мама", "? - Posted" */
      size_t d = k + 1;
      while (d < b->n && sp(b->cp[d])) d++;
      return precisI_is_upper(CP(b, d)) || caseless(CP(b, d));
    }
    if (after == '(' && j > r && b->cp[j - 1] == '\'') return 0;
    if (spaced && r - i == 1 && (term == '?' || term == '!'))
      return 1; /* tokenized text: "safe ? he asked" */
    if (precisI_is_lower(next)) /* "didn't work either!! had to pay" */
      return (b->lang->flags & PRECIS_LANG_SPLIT_LOWER) != 0 ||
             ((term == '!' || term == '?') && r - i >= 2 && j == r && k > j) ||
             /* "what that means? where did you grow up?" */
             (term == '?' && lower_after_word(b, ws, i, r, j, k)) ||
             (k > j && url_at(b, nk)); /* a link after the end: "Look! http://..." */
    return begins(b, k, nk) || lead_dots(b, nk) || next == '(' ||
           next == '-' || after == '(' || dash(next);
  }
period:
  /* a period: first the word before it */
  if (spaced && dots == 1) /* tokenized text: "word . next" */
    return !precisI_is_lower(next) || 1;
  if (ws == i || closer(b->cp[i - 1])) /* "(Ibid.). <|CITE|>", "„Wort”. Dann" */
    return !precisI_is_lower(next) ||
           (b->lang->flags & PRECIS_LANG_SPLIT_LOWER) != 0 ||
           /* a period set after the bracket or the quotation ends the
           ** sentence that holds it, in informal text before lowercase
           ** too: "call Jo (ext. 3264). you know", "egg him on". maybe" */
           (i > ws && r - i == 1 && j == r && k > j && nk == k &&
            (b->cp[i - 1] == ')' || b->cp[i - 1] == '"' || b->cp[i - 1] == 0x201D));
  {
    size_t we = i;
    while (we > ws && invisible(b->cp[we - 1])) we--; /* Arabic "dal, LRE, period" */
    cls = we > ws ? abbrev(b, ws, we) : PRECIS_ABBR_NONE;
    if (cls == PRECIS_ABBR_NONE && we - ws == 1 && precisI_is_word(b->cp[ws]) &&
        !precisI_is_digit(b->cp[ws]))
      cls = PRECIS_ABBR_INNER;
  }
  if (cls == PRECIS_ABBR_NONE && i - ws == 1 && precisI_is_word(b->cp[ws])) {
    int32_t c0 = b->cp[ws];
    cls = precisI_is_digit(c0) ? PRECIS_ABBR_NONE
        : PRECIS_ABBR_INNER;  /* initials "E. Smith", and "z. B.", "г." */
  }
  if (cls == PRECIS_ABBR_NONE && r - i == 1) {
    /* dotted groups: "U.S", "e.g", "Ph.D", "Л.Н" */
    size_t q2, letters = 0, periods = 0;
    int dotted = 1;
    for (q2 = ws; q2 < i; q2++) {
      int32_t c0 = b->cp[q2];
      if (c0 == '.') periods++;
      else if (precisI_is_word(c0)) letters++;
      else dotted = 0;
    }
    if (dotted && periods > 0 && letters <= 2 * (periods + 1) &&
        !all_digits(b, ws, i) && !precisI_is_digit(b->cp[ws]))
      cls = PRECIS_ABBR_ANY;
  }
  if (cls == PRECIS_ABBR_NONE && r - i == 1) { /* "гл.серж.": its last part's class */
    size_t q2 = i;
    while (q2 > ws && b->cp[q2 - 1] != '.') q2--;
    if (q2 > ws + 1 && q2 < i)
      cls = abbrev(b, q2, i);
  }
  if (r - i >= 2 && cls != PRECIS_ABBR_NONE) /* "Nov.." ends one */
    cls = PRECIS_ABBR_NONE;
  if (cls == PRECIS_ABBR_INNER && i - ws == 2 && b->cp[ws] == 'S' &&
      b->cp[ws + 1] == 't' && street(b, sent, ws))
    cls = PRECIS_ABBR_ANY; /* "on Quay St." is a street, "St. Michael" a saint */
  if (cls != PRECIS_ABBR_NONE && cls != PRECIS_ABBR_FINAL &&
      !(b->lang->flags & PRECIS_LANG_CAPITAL_NOUNS) && unit_after_number(b, sent, ws, i))
    cls = PRECIS_ABBR_FINAL; /* "през 2003 г. Забрана", "10 tys. zł. Doktorowi" */
  switch (cls) {
    case PRECIS_ABBR_INNER: return 0;
    case PRECIS_ABBR_NUMBER:
      if (precisI_is_digit(next) || next == 0x2116) return 0;
      /* fall through */
    case PRECIS_ABBR_ANY:
      return (precisI_is_upper(next) &&
              (starter(b, nk) || lowercase_elsewhere(b, nk) || quote(after))) ||
             (caseless(next) && !precisI_is_digit(next));
    case PRECIS_ABBR_FINAL:
      return precisI_is_upper(next) && !time_goes_on(b, nk);
    default: break;
  }
  /* a number that opens the sentence numbers it: "... Komendy Głównej.
  ** 2. Jeżeli pacjent", "... speciali. 858. Comprensorio" */
  if (ws == sent && all_digits(b, ws, i) && i - ws <= 4 && !precisI_is_lower(next))
    return 0;
  /* ordinals: "am 12. Juni", "XII. Pluku" */
  if (b->lang->flags & PRECIS_LANG_ORDINAL_DOT) {
    size_t q2;
    int rom = 1;
    size_t w0 = ws;
    while (w0 < i && (dash(b->cp[w0]) || b->cp[w0] == '+')) w0++;
    for (q2 = w0; q2 < i; q2++) if (!roman(b->cp[q2])) rom = 0;
    if ((all_digits(b, w0, i) && i - w0 <= 3) || (rom && w0 < i && i - w0 <= 5)) {
      /* before a capital, a sentence ends where the next word starts
      ** sentences; and after a number where no capitalised noun follows
      ** an ordinal: outside German, "sijalle 13. Iglesias" ends one,
      ** "am 12. Juni" and "13. listopada" do not */
      if (precisI_is_upper(next))
        return starter(b, nk) ||
               (!rom && !(b->lang->flags & PRECIS_LANG_CAPITAL_NOUNS) &&
                !precisI_lang_month_form(b->lang, b->t + OFF(b, nk),
                                         OFF(b, word_end(b, nk)) - OFF(b, nk)));
      return 0;
    }
  }
  if (precisI_is_lower(next))
    return (b->lang->flags & PRECIS_LANG_SPLIT_LOWER) != 0 ||
           lower_after_word(b, ws, i, r, j, k) || (k > j && url_at(b, nk)) ||
           /* a number of two digits or more inside the sentence takes no
           ** abbreviation's period: "call 555-0123. they said" */
           (r - i == 1 && j == r && k > j && nk == k && ws > sent &&
            !(b->lang->flags & PRECIS_LANG_ORDINAL_DOT) && number_at(b, ws, i) &&
            i - ws >= 2 && precisI_is_digit(b->cp[ws]) && precisI_is_digit(b->cp[ws + 1]));
  return begins(b, k, nk) || next == 0xBF || next == 0xA1 || lead_dots(b, nk);
}

/* Is this a URL, an e-mail address or a domain name, whose periods end
** nothing? [s, e) is the whole token. */
static int urlish(const block *b, size_t s, size_t e) {
  size_t k;
  for (k = s; k < e; k++) {
    int32_t cp = b->cp[k];
    if (cp == '@') return 1;
    if (cp == ':' && k + 2 < e && b->cp[k + 1] == '/' && b->cp[k + 2] == '/')
      return 1;
  }
  if (e - s > 4 && (b->cp[s] == 'w' || b->cp[s] == 'W') &&
      b->cp[s + 1] == 'w' && b->cp[s + 2] == 'w' && b->cp[s + 3] == '.')
    return 1;
  return 0;
}

static precis_status push(precisI_vec *out, const char *t, size_t s, size_t e) {
  span *sp0;
  while (s < e) { /* trim */
    int32_t cp;
    size_t len = precisI_utf8_decode(t, e, s, &cp);
    if (!precisI_is_space(cp)) break;
    s += len;
  }
  while (e > s) {
    size_t j = e - 1;
    int32_t cp;
    while (j > s && ((unsigned char)t[j] & 0xC0) == 0x80) j--;
    precisI_utf8_decode(t, e, j, &cp);
    if (!precisI_is_space(cp)) break;
    e = j;
  }
  if (s == e) return PRECIS_OK;
  if ((sp0 = precisI_vec_push(out)) == NULL) return PRECIS_ENOMEM;
  sp0->start = s;
  sp0->end = e;
  return PRECIS_OK;
}

/* A news agency's dateline that opens a sentence and ends at the colon
** at i: one to four words, a spaced dash, one to four words ("تهران -
** واحد مرکزی خبر:", "LONDON - Reuters:"). */
static int dateline_colon(const block *b, size_t sent, size_t i) {
  size_t k, before = 0, after = 0, *n = &before;
  int in = 0, dashes = 0;
  for (k = sent; k < i; k++) {
    int32_t cp = b->cp[k];
    if (dash(cp) && sp(CP(b, k + 1)) && k > sent && sp(b->cp[k - 1])) {
      if (++dashes > 1) return 0;
      n = &after;
      in = 0;
      continue;
    }
    if (terminal(b, cp) || cp == ',' || opener(cp) || closer(cp)) return 0;
    if (sp(cp)) { in = 0; continue; }
    if (!in) (*n)++;
    in = 1;
  }
  return dashes == 1 && before >= 1 && before <= 4 && after >= 1 && after <= 4;
}

/* a period glued to a capitalised word: "world.Today", "1,000.That" */
static int glued(block *b, size_t i, size_t sent) {
  size_t ws = word_before(b, i, sent), s, e, k, low = 0;
  int32_t next = CP(b, i + 1);
  if (!precisI_is_upper(next)) return 0;
  {
    size_t e2 = word_end(b, i + 1);
    if (e2 - (i + 1) == 1) {
      if (!starter(b, i + 1)) return 0;         /* "world.I dag" */
    } else if (e2 - (i + 1) < 3 && CP(b, e2) != '.') {
      return 0;                                  /* "information.As", not "Mr." */
    } else if (!precisI_is_lower(CP(b, i + 2)) &&
               !(roman(next) && roman(CP(b, i + 2)))) {
      return 0;
    }
  }
  if (i - ws < 2 || !has_word(b, sent, i)) return 0;
  s = ws;
  e = i + 1;
  while (e < b->n && e - i < MAX_TOKEN && !sp(b->cp[e])) e++;
  while (s > 0 && i - s < MAX_TOKEN && !sp(b->cp[s - 1])) s--;
  if (e - i >= MAX_TOKEN || i - s >= MAX_TOKEN) return 0; /* no word: a blob */
  if (urlish(b, s, e)) return 0;
  for (k = ws; k < i; k++) {
    int32_t cp = b->cp[k];
    if (cp == '.') return 0; /* "J.C.Penney", "testurl.Awesome.com" */
    if (precisI_is_lower(cp)) low++;
  }
  for (k = i + 1; k < e; k++)
    if (b->cp[k] == '.' && k + 1 < e) return 0; /* "Awesome.com" */
  if (low >= 2) return 1;
  /* numbers with thousands: "1,000.That" */
  return i - ws >= 4 && precisI_is_digit(b->cp[i - 1]);
}

static precis_status split_block(block *b, precisI_vec *out) {
  size_t i = 0, sent = 0;
  /* past most characters: nothing below applies to them */
  while ((i = next_in(b, i, K_END | K_START)) < b->n) {
    int32_t cp = b->cp[i];
    size_t j, k, r;
    if ((b->kind[i] & K_START) && i > sent && has_word(b, sent, i)) {
      if (push(out, b->t, OFF(b, sent), OFF(b, i)) != PRECIS_OK)
        return PRECIS_ENOMEM;
      sent = i;
    }
    if ((cp == '"' || cp == 0x201D) && i >= 2 && inside_at(b, i + 1) == 0 &&
        ((b->cp[i - 1] == '-' && b->cp[i - 2] == '-') ||
         b->cp[i - 1] == 0x2014) && sp(CP(b, i + 1))) {
      /* speech broken off: "If you please, sir--" The Rabbit */
      k = i + 1;
      while (k < b->n && sp(b->cp[k])) k++;
      if (k < b->n && precisI_is_upper(b->cp[k])) {
        if (push(out, b->t, OFF(b, sent), OFF(b, i + 1)) != PRECIS_OK)
          return PRECIS_ENOMEM;
        sent = i = k;
        continue;
      }
    }
    if ((cp == ':' || cp == ';') && i > 0 && sp(b->cp[i - 1]) &&
        inside_at(b, i) == 0 && words_in(b, sent, i) >= 3) {
      /* informal text ends a sentence with an emoticon: "great :) the
      ** seats are comfy" */
      size_t e = emoticon_end(b, i);
      if (e > i && e < b->n && sp(b->cp[e])) {
        k = e;
        while (k < b->n && sp(b->cp[k])) k++;
        if (k < b->n && precisI_is_word(b->cp[k])) {
          if (push(out, b->t, OFF(b, sent), OFF(b, e)) != PRECIS_OK)
            return PRECIS_ENOMEM;
          sent = i = k;
          continue;
        }
      }
    }
    if (cp == ':' && sp(CP(b, i + 1)) && dateline_colon(b, sent, i)) {
      k = i + 1; /* "لندن - ایرنا: ...", "LONDON - Reuters: ..." */
      while (k < b->n && sp(b->cp[k])) k++;
      if (k < b->n) {
        if (push(out, b->t, OFF(b, sent), OFF(b, i + 1)) != PRECIS_OK)
          return PRECIS_ENOMEM;
        sent = i = k;
        continue;
      }
    }
    if ((!terminal(b, cp) && !(cp == '.' && CP(b, i + 1) == '.' && CP(b, i + 2) == '.')) ||
        (b->kind[i] & K_QUIET)) { /* "..." ends sentences where "." does not (Armenian) */
      i++;
      continue;
    }
    /* a terminator inside a number or a word: "3.14", "tel.:0123", "a.m" */
    if (cp == '.' || cp == ':' || cp == 0xFF0E) {
      int32_t nx = CP(b, i + 1), pv = i ? b->cp[i - 1] : ' ';
      if (precisI_is_word(nx) && precisI_is_word(pv) &&
          !(cp == '.' && glued(b, i, sent)) &&
          !(cp == '.' && precisI_is_digit(nx) && !precisI_is_digit(pv) &&
            i > sent + 1) && /* "consultation.11 12 Take": a footnote */
          !(cp == 0xFF0E && !(precisI_is_digit(nx) && precisI_is_digit(pv)))) {
        i++;
        continue;
      }
      if (cp != '.' && !tight(cp) && !sp(nx) && nx >= 0) { i++; continue; }
    }
    /* a run like "?!", "...", ". . ." */
    j = i + 1;
    while (j < b->n) {
      int32_t c2 = b->cp[j];
      if (terminal(b, c2) || c2 == '.') { j++; continue; }
      if (c2 == ' ' && CP(b, j + 1) == '.' && b->cp[j - 1] == '.' &&
          i > 0 && sp(b->cp[i - 1])) { j++; continue; }
      break;
    }
    while (j > i + 1 && sp(b->cp[j - 1])) j--;
    r = j;
    /* two or four periods after a space: a period, then a unit of dots */
    if (cp == '.' && i > 0 && sp(b->cp[i - 1]) && (r - i == 2 || r - i == 4) &&
        (r == b->n || sp(CP(b, r)))) {
      if (has_word(b, sent, i)) {
        if (push(out, b->t, OFF(b, sent), OFF(b, i + 1)) != PRECIS_OK)
          return PRECIS_ENOMEM;
        sent = i + 1;
      }
      k = r;
      while (k < b->n && sp(b->cp[k])) k++;
      if (k < b->n) {
        if (push(out, b->t, OFF(b, sent), OFF(b, k)) != PRECIS_OK)
          return PRECIS_ENOMEM;
        sent = k;
      }
      i = k;
      continue;
    }
    /* closers: quotes, brackets, citations "[7][8]", footnotes ".11 12" */
    for (;;) {
      int32_t c2 = CP(b, j);
      /* after "。" a "“" opens the next sentence: "他说完了。“你来吗？”" */
      if ((c2 == 0x201C || c2 == '*') && tight(cp) && j + 1 < b->n &&
          !sp(b->cp[j + 1]) && !closer(b->cp[j + 1]))
        break;
      if (j < b->n && (closer(c2) || invisible(c2))) { j++; continue; }
      if (sp(c2) && (CP(b, j + 1) == 0xBB || CP(b, j + 1) == 0x203A) && inside_at(b, j) > 0) {
        j += 2; /* French "indispensable. »" */
        continue;
      }
      if (sp(c2) && CP(b, j + 1) == '\'' && CP(b, j + 2) == '\'' && j == r &&
          (j + 3 >= b->n || sp(CP(b, j + 3))) && !(i > 0 && sp(b->cp[i - 1]))) {
        j += 3; /* Dutch ",, Het lijkt een droom. ''" */
        continue;
      }
      if (c2 == '[' || (c2 == ' ' && CP(b, j + 1) == '[' && j == r)) {
        /* citations: "[7][8]", "[1]: 207" with its page, and one set
        ** apart after the end ("poďakoval. [18] Mimo") */
        size_t o = c2 == '[' ? j : j + 1, q = o + 1;
        while (q < b->n && (precisI_is_digit(b->cp[q]) || b->cp[q] == ',' ||
                            dash(b->cp[q])))
          q++;
        if (q > o + 1 && CP(b, q) == ']' && (c2 == '[' || sp(CP(b, q + 1)))) {
          j = q + 1;
          if (CP(b, j) == ':') { /* the page: ": 207", ":12–14" */
            q = j + 1;
            if (CP(b, q) == ' ') q++;
            if (precisI_is_digit(CP(b, q))) {
              while (q < b->n && (precisI_is_digit(b->cp[q]) || dash(b->cp[q]) ||
                                  b->cp[q] == ','))
                q++;
              j = q;
            }
          }
          continue;
        }
      }
      if (cp == '.' && precisI_is_digit(c2) && j == r && i > 0 &&
          !precisI_is_digit(b->cp[i - 1])) {
        size_t q = j;
        while (q < b->n && (precisI_is_digit(b->cp[q]) ||
                            (b->cp[q] == ' ' && precisI_is_digit(CP(b, q + 1)))))
          q++;
        if (q - j <= 6 && (q >= b->n || sp(b->cp[q]))) { j = q; continue; }
      }
      break;
    }
    { /* an emoticon or emoji after the end belongs to the sentence */
      size_t q = j, e;
      while (q < b->n && sp(b->cp[q])) q++;
      e = emoticon_end(b, q);
      if (e > q && (e >= b->n || sp(CP(b, e)))) j = e;
    }
    k = j;
    while (k < b->n && sp(b->cp[k])) k++;
    if (k > j && i > 0 && sp(b->cp[i - 1]) && CP(b, k) == '\'' &&
        CP(b, k + 1) == '\'' && (k + 2 >= b->n || sp(CP(b, k + 2)))) {
      j = k + 2; /* tokenized closing quote: "over . '' the" */
      k = j;
      while (k < b->n && sp(b->cp[k])) k++;
    }
    if (k >= b->n) break;
    /* no space after the run: no end, but after a CJK terminator, a
    ** period glued to a capital ("world.Today") or an ASCII mark between
    ** CJK characters ("好的!我们走吧") */
    if (k == j && !tight(cp) && !(cp == '.' && glued(b, i, sent)) &&
        !((cp == '!' || cp == '?') && i > 0 && precisI_is_cjk(b->cp[i - 1]) &&
          (precisI_is_cjk(CP(b, k)) || opener(CP(b, k)) || precisI_is_digit(CP(b, k))))) {
      i = j > i ? j : i + 1;
      continue;
    }
    if (!boundary(b, sent, i, r, j, k)) {
      i = j > i ? j : i + 1;
      continue;
    }
    if (push(out, b->t, OFF(b, sent), OFF(b, j)) != PRECIS_OK)
      return PRECIS_ENOMEM;
    sent = i = k;
  }
  return push(out, b->t, OFF(b, sent), OFF(b, b->n));
}

/* The code points and kinds of n ASCII bytes: two loops over arrays that
** do not overlap, so that the compiler widens the first in vector registers
** and the second, unrolled, costs about four and a half instructions a byte */
static void widen(int32_t *restrict cp, unsigned char *restrict kd,
                  const unsigned char *restrict s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) cp[i] = s[i];
  for (i = 0; i + 8 <= n; i += 8) {
    kd[i] = ascii_kind[s[i]];
    kd[i + 1] = ascii_kind[s[i + 1]];
    kd[i + 2] = ascii_kind[s[i + 2]];
    kd[i + 3] = ascii_kind[s[i + 3]];
    kd[i + 4] = ascii_kind[s[i + 4]];
    kd[i + 5] = ascii_kind[s[i + 5]];
    kd[i + 6] = ascii_kind[s[i + 6]];
    kd[i + 7] = ascii_kind[s[i + 7]];
  }
  for (; i < n; i++) kd[i] = ascii_kind[s[i]];
}

/* Splits the window [start, end) of a block. */
static precis_status split_window(const precisI_lang *lang, const char *t,
                                  size_t tlen, size_t start, size_t end,
                                  precisI_lower **lower, precisI_vec *out) {
  block b;
  size_t i, n;
  precis_status st;
  memset(&b, 0, sizeof b);
  b.t = t;
  b.tlen = tlen;
  b.lang = lang;
  b.lower = lower;
  b.hw_at = SIZE_MAX;
  /* the context the orthographic test reads: the block and 64 KiB on
  ** either side */
  b.ctx_start = start > CONTEXT ? start - CONTEXT : 0;
  b.ctx_end = tlen - end > CONTEXT ? end + CONTEXT : tlen;
  { /* one allocation for the block's arrays, each written below: code
    ** points and their offsets, then quotation depths (zeroed on first
    ** use), then kinds; sized for a code point per byte, the most there
    ** can be (the pages past the code points are never touched) */
    size_t m = end - start + 2, per = sizeof *b.cp + sizeof *b.off + 2 * sizeof(int) + 1;
    char *mem;
    if (m > ((size_t)-1 - 8) / per) return PRECIS_ENOMEM;
    mem = precisI_alloc(m * per + 8, 1);
    if (mem == NULL) return PRECIS_ENOMEM;
    b.cp = (int32_t *)(void *)mem;
    b.off = (uint32_t *)(b.cp + m);
    b.inside = (int *)(b.off + m);
    b.calls = b.inside + m;
    b.kind = (unsigned char *)(b.calls + m);
  }
  b.base = start;
  { /* the code points, and what each is to the passes (see K_QUOTE) */
    const unsigned char *s = (const unsigned char *)t + start;
    int32_t *cps = b.cp;
    unsigned char *kd = b.kind;
    size_t len = end - start;
    if (precisI_ascii_span(t + start, len) == len) { /* the code points are the bytes */
      widen(cps, kd, s, len);
      n = len;
      b.off = NULL;
    } else {
      uint32_t *offs = b.off;
      for (i = 0, n = 0; i < len; n++) {
        int32_t cp;
        offs[n] = (uint32_t)i;
        if (s[i] < 0x80) {
          cp = s[i++];
          kd[n] = ascii_kind[cp];
        } else {
          i += precisI_utf8_decode_mb(t + start, len, i, &cp);
          kd[n] = K_QUOTE | K_END | (precisI_is_space_u(cp) ? K_SPACE : 0);
        }
        cps[n] = cp;
      }
      offs[n] = offs[n + 1] = (uint32_t)len;
    }
  }
  b.cp[n] = b.cp[n + 1] = -1;
  b.n = n;
  /* next_in() stops at the sentinel, and next_word() at the white space */
  memset(b.kind + n, 0xFF ^ K_ALNUM, 9);
  quotations(&b);
  enumerations(&b);
  messages(&b);
  st = split_block(&b, out);
  if (b.oom) st = PRECIS_ENOMEM;
  free(b.cp);
  return st;
}

/* Where the window from `start` ends: WINDOW code points on, after the
** last white space of its last 1024 bytes if there is one, or `end`. */
static size_t window_end(const char *t, size_t start, size_t end) {
  size_t i = start, n = 0, e;
  if (end - start <= WINDOW) return end; /* fewer bytes, so fewer code points */
  while (i < end && n < WINDOW) n += ((unsigned char)t[i++] & 0xC0) != 0x80;
  while (i < end && ((unsigned char)t[i] & 0xC0) == 0x80) i++;
  if (i == end) return end;
  for (e = i; e > start && i - e < 1024; e--)
    if (t[e - 1] == ' ' || t[e - 1] == '\n' || t[e - 1] == '\t' || t[e - 1] == '\r')
      return e;
  return i;
}

/*
** A block is split a window at a time, so that the memory its code points
** take stays bounded. The last sentence a window finds may go on in the
** next, so it is left out and the next window starts where it starts; a
** sentence longer than a whole window ends where the window does. Blocks
** shorter than a window (every paragraph of ordinary text) are read whole,
** in one window.
*/
precis_status precisI_split(const precisI_lang *lang, const char *t,
                            size_t tlen, size_t start, size_t end,
                            precisI_lower **lower, precisI_vec *out) {
  for (;;) {
    size_t e = window_end(t, start, end), first = out->n;
    precis_status st = split_window(lang, t, tlen, start, e, lower, out);
    if (st != PRECIS_OK || e == end) return st;
    if (out->n - first >= 2) { /* go on from the last sentence's start */
      out->n--;
      start = precisI_vec_at(out, span, out->n).start;
    } else {
      start = e;
    }
  }
}

static precisI_unit *add(precisI_run *run, uint32_t doc, uint32_t kind,
                         size_t start, size_t end, const char *rule) {
  precisI_unit *u = precisI_vec_push(&run->units);
  if (u == NULL) return NULL;
  u->doc = doc;
  u->kind = kind;
  u->start = start;
  u->end = end;
  u->rule = rule;
  u->cand = UINT32_MAX;
  u->item = 0;
  return u;
}

/* words in [s, e): runs of characters between spaces; counted up to
** max + 1, past which the callers need not know how many */
static size_t count_words(const char *t, size_t s, size_t e, size_t max) {
  size_t n = 0;
  int in = 0;
  for (; s < e; s++) {
    int w = !(t[s] == ' ' || t[s] == '\t' || t[s] == '\n' || t[s] == '\r');
    if (w && !in && ++n > max) break;
    in = w;
  }
  return n;
}

/* the rules fragment() applies, as the summarizer's options have them */
enum { F_SALUTATION = 1, F_DATELINE = 2 };

/* A unit that a paragraph's joined lines hold and that is no sentence,
** the rule ingest gives such a line: a greeting or a closing
** ("salutation"), a date stamp ("dateline"). Its rule, or NULL. */
static const char *fragment(const precisI_run *run, int rules, const char *s, size_t n,
                            int *bye) {
  size_t words = count_words(s, 0, n, 6);
  int sal = 0;
  if (words <= 5 && (rules & F_SALUTATION) &&
      ((sal = precisI_rule_salutation(s, n, words)) != 0 ||
       /* the name after a closing, at the paragraph's end: "Best, Jo Lee" */
       (*bye < 0 && words <= 3 && !precisI_is_terminal((unsigned char)s[n - 1])))) {
    *bye = sal == 2;
    return "salutation";
  }
  *bye = 0;
  if (words <= 6 && (rules & F_DATELINE) &&
      precisI_rule_date_line(s, n, run->lang))
    return "dateline";
  return NULL;
}

precis_status precisI_segment(precisI_run *run, uint32_t doc,
                              const precisI_vec *blocks, precis_error *err) {
  const char *t = run->src[doc].text;
  precisI_vec spans;
  size_t b, k;
  int seen_sentence = 0, seen_title = 0;
  size_t title = 0, title_words = 0;
  int title_caps = 0;
  int rules = (precisI_rule_on(run->s, "salutation") ? F_SALUTATION : 0) |
              (precisI_rule_on(run->s, "dateline") ? F_DATELINE : 0);
  precis_status st = PRECIS_OK;
  precisI_vec_init(&spans, sizeof(span));
  for (b = 0; b < blocks->n; b++) {
    const precisI_block *bl = &precisI_vec_at(blocks, precisI_block, b);
    if (bl->kind == PRECIS_BLOCK_DROPPED) {
      if (!add(run, doc, PRECIS_KIND_DROPPED, bl->start, bl->end, bl->rule)) goto oom;
    } else if (bl->kind == PRECIS_BLOCK_HEADING) {
      uint32_t kind = PRECIS_KIND_HEADING;
      size_t words = count_words(t, bl->start, bl->end, SIZE_MAX);
      if (!seen_sentence && !seen_title) {
        kind = PRECIS_KIND_TITLE;
        seen_title = 1;
        title = run->units.n;
        title_words = words;
        title_caps = precisI_in_capitals(t + bl->start, bl->end - bl->start);
      } else if (!seen_sentence && (title_words < 3 || title_caps) && words >= 3 &&
                 !precisI_in_capitals(t + bl->start, bl->end - bl->start)) {
        /* a section label ("Opinion", "THE BIG STORY") before the headline */
        precisI_vec_at(&run->units, precisI_unit, title).kind = PRECIS_KIND_HEADING;
        kind = PRECIS_KIND_TITLE;
        title = run->units.n;
        title_words = words;
        title_caps = 0;
      }
      if (!add(run, doc, kind, bl->start, bl->end, NULL)) goto oom;
    } else {
      int bye = 0;
      spans.n = 0;
      if (precisI_split(run->lang, t, run->src[doc].len, bl->start, bl->end,
                        &run->src[doc].lower, &spans) != PRECIS_OK)
        goto oom;
      for (k = 0; k < spans.n; k++) {
        span *sp0 = &precisI_vec_at(&spans, span, k);
        const char *rule = NULL;
        precisI_unit *u;
        if (spans.n > 1 && sp0->end - sp0->start <= 160) { /* fragments are short */
          if (bye && k + 1 == spans.n) bye = -1; /* the last unit, after a closing */
          rule = fragment(run, rules, t + sp0->start, sp0->end - sp0->start, &bye);
        } else {
          bye = 0;
        }
        u = add(run, doc, rule ? PRECIS_KIND_DROPPED : PRECIS_KIND_SENTENCE,
                              sp0->start, sp0->end, rule);
        if (u == NULL) goto oom;
        if (rule && k > 0 && strcmp(rule, "dateline") == 0) {
          /* the sender's name before a stamp goes with it, as on a line
          ** of their own ("Jo Lee 08/16/2000 03:14 PM") */
          precisI_unit *prev = &precisI_vec_at(&run->units, precisI_unit, run->units.n - 2);
          if (prev->kind == PRECIS_KIND_SENTENCE && prev->end - prev->start < 64 &&
              count_words(t, prev->start, prev->end, 4) <= 4 &&
              !precisI_is_terminal((unsigned char)t[prev->end - 1])) {
            prev->kind = PRECIS_KIND_DROPPED;
            prev->rule = rule;
          }
        }
        if (rule) continue;
        u->item = k == 0 && bl->item && sp0->start == bl->start;
        seen_sentence = 1;
      }
    }
  }
  goto done;
oom:
  st = precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
done:
  precisI_vec_free(&spans);
  return st;
}
