#!/usr/bin/env bash
# The Report panel's reader wasm (crates/ossbatch-wasm, feature `report`, profile `wasm-speed`: built
# for speed, loaded only when report files are dropped) and its bindings, into target/report-worker/,
# from where index.html copies them beside web/builder/report-reader-worker.js. scripts/build-app.sh
# runs this first.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
out=target/report-worker
# SIMD128 (memchr's wasm path, LLVM's vectorizer): every current browser has it; one without cannot
# compile this module, and the panel then reads the files on the page with the page's wasm.
RUSTFLAGS="-C target-feature=+simd128" \
  cargo build --locked -q -p ossbatch-wasm --target wasm32-unknown-unknown --profile wasm-speed --no-default-features --features report
rm -rf "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name ossbatch_report \
  target/wasm32-unknown-unknown/wasm-speed/ossbatch_wasm.wasm
# -O3, not the page's -Oz: this module is the one built for speed.
web/node_modules/.bin/wasm-opt -O3 --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-reference-types --enable-multivalue --enable-sign-ext --strip-debug --strip-producers \
  "$out/ossbatch_report_bg.wasm" -o "$out/ossbatch_report_bg.wasm"
rm -f "$out/.gitignore" "$out/package.json"
# The same reader for the page to drive itself (report objects read from OSS; dropped files where no
# worker starts), loaded when first needed so the first screen does not carry it: built for size and
# without SIMD, so it runs where the worker's module cannot (docs/benchmarks.md, issue #30).
cargo build --locked -q -p ossbatch-wasm --target wasm32-unknown-unknown --profile wasm --no-default-features --features report
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name ossbatch_report_page \
  target/wasm32-unknown-unknown/wasm/ossbatch_wasm.wasm
web/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-reference-types --enable-multivalue --enable-sign-ext --strip-debug --strip-producers \
  "$out/ossbatch_report_page_bg.wasm" -o "$out/ossbatch_report_page_bg.wasm"
rm -f "$out/.gitignore" "$out/package.json"
