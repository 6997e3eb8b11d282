-- precis.core, the binding: types, lifecycle, misuse, result shape.
local core = require "precis.core"
local support = require "spec.support"

local function slurp(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

local ARTICLE = slurp("spec/fixtures/orchard.txt")

-- the message core.new raises for `opts`
local function new_error(opts)
  local ok, err = pcall(function()
    local s = core.new(opts) -- not a tail call: the error names 'new'
    return s
  end)
  assert.is_false(ok)
  -- raised at the caller's line, like any argument error
  local msg = err:match("^spec/core_spec%.lua:%d+: (.*)$")
  assert.is_string(msg, err)
  return msg
end

describe("precis.core", function()
  it("has a version that matches the C header's form", function()
    assert.matches("^%d+%.%d+%.%d+$", core._VERSION)
  end)

  it("lists its languages, english and none among them", function()
    local seen = {}
    for _, name in ipairs(core.languages()) do seen[name] = true end
    assert.is_true(seen.english)
    assert.is_true(seen.german)
  end)

  it("lists its language packs beside the names, in the same order", function()
    local names, packs = core.languages(), core.language_packs()
    assert.equal(#names, #packs)
    for k, p in ipairs(packs) do assert.equal(names[k], p.name) end
    local english
    for _, p in ipairs(packs) do if p.name == "english" then english = p end end
    assert.same({ name = "english", code = "en", stemmer = "english" }, english)
    assert.same({ name = "none", code = "" }, packs[#packs])
  end)

  it("names the libraries it is built on", function()
    local names = {}
    for k, d in ipairs(core.dependencies()) do
      names[k] = d.name
      assert.is_boolean(d.runtime)
      if d.runtime then assert.matches("^%d+%.%d+%.%d+", d.version) end
    end
    -- the library's, then the policy reader's
    assert.same({ "utf8proc", "md4c", "gumbo", "libstemmer", "libyaml" }, names)
  end)

  it("lists the scorers and selectors of the header", function()
    local names = core.scorers()
    table.sort(names)
    assert.same({ "centroid", "edmundson", "length", "lexrank", "lsa", "luhn",
                  "mead", "pacsum", "position", "query", "sumbasic",
                  "textrank", "title" }, names)
    assert.same({ "mmr", "sumbasic", "klsum", "submodular" }, core.selectors())
  end)

  describe("new", function()
    it("makes a precis.Summarizer, with or without options", function()
      local s = core.new()
      assert.equal("userdata", type(s))
      assert.matches("^precis%.Summarizer %(0x%x+%)$", tostring(s))
      assert.equal("precis.Summarizer", getmetatable(s).__name)
      s:close()
      s = core.new({ sentences = 2, language = "en", order = "score" })
      assert.equal("userdata", type(s))
      s:close()
    end)

    it("raises on unknown options and wrong types", function()
      assert.equal("bad argument #1 to 'new' (unknown option 'sentence')",
                   new_error({ sentence = 3 }))
      assert.equal("bad argument #1 to 'new' (option names must be strings)",
                   new_error({ 3 }))
      assert.equal("bad argument #1 to 'new' (option 'sentences' must be a number)",
                   new_error({ sentences = "3" }))
      assert.equal("bad argument #1 to 'new' (option 'language' must be a string)",
                   new_error({ language = 1 }))
      assert.equal("bad argument #1 to 'new' (option 'order' must be 'document', 'score' or 'date')",
                   new_error({ order = "best" }))
      assert.equal("bad argument #1 to 'new' (option 'invalid_utf8' must be 'error' or 'replace')",
                   new_error({ invalid_utf8 = "ignore" }))
      assert.equal("bad argument #1 to 'new' (option 'min_words' must be a non-negative integer)",
                   new_error({ min_words = -1 }))
      assert.equal("bad argument #1 to 'new' (option 'max_words' must be a non-negative integer)",
                   new_error({ max_words = 2.5 }))
      assert.equal("bad argument #1 to 'new' (option 'weights' must map scorer names to numbers)",
                   new_error({ weights = { lexrank = "1" } }))
      assert.equal("bad argument #1 to 'new' (option 'drop_lines' must be a list of strings)",
                   new_error({ drop_lines = "^Advert" }))
      assert.equal("bad argument #1 to 'new' (table expected, got string)",
                   new_error("sentences=3"))
    end)

    it("allows one length budget only", function()
      assert.equal("bad argument #1 to 'new' (options 'sentences' and 'words' cannot be combined)",
                   new_error({ sentences = 3, words = 50 }))
    end)

    it("raises with the core's message for values the core rejects", function()
      assert.equal("bad argument #1 to 'new' (unknown language 'klingon')",
                   new_error({ language = "klingon" }))
      assert.equal("bad argument #1 to 'new' (budget must be positive)",
                   new_error({ sentences = 0 }))
      assert.equal("bad argument #1 to 'new' (unknown scorer 'pagerank')",
                   new_error({ weights = { pagerank = 1 } }))
      assert.equal("bad argument #1 to 'new' (unknown parameter 'lexrank.dumping')",
                   new_error({ params = { ["lexrank.dumping"] = 0.5 } }))
      assert.matches("^bad argument #1 to 'new' %(bad pattern '%(': .+%)$",
                     new_error({ drop_lines = { "(" } }))
    end)
  end)

  describe("a summarizer", function()
    it("closes idempotently and says so", function()
      local s = core.new()
      s:close()
      s:close()
      assert.equal("precis.Summarizer (closed)", tostring(s))
      assert.has_error(function() s:summarize(ARTICLE) end,
                       "attempt to use a closed precis.Summarizer")
      assert.has_error(function() s:segment(ARTICLE) end,
                       "attempt to use a closed precis.Summarizer")
    end)

    it("is closed at the end of a <close> scope (Lua 5.4)", function()
      if _VERSION ~= "Lua 5.4" then return end -- the syntax is 5.4's
      local scope = assert((loadstring or load)([[
        local core, article = ...
        local kept
        do
          local s <close> = core.new()
          kept = s
          assert(s:summarize(article))
        end
        return kept]]))
      assert.equal("precis.Summarizer (closed)", tostring(scope(core, ARTICLE)))
    end)

    it("survives garbage collection of dropped handles and results", function()
      for _ = 1, 20 do
        local s = core.new({ sentences = 1 })
        s:summarize(ARTICLE)
      end
      collectgarbage()
      collectgarbage()
      assert.truthy(core.new():summarize(ARTICLE))
    end)

    it("keeps its inputs alive while the collector runs all the time", function()
      local followup = slurp("spec/fixtures/orchard-followup.txt")
      local restore = support.collect_all_the_time()
      local ok, err = pcall(function()
        local s = core.new()
        for _ = 1, 10 do -- enough churn for freed memory to be reused
          local docs = { ARTICLE:sub(1), { text = followup:sub(1), name = "b" },
                         followup:sub(1), { text = ARTICLE:sub(1) } }
          local r = assert(s:summarize(docs))
          for _, u in ipairs(r.units) do
            local d = docs[u.doc]
            local text = type(d) == "table" and d.text or d
            assert.equal(text:sub(u.i, u.j), u.text)
          end
        end
        s:close()
      end)
      restore()
      assert(ok, err)
    end)

    it("rejects documents it cannot read, naming the argument", function()
      local s = core.new()
      finally(function() s:close() end)
      assert.has_error(function() s:summarize(42) end,
                       "bad argument #1 to 'summarize' (string or table expected, got number)")
      assert.has_error(function() s:summarize({}) end,
                       "bad argument #1 to 'summarize' (no documents)")
      assert.has_error(function() s:summarize({ ARTICLE, { name = "b" } }) end,
                       "bad argument #1 to 'summarize' (document 2 has no string field 'text')")
      assert.has_error(function() s:segment({ ARTICLE, true }) end,
                       "bad argument #1 to 'segment' (document 2 must be a string or a table)")
      assert.has_error(function() s:summarize({ { text = ARTICLE, name = 1 } }) end,
                       "bad argument #1 to 'summarize' (field 'name' of document 1 must be a string)")
    end)
  end)

  describe("results", function()
    local s, r
    setup(function()
      s = core.new()
      r = assert(s:summarize({ { text = ARTICLE, name = "orchard.txt" } }))
    end)
    teardown(function() s:close() end)

    it("name the language, the documents and the scorers", function()
      assert.equal("english", r.language)
      assert.same({ { name = "orchard.txt" } }, r.documents)
      assert.is_true(#r.scorers > 0)
      for _, sc in ipairs(r.scorers) do
        assert.equal("string", type(sc.name))
        assert.is_true(sc.weight > 0)
      end
    end)

    it("hold every unit with 1-based positions that slice the text", function()
      local last_j = 0
      for k, u in ipairs(r.units) do
        assert.equal(1, u.doc)
        assert.equal(k, u.index)
        assert.is_true(u.i > last_j, "units overlap at " .. k)
        assert.equal(ARTICLE:sub(u.i, u.j), u.text)
        last_j = u.j
      end
      assert.is_true(last_j <= #ARTICLE)
    end)

    it("classify the title line and the heading", function()
      assert.equal("title", r.units[1].kind)
      assert.equal("Valley growers turn to night picking as heat wave scorches apple harvest",
                   r.units[1].text)
      local heading
      for _, u in ipairs(r.units) do
        if u.text == "Prices and exports" then heading = u end
      end
      assert.equal("heading", heading and heading.kind)
    end)

    it("list the selected units, best three by default, in document order", function()
      assert.equal(3, #r.sentences)
      local selected = 0
      for _, u in ipairs(r.units) do
        if u.selected then selected = selected + 1 end
      end
      assert.equal(3, selected)
      for k, u in ipairs(r.sentences) do
        assert.is_true(u.selected)
        assert.equal("sentence", u.kind)
        assert.equal(r.units[u.index], u) -- the same table
        if k > 1 then assert.is_true(u.index > r.sentences[k - 1].index) end
      end
    end)

    it("score and rank every candidate with each scorer's value", function()
      local ranks = {}
      for _, u in ipairs(r.units) do
        if u.kind == "sentence" then
          assert.is_true(u.score >= 0 and u.score <= 1)
          assert.is_true(u.rank >= 1)
          ranks[#ranks + 1] = u.rank
          for _, sc in ipairs(r.scorers) do
            local v = u.scores[sc.name]
            assert.is_true(v >= 0 and v <= 1, sc.name)
          end
        else
          assert.equal(0, u.rank)
          assert.is_false(u.selected)
        end
      end
      table.sort(ranks)
      for k, rank in ipairs(ranks) do assert.equal(k, rank) end
      -- the summary holds the best-ranked sentences (redundancy aside, the
      -- best one is always in)
      local best
      for _, u in ipairs(r.units) do if u.rank == 1 then best = u end end
      assert.is_true(best.selected)
    end)
  end)

  it("can leave the units out of a summary, to save memory", function()
    local s = core.new({ sentences = 2 })
    finally(function() s:close() end)
    local full = assert(s:summarize(ARTICLE))
    local lean = assert(s:summarize(ARTICLE, { units = false }))
    assert.is_nil(lean.units)
    assert.same(full.sentences, lean.sentences)
    assert.same(full.scorers, lean.scorers)
    assert.same(full, assert(s:summarize(ARTICLE, { units = true })))
    assert.has_error(function() s:summarize(ARTICLE, { unit = false }) end,
                     "bad argument #2 to 'summarize' (unknown option 'unit')")
  end)

  describe("options reach the core", function()
    it("weights choose the scorers", function()
      local s = core.new({ weights = { lexrank = 2 } })
      finally(function() s:close() end)
      local r = assert(s:summarize(ARTICLE))
      assert.same({ { name = "lexrank", weight = 2 } }, r.scorers)
      for _, u in ipairs(r.units) do
        local names = {}
        for name in pairs(u.scores) do names[#names + 1] = name end
        assert.same(u.kind == "sentence" and { "lexrank" } or names, names)
      end
    end)

    it("order = 'score' puts the best first", function()
      local s = core.new({ order = "score", sentences = 4 })
      finally(function() s:close() end)
      local r = assert(s:summarize(ARTICLE))
      for k = 2, #r.sentences do
        assert.is_true(r.sentences[k].rank > r.sentences[k - 1].rank)
      end
    end)

    it("min_words keeps short sentences out of the summary", function()
      local s = core.new({ min_words = 25, sentences = 10 })
      finally(function() s:close() end)
      local r = assert(s:summarize(ARTICLE))
      assert.is_true(#r.sentences > 0)
      for _, u in ipairs(r.sentences) do assert.is_true(u.words >= 25) end
    end)

    it("drop_lines drops matching lines with rule 'drop_lines'", function()
      local s = core.new({ drop_lines = { "^Prices and exports$" } })
      finally(function() s:close() end)
      local r = assert(s:segment(ARTICLE))
      local dropped = {}
      for _, u in ipairs(r.units) do
        if u.kind == "dropped" then dropped[#dropped + 1] = u end
      end
      assert.equal(1, #dropped)
      assert.equal("Prices and exports", dropped[1].text)
      assert.equal("drop_lines", dropped[1].rule)
    end)
  end)

  describe("data failures return nil, message, code", function()
    it("for invalid UTF-8, with name, line, column and byte offset", function()
      local s = core.new()
      finally(function() s:close() end)
      local text = "First line of text here.\nAnd a bad \255 byte."
      local r, msg, code = s:summarize({ { text = text, name = "bad.txt" } })
      assert.is_nil(r)
      assert.equal("EUTF8", code)
      assert.equal("bad.txt:2:11: invalid UTF-8 (invalid byte) at byte offset 35", msg)
    end)

    it("for input without a sentence", function()
      local s = core.new()
      finally(function() s:close() end)
      local r, msg, code = s:summarize({ { text = " \n\n ", name = "blank.txt" } })
      assert.is_nil(r)
      assert.equal("EEMPTY", code)
      assert.equal("blank.txt: no sentences to summarize", msg)
    end)

    it("but segment accepts empty input", function()
      local s = core.new()
      finally(function() s:close() end)
      local r = assert(s:segment(""))
      assert.same({}, r.units)
      assert.same({}, r.sentences)
    end)
  end)
end)
