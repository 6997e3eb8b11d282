-- examples/threads.c, built by make (build/example-threads): one
-- summarizer shared by threads gives each file the summary the command does.
local EXAMPLE = os.getenv("PRECIS_EXAMPLE") or "build/example-threads"

local support = require "spec.support"

local function run(cmd)
  local out, err, status = support.run(cmd)
  return out .. err, status
end

describe("examples/threads.c", function()
  local files = { "spec/fixtures/orchard.txt", "spec/fixtures/orchard-followup.txt",
                  "spec/fixtures/canal-report.txt", "examples/harbour-bridge.txt",
                  "examples/harbour-bridge-followup.txt", "spec/fixtures/formats/ferry.txt" }

  it("prints, in argument order, the sentence summarize -n 1 picks, for 1 or 4 threads", function()
    local many = {}
    for k = 1, 8 do
      for _, f in ipairs(files) do many[#many + 1] = f end
      if k == 1 then many[#many + 1] = files[1] end
    end
    local args = table.concat(many, " ")
    local one, s1 = run(EXAMPLE .. " 1 " .. args)
    local four, s4 = run(EXAMPLE .. " 4 " .. args)
    assert.equal(0, s1)
    assert.equal(0, s4)
    assert.equal(one, four)
    local k = 0
    for line in one:gmatch("[^\n]+") do
      k = k + 1
      local path, sentence = line:match("^([^\t]+)\t(.*)$")
      assert.equal(many[k], path)
      local want = run("bin/summarize -n 1 " .. path)
      assert.equal(want, sentence .. "\n")
    end
    assert.equal(#many, k)
  end)

  it("says which file it cannot read, and fails", function()
    local out, status = run(EXAMPLE .. " 2 spec/fixtures/orchard.txt no/such/file")
    assert.equal(1, status)
    assert.matches("threads: no/such/file: cannot read the file", out, 1, true)
  end)
end)
