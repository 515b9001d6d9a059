#!/usr/bin/env bash
# The pre-commit hook for real: Debian's pre-commit runs guardrail on `git
# commit` in a throwaway repository, twice over:
#   local  - a `repo: local` hook, the definition of .pre-commit-hooks.yaml with
#            its entry pointing at the binary under test;
#   by-url - `repo: <a git repository holding .pre-commit-hooks.yaml>` with
#            `rev:`, as users configure it, with guardrail on PATH.
# Each must block a commit of a security group open to the internet on port 22
# in prod (NET-009), let clean files through, and judge only the staged files:
# a finding in a sibling file that is not staged (untracked, or committed
# earlier and untouched) does not block a clean commit. `pre-commit run
# --all-files` judges every tracked file.
#
#   bash tests/precommit/test_precommit.sh path/to/guardrail
#
# Nothing is fetched: pre-commit clones the hook repository from a local path.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

fail() { echo "FAIL: $*" >&2; exit 1; }

[[ $# -eq 1 ]] || { echo "usage: $0 path/to/guardrail" >&2; exit 2; }
[[ -x "$1" ]] || fail "$1 is not an executable guardrail binary"
guardrail="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"

# CI installs these (scripts/install-deps.sh --test); their absence is a failure, not a skip.
command -v pre-commit >/dev/null 2>&1 ||
  fail "pre-commit is not installed; install the Debian package: sudo apt-get install pre-commit (scripts/install-deps.sh --test does)"
command -v git >/dev/null 2>&1 ||
  fail "git is not installed; install the Debian package: sudo apt-get install git (scripts/install-deps.sh --test does)"
[[ -f "$here/.pre-commit-hooks.yaml" ]] || fail "$here/.pre-commit-hooks.yaml is missing"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/cache" "$work/pre-commit" "$work/bin"

# Nothing of the user's: no global or system git configuration, no pre-commit
# cache, no colours; and no network (only file:// git, dead proxies).
export HOME="$work/home" XDG_CACHE_HOME="$work/cache" PRE_COMMIT_HOME="$work/pre-commit"
export XDG_CONFIG_HOME="$work/home/.config"
export GIT_CONFIG_NOSYSTEM=1 GIT_ALLOW_PROTOCOL=file GIT_TERMINAL_PROMPT=0
export PRE_COMMIT_COLOR=never NO_COLOR=1
export http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9 \
  HTTPS_PROXY=http://127.0.0.1:9 ALL_PROXY=http://127.0.0.1:9 no_proxy='' NO_PROXY=''
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_COMMON_DIR PRE_COMMIT SKIP || true
base_path="$PATH"

# The by-URL run finds guardrail on PATH under its own name.
ln -s "$guardrail" "$work/bin/guardrail"

# The interpreter pre-commit runs on has PyYAML (pre-commit needs it).
read -r -a pc_python <<<"$(sed -n '1s/^#![[:space:]]*//p' "$(command -v pre-commit)")"
[[ ${#pc_python[@]} -gt 0 ]] || pc_python=(python3)

git_init() {  # DIR
  git init -q -b main "$1"
  git -C "$1" config user.name "guardrail test"
  git -C "$1" config user.email "guardrail-test@example.com"
  git -C "$1" config commit.gpgsign false
  git -C "$1" config core.autocrlf false
}

# --- the hook repository, as users reference it by URL ---------------------
hooks_repo="$work/guardrail-hooks"
git_init "$hooks_repo"
cp "$here/.pre-commit-hooks.yaml" "$hooks_repo/"
git -C "$hooks_repo" add .pre-commit-hooks.yaml
git -C "$hooks_repo" commit -q -m "guardrail hooks"
git -C "$hooks_repo" tag v0.1.0

# --- the two configurations --------------------------------------------------
# local: the manifest's hook with the entry's `guardrail` replaced by the
# binary under test (JSON is YAML).
"${pc_python[@]}" - "$here/.pre-commit-hooks.yaml" "$guardrail" >"$work/local-config.yaml" <<'PY'
import json, shlex, sys, yaml
hooks = yaml.safe_load(open(sys.argv[1]))
hook = next(h for h in hooks if h["id"] == "guardrail")
words = hook["entry"].split()
assert words[0] == "guardrail", hook["entry"]
hook["entry"] = " ".join([shlex.quote(sys.argv[2])] + words[1:])
print(json.dumps({"repos": [{"repo": "local", "hooks": [hook]}]}, indent=2))
PY
cat >"$work/url-config.yaml" <<YAML
repos:
  - repo: $hooks_repo
    rev: v0.1.0
    hooks:
      - id: guardrail
YAML

# --- files -------------------------------------------------------------------
open_ssh_group() {  # NAME
  cat <<HCL
resource "aws_security_group" "$1" {
  name   = "$1"
  vpc_id = "vpc-0a1b2c3d"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
HCL
}
clean_variables() {
  cat <<'HCL'
variable "region" {
  type    = string
  default = "us-east-1"
}
HCL
}

# --- the checks --------------------------------------------------------------
log="$work/log"
commit_ok() {  # WHAT: the commit must succeed, with the hook run (not skipped)
  local before after
  before="$(git rev-parse -q --verify HEAD || true)"
  if ! git commit -q -m "$1" >"$log" 2>&1; then
    cat "$log" >&2; fail "[$variant] $1: the commit was blocked"
  fi
  after="$(git rev-parse HEAD)"
  [[ "$before" != "$after" ]] || fail "[$variant] $1: no commit was made"
  grep -Eq '^guardrail\.+Passed' "$log" || { cat "$log" >&2; fail "[$variant] $1: the guardrail hook did not run and pass"; }
}
commit_blocked() {  # WHAT PATTERN: the commit must fail, the output must match
  local before after
  before="$(git rev-parse -q --verify HEAD || true)"
  if git commit -q -m "$1" >"$log" 2>&1; then
    cat "$log" >&2; fail "[$variant] $1: the commit was not blocked"
  fi
  after="$(git rev-parse -q --verify HEAD || true)"
  [[ "$before" == "$after" ]] || fail "[$variant] $1: a commit was made"
  grep -Eq '^guardrail\.+Failed' "$log" || { cat "$log" >&2; fail "[$variant] $1: the guardrail hook did not fail"; }
  grep -Eq "$2" "$log" || { cat "$log" >&2; fail "[$variant] $1: the output does not show $2"; }
}

run_variant() {  # local|by-url
  variant="$1"
  local repo="$work/repo-$variant"
  git_init "$repo"
  cd "$repo"
  if [[ "$variant" == local ]]; then
    cp "$work/local-config.yaml" .pre-commit-config.yaml
    export PATH="$base_path"
  else
    cp "$work/url-config.yaml" .pre-commit-config.yaml
    export PATH="$work/bin:$base_path"
    [[ "$(command -v guardrail)" == "$work/bin/guardrail" ]] || fail "guardrail on PATH is not the binary under test"
  fi
  pre-commit install >"$log" 2>&1 || { cat "$log" >&2; fail "[$variant] pre-commit install failed"; }

  # The configuration itself is YAML of no kind guardrail checks: it passes.
  git add .pre-commit-config.yaml
  commit_ok "the pre-commit configuration"

  # A clean Terraform file in prod passes.
  mkdir -p prod
  clean_variables >prod/variables.tf
  git add prod/variables.tf
  commit_ok "a clean file"

  # SSH open to the internet in prod is blocked, with guardrail's finding shown.
  open_ssh_group bastion >prod/network.tf
  git add prod/network.tf
  commit_blocked "an open security group" 'prod/network\.tf:8:5: critical\[NET-009\]'
  git diff --cached --name-only | grep -qx prod/network.tf || fail "[$variant] the blocked file is no longer staged"

  # Staged files only: the open group stays beside them, untracked; a clean
  # file of the same module is committed.
  git reset -q -- prod/network.tf
  printf 'output "region" {\n  value = var.region\n}\n' >prod/outputs.tf
  git add prod/outputs.tf
  commit_ok "a clean file beside an untracked open group"

  # The open group committed without the hook, then untouched: a later clean
  # commit in the same folder (a file named before it, and a change to one
  # named after it) still passes.
  git add prod/network.tf
  git commit -q --no-verify -m "the open group, without the hook"
  printf 'locals {\n  project = "shop"\n}\n' >prod/locals.tf
  git add prod/locals.tf
  commit_ok "a clean file beside a committed open group"
  printf 'variable "zone" {\n  type    = string\n  default = "us-east-1a"\n}\n' >>prod/variables.tf
  git add prod/variables.tf
  commit_ok "a clean change beside a committed open group"

  # An unstaged change is not what is committed: pre-commit sets it aside, and
  # guardrail judges the staged content.
  printf '# staged comment\n' >>prod/locals.tf
  git add prod/locals.tf
  open_ssh_group unstaged >>prod/locals.tf
  commit_ok "a clean staged change under an unstaged open group"
  grep -q '"unstaged"' prod/locals.tf || fail "[$variant] pre-commit lost the unstaged change"
  git checkout -q -- prod/locals.tf

  # --all-files passes every tracked file: the committed open group counts.
  if pre-commit run --all-files >"$log" 2>&1; then
    cat "$log" >&2; fail "[$variant] pre-commit run --all-files passed over a committed open group"
  fi
  grep -Eq 'prod/network\.tf:8:5: critical\[NET-009\]' "$log" ||
    { cat "$log" >&2; fail "[$variant] pre-commit run --all-files does not report NET-009"; }

  # With the group gone, the commit and --all-files pass.
  printf 'variable "vpc_id" {\n  type = string\n}\n' >prod/network.tf
  git add prod/network.tf
  commit_ok "the open group removed"
  pre-commit run --all-files >"$log" 2>&1 || { cat "$log" >&2; fail "[$variant] pre-commit run --all-files fails on a clean repository"; }

  cd "$work"
  echo "precommit [$variant]: blocked NET-009, passed clean commits, judged staged files only, --all-files scans everything"
}

run_variant local
run_variant by-url
