/*
** test_bounds.c: precis reads exactly the bytes it is given. A document
** of the C API need not end in NUL, so each case here copies its text
** into a buffer of exactly its length: under AddressSanitizer (make
** sanitize) a read one byte past the end fails the test. Every input
** mode reads every fixture of the repository this way, and each result is
** held to the invariants of invariants.h.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "invariants.h"
#include "suites.h"

typedef struct mode {
  const char *name;
  precis_format format;
  precis_utf8_mode utf8;
  const char *encoding; /* or NULL */
} mode;

static const mode modes[] = {
  {"text", PRECIS_FORMAT_TEXT, PRECIS_UTF8_STRICT, NULL},
  {"markdown", PRECIS_FORMAT_MARKDOWN, PRECIS_UTF8_STRICT, NULL},
  {"html", PRECIS_FORMAT_HTML, PRECIS_UTF8_STRICT, NULL},
  {"text, replace", PRECIS_FORMAT_TEXT, PRECIS_UTF8_REPLACE, NULL},
  {"markdown, replace", PRECIS_FORMAT_MARKDOWN, PRECIS_UTF8_REPLACE, NULL},
  {"html, replace", PRECIS_FORMAT_HTML, PRECIS_UTF8_REPLACE, NULL},
};

/* A copy of text in a buffer of exactly len bytes (one, unread, when
** len is 0, since malloc(0) may give NULL). */
static char *exact(const char *text, size_t len) {
  char *p = malloc(len ? len : 1);
  ck_assert_ptr_nonnull(p);
  memcpy(p, text, len);
  return p;
}

/* Segments and summarizes text (len bytes) in mode m, from a buffer of
** exactly its length, and checks both results; returns how many of the
** two runs succeeded. */
static int run_mode(const char *what, const char *text, size_t len, const mode *m) {
  precis_options *o = NULL;
  precis_summarizer *s = NULL;
  precis_error err;
  precis_text doc;
  t_request q;
  int pass, ok = 0;
  char *buf = exact(text, len);
  ck_assert_int_eq(precis_options_new(&o, &err), PRECIS_OK);
  precis_options_set_format(o, m->format);
  precis_options_set_utf8_mode(o, m->utf8);
  ck_assert_int_eq(precis_options_set_encoding(o, m->encoding, &err), PRECIS_OK);
  s = t_summarizer(o);
  precis_options_free(o);
  doc.data = buf;
  doc.len = len;
  doc.name = what;
  memset(&q, 0, sizeof q);
  q.docs = &doc;
  q.ndocs = 1;
  q.format = m->format;
  q.utf8 = m->utf8;
  q.unit = PRECIS_UNIT_SENTENCES; /* the defaults */
  q.budget = 3;
  q.min_words = 4;
  q.max_words = 80;
  q.order = PRECIS_ORDER_DOCUMENT;
  for (pass = 0; pass < 2; pass++) {
    precis_result *r = NULL;
    precis_status st;
    char msg[512];
    const char *bad;
    q.scored = pass;
    st = pass ? precis_summarize(s, &doc, 1, &r, &err) : precis_segment(s, &doc, 1, &r, &err);
    ck_assert_msg(t_status_expected(&q, st), "%s (%s): %s: %s", what, m->name,
                  precis_status_name(st), err.message);
    if (st != PRECIS_OK) continue;
    bad = t_check_result(&q, r, msg, sizeof msg);
    ck_assert_msg(bad == NULL, "%s (%s, %s): %s", what, m->name,
                  pass ? "summarize" : "segment", bad);
    precis_result_free(r);
    ok++;
  }
  precis_summarizer_free(s);
  free(buf);
  return ok;
}

static void run_modes(const char *what, const char *text, size_t len) {
  size_t k;
  for (k = 0; k < N_ELEMS(modes); k++) run_mode(what, text, len, &modes[k]);
}

/* The reproducer of the over-read: a last line "ii" (a roman numeral, as
** a list marker would open with), whose reader looked for the end of the
** numeral with strspn, past the end of the document. */
START_TEST(bounds_roman_last_line) {
  static const char alone[] = "ii";
  static const char after[] = "The ferry leaves the harbour at noon every day.\nii";
  static const char item[] = "Two parts of the plan:\n\n(ii";
  ck_assert_int_ge(run_mode("ii", alone, 2, &modes[0]), 1);
  ck_assert_int_eq(run_mode("sentence, ii", after, sizeof after - 1, &modes[0]), 2);
  run_modes("ii", alone, sizeof alone - 1);
  run_modes("sentence, ii", after, sizeof after - 1);
  run_modes("(ii", item, sizeof item - 1);
}
END_TEST

/* Language detection reads a word at the end of its text the same way:
** "ii" there is a numeral, not a word of any language. */
START_TEST(bounds_roman_detect) {
  static const char *const texts[] = {"ii", "Der Zug fährt um zwölf Uhr ab ii",
                                      "The ferry leaves at noon\nIV"};
  size_t k;
  for (k = 0; k < N_ELEMS(texts); k++) {
    char *buf = exact(texts[k], strlen(texts[k]));
    ck_assert_ptr_nonnull(precisI_detect(buf, strlen(texts[k])));
    free(buf);
  }
}
END_TEST

/* The fuzzers' reproducers of spans outside the document, in every mode
** and from buffers of their exact length. */
START_TEST(bounds_span_reproducers) {
  static const char a[] = "e</rl>ar. Al";
  static const char b[] = "\x01\xef\xbf\x96\xaa";
  run_modes("e</rl>ar. Al", a, sizeof a - 1);
  run_modes("01 ef bf 96 aa", b, sizeof b - 1);
}
END_TEST

/* The fuzzers' reproducer of a piece of HTML text that ended inside a
** character: gumbo's text and the Shift_JIS page's source (NULs, bytes
** read as U+FFFD) agreed again only after the first byte of a U+FFFD,
** and the span of a unit overlapped the next one. */
START_TEST(bounds_html_shift_jis) {
  static const char page[] =
    "ommentar)i. Les ferriedi. Sel+on M. Dupont, adjadvertoint au maire, le\x00\x00\x00"
    "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
    "\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\xff\xff\x00\xff\xff\x0c\xff\x00\x00"
    "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
    "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
    "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
    "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x0f\x00"
    "\x00\x00s trava\xdfx co\xc3\xbbteront env. sidebar. \xc2\xab r\xc3\xa9. Les ferr"
    "ies circule\xf5";
  static const mode m = {"html, replace, shift_jis", PRECIS_FORMAT_HTML, PRECIS_UTF8_REPLACE,
                         "shift_jis"};
  ck_assert_uint_eq(sizeof page - 1, 258);
  ck_assert_int_eq(run_mode("shift_jis page", page, sizeof page - 1, &m), 2);
}
END_TEST

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

/* Every text, Markdown and HTML file of a folder, in every mode. */
static size_t run_dir(const char *dir) {
  DIR *d = opendir(dir);
  struct dirent *e;
  size_t done = 0;
  if (d == NULL) return 0;
  while ((e = readdir(d)) != NULL) {
    char path[512];
    char *buf;
    size_t n;
    if (!ends_with(e->d_name, ".txt") && !ends_with(e->d_name, ".md") &&
        !ends_with(e->d_name, ".html"))
      continue;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    buf = t_read(path, &n);
    run_modes(path, buf, n);
    free(buf);
    done++;
  }
  closedir(d);
  return done;
}

START_TEST(bounds_fixtures) {
  size_t n = run_dir("tests/fixtures") + run_dir("spec/fixtures") +
             run_dir("spec/fixtures/formats") + run_dir("examples") + run_dir("eval/web") +
             run_dir("eval/html");
  ck_assert_uint_ge(n, 60);
}
END_TEST

/* HTML pages with NUL bytes beside bytes read as U+FFFD, where two
** rewrites each rounded a shared character outwards (the fuzzers'
** reproducers): a unit ended inside a U+FFFD of the converted text, or
** began before the unit ahead of it ended. */
START_TEST(bounds_html_nul_replaced) {
  static const char sjis[] = "v\0\0\xff\xff\0\x0c. \x08 ";
  static const char cp1252[] = "\x01\0\0\0\x01\0\x8f\x4c\x8f. L";
  static const char utf8[] = "\x87\0\0\0\xfe\xd7\0\0\xe4r\xe3\x80\x82\xe5\xb8\x82\x82\xe5\xb8\x82";
  static const mode m[] = {
    {"html, replace, shift_jis", PRECIS_FORMAT_HTML, PRECIS_UTF8_REPLACE, "shift_jis"},
    {"html, replace, windows-1252", PRECIS_FORMAT_HTML, PRECIS_UTF8_REPLACE, "windows-1252"},
    {"html, replace", PRECIS_FORMAT_HTML, PRECIS_UTF8_REPLACE, NULL},
  };
  run_mode("v NUL NUL ff ff", sjis, sizeof sjis - 1, &m[0]);
  run_mode("01 NUL 8f 4c", cp1252, sizeof cp1252 - 1, &m[1]);
  run_mode("87 NUL fe d7", utf8, sizeof utf8 - 1, &m[2]);
}
END_TEST

Suite *bounds_suite(void) {
  Suite *s = suite_create("bounds");
  TCase *tc = tcase_create("bounds");
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, bounds_roman_last_line);
  tcase_add_test(tc, bounds_roman_detect);
  tcase_add_test(tc, bounds_span_reproducers);
  tcase_add_test(tc, bounds_html_shift_jis);
  tcase_add_test(tc, bounds_html_nul_replaced);
  tcase_add_test(tc, bounds_fixtures);
  suite_add_tcase(s, tc);
  return s;
}

TCase *bounds_known_bugs(void) {
  return tcase_create("bounds");
}
