// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl run NAME --cpus LIST --memory SIZE [--device BDF]... [--smt-split]
 *                    [--on-crash stop|restart] [--on-reboot stop|restart]
 *                    [--on-dma-fault log|stop]
 *                    --kernel BZIMAGE [--initrd FILE] [--cmdline STRING]
 *                    [--wait SECONDS]
 *
 * create, load and start in one: every value of all three is checked
 * first, and when a later step fails the partition is removed again, so a
 * failed run leaves nothing behind.
 */
#include "cli.h"
#include "commands.h"
#include "parkerfs.h"
#include "steps.h"

#define usage(...) cmd_usage_error("run", __VA_ARGS__)

struct run {
	struct create *create;
	struct load load;
	struct start start;
};

static int option(int argc, char **argv, int *i, void *arg)
{
	struct run *r = arg;
	int ret;

	ret = create_option(argc, argv, i, r->create);
	if (ret == OPT_UNKNOWN)
		ret = load_option(argc, argv, i, &r->load);
	if (ret == OPT_UNKNOWN)
		ret = start_option(argc, argv, i, &r->start);
	return ret;
}

static int check(struct run *r, const char *name)
{
	int ret;

	ret = create_check(r->create, name);
	if (ret)
		return ret;
	if (!r->create->cpus_arg)
		return usage(name, "missing --cpus LIST");
	if (!r->create->memory_arg)
		return usage(name, "missing --memory SIZE");
	ret = load_check(&r->load, name);
	if (!ret)
		ret = start_check(&r->start, name);
	return ret;
}

static int run(struct run *r, const char *name)
{
	int ret;

	/* Files that cannot be read fail the run before anything is made. */
	if (load_open(&r->load, name))
		return EXIT_FAIL;
	ret = create_partition(r->create);
	if (ret)
		return ret;
	if (load_partition(&r->load, name) || start_partition(name))
		goto remove;
	if (!wait_running(&r->start, name))
		return EXIT_OK;
	/* Still starting, perhaps: it cannot be removed while it runs. */
	parkerfs_write(name, "command", "force-stop");
remove:
	remove_partition(name, "run");
	return EXIT_FAIL;
}

int cmd_run(int argc, char **argv)
{
	struct run r = {
		.create = create_new("run", argc),
		.load = { .cmd = "run" },
		.start = { .cmd = "run" },
	};
	const char *name;
	int ret;

	ret = parse_args("run", argc, argv, &name, option, &r);
	if (!ret)
		ret = check(&r, name);
	if (!ret)
		ret = run(&r, name);
	load_close(&r.load);
	create_free(r.create);
	return ret;
}
