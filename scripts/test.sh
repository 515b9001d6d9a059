#!/usr/bin/env bash
# The whole test suite: install what is missing (test tools included), build,
# and run every test with CTest (unit, golden, rule cases, conformance suites,
# fuzz regressions, probes); then the same suite under AddressSanitizer and
# UndefinedBehaviorSanitizer (build-asan), and every fuzz target for a bounded
# time (build-fuzz; GUARDRAIL_FUZZ_SECONDS, default 20 each).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-deps.sh --test
scripts/build.sh
(cd build && ctest --output-on-failure -j "$(nproc)")

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGUARDRAIL_SANITIZE=ON >/dev/null
cmake --build build-asan -j "$(nproc)"
(cd build-asan && ctest --output-on-failure -j "$(nproc)")

scripts/fuzz.sh all "${GUARDRAIL_FUZZ_SECONDS:-20}"
