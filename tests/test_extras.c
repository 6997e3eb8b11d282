/*
** test_extras.c: precis_summarize_with, the caller's own scorers and
** drops (what a policy's Lua scorers and filters become): they change the
** selection as they say, show in the result, and bad extras are refused.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"

static const char text[] =
  "The river rose two metres overnight and flooded the lower town.\n\n"
  "Rescue teams moved forty families from the flooded streets by boat.\n\n"
  "The mayor said the town would rebuild the flood wall next spring.\n\n"
  "Is anyone surprised that the old wall failed again this year?\n\n"
  "Local bakers handed out bread and tea to the volunteers all night.\n\n"
  "The weather service expects the river to fall by Friday evening.\n";

static precis_summarizer *s;
static precis_result *seg;   /* the segmentation the extras describe */
static size_t nunits;
static double *values;

static precis_text doc(void) {
  precis_text d;
  d.data = text;
  d.len = sizeof text - 1;
  d.name = "flood";
  return d;
}

static void setup(void) {
  precis_options *opt = NULL;
  precis_text d = doc();
  precis_error err;
  ck_assert_int_eq(precis_options_new(&opt, &err), PRECIS_OK);
  ck_assert_int_eq(precis_options_set_budget(opt, PRECIS_UNIT_SENTENCES, 1, &err),
                   PRECIS_OK);
  s = t_summarizer(opt);
  precis_options_free(opt);
  ck_assert_int_eq(precis_segment(s, &d, 1, &seg, &err), PRECIS_OK);
  nunits = precis_result_count(seg);
  ck_assert_uint_eq(nunits, 6);
  values = calloc(nunits, sizeof *values);
  ck_assert_ptr_nonnull(values);
}

static void teardown(void) {
  precis_result_free(seg);
  precis_summarizer_free(s);
  free(values);
  seg = NULL;
  s = NULL;
  values = NULL;
}

static precis_result *run_with(const precis_extras *ex) {
  precis_text d = doc();
  precis_result *r = NULL;
  precis_error err;
  precis_status st = precis_summarize_with(s, &d, 1, ex, &r, &err);
  ck_assert_msg(st == PRECIS_OK, "precis_summarize_with: %s", err.message);
  return r;
}

static size_t selected_unit(const precis_result *r) {
  ck_assert_uint_eq(precis_result_selected_count(r), 1);
  return precis_result_selected(r, 0);
}

START_TEST(no_extras_is_summarize) {
  precis_text d = doc();
  precis_result *a = run_with(NULL), *b = NULL;
  precis_error err;
  ck_assert_int_eq(precis_summarize(s, &d, 1, &b, &err), PRECIS_OK);
  ck_assert_uint_eq(selected_unit(a), selected_unit(b));
  ck_assert_uint_eq(precis_result_scorer_count(a), precis_result_scorer_count(b));
  precis_result_free(a);
  precis_result_free(b);
}
END_TEST

/* the caller's scorer alone picks every sentence in turn */
START_TEST(only_scorer_decides) {
  precis_extra_scorer x = {"favour", 1.0, NULL};
  precis_extras ex;
  size_t want;
  memset(&ex, 0, sizeof ex);
  x.values = values;
  ex.nunits = nunits;
  ex.scorers = &x;
  ex.nscorers = 1;
  ex.only = 1;
  for (want = 0; want < nunits; want++) {
    precis_result *r;
    memset(values, 0, nunits * sizeof *values);
    values[want] = 5;
    r = run_with(&ex);
    ck_assert_uint_eq(selected_unit(r), want);
    ck_assert_uint_eq(precis_result_scorer_count(r), 1);
    ck_assert_str_eq(precis_result_scorer_name(r, 0), "favour");
    ck_assert(precis_result_scorer_weight(r, 0) == 1.0);
    ck_assert(precis_result_scorer_value(r, want, 0) == 1.0); /* scaled */
    ck_assert(precis_result_scorer_value(r, (want + 1) % nunits, 0) == 0.0);
    precis_result_free(r);
  }
}
END_TEST

/* beside the built-in mix, a heavy scorer wins; a light one does not */
START_TEST(mixed_with_builtin) {
  precis_extra_scorer x = {"favour", 100.0, NULL};
  precis_extras ex;
  precis_result *base = run_with(NULL), *r;
  size_t best = selected_unit(base), other = best == 5 ? 4 : 5, k;
  memset(&ex, 0, sizeof ex);
  x.values = values;
  values[other] = 1;
  ex.nunits = nunits;
  ex.scorers = &x;
  ex.nscorers = 1;
  r = run_with(&ex);
  ck_assert_uint_eq(selected_unit(r), other);
  ck_assert_uint_eq(precis_result_scorer_count(r),
                    precis_result_scorer_count(base) + 1);
  k = precis_result_scorer_count(base);
  ck_assert_str_eq(precis_result_scorer_name(r, k), "favour");
  ck_assert_str_eq(precis_result_scorer_name(r, 0), precis_result_scorer_name(base, 0));
  precis_result_free(r);
  x.weight = 1e-9;
  r = run_with(&ex);
  ck_assert_uint_eq(selected_unit(r), best);
  precis_result_free(r);
  precis_result_free(base);
}
END_TEST

/* negative values are scaled from the smallest; NaN has no say */
START_TEST(negative_and_nan) {
  precis_extra_scorer x = {"penalty", 1.0, NULL};
  precis_extras ex;
  precis_result *r;
  size_t k;
  memset(&ex, 0, sizeof ex);
  for (k = 0; k < nunits; k++) values[k] = -10;
  values[2] = -1;
  values[3] = NAN;
  x.values = values;
  ex.nunits = nunits;
  ex.scorers = &x;
  ex.nscorers = 1;
  ex.only = 1;
  r = run_with(&ex);
  ck_assert_uint_eq(selected_unit(r), 2);
  ck_assert(precis_result_scorer_value(r, 2, 0) == 1.0);
  ck_assert(precis_result_scorer_value(r, 0, 0) == 0.0);
  ck_assert(precis_result_scorer_value(r, 3, 0) == 0.0);
  precis_result_free(r);
}
END_TEST

/* a dropped sentence is never selected and says why; the result keeps
** its own copy of the rule */
START_TEST(dropped_sentence) {
  precis_result *base = run_with(NULL), *r;
  size_t best = selected_unit(base);
  const char **drop = calloc(nunits, sizeof *drop);
  char *rule = malloc(32);
  precis_extras ex;
  precis_sentence u;
  ck_assert_ptr_nonnull(drop);
  ck_assert_ptr_nonnull(rule);
  strcpy(rule, "filter:questions");
  drop[best] = rule;
  memset(&ex, 0, sizeof ex);
  ex.nunits = nunits;
  ex.drop = drop;
  r = run_with(&ex);
  memset(rule, 'x', 16);
  free(rule);
  ck_assert_uint_ne(selected_unit(r), best);
  ck_assert(precis_result_get(r, best, &u));
  ck_assert_int_eq(u.kind, PRECIS_KIND_DROPPED);
  ck_assert_str_eq(u.rule, "filter:questions");
  ck_assert_uint_eq(u.rank, 0);
  ck_assert_uint_eq(precis_result_count(r), nunits);
  precis_result_free(r);
  precis_result_free(base);
  free(drop);
}
END_TEST

/* every sentence dropped: nothing to summarize */
START_TEST(drop_all) {
  const char **drop = calloc(nunits, sizeof *drop);
  precis_text d = doc();
  precis_result *r = NULL;
  precis_extras ex;
  precis_error err;
  size_t k;
  ck_assert_ptr_nonnull(drop);
  for (k = 0; k < nunits; k++) drop[k] = "gone";
  memset(&ex, 0, sizeof ex);
  ex.nunits = nunits;
  ex.drop = drop;
  ck_assert_int_eq(precis_summarize_with(s, &d, 1, &ex, &r, &err), PRECIS_EEMPTY);
  ck_assert_ptr_null(r);
  free(drop);
}
END_TEST

typedef struct bad_case {
  const char *title;
  const char *name;
  double weight;
  size_t nunits_delta;
  double value0;
  int only;
  int twice;
  const char *message;
} bad_case;

static const bad_case bad_cases[] = {
  {"unit count", "x", 1, 1, 0, 0, 0,
   "extras describe 7 units but the documents have 6"},
  {"no name", "", 1, 0, 0, 0, 0, "extra scorer 1 has no name"},
  {"built-in name", "textrank", 1, 0, 0, 0, 0,
   "extra scorer 'textrank' has a built-in scorer's name"},
  {"twice", "x", 1, 0, 0, 0, 1, "extra scorer 'x' is given twice"},
  {"negative weight", "x", -1, 0, 0, 0, 0,
   "weight of 'x' must be a finite number >= 0"},
  {"NaN weight", "x", NAN, 0, 0, 0, 0,
   "weight of 'x' must be a finite number >= 0"},
  {"infinite value", "x", 1, 0, INFINITY, 0, 0,
   "extra scorer 'x' gives unit 1 an infinite value"},
  {"only, no weight", "x", 0, 0, 0, 1, 0,
   "the extra scorers are the whole mix but none has a weight"},
};

START_TEST(refused) {
  const bad_case *c = &bad_cases[_i];
  precis_extra_scorer x[2];
  precis_extras ex;
  precis_text d = doc();
  precis_result *r = (precis_result *)&r;
  double *v = calloc(nunits + 1, sizeof *v);
  precis_error err;
  ck_assert_ptr_nonnull(v);
  v[0] = c->value0;
  x[0].name = c->name;
  x[0].weight = c->weight;
  x[0].values = v;
  x[1] = x[0];
  memset(&ex, 0, sizeof ex);
  ex.nunits = nunits + c->nunits_delta;
  ex.scorers = x;
  ex.nscorers = c->twice ? 2 : 1;
  ex.only = c->only;
  ck_assert_int_eq(precis_summarize_with(s, &d, 1, &ex, &r, &err), PRECIS_EINVAL);
  ck_assert_ptr_null(r);
  ck_assert_str_eq(err.message, c->message);
  free(v);
}
END_TEST

/* "filter.questions": the core drops questions from a summary itself,
** under the rule a Lua filter of that name would give; segmenting alone
** drops nothing */
START_TEST(filter_questions) {
  static const char qtext[] =
      "The ferry left the harbour at noon on Monday with forty people aboard. "
      "What will the council do next year? The crew said the crossing was calm "
      "and quick. A passenger asked, \"Why is it late again?\" The ferry came "
      "back at six in the evening.";
  precis_options *o = NULL;
  precis_summarizer *qs;
  precis_result *r;
  precis_text doc;
  size_t i, dropped = 0;
  ck_assert_int_eq(precis_options_new(&o, NULL), PRECIS_OK);
  ck_assert_int_eq(precis_options_set_param(o, "filter.questions", 1, NULL), PRECIS_OK);
  qs = t_summarizer(o);
  precis_options_free(o);
  r = t_run(qs, qtext, sizeof qtext - 1, 0);
  for (i = 0; i < precis_result_count(r); i++) {
    precis_sentence u = t_unit(r, i);
    int question = memchr(qtext + u.start, '?', u.end - u.start) != NULL;
    if (question) {
      ck_assert_msg(u.kind == PRECIS_KIND_DROPPED, "unit %zu [%.*s] kind %d", i,
                    (int)(u.end - u.start), qtext + u.start, (int)u.kind);
      ck_assert_str_eq(u.rule, "filter:questions");
      ck_assert(!u.selected);
      dropped++;
    } else {
      ck_assert_int_eq(u.kind, PRECIS_KIND_SENTENCE);
    }
  }
  ck_assert_uint_eq(dropped, 2);
  precis_result_free(r);
  doc.data = qtext;
  doc.len = sizeof qtext - 1;
  doc.name = NULL;
  ck_assert_int_eq(precis_segment(qs, &doc, 1, &r, NULL), PRECIS_OK);
  ck_assert_uint_eq(t_count_kind(r, PRECIS_KIND_DROPPED), 0);
  precis_result_free(r);
  precis_summarizer_free(qs);
}
END_TEST

Suite *extras_suite(void) {
  Suite *su = suite_create("extras");
  TCase *ok = tcase_create("scores and drops");
  TCase *bad = tcase_create("refused");
  tcase_add_checked_fixture(ok, setup, teardown);
  tcase_add_checked_fixture(bad, setup, teardown);
  tcase_add_test(ok, no_extras_is_summarize);
  tcase_add_test(ok, only_scorer_decides);
  tcase_add_test(ok, mixed_with_builtin);
  tcase_add_test(ok, negative_and_nan);
  tcase_add_test(ok, dropped_sentence);
  tcase_add_test(ok, drop_all);
  tcase_add_test(ok, filter_questions);
  tcase_add_loop_test(bad, refused, 0, (int)N_ELEMS(bad_cases));
  suite_add_tcase(su, ok);
  suite_add_tcase(su, bad);
  return su;
}
