-- The module of the tree loads in this Lua and summarizes (debian/rules).
local f = assert(io.open("examples/harbour-bridge.txt", "rb"))
local r = assert(require("precis").summarize(f:read("*a"), { sentences = 2 }))
f:close()
assert(#r.sentences == 2)
print(_VERSION .. ": " .. r.sentences[1].text)
