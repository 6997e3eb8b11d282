--- Web pages in HTML: how much of a summary is the article, and whether
-- every unit's offsets cut its own text out of the page. Runs precis in
-- process, as `summarize --format json PAGE.html` does, over every page
-- of eval/html (written for precis: news sites with cookie banners,
-- captions, forms around the page, tickers, share bars, related lists,
-- comments, hidden elements and legacy encodings; a documentation page;
-- a manual page), each with the article's text in NAME.gold (one block
-- per line). `lua5.4 eval/html.lua --help` for the options; see
-- eval/README.md.
--
-- A chosen sentence is article text when its text as read, white space
-- aside, is found in the gold article (white space aside too). A unit's
-- offsets are exact when the page's bytes [start, end) are its own
-- source: each visible character of its text is found in them in order,
-- the first where the span starts and the last where it ends (as itself,
-- or as a character reference); pages in a legacy encoding are compared
-- after converting the span with iconv(1).

local REPO = (arg and arg[0] or ""):match("^(.*)/eval/[^/]*$") or "."
package.path = package.path .. ";" .. REPO .. "/eval/?.lua;" .. REPO .. "/lua/?.lua;" ..
               REPO .. "/lua/?/init.lua"
package.cpath = package.cpath .. ";" .. REPO .. "/build/?.so"

local precis = require "precis"

local fmt, concat = string.format, table.concat

local USAGE = [[
usage: lua5.4 eval/html.lua [options] [PAGE...]
  PAGE              only these pages of eval/html (names without .html)
  --failures        print every chosen sentence that is not article text,
                    and every unit whose offsets are not exact
  --sentences N     the summary's length (default: 3 and 5, two columns)
  --dir DIR         the pages (default eval/html)
  --write           also write the table to eval/RESULTS.md (section "HTML pages")
  --help]]

local opts = { pages = {}, dir = REPO .. "/eval/html" }
do
  local i = 1
  while arg[i] do
    local a = arg[i]
    if a == "--failures" then opts.failures = true
    elseif a == "--sentences" then i = i + 1 opts.sentences = tonumber(arg[i])
    elseif a == "--dir" then i = i + 1 opts.dir = arg[i]
    elseif a == "--write" then opts.write = true
    elseif a == "--help" or a == "-h" then print(USAGE) os.exit(0)
    elseif a:sub(1, 2) == "--" then io.stderr:write(USAGE, "\n") os.exit(2)
    else opts.pages[a] = true end
    i = i + 1
  end
end

local function squeeze(s) return (s:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")) end

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

-- The charset a page declares in its first 1024 bytes (a BOM, <meta
-- charset>, http-equiv, an XML declaration), lowercased, or nil.
local function declared(bytes)
  local head = bytes:sub(1, 1024):lower()
  if bytes:sub(1, 3) == "\239\187\191" then return "utf-8" end
  return head:match("<meta[^>]-charset%s*=%s*[\"']?([%w%-_:.]+)")
      or head:match("^%s*<%?xml[^>]-encoding%s*=%s*[\"']([%w%-_:.]+)")
end

-- what browsers (and precis) read a label as
local WHATWG = { ["iso-8859-1"] = "windows-1252", latin1 = "windows-1252",
                 ["us-ascii"] = "windows-1252", shift_jis = "cp932", sjis = "cp932",
                 gb2312 = "gbk", ["euc-kr"] = "cp949" }

-- Converts several strings from `charset` to UTF-8 with iconv(1), one
-- run for all of them.
local function to_utf8(charset, list)
  charset = WHATWG[charset] or charset
  if #list == 0 then return {} end
  local sep = "\n\1\2\3\n"
  local name = os.tmpname()
  local f = assert(io.open(name, "wb"))
  f:write(concat(list, sep))
  f:close()
  local p = assert(io.popen(fmt("iconv -f %s -t UTF-8 < '%s'", charset, name), "r"))
  local out = p:read("a")
  p:close()
  os.remove(name)
  local res, from = {}, 1
  while true do
    local s, e = out:find(sep, from, true)
    res[#res + 1] = out:sub(from, (s or 0) - 1)
    if not s then break end
    from = e + 1
  end
  return res
end

-- the code points of a UTF-8 string, as strings
local function chars(s)
  local t = {}
  for c in s:gmatch("[%z\1-\127\194-\244][\128-\191]*") do t[#t + 1] = c end
  return t
end

local SPACE = { [" "] = true, ["\t"] = true, ["\n"] = true, ["\r"] = true, ["\f"] = true,
                ["\v"] = true, ["\194\160"] = true, ["\226\128\137"] = true,
                ["\226\128\175"] = true, ["\227\128\128"] = true, ["\239\187\191"] = true }

-- Does the span's text (UTF-8) stand for exactly the unit's text as read?
local function exact(span, plain)
  local want = {}
  for _, c in ipairs(chars(plain)) do
    local b = c:byte(1)
    local mark = #c == 2 and (b == 0xCC or (b == 0xCD and c:byte(2) <= 0xAF))
    if not SPACE[c] and not mark then want[#want + 1] = c end
  end
  if #want == 0 then return true end
  local p = 1
  local function match(at, c)
    if span:sub(at, at) == "&" and span:sub(at + 1, at + 1):match("[%w#]") then return 1, true end
    if span:sub(at, at + #c - 1) == c then return #c, false end
    if c == "\239\191\189" then return 1, true end
    return nil
  end
  local loose
  for k, c in ipairs(want) do
    local n
    if k == 1 then
      n, loose = match(1, c)
      if not n then return false end
      p = 1 + n
    elseif k < #want then
      local at = p
      while at <= #span do
        n, loose = match(at, c)
        if n then break end
        at = at + 1
      end
      if not n then return false end
      p = at + n
    else -- the last character ends the span
      local ok = false
      for at = #span, p, -1 do
        n, loose = match(at, c)
        if n then
          local e = at + n
          if loose then
            while e <= #span and span:sub(e, e):match("[%w;#\128-\191]") do e = e + 1 end
          end
          if e == #span + 1 then ok = true break end
        end
      end
      if not ok and not (#want == 1) then return false end
    end
  end
  return true
end

local function pages()
  local p = io.popen("ls -1 '" .. opts.dir .. "' 2>/dev/null")
  local out = {}
  for name in p:lines() do
    local base = name:match("^(.*)%.html?$")
    if base and (next(opts.pages) == nil or opts.pages[base]) then out[#out + 1] = name end
  end
  p:close()
  table.sort(out)
  return out
end

local budgets = opts.sentences and { opts.sentences } or { 3, 5 }
local head = { "| page | charset" }
local rule = { "| --- | ---" }
for _, n in ipairs(budgets) do
  head[#head + 1] = fmt(" | article of %d", n)
  rule[#rule + 1] = " | ---:"
end
local lines = {}
local function out(line)
  print(line)
  lines[#lines + 1] = line
end
out(concat(head) .. " | units | exact |")
out(concat(rule) .. " | ---: | ---: |")

local total = {}
for k = 1, #budgets do total[k] = { chosen = 0, article = 0 } end
local units, exacts, empty, npages = 0, 0, {}, 0
for _, name in ipairs(pages()) do
  local base = name:match("^(.*)%.html?$")
  local bytes = read(opts.dir .. "/" .. name)
  local gold = squeeze(read(opts.dir .. "/" .. base .. ".gold"))
  local charset = declared(bytes) or "utf-8"
  local legacy = not charset:match("^utf%-?8$") and charset ~= "us-ascii"
  local row = { fmt("| %s | %s", base, charset) }
  npages = npages + 1
  local result
  for k, n in ipairs(budgets) do
    local r, err = precis.summarize(bytes, { input = "html", sentences = n })
    local chosen, article = 0, 0
    if r then
      result = result or r
      for _, s in ipairs(r.sentences) do
        chosen = chosen + 1
        local t = squeeze(s.plain or s.text)
        if gold:find(t, 1, true) then
          article = article + 1
        elseif opts.failures then
          print(fmt("  not article (%s, %d): %s", base, n, t))
        end
      end
    elseif opts.failures then
      print(fmt("  no summary (%s): %s", base, tostring(err)))
    end
    if article == 0 then empty[base] = true end
    total[k].chosen, total[k].article = total[k].chosen + chosen, total[k].article + article
    row[#row + 1] = fmt(" | %d/%d", article, chosen)
  end
  local n, ok = 0, 0
  if result then
    local spans = {}
    for _, u in ipairs(result.units) do spans[#spans + 1] = bytes:sub(u.i, u.j) end
    if legacy then spans = to_utf8(charset, spans) end
    for k, u in ipairs(result.units) do
      n = n + 1
      local good = u.i >= 1 and u.j <= #bytes and u.i <= u.j + 1 and
                   exact(spans[k] or "", u.plain or u.text)
      if good then ok = ok + 1
      elseif opts.failures then
        print(fmt("  offsets (%s, unit %d): [%s] for [%s]", base, k, spans[k] or "", u.plain or u.text))
      end
    end
  end
  units, exacts = units + n, exacts + ok
  out(concat(row) .. fmt(" | %d | %d |", n, ok))
end
local row = { "| all | " }
for k = 1, #budgets do
  local t = total[k]
  row[#row + 1] = fmt(" | %d/%d (%.1f%%)", t.article, t.chosen,
                      t.chosen > 0 and 100 * t.article / t.chosen or 0)
end
out(concat(row) .. fmt(" | %d | %d (%.1f%%) |", units, exacts, units > 0 and 100 * exacts / units or 0))
local none = {}
for base in pairs(empty) do none[#none + 1] = base end
table.sort(none)
local summary = fmt("Pages without an article sentence in their summary: %d of %d%s", #none,
                    npages, #none > 0 and (" (" .. concat(none, ", ") .. ")") or "")
print("\n" .. summary)

-- The section "## HTML pages" of eval/RESULTS.md, the last one, is this
-- table (the sections before it are eval/run.lua's and eval/seg.lua's).
if opts.write then
  local path = REPO .. "/eval/RESULTS.md"
  local f = io.open(path, "rb")
  local old = f and f:read("a") or "# Evaluation results\n"
  if f then f:close() end
  old = old:gsub("\n+## HTML pages\n.*$", "\n")
  f = assert(io.open(path, "wb"))
  f:write(old, "\n## HTML pages\n\n",
          "Written by `eval/html.lua --write` on ", os.date("!%Y-%m-%d"), " with precis ",
          tostring(precis._VERSION), ".\n\n",
          "The pages of eval/html, summarized with the defaults at 3 and 5 sentences: ",
          "chosen sentences that are article text, of those chosen; every unit's offsets ",
          "checked against the page's bytes (see eval/README.md).\n\n",
          concat(lines, "\n"), "\n\n", summary, "\n")
  f:close()
  io.stderr:write("wrote eval/RESULTS.md\n")
end
