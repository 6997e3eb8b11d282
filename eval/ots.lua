--- The peer: Open Text Summarizer (Debian package ots), run as a command.
-- ots has no sentence-count option and its --ratio counts words, so we
-- ask for its HTML view, which lists every sentence of ots's own
-- segmentation with ots's grade, and keep the N best graded (ties go to
-- the earlier sentence), printed in document order. Outputs are cached
-- under build/eval-cache/ots/, since one process per document is slow.

local error, ipairs, tonumber = error, ipairs, tonumber
local io_open, io_popen, os_remove = io.open, io.popen, os.remove
local execute = os.execute
local sort = table.sort

local M = {}

M.command = "ots"
M.cache_dir = "build/eval-cache/ots"

local function quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

local function read_all(path)
  local f = io_open(path, "rb")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

local function write_all(path, s)
  local f, err = io_open(path, "wb")
  if not f then error("cannot write " .. err, 0) end
  f:write(s)
  f:close()
end

--- True when the ots command can be run.
function M.available()
  local p = io_popen("command -v " .. M.command .. " 2>/dev/null")
  local out = p:read("a")
  p:close()
  return out ~= ""
end

-- Runs ots on `text`; returns its HTML and the wall time in seconds
-- (process start included, as a user of the command would see it).
local function run(text, tmp)
  write_all(tmp, text)
  local cmd = "s=$(date +%s%N); " .. M.command .. " -h " .. quote(tmp) ..
              "; e=$(date +%s%N); echo \"<!--precis-eval-ns $((e - s))-->\""
  local p = io_popen(cmd)
  local html = p:read("a")
  p:close()
  os_remove(tmp)
  return html
end

-- ots's sentences from its HTML view: { text = ..., grade = ..., pos = ... }
local function parse(html)
  local out = {}
  for grade, body in html:gmatch("<!%-%-%((%-?%d+)%)%-%->(.-)</span></FONT>") do
    local text = body:gsub("^<FONT[^>]*>", ""):gsub("^<span[^>]*>", "")
    text = text:gsub("<br>", " "):gsub("^%s+", ""):gsub("%s+$", "")
    if text ~= "" then
      out[#out + 1] = { text = text, grade = tonumber(grade), pos = #out + 1 }
    end
  end
  return out
end

--- The N sentences ots grades best, in document order, and the seconds
-- ots took (from the cache when there is one).
-- @tparam string dataset cache folder name
-- @tparam string id document id
-- @tparam string text what ots is given
-- @tparam number n sentences wanted
-- @tparam[opt] boolean refresh ignore the cache
-- @treturn table list of sentence strings
-- @treturn number seconds
function M.summarize(dataset, id, text, n, refresh)
  local dir = M.cache_dir .. "/" .. dataset
  local path = dir .. "/" .. id .. ".html"
  local html = not refresh and read_all(path) or nil
  if not html then
    execute("mkdir -p " .. quote(dir))
    html = run(text, path .. ".in")
    if not html:find("</html>", 1, true) then
      error("ots failed on " .. dataset .. "/" .. id, 0)
    end
    write_all(path, html)
  end
  local seconds = (tonumber(html:match("<!%-%-precis%-eval%-ns (%d+)%-%->")) or 0) / 1e9
  local sents = parse(html)
  local ranked = {}
  for i, s in ipairs(sents) do ranked[i] = s end
  sort(ranked, function(a, b)
    if a.grade ~= b.grade then return a.grade > b.grade end
    return a.pos < b.pos
  end)
  local keep = {}
  for i = 1, n < #ranked and n or #ranked do keep[i] = ranked[i] end
  sort(keep, function(a, b) return a.pos < b.pos end)
  local out = {}
  for i, s in ipairs(keep) do out[i] = s.text end
  return out, seconds
end

return M
