#!/usr/bin/env bash
# Behaviour unchanged for users: every CLI output (validate, fmt, policy, manifest check, rules; text
# and --json; English and Chinese) over tests/golden/corpus, from BASE (a commit, built in a temporary
# worktree) and from the working tree, compared byte for byte.
#   scripts/golden-cli.sh ed5451c
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:?usage: scripts/golden-cli.sh BASE-COMMIT}"
work="$(mktemp -d)"
trap 'git worktree remove --force "$work/tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add -q "$work/tree" "$base"
(cd "$work/tree" && CARGO_TARGET_DIR="$work/target" cargo build --locked -q -p ossbatch-cli)
cargo build --locked -q -p ossbatch-cli
tests/golden/run.sh "$work/target/debug/ossbatch" "$work/before"
tests/golden/run.sh target/debug/ossbatch "$work/after"
if diff -r "$work/before" "$work/after"; then
  echo "golden: $(ls "$work/after" | wc -l) outputs, the same bytes as $base"
else
  echo "golden: outputs differ from $base (above)" >&2
  exit 1
fi
