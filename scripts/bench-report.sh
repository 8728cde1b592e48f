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
cargo build -q --release -p ossbatch-cli
report="$work/report.csv"
python3 - "$report" "$size_mib" <<'PY'
import sys
path, size = sys.argv[1], int(sys.argv[2]) * 1024 * 1024
codes = [("403", "AccessDenied", "Access Denied"), ("404", "NoSuchKey", "The specified key does not exist."),
         ("403", "InvalidObjectState", "The operation is not valid for the object's state")]
block = []
for i in range(10000):
    key = f"photos/2026/{i:09d}.jpg" if i % 50 else f"\"photos/2026/{i:09d},copy.jpg\""
    if i % 10 == 3:
        http, code, message = codes[i % 3]
        block.append(f"examplebucket,{key},,failed,{http},{code},{message}\n")
    else:
        block.append(f"examplebucket,{key},,succeeded,200,,Successful\n")
block = "".join(block).encode()
with open(path, "wb") as f:
    written = 0
    while written < size:
        f.write(block)
        written += len(block)
PY
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
