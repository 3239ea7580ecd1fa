// SPDX-License-Identifier: GPL-2.0
/*
 * cf8watch FILE: watch the PCI configuration address port 0xcf8 until FILE
 * exists, and print what other CPUs wrote to it meanwhile.
 *
 * Ports 0xcf8/0xcfc are the boot kernel's.  An application kernel writing
 * 0xcf8 between the boot kernel's address and data cycles sends the boot
 * kernel's access to another register.  That race is narrow, but the
 * value written stays in the port until the next config cycle: put a mark
 * there (bit 31 clear, so that no config cycle can follow from it) and
 * read the port again and again.  The mark is written once only, since
 * writing it again could come between an address and a data cycle of the
 * boot kernel; so the boot kernel should make no config access while the
 * watch runs, and what it sees is every value that stayed at least one
 * poll (100 us).
 *
 * Prints "polls N changes N" and one "0xVALUE" line per change.
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/io.h>
#include <time.h>
#include <unistd.h>

#define CONF1_ADDRESS	0xcf8
#define MARK		0x7fff0ff0u
#define MAX_SEEN	64

int main(int argc, char **argv)
{
	const struct timespec pause = { .tv_nsec = 100000 };
	uint32_t seen[MAX_SEEN], last = MARK;
	unsigned long polls = 0, changes = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: cf8watch STOP-FILE\n");
		return 2;
	}
	if (ioperm(CONF1_ADDRESS, 4, 1)) {
		perror("cf8watch: ioperm");
		return 1;
	}
	outl(MARK, CONF1_ADDRESS);
	while (access(argv[1], F_OK)) {
		uint32_t v = inl(CONF1_ADDRESS);

		polls++;
		if (v != last) {
			if (changes < MAX_SEEN)
				seen[changes] = v;
			changes++;
			last = v;
		}
		nanosleep(&pause, NULL);
	}
	printf("polls %lu changes %lu\n", polls, changes);
	for (unsigned long i = 0; i < changes && i < MAX_SEEN; i++)
		printf("0x%08x\n", seen[i]);
	return 0;
}
