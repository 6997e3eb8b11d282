--- precis.json: a small JSON encoder whose output is the same on every run.
--
-- Lua tables have no key order, so objects that need one are built with
-- `json.object(keys, values)`; other tables with string keys are written with
-- their keys sorted. Strings are written as UTF-8: invalid bytes become
-- U+FFFD, so the output is always valid JSON.
-- @module precis.json

local compat = require "precis.compat"

local concat, sort = table.concat, table.sort
local format, byte, gsub, sub, find =
  string.format, string.byte, string.gsub, string.sub, string.find
local utf8len, isint = compat.utf8len, compat.isint
local huge = math.huge
local type, pairs, ipairs, next, setmetatable, getmetatable, error, tostring =
  type, pairs, ipairs, next, setmetatable, getmetatable, error, tostring

local M = {}

local object_mt = { __name = "precis.json.object" }
local array_mt = { __name = "precis.json.array" }

--- A value that encodes as `null`.
M.null = setmetatable({}, { __name = "precis.json.null",
                            __tostring = function() return "null" end })

--- An object whose keys are written in the given order.
-- Keys whose value is nil are left out.
-- @tparam {string,...} keys the keys, in output order
-- @tparam table values the values by key
-- @treturn table a value for `encode`
function M.object(keys, values)
  return setmetatable({ keys = keys, values = values }, object_mt)
end

--- A table that encodes as an array, even when empty.
-- @tparam[opt] table t a sequence
-- @treturn table `t` (or a new empty table), marked as an array
function M.array(t)
  return setmetatable(t or {}, array_mt)
end

local REPLACEMENT = "\239\191\189" -- U+FFFD

--- `s` with every byte that is not part of valid UTF-8 replaced by U+FFFD.
-- @tparam string s any bytes
-- @treturn string valid UTF-8 (`s` itself when it already was)
function M.clean_utf8(s)
  if utf8len(s) then return s end
  local out, i = {}, 1
  while true do
    local ok, bad = utf8len(s, i)
    if ok then
      out[#out + 1] = sub(s, i)
      return concat(out)
    end
    out[#out + 1] = sub(s, i, bad - 1)
    out[#out + 1] = REPLACEMENT
    i = bad + 1
  end
end

local escapes = {
  ['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f",
  ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t",
}

local function escape_char(c)
  return escapes[c] or format("\\u%04x", byte(c))
end

-- A NUL cannot stand in a pattern of Lua 5.1: plain search finds it.
local function escape_nul(s)
  if not find(s, "\0", 1, true) then return s end
  local out, i = {}, 1
  while true do
    local z = find(s, "\0", i, true)
    if not z then break end
    out[#out + 1] = sub(s, i, z - 1)
    out[#out + 1] = "\\u0000"
    i = z + 1
  end
  out[#out + 1] = sub(s, i)
  return concat(out)
end

local function encode_string(s)
  s = escape_nul(gsub(M.clean_utf8(s), '[\1-\31"\\\127]', escape_char))
  -- line and paragraph separators: valid JSON, but not valid JavaScript
  s = gsub(s, "\226\128\168", "\\u2028")
  s = gsub(s, "\226\128\169", "\\u2029")
  return '"' .. s .. '"'
end

-- Whole numbers as integers, whether the Lua has an integer type or not,
-- so that every Lua writes the same bytes.
local function encode_number(x)
  if isint(x) then return format("%d", x) end
  if x ~= x or x == huge or x == -huge then
    error("cannot encode a non-finite number in JSON", 0)
  end
  local s = gsub(format("%.6g", x), ",", ".") -- whatever LC_NUMERIC says
  return s
end

local encode

local function encode_table(t, out, depth)
  if depth > 100 then error("cannot encode tables nested this deeply", 0) end
  local mt = getmetatable(t)
  if mt == object_mt then
    out[#out + 1] = "{"
    local first = true
    for _, k in ipairs(t.keys) do
      local v = t.values[k]
      if v ~= nil then
        if not first then out[#out + 1] = "," end
        first = false
        out[#out + 1] = encode_string(k)
        out[#out + 1] = ":"
        encode(v, out, depth + 1)
      end
    end
    out[#out + 1] = "}"
  elseif mt == array_mt or t[1] ~= nil or next(t) == nil then
    out[#out + 1] = "["
    for i = 1, #t do
      if i > 1 then out[#out + 1] = "," end
      encode(t[i], out, depth + 1)
    end
    out[#out + 1] = "]"
  else
    local keys = {}
    for k in pairs(t) do
      if type(k) ~= "string" then
        error("cannot encode a table with a " .. type(k) .. " key in JSON", 0)
      end
      keys[#keys + 1] = k
    end
    sort(keys)
    encode_table(M.object(keys, t), out, depth)
  end
end

function encode(v, out, depth)
  local tv = type(v)
  if v == nil or v == M.null then
    out[#out + 1] = "null"
  elseif tv == "boolean" then
    out[#out + 1] = v and "true" or "false"
  elseif tv == "number" then
    out[#out + 1] = encode_number(v)
  elseif tv == "string" then
    out[#out + 1] = encode_string(v)
  elseif tv == "table" then
    encode_table(v, out, depth)
  else
    error("cannot encode a " .. tostring(tv) .. " in JSON", 0)
  end
end

--- Encodes a value as one line of JSON.
-- @param v nil, a boolean, a finite number, a string or a table
-- @treturn string the JSON text
function M.encode(v)
  local out = {}
  encode(v, out, 0)
  return concat(out)
end

return M
