/*
** threads.c: one summarizer, many threads. Summarizes each FILE on its own
** (the best sentence of each) with JOBS threads that share one
** precis_summarizer, and prints "FILE<tab>sentence" lines in the order of
** the arguments, whichever thread finished first.
**
**   cc -Iinclude examples/threads.c build/libprecis.a $(pkg-config --libs
**      libutf8proc yaml-0.1 md4c gumbo json-c) -lstemmer -lpthread -lm
**   ./a.out 4 examples/harbour-bridge.txt examples/harbour-bridge-followup.txt
**
** A precis_summarizer is immutable once made: any number of threads may
** call precis_summarize with it at once, each with its own documents and
** its own result. (precis_batch does all this, and writes JSON Lines.)
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <precis.h>

typedef struct doc {
  const char *path;
  char *text;          /* the file's bytes, or NULL when it cannot be read */
  size_t len;
  char *summary;       /* the best sentence (a copy), or NULL */
  precis_error err;
} doc;

typedef struct work {
  const precis_summarizer *s;  /* shared, read-only */
  doc *docs;
  size_t ndocs, next;          /* next: the next document to take */
  pthread_mutex_t mu;
} work;

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  size_t cap = 0, n = 0, got;
  if (f == NULL) return NULL;
  do {
    if (n == cap) {
      char *grown = realloc(buf, cap = cap ? 2 * cap : 4096);
      if (grown == NULL) { free(buf); fclose(f); return NULL; }
      buf = grown;
    }
    got = fread(buf + n, 1, cap - n, f);
    n += got;
  } while (got > 0);
  fclose(f);
  *len = n;
  return buf;
}

static void summarize_one(const precis_summarizer *s, doc *d) {
  precis_text in;
  precis_result *r = NULL;
  precis_sentence u;
  in.data = d->text;
  in.len = d->len;
  in.name = d->path;
  if (precis_summarize(s, &in, 1, &r, &d->err) != PRECIS_OK) return;
  if (precis_result_get(r, precis_result_selected(r, 0), &u)) {
    size_t n = u.end - u.start;
    if ((d->summary = malloc(n + 1)) != NULL) {
      memcpy(d->summary, d->text + u.start, n);
      d->summary[n] = '\0';
    }
  }
  precis_result_free(r);
}

static void *worker(void *arg) {
  work *w = arg;
  for (;;) {
    size_t k;
    pthread_mutex_lock(&w->mu);
    k = w->next++;
    pthread_mutex_unlock(&w->mu);
    if (k >= w->ndocs) return NULL;
    if (w->docs[k].text != NULL) summarize_one(w->s, &w->docs[k]);
  }
}

int main(int argc, char **argv) {
  precis_options *opt = NULL;
  precis_summarizer *s = NULL;
  precis_error err;
  pthread_t *threads;
  work w;
  size_t jobs, k, started = 0;
  int status = 0;
  if (argc < 3 || (jobs = (size_t)strtoul(argv[1], NULL, 10)) == 0) {
    fprintf(stderr, "usage: %s JOBS FILE...\n", argv[0]);
    return 2;
  }
  if (precis_options_new(&opt, &err) != PRECIS_OK ||
      precis_options_set_budget(opt, PRECIS_UNIT_SENTENCES, 1, &err) != PRECIS_OK ||
      precis_summarizer_new(opt, &s, &err) != PRECIS_OK) {
    fprintf(stderr, "threads: %s\n", err.message);
    return 1;
  }
  precis_options_free(opt);
  memset(&w, 0, sizeof w);
  w.s = s;
  w.ndocs = (size_t)argc - 2;
  w.docs = calloc(w.ndocs, sizeof *w.docs);
  threads = calloc(jobs, sizeof *threads);
  if (w.docs == NULL || threads == NULL) return 1;
  pthread_mutex_init(&w.mu, NULL);
  for (k = 0; k < w.ndocs; k++) {
    w.docs[k].path = argv[k + 2];
    w.docs[k].text = slurp(argv[k + 2], &w.docs[k].len);
  }
  for (k = 0; k < jobs; k++)
    if (pthread_create(&threads[k], NULL, worker, &w) == 0) started++;
  if (started == 0) worker(&w); /* no thread: do it here */
  for (k = 0; k < started; k++) pthread_join(threads[k], NULL);
  for (k = 0; k < w.ndocs; k++) {
    doc *d = &w.docs[k];
    if (d->text == NULL) {
      fprintf(stderr, "threads: %s: cannot read the file\n", d->path);
      status = 1;
    } else if (d->summary == NULL) {
      fprintf(stderr, "threads: %s: %s\n", d->path, d->err.message);
      status = 1;
    } else {
      printf("%s\t%s\n", d->path, d->summary);
    }
    free(d->text);
    free(d->summary);
  }
  pthread_mutex_destroy(&w.mu);
  free(w.docs);
  free(threads);
  precis_summarizer_free(s);
  return status;
}
