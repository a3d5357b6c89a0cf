#!/usr/bin/env bash
# aitune's cold model load next to fio on the same file, same mode. Prints "metric | aitune | reference | ratio"
# (ratio = aitune / reference; GB/s = 10^9 bytes/s).
#
#   AITUNE   the aitune command (default: aitune)
#   SIZE     the synthetic model's size (default 2GiB)
#   DIR      where the model is written (default /var/tmp; must be on a disk, not tmpfs)
#   QUICK    set to 1 for --quick (fewer repetitions)
#
# What matches what:
# - model-load/direct/4k (O_DIRECT, 1 MiB reads, 32 in flight, into fresh anonymous memory) against fio rw=read
#   direct=1 bs=1M ioengine=io_uring iodepth=32 over the same file. aitune keeps 32 reads in flight with 32 threads
#   doing pread (fio's psync with numjobs), not io_uring, and its clock also covers faulting in the target memory.
# - model-load/read/4k (buffered pread of each tensor, cold page cache) against fio rw=read direct=0 ioengine=psync
#   bs=1M invalidate=1 (fio drops the file's pages with POSIX_FADV_DONTNEED first, as aitune does). aitune reads a
#   tensor at a time in reads of up to 64 MiB; fio reads 1 MiB at a time; both go through the kernel's readahead.
# fio: one pass over the whole file per run (size = the file, not time_based), 7 runs, median of read.bw_bytes.
set -euo pipefail
here=$(dirname "$0")
# shellcheck source=tools/accuracy/common.sh
source "$here/common.sh"

size=${SIZE:-2GiB}
work=$(mktemp -d "${DIR:-/var/tmp}/aitune-accuracy.XXXXXX")
trap 'rm -rf "$work"' EXIT
model="$work/model.safetensors"
quick=()
[[ -n ${QUICK:-} ]] && quick=(--quick)

$AITUNE model synthetic --size "$size" -o "$model" >/dev/null
$AITUNE bench model-load --model "$model" --strategy read,direct --pages 4k --no-save "${quick[@]}" --json >"$work/aitune.json"
python3 - "$work/aitune.json" >"$work/aitune.txt" <<'PY'
import json, statistics, sys
doc = json.load(open(sys.argv[1]))
for run in doc["runs"]:
    for case in run["cases"]:
        for metric in case["metrics"]:
            if metric["samples"]:
                print(f'{case["suite"]}/{case["name"]}/{metric["name"]} {statistics.median(metric["samples"]):.4g}')
PY

# fio_median ARGS...: median GB/s of 7 one-pass runs over the model file.
fio_median() {
    for _ in 1 2 3 4 5 6 7; do
        fio --name=load --filename="$model" --rw=read --bs=1M --size="$(stat -c %s "$model")" --output-format=json "$@" |
            python3 -c 'import json,sys; print(json.load(sys.stdin)["jobs"][0]["read"]["bw_bytes"] / 1e9)'
    done | sort -g | sed -n 4p
}

direct=$(fio_median --direct=1 --ioengine=io_uring --iodepth=32)
buffered=$(fio_median --direct=0 --invalidate=1 --ioengine=psync --iodepth=1)

header
row model-load/direct/4k/throughput "$(median_of "$work/aitune.txt" model-load/direct/4k/throughput)" "$direct" "fio direct=1 io_uring iodepth=32 bs=1M"
row model-load/read/4k/throughput "$(median_of "$work/aitune.txt" model-load/read/4k/throughput)" "$buffered" "fio direct=0 psync bs=1M invalidate=1"
