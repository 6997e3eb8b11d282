-- The manual pages (docs/man/*.scd) against what they describe, so that
-- they cannot drift: summarize(1) against `summarize --help` and the
-- parameters of include/precis.h, precis(3) against the functions of
-- include/precis.h and the README's example, precis-policy(5) against the
-- keys `summarize policy show` prints. `make test-man` renders each page
-- and fails on any warning.

local function slurp(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

local function run(cmd)
  local p = assert(io.popen(cmd, "r"))
  local out = p:read("*a")
  p:close()
  return out
end

-- The text of a section: from "# NAME" to the next "# " heading.
local function section(page, name)
  local start = page:find("\n# " .. name .. "\n", 1, true)
  assert.is_truthy(start, "no section " .. name)
  local body = page:sub(start + #name + 4)
  local stop = body:find("\n# ", 1, true)
  return stop and body:sub(1, stop) or body
end

-- Terms written in bold: *--words*, *position.decay*
local function bold(text)
  local set = {}
  for w in text:gmatch("%*([^*\n]+)%*") do set[w] = true end
  return set
end

local function sorted(set)
  local list = {}
  for k in pairs(set) do list[#list + 1] = k end
  table.sort(list)
  return list
end

local summarize1 = slurp("docs/man/summarize.1.scd")
local precis3 = slurp("docs/man/precis.3.scd")
local policy5 = slurp("docs/man/precis-policy.5.scd")
local header = slurp("include/precis.h")

describe("summarize(1)", function()
  local help = run("bin/summarize --help")

  it("has every option of --help, and no other", function()
    local in_help = {}
    -- the option list: lines that start with "-x, --long" or "--long"
    for line in help:gmatch("[^\n]+") do
      local short, long = line:match("^  (%-%a), (%-%-[%w-]+)")
      long = long or line:match("^      (%-%-[%w-]+)")
      if short then in_help[short] = true end
      if long then in_help[long] = true end
      for other in line:gmatch("(%-%-[%w-]+):") do in_help[other] = true end -- "--no-unwrap:"
    end
    assert.is_true(#sorted(in_help) >= 20, "too few options read from --help")
    local options = section(summarize1, "OPTIONS")
    local in_man = {}
    for term in pairs(bold(options)) do
      if term:match("^%-%-?%w[%w-]*$") then in_man[term] = true end
    end
    for _, opt in ipairs(sorted(in_help)) do
      assert.is_true(in_man[opt] or false,
        opt .. " is in --help but not under OPTIONS in docs/man/summarize.1.scd")
    end
    for _, opt in ipairs(sorted(in_man)) do
      assert.is_true(in_help[opt] or false,
        opt .. " is in docs/man/summarize.1.scd but not in --help")
    end
  end)

  it("has every command of the usage lines in its synopsis and under COMMANDS", function()
    local usage = help:match("^(.-)\n\n")
    local synopsis, commands = section(summarize1, "SYNOPSIS"), section(summarize1, "COMMANDS")
    local n = 0
    for words in usage:gmatch("summarize ([%l ]+)") do
      words = words:gsub(" +$", "")
      if words ~= "" then
        n = n + 1
        assert.is_truthy(synopsis:find("*summarize " .. words .. "*", 1, true),
          "'summarize " .. words .. "' is not in the synopsis of summarize(1)")
        assert.is_truthy(commands:find("\n*" .. words .. "*", 1, true),
          "'" .. words .. "' is not under COMMANDS in summarize(1)")
      end
    end
    assert.is_true(n >= 6)
  end)

  it("gives the exit statuses --help gives", function()
    local statuses = help:match("Exit status: (.-)\n\n")
    local exit = section(summarize1, "EXIT STATUS")
    local n = 0
    for k in (" " .. statuses):gmatch("[ \n](%d) ") do
      n = n + 1
      assert.is_truthy(exit:find("\n*" .. k .. "*\n", 1, true), "exit status " .. k)
    end
    assert.equal(3, n)
  end)

  it("lists every parameter of precis.h under PARAMETERS, and no other", function()
    -- the comment above precis_options_set_param
    local stop = header:find("PRECIS_API precis_status precis_options_set_param", 1, true)
    local start = header:sub(1, stop):match(".*()/%*\n%*%* A numeric tuning parameter")
    assert.is_truthy(start, "the parameter list in precis.h moved")
    local in_header = {}
    for name in header:sub(start, stop):gmatch('"(%l+%.[%w_.]+)"') do
      in_header[(name:gsub("NAME$", ""))] = true -- input.rule.NAME: *input.rule.*_NAME_
    end
    local params = section(summarize1, "PARAMETERS")
    local in_man = {}
    for term in pairs(bold(params)) do
      if term:match("^%l+%.[%w_.]*$") and term ~= "precis.h" then in_man[term] = true end
    end
    assert.is_true(#sorted(in_header) >= 25)
    for _, name in ipairs(sorted(in_header)) do
      assert.is_true(in_man[name] or false, name ..
        " is a parameter in include/precis.h but not under PARAMETERS in summarize(1)")
    end
    for _, name in ipairs(sorted(in_man)) do
      assert.is_true(in_header[name] or false, name ..
        " is under PARAMETERS in summarize(1) but not in include/precis.h")
    end
  end)
end)

describe("precis(3)", function()
  it("names every function of precis.h, and none that is not there", function()
    local in_header = {}
    for name in header:gmatch("\nPRECIS_API [^;(]-([%w_]+)%(") do in_header[name] = true end
    assert.is_true(#sorted(in_header) >= 40)
    for _, name in ipairs(sorted(in_header)) do
      assert.is_truthy(precis3:find("%W" .. name .. "%("),
        name .. " is in include/precis.h but its prototype is not in precis(3)")
    end
    for name in precis3:gmatch("(precis_[%w_]+)%(") do
      assert.is_true(in_header[name] or false, name .. " is in precis(3) but not in precis.h")
    end
  end)

  it("explains every status of precis.h", function()
    local errors = section(precis3, "ERRORS")
    local n = 0
    for name in header:match("typedef enum precis_status {(.-)}"):gmatch("(PRECIS_[%u%d_]+)") do
      n = n + 1
      assert.is_truthy(errors:find("*" .. name .. "*", 1, true), name)
    end
    assert.is_true(n >= 8)
  end)

  it("shows the README's C example", function()
    local readme = slurp("README.md")
    local c = readme:match("\n## The C library\n.-```c\n(.-)```")
    assert.is_string(c, "no C example under 'The C library' in README.md")
    local example = section(precis3, "EXAMPLE"):match("\n```\n(.-)```")
    -- scdoc's literal blocks pass backslashes to roff: written doubled
    assert.equal(c, (example:gsub("\\\\", "\\")))
  end)
end)

describe("precis-policy(5)", function()
  it("explains every key a resolved policy has", function()
    local shown = run("bin/summarize policy show report")
    local keys = bold(policy5)
    local n = 0
    for key in shown:gmatch("\n *([%w_.]+):") do
      n = n + 1
      assert.is_true(keys[key] or false,
        "'" .. key .. "' (summarize policy show) is not explained in precis-policy(5)")
    end
    assert.is_true(n >= 30)
  end)

  it("describes every built-in policy", function()
    local builtins = section(policy5, "BUILT-IN POLICIES")
    local n = 0
    for name in run("bin/summarize policy list"):gmatch("(%S+)[^\n]*\n") do
      n = n + 1
      assert.is_truthy(builtins:find("\n*" .. name .. "*\n", 1, true), name)
    end
    assert.is_true(n >= 5)
  end)
end)
