#!/usr/bin/env bash
# Times a full scan against parsing the same files only (the lower bound),
# on a generated corpus of Kubernetes manifests, in one run, best of N.
# bench/compare.sh runs the same on a mixed corpus, beside the peer tools.
#
#   bench/run.sh [FILES] [RUNS]     default 5000 files, 5 runs
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
files="${1:-5000}"
runs="${2:-5}"
build="$here/build"
corpus="${BENCH_CORPUS:-/tmp/guardrail-bench/k8s-$files}"
if [[ ! -d "$corpus" ]]; then
  mkdir -p "$corpus"
  python3 "$here/bench/gen_k8s.py" "$corpus" "$files"
fi
bytes=$(du -sb "$corpus" | cut -f1)

best() {  # best wall time in seconds of RUNS runs of a command
  local best=""
  for _ in $(seq "$runs"); do
    local start end t
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    t=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", b - a }')
    if [[ -z "$best" ]] || awk -v t="$t" -v b="$best" 'BEGIN { exit !(t < b) }'; then best=$t; fi
  done
  echo "$best"
}

cd "$corpus"
for jobs in 1 2; do
  parse=$(best "$build/bench/parse_only" .)
  scan=$(best "$build/guardrail" scan --jobs "$jobs" --fail-on never .)
  printf 'jobs=%s files=%s bytes=%s parse-only(1 thread)=%.3fs scan=%.3fs ratio=%.2f\n' \
    "$jobs" "$files" "$bytes" "$parse" "$scan" "$(awk -v s="$scan" -v p="$parse" 'BEGIN { print s / p }')"
done
