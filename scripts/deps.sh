#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install, with apt-get, the Debian packages the project's commands need.
# Only what is missing is installed; nothing comes from anywhere else.
set -euo pipefail

PKGS="build-essential bc bison flex libelf-dev libssl-dev dwarves kmod cpio
gzip xz-utils zstd python3 e2fsprogs sparse busybox-static qemu-system-x86
linux-source-6.12 linux-headers-6.12-amd64 linux-headers-amd64
linux-headers-6.12-rt-amd64 earlyoom
gnuplot-nox dkms dh-dkms debhelper lintian
qemu-system-arm gcc-aarch64-linux-gnu libc6-dev-arm64-cross"

SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo

# Debian's arm64 kernels and busybox are fetched with apt-get download
# (scripts/lib.sh): the archive's arm64 packages must be known.
arm64=
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	echo "deps: adding the arm64 architecture"
	$SUDO dpkg --add-architecture arm64
	arm64=1
fi

missing=
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
if [ -z "$missing" ]; then
	[ -z "$arm64" ] || $SUDO apt-get update -q
	exit 0
fi

echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
