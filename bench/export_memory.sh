#!/usr/bin/env bash
# Streams a generated AWS Config snapshot through a full scan and reports
# throughput and peak memory (GNU time's maximum resident set size), in one
# run. The targets (docs/performance.md): 100+ MB/s per core, a 1 GB snapshot in under
# 300 MB peak.
#
#   bench/export_memory.sh [SIZE_MB]      default 1024
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size="${1:-1024}"
dir="${BENCH_EXPORTS:-/tmp/guardrail-bench/config-$size}"
file="$dir/222222222222/snapshot.json"
if [[ ! -f "$file" ]]; then
  mkdir -p "$(dirname "$file")"
  python3 "$here/bench/gen_config_snapshot.py" "$file" "$size"
fi
bytes=$(stat -c %s "$file")
for rules in "NONE" ""; do
  args=(scan --jobs 1 --fail-on never --format json)
  label="all rules"
  if [[ -n "$rules" ]]; then args+=(--rule "$rules"); label="no rules (load and adapt only)"; fi
  /usr/bin/time -f '%e %M' -o /tmp/guardrail-time.txt "$here/build/guardrail" "${args[@]}" "$dir" >/dev/null || true
  read -r secs kb </tmp/guardrail-time.txt
  awk -v b="$bytes" -v s="$secs" -v k="$kb" -v l="$label" \
    'BEGIN { printf "%s: %.0f MB in %.2fs = %.0f MB/s, peak %.0f MB\n", l, b/1048576, s, b/1048576/s, k/1024 }'
done
