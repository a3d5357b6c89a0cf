#!/usr/bin/env bash
# Speed of `aitune audit --json` (NativeAOT) against `sysctl -a`, side by side in one hyperfine run, and the
# audit's peak RSS. Writes the hyperfine JSON to artifacts/bench-audit.json and prints median ratios.
# Usage: tools/bench-audit.sh [runs]   (needs hyperfine: apt-get install hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-100}
mkdir -p artifacts
dotnet publish src/AiTune.Cli -c Release -r linux-x64 -o artifacts/aot --nologo -v quiet >/dev/null
bin=artifacts/aot/aitune
hyperfine -N --warmup 20 --runs "$runs" --export-json artifacts/bench-audit.json "$bin audit --json" "sysctl -a" >/dev/null
python3 - <<'PY'
import json
r = json.load(open("artifacts/bench-audit.json"))["results"]
a, s = r[0], r[1]
print(f"aitune audit --json: median {a['median']*1000:.1f} ms; sysctl -a: median {s['median']*1000:.1f} ms; ratio (aitune/sysctl) {a['median']/s['median']:.2f}")
PY
/usr/bin/time -f "aitune audit --json peak RSS: %M KiB" "$bin" audit --json >/dev/null
