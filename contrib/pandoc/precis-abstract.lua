--- precis-abstract.lua: a pandoc Lua filter that writes the `abstract`
-- metadata of a document from its own sentences, with precis, unless the
-- document has an abstract already.
--
--    pandoc --lua-filter precis-abstract.lua -s article.md -o article.html
--
-- Metadata it reads (all optional):
--
--    precis-sentences: 3      the abstract's length in sentences (default:
--                             the policy's, else 3)
--    precis-words: 120        or in words (whole sentences up to that many)
--    precis-policy: news      a built-in policy, or a YAML file's path
--    precis-language: german  the language (default: detected)
--
-- Any other precis-* key is an error, so that a misspelt one does not go
-- unnoticed. The body goes to precis as CommonMark, after the title as a
-- heading, so headings, code, tables and markup stay out of the sentences;
-- the abstract is one paragraph of the chosen sentences in document order.
-- Needs `require "precis"` to work in pandoc's Lua (5.3 in pandoc 2.x, 5.4
-- in pandoc 3): see README.md beside this file.

local ok, precis = pcall(require, "precis")
if not ok then
  error("precis-abstract.lua: cannot load precis (see contrib/pandoc/README.md): "
        .. tostring(precis), 0)
end

local stringify = pandoc.utils.stringify

local function fail(fmt, ...)
  error("precis-abstract.lua: " .. string.format(fmt, ...), 0)
end

local function whole_number(key, v)
  local s = stringify(v)
  local n = tonumber(s)
  if not n or n < 1 or n % 1 ~= 0 then
    fail("metadata '%s' must be a positive whole number, got '%s'", key, s)
  end
  return math.floor(n)
end

-- precis options from the document's precis-* metadata
local READERS = {
  ["precis-sentences"] = function(o, v) o.sentences = whole_number("precis-sentences", v) end,
  ["precis-words"] = function(o, v) o.words = whole_number("precis-words", v) end,
  ["precis-policy"] = function(o, v) o.policy = stringify(v) end,
  ["precis-language"] = function(o, v) o.language = stringify(v) end,
}

local function options(meta)
  local o = { input = "markdown" }
  for key, value in pairs(meta) do
    if key:match("^precis%-") then
      local read = READERS[key]
      if not read then
        fail("unknown metadata '%s' (precis-sentences, precis-words, precis-policy " ..
             "and precis-language are known)", key)
      end
      read(o, value)
    end
  end
  if o.sentences and o.words then
    fail("metadata 'precis-sentences' and 'precis-words' cannot be combined")
  end
  return o
end

-- Words of `text` as pandoc inlines: Str and Space.
local function inlines(text)
  local out = {}
  for word in text:gmatch("%S+") do
    if #out > 0 then out[#out + 1] = pandoc.Space() end
    out[#out + 1] = pandoc.Str(word)
  end
  return out
end

function Pandoc(doc)
  if doc.meta.abstract ~= nil then return nil end
  local opts = options(doc.meta)
  local body = pandoc.write(pandoc.Pandoc(doc.blocks), "commonmark", { wrap_text = "wrap-none" })
  if doc.meta.title ~= nil then
    body = "# " .. stringify(doc.meta.title) .. "\n\n" .. body
  end
  local okay, r, msg, code = pcall(precis.summarize, body, opts)
  if not okay then fail("%s", tostring(r)) end -- a bad option, e.g. an unknown language
  if not r then
    if code == "EEMPTY" then
      io.stderr:write("precis-abstract.lua: no sentence to make an abstract of\n")
      return nil
    end
    fail("%s", msg)
  end
  local words = {}
  for _, s in ipairs(r.sentences) do words[#words + 1] = s.plain or s.text end
  doc.meta.abstract = pandoc.MetaBlocks({ pandoc.Para(inlines(table.concat(words, " "))) })
  return doc
end
