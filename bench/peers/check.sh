#!/usr/bin/env bash
# Checks that the peer rulesets mean what guardrail's rules mean, on the
# hand-made samples: each peer, and guardrail with --rule of the same IDs,
# must report exactly the rules a sample's "# expect:" line names ("none" for
# the compliant ones).
#
#   bench/peers/check.sh          exit 0 when all agree, 1 otherwise
#
# A peer that is not installed (bench/install-peers.sh) is reported and skipped.
set -uo pipefail
peers="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
here="$(cd "$peers/../.." && pwd)"
guardrail="${GUARDRAIL:-$here/build/guardrail}"
guard="$here/bench/npm/node_modules/@cdklabs/cdk-validator-cfnguard/bin/ubuntu/x86_64/cfn-guard"
spectral="$here/bench/npm/node_modules/.bin/spectral"
findings() { python3 "$peers/findings.py" "$@" | cut -f2 | sort -u | paste -sd, -; }

status=0
row() {  # row SAMPLE EXPECTED TOOL GOT
  local mark=ok
  [[ "$4" == "$2" ]] || { mark=MISMATCH; status=1; }
  printf '%-8s %-10s %-44s expect %-8s got %s\n' "$mark" "$3" "$1" "$2" "${4:-none}"
}

cd "$peers/samples"
for kind in cfn k8s; do
  case $kind in
    cfn) rules=(--rule NET-009 --rule DB-001 --rule DB-004); peer=cfn-guard; tool="$guard" ;;
    k8s) rules=(--rule PSS-003 --rule K8S-001 --rule K8S-007); peer=spectral; tool="$spectral" ;;
  esac
  [[ -x "$tool" ]] || echo "check: $peer: not available (bench/install-peers.sh installs it); guardrail only"
  for f in "$kind"/good/*.yaml "$kind"/bad/*.yaml; do
    expect=$(sed -n 's/^# expect: //p' "$f" | head -1)
    [[ "$expect" == none ]] && expect=""
    got=$("$guardrail" scan --no-config --fail-on never --format json "${rules[@]}" "$f" | findings guardrail)
    row "$f" "$expect" guardrail "$got"
    [[ -x "$tool" ]] || continue
    if [[ $peer == cfn-guard ]]; then
      got=$("$tool" validate -r "$peers/rules.guard" -d "$f" -o json -S none 2>/dev/null | findings cfn-guard)
    else
      got=$("$tool" lint -q -r "$peers/spectral.yaml" -f json "$f" 2>/dev/null | findings spectral)
    fi
    row "$f" "$expect" "$peer" "$got"
  done
done
exit $status
