/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Following a partition's console (parkerctl log --follow).  NAME/console
 * holds the last bytes (up to 1 MiB) of what the partition's kernel wrote,
 * NAME/console_head how many it wrote since it started: a position in the
 * stream of its output, which goes back to 0 when it starts again.
 */
#ifndef PARKERCTL_CONSOLE_H
#define PARKERCTL_CONSOLE_H

#include <stddef.h>
#include <stdint.h>

/* What to print next, in this order. */
struct console_step {
	int restarted;		/* a line "--- restarted ---" */
	uint64_t lost;		/* a line "[... N bytes lost]" unless 0 */
	size_t from;		/* the console read from this offset on */
	uint64_t printed;	/* the stream's bytes printed after that */
};

/*
 * The step from printed bytes of the stream (up to that position) to the
 * console of len bytes read at head: its new tail; all of it after the
 * bytes lost when the ring dropped some before they were printed; and from
 * the stream's start when head went back.  A console longer than head
 * starts at the stream's start: it was read after head, and more came.
 */
void console_next(uint64_t printed, uint64_t head, size_t len,
		  struct console_step *s);

#endif
