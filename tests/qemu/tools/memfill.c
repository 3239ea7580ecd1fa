// SPDX-License-Identifier: GPL-2.0
/*
 * memfill: fill memory with a pattern that depends on the address and a
 * seed, and verify it, to show that nobody else writes into it.
 *
 *   memfill MB SEED              fill, verify once, report
 *   memfill --loop MB SEED       fill, then verify forever, a line a pass
 *   memfill --hold MB SEED FILE  fill, wait until FILE exists, verify
 *   memfill --marker MB HEX      fill every word with the marker HEX
 *
 * Reports go to stdout and, when it can be opened, /dev/kmsg, so that the
 * boot kernel sees a partition's result in its console ring.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "report.h"

static uint64_t pattern(uint64_t i, uint64_t seed)
{
	uint64_t x = (i + 1) * 0x9e3779b97f4a7c15ULL ^ seed;

	x ^= x >> 31;
	return x * 0xbf58476d1ce4e5b9ULL;
}

static void fill(uint64_t *p, size_t n, uint64_t seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = pattern(i, seed);
}

static size_t verify(const uint64_t *p, size_t n, uint64_t seed)
{
	size_t bad = 0;

	for (size_t i = 0; i < n; i++)
		bad += p[i] != pattern(i, seed);
	return bad;
}

int main(int argc, char **argv)
{
	int loop = 0, hold = 0, marker = 0, a = 1;
	const char *file = NULL;
	uint64_t seed;
	size_t mb, n;
	uint64_t *p;

	if (argc > 1 && !strcmp(argv[1], "--loop"))
		loop = a++;
	else if (argc > 1 && !strcmp(argv[1], "--hold"))
		hold = a++;
	else if (argc > 1 && !strcmp(argv[1], "--marker"))
		marker = a++;
	if (argc < a + 2 || (hold && argc < a + 3)) {
		fprintf(stderr, "usage: memfill [--loop|--hold|--marker] MB SEED [FILE]\n");
		return 2;
	}
	mb = strtoul(argv[a], NULL, 0);
	seed = strtoull(argv[a + 1], NULL, marker ? 16 : 0);
	if (hold)
		file = argv[a + 2];
	n = mb << 17;
	p = mmap(NULL, mb << 20, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (p == MAP_FAILED) {
		report("memfill: FAIL cannot map %zu MiB", mb);
		return 1;
	}
	if (marker) {
		for (size_t i = 0; i < n; i++)
			p[i] = seed;
		report("memfill: marked %zu MiB with %llx", mb, (unsigned long long)seed);
		return 0;
	}
	fill(p, n, seed);
	report("memfill: filled %zu MiB seed %llu", mb, (unsigned long long)seed);
	if (hold) {
		struct stat st;
		struct timespec ts = { 0, 100000000 };

		while (stat(file, &st))
			nanosleep(&ts, NULL);
	}
	for (unsigned long pass = 1;; pass++) {
		size_t bad = verify(p, n, seed);

		if (bad) {
			report("memfill: FAIL pass %lu: %zu of %zu words changed", pass, bad, n);
			return 1;
		}
		if (!loop) {
			report("memfill: ok %zu MiB verified", mb);
			return 0;
		}
		report("memfill: pass %lu ok", pass);
	}
}
