/*
** check_main.c: runs every suite of the C core. The exit status is 0 only
** when every test passed. CK_RUN_SUITE / CK_RUN_CASE select a subset and
** CK_FORK=no keeps everything in one process (for sanitizers).
**
** PRECIS_KNOWN_BUGS=1 runs, instead, the tests that pin known bugs of the
** core; they fail until the bugs are fixed, so the default run leaves them
** out.
*/
#include <stdlib.h>
#include <string.h>

#include "suites.h"

static Suite *known_bugs_suite(void) {
  Suite *s = suite_create("known_bugs");
  suite_add_tcase(s, segment_known_bugs());
  suite_add_tcase(s, summarize_known_bugs());
  suite_add_tcase(s, methods_known_bugs());
  suite_add_tcase(s, bounds_known_bugs());
  return s;
}

int main(void) {
  const char *kb = getenv("PRECIS_KNOWN_BUGS");
  SRunner *sr;
  int failed;
  if (kb && strcmp(kb, "1") == 0) {
    sr = srunner_create(known_bugs_suite());
  } else {
    sr = srunner_create(utf8_suite());
    srunner_add_suite(sr, lang_suite());
    srunner_add_suite(sr, detect_suite());
    srunner_add_suite(sr, format_suite());
    srunner_add_suite(sr, clean_suite());
    srunner_add_suite(sr, segment_suite());
    srunner_add_suite(sr, options_suite());
    srunner_add_suite(sr, summarize_suite());
    srunner_add_suite(sr, yaml_suite());
    srunner_add_suite(sr, extras_suite());
    srunner_add_suite(sr, date_suite());
    srunner_add_suite(sr, methods_suite());
    srunner_add_suite(sr, select_suite());
    srunner_add_suite(sr, mix_suite());
    srunner_add_suite(sr, languages_suite());
    srunner_add_suite(sr, spans_suite());
    srunner_add_suite(sr, encoding_suite());
    srunner_add_suite(sr, html_suite());
    srunner_add_suite(sr, batch_suite());
    srunner_add_suite(sr, cost_suite());
    srunner_add_suite(sr, bounds_suite());
  }
  srunner_run_all(sr, CK_NORMAL);
  failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
