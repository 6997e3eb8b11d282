--- Segmentation against pySBD's golden rules: runs precis' segmenter (in
-- process, as `summarize split` does) over every case of
-- $PRECIS_DATA/segmentation/*.jsonl and prints, per language, the cases
-- passed beside pySBD's own count, and sentence-boundary precision, recall
-- and F1. `lua5.4 eval/seg.lua --help` for the options; see eval/README.md.
--
-- How sentences are compared. The golden sentences are what pySBD returns,
-- and in its cleaning mode pySBD rewrites the text: it joins wrapped lines
-- with or without a space, and adds or drops spaces ("z.B." became
-- "z. B."). precis reports spans of the caller's bytes, so spacing says
-- nothing about segmentation: every white-space character is removed from
-- both sides before comparing. A case passes when the two lists of
-- sentences are then equal. Boundaries are the places between two
-- sentences in the white-space-free text; where the two texts differ (a
-- cleaning rule dropped characters on one side), they are aligned first.
--
-- Which options: english.jsonl and issues.jsonl are pySBD's tests without
-- cleaning, and run with precis' defaults; every other file was made with
-- cleaning (the expected sentences rejoin hard-wrapped lines), so they run
-- with input.unwrap = 1. Each file names its language.

local REPO = (arg and arg[0] or ""):match("^(.*)/eval/[^/]*$") or "."
package.path = package.path .. ";" .. REPO .. "/eval/?.lua;" .. REPO .. "/lua/?.lua;" ..
               REPO .. "/lua/?/init.lua"
package.cpath = package.cpath .. ";" .. REPO .. "/build/?.so"

local precis = require "precis"
local cli = require "precis.cli"
local cjson = require "cjson"
local datasets = require "datasets"

local fmt, concat = string.format, table.concat
local ipairs, pairs = ipairs, pairs

local USAGE = [[
usage: lua5.4 eval/seg.lua [options] [FILE...]
  FILE            only these files of segmentation/ (e.g. english, deutsch)
  --failures      print every failing case: expected and got
  --no-unwrap     run every file with the defaults (no input.unwrap)
  --web           only the scraped pages of eval/web (written for precis)
  --ud [LANG,...] only the Universal Dependencies dev data (all, or these codes)
  --auto          in the UD table, language "auto" instead of the file's
  --write         also write the UD table (and the golden rules' line) to eval/RESULTS.md
  --help          this text
Data: $PRECIS_DATA (default ../shared/data).]]

-- file -> language pack, and whether pySBD cleaned it
local FILES = {
  amharic = "amharic", arabic = "arabic", armenian = "armenian",
  bulgarian = "bulgarian", burmese = "burmese", chinese = "chinese",
  danish = "danish", deutsch = "german", dutch = "dutch",
  english = "english", english_clean = "english", issues = "english",
  french = "french", greek = "greek", hindi = "hindi", italian = "italian",
  japanese = "japanese", kazakh = "kazakh", marathi = "marathi",
  persian = "persian", polish = "polish", russian = "russian",
  slovak = "slovak", spanish = "spanish", urdu = "urdu",
}
local RAW = { english = true, issues = true }

local opts = { files = {} }
local k = 1
while k <= #arg do
  local a = arg[k]
  if a == "--help" then print(USAGE) os.exit(0)
  elseif a == "--failures" then opts.failures = true
  elseif a == "--no-unwrap" then opts.no_unwrap = true
  elseif a == "--web" then opts.web_only = true
  elseif a == "--auto" then opts.auto = true
  elseif a == "--write" then opts.write = true
  elseif a == "--ud" then
    opts.ud_only = {}
    if arg[k + 1] and arg[k + 1]:sub(1, 2) ~= "--" then
      for c in arg[k + 1]:gmatch("[^,%s]+") do opts.ud_only[#opts.ud_only + 1] = c end
      k = k + 1
    end
  elseif a:sub(1, 2) == "--" then io.stderr:write("seg.lua: unknown option ", a, "\n") os.exit(2)
  else opts.files[#opts.files + 1] = a:gsub("%.jsonl$", "") end
  k = k + 1
end

-- white space of every kind (UTF-8): ASCII, NEL, NBSP, U+1680, U+2000..200A,
-- U+2028, U+2029, U+202F, U+205F, U+3000
local function squeeze(s)
  s = s:gsub("[ \t\n\v\f\r]", "")
  s = s:gsub("\xC2[\x85\xA0]", ""):gsub("\xE1\x9A\x80", "")
  s = s:gsub("\xE2\x80[\x80-\x8A\xA8\xA9\xAF]", ""):gsub("\xE2\x81\x9F", "")
  s = s:gsub("\xE3\x80\x80", "")
  return s
end

-- the golden sentences: strings, or [text, start, end] with char spans
local function gold_of(case)
  local out = {}
  for k, s in ipairs(case.sentences) do
    out[k] = type(s) == "table" and s[1] or s
  end
  return out
end

-- Maps positions of `a` onto `b` (both white-space-free): walks both,
-- and where they differ looks ahead for the nearest place where the next
-- 6 bytes agree again. Returns map[i] = position in b of a's byte i, or
-- nil for bytes of a that b does not have.
local function align(a, b)
  local map, i, j, na, nb = {}, 1, 1, #a, #b
  local K = 6
  while i <= na and j <= nb do
    if a:byte(i) == b:byte(j) then
      map[i] = j
      i, j = i + 1, j + 1
    else
      local found = false
      for d = 1, 400 do
        for x = 0, d do
          local y = d - x
          if i + x <= na and j + y <= nb and
             a:sub(i + x, i + x + K - 1) == b:sub(j + y, j + y + K - 1) then
            i, j, found = i + x, j + y, true
            break
          end
        end
        if found then break end
      end
      if not found then break end
    end
  end
  return map
end

-- boundaries: the offsets (1-based, in the squeezed concatenation) where
-- each sentence but the first starts
local function boundaries(list)
  local parts, pos, set = {}, 1, {}
  for k, s in ipairs(list) do
    if k > 1 and #s > 0 then set[pos] = true end
    parts[#parts + 1] = s
    pos = pos + #s
  end
  return concat(parts), set
end

local function segment(text, language, unwrap)
  local o = { language = language }
  if unwrap then o.params = { ["input.unwrap"] = 1 } end
  local r, msg = precis.segment(text, o)
  if not r then return nil, msg end
  local out = {}
  for _, u in ipairs(r.units) do
    if u.kind ~= "dropped" then out[#out + 1] = u.plain or u.text end
  end
  return out
end

local function run_file(name)
  local path = datasets.data_dir() .. "/segmentation/" .. name .. ".jsonl"
  local f = io.open(path, "rb")
  if not f then return nil end
  local st = { name = name, cases = 0, passed = 0, upstream = 0, tp = 0,
               npred = 0, ngold = 0, regress = 0, xfail = 0, xfixed = 0, detected = 0 }
  local unwrap = not RAW[name] and not opts.no_unwrap
  for line in f:lines() do
    if line:match("%S") then
      local case = cjson.decode(line)
      local gold = gold_of(case)
      local got, err = segment(case.text, FILES[name], unwrap)
      do -- language "auto" on the same text
        local r = precis.segment(case.text, {})
        if r and r.language == FILES[name] then st.detected = st.detected + 1 end
      end
      got = got or {}
      local g, p = {}, {}
      for k, s in ipairs(gold) do g[k] = squeeze(s) end
      for _, s in ipairs(got) do
        local q = squeeze(s)
        if #q > 0 then p[#p + 1] = q end
      end
      local ok = #g == #p
      for k = 1, #g do if g[k] ~= p[k] then ok = false end end
      st.cases = st.cases + 1
      if ok then st.passed = st.passed + 1 end
      if case.xfail_upstream then
        st.xfail = st.xfail + 1
        if ok then st.xfixed = st.xfixed + 1 end
      else
        st.upstream = st.upstream + 1
        if not ok then st.regress = st.regress + 1 end
      end
      -- boundaries
      local gs, gset = boundaries(g)
      local ps, pset = boundaries(p)
      local map = gs == ps and nil or align(ps, gs)
      for pos in pairs(gset) do st.ngold = st.ngold + 1 end
      for pos in pairs(pset) do
        st.npred = st.npred + 1
        local q = pos
        if map then
          q = nil
          for x = pos, #ps do
            if map[x] then q = map[x] break end
          end
        end
        if q and gset[q] then st.tp = st.tp + 1 end
      end
      if not ok and opts.failures then
        print(fmt("--- %s%s: %s", name, case.xfail_upstream and " (pySBD fails too)" or "",
                  err or ""))
        print("  text: " .. cjson.encode(case.text):sub(1, 600))
        for _, s in ipairs(gold) do print("  want " .. cjson.encode(s):sub(1, 300)) end
        for _, s in ipairs(got) do print("  got  " .. cjson.encode(s):sub(1, 300)) end
      end
    end
  end
  f:close()
  return st
end

local function prf(tp, np, ng)
  local p = np > 0 and tp / np or 1
  local r = ng > 0 and tp / ng or 1
  local f1 = (p + r) > 0 and 2 * p * r / (p + r) or 0
  return p, r, f1
end

-- Scraped pages written for precis (eval/web/NAME.txt, .html or .md, read
-- in that format), each with the
-- units a reader would keep (NAME.gold, one per line: sentences, titles
-- and headings, no menus, credits or sign-offs). Run with the defaults, as
-- `summarize split` does, and each unit as it prints it (a list item
-- with its marker). Fragments (greetings, sign-offs, dates: text that no
-- summary takes) are left out, like boilerplate. A unit counts when its
-- text, white space aside, is a gold line: precision over the units
-- precis keeps, recall over the gold lines.
local function web_pages()
  local dir = REPO .. "/eval/web"
  local p = io.popen("ls -1 '" .. dir .. "' 2>/dev/null")
  local out = {}
  for name in p:lines() do
    local base, ext = name:match("^(.*)%.(%w+)$")
    if ext == "txt" or ext == "html" or ext == "md" then out[#out + 1] = { base, ext } end
  end
  p:close()
  table.sort(out, function(a, b) return a[1] < b[1] end)
  print("\n| page (eval/web) | language | units | gold | exact | P | R | F1 |")
  print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
  local T = { n = 0, g = 0, ok = 0 }
  local FORMAT = { txt = "text", html = "html", md = "markdown" }
  for _, page in ipairs(out) do
    local base, ext = page[1], page[2]
    local f = assert(io.open(dir .. "/" .. base .. "." .. ext, "rb"))
    local text = f:read("a")
    f:close()
    local gold = {}
    for line in io.lines(dir .. "/" .. base .. ".gold") do
      if line:match("%S") then
        local k = squeeze(line)
        gold[k] = (gold[k] or 0) + 1
        T.g = T.g + 1
      end
    end
    local o = { input = FORMAT[ext] }
    -- PDF-extracted pages are read as the README tells users to read them
    if base:match("^pdf%-") then o.params = { ["input.unwrap"] = 1 } end
    local r = assert(precis.segment(text, o))
    local n, ok, g = 0, 0, 0
    for _ in io.lines(dir .. "/" .. base .. ".gold") do g = g + 1 end
    for _, u in ipairs(r.units) do
      if u.kind ~= "dropped" and u.kind ~= "fragment" then
        local k = squeeze(cli.shown(u))
        n = n + 1
        if (gold[k] or 0) > 0 then gold[k] = gold[k] - 1 ok = ok + 1 end
        if opts.failures and not gold[k] then print("  extra " .. base .. ": " .. cli.shown(u)) end
      end
    end
    if opts.failures then
      for k, c in pairs(gold) do if c > 0 then print("  missed " .. base .. ": " .. k) end end
    end
    T.n, T.ok = T.n + n, T.ok + ok
    local P, R, F = prf(ok, n, g)
    print(fmt("| %s | %s | %d | %d | %d | %.3f | %.3f | %.3f |", base, r.language, n, g, ok, P, R, F))
  end
  local P, R, F = prf(T.ok, T.n, T.g)
  print(fmt("| all |  | %d | %d | %d | %.3f | %.3f | %.3f |", T.n, T.g, T.ok, P, R, F))
end

-- Universal Dependencies: gold sentences of the dev splits of 22
-- treebanks ($PRECIS_DATA/segmentation-ud-dev/CODE.jsonl, one paragraph
-- per line: `text`, the gold `sentences` joined by one space, none for
-- Chinese and Japanese). Scored as the data's README asks: boundaries are
-- positions in the paragraph's non-white-space characters, with
-- precision, recall and F1 over all of them (micro), and a paragraph
-- counts as changed when the units precis prints do not hold its
-- non-white-space text, all of it, in order (a unit dropped as
-- boilerplate loses text). Beside precis, the naive baseline: a boundary
-- after a run of `.`, `!`, `?` or the script's own terminators followed
-- by white space, and after the full-width `。！？` of Chinese and
-- Japanese with or without it.
local UD_LANGS = {
  bg = "bulgarian", da = "danish", de = "german", el = "greek", en = "english",
  es = "spanish", fa = "persian", fi = "finnish", fr = "french", hy = "armenian",
  it = "italian", ja = "japanese", mr = "marathi", nl = "dutch", pl = "polish",
  pt = "portuguese", ru = "russian", sk = "slovak", sv = "swedish", tr = "turkish",
  ur = "urdu", zh = "chinese",
}

-- the script's own terminators, beside . ! ? (UTF-8 byte strings)
local NAIVE_EXTRA = {
  el = { ";", "\xCD\xBE" },                       -- ; and U+037E, the Greek question mark
  hy = { "\xD6\x89", ":" },                       -- U+0589 and the colon typed for it
  fa = { "\xD8\x9F" },                            -- U+061F
  ur = { "\xD8\x9F", "\xDB\x94" },                -- U+061F, U+06D4
  mr = { "\xE0\xA5\xA4", "\xE0\xA5\xA5" },        -- U+0964, U+0965
  ja = { "\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F" },
  zh = { "\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F" },
}
local FULLWIDTH = { ["\xE3\x80\x82"] = true, ["\xEF\xBC\x81"] = true, ["\xEF\xBC\x9F"] = true }

-- the code point at byte i of s and its length
local function char_at(s, i)
  local c = s:byte(i)
  local n = c < 0x80 and 1 or c < 0xE0 and 2 or c < 0xF0 and 3 or 4
  return s:sub(i, i + n - 1), n
end

local function is_space_at(s, i)
  local ch = char_at(s, i)
  return squeeze(ch) == ""
end

local function naive_split(text, code)
  local term = { ["."] = true, ["!"] = true, ["?"] = true }
  for _, t in ipairs(NAIVE_EXTRA[code] or {}) do term[t] = true end
  local out, start, i, n = {}, 1, 1, #text
  while i <= n do
    local ch, len = char_at(text, i)
    if term[ch] then
      local j, full = i + len, FULLWIDTH[ch]
      while j <= n do
        local c2, l2 = char_at(text, j)
        if not term[c2] then break end
        full = full or FULLWIDTH[c2]
        j = j + l2
      end
      if j <= n and (full or is_space_at(text, j)) then
        out[#out + 1] = text:sub(start, j - 1)
        start = j
      end
      i = j
    else
      i = i + len
    end
  end
  if start <= n then out[#out + 1] = text:sub(start) end
  return out
end

local function precis_split(text, code)
  local ok, r, msg = pcall(precis.segment, text, { language = opts.auto and "auto" or UD_LANGS[code] })
  if not ok then return nil, r end -- a raised error counts as a paragraph lost
  if not r then return nil, msg end
  local out = {}
  for _, u in ipairs(r.units) do
    if u.kind ~= "dropped" then out[#out + 1] = u.text end
  end
  return out
end

-- scores one split of a paragraph against its gold: tp, predicted, gold
-- boundaries, and whether the non-white-space text came out whole
local function score_split(gold, got, st)
  local g, p = {}, {}
  for k, x in ipairs(gold) do g[k] = squeeze(x) end
  for _, x in ipairs(got) do
    local q = squeeze(x)
    if #q > 0 then p[#p + 1] = q end
  end
  local gs, gset = boundaries(g)
  local ps, pset = boundaries(p)
  local map = gs == ps and nil or align(ps, gs)
  if gs ~= ps then st.changed = st.changed + 1 end
  local miss, extra = {}, {}
  for pos in pairs(gset) do st.ngold = st.ngold + 1 end
  local hit = {}
  for pos in pairs(pset) do
    st.npred = st.npred + 1
    local q = pos
    if map then
      q = nil
      for x = pos, #ps do
        if map[x] then q = map[x] break end
      end
    end
    if q and gset[q] then st.tp = st.tp + 1 hit[q] = true
    else extra[#extra + 1] = q or pos end
  end
  for pos in pairs(gset) do if not hit[pos] then miss[#miss + 1] = pos end end
  return gs, miss, extra
end

local function show_at(s, pos)
  local a = math.max(1, pos - 60)
  while a > 1 and s:byte(a) and s:byte(a) >= 0x80 and s:byte(a) < 0xC0 do a = a - 1 end
  local b = pos + 60
  while s:byte(b) and s:byte(b) >= 0x80 and s:byte(b) < 0xC0 do b = b + 1 end
  return s:sub(a, pos - 1) .. " ‖ " .. s:sub(pos, b - 1)
end

local function ud_table(codes)
  local dir = datasets.data_dir() .. "/segmentation-ud-dev/"
  local lines = {
    "| language | treebank | paragraphs | sentences | naive P | naive R | naive F1 | precis P | precis R | precis F1 | changed |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |" }
  local N = { tp = 0, npred = 0, ngold = 0, changed = 0 }
  local P = { tp = 0, npred = 0, ngold = 0, changed = 0 }
  local paras, sents = 0, 0
  for _, code in ipairs(codes) do
    local f = io.open(dir .. code .. ".jsonl", "rb")
    if not f then
      io.stderr:write("seg.lua: no file segmentation-ud-dev/", code, ".jsonl\n")
    else
      local n = { tp = 0, npred = 0, ngold = 0, changed = 0 }
      local p = { tp = 0, npred = 0, ngold = 0, changed = 0 }
      local np, ns, bank = 0, 0, ""
      for line in f:lines() do
        if line:match("%S") then
          local case = cjson.decode(line)
          bank = (case.treebank or ""):gsub("^UD_", "")
          np, ns = np + 1, ns + #case.sentences
          score_split(case.sentences, naive_split(case.text, code), n)
          local got, err = precis_split(case.text, code)
          if not got then io.stderr:write("seg.lua: ", code, ": ", err, "\n") got = {} end
          local gs, miss, extra = score_split(case.sentences, got, p)
          if opts.failures and (#miss > 0 or #extra > 0) then
            -- squeezed positions back to the paragraph's bytes, when its
            -- text is the gold sentences' (it is, but for white space)
            local back, t = {}, case.text
            if squeeze(t) == gs then
              local i = 1
              while i <= #t do
                local ch, len = char_at(t, i)
                if squeeze(ch) ~= "" then
                  for x = 0, len - 1 do back[#back + 1] = i + x end
                end
                i = i + len
              end
            else t = gs end
            for _, pos in ipairs(miss) do print("  missed " .. code .. ": " .. show_at(t, back[pos] or pos)) end
            for _, pos in ipairs(extra) do print("  extra  " .. code .. ": " .. show_at(t, back[pos] or pos)) end
          end
        end
      end
      f:close()
      for k2 in pairs(N) do N[k2] = N[k2] + n[k2] P[k2] = P[k2] + p[k2] end
      paras, sents = paras + np, sents + ns
      local a1, a2, a3 = prf(n.tp, n.npred, n.ngold)
      local b1, b2, b3 = prf(p.tp, p.npred, p.ngold)
      lines[#lines + 1] = fmt("| %s | %s | %d | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %d |",
                              code, bank, np, ns, a1, a2, a3, b1, b2, b3, p.changed)
    end
  end
  local a1, a2, a3 = prf(N.tp, N.npred, N.ngold)
  local b1, b2, b3 = prf(P.tp, P.npred, P.ngold)
  lines[#lines + 1] = fmt("| all (micro) |  | %d | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %d |",
                          paras, sents, a1, a2, a3, b1, b2, b3, P.changed)
  print("\n" .. concat(lines, "\n"))
  return lines
end

-- Replaces the section "## Segmentation" of eval/RESULTS.md (the ROUGE
-- tables before it are eval/run.lua's) with the UD table.
local function write_results(lines, golden)
  local path = REPO .. "/eval/RESULTS.md"
  local f = io.open(path, "rb")
  local head = f and f:read("a") or "# Evaluation results\n"
  if f then f:close() end
  local tail = head:match("\n(## HTML pages\n.*)$") -- eval/html.lua's, kept
  head = head:gsub("\n## Segmentation\n.*$", ""):gsub("\n*$", "")
  f = assert(io.open(path, "wb"))
  f:write(head, "\n\n## Segmentation\n\n",
          "Written by `eval/seg.lua --write` on ", os.date("!%Y-%m-%d"), " with precis ",
          tostring(precis._VERSION), ".\n\n", golden or "",
          "Universal Dependencies dev treebanks (`$PRECIS_DATA/segmentation-ud-dev`): ",
          "sentence-boundary precision, recall and F1 on non-white-space characters, ",
          "precis with the language given", opts.auto and " as `auto`" or "",
          ", beside the naive baseline; `changed` counts the paragraphs whose text ",
          "precis did not give back whole (see eval/README.md).\n\n",
          concat(lines, "\n"), "\n", tail and ("\n" .. tail) or "")
  f:close()
  io.stderr:write("wrote eval/RESULTS.md\n")
end

local function ud_codes()
  if opts.ud_only and #opts.ud_only > 0 then return opts.ud_only end
  local codes = {}
  for c in pairs(UD_LANGS) do codes[#codes + 1] = c end
  table.sort(codes)
  return codes
end

if opts.ud_only then
  local lines = ud_table(ud_codes())
  if opts.write then write_results(lines) end
  os.exit(0)
end
if opts.web_only then web_pages() os.exit(0) end
datasets.require_data({ "segmentation" }, "eval-seg")

local names = {}
if #opts.files > 0 then names = opts.files
else
  for name in pairs(FILES) do names[#names + 1] = name end
  table.sort(names)
end

local total = { cases = 0, passed = 0, upstream = 0, tp = 0, npred = 0,
                ngold = 0, regress = 0, xfail = 0, xfixed = 0, detected = 0 }
local rows = {}
for _, name in ipairs(names) do
  local st = run_file(name)
  if st then
    rows[#rows + 1] = st
    for k in pairs(total) do total[k] = total[k] + st[k] end
  else
    io.stderr:write("seg.lua: no file segmentation/", name, ".jsonl\n")
  end
end

print("| file | language | precis passed | pySBD passed | P | R | F1 |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
local function row(label, lang, st)
  local p, r, f1 = prf(st.tp, st.npred, st.ngold)
  print(fmt("| %s | %s | %d/%d | %d/%d | %.3f | %.3f | %.3f |", label, lang,
            st.passed, st.cases, st.upstream, st.cases, p, r, f1))
end
for _, st in ipairs(rows) do row(st.name, FILES[st.name], st) end
row("all", "", total)
print(fmt("\nCases pySBD passes that precis fails: %d of %d. Cases pySBD fails that precis passes: %d of %d.",
          total.regress, total.upstream, total.xfixed, total.xfail))
print(fmt("Language \"auto\" names the file's language for %d of the %d texts (most of one or two sentences, some in English whatever their file).",
          total.detected, total.cases))
if #opts.files == 0 then
  web_pages()
  local lines = ud_table(ud_codes())
  if opts.write then
    local p, r, f1 = prf(total.tp, total.npred, total.ngold)
    write_results(lines, fmt("pySBD's golden rules (`$PRECIS_DATA/segmentation`): %d of %d cases " ..
                             "pass (pySBD passes %d); boundary P %.3f, R %.3f, F1 %.3f. Cases " ..
                             "pySBD passes that precis fails: %d.\n\n", total.passed, total.cases,
                             total.upstream, p, r, f1, total.regress))
  end
end
