#!/usr/bin/env python3
"""Reduces one tool's machine-readable output to "PATH<TAB>RULE" lines (sorted,
unique), so that guardrail and a peer can be compared with comm(1).

    findings.py TOOL [OUTPUT|-] [--root DIR]

TOOL is guardrail (--format json), cfn-guard (validate -o json: a stream of
JSON documents, one per data file) or spectral (lint -f json). RULE is
guardrail's rule ID: a peer's rule is named after it (NET_009_inline,
K8S-007-pinned), so its leading PREFIX[-_]NNN, with "-", is the ID.
PATH is made relative to --root (default: the current folder).
"""
import json
import re
import os
import sys


def documents(text):
    decoder = json.JSONDecoder()
    i = 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return
        doc, i = decoder.raw_decode(text, i)
        yield doc


def rule_id(name):
    m = re.match(r"([A-Z0-9]+)[-_]([0-9]{3})", name)
    return "%s-%s" % m.groups() if m else name


def pairs(tool, text):
    if not text.strip():
        return
    if tool == "guardrail":
        for f in json.loads(text).get("findings", []):
            yield f["location"]["path"], f["ruleId"]
    elif tool == "cfn-guard":
        for doc in documents(text):
            for entry in doc.get("not_compliant", []):
                rule = entry.get("Rule") or entry.get("rule") or {}
                yield doc["name"], rule_id(rule.get("name", "?"))
    elif tool == "spectral":
        for d in json.loads(text):
            yield d["source"], rule_id(d["code"]) if d["code"] != "parser" else "parser-error"
    else:
        sys.exit("findings.py: unknown tool " + tool)


def main():
    args = sys.argv[1:]
    root = "."
    if "--root" in args:
        k = args.index("--root")
        root = args[k + 1]
        del args[k:k + 2]
    if not args:
        sys.exit(__doc__)
    tool = args[0]
    src = args[1] if len(args) > 1 else "-"
    text = sys.stdin.read() if src == "-" else open(src).read()
    root = os.path.abspath(root)
    lines = set()
    for path, rule in pairs(tool, text):
        path = os.path.relpath(os.path.abspath(os.path.join(root, path)), root)
        lines.add("%s\t%s" % (path, rule))
    for line in sorted(lines):
        print(line)


if __name__ == "__main__":
    main()
