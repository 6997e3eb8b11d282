#!/bin/sh
# POST /summarize inside the real nginx (Debian 12: nginx 1.22 with
# libnginx-mod-http-lua, OpenResty's LuaJIT), with precis from the
# checkout: lua/ and build/luajit (make LUA_VERSION=jit). Starts nginx on
# 127.0.0.1, on a free port, with its own temporary prefix and a config
# that includes contrib/nginx/precis.conf; sends real requests with curl;
# stops nginx by its PID. Run from anywhere; make test-hosts runs it.
set -u
cd "$(dirname "$0")/../../.." || exit 2
root=$PWD
MODULES=${NGINX_MODULES:-/usr/lib/nginx/modules}
tmp=$(mktemp -d) || exit 2
pid=""
stop() {
  if [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null; then
    kill -QUIT "$pid"
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2> /dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2> /dev/null && kill -KILL "$pid"
  fi
  pid=""
}
trap 'stop; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

. tests/tap.sh # check, same, has

# As root the workers run as nobody: they read precis and write the
# prefix's temporary folders. What they load is the checkout's files, or a
# copy of them in the prefix when nobody cannot read the checkout (a clone
# in /root, say); the copy keeps the layout, so core.so finds libprecis.so.
user="" as=""
if [ "$(id -u)" = 0 ]; then
  user="user nobody nogroup;"
  as="runuser -u nobody --"
  chmod 755 "$tmp"
fi
mkdir "$tmp/body" "$tmp/proxy" "$tmp/fastcgi" "$tmp/uwsgi" "$tmp/scgi"
[ -n "$user" ] && chown nobody:nogroup "$tmp/body" "$tmp/proxy" "$tmp/fastcgi" "$tmp/uwsgi" "$tmp/scgi"
tree=$root
if ! $as test -r "$root/build/luajit/precis/core.so" || ! $as test -r "$root/lua/precis/init.lua" ||
   ! $as test -r "$root/contrib/nginx/precis_http.lua"; then
  tree=$tmp/tree
  mkdir -p "$tree/lua" "$tree/build/luajit" "$tree/contrib"
  cp -R "$root/lua/precis" "$tree/lua/"
  cp -R "$root/build/luajit/precis" "$tree/build/luajit/"
  cp -P "$root"/build/libprecis.so* "$tree/build/"
  cp -R "$root/contrib/nginx" "$tree/contrib/"
  chmod -R a+rX "$tree"
fi

config() { # port
  cat > "$tmp/nginx.conf" <<EOF
load_module $MODULES/ndk_http_module.so;
load_module $MODULES/ngx_http_lua_module.so;
$user
daemon off;
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/error.log info;
events { worker_connections 64; }
http {
    access_log $tmp/access.log;
    client_body_temp_path $tmp/body;
    proxy_temp_path $tmp/proxy;
    fastcgi_temp_path $tmp/fastcgi;
    uwsgi_temp_path $tmp/uwsgi;
    scgi_temp_path $tmp/scgi;
    lua_package_path "$tree/lua/?.lua;$tree/lua/?/init.lua;$tree/contrib/nginx/?.lua;;";
    lua_package_cpath "$tree/build/luajit/?.so;;";
    server {
        listen 127.0.0.1:$1;
        include $tree/contrib/nginx/precis.conf;
        location = /where {
            content_by_lua_block {
                ngx.say(package.searchpath("precis.core", package.cpath), " ", jit and jit.version)
            }
        }
    }
}
EOF
}

# a free port: a random one, and another while nginx cannot bind it
port=""
for _ in 1 2 3 4 5 6 7 8; do
  try=$(shuf -i 20000-60999 -n 1)
  curl -s -o /dev/null "http://127.0.0.1:$try/" && continue # someone answers there
  config "$try"
  nginx -p "$tmp" -c "$tmp/nginx.conf" -e "$tmp/error.log" &
  pid=$!
  for _ in $(seq 50); do
    curl -s -o /dev/null "http://127.0.0.1:$try/where" && { port=$try; break; }
    kill -0 "$pid" 2> /dev/null || break
    sleep 0.1
  done
  [ -n "$port" ] && break
  stop
done
if [ -z "$port" ]; then
  echo "nginx did not start:" >&2
  cat "$tmp/error.log" >&2
  exit 1
fi
nginx -v 2>&1
URL=http://127.0.0.1:$port/summarize

# curl ARGS...: the status code on the first line, then the body
post() { curl -s -o "$tmp/out" -w '%{http_code}\n' "$@" && cat "$tmp/out"; }
status() { sed -n 1p; }
body() { sed 1d; }

where=$(curl -s "http://127.0.0.1:$port/where")
check "nginx's LuaJIT loads precis from the checkout ($where)" \
  has "$tree/build/luajit/precis/core.so LuaJIT" "$where"

# a text body: the JSON summarize --format json writes for the same file
A=examples/harbour-bridge.txt
want=$(cd examples && ../bin/summarize --format json -n 2 harbour-bridge.txt)
r=$(post -H 'Content-Type: text/plain' --data-binary @$A "$URL?sentences=2&name=harbour-bridge.txt")
check "a text body: 200" same 200 "$(echo "$r" | status)"
check "the same JSON as summarize --format json -n 2" same "$want" "$(echo "$r" | body)"
check "with no Content-Type, the body is text; the answer is application/json" \
  has "Content-Type: application/json" "$(curl -s -D - -o /dev/null -H 'Content-Type:' --data-binary @$A "$URL")"

want=$(cd examples && ../bin/summarize --format json --policy news -n 1 harbour-bridge.txt)
r=$(post -H 'Content-Type: text/plain' --data-binary @$A "$URL?policy=news&sentences=1&name=harbour-bridge.txt")
check "a policy from the query string" same "$want" "$(echo "$r" | body)"

# a JSON body with two documents, a word budget and a policy
B=examples/harbour-bridge-followup.txt
cat > "$tmp/two.lua" <<'EOF'
package.path = "lua/?.lua;" .. package.path
local json = require "precis.json"
local function slurp(p) local f = assert(io.open(p, "rb")) local s = f:read("*a") f:close() return s end
io.write(json.encode(json.object({ "documents", "words", "policy" }, {
  documents = { { name = "harbour-bridge.txt", text = slurp(arg[1]) },
                { name = "harbour-bridge-followup.txt", text = slurp(arg[2]) } },
  words = 80, policy = "digest" })))
EOF
lua5.4 "$tmp/two.lua" "$A" "$B" > "$tmp/two.json"
want=$(cd examples && ../bin/summarize --format json --policy digest -w 80 harbour-bridge.txt \
       harbour-bridge-followup.txt)
r=$(post -H 'Content-Type: application/json' --data-binary @"$tmp/two.json" "$URL")
check "a JSON body with documents, words and policy: 200" same 200 "$(echo "$r" | status)"
check "the same JSON as summarize --policy digest -w 80 A B" same "$want" "$(echo "$r" | body)"

# errors
printf 'The price fell to \342\202 cents. It rose again the next day.\n' > "$tmp/bad.txt"
r=$(post -H 'Content-Type: text/plain' --data-binary @"$tmp/bad.txt" "$URL?name=bad.txt")
check "invalid UTF-8: 400" same 400 "$(echo "$r" | status)"
check "with the error as JSON" same \
  '{"error":"bad.txt:1:19: invalid UTF-8 (truncated sequence) at byte offset 18","code":"EUTF8"}' \
  "$(echo "$r" | body)"
r=$(post -H 'Content-Type: application/json' --data-binary '{"text":"The bridge will close. It opens in May.","sentence":2}' "$URL")
check "an unknown option in a JSON body: 400" same 400 "$(echo "$r" | status)"
check "named" has "unknown option 'sentence'" "$(echo "$r" | body)"
r=$(post -H 'Content-Type: text/plain' --data-binary @$A "$URL?sentence=2")
check "an unknown option in the query string: 400" same 400 "$(echo "$r" | status)"
check "named" has "unknown option 'sentence'" "$(echo "$r" | body)"
r=$(post -H 'Content-Type: text/plain' --data-binary @$A "$URL?method=best")
check "an unknown method: 400, with precis's message" \
  same '400 {"error":"unknown method '"'best'"'","code":"EOPTION"}' "$(echo "$r" | tr '\n' ' ' | sed 's/ $//')"
r=$(post -H 'Content-Type: application/json' --data-binary '{"text": "unfinished' "$URL")
check "a body that is not JSON: 400" same 400 "$(echo "$r" | status)"
r=$(post -H 'Content-Type: text/plain' --data-binary '' "$URL")
check "an empty body: 400" same 400 "$(echo "$r" | status)"
r=$(post -H 'Content-Type: application/x-www-form-urlencoded' --data-binary 'a=b' "$URL")
check "another content type: 415" same 415 "$(echo "$r" | status)"
check "GET: 405" same 405 "$(curl -s -o /dev/null -w '%{http_code}' "$URL")"
head -c 1100000 /dev/zero | tr '\0' 'a' > "$tmp/big.txt"
r=$(post -H 'Content-Type: text/plain' --data-binary @"$tmp/big.txt" "$URL")
check "a body over client_max_body_size: 413" same 413 "$(echo "$r" | status)"
check "with the error as JSON" has '"code":"ETOOLARGE"' "$(echo "$r" | body)"
r=$(post -H 'Content-Type: text/plain' -H 'Transfer-Encoding: chunked' --data-binary @"$tmp/big.txt" "$URL")
check "and so when it comes chunked, with no length" same 413 "$(echo "$r" | status)"

r=$(post -H 'Content-Type: text/plain' --data-binary @$A "$URL?sentences=1")
check "nginx still answers after all that" same 200 "$(echo "$r" | status)"
check "no Lua error in nginx's log" sh -c "! grep -E 'runtime error|\\[alert\\]|\\[emerg\\]' '$tmp/error.log'"
stop
check "nginx stopped by its PID" sh -c "! curl -s -o /dev/null '$URL'"

echo "nginx: $n checks, $failed failed"
[ "$failed" = 0 ]
