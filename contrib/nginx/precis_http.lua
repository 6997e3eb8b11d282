--- precis_http: `POST /summarize` for nginx with ngx_lua (OpenResty's Lua
-- module; Debian's libnginx-mod-http-lua), answering with the JSON that
-- `summarize --format json` writes.
--
--    location = /summarize {
--        content_by_lua_block { require("precis_http").handle() }
--    }
--
-- The body is the text (Content-Type text/plain, or none) with the options
-- in the query string (`?sentences=2&policy=news&name=a.txt`), or a JSON
-- object (Content-Type application/json) with `text` (a string) or
-- `documents` (a list of strings and of { "text": ..., "name": ... }) and
-- the options beside it ({"documents": [...], "words": 120, "policy":
-- "news"}). Options: those of precis.summarize that a client may set
-- (`sentences`, `words`, `chars`, `ratio`, `policy`, `method`, `language`,
-- `order`, `query`, `input`, `min_words`, `max_words`, `invalid_utf8`,
-- `unwrap`), and `name` for a text body. Errors are JSON too,
-- {"error": message, "code": code}: 400 for bad requests, unknown options
-- and bad text (invalid UTF-8: "EUTF8", with line, column and byte
-- offset), 405 for a method other than POST, 413 for input over precis's
-- limit, 415 for another content type. nginx itself answers 413 for a
-- body over client_max_body_size (see precis.conf for its JSON).
-- Needs lua-cjson (Debian: lua-cjson) to read JSON bodies.

local precis = require "precis"
local cli = require "precis.cli"
local json = require "precis.json"
local cjson = require "cjson.safe"

local ngx = ngx
local type, pairs, ipairs, tonumber, tostring, pcall = type, pairs, ipairs, tonumber, tostring, pcall
local open = io.open

local M = {}

-- the options a request may set: how a query string's value is read
local NUMBER, STRING, BOOLEAN = 1, 2, 3
local OPTIONS = {
  sentences = NUMBER, words = NUMBER, chars = NUMBER, ratio = NUMBER,
  min_words = NUMBER, max_words = NUMBER,
  policy = STRING, method = STRING, language = STRING, order = STRING,
  query = STRING, input = STRING, invalid_utf8 = STRING,
  unwrap = BOOLEAN,
}

local STATUS = { EUTF8 = 400, EEMPTY = 400, EPOLICY = 400, ELIMIT = 413 }

local function reply(status, body)
  ngx.status = status
  ngx.header["Content-Type"] = "application/json"
  if status == 405 then ngx.header["Allow"] = "POST" end
  ngx.print(body, "\n")
end

local function refuse(status, code, fmt, ...)
  reply(status, json.encode(json.object({ "error", "code" },
    { error = fmt:format(...), code = code })))
end

-- The request's body, in memory or, where nginx kept it in a temporary
-- file (a body over client_body_buffer_size), read from there.
local function body()
  ngx.req.read_body()
  local data = ngx.req.get_body_data()
  if data then return data end
  local path = ngx.req.get_body_file()
  if not path then return nil end
  local f = open(path, "rb")
  if not f then return nil end
  data = f:read("*a")
  f:close()
  return data
end

-- The query string's options; nil and a message for an unknown one.
local function query_options(opts)
  local args, err = ngx.req.get_uri_args(100)
  if err == "truncated" then return nil, "too many query arguments" end
  local name
  for k, v in pairs(args) do
    if type(v) == "table" then return nil, ("option '%s' is given twice"):format(k) end
    local kind = OPTIONS[k]
    if k == "name" then
      name = v
    elseif not kind then
      return nil, ("unknown option '%s'"):format(k)
    elseif kind == NUMBER then
      opts[k] = tonumber(v)
      if not opts[k] then return nil, ("option '%s' must be a number, got '%s'"):format(k, tostring(v)) end
    elseif kind == BOOLEAN then
      if v ~= "true" and v ~= "false" then
        return nil, ("option '%s' must be true or false, got '%s'"):format(k, tostring(v))
      end
      opts[k] = v == "true"
    else
      opts[k] = v
    end
  end
  return opts, name
end

-- The documents and options of a JSON body; nil and a message when it
-- is not what the endpoint takes.
local function json_request(data, opts)
  local req, err = cjson.decode(data)
  if type(req) ~= "table" or req[1] ~= nil then
    return nil, err and ("the body is not JSON: " .. err) or "the body must be a JSON object"
  end
  local docs
  for k, v in pairs(req) do
    if k == "text" then
      if type(v) ~= "string" then return nil, "'text' must be a string" end
      docs = { v }
    elseif k == "documents" then
      if type(v) ~= "table" or #v == 0 then
        return nil, "'documents' must be a list of strings and of {\"text\", \"name\"} objects"
      end
      docs = {}
      for i, d in ipairs(v) do
        if type(d) == "table" then
          for dk in pairs(d) do
            if dk ~= "text" and dk ~= "name" then
              return nil, ("document %d: unknown key '%s'"):format(i, tostring(dk))
            end
          end
          if d.name == cjson.null then d.name = nil end
        end
        docs[i] = d
      end
    elseif OPTIONS[k] then
      opts[k] = v
    else
      return nil, ("unknown option '%s'"):format(tostring(k))
    end
  end
  if req.text and req.documents then return nil, "give 'text' or 'documents', not both" end
  if not docs then return nil, "the JSON object needs 'text' or 'documents'" end
  return docs, opts
end

-- "/path/precis_http.lua:12: unknown option 'x'" -> "unknown option 'x'"
local function reason(msg)
  return (tostring(msg):gsub("^[^:\n]*:%d+: ", ""))
end

--- Answers the request (call it from content_by_lua).
function M.handle()
  if ngx.req.get_method() ~= "POST" then
    return refuse(405, "EMETHOD", "only POST is answered here")
  end
  local opts, name = query_options({})
  if not opts then return refuse(400, "EOPTION", "%s", name) end
  local data = body()
  if not data or data == "" then return refuse(400, "EEMPTY", "the request has no body") end
  local ctype = (ngx.var.content_type or "text/plain"):lower():match("^[^;%s]+")
  local docs
  if ctype == "application/json" then
    local why
    docs, why = json_request(data, opts)
    if not docs then return refuse(400, "EREQUEST", "%s", why) end
    if name then return refuse(400, "EOPTION", "'name' goes with a text body; a JSON body names its documents") end
  elseif ctype == "text/plain" then
    docs = { { text = data, name = name } }
  else
    return refuse(415, "ETYPE", "the body must be text/plain or application/json, not %s", ctype)
  end
  local ok, s, msg, code = pcall(precis.new, opts)
  if not ok then return refuse(400, "EOPTION", "%s", reason(s)) end
  if not s then return refuse(STATUS[code] or 400, code, "%s", msg) end
  local r
  ok, r, msg, code = pcall(s.summarize, s, docs, { units = false })
  s:close()
  if not ok then return refuse(400, "EREQUEST", "%s", reason(r)) end
  if not r then return refuse(STATUS[code] or 400, code or "EFAIL", "%s", msg) end
  reply(200, cli.summary_json(r, false))
end

return M
