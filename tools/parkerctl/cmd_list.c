// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl list [--json]: one line per partition, in id order, then the
 * pool.
 *
 *   NAME  ID  STATE  CPUS  MEMORY  DEVICES
 *   web   0   ready  2-3   256M    0000:00:10.0
 *   pool: 1G total, 768M free
 *
 * Empty values are "-", values that cannot be read "?".  With --json the
 * same as {"partitions": [...], "pool": {...}}, a value that cannot be
 * read null (keys in parkerctl(8)).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "parkerctl.h"
#include "parkerfs.h"
#include "parse.h"
#include "partinfo.h"

enum {
	COL_NAME, COL_ID, COL_STATE, COL_CPUS, COL_MEMORY, COL_DEVICES,
	NR_COLS
};

static const char *const headers[NR_COLS] = {
	"NAME", "ID", "STATE", "CPUS", "MEMORY", "DEVICES",
};

struct row {
	char *col[NR_COLS];
};

/* A value as the table shows it: "?" unreadable, "-" empty. */
static char *cell(const char *val)
{
	if (!val)
		return xstrdup("?");
	return xstrdup(val[0] ? val : "-");
}

static char *memory_cell(const struct partinfo *p)
{
	uint64_t size, base;
	char buf[24];

	/* What cannot be parsed is shown as the kernel wrote it. */
	if (partinfo_memory(p, &size, &base))
		return cell(p->val[PF_MEMORY]);
	if (!size)
		return xstrdup("-");
	format_size(size, buf, sizeof(buf));
	return xstrdup(buf);
}

/* One device per line -> comma-separated. */
static char *devices_cell(const struct partinfo *p)
{
	char *s = cell(p->val[PF_DEVICES]);

	for (char *c = s; *c; c++)
		if (*c == '\n')
			*c = ',';
	return s;
}

static void fill_row(const struct partinfo *p, struct row *r)
{
	r->col[COL_NAME] = xstrdup(p->name);
	r->col[COL_ID] = cell(p->val[PF_ID]);
	r->col[COL_STATE] = cell(p->val[PF_STATE]);
	r->col[COL_CPUS] = cell(p->val[PF_CPUS]);
	r->col[COL_MEMORY] = memory_cell(p);
	r->col[COL_DEVICES] = devices_cell(p);
}

static void print_line(FILE *out, char *const *col, const size_t *width)
{
	for (int c = 0; c < NR_COLS - 1; c++)
		fprintf(out, "%-*s  ", (int)width[c], col[c]);
	fprintf(out, "%s\n", col[NR_COLS - 1]);
}

static void print_table(FILE *out, const struct row *rows, size_t nr)
{
	size_t width[NR_COLS];

	for (int c = 0; c < NR_COLS; c++) {
		width[c] = strlen(headers[c]);
		for (size_t r = 0; r < nr; r++)
			if (strlen(rows[r].col[c]) > width[c])
				width[c] = strlen(rows[r].col[c]);
	}
	print_line(out, (char *const *)headers, width);
	for (size_t r = 0; r < nr; r++)
		print_line(out, rows[r].col, width);
}

/* The pool's size and free bytes: 0, or -1 after saying why not. */
static int read_pool(uint64_t *total, uint64_t *avail)
{
	if (!parkerfs_read_u64("info", "pool_size", total) &&
	    !parkerfs_read_u64("info", "pool_free", avail))
		return 0;
	error_msg(NULL, "cannot read the pool size from %s/info: %s",
		  parkerfs_root(), strerror(errno));
	return -1;
}

static int print_pool(FILE *out)
{
	char total_s[24], free_s[24];
	uint64_t total, avail;

	if (read_pool(&total, &avail))
		return EXIT_FAIL;
	format_size(total, total_s, sizeof(total_s));
	format_size(avail, free_s, sizeof(free_s));
	fprintf(out, "pool: %s total, %s free\n", total_s, free_s);
	return EXIT_OK;
}

int list_partitions(FILE *out)
{
	struct partinfo *parts;
	struct row *rows;
	size_t nr;

	if (partinfo_list(&parts, &nr))
		return EXIT_FAIL;
	rows = xcalloc(nr, sizeof(*rows));
	for (size_t i = 0; i < nr; i++)
		fill_row(&parts[i], &rows[i]);
	print_table(out, rows, nr);
	for (size_t i = 0; i < nr; i++)
		for (int c = 0; c < NR_COLS; c++)
			free(rows[i].col[c]);
	free(rows);
	partinfo_list_free(parts, nr);
	return print_pool(out);
}

/* The devices file as an array of addresses, or null. */
static void json_devices(struct json *j, const char *val)
{
	char *copy, *save;

	if (!val) {
		json_null(j);
		return;
	}
	copy = xstrdup(val);
	json_array_begin(j);
	for (char *d = strtok_r(copy, "\n", &save); d;
	     d = strtok_r(NULL, "\n", &save))
		json_string(j, parkerfs_trim(d));
	json_array_end(j);
	free(copy);
}

static void json_partition(struct json *j, const struct partinfo *p)
{
	uint64_t size, base;

	json_object_begin(j);
	json_kv_string(j, "name", p->name);
	json_key(j, "id");
	if (p->has_id)
		json_u64(j, p->id);
	else
		json_null(j);
	json_kv_string(j, "state", p->val[PF_STATE]);
	json_kv_string(j, "cpus", p->val[PF_CPUS]);
	json_key(j, "memory_bytes");
	if (partinfo_memory(p, &size, &base))
		json_null(j);
	else
		json_u64(j, size);
	json_key(j, "devices");
	json_devices(j, p->val[PF_DEVICES]);
	json_object_end(j);
}

static int json_pool(struct json *j)
{
	uint64_t total, avail;
	int ret = read_pool(&total, &avail);

	json_key(j, "pool");
	json_object_begin(j);
	if (ret) {
		json_kv_null(j, "size");
		json_kv_null(j, "free");
	} else {
		json_kv_u64(j, "size", total);
		json_kv_u64(j, "free", avail);
	}
	json_object_end(j);
	return ret ? EXIT_FAIL : EXIT_OK;
}

int list_json(FILE *out)
{
	struct partinfo *parts;
	struct json j;
	size_t nr;
	int ret;

	if (partinfo_list(&parts, &nr))
		return EXIT_FAIL;
	json_init(&j, out);
	json_object_begin(&j);
	json_key(&j, "partitions");
	json_array_begin(&j);
	for (size_t i = 0; i < nr; i++)
		json_partition(&j, &parts[i]);
	json_array_end(&j);
	ret = json_pool(&j);
	json_object_end(&j);
	json_finish(&j);
	partinfo_list_free(parts, nr);
	return ret;
}

static int option(int argc, char **argv, int *i, void *arg)
{
	int *json = arg;

	(void)argc;
	if (strcmp(argv[*i], "--json"))
		return OPT_UNKNOWN;
	*json = 1;
	return 0;
}

int cmd_list(int argc, char **argv)
{
	int json = 0, ret;

	ret = parse_words("list", argc, argv, NULL, 0, NULL, option, &json);
	if (ret)
		return ret;
	if (parkerfs_mount())
		return EXIT_FAIL;
	return json ? list_json(stdout) : list_partitions(stdout);
}
