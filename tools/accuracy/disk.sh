#!/usr/bin/env bash
# Disk accuracy: aitune's disk suite against fio reading the same file the same way: sequential, O_DIRECT, 1 MiB
# blocks, 32 in flight (fio: --rw=read --direct=1 --bs=1m --ioengine=io_uring --iodepth=32, time-based with a ramp
# excluded). Rounds alternate so that both see the same device state. Prints "metric | aitune | reference | ratio"
# with the median over rounds.
#
# Units: both in GB/s = 10^9 bytes/s (fio's bw_bytes / 1e9; fio's printed bw is KiB/s and MiB/s). aitune reaches
# its depth with 32 threads calling pread(2), fio with one io_uring: a gap larger than a few percent on a fast NVMe
# drive is the cost of the threads; on a slow or virtual disk both should see the same device limit.
#
# Usage: tools/accuracy/disk.sh [file] [rounds]   (default: a 4 GiB random file written in ${SCRATCH:-/var/tmp}
#        and removed at the end; default 5 rounds; AITUNE=path/to/aitune to skip the publish)
# Needs: fio (apt-get install fio) with io_uring (kernel.io_uring_disabled=0), python3.
set -euo pipefail
# shellcheck source=tools/accuracy/common.sh
source "$(dirname "$0")/common.sh"
file=${1:-}
rounds=${2:-5}
need fio fio

work=$(mktemp -d)
cleanup() {
  rm -rf "$work"
  if [ -n "${made:-}" ]; then rm -f "$made"; fi
}
trap cleanup EXIT
if [ -z "$file" ]; then
  made=$(mktemp "${SCRATCH:-/var/tmp}/aitune-accuracy-XXXXXX.bin")
  file=$made
  # Random, so that no file system or device can compress or skip it; on the disk before anything reads it.
  head -c $((4 << 30)) /dev/urandom >"$file"
  sync "$file"
fi

for r in $(seq 1 "$rounds"); do
  fio --name=seqread --filename="$file" --readonly --rw=read --direct=1 --bs=1m --ioengine=io_uring --iodepth=32 \
      --time_based --runtime=10 --ramp_time=2 --output-format=json >"$work/fio-$r.json"
  # shellcheck disable=SC2086 # AITUNE may be a command with arguments.
  $AITUNE bench disk --disk-path "$file" --json >"$work/aitune-$r.json"
  echo "round $r of $rounds done" >&2
done

python3 - "$work" "$rounds" <<'PY'
import json, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])

def field(obj, name):
    for key, value in obj.items():
        if key.lower() == name.lower():
            return value
    raise KeyError(name)

def samples(run_file):
    doc = json.load(open(run_file))
    for run in field(doc, "runs"):
        for case in field(run, "cases"):
            if field(case, "name").startswith("read-"):
                for m in field(case, "metrics"):
                    if field(m, "name") == "throughput":
                        return field(m, "samples")
    raise SystemExit(f"{run_file}: no disk read case (skipped? see the run's reason)")

def harmonic(xs):
    return len(xs) / sum(1 / x for x in xs)

mine = [samples(f"{work}/aitune-{r}.json") for r in range(1, rounds + 1)]
fio = [json.load(open(f"{work}/fio-{r}.json"))["jobs"][0]["read"]["bw_bytes"] / 1e9 for r in range(1, rounds + 1)]
ref = statistics.median(fio)
rows = [
    ("sequential O_DIRECT read, GB/s (bytes over time)", statistics.median(harmonic(s) for s in mine), ref),
    ("sequential O_DIRECT read, GB/s (median repetition)", statistics.median(statistics.median(s) for s in mine), ref),
]
print(f"{'metric':<52} | {'aitune':>8} | {'fio':>8} | ratio")
for name, a, b in rows:
    print(f"{name:<52} | {a:>8.3f} | {b:>8.3f} | {a / b:.3f}")
print(f"fio per round (GB/s): {', '.join(f'{x:.3f}' for x in fio)}")
print(f"aitune per round (GB/s, bytes over time): {', '.join(f'{harmonic(s):.3f}' for s in mine)}")
PY
