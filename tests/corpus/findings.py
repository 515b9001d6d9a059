#!/usr/bin/env python3
"""Findings per rule on the real-world corpora: what a new user would see.

    tests/corpus/findings.py GUARDRAIL [--policy-name NAME] [--compare OTHER_GUARDRAIL]

Scans each corpus folder (terraform-testdata and hcl-specsuite, which test
reading, are left out) with every rule, and prints a table of finding counts
per rule and corpus. With --compare, prints both binaries' totals per rule
side by side (before and after a change). Measures; asserts nothing.
"""
import collections
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SKIP = {"terraform-testdata", "hcl-specsuite", "golden"}


def counts(guardrail, extra):
    per_rule = collections.Counter()
    per_corpus = {}
    for name in sorted(os.listdir(HERE)):
        folder = os.path.join(HERE, name)
        if name in SKIP or not os.path.isdir(folder):
            continue
        out = subprocess.run([guardrail, "scan", "--format", "json", "--fail-on", "never", "--no-config", *extra, folder],
                             capture_output=True, text=True)
        try:
            doc = json.loads(out.stdout)
        except json.JSONDecodeError:
            print(f"{name}: no JSON report (exit {out.returncode}): {out.stderr[:300]}", file=sys.stderr)
            continue
        c = collections.Counter(f["ruleId"] if "ruleId" in f else f.get("rule") for f in doc["findings"])
        per_corpus[name] = c
        per_rule.update(c)
    return per_rule, per_corpus


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    guardrail = args.pop(0)
    extra, other = [], None
    while args:
        a = args.pop(0)
        if a == "--policy-name":
            extra += ["--policy-name", args.pop(0)]
        elif a == "--compare":
            other = args.pop(0)
    mine, corpora = counts(guardrail, extra)
    if other:
        theirs, _ = counts(other, extra)
        print(f"{'rule':10} {'other':>7} {'this':>7}")
        for rule in sorted(set(mine) | set(theirs)):
            print(f"{rule:10} {theirs[rule]:7} {mine[rule]:7}")
        print(f"{'total':10} {sum(theirs.values()):7} {sum(mine.values()):7}")
        return 0
    for name, c in corpora.items():
        print(f"{name}: {sum(c.values())} findings " + ", ".join(f"{r} {n}" for r, n in sorted(c.items())))
    print(f"total: {sum(mine.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
