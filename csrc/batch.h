/*
** batch.h: what batch.c (the engine, records, the JSON writer) and
** corpus.c (files, directories, JSON Lines, the output, resume) share.
** Never installed.
*/
#ifndef PRECIS_BATCH_H
#define PRECIS_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "internal.h"

/* threads a batch may start */
#define PRECIS_BATCH_MAX_JOBS 1024
/* nesting of a JSON Lines record (json-c's parser depth) */
#define PRECIS_BATCH_JSON_DEPTH 16

typedef struct precisI_buf {
  char *p;
  size_t n, cap;
} precisI_buf;

int precisI_buf_grow(precisI_buf *b, size_t more); /* 1 ok, 0 out of memory */
int precisI_buf_add(precisI_buf *b, const char *s, size_t n);

/* the JSON writer (the bytes of lua/precis/json.lua) */
int precisI_json_string(precisI_buf *b, const char *s, size_t n);
int precisI_json_number(precisI_buf *b, double x);
int precisI_json_result(precisI_buf *b, const precis_result *r, const char *text,
                        size_t shift, const char *name, size_t name_len);
int precisI_text_line(precisI_buf *b, const char *s, size_t n);
int precisI_text_result(precisI_buf *b, const precis_result *r, const char *text,
                        size_t shift, const char *prefix, size_t prefix_len);

/* a set of ids (their JSON bytes), kept as 128-bit hashes */
typedef struct precisI_idset {
  uint64_t *h;     /* pairs; (0, 0) is an empty slot */
  size_t n, cap;   /* ids, slots (a power of two) */
} precisI_idset;
int precisI_idset_add(precisI_idset *s, const char *id, size_t n);
int precisI_idset_has(const precisI_idset *s, const char *id, size_t n);
void precisI_idset_free(precisI_idset *s);

/* corpus.c's settings, kept in the batch */
typedef struct precisI_batch_opts {
  char **include, **exclude;
  size_t ninclude, nexclude;
  char *output, *output_dir;
  char *stdin_name;          /* what ids call standard input ("<stdin>") */
  size_t stdin_line;         /* the number of its first line (1) */
  int resume;
} precisI_batch_opts;
precis_status precisI_batch_opts_set(precisI_batch_opts *o, const char *name,
                                     const char *value, precis_error *err);
void precisI_batch_opts_free(precisI_batch_opts *o);

precisI_batch_opts *precisI_batch_opts_of(precis_batch *b);
const precis_summarizer *precisI_batch_summarizer(const precis_batch *b);
void precisI_batch_set_skip(precis_batch *b, const precisI_idset *skip);
int precisI_batch_text_mode(const precis_batch *b);
int precisI_batch_input(const precis_batch *b); /* a precis_format, or -1 */

/* Adds a job: kind 0 a document, 1 a JSON Lines record, 2 a document that
** failed before it was read (`failed` says why). `buf` (malloc'd) becomes
** the batch's, even on failure. The id is JSON already when id_is_json. */
precis_status precisI_batch_add_job(precis_batch *b, int kind, char *buf, size_t len,
                                    const char *id, size_t id_len, int id_is_json,
                                    const char *name, const char *source, size_t lineno,
                                    int format, const precis_error *failed,
                                    precis_error *err);

#endif
