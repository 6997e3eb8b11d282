/*
** alloc.c: the test programs' allocator. malloc, calloc, realloc, free,
** strdup and strndup are defined here, in the program itself, so that the
** libraries the core calls (utf8proc, libstemmer, libyaml, md4c, gumbo,
** PCRE2) allocate through them too: the dynamic linker binds every
** library's calls to the program's own definitions first. Each forwards
** to the next definition (libc's, or the sanitizer's under make sanitize)
** and counts: the bytes in use and their peak (the cost suite), and the
** allocations, the Nth of which it can fail (the allocation-failure
** sweep, tests/oom/oom.c). glibc's malloc hooks are gone, and `ld --wrap`
** reaches only what is linked statically (md4c ships no static library),
** so interposition is the one way in.
*/
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <malloc.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "alloc.h"

/* The build hides every symbol (-fvisibility=hidden): these must be
** seen by the dynamic linker, or the libraries keep libc's */
#pragma GCC visibility push(default)
void *malloc(size_t n);
void *calloc(size_t a, size_t b);
void *realloc(void *p, size_t n);
void free(void *p);
char *strdup(const char *s);
char *strndup(const char *s, size_t max);
#pragma GCC visibility pop

static void *(*next_malloc)(size_t);
static void *(*next_calloc)(size_t, size_t);
static void *(*next_realloc)(void *, size_t);
static void (*next_free)(void *);

/* dlsym itself may allocate before the pointers above are known, and the
** dynamic linker and a sanitizer's runtime allocate while that runtime
** starts, before its malloc may be called: until the program's own
** constructors run (`started`), allocations come from here and are never
** freed */
static unsigned char boot[65536] __attribute__((aligned(16)));
static size_t boot_used;
static int resolving, started;

__attribute__((constructor)) static void start(void) { __atomic_store_n(&started, 1, __ATOMIC_RELEASE); }

/* bytes in use, by malloc_usable_size: signed, since memory from an
** allocator these do not see (aligned_alloc, a sanitizer's own) may be
** freed here */
static long long live, peak;
static unsigned long count, fail_at;  /* allocations since t_alloc_fail */
static int failed;
static void *failed_caller;

static int from_boot(const void *p) {
  return (const unsigned char *)p >= boot && (const unsigned char *)p < boot + sizeof boot;
}

static void *boot_alloc(size_t n) {
  size_t at = __atomic_fetch_add(&boot_used, (n + 15) & ~(size_t)15, __ATOMIC_RELAXED);
  if (at + n > sizeof boot) return NULL;
  return boot + at;
}

/* a function from dlsym, as POSIX says to convert it */
static void sym(void *fn, const char *name) {
  void *p = dlsym(RTLD_NEXT, name);
  memcpy(fn, &p, sizeof p);
}

static int resolve(void) {
  void (*f)(void *);
  if (__atomic_load_n(&next_free, __ATOMIC_ACQUIRE)) return 1;
  if (!__atomic_load_n(&started, __ATOMIC_ACQUIRE)) return 0;
  if (__atomic_exchange_n(&resolving, 1, __ATOMIC_ACQ_REL)) return 0;
  sym(&next_malloc, "malloc");
  sym(&next_calloc, "calloc");
  sym(&next_realloc, "realloc");
  sym(&f, "free");
  __atomic_store_n(&next_free, f, __ATOMIC_RELEASE);
  return f != NULL;
}

/* Is this the allocation to fail? */
static int fail_now(void *caller) {
  unsigned long n = __atomic_add_fetch(&count, 1, __ATOMIC_RELAXED);
  if (n != __atomic_load_n(&fail_at, __ATOMIC_RELAXED)) return 0;
  failed = 1;
  failed_caller = caller;
  errno = ENOMEM; /* as malloc says it: iconv_open, for one, reads it */
  return 1;
}

static void gained(void *p) {
  long long now;
  if (p == NULL) return;
  now = __atomic_add_fetch(&live, (long long)malloc_usable_size(p), __ATOMIC_RELAXED);
  for (;;) {
    long long top = __atomic_load_n(&peak, __ATOMIC_RELAXED);
    if (now <= top || __atomic_compare_exchange_n(&peak, &top, now, 0, __ATOMIC_RELAXED,
                                                  __ATOMIC_RELAXED))
      break;
  }
}

static void lost(void *p) {
  if (p != NULL) __atomic_sub_fetch(&live, (long long)malloc_usable_size(p), __ATOMIC_RELAXED);
}

static void *alloc(size_t n, void *caller) {
  void *p;
  if (!resolve()) return boot_alloc(n);
  if (fail_now(caller)) return NULL;
  p = next_malloc(n);
  gained(p);
  return p;
}

void *malloc(size_t n) { return alloc(n, __builtin_return_address(0)); }

void *calloc(size_t a, size_t b) {
  void *p;
  if (!resolve()) {
    if (b != 0 && a > SIZE_MAX / b) return NULL;
    return boot_alloc(a * b); /* static memory is zeroed */
  }
  if (fail_now(__builtin_return_address(0))) return NULL;
  p = next_calloc(a, b);
  gained(p);
  return p;
}

void *realloc(void *p, size_t n) {
  void *q;
  if (from_boot(p)) { /* moves out of the boot memory */
    q = alloc(n, __builtin_return_address(0));
    if (q) memcpy(q, p, n < (size_t)(boot + sizeof boot - (unsigned char *)p)
                            ? n : (size_t)(boot + sizeof boot - (unsigned char *)p));
    return q;
  }
  if (!resolve()) return NULL;
  if (n > 0 && fail_now(__builtin_return_address(0))) return NULL;
  lost(p);
  q = next_realloc(p, n);
  if (q) gained(q);
  else if (n > 0) gained(p); /* failed: p is still there */
  return q;
}

void free(void *p) {
  if (p == NULL || from_boot(p)) return;
  if (!resolve()) return;
  lost(p);
  next_free(p);
}

char *strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = alloc(n, __builtin_return_address(0));
  if (d) memcpy(d, s, n);
  return d;
}

char *strndup(const char *s, size_t max) {
  size_t n = strnlen(s, max);
  char *d = alloc(n + 1, __builtin_return_address(0));
  if (d) {
    memcpy(d, s, n);
    d[n] = '\0';
  }
  return d;
}

void t_alloc_fail(unsigned long n) {
  __atomic_store_n(&count, 0, __ATOMIC_RELAXED);
  failed = 0;
  failed_caller = NULL;
  __atomic_store_n(&fail_at, n, __ATOMIC_RELAXED);
}

unsigned long t_alloc_count(void) { return __atomic_load_n(&count, __ATOMIC_RELAXED); }

int t_alloc_failed(void **caller) {
  if (caller) *caller = failed_caller;
  return failed;
}

long long t_alloc_peak_reset(void) {
  long long now = __atomic_load_n(&live, __ATOMIC_RELAXED);
  __atomic_store_n(&peak, now, __ATOMIC_RELAXED);
  return now;
}

long long t_alloc_live(void) { return __atomic_load_n(&live, __ATOMIC_RELAXED); }

long long t_alloc_peak(void) { return __atomic_load_n(&peak, __ATOMIC_RELAXED); }
