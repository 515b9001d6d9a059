#!/usr/bin/env python3
"""Runs a command once and prints its wall time in seconds: the time from
starting the process to its exit, measured around the spawn itself, so that
the shell's fork of its own (large) image is not counted. Used by
bench/compare.sh for the millisecond measurements (start-up, pre-commit).

    bench/walltime.py OUT ERR COMMAND [ARG...]

Exits with the command's status.
"""
import subprocess
import sys
import time


def main():
    out, err, command = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(out, "wb") as o, open(err, "wb") as e:
        start = time.perf_counter()
        rc = subprocess.call(command, stdout=o, stderr=e)
        elapsed = time.perf_counter() - start
    print(f"{elapsed:.6f}")
    return rc


if __name__ == "__main__":
    sys.exit(main())
