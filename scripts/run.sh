#!/usr/bin/env bash
# Sets up this machine and runs the ossbatch builder (app + proxy) on one port.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
OSSBATCH_SETUP_FUZZ=0 scripts/setup.sh
scripts/build-app.sh
# One port for the page and the proxy: http://127.0.0.1:8080/ (flags: cargo run -p ossbatch-proxy -- --help).
exec cargo run --locked --release -p ossbatch-proxy -- --static-dir dist "$@"
