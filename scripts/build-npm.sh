#!/usr/bin/env bash
# Builds the npm package `ossbatch` into web/pkg: one wasm (opt-level z, LTO, wasm-opt -Oz) bound three
# ways by wasm-bindgen (node: CommonJS + ESM wrapper; web: ES module with async init; bundler), plus
# package.json, README and types. `npm pack web/pkg` gives the tarball we would publish.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

cargo build -p ossbatch-wasm --target wasm32-unknown-unknown --profile wasm
WASM=target/wasm32-unknown-unknown/wasm/ossbatch_wasm.wasm
OUT=web/pkg
rm -rf "$OUT"
mkdir -p "$OUT"

WASM_OPT="web/node_modules/.bin/wasm-opt"
OPT_FLAGS=(-Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-reference-types
           --enable-multivalue --enable-sign-ext --strip-debug --strip-producers)

for target in nodejs web bundler; do
  dir="$target"; [ "$target" = nodejs ] && dir=node
  wasm-bindgen --target "$target" --out-dir "$OUT/$dir" --out-name ossbatch "$WASM"
  "$WASM_OPT" "${OPT_FLAGS[@]}" "$OUT/$dir/ossbatch_bg.wasm" -o "$OUT/$dir/ossbatch_bg.wasm"
done

# wasm-bindgen writes a .gitignore and package.json fragments per target; the package has its own, and
# each build directory says which module system its .js files use.
rm -f "$OUT"/*/.gitignore "$OUT"/*/package.json
echo '{"type":"commonjs"}' > "$OUT/node/package.json"
echo '{"type":"module"}' > "$OUT/web/package.json"
echo '{"type":"module"}' > "$OUT/bundler/package.json"

# Node ESM entry: the CommonJS build re-exported, plus a no-op default `init` so code written for the
# web build (`await init()`) runs unchanged under Node.
node -e '
  const names = Object.keys(require("./'"$OUT"'/node/ossbatch.js")).filter((n) => n !== "__esModule");
  const lines = [
    "// ESM entry for Node: re-exports the CommonJS build.",
    "import cjs from \"./ossbatch.js\";",
    ...names.map((n) => `export const ${n} = cjs.${n};`),
    "/** Nothing to load under Node; present so `await init()` works everywhere. */",
    "export default async function init() {}",
    "",
  ];
  require("fs").writeFileSync("'"$OUT"'/node/index.mjs", lines.join("\n"));
'
cp "$OUT/node/ossbatch.d.ts" "$OUT/node/index.d.mts"
printf '\n/** Nothing to load under Node; present so `await init()` works everywhere. */\nexport default function init(): Promise<void>;\n' >> "$OUT/node/index.d.mts"

cp web/npm/package.json web/npm/README.md "$OUT/"
cp LICENSE "$OUT/" 2>/dev/null || true
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
node -e '
  const fs = require("fs"); const p = "'"$OUT"'/package.json";
  const pkg = JSON.parse(fs.readFileSync(p, "utf8")); pkg.version = "'"$version"'";
  fs.writeFileSync(p, JSON.stringify(pkg, null, 2) + "\n");
'
raw=$(stat -c %s "$OUT/web/ossbatch_bg.wasm")
gz=$(gzip -9c "$OUT/web/ossbatch_bg.wasm" | wc -c)
echo "ossbatch_bg.wasm: $raw bytes raw, $gz bytes gzip -9"
