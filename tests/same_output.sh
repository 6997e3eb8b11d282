#!/bin/sh
# The same bytes from every Lua: runs bin/summarize under each Lua version
# given (5.1 5.2 5.3 5.4 jit), with the module built for it (make
# LUA_VERSION=...), over the articles of examples/, the spec fixtures and
# the scraped pages of eval/web, and compares the text and JSON output (with
# every unit and score, and the segmentation) and `policy show` of each
# built-in policy with the first version's. Prints what differs; exits 1 then.
#   sh tests/same_output.sh 5.4 5.1 5.3 jit
set -u
cd "$(dirname "$0")/.." || exit 2
[ $# -gt 0 ] || set -- 5.4 5.1 5.3 jit

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

run() { # version, out-file, summarize arguments...
  v=$1 out=$2
  shift 2
  case $v in
    5.4) lua=lua5.4 dir=build ;;
    jit) lua=luajit dir=build/luajit ;;
    *) lua=lua$v dir=build/lua$v ;;
  esac
  PRECIS_LUA=$lua PRECIS_CPATH=$dir bin/summarize "$@" > "$out" 2>&1
  echo "exit $?" >> "$out"
}

inputs="examples/*.txt spec/fixtures/*.txt spec/fixtures/formats/* eval/web/*.txt
eval/web/*.md eval/web/*.html"
policies=$(bin/summarize policy list | cut -d' ' -f1)
status=0 count=0
for v in "$@"; do
  d="$tmp/$v"
  mkdir "$d"
  n=0
  for f in $inputs; do
    n=$((n + 1))
    run "$v" "$d/$n.text" -n 4 "$f"
    run "$v" "$d/$n.json" --format json --explain "$f"
    run "$v" "$d/$n.split" split --format json "$f"
  done
  run "$v" "$d/multi.json" --format json -w 80 examples/harbour-bridge.txt \
    examples/harbour-bridge-followup.txt
  run "$v" "$d/stdin.json" --format json --invalid-utf8 replace - <<EOF
Caf$(printf '\303\251') owners met the mayor$(printf '\377'). They ask for help with rent, which has doubled.
"We cannot last," one said. The council meets on 14 November 2023 at 9:30.
EOF
  for p in $policies; do run "$v" "$d/policy-$p" policy show "$p"; done
  count=$(ls "$d" | wc -l)
  if [ "$d" != "$tmp/$1" ]; then
    for f in "$tmp/$1"/*; do
      b=$(basename "$f")
      if ! cmp -s "$f" "$d/$b"; then
        echo "same_output: Lua $v and Lua $1 differ on $b:"
        diff "$f" "$d/$b" | head -5
        status=1
      fi
    done
  fi
done
[ "$status" = 0 ] && echo "same_output: $count outputs byte-identical under Lua $*"
exit $status
