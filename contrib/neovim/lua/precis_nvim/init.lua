--- precis_nvim: summaries of a buffer in Neovim (0.7 and later).
--
--    require("precis_nvim").setup { sentences = 3, policy = "news" }
--    :Summarize          the whole buffer
--    :'<,'>Summarize 2   the lines selected, in two sentences
--    :SummarizeClear     removes the highlights
--
-- The summary opens in a scratch buffer (a floating window, or a split),
-- and the sentences chosen are highlighted in the buffer itself from the
-- byte offsets precis gives, with extmarks in the namespace "precis".
-- Needs `require "precis"` to work in Neovim's LuaJIT: see README.md.

local api = vim.api

local M = {}

--- The namespace of the highlights.
M.ns = api.nvim_create_namespace("precis")

local defaults = {
  sentences = nil,             -- the budget when :Summarize has no count (nil: the policy's, or 3)
  policy = nil,                -- a built-in policy's name ("news") or a YAML file's path
  options = {},                -- any other option of precis.summarize (words, language, method...)
  window = "float",            -- "float" or "split"
  highlight = "PrecisSentence", -- the highlight group of the sentences chosen
}
local KEYS = { sentences = true, policy = true, options = true, window = true,
               highlight = true }
local config = vim.deepcopy(defaults)

local function fail(msg)
  error("precis_nvim: " .. msg, 3)
end

--- Sets the defaults; every key is optional. Unknown keys are an error.
-- @tparam table opts `sentences`, `policy`, `options`, `window`, `highlight`
function M.setup(opts)
  opts = opts or {}
  if type(opts) ~= "table" then fail("setup expects a table") end
  for k in pairs(opts) do
    if not KEYS[k] then
      fail(("unknown setup key '%s'"):format(tostring(k)))
    end
  end
  local s = opts.sentences
  if s ~= nil and (type(s) ~= "number" or s < 1 or s % 1 ~= 0) then
    fail("'sentences' must be a positive whole number")
  end
  if opts.policy ~= nil and type(opts.policy) ~= "string" then
    fail("'policy' must be a policy's name or a file's path")
  end
  if opts.options ~= nil and type(opts.options) ~= "table" then
    fail("'options' must be a table of precis options")
  end
  if opts.window ~= nil and opts.window ~= "float" and opts.window ~= "split" then
    fail("'window' must be \"float\" or \"split\"")
  end
  config = vim.tbl_extend("force", vim.deepcopy(defaults), opts)
  api.nvim_set_hl(0, "PrecisSentence", { default = true, link = "Visual" })
end

-- A function from a byte offset into `table.concat(lines, "\n")` to the
-- (row, col) of that byte in the buffer, 0-based, `first` being the row
-- of lines[1]. A binary search over where each line starts.
local function locator(lines, first)
  local starts, pos = {}, 0
  for k, l in ipairs(lines) do
    starts[k] = pos
    pos = pos + #l + 1
  end
  return function(off)
    local lo, hi = 1, #starts
    while lo < hi do
      local mid = math.floor((lo + hi + 1) / 2)
      if starts[mid] <= off then lo = mid else hi = mid - 1 end
    end
    return first + lo - 1, off - starts[lo]
  end
end

local function oneline(s)
  return (s:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

-- The scratch buffer with the summary, in a float or a split.
local function show(lines, title)
  local buf = api.nvim_create_buf(false, true)
  api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  api.nvim_buf_set_option(buf, "bufhidden", "wipe")
  api.nvim_buf_set_option(buf, "modifiable", false)
  api.nvim_buf_set_option(buf, "filetype", "precis")
  pcall(api.nvim_buf_set_name, buf, "precis://" .. title)
  local win
  if config.window == "split" then
    vim.cmd("botright " .. math.min(#lines + 1, 15) .. "split")
    win = api.nvim_get_current_win()
    api.nvim_win_set_buf(win, buf)
  else
    local width = math.max(20, math.min(vim.o.columns - 4, 88))
    local height = 0
    for _, l in ipairs(lines) do
      height = height + math.max(1, math.ceil(api.nvim_strwidth(l) / width))
    end
    height = math.max(1, math.min(height, vim.o.lines - 4))
    win = api.nvim_open_win(buf, true, {
      relative = "editor", style = "minimal", border = "rounded",
      width = width, height = height,
      row = math.floor((vim.o.lines - height) / 2) - 1,
      col = math.floor((vim.o.columns - width) / 2),
    })
  end
  api.nvim_win_set_option(win, "wrap", true)
  api.nvim_win_set_option(win, "linebreak", true)
  api.nvim_buf_set_keymap(buf, "n", "q", "<cmd>close<cr>", { noremap = true, silent = true })
  return buf, win
end

--- Summarizes lines of a buffer: highlights the sentences chosen and
-- shows the summary. Returns the result of precis.summarize and the
-- summary's buffer, or nil and a message (also given to vim.notify).
-- @tparam table args `buf` (default the current one), `line1`, `line2`
-- (1-based, inclusive; default the whole buffer), `sentences` (default
-- the setup's)
function M.summarize(args)
  args = args or {}
  local buf = args.buf or api.nvim_get_current_buf()
  if buf == 0 then buf = api.nvim_get_current_buf() end
  local line1 = args.line1 or 1
  local line2 = args.line2 or api.nvim_buf_line_count(buf)
  local lines = api.nvim_buf_get_lines(buf, line1 - 1, line2, false)
  local text = table.concat(lines, "\n")

  local opts = vim.deepcopy(config.options)
  if config.policy then opts.policy = config.policy end
  local n = args.sentences or config.sentences
  if n then
    opts.words, opts.chars, opts.ratio = nil, nil, nil
    opts.sentences = n
  end
  local name = api.nvim_buf_get_name(buf)
  local ok, precis = pcall(require, "precis")
  local r, msg
  if ok then
    ok, r, msg = pcall(precis.summarize, { { text = text, name = name ~= "" and name or nil } }, opts)
    if not ok then r, msg = nil, r end -- misuse: a bad option in setup{}
  else
    msg = "cannot load precis: " .. tostring(precis)
  end
  if not r then
    vim.notify("precis: " .. tostring(msg), vim.log.levels.ERROR)
    return nil, msg
  end

  api.nvim_buf_clear_namespace(buf, M.ns, 0, -1)
  local at = locator(lines, line1 - 1)
  local summary = {}
  for k, s in ipairs(r.sentences) do
    local row, col = at(s.i - 1)
    local erow, ecol = at(s.j)
    api.nvim_buf_set_extmark(buf, M.ns, row, col, {
      end_row = erow, end_col = ecol, hl_group = config.highlight,
    })
    summary[k] = oneline(s.plain or s.text)
  end
  local title = name ~= "" and vim.fn.fnamemodify(name, ":t") or ("buffer " .. buf)
  local sbuf = show(summary, title)
  return r, sbuf
end

--- Removes the highlights from a buffer (default the current one).
function M.clear(buf)
  api.nvim_buf_clear_namespace(buf or 0, M.ns, 0, -1)
end

-- :[range]Summarize [N]
local function command(c)
  local n
  if c.args ~= "" then
    n = tonumber(c.args)
    if not n or n < 1 or n % 1 ~= 0 then
      vim.notify("precis: :Summarize takes a number of sentences, not '" .. c.args .. "'",
                 vim.log.levels.ERROR)
      return
    end
  end
  M.summarize({ line1 = c.line1, line2 = c.line2, sentences = n })
end

--- Defines :Summarize and :SummarizeClear (plugin/precis.lua calls it).
function M.commands()
  api.nvim_create_user_command("Summarize", command, {
    nargs = "?", range = "%",
    desc = "Summarize the buffer or the lines of the range with precis (N sentences)",
  })
  api.nvim_create_user_command("SummarizeClear", function() M.clear(0) end, {
    desc = "Remove precis's highlights from the buffer",
  })
  api.nvim_set_hl(0, "PrecisSentence", { default = true, link = "Visual" })
end

return M
