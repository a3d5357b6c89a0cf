#!/usr/bin/env bash
# Fetches the real Debian kernel packages the lab's tests boot, list and diff into artifacts/lab-kernels/ (or $1):
# Debian 12's 6.1 generic, rt and cloud kernels and its 6.12 kernel, the unsigned packages (the same kernel and
# modules as the signed ones, without the boot chain a VM does not need). The tests assert these kernels' facts, so
# the versions are pinned here and in tests/AiTune.Tests/Support/LabKernels.cs; when Debian's archive stops serving
# one (a newer ABI replaces it), this fails and says so, and both places move to the new version together.
# Needs apt (Debian/Ubuntu); downloads about 275 MB once.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=${1:-artifacts/lab-kernels}
packages=(
  "linux-image-6.1.0-57-amd64-unsigned=6.1.192-3"
  "linux-image-6.1.0-57-rt-amd64-unsigned=6.1.192-3"
  "linux-image-6.1.0-57-cloud-amd64-unsigned=6.1.192-3"
  "linux-image-6.12.118+deb12-amd64-unsigned=6.12.118-1~deb12u1"
)
mkdir -p "$dest"
missing=()
for spec in "${packages[@]}"; do
  name=${spec%%=*}
  compgen -G "$dest/${name}_*.deb" >/dev/null || missing+=("$spec")
done
[ ${#missing[@]} -eq 0 ] && exit 0
apt-get update -qq
cd "$dest"
for spec in "${missing[@]}"; do
  if ! apt-get download -qq "$spec" 2>/dev/null; then
    echo "error: the archive no longer serves $spec" >&2
    echo "hint: take the current version (apt-cache policy ${spec%%=*}, or the package linux-image-${spec#linux-image-} names now), and update tools/lab-kernels.sh and tests/AiTune.Tests/Support/LabKernels.cs together" >&2
    exit 2
  fi
done
ls -1 ./*.deb
