// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl list: one line per partition, in id order, then the pool.
 *
 *   NAME  ID  STATE  CPUS  MEMORY  DEVICES
 *   web   0   ready  2-3   256M    0000:00:10.0
 *   pool: 1G total, 768M free
 *
 * Empty values are "-", values that cannot be read "?".
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "parkerctl.h"
#include "parkerfs.h"
#include "parse.h"

enum {
	COL_NAME, COL_ID, COL_STATE, COL_CPUS, COL_MEMORY, COL_DEVICES,
	NR_COLS
};

static const char *const headers[NR_COLS] = {
	"NAME", "ID", "STATE", "CPUS", "MEMORY", "DEVICES",
};

struct row {
	uint64_t id;
	int has_id;
	const char *col[NR_COLS];
};

struct table {
	struct row *rows;
	size_t nr, alloc;
};

/* "0" or "SIZE@0xBASE" -> SIZE. */
static int parse_memory(const char *s, uint64_t *size)
{
	char num[24];
	const char *at = strchr(s, '@');
	size_t n;

	if (!at)
		return parkerfs_parse_u64(s, size);
	n = (size_t)(at - s);
	if (n >= sizeof(num) || strncmp(at + 1, "0x", 2) || !at[3] ||
	    strspn(at + 3, "0123456789abcdefABCDEF") != strlen(at + 3))
		return -1;
	memcpy(num, s, n);
	num[n] = '\0';
	return parkerfs_parse_u64(num, size);
}

static void show_memory(char *buf, size_t len)
{
	uint64_t size;

	if (parse_memory(buf, &size))
		return;		/* shown as the kernel wrote it */
	if (!size)
		snprintf(buf, len, "-");
	else
		format_size(size, buf, len);
}

/* One device per line -> comma-separated. */
static void show_devices(char *buf)
{
	for (char *p = buf; *p; p++)
		if (*p == '\n')
			*p = ',';
}

static const char *field(const char *name, const char *file)
{
	char buf[PARKERFS_VALUE_MAX];

	if (parkerfs_read(name, file, buf, sizeof(buf)))
		return xstrdup("?");
	if (!strcmp(file, "memory"))
		show_memory(buf, sizeof(buf));
	else if (!strcmp(file, "devices"))
		show_devices(buf);
	return xstrdup(buf[0] ? buf : "-");
}

/* 0 with the row filled, 1 when name is not (or no longer) a partition. */
static int read_row(const char *name, struct row *row)
{
	char id[32];

	if (parkerfs_read(name, "id", id, sizeof(id))) {
		if (errno == ENOENT)
			return 1;
		snprintf(id, sizeof(id), "?");
	}
	row->has_id = !parkerfs_parse_u64(id, &row->id);
	row->col[COL_NAME] = xstrdup(name);
	row->col[COL_ID] = xstrdup(id);
	row->col[COL_STATE] = field(name, "state");
	row->col[COL_CPUS] = field(name, "cpus");
	row->col[COL_MEMORY] = field(name, "memory");
	row->col[COL_DEVICES] = field(name, "devices");
	return 0;
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

static struct row *new_row(struct table *t)
{
	struct row *rows;

	if (t->nr == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 16;
		rows = xcalloc(t->alloc, sizeof(*rows));
		if (t->nr)
			memcpy(rows, t->rows, t->nr * sizeof(*rows));
		free(t->rows);
		t->rows = rows;
	}
	return &t->rows[t->nr];
}

static int read_table(struct table *t)
{
	struct dirent *ent;
	DIR *dir;

	dir = opendir(parkerfs_root());
	if (!dir) {
		error_msg(NULL, "cannot read %s: %s", parkerfs_root(),
			  strerror(errno));
		return -1;
	}
	while ((ent = readdir(dir))) {
		if (is_partition_dir(dir, ent) &&
		    !read_row(ent->d_name, new_row(t)))
			t->nr++;
	}
	closedir(dir);
	return 0;
}

static int by_id(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->has_id != y->has_id)
		return y->has_id - x->has_id;
	if (x->has_id && x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return strcmp(x->col[COL_NAME], y->col[COL_NAME]);
}

static void print_line(FILE *out, const char *const *col, const size_t *width)
{
	for (int c = 0; c < NR_COLS - 1; c++)
		fprintf(out, "%-*s  ", (int)width[c], col[c]);
	fprintf(out, "%s\n", col[NR_COLS - 1]);
}

static void print_table(FILE *out, const struct table *t)
{
	size_t width[NR_COLS];

	for (int c = 0; c < NR_COLS; c++) {
		width[c] = strlen(headers[c]);
		for (size_t r = 0; r < t->nr; r++)
			if (strlen(t->rows[r].col[c]) > width[c])
				width[c] = strlen(t->rows[r].col[c]);
	}
	print_line(out, headers, width);
	for (size_t r = 0; r < t->nr; r++)
		print_line(out, t->rows[r].col, width);
}

static void free_table(struct table *t)
{
	for (size_t r = 0; r < t->nr; r++)
		for (int c = 0; c < NR_COLS; c++)
			free((void *)t->rows[r].col[c]);
	free(t->rows);
}

static int print_pool(FILE *out)
{
	char total_s[24], free_s[24];
	uint64_t total, avail;

	if (parkerfs_read_u64("info", "pool_size", &total) ||
	    parkerfs_read_u64("info", "pool_free", &avail)) {
		error_msg(NULL, "cannot read the pool size from %s/info: %s",
			  parkerfs_root(), strerror(errno));
		return EXIT_FAIL;
	}
	format_size(total, total_s, sizeof(total_s));
	format_size(avail, free_s, sizeof(free_s));
	fprintf(out, "pool: %s total, %s free\n", total_s, free_s);
	return EXIT_OK;
}

int list_partitions(FILE *out)
{
	struct table t = { 0 };

	if (read_table(&t))
		return EXIT_FAIL;
	if (t.nr)
		qsort(t.rows, t.nr, sizeof(*t.rows), by_id);
	print_table(out, &t);
	free_table(&t);
	return print_pool(out);
}

int cmd_list(int argc, char **argv)
{
	if (argc > 1)
		return cmd_usage_error("list", NULL, "unexpected argument '%s'",
				       argv[1]);
	if (parkerfs_mount())
		return EXIT_FAIL;
	return list_partitions(stdout);
}
