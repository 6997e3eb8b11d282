--- The dataset runner: summarizes every document of cnndm and bbc with
-- precis (in process), Lead-N and the peer ots, scores each summary with
-- ROUGE as ROUGE-1.5.5 computes it (stemmed, F1) and prints a Markdown
-- table per dataset. Run `lua5.4 eval/run.lua --help` (or `make eval
-- EVAL_ARGS="..."`) for the options.

-- found from anywhere: the repository is the folder above this script's
local REPO = (arg and arg[0] or ""):match("^(.*)/eval/[^/]*$") or "."
package.path = package.path .. ";" .. REPO .. "/eval/?.lua;" .. REPO .. "/lua/?.lua;" ..
               REPO .. "/lua/?/init.lua"
package.cpath = package.cpath .. ";" .. REPO .. "/build/?.so"

local precis = require "precis"
local rouge = require "precis.rouge"
local datasets = require "datasets"
local ots = require "ots"

ots.cache_dir = REPO .. "/build/eval-cache/ots"

local ipairs, pairs, tonumber, tostring = ipairs, pairs, tonumber, tostring
local clock, exit = os.clock, os.exit
local concat, sort = table.concat, table.sort
local fmt = string.format
local stderr, stdout = io.stderr, io.stdout

local USAGE = [[
usage: lua5.4 eval/run.lua [options]
  --dataset NAME     cnndm, bbc or all (default all)
  --method NAME      precis method: default, lexrank, textrank, ... (default default)
  --weight NAME=W    a scorer weight (repeatable; the weights are the whole mix)
  --param NAME=V     a tuning parameter, e.g. redundancy.lambda=0.8 (repeatable)
  --policy P         a row for policy P, a built-in's name or a YAML file
                     (repeatable); without it, a row for each built-in made
                     for the dataset's kind of text
  --systems LIST     comma-separated: precis, policies, lead, ots (default all)
  --limit K          only K documents per dataset, spread evenly over it
  --refresh-ots      run ots again instead of reading build/eval-cache/
  --write            also write the tables to eval/RESULTS.md
  --help             this text
Data: $PRECIS_DATA (default ../shared/data); WordNet: $PRECIS_WORDNET
(default /usr/share/wordnet, Debian package wordnet-base).]]

local function die(msg, code)
  stderr:write("eval/run.lua: ", msg, "\n")
  exit(code or 2)
end

local function parse_args(argv)
  local o = { dataset = "all", method = "default", weights = nil, params = nil,
              systems = { precis = true, policies = true, lead = true, ots = true },
              policies = {}, argv = argv }
  local i = 1
  local function value(name)
    i = i + 1
    local v = argv[i]
    if v == nil then die("option " .. name .. " needs a value") end
    return v
  end
  local function pair(name)
    local v = value(name)
    local k, x = v:match("^([^=]+)=(.+)$")
    local num = x and tonumber(x)
    if not num then die(name .. " wants NAME=NUMBER, got '" .. v .. "'") end
    return k, num
  end
  while i <= #argv do
    local a = argv[i]
    if a == "--dataset" then
      o.dataset = value(a)
    elseif a == "--method" then
      o.method = value(a)
    elseif a == "--weight" then
      local k, w = pair(a)
      o.weights = o.weights or {}
      o.weights[k] = w
    elseif a == "--param" then
      local k, v = pair(a)
      o.params = o.params or {}
      o.params[k] = v
    elseif a == "--policy" then
      for p in value(a):gmatch("[^,%s]+") do o.policies[#o.policies + 1] = p end
    elseif a == "--systems" then
      o.systems = {}
      for s in value(a):gmatch("[^,%s]+") do
        if s ~= "precis" and s ~= "policies" and s ~= "lead" and s ~= "ots" then
          die("unknown system '" .. s .. "' (precis, policies, lead, ots)")
        end
        o.systems[s] = true
      end
    elseif a == "--limit" then
      o.limit = tonumber(value(a))
      if not o.limit or o.limit < 1 then die("--limit wants a positive number") end
      o.limit = o.limit // 1
    elseif a == "--refresh-ots" then
      o.refresh = true
    elseif a == "--write" then
      o.write = true
    elseif a == "--help" or a == "-h" then
      stdout:write(USAGE, "\n")
      exit(0)
    else
      die("unknown argument '" .. a .. "'\n" .. USAGE)
    end
    i = i + 1
  end
  if o.dataset == "all" then
    o.datasets = datasets.names
  elseif o.dataset == "cnndm" or o.dataset == "bbc" then
    o.datasets = { o.dataset }
  else
    die("unknown dataset '" .. o.dataset .. "' (cnndm, bbc, all)")
  end
  return o
end

-- "precis default", "precis lexrank, redundancy.lambda=0.8", ...
local function precis_label(o)
  local parts = {}
  local function add(t)
    local keys = {}
    for k in pairs(t or {}) do keys[#keys + 1] = k end
    sort(keys)
    for _, k in ipairs(keys) do parts[#parts + 1] = k .. "=" .. tostring(t[k]) end
  end
  add(o.weights)
  add(o.params)
  local label = "precis " .. (o.weights and "weights" or o.method)
  if #parts > 0 then label = label .. " (" .. concat(parts, ", ") .. ")" end
  return label
end

-- ---------------------------------------------------------------------
-- Systems: each returns the summary's sentences and the seconds it took.
-- ---------------------------------------------------------------------

-- precis with the options of the command line, or with `policy` as it
-- ships (the summary's length and document order are the dataset's).
local function precis_system(o, policy)
  local by_n = {}
  local stats = { failures = 0, not_sentences = 0, title_lines = 0 }
  if policy then
    local p, msg = precis.policy(policy)
    if not p then die(msg) end
    policy = p
  end
  local function summarizer(n)
    if not by_n[n] then
      by_n[n] = policy and assert(precis.new({ sentences = n, policy = policy,
                                               order = "document" }))
                or precis.new({ sentences = n, method = o.method,
                                weights = o.weights, params = o.params })
    end
    return by_n[n]
  end
  local function run(doc)
    local s = summarizer(doc.n)
    local t0 = clock()
    local r, msg = s:summarize(doc.text)
    local dt = clock() - t0
    if not r then
      stats.failures = stats.failures + 1
      stats.last_failure = doc.id .. ": " .. tostring(msg)
      return {}, dt
    end
    local out = {}
    for _, u in ipairs(r.sentences) do
      if u.kind ~= "sentence" then
        stats.not_sentences = stats.not_sentences + 1
      elseif doc.title and u.i <= #doc.title then
        stats.title_lines = stats.title_lines + 1 -- a title taken for a sentence
      end
      out[#out + 1] = u.text
    end
    return out, dt
  end
  return { name = policy and "policy " .. policy.name or precis_label(o), run = run,
           stats = stats }
end

-- Lead-N: the first N sentence units of precis's own segmentation; on
-- bbc never one from line 1, even when the segmenter takes a title such
-- as "What now for British tennis?" for a sentence.
local function lead_system()
  local seg = precis.new()
  local stats = { failures = 0 }
  local function run(doc)
    local t0 = clock()
    local r, msg = seg:segment(doc.text)
    local out = {}
    if r then
      for _, u in ipairs(r.units) do
        if u.kind == "sentence" and not (doc.title and u.i <= #doc.title) then
          out[#out + 1] = u.text
          if #out == doc.n then break end
        end
      end
    else
      stats.failures = stats.failures + 1
      stats.last_failure = doc.id .. ": " .. tostring(msg)
    end
    return out, clock() - t0
  end
  return { name = "Lead-N", run = run, stats = stats }
end

local function ots_system(o, dataset)
  local stats = { failures = 0 }
  local function run(doc)
    -- bbc: the body only; ots would glue the title onto the first sentence
    local out, seconds = ots.summarize(dataset, doc.id, doc.body or doc.text,
                                       doc.n, o.refresh)
    return out, seconds
  end
  return { name = "ots", run = run, stats = stats }
end

-- ---------------------------------------------------------------------
-- Running and reporting
-- ---------------------------------------------------------------------

local ROUGE_OPTS = { stem = true, n = 2 }

-- Runs one system over docs: per document, its scores and seconds.
local function evaluate(system, docs)
  local results = {}
  for _, doc in ipairs(docs) do
    local sents, dt = system.run(doc)
    results[doc.id] = { score = assert(rouge.score(sents, doc.refs, ROUGE_OPTS)), seconds = dt }
  end
  return results
end

local function row(name, scores, seconds)
  local a = rouge.average(scores)
  local speed = seconds > 0 and fmt("%.0f", #scores / seconds) or "-"
  return fmt("| %s | %d | %.2f | %.2f | %.2f | %s |", name, #scores,
             100 * a.rouge_1.f, 100 * a.rouge_2.f, 100 * a.rouge_l.f, speed)
end

local HEADER = "| system | docs | R-1 | R-2 | R-L | docs/s |\n" ..
               "| --- | ---: | ---: | ---: | ---: | ---: |"

-- the groups a dataset is reported by: cnndm by half and together
local function groups_of(name, docs)
  if name ~= "cnndm" then return { { title = "bbc, all categories", docs = docs } } end
  local cnn, dm = {}, {}
  for _, d in ipairs(docs) do
    if d.group == "CNN" then cnn[#cnn + 1] = d else dm[#dm + 1] = d end
  end
  return {
    { title = "cnndm, CNN (ids 000000-000499)", docs = cnn },
    { title = "cnndm, Daily Mail (ids 004000-004499)", docs = dm },
    { title = "cnndm, both halves", docs = docs },
  }
end

-- the built-in policies made for each dataset's kind of text; report
-- (sectioned documents) and digest (several documents on one story) have
-- no such data here
local POLICIES = {
  cnndm = { "default", "news", "tokenized" },
  bbc = { "default", "news" },
}

local NOTES = {
  cnndm = "3 sentences per summary; references are the highlights. Lead-3 is " ..
          "the first 3 sentences of precis's segmentation. \"policy X\" rows are the " ..
          "built-in policies as shipped, with the length and order of the table.",
  bbc = "as many sentences as the reference has, in document order; precis " ..
        "gets the whole file (line 1 is its title unit), Lead-N the first N " ..
        "sentence units, ots the body without line 1. \"policy X\" rows are the " ..
        "built-in policies as shipped, with the length and order of the table.",
}

local function run_dataset(o, name, out)
  datasets.require_data({ name }, "eval")
  local docs = datasets.load(name, o.limit)
  local systems = {}
  if o.systems.precis then systems[#systems + 1] = precis_system(o) end
  local policies = o.policies
  if #policies == 0 and o.systems.policies then policies = POLICIES[name] end
  for _, p in ipairs(policies) do systems[#systems + 1] = precis_system(o, p) end
  if o.systems.lead then systems[#systems + 1] = lead_system() end
  if o.systems.ots then
    if ots.available() then
      systems[#systems + 1] = ots_system(o, name)
    else
      stderr:write("eval/run.lua: ots not found (Debian package ots); skipping it\n")
    end
  end
  -- score every document once per system, then cut into groups
  local per_system = {}
  for k, sys in ipairs(systems) do
    stderr:write(fmt("%s: %s on %d documents...\n", name, sys.name, #docs))
    per_system[k] = evaluate(sys, docs)
  end
  for _, g in ipairs(groups_of(name, docs)) do
    out[#out + 1] = "### " .. g.title
    out[#out + 1] = ""
    out[#out + 1] = HEADER
    for k, sys in ipairs(systems) do
      local scores, seconds = {}, 0
      for i, d in ipairs(g.docs) do
        local res = per_system[k][d.id]
        scores[i], seconds = res.score, seconds + res.seconds
      end
      local label = sys.name == "Lead-N" and (name == "cnndm" and "Lead-3" or "Lead-N")
                    or sys.name
      out[#out + 1] = row(label, scores, seconds)
    end
    out[#out + 1] = ""
  end
  out[#out + 1] = "Notes: " .. NOTES[name]
  for _, sys in ipairs(systems) do
    local st = sys.stats
    if st.failures > 0 then
      out[#out + 1] = fmt("%s failed on %d documents (scored as empty), e.g. %s.",
                          sys.name, st.failures, st.last_failure)
    end
    if st.not_sentences and st.not_sentences > 0 then
      out[#out + 1] = fmt("%s selected %d units that are not sentences (titles or headings).",
                          sys.name, st.not_sentences)
    end
    if st.title_lines and st.title_lines > 0 then
      out[#out + 1] = fmt("%s selected the title line (segmented as a sentence) in %d documents.",
                          sys.name, st.title_lines)
    end
  end
  out[#out + 1] = ""
end

local function shell_words(argv)
  local words = {}
  for i, a in ipairs(argv) do
    words[i] = a:find("^[%w%._=,/-]+$") and a or ("'" .. a:gsub("'", "'\\''") .. "'")
  end
  return concat(words, " ")
end

local function main(argv)
  local o = parse_args(argv)
  local out = {}
  local command = "lua5.4 eval/run.lua" .. (#argv > 0 and " " .. shell_words(argv) or "")
  for _, name in ipairs(o.datasets) do run_dataset(o, name, out) end
  out[#out + 1] = "ROUGE-1/2/L F1 x 100, stemmed (-m), as ROUGE-1.5.5 computes them " ..
                  "(see eval/README.md); docs/s is CPU time in process for precis and " ..
                  "Lead-N, wall time per ots process (started once per document) for ots."
  out[#out + 1] = ""
  out[#out + 1] = "Command: `" .. command .. "`" ..
                  (o.limit and fmt(" (a sample of %d documents per dataset)", o.limit) or "")
  local text = concat(out, "\n") .. "\n"
  stdout:write(text)
  if o.write then
    -- the segmentation section (eval/seg.lua --write) stays as it is
    local keep = ""
    local old = io.open(REPO .. "/eval/RESULTS.md", "rb")
    if old then
      keep = old:read("a"):match("\n(## Segmentation\n.*)$") or ""
      old:close()
    end
    local f = assert(io.open(REPO .. "/eval/RESULTS.md", "w"))
    f:write("# Evaluation results\n\n",
            "Written by `eval/run.lua --write` on ", os.date("!%Y-%m-%d"),
            " with precis ", tostring(precis._VERSION), ".\n\n", text,
            keep ~= "" and "\n" or "", keep)
    f:close()
    stderr:write("wrote eval/RESULTS.md\n")
  end
  return 0
end

exit(main(arg))
