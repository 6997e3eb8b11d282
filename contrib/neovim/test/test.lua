-- The Neovim plugin inside the real Neovim (contrib/neovim/test/run.sh runs
-- it with nvim --headless from the top of the tree): :Summarize over the
-- buffer and over a range, setup{}, the highlights' positions, the errors.
-- precis comes from the checkout: lua/ and build/luajit (make LUA_VERSION=jit).
local api = vim.api
local root = vim.fn.getcwd()
package.path = root .. "/lua/?.lua;" .. root .. "/lua/?/init.lua;" .. package.path
package.cpath = root .. "/build/luajit/?.so;" .. package.cpath

local FILE = "contrib/neovim/test/ferry.txt"
local failures, checks = 0, 0

local function check(cond, what, detail)
  checks = checks + 1
  if not cond then
    failures = failures + 1
    io.stderr:write("not ok - ", what, detail and (": " .. detail) or "", "\n")
  else
    io.stdout:write("ok - ", what, "\n")
  end
end

local function eq(want, got, what)
  check(want == got, what, ("want %s, got %s"):format(vim.inspect(want), vim.inspect(got)))
end

-- What the summarize command prints for the same text: the summary the
-- plugin must show, reached by another route (lua5.4, build/).
local function cli(args, input)
  local cmd = vim.list_extend({ root .. "/bin/summarize" }, args)
  local out = vim.fn.system(cmd, input)
  assert(vim.v.shell_error == 0, "bin/summarize failed: " .. out)
  return vim.split(out, "\n", { trimempty = true })
end

-- The text of an extmark's span, and where it is.
local function marks(buf, ns)
  local out = {}
  for _, m in ipairs(api.nvim_buf_get_extmarks(buf, ns, 0, -1, { details = true })) do
    local row, col, d = m[2], m[3], m[4]
    local text = table.concat(api.nvim_buf_get_text(buf, row, col, d.end_row, d.end_col, {}), "\n")
    out[#out + 1] = { row = row, col = col, end_row = d.end_row, end_col = d.end_col,
                      text = text, hl = d.hl_group }
  end
  return out
end

local function oneline(s)
  return (s:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

-- Where `sentence` (one line) starts in the lines of the buffer, found by
-- plain search in the file's bytes: (row, col), 0-based bytes.
local function position_in_file(sentence, first_line)
  local f = assert(io.open(FILE, "rb"))
  local lines = {}
  for l in f:lines() do lines[#lines + 1] = l end
  f:close()
  local text = table.concat(lines, "\n", first_line or 1)
  local words = vim.split(sentence, " ")
  -- the sentence's words with any white space between them
  local pat = table.concat(vim.tbl_map(vim.pesc, words), "%s+")
  local at = assert(text:find(pat), "sentence not in the file: " .. sentence)
  local row, pos = (first_line or 1) - 1, 1
  for k = first_line or 1, #lines do
    local l = lines[k]
    if at <= pos + #l then return row, at - pos end
    pos = pos + #l + 1
    row = row + 1
  end
end

local function summary_lines()
  return api.nvim_buf_get_lines(0, 0, -1, false)
end

local ok, err = pcall(function()
  vim.cmd("runtime plugin/precis.lua")
  check(vim.fn.exists(":Summarize") == 2, "plugin/precis.lua defines :Summarize")
  check(package.searchpath("precis.core", package.cpath):find(root .. "/build/luajit/", 1, true) == 1,
        "precis.core comes from the checkout's build/luajit")
  check(jit ~= nil, "Neovim runs LuaJIT")
  local ns = require("precis_nvim").ns

  -- :Summarize 2 over the whole buffer
  vim.cmd("edit " .. FILE)
  local src = api.nvim_get_current_buf()
  vim.cmd("Summarize 2")
  local want = cli({ "-n", "2", FILE })
  check(api.nvim_get_current_buf() ~= src, ":Summarize opens the summary's buffer")
  check(api.nvim_win_get_config(0).relative == "editor", "in a floating window")
  eq(table.concat(want, "\n"), table.concat(summary_lines(), "\n"),
     ":Summarize 2 shows the two sentences summarize -n 2 prints")
  local m = marks(src, ns)
  eq(2, #m, "two sentences highlighted")
  for k, mk in ipairs(m) do
    eq(want[k], oneline(mk.text), "highlight " .. k .. " spans exactly its sentence")
    local row, col = position_in_file(want[k])
    eq(row .. ":" .. col, mk.row .. ":" .. mk.col, "highlight " .. k .. " starts at its sentence's byte")
    eq("PrecisSentence", mk.hl, "highlight " .. k .. " uses PrecisSentence")
  end
  check(m[2].col > 0, "the second sentence starts inside a line (col " .. m[2].col .. ")")
  check(m[1].end_row > m[1].row, "the first sentence runs over several lines")
  vim.cmd("close")
  eq(src, api.nvim_get_current_buf(), "q/close returns to the buffer")

  -- a range: lines 8 to 11, one sentence; highlights replace the old ones
  vim.cmd("8,11Summarize 1")
  local part = vim.fn.readfile(FILE)
  want = cli({ "-n", "1", "-" }, table.concat(vim.list_slice(part, 8, 11), "\n") .. "\n")
  eq(want[1], summary_lines()[1], ":8,11Summarize 1 summarizes those lines alone")
  vim.cmd("close")
  m = marks(src, ns)
  eq(1, #m, "the range's one sentence is highlighted, the earlier ones cleared")
  local row, col = position_in_file(want[1], 8)
  eq(row .. ":" .. col, m[1].row .. ":" .. m[1].col, "its highlight is at its place in the buffer")
  check(m[1].row >= 7 and m[1].end_row <= 10, "inside the range")

  -- setup{}: a policy, a default budget, a split
  require("precis_nvim").setup({ policy = "news", sentences = 1, window = "split" })
  vim.cmd("Summarize")
  want = cli({ "--policy", "news", "-n", "1", FILE })
  eq(want[1], summary_lines()[1], "setup{policy, sentences} is what summarize --policy news -n 1 gives")
  eq(1, #summary_lines(), "one line")
  eq("", api.nvim_win_get_config(0).relative, "window = split opens a split")
  vim.cmd("close")
  vim.cmd("Summarize 3")
  eq(3, #summary_lines(), "a count overrides the budget of setup{}")
  vim.cmd("close")
  vim.cmd("SummarizeClear")
  eq(0, #marks(src, ns), ":SummarizeClear removes the highlights")

  -- errors: reported, no window
  local notes = {}
  vim.notify = function(msg, level) notes[#notes + 1] = { msg = msg, level = level } end
  local wins = #api.nvim_list_wins()
  vim.cmd("Summarize two")
  eq(vim.log.levels.ERROR, notes[1] and notes[1].level, "a count that is no number is an error")
  check(notes[1] and notes[1].msg:find("two", 1, true), "it says what was wrong", notes[1] and notes[1].msg)
  local bad = api.nvim_create_buf(true, false)
  api.nvim_set_current_buf(bad)
  api.nvim_buf_set_lines(bad, 0, -1, false, { "The price fell to \226\130 cents. It rose again." })
  vim.cmd("Summarize")
  check(notes[2] and notes[2].msg:find("invalid UTF-8", 1, true), "invalid UTF-8 is reported",
        notes[2] and notes[2].msg)
  eq(wins, #api.nvim_list_wins(), "and opens no window")
  require("precis_nvim").setup({ policy = "no-such-policy" })
  api.nvim_set_current_buf(src)
  vim.cmd("Summarize")
  check(notes[3] and notes[3].msg:find("no-such-policy", 1, true), "an unknown policy is reported",
        notes[3] and notes[3].msg)
  check(not pcall(require("precis_nvim").setup, { sentence = 2 }), "setup{} refuses an unknown key")
end)

if not ok then
  failures = failures + 1
  io.stderr:write("not ok - the test raised: ", tostring(err), "\n")
end
io.stdout:write(("neovim: %d checks, %d failed\n"):format(checks, failures))
vim.cmd(failures == 0 and "qall!" or "cquit 1")
