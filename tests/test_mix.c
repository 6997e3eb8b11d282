/*
** test_mix.c: text made of random runs of the pieces the clean-up rules and
** the segmenter look for (abbreviations, quotation marks, datelines, menus,
** escaped breaks, placeholders, emoticons, invalid bytes), in several
** languages, formats and line-break modes. Whatever the mix, segmenting
** and summarizing succeed or fail with an error, never crash (run under
** make sanitize too), and every unit lies inside its text, in order.
** A fixed generator, so every run reads the same texts.
*/
#include <string.h>

#include "suites.h"

static const char *const pieces[] = {
  "The ferry left. ", "U.S. ", "Inc. ", "a.m. ", "\n", "\n\n", "> ", "> > ", " \n",
  "\\n", "\\ r \\ n", "{b^>1<b^}", "{b^&gt;", "\xC2\xAB", "\xC2\xBB", " \xC2\xAB ",
  " \xC2\xBB ", "\"", "'", "(", ")", "...", "\xE2\x80\xA6", ". ", "? ", "! ", "!! ",
  ":) ", "\xF0\x9F\x98\x80", "@x ", "#y ", "\xC2\xA3" "4 ", "Stand: 14.11.2023 09:15 Uhr\n",
  "Updated 12:30 GMT, 14 November 2023 ", "LONDON (Reuters) - ", "(CNN) -- ",
  "KESTREL, Ore., Nov. 14, 2023 /PRNewswire/ -- ", "X--(BUSINESS WIRE)--",
  "Home | News | Sport\n", "Home > News > Sport\n", "Skip to main content\n",
  "________\n", "- item\n", "1. one\n", "Officials ", "officials ", "city. then ",
  "IMO. my ", "med. staff ", "\t", "\r\n", "\r", "Quay St. ", "Best,\nAnn\n", "Hi Sam,\n",
  "Publi\xC3\xA9 le 14 novembre 2023 \xC3\xA0 09h15 ", "Anzeige\n", "Related Topics\n",
  "3 p.m. Tuesday ", "ext. 5 ", "Mr. ", "Dr. A. N. ", "\xC3\xA9", "\xE2\x80\x94",
  "<b>", "</b>", "&lt;b&gt;", "12.30", "11/14/2023", "2023-11-14 ", ", ", "x", "\xFF",
  "\xC3", "\x00", "SOURCE X Inc.\n", "Posted 3 March 2024 by Ann Lee\n", "har-\nbour ",
  "long-\n", "-\n", "> well-\n> known ", "caf\xC3\xA9-\r\nowned ", "On x wrote:\n",
};

static unsigned next_rand(unsigned *state) {
  *state = *state * 1103515245u + 12345u;
  return (*state >> 16) & 0x7FFF;
}

static void check_units(const precis_result *r, size_t len) {
  size_t i, last = 0;
  for (i = 0; i < precis_result_count(r); i++) {
    precis_sentence u = t_unit(r, i);
    ck_assert_msg(u.start <= u.end && u.end <= len, "unit %zu [%zu, %zu) of %zu",
                  i, u.start, u.end, len);
    ck_assert_msg(u.start >= last || u.doc > 0, "unit %zu starts before the one before", i);
    last = u.start;
  }
}

START_TEST(mix_never_crashes) {
  static const char *const langs[] = {"auto", "english", "german", "french",
                                      "spanish", "japanese"};
  unsigned state = 12345u + (unsigned)_i;
  int iter;
  for (iter = 0; iter < 60; iter++) {
    char buf[2048];
    size_t len = 0;
    unsigned k, parts = next_rand(&state) % 50;
    precis_options *o = NULL;
    precis_summarizer *s = NULL;
    precis_result *r = NULL;
    precis_text doc;
    precis_error err;
    for (k = 0; k < parts; k++) {
      const char *p = pieces[next_rand(&state) % N_ELEMS(pieces)];
      size_t pl = p[0] ? strlen(p) : 1; /* "\x00" is one NUL byte */
      if (len + pl >= sizeof buf) break;
      memcpy(buf + len, p, pl);
      len += pl;
    }
    ck_assert_int_eq(precis_options_new(&o, NULL), PRECIS_OK);
    ck_assert_int_eq(precis_options_set_language(o, langs[next_rand(&state) % 6], NULL),
                     PRECIS_OK);
    ck_assert_int_eq(precis_options_set_param(o, "input.unwrap",
                                              (double)(next_rand(&state) % 3) - 1, NULL),
                     PRECIS_OK);
    if (next_rand(&state) % 3 == 0)
      precis_options_set_format(o, next_rand(&state) % 2 ? PRECIS_FORMAT_HTML
                                                         : PRECIS_FORMAT_MARKDOWN);
    ck_assert_int_eq(precis_summarizer_new(o, &s, NULL), PRECIS_OK);
    doc.data = buf;
    doc.len = len;
    doc.name = "mix";
    if (precis_segment(s, &doc, 1, &r, &err) == PRECIS_OK) {
      check_units(r, len);
      precis_result_free(r);
    } else {
      ck_assert(err.message[0] != '\0');
    }
    r = NULL;
    if (precis_summarize(s, &doc, 1, &r, &err) == PRECIS_OK) {
      check_units(r, len);
      precis_result_free(r);
    } else {
      ck_assert(err.message[0] != '\0');
    }
    precis_summarizer_free(s);
    precis_options_free(o);
  }
}
END_TEST

Suite *mix_suite(void) {
  Suite *s = suite_create("mix");
  TCase *tc = tcase_create("mix");
  tcase_set_timeout(tc, 60);
  tcase_add_loop_test(tc, mix_never_crashes, 0, 20);
  suite_add_tcase(s, tc);
  return s;
}
