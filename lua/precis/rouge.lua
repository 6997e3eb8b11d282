--- precis.rouge: ROUGE scores as ROUGE-1.5.5 computes them.
--
-- The counting is C (csrc/lrouge.c, the table `rouge` of precis.core);
-- this module reads summaries and references as ROUGE-1.5.5 reads its
-- one-sentence-per-line files, applies its length limits, reads the
-- WordNet exception lists its stemming consults, turns per-reference
-- counts into recall, precision and F, and averages over documents, with
-- ROUGE-1.5.5's bootstrap for the confidence intervals. eval/README.md
-- says which details make the figures match the official script.
-- @module precis.rouge

local core = require("precis.core").rouge

local error, ipairs, pairs, type, tostring, tonumber, pcall =
  error, ipairs, pairs, type, tostring, tonumber, pcall
local io_open, os_getenv = io.open, os.getenv
local concat, sort = table.concat, table.sort
local fmt, gmatch, find, sub, match = string.format, string.gmatch, string.find,
  string.sub, string.match

local M = {}

--- ROUGE's Porter stem of a lowercase word (no WordNet exceptions).
M.stem = core.stem

-- ---------------------------------------------------------------------
-- Data: the stop list of -s, and WordNet's exceptions for -m
-- ---------------------------------------------------------------------

-- The words ROUGE-1.5.5 drops with -s: its data/smart_common_words.txt,
-- the stop list of the SMART retrieval system (Salton) with ROUGE's
-- additions (reuters, ap, tech, news, index, month and weekday
-- abbreviations). Only the entries that can equal a token are kept: a
-- token is a run of [a-z0-9], so "n't", "e.g." or "don't" never match.
local STOP_LIST = [[
  a able about above according accordingly across actually after afterwards
  again against ai all allow allows almost alone along already also
  although always am amid among amongst an and another any anybody anyhow
  anyone anything anyway anyways anywhere ap apart appear appreciate
  appropriate apr are around as aside ask asking associated at aug
  available away awfully b be became because become becomes becoming been
  before beforehand behind being believe below beside besides best better
  between beyond both brief but by c ca came can cannot cant cause causes
  certain certainly changes clearly co com come comes concerning
  consequently consider considering contain containing contains
  corresponding could course currently d dec definitely described despite
  did different do does doing done down downwards during e each edu eg
  eight either else elsewhere enough entirely especially et etc even ever
  every everybody everyone everything everywhere ex exactly example except
  f far feb few fifth five followed following follows for former formerly
  forth four fri from further furthermore g get gets getting given gives go
  goes going gone got gotten greetings h had happens hardly has have having
  he hello help hence her here hereafter hereby herein hereupon hers
  herself hi him himself his hither hopefully how howbeit however i ie if
  ignored immediate in inasmuch inc indeed index indicate indicated
  indicates inner insofar instead into inward is it its itself j jan jul
  jun just k keep keeps kept know known knows l lately later latter
  latterly least less lest let like liked likely little look looking looks
  ltd m mainly many mar may maybe me mean meanwhile merely might mon more
  moreover most mostly much must my myself n namely nd near nearly
  necessary need needs neither never nevertheless new news next nine no
  nobody non none noone nor normally not nothing nov novel now nowhere o
  obviously oct of off often oh ok okay old on once one ones only onto or
  other others otherwise ought our ours ourselves out outside over overall
  own p particular particularly per perhaps placed please plus possible
  presumably probably provides q que quite qv r rather rd re really
  reasonably regarding regardless regards relatively respectively reuters
  right s said same sat saw say saying says second secondly see seeing seem
  seemed seeming seems seen self selves sensible sent sep serious seriously
  seven several shall she should since six so some somebody somehow someone
  something sometime sometimes somewhat somewhere soon sorry specified
  specify specifying still sub such sup sure t take taken tech tell tends
  th than thank thanks thanx that thats the their theirs them themselves
  then thence there thereafter thereby therefore therein theres thereupon
  these they think third this thorough thoroughly those though three
  through throughout thru thu thus to together too took toward towards
  tried tries truly try trying tue twice two u un under unfortunately
  unless unlikely until unto up upon us use used useful uses using usually
  uucp v value various very via viz vs w want wants was way we wed welcome
  well went were what whatever when whence whenever where whereafter
  whereas whereby wherein whereupon wherever whether which while whither
  who whoever whole whom whose why will willing wish with within without wo
  wonder would x y yes yet you your yours yourself yourselves z zero
]]

--- The stop list of `-s` as a set (word -> true).
M.STOPWORDS = {}
for w in gmatch(STOP_LIST, "%S+") do M.STOPWORDS[w] = true end

--- Where the WordNet exception lists are read: $PRECIS_WORDNET, else
-- /usr/share/wordnet (Debian's wordnet-base).
M.wordnet_dir = os_getenv("PRECIS_WORDNET") or "/usr/share/wordnet"

local EXC_FILES = { "adj.exc", "adv.exc", "noun.exc", "verb.exc" }
local exceptions_cache = {}

--- The WordNet exception table (inflected form -> base form) of a folder,
-- read once. ROUGE-1.5.5 reads WordNet 2.0's in WordNet-2.0.exc.db; these
-- are WordNet 3.0's `*.exc` lists, of which the first base form is taken
-- and a later file wins over an earlier one.
-- @tparam[opt] string dir default `M.wordnet_dir`
-- @treturn[1] table
-- @treturn[2] nil
-- @treturn[2] string why
function M.exceptions(dir)
  dir = dir or M.wordnet_dir
  if exceptions_cache[dir] then return exceptions_cache[dir] end
  local t, found = {}, 0
  for _, name in ipairs(EXC_FILES) do
    local f = io_open(dir .. "/" .. name, "rb")
    if f then
      found = found + 1
      for line in f:lines() do
        local word, base = match(line, "^(%S+)%s+(%S+)")
        if word then t[word] = base end
      end
      f:close()
    end
  end
  if found == 0 then
    return nil, "no WordNet exception lists (adj.exc, adv.exc, noun.exc, verb.exc) in " ..
      dir .. ": install the Debian package wordnet-base, or point PRECIS_WORDNET at a folder that has them"
  end
  exceptions_cache[dir] = t
  return t
end

-- ---------------------------------------------------------------------
-- Texts as ROUGE-1.5.5 reads them
-- ---------------------------------------------------------------------

local function add_lines(out, s)
  for line in gmatch(s, "[^\n]+") do out[#out + 1] = line end
end

--- A summary or a reference as the lines ROUGE-1.5.5 reads from a file of
-- one sentence per line: a string is split at line feeds, a list's items
-- are lines (each split again at a line feed); empty lines are dropped.
-- A carriage return stays, as ROUGE's `chomp` leaves it (it counts as
-- white space, and as a byte for `bytes`).
-- @param x a string or a list of strings
-- @treturn table
function M.lines(x)
  local out = {}
  if type(x) == "string" then
    add_lines(out, x)
  elseif type(x) == "table" then
    for _, s in ipairs(x) do add_lines(out, tostring(s)) end
  else
    error("a summary is a string or a list of sentences", 3)
  end
  return out
end

local WS = "[ \t\n\v\f\r]"

-- Perl's split(/\s+/, s): the runs of non-space, after an empty field
-- when s starts with white space (and has more than white space).
local function perl_words(s)
  local t = {}
  if find(s, "^" .. WS) and find(s, "[^ \t\n\v\f\r]") then t[1] = "" end
  for w in gmatch(s, "[^ \t\n\v\f\r]+") do t[#t + 1] = w end
  return t
end

--- What ROUGE-1.5.5 counts of some lines under a length limit (`-l
-- words` or `-b bytes`), as the text `count` takes: the units of ROUGE-L
-- (its readText_LCS) and, when it differs, `joined`, the text n-grams and
-- skip-bigrams are counted in (its readText).
-- Words are Perl's `split(/\s+/)` fields of a line, punctuation and all
-- (a line that starts with white space counts one more, empty, word); the
-- last line is cut to the words left. Bytes are the lines' bytes without
-- line breaks; the last line is cut to the bytes left. For ROUGE-L,
-- ROUGE-1.5.5 applies `-b` to each line on its own (its byte count never
-- grows there): every line shorter than the limit is kept whole, up to
-- the first that is not, which is cut. That is kept.
-- @tparam table lines from `M.lines`
-- @tparam[opt] number words
-- @tparam[opt] number bytes
-- @treturn table
function M.truncate(lines, words, bytes)
  local units = {}
  if words then
    local have = 0
    for _, s in ipairs(lines) do
      local w = perl_words(s)
      if have + #w < words then
        units[#units + 1] = s
        have = have + #w
      else
        units[#units + 1] = concat(w, " ", 1, words - have)
        break
      end
    end
  elseif bytes then
    local parts, have = {}, 0
    for _, s in ipairs(lines) do
      if have + #s < bytes then
        parts[#parts + 1] = s
        have = have + #s
      else
        parts[#parts + 1] = sub(s, 1, bytes - have)
        break
      end
    end
    units.joined = concat(parts, " ")
    for _, s in ipairs(lines) do
      if #s < bytes then
        units[#units + 1] = s
      else
        units[#units + 1] = sub(s, 1, bytes)
        break
      end
    end
  else
    for k, s in ipairs(lines) do units[k] = s end
  end
  return units
end

-- ---------------------------------------------------------------------
-- Scores
-- ---------------------------------------------------------------------

-- ROUGE prints every per-document figure with "%7.5f" and computes F
-- from the printed R and P; we round the same way.
local function round5(x)
  return tonumber(fmt("%.5f", x))
end
M.round5 = round5

local function prf(hit, model, peer, alpha)
  local r = model ~= 0 and round5(hit / model) or 0
  local p = peer ~= 0 and round5(hit / peer) or 0
  local d = (1 - alpha) * p + alpha * r
  local f = d > 0 and round5(p * r / d) or 0
  return { r = r, p = p, f = f }
end

-- Combines the per-reference counts of one metric: "A" (model average,
-- ROUGE's default) adds hits, model counts and peer counts over the
-- references; "B" keeps the reference with the best recall (rounded as
-- ROUGE compares it for n-grams and skip-bigrams, whole for ROUGE-L).
local function combine(list, mode, alpha, rounded)
  local hit, model, peer = 0, 0, 0
  if mode == "B" then
    local best = -1
    for _, c in ipairs(list) do
      local score = c.model ~= 0 and c.hit / c.model or 0
      if rounded then score = round5(score) end
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

--- The tokens ROUGE-1.5.5 counts in a text.
-- @tparam string text
-- @tparam[opt] table opts `stem` (default false), `exceptions` (a table,
--   or false), `stopwords` (true: drop the stop list's words)
-- @treturn table
function M.tokens(text, opts)
  opts = opts or {}
  local o = { stem = opts.stem, exceptions = opts.exceptions or nil,
              stopwords = opts.stopwords and M.STOPWORDS or nil }
  return core.tokens(text, o)
end

--- Scores one summary against its references.
-- @param summary a string (one sentence per line) or a list of sentences
-- @tparam table refs a list of references, each like `summary`
-- @tparam[opt] table opts `stem` (default true: ROUGE-1.5.5's -m),
--   `exceptions` (a table from `exceptions`, or false for Porter alone;
--   default `exceptions()`), `stopwords` (true: -s), `words` or `bytes`
--   (a length limit, as -l or -b; it applies to the references too),
--   `n` (ROUGE-1 to ROUGE-n, default 2), `skip` (gap of ROUGE-S, e.g. 4
--   for SU4; nil = none, -1 = unlimited), `unigrams` (ROUGE-SU, default
--   true when `skip` is set), `lcs` (ROUGE-L, default true), `mode` ("A",
--   the average of the references, or "B", the best), `alpha` (weight of
--   recall in F, default 0.5)
-- @treturn[1] table `rouge_1` .. `rouge_n`, `rouge_l`, and `rouge_su4` (or
--   `rouge_s4`, `rouge_su*`...), each `{r=, p=, f=}`
-- @treturn[2] nil
-- @treturn[2] string why (no WordNet lists, a text too large)
function M.score(summary, refs, opts)
  opts = opts or {}
  local stem = opts.stem ~= false
  local skip = opts.skip
  local unigrams = opts.unigrams
  if unigrams == nil then unigrams = skip ~= nil end
  local alpha = opts.alpha or 0.5
  local mode = opts.mode or "A"
  if type(refs) ~= "table" or #refs == 0 then
    error("rouge: at least one reference is needed", 2)
  end
  local exceptions = opts.exceptions
  if stem and exceptions == nil then
    local why
    exceptions, why = M.exceptions()
    if not exceptions then return nil, why end
  end
  local words, bytes = opts.words, opts.bytes
  local ref_texts = {}
  for i, ref in ipairs(refs) do
    ref_texts[i] = M.truncate(M.lines(ref), words, bytes)
  end
  local ok, counts = pcall(core.count, M.truncate(M.lines(summary), words, bytes),
    ref_texts, {
      n = opts.n or 2,
      stem = stem,
      exceptions = stem and exceptions or nil,
      stopwords = opts.stopwords and M.STOPWORDS or nil,
      skip = skip,
      unigrams = unigrams,
      lcs = opts.lcs ~= false,
    })
  if not ok then return nil, (tostring(counts):gsub("^rouge: ", "")) end
  local out = {}
  for name, list in pairs(counts) do
    local rounded = name ~= "rouge_l"
    if name == "rouge_s" then
      local gap = skip < 0 and "*" or tostring(skip)
      name = (unigrams and "rouge_su" or "rouge_s") .. gap
    end
    out[name] = combine(list, mode, alpha, rounded)
  end
  return out
end

--- The mean of each figure over a list of `score` results: ROUGE-1.5.5's
-- average of per-document scores (not rounded; ROUGE prints it to 5
-- decimals).
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

--- ROUGE-1.5.5's bootstrap over the documents' scores: for each
-- resample i (from 0), Perl's srand(i), then N documents drawn with its
-- rand; that generator is drand48 in every Perl since 5.20, and so here.
-- It takes the documents in the byte order of `id .. "."`, as
-- ROUGE-1.5.5 sorts "ID.SYSTEM", so that the figures are the ones it
-- prints for those ids.
-- @tparam table scores a list of `score` results
-- @tparam table ids their ids (strings), in the same order
-- @tparam[opt] number resamples default 1000
-- @tparam[opt] number confidence the interval's level in percent, default 95
-- @treturn table for each metric, `{r=, p=, f=}` of `{mean=, lo=, hi=}`
--   (mean: the mean of the resamples' means, which ROUGE-1.5.5 prints as
--   Average_R, _P and _F; lo, hi: the interval), not rounded
function M.bootstrap(scores, ids, resamples, confidence)
  local keys, names = {}, {}
  for i = 1, #scores do keys[i] = ids[i] .. "." end
  local order = core.order(keys)
  for name in pairs(scores[1] or {}) do names[#names + 1] = name end
  sort(names)
  local values, k = {}, 0
  for _, i in ipairs(order) do
    for _, name in ipairs(names) do
      local s = scores[i][name]
      values[k + 1], values[k + 2], values[k + 3] = s.r, s.p, s.f
      k = k + 3
    end
  end
  local out = {}
  if #names == 0 then return out end
  local t = core.bootstrap(values, 3 * #names, resamples or 1000, confidence or 95)
  for j, name in ipairs(names) do
    out[name] = { r = t[3 * j - 2], p = t[3 * j - 1], f = t[3 * j] }
  end
  return out
end

return M
