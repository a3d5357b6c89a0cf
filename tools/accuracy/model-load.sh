#!/usr/bin/env bash
# aitune's cold model load next to fio on the same file, same mode. Prints, per row, aitune, the reference and
# their ratio (aitune / reference; GB/s = 10^9 bytes/s) as the median over rounds and as the best round, then every
# round's value.
#
#   AITUNE   the aitune command (default: artifacts/aot/aitune, published if absent)
#   SIZE     the synthetic model's size (default 2GiB)
#   DIR      where the model is written (default /var/tmp; must be on a disk, not tmpfs; on-ramdisk.sh runs this on
#            a RAM-backed disk, to check the method itself)
#   ROUNDS   alternating rounds (default 5)
#
# What matches what. The destination memory decides a read's cost as much as the device does, so each aitune row
# is compared with fio reading into buffers of the same page size:
# - model-load/direct/thp (O_DIRECT, 1 MiB reads, 32 in flight, into fresh anonymous memory on THP) against fio
#   rw=read direct=1 bs=1M ioengine=io_uring iodepth=32 with its buffers on huge pages (--mem=shmhuge). On 4 KiB
#   pages a 1 MiB read is 256 scatter-gather segments, on a huge page one; a virtual disk whose host handles each
#   segment on its own (virtio-blk under Firecracker) reads twice as fast into huge pages, for both tools.
#   aitune keeps 32 reads in flight with 32 threads doing pread, not io_uring, and its clock also covers faulting in
#   the target memory, which on THP is one fault per 2 MiB.
# - model-load/direct/4k against the same fio job with its default buffers (4 KiB pages), and against the same reads
#   made aitune's way (fio psync, 32 jobs each reading its 1/32 of the file). aitune also pays one page fault per
#   4 KiB of its target here, fio none: expect aitune below fio where faults are slower than the device.
# - model-load/read/thp (buffered pread of each tensor, cold page cache, target memory on THP) against fio rw=read
#   direct=0 ioengine=psync bs=64M invalidate=1 with its buffer on huge pages (fio drops the file's pages with
#   POSIX_FADV_DONTNEED first, as aitune does; aitune reads a tensor in pieces of up to 64 MiB, and the read size
#   sets how much the kernel reads ahead). model-load/read/4k against the same job on 4 KiB pages (faults again).
# fio's huge-page buffers need reserved huge pages: as root the script adds what it needs to vm.nr_hugepages for
# the run and puts the old value back at the end; otherwise those rows are left out.
# Rounds alternate aitune (--quick, the median of its repetitions) and one pass of each fio job over the whole
# file, so both see the same device state (a virtual disk's throughput moves with the host's cache).
set -euo pipefail
here=$(dirname "$0")
# shellcheck source=tools/accuracy/common.sh
source "$here/common.sh"
need fio fio

size=${SIZE:-2GiB}
work=$(mktemp -d "${DIR:-/var/tmp}/aitune-accuracy.XXXXXX")
nr_hugepages=/proc/sys/vm/nr_hugepages
old_hugepages=
cleanup() {
    rm -rf "$work"
    if [[ -n $old_hugepages ]]; then echo "$old_hugepages" >"$nr_hugepages"; fi
}
trap cleanup EXIT
model="$work/model.safetensors"

$AITUNE model synthetic --size "$size" -o "$model" >/dev/null
rounds=${ROUNDS:-5}
# Each of fio's 32 psync jobs reads its own 1/32 of the file, aligned to 1 MiB for O_DIRECT.
share=$(( $(stat -c %s "$model") / 32 / 1048576 * 1048576 ))

# fio's largest huge-page buffer is the buffered job's 64 MiB (io_uring's is 32 x 1 MiB); a few pages to spare.
huge=
needed=$(( (64 << 20) / $(awk '/^Hugepagesize:/ { print $2 * 1024 }' /proc/meminfo) + 4 ))
free_huge=$(awk '/^HugePages_Free:/ { print $2 }' /proc/meminfo)
if (( free_huge >= needed )); then
    huge=1
elif [[ -w $nr_hugepages ]]; then
    old_hugepages=$(cat "$nr_hugepages")
    echo $(( old_hugepages + needed - free_huge )) >"$nr_hugepages"
    if (( $(awk '/^HugePages_Free:/ { print $2 }' /proc/meminfo) >= needed )); then huge=1; fi
fi
[[ -n $huge ]] || echo "note: no $needed free huge pages for fio's buffers (run as root to reserve them): huge-page rows left out" >&2

fio_pass() {
    local out=$1
    shift
    fio --name=load --filename="$model" --rw=read --bs=1M --size="$(stat -c %s "$model")" --output-format=json "$@" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["jobs"][0]["read"]["bw_bytes"] / 1e9)' >>"$work/$out.txt"
}
for name in aitune direct direct-huge direct-threads buffered buffered-huge; do : >"$work/$name.txt"; done
for _ in $(seq "$rounds"); do
    aitune_medians model-load --model "$model" --strategy read,direct --pages 4k,thp --no-save --quick >>"$work/aitune.txt"
    fio_pass direct --direct=1 --ioengine=io_uring --iodepth=32
    fio_pass direct-threads --direct=1 --ioengine=psync --numjobs=32 --offset_increment="$share" --size="$share" --group_reporting
    fio_pass buffered --direct=0 --invalidate=1 --ioengine=psync --iodepth=1 --bs=64M
    if [[ -n $huge ]]; then
        fio_pass direct-huge --direct=1 --ioengine=io_uring --iodepth=32 --mem=shmhuge
        fio_pass buffered-huge --direct=0 --invalidate=1 --ioengine=psync --iodepth=1 --bs=64M --mem=shmhuge
    fi
done

python3 - "$work" <<'PY'
import statistics, sys
work = sys.argv[1]

def values(name):
    return [float(x) for x in open(f"{work}/{name}.txt").read().split()]

def aitune(case):
    metric = f"model-load/{case}/throughput"
    return [float(v) for n, v in (line.split() for line in open(f"{work}/aitune.txt")) if n == metric]

fio = {name: values(name) for name in ("direct-huge", "direct", "direct-threads", "buffered-huge", "buffered")}
rows = [
    ("direct/thp", "direct-huge", "fio direct=1 io_uring iodepth=32 bs=1M, buffers on huge pages (like for like)"),
    ("direct/4k", "direct", "fio direct=1 io_uring iodepth=32 bs=1M, 4 KiB buffers (aitune also faults its target)"),
    ("direct/4k", "direct-threads", "fio direct=1 psync numjobs=32 bs=1M, 4 KiB buffers (aitune's submission method)"),
    ("read/thp", "buffered-huge", "fio direct=0 psync bs=64M invalidate=1, buffer on huge pages (like for like)"),
    ("read/4k", "buffered", "fio direct=0 psync bs=64M invalidate=1, 4 KiB buffer (aitune also faults its target)"),
]
# Median over rounds is the headline; the best round of each is shown beside it because noise on a shared host
# only ever slows a pass down, so on a device that jumps between modes the best rounds compare the tools' capability.
print(f"{'metric (GB/s)':<14} | {'aitune':>13} | {'fio':>13} | {'ratio':>13} | fio job")
print(f"{'':<14} | {'median  best':>13} | {'median  best':>13} | {'median  best':>13} |")
print("-" * 140)
for case, ref, how in rows:
    a, r = aitune(case), fio[ref]
    if not a or not r:
        print(f"{case:<14} | {'-':>13} | {'-':>13} | {'-':>13} | {how}")
        continue
    am, ab, rm, rb = statistics.median(a), max(a), statistics.median(r), max(r)
    print(f"{case:<14} | {am:6.3g} {ab:6.3g} | {rm:6.3g} {rb:6.3g} | {am / rm:6.3f} {ab / rb:6.3f} | {how}")
print()
# Every round, in order, so a reader can see whether the device held still.
for case in ("direct/thp", "direct/4k", "read/thp", "read/4k"):
    print(f"aitune {case:<20}", " ".join(f"{v:.3g}" for v in aitune(case)))
for name, vs in fio.items():
    print(f"fio {name:<23}", " ".join(f"{v:.3g}" for v in vs))
PY
