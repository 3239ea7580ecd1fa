// SPDX-License-Identifier: GPL-2.0
/*
 * What the steps take from a command line (steps.h): each step's options
 * and the check of their values, which runs before anything is touched.
 * create and run share create's, load and run load's, start, restart and
 * run start's; usage errors point at the command the options came from.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cli.h"
#include "parkerfs.h"
#include "parse.h"
#include "steps.h"

/* A usage error of the command whose options s holds. */
#define usage(s, ...) cmd_usage_error((s)->cmd, __VA_ARGS__)

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
	if (opt_value(argc, argv, i, "--on-dma-fault", &val))
		return opt_set(c->cmd, &c->on_dma_fault, val, "--on-dma-fault");
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

/* --memory NODE:SIZE,...: the kernel's NODE:BYTES,... and "SIZE on node N, ...". */
static int check_node_memory(struct create *c)
{
	struct node_size ns[NODE_SIZES_MAX];
	size_t used = 0, hused = 0;
	char size[24];
	int n;

	n = parse_node_sizes(c->memory_arg, ns, NODE_SIZES_MAX);
	if (n < 0 && errno == E2BIG)
		return usage(c, c->name, "memory on more than %d nodes: '%s'",
			     NODE_SIZES_MAX, c->memory_arg);
	if (n < 0)
		return usage(c, c->name,
			     "invalid memory by node '%s' (example: 0:256M,1:256M, each node once)",
			     c->memory_arg);
	/* Four nodes of 10 digits and sizes adding up to 64 bits fit. */
	for (int i = 0; i < n && used < sizeof(c->memory) &&
	     hused < sizeof(c->memory_human); i++) {
		format_size(ns[i].bytes, size, sizeof(size));
		used += (size_t)snprintf(c->memory + used, sizeof(c->memory) - used,
					 "%s%u:%" PRIu64, i ? "," : "",
					 ns[i].node, ns[i].bytes);
		hused += (size_t)snprintf(c->memory_human + hused,
					  sizeof(c->memory_human) - hused,
					  "%s%s on node %u", i ? ", " : "",
					  size, ns[i].node);
	}
	if (used >= sizeof(c->memory) || hused >= sizeof(c->memory_human))
		return usage(c, c->name, "memory by node '%s' is too long",
			     c->memory_arg);
	return 0;
}

static int check_memory(struct create *c)
{
	uint64_t bytes;

	if (strchr(c->memory_arg, ':'))
		return check_node_memory(c);
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
	if (c->on_dma_fault && strcmp(c->on_dma_fault, "log") &&
	    strcmp(c->on_dma_fault, "stop"))
		return usage(c, c->name, "invalid --on-dma-fault '%s': log or stop",
			     c->on_dma_fault);
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

int load_option(int argc, char **argv, int *i, struct load *l)
{
	const char *val;

	if (opt_value(argc, argv, i, "--kernel", &val))
		return opt_set(l->cmd, &l->kernel, val, "--kernel");
	if (opt_value(argc, argv, i, "--initrd", &val))
		return opt_set(l->cmd, &l->initrd, val, "--initrd");
	if (opt_value(argc, argv, i, "--cmdline", &val))
		return opt_set(l->cmd, &l->cmdline, val, "--cmdline");
	return OPT_UNKNOWN;
}

static int check_unload(const struct load *l, const char *name)
{
	const char *opt = NULL;

	if (l->kernel)
		opt = "--kernel";
	else if (l->initrd)
		opt = "--initrd";
	else if (l->cmdline)
		opt = "--cmdline";
	if (opt)
		return usage(l, name, "option '%s' does not go with --unload",
			     opt);
	return 0;
}

int load_check(const struct load *l, const char *name)
{
	size_t len;

	if (l->unload)
		return check_unload(l, name);
	if (!l->kernel)
		return usage(l, name, "missing --kernel BZIMAGE");
	len = l->cmdline ? strlen(l->cmdline) : 0;
	if (len + 1 > LOAD_CMDLINE_MAX)
		return usage(l, name,
			     "--cmdline of %zu bytes is too long: at most %d",
			     len, LOAD_CMDLINE_MAX - 1);
	return 0;
}

int start_option(int argc, char **argv, int *i, struct start *s)
{
	const char *val;

	if (opt_value(argc, argv, i, "--wait", &val))
		return opt_set(s->cmd, &s->wait_arg, val, "--wait");
	return OPT_UNKNOWN;
}

int start_check(struct start *s, const char *name)
{
	uint64_t secs;

	if (!s->wait_arg)
		return 0;
	if (parkerfs_parse_u64(s->wait_arg, &secs) || secs > START_WAIT_MAX)
		return cmd_usage_error(s->cmd, name,
				       "invalid --wait '%s': a whole number of seconds, at most %d",
				       s->wait_arg, START_WAIT_MAX);
	s->wait = (unsigned int)secs;
	return 0;
}
