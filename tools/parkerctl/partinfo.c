// SPDX-License-Identifier: GPL-2.0
/* A partition's files, read at once (partinfo.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "cli.h"
#include "parkerfs.h"
#include "partinfo.h"

static const char *const files[NR_PART_FILES] = {
	[PF_ID] = "id",
	[PF_STATE] = "state",
	[PF_CPUS] = "cpus",
	[PF_APIC_IDS] = "apic_ids",
	[PF_SMT_SPLIT] = "smt_split",
	[PF_MEMORY] = "memory",
	[PF_MEMORY_NODE] = "memory_node",
	[PF_DEVICES] = "devices",
	[PF_ON_CRASH] = "on_crash",
	[PF_ON_REBOOT] = "on_reboot",
	[PF_RESTART_COUNT] = "restart_count",
	[PF_CRASH] = "crash",
	[PF_HEARTBEAT] = "heartbeat_age_ms",
	[PF_STARTED_AT] = "started_at",
	[PF_IMAGE_SIZE] = "image_size",
	[PF_CMDLINE] = "cmdline",
	[PF_REASON] = "reason",
	[PF_DMA] = "dma",
	[PF_DMA_FAULTS] = "dma_faults",
	[PF_ON_DMA_FAULT] = "on_dma_fault",
};

int partinfo_read(const char *name, struct partinfo *p)
{
	char *buf = xcalloc(1, PARKERFS_VALUE_MAX);

	memset(p, 0, sizeof(*p));
	for (int f = 0; f < NR_PART_FILES; f++) {
		if (parkerfs_read(name, files[f], buf, PARKERFS_VALUE_MAX))
			p->err[f] = errno;
		else
			p->val[f] = xstrdup(buf);
	}
	free(buf);
	if (!p->val[PF_ID] && p->err[PF_ID] == ENOENT) {
		partinfo_free(p);
		return 1;
	}
	p->name = xstrdup(name);
	p->has_id = !partinfo_u64(p, PF_ID, &p->id);
	return 0;
}

void partinfo_free(struct partinfo *p)
{
	for (int f = 0; f < NR_PART_FILES; f++)
		free(p->val[f]);
	free(p->name);
	memset(p, 0, sizeof(*p));
}

int partinfo_u64(const struct partinfo *p, enum part_file f, uint64_t *v)
{
	if (!p->val[f])
		return -1;
	return parkerfs_parse_u64(p->val[f], v);
}

int partinfo_memory(const struct partinfo *p, uint64_t *size,
		    uint64_t *base)
{
	if (!p->val[PF_MEMORY])
		return -1;
	return parkerfs_parse_memory(p->val[PF_MEMORY], size, base);
}

int partinfo_ranges(const struct partinfo *p, struct parkerfs_range *r,
		    int max)
{
	if (!p->val[PF_MEMORY])
		return -1;
	return parkerfs_parse_ranges(p->val[PF_MEMORY], r, max);
}

static int is_partition_dir(DIR *dir, const struct dirent *ent)
{
	struct stat st;

	if (ent->d_name[0] == '.' || !strcmp(ent->d_name, "info"))
		return 0;
	if (ent->d_type != DT_UNKNOWN)
		return ent->d_type == DT_DIR;
	if (fstatat(dirfd(dir), ent->d_name, &st, AT_SYMLINK_NOFOLLOW))
		return 0;
	return S_ISDIR(st.st_mode);
}

static int by_id(const void *a, const void *b)
{
	const struct partinfo *x = a, *y = b;

	if (x->has_id != y->has_id)
		return y->has_id - x->has_id;
	if (x->has_id && x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return strcmp(x->name, y->name);
}

int partinfo_list(struct partinfo **list, size_t *nr)
{
	size_t alloc = 0;
	struct dirent *ent;
	DIR *dir;

	*list = NULL;
	*nr = 0;
	dir = opendir(parkerfs_root());
	if (!dir) {
		error_msg(NULL, "cannot read %s: %s", parkerfs_root(),
			  strerror(errno));
		return -1;
	}
	while ((ent = readdir(dir))) {
		if (!is_partition_dir(dir, ent))
			continue;
		if (*nr == alloc) {
			alloc = alloc ? 2 * alloc : 16;
			*list = xrealloc(*list, alloc * sizeof(**list));
		}
		if (!partinfo_read(ent->d_name, &(*list)[*nr]))
			(*nr)++;
	}
	closedir(dir);
	if (*nr)
		qsort(*list, *nr, sizeof(**list), by_id);
	return 0;
}

void partinfo_list_free(struct partinfo *list, size_t nr)
{
	for (size_t i = 0; i < nr; i++)
		partinfo_free(&list[i]);
	free(list);
}

int partinfo_pool(uint64_t *total, uint64_t *avail)
{
	if (!parkerfs_read_u64("info", "pool_size", total) &&
	    !parkerfs_read_u64("info", "pool_free", avail))
		return 0;
	error_msg(NULL, "cannot read the pool size from %s/info: %s",
		  parkerfs_root(), strerror(errno));
	return -1;
}
