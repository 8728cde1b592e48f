#!/usr/bin/env bash
# Sets up this machine and runs the ossbatch builder (app + proxy) on one port.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh
if [ -d crates/ossbatch-proxy ] && [ -d crates/ossbatch-app ]; then
  scripts/build-app.sh
  exec cargo run --release -p ossbatch-proxy -- --static-dir dist "$@"
fi
cargo build --release -p ossbatch-cli
echo
echo "The browser builder and proxy are not in this revision yet (issues #5 and #6)."
echo "The CLI is built: target/release/ossbatch validate|fmt|rules --help"
