/*
** corpus.c: precis_batch_run, a batch over files, directories and JSON
** Lines streams: reads them in order on the caller's thread, adds every
** document to the batch, and writes each result as it comes back, whole
** and in input order, to one output file or one file per document in a
** folder; with "resume" it first reads the ids already written (cutting a
** line a kill left half-written) and leaves those documents out.
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include "batch.h"

/* folders nested deeper than this are not read (a loop of bind mounts) */
#define MAX_DEPTH 128
/* reads go in chunks of this size */
#define CHUNK ((size_t)1 << 16)

/* ======================================================================
** Settings
** ====================================================================== */

static char *dup_str(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d) memcpy(d, s, n);
  return d;
}

static int push_str(char ***list, size_t *n, const char *s) {
  char **grown = realloc(*list, (*n + 1) * sizeof *grown);
  if (grown == NULL) return 0;
  *list = grown;
  if ((grown[*n] = dup_str(s)) == NULL) return 0;
  (*n)++;
  return 1;
}

precis_status precisI_batch_opts_set(precisI_batch_opts *o, const char *name,
                                     const char *value, precis_error *err) {
  int ok = 1;
  if (strcmp(name, "include") == 0) ok = push_str(&o->include, &o->ninclude, value);
  else if (strcmp(name, "exclude") == 0) ok = push_str(&o->exclude, &o->nexclude, value);
  else if (strcmp(name, "output") == 0 || strcmp(name, "output_dir") == 0) {
    char **slot = name[6] == '\0' ? &o->output : &o->output_dir;
    free(*slot);
    *slot = value[0] ? dup_str(value) : NULL;
    ok = value[0] == '\0' || *slot != NULL;
  } else if (strcmp(name, "stdin_name") == 0) {
    free(o->stdin_name);
    ok = (o->stdin_name = dup_str(value)) != NULL;
  } else if (strcmp(name, "stdin_line") == 0) {
    char *end;
    unsigned long long n = strtoull(value, &end, 10);
    if (value[0] < '1' || value[0] > '9' || *end != '\0')
      return precisI_seterr(err, PRECIS_EINVAL, "stdin_line must be a line number, from 1");
    o->stdin_line = (size_t)n;
  } else if (strcmp(name, "resume") == 0) o->resume = strcmp(value, "0") != 0;
  else return precisI_seterr(err, PRECIS_EINVAL, "unknown batch setting '%.64s'", name);
  return ok ? PRECIS_OK : precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
}

void precisI_batch_opts_free(precisI_batch_opts *o) {
  size_t k;
  for (k = 0; k < o->ninclude; k++) free(o->include[k]);
  for (k = 0; k < o->nexclude; k++) free(o->exclude[k]);
  free(o->include);
  free(o->exclude);
  free(o->output);
  free(o->output_dir);
  free(o->stdin_name);
  memset(o, 0, sizeof *o);
}

/* ======================================================================
** Sets of ids, as two 64-bit hashes each (a false match needs both to
** collide: about one in 2^128 per pair of ids)
** ====================================================================== */

static void hash2(const char *s, size_t n, uint64_t *a, uint64_t *b) {
  uint64_t h = 14695981039346656037u, g = 0x9E3779B97F4A7C15u;
  size_t i;
  for (i = 0; i < n; i++) {
    h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    g = (g + (unsigned char)s[i] + 1) * 0xBF58476D1CE4E5B9u;
    g ^= g >> 31;
  }
  h ^= h >> 29;
  if (h == 0 && g == 0) g = 1;
  *a = h;
  *b = g;
}

static size_t find_slot(const uint64_t *t, size_t cap, uint64_t a, uint64_t b) {
  size_t i = (size_t)(a ^ (b >> 7)) & (cap - 1);
  while ((t[2 * i] != 0 || t[2 * i + 1] != 0) && !(t[2 * i] == a && t[2 * i + 1] == b))
    i = (i + 1) & (cap - 1);
  return i;
}

int precisI_idset_add(precisI_idset *s, const char *id, size_t n) {
  uint64_t a, b;
  size_t i;
  if (s->n + 1 > s->cap / 2) {
    size_t cap = s->cap ? s->cap * 2 : 1024, k;
    uint64_t *t = calloc(cap, 2 * sizeof *t);
    if (t == NULL) return 0;
    for (k = 0; k < s->cap; k++)
      if (s->h[2 * k] != 0 || s->h[2 * k + 1] != 0) {
        size_t j = find_slot(t, cap, s->h[2 * k], s->h[2 * k + 1]);
        t[2 * j] = s->h[2 * k];
        t[2 * j + 1] = s->h[2 * k + 1];
      }
    free(s->h);
    s->h = t;
    s->cap = cap;
  }
  hash2(id, n, &a, &b);
  i = find_slot(s->h, s->cap, a, b);
  if (s->h[2 * i] == 0 && s->h[2 * i + 1] == 0) {
    s->h[2 * i] = a;
    s->h[2 * i + 1] = b;
    s->n++;
  }
  return 1;
}

int precisI_idset_has(const precisI_idset *s, const char *id, size_t n) {
  uint64_t a, b;
  size_t i;
  if (s->n == 0) return 0;
  hash2(id, n, &a, &b);
  i = find_slot(s->h, s->cap, a, b);
  return s->h[2 * i] == a && s->h[2 * i + 1] == b;
}

void precisI_idset_free(precisI_idset *s) {
  free(s->h);
  memset(s, 0, sizeof *s);
}

/* ======================================================================
** The run
** ====================================================================== */

typedef struct run {
  precis_batch *b;
  precisI_batch_opts *o;
  size_t limit;              /* a document's bytes at most */
  int out;                   /* the output file, or -1 with output_dir */
  precisI_idset done;        /* ids already written (resume) */
  precis_batch_stats st;
  precis_batch_progress *progress;
  void *ud;
  struct timespec t0, last;
  precisI_buf name;          /* scratch: file names */
  char *chunk;               /* CHUNK bytes */
} run;

static double since(const struct timespec *a, const struct timespec *b) {
  return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void tick(run *R, int last) {
  struct timespec now;
  if (R->progress == NULL) return;
  clock_gettime(CLOCK_MONOTONIC, &now);
  if (!last && since(&R->last, &now) < 0.1) return;
  R->last = now;
  R->st.seconds = since(&R->t0, &now);
  R->progress(R->ud, &R->st, last);
}

static precis_status io_error(precis_error *err, int e, const char *what, const char *path) {
  precisI_seterr(err, PRECIS_EIO, "%s: %s", what, strerror(e));
  precisI_seterr_source(err, path, 0);
  err->sys_errno = e;
  return PRECIS_EIO;
}

static int write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return 0;
    }
    p += w;
    n -= (size_t)w;
  }
  return 1;
}

/* A file name for an id: its bytes, with every one that is not a letter,
** digit, '-', '_' or '.' (and a '.' first) written %XX. */
static int file_name(precisI_buf *out, const char *id, size_t n) {
  static const char hex[] = "0123456789ABCDEF";
  size_t i;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)id[i];
    int plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_' || (c == '.' && i > 0);
    char e[3] = {'%', hex[c >> 4], hex[c & 15]};
    if (!(plain ? precisI_buf_add(out, (const char *)&c, 1) : precisI_buf_add(out, e, 3)))
      return 0;
  }
  return 1;
}

/* the id's bytes: the JSON string's contents, or the integer's digits */
static int id_bytes(precisI_buf *out, const char *json, size_t n) {
  json_object *o;
  int ok;
  if (n == 0 || json[0] != '"') return precisI_buf_add(out, json, n);
  if ((o = json_tokener_parse(json)) == NULL) return 0; /* ours: NUL-terminated */
  ok = json_object_is_type(o, json_type_string) &&
       precisI_buf_add(out, json_object_get_string(o), (size_t)json_object_get_string_len(o));
  json_object_put(o);
  return ok;
}

/* Writes one result, whole. */
static precis_status emit(run *R, const precis_batch_item *it, precis_error *err) {
  if (it->skipped) {
    R->st.skipped++;
    return PRECIS_OK;
  }
  R->st.done++;
  if (it->status != PRECIS_OK) R->st.errors++;
  if (it->record_len == 0) {
    if (it->status == PRECIS_ENOMEM)
      return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
    return PRECIS_OK; /* a text result of no sentence */
  }
  if (R->out >= 0) {
    if (!write_all(R->out, it->record, it->record_len))
      return io_error(err, errno, "cannot write the output", R->o->output ? R->o->output : "<stdout>");
    return PRECIS_OK;
  }
  if (it->status != PRECIS_OK) { /* one file per summary: failures go nowhere else */
    return PRECIS_OK;
  }
  {
    precisI_buf path = {NULL, 0, 0}, id = {NULL, 0, 0};
    const char *ext = precisI_batch_text_mode(R->b) ? ".txt" : ".json";
    int fd = -1, ok, e = 0;
    const char *rec = it->record;
    size_t len = it->record_len;
    ok = precisI_buf_add(&path, R->o->output_dir, strlen(R->o->output_dir)) &&
         precisI_buf_add(&path, "/", 1) && id_bytes(&id, it->id, it->id_len) &&
         file_name(&path, id.p, id.n) && precisI_buf_add(&path, ext, strlen(ext)) &&
         precisI_buf_add(&path, ".tmp", 5);
    free(id.p);
    if (!ok) { free(path.p); return precisI_seterr(err, PRECIS_ENOMEM, "out of memory"); }
    if (precisI_batch_text_mode(R->b)) { /* each line is "ID<tab>sentence": keep the sentences */
      precisI_buf t = {NULL, 0, 0};
      size_t i = 0;
      while (i < len) {
        const char *nl = memchr(rec + i, '\n', len - i), *tab = memchr(rec + i, '\t', len - i);
        size_t end = nl ? (size_t)(nl - rec) + 1 : len;
        size_t from = tab && (size_t)(tab - rec) < end ? (size_t)(tab - rec) + 1 : i;
        if (!precisI_buf_add(&t, rec + from, end - from)) { free(t.p); free(path.p); return PRECIS_ENOMEM; }
        i = end;
      }
      fd = open(path.p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ok = fd >= 0 && write_all(fd, t.p, t.n);
      free(t.p);
    } else {
      fd = open(path.p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ok = fd >= 0 && write_all(fd, rec, len);
    }
    if (!ok) e = errno;
    if (fd >= 0 && close(fd) != 0 && ok) { ok = 0; e = errno; }
    if (ok) {
      char *final = malloc(path.n);
      if (final == NULL) { free(path.p); return precisI_seterr(err, PRECIS_ENOMEM, "out of memory"); }
      memcpy(final, path.p, path.n - 5);
      final[path.n - 5] = '\0';
      if (rename(path.p, final) != 0) { ok = 0; e = errno; }
      free(final);
    }
    if (!ok) {
      precis_status st = io_error(err, e, "cannot write", path.p);
      free(path.p);
      return st;
    }
    free(path.p);
  }
  return PRECIS_OK;
}

/* Takes back the oldest result and writes it. */
static precis_status drain_one(run *R, precis_error *err) {
  precis_batch_item it;
  precis_status st = precis_batch_next(R->b, &it, err);
  if (st != PRECIS_OK) return st;
  st = emit(R, &it, err);
  tick(R, 0);
  return st;
}

/* Makes room for one more job, writing results while the window is full
** (the item handed out last holds a slot until the next call). */
static precis_status room(run *R, precis_error *err) {
  while (precis_batch_pending(R->b) + 1 >= precis_batch_window(R->b)) {
    precis_status st = drain_one(R, err);
    if (st != PRECIS_OK) return st;
  }
  return PRECIS_OK;
}

/* Adds a job (kind, buf: as precisI_batch_add_job). */
static precis_status add(run *R, int kind, char *buf, size_t len, const char *id, size_t id_len,
                         int id_is_json, const char *name, const char *source, size_t lineno,
                         int format, const precis_error *failed, precis_error *err) {
  precis_status st = room(R, err);
  if (st != PRECIS_OK) { free(buf); return st; }
  return precisI_batch_add_job(R->b, kind, buf, len, id, id_len, id_is_json, name, source, lineno,
                               format, failed, err);
}

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix), i;
  if (n < k) return 0;
  for (i = 0; i < k; i++) {
    char c = s[n - k + i];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (c != suffix[i]) return 0;
  }
  return 1;
}

static int is_jsonl(const char *path) {
  return strcmp(path, "-") == 0 || ends_with(path, ".jsonl") || ends_with(path, ".ndjson");
}

/* a file's format from its name, as the command guesses it */
static int format_of(const run *R, const char *path) {
  int forced = precisI_batch_input(R->b);
  if (forced >= 0) return forced;
  if (ends_with(path, ".md") || ends_with(path, ".markdown")) return PRECIS_FORMAT_MARKDOWN;
  if (ends_with(path, ".html") || ends_with(path, ".htm") || ends_with(path, ".xhtml"))
    return PRECIS_FORMAT_HTML;
  return -1;
}

static precis_status add_failed(run *R, const char *id, precis_status code, int e,
                                const char *fmt, const char *what, precis_error *err) {
  precis_error f;
  precis_status st;
  precisI_seterr(&f, code, fmt, what);
  f.sys_errno = e;
  st = add(R, 2, NULL, 0, id, strlen(id), 0, id, NULL, 0, -1, &f, err);
  return st;
}

/* One document from a file, read up to the limit. */
static precis_status read_doc(run *R, const char *path, precis_error *err) {
  int fd = open(path, O_RDONLY);
  struct stat sb;
  char *buf = NULL;
  size_t len = 0, cap = 0;
  precis_status st;
  if (fd < 0 || fstat(fd, &sb) != 0) {
    int e = errno;
    if (fd >= 0) close(fd);
    return add_failed(R, path, PRECIS_EIO, e, "cannot read the file: %s", strerror(e), err);
  }
  if (S_ISREG(sb.st_mode) && (size_t)sb.st_size > R->limit) {
    char why[64];
    close(fd);
    snprintf(why, sizeof why, "%zu", R->limit);
    return add_failed(R, path, PRECIS_ELIMIT, 0, "input is over the limit of %s bytes", why, err);
  }
  for (;;) {
    ssize_t got;
    if (len == cap) {
      char *grown;
      cap = cap ? cap * 2 : (S_ISREG(sb.st_mode) && sb.st_size > 0 ? (size_t)sb.st_size + 1 : CHUNK);
      if (cap > R->limit + 1) cap = R->limit + 1;
      if ((grown = realloc(buf, cap)) == NULL) {
        free(buf); close(fd);
        return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
      }
      buf = grown;
    }
    got = read(fd, buf + len, cap - len);
    if (got < 0) {
      int e = errno;
      if (e == EINTR) continue;
      free(buf); close(fd);
      return add_failed(R, path, PRECIS_EIO, e, "cannot read the file: %s", strerror(e), err);
    }
    if (got == 0) break;
    len += (size_t)got;
    if (len > R->limit) {
      char why[64];
      free(buf); close(fd);
      snprintf(why, sizeof why, "%zu", R->limit);
      return add_failed(R, path, PRECIS_ELIMIT, 0, "input is over the limit of %s bytes", why, err);
    }
  }
  close(fd);
  st = add(R, 0, buf, len, path, strlen(path), 0, path, NULL, 0, format_of(R, path), NULL, err);
  return st;
}

/* The id at the start of a line too long to read: {"id": "..." or a number
** first, as most writers put it; else NULL. */
static int leading_id(precisI_buf *out, const char *s, size_t n) {
  size_t i = 0, j;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  if (i >= n || s[i++] != '{') return 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  if (n - i < 4 || memcmp(s + i, "\"id\"", 4) != 0) return 0;
  i += 4;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  if (i >= n || s[i++] != ':') return 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
  j = i;
  if (j < n && s[j] == '"') {
    for (j++; j < n && s[j] != '"'; j++)
      if (s[j] == '\\') j++;
    if (j >= n) return 0;
    j++;
  } else {
    if (j < n && s[j] == '-') j++;
    while (j < n && s[j] >= '0' && s[j] <= '9') j++;
    if (j == i) return 0;
  }
  {
    char *copy = malloc(j - i + 1);
    json_object *o;
    int ok = 0;
    if (copy == NULL) return 0;
    memcpy(copy, s + i, j - i);
    copy[j - i] = '\0';
    o = json_tokener_parse(copy);
    free(copy);
    if (o && json_object_is_type(o, json_type_string))
      ok = precisI_json_string(out, json_object_get_string(o), (size_t)json_object_get_string_len(o));
    else if (o && json_object_is_type(o, json_type_int)) {
      char num[32];
      snprintf(num, sizeof num, "%lld", (long long)json_object_get_int64(o));
      ok = precisI_buf_add(out, num, strlen(num));
    }
    if (o) json_object_put(o);
    return ok;
  }
}

static int blank(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (!(s[i] == ' ' || s[i] == '\t' || s[i] == '\r')) return 0;
  return 1;
}

/* JSON Lines from fd: one record per non-blank line; `first` is the
** number of the first line, less one. */
static precis_status read_lines(run *R, int fd, const char *source, size_t first,
                                precis_error *err) {
  precisI_buf line = {NULL, 0, 0};
  size_t lineno = first;
  int over = 0, eof = 0;
  precis_status st = PRECIS_OK;
  while (!eof && st == PRECIS_OK) {
    ssize_t got = read(fd, R->chunk, CHUNK);
    size_t i = 0;
    if (got < 0) {
      if (errno == EINTR) continue;
      st = io_error(err, errno, "cannot read", source);
      break;
    }
    if (got == 0) eof = 1;
    while (st == PRECIS_OK && (i < (size_t)got || (eof && (line.n > 0 || over)))) {
      const char *nl = i < (size_t)got ? memchr(R->chunk + i, '\n', (size_t)got - i) : NULL;
      size_t end = nl ? (size_t)(nl - R->chunk) : (size_t)got;
      if (!over) {
        if (line.n + (end - i) > R->limit) {
          over = 1; /* keep the start: it may hold the id */
          if (!precisI_buf_add(&line, R->chunk + i, line.n < 4096 ? (end - i < 4096 ? end - i : 4096) : 0)) {
            st = precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
            break;
          }
        } else if (!precisI_buf_add(&line, R->chunk + i, end - i)) {
          st = precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
          break;
        }
      }
      i = end + (nl != NULL);
      if (nl == NULL && !eof) break; /* the line goes on in the next chunk */
      lineno++;
      if (over) {
        precisI_buf id = {NULL, 0, 0};
        precis_error f;
        char num[32];
        precisI_seterr(&f, PRECIS_ELIMIT, "record is over the limit of %zu bytes", R->limit);
        if (!leading_id(&id, line.p, line.n)) {
          precisI_buf s = {NULL, 0, 0};
          snprintf(num, sizeof num, ":%zu", lineno);
          id.n = 0;
          if (!precisI_buf_add(&s, source, strlen(source)) || !precisI_buf_add(&s, num, strlen(num)) ||
              !precisI_json_string(&id, s.p, s.n))
            st = precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
          free(s.p);
        }
        if (st == PRECIS_OK)
          st = add(R, 2, NULL, 0, id.p, id.n, 1, NULL, source, lineno, -1, &f, err);
        free(id.p);
        over = 0;
      } else if (!blank(line.p, line.n)) {
        char *copy = malloc(line.n ? line.n : 1);
        if (copy == NULL) { st = precisI_seterr(err, PRECIS_ENOMEM, "out of memory"); break; }
        if (line.n) memcpy(copy, line.p, line.n);
        if (line.n > 0 && copy[line.n - 1] == '\r') line.n--;
        st = add(R, 1, copy, line.n, NULL, 0, 0, NULL, source, lineno, -1, NULL, err);
      }
      line.n = 0;
      if (line.cap > ((size_t)1 << 24)) { free(line.p); line.p = NULL; line.cap = 0; }
      if (eof && i >= (size_t)got) break;
    }
  }
  free(line.p);
  return st;
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int matches(char **globs, size_t n, const char *base) {
  size_t k;
  for (k = 0; k < n; k++)
    if (fnmatch(globs[k], base, 0) == 0) return 1;
  return 0;
}

static precis_status walk(run *R, const char *dir, int depth, int count_only, precis_error *err);

/* One path: a folder, a JSON Lines file or a document. */
static precis_status path_in(run *R, const char *path, int from_dir, int depth, int count_only,
                             precis_error *err) {
  struct stat sb;
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  if (strcmp(path, "-") == 0) {
    if (count_only) { R->st.total_known = 0; return PRECIS_OK; }
    return read_lines(R, 0, R->o->stdin_name ? R->o->stdin_name : "<stdin>",
                      R->o->stdin_line ? R->o->stdin_line - 1 : 0, err);
  }
  if ((from_dir ? lstat(path, &sb) : stat(path, &sb)) != 0) {
    if (count_only) { R->st.total++; return PRECIS_OK; }
    return add_failed(R, path, PRECIS_EIO, errno, "cannot read the file: %s", strerror(errno), err);
  }
  if (S_ISLNK(sb.st_mode)) { /* a link found in a folder: files only */
    if (stat(path, &sb) != 0 || S_ISDIR(sb.st_mode)) return PRECIS_OK;
  }
  if (S_ISDIR(sb.st_mode)) {
    if (from_dir && matches(R->o->exclude, R->o->nexclude, base)) return PRECIS_OK;
    return walk(R, path, depth + 1, count_only, err);
  }
  if (from_dir && !S_ISREG(sb.st_mode)) return PRECIS_OK; /* sockets, fifos */
  if (from_dir && ((R->o->ninclude > 0 && !matches(R->o->include, R->o->ninclude, base)) ||
                   matches(R->o->exclude, R->o->nexclude, base)))
    return PRECIS_OK;
  if (is_jsonl(path)) {
    int fd = open(path, O_RDONLY);
    precis_status st;
    if (fd < 0) {
      if (count_only) { R->st.total++; return PRECIS_OK; }
      return add_failed(R, path, PRECIS_EIO, errno, "cannot read the file: %s", strerror(errno), err);
    }
    if (count_only) { /* one record per non-blank line */
      ssize_t got;
      int nonblank = 0;
      while ((got = read(fd, R->chunk, CHUNK)) > 0) {
        ssize_t i;
        for (i = 0; i < got; i++) {
          char c = R->chunk[i];
          if (c == '\n') { R->st.total += (size_t)nonblank; nonblank = 0; }
          else if (!(c == ' ' || c == '\t' || c == '\r')) nonblank = 1;
        }
      }
      R->st.total += (size_t)nonblank;
      close(fd);
      return PRECIS_OK;
    }
    st = read_lines(R, fd, path, 0, err);
    close(fd);
    return st;
  }
  if (count_only) { R->st.total++; return PRECIS_OK; }
  return read_doc(R, path, err);
}

static precis_status walk(run *R, const char *dir, int depth, int count_only, precis_error *err) {
  DIR *d;
  struct dirent *e;
  char **names = NULL;
  size_t n = 0, cap = 0, k;
  precis_status st = PRECIS_OK;
  if (depth > MAX_DEPTH) return PRECIS_OK;
  if ((d = opendir(dir)) == NULL) return io_error(err, errno, "cannot read the folder", dir);
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    if (n == cap) {
      char **grown = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names);
      if (grown == NULL) { st = PRECIS_ENOMEM; break; }
      names = grown;
    }
    if ((names[n] = dup_str(e->d_name)) == NULL) { st = PRECIS_ENOMEM; break; }
    n++;
  }
  closedir(d);
  if (st == PRECIS_OK) qsort(names, n, sizeof *names, cmp_names);
  else precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
  for (k = 0; k < n && st == PRECIS_OK; k++) {
    size_t dl = strlen(dir), nl = strlen(names[k]);
    char *path = malloc(dl + nl + 2);
    if (path == NULL) { st = precisI_seterr(err, PRECIS_ENOMEM, "out of memory"); break; }
    memcpy(path, dir, dl);
    if (dl > 0 && dir[dl - 1] == '/') dl--;
    path[dl] = '/';
    memcpy(path + dl + 1, names[k], nl + 1);
    st = path_in(R, path, 1, depth, count_only, err);
    free(path);
  }
  for (k = 0; k < n; k++) free(names[k]);
  free(names);
  return st;
}

/* "resume" with an output file: the ids it holds; a last line without its
** line break (a kill in the middle of a write) is cut off. */
static precis_status load_done(run *R, int fd, const char *path, precis_error *err) {
  precisI_buf line = {NULL, 0, 0};
  off_t whole = 0, pos = 0;
  size_t lineno = 0;
  json_tokener *tok = json_tokener_new_ex(PRECIS_BATCH_JSON_DEPTH);
  precis_status st = PRECIS_OK;
  if (tok == NULL) return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
  for (;;) {
    ssize_t got = read(fd, R->chunk, CHUNK), i = 0;
    if (got < 0) { st = io_error(err, errno, "cannot read", path); break; }
    if (got == 0) break;
    while (i < got && st == PRECIS_OK) {
      const char *nl = memchr(R->chunk + i, '\n', (size_t)(got - i));
      size_t end = nl ? (size_t)(nl - R->chunk) : (size_t)got;
      if (!precisI_buf_add(&line, R->chunk + i, end - (size_t)i)) {
        st = precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
        break;
      }
      pos += (off_t)(end - (size_t)i) + (nl != NULL);
      i = (ssize_t)end + (nl != NULL);
      if (nl == NULL) break;
      lineno++;
      {
        json_object *o, *id;
        precisI_buf key = {NULL, 0, 0};
        json_tokener_reset(tok);
        o = json_tokener_parse_ex(tok, line.p, (int)line.n);
        if (o == NULL || !json_object_is_type(o, json_type_object) ||
            !json_object_object_get_ex(o, "id", &id) ||
            !(json_object_is_type(id, json_type_string) || json_object_is_type(id, json_type_int))) {
          if (o) json_object_put(o);
          st = precisI_seterr(err, PRECIS_EINVAL,
                              "not a record of summarize batch: cannot resume from this file");
          precisI_seterr_source(err, path, 0);
          err->line = lineno;
          break;
        }
        if (json_object_is_type(id, json_type_string)) {
          if (!precisI_json_string(&key, json_object_get_string(id),
                                   (size_t)json_object_get_string_len(id)))
            st = PRECIS_ENOMEM;
        } else {
          char num[32];
          snprintf(num, sizeof num, "%lld", (long long)json_object_get_int64(id));
          if (!precisI_buf_add(&key, num, strlen(num))) st = PRECIS_ENOMEM;
        }
        if (st == PRECIS_OK && !precisI_idset_add(&R->done, key.p, key.n)) st = PRECIS_ENOMEM;
        if (st == PRECIS_ENOMEM) precisI_seterr(err, st, "out of memory");
        free(key.p);
        json_object_put(o);
      }
      whole = pos;
      line.n = 0;
    }
    if (st != PRECIS_OK) break;
  }
  free(line.p);
  json_tokener_free(tok);
  if (st == PRECIS_OK && pos != whole && ftruncate(fd, whole) != 0)
    st = io_error(err, errno, "cannot cut the half-written last line of", path);
  return st;
}

/* "resume" with an output folder: the ids of the files it holds */
static precis_status load_done_dir(run *R, const char *dir, precis_error *err) {
  DIR *d = opendir(dir);
  struct dirent *e;
  const char *ext = precisI_batch_text_mode(R->b) ? ".txt" : ".json";
  if (d == NULL) {
    if (errno == ENOENT) return PRECIS_OK;
    return io_error(err, errno, "cannot read the folder", dir);
  }
  while ((e = readdir(d)) != NULL) {
    const char *s = e->d_name;
    size_t n = strlen(s), k = strlen(ext), i;
    precisI_buf raw = {NULL, 0, 0}, key = {NULL, 0, 0};
    int ok = 1;
    if (n <= k || strcmp(s + n - k, ext) != 0) continue;
    for (i = 0; i + k < n && ok; i++) {
      char c = s[i];
      if (c == '%' && i + 2 + k < n) {
        int hi = s[i + 1], lo = s[i + 2];
        hi = hi >= 'A' ? hi - 'A' + 10 : hi - '0';
        lo = lo >= 'A' ? lo - 'A' + 10 : lo - '0';
        c = (char)(hi * 16 + lo);
        i += 2;
      }
      ok = precisI_buf_add(&raw, &c, 1);
    }
    ok = ok && precisI_json_string(&key, raw.p, raw.n) && precisI_idset_add(&R->done, key.p, key.n);
    free(raw.p);
    free(key.p);
    if (!ok) { closedir(d); return precisI_seterr(err, PRECIS_ENOMEM, "out of memory"); }
  }
  closedir(d);
  return PRECIS_OK;
}

precis_status precis_batch_run(precis_batch *b, const char *const *paths, size_t npaths,
                               precis_batch_progress *progress, void *ud,
                               precis_batch_stats *stats, precis_error *err) {
  run R;
  size_t k;
  precis_status st = PRECIS_OK;
  int own = 0;
  if (stats) memset(stats, 0, sizeof *stats);
  if (b == NULL || (paths == NULL && npaths > 0))
    return precisI_seterr(err, PRECIS_EINVAL, "batch and paths are required");
  memset(&R, 0, sizeof R);
  R.b = b;
  R.o = precisI_batch_opts_of(b);
  R.limit = precisI_batch_summarizer(b)->opt.max_bytes;
  R.progress = progress;
  R.ud = ud;
  R.out = 1;
  clock_gettime(CLOCK_MONOTONIC, &R.t0);
  R.last = R.t0;
  if ((R.chunk = malloc(CHUNK)) == NULL) return precisI_seterr(err, PRECIS_ENOMEM, "out of memory");
  if (R.o->resume && R.o->output == NULL && R.o->output_dir == NULL) {
    st = precisI_seterr(err, PRECIS_EINVAL, "resume needs an output file or folder");
    goto done;
  }
  if (R.o->output_dir != NULL) {
    R.out = -1;
    if (mkdir(R.o->output_dir, 0755) != 0 && errno != EEXIST) {
      st = io_error(err, errno, "cannot make the folder", R.o->output_dir);
      goto done;
    }
    if (R.o->resume && (st = load_done_dir(&R, R.o->output_dir, err)) != PRECIS_OK) goto done;
  } else if (R.o->output != NULL) {
    R.out = open(R.o->output, R.o->resume ? O_RDWR | O_CREAT : O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (R.out < 0) {
      st = io_error(err, errno, "cannot open the output", R.o->output);
      goto done;
    }
    own = 1;
    if (R.o->resume) {
      if ((st = load_done(&R, R.out, R.o->output, err)) != PRECIS_OK) goto done;
      if (lseek(R.out, 0, SEEK_END) < 0) {
        st = io_error(err, errno, "cannot append to", R.o->output);
        goto done;
      }
    }
  }
  if (R.o->resume) precisI_batch_set_skip(b, &R.done);
  if (progress != NULL) { /* count first, where counting is possible */
    R.st.total_known = 1;
    for (k = 0; k < npaths && st == PRECIS_OK; k++) st = path_in(&R, paths[k], 0, 0, 1, err);
    if (st != PRECIS_OK) goto done;
    if (!R.st.total_known) R.st.total = 0;
    tick(&R, 0);
  }
  for (k = 0; k < npaths && st == PRECIS_OK; k++) st = path_in(&R, paths[k], 0, 0, 0, err);
  while (st == PRECIS_OK && precis_batch_pending(b) > 0) st = drain_one(&R, err);
  if (st == PRECIS_OK) { /* release the last item */
    precis_batch_item it;
    precis_error ignore;
    precis_batch_next(b, &it, &ignore);
  }
  tick(&R, 1);
done:
  if (own && close(R.out) != 0 && st == PRECIS_OK)
    st = io_error(err, errno, "cannot write the output", R.o->output);
  precisI_batch_set_skip(b, NULL);
  if (st != PRECIS_OK) { /* let the threads finish what they hold */
    precis_batch_item it;
    precis_error ignore;
    while (precis_batch_next(b, &it, &ignore) == PRECIS_OK) {}
  }
  precisI_idset_free(&R.done);
  free(R.chunk);
  free(R.name.p);
  if (stats) *stats = R.st;
  return st;
}
