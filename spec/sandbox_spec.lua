-- Policy code in its sandbox: what it sees, and every budget ending a
-- script built to run forever, to eat memory or to reach the program.
local sandbox = require "precis.sandbox"

-- runs `src` in a fresh box; returns ok, results or why
local function run(src, limits, ...)
  local box = sandbox.new("t.lua", limits or { instructions = 1e6, memory = 8 * 1024 * 1024 })
  local f, why = box:load(src, "@t.lua")
  if not f then return false, why end
  return box:call(f, ...)
end

local function fails(expected, src, limits)
  local ok, why = run(src, limits)
  assert.is_false(ok)
  assert.equal(expected, why)
end

local BUDGET = "t.lua: ran past its budget of 1000000 instructions"
local MEMORY = "t.lua: ran past its memory budget of 8388608 bytes"

describe("the sandbox", function()
  it("gives the globals a scorer needs and nothing else", function()
    local ok, names = run([[
      local names = {}
      for k in pairs(_G) do names[#names + 1] = k end
      table.sort(names)
      return table.concat(names, " ")
    ]])
    assert.is_true(ok)
    local expected = "_G _VERSION assert error getmetatable ipairs math next pairs pcall " ..
                     "rawequal rawget " .. (rawlen and "rawlen " or "") .. "rawset select " ..
                     "setmetatable string table tonumber tostring type unpack xpcall"
    assert.equal(expected, names)
    ok, names = run([[
      local out = {}
      for _, lib in ipairs({ "string", "table", "math" }) do
        local names = {}
        for k in pairs(_G[lib]) do names[#names + 1] = k end
        table.sort(names)
        out[#out + 1] = lib .. ": " .. table.concat(names, " ")
      end
      return table.concat(out, "\n")
    ]])
    assert.is_true(ok)
    local lines = {}
    for l in names:gmatch("[^\n]+") do lines[#lines + 1] = l end
    assert.equal("string: byte char find format gmatch gsub len lower match rep reverse sub upper",
                 lines[1])
    assert.equal("table: concat insert remove sort unpack", lines[2])
    assert.not_matches(" random", lines[3])
    assert.matches(" floor ", lines[3])
  end)

  it("reaches neither the program nor the real globals", function()
    for _, src in ipairs({
      "os.execute('true')", "io.open('/etc/passwd')", "require('os')", "load('return 1')",
      "loadfile('/etc/passwd')", "dofile('/etc/passwd')", "debug.getregistry()",
      "package.loaded.os.execute('true')", "collectgarbage('stop')", "print('x')",
      "coroutine.create(print)", "string.dump(function() end)",
      "getmetatable('').__index.rep('x', 2)", "setfenv(1, {})", "getfenv(0).os.exit()",
    }) do
      local ok, why = run(src)
      assert.is_false(ok, src)
      assert.matches("^t%.lua:1: attempt to ", why, nil, false, src)
    end
    assert.same({ true, false }, { run("return _G.os == nil and _G.io == nil") and true,
                                   rawget(_G, "PRECIS_LEAK") ~= nil })
    assert.is_true((run("PRECIS_LEAK = 1")))
    assert.is_nil(rawget(_G, "PRECIS_LEAK"))
    fails("t.lua:1: policy code may not set __gc",
          "setmetatable({}, { __gc = function() while true do end end })")
  end)

  it("keeps the program's string library and metatable as they were", function()
    local mt = getmetatable("")
    local index = mt.__index
    assert.is_true((run("return ('x'):rep(3) .. ('%d'):format(2)")))
    assert.equal(index, getmetatable("").__index)
    assert.equal(string, getmetatable("").__index)
    assert.equal("xx", ("x"):rep(2))
    run("while true do end")
    assert.equal(string, getmetatable("").__index)
  end)

  it("ends an endless loop, also one behind pcall and xpcall", function()
    fails(BUDGET, "while true do end")
    fails(BUDGET, "while true do pcall(function() while true do end end) end")
    fails(BUDGET, "while true do xpcall(function() while true do end end, function(e) return e end) end")
    fails(BUDGET, "local function f() return f() end return f()")
    fails(BUDGET, "while true do pcall(error, 'x') end")
    fails(BUDGET, "local t = setmetatable({}, { __index = function(t, k) return t[k + 1] end }) " ..
                  "while true do pcall(function() return t[1] end) end")
  end)

  it("charges C library work: string.rep, patterns, sorting", function()
    fails(BUDGET, "return ('x'):rep(1e9)")
    fails(BUDGET, "return string.rep('x', 1e9)")
    fails(BUDGET, "local s = ('a'):rep(30) return s:find(('a*'):rep(30) .. 'b')")
    fails(BUDGET, "return string.find(string.rep('a', 5000), '.-.-.-.-b')")
    fails(BUDGET, "local s = ('ab'):rep(4000) for i = 1, 1e6 do s:upper() end")
    fails(BUDGET, "local t = {} for i = 1, 5000 do table.insert(t, 1, i) end")
    -- reading a long pattern is charged before the work
    local p = {}
    for i = 1, 1e5 do p[i] = "[" .. string.char(65 + i % 50) .. "]" end
    local t0 = os.clock()
    local ok, why = run("local p = ... return ('x'):find(p)", nil, table.concat(p))
    assert.is_false(ok)
    assert.is_true(why == BUDGET or why == MEMORY, why) -- its items may fill memory first
    assert.is_true(os.clock() - t0 < 2)
    -- what real scorers do stays far inside
    local ok, n = run([[
      local n = 0
      local s = ('The repair costs $1.8 billion, up from $1.1 billion in 2022. '):rep(20)
      for _ = 1, 50 do
        for _ in s:gmatch("%d[%d.,]*") do n = n + 1 end
        n = n + select(2, s:gsub("%s+", " ")) - select(2, s:gsub("%s+", " "))
        if s:find("^(%w+)%s+(%w+)") then n = n + 0 end
      end
      return n
    ]])
    assert.is_true(ok)
    assert.equal(50 * 60, n)
  end)

  it("leaves the interpreter sound after many runs that hit the memory budget", function()
    -- under LuaJIT the compiler ran on and crashed after a refused allocation
    local p = {}
    for i = 1, 1e5 do p[i] = "[" .. string.char(65 + i % 50) .. "]" end
    p = table.concat(p)
    local keep = {}
    for i = 1, 40 do
      keep[i % 10 + 1] = { tostring(i), ("y"):rep(i) }
      local ok, why = run("local p = ... return ('x'):find(p)", nil, p)
      assert.is_false(ok)
      assert.is_true(why == BUDGET or why == MEMORY, why)
    end
  end)

  it("bounds memory: doubling strings, tables, string.rep", function()
    local big = { instructions = 1e8, memory = 8 * 1024 * 1024 }
    fails(MEMORY, "local s = 'x' for i = 1, 40 do s = s .. s end", big)
    fails(MEMORY, "local t = {} for i = 1, 1e8 do t[i] = i end", big)
    fails(MEMORY, "return ('x'):rep(64 * 1024 * 1024)", { instructions = 1e9, memory = 8 * 1024 * 1024 })
    fails(MEMORY, "local t = {} while true do pcall(function() t[#t + 1] = {} end) end", big)
    -- garbage is collected, not counted
    assert.is_true((run("local n = 0 for i = 1, 3e5 do n = n + #(tostring(i) .. 'x') end", big)))
  end)

  it("counts every call of a run against one budget", function()
    local box = sandbox.new("t.lua", { instructions = 1e6 })
    local f = assert(box:load("return function(n) local s = 0 for i = 1, n do s = s + i end return s end",
                              "@t.lua"))
    local _, fn = box:call(f)
    box:begin(0)
    local calls = 0
    while calls < 10000 do
      local ok, why = box:call(fn, 1000)
      if not ok then
        assert.equal(BUDGET, why)
        break
      end
      calls = calls + 1
    end
    assert.is_true(calls > 100 and calls < 1000, calls) -- about 2000 instructions a call
    box:begin(0)
    assert.is_true((box:call(fn, 10)))
  end)

  it("reports errors as strings, without running the error object's code", function()
    fails("t.lua:1: boom", "error('boom')")
    fails("t.lua: (error object is a table value)",
          "error(setmetatable({}, { __tostring = function() while true do end end }))")
    fails("plain", "error('plain', 0)")
  end)

  it("loads no bytecode", function()
    local box = sandbox.new("t.lua")
    local f, why = box:load(string.dump(function() return 1 end), "=t.lua")
    assert.is_nil(f)
    assert.is_string(why)
  end)
end)
