-- What the specs share, written once for every Lua they run under (make
-- test-lua-all): reading files and running commands with their exit status.
local M = {}

--- The whole content of a file.
function M.slurp(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

--- Writes `data` to the file at `path`, replacing it.
function M.spit(path, data)
  local f = assert(io.open(path, "wb"))
  f:write(data)
  f:close()
end

--- A new empty folder under the temporary directory; returns its path.
function M.tmpdir()
  local p = os.tmpname()
  os.remove(p)
  assert(os.execute("mkdir " .. M.quote(p)))
  return p
end

--- `s` quoted for sh.
function M.quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

--- Runs a shell command line; returns its standard output, standard error
-- and exit status. `stdin`: text for its standard input (default none).
-- The status is read back from a file, because io.popen():close() gives
-- it only from Lua 5.2 on.
function M.run(cmd, stdin)
  local errf, statf = os.tmpname(), os.tmpname()
  local inf = "/dev/null"
  if stdin then
    inf = os.tmpname()
    local f = assert(io.open(inf, "wb"))
    f:write(stdin)
    f:close()
  end
  local p = assert(io.popen("{ " .. cmd .. "; } 2>" .. errf .. " <" .. inf ..
                            "; echo $? >" .. statf, "r"))
  local out = p:read("*a")
  p:close()
  local err = M.slurp(errf)
  local status = tonumber(M.slurp(statf))
  os.remove(errf)
  os.remove(statf)
  if stdin then os.remove(inf) end
  return out, err, status
end

--- Makes the collector run a full cycle at almost every step, as Lua 5.4's
-- collectgarbage("incremental", 1, 1000) does; returns what undoes it.
function M.collect_all_the_time()
  if _VERSION == "Lua 5.4" then
    collectgarbage("incremental", 1, 1000)
    return function() collectgarbage("incremental", 200, 100) end
  end
  local pause = collectgarbage("setpause", 1)
  local stepmul = collectgarbage("setstepmul", 1000)
  return function()
    collectgarbage("setpause", pause)
    collectgarbage("setstepmul", stepmul)
  end
end

return M
