-- The command reads its inputs, policies and what they extend in chunks,
-- and refuses a file at its limit without reading the rest: /dev/zero, a
-- pipe that never ends or a 100 MB file cost a bounded amount of memory
-- (each run here under a ulimit -v it would blow through otherwise).
local support = require "spec.support"
local quote = support.quote

-- `cmd` in sh under `ulimit -v kb`; returns stdout, stderr, exit status
local function sh(kb, cmd)
  return support.run("(ulimit -v " .. kb .. "; " .. cmd .. ")")
end

local LIMIT = "input is over the limit of 67108864 bytes"

describe("the command reads in bounded chunks", function()
  if os.getenv("LD_PRELOAD") then -- AddressSanitizer's shadow memory wants no ulimit -v
    pending("runs without a preloaded sanitizer")
    return
  end

  it("summarize /dev/zero, and standard input from it: refused at 64 MiB", function()
    assert.same({ "", "summarize: /dev/zero: " .. LIMIT .. "\n", 1 },
                { sh(200000, "bin/summarize /dev/zero") })
    assert.same({ "", "summarize: <stdin>: " .. LIMIT .. "\n", 1 },
                { sh(200000, "bin/summarize - </dev/zero") })
    assert.same({ "", "summarize: <stdin>: " .. LIMIT .. "\n", 1 },
                { sh(200000, "bin/summarize </dev/zero") })
  end)

  it("a 100 MB file: refused by its size, unread", function()
    local path = os.tmpname()
    assert(os.execute("truncate -s 100M " .. quote(path)))
    local t0 = os.time()
    assert.same({ "", "summarize: " .. path .. ": " .. LIMIT .. "\n", 1 },
                { sh(60000, "bin/summarize " .. quote(path)) })
    assert.is_true(os.time() - t0 < 30)
    os.remove(path)
  end)

  it("the limit is input.max_bytes, the whole input's", function()
    local a, b = os.tmpname(), os.tmpname()
    local text = ("The bridge will close in March for repairs to its cables. "):rep(40)
    for _, p in ipairs({ a, b }) do
      local f = assert(io.open(p, "wb"))
      f:write(text)
      f:close()
    end
    local out, err, status = sh(200000, "bin/summarize --param input.max_bytes=2000 " .. quote(a))
    assert.same({ "", "summarize: " .. a .. ": input is over the limit of 2000 bytes\n", 1 },
                { out, err, status })
    out, err, status = sh(200000, "bin/summarize --param input.max_bytes=2000 - < " .. quote(a))
    assert.same({ "", "summarize: <stdin>: input is over the limit of 2000 bytes\n", 1 },
                { out, err, status })
    out, err, status = sh(200000, "bin/summarize --param input.max_bytes=" .. (#text * 2 - 1) ..
                                  " " .. quote(a) .. " " .. quote(b))
    assert.same({ "", "summarize: " .. b .. ": input is over the limit of " .. (#text * 2 - 1) ..
                  " bytes\n", 1 }, { out, err, status })
    out, err, status = sh(200000, "bin/summarize -n 1 --param input.max_bytes=" .. (#text * 2) ..
                                  " " .. quote(a) .. " " .. quote(b))
    assert.same({ "", 0 }, { err, status })
    -- a policy's limit counts too
    local pol = os.tmpname() .. ".yaml"
    local f = assert(io.open(pol, "w"))
    f:write("input: { max_bytes: 100 }\n")
    f:close()
    out, err, status = sh(200000, "bin/summarize --policy " .. quote(pol) .. " " .. quote(a))
    assert.same({ "", "summarize: " .. a .. ": input is over the limit of 100 bytes\n", 1 },
                { out, err, status })
    os.remove(a)
    os.remove(b)
    os.remove(pol)
  end)

  it("--policy /dev/zero and extends: /dev/zero: refused at 1 MiB", function()
    assert.same({ "", "summarize: /dev/zero: over the limit of 1048576 bytes\n", 2 },
                { sh(60000, "bin/summarize --policy /dev/zero x") })
    local pol = os.tmpname() .. ".yaml"
    local f = assert(io.open(pol, "w"))
    f:write("extends: /dev/zero\n")
    f:close()
    assert.same({ "", "summarize: " .. pol .. ":1:10: cannot read '/dev/zero': over the limit " ..
                  "of 1048576 bytes (extends chain: " .. pol .. " -> /dev/zero)\n", 2 },
                { sh(60000, "bin/summarize --trust-policy-code --policy " .. quote(pol) .. " x") })
    local out, err, status = sh(60000, "bin/summarize --policy " .. quote(pol) .. " x")
    assert.same({ "", 2 }, { out, status })
    assert.matches("'/dev/zero' is an absolute path", err)
    assert.same({ "", "summarize: /dev/zero: over the limit of 1048576 bytes\n", 2 },
                { sh(60000, "bin/summarize policy check /dev/zero") })
    os.remove(pol)
  end)

  it("a directory, a missing file: one line each", function()
    assert.same({ "", "summarize: spec: Is a directory\n", 1 }, { sh(200000, "bin/summarize spec") })
    assert.same({ "", "summarize: nowhere.txt: No such file or directory\n", 1 },
                { sh(200000, "bin/summarize nowhere.txt") })
  end)
end)
