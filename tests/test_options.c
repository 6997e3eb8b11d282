/*
** test_options.c: the options bag and the summarizer made from it:
** defaults, validation with exact messages, names, NULL-safety.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"

static precis_options *opt;

static void options_setup(void) {
  ck_assert_int_eq(precis_options_new(&opt, NULL), PRECIS_OK);
}

static void options_teardown(void) {
  precis_options_free(opt);
  opt = NULL;
}

/* the error of a failed call, with code and message checked */
#define CHECK_ERR(call, err, code_, msg_)                                    \
  do {                                                                      \
    memset(&(err), 0x55, sizeof(err));                                      \
    ck_assert_int_eq((call), (code_));                                      \
    ck_assert_int_eq((err).code, (code_));                                  \
    ck_assert_str_eq((err).message, (msg_));                                \
  } while (0)

/* ---------------------------------------------------------------------
** Budget
** --------------------------------------------------------------------- */

typedef struct budget_case {
  const char *title;
  precis_unit unit;
  double value;
  const char *message; /* NULL: accepted */
} budget_case;

static const budget_case budget_cases[] = {
  {"1 sentence", PRECIS_UNIT_SENTENCES, 1, NULL},
  {"50 sentences", PRECIS_UNIT_SENTENCES, 50, NULL},
  {"100 words", PRECIS_UNIT_WORDS, 100, NULL},
  {"1 char", PRECIS_UNIT_CHARS, 1, NULL},
  {"ratio 1", PRECIS_UNIT_RATIO, 1, NULL},
  {"ratio 0.001", PRECIS_UNIT_RATIO, 0.001, NULL},
  {"0 sentences", PRECIS_UNIT_SENTENCES, 0, "budget must be positive"},
  {"-3 sentences", PRECIS_UNIT_SENTENCES, -3, "budget must be positive"},
  {"-0.0 words", PRECIS_UNIT_WORDS, -0.0, "budget must be positive"},
  {"NaN sentences", PRECIS_UNIT_SENTENCES, NAN, "budget must be positive"},
  {"NaN ratio", PRECIS_UNIT_RATIO, NAN, "budget must be positive"},
  {"infinite words", PRECIS_UNIT_WORDS, INFINITY, "budget must be positive"},
  {"2.5 sentences", PRECIS_UNIT_SENTENCES, 2.5, "budget must be a whole number"},
  {"0.5 sentences", PRECIS_UNIT_SENTENCES, 0.5, "budget must be a whole number"},
  {"99.9 words", PRECIS_UNIT_WORDS, 99.9, "budget must be a whole number"},
  {"10.01 chars", PRECIS_UNIT_CHARS, 10.01, "budget must be a whole number"},
  {"ratio 0", PRECIS_UNIT_RATIO, 0, "budget must be positive"},
  {"ratio 1.5", PRECIS_UNIT_RATIO, 1.5, "ratio must be in (0, 1]"},
  {"ratio 1.0000001", PRECIS_UNIT_RATIO, 1.0000001, "ratio must be in (0, 1]"},
  {"ratio 3", PRECIS_UNIT_RATIO, 3, "ratio must be in (0, 1]"},
  {"unknown unit", (precis_unit)42, 3, "unknown budget unit"},
};

START_TEST(options_budget_table) {
  const budget_case *c = &budget_cases[_i];
  precis_error err;
  precis_status st;
  memset(&err, 0x55, sizeof err);
  st = precis_options_set_budget(opt, c->unit, c->value, &err);
  if (c->message == NULL) {
    ck_assert_msg(st == PRECIS_OK, "%s: %s", c->title, err.message);
  } else {
    ck_assert_msg(st == PRECIS_EINVAL, "%s: %s", c->title, precis_status_name(st));
    ck_assert_int_eq(err.code, PRECIS_EINVAL);
    ck_assert_str_eq(err.message, c->message);
    ck_assert_int_eq(err.has_offset, 0);
    ck_assert_uint_eq(err.line, 0);
  }
}
END_TEST

/* ---------------------------------------------------------------------
** Weights
** --------------------------------------------------------------------- */

typedef struct weight_case {
  const char *name;
  double w;
  const char *message; /* NULL: accepted */
} weight_case;

static const weight_case weight_cases[] = {
  {"position", 1, NULL}, {"length", 0.2, NULL}, {"luhn", 0, NULL},
  {"centroid", 3.5, NULL}, {"lexrank", 1e6, NULL}, {"textrank", 0.01, NULL},
  {"title", 1, NULL},
  {"wieght", 1, "unknown scorer 'wieght'"},
  {"", 1, "unknown scorer ''"},
  {"lexrank ", 1, "unknown scorer 'lexrank '"},
  {"position", -1, "weight of 'position' must be a finite number >= 0"},
  {"luhn", -0.001, "weight of 'luhn' must be a finite number >= 0"},
  {"title", NAN, "weight of 'title' must be a finite number >= 0"},
  {"centroid", INFINITY, "weight of 'centroid' must be a finite number >= 0"},
};

START_TEST(options_weight_table) {
  const weight_case *c = &weight_cases[_i];
  precis_error err;
  precis_status st;
  memset(&err, 0x55, sizeof err);
  st = precis_options_set_weight(opt, c->name, c->w, &err);
  if (c->message == NULL) {
    ck_assert_msg(st == PRECIS_OK, "%s=%g: %s", c->name, c->w, err.message);
  } else {
    ck_assert_msg(st == PRECIS_EINVAL, "%s=%g: %s", c->name, c->w,
                  precis_status_name(st));
    ck_assert_int_eq(err.code, PRECIS_EINVAL);
    ck_assert_str_eq(err.message, c->message);
  }
}
END_TEST

START_TEST(options_weight_long_name) {
  char name[200], want[256];
  precis_error err;
  memset(name, 'w', sizeof name - 1);
  name[sizeof name - 1] = '\0';
  snprintf(want, sizeof want, "unknown scorer '%.64s'", name);
  CHECK_ERR(precis_options_set_weight(opt, name, 1, &err), err, PRECIS_EINVAL, want);
  CHECK_ERR(precis_options_set_weight(opt, NULL, 1, &err), err, PRECIS_EINVAL,
            "scorer name is NULL");
}
END_TEST

/* with every weight 0 there is nothing to score with */
START_TEST(options_all_weights_zero) {
  precis_summarizer *s = (precis_summarizer *)&s;
  precis_error err;
  size_t k;
  precis_options_clear_weights(opt);
  CHECK_ERR(precis_summarizer_new(opt, &s, &err), err, PRECIS_EINVAL,
            "every scorer has weight 0");
  ck_assert_ptr_null(s);
  /* the same, one explicit zero at a time */
  precis_options_free(opt);
  ck_assert_int_eq(precis_options_new(&opt, NULL), PRECIS_OK);
  for (k = 0; precis_scorer_name(k); k++)
    ck_assert_int_eq(precis_options_set_weight(opt, precis_scorer_name(k), 0, NULL),
                     PRECIS_OK);
  CHECK_ERR(precis_summarizer_new(opt, &s, &err), err, PRECIS_EINVAL,
            "every scorer has weight 0");
  ck_assert_ptr_null(s);
  /* and any one scorer back on is enough */
  ck_assert_int_eq(precis_options_set_weight(opt, "title", 0.5, NULL), PRECIS_OK);
  s = t_summarizer(opt);
  precis_summarizer_free(s);
}
END_TEST

/* ---------------------------------------------------------------------
** Parameters
** --------------------------------------------------------------------- */

typedef struct param_case {
  const char *name;
  double v;
  const char *message; /* NULL: accepted */
} param_case;

static const param_case param_cases[] = {
  {"lexrank.threshold", 0, NULL},
  {"lexrank.threshold", 0.99, NULL},
  {"lexrank.threshold", 1, "parameter 'lexrank.threshold' must be a number in [0, 1)"},
  {"lexrank.threshold", -0.1, "parameter 'lexrank.threshold' must be a number in [0, 1)"},
  {"lexrank.continuous", 0, NULL},
  {"lexrank.continuous", 1, NULL},
  {"lexrank.continuous", 0.5, "parameter 'lexrank.continuous' must be a whole number in [0, 1]"},
  {"lexrank.continuous", 2, "parameter 'lexrank.continuous' must be a whole number in [0, 1]"},
  {"lexrank.damping", 0.5, NULL},
  {"lexrank.damping", 0, "parameter 'lexrank.damping' must be a number in (0, 1)"},
  {"lexrank.damping", 1, "parameter 'lexrank.damping' must be a number in (0, 1)"},
  {"textrank.damping", 0.85, NULL},
  {"sentence.min_words", 0, NULL},
  {"sentence.min_words", 12, NULL},
  {"sentence.min_words", -1, "parameter 'sentence.min_words' must be a whole number in [0, 1e+09]"},
  {"sentence.max_words", 0, NULL},
  {"sentence.max_words", 2.5, "parameter 'sentence.max_words' must be a whole number in [0, 1e+09]"},
  {"textrank.damping", 1, "parameter 'textrank.damping' must be a number in (0, 1)"},
  {"luhn.threshold", 0, NULL},
  {"luhn.threshold", 3, NULL},
  {"luhn.threshold", -1, "parameter 'luhn.threshold' must be a number in [0, 1e+09]"},
  {"position.decay", 1, NULL},
  {"position.decay", 0.01, NULL},
  {"position.decay", 0, "parameter 'position.decay' must be a number in (0, 1]"},
  {"position.decay", 1.5, "parameter 'position.decay' must be a number in (0, 1]"},
  {"redundancy.lambda", 0, NULL},
  {"redundancy.lambda", 1, NULL},
  {"redundancy.lambda", 1.1, "parameter 'redundancy.lambda' must be a number in [0, 1]"},
  {"redundancy.max_sim", 1, NULL},
  {"redundancy.max_sim", 0, "parameter 'redundancy.max_sim' must be a number in (0, 1]"},
  {"redundancy.near_duplicate", 0, NULL},
  {"redundancy.near_duplicate", 1, NULL},
  {"redundancy.near_duplicate", 1.5, "parameter 'redundancy.near_duplicate' must be a number in [0, 1]"},
  {"input.boilerplate", 0, NULL},
  {"input.boilerplate", 1, NULL},
  {"input.boilerplate", -1, "parameter 'input.boilerplate' must be a whole number in [0, 1]"},
  {"input.heading_words", 0, NULL},
  {"input.heading_words", 1000, NULL},
  {"input.heading_words", 7.5, "parameter 'input.heading_words' must be a whole number in [0, 1000]"},
  {"input.heading_words", 1001, "parameter 'input.heading_words' must be a whole number in [0, 1000]"},
  {"input.max_bytes", 1, NULL},
  {"input.max_bytes", 1e12, NULL},
  {"input.max_bytes", 0, "parameter 'input.max_bytes' must be a whole number in [1, 1e+15]"},
  {"input.max_bytes", 10.5, "parameter 'input.max_bytes' must be a whole number in [1, 1e+15]"},
  {"lexrank.damping", NAN, "parameter 'lexrank.damping' must be a number in (0, 1)"},
  {"redundancy.lambda", INFINITY, "parameter 'redundancy.lambda' must be a number in [0, 1]"},
  {"lexrank.treshold", 0.1, "unknown parameter 'lexrank.treshold'"},
  {"threshold", 0.1, "unknown parameter 'threshold'"},
  {"", 0, "unknown parameter ''"},
  {"LEXRANK.THRESHOLD", 0.1, "unknown parameter 'LEXRANK.THRESHOLD'"},
};

START_TEST(options_param_table) {
  const param_case *c = &param_cases[_i];
  precis_error err;
  precis_status st;
  memset(&err, 0x55, sizeof err);
  st = precis_options_set_param(opt, c->name, c->v, &err);
  if (c->message == NULL) {
    ck_assert_msg(st == PRECIS_OK, "%s=%g: %s", c->name, c->v, err.message);
  } else {
    ck_assert_msg(st == PRECIS_EINVAL, "%s=%g: %s", c->name, c->v,
                  precis_status_name(st));
    ck_assert_int_eq(err.code, PRECIS_EINVAL);
    ck_assert_str_eq(err.message, c->message);
  }
  /* accepted or not, the options still make a summarizer */
  {
    precis_summarizer *s = t_summarizer(opt);
    precis_summarizer_free(s);
  }
}
END_TEST

/* bounds set one at a time are checked when the summarizer is made */
START_TEST(options_sentence_bounds_params) {
  precis_summarizer *s = (precis_summarizer *)&s;
  precis_error err;
  ck_assert_int_eq(precis_options_set_param(opt, "sentence.max_words", 3, NULL), PRECIS_OK);
  CHECK_ERR(precis_summarizer_new(opt, &s, &err), err, PRECIS_EINVAL,
            "max_words (3) is below min_words (4)");
  ck_assert_ptr_null(s);
  ck_assert_int_eq(precis_options_set_param(opt, "sentence.min_words", 3, NULL), PRECIS_OK);
  s = t_summarizer(opt);
  precis_summarizer_free(s);
  ck_assert_int_eq(precis_options_set_param(opt, "sentence.max_words", 0, NULL), PRECIS_OK);
  ck_assert_int_eq(precis_options_set_param(opt, "sentence.min_words", 50, NULL), PRECIS_OK);
  s = t_summarizer(opt); /* 0 = no upper limit */
  precis_summarizer_free(s);
}
END_TEST

START_TEST(options_param_null) {
  precis_error err;
  CHECK_ERR(precis_options_set_param(opt, NULL, 1, &err), err, PRECIS_EINVAL,
            "parameter name is NULL");
  CHECK_ERR(precis_options_set_param(NULL, "lexrank.damping", 0.5, &err), err,
            PRECIS_EINVAL, "parameter name is NULL");
}
END_TEST

/* ---------------------------------------------------------------------
** Languages
** --------------------------------------------------------------------- */

typedef struct language_case {
  const char *given;
  const char *name;    /* as the result reports it; NULL: rejected */
  const char *message;
} language_case;

static const language_case language_cases[] = {
  {"english", "english", NULL},
  {"EN", "english", NULL},
  {"En", "english", NULL},
  {"de", "german", NULL},
  {"German", "german", NULL},
  {"fr", "french", NULL},
  {"ru", "russian", NULL},
  {"none", "none", NULL},
  {"NONE", "none", NULL},
  {"klingon", NULL, "unknown language 'klingon'"},
  {"", NULL, "unknown language ''"},
  {"eng", NULL, "unknown language 'eng'"},
  {"en_US", NULL, "unknown language 'en_US'"},
  {"english ", NULL, "unknown language 'english '"},
};

START_TEST(options_language_table) {
  static const char text[] = "The library stays closed. Books were lost in "
                             "the flood. Volunteers came to help.";
  const language_case *c = &language_cases[_i];
  precis_error err;
  precis_status st;
  memset(&err, 0x55, sizeof err);
  st = precis_options_set_language(opt, c->given, &err);
  if (c->name) {
    precis_summarizer *s;
    precis_result *r;
    ck_assert_msg(st == PRECIS_OK, "'%s': %s", c->given, err.message);
    s = t_summarizer(opt);
    r = t_run(s, text, sizeof text - 1, 0);
    ck_assert_str_eq(precis_result_language(r), c->name);
    precis_result_free(r);
    precis_summarizer_free(s);
  } else {
    ck_assert_int_eq(st, PRECIS_EINVAL);
    ck_assert_int_eq(err.code, PRECIS_EINVAL);
    ck_assert_str_eq(err.message, c->message);
    /* the language before the failed call stays */
    {
      precis_summarizer *s = t_summarizer(opt);
      precis_result *r = t_run(s, text, sizeof text - 1, 0);
      ck_assert_str_eq(precis_result_language(r), "english");
      precis_result_free(r);
      precis_summarizer_free(s);
    }
  }
}
END_TEST

START_TEST(options_language_errors) {
  char name[200], want[256];
  precis_error err;
  memset(name, 'k', sizeof name - 1);
  name[sizeof name - 1] = '\0';
  snprintf(want, sizeof want, "unknown language '%.64s'", name);
  CHECK_ERR(precis_options_set_language(opt, name, &err), err, PRECIS_EINVAL, want);
  CHECK_ERR(precis_options_set_language(opt, NULL, &err), err, PRECIS_EINVAL,
            "language is NULL");
  CHECK_ERR(precis_options_set_language(NULL, "en", &err), err, PRECIS_EINVAL,
            "language is NULL");
  ck_assert_int_eq(precis_options_set_language(opt, "xx", NULL), PRECIS_EINVAL);
}
END_TEST

/* every language listed is accepted, can be made into a summarizer, and
** runs; the list ends with NULL and names each language once */
START_TEST(options_language_list) {
  static const char text[] = "The library stays closed. Books were lost in "
                             "the flood. Volunteers came to help.";
  size_t k, j, n = 0;
  int english = 0, german = 0, none = 0;
  for (k = 0; precis_language_name(k); k++) {
    const char *name = precis_language_name(k);
    precis_summarizer *s;
    precis_result *r;
    precis_error err;
    char upper[64];
    size_t i;
    ck_assert_msg(k < 200, "precis_language_name does not end");
    for (j = 0; j < k; j++)
      ck_assert_msg(strcmp(precis_language_name(j), name) != 0, "'%s' twice", name);
    english |= strcmp(name, "english") == 0;
    german |= strcmp(name, "german") == 0;
    none |= strcmp(name, "none") == 0;
    for (i = 0; name[i] && i + 1 < sizeof upper; i++)
      upper[i] = (char)(name[i] >= 'a' && name[i] <= 'z' ? name[i] - 32 : name[i]);
    upper[i] = '\0';
    ck_assert_msg(precis_options_set_language(opt, upper, &err) == PRECIS_OK,
                  "'%s': %s", upper, err.message);
    s = t_summarizer(opt);
    r = t_run(s, text, sizeof text - 1, 0);
    ck_assert_str_eq(precis_result_language(r), name);
    /* languages of other scripts need not split English at its periods */
    ck_assert_uint_ge(precis_result_selected_count(r), 1);
    if (strcmp(name, "english") == 0 || strcmp(name, "german") == 0 ||
        strcmp(name, "none") == 0)
      ck_assert_uint_eq(precis_result_selected_count(r), 3);
    precis_result_free(r);
    precis_summarizer_free(s);
    n++;
  }
  ck_assert(english && german && none);
  ck_assert_uint_ge(n, 3);
  ck_assert_ptr_null(precis_language_name(n));
  ck_assert_ptr_null(precis_language_name(n + 1000));
  ck_assert_ptr_null(precis_language_name((size_t)-1));
}
END_TEST

/* every language has a code that selects it and the same k's stemmer;
** "none" has neither; the three lists end together */
START_TEST(options_language_codes) {
  precis_error err;
  size_t k;
  for (k = 0; precis_language_name(k); k++) {
    const char *name = precis_language_name(k);
    const char *code = precis_language_code(k);
    const char *stemmer = precis_language_stemmer(k);
    ck_assert_ptr_nonnull(code);
    if (strcmp(name, "none") == 0) {
      ck_assert_str_eq(code, "");
      ck_assert_ptr_null(stemmer);
      continue;
    }
    ck_assert_msg(strlen(code) == 2, "'%s' has code '%s'", name, code);
    ck_assert_int_eq(precis_options_set_language(opt, code, &err), PRECIS_OK);
    {
      precis_summarizer *s = t_summarizer(opt);
      precis_result *r = t_run(s, "The vote was close. The bridge will shut.", 41, 0);
      ck_assert_str_eq(precis_result_language(r), name);
      precis_result_free(r);
      precis_summarizer_free(s);
    }
    if (strcmp(name, "english") == 0) ck_assert_str_eq(stemmer, "english");
    if (strcmp(name, "chinese") == 0) ck_assert_ptr_null(stemmer);
  }
  ck_assert_ptr_null(precis_language_code(k));
  ck_assert_ptr_null(precis_language_stemmer(k));
  ck_assert_ptr_null(precis_language_code((size_t)-1));
}
END_TEST

/* four libraries, by name; the one that reports a version reports one of
** the form X.Y.Z; every out-parameter may be NULL */
START_TEST(options_dependencies) {
  static const char *const want[] = {"utf8proc", "md4c", "gumbo", "libstemmer"};
  size_t k;
  for (k = 0; k < 4; k++) {
    const char *version = "unset";
    int runtime = -1;
    const char *name = precis_dependency(k, &version, &runtime);
    ck_assert_ptr_nonnull(name);
    ck_assert_str_eq(name, want[k]);
    ck_assert(runtime == 0 || runtime == 1);
    if (runtime) {
      int a, b, c;
      ck_assert_ptr_nonnull(version);
      ck_assert_int_eq(sscanf(version, "%d.%d.%d", &a, &b, &c), 3);
    } else {
      ck_assert(version == NULL || version[0] != '\0');
    }
    ck_assert_str_eq(precis_dependency(k, NULL, NULL), want[k]);
  }
  ck_assert_ptr_null(precis_dependency(4, NULL, NULL));
  ck_assert_ptr_null(precis_dependency((size_t)-1, NULL, NULL));
}
END_TEST

/* ---------------------------------------------------------------------
** Scorer names
** --------------------------------------------------------------------- */

START_TEST(options_scorer_list) {
  /* the seven of the first release; more may follow */
  static const char *const want[] = {"position", "length", "luhn", "centroid",
                                     "lexrank", "textrank", "title"};
  size_t k, j, n = 0;
  int found[N_ELEMS(want)] = {0};
  precis_error err;
  for (k = 0; precis_scorer_name(k); k++) {
    const char *name = precis_scorer_name(k);
    ck_assert_msg(k < 100, "precis_scorer_name does not end");
    ck_assert_msg(name[0] != '\0', "scorer %zu has no name", k);
    for (j = 0; j < N_ELEMS(want); j++) found[j] |= strcmp(want[j], name) == 0;
    for (j = 0; j < k; j++) ck_assert_str_ne(precis_scorer_name(j), name);
    ck_assert_msg(precis_options_set_weight(opt, name, 2, &err) == PRECIS_OK,
                  "'%s': %s", name, err.message);
    n++;
  }
  for (j = 0; j < N_ELEMS(want); j++) ck_assert_msg(found[j], "no scorer '%s'", want[j]);
  ck_assert_ptr_null(precis_scorer_name(n));
  ck_assert_ptr_null(precis_scorer_name((size_t)-1));
}
END_TEST

/* ---------------------------------------------------------------------
** Selectors and the query
** --------------------------------------------------------------------- */

typedef struct selector_case {
  const char *name;
  const char *message; /* NULL: accepted */
} selector_case;

static const selector_case selector_cases[] = {
  {"mmr", NULL}, {"sumbasic", NULL}, {"klsum", NULL}, {"submodular", NULL},
  {"MMR", "unknown selector 'MMR'"}, {"", "unknown selector ''"},
  {"greedy", "unknown selector 'greedy'"}, {"lexrank", "unknown selector 'lexrank'"},
};

START_TEST(options_selector_table) {
  const selector_case *c = &selector_cases[_i];
  precis_error err;
  precis_status st;
  memset(&err, 0x55, sizeof err);
  st = precis_options_set_selector(opt, c->name, &err);
  if (c->message == NULL) {
    ck_assert_msg(st == PRECIS_OK, "'%s': %s", c->name, err.message);
  } else {
    ck_assert_int_eq(st, PRECIS_EINVAL);
    ck_assert_int_eq(err.code, PRECIS_EINVAL);
    ck_assert_str_eq(err.message, c->message);
  }
}
END_TEST

START_TEST(options_selector_list) {
  size_t k, j;
  int mmr = 0;
  precis_error err;
  for (k = 0; precis_selector_name(k); k++) {
    const char *name = precis_selector_name(k);
    ck_assert_msg(k < 100, "precis_selector_name does not end");
    for (j = 0; j < k; j++) ck_assert_str_ne(precis_selector_name(j), name);
    mmr |= strcmp(name, "mmr") == 0;
    ck_assert_msg(precis_options_set_selector(opt, name, &err) == PRECIS_OK, "'%s': %s",
                  name, err.message);
  }
  ck_assert(mmr);
  ck_assert_ptr_null(precis_selector_name(k));
  ck_assert_ptr_null(precis_selector_name((size_t)-1));
  CHECK_ERR(precis_options_set_selector(opt, NULL, &err), err, PRECIS_EINVAL,
            "selector name is NULL");
  CHECK_ERR(precis_options_set_selector(NULL, "mmr", &err), err, PRECIS_EINVAL,
            "selector name is NULL");
}
END_TEST

START_TEST(options_query_errors) {
  precis_error err;
  CHECK_ERR(precis_options_set_query(opt, "bad \xFF query", 11, &err), err,
            PRECIS_EUTF8, "invalid UTF-8 in query (invalid byte)");
  ck_assert_int_eq(err.has_offset, 1);
  ck_assert_uint_eq(err.offset, 4);
  CHECK_ERR(precis_options_set_query(opt, "caf\xC3", 4, &err), err, PRECIS_EUTF8,
            "invalid UTF-8 in query (truncated sequence)");
  ck_assert_uint_eq(err.offset, 3);
  CHECK_ERR(precis_options_set_query(opt, NULL, 3, &err), err, PRECIS_EINVAL,
            "query is NULL");
  CHECK_ERR(precis_options_set_query(NULL, "ferry", 5, &err), err, PRECIS_EINVAL,
            "query is NULL");
  /* valid queries, NUL bytes included; length 0 removes the query */
  ck_assert_int_eq(precis_options_set_query(opt, "ferry\0times", 11, &err), PRECIS_OK);
  ck_assert_int_eq(precis_options_set_query(opt, NULL, 0, &err), PRECIS_OK);
  ck_assert_int_eq(precis_options_set_query(opt, "", 0, &err), PRECIS_OK);
}
END_TEST

/* ---------------------------------------------------------------------
** Sentence length limits
** --------------------------------------------------------------------- */

typedef struct words_case {
  size_t min, max;
  const char *message; /* NULL: accepted */
} words_case;

static const words_case words_cases[] = {
  {4, 80, NULL}, {0, 0, NULL}, {10, 0, NULL}, {5, 5, NULL}, {1, 1000000, NULL},
  {10, 5, "max_words (5) is below min_words (10)"},
  {2, 1, "max_words (1) is below min_words (2)"},
};

START_TEST(options_words_table) {
  const words_case *c = &words_cases[_i];
  precis_error err;
  precis_status st;
  memset(&err, 0x55, sizeof err);
  st = precis_options_set_sentence_words(opt, c->min, c->max, &err);
  if (c->message == NULL) {
    ck_assert_int_eq(st, PRECIS_OK);
  } else {
    ck_assert_int_eq(st, PRECIS_EINVAL);
    ck_assert_int_eq(err.code, PRECIS_EINVAL);
    ck_assert_str_eq(err.message, c->message);
  }
}
END_TEST

/* ---------------------------------------------------------------------
** Status names, version
** --------------------------------------------------------------------- */

typedef struct status_case {
  int status;
  const char *name;
} status_case;

static const status_case status_cases[] = {
  {PRECIS_OK, "OK"}, {PRECIS_ENOMEM, "ENOMEM"}, {PRECIS_EINVAL, "EINVAL"},
  {PRECIS_EUTF8, "EUTF8"}, {PRECIS_EPOLICY, "EPOLICY"}, {PRECIS_EIO, "EIO"},
  {PRECIS_ELIMIT, "ELIMIT"}, {PRECIS_EEMPTY, "EEMPTY"},
  {PRECIS_EEMPTY + 1, "EUNKNOWN"}, {1000, "EUNKNOWN"}, {-1, "EUNKNOWN"},
};

START_TEST(options_status_table) {
  const status_case *c = &status_cases[_i];
  ck_assert_str_eq(precis_status_name((precis_status)c->status), c->name);
}
END_TEST

START_TEST(options_status_values) {
  /* 0 is success; the values are part of the ABI */
  ck_assert_int_eq(PRECIS_OK, 0);
  ck_assert_int_eq(PRECIS_ENOMEM, 1);
  ck_assert_int_eq(PRECIS_EEMPTY, 7);
}
END_TEST

START_TEST(options_version) {
  char want[32];
  snprintf(want, sizeof want, "%d.%d.%d", PRECIS_VERSION_MAJOR,
           PRECIS_VERSION_MINOR, PRECIS_VERSION_PATCH);
  ck_assert_str_eq(precis_version(), PRECIS_VERSION);
  ck_assert_str_eq(PRECIS_VERSION, want);
}
END_TEST

/* ---------------------------------------------------------------------
** Defaults, copies, NULL
** --------------------------------------------------------------------- */

static precis_result *summarize_fixture(const precis_summarizer *s, char **text) {
  size_t len;
  *text = t_fixture("library-flood.txt", &len);
  return t_run(s, *text, len, 0);
}

/* NULL options are the defaults of precis_options_new, and those are the
** documented ones */
START_TEST(options_defaults) {
  precis_summarizer *s0 = t_summarizer(NULL), *s1 = t_summarizer(opt);
  char *text;
  precis_result *r0 = summarize_fixture(s0, &text), *r1;
  size_t k, prev = 0;
  free(text);
  r1 = summarize_fixture(s1, &text);
  ck_assert_msg(t_same_result(r0, r1), "NULL options differ from the defaults");
  ck_assert_str_eq(precis_result_language(r0), "english");
  ck_assert_uint_eq(precis_result_selected_count(r0), 3);       /* 3 sentences */
  for (k = 0; k < precis_result_selected_count(r0); k++) {       /* document order */
    size_t u = precis_result_selected(r0, k);
    ck_assert(k == 0 || u > prev);
    prev = u;
  }
  ck_assert_uint_ge(precis_result_scorer_count(r0), 1);
  precis_result_free(r0);
  precis_result_free(r1);
  precis_summarizer_free(s0);
  precis_summarizer_free(s1);
  free(text);
}
END_TEST

/* the summarizer copies the options: changing or freeing them later has
** no effect on it */
START_TEST(options_copied) {
  precis_summarizer *s;
  precis_result *r;
  char *text;
  ck_assert_int_eq(precis_options_set_budget(opt, PRECIS_UNIT_SENTENCES, 2, NULL), PRECIS_OK);
  s = t_summarizer(opt);
  ck_assert_int_eq(precis_options_set_budget(opt, PRECIS_UNIT_SENTENCES, 5, NULL), PRECIS_OK);
  ck_assert_int_eq(precis_options_set_language(opt, "german", NULL), PRECIS_OK);
  precis_options_free(opt);
  opt = NULL;
  r = summarize_fixture(s, &text);
  ck_assert_uint_eq(precis_result_selected_count(r), 2);
  ck_assert_str_eq(precis_result_language(r), "english");
  precis_result_free(r);
  precis_summarizer_free(s);
  free(text);
}
END_TEST

/* a failed call leaves the options as they were */
START_TEST(options_failed_call_keeps_value) {
  precis_summarizer *s;
  precis_result *r;
  char *text;
  ck_assert_int_eq(precis_options_set_budget(opt, PRECIS_UNIT_SENTENCES, 2, NULL), PRECIS_OK);
  ck_assert_int_eq(precis_options_set_budget(opt, PRECIS_UNIT_SENTENCES, 2.5, NULL), PRECIS_EINVAL);
  ck_assert_int_eq(precis_options_set_budget(opt, PRECIS_UNIT_RATIO, 7, NULL), PRECIS_EINVAL);
  ck_assert_int_eq(precis_options_set_sentence_words(opt, 9, 3, NULL), PRECIS_EINVAL);
  s = t_summarizer(opt);
  r = summarize_fixture(s, &text);
  ck_assert_uint_eq(precis_result_selected_count(r), 2);
  precis_result_free(r);
  precis_summarizer_free(s);
  free(text);
}
END_TEST

START_TEST(options_null_safety) {
  precis_error err;
  precis_summarizer *s = (precis_summarizer *)&s;
  precis_sentence u;
  precis_options_free(NULL);
  precis_summarizer_free(NULL);
  precis_result_free(NULL);
  precis_options_clear_weights(NULL);
  precis_options_set_order(NULL, PRECIS_ORDER_SCORE);
  precis_options_set_utf8_mode(NULL, PRECIS_UTF8_REPLACE);
  CHECK_ERR(precis_options_new(NULL, &err), err, PRECIS_EINVAL, "out is NULL");
  CHECK_ERR(precis_summarizer_new(NULL, NULL, &err), err, PRECIS_EINVAL, "out is NULL");
  CHECK_ERR(precis_options_set_budget(NULL, PRECIS_UNIT_SENTENCES, 1, &err), err,
            PRECIS_EINVAL, "options is NULL");
  CHECK_ERR(precis_options_set_sentence_words(NULL, 1, 2, &err), err,
            PRECIS_EINVAL, "options is NULL");
  CHECK_ERR(precis_options_set_weight(NULL, "title", 1, &err), err, PRECIS_EINVAL,
            "scorer name is NULL");
  CHECK_ERR(precis_options_add_drop_pattern(opt, NULL, &err), err, PRECIS_EINVAL,
            "pattern is NULL");
  /* a NULL error pointer is always allowed */
  ck_assert_int_eq(precis_options_set_budget(opt, PRECIS_UNIT_RATIO, 2, NULL), PRECIS_EINVAL);
  ck_assert_int_eq(precis_options_set_param(opt, "nope", 2, NULL), PRECIS_EINVAL);
  precis_options_clear_weights(opt);
  ck_assert_int_eq(precis_summarizer_new(opt, &s, NULL), PRECIS_EINVAL);
  ck_assert_ptr_null(s);
  /* result accessors on NULL */
  memset(&u, 0, sizeof u);
  u.start = 12345;
  ck_assert_uint_eq(precis_result_count(NULL), 0);
  ck_assert_int_eq(precis_result_get(NULL, 0, &u), 0);
  ck_assert_uint_eq(u.start, 12345);
  ck_assert_uint_eq(precis_result_selected_count(NULL), 0);
  ck_assert_uint_eq(precis_result_selected(NULL, 0), (size_t)-1);
  ck_assert_uint_eq(precis_result_documents(NULL), 0);
  ck_assert_uint_eq(precis_result_scorer_count(NULL), 0);
  ck_assert_ptr_null(precis_result_scorer_name(NULL, 0));
  ck_assert(precis_result_scorer_weight(NULL, 0) == 0);
  ck_assert(precis_result_scorer_value(NULL, 0, 0) == 0);
  ck_assert_ptr_null(precis_result_language(NULL));
}
END_TEST

/* out-of-range enum values are ignored */
START_TEST(options_bad_enums_ignored) {
  precis_summarizer *s;
  precis_result *r;
  precis_text doc = {"Bad \xFF byte here. More words follow it.", 0, "x"};
  precis_error err;
  doc.len = strlen(doc.data);
  precis_options_set_order(opt, (precis_order)7);
  precis_options_set_utf8_mode(opt, (precis_utf8_mode)7);
  s = t_summarizer(opt);
  ck_assert_int_eq(precis_summarize(s, &doc, 1, &r, &err), PRECIS_EUTF8);
  precis_summarizer_free(s);
}
END_TEST

Suite *options_suite(void) {
  Suite *s = suite_create("options");
  TCase *tc = tcase_create("values");
  tcase_add_checked_fixture(tc, options_setup, options_teardown);
  tcase_add_loop_test(tc, options_budget_table, 0, (int)N_ELEMS(budget_cases));
  tcase_add_loop_test(tc, options_weight_table, 0, (int)N_ELEMS(weight_cases));
  tcase_add_test(tc, options_weight_long_name);
  tcase_add_test(tc, options_all_weights_zero);
  tcase_add_loop_test(tc, options_param_table, 0, (int)N_ELEMS(param_cases));
  tcase_add_test(tc, options_sentence_bounds_params);
  tcase_add_test(tc, options_param_null);
  tcase_add_loop_test(tc, options_words_table, 0, (int)N_ELEMS(words_cases));
  tcase_add_loop_test(tc, options_selector_table, 0, (int)N_ELEMS(selector_cases));
  tcase_add_test(tc, options_query_errors);
  suite_add_tcase(s, tc);
  tc = tcase_create("names");
  tcase_add_checked_fixture(tc, options_setup, options_teardown);
  tcase_add_loop_test(tc, options_language_table, 0, (int)N_ELEMS(language_cases));
  tcase_add_test(tc, options_language_errors);
  tcase_add_test(tc, options_language_list);
  tcase_add_test(tc, options_language_codes);
  tcase_add_test(tc, options_scorer_list);
  tcase_add_test(tc, options_selector_list);
  tcase_add_loop_test(tc, options_status_table, 0, (int)N_ELEMS(status_cases));
  tcase_add_test(tc, options_status_values);
  tcase_add_test(tc, options_version);
  tcase_add_test(tc, options_dependencies);
  suite_add_tcase(s, tc);
  tc = tcase_create("lifecycle");
  tcase_add_checked_fixture(tc, options_setup, options_teardown);
  tcase_add_test(tc, options_defaults);
  tcase_add_test(tc, options_copied);
  tcase_add_test(tc, options_failed_call_keeps_value);
  tcase_add_test(tc, options_null_safety);
  tcase_add_test(tc, options_bad_enums_ignored);
  suite_add_tcase(s, tc);
  return s;
}
