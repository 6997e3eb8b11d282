-- Input in another encoding than UTF-8: a page's declared charset, a
-- byte-order mark, or --encoding / the `encoding` option / the policy's
-- input.encoding. Offsets are offsets into the original bytes; the JSON
-- `text` is those bytes read as UTF-8. iconv(1) decodes each span on its
-- own to check it.
local precis = require "precis"
local dkjson = require "dkjson" -- decoding only
local support = require "spec.support"

local PAGE = "spec/fixtures/formats/market-1252.html"

local temps = {}
local function tempfile(data)
  local path = os.tmpname()
  temps[#temps + 1] = path
  if data then
    local f = assert(io.open(path, "wb"))
    f:write(data)
    f:close()
  end
  return path
end

teardown(function()
  for _, path in ipairs(temps) do os.remove(path) end
end)

local function summarize(args, stdin)
  local quoted = {}
  for k, a in ipairs(args) do quoted[k] = support.quote(a) end
  return support.run("bin/summarize " .. table.concat(quoted, " "), stdin)
end

-- `bytes` in `encoding`, as UTF-8, by iconv(1)
local function iconv(encoding, bytes)
  local out, err, status = support.run("iconv -f " .. encoding .. " -t UTF-8 " ..
                                       support.quote(tempfile(bytes)))
  assert(status == 0, err)
  return out
end

-- "café" and the rest of this file's words, in windows-1252
local function cp1252(utf8)
  local out, err, status = support.run("iconv -f UTF-8 -t WINDOWS-1252 " ..
                                       support.quote(tempfile(utf8)))
  assert(status == 0, err)
  return out
end

local FRENCH = "Le café du port a rouvert ses portes lundi matin. Les pêcheurs y " ..
               "prennent un crème avant l’aube. La patronne connaît chacun par son nom.\n"

describe("a page in windows-1252 that says so in <meta charset>", function()
  local bytes = support.slurp(PAGE)

  it("is not UTF-8: without its declaration it would be refused", function()
    assert.falsy(require("precis.compat").utf8len(bytes))
  end)

  it("summarizes, and every sentence's [start, end) decoded is its text", function()
    local out, err, status = summarize({ "--format", "json", PAGE })
    assert.equal("", err)
    assert.equal(0, status)
    local r = dkjson.decode(out)
    assert.equal("windows-1252", r.documents[1].encoding)
    assert.equal(3, #r.sentences)
    local euro = false
    for _, s in ipairs(r.sentences) do
      assert.equal(iconv("WINDOWS-1252", bytes:sub(s.start + 1, s["end"])), s.text)
      assert.equal(nil, s.plain) -- no markup inside: the text as read is the same
    end
    -- every unit, the euro signs and curly quotes among them
    out, err, status = summarize({ "--format", "json", "--explain", PAGE })
    assert.equal(0, status, err)
    r = dkjson.decode(out)
    assert.truthy(#r.units >= 10)
    for _, u in ipairs(r.units) do
      local want = iconv("WINDOWS-1252", bytes:sub(u.start + 1, u["end"]))
      assert.equal(want, u.text)
      if u.text:find("€35", 1, true) then euro = true end
    end
    assert.truthy(euro)
    local quote = false
    for _, u in ipairs(r.units) do
      if (u.plain or u.text):find("“We weren’t sure anyone would come out in this cold,”",
                                  1, true) then
        quote = true
      end
    end
    assert.truthy(quote)
  end)

  it("prints its sentences in UTF-8", function()
    local out, err, status = summarize({ "-n", "3", "--order", "score", PAGE })
    assert.equal(0, status, err)
    assert.truthy(out:find("the crêpe stall had sold out of batter twice.\n", 1, true))
    assert.truthy(require("precis.compat").utf8len(out))
  end)

  it("splits into units that cut the original bytes", function()
    local out, _, status = summarize({ "split", "--format", "json", PAGE })
    assert.equal(0, status)
    local r = dkjson.decode(out)
    local prev = 0
    for _, u in ipairs(r.units) do
      assert.truthy(u.start >= prev)
      prev = u["end"]
      assert.equal(iconv("WINDOWS-1252", bytes:sub(u.start + 1, u["end"])), u.text)
    end
  end)

  it("is read the same from Lua, whose `text` is the caller's bytes", function()
    local r = assert(precis.summarize(bytes, { input = "html" }))
    assert.equal("windows-1252", r.documents[1].encoding)
    for _, s in ipairs(r.sentences) do
      assert.equal(bytes:sub(s.i, s.j), s.text)
      assert.equal(iconv("WINDOWS-1252", s.text), s.decoded)
      assert.truthy(require("precis.compat").utf8len(s.plain))
    end
  end)
end)

describe("--encoding", function()
  local latin = cp1252(FRENCH)

  it("reads text that declares nothing", function()
    local path = tempfile(latin)
    local out, err, status = summarize({ "--encoding", "latin1", "--format", "json", path })
    assert.equal("", err)
    assert.equal(0, status)
    local r = dkjson.decode(out)
    assert.equal("windows-1252", r.documents[1].encoding)
    assert.equal(3, #r.sentences)
    for _, s in ipairs(r.sentences) do
      assert.equal(iconv("WINDOWS-1252", latin:sub(s.start + 1, s["end"])), s.text)
    end
    assert.equal("Le café du port a rouvert ses portes lundi matin.", r.sentences[1].text)
  end)

  it("reads standard input too, and loses to a page's own declaration", function()
    local out, err, status = summarize({ "--encoding", "windows-1252", "-" }, latin)
    assert.equal(0, status, err)
    assert.truthy(out:find("Les pêcheurs y prennent un crème avant l’aube.", 1, true))
    out, err, status = summarize({ "--encoding", "koi8-r", "--input", "html", "-n", "1",
                                   "--order", "score" }, support.slurp(PAGE))
    assert.equal(0, status, err)
    assert.truthy(out:find("crêpe", 1, true))
  end)

  it("names an encoding it does not know", function()
    local out, err, status = summarize({ "--encoding", "klingon-8", PAGE })
    assert.equal("", out)
    assert.equal(2, status)
    assert.equal("summarize: unknown encoding 'klingon-8'\n", err)
  end)

  it("leaves UTF-8 alone", function()
    local path = tempfile(FRENCH)
    local out, err, status = summarize({ "--encoding", "latin1", "--format", "json", path })
    assert.equal(0, status, err)
    local r = dkjson.decode(out)
    assert.equal(nil, r.documents[1].encoding)
    assert.equal(FRENCH:sub(r.sentences[1].start + 1, r.sentences[1]["end"]), r.sentences[1].text)
  end)

  it("reads UTF-16 after its byte-order mark without being asked", function()
    local ascii = FRENCH:gsub("[\128-\255]+", "")
    local u16 = "\255\254" .. ascii:gsub(".", "%0\0")
    local out, err, status = summarize({ "--format", "json", "-" }, u16)
    assert.equal(0, status, err)
    local r = dkjson.decode(out)
    assert.equal("utf-16le", r.documents[1].encoding)
    for _, s in ipairs(r.sentences) do
      assert.equal(0, s.start % 2)
      assert.equal(iconv("UTF-16LE", u16:sub(s.start + 1, s["end"])), s.text)
    end
  end)
end)

describe("undeclared bytes that are not UTF-8", function()
  it("stay an error, which says how to read them", function()
    local path = tempfile(cp1252(FRENCH))
    local out, err, status = summarize({ path })
    assert.equal("", out)
    assert.equal(1, status)
    assert.equal("summarize: " .. path .. ":1:7: invalid UTF-8 (truncated sequence) at byte " ..
                 "offset 6; name its encoding with --encoding NAME, or read bad bytes as " ..
                 "U+FFFD with --invalid-utf8 replace\n", err)
  end)

  it("stay an error from Lua, with its code", function()
    local r, msg, code = precis.summarize(cp1252(FRENCH))
    assert.equal(nil, r)
    assert.equal("EUTF8", code)
    assert.equal("1:7: invalid UTF-8 (truncated sequence) at byte offset 6", msg)
  end)
end)

describe("the encoding option from Lua", function()
  local latin = cp1252(FRENCH)

  it("reads the text, and keeps the caller's bytes in `text`", function()
    local r = assert(precis.summarize(latin, { encoding = "windows-1252", sentences = 2 }))
    assert.equal("windows-1252", r.documents[1].encoding)
    for _, s in ipairs(r.sentences) do
      assert.equal(latin:sub(s.i, s.j), s.text)
      assert.equal(iconv("WINDOWS-1252", s.text), s.decoded)
      assert.equal(s.decoded, s.plain)
    end
  end)

  it("leaves `decoded` out for UTF-8", function()
    local r = assert(precis.summarize(FRENCH, { encoding = "latin1" }))
    assert.equal(nil, r.documents[1].encoding)
    assert.equal(nil, r.sentences[1].decoded)
  end)

  it("refuses a name iconv does not know, and a value that is no string", function()
    local ok, err = pcall(precis.summarize, latin, { encoding = "klingon-8" })
    assert.falsy(ok)
    assert.truthy(tostring(err):find("unknown encoding 'klingon-8'", 1, true))
    ok, err = pcall(precis.new, { encoding = 1252 })
    assert.falsy(ok)
    assert.truthy(tostring(err):find("encoding", 1, true))
  end)
end)

describe("input.encoding in a policy", function()
  local latin = cp1252(FRENCH)

  it("reads text that declares nothing", function()
    local dir = tempfile()
    os.remove(dir)
    assert(os.execute("mkdir " .. support.quote(dir)))
    local pol = dir .. "/latin.yaml"
    local f = assert(io.open(pol, "wb"))
    f:write("policy: latin\ninput:\n  encoding: latin1\n")
    f:close()
    local path = tempfile(latin)
    local out, err, status = summarize({ "--policy", pol, "-n", "1", path })
    assert.equal(0, status, err)
    assert.truthy(out:find("é", 1, true))
    local r = assert(precis.summarize(latin, { policy = pol }))
    assert.equal("windows-1252", r.documents[1].encoding)
    f = assert(io.open(pol, "wb"))
    f:write("policy: latin\ninput:\n  encoding: klingon-8\n")
    f:close()
    out, err, status = summarize({ "policy", "check", pol })
    assert.same({ "", "summarize: " .. pol .. ":3:13: unknown encoding 'klingon-8' in " ..
                  "'input.encoding'\n", 2 }, { out, err, status })
    os.remove(pol)
    os.remove(dir)
  end)
end)
