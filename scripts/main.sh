#!/usr/bin/env bash
# The main job: install what is missing, build, and scan the bundled Innovate
# reference architecture with the built-in policy. Exit status is guardrail's.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-deps.sh
scripts/build.sh
exec build/guardrail scan fixtures/innovate
