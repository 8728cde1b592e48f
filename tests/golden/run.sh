#!/usr/bin/env bash
# run.sh CLI OUT: every CLI output over the corpus, both languages, into OUT (one file per command).
cli="$(realpath "$1")"; out="$(realpath -m "$2")"; mkdir -p "$out"; cd "$(dirname "$0")/corpus"
for lang in en zh; do
  for f in 0*.xml 0*.json; do
    for mode in "" "--json"; do
      "$cli" --lang $lang validate $mode "$f" > "$out/validate-$lang-$f$mode.txt" 2>&1; echo "exit $?" >> "$out/validate-$lang-$f$mode.txt"
    done
    "$cli" --lang $lang validate --region mars-1 "$f" > "$out/region-$lang-$f.txt" 2>&1; echo "exit $?" >> "$out/region-$lang-$f.txt"
    "$cli" --lang $lang fmt --pretty "$f" > "$out/fmt-$lang-$f.txt" 2>&1; echo "exit $?" >> "$out/fmt-$lang-$f.txt"
    "$cli" --lang $lang policy --explain "$f" > "$out/policy-$lang-$f.txt" 2>&1; echo "exit $?" >> "$out/policy-$lang-$f.txt"
  done
  for m in m*.csv; do
    for mode in "" "--json"; do
      "$cli" --lang $lang manifest check --fields Bucket,Key --bucket bucket-a $mode "$m" > "$out/manifest-$lang-$m$mode.txt" 2>&1; echo "exit $?" >> "$out/manifest-$lang-$m$mode.txt"
    done
  done
  "$cli" --lang $lang rules > "$out/rules-$lang.txt" 2>&1
  "$cli" --lang $lang rules --json > "$out/rules-$lang.json" 2>&1
  "$cli" --lang $lang rules --markdown > "$out/rules-$lang.md" 2>&1
done
