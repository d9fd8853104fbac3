#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Installing Simple LMK the way kernel users do, each step checked:
#   package.sh install   kbuild's modules_install into a staging root, for
#                        both Debian kernels
#   package.sh dkms      dkms add, build and install for both Debian kernels,
#                        in a scratch DKMS tree (build/dkms)
#   package.sh deb       the simple-lmk-dkms package (build/deb), and lintian
#   package.sh debinst   the package installed on this machine (DKMS builds
#                        it for every kernel with headers), then purged
#   package.sh modinfo   modinfo shows a version, a description and every
#                        parameter with its type, range and default
# With no argument, all of them. One PASS or FAIL line per check.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

VER=$(sed -n 's/^#define SLMK_VERSION[[:space:]]*"\(.*\)"$/\1/p' "$ROOT/simple_lmk.h")
[ -n "$VER" ] || die "no SLMK_VERSION in simple_lmk.h"
NAME=simple-lmk
failures=0

pass() { echo "PASS package/$1"; }
fail() {
	echo "FAIL package/$1: $2"
	failures=$((failures + 1))
}

# The kernel releases of both Debian kernels' headers.
releases() {
	local k
	for k in deb612 deb61; do deb_release "$k"; done
}

do_install() {
	local krel stage=$BUILD/install-stage dir
	for krel in $(releases); do
		dir=$BUILD/install-$krel
		rm -rf "$stage"
		if ! KDIR=/usr/src/linux-headers-$krel make_module "$dir" "$dir.log" ||
			! make -C "$dir" KDIR="/usr/src/linux-headers-$krel" \
				INSTALL_MOD_PATH="$stage" modules_install \
				>>"$dir.log" 2>&1; then
			fail "modules_install-$krel" "see $dir.log"
			continue
		fi
		f=$(find "$stage/lib/modules/$krel/updates" -name 'simple_lmk.ko*' 2>/dev/null)
		if [ -n "$f" ]; then
			pass "modules_install-$krel ($(echo "$f" | sed "s|$stage||"))"
		else
			fail "modules_install-$krel" "no simple_lmk.ko under lib/modules/$krel/updates"
		fi
	done
	rm -rf "$stage"
}

# DKMS in a scratch tree: nothing of the machine's own DKMS state is used.
do_dkms() {
	local tree=$BUILD/dkms krel d out
	rm -rf "$tree"
	mkdir -p "$tree"/{dkms,source,install}
	(cd "$ROOT" && cp $MODULE_SOURCES dkms.conf "$tree/source/")
	mv "$tree/source" "$tree/src" && mkdir -p "$tree/source" &&
		mv "$tree/src" "$tree/source/$NAME-$VER"
	d=(dkms --dkmstree "$tree/dkms" --sourcetree "$tree/source"
		--installtree "$tree/install")
	if ! "${d[@]}" add -m "$NAME" -v "$VER" >"$tree/add.log" 2>&1; then
		fail dkms-add "$(tail -n 1 "$tree/add.log")"
		return
	fi
	pass dkms-add
	for krel in $(releases); do
		mkdir -p "$tree/install/$krel"
		if ! "${d[@]}" build -m "$NAME" -v "$VER" -k "$krel" \
			>"$tree/build-$krel.log" 2>&1; then
			fail "dkms-build-$krel" "see $tree/build-$krel.log"
			continue
		fi
		pass "dkms-build-$krel"
		if ! "${d[@]}" install -m "$NAME" -v "$VER" -k "$krel" \
			>"$tree/install-$krel.log" 2>&1; then
			fail "dkms-install-$krel" "see $tree/install-$krel.log"
			continue
		fi
		f=$(find "$tree/install/$krel" -name 'simple_lmk.ko*')
		if [ -z "$f" ]; then
			fail "dkms-install-$krel" "no module in $tree/install/$krel"
		elif ! modinfo -F vermagic "$f" | grep -q "^$krel "; then
			fail "dkms-install-$krel" "$f is not built for $krel"
		else
			pass "dkms-install-$krel"
		fi
	done
	out=$("${d[@]}" status 2>/dev/null)
	echo "$out" | sed 's/^/  dkms status: /'
	if [ "$(echo "$out" | grep -c "^$NAME/$VER, .*: installed$")" = 2 ]; then
		pass dkms-status
	else
		fail dkms-status "not installed for both kernels"
	fi
}

DEBDIR=$BUILD/deb
DEB=$DEBDIR/${NAME}-dkms_${VER}_all.deb

do_deb() {
	local src=$DEBDIR/$NAME-$VER lint
	rm -rf "$DEBDIR"
	mkdir -p "$src"
	(cd "$ROOT" && cp -r $MODULE_SOURCES dkms.conf debian "$src/")
	if ! (cd "$src" && dpkg-buildpackage -us -uc -b) >"$DEBDIR/build.log" 2>&1; then
		fail deb-build "see $DEBDIR/build.log"
		return
	fi
	[ -f "$DEB" ] || { fail deb-build "no $DEB"; return; }
	pass "deb-build ($(basename "$DEB"))"
	dpkg-deb -c "$DEB" | awk '{print $NF}' | sed 's/^/  /'
	lint=$(lintian --fail-on error "$DEB" 2>&1)
	rc=$?
	[ -n "$lint" ] && echo "$lint" | sed 's/^/  lintian: /'
	if [ $rc = 0 ]; then
		pass "deb-lintian ($(echo "$lint" | grep -c '^W:') warnings)"
	else
		fail deb-lintian "$(echo "$lint" | grep -m1 '^E:')"
	fi
}

# The package on this machine: installing it lets DKMS build and install
# for every kernel with headers; purge removes all of it again.
do_debinst() {
	local sudo= krel out
	[ "$(id -u)" = 0 ] || sudo=sudo
	[ -f "$DEB" ] || do_deb
	if dpkg-query -W -f='${Status}' ${NAME}-dkms 2>/dev/null | grep -q 'ok installed'; then
		fail deb-install "${NAME}-dkms is installed already; not touching it"
		return
	fi
	# apt-get, not dpkg -i: it waits for the dpkg lock, and would fetch
	# a missing dependency.
	if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends -o DPkg::Lock::Timeout=300 "$DEB" \
		>"$DEBDIR/install.log" 2>&1; then
		fail deb-install "see $DEBDIR/install.log"
		$sudo dpkg --purge ${NAME}-dkms >/dev/null 2>&1
		return
	fi
	out=$(dkms status -m $NAME -v "$VER" 2>/dev/null)
	echo "$out" | sed 's/^/  dkms status: /'
	for krel in $(releases); do
		if echo "$out" | grep -q "^$NAME/$VER, $krel, .*: installed"; then
			pass "deb-install-$krel"
		else
			fail "deb-install-$krel" "DKMS did not install it for $krel (see $DEBDIR/install.log)"
		fi
	done
	if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q \
		-o DPkg::Lock::Timeout=300 ${NAME}-dkms >"$DEBDIR/purge.log" 2>&1; then
		fail deb-purge "see $DEBDIR/purge.log"
	elif [ -e "/usr/src/$NAME-$VER" ] || [ -e "/var/lib/dkms/$NAME" ] ||
		ls /lib/modules/*/updates/dkms/simple_lmk.ko* >/dev/null 2>&1; then
		fail deb-purge "purge left files behind"
	else
		pass deb-purge
	fi
}

# Every parameter line: "parm: NAME:DESC (RANGE, default D) (TYPE)".
do_modinfo() {
	local krel dir mi p
	krel=$(deb_release deb612)
	dir=$BUILD/modinfo
	KDIR=/usr/src/linux-headers-$krel make_module "$dir" "$dir.log" ||
		{ fail modinfo "build failed, see $dir.log"; return; }
	mi=$(modinfo "$dir/simple_lmk.ko")
	echo "$mi" | grep -E '^(version|description|parm):' | sed 's/^/  /'
	[ "$(modinfo -F version "$dir/simple_lmk.ko")" = "$VER" ] ||
		fail modinfo "version is not $VER"
	[ -n "$(modinfo -F description "$dir/simple_lmk.ko")" ] ||
		fail modinfo "no description"
	n=0
	for p in $(sed -n 's/^module_param_cb(\([a-z_]*\),.*/\1/p' "$ROOT/simple_lmk.c"); do
		n=$((n + 1))
		line=$(echo "$mi" | grep "^parm: *$p:")
		echo "$line" | grep -qE 'default [^)]+\) \((bool|int|uint)\)$' ||
			fail modinfo "parameter $p: no default and type in '$line'"
		case $line in
		*"(bool)") ;;
		*) echo "$line" | grep -qE '\((-?[0-9]+|[0-9]+)\.\.[^,]+, ' ||
			fail modinfo "parameter $p: no range in '$line'" ;;
		esac
	done
	[ $n -gt 0 ] || fail modinfo "no module_param_cb() found"
	[ $failures = 0 ] && pass "modinfo ($n parameters)"
}

steps=${*:-install dkms deb debinst modinfo}
for s in $steps; do
	case $s in
	install | dkms | deb | debinst | modinfo) "do_$s" ;;
	*) die "unknown step '$s'" ;;
	esac
done
[ $failures = 0 ]
