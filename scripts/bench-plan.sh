#!/usr/bin/env bash
# The plan's benchmarks (issue #30), each beside its peer in the same run; numbers go to
# docs/benchmarks.md. Loopback only; stops by itself.
#
#   scripts/bench-plan.sh [ROWS] [MANIFEST_ROWS] [LIVE_OBJECTS]    (defaults 10000000 1000000 20000)
#
# 1. Inventory join: `ossbatch plan --inventory` over a generated inventory of ROWS rows (10 gzip CSV
#    data files, keys URL-encoded, every field quoted as OSS writes them) and a MANIFEST_ROWS-row
#    manifest (1 row in 100 missing), a RestoreObject job over Standard/IA objects (so no object call
#    is needed: the join alone is measured); peak RSS by GNU time. Peer: `zcat | mawk` over the same
#    data files.
# 2. CSV splitting: the shared fast path (`split_csv` example) against `mawk -F,` over 4 decompressed
#    data files.
# 3. Live path: `ossbatch plan` of a PutObjectAcl job over LIVE_OBJECTS objects (HeadObject +
#    GetObjectAcl each, --concurrency 16) against a loopback upstream that answers at once; peer: the
#    official Python SDK with a 16-thread pool making the same calls (scripts/bench-live.py).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
export PATH="$HOME/.cargo/bin:$PATH"
rows="${1:-10000000}" mrows="${2:-1000000}" live="${3:-20000}"
work="$(mktemp -d)"
trap 'kill "${upstream:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

cargo build --release --locked -q -p ossbatch-cli
cargo build --release --locked -q -p ossbatch-core --example split_csv
cargo build --release --locked -q -p ossbatch-proxy --example instant_upstream

echo "== generating $rows inventory rows and a $mrows-row manifest in $work"
mkdir -p "$work/data" "$work/2026-12-06T00-00Z"
per=$((rows / 10))
for f in $(seq 0 9); do
  mawk -v start=$((f * per)) -v n=$per 'BEGIN {
    split("Standard IA Standard IA Standard", cls, " ");
    for (i = start; i < start + n; i++)
      printf "\"inv-bucket\",\"data%%2F%04d%%2Fobject-%09d.dat\",\"%d\",\"%s\",\"2026-11-30T10:00:00.000Z\",\"5B3C1A2E053D763E1B002CC607C5A0FE\",\"false\",\"\"\n", i % 1000, i, (i * 7919) % 1000000, cls[(i % 5) + 1]
  }' | gzip -1 > "$work/data/part-$f.csv.gz"
done
mawk -v rows="$rows" -v m="$mrows" 'BEGIN {
  step = int(rows / m);
  for (j = 0; j < m; j++) {
    i = j * step;
    if (j % 100 == 99) printf "inv-bucket,data/%04d/missing-%09d.dat\n", i % 1000, i;
    else printf "inv-bucket,data/%04d/object-%09d.dat\n", i % 1000, i
  }
}' > "$work/manifest.csv"
{
  printf '{"creationTimestamp":"1764979200","destinationBucket":"inv-dest","fileFormat":"CSV","fileSchema":"Bucket, Key, Size, StorageClass, LastModifiedDate, ETag, IsMultipartUploaded, EncryptionStatus","files":['
  for f in $(seq 0 9); do
    [ "$f" -gt 0 ] && printf ','
    printf '{"key":"inv-dest/inv-bucket/inv/data/part-%d.csv.gz","size":%d,"MD5checksum":"%s"}' "$f" \
      "$(stat -c %s "$work/data/part-$f.csv.gz")" "$(md5sum "$work/data/part-$f.csv.gz" | cut -c1-32)"
  done
  printf '],"sourceBucket":"inv-bucket","version":"2019-09-01"}\n'
} > "$work/2026-12-06T00-00Z/manifest.json"
job() { # OPERATION MANIFEST
  printf '<CreateJobRequest><ConfirmationRequired>true</ConfirmationRequired><Operation>%s</Operation><Report><Enabled>false</Enabled></Report><Manifest><Location><ETag>%s</ETag><Bucket>manifest-bucket</Bucket><Object>m.csv</Object></Location><Spec><Fields>Bucket,Key</Fields><Format>OSS_BatchOperations_CSV_20250611</Format></Spec></Manifest><Priority>1</Priority><RoleArn>acs:ram::1:role/batch</RoleArn></CreateJobRequest>' \
    "$1" "$(md5sum "$2" | cut -c1-32)"
}
job '<RestoreObject><Days>1</Days><Tier>Standard</Tier></RestoreObject>' "$work/manifest.csv" > "$work/restore.xml"
head -n "$live" "$work/manifest.csv" > "$work/live.csv"
job '<PutObjectAcl><ObjectAcl>private</ObjectAcl></PutObjectAcl>' "$work/live.csv" > "$work/acl.xml"

target/release/examples/instant_upstream 0 > "$work/upstream.log" &
upstream=$!
for _ in $(seq 50); do grep -q listening "$work/upstream.log" 2>/dev/null && break; sleep 0.1; done
endpoint="$(sed -n 's/^listening on //p' "$work/upstream.log")"
plan() { env OSS_ACCESS_KEY_ID=AK OSS_ACCESS_KEY_SECRET=SECRET "$ROOT/target/release/ossbatch" \
  --endpoint "$endpoint" --region cn-hangzhou plan --json "$@"; }

echo "== 1. inventory join (best of 3 each, interleaved)"
for _ in 1 2 3; do
  /usr/bin/time -f "ossbatch plan --inventory: %e s, peak RSS %M KiB" \
    bash -c "$(declare -f plan); endpoint=$endpoint ROOT=$ROOT plan --manifest '$work/manifest.csv' --inventory '$work/2026-12-06T00-00Z/manifest.json' '$work/restore.xml' > '$work/plan.json' || [ \$? = 3 ]"
  /usr/bin/time -f "zcat | mawk over the same data files: %e s, peak RSS %M KiB" \
    sh -c "zcat '$work'/data/*.gz | mawk -F, '{n++} END {print n \" rows\"}'"
done
python3 -c "import json,sys; d=json.load(open('$work/plan.json')); print('plan:', d['targets'], 'targets,', d['predicted'])"

echo "== 2. CSV splitting (best of 3 each, interleaved)"
for f in 0 1 2 3; do zcat "$work/data/part-$f.csv.gz"; done > "$work/split.csv"
echo "file: $(stat -c %s "$work/split.csv") bytes"
for _ in 1 2 3; do
  /usr/bin/time -f "csv_line fast path: %e s" target/release/examples/split_csv "$work/split.csv"
  /usr/bin/time -f "mawk -F,: %e s" mawk -F, '{n+=NF} END {print NR, n}' "$work/split.csv"
done

echo "== 3. live path ($live objects: HeadObject + GetObjectAcl each)"
/usr/bin/time -f "ossbatch plan --concurrency 16: %e s for $((2 * live)) calls" \
  bash -c "$(declare -f plan); endpoint=$endpoint ROOT=$ROOT plan --concurrency 16 --manifest '$work/live.csv' '$work/acl.xml' > /dev/null"
python3 scripts/bench-live.py "$endpoint" "$((live / 4))" 16
