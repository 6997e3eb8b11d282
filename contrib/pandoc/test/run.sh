#!/bin/sh
# The pandoc filter inside pandoc (Debian 12: pandoc 2.17, Lua 5.3), with
# precis from the checkout: lua/ and build/lua5.3 (make LUA_VERSION=5.3).
# Run from anywhere; make test-hosts runs it.
set -u
cd "$(dirname "$0")/../../.." || exit 2
root=$PWD
# pandoc 2.x embeds Lua 5.3, pandoc 3 Lua 5.4: each reads its own variable
export LUA_PATH_5_3="$root/lua/?.lua;$root/lua/?/init.lua;;"
export LUA_CPATH_5_3="$root/build/lua5.3/?.so;;"
export LUA_PATH_5_4="$root/lua/?.lua;$root/lua/?/init.lua;;"
export LUA_CPATH_5_4="$root/build/?.so;;"
F=contrib/pandoc/precis-abstract.lua
T=contrib/pandoc/test
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
. tests/tap.sh # check, same, has
abstract() { pandoc --lua-filter "$F" --wrap=none -s -t plain --template "$T/abstract.template" "$@"; }

pandoc --version | sed -n 1p
cat > "$tmp/where.lua" <<EOF2
assert(package.searchpath("precis.core", package.cpath):find("$root/build/", 1, true) == 1)
EOF2
check "pandoc's Lua loads precis from the checkout" \
  sh -c "echo x | pandoc --lua-filter '$tmp/where.lua' -t plain -o /dev/null"

# the abstract is what summarize gives for the same CommonMark, title first
title=$(sed -n 's/^title: //p' "$T/article.md")
{ printf '# %s\n\n' "$title"; pandoc -t commonmark --wrap=none "$T/article.md"; } > "$tmp/body.md"
want=$(bin/summarize --input markdown --policy news -n 2 "$tmp/body.md" | tr '\n' ' ' | sed 's/ $//')
got=$(abstract "$T/article.md")
check "precis-sentences: 2 and precis-policy: news give summarize's two sentences" same "$want" "$got"
check "two sentences" [ "$(bin/summarize --input markdown --policy news -n 2 "$tmp/body.md" | wc -l)" = 2 ]
pandoc --lua-filter "$F" -t json "$T/article.md" > "$tmp/out.json"
check "the JSON output has abstract as metadata blocks" \
  grep -q '"abstract":{"t":"MetaBlocks"' "$tmp/out.json"
pandoc --lua-filter "$F" -s -t html "$T/article.md" > "$tmp/out.html"
check "the HTML output shows it" grep -q 'class="abstract"' "$tmp/out.html"
check "the body is left as it was" \
  same "$(pandoc -t plain "$T/article.md")" "$(pandoc --lua-filter "$F" -t plain "$T/article.md")"

check "an abstract already there is kept" \
  same "Written by its author, and kept." "$(abstract "$T/with-abstract.md")"

abstract "$T/bad-count.md" > "$tmp/out" 2> "$tmp/err"
check "a bad precis-sentences stops pandoc" [ $? -ne 0 ]
check "and says why" grep -q "'precis-sentences' must be a positive whole number, got 'two'" "$tmp/err"
abstract "$T/misspelt.md" > "$tmp/out" 2> "$tmp/err"
check "a misspelt precis-* key stops pandoc" [ $? -ne 0 ]
check "and names it" grep -q "unknown metadata 'precis-sentence'" "$tmp/err"
printf -- '---\ntitle: Empty\n---\n' > "$tmp/empty.md"
abstract "$tmp/empty.md" > "$tmp/out" 2> "$tmp/err"
check "a body with no sentence gets no abstract, and a warning" \
  sh -c "[ ! -s '$tmp/out' ] && grep -q 'no sentence' '$tmp/err'"

echo "pandoc: $n checks, $failed failed"
[ "$failed" = 0 ]
