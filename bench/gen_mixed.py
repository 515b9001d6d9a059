#!/usr/bin/env python3
"""Writes a "mixed repository" of FILES files and about SIZE_MB megabytes:
CloudFormation templates (OUT/cfn, gen_cfn.py), Terraform roots with their
local modules (OUT/tf, gen_tf.py) and Kubernetes manifests (OUT/k8s,
gen_k8s.py), for benchmarks. The target corpus is 10,000 files /
100 MB.

    bench/gen_mixed.py OUT FILES SIZE_MB [--seed S]

About 30% of the files are templates, 30% Terraform (five files a root, plus
the six of the modules) and the rest manifests, which take whatever bytes
the others left so that the total comes out near SIZE_MB.
"""
import argparse
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_cfn  # noqa: E402
import gen_k8s  # noqa: E402
import gen_tf  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("out")
    p.add_argument("files", type=int)
    p.add_argument("size_mb", type=float)
    p.add_argument("--seed", default="guardrail")
    a = p.parse_args()
    target = int(a.size_mb * 1048576)
    avg = max(1, target // max(1, a.files))
    roots = max(1, round(a.files * 0.3 / gen_tf.FILES_PER_ROOT))
    tf_files = roots * gen_tf.FILES_PER_ROOT + 6
    cfn_files = max(1, round(a.files * 0.3))
    k8s_files = max(1, a.files - tf_files - cfn_files)
    total = gen_cfn.generate(a.out, cfn_files, avg, a.seed)
    total += gen_tf.generate(a.out, roots, avg, a.seed)
    rest = max(1, (target - total) // k8s_files)
    total += gen_k8s.generate(a.out, k8s_files, rest, False, a.seed)
    print("%s: %d files (%d CloudFormation, %d Terraform in %d roots, %d Kubernetes), %.1f MB" % (
        a.out, cfn_files + tf_files + k8s_files, cfn_files, tf_files, roots, k8s_files, total / 1048576))


if __name__ == "__main__":
    main()
