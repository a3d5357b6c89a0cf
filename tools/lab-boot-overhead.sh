#!/usr/bin/env bash
# The lab's boot overhead against a minimal reference (issue 14's speed target), for each pinned kernel
# (tools/lab-kernels.sh): ROUNDS boots of a hand-written QEMU + busybox initramfs whose /init only powers off,
# interleaved with ROUNDS boots of `aitune lab boot` (aitune as PID 1: mounts, modules, identity, the framed results on
# the virtio-serial port, power-off). Both are timed from QEMU's start to its exit, with the same QEMU options as the
# lab's instructions measure (TCG -icount, one vCPU, 1 GiB, the same devices and kernel command line). Prints, for
# each, the median wall time (moves with the host's load) and the guest's own time to power-off (the kernel's
# timestamp on "reboot: Power down": under -icount, 10^9 instructions per second, which the load does not move), and
# aitune's ratio to the reference for both; the target is a ratio of at most 1.0. A third guest tells what any init
# would pay for the lab's results channel: the same busybox, loading the modules aitune's guest loaded for its
# virtio-serial port (where the kernel has virtio as modules: none on 6.12) with insmod before it powers off; its
# guest time and aitune's ratio to it are the last two columns.
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

# busybox that loads the modules given (guest paths, in aitune's order) from the kernel's extracted tree $1, then
# powers off → $work/channel.cpio
channel_image() {
  local tree=$1; shift
  rm -rf "$work/channel" && cp -a "$work/ref" "$work/channel" && mkdir -p "$work/channel/m"
  printf '#!/bin/busybox sh\n' > "$work/channel/init"
  local n=0 module
  for module in "$@"; do
    n=$((n + 1))
    if [ -f "$tree$module" ]; then cp "$tree$module" "$work/channel/m/$n.ko"
    elif [ -f "$tree$module.xz" ]; then xz -dc "$tree$module.xz" > "$work/channel/m/$n.ko"
    elif [ -f "$tree$module.zst" ]; then zstd -qdc "$tree$module.zst" > "$work/channel/m/$n.ko"
    else echo "error: $module is not in $tree" >&2; exit 1; fi
    printf '/bin/busybox insmod /m/%s.ko\n' "$n" >> "$work/channel/init"
  done
  printf '/bin/busybox poweroff -f\n' >> "$work/channel/init"
  chmod 755 "$work/channel/init"
  (cd "$work/channel" && find . | cpio -o -H newc --quiet) > "$work/channel.cpio"
}

reference_boot() { # kernel image [initramfs] → seconds from QEMU's start to its exit, and the guest's power-off time
  local start end
  start=$(date +%s.%N)
  qemu-system-x86_64 -nodefaults -no-user-config -machine q35 -accel tcg -icount shift=0,sleep=off,align=off -cpu max \
    -smp 1 -m 1024M -display none -vga none -monitor none -nic none -no-reboot -kernel "$1" -initrd "${2:-$work/ref.cpio}" \
    -append "console=ttyS0 loglevel=3 printk.time=1 panic=-1 oops=panic softlockup_panic=1 rdinit=/init norandmaps aitune.lab=1 tsc=reliable" \
    -chardev "file,id=console,path=$work/console.log" -serial chardev:console -device virtio-serial-pci \
    -chardev "file,id=results,path=$work/results.bin" -device virtserialport,chardev=results,name=aitune.results
  end=$(date +%s.%N)
  local guest
  guest=$(sed -n 's/^\[ *\([0-9.]*\)\] reboot: Power down.*/\1/p' "$work/console.log")
  [ -n "$guest" ] || { echo "error: the reference guest did not power off" >&2; exit 1; }
  echo "$(echo "$end - $start" | bc) $guest"
}

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

printf '%-22s %8s %8s %6s  %9s %9s %6s  %9s %6s\n' kernel 'ref wall' wall ratio 'ref guest' guest ratio 'channel' ratio
for deb in artifacts/lab-kernels/*.deb; do
  ref_wall=() ref_guest=() wall=() guest=() channel_guest=()
  for ((r = 1; r <= rounds; r++)); do
    json=$("$aitune" lab boot --kernel "$deb" --accel tcg --measure instructions --cache "$work/cache" --json 2>/dev/null)
    wall+=("$(jq -r '.boots[0].wallSeconds' <<<"$json")")
    guest+=("$(jq -r '.boots[0].guestSeconds' <<<"$json")")
    release=$(jq -r '.boots[0].release' <<<"$json")
    image=$(find "$work/cache" -name "vmlinuz-$release" | head -1)
    read -r w g < <(reference_boot "$image")
    ref_wall+=("$w") ref_guest+=("$g")
    mapfile -t modules < <(jq -r '.boots[0].modulesLoaded[]' <<<"$json")
    channel_image "$(dirname "$(dirname "$image")")" "${modules[@]}"
    read -r _ g < <(reference_boot "$image" "$work/channel.cpio")
    channel_guest+=("$g")
  done
  mrw=$(printf '%s\n' "${ref_wall[@]}" | median) mw=$(printf '%s\n' "${wall[@]}" | median)
  mrg=$(printf '%s\n' "${ref_guest[@]}" | median) mg=$(printf '%s\n' "${guest[@]}" | median)
  mcg=$(printf '%s\n' "${channel_guest[@]}" | median)
  printf '%-22s %7.2fs %7.2fs %6.3f  %8.6fs %8.6fs %6.3f  %8.6fs %6.3f\n' "$release" "$mrw" "$mw" "$(echo "$mw / $mrw" | bc -l)" \
    "$mrg" "$mg" "$(echo "$mg / $mrg" | bc -l)" "$mcg" "$(echo "$mg / $mcg" | bc -l)"
done
