/*
** fuzz_yaml.c: the policy file reader (csrc/yaml.c) on any bytes. A tree
** it returns must have a mapping at its root, hold what its counts say,
** stay within the depth and node caps, and give every scalar its text
** with a NUL after it and every node a position; an error must be
** PRECIS_EPOLICY with its line and column.
*/
#include "fuzz.h"
#include "internal.h"

static size_t nodes;

static void walk(const precisI_ynode *n, size_t depth, int in_map) {
  const precisI_ynode *c;
  size_t k = 0;
  char msg[128];
  nodes++;
  if (depth > PRECIS_YAML_MAX_DEPTH + 1) fz_fail("yaml", "nested past the cap");
  if (n->line < 1 || n->col < 1) fz_fail("yaml", "a node without a position");
  if (in_map && (n->key == NULL || n->key->kind != PRECIS_YSTR || n->key->str == NULL))
    fz_fail("yaml", "a mapping's value without a string key");
  if (n->kind != PRECIS_YSEQ && n->kind != PRECIS_YMAP) {
    if (n->str == NULL || n->str[n->len] != '\0') fz_fail("yaml", "a scalar without its text");
    return;
  }
  for (c = n->child; c != NULL; c = c->next, k++)
    walk(c, depth + 1, n->kind == PRECIS_YMAP);
  if (k != n->n) {
    snprintf(msg, sizeof msg, "a collection of %zu children says %zu", k, n->n);
    fz_fail("yaml", msg);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = fz_copy(data, size);
  precisI_yaml *y = NULL;
  precis_error err;
  precis_status st;
  memset(&err, 0, sizeof err);
  st = precisI_yaml_load(text, size, "fuzz.yaml", &y, &err);
  if (st == PRECIS_OK) {
    const precisI_ynode *root = precisI_yaml_root(y);
    if (root == NULL || root->kind != PRECIS_YMAP) fz_fail("yaml", "a root that is no mapping");
    nodes = 0;
    walk(root, 1, 0);
    if (nodes > PRECIS_YAML_MAX_NODES + 1) fz_fail("yaml", "more nodes than the cap");
  } else if (st != PRECIS_EPOLICY) {
    fz_fail("precisI_yaml_load", precis_status_name(st));
  } else if (err.message[0] == '\0' || y != NULL) {
    fz_fail("precisI_yaml_load", "an error without its message, or with a tree");
  }
  precisI_yaml_free(y);
  free(text);
  return 0;
}
