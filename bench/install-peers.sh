#!/usr/bin/env bash
# Installs the peers bench/compare.sh runs beside guardrail, and nothing that
# is already there:
#
#   npm (pinned by bench/npm/package-lock.json): cfn-guard 3.x, whose Linux
#     binary ships inside @cdklabs/cdk-validator-cfnguard, and Spectral;
#   Debian 12: yamllint, GNU time (peak memory), and cfn-lint where Debian
#     packages it (bookworm does not: then the cfn-lint on PATH is used, and
#     compare.sh reports "cfn-lint: not available" when there is none).
#
#   bench/install-peers.sh
#
# Idempotent; uses sudo when not run as root. A peer that cannot be installed
# is reported and skipped: compare.sh runs the rest without it.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

sudo=""
if [[ "$(id -u)" != 0 ]]; then sudo="sudo"; fi

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
# A package Debian has a candidate for (apt-cache policy prints "Candidate: (none)" or nothing otherwise).
packaged() { apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ { found = ($2 != "(none)") } END { exit !found }'; }

missing=()
for pkg in time yamllint cfn-lint; do
  installed "$pkg" && continue
  case "$pkg" in
    cfn-lint) command -v cfn-lint >/dev/null 2>&1 && continue ;;  # pip's, on the machine image
    yamllint) command -v yamllint >/dev/null 2>&1 && continue ;;
  esac
  if packaged "$pkg"; then
    missing+=("$pkg")
  else
    echo "install-peers: Debian has no package $pkg; skipped"
  fi
done
if ((${#missing[@]} > 0)); then
  echo "install-peers: apt-get install ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    echo "install-peers: apt-get install failed; the benchmark reports what is missing as not available"
fi

npm_dir="$here/npm"
guard="$npm_dir/node_modules/@cdklabs/cdk-validator-cfnguard/bin/ubuntu/x86_64/cfn-guard"
spectral="$npm_dir/node_modules/.bin/spectral"
if ! command -v npm >/dev/null 2>&1; then
  echo "install-peers: npm is not on PATH (scripts/install-deps.sh --test installs it); cfn-guard and spectral skipped"
elif [[ ! -x "$guard" || ! -x "$spectral" ]]; then
  echo "install-peers: npm ci in bench/npm"
  # bench/npm/.npmrc keeps npm from installing the validator's peer, aws-cdk-lib.
  (cd "$npm_dir" && { npm ci --no-audit --no-fund --silent || npm install --no-audit --no-fund --silent; }) ||
    echo "install-peers: npm failed; cfn-guard and spectral will be reported as not available"
  [[ -f "$guard" ]] && chmod u+x "$guard"
fi

for tool in "$guard" "$spectral" yamllint cfn-lint /usr/bin/time; do
  if command -v "$tool" >/dev/null 2>&1; then
    printf 'install-peers: %-10s %s\n' "$(basename "$tool")" "$("$tool" --version 2>&1 | head -1)"
  else
    printf 'install-peers: %-10s not available\n' "$(basename "$tool")"
  fi
done
