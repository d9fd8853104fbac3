#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# static.sh [TARGET...]: static checks, one PASS/FAIL line each. Targets:
# deb612, deb61, rt, arm64, arm64-16k, debug, debug-rt: W=1 build with no
# warning and sparse (C=1) with no warning against that kernel (the KUnit
# module is built only for the debug kernels); by default all but the
# debug kernels, which make check adds once it has built them;
# checkpatch:
#   checkpatch.pl --strict clean on every C file and header. The guest
#   programs are userspace: the rules that only make sense with kernel
#   headers (kernel integer types, BIT(), __printf/__noreturn) are off;
#   and the admin guide repeats every parameter's code comment.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

out=$BUILD/static
mkdir -p "$out" "$CACHE"
fails=0

pass() { echo "PASS static/$1"; }
failed() {
	echo "FAIL static/$1: $2"
	fails=$((fails + 1))
}

targets=${*:-deb612 deb61 rt arm64 arm64-16k checkpatch}
for k in $targets; do
	[ "$k" = checkpatch ] && continue
	resolve_kernel "$k"
	for check in W=1 C=1; do
		tag=$k-$(echo "$check" | tr 'A-Z=' 'a-z-')
		log=$out/$tag.log
		if ! make_module "$out/$tag" "$log" "$check"; then
			failed "$tag" "build failed, see $log"
			continue
		fi
		# Compiler and sparse diagnostics about our files.
		n=$(grep -cE '(simple_lmk|tests/).*(warning|error):' "$log")
		if [ "$check" = C=1 ] && ! grep -q 'CHECK ' "$log"; then
			failed "$tag" "sparse did not run, see $log"
		elif [ "$n" != 0 ]; then
			failed "$tag" "$n diagnostics, see $log"
			grep -E '(simple_lmk|tests/).*(warning|error):' "$log" | head -5
		else
			pass "$tag"
		fi
	done
done

case " $targets " in
*" checkpatch "*) ;;
*) [ $fails = 0 ]; exit ;;
esac

# checkpatch.pl from the kernel source package: only its scripts are needed.
cpdir=$CACHE/checkpatch-$(dpkg-query -W -f='${Version}' linux-source-6.12)
if [ ! -f "$cpdir/.complete" ]; then
	rm -rf "$cpdir"
	mkdir -p "$cpdir"
	tar -xf /usr/src/linux-source-6.12.tar.xz -C "$cpdir" \
		--strip-components=1 linux-source-6.12/scripts/checkpatch.pl \
		linux-source-6.12/scripts/spelling.txt \
		linux-source-6.12/scripts/const_structs.checkpatch
	touch "$cpdir/.complete"
fi
userspace_ignore=PREFER_KERNEL_TYPES,BIT_MACRO,PREFER_DEFINED_ATTRIBUTE_MACRO
cd "$ROOT"
for f in $(git ls-files '*.c' '*.h'); do
	extra=
	case $f in tests/progs/* | tests/host/*) extra="--ignore $userspace_ignore" ;; esac
	# shellcheck disable=SC2086
	r=$(perl "$cpdir/scripts/checkpatch.pl" --strict --no-tree -q \
		--show-types $extra -f "$f" 2>&1)
	if [ -n "$r" ]; then
		failed "checkpatch:$f" "$(echo "$r" | grep -m1 -E '^(ERROR|WARNING|CHECK)')"
	else
		pass "checkpatch:$f"
	fi
done

# The admin guide repeats each parameter's code comment word for word.
while read -r line; do
	echo "$line"
	case $line in FAIL*) fails=$((fails + 1)) ;; esac
done < <(python3 "$ROOT/scripts/doccheck.py" "$ROOT")
[ $fails = 0 ]
