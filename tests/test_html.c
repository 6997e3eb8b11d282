/*
** test_html.c: HTML read within bounds. Nesting of any depth keeps its
** text and costs time in proportion to its length (gumbo's scope checks
** would make it quadratic); text moved by the parser keeps its place.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "suites.h"

static precis_summarizer *html_summarizer(void) {
  precis_options *o = NULL;
  precis_summarizer *s;
  ck_assert_int_eq(precis_options_new(&o, NULL), PRECIS_OK);
  precis_options_set_format(o, PRECIS_FORMAT_HTML);
  s = t_summarizer(o);
  precis_options_free(o);
  return s;
}

/* n copies of `open`, the text, n copies of `close` */
static char *nested(const char *open, const char *text, const char *close, size_t n,
                    size_t *len) {
  size_t lo = strlen(open), lt = strlen(text), lc = strlen(close), k, o = 0;
  char *b = malloc(n * (lo + lc) + lt);
  ck_assert_ptr_nonnull(b);
  for (k = 0; k < n; k++, o += lo) memcpy(b + o, open, lo);
  memcpy(b + o, text, lt);
  o += lt;
  for (k = 0; k < n; k++, o += lc) memcpy(b + o, close, lc);
  *len = o;
  return b;
}

/* the units other than dropped ones, as read, one per line */
static void units_text(const precis_result *r, const char *text, char *out, size_t cap) {
  size_t i, n = 0;
  out[0] = '\0';
  for (i = 0; i < precis_result_count(r); i++) {
    precis_sentence u = t_unit(r, i);
    size_t plen;
    const char *p = precis_result_text(r, i, &plen);
    if (u.kind == PRECIS_KIND_DROPPED) continue;
    if (p == NULL) { p = text + u.start; plen = u.end - u.start; }
    if (n + plen + 2 > cap) break;
    memcpy(out + n, p, plen);
    n += plen;
    out[n++] = '\n';
    out[n] = '\0';
  }
}

/* issue 9: 100,000 nested <div> took 21 s in gumbo, and text deeper than
** 256 levels was dropped */
START_TEST(html_deep_nesting_keeps_text) {
  precis_summarizer *s = html_summarizer();
  size_t len;
  char *doc = nested("<div>", "Deep text is kept here. It has two sentences.", "</div>",
                     100000, &len);
  precis_result *r = t_run(s, doc, len, 1);
  char got[256];
  units_text(r, doc, got, sizeof got);
  ck_assert_str_eq(got, "Deep text is kept here.\nIt has two sentences.\n");
  ck_assert_uint_eq(t_unit(r, 0).start, 500000);
  precis_result_free(r);
  free(doc);
  precis_summarizer_free(s);
}
END_TEST

/* blocks nested deeper than the bound still end their lines */
START_TEST(html_deep_blocks_stay_apart) {
  static const char inner[] =
      "<h2>A heading in the depths</h2><div>First line without an end</div>"
      "<div>Second line without an end</div><p>A sentence down here.</p>";
  precis_summarizer *s = html_summarizer();
  size_t len;
  char *doc = nested("<div>", inner, "</div>", 400, &len);
  precis_result *r = t_run(s, doc, len, 1);
  char got[512];
  units_text(r, doc, got, sizeof got);
  ck_assert_str_eq(got, "A heading in the depths\nFirst line without an end\n"
                        "Second line without an end\nA sentence down here.\n");
  precis_result_free(r);
  free(doc);
  precis_summarizer_free(s);
}
END_TEST

/* the least CPU time of three runs */
static double cpu_of(const precis_summarizer *s, const char *doc, size_t len) {
  double best = 1e9;
  int k;
  for (k = 0; k < 3; k++) {
    clock_t t0 = clock();
    precis_result *r = t_run(s, doc, len, 1);
    double t = (double)(clock() - t0) / CLOCKS_PER_SEC;
    precis_result_free(r);
    if (t < best) best = t;
  }
  return best;
}

/* Four times the input costs about four times the time, not sixteen:
** nesting, formatting elements that the parser reopens, and paragraphs
** under a deep stack. */
START_TEST(html_nesting_cost_is_linear) {
  static const struct { const char *open, *close; } shapes[] = {
    {"<div>", "</div>"},
    {"<b id=x><p>x. ", ""},
    {"<div><span>", ""},
    {"<table><tr><td>", "</td></tr></table>"},
  };
  precis_summarizer *s = html_summarizer();
  size_t k;
  for (k = 0; k < N_ELEMS(shapes); k++) {
    size_t ls, ll;
    char *small = nested(shapes[k].open, "Text here. More text.", shapes[k].close, 6000, &ls);
    char *large = nested(shapes[k].open, "Text here. More text.", shapes[k].close, 24000, &ll);
    double a, b;
    a = cpu_of(s, small, ls);
    b = cpu_of(s, large, ll);
    ck_assert_msg(b < 8 * (a > 0.005 ? a : 0.005), /* the square would be 16 */
                  "%s: %zu bytes took %.3f s, %zu bytes %.3f s", shapes[k].open, ls, a, ll, b);
    free(small);
    free(large);
  }
  precis_summarizer_free(s);
}
END_TEST

Suite *html_suite(void) {
  Suite *s = suite_create("html");
  TCase *tc = tcase_create("html");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, html_deep_nesting_keeps_text);
  tcase_add_test(tc, html_deep_blocks_stay_apart);
  tcase_add_test(tc, html_nesting_cost_is_linear);
  suite_add_tcase(s, tc);
  return s;
}
