-- precis, the façade: options, budgets, determinism, offsets, UTF-8.
local precis = require "precis"
local utf8len = require("precis.compat").utf8len

local function slurp(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

local ARTICLE = slurp("spec/fixtures/orchard.txt")
local FOLLOWUP = slurp("spec/fixtures/orchard-followup.txt")

local function count_kind(r, kind)
  local n = 0
  for _, u in ipairs(r.units) do if u.kind == kind then n = n + 1 end end
  return n
end

local function sum(list, field)
  local n = 0
  for _, u in ipairs(list) do n = n + u[field] end
  return n
end

-- the error `f` raises
local function raised(f)
  local ok, err = pcall(f)
  assert.is_false(ok)
  return err
end

describe("precis", function()
  it("exposes the version, the methods, languages and scorers", function()
    assert.matches("^%d+%.%d+%.%d+$", precis._VERSION)
    assert.same({ "centroid", "default", "edmundson", "klsum", "lead",
                  "length", "lexrank", "lsa", "luhn", "mead", "pacsum",
                  "position", "submodular", "sumbasic", "textrank", "title" },
                precis.methods)
    assert.same(require("precis.core").languages(), precis.languages())
    assert.equal(13, #precis.scorers())
  end)

  describe("budgets", function()
    it("counts sentences", function()
      for n = 1, 5 do
        local r = assert(precis.summarize(ARTICLE, { sentences = n }))
        assert.equal(n, #r.sentences)
      end
    end)

    it("counts words, in whole sentences", function()
      local r = assert(precis.summarize(ARTICLE, { words = 60 }))
      assert.is_true(#r.sentences >= 1)
      assert.is_true(sum(r.sentences, "words") <= 60)
      local more = assert(precis.summarize(ARTICLE, { words = 150 }))
      assert.is_true(#more.sentences > #r.sentences)
      assert.is_true(sum(more.sentences, "words") <= 150)
    end)

    it("counts characters", function()
      local r = assert(precis.summarize(ARTICLE, { chars = 400 }))
      assert.is_true(#r.sentences >= 1)
      assert.is_true(sum(r.sentences, "chars") <= 400)
      for _, u in ipairs(r.sentences) do
        assert.equal(utf8len(u.text), u.chars)
      end
    end)

    it("still selects the best sentence when none fits", function()
      local r = assert(precis.summarize(ARTICLE, { words = 1 }))
      assert.equal(1, #r.sentences)
      assert.equal(1, r.sentences[1].rank)
    end)

    it("takes a ratio of the sentences", function()
      local all = count_kind(assert(precis.segment(ARTICLE)), "sentence")
      local half = assert(precis.summarize(ARTICLE, { ratio = 0.5 }))
      assert.is_true(math.abs(#half.sentences - all / 2) <= 1)
      local whole = assert(precis.summarize(ARTICLE, { ratio = 1,
                                                       params = { ["redundancy.lambda"] = 1 } }))
      assert.is_true(#whole.sentences > #half.sentences)
    end)
  end)

  it("gives the same result every time", function()
    local a = assert(precis.summarize({ ARTICLE, FOLLOWUP }, { sentences = 4 }))
    local b = assert(precis.summarize({ ARTICLE, FOLLOWUP }, { sentences = 4 }))
    assert.same(a, b)
    local s = precis.new({ sentences = 4 })
    finally(function() s:close() end)
    assert.same(a, assert(s:summarize({ ARTICLE, FOLLOWUP })))
    assert.same(a, assert(s:summarize({ ARTICLE, FOLLOWUP })))
  end)

  it("gives offsets that slice the original text exactly", function()
    local text = "Caf\195\169 owners  meet\tthe mayor.\r\nThey ask for help with rent, " ..
                 "which has doubled.\n\n\226\128\156We cannot last,\226\128\157 one said."
    local r = assert(precis.summarize(text, { sentences = 3, min_words = 1 }))
    assert.is_true(#r.units >= 3)
    for _, u in ipairs(r.units) do
      assert.equal(text:sub(u.i, u.j), u.text)
    end
  end)

  it("keeps NUL bytes inside the text", function()
    local text = "The first sentence has a \0 byte inside it. The second " ..
                 "sentence is plain and long enough. A third one follows here."
    local r = assert(precis.summarize(text, { sentences = 3, min_words = 1 }))
    local found = false
    for _, u in ipairs(r.units) do
      assert.equal(text:sub(u.i, u.j), u.text)
      if u.text:find("\0", 1, true) then found = true end
    end
    assert.is_true(found)
  end)

  describe("several documents", function()
    it("compete for one summary and say where each sentence came from", function()
      local r = assert(precis.summarize({
        { text = ARTICLE, name = "a.txt" }, { text = FOLLOWUP, name = "b.txt" },
      }, { sentences = 6 }))
      assert.same({ { name = "a.txt" }, { name = "b.txt" } }, r.documents)
      local texts, docs = { ARTICLE, FOLLOWUP }, {}
      for _, u in ipairs(r.units) do
        assert.equal(texts[u.doc]:sub(u.i, u.j), u.text)
        docs[u.doc] = true
      end
      assert.is_true(docs[1] and docs[2])
      -- indexes restart in each document
      local first_of_b
      for _, u in ipairs(r.units) do
        if u.doc == 2 then first_of_b = first_of_b or u end
      end
      assert.equal(1, first_of_b.index)
      -- document order: a's sentences before b's
      for k = 2, #r.sentences do
        local p, q = r.sentences[k - 1], r.sentences[k]
        assert.is_true(p.doc < q.doc or (p.doc == q.doc and p.index < q.index))
      end
    end)

    it("accept plain strings, without names", function()
      local r = assert(precis.summarize({ ARTICLE, FOLLOWUP }))
      assert.same({ {}, {} }, r.documents)
    end)
  end)

  describe("UTF-8", function()
    local bad = "Growers met on Monday.\nThe price fell to \226\130 cents a kilo today."

    it("returns nil, a message with position and byte offset, and EUTF8", function()
      local r, msg, code = precis.summarize({ { text = bad, name = "bad.txt" } })
      assert.is_nil(r)
      assert.equal("EUTF8", code)
      assert.equal("bad.txt:2:19: invalid UTF-8 (truncated sequence) at byte offset 41", msg)
      assert.equal("\226", bad:sub(42, 42))
    end)

    it("names the offending document among several", function()
      local r, msg, code = precis.summarize({
        { text = ARTICLE, name = "good.txt" }, { text = bad, name = "bad.txt" } })
      assert.is_nil(r)
      assert.equal("EUTF8", code)
      assert.matches("^bad%.txt:2:19: ", msg)
    end)

    it("can read bad bytes as U+FFFD and still slice the original", function()
      local r = assert(precis.summarize(bad, { invalid_utf8 = "replace",
                                               min_words = 1 }))
      local hit
      for _, u in ipairs(r.units) do
        assert.equal(bad:sub(u.i, u.j), u.text)
        if u.text:find("\226\130", 1, true) then hit = u end
      end
      assert.truthy(hit, "no unit holds the bad bytes")
    end)
  end)

  it("returns nil, a message and EEMPTY when there is nothing to summarize", function()
    for _, text in ipairs({ "", "   \n\n\t", "\n" }) do
      local r, msg, code = precis.summarize(text)
      assert.is_nil(r)
      assert.equal("EEMPTY", code)
      assert.equal("no sentences to summarize", msg)
    end
  end)

  describe("options", function()
    it("blame the caller for unknown options", function()
      assert.matches("precis_spec%.lua:%d+: unknown option 'sentence'$",
                     raised(function()
                       local r = precis.summarize(ARTICLE, { sentence = 2 })
                       return r
                     end))
      local err = raised(function()
        local s = precis.new({ wieghts = {} })
        return s
      end)
      assert.matches("precis_spec%.lua:%d+: unknown option 'wieghts'$", err)
    end)

    it("turn the core's complaints into the caller's error", function()
      local err = raised(function()
        local s = precis.new({ sentences = 2.5 })
        return s
      end)
      assert.matches("precis_spec%.lua:%d+: budget must be a whole number$", err)
      err = raised(function()
        local s = precis.new({ language = "klingon" })
        return s
      end)
      assert.matches("precis_spec%.lua:%d+: unknown language 'klingon'$", err)
    end)

    it("reject input that is neither text nor a list", function()
      assert.matches("precis_spec%.lua:%d+: bad argument #1 to 'summarize' %(string or table expected, got nil%)$",
                     raised(function()
                       local r = precis.summarize(nil)
                       return r
                     end))
    end)

    it("select a method's scorers", function()
      local r = assert(precis.summarize(ARTICLE, { method = "textrank" }))
      assert.same({ { name = "textrank", weight = 1 } }, r.scorers)
      r = assert(precis.summarize(ARTICLE, { method = "lead", sentences = 2 }))
      assert.same({ { name = "position", weight = 1 } }, r.scorers)
      -- lead-2: the first two sentences of the article
      assert.equal(1, r.sentences[1].rank)
      assert.is_true(r.sentences[1].index < r.sentences[2].index)
      local d = assert(precis.summarize(ARTICLE, { method = "default" }))
      assert.is_true(#d.scorers > 1)
      assert.matches("precis_spec%.lua:%d+: unknown method 'best'$",
                     raised(function()
                       local x = precis.summarize(ARTICLE, { method = "best" })
                       return x
                     end))
    end)

    it("let weights override the method", function()
      local r = assert(precis.summarize(ARTICLE, {
        method = "textrank", weights = { luhn = 1, title = 0.5 } }))
      table.sort(r.scorers, function(a, b) return a.name < b.name end)
      assert.same({ { name = "luhn", weight = 1 }, { name = "title", weight = 0.5 } },
                  r.scorers)
    end)
  end)

  it("segments without scoring", function()
    local r = assert(precis.segment({ ARTICLE, FOLLOWUP }))
    assert.same({}, r.sentences)
    assert.equal("title", r.units[1].kind)
    for _, u in ipairs(r.units) do assert.is_false(u.selected) end
  end)
end)
