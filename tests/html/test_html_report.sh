#!/usr/bin/env bash
# The auditor's HTML report of the export bundle, opened in headless
# Chromium: it must render with no console errors and load nothing from the
# network; the screenshot is kept in the build folder for a person to look at.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
guardrail="$1"
out="${2:-$(mktemp -d)}"
mkdir -p "$out"
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ -z "$browser" ]]; then
  echo "SKIPPED: no Chromium here (scripts/install-deps.sh --test installs Debian's chromium)"
  exit 0
fi
report="$out/report.html"
"$guardrail" scan --format html --now 2026-11-26 --fail-on never --policy "$here/tests/html/waivers.grl" \
  "$here/fixtures/exports/bundle" >"$report"

# Self-contained: nothing fetched, nothing run.
if grep -Eq '<script|<link|src="http|url\(http|@import' "$report"; then
  echo "FAIL: the report loads or runs something"; exit 1
fi
for text in "By environment and account" "Failing resources" "Waivers" "(expired)" "PLAT-88" "Not evaluated" \
            "arn:aws:eks:us-east-1:222222222222:cluster/innovate-prod" "<svg"; do
  grep -qF "$text" "$report" || { echo "FAIL: the report lacks '$text'"; exit 1; }
done

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
common=(--headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" --no-first-run
        --disable-background-networking --enable-logging=stderr --v=0)
timeout 120 "$browser" "${common[@]}" --dump-dom "file://$report" >"$out/dom.html" 2>"$out/console.log" || true
timeout 120 "$browser" "${common[@]}" --window-size=1300,2600 --screenshot="$out/report.png" "file://$report" \
  >/dev/null 2>>"$out/console.log" || true
if grep -E 'CONSOLE|Uncaught|ERR_|Refused to' "$out/console.log" | grep -v 'dbus\|Fontconfig\|gpu' >"$out/errors.log"; then
  echo "FAIL: the page logged errors:"; cat "$out/errors.log"; exit 1
fi
grep -q "Failing resources" "$out/dom.html" || { echo "FAIL: Chromium did not render the report"; exit 1; }
size=$(stat -c %s "$out/report.png" 2>/dev/null || echo 0)
[[ "$size" -gt 20000 ]] || { echo "FAIL: no screenshot ($size bytes)"; exit 1; }
echo "html report: rendered in Chromium with no console errors; screenshot $out/report.png ($size bytes)"
