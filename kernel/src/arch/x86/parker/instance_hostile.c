// SPDX-License-Identifier: GPL-2.0
/*
 * Parker test knob: an application kernel that scribbles over the pages it
 * shares with the boot kernel, to show that the boot kernel survives any
 * of it (CONFIG_PARKER_HOSTILE_TEST; never in production).
 *
 * Write to /sys/kernel/debug/parker_hostile:
 *
 *   ring N      N rounds of adversarial console ring headers: size 0, huge
 *               or changing, head far outside, wrong magic or address,
 *               control characters in the data; a valid header afterwards
 *   message N   N rounds of an unterminated message full of control
 *               characters, and random heartbeats, while the state still
 *               says running; a clean message afterwards
 *   status N    random values over the whole status page (but request)
 *               until the boot kernel takes the partition back
 *   crash       an unterminated message, then the state crashed
 *
 * Each round ends with a short sleep, so that the boot kernel's readers
 * see every kind of value.  The writes come back only when done.
 */
#define pr_fmt(fmt) "parker: hostile: " fmt

#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/irqflags.h>
#include <linux/kstrtox.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <asm/parker.h>

#include "parker.h"

static void pause_round(void)
{
	usleep_range(100, 300);
}

/* Bytes a terminal would act on, and no NUL. */
static void garbage(char *s, size_t n)
{
	static const char evil[] = "\x1b[2J\x1b]0;owned\x07\r\x08\x7f%s%n";
	size_t i;

	get_random_bytes(s, n);
	for (i = 0; i < n; i++) {
		if (!s[i] || i % 3 == 0)
			s[i] = evil[i % (sizeof(evil) - 1)];
	}
}

static void ring_round(struct parker_ring *ring, u32 size, u64 self,
		       unsigned int i)
{
	switch (i % 8) {
	case 0:
		WRITE_ONCE(ring->size, 0);
		break;
	case 1:
		WRITE_ONCE(ring->size, U32_MAX);
		break;
	case 2:
		WRITE_ONCE(ring->size, get_random_u32());
		break;
	case 3:
		WRITE_ONCE(ring->magic, get_random_u32());
		break;
	case 4:
		WRITE_ONCE(ring->self, get_random_u64());
		break;
	case 5:
		WRITE_ONCE(ring->head, U64_MAX - get_random_u32());
		break;
	case 6:
		WRITE_ONCE(ring->head, get_random_u64());
		break;
	default:
		garbage(ring->data + get_random_u32_below(size - 256), 256);
		break;
	}
	pause_round();
	/* Every other round a valid header, with the last head written. */
	if (i % 2) {
		WRITE_ONCE(ring->magic, PARKER_RING_MAGIC);
		WRITE_ONCE(ring->size, size);
		WRITE_ONCE(ring->self, self);
	}
}

static void hostile_ring(unsigned int rounds)
{
	const struct parker_record *rec = parker_instance_record();
	struct parker_ring *ring = parker_instance_ring();
	u32 size = rec->console_size - sizeof(*ring);
	unsigned int i;

	for (i = 0; i < rounds; i++)
		ring_round(ring, size, rec->console_pa, i);
	WRITE_ONCE(ring->magic, PARKER_RING_MAGIC);
	WRITE_ONCE(ring->size, size);
	WRITE_ONCE(ring->self, rec->console_pa);
	/* The next line written puts the real head back. */
	pr_info("ring: %u rounds done\n", rounds);
}

static void hostile_message(unsigned int rounds)
{
	struct parker_status *st = parker_instance_status();
	unsigned int i, cpu;

	for (i = 0; i < rounds; i++) {
		garbage(st->message, sizeof(st->message));
		cpu = i % PARKER_REC_CPUS;
		WRITE_ONCE(st->heartbeat[cpu], get_random_u64());
		pause_round();
	}
	memset(st->message, 0, sizeof(st->message));
	pr_info("message: %u rounds done\n", rounds);
}

/* Until the boot kernel sends INIT: it must see the page corrupted. */
static void hostile_status(unsigned int rounds)
{
	struct parker_status *st = parker_instance_status();
	size_t request = offsetof(struct parker_status, request);
	unsigned int i;

	pr_info("status: %u rounds\n", rounds);
	for (i = 0; i < rounds; i++) {
		/* request is the boot kernel's to write. */
		get_random_bytes(st, request);
		get_random_bytes((void *)st + request + sizeof(st->request),
				 sizeof(*st) - request - sizeof(st->request));
		pause_round();
	}
	pr_info("status: %u rounds done: still running\n", rounds);
}

static void __noreturn hostile_crash(void)
{
	struct parker_status *st = parker_instance_status();

	pr_info("crash: an unterminated message\n");
	garbage(st->message, sizeof(st->message));
	/* The message before the state, as a real panic writes them. */
	smp_wmb();
	WRITE_ONCE(st->state, PARKER_APP_CRASHED);
	local_irq_disable();
	for (;;)
		native_halt();
}

static ssize_t hostile_write(struct file *file, const char __user *ubuf,
			     size_t len, loff_t *ppos)
{
	char buf[32], *arg, *what;
	unsigned int rounds = 0;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	arg = strim(buf);
	what = strsep(&arg, " ");
	if (arg && kstrtouint(arg, 10, &rounds))
		return -EINVAL;
	if (!parker_instance_status() || !parker_instance_ring())
		return -ENODEV;

	if (!strcmp(what, "ring") && rounds)
		hostile_ring(rounds);
	else if (!strcmp(what, "message") && rounds)
		hostile_message(rounds);
	else if (!strcmp(what, "status") && rounds)
		hostile_status(rounds);
	else if (!strcmp(what, "crash"))
		hostile_crash();
	else
		return -EINVAL;
	return len;
}

static const struct file_operations hostile_fops = {
	.write = hostile_write,
	.llseek = noop_llseek,
};

/* From parker_instance_late(). */
void __init parker_hostile_init(void)
{
	debugfs_create_file("parker_hostile", 0200, NULL, NULL, &hostile_fops);
}
