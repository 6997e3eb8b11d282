/*
** lprecis.c: the Lua binding of precis, module "precis.core".
** Thin: it checks and converts arguments and turns results into tables;
** the only file of the core that includes lua.h. See LICENSE.
*/
#if !defined(_XOPEN_SOURCE)
#define _XOPEN_SOURCE 700 /* realpath is XSI */
#endif
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h> /* mallopt, for core.command_allocator */
#endif

#include <yaml.h> /* its version, for core.dependencies */

#include "lua.h"
#include "lauxlib.h"
#include "luacompat.h" /* one source for Lua 5.1, LuaJIT, 5.2, 5.3, 5.4 */

#include "precis.h"
#include "internal.h" /* the policy reader's tree (yaml.c) */
#include "lrouge.h"   /* ROUGE-1.5.5's counting, core.rouge */

#define SUMMARIZER_MT "precis.Summarizer"
/* internal boxes: they own C memory while Lua calls that may raise run */
#define OPTIONS_MT "precis.Options"
#define RESULT_MT "precis.Result"
#define YAML_MT "precis.YamlTree"

typedef struct { precis_summarizer *s; int busy; } SummarizerBox; /* busy: each() runs */
typedef struct { precis_options *opt; } OptionsBox;
typedef struct { precis_result *r; } ResultBox;
typedef struct { precisI_yaml *y; } YamlBox;

/* Defaults documented for precis_options_new ("sentences of 4 to 80
** words"): the setter takes both bounds and the API has no getter. */

/* the module's one export, whatever PRECIS_API means in this build */
#if defined(__GNUC__) || defined(__clang__)
#define LPRECIS_API __attribute__((visibility("default")))
#else
#define LPRECIS_API
#endif

LPRECIS_API int luaopen_precis_core(lua_State *L);

/* ======================================================================
** Helpers
** ====================================================================== */

static int l_gc_options(lua_State *L) {
  OptionsBox *b = (OptionsBox *)luaL_checkudata(L, 1, OPTIONS_MT);
  precis_options_free(b->opt);
  b->opt = NULL;
  return 0;
}

static int l_gc_yaml(lua_State *L) {
  YamlBox *b = (YamlBox *)luaL_checkudata(L, 1, YAML_MT);
  precisI_yaml_free(b->y);
  b->y = NULL;
  return 0;
}

static int l_gc_result(lua_State *L) {
  ResultBox *b = (ResultBox *)luaL_checkudata(L, 1, RESULT_MT);
  precis_result_free(b->r);
  b->r = NULL;
  return 0;
}

/* Raises for a failed setter: its message becomes the argument error. */
static void check_status(lua_State *L, int arg, precis_status st,
                         const precis_error *err) {
  if (st == PRECIS_OK) return;
  if (st == PRECIS_ENOMEM) luaL_error(L, "not enough memory");
  luaL_argerror(L, arg, err->message);
}

/* n in decimal, in buf: lua_pushfstring has no format for a size_t, and
** Lua 5.1 and 5.2 none for a lua_Integer */
static const char *size_str(char buf[32], size_t n) {
  snprintf(buf, 32, "%zu", n);
  return buf;
}

static void add_size(luaL_Buffer *b, size_t n) {
  char num[32];
  luaL_addstring(b, size_str(num, n));
}

/* Pushes fail, "source:line:col: message[ at byte offset N]", code. */
static int push_error(lua_State *L, const precis_error *err) {
  luaL_Buffer b;
  int prefixed = 0;
  luaL_pushfail(L);
  luaL_buffinit(L, &b);
  if (err->source[0] != '\0') {
    luaL_addstring(&b, err->source);
    luaL_addchar(&b, ':');
    prefixed = 1;
  }
  if (err->line > 0) {
    add_size(&b, err->line);
    luaL_addchar(&b, ':');
    if (err->column > 0) {
      add_size(&b, err->column);
      luaL_addchar(&b, ':');
    }
    prefixed = 1;
  }
  if (prefixed) luaL_addchar(&b, ' ');
  luaL_addstring(&b, err->message);
  if (err->has_offset) {
    luaL_addstring(&b, " at byte offset ");
    add_size(&b, err->offset);
  }
  luaL_pushresult(&b);
  lua_pushstring(L, precis_status_name(err->code));
  return 3;
}

/* ======================================================================
** core.new(options)
** ====================================================================== */

/* every key new() knows; anything else is an error */
static const char *const option_keys[] = {
  "chars", "drop_lines", "encoding", "input", "invalid_utf8", "language", "max_words",
  "min_words", "order", "params", "query", "ratio", "selector", "sentences",
  "unwrap", "weights", "words",
  NULL
};

static void check_keys(lua_State *L, int t) {
  lua_pushnil(L);
  while (lua_next(L, t) != 0) {
    int k;
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING)
      luaL_argerror(L, 1, "option names must be strings");
    for (k = 0; option_keys[k] != NULL; k++)
      if (strcmp(lua_tostring(L, -1), option_keys[k]) == 0) break;
    if (option_keys[k] == NULL)
      luaL_argerror(L, 1, lua_pushfstring(L, "unknown option '%s'",
                                          lua_tostring(L, -1)));
  }
}

/* Pushes t[key] (raw) and returns its type. */
static int get_opt(lua_State *L, int t, const char *key) {
  lua_pushstring(L, key);
  return lua_rawget(L, t);
}

static const char *opt_string(lua_State *L, const char *key) {
  size_t len;
  const char *s;
  if (lua_type(L, -1) != LUA_TSTRING)
    luaL_argerror(L, 1, lua_pushfstring(L, "option '%s' must be a string",
                                        key));
  s = lua_tolstring(L, -1, &len);
  if (strlen(s) != len)
    luaL_argerror(L, 1, lua_pushfstring(L, "option '%s' contains a NUL byte",
                                        key));
  return s;
}

static size_t opt_count(lua_State *L, const char *key) {
  int isint;
  lua_Integer n = lua_tointegerx(L, -1, &isint);
  if (lua_type(L, -1) != LUA_TNUMBER || !isint || n < 0)
    luaL_argerror(L, 1, lua_pushfstring(L,
                  "option '%s' must be a non-negative integer", key));
  return (size_t)n;
}

static void set_budget(lua_State *L, precis_options *opt) {
  static const char *const keys[] = { "sentences", "words", "chars", "ratio" };
  static const precis_unit units[] = { PRECIS_UNIT_SENTENCES, PRECIS_UNIT_WORDS,
                                       PRECIS_UNIT_CHARS, PRECIS_UNIT_RATIO };
  int k, found = -1;
  precis_error err;
  for (k = 0; k < 4; k++) {
    if (get_opt(L, 1, keys[k]) != LUA_TNIL) {
      if (found >= 0)
        luaL_argerror(L, 1, lua_pushfstring(L,
                      "options '%s' and '%s' cannot be combined",
                      keys[found], keys[k]));
      found = k;
      if (lua_type(L, -1) != LUA_TNUMBER)
        luaL_argerror(L, 1, lua_pushfstring(L, "option '%s' must be a number",
                                            keys[k]));
      check_status(L, 1, precis_options_set_budget(opt, units[k],
                   lua_tonumber(L, -1), &err), &err);
    }
    lua_pop(L, 1);
  }
}

/* weights = { name = number }: clears the default mix first */
static void set_weights(lua_State *L, precis_options *opt) {
  precis_error err;
  if (get_opt(L, 1, "weights") != LUA_TNIL) {
    int t = lua_gettop(L);
    if (!lua_istable(L, t))
      luaL_argerror(L, 1, "option 'weights' must be a table");
    precis_options_clear_weights(opt);
    lua_pushnil(L);
    while (lua_next(L, t) != 0) {
      if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TNUMBER)
        luaL_argerror(L, 1, "option 'weights' must map scorer names to numbers");
      check_status(L, 1, precis_options_set_weight(opt, lua_tostring(L, -2),
                   lua_tonumber(L, -1), &err), &err);
      lua_pop(L, 1);
    }
  }
  lua_pop(L, 1);
}

static void set_params(lua_State *L, precis_options *opt) {
  precis_error err;
  if (get_opt(L, 1, "params") != LUA_TNIL) {
    int t = lua_gettop(L);
    if (!lua_istable(L, t))
      luaL_argerror(L, 1, "option 'params' must be a table");
    lua_pushnil(L);
    while (lua_next(L, t) != 0) {
      if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TNUMBER)
        luaL_argerror(L, 1, "option 'params' must map names to numbers");
      check_status(L, 1, precis_options_set_param(opt, lua_tostring(L, -2),
                   lua_tonumber(L, -1), &err), &err);
      lua_pop(L, 1);
    }
  }
  lua_pop(L, 1);
}

static void set_drop_lines(lua_State *L, precis_options *opt) {
  precis_error err;
  if (get_opt(L, 1, "drop_lines") != LUA_TNIL) {
    int t = lua_gettop(L);
    size_t i, n;
    if (!lua_istable(L, t))
      luaL_argerror(L, 1, "option 'drop_lines' must be a list of strings");
    n = (size_t)lua_rawlen(L, t);
    for (i = 1; i <= n; i++) {
      lua_rawgeti(L, t, (lua_Integer)i);
      if (lua_type(L, -1) != LUA_TSTRING)
        luaL_argerror(L, 1, "option 'drop_lines' must be a list of strings");
      check_status(L, 1, precis_options_add_drop_pattern(opt,
                   opt_string(L, "drop_lines"), &err), &err);
      lua_pop(L, 1);
    }
  }
  lua_pop(L, 1);
}

/* Each bound on its own; precis_summarizer_new checks that they agree. */
static void set_sentence_words(lua_State *L, precis_options *opt) {
  static const char *const keys[] = {"min_words", "max_words"};
  static const char *const params[] = {"sentence.min_words",
                                       "sentence.max_words"};
  precis_error err;
  int k;
  for (k = 0; k < 2; k++) {
    if (get_opt(L, 1, keys[k]) != LUA_TNIL)
      check_status(L, 1, precis_options_set_param(opt, params[k],
                   (double)opt_count(L, keys[k]), &err), &err);
    lua_pop(L, 1);
  }
}

/* The string at the top, `a` (returns 0) or `b` (returns 1). */
static int opt_choice(lua_State *L, const char *key, const char *a,
                      const char *b) {
  const char *s = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
  if (strcmp(s, a) == 0) return 0;
  if (strcmp(s, b) == 0) return 1;
  return luaL_argerror(L, 1, lua_pushfstring(L,
                       "option '%s' must be '%s' or '%s'", key, a, b));
}

/* Fills `opt` from the table at index 1; every failure raises. */
static void read_options(lua_State *L, precis_options *opt) {
  precis_error err;
  check_keys(L, 1);
  if (get_opt(L, 1, "language") != LUA_TNIL)
    check_status(L, 1, precis_options_set_language(opt,
                 opt_string(L, "language"), &err), &err);
  lua_pop(L, 1);
  set_budget(L, opt);
  set_weights(L, opt);
  set_params(L, opt);
  if (get_opt(L, 1, "order") != LUA_TNIL) {
    static const char *const orders[] = {"document", "score", "date", NULL};
    static const precis_order values[] = {PRECIS_ORDER_DOCUMENT,
                                          PRECIS_ORDER_SCORE, PRECIS_ORDER_DATE};
    const char *v = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
    int k;
    for (k = 0; orders[k] != NULL && strcmp(orders[k], v) != 0; k++) {}
    if (orders[k] == NULL)
      luaL_argerror(L, 1, "option 'order' must be 'document', 'score' or 'date'");
    precis_options_set_order(opt, values[k]);
  }
  lua_pop(L, 1);
  set_sentence_words(L, opt);
  set_drop_lines(L, opt);
  if (get_opt(L, 1, "invalid_utf8") != LUA_TNIL)
    precis_options_set_utf8_mode(opt,
        opt_choice(L, "invalid_utf8", "error", "replace")
        ? PRECIS_UTF8_REPLACE : PRECIS_UTF8_STRICT);
  lua_pop(L, 1);
  if (get_opt(L, 1, "encoding") != LUA_TNIL) { /* of input that declares none */
    if (lua_type(L, -1) != LUA_TSTRING)
      luaL_argerror(L, 1, "option 'encoding' must be a string");
    check_status(L, 1, precis_options_set_encoding(opt, lua_tostring(L, -1), &err), &err);
  }
  lua_pop(L, 1);
  if (get_opt(L, 1, "input") != LUA_TNIL) { /* text, markdown or html */
    const char *f = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
    if (strcmp(f, "text") == 0) precis_options_set_format(opt, PRECIS_FORMAT_TEXT);
    else if (strcmp(f, "markdown") == 0) precis_options_set_format(opt, PRECIS_FORMAT_MARKDOWN);
    else if (strcmp(f, "html") == 0) precis_options_set_format(opt, PRECIS_FORMAT_HTML);
    else luaL_argerror(L, 1, "option 'input' must be 'text', 'markdown' or 'html'");
  }
  lua_pop(L, 1);
  if (get_opt(L, 1, "unwrap") != LUA_TNIL) { /* true, false; nil = auto */
    if (!lua_isboolean(L, -1))
      luaL_argerror(L, 1, "option 'unwrap' must be a boolean");
    check_status(L, 1, precis_options_set_param(opt, "input.unwrap",
                 lua_toboolean(L, -1) ? 1 : 0, &err), &err);
  }
  lua_pop(L, 1);
  if (get_opt(L, 1, "selector") != LUA_TNIL)
    check_status(L, 1, precis_options_set_selector(opt,
                 opt_string(L, "selector"), &err), &err);
  lua_pop(L, 1);
  if (get_opt(L, 1, "query") != LUA_TNIL) {
    size_t len;
    const char *q;
    opt_string(L, "query");
    q = lua_tolstring(L, -1, &len);
    check_status(L, 1, precis_options_set_query(opt, q, len, &err), &err);
  }
  lua_pop(L, 1);
}

/* core.new([options]) -> Summarizer */
static int l_new(lua_State *L) {
  SummarizerBox *sb;
  OptionsBox *ob;
  precis_error err;
  if (lua_isnoneornil(L, 1)) {
    lua_settop(L, 0);
    lua_newtable(L);
  }
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);
  sb = (SummarizerBox *)lua_newuserdatauv(L, sizeof *sb, 0); /* index 2 */
  sb->s = NULL;
  sb->busy = 0;
  luaL_setmetatable(L, SUMMARIZER_MT);
  ob = (OptionsBox *)lua_newuserdatauv(L, sizeof *ob, 0);    /* index 3 */
  ob->opt = NULL;
  luaL_setmetatable(L, OPTIONS_MT);
  if (precis_options_new(&ob->opt, &err) != PRECIS_OK)
    return luaL_error(L, "not enough memory");
  read_options(L, ob->opt);
  if (precis_summarizer_new(ob->opt, &sb->s, &err) != PRECIS_OK) {
    if (err.code == PRECIS_ENOMEM) return luaL_error(L, "not enough memory");
    return luaL_argerror(L, 1, err.message);
  }
  precis_options_free(ob->opt);
  ob->opt = NULL;
  lua_settop(L, 2);
  return 1;
}

/* ======================================================================
** Summarizer methods
** ====================================================================== */

static SummarizerBox *checkbox(lua_State *L) {
  return (SummarizerBox *)luaL_checkudata(L, 1, SUMMARIZER_MT);
}

static const precis_summarizer *checksummarizer(lua_State *L) {
  SummarizerBox *b = checkbox(L);
  if (b->s == NULL) luaL_error(L, "attempt to use a closed " SUMMARIZER_MT);
  return b->s;
}

/* summarizer:close(); also __gc and __close */
static int l_close(lua_State *L) {
  SummarizerBox *b = checkbox(L);
  if (b->busy > 0) /* threads of each() use it: its __gc frees them first */
    return luaL_error(L, "attempt to close a " SUMMARIZER_MT " that each() is using");
  precis_summarizer_free(b->s);
  b->s = NULL; /* idempotent */
  return 0;
}

static int l_tostring(lua_State *L) {
  SummarizerBox *b = checkbox(L);
  if (b->s == NULL)
    lua_pushliteral(L, SUMMARIZER_MT " (closed)");
  else
    lua_pushfstring(L, SUMMARIZER_MT " (%p)", (void *)b->s);
  return 1;
}

/* The string at the top, checked and pinned in the table at index 3 under
** `slot`, so that it outlives any metamethod run by later lookups. */
static const char *pin_string(lua_State *L, lua_Integer slot, size_t *len) {
  const char *s = lua_tolstring(L, -1, len);
  lua_pushvalue(L, -1);
  lua_rawseti(L, 3, slot);
  return s;
}

/*
** Reads the documents at index 2 (a string, or a list of strings and of
** tables {text=, name=}) into a precis_text array owned by a userdata.
** Leaves the stack as: 1 self, 2 docs, 3 pins, 4 the array; what was at
** index 3 (the run's options) is kept alive in pins[0].
*/
static precis_text *read_docs(lua_State *L, size_t *ndocs) {
  precis_text *docs;
  size_t i, n;
  lua_settop(L, 3);
  lua_newtable(L);
  lua_insert(L, 3);
  lua_rawseti(L, 3, 0);
  if (lua_type(L, 2) == LUA_TSTRING) {
    docs = (precis_text *)lua_newuserdatauv(L, sizeof *docs, 0);
    lua_pushvalue(L, 2);
    docs[0].data = pin_string(L, 1, &docs[0].len);
    docs[0].name = NULL;
    lua_pop(L, 1);
    *ndocs = 1;
    return docs;
  }
  if (!lua_istable(L, 2)) luaL_typeerror(L, 2, "string or table");
  n = (size_t)lua_rawlen(L, 2);
  if (n == 0) luaL_argerror(L, 2, "no documents");
  /* pins go to slots up to 2n, which Lua 5.1 and 5.2 index with an int */
  if (n > SIZE_MAX / sizeof *docs / 2 || n > INT_MAX / 2 - 1)
    luaL_argerror(L, 2, "too many documents");
  docs = (precis_text *)lua_newuserdatauv(L, n * sizeof *docs, 0);
  for (i = 0; i < n; i++) {
    lua_Integer slot = (lua_Integer)(2 * i);
    size_t len;
    char nth[32];
    int t = lua_rawgeti(L, 2, (lua_Integer)i + 1);
    docs[i].name = NULL;
    if (t == LUA_TSTRING) {
      docs[i].data = pin_string(L, slot + 1, &docs[i].len);
    } else if (t == LUA_TTABLE) {
      if (lua_getfield(L, -1, "text") != LUA_TSTRING)
        luaL_argerror(L, 2, lua_pushfstring(L,
                      "document %s has no string field 'text'",
                      size_str(nth, i + 1)));
      docs[i].data = pin_string(L, slot + 1, &docs[i].len);
      lua_pop(L, 1);
      t = lua_getfield(L, -1, "name");
      if (t == LUA_TSTRING) {
        docs[i].name = pin_string(L, slot + 2, &len);
        if (strlen(docs[i].name) != len)
          luaL_argerror(L, 2, lua_pushfstring(L,
                        "name of document %s contains a NUL byte",
                        size_str(nth, i + 1)));
      } else if (t != LUA_TNIL) {
        luaL_argerror(L, 2, lua_pushfstring(L,
                      "field 'name' of document %s must be a string",
                      size_str(nth, i + 1)));
      }
      lua_pop(L, 1);
    } else {
      luaL_argerror(L, 2, lua_pushfstring(L,
                    "document %s must be a string or a table",
                    size_str(nth, i + 1)));
    }
    lua_pop(L, 1);
  }
  *ndocs = n;
  return docs;
}

static const char *kind_name(precis_kind k) {
  switch (k) {
    case PRECIS_KIND_SENTENCE: return "sentence";
    case PRECIS_KIND_TITLE: return "title";
    case PRECIS_KIND_HEADING: return "heading";
    case PRECIS_KIND_DROPPED: return "dropped";
    case PRECIS_KIND_FRAGMENT: return "fragment";
  }
  return "unknown";
}

static void set_int(lua_State *L, const char *key, size_t v) {
  lua_pushinteger(L, (lua_Integer)v);
  lua_setfield(L, -2, key);
}

/* Unit `i` as a table, 1-based; `names` (index) lists the scorer names. */
static void push_unit(lua_State *L, const precis_result *r, size_t i,
                      const precis_text *docs, size_t ndocs,
                      size_t nscorers, int names) {
  precis_sentence unit;
  const precis_sentence *u = &unit;
  size_t k;
  char nth[32];
  if (!precis_result_get(r, i, &unit) || u->doc >= ndocs
      || u->start > u->end || u->end > docs[u->doc].len)
    luaL_error(L, "precis: unit %s lies outside its document",
               size_str(nth, i + 1)); /* a core bug, not bad input */
  lua_createtable(L, 0, 13);
  set_int(L, "doc", u->doc + 1);
  set_int(L, "index", u->index + 1);
  set_int(L, "i", u->start + 1);
  set_int(L, "j", u->end);
  lua_pushstring(L, kind_name(u->kind));
  lua_setfield(L, -2, "kind");
  if (u->rule != NULL) {
    lua_pushstring(L, u->rule);
    lua_setfield(L, -2, "rule");
  }
  set_int(L, "words", u->words);
  set_int(L, "chars", u->chars);
  lua_pushnumber(L, (lua_Number)u->score);
  lua_setfield(L, -2, "score");
  set_int(L, "rank", u->rank);
  lua_pushboolean(L, u->selected);
  lua_setfield(L, -2, "selected");
  if (u->item) {
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, "item");
  }
  lua_createtable(L, 0, (int)nscorers);
  for (k = 0; k < nscorers; k++) {
    lua_rawgeti(L, names, (lua_Integer)k + 1);
    lua_pushnumber(L, (lua_Number)precis_result_scorer_value(r, i, k));
    lua_rawset(L, -3);
  }
  lua_setfield(L, -2, "scores");
  lua_pushlstring(L, docs[u->doc].data + u->start, u->end - u->start);
  lua_setfield(L, -2, "text");
  { /* the text as read: markup removed (Markdown, HTML) */
    size_t plen;
    const char *plain = precis_result_text(r, i, &plen);
    if (plain) lua_pushlstring(L, plain, plen);
    else lua_getfield(L, -1, "text");
    lua_setfield(L, -2, "plain");
  }
  { /* a document in another encoding: its bytes as UTF-8 */
    size_t dlen;
    const char *dec = precis_result_decoded(r, i, &dlen);
    if (dec) {
      lua_pushlstring(L, dec, dlen);
      lua_setfield(L, -2, "decoded");
    }
  }
}

/* The whole result as a table (see the module's documentation). */
static void push_result(lua_State *L, const precis_result *r,
                        const precis_text *docs, size_t ndocs,
                        int want_units) {
  size_t n = precis_result_count(r);
  size_t nsel = precis_result_selected_count(r);
  size_t nsc = precis_result_scorer_count(r);
  size_t i;
  int res, names, units;
  luaL_checkstack(L, 8, NULL);
  lua_createtable(L, 0, 5);
  res = lua_gettop(L);
  lua_pushstring(L, precis_result_language(r));
  lua_setfield(L, res, "language");
  lua_createtable(L, (int)ndocs, 0);
  for (i = 0; i < ndocs; i++) {
    int date = precis_result_document_date(r, i);
    lua_createtable(L, 0, 2);
    if (docs[i].name != NULL) {
      lua_pushstring(L, docs[i].name);
      lua_setfield(L, -2, "name");
    }
    if (date > 0) { /* "2023-11-14" */
      lua_pushfstring(L, "%d-%s%d-%s%d", date / 10000, (date / 100) % 100 < 10 ? "0" : "",
                      (date / 100) % 100, date % 100 < 10 ? "0" : "", date % 100);
      lua_setfield(L, -2, "date");
    }
    if (precis_result_encoding(r, i) != NULL) {
      lua_pushstring(L, precis_result_encoding(r, i));
      lua_setfield(L, -2, "encoding");
    }
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_setfield(L, res, "documents");
  lua_createtable(L, (int)nsc, 0); /* plain list of names, for push_unit */
  names = lua_gettop(L);
  lua_createtable(L, (int)nsc, 0);
  for (i = 0; i < nsc; i++) {
    lua_createtable(L, 0, 2);
    lua_pushstring(L, precis_result_scorer_name(r, i));
    lua_pushvalue(L, -1);
    lua_rawseti(L, names, (lua_Integer)i + 1);
    lua_setfield(L, -2, "name");
    lua_pushnumber(L, (lua_Number)precis_result_scorer_weight(r, i));
    lua_setfield(L, -2, "weight");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_setfield(L, res, "scorers");
  units = 0;
  if (want_units) {
    lua_createtable(L, n > INT32_MAX ? 0 : (int)n, 0);
    units = lua_gettop(L);
    for (i = 0; i < n; i++) {
      push_unit(L, r, i, docs, ndocs, nsc, names);
      lua_rawseti(L, units, (lua_Integer)i + 1);
    }
    lua_pushvalue(L, units);
    lua_setfield(L, res, "units");
  }
  lua_createtable(L, nsel > INT32_MAX ? 0 : (int)nsel, 0);
  for (i = 0; i < nsel; i++) {
    size_t k = precis_result_selected(r, i);
    if (k >= n) luaL_error(L, "precis: selected unit out of range");
    if (want_units)
      lua_rawgeti(L, units, (lua_Integer)k + 1); /* the same table */
    else
      push_unit(L, r, k, docs, ndocs, nsc, names);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_setfield(L, res, "sentences");
  lua_settop(L, res);
}

/* The `units` flag of the optional table at index 3 (default true);
** *extra says whether it has an `extra` table. */
static int run_options(lua_State *L, int *extra) {
  int want = 1;
  *extra = 0;
  lua_settop(L, 3);
  if (lua_isnil(L, 3)) return 1;
  luaL_checktype(L, 3, LUA_TTABLE);
  lua_pushnil(L);
  while (lua_next(L, 3) != 0) {
    const char *k;
    lua_pop(L, 1);
    k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
    if (strcmp(k, "units") != 0 && strcmp(k, "extra") != 0)
      luaL_argerror(L, 3, lua_pushfstring(L, "unknown option '%s'",
                                          luaL_tolstring(L, -1, NULL)));
  }
  lua_getfield(L, 3, "units");
  if (!lua_isnil(L, -1)) {
    luaL_argexpected(L, lua_isboolean(L, -1), 3, "field 'units' boolean");
    want = lua_toboolean(L, -1);
  }
  lua_pop(L, 1);
  if (lua_getfield(L, 3, "extra") != LUA_TNIL) {
    luaL_argexpected(L, lua_istable(L, 4), 3, "field 'extra' table");
    *extra = 1;
  }
  lua_pop(L, 1);
  return want;
}

/* Raises "bad argument #3 to '...' (extra: why)"; `fmt` may use the
** scorer's name once as %s. */
static int extra_error(lua_State *L, const char *fmt, const char *name) {
  lua_pushstring(L, "extra: ");
  lua_pushfstring(L, fmt, name ? name : "?");
  lua_concat(L, 2);
  return luaL_argerror(L, 3, lua_tostring(L, -1));
}

/* t[key] of the table at `t` as a string, pinned by `t` itself */
static const char *field_string(lua_State *L, int t, const char *key) {
  const char *s;
  if (lua_getfield(L, t, key) != LUA_TSTRING) return NULL;
  s = lua_tostring(L, -1);
  lua_pop(L, 1); /* still referenced from t, which no one changes meanwhile */
  return s;
}

/*
** Reads `extra` (the table at the top: { count = n, scorers = { {name =, weight =,
** values = {...}} ... }, drop = { [unit] = "rule" }, only = bool }) into
** arrays owned by one userdata pushed on the stack. Strings stay owned by
** the table, which the caller holds during the call.
*/
static void read_extras(lua_State *L, precis_extras *ex) {
  lua_Integer count;
  size_t n, ns = 0, k, i, bytes;
  int isnum, t = lua_gettop(L), sc;
  char *mem;
  precis_extra_scorer *xs;
  double *values;
  const char **drop;
  memset(ex, 0, sizeof *ex);
  lua_getfield(L, t, "count");
  count = lua_tointegerx(L, -1, &isnum);
  if (!isnum || count < 0) extra_error(L, "field 'count' must be a non-negative integer", NULL);
  n = (size_t)count;
  lua_pop(L, 1);
  if (lua_getfield(L, t, "scorers") != LUA_TNIL) {
    if (!lua_istable(L, -1)) extra_error(L, "field 'scorers' must be a list", NULL);
    ns = (size_t)lua_rawlen(L, -1);
    if (ns > 10000) extra_error(L, "too many scorers", NULL);
  }
  sc = lua_gettop(L);
  if (n > (SIZE_MAX / sizeof(double) - 1) / (ns + 1) / 2)
    extra_error(L, "too many units", NULL);
  bytes = ns * sizeof *xs + ns * n * sizeof *values + n * sizeof *drop;
  mem = (char *)lua_newuserdatauv(L, bytes ? bytes : 1, 0);
  xs = (precis_extra_scorer *)(void *)mem;
  values = (double *)(void *)(mem + ns * sizeof *xs);
  drop = (const char **)(void *)(mem + ns * sizeof *xs + ns * n * sizeof *values);
  for (k = 0; k < ns; k++) {
    lua_rawgeti(L, sc, (lua_Integer)k + 1);
    if (!lua_istable(L, -1)) extra_error(L, "each scorer must be a table", NULL);
    xs[k].name = field_string(L, -1, "name");
    if (xs[k].name == NULL) extra_error(L, "a scorer has no string 'name'", NULL);
    lua_getfield(L, -1, "weight");
    if (lua_type(L, -1) != LUA_TNUMBER)
      extra_error(L, "scorer '%s' needs a numeric 'weight'", xs[k].name);
    xs[k].weight = (double)lua_tonumber(L, -1);
    lua_pop(L, 1);
    if (lua_getfield(L, -1, "values") != LUA_TTABLE)
      extra_error(L, "scorer '%s' needs a 'values' list", xs[k].name);
    xs[k].values = values + k * n;
    for (i = 0; i < n; i++) {
      int ty = lua_rawgeti(L, -1, (lua_Integer)i + 1);
      if (ty == LUA_TNUMBER) values[k * n + i] = (double)lua_tonumber(L, -1);
      else if (ty == LUA_TNIL || (ty == LUA_TBOOLEAN && !lua_toboolean(L, -1)))
        values[k * n + i] = NAN; /* nothing to say */
      else extra_error(L, "scorer '%s' has a value that is not a number", xs[k].name);
      lua_pop(L, 1);
    }
    lua_pop(L, 2);
  }
  for (i = 0; i < n; i++) drop[i] = NULL;
  if (lua_getfield(L, t, "drop") != LUA_TNIL) {
    if (!lua_istable(L, -1)) extra_error(L, "field 'drop' must be a table", NULL);
    for (i = 0; i < n; i++) {
      int ty = lua_rawgeti(L, -1, (lua_Integer)i + 1);
      if (ty == LUA_TSTRING) drop[i] = lua_tostring(L, -1); /* held by the table */
      else if (ty != LUA_TNIL) extra_error(L, "drop reasons must be strings", NULL);
      lua_pop(L, 1);
    }
    ex->drop = drop;
  }
  lua_pop(L, 1);
  lua_getfield(L, t, "only");
  ex->only = lua_toboolean(L, -1);
  lua_pop(L, 1);
  ex->nunits = n;
  ex->scorers = ns ? xs : NULL;
  ex->nscorers = ns;
}

/* Runs the summarizer or the segmenter over the documents at index 2. */
static int run(lua_State *L, int segment_only) {
  const precis_summarizer *s = checksummarizer(L);
  int has_extra = 0;
  int units = segment_only ? (lua_settop(L, 2), 1) : run_options(L, &has_extra);
  precis_extras ex;
  precis_text *docs;
  size_t ndocs;
  ResultBox *rb;
  precis_error err;
  precis_status st;
  docs = read_docs(L, &ndocs); /* the options stay alive in its pins */
  if (has_extra) {
    lua_rawgeti(L, 3, 0);
    lua_getfield(L, -1, "extra");
    read_extras(L, &ex); /* its arrays: a userdata on the stack */
  }
  rb = (ResultBox *)lua_newuserdatauv(L, sizeof *rb, 0);
  rb->r = NULL;
  luaL_setmetatable(L, RESULT_MT);
  st = segment_only ? precis_segment(s, docs, ndocs, &rb->r, &err)
     : has_extra ? precis_summarize_with(s, docs, ndocs, &ex, &rb->r, &err)
                 : precis_summarize(s, docs, ndocs, &rb->r, &err);
  /* the core's failures, out of memory among them, are results: fail,
  ** message, code; only misuse (EINVAL: the arguments) raises */
  if (st == PRECIS_EINVAL) return luaL_error(L, "%s", err.message);
  if (st != PRECIS_OK) return push_error(L, &err);
  push_result(L, rb->r, docs, ndocs, units);
  precis_result_free(rb->r);
  rb->r = NULL;
  return 1;
}

/* The length of the well-formed UTF-8 sequence at s[0, n) (Unicode's
** table 3-7: no overlong form, no surrogate, nothing past U+10FFFF), 0
** when there is none: the rule of Lua 5.4's utf8.len. */
static size_t utf8_seq(const unsigned char *s, size_t n) {
  unsigned c = s[0], lo = 0x80, hi = 0xBF;
  size_t len, k;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) len = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0; else if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90; else if (c == 0xF4) hi = 0x8F;
  } else return 0;
  if (n < len || s[1] < lo || s[1] > hi) return 0;
  for (k = 2; k < len; k++) if (s[k] < 0x80 || s[k] > 0xBF) return 0;
  return len;
}

/* Adds t[0, n) to b as one line of split's text output: a byte that is
** not UTF-8 as U+FFFD, every run of white space (space, tab, line feed,
** vertical tab, form feed, carriage return) as one space, none at either
** end. Staged on the C stack, so that nothing leaks if Lua raises. */
static void add_oneline(luaL_Buffer *b, const char *t, size_t n) {
  char stage[1024];
  size_t i = 0, o = 0;
  int space = 0, any = 0;
  while (i < n) {
    unsigned char c = (unsigned char)t[i];
    size_t len;
    if (c == ' ' || (c >= '\t' && c <= '\r')) { space = 1; i++; continue; }
    if (o + 8 > sizeof stage) { luaL_addlstring(b, stage, o); o = 0; }
    if (space && any) stage[o++] = ' ';
    space = 0;
    any = 1;
    if ((len = utf8_seq((const unsigned char *)t + i, n - i)) == 0) {
      memcpy(stage + o, "\xEF\xBF\xBD", 3); /* U+FFFD */
      o += 3;
      i++;
      continue;
    }
    memcpy(stage + o, t + i, len);
    o += len;
    i += len;
  }
  luaL_addlstring(b, stage, o);
}

/* Adds t[0, n) to b as a JSON string, as precis.json writes one: a byte
** that is not UTF-8 as U+FFFD, the quote, the backslash, control bytes
** (NUL among them) and DEL escaped, and U+2028 and U+2029 as \u escapes
** (valid JSON, but not valid JavaScript). Staged like add_oneline. */
static void add_json_string(luaL_Buffer *b, const char *t, size_t n) {
  static const char hex[] = "0123456789abcdef";
  char stage[1024];
  size_t i = 0, o = 0;
  stage[o++] = '"';
  while (i < n) {
    unsigned char c = (unsigned char)t[i];
    size_t len;
    if (o + 8 > sizeof stage) { luaL_addlstring(b, stage, o); o = 0; }
    if ((len = utf8_seq((const unsigned char *)t + i, n - i)) == 0) {
      memcpy(stage + o, "\xEF\xBF\xBD", 3); /* U+FFFD */
      o += 3;
      i++;
      continue;
    }
    if (len == 1 && (c < 0x20 || c == '"' || c == '\\' || c == 0x7F)) {
      char e = c == '"' ? '"' : c == '\\' ? '\\' : c == '\b' ? 'b' : c == '\f' ? 'f'
             : c == '\n' ? 'n' : c == '\r' ? 'r' : c == '\t' ? 't' : 0;
      stage[o++] = '\\';
      if (e) stage[o++] = e;
      else {
        memcpy(stage + o, "u00", 3);
        stage[o + 3] = hex[c >> 4];
        stage[o + 4] = hex[c & 15];
        o += 5;
      }
    } else if (len == 3 && c == 0xE2 && (unsigned char)t[i + 1] == 0x80 &&
               ((unsigned char)t[i + 2] == 0xA8 || (unsigned char)t[i + 2] == 0xA9)) {
      memcpy(stage + o, (unsigned char)t[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
      o += 6;
    } else {
      memcpy(stage + o, t + i, len);
      o += len;
    }
    i += len;
  }
  stage[o++] = '"';
  luaL_addlstring(b, stage, o);
}

/* Adds `"key":` to b. */
static void add_key(luaL_Buffer *b, const char *key) {
  luaL_addchar(b, '"');
  luaL_addstring(b, key);
  luaL_addstring(b, "\":");
}

/* Adds `,"key":v` (or without the comma) to b: v an offset or a count. */
static void add_json_size(luaL_Buffer *b, const char *key, size_t v, int comma) {
  char num[32];
  if (comma) luaL_addchar(b, ',');
  add_key(b, key);
  snprintf(num, sizeof num, "%zu", v);
  luaL_addstring(b, num);
}

/* The JSON `summarize split --format json` writes, as the command's JSON
** encoder would write it from the result's tables: the documents (name,
** date, encoding), the language, and every unit but the dropped ones with
** doc, index, start, end, kind, rule, text (as UTF-8) and plain (when the
** markup makes it differ). */
static void add_split_json(luaL_Buffer *b, const precis_result *r,
                           const precis_text *docs, size_t ndocs) {
  size_t i, n = precis_result_count(r);
  const char *lang = precis_result_language(r);
  int first = 1;
  luaL_addstring(b, "{\"documents\":[");
  for (i = 0; i < ndocs; i++) {
    int date = precis_result_document_date(r, i), comma = 0;
    const char *enc = precis_result_encoding(r, i);
    if (i > 0) luaL_addchar(b, ',');
    luaL_addchar(b, '{');
    if (docs[i].name != NULL) {
      add_key(b, "name");
      add_json_string(b, docs[i].name, strlen(docs[i].name));
      comma = 1;
    }
    if (date > 0) { /* "2023-11-14" */
      char d[48];
      snprintf(d, sizeof d, "%d-%02d-%02d", date / 10000, (date / 100) % 100, date % 100);
      if (comma) luaL_addchar(b, ',');
      add_key(b, "date");
      add_json_string(b, d, strlen(d));
      comma = 1;
    }
    if (enc != NULL) {
      if (comma) luaL_addchar(b, ',');
      add_key(b, "encoding");
      add_json_string(b, enc, strlen(enc));
    }
    luaL_addchar(b, '}');
  }
  luaL_addstring(b, "],");
  if (lang != NULL) {
    add_key(b, "language");
    add_json_string(b, lang, strlen(lang));
    luaL_addchar(b, ',');
  }
  luaL_addstring(b, "\"units\":[");
  for (i = 0; i < n; i++) {
    precis_sentence u;
    const char *text, *plain, *orig;
    size_t tlen, plen, olen;
    if (!precis_result_get(r, i, &u) || u.doc >= ndocs || u.start > u.end ||
        u.end > docs[u.doc].len)
      luaL_error(b->L, "precis: a unit lies outside its document");
    if (u.kind == PRECIS_KIND_DROPPED) continue;
    orig = docs[u.doc].data + u.start;
    olen = u.end - u.start;
    if ((text = precis_result_decoded(r, i, &tlen)) == NULL) { text = orig; tlen = olen; }
    if ((plain = precis_result_text(r, i, &plen)) == NULL) { plain = orig; plen = olen; }
    if (!first) luaL_addchar(b, ',');
    first = 0;
    luaL_addchar(b, '{');
    add_json_size(b, "doc", u.doc, 0);
    add_json_size(b, "index", u.index, 1);
    add_json_size(b, "start", u.start, 1);
    add_json_size(b, "end", u.end, 1);
    luaL_addchar(b, ',');
    add_key(b, "kind");
    add_json_string(b, kind_name(u.kind), strlen(kind_name(u.kind)));
    if (u.rule != NULL) {
      luaL_addchar(b, ',');
      add_key(b, "rule");
      add_json_string(b, u.rule, strlen(u.rule));
    }
    luaL_addchar(b, ',');
    add_key(b, "text");
    add_json_string(b, text, tlen);
    if (plen != tlen || memcmp(plain, text, tlen) != 0) {
      luaL_addchar(b, ',');
      add_key(b, "plain");
      add_json_string(b, plain, plen);
    }
    luaL_addchar(b, '}');
  }
  luaL_addstring(b, "]}");
}

/* summarizer:split_lines(docs [, "json"]) -> string | fail, msg, code:
** what `summarize split` prints, built without a table per unit: every
** unit but the dropped ones on a line of its own (each line ends in a line
** feed), or with "json" the JSON of --format json (no final line feed). */
static int l_split_lines(lua_State *L) {
  const precis_summarizer *s = checksummarizer(L);
  static const char *const formats[] = {"text", "json", NULL};
  int json = luaL_checkoption(L, 3, "text", formats) == 1;
  precis_text *docs;
  size_t ndocs, i, n;
  ResultBox *rb;
  precis_error err;
  precis_status st;
  luaL_Buffer b;
  lua_settop(L, 2);
  docs = read_docs(L, &ndocs);
  rb = (ResultBox *)lua_newuserdatauv(L, sizeof *rb, 0);
  rb->r = NULL;
  luaL_setmetatable(L, RESULT_MT); /* frees the result if Lua raises */
  st = precis_segment(s, docs, ndocs, &rb->r, &err);
  if (st == PRECIS_EINVAL) return luaL_error(L, "%s", err.message);
  if (st != PRECIS_OK) return push_error(L, &err);
  luaL_buffinit(L, &b);
  if (json) {
    add_split_json(&b, rb->r, docs, ndocs);
    luaL_pushresult(&b);
    return 1;
  }
  n = precis_result_count(rb->r);
  for (i = 0; i < n; i++) {
    precis_sentence u;
    const char *t;
    size_t len;
    if (!precis_result_get(rb->r, i, &u) || u.doc >= ndocs || u.start > u.end ||
        u.end > docs[u.doc].len)
      return luaL_error(L, "precis: a unit lies outside its document");
    if (u.kind == PRECIS_KIND_DROPPED) continue;
    if ((t = precis_result_text(rb->r, i, &len)) == NULL) {
      t = docs[u.doc].data + u.start;
      len = u.end - u.start;
    }
    add_oneline(&b, t, len);
    luaL_addchar(&b, '\n');
  }
  luaL_pushresult(&b);
  return 1;
}

/* summarizer:summarize(docs [, {units = false}]) -> result | fail, msg, code */
static int l_summarize(lua_State *L) { return run(L, 0); }

/* summarizer:segment(docs) -> result | fail, msg, code */
static int l_segment(lua_State *L) { return run(L, 1); }


/* ======================================================================
** Batches: summarizer:each(docs [, opts]) and summarizer:batch(paths, opts)
** ====================================================================== */

#define EACH_MT "precis.Each"

typedef struct {
  precis_batch *b;
  SummarizerBox *owner;  /* busy while the batch lives */
  lua_Integer added, taken;
  int exhausted;
} EachBox;

static int l_gc_each(lua_State *L) {
  EachBox *e = (EachBox *)luaL_checkudata(L, 1, EACH_MT);
  precis_batch_free(e->b); /* joins the threads */
  e->b = NULL;
  if (e->owner != NULL) e->owner->busy--;
  e->owner = NULL;
  return 0;
}

/* t[key] as a whole number >= lo, or `dflt` when absent */
static size_t opt_size(lua_State *L, int t, const char *key, size_t dflt, size_t lo) {
  lua_Integer n;
  int isint;
  if (lua_getfield(L, t, key) == LUA_TNIL) { lua_pop(L, 1); return dflt; }
  n = lua_tointegerx(L, -1, &isint);
  if (!isint || n < (lua_Integer)lo || n > 65536)
    luaL_argerror(L, t, lua_pushfstring(L, "option '%s' must be a whole number from %d to 65536",
                                        key, (int)lo));
  lua_pop(L, 1);
  return (size_t)n;
}

static void batch_check(lua_State *L, precis_status st, const precis_error *err, int arg) {
  if (st == PRECIS_OK) return;
  if (st == PRECIS_ENOMEM) luaL_error(L, "not enough memory");
  luaL_argerror(L, arg, err->message);
}

/* Pulls documents from the source (upvalue 3: a function or a list) while
** there is room, then returns the oldest result: id, result table | id,
** nil, message, code; nothing at the end. */
static int each_step(lua_State *L) {
  EachBox *e = (EachBox *)lua_touserdata(L, lua_upvalueindex(1));
  precis_batch_item it;
  precis_error err;
  precis_status st;
  if (e->b == NULL) return 0;
  while (!e->exhausted && precis_batch_pending(e->b) + 1 < precis_batch_window(e->b)) {
    precis_text doc;
    size_t id_len;
    const char *id;
    int t;
    if (lua_type(L, lua_upvalueindex(3)) == LUA_TTABLE) {
      lua_rawgeti(L, lua_upvalueindex(3), e->added + 1);
    } else {
      lua_pushvalue(L, lua_upvalueindex(3));
      lua_call(L, 0, 1);
    }
    t = lua_type(L, -1);
    if (t == LUA_TNIL) { e->exhausted = 1; lua_pop(L, 1); break; }
    doc.name = NULL;
    if (t == LUA_TSTRING) {
      doc.data = lua_tolstring(L, -1, &doc.len);
      lua_pushinteger(L, e->added + 1); /* the id: its place in the sequence */
    } else if (t == LUA_TTABLE) {
      if (lua_getfield(L, -1, "text") != LUA_TSTRING)
        return luaL_error(L, "each: document %d has no string field 'text'", (int)(e->added + 1));
      doc.data = lua_tolstring(L, -1, &doc.len);
      lua_pop(L, 1); /* still held by the table */
      if (lua_getfield(L, -1, "name") == LUA_TSTRING) doc.name = lua_tostring(L, -1);
      else if (!lua_isnil(L, -1))
        return luaL_error(L, "each: field 'name' of document %d must be a string", (int)(e->added + 1));
      lua_pop(L, 1);
      t = lua_getfield(L, -1, "id");
      if (t == LUA_TNIL) { lua_pop(L, 1); lua_pushinteger(L, e->added + 1); }
      else if (t != LUA_TSTRING && t != LUA_TNUMBER)
        return luaL_error(L, "each: field 'id' of document %d must be a string or a number",
                          (int)(e->added + 1));
    } else {
      return luaL_error(L, "each: document %d must be a string or a table", (int)(e->added + 1));
    }
    lua_pushvalue(L, -1);
    id = lua_tolstring(L, -1, &id_len); /* a copy: numbers stay numbers in ids[] */
    st = precis_batch_add(e->b, id, id_len, &doc, &err);
    lua_pop(L, 1);
    if (st != PRECIS_OK) return luaL_error(L, "each: %s", err.message);
    lua_rawseti(L, lua_upvalueindex(4), ++e->added); /* ids[n] = the caller's id */
    lua_pop(L, 1);
  }
  st = precis_batch_next(e->b, &it, &err);
  if (st == PRECIS_EEMPTY) { /* the end: the threads go, the summarizer is free */
    precis_batch_free(e->b);
    e->b = NULL;
    if (e->owner != NULL) e->owner->busy--;
    e->owner = NULL;
    return 0;
  }
  if (st != PRECIS_OK) return luaL_error(L, "each: %s", err.message);
  e->taken++;
  lua_rawgeti(L, lua_upvalueindex(4), e->taken);
  lua_pushnil(L);
  lua_rawseti(L, lua_upvalueindex(4), e->taken);
  if (it.status == PRECIS_OK) {
    push_result(L, it.result, &it.text, 1, 1);
    return 2;
  }
  if (it.status == PRECIS_ENOMEM) return luaL_error(L, "not enough memory");
  return 1 + push_error(L, it.error);
}

/* summarizer:each(docs [, {jobs = n, window = n}]) -> iterator */
static int l_each(lua_State *L) {
  SummarizerBox *sb = checkbox(L);
  EachBox *e;
  precis_error err;
  size_t jobs, window;
  char num[32];
  if (sb->s == NULL) return luaL_error(L, "attempt to use a closed " SUMMARIZER_MT);
  if (lua_type(L, 2) != LUA_TFUNCTION && lua_type(L, 2) != LUA_TTABLE)
    return luaL_typeerror(L, 2, "function or table");
  if (!lua_isnoneornil(L, 3)) luaL_checktype(L, 3, LUA_TTABLE);
  else { lua_settop(L, 2); lua_newtable(L); }
  lua_settop(L, 3);
  jobs = opt_size(L, 3, "jobs", 0, 1);
  window = opt_size(L, 3, "window", 0, 2);
  e = (EachBox *)lua_newuserdatauv(L, sizeof *e, 0); /* 4 */
  memset(e, 0, sizeof *e);
  luaL_setmetatable(L, EACH_MT);
  batch_check(L, precis_batch_new(sb->s, jobs, &e->b, &err), &err, 3);
  e->owner = sb;
  sb->busy++;
  batch_check(L, precis_batch_set(e->b, "keep", "1", &err), &err, 3);
  if (window > 0) {
    snprintf(num, sizeof num, "%zu", window);
    batch_check(L, precis_batch_set(e->b, "window", num, &err), &err, 3);
  }
  lua_pushvalue(L, 1);  /* the summarizer stays alive as long as the iterator */
  lua_pushvalue(L, 2);
  lua_newtable(L);      /* ids by sequence number */
  lua_pushcclosure(L, each_step, 4);
  return 1;
}

/* Draws a progress line on standard error: the command's terminal. */
static void draw_progress(void *ud, const precis_batch_stats *st, int last) {
  double rate = st->seconds > 0 ? (double)st->done / st->seconds : 0;
  char line[160];
  int n;
  (void)ud;
  if (st->total_known && st->total > 0) {
    size_t todo = st->total > st->done + st->skipped ? st->total - st->done - st->skipped : 0;
    double frac = (double)(st->done + st->skipped) / (double)st->total, eta;
    char bar[21];
    int k, full = (int)(frac * 20 + 0.5);
    for (k = 0; k < 20; k++) bar[k] = k < full ? '#' : '.';
    bar[20] = '\0';
    eta = rate > 0 ? (double)todo / rate : 0;
    n = snprintf(line, sizeof line, "[%s] %zu/%zu %3.0f%%  %.0f docs/s  ETA %d:%02d  errors %zu",
                 bar, st->done + st->skipped, st->total, frac * 100, rate, (int)(eta / 60),
                 (int)eta % 60, st->errors);
  } else {
    n = snprintf(line, sizeof line, "%zu docs  %.0f docs/s  errors %zu", st->done + st->skipped,
                 rate, st->errors);
  }
  if (n > 0) fprintf(stderr, "\r%s\033[K%s", line, last ? "\n" : "");
  fflush(stderr);
}

/* a list of strings at t[key] -> one setting each */
static void batch_list(lua_State *L, precis_batch *b, int t, const char *key) {
  precis_error err;
  lua_Integer i;
  if (lua_getfield(L, t, key) == LUA_TNIL) { lua_pop(L, 1); return; }
  if (!lua_istable(L, -1))
    luaL_argerror(L, t, lua_pushfstring(L, "option '%s' must be a list of strings", key));
  for (i = 1; lua_rawgeti(L, -1, i) != LUA_TNIL; i++) {
    if (lua_type(L, -1) != LUA_TSTRING)
      luaL_argerror(L, t, lua_pushfstring(L, "option '%s' must be a list of strings", key));
    batch_check(L, precis_batch_set(b, key, lua_tostring(L, -1), &err), &err, t);
    lua_pop(L, 1);
  }
  lua_pop(L, 2);
}

#define BATCH_MT "precis.Batch"

static int l_gc_batch(lua_State *L) {
  precis_batch **bp = (precis_batch **)luaL_checkudata(L, 1, BATCH_MT);
  precis_batch_free(*bp);
  *bp = NULL;
  return 0;
}

/* summarizer:batch(paths, { jobs, window, format, input, output,
** output_dir, resume, include, exclude, progress }) -> stats | fail,
** message, code: precis_batch_run from Lua; no Lua runs meanwhile. */
static int l_batch(lua_State *L) {
  const precis_summarizer *s = checksummarizer(L);
  static const char *const strings[] = { "format", "input", "output", "output_dir",
                                         "stdin_name", "stdin_line", NULL };
  precis_batch **bp;
  const char **paths;
  precis_batch_stats st;
  precis_error err;
  precis_status rc;
  size_t jobs, window, n, k;
  char num[32];
  luaL_checktype(L, 2, LUA_TTABLE);
  luaL_checktype(L, 3, LUA_TTABLE);
  lua_settop(L, 3);
  jobs = opt_size(L, 3, "jobs", 0, 1);
  window = opt_size(L, 3, "window", 0, 2);
  n = (size_t)lua_rawlen(L, 2);
  paths = (const char **)lua_newuserdatauv(L, (n ? n : 1) * sizeof *paths, 0); /* 4 */
  for (k = 0; k < n; k++) {
    if (lua_rawgeti(L, 2, (lua_Integer)k + 1) != LUA_TSTRING)
      return luaL_argerror(L, 2, "paths must be strings");
    paths[k] = lua_tostring(L, -1); /* held by the table */
    lua_pop(L, 1);
  }
  bp = (precis_batch **)lua_newuserdatauv(L, sizeof *bp, 0); /* 5 */
  *bp = NULL;
  luaL_setmetatable(L, BATCH_MT);
  batch_check(L, precis_batch_new(s, jobs, bp, &err), &err, 3);
  if (window > 0) {
    snprintf(num, sizeof num, "%zu", window);
    batch_check(L, precis_batch_set(*bp, "window", num, &err), &err, 3);
  }
  for (k = 0; strings[k] != NULL; k++) {
    if (lua_getfield(L, 3, strings[k]) != LUA_TNIL) {
      if (lua_type(L, -1) != LUA_TSTRING)
        return luaL_argerror(L, 3, lua_pushfstring(L, "option '%s' must be a string", strings[k]));
      batch_check(L, precis_batch_set(*bp, strings[k], lua_tostring(L, -1), &err), &err, 3);
    }
    lua_pop(L, 1);
  }
  batch_list(L, *bp, 3, "include");
  batch_list(L, *bp, 3, "exclude");
  lua_getfield(L, 3, "resume");
  if (lua_toboolean(L, -1)) batch_check(L, precis_batch_set(*bp, "resume", "1", &err), &err, 3);
  lua_pop(L, 1);
  lua_getfield(L, 3, "progress"); /* true, false or "auto": on a terminal */
  if (lua_type(L, -1) == LUA_TSTRING && strcmp(lua_tostring(L, -1), "auto") == 0)
    k = (size_t)isatty(2);
  else
    k = (size_t)lua_toboolean(L, -1);
  lua_pop(L, 1);
  rc = precis_batch_run(*bp, paths, n, k ? draw_progress : NULL, NULL, &st, &err);
  precis_batch_free(*bp);
  *bp = NULL;
  if (rc == PRECIS_ENOMEM) return luaL_error(L, "not enough memory");
  if (rc != PRECIS_OK) return push_error(L, &err);
  lua_createtable(L, 0, 5);
  set_int(L, "done", st.done);
  set_int(L, "errors", st.errors);
  set_int(L, "skipped", st.skipped);
  if (st.total_known) set_int(L, "total", st.total);
  lua_pushnumber(L, (lua_Number)st.seconds);
  lua_setfield(L, -2, "seconds");
  return 1;
}

/* ======================================================================
** Module
** ====================================================================== */

/* ======================================================================
** Policy files
** ====================================================================== */

/* Pushes node `n` of a policy tree as a table: { kind =, line =, col = },
** and `value` for a scalar ("null", "boolean", "integer", "float",
** "string"; `quoted` when written quoted), `items` for a "sequence", and
** parallel `keys` (string nodes) and `values` for a "mapping". */
static void push_node(lua_State *L, const precisI_ynode *n) {
  static const char *const kinds[] = {
    "null", "boolean", "integer", "float", "string", "sequence", "mapping"
  };
  const precisI_ynode *c;
  lua_Integer i = 1;
  luaL_checkstack(L, 8, "policy nested too deep"); /* depth is capped */
  lua_createtable(L, 0, 5);
  lua_pushstring(L, kinds[n->kind]);
  lua_setfield(L, -2, "kind");
  set_int(L, "line", n->line);
  set_int(L, "col", n->col);
  switch (n->kind) {
    case PRECIS_YNULL: break;
    case PRECIS_YBOOL: lua_pushboolean(L, n->boolean); break;
    case PRECIS_YINT: lua_pushinteger(L, (lua_Integer)n->integer); break;
    case PRECIS_YFLOAT: lua_pushnumber(L, (lua_Number)n->number); break;
    case PRECIS_YSTR: lua_pushlstring(L, n->str, n->len); break;
    case PRECIS_YSEQ:
      lua_createtable(L, n->n > INT32_MAX ? 0 : (int)n->n, 0);
      for (c = n->child; c != NULL; c = c->next) {
        push_node(L, c);
        lua_rawseti(L, -2, i++);
      }
      lua_setfield(L, -2, "items");
      return;
    case PRECIS_YMAP:
      lua_createtable(L, n->n > INT32_MAX ? 0 : (int)n->n, 0);
      lua_createtable(L, n->n > INT32_MAX ? 0 : (int)n->n, 0);
      for (c = n->child; c != NULL; c = c->next, i++) {
        push_node(L, c->key);
        lua_rawseti(L, -3, i);
        push_node(L, c);
        lua_rawseti(L, -2, i);
      }
      lua_setfield(L, -3, "values");
      lua_setfield(L, -2, "keys");
      return;
  }
  if (n->kind != PRECIS_YNULL) lua_setfield(L, -2, "value");
  if (n->quoted) {
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, "quoted");
  }
}

/* core.load_yaml(text [, source]) -> root node | fail, msg, "EPOLICY" */
static int l_load_yaml(lua_State *L) {
  size_t len;
  const char *text = luaL_checklstring(L, 1, &len);
  const char *source = luaL_optstring(L, 2, "<string>");
  YamlBox *b;
  precis_error err;
  precis_status st;
  b = (YamlBox *)lua_newuserdatauv(L, sizeof *b, 0);
  b->y = NULL;
  luaL_setmetatable(L, YAML_MT);
  st = precisI_yaml_load(text, len, source, &b->y, &err);
  if (st != PRECIS_OK) return push_error(L, &err); /* ENOMEM too: a result */
  push_node(L, precisI_yaml_root(b->y));
  precisI_yaml_free(b->y);
  b->y = NULL;
  return 1;
}

/* core.languages() -> { "english", ... } */
static int l_languages(lua_State *L) {
  size_t k;
  const char *name;
  lua_newtable(L);
  for (k = 0; (name = precis_language_name(k)) != NULL; k++) {
    lua_pushstring(L, name);
    lua_rawseti(L, -2, (lua_Integer)k + 1);
  }
  return 1;
}

/* core.language_packs() -> { { name = "english", code = "en",
** stemmer = "english" }, ... } */
static int l_language_packs(lua_State *L) {
  size_t k;
  const char *name;
  lua_newtable(L);
  for (k = 0; (name = precis_language_name(k)) != NULL; k++) {
    const char *stemmer = precis_language_stemmer(k);
    lua_createtable(L, 0, 3);
    lua_pushstring(L, name);
    lua_setfield(L, -2, "name");
    lua_pushstring(L, precis_language_code(k));
    lua_setfield(L, -2, "code");
    if (stemmer != NULL) {
      lua_pushstring(L, stemmer);
      lua_setfield(L, -2, "stemmer");
    }
    lua_rawseti(L, -2, (lua_Integer)k + 1);
  }
  return 1;
}

static void push_dependency(lua_State *L, const char *name,
                            const char *version, int runtime, size_t k) {
  lua_createtable(L, 0, 3);
  lua_pushstring(L, name);
  lua_setfield(L, -2, "name");
  if (version != NULL) {
    lua_pushstring(L, version);
    lua_setfield(L, -2, "version");
  }
  lua_pushboolean(L, runtime);
  lua_setfield(L, -2, "runtime");
  lua_rawseti(L, -2, (lua_Integer)k);
}

/* core.dependencies() -> { { name = "utf8proc", version = "2.8.0",
** runtime = true }, ... }: the library's, then libyaml, the policy
** reader's */
static int l_dependencies(lua_State *L) {
  size_t k;
  const char *name, *version;
  int runtime;
  lua_newtable(L);
  for (k = 0; (name = precis_dependency(k, &version, &runtime)) != NULL; k++)
    push_dependency(L, name, version, runtime, k + 1);
  push_dependency(L, "libyaml", yaml_get_version_string(), 1, k + 1);
  return 1;
}

/* core.scorers() -> { "position", ... } */
static int l_scorers(lua_State *L) {
  size_t k;
  const char *name;
  lua_newtable(L);
  for (k = 0; (name = precis_scorer_name(k)) != NULL; k++) {
    lua_pushstring(L, name);
    lua_rawseti(L, -2, (lua_Integer)k + 1);
  }
  return 1;
}

/* core.selectors() -> { "mmr", ... } */
static int l_selectors(lua_State *L) {
  size_t k;
  const char *name;
  lua_newtable(L);
  for (k = 0; (name = precis_selector_name(k)) != NULL; k++) {
    lua_pushstring(L, name);
    lua_rawseti(L, -2, (lua_Integer)k + 1);
  }
  return 1;
}

/* ======================================================================
** For policy code run in a sandbox (lua/precis/sandbox.lua): a memory
** budget over the state's allocator, and where a path really leads
** ====================================================================== */

#define BUDGET_MT "precis.MemoryBudget"

typedef struct {
  lua_Alloc f;   /* the state's allocator, while the budget stands in */
  void *ud;
  size_t limit;  /* bytes the state may grow by */
  size_t used;   /* bytes it has grown by (freeing older memory gives none) */
  size_t gross;  /* bytes allocated in all: a measure of copying work */
  int on, over;  /* over: an allocation was refused */
} Budget;

static void *budget_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  Budget *b = (Budget *)ud;
  size_t old = ptr != NULL ? osize : 0; /* without ptr, osize is a type */
  void *p;
  if (nsize > old) {
    size_t more = nsize - old;
    if (b->used > b->limit || more > b->limit - b->used) {
      b->over = 1;
      return NULL; /* Lua raises "not enough memory" */
    }
    p = b->f(b->ud, ptr, osize, nsize);
    if (p != NULL) { b->used += more; b->gross += more; }
    return p;
  }
  p = b->f(b->ud, ptr, osize, nsize); /* frees and shrinks never fail */
  b->used = b->used > old - nsize ? b->used - (old - nsize) : 0;
  return p;
}

static Budget *checkbudget(lua_State *L) {
  return (Budget *)luaL_checkudata(L, 1, BUDGET_MT);
}

static void budget_off(lua_State *L, Budget *b) {
  if (b->on) lua_setallocf(L, b->f, b->ud);
  b->on = 0;
}

/* core.budget() -> a memory budget, off */
static int l_budget(lua_State *L) {
  Budget *b = (Budget *)lua_newuserdatauv(L, sizeof *b, 0);
  memset(b, 0, sizeof *b);
  luaL_setmetatable(L, BUDGET_MT);
  return 1;
}

/* budget:start(bytes): from now on the state may grow by at most bytes */
static int l_budget_start(lua_State *L) {
  Budget *b = checkbudget(L);
  lua_Number n = luaL_checknumber(L, 2);
  luaL_argcheck(L, n >= 0, 2, "a number of bytes expected");
  luaL_argcheck(L, !b->on, 1, "the budget is already on");
  b->limit = n >= (lua_Number)SIZE_MAX ? SIZE_MAX : (size_t)n;
  b->used = b->gross = 0;
  b->over = 0;
  b->f = lua_getallocf(L, &b->ud);
  lua_setallocf(L, budget_alloc, b);
  b->on = 1;
  return 0;
}

/* budget:stop() -> over, used, gross: the state's own allocator again */
static int l_budget_stop(lua_State *L) {
  Budget *b = checkbudget(L);
  budget_off(L, b);
  lua_pushboolean(L, b->over);
  lua_pushnumber(L, (lua_Number)b->used);
  lua_pushnumber(L, (lua_Number)b->gross);
  return 3;
}

/* budget:state() -> over, used, gross, while on */
static int l_budget_state(lua_State *L) {
  Budget *b = checkbudget(L);
  lua_pushboolean(L, b->over);
  lua_pushnumber(L, (lua_Number)b->used);
  lua_pushnumber(L, (lua_Number)b->gross);
  return 3;
}

static int l_budget_gc(lua_State *L) {
  budget_off(L, checkbudget(L));
  return 0;
}

/* core.realpath(path) -> the absolute path without links, "." or "..",
** or nil when it does not resolve */
static int l_realpath(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  char *buf = (char *)lua_newuserdatauv(L, PATH_MAX, 0); /* freed by Lua */
  if (realpath(path, buf) == NULL) {
    luaL_pushfail(L);
    return 1;
  }
  lua_pushstring(L, buf);
  return 1;
}

/* core.command_allocator() -> boolean: for the summarize command alone,
** never the library: glibc's allocator keeps blocks up to 32 MiB in its
** heap, and up to 64 MiB free at its top, instead of a fresh mapping for
** each large block and its pages given back at once. A page fault costs as
** much as the work done on the page it brings, and the arrays made from a
** large input double in turn. GLIBC_TUNABLES naming either setting wins
** (bin/summarize sets both there, with huge pages, which mallopt cannot).
** The heap's growth is padded too, see below. True when the allocator is
** glibc's. */
static int l_command_allocator(lua_State *L) {
#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD)
  const char *t = getenv("GLIBC_TUNABLES");
  if (t == NULL || strstr(t, "glibc.malloc.mmap_threshold=") == NULL)
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
  if (t == NULL || strstr(t, "glibc.malloc.trim_threshold=") == NULL)
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
#ifdef M_TOP_PAD
  /* From here on the heap grows 32 MiB past each request: with huge pages
  ** on (glibc.malloc.hugetlb), only a growth of 2 MiB or more is marked
  ** for them, and the text of a 1 MiB input and the arrays made from it
  ** would otherwise come 4 KiB at a time. Room never touched costs no
  ** memory. Set after start-up, whose small blocks stay in small pages. */
  if (t == NULL || strstr(t, "glibc.malloc.top_pad=") == NULL)
    mallopt(M_TOP_PAD, 32 << 20);
#endif
  lua_pushboolean(L, 1);
#else
  lua_pushboolean(L, 0);
#endif
  return 1;
}

static const luaL_Reg budget_methods[] = {
  {"start", l_budget_start},
  {"state", l_budget_state},
  {"stop", l_budget_stop},
  {NULL, NULL}
};

static const luaL_Reg funcs[] = {
  {"budget", l_budget},
  {"command_allocator", l_command_allocator},
  {"dependencies", l_dependencies},
  {"language_packs", l_language_packs},
  {"languages", l_languages},
  {"load_yaml", l_load_yaml},
  {"new", l_new},
  {"realpath", l_realpath},
  {"scorers", l_scorers},
  {"selectors", l_selectors},
  {NULL, NULL}
};

static const luaL_Reg methods[] = {
  {"batch", l_batch},
  {"close", l_close},
  {"each", l_each},
  {"segment", l_segment},
  {"split_lines", l_split_lines},
  {"summarize", l_summarize},
  {NULL, NULL}
};

static const luaL_Reg meta[] = {
  {"__close", l_close},
  {"__gc", l_close},
  {"__tostring", l_tostring},
  {NULL, NULL}
};

static void newbox_meta(lua_State *L, const char *name, lua_CFunction gc) {
  luaL_newmetatable(L, name);
  lua_pushcfunction(L, gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1);
}

int luaopen_precis_core(lua_State *L) {
  luaL_newmetatable(L, SUMMARIZER_MT);
  luaL_setfuncs(L, meta, 0);
  luaL_newlib(L, methods);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);
  newbox_meta(L, OPTIONS_MT, l_gc_options);
  newbox_meta(L, RESULT_MT, l_gc_result);
  newbox_meta(L, YAML_MT, l_gc_yaml);
  newbox_meta(L, BUDGET_MT, l_budget_gc);
  luaL_getmetatable(L, BUDGET_MT);
  luaL_newlib(L, budget_methods);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);
  newbox_meta(L, EACH_MT, l_gc_each);
  newbox_meta(L, BATCH_MT, l_gc_batch);
  luaL_newlib(L, funcs);
  lua_pushstring(L, precis_version());
  lua_setfield(L, -2, "_VERSION");
  precisI_rouge_open(L);
  lua_setfield(L, -2, "rouge");
  return 1;
}
