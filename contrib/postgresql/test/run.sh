#!/bin/sh
# precis_summarize and precis_sentences inside the real PostgreSQL
# (Debian 12: postgresql-15 with postgresql-15-pllua, Lua 5.3), with precis
# from the checkout: lua/ and build/lua5.3 (make LUA_VERSION=5.3). Makes a
# temporary cluster with initdb, starts it with pg_ctl on a Unix socket in
# a temporary folder (no TCP), loads contrib/postgresql/precis.sql, runs
# the SQL over a table of documents, and stops it. PostgreSQL refuses to
# run as root: as root, the server runs as the user postgres. Run from
# anywhere; make test-hosts runs it.
set -u
cd "$(dirname "$0")/../../.." || exit 2
root=$PWD
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
tmp=$(mktemp -d) || exit 2
# as root, commands for the server run as postgres, from a folder it may enter
as=""
if [ "$(id -u)" = 0 ]; then
  as="env -C $tmp runuser -u postgres --"
  chmod 755 "$tmp"
  chown postgres "$tmp"
fi
data=$tmp/data
started=""
stop() {
  [ -n "$started" ] && $as "$PGBIN/pg_ctl" -D "$data" -m fast -w stop > /dev/null
  started=""
}
trap 'stop; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

. tests/tap.sh # check, same, has

# What the server loads: the checkout's files, or a copy of them in the
# temporary folder when its user cannot read the checkout (a clone in
# /root, say). The copy keeps the layout, so core.so finds libprecis.so.
tree=$root
if ! $as test -r "$root/build/lua5.3/precis/core.so" || ! $as test -r "$root/lua/precis/init.lua"; then
  tree=$tmp/tree
  mkdir -p "$tree/lua" "$tree/build/lua5.3"
  cp -R "$root/lua/precis" "$tree/lua/"
  cp -R "$root/build/lua5.3/precis" "$tree/build/lua5.3/"
  cp -P "$root"/build/libprecis.so* "$tree/build/"
  chmod -R a+rX "$tree"
fi

$as "$PGBIN/initdb" -D "$data" -E UTF8 --locale=C.UTF-8 -A trust -U postgres > "$tmp/initdb.log" 2>&1 ||
  { cat "$tmp/initdb.log" >&2; exit 1; }
cat >> "$data/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$tmp'
pllua.on_init = 'package.path = "$tree/lua/?.lua;$tree/lua/?/init.lua;" .. package.path; package.cpath = "$tree/build/lua5.3/?.so;" .. package.cpath; require("pllua.trusted").allow("precis")'
EOF
$as "$PGBIN/pg_ctl" -D "$data" -l "$tmp/server.log" -w start > /dev/null ||
  { cat "$tmp/server.log" >&2; exit 1; }
started=1
"$PGBIN/postgres" --version

sql() { # psql with ON_ERROR_STOP; the output unaligned, no headers
  psql -h "$tmp" -U postgres -d postgres -X -q -A -t -v ON_ERROR_STOP=1 "$@"
}

check "CREATE EXTENSION pllua; precis.sql loads" \
  sql -c "CREATE EXTENSION pllua; CREATE EXTENSION plluau;" -f contrib/postgresql/precis.sql
where=$(sql -c "DO LANGUAGE plluau \$\$ print(_VERSION, package.searchpath('precis.core', package.cpath)) \$\$" 2>&1)
check "pllua runs Lua 5.3 and loads precis from the checkout" has "Lua 5.3	$tree/build/lua5.3/precis/core.so" "$where"

# a table of documents: the examples and the spec's fixtures
{
  echo "CREATE TABLE documents (id integer PRIMARY KEY, name text, body text);"
  i=0
  for f in examples/harbour-bridge.txt examples/harbour-bridge-followup.txt \
           spec/fixtures/orchard.txt spec/fixtures/canal-report.txt contrib/neovim/test/ferry.txt; do
    i=$((i + 1))
    echo "INSERT INTO documents VALUES ($i, '$f', convert_from(decode('$(od -An -v -tx1 "$f" | tr -d ' \n')', 'hex'), 'UTF8'));"
  done
  echo "INSERT INTO documents VALUES (6, 'empty', '   ');"
  echo "INSERT INTO documents VALUES (7, 'null', NULL);"
} > "$tmp/documents.sql"
check "a table of five documents, an empty one and a NULL one" sql -f "$tmp/documents.sql"

# precis_summarize: summarize's sentences, joined by a space
i=0
for f in examples/harbour-bridge.txt examples/harbour-bridge-followup.txt \
         spec/fixtures/orchard.txt spec/fixtures/canal-report.txt contrib/neovim/test/ferry.txt; do
  i=$((i + 1))
  want=$(bin/summarize -n 2 "$f" | tr '\n' ' ' | sed 's/ $//')
  check "precis_summarize(body, 2) of $f is summarize -n 2's" \
    same "$want" "$(sql -c "SELECT precis_summarize(body, 2) FROM documents WHERE id = $i")"
done
want=$(bin/summarize --policy news -n 1 examples/harbour-bridge.txt)
check "a policy: precis_summarize(body, 1, 'news') is summarize --policy news -n 1's" \
  same "$want" "$(sql -c "SELECT precis_summarize(body, 1, 'news') FROM documents WHERE id = 1")"
want=$(bin/summarize --policy news examples/harbour-bridge.txt | tr '\n' ' ' | sed 's/ $//')
check "sentences NULL takes the policy's length" \
  same "$want" "$(sql -c "SELECT precis_summarize(body, NULL, 'news') FROM documents WHERE id = 1")"
check "an empty body and a NULL body give NULL" \
  same "t|t" "$(sql -c "SELECT bool_and(precis_summarize(body) IS NULL) FROM documents WHERE id IN (6, 7)" \
               -c "SELECT count(*) = 0 FROM documents d, precis_sentences(d.body) WHERE d.id IN (6, 7)" | tr '\n' '|' | sed 's/|$//')"

# precis_sentences: rows, with offsets that slice body exactly
rows=$(sql -c "SELECT count(*) FROM documents d, LATERAL precis_sentences(d.body, 3) s WHERE d.id <= 5")
check "precis_sentences(body, 3) over the table: three rows per document" same 15 "$rows"
bad=$(sql -c "SELECT d.id, s.n FROM documents d, LATERAL precis_sentences(d.body, 3) s
              WHERE substr(d.body, s.char_start + 1, s.char_end - s.char_start) <> s.sentence
                 OR substring(convert_to(d.body, 'UTF8') FROM s.byte_start + 1
                              FOR s.byte_end - s.byte_start) <> convert_to(s.sentence, 'UTF8')")
check "every row's character and byte offsets slice body to its sentence" same "" "$bad"
multibyte=$(sql -c "SELECT count(*) FROM documents d, LATERAL precis_sentences(d.body, 10) s
                    WHERE d.id = 5 AND s.byte_start <> s.char_start")
check "after a multi-byte character, bytes and characters differ (and both hold)" \
  sh -c "[ '$multibyte' -gt 0 ]"
want=$(bin/summarize -n 3 --order score contrib/neovim/test/ferry.txt)
got=$(sql -c "SELECT regexp_replace(sentence, '\\s+', ' ', 'g') FROM precis_sentences(
                (SELECT body FROM documents WHERE id = 5), 3) ORDER BY score DESC, n")
check "their scores rank them as summarize --order score does" same "$want" "$got"
check "n counts the rows from 1, in document order" \
  same "1 2 3" "$(sql -c "SELECT n FROM precis_sentences((SELECT body FROM documents WHERE id = 1), 3)" | tr '\n' ' ' | sed 's/ $//')"

# errors
err=$(sql -c "SELECT precis_summarize(body, 2, 'no-such-policy') FROM documents WHERE id = 1" 2>&1)
check "an unknown policy is an error" has "no-such-policy" "$err"
err=$(sql -c "SELECT precis_summarize(body, 0) FROM documents WHERE id = 1" 2>&1)
check "a budget of 0 sentences is an error" has "ERROR" "$err"
check "the server is still up" same 1 "$(sql -c "SELECT 1")"

stop
check "pg_ctl stopped the server" sh -c "! $as '$PGBIN/pg_ctl' -D '$data' status > /dev/null"
echo "postgresql: $n checks, $failed failed"
[ "$failed" = 0 ]
