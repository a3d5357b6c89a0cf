#!/usr/bin/env bash
# Scrape latency of `aitune serve` (NativeAOT) side by side with node_exporter's default collectors, and the
# server's RSS over 10,000 scrapes. Each scrape is a new TCP connection (`Connection: close` for both servers: aitune
# serve answers one request per connection, and node_exporter would otherwise reuse one), without compression,
# with the Accept header Prometheus 2.42 sends. Prints medians, their ratio and the RSS at three points.
# Usage: tools/bench-serve.sh [scrapes-for-latency]   (AITUNE_BIN=path uses that binary instead of publishing one;
# needs curl and prometheus-node-exporter)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1000}
if [ -z "${AITUNE_BIN:-}" ]; then
  dotnet publish src/AiTune.Cli -c Release -r linux-x64 -o artifacts/aot --nologo -v quiet >/dev/null
  AITUNE_BIN=artifacts/aot/aitune
fi
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

"$AITUNE_BIN" serve --listen 127.0.0.1:0 2>"$work/serve.err" &
pids+=($!); serve_pid=$!
for _ in $(seq 100); do grep -q listening "$work/serve.err" && break; sleep 0.05; done
aitune_url=$(grep -o 'http://[^ ]*' "$work/serve.err")

node_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
prometheus-node-exporter --web.listen-address="127.0.0.1:$node_port" --log.level=warn 2>"$work/node.err" &
pids+=($!)
node_url="http://127.0.0.1:$node_port/metrics"
for _ in $(seq 100); do curl -sf -o /dev/null "$node_url" && break; sleep 0.05; done

accept='Accept: application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1'
# One curl process per server and measurement: `url = …` lines in a config file, one timed transfer each.
scrape() { # url count -> one time_total (s) per line
  awk -v u="$1" -v n="$2" 'BEGIN {for (i = 0; i < n; i++) printf "url = \"%s\"\noutput = \"/dev/null\"\n", u}' >"$work/urls"
  curl -s -H "$accept" -H 'Connection: close' -w '%{time_total}\n' --config "$work/urls"
}
median_ms() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m*1000}'; }
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$serve_pid/status"; }

rss_start=$(rss_kib)
scrape "$aitune_url" 1 >/dev/null
rss_one=$(rss_kib)
# Warm both, then measure them interleaved in blocks of 100 so that a noisy neighbour hits both alike.
scrape "$aitune_url" 100 >/dev/null; scrape "$node_url" 100 >/dev/null
: >"$work/aitune.times"; : >"$work/node.times"
for _ in $(seq $((runs / 100))); do
  scrape "$aitune_url" 100 >>"$work/aitune.times"
  scrape "$node_url" 100 >>"$work/node.times"
done
a=$(median_ms <"$work/aitune.times"); n=$(median_ms <"$work/node.times")
echo "scrape median over $(wc -l <"$work/aitune.times") scrapes each: aitune serve $a ms, node_exporter $n ms, ratio (aitune/node_exporter) $(awk -v a="$a" -v n="$n" 'BEGIN {printf "%.3f", a/n}')"
scrape "$aitune_url" $((10000 - 1 - 100 - runs)) >/dev/null
rss_10k=$(rss_kib)
# 10,000 more: whether the RSS keeps growing or has settled.
scrape "$aitune_url" 10000 >/dev/null
echo "aitune serve RSS: start $rss_start KiB, after 1 scrape $rss_one KiB, after 10000 scrapes $rss_10k KiB, after 20000 $(rss_kib) KiB"
echo "node_exporter body: $(curl -s -H "$accept" "$node_url" | wc -c) bytes; aitune serve body: $(curl -s -H "$accept" "$aitune_url" | wc -c) bytes"
