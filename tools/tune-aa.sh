#!/usr/bin/env bash
# The closed loop's false-positive rate, measured: `aitune tune` LOOPS times (20 by default) on this machine with a
# profile that changes one sysctl no benchmark reads (kernel.printk_ratelimit_burst, the printk rate limiter's
# burst), so every loop is an A/A test. A loop "calls a change" when any metric of its compare is faster or slower;
# the target is at most the nominal alpha (0.05 after Holm's correction) of the loops.
#
#   sudo tools/tune-aa.sh                       # model-load, quick, two strategies on two page sizes (4 metrics)
#   sudo LOOPS=20 tools/tune-aa.sh --bench memory --quick --pages 4k
#
# Extra arguments replace the default suite options. Runs go to a scratch database; the sysctl is put back.
# Needs root (tune applies the profile) and a quiet machine: a loop that meets a busy host stops (exit 2) and is
# counted as stopped, not decided.
set -euo pipefail
source "$(dirname "$0")/accuracy/common.sh"
[[ $(id -u) -eq 0 ]] || { echo "error: tune applies a profile and needs root" >&2; echo "hint: sudo $0" >&2; exit 2; }

loops=${LOOPS:-20}
work=$(mktemp -d /var/tmp/aitune-aa.XXXXXX)
key=/proc/sys/kernel/printk_ratelimit_burst
original=$(cat "$key")
trap 'echo "$original" > "$key"; rm -rf "$work"' EXIT
target=$((original + 1))
printf 'name = "aa"\ndescription = "A/A: one sysctl no benchmark reads"\n[sysctl]\n"kernel.printk_ratelimit_burst" = "%s"\n' "$target" > "$work/aa.toml"
if [[ $# -gt 0 ]]; then
    options=("$@")
else
    options=(--bench model-load --quick --synthetic 256MiB --strategy read,parallel --pages 4k,thp)
fi

echo "loop | decision | stop | runs a side | metrics | faster | slower | no change | undecidable | minutes"
for i in $(seq "$loops"); do
    started=$(date +%s)
    # shellcheck disable=SC2086 # AITUNE may be a command with arguments.
    $AITUNE tune --profile-file "$work/aa.toml" --profile aa "${options[@]}" --scratch-dir "$work" --db "$work/results.db" \
        --state-dir "$work/state" --json > "$work/loop-$i.json" 2> "$work/loop-$i.err" || true
    python3 - "$work/loop-$i.json" "$i" "$(( ($(date +%s) - started) ))" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
metrics = (doc["comparison"] or {}).get("result") or {"metrics": []}
verdicts = [m["verdict"] for m in metrics["metrics"]]
count = lambda v: sum(1 for x in verdicts if x == v)
print(f'{sys.argv[2]} | {doc["decision"]} | {doc["stop"]} | {doc["runsPerSide"]} | {len(verdicts)} | {count("improved")} | '
      f'{count("regressed")} | {count("noSignificantChange")} | {count("undecidable")} | {int(sys.argv[3]) / 60:.1f}')
PY
    [[ $(cat "$key") == "$original" || $(jq -r .decision "$work/loop-$i.json") != rolledBack ]] || { echo "error: the sysctl was not restored after loop $i" >&2; exit 1; }
    # A kept A/A profile is rolled back for the next loop.
    $AITUNE rollback --state-dir "$work/state" >/dev/null
done

python3 - "$work" "$loops" <<'PY'
import json, sys, glob
docs = [json.load(open(f"{sys.argv[1]}/loop-{i}.json")) for i in range(1, int(sys.argv[2]) + 1)]
decided = [d for d in docs if d["stop"] == "completed"]
called = [d for d in decided if any(m["verdict"] in ("improved", "regressed") for m in d["comparison"]["result"]["metrics"])]
kept = sum(1 for d in decided if d["decision"] == "kept")
print(f"{len(docs)} loops: {len(decided)} completed, {len(docs) - len(decided)} stopped early; "
      f"{len(called)} of {len(decided)} called a change ({len(called) / max(len(decided), 1):.0%}); {kept} kept the profile")
PY
