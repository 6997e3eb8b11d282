/*
** test_batch.c: the batch engine (batch.c): documents in, results out in
** the order they went in, whatever thread finished first; the window; the
** JSON writer's strings and numbers; sets of ids.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "suites.h"

static const char *const texts[] = {
  "The harbour bridge will close for repairs in March. The council said the "
  "work would take about eight months. Ferries will run every ten minutes.",
  "",
  "Die Brücke am Hafen wird im März für Reparaturen geschlossen. Der Rat "
  "sagte, dass die Arbeiten etwa acht Monate dauern werden.",
  "Bad \xff byte in this one. It has a second sentence as well.",
  "Short.",
  "The orchard opened its gates on Saturday. Hundreds of families came to "
  "pick apples. The owners said the harvest was the best in ten years. "
  "Prices stayed the same as last year.",
};

/* Every record of `n` documents (texts[] in turn) through a batch of
** `jobs` threads and a window of `window`, concatenated. */
static char *run_batch(size_t jobs, const char *window, size_t n, size_t *errors) {
  precis_summarizer *s = t_summarizer(NULL);
  precis_batch *b = NULL;
  precis_error err;
  precis_batch_item it;
  precisI_buf out = {NULL, 0, 0};
  size_t added = 0, taken = 0;
  *errors = 0;
  ck_assert_int_eq(precis_batch_new(s, jobs, &b, &err), PRECIS_OK);
  if (window) ck_assert_int_eq(precis_batch_set(b, "window", window, &err), PRECIS_OK);
  while (taken < n) {
    while (added < n && precis_batch_pending(b) + 1 < precis_batch_window(b)) {
      char id[32];
      precis_text doc;
      doc.data = texts[added % N_ELEMS(texts)];
      doc.len = strlen(doc.data);
      doc.name = NULL;
      snprintf(id, sizeof id, "d%zu", added);
      ck_assert_int_eq(precis_batch_add(b, id, strlen(id), &doc, &err), PRECIS_OK);
      added++;
    }
    ck_assert_int_eq(precis_batch_next(b, &it, &err), PRECIS_OK);
    {
      char id[32];
      snprintf(id, sizeof id, "\"d%zu\"", taken);
      ck_assert_uint_eq(it.id_len, strlen(id));
      ck_assert(memcmp(it.id, id, it.id_len) == 0);
    }
    if (it.status != PRECIS_OK) (*errors)++;
    ck_assert(precisI_buf_add(&out, it.record, it.record_len));
    taken++;
  }
  ck_assert_int_eq(precis_batch_next(b, &it, &err), PRECIS_EEMPTY);
  precis_batch_free(b);
  precis_summarizer_free(s);
  ck_assert(precisI_buf_add(&out, "", 1));
  return out.p;
}

START_TEST(batch_order_and_threads) {
  size_t e1, e4, e2;
  char *one = run_batch(1, NULL, 60, &e1);
  char *four = run_batch(4, NULL, 60, &e4);
  char *tight = run_batch(2, "2", 60, &e2);
  ck_assert_str_eq(one, four);
  ck_assert_str_eq(one, tight);
  ck_assert_uint_eq(e1, 20); /* the empty text and the bad byte, ten times each */
  ck_assert(strstr(one, "{\"id\":\"d1\",\"error\":{\"code\":\"EEMPTY\"") != NULL);
  ck_assert(strstr(one, "{\"id\":\"d3\",\"error\":{\"code\":\"EUTF8\",\"message\":\"invalid "
                        "UTF-8 (invalid byte)\",\"line\":1,\"column\":5,\"offset\":4}}\n") != NULL);
  ck_assert(strstr(one, "{\"id\":\"d2\",\"documents\":[{}],\"language\":\"german\"") != NULL);
  free(one);
  free(four);
  free(tight);
}
END_TEST

START_TEST(batch_window_and_misuse) {
  precis_summarizer *s = t_summarizer(NULL);
  precis_batch *b = NULL;
  precis_error err;
  precis_batch_item it;
  precis_text doc = {"One sentence to read here.", 26, NULL};
  size_t k;
  ck_assert_int_eq(precis_batch_new(NULL, 1, &b, &err), PRECIS_EINVAL);
  ck_assert_ptr_null(b);
  ck_assert_int_eq(precis_batch_new(s, 2, &b, &err), PRECIS_OK);
  ck_assert_int_eq(precis_batch_set(b, "format", "xml", &err), PRECIS_EINVAL);
  ck_assert_int_eq(precis_batch_set(b, "window", "1", &err), PRECIS_EINVAL);
  ck_assert_int_eq(precis_batch_set(b, "colour", "red", &err), PRECIS_EINVAL);
  ck_assert_int_eq(precis_batch_next(b, &it, &err), PRECIS_EEMPTY);
  ck_assert_uint_eq(precis_batch_window(b), 6);
  for (k = 0; k < 6; k++) ck_assert_int_eq(precis_batch_add(b, "x", 1, &doc, &err), PRECIS_OK);
  ck_assert_int_eq(precis_batch_add(b, "x", 1, &doc, &err), PRECIS_ELIMIT);
  ck_assert_int_eq(precis_batch_set(b, "format", "text", &err), PRECIS_EINVAL); /* too late */
  ck_assert_int_eq(precis_batch_next(b, &it, &err), PRECIS_OK);
  ck_assert_uint_eq(precis_batch_pending(b), 5);
  /* freed with documents still held: the threads finish and go */
  precis_batch_free(b);
  precis_summarizer_free(s);
}
END_TEST

/* records from JSON Lines, and the text format */
START_TEST(batch_records) {
  static const char *const lines[] = {
    "{\"id\":7,\"text\":\"The bridge closes in March for repairs. The ferry runs all day.\","
    "\"options\":{\"sentences\":1}}",
    "{\"id\":\"q\",\"text\":\"The bridge closes in March. The ferry runs every ten minutes.\","
    "\"query\":\"ferry\",\"options\":{\"sentences\":1}}",
    "[1, 2]",
    "{\"id\":\"l\",\"text\":\"Hello there, this is fine.\",\"language\":\"klingon\"}",
    "{\"id\":{\"a\":1},\"text\":\"x\"}",
  };
  precis_summarizer *s = t_summarizer(NULL);
  precis_batch *b = NULL;
  precis_error err;
  precis_batch_item it;
  size_t k;
  ck_assert_int_eq(precis_batch_new(s, 2, &b, &err), PRECIS_OK);
  ck_assert_int_eq(precis_batch_set(b, "format", "text", &err), PRECIS_OK);
  ck_assert_int_eq(precis_batch_set(b, "window", "8", &err), PRECIS_OK);
  for (k = 0; k < N_ELEMS(lines); k++)
    ck_assert_int_eq(precis_batch_add_json(b, lines[k], strlen(lines[k]), "in.jsonl", k + 1, &err),
                     PRECIS_OK);
  ck_assert_int_eq(precis_batch_next(b, &it, &err), PRECIS_OK);
  ck_assert_str_eq(it.record, "7\tThe bridge closes in March for repairs.\n");
  ck_assert_int_eq(precis_batch_next(b, &it, &err), PRECIS_OK);
  ck_assert_str_eq(it.record, "q\tThe ferry runs every ten minutes.\n");
  ck_assert_int_eq(precis_batch_next(b, &it, &err), PRECIS_OK);
  ck_assert_str_eq(it.record, "in.jsonl:3\terror: EINVAL: a record must be a JSON object\n");
  ck_assert_int_eq(precis_batch_next(b, &it, &err), PRECIS_OK);
  ck_assert_str_eq(it.record, "l\terror: EINVAL: unknown language 'klingon'\n");
  ck_assert_int_eq(precis_batch_next(b, &it, &err), PRECIS_OK);
  ck_assert_str_eq(it.record, "in.jsonl:5\terror: EINVAL: 'id' must be a string or an integer\n");
  precis_batch_free(b);
  precis_summarizer_free(s);
}
END_TEST

/* json.lua's bytes: invalid bytes one U+FFFD each, escapes, numbers */
START_TEST(batch_json_writer) {
  precisI_buf b = {NULL, 0, 0};
  static const char in[] = "a\"\\\b\f\n\r\t\x01\x7f\xe2\x80\xa8\xe2\x80\xa9\xff\xe2\x82 \xed\xa0\x80\xc3\xa9";
  ck_assert(precisI_json_string(&b, in, sizeof in - 1));
  ck_assert(precisI_buf_add(&b, "", 1));
  ck_assert_str_eq(b.p, "\"a\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u007f\\u2028\\u2029"
                        "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xc3\xa9\"");
  b.n = 0;
  ck_assert(precisI_json_string(&b, "x\0y", 3));
  ck_assert(precisI_buf_add(&b, "", 1));
  ck_assert_str_eq(b.p, "\"x\\u0000y\"");
  b.n = 0;
  ck_assert(precisI_json_number(&b, 1.0) && precisI_buf_add(&b, " ", 1));
  ck_assert(precisI_json_number(&b, 0.0) && precisI_buf_add(&b, " ", 1));
  ck_assert(precisI_json_number(&b, -0.0) && precisI_buf_add(&b, " ", 1));
  ck_assert(precisI_json_number(&b, 0.8619823) && precisI_buf_add(&b, " ", 1));
  ck_assert(precisI_json_number(&b, 1.0 / 3) && precisI_buf_add(&b, " ", 1));
  ck_assert(precisI_json_number(&b, 2.5e-7) && precisI_buf_add(&b, "", 1));
  ck_assert_str_eq(b.p, "1 0 0 0.861982 0.333333 2.5e-07");
  free(b.p);
}
END_TEST

START_TEST(batch_idset) {
  precisI_idset s = {NULL, 0, 0};
  char id[32];
  size_t k, added = 0, wrong = 0;
  for (k = 0; k < 5000; k++) { /* plain counts: an assertion costs a write */
    snprintf(id, sizeof id, "\"doc-%zu\"", k);
    added += (size_t)precisI_idset_add(&s, id, strlen(id));
  }
  ck_assert_uint_eq(added, 5000);
  ck_assert(precisI_idset_add(&s, "\"doc-1\"", 7)); /* again: no second entry */
  ck_assert_uint_eq(s.n, 5000);
  for (k = 0; k < 10000; k++) {
    snprintf(id, sizeof id, "\"doc-%zu\"", k);
    wrong += precisI_idset_has(&s, id, strlen(id)) != (k < 5000);
  }
  ck_assert_uint_eq(wrong, 0);
  precisI_idset_free(&s);
}
END_TEST

Suite *batch_suite(void) {
  Suite *s = suite_create("batch");
  TCase *tc = tcase_create("engine");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, batch_order_and_threads);
  tcase_add_test(tc, batch_window_and_misuse);
  tcase_add_test(tc, batch_records);
  tcase_add_test(tc, batch_json_writer);
  tcase_add_test(tc, batch_idset);
  suite_add_tcase(s, tc);
  return s;
}
