#!/usr/bin/env bash
# Builds TensorFlow.NET's example programs (placed by hand in programs/) against TfLessons and runs the ones named
# (all when none are): tools/tfnet-examples/run.sh LinearRegression NeuralNetXor ...
# Each program's data comes from this machine: MNIST examples read Fashion-MNIST (same IDX format) through
# TensorFlow.NET's own loader; files the examples download (Web.Download) are taken from cache/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
ls "$here"/programs/*.cs >/dev/null 2>&1 || { echo "put the example .cs files in $here/programs first (see README.md)" >&2; exit 2; }
# A failed build stops here: running the previous Examples.dll would measure stale code.
dotnet build "$here/Examples.csproj" -c Release -nologo -v q
ls /usr/share/datasets/fashion-mnist/*.gz >/dev/null 2>&1 || { echo "Fashion-MNIST missing: apt-get install dataset-fashion-mnist" >&2; exit 2; }
mkdir -p "$here/run/.resources/mnist"
for f in /usr/share/datasets/fashion-mnist/*.gz; do ln -sf "$f" "$here/run/.resources/mnist/"; done
cd "$here/run"
TFNET_EXAMPLES_CACHE="$here/cache" dotnet "$here/bin/Release/net10.0/Examples.dll" "$@"
