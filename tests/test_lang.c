/*
** test_lang.c: language data. The lists are searched with bsearch, so
** they must stay sorted; the abbreviation classes decide where the
** segmenter may end a sentence.
*/
#include <string.h>

#include "internal.h"
#include "suites.h"

/* defined in lang.c for the tests, deliberately not in internal.h */
int precisI_lang_lists_sorted(void);

START_TEST(lang_lists_sorted) {
  ck_assert_int_eq(precisI_lang_lists_sorted(), 1);
}
END_TEST

typedef struct abbrev_case {
  const char *word; /* without its final period */
  int cls;
} abbrev_case;

static const abbrev_case abbrev_cases[] = {
  /* titles and Latin abbreviations: never the end of a sentence */
  {"Mr", PRECIS_ABBR_INNER}, {"mr", PRECIS_ABBR_INNER}, {"Mrs", PRECIS_ABBR_INNER},
  {"Dr", PRECIS_ABBR_INNER}, {"Prof", PRECIS_ABBR_INNER}, {"St", PRECIS_ABBR_INNER},
  {"Mt", PRECIS_ABBR_INNER}, {"Sen", PRECIS_ABBR_INNER},
  /* written in capitals they are other words: "MS", "ST" */
  {"MR", PRECIS_ABBR_NONE}, {"MS", PRECIS_ABBR_NONE}, {"ST", PRECIS_ABBR_NONE},
  /* "Jr." and "Sr." may end a sentence: "... said John Smith Jr. The ..." */
  {"Jr", PRECIS_ABBR_ANY}, {"Sr", PRECIS_ABBR_ANY},
  {"e.g", PRECIS_ABBR_INNER}, {"i.e", PRECIS_ABBR_INNER}, {"vs", PRECIS_ABBR_INNER},
  {"v", PRECIS_ABBR_NUMBER}, /* lowercase single letters: "p. 4" */
  /* initials: a single capital letter */
  {"E", PRECIS_ABBR_INNER}, {"J", PRECIS_ABBR_INNER},
  /* before a number only */
  {"No", PRECIS_ABBR_NUMBER}, {"Jan", PRECIS_ABBR_NUMBER},
  {"Sept", PRECIS_ABBR_NUMBER}, {"pp", PRECIS_ABBR_NUMBER},
  {"Fig", PRECIS_ABBR_NUMBER}, {"p", PRECIS_ABBR_NUMBER},
  /* may end a sentence */
  {"U.S", PRECIS_ABBR_ANY}, {"u.s", PRECIS_ABBR_ANY}, {"U.S.A", PRECIS_ABBR_ANY},
  {"a.m", PRECIS_ABBR_ANY}, {"p.m", PRECIS_ABBR_ANY}, {"Co", PRECIS_ABBR_ANY},
  {"Inc", PRECIS_ABBR_ANY}, {"Ltd", PRECIS_ABBR_ANY}, {"etc", PRECIS_ABBR_ANY},
  {"Ph.D", PRECIS_ABBR_ANY}, {"D.C", PRECIS_ABBR_ANY},
  {"N.Y.C", PRECIS_ABBR_ANY}, /* any dotted letter group */
  /* ordinary words */
  {"house", PRECIS_ABBR_NONE}, {"Smith", PRECIS_ABBR_NONE},
  {"US", PRECIS_ABBR_NONE}, {"3", PRECIS_ABBR_NUMBER}, {"1.8", PRECIS_ABBR_NONE},
  {"", PRECIS_ABBR_NONE}, {"caf\xC3\xA9", PRECIS_ABBR_NONE},
  {"a..b", PRECIS_ABBR_NONE}, {"ab.c", PRECIS_ABBR_NONE},
  {"averyveryverylongwordthatisnotanabbreviation", PRECIS_ABBR_NONE},
};

START_TEST(lang_abbrev_table) {
  const abbrev_case *c = &abbrev_cases[_i];
  int got = precisI_abbrev_class(c->word, strlen(c->word));
  ck_assert_msg(got == c->cls, "'%s': class %d, want %d", c->word, got, c->cls);
}
END_TEST

/* only the word's n bytes count, not what follows it */
START_TEST(lang_abbrev_length) {
  ck_assert_int_eq(precisI_abbrev_class("Mr. Smith", 2), PRECIS_ABBR_INNER);
  ck_assert_int_eq(precisI_abbrev_class("Mrs", 2), PRECIS_ABBR_INNER);
  ck_assert_int_eq(precisI_abbrev_class("U.S.A", 3), PRECIS_ABBR_ANY);
  ck_assert_int_eq(precisI_abbrev_class("Smith", 2), PRECIS_ABBR_NONE);
}
END_TEST

typedef struct word_case {
  const char *word;
  int yes;
} word_case;

static const word_case starter_cases[] = {
  {"The", 1}, {"the", 1}, {"He", 1}, {"However", 1}, {"It", 1}, {"But", 1},
  {"Congress", 0}, {"President", 0}, {"Smith", 0}, {"", 0}, {"Th", 0},
};

START_TEST(lang_starter_table) {
  const word_case *c = &starter_cases[_i];
  ck_assert_msg(precisI_is_starter(c->word, strlen(c->word)) == c->yes,
                "'%s' is %sa starter", c->word, c->yes ? "" : "not ");
}
END_TEST

typedef struct find_case {
  const char *query;
  const char *name; /* NULL: unknown */
} find_case;

static const find_case find_cases[] = {
  {"english", "english"}, {"EN", "english"}, {"English", "english"},
  {"de", "german"}, {"GERMAN", "german"}, {"fr", "french"}, {"none", "none"},
  {"klingon", NULL}, {"", NULL}, {"eng", NULL}, {"englishx", NULL}, {"e", NULL},
};

START_TEST(lang_find_table) {
  const find_case *c = &find_cases[_i];
  const precisI_lang *l = precisI_lang_find(c->query);
  if (c->name == NULL) {
    ck_assert_msg(l == NULL, "'%s' found as '%s'", c->query, l ? l->name : "");
  } else {
    ck_assert_msg(l != NULL, "'%s' not found", c->query);
    ck_assert_str_eq(l->name, c->name);
  }
}
END_TEST

static const word_case stop_cases[] = {
  {"the", 1}, {"and", 1}, {"said", 1}, {"mr", 1}, {"don't", 1}, {"yourselves", 1},
  {"bridge", 0}, {"council", 0}, {"th", 0}, {"", 0},
};

START_TEST(lang_stop_table) {
  const word_case *c = &stop_cases[_i];
  const precisI_lang *en = precisI_lang_find("english");
  ck_assert_ptr_nonnull(en);
  ck_assert_msg(precisI_lang_is_stop(en, c->word, strlen(c->word)) == c->yes,
                "'%s' is %sa stopword", c->word, c->yes ? "" : "not ");
  /* "none" has no stopwords at all */
  ck_assert_int_eq(precisI_lang_is_stop(precisI_lang_find("none"), c->word,
                                        strlen(c->word)), 0);
}
END_TEST

Suite *lang_suite(void) {
  Suite *s = suite_create("lang");
  TCase *tc = tcase_create("lists");
  tcase_add_test(tc, lang_lists_sorted);
  tcase_add_loop_test(tc, lang_find_table, 0, (int)N_ELEMS(find_cases));
  tcase_add_loop_test(tc, lang_stop_table, 0, (int)N_ELEMS(stop_cases));
  suite_add_tcase(s, tc);
  tc = tcase_create("abbreviations");
  tcase_add_loop_test(tc, lang_abbrev_table, 0, (int)N_ELEMS(abbrev_cases));
  tcase_add_test(tc, lang_abbrev_length);
  tcase_add_loop_test(tc, lang_starter_table, 0, (int)N_ELEMS(starter_cases));
  suite_add_tcase(s, tc);
  return s;
}
