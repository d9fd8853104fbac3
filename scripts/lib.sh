# SPDX-License-Identifier: GPL-2.0
# Shared by the project's scripts: paths and kernel resolution.
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${SLMK_BUILD:-$ROOT/build}
# The files of the module itself: what every build, DKMS and the Debian
# package take.
MODULE_SOURCES="Kbuild Kconfig Makefile simple_lmk.c simple_lmk.h simple_lmk_trace.h"
CACHE=${SLMK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/simple-lmk}
KERNELS="debug deb612 deb61"

die() {
	echo "error: $*" >&2
	exit 1
}

# The Debian metapackage behind each distro target.
deb_meta() {
	case $1 in
	deb612) echo linux-headers-6.12-amd64 ;;
	deb61) echo linux-headers-amd64 ;;
	*) die "no Debian kernel called $1" ;;
	esac
}

# Kernel release (uname -r) of the installed headers a metapackage points to.
deb_release() {
	local dep
	dep=$(dpkg-query -W -f='${Depends}' "$(deb_meta "$1")" 2>/dev/null |
		tr ',' '\n' | grep -o 'linux-headers-[^ ]*-amd64' | head -1)
	[ -n "$dep" ] || die "$(deb_meta "$1") is not installed (run scripts/deps.sh)"
	echo "${dep#linux-headers-}"
}

# Sets KREL, KDIR (tree to build modules against), KIMAGE (bzImage) and
# KMODS (root of the kernel's own modules, empty for the debug kernel).
resolve_kernel() {
	case $1 in
	debug)
		# SLMK_DEBUG_TREE: an already built tree to use instead.
		KDIR=${SLMK_DEBUG_TREE:-$("$ROOT/scripts/kernel-debug.sh" | tail -n 1)}
		[ -d "$KDIR" ] || die "debug kernel build failed"
		KIMAGE=$KDIR/arch/x86/boot/bzImage
		KREL=$(cat "$KDIR/include/config/kernel.release")
		KMODS=
		;;
	deb612 | deb61)
		KREL=$(deb_release "$1")
		KDIR=/usr/src/linux-headers-$KREL
		[ -d "$KDIR" ] || die "$KDIR missing (run scripts/deps.sh)"
		fetch_deb_image "$KREL"
		KIMAGE=$KMODS/boot/vmlinuz-$KREL
		;;
	*) die "unknown kernel '$1' (one of: $KERNELS)" ;;
	esac
}

# The distro kernel image and its modules, unpacked into the cache from the
# package of the same version as the installed headers. Sets KMODS.
fetch_deb_image() {
	local rel=$1 ver pkg dir tmp
	pkg=linux-image-$rel
	ver=$(dpkg-query -W -f='${Version}' "linux-headers-$rel")
	dir=$CACHE/image-$rel-$ver
	KMODS=$dir
	[ -f "$dir/.complete" ] && return 0
	tmp=$(mktemp -d "$CACHE/dl.XXXXXX")
	(cd "$tmp" && apt-get -o APT::Sandbox::User=root download "$pkg=$ver" >/dev/null) ||
		die "cannot download $pkg=$ver (apt-get update?)"
	rm -rf "$dir"
	mkdir -p "$dir"
	dpkg-deb -x "$tmp"/*.deb "$dir"
	rm -rf "$tmp"
	touch "$dir/.complete"
}

# make_module DIR LOG [MAKE ARGS...]: build the module(s) against $KDIR in
# DIR, a fresh copy of the sources (kbuild builds in the source directory,
# and a fresh copy lets C=1 check every file), so that several kernels can
# be built side by side. Make's output goes to LOG; returns make's status.
make_module() {
	local dir=$1 log=$2
	shift 2
	rm -rf "$dir"
	mkdir -p "$dir/tests"
	(cd "$ROOT" && cp $MODULE_SOURCES "$dir/")
	cp "$ROOT"/tests/simple_lmk_kunit.c "$dir/tests/"
	make -C "$dir" -f "$ROOT/Makefile" KDIR="$KDIR" modules "$@" \
		>"$log" 2>&1
}

# build_module NAME: the module(s) for kernel NAME; prints the directory.
build_module() {
	local out=$BUILD/$1/module
	make_module "$out" "$BUILD/$1/module-build.log" ||
		{ cat "$BUILD/$1/module-build.log" >&2; die "module build for $1 failed"; }
	echo "$out"
}
