#!/bin/sh
# bench/corpus.sh: documents per second and peak memory of `summarize batch`
# on a corpus, with --jobs 1 and --jobs 2, beside a loop of `ots` calls and
# a loop of `summarize` calls on the same documents, in one run
# (make bench-corpus).
#
# The corpus is built at run time from ../shared/data (never committed):
# BENCH_DOCS JSON Lines records (default 10000), the BBC and CNN/DailyMail
# articles in turn, going round them as often as needed, in
# build/bench/corpus.jsonl. Each batch run reads it whole; the loops of
# one process per document run over its first BENCH_LOOP_DOCS documents
# (default 300: a process per document is a hundred times slower) and
# their rate is taken from those.
#
# Measures: wall seconds and CPU seconds (user + sys) from GNU time, peak
# resident memory (%M, the largest process), and the load average before
# and after: the machine may be shared, and wall-clock rates then say more
# about the neighbours than about precis. docs/CPU-s is the rate per
# second of CPU time.
#
# Environment: PRECIS_DATA (the data folder), BENCH_DOCS, BENCH_LOOP_DOCS,
# PRECIS_SUMMARIZE (the command to time; default bin/summarize).
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${PRECIS_DATA:-$ROOT/../shared/data}
DOCS=${BENCH_DOCS:-10000}
LOOP=${BENCH_LOOP_DOCS:-300}
OUT=$ROOT/build/bench
SUMMARIZE=${PRECIS_SUMMARIZE:-$ROOT/bin/summarize}
TIME=/usr/bin/time
LC_ALL=C
export LC_ALL

say() { printf '%s\n' "bench: $*"; }

if [ ! -d "$DATA/bbc/docs" ] || [ ! -d "$DATA/cnndm/docs" ]; then
  say "skipped: no articles at $DATA/bbc/docs and $DATA/cnndm/docs (set PRECIS_DATA)"
  exit 0
fi
[ -x "$TIME" ] || { say "needs GNU time at $TIME (Debian package 'time')"; exit 1; }
HAVE_OTS=1
command -v ots > /dev/null 2>&1 || { HAVE_OTS=0; say "ots not found (Debian package 'ots'): its row is skipped"; }
mkdir -p "$OUT"

# ---- the corpus --------------------------------------------------------------
CORPUS=$OUT/corpus.jsonl
LUA_PATH="$ROOT/lua/?.lua;$ROOT/lua/?/init.lua;;" lua5.4 - "$DATA" "$DOCS" "$CORPUS" "$OUT/loop" "$LOOP" <<'EOF'
local json = require "precis.json"
local data, n, path, loopdir, loop = arg[1], tonumber(arg[2]), arg[3], arg[4], tonumber(arg[5])
local files = {}
for _, set in ipairs({ "bbc", "cnndm" }) do
  local p = io.popen("ls '" .. data .. "/" .. set .. "/docs'")
  for name in p:lines() do files[#files + 1] = { set = set, name = name } end
  p:close()
end
table.sort(files, function(a, b) return a.set .. a.name < b.set .. b.name end)
os.execute("rm -rf '" .. loopdir .. "' && mkdir -p '" .. loopdir .. "'")
local out = assert(io.open(path, "wb"))
for i = 1, n do
  local f = files[(i - 1) % #files + 1]
  local h = assert(io.open(data .. "/" .. f.set .. "/docs/" .. f.name, "rb"))
  local text = h:read("*a")
  h:close()
  local id = f.set .. "/" .. f.name .. "#" .. math.floor((i - 1) / #files)
  out:write(json.encode(json.object({ "id", "text" }, { id = id, text = text })), "\n")
  if i <= loop then
    local d = assert(io.open(string.format("%s/%05d.txt", loopdir, i), "wb"))
    d:write(text)
    d:close()
  end
end
out:close()
EOF
say "corpus: $CORPUS ($DOCS documents, $(wc -c < "$CORPUS" | tr -d ' ') bytes); loops over $LOOP of them"

# run LABEL DOCS CMD...: one timed run; prints a row
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
rows=$OUT/corpus-rows.txt
: > "$rows"
run() {
  label=$1 docs=$2; shift 2
  $TIME -f '%e %U %S %M' -o "$OUT/time.out" "$@" > /dev/null 2> "$OUT/stderr.txt"
  rc=$?
  if [ "$rc" -gt 1 ]; then say "failed ($rc): $*"; sed 's/^/  | /' "$OUT/stderr.txt" | head -5; fi
  tail -n 1 "$OUT/time.out" | awk -v l="$label" -v n="$docs" '{
    cpu = $2 + $3
    printf "%-28s %7d %8.2f %8.2f %10.0f %10.0f %9.1f\n", l, n, $1, cpu,
      ($1 > 0 ? n / $1 : 0), (cpu > 0 ? n / cpu : 0), $4 / 1024 }' >> "$rows"
}

say "summarize batch --jobs 1 and --jobs 2 on $DOCS documents"
run "summarize batch --jobs 1" "$DOCS" "$SUMMARIZE" batch --quiet --jobs 1 -o /dev/null "$CORPUS"
run "summarize batch --jobs 2" "$DOCS" "$SUMMARIZE" batch --quiet --jobs 2 -o /dev/null "$CORPUS"
say "a loop of summarize -n 3 FILE on $LOOP documents"
run "loop: summarize -n 3 FILE" "$LOOP" sh -c 'for f in "$1"/*.txt; do "$2" -n 3 "$f"; done' sh "$OUT/loop" "$SUMMARIZE"
if [ "$HAVE_OTS" = 1 ]; then
  say "a loop of ots -r 3 FILE on $LOOP documents"
  run "loop: ots -r 3 FILE" "$LOOP" sh -c 'for f in "$1"/*.txt; do timeout 60 ots -r 3 "$f"; done' sh "$OUT/loop"
fi
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)

echo
printf "%-28s %7s %8s %8s %10s %10s %9s\n" "command" "docs" "wall s" "CPU s" "docs/s" "docs/CPU-s" "peak MB"
cat "$rows"
echo
echo "load average (1, 5, 15 min) before: $LOAD0; after: $LOAD1 ($(nproc) CPUs)"
