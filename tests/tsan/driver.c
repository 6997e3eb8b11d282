/*
** tests/tsan/driver.c: one summarizer shared by threads, under
** ThreadSanitizer (make tsan). For each of several methods and input
** formats, one precis_summarizer serves THREADS threads that each
** summarize and segment every FILE (alone, and all of them as one
** story) ROUNDS times; every result must equal the one the main thread
** made before the threads started, bit for bit. A data race is
** ThreadSanitizer's to report; a result that differs, or an error, is
** this driver's, and either exits with a status that is not 0.
**
**   build-tsan/tsan-driver THREADS ROUNDS FILE...
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "precis.h"

typedef struct config {
  const char *name;
  const char *scorer;    /* alone, or NULL for the default mix */
  const char *selector;  /* or NULL for MMR */
  precis_format format;
  precis_unit unit;
  double budget;
} config;

static const config configs[] = {
  {"default", NULL, NULL, PRECIS_FORMAT_TEXT, PRECIS_UNIT_SENTENCES, 3},
  {"lexrank", "lexrank", NULL, PRECIS_FORMAT_TEXT, PRECIS_UNIT_WORDS, 60},
  {"lsa", "lsa", NULL, PRECIS_FORMAT_TEXT, PRECIS_UNIT_RATIO, 0.3},
  {"pacsum", "pacsum", NULL, PRECIS_FORMAT_MARKDOWN, PRECIS_UNIT_SENTENCES, 2},
  {"sumbasic", NULL, "sumbasic", PRECIS_FORMAT_TEXT, PRECIS_UNIT_WORDS, 80},
  {"klsum", NULL, "klsum", PRECIS_FORMAT_HTML, PRECIS_UNIT_SENTENCES, 3},
  {"submodular", NULL, "submodular", PRECIS_FORMAT_TEXT, PRECIS_UNIT_CHARS, 400},
};
#define NCONFIGS (sizeof configs / sizeof configs[0])

typedef struct job {
  const precis_summarizer *s;
  const precis_text *docs;
  size_t ndocs;
  precis_result **want;  /* per case: ndocs alone, then all together */
  size_t rounds;
  int failed;
} job;

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  long n;
  if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
      fseek(f, 0, SEEK_SET) != 0 || (buf = malloc((size_t)n + 1)) == NULL ||
      fread(buf, 1, (size_t)n, f) != (size_t)n) {
    if (f) fclose(f);
    free(buf);
    return NULL;
  }
  fclose(f);
  *len = (size_t)n;
  return buf;
}

/* Are two results the same, unit for unit, score for score (bit for bit)? */
static int same(const precis_result *a, const precis_result *b) {
  size_t i, k, n = precis_result_count(a);
  if (n != precis_result_count(b) ||
      precis_result_selected_count(a) != precis_result_selected_count(b) ||
      precis_result_scorer_count(a) != precis_result_scorer_count(b) ||
      strcmp(precis_result_language(a), precis_result_language(b)) != 0)
    return 0;
  for (i = 0; i < n; i++) {
    precis_sentence u, v;
    precis_result_get(a, i, &u);
    precis_result_get(b, i, &v);
    if (u.doc != v.doc || u.start != v.start || u.end != v.end || u.kind != v.kind ||
        u.words != v.words || u.rank != v.rank || u.selected != v.selected ||
        memcmp(&u.score, &v.score, sizeof u.score) != 0)
      return 0;
    for (k = 0; k < precis_result_scorer_count(a); k++) {
      double x = precis_result_scorer_value(a, i, k), y = precis_result_scorer_value(b, i, k);
      if (memcmp(&x, &y, sizeof x) != 0) return 0;
    }
  }
  for (k = 0; k < precis_result_selected_count(a); k++)
    if (precis_result_selected(a, k) != precis_result_selected(b, k)) return 0;
  return 1;
}

/* Case c: document c alone, or (c == ndocs) all of them. */
static precis_status run(const job *j, size_t c, int segment, precis_result **r,
                         precis_error *err) {
  const precis_text *d = c < j->ndocs ? &j->docs[c] : j->docs;
  size_t n = c < j->ndocs ? 1 : j->ndocs;
  return segment ? precis_segment(j->s, d, n, r, err) : precis_summarize(j->s, d, n, r, err);
}

static void *worker(void *arg) {
  job *j = arg;
  size_t round, c;
  for (round = 0; round < j->rounds; round++)
    for (c = 0; c <= j->ndocs; c++) {
      int seg;
      for (seg = 0; seg < 2; seg++) {
        precis_result *r = NULL;
        precis_error err;
        precis_status st = run(j, c, seg, &r, &err);
        precis_result *want = j->want[2 * c + (size_t)seg];
        if ((want == NULL) != (st != PRECIS_OK) || (want && !same(want, r)))
          j->failed = 1; /* each thread has its own job */
        precis_result_free(r);
      }
    }
  return NULL;
}

int main(int argc, char **argv) {
  size_t nthreads, rounds, ndocs, c, t, k;
  precis_text *docs;
  char **texts;
  int status = 0;
  if (argc < 4 || (nthreads = strtoul(argv[1], NULL, 10)) == 0 ||
      (rounds = strtoul(argv[2], NULL, 10)) == 0) {
    fprintf(stderr, "usage: %s THREADS ROUNDS FILE...\n", argv[0]);
    return 2;
  }
  ndocs = (size_t)argc - 3;
  docs = calloc(ndocs, sizeof *docs);
  texts = calloc(ndocs, sizeof *texts);
  if (docs == NULL || texts == NULL) return 1;
  for (k = 0; k < ndocs; k++) {
    char *text = texts[k] = slurp(argv[k + 3], &docs[k].len);
    if (text == NULL) {
      fprintf(stderr, "tsan-driver: %s: cannot read the file\n", argv[k + 3]);
      return 1;
    }
    docs[k].data = text;
    docs[k].name = argv[k + 3];
  }
  for (c = 0; c < NCONFIGS; c++) {
    const config *g = &configs[c];
    precis_options *o = NULL;
    precis_summarizer *s = NULL;
    precis_error err;
    pthread_t *th = calloc(nthreads, sizeof *th);
    job *jobs = calloc(nthreads, sizeof *jobs);
    precis_result **want = calloc(2 * (ndocs + 1), sizeof *want);
    size_t started = 0, ok = 0;
    if (th == NULL || jobs == NULL || want == NULL) return 1;
    if (precis_options_new(&o, &err) != PRECIS_OK) return 1;
    precis_options_set_format(o, g->format);
    if ((g->scorer && (precis_options_clear_weights(o),
                       precis_options_set_weight(o, g->scorer, 1, &err) != PRECIS_OK)) ||
        (g->selector && precis_options_set_selector(o, g->selector, &err) != PRECIS_OK) ||
        precis_options_set_budget(o, g->unit, g->budget, &err) != PRECIS_OK ||
        precis_summarizer_new(o, &s, &err) != PRECIS_OK) {
      fprintf(stderr, "tsan-driver: %s: %s\n", g->name, err.message);
      return 1;
    }
    precis_options_free(o);
    jobs[0].s = s;
    jobs[0].docs = docs;
    jobs[0].ndocs = ndocs;
    jobs[0].want = want;
    jobs[0].rounds = rounds;
    for (k = 0; k <= ndocs; k++) { /* the answers, from this thread alone */
      if (run(&jobs[0], k, 0, &want[2 * k], &err) == PRECIS_OK) ok++;
      if (run(&jobs[0], k, 1, &want[2 * k + 1], &err) != PRECIS_OK) {
        fprintf(stderr, "tsan-driver: %s: %s\n", g->name, err.message);
        return 1;
      }
    }
    for (t = 0; t < nthreads; t++) {
      jobs[t] = jobs[0];
      if (pthread_create(&th[t], NULL, worker, &jobs[t]) == 0) started++;
      else break;
    }
    for (t = 0; t < started; t++) pthread_join(th[t], NULL);
    for (t = 0; t < started; t++)
      if (jobs[t].failed) {
        fprintf(stderr, "tsan-driver: %s: thread %zu got another result\n", g->name, t);
        status = 1;
      }
    if (started < 2) {
      fprintf(stderr, "tsan-driver: %s: only %zu threads started\n", g->name, started);
      status = 1;
    }
    printf("%s: %zu threads x %zu rounds x %zu cases (%zu summaries)\n", g->name, started,
           rounds, ndocs + 1, ok);
    for (k = 0; k < 2 * (ndocs + 1); k++) precis_result_free(want[k]);
    free(want);
    free(jobs);
    free(th);
    precis_summarizer_free(s);
  }
  for (k = 0; k < ndocs; k++) free(texts[k]);
  free(texts);
  free(docs);
  return status;
}
