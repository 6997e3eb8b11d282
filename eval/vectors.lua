--- Checks eval's ROUGE against the figures printed by the official
-- ROUGE-1.5.5 (-c 95 -2 -1 -U -r 1000 -n 4 -w 1.2 -a, with -m for the
-- stemmed set) in <data>/rouge/vectors.jsonl. Prints every mismatch and
-- "N passed, M failed"; exits non-zero on any failure.

-- found from anywhere: the repository is the folder above this script's
local REPO = (arg and arg[0] or ""):match("^(.*)/eval/[^/]*$") or "."
package.path = package.path .. ";" .. REPO .. "/eval/?.lua;" .. REPO .. "/lua/?.lua;" ..
               REPO .. "/lua/?/init.lua"
package.cpath = package.cpath .. ";" .. REPO .. "/build/?.so"

local cjson = require "cjson"
local rouge = require "precis.rouge"
local datasets = require "datasets"

local abs, fmt = math.abs, string.format
local assert, ipairs, pairs, print = assert, ipairs, pairs, print

local TOLERANCE = 0.001
local METRICS = { "rouge_1", "rouge_2", "rouge_3", "rouge_4", "rouge_l" }
local SETTINGS = { stemmed = true, unstemmed = false }

local function check(vec)
  local problems = {}
  for setting, stem in pairs(SETTINGS) do
    local want = vec[setting]
    if want then
      local got = assert(rouge.score(vec.system, vec.references, { stem = stem, n = 4 }))
      for _, m in ipairs(METRICS) do
        if want[m] then
          for _, k in ipairs({ "r", "p", "f" }) do
            local w, g = want[m][k], got[m][k]
            if abs(w - g) > TOLERANCE then
              problems[#problems + 1] = fmt("%s %s %s-%s: got %.5f, official %.5f",
                vec.id, setting, m, k:upper(), g, w)
            end
          end
        end
      end
    end
  end
  return problems
end

datasets.require_data({ "rouge" }, "eval-rouge")
local path = datasets.data_dir() .. "/rouge/vectors.jsonl"
local f = assert(io.open(path, "r"), "cannot read " .. path)
local passed, failed = 0, 0
for line in f:lines() do
  if line:find("%S") then
    local problems = check(cjson.decode(line))
    if #problems == 0 then
      passed = passed + 1
    else
      failed = failed + 1
      for _, p in ipairs(problems) do print("FAIL " .. p) end
    end
  end
end
f:close()
print(fmt("%d passed, %d failed", passed, failed))
os.exit(failed == 0 and passed > 0 and 0 or 1)
