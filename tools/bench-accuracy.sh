#!/usr/bin/env bash
# aitune's numbers next to the reference tools on this machine, one suite after another, in one run:
# model-load vs fio (O_DIRECT io_uring QD32, buffered psync), memory vs STREAM/sysbench, scheduler vs
# perf bench sched pipe, loopback vs iperf3, disk vs fio. Each script prints aitune, the reference and their ratio
# and says in its header what matches what. docs/BENCHMARKS.md records a run of this script.
#
# Usage: tools/bench-accuracy.sh            (AITUNE=path/to/aitune, default artifacts/aot/aitune, published if absent)
# Needs: fio, iperf3, sysbench, linux-perf, python3 (apt-get install fio iperf3 sysbench linux-perf python3); root,
# for model-load.sh to reserve the huge pages of fio's huge-page buffers (vm.nr_hugepages is put back afterwards).
# tools/accuracy/on-ramdisk.sh repeats the read comparisons on a RAM-backed disk, where the device holds still.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=tools/accuracy/common.sh
source tools/accuracy/common.sh   # publishes artifacts/aot/aitune once when AITUNE is unset
export AITUNE
for suite in model-load memory scheduler loopback disk; do
    echo "== $suite"
    bash "tools/accuracy/$suite.sh"
    echo
done
