#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install, with apt-get, the Debian packages the project's commands need.
# Only what is missing is installed; nothing comes from anywhere else.
set -euo pipefail

PKGS="build-essential bc bison flex libelf-dev libssl-dev dwarves kmod cpio
gzip xz-utils zstd python3 e2fsprogs sparse busybox-static qemu-system-x86
linux-source-6.12 linux-headers-6.12-amd64 linux-headers-amd64 earlyoom
gnuplot-nox dkms dh-dkms debhelper lintian"

missing=
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
