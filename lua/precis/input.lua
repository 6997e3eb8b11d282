--- precis.input: reading a file or a stream in bounded chunks, for the
-- command and for policy files. Small and apart, so that a summary
-- without a policy does not load precis.policy.
-- @module precis.input

local open, tostring = io.open, tostring
local min = math.min
local concat = table.concat
local format, sub = string.format, string.sub

local M = {}

--- The engine's limit on a summary's input, when nothing sets
-- `input.max_bytes` (PRECIS_MAX_INPUT_BYTES in include/precis.h).
M.MAX_INPUT_BYTES = 64 * 1024 * 1024

--- Reads a file of at most `limit` bytes, in chunks: a file over the
-- limit is refused without reading the rest (a regular file by its size,
-- unread), so that /dev/zero or a pipe that never ends costs `limit`.
-- @tparam string path
-- @tparam number limit
-- @treturn[1] string the bytes
-- @treturn[2] nil
-- @treturn[2] string why, without the path ("No such file or directory",
-- "over the limit of 1048576 bytes")
-- @treturn[2] string "EIO", "ELIMIT", or "ENOMEM" (the system's "Cannot
-- allocate memory")
function M.read_file(path, limit)
  local f, why = open(path, "rb")
  if not f then
    if sub(why, 1, #path + 2) == path .. ": " then why = sub(why, #path + 3) end
    return nil, why, why == "Cannot allocate memory" and "ENOMEM" or "EIO"
  end
  local text, rerr, code = M.read_stream(f, limit)
  f:close()
  return text, rerr, code
end

local CHUNK = 65536

--- Reads an open file (standard input, say) to its end, as read_file.
function M.read_stream(f, limit)
  local parts, n = {}, 0
  local first, why = f:read(min(CHUNK, limit + 1))
  if first == nil and why then return nil, tostring(why), "EIO" end -- a directory, say
  if first then
    parts[1], n = first, #first
    local here = f:seek("cur") -- a regular file knows its size; a pipe does not
    local size = here and f:seek("end")
    local start = here and here - #first -- where the first chunk began
    if size and f:seek("set", here) and size > limit then
      n = size
    elseif size and size > here and start >= 0 and f:seek("set", start) then
      -- the whole file in one read: chunks and their concatenation would
      -- copy the text several times over
      local all, rerr = f:read(size - start)
      if all == nil and rerr then return nil, tostring(rerr), "EIO" end
      parts[1] = all or ""
      n = #parts[1]
    end
  end
  while first and n <= limit do
    local chunk, rerr = f:read(min(CHUNK, limit + 1 - n))
    if chunk == nil then
      if rerr then return nil, tostring(rerr), "EIO" end
      break
    end
    parts[#parts + 1] = chunk
    n = n + #chunk
  end
  if n > limit then return nil, format("over the limit of %.0f bytes", limit), "ELIMIT" end
  return parts[2] and concat(parts) or parts[1] or ""
end

return M
