-- Scraped pages written for precis (eval/web): `summarize split` keeps
-- every sentence, title and heading a reader would (the .gold lines), and
-- little else: menus, buttons and credits go, and what is text but no
-- content (greetings, sign-offs, dates) prints as a fragment.
local dkjson = require "dkjson" -- decoding only
local function run(args)
  local p = assert(io.popen("bin/summarize " .. args .. " 2>&1", "r"))
  local out = p:read("*a")
  p:close()
  return out
end

local function lines(s)
  local out = {}
  for l in s:gmatch("[^\n]+") do out[#out + 1] = l end
  return out
end

local function pages()
  local p = assert(io.popen("ls eval/web"))
  local out = {}
  for name in p:lines() do
    if not name:match("%.gold$") then out[#out + 1] = "eval/web/" .. name end
  end
  p:close()
  return out
end

describe("scraped pages", function()
  it("are all there", function()
    assert.is_true(#pages() >= 10)
  end)

  for _, page in ipairs(pages()) do
    it("split as a reader would: " .. page, function()
      local f = assert(io.open(page:gsub("%.%w+$", "") .. ".gold"))
      local gold = lines(f:read("*a"))
      f:close()
      -- the format from the name; PDF-extracted text with --unwrap
      local args = (page:match("/pdf%-") and "--unwrap " or "") .. page
      local got = lines(run("split " .. args))
      local units = assert(dkjson.decode(run("split --format json " .. args))).units
      assert.equal(#units, #got) -- one line per unit, fragments too
      local have = {}
      for k, l in ipairs(got) do
        if units[k].kind ~= "fragment" then have[l] = (have[l] or 0) + 1 end
      end
      for _, l in ipairs(gold) do -- every gold unit, as it prints
        assert.is_true((have[l] or 0) > 0, "missing: " .. l)
        have[l] = have[l] - 1
      end
      -- and at most two units a reader would not keep (a section label,
      -- an author's name without "By")
      local extra = 0
      for _, c in pairs(have) do extra = extra + c end
      assert.is_true(extra <= 2, ("%d units a reader would not keep"):format(extra))
    end)
  end
end)
