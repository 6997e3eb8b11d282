-- The specs test this checkout, never a precis installed on the machine
-- (make install into /usr/local, the Debian package lua-precis, a rock):
-- busted puts the tree's lua/ and build directory in front of Lua's
-- paths, and bin/summarize does the same for the command.

local function readable(path)
  local f = io.open(path, "rb")
  if f then f:close() end
  return f ~= nil
end

-- The first file of `path` (package.path or package.cpath) for `name`:
-- the one require loads.
local function first(path, name)
  local file = name:gsub("%.", "/")
  for template in path:gmatch("[^;]+") do
    local candidate = template:gsub("%?", file)
    if readable(candidate) then return candidate end
  end
end

-- relative to the top of the tree, where the specs run, or under it
local function under_checkout(path)
  local top = os.getenv("PWD") .. "/"
  return path:sub(1, 1) ~= "/" or path:sub(1, #top) == top
end

describe("the specs", function()
  it("load the Lua modules of this checkout", function()
    for _, name in ipairs({ "precis", "precis.cli", "precis.policy", "precis.json" }) do
      local file = first(package.path, name)
      assert.is_string(file, name)
      assert.is_truthy(under_checkout(file) and file:match("lua/precis/"), name .. " from " .. file)
    end
    local source = debug.getinfo(require("precis").summarize, "S").source
    assert.equal("@lua/precis/init.lua", source)
  end)

  it("load precis.core from this checkout's build", function()
    local file = first(package.cpath, "precis.core")
    assert.is_string(file)
    assert.is_truthy(under_checkout(file), "precis.core from " .. tostring(file))
    assert.matches("^%.?/?build", file)
  end)

  it("run the command of this checkout", function()
    local p = assert(io.popen("PRECIS_DEBUG=1 bin/summarize --version"))
    local out = p:read("*a")
    p:close()
    assert.matches("^summarize %(precis%) ", out)
    -- bin/summarize puts lua/ and the build first, whatever LUA_PATH says
    local p2 = assert(io.popen("LUA_PATH='/nonexistent/?.lua' LUA_PATH_5_4='/nonexistent/?.lua' " ..
                               "bin/summarize --version"))
    assert.equal(out, p2:read("*a"))
    p2:close()
  end)
end)
