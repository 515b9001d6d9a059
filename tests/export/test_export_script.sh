#!/usr/bin/env bash
# scripts/export-aws.sh against a fake `aws` that answers from the bundle
# fixture (tests/export/fake_aws.py): exporting the four accounts must write
# the bundle back, file for file, and guardrail must read every file of it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
guardrail="${1:-$here/build/guardrail}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
cat >"$work/bin/aws" <<SH
#!/usr/bin/env bash
exec python3 "$here/tests/export/fake_aws.py" "\$@"
SH
chmod +x "$work/bin/aws"
export FAKE_AWS_BUNDLE="$here/fixtures/exports/bundle"

PATH="$work/bin:$PATH" bash "$here/scripts/export-aws.sh" "$work/out" \
  --profile 111111111111 --profile 222222222222 --profile 333333333333 --profile 444444444444 \
  --regions us-east-1,us-west-2 2>"$work/log"

# Every file of the bundle, and no other (errors.log records the commands
# that had nothing to answer, as access-denied ones would).
expected=$(cd "$FAKE_AWS_BUNDLE" && find . -type f -name '*.json' | sort)
actual=$(cd "$work/out" && find . -type f -name '*.json' | sort)
if [[ "$expected" != "$actual" ]]; then
  echo "FAIL: the exported files differ from the bundle:"
  diff <(echo "$expected") <(echo "$actual") | head -20
  exit 1
fi
if ! diff -r -x errors.log "$FAKE_AWS_BUNDLE" "$work/out" >/dev/null; then
  echo "FAIL: file contents differ"; diff -r -x errors.log "$FAKE_AWS_BUNDLE" "$work/out" | head; exit 1
fi
grep -q '^failed: aws' "$work/out/111111111111/errors.log" || { echo "FAIL: failed commands are not logged"; exit 1; }

# guardrail reads all of it as exports, with the bundle's findings.
# The bundle's accounts are bound as a user binds theirs, by configuration.
"$guardrail" scan --config "$here/fixtures/exports/.guardrail.yaml" --format json --fail-on never "$work/out" >"$work/scan.json"
count=$(echo "$actual" | wc -l)
python3 - "$work/scan.json" "$here/fixtures/exports/expected.txt" "$count" <<'PY'
import json, sys
scan = json.load(open(sys.argv[1]))
files = scan["summary"]["files"]
# Every JSON file is an export; the errors.log of each account is another kind.
assert files.get("aws-export") == int(sys.argv[3]) and set(files) <= {"aws-export", "other"}, files
found = sorted("%s %s" % (f["ruleId"], f["resource"]) for f in scan["findings"])
expected = sorted(l.strip() for l in open(sys.argv[2]) if l.strip() and not l.startswith("#"))
assert found == expected, "findings differ:\n%s\nvs\n%s" % (found, expected)
print("export-aws.sh: %d files exported and read back, %d findings as expected" % (files["aws-export"], len(found)))
PY

# Names with spaces (AWS allows them in budget names) stay one name each.
spaced="$work/spaced"
mkdir -p "$spaced/555555555555/global/budgets/describe-notifications-for-budget"
cat >"$spaced/555555555555/global/budgets/describe-budgets.json" <<'JSON'
{"Budgets": [{"BudgetName": "Monthly AWS budget", "BudgetLimit": {"Amount": "100.0", "Unit": "USD"},
              "TimeUnit": "MONTHLY", "BudgetType": "COST"}]}
JSON
cat >"$spaced/555555555555/global/budgets/describe-notifications-for-budget/Monthly AWS budget.json" <<'JSON'
{"Notifications": [{"NotificationType": "ACTUAL", "ComparisonOperator": "GREATER_THAN", "Threshold": 80.0}]}
JSON
FAKE_AWS_BUNDLE="$spaced" PATH="$work/bin:$PATH" bash "$here/scripts/export-aws.sh" "$work/spaced-out" \
  --profile 555555555555 --regions us-east-1 2>"$work/log"
if [[ ! -f "$work/spaced-out/555555555555/global/budgets/describe-notifications-for-budget/Monthly AWS budget.json" ]]; then
  echo "FAIL: the notifications of a budget whose name holds spaces were not exported:"
  grep budget "$work/spaced-out/555555555555/errors.log" | head
  exit 1
fi
echo "export-aws.sh: a budget name with spaces is exported as one name"
