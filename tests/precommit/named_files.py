#!/usr/bin/env python3
"""Named-file scans, as pre-commit runs them, on the reference architecture.

    tests/precommit/named_files.py GUARDRAIL

1. Every file of fixtures/innovate named alone, and in twenty random groups of
   ten (a fixed seed), scans with exit 0: the clean architecture blocks no
   commit, whatever is staged, though rules about the estate (the DR standby,
   per-account controls) cannot be decided from a few folders.
2. A mutation (tests/mutations/mutate.py) in one file fires its rule when that
   file alone is named, located in the named file.
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "mutations"))
import mutate  # noqa: E402  (the edits and their rules)

# Edits whose rule is decided by the edited file and its folder alone. Not
# these: EKS-001 in the shared EKS module (enforced in staging and prod, and a
# module named alone has no environment) and DB-001 in the DR root (a
# replica's encryption is its source's, in production's folder).
NAMED_EDITS = {("terraform/dev/main.tf", "DB-011"), ("terraform/dev/main.tf", "COST-003"),
               ("terraform/mgmt/main.tf", "ORG-002"), ("terraform/modules/database/main.tf", "DB-001"),
               ("terraform/modules/database/main.tf", "DB-005"), ("terraform/modules/eks/main.tf", "EKS-007"),
               ("terraform/modules/edge/main.tf", "EDGE-002"), ("terraform/modules/edge/main.tf", "NET-009"),
               ("terraform/modules/platform/main.tf", "SEC-002"), ("k8s/prod/api.yaml", "K8S-007"),
               ("apps/api/Dockerfile", "IMG-004")}


def run(guardrail, args, cwd):
    p = subprocess.run([guardrail, "scan", "--no-color"] + args, cwd=cwd, capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout


def main():
    guardrail = os.path.abspath(sys.argv[1])
    fixture = os.path.join(ROOT, "fixtures", "innovate")
    files = sorted(os.path.relpath(os.path.join(d, f), ROOT) for d, _, fs in os.walk(fixture) for f in fs)
    failures = []
    for f in files:
        status, out = run(guardrail, [f], ROOT)
        if status != 0:
            failures.append("%s named alone: exit %d\n%s" % (f, status, out[-1500:]))
    rng = random.Random(42)
    for i in range(20):
        group = rng.sample(files, 10)
        status, out = run(guardrail, group, ROOT)
        if status != 0:
            failures.append("group %d (%s): exit %d\n%s" % (i, " ".join(group), status, out[-1500:]))
    print("named alone: %d files; in groups of ten: 20 groups" % len(files))

    fired = 0
    edits = [e for e in mutate.EDITS if any((e[0], rule) in NAMED_EDITS for rule in e[4])]
    for path, old, new, every, rules in edits:
        work = tempfile.mkdtemp(prefix="guardrail-named-")
        try:
            copy = os.path.join(work, "innovate")
            shutil.copytree(fixture, copy)
            target = os.path.join(copy, path)
            text = open(target).read()
            if old not in text:
                failures.append("%s: the edit for %s no longer applies" % (path, ",".join(rules)))
                continue
            open(target, "w").write(text.replace(old, new) if every else text.replace(old, new, 1))
            status, out = run(guardrail, [os.path.join("innovate", path)], work)
            missing = [r for r in rules if "[%s]" % r not in out]
            elsewhere = [l for l in out.splitlines() if "[" in l and "]: " in l and not l.startswith("innovate/" + path)
                         and not l.startswith(" ")]
            if status != 1 or missing or elsewhere:
                failures.append("%s edited for %s, named alone: exit %d, missing %s, reported elsewhere %s\n%s" %
                                (path, ",".join(sorted(rules)), status, missing, elsewhere[:3], out[-1500:]))
            else:
                fired += 1
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print("mutations named alone: %d/%d fire their rules in the named file" % (fired, len(edits)))
    for f in failures:
        print("FAIL " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
