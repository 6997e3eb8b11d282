/*
** test_utf8.c: UTF-8 at the boundary. precisI_utf8_check against the
** RFC 3629 edge cases, the position a strict run reports for a bad byte,
** and replace mode, whose spans must still point at the caller's bytes.
*/
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "alloc.h"
#include "internal.h"
#include "suites.h"

/* a byte string with its length (NUL bytes allowed) */
#define B(s) s, sizeof(s) - 1

/* ---------------------------------------------------------------------
** precisI_utf8_check
** --------------------------------------------------------------------- */

typedef struct check_case {
  const char *title;
  const char *bytes;
  size_t len;
  int valid;
  size_t bad;       /* offset of the first bad byte */
  const char *why;
} check_case;

static const check_case check_cases[] = {
  {"empty", B(""), 1, 0, NULL},
  {"ascii", B("plain text."), 1, 0, NULL},
  {"NUL bytes are valid", B("a\0b\0"), 1, 0, NULL},
  {"2 bytes, U+0080", B("\xC2\x80"), 1, 0, NULL},
  {"2 bytes, U+00E9", B("caf\xC3\xA9"), 1, 0, NULL},
  {"2 bytes, U+07FF", B("\xDF\xBF"), 1, 0, NULL},
  {"3 bytes, U+0800", B("\xE0\xA0\x80"), 1, 0, NULL},
  {"3 bytes, U+20AC", B("\xE2\x82\xAC"), 1, 0, NULL},
  {"3 bytes, U+D7FF below the surrogates", B("\xED\x9F\xBF"), 1, 0, NULL},
  {"3 bytes, U+E000 above the surrogates", B("\xEE\x80\x80"), 1, 0, NULL},
  {"3 bytes, U+FFFD", B("\xEF\xBF\xBD"), 1, 0, NULL},
  {"3 bytes, U+FFFF", B("\xEF\xBF\xBF"), 1, 0, NULL},
  {"4 bytes, U+10000", B("\xF0\x90\x80\x80"), 1, 0, NULL},
  {"4 bytes, U+1F600", B("\xF0\x9F\x98\x80"), 1, 0, NULL},
  {"4 bytes, U+10FFFF", B("\xF4\x8F\xBF\xBF"), 1, 0, NULL},
  {"mixed widths", B("a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z"), 1, 0, NULL},

  {"overlong C0 80", B("ab\xC0\x80"), 0, 2, "overlong encoding"},
  {"overlong C1 BF", B("\xC1\xBF"), 0, 0, "overlong encoding"},
  {"overlong E0 80 80", B("x\xE0\x80\x80"), 0, 1, "overlong encoding"},
  {"overlong E0 9F BF (U+07FF)", B("\xE0\x9F\xBF"), 0, 0, "overlong encoding"},
  {"overlong F0 80 80 80", B("xy\xF0\x80\x80\x80"), 0, 2, "overlong encoding"},
  {"overlong F0 8F BF BF (U+FFFF)", B("\xF0\x8F\xBF\xBF"), 0, 0, "overlong encoding"},
  {"surrogate ED A0 80 (U+D800)", B("a \xED\xA0\x80"), 0, 2, "surrogate code point"},
  {"surrogate ED BF BF (U+DFFF)", B("\xED\xBF\xBF"), 0, 0, "surrogate code point"},
  {"F4 90 80 80 (U+110000)", B("\xF4\x90\x80\x80"), 0, 0, "code point above U+10FFFF"},
  {"F5 80 80 80", B("\xF5\x80\x80\x80"), 0, 0, "invalid byte"},
  {"F8 88 80 80 80 (5 bytes)", B("\xF8\x88\x80\x80\x80"), 0, 0, "invalid byte"},
  {"FC (6-byte lead)", B("ok \xFC\x84\x80\x80\x80\x80"), 0, 3, "invalid byte"},
  {"FE", B("\xFE"), 0, 0, "invalid byte"},
  {"FF after text", B("text \xFF"), 0, 5, "invalid byte"},
  {"lone continuation 80", B("\x80"), 0, 0, "unexpected continuation byte"},
  {"lone continuation BF after ascii", B("abc\xBF"), 0, 3, "unexpected continuation byte"},
  {"continuation after a whole 2-byte", B("\xC3\xA9\xA9"), 0, 2, "unexpected continuation byte"},
  {"truncated 2 bytes at end", B("abc\xC3"), 0, 3, "truncated sequence"},
  {"truncated 3 bytes at end (1 of 3)", B("abc\xE2"), 0, 3, "truncated sequence"},
  {"truncated 3 bytes at end (2 of 3)", B("\xE2\x82"), 0, 0, "truncated sequence"},
  {"truncated 4 bytes at end (3 of 4)", B("a\xF0\x9F\x98"), 0, 1, "truncated sequence"},
  {"3-byte lead then ascii", B("\xE2\x41\x42"), 0, 0, "truncated sequence"},
  {"4-byte lead cut by a space", B("\xF0\x9F\x98 ok"), 0, 0, "truncated sequence"},
  {"first of two bad bytes", B("ok\xFF then \xFE"), 0, 2, "invalid byte"},
  {"bad after multibyte", B("\xC3\xA9\xE2\x82\xAC\xFF"), 0, 5, "invalid byte"},
  {"bad after NUL", B("a\0\xC0\xAF"), 0, 2, "overlong encoding"},
};

START_TEST(utf8_check_table) {
  const check_case *c = &check_cases[_i];
  size_t bad = (size_t)-1;
  const char *why = NULL;
  int ok = precisI_utf8_check(c->bytes, c->len, &bad, &why);
  ck_assert_msg(ok == c->valid, "%s: valid %d, want %d", c->title, ok, c->valid);
  if (!c->valid) {
    ck_assert_msg(bad == c->bad, "%s: bad byte at %zu, want %zu", c->title, bad,
                  c->bad);
    ck_assert_msg(why != NULL && strcmp(why, c->why) == 0, "%s: why '%s', want '%s'",
                  c->title, why ? why : "(null)", c->why);
  }
}
END_TEST

/* ---------------------------------------------------------------------
** Replacement: what each bad sequence becomes (the maximal subpart of an
** ill-formed sequence is one U+FFFD, as Unicode and WHATWG recommend)
** --------------------------------------------------------------------- */

#define FFFD "\xEF\xBF\xBD"

typedef struct clean_case {
  const char *title;
  const char *bytes;
  size_t len;
  const char *clean; /* NUL-terminated, no NUL inside */
} clean_case;

static const clean_case clean_cases[] = {
  {"valid text is kept", B("caf\xC3\xA9"), "caf\xC3\xA9"},
  {"one invalid byte", B("a\xFF" "b"), "a" FFFD "b"},
  {"overlong C0 80: two", B("\xC0\x80"), FFFD FFFD},
  {"overlong E0 80 80: three", B("\xE0\x80\x80"), FFFD FFFD FFFD},
  {"surrogate ED A0 80: three", B("\xED\xA0\x80"), FFFD FFFD FFFD},
  {"above U+10FFFF: four", B("\xF4\x90\x80\x80"), FFFD FFFD FFFD FFFD},
  {"truncated 3-byte at end: one", B("x\xE2\x82"), "x" FFFD},
  {"truncated 4-byte then space: one", B("\xF0\x9F\x98 ok"), FFFD " ok"},
  {"lead then ascii: one, ascii kept", B("\xE2" "AB"), FFFD "AB"},
  {"lone continuations: one each", B("\x80\x80"), FFFD FFFD},
};

/* the ASCII run ends at the first high byte wherever it falls against the
** eight-byte steps, and covers the whole of a text that has none */
START_TEST(utf8_ascii_span) {
  char buf[24];
  size_t n, at;
  for (n = 0; n <= sizeof buf; n++) {
    memset(buf, 'a', sizeof buf);
    ck_assert_uint_eq(precisI_ascii_span(buf, n), n);
    for (at = 0; at < n; at++) {
      memset(buf, 'a', sizeof buf);
      buf[at] = (char)0xC3;
      ck_assert_uint_eq(precisI_ascii_span(buf, n), at);
    }
  }
}
END_TEST

START_TEST(utf8_clean_table) {
  const clean_case *c = &clean_cases[_i];
  precisI_source src;
  precis_error err;
  size_t n = strlen(c->clean);
  ck_assert_int_eq(precisI_utf8_clean(c->bytes, c->len, PRECIS_UTF8_REPLACE,
                                      &src, &err), PRECIS_OK);
  ck_assert_msg(src.len == n && memcmp(src.text, c->clean, n) == 0,
                "%s: clean text [%.*s], want [%s]", c->title, (int)src.len,
                src.text, c->clean);
  { /* the whole text maps to the whole of the caller's bytes */
    size_t a = 0, b = src.len;
    precisI_source_span(&src, &a, &b);
    ck_assert_uint_eq(a, 0);
    ck_assert_uint_eq(b, c->len);
  }
  precisI_source_free(&src);
}
END_TEST

/* ---------------------------------------------------------------------
** Strict mode through the public API: code, message, position, source
** --------------------------------------------------------------------- */

typedef struct strict_case {
  const char *title;
  const char *bytes;
  size_t len;
  size_t offset, line, column;
  const char *message;
} strict_case;

static const strict_case strict_cases[] = {
  {"first byte", B("\xFF" "Bad start. Then good."), 0, 1, 1,
   "invalid UTF-8 (invalid byte)"},
  {"line 2, column counts code points",
   B("First line is fine.\nSecond l\xC3\xAFne has a \xFF here."), 39, 2, 19,
   "invalid UTF-8 (invalid byte)"},
  {"CRLF lines", B("One line.\r\nTwo \xC0\xAF lines.\r\n"), 15, 2, 5,
   "invalid UTF-8 (overlong encoding)"},
  {"after 4-byte characters",
   B("\xF0\x9F\x98\x80\xF0\x9F\x98\x80 x \xED\xA0\x80 y."), 11, 1, 6,
   "invalid UTF-8 (surrogate code point)"},
  {"truncated at the end of line 3", B("A.\nB.\nThe end \xE2\x82"), 14, 3, 9,
   "invalid UTF-8 (truncated sequence)"},
  {"lone continuation after a blank line", B("Fine here.\n\n\x80oops."), 12, 3, 1,
   "invalid UTF-8 (unexpected continuation byte)"},
  {"above U+10FFFF", B("Caf\xC3\xA9: \xF4\x90\x80\x80."), 7, 1, 7,
   "invalid UTF-8 (code point above U+10FFFF)"},
};

static void check_strict(const strict_case *c, int segment_only) {
  precis_summarizer *s = t_summarizer(NULL);
  precis_text docs[2];
  precis_result *r = (precis_result *)&r; /* must be reset to NULL */
  precis_error err;
  precis_status st;
  const char *what = segment_only ? "segment" : "summarize";
  docs[0].data = "A good first document. It has two sentences.";
  docs[0].len = strlen(docs[0].data);
  docs[0].name = "good.txt";
  docs[1].data = c->bytes;
  docs[1].len = c->len;
  docs[1].name = "bad.txt";
  memset(&err, 0x55, sizeof err);
  st = segment_only ? precis_segment(s, docs, 2, &r, &err)
                    : precis_summarize(s, docs, 2, &r, &err);
  ck_assert_msg(st == PRECIS_EUTF8, "%s (%s): status %s", c->title, what,
                precis_status_name(st));
  ck_assert_ptr_null(r);
  ck_assert_int_eq(err.code, PRECIS_EUTF8);
  ck_assert_str_eq(err.message, c->message);
  ck_assert_int_eq(err.has_offset, 1);
  ck_assert_msg(err.offset == c->offset, "%s: offset %zu, want %zu", c->title,
                err.offset, c->offset);
  ck_assert_msg(err.line == c->line && err.column == c->column,
                "%s: %zu:%zu, want %zu:%zu", c->title, err.line, err.column,
                c->line, c->column);
  ck_assert_str_eq(err.source, "bad.txt");
  ck_assert_uint_eq(err.doc, 1);
  ck_assert_int_eq(err.sys_errno, 0);
  precis_summarizer_free(s);
}

START_TEST(utf8_strict_summarize) { check_strict(&strict_cases[_i], 0); }
END_TEST

START_TEST(utf8_strict_segment) { check_strict(&strict_cases[_i], 1); }
END_TEST

START_TEST(utf8_strict_source_names) {
  precis_summarizer *s = t_summarizer(NULL);
  precis_text doc;
  precis_result *r = NULL;
  precis_error err;
  char longname[300];
  memset(longname, 'n', sizeof longname - 1);
  longname[sizeof longname - 1] = '\0';
  doc.data = "Bad \xFF byte.";
  doc.len = strlen(doc.data);
  doc.name = NULL; /* no name: an empty source */
  ck_assert_int_eq(precis_summarize(s, &doc, 1, &r, &err), PRECIS_EUTF8);
  ck_assert_str_eq(err.source, "");
  ck_assert_uint_eq(err.doc, 0);
  ck_assert_uint_eq(err.offset, 4);
  doc.name = longname; /* too long: cut to fit, still terminated */
  ck_assert_int_eq(precis_summarize(s, &doc, 1, &r, &err), PRECIS_EUTF8);
  ck_assert_uint_eq(strlen(err.source), sizeof err.source - 1);
  ck_assert_int_eq(strncmp(err.source, longname, sizeof err.source - 1), 0);
  /* a NULL error pointer is allowed */
  ck_assert_int_eq(precis_summarize(s, &doc, 1, &r, NULL), PRECIS_EUTF8);
  ck_assert_ptr_null(r);
  precis_summarizer_free(s);
}
END_TEST

/* ---------------------------------------------------------------------
** Replace mode through the public API: spans still index the caller's
** bytes, bad sequences included
** --------------------------------------------------------------------- */

typedef struct replace_case {
  const char *title;
  const char *bytes;
  size_t len;
  struct { precis_kind kind; const char *text; size_t chars; } want[4];
} replace_case;

#define SENT PRECIS_KIND_SENTENCE
#define TITLE PRECIS_KIND_TITLE

static const replace_case replace_cases[] = {
  {"Latin-1 byte, two bad bytes, truncated sequence",
   B("Caf\xE9 au lait is sold here. The \xFF\xFE bar opens at noon. "
     "Prices rise \xE2\x82 today."),
   {{SENT, "Caf\xE9 au lait is sold here.", 26},
    {SENT, "The \xFF\xFE bar opens at noon.", 25},
    {SENT, "Prices rise \xE2\x82 today.", 20}}},
  {"bad bytes at the very start and end",
   B("\xFF\xFEStart here today. It is a long line with many words in it so "
     "that it cannot be read as a heading at all \xC0"),
   {{SENT, "\xFF\xFEStart here today.", 19},
    {SENT, "It is a long line with many words in it so that it cannot be read "
           "as a heading at all \xC0", 87}}},
  {"in a title, before valid multibyte text",
   B("Caf\xE9 News Today\n\nThe caf\xC3\xA9 \xED\xA0\x80 opened early. "
     "Queues formed \xF0\x9F\x98\x80 outside."),
   {{TITLE, "Caf\xE9 News Today", 15},
    {SENT, "The caf\xC3\xA9 \xED\xA0\x80 opened early.", 26},
    {SENT, "Queues formed \xF0\x9F\x98\x80 outside.", 24}}},
  {"overlong sequence becomes one mark per byte",
   B("A slash \xC0\xAF is here. Another sentence follows it."),
   {{SENT, "A slash \xC0\xAF is here.", 19},
    {SENT, "Another sentence follows it.", 28}}},
};

static void check_replace(const replace_case *c, int segment_only) {
  precis_options *o = NULL;
  precis_summarizer *s;
  precis_result *r;
  size_t i, n = 0;
  ck_assert_int_eq(precis_options_new(&o, NULL), PRECIS_OK);
  precis_options_set_utf8_mode(o, PRECIS_UTF8_REPLACE);
  s = t_summarizer(o);
  r = t_run(s, c->bytes, c->len, segment_only);
  while (n < N_ELEMS(c->want) && c->want[n].text) n++;
  ck_assert_msg(precis_result_count(r) == n, "%s: %zu units, want %zu", c->title,
                precis_result_count(r), n);
  for (i = 0; i < n; i++) {
    precis_sentence u = t_unit(r, i);
    ck_assert_msg(u.start <= u.end && u.end <= c->len, "%s: unit %zu [%zu, %zu) "
                  "outside %zu bytes", c->title, i, u.start, u.end, c->len);
    ck_assert_msg(u.kind == c->want[i].kind, "%s: unit %zu kind %d, want %d",
                  c->title, i, (int)u.kind, (int)c->want[i].kind);
    ck_assert_msg(t_span_is(c->bytes, &u, c->want[i].text),
                  "%s: unit %zu reads [%.*s], want [%s]", c->title, i,
                  (int)(u.end - u.start), c->bytes + u.start, c->want[i].text);
    ck_assert_msg(u.chars == c->want[i].chars, "%s: unit %zu has %zu chars, want %zu",
                  c->title, i, u.chars, c->want[i].chars);
  }
  if (!segment_only) ck_assert_uint_ge(precis_result_selected_count(r), 1);
  precis_result_free(r);
  precis_summarizer_free(s);
  precis_options_free(o);
}

START_TEST(utf8_replace_segment) { check_replace(&replace_cases[_i], 1); }
END_TEST

START_TEST(utf8_replace_summarize) { check_replace(&replace_cases[_i], 0); }
END_TEST

/* ---------------------------------------------------------------------
** NUL bytes are text like any other (they separate words)
** --------------------------------------------------------------------- */

START_TEST(utf8_nul_bytes) {
  static const char text[] =
      "The first sentence is here.\0 The second one fol\0lows.\0\0"
      "And a third one ends it.";
  static const struct { const char *s; size_t n; } want[] = {
    {B("The first sentence is here.")},
    {B("The second one fol\0lows.")},
    {B("And a third one ends it.")},
  };
  precis_summarizer *s = t_summarizer(NULL);
  precis_result *r;
  size_t i;
  int mode;
  for (mode = 0; mode < 2; mode++) {
    r = t_run(s, text, sizeof text - 1, mode);
    ck_assert_uint_eq(precis_result_count(r), N_ELEMS(want));
    for (i = 0; i < N_ELEMS(want); i++) {
      precis_sentence u = t_unit(r, i);
      ck_assert_int_eq(u.kind, PRECIS_KIND_SENTENCE);
      ck_assert_msg(u.end - u.start == want[i].n &&
                    memcmp(text + u.start, want[i].s, want[i].n) == 0,
                    "unit %zu reads [%.*s]", i, (int)(u.end - u.start),
                    text + u.start);
    }
    if (mode == 0) ck_assert_uint_eq(precis_result_selected_count(r), 3);
    precis_result_free(r);
  }
  precis_summarizer_free(s);
}
END_TEST

/* ---------------------------------------------------------------------
** Folding a word: the same bytes as utf8proc_map, with no allocation
** --------------------------------------------------------------------- */

static const char *const fold_words[] = {
  "Straße", "STRASSE", "İstanbul", "ΣΟΦΟΣ", "ﬁnance", "Cafe\xcc\x81", "ÅNGSTRÖM",
  "Ǆemal", "ǅ", "ᾈ", "Ⅻ", "Ｆｕｌｌ", "naïve", "Łódź", "Дом", "한국어", "日本",
  "e\xcc\x81\xcc\x81\xcc\x81", "ab\xcd\x85",
};

START_TEST(utf8_fold_as_map) {
  const char *w = fold_words[_i];
  size_t n = strlen(w), got;
  char out[256];
  utf8proc_uint8_t *m = NULL;
  utf8proc_ssize_t want = utf8proc_map((const utf8proc_uint8_t *)w, (utf8proc_ssize_t)n, &m,
                                       UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STABLE);
  ck_assert_int_gt(want, 0);
  t_alloc_fail(0);
  got = precisI_utf8_fold(w, n, out, sizeof out);
  ck_assert_uint_eq(t_alloc_count(), 0); /* nothing allocated */
  ck_assert_msg(got == (size_t)want && memcmp(out, m, got) == 0, "'%s': %zu bytes, want %zd",
                w, got, want);
  free(m);
}
END_TEST

START_TEST(utf8_fold_bounds) {
  char out[8], big[2000];
  ck_assert_uint_eq(precisI_utf8_fold("Straße", 7, out, sizeof out), 7); /* strasse */
  ck_assert_uint_eq(precisI_utf8_fold("Straße", 7, out, 6), 0);          /* does not fit */
  ck_assert_uint_eq(precisI_utf8_fold("", 0, out, sizeof out), 0);
  ck_assert_uint_eq(precisI_utf8_fold("a\xff", 2, out, sizeof out), 0);  /* not UTF-8 */
  memset(big, 'a', sizeof big);
  ck_assert_uint_eq(precisI_utf8_fold(big, sizeof big, out, sizeof out), 0);
}
END_TEST

Suite *utf8_suite(void) {
  Suite *s = suite_create("utf8");
  TCase *tc = tcase_create("check");
  tcase_add_loop_test(tc, utf8_check_table, 0, (int)N_ELEMS(check_cases));
  tcase_add_loop_test(tc, utf8_clean_table, 0, (int)N_ELEMS(clean_cases));
  tcase_add_test(tc, utf8_ascii_span);
  suite_add_tcase(s, tc);
  tc = tcase_create("strict");
  tcase_add_loop_test(tc, utf8_strict_summarize, 0, (int)N_ELEMS(strict_cases));
  tcase_add_loop_test(tc, utf8_strict_segment, 0, (int)N_ELEMS(strict_cases));
  tcase_add_test(tc, utf8_strict_source_names);
  suite_add_tcase(s, tc);
  tc = tcase_create("replace");
  tcase_add_loop_test(tc, utf8_replace_segment, 0, (int)N_ELEMS(replace_cases));
  tcase_add_loop_test(tc, utf8_replace_summarize, 0, (int)N_ELEMS(replace_cases));
  tcase_add_test(tc, utf8_nul_bytes);
  suite_add_tcase(s, tc);
  tc = tcase_create("fold");
  tcase_add_loop_test(tc, utf8_fold_as_map, 0, (int)N_ELEMS(fold_words));
  tcase_add_test(tc, utf8_fold_bounds);
  suite_add_tcase(s, tc);
  return s;
}
