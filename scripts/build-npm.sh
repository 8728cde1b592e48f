#!/usr/bin/env bash
# Builds the npm package `ossbatch` into web/pkg: two wasm modules (opt-level z, LTO, wasm-opt -Oz), the
# validation entry `ossbatch` and the signing entry `ossbatch/sign`, each bound three ways by
# wasm-bindgen (node: CommonJS + ESM wrapper; web: ES module with async init; bundler), plus
# package.json, README and types. `npm pack web/pkg` gives the tarball we would publish. Prints both sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

OUT=web/pkg
rm -rf "$OUT"
mkdir -p "$OUT"
WASM=target/wasm32-unknown-unknown/wasm/ossbatch_wasm.wasm
WASM_OPT="web/node_modules/.bin/wasm-opt"
OPT_FLAGS=(-Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-reference-types
           --enable-multivalue --enable-sign-ext --strip-debug --strip-producers)

# node_esm_entry DIR NAME: $OUT/DIR/node/index.mjs re-exports the CommonJS module NAME.js, plus a no-op
# default `init` so code written for the web build (`await init()`) runs unchanged under Node; its
# declarations are NAME.d.ts plus that `init`.
node_esm_entry() {
  local dir="$1" name="$2"
  node -e '
    const [dir, name] = process.argv.slice(1);
    const names = Object.keys(require(`./${dir}/node/${name}.js`)).filter((n) => n !== "__esModule");
    const lines = [
      "// ESM entry for Node: re-exports the CommonJS build.",
      `import cjs from "./${name}.js";`,
      ...names.map((n) => `export const ${n} = cjs.${n};`),
      "/** Nothing to load under Node; present so `await init()` works everywhere. */",
      "export default async function init() {}",
      "",
    ];
    require("fs").writeFileSync(`${dir}/node/index.mjs`, lines.join("\n"));
  ' "$OUT/$dir" "$name"
  cp "$OUT/$dir/node/$name.d.ts" "$OUT/$dir/node/index.d.mts"
  printf '\n/** Nothing to load under Node; present so `await init()` works everywhere. */\nexport default function init(): Promise<void>;\n' >> "$OUT/$dir/node/index.d.mts"
}

# build_entry FEATURE DIR NAME: one wasm from the crate with one feature, bound for node, web and bundler
# under $OUT/DIR/{node,web,bundler}/NAME.js.
build_entry() {
  local feature="$1" dir="$2" name="$3"
  cargo build --locked -p ossbatch-wasm --target wasm32-unknown-unknown --profile wasm --no-default-features --features "$feature"
  for target in nodejs web bundler; do
    local sub="$target"; [ "$target" = nodejs ] && sub=node
    wasm-bindgen --target "$target" --out-dir "$OUT/$dir/$sub" --out-name "$name" "$WASM"
    "$WASM_OPT" "${OPT_FLAGS[@]}" "$OUT/$dir/$sub/${name}_bg.wasm" -o "$OUT/$dir/$sub/${name}_bg.wasm"
    # wasm-bindgen writes a .gitignore and a package.json fragment; each directory says its module system.
    rm -f "$OUT/$dir/$sub/.gitignore" "$OUT/$dir/$sub/package.json"
  done
  echo '{"type":"commonjs"}' > "$OUT/$dir/node/package.json"
  echo '{"type":"module"}' > "$OUT/$dir/web/package.json"
  echo '{"type":"module"}' > "$OUT/$dir/bundler/package.json"
}

build_entry validation . ossbatch_wasm
build_entry sign sign ossbatch_sign_wasm
build_entry tools tools ossbatch_tools_wasm

# wrap_entry DIR RAW PUBLIC BODY EXPORTS: the entry's public module PUBLIC.js in DIR/{node,web,bundler}
# is JS around the raw wasm-bindgen module RAW.js: web/npm/src/common.body.js, the generated wire tables
# (from crates/ossbatch-wasm/src/wire_fields.rs) and the entry's own BODY; it checks arguments and speaks
# the wire form of crates/ossbatch-wasm/src/wire.rs. One body, three module shapes; the declarations are
# the raw module's (the documented functions and types) less what only the raw module offers (initSync).
wrap_entry() {
  local dir="$1" raw="$2" public="$3" exports="$5" body
  body="$(cat web/npm/src/common.body.js web/npm/src/wire-fields.generated.js "web/npm/src/$4")"
  printf '%s\n' "'use strict';" "const raw = require('./$raw.js');" "$body" \
    "module.exports = { $exports };" > "$OUT/$dir/node/$public.js"
  printf '%s\n' "import initWasm, * as raw from './$raw.js';" "$body" \
    "/** Loads the wasm (once); call before the other functions. */" "export default initWasm;" \
    "export { $exports };" > "$OUT/$dir/web/$public.js"
  printf '%s\n' "import * as raw from './$raw.js';" "$body" "export { $exports };" > "$OUT/$dir/bundler/$public.js"
  for sub in node web bundler; do
    grep -v '^export function initSync' "$OUT/$dir/$sub/$raw.d.ts" > "$OUT/$dir/$sub/$public.d.ts"
  done
}

wrap_entry . ossbatch_wasm ossbatch validation.body.js "validate, toXml, fromXml, fromJson, toJson, rules"
# The signing entry (`ossbatch/sign`): it checks the signers' options and passes the request in the
# wire form.
wrap_entry sign ossbatch_sign_wasm ossbatch_sign sign.body.js \
  "signCreateJob, signDescribeJob, signListJobs, signUpdateJobStatus, signUpdateJobPriority, parseResponse"
# The tools entry (`ossbatch/tools`: role policies, the manifest check, the completion report) has its
# own wasm, so the validation entry's wasm stays small (docs/decisions.md).
wrap_entry tools ossbatch_tools_wasm ossbatch_tools tools.body.js \
  "rolePolicies, checkManifest, summarizeReport, retryManifest, plan"
# Each entry's Node ESM module re-exports its public CommonJS module (for validation: the JS wrapper,
# not the raw bindings).
node_esm_entry . ossbatch
node_esm_entry sign ossbatch_sign
node_esm_entry tools ossbatch_tools

cp web/npm/package.json web/npm/README.md "$OUT/"
cp LICENSE "$OUT/" 2>/dev/null || true
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
node -e '
  const fs = require("fs"); const p = "'"$OUT"'/package.json";
  const pkg = JSON.parse(fs.readFileSync(p, "utf8")); pkg.version = "'"$version"'";
  fs.writeFileSync(p, JSON.stringify(pkg, null, 2) + "\n");
'
# The builder widget `ossbatch-builder` (web/builder/): Trunk builds the app's wasm and bindings into
# dist/ beside the package's own files (index.html lists them); the package is those files.
BUILDER=web/pkg-builder
scripts/build-app.sh
rm -rf "$BUILDER"
mkdir -p "$BUILDER"
cp web/builder/package.json web/builder/README.md web/builder/react.js web/builder/react.d.ts "$BUILDER/"
for file in index.js index.d.ts ossbatch-app.js ossbatch-app_bg.wasm style.js style.css manifest-reader-worker.js \
  report-reader-worker.js ossbatch_report.js ossbatch_report_bg.wasm ossbatch_report_page.js ossbatch_report_page_bg.wasm \
  ossbatch_plan.js ossbatch_plan_bg.wasm; do
  cp "dist/$file" "$BUILDER/$file"
done
[ -d dist/snippets ] && cp -r dist/snippets "$BUILDER/snippets"
# The request and issue declarations are the ossbatch package's own files (request.d.ts is generated).
cp web/npm/types/request.d.ts web/npm/types/issue.d.ts "$BUILDER/"
node -e '
  const fs = require("fs"); const p = "'"$BUILDER"'/package.json";
  const pkg = JSON.parse(fs.readFileSync(p, "utf8")); pkg.version = "'"$version"'";
  fs.writeFileSync(p, JSON.stringify(pkg, null, 2) + "\n");
'
# What a host downloads for one widget: the module graph, the stylesheet module and the wasm.
builder_js=$(cat "$BUILDER/index.js" "$BUILDER/ossbatch-app.js" "$BUILDER/style.js" $(find "$BUILDER/snippets" -name '*.js' 2>/dev/null) | gzip -9 | wc -c)
builder_wasm=$(gzip -9c "$BUILDER/ossbatch-app_bg.wasm" | wc -c)
echo "ossbatch-builder: wasm $(stat -c %s "$BUILDER/ossbatch-app_bg.wasm") bytes raw, $builder_wasm gzip -9; JS+CSS $builder_js gzip -9; total $((builder_js + builder_wasm)) bytes gzip -9"
# Loaded only when report files are dropped on the Report panel.
echo "ossbatch-builder report reader (lazy): $(cat "$BUILDER/report-reader-worker.js" "$BUILDER/ossbatch_report.js" "$BUILDER/ossbatch_report_bg.wasm" | gzip -9 | wc -c) bytes gzip -9"
# Loaded only when the Plan step is used.
echo "ossbatch-builder plan module (lazy): $(cat "$BUILDER/ossbatch_plan.js" "$BUILDER/ossbatch_plan_bg.wasm" | gzip -9 | wc -c) bytes gzip -9"

for wasm in "$OUT/web/ossbatch_wasm_bg.wasm" "$OUT/sign/web/ossbatch_sign_wasm_bg.wasm" "$OUT/tools/web/ossbatch_tools_wasm_bg.wasm"; do
  raw=$(stat -c %s "$wasm")
  gz=$(gzip -9c "$wasm" | wc -c)
  echo "$(basename "$wasm"): $raw bytes raw, $gz bytes gzip -9"
done
