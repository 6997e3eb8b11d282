/*
** fuzz_summarize.c: summaries of one to four documents under option
** combinations chosen by the input. Four bytes of settings come first:
**   0  the method: the default mix, one scorer alone, or a selector
**   1  the budget: its unit (sentences, words, characters, ratio) and size
**   2  the format, how invalid UTF-8 is read, the order of the summary,
**      the encoding set (none, windows-1252, KOI8-R, UTF-16LE, Shift_JIS,
**      GBK, EUC-JP, UTF-16BE)
**   3  the number of documents, the sentence length bounds, a query, a
**      tuning parameter
** and the rest is the documents, separated by 0xFF bytes (which UTF-8
** never holds). Each document is copied into a buffer of its exact length.
*/
#include "fuzz.h"

#define MAXDOCS 4

static const precis_format formats[] = {PRECIS_FORMAT_TEXT, PRECIS_FORMAT_MARKDOWN,
                                        PRECIS_FORMAT_HTML};
/* single-byte, UTF-16 and multi-byte encodings (a declaration in the text wins) */
static const char *const encodings[] = {NULL, "windows-1252", "koi8-r", "utf-16le",
                                         "shift_jis", "gbk", "euc-jp", "utf-16be"};
static const precis_order orders[] = {PRECIS_ORDER_DOCUMENT, PRECIS_ORDER_SCORE,
                                      PRECIS_ORDER_DATE};
static const struct { const char *name; double value; } params[] = {
  {NULL, 0}, {"lexrank.continuous", 1}, {"textrank.similarity", 1}, {"rank.bias", 0.5},
  {"redundancy.lambda", 1}, {"redundancy.max_sim", 0.3}, {"lexrank.threshold", 0.5},
  {"lsa.dimensions", 2},
};

static size_t count(const char *(*name)(size_t)) {
  size_t n = 0;
  while (name(n) != NULL) n++;
  return n;
}

static void check(precis_status st, const char *what, const precis_error *err) {
  if (st != PRECIS_OK) fz_fail(what, err->message);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  precis_options *o = NULL;
  precis_summarizer *s = NULL;
  precis_error err;
  precis_text docs[MAXDOCS];
  char *copies[MAXDOCS];
  t_request q;
  size_t nscorers = count(precis_scorer_name), nselectors = count(precis_selector_name);
  size_t ndocs, want, k, at, i;
  unsigned m, b, f, x, p;
  if (size < 4) return 0;
  m = data[0];
  b = data[1];
  f = data[2];
  x = data[3];
  data += 4;
  size -= 4;
  memset(&q, 0, sizeof q);
  if (precis_options_new(&o, &err) != PRECIS_OK) fz_fail("options", err.message);
  /* the method */
  m %= 1 + nscorers + nselectors;
  if (m >= 1 && m <= nscorers) {
    precis_options_clear_weights(o);
    check(precis_options_set_weight(o, precis_scorer_name(m - 1), 1.0, &err), "weight", &err);
  } else if (m > nscorers) {
    check(precis_options_set_selector(o, precis_selector_name(m - 1 - nscorers), &err),
          "selector", &err);
  }
  /* the budget */
  q.unit = (precis_unit)(b % 4);
  q.budget = q.unit == PRECIS_UNIT_SENTENCES ? 1 + (b / 4) % 8
           : q.unit == PRECIS_UNIT_WORDS     ? 1 + (b / 4) * 5
           : q.unit == PRECIS_UNIT_CHARS     ? 1 + (b / 4) * 20
           : (double)(1 + (b / 4) % 20) / 20.0;
  check(precis_options_set_budget(o, q.unit, q.budget, &err), "budget", &err);
  /* the input and the order */
  q.format = formats[f % 3];
  q.utf8 = (f / 3) % 2 ? PRECIS_UTF8_REPLACE : PRECIS_UTF8_STRICT;
  q.order = orders[(f / 6) % 3];
  precis_options_set_format(o, q.format);
  precis_options_set_utf8_mode(o, q.utf8);
  precis_options_set_order(o, q.order);
  check(precis_options_set_encoding(o, encodings[(f / 18) % 8], &err), "encoding", &err);
  /* documents, lengths, query, a parameter */
  want = 1 + x % MAXDOCS;
  q.min_words = (x / 4) % 2 ? 1 : 4;
  q.max_words = (x / 8) % 2 ? 12 : 80;
  check(precis_options_set_sentence_words(o, q.min_words, q.max_words, &err), "lengths", &err);
  if ((x / 16) % 2)
    check(precis_options_set_query(o, "bridge harbour ferry", 20, &err), "query", &err);
  p = (x / 32) % (unsigned)(sizeof params / sizeof params[0]);
  if (params[p].name != NULL)
    check(precis_options_set_param(o, params[p].name, params[p].value, &err), "param", &err);
  check(precis_summarizer_new(o, &s, &err), "summarizer", &err);
  precis_options_free(o);

  for (ndocs = 0, at = 0; ndocs < want && (ndocs == 0 || at <= size); ndocs++) {
    size_t end = at;
    if (ndocs + 1 < want)
      while (end < size && data[end] != 0xFF) end++;
    else
      end = size;
    docs[ndocs].data = copies[ndocs] = fz_copy(data + at, end - at);
    docs[ndocs].len = end - at;
    docs[ndocs].name = "fuzz";
    at = end + 1;
  }
  q.docs = docs;
  q.ndocs = ndocs;
  for (i = 0; i < 2; i++) {
    q.scored = i == 0;
    fz_run(s, &q);
  }
  for (k = 0; k < ndocs; k++) free(copies[k]);
  precis_summarizer_free(s);
  return 0;
}
