/*
** fuzz_policy.c: the policy layer, as a program that embeds Lua 5.4 runs
** it. The input is a policy's YAML, read by precis.policy_from_string
** without trust (its Lua code, if it reaches any, runs in the sandbox);
** a policy that loads then summarizes a short text. Loading must return
** a policy or nil, a message and "EPOLICY" or "ENOMEM", never raise; a
** summary must be a result whose units lie in the text, in order, each
** with `text` equal to its bytes, or nil, a message and a code.
**
** The Lua modules are read from the checkout (PRECIS_LUA_DIR, set by the
** Makefile); precis.core is linked in.
*/
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "fuzz.h"

int luaopen_precis_core(lua_State *L);

static const char driver[] =
  "local precis = require 'precis'\n"
  "local doc = 'The harbour bridge will close for repairs next month, the council said. '\n"
  "  .. 'Ferries will run every ten minutes while the bridge is shut. '\n"
  "  .. 'Drivers face a detour of twenty kilometres through the tunnel.\\n\\n'\n"
  "  .. 'Shops near the bridge fear a quiet summer. The work should end in October.'\n"
  "local codes = { EPOLICY = true, ENOMEM = true, EEMPTY = true, EUTF8 = true, ELIMIT = true }\n"
  "return function(text)\n"
  "  local ok, p, msg, code = pcall(precis.policy_from_string, text, '/nonexistent/fuzz.yaml')\n"
  "  if not ok then return 'policy_from_string raised: ' .. tostring(p) end\n"
  "  if p == nil then\n"
  "    if type(msg) ~= 'string' or (code ~= 'EPOLICY' and code ~= 'ENOMEM') then\n"
  "      return 'a failed load returned ' .. tostring(msg) .. ', ' .. tostring(code)\n"
  "    end\n"
  "    return nil\n"
  "  end\n"
  "  local r\n"
  "  ok, r, msg, code = pcall(precis.summarize, doc, { policy = p })\n"
  "  if not ok then return 'summarize raised: ' .. tostring(r) end\n"
  "  if r == nil then\n"
  "    if type(msg) ~= 'string' or not codes[code] then\n"
  "      return 'a failed summary returned ' .. tostring(msg) .. ', ' .. tostring(code)\n"
  "    end\n"
  "    return nil\n"
  "  end\n"
  "  local last = 0\n"
  "  for k, u in ipairs(r.units) do\n"
  "    if not (u.i >= 1 and u.i <= u.j + 1 and u.j <= #doc and u.i > last) then\n"
  "      return string.format('unit %d has span %d..%d after %d', k, u.i, u.j, last)\n"
  "    end\n"
  "    if u.text ~= doc:sub(u.i, u.j) then return 'unit ' .. k .. ': text is not its bytes' end\n"
  "    last = u.j\n"
  "  end\n"
  "  for _, s in ipairs(r.sentences) do\n"
  "    if not s.selected or s.kind ~= 'sentence' then return 'a summary of no sentence' end\n"
  "  end\n"
  "  return nil\n"
  "end\n";

static lua_State *L;
static int check_ref = LUA_NOREF;

static void setup(void) {
  L = luaL_newstate();
  if (L == NULL) fz_fail("lua", "no state");
  luaL_openlibs(L);
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
  lua_pushcfunction(L, luaopen_precis_core);
  lua_setfield(L, -2, "precis.core");
  lua_pop(L, 1);
  lua_getglobal(L, "package");
  lua_pushstring(L, PRECIS_LUA_DIR "/?.lua;" PRECIS_LUA_DIR "/?/init.lua");
  lua_setfield(L, -2, "path");
  lua_pushstring(L, "");
  lua_setfield(L, -2, "cpath");
  lua_pop(L, 1);
  if (luaL_loadbuffer(L, driver, sizeof driver - 1, "=fuzz_policy") != LUA_OK ||
      lua_pcall(L, 0, 1, 0) != LUA_OK)
    fz_fail("lua", lua_tostring(L, -1));
  check_ref = luaL_ref(L, LUA_REGISTRYINDEX);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static unsigned runs;
  if (L == NULL) setup();
  lua_rawgeti(L, LUA_REGISTRYINDEX, check_ref);
  lua_pushlstring(L, (const char *)data, size);
  if (lua_pcall(L, 1, 1, 0) != LUA_OK) fz_fail("the policy check raised", lua_tostring(L, -1));
  if (!lua_isnil(L, -1)) fz_fail("policy", lua_tostring(L, -1));
  lua_pop(L, 1);
  if (++runs % 64 == 0) lua_gc(L, LUA_GCCOLLECT, 0);
  return 0;
}
