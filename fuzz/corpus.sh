#!/bin/sh
# fuzz/corpus.sh OUT: the seed corpus of each harness, from the texts and
# policies of the repository (make fuzz runs it; nothing here is kept).
# Each seed is a file as the harness reads it: a text after its settings
# bytes, or a policy as it is.
set -e
out=$1
rm -rf "$out"
mkdir -p "$out/segment" "$out/summarize" "$out/yaml" "$out/policy"
n=0
for f in tests/fixtures/* spec/fixtures/* spec/fixtures/formats/* examples/* eval/web/* eval/html/*; do
  case "$f" in
    *.txt) mode=0 ;;
    *.md) mode=1 ;;
    *.html|*.htm) mode=2 ;;
    *) continue ;;
  esac
  n=$((n + 1))
  # segmentation: the mode byte (text, Markdown, HTML), the text
  { printf "\\$(printf %o $mode)"; cat "$f"; } > "$out/segment/$n"
  # a summary: the default mix of three sentences, then a selector under a
  # word budget, in the file's format
  { printf "\\000\\010\\$(printf %o $mode)\\000"; cat "$f"; } > "$out/summarize/$n"
  { printf "\\024\\045\\$(printf %o $mode)\\021"; cat "$f"; } > "$out/summarize/$n-words"
done
# several documents on one story, separated by 0xFF
for pair in "examples/harbour-bridge.txt examples/harbour-bridge-followup.txt" \
            "spec/fixtures/orchard.txt spec/fixtures/orchard-followup.txt" \
            "tests/fixtures/library-flood.txt tests/fixtures/library-followup.txt"; do
  set -- $pair
  [ -f "$1" ] && [ -f "$2" ] || continue
  n=$((n + 1))
  { printf '\000\014\000\001'; cat "$1"; printf '\377'; cat "$2"; } > "$out/summarize/$n-two"
done
# the reproducers of known bugs: a last line "ii", spans outside the text
printf '\000ii' > "$out/segment/roman"
printf '\000The ferry leaves at noon every day.\nii' > "$out/segment/roman-line"
printf '\002e</rl>ar. Al' > "$out/segment/html-span"
printf '\005\001\357\277\226\252' > "$out/segment/replace-span"
for f in policies/*.yaml spec/fixtures/policies/*.yaml; do
  [ -f "$f" ] || continue
  n=$((n + 1))
  cp "$f" "$out/yaml/$n.yaml"
  cp "$f" "$out/policy/$n.yaml"
done
echo "fuzz seeds: $(ls "$out/segment" | wc -l) segment, $(ls "$out/summarize" | wc -l) summarize, $(ls "$out/yaml" | wc -l) yaml and policy"
