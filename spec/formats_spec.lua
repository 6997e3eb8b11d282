-- One article in plain text, Markdown and HTML: the same sentences, list
-- items among them, whatever the format (bin/summarize, as a user runs it).
local function run(args)
  local p = assert(io.popen("bin/summarize " .. args .. " 2>&1", "r"))
  local out = p:read("*a")
  p:close()
  return out
end

describe("input formats", function()
  local dir = "spec/fixtures/formats/ferry."

  it("give the same sentences for text, Markdown and HTML", function()
    local every = "-r 1 --min-words 1 "
    local text = run(every .. dir .. "txt")
    assert.equal(run(every .. dir .. "md"), text)
    assert.equal(run(every .. dir .. "html"), text)
    assert.matches("\nBoats leave Quay Street on the hour and every ten minutes after\n",
                   text, 1, true)
    assert.matches("\nDr. Lena Park, who chairs", text, 1, true)
  end)

  it("read a plain-text list item as a sentence, split with its bullet", function()
    local out = run("split --format json " .. dir .. "txt")
    assert.matches('"kind":"sentence","text":"- The last boat back', out, 1, true)
    assert.matches("\n- The last boat back from Northpoint leaves at 11 p.m.\n",
                   run("split " .. dir .. "txt"), 1, true)
    -- a summary shows it without, as from Markdown or HTML
    assert.matches("\nThe last boat back from Northpoint leaves at 11 p.m.\n",
                   run("-r 1 --min-words 1 " .. dir .. "txt"), 1, true)
  end)

  it("leave navigation, scripts and footers of a page out", function()
    local out = run("split " .. dir .. "html")
    assert.is_nil(out:find("tracking", 1, true))
    assert.is_nil(out:find("Home", 1, true))
    assert.is_nil(out:find("Gazette", 1, true))
  end)

  -- every unit's text is the bytes of its span, inside the document
  local function spans_hold(file, mode)
    local json = require "cjson"
    local f = assert(io.open(file, "rb"))
    local bytes = f:read("*a")
    f:close()
    local out = run("split --format json --input html --invalid-utf8 " .. mode .. " " .. file)
    local r = json.decode(out)
    local last = 0
    for _, u in ipairs(r.units) do
      assert.is_true(u.start >= last and u.start <= u["end"] and u["end"] <= #bytes)
      last = u["end"]
    end
    return r
  end

  it("keep spans inside the document on the fuzzers' reproducers", function()
    local a, b = os.tmpname(), os.tmpname()
    local f = assert(io.open(a, "wb"))
    f:write("e</rl>ar. Al")
    f:close()
    f = assert(io.open(b, "wb"))
    f:write("\1\239\191\150\170")
    f:close()
    local r = spans_hold(a, "error")
    assert.equal("ear.", r.units[1].plain)
    assert.equal(0, r.units[1].start)
    assert.equal(9, r.units[1]["end"])
    spans_hold(b, "replace")
    os.remove(a)
    os.remove(b)
  end)
end)
