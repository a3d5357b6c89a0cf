#!/usr/bin/env bash
# aitune's scheduler suite next to `perf bench sched pipe` on this machine. Prints "metric | aitune | reference |
# ratio" with ratio = aitune / reference.
#
#   AITUNE  the aitune command (default: artifacts/aot/aitune, published if absent)
#   LOOPS   round trips per perf run (default 1,000,000, perf's own default)
#   QUICK   set to 1 for `aitune bench scheduler --quick`
#
# What matches what: perf bench sched pipe prints usecs/op, the MEAN ROUND TRIP of two tasks over two pipes; aitune
# prints the MEDIAN (p50) of round trip / 2. So the reference column is usecs/op / 2, and the ratio is the
# distribution's median over its mean, below 1 by however heavy the tail is: one 2 ms preemption in 1,000 round
# trips adds 1 µs to the mean and nothing to the median. On a quiet host with both tasks placed alike it is near
# 1. Placement must match: aitune's pinned cases put the two threads on two different cores; perf has no such
# option, so its pinned row restricts both tasks to the same two CPUs with taskset (the kernel may still stack them
# on one). perf runs processes (a wake-up switches address spaces), aitune threads (-T makes perf use threads).
# So the pinned rows compare different placements whenever the kernel co-locates perf's tasks: a cross-CPU wake-up
# needs an IPI to an idle CPU (on a VM a halted vCPU, a VM exit: 5-10x a same-CPU hand-off). The unpinned rows are
# the like-for-like ones.
set -euo pipefail
here=$(dirname "$0")
# shellcheck source=tools/accuracy/common.sh
source "$here/common.sh"

loops=${LOOPS:-1000000}
aitune_args=()
[[ -n ${QUICK:-} ]] && aitune_args+=(--quick)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The pair aitune pins to: the first allowed CPU and the first one that is not its SMT sibling.
cpu_pair() {
    python3 - <<'PY'
import os
allowed = sorted(os.sched_getaffinity(0))
def siblings(cpu):
    try:
        text = open(f"/sys/devices/system/cpu/cpu{cpu}/topology/thread_siblings_list").read().strip()
    except OSError:
        return {cpu}
    out = set()
    for part in text.split(","):
        a, _, b = part.partition("-")
        out.update(range(int(a), int(b or a) + 1))
    return out
first = allowed[0]
second = next((c for c in allowed[1:] if c not in siblings(first)), allowed[1] if len(allowed) > 1 else first)
print(f"{first},{second}")
PY
}

# perf_one_way [taskset CPUS] [-T]: usecs/op / 2.
perf_one_way() {
    local prefix=()
    if [[ ${1:-} == taskset ]]; then
        prefix=(taskset -c "$2")
        shift 2
    fi
    "${prefix[@]}" perf bench sched pipe -l "$loops" "$@" | awk '/usecs\/op/ { printf "%.4g\n", $1 / 2 }'
}

if ! perf bench sched pipe -l 1 > /dev/null 2>&1; then
    echo "perf bench sched pipe does not run here (install linux-perf, or lower kernel.perf_event_paranoid)" >&2
    exit 2
fi

aitune_medians scheduler "${aitune_args[@]}" > "$work/aitune"
pair=$(cpu_pair)

header
unpinned=$(perf_one_way)
unpinned_threads=$(perf_one_way -T)
pinned=$(perf_one_way taskset "$pair")
for mechanism in pipe futex eventfd; do
    row "scheduler/$mechanism/unpinned/p50" "$(median_of "$work/aitune" "scheduler/$mechanism/unpinned/p50")" "$unpinned" "perf bench sched pipe -l $loops, usecs/op / 2"
    row "scheduler/$mechanism/unpinned/p50" "$(median_of "$work/aitune" "scheduler/$mechanism/unpinned/p50")" "$unpinned_threads" "perf bench sched pipe -T -l $loops, usecs/op / 2"
    row "scheduler/$mechanism/pinned/p50" "$(median_of "$work/aitune" "scheduler/$mechanism/pinned/p50")" "$pinned" "taskset -c $pair perf bench sched pipe -l $loops, usecs/op / 2"
done
