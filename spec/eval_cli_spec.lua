-- `summarize eval`: the ROUGE evaluation, run from the source tree.
local run = require("spec.support").run

describe("summarize eval", function()
  it("hands its options to eval/run.lua", function()
    local out, _, status = run("bin/summarize eval --help")
    assert.equal(0, status)
    assert.matches("%-%-dataset NAME", out)
    assert.matches("%-%-policy P", out)
  end)

  it("passes usage errors of the runner through with exit 2", function()
    local _, err, status = run("bin/summarize eval --no-such-option")
    assert.equal(2, status)
    assert.matches("no%-such%-option", err)
  end)

  it("says which data it needs and where they go, when they are missing", function()
    local out, err, status = run("PRECIS_DATA=/nonexistent/data bin/summarize eval bbc --limit 2")
    assert.equal(2, status)
    assert.equal("", out)
    assert.matches("eval: the evaluation data is not in /nonexistent/data\n", err, 1, true)
    assert.matches("bbc/docs/ID.txt", err, 1, true)
    assert.matches("point PRECIS_DATA at the folder", err, 1, true)
    assert.not_matches("traceback", err, 1, true)
    -- the modules built for the Lua that runs the specs, not build/'s default
    local cpath = os.getenv("PRECIS_CPATH") or "build"
    _, err, status = run("PRECIS_DATA=/nonexistent/data LUA_CPATH='" .. cpath .. "/?.so;;' " ..
                         (os.getenv("PRECIS_LUA") or "lua5.4") .. " eval/vectors.lua")
    assert.equal(2, status)
    assert.matches("rouge/vectors.jsonl", err, 1, true)
  end)

  it("says where it runs when no source tree is known", function()
    local _, err, status = run("env -u PRECIS_ROOT LUA_PATH='lua/?.lua;lua/?/init.lua;;' " ..
                               "LUA_CPATH='build/?.so;;' lua5.4 bin/summarize.lua eval")
    assert.equal(2, status)
    assert.equal("summarize: eval runs in the precis source tree: use bin/summarize " ..
                 "there (after make)\n", err)
  end)
end)
