#!/usr/bin/env bash
# Makes a real Terraform plan JSON from a configuration folder, offline: the
# AWS provider from the filesystem mirror in /opt/tf-plugins, fake
# credentials, no API calls. Used to produce the plan-JSON rule cases and the
# reference architecture's plan files from their HCL.
#
#   scripts/terraform-plan-json.sh CONFIG_DIR OUT.json
#
# The configuration must not read data sources that call AWS
# (aws_availability_zones does): pass the values as variables instead.
set -euo pipefail
src=$(cd "$1" && pwd)
out=$(realpath -m "$2")
mirror=${TF_PLUGIN_MIRROR:-/opt/tf-plugins}
command -v terraform >/dev/null || { echo "terraform is not installed" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The parent folder comes along: roots call their modules as ../modules/….
cp -r "$(dirname "$src")"/. "$work"/
find "$work" -name plan.json -delete
work="$work/$(basename "$src")"
cat >"$work/../terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path = "$mirror"
  }
}
RC
# Every aws provider block (aliases too) gets fake credentials, skips the
# account lookups, and drops allowed_account_ids (no account to check offline).
override() {
  cat <<TF
provider "aws" {
  $1
  access_key                  = "mock"
  secret_key                  = "mock"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  allowed_account_ids         = null
}
TF
}
{
  override ""
  for alias in $(grep -ho 'alias *= *"[A-Za-z0-9_-]*"' "$work"/*.tf | sed 's/.*"\(.*\)"/\1/' | sort -u); do
    override "alias = \"$alias\""
  done
} >"$work/zz_offline_override.tf"
grep -q 'provider "aws"' "$src"/*.tf 2>/dev/null || sed -i '1i provider "aws" { region = "us-east-1" }' "$work/zz_offline_override.tf"
cd "$work"
export TF_CLI_CONFIG_FILE="$work/../terraformrc" TF_IN_AUTOMATION=1
terraform init -input=false -no-color >/dev/null
terraform plan -input=false -no-color -refresh=false -out=tf.plan >/dev/null
terraform show -json tf.plan | python3 -m json.tool --indent 1 >"$out"
echo "wrote $out"
