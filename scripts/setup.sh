#!/usr/bin/env bash
# Installs what TfLessons needs on a fresh Debian machine (idempotent): native libraries, the
# reference Python packages used by tests and benchmarks, then restores NuGet packages.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libopenblas0-pthread dataset-fashion-mnist python3-numpy python3-sklearn python3-h5py
  postgresql python3-optuna python3-psycopg2 chromium)
# strace: the saver crash tests kill a save at each rename, link and unlink by fault injection.
packages+=(strace)
# protobuf-compiler: the graph tests decode exported .meta files with protoc --decode=tensorflow.MetaGraphDef.
packages+=(protobuf-compiler)
# fonts-dejavu-core: the figures (tfl lesson run --plots, notebooks) name DejaVu Sans; ScottPlot draws no text without a font.
packages+=(fonts-dejavu-core)
if [ "${TFL_WITH_TORCH:-0}" = "1" ]; then packages+=(python3-torch); fi
scripts/apt-ensure.sh setup "${packages[@]}"

dotnet restore TfLessons.sln --verbosity quiet
