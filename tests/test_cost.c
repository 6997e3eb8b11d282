/*
** test_cost.c: the cost of a run grows with its input, and no faster, for
** every shape of input: adversarial shapes are run at two sizes, and the
** larger may cost no more than about its size ratio in CPU time (a ratio,
** measured in one process, never a wall-clock limit) and in peak memory,
** which also stays under a fixed number of bytes per input byte.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "suites.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SANITIZED 1 /* the sanitizer's own memory: no peak is exact */
#endif

#define SMALL ((size_t)32 << 10)
#define RATIO 8     /* the large input is this many times the small */
#define SLACK 4     /* ... and may cost this many times more than that */

typedef struct buf {
  char *p;
  size_t n, cap;
} buf;

static void put(buf *b, const char *s, size_t n) {
  if (b->n + n > b->cap) {
    b->cap = (b->n + n) * 2;
    b->p = realloc(b->p, b->cap);
    ck_assert_ptr_nonnull(b->p);
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
}

static void puts_(buf *b, const char *s) { put(b, s, strlen(s)); }

static const char *const vocab[] = {
  "the", "harbour", "bridge", "council", "said", "on", "Tuesday", "a",
  "new", "plan", "will", "close", "repair", "steel", "crossing", "Kestrel"
};

/* a deterministic word, the ith */
static const char *word(size_t i) {
  return vocab[(i * 2654435761u >> 7) % N_ELEMS(vocab)];
}

/* Each generator writes about `n` bytes of its shape. */
typedef void (*gen_fn)(buf *b, size_t n);

static void one_word_lines(buf *b, size_t n) {
  while (b->n < n) puts_(b, "word\n");
}

static void huge_line(buf *b, size_t n) { /* sentences, no line break */
  size_t i = 0;
  while (b->n < n) {
    puts_(b, word(i));
    puts_(b, ++i % 12 == 0 ? ". " : " ");
  }
}

static void huge_sentence(buf *b, size_t n) { /* no line break, no end */
  size_t i = 0;
  while (b->n < n) {
    puts_(b, word(i++));
    puts_(b, " ");
  }
}

static void short_lines(buf *b, size_t n) { /* one long paragraph */
  size_t i = 0;
  while (b->n < n) {
    puts_(b, word(i++)); puts_(b, " ");
    puts_(b, word(i++)); puts_(b, " ");
    puts_(b, word(i++));
    puts_(b, i % 7 == 0 ? ".\n" : "\n");
  }
}

static void csv(buf *b, size_t n) {
  size_t i = 0;
  char row[96];
  while (b->n < n) {
    snprintf(row, sizeof row, "%zu,alpha %s,%zu,\"beta, gamma\",3.14\n", i, word(i),
             i * 7919 % 100003);
    puts_(b, row);
    i++;
  }
}

static void two_byte_lines(buf *b, size_t n) { /* each line a unit */
  while (b->n < n) puts_(b, "%\n");
}

static void same_words(buf *b, size_t n) { /* every pair of sentences alike */
  while (b->n < n) puts_(b, "Bridge closed. ");
}

static void blank_lines(buf *b, size_t n) {
  puts_(b, "The harbour bridge will close for repairs.\n");
  while (b->n < n) puts_(b, "\n");
}

static void cr_lines(buf *b, size_t n) { /* old Mac files: lone CRs */
  while (b->n < n) puts_(b, "word\r");
}

static void tiny_sentences(buf *b, size_t n) {
  while (b->n < n) puts_(b, "Go. ");
}

static void list_nesting(buf *b, size_t n) { /* indented items, deeper and back */
  size_t i = 0, d;
  while (b->n < n) {
    size_t depth = i % 400 < 200 ? i % 200 : 200 - i % 200;
    for (d = 0; d < depth; d++) puts_(b, "  ");
    puts_(b, "- item ");
    puts_(b, word(i++));
    puts_(b, "\n");
  }
}

static void quote_nesting(buf *b, size_t n) { /* e-mail quotation, ever deeper */
  size_t i = 0, d;
  while (b->n < n) {
    for (d = 0; d <= i && b->n < n; d++) puts_(b, "> ");
    puts_(b, "a reply\n");
    i++;
  }
}

static void closing_quotes(buf *b, size_t n) { /* every mark opens and closes */
  while (b->n < n) puts_(b, "\"'");
}

static void abbreviations(buf *b, size_t n) { /* each asks the orthographic test */
  size_t i = 0;
  char w[32];
  while (b->n < n) {
    snprintf(w, sizeof w, "a U.S. Q%zu%s\n", i, word(i));
    puts_(b, w);
    i++;
  }
}

static void colons(buf *b, size_t n) { /* one sentence of emoticons */
  while (b->n < n) puts_(b, "a :) ");
}

static void invalid_bytes(buf *b, size_t n) { /* read as U+FFFD */
  while (b->n < n) puts_(b, "word \xFF\xFE ");
}

static void markdown_nesting(buf *b, size_t n) {
  size_t i = 0, d;
  while (b->n < n) {
    size_t depth = i % 64;
    for (d = 0; d < depth; d++) puts_(b, "  ");
    puts_(b, "- an item of the list\n");
    i++;
  }
}

/* a title of distinct words, half the input, over sentences of two
** words: each sentence's overlap with it */
static void long_title(buf *b, size_t n) {
  size_t i = 0;
  char w[32];
  puts_(b, "# ");
  while (b->n < n / 2) {
    snprintf(w, sizeof w, "t%zux ", i++);
    puts_(b, w);
  }
  puts_(b, "\n\n");
  while (b->n < n) {
    puts_(b, word(i++)); puts_(b, " ");
    puts_(b, word(i++)); puts_(b, ". ");
  }
}

static void html_nesting(buf *b, size_t n) { /* one <div> inside another */
  size_t depth = n / 12, d;
  for (d = 0; d < depth; d++) puts_(b, "<div>");
  puts_(b, "The bridge will close in March for repairs.");
  for (d = 0; d < depth; d++) puts_(b, "</div>");
}

static void html_lists(buf *b, size_t n) { /* nested lists, items at every level */
  size_t d = 0;
  while (b->n < n / 2) {
    puts_(b, "<ul><li>An item of the list ");
    puts_(b, word(d++));
  }
  while (d-- > 0) puts_(b, "</li></ul>");
}

static void cp1252_text(buf *b, size_t n) { /* sentences with bytes above 0x7F */
  size_t i = 0;
  while (b->n < n) {
    puts_(b, "The caf\xE9 sold ");
    puts_(b, word(i++));
    puts_(b, " for \x80" "2, \x93" "fresh\x94 at dawn \x97 every day. ");
  }
}

static void cp1252_page(buf *b, size_t n) { /* the same, declared in a page */
  puts_(b, "<html><head><meta charset=\"windows-1252\"></head><body><p>");
  cp1252_text(b, n);
  puts_(b, "</p></body></html>");
}

static void utf16_text(buf *b, size_t n) { /* ASCII sentences in UTF-16LE */
  size_t i = 0;
  put(b, "\xFF\xFE", 2);
  while (b->n < n) {
    const char *w = word(i++);
    for (; *w != '\0'; w++) put(b, (char[2]){*w, 0}, 2);
    put(b, (i % 8 == 0) ? ".\0 \0" : " \0", (i % 8 == 0) ? 4 : 2);
  }
}

static void sjis_text(buf *b, size_t n) { /* Japanese, two bytes a character */
  while (b->n < n) /* "the harbour bridge closes in March." */
    puts_(b, "\x8D\x60\x82\xCC\x8B\xB4\x82\xCD\x8E\x4F\x8C\x8E\x82\xC9\x95\xC2"
             "\x82\xB6\x82\xE9\x81\x42");
}

typedef struct shape {
  const char *name;
  gen_fn gen;
  precis_format format;
  int replace;          /* invalid UTF-8 read as U+FFFD */
  size_t ndocs;         /* 0: one document; else one per this many bytes */
  double bytes;         /* peak memory allowed per input byte */
  size_t small;         /* the smaller size, if not SMALL */
  const char *encoding; /* of input that declares none, or NULL */
} shape;

static const shape shapes[] = {
  {"one-word lines", one_word_lines, PRECIS_FORMAT_TEXT, 0, 0, 96, 0, NULL},
  {"two-byte lines", two_byte_lines, PRECIS_FORMAT_TEXT, 0, 0, 160, 0, NULL},
  {"one huge line", huge_line, PRECIS_FORMAT_TEXT, 0, 0, 16, 0, NULL},
  {"one huge sentence", huge_sentence, PRECIS_FORMAT_TEXT, 0, 0, 12, 0, NULL},
  {"long paragraph of short lines", short_lines, PRECIS_FORMAT_TEXT, 0, 0, 24, 0, NULL},
  {"CSV", csv, PRECIS_FORMAT_TEXT, 0, 0, 16, 0, NULL},
  {"blank lines", blank_lines, PRECIS_FORMAT_TEXT, 0, 0, 2, 0, NULL},
  {"lines ended by CR", cr_lines, PRECIS_FORMAT_TEXT, 0, 0, 96, 0, NULL},
  {"tiny sentences", tiny_sentences, PRECIS_FORMAT_TEXT, 0, 0, 96, 0, NULL},
  {"many tiny documents", tiny_sentences, PRECIS_FORMAT_TEXT, 0, 16, 96, 0, NULL},
  /* 2,000 sentences, the most the exact similarity graph takes */
  {"short sentences of the same words", same_words, PRECIS_FORMAT_TEXT, 0, 0, 96,
   (size_t)30000 / RATIO, NULL},
  {"deep list nesting", list_nesting, PRECIS_FORMAT_TEXT, 0, 0, 8, 0, NULL},
  {"deep quotation nesting", quote_nesting, PRECIS_FORMAT_TEXT, 0, 0, 4, 0, NULL},
  {"closing quotes", closing_quotes, PRECIS_FORMAT_TEXT, 0, 0, 12, 0, NULL},
  {"abbreviations before capitals", abbreviations, PRECIS_FORMAT_TEXT, 0, 0, 32, 0, NULL},
  {"emoticons in one sentence", colons, PRECIS_FORMAT_TEXT, 0, 0, 32, 0, NULL},
  {"invalid bytes", invalid_bytes, PRECIS_FORMAT_TEXT, 1, 0, 48, 0, NULL},
  {"Markdown list nesting", markdown_nesting, PRECIS_FORMAT_MARKDOWN, 0, 0, 12, 0, NULL},
  {"a title of thousands of words", long_title, PRECIS_FORMAT_MARKDOWN, 0, 0, 96,
   (size_t)128 << 10, NULL},
  {"deep HTML nesting", html_nesting, PRECIS_FORMAT_HTML, 0, 0, 160, 0, NULL},
  {"deep HTML list nesting", html_lists, PRECIS_FORMAT_HTML, 0, 0, 160, 0, NULL},
  /* read through iconv: a byte table, and one character at a time */
  {"windows-1252 text", cp1252_text, PRECIS_FORMAT_TEXT, 0, 0, 96, 0, "windows-1252"},
  {"windows-1252 HTML page", cp1252_page, PRECIS_FORMAT_HTML, 0, 0, 96, 0, NULL},
  {"UTF-16LE text after its mark", utf16_text, PRECIS_FORMAT_TEXT, 0, 0, 96, 0, NULL},
  {"Shift_JIS text", sjis_text, PRECIS_FORMAT_TEXT, 0, 0, 96, 0, "shift_jis"},
};

static double cpu_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

typedef struct cost {
  double cpu;       /* seconds, the least of the runs */
  long long peak;   /* bytes */
  size_t bytes;
} cost;

/* The cost of summarizing shape `sh` at about `n` bytes, the cheapest of
** `reps` runs. */
static cost measure(const precis_summarizer *s, const shape *sh, size_t n, int reps) {
  buf b = {NULL, 0, 0};
  precis_text *docs;
  size_t nd, d;
  cost c = {1e9, 0, 0};
  int r;
  sh->gen(&b, n);
  nd = sh->ndocs ? (b.n + sh->ndocs - 1) / sh->ndocs : 1;
  docs = calloc(nd, sizeof *docs);
  ck_assert_ptr_nonnull(docs);
  for (d = 0; d < nd; d++) {
    size_t at = sh->ndocs ? d * sh->ndocs : 0;
    docs[d].data = b.p + at;
    docs[d].len = sh->ndocs ? (b.n - at < sh->ndocs ? b.n - at : sh->ndocs) : b.n;
    docs[d].name = sh->name;
  }
  for (r = 0; r < reps; r++) {
    precis_result *res = NULL;
    precis_error err;
    long long base = t_alloc_peak_reset();
    double t0 = cpu_now(), t;
    precis_status st = precis_summarize(s, docs, nd, &res, &err);
    t = cpu_now() - t0;
    ck_assert_msg(st == PRECIS_OK || st == PRECIS_EEMPTY, "%s: %s: %s", sh->name,
                  precis_status_name(st), err.message);
    if (t < c.cpu) c.cpu = t;
    c.peak = t_alloc_peak() - base;
    precis_result_free(res);
  }
  c.bytes = b.n;
  free(docs);
  free(b.p);
  return c;
}

START_TEST(test_cost_scales) {
  const shape *sh = &shapes[_i];
  size_t n = sh->small ? sh->small : SMALL;
  precis_options *o = NULL;
  precis_summarizer *s;
  precis_error err;
  cost small, large;
  double limit;
  int attempt;
  ck_assert_int_eq(precis_options_new(&o, &err), PRECIS_OK);
  precis_options_set_format(o, sh->format);
  if (sh->replace) precis_options_set_utf8_mode(o, PRECIS_UTF8_REPLACE);
  ck_assert_int_eq(precis_options_set_encoding(o, sh->encoding, &err), PRECIS_OK);
  s = t_summarizer(o);
  precis_options_free(o);
  measure(s, sh, n, 1); /* warm up: pages, caches, language tables */
  /* CPU time is noisy on a busy machine: a second attempt with more runs
  ** before a verdict */
  for (attempt = 1; attempt <= 2; attempt++) {
    small = measure(s, sh, n, 2 + 2 * attempt);
    large = measure(s, sh, n * RATIO, 1 + attempt);
    /* a floor of a millisecond keeps a tiny run's timer noise out */
    limit = (double)RATIO * SLACK * (small.cpu > 1e-3 ? small.cpu : 1e-3);
    if (large.cpu <= limit) break;
  }
  ck_assert_msg(large.cpu <= limit,
                "%s: %zu bytes took %.4f s CPU, %zu bytes %.4f s: %.1f times as "
                "long for %.1f times the input", sh->name, small.bytes, small.cpu,
                large.bytes, large.cpu, large.cpu / small.cpu,
                (double)large.bytes / (double)small.bytes);
  if (getenv("PRECIS_COST_REPORT")) /* the figures, for a person */
    fprintf(stderr, "%-32s %8zu B %8.4f s %6.1f B/B | %8zu B %8.4f s %6.1f B/B | x%.1f\n",
            sh->name, small.bytes, small.cpu, (double)small.peak / (double)small.bytes,
            large.bytes, large.cpu, (double)large.peak / (double)large.bytes,
            large.cpu / small.cpu);
#if !defined(SANITIZED)
  ck_assert_msg(large.peak <= (long long)((double)RATIO * SLACK * (double)small.peak) + (1 << 20),
                "%s: peak memory %lld bytes for %zu bytes of input, %lld for %zu",
                sh->name, small.peak, small.bytes, large.peak, large.bytes);
  ck_assert_msg((double)large.peak <= sh->bytes * (double)large.bytes + (1 << 20),
                "%s: peak memory %lld bytes for %zu bytes of input (%.1f per byte, "
                "the bound is %.0f)", sh->name, large.peak, large.bytes,
                (double)large.peak / (double)large.bytes, sh->bytes);
#endif
  precis_summarizer_free(s);
}
END_TEST

Suite *cost_suite(void) {
  Suite *s = suite_create("cost");
  TCase *tc = tcase_create("shapes");
  tcase_set_timeout(tc, 600);
  tcase_add_loop_test(tc, test_cost_scales, 0, (int)N_ELEMS(shapes));
  suite_add_tcase(s, tc);
  return s;
}
