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

  it("says where it runs when no source tree is known", function()
    local _, err, status = run("env -u PRECIS_ROOT LUA_PATH='lua/?.lua;lua/?/init.lua;;' " ..
                               "LUA_CPATH='build/?.so;;' lua5.4 bin/summarize.lua eval")
    assert.equal(2, status)
    assert.equal("summarize: eval runs in the precis source tree: use bin/summarize " ..
                 "there (after make)\n", err)
  end)
end)
