-- Writes lua/precis/policies.lua, the module that carries the built-in
-- policies (policies/*.yaml) wherever precis is installed:
--   lua5.4 tools/embed_policies.lua policies/*.yaml > lua/precis/policies.lua
-- (`make policies` runs it).
local names, texts = {}, {}
for _, path in ipairs(arg) do
  local name = path:match("([^/]+)%.yaml$")
  if not name then error("not a .yaml file: " .. path) end
  local f = assert(io.open(path, "rb"))
  texts[name] = f:read("a")
  f:close()
  names[#names + 1] = name
end
table.sort(names)
local out = {
  "-- precis.policies: the built-in policies, name -> YAML text.",
  "-- Generated from policies/*.yaml by `make policies`: edit those, not this.",
  "return {",
}
for _, name in ipairs(names) do
  local text, level = texts[name], 1
  while text:find("]" .. ("="):rep(level) .. "]", 1, true) do level = level + 1 end
  local eq = ("="):rep(level)
  out[#out + 1] = ("  [%q] = [%s[\n%s]%s],"):format(name, eq, text, eq)
end
out[#out + 1] = "}"
io.write(table.concat(out, "\n"), "\n")
