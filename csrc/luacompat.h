/*
** luacompat.h: the few calls of the Lua C API that differ between Lua 5.1,
** LuaJIT 2.1, 5.2, 5.3 and 5.4, written in the 5.4 form for the others, so
** that the bindings (csrc/lprecis.c, csrc/lrouge.c) are one source.
** Include it after lua.h and lauxlib.h. Only what the bindings use is
** here, with the 5.4 meaning; LuaJIT counts as 5.1 (LUA_VERSION_NUM 501),
** and the few 5.2 functions LuaJIT has are replaced all the same.
*/
#ifndef PRECIS_LUACOMPAT_H
#define PRECIS_LUACOMPAT_H

#include <math.h>

#include "lua.h"
#include "lauxlib.h"

#if LUA_VERSION_NUM < 504

/* one user value at most, and the bindings ask for none */
#define lua_newuserdatauv(L, size, nuv) ((void)(nuv), lua_newuserdata((L), (size)))
#define luaL_pushfail(L) lua_pushnil(L)

/* "bad argument #arg to 'f' (tname expected, got type)" */
static inline int compat_typeerror(lua_State *L, int arg, const char *tname) {
  const char *got;
  if (luaL_getmetafield(L, arg, "__name") && lua_type(L, -1) == LUA_TSTRING)
    got = lua_tostring(L, -1);
  else if (lua_type(L, arg) == LUA_TLIGHTUSERDATA)
    got = "light userdata";
  else
    got = luaL_typename(L, arg);
  return luaL_argerror(L, arg, lua_pushfstring(L, "%s expected, got %s", tname, got));
}
#define luaL_typeerror compat_typeerror
#define luaL_argexpected(L, cond, arg, tname) \
  ((void)((cond) || luaL_typeerror((L), (arg), (tname))))

#endif /* < 5.4 */

#if LUA_VERSION_NUM < 503

/* metatables carry their __name, which 5.3 and 5.4 set */
static inline int compat_newmetatable(lua_State *L, const char *tname) {
  if (!luaL_newmetatable(L, tname)) return 0;
  lua_pushstring(L, tname);
  lua_setfield(L, -2, "__name");
  return 1;
}
#define luaL_newmetatable compat_newmetatable

/* lua_getfield, lua_rawget and lua_rawgeti return the type they pushed */
static inline int compat_getfield(lua_State *L, int idx, const char *k) {
  lua_getfield(L, idx, k);
  return lua_type(L, -1);
}
static inline int compat_rawget(lua_State *L, int idx) {
  lua_rawget(L, idx);
  return lua_type(L, -1);
}
static inline int compat_rawgeti(lua_State *L, int idx, lua_Integer n) {
  lua_rawgeti(L, idx, (int)n);
  return lua_type(L, -1);
}
#define lua_getfield compat_getfield
#define lua_rawget compat_rawget
#define lua_rawgeti compat_rawgeti

/* 5.3's meaning: a number with an exact integer value (5.2's and
** LuaJIT's truncate 2.5 to 2 and call it a success) */
static inline lua_Integer compat_tointegerx(lua_State *L, int idx, int *isnum) {
  lua_Number x = lua_tonumber(L, idx);
  lua_Number lim = sizeof(lua_Integer) >= 8 ? 0x1p63 : 0x1p31;
  int ok = lua_isnumber(L, idx) && x == floor(x) && x >= -lim && x < lim;
  if (isnum != NULL) *isnum = ok;
  return ok ? (lua_Integer)x : 0;
}
#define lua_tointegerx compat_tointegerx

#endif /* < 5.3 */

#if LUA_VERSION_NUM < 502

#define lua_rawlen(L, idx) lua_objlen((L), (idx))

static inline void compat_setfuncs(lua_State *L, const luaL_Reg *l, int nup) {
  luaL_checkstack(L, nup, "too many upvalues");
  for (; l->name != NULL; l++) {
    int i;
    for (i = 0; i < nup; i++) lua_pushvalue(L, -nup);
    lua_pushcclosure(L, l->func, nup);
    lua_setfield(L, -(nup + 2), l->name);
  }
  lua_pop(L, nup);
}
#define luaL_setfuncs compat_setfuncs
#ifndef luaL_newlib /* OpenResty's LuaJIT has it */
#define luaL_newlib(L, l) (lua_newtable(L), luaL_setfuncs((L), (l), 0))
#endif

static inline void compat_setmetatable(lua_State *L, const char *tname) {
  luaL_getmetatable(L, tname);
  lua_setmetatable(L, -2);
}
#define luaL_setmetatable compat_setmetatable

/* the value at idx as a string, as tostring() makes it, pushed */
static inline const char *compat_tolstring(lua_State *L, int idx, size_t *len) {
  if (idx < 0 && idx > LUA_REGISTRYINDEX) idx = lua_gettop(L) + idx + 1;
  if (luaL_callmeta(L, idx, "__tostring")) {
    if (!lua_isstring(L, -1)) luaL_error(L, "'__tostring' must return a string");
  } else {
    switch (lua_type(L, idx)) {
      case LUA_TNUMBER:
      case LUA_TSTRING: lua_pushvalue(L, idx); break;
      case LUA_TBOOLEAN:
        lua_pushstring(L, lua_toboolean(L, idx) ? "true" : "false");
        break;
      case LUA_TNIL: lua_pushliteral(L, "nil"); break;
      default:
        lua_pushfstring(L, "%s: %p", luaL_typename(L, idx), lua_topointer(L, idx));
        break;
    }
  }
  return lua_tolstring(L, -1, len);
}
#define luaL_tolstring compat_tolstring

#endif /* < 5.2 */

#endif
