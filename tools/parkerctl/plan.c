// SPDX-License-Identifier: GPL-2.0
/* The planner of parkerctl apply (plan.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "parse.h"
#include "plan.h"
#include "state.h"

#define CPULIST_MAX 16384

static void add(struct plan *p, enum plan_op op, const char *name,
		const struct apply_part *want, const char *why,
		const char *value)
{
	struct plan_action *a;

	p->actions = xrealloc(p->actions, (p->nr + 1) * sizeof(*p->actions));
	a = &p->actions[p->nr++];
	a->op = op;
	a->name = name;
	a->want = want;
	a->why = why;
	a->value = value;
}

static int active(const struct plan_current *c)
{
	return state_is_active(c->state);
}

static const struct plan_current *find_current(const struct plan_current *cur,
					       size_t nr, const char *name)
{
	for (size_t i = 0; i < nr; i++)
		if (!strcmp(cur[i].name, name))
			return &cur[i];
	return NULL;
}

/* Whether the kernel's CPU list is the canonical list want. */
static int same_cpus(const char *have, const char *want)
{
	struct cpuset set;
	char *canon;
	int same;

	if (!have)
		return 0;
	if (!have[0])
		return !want[0];
	if (parse_cpulist(have, &set))
		return 0;
	canon = xcalloc(1, CPULIST_MAX);
	format_cpulist(&set, canon, CPULIST_MAX);
	same = !strcmp(canon, want);
	free(canon);
	return same;
}

static int by_address(const void *x, const void *y)
{
	return strcmp(x, y);
}

/* Whether the kernel's devices (a line each) are the sorted set want. */
static int same_devices(const char *have, const struct apply_part *w)
{
	char (*devs)[PCI_ADDR_LEN], *copy, *save;
	size_t n = 0, max;
	int same = 0;
	struct pci_addr a;

	if (!have)
		return 0;
	copy = xstrdup(have);
	max = strlen(have) / 2 + 1;
	devs = xcalloc(max, sizeof(*devs));
	for (char *d = strtok_r(copy, " \t\r\n", &save); d;
	     d = strtok_r(NULL, " \t\r\n", &save)) {
		if (parse_pci_addr(d, &a))
			goto out;
		format_pci_addr(&a, devs[n++], PCI_ADDR_LEN);
	}
	if (n != w->nr_devices)
		goto out;
	if (n)
		qsort(devs, n, sizeof(*devs), by_address);
	same = 1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(devs[i], w->devices[i]))
			same = 0;
out:
	free(devs);
	free(copy);
	return same;
}

static const char *initrd_change(const struct apply_part *w,
				 const struct image_record *r)
{
	if (!w->initrd)
		return r->initrd[0] ? "initrd changed" : NULL;
	if (strcmp(r->initrd, w->initrd) ||
	    strcmp(r->initrd_sha256, w->initrd_sha256))
		return "initrd changed";
	return NULL;
}

/* How the loaded image differs from the one wanted, or NULL. */
static const char *image_change(const struct apply_part *w,
				const struct plan_current *c)
{
	const struct image_record *r = c->record;
	int loaded = c->has_image_size && c->image_size;

	if (!c->has_image_size)
		return "cannot read image_size";
	if (!w->kernel)
		return loaded ? "an image is loaded, the file has none" : NULL;
	if (!loaded)
		return "no image loaded";
	if (!r || r->size != c->image_size)
		return "the loaded image's file is unknown";
	if (strcmp(r->path, w->kernel) || strcmp(r->sha256, w->kernel_sha256))
		return "kernel changed";
	if (initrd_change(w, r))
		return initrd_change(w, r);
	if (!c->cmdline || strcmp(c->cmdline, w->cmdline))
		return "cmdline changed";
	return NULL;
}

/* Why c must be made anew to be w, or NULL. */
static const char *recreate_why(const struct apply_part *w,
				const struct plan_current *c)
{
	if (!c->state)
		return "cannot read its state";
	if (!same_cpus(c->cpus, w->cpus))
		return "cpus changed";
	if (!c->has_memory || c->memory != w->memory)
		return "memory changed";
	if (!same_devices(c->devices, w))
		return "devices changed";
	return image_change(w, c);
}

static void teardown(struct plan *p, const struct plan_current *c,
		     const char *why)
{
	if (active(c))
		add(p, PLAN_STOP, c->name, NULL, why, NULL);
	add(p, PLAN_DESTROY, c->name, NULL, why, NULL);
}

static void make_new(struct plan *p, const struct apply_part *w)
{
	add(p, PLAN_CREATE, w->name, w, NULL, NULL);
	if (w->kernel)
		add(p, PLAN_LOAD, w->name, w, NULL, w->kernel);
	if (w->start)
		add(p, PLAN_START, w->name, w, NULL, NULL);
}

static void set_if(struct plan *p, const struct apply_part *w,
		   const char *have, const char *want, const char *key,
		   const char *value)
{
	if (!have || strcmp(have, want))
		add(p, PLAN_SET, w->name, w, key, value);
}

/* What a partition that stays needs: policies, then its running state. */
static void adjust(struct plan *p, const struct apply_part *w,
		   const struct plan_current *c)
{
	size_t before = p->nr;

	set_if(p, w, c->on_crash, w->on_crash, "on-crash", w->on_crash);
	set_if(p, w, c->on_reboot, w->on_reboot, "on-reboot", w->on_reboot);
	set_if(p, w, c->on_dma_fault, w->on_dma_fault, "on-dma-fault",
	       w->on_dma_fault);
	set_if(p, w, c->smt_split, w->smt_split ? "1" : "0", "smt-split",
	       w->smt_split ? "yes" : "no");
	if (w->start && (state_is(c->state, PARKER_STATE_LOADED) ||
			 state_is_down(c->state)))
		add(p, PLAN_START, w->name, w, NULL, NULL);
	if (!w->start && active(c))
		add(p, PLAN_STOP, w->name, w, "start = no", NULL);
	if (p->nr == before)
		add(p, PLAN_UNCHANGED, w->name, w, NULL, NULL);
}

void plan_make(const struct apply_file *want,
	       const struct plan_current *cur, size_t nr_cur, int prune,
	       struct plan *p)
{
	const char **why = xcalloc(want->nr, sizeof(*why));

	memset(p, 0, sizeof(*p));
	for (size_t i = 0; i < nr_cur; i++)
		if (prune && !applyfile_find(want, cur[i].name))
			teardown(p, &cur[i], NULL);
	for (size_t i = 0; i < want->nr; i++) {
		const struct apply_part *w = &want->parts[i];
		const struct plan_current *c = find_current(cur, nr_cur,
							    w->name);

		why[i] = c ? recreate_why(w, c) : NULL;
		if (why[i])
			teardown(p, c, why[i]);
	}
	for (size_t i = 0; i < want->nr; i++) {
		const struct apply_part *w = &want->parts[i];
		const struct plan_current *c = find_current(cur, nr_cur,
							    w->name);

		if (!c || why[i])
			make_new(p, w);
		else
			adjust(p, w, c);
	}
	for (size_t i = 0; i < nr_cur; i++)
		if (!prune && !applyfile_find(want, cur[i].name))
			add(p, PLAN_KEEP, cur[i].name, NULL, NULL, NULL);
	free(why);
}

void plan_free(struct plan *p)
{
	free(p->actions);
	memset(p, 0, sizeof(*p));
}

int plan_changes(const struct plan_action *a)
{
	return a->op != PLAN_UNCHANGED && a->op != PLAN_KEEP;
}

static const char *const verbs[] = {
	[PLAN_STOP] = "stop",
	[PLAN_DESTROY] = "destroy",
	[PLAN_CREATE] = "create",
	[PLAN_LOAD] = "load",
	[PLAN_START] = "start",
	[PLAN_SET] = "set",
};

void plan_format(const struct plan_action *a, const char *file,
		 int dry_run, char *buf, size_t len)
{
	const char *would = dry_run ? "would " : "";

	switch (a->op) {
	case PLAN_UNCHANGED:
		snprintf(buf, len, "unchanged %s", a->name);
		return;
	case PLAN_KEEP:
		snprintf(buf, len, "%s: not in %s (kept; --prune destroys)",
			 a->name, file);
		return;
	case PLAN_LOAD:
	case PLAN_SET:
		snprintf(buf, len, "%s%s %s %s%s%s", would, verbs[a->op],
			 a->name, a->op == PLAN_SET ? a->why : "",
			 a->op == PLAN_SET ? " " : "", a->value);
		return;
	case PLAN_STOP:
	case PLAN_DESTROY:
		if (a->why)
			snprintf(buf, len, "%s%s %s (%s)", would, verbs[a->op],
				 a->name, a->why);
		else
			snprintf(buf, len, "%s%s %s (not in %s)", would,
				 verbs[a->op], a->name, file);
		return;
	default:
		snprintf(buf, len, "%s%s %s", would, verbs[a->op], a->name);
	}
}
