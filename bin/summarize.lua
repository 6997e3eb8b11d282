#!/usr/bin/env lua5.4
-- summarize: the precis command line (see precis.cli, or summarize --help).
local ok, cli = pcall(require, "precis.cli")
if not ok then -- the modules do not load: out of memory, or not installed
  if type(cli) == "string" and cli:find("not enough memory", 1, true) then
    io.stderr:write("summarize: out of memory\n")
  else -- its first line: where the module was looked for is no news
    io.stderr:write("summarize: ", (tostring(cli):match("^[^\n]*")), "\n")
  end
  os.exit(1)
end
os.exit(cli.main(arg))
