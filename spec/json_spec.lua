-- precis.json: the encoder behind `summarize --format json`.
local json = require "precis.json"
local dkjson = require "dkjson" -- decoding only

describe("precis.json", function()
  it("writes object keys in the order given, leaving nil values out", function()
    assert.equal('{"b":1,"a":[true,false],"c":"x"}',
                 json.encode(json.object({ "b", "a", "z", "c" },
                                         { a = { true, false }, b = 1, c = "x" })))
  end)

  it("sorts the keys of plain tables and tells empty arrays from objects", function()
    assert.equal('{"a":1,"b":{},"c":[]}',
                 json.encode({ c = json.array(), b = json.object({}, {}), a = 1 }))
    assert.equal("[]", json.encode({}))
    assert.equal("null", json.encode(json.null))
  end)

  it("writes integers as integers and floats with six significant digits", function()
    assert.equal("[0,-3,0.5,0.333333,1,1e-07]",
                 json.encode({ 0, -3, 0.5, 1 / 3, 1.0, 1e-7 }))
    assert.has_error(function() json.encode({ 0 / 0 }) end,
                     "cannot encode a non-finite number in JSON")
    assert.has_error(function() json.encode({ math.huge }) end,
                     "cannot encode a non-finite number in JSON")
  end)

  it("escapes what JSON needs and keeps other UTF-8 as is", function()
    local s = 'a "quote", a \\ backslash, \n\t\r\b\f, \0 and \1, caf\195\169 \226\128\168'
    local out = json.encode(s)
    assert.equal('"a \\"quote\\", a \\\\ backslash, \\n\\t\\r\\b\\f, \\u0000 and ' ..
                 '\\u0001, caf\195\169 \\u2028"', out)
    assert.equal(s, dkjson.decode(out))
  end)

  it("replaces bytes that are not UTF-8 so that the output stays valid", function()
    assert.equal('"a\239\191\189b\239\191\189\239\191\189c"', json.encode("a\255b\226\130c"))
    assert.equal("ok \239\191\189", json.clean_utf8("ok \192"))
    local s = "plain"
    assert.equal(s, json.clean_utf8(s))
  end)

  it("refuses values JSON cannot hold", function()
    assert.has_error(function() json.encode({ [true] = 1 }) end,
                     "cannot encode a table with a boolean key in JSON")
    assert.has_error(function() json.encode(print) end,
                     "cannot encode a function in JSON")
  end)
end)
