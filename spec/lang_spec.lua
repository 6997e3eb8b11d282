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

-- ---------------------------------------------------------------------
-- The property test: every language pack's words (lang/*.txt: stopwords,
-- abbreviations, months, phrases) and random words of every script, in
-- random sentences, through segmentation and summaries with every pack,
-- `none` and `auto`. No crash, no error but "nothing to summarize", and
-- every unit a span of the text that reads as it says.
-- ---------------------------------------------------------------------

-- Park and Miller's generator: exact in doubles and in integers alike
local seed = 20261204
local function rand(n)
  seed = seed * 16807 % 2147483647
  return seed % n + 1
end

local function utf8_char(cp)
  if cp < 0x80 then return string.char(cp) end
  if cp < 0x800 then
    return string.char(0xC0 + math.floor(cp / 64), 0x80 + cp % 64)
  end
  if cp < 0x10000 then
    return string.char(0xE0 + math.floor(cp / 4096), 0x80 + math.floor(cp / 64) % 64,
                       0x80 + cp % 64)
  end
  return string.char(0xF0 + math.floor(cp / 262144), 0x80 + math.floor(cp / 4096) % 64,
                     0x80 + math.floor(cp / 64) % 64, 0x80 + cp % 64)
end

-- does s hold whole UTF-8 characters only?
local function whole_utf8(s)
  local i, n = 1, #s
  while i <= n do
    local c = s:byte(i)
    local len = c < 0x80 and 1 or (c >= 0xC2 and c < 0xE0) and 2 or
                (c >= 0xE0 and c < 0xF0) and 3 or (c >= 0xF0 and c < 0xF5) and 4 or 0
    if len == 0 or i + len - 1 > n then return false end
    for k = i + 1, i + len - 1 do
      local d = s:byte(k)
      if d < 0x80 or d > 0xBF then return false end
    end
    i = i + len
  end
  return true
end

-- the words of a language pack: every list and phrase, and the months
local function pack_words(path)
  local words = {}
  for line in io.lines(path) do
    if not line:match("^%s*#") and not line:match("^%[") then
      local key, rest = line:match("^(%a+)%s+(.*)$")
      if key == "months" or key == "terminators" then line = rest
      elseif key == "name" or key == "code" or key == "script" or key == "stemmer" or
             key == "flags" then line = "" end
      for w in line:gmatch("%S+") do words[#words + 1] = w end
    end
  end
  return words
end

-- letters of each script: { ranges of letters, ranges of marks }
local SCRIPTS = {
  latin = { { { 0x61, 0x7A }, { 0x41, 0x5A }, { 0xC0, 0xD6 }, { 0xD8, 0xF6 }, { 0x100, 0x17F } } },
  cyrillic = { { { 0x410, 0x44F }, { 0x451, 0x451 }, { 0x4D8, 0x4E9 } } },
  greek = { { { 0x3B1, 0x3C9 }, { 0x391, 0x3A9 }, { 0x3AC, 0x3AF }, { 0x3CC, 0x3CE } } },
  arabic = { { { 0x621, 0x64A } }, { { 0x64B, 0x652 } } },
  hebrew = { { { 0x5D0, 0x5EA } }, { { 0x5B0, 0x5BC } } },
  devanagari = { { { 0x905, 0x939 } }, { { 0x93E, 0x94D } } },
  thai = { { { 0xE01, 0xE2E }, { 0xE40, 0xE46 } }, { { 0xE31, 0xE3A }, { 0xE47, 0xE4E } } },
  han = { { { 0x4E00, 0x9FFF } } },
  kana = { { { 0x3041, 0x3096 }, { 0x30A1, 0x30FA }, { 0x30FC, 0x30FC } } },
  hangul = { { { 0xAC00, 0xD7A3 } } },
  armenian = { { { 0x561, 0x586 }, { 0x531, 0x556 } } },
  georgian = { { { 0x10D0, 0x10FA } } },
  ethiopic = { { { 0x1200, 0x1248 }, { 0x1250, 0x135A } } },
  marks = { { { 0x61, 0x7A } }, { { 0x300, 0x36F } } },
  emoji = { { { 0x1F600, 0x1F64F }, { 0x1F300, 0x1F5FF }, { 0x1F1E6, 0x1F1FF } },
            { { 0x200D, 0x200D }, { 0xFE0F, 0xFE0F }, { 0x1F3FB, 0x1F3FF } } },
}

local function pick(ranges)
  local r = ranges[rand(#ranges)]
  return r[1] + rand(r[2] - r[1] + 1) - 1
end

local function script_words(spec, n)
  local words = {}
  for k = 1, n do
    local w = {}
    if spec[2] and rand(8) == 1 then w[#w + 1] = utf8_char(pick(spec[2])) end -- a mark first
    for _ = 1, rand(7) do
      w[#w + 1] = utf8_char(pick(spec[1]))
      if spec[2] and rand(3) == 1 then
        for _ = 1, rand(3) do w[#w + 1] = utf8_char(pick(spec[2])) end
      end
    end
    words[k] = table.concat(w)
  end
  return words
end

-- what may end a sentence or sit between words, in many scripts
local PUNCT = { ". ", "! ", "? ", "... ", "\226\128\166 ", "\227\128\130", "\216\159 ", "\216\140 ",
                "\224\165\164 ", "\214\137 ", "\225\141\162 ", "; ", ": ", ", ", ". - ",
                ". \226\128\148", " (", ") ", "\194\171", "\194\187 ", "\"", "'' ", " ``", "\n",
                "\n\n", "\n- ", "\n1) ", "\n2. ", "  ", "\t", " [1] ", "\194\173", "\226\128\144\n",
                "-\n", "\227\128\140", "\227\128\141", " \226\128\156", "\226\128\157 ", "\n****\n",
                "\nThanks,\n", " 14.11.2023 ", " 2023\229\185\18711\230\156\136 " }

-- a text of `words` in random order, in sentences of 1 to 12 words
local function text_of(words)
  local order, out = {}, {}
  for k = 1, #words do order[k] = words[k] end
  for k = #order, 2, -1 do
    local j = rand(k)
    order[k], order[j] = order[j], order[k]
  end
  local k = 1
  while k <= #order do
    for _ = 1, rand(12) do
      if k > #order then break end
      out[#out + 1] = order[k]
      out[#out + 1] = rand(6) == 1 and PUNCT[rand(#PUNCT)] or " "
      k = k + 1
    end
    out[#out + 1] = PUNCT[rand(10)]
  end
  return table.concat(out)
end

local KINDS = { sentence = true, title = true, heading = true, dropped = true, fragment = true }

-- every unit is its span's bytes, in order, on whole characters
local function check_units(text, units, where)
  local last = 0
  for n, u in ipairs(units) do
    assert(KINDS[u.kind], where .. ": unit " .. n .. " of kind " .. tostring(u.kind))
    assert(u.i >= 1 and u.j <= #text and u.j >= u.i - 1,
           where .. ": unit " .. n .. " spans " .. u.i .. ".." .. u.j)
    assert(u.i > last, where .. ": unit " .. n .. " overlaps the one before")
    last = u.j
    assert(u.text == text:sub(u.i, u.j), where .. ": unit " .. n .. " is not its span")
    assert(whole_utf8(u.text), where .. ": unit " .. n .. " cuts a character")
    if u.kind ~= "dropped" then
      assert(#u.text > 0, where .. ": unit " .. n .. " is empty")
      assert(not u.text:match("^%s") and not u.text:match("%s$"),
             where .. ": unit " .. n .. " is not trimmed")
    end
  end
end

local LANGS = precis.languages() -- "none" among them
LANGS[#LANGS + 1] = "auto"

local function through_everything(name, text)
  for _, lang in ipairs(LANGS) do
    local where = name .. " read as " .. lang
    local r, msg, code = precis.segment(text, { language = lang })
    assert(r, where .. ": segment failed: " .. tostring(msg))
    check_units(text, r.units, where)
    r, msg, code = precis.summarize(text, { language = lang, sentences = 3, min_words = 1 })
    if r then
      check_units(text, r.units, where .. " (summary)")
      assert(#r.sentences <= 3, where .. ": more than 3 sentences")
      for _, s in ipairs(r.sentences) do
        assert(s.kind == "sentence" and s.text == text:sub(s.i, s.j), where .. ": a bad selection")
      end
    else
      assert(code == "EEMPTY", where .. ": " .. tostring(msg) .. " (" .. tostring(code) .. ")")
    end
  end
end

describe("every language pack's words", function()
  local p = assert(io.popen("ls lang/*.txt"))
  local paths = {}
  for path in p:lines() do paths[#paths + 1] = path end
  p:close()
  assert.is_true(#paths >= 40)
  for _, path in ipairs(paths) do
    it("go through every language: " .. path, function()
      through_everything(path, text_of(pack_words(path)))
    end)
  end
end)

describe("random words of every script", function()
  local names = {}
  for name in pairs(SCRIPTS) do names[#names + 1] = name end
  table.sort(names)
  for _, name in ipairs(names) do
    it("go through every language: " .. name, function()
      through_everything(name, text_of(script_words(SCRIPTS[name], 300)))
    end)
  end
  it("go through every language: all scripts at once", function()
    local words = {}
    for _, name in ipairs(names) do
      for _, w in ipairs(script_words(SCRIPTS[name], 40)) do words[#words + 1] = w end
    end
    through_everything("all scripts", text_of(words))
  end)
end)
