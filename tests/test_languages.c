/*
** test_languages.c: sentences in many languages, through precis_segment
** with the language given. Each case lists the text of every unit that is
** not dropped, in order. The texts are ours, written in the shapes that
** real text in each language takes (dialogue dashes, LaTeX quotes, CJK
** punctuation, legal abbreviations).
*/
#include <string.h>

#include "suites.h"

typedef struct lang_case {
  const char *lang;
  const char *input;
  const char *want[10]; /* ends at the first NULL */
} lang_case;

static const lang_case lang_cases[] = {
  /* ---- quotations ------------------------------------------------- */
  {"german", /* LaTeX quotes: `` opens, '' closes, a single ' does not */
   "Er kam sp\xC3\xA4t. ``Wir bleiben hier. Das ist klar.'' Dann ging er. "
   "Die Stadt nennt es den ``neuen Hafen''. Der Bau beginnt im Mai.",
   {"Er kam sp\xC3\xA4t.", "``Wir bleiben hier. Das ist klar.''", "Dann ging er.",
    "Die Stadt nennt es den ``neuen Hafen''.", "Der Bau beginnt im Mai."}},
  {"german", /* an unclosed `` does not swallow the sentences after it */
   "Er sagte es laut. ``Wir bleiben hier. Der Rat tagt morgen. Die "
   "Br\xC3\xBC" "cke im ``Hafen'' ist alt.",
   {"Er sagte es laut.", "``Wir bleiben hier.", "Der Rat tagt morgen.",
    "Die Br\xC3\xBC" "cke im ``Hafen'' ist alt."}},
  /* ---- a dash that opens speech after a sentence end --------------- */
  {"polish",
   "Wr\xC3\xB3" "ci\xC5\x82 p\xC3\xB3\xC5\xBAno. - Gdzie by\xC5\x82" "e\xC5\x9B? - zapyta\xC5\x82" "a. "
   "- W porcie - odpowiedzia\xC5\x82.",
   {"Wr\xC3\xB3" "ci\xC5\x82 p\xC3\xB3\xC5\xBAno.",
    "- Gdzie by\xC5\x82" "e\xC5\x9B? - zapyta\xC5\x82" "a.", "- W porcie - odpowiedzia\xC5\x82."}},
  {"russian",
   "\xD0\x9E\xD0\xBD \xD0\xBA\xD0\xB8\xD0\xB2\xD0\xBD\xD1\x83\xD0\xBB. "
   "\xE2\x80\x94 \xD0\xA2\xD1\x8B \xD0\xBF\xD1\x80\xD0\xB8\xD0\xB4\xD1\x91\xD1\x88\xD1\x8C? "
   "\xE2\x80\x94 \xD1\x81\xD0\xBF\xD1\x80\xD0\xBE\xD1\x81\xD0\xB8\xD0\xBB\xD0\xB0 \xD0\xBE\xD0\xBD\xD0\xB0.",
   {"\xD0\x9E\xD0\xBD \xD0\xBA\xD0\xB8\xD0\xB2\xD0\xBD\xD1\x83\xD0\xBB.",
    "\xE2\x80\x94 \xD0\xA2\xD1\x8B \xD0\xBF\xD1\x80\xD0\xB8\xD0\xB4\xD1\x91\xD1\x88\xD1\x8C? "
    "\xE2\x80\x94 \xD1\x81\xD0\xBF\xD1\x80\xD0\xBE\xD1\x81\xD0\xB8\xD0\xBB\xD0\xB0 \xD0\xBE\xD0\xBD\xD0\xB0."}},
  {"spanish",
   "Lleg\xC3\xB3 a casa. \xE2\x80\x94\xC2\xBF" "D\xC3\xB3nde estabas? \xE2\x80\x94pregunt\xC3\xB3 ella. "
   "\xE2\x80\x94" "En el puerto.",
   {"Lleg\xC3\xB3 a casa.", "\xE2\x80\x94\xC2\xBF" "D\xC3\xB3nde estabas? \xE2\x80\x94pregunt\xC3\xB3 ella.",
    "\xE2\x80\x94" "En el puerto."}},
  {"english", /* a dash before a number or a lowercase word goes on */
   "The ferry runs daily. - 12 trips in all. It was late. - and cold.",
   {"The ferry runs daily. - 12 trips in all.", "It was late. - and cold."}},
};

static precis_result *segment_in(const char *lang, const char *text) {
  precis_options *o = NULL;
  precis_summarizer *s;
  precis_result *r;
  ck_assert_int_eq(precis_options_new(&o, NULL), PRECIS_OK);
  ck_assert_int_eq(precis_options_set_language(o, lang, NULL), PRECIS_OK);
  s = t_summarizer(o);
  precis_options_free(o);
  r = t_run(s, text, strlen(text), 1);
  precis_summarizer_free(s);
  return r;
}

START_TEST(languages_table) {
  const lang_case *c = &lang_cases[_i];
  precis_result *r = segment_in(c->lang, c->input);
  size_t i, k = 0, n = precis_result_count(r);
  for (i = 0; i < n; i++) {
    precis_sentence u = t_unit(r, i);
    if (u.kind == PRECIS_KIND_DROPPED) continue;
    ck_assert_msg(k < N_ELEMS(c->want) && c->want[k] != NULL,
                  "%s case %d: extra unit [%.*s]", c->lang, _i,
                  (int)(u.end - u.start), c->input + u.start);
    ck_assert_msg(t_span_is(c->input, &u, c->want[k]),
                  "%s case %d: unit %zu is [%.*s], want [%s]", c->lang, _i, k,
                  (int)(u.end - u.start), c->input + u.start, c->want[k]);
    k++;
  }
  ck_assert_msg(k == N_ELEMS(c->want) || c->want[k] == NULL,
                "%s case %d: missing unit [%s]", c->lang, _i, c->want[k]);
  precis_result_free(r);
}
END_TEST

Suite *languages_suite(void) {
  Suite *s = suite_create("languages");
  TCase *tc = tcase_create("sentences");
  tcase_add_loop_test(tc, languages_table, 0, (int)N_ELEMS(lang_cases));
  suite_add_tcase(s, tc);
  return s;
}
