#!/usr/bin/env python3
"""Two guardrail binaries side by side on the same inputs, in one run.

    bench/ab.py OLD_BINARY NEW_BINARY [--runs N] [--large]

For a change of the document model or of a reader: each input is scanned by
both binaries in turn (OLD, NEW, OLD, NEW, ...), so that a noisy machine
slows both alike, and the table gives each one's best wall time, its peak
memory (GNU time's maximum resident set size) and NEW's ratio to OLD. The
inputs are generated in a temporary folder: one manifest alone (start-up),
2,000 Kubernetes manifests, 200 CloudFormation templates, a 50 MB
describe-security-groups export, a 10 MB single-line export, and with
--large the 200 MB CLI and AWS Config probes of tests/reliability.
"""
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "reliability"))
import probes  # noqa: E402  (the probes' generators)


def generate(root, large):
    """(name, folder, extra arguments, runs factor) of each input."""
    out = []
    one = os.path.join(root, "one")
    os.makedirs(one)
    with open(os.path.join(one, "app.yaml"), "w") as f:
        f.write("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: app}\nspec:\n  template:\n"
                "    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n")
    out.append(("start-up: one manifest", one, [], 5))
    k8s = os.path.join(root, "k8s")
    subprocess.run([sys.executable, os.path.join(HERE, "gen_k8s.py"), k8s, "2000", "--split"], check=True,
                   stdout=subprocess.DEVNULL)
    out.append(("2,000 manifests, load and adapt", k8s, ["--skip-rule", "*"], 1))
    out.append(("2,000 manifests, all rules", k8s, [], 1))
    cfn = os.path.join(root, "cfn")
    subprocess.run([sys.executable, os.path.join(HERE, "gen_cfn.py"), cfn, "200"], check=True,
                   stdout=subprocess.DEVNULL)
    out.append(("200 templates, all rules", cfn, [], 1))
    cli = os.path.join(root, "cli")
    probes.cli_export(os.path.join(cli, "accounts/111111111111/us-east-1/sg.json"), 50)
    out.append(("50 MB CLI export, load and adapt", cli, ["--skip-rule", "*"], 1))
    out.append(("50 MB CLI export, all rules", cli, [], 1))
    line = os.path.join(root, "line")
    os.makedirs(line)
    for name, setup, _ in probes.probes(False):
        if name.startswith("one 10 MB line"):
            setup(line)
    out.append(("10 MB single-line export, all rules", line, [], 1))
    if large:
        big = os.path.join(root, "cli200")
        probes.cli_export(os.path.join(big, "accounts/111111111111/us-east-1/sg.json"), 200)
        out.append(("200 MB CLI export, load and adapt", big, ["--skip-rule", "*"], 0))
        snap = os.path.join(root, "config200")
        probes.config_snapshot(os.path.join(snap, "snapshot.json"), 200)
        out.append(("200 MB AWS Config snapshot, all rules", snap, [], 0))
    return out


def measure(binary, folder, extra):
    """Wall seconds (measured here: GNU time's are in hundredths) and peak MB."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".time") as t:
        cmd = ["/usr/bin/time", "-f", "%M", "-o", t.name, binary, "scan", "--fail-on", "never", "--format", "json",
               "--jobs", "1"] + extra + ["."]
        start = time.perf_counter()
        subprocess.run(cmd, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        seconds = time.perf_counter() - start
        return seconds, int(t.read().split()[-1]) / 1024


def main():
    old, new = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    with tempfile.TemporaryDirectory(prefix="guardrail-ab-") as root:
        inputs = generate(root, "--large" in sys.argv)
        print("| input | old best | new best | new/old time | old peak MB | new peak MB | new/old memory |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name, folder, extra, factor in inputs:
            best = {old: (1e9, 0), new: (1e9, 0)}
            for _ in range(max(1, runs * factor)):
                for binary in (old, new):
                    s, mb = measure(binary, folder, extra)
                    best[binary] = (min(best[binary][0], s), max(best[binary][1], mb))
            (to, mo), (tn, mn) = best[old], best[new]
            print("| %s | %.4f s | %.4f s | %.2f | %.0f | %.0f | %.2f |" % (name, to, tn, tn / to if to else 0, mo, mn,
                                                                       mn / mo if mo else 0), flush=True)


if __name__ == "__main__":
    main()
