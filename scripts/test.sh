#!/usr/bin/env bash
# The whole test suite: install what is missing (test tools included), build,
# and run every test with CTest (unit, golden, rule cases, conformance suites).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-deps.sh --test
scripts/build.sh
cd build
ctest --output-on-failure
