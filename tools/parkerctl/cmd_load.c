// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl load NAME --kernel BZIMAGE [--initrd FILE] [--cmdline STRING]
 * parkerctl load NAME --unload
 *
 * kexec_file_load(2) with KEXEC_FILE_PARKER puts a kernel into a
 * partition's memory instead of the kexec slot; the partition is named by
 * its id in the flags.  The kernel checks the image and says why it
 * refuses one in info/last_cmd_status.  A loaded image is recorded with
 * its path, size and SHA-256 (image.h); an unload removes the record.
 */
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "steps.h"

static int option(int argc, char **argv, int *i, void *arg)
{
	struct load *l = arg;

	if (!strcmp(argv[*i], "--unload")) {
		l->unload = 1;
		return 0;
	}
	return load_option(argc, argv, i, l);
}

int cmd_load(int argc, char **argv)
{
	struct load l = { .cmd = "load" };
	const char *name;
	int ret;

	ret = parse_args("load", argc, argv, &name, option, &l);
	if (!ret)
		ret = load_check(&l, name);
	if (!ret)
		ret = load_partition(&l, name);
	return ret;
}
