#!/usr/bin/env bash
# The read comparisons (model-load.sh, disk.sh) on a RAM-backed disk: ext4 on a loop device over a file in
# /dev/shm. A virtual disk that is a file on its host moves with the host's page cache (this project's development VM
# read 0.8 GB/s, then 1.2, then 1.9 a minute apart), so there neither tool can be checked against the other to 10 %.
# Below this disk there is only memory, so what differs between aitune and fio here is their method, not the device.
# It is not a disk benchmark: the numbers are memory copies through the block layer, and they say nothing about a
# real drive.
#
# Usage: sudo tools/accuracy/on-ramdisk.sh        (ROUNDS, default 9; AITUNE as in the other scripts)
# Needs: root (losetup, mount), 6 GiB of free memory, fio, python3, mkfs.ext4 (e2fsprogs).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[[ $(id -u) == 0 ]] || { echo "error: losetup and mount need root" >&2; echo "hint: sudo $0" >&2; exit 2; }
# shellcheck source=tools/accuracy/common.sh
source "$here/common.sh"
need fio fio
need mkfs.ext4 e2fsprogs

image=$(mktemp /dev/shm/aitune-ramdisk.XXXXXX)
mountpoint=$(mktemp -d /tmp/aitune-ramdisk.XXXXXX)
device=
cleanup() {
    if mountpoint -q "$mountpoint"; then umount "$mountpoint"; fi
    if [[ -n $device ]]; then losetup -d "$device"; fi
    rm -f "$image"
    rmdir "$mountpoint"
}
trap cleanup EXIT

# 5 GiB: a 2 GiB model for model-load.sh, then a 2 GiB file for disk.sh, with room for ext4's metadata.
truncate -s 5G "$image"
device=$(losetup --find --show "$image")
mkfs.ext4 -q -F "$device"
mount "$device" "$mountpoint"

rounds=${ROUNDS:-9}
echo "== model-load on $device (ext4 over $image)"
DIR=$mountpoint ROUNDS=$rounds bash "$here/model-load.sh"
echo
echo "== disk on $device"
head -c $((2 << 30)) /dev/urandom >"$mountpoint/disk.bin"
sync "$mountpoint/disk.bin"
bash "$here/disk.sh" "$mountpoint/disk.bin" "$rounds"
