-- precis in PostgreSQL, through PL/Lua (pllua, the trusted language):
--
--   precis_summarize(body text, sentences integer DEFAULT 3, policy text DEFAULT NULL)
--     RETURNS text: the summary, its sentences in document order, joined
--     by one space (white space inside a sentence shown as one space)
--
--   precis_sentences(body text, sentences integer DEFAULT 3, policy text DEFAULT NULL)
--     RETURNS TABLE (n, sentence, byte_start, byte_end, char_start, char_end, score):
--     the summary's sentences as rows, in summary order (n from 1), each
--     with its exact text and where it lies in body: bytes and characters,
--     from 0, end excluded, so that
--     substr(body, char_start + 1, char_end - char_start) = sentence
--
-- `sentences` NULL takes the policy's length (3 without one); `policy` is
-- a built-in policy's name ("news", "report", ...) or a YAML file the
-- server can read. A NULL body, or one with nothing to summarize, gives
-- NULL (no rows); a bad policy or budget is an error. Both functions are
-- STABLE: the same text gives the same summary while policy files stay
-- as they are.
--
-- The server must let the trusted language load precis: in
-- postgresql.conf, pllua.on_init = 'require("pllua.trusted").allow("precis")'
-- (see README.md beside this file). Then, as a superuser or a user who
-- may create functions in pllua:
--   CREATE EXTENSION IF NOT EXISTS pllua;
--   \i contrib/postgresql/precis.sql

CREATE OR REPLACE FUNCTION precis_summarize(body text, sentences integer DEFAULT 3,
                                            policy text DEFAULT NULL)
RETURNS text
LANGUAGE pllua STABLE PARALLEL SAFE
AS $$
  if body == nil then return nil end
  local precis = require "precis"
  local r, msg, code = precis.summarize(body, { sentences = sentences, policy = policy })
  if not r then
    if code == "EEMPTY" then return nil end
    error(msg, 0)
  end
  local out = {}
  for k, s in ipairs(r.sentences) do
    out[k] = (s.plain or s.text):gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")
  end
  return table.concat(out, " ")
$$;

COMMENT ON FUNCTION precis_summarize(text, integer, text) IS
  'precis: the summary of body in `sentences` sentences (NULL: the policy''s length), as one paragraph';

CREATE OR REPLACE FUNCTION precis_sentences(body text, sentences integer DEFAULT 3,
                                            policy text DEFAULT NULL)
RETURNS TABLE (n integer, sentence text, byte_start integer, byte_end integer,
               char_start integer, char_end integer, score double precision)
LANGUAGE pllua STABLE PARALLEL SAFE
AS $$
  if body == nil then return end
  local precis = require "precis"
  local r, msg, code = precis.summarize(body, { sentences = sentences, policy = policy })
  if not r then
    if code == "EEMPTY" then return end
    error(msg, 0)
  end
  for k, s in ipairs(r.sentences) do
    -- characters before the sentence and in it: a UTF8 database's text
    -- is valid UTF-8, so utf8.len counts
    local before = utf8.len(body, 1, s.i - 1)
    coroutine.yield(k, s.text, s.i - 1, s.j, before, before + utf8.len(s.text), s.score)
  end
$$;

COMMENT ON FUNCTION precis_sentences(text, integer, text) IS
  'precis: the summary''s sentences as rows, with their byte and character offsets into body';
