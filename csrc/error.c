/*
** error.c: status names and the one helper that fills a precis_error.
*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

static const char *const names[] = {
  "OK", "ENOMEM", "EINVAL", "EUTF8", "EPOLICY", "EIO", "ELIMIT", "EEMPTY"
};

const char *precis_status_name(precis_status s) {
  if ((size_t)s < sizeof names / sizeof names[0]) return names[s];
  return "EUNKNOWN";
}

/* Fills `err` (when given) with `code` and a formatted message; position
** fields are reset, callers set what applies. Returns `code`. */
precis_status precisI_seterr(precis_error *err, precis_status code,
                             const char *fmt, ...) {
  va_list ap;
  if (err == NULL) return code;
  memset(err, 0, sizeof *err);
  err->code = code;
  va_start(ap, fmt);
  vsnprintf(err->message, sizeof err->message, fmt, ap); /* truncates */
  va_end(ap);
  return code;
}

void precisI_seterr_source(precis_error *err, const char *name, size_t doc) {
  size_t n;
  if (err == NULL) return;
  err->doc = doc;
  if (name == NULL) { err->source[0] = '\0'; return; }
  n = strlen(name);
  if (n >= sizeof err->source) n = sizeof err->source - 1;
  memcpy(err->source, name, n);
  err->source[n] = '\0';
}
