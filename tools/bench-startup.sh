#!/usr/bin/env bash
# Start-up of the NativeAOT `aitune --version` against a NativeAOT hello world published with the same settings
# (tools/startup-reference), side by side in one hyperfine run. Writes artifacts/bench-startup.json and prints the
# medians and the ratio. Usage: tools/bench-startup.sh [runs]   (needs hyperfine: apt-get install hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-100}
mkdir -p artifacts
dotnet publish src/AiTune.Cli -c Release -r linux-x64 -o artifacts/aot --nologo -v quiet >/dev/null
dotnet publish tools/startup-reference -c Release -r linux-x64 -o artifacts/startup-reference --nologo -v quiet >/dev/null
hyperfine -N --warmup 20 --runs "$runs" --export-json artifacts/bench-startup.json \
  -n "aitune --version" "artifacts/aot/aitune --version" \
  -n "hello world" "artifacts/startup-reference/startup-reference" >/dev/null
python3 - <<'PY'
import json
r = json.load(open("artifacts/bench-startup.json"))["results"]
a, h = r[0], r[1]
print(f"aitune --version: median {a['median']*1000:.1f} ms; NativeAOT hello world: median {h['median']*1000:.1f} ms; ratio {a['median']/h['median']:.2f}")
PY
ls -l artifacts/aot/aitune artifacts/startup-reference/startup-reference | awk '{print $5, $NF}'
