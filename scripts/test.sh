#!/usr/bin/env bash
# Sets up the machine, builds everything (warnings are errors) and runs every test project.
# Ends with one line: "N passed, N failed, N skipped".
# --fast: the inner loop; leaves out the full lesson runs, the save-kill tests and the notebooks (CI runs everything).
set -uo pipefail
cd "$(dirname "$0")/.."
fast=()
if [ "${1:-}" = "--fast" ]; then
  shift
  fast=(--filter "FullyQualifiedName!~FullLessonTests&FullyQualifiedName!~SaverCrashTests&FullyQualifiedName!~TfLessons.Notebooks.Tests")
fi
scripts/setup.sh || exit 1
dotnet build TfLessons.sln -c Release --nologo --verbosity quiet || { echo "0 passed, 1 failed"; exit 1; }

# The search tests need a PostgreSQL server: a private throw-away cluster on loopback (idempotent), and they must not
# skip anything here (Optuna, PostgreSQL and Chromium are installed by setup.sh).
TFL_SEARCH_PG_URL="$(bash tests/TfLessons.Search.Tests/pg-start.sh /tmp/tfl-search-pg 54329)" || { echo "0 passed, 1 failed"; exit 1; }
export TFL_SEARCH_PG_URL
export TFL_SEARCH_REQUIRE_ALL=1

results=$(mktemp -d)
status=0
dotnet test TfLessons.sln -c Release --no-build --nologo --logger "trx" --results-directory "$results" "${fast[@]}" "$@" || status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
rm -rf "$results"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
