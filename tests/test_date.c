/*
** test_date.c: the dates documents carry (date.c) and summaries ordered
** by them.
*/
#include <string.h>

#include "internal.h"
#include "suites.h"

typedef struct date_case {
  const char *lang, *title, *text;
  int want;
} date_case;

static const date_case date_cases[] = {
  {"english", "date stamp", "date 2023-11-14 ", 20231114},
  {"english", "date stamp with a colon", "date: 2023-11-14", 20231114},
  {"english", "ISO date alone", "2024-02-29", 20240229},
  {"english", "month day, year", "November 6, 2023", 20231106},
  {"english", "abbreviated month", "Nov. 6, 2023", 20231106},
  {"english", "weekday, day month year", "Tuesday, 14 November 2023", 20231114},
  {"english", "ordinal day", "March 3rd, 2024", 20240303},
  {"english", "ordinal day first", "6th November 2023", 20231106},
  {"english", "a label and a time before the date", "Updated 12:30 GMT, 14 November 2023", 20231114},
  {"english", "a label, 'on' and a time after the date",
   "Published on November 14, 2023 at 3:45 p.m. ET", 20231114},
  {"english", "a weekday with a period", "Tue. 14 November 2023", 20231114},
  {"english", "a time alone", "12:30 GMT", 0},
  {"english", "no such day", "date: 2023-02-30", 0},
  {"english", "not a leap year", "2023-02-29", 0},
  {"english", "a heading, not a date", "Overview", 0},
  {"english", "a date inside a sentence", "November 6 2023 was a day", 0},
  {"english", "month and year only", "May 2023", 0},
  {"english", "empty", "", 0},
  /* numeric dates, and month names and labels in the language */
  {"english", "numeric, month first in English", "11/14/2023", 20231114},
  {"english", "numeric, a day past 12 first", "14/11/2023", 20231114},
  {"german", "numeric with periods", "Stand: 14.11.2023 09:15 Uhr", 20231114},
  {"german", "day, period, month name", "Dienstag, 14. November 2023", 20231114},
  {"german", "a month with an umlaut", "3. M\xC3\xA4rz 2024", 20240303},
  {"french", "a label, 'à' and a time", "Publi\xC3\xA9 le 14 novembre 2023 \xC3\xA0 09h15",
   20231114},
  {"french", "an abbreviated month", "mis \xC3\xA0 jour le 3 f\xC3\xA9vr. 2024", 20240203},
  {"spanish", "'de' between the parts", "14 de noviembre de 2023", 20231114},
  {"italian", "day month year", "14 novembre 2023", 20231114},
  {"french", "numeric, day first outside English", "03/04/2024", 20240403},
  {"japanese", "year, month and day in Han characters, and a time",
   "2023\xE5\xB9\xB4" "11\xE6\x9C\x88" "14\xE6\x97\xA5 9\xE6\x99\x82" "15\xE5\x88\x86", 20231114},
  {"italian", "'alle' before the time", "Pubblicato il 14 novembre 2023 alle 09:15", 20231114},
  {"spanish", "two words before the time", "3 de marzo de 2024 a las 9:15", 20240303},
  {"swedish", "an abbreviated word before the time", "Publicerad 14 november 2023 kl. 09.15",
   20231114},
};

START_TEST(date_parse_table) {
  const date_case *c = &date_cases[_i];
  ck_assert_msg(precisI_parse_date(c->text, strlen(c->text), precisI_lang_find(c->lang)) == c->want,
                "%s: [%s] gave %d, want %d", c->title, c->text,
                precisI_parse_date(c->text, strlen(c->text), precisI_lang_find(c->lang)), c->want);
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
