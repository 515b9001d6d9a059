#!/usr/bin/env bash
# Fuzzes guardrail's readers and adapters with libFuzzer (docs/reliability.md).
#
#   scripts/fuzz.sh                  every target, 60 seconds each
#   scripts/fuzz.sh TARGET [SECONDS] one target
#   scripts/fuzz.sh all SECONDS      every target, SECONDS each
#   GUARDRAIL_FUZZ_SEEDS=N           seeds per target from the repository (default 300)
#
# Builds build-fuzz with clang (-fsanitize=fuzzer,address,undefined), seeds
# each target's corpus from the repository's own cases and fixtures, and
# keeps the corpus in build-fuzz/corpus/TARGET between runs. A crash, leak,
# timeout or sanitizer report stops the target, leaves the input in
# build-fuzz/crashes/TARGET, and makes the script exit 1: copy the input to
# tests/fuzz/regressions/TARGET/ with the fix, and ctest replays it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
targets=(yaml json json_stream hcl terraform terragrunt dockerfile cloudformation plan aws_cli aws_config kubernetes policy config framework)
which=${1:-all}
seconds=${2:-60}
if [[ "$which" != all ]] && [[ ! " ${targets[*]} " == *" $which "* ]]; then
  echo "fuzz.sh: unknown target '$which'; targets: ${targets[*]}" >&2
  exit 2
fi

CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGUARDRAIL_FUZZ=ON >/dev/null
if [[ "$which" == all ]]; then
  cmake --build build-fuzz -j "$(nproc)" >/dev/null
else
  cmake --build build-fuzz -j "$(nproc)" --target "fuzz-$which" >/dev/null
fi

# Seeds: every file of the repository that the target reads, by name or content.
seed() {  # TARGET DIR
  local t=$1 dir=$2
  mkdir -p "$dir"
  local -a files=()
  case $t in
    yaml|kubernetes) mapfile -t files < <(git ls-files '*.yaml' '*.yml') ;;
    json) mapfile -t files < <(git ls-files '*.json') ;;
    json_stream|aws_cli|aws_config) mapfile -t files < <(git ls-files '*.json' | grep -E '(^|/)(accounts|aws)/|/[0-9]{12}/') ;;
    hcl|terraform) mapfile -t files < <(git ls-files '*.tf' '*.tfvars') ;;
    terragrunt) mapfile -t files < <(git ls-files '*.hcl' 'tests/fuzz/regressions/terragrunt/*') ;;
    dockerfile) mapfile -t files < <(git ls-files '*Dockerfile*' '*Containerfile*') ;;
    cloudformation) mapfile -t files < <(git grep -l -E 'AWS::[A-Za-z0-9]+::' -- '*.yaml' '*.yml' '*.json' '*.template' || true) ;;
    plan) mapfile -t files < <(git ls-files '*plan*.json') ;;
    policy) mapfile -t files < <(git ls-files '*.grl') ;;
    config) mapfile -t files < <(git ls-files '*.guardrail.yaml' '*.guardrail.yml' 'tests/fuzz/regressions/config/*') ;;
    framework) mapfile -t files < <(git ls-files 'frameworks/*.json' 'tests/fuzz/regressions/framework/*') ;;
  esac
  # At most GUARDRAIL_FUZZ_SEEDS (default 300) of them, spread evenly over the
  # list: libFuzzer runs every seed before it starts mutating, and thousands
  # (the Pod Security suite's pods) would spend a short run on seeds alone.
  local limit=${GUARDRAIL_FUZZ_SEEDS:-300}
  if (( ${#files[@]} > limit )); then
    local -a spread=()
    local i step=$(( (${#files[@]} + limit - 1) / limit ))
    for (( i = 0; i < ${#files[@]}; i += step )); do spread+=("${files[i]}"); done
    files=("${spread[@]}")
  fi
  local f n=0
  for f in "${files[@]}"; do
    [[ -f "$f" ]] || continue
    # Inputs over 256 KiB slow every run down; libFuzzer's -max_len cuts them anyway.
    [[ $(stat -c %s "$f") -le 262144 ]] || continue
    cp "$f" "$dir/seed-$(printf '%s' "$f" | md5sum | cut -c1-16)"
    n=$((n + 1))
  done
  if [[ -d "tests/fuzz/regressions/$t" ]]; then cp tests/fuzz/regressions/"$t"/* "$dir"/ 2>/dev/null || true; fi
  echo "$n"
}

status=0
run() {  # TARGET
  local t=$1
  local corpus=build-fuzz/corpus/$t crashes=build-fuzz/crashes/$t
  mkdir -p "$corpus" "$crashes"
  local seeds
  seeds=$(seed "$t" build-fuzz/seeds/"$t")
  local dict=()
  [[ -f tests/fuzz/dict/$t.dict ]] && dict=(-dict="tests/fuzz/dict/$t.dict")
  echo "fuzz.sh: $t for ${seconds}s ($seeds seeds)"
  if ! build-fuzz/tests/fuzz/fuzz-"$t" "$corpus" build-fuzz/seeds/"$t" "${dict[@]}" \
      -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$crashes/" -print_final_stats=1 >build-fuzz/"$t".log 2>&1; then
    echo "fuzz.sh: $t FAILED; see build-fuzz/$t.log and $crashes/" >&2
    tail -n 40 build-fuzz/"$t".log >&2
    status=1
  else
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' build-fuzz/"$t".log | tr '\n' ' '
    echo
  fi
}

if [[ "$which" == all ]]; then
  for t in "${targets[@]}"; do run "$t"; done
else
  run "$which"
fi
exit $status
