--- precis: extractive summaries of one document or of several on one story.
--
--    local precis = require "precis"
--    local r = assert(precis.summarize(text, { sentences = 3 }))
--    for _, s in ipairs(r.sentences) do print(s.text) end
--
-- A result is a table:
--
--  * `language`: the language it was made with ("english")
--  * `documents`: one `{ name = ... }` per input document, with its `date`
--    when it carries one and its `encoding` ("windows-1252", "utf-16le")
--    when it was read from another encoding than UTF-8
--  * `scorers`: the scorers that took part, `{ name = ..., weight = ... }`
--  * `units`: every unit of every document, in order, each a table with
--    `doc` and `index` (1-based), `i` and `j` (the unit is `text:sub(i, j)`
--    of its document's original bytes), `kind` ("sentence", "title",
--    "heading", "fragment": text no summary takes, or "dropped":
--    boilerplate), `rule` (the rule behind a fragment or a drop), `words`,
--    `chars`, `score` (0 to 1), `rank` (1 is best, 0 for units that are not
--    candidates), `selected`, `scores` (scorer name to value, 0 to 1) and
--    `text` (the exact original slice), `plain` (its text as read, UTF-8)
--    and, for a document in another encoding, `decoded` (the slice read
--    as UTF-8, markup and all)
--  * `sentences`: the selected units, in summary order (the same tables)
--
-- Misuse (unknown options, wrong types, bad values) raises an error.
-- Failures that depend on the data return `nil, message, code`, with code
-- "EUTF8" (invalid UTF-8; the message gives line, column and byte offset),
-- "EEMPTY" (nothing to summarize), "ELIMIT" (input too large),
-- "EPOLICY" (a policy that does not load, or whose Lua scorer failed) or
-- "ENOMEM" (the core, or a policy's code, ran out of memory; a failed
-- allocation of the Lua interpreter itself raises, as Lua does).
-- @module precis

local core = require "precis.core"
-- precis.policy (the YAML schema, the built-in library) is loaded the
-- first time a policy, a Lua scorer or a Lua filter is used: a summary
-- without one does not pay for it
local loaded_policy
local function policy()
  if not loaded_policy then loaded_policy = require "precis.policy" end
  return loaded_policy
end

local type, pairs, ipairs, error, pcall, tostring, getmetatable =
  type, pairs, ipairs, error, pcall, tostring, getmetatable
local sort = table.sort
local format, match, find = string.format, string.match, string.find

local M = {}

--- The version of the C core, e.g. "0.1.0".
M._VERSION = core._VERSION

-- every option new() and summarize() take: the core's, plus `method`
local known = {
  chars = true, drop_lines = true, encoding = true, input = true, invalid_utf8 = true,
  language = true, unwrap = true,
  max_words = true, method = true, min_words = true, order = true,
  params = true, policy = true, query = true, ratio = true, selector = true,
  sentences = true, trust_policy = true, weights = true, words = true,
}
local BUDGET = { "sentences", "words", "chars", "ratio" }

-- method name -> { weights = scorer weights or nil for the core's default
-- mix, selector = a selector's name or nil for MMR }
local presets = { default = {} }
for _, name in ipairs(core.scorers()) do
  if name ~= "query" then presets[name] = { weights = { [name] = 1 } } end
end
presets.lead = presets.position
-- whole methods that choose sentences their own way
for _, name in ipairs(core.selectors()) do
  if name ~= "mmr" then presets[name] = { selector = name } end
end

--- The names `opts.method` accepts, sorted: "default" (the core's mix of
-- scorers), each scorer's name alone ("lexrank", "textrank", "luhn",
-- "centroid", "position", "length", "title", "edmundson", "lsa", "mead",
-- "pacsum"), "lead" (= "position"), and the methods that select in their
-- own way: "sumbasic", "klsum", "submodular".
M.methods = {}
for name in pairs(presets) do M.methods[#M.methods + 1] = name end
sort(M.methods)

-- "bad argument #1 to 'new' (why)" -> "why": the caller passed a table of
-- options, not the core's argument list
local function reason(msg)
  if type(msg) ~= "string" then return msg end
  return match(msg, "^bad argument #%d+ to '[^']*' %((.*)%)$") or msg
end

-- The policy of `opts.policy` as core options and Lua hooks, or nil,
-- message, code when it does not load.
local function from_policy(spec, trust, level)
  local p, msg, code = spec, nil, nil
  if trust ~= nil and type(trust) ~= "boolean" then
    error(format("option 'trust_policy' must be a boolean, got %s", type(trust)), level + 1)
  end
  if type(spec) == "string" then
    p, msg, code = policy().load(spec, { trust = trust })
    if not p then return nil, msg, code end
  elseif getmetatable(spec) ~= policy().Policy then
    error(format("option 'policy' must be a policy's name or path, or a precis.Policy, got %s",
                 type(spec)), level + 1)
  end
  if p.unrun then
    return nil, format("%s: policy '%s' was loaded without running its Lua code " ..
                       "({ code = false }): it can be checked and shown, not used",
                       p.code[1].source, p.name), "EPOLICY"
  end
  local copts, hooks, where = policy().options(p)
  if not copts then
    return nil, format("%s:%d:%d: %s", where.source, where.line, where.col, hooks), "EPOLICY"
  end
  return copts, hooks
end

-- `weights` (a whole mix) over a policy's: the policy's Lua scorers named
-- there stay, with their parameters; the others go.
local function split_weights(weights, hooks)
  local core_w, lua_s, any = {}, {}, false
  local params = {}
  for _, h in ipairs(hooks.scorers) do params[h.name] = h.params end
  for name, w in pairs(weights) do
    if type(name) == "string" and loaded_policy and loaded_policy.is_lua_scorer(name) then
      lua_s[#lua_s + 1] = { name = name, weight = w, params = params[name] or {} }
    else
      core_w[name] = w
      any = any or (type(w) == "number" and w > 0)
    end
  end
  sort(lua_s, function(a, b) return a.name < b.name end)
  hooks.scorers = lua_s
  hooks.only = not any and #lua_s > 0 or nil
  if hooks.only then core_w = { position = 1 } end
  return core_w
end

-- A summarizer for `opts`; misuse raises, blaming stack level `level`; a
-- policy that does not load gives nil, message, code.
local function configure(opts, level)
  level = level + 1
  if opts == nil then opts = {} end
  if type(opts) ~= "table" then
    error(format("options must be a table, got %s", type(opts)), level)
  end
  for k in pairs(opts) do
    if not known[k] then
      error(format("unknown option '%s'", tostring(k)), level)
    end
  end
  local copts, hooks = {}, { scorers = {}, filters = {} }
  if opts.policy ~= nil then
    local code
    copts, hooks, code = from_policy(opts.policy, opts.trust_policy, level)
    if not copts then return nil, hooks, code end
  end
  -- what the call says overrides the policy
  for _, k in ipairs(BUDGET) do
    if opts[k] ~= nil then
      for _, b in ipairs(BUDGET) do copts[b] = nil end
      break
    end
  end
  for k, v in pairs(opts) do
    if k == "params" and type(v) == "table" and copts.params then
      for name, x in pairs(v) do copts.params[name] = x end
    elseif k ~= "method" and k ~= "policy" and k ~= "trust_policy" then
      copts[k] = v
    end
  end
  local method = opts.method
  if method ~= nil then
    local preset = type(method) == "string" and presets[method]
    if not preset then
      error(format("unknown method '%s'", tostring(method)), level)
    end
    if opts.weights == nil and preset.weights then
      copts.weights = {}
      for name, w in pairs(preset.weights) do copts.weights[name] = w end
    end
    if opts.selector == nil then copts.selector = preset.selector end
  end
  if copts.weights ~= nil and type(copts.weights) == "table" and
     (opts.weights ~= nil or method ~= nil) then
    copts.weights = split_weights(copts.weights, hooks)
  end
  local ok, s = pcall(core.new, copts)
  if not ok then
    if type(s) == "string" and find(s, "not enough memory", 1, true) then
      return nil, "out of memory", "ENOMEM" -- data, not misuse
    end
    error(reason(s), level)
  end
  if #hooks.scorers == 0 and #hooks.filters == 0 then return s end
  return policy().wrap(s, hooks)
end

local function check_input(input, fname, level)
  local t = type(input)
  if t ~= "string" and t ~= "table" then
    error(format("bad argument #1 to '%s' (string or table expected, got %s)",
                 fname, t), level + 1)
  end
end

--- A reusable summarizer.
-- @tparam[opt] table opts options:
--
--  * `sentences`, `words`, `chars` (positive integers) or `ratio` (in
--    (0, 1]): the length budget, at most one (default 3 sentences)
--  * `method`: one of `precis.methods`
--  * `weights`: scorer name to weight; the whole mix, it takes precedence
--    over `method`
--  * `params`: tuning parameters by name, e.g. `["redundancy.lambda"]`
--  * `language`: "english", "en", ... (see `precis.languages`), or "none"
--  * `order`: "document" (default) or "score"
--  * `min_words`, `max_words`: length of a sentence that may be selected
--  * `drop_lines`: POSIX extended regular expressions; matching lines are
--    dropped before segmentation
--  * `invalid_utf8`: "error" (default) or "replace" (read bad bytes as
--    U+FFFD)
--  * `encoding`: the encoding of input that declares none ("windows-1252",
--    "latin1", "shift_jis", ...; default UTF-8); a byte-order mark and an
--    HTML page's <meta charset> or XML declaration win
--  * `query`: a question or topic the summary should answer
--  * `selector`: "mmr" (default), "sumbasic", "klsum" or "submodular"
-- @treturn userdata a `precis.Summarizer` with methods
-- `summarize(input [, { units = false }])`, `segment(input)` and `close()`
-- (also called by `__close` and `__gc`); `input` is a string or a list of
-- strings and of tables `{ text = ..., name = ... }`. `units = false`
-- leaves `units` out of the result, which then holds the selected
-- sentences only: far less memory for long inputs.
function M.new(opts)
  local s, msg, code = configure(opts, 2)
  return s, msg, code
end

-- A summarizer made for one call of `method` and closed after it (or,
-- when the call raises, by the collector); errors blame the caller of
-- precis.summarize/segment (three levels up).
local function one_shot(method, input, opts)
  check_input(input, method, 3)
  local s, err, ecode = configure(opts, 3)
  if not s then return nil, err, ecode end
  local r, msg, code = s[method](s, input)
  s:close()
  return r, msg, code
end

--- Summarizes a text, or several texts on one story, in one call.
-- @tparam string|table input a string, or a list of strings and of tables
-- `{ text = ..., name = ... }`
-- @tparam[opt] table opts options, as for `precis.new`
-- @treturn[1] table the result (see the module's description)
-- @treturn[2] nil
-- @treturn[2] string a message: "name:line:column: what"
-- @treturn[2] string a stable code: "EUTF8", "EEMPTY", "ELIMIT", "ENOMEM"
function M.summarize(input, opts)
  local r, msg, code = one_shot("summarize", input, opts) -- no tail call:
  return r, msg, code                                     -- errors count frames
end

--- Splits a text, or several, into units without scoring them.
-- Empty input is not an error: the result has no unit.
-- @tparam string|table input as for `precis.summarize`
-- @tparam[opt] table opts options, as for `precis.new` (the budget and
-- scorers do not matter here)
-- @treturn[1] table the result, with `units` and no selection
-- @treturn[2] nil
-- @treturn[2] string a message
-- @treturn[2] string a stable code
function M.segment(input, opts)
  local r, msg, code = one_shot("segment", input, opts)
  return r, msg, code
end

--- The languages precis knows, by English name.
-- @treturn {string,...}
function M.languages() return core.languages() end

--- The language packs, with what selects and stems each.
-- @treturn {table,...} `{ name = "german", code = "de", stemmer = "german" }`
-- for each language (`stemmer` is nil where Snowball has none; "none" has
-- code "")
function M.language_packs() return core.language_packs() end

--- The libraries precis is built on, with their versions where known.
-- @treturn {table,...} `{ name = "utf8proc", version = "2.8.0", runtime = true }`
-- for each: `runtime` when the library reported its version itself, else
-- `version` (when present) is the one precis was built against
function M.dependencies() return core.dependencies() end

--- The scorers precis knows.
-- @treturn {string,...}
function M.scorers() return core.scorers() end

--- Loads a policy: a built-in's name ("news"), a file's path (anything
-- with a "/" or ending in .yaml or .yml), or "path#name" for one of the
-- policies of a file that holds several. Pass it (or the name or path
-- itself) as `opts.policy`; the other options override it.
--
-- A policy's Lua code (`lua:`) runs in a sandbox with budgets, and its
-- paths stay in its folder, unless `opts.trust` is true (see
-- docs/policies.md, "Policy code"); `opts.code = false` runs none of it
-- (the policy can then be checked and shown, not used); `opts.instructions`
-- and `opts.memory` change the sandbox's budgets.
-- @tparam string spec
-- @tparam[opt] table opts `trust`, `code`, `instructions`, `memory`
-- @treturn[1] table a `precis.Policy`: `name`, `description`, `lineage`
-- (what it was resolved from, itself first), `code` (the Lua files it
-- names, each `{ path, source, line, col }`, when its code was not run)
-- @treturn[2] nil
-- @treturn[2] string "FILE:LINE:COL: message", a line per error
-- @treturn[2] string "EPOLICY" ("ENOMEM" when memory ran out)
function M.policy(spec, opts)
  if type(spec) ~= "string" then
    error(format("bad argument #1 to 'policy' (string expected, got %s)", type(spec)), 2)
  end
  return policy().load(spec, policy().check_load_options(opts, 2, "policy"))
end

--- Loads a policy from YAML text; `source` names it in messages and, when
-- it is a path, anchors the relative paths of `extends` and `lua` (else
-- they are relative to the current folder). `opts` as for `precis.policy`.
function M.policy_from_string(text, source, opts)
  if type(text) ~= "string" then
    error(format("bad argument #1 to 'policy_from_string' (string expected, got %s)",
                 type(text)), 2)
  end
  if source ~= nil and type(source) ~= "string" then
    error(format("bad argument #2 to 'policy_from_string' (string expected, got %s)",
                 type(source)), 2)
  end
  return policy().load_string(text, source, policy().check_load_options(opts, 2, "policy_from_string"))
end

--- The built-in policies, each `{ name = ..., description = ... }`, by name.
function M.policies() return policy().list() end

--- Registers a scorer written in Lua, for policies to name in `scorers`
-- (and for `weights`). Its values are scaled into [0, 1] like every
-- scorer's and weighted into the mix.
-- @tparam string name
-- @tparam function fn `fn(sentence, context) -> number|nil` (nil: nothing
-- to say about this sentence); with `how` "document", `fn(sentences,
-- context) -> { number|nil, ... }`, called once per summary. A sentence is
-- `{ text, doc, index, position, words, chars, i, j }`; `context` is
-- `{ policy, language, documents, sentences, params }`.
-- @tparam[opt] string how "sentence" (default) or "document"
function M.scorer(name, fn, how) policy().register_scorer(name, fn, how, 2) end

--- Registers a filter written in Lua, for policies to name in `filters`:
-- it drops the sentences for which it returns true, before anything is
-- scored. Arguments as for `precis.scorer`.
function M.filter(name, fn, how) policy().register_filter(name, fn, how, 2) end

return M
