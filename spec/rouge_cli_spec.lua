-- `summarize rouge SYSTEM REFERENCE...`: ROUGE-1, -2, -L and -SU4 of
-- summaries against references, files paired as they are, folders by
-- name, JSON Lines (the output of `summarize batch`) by id.
local support = require "spec.support"
local run, slurp, quote = support.run, support.slurp, support.quote

local FIX = "spec/fixtures/rouge/"
local DOCS = { "examples/harbour-bridge.txt", "spec/fixtures/orchard.txt",
               "spec/fixtures/canal-report.txt" }

local function rouge(args, stdin)
  return run("bin/summarize rouge " .. args, stdin)
end

local write, tmpdir = support.spit, support.tmpdir

local function json(s)
  return require("cjson").decode(s)
end

local METRICS = { "rouge_1", "rouge_2", "rouge_l", "rouge_su4" }

-- the figures of one pair of files, from the JSON output
local function score_files(system, refs)
  local out, err, status = rouge("--format json " .. system .. " " .. table.concat(refs, " "))
  assert.equal("", err)
  assert.equal(0, status)
  return json(out).average
end

describe("summarize rouge", function()
  local dir
  before_each(function() dir = tmpdir() end)
  after_each(function() os.execute("rm -rf " .. quote(dir)) end)

  describe("on two files", function()
    -- Worked out by hand (no word is over 3 letters, so no stemming):
    -- system "the cat sat on the mat" (6 words), reference "the cat lay
    -- on the red mat" (7 words).
    -- ROUGE-1: the x2, cat, on, mat match: 5 hits; R 5/7, P 5/6.
    -- ROUGE-2: "the cat" and "on the" match out of 5 and 6 bigrams: R 2/6, P 2/5.
    -- ROUGE-L: the LCS is "the cat on the mat", 5 words: R 5/7, P 5/6.
    -- ROUGE-SU4: pairs at most 4 words apart, plus unigrams but for the
    -- last word's (ROUGE-1.5.5's loop stops one short): the system has 15
    -- pairs + 5 unigrams = 20, the reference 20 pairs (not the-mat, 6
    -- apart) + 6 unigrams = 26. Shared: the-cat, the-on, the-the, the-mat
    -- (once), cat-on, cat-the, cat-mat, on-the, on-mat = 9 pairs, and
    -- the x2, cat, on = 4 unigrams: 13 hits; R 13/26, P 13/20.
    -- F = P R / (P/2 + R/2) of R and P rounded to 5 places, as ROUGE does.
    it("prints the figures worked out by hand", function()
      local out, err, status = rouge(FIX .. "hand/system.txt " .. FIX .. "hand/reference.txt")
      assert.equal("", err)
      assert.equal(0, status)
      assert.equal(table.concat({
        "1 document, stemmed",
        "ROUGE-1    R 0.71429  P 0.83333  F 0.76923",
        "ROUGE-2    R 0.33333  P 0.40000  F 0.36363",
        "ROUGE-L    R 0.71429  P 0.83333  F 0.76923",
        "ROUGE-SU4  R 0.50000  P 0.65000  F 0.56522",
      }, "\n") .. "\n", out)
    end)

    it("gives the same figures as JSON", function()
      local out, _, status = rouge("--format=json " .. FIX .. "hand/system.txt " .. FIX .. "hand/reference.txt")
      assert.equal(0, status)
      local r = json(out)
      assert.equal(1, r.documents)
      assert.is_true(r.stemmed)
      assert.equal(0, r.unpaired)
      assert.same({ r = 0.71429, p = 0.83333, f = 0.76923 }, r.average.rouge_1)
      assert.same({ r = 0.33333, p = 0.4, f = 0.36363 }, r.average.rouge_2)
      assert.same({ r = 0.71429, p = 0.83333, f = 0.76923 }, r.average.rouge_l)
      assert.same({ r = 0.5, p = 0.65, f = 0.56522 }, r.average.rouge_su4)
      assert.is_nil(r.per_document)
      assert.matches('^{"documents":1,"stemmed":true,"unpaired":0,"average":{"rouge_1":{"r":', out)
    end)

    it("stems as ROUGE-1.5.5's -m does, unless --no-stem", function()
      -- "tickets"/"ticket", "costs"/"cost", "leaves"/"leave": one term each when stemmed
      local sys, ref = FIX .. "system/ferry.txt", FIX .. "reference/ferry.ref"
      local stemmed = score_files(sys, { ref })
      local out = rouge("--no-stem --format json " .. sys .. " " .. ref)
      local plain = json(out)
      assert.is_false(plain.stemmed)
      assert.is_true(stemmed.rouge_1.r > plain.average.rouge_1.r)
      assert.matches("^1 document, not stemmed\n", (rouge("--no-stem " .. sys .. " " .. ref)))
    end)

    it("takes several references: each REFERENCE file is one", function()
      local sys, ref = FIX .. "hand/system.txt", FIX .. "hand/reference.txt"
      write(dir .. "/other.txt", "the cat sat on the mat\n")
      local one = score_files(sys, { ref })
      local two = score_files(sys, { ref, dir .. "/other.txt" })
      -- hits and counts add up over the references (ROUGE-1.5.5's -f A):
      -- ROUGE-1 P is (5 + 6) / (6 + 6)
      assert.same({ r = 0.84615, p = 0.91667, f = 0.88 }, two.rouge_1)
      -- the same reference twice counts as once (hits and counts double)
      assert.same(one, score_files(sys, { ref, ref }))
    end)
  end)

  describe("on folders", function()
    it("pairs files by their path below the folder, without the extension", function()
      local out, err, status = rouge("--per-document --format json " .. FIX .. "system " .. FIX .. "reference/")
      assert.equal("", err)
      assert.equal(0, status)
      local r = json(out)
      assert.equal(2, r.documents)
      assert.equal("ferry", r.per_document[1].id)
      assert.equal("news/library", r.per_document[2].id)
      local each = {
        score_files(FIX .. "system/ferry.txt", { FIX .. "reference/ferry.ref" }),
        score_files(FIX .. "system/news/library.txt", { FIX .. "reference/news/library.ref" }),
      }
      for k = 1, 2 do
        assert.equal(1, r.per_document[k].references)
        for _, m in ipairs(METRICS) do assert.same(each[k][m], r.per_document[k][m]) end
      end
      for _, m in ipairs(METRICS) do
        for _, x in ipairs({ "r", "p", "f" }) do
          assert.near((each[1][m][x] + each[2][m][x]) / 2, r.average[m][x], 1e-5)
        end
      end
    end)

    it("prints each document's rows, then the average, with --per-document", function()
      local out, _, status = rouge("--per-document " .. FIX .. "system " .. FIX .. "reference")
      assert.equal(0, status)
      local lines = {}
      for l in out:gmatch("([^\n]*)\n") do lines[#lines + 1] = l end
      assert.equal(4 + 4 + 1 + 1 + 4, #lines)
      assert.matches("^ferry         ROUGE%-1    R 0%.%d+  P 0%.%d+  F 0%.%d+$", lines[1])
      assert.matches("^news/library  ROUGE%-SU4  R ", lines[8])
      assert.equal("", lines[9])
      assert.equal("2 documents, stemmed", lines[10])
    end)

    it("names each document found on one side only, scores the others, and exits 1", function()
      os.execute("cp -r " .. FIX .. "system " .. dir .. "/sys && cp -r " .. FIX .. "reference " .. dir .. "/ref")
      write(dir .. "/sys/orphan.txt", "A summary without its reference.\n")
      write(dir .. "/ref/news/lost.ref", "A reference without its summary.\n")
      write(dir .. "/sys/.hidden.txt", "Hidden files are left out.\n")
      local out, err, status = rouge(quote(dir .. "/sys") .. " " .. quote(dir .. "/ref"))
      assert.equal(1, status)
      assert.equal("summarize: " .. dir .. "/sys/orphan.txt: 'orphan' has no reference, and is not scored\n" ..
                   "summarize: " .. dir .. "/ref/news/lost.ref: 'news/lost' has no summary in " .. dir ..
                   "/sys, and is not scored\n", err)
      assert.matches("^2 documents, stemmed\n", out)
    end)

    it("refuses two files that pair under one name", function()
      os.execute("cp -r " .. FIX .. "system " .. dir .. "/sys")
      write(dir .. "/sys/ferry.md", "The ferry again.\n")
      local out, err, status = rouge(quote(dir .. "/sys") .. " " .. FIX .. "reference")
      assert.equal(1, status)
      assert.equal("", out)
      assert.equal("summarize: " .. dir .. "/sys/ferry.md and " .. dir ..
                   "/sys/ferry.txt pair under the same name 'ferry'\n", err)
    end)

    it("says so when no document pairs", function()
      assert(os.execute("mkdir " .. quote(dir .. "/empty")))
      local out, err, status = rouge(FIX .. "system " .. quote(dir .. "/empty"))
      assert.equal(1, status)
      assert.equal("", out)
      assert.matches("summarize: no document of spec/fixtures/rouge/system has a reference in " ..
                     dir:gsub("%p", "%%%0") .. "/empty %(folders pair files", err)
    end)
  end)

  describe("on JSON Lines", function()
    -- the output of summarize batch, paired by id with references we wrote
    local function batch_output()
      local out, err, status = run("bin/summarize batch -q -n 3 " .. table.concat(DOCS, " "))
      assert.equal("", err)
      assert.equal(0, status)
      return out
    end

    it("scores summarize batch's records against references by id", function()
      write(dir .. "/sys.jsonl", batch_output())
      local out, err, status = rouge("--format json --per-document " .. dir .. "/sys.jsonl " ..
                                     FIX .. "reference.jsonl")
      assert.equal("", err)
      assert.equal(0, status)
      local r = json(out)
      assert.equal(3, r.documents)
      -- each document scores as its summary, one sentence per line, against
      -- its references as files
      local refs = {}
      for line in slurp(FIX .. "reference.jsonl"):gmatch("[^\n]+") do
        local rec = json(line)
        refs[rec.id] = rec
      end
      local got = {}
      for _, d in ipairs(r.per_document) do got[d.id] = d end
      for k, doc in ipairs(DOCS) do
        local sys = dir .. "/sys" .. k .. ".txt"
        write(sys, (run("bin/summarize -n 3 " .. doc)))
        local files, rec = {}, refs[doc]
        local list = rec.references or { rec.summary or rec.sentences }
        for j, ref in ipairs(list) do
          files[j] = dir .. "/ref" .. k .. "-" .. j .. ".txt"
          write(files[j], type(ref) == "table" and table.concat(ref, "\n") or ref)
        end
        local want = score_files(sys, files)
        assert.equal(#list, got[doc].references)
        for _, m in ipairs(METRICS) do assert.same(want[m], got[doc][m], doc .. " " .. m) end
      end
      assert.equal("examples/harbour-bridge.txt", r.per_document[1].id)
      assert.equal("spec/fixtures/canal-report.txt", r.per_document[2].id)
    end)

    it("reads the system's records on standard input (-)", function()
      local from_file
      write(dir .. "/sys.jsonl", batch_output())
      from_file = rouge(dir .. "/sys.jsonl " .. FIX .. "reference.jsonl")
      local out, err, status = rouge("- " .. FIX .. "reference.jsonl", batch_output())
      assert.equal("", err)
      assert.equal(0, status)
      assert.equal(from_file, out)
      assert.matches("^3 documents, stemmed\n", out)
    end)

    it("leaves out a record of a failure, names it, and exits 1", function()
      local recs = batch_output() ..
        '{"id":"spec/fixtures/empty.txt","error":{"code":"EEMPTY","message":"no sentences to summarize"}}\n'
      write(dir .. "/sys.jsonl", recs)
      write(dir .. "/ref.jsonl", slurp(FIX .. "reference.jsonl") ..
            '{"id":"spec/fixtures/empty.txt","summary":"Nothing."}\n')
      local out, err, status = rouge(dir .. "/sys.jsonl " .. dir .. "/ref.jsonl")
      assert.equal(1, status)
      assert.equal("summarize: " .. dir .. "/sys.jsonl:4: id 'spec/fixtures/empty.txt' has no summary " ..
                   "(EEMPTY: no sentences to summarize), and is not scored\n", err)
      assert.matches("^3 documents", out)
    end)

    it("pairs records with numbers for ids, and folders with JSON Lines", function()
      write(dir .. "/sys.jsonl", '{"id": 7, "summary": "the cat sat on the mat"}\n' ..
                                 '{"id": "ferry", "sentences": [{"text": "The ferry runs twice a day\\nfrom the old pier."}]}\n')
      write(dir .. "/ref.jsonl", '\n{"id": "7", "summary": ["the cat lay on the red mat"]}\n')
      local out, err, status = rouge("--format json " .. dir .. "/sys.jsonl " .. dir .. "/ref.jsonl")
      assert.equal(1, status) -- "ferry" has no reference
      assert.equal("summarize: " .. dir .. "/sys.jsonl:2: 'ferry' has no reference, and is not scored\n", err)
      assert.same({ r = 0.71429, p = 0.83333, f = 0.76923 }, json(out).average.rouge_1)
      out, err, status = rouge(dir .. "/sys.jsonl " .. FIX .. "reference")
      assert.equal(1, status)
      assert.matches("^1 document, stemmed\n", out)
      assert.matches("'7' has no reference", err)
      assert.matches("'news/library' has no summary", err)
    end)
  end)

  describe("errors", function()
    local function fails(args, want, code)
      local out, err, status = rouge(args)
      assert.equal(code or 1, status)
      assert.equal("", out)
      assert.equal(want .. "\n", err)
    end

    it("names a file that cannot be read", function()
      fails(FIX .. "hand/system.txt " .. dir .. "/none.txt",
            "summarize: " .. dir .. "/none.txt: No such file or directory")
      fails(dir .. "/none.jsonl " .. FIX .. "reference.jsonl",
            "summarize: " .. dir .. "/none.jsonl: No such file or directory")
    end)

    it("gives the line and column of invalid UTF-8 and of a NUL byte", function()
      write(dir .. "/bad.txt", "the cat\nsat \255 on the mat\n")
      fails(dir .. "/bad.txt " .. FIX .. "hand/reference.txt",
            "summarize: " .. dir .. "/bad.txt:2:5: invalid UTF-8 (invalid byte) at byte offset 12")
      write(dir .. "/nul.txt", "the cat\0 sat\n")
      fails(FIX .. "hand/system.txt " .. dir .. "/nul.txt",
            "summarize: " .. dir .. "/nul.txt:1:8: invalid UTF-8 (a NUL byte) at byte offset 7")
      os.execute("mkdir " .. quote(dir .. "/s") .. " " .. quote(dir .. "/r"))
      write(dir .. "/s/a.txt", "fine\n")
      write(dir .. "/r/a.txt", "caf\195\n")
      fails(quote(dir .. "/s") .. " " .. quote(dir .. "/r"),
            "summarize: " .. dir .. "/r/a.txt:1:4: invalid UTF-8 (truncated sequence) at byte offset 3")
    end)

    it("gives the line of a bad JSON line, a record without an id, an id twice", function()
      local SYS = dir .. "/sys.jsonl "
      write(dir .. "/sys.jsonl", '{"id": "a", "summary": "x"}\n')
      write(dir .. "/ref.jsonl", '{"id": "a", "summary": "x"}\n{"id": "b", "summary": }\n')
      fails(SYS .. dir .. "/ref.jsonl",
            "summarize: " .. dir .. "/ref.jsonl:2:24: bad JSON: unexpected character")
      write(dir .. "/ref.jsonl", '{"id": "a", "summary": "x"}\n\n["not", "an", "object"]\n')
      fails(SYS .. dir .. "/ref.jsonl",
            "summarize: " .. dir .. "/ref.jsonl:3: a record is a JSON object")
      write(dir .. "/ref.jsonl", '{"summary": "x"}\n')
      fails(SYS .. dir .. "/ref.jsonl",
            "summarize: " .. dir .. "/ref.jsonl:1: a record needs an \"id\", a string or a number")
      write(dir .. "/ref.jsonl", '{"id": "a", "summary": "x"}\n{"id": "a", "summary": "y"}\n')
      fails(SYS .. dir .. "/ref.jsonl",
            "summarize: " .. dir .. "/ref.jsonl:2: id 'a' again (first at line 1)")
      write(dir .. "/ref.jsonl", '{"id": "a", "text": "x"}\n')
      fails(SYS .. dir .. "/ref.jsonl",
            "summarize: " .. dir .. "/ref.jsonl:1: a record needs \"summary\" or \"sentences\" (or \"references\")")
      write(dir .. "/ref.jsonl", '{"id": "a", "summary": 3}\n')
      fails(SYS .. dir .. "/ref.jsonl",
            "summarize: " .. dir .. "/ref.jsonl:1: \"summary\" is neither a string nor a list of sentences")
      write(dir .. "/ref.jsonl", '{"id": "a", "summary": "caf\195"}\n')
      fails(SYS .. dir .. "/ref.jsonl",
            "summarize: " .. dir .. "/ref.jsonl:1:28: invalid UTF-8 (truncated sequence) at byte offset 27 of the line")
    end)

    it("is a usage error, status 2, when the command line is wrong", function()
      fails(FIX .. "hand/system.txt",
            "summarize: 'rouge' needs a SYSTEM and at least one REFERENCE", 2)
      fails("--stemming " .. FIX .. "hand/system.txt " .. FIX .. "hand/reference.txt",
            "summarize: unknown option '--stemming' for 'rouge' (see summarize --help)", 2)
      fails("--format yaml " .. FIX .. "hand/system.txt " .. FIX .. "hand/reference.txt",
            "summarize: option '--format' expects 'text' or 'json', got 'yaml'", 2)
      fails(FIX .. "hand/system.txt " .. FIX .. "reference",
            "summarize: SYSTEM and REFERENCE are both files, or both collections (folders or " ..
            "JSON Lines): spec/fixtures/rouge/hand/system.txt and spec/fixtures/rouge/reference are not", 2)
    end)

    it("says what stemming needs when WordNet's lists are missing", function()
      local out, err, status = run("PRECIS_WORDNET=" .. quote(dir) .. " bin/summarize rouge " ..
                                   FIX .. "hand/system.txt " .. FIX .. "hand/reference.txt")
      assert.equal(1, status)
      assert.equal("", out)
      assert.matches("^summarize: no WordNet exception lists %(adj%.exc, adv%.exc, noun%.exc, verb%.exc%) in " ..
                     dir:gsub("%p", "%%%0") .. ": install the Debian package wordnet%-base", err)
      assert.matches("%(or score with %-%-no%-stem%)\n$", err)
      out, _, status = run("PRECIS_WORDNET=" .. quote(dir) .. " bin/summarize rouge --no-stem " ..
                           FIX .. "hand/system.txt " .. FIX .. "hand/reference.txt")
      assert.equal(0, status)
      assert.matches("ROUGE%-1    R 0%.71429", out)
    end)
  end)
end)

describe("precis.rouge", function()
  local rouge = require "precis.rouge"

  it("draws ROUGE-1.5.5's bootstrap the same way every time, around the mean", function()
    local scores, ids = {}, {}
    for k = 1, 20 do
      local v = (k % 7) / 10
      scores[k] = { rouge_1 = { r = v, p = v / 2, f = v / 3 } }
      ids[k] = string.format("doc%02d", k)
    end
    local a = rouge.bootstrap(scores, ids, 1000, 95)
    local b = rouge.bootstrap(scores, ids, 1000, 95)
    assert.same(a, b)
    local mean = rouge.average(scores).rouge_1
    assert.near(mean.r, a.rouge_1.r.mean, 0.02)
    assert.is_true(a.rouge_1.r.lo < mean.r and mean.r < a.rouge_1.r.hi)
    assert.is_true(a.rouge_1.p.lo <= a.rouge_1.p.mean and a.rouge_1.p.mean <= a.rouge_1.p.hi)
  end)
end)
