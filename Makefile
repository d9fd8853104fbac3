# SPDX-License-Identifier: GPL-2.0
#
# Out-of-tree build of Simple LMK, and the project's commands:
#   make                     the module, against KDIR
#   make check               every test (installs what it needs first)
#   make demo                the demo: Debian 6.12 in QEMU
#   make kunit               KUnit on the debug kernel
#   make hosttest            host-side unit tests (the lmkd-psi arm's logic)
#   make vmtest KERNEL=...   VM scenario tests on debug, deb612, deb61,
#                            rt (Debian's 6.12 PREEMPT_RT), debug-rt (the
#                            debug kernel with PREEMPT_RT), arm64 or
#                            arm64-16k (Debian's arm64 6.12, 4K or 16K
#                            pages) (SUITE=numa: the NUMA ones, two-node
#                            guest)
#   make static              W=1, sparse and checkpatch on both Debian kernels
#   make modules_install     install into updates/ of KDIR's kernel
#                            (INSTALL_MOD_PATH: under that root), then depmod
#   make dkms                build and install through DKMS, in a scratch
#                            tree, for both Debian kernels
#   make deb                 the simple-lmk-dkms Debian package, in build/deb
#   make soak [SEED=n] [MINUTES=n] [EPISODE=n] [KERNEL=...]
#                            random episodes on one kernel (deb612), with
#                            invariants checked after each (60 minutes,
#                            seed 1; EPISODE replays one)
#   make bench [QUICK=1]     the benchmark against the kernel OOM killer,
#                            MGLRU min_ttl_ms, earlyoom and lmkd-psi (an
#                            lmkd-style PSI daemon) (QUICK: S1, S3)
#   make deps                install the Debian packages the above need

KDIR ?= /lib/modules/$(shell uname -r)/build
KERNEL ?= deb612

# The KUnit test module is built only for kernels that have KUnit.
KUNIT_MOD := $(shell grep -qsE '^CONFIG_KUNIT=(y|m)' $(KDIR)/.config && echo m)

MODULE_ARGS := CONFIG_SIMPLE_LMK=m CONFIG_SIMPLE_LMK_KUNIT_TEST=$(KUNIT_MOD)

all: modules

modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR) $(MODULE_ARGS) modules

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) $(MODULE_ARGS) clean

# Kbuild's modules_install puts out-of-tree modules in extra/ (6.1) or
# updates/ (6.12): updates/ on both, which modprobe prefers over the
# kernel's own. Kbuild skips depmod without a System.map, as in Debian's
# headers: run it here, for an install into the running system (with
# INSTALL_MOD_PATH, a staging root, depmod is the packager's to run).
KREL = $(shell sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' \
	$(KDIR)/include/generated/utsrelease.h 2>/dev/null)

modules_install:
	$(MAKE) -C $(KDIR) M=$(CURDIR) $(MODULE_ARGS) INSTALL_MOD_DIR=updates \
		modules_install
	$(if $(INSTALL_MOD_PATH),,depmod $(KREL))

deps:
	scripts/deps.sh

check:
	scripts/check.sh

demo:
	scripts/demo.sh

kunit:
	scripts/deps.sh
	scripts/vm.sh debug kunit

hosttest:
	scripts/deps.sh
	scripts/hosttest.sh

vmtest:
	scripts/deps.sh
	SLMK_SUITE=$(SUITE) $(if $(SUITE),SLMK_RUN_NAME=$(SUITE)) \
		scripts/vm.sh $(KERNEL) vmtest

soak:
	scripts/deps.sh
	SEED=$(SEED) MINUTES=$(MINUTES) EPISODE=$(EPISODE) scripts/soak.sh $(KERNEL)

static:
	scripts/deps.sh
	scripts/static.sh

dkms:
	scripts/deps.sh
	scripts/package.sh dkms

deb:
	scripts/deps.sh
	scripts/package.sh deb

bench:
	scripts/deps.sh
	scripts/bench.sh $(if $(filter 1,$(QUICK)),--quick)

.PHONY: all modules modules_install clean deps check demo kunit hosttest vmtest static \
	dkms deb bench soak
