/*
** invariants.h: what every result of precis must hold, whatever the input.
** The Check tests and the fuzzers (fuzz/) both hold results to it; it
** asserts nothing itself, so that each caller fails its own way.
*/
#ifndef PRECIS_TEST_INVARIANTS_H
#define PRECIS_TEST_INVARIANTS_H

#include <stddef.h>

#include "precis.h"

/* How the result was asked for. */
typedef struct t_request {
  const precis_text *docs;
  size_t ndocs;
  precis_format format;
  precis_utf8_mode utf8;
  int scored;           /* 1 for precis_summarize, 0 for precis_segment */
  precis_unit unit;     /* the budget, when scored */
  double budget;
  size_t min_words, max_words;
  precis_order order;
} t_request;

/*
** Checks r against the request: every unit lies in its document (0 <=
** start <= end <= len) and after the one before it, in document order,
** with its index among its document's units; its kind and rule make
** sense; in a document read from another encoding its decoded bytes are
** UTF-8; in one read as UTF-8, strictly, its span is whole characters; the text
** precis read (precis_result_text) is UTF-8, and where there is none the
** span's bytes are, and `chars` counts their characters; scores are finite and in [0, 1]; the selection is sentences
** only, each once, and within the budget and the length bounds. Returns
** NULL, or what is wrong, written into msg.
*/
const char *t_check_result(const t_request *q, const precis_result *r, char *msg,
                           size_t cap);

/* The status precis may return for this request: PRECIS_OK, PRECIS_EEMPTY
** when scored, PRECIS_EUTF8 when strict. Other statuses (ENOMEM aside,
** which the caller decides about) are bugs. */
int t_status_expected(const t_request *q, precis_status st);

#endif
