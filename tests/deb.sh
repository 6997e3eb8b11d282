#!/bin/sh
# The Debian packages, built, checked and used as a user would (.ci/run
# runs this; make test does not, since it installs packages):
#   1. dpkg-buildpackage -us -uc -b in a copy of the tree;
#   2. lintian on the result: no error, no warning (debian/*.lintian-overrides
#      says why each overridden tag does not apply);
#   3. apt-get install ./...deb, then summarize on the PATH, require "precis"
#      in every packaged Lua, the README's C example built with pkg-config
#      against the system's libprecis, the manuals.
# The install goes into a private mount namespace with throwaway layers over
# /usr, /etc and /var where the kernel allows it, so that nothing else on
# the machine sees it; otherwise the packages are purged at the end.
# Needs root (or sudo) for apt-get.
set -eu
cd "$(dirname "$0")/.."
top=$(pwd)

fail() { echo "tests/deb.sh: $*" >&2; exit 1; }
pass() { echo "ok - $*"; }
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo -n"; fi
export DEBIAN_FRONTEND=noninteractive

# ---------------------------------------------------------------------------
# 3. inside: install the packages and use them (argument: the build dir)
# ---------------------------------------------------------------------------
try_packages() {
  out=$1
  arch=$(dpkg --print-architecture)
  multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
  $SUDO apt-get install -y -qq "$out"/libprecis0_*_"$arch".deb "$out"/libprecis-dev_*_"$arch".deb \
    "$out"/lua-precis_*_"$arch".deb "$out"/precis_*_all.deb > "$out/apt.log" 2>&1 ||
    { cat "$out/apt.log"; fail "apt-get install ./...deb failed"; }
  pass "apt-get install ./libprecis0 ./libprecis-dev ./lua-precis ./precis"

  text=$top/examples/harbour-bridge.txt
  cd "$out" # nothing of the checkout on any path from here
  [ "$(command -v summarize)" = /usr/bin/summarize ] || fail "summarize is not /usr/bin/summarize"
  env -i PATH=/usr/bin:/bin summarize -n 2 "$text" > got || fail "summarize failed"
  [ "$(grep -c . got)" = 2 ] || fail "summarize -n 2 printed: $(cat got)"
  env -i PATH=/usr/bin:/bin summarize --version | sed -n 1,2p
  pass "summarize runs from the PATH"

  for v in 5.1 5.2 5.3 5.4; do
    env -i PATH=/usr/bin:/bin TEXT="$text" "lua$v" -e '
      local precis = require "precis"
      local f = assert(io.open(os.getenv("TEXT"), "rb"))
      local r = assert(precis.summarize(f:read("*a"), { sentences = 1 }))
      f:close()
      assert(#r.sentences == 1)
      local core = "/usr/lib/'"$multiarch"'/lua/'"$v"'/precis/core.so"
      assert(io.open(core), core .. " is missing")
      print(_VERSION .. ": " .. r.sentences[1].text)' ||
      fail "require \"precis\" failed in lua$v"
  done
  if command -v luajit > /dev/null; then
    env -i PATH=/usr/bin:/bin luajit -e 'assert(require("precis").summarize("One. Two three four. Five six."))' ||
      fail "require \"precis\" failed in luajit"
  fi
  pass "require \"precis\" in Lua 5.1, 5.2, 5.3 and 5.4 from the system's paths"

  awk '/^## The C library/ { on = 1 } on && /^```c$/ { c = 1; next } c && /^```$/ { exit }
       c { print }' "$top/README.md" > demo.c
  # shellcheck disable=SC2046
  cc -std=c11 -Wall -Wextra -Werror -o demo demo.c $(pkg-config --cflags --libs precis) ||
    fail "the README's example does not build with pkg-config --cflags --libs precis"
  env -i ./demo < "$text" > got || fail "the README's example failed"
  [ "$(grep -c . got)" = 3 ] || fail "the README's example printed: $(cat got)"
  pass "the README's example builds with pkg-config against the system's libprecis and runs"

  for page in /usr/share/man/man1/summarize.1.gz /usr/share/man/man3/precis.3.gz \
              /usr/share/man/man5/precis-policy.5.gz; do
    dpkg -S "$page" > /dev/null 2>&1 || fail "no package ships $page"
    [ -e "$page" ] || continue # a system that excludes man pages (path-exclude)
    w=$(man --warnings -l "$page" 2>&1 > /dev/null) || fail "$page does not render"
    [ -z "$w" ] || fail "$page: $w"
  done
  pass "the manual pages are packaged and render"
}

if [ "${1:-}" = --inside ]; then # the private namespace: layers, then try
  out=$2
  for d in usr etc var; do
    mkdir -p "$out/layer/$d/up" "$out/layer/$d/work"
    mount -t overlay overlay \
      -o "lowerdir=/$d,upperdir=$out/layer/$d/up,workdir=$out/layer/$d/work" "/$d"
  done
  try_packages "$out"
  exit 0
fi

# ---------------------------------------------------------------------------
# 1. build
# ---------------------------------------------------------------------------
sh tools/deps.sh deb
$SUDO apt-get build-dep -y -qq ./ > /dev/null
version=$(dpkg-parsechangelog -S Version)
tmp=$(mktemp -d)
installed=""
cleanup() {
  if [ -n "$installed" ]; then
    $SUDO apt-get purge -y -qq precis lua-precis libprecis-dev libprecis0 > /dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
src=$tmp/precis-$version
mkdir -p "$src"
git ls-files -z | xargs -0 cp --parents -t "$src"
start=$(date +%s)
(cd "$src" && dpkg-buildpackage -us -uc -b > "$tmp/build.log" 2>&1) ||
  { tail -40 "$tmp/build.log"; fail "dpkg-buildpackage failed"; }
grep -E '^Lua 5\.[1-4]: ' "$tmp/build.log" | cut -c1-60
ls "$tmp"/*.deb | sed "s|$tmp/||"
pass "dpkg-buildpackage -us -uc -b ($(($(date +%s) - start)) s)"

# ---------------------------------------------------------------------------
# 2. lintian
# ---------------------------------------------------------------------------
changes=$(ls "$tmp"/precis_"$version"_*.changes)
lintian --fail-on error,warning --info "$changes" 2>&1 | grep -v 'running with root privileges' ||
  true
lintian --fail-on error,warning "$changes" > /dev/null 2>&1 || fail "lintian reports errors or warnings"
pass "lintian: no error, no warning"

# ---------------------------------------------------------------------------
# 3. install and use, unseen by the rest of the machine where possible
# ---------------------------------------------------------------------------
if $SUDO unshare -m --propagation private true 2> /dev/null &&
   $SUDO unshare -m --propagation private sh -c \
     "mkdir -p '$tmp/probe/up' '$tmp/probe/work' && mount -t overlay overlay \
      -o lowerdir=/usr,upperdir='$tmp/probe/up',workdir='$tmp/probe/work' /usr" 2> /dev/null; then
  echo "(installing in a private mount namespace)"
  $SUDO unshare -m --propagation private sh "$0" --inside "$tmp"
else
  echo "(no private mount namespace here: installing for real, purging afterwards)"
  installed=yes
  try_packages "$tmp"
fi
