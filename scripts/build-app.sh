#!/usr/bin/env bash
# Builds the browser builder into dist/ with Trunk (offline, wasm-bindgen from PATH, wasm-opt via hook).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
trunk build --release --offline
wasm="$(ls dist/*.wasm)"
echo "app: $(stat -c %s "$wasm") bytes wasm raw; transfer gzip -9 of html+js+css+wasm: $(cat dist/index.html dist/*.js dist/*.css "$wasm" | gzip -9 | wc -c) bytes"
