#!/usr/bin/env bash
# Two `aitune serve` binaries side by side: both serve this host on loopback, and interleaved blocks of scrapes
# (each a new TCP connection, timed by curl as tools/bench-serve.sh times them) give each binary's median. For a
# change's effect on the scrape, without the run-to-run drift two separate bench-serve.sh runs show.
# Usage: tools/bench-serve-ab.sh BINARY_A BINARY_B [scrapes-per-block]   (needs curl)
set -euo pipefail
a=$1 b=$2 n=${3:-200}
work=$(mktemp -d)
"$a" serve --listen 127.0.0.1:19501 2>"$work/a.log" & pa=$!
"$b" serve --listen 127.0.0.1:19502 2>"$work/b.log" & pb=$!
trap 'kill $pa $pb 2>/dev/null; wait $pa $pb 2>/dev/null; rm -rf "$work"' EXIT
for port in 19501 19502; do
  for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/metrics" && break; sleep 0.1; done
  for _ in $(seq 30); do curl -s -o /dev/null "http://127.0.0.1:$port/metrics"; done
done
for side in a b; do
  port=$([ $side = a ] && echo 19501 || echo 19502)
  for _ in $(seq "$n"); do printf 'url = "http://127.0.0.1:%s/metrics"\noutput = "/dev/null"\n' "$port"; done > "$work/urls-$side"
done
for _ in 1 2 3 4 5; do
  for side in a b; do
    curl -s -H 'Connection: close' -w '%{time_total}\n' --config "$work/urls-$side" >> "$work/times-$side"
  done
done
python3 - "$work" "$a" "$b" <<'PY'
import statistics, sys
work, a, b = sys.argv[1:4]
m = {}
for side, name in (("a", a), ("b", b)):
    times = [float(x) for x in open(f"{work}/times-{side}") if x.strip()]
    m[side] = statistics.median(times) * 1000
    print(f"{name}: median scrape {m[side]:.3f} ms over {len(times)} scrapes")
print(f"ratio (b/a) {m['b'] / m['a']:.3f}")
PY
