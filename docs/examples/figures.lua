-- figures.lua: a scorer for policies that want the numbers of a story.
-- Run by a policy that names it under `lua:`; registers one scorer.
local precis = ...

-- How many figures a sentence gives: amounts, counts, dates, percentages.
-- A word such as "$1.8" or "61,000" counts once.
precis.scorer("figures", function(sentence, context)
  local n = 0
  for _ in sentence.text:gmatch("%d[%d.,]*") do n = n + 1 end
  if n == 0 then return 0 end
  return math.min(n, context.params.cap or 3)
end)
