-- summarize batch and summarizer:each: one summary per document, on threads.
local precis = require "precis"
local json = require "precis.json"
local dkjson = require "dkjson" -- decoding only

local support = require "spec.support"
local slurp, quote, spit = support.slurp, support.quote, support.spit

local temps = {}
local function tempname()
  local path = os.tmpname()
  temps[#temps + 1] = path
  return path
end

local function tempdir()
  local path = tempname()
  os.remove(path)
  os.execute("mkdir -p " .. quote(path))
  return path
end

-- bin/summarize with `args`, optional stdin; stdout, stderr, exit status
local function summarize(args, stdin)
  local quoted = {}
  for k, a in ipairs(args) do quoted[k] = quote(a) end
  return support.run("bin/summarize " .. table.concat(quoted, " "), stdin)
end

local function lines(s)
  local t = {}
  for line in s:gmatch("([^\n]*)\n") do t[#t + 1] = line end
  return t
end

local FILES = { "spec/fixtures/orchard.txt", "spec/fixtures/orchard-followup.txt",
                "spec/fixtures/canal-report.txt", "spec/fixtures/formats/ferry.md",
                "spec/fixtures/formats/ferry.html", "spec/fixtures/formats/ferry.txt",
                "examples/harbour-bridge.txt" }

-- a corpus of `n` documents cut from the fixtures, with empty, invalid
-- and unreadable ones among them
local function corpus(n)
  local sentences = {}
  for _, f in ipairs(FILES) do
    for s in slurp(f):gmatch("[^\n]+") do
      if #s > 40 and not s:find("[<#]") then sentences[#sentences + 1] = s end
    end
  end
  local recs = {}
  for i = 1, n do
    local text
    if i % 17 == 0 then text = ""
    elseif i % 13 == 0 then text = "Bad bytes \255 here. And more text follows it now."
    else
      local parts = {}
      for k = 0, 2 + i % 5 do parts[#parts + 1] = sentences[(i * 7 + k * 3) % #sentences + 1] end
      text = table.concat(parts, "\n\n")
    end
    recs[i] = { id = "doc-" .. i, text = text }
  end
  return recs
end

local function jsonl(recs)
  local out = {}
  for i, r in ipairs(recs) do -- json.lua would write bad bytes as U+FFFD: not here
    out[i] = json.encode(json.object({ "id", "text", "title", "options" }, r)):gsub("\239\191\189", "\255")
  end
  return table.concat(out, "\n") .. "\n"
end

describe("summarize batch", function()
  teardown(function()
    for _, p in ipairs(temps) do os.execute("rm -rf " .. quote(p)) end
  end)

  it("writes for each file the bytes of summarize --format json, with its id first", function()
    local weird = tempname()
    -- invalid bytes, control characters, U+2028, quotes and a date
    spit(weird, "date 2023-11-14\n\nThe \"bridge\" \1 closed\226\128\168 at dawn, said the council today.\n\n" ..
                "Traffic \255 moved to the ferry for the whole of the long day.\n\n" ..
                "Repairs will take eight months and cost twelve million.\n")
    local files = {}
    for k, f in ipairs(FILES) do files[k] = f end
    files[#files + 1] = weird
    -- other encodings: a page that declares windows-1252, UTF-16 after its mark
    files[#files + 1] = "spec/fixtures/formats/market-1252.html"
    local u16 = tempname()
    spit(u16, "\255\254" .. slurp(FILES[1]):gsub("[\128-\255]", ""):gsub(".", "%0\0"))
    files[#files + 1] = u16
    local args = { "batch", "--invalid-utf8", "replace", "-n", "2" }
    for _, f in ipairs(files) do args[#args + 1] = f end
    local out, err, status = summarize(args)
    assert.equal("", err)
    assert.equal(0, status)
    local got = lines(out)
    assert.equal(#files, #got)
    for k, f in ipairs(files) do
      local single = summarize({ "--format", "json", "--invalid-utf8", "replace", "-n", "2", f })
      local want = '{"id":' .. json.encode(f) .. "," .. single:sub(2, -2)
      assert.equal(want, got[k])
    end
  end)

  it("gives every input id once, in input order, errors as records, the same bytes for any --jobs", function()
    local recs = corpus(120)
    local input = tempname() .. ".jsonl"
    temps[#temps + 1] = input
    spit(input, jsonl(recs))
    local out1, err1, s1 = summarize({ "batch", "--jobs", "1", input })
    local out3, _, s3 = summarize({ "batch", "--jobs", "3", input })
    local out2 = summarize({ "batch", "-j", "2" }, jsonl(recs)) -- standard input
    assert.equal("", err1)
    assert.equal(1, s1) -- some records failed
    assert.equal(1, s3)
    assert.equal(out1, out3)
    assert.equal(out1, out2)
    local got = lines(out1)
    assert.equal(#recs, #got)
    local errors = 0
    for i, line in ipairs(got) do
      local r = dkjson.decode(line)
      assert.equal(recs[i].id, r.id)
      if i % 17 == 0 then
        assert.equal("EEMPTY", r.error.code)
      elseif i % 13 == 0 then
        assert.same({ code = "EUTF8", message = "invalid UTF-8 (invalid byte)", line = 1,
                      column = 11, offset = 10 }, r.error)
      else
        assert.is_nil(r.error)
        assert.equal("english", r.language)
        for _, s in ipairs(r.sentences) do
          assert.equal(recs[i].text:sub(s.start + 1, s["end"]), s.text)
        end
      end
      if r.error then errors = errors + 1 end
    end
    assert.equal(7 + 9 - 0, errors) -- 7 multiples of 17, 9 of 13 below 120
  end)

  it("reads folders recursively, in name order, with --include and --exclude", function()
    local dir = tempdir()
    os.execute("mkdir -p " .. quote(dir .. "/b/skip") .. " " .. quote(dir .. "/a"))
    spit(dir .. "/a/one.txt", slurp(FILES[1]))
    spit(dir .. "/b/two.txt", slurp(FILES[2]))
    spit(dir .. "/b/skip/three.txt", slurp(FILES[3]))
    spit(dir .. "/b/notes.log", "not this one at all, it is a log file.")
    local out, _, status = summarize({ "batch", "--include", "*.txt", "--exclude", "skip", dir })
    assert.equal(0, status)
    local ids = {}
    for _, line in ipairs(lines(out)) do ids[#ids + 1] = dkjson.decode(line).id end
    assert.same({ dir .. "/a/one.txt", dir .. "/b/two.txt" }, ids)
  end)

  it("makes a document over input.max_bytes an error record, and goes on", function()
    local big, small = tempname(), tempname()
    spit(big, string.rep("The long report goes on and on about the bridge. ", 40))
    spit(small, "The bridge closes in March for repairs, the council said today.")
    local out, _, status = summarize({ "batch", "--param", "input.max_bytes=1000", big, small })
    assert.equal(1, status)
    local got = lines(out)
    assert.equal(2, #got)
    assert.same({ code = "ELIMIT", message = "input is over the limit of 1000 bytes" },
                dkjson.decode(got[1]).error)
    assert.is_nil(dkjson.decode(got[2]).error)
    -- a JSON Lines record over the limit: its id comes from the start of the line
    out = summarize({ "batch", "--param", "input.max_bytes=1000" },
                    jsonl({ { id = "long", text = string.rep("word ", 400) },
                            { id = "short", text = "One more sentence to read here." } }))
    got = lines(out)
    assert.equal("long", dkjson.decode(got[1]).id)
    assert.equal("ELIMIT", dkjson.decode(got[1]).error.code)
    assert.equal("short", dkjson.decode(got[2]).id)
  end)

  it("reads titles, queries, languages and per-record options, and rejects bad ones", function()
    local text = "Ten people came to the harbour. They saw the bridge from the quay. " ..
                 "It was closed for the whole day by the council."
    local out = summarize({ "batch" }, jsonl({
      { id = "t", text = text, title = "Bridge closed", options = { sentences = 1 } },
      { id = "b", text = text, options = { sentences = 0 } },
      { id = "c", text = text, options = { colour = "red" } },
    }))
    local got = lines(out)
    local t = dkjson.decode(got[1])
    assert.equal(1, #t.sentences)
    assert.equal(text:sub(t.sentences[1].start + 1, t.sentences[1]["end"]), t.sentences[1].text)
    assert.is_true(t.sentences[1].scores.title > 0)
    assert.equal("EINVAL", dkjson.decode(got[2]).error.code)
    assert.equal("unknown option 'colour'", dkjson.decode(got[3]).error.message)
    -- a line that is no JSON object: its id is where it was
    out = summarize({ "batch" }, '{"id":"ok","text":"A sentence that is fine to read."}\nnot json\n')
    got = lines(out)
    assert.equal("<stdin>:2", dkjson.decode(got[2]).id)
    -- a part of a file piped in names its lines as the whole file would
    out = summarize({ "batch", "--stdin-name", "all.jsonl", "--stdin-line", "41" }, "\n[]\n")
    assert.equal("all.jsonl:42", dkjson.decode(lines(out)[1]).id)
  end)

  it("resumes after a kill: no id twice, the half-written line cut", function()
    local recs = corpus(40)
    local input, full, part = tempname() .. ".jsonl", tempname(), tempname()
    temps[#temps + 1] = input
    spit(input, jsonl(recs) .. "not json\n") -- a failed record is written once too
    summarize({ "batch", "-o", full, input })
    local whole = lines(slurp(full))
    assert.equal(41, #whole)
    -- as a kill leaves it: 15 whole lines and half of the 16th
    spit(part, table.concat(whole, "\n", 1, 15) .. "\n" .. whole[16]:sub(1, 30))
    local out, err, status = summarize({ "batch", "--resume", "-o", part, input })
    assert.equal("", out)
    assert.equal("", err)
    assert.equal(1, status) -- the failed records of the rest
    assert.equal(slurp(full), slurp(part))
    -- nothing left to do
    local _, _, again = summarize({ "batch", "--resume", "-o", part, input })
    assert.equal(0, again)
    assert.equal(slurp(full), slurp(part))
    -- not a batch output
    local other = tempname()
    spit(other, "hello\n")
    local _, e2, s2 = summarize({ "batch", "--resume", "-o", other, input })
    assert.equal(1, s2)
    assert.matches("not a record of summarize batch", e2, 1, true)
  end)

  it("writes one file per document with --output-dir, and resumes there", function()
    local dir = tempdir() .. "/out"
    local recs = { { id = "a/b", text = "The bridge closes in March for repairs, the council said." },
                   { id = "..", text = "The ferry runs every ten minutes during the works." } }
    local _, _, status = summarize({ "batch", "--format", "text", "--output-dir", dir }, jsonl(recs))
    assert.equal(0, status)
    assert.equal("The bridge closes in March for repairs, the council said.\n", slurp(dir .. "/a%2Fb.txt"))
    assert.equal("The ferry runs every ten minutes during the works.\n", slurp(dir .. "/%2E..txt"))
  end)

  it("says what is wrong with its options", function()
    local _, err, status = summarize({ "batch", "--resume", "x.jsonl" })
    assert.equal(2, status)
    assert.matches("--resume needs --output FILE", err, 1, true)
    _, err, status = summarize({ "batch", "--jobs", "0", "x.jsonl" })
    assert.equal(2, status)
    _, err, status = summarize({ "batch", "--explain" })
    assert.equal(2, status)
  end)
end)

describe("summarizer:each", function()
  it("gives each document's result, in order, as summarize does, on threads", function()
    local recs = corpus(30)
    local s = precis.new { sentences = 2 }
    local n = 0
    for id, r, msg, code in s:each(recs, { jobs = 2 }) do
      n = n + 1
      assert.equal(recs[n].id, id)
      local want, wmsg, wcode = s:summarize(recs[n].text)
      if want then
        assert.same(want.sentences, r.sentences)
        assert.equal(want.language, r.language)
      else
        assert.is_nil(r)
        assert.equal(wmsg, msg)
        assert.equal(wcode, code)
      end
    end
    assert.equal(30, n)
    -- an iterator function and plain strings: ids are their places
    local texts = { "The bridge closes in March for repairs.", "The ferry runs all day long." }
    local i = 0
    local seen = {}
    for id, r in s:each(function() i = i + 1; return texts[i] end) do
      seen[#seen + 1] = id
      assert.equal(texts[id], r.sentences[1].text)
    end
    assert.same({ 1, 2 }, seen)
    s:close()
  end)

  it("keeps its summarizer open while it runs", function()
    local s = precis.new()
    local it = s:each({ "One sentence is here to read.", "Another one is here as well." })
    assert.error_matches(function() s:close() end, "each%(%) is using")
    assert.equal(1, (it()))
    it = nil
    collectgarbage()
    collectgarbage()
    s:close()
  end)
end)

describe("the command without a policy", function()
  it("does not load precis.policy", function()
    local lua = os.getenv("PRECIS_LUA") or "lua5.4"
    local code = 'package.path = "lua/?.lua;lua/?/init.lua;" .. package.path; ' ..
                 'package.cpath = (os.getenv("PRECIS_CPATH") or "build") .. "/?.so;" .. package.cpath; ' ..
                 'local status = require("precis.cli").main({ "-n", "1", "examples/harbour-bridge.txt" }); ' ..
                 'io.stderr:write(package.loaded["precis.policy"] and "loaded" or "not loaded", status)'
    local out, err = require("spec.support").run(lua .. " -e " .. require("spec.support").quote(code))
    assert.equal("not loaded0", err)
    assert.is_true(#out > 0)
  end)
end)
