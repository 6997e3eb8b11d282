--- precis.rouge_command: `summarize rouge SYSTEM REFERENCE...`, ROUGE-1,
-- ROUGE-2, ROUGE-L and ROUGE-SU4 of summaries against references, as
-- ROUGE-1.5.5 computes them (precis.rouge), averaged over documents.
--
-- SYSTEM and each REFERENCE are two files (one document), or collections
-- paired by key: a folder (every file below it; the key is its path
-- below the folder without the name's last extension) or a JSON Lines
-- file (the key is each record's "id"). Kept apart from precis.cli so that
-- a summary never loads it.
-- @module precis.rouge_command

local rouge = require "precis.rouge"
local json = require "precis.json"
local input = require "precis.input"
local core = require("precis.core").rouge

local io = io
local type, tostring, ipairs, next, error = type, tostring, ipairs, next, error
local concat = table.concat
local format, gsub, match, sub, find, lower, rep =
  string.format, string.gsub, string.match, string.sub, string.find, string.lower, string.rep
local min = math.min

local M = {}

-- a summary or reference file, read whole, and a line of JSON Lines
local MAX_FILE = input.MAX_INPUT_BYTES
local MAX_LINE = input.MAX_INPUT_BYTES
-- folders below a folder: deeper is a link that loops
local MAX_DEPTH = 32
local CHUNK = 65536

-- The figures printed, in order: ROUGE-1.5.5's -n 2 -2 4 -U (and -m).
local METRICS = { "rouge_1", "rouge_2", "rouge_l", "rouge_su4" }
local LABELS = { rouge_1 = "ROUGE-1", rouge_2 = "ROUGE-2", rouge_l = "ROUGE-L",
                 rouge_su4 = "ROUGE-SU4" }
local SCORE_OPTS = { n = 2, skip = 4, unigrams = true }

local function is_jsonl(path)
  local ext = match(lower(path), "%.(%w+)$")
  return path == "-" or ext == "jsonl" or ext == "ndjson"
end

-- a folder is one that lists (its listing is kept: it is asked again)
local listed = {}
local function is_dir(path)
  if path == "-" then return false end
  if listed[path] == nil then listed[path] = core.dir(path) or false end
  return listed[path] ~= false
end

-- ---------------------------------------------------------------------
-- Reading
-- ---------------------------------------------------------------------

-- The text of a file, checked: valid UTF-8 without NUL bytes.
local function read_text(path, fail)
  local data, why, code = input.read_file(path, MAX_FILE)
  if code == "ELIMIT" then fail("%s: over the limit of %.0f bytes", path, MAX_FILE) end
  if code == "ENOMEM" then error("not enough memory", 0) end
  if not data then fail("%s: %s", path, why) end
  local bad, line, col, off = core.utf8(data)
  if bad then
    fail("%s:%d:%d: invalid UTF-8 (%s) at byte offset %d", path, line, col, bad, off)
  end
  return data
end

-- The lines of an open file, each without its line feed, with its number;
-- a line over MAX_LINE is an error.
local function each_line(f, name, fail)
  local buf, pos, n, eof = "", 1, 0, false
  return function()
    while true do
      local nl = find(buf, "\n", pos, true)
      if nl or (eof and pos <= #buf) then
        local stop = nl or #buf + 1
        local line = sub(buf, pos, stop - 1)
        pos = stop + 1
        n = n + 1
        return n, line
      end
      if eof then return nil end
      if #buf - pos + 1 > MAX_LINE then
        fail("%s:%d: a line over the limit of %.0f bytes", name, n + 1, MAX_LINE)
      end
      local chunk, why = f:read(min(CHUNK, MAX_LINE + 1))
      if chunk == nil then
        if why then fail("%s: %s", name, tostring(why)) end
        eof = true
      end
      buf = sub(buf, pos) .. (chunk or "")
      pos = 1
    end
  end
end

-- A sentence of a JSON record: one unit of ROUGE-L, its line breaks spaces.
local function one_line(s)
  return (gsub(s, "[\r\n]+", " "))
end

-- The summary of a JSON value: a string (one sentence per line), or a
-- list of sentences, each a string or an object with a string "text" (a
-- record of summarize batch). nil when it is neither.
local function summary_of(v)
  if type(v) == "string" then return v end
  if type(v) ~= "table" then return nil end
  local lines = {}
  for i, s in ipairs(v) do
    if type(s) == "table" then s = s.text end
    if type(s) ~= "string" then return nil end
    lines[i] = one_line(s)
  end
  if #lines == 0 and next(v) ~= nil then return nil end
  return lines
end

-- A JSON Lines collection: key -> { texts = {...}, where = "FILE:LINE" }.
-- `side` is "system" (one summary per record) or "reference" (one or more).
local function read_jsonl(path, side, fail, warn)
  local name = path == "-" and "<stdin>" or path
  local f, why
  if path == "-" then f = io.stdin else f, why = io.open(path, "rb") end
  if not f then
    fail("%s", why)
  end
  local docs, order = {}, {}
  for n, line in each_line(f, name, fail) do
    if find(line, "[^ \t\r]") then
      local bad, _, col, off = core.utf8(line)
      if bad then
        fail("%s:%d:%d: invalid UTF-8 (%s) at byte offset %d of the line",
             name, n, col, bad, off)
      end
      local rec, jwhy, at = core.json(line)
      if rec == nil then
        fail("%s:%d:%d: bad JSON: %s", name, n, at + 1, jwhy)
      end
      if type(rec) ~= "table" or not find(line, "^[ \t\r]*{") then fail("%s:%d: a record is a JSON object", name, n) end
      local id = rec.id
      if type(id) == "number" then id = format("%.17g", id)
      elseif type(id) ~= "string" then
        fail("%s:%d: a record needs an \"id\", a string or a number", name, n)
      end
      if docs[id] then
        fail("%s:%d: id '%s' again (first at line %s)", name, n, id, match(docs[id].where, "(%d+)$"))
      end
      local where = format("%s:%d", name, n)
      local texts
      if side == "system" and type(rec.error) == "table" then -- summarize batch's failure
        local e = rec.error
        texts = false
        warn("%s: id '%s' has no summary (%s: %s), and is not scored", where, id,
             tostring(e.code), tostring(e.message))
      elseif side == "reference" and rec.references ~= nil then
        texts = {}
        if type(rec.references) ~= "table" or #rec.references == 0 then
          fail("%s: \"references\" is a list of summaries", where)
        end
        for i, r in ipairs(rec.references) do
          texts[i] = summary_of(r)
          if not texts[i] then
            fail("%s: reference %d of \"references\" is neither a string nor a list of sentences",
                 where, i)
          end
        end
      else
        local v = rec.summary
        if v == nil then v = rec.sentences end
        if v == nil then
          fail("%s: a record needs \"summary\" or \"sentences\"%s", where,
               side == "reference" and " (or \"references\")" or "")
        end
        local s = summary_of(v)
        if not s then
          fail("%s: \"%s\" is neither a string nor a list of sentences", where,
               rec.summary ~= nil and "summary" or "sentences")
        end
        texts = { s }
      end
      docs[id] = { texts = texts, where = where }
      order[#order + 1] = id
    end
  end
  if f ~= io.stdin then f:close() end
  return docs, order
end

-- A folder collection: key -> { texts = { text }, where = path }.
local function read_dir(root, fail)
  local docs, order = {}, {}
  local function walk(dir, rel, depth)
    if depth > MAX_DEPTH then
      fail("%s: folders nested over %d deep (a link that loops?)", dir, MAX_DEPTH)
    end
    local list, why = listed[dir] or core.dir(dir)
    if not list then fail("%s: %s", dir, why) end
    listed[dir] = nil
    for _, e in ipairs(list) do
      if sub(e.name, 1, 1) ~= "." then -- hidden files and folders are left out
        local path = dir .. "/" .. e.name
        local r = rel .. e.name
        if e.dir then
          walk(path, r .. "/", depth + 1)
        else
          local key = match(r, "^(.*[^/])%.[^./]*$") or r
          if docs[key] then
            fail("%s and %s pair under the same name '%s'", docs[key].where, path, key)
          end
          docs[key] = { path = path, where = path }
          order[#order + 1] = key
        end
      end
    end
  end
  walk(gsub(root, "(.)/+$", "%1"), "", 0)
  return docs, order
end

local function read_collection(path, side, fail, warn)
  if is_jsonl(path) and not is_dir(path) then return read_jsonl(path, side, fail, warn) end
  return read_dir(path, fail)
end

-- The texts of a document (a folder's file is read when it is scored).
local function texts_of(doc, fail)
  if doc.path then return { read_text(doc.path, fail) } end
  return doc.texts
end

-- ---------------------------------------------------------------------
-- Output
-- ---------------------------------------------------------------------

local function figures(s)
  local keys, values = {}, {}
  for _, m in ipairs(METRICS) do
    keys[#keys + 1] = m
    values[m] = json.object({ "r", "p", "f" }, s[m])
  end
  return json.object(keys, values)
end

local function text_rows(s, prefix, out)
  for _, m in ipairs(METRICS) do
    local v = s[m]
    out[#out + 1] = format("%s%-9s  R %.5f  P %.5f  F %.5f", prefix, LABELS[m], v.r, v.p, v.f)
  end
end

-- ---------------------------------------------------------------------
-- The command
-- ---------------------------------------------------------------------

--- Runs `summarize rouge`.
-- @tparam table args the words after "rouge"
-- @tparam table io_ `usage(fmt, ...)`, `fail(fmt, ...)` (both raise),
--   `warn(fmt, ...)`, `write(lines)`, `help()`
-- @treturn integer the exit status
function M.run(args, io_)
  local usage, fail, warn, write = io_.usage, io_.fail, io_.warn, io_.write
  local paths, fmt_, per_doc, stem = {}, "text", false, true
  local i, only_paths = 1, false
  while i <= #args do
    local a = args[i]
    local opt, val = match(a, "^(%-%-[^=]+)=(.*)$")
    opt = opt or a
    if only_paths or opt == "-" or sub(opt, 1, 1) ~= "-" then
      paths[#paths + 1] = a
    elseif opt == "--" then
      only_paths = true
    elseif opt == "--format" then
      if not val then
        i = i + 1
        val = args[i]
        if val == nil then usage("option '--format' needs a value") end
      end
      if val ~= "text" and val ~= "json" then
        usage("option '--format' expects 'text' or 'json', got '%s'", val)
      end
      fmt_ = val
    elseif opt == "--per-document" and not val then
      per_doc = true
    elseif opt == "--no-stem" and not val then
      stem = false
    elseif (opt == "--help" or opt == "-h") and not val then
      return io_.help()
    else
      usage("unknown option '%s' for 'rouge' (see summarize --help)", a)
    end
    i = i + 1
  end
  if #paths < 2 then usage("'rouge' needs a SYSTEM and at least one REFERENCE") end

  local exceptions = false
  if stem then
    local why
    exceptions, why = rouge.exceptions()
    if not exceptions then fail("%s (or score with --no-stem)", why) end
  end
  local opts = { stem = stem, exceptions = exceptions, n = SCORE_OPTS.n,
                 skip = SCORE_OPTS.skip, unigrams = SCORE_OPTS.unigrams }

  local system, refs = paths[1], {}
  for k = 2, #paths do refs[#refs + 1] = paths[k] end
  local stdin_used = 0
  for _, p in ipairs(paths) do
    if p == "-" then
      stdin_used = stdin_used + 1
    elseif not is_dir(p) then
      local f, why = io.open(p, "rb")
      if not f then fail("%s", why) end
      f:close()
    end
  end
  if stdin_used > 1 then usage("standard input (-) can be read once only") end

  -- the documents: { key=, summary=, refs={...} } in byte order of keys
  local pairs_, unpaired = {}, 0
  local collections = is_dir(system) or is_jsonl(system)
  for _, r in ipairs(refs) do
    if (is_dir(r) or is_jsonl(r)) ~= collections then
      usage("SYSTEM and REFERENCE are both files, or both collections (folders or JSON Lines): " ..
            "%s and %s are not", system, r)
    end
  end

  if not collections then
    local texts = {}
    for _, r in ipairs(refs) do texts[#texts + 1] = read_text(r, fail) end
    pairs_[1] = { key = system, summary = read_text(system, fail), refs = texts }
  else
    local sys, sys_order = read_collection(system, "system", fail, warn)
    local ref_sets = {}
    for k, r in ipairs(refs) do
      local docs, order = read_collection(r, "reference", fail, warn)
      ref_sets[k] = { docs = docs, order = order }
    end
    local keys = {}
    for _, key in ipairs(sys_order) do
      local doc = sys[key]
      local found = false
      for _, set in ipairs(ref_sets) do if set.docs[key] then found = true end end
      if doc.texts == false then -- a failure, named as it was read
        unpaired = unpaired + 1
      elseif not found then
        unpaired = unpaired + 1
        warn("%s: '%s' has no reference, and is not scored", doc.where, key)
      else
        keys[#keys + 1] = key
      end
    end
    for _, set in ipairs(ref_sets) do
      for _, key in ipairs(set.order) do
        if not sys[key] then
          unpaired = unpaired + 1
          warn("%s: '%s' has no summary in %s, and is not scored", set.docs[key].where, key,
               system == "-" and "<stdin>" or system)
        end
      end
    end
    if #keys == 0 then
      fail("no document of %s has a reference in %s (folders pair files by their path " ..
           "without the last extension, JSON Lines by \"id\")", system == "-" and "<stdin>" or system,
           concat(refs, ", "))
    end
    local byte_order = core.order(keys)
    for k, pos in ipairs(byte_order) do
      local key = keys[pos]
      local texts = {}
      for _, set in ipairs(ref_sets) do
        local d = set.docs[key]
        if d then
          for _, t in ipairs(texts_of(d, fail)) do texts[#texts + 1] = t end
        end
      end
      pairs_[k] = { key = key, summary = texts_of(sys[key], fail)[1], refs = texts,
                    where = sys[key].where }
    end
  end

  local scores = {}
  for k, p in ipairs(pairs_) do
    local s, why = rouge.score(p.summary, p.refs, opts)
    if not s then fail("%s: %s", p.where or p.key, why) end
    scores[k] = s
  end
  local avg = rouge.average(scores)

  local out = {}
  if fmt_ == "json" then
    local keys = { "documents", "stemmed", "unpaired", "average" }
    local values = { documents = #scores, stemmed = stem, unpaired = unpaired,
                     average = figures(avg) }
    if per_doc then
      local list = {}
      for k, p in ipairs(pairs_) do
        local fig = figures(scores[k])
        local dk = { "id", "references" }
        local dv = { id = p.key, references = #p.refs }
        for _, m in ipairs(METRICS) do dk[#dk + 1] = m; dv[m] = fig.values[m] end
        list[k] = json.object(dk, dv)
      end
      keys[#keys + 1] = "per_document"
      values.per_document = json.array(list)
    end
    out[1] = json.encode(json.object(keys, values))
  else
    if per_doc then
      local width = 0
      for _, p in ipairs(pairs_) do
        local shown = gsub(json.clean_utf8(p.key), "%s", " ")
        p.shown = shown
        if #shown > width then width = #shown end
      end
      for k, p in ipairs(pairs_) do
        text_rows(scores[k], p.shown .. rep(" ", width - #p.shown + 2), out)
      end
      out[#out + 1] = ""
    end
    out[#out + 1] = format("%d document%s, %s", #scores, #scores == 1 and "" or "s",
                           stem and "stemmed" or "not stemmed")
    text_rows(avg, "", out)
  end
  write(out)
  return unpaired > 0 and 1 or 0
end

return M
