#!/bin/sh
# bench/run.sh: speed and memory of `summarize` beside the peer `ots`, as ratios
# measured in one run on the same machine and the same files (make bench).
#
# Inputs are built at run time from the BBC News Summary articles in the
# shared data folder (never committed): plain-text files of whole articles,
# categories interleaved, of about 1, 5 and 25 MiB, written to build/bench/.
# The corpus holds about 2.5 MB, so the larger files go round it again.
#
# Each command runs BENCH_RUNS times per file under GNU time, which gives
# wall seconds, CPU seconds (user + system) and peak resident memory; the
# median times and the largest peak are kept. CPU time is the figure to
# compare on a loaded machine, where wall time swings. ots grows faster than
# linearly: it runs BENCH_RUNS times on 1 MiB, once on 5 MiB (cut off after
# BENCH_OTS_TIMEOUT seconds) and not on larger files.
#
# Environment:
#   PRECIS_DATA        data folder (default: ../shared/data beside the repo)
#   BENCH_RUNS         runs per command and file (default 3)
#   BENCH_SIZES        input sizes in MiB (default "1 5 25")
#   BENCH_METHODS      the methods timed with -r 0.1 on 5 MiB (default: all)
#   BENCH_OTS=0        time precis alone
#   BENCH_OTS_TIMEOUT  seconds before ots on 5 MiB is stopped (600)
#   BENCH_TIMEOUT      seconds before any other single run is stopped (600)
#   BENCH_STRICT=1     exit 1 when a target is missed (default: report only)
#   PRECIS_SUMMARIZE   the command to time (default: bin/summarize in the checkout)
#
# Targets: at least 100x less CPU time than ots on 1 MiB; time growing no
# faster than n log n over the sizes; peak memory at most 5x the input from
# 25 MiB up (20x below); -r 0.1 of every method within 3x the CPU time of
# the default -n 5 on 5 MiB (no selector may grow faster than the rest).
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${PRECIS_DATA:-$ROOT/../shared/data}
RUNS=${BENCH_RUNS:-3}
SIZES=${BENCH_SIZES:-1 5 25}
METHODS=${BENCH_METHODS:-default position length luhn centroid lexrank textrank title edmundson lsa mead pacsum sumbasic klsum submodular}
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
[ "${BENCH_OTS:-1}" = 0 ] || command -v ots >/dev/null 2>&1 || need="$need ots"
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
HAVE_OTS=${BENCH_OTS:-1}
if [ "$HAVE_OTS" = 1 ] && ! command -v ots >/dev/null 2>&1; then
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
      for (pass = 0; total < target && pass < 1000; pass++)
        for (i = 1; i <= NR && total < target; i++) {
          if (total > 0) { print ""; total += 1 }
          path = dir "/" f[i]
          while ((getline line < path) > 0) { print line; total += length(line) + 1 }
          close(path)
        }
    }' "$list" > "$2"
}

MB=1048576
for s in $SIZES; do
  [ -s "$OUT/news-${s}mb.txt" ] || make_input $((s * MB)) "$OUT/news-${s}mb.txt"
done

# ---- timing ---------------------------------------------------------------
# run1 LIMIT CMD...: one run; prints "WALL CPU KB", or "timeout" or "fail".
run1() {
  limit=$1; shift
  tf=$OUT/time.out
  : > "$tf"
  t0=$(date +%s%N)
  $TIME -f '%e %U %S %M' -o "$tf" timeout "$limit" "$@" > /dev/null 2> "$OUT/stderr.txt"
  rc=$?
  t1=$(date +%s%N)
  if [ "$rc" = 124 ]; then echo timeout; return; fi
  if [ "$rc" != 0 ]; then
    say "failed ($rc): $*" >&2
    sed 's/^/  | /' "$OUT/stderr.txt" | head -5 >&2
    echo fail; return
  fi
  # GNU time rounds wall time to 10 ms; date's nanoseconds, when it has
  # them, do better.
  case $t0$t1 in
    *N*) tail -n 1 "$tf" | awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' ;;
    *) tail -n 1 "$tf" | awk -v ns=$((t1 - t0)) '{ printf "%.4f %.2f %s\n", ns / 1e9, $2 + $3, $4 }' ;;
  esac
}

# measure N LIMIT CMD...: N runs; prints "MEDIAN_WALL MEDIAN_CPU MAX_KB",
# or "timeout"/"fail" when any run was.
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
  awk '{ w[NR] = $1; c[NR] = $2; if ($3 > m) m = $3 }
    function med(a, n,   i, j, t) {
      for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
        t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
      return a[int((n + 1) / 2)]
    }
    END { printf "%s %s %d\n", med(w, NR), med(c, NR), m }' "$res"
}

REPORT=$OUT/report.txt
: > "$REPORT"
# record KIND NAME BYTES RESULT: one line of the report's data
record() { printf '%s %s %s %s\n' "$1" "$2" "$3" "$4" >> "$REPORT"; }

say "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
say "precis: $SUMMARIZE -n 5 FILE, $RUNS runs per file"
for s in $SIZES; do
  f=$OUT/news-${s}mb.txt
  record precis "news-${s}mb" "$(wc -c < "$f" | tr -d ' ')" "$(measure "$RUNS" "$TIMEOUT" "$SUMMARIZE" -n 5 "$f")"
done
F5=$OUT/news-5mb.txt
case " $SIZES " in *" 5 "*) ;; *) METHODS="" ;; esac
if [ -n "$METHODS" ]; then
  say "precis: $SUMMARIZE --method M -r 0.1 news-5mb.txt, $RUNS runs per method"
  for m in $METHODS; do
    record method "$m" "$(wc -c < "$F5" | tr -d ' ')" "$(measure "$RUNS" "$TIMEOUT" "$SUMMARIZE" --method "$m" -r 0.1 "$F5")"
  done
fi
if [ "$HAVE_OTS" = 1 ]; then
  say "ots: ots -r 10 FILE, $RUNS runs on 1 MiB, 1 run on 5 MiB (timeout ${OTS_TIMEOUT}s), none above"
  for s in $SIZES; do
    f=$OUT/news-${s}mb.txt
    case $s in
      1) record ots "news-${s}mb" 0 "$(measure "$RUNS" "$TIMEOUT" ots -r 10 "$f")" ;;
      5) record ots "news-${s}mb" 0 "$(measure 1 "$OTS_TIMEOUT" ots -r 10 "$f")" ;;
    esac
  done
fi
say "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"

# ---- report ---------------------------------------------------------------
awk -v strict="${BENCH_STRICT:-0}" -v otimeout="$OTS_TIMEOUT" '
function verdict(ok) { return ok ? "yes" : "NO" }
{
  if ($1 == "precis") { np++; name[np] = $2; bytes[np] = $3; res[np] = $4 " " $5 " " $6 }
  else if ($1 == "method") { nm++; mname[nm] = $2; mbytes[nm] = $3; mres[nm] = $4 " " $5 " " $6 }
  else if ($1 == "ots") ots[$2] = $4 " " $5 " " $6
}
function ok(r) { return r ~ /^[0-9.]+ [0-9.]+ [0-9]+/ }
function f(r, k,   a) { split(r, a, " "); return a[k] + 0 }
function otscell(r) {
  if (ok(r)) return sprintf("%.2f", f(r, 2))
  if (r ~ /^timeout/) return "> " otimeout
  return "-"
}
function otsratio(r, cpu) {
  if (cpu <= 0) cpu = 0.01
  if (ok(r)) return sprintf("%.0fx", f(r, 2) / cpu)
  if (r ~ /^timeout/) return sprintf("> %.0fx", otimeout / cpu)
  return "-"
}
END {
  missed = 0
  print ""
  printf "%-10s %10s %8s %8s %8s %10s %8s %8s %10s\n", "file", "bytes", "wall s", "CPU s",
    "MiB/CPU-s", "ots CPU s", "ots/pr", "peak MiB", "peak/in"
  for (i = 1; i <= np; i++) {
    if (!ok(res[i])) { printf "%-10s %10d %8s\n", name[i], bytes[i], res[i]; missed++; continue }
    cpu = f(res[i], 2); if (cpu <= 0) cpu = 0.01
    printf "%-10s %10d %8.3f %8.2f %8.1f %10s %8s %8.1f %8.2fx\n", name[i], bytes[i],
      f(res[i], 1), f(res[i], 2), bytes[i] / 1048576 / cpu, otscell(ots[name[i]]),
      otsratio(ots[name[i]], f(res[i], 2)), f(res[i], 3) / 1024, f(res[i], 3) * 1024 / bytes[i]
  }
  if (nm > 0) {
    print ""
    printf "%-12s %8s %8s %10s %8s %8s %8s\n", "-r 0.1, 5 MiB", "wall s", "CPU s", "/ -n 5", "ots/pr", "peak MiB", "peak/in"
    for (i = 1; i <= np; i++) if (name[i] == "news-5mb" && ok(res[i])) base = f(res[i], 2)
    worst = 0
    for (i = 1; i <= nm; i++) {
      if (!ok(mres[i])) { printf "%-12s %8s\n", mname[i], mres[i]; missed++; continue }
      r = base > 0 ? f(mres[i], 2) / base : 0
      if (r > worst) { worst = r; wname = mname[i] }
      printf "%-12s %8.3f %8.2f %9.2fx %8s %8.1f %7.2fx\n", mname[i], f(mres[i], 1), f(mres[i], 2),
        r, otsratio(ots["news-5mb"], f(mres[i], 2)), f(mres[i], 3) / 1024, f(mres[i], 3) * 1024 / mbytes[i]
    }
  }
  print ""
  # speed against ots on 1 MiB
  for (i = 1; i <= np; i++) if (name[i] == "news-1mb" && ok(res[i]) && ok(ots["news-1mb"])) {
    r = f(ots["news-1mb"], 2) / (f(res[i], 2) > 0 ? f(res[i], 2) : 0.01)
    printf "target: >= 100x less CPU time than ots on 1 MiB: %.0fx: %s\n", r, verdict(r >= 100)
    if (r < 100) missed++
  }
  # growth: least-squares slope of log time on log size, beside that of n log n
  m = 0; sx = sy = sz = sxx = sxy = sxz = 0
  for (i = 1; i <= np; i++) if (ok(res[i]) && f(res[i], 2) > 0) {
    m++; x = log(bytes[i]); y = log(f(res[i], 2)); z = log(bytes[i] * log(bytes[i]))
    sx += x; sy += y; sz += z; sxx += x * x; sxy += x * y; sxz += x * z
  }
  if (m >= 2 && m * sxx - sx * sx > 0) {
    e = (m * sxy - sx * sy) / (m * sxx - sx * sx)
    b = (m * sxz - sx * sz) / (m * sxx - sx * sx)
    printf "precis growth exponent of CPU time over %d sizes (log-log slope): %.2f (n log n: %.2f)\n", m, e, b
    printf "target: time grows no faster than n log n: %s\n", verdict(e <= b)
    if (e > b) missed++
  }
  # memory per input byte
  for (i = 1; i <= np; i++) if (ok(res[i])) {
    per = f(res[i], 3) * 1024 / bytes[i]; lim = bytes[i] >= 25 * 1048576 * 0.99 ? 5 : 20
    printf "target: peak memory at most %dx the input on %s: %.2fx: %s\n", lim, name[i], per, verdict(per <= lim)
    if (per > lim) missed++
  }
  if (nm > 0 && base > 0) {
    printf "target: -r 0.1 of every method within 3x the CPU time of -n 5 on 5 MiB: %.2fx at most (%s): %s\n",
      worst, wname, verdict(worst <= 3)
    if (worst > 3) missed++
  }
  exit (strict && missed) ? 1 : 0
}' "$REPORT"
