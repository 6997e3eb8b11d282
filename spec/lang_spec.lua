-- Every language: the words of each language pack and of each script go
-- through the whole pipeline without a crash, and stems that come out
-- empty are words all the same.
local precis = require "precis"

local function run(cmd, stdin)
  local path = os.tmpname()
  local f = assert(io.open(path, "wb"))
  f:write(stdin)
  f:close()
  -- the exit status through the shell: Lua 5.1's close() does not give it
  local p = assert(io.popen("(" .. cmd .. ") <" .. path .. " 2>&1; echo \"<$?>\"", "r"))
  local out = p:read("*a")
  p:close()
  os.remove(path)
  local body, status = out:match("^(.*)<(%d+)>\n$")
  return body, tonumber(status)
end

describe("Greek", function()
  -- Snowball's Greek stemmer strips "ίδια", "όταν", "εις" to nothing
  local TEXT = "Την ίδια ώρα, όταν ήρθε. Είπε ναι."

  it("splits a text whose words stem to nothing", function()
    local out, status = run("bin/summarize split", TEXT)
    assert.equal(0, status)
    assert.equal("Την ίδια ώρα, όταν ήρθε.\nΕίπε ναι.\n", out)
  end)

  it("summarizes it with the language given or detected", function()
    for _, lang in ipairs({ "el", "greek", "auto" }) do
      local out, status = run("bin/summarize --min-words 1 -n 2 --language " .. lang .. " -", TEXT)
      assert.equal(0, status)
      assert.equal("Την ίδια ώρα, όταν ήρθε.\nΕίπε ναι.\n", out)
    end
  end)

  it("keeps a word with an empty stem as a term of its own", function()
    -- a query of one such word finds the one sentence that holds it
    local text = "Πήγαν χθες στο μεγάλο σπίτι του χωριού. Έμειναν στα ίδια μέρη " ..
                 "όλο το καλοκαίρι. Ο καιρός ήταν πολύ καλός κάθε μέρα."
    local r = assert(precis.summarize(text, { language = "greek", query = "ίδια",
                                              weights = { query = 1 }, sentences = 1 }))
    assert.equal(1, #r.sentences)
    assert.equal("Έμειναν στα ίδια μέρη όλο το καλοκαίρι.", r.sentences[1].text)
    assert.is_true(r.sentences[1].scores.query > 0)
  end)
end)
