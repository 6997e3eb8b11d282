/*
** suites.h: the Check suites of the C core, one per stage, and the small
** helpers they share (util.c). Every helper that can fail fails the
** running test with a message naming the case.
*/
#ifndef PRECIS_TEST_SUITES_H
#define PRECIS_TEST_SUITES_H

#include <stddef.h>

#include <check.h>

#include "precis.h"

Suite *utf8_suite(void);
Suite *segment_suite(void);
Suite *options_suite(void);
Suite *summarize_suite(void);
Suite *lang_suite(void);
Suite *detect_suite(void);
Suite *format_suite(void);
Suite *clean_suite(void);
Suite *yaml_suite(void);
Suite *extras_suite(void);
Suite *date_suite(void);
Suite *methods_suite(void);
Suite *select_suite(void);
Suite *mix_suite(void);
Suite *languages_suite(void);
Suite *spans_suite(void);
Suite *html_suite(void);
Suite *batch_suite(void);
Suite *cost_suite(void);
Suite *encoding_suite(void);
Suite *bounds_suite(void);

/* Tests that pin bugs of the core: they fail until the bugs are fixed, so
** check_main.c runs them only when PRECIS_KNOWN_BUGS=1. */
TCase *segment_known_bugs(void);
TCase *summarize_known_bugs(void);
TCase *methods_known_bugs(void);
TCase *bounds_known_bugs(void);

/* ---------------------------------------------------------------------
** Helpers (util.c)
** --------------------------------------------------------------------- */

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Options with every scorer off but `scorer` (weight 1); fails the test
** when a call fails. */
precis_options *t_options_only(const char *scorer);

/* A summarizer from `opt` (NULL for the defaults); fails the test when
** precis_summarizer_new fails. */
precis_summarizer *t_summarizer(const precis_options *opt);

/* Runs precis_summarize (or precis_segment when `segment_only`) on one
** document and fails the test with the error message unless it succeeds. */
precis_result *t_run(const precis_summarizer *s, const char *data, size_t len,
                     int segment_only);

/* Unit `i` of `r`; fails the test when it is out of range. */
precis_sentence t_unit(const precis_result *r, size_t i);

/* Does the span of `u` in `text` read exactly `want`? */
int t_span_is(const char *text, const precis_sentence *u, const char *want);

/* The number of units of kind PRECIS_KIND_SENTENCE. */
size_t t_count_kind(const precis_result *r, precis_kind kind);

/* The unit index of the first sentence of document `doc` (whose bytes are
** `text`) that starts with `prefix`, or (size_t)-1. */
size_t t_find(const precis_result *r, size_t doc, const char *text,
              const char *prefix);

/* 1 when two results are identical: units, spans, kinds, scores (bit for
** bit), ranks, selection and scorer values; 0 otherwise. Asserts nothing,
** so that threads may call it. */
int t_same_result(const precis_result *a, const precis_result *b);

/* Reads the file at `path` into a malloc'ed buffer, NUL-terminated after
** its *len bytes; fails the test when it cannot. */
char *t_read(const char *path, size_t *len);

/* Reads tests/fixtures/<name> (or $PRECIS_TEST_FIXTURES/<name>) into a
** malloc'ed buffer; fails the test when it cannot. */
char *t_fixture(const char *name, size_t *len);

#endif
