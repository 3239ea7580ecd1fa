// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl list [--json]: the partitions in id order, then the pool, as
 * a table (listtable.c) or with --json as {"partitions": [...], "pool":
 * {...}} (partjson.c), a value that cannot be read null (keys in
 * parkerctl(8)).
 */
#include <stdio.h>

#include "cli.h"
#include "commands.h"
#include "listtable.h"
#include "parkerfs.h"
#include "partjson.h"

int cmd_list(int argc, char **argv)
{
	int json = 0, ret;

	ret = parse_words("list", argc, argv, NULL, 0, NULL, json_option,
			  &json);
	if (ret)
		return ret;
	if (parkerfs_mount())
		return EXIT_FAIL;
	return json ? list_json(stdout) : list_partitions(stdout);
}
