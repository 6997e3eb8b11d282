--- precis.compat: the few library functions that differ between Lua 5.1,
-- LuaJIT 2.1, 5.2, 5.3 and 5.4, with one meaning everywhere, so that the
-- rest of precis is one source for all of them.
--
-- The rest of the code keeps to the common language: no `goto`, `//`,
-- bitwise operators, `<close>` or `<const>`, integer-only string formats
-- only on numbers `isint` accepts, `"*a"` for reading a whole file, and
-- `xpcall` without extra arguments.
-- @module precis.compat

local type, floor, byte, find, sub = type, math.floor, string.byte, string.find, string.sub
local open = io.open

local M = {}

local mathtype = math.type -- 5.3 and later
local EXACT = 2 ^ 53       -- every whole number up to this is a float exactly

--- Whether `x` is a whole number: an integer of Lua 5.3 and later, or a
-- float without a fraction within ±2^53 (what Lua 5.1 and LuaJIT have for
-- integers). `format("%d", x)` prints such a number the same in every Lua.
-- @param x any value
-- @treturn boolean
function M.isint(x)
  if mathtype and mathtype(x) == "integer" then return true end
  return type(x) == "number" and x == floor(x) and x >= -EXACT and x <= EXACT
end

-- Strict UTF-8 (RFC 3629): no overlong forms, surrogates, or code points
-- past U+10FFFF, as Lua 5.4's utf8.len checks it. Lua 5.3's accepts
-- surrogates, and 5.1, 5.2 and LuaJIT have none.
local function utf8len(s, i)
  local n, pos = 0, i or 1
  while true do
    local a = find(s, "[\128-\255]", pos)
    if not a then return n + #s - pos + 1 end
    n = n + a - pos
    local c, c2, c3, c4 = byte(s, a, a + 3)
    local size, lo, hi = 0, 128, 191
    if c >= 194 and c <= 223 then size = 2
    elseif c >= 224 and c <= 239 then
      size = 3
      if c == 224 then lo = 160 elseif c == 237 then hi = 159 end
    elseif c >= 240 and c <= 244 then
      size = 4
      if c == 240 then lo = 144 elseif c == 244 then hi = 143 end
    end
    if size == 0 or not c2 or c2 < lo or c2 > hi
       or size >= 3 and not (c3 and c3 >= 128 and c3 <= 191)
       or size == 4 and not (c4 and c4 >= 128 and c4 <= 191) then
      return nil, a
    end
    n = n + 1
    pos = a + size
  end
end

--- `utf8.len(s [, i])` of Lua 5.4: the number of code points of `s` from
-- byte `i` (default 1) when they are valid UTF-8, else nil and the
-- position of the first byte that is not.
-- @function utf8len
M.utf8len = utf8len
if _VERSION == "Lua 5.4" and utf8 and utf8.len then M.utf8len = utf8.len end

--- `load(chunk [, name [, mode [, env]]])` of Lua 5.2 and later: LuaJIT
-- and 5.2 to 5.4 have it; Lua 5.1's has neither mode nor env.
-- @function load
M.load = load

--- `loadfile(path [, mode [, env]])` of Lua 5.2 and later.
-- @function loadfile
M.loadfile = loadfile

if _VERSION == "Lua 5.1" and not rawget(_G, "jit") then
  local loadstring, setfenv, concat = loadstring, setfenv, table.concat

  function M.load(chunk, name, mode, env)
    if type(chunk) ~= "string" then -- a function returning pieces
      local parts = {}
      while true do
        local piece = chunk()
        if piece == nil or piece == "" then break end
        parts[#parts + 1] = piece
      end
      chunk = concat(parts)
    end
    mode = mode or "bt"
    local binary = byte(chunk, 1) == 27
    if binary and not find(mode, "b", 1, true) then
      return nil, "attempt to load a binary chunk (mode is '" .. mode .. "')"
    elseif not binary and not find(mode, "t", 1, true) then
      return nil, "attempt to load a text chunk (mode is '" .. mode .. "')"
    end
    local f, err = loadstring(chunk, name)
    if f and env ~= nil then setfenv(f, env) end
    return f, err
  end

  function M.loadfile(path, mode, env)
    if path == nil then return loadfile() end
    local f, err = open(path, "rb")
    if not f then return nil, "cannot open " .. err end
    local text = f:read("*a")
    f:close()
    if not text then return nil, "cannot read " .. path end
    if sub(text, 1, 1) == "#" then -- a first line "#!..." is no Lua, as loadfile says
      local nl = find(text, "\n", 1, true)
      text = nl and sub(text, nl) or ""
    end
    return M.load(text, "@" .. path, mode, env)
  end
end

return M
