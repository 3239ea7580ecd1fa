// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl: manage Parker partitions through /sys/fs/parker.
 *
 * Exit status: 0 on success, 1 when an operation failed, 2 for usage errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parkerctl.h"

static const struct command commands[] = {
	{
		.name = "create",
		.synopsis = "NAME [--cpus LIST] [--memory SIZE] [--device BDF]... [--smt-split] [--on-crash stop|restart] [--on-reboot stop|restart]",
		.summary = "create a partition and give it CPUs, memory and PCI devices",
		.options =
			"  --cpus LIST       CPUs to move to the partition, e.g. 2-3 or 2,4-7\n"
			"  --memory SIZE     memory from the Parker pool, e.g. 256M or 1G\n"
			"  --device BDF      a PCI device, DDDD:BB:DD.F or BB:DD.F (repeatable)\n"
			"  --smt-split       allow a CPU whose SMT sibling stays with the boot kernel\n"
			"  --on-crash WHAT   when its kernel crashes: stop (default) or restart\n"
			"  --on-reboot WHAT  when its kernel reboots: stop or restart (default)\n"
			"\n"
			"Options take '--opt VALUE' or '--opt=VALUE'; all are optional.\n"
			"If the kernel refuses any of them the partition is removed again.\n",
		.run = cmd_create,
	},
	{
		.name = "load",
		.synopsis = "NAME --kernel BZIMAGE [--initrd FILE] [--cmdline STRING] | NAME --unload",
		.summary = "load a kernel into a partition, or unload it",
		.options =
			"  --kernel BZIMAGE  the kernel to load (required unless --unload)\n"
			"  --initrd FILE     an initramfs for it\n"
			"  --cmdline STRING  its command line, at most 1999 bytes\n"
			"  --unload          drop the loaded kernel instead\n"
			"\n"
			"The partition needs CPUs and memory, and must not be running.\n",
		.run = cmd_load,
	},
	{
		.name = "start",
		.synopsis = "NAME [--wait SECONDS]",
		.summary = "start the kernel loaded into a partition",
		.options =
			"  --wait SECONDS  wait up to SECONDS until it is running (0: do not wait)\n",
		.run = cmd_start,
	},
	{
		.name = "stop",
		.synopsis = "NAME [--timeout SECONDS] [--force]",
		.summary = "stop a partition's kernel",
		.options =
			"  --timeout SECONDS  wait up to SECONDS for it to shut down, then force\n"
			"                     it (default 30)\n"
			"  --force            stop its CPUs at once, without a shutdown\n"
			"\n"
			"Without --force its kernel is asked to power off.\n",
		.run = cmd_stop,
	},
	{
		.name = "restart",
		.synopsis = "NAME [--wait SECONDS]",
		.summary = "stop a partition's kernel at once and start its image again",
		.options =
			"  --wait SECONDS  wait up to SECONDS until it is running (0: do not wait)\n",
		.run = cmd_restart,
	},
	{
		.name = "run",
		.synopsis = "NAME --cpus LIST --memory SIZE [--device BDF]... [--smt-split] [--on-crash stop|restart] [--on-reboot stop|restart] --kernel BZIMAGE [--initrd FILE] [--cmdline STRING] [--wait SECONDS]",
		.summary = "create, load and start a partition in one",
		.options =
			"  --cpus LIST       CPUs to move to the partition, e.g. 2-3 or 2,4-7\n"
			"  --memory SIZE     memory from the Parker pool, e.g. 256M or 1G\n"
			"  --device BDF      a PCI device, DDDD:BB:DD.F or BB:DD.F (repeatable)\n"
			"  --smt-split       allow a CPU whose SMT sibling stays with the boot kernel\n"
			"  --on-crash WHAT   when its kernel crashes: stop (default) or restart\n"
			"  --on-reboot WHAT  when its kernel reboots: stop or restart (default)\n"
			"  --kernel BZIMAGE  the kernel to load\n"
			"  --initrd FILE     an initramfs for it\n"
			"  --cmdline STRING  its command line, at most 1999 bytes\n"
			"  --wait SECONDS    wait up to SECONDS until it is running (0: do not wait)\n"
			"\n"
			"If any step fails the partition is removed again.\n",
		.run = cmd_run,
	},
	{
		.name = "destroy",
		.synopsis = "NAME [--force]",
		.summary = "remove a partition and return its resources to the boot kernel",
		.options =
			"  --force         stop its kernel at once first when it is active\n"
			"\n"
			"Without --force a partition that is starting, running or unresponsive\n"
			"is refused.\n",
		.run = cmd_destroy,
	},
	{
		.name = "list",
		.synopsis = "",
		.summary = "list the partitions (name, id, state, resources) and the pool",
		.run = cmd_list,
	},
	{
		.name = "show",
		.synopsis = "NAME",
		.summary = "show a partition in full: state, health, policies, resources",
		.run = cmd_show,
	},
	{
		.name = "log",
		.synopsis = "NAME [--follow]",
		.summary = "print a partition's console",
		.options =
			"  --follow        then print what it writes, until interrupted\n",
		.run = cmd_log,
	},
	{ .name = NULL },
};

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: parkerctl [--help] [--version] COMMAND [ARGS...]\n"
		"\n"
		"Manage Parker partitions: Linux kernels running side by side on\n"
		"CPUs, memory and PCI devices carved out of this machine.\n"
		"\n"
		"Commands:\n");
	for (const struct command *c = commands; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fprintf(f,
		"\n"
		"Run 'parkerctl COMMAND --help' for a command's options.\n"
		"See parkerctl(8).\n");
}

static int command_help(const struct command *c)
{
	printf("Usage: parkerctl %s %s\n\n%s\n", c->name, c->synopsis,
	       c->summary);
	if (c->options)
		printf("\nOptions:\n%s", c->options);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	const char *cmd;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") ||
	    !strcmp(cmd, "help")) {
		usage(stdout);
		return EXIT_OK;
	}
	if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
		printf("parkerctl %s\n", PARKER_VERSION);
		return EXIT_OK;
	}
	for (const struct command *c = commands; c->name; c++) {
		if (strcmp(c->name, cmd))
			continue;
		if (argc > 2 && (!strcmp(argv[2], "--help") ||
				 !strcmp(argv[2], "-h")))
			return command_help(c);
		return c->run(argc - 1, argv + 1);
	}
	return usage_error("unknown command '%s'", cmd);
}
