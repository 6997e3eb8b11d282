/*
** test_date.c: the dates documents carry (date.c) and summaries ordered
** by them.
*/
#include <string.h>

#include "internal.h"
#include "suites.h"

typedef struct date_case {
  const char *title, *text;
  int want;
} date_case;

static const date_case date_cases[] = {
  {"date stamp", "date 2023-11-14 ", 20231114},
  {"date stamp with a colon", "date: 2023-11-14", 20231114},
  {"ISO date alone", "2024-02-29", 20240229},
  {"month day, year", "November 6, 2023", 20231106},
  {"abbreviated month", "Nov. 6, 2023", 20231106},
  {"weekday, day month year", "Tuesday, 14 November 2023", 20231114},
  {"ordinal day", "March 3rd, 2024", 20240303},
  {"ordinal day first", "6th November 2023", 20231106},
  {"a label and a time before the date", "Updated 12:30 GMT, 14 November 2023", 20231114},
  {"a label, 'on' and a time after the date",
   "Published on November 14, 2023 at 3:45 p.m. ET", 20231114},
  {"a weekday with a period", "Tue. 14 November 2023", 20231114},
  {"a time alone", "12:30 GMT", 0},
  {"no such day", "date: 2023-02-30", 0},
  {"not a leap year", "2023-02-29", 0},
  {"a heading, not a date", "Overview", 0},
  {"a date inside a sentence", "November 6 2023 was a day", 0},
  {"month and year only", "May 2023", 0},
  {"empty", "", 0},
};

START_TEST(date_parse_table) {
  const date_case *c = &date_cases[_i];
  ck_assert_msg(precisI_parse_date(c->text, strlen(c->text)) == c->want,
                "%s: [%s] gave %d, want %d", c->title, c->text,
                precisI_parse_date(c->text, strlen(c->text)), c->want);
}
END_TEST

/* two documents given newest first come out oldest first by date */
START_TEST(date_orders_documents) {
  static const char newer[] = "date 2023-11-14 The ferry service resumed on "
                              "Tuesday after the strike ended.";
  static const char older[] = "Ferry Strike\n\nNovember 6, 2023\n\nFerry crews "
                              "walked out on Monday over pay and rosters.";
  precis_text docs[2] = {{newer, sizeof newer - 1, "newer"},
                         {older, sizeof older - 1, "older"}};
  precis_options *o;
  precis_summarizer *s;
  precis_result *r;
  precis_sentence u;
  ck_assert_int_eq(precis_options_new(&o, NULL), PRECIS_OK);
  ck_assert_int_eq(precis_options_set_budget(o, PRECIS_UNIT_SENTENCES, 2, NULL), PRECIS_OK);
  precis_options_set_order(o, PRECIS_ORDER_DATE);
  ck_assert_int_eq(precis_summarizer_new(o, &s, NULL), PRECIS_OK);
  ck_assert_int_eq(precis_summarize(s, docs, 2, &r, NULL), PRECIS_OK);
  ck_assert_int_eq(precis_result_document_date(r, 0), 20231114);
  ck_assert_int_eq(precis_result_document_date(r, 1), 20231106);
  ck_assert_int_eq(precis_result_document_date(r, 2), 0); /* out of range */
  ck_assert_uint_eq(precis_result_selected_count(r), 2);
  ck_assert(precis_result_get(r, precis_result_selected(r, 0), &u));
  ck_assert_uint_eq(u.doc, 1);
  ck_assert(precis_result_get(r, precis_result_selected(r, 1), &u));
  ck_assert_uint_eq(u.doc, 0);
  precis_result_free(r);
  precis_summarizer_free(s);
  precis_options_free(o);
}
END_TEST

Suite *date_suite(void) {
  Suite *s = suite_create("date");
  TCase *tc = tcase_create("dates");
  tcase_add_loop_test(tc, date_parse_table, 0, (int)N_ELEMS(date_cases));
  tcase_add_test(tc, date_orders_documents);
  suite_add_tcase(s, tc);
  return s;
}
