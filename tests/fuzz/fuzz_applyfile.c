// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer entry point for the parser of parkerctl apply's file
 * (applyfile.c): any bytes either parse, into partitions that keep the
 * parser's promises, or are refused with a line that exists and a
 * message; never a crash, a leak or undefined behaviour.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "applyfile.h"

static unsigned int count_lines(const uint8_t *data, size_t size)
{
	unsigned int n = 0;

	for (size_t i = 0; i < size; i++)
		n += data[i] == '\n';
	return n + 1;
}

static void check_part(const struct apply_part *a)
{
	struct cpuset set;

	if (!valid_partition_name(a->name) || !a->line)
		abort();
	if (!a->cpus || parse_cpulist(a->cpus, &set) || !a->memory)
		abort();
	if (!a->cmdline || strlen(a->cmdline) > 1999)
		abort();
	if ((a->kernel && a->kernel[0] != '/') ||
	    (a->initrd && (!a->kernel || a->initrd[0] != '/')))
		abort();
	if (a->start && !a->kernel)
		abort();
	for (size_t i = 1; i < a->nr_devices; i++)
		if (strcmp(a->devices[i - 1], a->devices[i]) >= 0)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct apply_error err;
	struct apply_file f;

	if (applyfile_parse((const char *)data, size, &f, &err)) {
		if (!err.line || err.line > count_lines(data, size) ||
		    !err.msg[0] || strlen(err.msg) >= sizeof(err.msg))
			abort();
		return 0;
	}
	for (size_t i = 0; i < f.nr; i++) {
		check_part(&f.parts[i]);
		if (applyfile_find(&f, f.parts[i].name) != &f.parts[i])
			abort();
	}
	applyfile_free(&f);
	return 0;
}
