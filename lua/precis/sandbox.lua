--- precis.sandbox: runs a policy's Lua code with what a scorer or a
-- filter needs and no more, within a budget of instructions and of
-- memory, so that a policy file from anywhere can be loaded and used.
--
-- What the code sees: a fresh global table of its own with `assert`,
-- `error`, `ipairs`, `next`, `pairs`, `pcall`, `xpcall`, `select`,
-- `tonumber`, `tostring`, `type`, `unpack`, `rawequal`, `rawget`,
-- `rawlen`, `rawset`, `getmetatable` and `setmetatable` (on tables only,
-- and no `__gc`), `_VERSION`, `_G` (itself), and the libraries `string`
-- (without `dump`), `table` (`concat`, `insert`, `remove`, `sort`,
-- `unpack`) and `math` (without `random` and `randomseed`). No `os`,
-- `io`, `require`, `package`, `load`, `loadfile`, `dofile`, `debug`,
-- `collectgarbage`, `coroutine`, `print`, no metatable of strings and
-- nothing that reaches the real global table.
--
-- What it costs: each run goes on a coroutine with a count hook that
-- stops it past its instructions (under LuaJIT the code runs
-- interpreted, as compiled code fires no hook); the library functions
-- that work in C charge what they may cost (a byte copied or compared, a
-- step a pattern may take) at BYTES_PER_INSTRUCTION to the instruction;
-- bytes allocated count too; and the state's allocator refuses to grow
-- past the memory budget while the code runs (precis.core's budget).
-- See docs/policies.md, "Policy code".
-- @module precis.sandbox

local core = require "precis.core"
local compat = require "precis.compat"

local type, pairs, ipairs, select, error, pcall, xpcall, tostring, tonumber =
  type, pairs, ipairs, select, error, pcall, xpcall, tostring, tonumber
local rawget, rawset, rawequal, next, setmetatable, getmetatable, assert =
  rawget, rawset, rawequal, next, setmetatable, getmetatable, assert
local floor, huge = math.floor, math.huge
local byte, char, find, format, sub, gsub, match, gmatch, rep, upper, lower, reverse =
  string.byte, string.char, string.find, string.format, string.sub, string.gsub,
  string.match, string.gmatch, string.rep, string.upper, string.lower, string.reverse
local concat, insert, remove, sort = table.concat, table.insert, table.remove, table.sort
local unpack = rawget(table, "unpack") or rawget(_G, "unpack")
local rawlen = rawget(_G, "rawlen")
local create, resume, running = coroutine.create, coroutine.resume, coroutine.running
local dbg = rawget(_G, "debug") or package.loaded.debug
local sethook = dbg and dbg.sethook
local jit = rawget(_G, "jit")
local jit_off = type(jit) == "table" and jit.off
local string_mt = getmetatable("")
local budget = core.budget and core.budget()
local collectgarbage = collectgarbage

local M = {}

--- Instructions a script may run when it is loaded, and the base of a
-- summary's budget (which adds PER_BYTE for each byte of input).
M.INSTRUCTIONS = 10000000
M.PER_BYTE = 100
--- Bytes the Lua heap may grow by within one call of policy code.
M.MEMORY = 64 * 1024 * 1024
--- The largest script a policy may name.
M.SCRIPT_BYTES = 256 * 1024
--- What a C library function is charged: one instruction for this many
-- bytes it copies or compares, or steps a pattern may take.
M.BYTES_PER_INSTRUCTION = 16
--- What memory is charged: one instruction for this many bytes
-- allocated, so that what the code keeps across the calls of a summary
-- grows at most as its instructions do.
M.ALLOC_BYTES_PER_INSTRUCTION = 4

--- Whether this Lua can bound policy code (it needs debug.sethook).
M.available = sethook ~= nil and string_mt ~= nil

local COUNT = 1000 -- instructions between two calls of the hook
local STOP = "precis: policy code stopped" -- what a stopped run raises

local active -- the box whose code runs now

-- ---------------------------------------------------------------------
-- The budget
-- ---------------------------------------------------------------------

local hook

local function exhaust(box, why)
  box.exhausted = box.exhausted or why
  sethook(hook, "", 1) -- from now on every instruction stops it again
  error(STOP, 0)
end

function hook()
  local box = active
  if not box or running() ~= box.co then return end -- LuaJIT: hooks are global
  if box.exhausted then error(STOP, 0) end
  local spent = COUNT
  if budget then
    local over, used, gross = budget:state()
    if over then exhaust(box, "memory") end
    spent = spent + (gross - box.gross) / M.ALLOC_BYTES_PER_INSTRUCTION
    box.gross = gross
    if used > box.next_collect then -- Lua 5.1 and LuaJIT collect nothing when
      collectgarbage()              -- an allocation fails: garbage would count
      local _, after = budget:state()
      box.next_collect = after + (box.memory - after) / 2
    end
  end
  box.left = box.left - spent
  if box.left < 0 then exhaust(box, "instructions") end
end

-- Charges the running box for `bytes` of work done in C.
local function charge(bytes)
  local box = active
  if not box then return end
  box.left = box.left - bytes / M.BYTES_PER_INSTRUCTION - 1
  if box.left < 0 then exhaust(box, "instructions") end
end

-- pcall and xpcall for policy code: a stopped run stays stopped.
local function rethrow(...)
  local box = active
  if box then
    if not box.exhausted and budget and budget:state() then box.exhausted = "memory" end
    if box.exhausted then error(STOP, 0) end
  end
  return ...
end

local function safe_pcall(f, ...)
  return rethrow(pcall(f, ...))
end

local function safe_xpcall(f, handler, ...)
  local n, args = select("#", ...), { ... }
  return rethrow(xpcall(function() return f(unpack(args, 1, n)) end, handler))
end

-- ---------------------------------------------------------------------
-- What a pattern may cost
-- ---------------------------------------------------------------------

-- Lua's matcher backtracks: a pattern's worst case grows as the subject
-- to the power of its ambiguous repetitions. Before a pattern runs, its
-- items are read once (cached by pattern) and its worst case is bounded
-- from the longest run of each repeated class in the subject:
--
--   starts * (items + sum(run + 1) + (balances + back references) * n)
--          * product(run + 1 of each ambiguous repetition)
--
-- where a repetition is unambiguous when what follows it cannot begin
-- with a character it matches (backing off then fails at once).

local analyses, nanalyses = {}, 0
local MAX_ANALYSES, MAX_CACHED = 512, 256

-- the characters a one-character class matches, as a set
local function class_set(class)
  local set = {}
  for b = 0, 255 do
    if find(char(b), "^" .. class) then set[b] = true end
  end
  return set
end

local function disjoint(a, b)
  for k in pairs(a) do if b[k] then return false end end
  return true
end

-- Lua's classEnd for a set that opens at p[i] == "["; nil if malformed
local function set_end(p, i)
  local j, n = i + 1, #p
  if sub(p, j, j) == "^" then j = j + 1 end
  repeat
    if j > n then return nil end
    local c = sub(p, j, j)
    j = j + 1
    if c == "%" then
      if j > n then return nil end
      j = j + 1
    end
  until sub(p, j, j) == "]"
  return j
end

-- Reads pattern `p` into items: { class = text, set =, q = quantifier }
-- for one-character matchers; { kind = "zero" } for captures,
-- "front" for %f, "bal" (with its opening character) for %b, "ref" for
-- %1..%9, "end" for a final $. Returns items, anchored; nil if malformed.
local function parse(p, anchorable)
  local items, i, n = {}, 1, #p
  local anchored = false
  if anchorable and sub(p, 1, 1) == "^" then anchored, i = true, 2 end
  while i <= n do
    local c = sub(p, i, i)
    local class
    if c == "(" or c == ")" then
      items[#items + 1] = { kind = "zero" }
      i = i + 1
    elseif c == "$" and i == n then
      items[#items + 1] = { kind = "end" }
      i = i + 1
    elseif c == "%" then
      local d = sub(p, i + 1, i + 1)
      if d == "" then return nil end
      if d == "b" then
        if i + 3 > n then return nil end
        items[#items + 1] = { kind = "bal", open = byte(p, i + 2) }
        i = i + 4
      elseif d == "f" then
        if sub(p, i + 2, i + 2) ~= "[" then return nil end
        local j = set_end(p, i + 2)
        if not j then return nil end
        items[#items + 1] = { kind = "front" }
        i = j + 1
      elseif find(d, "^%d$") then
        items[#items + 1] = { kind = "ref" }
        i = i + 2
      else
        class = sub(p, i, i + 1)
        i = i + 2
      end
    elseif c == "[" then
      local j = set_end(p, i)
      if not j then return nil end
      class = sub(p, i, j)
      i = j + 1
    elseif c == "." then
      class, i = ".", i + 1
    else
      class = find(c, "^%w$") and c or "%" .. c
      i = i + 1
    end
    if class then
      local item = { class = class }
      local q = sub(p, i, i)
      if q == "*" or q == "+" or q == "-" or q == "?" then
        item.q = q
        i = i + 1
      end
      items[#items + 1] = item
    end
  end
  return items, anchored
end

local function analyse(p, anchorable)
  local key = (anchorable and "^" or "g") .. p
  local a = analyses[key]
  if a then return a end
  charge(#p)
  local items, anchored = parse(p, anchorable)
  if not items then error("malformed pattern '" .. sub(p, 1, 60) .. "'", 3) end
  charge(256 * #items) -- the sets below, before they are made
  local sets = {}
  for _, it in ipairs(items) do
    if it.class then
      sets[it.class] = sets[it.class] or class_set(it.class)
      it.set = sets[it.class]
    end
  end
  a = { anchored = anchored, m = #items, classes = {}, refs = 0, ambiguous = {} }
  for k, it in ipairs(items) do
    if it.kind == "bal" or it.kind == "ref" then a.refs = a.refs + 1 end
    if it.q then
      a.classes[#a.classes + 1] = it.class
      -- what may follow: the first item that is not a capture
      local j = k + 1
      while items[j] and items[j].kind == "zero" do j = j + 1 end
      local nxt = items[j]
      local clear
      if nxt == nil or nxt.kind == "end" then
        clear = true -- nothing left to fail, or a $ that fails at once
      elseif nxt.kind == "bal" then
        clear = not it.set[nxt.open]
      elseif nxt.set and (nxt.q == nil or nxt.q == "+") then
        clear = disjoint(it.set, nxt.set)
      end
      if not clear then a.ambiguous[#a.ambiguous + 1] = it.class end
    end
  end
  if #p <= MAX_CACHED then -- the program keeps these: few and short
    if nanalyses >= MAX_ANALYSES then analyses, nanalyses = {}, 0 end
    analyses[key], nanalyses = a, nanalyses + 1
  end
  return a
end

-- the longest run of characters of `class` in s (linear: one repetition
-- with nothing after it never backtracks)
local function longest_run(s, class, runs)
  if class == "." then return #s end
  local r = runs[class]
  if r then return r end
  r = 0
  local init = 1
  while true do
    local i, j = find(s, class .. "+", init)
    if not i then break end
    if j - i + 1 > r then r = j - i + 1 end
    init = j + 1
  end
  charge(#s)
  runs[class] = r
  return r
end

-- Charges the worst case of matching pattern p against s from init.
local function charge_pattern(s, p, init, plain, anchorable)
  local n = #s
  init = tonumber(init)
  if init then
    if init < 0 then init = n + init + 1 end
    if init > 1 then n = n - init + 1 end
    if n < 0 then n = 0 end
  end
  if plain then
    charge(n * #p)
    return
  end
  local a = analyse(p, anchorable)
  local runs, pass, product = {}, a.m + a.refs * n, 1
  for _, class in ipairs(a.classes) do pass = pass + longest_run(s, class, runs) + 1 end
  for _, class in ipairs(a.ambiguous) do
    product = product * (longest_run(s, class, runs) + 1)
    if product > 1e15 then product = 1e15 end
  end
  local starts = a.anchored and 1 or n + 1
  charge(starts * pass * product)
end

-- ---------------------------------------------------------------------
-- The libraries policy code sees
-- ---------------------------------------------------------------------

local function checkstr(s, fname)
  local t = type(s)
  if t == "number" then return tostring(s) end
  if t ~= "string" then
    error(format("bad argument #1 to '%s' (string expected, got %s)", fname,
                 t == "nil" and "no value" or t), 3)
  end
  return s
end

local S = {}

function S.byte(s, i, j)
  s = checkstr(s, "byte")
  local n = #s
  i = i or 1
  j = j or i
  if type(i) == "number" and type(j) == "number" then
    if i < 0 then i = n + i + 1 end
    if j < 0 then j = n + j + 1 end
    if j > i then charge(j - i) end
  end
  return byte(s, i, j)
end

function S.char(...)
  charge(select("#", ...))
  return char(...)
end

function S.find(s, p, init, plain)
  s = checkstr(s, "find")
  charge_pattern(s, checkstr(p, "find"), init, plain, true)
  return find(s, p, init, plain)
end

function S.match(s, p, init)
  s = checkstr(s, "match")
  charge_pattern(s, checkstr(p, "match"), init, false, true)
  return match(s, p, init)
end

function S.gmatch(s, p, init)
  s = checkstr(s, "gmatch")
  charge_pattern(s, checkstr(p, "gmatch"), init, false, false)
  return gmatch(s, p, init)
end

function S.gsub(s, p, r, n)
  s = checkstr(s, "gsub")
  charge_pattern(s, checkstr(p, "gsub"), nil, false, true)
  local out, count = gsub(s, p, r, n)
  charge(#out)
  return out, count
end

function S.format(f, ...)
  local out = format(f, ...)
  charge(#out)
  return out
end

function S.len(s) return #checkstr(s, "len") end

function S.lower(s)
  s = checkstr(s, "lower")
  charge(#s)
  return lower(s)
end

function S.upper(s)
  s = checkstr(s, "upper")
  charge(#s)
  return upper(s)
end

function S.reverse(s)
  s = checkstr(s, "reverse")
  charge(#s)
  return reverse(s)
end

function S.rep(s, n, sep)
  s = checkstr(s, "rep")
  if type(n) == "number" and n >= 1 then
    local each = #s + (type(sep) == "string" and #sep or 0)
    charge(each * n) -- before a byte is made: a budget cannot be overdrawn by one call
  end
  return rep(s, n, sep)
end

function S.sub(s, i, j)
  s = checkstr(s, "sub")
  local out = sub(s, i, j)
  charge(#out)
  return out
end

local T = {}

function T.concat(t, sep, i, j)
  local out = concat(t, sep, i, j)
  charge(#out)
  return out
end

function T.insert(t, ...)
  if select("#", ...) >= 2 and type(t) == "table" then charge(#t * 16) end -- a shift
  return insert(t, ...)
end

function T.remove(t, ...)
  if type(t) == "table" then charge(#t * 16) end
  return remove(t, ...)
end

function T.sort(t, cmp)
  if type(t) == "table" then
    local n = #t
    charge(n * 16 * (n > 1 and math.log(n) / math.log(2) or 1))
  end
  return sort(t, cmp)
end

T.unpack = unpack

local MATH = {}
for k, v in pairs(math) do
  if k ~= "random" and k ~= "randomseed" then MATH[k] = v end
end

local function copy(t)
  local c = {}
  for k, v in pairs(t) do c[k] = v end
  return c
end

-- getmetatable for tables only: the metatable of strings holds the
-- real string library
local function safe_getmetatable(v)
  if type(v) ~= "table" then return nil end
  return getmetatable(v)
end

-- setmetatable without __gc: a finalizer would run later, outside the
-- budget
local function safe_setmetatable(t, mt)
  if type(mt) == "table" and rawget(mt, "__gc") ~= nil then
    error("policy code may not set __gc", 2)
  end
  return setmetatable(t, mt)
end

local function new_env()
  local env = {
    assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs,
    select = select, tonumber = tonumber, tostring = tostring, type = type,
    rawequal = rawequal, rawget = rawget, rawset = rawset, rawlen = rawlen,
    unpack = unpack, _VERSION = _VERSION,
    pcall = safe_pcall, xpcall = safe_xpcall,
    getmetatable = safe_getmetatable, setmetatable = safe_setmetatable,
    string = copy(S), table = copy(T), math = copy(MATH),
  }
  env._G = env
  return env
end

-- ---------------------------------------------------------------------
-- Boxes: one per script
-- ---------------------------------------------------------------------

local Box = {}
Box.__index = Box

--- A sandbox for the script `name` (as messages call it), with a first
-- run of M.INSTRUCTIONS and M.MEMORY (or `limits.instructions`,
-- `limits.memory`) for loading it.
-- @tparam string name
-- @tparam[opt] table limits
function M.new(name, limits)
  limits = limits or {}
  local box = setmetatable({ name = name, env = new_env(),
                             instructions = limits.instructions or M.INSTRUCTIONS,
                             memory = limits.memory or M.MEMORY }, Box)
  box:begin(0)
  return box
end

--- Begins a run (a load, or a summary) of the calls that follow: they
-- share the box's instructions plus `per_byte` times `bytes`.
-- @tparam number bytes the input of the run (0 for a load)
-- @tparam[opt] number per_byte instructions per byte (default M.PER_BYTE)
function Box:begin(bytes, per_byte)
  self.limit = self.instructions + (per_byte or M.PER_BYTE) * bytes
  self.left = self.limit
end

--- Compiles `text` (Lua source, never bytecode) in the box's globals.
-- @treturn[1] function
-- @treturn[2] nil
-- @treturn[2] string why
function Box:load(text, chunkname)
  local f, why = compat.load(text, chunkname, "t", self.env)
  if not f then return nil, why end
  if jit_off then jit_off(f, true) end -- every function in it runs interpreted
  return f
end

local function over_memory(box)
  return false, format("%s: ran past its memory budget of %d bytes", box.name, box.memory)
end

local function finish(box, ok, ...)
  local over = false
  if budget then over = budget:stop() end
  if box.jit_was_on then jit.on() end
  box.jit_was_on = nil
  rawset(string_mt, "__index", box.saved_index)
  active = nil
  sethook(box.co)
  if box.host_hook then sethook(box.host_hook[1], box.host_hook[2], box.host_hook[3]) end
  box.co, box.saved_index, box.host_hook = nil, nil, nil
  if box.exhausted == "instructions" then
    return false, format("%s: ran past its budget of %d instructions", box.name, box.limit)
  elseif box.exhausted == "memory" or over then
    return over_memory(box)
  elseif not ok then
    local e = ...
    local t = type(e)
    if t == "string" then
      if find(e, "not enough memory", 1, true) then return false, e, "ENOMEM" end -- the program's
      return false, e
    end
    if t == "number" then return false, tostring(e) end
    return false, format("%s: (error object is a %s value)", box.name, t)
  end
  return true, ...
end

--- Calls `f(...)` in the box: on a coroutine of its own, with the hook,
-- the safe string library behind every string's methods and the memory
-- budget. Never raises.
-- @treturn[1] boolean true, then what f returned
-- @treturn[2] boolean false
-- @treturn[2] string why: the error, or which budget ran out, naming the script
-- @treturn[2] string "ENOMEM" when the program itself ran out of memory
function Box:call(f, ...)
  if not M.available then
    return false, self.name .. ": this Lua has no debug.sethook to bound policy code " ..
                  "(trust the policy to run it unbounded)"
  end
  if active then return false, self.name .. ": policy code may not call policy code" end
  if self.left <= 0 then
    return false, format("%s: ran past its budget of %d instructions", self.name, self.limit)
  end
  local co = create(f)
  self.co, self.exhausted, self.gross = co, nil, 0
  self.next_collect = self.memory / 2
  if jit then -- LuaJIT's hooks are the whole state's: the host's comes back after
    local h, m, c = dbg.gethook()
    if type(h) == "function" then self.host_hook = { h, m, c } end
  end
  sethook(co, hook, "", COUNT)
  if jit and jit.status() then -- the compiler too allocates, and it does not
    self.jit_was_on = true     -- survive an allocation the budget refuses
    jit.off()
  end
  active = self
  self.saved_index = rawget(string_mt, "__index")
  rawset(string_mt, "__index", S)
  if budget then budget:start(self.memory) end
  return finish(self, resume(co, ...))
end

return M
