-- The summarize command, run as a user would: bin/summarize in the checkout.
local precis = require "precis"
local dkjson = require "dkjson" -- decoding only
local support = require "spec.support"
local utf8len = require("precis.compat").utf8len

local A = "spec/fixtures/orchard.txt"
local B = "spec/fixtures/orchard-followup.txt"

local slurp, spit = support.slurp, support.spit

local function quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

local temps = {}
local function tempfile(data)
  local path = os.tmpname()
  temps[#temps + 1] = path
  if data then spit(path, data) end
  return path
end

-- Runs bin/summarize with `args` (a list), optional stdin text; returns
-- stdout, stderr, exit status.
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

local function oneline(s)
  return (s:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

teardown(function()
  for _, path in ipairs(temps) do os.remove(path) end
end)

describe("summarize", function()
  it("prints three sentences of the file, one per line, by default", function()
    local out, err, status = summarize({ A })
    assert.equal(0, status)
    assert.equal("", err)
    local got = lines(out)
    assert.equal(3, #got)
    local r = assert(precis.summarize(slurp(A)))
    for k, u in ipairs(r.sentences) do assert.equal(oneline(u.text), got[k]) end
    assert.equal(out, table.concat(got, "\n") .. "\n") -- nothing else
  end)

  it("collapses line breaks inside a sentence", function()
    local text = "Night picking\n\nThe growers began picking at night\nafter a " ..
                 "week of record heat in the valley.\nThey hope the heat ends soon.\n"
    local out, _, status = summarize({ "-n", "1", "--order", "document",
                                       tempfile(text) })
    assert.equal(0, status)
    assert.not_matches("\n.", out)
    assert.matches("^%S.*%S\n$", out)
  end)

  it("takes -n N, -nN and --sentences=N alike", function()
    local a = summarize({ "-n", "2", A })
    assert.equal(2, #lines(a))
    assert.equal(a, (summarize({ "-n2", A })))
    assert.equal(a, (summarize({ "--sentences=2", A })))
    assert.equal(a, (summarize({ "--sentences", "2", A })))
    assert.equal(5, #lines((summarize({ A, "-n", "5" }))))
  end)

  it("takes word, character and ratio budgets", function()
    local out = summarize({ "-w", "40", A })
    local words = select(2, out:gsub("%S+", ""))
    assert.is_true(#lines(out) >= 1 and words <= 40)
    out = summarize({ "--chars=300", A })
    assert.is_true(#lines(out) >= 1)
    assert.is_true(utf8len(out) - #lines(out) <= 300)
    assert.is_true(#lines((summarize({ "-r", "0.6", A }))) > 3)
  end)

  it("reads standard input when there is no file or the file is -", function()
    local from_file = summarize({ "-n", "2", A })
    local out, err, status = summarize({ "-n", "2" }, slurp(A))
    assert.equal(0, status)
    assert.equal("", err)
    assert.equal(from_file, out)
    assert.equal(from_file, (summarize({ "-n", "2", "-" }, slurp(A))))
  end)

  describe("--format json", function()
    it("writes one object, keys in a fixed order, offsets into the file", function()
      local out, err, status = summarize({ "--format", "json", "-n", "3", A })
      assert.equal(0, status)
      assert.equal("", err)
      assert.matches('^{"documents":%[{"name":"spec/fixtures/orchard%.txt"}%],' ..
                     '"language":"english","sentences":%[{"doc":0,"index":%d+,' ..
                     '"start":%d+,"end":%d+,"text":".-","score":[-0-9.e]+,"rank":%d+,' ..
                     '"selected":true,"scores":{"', out)
      assert.equal("\n", out:sub(-1))
      local doc = assert(dkjson.decode(out))
      local text = slurp(A)
      assert.equal(3, #doc.sentences)
      for _, s in ipairs(doc.sentences) do
        assert.equal(0, s.doc)
        assert.equal(text:sub(s.start + 1, s["end"]), s.text)
        assert.is_true(s.rank >= 1 and s.score > 0 and s.score <= 1)
      end
      -- the same output every run
      assert.equal(out, (summarize({ "--format", "json", "-n", "3", A })))
    end)

    it("lists every unit with --explain", function()
      local out = summarize({ "--format=json", "--explain", A })
      local doc = assert(dkjson.decode(out))
      local r = assert(precis.segment(slurp(A)))
      assert.equal(#r.units, #doc.units)
      assert.equal("title", doc.units[1].kind)
      assert.is_true(#doc.scorers > 0)
      assert.equal(0, doc.units[1].index)
    end)

    it("says <stdin> for standard input", function()
      local doc = dkjson.decode((summarize({ "--format", "json" }, slurp(A))))
      assert.same({ { name = "<stdin>" } }, doc.documents)
    end)
  end)

  it("makes one summary of several files", function()
    local out, err, status = summarize({ "--format", "json", "-n", "6", A, B })
    assert.equal(0, status)
    assert.equal("", err)
    local doc = assert(dkjson.decode(out))
    assert.same({ { name = A }, { name = B } }, doc.documents)
    local texts, seen = { [0] = slurp(A), slurp(B) }, {}
    for _, s in ipairs(doc.sentences) do
      assert.equal(texts[s.doc]:sub(s.start + 1, s["end"]), s.text)
      seen[s.doc] = true
    end
    assert.is_true(seen[0] and seen[1])
  end)

  it("explains the ranking after the summary with --explain", function()
    local out, _, status = summarize({ "--explain", "-n", "2", A })
    assert.equal(0, status)
    local got = lines(out)
    assert.equal("", got[3])
    assert.matches("^rank  sel  score  ", got[4])
    local r = assert(precis.summarize(slurp(A), { sentences = 2 }))
    local candidates = 0
    local dropped = 0
    for _, u in ipairs(r.units) do
      if u.rank > 0 then candidates = candidates + 1 end
      if u.kind == "dropped" then dropped = dropped + 1 end
    end
    -- after the table, a blank line, the language and each dropped unit
    assert.equal(4 + candidates + 2 + dropped, #got)
    assert.equal("language: english", got[4 + candidates + 2])
    assert.matches("^   1    %* ", got[5]) -- the best sentence, selected
  end)

  describe("split", function()
    it("prints the lines (split_lines, in C) the units' texts make one by one", function()
      -- split's lines are built in C (split_lines); they must be what the
      -- units of segment() give through cli.shown, byte for byte
      local cli = require "precis.cli"
      local text = "  Hello \t world.\r\n\r\nSecond\tpara\v here.  \255\254 bad \237\160\128 sur" ..
                   " \226\130x end. Dr. Smith went home.\n\n   \n- item one\n- item two\n\n" ..
                   "\194\160Non-breaking start.\n\nThanks,\nJo\n"
      local s = assert(precis.new({ invalid_utf8 = "replace" }))
      local want = {}
      for _, u in ipairs(assert(s:segment({ text })).units) do
        if u.kind ~= "dropped" then want[#want + 1] = cli.shown(u) .. "\n" end
      end
      s:close()
      assert.is_true(#want > 5)
      local out, err, status = summarize({ "split", "--invalid-utf8", "replace" }, text)
      assert.equal(0, status)
      assert.equal("", err)
      assert.equal(table.concat(want), out)
    end)

    it("keeps the dash that opens a line of speech, and a list's bullet", function()
      local out = summarize({ "split", "--language", "swedish" },
        "Hon kom hem sent.\n\n\226\128\147 Vi kan inte v\195\164nta l\195\164ngre, s\195\164ger hon." ..
        "\n\n- Bussar g\195\165r ofta\n- F\195\164rjor g\195\165r ofta\n")
      assert.matches("\n\226\128\147 Vi kan inte", out, 1, true)
      assert.matches("\n- Bussar g\195\165r ofta\n", out, 1, true)
    end)
    it("keeps every piece of text: greetings, sign-offs, dates, separators, markers", function()
      local text = "Hello Louise,\n\n14 November 2023\n\nThe ferry will be late on Monday. " ..
                   "The crew is on strike.\n\n****************\n\n1) The first item\n" ..
                   "2) The second item\n\nThanks,\nJo\n"
      local out, err, status = summarize({ "split" }, text)
      assert.equal(0, status)
      assert.equal("", err)
      assert.equal("Hello Louise,\n14 November 2023\nThe ferry will be late on Monday.\n" ..
                   "The crew is on strike.\n****************\n1) The first item\n" ..
                   "2) The second item\nThanks,\nJo\n", out)
      -- JSON says which are fragments, and by which rule
      local units = dkjson.decode((summarize({ "split", "--format", "json" }, text))).units
      local kinds = {}
      for k, u in ipairs(units) do kinds[k] = u.kind .. (u.rule and ":" .. u.rule or "") end
      assert.same({ "fragment:salutation", "fragment:dateline", "sentence", "sentence",
                    "fragment:separator", "sentence", "sentence", "fragment:salutation",
                    "fragment:salutation" }, kinds)
      -- and a summary takes none of them
      out = summarize({ "-n", "9", "--min-words", "1" }, text)
      assert.equal("The ferry will be late on Monday.\nThe crew is on strike.\n" ..
                   "The first item\nThe second item\n", out)
    end)
    it("splits an e-mail whose lines were joined where its lines were", function()
      local text = "Ann Lee 03/14/2022 09:05 AM Dear all, The ferry to the island leaves " ..
                   "at noon on Monday. The crew asks everyone to be on time. Write to " ..
                   "ann@example.org or call. Kind regards, Ann Lee\n"
      local out, err, status = summarize({ "split" }, text)
      assert.equal(0, status)
      assert.equal("", err)
      assert.equal("Ann Lee\n03/14/2022 09:05 AM\nDear all,\n" ..
                   "The ferry to the island leaves at noon on Monday.\n" ..
                   "The crew asks everyone to be on time.\n" ..
                   "Write to ann@example.org or call.\nKind regards,\nAnn Lee\n", out)
      local units = dkjson.decode((summarize({ "split", "--format", "json" }, text))).units
      local kinds = {}
      for k, u in ipairs(units) do kinds[k] = u.kind .. (u.rule and ":" .. u.rule or "") end
      assert.same({ "fragment:dateline", "fragment:dateline", "fragment:salutation", "sentence",
                    "sentence", "sentence", "fragment:salutation", "fragment:salutation" }, kinds)
      out = summarize({ "-n", "9", "--min-words", "1" }, text)
      assert.equal("The ferry to the island leaves at noon on Monday.\n" ..
                   "The crew asks everyone to be on time.\nWrite to ann@example.org or call.\n", out)
    end)
    it("leaves boilerplate out", function()
      local out = summarize({ "split" }, "Skip to main content\nHome | News | Sport\n\n" ..
                            "The ferry will be late on Monday.\n\nAdvertisement\n")
      assert.equal("The ferry will be late on Monday.\n", out)
    end)
    it("prints every sentence, title and heading", function()
      local out, err, status = summarize({ "split", A })
      assert.equal(0, status)
      assert.equal("", err)
      local got = lines(out)
      local r = assert(precis.segment(slurp(A)))
      assert.equal(#r.units, #got)
      for k, u in ipairs(r.units) do assert.equal(oneline(u.text), got[k]) end
      assert.equal("Valley growers turn to night picking as heat wave scorches apple harvest",
                   got[1])
    end)

    it("leaves dropped lines out", function()
      local got = lines((summarize({ "split", "--drop-lines", "^Prices", A })))
      local all = lines((summarize({ "split", A })))
      assert.equal(#all - 1, #got)
      for _, line in ipairs(got) do assert.not_equal("Prices and exports", line) end
    end)

    it("ends in one line on a drop pattern too large or backtracking without bound", function()
      -- glibc's regcomp took 1.5 GB/s on the first; the second takes 2^n steps
      local out, err, status = summarize({ "--drop-lines",
        "((((a{1,100}){1,100}){1,100}){1,100})", A })
      assert.same({ "", "summarize: bad pattern '((((a{1,100}){1,100}){1,100}){1,100})': " ..
                        "regular expression is too large at offset 37\n", 2 }, { out, err, status })
      local path = tempfile("A line of text comes first here.\n" .. ("a"):rep(3000) .. "b\n")
      out, err, status = summarize({ "--drop-lines", "(a+)+$", path })
      assert.same({ "", "summarize: " .. path .. ": drop pattern '(a+)+$' reached its match " ..
                        "limit (steps) on a line at byte offset 33\n", 1 }, { out, err, status })
    end)

    it("writes the JSON (split_lines, in C) the units make through precis.json", function()
      -- split's JSON is built in C; it must be what the JSON encoder makes of
      -- the units of segment(), byte for byte: escapes, U+FFFD, U+2028,
      -- plain text beside the markup, a document's name, date and encoding
      local json = require "precis.json"
      local function reference(opts, docs)
        local s = assert(precis.new(opts))
        local r = assert(s:segment(docs))
        local got = assert(s:split_lines(docs, "json"))
        s:close()
        local units = json.array()
        for _, u in ipairs(r.units) do
          if u.kind ~= "dropped" then
            local text = u.decoded or u.text
            units[#units + 1] = json.object({ "doc", "index", "start", "end", "kind", "rule",
                                              "text", "plain" }, {
              doc = u.doc - 1, index = u.index - 1, start = u.i - 1, ["end"] = u.j,
              kind = u.kind, rule = u.rule, text = text,
              plain = u.plain ~= text and u.plain or nil })
          end
        end
        local documents = json.array()
        for k, d in ipairs(r.documents) do
          documents[k] = json.object({ "name", "date", "encoding" }, d)
        end
        return json.encode(json.object({ "documents", "language", "units" },
          { documents = documents, language = r.language, units = units })), got
      end
      local nasty = "Dated 14 November 2023.\n\nA \"quoted\" back\\slash\tand tab.\r\n" ..
                    "Bell \7 and del \127 and \0 nul. Bad \255 byte and \237\160\128 sur.\n\n" ..
                    "Line\226\128\168sep and para\226\128\169sep here. Caf\195\169 \226\130\172 ok." ..
                    "\n\nThanks,\nJo\n\nFishing news at https://example.org/nets today.\n"
      local want, got = reference({ invalid_utf8 = "replace" },
        { { text = nasty, name = "a \"name\"\tb" }, { text = "Ferry Strike\n\nNovember 6, 2023\n\nCrews walked out. Boats stayed in." } })
      assert.matches('"date":"2023-11-06"', want, 1, true)
      assert.matches("\\u2028", want, 1, true)
      assert.matches("\\u0000", want, 1, true)
      assert.matches('"rule":', want, 1, true)
      assert.equal(want, got)
      local html = "<html><head><meta charset=\"windows-1252\"><title>T &amp; U</title></head>" ..
                   "<body><nav><a href=/>Home</a> <a href=/b>News</a></nav><p>Fish <b>rose</b> " ..
                   "&lt;again&gt; at the caf\233. Nets were torn.</p><ul><li>One net</li></ul>" ..
                   "</body></html>"
      want, got = reference({ input = "html" }, { html })
      assert.matches('"plain":', want, 1, true) -- markup removed
      assert.matches('"encoding":"windows-1252"', want, 1, true)
      assert.equal(want, got)
      want, got = reference({ encoding = "iso-8859-1" }, { "Le caf\233 ferme \224 midi. Il rouvre." })
      assert.matches('"encoding":"windows-1252"', want, 1, true) -- as browsers read it
      assert.equal(want, got)
      -- the command writes it with a line feed
      local path = tempfile(nasty)
      local out, err, status = summarize({ "split", "--format", "json", "--invalid-utf8",
                                           "replace", path })
      assert.same({ "", 0 }, { err, status })
      want = reference({ invalid_utf8 = "replace" }, { { text = nasty, name = path } })
      assert.equal(want .. "\n", out)
    end)

    it("writes units as JSON", function()
      local doc = dkjson.decode((summarize({ "split", "--format", "json", A })))
      local text = slurp(A)
      assert.equal("title", doc.units[1].kind)
      for _, u in ipairs(doc.units) do
        assert.equal(text:sub(u.start + 1, u["end"]), u.text)
      end
    end)
  end)

  describe("bad input", function()
    local HINT = "; name its encoding with --encoding NAME, or read bad bytes as U+FFFD " ..
                 "with --invalid-utf8 replace\n"

    it("reports invalid UTF-8 on one line with position and byte offset", function()
      local path = tempfile("Growers met on Monday.\nThe price fell to \226\130 cents.\n")
      local out, err, status = summarize({ path })
      assert.equal(1, status)
      assert.equal("", out)
      assert.equal("summarize: " .. path ..
                   ":2:19: invalid UTF-8 (truncated sequence) at byte offset 41" .. HINT, err)
    end)

    it("says <stdin> for standard input", function()
      local _, err, status = summarize({}, "Bad \255 byte here.")
      assert.equal(1, status)
      assert.equal("summarize: <stdin>:1:5: invalid UTF-8 (invalid byte) at byte offset 4" .. HINT,
                   err)
    end)

    it("can replace invalid UTF-8 instead", function()
      local path = tempfile("Growers met on Monday to talk.\nThe price fell to \226\130 cents a kilo.\n")
      local out, err, status = summarize({ "--invalid-utf8", "replace", "-n", "5",
                                           "--min-words", "1", path })
      assert.equal(0, status)
      assert.equal("", err)
      assert.truthy(utf8len(out))
      assert.truthy(out:find("to \239\191\189", 1, true))
    end)

    it("reports an empty file", function()
      local path = tempfile("")
      local out, err, status = summarize({ path })
      assert.equal(1, status)
      assert.equal("", out)
      assert.equal("summarize: " .. path .. ": no sentences to summarize\n", err)
    end)

    it("reports a file it cannot read with the system's reason", function()
      local out, err, status = summarize({ "spec/fixtures/no-such-file.txt" })
      assert.equal(1, status)
      assert.equal("", out)
      assert.equal("summarize: spec/fixtures/no-such-file.txt: No such file or directory\n", err)
      _, err, status = summarize({ "spec/fixtures" })
      assert.equal(1, status)
      assert.equal("summarize: spec/fixtures: Is a directory\n", err)
    end)
  end)

  describe("usage errors exit 2", function()
    local cases = {
      { { "--foo", A }, "unknown option '--foo' (see --help)" },
      { { "--foo=1", A }, "unknown option '--foo' (see --help)" },
      { { "-x", A }, "unknown option '-x' (see --help)" },
      { { "-n", "0", A }, "option '-n' expects a positive integer, got '0'" },
      { { "--words=many", A }, "option '--words' expects a positive integer, got 'many'" },
      { { "-r", "1.5", A }, "option '-r' expects a number in (0, 1], got '1.5'" },
      { { A, "-n" }, "option '-n' needs a value" },
      { { "--format", "xml", A }, "option '--format' expects 'text' or 'json', got 'xml'" },
      { { "--explain=yes", A }, "option '--explain' takes no value" },
      { { "--weight", "lexrank", A }, "option '--weight' expects NAME=WEIGHT, got 'lexrank'" },
      { { "--weight", "pagerank=1", A }, "unknown scorer 'pagerank'" },
      { { "--language", "klingon", A }, "unknown language 'klingon'" },
      { { "--method", "best", A }, "unknown method 'best' (choose from " ..
          table.concat(precis.methods, ", ") .. ")" },
    }
    for _, case in ipairs(cases) do
      it(table.concat(case[1], " "), function()
        local out, err, status = summarize(case[1])
        assert.equal(2, status)
        assert.equal("", out)
        assert.equal("summarize: " .. case[2] .. "\n", err)
      end)
    end
  end)

  it("prints help on stdout and exits 0", function()
    local out, err, status = summarize({ "--help" })
    assert.equal(0, status)
    assert.equal("", err)
    assert.matches("^Usage: summarize ", out)
    assert.matches("%-%-explain", out)
    assert.equal(out, (summarize({ "-h", "--foo" })))
  end)

  it("prints its version, the Lua it runs on and the libraries' versions", function()
    local out, err, status = summarize({ "--version" })
    assert.equal(0, status)
    assert.equal("", err)
    local got = lines(out)
    assert.equal("summarize (precis) " .. precis._VERSION, got[1])
    assert.matches("^%d+%.%d+%.%d+$", precis._VERSION)
    -- the interpreter bin/summarize runs: "Lua 5.4", "LuaJIT 2.1... (Lua 5.1)"
    assert.is_truthy(got[2]:match("^Lua 5%.[1-4]$") or
                     got[2]:match("^LuaJIT %S+ %(Lua 5%.1%)$"), got[2])
    assert.equal(7, #got)
    assert.matches("^utf8proc %d+%.%d+%.%d+$", got[3])
    assert.matches("^md4c %d[%d.]* %(at build time%)$", got[4])
    assert.matches("^gumbo %d[%d.]* %(at build time%)$", got[5])
    assert.equal("libstemmer (tells no version)", got[6])
    assert.matches("^libyaml %d+%.%d+%.%d+$", got[7])
    -- the library's own figures, not the headers'
    local yaml = assert(io.popen("pkg-config --modversion yaml-0.1")):read("*l")
    assert.equal("libyaml " .. yaml, got[7])
  end)

  it("lists the language packs: code, name, stemmer", function()
    local out, err, status = summarize({ "languages" })
    assert.equal(0, status)
    assert.equal("", err)
    local got = lines(out)
    assert.equal(#precis.languages(), #got)
    local by_name = {}
    for _, line in ipairs(got) do
      local code, name, what = line:match("^(%l*) +(%l+) +(%(.*%))$")
      assert.is_string(name, line)
      by_name[name] = { code = code, what = what }
    end
    for _, name in ipairs(precis.languages()) do assert.is_table(by_name[name], name) end
    assert.same({ code = "de", what = "(Snowball: german)" }, by_name.german)
    assert.same({ code = "zh", what = "(no stemmer)" }, by_name.chinese)
    assert.same({ code = "", what = "(no stemming, no stopwords)" }, by_name.none)
    -- each code it prints selects its language
    local _, _, st = summarize({ "--language", "de", "-n", "1", A })
    assert.equal(0, st)
    assert.equal(2, select(3, summarize({ "languages", "extra" })))
    assert.equal(2, select(3, summarize({ "-n", "2", "languages" })))
    -- a file named "languages" is still readable as ./languages
    assert.matches("No such file", select(2, summarize({ A, "languages" })))
  end)

  it("applies scoring options", function()
    local lead = lines((summarize({ "--method", "lead", "-n", "2", A })))
    local r = assert(precis.segment(slurp(A)))
    local first = {}
    for _, u in ipairs(r.units) do
      if u.kind == "sentence" and #first < 2 then first[#first + 1] = oneline(u.text) end
    end
    assert.same(first, lead)
    local by_score = lines((summarize({ "--order", "score", "-n", "3", "--weight",
                                        "lexrank=1", "--lambda", "1", A })))
    local by_doc = lines((summarize({ "-n", "3", "--weight", "lexrank=1",
                                      "--lambda", "1", A })))
    table.sort(by_score)
    table.sort(by_doc)
    assert.same(by_doc, by_score)
  end)
end)
