/*
** util.c: helpers shared by the suites (see suites.h).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"

precis_options *t_options_only(const char *scorer) {
  precis_options *o = NULL;
  precis_error err;
  ck_assert_int_eq(precis_options_new(&o, &err), PRECIS_OK);
  precis_options_clear_weights(o);
  ck_assert_msg(precis_options_set_weight(o, scorer, 1.0, &err) == PRECIS_OK,
                "set_weight(%s): %s", scorer, err.message);
  return o;
}

precis_summarizer *t_summarizer(const precis_options *opt) {
  precis_summarizer *s = NULL;
  precis_error err;
  precis_status st = precis_summarizer_new(opt, &s, &err);
  ck_assert_msg(st == PRECIS_OK, "precis_summarizer_new: %s: %s",
                precis_status_name(st), err.message);
  ck_assert_ptr_nonnull(s);
  return s;
}

precis_result *t_run(const precis_summarizer *s, const char *data, size_t len,
                     int segment_only) {
  precis_text doc;
  precis_result *r = NULL;
  precis_error err;
  precis_status st;
  doc.data = data;
  doc.len = len;
  doc.name = "test";
  st = segment_only ? precis_segment(s, &doc, 1, &r, &err)
                    : precis_summarize(s, &doc, 1, &r, &err);
  ck_assert_msg(st == PRECIS_OK, "%s: %s: %s",
                segment_only ? "precis_segment" : "precis_summarize",
                precis_status_name(st), err.message);
  ck_assert_ptr_nonnull(r);
  return r;
}

precis_sentence t_unit(const precis_result *r, size_t i) {
  precis_sentence u;
  memset(&u, 0, sizeof u);
  ck_assert_msg(precis_result_get(r, i, &u) == 1, "no unit %zu (count %zu)", i,
                precis_result_count(r));
  return u;
}

int t_span_is(const char *text, const precis_sentence *u, const char *want) {
  size_t n = strlen(want);
  return u->end >= u->start && u->end - u->start == n &&
         memcmp(text + u->start, want, n) == 0;
}

size_t t_count_kind(const precis_result *r, precis_kind kind) {
  size_t i, n = 0;
  for (i = 0; i < precis_result_count(r); i++)
    if (t_unit(r, i).kind == kind) n++;
  return n;
}

size_t t_find(const precis_result *r, size_t doc, const char *text,
              const char *prefix) {
  size_t i, n = strlen(prefix);
  for (i = 0; i < precis_result_count(r); i++) {
    precis_sentence u = t_unit(r, i);
    if (u.doc == doc && u.kind == PRECIS_KIND_SENTENCE && u.end - u.start >= n &&
        memcmp(text + u.start, prefix, n) == 0)
      return i;
  }
  return (size_t)-1;
}

char *t_read(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf;
  long size;
  size_t got;
  ck_assert_msg(f != NULL, "cannot open %s", path);
  ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
  size = ftell(f);
  ck_assert_int_ge(size, 0);
  rewind(f);
  buf = malloc((size_t)size + 1);
  ck_assert_ptr_nonnull(buf);
  got = fread(buf, 1, (size_t)size, f);
  fclose(f);
  ck_assert_uint_eq(got, (size_t)size);
  buf[got] = '\0';
  *len = got;
  return buf;
}

char *t_fixture(const char *name, size_t *len) {
  const char *dir = getenv("PRECIS_TEST_FIXTURES");
  char path[512];
  if (dir == NULL) dir = "tests/fixtures";
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return t_read(path, len);
}

int t_same_result(const precis_result *a, const precis_result *b) {
  size_t i, k, n = precis_result_count(a), m = precis_result_scorer_count(a);
  if (n != precis_result_count(b) || m != precis_result_scorer_count(b) ||
      precis_result_selected_count(a) != precis_result_selected_count(b) ||
      precis_result_documents(a) != precis_result_documents(b))
    return 0;
  for (i = 0; i < n; i++) {
    precis_sentence x, y;
    if (!precis_result_get(a, i, &x) || !precis_result_get(b, i, &y)) return 0;
    if (x.doc != y.doc || x.index != y.index || x.start != y.start ||
        x.end != y.end || x.words != y.words || x.chars != y.chars ||
        x.kind != y.kind || x.rank != y.rank || x.selected != y.selected ||
        (x.rule == NULL) != (y.rule == NULL) ||
        (x.rule && strcmp(x.rule, y.rule) != 0) ||
        memcmp(&x.score, &y.score, sizeof x.score) != 0)
      return 0;
    for (k = 0; k < m; k++) {
      double va = precis_result_scorer_value(a, i, k);
      double vb = precis_result_scorer_value(b, i, k);
      if (memcmp(&va, &vb, sizeof va) != 0) return 0;
    }
  }
  for (k = 0; k < precis_result_selected_count(a); k++)
    if (precis_result_selected(a, k) != precis_result_selected(b, k)) return 0;
  for (k = 0; k < m; k++) {
    double wa = precis_result_scorer_weight(a, k), wb = precis_result_scorer_weight(b, k);
    if (strcmp(precis_result_scorer_name(a, k), precis_result_scorer_name(b, k)) != 0 ||
        memcmp(&wa, &wb, sizeof wa) != 0)
      return 0;
  }
  return 1;
}
