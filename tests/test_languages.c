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
  /* ---- Chinese and Japanese ---------------------------------------- */
  {"chinese", /* an opening quote after the end belongs to the next one */
   "\xE4\xBB\x96\xE8\xAF\xB4\xE5\xAE\x8C\xE4\xBA\x86\xE3\x80\x82"
   "\xE2\x80\x9C\xE4\xBD\xA0\xE6\x9D\xA5\xE5\x90\x97\xEF\xBC\x9F\xE2\x80\x9D"
   "\xE6\x88\x91\xE4\xB8\x8D\xE7\x9F\xA5\xE9\x81\x93\xE3\x80\x82",
   {"\xE4\xBB\x96\xE8\xAF\xB4\xE5\xAE\x8C\xE4\xBA\x86\xE3\x80\x82",
    "\xE2\x80\x9C\xE4\xBD\xA0\xE6\x9D\xA5\xE5\x90\x97\xEF\xBC\x9F\xE2\x80\x9D",
    "\xE6\x88\x91\xE4\xB8\x8D\xE7\x9F\xA5\xE9\x81\x93\xE3\x80\x82"}},
  {"chinese", /* ASCII ! and ? between Han characters end sentences */
   "\xE5\xA5\xBD\xE7\x9A\x84!\xE6\x88\x91\xE4\xBB\xAC\xE8\xB5\xB0\xE5\x90\xA7?"
   "\xE6\x98\x8E\xE5\xA4\xA9\xE8\xA7\x81\xE3\x80\x82",
   {"\xE5\xA5\xBD\xE7\x9A\x84!", "\xE6\x88\x91\xE4\xBB\xAC\xE8\xB5\xB0\xE5\x90\xA7?",
    "\xE6\x98\x8E\xE5\xA4\xA9\xE8\xA7\x81\xE3\x80\x82"}},
  {"japanese", /* 「...」 opens the next sentence, and goes on with と */
   "\xE5\xBD\xBC\xE3\x81\xAF\xE8\xA8\x80\xE3\x81\xA3\xE3\x81\x9F\xE3\x80\x82"
   "\xE3\x80\x8C\xE6\x9D\xA5\xE3\x81\xBE\xE3\x81\x99\xE3\x81\x8B\xEF\xBC\x9F\xE3\x80\x8D"
   "\xE3\x81\xA8\xE8\x81\x9E\xE3\x81\x84\xE3\x81\x9F\xE3\x80\x82"
   "\xE3\x81\xAF\xE3\x81\x84!\xE3\x81\x84\xE3\x81\x84\xE3\x81\x88\xE3\x80\x82",
   {"\xE5\xBD\xBC\xE3\x81\xAF\xE8\xA8\x80\xE3\x81\xA3\xE3\x81\x9F\xE3\x80\x82",
    "\xE3\x80\x8C\xE6\x9D\xA5\xE3\x81\xBE\xE3\x81\x99\xE3\x81\x8B\xEF\xBC\x9F\xE3\x80\x8D"
    "\xE3\x81\xA8\xE8\x81\x9E\xE3\x81\x84\xE3\x81\x9F\xE3\x80\x82",
    "\xE3\x81\xAF\xE3\x81\x84!", "\xE3\x81\x84\xE3\x81\x84\xE3\x81\x88\xE3\x80\x82"}},
  /* ---- Arabic ----------------------------------------------------- */
  {"arabic", /* the comma and the colon end no sentence */
   "\xD9\x84\xD8\xA7\xD8\x8C \xD9\x82\xD8\xA7\xD9\x84 \xD8\xA7\xD9\x84\xD9\x85\xD9\x87\xD9\x86\xD8\xAF\xD8\xB3. "
   "\xD9\x88\xD9\x82\xD8\xA7\xD9\x84: \xD9\x86\xD8\xB9\xD9\x85 \xD8\xB3\xD9\x86\xD8\xB9\xD9\x85\xD9\x84.",
   {"\xD9\x84\xD8\xA7\xD8\x8C \xD9\x82\xD8\xA7\xD9\x84 \xD8\xA7\xD9\x84\xD9\x85\xD9\x87\xD9\x86\xD8\xAF\xD8\xB3.",
    "\xD9\x88\xD9\x82\xD8\xA7\xD9\x84: \xD9\x86\xD8\xB9\xD9\x85 \xD8\xB3\xD9\x86\xD8\xB9\xD9\x85\xD9\x84."}},
  /* ---- numbers with a period ---------------------------------------- */
  {"finnish", /* a number before a capital ends one; an ordinal goes on */
   "Kappale nousi listalla sijalle 13. Laulaja on kotoisin Espanjasta. "
   "Se julkaistiin 31. toukokuuta ja 2. Kes\xC3\xA4kuuta.",
   {"Kappale nousi listalla sijalle 13.", "Laulaja on kotoisin Espanjasta.",
    "Se julkaistiin 31. toukokuuta ja 2. Kes\xC3\xA4kuuta."}},
  {"german", /* German capitalises the nouns after its ordinals */
   "Am 3. Tag kam er an. Er kam am 12. Juni wieder.",
   {"Am 3. Tag kam er an.", "Er kam am 12. Juni wieder."}},
  {"polish", /* a number that opens a sentence numbers it */
   "Kontrola trwa rok. 2. Je\xC5\xBC" "eli pacjent jest ma\xC5\x82oletni, decyduje s\xC4\x85" "d. "
   "3. Przepis stosuje si\xC4\x99 odpowiednio.",
   {"Kontrola trwa rok.", "2. Je\xC5\xBC" "eli pacjent jest ma\xC5\x82oletni, decyduje s\xC4\x85" "d.",
    "3. Przepis stosuje si\xC4\x99 odpowiednio."}},
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
