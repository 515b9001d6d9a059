#!/usr/bin/env bash
# Rewrites data/resource-types.tsv: the resource types of the Terraform AWS
# provider (from `terraform providers schema -json`, offline from a local
# provider mirror) followed by the Kubernetes kinds listed in
# data/kubernetes-kinds.txt. The policy checker reads the table to catch a
# misspelt type in a rule (aws_s3_bukcet, Deploymnet). Also rewrites
# data/terraform-blocks.tsv: each type's nested block names, which tell a
# block from an object attribute in Terraform's JSON syntax.
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

# data/terraform-blocks.tsv: which names are nested blocks, per type. Terraform's
# JSON syntax writes a block and an object attribute alike ("vpc_config": {…}),
# and only the provider's schema tells them apart.
{
  printf '# The nested block names of each type of terraform-provider-aws %s, read by\n' "$version"
  printf '# src/adapt/terraform/config.cpp to tell a block from an object attribute in\n'
  printf '# Terraform'"'"'s JSON syntax ("vpc_config": {...} is a block; "tags": {...} is not).\n'
  printf '# Written by scripts/update-resource-types.sh; do not edit by hand.\n'
  printf '#\n# Columns: resource type (data.TYPE for a data source, provider.aws for the\n'
  printf '# provider), then its block names at any depth, comma-separated. A name that is\n'
  printf '# also an object attribute of the type (tags of aws_codepipeline) is left out.\n'
  python3 - "$work/schema.json" <<'PY'
import json, sys
schema = json.load(open(sys.argv[1]))["provider_schemas"]["registry.terraform.io/hashicorp/aws"]

def names(block):
    blocks, objects = set(), set()
    def walk(b):
        for name, attr in b.get("attributes", {}).items():
            t = attr.get("type")
            if isinstance(t, list) and (t[0] in ("map", "object") or
                                        (t[0] in ("list", "set") and isinstance(t[1], list) and t[1][0] in ("map", "object"))):
                objects.add(name)
        for name, nested in b.get("block_types", {}).items():
            blocks.add(name)
            walk(nested["block"])
    walk(block)
    return sorted(blocks - objects)

rows = [("provider.aws", names(schema["provider"]["block"]))]
rows += [(t, names(s["block"])) for t, s in sorted(schema["resource_schemas"].items())]
rows += [("data." + t, names(s["block"])) for t, s in sorted(schema["data_source_schemas"].items())]
for t, n in rows:
    if n:
        print(t + "\t" + ",".join(n))
PY
} > "$root/data/terraform-blocks.tsv"
echo "wrote $(grep -vc '^#' "$root/data/terraform-blocks.tsv") types to data/terraform-blocks.tsv"
