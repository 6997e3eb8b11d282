-- Out of memory: wherever an allocation fails, the command ends with one
-- line, "summarize: FILE: out of memory", and status 1 (never a Lua
-- traceback), and the Lua API returns nil, "out of memory", "ENOMEM" when
-- the core runs out. build/failalloc.so (tests/preload/failalloc.c) fails
-- the Nth allocation of the interpreter, counted from the moment the
-- command's first module is opened.
local shim = os.getenv("PRECIS_FAILALLOC")
local lua = os.getenv("PRECIS_LUA") or "lua5.4"
local preloaded = os.getenv("LD_PRELOAD") -- the sanitizers' runtime, say
local usable = shim and io.open(shim, "rb") and not preloaded

local support = require "spec.support"
local quote = support.quote

-- runs `cmd` in sh; returns stdout, stderr, exit status
local function sh(cmd)
  return support.run("(" .. cmd .. ")")
end

-- an interpreter that fails allocations as the environment says
local wrapper
local function failing_lua()
  if wrapper then return wrapper end
  wrapper = os.tmpname()
  local f = assert(io.open(wrapper, "w"))
  f:write("#!/bin/sh\nLD_PRELOAD=", quote(shim), " exec ", quote(lua), ' "$@"\n')
  f:close()
  assert(os.execute("chmod +x " .. quote(wrapper)))
  return wrapper
end

-- Lua 5.1 and LuaJIT tell a module that cannot be opened for want of
-- memory as one that is not there: there the count starts at the input,
-- once the modules are loaded
local FROM = _VERSION == "Lua 5.1" and "harbour-bridge.txt" or "precis/cli.lua"

-- summarize `args` with the Nth allocation failing (and all after it)
local function summarize_failing(n, args)
  local q = {}
  for k, a in ipairs(args) do q[k] = quote(a) end
  return sh("PRECIS_LUA=" .. quote(failing_lua()) .. " PRECIS_FAIL_FROM=" .. FROM .. " " ..
            "PRECIS_FAIL_ALLOC=" .. n .. " bin/summarize " .. table.concat(q, " ") .. " </dev/null")
end

-- N from 1 to the count of a whole run: the first ones, then spread out
local function samples(total, want)
  local list, seen = {}, {}
  local function add(n) if n >= 1 and not seen[n] then seen[n] = true; list[#list + 1] = n end end
  for n = 1, 8 do add(n) end
  for k = 0, want do add(math.floor(total * k / want + 0.5)) end
  add(total - 1)
  table.sort(list)
  return list
end

describe("out of memory", function()
  if not usable then
    pending("needs build/failalloc.so (make spec) and no other preloaded library")
    return
  end

  -- the policy has Lua code and drop_lines (PCRE2, whose allocations go
  -- through precis's)
  local cases = {
    { "examples/harbour-bridge.txt" },
    { "--policy", "spec/fixtures/policies/drops.yaml", "--format", "json", "--explain",
      "examples/harbour-bridge.txt" },
  }
  for _, args in ipairs(cases) do
    it("summarize " .. table.concat(args, " ") .. ": one line at every allocation", function()
      local _, count = summarize_failing(0, args)
      local total = tonumber(count:match("failalloc: (%d+) allocations"))
      assert.is_true(total and total > 100, count)
      local failed = 0
      for _, n in ipairs(samples(total, 20)) do
        local out, err, status = summarize_failing(n, args)
        if status == 0 then
          assert.equal("", err, "N = " .. n)
          assert.is_true(#out > 0)
        else
          failed = failed + 1
          assert.equal(1, status, "N = " .. n .. ": " .. err)
          assert.equal("", out, "N = " .. n)
          assert.matches("^summarize: [^\n]*out of memory\n$", err, nil, false, "N = " .. n)
        end
      end
      assert.is_true(failed > 8, failed)
    end)
  end

  it("under ulimit -v, a big input ends in one line naming it", function()
    local path = os.tmpname()
    local f = assert(io.open(path, "wb"))
    local para = ("The council voted to close the bridge for repairs in March. "):rep(10) .. "\n\n"
    for _ = 1, 50000 do f:write(para) end -- 31 MB
    f:close()
    local out, err, status = sh("ulimit -v 120000; exec bin/summarize " .. quote(path))
    os.remove(path)
    assert.same({ "", "summarize: " .. path .. ": out of memory\n", 1 }, { out, err, status })
  end)

  it("the Lua API: nil, 'out of memory', 'ENOMEM' when the core runs out", function()
    -- the count starts when the script opens its marker, just before the call
    local marker = os.tmpname() .. "-arm"
    local script = os.tmpname()
    local f = assert(io.open(script, "w"))
    f:write([[
local precis = require "precis"
local f = assert(io.open("examples/harbour-bridge.txt", "rb"))
local text = f:read("*a")
f:close()
local s = assert(precis.new { sentences = 3 })
f = io.open(]], string.format("%q", marker), [[, "w")
if f then f:close() end
local ok, r, msg, code = pcall(s.summarize, s, text)
if not ok then io.write("raised ", tostring(r))
elseif r then io.write("ok")
else io.write(tostring(code), " ", tostring(msg)) end
]])
    f:close()
    local env = "LUA_PATH='lua/?.lua;lua/?/init.lua;;' LUA_CPATH=" ..
                quote((os.getenv("PRECIS_CPATH") or "build") .. "/?.so;;") ..
                " PRECIS_FAIL_FROM=-arm PRECIS_FAIL_ONCE=1 " .. quote(failing_lua()) .. " " ..
                quote(script)
    local _, count = sh("PRECIS_FAIL_ALLOC=0 " .. env)
    local total = tonumber(count:match("failalloc: (%d+) allocations"))
    assert.is_true(total and total > 100, count)
    local seen = {}
    for _, n in ipairs(samples(total, 40)) do
      local out, err = sh("PRECIS_FAIL_ALLOC=" .. n .. " " .. env)
      assert.equal("", err, "N = " .. n)
      local kind = out:match("^%S+")
      seen[kind] = (seen[kind] or 0) + 1
      if kind == "ENOMEM" then
        assert.equal("ENOMEM out of memory", out, "N = " .. n)
      elseif kind == "raised" then -- Lua's own allocations: 5.1 and LuaJIT do not retry
        assert.equal("raised not enough memory", out, "N = " .. n)
        assert.is_true(_VERSION == "Lua 5.1", "N = " .. n .. ": " .. out)
      else
        assert.equal("ok", out, "N = " .. n)
      end
    end
    os.remove(script)
    os.remove(marker)
    assert.is_true((seen.ENOMEM or 0) > 10, seen.ENOMEM)
  end)
end)
