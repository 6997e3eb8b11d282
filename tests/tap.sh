# tests/tap.sh: what the host tests of contrib/ share, sourced from the top
# of the checkout. check prints a TAP line per check and counts the
# failures in $failed (of $n); same and has say what they wanted.
failed=0 n=0
check() { # description, then a command that must succeed
  what=$1
  shift
  n=$((n + 1))
  if "$@"; then echo "ok - $what"; else echo "not ok - $what" >&2; failed=$((failed + 1)); fi
}
same() { [ "$1" = "$2" ] || { printf 'want: %s\ngot:  %s\n' "$1" "$2" >&2; return 1; }; }
has() { case $2 in *"$1"*) return 0 ;; esac; printf 'no "%s" in: %s\n' "$1" "$2" >&2; return 1; }
