#!/usr/bin/env bash
# Formats the C# sources: wraps lines longer than .editorconfig's max_line_length (CSharpier re-prints only those
# statements; dotnet format cannot wrap), then dotnet format settles whitespace and style. Idempotent.
# usage: scripts/format.sh [FILE.cs...]   (default: every tracked .cs file)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
if [ $# -gt 0 ]; then files=("$@"); else mapfile -t files < <(git ls-files '*.cs'); fi
python3 scripts/wrap-long-lines.py "${files[@]}"
dotnet format TfLessons.sln --verbosity quiet
# dotnet format may re-indent a wrapped line past the limit; one more pass settles it.
python3 scripts/wrap-long-lines.py "${files[@]}"
dotnet format TfLessons.sln --verbosity quiet
python3 scripts/wrap-long-lines.py --check "${files[@]}"
