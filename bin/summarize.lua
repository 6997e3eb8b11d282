#!/usr/bin/env lua5.4
-- summarize: the precis command line (see precis.cli, or summarize --help).
os.exit(require("precis.cli").main(arg))
