--- precis.policy: summary policies. A policy is a YAML file that says how
-- one kind of document is summarized: how to clean it, which scorers with
-- which weights, the length, the redundancy control, the order and the
-- output. The C core reads the YAML (`core.load_yaml`, which keeps every
-- key's line and column); this module gives it meaning: the schema,
-- defaults, `extends`, files holding several policies, the built-in
-- library (`precis.policies`) and scorers and filters written in Lua.
--
-- Every failure that comes from a policy is returned as `nil, message,
-- "EPOLICY"`, the message being "FILE:LINE:COL: what" (one line per
-- error when a file has several). Misuse raises.
-- See docs/policies.md for every key.
-- @module precis.policy

local core = require "precis.core"
local input = require "precis.input"
local builtin_texts = require "precis.policies"
local sandbox = require "precis.sandbox"
local compat = require "precis.compat"

local type, pairs, ipairs, tostring, tonumber, select, error, pcall =
  type, pairs, ipairs, tostring, tonumber, select, error, pcall
local setmetatable, getmetatable, next =
  setmetatable, getmetatable, next
local isint, huge, floor, min, max =
  compat.isint, math.huge, math.floor, math.min, math.max
local concat, sort, insert = table.concat, table.sort, table.insert
local format, gsub, match, find, sub, lower, rep, byte =
  string.format, string.gsub, string.match, string.find, string.sub,
  string.lower, string.rep, string.byte
local open = io.open

local M = {}

--- The schema version this module reads (a policy's `schema:` key).
M.SCHEMA = 1

local MAX_ERRORS = 20  -- per file, as compilers stop somewhere
local MAX_CHAIN = 32   -- extends depth: far past any real chain
local MAX_FILE_BYTES = 1024 * 1024 -- as yaml.c's PRECIS_YAML_MAX_BYTES

--- The engine's limit on a summary's input, when nothing sets
-- `input.max_bytes` (PRECIS_MAX_INPUT_BYTES in include/precis.h).
M.MAX_INPUT_BYTES = input.MAX_INPUT_BYTES

-- ---------------------------------------------------------------------
-- Names the engine knows
-- ---------------------------------------------------------------------

local BUILTIN_SCORERS = {}
for _, name in ipairs(core.scorers()) do BUILTIN_SCORERS[name] = true end
local SELECTORS = core.selectors and core.selectors() or { "mmr" }

-- other names a policy may use for a built-in scorer
local SCORER_ALIASES = { centrality = "textrank", lead = "position" }

-- Tuning parameters the engine documents (include/precis.h), with their
-- defaults: `show` prints them, and they feed "did you mean". The core
-- stays the judge of names and ranges, so a parameter added to the
-- engine works in a policy before it is listed here.
local PARAM_DEFAULTS = {
  ["position.decay"] = 0.25,
  ["lexrank.threshold"] = 0.1, ["lexrank.continuous"] = 0,
  ["lexrank.damping"] = 0.85,
  ["textrank.damping"] = 0.85, ["textrank.similarity"] = 0,
  ["luhn.threshold"] = 0,
  ["pacsum.lambda1"] = -1, ["pacsum.lambda2"] = 1, ["pacsum.beta"] = 0,
  ["edmundson.cue"] = 1, ["edmundson.key"] = 0, ["edmundson.title"] = 1,
  ["edmundson.location"] = 1,
  ["lsa.dimensions"] = 0,
  ["rank.bias"] = 0,
  ["submodular.alpha"] = 5, ["submodular.lambda"] = 6, ["submodular.r"] = 0.3,
  ["redundancy.lambda"] = 0.85, ["redundancy.max_sim"] = 0.9,
  ["redundancy.near_duplicate"] = 0.5,
  ["sentence.min_words"] = 4, ["sentence.max_words"] = 80,
  ["input.boilerplate"] = 1, ["input.heading_words"] = 20, ["input.unwrap"] = -1,
  ["input.max_bytes"] = M.MAX_INPUT_BYTES,
}
local PARAM_NAMES = {}
for name in pairs(PARAM_DEFAULTS) do PARAM_NAMES[#PARAM_NAMES + 1] = name end
sort(PARAM_NAMES)

-- the parameters of scorer `name` ("decay" for "position"), sorted
local function scorer_params(name)
  local out = {}
  for _, p in ipairs(PARAM_NAMES) do
    local s, k = match(p, "^([^.]+)%.(.+)$")
    if s == name then out[#out + 1] = k end
  end
  return out
end

-- The engine's defaults, as a policy says them (the `default` built-in
-- states none of its own). spec/policy_spec.lua checks that a policy of
-- these values summarizes exactly as the engine does with none.
local DEFAULTS = {
  language = "auto",
  input = { format = "text", drop_lines = {}, boilerplate = true, rules = {}, unwrap = "auto",
            heading_words = 20, max_bytes = M.MAX_INPUT_BYTES,
            invalid_utf8 = "error", encoding = "utf-8", min_words = 4, max_words = 80 },
  length = { unit = "sentences", value = 3 },
  scorers = { { name = "position", weight = 1 }, { name = "textrank", weight = 1 },
              { name = "title", weight = 0.3 } },
  filters = {},
  redundancy = { method = "mmr", lambda = 0.85, max_similarity = 0.9,
                 near_duplicate = 0.5 },
  order = "document",
  output = { format = "text", scores = false },
  params = {},
}

-- ---------------------------------------------------------------------
-- Lua scorers and filters
-- ---------------------------------------------------------------------

-- name -> { fn =, document = bool, box = the sandbox of the policy code
-- that registered it (none for trusted code) }
local lua_scorers = {}
local lua_filters = {}

local function check_hook(what, name, fn, how, level)
  level = level + 1
  if type(name) ~= "string" or not find(name, "^[%a_][%w_%-]*$") then
    error(format("bad argument #1 to '%s' (a name of letters, digits, '_' or '-' expected, got %s)",
                 what, type(name) == "string" and "'" .. name .. "'" or type(name)), level)
  end
  if type(fn) ~= "function" then
    error(format("bad argument #2 to '%s' (function expected, got %s)", what, type(fn)), level)
  end
  if how ~= nil and how ~= "sentence" and how ~= "document" then
    error(format("bad argument #3 to '%s' ('sentence' or 'document' expected, got %s)",
                 what, tostring(how)), level)
  end
end

--- Registers a scorer written in Lua (`precis.scorer`).
-- @tparam string name how policies name it (not a built-in scorer's name)
-- @tparam function fn `fn(sentence, context) -> number|nil`, or with `how`
-- "document", `fn(sentences, context) -> { number|nil, ... }`
-- @tparam[opt] string how "sentence" (default) or "document"
-- @tparam[opt] integer level the stack level to blame on misuse
-- @param[opt] box the sandbox of the policy code that registers it
function M.register_scorer(name, fn, how, level, box)
  level = (level or 1) + 1
  check_hook("scorer", name, fn, how, level)
  if BUILTIN_SCORERS[name] or SCORER_ALIASES[name] then
    error(format("bad argument #1 to 'scorer' ('%s' is a built-in scorer)", name), level)
  end
  if box and lua_scorers[name] and not lua_scorers[name].box then
    error(format("bad argument #1 to 'scorer' ('%s' is registered by trusted code)", name), level)
  end
  lua_scorers[name] = { fn = fn, document = how == "document", box = box }
end

--- Registers a filter written in Lua (`precis.filter`): it drops the
-- sentences for which it returns true.
-- @tparam string name how policies name it
-- @tparam function fn `fn(sentence, context) -> boolean`, or with `how`
-- "document", `fn(sentences, context) -> { boolean, ... }`
-- @tparam[opt] string how "sentence" (default) or "document"
function M.register_filter(name, fn, how, level, box)
  level = (level or 1) + 1
  check_hook("filter", name, fn, how, level)
  if box and lua_filters[name] and not lua_filters[name].box then
    error(format("bad argument #1 to 'filter' ('%s' is registered by trusted code)", name), level)
  end
  lua_filters[name] = { fn = fn, document = how == "document", box = box }
end

--- Is `name` a registered Lua scorer?
function M.is_lua_scorer(name) return lua_scorers[name] ~= nil end

--- The names of the registered Lua scorers and filters, sorted.
function M.hooks()
  local s, f = {}, {}
  for name in pairs(lua_scorers) do s[#s + 1] = name end
  for name in pairs(lua_filters) do f[#f + 1] = name end
  sort(s)
  sort(f)
  return s, f
end

-- Built-in filters, in Lua like the ones users write.

local function trimmed_end(text)
  -- the last character that is not space, a closing quote or bracket
  local t = gsub(text, "[%s\"')%]]+$", "")
  t = gsub(t, "\226\128[\157\153]+$", "") -- ” ’
  return t
end

M.register_filter("questions", function(s)
  return sub(trimmed_end(s.text), -1) == "?"
end)

-- Built-in filters the core can run itself (a core parameter each), so
-- that a policy with no other hook segments its input once; CORE_FILTERS
-- is filled below, once the core can be asked.
local builtin_filters = { questions = lua_filters.questions }
local CORE_FILTERS = {}

local ATTRIBUTION = {
  "said", "says", "say", "told", "tells", "according to", "asked", "added",
  "wrote", "writes", "explained", "stated", "claimed", "warned", "noted",
  "insisted", "argued", "announced", "reported", "replied",
}

M.register_filter("unattributed_quotes", function(s)
  local t = gsub(s.text, "^%s+", "")
  local opens = sub(t, 1, 1) == "\"" or sub(t, 1, 3) == "\226\128\156" -- “
  if not opens then return false end
  local l = lower(t)
  for _, w in ipairs(ATTRIBUTION) do
    if find(l, "%f[%a]" .. w .. "%f[%A]") then return false end
  end
  return true
end)

M.register_filter("short", function(s, ctx)
  local n = ctx.params.words or 6
  return s.words < n
end)

-- ---------------------------------------------------------------------
-- Messages
-- ---------------------------------------------------------------------

-- Suggestions are for typos of short names: a longer word is no typo,
-- and a long list of names is not searched past its first ones.
local SUGGEST_MAX_LEN = 64
local SUGGEST_MAX_NAMES = 256

-- Optimal string alignment distance (Damerau-Levenshtein with adjacent
-- transpositions), for "did you mean"; three rows, reused.
local function distance(a, b)
  local la, lb = #a, #b
  local prev2, prev, cur = {}, {}, {}
  for j = 0, lb do prev[j] = j end
  for i = 1, la do
    cur[0] = i
    local ai, ai1 = byte(a, i), byte(a, i - 1)
    for j = 1, lb do
      local bj = byte(b, j)
      local v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai == bj and 0 or 1))
      if i > 1 and j > 1 and ai == byte(b, j - 1) and ai1 == bj then
        v = min(v, prev2[j - 2] + 1)
      end
      cur[j] = v
    end
    prev2, prev, cur = prev, cur, prev2
  end
  return prev[lb]
end

-- The candidate nearest to `word`, if near enough to be a likely typo.
local function nearest(word, candidates)
  if #word > SUGGEST_MAX_LEN then return nil end
  local best, bestd
  local limit = max(1, min(3, floor(#word / 3)))
  local lw = lower(word)
  for i, c in ipairs(candidates) do
    if i > SUGGEST_MAX_NAMES then break end
    local gap = #c - #word
    if gap <= limit and -gap <= limit then -- else the distance is past the limit
      local d = lower(c) == lw and 0 or distance(word, c)
      if d <= limit and (bestd == nil or d < bestd) then best, bestd = c, d end
    end
  end
  return best
end

-- " (did you mean 'x'?)" or ""; nothing is searched for an error that
-- the collector `E` (when given) will not report.
local function did_you_mean(word, candidates, E)
  if E and #E.list >= MAX_ERRORS then return "" end
  local n = nearest(word, candidates)
  return n and format(" (did you mean '%s'?)", n) or ""
end

-- A string as a message quotes it: a long one cut after EXCERPT bytes,
-- before a code point, never inside one.
local EXCERPT = 60
local function excerpt(s)
  s = tostring(s)
  if #s <= EXCERPT then return s end
  local n = EXCERPT
  while n > 0 do
    local c = byte(s, n + 1)
    if c < 0x80 or c >= 0xC0 then break end -- not a continuation byte
    n = n - 1
  end
  return sub(s, 1, n) .. "\226\128\166" -- …
end
M.excerpt = excerpt

-- A list of names for a message: the first ten, then how many more.
local function names_text(names)
  local shown = {}
  for i = 1, min(#names, 10) do shown[i] = excerpt(names[i]) end
  local t = concat(shown, ", ")
  if #names > 10 then t = t .. format(" and %d more", #names - 10) end
  return t
end

local function num(v)
  if isint(v) then return format("%d", v) end
  if v ~= v then return ".nan" end
  if v == huge then return ".inf" elseif v == -huge then return "-.inf" end
  local s = format("%.14g", v)
  return s
end

-- How a node reads in a message: "'abc'", "3", "a mapping".
local function describe(node)
  local k = node.kind
  if k == "string" then
    return format("'%s'%s", excerpt(node.value), node.quoted and tonumber(node.value)
                  and " (quoted, so a string)" or "")
  elseif k == "integer" or k == "float" then return num(node.value)
  elseif k == "boolean" then return tostring(node.value)
  elseif k == "null" then return "nothing"
  elseif k == "sequence" then return "a list"
  else return "a mapping" end
end

-- An error collector for one file: the first MAX_ERRORS errors, and how
-- many more there were.
local function new_errors(source)
  return { source = source, list = {}, more = 0 }
end

local function add_error(E, node, fmt, ...)
  local list = E.list
  if #list >= MAX_ERRORS then
    E.more = E.more + 1
    return
  end
  list[#list + 1] = { line = node.line or 0, col = node.col or 0,
                      source = E.source, msg = format(fmt, ...) }
end

local function render_errors(list, more, source)
  local lines = {}
  for _, e in ipairs(list) do
    if e.line > 0 then
      lines[#lines + 1] = format("%s:%d:%d: %s", e.source, e.line, e.col, e.msg)
    else -- a file that cannot be read has no position
      lines[#lines + 1] = format("%s: %s", e.source, e.msg)
    end
  end
  if more and more > 0 then
    lines[#lines + 1] = format("%s: \226\128\166 and %d more", source, more)
  end
  return concat(lines, "\n")
end

-- A single failure that is not a list (chains, missing files): raised
-- with this table and caught at the top of load.
local Failure = {}
local function fail_at(source, node, fmt, ...)
  error(setmetatable({ list = { { source = source, line = node and node.line or 0,
                                   col = node and node.col or 0,
                                   msg = format(fmt, ...) } } }, Failure), 0)
end

-- ---------------------------------------------------------------------
-- Reading nodes
-- ---------------------------------------------------------------------

-- `path` names the key in messages: "length.sentences".
local function want_map(E, node, path)
  if node.kind ~= "mapping" then
    add_error(E, node, "'%s' must be a mapping of keys, got %s", path, describe(node))
    return false
  end
  return true
end

local function want_string(E, node, path)
  if node.kind ~= "string" then
    add_error(E, node, "'%s' must be a string, got %s", path, describe(node))
    return nil
  end
  return node.value
end

local function want_bool(E, node, path)
  if node.kind ~= "boolean" then
    add_error(E, node, "'%s' must be true or false, got %s", path, describe(node))
    return nil
  end
  return node.value
end

local function want_enum(E, node, path, choices)
  if node.kind == "string" then
    for _, c in ipairs(choices) do if c == node.value then return c end end
  end
  add_error(E, node, "'%s' must be one of %s; got %s%s", path, concat(choices, ", "),
            describe(node), node.kind == "string" and did_you_mean(node.value, choices, E) or "")
  return nil
end

-- A number in a range; `lo_open`/`hi_open` exclude the bound; `integer`
-- wants a whole number (a float with no fraction is fine).
local function want_number(E, node, path, lo, hi, lo_open, hi_open, integer)
  local v = node.value
  if node.kind ~= "integer" and node.kind ~= "float" then
    add_error(E, node, "'%s' must be %s, got %s", path,
              integer and "a whole number" or "a number", describe(node))
    return nil
  end
  if v ~= v or v == huge or v == -huge then
    add_error(E, node, "'%s' must be a finite number, got %s", path, num(v))
    return nil
  end
  if integer and v ~= floor(v) then
    add_error(E, node, "'%s' must be a whole number, got %s", path, num(v))
    return nil
  end
  local below = lo and (lo_open and v <= lo or v < lo)
  local above = hi and (hi_open and v >= hi or v > hi)
  if below or above then
    if lo and hi and hi <= 1000 then -- a real interval: say it whole
      add_error(E, node, "'%s' must be in %s%s, %s%s, got %s", path,
                lo_open and "(" or "[", num(lo), num(hi), hi_open and ")" or "]", num(v))
    elseif below then
      add_error(E, node, "'%s' must be %s %s, got %s", path,
                lo_open and "above" or "at least", num(lo), num(v))
    else
      add_error(E, node, "'%s' must be %s %s, got %s", path,
                hi_open and "below" or "at most", num(hi), num(v))
    end
    return nil
  end
  if integer then v = floor(v) end
  return v
end

-- The entries of a mapping node, with unknown keys reported.
-- `known`: key -> handler(E, keynode, valuenode); `order` lists the keys
-- for suggestions; `where` is the mapping's path ("" at the top).
local function each_key(E, node, known, order, where)
  for i, k in ipairs(node.keys) do
    local h = known[k.value]
    if h then
      h(E, k, node.values[i])
    else
      add_error(E, k, "unknown key '%s'%s%s", excerpt(k.value),
                where ~= "" and format(" in '%s'", where) or "", did_you_mean(k.value, order, E))
    end
  end
end

-- A node as a plain Lua value (parameters of Lua scorers and filters).
local function plain(node)
  if node.kind == "mapping" then
    local t = {}
    for i, k in ipairs(node.keys) do t[k.value] = plain(node.values[i]) end
    return t
  elseif node.kind == "sequence" then
    local t = {}
    for i, it in ipairs(node.items) do t[i] = plain(it) end
    return t
  end
  return node.value
end

-- Does the core accept these options? nil, or its reason.
local function core_refuses(opts)
  local ok, s = pcall(core.new, opts)
  if ok then s:close(); return nil end
  s = tostring(s)
  return match(s, "^bad argument #%d+ to '[^']*' %((.*)%)$") or s
end

-- the summary orders and input formats the core takes
local ORDERS = {}
for _, o in ipairs({ "document", "score", "date" }) do
  if not core_refuses({ order = o }) then ORDERS[#ORDERS + 1] = o end
end
local INPUT_OPTION = not core_refuses({ input = "text" }) -- a core that reads formats
if not core_refuses({ params = { ["filter.questions"] = 1 } }) then
  CORE_FILTERS.questions = "filter.questions"
end
-- the engine's clean-up rules that can be switched one by one
local RULES = {}
for _, r in ipairs({ "markup", "navigation", "credit", "caption", "advertisement", "promo",
                     "byline", "dateline", "repeat", "salutation", "mail_header", "leader",
                     "separator", "consent", "share", "related", "sidebar", "comments",
                     "hidden", "code" }) do
  if not core_refuses({ params = { ["input.rule." .. r] = 1 } }) then RULES[#RULES + 1] = r end
end
local FORMATS = { "text" }
for _, f in ipairs({ "markdown", "html" }) do
  if INPUT_OPTION and not core_refuses({ input = f }) then FORMATS[#FORMATS + 1] = f end
end

-- ---------------------------------------------------------------------
-- The schema: one policy's mapping -> its layer of settings
-- ---------------------------------------------------------------------

-- A layer holds what one policy sets: language, query, description, order
-- (strings); input, redundancy, output, params (maps, merged key by key
-- over the parent's); length ({unit, value}), scorers and filters (lists,
-- replacing the parent's); extends and lua (how it is built). Each value
-- keeps its node in layer.at[key] for later messages.

local TOP_KEYS = { "schema", "policy", "description", "extends", "lua", "language",
                   "query", "input", "length", "scorers", "filters", "redundancy",
                   "order", "output", "params" }
local INPUT_KEYS = { "format", "drop_lines", "boilerplate", "rules", "unwrap",
                     "heading_words", "max_bytes", "invalid_utf8", "encoding", "min_words",
                     "max_words" }
local LENGTH_KEYS = { "sentences", "words", "chars", "ratio" }
local REDUNDANCY_KEYS = { "method", "lambda", "max_similarity", "near_duplicate" }
local OUTPUT_KEYS = { "format", "scores" }
local METHODS = { "none" }
for _, s in ipairs(SELECTORS) do METHODS[#METHODS + 1] = s end

local function scorer_names()
  local names = {}
  for name in pairs(BUILTIN_SCORERS) do names[#names + 1] = name end
  for name in pairs(lua_scorers) do names[#names + 1] = name end
  for name in pairs(SCORER_ALIASES) do names[#names + 1] = name end
  sort(names)
  return names
end

local function filter_names()
  local names = {}
  for name in pairs(lua_filters) do names[#names + 1] = name end
  sort(names)
  return names
end

-- An engine parameter `name` = `value`, checked by the core; reported at
-- `node` as `path`.
local function engine_param(E, node, path, name, value)
  local why = core_refuses({ params = { [name] = value } })
  if not why then return value end
  if find(why, "^unknown parameter") then return false, "unknown" end
  why = gsub(why, "^parameter '[^']*' ", "")
  add_error(E, node, "'%s' %s, got %s", path, why, num(value))
  return nil
end

-- A number or a boolean (as 1/0) for an engine parameter
local function param_value(E, node, path)
  if node.kind == "boolean" then return node.value and 1 or 0 end
  return want_number(E, node, path)
end

local function read_input(E, layer, node)
  if not want_map(E, node, "input") then return end
  local input = {}
  local function int_key(key, lo, hi)
    return function(_, _, v)
      input[key] = want_number(E, v, "input." .. key, lo, hi, false, false, true)
      layer.pos["input." .. key] = { source = E.source, line = v.line, col = v.col }
    end
  end
  each_key(E, node, {
    format = function(_, _, v) input.format = want_enum(E, v, "input.format", FORMATS) end,
    drop_lines = function(_, _, v)
      local list = {}
      if v.kind == "string" then v = { kind = "sequence", items = { v } } end
      if v.kind ~= "sequence" then
        add_error(E, v, "'input.drop_lines' must be a list of patterns, got %s", describe(v))
        return
      end
      for _, item in ipairs(v.items) do
        local re = want_string(E, item, "input.drop_lines")
        if re then
          local why = core_refuses({ drop_lines = { re } })
          if why then add_error(E, item, "%s", why) else list[#list + 1] = re end
        end
      end
      input.drop_lines = list
    end,
    boilerplate = function(_, _, v) input.boilerplate = want_bool(E, v, "input.boilerplate") end,
    rules = function(_, _, v)
      if not want_map(E, v, "input.rules") then return end
      local rules = {}
      for i, k in ipairs(v.keys) do
        local on = want_bool(E, v.values[i], "input.rules." .. excerpt(k.value))
        if on ~= nil then
          local why = core_refuses({ params = { ["input.rule." .. k.value] = 1 } })
          if why then
            add_error(E, k, "unknown clean-up rule '%s' in 'input.rules'%s", excerpt(k.value),
                      did_you_mean(k.value, RULES, E))
          else
            rules[k.value] = on
          end
        end
      end
      input.rules = rules
    end,
    unwrap = function(_, _, v)
      if v.kind == "boolean" or (v.kind == "string" and v.value == "auto") then
        input.unwrap = v.value
      else
        add_error(E, v, "'input.unwrap' must be auto, true or false, got %s", describe(v))
      end
    end,
    heading_words = int_key("heading_words", 0, 1000),
    max_bytes = int_key("max_bytes", 1, nil),
    invalid_utf8 = function(_, _, v)
      input.invalid_utf8 = want_enum(E, v, "input.invalid_utf8", { "error", "replace" })
    end,
    encoding = function(_, _, v) -- of input that declares none: one iconv knows
      local name = want_string(E, v, "input.encoding")
      local why = name and core_refuses({ encoding = name })
      if why then add_error(E, v, "%s in 'input.encoding'", why)
      elseif name then input.encoding = name end
    end,
    min_words = int_key("min_words", 0, nil),
    max_words = int_key("max_words", 0, nil),
  }, INPUT_KEYS, "input")
  layer.input = input
end

local function read_length(E, layer, node)
  if not want_map(E, node, "length") then return end
  local first
  local function unit(key)
    return function(_, knode, v)
      if first then
        add_error(E, knode, "'length' takes one of %s, not both '%s' and '%s'",
                  concat(LENGTH_KEYS, ", "), first, key)
        return
      end
      first = key
      local value
      if key == "ratio" then
        value = want_number(E, v, "length.ratio", 0, 1, true, false)
      else
        value = want_number(E, v, "length." .. key, 1, 1e9, false, false, true)
      end
      if value then layer.length = { unit = key, value = value } end
    end
  end
  each_key(E, node, { sentences = unit("sentences"), words = unit("words"),
                      chars = unit("chars"), ratio = unit("ratio") },
           LENGTH_KEYS, "length")
  if #node.keys == 0 then
    add_error(E, node, "'length' needs one of %s", concat(LENGTH_KEYS, ", "))
  end
end

-- A scorer or filter named at `k` that is not registered, while the
-- policy's code is not run (policy check, policy show): it may come from
-- that code, which is only known once the whole chain is read.
local function defer(E, k, what, names, name)
  local S = E.S
  if not S or S.run_code then return false end
  S.deferred[#S.deferred + 1] = { source = E.source, node = k, what = what, names = names,
                                  name = name or k.value }
  return true
end

local function read_scorers(E, layer, node)
  if not want_map(E, node, "scorers") then return end
  local list, seen, names = {}, {}, scorer_names()
  for i, k in ipairs(node.keys) do
    local v, name = node.values[i], k.value
    local canonical = SCORER_ALIASES[name] or name
    local unrun = not BUILTIN_SCORERS[canonical] and not lua_scorers[canonical] and
                  defer(E, k, "scorer", names)
    if not BUILTIN_SCORERS[canonical] and not lua_scorers[canonical] and not unrun then
      add_error(E, k, "unknown scorer '%s'%s", excerpt(name), did_you_mean(name, names, E))
    elseif seen[canonical] then
      add_error(E, k, "scorer '%s' is given twice (as '%s' and '%s')", canonical,
                seen[canonical], name)
    else
      seen[canonical] = name
      local entry = { name = canonical, params = {}, at = k, lua = not BUILTIN_SCORERS[canonical] }
      if v.kind == "mapping" then
        local known = scorer_params(canonical)
        for j, pk in ipairs(v.keys) do
          local pv, pname = v.values[j], pk.value
          local path = format("scorers.%s.%s", name, pname)
          if pname == "weight" then
            entry.weight = want_number(E, pv, path, 0, nil)
          elseif entry.lua then
            entry.params[pname] = plain(pv)
          else
            local value = param_value(E, pv, path)
            if value then
              local ok, why = engine_param(E, pv, path, canonical .. "." .. pname, value)
              if ok then
                entry.params[pname] = value
              elseif why == "unknown" then
                local choices = { "weight" }
                for _, p in ipairs(known) do choices[#choices + 1] = p end
                add_error(E, pk, "unknown key '%s' in 'scorers.%s'%s", excerpt(pname), name,
                          did_you_mean(pname, choices, E))
              end
            end
          end
        end
        local has = false
        for _, pk in ipairs(v.keys) do has = has or pk.value == "weight" end
        if not has then entry.weight = 1 end -- parameters alone: weight 1
      else
        entry.weight = want_number(E, v, "scorers." .. name, 0, nil)
      end
      if entry.weight then list[#list + 1] = entry end
    end
  end
  layer.scorers = list
  layer.pos.scorers = { source = E.source, line = node.line, col = node.col }
end

local function read_filters(E, layer, node)
  local list, names = {}, filter_names()
  local function add(k, name, v)
    if not lua_filters[name] and not defer(E, k, "filter", names, name) then
      add_error(E, k, "unknown filter '%s'%s", excerpt(name), did_you_mean(name, names, E))
      return
    end
    local entry = { name = name, params = {}, at = k }
    if v == nil or (v.kind == "boolean" and v.value) then
      list[#list + 1] = entry
    elseif v.kind == "boolean" then
      return -- false: off
    elseif v.kind == "mapping" then
      entry.params = plain(v)
      list[#list + 1] = entry
    else
      add_error(E, v, "'filters.%s' must be true, false or a mapping of parameters, got %s",
                name, describe(v))
    end
  end
  if node.kind == "sequence" then
    for _, item in ipairs(node.items) do
      local name = want_string(E, item, "filters")
      if name then add(item, name) end
    end
  elseif node.kind == "mapping" then
    for i, k in ipairs(node.keys) do add(k, k.value, node.values[i]) end
  elseif node.kind ~= "null" then
    add_error(E, node, "'filters' must be a list of filter names, got %s", describe(node))
    return
  end
  layer.filters = list
end

local function read_redundancy(E, layer, node)
  if not want_map(E, node, "redundancy") then return end
  local r = {}
  each_key(E, node, {
    method = function(_, _, v) r.method = want_enum(E, v, "redundancy.method", METHODS) end,
    lambda = function(_, _, v) r.lambda = want_number(E, v, "redundancy.lambda", 0, 1) end,
    max_similarity = function(_, _, v)
      r.max_similarity = want_number(E, v, "redundancy.max_similarity", 0, 1, true, false)
    end,
    near_duplicate = function(_, _, v)
      r.near_duplicate = want_number(E, v, "redundancy.near_duplicate", 0, 1)
    end,
  }, REDUNDANCY_KEYS, "redundancy")
  layer.redundancy = r
end

local function read_output(E, layer, node)
  if not want_map(E, node, "output") then return end
  local o = {}
  each_key(E, node, {
    format = function(_, _, v) o.format = want_enum(E, v, "output.format", { "text", "json" }) end,
    scores = function(_, _, v) o.scores = want_bool(E, v, "output.scores") end,
  }, OUTPUT_KEYS, "output")
  layer.output = o
end

local function read_params(E, layer, node)
  if not want_map(E, node, "params") then return end
  local p = {}
  for i, k in ipairs(node.keys) do
    local v = node.values[i]
    local path = "params." .. excerpt(k.value)
    local value = param_value(E, v, path)
    if value then
      local ok, why = engine_param(E, v, path, k.value, value)
      if ok then
        p[k.value] = value
      elseif why == "unknown" then
        add_error(E, k, "unknown engine parameter '%s'%s", excerpt(k.value),
                  did_you_mean(k.value, PARAM_NAMES, E))
      end
    end
  end
  layer.params = p
end

local function read_language(E, layer, node)
  local v = want_string(E, node, "language")
  if not v then return end
  local why = core_refuses({ language = v })
  if why then
    local names = core.languages()
    add_error(E, node, "%s%s", why, did_you_mean(v, names, E))
    return
  end
  layer.language = v
end

-- Where path `p`, written in `file`, leads: relative to that file, and
-- unless the policy is trusted, inside the folder of the policy being
-- loaded (S.anchor): no absolute path, no ".." out of it, no symbolic
-- link that leads out of it. Returns the path, or nil and why.
local function place(S, file, p)
  local absolute = sub(p, 1, 1) == "/"
  local full = M.normalize(absolute and p or file.dir .. p)
  if S.trust then return full end
  local function refuse(how)
    return nil, format("'%s' %s the policy's folder '%s'; trust the policy to allow it",
                       excerpt(p), how, S.anchor)
  end
  if absolute then return refuse("is an absolute path, outside") end
  local a = S.anchor
  if not (a == "." and full ~= ".." and sub(full, 1, 3) ~= "../" and sub(full, 1, 1) ~= "/"
          or sub(full, 1, #a + 1) == a .. "/") then
    return refuse("leads outside")
  end
  local real = core.realpath(full)
  if real then
    local root = S.real_anchor
    if not root then
      root = core.realpath(a) or a
      S.real_anchor = root
    end
    if root ~= "/" and sub(real, 1, #root + 1) ~= root .. "/" then
      return refuse("is a link that leads outside")
    end
  end
  return full
end

-- What a sandboxed script gets as `...`: the two calls that register.
local function script_api(box)
  return {
    scorer = function(name, fn, how) M.register_scorer(name, fn, how, 2, box) end,
    filter = function(name, fn, how) M.register_filter(name, fn, how, 2, box) end,
    _VERSION = core._VERSION,
  }
end

-- Runs the script at `path` (named at l.at) once per process: with the
-- program's own globals and the precis module when the policy is
-- trusted, else in a sandbox of its own.
local function run_script(S, E, l, path)
  local key = S.trust and path .. "\0trusted" or path
  if M.loaded_lua[key] then return end
  local text, why, code0 = M.read_file(path, sandbox.SCRIPT_BYTES)
  if code0 == "ENOMEM" then error("not enough memory", 0) end
  if not text then
    add_error(E, l.at, "cannot load '%s': %s", excerpt(l.path), why)
    return
  end
  local ok, err, code
  if S.trust then
    local chunk
    chunk, why = compat.load(text, "@" .. path, "t")
    if chunk then ok, err = pcall(chunk, package.loaded.precis or M) end
  else
    local box = sandbox.new(path, S.limits)
    local chunk
    chunk, why = box:load(text, "@" .. path)
    if chunk then ok, err, code = box:call(chunk, script_api(box)) end
  end
  if code == "ENOMEM" or (not ok and type(err) == "string" and
                          find(err, "not enough memory", 1, true) and S.trust) then
    error("not enough memory", 0) -- the program's, not the script's budget
  end
  if why then
    add_error(E, l.at, "cannot load '%s': %s", excerpt(l.path), why)
  elseif ok then
    M.loaded_lua[key] = true
  else
    add_error(E, l.at, "running '%s' failed: %s", excerpt(l.path),
              type(err) == "string" and err or "(error object is a " .. type(err) .. " value)")
  end
end

-- Reads one policy's mapping `node` into a layer. `file` is the file it
-- is in; `named` is its name when the file holds several (then `policy`
-- and `schema` belong to the file, not to it).
local function read_policy(E, node, file, named)
  local layer = { at = {}, pos = {} }
  local handlers = {
    schema = function(_, k, v)
      if named then
        add_error(E, k, "'schema' belongs at the top of the file, not in a policy")
        return
      end
      if v.kind == "integer" and v.value > M.SCHEMA then
        add_error(E, v, "written for policy schema %d; this precis reads schema %d",
                  v.value, M.SCHEMA)
        return
      end
      layer.schema = want_number(E, v, "schema", 1, M.SCHEMA, false, false, true)
    end,
    policy = function(_, k, v)
      if named then
        add_error(E, k, "policy '%s' is named by its key; 'policy' is not needed here",
                  excerpt(named))
        return
      end
      local name = want_string(E, v, "policy")
      if name and not find(name, "^[%w_][%w_.%-]*$") then
        add_error(E, v, "a policy name is letters, digits, '_', '.' or '-', got '%s'",
                  excerpt(name))
      else
        layer.name = name
      end
    end,
    description = function(_, _, v) layer.description = want_string(E, v, "description") end,
    extends = function(_, _, v)
      layer.extends = want_string(E, v, "extends")
      layer.at.extends = v
    end,
    lua = function(_, _, v)
      local list = {}
      local items = v.kind == "sequence" and v.items or { v }
      for _, item in ipairs(items) do
        local path = want_string(E, item, "lua")
        if path then list[#list + 1] = { path = path, at = item } end
      end
      layer.lua = list
    end,
    language = function(_, _, v) read_language(E, layer, v) end,
    query = function(_, _, v) layer.query = want_string(E, v, "query") end,
    input = function(_, _, v) read_input(E, layer, v) end,
    length = function(_, _, v) read_length(E, layer, v) end,
    scorers = function(_, _, v) layer.scorers_node = v end, -- after lua files
    filters = function(_, _, v) layer.filters_node = v end,
    redundancy = function(_, _, v) read_redundancy(E, layer, v) end,
    order = function(_, _, v) layer.order = want_enum(E, v, "order", ORDERS) end,
    output = function(_, _, v) read_output(E, layer, v) end,
    params = function(_, _, v) read_params(E, layer, v) end,
  }
  each_key(E, node, handlers, TOP_KEYS, "")
  -- Lua files first: they register the scorers and filters named below
  local S = E.S
  for _, l in ipairs(layer.lua or {}) do
    local path, why = place(S, file, l.path)
    if not path then
      add_error(E, l.at, "%s", why)
    elseif not S.run_code then -- policy check, policy show: where, not what
      S.code[#S.code + 1] = { path = path, source = E.source, line = l.at.line, col = l.at.col }
    else
      run_script(S, E, l, path)
    end
  end
  if layer.scorers_node then read_scorers(E, layer, layer.scorers_node) end
  if layer.filters_node then read_filters(E, layer, layer.filters_node) end
  layer.scorers_node, layer.filters_node = nil, nil
  return layer
end

-- ---------------------------------------------------------------------
-- Files, built-ins and extends
-- ---------------------------------------------------------------------

M.loaded_lua = {} -- Lua files already run, by normalized path

--- A path with "." and "dir/.." parts removed.
function M.normalize(path)
  local abs = sub(path, 1, 1) == "/"
  local parts = {}
  for p in path:gmatch("[^/]+") do
    if p == ".." and #parts > 0 and parts[#parts] ~= ".." then
      parts[#parts] = nil
    elseif p ~= "." then
      parts[#parts + 1] = p
    end
  end
  local s = concat(parts, "/")
  if abs then s = "/" .. s end
  return s ~= "" and s or "."
end

local function dirname(path)
  return match(path, "^(.*/)[^/]*$") or ""
end

-- Is `spec` a file (a path) rather than a built-in's name?
local function is_path(spec)
  return find(spec, "/", 1, true) ~= nil or find(spec, "%.ya?ml$") ~= nil
         or find(spec, "%.ya?ml#") ~= nil
end

local function builtin_source(name) return "<builtin>/" .. name .. ".yaml" end

--- The built-in policies' names, sorted.
function M.builtins()
  local names = {}
  for name in pairs(builtin_texts) do names[#names + 1] = name end
  sort(names)
  return names
end

-- Files and streams are read in bounded chunks by precis.input, which
-- the command loads without this module.
M.read_file = input.read_file
M.read_stream = input.read_stream

-- Reads and parses one file (cached per load call in `cache`).
-- Returns the file record, or raises a Failure for `via` (the extends
-- node that asked for it) when it cannot be read.
local function load_file(cache, path, text, source, via, builtin)
  local key = text and source or path
  if cache[key] then return cache[key] end
  if not text then
    local why, code
    text, why, code = M.read_file(path, MAX_FILE_BYTES)
    if code == "ENOMEM" then error("not enough memory", 0) end
    if not text then
      if via then fail_at(via.source, via.node, "cannot read '%s': %s%s", excerpt(via.spec),
                          why, via.chain .. " -> " .. path .. ")") end
      fail_at(path, nil, "%s", why)
    end
  end
  -- the source is added here: the core's error struct would cut long paths
  local root, msg, code = core.load_yaml(text, "")
  if code == "ENOMEM" then error("not enough memory", 0) end
  if not root then error(setmetatable({ text = source .. ":" .. msg }, Failure), 0) end
  local file = { path = path, source = source, dir = path and dirname(path) or "",
                 root = root, builtin = builtin }
  -- several policies: policies: { name: {...} }
  local E = new_errors(source)
  for i, k in ipairs(root.keys) do
    if k.value == "policies" then
      file.multi = root.values[i]
      if want_map(E, file.multi, "policies") then
        file.names = {}
        for j, pk in ipairs(file.multi.keys) do
          file.names[#file.names + 1] = pk.value
          local body = file.multi.values[j]
          if body.kind ~= "mapping" then
            add_error(E, body, "policy '%s' must be a mapping of keys, got %s",
                      excerpt(pk.value), describe(body))
          end
        end
        if #file.names == 0 then add_error(E, file.multi, "'policies' names no policy") end
      end
    end
  end
  if file.multi then
    for _, k in ipairs(root.keys) do
      if k.value ~= "policies" and k.value ~= "schema" then
        add_error(E, k, "a file with 'policies' holds only 'schema' and 'policies', not '%s'",
                  excerpt(k.value))
      end
    end
  end
  if #E.list > 0 then error(setmetatable({ list = E.list, more = E.more }, Failure), 0) end
  cache[key] = file
  return file
end

-- The body node of policy `name` in `file` (nil name: the only one).
local function pick(file, name, via)
  if not file.multi then
    return file.root, nil
  end
  if name == nil then
    if #file.names == 1 then name = file.names[1]
    else
      local where = via and via.node
      if via then
        fail_at(via.source, where, "'%s' holds %d policies (%s); name one as %s#NAME",
                excerpt(via.spec), #file.names, names_text(file.names), excerpt(via.spec))
      end
      fail_at(file.source, nil, "the file holds %d policies (%s); name one as %s#NAME",
              #file.names, names_text(file.names), file.source)
    end
  end
  for i, k in ipairs(file.multi.keys) do
    if k.value == name then return file.multi.values[i], name end
  end
  return nil, name
end

local function chain_text(chain, last)
  local names = {}
  for i, c in ipairs(chain) do names[i] = c.display end
  if last then names[#names + 1] = last end
  return concat(names, " -> ")
end

-- Settings merge: a child's layer over its parent's resolved settings.
local MERGED = { input = true, redundancy = true, output = true, params = true }
local function merge(parent, layer)
  local out = {}
  for k, v in pairs(parent) do out[k] = v end
  out.pos = {}
  for k, v in pairs(parent.pos or {}) do out.pos[k] = v end
  for k, v in pairs(layer.pos) do out.pos[k] = v end
  for _, k in ipairs({ "language", "query", "length", "scorers", "filters", "order" }) do
    if layer[k] ~= nil then out[k] = layer[k] end
  end
  for k in pairs(MERGED) do
    if layer[k] then
      local m = {}
      for kk, vv in pairs(parent[k] or {}) do m[kk] = vv end
      for kk, vv in pairs(layer[k]) do m[kk] = vv end
      if k == "input" and layer.input.rules and (parent.input or {}).rules then
        local r = {} -- rules merge too: they are switches, not a list
        for kk, vv in pairs(parent.input.rules) do r[kk] = vv end
        for kk, vv in pairs(layer.input.rules) do r[kk] = vv end
        m.rules = r
      end
      out[k] = m
    end
  end
  out.extends, out.lua, out.schema, out.name, out.description, out.at = nil
  return out
end

local resolve

-- Resolves `spec` as written in an extends at node `node` of `file`.
local function resolve_extends(S, file, self_name, spec, node, chain)
  local via = { source = file.source, node = node, spec = spec,
                chain = format(" (extends chain: %s", chain_text(chain)) }
  if is_path(spec) then
    local p, name = match(spec, "^(.-)#(.*)$")
    local why
    p, why = place(S, file, p or spec)
    if not p then fail_at(file.source, node, "%s%s -> %s)", why, via.chain, excerpt(spec)) end
    local target = load_file(S.cache, p, nil, p, via)
    return resolve(S, target, name ~= "" and name or nil, chain, via)
  end
  if file.multi and spec ~= self_name then
    for _, n in ipairs(file.names) do
      if n == spec then return resolve(S, file, spec, chain, via) end
    end
  end
  local text = builtin_texts[spec]
  if not text then
    local candidates = M.builtins()
    if file.multi then for _, n in ipairs(file.names) do candidates[#candidates + 1] = n end end
    fail_at(file.source, node, "no policy named '%s'%s; the built-ins are %s%s -> %s)",
            excerpt(spec), did_you_mean(spec, candidates), concat(M.builtins(), ", "),
            via.chain, excerpt(spec))
  end
  local target = load_file(S.cache, nil, text, builtin_source(spec), via, true)
  return resolve(S, target, nil, chain, via)
end

-- Resolves policy `name` of `file`: its settings after extends (without
-- the defaults). `chain` lists what is being resolved, for cycles.
function resolve(S, file, name, chain, via)
  local body, picked = pick(file, name, via)
  if not body then
    if via then
      fail_at(via.source, via.node, "'%s' has no policy named '%s' (it has %s)%s -> %s#%s)",
              file.source, excerpt(name), names_text(file.names), via.chain, file.source,
              excerpt(name))
    end
    fail_at(file.source, nil, "the file has no policy named '%s' (it has %s)", excerpt(name),
            names_text(file.names))
  end
  local id = (file.path or file.source) .. "#" .. (picked or "")
  local display = file.builtin and (match(file.source, "([^/]+)%.yaml$") .. " (built-in)")
                  or (picked and file.source .. "#" .. picked or file.source)
  for _, c in ipairs(chain) do
    if c.id == id then
      fail_at(via.source, via.node, "extends cycle: %s", chain_text(chain, display))
    end
  end
  if #chain >= MAX_CHAIN then
    fail_at(via.source, via.node, "extends chain longer than %d: %s", MAX_CHAIN,
            chain_text(chain, display))
  end
  local E = new_errors(file.source)
  E.S = S
  local layer = read_policy(E, body, file, picked)
  if #E.list > 0 then error(setmetatable({ list = E.list, more = E.more }, Failure), 0) end
  local here = { id = id, display = display }
  local sub_chain = {}
  for i, c in ipairs(chain) do sub_chain[i] = c end
  sub_chain[#sub_chain + 1] = here
  local parent = {}
  local lineage = {}
  if layer.extends then
    local p
    p, lineage = resolve_extends(S, file, picked, layer.extends, layer.at.extends, sub_chain)
    parent = p
  end
  local settings = merge(parent, layer)
  local lin = { display }
  for _, d in ipairs(lineage) do lin[#lin + 1] = d end
  local resolved_name = picked or layer.name
  if not resolved_name then
    resolved_name = match(file.source, "([^/]+)$")
    resolved_name = gsub(resolved_name, "%.ya?ml$", "")
  end
  settings.pos.policy = settings.pos.policy
    or { source = file.source, line = body.line, col = body.col }
  return settings, lin, { name = resolved_name, description = layer.description }
end

local Policy = {}
M.Policy = Policy
Policy.__index = Policy
Policy.__name = "precis.Policy"
function Policy:__tostring() return format("precis.Policy (%s)", self.name) end

-- A failure that is no policy error: out of memory, or a fault of this
-- module; returned like the others, never raised, naming what was loaded.
local function unexpected(e, what)
  local msg = type(e) == "string" and e or tostring(type(e))
  if find(msg, "not enough memory", 1, true) then
    return nil, format("%s: out of memory", excerpt(what)), "ENOMEM"
  end
  return nil, format("%s: cannot load the policy: %s", excerpt(what), msg), "EPOLICY"
end

-- The folder a policy's paths may not leave: the one of `path`, "." for
-- none.
local function anchor_of(path)
  local dir = path and dirname(path) or ""
  if dir == "" then return "." end
  return M.normalize(dir)
end

-- The errors for scorers and filters that no code registered, when the
-- code was not run and there is none.
local function deferred_errors(S)
  local list, more = {}, 0
  for _, d in ipairs(S.deferred) do
    if #list < MAX_ERRORS then
      list[#list + 1] = { source = d.source, line = d.node.line, col = d.node.col,
                          msg = format("unknown %s '%s'%s", d.what, excerpt(d.name),
                                       did_you_mean(d.name, d.names)) }
    else
      more = more + 1
    end
  end
  return list, more
end

-- Loads `spec` (a built-in name, a path, "path#name") or `text`, as
-- `opts` says (see M.load).
local function load(spec, text, source, opts)
  local S = { cache = {}, trust = opts.trust == true, run_code = opts.code ~= false,
              limits = { instructions = opts.instructions, memory = opts.memory },
              code = {}, deferred = {} }
  local ok, settings, lineage, info = pcall(function()
    if text then
      local path = source and source ~= "" and source or nil
      S.anchor = anchor_of(path)
      local file = load_file(S.cache, path, text, source or "<string>")
      return resolve(S, file, nil, {})
    end
    if type(spec) ~= "string" or spec == "" then
      fail_at("<policy>", nil, "no policy named")
    end
    if is_path(spec) then
      local p, name = match(spec, "^(.-)#(.*)$")
      p = p or spec
      S.anchor = anchor_of(p)
      local file = load_file(S.cache, p, nil, p)
      return resolve(S, file, name ~= "" and name or nil, {})
    end
    local t = builtin_texts[spec]
    if not t then
      error(setmetatable({ text = format("no built-in policy named '%s'%s (the built-ins are %s; a file needs a path such as ./%s.yaml)",
                                         excerpt(spec), did_you_mean(spec, M.builtins()),
                                         concat(M.builtins(), ", "), excerpt(spec)) }, Failure), 0)
    end
    S.trust, S.anchor = true, "." -- built-ins are trusted
    return resolve(S, load_file(S.cache, nil, t, builtin_source(spec), nil, true), nil, {})
  end)
  if ok and #S.deferred > 0 and #S.code == 0 then
    ok, settings = false, setmetatable({}, Failure)
    settings.list, settings.more = deferred_errors(S)
  end
  if not ok then
    local f = settings
    if getmetatable(f) ~= Failure then return unexpected(f, text and (source or "<string>") or spec) end
    if f.text then return nil, f.text, "EPOLICY" end
    sort(f.list, function(x, y)
      if x.line ~= y.line then return x.line < y.line end
      return x.col < y.col
    end)
    return nil, render_errors(f.list, f.more, f.list[1] and f.list[1].source), "EPOLICY"
  end
  local p = setmetatable({ name = info.name, description = info.description,
                           lineage = lineage, settings = settings, code = S.code,
                           trusted = S.trust, unrun = #S.code > 0 and not S.run_code or nil },
                         Policy)
  local copts, why, where
  ok, copts, why, where = pcall(M.options, p)
  if not ok then return unexpected(copts, text and (source or "<string>") or spec) end
  if not copts then
    return nil, format("%s:%d:%d: %s", where.source, where.line, where.col, why), "EPOLICY"
  end
  return p
end

--- Loads a policy: a built-in's name ("news"), a file's path ("my.yaml",
-- "./news", anything with a "/" or ending in .yaml/.yml), or "path#name"
-- for one of the policies of a file that holds several.
-- @treturn[1] table a `precis.Policy` (`name`, `description`, `lineage`:
-- the chain of policies it was resolved from, `settings`)
-- @treturn[2] nil
-- @treturn[2] string "FILE:LINE:COL: message" (several lines for several
-- errors)
-- @treturn[2] string "EPOLICY", or "ENOMEM" when memory ran out
function M.load(spec, opts)
  if type(spec) ~= "string" then
    error(format("bad argument #1 to 'load' (string expected, got %s)", type(spec)), 2)
  end
  return load(spec, nil, nil, M.check_load_options(opts, 2, "load"))
end

local LOAD_OPTIONS = { trust = "boolean", code = "boolean", instructions = "number",
                       memory = "number" }

--- Checks the options of a policy's load (misuse raises at `level`):
-- `trust` (run the policy's code with the program's globals, and let its
-- paths lead anywhere), `code` (false: never run it, as `policy check`
-- and `policy show` do), `instructions` and `memory` (the sandbox's
-- budgets, see precis.sandbox).
function M.check_load_options(opts, level, fname)
  level = level + 1
  if opts == nil then return {} end
  if type(opts) ~= "table" then
    error(format("bad argument #2 to '%s' (table expected, got %s)", fname, type(opts)), level)
  end
  for k, v in pairs(opts) do
    local want = LOAD_OPTIONS[k]
    if not want then
      error(format("bad argument #2 to '%s' (unknown option '%s')", fname, tostring(k)), level)
    end
    if type(v) ~= want or want == "number" and not (v > 0 and v < huge) then
      error(format("bad argument #2 to '%s' (option '%s' must be a %s%s)", fname, k,
                   want == "number" and "positive " or "", want), level)
    end
  end
  return opts
end

--- Loads a policy from YAML text; `source` names it in messages and, when
-- it is a path, anchors relative `extends` and `lua` paths.
function M.load_string(text, source, opts)
  if type(text) ~= "string" then
    error(format("bad argument #1 to 'load_string' (string expected, got %s)", type(text)), 2)
  end
  return load(nil, text, source, M.check_load_options(opts, 2, "load_string"))
end

-- ---------------------------------------------------------------------
-- A resolved policy -> core options and Lua hooks
-- ---------------------------------------------------------------------

-- The settings with every default filled in.
function M.effective(p)
  local s = p.settings
  local e = {}
  e.language = s.language or DEFAULTS.language
  e.query = s.query
  e.input = {}
  for k, v in pairs(DEFAULTS.input) do e.input[k] = v end
  for k, v in pairs(s.input or {}) do e.input[k] = v end
  e.length = s.length or DEFAULTS.length
  e.scorers = s.scorers or DEFAULTS.scorers
  e.filters = s.filters or DEFAULTS.filters
  e.redundancy = {}
  for k, v in pairs(DEFAULTS.redundancy) do e.redundancy[k] = v end
  for k, v in pairs(s.redundancy or {}) do e.redundancy[k] = v end
  if e.redundancy.method == "none" and not (s.redundancy and (s.redundancy.lambda
     or s.redundancy.max_similarity or s.redundancy.near_duplicate)) then
    e.redundancy.lambda, e.redundancy.max_similarity, e.redundancy.near_duplicate = 1, 1, 0
  end
  e.order = s.order or DEFAULTS.order
  e.output = {}
  for k, v in pairs(DEFAULTS.output) do e.output[k] = v end
  for k, v in pairs(s.output or {}) do e.output[k] = v end
  e.params = {}
  for k, v in pairs(s.params or {}) do e.params[k] = v end
  return e
end

--- The options a policy gives `core.new`, and its Lua hooks: only what
-- the policy (or a policy it extends) sets, so the engine's defaults stay
-- the engine's. Returns nil, a message and where ({source, line, col})
-- when the options do not fit together (input.max_words below
-- input.min_words, every weight 0).
function M.options(p)
  local s = p.settings
  local o, params = {}, {}
  o.language = s.language
  o.query = s.query
  if s.length then o[s.length.unit] = s.length.value end
  if s.order then o.order = s.order end
  local input = s.input or {}
  if input.format and INPUT_OPTION then o.input = input.format end
  if input.drop_lines and #input.drop_lines > 0 then o.drop_lines = input.drop_lines end
  if input.invalid_utf8 then o.invalid_utf8 = input.invalid_utf8 end
  if input.encoding then o.encoding = input.encoding end
  if input.min_words then params["sentence.min_words"] = input.min_words end
  if input.max_words then params["sentence.max_words"] = input.max_words end
  if input.boilerplate ~= nil then params["input.boilerplate"] = input.boilerplate and 1 or 0 end
  for name, on in pairs(input.rules or {}) do params["input.rule." .. name] = on and 1 or 0 end
  if input.unwrap ~= nil then
    params["input.unwrap"] = input.unwrap == "auto" and -1 or input.unwrap and 1 or 0
  end
  if input.heading_words then params["input.heading_words"] = input.heading_words end
  if input.max_bytes then params["input.max_bytes"] = input.max_bytes end
  local red = s.redundancy or {}
  if red.method == "none" then
    params["redundancy.lambda"], params["redundancy.max_sim"] = 1, 1
    params["redundancy.near_duplicate"] = 0
  elseif red.method then
    o.selector = red.method
  end
  if red.lambda then params["redundancy.lambda"] = red.lambda end
  if red.max_similarity then params["redundancy.max_sim"] = red.max_similarity end
  if red.near_duplicate then params["redundancy.near_duplicate"] = red.near_duplicate end
  local hooks = { policy = p.name, scorers = {}, filters = {} }
  if s.scorers then
    local weights, any = {}, false
    for _, sc in ipairs(s.scorers) do
      if sc.lua then
        hooks.scorers[#hooks.scorers + 1] = { name = sc.name, weight = sc.weight,
                                              params = sc.params }
      else
        weights[sc.name] = sc.weight
        any = any or sc.weight > 0
        for k, v in pairs(sc.params) do params[sc.name .. "." .. k] = v end
      end
    end
    local lua_weight = false
    for _, h in ipairs(hooks.scorers) do lua_weight = lua_weight or h.weight > 0 end
    if not any and not lua_weight then
      return nil, "every scorer has weight 0", s.pos.scorers or s.pos.policy
    end
    if not any then -- Lua scorers alone: the core still needs a mix
      weights = { position = 1 }
      hooks.only = true
    end
    o.weights = weights
  end
  for k, v in pairs(s.params or {}) do params[k] = v end
  for _, f in ipairs(s.filters or {}) do
    if CORE_FILTERS[f.name] and lua_filters[f.name] == builtin_filters[f.name] and
       not next(f.params or {}) then
      params[CORE_FILTERS[f.name]] = 1 -- the core runs it, in one pass
    else
      hooks.filters[#hooks.filters + 1] = { name = f.name, params = f.params }
    end
  end
  if next(params) then o.params = params end
  local why = core_refuses(o)
  if why then
    local where = s.pos.policy
    if find(why, "max_words") then
      where = s.pos["input.max_words"] or s.pos["input.min_words"] or where
    end
    return nil, why, where
  end
  return o, hooks
end

-- ---------------------------------------------------------------------
-- Running a policy's Lua scorers and filters
-- ---------------------------------------------------------------------

local function hook_error(policy, what, name, why)
  return format("policy '%s': %s '%s' failed: %s", policy, what, name, tostring(why))
end

-- The sentence tables hooks see, from a segmentation's units.
local function sentences_of(seg)
  local list, pos, per_doc = {}, {}, {}
  for k, u in ipairs(seg.units) do
    if u.kind == "sentence" then
      pos[u.doc] = (pos[u.doc] or 0) + 1
      list[#list + 1] = { text = u.text, doc = u.doc, index = u.index, unit = k,
                          position = pos[u.doc], words = u.words, chars = u.chars,
                          i = u.i, j = u.j }
    end
  end
  for d in pairs(pos) do per_doc[d] = pos[d] end
  return list, per_doc
end

local function context_of(seg, hooks, per_doc)
  local docs = {}
  for d, doc in ipairs(seg.documents) do
    docs[d] = { name = doc.name, sentences = per_doc[d] or 0 }
  end
  for _, u in ipairs(seg.units) do
    if u.kind == "title" and docs[u.doc] then docs[u.doc].title = u.text end
  end
  return { policy = hooks.policy, language = seg.language, documents = docs }
end

-- Runs every filter: drop[unit] = "filter:name" for dropped sentences.
-- What a hook of sandboxed code is given: copies, so that nothing it
-- does to them reaches the tables read here.
local function deep_copy(v)
  if type(v) ~= "table" then return v end
  local t = {}
  for k, x in pairs(v) do t[k] = deep_copy(x) end
  return t
end

local function public_args(keep, ctx)
  local pub, docs = {}, {}
  for k, s in ipairs(keep) do
    local c = {}
    for key, v in pairs(s) do c[key] = v end
    pub[k] = c
  end
  for d, doc in ipairs(ctx.documents) do
    docs[d] = { name = doc.name, sentences = doc.sentences, title = doc.title }
  end
  return pub, { policy = ctx.policy, language = ctx.language, documents = docs,
                sentences = pub, params = deep_copy(ctx.params) }
end

-- Calls hook `reg` on `arg` (a sentence, or the list of `n` sentences of
-- a document hook): ok, result. Sandboxed code runs in its box, and a
-- document hook's result is read into a plain list there, so that its
-- metamethods run within the budget.
local function invoke(reg, arg, ctx, n)
  if not reg.box then
    local ok, res = pcall(reg.fn, arg, ctx)
    if not ok and type(res) == "string" and find(res, "not enough memory", 1, true) then
      return false, res, "ENOMEM"
    end
    return ok, res
  end
  return reg.box:call(function()
    local res = reg.fn(arg, ctx)
    if not reg.document or type(res) ~= "table" then return res end
    local out = {}
    for k = 1, n do out[k] = res[k] end
    return out
  end)
end

-- Runs every filter: drop[unit] = "filter:name" for dropped sentences.
local function run_filters(hooks, list, ctx)
  local drop = {}
  for _, f in ipairs(hooks.filters) do
    local reg = lua_filters[f.name]
    if not reg then return nil, format("policy '%s': filter '%s' is not registered",
                                        hooks.policy, f.name) end
    ctx.params = f.params or {}
    local keep = {}
    for _, s in ipairs(list) do if not drop[s.unit] then keep[#keep + 1] = s end end
    ctx.sentences = keep
    local args, actx = keep, ctx
    if reg.box then args, actx = public_args(keep, ctx) end
    if reg.document then
      local ok, res, code = invoke(reg, args, actx, #keep)
      if code then return nil, "out of memory", code end
      if not ok then return nil, hook_error(hooks.policy, "filter", f.name, res) end
      if type(res) ~= "table" then
        return nil, hook_error(hooks.policy, "filter", f.name,
                               "it returned " .. type(res) .. ", not a list of booleans")
      end
      for k, s in ipairs(keep) do if res[k] then drop[s.unit] = "filter:" .. f.name end end
    else
      for k, s in ipairs(keep) do
        local ok, res, code = invoke(reg, args[k], actx)
        if code then return nil, "out of memory", code end
        if not ok then return nil, hook_error(hooks.policy, "filter", f.name, res) end
        if res then drop[s.unit] = "filter:" .. f.name end
      end
    end
  end
  return drop
end

local function check_score(policy, name, v, s)
  if v == nil then return nil end
  if type(v) ~= "number" or v ~= v or v == huge or v == -huge then
    return false, hook_error(policy, "scorer", name,
      format("it returned %s for sentence %d of document %d (a finite number or nil is needed)",
             type(v) == "number" and num(v) or type(v), s.position, s.doc))
  end
  return v
end

-- Runs every Lua scorer over the sentences left: { name, weight, values }
local function run_scorers(hooks, list, drop, ctx)
  local out = {}
  local keep = {}
  for _, s in ipairs(list) do if not drop[s.unit] then keep[#keep + 1] = s end end
  -- positions as the core will count them, with the drops gone
  local pos = {}
  for _, s in ipairs(keep) do
    pos[s.doc] = (pos[s.doc] or 0) + 1
    s.position = pos[s.doc]
  end
  for d, doc in ipairs(ctx.documents) do doc.sentences = pos[d] or 0 end
  ctx.sentences = keep
  for _, h in ipairs(hooks.scorers) do
    local reg = lua_scorers[h.name]
    if not reg then return nil, format("policy '%s': scorer '%s' is not registered",
                                        hooks.policy, h.name) end
    ctx.params = h.params or {}
    local args, actx = keep, ctx
    if reg.box then args, actx = public_args(keep, ctx) end
    local values = {}
    if reg.document then
      local ok, res, code = invoke(reg, args, actx, #keep)
      if code then return nil, "out of memory", code end
      if not ok then return nil, hook_error(hooks.policy, "scorer", h.name, res) end
      if type(res) ~= "table" then
        return nil, hook_error(hooks.policy, "scorer", h.name,
                               "it returned " .. type(res) .. ", not a list of numbers")
      end
      for k, s in ipairs(keep) do
        local v, why = check_score(hooks.policy, h.name, res[k], s)
        if v == false then return nil, why end
        values[s.unit] = v
      end
    else
      for k, s in ipairs(keep) do
        local ok, res, code = invoke(reg, args[k], actx)
        if code then return nil, "out of memory", code end
        if not ok then return nil, hook_error(hooks.policy, "scorer", h.name, res) end
        local v, why = check_score(hooks.policy, h.name, res, s)
        if v == false then return nil, why end
        values[s.unit] = v
      end
    end
    out[#out + 1] = { name = h.name, weight = h.weight, values = values }
  end
  return out
end

-- The bytes of a summary's input (a string, or a list of strings and
-- { text = } tables)
local function input_bytes(input)
  if type(input) == "string" then return #input end
  local n = 0
  for _, d in ipairs(input) do
    if type(d) == "string" then n = n + #d
    elseif type(d) == "table" and type(d.text) == "string" then n = n + #d.text end
  end
  return n
end

-- Gives the sandboxes of the hooks their budget for one summary.
local function begin_boxes(hooks, bytes)
  local seen = {}
  for _, list in ipairs({ { hooks.filters, lua_filters }, { hooks.scorers, lua_scorers } }) do
    for _, h in ipairs(list[1]) do
      local reg = list[2][h.name]
      if reg and reg.box and not seen[reg.box] then
        seen[reg.box] = true
        reg.box:begin(bytes)
      end
    end
  end
end

local Bound = {}
Bound.__index = Bound
Bound.__name = "precis.Summarizer"

function Bound:__tostring()
  if not self.core then return "precis.Summarizer (closed)" end
  return format("precis.Summarizer (policy '%s')", self.hooks.policy)
end

local function bound_core(self)
  if not self.core then error("attempt to use a closed precis.Summarizer", 3) end
  return self.core
end

--- summarizer:summarize(input [, { units = false }]): segments, runs the
-- policy's filters and Lua scorers, then summarizes with their results.
function Bound:summarize(input, opts)
  local s = bound_core(self)
  local hooks = self.hooks
  local units = true
  if opts ~= nil then
    if type(opts) ~= "table" then
      error(format("bad argument #2 to 'summarize' (table expected, got %s)", type(opts)), 2)
    end
    for k in pairs(opts) do
      if k ~= "units" then error(format("bad argument #2 to 'summarize' (unknown option '%s')",
                                        tostring(k)), 2) end
    end
    if opts.units ~= nil then units = opts.units end
  end
  local seg, msg, code = s:segment(input)
  if not seg then return nil, msg, code end
  begin_boxes(hooks, input_bytes(input))
  local list, per_doc = sentences_of(seg)
  local ctx = context_of(seg, hooks, per_doc)
  local drop, why, code = run_filters(hooks, list, ctx)
  if not drop then return nil, why, code or "EPOLICY" end
  local scored
  scored, why, code = run_scorers(hooks, list, drop, ctx)
  if not scored then return nil, why, code or "EPOLICY" end
  return s:summarize(input, { units = units, extra = {
    count = #seg.units, scorers = scored, drop = drop, only = hooks.only } })
end

function Bound:segment(input)
  return bound_core(self):segment(input)
end

function Bound:close()
  if self.core then self.core:close() end
  self.core = nil
end
Bound.__close = Bound.close

--- A summarizer that runs a policy's Lua hooks around the core's, or the
-- core summarizer itself when the policy has none.
function M.wrap(s, hooks)
  if #hooks.scorers == 0 and #hooks.filters == 0 then return s end
  return setmetatable({ core = s, hooks = hooks }, Bound)
end

-- ---------------------------------------------------------------------
-- show: the resolved policy as YAML
-- ---------------------------------------------------------------------

local SPECIAL = { ["true"] = true, ["false"] = true, ["null"] = true, ["~"] = true,
                  yes = true, no = true, on = true, off = true }

local function scalar(v)
  if type(v) == "boolean" then return tostring(v) end
  if type(v) == "number" then return num(v) end
  if find(v, "^[%a_][%w_%-%.]*$") and not SPECIAL[lower(v)] then return v end
  return "'" .. gsub(v, "'", "''") .. "'"
end

local function emit_plain(out, value, indent)
  local pad = rep("  ", indent)
  if type(value) ~= "table" then return end
  local keys = {}
  for k in pairs(value) do keys[#keys + 1] = k end
  sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  for _, k in ipairs(keys) do
    local v = value[k]
    if type(v) == "table" then
      out[#out + 1] = pad .. scalar(tostring(k)) .. ":"
      emit_plain(out, v, indent + 1)
    else
      out[#out + 1] = pad .. scalar(tostring(k)) .. ": " .. scalar(v)
    end
  end
end

--- The fully resolved policy (after extends, with every default) as
-- YAML that loads back as the same policy.
function M.show(p)
  local e = M.effective(p)
  local out = {}
  out[#out + 1] = "# resolved from: " .. concat(p.lineage, " -> ")
  for _, c in ipairs(p.code or {}) do
    out[#out + 1] = format("# Lua code, not run: %s (lua: at %s:%d:%d)", c.path, c.source,
                           c.line, c.col)
  end
  out[#out + 1] = "schema: " .. M.SCHEMA
  out[#out + 1] = "policy: " .. scalar(p.name)
  if p.description then out[#out + 1] = "description: " .. scalar(p.description) end
  out[#out + 1] = "language: " .. scalar(e.language)
  if e.query then out[#out + 1] = "query: " .. scalar(e.query) end
  out[#out + 1] = "input:"
  for _, k in ipairs(INPUT_KEYS) do
    local v = e.input[k]
    if k == "drop_lines" then
      if #v == 0 then out[#out + 1] = "  drop_lines: []"
      else
        out[#out + 1] = "  drop_lines:"
        for _, re in ipairs(v) do out[#out + 1] = "    - " .. scalar(re) end
      end
    elseif k == "rules" then -- the switched ones: the rest follow boilerplate
      local names = {}
      for r in pairs(v) do names[#names + 1] = r end
      sort(names)
      if #names == 0 then out[#out + 1] = "  rules: {}" else
        out[#out + 1] = "  rules:"
        for _, r in ipairs(names) do out[#out + 1] = "    " .. r .. ": " .. tostring(v[r]) end
      end
    else
      out[#out + 1] = "  " .. k .. ": " .. scalar(v)
    end
  end
  out[#out + 1] = "length:"
  out[#out + 1] = "  " .. e.length.unit .. ": " .. scalar(e.length.value)
  out[#out + 1] = "scorers:"
  for _, sc in ipairs(e.scorers) do
    local names = sc.lua and {} or scorer_params(sc.name)
    local any = next(sc.params or {}) ~= nil or #names > 0
    if not any then
      out[#out + 1] = "  " .. sc.name .. ": " .. scalar(sc.weight)
    else
      out[#out + 1] = "  " .. sc.name .. ":"
      out[#out + 1] = "    weight: " .. scalar(sc.weight)
      for _, k in ipairs(names) do
        local v = (sc.params or {})[k]
        if v == nil then v = PARAM_DEFAULTS[sc.name .. "." .. k] end
        out[#out + 1] = "    " .. k .. ": " .. scalar(v)
      end
      if sc.lua then emit_plain(out, sc.params, 2) end
    end
  end
  if #e.filters == 0 then out[#out + 1] = "filters: []"
  else
    out[#out + 1] = "filters:"
    for _, f in ipairs(e.filters) do
      if next(f.params or {}) then
        out[#out + 1] = "  " .. f.name .. ":"
        emit_plain(out, f.params, 2)
      else
        out[#out + 1] = "  " .. f.name .. ": true"
      end
    end
  end
  out[#out + 1] = "redundancy:"
  for _, k in ipairs(REDUNDANCY_KEYS) do
    out[#out + 1] = "  " .. k .. ": " .. scalar(e.redundancy[k])
  end
  out[#out + 1] = "order: " .. e.order
  out[#out + 1] = "output:"
  out[#out + 1] = "  format: " .. e.output.format
  out[#out + 1] = "  scores: " .. tostring(e.output.scores)
  local params = {}
  for k, v in pairs(e.params) do params[k] = v end
  if params["rank.bias"] == nil then params["rank.bias"] = PARAM_DEFAULTS["rank.bias"] end
  if e.redundancy.method == "submodular" then
    for _, k in ipairs({ "submodular.alpha", "submodular.lambda", "submodular.r" }) do
      if params[k] == nil then params[k] = PARAM_DEFAULTS[k] end
    end
  end
  local pk = {}
  for k in pairs(params) do pk[#pk + 1] = k end
  sort(pk)
  out[#out + 1] = "params:"
  for _, k in ipairs(pk) do out[#out + 1] = "  " .. k .. ": " .. scalar(params[k]) end
  return concat(out, "\n") .. "\n"
end

--- The built-in policies with their one-line purpose.
-- @treturn {{name=string, description=string},...}
function M.list()
  local out = {}
  for _, name in ipairs(M.builtins()) do
    local root = assert(core.load_yaml(builtin_texts[name], builtin_source(name)))
    local desc = ""
    for i, k in ipairs(root.keys) do
      if k.value == "description" then desc = root.values[i].value end
    end
    out[#out + 1] = { name = name, description = desc }
  end
  return out
end

return M
