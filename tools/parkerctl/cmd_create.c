// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl create NAME [--cpus LIST] [--memory SIZE] [--device BDF]...
 *                       [--smt-split] [--on-crash stop|restart]
 *                       [--on-reboot stop|restart]
 *
 * Every value is checked before anything is touched.  The partition is then
 * made and given its policies and resources one file at a time; when the
 * kernel refuses one, the partition is removed again so that a failed
 * create changes nothing.  run takes the same steps through partition.h.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"
#include "parkerctl.h"
#include "parkerfs.h"
#include "parse.h"
#include "partition.h"

#define usage(c, ...) cmd_usage_error((c)->cmd, __VA_ARGS__)

struct create *create_new(const char *cmd, int argc)
{
	struct create *c = xcalloc(1, sizeof(*c));

	c->cmd = cmd;
	c->device_args = xcalloc((size_t)argc, sizeof(*c->device_args));
	c->devices = xcalloc((size_t)argc, sizeof(*c->devices));
	return c;
}

void create_free(struct create *c)
{
	free(c->devices);
	free(c->device_args);
	free(c);
}

int create_option(int argc, char **argv, int *i, struct create *c)
{
	const char *val;

	if (!strcmp(argv[*i], "--smt-split")) {
		c->smt_split = 1;
		return 0;
	}
	if (opt_value(argc, argv, i, "--cpus", &val))
		return opt_set(c->cmd, &c->cpus_arg, val, "--cpus");
	if (opt_value(argc, argv, i, "--memory", &val))
		return opt_set(c->cmd, &c->memory_arg, val, "--memory");
	if (opt_value(argc, argv, i, "--device", &val))
		return opt_set(c->cmd, &c->device_args[c->nr_devices++], val,
			       "--device");
	if (opt_value(argc, argv, i, "--on-crash", &val))
		return opt_set(c->cmd, &c->on_crash, val, "--on-crash");
	if (opt_value(argc, argv, i, "--on-reboot", &val))
		return opt_set(c->cmd, &c->on_reboot, val, "--on-reboot");
	return OPT_UNKNOWN;
}

/* What to do when the kernel crashes or reboots: stop or restart. */
static int check_policy(struct create *c, const char *opt, const char *val)
{
	if (!val || !strcmp(val, "stop") || !strcmp(val, "restart"))
		return 0;
	return usage(c, c->name, "invalid %s '%s': stop or restart", opt,
		     val);
}

static int check_cpus(struct create *c)
{
	struct cpuset set;

	if (parse_cpulist(c->cpus_arg, &set)) {
		if (errno == ERANGE)
			return usage(c, c->name,
				     "CPU list '%s' names a CPU above %d",
				     c->cpus_arg, PARKER_MAX_CPUS - 1);
		return usage(c, c->name,
			     "invalid CPU list '%s' (example: 2-3,6)",
			     c->cpus_arg);
	}
	if (format_cpulist(&set, c->cpus, sizeof(c->cpus)) >= sizeof(c->cpus))
		return usage(c, c->name, "CPU list '%s' is too long",
			     c->cpus_arg);
	return 0;
}

static int check_memory(struct create *c)
{
	uint64_t bytes;

	if (parse_size(c->memory_arg, &bytes))
		return usage(c, c->name,
			     "invalid memory size '%s' (examples: 256M, 1G, 4194304)",
			     c->memory_arg);
	snprintf(c->memory, sizeof(c->memory), "%" PRIu64, bytes);
	format_size(bytes, c->memory_human, sizeof(c->memory_human));
	return 0;
}

static int check_device(struct create *c, int i)
{
	struct pci_addr addr;

	if (parse_pci_addr(c->device_args[i], &addr))
		return usage(c, c->name,
			     "invalid PCI address '%s' (DDDD:BB:DD.F or BB:DD.F)",
			     c->device_args[i]);
	format_pci_addr(&addr, c->devices[i], PCI_ADDR_LEN);
	for (int j = 0; j < i; j++)
		if (!strcmp(c->devices[j], c->devices[i]))
			return usage(c, c->name, "device %s given twice",
				     c->devices[i]);
	return 0;
}

int create_check(struct create *c, const char *name)
{
	int ret;

	c->name = name;
	ret = check_policy(c, "--on-crash", c->on_crash);
	if (!ret)
		ret = check_policy(c, "--on-reboot", c->on_reboot);
	if (ret)
		return ret;
	if (c->cpus_arg) {
		ret = check_cpus(c);
		if (ret)
			return ret;
	}
	if (c->memory_arg) {
		ret = check_memory(c);
		if (ret)
			return ret;
	}
	for (int i = 0; i < c->nr_devices; i++) {
		ret = check_device(c, i);
		if (ret)
			return ret;
	}
	return 0;
}

/* One write; on failure says "NAME: WHAT[ DETAIL]: reason". */
static int step(const char *name, const char *file, const char *val,
		const char *what, const char *detail)
{
	char why[PARKERFS_STATUS_MAX];
	const char *reason;

	if (!parkerfs_write(name, file, val))
		return 0;
	reason = parkerfs_reason(name, errno, why, sizeof(why));
	if (detail)
		error_msg(name, "%s %s: %s", what, detail, reason);
	else
		error_msg(name, "%s: %s", what, reason);
	return -1;
}

static int set_policies(const struct create *c)
{
	if (c->on_crash &&
	    step(c->name, "on_crash", c->on_crash, "cannot set on_crash to",
		 c->on_crash))
		return -1;
	if (c->on_reboot &&
	    step(c->name, "on_reboot", c->on_reboot,
		 "cannot set on_reboot to", c->on_reboot))
		return -1;
	return 0;
}

static int assign(const struct create *c)
{
	char dev[PCI_ADDR_LEN + 1];

	if (set_policies(c))
		return -1;
	if (c->smt_split &&
	    step(c->name, "smt_split", "1", "cannot allow SMT split", NULL))
		return -1;
	if (c->cpus_arg &&
	    step(c->name, "cpus", c->cpus, "cannot assign CPUs", c->cpus))
		return -1;
	if (c->memory_arg &&
	    step(c->name, "memory", c->memory, "cannot assign memory",
		 c->memory_human))
		return -1;
	for (int i = 0; i < c->nr_devices; i++) {
		snprintf(dev, sizeof(dev), "+%s", c->devices[i]);
		if (step(c->name, "devices", dev, "cannot assign device",
			 c->devices[i]))
			return -1;
	}
	return 0;
}

void remove_partition(const char *name, const char *cmd)
{
	char why[PARKERFS_STATUS_MAX];

	if (!parkerfs_rmdir(name)) {
		image_record_remove(name);
		return;
	}
	error_msg(name,
		  "cannot undo the %s, the partition is left behind: %s",
		  cmd, parkerfs_reason(name, errno, why, sizeof(why)));
}

static int make_partition(const char *name)
{
	char why[PARKERFS_STATUS_MAX];
	const char *reason;

	if (!parkerfs_mkdir(name))
		return 0;
	if (errno == EEXIST)
		reason = "a partition of that name already exists";
	else
		reason = parkerfs_reason(name, errno, why, sizeof(why));
	error_msg(name, "cannot create: %s", reason);
	return -1;
}

int create_partition(struct create *c)
{
	if (parkerfs_mount() || make_partition(c->name))
		return EXIT_FAIL;
	if (!assign(c))
		return EXIT_OK;
	remove_partition(c->name, c->cmd);
	return EXIT_FAIL;
}

static int option(int argc, char **argv, int *i, void *c)
{
	return create_option(argc, argv, i, c);
}

int cmd_create(int argc, char **argv)
{
	struct create *c = create_new("create", argc);
	const char *name;
	int ret;

	ret = parse_args("create", argc, argv, &name, option, c);
	if (!ret)
		ret = create_check(c, name);
	if (!ret)
		ret = create_partition(c);
	create_free(c);
	return ret;
}
