#!/usr/bin/env bash
# The snapshot's speed (issue #31), beside its peer in the same run; numbers go to docs/benchmarks.md.
# Loopback only; stops by itself.
#
#   scripts/bench-snapshot.sh [OBJECTS] [PEER_OBJECTS]      (defaults 40000 10000)
#
# `ossbatch snapshot --concurrency 16` of a PutObjectTagging job over OBJECTS objects (HeadObject and
# GetObjectTagging each, rows written and synced every 1,024 objects) against a loopback upstream that
# answers at once (the proxy crate's instant_upstream example, which also serves the manifest); peer:
# the official Python SDK with a 16-thread pool making the same two calls for PEER_OBJECTS objects and
# writing a JSON line each (scripts/bench-live.py … tagging). Reads per second = objects / time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
export PATH="$HOME/.cargo/bin:$PATH"
objects="${1:-40000}" peer="${2:-10000}"
work="$(mktemp -d)"
trap 'kill "${upstream:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

cargo build --release --locked -q -p ossbatch-cli
cargo build --release --locked -q -p ossbatch-proxy --example instant_upstream

mawk -v n="$objects" 'BEGIN { for (i = 0; i < n; i++) printf "inv-bucket,data/%04d/object-%09d.dat\n", i % 1000, i }' \
  > "$work/manifest.csv"
printf '<CreateJobRequest><ConfirmationRequired>true</ConfirmationRequired><Operation><PutObjectTagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></PutObjectTagging></Operation><Report><Enabled>false</Enabled></Report><Manifest><Location><ETag>%s</ETag><Bucket>manifest-bucket</Bucket><Object>m.csv</Object></Location><Spec><Fields>Bucket,Key</Fields><Format>OSS_BatchOperations_CSV_20250611</Format></Spec></Manifest><Priority>1</Priority><RoleArn>acs:ram::1:role/batch</RoleArn></CreateJobRequest>' \
  "$(md5sum "$work/manifest.csv" | cut -c1-32)" > "$work/tagging.xml"

target/release/examples/instant_upstream 0 "$work/manifest.csv" > "$work/upstream.log" &
upstream=$!
for _ in $(seq 50); do grep -q listening "$work/upstream.log" 2>/dev/null && break; sleep 0.1; done
endpoint="$(sed -n 's/^listening on //p' "$work/upstream.log")"

echo "== snapshot of $objects objects (HeadObject + GetObjectTagging each), best of 3"
for run in 1 2 3; do
  rm -rf "$work/snap"
  start=$(date +%s.%N)
  env OSS_ACCESS_KEY_ID=AK OSS_ACCESS_KEY_SECRET=SECRET target/release/ossbatch \
    --endpoint "$endpoint" --region cn-hangzhou snapshot --concurrency 16 --out "$work/snap" "$work/tagging.xml" > /dev/null
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" -v n="$objects" -v r="$run" \
    'BEGIN { printf "ossbatch snapshot run %d: %d objects in %.2f s: %.0f objects/s\n", r, n, e - s, n / (e - s) }'
done
echo "rows: $(wc -l < "$work/snap/objects.jsonl")"
echo "== peer: official Python SDK, 16 threads, $peer objects"
python3 scripts/bench-live.py "$endpoint" "$peer" 16 tagging "$work/peer.jsonl" | \
  awk '{ print } /calls in/ { for (i = 1; i <= NF; i++) if ($i == "in") t = $(i + 1); }
       END { if (t > 0) printf "python sdk: %.0f objects/s\n", '"$peer"' / t }'
