#!/bin/sh
# The library and the install, tried as a user would (make test-install):
#   - libprecis.so exports the functions of precis.h and nothing else,
#     under its soname; precis.core exports its entry point alone and
#     takes the engine from libprecis.so.0;
#   - make install into a scratch prefix: the installed summarize runs from
#     an empty environment, and the README's C example, built with
#     pkg-config (shared, then --static), prints what it prints;
#   - with DESTDIR, the staged tree works once moved to PREFIX;
#   - make uninstall leaves no file behind.
# Run from the top of the tree after make; B and LB name the build
# directories (make passes them), MAKE the make to call.
set -eu

B=${B:-build}
LB=${LB:-$B}
MAKE=${MAKE:-make}
LUA_VERSION=${LUA_VERSION:-5.4}
TEXT=examples/harbour-bridge.txt

fail() { echo "tests/install.sh: $*" >&2; exit 1; }
pass() { echo "ok - $*"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

version=$(sed -n 's/^#define PRECIS_VERSION "\(.*\)"$/\1/p' include/precis.h)
major=${version%%.*}
shlib=$B/libprecis.so.$version

# --- the shared library ---------------------------------------------------
[ -f "$shlib" ] || fail "$shlib is missing (run make first)"
soname=$(readelf -d "$shlib" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = "libprecis.so.$major" ] || fail "soname is '$soname', not libprecis.so.$major"
[ "$(readlink "$B/libprecis.so.$major")" = "libprecis.so.$version" ] ||
  fail "$B/libprecis.so.$major does not point to libprecis.so.$version"
[ "$(readlink "$B/libprecis.so")" = "libprecis.so.$major" ] ||
  fail "$B/libprecis.so does not point to libprecis.so.$major"
pass "libprecis.so.$version, soname $soname, with its links"

# what it exports, and what precis.h declares: the same set
nm -D --defined-only "$shlib" | awk '{ print $NF }' | sort > "$tmp/exported"
grep -E '^PRECIS_API ' include/precis.h | sed 's/(.*//; s/.*[ *]//' | sort > "$tmp/declared"
others=$(grep -v '^precis_' "$tmp/exported" || true)
[ -z "$others" ] || fail "libprecis exports symbols outside precis_*: $others"
diff "$tmp/declared" "$tmp/exported" > "$tmp/diff" ||
  fail "exports differ from precis.h (< declared only, > exported only): $(cat "$tmp/diff")"
[ "$(wc -l < "$tmp/exported")" -ge 40 ] || fail "too few exports"
pass "libprecis exports the $(wc -l < "$tmp/exported") functions of precis.h and nothing else"

# the module: its entry point alone, the engine from libprecis.so.0
mod=$LB/precis/core.so
exports=$(nm -D --defined-only "$mod" | awk '{ print $NF }')
[ "$exports" = luaopen_precis_core ] || fail "$mod exports more than luaopen_precis_core: $exports"
readelf -d "$mod" | grep -q "NEEDED.*\[libprecis.so.$major\]" || fail "$mod does not link libprecis.so.$major"
for f in precis_summarize precis_segment precis_summarizer_new; do
  nm -D --undefined-only "$mod" | grep -q " $f\$" || fail "$mod does not take $f from libprecis"
done
pass "precis.core exports luaopen_precis_core alone and calls the engine in libprecis.so.$major"

# --- make install: the command from an empty environment -------------------
p=$tmp/p
$MAKE --no-print-directory -s install PREFIX="$p" B="$B" LUA_VERSION="$LUA_VERSION" > /dev/null
bin/summarize -n 2 "$TEXT" > "$tmp/want2"
env -i PATH=/usr/bin:/bin "$p/bin/summarize" -n 2 "$TEXT" > "$tmp/got" 2>&1 ||
  fail "the installed summarize failed: $(cat "$tmp/got")"
cmp -s "$tmp/want2" "$tmp/got" || fail "the installed summarize printed: $(cat "$tmp/got")"
# its own modules first, whatever LUA_PATH and LUA_CPATH say
env -i PATH=/usr/bin:/bin LUA_PATH="$tmp/none/?.lua" LUA_CPATH="$tmp/none/?.so" \
  LUA_PATH_5_4="$tmp/none/?.lua" LUA_CPATH_5_4="$tmp/none/?.so" \
  "$p/bin/summarize" -n 2 "$TEXT" > "$tmp/got" 2>&1 || fail "with LUA_PATH set: $(cat "$tmp/got")"
cmp -s "$tmp/want2" "$tmp/got" || fail "with LUA_PATH set, it printed: $(cat "$tmp/got")"
pass "the installed summarize runs from an empty environment (env -i PATH=/usr/bin:/bin)"

# summarize rouge, from the installed precis.rouge and precis.core alone
R=spec/fixtures/rouge
bin/summarize rouge --per-document "$R/system" "$R/reference" > "$tmp/want3"
env -i PATH=/usr/bin:/bin "$p/bin/summarize" rouge --per-document "$R/system" "$R/reference" \
  > "$tmp/got" 2>&1 || fail "the installed summarize rouge failed: $(cat "$tmp/got")"
cmp -s "$tmp/want3" "$tmp/got" || fail "the installed summarize rouge printed: $(cat "$tmp/got")"
pass "the installed summarize rouge prints what bin/summarize rouge prints"

# --- the README's example through pkg-config ---------------------------------
export PKG_CONFIG_PATH="$p/lib/pkgconfig"
[ "$(pkg-config --modversion precis)" = "$version" ] || fail "pkg-config --modversion precis"

awk '/^## The C library/ { on = 1 } on && /^```c$/ { c = 1; next } c && /^```$/ { exit }
     c { print }' README.md > "$tmp/demo.c"
[ -s "$tmp/demo.c" ] || fail "no C example under '## The C library' in README.md"

# what summarize prints, white space as one space, to compare with
bin/summarize -n 3 "$TEXT" > "$tmp/want"
oneline() { tr -s ' \n\t' '   ' | sed 's/ $//'; }

# shared: links with pkg-config's flags alone and runs against the prefix
# shellcheck disable=SC2046
cc -std=c11 -Wall -Wextra -Werror -o "$tmp/demo" "$tmp/demo.c" $(pkg-config --cflags --libs precis)
readelf -d "$tmp/demo" | grep -q "NEEDED.*\[libprecis.so.$major\]" || fail "demo does not link libprecis.so"
LD_LIBRARY_PATH="$p/lib" "$tmp/demo" < "$TEXT" > "$tmp/got"
[ "$(oneline < "$tmp/got")" = "$(oneline < "$tmp/want")" ] ||
  fail "the README's example printed: $(cat "$tmp/got")"
pass "the README's example builds with pkg-config --cflags --libs precis and summarizes"

# static: --static names every library libprecis.a needs
# shellcheck disable=SC2046
cc -std=c11 -o "$tmp/demo-static" "$tmp/demo.c" $(pkg-config --cflags precis) \
  $(pkg-config --static --libs precis | sed 's/-lprecis\b/-l:libprecis.a/')
if readelf -d "$tmp/demo-static" | grep -q 'NEEDED.*libprecis'; then
  fail "demo-static still needs libprecis.so"
fi
"$tmp/demo-static" < "$TEXT" > "$tmp/got"
[ "$(oneline < "$tmp/got")" = "$(oneline < "$tmp/want")" ] || fail "demo-static printed: $(cat "$tmp/got")"
pass "with pkg-config --static, libprecis.a links and runs"

# --- make uninstall --------------------------------------------------------
$MAKE --no-print-directory -s uninstall PREFIX="$p" B="$B" LUA_VERSION="$LUA_VERSION" > /dev/null
left=$(find "$p" ! -type d)
[ -z "$left" ] || fail "make uninstall left: $left"
pass "make uninstall removes every file make install put there"

# --- DESTDIR: staged for PREFIX, working once there --------------------------
final=$tmp/final
$MAKE --no-print-directory -s install DESTDIR="$tmp/stage" PREFIX="$final" B="$B" \
  LUA_VERSION="$LUA_VERSION" > /dev/null
[ ! -e "$final" ] || fail "make install DESTDIR=... wrote into PREFIX itself"
if grep -rl "$tmp/stage" "$tmp/stage" > "$tmp/leaks"; then
  fail "installed files name the staging directory: $(cat "$tmp/leaks")"
fi
mkdir -p "$(dirname "$final")"
mv "$tmp/stage$final" "$final"
env -i PATH=/usr/bin:/bin "$final/bin/summarize" -n 2 "$TEXT" > "$tmp/got" 2>&1 ||
  fail "the staged summarize failed once moved: $(cat "$tmp/got")"
cmp -s "$tmp/want2" "$tmp/got" || fail "the staged summarize printed: $(cat "$tmp/got")"
grep -q "^prefix=$final\$" "$final/lib/pkgconfig/precis.pc" || fail "precis.pc does not name PREFIX"
$MAKE --no-print-directory -s uninstall PREFIX="$final" B="$B" LUA_VERSION="$LUA_VERSION" > /dev/null
left=$(find "$final" ! -type d)
[ -z "$left" ] || fail "make uninstall left: $left"
pass "make install DESTDIR=... PREFIX=... stages a tree that runs once in PREFIX"
