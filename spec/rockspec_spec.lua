-- The rock builds the core from a list of its own: every C file of csrc/
-- and every Lua module of lua/precis must be in it, or `luarocks make`
-- builds a module that fails when it loads.
describe("the rockspec", function()
  local f = assert(io.open("precis-scm-1.rockspec"))
  local spec = f:read("*a")
  f:close()

  local function files(cmd)
    local p = assert(io.popen(cmd))
    local out = {}
    for name in p:lines() do out[#out + 1] = name end
    p:close()
    return out
  end

  it("lists every C source of the core", function()
    local list = files("ls csrc/*.c csrc/scorers/*.c")
    assert.is_true(#list > 20)
    for _, name in ipairs(list) do
      assert.is_truthy(spec:find('"' .. name .. '"', 1, true), name .. " is not in the rockspec")
    end
  end)

  it("installs no module outside precis: LuaRocks copies all of lua/", function()
    assert.same({ "precis" }, files("ls lua"))
    assert.is_truthy(spec:find('bin = { summarize = "bin/summarize.lua" }', 1, true))
  end)

  it("accepts every Lua from 5.1 to 5.4", function()
    assert.is_truthy(spec:find('"lua >= 5.1, < 5.5"', 1, true))
  end)

  it("lists every Lua module", function()
    for _, name in ipairs(files("ls lua/precis/*.lua")) do
      assert.is_truthy(spec:find('"' .. name .. '"', 1, true), name .. " is not in the rockspec")
    end
  end)
end)
