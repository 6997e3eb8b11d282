/*
** failalloc.c: an LD_PRELOAD library for spec/oom_spec.lua. Every
** allocation of the process goes through it. With PRECIS_FAIL_ALLOC=N the
** Nth one fails, and every one after it, as when memory has run out for
** good (with PRECIS_FAIL_ONCE set, only the Nth); N = 0 fails none and,
** at exit, writes the count to standard error.
** With PRECIS_FAIL_FROM=SUFFIX the count starts when a file whose
** name ends in SUFFIX is opened (the command's first module), so that the
** interpreter's own start is left out. A realloc that shrinks a block
** never fails, as with any real allocator (and Lua's own test allocator):
** Lua 5.1 shrinks its stack while it collects, and a failure there is no
** shortage of memory. See LICENSE.
*/
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <malloc.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* glibc's own allocator, under the names it exports for this */
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);

static unsigned long count, fail_at;
static const char *from;
static int ready, armed, once;

static void report(void) {
  fprintf(stderr, "failalloc: %lu allocations\n", count);
}

static void setup(void) { /* getenv allocates nothing */
  const char *s = getenv("PRECIS_FAIL_ALLOC");
  ready = 1;
  for (; s != NULL && *s >= '0' && *s <= '9'; s++)
    fail_at = fail_at * 10 + (unsigned long)(*s - '0');
  from = getenv("PRECIS_FAIL_FROM");
  once = getenv("PRECIS_FAIL_ONCE") != NULL;
  armed = from == NULL;
  if (s != NULL && fail_at == 0) atexit(report);
}

static int refuse(void) {
  if (!ready) setup();
  if (!armed) return 0;
  count++;
  if (fail_at == 0 || (once ? count != fail_at : count < fail_at)) return 0;
  errno = ENOMEM; /* as malloc says it */
  return 1;
}

void *malloc(size_t n) { return refuse() ? NULL : __libc_malloc(n); }
void *calloc(size_t n, size_t size) { return refuse() ? NULL : __libc_calloc(n, size); }
void *realloc(void *p, size_t n) {
  if (p != NULL && n > 0 && n <= malloc_usable_size(p)) return __libc_realloc(p, n);
  return n > 0 && refuse() ? NULL : __libc_realloc(p, n);
}
void free(void *p) { __libc_free(p); }

static void watch(const char *path) {
  size_t n, k;
  if (!ready) setup();
  if (armed || path == NULL) return;
  n = strlen(path);
  k = strlen(from);
  if (n >= k && memcmp(path + n - k, from, k) == 0) armed = 1;
}

typedef FILE *opener(const char *, const char *);

static FILE *open_next(const char *name, const char *path, const char *mode) {
  opener *real;
  void *sym = dlsym(RTLD_NEXT, name);
  memcpy(&real, &sym, sizeof real); /* ISO C has no cast for it */
  watch(path);
  return real(path, mode);
}

FILE *fopen(const char *path, const char *mode) { return open_next("fopen", path, mode); }
FILE *fopen64(const char *path, const char *mode) { return open_next("fopen64", path, mode); }
