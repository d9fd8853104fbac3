#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm.sh KERNEL MODE: boot KERNEL (debug, deb612, deb61, rt: Debian's 6.12
# PREEMPT_RT; arm64, arm64-16k: Debian's arm64 6.12 with 4K or 16K pages, in
# qemu-system-aarch64) in QEMU (TCG) with
# the module and the guest tests in an initramfs, and run MODE:
#   kunit    the KUnit suite (debug kernel), parsed by the tree's kunit.py
#   vmtest   every scenario in tests/vm/
#   demo     tests/vm/demo.sh; its report goes to stdout
#   measure  tests/vm/measure.sh: reclaim priorities; report to stdout
#   scale    tests/vm/scale.sh: rounds among slmk_nproc processes (100,000
#            by default; give SLMK_MEM enough); report to stdout
#   bench    tests/vm/bench.sh: one benchmark run (scripts/bench.sh)
#   soak     tests/vm/soak.sh: random episodes (scripts/soak.sh)
# Environment: SLMK_ONLY=a,b runs only those scenarios; SLMK_EXTRA adds to
# the kernel command line (slmk_params=... is added to every insmod);
# SLMK_RUN_NAME names the output directory (default: MODE); SLMK_MEM is
# the guest's RAM in MiB (default 512); SLMK_DISK the disk image and
# SLMK_DRIVE_OPTS extra -drive options (the benchmark's throttling; by
# default writes are throttled to 20 MiB/s, a slow disk, for t-writeback);
# SLMK_INITRD an initramfs from an earlier run to boot instead of building;
# SLMK_SUITE=numa runs the NUMA scenarios, tests/vm/n-*.sh, on a guest with
# two NUMA nodes (half the RAM and one CPU each), instead of tests/vm/t-*.sh.
# Prints one "PASS|FAIL|SKIP <kernel>/<test>" line per check and keeps the
# console log under build/<kernel>/<mode>/. Exits non-zero if any failed.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

name=${1:?kernel}
mode=${2:?mode}
out=$BUILD/$name/${SLMK_RUN_NAME:-$mode}
mkdir -p "$out" "$CACHE"

resolve_kernel "$name"

# --- initramfs -------------------------------------------------------------
# SLMK_INITRD: boot this initramfs, built by an earlier run for the same
# kernel, instead of building one (the benchmark boots hundreds of times).
initrd=${SLMK_INITRD:-$out/initramfs.cpio.gz}
# The busybox guest: /init, the tests, the programs, the module(s), and the
# distro kernel's own modules the guest needs.
build_initramfs() {
	local moddir root base
	moddir=$(build_module "$name")
	make -s -C "$ROOT/tests/progs" O="$BUILD/progs-$KARCH" CC="$PROGS_CC" >/dev/null
	root=$out/root
	rm -rf "$root"
	mkdir -p "$root"/{bin,tests,lib/modules,proc,sys,dev,tmp,mnt}
	cp "$BUSYBOX" "$root/bin/busybox"
	cp "$BUILD"/progs-$KARCH/{hog,latprobe,spawn,sampler,filews,runat,thawer,idle,waitkills,lmkdpsi,forkstorm,ptracer} "$root/bin/"
	# earlyoom (Debian's package) for the benchmark, with its libraries.
	if [ "$KARCH" = x86_64 ] && eo=$(command -v earlyoom); then
		cp "$eo" "$root/bin/earlyoom"
		for lib in $(ldd "$eo" | grep -o '/[^ ]*'); do
			mkdir -p "$root$(dirname "$lib")"
			cp -L "$lib" "$root$lib"
		done
	fi
	install -m 0755 "$ROOT"/tests/vm/init "$root/init"
	cp "$ROOT"/tests/vm/*.sh "$root/tests/"
	cp "$ROOT/scripts/splat.re" "$root/tests/"
	cp "$moddir"/simple_lmk.ko "$root/lib/modules/"
	[ -f "$moddir/tests/simple_lmk_kunit.ko" ] &&
		cp "$moddir/tests/simple_lmk_kunit.ko" "$root/lib/modules/"

	if [ -n "$KMODS" ]; then
		# The distro kernel's own modules, in dependency order, uncompressed
		# (busybox insmod does not decompress).
		base=$KMODS
		[ -d "$base/lib/modules/$KREL" ] || base=$KMODS/usr
		[ -f "$base/lib/modules/$KREL/modules.dep" ] ||
			depmod -b "$base" "$KREL"
		: >"$root/lib/modules/load.list"
		for m in virtio_pci virtio_blk ext4 zram lz4 lz4_compress; do
			modprobe -d "$base" -S "$KREL" --show-depends "$m" 2>/dev/null |
				awk '$1 == "insmod" {print $2}'
		done | awk '!seen[$0]++' | while read -r ko; do
			f=$(basename "$ko")
			f=${f%.xz}
			f=${f%.zst}
			case $ko in
			*.xz) xz -dc "$ko" >"$root/lib/modules/$f" ;;
			*.zst) zstd -qdc "$ko" >"$root/lib/modules/$f" ;;
			*) cp "$ko" "$root/lib/modules/$f" ;;
			esac
			echo "$f" >>"$root/lib/modules/load.list"
		done
	fi
	(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$initrd"
}
[ -n "${SLMK_INITRD:-}" ] || build_initramfs

# --- disk: ext4 with a file twice the guest's RAM, and room for 2x more ---
MEM=${SLMK_MEM:-512}
disk=${SLMK_DISK:-$BUILD/disk-$MEM-v2.img}
if [ "$mode" != kunit ] && [ "$mode" != scale ] && [ ! -f "$disk" ]; then
	stage=$BUILD/disk-stage
	rm -rf "$stage" "$disk.tmp"
	mkdir -p "$stage"
	{ yes simple-lmk-page-cache || true; } | head -c $((MEM * 2))M >"$stage/big"
	mkdir -p "$stage/tree"
	for i in $(seq 1 200); do
		mkdir -p "$stage/tree/d$i"
		for j in 1 2 3 4 5; do echo "$i $j" >"$stage/tree/d$i/f$j"; done
	done
	truncate -s $((MEM * 4 + 256))M "$disk.tmp"
	mkfs.ext4 -q -F -d "$stage" "$disk.tmp"
	rm -rf "$stage"
	mv "$disk.tmp" "$disk"
fi

# --- boot ------------------------------------------------------------------
console=$out/console.log
verdicts=$out/verdicts.txt
data=$out/data.txt
results=$out/results.txt
rm -f "$console" "$verdicts" "$data" "$results"
: >"$verdicts"
: >"$data"

# The console, and two side channels that nothing but the harness writes
# to: verdicts and data (serial ports on x86-64; virtio consoles on arm64,
# whose virt machine has one UART).
if [ "$KARCH" = arm64 ]; then
	append="console=ttyAMA0 slmk_verdict=/dev/hvc0 slmk_data=/dev/hvc1"
else
	append="console=ttyS0"
fi
append="$append panic=-1 oops=panic panic_on_warn=1"
append="$append softlockup_panic=1 hung_task_panic=1 loglevel=7"
# TCG runs the debug kernel (KASAN, lockdep) slowly, slower still on a
# loaded host: a long uninterrupted stretch is not a lockup.
append="$append watchdog_thresh=60"
append="$append slmk_mode=$mode slmk_kernel=$name"
[ -n "${SLMK_ONLY:-}" ] && append="$append slmk_only=$SLMK_ONLY"
prefix=t
numa=()
case ${SLMK_SUITE:-} in
"") ;;
numa)
	prefix=n
	half=$((${SLMK_MEM:-512} / 2))
	numa=(-object "memory-backend-ram,id=m0,size=${half}M"
		-object "memory-backend-ram,id=m1,size=${half}M"
		-numa node,nodeid=0,cpus=0,memdev=m0
		-numa node,nodeid=1,cpus=1,memdev=m1)
	;;
*) die "unknown SLMK_SUITE '$SLMK_SUITE' (numa)" ;;
esac
append="$append slmk_prefix=$prefix"
[ -n "${SLMK_EXTRA:-}" ] && append="$append $SLMK_EXTRA"
drive=()
[ "$mode" != kunit ] && [ "$mode" != scale ] &&
	drive=(-drive "file=$disk,format=raw,if=virtio,snapshot=on${SLMK_DRIVE_OPTS-,throttling.bps-write=20971520}")

limit=${SLMK_VM_TIMEOUT:-1500}
# Two sockets: without ACPI (the debug kernel has none), the BIOS's MP table
# lists one CPU per socket.
if [ "$KARCH" = arm64 ]; then
	machine=(qemu-system-aarch64 -M virt -accel tcg -cpu max -smp 2
		-chardev file,id=con,path="$console" -serial chardev:con
		-device virtio-serial-pci
		-chardev file,id=verdict,path="$verdicts"
		-device virtconsole,chardev=verdict
		-chardev file,id=data,path="$data"
		-device virtconsole,chardev=data)
else
	machine=(qemu-system-x86_64 -accel tcg -cpu max -smp 2,sockets=2
		-chardev file,id=con,path="$console" -serial chardev:con
		-chardev file,id=verdict,path="$verdicts" -serial chardev:verdict
		-chardev file,id=data,path="$data" -serial chardev:data)
fi
set +e
timeout -k 10 "$limit" "${machine[@]}" \
	-m "$MEM" -nodefaults -display none -no-reboot \
	-kernel "$KIMAGE" -initrd "$initrd" -append "$append" \
	"${drive[@]}" "${numa[@]}"
qrc=$?
set -e

# --- verdicts ----------------------------------------------------------------
{
	tr -d '\r' <"$verdicts" | while IFS= read -r line; do
		case $line in
		"ok "*) echo "PASS $name/${line#ok }" ;;
		"not ok "*) echo "FAIL $name/${line#not ok }" ;;
		"skip "*) echo "SKIP $name/${line#skip }" ;;
		esac
	done

	if [ "$mode" = kunit ]; then
		"$ROOT/scripts/kunit-count.sh" "$KDIR" "$data" "$name" "$out"
	fi

	if [ "$mode" = vmtest ]; then
		# Every test must have said something.
		for t in "$ROOT"/tests/vm/"$prefix"-*.sh; do
			t=${t##*/"$prefix"-}
			t=${t%.sh}
			if [ -n "${SLMK_ONLY:-}" ]; then
				case ",$SLMK_ONLY," in *",$t,"*) ;; *) continue ;; esac
			fi
			tr -d '\r' <"$verdicts" | grep -qE "^(not )?ok $t(:|\$)" ||
				echo "FAIL $name/$t: no verdict (the guest died or hung)"
		done
	fi

	if ! tr -d '\r' <"$verdicts" | grep -qx done; then
		echo "FAIL $name/$mode-completed: the guest did not finish (qemu rc $qrc)"
	fi
	splat=$(grep -m1 -E "$(cat "$ROOT/scripts/splat.re")" "$console" || true)
	if [ -n "$splat" ]; then
		echo "FAIL $name/$mode-clean-log: $splat"
	else
		echo "PASS $name/$mode-clean-log"
	fi
} >"$results"

if [ "$mode" = demo ] || [ "$mode" = measure ] || [ "$mode" = scale ]; then
	tr -d '\r' <"$verdicts" | grep -vx done || true
fi
cat "$results"
# For each scenario that failed, what a reader of CI's summary needs to see
# why: the test's own lines and the kernel's about kills, rounds and OOM,
# prefixed "  | " (check.sh repeats them after its summary).
if [ "$mode" = vmtest ]; then
	sed -n 's/^FAIL [^/]*\/\([a-z0-9-]*\): .*/\1/p' "$results" | sort -u |
		while read -r t; do
			tr -d '\r' <"$console" |
				sed -n "/=== test $t: start/,/=== test $t: rc/p" |
				grep -E '^  \[|FAIL|simple_lmk|Out of memory|oom-kill|Killed process|run.sh' |
				grep -v 'taints kernel\|verification failed' |
				tail -n 40 | sed "s/^/  | $name\/$t: /"
		done
fi
if grep -q '^FAIL' "$results"; then
	echo "console log: $console" >&2
	exit 1
fi
