// SPDX-License-Identifier: GPL-2.0
/*
 * The table of parkerctl list: one line per partition, in id order, then
 * the pool.
 *
 *   NAME  ID  STATE  CPUS  MEMORY  DEVICES
 *   web   0   ready  2-3   256M    0000:00:10.0
 *   pool: 1G total, 768M free
 *
 * Empty values are "-", values that cannot be read "?".
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cli.h"
#include "listtable.h"
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

static int print_pool(FILE *out)
{
	char total_s[24], free_s[24];
	uint64_t total, avail;

	if (partinfo_pool(&total, &avail))
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
