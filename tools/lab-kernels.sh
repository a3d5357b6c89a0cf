#!/usr/bin/env bash
# Fetches the real Debian kernel packages the lab's tests boot and diff into artifacts/lab-kernels/ (or $1):
# the current 6.1 generic, rt and cloud kernels (the versions linux-image-{amd64,rt-amd64,cloud-amd64} depend on
# today) and the newest 6.12 generic kernel Debian offers. The unsigned packages hold the same kernel and modules as
# the signed ones, without the shim chain a VM does not need. Needs apt (Debian/Ubuntu); downloads about 260 MB once.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=${1:-artifacts/lab-kernels}
mkdir -p "$dest"
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages' -print -quit 2>/dev/null)" ]; then
  apt-get update -qq
fi
packages=()
for meta in linux-image-amd64 linux-image-rt-amd64 linux-image-cloud-amd64; do
  image=$(apt-cache depends "$meta" | sed -n 's/^ *Depends: \(linux-image-[^ ]*\)$/\1/p' | head -1)
  [ -n "$image" ] || { echo "error: $meta names no kernel package here" >&2; exit 2; }
  packages+=("$image-unsigned")
done
newer=$(apt-cache search --names-only '^linux-image-6\.12[.0-9]*\+deb[0-9]+-amd64-unsigned$' | cut -d' ' -f1 | sort -V | tail -1)
[ -n "$newer" ] && packages+=("$newer")
cd "$dest"
for package in "${packages[@]}"; do
  if ! compgen -G "${package}_*.deb" >/dev/null; then
    apt-get download -qq "$package"
  fi
  ls "${package}"_*.deb
done
