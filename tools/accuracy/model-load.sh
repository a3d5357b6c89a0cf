#!/usr/bin/env bash
# aitune's cold model load next to fio on the same file, same mode. Prints "metric | aitune | reference | ratio"
# (ratio = aitune / reference; GB/s = 10^9 bytes/s).
#
#   AITUNE   the aitune command (default: aitune)
#   SIZE     the synthetic model's size (default 2GiB)
#   DIR      where the model is written (default /var/tmp; must be on a disk, not tmpfs)
#   ROUNDS   alternating rounds (default 5)
#
# What matches what:
# - model-load/direct/4k (O_DIRECT, 1 MiB reads, 32 in flight, into fresh anonymous memory) against fio rw=read
#   direct=1 bs=1M ioengine=io_uring iodepth=32 over the same file. aitune keeps 32 reads in flight with 32 threads
#   doing pread (fio's psync with numjobs), not io_uring, and its clock also covers faulting in the target memory.
#   The same O_DIRECT reads made aitune's way (fio psync, 32 jobs each reading its 1/32 of the file) are shown too:
#   on a multi-queue device, 32 submitting threads spread over every CPU's queue, one io_uring thread uses one.
# - model-load/read/thp (buffered pread of each tensor, cold page cache, target memory on THP) against fio rw=read
#   direct=0 ioengine=psync bs=64M invalidate=1 (fio drops the file's pages with POSIX_FADV_DONTNEED first, as aitune
#   does; aitune reads a tensor in pieces of up to 64 MiB, and the read size sets how much the kernel reads ahead).
#   fio reads every block into the same buffer, so it pays no page faults; aitune's target is as large
#   as the model, and on 4 KiB pages one fault per 4 KiB is part of the load (model-load/read/4k, shown for that
#   reason): THP is the like-for-like row.
# Rounds alternate aitune (--quick, the median of its repetitions) and one pass of each fio job over the whole
# file, so both see the same device state (a virtual disk's throughput moves with the host's cache); the table
# holds the median over rounds.
set -euo pipefail
here=$(dirname "$0")
# shellcheck source=tools/accuracy/common.sh
source "$here/common.sh"

size=${SIZE:-2GiB}
work=$(mktemp -d "${DIR:-/var/tmp}/aitune-accuracy.XXXXXX")
trap 'rm -rf "$work"' EXIT
model="$work/model.safetensors"

$AITUNE model synthetic --size "$size" -o "$model" >/dev/null
rounds=${ROUNDS:-5}
# Each of fio's 32 psync jobs reads its own 1/32 of the file, aligned to 1 MiB for O_DIRECT.
share=$(( $(stat -c %s "$model") / 32 / 1048576 * 1048576 ))
fio_pass() {
    fio --name=load --filename="$model" --rw=read --bs=1M --size="$(stat -c %s "$model")" --output-format=json "$@" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["jobs"][0]["read"]["bw_bytes"] / 1e9)'
}
: >"$work/aitune.txt"
: >"$work/direct.txt"
: >"$work/buffered.txt"
: >"$work/direct-threads.txt"
for _ in $(seq "$rounds"); do
    aitune_medians model-load --model "$model" --strategy read,direct --pages 4k,thp --no-save --quick >>"$work/aitune.txt"
    fio_pass --direct=1 --ioengine=io_uring --iodepth=32 >>"$work/direct.txt"
    fio_pass --direct=0 --invalidate=1 --ioengine=psync --iodepth=1 --bs=64M >>"$work/buffered.txt"
    fio_pass --direct=1 --ioengine=psync --numjobs=32 --offset_increment="$share" --size="$share" --group_reporting >>"$work/direct-threads.txt"
done

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
aitune_median() { awk -v name="$1" '$1 == name { print $2 }' "$work/aitune.txt" | median; }

header
row model-load/direct/4k/throughput "$(aitune_median model-load/direct/4k/throughput)" "$(median <"$work/direct.txt")" "fio direct=1 io_uring iodepth=32 bs=1M"
row model-load/direct/4k/throughput "$(aitune_median model-load/direct/4k/throughput)" "$(median <"$work/direct-threads.txt")" "fio direct=1 psync numjobs=32 bs=1M (aitune's method)"
row model-load/read/thp/throughput "$(aitune_median model-load/read/thp/throughput)" "$(median <"$work/buffered.txt")" "fio direct=0 psync bs=64M invalidate=1"
row model-load/read/4k/throughput "$(aitune_median model-load/read/4k/throughput)" "$(median <"$work/buffered.txt")" "(4 KiB faults included: not like for like)"
