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

/* ---------------------------------------------------------------------
** Clean-up by content
** --------------------------------------------------------------------- */

/* Runs a page through segmentation with `param` (NULL, or a name set to
** 0) and returns its units. */
static precis_result *page_units(const char *page, const char *param, precis_summarizer **s) {
  precis_options *o = NULL;
  ck_assert_int_eq(precis_options_new(&o, NULL), PRECIS_OK);
  precis_options_set_format(o, PRECIS_FORMAT_HTML);
  if (param) ck_assert_int_eq(precis_options_set_param(o, param, 0, NULL), PRECIS_OK);
  *s = t_summarizer(o);
  precis_options_free(o);
  return t_run(*s, page, strlen(page), 1);
}

/* the rule of the unit whose text as read starts with `prefix`: "" for a
** unit that is kept, NULL when there is none */
static const char *rule_of(const precis_result *r, const char *page, const char *prefix) {
  size_t i, n = strlen(prefix);
  for (i = 0; i < precis_result_count(r); i++) {
    precis_sentence u = t_unit(r, i);
    size_t plen;
    const char *p = precis_result_text(r, i, &plen);
    if (p == NULL) { p = page + u.start; plen = u.end - u.start; }
    if (plen >= n && memcmp(p, prefix, n) == 0)
      return u.kind == PRECIS_KIND_DROPPED ? u.rule : "";
  }
  return NULL;
}

#define ARTICLE \
  "<p>The council approved the new tram line on Monday after a long debate. Work on " \
  "the four new stops will begin next spring and take two years.</p>" \
  "<p>Opponents said the money should go to buses, which carry more people. The " \
  "council said fares and a levy on new homes would repay the loan.</p>"

typedef struct rule_case {
  const char *title, *page, *prefix, *rule;
} rule_case;

static const rule_case rule_cases[] = {
  {"a cookie banner by id", "<div id=\"cookie-warning\"><p>We use cookies to improve your "
   "experience on our site.</p></div><article>" ARTICLE "</article>",
   "We use cookies", "consent"},
  {"a consent dialog", "<article>" ARTICLE "</article><div id=\"privacy-consent\" "
   "role=\"dialog\"><p>By continuing to browse you agree to our use of data.</p></div>",
   "By continuing", "consent"},
  {"a caption by class", "<article>" ARTICLE "<div class=\"wp-caption\"><img src=x.jpg>"
   "<p class=\"wp-caption-text\">The new tram at the depot on Monday morning.</p></div>"
   "</article>", "The new tram at the depot", "caption"},
  {"a caption beside its image", "<article>" ARTICLE "<div class=\"figure\"><img src=x>"
   "<div class=\"figcaption\">Crews at work on the line last year.</div></div></article>",
   "Crews at work", "caption"},
  {"a newsletter promo", "<article>" ARTICLE "<aside class=\"inline-promo\"><p>Sign up to "
   "receive our morning briefing every weekday.</p></aside></article>",
   "Sign up to receive", "promo"},
  {"a newsletter box", "<article>" ARTICLE "<div class=\"newsletter-box\"><p>Enter your email "
   "address to get our free daily newsletter.</p></div></article>", "Enter your email", "promo"},
  {"a share bar", "<article>" ARTICLE "<div class=\"share-tools\"><a href=\"/fb\">Share on "
   "Facebook</a> <a href=\"/x\">Share on X</a></div></article>", "Share on Facebook", "share"},
  {"a related list with summaries", "<article>" ARTICLE "</article><section class=\"related\">"
   "<h2>Related stories</h2><p>Bus fares are frozen for another year, the operator said "
   "today.</p></section>", "Bus fares are frozen", "related"},
  {"a breaking-news ticker", "<div class=\"breaking-ticker\"><span>Flood warning issued for "
   "the lower valley as rivers rise.</span></div><article>" ARTICLE "</article>",
   "Flood warning issued", "related"},
  {"breadcrumbs", "<ol class=\"breadcrumbs\"><li>Home</li><li>News</li><li>Local transport "
   "news</li></ol><article>" ARTICLE "</article>", "Home", "navigation"},
  {"a comment thread", "<article>" ARTICLE "</article><div id=\"comments\"><p>I think the "
   "council is wasting our money on this plan again.</p></div>",
   "I think the council", "comments"},
  {"a sidebar", "<div class=\"layout\"><div class=\"story\">" ARTICLE "</div><div class=\""
   "sidebar\"><p>Our weather service says it will rain all week long.</p></div></div>",
   "Our weather service", "sidebar"},
  {"the hidden attribute", "<article>" ARTICLE "</article><div hidden><p>Sign in to keep "
   "reading all of our stories.</p></div>", "Sign in to keep", "hidden"},
  {"aria-hidden", "<div aria-hidden=\"true\"><p>Explore our sections on sport and "
   "culture today.</p></div><article>" ARTICLE "</article>", "Explore our sections", "hidden"},
  {"display:none", "<article>" ARTICLE "<p style=\"display: none\">Please turn off your ad "
   "blocker to support us.</p></article>", "Please turn off", "hidden"},
  {"a list of links", "<article>" ARTICLE "</article><ul><li><a href=\"/a\">Council tax "
   "to rise by five per cent</a></li><li><a href=\"/b\">New supermarket plan</a></li></ul>",
   "Council tax to rise", "navigation"},
  {"Sphinx's Navigation block", "<div class=\"related\" role=\"navigation\"><h3>Navigation"
   "</h3><ul><li><a href=\"index.html\">index</a></li></ul></div><div class=\"body\" "
   "role=\"main\">" ARTICLE "</div>", "Navigation", "related"},
  {"a man page's synopsis", "<h2>SYNOPSIS</h2><p><b>pakk -c</b> [<b>-f</b> <i>ARCHIVE</i>] "
   "[<i>OPTIONS</i>] [<i>FILE</i>...]</p><h2>DESCRIPTION</h2>" ARTICLE,
   "pakk -c [-f ARCHIVE]", "code"},
  {"a code block", "<article>" ARTICLE "<div class=\"highlight\"><pre>retry(attempts = 3); "
   "send(invoice);</pre></div></article>", "retry(attempts", "code"},
};

/* issue 10: what still won summary slots on real pages is reported as
** dropped, with its rule, and the article stays */
START_TEST(html_rules_by_content) {
  const rule_case *c = &rule_cases[_i];
  precis_summarizer *s;
  precis_result *r = page_units(c->page, NULL, &s);
  const char *got = rule_of(r, c->page, c->prefix);
  ck_assert_msg(got != NULL, "%s: no unit [%s]", c->title, c->prefix);
  ck_assert_msg(strcmp(got, c->rule) == 0, "%s: [%s] has rule '%s', want '%s'", c->title,
                c->prefix, got, c->rule);
  got = rule_of(r, c->page, "The council approved the new tram line");
  ck_assert_msg(got != NULL && got[0] == '\0', "%s: the article was dropped (%s)", c->title,
                got ? got : "missing");
  precis_result_free(r);
  precis_summarizer_free(s);
  /* each rule can be switched off: the text is read again */
  if (strcmp(c->rule, "navigation") != 0) {
    char param[64];
    snprintf(param, sizeof param, "input.rule.%s", c->rule);
    r = page_units(c->page, param, &s);
    got = rule_of(r, c->page, c->prefix);
    ck_assert_msg(got == NULL || strcmp(got, c->rule) != 0, "%s: %s=0 still drops it",
                  c->title, param);
    precis_result_free(r);
    precis_summarizer_free(s);
  }
}
END_TEST

/* issue 10: a site that wraps its whole body in <form> lost the article
** ("no sentences to summarize") */
START_TEST(html_form_around_the_page) {
  static const char page[] =
      "<html><body><form method=\"post\" action=\"./article.aspx\" id=\"aspnetForm\">"
      "<input type=\"hidden\" name=\"__VIEWSTATE\" value=\"abc\"><div id=\"header\">"
      "<a href=\"/\">Valley Gazette</a></div><div id=\"content\"><h1>Hospital opens night "
      "clinic</h1>" ARTICLE "</div></form></body></html>";
  precis_summarizer *s = html_summarizer();
  precis_result *r = t_run(s, page, sizeof page - 1, 0);
  ck_assert_uint_ge(precis_result_selected_count(r), 3);
  precis_result_free(r);
  precis_summarizer_free(s);
}
END_TEST

/* a block that holds most of the page's prose is never dropped, whatever
** its class says, when nothing else says where the main text is */
START_TEST(html_most_prose_is_kept) {
  static const char page[] =
      "<div class=\"sidebar-layout comments-open\">" ARTICLE "</div>"
      "<div class=\"share\"><a href=\"/fb\">Facebook</a></div>";
  precis_summarizer *s;
  precis_result *r = page_units(page, NULL, &s);
  const char *got = rule_of(r, page, "The council approved the new tram line");
  ck_assert_msg(got != NULL && got[0] == '\0', "the article was dropped (%s)",
                got ? got : "missing");
  ck_assert_str_eq(rule_of(r, page, "Facebook"), "share");
  precis_result_free(r);
  precis_summarizer_free(s);
}
END_TEST

/* the page's own heading is the title, not a tagline after it; a
** footnote mark and a heading's permalink are markup */
START_TEST(html_marks_are_markup) {
  static const char page[] =
      "<h1>Retrying failed jobs<a class=\"headerlink\" href=\"#retrying\" "
      "title=\"Permalink\">\xC2\xB6</a></h1><p>A job can fail for reasons that have nothing to "
      "do with your code.<sup class=\"reference\"><a href=\"#cite-1\">[1]</a></sup> Retries "
      "are off by default.</p>";
  static const char first[] = "A job can fail for reasons that have nothing to do with your code.";
  precis_summarizer *s;
  precis_result *r = page_units(page, NULL, &s);
  size_t plen;
  const char *p = precis_result_text(r, 0, &plen);
  ck_assert_int_eq(t_unit(r, 0).kind, PRECIS_KIND_TITLE);
  ck_assert_msg(plen == 20 && memcmp(p, "Retrying failed jobs", 20) == 0, "title [%.*s]",
                (int)plen, p);
  p = precis_result_text(r, 1, &plen);
  ck_assert_msg(plen == strlen(first) && memcmp(p, first, plen) == 0, "first sentence [%.*s]",
                (int)plen, p);
  precis_result_free(r);
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
  tcase_add_loop_test(tc, html_rules_by_content, 0, (int)N_ELEMS(rule_cases));
  tcase_add_test(tc, html_form_around_the_page);
  tcase_add_test(tc, html_most_prose_is_kept);
  tcase_add_test(tc, html_marks_are_markup);
  suite_add_tcase(s, tc);
  return s;
}
