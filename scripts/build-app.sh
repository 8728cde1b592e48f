#!/usr/bin/env bash
# Builds the browser builder into dist/ with Trunk (offline, wasm-bindgen from PATH; the post-build
# hook writes style.js and runs wasm-opt): the wasm and its bindings, the ossbatch-builder package's
# files, and the standalone page (index.html + standalone.js) that mounts the widget through them.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scripts/build-report-worker.sh
scripts/build-plan-wasm.sh
trunk build --release --offline --locked
wasm="dist/ossbatch-app_bg.wasm"
page=(dist/index.html dist/*.css dist/standalone.js dist/index.js dist/ossbatch-app.js dist/style.js)
mapfile -t snippets < <(find dist/snippets -name '*.js' 2>/dev/null)
echo "app: $(stat -c %s "$wasm") bytes wasm raw; transfer gzip -9 of the standalone page (html, css, js, wasm): $(cat "${page[@]}" "${snippets[@]}" "$wasm" | gzip -9 | wc -c) bytes"
