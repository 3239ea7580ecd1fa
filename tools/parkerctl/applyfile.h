/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The file of parkerctl apply: the partitions there should be, one
 * section each.
 *
 *   # comment
 *   [web]
 *   cpus = 1-2
 *   memory = 256M
 *   devices = 0000:00:03.0 0000:00:09.0
 *   kernel = /parker/bzImage
 *   initrd = /parker/app-initrd.cpio.gz
 *   cmdline = console=ttyS0,115200 app.run=idle
 *   on-crash = restart
 *   on-reboot = stop
 *   on-dma-fault = stop
 *   smt-split = no
 *   start = yes
 *
 * A pure parser: a buffer in, the partitions or the first error (its line
 * and why) out, so that apply can refuse a file whole before it changes
 * anything, and the unit tests and the fuzzer can drive it.
 */
#ifndef PARKERCTL_APPLYFILE_H
#define PARKERCTL_APPLYFILE_H

#include <stddef.h>
#include <stdint.h>

#include "parse.h"
#include "sha256.h"

enum apply_key {
	AK_CPUS, AK_MEMORY, AK_DEVICES, AK_KERNEL, AK_INITRD, AK_CMDLINE,
	AK_ON_CRASH, AK_ON_REBOOT, AK_ON_DMA_FAULT, AK_SMT_SPLIT, AK_START,
	NR_APPLY_KEYS
};

/* The names of the keys, as the file spells them. */
extern const char *const apply_keys[NR_APPLY_KEYS];

struct apply_part {
	char name[PARKER_NAME_MAX + 1];
	unsigned int line;			/* of its [name] */
	unsigned int key_line[NR_APPLY_KEYS];	/* 0: not given */
	char *cpus;			/* canonical list ("1-3,5") */
	uint64_t memory;		/* bytes, more than 0 */
	char (*devices)[PCI_ADDR_LEN];	/* canonical, sorted */
	size_t nr_devices;
	char *kernel;			/* absolute paths, or NULL */
	char *initrd;
	char *cmdline;			/* "" when not given */
	const char *on_crash;		/* "stop" or "restart" */
	const char *on_reboot;
	const char *on_dma_fault;	/* "log" or "stop" */
	int smt_split;
	int start;
	/* Not the parser's: the files' digests, for the planner. */
	char kernel_sha256[SHA256_HEX_LEN + 1];
	char initrd_sha256[SHA256_HEX_LEN + 1];
};

struct apply_file {
	struct apply_part *parts;
	size_t nr;
};

#define APPLY_ERROR_MAX 256

struct apply_error {
	unsigned int line;
	char msg[APPLY_ERROR_MAX];
};

/*
 * Parse len bytes of buf: 0 with f filled (free it with
 * applyfile_free()), or -1 with the first error in err and f empty.
 */
int applyfile_parse(const char *buf, size_t len, struct apply_file *f,
		    struct apply_error *err);
void applyfile_free(struct apply_file *f);

/* The partition called name in f, or NULL. */
struct apply_part *applyfile_find(const struct apply_file *f,
				  const char *name);

#endif
