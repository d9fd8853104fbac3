# SPDX-License-Identifier: GPL-2.0
#
# Runs every scenario test (tests/vm/t-*.sh, or n-*.sh) in a fresh state, one verdict
# line each on /dev/ttyS1. slmk_only (kernel command line) limits the run to
# the named tests.
. /tests/lib.sh

prepare_guest

# slmk_prefix: t for the scenarios, n for the NUMA ones (a two-node guest).
prefix=${slmk_prefix:-t}
for t in /tests/"$prefix"-*.sh; do
	name=${t##*/"$prefix"-}
	name=${name%.sh}
	if [ -n "$slmk_only" ]; then
		case ",$slmk_only," in
		*",$name,"*) ;;
		*) continue ;;
		esac
	fi
	reset_state
	echo "=== test $name: start" > /dev/kmsg
	timeout 600 sh "$t" > /tmp/out 2>&1
	rc=$?
	cat /tmp/out
	echo "=== test $name: rc $rc" > /dev/kmsg
	if [ $rc = 0 ]; then
		verdict "ok $name"
	else
		verdict "not ok $name: $(grep -m1 '^FAIL' /tmp/out || echo "exit $rc")"
	fi
done
reset_state
