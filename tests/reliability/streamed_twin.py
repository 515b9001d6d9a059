#!/usr/bin/env python3
"""A streamed export must be judged as the same export read whole.

    tests/reliability/streamed_twin.py GUARDRAIL

Large AWS exports are streamed element by element and keep only what the
rules in force can read (the projection, docs/semantics.md "Exports"); small
ones are read whole and keep everything. Scanning the export folders once as
they are and once with GUARDRAIL_STREAM_BYTES=1 (every export streamed) must
give the same findings, the same undecided checks and the same resources, and
so must drift of the reference architecture against its bundle. A projection
that drops what a rule or drift reads shows up here as a difference.
Exit status: 0 when every folder's twins agree, 1 otherwise.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
# (command, folder, options): scans of the export folders, and drift of the
# reference architecture's code against its bundle (drift compares attributes
# no rule reads, so a streamed export must keep them).
RUNS = [("scan", "fixtures/exports/bundle", []), ("scan", "tests/external/aws-cli-examples", []),
        ("scan", "tests/external/aws-config-examples", []), ("drift", "fixtures/innovate", []),
        ("drift", "fixtures/innovate", ["--all-attributes"])]


def scan(guardrail, command, folder, options, streamed):
    env = dict(os.environ)
    env.pop("GUARDRAIL_STREAM_BYTES", None)
    if streamed:
        env["GUARDRAIL_STREAM_BYTES"] = "1"
    p = subprocess.run([guardrail, command, "--no-color", "--format", "json"] + options + [folder], cwd=ROOT, env=env,
                       capture_output=True, timeout=300)
    if p.returncode not in (0, 1, 2):
        raise SystemExit("%s: exit %d\n%s" % (folder, p.returncode, p.stderr.decode(errors="replace")))
    doc = json.loads(p.stdout)
    findings = sorted((f["ruleId"], f["location"]["path"], f["location"]["line"], f["location"]["column"],
                       f["message"], f.get("resource", "")) for f in doc["findings"])
    summary = doc["summary"]
    undecided = sorted((c["ruleId"], c.get("resource", ""), c.get("reason", ""))
                       for c in summary.get("undecidedChecks", []))
    # Errors and warnings, by file and line (a streamed file's are located
    # where the stream was, a whole one's at the node).
    errors = sorted((d.get("level", ""), d.get("location", {}).get("path", ""), d.get("code", ""))
                    for d in doc["diagnostics"] if d.get("level") in ("error", "warning"))
    return {"findings": findings, "undecided": undecided, "resources": summary.get("resources", {}),
            "diagnostics": errors}


def main():
    guardrail = os.path.abspath(sys.argv[1])
    failed = 0
    for command, folder, options in RUNS:
        name = " ".join([command] + options + [folder])
        if not os.path.isdir(os.path.join(ROOT, folder)):
            print("%s: missing" % name)
            failed += 1
            continue
        whole = scan(guardrail, command, folder, options, False)
        streamed = scan(guardrail, command, folder, options, True)
        same = True
        for part in ("findings", "undecided", "resources", "diagnostics"):
            if whole[part] == streamed[part]:
                continue
            same = False
            a, b = whole[part], streamed[part]
            if isinstance(a, dict):
                a, b = sorted(a.items()), sorted(b.items())
            only_whole = [x for x in a if x not in b]
            only_streamed = [x for x in b if x not in a]
            print("%s: %s differ" % (name, part))
            for x in only_whole[:10]:
                print("  read whole only: %s" % (x,))
            for x in only_streamed[:10]:
                print("  streamed only:   %s" % (x,))
        print("%s: %s (%d findings, %d undecided)" % (name, "same" if same else "DIFFERENT",
                                                       len(whole["findings"]), len(whole["undecided"])))
        failed += not same
    # The resource model shows every attribute, streamed or not.
    models = []
    for streamed in (False, True):
        env = dict(os.environ)
        env.pop("GUARDRAIL_STREAM_BYTES", None)
        if streamed:
            env["GUARDRAIL_STREAM_BYTES"] = "1"
        models.append(subprocess.run([guardrail, "scan", "--format", "resources", "fixtures/exports/bundle"], cwd=ROOT,
                                     env=env, capture_output=True, timeout=300).stdout)
    same = models[0] == models[1] and len(models[0]) > 0
    print("scan --format resources fixtures/exports/bundle: %s" % ("same" if same else "DIFFERENT"))
    failed += not same
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
