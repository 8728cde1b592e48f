#!/usr/bin/env bash
# Sets up the machine (scripts/setup.sh) and runs every test: format, lints, Rust tests, and the
# wasm/npm/browser suites once those parts exist. CI calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# Each step's heading says how long the run has taken so far (docs/benchmarks.md reads CI's time off it).
started=$SECONDS
step() { printf '\n\033[1m== %s\033[0m (at %ds)\n' "$*" "$((SECONDS - started))"; }

# What the tree holds before the run: the run must leave it so (CI starts from a clean clone, so
# there it must stay clean: no lockfile re-resolved, no generated file left behind).
tree_before="$(git status --porcelain --untracked-files=all)"

step "setup"
scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (all targets, warnings are errors)"
cargo clippy --locked --workspace --all-targets -- -D warnings

step "cargo test"
cargo test --locked --workspace

step "fuzz targets: seeds, kept findings and 1 MiB worst cases through every property; then AFL++ for a fixed count of executions per target"
(cd fuzz && cargo fmt -- --check && cargo clippy --locked --release --all-targets --quiet -- -D warnings && cargo test --locked --release --quiet)
scripts/fuzz.sh --smoke

step "OSS stand-in: its documents have the real service's shapes (tests/fixtures/responses); its object calls and job execution read by the official SDK's client"
python3 tests/oss-standin/test_shapes.py
python3 tests/oss-standin/test_objects.py

step "npm packages: build (the builder's Trunk build included), pack, install into an empty project, node --test + tsc + Chromium"
scripts/test-npm.sh

step "browser builder and proxy: proxy release build, Playwright end to end (the app was built with the packages)"
cargo build --locked --release -p ossbatch-proxy --bin ossbatch-proxy --examples
node --test tests/e2e/

step "embedding: a webpack 5 host console from the installed ossbatch-builder tarball, strict CSP, hostile CSS"
node --test tests/embed/

step "three engines: the core flows in Chromium, Firefox ESR (WebDriver BiDi) and WebKitGTK (WebKitWebDriver under Xvfb)"
node --test tests/engines/

step "proxy under faults (short form of the 60 s run in docs/benchmarks.md)"
target/release/examples/faults 5

step "the run left the tree as it found it (git status)"
tree_after="$(git status --porcelain --untracked-files=all)"
if [ "$tree_after" != "$tree_before" ]; then
  echo "the run changed the tree:" >&2
  diff <(echo "$tree_before") <(echo "$tree_after") >&2 || true
  exit 1
fi
echo "test: every step passed in $((SECONDS - started))s"
