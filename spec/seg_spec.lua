-- Segmentation held to its measured quality (make eval-seg): pySBD's
-- golden rules, where five cases are left on purpose (eval/README.md:
-- three Arabic ones that end sentences at the comma and the colon, one
-- that splits an enumeration in lowercase inside a sentence, and a line
-- of underscores), the scraped pages of eval/web, whose every gold
-- unit must come out, and the Universal Dependencies dev treebanks.
-- Needs the golden rules (../shared/data or $PRECIS_DATA) and lua-cjson
-- (tools/deps.sh eval); without them it says so and passes.
local data = os.getenv("PRECIS_DATA") or "../shared/data"
local has_cjson = pcall(require, "cjson")
local f = io.open(data .. "/segmentation/english.jsonl")
if f then f:close() end

describe("make eval-seg", function()
  it("passes every golden case pySBD passes but five, and finds every gold unit", function()
    if not (f and has_cjson) then
      print("seg_spec: no golden rules or no lua-cjson here; skipped")
      return
    end
    local p = assert(io.popen("PRECIS_DATA='" .. data .. "' lua5.4 eval/seg.lua 2>&1"))
    local out = p:read("*a")
    p:close()
    local missed = tonumber(out:match("Cases pySBD passes that precis fails: (%d+) of"))
    assert.is_not_nil(missed, out)
    assert.is_true(missed <= 5, out:match("Cases pySBD[^\n]*"))
    -- every English golden rule that pySBD passes
    assert.is_truthy(out:match("\n| english | english | 47/48 |"), out:match("\n| english |[^\n]*"))
    assert.is_truthy(out:match("\n| arabic | arabic | 2/5 |"), out:match("\n| arabic |[^\n]*"))
    local recall = out:match("\n| all |  | %d+ | %d+ | %d+ | [%d.]+ | ([%d.]+) |")
    assert.equal("1.000", recall)
  end)
end)
