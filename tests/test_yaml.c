/*
** test_yaml.c: the policy file reader (csrc/yaml.c): the tree and the
** positions it keeps, the YAML 1.2 core scalars, and every file it
** rejects, with its exact line, column and message.
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "internal.h"

static precisI_yaml *load_ok(const char *text) {
  precisI_yaml *y = NULL;
  precis_error err;
  precis_status st = precisI_yaml_load(text, strlen(text), "t.yaml", &y, &err);
  ck_assert_msg(st == PRECIS_OK, "load failed: %zu:%zu: %s", err.line,
                err.column, err.message);
  ck_assert_ptr_nonnull(y);
  return y;
}

/* the value of key `k` in mapping `m`, or NULL */
static const precisI_ynode *get(const precisI_ynode *m, const char *k) {
  const precisI_ynode *c;
  ck_assert_int_eq(m->kind, PRECIS_YMAP);
  for (c = m->child; c != NULL; c = c->next)
    if (strcmp(c->key->str, k) == 0) return c;
  return NULL;
}

/* ---------------------------------------------------------------------
** The tree and its positions
** --------------------------------------------------------------------- */

START_TEST(tree_positions) {
  static const char text[] =
    "policy: news\n"
    "length: { sentences: 3 }\n"
    "scorers:\n"
    "  textrank: 1.0\n"
    "  position: 0.6\n"
    "drop: ['^A', \"^B\"]\n";
  precisI_yaml *y = load_ok(text);
  const precisI_ynode *root = precisI_yaml_root(y), *n, *len, *sc, *drop;
  ck_assert_int_eq(root->kind, PRECIS_YMAP);
  ck_assert_uint_eq(root->n, 4);
  ck_assert_uint_eq(root->line, 1);
  ck_assert_uint_eq(root->col, 1);
  n = get(root, "policy");
  ck_assert_int_eq(n->kind, PRECIS_YSTR);
  ck_assert_str_eq(n->str, "news");
  ck_assert_uint_eq(n->line, 1);
  ck_assert_uint_eq(n->col, 9);
  ck_assert_uint_eq(n->key->line, 1);
  ck_assert_uint_eq(n->key->col, 1);
  len = get(root, "length");
  ck_assert_int_eq(len->kind, PRECIS_YMAP);
  ck_assert_uint_eq(len->line, 2);
  ck_assert_uint_eq(len->col, 9);
  n = get(len, "sentences");
  ck_assert_int_eq(n->kind, PRECIS_YINT);
  ck_assert_int_eq(n->integer, 3);
  ck_assert_uint_eq(n->key->col, 11);
  ck_assert_uint_eq(n->col, 22);
  sc = get(root, "scorers");
  ck_assert_uint_eq(sc->n, 2);
  ck_assert_str_eq(sc->child->key->str, "textrank"); /* document order */
  ck_assert_str_eq(sc->child->next->key->str, "position");
  ck_assert_int_eq(sc->child->next->kind, PRECIS_YFLOAT);
  ck_assert(sc->child->next->number == 0.6);
  ck_assert_uint_eq(sc->child->next->line, 5);
  ck_assert_uint_eq(sc->child->next->col, 13);
  drop = get(root, "drop");
  ck_assert_int_eq(drop->kind, PRECIS_YSEQ);
  ck_assert_uint_eq(drop->n, 2);
  ck_assert_str_eq(drop->child->str, "^A");
  ck_assert_int_eq(drop->child->quoted, 1);
  ck_assert_uint_eq(drop->child->next->col, 14);
  ck_assert_ptr_null(drop->child->key);
  precisI_yaml_free(y);
}
END_TEST

START_TEST(columns_count_code_points) {
  precisI_yaml *y = load_ok("name: \"caf\xc3\xa9\"\n\xc3\xa9t\xc3\xa9: x\n");
  const precisI_ynode *n = get(precisI_yaml_root(y), "\xc3\xa9t\xc3\xa9");
  ck_assert_ptr_nonnull(n);
  ck_assert_uint_eq(n->line, 2);
  ck_assert_uint_eq(n->col, 6);
  n = get(precisI_yaml_root(y), "name");
  ck_assert_uint_eq(n->len, 5);
  precisI_yaml_free(y);
}
END_TEST

START_TEST(nul_in_quoted_string) {
  precisI_yaml *y = load_ok("a: \"x\\0y\"\n");
  const precisI_ynode *n = get(precisI_yaml_root(y), "a");
  ck_assert_uint_eq(n->len, 3);
  ck_assert_int_eq(memcmp(n->str, "x\0y", 3), 0);
  precisI_yaml_free(y);
}
END_TEST

START_TEST(free_null) { precisI_yaml_free(NULL); }
END_TEST

/* ---------------------------------------------------------------------
** Scalars: the YAML 1.2 core schema, plain scalars only
** --------------------------------------------------------------------- */

typedef struct scalar_case {
  const char *text;  /* the value of key "v" */
  precisI_ykind kind;
  int64_t integer;
  double number;     /* for floats; NAN for .nan */
  int boolean;
} scalar_case;

static const scalar_case scalar_cases[] = {
  {"", PRECIS_YNULL, 0, 0, 0},
  {"~", PRECIS_YNULL, 0, 0, 0},
  {"null", PRECIS_YNULL, 0, 0, 0},
  {"NULL", PRECIS_YNULL, 0, 0, 0},
  {"nULL", PRECIS_YSTR, 0, 0, 0},
  {"true", PRECIS_YBOOL, 0, 0, 1},
  {"False", PRECIS_YBOOL, 0, 0, 0},
  {"yes", PRECIS_YSTR, 0, 0, 0},       /* YAML 1.1 only */
  {"on", PRECIS_YSTR, 0, 0, 0},
  {"0", PRECIS_YINT, 0, 0, 0},
  {"-17", PRECIS_YINT, -17, 0, 0},
  {"+4", PRECIS_YINT, 4, 0, 0},
  {"007", PRECIS_YINT, 7, 0, 0},
  {"0o17", PRECIS_YINT, 15, 0, 0},
  {"0x1F", PRECIS_YINT, 31, 0, 0},
  {"9223372036854775807", PRECIS_YINT, INT64_MAX, 0, 0},
  {"-9223372036854775808", PRECIS_YINT, INT64_MIN, 0, 0},
  {"1_000", PRECIS_YSTR, 0, 0, 0},
  {"0b101", PRECIS_YSTR, 0, 0, 0},
  {"-0x1", PRECIS_YSTR, 0, 0, 0},
  {"0.5", PRECIS_YFLOAT, 0, 0.5, 0},
  {"0.85", PRECIS_YFLOAT, 0, 0.85, 0},
  {".25", PRECIS_YFLOAT, 0, 0.25, 0},
  {"3.", PRECIS_YFLOAT, 0, 3.0, 0},
  {"-1.5e3", PRECIS_YFLOAT, 0, -1500.0, 0},
  {"1e-2", PRECIS_YFLOAT, 0, 0.01, 0},
  {"2E+2", PRECIS_YFLOAT, 0, 200.0, 0},
  {"0.1234567890123456789012", PRECIS_YFLOAT, 0, 0.1234567890123456789012, 0},
  {"12345678901234567890123.0", PRECIS_YFLOAT, 0, 12345678901234567890123.0, 0},
  {"1e-400", PRECIS_YFLOAT, 0, 0.0, 0},
  {".inf", PRECIS_YFLOAT, 0, HUGE_VAL, 0},
  {"-.Inf", PRECIS_YFLOAT, 0, -HUGE_VAL, 0},
  {".nan", PRECIS_YFLOAT, 0, NAN, 0},
  {"-.nan", PRECIS_YSTR, 0, 0, 0},
  {".", PRECIS_YSTR, 0, 0, 0},
  {"1e", PRECIS_YSTR, 0, 0, 0},
  {"1,5", PRECIS_YSTR, 0, 0, 0},        /* never a locale's decimal comma */
  {"0.5.1", PRECIS_YSTR, 0, 0, 0},
  {"'0.5'", PRECIS_YSTR, 0, 0, 0},      /* quoted: always a string */
  {"\"true\"", PRECIS_YSTR, 0, 0, 0},
  {"!!str 3", PRECIS_YSTR, 0, 0, 0},
  {"! 3", PRECIS_YSTR, 0, 0, 0},
  {"!!int '12'", PRECIS_YINT, 12, 0, 0},
  {"!!float 2", PRECIS_YFLOAT, 0, 2.0, 0},
  {"|\n  text\n", PRECIS_YSTR, 0, 0, 0},
};

START_TEST(scalars) {
  const scalar_case *c = &scalar_cases[_i];
  char text[128];
  precisI_yaml *y;
  const precisI_ynode *n;
  snprintf(text, sizeof text, "v: %s\n", c->text);
  y = load_ok(text);
  n = get(precisI_yaml_root(y), "v");
  ck_assert_msg(n->kind == c->kind, "'%s': kind %d, want %d", c->text,
                (int)n->kind, (int)c->kind);
  if (c->kind == PRECIS_YINT) ck_assert_int_eq(n->integer, c->integer);
  if (c->kind == PRECIS_YBOOL) ck_assert_int_eq(n->boolean, c->boolean);
  if (c->kind == PRECIS_YFLOAT) {
    if (isnan(c->number)) ck_assert(isnan(n->number));
    else ck_assert_msg(n->number == c->number, "'%s': %.17g, want %.17g",
                       c->text, n->number, c->number);
  }
  precisI_yaml_free(y);
}
END_TEST

/* ---------------------------------------------------------------------
** Rejected files: exact position and message
** --------------------------------------------------------------------- */

typedef struct bad_case {
  const char *title;
  const char *text;
  size_t line, col;
  const char *message;
} bad_case;

static const bad_case bad_cases[] = {
  {"syntax: a key under a scalar", "policy: x\n  length: 3\n", 2, 9,
   "mapping values are not allowed in this context"},
  {"syntax: an unclosed flow sequence", "a: 1\nb: [1, 2\nc: 3\n", 3, 2,
   "did not find expected ',' or ']' (while parsing a flow sequence that "
   "starts at line 2, column 4)"},
  {"syntax: an unterminated quote", "a: \"open\n", 2, 1,
   "found unexpected end of stream (while scanning a quoted scalar that "
   "starts at line 1, column 4)"},
  {"syntax: a tab for indentation", "a:\n\tb: 1\n", 2, 1,
   "found character that cannot start any token (while scanning for the "
   "next token that starts at line 2, column 1)"},
  {"duplicate key", "policy: x\nlength: {sentences: 3}\nlength: {words: 9}\n",
   3, 1, "duplicate key 'length' (first at line 2, column 1)"},
  {"duplicate key, nested and quoted", "a:\n  b: 1\n  'b': 2\n", 3, 3,
   "duplicate key 'b' (first at line 2, column 3)"},
  {"duplicate key in a flow mapping", "s: {x: 1, y: 2, x: 3}\n", 1, 17,
   "duplicate key 'x' (first at line 1, column 5)"},
  {"anchor", "base: &b {x: 1}\nother: 2\n", 1, 7,
   "anchors and aliases are not allowed in a policy ('&b')"},
  {"anchor on a scalar", "a: &n 3\n", 1, 4,
   "anchors and aliases are not allowed in a policy ('&n')"},
  {"alias", "a: 1\nb: *x\n", 2, 4,
   "anchors and aliases are not allowed in a policy ('*x')"},
  {"two documents", "a: 1\n---\nb: 2\n", 2, 1,
   "a second document: a policy file holds one"},
  {"empty file", "", 1, 1, "empty file: a policy is a mapping of keys"},
  {"only comments", "# nothing here\n\n", 1, 1,
   "empty file: a policy is a mapping of keys"},
  {"an empty document", "---\n", 2, 1,
   "empty document: a policy is a mapping of keys"},
  {"root is a sequence", "- a\n- b\n", 1, 1,
   "a policy is a mapping of keys, not a sequence"},
  {"root is a string", "news\n", 1, 1,
   "a policy is a mapping of keys, not a string"},
  {"root is a number", "\n  42\n", 2, 3,
   "a policy is a mapping of keys, not an integer"},
  {"a mapping as a key", "? {a: 1}\n: 2\n", 1, 3,
   "a key must be a scalar, not a mapping"},
  {"unknown tag", "a: !regexp x\n", 1, 4, "tag '!regexp' is not supported"},
  {"a bad !!int", "a: !!int x\n", 1, 4, "'x' is not a valid !!int"},
  {"integer out of range", "a: 9223372036854775808\n", 1, 4,
   "integer '9223372036854775808' is out of range"},
  {"float out of range", "a: 1e999\n", 1, 4, "number '1e999' is out of range"},
  {"invalid UTF-8", "a: 1\nb: \xc3(\n", 2, 4,
   "invalid UTF-8 (truncated sequence)"},
  {"a control character", "a: 1\nb: x\x01\n", 2, 5,
   "control characters are not allowed"},
};

START_TEST(rejected) {
  const bad_case *c = &bad_cases[_i];
  precisI_yaml *y = (precisI_yaml *)&y; /* must become NULL */
  precis_error err;
  precis_status st;
  memset(&err, 0x55, sizeof err);
  st = precisI_yaml_load(c->text, strlen(c->text), "p.yaml", &y, &err);
  ck_assert_msg(st == PRECIS_EPOLICY, "%s: status %s", c->title,
                precis_status_name(st));
  ck_assert_ptr_null(y);
  ck_assert_int_eq(err.code, PRECIS_EPOLICY);
  ck_assert_str_eq(err.source, "p.yaml");
  ck_assert_msg(err.line == c->line && err.column == c->col,
                "%s: at %zu:%zu, want %zu:%zu (%s)", c->title, err.line,
                err.column, c->line, c->col, err.message);
  ck_assert_str_eq(err.message, c->message);
}
END_TEST

/* "a: [[...[1]...]]" with `depth` collections in all */
static char *nested(int depth) {
  size_t n = 3, k, open = (size_t)depth - 1;
  char *s = malloc(2 * open + 6);
  if (s == NULL) ck_abort_msg("out of memory");
  memcpy(s, "a: ", 3);
  for (k = 0; k < open; k++) s[n++] = '[';
  s[n++] = '1';
  for (k = 0; k < open; k++) s[n++] = ']';
  s[n++] = '\n';
  s[n] = '\0';
  return s;
}

START_TEST(depth_limit) {
  char *ok = nested(PRECIS_YAML_MAX_DEPTH), *deep = nested(PRECIS_YAML_MAX_DEPTH + 1);
  precisI_yaml *y = NULL;
  precis_error err;
  ck_assert_int_eq(precisI_yaml_load(ok, strlen(ok), "d", &y, &err), PRECIS_OK);
  precisI_yaml_free(y);
  ck_assert_int_eq(precisI_yaml_load(deep, strlen(deep), "d", &y, &err),
                   PRECIS_EPOLICY);
  ck_assert_uint_eq(err.line, 1);
  ck_assert_uint_eq(err.column, 4 + PRECIS_YAML_MAX_DEPTH - 1);
  ck_assert_str_eq(err.message, "nesting deeper than 32 levels");
  free(ok);
  free(deep);
}
END_TEST

START_TEST(size_limit) {
  size_t n = PRECIS_YAML_MAX_BYTES + 1, i;
  char *text = malloc(n);
  precisI_yaml *y = NULL;
  precis_error err;
  ck_assert_ptr_nonnull(text);
  memcpy(text, "a: 1\n", 5);
  for (i = 5; i < n; i++) text[i] = (i % 64 == 63) ? '\n' : '#';
  ck_assert_int_eq(precisI_yaml_load(text, n, "big.yaml", &y, &err),
                   PRECIS_EPOLICY);
  ck_assert_ptr_null(y);
  ck_assert_str_eq(err.message, "file is over the limit of 1048576 bytes");
  ck_assert_uint_eq(err.line, 16386); /* where byte 1048576 lies */
  ck_assert_uint_eq(err.column, 1);
  ck_assert_int_eq(precisI_yaml_load(text, n - 1, "big.yaml", &y, &err),
                   PRECIS_OK);
  precisI_yaml_free(y);
  free(text);
}
END_TEST

/* many keys: the duplicate check stays linear and finds the last one */
START_TEST(many_keys) {
  size_t nkeys = 20000, k, n = 0;
  char *text = malloc(nkeys * 16 + 32);
  precisI_yaml *y = NULL;
  precis_error err;
  ck_assert_ptr_nonnull(text);
  for (k = 0; k < nkeys; k++) n += (size_t)sprintf(text + n, "k%zu: %zu\n", k, k);
  ck_assert_int_eq(precisI_yaml_load(text, n, "m", &y, &err), PRECIS_OK);
  ck_assert_uint_eq(precisI_yaml_root(y)->n, nkeys);
  precisI_yaml_free(y);
  n += (size_t)sprintf(text + n, "k7: again\n");
  ck_assert_int_eq(precisI_yaml_load(text, n, "m", &y, &err), PRECIS_EPOLICY);
  ck_assert_uint_eq(err.line, nkeys + 1);
  ck_assert_str_eq(err.message, "duplicate key 'k7' (first at line 8, column 1)");
  free(text);
}
END_TEST

/* the cap on nodes: a flow sequence of single digits reaches it in a
** few hundred kilobytes, and the error is where it is crossed */
START_TEST(node_limit) {
  size_t items = PRECIS_YAML_MAX_NODES - 3, k, n = 0; /* root, key, list */
  char *text = malloc(items * 2 + 32);
  precisI_yaml *y = NULL;
  precis_error err;
  ck_assert_ptr_nonnull(text);
  n += (size_t)sprintf(text, "k: [");
  for (k = 0; k < items; k++) { text[n++] = '1'; text[n++] = ','; }
  n--; /* the last comma */
  n += (size_t)sprintf(text + n, "]\n");
  ck_assert_int_eq(precisI_yaml_load(text, n, "n", &y, &err), PRECIS_OK);
  ck_assert_uint_eq(precisI_yaml_root(y)->child->n, items);
  precisI_yaml_free(y);
  n -= 2;
  n += (size_t)sprintf(text + n, ",2]\n"); /* one more */
  ck_assert_int_eq(precisI_yaml_load(text, n, "n", &y, &err), PRECIS_EPOLICY);
  ck_assert_ptr_null(y);
  ck_assert_str_eq(err.message,
                   "more than 100000 keys, values and items: a policy has far fewer");
  ck_assert_uint_eq(err.line, 1);
  ck_assert_uint_eq(err.column, 5 + 2 * items);
  free(text);
}
END_TEST

/* a 900 KB explicit key loads whole, and a message quotes 60 bytes of it,
** cut before a code point */
START_TEST(long_keys) {
  size_t klen = 900000, k, n = 0;
  char *text = malloc(2 * klen + 32);
  precisI_yaml *y = NULL;
  precis_error err;
  ck_assert_ptr_nonnull(text);
  text[n++] = '?';
  text[n++] = ' ';
  for (k = 0; k < klen; k++) text[n++] = 'a';
  n += (size_t)sprintf(text + n, "\n: 1\n");
  ck_assert_int_eq(precisI_yaml_load(text, n, "k", &y, &err), PRECIS_OK);
  ck_assert_uint_eq(precisI_yaml_root(y)->child->key->len, klen);
  precisI_yaml_free(y);
  n = (size_t)sprintf(text, "? ");
  for (k = 0; k < 100; k++) n += (size_t)sprintf(text + n, "\xC3\xA9"); /* é */
  n += (size_t)sprintf(text + n, "\n: 1\n");
  memcpy(text + n, text, n); /* the same key twice */
  ck_assert_int_eq(precisI_yaml_load(text, 2 * n, "k", &y, &err), PRECIS_EPOLICY);
  ck_assert_uint_eq(err.line, 3);
  ck_assert_str_eq(err.message,
                   "duplicate key '\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                   "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                   "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                   "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xE2\x80\xA6' "
                   "(first at line 1, column 3)");
  free(text);
}
END_TEST

START_TEST(null_arguments) {
  precisI_yaml *y = NULL;
  precis_error err;
  ck_assert_int_eq(precisI_yaml_load("a: 1", 4, "x", NULL, &err), PRECIS_EINVAL);
  ck_assert_int_eq(precisI_yaml_load(NULL, 4, "x", &y, &err), PRECIS_EINVAL);
  ck_assert_int_eq(precisI_yaml_load(NULL, 0, NULL, &y, NULL), PRECIS_EPOLICY);
  ck_assert_ptr_null(y);
}
END_TEST

Suite *yaml_suite(void) {
  Suite *s = suite_create("yaml");
  TCase *tree = tcase_create("tree");
  TCase *scal = tcase_create("scalars");
  TCase *bad = tcase_create("rejected");
  TCase *lim = tcase_create("limits");
  tcase_add_test(tree, tree_positions);
  tcase_add_test(tree, columns_count_code_points);
  tcase_add_test(tree, nul_in_quoted_string);
  tcase_add_test(tree, free_null);
  tcase_add_loop_test(scal, scalars, 0, (int)N_ELEMS(scalar_cases));
  tcase_add_loop_test(bad, rejected, 0, (int)N_ELEMS(bad_cases));
  tcase_add_test(lim, depth_limit);
  tcase_add_test(lim, size_limit);
  tcase_add_test(lim, many_keys);
  tcase_add_test(lim, node_limit);
  tcase_add_test(lim, long_keys);
  tcase_add_test(lim, null_arguments);
  suite_add_tcase(s, tree);
  suite_add_tcase(s, scal);
  suite_add_tcase(s, bad);
  suite_add_tcase(s, lim);
  return s;
}
