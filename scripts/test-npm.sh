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
(cd web/pkg-builder && npm pack --silent --pack-destination "$work" >/dev/null)
tarball="$(ls "$work"/ossbatch-[0-9]*.tgz)"
builder_tarball="$(ls "$work"/ossbatch-builder-*.tgz)"
echo "packed $(basename "$tarball"): $(stat -c %s "$tarball") bytes; $(basename "$builder_tarball"): $(stat -c %s "$builder_tarball") bytes"

cd "$work"
echo '{"name":"ossbatch-consumer","private":true,"type":"module"}' > package.json
npm install --silent --no-audit --no-fund "$tarball" "$builder_tarball"
cp "$ROOT"/web/tests/npm/*.test.mjs "$ROOT"/web/tests/npm/*.ts "$ROOT"/web/tests/npm/write-drift-check.mjs \
   "$ROOT"/web/tests/npm/tsconfig.json .
# What the package returns, typed with its own declarations: tsc fails when Rust and TS drift apart.
OSSBATCH_FIXTURES="$ROOT/tests/fixtures" node write-drift-check.mjs > drift.ts

echo "== tsc --noEmit on a consumer of the types and on the drift check"
"$ROOT/web/node_modules/.bin/tsc" -p tsconfig.json

echo "== tsc --strict on a console using every option, method and event of ossbatch-builder"
mkdir builder
cp "$ROOT"/web/tests/builder/*.ts "$ROOT"/web/tests/builder/tsconfig*.json builder/
"$ROOT/web/node_modules/.bin/tsc" -p builder/tsconfig.json
# The checked-in negative case must fail, and for the reason it is there.
if wrong="$("$ROOT/web/node_modules/.bin/tsc" -p builder/tsconfig.wrong.json 2>&1)"; then
  echo "builder/wrong-option.ts compiled: a wrong option type is not caught by the declarations" >&2
  exit 1
fi
grep -q "wrong-option.ts.*TS2322.*'number' is not assignable to type 'string'" <<<"$wrong" || { echo "$wrong" >&2; exit 1; }
echo "builder/wrong-option.ts fails as it must: $(grep -o "error TS2322.*" <<<"$wrong" | head -1)"

echo "== node --test against the installed package"
OSSBATCH_FIXTURES="$ROOT/tests/fixtures" \
OSSBATCH_FUZZ="$ROOT/fuzz" \
OSSBATCH_PACKAGE_DIR="$work/node_modules/ossbatch" \
PLAYWRIGHT_CORE="$ROOT/web/node_modules/playwright-core/index.mjs" \
WEBPACK="$ROOT/web/node_modules/webpack" \
  node --test ./*.test.mjs
