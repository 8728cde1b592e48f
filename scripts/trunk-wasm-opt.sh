#!/usr/bin/env bash
# Trunk post_build hook: shrink the app's wasm with binaryen's wasm-opt from npm (release builds only).
set -euo pipefail
[ "${TRUNK_PROFILE:-debug}" = "release" ] || exit 0
opt="$TRUNK_SOURCE_DIR/web/node_modules/.bin/wasm-opt"
for wasm in "$TRUNK_STAGING_DIR"/*.wasm; do
  "$opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-reference-types \
    --enable-multivalue --enable-sign-ext --strip-debug --strip-producers "$wasm" -o "$wasm"
done
