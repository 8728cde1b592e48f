#!/usr/bin/env bash
# `ossbatch report summary` over a generated report of SIZE MiB (default 1024) against awk counting the
# status column over the same file, in the same run; and the peak memory of each (GNU time).
#   scripts/bench-report.sh [SIZE_MIB]
# The report: S3's real column order (ASSUMED, tests/fixtures/reports/README.md), 1 row in 10 failed
# with one of three codes, 1 key in 50 quoted with a comma in it (awk miscounts those rows; we must not).
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib="${1:-1024}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo build --locked -q --release -p ossbatch-cli
report="$work/report.csv"
python3 scripts/write-bench-report.py "$report" "$size_mib"
echo "report: $(stat -c %s "$report") bytes"
measure() { # label, command...
  local label="$1"; shift
  local best=""
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$work/rss" "$@" > "$work/out" 2>/dev/null || true
    end=$(date +%s.%N)
    local t; t=$(echo "$end - $start" | bc)
    if [ -z "$best" ] || (( $(echo "$t < $best" | bc) )); then best="$t"; fi
  done
  printf '%-28s best of 3: %6.2f s  %7.1f MiB/s  peak RSS %s KiB\n' "$label" "$best" \
    "$(echo "$size_mib / $best" | bc -l)" "$(tail -1 "$work/rss")"
}
measure "awk -F, (status column)" awk -F, '{n[$4]++} END {for (k in n) print k, n[k]}' "$report"
echo "  awk says: $(tr '\n' ' ' < "$work/out")"
measure "ossbatch report summary" target/release/ossbatch report summary --json "$report"
echo "  ossbatch says: tasks $(grep -m1 '"tasks"' "$work/out" | tr -dc 0-9), failed $(grep -m1 '"failed"' "$work/out" | tr -dc 0-9)"
