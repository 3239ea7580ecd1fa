// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl apply FILE [--dry-run] [--prune]
 *
 * Make the partitions what FILE describes (applyfile.h).  The whole file
 * is parsed, and its kernels and initrds read, before anything changes:
 * an error there refuses the file as "parkerctl: FILE:LINE: reason".
 * Then the plan (plan.h) is made from the file, the partitions there are
 * and the records of their images, and carried out one action at a time,
 * each printed as it starts; a failed action skips the rest of its
 * partition's, and apply fails at the end.  --dry-run prints the plan.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "applyfile.h"
#include "cli.h"
#include "commands.h"
#include "image.h"
#include "parkerfs.h"
#include "partinfo.h"
#include "plan.h"
#include "steps.h"

/* A partition file is small; this is a typo'd path to something else. */
#define APPLY_FILE_MAX (1 << 20)

struct apply {
	const char *file;
	int dry_run;
	int prune;
	struct apply_file want;
	struct partinfo *parts;
	size_t nr_parts;
	struct plan_current *cur;
	struct image_record *records;
};

static int option(int argc, char **argv, int *i, void *arg)
{
	struct apply *a = arg;

	(void)argc;
	if (!strcmp(argv[*i], "--dry-run"))
		a->dry_run = 1;
	else if (!strcmp(argv[*i], "--prune"))
		a->prune = 1;
	else
		return OPT_UNKNOWN;
	return 0;
}

/* Up to APPLY_FILE_MAX + 1 bytes of fd: 0, or -1 with errno. */
static int read_fd(int fd, char *buf, size_t *len)
{
	ssize_t n;

	*len = 0;
	while (*len <= APPLY_FILE_MAX) {
		n = read(fd, buf + *len, APPLY_FILE_MAX + 1 - *len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (!n)
			break;
		*len += (size_t)n;
	}
	return 0;
}

/* The whole file into a buffer to free(), or NULL after saying why. */
static char *read_file(const char *file, size_t *len)
{
	char *buf = xcalloc(1, APPLY_FILE_MAX + 1);
	const char *why = NULL;
	int fd;

	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || read_fd(fd, buf, len))
		why = strerror(errno);
	else if (*len > APPLY_FILE_MAX)
		why = "larger than 1 MiB";
	if (fd >= 0)
		close(fd);
	if (!why)
		return buf;
	error_msg(NULL, "%s: cannot read: %s", file, why);
	free(buf);
	return NULL;
}

static int parse_file(struct apply *a)
{
	struct apply_error err;
	size_t len = 0;
	char *buf = read_file(a->file, &len);
	int ret;

	if (!buf)
		return -1;
	ret = applyfile_parse(buf, len, &a->want, &err);
	free(buf);
	if (ret)
		error_msg(NULL, "%s:%u: %s", a->file, err.line, err.msg);
	return ret;
}

/* The SHA-256 of a file the plan names: 0, or -1 after saying why not. */
static int digest(const struct apply *a, unsigned int line, const char *what,
		  const char *path, char *hex)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	const char *why = NULL;
	struct stat st;

	if (fd < 0 || fstat(fd, &st))
		why = strerror(errno);
	else if (!S_ISREG(st.st_mode))
		why = "not a regular file";	/* nor one to read to its end */
	else if (sha256_fd(fd, hex))
		why = strerror(errno);
	if (fd >= 0)
		close(fd);
	if (!why)
		return 0;
	error_msg(NULL, "%s:%u: cannot read %s %s: %s", a->file, line, what,
		  path, why);
	return -1;
}

static int digest_files(struct apply *a)
{
	for (size_t i = 0; i < a->want.nr; i++) {
		struct apply_part *w = &a->want.parts[i];

		if (w->kernel &&
		    digest(a, w->key_line[AK_KERNEL], "kernel", w->kernel,
			   w->kernel_sha256))
			return -1;
		if (w->initrd &&
		    digest(a, w->key_line[AK_INITRD], "initrd", w->initrd,
			   w->initrd_sha256))
			return -1;
	}
	return 0;
}

static void current_of(const struct partinfo *p, struct image_record *r,
		       struct plan_current *c)
{
	uint64_t base;

	c->name = p->name;
	c->state = p->val[PF_STATE];
	c->cpus = p->val[PF_CPUS];
	c->has_memory = !partinfo_memory(p, &c->memory, &base);
	c->devices = p->val[PF_DEVICES];
	c->on_crash = p->val[PF_ON_CRASH];
	c->on_reboot = p->val[PF_ON_REBOOT];
	c->on_dma_fault = p->val[PF_ON_DMA_FAULT];
	c->smt_split = p->val[PF_SMT_SPLIT];
	c->has_image_size = !partinfo_u64(p, PF_IMAGE_SIZE, &c->image_size);
	c->cmdline = p->val[PF_CMDLINE];
	c->record = image_record_read(p->name, r) ? NULL : r;
}

static int read_current(struct apply *a)
{
	if (partinfo_list(&a->parts, &a->nr_parts))
		return -1;
	a->cur = xcalloc(a->nr_parts, sizeof(*a->cur));
	a->records = xcalloc(a->nr_parts, sizeof(*a->records));
	for (size_t i = 0; i < a->nr_parts; i++)
		current_of(&a->parts[i], &a->records[i], &a->cur[i]);
	return 0;
}

static int do_create(const struct apply_part *w)
{
	struct create *c = create_new("apply", (int)w->nr_devices + 1);
	char memory[24];
	int ret;

	snprintf(memory, sizeof(memory), "%" PRIu64, w->memory);
	c->cpus_arg = w->cpus;
	c->memory_arg = memory;
	for (size_t i = 0; i < w->nr_devices; i++)
		c->device_args[c->nr_devices++] = w->devices[i];
	c->smt_split = w->smt_split;
	c->on_crash = w->on_crash;
	c->on_reboot = w->on_reboot;
	c->on_dma_fault = w->on_dma_fault;
	ret = create_check(c, w->name);
	if (!ret)
		ret = create_partition(c);
	create_free(c);
	return ret;
}

static int do_load(const struct apply_part *w)
{
	struct load l = {
		.cmd = "apply",
		.kernel = w->kernel,
		.initrd = w->initrd,
		.cmdline = w->cmdline,
	};

	return load_partition(&l, w->name);
}

static int do_set(const struct plan_action *pa)
{
	char why[PARKERFS_STATUS_MAX], file[16];
	const char *val = pa->value;

	snprintf(file, sizeof(file), "%s", pa->why);
	for (char *dash = strchr(file, '-'); dash; dash = strchr(dash, '-'))
		*dash = '_';
	if (!strcmp(val, "yes") || !strcmp(val, "no"))
		val = val[0] == 'y' ? "1" : "0";
	if (!parkerfs_write(pa->name, file, val))
		return EXIT_OK;
	error_msg(pa->name, "cannot set %s to %s: %s", file, val,
		  parkerfs_reason(pa->name, errno, why, sizeof(why)));
	return EXIT_FAIL;
}

static int do_action(const struct plan_action *pa)
{
	switch (pa->op) {
	case PLAN_STOP:
		return stop_partition(pa->name, STOP_TIMEOUT);
	case PLAN_DESTROY:
		return destroy_partition(pa->name);
	case PLAN_CREATE:
		return do_create(pa->want);
	case PLAN_LOAD:
		return do_load(pa->want);
	case PLAN_START:
		return start_partition(pa->name);
	case PLAN_SET:
		return do_set(pa);
	default:
		return EXIT_OK;
	}
}

static int failed_before(const struct plan *p, size_t i, const int *failed)
{
	for (size_t j = 0; j < i; j++)
		if (failed[j] && !strcmp(p->actions[j].name,
					 p->actions[i].name))
			return 1;
	return 0;
}

static int carry_out(const struct apply *a, const struct plan *p)
{
	int *failed = xcalloc(p->nr, sizeof(*failed));
	int ret = EXIT_OK;
	char line[512];

	for (size_t i = 0; i < p->nr; i++) {
		const struct plan_action *pa = &p->actions[i];

		if (failed_before(p, i, failed))
			continue;
		plan_format(pa, a->file, a->dry_run, line, sizeof(line));
		printf("%s\n", line);
		fflush(stdout);
		if (a->dry_run || !plan_changes(pa))
			continue;
		failed[i] = do_action(pa) != EXIT_OK;
		if (failed[i])
			ret = EXIT_FAIL;
	}
	free(failed);
	return ret;
}

static int apply(struct apply *a)
{
	struct plan p;
	int ret;

	if (parse_file(a) || digest_files(a))
		return EXIT_FAIL;
	if (parkerfs_mount() || read_current(a))
		return EXIT_FAIL;
	plan_make(&a->want, a->cur, a->nr_parts, a->prune, &p);
	ret = carry_out(a, &p);
	plan_free(&p);
	return ret;
}

int cmd_apply(int argc, char **argv)
{
	struct apply a = { 0 };
	int ret;

	ret = parse_words("apply", argc, argv, &a.file, 1, "FILE", option, &a);
	if (ret)
		return ret;
	ret = apply(&a);
	applyfile_free(&a.want);
	partinfo_list_free(a.parts, a.nr_parts);
	free(a.cur);
	free(a.records);
	return ret;
}
