#!/usr/bin/env bash
# The lab's boot overhead against a minimal reference (issue 14's speed target), for each pinned kernel
# (tools/lab-kernels.sh): ROUNDS boots of a hand-written QEMU + busybox initramfs whose /init only powers off,
# interleaved with ROUNDS boots of `aitune lab boot` (aitune as PID 1: mounts, modules, identity, the framed results on
# the virtio-serial port, power-off). Both are timed from QEMU's start to its exit, with the same QEMU options as the
# lab's instructions measure (TCG -icount, one vCPU, 1 GiB, the same devices and kernel command line). Prints the
# medians and aitune's ratio to the reference; the target is a ratio of at most 1.0.
# Usage: tools/lab-boot-overhead.sh [AITUNE_BINARY] [ROUNDS]   (defaults: artifacts/aot/aitune, 5)
set -euo pipefail
cd "$(dirname "$0")/.."
aitune=${1:-artifacts/aot/aitune}
rounds=${2:-5}
busybox=/bin/busybox
if ! file -L "$busybox" 2>/dev/null | grep -q 'statically linked'; then
  apt-get install -y -qq --no-install-recommends busybox-static >/dev/null
fi
tools/lab-kernels.sh >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/ref/bin"
cp "$busybox" "$work/ref/bin/busybox"
printf '#!/bin/busybox sh\n/bin/busybox poweroff -f\n' > "$work/ref/init"
chmod 755 "$work/ref/init"
(cd "$work/ref" && find . | cpio -o -H newc --quiet) > "$work/ref.cpio"

reference_boot() { # kernel image → seconds from QEMU's start to its exit
  local start end
  start=$(date +%s.%N)
  qemu-system-x86_64 -nodefaults -no-user-config -machine q35 -accel tcg -icount shift=0,sleep=off,align=off -cpu max \
    -smp 1 -m 1024M -display none -vga none -monitor none -nic none -no-reboot -kernel "$1" -initrd "$work/ref.cpio" \
    -append "console=ttyS0 loglevel=3 printk.time=1 panic=-1 oops=panic softlockup_panic=1 rdinit=/init aitune.lab=1 tsc=reliable" \
    -chardev "file,id=console,path=$work/console.log" -serial chardev:console -device virtio-serial-pci \
    -chardev "file,id=results,path=$work/results.bin" -device virtserialport,chardev=results,name=aitune.results
  end=$(date +%s.%N)
  grep -q 'reboot: Power down' "$work/console.log" || { echo "error: the reference guest did not power off" >&2; exit 1; }
  echo "$end - $start" | bc
}

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

printf '%-24s %10s %10s %7s\n' kernel reference aitune ratio
for deb in artifacts/lab-kernels/*.deb; do
  ref=() ours=()
  for ((r = 1; r <= rounds; r++)); do
    json=$("$aitune" lab boot --kernel "$deb" --accel tcg --measure instructions --cache "$work/cache" --json 2>/dev/null)
    ours+=("$(jq -r '.boots[0].wallSeconds' <<<"$json")")
    release=$(jq -r '.boots[0].release' <<<"$json")
    ref+=("$(reference_boot "$(find "$work/cache" -name "vmlinuz-$release" | head -1)")")
  done
  m_ref=$(printf '%s\n' "${ref[@]}" | median)
  m_ours=$(printf '%s\n' "${ours[@]}" | median)
  printf '%-24s %9.2fs %9.2fs %7.3f\n' "$release" "$m_ref" "$m_ours" "$(echo "$m_ours / $m_ref" | bc -l)"
done
