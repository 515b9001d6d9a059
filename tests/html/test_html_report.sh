#!/usr/bin/env bash
# The auditor's HTML report of the export bundle and a Terraform folder
# (findings declared and deployed, waivers, inline suppressions, warnings, a
# compliance framework's page),
# opened in headless Chromium at a desktop width and as printed (layout.js):
# it must show what failed first, load nothing from the network and log no
# error. The screenshots and the PDF are kept in the build folder for a person
# to look at.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
guardrail="$1"
out="${2:-$(mktemp -d)}"
mkdir -p "$out"
report="$out/report.html"
# The bundle's accounts bound by its configuration (one configuration per
# scan: two folders named read none of their own).
"$guardrail" scan --format html --now 2026-11-26 --fail-on never --policy "$here/tests/html/waivers.grl" \
  --config "$here/fixtures/exports/.guardrail.yaml" \
  --framework fsbp "$here/fixtures/exports/bundle" "$here/tests/html/iac" >"$report"

# Self-contained: nothing fetched, nothing run.
if grep -Eq '<script|<link|src="http|url\(http|@import' "$report"; then
  echo "FAIL: the report loads or runs something"; exit 1
fi
for text in "guardrail: compliance report" "Scanned <code>" "· guardrail " \
            ">critical</span>" "Findings" "Deployed: live AWS exports" "Declared: Terraform" "<th>account</th>" \
            "Checks by environment" "Waived and suppressed" "(expired)" "PLAT-88" \
            "partner jump host behind their VPN, reviewed in SEC-881" ">inline<" ">policy waiver<" \
            "waiver-expired" "the suppression of NET-009 expired on 2026-09-30" "Not evaluated" \
            "arn:aws:eks:us-east-1:222222222222:cluster/innovate-prod" "tests/html/iac/prod/main.tf:11" \
            "<svg" "@media print" '<section class="framework" id="framework-fsbp">' \
            "AWS Foundational Security Best Practices" '<a href="#finding-' '<table class="scopes">' "section.framework { break-before: page; }"; do
  grep -qF -- "$text" "$report" || { echo "FAIL: the report lacks '$text'"; exit 1; }
done
# What failed comes before the overview.
findings=$(grep -bo 'id="findings"' "$report" | cut -d: -f1)
checks=$(grep -bo 'id="checks"' "$report" | cut -d: -f1)
[[ "$findings" -lt "$checks" ]] || { echo "FAIL: the findings come after the overview"; exit 1; }
# Each framework's page comes last, on a page of its own when printed.
framework=$(grep -bo 'id="framework-fsbp"' "$report" | cut -d: -f1)
[[ "$checks" -lt "$framework" ]] || { echo "FAIL: the framework page comes before the overview"; exit 1; }

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ -z "$browser" ]]; then
  echo "SKIPPED: no Chromium here (scripts/install-deps.sh --test installs Debian's chromium)"
  exit 0
fi
node_modules="$here/tests/npm/node_modules"
[[ -d "$node_modules/playwright-core" ]] || {
  echo "FAIL: tests/npm has no playwright-core (run scripts/install-deps.sh --test)"; exit 1; }
CHROMIUM="$browser" NODE_PATH="$node_modules" node "$here/tests/html/layout.js" "$report" "$out"
echo "html report: screenshots $out/desktop.png, $out/print.png; $out/report.pdf"
