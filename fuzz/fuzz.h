/*
** fuzz.h: what the libFuzzer harnesses of precis share. Each harness
** feeds the bytes libFuzzer gives (a buffer of exactly their length, so
** that AddressSanitizer sees a read past the end) to one part of precis
** and aborts when a result breaks the invariants of tests/invariants.h or
** a call returns a status it may not.
*/
#ifndef PRECIS_FUZZ_H
#define PRECIS_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "precis.h"
#include "invariants.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reports what is wrong and aborts, which libFuzzer counts as a crash
** and saves the input for. */
static inline void fz_fail(const char *what, const char *detail) {
  fprintf(stderr, "precis fuzz: %s: %s\n", what, detail ? detail : "");
  abort();
}

/* A copy of n bytes in a buffer of exactly n (one when n is 0). */
static inline char *fz_copy(const uint8_t *p, size_t n) {
  char *c = malloc(n ? n : 1);
  if (c == NULL) fz_fail("malloc", "out of memory");
  if (n) memcpy(c, p, n);
  return c;
}

/* Runs one request and holds its outcome to the invariants. */
static inline void fz_run(const precis_summarizer *s, const t_request *q) {
  precis_result *r = NULL;
  precis_error err;
  precis_status st;
  char msg[512];
  const char *bad;
  memset(&err, 0, sizeof err);
  st = q->scored ? precis_summarize(s, q->docs, q->ndocs, &r, &err)
                 : precis_segment(s, q->docs, q->ndocs, &r, &err);
  if (!t_status_expected(q, st)) {
    snprintf(msg, sizeof msg, "%s: %s", precis_status_name(st), err.message);
    fz_fail(q->scored ? "precis_summarize" : "precis_segment", msg);
  }
  if (st == PRECIS_OK) {
    if (r == NULL) fz_fail("result", "PRECIS_OK without a result");
    if ((bad = t_check_result(q, r, msg, sizeof msg)) != NULL)
      fz_fail(q->scored ? "precis_summarize" : "precis_segment", bad);
  } else {
    if (r != NULL) fz_fail("result", "a result beside an error");
    if (err.code != st || err.message[0] == '\0') fz_fail("error", "not filled");
    if (st == PRECIS_EUTF8 &&
        (!err.has_offset || err.doc >= q->ndocs || err.offset >= q->docs[err.doc].len))
      fz_fail("error", "invalid UTF-8 at no offset of the document");
  }
  precis_result_free(r);
}

#endif
