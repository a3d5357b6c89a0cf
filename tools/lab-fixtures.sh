#!/usr/bin/env bash
# Captures the real-kernel host fixtures: each of the lab's pinned Debian kernels (tools/lab-kernels.sh) is booted in
# a QEMU guest (TCG, 2 vCPUs, 1 GiB) whose PID 1 is aitune, which takes `aitune snapshot` of the guest; each archive
# is extracted into tests/fixtures/hosts/debian-MAJOR.MINOR-FLAVOR-qemu/ (debian-6.1-rt-qemu …) with a SOURCE line. What the trees hold is the kernel's
# own /proc and /sys as it booted (sysctl defaults, mitigations, THP, scheduler, cgroup2), its configuration at
# /boot/config-R, and a minimal userland: no /etc, no disks, no network but lo.
# Usage: tools/lab-fixtures.sh [AITUNE_BINARY]   (default: artifacts/aot/aitune, the published NativeAOT binary)
set -euo pipefail
cd "$(dirname "$0")/.."
aitune=${1:-artifacts/aot/aitune}
[ -x "$aitune" ] || { echo "error: no aitune binary at $aitune" >&2; echo "hint: dotnet publish src/AiTune.Cli -c Release -r linux-x64 -o artifacts/aot" >&2; exit 2; }
tools/lab-kernels.sh >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
kernels=()
for deb in artifacts/lab-kernels/*.deb; do kernels+=(--kernel "$deb"); done
"$aitune" lab snapshot "${kernels[@]}" --output "$work" --cache "$work/cache" --accel tcg --cpus 2 --memory 1GiB
qemu=$(qemu-system-x86_64 --version | head -1)
for archive in "$work"/*.tar.gz; do
  release=$(basename "$archive" .tar.gz)
  case $release in
    *-rt-*) flavor=rt ;;
    *-cloud-*) flavor=cloud ;;
    *) flavor=generic ;;
  esac
  dir=tests/fixtures/hosts/debian-$(echo "$release" | cut -d. -f1,2)-$flavor-qemu
  rm -rf "$dir"
  mkdir -p "$dir"
  tar -xzf "$archive" -C "$dir"
  # git keeps no empty directory (sys/block of a guest without disks, an empty iommu_groups): without them here, the
  # tree reads the same in this checkout as in a fresh clone.
  find "$dir" -type d -empty -delete
  echo "captured with 'aitune lab snapshot' (tools/lab-fixtures.sh): Debian's $release kernel booted in $qemu, TCG, 2 vCPUs, 1 GiB, aitune as PID 1, on $(date -u +%Y-%m-%d)" > "$dir/SOURCE"
  echo "$dir"
done
