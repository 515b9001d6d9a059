#!/usr/bin/env python3
"""A streamed export must be judged as the same export read whole.

    tests/reliability/streamed_twin.py GUARDRAIL

Large AWS exports are streamed element by element and keep only what the
rules in force can read (the projection, docs/semantics.md "Exports"); small
ones are read whole and keep everything. Scanning the export folders once as
they are and once with GUARDRAIL_STREAM_BYTES=1 (every export streamed) must
give the same findings, the same undecided checks and the same resources. A
projection that drops what a rule reads shows up here as a difference.
Exit status: 0 when every folder's twins agree, 1 otherwise.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
FOLDERS = ["fixtures/exports/bundle", "tests/external/aws-cli-examples", "tests/external/aws-config-examples"]


def scan(guardrail, folder, streamed):
    env = dict(os.environ)
    env.pop("GUARDRAIL_STREAM_BYTES", None)
    if streamed:
        env["GUARDRAIL_STREAM_BYTES"] = "1"
    p = subprocess.run([guardrail, "scan", "--no-color", "--format", "json", folder], cwd=ROOT, env=env,
                       capture_output=True, timeout=300)
    if p.returncode not in (0, 1, 2):
        raise SystemExit("%s: exit %d\n%s" % (folder, p.returncode, p.stderr.decode(errors="replace")))
    doc = json.loads(p.stdout)
    findings = sorted((f["ruleId"], f["location"]["path"], f["location"]["line"], f["location"]["column"],
                       f["message"], f.get("resource", "")) for f in doc["findings"])
    summary = doc["summary"]
    undecided = sorted((c["ruleId"], c.get("resource", ""), c.get("reason", ""))
                       for c in summary.get("undecidedChecks", []))
    errors = sorted((d["location"]["path"], d.get("code", ""), d["message"]) for d in doc["diagnostics"]
                    if d.get("severity") == "error")
    return {"findings": findings, "undecided": undecided, "resources": summary.get("resources", {}),
            "errors": errors}


def main():
    guardrail = os.path.abspath(sys.argv[1])
    failed = 0
    for folder in FOLDERS:
        if not os.path.isdir(os.path.join(ROOT, folder)):
            print("%s: missing" % folder)
            failed += 1
            continue
        whole, streamed = scan(guardrail, folder, False), scan(guardrail, folder, True)
        same = True
        for part in ("findings", "undecided", "resources", "errors"):
            if whole[part] == streamed[part]:
                continue
            same = False
            a, b = whole[part], streamed[part]
            if isinstance(a, dict):
                a, b = sorted(a.items()), sorted(b.items())
            only_whole = [x for x in a if x not in b]
            only_streamed = [x for x in b if x not in a]
            print("%s: %s differ" % (folder, part))
            for x in only_whole[:10]:
                print("  read whole only: %s" % (x,))
            for x in only_streamed[:10]:
                print("  streamed only:   %s" % (x,))
        print("%s: %s (%d findings, %d undecided)" % (folder, "same" if same else "DIFFERENT",
                                                       len(whole["findings"]), len(whole["undecided"])))
        failed += not same
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
