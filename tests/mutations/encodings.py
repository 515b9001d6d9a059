#!/usr/bin/env python3
"""Every rule case, saved as Windows editors save files, must give the same verdicts.

    tests/mutations/encodings.py GUARDRAIL

Copies rules/ to a temporary folder three times and rewrites every text file
of the cases (inputs, .expect sidecars, NOT-APPLICABLE): with CRLF line ends,
with a UTF-8 byte order mark, and with both. `guardrail test rules` must pass
every case of each copy as it passes the originals: line numbers, columns and
verdicts do not depend on how lines end or on a leading mark. Exit status: 0
when every copy passes, 1 otherwise.
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
BOM = b"\xef\xbb\xbf"


def is_text(data):
    if b"\0" in data:
        return False
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def rewrite(folder, crlf, bom):
    for base, _, files in os.walk(folder):
        if os.sep + "cases" not in base + os.sep:
            continue
        for name in files:
            path = os.path.join(base, name)
            with open(path, "rb") as f:
                data = f.read()
            if not is_text(data) or data.startswith(BOM):
                continue
            if crlf:
                data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
            if bom:
                data = BOM + data
            with open(path, "wb") as f:
                f.write(data)


def main():
    guardrail = os.path.abspath(sys.argv[1])
    failed = 0
    for label, crlf, bom in (("CRLF", True, False), ("byte order mark", False, True), ("both", True, True)):
        work = tempfile.mkdtemp(prefix="guardrail-encodings-")
        try:
            shutil.copytree(os.path.join(ROOT, "rules"), os.path.join(work, "rules"))
            rewrite(os.path.join(work, "rules"), crlf, bom)
            p = subprocess.run([guardrail, "test", "rules"], cwd=work, capture_output=True, timeout=600)
            out = p.stdout.decode(errors="replace")
            summary = out.strip().splitlines()[-1] if out.strip() else "(no output)"
            ok = p.returncode == 0 and " 0 failed" in summary and "problems" not in summary
            print("%s: %s" % (label, summary))
            if not ok:
                for line in out.splitlines():
                    if line.startswith("FAIL"):
                        print("  " + line)
            failed += not ok
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
