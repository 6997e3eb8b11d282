-- Documents that carry a date: the date is reported, and order = "date"
-- follows the story in time whatever order the documents came in.
local precis = require "precis"

local NEWER = "date 2023-11-14 The ferry service resumed on Tuesday after " ..
              "the strike ended.\n"
local OLDER = "Ferry Strike\n\nNovember 6, 2023\n\nFerry crews walked out " ..
              "on Monday over pay and rosters.\n"

describe("dated documents", function()
  it("report the date they carry, or none", function()
    local r = assert(precis.summarize({ NEWER, OLDER, "No date here at all, " ..
                                        "only a plain sentence." },
                                      { sentences = 1 }))
    assert.equal("2023-11-14", r.documents[1].date)
    assert.equal("2023-11-06", r.documents[2].date)
    assert.is_nil(r.documents[3].date)
  end)

  it("put the older document's sentence first with order = 'date'", function()
    local r = assert(precis.summarize({ NEWER, OLDER },
                                      { sentences = 2, order = "date" }))
    assert.equal(2, #r.sentences)
    assert.equal(2, r.sentences[1].doc)
    assert.equal(1, r.sentences[2].doc)
    r = assert(precis.summarize({ NEWER, OLDER },
                                { sentences = 2, order = "document" }))
    assert.equal(1, r.sentences[1].doc)
  end)

  it("reject an unknown order", function()
    assert.has_error(function() precis.new { order = "time" } end,
                     "option 'order' must be 'document', 'score' or 'date'")
  end)
end)
