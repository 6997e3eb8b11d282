--- ROUGE scores as ROUGE-1.5.5 computes them.
-- The counting is done in C (precis.rouge, eval/lrouge.c); this module
-- reads the WordNet exception list that ROUGE's stemming consults, turns
-- per-reference counts into recall, precision and F, and averages over
-- documents. See eval/README.md for the details that make it match.

local core = require "precis.rouge"

local assert, error, ipairs, pairs, type = assert, error, ipairs, pairs, type
local io_open, os_getenv = io.open, os.getenv
local fmt, gmatch = string.format, string.gmatch
local tonumber, tostring = tonumber, tostring

local M = {}

M.stem = core.stem
M.tokens = core.tokens

-- Where ROUGE-1.5.5 reads "WordNet-2.0.exc.db", we read the exception
-- lists of Debian's wordnet-base (WordNet 3.0): inflected form -> base.
M.wordnet_dir = os_getenv("PRECIS_WORDNET") or "/usr/share/wordnet"
local EXC_FILES = { "adj.exc", "adv.exc", "noun.exc", "verb.exc" }

local exceptions_cache

--- The WordNet exception table (word -> base form), loaded once.
-- Later files win over earlier ones, and the first base form is taken.
-- @treturn table
function M.exceptions()
  if exceptions_cache then return exceptions_cache end
  local t, found = {}, 0
  for _, name in ipairs(EXC_FILES) do
    local f = io_open(M.wordnet_dir .. "/" .. name, "r")
    if f then
      found = found + 1
      for line in f:lines() do
        local word, base = line:match("^(%S+)%s+(%S+)")
        if word then t[word] = base end
      end
      f:close()
    end
  end
  if found == 0 then
    error("rouge: no WordNet exception lists in " .. M.wordnet_dir ..
          " (install the Debian package wordnet-base, or set PRECIS_WORDNET);" ..
          " stemmed ROUGE-1.5.5 scores need them", 2)
  end
  exceptions_cache = t
  return t
end

-- A summary or a reference as ROUGE's one-sentence-per-line files: a
-- string is split at line breaks, a list's items are lines (each split
-- again if it holds a line break); empty lines are dropped, as ROUGE does.
local function lines_of(x)
  local out = {}
  local function add(s)
    for line in gmatch(s, "[^\r\n]+") do out[#out + 1] = line end
  end
  if type(x) == "string" then
    add(x)
  elseif type(x) == "table" then
    for _, s in ipairs(x) do add(tostring(s)) end
  else
    error("rouge: a summary is a string or a list of sentences", 3)
  end
  return out
end

-- ROUGE prints every per-document figure with "%7.5f" and computes F
-- from the printed R and P; we round the same way.
local function round5(x)
  return tonumber(fmt("%.5f", x))
end

local function prf(hit, model, peer, alpha)
  local r = model ~= 0 and round5(hit / model) or 0
  local p = peer ~= 0 and round5(hit / peer) or 0
  local d = (1 - alpha) * p + alpha * r
  local f = d > 0 and round5(p * r / d) or 0
  return { r = r, p = p, f = f }
end

-- Combines the per-reference counts of one metric: "A" (model average,
-- ROUGE's default) adds hits, model counts and peer counts over the
-- references; "B" keeps the reference with the best recall.
local function combine(list, mode, alpha)
  local hit, model, peer = 0, 0, 0
  if mode == "B" then
    local best = -1
    for _, c in ipairs(list) do
      local score = c.model ~= 0 and c.hit / c.model or 0
      if score > best then
        best, hit, model, peer = score, c.hit, c.model, c.peer
      end
    end
  else
    for _, c in ipairs(list) do
      hit, model, peer = hit + c.hit, model + c.model, peer + c.peer
    end
  end
  return prf(hit, model, peer, alpha)
end

--- Scores one summary against its references.
-- @param summary a string (one sentence per line) or a list of sentences
-- @tparam table refs a list of references, each like `summary`
-- @tparam[opt] table opts `stem` (default true), `n` (default 2),
--   `skip` (gap of ROUGE-S, e.g. 4 for SU4; nil = none, -1 = unlimited),
--   `unigrams` (ROUGE-SU, default true when `skip` is set), `lcs`
--   (default true), `mode` ("A" or "B"), `alpha` (default 0.5)
-- @treturn table `rouge_1` .. `rouge_n`, `rouge_l`, and `rouge_su4` (or
--   `rouge_s4`, `rouge_su*`...), each `{r=, p=, f=}`
function M.score(summary, refs, opts)
  opts = opts or {}
  local stem = opts.stem ~= false
  local skip = opts.skip
  local unigrams = opts.unigrams
  if unigrams == nil then unigrams = skip ~= nil end
  local alpha = opts.alpha or 0.5
  local mode = opts.mode or "A"
  assert(type(refs) == "table" and #refs > 0, "rouge: at least one reference is needed")
  local ref_lines = {}
  for i, ref in ipairs(refs) do ref_lines[i] = lines_of(ref) end
  local counts = core.count(lines_of(summary), ref_lines, {
    n = opts.n or 2,
    stem = stem,
    exceptions = stem and M.exceptions() or nil,
    skip = skip,
    unigrams = unigrams,
    lcs = opts.lcs ~= false,
  })
  local out = {}
  for name, list in pairs(counts) do
    if name == "rouge_s" then
      local gap = skip < 0 and "*" or tostring(skip)
      name = (unigrams and "rouge_su" or "rouge_s") .. gap
    end
    out[name] = combine(list, mode, alpha)
  end
  return out
end

--- The mean of each figure over a list of `score` results, as ROUGE's
-- "Average" (ROUGE prints the mean of 1000 bootstrap resamples, which
-- differs from this plain mean by about 1e-4).
-- @tparam table scores
-- @treturn table same shape as one score, plus `docs` (their number)
function M.average(scores)
  local sum, n = {}, #scores
  for _, s in ipairs(scores) do
    for name, v in pairs(s) do
      local t = sum[name] or { r = 0, p = 0, f = 0 }
      t.r, t.p, t.f = t.r + v.r, t.p + v.p, t.f + v.f
      sum[name] = t
    end
  end
  for _, t in pairs(sum) do
    t.r, t.p, t.f = t.r / n, t.p / n, t.f / n
  end
  sum.docs = n
  return sum
end

return M
