#!/usr/bin/env bash
# Makes a machine ready to build and test ossbatch. Idempotent: on a ready machine it only checks
# versions and takes seconds. Needs: rustup/cargo, node/npm, and apt-get (as root) for Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

# The wasm-bindgen CLI must equal the wasm-bindgen crate exactly; Cargo.toml pins it once.
WASM_BINDGEN_VERSION="$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml)"
TRUNK_SERIES="0.21"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ -n "$WASM_BINDGEN_VERSION" ] && [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its lockfile asks for a crate version the registry lacks.
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force
fi

# Fuzzing on stable Rust: cargo-afl builds AFL++ (its own copy, from the crate) with the machine's C
# compiler, and the runtime for this rustc on first use. Only the tests need it (scripts/run.sh skips
# it with OSSBATCH_SETUP_FUZZ=0).
if [ "${OSSBATCH_SETUP_FUZZ:-1}" = 1 ]; then
  if ! cargo afl --version >/dev/null 2>&1; then
    log "installing cargo-afl (builds AFL++; a few minutes)"
    cargo install cargo-afl --version "^0.18"
  fi
  afl_config_log="$(mktemp)"
  if ! cargo afl config --build >"$afl_config_log" 2>&1 && ! grep -q "already built" "$afl_config_log"; then
    cat "$afl_config_log" >&2
    exit 1
  fi
  rm -f "$afl_config_log"
fi

if ! trunk --version 2>/dev/null | grep -q "^trunk $TRUNK_SERIES\."; then
  log "installing trunk $TRUNK_SERIES (takes ~10 minutes on 2 cores)"
  cargo install --locked trunk --version "^$TRUNK_SERIES"
fi

if [ ! -x web/node_modules/.bin/wasm-opt ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  log "installing Node packages (binaryen, playwright-core, puppeteer-core, selenium-webdriver, typescript, axe-core, esbuild, React 18 and 19, Vue 3)"
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
fi

# The OSS stand-in used by the end-to-end tests checks signatures with the official SDK.
if ! python3 -c 'import alibabacloud_oss_v2' 2>/dev/null; then
  log "installing the official OSS Python SDK (alibabacloud-oss-v2) for the OSS stand-in"
  python3 -m pip install --quiet --disable-pip-version-check alibabacloud-oss-v2==1.4.1
fi

# Browsers from Debian (no test tool downloads its own here): Chromium for Playwright, Firefox ESR
# for puppeteer-core over WebDriver BiDi, WebKitGTK's WebKitWebDriver (Safari's engine) under Xvfb,
# and a CJK font for the Chinese interface.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium chromium-driver)
[ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
command -v WebKitWebDriver >/dev/null 2>&1 || missing+=(webkit2gtk-driver)
command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
[ -d /usr/share/fonts/truetype/wqy ] || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing from Debian: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

log "ready: $(rustc --version), wasm-bindgen $(wasm-bindgen --version 2>/dev/null | awk '{print $2}'), $(trunk --version), node $(node --version), $(/usr/bin/chromium --version 2>/dev/null), $(firefox-esr --version 2>/dev/null), WebKitWebDriver $(dpkg-query -W -f='${Version}' webkit2gtk-driver 2>/dev/null)"
