#!/bin/sh
# bench/run.sh: speed and memory of `summarize` beside the peer `ots`, as ratios
# measured in one run on the same machine and the same files (make bench).
#
# Inputs are built at run time from the BBC News Summary articles in the
# shared data folder (never committed): a ~1 MiB and a ~5 MiB plain-text file
# of whole articles, categories interleaved, written to build/bench/. The
# corpus holds about 2.5 MB, so the 5 MiB file goes round it twice.
#
# Each tool runs BENCH_RUNS times per file (median taken) under GNU time, which
# gives wall seconds and peak resident memory (of the whole process tree). ots
# is super-linear, so on the large file it runs once, cut off after
# BENCH_OTS_TIMEOUT seconds.
#
# Environment:
#   PRECIS_DATA        data folder (default: ../shared/data beside the repo)
#   BENCH_RUNS         runs per tool and file (default 3)
#   BENCH_OTS_TIMEOUT  seconds before ots on the large file is stopped (600)
#   BENCH_TIMEOUT      seconds before any other single run is stopped (600)
#   BENCH_STRICT=1     exit 1 when a target is missed (default: report only)
#   PRECIS_SUMMARIZE   the command to time (default: bin/summarize in the checkout)
#
# Targets: at least 100x faster than ots on 1 MiB; time growing no faster than
# n log n from 1 to 5 MiB; peak memory under 20x the input.
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${PRECIS_DATA:-$ROOT/../shared/data}
RUNS=${BENCH_RUNS:-3}
OTS_TIMEOUT=${BENCH_OTS_TIMEOUT:-600}
TIMEOUT=${BENCH_TIMEOUT:-600}
OUT=$ROOT/build/bench
SUMMARIZE=${PRECIS_SUMMARIZE:-$ROOT/bin/summarize}
TIME=/usr/bin/time
LC_ALL=C
export LC_ALL

say() { printf '%s\n' "bench: $*"; }

if [ ! -d "$DATA/bbc/docs" ]; then
  say "skipped: no BBC articles at $DATA/bbc/docs (set PRECIS_DATA to the data folder)"
  exit 0
fi
if [ ! -x "$SUMMARIZE" ]; then
  say "no $SUMMARIZE; run make first"
  exit 1
fi

# Bench-only tools: GNU time (package time) and ots (package ots).
need=""
[ -x "$TIME" ] || need="$need time"
command -v ots >/dev/null 2>&1 || need="$need ots"
command -v timeout >/dev/null 2>&1 || need="$need coreutils"
if [ -n "$need" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing bench-only packages:$need"
    # shellcheck disable=SC2015,SC2086
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need ||
      { say "could not install$need"; exit 1; }
  fi
fi
if [ ! -x "$TIME" ]; then
  say "needs GNU time at $TIME (Debian package 'time'): apt-get install time"
  exit 1
fi
HAVE_OTS=1
if ! command -v ots >/dev/null 2>&1; then
  HAVE_OTS=0
  say "ots not found (Debian package 'ots'; run as root or apt-get install ots); timing precis alone"
fi

# ---- inputs ---------------------------------------------------------------
mkdir -p "$OUT"
list=$OUT/articles.list
for f in "$DATA"/bbc/docs/*.txt; do
  [ -f "$f" ] && printf '%s\n' "${f##*/}"
done | sort -t_ -k2,2 -k1,1 > "$list"
if [ ! -s "$list" ]; then
  say "skipped: $DATA/bbc/docs holds no .txt files"
  exit 0
fi

# make_input TARGET_BYTES FILE: whole articles, separated by a blank line,
# until the file reaches TARGET_BYTES (going round the corpus as needed).
make_input() {
  awk -v target="$1" -v dir="$DATA/bbc/docs" '
    { f[NR] = $0 }
    END {
      total = 0
      for (pass = 0; total < target && pass < 100; pass++)
        for (i = 1; i <= NR && total < target; i++) {
          if (total > 0) { print ""; total += 1 }
          path = dir "/" f[i]
          while ((getline line < path) > 0) { print line; total += length(line) + 1 }
          close(path)
        }
    }' "$list" > "$2"
}

MB=1048576
IN1=$OUT/news-1mb.txt
IN5=$OUT/news-5mb.txt
[ -s "$IN1" ] || make_input $MB "$IN1"
[ -s "$IN5" ] || make_input $((5 * MB)) "$IN5"
S1=$(wc -c < "$IN1" | tr -d ' ')
S5=$(wc -c < "$IN5" | tr -d ' ')
say "inputs: $IN1 ($S1 bytes), $IN5 ($S5 bytes)"

# ---- timing ---------------------------------------------------------------
# run1 LIMIT CMD...: one run; prints "SECONDS KB", or "timeout" or "fail".
run1() {
  limit=$1; shift
  tf=$OUT/time.out
  : > "$tf"
  t0=$(date +%s%N)
  $TIME -f '%e %M' -o "$tf" timeout "$limit" "$@" > /dev/null 2> "$OUT/stderr.txt"
  rc=$?
  t1=$(date +%s%N)
  if [ "$rc" = 124 ]; then echo timeout; return; fi
  if [ "$rc" != 0 ]; then
    say "failed ($rc): $*" >&2
    sed 's/^/  | /' "$OUT/stderr.txt" | head -5 >&2
    echo fail; return
  fi
  # GNU time rounds to 10 ms; date's nanoseconds, when it has them, do better.
  case $t0$t1 in
    *N*) tail -n 1 "$tf" ;;
    *) tail -n 1 "$tf" | awk -v ns=$((t1 - t0)) '{ printf "%.4f %s\n", ns / 1e9, $2 }' ;;
  esac
}

# measure N LIMIT CMD...: N runs; prints "MEDIAN_SECONDS MAX_KB", or
# "timeout"/"fail" when any run was.
measure() {
  n=$1; shift
  res=$OUT/runs.txt
  : > "$res"
  i=0
  while [ "$i" -lt "$n" ]; do
    r=$(run1 "$@")
    case $r in timeout|fail) echo "$r"; return ;; esac
    echo "$r" >> "$res"
    i=$((i + 1))
  done
  sort -n "$res" | awk '{ t[NR] = $1; if ($2 > m) m = $2 }
    END { printf "%s %d\n", t[int((NR + 1) / 2)], m }'
}

say "precis: $SUMMARIZE -n 5 FILE, $RUNS runs per file"
P1=$(measure "$RUNS" "$TIMEOUT" "$SUMMARIZE" -n 5 "$IN1")
P5=$(measure "$RUNS" "$TIMEOUT" "$SUMMARIZE" -n 5 "$IN5")
O1=skipped; O5=skipped
if [ "$HAVE_OTS" = 1 ]; then
  say "ots: ots -r 5 FILE, $RUNS runs on 1 MiB, 1 run on 5 MiB (timeout ${OTS_TIMEOUT}s)"
  O1=$(measure "$RUNS" "$TIMEOUT" ots -r 5 "$IN1")
  O5=$(measure 1 "$OTS_TIMEOUT" ots -r 5 "$IN5")
fi

# ---- report ---------------------------------------------------------------
awk -v s1="$S1" -v s5="$S5" -v p1="$P1" -v p5="$P5" -v o1="$O1" -v o5="$O5" \
    -v otimeout="$OTS_TIMEOUT" -v strict="${BENCH_STRICT:-0}" '
function num(x) { return x ~ /^[0-9.]+ [0-9]+$/ }
function secs(x) { split(x, a, " "); return a[1] + 0 }
function kb(x) { split(x, a, " "); return a[2] + 0 }
function otxt(x, lim) {
  if (num(x)) return sprintf("%.3f", secs(x))
  if (x == "timeout") return "> " lim
  return x
}
function ratio(o, p, lim) {
  if (!num(p)) return "-"
  if (secs(p) <= 0) p = "0.01 0"
  if (num(o)) return sprintf("%.0fx", secs(o) / secs(p))
  if (o == "timeout") return sprintf("> %.0fx", lim / secs(p))
  return "-"
}
function row(label, s, p, o, lim) {
  printf "%-10s %12d %10s %12s %12s %10s %8s\n", label, s,
    num(p) ? sprintf("%.3f", secs(p)) : p, otxt(o, lim), ratio(o, p, lim),
    num(p) ? sprintf("%.1f", kb(p) / 1024) : "-",
    num(p) ? sprintf("%.1fx", kb(p) * 1024 / s) : "-"
}
function verdict(ok) { return ok ? "yes" : "NO" }
BEGIN {
  print ""
  printf "%-10s %12s %10s %12s %12s %10s %8s\n", "file", "bytes", "precis s",
    "ots s", "ots/precis", "peak MB", "peak/in"
  row("news-1mb", s1, p1, o1, otimeout)
  row("news-5mb", s5, p5, o5, otimeout)
  print ""
  missed = 0
  # speed against ots on 1 MiB
  if (num(p1) && (num(o1) || o1 == "timeout")) {
    r = (num(o1) ? secs(o1) : otimeout) / (secs(p1) > 0 ? secs(p1) : 0.01)
    printf "target: >= 100x faster than ots on 1 MiB: %.0fx: %s\n", r, verdict(r >= 100)
    if (r < 100) missed++
  } else printf "target: >= 100x faster than ots on 1 MiB: not measured\n"
  # growth from 1 to 5 MiB
  if (num(p1) && num(p5) && secs(p1) > 0) {
    n = s5 / s1
    e = log(secs(p5) / secs(p1)) / log(n)
    bound = log(n * log(s5) / log(s1)) / log(n)
    printf "precis growth exponent 1 -> 5 MiB: log(t5/t1)/log(%.2f) = %.2f (n log n allows %.2f)\n", n, e, bound
    printf "target: time grows no faster than n log n: %s\n", verdict(e <= bound)
    if (e > bound) missed++
  } else printf "target: time grows no faster than n log n: not measured\n"
  # memory
  if (num(p1) && num(p5)) {
    m = kb(p1) * 1024 / s1; m5 = kb(p5) * 1024 / s5; if (m5 > m) m = m5
    printf "target: peak memory under 20x the input: %.1fx at most: %s\n", m, verdict(m < 20)
    if (m >= 20) missed++
  } else printf "target: peak memory under 20x the input: not measured\n"
  if (!num(p1) || !num(p5)) missed++
  exit (strict && missed) ? 1 : 0
}'
