#!/usr/bin/env python3
"""Validates SARIF files with the real references, not our own code:

1. the SARIF 2.1.0 JSON schema (OASIS errata 01, vendored in tests/external),
   with python3-jsonschema;
2. Microsoft's SARIF Multitool `validate` with the SARIF and GitHub
   ingestion rules (--rule-kind "Sarif;Gh"), counting its results at level
   error and warning (it exits 0 even when it finds some).

Usage: validate.py EXTERNAL_DIR MULTITOOL FILE_OR_DIR...
Exits 1 on any error or warning, printing each; prints a summary line.
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

import jsonschema


def files_of(paths):
    out = []
    for p in paths:
        if os.path.isdir(p):
            out += sorted(glob.glob(os.path.join(p, "**", "*.sarif"), recursive=True))
        elif os.path.exists(p):
            out.append(p)
    return out


def multitool(tool, path):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.sarif")
        env = dict(os.environ, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="1")
        proc = subprocess.run([tool, "validate", path, "--rule-kind", "Sarif;Gh", "--level", "Error;Warning",
                               "-o", out, "--log", "ForceOverwrite"], capture_output=True, text=True, env=env)
        if not os.path.exists(out):
            return [f"the Multitool did not run (exit {proc.returncode}): {proc.stdout[-500:]} {proc.stderr[-500:]}"]
        log = json.load(open(out, encoding="utf-8"))
        problems = []
        for run in log.get("runs", []):
            rules = {r["id"]: r for r in run.get("tool", {}).get("driver", {}).get("rules", [])}
            for r in run.get("results", []):
                if r.get("level", "warning") not in ("error", "warning"):
                    continue
                msg = r.get("message", {})
                text = msg.get("text")
                if not text:
                    fmt = rules.get(r.get("ruleId"), {}).get("messageStrings", {}).get(msg.get("id"), {}).get("text", "")
                    text = fmt
                    for i, a in enumerate(msg.get("arguments", [])):
                        text = text.replace("{%d}" % i, str(a))
                problems.append(f"{r.get('ruleId')} {r.get('level', 'warning')}: {text}")
        for n in run.get("invocations", [{}])[0].get("toolExecutionNotifications", []) if log.get("runs") else []:
            if n.get("level") == "error":
                problems.append("Multitool error: " + n.get("message", {}).get("text", ""))
        return problems


def main():
    external, tool, *paths = sys.argv[1:]
    schema_path = os.path.join(external, "sarif-2.1.0", "oasis-errata01", "sarif-schema-2.1.0.json")
    if not os.path.exists(schema_path):
        print(f"FAILED: {schema_path} is absent (tests/external holds it in a full clone); SARIF cannot be validated")
        return 1
    schema = json.load(open(schema_path, encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    files = files_of(paths)
    if not files:
        print("no SARIF files to validate")
        return 1
    failed = 0
    for path in files:
        doc = json.load(open(path, encoding="utf-8"))
        problems = [f"schema: {e.message} at /{'/'.join(map(str, e.absolute_path))}" for e in validator.iter_errors(doc)]
        problems += multitool(tool, path)
        status = "ok" if not problems else "FAIL"
        print(f"{status:4}  {path}  ({len(doc['runs'][0].get('results', []))} results)")
        for p in problems:
            print("      " + p)
        failed += bool(problems)
    print(f"{len(files)} SARIF files: {len(files) - failed} valid (schema + Multitool Sarif;Gh, no errors or warnings), {failed} not")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
