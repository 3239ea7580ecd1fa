# SPDX-License-Identifier: GPL-2.0
#
# Parker: the two commands are `make demo` and `make test` (see README.md).
#
#   make            kernel (build/bzImage), parkerctl, initramfs images
#   make demo       boot the reference machine and show Parker at work
#   make test       unit tests, checkpatch, every QEMU scenario
#   make scenario S=NAME   one QEMU scenario
#   make shell      an interactive shell on the reference machine
#   make patches    the kernel change as a git format-patch series
#   make checkpatch scripts/checkpatch.pl --strict over the kernel change
#   make bench      the benchmarks on the reference machine: build/bench/
#   make fuzz       fuzz parkerctl's apply-file parser and JSON writer
#   make unit       host unit tests of parkerctl
#
# LINUX_SRC=DIR|TARBALL builds on another 6.12 tree than Debian's
# linux-source-6.12.

SHELL := /bin/bash
BUILD := $(CURDIR)/build
export BUILD

KERNEL_INPUTS := $(shell find kernel -type f 2>/dev/null) \
	scripts/kernel-tree.sh scripts/kernel-config.sh scripts/kernel-build.sh scripts/ccache-env.sh \
	$(BUILD)/.linux-src
TOOL_INPUTS := $(wildcard tools/parkerctl/*.c tools/parkerctl/*.h) \
	tools/parkerctl/Makefile VERSION
INITRAMFS_INPUTS := $(shell find tests/qemu bench/src -type f 2>/dev/null)

all: deps $(BUILD)/bzImage $(BUILD)/parkerctl $(BUILD)/initramfs.cpio.gz

deps:
	@scripts/deps.sh

# Rebuild when LINUX_SRC names another base.
$(BUILD)/.linux-src: FORCE
	@mkdir -p $(BUILD)
	@echo "$(LINUX_SRC)" | cmp -s - $@ || echo "$(LINUX_SRC)" > $@

$(BUILD)/bzImage: $(KERNEL_INPUTS)
	scripts/kernel-build.sh
	@touch $@

# parkerctl builds against the kernel's UAPI headers, not copies of them.
UAPI := $(BUILD)/uapi/include/asm/parker.h
$(UAPI): $(KERNEL_INPUTS)
	scripts/kernel-headers.sh
	@touch $@

$(BUILD)/parkerctl: $(TOOL_INPUTS) $(UAPI)
	@$(MAKE) -s -C tools/parkerctl O=$(BUILD)

$(BUILD)/initramfs.cpio.gz: $(BUILD)/bzImage $(BUILD)/parkerctl $(INITRAMFS_INPUTS)
	tests/qemu/mkinitramfs.sh

kernel: deps $(BUILD)/bzImage
tools: $(BUILD)/parkerctl

unit: deps $(UAPI)
	@$(MAKE) -s -C tools/parkerctl O=$(BUILD) unit

fuzz: deps $(UAPI)
	@$(MAKE) -s -C tools/parkerctl O=$(BUILD) fuzz

install: $(BUILD)/parkerctl
	@$(MAKE) -s -C tools/parkerctl O=$(BUILD) install

checkpatch: deps
	@scripts/checkpatch.sh

patches: deps
	scripts/export-patches.sh

series-build: deps
	scripts/build-series.sh

test: all
	@tests/run.sh

scenario: all
	@tests/qemu/run-scenario.sh $(S)

bench: all
	@bench/run.sh

demo: all
	@tests/qemu/boot.sh demo

shell: all
	@tests/qemu/boot.sh shell

clean:
	rm -rf $(BUILD)/obj $(BUILD)/tests $(BUILD)/*.cpio.gz $(BUILD)/parkerctl* $(BUILD)/unit

distclean:
	rm -rf $(BUILD)

.PHONY: all deps kernel tools unit checkpatch patches series-build test scenario demo shell bench fuzz install clean distclean FORCE
