-- precis.compat: one meaning under Lua 5.1, LuaJIT, 5.2, 5.3 and 5.4
-- (make test-lua-all runs this file under each).
local compat = require "precis.compat"

describe("precis.compat", function()
  describe("utf8len", function()
    local len = compat.utf8len

    it("counts code points of valid UTF-8", function()
      assert.equal(0, len(""))
      assert.equal(5, len("hello"))
      assert.equal(4, len("caf\195\169"))                        -- é
      assert.equal(3, len("\226\130\172 \240\159\152\128"))      -- € and an emoji
      assert.equal(2, len("\239\191\189\244\143\191\191"))       -- U+FFFD, U+10FFFF
      assert.equal(2, len("ab\195\169", 2))                       -- from byte 2 on
    end)

    it("gives the first bad byte of invalid UTF-8, as Lua 5.4's utf8.len", function()
      local cases = {
        { "a\255b", 2 },                   -- a byte that never starts a sequence
        { "ab\128", 3 },                   -- a lone continuation byte
        { "\192\175", 1 },                 -- overlong "/"
        { "\224\128\175", 1 },             -- overlong, three bytes
        { "\240\128\128\175", 1 },         -- overlong, four bytes
        { "x\237\160\128", 2 },            -- a surrogate (Lua 5.3's utf8.len lets it by)
        { "\244\144\128\128", 1 },         -- past U+10FFFF
        { "\248\136\128\128\128", 1 },     -- a five-byte form
        { "ok \226\130", 4 },              -- cut short at the end
        { "\226\130c", 1 },                -- cut short before ASCII
      }
      for _, c in ipairs(cases) do
        local n, pos = len(c[1])
        assert.is_nil(n, c[1])
        assert.equal(c[2], pos)
      end
    end)
  end)

  describe("isint", function()
    it("accepts whole numbers and refuses the rest", function()
      assert.is_true(compat.isint(0))
      assert.is_true(compat.isint(-3))
      assert.is_true(compat.isint(3.0))
      assert.is_true(compat.isint(2 ^ 53))
      assert.is_false(compat.isint(0.5))
      assert.is_false(compat.isint(2 ^ 60))    -- a float too large to be exact
      assert.is_false(compat.isint(1 / 0))
      assert.is_false(compat.isint(0 / 0))
      assert.is_false(compat.isint("3"))
      assert.is_false(compat.isint(nil))
    end)

    it("makes numbers print the same whatever the Lua", function()
      assert.equal("3", string.format("%d", 3.0))
      assert.equal("9007199254740992", string.format("%d", 2 ^ 53))
    end)
  end)

  describe("load and loadfile", function()
    it("run a chunk in the environment given", function()
      local f = assert(compat.load("return x + 1", "=chunk", "t", { x = 41 }))
      assert.equal(42, f())
      local path = os.tmpname()
      local out = assert(io.open(path, "w"))
      out:write("#!/usr/bin/env lua\nreturn y * 2\n")
      out:close()
      local g = assert(compat.loadfile(path, "t", { y = 21 }))
      os.remove(path)
      assert.equal(42, g())
    end)

    it("refuse a binary chunk in text mode", function()
      local f, err = compat.load(string.dump(function() return 1 end), "=bin", "t")
      assert.is_nil(f)
      assert.is_string(err)
    end)

    it("report a syntax error and a missing file", function()
      local f, err = compat.load("return +", "=bad", "t", {})
      assert.is_nil(f)
      assert.matches("^bad:1:", err)
      local g, why = compat.loadfile("/nonexistent/precis.lua", "t", {})
      assert.is_nil(g)
      assert.matches("/nonexistent/precis%.lua", why)
    end)
  end)
end)
