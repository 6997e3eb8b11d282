-- One source for Lua 5.1, LuaJIT, 5.2, 5.3 and 5.4: the Lua code of the
-- module, the command, the specs and contrib/ keeps to what every version
-- reads, so that `make test` under Lua 5.4 alone already catches what
-- would break the others (make test-lua-all runs them all). What differs
-- goes through precis.compat, which is the one file exempt.
local support = require "spec.support"

local function files()
  local p = assert(io.popen("ls lua/precis/*.lua bin/summarize.lua spec/*.lua " ..
                            "$(find contrib -name '*.lua' | sort)"))
  local out = {}
  for name in p:lines() do
    if name ~= "lua/precis/compat.lua" then out[#out + 1] = name end
  end
  p:close()
  return out
end

-- The code of a Lua source with its comments and strings blanked out
-- (newlines kept, so lines still count), and the short strings' bodies,
-- each with its line.
local function lex(src)
  local code, strings = {}, {}
  local i, n, line = 1, #src, 1
  local function blank(s)
    code[#code + 1] = (s:gsub("[^\n]", " "))
    local _, nl = s:gsub("\n", "")
    line = line + nl
  end
  while i <= n do
    local c = src:sub(i, i)
    local long = src:match("^%[(=*)%[", i)
    if src:sub(i, i + 1) == "--" then
      local level = src:match("^%-%-%[(=*)%[", i)
      local j
      if level then
        j = select(2, src:find("]" .. level .. "]", i, true)) or n
      else
        j = (src:find("\n", i, true) or n + 1) - 1
      end
      blank(src:sub(i, j))
      i = j + 1
    elseif long then
      local j = select(2, src:find("]" .. long .. "]", i, true)) or n
      blank(src:sub(i, j))
      i = j + 1
    elseif c == '"' or c == "'" then
      local j = i + 1
      while j <= n do
        local d = src:sub(j, j)
        if d == "\\" then j = j + 2
        elseif d == c or d == "\n" then break
        else j = j + 1 end
      end
      strings[#strings + 1] = { body = src:sub(i + 1, j - 1), line = line }
      blank(src:sub(i, j))
      i = j + 1
    else
      local j = (src:find("[-%[\"']", i + 1)) or n + 1
      local s = src:sub(i, j - 1)
      code[#code + 1] = s
      local _, nl = s:gsub("\n", "")
      line = line + nl
      i = j
    end
  end
  return table.concat(code), strings
end

-- syntax that Lua 5.1 or LuaJIT does not read
local SYNTAX = {
  { "goto", "%f[%w_]goto%s+[%a_]" },
  { "a label", "::[%a_][%w_]*::" },
  { "<close> or <const>", "<%s*[%a_]+%s*>%s*=" },
  { "integer division //", "//" },
  { "a bitwise operator", "[&|]" },
  { "a shift", "<<" },
  { "a shift", ">>" },
  { "~ (bitwise)", "~[^=]" },
}
-- escapes that Lua 5.1 does not know in a quoted string
local ESCAPES = {
  { "\\u{...}", "\\u{" }, { "\\x..", "\\x" }, { "\\z", "\\z" },
}
-- library functions that only some versions have; lua/ and contrib/ go
-- through precis.compat for them (the specs may test them where they exist)
local LIBRARY = {
  "math%.type", "math%.tointeger", "math%.ult", "utf8%.", "table%.move",
  "table%.pack", "string%.pack", "string%.unpack", "coroutine%.close",
  "coroutine%.isyieldable",
}

local function where(code, at)
  local _, nl = code:sub(1, at):gsub("\n", "")
  return nl + 1
end

describe("the Lua sources", function()
  local list = files()

  it("are all there", function()
    assert.is_true(#list > 20)
  end)

  for _, name in ipairs(list) do
    it(name .. " keeps to what Lua 5.1, LuaJIT, 5.2, 5.3 and 5.4 all read", function()
      local src = support.slurp(name)
      local code, strings = lex(src)
      local found = {}
      for _, rule in ipairs(SYNTAX) do
        local at = code:find(rule[2])
        if at then found[#found + 1] = ("%s:%d: %s"):format(name, where(code, at), rule[1]) end
      end
      for _, s in ipairs(strings) do
        for _, rule in ipairs(ESCAPES) do
          local k = 1
          while true do
            local at = s.body:find(rule[2], k, true)
            if not at then break end
            -- "\\x" is a backslash, then x
            local before = s.body:sub(1, at - 1):match("\\*$")
            if #before % 2 == 0 then
              found[#found + 1] = ("%s:%d: the escape %s"):format(name, s.line, rule[1])
              break
            end
            k = at + 2
          end
        end
      end
      -- "a" for read and lines is Lua 5.3's; "*a" is everyone's
      for ln, text in (src .. "\n"):gmatch("()([^\n]*)\n") do
        local bare = text:gsub("%-%-.*$", "")
        if bare:find("[%.:]read%s*%(%s*[\"'][alnL][\"']") or
           bare:find("[%.:]lines%s*%([^)]-[\"'][alnL][\"']%s*%)") then
          found[#found + 1] = ("%s:%d: a read format without '*'"):format(name, where(src, ln))
        end
      end
      if not name:find("^spec/") then
        for _, fn in ipairs(LIBRARY) do
          local at = code:find("%f[%w_]" .. fn)
          if at then
            found[#found + 1] = ("%s:%d: %s, which only some Lua versions have (precis.compat)")
              :format(name, where(code, at), fn:gsub("%%", ""))
          end
        end
      end
      assert.same({}, found)
    end)
  end

  it("finds what it looks for", function()
    local code, strings = lex('local a <close> = x // 2 -- goto z\nlocal s = "\\u{e9} \\\\x"\n')
    assert.matches("//", code)
    assert.not_matches("goto", code)
    assert.equal(2, #strings > 0 and strings[1].line)
    assert.truthy(strings[1].body:find("\\u{", 1, true))
  end)
end)
