-- Segmentation held to its measured quality (make eval-seg): pySBD's
-- golden rules, where one case is left on purpose (eval/README.md), and
-- the scraped pages of eval/web, whose every gold unit must come out.
-- Needs the golden rules (../shared/data or $PRECIS_DATA) and lua-cjson
-- (tools/deps.sh eval); without them it says so and passes.
local data = os.getenv("PRECIS_DATA") or "../shared/data"
local has_cjson = pcall(require, "cjson")
local f = io.open(data .. "/segmentation/english.jsonl")
if f then f:close() end

describe("make eval-seg", function()
  it("passes every golden case pySBD passes but one, and finds every gold unit", function()
    if not (f and has_cjson) then
      print("seg_spec: no golden rules or no lua-cjson here; skipped")
      return
    end
    local p = assert(io.popen("PRECIS_DATA='" .. data .. "' lua5.4 eval/seg.lua 2>&1"))
    local out = p:read("a")
    p:close()
    local missed = tonumber(out:match("Cases pySBD passes that precis fails: (%d+) of"))
    assert.is_not_nil(missed, out)
    assert.is_true(missed <= 1, out:match("Cases pySBD[^\n]*"))
    local recall = out:match("\n| all |  | %d+ | %d+ | %d+ | [%d.]+ | ([%d.]+) |")
    assert.equal("1.000", recall)
  end)
end)
