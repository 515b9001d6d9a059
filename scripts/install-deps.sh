#!/usr/bin/env bash
# Installs what guardrail needs on Debian 12, and nothing that is already there.
#
#   scripts/install-deps.sh          build dependencies (compiler, CMake, libraries)
#   scripts/install-deps.sh --test   also the tools the test suite calls
#
# Idempotent: packages already installed are skipped, and apt-get runs only
# when something is missing. Uses sudo when not run as root.
set -euo pipefail

build_packages=(
  g++ cmake make pkg-config
  libyaml-dev          # YAML parser (libyaml's event API: exact start and end marks)
  rapidjson-dev        # JSON SAX reader
  tao-pegtl-dev        # PEG parsers for the policy language and HCL
  libre2-dev           # linear-time regular expressions
  libcli11-dev         # command line
  catch2               # unit tests (2.13, single header)
)
test_packages=(
  python3 python3-jsonschema   # SARIF 2.1.0 schema validation
  python3-yaml                 # the workflow-files test reads action.yml and the README's snippets
  pre-commit git               # the real pre-commit hook test
  chromium                     # the HTML report rendered headless
  nodejs npm                   # npm test tools (SARIF Multitool, hcl2json)
  man-db dpkg-dev              # the install test renders the man page; CPack's .deb reads library dependencies
  clang libclang-rt-14-dev     # libFuzzer harnesses (scripts/fuzz.sh)
  time                         # /usr/bin/time: the reliability probes' peak memory
)

want=("${build_packages[@]}")
if [[ "${1:-}" == "--test" ]]; then
  want+=("${test_packages[@]}")
fi

missing=()
for pkg in "${want[@]}"; do
  # A command already on PATH (node, npm from NodeSource) counts as installed.
  case "$pkg" in
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
  esac
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} > 0)); then
  sudo=""
  if [[ "$(id -u)" != 0 ]]; then sudo="sudo"; fi
  echo "install-deps: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ "${1:-}" == "--test" ]]; then
  # The reference tools the tests run, pinned by tests/npm/package-lock.json.
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  npm_dir="$here/tests/npm"
  if [[ ! -x "$npm_dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool" ||
        ! -d "$npm_dir/node_modules/@cdktf/hcl2json" ||
        ! -d "$npm_dir/node_modules/playwright-core" ]]; then
    echo "install-deps: npm ci in tests/npm"
    (cd "$npm_dir" && npm ci --no-audit --no-fund --silent)
    # npm may skip the package's own postinstall (chmod); do it here.
    chmod u+x "$npm_dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
  fi
fi
echo "install-deps: ready"
