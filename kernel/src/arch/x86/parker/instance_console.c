// SPDX-License-Identifier: GPL-2.0
/*
 * Parker instance mode: the console ring.
 *
 * Everything the application kernel prints goes into a ring in its
 * control area as well, from its first line (the console replays the log
 * buffer when it registers): the boot kernel shows it with no device in
 * between, and it is still there after a crash.
 */
#include <linux/console.h>
#include <linux/init.h>
#include <linux/io.h>
#include <linux/string.h>

#include <asm/parker.h>

#include "parker.h"

static struct parker_ring *ring;
/* The writer keeps its own copies: the ring's header is shared memory. */
static u32 ring_size;
static u64 ring_head;

struct parker_ring *parker_instance_ring(void)
{
	return ring;
}

static void ring_write(struct console *con, const char *text, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		ring->data[(ring_head + i) % ring_size] = text[i];
	ring_head += len;
	/* The boot kernel reads head, then the bytes before it. */
	smp_wmb();
	WRITE_ONCE(ring->head, ring_head);
}

static struct console ring_console = {
	.name	= "parker",
	.write	= ring_write,
	.flags	= CON_PRINTBUFFER | CON_ENABLED | CON_ANYTIME,
	.index	= -1,
};

/* As early as memremap() works (parker_instance_early()). */
void __init parker_console_ring_init(void)
{
	const struct parker_record *rec = parker_instance_record();

	if (!rec)
		return;
	ring = memremap(rec->console_pa, rec->console_size, MEMREMAP_WB);
	if (!ring)
		return;
	memset(ring, 0, sizeof(*ring));
	ring->magic = PARKER_RING_MAGIC;
	ring_size = rec->console_size - sizeof(*ring);
	ring->size = ring_size;
	ring->self = rec->console_pa;
	register_console(&ring_console);
}
