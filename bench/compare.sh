#!/usr/bin/env bash
# guardrail side by side with its peers, in one run: generates the corpora
# that are missing, times every tool on them (best and median of RUNS runs),
# prints a table and writes it, with the machine, the performance targets
# ("Performance targets") and an SVG chart, to docs/performance.md.
#
#   bench/install-peers.sh            # once: cfn-guard, spectral, yamllint, GNU time
#   bench/compare.sh [--out FILE.md]  # the chart goes beside it, FILE.svg
#
# Measured:
#   repository   mixed corpus (k8s + cfn + tf): parse only vs guardrail scan --jobs 1 and --jobs 2
#   cfn          guardrail --rule NET-009/DB-001/DB-004 vs cfn-guard (bench/peers/rules.guard);
#                guardrail (all rules) vs cfn-lint and yamllint
#   k8s          guardrail --rule PSS-003/K8S-001/K8S-007 vs spectral (bench/peers/spectral.yaml);
#                guardrail (all rules) vs yamllint
#   pre-commit   guardrail scan of one manifest alone (start-up) and of 10 named files of
#                the mixed corpus, start-up included
#   exports      throughput (MB/s) and peak memory (GNU time %M) on an AWS Config snapshot
#                and an AWS CLI bundle, --jobs 1 (per core)
#   cidr         NET-001 + NET-004 over NETWORKS VPCs and subnets, minus parse only
#
# Settings (environment), defaults at the performance targets:
#   RUNS=3             runs per measurement (pre-commit: PRECOMMIT_RUNS=20)
#   REPEAT_LIMIT=60    a run longer than this many seconds is not repeated
#   MIXED_FILES=10000 MIXED_MB=100   the mixed repository
#   CFN_FILES=2000     CloudFormation templates (cfn-guard, cfn-lint, yamllint)
#   K8S_FILES=2000     Kubernetes manifests, one document each (spectral, yamllint)
#   SNAPSHOT_MB=1024   the AWS Config snapshot
#   BUNDLE_MB=200      the AWS CLI bundle
#   NETWORKS=100000    VPCs + subnets for the CIDR rules
#   SKIP=              comma-separated: tools (cfn-guard, spectral, cfn-lint, yamllint) or
#                      sections (repository, cfn, k8s, precommit, exports, cidr) not to run
#   CORPUS_DIR=/tmp/guardrail-bench   where the corpora are generated (kept between runs)
#   OUT=docs/performance.md           the report (--out FILE overrides); OUT=- prints only
#   GUARDRAIL=build/guardrail PARSE_ONLY=build/bench/parse_only
#
# A peer that is missing is reported as "not available" and the rest runs.
# Test with tiny sizes, e.g.:
#   RUNS=1 MIXED_FILES=200 MIXED_MB=2 CFN_FILES=50 K8S_FILES=100 SNAPSHOT_MB=20 \
#     BUNDLE_MB=10 NETWORKS=5000 CORPUS_DIR=/tmp/gb-tiny OUT=/tmp/performance.md bench/compare.sh
set -uo pipefail
export LC_ALL=C
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) OUT="$2"; shift 2 ;;
    --out=*) OUT="${1#--out=}"; shift ;;
    -h|--help) sed -n '2,40p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

RUNS="${RUNS:-3}"
PRECOMMIT_RUNS="${PRECOMMIT_RUNS:-20}"
REPEAT_LIMIT="${REPEAT_LIMIT:-60}"
MIXED_FILES="${MIXED_FILES:-10000}"
MIXED_MB="${MIXED_MB:-100}"
CFN_FILES="${CFN_FILES:-2000}"
K8S_FILES="${K8S_FILES:-2000}"
SNAPSHOT_MB="${SNAPSHOT_MB:-1024}"
BUNDLE_MB="${BUNDLE_MB:-200}"
NETWORKS="${NETWORKS:-100000}"
SKIP=",${SKIP:-},"
CORPUS_DIR="${CORPUS_DIR:-/tmp/guardrail-bench}"
OUT="${OUT:-$here/docs/performance.md}"
guardrail="${GUARDRAIL:-$here/build/guardrail}"
parse_only="${PARSE_ONLY:-$here/build/bench/parse_only}"
peers="$here/bench/peers"
npm_bin="$here/bench/npm/node_modules"

log() { echo "compare: $*" >&2; }
skipped() { [[ "$SKIP" == *",$1,"* ]]; }
for tool in "$guardrail" "$parse_only"; do
  [[ -x "$tool" ]] || { log "$tool is not built (scripts/build.sh)"; exit 2; }
done

# The peers, or empty when not available.
cfn_guard="$npm_bin/@cdklabs/cdk-validator-cfnguard/bin/ubuntu/$(uname -m)/cfn-guard"
[[ -x "$cfn_guard" ]] || cfn_guard="$(command -v cfn-guard || true)"
spectral="$npm_bin/.bin/spectral"
[[ -x "$spectral" ]] || spectral="$(command -v spectral || true)"
cfn_lint="$(command -v cfn-lint || true)"
yamllint="$(command -v yamllint || true)"
gnu_time=""
/usr/bin/time -f %M -o /dev/null true 2>/dev/null && gnu_time=/usr/bin/time
# A peer that is on PATH but does not run (a pyenv shim without the package) is not available.
for v in cfn_guard spectral cfn_lint yamllint; do
  if [[ -n "${!v}" ]] && ! "${!v}" --version >/dev/null 2>&1; then printf -v "$v" '%s' ""; fi
done

load="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
work="$(mktemp -d /tmp/guardrail-compare.XXXXXX)"
trap 'rm -rf "$work"' EXIT
results="$work/results.tsv"
printf 'key\tsection\ttool\tlabel\tbest\tmedian\truns\tpeak_kb\tbytes\tstatus\texit\tbase\tcommand\n' >"$results"

# --- corpora -----------------------------------------------------------------

# corpus DIR COMMAND...: runs the generator, with @ standing for the folder,
# into DIR.partial and renames it when it is complete.
corpus() {
  local dir="$1"; shift
  [[ -d "$dir" ]] && return 0
  log "generating $dir"
  rm -rf "$dir.partial"
  mkdir -p "$dir.partial"
  local args=() a
  for a in "$@"; do args+=("${a//@/$dir.partial}"); done
  if "${args[@]}" >&2; then mv "$dir.partial" "$dir"; else log "generating $dir failed"; return 1; fi
}

mixed="$CORPUS_DIR/mixed-$MIXED_FILES-${MIXED_MB}mb"
cfn="$CORPUS_DIR/cfn-$CFN_FILES"
k8s="$CORPUS_DIR/k8s-split-$K8S_FILES"
snapshot="$CORPUS_DIR/config-$SNAPSHOT_MB"   # bench/export_memory.sh's, shared
bundle="$CORPUS_DIR/cli-${BUNDLE_MB}mb"
networks="$CORPUS_DIR/networks-$NETWORKS"
b="$here/bench"
mkdir -p "$CORPUS_DIR"
if ! skipped repository || ! skipped precommit; then
  corpus "$mixed" python3 "$b/gen_mixed.py" @ "$MIXED_FILES" "$MIXED_MB"
fi
skipped cfn || corpus "$cfn" python3 "$b/gen_cfn.py" @ "$CFN_FILES"
skipped k8s || corpus "$k8s" python3 "$b/gen_k8s.py" @ "$K8S_FILES" --split
if ! skipped exports; then
  corpus "$snapshot" bash -c 'mkdir -p "$1/222222222222" && python3 "$2" "$1/222222222222/snapshot.json" "$3"' \
    _ @ "$b/gen_config_snapshot.py" "$SNAPSHOT_MB"
  corpus "$bundle" python3 "$b/gen_cli_bundle.py" @ "$BUNDLE_MB"
fi
skipped cidr || corpus "$networks" python3 "$b/gen_cli_bundle.py" @ --networks "$NETWORKS"

# --- measuring ---------------------------------------------------------------

size_of() { find "$1" -type f -printf '%s\n' 2>/dev/null | awk '{ s += $1 } END { printf "%.0f\n", s }'; }
# files_of DIR [NAME-PATTERN]: the regular files under DIR.
files_of() { find "$1" -type f -name "${2:-*}" | wc -l; }

# The command as the report shows it: the repository by relative paths, a peer by its name.
display() {
  local s="" a first=1
  for a in "$@"; do
    if ((first)) && [[ "$a" != "$here"/build/* ]]; then a="${a##*/}"; fi
    first=0
    a="${a//$here\//}"
    [[ "$a" == *" "* || "$a" == *"*"* ]] && a="'$a'"
    s+="$a "
  done
  printf '%s' "${s% }"
}

record() {  # KEY SECTION TOOL LABEL BEST MEDIAN RUNS PEAK BYTES STATUS EXIT BASE COMMAND
  local IFS=$'\t'
  printf '%s\n' "$*" >>"$results"
}

unavailable() {  # KEY SECTION TOOL LABEL REASON
  log "$4: $5"
  record "$1" "$2" "$3" "$4" "" "" 0 "" "" "$5" "" "" ""
}

# measure KEY SECTION TOOL LABEL DIR BYTES BASE -- COMMAND...
# Runs COMMAND in DIR RUNS times (once more only while a run stays under
# REPEAT_LIMIT seconds); keeps the last run's output in $work/KEY.out.
measure() {
  local key="$1" section="$2" tool="$3" label="$4" dir="$5" bytes="$6" base="$7"
  shift 8
  local n="$RUNS" times=() peak="" rc=0 r t0 t1 t kb best median
  [[ "$key" == pre.* ]] && n="$PRECOMMIT_RUNS"
  log "$section: $label"
  cd "$dir" || { unavailable "$key" "$section" "$tool" "$label" "corpus missing"; return; }
  for ((r = 1; r <= n; r++)); do
    if [[ -n "$gnu_time" && "$key" != pre.* ]]; then
      t0=$EPOCHREALTIME
      "$gnu_time" -f %M -o "$work/time" "$@" >"$work/$key.out" 2>"$work/$key.err"
      rc=$?
      t1=$EPOCHREALTIME
      t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }')
      kb=$(tail -n 1 "$work/time")
      peak=$(awk -v a="${peak:-0}" -v b="$kb" 'BEGIN { print (b + 0 > a + 0) ? b + 0 : a + 0 }')
    else
      # Milliseconds are timed around the spawn itself (bench/walltime.py): a
      # shell's fork of its own image costs more than guardrail's start-up here.
      t=$(python3 "$here/bench/walltime.py" "$work/$key.out" "$work/$key.err" "$@")
      rc=$?
    fi
    times+=("$t")
    if awk -v t="$t" -v l="$REPEAT_LIMIT" 'BEGIN { exit !(t > l) }'; then
      ((r < n)) && log "  a run took ${t}s, over REPEAT_LIMIT=${REPEAT_LIMIT}s: not repeated"
      break
    fi
  done
  cd "$here" || exit 2
  read -r best median < <(printf '%s\n' "${times[@]}" | sort -g |
    awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.6f %.6f\n", a[1], m }')
  local status=ok
  # guardrail exits 2 when the run itself failed; peers exit non-zero for findings.
  [[ "$tool" != peer && "$rc" -ge 2 ]] && status="failed (exit $rc)"
  [[ "$tool" == peer && "$rc" -ge 126 ]] && status="failed (exit $rc)"
  [[ "$status" != ok ]] && log "  $label: $status; $(head -c 300 "$work/$key.err")"
  record "$key" "$section" "$tool" "$label" "$best" "$median" "${#times[@]}" "$peak" "$bytes" "$status" "$rc" "$base" \
    "$(display "$@")"
}

# peer KEY SECTION LABEL DIR BYTES BASE BINARY -- ARGS...: measure a peer, or report it missing.
peer() {
  local key="$1" section="$2" label="$3" dir="$4" bytes="$5" base="$6" bin="$7" name
  shift 8
  name="${label%%[ ,]*}"
  if skipped "$name"; then unavailable "$key" "$section" peer "$label" "skipped (SKIP)"; return; fi
  if [[ -z "$bin" ]]; then unavailable "$key" "$section" peer "$label" "not available"; return; fi
  measure "$key" "$section" peer "$label" "$dir" "$bytes" "$base" -- "$bin" "$@"
}

g=("$guardrail" scan --fail-on never --format json)

if ! skipped repository; then
  s="Repository: $(files_of "$mixed") files, $(awk -v b="$(size_of "$mixed")" 'BEGIN { printf "%.0f", b / 1048576 }') MB mixed IaC"
  bytes=$(size_of "$mixed")
  measure mixed.parse "$s" parse-only "parse only (1 thread)" "$mixed" "$bytes" "" -- "$parse_only" .
  measure mixed.scan1 "$s" guardrail "guardrail scan --jobs 1" "$mixed" "$bytes" mixed.parse -- "${g[@]}" --jobs 1 .
  measure mixed.scan2 "$s" guardrail "guardrail scan --jobs 2" "$mixed" "$bytes" mixed.parse -- "${g[@]}" --jobs 2 .
  cmp -s "$work/mixed.scan1.out" "$work/mixed.scan2.out" && echo yes >"$work/identical" || echo no >"$work/identical"
fi

if ! skipped cfn; then
  bytes=$(size_of "$cfn")
  s="CloudFormation: $(files_of "$cfn" '*.yaml') templates, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MB"
  measure cfn.parse "$s" parse-only "parse only (1 thread)" "$cfn" "$bytes" "" -- "$parse_only" .
  measure cfn.g3 "$s" guardrail "guardrail NET-009 DB-001 DB-004 --jobs 1" "$cfn" "$bytes" cfn.parse -- \
    "${g[@]}" --jobs 1 --rule NET-009 --rule DB-001 --rule DB-004 .
  measure cfn.gall "$s" guardrail "guardrail, all rules, --jobs 1" "$cfn" "$bytes" cfn.parse -- "${g[@]}" --jobs 1 .
  peer cfn.guard "$s" "cfn-guard, same 3 rules" "$cfn" "$bytes" cfn.g3 "$cfn_guard" -- \
    validate --rules "$peers/rules.guard" --data . --output-format json --show-summary none
  peer cfn.lint "$s" "cfn-lint, its default rules" "$cfn" "$bytes" cfn.gall "$cfn_lint" -- --format parseable 'cfn/**/*.yaml'
  peer cfn.yamllint "$s" "yamllint, default config" "$cfn" "$bytes" cfn.gall "$yamllint" -- -f parsable .
fi

if ! skipped k8s; then
  bytes=$(size_of "$k8s")
  s="Kubernetes: $(files_of "$k8s" '*.yaml') manifests (one document each), $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MB"
  measure k8s.parse "$s" parse-only "parse only (1 thread)" "$k8s" "$bytes" "" -- "$parse_only" .
  measure k8s.g3 "$s" guardrail "guardrail PSS-003 K8S-001 K8S-007 --jobs 1" "$k8s" "$bytes" k8s.parse -- \
    "${g[@]}" --jobs 1 --rule PSS-003 --rule K8S-001 --rule K8S-007 .
  measure k8s.gall "$s" guardrail "guardrail, all rules, --jobs 1" "$k8s" "$bytes" k8s.parse -- "${g[@]}" --jobs 1 .
  peer k8s.spectral "$s" "spectral, same 3 rules" "$k8s" "$bytes" k8s.g3 "$spectral" -- \
    lint --ruleset "$peers/spectral.yaml" --format json '**/*.yaml'
  peer k8s.yamllint "$s" "yamllint, default config" "$k8s" "$bytes" k8s.gall "$yamllint" -- -f parsable .
fi

if ! skipped precommit; then
  # Start-up: one manifest alone in a folder, every shipped rule in force.
  alone="$CORPUS_DIR/startup"
  mkdir -p "$alone"
  first=$(cd "$mixed" && find k8s -name '*.yaml' | sort | head -n 1)
  [[ -n "$first" ]] && cp "$mixed/$first" "$alone/manifest.yaml"
  s="Start-up: one manifest alone in a folder, bundled policy"
  measure pre.start "$s" guardrail "guardrail scan FOLDER (start-up included)" "$alone" "" "" -- \
    "$guardrail" scan --fail-on never .
  measure pre.version "$s" guardrail "guardrail --version (process start alone)" "$alone" "" "" -- \
    "$guardrail" --version
  measure pre.true "$s" true "/bin/true (the cost of starting any process here)" "$alone" "" "" -- /bin/true
  # Ten changed files of the mixed repository: manifests, templates and Terraform
  # (a Terraform file is read with its folder, as a hook's file list is).
  mapfile -t changed < <(cd "$mixed" && { find k8s -name '*.yaml' | sort | head -n 4
                                          find cfn -name '*.yaml' | sort | head -n 3
                                          find tf/live -name main.tf | sort | head -n 3; })
  s="Pre-commit: ${#changed[@]} changed files, bundled policy"
  measure pre.scan "$s" guardrail "guardrail scan FILE... (start-up included)" "$mixed" "" "" -- \
    "$guardrail" scan --fail-on never "${changed[@]}"
fi

if ! skipped exports; then
  bytes=$(size_of "$snapshot")
  s="Exports: AWS Config snapshot, $(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1048576 }') MB"
  measure exp.snap "$s" guardrail "guardrail, all rules, --jobs 1" "$snapshot" "$bytes" "" -- "${g[@]}" --jobs 1 .
  measure exp.snap0 "$s" guardrail "guardrail --skip-rule '*' (load and adapt)" "$snapshot" "$bytes" "" -- \
    "${g[@]}" --jobs 1 --skip-rule "*" .
  bytes=$(size_of "$bundle")
  s="Exports: AWS CLI bundle, $(files_of "$bundle") files, $(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1048576 }') MB"
  measure exp.cli "$s" guardrail "guardrail, all rules, --jobs 1" "$bundle" "$bytes" "" -- "${g[@]}" --jobs 1 .
  measure exp.cli0 "$s" guardrail "guardrail --skip-rule '*' (load and adapt)" "$bundle" "$bytes" "" -- \
    "${g[@]}" --jobs 1 --skip-rule "*" .
  measure exp.cliparse "$s" parse-only "parse only (1 thread)" "$bundle" "$bytes" "" -- "$parse_only" .
fi

if ! skipped cidr; then
  bytes=$(size_of "$networks")
  s="CIDR overlap: $NETWORKS VPCs and subnets (CLI bundle)"
  measure cidr.parse "$s" parse-only "parse only (1 thread)" "$networks" "$bytes" "" -- "$parse_only" .
  measure cidr.none "$s" guardrail "guardrail --skip-rule '*' (load and adapt)" "$networks" "$bytes" cidr.parse -- \
    "${g[@]}" --jobs 1 --skip-rule "*" .
  measure cidr.scan "$s" guardrail "guardrail --rule NET-001 --rule NET-004" "$networks" "$bytes" cidr.parse -- \
    "${g[@]}" --jobs 1 --rule NET-001 --rule NET-004 .
fi

# --- agreement of findings ---------------------------------------------------

# agree GUARDRAIL-KEY PEER-KEY PEER-TOOL: "(file, rule) pairs" both found, and those only one did.
agree() {
  local a="$work/$1.pairs" p="$work/$2.pairs" root="$3" tool="$4"
  [[ -s "$work/$1.out" && -f "$work/$2.out" ]] || return 0
  awk -F'\t' -v k="$1" '$1 == k && $10 == "ok" { f = 1 } END { exit !f }' "$results" || return 0
  awk -F'\t' -v k="$2" '$1 == k && $10 == "ok" { f = 1 } END { exit !f }' "$results" || return 0
  python3 "$peers/findings.py" guardrail "$work/$1.out" --root "$root" >"$a" || return 0
  python3 "$peers/findings.py" "$tool" "$work/$2.out" --root "$root" >"$p" || return 0
  local both only_g only_p
  both=$(comm -12 "$a" "$p" | wc -l)
  only_g=$(comm -23 "$a" "$p" | cut -f2 | sort | uniq -c | awk '{ printf "%s%s %s", sep, $1, $2; sep = ", " }')
  only_p=$(comm -13 "$a" "$p" | cut -f2 | sort | uniq -c | awk '{ printf "%s%s %s", sep, $1, $2; sep = ", " }')
  printf '%s: %s (file, rule) pairs found by both; only by guardrail: %s; only by %s: %s\n' \
    "$tool" "$both" "${only_g:-none}" "$tool" "${only_p:-none}"
}
{
  agree cfn.g3 cfn.guard "$cfn" cfn-guard
  agree k8s.g3 k8s.spectral "$k8s" spectral
} >"$work/agreement"

# --- report ------------------------------------------------------------------

# field KEY COLUMN: one value of the results.
field() {
  awk -F'\t' -v k="$1" -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    $1 == k { print $col[c]; exit }' "$results"
}
ok() { [[ "$(field "$1" status)" == ok && -n "$(field "$1" best)" ]]; }

# The table, as Markdown rows (the terminal gets the same with the pipes).
table() {
  awk -F'\t' 'NR == 1 { next }
    { key[NR] = $1; best[$1] = $5; label[$1] = $4 }
    { rows[NR] = $0 }
    END {
      print "| Measurement | Best | Median | Runs | Peak MB | MB/s | Ratio |"
      print "|---|---:|---:|---:|---:|---:|---|"
      section = ""
      for (i = 2; i <= NR; i++) {
        split(rows[i], f, "\t")
        if (f[2] != section) { section = f[2]; printf "| **%s** | | | | | | |\n", section }
        if (f[5] == "") { printf "| %s | %s | | | | | |\n", f[4], f[10]; continue }
        t = f[5] + 0; m = f[6] + 0
        bt = (t < 1) ? sprintf("%.1f ms", t * 1000) : sprintf("%.2f s", t)
        mt = (m < 1) ? sprintf("%.1f ms", m * 1000) : sprintf("%.2f s", m)
        peak = (f[8] != "") ? sprintf("%.0f", f[8] / 1024) : ""
        rate = ""
        if (f[9] != "" && t > 0) { r = f[9] / 1048576 / t; rate = sprintf(r < 10 ? "%.1f" : "%.0f", r) }
        ratio = ""
        if (f[12] != "" && best[f[12]] != "" && best[f[12]] > 0)
          ratio = sprintf("%.2f× %s", t / best[f[12]], label[f[12]])
        note = (f[10] != "ok") ? " (" f[10] ")" : ""
        printf "| %s%s | %s | %s | %s | %s | %s | %s |\n", f[4], note, bt, mt, f[7], peak, rate, ratio
      }
    }' "$results"
}

# verdict EXPRESSION: "met" when the awk expression (of numbers) holds.
verdict() { awk "BEGIN { exit !($1) }" && echo "met" || echo "**not met**"; }

targets() {
  echo "| Target | Measured | Verdict |"
  echo "|---|---|---|"
  if ok pre.start; then
    local m; m=$(field pre.start median)
    local spawn="" net=""
    if ok pre.true; then
      spawn=$(field pre.true median)
      net=$(awk -v t="$m" -v s="$spawn" 'BEGIN { printf "; %.1f ms more than /bin/true (median %.1f ms)", (t - s) * 1000, s * 1000 }')
    fi
    printf '| Start-up: one manifest alone under 10 ms wall | median %.1f ms (best %.1f ms) of %s runs%s | %s |\n' \
      "$(awk -v t="$m" 'BEGIN { print t * 1000 }')" "$(awk -v t="$(field pre.start best)" 'BEGIN { print t * 1000 }')" \
      "$(field pre.start runs)" "$net" "$(verdict "$m < 0.010")"
  fi
  if ok pre.scan; then
    local m; m=$(field pre.scan median)
    printf '| Pre-commit: 10 changed files under 50 ms wall, start-up included | median %.1f ms (best %.1f ms) of %s runs | %s |\n' \
      "$(awk -v t="$m" 'BEGIN { print t * 1000 }')" "$(awk -v t="$(field pre.scan best)" 'BEGIN { print t * 1000 }')" \
      "$(field pre.scan runs)" "$(verdict "$m < 0.050")"
  fi
  if ok mixed.scan1 && ok mixed.parse; then
    local r; r=$(awk -v a="$(field mixed.scan1 best)" -v b="$(field mixed.parse best)" 'BEGIN { printf "%.2f", a / b }')
    printf '| Repository: within 2x of parsing only | scan --jobs 1 takes %s× parse only | %s |\n' "$r" "$(verdict "$r <= 2")"
  fi
  # Faster than every peer: cfn-guard and spectral against guardrail with the same rules,
  # cfn-lint and yamllint against guardrail with all its rules; one thread each.
  local k base any=0 all=1 list=""
  for k in cfn.guard:cfn.g3 cfn.lint:cfn.gall cfn.yamllint:cfn.gall k8s.spectral:k8s.g3 k8s.yamllint:k8s.gall; do
    base="${k#*:}"; k="${k%%:*}"
    ok "$k" && ok "$base" || continue
    any=1
    local x; x=$(awk -v a="$(field "$k" best)" -v b="$(field "$base" best)" 'BEGIN { printf "%.1f", a / b }')
    awk -v a="$(field "$k" best)" -v b="$(field "$base" best)" 'BEGIN { exit !(b < a) }' || all=0
    list+="${list:+; }$(field "$k" label | cut -d, -f1) (${k%%.*}) ${x}× guardrail's time"
  done
  if ((any)); then
    printf '| Repository: faster than every peer that runs here, on the same corpus | %s | %s |\n' "$list" "$(verdict "$all")"
  else
    echo "| Repository: faster than every peer that runs here | no peer available | not judged |"
  fi
  for k in exp.snap exp.cli; do
    ok "$k" || continue
    local rate; rate=$(awk -v b="$(field "$k" bytes)" -v t="$(field "$k" best)" 'BEGIN { printf "%.0f", b / 1048576 / t }')
    printf '| Exports: 100+ MB/s per core (%s) | %s MB/s with --jobs 1 | %s |\n' \
      "$(field "$k" section | sed 's/^Exports: //')" "$rate" "$(verdict "$rate >= 100")"
  done
  if ok exp.snap; then
    local peak mb; peak=$(field exp.snap peak_kb); mb=$(awk -v b="$(field exp.snap bytes)" 'BEGIN { printf "%.0f", b / 1048576 }')
    if [[ -n "$peak" ]]; then
      printf '| Exports: a 1 GB Config snapshot in under 300 MB peak memory | %s MB snapshot: peak %.0f MB%s | %s |\n' \
        "$mb" "$(awk -v k="$peak" 'BEGIN { print k / 1024 }')" \
        "$(awk -v m="$mb" 'BEGIN { if (m < 1000) print " (not the full 1 GB)" }')" "$(verdict "$peak / 1024 < 300")"
    fi
  fi
  if ok cidr.scan && ok cidr.parse; then
    local d d0=""; d=$(awk -v a="$(field cidr.scan best)" -v b="$(field cidr.parse best)" 'BEGIN { printf "%.3f", a - b }')
    ok cidr.none && d0=$(awk -v a="$(field cidr.scan best)" -v b="$(field cidr.none best)" 'BEGIN { printf "%.3f", a - b }')
    printf '| CIDR overlap over 100,000 VPCs and subnets in under a second | %s networks%s: scan minus parse only %s s%s | %s |\n' \
      "$NETWORKS" "$( ((NETWORKS < 100000)) && echo " (not the full 100,000)")" "$d" \
      "${d0:+ (minus load and adapt: $d0 s)}" "$(verdict "$d < 1")"
  fi
  if ok mixed.scan1 && ok mixed.scan2; then
    local sp; sp=$(awk -v a="$(field mixed.scan1 best)" -v b="$(field mixed.scan2 best)" 'BEGIN { printf "%.2f", a / b }')
    printf '| `--jobs N` scales with cores; output byte-identical whatever N | --jobs 2 is %s× faster than --jobs 1 on %s cores; output identical: %s | %s |\n' \
      "$sp" "$(nproc)" "$(cat "$work/identical")" "$(verdict "$sp >= 1.5 && $(grep -c yes "$work/identical")")"
  fi
}

version() { [[ -n "$1" ]] && "$1" --version 2>&1 | head -n 1 | sed 's/^ *//' || echo "not available"; }
machine() {
  local build commit
  build=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$here/build/CMakeCache.txt" 2>/dev/null)
  commit=$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)
  [[ -n "$(git -C "$here" status --porcelain --untracked-files=no 2>/dev/null)" ]] && commit+=" with uncommitted changes"
  echo "- CPU: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
  echo "- Memory: $(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)"
  echo "- OS: Debian $(cat /etc/debian_version 2>/dev/null || echo unknown), kernel $(uname -r)"
  echo "- guardrail: $(version "$guardrail") (${build:-unknown} build), commit $commit"
  echo "- cfn-guard: $(version "$cfn_guard"); spectral: $(version "$spectral") (Node $(node --version 2>/dev/null ||
    echo "n/a")); cfn-lint: $(version "$cfn_lint"); yamllint: $(version "$yamllint")"
  echo "- Load average when the run started: $load (the machine may be shared; medians show the spread)"
  if [[ -n "$gnu_time" ]]; then
    echo "- GNU time: yes (peak memory is its maximum resident set size)"
  else
    echo "- GNU time: not available (no peak memory)"
  fi
}

settings="RUNS=$RUNS MIXED_FILES=$MIXED_FILES MIXED_MB=$MIXED_MB CFN_FILES=$CFN_FILES K8S_FILES=$K8S_FILES"
settings+=" SNAPSHOT_MB=$SNAPSHOT_MB BUNDLE_MB=$BUNDLE_MB NETWORKS=$NETWORKS"
[[ "$PRECOMMIT_RUNS" != 20 ]] && settings+=" PRECOMMIT_RUNS=$PRECOMMIT_RUNS"
[[ "$REPEAT_LIMIT" != 60 ]] && settings+=" REPEAT_LIMIT=$REPEAT_LIMIT"
[[ "$SKIP" != ",," ]] && settings+=" SKIP=${SKIP:1:${#SKIP}-2}"

echo
table | sed 's/\*\*//g'
echo
targets | sed 's/\*\*//g'
echo
cat "$work/agreement"

[[ "$OUT" == - ]] && exit 0
svg="${OUT%.md}.svg"
mkdir -p "$(dirname "$OUT")"
python3 "$here/bench/chart.py" "$results" "$svg" || log "the chart failed"
{
  echo "# Performance"
  echo
  echo "guardrail beside its peers on generated corpora, measured by \`bench/compare.sh\` on $(date -u +%Y-%m-%d)."
  echo "Times are wall-clock seconds, best and median of the runs (a run longer than ${REPEAT_LIMIT} s is not"
  echo "repeated); peak memory is GNU time's maximum resident set size; MB/s is the corpus size over the best"
  echo "time. Every tool writes a machine-readable format (guardrail and cfn-guard JSON, spectral JSON, cfn-lint and"
  echo "yamllint their parsable lines) to a file; the peers run"
  echo "single-threaded, so guardrail is compared at \`--jobs 1\`. Ratios divide a row's best time by that of the"
  echo "row named."
  echo
  echo "![Best wall time of each measurement, log scale]($(basename "$svg"))"
  echo
  echo "## Targets"
  echo
  targets
  echo
  echo "## Measurements"
  echo
  table
  echo
  echo "## Do the peers find the same things?"
  echo
  echo "The peer rules (\`bench/peers/rules.guard\`, \`bench/peers/spectral.yaml\`) re-express guardrail's rules as far"
  echo "as each tool can; their comments list where the meanings differ. \`bench/peers/check.sh\` checks them and"
  echo "guardrail on hand-made compliant and non-compliant samples. On the benchmark corpora, the (file, rule)"
  echo "pairs each reported:"
  echo
  if [[ -s "$work/agreement" ]]; then sed 's/^/- /' "$work/agreement"; else echo "- not compared (a peer was not available)"; fi
  echo
  echo "cfn-lint and yamllint check other things (templates against the resource specification; YAML style),"
  echo "so their findings are not compared; they are timed on the same files because a repository's CI runs"
  echo "them beside a policy checker."
  echo
  echo "## Commands"
  echo
  echo '```sh'
  echo "bench/install-peers.sh"
  echo "$settings bench/compare.sh"
  echo '```'
  echo
  echo "Each measurement ran in its corpus folder:"
  echo
  awk -F'\t' 'NR > 1 && $13 != "" { printf "- %s, %s: `%s`\n", $2, $4, $13 }' "$results"
  echo
  echo "The corpora are generated by \`bench/gen_mixed.py\` (\`gen_cfn.py\`, \`gen_tf.py\`, \`gen_k8s.py\`),"
  echo "\`bench/gen_config_snapshot.py\` and \`bench/gen_cli_bundle.py\`."
  [[ -n "${changed[*]:-}" ]] && echo "The pre-commit files were $(printf '`%s`, ' "${changed[@]}" | sed 's/, $//')."
  echo
  echo "## Machine"
  echo
  machine
} >"$OUT"
log "wrote $OUT and $svg"
