#!/usr/bin/env bash
# Makes the plan twins of the rules' Terraform cases: for every case
# rules/*/RULE/cases/{fire,pass}/NAME holding .tf files, the plan JSON that
# Terraform makes of each of its roots, at cases/plan/{fire,pass}/NAME/<root>/plan.json.
# `guardrail test` then requires each twin to reach its original's verdicts.
# Needs terraform and the AWS provider mirror (scripts/terraform-plan-json.sh);
# CI does not run this, it runs the committed twins.
#
#   tests/cases/make-plan-twins.sh [RULE_FOLDER...]     (default: every rule)
# A case Terraform cannot plan (a value only the cloud knows, an attribute
# the provider rejects) is listed and gets no twin.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
plan=scripts/terraform-plan-json.sh
folders=("$@")
[ ${#folders[@]} -gt 0 ] || mapfile -t folders < <(find rules -mindepth 2 -maxdepth 2 -type d | sort)
failed=0 made=0
for rule in "${folders[@]}"; do
  for side in fire pass; do
    [ -d "$rule/cases/$side" ] || continue
    for case in "$rule/cases/$side"/*; do
      name=$(basename "$case")
      twin="$rule/cases/plan/$side/$name"
      if [ -f "$case" ]; then
        [[ "$case" == *.tf ]] || continue
        roots=(".")
      else
        mapfile -t roots < <(cd "$case" && find . -name '*.tf' -not -path '*/modules/*' -printf '%h\n' | sort -u)
        [ ${#roots[@]} -gt 0 ] || continue
      fi
      rm -rf "$twin"
      ok=1
      for root in "${roots[@]}"; do
        work=$(mktemp -d)
        if [ -f "$case" ]; then
          mkdir -p "$work/case/root" && cp "$case" "$work/case/root/"
          src="$work/case/root"
        else
          cp -r "$case" "$work/case"
          src="$work/case/$root"
        fi
        mkdir -p "$twin/$root"
        if ! log=$("$plan" "$src" "$twin/$root/plan.json" 2>&1); then
          echo "no twin: $case ($root): $(echo "$log" | grep -m1 -E 'Error|error' || echo "$log" | tail -1)"
          ok=0
        fi
        rm -rf "$work"
      done
      # The case's other files (manifests, templates) come along as they are,
      # without their expectations: the twin is judged on its Terraform.
      if [ $ok = 1 ] && [ -d "$case" ]; then
        (cd "$case" && find . -type f ! -name '*.tf' ! -name '*.tf.json' ! -name '*.tfvars' ! -name '*.expect' \
           ! -path '*/.terraform*') | while read -r f; do
          mkdir -p "$twin/$(dirname "$f")" && sed 's/ *# expect: [A-Z0-9-]*//' "$case/$f" > "$twin/$f"
        done
      fi
      if [ $ok = 1 ]; then made=$((made + 1)); else rm -rf "$twin"; failed=$((failed + 1)); fi
    done
    rmdir "$rule/cases/plan/$side" "$rule/cases/plan" 2>/dev/null
  done
done
echo "$made twins made, $failed cases without"
