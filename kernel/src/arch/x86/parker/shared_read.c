// SPDX-License-Identifier: GPL-2.0
/*
 * Parker: the boot kernel reads what a partition writes.
 *
 * The status page, the crash message and the console ring live in the
 * partition's control area, and its kernel writes them whenever it likes:
 * buggy, crashed, or half-way through a write.  The boot kernel reads them
 * here and nowhere else, as hostile input: every field once, into a local,
 * then checked against what it may be; a string is copied, terminated and
 * made printable before anyone prints it.  Nothing read here is ever used
 * as a size, an index or a pointer without a bound that does not come from
 * the partition.
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/string.h>

#include <asm/parker.h>

#include "parker.h"

#define RING_DATA_SIZE	(PARKER_CTL_CONSOLE_SIZE - sizeof(struct parker_ring))

/*
 * The state the application kernel reports, or PARKER_APP_CORRUPTED when
 * the status page's header or state is not one the boot kernel wrote or
 * the kernel may write; @why (may be NULL) then says what was wrong.
 */
u32 parker_status_state(const struct parker_partition *p, char *why, size_t len)
{
	const struct parker_status *st = parker_ctl(p, PARKER_CTL_STATUS);
	u32 magic = READ_ONCE(st->magic);
	u16 version = READ_ONCE(st->version);
	u16 size = READ_ONCE(st->size);
	u64 self = READ_ONCE(st->self);
	u32 state = READ_ONCE(st->state);

	if (magic != PARKER_STATUS_MAGIC || version != PARKER_STATUS_VERSION ||
	    size != sizeof(*st) || self != p->mem_base + PARKER_CTL_STATUS) {
		if (why)
			snprintf(why, len,
				 "status page corrupted: magic %#x version %u size %u self %#llx",
				 magic, version, size, self);
		return PARKER_APP_CORRUPTED;
	}
	if (state > PARKER_APP_CRASHED) {
		if (why)
			snprintf(why, len, "status page corrupted: state %u", state);
		return PARKER_APP_CORRUPTED;
	}
	return state;
}

/* Audit violations its kernel counted, 0 if the page is not valid. */
u64 parker_status_audit(const struct parker_partition *p)
{
	const struct parker_status *st = parker_ctl(p, PARKER_CTL_STATUS);

	if (parker_status_state(p, NULL, 0) == PARKER_APP_CORRUPTED)
		return 0;
	return READ_ONCE(st->audit);
}

/*
 * Anything that could steer a terminal becomes '?': control characters but
 * newlines (and tabs in a log), and in a message, which is ASCII, bytes
 * above it.
 */
static void make_printable(char *s, size_t n, bool log)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = s[i];

		if (c == '\n' || (c == '\t' && log))
			continue;
		if (c < 0x20 || c == 0x7f || (c > 0x7f && !log))
			s[i] = '?';
	}
}

#define UNTERMINATED	" [not terminated]"

/*
 * The message its kernel left (why it stopped or crashed): copied once,
 * cut at the first NUL, printable, always terminated.  A message with no
 * NUL in its field says so, in place of its last bytes if need be.
 */
void parker_status_message(const struct parker_partition *p, char *buf,
			   size_t len)
{
	const struct parker_status *st = parker_ctl(p, PARKER_CTL_STATUS);
	char msg[sizeof(st->message)];
	size_t n;

	if (len < sizeof(UNTERMINATED))
		return;
	memcpy(msg, st->message, sizeof(msg));
	n = strnlen(msg, sizeof(msg));
	make_printable(msg, n, false);
	if (n < sizeof(msg)) {
		snprintf(buf, len, "%.*s", (int)n, msg);
		return;
	}
	n = min(n, len - sizeof(UNTERMINATED));
	snprintf(buf, len, "%.*s" UNTERMINATED, (int)n, msg);
}

/*
 * Copy the console ring, oldest byte first, into @buf (RING_DATA_SIZE
 * bytes) and return how many bytes; *@head is the count of bytes ever
 * written that goes with them.  A header that is not the one the kernel
 * set up returns -EBADMSG with @why saying what was wrong.  The data may
 * change while it is copied; that garbles the log, nothing else.
 */
ssize_t parker_ring_read(const struct parker_partition *p, char *buf, u64 *head,
			 char *why, size_t len)
{
	const struct parker_ring *ring = parker_ctl(p, PARKER_CTL_CONSOLE);
	u32 magic = READ_ONCE(ring->magic);
	u32 size = READ_ONCE(ring->size);
	u64 self = READ_ONCE(ring->self);
	u64 h = READ_ONCE(ring->head);
	size_t n, at, first;

	/* Not set up yet: its kernel has not come that far. */
	if (!magic)
		return 0;
	if (magic != PARKER_RING_MAGIC || size != RING_DATA_SIZE ||
	    self != p->mem_base + PARKER_CTL_CONSOLE) {
		snprintf(why, len, "console ring corrupted: magic %#x size %u self %#llx",
			 magic, size, self);
		return -EBADMSG;
	}
	/* Pairs with the writer's smp_wmb(): bytes before head are there. */
	smp_rmb();
	n = min_t(u64, h, RING_DATA_SIZE);
	at = (h % RING_DATA_SIZE + RING_DATA_SIZE - n) % RING_DATA_SIZE;
	first = min_t(size_t, n, RING_DATA_SIZE - at);
	memcpy(buf, ring->data + at, first);
	memcpy(buf + first, ring->data, n - first);
	*head = h;
	make_printable(buf, n, true);
	return n;
}

/* Its console_head: bytes ever written, 0 while the ring is not valid. */
u64 parker_ring_head(const struct parker_partition *p)
{
	const struct parker_ring *ring = parker_ctl(p, PARKER_CTL_CONSOLE);
	u32 magic = READ_ONCE(ring->magic);
	u32 size = READ_ONCE(ring->size);
	u64 self = READ_ONCE(ring->self);

	if (magic != PARKER_RING_MAGIC || size != RING_DATA_SIZE ||
	    self != p->mem_base + PARKER_CTL_CONSOLE)
		return 0;
	return READ_ONCE(ring->head);
}

size_t parker_ring_capacity(void)
{
	return RING_DATA_SIZE;
}
