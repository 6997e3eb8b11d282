-- Policies: the YAML reader's tree, every bad file with its exact
-- "file:line:col: message", the schema, extends, the built-in library,
-- Lua scorers and filters, and the `summarize policy` commands.
local precis = require "precis"
local core = require "precis.core"
local policy = require "precis.policy"
local support = require "spec.support"

local F = "spec/fixtures/policies/"

local slurp = support.slurp

local ARTICLE = slurp("spec/fixtures/orchard.txt")
local FOLLOWUP = slurp("spec/fixtures/orchard-followup.txt")

-- the message and code of a policy that must fail
local function refused(...)
  local p, msg, code = ...
  assert.is_nil(p)
  assert.equal("EPOLICY", code)
  return msg
end

local function from(text, source)
  return refused(precis.policy_from_string(text, source or "t.yaml"))
end

local function texts(r)
  local t = {}
  for k, s in ipairs(r.sentences) do t[k] = s.text end
  return t
end

local function quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

-- bin/summarize with `args`; returns stdout, stderr, exit status
local function summarize(args)
  local quoted = {}
  for k, a in ipairs(args) do quoted[k] = quote(a) end
  local out, err, status = support.run("bin/summarize " .. table.concat(quoted, " "))
  return out, err, status
end

describe("core.load_yaml", function()
  it("gives every key and value its line and column", function()
    local root = assert(core.load_yaml("policy: x\nlength: { sentences: 3 }\nw: [0.5, 'a']\n",
                                       "t.yaml"))
    assert.equal("mapping", root.kind)
    assert.same({ "policy", "length", "w" },
                { root.keys[1].value, root.keys[2].value, root.keys[3].value })
    assert.same({ 2, 1 }, { root.keys[2].line, root.keys[2].col })
    local len = root.values[2]
    assert.same({ "mapping", 2, 9 }, { len.kind, len.line, len.col })
    assert.same({ "integer", 3, 2, 22 }, { len.values[1].kind, len.values[1].value,
                                           len.values[1].line, len.values[1].col })
    if math.type then -- a Lua with integers gets one
      assert.equal("integer", math.type(len.values[1].value))
    end
    local w = root.values[3]
    assert.equal("sequence", w.kind)
    assert.same({ "float", 0.5 }, { w.items[1].kind, w.items[1].value })
    assert.same({ "string", "a", true }, { w.items[2].kind, w.items[2].value, w.items[2].quoted })
  end)

  it("returns nil, 'source:line:col: message', EPOLICY", function()
    local r, msg, code = core.load_yaml("a: 1\na: 2\n", "dup.yaml")
    assert.is_nil(r)
    assert.equal("dup.yaml:2:1: duplicate key 'a' (first at line 1, column 1)", msg)
    assert.equal("EPOLICY", code)
    assert.has_error(function() core.load_yaml(nil) end)
  end)
end)

describe("a bad policy file", function()
  -- every class of error, with the exact position and message
  local cases = {
    { "syntax.yaml", "3:6: did not find expected ',' or '}' (while parsing a flow " ..
                     "mapping that starts at line 2, column 9)" },
    { "unknown-key.yaml", "3:1: unknown key 'lenght' (did you mean 'length'?)" },
    { "wrong-type.yaml", "3:14: 'length.sentences' must be a whole number, got 'three'" },
    { "range.yaml", "4:11: 'redundancy.lambda' must be in [0, 1], got 1.5" },
    { "duplicate-key.yaml", "4:1: duplicate key 'length' (first at line 2, column 1)" },
    { "alias.yaml", "2:10: anchors and aliases are not allowed in a policy ('&mix')" },
    { "empty.yaml", "1:1: empty file: a policy is a mapping of keys" },
    { "not-mapping.yaml", "1:1: a policy is a mapping of keys, not a sequence" },
  }
  for _, c in ipairs(cases) do
    it(c[1], function()
      assert.equal(F .. c[1] .. ":" .. c[2], refused(precis.policy(F .. c[1])))
    end)
  end

  it("extends cycle: the chain, at the extends that closes it", function()
    assert.equal(F .. "cycle-b.yaml:2:10: extends cycle: " .. F .. "cycle-a.yaml -> " ..
                 F .. "cycle-b.yaml -> " .. F .. "cycle-a.yaml",
                 refused(precis.policy(F .. "cycle-a.yaml")))
  end)

  it("extends a file that is not there: the chain", function()
    assert.equal(F .. "missing-target.yaml:2:10: cannot read '../nowhere/parent.yaml': " ..
                 "No such file or directory (extends chain: " .. F ..
                 "missing-target.yaml -> spec/fixtures/nowhere/parent.yaml)",
                 refused(precis.policy(F .. "missing-target.yaml", { trust = true })))
    assert.equal(F .. "missing-target.yaml:2:10: '../nowhere/parent.yaml' leads outside the " ..
                 "policy's folder 'spec/fixtures/policies'; trust the policy to allow it " ..
                 "(extends chain: " .. F .. "missing-target.yaml -> ../nowhere/parent.yaml)",
                 refused(precis.policy(F .. "missing-target.yaml")))
  end)

  it("extends a built-in that does not exist: a suggestion and the chain", function()
    assert.equal(F .. "missing-builtin.yaml:2:10: no policy named 'newz' (did you mean " ..
                 "'news'?); the built-ins are default, digest, news, report, tokenized " ..
                 "(extends chain: " .. F .. "missing-builtin.yaml -> newz)",
                 refused(precis.policy(F .. "missing-builtin.yaml")))
  end)

  it("a file that cannot be read has no position", function()
    assert.equal("spec/nothing-here.yaml: No such file or directory",
                 refused(precis.policy("spec/nothing-here.yaml")))
    assert.equal("spec/fixtures/: Is a directory", refused(precis.policy("spec/fixtures/")))
  end)

  it("keeps long paths whole", function()
    local dir = os.tmpname()
    os.remove(dir)
    local long = dir .. "-" .. string.rep("d", 150)
    assert(os.execute("mkdir -p '" .. long .. "'"))
    local f = assert(io.open(long .. "/p.yaml", "w"))
    f:write("a: 1\na: 2\n")
    f:close()
    local msg = refused(precis.policy(long .. "/p.yaml"))
    os.remove(long .. "/p.yaml")
    os.remove(long)
    assert.equal(long .. "/p.yaml:2:1: duplicate key 'a' (first at line 1, column 1)", msg)
  end)

  it("an unknown built-in is named with the nearest", function()
    assert.equal("no built-in policy named 'nwes' (did you mean 'news'?) (the built-ins " ..
                 "are default, digest, news, report, tokenized; a file needs a path such " ..
                 "as ./nwes.yaml)", refused(precis.policy("nwes")))
  end)

  it("lists every error of a file, in order", function()
    assert.equal(table.concat({
      "t.yaml:2:1: unknown key 'ordr' (did you mean 'order'?)",
      "t.yaml:3:18: 'length.ratio' must be in (0, 1], got 2",
      "t.yaml:4:28: unknown key 'lamda' in 'redundancy' (did you mean 'lambda'?)",
    }, "\n"), from("policy: x\nordr: score\nlength: { ratio: 2 }\nredundancy: { method: mmr, lamda: 1 }\n"))
  end)
end)

describe("the schema", function()
  local cases = {
    { "language: klingon\n", "1:11: unknown language 'klingon'" },
    { "language: 3\n", "1:11: 'language' must be a string, got 3" },
    { "length: { sentences: 0 }\n", "1:22: 'length.sentences' must be at least 1, got 0" },
    { "length: { sentences: '3' }\n",
      "1:22: 'length.sentences' must be a whole number, got '3' (quoted, so a string)" },
    { "length: { words: 2.5 }\n", "1:18: 'length.words' must be a whole number, got 2.5" },
    { "length: { sentences: 3, words: 50 }\n",
      "1:25: 'length' takes one of sentences, words, chars, ratio, not both 'sentences' and 'words'" },
    { "length: {}\n", "1:9: 'length' needs one of sentences, words, chars, ratio" },
    { "length: 3\n", "1:9: 'length' must be a mapping of keys, got 3" },
    { "scorers: { textrnak: 1 }\n", "1:12: unknown scorer 'textrnak' (did you mean 'textrank'?)" },
    { "scorers: { textrank: -1 }\n", "1:22: 'scorers.textrank' must be at least 0, got -1" },
    { "scorers: { textrank: high }\n", "1:22: 'scorers.textrank' must be a number, got 'high'" },
    { "scorers: { position: { weight: 1, decy: 0.3 } }\n",
      "1:35: unknown key 'decy' in 'scorers.position' (did you mean 'decay'?)" },
    { "scorers: { position: { decay: 0 } }\n",
      "1:31: 'scorers.position.decay' must be a number in (0, 1], got 0" },
    { "scorers: { textrank: 0, position: 0 }\n", "1:10: every scorer has weight 0" },
    { "scorers: { centrality: 1, textrank: 2 }\n",
      "1:27: scorer 'textrank' is given twice (as 'centrality' and 'textrank')" },
    { "redundancy: { method: mrm }\n",
      "1:23: 'redundancy.method' must be one of none, mmr, sumbasic, klsum, submodular; " ..
      "got 'mrm' (did you mean 'mmr'?)" },
    { "redundancy: { max_similarity: 0 }\n",
      "1:31: 'redundancy.max_similarity' must be in (0, 1], got 0" },
    { "input: { boilerplate: yes }\n", "1:23: 'input.boilerplate' must be true or false, got 'yes'" },
    { "input: { drop_lines: ['(unclosed'] }\n",
      "1:23: bad pattern '(unclosed': missing closing parenthesis at offset 9" },
    { "input: { min_words: 9, max_words: 5 }\n", "1:35: max_words (5) is below min_words (9)" },
    { "output: { format: yaml }\n", "1:19: 'output.format' must be one of text, json; got 'yaml'" },
    { "filters: [questins]\n", "1:11: unknown filter 'questins' (did you mean 'questions'?)" },
    { "params: { textrank.dumping: 0.5 }\n",
      "1:11: unknown engine parameter 'textrank.dumping' (did you mean 'textrank.damping'?)" },
    { "params: { rank.bias: 2 }\n", "1:22: 'params.rank.bias' must be a number in [0, 1], got 2" },
    { "schema: 2\n", "1:9: written for policy schema 2; this precis reads schema 1" },
    { "schema: 0\n", "1:9: 'schema' must be in [1, 1], got 0" },
    { "policy: 'a b'\n", "1:9: a policy name is letters, digits, '_', '.' or '-', got 'a b'" },
    { "extends: 3\n", "1:10: 'extends' must be a string, got 3" },
    { "input:\n  min_words: 4\n  minwords: 5\n",
      "3:3: unknown key 'minwords' in 'input' (did you mean 'min_words'?)" },
    { "input: { unwrap: yes }\n", "1:18: 'input.unwrap' must be auto, true or false, got 'yes'" },
    { "input: { rules: { bylne: false } }\n",
      "1:19: unknown clean-up rule 'bylne' in 'input.rules' (did you mean 'byline'?)" },
    { "input: { rules: { byline: 0 } }\n", "1:27: 'input.rules.byline' must be true or false, got 0" },
  }
  for _, c in ipairs(cases) do
    it(c[1]:gsub("\n", " "), function()
      assert.equal("t.yaml:" .. c[2], from(c[1]))
    end)
  end

  it("takes the orders and input formats the engine knows", function()
    assert.matches("^t%.yaml:1:8: 'order' must be one of document, score[%w, ]*; got 'scores' " ..
                   "%(did you mean 'score'%?%)$", from("order: scores\n"))
    assert.matches("^t%.yaml:1:18: 'input%.format' must be one of text[%w, ]*; got 'pdf'$",
                   from("input: { format: pdf }\n"))
  end)

  it("reads the example policy of DESIGN.md", function()
    local p = assert(precis.policy_from_string([[
policy: news
extends: default
language: english            # or en; auto-detected where it can be
input:
  format: text               # text | markdown | html
  drop_lines: ['^IMAGE SOURCE:', '^Advertisement$']
  min_words: 5
length: { sentences: 3 }     # or words, chars, ratio
scorers: { centrality: 1.0, position: 0.6, title: 0.3 }
redundancy: { method: mmr, lambda: 0.7 }
order: document              # document | score
output: { format: text, scores: false }
]], "design.yaml"))
    local o = policy.options(p)
    assert.same({ textrank = 1.0, position = 0.6, title = 0.3 }, o.weights)
    assert.same({ ["redundancy.lambda"] = 0.7, ["sentence.min_words"] = 5 }, o.params)
    assert.same({ "^IMAGE SOURCE:", "^Advertisement$" }, o.drop_lines)
    assert.equal(3, o.sentences)
    assert.equal("mmr", o.selector)
  end)

  it("sets only what a policy says: the rest stays the engine's", function()
    local o = policy.options(assert(precis.policy_from_string("policy: bare\n")))
    assert.same({}, o)
  end)

  it("switches clean-up rules one by one, merging them through extends", function()
    local base = assert(precis.policy(F .. "rules.yaml#base"))
    local child = assert(precis.policy(F .. "rules.yaml#child"))
    assert.same({ ["input.rule.byline"] = 0, ["input.rule.promo"] = 0 }, policy.options(base).params)
    assert.same({ ["input.rule.byline"] = 0, ["input.rule.promo"] = 1 }, policy.options(child).params)
    assert.matches("\n  rules:\n    byline: false\n    promo: true\n", policy.show(child))
    local text = "Night picking\n\nBy Jane Roe\n\n" .. ARTICLE:gsub("^[^\n]*\n", "")
    local r = assert(precis.summarize(text, { policy = base }))
    for _, u in ipairs(r.units) do assert.not_equal("byline", u.rule) end
    r = assert(precis.summarize(text))
    local rules = {}
    for _, u in ipairs(r.units) do if u.rule then rules[u.rule] = true end end
    assert.is_true(rules.byline)
  end)

  it("takes engine parameters inline and by name", function()
    local p = assert(precis.policy_from_string(
      "scorers:\n  lexrank: { weight: 1, continuous: true, threshold: 0.2 }\n" ..
      "params: { rank.bias: 0.3 }\nredundancy: { method: none }\n"))
    local o = policy.options(p)
    assert.same({ lexrank = 1 }, o.weights)
    assert.same({ ["lexrank.continuous"] = 1, ["lexrank.threshold"] = 0.2,
                  ["rank.bias"] = 0.3, ["redundancy.lambda"] = 1,
                  ["redundancy.max_sim"] = 1, ["redundancy.near_duplicate"] = 0 }, o.params)
  end)
end)

describe("the loader's edges and limits", function()
  local tmpdir, write = support.tmpdir, support.spit

  it("a policy body that is not a mapping is an error at it, returned", function()
    assert.equal("t.yaml:2:9: policy 'brief' must be a mapping of keys, got nothing",
                 from("policies:\n  brief:\n"))
    assert.equal("t.yaml:2:10: policy 'brief' must be a mapping of keys, got 3\n" ..
                 "t.yaml:3:9: policy 'long' must be a mapping of keys, got a list",
                 from("policies:\n  brief: 3\n  long: []\n  ok: { order: score }\n"))
    assert.equal("t.yaml:1:11: 'policies' names no policy", from("policies: {}\n"))
    -- every public loader returns it
    local d = tmpdir()
    write(d .. "/p.yaml", "policies:\n  brief:\n")
    local msg = d .. "/p.yaml:2:9: policy 'brief' must be a mapping of keys, got nothing"
    assert.equal(msg, refused(precis.policy(d .. "/p.yaml")))
    assert.equal(msg, refused(precis.policy(d .. "/p.yaml#brief")))
    assert.equal(msg, refused(precis.new({ policy = d .. "/p.yaml" })))
    assert.equal(msg, refused(precis.summarize(ARTICLE, { policy = d .. "/p.yaml" })))
    write(d .. "/c.yaml", "extends: p.yaml#brief\n")
    assert.equal(msg, refused(precis.policy(d .. "/c.yaml")))
    local out, err, status = summarize({ "policy", "check", d .. "/p.yaml" })
    assert.same({ "", "summarize: " .. msg .. "\n", 2 }, { out, err, status })
    os.execute("rm -r '" .. d .. "'")
  end)

  it("a 900 KB key: quick, and the message quotes 60 bytes of it", function()
    local t0 = os.clock()
    local msg = from("? " .. string.rep("a", 900000) .. "\n: 1\n")
    assert.equal("t.yaml:1:3: unknown key '" .. string.rep("a", 60) .. "\226\128\166'", msg)
    assert.is_true(os.clock() - t0 < 2, "took " .. (os.clock() - t0) .. " s") -- was 24 s
    -- cut before a code point, never inside one
    msg = from("? " .. string.rep("\195\169", 1000) .. "\n: 1\n")
    assert.equal("t.yaml:1:3: unknown key '" .. string.rep("\195\169", 30) .. "\226\128\166'", msg)
    -- the same in a value, a name, and a duplicate key
    msg = from("language: " .. string.rep("b", 5000) .. "\n")
    assert.is_true(#msg < 400, msg)
    msg = from("policy: " .. string.rep("c d", 5000) .. "\n")
    assert.equal("t.yaml:1:9: a policy name is letters, digits, '_', '.' or '-', got '" ..
                 string.rep("c d", 20) .. "\226\128\166'", msg)
    msg = from("? " .. string.rep("e", 2000) .. "\n: 1\n? " .. string.rep("e", 2000) .. "\n: 2\n")
    assert.equal("t.yaml:3:3: duplicate key '" .. string.rep("e", 60) ..
                 "\226\128\166' (first at line 1, column 3)", msg)
  end)

  it("suggests for typos of short names only", function()
    assert.equal("t.yaml:1:1: unknown key 'lenght' (did you mean 'length'?)", from("lenght: 3\n"))
    local long = "length" .. string.rep("x", 70)
    assert.equal("t.yaml:1:1: unknown key '" .. long:sub(1, 60) .. "\226\128\166'",
                 from(long .. ": 3\n"))
  end)

  it("60k unknown keys: refused at the cap on keys, quickly", function()
    local parts = {}
    for i = 0, 59999 do parts[#parts + 1] = "k" .. i .. ": 1\n" end
    local t0 = os.clock()
    assert.equal("t.yaml:50000:9: more than 100000 keys, values and items: a policy has " ..
                 "far fewer", from(table.concat(parts)))
    assert.is_true(os.clock() - t0 < 2, "took " .. (os.clock() - t0) .. " s") -- was 14 s
  end)

  it("reports the first 20 errors of a file and counts the others", function()
    local parts = {}
    for i = 0, 29999 do parts[#parts + 1] = "k" .. i .. ": 1\n" end
    local t0 = os.clock()
    local msg = from(table.concat(parts))
    assert.is_true(os.clock() - t0 < 2, "took " .. (os.clock() - t0) .. " s")
    local lines = {}
    for l in msg:gmatch("[^\n]+") do lines[#lines + 1] = l end
    assert.equal(21, #lines)
    assert.equal("t.yaml:1:1: unknown key 'k0'", lines[1])
    assert.equal("t.yaml:20:1: unknown key 'k19'", lines[20])
    assert.equal("t.yaml: \226\128\166 and 29980 more", lines[21])
    parts = { "params:\n" }
    for i = 0, 29999 do parts[#parts + 1] = "  k" .. i .. ": 1\n" end
    msg = from(table.concat(parts))
    assert.matches("\nt%.yaml: \226\128\166 and 29980 more$", msg)
  end)

  it("a policy file is read up to 1 MiB: over it, refused unread", function()
    local d = tmpdir()
    write(d .. "/big.yaml", "policy: big\n" .. string.rep("#", 1024 * 1024) .. "\n")
    assert.equal(d .. "/big.yaml: over the limit of 1048576 bytes",
                 refused(precis.policy(d .. "/big.yaml")))
    write(d .. "/ok.yaml", "policy: ok\n" .. string.rep("#", 1024 * 1024 - 12) .. "\n")
    assert.truthy(precis.policy(d .. "/ok.yaml"))
    os.execute("rm -r '" .. d .. "'")
    local t0 = os.clock()
    assert.equal("/dev/zero: over the limit of 1048576 bytes", refused(precis.policy("/dev/zero")))
    assert.is_true(os.clock() - t0 < 1)
  end)

  it("an extends chain is at most 32 long", function()
    local d = tmpdir()
    for i = 1, 40 do write(d .. "/p" .. i .. ".yaml", "extends: p" .. (i + 1) .. ".yaml\n") end
    write(d .. "/p41.yaml", "order: score\n")
    local msg = refused(precis.policy(d .. "/p1.yaml"))
    local head = d .. "/p32.yaml:1:10: extends chain longer than 32: " .. d .. "/p1.yaml -> "
    assert.equal(head, msg:sub(1, #head))
    assert.matches(" %-> " .. d:gsub("%p", "%%%0") .. "/p33%.yaml$", msg)
    write(d .. "/p9.yaml", "order: score\n") -- now 9 long
    assert.truthy(precis.policy(d .. "/p1.yaml"))
    os.execute("rm -r '" .. d .. "'")
  end)
end)

describe("extends", function()
  it("merges settings and replaces mixes, through files and built-ins", function()
    local p = assert(precis.policy(F .. "child.yaml"))
    assert.same({ F .. "child.yaml", F .. "parent.yaml", "news (built-in)", "default (built-in)" },
                p.lineage)
    assert.equal("child", p.name)
    assert.is_nil(p.description) -- a purpose is not inherited
    local o, hooks = policy.options(p)
    assert.same({ lexrank = 1 }, o.weights)           -- the child's whole mix
    assert.equal(6, o.params["sentence.min_words"])   -- the child's
    assert.equal(50, o.params["sentence.max_words"])  -- the parent's, merged
    assert.equal(0.7, o.params["redundancy.lambda"])
    assert.same({ "^Prices" }, o.drop_lines)          -- a list is replaced
    assert.equal(90, o.words)
    assert.is_nil(o.sentences)
    -- from news: a built-in filter the core runs itself, so no Lua hook
    assert.equal(1, o.params["filter.questions"])
    assert.same({}, hooks.filters)
  end)

  it("finds policies of the same file and picks one by #name", function()
    local p = assert(precis.policy(F .. "several.yaml#long"))
    assert.same({ F .. "several.yaml#long", F .. "several.yaml#brief", "news (built-in)",
                  "default (built-in)" }, p.lineage)
    local o = policy.options(p)
    assert.equal(6, o.sentences)
    assert.equal("score", o.order)
    assert.equal("Two sentences of news", assert(precis.policy(F .. "several.yaml#brief")).description)
    assert.equal(F .. "several.yaml: the file holds 2 policies (brief, long); name one as " ..
                 F .. "several.yaml#NAME", refused(precis.policy(F .. "several.yaml")))
  end)

  it("paths are relative to the file that names them", function()
    local p = assert(precis.policy_from_string("extends: parent.yaml\n", F .. "inline.yaml"))
    assert.equal(F .. "parent.yaml", p.lineage[2])
  end)
end)

describe("the built-in policies", function()
  it("all load, each with its purpose", function()
    local list = precis.policies()
    local names = {}
    for k, it in ipairs(list) do
      names[k] = it.name
      assert.is_true(#it.description > 10, it.name)
      assert.truthy(precis.policy(it.name))
    end
    assert.same({ "default", "digest", "news", "report", "tokenized" }, names)
  end)

  it("ship in precis.policies exactly as in policies/*.yaml (run make policies)", function()
    local shipped = require "precis.policies"
    local n = 0
    for name, text in pairs(shipped) do
      n = n + 1
      assert.equal(slurp("policies/" .. name .. ".yaml"), text, name)
    end
    local p = assert(io.popen("ls policies/*.yaml | wc -l"))
    assert.equal(n, tonumber(p:read("*a")))
    p:close()
  end)

  it("default summarizes exactly as the engine's defaults, stated or not", function()
    local plain = assert(precis.summarize({ ARTICLE, FOLLOWUP }))
    local default = assert(precis.summarize({ ARTICLE, FOLLOWUP }, { policy = "default" }))
    -- every default written out (show) must be the engine's too
    local stated = assert(precis.policy_from_string(policy.show(assert(precis.policy("default"))),
                                                    "shown.yaml"))
    local explicit = assert(precis.summarize({ ARTICLE, FOLLOWUP }, { policy = stated }))
    for _, r in ipairs({ default, explicit }) do
      assert.same(texts(plain), texts(r))
      for k, u in ipairs(plain.units) do
        assert.equal(u.score, r.units[k].score)
      end
    end
  end)

  it("show prints YAML that loads back as the same policy", function()
    for _, name in ipairs(policy.builtins()) do
      local p = assert(precis.policy(name))
      local shown = policy.show(p)
      local again = assert(precis.policy_from_string(shown, name .. "-shown.yaml"))
      assert.equal(shown:gsub("^[^\n]*\n", ""), policy.show(again):gsub("^[^\n]*\n", ""))
    end
  end)

  it("news drops captions and teasers", function()
    local text = "Night shift for the harvest\n\nIMAGE SOURCE: AP\n" ..
                 "Pickers at work under floodlights.\n\n" .. ARTICLE:gsub("^[^\n]*\n", "") ..
                 "\nWhat will the growers do next year?\n"
    local r = assert(precis.summarize(text, { policy = "news" }))
    local rules = {}
    for _, u in ipairs(r.units) do
      if u.kind == "dropped" then rules[u.text:sub(1, 14)] = u.rule end
    end
    assert.equal("drop_lines", rules["IMAGE SOURCE: "])
    assert.equal("filter:questions", rules["What will the "])
    assert.equal(3, #r.sentences)
  end)

  it("news gives three clean sentences of each seed article", function()
    local dir = (os.getenv("PRECIS_DATA") or "../shared/data") .. "/seeds/"
    local seeds = { "border-stability-2023-11-06.txt", "ceasefire-call-2023-11-14.txt" }
    if not io.open(dir .. seeds[1]) then return end -- data not at hand
    for _, name in ipairs(seeds) do
      local r = assert(precis.summarize(slurp(dir .. name), { policy = "news" }))
      assert.equal(3, #r.sentences)
      for _, s in ipairs(r.sentences) do
        assert.equal("sentence", s.kind)
        assert.not_matches("IMAGE SOURCE", s.text)
        assert.not_matches("gtag", s.text)
        assert.not_matches("^ *date ", s.text)
        assert.matches("[.!\"”]$", s.text)
      end
    end
  end)

  -- the largest share of content words two selected sentences have in common
  local function overlap(r)
    local function words(s)
      local t = {}
      for w in s:lower():gmatch("%a+") do if #w > 3 then t[w] = true end end
      return t
    end
    local most = 0
    for i = 1, #r.sentences do
      for j = i + 1, #r.sentences do
        local a, b, both, all = words(r.sentences[i].text), words(r.sentences[j].text), 0, 0
        for w in pairs(a) do all = all + 1; if b[w] then both = both + 1 end end
        for w in pairs(b) do if not a[w] then all = all + 1 end end
        most = math.max(most, both / all)
      end
    end
    return most
  end

  it("digest reads several reports of one story as one, without repeats", function()
    local r = assert(precis.summarize({ ARTICLE, FOLLOWUP }, { policy = "digest" }))
    assert.equal(5, #r.sentences)
    local docs = {}
    for _, s in ipairs(r.sentences) do docs[s.doc] = true end
    assert.is_true(docs[1] and docs[2]) -- both reports speak
    local dir = (os.getenv("PRECIS_DATA") or "../shared/data") .. "/seeds/"
    local a = io.open(dir .. "border-stability-2023-11-06.txt")
    if not a then return end -- data not at hand
    a:close()
    local seeds = { slurp(dir .. "border-stability-2023-11-06.txt"),
                    slurp(dir .. "ceasefire-call-2023-11-14.txt") }
    local news = assert(precis.summarize(seeds, { policy = "news", sentences = 5 }))
    local digest = assert(precis.summarize(seeds, { policy = "digest" }))
    assert.is_true(overlap(digest) < overlap(news))
  end)

  it("report picks from every section where default keeps to a few", function()
    local text = slurp("spec/fixtures/canal-report.txt")
    local function sections(r)
      local n, seen, sec = 0, {}, nil
      for _, u in ipairs(r.units) do
        if u.kind == "heading" then sec = u.text end
        if u.selected and not seen[sec] then seen[sec], n = true, n + 1 end
      end
      return n
    end
    local report = assert(precis.summarize(text, { policy = "report" }))
    assert.equal(8, #report.sentences)
    assert.equal(6, sections(report))
    assert.equal(3, sections(assert(precis.summarize(text, { sentences = 8 }))))
  end)
end)

describe("Lua scorers and filters", function()
  it("a policy's scorer from its Lua file changes the selection as it says", function()
    local r = assert(precis.summarize(ARTICLE, { policy = F .. "words.yaml" }))
    -- "mentions" is the whole mix: the two sentences naming Harlow
    assert.same({
      "Temperatures at the Harlow weather station passed 41 degrees on four days in a row, " ..
        "the longest such run since records began in 1952.",
      "Mr. Owen Pike, who manages a packing house in Harlow, said rejection rates had " ..
        "tripled in ten days.",
    }, texts(r))
    assert.same({ { name = "mentions", weight = 1 } }, r.scorers)
    assert.equal(1, r.sentences[1].scores.mentions)
  end)

  it("precis.scorer: per sentence and whole-document forms, mixed with built-ins", function()
    precis.scorer("spec_bruise", function(s) return s.text:find("bruise") and 1 or 0 end)
    local base = assert(precis.summarize(ARTICLE, { sentences = 1 }))
    local p = assert(precis.policy_from_string("length: { sentences: 1 }\n" ..
      "scorers: { textrank: 1, position: 1, spec_bruise: 10 }\n"))
    local r = assert(precis.summarize(ARTICLE, { policy = p }))
    assert.not_equal(base.sentences[1].text, r.sentences[1].text)
    assert.matches("bruise", r.sentences[1].text)
    assert.same({ "position", "textrank", "spec_bruise" },
                { r.scorers[1].name, r.scorers[2].name, r.scorers[3].name })
    precis.scorer("spec_last", function(list)
      local v = {}
      for k, s in ipairs(list) do v[k] = s.position end
      return v
    end, "document")
    r = assert(precis.summarize(ARTICLE, { policy = assert(precis.policy_from_string(
      "length: { sentences: 1 }\nscorers: { spec_last: 1 }\n")) }))
    assert.matches("^Forecasters", r.sentences[1].text)
  end)

  it("options of the call override the policy, Lua scorers included", function()
    local r = assert(precis.summarize(ARTICLE, { policy = F .. "words.yaml", sentences = 1 }))
    assert.equal(1, #r.sentences)
    r = assert(precis.summarize(ARTICLE, { policy = F .. "words.yaml",
                                           weights = { position = 1 } }))
    assert.matches("^Apple growers", r.sentences[1].text)
    assert.same({ { name = "position", weight = 1 } }, r.scorers)
  end)

  it("a filter drops sentences before anything is scored", function()
    local p = assert(precis.policy_from_string("lua: words.lua\nfilters: [no_harlow]\n" ..
                                               "length: { ratio: 1 }\n", F .. "x.yaml"))
    local r = assert(precis.summarize(ARTICLE, { policy = p }))
    for _, s in ipairs(r.sentences) do assert.not_matches("Harlow", s.text) end
    local dropped = 0
    for _, u in ipairs(r.units) do
      if u.rule == "filter:no_harlow" then dropped = dropped + 1 end
    end
    assert.equal(2, dropped)
  end)

  it("built-in filters: unattributed quotes, short sentences", function()
    local p = assert(precis.policy_from_string(
      "filters: { unattributed_quotes: true, short: { words: 9 } }\nlength: { ratio: 1 }\n"))
    local r = assert(precis.summarize(ARTICLE, { policy = p }))
    local rules = {}
    for _, u in ipairs(r.units) do
      if u.rule then rules[#rules + 1] = u.rule .. " " .. u.text:sub(1, 16) end
    end
    assert.same({ 'filter:unattributed_quotes "The trees are s',
                  'filter:short "A bruise we can',
                  'filter:unattributed_quotes "A cooked apple ' }, rules)
  end)

  it("the example of docs/policies.md does what the page says", function()
    local r = assert(precis.summarize(slurp("examples/harbour-bridge.txt"),
                                      { policy = "docs/examples/figures.yaml" }))
    assert.equal(3, #r.sentences)
    assert.matches("^The Kestrel Harbour Bridge will close", r.sentences[1].text)
    assert.matches("^An inspection last autumn found corrosion in 212", r.sentences[2].text)
    assert.matches("^The city now puts the cost of the repair at %$1%.8 billion", r.sentences[3].text)
    assert.equal("figures", r.scorers[4].name)
  end)

  it("a failing scorer is an error naming the policy and the scorer", function()
    local r, msg, code = precis.summarize(ARTICLE, { policy = F .. "failing.yaml" })
    assert.is_nil(r)
    assert.equal("EPOLICY", code)
    assert.equal("policy 'failing': scorer 'fragile' failed: " .. F ..
                 "words.lua:19: no score for this one", msg)
    local p = assert(precis.policy_from_string("lua: words.lua\nscorers: { chatty: 1 }\n",
                                               F .. "chatty.yaml"))
    r, msg = precis.summarize(ARTICLE, { policy = p })
    assert.is_nil(r)
    assert.equal("policy 'chatty': scorer 'chatty' failed: it returned string for sentence " ..
                 "1 of document 1 (a finite number or nil is needed)", msg)
  end)

  it("a Lua file that does not load is an error at its name", function()
    assert.equal("t.yaml:1:6: cannot load 'nowhere.lua': No such file or directory",
                 from("lua: nowhere.lua\n"))
  end)

  it("misuse raises", function()
    assert.has_error(function() precis.scorer("textrank", function() end) end,
                     "bad argument #1 to 'scorer' ('textrank' is a built-in scorer)")
    assert.has_error(function() precis.scorer("x y", function() end) end)
    assert.has_error(function() precis.filter("ok", 3) end,
                     "bad argument #2 to 'filter' (function expected, got number)")
    assert.has_error(function() precis.new({ policy = 3 }) end)
  end)

  it("a policy that does not load is returned, not raised", function()
    local s, msg, code = precis.new({ policy = F .. "range.yaml" })
    assert.is_nil(s)
    assert.equal("EPOLICY", code)
    assert.matches("range.yaml:4:11:", msg)
  end)
end)

describe("policy code", function()
  -- a folder with a policy whose code would leave a mark
  local dir, mark
  local function write(path, text)
    local f = assert(io.open(path, "wb"))
    f:write(text)
    f:close()
  end
  local function exists(path)
    local f = io.open(path, "rb")
    if f then f:close() end
    return f ~= nil
  end
  local function evil(file)
    write(dir .. "/" .. file,
          "os.execute('touch " .. mark .. "')\nlocal f = io.open('" .. mark .. "', 'w')\n" ..
          "f:write('ran')\nf:close()\nlocal precis = ...\n" ..
          "precis.scorer('evil', function() return 1 end)\n")
  end
  before_each(function()
    dir = os.tmpname()
    os.remove(dir)
    assert(os.execute("mkdir -p '" .. dir .. "/in/deep'"))
    mark = dir .. "/MARK"
  end)
  after_each(function()
    os.execute("rm -rf '" .. dir .. "'")
  end)

  it("runs in a sandbox: os.execute and io.open are not there", function()
    evil("evil.lua")
    write(dir .. "/p.yaml", "lua: evil.lua\nscorers: { evil: 1 }\n")
    local msg = refused(precis.policy(dir .. "/p.yaml"))
    assert.equal(dir .. "/p.yaml:1:6: running 'evil.lua' failed: " .. dir ..
                 "/evil.lua:1: attempt to index a nil value (global 'os')\n" ..
                 dir .. "/p.yaml:2:12: unknown scorer 'evil'",
                 (msg:gsub("global 'os' %(a nil value%)", "a nil value (global 'os')")))
    assert.is_false(exists(mark))
    local out, err, status = summarize({ "--policy", dir .. "/p.yaml", "spec/fixtures/orchard.txt" })
    assert.same({ "", 2 }, { out, status })
    assert.matches("evil%.lua:1: attempt to index", err)
    assert.is_false(exists(mark))
  end)

  it("nothing runs from a policy reached through extends", function()
    evil("evil.lua")
    write(dir .. "/parent.yaml", "lua: evil.lua\n")
    write(dir .. "/child.yaml", "extends: parent.yaml\nlength: { sentences: 1 }\n")
    assert.matches("^" .. dir:gsub("%p", "%%%0") .. "/parent%.yaml:1:6: running 'evil%.lua' failed",
                   refused(precis.policy(dir .. "/child.yaml")))
    local _, _, status = summarize({ "--policy", dir .. "/child.yaml", "spec/fixtures/orchard.txt" })
    assert.equal(2, status)
    assert.is_false(exists(mark))
  end)

  it("policy check and policy show run nothing, and say where the code is", function()
    evil("evil.lua")
    write(dir .. "/p.yaml", "extends: news\nlua: evil.lua\nscorers: { evil: 1, textrank: 1 }\n")
    write(dir .. "/child.yaml", "extends: p.yaml\n")
    local out, err, status = summarize({ "policy", "check", dir .. "/p.yaml", dir .. "/child.yaml" })
    assert.same({ "", "", 0 }, { out, err, status })
    assert.is_false(exists(mark))
    out, err, status = summarize({ "policy", "show", dir .. "/child.yaml" })
    assert.same({ "", 0 }, { err, status })
    assert.matches("\n# Lua code, not run: " .. dir:gsub("%p", "%%%0") .. "/evil%.lua %(lua: at " ..
                   dir:gsub("%p", "%%%0") .. "/p%.yaml:2:6%)\n", out)
    assert.matches("\nscorers:\n  evil: 1\n  textrank:\n", out)
    assert.is_false(exists(mark))
    -- from Lua: the same, and such a policy cannot be used
    local p = assert(precis.policy(dir .. "/p.yaml", { code = false }))
    assert.same({ { path = dir .. "/evil.lua", source = dir .. "/p.yaml", line = 2, col = 6 } }, p.code)
    assert.equal(dir .. "/p.yaml: policy 'p' was loaded without running its Lua code " ..
                 "({ code = false }): it can be checked and shown, not used",
                 refused(precis.new({ policy = p })))
    assert.is_false(exists(mark))
    -- without code, an unknown scorer is still an error
    write(dir .. "/q.yaml", "scorers: { evl: 1 }\n")
    out, err, status = summarize({ "policy", "check", dir .. "/q.yaml" })
    assert.same({ "", "summarize: " .. dir .. "/q.yaml:1:12: unknown scorer 'evl'\n", 2 },
                { out, err, status })
  end)

  it("paths may not leave the policy's folder: .., absolute paths, links", function()
    evil("evil.lua")
    write(dir .. "/in/deep/p.yaml", "lua: ../../evil.lua\n")
    assert.equal(dir .. "/in/deep/p.yaml:1:6: '../../evil.lua' leads outside the policy's " ..
                 "folder '" .. dir .. "/in/deep'; trust the policy to allow it",
                 refused(precis.policy(dir .. "/in/deep/p.yaml")))
    write(dir .. "/in/deep/a.yaml", "lua: " .. dir .. "/evil.lua\n")
    assert.equal(dir .. "/in/deep/a.yaml:1:6: '" .. dir .. "/evil.lua' is an absolute path, " ..
                 "outside the policy's folder '" .. dir .. "/in/deep'; trust the policy to allow it",
                 refused(precis.policy(dir .. "/in/deep/a.yaml")))
    assert(os.execute("ln -s ../../evil.lua '" .. dir .. "/in/deep/link.lua'"))
    write(dir .. "/in/deep/l.yaml", "lua: link.lua\n")
    assert.equal(dir .. "/in/deep/l.yaml:1:6: 'link.lua' is a link that leads outside the " ..
                 "policy's folder '" .. dir .. "/in/deep'; trust the policy to allow it",
                 refused(precis.policy(dir .. "/in/deep/l.yaml")))
    write(dir .. "/in/deep/e.yaml", "extends: ../../p.yaml\n")
    assert.matches("'%.%./%.%./p%.yaml' leads outside the policy's folder",
                   refused(precis.policy(dir .. "/in/deep/e.yaml")))
    write(dir .. "/in/deep/z.yaml", "extends: /dev/zero\n")
    assert.matches("'/dev/zero' is an absolute path", refused(precis.policy(dir .. "/in/deep/z.yaml")))
    local _, err, status = summarize({ "policy", "check", dir .. "/in/deep/p.yaml" })
    assert.equal(2, status)
    assert.matches("leads outside", err)
    assert.is_false(exists(mark))
    -- inside the folder, a path may go down and up again
    write(dir .. "/in/ok.lua", "local precis = ... precis.scorer('spec_inside', function() return 1 end)\n")
    write(dir .. "/in/deep/../ok.yaml", "lua: deep/../ok.lua\nscorers: { spec_inside: 1 }\n")
    assert.truthy(precis.policy(dir .. "/in/ok.yaml"))
  end)

  it("an endless loop ends with an error naming the file", function()
    write(dir .. "/loop.lua", "while true do end\n")
    write(dir .. "/p.yaml", "lua: loop.lua\n")
    local t0 = os.clock()
    assert.equal(dir .. "/p.yaml:1:6: running 'loop.lua' failed: " .. dir .. "/loop.lua: " ..
                 "ran past its budget of 10000000 instructions",
                 refused(precis.policy(dir .. "/p.yaml")))
    assert.is_true(os.clock() - t0 < 10)
    local _, err, status = summarize({ "--policy", dir .. "/p.yaml", "spec/fixtures/orchard.txt" })
    assert.equal(2, status)
    assert.matches("loop%.lua: ran past its budget of 10000000 instructions\n$", err)
    -- and in a scorer, at summary time
    write(dir .. "/slow.lua", "local precis = ...\n" ..
          "precis.scorer('spec_slow', function(s) if s.position == 3 then while true do end end return 1 end)\n")
    write(dir .. "/s.yaml", "lua: slow.lua\nscorers: { spec_slow: 1 }\n")
    local r, msg, code = precis.summarize(ARTICLE, { policy = dir .. "/s.yaml" })
    assert.is_nil(r)
    assert.equal("EPOLICY", code)
    assert.matches("^policy 's': scorer 'spec_slow' failed: " .. dir:gsub("%p", "%%%0") ..
                   "/slow%.lua: ran past its budget of %d+ instructions$", msg)
  end)

  it("a trusted policy runs its code with the program's powers", function()
    evil("evil.lua")
    write(dir .. "/in/deep/p.yaml", "lua: ../../evil.lua\nscorers: { evil: 1 }\n")
    local out, err, status = summarize({ "--trust-policy-code", "--policy", dir .. "/in/deep/p.yaml",
                                         "-n", "1", "spec/fixtures/orchard.txt" })
    assert.same({ "", 0 }, { err, status })
    assert.equal(1, select(2, out:gsub("\n", "")))
    assert.is_true(exists(mark))
    os.remove(mark)
    assert.truthy(precis.policy(dir .. "/in/deep/p.yaml", { trust = true }))
    assert.is_true(exists(mark))
    os.remove(mark)
    assert.truthy(precis.policy(dir .. "/in/deep/p.yaml", { trust = true }))
    assert.is_false(exists(mark)) -- once per process
    assert.is_nil((precis.new({ policy = dir .. "/in/deep/p.yaml" })))
    assert.truthy(precis.new({ policy = dir .. "/in/deep/p.yaml", trust_policy = true }))
  end)

  it("sandboxed code cannot replace what trusted code registered", function()
    write(dir .. "/q.lua", "local precis = ...\nprecis.filter('questions', function() return true end)\n")
    write(dir .. "/p.yaml", "lua: q.lua\n")
    assert.equal(dir .. "/p.yaml:1:6: running 'q.lua' failed: " .. dir .. "/q.lua:2: bad argument " ..
                 "#1 to 'filter' ('questions' is registered by trusted code)",
                 refused(precis.policy(dir .. "/p.yaml")))
  end)

  it("sandboxed hooks get copies: what they change stays theirs", function()
    write(dir .. "/m.lua", [[
local precis = ...
precis.filter("spec_meddle", function(s, ctx)
  s.unit, s.doc, s.position = 1, 99, -1
  ctx.sentences[1] = nil
  ctx.documents[1].name = "x"
  return false
end)
precis.scorer("spec_meddle", function(list, ctx)
  local out = {}
  for k, s in ipairs(list) do out[k] = 1; s.unit = 1 end
  return setmetatable({}, { __index = function(_, k) return out[k] end })
end, "document")
]])
    write(dir .. "/p.yaml", "lua: m.lua\nfilters: [spec_meddle]\nscorers: { spec_meddle: 1, position: 1 }\n")
    local r = assert(precis.summarize(ARTICLE, { policy = dir .. "/p.yaml" }))
    local base = assert(precis.summarize(ARTICLE, { weights = { position = 1 } }))
    assert.same(texts(base), texts(r))
    assert.equal(1, r.sentences[1].scores.spec_meddle)
  end)

  it("options: misuse raises", function()
    assert.has_error(function() precis.policy("news", { trust = "yes" }) end,
                     "bad argument #2 to 'policy' (option 'trust' must be a boolean)")
    assert.has_error(function() precis.policy("news", { trusted = true }) end,
                     "bad argument #2 to 'policy' (unknown option 'trusted')")
    assert.has_error(function() precis.new({ policy = "news", trust_policy = 1 }) end,
                     "option 'trust_policy' must be a boolean, got number")
  end)
end)

describe("summarize policy", function()
  it("check prints nothing for good policies", function()
    local out, err, status = summarize({ "policy", "check", F .. "child.yaml", "news" })
    assert.same({ "", "", 0 }, { out, err, status })
  end)

  it("check prints every error and exits 2", function()
    local out, err, status = summarize({ "policy", "check", F .. "child.yaml",
                                         F .. "unknown-key.yaml", F .. "range.yaml" })
    assert.equal("", out)
    assert.equal(2, status)
    assert.equal("summarize: " .. F .. "unknown-key.yaml:3:1: unknown key 'lenght' " ..
                 "(did you mean 'length'?)\nsummarize: " .. F .. "range.yaml:4:11: " ..
                 "'redundancy.lambda' must be in [0, 1], got 1.5\n", err)
  end)

  it("a bad --policy exits 2 with FILE:LINE:COL", function()
    local out, err, status = summarize({ "--policy", F .. "wrong-type.yaml",
                                         "spec/fixtures/orchard.txt" })
    assert.same({ "", 2 }, { out, status })
    assert.equal("summarize: " .. F .. "wrong-type.yaml:3:14: 'length.sentences' must be a " ..
                 "whole number, got 'three'\n", err)
  end)

  it("--policy summarizes as the policy says; options override it", function()
    local out, err, status = summarize({ "--policy", "news", "spec/fixtures/orchard.txt" })
    assert.same({ "", 0 }, { err, status })
    local _, n = out:gsub("\n", "")
    assert.equal(3, n)
    out = summarize({ "--policy", "news", "-n", "1", "spec/fixtures/orchard.txt" })
    _, n = out:gsub("\n", "")
    assert.equal(1, n)
  end)

  it("a policy's input format beats the guess from a file's name", function()
    local html = os.tmpname() .. ".html"
    local f = assert(io.open(html, "w"))
    f:write("<html><body><p>The harbour bridge will close to all traffic from March for ",
            "repairs. The council voted nine to four for the full closure.</p></body></html>\n")
    f:close()
    local yaml = os.tmpname() .. ".yaml"
    f = assert(io.open(yaml, "w"))
    f:write("input: { format: text }\nlength: { sentences: 1 }\n")
    f:close()
    local guessed = summarize({ "-n", "1", html })
    local stated = summarize({ "--policy", yaml, html })
    os.remove(html)
    os.remove(yaml)
    assert.equal("The harbour bridge will close to all traffic from March for repairs.\n", guessed)
    assert.matches("^<html><body><p>The harbour bridge", stated)
  end)

  it("a failing Lua scorer exits 1", function()
    local out, err, status = summarize({ "--policy", F .. "failing.yaml",
                                         "spec/fixtures/orchard.txt" })
    assert.same({ "", 1 }, { out, status })
    assert.matches("^summarize: policy 'failing': scorer 'fragile' failed: ", err)
  end)

  it("show prints the resolved policy", function()
    local out, err, status = summarize({ "policy", "show", F .. "child.yaml" })
    assert.same({ "", 0 }, { err, status })
    assert.equal(policy.show(assert(precis.policy(F .. "child.yaml"))), out)
    assert.matches("\nscorers:\n  lexrank:\n    weight: 1\n", out)
  end)

  it("list names the built-ins and their purpose", function()
    local out, _, status = summarize({ "policy", "list" })
    assert.equal(0, status)
    assert.matches("^default  +Any prose", out)
    assert.matches("\ntokenized  Pre%-tokenized", out)
  end)

  it("usage errors exit 2", function()
    local _, err, status = summarize({ "policy", "frob" })
    assert.equal(2, status)
    assert.equal("summarize: 'policy' needs check, show or list, not 'frob'\n", err)
    _, err, status = summarize({ "policy", "check" })
    assert.same({ "summarize: 'policy check' needs a FILE\n", 2 }, { err, status })
  end)
end)
