--- The evaluation data sets in ../shared/data (or $PRECIS_DATA): each
-- document with its reference summary and the summary length to ask for.

local error, ipairs, tonumber = error, ipairs, tonumber
local io_open, io_popen, os_getenv = io.open, io.popen, os.getenv
local floor = math.floor

local M = {}

--- The data folder: $PRECIS_DATA, else ../shared/data beside the repository.
function M.data_dir()
  local env = os_getenv("PRECIS_DATA")
  if env and env ~= "" then return env end
  -- this file is <repo>/eval/datasets.lua
  local src = debug.getinfo(1, "S").source:match("^@(.*)$") or ""
  local repo = src:match("^(.*)/eval/[^/]*$") or "."
  return repo .. "/../shared/data"
end

local function read_file(path)
  local f, err = io_open(path, "rb")
  if not f then error("cannot read " .. err, 0) end
  local s = f:read("a")
  f:close()
  return s
end
M.read_file = read_file

local function list_dir(dir)
  local p = io_popen("ls -1 '" .. dir:gsub("'", "'\\''") .. "' 2>/dev/null")
  local names = {}
  for name in p:lines() do names[#names + 1] = name end
  p:close()
  if #names == 0 then error("no files in " .. dir .. " (set PRECIS_DATA)", 0) end
  return names
end

local function nonempty_lines(s)
  local out = {}
  for line in s:gmatch("[^\r\n]+") do
    if line:find("%S") then out[#out + 1] = line end
  end
  return out
end
M.lines = nonempty_lines

-- cnndm: one lowercased, tokenized article per line; the reference is the
-- highlights, one per line; CNN ids are below 004000, Daily Mail above.
local function cnndm(dir)
  local docs = {}
  for _, name in ipairs(list_dir(dir .. "/docs")) do
    local id = name:match("^(.*)%.txt$")
    if id then
      docs[#docs + 1] = {
        id = id,
        text = read_file(dir .. "/docs/" .. name),
        refs = { nonempty_lines(read_file(dir .. "/refs/" .. name)) },
        n = 3,
        group = (tonumber(id) or 0) < 4000 and "CNN" or "Daily Mail",
      }
    end
  end
  return docs
end

-- bbc: line 1 is the title, then paragraphs; the reference has one
-- sentence per line and every system gets as many sentences as it has.
local function bbc(dir)
  local docs = {}
  for _, name in ipairs(list_dir(dir .. "/docs")) do
    local id = name:match("^(.*)%.txt$")
    if id then
      local text = read_file(dir .. "/docs/" .. name)
      local ref = nonempty_lines(read_file(dir .. "/refs/" .. name))
      docs[#docs + 1] = {
        id = id,
        text = text,
        body = text:match("^[^\n]*\n(.*)$") or "",
        title = text:match("^([^\r\n]*)"),
        refs = { ref },
        n = #ref,
        group = id:match("^(%a+)_") or "bbc",
      }
    end
  end
  return docs
end

M.names = { "cnndm", "bbc" }
local loaders = { cnndm = cnndm, bbc = bbc }

--- Loads a data set.
-- @tparam string name "cnndm" or "bbc"
-- @tparam[opt] number limit keep this many documents, spread evenly over
--   the set (so that every half and category is represented)
-- @treturn table list of documents: id, text, refs, n, group (bbc: body, title)
function M.load(name, limit)
  local loader = loaders[name]
  if not loader then error("unknown dataset '" .. name .. "' (cnndm, bbc)", 0) end
  local docs = loader(M.data_dir() .. "/" .. name)
  if limit and limit < #docs then
    local picked, n = {}, #docs
    for i = 0, limit - 1 do picked[#picked + 1] = docs[floor(i * n / limit) + 1] end
    docs = picked
  end
  return docs
end

return M
