#!/usr/bin/env bash
# The builder's Plan step module (crates/ossbatch-wasm, feature `plan`: the plan's predictions, the
# manifest's targets), loaded by the page only when the Plan step is opened, so the first screen does
# not carry it; into target/plan-wasm/, from where index.html copies it. scripts/build-app.sh runs
# this first.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
out=target/plan-wasm
cargo build --locked -q -p ossbatch-wasm --target wasm32-unknown-unknown --profile wasm --no-default-features --features plan
rm -rf "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name ossbatch_plan \
  target/wasm32-unknown-unknown/wasm/ossbatch_wasm.wasm
web/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-reference-types --enable-multivalue --enable-sign-ext --strip-debug --strip-producers \
  "$out/ossbatch_plan_bg.wasm" -o "$out/ossbatch_plan_bg.wasm"
rm -f "$out/.gitignore" "$out/package.json"
