#!/usr/bin/env bash
# Builds and packs the npm package, installs the tarball into an empty temporary project, and runs the
# package tests there: node --test (every function, both entry points), tsc --noEmit (the types and the
# drift check), headless Chromium (the web builds), webpack 5 (the bundler builds).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
export PATH="$HOME/.cargo/bin:$PATH"

scripts/build-npm.sh
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd web/pkg && npm pack --silent --pack-destination "$work" >/dev/null)
tarball="$(ls "$work"/ossbatch-*.tgz)"
echo "packed $(basename "$tarball"): $(stat -c %s "$tarball") bytes"

cd "$work"
echo '{"name":"ossbatch-consumer","private":true,"type":"module"}' > package.json
npm install --silent --no-audit --no-fund "$tarball"
cp "$ROOT"/web/tests/npm/*.test.mjs "$ROOT"/web/tests/npm/*.ts "$ROOT"/web/tests/npm/write-drift-check.mjs \
   "$ROOT"/web/tests/npm/tsconfig.json .
# What the package returns, typed with its own declarations: tsc fails when Rust and TS drift apart.
OSSBATCH_FIXTURES="$ROOT/tests/fixtures" node write-drift-check.mjs > drift.ts

echo "== tsc --noEmit on a consumer of the types and on the drift check"
"$ROOT/web/node_modules/.bin/tsc" -p tsconfig.json

echo "== node --test against the installed package"
OSSBATCH_FIXTURES="$ROOT/tests/fixtures" \
OSSBATCH_PACKAGE_DIR="$work/node_modules/ossbatch" \
PLAYWRIGHT_CORE="$ROOT/web/node_modules/playwright-core/index.mjs" \
WEBPACK="$ROOT/web/node_modules/webpack" \
  node --test ./*.test.mjs
