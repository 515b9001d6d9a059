#!/usr/bin/env bash
# Rewrites data/resource-types.tsv: the resource types of the Terraform AWS
# provider (from `terraform providers schema -json`, offline from a local
# provider mirror) followed by the Kubernetes kinds listed in
# data/kubernetes-kinds.txt. The policy checker reads the table to catch a
# misspelt type in a rule (aws_s3_bukcet, Deploymnet).
#
#   scripts/update-resource-types.sh [MIRROR] [VERSION]
#
# MIRROR defaults to /opt/tf-plugins, VERSION to 5.100.0.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mirror=${1:-/opt/tf-plugins}
version=${2:-5.100.0}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/main.tf" <<TF
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "$version" }
  }
}
TF
cat > "$work/rc" <<RC
provider_installation {
  filesystem_mirror { path = "$mirror" }
}
RC
(cd "$work" && TF_CLI_CONFIG_FILE="$work/rc" terraform init -input=false > /dev/null &&
  TF_CLI_CONFIG_FILE="$work/rc" terraform providers schema -json > schema.json)
{
  printf '# Resource types a rule may name, read by src/policy/check.cpp: a type in no\n'
  printf '# row here, in no canonical column of data/cloudformation.tsv or\n'
  printf '# data/aws-exports.tsv, is flagged with the nearest known one.\n'
  printf '# Written by scripts/update-resource-types.sh; do not edit by hand.\n'
  printf '#\n# One column: the resource types of terraform-provider-aws %s, then the\n' "$version"
  printf '# Kubernetes kinds of data/kubernetes-kinds.txt.\n'
  python3 - "$work/schema.json" <<'PY'
import json, sys
schema = json.load(open(sys.argv[1]))
for name in sorted(schema["provider_schemas"]["registry.terraform.io/hashicorp/aws"]["resource_schemas"]):
    print(name)
PY
  grep -v '^#' "$root/data/kubernetes-kinds.txt" | grep -v '^$' | sort -u
} > "$root/data/resource-types.tsv"
echo "wrote $(grep -vc '^#' "$root/data/resource-types.tsv") types to data/resource-types.tsv"
