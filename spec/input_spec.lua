-- Input options through the Lua module and the command: formats, unwrap,
-- language detection. The texts are written for these specs.

local precis = require "precis"

local MD = "# Ferry Timetable Changes\n\nThe ferry will leave every **twenty** " ..
           "minutes from May. The last boat leaves at midnight.\n\n" ..
           "```\nferry.schedule(20). No sentence.\n```\n\n" ..
           "- Tickets cost the same.\n- Bikes travel free.\n"

local HTML = "<html><head><title>Ferry Timetable Changes</title>" ..
             "<script>var x = 'No. Sentence.';</script></head><body>" ..
             "<nav>Home | Ferries</nav><p>The ferry will leave every <b>twenty</b> " ..
             "minutes from May. The last boat leaves at midnight.</p>" ..
             "<ul><li>Tickets cost the same.</li><li>Bikes travel free.</li></ul>" ..
             "<footer>All rights reserved.</footer></body></html>"

local WANT = { "Ferry Timetable Changes",
               "The ferry will leave every twenty minutes from May.",
               "The last boat leaves at midnight.",
               "Tickets cost the same.", "Bikes travel free." }

local function plain_units(r)
  local out = {}
  for _, u in ipairs(r.units) do
    if u.kind ~= "dropped" then out[#out + 1] = (u.plain:gsub("%s+", " ")) end
  end
  return out
end

describe("input formats", function()
  it("reads Markdown and HTML into the same sentences", function()
    local md = assert(precis.segment(MD, { input = "markdown" }))
    assert.same(WANT, plain_units(md))
    local html = assert(precis.segment(HTML, { input = "html" }))
    assert.same(WANT, plain_units(html))
  end)

  it("keeps offsets into the original bytes", function()
    local r = assert(precis.segment(HTML, { input = "html" }))
    for _, u in ipairs(r.units) do
      assert.equal(HTML:sub(u.i, u.j), u.text)
    end
    local first -- the first sentence, after the dropped menu
    for _, u in ipairs(r.units) do
      if u.kind ~= "dropped" and u.kind ~= "title" then first = first or u end
    end
    assert.equal("The ferry will leave every <b>twenty</b> minutes from May.", first.text)
    assert.equal("The ferry will leave every twenty minutes from May.", first.plain)
    assert.equal("navigation", r.units[2].rule) -- the menu, reported
  end)

  it("gives plain text its own bytes as plain", function()
    local r = assert(precis.segment("The ferry is late. It rains."))
    assert.equal(r.units[1].text, r.units[1].plain)
  end)

  it("rejects an unknown format and a non-boolean unwrap", function()
    assert.has_error(function() precis.new { input = "pdf" } end,
                     "option 'input' must be 'text', 'markdown' or 'html'")
    assert.has_error(function() precis.new { unwrap = 1 } end,
                     "option 'unwrap' must be a boolean")
  end)
end)

describe("unwrap", function()
  local lines = "The ferry will leave every twenty minutes from\nMay until the end of the season.\n"
  it("is automatic by default: a break before a capital stays where lines do not look wrapped", function()
    local r = assert(precis.segment(lines))
    assert.equal(2, #r.units)
  end)
  it("rejoins lines when true", function()
    local r = assert(precis.segment(lines, { unwrap = true }))
    assert.equal(1, #r.units)
  end)
  it("rejoins a Japanese line hard-wrapped before its particle, with no space", function()
    local r = assert(precis.segment("これは長い文のよう\nに見えますが、一つの文です。\n",
                                    { language = "japanese" }))
    assert.equal(1, #r.units)
    assert.equal("これは長い文のように見えますが、一つの文です。", r.units[1].plain)
    r = assert(precis.segment("これは父の\n家です。", { language = "japanese", unwrap = true }))
    assert.equal("これは父の家です。", r.units[1].plain)
  end)
  it("rejoins a word broken at U+2010 or a soft hyphen as at -", function()
    -- groff's UTF-8 output breaks words with U+2010 HYPHEN
    local text = "Die Hierar\226\128\144\nchien sind flach, die Ge\194\173\nschichte ist " ..
                 "lang und die Bau-\nten stehen.\n"
    local r = assert(precis.segment(text, { language = "german" }))
    assert.equal(1, #r.units)
    assert.equal("Die Hierar\226\128\144chien sind flach, die Geschichte ist lang und " ..
                 "die Bau-ten stehen.", r.units[1].plain)
    -- PDF-extracted text drops the hyphen unless the text writes the word with one
    r = assert(precis.segment(text, { language = "german", unwrap = true }))
    assert.equal("Die Hierarchien sind flach, die Geschichte ist lang und die Bauten stehen.",
                 r.units[1].plain)
  end)
  it("rejoins one sentence broken once by default", function()
    local r = assert(precis.segment("The ferry will leave every twenty\nminutes from May.\n"))
    assert.equal(1, #r.units)
    r = assert(precis.segment("The ferry will leave every twenty\nminutes from May.\n",
                              { unwrap = false }))
    assert.equal(2, #r.units)
  end)
end)

describe("language", function()
  it("is detected by default and reported", function()
    local r = assert(precis.segment("Die Fähre fährt ab Mai alle zwanzig Minuten. " ..
                                    "Das letzte Boot fährt um Mitternacht, und es ist nicht voll."))
    assert.equal("german", r.language)
    r = assert(precis.segment("The ferry leaves every twenty minutes."))
    assert.equal("english", r.language)
  end)
end)
