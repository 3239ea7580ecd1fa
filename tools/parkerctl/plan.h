/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What parkerctl apply does: a pure function from the partitions the file
 * wants and the partitions there are to a list of actions, so that every
 * case can be tested without a kernel.
 *
 * For a partition of the file that is missing: create, load (when it has
 * a kernel), start (when it is to start).  One whose CPUs, memory,
 * devices or image (kernel and initrd path and SHA-256, command line)
 * differ: stop (when active), destroy, and the same as a missing one.
 * One whose policies alone differ gets them written in place; one that
 * is to run but is loaded, stopped or crashed is started, one that is
 * not to run but does is stopped.  Anything else is unchanged.  A
 * partition the file does not name is kept, or with prune stopped and
 * destroyed.  Destroys come first, so that what they free can go to the
 * partitions made after them.
 */
#ifndef PARKERCTL_PLAN_H
#define PARKERCTL_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "applyfile.h"
#include "image.h"

/* A partition as it is; NULL (or has_ 0) for what cannot be read. */
struct plan_current {
	const char *name;
	const char *state;
	const char *cpus;		/* the kernel's cpus file */
	int has_memory;
	uint64_t memory;		/* bytes */
	const char *devices;		/* the kernel's devices file */
	const char *on_crash;
	const char *on_reboot;
	const char *on_dma_fault;
	const char *smt_split;		/* "0" or "1" */
	int has_image_size;
	uint64_t image_size;		/* 0: nothing loaded */
	const char *cmdline;		/* the loaded image's */
	const struct image_record *record;	/* NULL: none */
};

enum plan_op {
	PLAN_UNCHANGED,
	PLAN_KEEP,		/* not in the file, and no prune */
	PLAN_STOP,
	PLAN_DESTROY,
	PLAN_CREATE,
	PLAN_LOAD,
	PLAN_START,
	PLAN_SET,		/* a policy, in place */
};

struct plan_action {
	enum plan_op op;
	const char *name;
	const struct apply_part *want;	/* create, load, start, set */
	/*
	 * stop and destroy: why, or NULL when the file does not name the
	 * partition; set: the key ("on-crash").
	 */
	const char *why;
	const char *value;		/* set: the value; load: the kernel */
};

struct plan {
	struct plan_action *actions;
	size_t nr;
};

/* The plan; its strings point into want and cur. */
void plan_make(const struct apply_file *want,
	       const struct plan_current *cur, size_t nr_cur, int prune,
	       struct plan *p);
void plan_free(struct plan *p);

/*
 * The line that says what a does ("create web", "destroy old (not in
 * FILE)"), with "would " first for a dry run when it changes something.
 */
void plan_format(const struct plan_action *a, const char *file,
		 int dry_run, char *buf, size_t len);
/* Whether a changes anything. */
int plan_changes(const struct plan_action *a);

#endif
