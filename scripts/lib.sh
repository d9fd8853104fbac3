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
ARM64_KERNELS="arm64 arm64-16k"

die() {
	echo "error: $*" >&2
	exit 1
}

# The Debian metapackage behind each distro target.
deb_meta() {
	case $1 in
	deb612) echo linux-headers-6.12-amd64 ;;
	deb61) echo linux-headers-amd64 ;;
	rt) echo linux-headers-6.12-rt-amd64 ;;
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

# Sets KREL, KDIR (tree to build modules against), KIMAGE (the kernel
# image), KMODS (root of the kernel's own modules, empty for the debug
# kernel) and what differs between x86-64 and arm64 guests: KARCH, PROGS_CC
# (compiler of the guest programs), BUSYBOX (a static busybox for the
# guest).
resolve_kernel() {
	KARCH=x86_64
	PROGS_CC=gcc
	BUSYBOX=/bin/busybox
	case $1 in
	debug | debug-rt)
		# SLMK_DEBUG_TREE: an already built tree to use instead.
		KDIR=${SLMK_DEBUG_TREE:-$("$ROOT/scripts/kernel-debug.sh" "$1" | tail -n 1)}
		[ -d "$KDIR" ] || die "debug kernel build failed"
		KIMAGE=$KDIR/arch/x86/boot/bzImage
		KREL=$(cat "$KDIR/include/config/kernel.release")
		KMODS=
		;;
	deb612 | deb61 | rt)
		KREL=$(deb_release "$1")
		KDIR=/usr/src/linux-headers-$KREL
		[ -d "$KDIR" ] || die "$KDIR missing (run scripts/deps.sh)"
		fetch_deb_image "$KREL"
		KIMAGE=$KMODS/boot/vmlinuz-$KREL
		;;
	arm64 | arm64-16k)
		fetch_arm64 "$1"
		KARCH=arm64
		PROGS_CC=aarch64-linux-gnu-gcc
		KIMAGE=$KMODS/boot/vmlinuz-$KREL
		;;
	*) die "unknown kernel '$1' (one of: $KERNELS $ARM64_KERNELS rt debug-rt)" ;;
	esac
}

# Newest version of Debian package $1 (with its :arch) in the archive.
apt_version() {
	apt-cache show --no-all-versions "$1" 2>/dev/null | sed -n 's/^Version: //p' | head -1
}

# Debian's arm64 6.12 kernel of flavour $1 (arm64, arm64-16k): its headers
# and image packages, downloaded and unpacked into the cache, and a static
# arm64 busybox. The headers' scripts are arm64 binaries: the tree is
# pointed at the host's linux-kbuild of the same version instead (Debian's
# headers set ARCH and CROSS_COMPILE themselves). Sets KREL, KDIR, KMODS
# and BUSYBOX.
fetch_arm64() {
	local flavour=$1 meta ver dir tmp kb bbver
	meta=linux-headers-6.12-$flavour:arm64
	KREL=$(apt-cache show --no-all-versions "$meta" 2>/dev/null |
		sed -n 's/^Depends: //p' | tr ',' '\n' |
		grep -o "linux-headers-[^ :]*-$flavour" | head -1)
	KREL=${KREL#linux-headers-}
	[ -n "$KREL" ] || die "$meta not in the archive (scripts/deps.sh adds arm64)"
	ver=$(apt_version "linux-headers-$KREL:arm64")
	dir=$CACHE/arm64-$KREL-$ver
	KMODS=$dir
	KDIR=$dir/usr/src/linux-headers-$KREL
	if [ ! -f "$dir/.complete" ]; then
		tmp=$(mktemp -d "$CACHE/dl.XXXXXX")
		(cd "$tmp" && apt-get -o APT::Sandbox::User=root download \
			"linux-headers-$KREL:arm64=$ver" \
			"linux-image-$KREL-unsigned:arm64=$ver" >/dev/null) ||
			die "cannot download Debian's arm64 kernel $KREL=$ver"
		rm -rf "$dir"
		mkdir -p "$dir"
		for f in "$tmp"/*.deb; do dpkg-deb -x "$f" "$dir"; done
		rm -rf "$tmp"
		for l in scripts tools; do
			kb=$(basename "$(dirname "$(readlink "$KDIR/$l")")")
			[ -d "/usr/lib/$kb/$l" ] ||
				die "/usr/lib/$kb missing: the host's $kb must match $KREL"
			ln -sfn "/usr/lib/$kb/$l" "$KDIR/$l"
		done
		touch "$dir/.complete"
	fi
	bbver=$(apt_version busybox-static:arm64)
	BUSYBOX=$CACHE/busybox-arm64-$bbver/bin/busybox
	if [ ! -x "$BUSYBOX" ]; then
		tmp=$(mktemp -d "$CACHE/dl.XXXXXX")
		(cd "$tmp" && apt-get -o APT::Sandbox::User=root download \
			"busybox-static:arm64=$bbver" >/dev/null) ||
			die "cannot download busybox-static:arm64"
		rm -rf "$CACHE/busybox-arm64-$bbver"
		dpkg-deb -x "$tmp"/*.deb "$CACHE/busybox-arm64-$bbver"
		rm -rf "$tmp"
	fi
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
