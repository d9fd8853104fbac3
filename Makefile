# SPDX-License-Identifier: GPL-2.0
#
# Out-of-tree build of Simple LMK, and the project's commands:
#   make                     the module, against KDIR
#   make check               every test (installs what it needs first)
#   make demo                the demo: Debian 6.12 in QEMU
#   make kunit               KUnit on the debug kernel
#   make vmtest KERNEL=...   VM scenario tests on debug, deb612 or deb61
#                            (SUITE=numa: the NUMA ones, two-node guest)
#   make static              W=1, sparse and checkpatch on both Debian kernels
#   make bench [QUICK=1]     the benchmark against the kernel OOM killer,
#                            MGLRU min_ttl_ms and earlyoom (QUICK: S1, S3)
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

deps:
	scripts/deps.sh

check:
	scripts/check.sh

demo:
	scripts/demo.sh

kunit:
	scripts/deps.sh
	scripts/vm.sh debug kunit

vmtest:
	scripts/deps.sh
	SLMK_SUITE=$(SUITE) $(if $(SUITE),SLMK_RUN_NAME=$(SUITE)) \
		scripts/vm.sh $(KERNEL) vmtest

static:
	scripts/deps.sh
	scripts/static.sh

bench:
	scripts/deps.sh
	scripts/bench.sh $(if $(filter 1,$(QUICK)),--quick)

.PHONY: all modules clean deps check demo kunit vmtest static bench
