#!/usr/bin/env bash
# Trunk post_build hook: writes style.js (web/app/style.css as an ES module, for the package's
# constructed stylesheet) and, in release builds, shrinks the wasm with binaryen's wasm-opt from npm.
set -euo pipefail
node -e '
  const fs = require("fs");
  const [css, out] = process.argv.slice(1);
  const text = fs.readFileSync(css, "utf8");
  fs.writeFileSync(out, "// Generated from web/app/style.css by scripts/trunk-post-build.sh.\nexport default " + JSON.stringify(text) + ";\n");
' "$TRUNK_SOURCE_DIR/web/app/style.css" "$TRUNK_STAGING_DIR/style.js"
[ "${TRUNK_PROFILE:-debug}" = "release" ] || exit 0
opt="$TRUNK_SOURCE_DIR/web/node_modules/.bin/wasm-opt"
for wasm in "$TRUNK_STAGING_DIR"/*.wasm; do
  # The report reader's wasm is built for speed (scripts/build-report-worker.sh): not shrunk.
  [ "$(basename "$wasm")" = ossbatch_report_bg.wasm ] && continue
  "$opt" -Oz --converge --enable-bulk-memory --enable-nontrapping-float-to-int --enable-reference-types \
    --enable-multivalue --enable-sign-ext --strip-debug --strip-producers "$wasm" -o "$wasm"
done
# wasm-bindgen's generated glue is minified: generated code nobody reads, a third of the page's
# JavaScript once gzipped (docs/benchmarks.md). Not the inline snippets: their dynamic imports carry
# `/* webpackIgnore: true */`, which a bundler must still see in a host's build.
"$TRUNK_SOURCE_DIR/web/node_modules/.bin/esbuild" "$TRUNK_STAGING_DIR/ossbatch-app.js" --minify \
  --format=esm --log-level=warning --allow-overwrite --outfile="$TRUNK_STAGING_DIR/ossbatch-app.js"
