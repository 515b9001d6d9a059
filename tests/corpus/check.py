#!/usr/bin/env python3
"""guardrail against real-world corpora and their oracles (docs/inputs.md).

    tests/corpus/check.py GUARDRAIL [--update] [CORPUS...]

Each folder here holds files from a public repository (SOURCE.md says which,
at which commit, under which licence) and an oracle.tsv: for every file, what
the format's own tool made of it (HashiCorp's HCL parser, cfn-lint, a YAML or
JSON parser) as valid, invalid or not-infra.

For each corpus, guardrail scans the folder once (no rules: this is about
reading), and:
  - no error may fall on a file the oracle calls valid or not-infra, unless
    disagreements.tsv lists it with the reason guardrail is right;
  - no resource may come from a file the oracle calls not-infra;
  - the summary (files by kind, resources by type, errors by code and file)
    must equal golden/CORPUS.json (--update rewrites it after a reviewed change).
terraform-testdata (Terraform's own internal/configs/testdata) is loaded
fixture by fixture: valid-* without an error, invalid-* with at least one
located error. hcl-specsuite (HashiCorp's HCL specification tests): each
native-syntax input, as a .tf file alone, is rejected exactly when its .t file
expects an error diagnostic.

Prints agreement figures; exits 1 on any failure.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# Spec tests whose expected error comes from their .hcldec schema, not from
# the native syntax (an argument the schema does not declare).
SCHEMA_ERRORS = {"structure/attributes/unexpected.hcl"}

# Fixtures of Terraform v1.5.7 that later Terraform accepts: guardrail reads
# today's Terraform.
LATER_VALID = {
    "invalid-files/variable-validation-condition-badref.tf": "Terraform 1.9 lets validation conditions refer to other objects",
    "invalid-files/variable-validation-condition-noref.tf": "Terraform 1.9 dropped the rule that a condition must refer to its variable",
}


def scan(guardrail, path):
    p = subprocess.run([guardrail, "scan", "--format", "json", "--fail-on", "never", "--no-config", "--no-builtin", path],
                       capture_output=True, text=True, timeout=600)
    if not p.stdout.strip():
        raise RuntimeError("guardrail printed nothing for %s (exit %d): %s" % (path, p.returncode, p.stderr[-2000:]))
    return json.loads(p.stdout)


def resources(guardrail, path):
    p = subprocess.run([guardrail, "scan", "--format", "resources", "--no-config", "--no-builtin", path],
                       capture_output=True, text=True, timeout=600)
    return json.loads(p.stdout) if p.stdout.strip() else []


def read_tsv(path):
    rows = {}
    if not os.path.exists(path):
        return rows
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            cols = line.rstrip("\n").split("\t")
            rows[cols[0]] = dict(zip(header, cols))
    return rows


def check_corpus(guardrail, name, update):
    root = os.path.join(HERE, name)
    oracle = read_tsv(os.path.join(root, "oracle.tsv"))
    disagreements = read_tsv(os.path.join(HERE, "disagreements.tsv"))
    report = scan(guardrail, root)
    problems = []
    errors = [d for d in report["diagnostics"] if d["level"] == "error"]
    by_file = {}
    for d in errors:
        path = os.path.relpath(d["location"]["path"], os.path.relpath(root)) if d["location"].get("path") else ""
        by_file.setdefault(path, set()).add(d["code"])
    agree = 0
    for path, codes in sorted(by_file.items()):
        verdict = oracle.get(path, {}).get("verdict", "unknown")
        if verdict in ("valid", "not-infra") and (name + "/" + path) not in disagreements:
            problems.append("%s/%s: error %s on a file the oracle calls %s" % (name, path, ",".join(sorted(codes)), verdict))
        else:
            agree += 1
    made = resources(guardrail, root)
    for r in made:
        path = os.path.relpath(r.get("location", "").split(":")[0], os.path.relpath(root))
        if oracle.get(path, {}).get("verdict") == "not-infra":
            problems.append("%s/%s: resource %s from a file the oracle calls not-infra" % (name, path, r.get("address")))
    valid = sum(1 for r in oracle.values() if r["verdict"] == "valid")
    summary = {
        "files": report["summary"]["files"],
        "resources": report["summary"]["resources"],
        "errors": {path: sorted(codes) for path, codes in sorted(by_file.items())},
    }
    golden_path = os.path.join(HERE, "golden", name + ".json")
    text = json.dumps(summary, indent=1, sort_keys=True) + "\n"
    if update:
        os.makedirs(os.path.dirname(golden_path), exist_ok=True)
        with open(golden_path, "w") as f:
            f.write(text)
    elif not os.path.exists(golden_path) or open(golden_path).read() != text:
        problems.append("%s: the summary differs from golden/%s.json (run check.py --update after reviewing)" % (name, name))
    print("%-22s %5d files, %4d valid by the oracle, %4d resources; errors on %d files, all where the oracle agrees or "
          "disagreements.tsv explains: %s" % (name, len(oracle), valid, len(made), len(by_file),
                                               "yes" if not problems else "NO"))
    return problems


def check_terraform_testdata(guardrail):
    base = os.path.join(HERE, "terraform-testdata", "internal", "configs", "testdata")
    problems, counts = [], {}
    for group in ("valid-files", "valid-modules", "invalid-files", "invalid-modules"):
        for item in sorted(os.listdir(os.path.join(base, group))):
            source = os.path.join(base, group, item)
            with tempfile.TemporaryDirectory() as tmp:
                fixture = os.path.join(tmp, item if os.path.isdir(source) else "fixture")
                if os.path.isdir(source):
                    shutil.copytree(source, fixture)
                else:
                    os.makedirs(fixture)
                    shutil.copy(source, fixture)
                report = scan(guardrail, fixture)
            errors = [d for d in report["diagnostics"] if d["level"] == "error"]
            key = group + "/" + item
            ok = (not errors) if group.startswith("valid") or key in LATER_VALID else \
                any(d["location"].get("line", 0) > 0 for d in errors)
            counts.setdefault(group, [0, 0])[0 if ok else 1] += 1
            if not ok:
                problems.append("terraform-testdata/%s: %s" % (
                    key, "rejected: " + errors[0]["message"] if errors else "accepted, but Terraform rejects it"))
    print("terraform-testdata     " + ", ".join("%s %d/%d" % (g, c[0], c[0] + c[1]) for g, c in counts.items()) +
          " as Terraform loads them (%d fixtures valid since Terraform 1.9)" % len(LATER_VALID))
    return problems


def check_hcl_specsuite(guardrail):
    base = os.path.join(HERE, "hcl-specsuite", "specsuite", "tests")
    problems, total, agree = [], 0, 0
    for dirpath, _, files in os.walk(base):
        for f in sorted(files):
            if not f.endswith(".hcl"):
                continue
            total += 1
            expectation = os.path.join(dirpath, f[:-4] + ".t")
            relative = os.path.relpath(os.path.join(dirpath, f), base)
            # An error the .t file expects, unless it is the decoder spec's (a schema), not the syntax's.
            expects_error = os.path.exists(expectation) and "diagnostics" in open(expectation).read() and \
                relative not in SCHEMA_ERRORS
            with tempfile.TemporaryDirectory() as tmp:
                shutil.copy(os.path.join(dirpath, f), os.path.join(tmp, "main.tf"))
                report = scan(guardrail, tmp)
            rejected = any(d["level"] == "error" and d["code"] == "hcl-syntax" for d in report["diagnostics"])
            if rejected == expects_error:
                agree += 1
            else:
                problems.append("hcl-specsuite/%s: %s" % (os.path.relpath(os.path.join(dirpath, f), base),
                                                          "rejected, valid by the spec" if rejected else "accepted, the spec expects an error"))
    print("hcl-specsuite          %d/%d native-syntax inputs judged as the specification's tests expect" % (agree, total))
    return problems


def main():
    guardrail = os.path.abspath(sys.argv[1])
    update = "--update" in sys.argv
    names = [a for a in sys.argv[2:] if not a.startswith("--")]
    corpora = sorted(d for d in os.listdir(HERE) if os.path.exists(os.path.join(HERE, d, "SOURCE.md")))
    problems = []
    for name in names or corpora:
        if name == "terraform-testdata":
            problems += check_terraform_testdata(guardrail)
        elif name == "hcl-specsuite":
            problems += check_hcl_specsuite(guardrail)
        else:
            problems += check_corpus(guardrail, name, update)
    for p in problems:
        print("FAIL " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
