#!/usr/bin/env bash
# Speed of one aitune transaction (apply + verify + rollback of a profile, NativeAOT, live on this host, as root)
# against the same sysctl changes made by hand (tools/tune-cycle-by-hand.sh) and against `sysctl -a`, side by
# side in one hyperfine run. Changes this host's kernel settings and restores them after every run.
# Writes the hyperfine JSON to artifacts/bench-tune.json and prints the medians and ratios.
# Usage: sudo tools/bench-tune.sh [runs] [profile]   (needs hyperfine: apt-get install hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-50}
profile=${2:-inference-latency}
[ "$(id -u)" = 0 ] || { echo "error: apply changes kernel settings and needs root" >&2; exit 2; }
mkdir -p artifacts
dotnet publish src/AiTune.Cli -c Release -r linux-x64 -o artifacts/aot --nologo -v quiet >/dev/null
bin=artifacts/aot/aitune
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
chmod 700 "$state"

# The sysctls the profile changes on this host, with their targets, for the by-hand reference.
mapfile -t settings < <("$bin" plan --profile "$profile" --json | python3 -c '
import json, sys
for c in json.load(sys.stdin)["changes"]:
    if c["action"] == "set" and c["id"].startswith("sysctl:"):
        print(c["id"][7:] + "=" + c["target"])')
echo "$profile sets ${#settings[@]} sysctl(s) here: ${settings[*]}"

hyperfine -N --warmup 5 --runs "$runs" --export-json artifacts/bench-tune.json \
  -n aitune "bash tools/tune-cycle.sh $bin $profile $state" \
  -n by-hand "bash tools/tune-cycle-by-hand.sh ${settings[*]}" \
  -n "sysctl -a" "sysctl -a" >/dev/null
python3 - <<'PY'
import json
r = {x["command"]: x for x in json.load(open("artifacts/bench-tune.json"))["results"]}
a = r["aitune"]["median"]
for name, x in r.items():
    print(f"{name:10} median {x['median']*1000:6.1f} ms  (min {x['min']*1000:.1f}, max {x['max']*1000:.1f})  aitune/this {a/x['median']:.2f}")
PY
"$bin" status --state-dir "$state" | head -1
