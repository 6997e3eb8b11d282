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

-- What each part of the evaluation reads from the data folder.
local NEEDS = {
  bbc = { "bbc/docs", "bbc/refs",
          "BBC News Summary: bbc/docs/ID.txt (line 1 the title, then paragraphs) and " ..
          "bbc/refs/ID.txt (the extractive reference, one sentence per line)" },
  cnndm = { "cnndm/docs", "cnndm/refs",
            "CNN/DailyMail test split: cnndm/docs/ID.txt (one tokenized article) and " ..
            "cnndm/refs/ID.txt (its highlights, one per line)" },
  rouge = { "rouge/vectors.jsonl", nil,
            "rouge/vectors.jsonl: system/reference pairs with the figures the official " ..
            "ROUGE-1.5.5 prints, for make eval-rouge" },
  segmentation = { "segmentation", nil,
                   "segmentation/*.jsonl: pySBD's golden rules ({text, sentences} per line), " ..
                   "for make eval-seg" },
}

local function exists(path)
  local f = io_open(path, "rb")
  if f then f:close(); return true end
  local p = io_popen("test -e '" .. path:gsub("'", "'\\''") .. "' && echo yes")
  local yes = p:read("*a")
  p:close()
  return yes:find("yes") ~= nil
end

--- Stops the script with a clear message when the data `parts` need
-- ("bbc", "cnndm", "rouge", "segmentation") are not in the data folder:
-- what is missing, what each part holds and where it goes.
function M.require_data(parts, prog)
  local dir, missing = M.data_dir(), {}
  for _, part in ipairs(parts) do
    local need = NEEDS[part]
    if not exists(dir .. "/" .. need[1]) or (need[2] and not exists(dir .. "/" .. need[2])) then
      missing[#missing + 1] = "  " .. need[3]
    end
  end
  if #missing == 0 then return end
  io.stderr:write((prog or "eval"), ": the evaluation data is not in ", dir, "\n",
    "It reads, from that folder ($PRECIS_DATA; by default ../shared/data beside the\n",
    "repository), files precis does not ship:\n", table.concat(missing, "\n"), "\n",
    "Put them there, or point PRECIS_DATA at the folder that holds them ",
    "(see eval/README.md).\n")
  os.exit(2)
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
