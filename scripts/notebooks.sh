#!/usr/bin/env bash
# Executes every notebook in notebooks/ headless and writes the executed copies (outputs and figures) to DIR.
# Idempotent: installs Jupyter from Debian and the .NET Interactive kernel from the tool manifest
# (.config/dotnet-tools.json) only when missing, then publishes the library the notebooks' first cell loads.
#   scripts/notebooks.sh [--out DIR] [NAME...]     (default DIR: artifacts/notebooks; NAME: e.g. w5 optimization)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

out=artifacts/notebooks
names=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) [ $# -ge 2 ] || { echo "notebooks.sh: --out needs a directory" >&2; exit 2; }; out=$2; shift 2 ;;
    -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "notebooks.sh: unknown option '$1' (options: --out DIR)" >&2; exit 2 ;;
    *) [ -f "notebooks/$1.ipynb" ] || { echo "notebooks.sh: no notebook notebooks/$1.ipynb" >&2; exit 2; }; names+=("$1"); shift ;;
  esac
done
mkdir -p "$out"
out=$(cd "$out" && pwd)

# Debian's Jupyter: nbconvert executes, jupyter-client talks to the kernel, jupyter-notebook is for reading them in a
# browser; ScottPlot draws no text without a font, and the figures name DejaVu Sans.
packages=(jupyter-nbconvert jupyter-client jupyter-notebook fonts-dejavu-core)
scripts/apt-ensure.sh notebooks --no-install-recommends "${packages[@]}"

# The kernel is a local tool: `dotnet interactive` resolves only inside this checkout (the notebooks run from
# notebooks/, below the manifest). The kernelspec is written here rather than by `dotnet interactive jupyter install`
# so that its HTTP endpoint listens on localhost only.
dotnet tool restore >/dev/null
kernel_dir="${XDG_DATA_HOME:-$HOME/.local/share}/jupyter/kernels/.net-csharp"
mkdir -p "$kernel_dir"
cat > "$kernel_dir/kernel.json.new" <<'JSON'
{
  "argv": ["dotnet", "interactive", "jupyter", "--default-kernel", "csharp", "{connection_file}", "--http-port-range", "2048-3000", "--http-local-only"],
  "display_name": ".NET (C#)",
  "language": "C#"
}
JSON
mv "$kernel_dir/kernel.json.new" "$kernel_dir/kernel.json"

# A publish folder, not a build output: it holds System.Numerics.Tensors and SkiaSharp's native library beside ours.
dotnet publish src/TfLessons.Plots -c Release -r linux-x64 --self-contained false \
  -o artifacts/notebook-lib --nologo -v q >/dev/null

[ ${#names[@]} -gt 0 ] || names=($(ls notebooks/*.ipynb | xargs -n1 basename | sed 's/\.ipynb$//'))
failed=0
for name in "${names[@]}"; do
  start=$(date +%s%N)
  # /usr/bin/jupyter: the first python3 on PATH may be another interpreter without nbconvert.
  if /usr/bin/jupyter nbconvert --to notebook --execute "notebooks/$name.ipynb" --output-dir "$out" \
      --ExecutePreprocessor.timeout=900 --log-level=WARN >"$out/$name.log" 2>&1; then
    tenths=$(( ($(date +%s%N) - start) / 100000000 ))
    printf 'notebook %-20s %4d.%d s  %s\n' "$name" $((tenths / 10)) $((tenths % 10)) "$out/$name.ipynb"
  else
    printf 'notebook %-20s FAILED (see %s)\n' "$name" "$out/$name.log"
    failed=1
  fi
done

echo
echo "Open them in a browser (the server listens on 127.0.0.1 only; open the http://127.0.0.1:8888/?token=... address it prints):"
echo "  read the executed copies, outputs and figures included:  /usr/bin/jupyter-notebook --ip=127.0.0.1 --no-browser --notebook-dir=$out"
echo "  run and edit them (inside the checkout, where the kernel and the library resolve):"
echo "    cd $root && /usr/bin/jupyter-notebook --ip=127.0.0.1 --no-browser --notebook-dir=notebooks"
exit $failed
