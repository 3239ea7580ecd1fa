// SPDX-License-Identifier: GPL-2.0
/*
 * Parker's error channel: why the last change was refused, for
 * info/last_cmd_status and the kernel log.  Like resctrl's last_cmd_status
 * it is one buffer for the whole file system, written under parker_mutex
 * by whichever layer refuses, and cleared when a new operation begins.
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/seq_buf.h>

#include "parker.h"

static char last_cmd_buf[256];
static struct seq_buf last_cmd = {
	.buffer = last_cmd_buf,
	.size = sizeof(last_cmd_buf),
};

bool parker_last_cmd_set(void)
{
	return seq_buf_used(&last_cmd);
}

const char *parker_last_cmd_str(void)
{
	return seq_buf_used(&last_cmd) ? seq_buf_str(&last_cmd) : "";
}

void parker_last_cmd_clear(void)
{
	lockdep_assert_held(&parker_mutex);
	seq_buf_clear(&last_cmd);
}

void parker_fail(struct parker_partition *p, const char *fmt, ...)
{
	va_list args;

	lockdep_assert_held(&parker_mutex);
	seq_buf_clear(&last_cmd);
	if (p)
		seq_buf_printf(&last_cmd, "%s: ", p->name);
	va_start(args, fmt);
	seq_buf_vprintf(&last_cmd, fmt, args);
	va_end(args);
	pr_info("%s\n", seq_buf_str(&last_cmd));
}
