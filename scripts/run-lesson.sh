#!/usr/bin/env bash
# Sets up the machine and runs a course lesson end to end: scripts/run-lesson.sh [NAME [options]] (default: w5).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
dotnet build src/TfLessons.Cli -c Release --nologo --verbosity quiet
if [ $# -eq 0 ]; then set -- w5; fi
dotnet run --project src/TfLessons.Cli -c Release --no-build -- lesson run "$@"
