// SPDX-License-Identifier: GPL-2.0
/*
 * Parker partition states: the one stored state of a partition, the
 * transitions allowed between states, and the one guard that says whether
 * what a partition holds may change now.
 *
 * A partition's state changes only through parker_set_state(), which
 * refuses (and warns of) a transition the table does not list and logs
 * every change.  Documentation/arch/x86/parker.rst has the same table.
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/bug.h>
#include <linux/cpumask.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/printk.h>

#include <asm/parker.h>

#include "parker.h"

static const char *const state_names[] = PARKER_STATE_NAMES;

const char *parker_state_name(enum parker_state state)
{
	if (state >= ARRAY_SIZE(state_names))
		return "invalid";
	return state_names[state];
}

#define TO(s)	BIT(PARKER_STATE_##s)

/*
 * Where each state may go.  EMPTY, READY and LOADED follow what the
 * partition holds; STARTING is entered by a start only, from a state that
 * holds an image; RUNNING, UNRESPONSIVE, STOPPED and CRASHED are what the
 * boot kernel saw of its kernel; QUARANTINED is entered when a CPU is not
 * proven back, and left only when a force-stop proves them all.
 */
static const u16 allowed[PARKER_STATE_COUNT] = {
	[PARKER_STATE_EMPTY]	    = TO(READY),
	[PARKER_STATE_READY]	    = TO(EMPTY) | TO(LOADED),
	[PARKER_STATE_LOADED]	    = TO(READY) | TO(STARTING),
	[PARKER_STATE_STARTING]	    = TO(RUNNING) | TO(UNRESPONSIVE) | TO(STOPPED) |
				      TO(CRASHED) | TO(QUARANTINED),
	[PARKER_STATE_RUNNING]	    = TO(UNRESPONSIVE) | TO(STOPPED) | TO(CRASHED) |
				      TO(QUARANTINED),
	[PARKER_STATE_UNRESPONSIVE] = TO(RUNNING) | TO(STOPPED) | TO(CRASHED) |
				      TO(QUARANTINED),
	[PARKER_STATE_STOPPED]	    = TO(READY) | TO(LOADED) | TO(STARTING),
	[PARKER_STATE_CRASHED]	    = TO(READY) | TO(LOADED) | TO(STARTING),
	[PARKER_STATE_QUARANTINED]  = TO(STOPPED),
};

/* Whether the table lets a partition in @from go to @to (KUnit-tested). */
bool parker_state_allowed(enum parker_state from, enum parker_state to)
{
	if (from >= PARKER_STATE_COUNT || to >= PARKER_STATE_COUNT)
		return false;
	return allowed[from] & BIT(to);
}

/* Move @p to @to; a move the table does not list is a bug, and refused. */
int parker_set_state(struct parker_partition *p, enum parker_state to)
{
	enum parker_state from = p->state;

	lockdep_assert_held(&parker_mutex);
	if (from == to)
		return 0;
	if (WARN(!parker_state_allowed(from, to), "parker: %s: no transition %s -> %s\n",
		 p->name, parker_state_name(from), parker_state_name(to)))
		return -EINVAL;
	p->state = to;
	pr_info("%s: %s -> %s\n", p->name, parker_state_name(from),
		parker_state_name(to));
	return 0;
}

/* Its CPUs may be running its kernel right now, whatever it reported. */
bool parker_partition_active(const struct parker_partition *p)
{
	switch (p->state) {
	case PARKER_STATE_STARTING:
	case PARKER_STATE_RUNNING:
	case PARKER_STATE_UNRESPONSIVE:
		return true;
	default:
		return false;
	}
}

/*
 * EMPTY, READY or LOADED, from what @p holds now, after its CPUs, memory
 * or image changed, which the guard allows only while its kernel is not
 * running.  A stopped or crashed partition holds its image and so cannot
 * change CPUs or memory: it leaves that state only for another image
 * (LOADED), none (READY) or a start.
 */
void parker_state_from_holdings(struct parker_partition *p)
{
	enum parker_state to = PARKER_STATE_EMPTY;

	if (p->image)
		to = PARKER_STATE_LOADED;
	else if (!cpumask_empty(&p->cpus) && p->mem_size)
		to = PARKER_STATE_READY;
	parker_set_state(p, to);
}

/* Why @p is in its state; a quarantine's reason stays until it ends. */
void parker_set_reason(struct parker_partition *p, const char *fmt, ...)
{
	va_list args;

	if (p->state == PARKER_STATE_QUARANTINED)
		return;
	va_start(args, fmt);
	vsnprintf(p->reason, sizeof(p->reason), fmt, args);
	va_end(args);
}

/*
 * Nothing @p holds changes while something runs on it without
 * parker_mutex (busy), nor while it is quarantined: 0, or -EBUSY and why.
 */
int parker_partition_frozen(struct parker_partition *p)
{
	if (p->busy) {
		parker_fail(p, "%s: try again once that is done", p->busy);
		return -EBUSY;
	}
	if (p->state == PARKER_STATE_QUARANTINED) {
		parker_fail(p, "is quarantined (%s): force-stop it to try its CPUs again",
			    p->reason);
		return -EBUSY;
	}
	return 0;
}

static const char *const changes[] = {
	[PARKER_CHANGE_CPUS]	= "changing its CPUs",
	[PARKER_CHANGE_MEMORY]	= "changing its memory",
	[PARKER_CHANGE_DEVICES]	= "changing its devices",
	[PARKER_CHANGE_IMAGE]	= "loading or unloading",
	[PARKER_CHANGE_DESTROY]	= "destroying it",
};

/*
 * The one guard: whether @what of @p may change now; 0, or -EBUSY with
 * why in last_cmd_status.  The caller settles @p first
 * (parker_partition_settle()), so that a kernel that already stopped or
 * crashed does not hold things up.  Nothing changes while @p is frozen or
 * its CPUs may run its kernel; CPUs and memory not while it holds an
 * image, which was placed in them.
 */
int parker_may_change(struct parker_partition *p, enum parker_change what)
{
	int ret;

	lockdep_assert_held(&parker_mutex);
	ret = parker_partition_frozen(p);
	if (ret)
		return ret;
	if (parker_partition_active(p)) {
		parker_fail(p, "is %s: stop it before %s",
			    parker_state_name(p->state), changes[what]);
		return -EBUSY;
	}
	if ((what == PARKER_CHANGE_CPUS || what == PARKER_CHANGE_MEMORY) &&
	    p->image) {
		parker_fail(p, "holds a loaded image: unload it before %s",
			    changes[what]);
		return -EBUSY;
	}
	return 0;
}
