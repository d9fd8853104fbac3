#!/usr/bin/env bash
# kernel-debug.sh [debug|debug-rt]: build (or reuse from cache) a test
# kernel for Simple LMK: Debian's linux-source-6.12 configured with `make
# allnoconfig` plus scripts/kconfig/{base,debug}.config (KASAN, UBSAN,
# lockdep, kmemleak, ...); debug-rt adds rt.config (PREEMPT_RT).
#
# Output: the last line on stdout is the absolute path of the built kernel
# tree (bzImage at arch/x86/boot/bzImage; ready for `make -C <tree> M=...`).
# Progress and errors go to stderr; build output goes to <cache>/build.log.
#
# Cache: ${SLMK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/simple-lmk}/debug-<hash>
# where <hash> covers the fragments, the linux-source package version and
# the gcc version. A build only counts once the .complete stamp is written,
# so an interrupted build is resumed/redone on the next run.
#
# Booting it (no ACPI in this kernel):
#  - use `-smp 2,sockets=2`: with plain `-smp 2` QEMU makes one socket with
#    2 cores, SeaBIOS's MP table then lists only one CPU and the guest
#    comes up with 1 CPU;
#  - end the guest with `reboot -f` (QEMU exits under -no-reboot);
#    `poweroff -f` only halts, so QEMU keeps running;
#  - `-nographic -serial stdio` also needs `-monitor none` (or use
#    `-display none`), otherwise QEMU refuses to start.
set -euo pipefail

flavour=${1:-debug}
src_pkg=linux-source-6.12
src_tarball=/usr/src/linux-source-6.12.tar.xz

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
fragments=("$script_dir/kconfig/base.config" "$script_dir/kconfig/debug.config")
case $flavour in
debug) ;;
debug-rt) fragments+=("$script_dir/kconfig/rt.config") ;;
*) echo "kernel-debug.sh: unknown flavour '$flavour' (debug, debug-rt)" >&2; exit 2 ;;
esac

log() { printf 'kernel-%s: %s\n' "$flavour" "$*" >&2; }
die() { log "error: $*"; exit 1; }

for f in "${fragments[@]}"; do
	[[ -r $f ]] || die "missing config fragment $f"
done
[[ -r $src_tarball ]] || die "$src_tarball not found (apt-get install $src_pkg)"
src_version=$(dpkg-query -W -f='${Version}' "$src_pkg" 2>/dev/null) ||
	die "package $src_pkg is not installed"
gcc_version=$(gcc --version | head -n1) || die "gcc not found"

# Cache key: fragment contents + source package version + compiler version.
key_text=$(
	for f in "${fragments[@]}"; do
		printf '== %s\n' "$(basename "$f")"
		cat "$f"
	done
	printf '== %s %s\n== %s\n' "$src_pkg" "$src_version" "$gcc_version"
)
hash=$(printf '%s\n' "$key_text" | sha256sum | cut -c1-16)

cache_root=${SLMK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/simple-lmk}
mkdir -p "$cache_root"
cache_root=$(cd "$cache_root" && pwd)
cache_dir=$cache_root/$flavour-$hash
tree=$cache_dir/linux
build_log=$cache_dir/build.log
done_stamp=$cache_dir/.complete
extracted_stamp=$cache_dir/.extracted

if [[ -e $done_stamp ]]; then
	log "using cached kernel ($cache_dir)"
	printf '%s\n' "$tree"
	exit 0
fi

# Serialise concurrent builds of the same key; re-check once we hold the lock.
exec {lock_fd}>"$cache_dir.lock"
if ! flock -n "$lock_fd"; then
	log "waiting for another build of $cache_dir"
	flock "$lock_fd"
fi
if [[ -e $done_stamp ]]; then
	log "using cached kernel ($cache_dir)"
	printf '%s\n' "$tree"
	exit 0
fi

mkdir -p "$cache_dir"
printf '%s\n' "$key_text" >"$cache_dir/key.txt"
: >"$build_log"

fail() {
	log "error: $*"
	log "build log: $build_log"
	tail -n 25 "$build_log" | sed 's/^/  | /' >&2 || true
	exit 1
}

# 1. Source tree (redone from scratch unless a previous extraction finished).
if [[ ! -e $extracted_stamp ]]; then
	log "extracting $src_tarball"
	rm -rf "$tree"
	mkdir -p "$tree"
	tar -xf "$src_tarball" -C "$tree" --strip-components=1 >>"$build_log" 2>&1 ||
		fail "extracting $src_tarball failed"
	touch "$extracted_stamp"
fi
for f in tools/testing/kunit/kunit.py scripts/checkpatch.pl; do
	[[ -e $tree/$f ]] || die "source tree lacks $f"
done

# 2. Configure: allnoconfig + fragments (not tinyconfig: SLUB_TINY blocks KASAN).
allconfig=$cache_dir/fragments.config
cat "${fragments[@]}" >"$allconfig"
make_args=(-C "$tree" ARCH=x86_64)
log "configuring (allnoconfig + ${fragments[*]##*/})"
make "${make_args[@]}" allnoconfig KCONFIG_ALLCONFIG="$allconfig" >>"$build_log" 2>&1 ||
	fail "make allnoconfig failed"

# Every option the fragments request must survive dependency resolution.
# Later fragments may override earlier ones (as in kconfig): last one wins.
declare -A want=()
order=()
while IFS= read -r line; do
	if [[ $line =~ ^(CONFIG_[A-Za-z0-9_]+)=(.*[^[:space:]])[[:space:]]*$ ]]; then
		sym=${BASH_REMATCH[1]} val=${BASH_REMATCH[2]}
	elif [[ $line =~ ^#\ (CONFIG_[A-Za-z0-9_]+)\ is\ not\ set ]]; then
		sym=${BASH_REMATCH[1]} val=n
	else
		continue
	fi
	[[ -v want[$sym] ]] || order+=("$sym")
	want[$sym]=$val
done <"$allconfig"
missing=()
for sym in "${order[@]}"; do
	got=$(grep -E "^$sym=" "$tree/.config" | cut -d= -f2-) || got=n
	[[ ${want[$sym]} == n && $got =~ ^[ym]$ ]] ||
		[[ ${want[$sym]} != n && $got != "${want[$sym]}" ]] ||
		continue
	missing+=("$sym: wanted ${want[$sym]}, got $got")
done
if ((${#missing[@]})); then
	log "error: these fragment options did not stick in $tree/.config:"
	printf '  %s\n' "${missing[@]}" >&2
	exit 1
fi

# 3. Build: vmlinux/bzImage + Module.symvers (target "all") and the
#    scripts/headers external modules need (modules_prepare).
jobs=$(nproc)
log "building bzImage + modules_prepare with -j$jobs (log: $build_log)"
start=$(date +%s)
make "${make_args[@]}" -j"$jobs" all modules_prepare >>"$build_log" 2>&1 ||
	fail "kernel build failed"
for f in arch/x86/boot/bzImage vmlinux Module.symvers; do
	[[ -e $tree/$f ]] || fail "build finished but $f is missing"
done
log "built $(make -s "${make_args[@]}" kernelrelease 2>/dev/null) in $(($(date +%s) - start))s"

touch "$done_stamp"
printf '%s\n' "$tree"
