#!/bin/sh
# The Neovim plugin inside Neovim: nvim --headless runs test.lua, with
# precis from the checkout (run from anywhere; make test-hosts runs it).
set -eu
cd "$(dirname "$0")/../../.."
exec nvim --headless -u NONE -i NONE -n --cmd "set rtp^=$PWD/contrib/neovim" \
  -c "luafile contrib/neovim/test/test.lua"
