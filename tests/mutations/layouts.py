#!/usr/bin/env python3
"""The reference architecture's dev and staging in three layouts, judged alike.

- plain Terraform: fixtures/innovate/terraform/{dev,staging} over its modules;
- Terragrunt: fixtures/innovate-terragrunt (a unit per environment, root.hcl
  generating the provider, env.hcl read with read_terragrunt_config);
- a var-file matrix: fixtures/innovate-matrix (one root, a .tfvars file per
  environment bound in .guardrail.yaml).

Unedited, the three must give the same findings (none). Each edit below is
then made in every layout, in that layout's own spelling (a module's file is
shared by all three), and each layout must report exactly the rules the edit
names, with the same findings: the same rule, environment, resource and
message. Locations differ by design (a value set in a unit's inputs is
reported there), so they are not compared.

    tests/mutations/layouts.py GUARDRAIL
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "..", "fixtures")
LAYOUTS = ("terraform", "terragrunt", "matrix")
SCANNED = {"terraform": "innovate", "terragrunt": "innovate-terragrunt", "matrix": "innovate-matrix"}

DB, EKS, NET = ("innovate/terraform/modules/database/main.tf", "innovate/terraform/modules/eks/main.tf",
                "innovate/terraform/modules/network/main.tf")
TF_DEV, TF_STAGING = "innovate/terraform/dev/main.tf", "innovate/terraform/staging/main.tf"
TG_DEV, TG_STAGING = "innovate-terragrunt/live/dev/stack/terragrunt.hcl", "innovate-terragrunt/live/staging/stack/terragrunt.hcl"
MX_DEV, MX_STAGING = "innovate-matrix/envs/dev.tfvars", "innovate-matrix/envs/staging.tfvars"


def same_everywhere(path, old, new):
    """An edit of a shared module: made once, seen by every layout."""
    return {"terraform": [(path, old, new)], "terragrunt": [], "matrix": []}


# (what, {layout: [(file, old, new), ...]}, expected rules)
EDITS = [
    ("a module's database unencrypted",
     same_everywhere(DB, "storage_encrypted                   = true", "storage_encrypted                   = false"),
     {"DB-001"}),
    ("a module's cluster endpoint public",
     same_everywhere(EKS, "endpoint_public_access  = false", "endpoint_public_access  = true"), {"EKS-001"}),
    ("dev's database Multi-AZ",
     {"terraform": [(TF_DEV, "multi_az            = false", "multi_az            = true")],
      "terragrunt": [(TG_DEV, "multi_az       = false", "multi_az       = true")],
      "matrix": [(MX_DEV, "multi_az       = false", "multi_az       = true")]},
     {"DB-011"}),
    ("dev's nodes on demand",
     {"terraform": [(TF_DEV, 'capacity_type   = "SPOT"', 'capacity_type   = "ON_DEMAND"')],
      "terragrunt": [(TG_DEV, 'capacity_type  = "SPOT"', 'capacity_type  = "ON_DEMAND"')],
      "matrix": [(MX_DEV, 'capacity_type  = "SPOT"', 'capacity_type  = "ON_DEMAND"')]},
     {"COST-003"}),
    ("dev's network overlapping staging's",
     {"terraform": [(TF_DEV, '"10.3.0.0/16"', '"10.4.0.0/16"')],
      "terragrunt": [(TG_DEV, '"10.3.0.0/16"', '"10.4.0.0/16"')],
      "matrix": [(MX_DEV, '"10.3.0.0/16"', '"10.4.0.0/16"')]},
     {"NET-001"}),
    ("staging's database without a replica",
     {"terraform": [(TF_STAGING, "replicas            = 1", "replicas            = 0")],
      "terragrunt": [(TG_STAGING, "replicas       = 1", "replicas       = 0")],
      "matrix": [(MX_STAGING, "replicas       = 1", "replicas       = 0")]},
     {"DB-003"}),
]


def copy_layouts(work):
    shutil.copytree(os.path.join(FIXTURES, "innovate-terragrunt"), os.path.join(work, "innovate-terragrunt"))
    shutil.copytree(os.path.join(FIXTURES, "innovate-matrix"), os.path.join(work, "innovate-matrix"))
    os.makedirs(os.path.join(work, "innovate", "terraform"))
    shutil.copy(os.path.join(FIXTURES, "innovate", ".guardrail.yaml"), os.path.join(work, "innovate"))
    for part in ("dev", "staging", "modules"):
        shutil.copytree(os.path.join(FIXTURES, "innovate", "terraform", part), os.path.join(work, "innovate", "terraform", part))


def findings(guardrail, folder):
    """(rule, environment, resource, message) of every finding, the matrix's
    wrapping module call taken out of names; and the scan's errors."""
    out = subprocess.run([guardrail, "scan", "--format", "json", "--fail-on", "never", "."], cwd=folder,
                         capture_output=True, text=True, check=False)
    doc = json.loads(out.stdout)
    # The matrix wraps the stack in a module call; messages name each root's folder.
    strip = lambda s: re.sub(r" \((terraform/[a-z]+|live/[a-z]+/stack|\.)\)", "", s.replace("module.stack.", ""))
    found = sorted((f["ruleId"], f.get("environment", ""), strip(f.get("resource", "")), strip(f["message"]))
                   for f in doc["findings"])
    return found, doc["summary"]["errors"]


def main():
    guardrail = os.path.abspath(sys.argv[1])
    failures = 0
    for n, (what, edits, expected) in enumerate([("unedited", {l: [] for l in LAYOUTS}, set())] + EDITS):
        work = tempfile.mkdtemp(prefix="guardrail-layouts-")
        try:
            copy_layouts(work)
            problem = None
            for layout in LAYOUTS:
                for path, old, new in edits[layout]:
                    target = os.path.join(work, path)
                    text = open(target).read()
                    if old not in text:
                        problem = "%s does not contain %r" % (path, old)
                    open(target, "w").write(text.replace(old, new))
            results = {}
            for layout in LAYOUTS:
                found, errors = findings(guardrail, os.path.join(work, SCANNED[layout]))
                if errors:
                    problem = problem or "%s: %d errors" % (layout, errors)
                results[layout] = found
            if not problem:
                for layout in LAYOUTS:
                    fired = {f[0] for f in results[layout]}
                    if fired != expected:
                        problem = "%s: expected %s, found %s" % (layout, sorted(expected), sorted(fired))
                        break
                    if results[layout] != results["terraform"]:
                        only = set(results[layout]) ^ set(results["terraform"])
                        problem = "%s differs from terraform: %s" % (layout, sorted(only)[:3])
                        break
            if problem:
                print("FAIL %d: %s: %s" % (n, what, problem))
                failures += 1
            else:
                print("ok   %d: %-40s %s (%d findings in each layout)" % (n, what, ", ".join(sorted(expected)) or "(nothing)",
                                                                       len(results["terraform"])))
        finally:
            shutil.rmtree(work)
    print("%d cases, %d as expected" % (len(EDITS) + 1, len(EDITS) + 1 - failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
