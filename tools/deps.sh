#!/bin/sh
# Installs the Debian packages precis needs, when missing.
#   sh tools/deps.sh          build and test (make test, make demo)
#   sh tools/deps.sh eval     also what make eval and make bench use
#   sh tools/deps.sh deb      the tools that build and check the Debian
#                             packages (tests/deb.sh; the build
#                             dependencies come from debian/control)
#   sh tools/deps.sh lua      also every Lua version (make test-lua-all)
#   sh tools/deps.sh hosts    also the programs of contrib/ (make test-hosts)
#   sh tools/deps.sh fuzz     also clang and libFuzzer (make fuzz)
# Each package and why it is needed is listed in README.md.
set -e
PKGS="gcc make pkg-config lua5.4 liblua5.4-dev libyaml-dev check lua-busted
libstemmer-dev libutf8proc-dev libmd4c-dev libgumbo-dev libjson-c-dev libpcre2-dev lua-cjson
scdoc groff-base man-db wordnet-base"
case "${1:-}" in
  eval) PKGS="$PKGS ots time" ;;
  deb) PKGS="$PKGS build-essential dpkg-dev debhelper dh-lua lintian" ;;
  # luajit2 is OpenResty's LuaJIT 2.1, the one nginx's Lua module needs:
  # Debian's luajit package would remove libnginx-mod-http-lua
  lua) PKGS="$PKGS lua5.1 liblua5.1-0-dev lua5.2 liblua5.2-dev lua5.3 liblua5.3-dev
luajit2 libluajit2-5.1-dev" ;;
  # Neovim and nginx's Lua module embed LuaJIT, pandoc 2 and pllua Lua 5.3
  hosts) PKGS="$PKGS neovim pandoc nginx libnginx-mod-http-lua postgresql-15
postgresql-15-pllua curl luajit2 libluajit2-5.1-dev lua5.3 liblua5.3-dev" ;;
  # clang 14 is Debian 12's; libFuzzer's runtime is packaged apart
  fuzz) PKGS="$PKGS clang libclang-rt-14-dev" ;;
  "") ;;
  *) echo "usage: sh tools/deps.sh [eval|deb|lua|hosts|fuzz]" >&2; exit 2 ;;
esac
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "precis: installing missing packages:$missing"
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
