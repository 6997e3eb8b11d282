/*
** test_clean.c: clean-up rules by name and their switches, line breaks
** under "input.unwrap" (hard-wrapped text, e-mail quoting, PDF letter
** columns), and the layout rules (table-of-contents leaders, separators).
** Each case lists the units that are not dropped, as text, one per line
** with white space as one space, then the dropped ones as "rule:text"
** (boilerplate) or "rule=text" (fragments of text that no summary takes).
*/
#include <stdio.h>
#include <string.h>

#include "suites.h"

typedef struct clean_case {
  const char *title;
  const char *input;
  const char *param;   /* a parameter to set, or NULL */
  double value;
  const char *want;    /* kept units, then dropped units as "rule:text" */
} clean_case;

static const clean_case clean_cases[] = {
  {"bylines are dropped, sentences that start with By are not",
   "By Jane Roe | 5 min read\nThe ferry runs every hour today.\n\n"
   "By Monday the bridge had closed for good.\n\n"
   "(Reporting by Sam Poe; Editing by Ann Lee)\n", NULL, 0,
   "The ferry runs every hour today.\nBy Monday the bridge had closed for good.\n"
   "byline:By Jane Roe | 5 min read\nbyline:(Reporting by Sam Poe; Editing by Ann Lee)\n"},
  {"share bars and captions",
   "Share | Facebook | Twitter | Email\nThe ferry runs every hour today.\n"
   "Image caption, Passengers queue at the pier\nTweet\n"
   "Print the timetable before you travel.\n", NULL, 0,
   "The ferry runs every hour today.\nPrint the timetable before you travel.\n"
   "promo:Share | Facebook | Twitter | Email\n"
   "caption:Image caption, Passengers queue at the pier\npromo:Tweet\n"},
  {"site navigation, a date line, list headers and the title repeated",
   "Skip to main content\nHome | News | Sport | Weather\n"
   "Harbour Bridge Closes\nNovember 6, 2023\nHarbour Bridge Closes\n"
   "The ferry runs every hour today.\nRelated Topics\n"
   "\xC2\xA9 2023 Harbour News. All rights reserved.\n", NULL, 0,
   "Harbour Bridge Closes\nThe ferry runs every hour today.\n"
   "navigation:Skip to main content\nnavigation:Home | News | Sport | Weather\n"
   "dateline=November 6, 2023\nrepeat:Harbour Bridge Closes\npromo:Related Topics\n"
   "promo:\xC2\xA9 2023 Harbour News. All rights reserved.\n"},
  {"an e-mail's greeting and sign-off, a press release's boilerplate",
   "FOR IMMEDIATE RELEASE\nHi Sam,\n\nThe ferry runs every hour today.\n\n"
   "Best,\nAnn\n\nMedia contact: Jo Park, press@example.com\nSOURCE Harbour Ferries Inc.\n",
   NULL, 0,
   "The ferry runs every hour today.\npromo:FOR IMMEDIATE RELEASE\nsalutation=Hi Sam,\n"
   "salutation=Best,\nsalutation=Ann\npromo:Media contact: Jo Park, press@example.com\n"
   "promo:SOURCE Harbour Ferries Inc.\n"},
  {"an e-mail's reply and forward headers",
   "On Mon, 13 Nov 2023, Ann Lee <ann@example.com> wrote:\n> The ferry is late.\n\n"
   "-----Original Message-----\nFrom: Ann Lee <ann@example.com>\nSent: Monday\n"
   "Subject: Ferry\n\nThe quay is closed.\n", NULL, 0,
   "The ferry is late.\nThe quay is closed.\n"
   "mail_header=On Mon, 13 Nov 2023, Ann Lee <ann@example.com> wrote:\n"
   "mail_header=-----Original Message-----\nmail_header=From: Ann Lee <ann@example.com>\n"
   "mail_header=Sent: Monday\nmail_header=Subject: Ferry\n"},
  {"page buttons, and a date line with its author",
   "Jump to Recipe\nPrint Recipe\nFish stew\nPosted 3 March 2024 by Ann Lee\n"
   "The stew takes an hour.\nRate this recipe\nPin\n", NULL, 0,
   "Fish stew\nThe stew takes an hour.\nnavigation:Jump to Recipe\nnavigation:Print Recipe\n"
   "dateline=Posted 3 March 2024 by Ann Lee\nnavigation:Rate this recipe\npromo:Pin\n"},
  {"a wiki page: its tagline, contents, [edit] links, citations and categories",
   "From Wikipedia, the free encyclopedia\nContents\n1 History\n2 Design\n"
   "History[edit]\nThe bridge opened in 1951.\nReferences[edit]\n"
   "^ Smith, A. (2019). Bridges of Oregon. p. 45.\n"
   "Categories: Bridges in Oregon | Truss bridges\n", NULL, 0,
   "History\nThe bridge opened in 1951.\nReferences\n"
   "promo:From Wikipedia, the free encyclopedia\nnavigation:Contents\nnavigation:1 History\n"
   "navigation:2 Design\nmarkup:[edit]\nmarkup:[edit]\n"
   "markup:^ Smith, A. (2019). Bridges of Oregon. p. 45.\n"
   "promo:Categories: Bridges in Oregon | Truss bridges\n"},
  {"a review page: ratings, badges, votes and a line that ends with its date",
   "Customer reviews\n4.0 out of 5 stars\nVerified Purchase\nA fine ferry model\n"
   "Reviewed in the United States on March 3, 2024\nThe paint chips. My son loves it.\n"
   "12 people found this helpful\nHelpful\n", NULL, 0,
   "A fine ferry model\nThe paint chips.\nMy son loves it.\n"
   "promo:Customer reviews\npromo:4.0 out of 5 stars\npromo:Verified Purchase\n"
   "dateline=Reviewed in the United States on March 3, 2024\n"
   "promo:12 people found this helpful\npromo:Helpful\n"},
  {"reading times, feedback widgets, comment counts, a hashtag to follow",
   "Why #MeToo still matters\nPosted on Jan. 5, 2025 by the team \xC2\xB7 4 min read\n"
   "The ferry is late.\nWas this page useful? Yes No\nComments (12)\nLeave a reply\n"
   "Get involved #Kestrel\n", NULL, 0,
   "Why #MeToo still matters\nThe ferry is late.\n"
   "byline:Posted on Jan. 5, 2025 by the team \xC2\xB7 4 min read\n"
   "promo:Was this page useful? Yes No\npromo:Comments (12)\npromo:Leave a reply\n"
   "promo:Get involved #Kestrel\n"},
  {"a DOI and an invitation to read on",
   "The deck sways.\nDOI: 10.1000/jbe.2023.0142\nYou might also like: 10 walks on the coast\n",
   NULL, 0,
   "The deck sways.\nmarkup:DOI: 10.1000/jbe.2023.0142\n"
   "promo:You might also like: 10 walks on the coast\n"},
  {"a time relative to now",
   "Updated 2 hours ago\nThe ferry is late.\nAgo is a word.\n", NULL, 0,
   "The ferry is late.\nAgo is a word.\ndateline=Updated 2 hours ago\n"},
  {"short lines of a table of contents or of a paragraph are no section labels",
   "About Me.......5\nChapter 2 ...... 6\nThree Weeks Later...... 7\n",
   "input.unwrap", 1,
   "About Me\nChapter 2\nThree Weeks Later\n"
   "leader:.......5\nleader:...... 6\nleader:...... 7\n"},
  {"... nor the first word of a paragraph that goes on",
   "Other \nkinds of fish such as shark and eel hold more mercury \nthan cod does.\n",
   "input.unwrap", 1,
   "Other kinds of fish such as shark and eel hold more mercury than cod does.\n"},
  {"a running head's page number, a newsletter's header and its last line",
   "Options Appraisal                3\nTHE FERRY GROUP -- NEWSLETTER No. 14\n"
   "The ferry runs on Tue. 16 Jan. at noon.\nTo unsubscribe, reply with stop.\n", NULL, 0,
   "Options Appraisal\nTHE FERRY GROUP -- NEWSLETTER No. 14\n"
   "The ferry runs on Tue. 16 Jan. at noon.\nleader:3\n"
   "promo:To unsubscribe, reply with stop.\n"},
  {"page numbers a print layout left",
   "Page 1 of 3\nThe deck is worn.\n- 2 -\nPage 3\n2 / 12\nThe rails are sound.\n", NULL, 0,
   "The deck is worn.\nThe rails are sound.\nleader:Page 1 of 3\nleader:- 2 -\n"
   "leader:Page 3\nleader:2 / 12\n"},
  {"a photo caption that ends with its credit",
   "The ferry left at dawn.\nTom Hale at the wheel. Jo Park for The Harbour Times\n"
   "Crowds on the quay. AP Photo/Jane Roe\nThe crossing took eleven minutes.\n", NULL, 0,
   "The ferry left at dawn.\nThe crossing took eleven minutes.\n"
   "caption:Tom Hale at the wheel. Jo Park for The Harbour Times\n"
   "caption:Crowds on the quay. AP Photo/Jane Roe\n"},
  {"the links under a list's heading go with it",
   "The ferry runs every hour today.\nRelated Topics\nBridges\nHarbour Council\n\n"
   "Ferries\n", NULL, 0,
   "The ferry runs every hour today.\nFerries\npromo:Related Topics\npromo:Bridges\n"
   "promo:Harbour Council\n"},
  {"menu words and link lists on lines of their own",
   "Menu\nSearch\nSign in\nThe ferry runs every hour today.\nTopics\n"
   "Most viewed\n", NULL, 0,
   "The ferry runs every hour today.\nnavigation:Menu\nnavigation:Search\n"
   "navigation:Sign in\npromo:Topics\npromo:Most viewed\n"},
  {"a page title with the site's name yields to the headline",
   "Harbour Bridge Closes | Harbour News\nHarbour Bridge Closes\nThe ferry runs every hour today.\n",
   NULL, 0,
   "Harbour Bridge Closes\nThe ferry runs every hour today.\n"
   "repeat:Harbour Bridge Closes | Harbour News\n"},
  {"... each switchable",
   "Home | News | Sport | Weather\nHarbour Bridge Closes\nHarbour Bridge Closes\n"
   "The ferry runs every hour today.\n", "input.rule.repeat", 0,
   "Harbour Bridge Closes\nHarbour Bridge Closes\nThe ferry runs every hour today.\n"
   "navigation:Home | News | Sport | Weather\n"},
  {"a menu is not a sentence with pipes in it",
   "Fares rose | buses ran late | ferries stopped.\nThe ferry runs every hour.\n",
   NULL, 0,
   "Fares rose | buses ran late | ferries stopped.\nThe ferry runs every hour.\n"},
  {"a credit that carries its caption has none on the next line",
   "Photo: The quay in 1934, by J. Smith/Harbour Archive\n"
   "What happens next?\nThe ferry runs every hour.\n", NULL, 0,
   "What happens next?\nThe ferry runs every hour.\n"
   "credit:Photo: The quay in 1934, by J. Smith/Harbour Archive\n"},
  {"one rule switched off",
   "By Jane Roe\nThe ferry runs every hour today.\nAdvertisement\n",
   "input.rule.byline", 0,
   "By Jane Roe\nThe ferry runs every hour today.\nadvertisement:Advertisement\n"},
  {"the boilerplate switch leaves layout rules on",
   "Contents\nAbout the ferry......4\n\n==========\nThe ferry runs every hour.\n",
   "input.boilerplate", 0,
   "Contents\nAbout the ferry\nThe ferry runs every hour.\n"
   "leader:......4\nseparator===========\n"},
  {"a hard-wrapped paragraph is rejoined by default",
   "The council voted on Tuesday to close the old harbour\n"
   "bridge for eight months while crews replace its deck\n"
   "and railings. Ferries will run every ten minutes while\n"
   "the work goes on.\n", NULL, 0,
   "The council voted on Tuesday to close the old harbour bridge for eight "
   "months while crews replace its deck and railings.\n"
   "Ferries will run every ten minutes while the work goes on.\n"},
  {"... and kept as lines with input.unwrap 0",
   "The council voted on Tuesday to close the old harbour\n"
   "bridge for eight months while crews replace its deck\n"
   "and railings.\n", "input.unwrap", 0,
   "The council voted on Tuesday to close the old harbour\n"
   "bridge for eight months while crews replace its deck\nand railings.\n"},
  {"two lines that do not look wrapped stay apart by default",
   "This copy is free for anyone to read at no cost\n"
   "you may share it under the same terms\n", NULL, 0,
   "This copy is free for anyone to read at no cost\n"
   "you may share it under the same terms\n"},
  {"a line in lowercase goes on from one without final punctuation by "
   "default, in a paragraph that ends a sentence",
   "The ferry will leave\nevery twenty minutes from May while the quay is "
   "mended.\nThe last boat\nLeaves at ten.\n", NULL, 0,
   "The ferry will leave every twenty minutes from May while the quay is mended.\n"
   "The last boat\nLeaves at ten.\n"},
  {"input.unwrap 1 joins them, but not short lines of their own",
   "It was a cold\nnight at the harbour.\n\nferries\ntimetables\nfares and passes\n",
   "input.unwrap", 1,
   "It was a cold night at the harbour.\nferries\ntimetables\nfares and passes\n"},
  {"flowed lines: where some lines end in a space, the others end",
   "It was a cold \nnight at the harbour. ferries\ntimetables\n"
   "fares and passes\n", "input.unwrap", 1,
   "It was a cold night at the harbour.\nferries\ntimetables\nfares and passes\n"},
  {"... and a line with a space before its break may still end",
   "The ferry left. \nThen it rained on the quay.\n", "input.unwrap", 1,
   "The ferry left.\nThen it rained on the quay.\n"},
  {"e-mail quotation marks",
   "> The council voted on Tuesday to close the old harbour\n"
   "> bridge for eight months while crews replace its deck\n"
   "> and railings.\n\nThanks for the news.\n", NULL, 0,
   "The council voted on Tuesday to close the old harbour > bridge for eight "
   "months while crews replace its deck > and railings.\nThanks for the news.\n"},
  {"a word set one letter per line",
   "F\nE\nRR\nI\nES\n\nThe ferry runs every hour.\n", "input.unwrap", 1,
   "F E RR I ES\nThe ferry runs every hour.\n"},
  {"list items stay items when lines are rejoined",
   "Bring these to the quay:\n- a ticket\n- a coat\n1) Wait at gate two.\n"
   "2) Board when called.\n", "input.unwrap", 1,
   "Bring these to the quay:\n- a ticket\n- a coat\n1) Wait at gate two.\n"
   "2) Board when called.\n"},
};

static void render(const char *input, const precis_result *r, char *out,
                   size_t cap) {
  size_t i, n = 0, pass;
  out[0] = '\0';
  for (pass = 0; pass < 2; pass++)
    for (i = 0; i < precis_result_count(r); i++) {
      precis_sentence u = t_unit(r, i);
      size_t k;
      int aside = u.kind == PRECIS_KIND_DROPPED || u.kind == PRECIS_KIND_FRAGMENT;
      if (aside != (pass == 1)) continue;
      if (pass == 1) /* "rule:" boilerplate, "rule=" a fragment of text */
        n += (size_t)snprintf(out + n, cap - n, "%s%c", u.rule ? u.rule : "?",
                              u.kind == PRECIS_KIND_FRAGMENT ? '=' : ':');
      for (k = u.start; k < u.end && n + 2 < cap; k++) {
        char ch = input[k] == '\n' || input[k] == '\t' ? ' ' : input[k];
        if (ch == ' ' && n > 0 && out[n - 1] == ' ') continue;
        out[n++] = ch;
      }
      out[n++] = '\n';
      out[n] = '\0';
    }
}

/* Segments `input` in `language` (with one parameter set, when `param` is
** given) and checks the units against `want`, as render() writes them. */
static void expect_units(const char *title, const char *input, const char *language,
                         const char *param, double value, const char *want) {
  precis_options *o = NULL;
  precis_summarizer *s;
  precis_result *r;
  char got[2048];
  ck_assert_int_eq(precis_options_new(&o, NULL), PRECIS_OK);
  ck_assert_int_eq(precis_options_set_language(o, language, NULL), PRECIS_OK);
  if (param)
    ck_assert_int_eq(precis_options_set_param(o, param, value, NULL), PRECIS_OK);
  s = t_summarizer(o);
  precis_options_free(o);
  r = t_run(s, input, strlen(input), 1);
  render(input, r, got, sizeof got);
  ck_assert_msg(strcmp(got, want) == 0, "%s:\n--- got\n%s--- want\n%s", title, got, want);
  precis_result_free(r);
  precis_summarizer_free(s);
}

START_TEST(clean_table) {
  const clean_case *c = &clean_cases[_i];
  expect_units(c->title, c->input, "english", c->param, c->value, c->want);
}
END_TEST

START_TEST(clean_rule_errors) {
  precis_options *o = NULL;
  precis_error err;
  ck_assert_int_eq(precis_options_new(&o, NULL), PRECIS_OK);
  ck_assert_int_eq(precis_options_set_param(o, "input.rule.bylines", 0, &err),
                   PRECIS_EINVAL);
  ck_assert_str_eq(err.message, "unknown rule 'bylines'");
  ck_assert_int_eq(precis_options_set_param(o, "input.rule.promo", 0.5, &err),
                   PRECIS_EINVAL);
  ck_assert_str_eq(err.message, "parameter 'input.rule.promo' must be 0 or 1");
  ck_assert_int_eq(precis_options_set_param(o, "input.rule.promo", 1, &err), PRECIS_OK);
  ck_assert_int_eq(precis_options_set_param(o, "input.unwrap", 2, &err), PRECIS_EINVAL);
  precis_options_free(o);
}
END_TEST

/* Runs `text` under input.unwrap 1 and checks each unit as read (the
** caller's bytes where precis_result_text gives none) and its span; when
** `at` is given, unit `at_unit`'s span starts with those bytes of the
** caller's text. */
static void expect_unwrapped(const char *text, size_t len,
                             const char *const *want, size_t nwant,
                             size_t at_unit, const char *at) {
  precis_options *o = NULL;
  precis_summarizer *s;
  precis_result *r;
  size_t i;
  ck_assert_int_eq(precis_options_new(&o, NULL), PRECIS_OK);
  ck_assert_int_eq(precis_options_set_param(o, "input.unwrap", 1, NULL), PRECIS_OK);
  s = t_summarizer(o);
  precis_options_free(o);
  r = t_run(s, text, len, 1);
  ck_assert_uint_eq(precis_result_count(r), nwant);
  for (i = 0; i < nwant; i++) {
    size_t plen;
    const char *p = precis_result_text(r, i, &plen);
    precis_sentence u = t_unit(r, i);
    ck_assert(u.end <= len && u.start < u.end);
    if (p == NULL) { /* the caller's bytes are the text */
      p = text + u.start;
      plen = u.end - u.start;
    }
    ck_assert_msg(plen == strlen(want[i]) && memcmp(p, want[i], plen) == 0,
                  "unit %zu reads [%.*s]", i, (int)plen, p);
    if (at != NULL && i == at_unit)
      ck_assert_msg(u.start + strlen(at) <= len && memcmp(text + u.start, at, strlen(at)) == 0,
                    "unit %zu starts at [%.20s]", i, text + u.start);
  }
  precis_result_free(r);
  precis_summarizer_free(s);
}

/* input.unwrap 1: markup left in plain text is no text, nor are runs of
** dots; TeX's `quotes' read as 'quotes' */
START_TEST(clean_unwrap_markup) {
  static const char text[] =
      "The ferry is late again. <em>Yes.</em> <em>It is</em>!\n"
      "Read the notice........then wait. `Why?' she asked.\n";
  static const char *const want[] = {
      "The ferry is late again.", "Yes.", "It is!",
      "Read the notice then wait.", "'Why?' she asked."};
  expect_unwrapped(text, sizeof text - 1, want, N_ELEMS(want), 1, "Yes.");
}
END_TEST

/* input.unwrap 1: line breaks escaped as "\n" or "\ r \ n" (text that
** went through a JSON string) break lines; paths and TeX commands keep
** their backslashes; formatting placeholders are no text */
START_TEST(clean_unwrap_escapes) {
  static const char text[] =
      "The ferry left.\\nThen it rained. \\ r \\ nThe quay flooded.\n\n"
      "Files live in C:\\new and D:\\Reports.\n\n"
      "Write \\newline to break it.\n\n"
      "Boats{b^>1<b^} sail{b^&gt;2&lt;b^} at noon.\n";
  static const char *const want[] = {
      "The ferry left.", "Then it rained.", "The quay flooded.",
      "Files live in C:\\new and D:\\Reports.", "Write \\newline to break it.",
      "Boats sail at noon."};
  /* offsets point at the caller's bytes */
  expect_unwrapped(text, sizeof text - 1, want, N_ELEMS(want), 1, "Then it rained.");
}
END_TEST

/* input.unwrap 1 (PDF-extracted text): a word broken at a line's end
** is whole again; its hyphen goes unless the text writes the word with
** one elsewhere and never without */
START_TEST(clean_unwrap_hyphens) {
  static const char text[] =
      "The old har-\nbour bridge is closed. The harbour is busy. A long-\n"
      "term plan is due, and the long-term costs are high.\n";
  static const char *const want[] = {
      "The old harbour bridge is closed.", "The harbour is busy.",
      "A long-term plan is due, and the long-term costs are high."};
  expect_unwrapped(text, sizeof text - 1, want, N_ELEMS(want), 0, NULL);
}
END_TEST

/* by default a hyphenated word broken at a line's end reads whole, its
** hyphen kept (mail and hard-wrapped text break lines at spaces) */
START_TEST(clean_hyphen_text) {
  static const char text[] = "> The well-\n> known ferry is late.\n\nThanks.\n";
  precis_options *o = NULL;
  precis_summarizer *s;
  precis_result *r;
  size_t len;
  const char *p;
  ck_assert_int_eq(precis_options_new(&o, NULL), PRECIS_OK);
  s = t_summarizer(o);
  precis_options_free(o);
  r = t_run(s, text, sizeof text - 1, 1);
  ck_assert_uint_eq(precis_result_count(r), 2);
  p = precis_result_text(r, 0, &len);
  ck_assert_ptr_nonnull(p);
  ck_assert_msg(len == 29 && memcmp(p, "The well-known ferry is late.", len) == 0,
                "reads [%.*s]", (int)len, p);
  precis_result_free(r);
  precis_summarizer_free(s);
}
END_TEST

/* units that open a list item of plain text say so; a dash that opens a
** line with no list beside it opens speech, no item */
START_TEST(clean_list_items) {
  static const char text[] =
      "She came home late.\n\n- We cannot wait any longer, she said.\n\n"
      "Bring these:\n- a ticket for the ferry\n- a coat for the deck\n"
      "1. Wait at gate two.\n2. Board when called.\n";
  static const int want_item[] = {0, 0, 0, 1, 1, 1, 1};
  precis_options *o = NULL;
  precis_summarizer *s;
  precis_result *r;
  size_t i;
  ck_assert_int_eq(precis_options_new(&o, NULL), PRECIS_OK);
  s = t_summarizer(o);
  precis_options_free(o);
  r = t_run(s, text, sizeof text - 1, 1);
  ck_assert_uint_eq(precis_result_count(r), N_ELEMS(want_item));
  for (i = 0; i < N_ELEMS(want_item); i++) {
    precis_sentence u = t_unit(r, i);
    ck_assert_msg(u.item == want_item[i], "unit %zu [%.*s] item %d", i,
                  (int)(u.end - u.start), text + u.start, u.item);
  }
  precis_result_free(r);
  precis_summarizer_free(s);
}
END_TEST

/* a sentence across the lines of an e-mail quotation reads without the
** quotation marks; its span still covers them */
START_TEST(clean_quotation_text) {
  static const char text[] =
      "> > The ferry will stop at the old harbour quay until\n"
      "> > the end of March, while crews mend the new\n> > quay.\n\nThanks.\n";
  precis_options *o = NULL;
  precis_summarizer *s;
  precis_result *r;
  precis_sentence u;
  size_t len;
  const char *p;
  ck_assert_int_eq(precis_options_new(&o, NULL), PRECIS_OK);
  s = t_summarizer(o);
  precis_options_free(o);
  r = t_run(s, text, sizeof text - 1, 1);
  ck_assert_uint_eq(precis_result_count(r), 2);
  u = t_unit(r, 0);
  ck_assert_uint_eq(u.start, 4);
  ck_assert(memcmp(text + u.end - 5, "quay.", 5) == 0);
  p = precis_result_text(r, 0, &len);
  ck_assert_ptr_nonnull(p);
  {
    static const char want[] = "The ferry will stop at the old harbour quay until\n"
                               "the end of March, while crews mend the new\nquay.";
    ck_assert_msg(len == sizeof want - 1 && memcmp(p, want, len) == 0,
                  "reads [%.*s]", (int)len, p);
  }
  ck_assert_ptr_null(precis_result_text(r, 1, &len)); /* the caller's bytes */
  precis_result_free(r);
  precis_summarizer_free(s);
}
END_TEST

/* a language pack's own lines of scraped pages, and its dates */
typedef struct pack_case {
  const char *language, *input, *want;
} pack_case;

static const pack_case pack_cases[] = {
  {"german",
   "Startseite > Politik > Verkehr\nBr\xC3\xBC" "cke am Hafen wird gesperrt\n"
   "Stand: 14.11.2023 09:15 Uhr\nDie alte Br\xC3\xBC" "cke wird ab Januar gesperrt.\n"
   "Anzeige\nMehr zum Thema\n",
   "Br\xC3\xBC" "cke am Hafen wird gesperrt\nDie alte Br\xC3\xBC" "cke wird ab Januar gesperrt.\n"
   "navigation:Startseite > Politik > Verkehr\ndateline=Stand: 14.11.2023 09:15 Uhr\n"
   "advertisement:Anzeige\npromo:Mehr zum Thema\n"},
  {"russian",
   "\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90, 14 \xD0\xBD\xD0\xBE\xD1\x8F "
   "\xE2\x80\x94 \xD0\xA0\xD0\x98\xD0\x90 \xD0\x9D\xD0\xBE\xD0\xB2\xD0\xBE\xD1\x81\xD1\x82\xD0\xB8. "
   "\xD0\x9C\xD0\xBE\xD1\x81\xD1\x82 \xD0\xB7\xD0\xB0\xD0\xBA\xD1\x80\xD0\xBE\xD1\x8E\xD1\x82.\n"
   "\xD0\xA7\xD0\xB8\xD1\x82\xD0\xB0\xD0\xB9\xD1\x82\xD0\xB5 \xD1\x82\xD0\xB0\xD0\xBA\xD0\xB6\xD0\xB5: "
   "\xD0\x9C\xD0\xBE\xD1\x81\xD1\x82\xD1\x8B\n",
   "\xD0\x9C\xD0\xBE\xD1\x81\xD1\x82 \xD0\xB7\xD0\xB0\xD0\xBA\xD1\x80\xD0\xBE\xD1\x8E\xD1\x82.\n"
   "dateline=\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90, 14 \xD0\xBD\xD0\xBE\xD1\x8F "
   "\xE2\x80\x94 \xD0\xA0\xD0\x98\xD0\x90 \xD0\x9D\xD0\xBE\xD0\xB2\xD0\xBE\xD1\x81\xD1\x82\xD0\xB8.\n"
   "promo:\xD0\xA7\xD0\xB8\xD1\x82\xD0\xB0\xD0\xB9\xD1\x82\xD0\xB5 \xD1\x82\xD0\xB0\xD0\xBA\xD0\xB6\xD0\xB5: "
   "\xD0\x9C\xD0\xBE\xD1\x81\xD1\x82\xD1\x8B\n"},
  {"japanese",
   "2023\xE5\xB9\xB4" "11\xE6\x9C\x88" "14\xE6\x97\xA5 9\xE6\x99\x82" "15\xE5\x88\x86\n"
   "\xE6\xA9\x8B\xE3\x81\x8C\xE9\x96\x89\xE3\x81\x98\xE3\x82\x8B\xE3\x80\x82\n"
   "\xE9\x96\xA2\xE9\x80\xA3\xE8\xA8\x98\xE4\xBA\x8B\n",
   "\xE6\xA9\x8B\xE3\x81\x8C\xE9\x96\x89\xE3\x81\x98\xE3\x82\x8B\xE3\x80\x82\n"
   "dateline=2023\xE5\xB9\xB4" "11\xE6\x9C\x88" "14\xE6\x97\xA5 9\xE6\x99\x82" "15\xE5\x88\x86\n"
   "promo:\xE9\x96\xA2\xE9\x80\xA3\xE8\xA8\x98\xE4\xBA\x8B\n"},
  {"spanish",
   "Madrid, 14 nov (EFE).- El puente cerrar\xC3\xA1 en enero. Costar\xC3\xA1 12 mill. de euros.\n"
   "Publicidad\n",
   "El puente cerrar\xC3\xA1 en enero.\nCostar\xC3\xA1 12 mill. de euros.\n"
   "dateline=Madrid, 14 nov (EFE).-\nadvertisement:Publicidad\n"},
  {"portuguese",
   "Publicado em 14/11/2023 \xC3\xA0s 09h15\nAtualizado h\xC3\xA1 2 horas\nA ponte fecha.\n",
   "A ponte fecha.\ndateline=Publicado em 14/11/2023 \xC3\xA0s 09h15\n"
   "promo:Atualizado h\xC3\xA1 2 horas\n"},
  {"italian",
   "Pubblicato il 14 novembre 2023 alle 09:15\nIl ponte \xC3\xA8 chiuso.\nLeggi anche: Perch\xC3\xA9\n",
   "Il ponte \xC3\xA8 chiuso.\ndateline=Pubblicato il 14 novembre 2023 alle 09:15\n"
   "promo:Leggi anche: Perch\xC3\xA9\n"},
  {"french",
   "Accueil \xC2\xBB Actualit\xC3\xA9s \xC2\xBB Transports\nLe pont du port ferm\xC3\xA9\n"
   "Publi\xC3\xA9 le 14 novembre 2023 \xC3\xA0 09h15\nLe pont sera ferm\xC3\xA9 en janvier.\n"
   "Lire aussi : Pourquoi les ponts s'effondrent\n",
   "Le pont du port ferm\xC3\xA9\nLe pont sera ferm\xC3\xA9 en janvier.\n"
   "navigation:Accueil \xC2\xBB Actualit\xC3\xA9s \xC2\xBB Transports\n"
   "dateline=Publi\xC3\xA9 le 14 novembre 2023 \xC3\xA0 09h15\n"
   "promo:Lire aussi : Pourquoi les ponts s'effondrent\n"},
};

START_TEST(clean_pack_table) {
  const pack_case *c = &pack_cases[_i];
  expect_units(c->language, c->input, c->language, NULL, 0, c->want);
}
END_TEST

Suite *clean_suite(void) {
  Suite *s = suite_create("clean");
  TCase *tc = tcase_create("rules");
  tcase_add_loop_test(tc, clean_table, 0, (int)N_ELEMS(clean_cases));
  tcase_add_test(tc, clean_rule_errors);
  tcase_add_test(tc, clean_unwrap_markup);
  tcase_add_test(tc, clean_unwrap_escapes);
  tcase_add_test(tc, clean_quotation_text);
  tcase_add_test(tc, clean_list_items);
  tcase_add_test(tc, clean_unwrap_hyphens);
  tcase_add_test(tc, clean_hyphen_text);
  tcase_add_loop_test(tc, clean_pack_table, 0, (int)N_ELEMS(pack_cases));
  suite_add_tcase(s, tc);
  return s;
}
