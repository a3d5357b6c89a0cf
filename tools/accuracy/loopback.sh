#!/usr/bin/env bash
# Loopback accuracy: aitune's loopback suite against iperf3 (TCP throughput on 127.0.0.1, 128 KiB writes) and, where
# netperf is installed, netperf TCP_RR (64-byte request and response, transactions per second), alternating rounds
# on the same host so that both see the same load. Prints "metric | aitune | reference | ratio" with the median
# over rounds; the issue's target is |ratio - 1| <= 10 % for TCP throughput.
#
# Units: aitune reports GB/s (10^9 bytes/s), iperf3 bits/s; the reference column is converted to GB/s (/ 8e9).
# Both sides as a rate over time: iperf3's sum_received is bytes over the test time, so aitune's samples are
# combined the same way (bytes over total time: the harmonic mean of per-repetition throughputs), next to
# aitune's own headline, the median repetition.
#
# Usage: tools/accuracy/loopback.sh [rounds]      (default 5; AITUNE=path/to/aitune to skip the publish)
# Needs: iperf3 (apt-get install iperf3), python3; netperf optional (Debian non-free: netperf).
set -euo pipefail
# shellcheck source=tools/accuracy/common.sh
source "$(dirname "$0")/common.sh"
rounds=${1:-5}
need iperf3 iperf3

work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
cleanup() {
  for pidfile in "$work"/*.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

# Servers bound to 127.0.0.1 only, like aitune's own listener.
iperf3 -s -B 127.0.0.1 -p "$port" -D --pidfile "$work/iperf3.pid"
have_netperf=0
if command -v netperf >/dev/null && command -v netserver >/dev/null; then
  netserver -L 127.0.0.1 -p "$((port + 1))" -D >/dev/null 2>&1 & echo $! >"$work/netserver.pid"
  have_netperf=1
fi
sleep 0.5

for r in $(seq 1 "$rounds"); do
  # -t 10 -O 2: ten seconds measured after two of slow start omitted; -l 128K is also iperf3's TCP default.
  iperf3 -c 127.0.0.1 -p "$port" -l 128K -t 10 -O 2 -J >"$work/iperf3-$r.json"
  if [ "$have_netperf" = 1 ]; then
    netperf -H 127.0.0.1 -p "$((port + 1))" -t TCP_RR -l 10 -P 0 -- -r 64,64 -o THROUGHPUT >"$work/netperf-$r.txt"
  fi
  # shellcheck disable=SC2086 # AITUNE may be a command with arguments.
  $AITUNE bench loopback --json >"$work/aitune-$r.json"
  echo "round $r of $rounds done" >&2
done

python3 - "$work" "$rounds" "$have_netperf" <<'PY'
import json, statistics, sys
work, rounds, have_netperf = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"

def field(obj, name):
    for key, value in obj.items():
        if key.lower() == name.lower():
            return value
    raise KeyError(name)

def samples(run_file, case_name, metric):
    doc = json.load(open(run_file))
    for run in field(doc, "runs"):
        for case in field(run, "cases"):
            if field(case, "name") == case_name:
                for m in field(case, "metrics"):
                    if field(m, "name") == metric:
                        return field(m, "samples")
    raise SystemExit(f"{run_file}: no {case_name}/{metric} (case skipped? see the run's reason)")

def harmonic(xs):
    return len(xs) / sum(1 / x for x in xs)

rows = []
tcp = [samples(f"{work}/aitune-{r}.json", "tcp/stream", "throughput") for r in range(1, rounds + 1)]
unix = [samples(f"{work}/aitune-{r}.json", "unix/stream", "throughput") for r in range(1, rounds + 1)]
iperf = [json.load(open(f"{work}/iperf3-{r}.json"))["end"]["sum_received"]["bits_per_second"] / 8e9 for r in range(1, rounds + 1)]
ref = statistics.median(iperf)
rows.append(("tcp/stream throughput, GB/s (bytes over time)", statistics.median(harmonic(s) for s in tcp), ref))
rows.append(("tcp/stream throughput, GB/s (median repetition)", statistics.median(statistics.median(s) for s in tcp), ref))
rows.append(("unix/stream throughput, GB/s (vs iperf3 TCP, context only)", statistics.median(statistics.median(s) for s in unix), ref))
if have_netperf:
    rate = [samples(f"{work}/aitune-{r}.json", "tcp/rr", "rate") for r in range(1, rounds + 1)]
    netperf = [float(open(f"{work}/netperf-{r}.txt").read().split()[-1]) for r in range(1, rounds + 1)]
    rows.append(("tcp/rr rate, trans/s (netperf TCP_RR -r 64,64)", statistics.median(statistics.median(s) for s in rate), statistics.median(netperf)))

print(f"{'metric':<60} | {'aitune':>10} | {'reference':>10} | ratio")
for name, mine, theirs in rows:
    print(f"{name:<60} | {mine:>10.3f} | {theirs:>10.3f} | {mine / theirs:.3f}")
print(f"iperf3 per round (GB/s): {', '.join(f'{x:.3f}' for x in iperf)}")
print(f"aitune tcp/stream per round (GB/s, bytes over time): {', '.join(f'{harmonic(s):.3f}' for s in tcp)}")
PY
