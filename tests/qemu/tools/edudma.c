// SPDX-License-Identifier: GPL-2.0
/*
 * edudma: aim the DMA of QEMU's "edu" device from user space, to show what
 * a device can reach, and hold a page to show whether a device reached it.
 *
 *   edudma hold                fill a locked page with a pattern, print
 *                              "edudma: holding page at PHYS", then check
 *                              it every second: "intact, pass N" or
 *                              "CHANGED" (and exit)
 *   edudma BDF self            copy a page of this process's memory to
 *                              another through the device: "self ok"
 *   edudma BDF poke PHYS       write a 64-byte marker at physical PHYS
 *                              through the device (from a page of ours)
 *
 * The device (QEMU hw/misc/edu.c) copies between RAM and a 4 KiB buffer at
 * device address 0x40000: registers 0x80 source, 0x88 destination, 0x90
 * count, 0x98 command (bit 0 run, bit 1 buffer to RAM).  No driver binds
 * it, so memory decoding and bus mastering are turned on here, through
 * the function's config space.  Reports go to stdout and /dev/kmsg.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "report.h"

#define EDU_ID		0x00
#define EDU_SRC		0x80
#define EDU_DST		0x88
#define EDU_CNT		0x90
#define EDU_CMD		0x98
#define EDU_RUN		0x1
#define EDU_TO_RAM	0x2
#define EDU_BUF		0x40000
#define PAGE		4096
#define MARK		0x4544554d41524b21ULL	/* "EDUMARK!" */
#define PATTERN		0x5a5a5a5a5a5a5a5aULL

static void die(const char *what)
{
	report("edudma: FAIL %s", what);
	exit(1);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* A locked page of ours and its physical address, from /proc/self/pagemap. */
static uint64_t *page_of_ours(uint64_t *phys)
{
	uint64_t *p, entry;
	int fd;

	p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED | MAP_POPULATE, -1, 0);
	if (p == MAP_FAILED)
		die("mmap of a page");
	fd = open("/proc/self/pagemap", O_RDONLY);
	if (fd < 0 || pread(fd, &entry, sizeof(entry),
			    (uintptr_t)p / PAGE * sizeof(entry)) != sizeof(entry))
		die("/proc/self/pagemap");
	close(fd);
	if (!(entry >> 63) || !(entry & ((1ULL << 55) - 1)))
		die("no physical address in pagemap (not root?)");
	*phys = (entry & ((1ULL << 55) - 1)) * PAGE;
	return p;
}

/* Report a pass every second, so a reader knows when it looked last. */
static int hold(void)
{
	uint64_t phys;
	uint64_t *p = page_of_ours(&phys);
	unsigned long pass;
	int i;

	for (i = 0; i < PAGE / 8; i++)
		p[i] = PATTERN;
	report("edudma: holding page at %#llx", (unsigned long long)phys);
	for (pass = 1; ; pass++) {
		for (i = 0; i < PAGE / 8; i++) {
			if (p[i] != PATTERN) {
				report("edudma: page at %#llx CHANGED: word %d is %#llx",
				       (unsigned long long)phys, i,
				       (unsigned long long)p[i]);
				return 1;
			}
		}
		report("edudma: page at %#llx intact, pass %lu",
		       (unsigned long long)phys, pass);
		sleep_ms(1000);
	}
}

static volatile uint8_t *regs;

static void wr(unsigned int off, uint64_t val)
{
	*(volatile uint64_t *)(regs + off) = val;
}

/* One transfer of @cnt bytes; 0 once the device says it is done. */
static int transfer(uint64_t src, uint64_t dst, uint64_t cnt, uint64_t dir)
{
	int i;

	wr(EDU_SRC, src);
	wr(EDU_DST, dst);
	wr(EDU_CNT, cnt);
	wr(EDU_CMD, EDU_RUN | dir);
	for (i = 0; i < 100; i++) {
		if (!(*(volatile uint32_t *)(regs + EDU_CMD) & EDU_RUN))
			return 0;
		sleep_ms(50);
	}
	return -1;
}

static void open_device(const char *bdf)
{
	char path[128];
	uint16_t cmd;
	int fd;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/config", bdf);
	fd = open(path, O_RDWR);
	if (fd < 0 || pread(fd, &cmd, 2, 4) != 2)
		die("config space");
	cmd |= 0x6;	/* memory space, bus master */
	if (pwrite(fd, &cmd, 2, 4) != 2)
		die("config space write");
	close(fd);
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/resource0", bdf);
	fd = open(path, O_RDWR | O_SYNC);
	if (fd < 0)
		die("resource0");
	regs = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (regs == MAP_FAILED)
		die("mmap of resource0");
	if ((*(volatile uint32_t *)(regs + EDU_ID) & 0xff) != 0xed)
		die("not an edu device");
}

static int self(void)
{
	uint64_t a_phys, b_phys;
	uint64_t *a = page_of_ours(&a_phys), *b = page_of_ours(&b_phys);
	int i;

	for (i = 0; i < PAGE / 8; i++) {
		a[i] = MARK ^ i;
		b[i] = 0;
	}
	if (transfer(a_phys, EDU_BUF, PAGE, 0) ||
	    transfer(EDU_BUF, b_phys, PAGE, EDU_TO_RAM))
		die("the device did not finish a transfer");
	for (i = 0; i < PAGE / 8; i++)
		if (b[i] != (MARK ^ i))
			die("own memory: the copy differs");
	report("edudma: self ok (%#llx to %#llx through the device)",
	       (unsigned long long)a_phys, (unsigned long long)b_phys);
	return 0;
}

static int poke(uint64_t target)
{
	uint64_t phys;
	uint64_t *p = page_of_ours(&phys);
	int i;

	for (i = 0; i < 8; i++)
		p[i] = MARK;
	if (transfer(phys, EDU_BUF, 64, 0) ||
	    transfer(EDU_BUF, target, 64, EDU_TO_RAM))
		die("the device did not finish a transfer");
	report("edudma: poked %#llx", (unsigned long long)target);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "hold"))
		return hold();
	if (argc < 3)
		goto usage;
	open_device(argv[1]);
	if (argc == 3 && !strcmp(argv[2], "self"))
		return self();
	if (argc == 4 && !strcmp(argv[2], "poke"))
		return poke(strtoull(argv[3], NULL, 0));
usage:
	fprintf(stderr, "usage: edudma hold | BDF self | BDF poke PHYS\n");
	return 2;
}
