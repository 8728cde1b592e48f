#!/usr/bin/env bash
# Sets up this machine and runs the ossbatch builder (app + proxy) on one port.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup.sh
if [ -d crates/ossbatch-proxy ]; then
  scripts/build-app.sh
  exec cargo run --release -p ossbatch-proxy -- --static-dir dist "$@"
fi
# Until the CORS proxy lands (issue #6), the builder is served as static files; submission needs the proxy.
scripts/build-app.sh
exec node scripts/serve-dist.mjs
