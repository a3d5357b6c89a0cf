#!/usr/bin/env bash
# aitune's memory suite next to STREAM and sysbench memory on this machine, same thread counts, arrays of the same
# size. Prints "metric | aitune | reference | ratio" (ratio = aitune / reference; all GB/s = 10^9 bytes/s).
#
#   AITUNE   the aitune command (default: artifacts/aot/aitune, published if absent)
#   THREADS  threads for the multi cases and the references (default: nproc, aitune's own default); passed to
#            aitune as --threads only when set
#   STREAM   a stream binary built from McCalpin's stream.c (prints "Copy: MB/s …"), or
#   STREAM_C the path of stream.c: built here with gcc -O3 -march=native -fopenmp and aitune's array size
#            (default: tools/accuracy/stream-kernels.c, a minimal STREAM with the same loops and counting)
#   QUICK    set to 1 for `aitune bench memory --quick` (smaller arrays and buffers, a first look)
#
# On a busy host run it as root under `nice -n -20` (inherited by both tools), or the other tasks are measured too.
#
# What matches what:
# - STREAM Copy and Triad (best of NTIMES, MB/s / 1000) against memory/{copy,triad}/{single,multi} (median of
#   repetitions): same loops, same byte counting, so expect aitune a few % below (median vs best).
# - sysbench memory --memory-oper=read|write with a 256 MiB block per thread (the default 1 KiB block stays in L1
#   and measures the core, not memory): it reports MiB/s (2^20), converted here; it has no copy or triad, so the
#   reference for copy is the rate of one read and one write per element, 2RW/(R+W), and for triad 3RW/(R+2W).
#   sysbench reads with scalar 8-byte loads, so R is often core-bound: treat that row as a lower bound.
# - The fault cases have no reference here when perf lacks `perf bench mem mmap` (added in Linux 6.18's perf); with
#   it: perf bench mem mmap -s <size> -p {4kb,2mb} -f demand against memory/fault/{4k,thp|hugetlb}/fault-throughput.
set -euo pipefail
here=$(dirname "$0")
# shellcheck source=tools/accuracy/common.sh
source "$here/common.sh"

threads=${THREADS:-$(nproc)}
aitune_args=()
[[ -n ${THREADS:-} ]] && aitune_args+=(--threads "$THREADS")
[[ -n ${QUICK:-} ]] && aitune_args+=(--quick)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# aitune's array rule: 4x the total last-level cache (2x quick), at least 256 MiB (64 MiB quick).
array_elements() {
    python3 - "${QUICK:-}" <<'PY'
import glob, os, sys
quick = sys.argv[1] != ""
levels = {}
for d in glob.glob("/sys/devices/system/cpu/cpu[0-9]*/cache/index*"):
    try:
        read = lambda f: open(os.path.join(d, f)).read().strip()
        if read("type") == "Instruction":
            continue
        size = read("size")
        scale = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(size[-1], 1)
        levels[(int(read("level")), read("shared_cpu_list"))] = int(size.rstrip("KMG")) * scale
    except OSError:
        pass
top = max((level for level, _ in levels), default=0)
llc = sum(size for (level, _), size in levels.items() if level == top)
minimum = (64 if quick else 256) << 20
print(max(minimum, llc * (2 if quick else 4)) // 8)
PY
}

stream_binary=${STREAM:-}
STREAM_C=${STREAM_C:-$here/stream-kernels.c}
if [[ -z $stream_binary ]] && command -v gcc >/dev/null; then
    stream_binary=$work/stream
    # OFFSET: 136 doubles (1088 bytes) between the arrays, the gap aitune leaves; without it an array size that is a
    # power of two (256 MiB is) puts a[i], b[i] and c[i] on the same cache sets and triad loses a third.
    gcc -O3 -march=native -fopenmp -DSTREAM_ARRAY_SIZE="$(array_elements)" -DOFFSET=136 -DNTIMES=20 "$STREAM_C" -o "$stream_binary"
fi

# stream_rate THREADS KERNEL: GB/s from STREAM's "Kernel: MB/s" line.
stream_rate() {
    OMP_NUM_THREADS=$1 OMP_PROC_BIND=spread "$stream_binary" | awk -v k="$2:" '$1 == k { printf "%.4g\n", $2 / 1000 }'
}

# sysbench_rate THREADS OPER: GB/s from sysbench's "(N MiB/sec)".
sysbench_rate() {
    sysbench memory --memory-block-size=256M --memory-total-size=100000G --memory-scope=local \
        --memory-oper="$2" --memory-access-mode=seq --threads="$1" --time=10 run \
        | sed -n 's/.*(\([0-9.]*\) MiB\/sec).*/\1/p' | python3 -c 'import sys; print(f"{float(sys.stdin.read()) * 1048576 / 1e9:.4g}")'
}

aitune_medians memory "${aitune_args[@]}" > "$work/aitune"

header
for width in single multi; do
    n=1
    [[ $width == multi ]] && n=$threads
    for kernel in copy triad; do
        name=memory/$kernel/$width/bandwidth
        if [[ -n $stream_binary ]]; then
            row "$name" "$(median_of "$work/aitune" "$name")" "$(stream_rate "$n" "${kernel^}")" "STREAM ${kernel^}, OMP_NUM_THREADS=$n, best of 20"
        fi
    done
    if command -v sysbench > /dev/null; then
        read_rate=$(sysbench_rate "$n" read)
        write_rate=$(sysbench_rate "$n" write)
        row "(sysbench read, $n thread(s))" - "$read_rate" "sysbench memory read, 256M blocks"
        row "(sysbench write, $n thread(s))" - "$write_rate" "sysbench memory write, 256M blocks"
        row "memory/copy/$width/bandwidth" "$(median_of "$work/aitune" "memory/copy/$width/bandwidth")" \
            "$(python3 -c "print(f'{2 * $read_rate * $write_rate / ($read_rate + $write_rate):.4g}')")" "sysbench: 2RW/(R+W)"
        row "memory/triad/$width/bandwidth" "$(median_of "$work/aitune" "memory/triad/$width/bandwidth")" \
            "$(python3 -c "print(f'{3 * $read_rate * $write_rate / ($read_rate + 2 * $write_rate):.4g}')")" "sysbench: 3RW/(R+2W)"
    fi
done

if perf bench mem mmap -h > /dev/null 2>&1; then
    size=$([[ -n ${QUICK:-} ]] && echo 128mb || echo 512mb)
    for pages in 4k thp; do
        page_arg=$([[ $pages == 4k ]] && echo 4kb || echo 2mb)
        rate=$(perf bench mem mmap -s "$size" -p "$page_arg" -f demand -l 10 2>/dev/null | awk '/GB\/sec/ { printf "%.4g\n", $1 }')
        row "memory/fault/$pages/fault-throughput" "$(median_of "$work/aitune" "memory/fault/$pages/fault-throughput")" "${rate:--}" "perf bench mem mmap -p $page_arg -f demand"
    done
else
    row "memory/fault/4k/fault-throughput" "$(median_of "$work/aitune" memory/fault/4k/fault-throughput)" - "no reference: this perf has no 'perf bench mem mmap'"
    row "memory/fault/thp/fault-throughput" "$(median_of "$work/aitune" memory/fault/thp/fault-throughput)" - "no reference: this perf has no 'perf bench mem mmap'"
fi
