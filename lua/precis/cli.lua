--- precis.cli: the `summarize` command.
--
-- Results go to standard output, diagnostics to standard error as
-- "summarize: FILE:LINE:COL: message". `main` returns the exit status:
-- 0 success, 1 bad input or a runtime failure, 2 a usage error.
-- @module precis.cli

local precis = require "precis"
local core = require "precis.core"
local json = require "precis.json"
local compat = require "precis.compat"
local input = require "precis.input"

local io, os = io, os
local type, tonumber, tostring, ipairs, error, xpcall, pcall, next =
  type, tonumber, tostring, ipairs, error, xpcall, pcall, next
local setmetatable, getmetatable, rawget = setmetatable, getmetatable, rawget
local concat, sort = table.concat, table.sort
local format, gsub, match, sub, rep, find =
  string.format, string.gsub, string.match, string.sub, string.rep, string.find
local isint, huge = compat.isint, math.huge
local traceback = debug.traceback

local M = {}

local PROG = "summarize"

local HELP = [[
Usage: summarize [OPTION...] [FILE...]
       summarize split [OPTION...] [FILE...]
       summarize batch [OPTION...] [PATH...]
       summarize rouge [OPTION...] SYSTEM REFERENCE...
       summarize eval [cnndm|bbc|all] [--policy P] [--limit K] [--help]
       summarize policy check FILE...
       summarize policy show NAME|FILE
       summarize policy list
       summarize languages

Prints the sentences that best summarize the FILEs, one per line, with
runs of white space (line breaks too) shown as one space. Several FILEs make
one summary of one story. With no FILE, or where FILE is -, standard input
is read. "split" prints every piece of text instead, one per line:
sentences, titles, headings, list items with their markers, and the
fragments no summary takes (greetings, sign-offs, dates, separator lines);
only boilerplate is left out (to summarize a file named "split", write
./split). "policy check"
validates policy files and prints nothing but their errors; "policy show"
prints a policy fully resolved (after extends, with every default) as
YAML; neither runs a policy's Lua code. "policy list" lists the built-in
policies and what each is for. "languages" lists the language packs:
code, name and stemmer.

Length (the last one given counts; default 3 sentences):
  -n, --sentences N      at most N sentences
  -w, --words N          whole sentences up to N words in all
  -c, --chars N          whole sentences up to N characters in all
  -r, --ratio R          this fraction of the sentences, 0 < R <= 1

Policy:
      --policy P         summarize as policy P says: a built-in's name (see
                         "summarize policy list"), a YAML file (a path with
                         a "/" or ending in .yaml), or FILE#NAME for one of
                         several in a file; the options given override it
      --trust-policy-code
                         run the policy's Lua code (lua:) with the powers
                         of the program, and let its paths lead out of its
                         folder; without it the code runs in a sandbox,
                         with a budget (see docs/policies.md)

Scoring:
      --method NAME      default (the built-in mix of scorers); one scorer
                         alone: lexrank, textrank, luhn, centroid, position
                         (or lead: the first sentences), length, title,
                         edmundson, lsa, mead, pacsum; or a method that
                         selects its own way: sumbasic, klsum, submodular
      --weight NAME=W    weight W for scorer NAME (repeatable); the weights
                         given are the whole mix and override --method
      --lambda L         redundancy trade-off, 0 to 1 (1 = none; default 0.85)
      --param NAME=V     a tuning parameter, e.g. pacsum.beta=0.6 (repeatable;
                         every parameter is listed under PARAMETERS in
                         summarize(1), and in the C header precis.h)
      --query TEXT       favour sentences that answer this question or topic
      --language LANG    auto (default: detected from the text), english, en,
                         german, de, ..., or none ("summarize languages"
                         lists them)
      --order ORDER      document (default), score (best first) or date
                         (documents by the date they carry, then as document)
      --min-words N      never select sentences under N words (default 4)
      --max-words N      never select sentences over N words (default 80,
                         0 = no limit)
      --drop-lines RE    drop lines that match the POSIX extended regular
                         expression RE before reading sentences (repeatable)
      --input FORMAT     text, markdown or html (default: from the first
                         file's name, .md/.markdown or .html/.htm, else text)
      --unwrap           rejoin hard-wrapped or PDF-extracted lines;
                         --no-unwrap: every line break ends a sentence
                         (default: rejoin paragraphs that look wrapped)
      --invalid-utf8 M   error (default) or replace: read bytes that are not
                         UTF-8 as U+FFFD
      --encoding NAME    the encoding of input that declares none
                         (windows-1252, latin1, shift_jis, ...; default
                         UTF-8): a byte-order mark or an HTML page's
                         <meta charset> wins

Output:
      --format FORMAT    text (default) or json
      --explain          also show how the sentences scored. Text: after the
                         summary, a blank line, then a table of every
                         candidate sentence by rank (* = selected) with its
                         score, each scorer's value and DOC:INDEX (0-based).
                         JSON: adds "scorers" and "units" (every unit).
  -h, --help             show this help and exit
      --version          show the versions of precis, Lua and the
                         libraries precis uses, and exit

JSON output is one object: {"documents":[{"name":...}],"language":...,
"sentences":[{"doc","index","start","end","text","score","rank","selected",
"scores"}...]}. "doc" and "index" count from 0; "start" and "end" are byte
offsets (from 0, end excluded) into the document's original bytes, and
"text" is exactly those bytes (bytes that are not UTF-8 are written as
U+FFFD). "split" writes {"documents","language","units":[{"doc","index",
"start","end","kind","text"}...]}.

"batch" writes one summary per document, one JSON object per line (or
text), in input order: PATHs are folders (every file below them), JSON
Lines files (*.jsonl, *.ndjson: {"id","text"} per line, see docs/batch.md)
and other files (one document each); with none, or "-", JSON Lines come
on standard input. A document that fails is a record {"id","error"}, and
the batch goes on; the exit status is 1 when any failed. Its options, with
every summary option above:
  -j, --jobs N           threads (default: one per core)
  -o, --output FILE      write the records to FILE (default: standard output)
      --output-dir DIR   one file per document in DIR instead (ID.json or
                         ID.txt)
      --resume           leave out the ids the output holds already, and
                         append (after a crash or a kill)
      --include GLOB     in folders, only files whose name matches (repeatable)
      --exclude GLOB     in folders, leave out files and folders whose name
                         matches (repeatable)
  -q, --quiet            no progress line (shown when standard error is a
                         terminal)
      --stdin-name NAME  what the ids of records without one call standard
                         input (default <stdin>): they are NAME:LINE
      --stdin-line N     the number of standard input's first line (default
                         1), for a part of a file piped in

"rouge" scores summaries against references as ROUGE-1.5.5 does (with -m:
Porter stemming and WordNet's exceptions; -n 2 -2 4 -U) and prints ROUGE-1,
ROUGE-2, ROUGE-L and ROUGE-SU4 recall, precision and F, averaged over the
documents. SYSTEM and REFERENCE are two files, one sentence per line (one
document; several REFERENCEs are several references), or folders and JSON
Lines files, paired by key: a file's path below its folder without its last
extension, a record's "id". A system record has "sentences" (the output
of "batch") or "summary"; a reference record "summary", "sentences" or
"references" (several). A document on one side only is named on standard
error, is not scored, and makes the exit status 1. Its options:
      --per-document     also each document's figures
      --no-stem          compare words as they are, without stemming

Exit status: 0 success, 1 bad input (a file that cannot be read, invalid
UTF-8, nothing to summarize, a policy's Lua scorer that failed), 2 a usage
error or a bad policy.

Manuals: summarize(1), precis-policy(5) for policy files, precis(3) for
the C library. The C header precis.h is in PREFIX/include after make
install or with the Debian package libprecis-dev; LuaRocks puts it and
the manuals' sources (docs/man/*.scd) in the rock's directory, which
"luarocks show --rock-dir precis" prints.
]]

-- ---------------------------------------------------------------------
-- Exits: errors raised with an Exit table carry a status and a message
-- ---------------------------------------------------------------------

local Exit = {}

local function quit(status, fmt, ...)
  error(setmetatable({ status = status, msg = format(fmt, ...) }, Exit), 0)
end

local function usage(fmt, ...) quit(2, fmt, ...) end
local function fail(fmt, ...) quit(1, fmt, ...) end

-- ---------------------------------------------------------------------
-- Arguments
-- ---------------------------------------------------------------------

local function positive_int(opt, v)
  local n = find(v, "^%d+$") and tonumber(v)
  if not n or not isint(n) or n < 1 then
    usage("option '%s' expects a positive integer, got '%s'", opt, v)
  end
  return n
end

local function count(opt, v)
  local n = find(v, "^%d+$") and tonumber(v)
  if not n or not isint(n) then
    usage("option '%s' expects a non-negative integer, got '%s'", opt, v)
  end
  return n
end

local function number(opt, v)
  local n = tonumber(v)
  if not n or n ~= n or n == huge or n == -huge then
    usage("option '%s' expects a number, got '%s'", opt, v)
  end
  return n
end

local function one_of(opt, v, a, b)
  if v ~= a and v ~= b then
    usage("option '%s' expects '%s' or '%s', got '%s'", opt, a, b, v)
  end
  return v
end

-- "--weight NAME=W", "--param NAME=V": one entry of cfg.opts[key]
local function set_pair(cfg, key, opt, v, what)
  local name, x = match(v, "^([^=]+)=(.*)$")
  if not name then
    usage("option '%s' expects NAME=%s, got '%s'", opt, what, v)
  end
  cfg.opts[key] = cfg.opts[key] or {}
  cfg.opts[key][name] = number(opt, x)
end

local function set_budget(cfg, key, value)
  local o = cfg.opts
  o.sentences, o.words, o.chars, o.ratio = nil, nil, nil, nil
  o[key] = value
end

-- option -> function(cfg, name as typed, value)
local handlers = {
  sentences = function(cfg, opt, v)
    set_budget(cfg, "sentences", positive_int(opt, v))
  end,
  words = function(cfg, opt, v)
    set_budget(cfg, "words", positive_int(opt, v))
  end,
  chars = function(cfg, opt, v)
    set_budget(cfg, "chars", positive_int(opt, v))
  end,
  ratio = function(cfg, opt, v)
    local r = tonumber(v)
    if not r or not (r > 0 and r <= 1) then
      usage("option '%s' expects a number in (0, 1], got '%s'", opt, v)
    end
    set_budget(cfg, "ratio", r)
  end,
  method = function(cfg, _, v)
    for _, name in ipairs(precis.methods) do
      if name == v then cfg.opts.method = v; return end
    end
    usage("unknown method '%s' (choose from %s)", v,
          concat(precis.methods, ", "))
  end,
  weight = function(cfg, opt, v) set_pair(cfg, "weights", opt, v, "WEIGHT") end,
  lambda = function(cfg, opt, v)
    cfg.opts.params = cfg.opts.params or {}
    cfg.opts.params["redundancy.lambda"] = number(opt, v)
  end,
  language = function(cfg, _, v) cfg.opts.language = v end,
  input = function(cfg, opt, v)
    if v ~= "html" then v = one_of(opt, v, "text", "markdown") end
    cfg.opts.input = v
  end,
  unwrap = function(cfg) cfg.opts.unwrap = true end,
  no_unwrap = function(cfg) cfg.opts.unwrap = false end,
  query = function(cfg, _, v) cfg.opts.query = v end,
  param = function(cfg, opt, v) set_pair(cfg, "params", opt, v, "VALUE") end,
  order = function(cfg, opt, v)
    if v ~= "date" then v = one_of(opt, v, "document", "score") end
    cfg.opts.order = v
  end,
  min_words = function(cfg, opt, v) cfg.opts.min_words = count(opt, v) end,
  max_words = function(cfg, opt, v) cfg.opts.max_words = count(opt, v) end,
  drop_lines = function(cfg, _, v)
    cfg.opts.drop_lines = cfg.opts.drop_lines or {}
    cfg.opts.drop_lines[#cfg.opts.drop_lines + 1] = v
  end,
  invalid_utf8 = function(cfg, opt, v)
    cfg.opts.invalid_utf8 = one_of(opt, v, "error", "replace")
  end,
  encoding = function(cfg, _, v) cfg.opts.encoding = v end,
  format = function(cfg, opt, v)
    cfg.format = one_of(opt, v, "text", "json")
    cfg.format_given = true
  end,
  policy = function(cfg, _, v) cfg.policy = v end,
  trust_policy_code = function(cfg) cfg.trust = true end,
  explain = function(cfg) cfg.explain = true end,
  help = function(cfg) cfg.help = true end,
  version = function(cfg) cfg.version = true end,
}

local long = {
  ["--sentences"] = "sentences", ["--words"] = "words", ["--chars"] = "chars",
  ["--ratio"] = "ratio", ["--method"] = "method", ["--weight"] = "weight",
  ["--lambda"] = "lambda", ["--language"] = "language", ["--order"] = "order",
  ["--input"] = "input", ["--unwrap"] = "unwrap", ["--no-unwrap"] = "no_unwrap",
  ["--query"] = "query", ["--param"] = "param",
  ["--min-words"] = "min_words", ["--max-words"] = "max_words",
  ["--drop-lines"] = "drop_lines", ["--invalid-utf8"] = "invalid_utf8",
  ["--encoding"] = "encoding",
  ["--format"] = "format", ["--explain"] = "explain", ["--help"] = "help",
  ["--version"] = "version", ["--policy"] = "policy",
  ["--trust-policy-code"] = "trust_policy_code",
}
local short = {
  ["-n"] = "sentences", ["-w"] = "words", ["-c"] = "chars", ["-r"] = "ratio",
  ["-h"] = "help",
}
local flags = { explain = true, help = true, version = true, unwrap = true,
                no_unwrap = true, trust_policy_code = true }

-- Parses the command line; stops early at --help or --version.
local function parse(args)
  local cfg = { opts = {}, files = {}, format = "text" }
  local i, n, only_files = 1, #args, false
  while i <= n do
    local a = args[i]
    if only_files or a == "-" or sub(a, 1, 1) ~= "-" then
      if a == "split" and not only_files and not cfg.split
         and not cfg.policy_cmd and #cfg.files == 0 then
        cfg.split = true
      elseif a == "policy" and not only_files and not cfg.split
         and not cfg.policy_cmd and #cfg.files == 0 then
        cfg.policy_cmd = true
      elseif a == "languages" and not only_files and not cfg.split
         and not cfg.policy_cmd and not cfg.languages and #cfg.files == 0 then
        cfg.languages = true
      else
        cfg.files[#cfg.files + 1] = a
      end
    elseif a == "--" then
      only_files = true
    else
      local opt, value, key
      if sub(a, 1, 2) == "--" then
        opt, value = match(a, "^(%-%-[^=]+)=(.*)$")
        opt = opt or a
        key = long[opt]
        if not key then usage("unknown option '%s' (see --help)", opt) end
      else
        opt = sub(a, 1, 2)
        key = short[opt]
        if #a > 2 then
          value = sub(a, 3) -- "-n3"
          if flags[key] then key = nil end
        end
        if not key then usage("unknown option '%s' (see --help)", a) end
      end
      if flags[key] then
        if value then usage("option '%s' takes no value", opt) end
      elseif not value then
        i = i + 1
        value = args[i]
        if value == nil then usage("option '%s' needs a value", opt) end
      end
      handlers[key](cfg, opt, value)
      if cfg.help or cfg.version then return cfg end
    end
    i = i + 1
  end
  if #cfg.files == 0 and not cfg.policy_cmd and not cfg.languages then
    cfg.files[1] = "-"
  end
  return cfg
end

-- ---------------------------------------------------------------------
-- Input
-- ---------------------------------------------------------------------

-- What the command works on, for a message when memory runs out.
local working_on

-- The file at `path` ("-": standard input), read in chunks up to `left`
-- bytes: past them it is refused without reading the rest (a regular
-- file by its size, unread). `max` is the limit in all, for the message.
local function read_input(path, left, max)
  local name = path == "-" and "<stdin>" or path
  working_on = name
  local data, why, code
  if path == "-" then
    data, why, code = input.read_stream(io.stdin, left)
  else
    data, why, code = input.read_file(path, left)
  end
  if code == "ELIMIT" then fail("%s: input is over the limit of %.0f bytes", name, max) end
  if code == "ENOMEM" then error("not enough memory", 0) end
  if not data then fail("%s: %s", name, why) end
  return { text = data, name = name }
end

-- The input's limit: --param input.max_bytes, else the policy's, else
-- the engine's.
local function input_limit(cfg)
  local v = cfg.opts.params and cfg.opts.params["input.max_bytes"]
  if v == nil and cfg.opts.policy then
    v = require("precis.policy").effective(cfg.opts.policy).input.max_bytes
  end
  return v or input.MAX_INPUT_BYTES
end

local function is_oom(e)
  return type(e) == "string" and find(e, "not enough memory", 1, true) ~= nil
end

-- ---------------------------------------------------------------------
-- Output
-- ---------------------------------------------------------------------

-- One line of text: valid UTF-8, white space runs as one space.
local function oneline(text)
  local s = gsub(json.clean_utf8(text), "[ \t\n\v\f\r]+", " ")
  s = gsub(s, "^ ", "")
  s = gsub(s, " $", "")
  return s
end

-- A unit as a reader sees it: markup removed (Markdown, HTML), and in
-- plain text a list item without its bullet or number, as Markdown reads
-- it, so that one article prints the same sentences in every format. The
-- core says which units open a list item; a dash that opens a line of
-- speech ("- Vi kan ikke vente") is none.
-- A unit's text as printed: `split` prints every piece of text, a list
-- item's marker too; a summary shows a plain-text item without its bullet,
-- as it shows one from Markdown or HTML.
local function shown(u, split)
  if split or u.plain ~= u.text or u.kind ~= "sentence" or not u.item then
    return oneline(u.plain or u.text)
  end
  local t = oneline(u.text)
  local rest = match(t, "^[-*+] +(.+)$") or match(t, "^\226\128[\162\147\148] +(.+)$") or
               match(t, "^%d%d?%d?[.)] +(.+)$") or match(t, "^%(%w%) +(.+)$")
  return rest or t
end

--- A unit's text as `summarize split` prints it (for eval/seg.lua).
M.shown = function(u) return shown(u, true) end

local function first_words(text, max)
  local words = {}
  for w in oneline(text):gmatch("%S+") do
    if #words == max then
      words[#words + 1] = "..."
      break
    end
    words[#words + 1] = w
  end
  return concat(words, " ")
end

local function scorer_names(r)
  local names = {}
  for k, sc in ipairs(r.scorers) do names[k] = sc.name end
  return names
end

local function documents_json(r)
  local docs = json.array()
  for k, d in ipairs(r.documents) do
    docs[k] = json.object({ "name", "date", "encoding" }, d)
  end
  return docs
end

local SENTENCE_KEYS = { "doc", "index", "start", "end", "text", "plain", "score",
                        "rank", "selected", "scores" }
local UNIT_KEYS = { "doc", "index", "start", "end", "kind", "rule", "words",
                    "chars", "text", "plain", "score", "rank", "selected", "scores" }

-- A unit in JSON terms: 0-based doc and index, byte offsets end-exclusive.
local function unit_json(u, keys, names)
  return json.object(keys, {
    doc = u.doc - 1, index = u.index - 1, start = u.i - 1, ["end"] = u.j,
    kind = u.kind, rule = u.rule, words = u.words, chars = u.chars,
    -- the original bytes, as UTF-8 when the document was in another encoding
    text = u.decoded or u.text, score = u.score, rank = u.rank, selected = u.selected,
    plain = u.plain ~= (u.decoded or u.text) and u.plain or nil, -- markup removed
    scores = names and json.object(names, u.scores),
  })
end

local function summary_json(r, explain)
  local names = scorer_names(r)
  local sentences = json.array()
  for k, u in ipairs(r.sentences) do
    sentences[k] = unit_json(u, SENTENCE_KEYS, names)
  end
  local top = { documents = documents_json(r), language = r.language,
                sentences = sentences }
  local keys = { "documents", "language", "sentences" }
  if explain then
    local scorers, units = json.array(), json.array()
    for k, sc in ipairs(r.scorers) do
      scorers[k] = json.object({ "name", "weight" }, sc)
    end
    for k, u in ipairs(r.units) do units[k] = unit_json(u, UNIT_KEYS, names) end
    top.scorers, top.units = scorers, units
    keys[4], keys[5] = "scorers", "units"
  end
  return json.encode(json.object(keys, top))
end

--- A result as `summarize --format json` writes it (with `explain`, as
-- --explain adds to it): for servers that answer the same JSON.
M.summary_json = summary_json

-- The --explain table: every candidate by rank.
local function explain_text(r, out)
  local names = scorer_names(r)
  local ranked = {}
  for _, u in ipairs(r.units) do
    if u.rank > 0 then ranked[#ranked + 1] = u end
  end
  sort(ranked, function(a, b) return a.rank < b.rank end)
  local head = { "rank", "sel", "score" }
  local widths = { 4, 3, 5 }
  for _, name in ipairs(names) do
    head[#head + 1] = name
    widths[#widths + 1] = #name > 5 and #name or 5
  end
  local function row(cells, text)
    local line = {}
    for k, c in ipairs(cells) do
      line[k] = rep(" ", widths[k] - #c) .. c
    end
    return concat(line, "  ") .. "  " .. text
  end
  out[#out + 1] = ""
  out[#out + 1] = row(head, format("%-9s %s", "doc:index", "text"))
  for _, u in ipairs(ranked) do
    local cells = { tostring(u.rank), u.selected and "*" or "",
                    format("%.3f", u.score) }
    for _, name in ipairs(names) do
      cells[#cells + 1] = format("%.3f", u.scores[name] or 0)
    end
    out[#out + 1] = row(cells, format("%-9s %s",
      format("%d:%d", u.doc - 1, u.index - 1), first_words(u.plain or u.text, 8)))
  end
  -- the language, and what clean-up dropped and why
  out[#out + 1] = ""
  out[#out + 1] = "language: " .. tostring(r.language)
  for _, u in ipairs(r.units) do
    if u.kind == "dropped" then
      out[#out + 1] = format("dropped %-9s %-14s %s",
        format("%d:%d", u.doc - 1, u.index - 1), u.rule or "",
        first_words(u.plain or u.text, 8))
    end
  end
end

local function write(out)
  if #out == 0 then return end
  local ok, err = io.stdout:write(concat(out, "\n"), "\n")
  if ok then ok, err = io.stdout:flush() end
  if not ok then fail("cannot write the output: %s", tostring(err)) end
end

-- ---------------------------------------------------------------------
-- Main
-- ---------------------------------------------------------------------

-- summarize policy check|show|list ...
local function policy_command(cfg)
  local what, args = cfg.files[1], {}
  for i = 2, #cfg.files do args[#args + 1] = cfg.files[i] end
  if next(cfg.opts) or cfg.policy or cfg.split or cfg.explain or cfg.format_given then
    usage("options do not apply to 'policy %s'", tostring(what))
  end
  -- check and show read a policy, never run its code
  local load_opts = { code = false, trust = cfg.trust }
  if what == "check" then
    if #args == 0 then usage("'policy check' needs a FILE") end
    local errors = {}
    for _, spec in ipairs(args) do
      working_on = spec
      local p, msg, code = precis.policy(spec, load_opts)
      if code == "ENOMEM" then error("not enough memory", 0) end
      if not p then errors[#errors + 1] = msg end
    end
    if #errors > 0 then usage("%s", concat(errors, "\n")) end
    return 0
  elseif what == "show" then
    if #args ~= 1 then usage("'policy show' needs one NAME or FILE") end
    working_on = args[1]
    local p, msg, code = precis.policy(args[1], load_opts)
    if code == "ENOMEM" then error("not enough memory", 0) end
    if not p then usage("%s", msg) end
    write({ (gsub(require("precis.policy").show(p), "\n$", "")) })
    return 0
  elseif what == "list" then
    if #args > 0 then usage("'policy list' takes no argument") end
    local out, width = {}, 0
    local list = precis.policies()
    for _, it in ipairs(list) do if #it.name > width then width = #it.name end end
    for _, it in ipairs(list) do
      out[#out + 1] = it.name .. rep(" ", width - #it.name + 2) .. it.description
    end
    write(out)
    return 0
  end
  usage("'policy' needs check, show or list%s",
        what and format(", not '%s'", what) or "")
end

-- summarize languages: code, name and stemmer of every language pack
local function languages_command(cfg)
  if #cfg.files > 0 then usage("'languages' takes no argument") end
  if next(cfg.opts) or cfg.policy or cfg.explain or cfg.format_given then
    usage("options do not apply to 'languages'")
  end
  local out, width = {}, 0
  local packs = precis.language_packs()
  for _, p in ipairs(packs) do if #p.name > width then width = #p.name end end
  for _, p in ipairs(packs) do
    local what = p.name == "none" and "(no stemming, no stopwords)"
                 or p.stemmer and "(Snowball: " .. p.stemmer .. ")"
                 or "(no stemmer)"
    out[#out + 1] = format("%-3s %s%s  %s", p.code, p.name,
                           rep(" ", width - #p.name), what)
  end
  write(out)
  return 0
end

-- `summarize --version`: precis, the Lua it runs on, the libraries
local function version_lines()
  local out = { PROG .. " (precis) " .. precis._VERSION }
  local jit = rawget(_G, "jit")
  out[2] = type(jit) == "table" and jit.version and
           format("%s (%s)", jit.version, _VERSION) or _VERSION
  for _, d in ipairs(precis.dependencies()) do
    out[#out + 1] = d.name .. (d.version and " " .. d.version or "") ..
      (d.runtime and "" or d.version and " (at build time)" or
       " (tells no version)")
  end
  return out
end

-- `summarize eval [DATASET...] [OPTION...]`: the ROUGE evaluation of
-- eval/run.lua, which lives in the source tree (bin/summarize says where).
local EVAL_DATASETS = { cnndm = true, bbc = true, all = true }
local function eval_command(args)
  local root = os.getenv("PRECIS_ROOT")
  local script = root and root .. "/eval/run.lua"
  local f = script and io.open(script, "r")
  if not f then
    usage("eval runs in the precis source tree: use bin/summarize there " ..
          "(after make)")
  end
  f:close()
  local function q(s) return "'" .. gsub(s, "'", "'\\''") .. "'" end
  local words = {}
  for k = 2, #args do
    local a = args[k]
    if EVAL_DATASETS[a] and args[k - 1] ~= "--dataset" then
      words[#words + 1] = "--dataset"
    end
    words[#words + 1] = q(a)
  end
  -- eval/ is written for Lua 5.4: the modules of another Lua do not do
  local cdir = _VERSION == "Lua 5.4" and os.getenv("PRECIS_CPATH") or root .. "/build"
  local env = "LUA_PATH=" .. q(root .. "/eval/?.lua;" .. root .. "/lua/?.lua;" ..
                               root .. "/lua/?/init.lua;;") ..
              " LUA_CPATH=" .. q(cdir .. "/?.so;;")
  local ok, how, status = os.execute(env .. " lua5.4 " .. q(script) .. " " ..
                                     concat(words, " "))
  if how == "exit" then return status end
  if type(ok) == "number" then -- Lua 5.1, LuaJIT: a wait status
    return ok % 256 == 0 and ok / 256 or 1
  end
  return ok and 0 or 1
end

-- `summarize batch [OPTION...] [PATH...]`: the batch engine of the core
-- (precis_batch_run) reads, summarizes on threads and writes; nothing
-- here runs per document.
local BATCH_VALUE = { ["--jobs"] = "jobs", ["-j"] = "jobs", ["--output"] = "output",
                      ["-o"] = "output", ["--output-dir"] = "output_dir",
                      ["--include"] = "include", ["--exclude"] = "exclude",
                      ["--stdin-name"] = "stdin_name", ["--stdin-line"] = "stdin_line" }
local BATCH_FLAG = { ["--resume"] = "resume", ["--quiet"] = "quiet", ["-q"] = "quiet" }

local function batch_command(args)
  local rest, b = {}, { include = {}, exclude = {} }
  local i = 2
  while i <= #args do
    local a = args[i]
    if a == "--" then
      for k = i, #args do rest[#rest + 1] = args[k] end
      break
    end
    local opt, val = match(a, "^(%-%-[^=]+)=(.*)$")
    opt = opt or a
    if BATCH_VALUE[opt] then
      if not val then
        i = i + 1
        val = args[i]
        if val == nil then usage("option '%s' needs a value", opt) end
      end
      local key = BATCH_VALUE[opt]
      if key == "include" or key == "exclude" then b[key][#b[key] + 1] = val
      elseif key == "jobs" then b.jobs = positive_int(opt, val)
      elseif key == "stdin_line" then b.stdin_line = tostring(positive_int(opt, val))
      else b[key] = val end
    elseif BATCH_FLAG[opt] and not val then
      b[BATCH_FLAG[opt]] = true
    else
      rest[#rest + 1] = a
    end
    i = i + 1
  end
  local cfg = parse(rest)
  if cfg.help then
    write({ (gsub(HELP, "\n$", "")) })
    return 0
  end
  if cfg.version then
    write({ PROG .. " (precis) " .. precis._VERSION })
    return 0
  end
  if cfg.split or cfg.policy_cmd then
    cfg.files[#cfg.files + 1] = cfg.split and "split" or "policy" -- a file of that name
    cfg.split, cfg.policy_cmd = nil, nil
  end
  if cfg.explain then usage("--explain does not apply to 'batch'") end
  if not cfg.format_given then cfg.format = "json" end
  if b.output and b.output_dir then usage("--output and --output-dir cannot be combined") end
  if b.resume and not (b.output or b.output_dir) then
    usage("--resume needs --output FILE or --output-dir DIR")
  end
  local input = cfg.opts.input
  if cfg.policy then
    local p, msg = precis.policy(cfg.policy, { trust = cfg.trust })
    if not p then usage("%s", msg) end
    cfg.opts.policy = p -- its output settings are the single command's
    input = input or (p.settings.input and p.settings.input.format)
  end
  local ok, s, msg = pcall(precis.new, cfg.opts)
  if not ok then usage("%s", tostring(s)) end
  if not s then usage("%s", msg) end
  if not s.batch then
    usage("policy '%s' runs scorers or filters written in Lua, which 'batch' cannot run on threads",
          tostring(cfg.policy))
  end
  local stats, err = s:batch(cfg.files, {
    jobs = b.jobs, format = cfg.format, input = input or "auto",
    output = b.output, output_dir = b.output_dir, resume = b.resume,
    include = b.include, exclude = b.exclude, progress = not b.quiet and "auto" or false,
    stdin_name = b.stdin_name, stdin_line = b.stdin_line,
  })
  if not stats then fail("%s", err) end
  return stats.errors > 0 and 1 or 0
end

local function run(args)
  if args[1] == "eval" then return eval_command(args) end
  if args[1] == "batch" then return batch_command(args) end
  if args[1] == "rouge" then
    local rest = {}
    for k = 2, #args do rest[k - 1] = args[k] end
    return require("precis.rouge_command").run(rest, {
      usage = usage, fail = fail, write = write,
      warn = function(fmt, ...) io.stderr:write(PROG, ": ", format(fmt, ...), "\n") end,
      help = function() write({ (gsub(HELP, "\n$", "")) }); return 0 end,
    })
  end
  local cfg = parse(args)
  if cfg.help then
    write({ (gsub(HELP, "\n$", "")) })
    return 0
  end
  if cfg.version then
    write(version_lines())
    return 0
  end
  if cfg.policy_cmd then return policy_command(cfg) end
  if cfg.languages then return languages_command(cfg) end
  local policy_format -- a policy's input format beats a guess from a name
  if cfg.policy then -- its output settings count unless an option says
    working_on = cfg.policy
    local p, msg, code = precis.policy(cfg.policy, { trust = cfg.trust })
    if code == "ENOMEM" then error("not enough memory", 0) end
    if not p then usage("%s", msg) end
    local out = require("precis.policy").effective(p).output
    if not cfg.format_given then cfg.format = out.format end
    if out.scores then cfg.explain = true end
    cfg.opts.policy = p
    policy_format = p.settings.input and p.settings.input.format
  end
  if cfg.opts.input == nil and not policy_format then -- from the first file's name
    local ext = (cfg.files[1] or ""):lower():match("%.(%w+)$")
    cfg.opts.input = (ext == "md" or ext == "markdown") and "markdown"
                     or (ext == "html" or ext == "htm" or ext == "xhtml") and "html"
                     or nil
  end
  local ok, s, msg, code = pcall(precis.new, cfg.opts)
  if not ok then
    if is_oom(s) then error(s, 0) end
    usage("%s", tostring(s))
  end
  if not s then
    if code == "ENOMEM" then fail("%s", msg) end
    usage("%s", msg)
  end
  local docs, max, total = {}, input_limit(cfg), 0
  for k, path in ipairs(cfg.files) do
    docs[k] = read_input(path, max - total, max)
    total = total + #docs[k].text
  end
  collectgarbage("collect") -- the chunks read are garbage: free them before the core's peak
  working_on = cfg.files[1] == "-" and "<stdin>" or cfg.files[1]
  -- a plain text output shows what was read: markup removed
  local r
  if cfg.split then -- the lines or the JSON, built in C: no table per unit
    r, msg, code = s:split_lines(docs, cfg.format == "json" and "json" or "text")
  else -- every unit only when they are shown: they cost memory
    r, msg, code = s:summarize(docs, { units = cfg.explain == true })
  end
  s:close()
  if code == "ENOMEM" then error("not enough memory", 0) end
  if code == "EUTF8" then -- bytes in an encoding nobody named
    fail("%s; name its encoding with --encoding NAME, or read bad bytes as U+FFFD " ..
         "with --invalid-utf8 replace", msg)
  end
  if not r then fail("%s", msg) end
  local out = {}
  if cfg.split and cfg.format == "json" then
    out[1] = r
  elseif cfg.format == "json" then
    out[1] = summary_json(r, cfg.explain)
  elseif cfg.split then
    if r ~= "" then
      local ok, err = io.stdout:write(r)
      if ok then ok, err = io.stdout:flush() end
      if not ok then fail("cannot write the output: %s", tostring(err)) end
    end
    return 0
  else
    for k, u in ipairs(r.sentences) do out[k] = shown(u) end
    if cfg.explain then explain_text(r, out) end
  end
  write(out)
  return 0
end

-- Out of memory: made before it is needed, as nothing may be made then.
local OOM = setmetatable({ status = 1, oom = true }, Exit)

local function handler(e)
  if getmetatable(e) == Exit then return e end
  if is_oom(e) then return OOM end
  local msg = "internal error: " .. tostring(e)
  if os.getenv("PRECIS_DEBUG") then msg = traceback(msg, 2) end
  return { status = 1, msg = msg }
end

-- Writing a failure's message: made before they are needed, as nothing
-- may be made when memory has run out.
local oom_written = false
local function write_oom()
  io.stderr:write(PROG, ": ", working_on or "", working_on and ": " or "", "out of memory\n")
  oom_written = true -- Lua 5.1 may still raise on the way back from here
end

local function write_msg(prefix, msg)
  io.stderr:write(PROG, ": ", prefix, (gsub(msg, "\n", "\n" .. PROG .. ": ")), "\n")
end

-- Writes the message of a failure: "summarize: FILE: out of memory" when
-- memory ran out anywhere (in Lua, in the core or in writing the message).
local function report(status)
  local msg, prefix = nil, ""
  if type(status) == "table" then
    if not status.oom then msg = status.msg end
  elseif not is_oom(status) then -- raised past the handler: "error in error handling"
    msg, prefix = tostring(status), "internal error: "
  end
  if msg ~= nil and pcall(write_msg, prefix, msg) then
    return type(status) == "table" and status.status or 1
  end
  pcall(collectgarbage) -- what the failed run held is garbage now (Lua 5.1 may raise
                        -- in shrinking a stack when no memory is left)
  if not pcall(write_oom) and not oom_written then io.stderr:write("summarize: out of memory\n") end
  return 1
end

--- Runs the command.
-- @tparam {string,...} args the command-line arguments (Lua's `arg`)
-- @treturn integer the exit status: 0 success, 1 bad input, 2 bad usage
function M.main(args)
  args = type(args) == "table" and args or {}
  core.command_allocator() -- large blocks kept for reuse: see lprecis.c
  local ok, status = xpcall(function() return run(args) end, handler)
  if ok then return status end
  return report(status)
end

return M
