// SPDX-License-Identifier: GPL-2.0
/*
 * now: print CLOCK_REALTIME as seconds.nanoseconds (busybox date has no %N).
 *
 * now -t prints "TSC SECONDS.NANOSECONDS": the clock read between two TSC
 * reads, and the TSC at their midpoint.  Two kernels on one machine share
 * the TSC, so pairs taken in each compare their clocks at one instant.  Of
 * five tries the one with the narrowest TSC window wins: an interrupt
 * between the reads widens it.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <x86intrin.h>

int main(int argc, char **argv)
{
	struct timespec ts, best_ts = { 0 };
	uint64_t best_tsc = 0, best_width = UINT64_MAX;

	if (argc < 2 || strcmp(argv[1], "-t")) {
		clock_gettime(CLOCK_REALTIME, &ts);
		printf("%lld.%09ld\n", (long long)ts.tv_sec, ts.tv_nsec);
		return 0;
	}
	for (int i = 0; i < 5; i++) {
		uint64_t a = __rdtsc();

		clock_gettime(CLOCK_REALTIME, &ts);
		uint64_t b = __rdtsc();

		if (b - a < best_width) {
			best_width = b - a;
			best_tsc = a + (b - a) / 2;
			best_ts = ts;
		}
	}
	printf("%llu %lld.%09ld\n", (unsigned long long)best_tsc,
	       (long long)best_ts.tv_sec, best_ts.tv_nsec);
	return 0;
}
