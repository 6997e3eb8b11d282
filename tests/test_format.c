/*
** test_format.c: Markdown and HTML input. One short article, written for
** this test in three forms, must give the same units with the same text
** as read; every unit's span must lie in the caller's bytes and start and
** end where its text does.
*/
#include <stdio.h>
#include <string.h>

#include "suites.h"

static const char article_text[] =
    "Harbour Bridge Closes for Repairs\n"
    "\n"
    "The council voted on Tuesday to close the harbour bridge for eight "
    "months. Crews will replace the deck & the railings.\n"
    "\n"
    "Why it matters\n"
    "\n"
    "The bridge carries most of the city's traffic. Ferries will run every "
    "ten minutes instead.\n"
    "\n"
    "- Work starts in March.\n"
    "- The bridge reopens in November.\n";

static const char article_md[] =
    "---\n"
    "title: front matter is no text\n"
    "---\n"
    "# Harbour Bridge Closes for Repairs\n"
    "\n"
    "The council voted on **Tuesday** to close the harbour bridge for\n"
    "eight months. Crews will replace the deck &amp; the railings.\n"
    "\n"
    "![A photo of the bridge](bridge.jpg)\n"
    "\n"
    "## Why it matters\n"
    "\n"
    "The bridge carries most of the [city's](https://example.org/city.html)\n"
    "traffic. Ferries will run every ten minutes instead.\n"
    "\n"
    "```\n"
    "close_bridge(months = 8). Code is no sentence.\n"
    "```\n"
    "\n"
    "| Month | Work |\n"
    "| --- | --- |\n"
    "| March | Deck. |\n"
    "\n"
    "- Work starts in March.\n"
    "- The bridge reopens in November.\n";

static const char article_html[] =
    "<!DOCTYPE html><html><head><title>Harbour Bridge Closes for Repairs"
    "</title><style>p { color: red; } .x { content: \"No.\"; }</style>"
    "<script>var s = \"Scripts are no sentences.\";</script></head><body>"
    "<header><nav><a href=\"/\">Home</a> | <a href=\"/news\">News</a></nav>"
    "</header>\n<main><h1>Harbour Bridge Closes for Repairs</h1>\n"
    "<p>The council voted on <b>Tuesday</b> to close the harbour bridge for\n"
    "eight months. Crews will replace the deck &amp; the railings.</p>\n"
    "<div hidden>Hidden text is not read.</div>"
    "<h2>Why it matters</h2><p>The bridge carries most of the <a "
    "href=\"https://example.org/city.html\">city&#39;s</a> traffic. Ferries "
    "will run every ten minutes instead.</p>\n<ul><li>Work starts in March.</li>"
    "<li>The bridge reopens in November.</li></ul>"
    "<form><input type=\"text\" value=\"Search.\"><button>Go.</button></form>"
    "</main><footer>Copyright 2024. All rights reserved.</footer></body></html>";

/* the units other than dropped ones, as read, one per line */
static void units_as_read(const char *text, size_t len, precis_format format,
                          char *out, size_t cap) {
  precis_options *o = NULL;
  precis_summarizer *s;
  precis_result *r;
  size_t i, n = 0;
  ck_assert_int_eq(precis_options_new(&o, NULL), PRECIS_OK);
  precis_options_set_format(o, format);
  s = t_summarizer(o);
  precis_options_free(o);
  r = t_run(s, text, len, 1);
  out[0] = '\0';
  for (i = 0; i < precis_result_count(r); i++) {
    precis_sentence u = t_unit(r, i);
    size_t plen, k;
    const char *plain = precis_result_text(r, i, &plen);
    ck_assert_msg(u.start <= u.end && u.end <= len, "unit %zu out of the text", i);
    if (u.kind == PRECIS_KIND_DROPPED) continue;
    if (plain == NULL) { plain = text + u.start; plen = u.end - u.start; }
    /* the span starts and ends where the text as read does */
    ck_assert_msg(plen > 0 && text[u.start] == plain[0] &&
                  text[u.end - 1] == plain[plen - 1],
                  "unit %zu: span [%.*s] for [%.*s]", i,
                  (int)(u.end - u.start), text + u.start, (int)plen, plain);
    for (k = 0; k < plen && n + 2 < cap; k++) /* white space as one space */
      if (!(plain[k] == ' ' || plain[k] == '\n') || (n > 0 && out[n - 1] != ' '))
        out[n++] = plain[k] == '\n' ? ' ' : plain[k];
    if (n > 0 && out[n - 1] == ' ') n--;
    out[n++] = '\n';
    out[n] = '\0';
  }
  precis_result_free(r);
  precis_summarizer_free(s);
}

START_TEST(format_same_sentences) {
  char want[2048], got[2048];
  units_as_read(article_text, sizeof article_text - 1, PRECIS_FORMAT_TEXT,
                want, sizeof want);
  ck_assert_str_eq(want,
                   "Harbour Bridge Closes for Repairs\n"
                   "The council voted on Tuesday to close the harbour bridge "
                   "for eight months.\n"
                   "Crews will replace the deck & the railings.\n"
                   "Why it matters\n"
                   "The bridge carries most of the city's traffic.\n"
                   "Ferries will run every ten minutes instead.\n"
                   "- Work starts in March.\n"
                   "- The bridge reopens in November.\n");
  units_as_read(article_md, sizeof article_md - 1, PRECIS_FORMAT_MARKDOWN,
                got, sizeof got);
  /* list markers are markup in Markdown and HTML */
  ck_assert_str_eq(got,
                   "Harbour Bridge Closes for Repairs\n"
                   "The council voted on Tuesday to close the harbour bridge "
                   "for eight months.\n"
                   "Crews will replace the deck & the railings.\n"
                   "Why it matters\n"
                   "The bridge carries most of the city's traffic.\n"
                   "Ferries will run every ten minutes instead.\n"
                   "Work starts in March.\n"
                   "The bridge reopens in November.\n");
  units_as_read(article_html, sizeof article_html - 1, PRECIS_FORMAT_HTML,
                want, sizeof want);
  /* the HTML title and h1 say the same: the h1 is dropped as a repeat */
  ck_assert_str_eq(want,
                   "Harbour Bridge Closes for Repairs\n"
                   "The council voted on Tuesday to close the harbour bridge "
                   "for eight months.\n"
                   "Crews will replace the deck & the railings.\n"
                   "Why it matters\n"
                   "The bridge carries most of the city's traffic.\n"
                   "Ferries will run every ten minutes instead.\n"
                   "Work starts in March.\n"
                   "The bridge reopens in November.\n");
}
END_TEST

/* plain text has no text of its own: the caller's bytes are the text */
START_TEST(format_text_has_no_copy) {
  precis_summarizer *s = t_summarizer(NULL);
  precis_result *r = t_run(s, article_text, sizeof article_text - 1, 1);
  size_t len = 7;
  ck_assert_ptr_null(precis_result_text(r, 0, &len));
  ck_assert_uint_eq(len, 7);
  ck_assert_ptr_null(precis_result_text(r, 999, &len));
  precis_result_free(r);
  precis_summarizer_free(s);
}
END_TEST

/* headings and kinds come from the markup */
START_TEST(format_kinds) {
  static const char md[] = "# A Question?\n\nOne sentence here. Another one.\n";
  precis_options *o = NULL;
  precis_summarizer *s;
  precis_result *r;
  ck_assert_int_eq(precis_options_new(&o, NULL), PRECIS_OK);
  precis_options_set_format(o, PRECIS_FORMAT_MARKDOWN);
  s = t_summarizer(o);
  precis_options_free(o);
  r = t_run(s, md, sizeof md - 1, 1);
  ck_assert_uint_eq(precis_result_count(r), 3);
  ck_assert_int_eq(t_unit(r, 0).kind, PRECIS_KIND_TITLE);
  ck_assert_uint_eq(t_unit(r, 0).start, 2);
  ck_assert_uint_eq(t_unit(r, 0).end, 13);
  ck_assert_int_eq(t_unit(r, 1).kind, PRECIS_KIND_SENTENCE);
  ck_assert_int_eq(t_unit(r, 2).kind, PRECIS_KIND_SENTENCE);
  precis_result_free(r);
  precis_summarizer_free(s);
}
END_TEST

Suite *format_suite(void) {
  Suite *s = suite_create("format");
  TCase *tc = tcase_create("formats");
  tcase_add_test(tc, format_same_sentences);
  tcase_add_test(tc, format_text_has_no_copy);
  tcase_add_test(tc, format_kinds);
  suite_add_tcase(s, tc);
  return s;
}
