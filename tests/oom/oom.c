/*
** oom.c: the allocation-failure sweep (make test-oom). Each case is a whole
** run through the C API: options, summarizer, summary, result, freed. It
** runs once to count its allocations (every allocation of the process,
** the libraries' too, passes tests/alloc.c), then once for every N from 1
** to that count with the Nth allocation failing. Each run must either fail
** with PRECIS_ENOMEM or succeed with exactly the result of the run that
** failed nothing (a failure recovered from may change nothing), crash
** nowhere (make test-oom builds it under ASan and UBSan) and leave no byte
** allocated (the bytes in use after the run, and LeakSanitizer at exit).
**   build-asan/oom_precis [CASE...]   only the cases named
** Prints per case the allocations swept and how many failed runs ended in
** ENOMEM or in success.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "precis.h"
#include "internal.h"
#include "alloc.h"

/* ---------------------------------------------------------------------
** Documents, written for this test: small, so that sweeping every
** allocation of a run stays quick, and shaped to reach each stage
** --------------------------------------------------------------------- */

static const char text_doc[] =
  "Harbour ferry fares to rise in spring\n"
  "\n"
  "By Jane Roe | 5 min read\n"
  "\n"
  "The harbour ferry will cost a dollar more from April, the transport board\n"
  "said on Monday, the first rise in six years. The board blamed fuel prices and\n"
  "the repair of two old boats. Commuters said the rise was steep but fair.\n"
  "\n"
  "ADVERTISEMENT\n"
  "\n"
  "The board will also add a late service on Fridays. Dr. Ana Silva, who chairs\n"
  "the board, said the U.S. maker of the new engines would deliver them in May.\n"
  "Fares for children and pensioners will not change. The rise brings in about\n"
  "$1.8 million a year, the board said.\n"
  "\n"
  "- Adult fare: $4.50\n"
  "- Child fare: $2.00\n";

/* non-ASCII words, for case folding and the German stemmer */
static const char german_doc[] =
  "Die Fähre im Hafen wird teurer\n"
  "\n"
  "Die STRASSENBAHN und die Fähre kosten ab April einen Euro mehr, sagte der\n"
  "Verkehrsverbund am Montag. Die Bürgermeisterin nannte die Erhöhung maßvoll.\n"
  "Die Fahrgäste ärgerten sich über die Straße zum Anleger. Der Verbund will\n"
  "freitags eine späte Fähre einsetzen. Für Kinder ändert sich nichts.\n";

static const char markdown_doc[] =
  "---\n"
  "title: Ferry fares\n"
  "---\n"
  "# Harbour ferry fares to rise in spring\n"
  "\n"
  "The harbour ferry will cost a dollar more from April, the *transport board*\n"
  "said on Monday. The board blamed [fuel prices](https://example.org/fuel) and\n"
  "the repair of two old boats.\n"
  "\n"
  "## What changes\n"
  "\n"
  "1. A late service on Fridays will be added by the board.\n"
  "2. Fares for children and pensioners will not change at all.\n"
  "\n"
  "```\n"
  "fare = 4.50\n"
  "```\n"
  "\n"
  "> Commuters said the rise was steep but fair, and most would keep riding.\n";

static const char html_doc[] =
  "<!DOCTYPE html><html><head><title>Ferry fares to rise</title>"
  "<style>p { color: red }</style></head><body>"
  "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
  "<article><h1>Harbour ferry fares to rise in spring</h1>"
  "<p>The harbour ferry will cost a dollar more from April, the transport board "
  "said on Monday &mdash; the first rise in six years.</p>"
  "<p>The board blamed fuel prices and the repair of two old boats. "
  "Commuters said the rise was steep but fair.</p>"
  "<figure><img src=\"f.jpg\"><figcaption>The ferry at dawn.</figcaption></figure>"
  "<ul><li>Adult fare: $4.50</li><li>Child fare: $2.00</li></ul>"
  "<p>Fares for children and pensioners will not change, the board said.</p>"
  "</article><div class=\"share\">Share this</div>"
  "<footer>&copy; 2024 Harbour News</footer><script>var x = 1;</script>"
  "</body></html>";

/* a page in Latin-1 that says so: read through iconv */
static const char latin1_doc[] =
  "<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9 prices</title></head><body>"
  "<p>The caf\xe9 by the pier will raise its prices in April, its owner said.</p>"
  "<p>Coffee will cost \xa3" "2.50, and the cr\xe8me br\xfbl\xe9" "e \xa3" "4 from then on.</p>"
  "</body></html>";

/* a second report of the same story, dated, with a near-duplicate sentence */
static const char followup_doc[] =
  "Ferry riders weigh the new fares\n"
  "\n"
  "Updated 14 November 2023\n"
  "\n"
  "The harbour ferry will cost a dollar more from April, the transport board said\n"
  "on Monday. Riders at the north pier said they would keep taking the boat. A\n"
  "late service on Fridays was welcomed by shift workers, who asked for one on\n"
  "Saturdays too. The board said it would look at that next year.\n";

static const char yaml_doc[] =
  "# a policy\n"
  "schema: 1\n"
  "policy: ferry\n"
  "description: \"Ferry news: 'short'\"\n"
  "extends: news\n"
  "input:\n"
  "  drop_lines: ['^ADVERTISEMENT$', '(?i)^by [a-z]+']\n"
  "  rules: { byline: false, caption: true }\n"
  "length: { sentences: 3 }\n"
  "scorers:\n"
  "  textrank: 1\n"
  "  lexrank: { weight: 0.5, continuous: true }\n"
  "  position: 0.1\n"
  "notes: |\n"
  "  two lines\n"
  "  of text\n"
  "list: [1, 2.5, true, null, ~]\n";

/* ---------------------------------------------------------------------
** A result's fingerprint: what a caller reads of it, hashed
** --------------------------------------------------------------------- */

static uint64_t mix(uint64_t h, uint64_t v) {
  int k;
  for (k = 0; k < 8; k++) {
    h ^= (v >> (8 * k)) & 0xFF;
    h *= 1099511628211ULL;
  }
  return h;
}

static uint64_t mix_str(uint64_t h, const char *s, size_t n) {
  size_t k;
  for (k = 0; k < n; k++) h = mix(h, (unsigned char)s[k]);
  return mix(h, n);
}

static uint64_t mix_double(uint64_t h, double d) {
  uint64_t v;
  memcpy(&v, &d, sizeof v);
  return mix(h, v);
}

static uint64_t fingerprint(const precis_result *r) {
  uint64_t h = 14695981039346656037ULL;
  size_t i, k, n = precis_result_count(r);
  const char *lang = precis_result_language(r);
  if (lang) h = mix_str(h, lang, strlen(lang));
  for (i = 0; i < n; i++) {
    precis_sentence u;
    size_t len = 0;
    const char *t;
    if (!precis_result_get(r, i, &u)) abort();
    h = mix(h, u.doc);
    h = mix(h, u.start);
    h = mix(h, u.end);
    h = mix(h, u.words);
    h = mix(h, (uint64_t)u.kind);
    h = mix(h, u.rank);
    h = mix(h, (uint64_t)u.selected);
    h = mix_double(h, u.score);
    if (u.rule) h = mix_str(h, u.rule, strlen(u.rule));
    t = precis_result_text(r, i, &len);
    if (t) h = mix_str(h, t, len);
  }
  for (k = 0; k < precis_result_selected_count(r); k++)
    h = mix(h, precis_result_selected(r, k));
  for (k = 0; k < precis_result_scorer_count(r); k++) {
    for (i = 0; i < n; i++) h = mix_double(h, precis_result_scorer_value(r, k, i));
  }
  for (k = 0; k < precis_result_documents(r); k++)
    h = mix(h, (uint64_t)precis_result_document_date(r, k));
  return h;
}

/* ---------------------------------------------------------------------
** The cases
** --------------------------------------------------------------------- */

typedef struct ocase {
  const char *name;
  const char *doc;       /* NULL: the YAML case */
  size_t len;
  precis_format format;
  const char *language;  /* NULL: auto */
  const char *scorer;    /* alone, or NULL for the default mix */
  const char *selector;  /* or NULL for mmr */
  int segment_only;
  int replace;           /* invalid UTF-8 read as U+FFFD */
  int two;               /* with followup_doc, in date order */
} ocase;

/* Builds the options of case c; any failure is returned as it is */
static precis_status options_for(const ocase *c, precis_options **out, precis_error *err) {
  precis_options *o = NULL;
  precis_status st;
  *out = NULL;
  if ((st = precis_options_new(&o, err)) != PRECIS_OK) return st;
  precis_options_set_format(o, c->format);
  if (c->replace) precis_options_set_utf8_mode(o, PRECIS_UTF8_REPLACE);
  if (c->language && (st = precis_options_set_language(o, c->language, err)) != PRECIS_OK)
    goto fail;
  if ((st = precis_options_add_drop_pattern(o, "^ADVERTISEMENT$", err)) != PRECIS_OK ||
      (st = precis_options_add_drop_pattern(o, "(?i)^by [[:alpha:]]+ [[:alpha:]]+ \\|", err)) !=
        PRECIS_OK)
    goto fail;
  if (c->scorer) {
    precis_options_clear_weights(o);
    if ((st = precis_options_set_weight(o, c->scorer, 1.0, err)) != PRECIS_OK) goto fail;
    if (strcmp(c->scorer, "query") == 0 &&
        (st = precis_options_set_query(o, "when will the bridge close", 26, err)) != PRECIS_OK)
      goto fail;
  }
  if (c->selector && (st = precis_options_set_selector(o, c->selector, err)) != PRECIS_OK)
    goto fail;
  if ((st = precis_options_set_budget(o, PRECIS_UNIT_SENTENCES, 2, err)) != PRECIS_OK) goto fail;
  if (c->two) precis_options_set_order(o, PRECIS_ORDER_DATE);
  *out = o;
  return PRECIS_OK;
fail:
  precis_options_free(o);
  return st;
}

/* One whole run of case c: PRECIS_OK with *fp set, or the error */
static precis_status run(const ocase *c, uint64_t *fp) {
  precis_options *o = NULL;
  precis_summarizer *s = NULL;
  precis_result *r = NULL;
  precis_error err;
  precis_status st;
  *fp = 0;
  if (c->doc == NULL) { /* a policy read as YAML */
    precisI_yaml *y = NULL;
    st = precisI_yaml_load(yaml_doc, sizeof yaml_doc - 1, "ferry.yaml", &y, &err);
    if (st == PRECIS_OK) {
      const precisI_ynode *root = precisI_yaml_root(y), *n;
      uint64_t h = 14695981039346656037ULL;
      for (n = root->child; n; n = n->next) {
        h = mix_str(h, n->key->str, n->key->len);
        h = mix(h, (uint64_t)n->kind);
        h = mix(h, n->n);
        if (n->str) h = mix_str(h, n->str, n->len);
      }
      *fp = h;
    }
    precisI_yaml_free(y);
    return st;
  }
  if ((st = options_for(c, &o, &err)) != PRECIS_OK) return st;
  st = precis_summarizer_new(o, &s, &err);
  precis_options_free(o);
  if (st == PRECIS_OK) {
    precis_text docs[2];
    docs[0].data = c->doc;
    docs[0].len = c->len;
    docs[0].name = c->name;
    docs[1].data = followup_doc;
    docs[1].len = sizeof followup_doc - 1;
    docs[1].name = "followup";
    st = c->segment_only ? precis_segment(s, docs, c->two ? 2 : 1, &r, &err)
                         : precis_summarize(s, docs, c->two ? 2 : 1, &r, &err);
    if (st == PRECIS_OK) *fp = fingerprint(r);
  }
  precis_result_free(r);
  precis_summarizer_free(s);
  return st;
}

/* ---------------------------------------------------------------------
** The sweep
** --------------------------------------------------------------------- */

static int failures;

/* the code addresses whose allocation was failed, all cases together */
static void *sites[8192];
static size_t nsites;

static void site(void *caller) {
  size_t k;
  for (k = 0; k < nsites; k++) if (sites[k] == caller) return;
  if (nsites < sizeof sites / sizeof sites[0]) sites[nsites++] = caller;
}

#define FAIL(...) do { fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); failures++; } while (0)

static void sweep(const ocase *c, unsigned long *swept) {
  uint64_t want, got;
  unsigned long total, n, enomem = 0, ok = 0;
  long long live;
  precis_status st;
  clock_t t0 = clock();
  run(c, &want); /* once for whatever the libraries set up on first use */
  live = t_alloc_live();
  t_alloc_fail(0);
  st = run(c, &want);
  total = t_alloc_count();
  if (st != PRECIS_OK) {
    FAIL("%s: fails with no allocation failing: %s", c->name, precis_status_name(st));
    return;
  }
  if (t_alloc_live() != live) FAIL("%s: %lld bytes left after a run", c->name, t_alloc_live() - live);
  for (n = 1; n <= total; n++) {
    void *caller = NULL;
    int failed;
    t_alloc_fail(n);
    st = run(c, &got);
    failed = t_alloc_failed(&caller);
    t_alloc_fail(0);
    if (failed) site(caller);
    if (!failed) {
      FAIL("%s: N = %lu: allocation %lu never came (the run is not the same every time)",
           c->name, n, n);
      continue;
    }
    if (st == PRECIS_ENOMEM) enomem++;
    else if (st == PRECIS_OK && got == want) ok++;
    else if (st == PRECIS_OK)
      FAIL("%s: N = %lu (asked for at %p): succeeded with another result", c->name, n, caller);
    else
      FAIL("%s: N = %lu (asked for at %p): %s, not ENOMEM", c->name, n, caller,
           precis_status_name(st));
    if (t_alloc_live() != live)
      FAIL("%s: N = %lu (asked for at %p): %lld bytes leaked", c->name, n, caller,
           t_alloc_live() - live);
    live = t_alloc_live();
  }
  printf("%-22s %5lu allocations: %5lu ENOMEM, %4lu recovered (%.2f s)\n", c->name, total,
         enomem, ok, (double)(clock() - t0) / CLOCKS_PER_SEC);
  fflush(stdout);
  *swept += total;
}

static ocase cases[64];
static size_t ncases;

/* a file of the repository, read before any counting; exits when missing */
static const char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf;
  long n;
  if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
      fseek(f, 0, SEEK_SET) != 0 || (buf = malloc((size_t)n + 1)) == NULL ||
      fread(buf, 1, (size_t)n, f) != (size_t)n) {
    fprintf(stderr, "oom_precis: cannot read %s (run it from the repository)\n", path);
    exit(2);
  }
  fclose(f);
  *len = (size_t)n;
  return buf;
}

static ocase *add(const char *name, const char *doc, size_t len, precis_format format,
                  const char *language) {
  ocase *c = &cases[ncases++];
  memset(c, 0, sizeof *c);
  c->name = name;
  c->doc = doc;
  c->len = len;
  c->format = format;
  c->language = language;
  return c;
}

#define DOC(d) d, sizeof d - 1

int main(int argc, char **argv) {
  static const char bad[] = "Die F\xe4hre im Hafen wird teurer ab April. Die Stra\xdf"
                            "e zum Anleger ist neu. Der Verbund sagte das am Montag.";
  static char names[48][40];
  size_t k, j;
  ocase *c;
  const char *article;
  size_t alen;
  unsigned long swept = 0;
  int a;
  /* the input formats, the language detector, folding and stemming */
  add("text", DOC(text_doc), PRECIS_FORMAT_TEXT, NULL);
  add("text-segment", DOC(text_doc), PRECIS_FORMAT_TEXT, "english")->segment_only = 1;
  add("german", DOC(german_doc), PRECIS_FORMAT_TEXT, NULL);
  add("replace-utf8", DOC(bad), PRECIS_FORMAT_TEXT, "german")->replace = 1;
  add("markdown", DOC(markdown_doc), PRECIS_FORMAT_MARKDOWN, "english");
  add("html", DOC(html_doc), PRECIS_FORMAT_HTML, "english");
  add("html-latin1", DOC(latin1_doc), PRECIS_FORMAT_HTML, "english");
  add("two-documents", DOC(text_doc), PRECIS_FORMAT_TEXT, NULL)->two = 1;
  add("yaml", NULL, 0, PRECIS_FORMAT_TEXT, NULL);
  /* longer pages: tables and vectors that grow, gumbo on a real page */
  article = slurp("examples/harbour-bridge.txt", &alen);
  add("article", article, alen, PRECIS_FORMAT_TEXT, NULL);
  c = add("html-page", NULL, 0, PRECIS_FORMAT_HTML, NULL);
  c->doc = slurp("eval/html/news-cookie-en.html", &c->len);
  /* every scorer alone, every selector, on the article */
  for (k = j = 0; precis_scorer_name(k) != NULL; k++, j++) {
    snprintf(names[j], sizeof names[j], "scorer:%s", precis_scorer_name(k));
    add(names[j], article, alen, PRECIS_FORMAT_TEXT, "english")->scorer = precis_scorer_name(k);
  }
  for (k = 1; precis_selector_name(k) != NULL; k++, j++) { /* 0 is mmr, the default */
    snprintf(names[j], sizeof names[j], "selector:%s", precis_selector_name(k));
    add(names[j], article, alen, PRECIS_FORMAT_TEXT, "english")->selector =
      precis_selector_name(k);
  }
  for (k = 0; k < ncases; k++) {
    int want = argc < 2;
    for (a = 1; a < argc; a++) want |= strcmp(argv[a], cases[k].name) == 0;
    if (want) sweep(&cases[k], &swept);
  }
  printf("%lu allocations failed in turn, at %zu places in the code; %d problems\n", swept,
         nsites, failures);
  return failures ? 1 : 0;
}
