// SPDX-License-Identifier: GPL-2.0
/*
 * The commands of parkerctl and their help: 'parkerctl --help' lists
 * them, 'parkerctl COMMAND --help' (the option anywhere among the
 * command's words) shows one.  The option lines say the same thing in the
 * same words wherever an option appears.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"

#define OPT_CPUS \
	"  --cpus LIST         CPUs to move to the partition, e.g. 2-3 or 2,4-7\n"
#define OPT_MEMORY \
	"  --memory SIZE       memory from the Parker pool, e.g. 256M or 1G\n"
#define OPT_DEVICE \
	"  --device BDF        a PCI device, DDDD:BB:DD.F or BB:DD.F (repeatable)\n"
#define OPT_SMT_SPLIT \
	"  --smt-split         allow a CPU whose SMT sibling stays with the boot kernel\n"
#define OPT_ON_CRASH \
	"  --on-crash WHAT     when its kernel crashes: stop (default) or restart\n"
#define OPT_ON_REBOOT \
	"  --on-reboot WHAT    when its kernel reboots: stop or restart (default)\n"
#define OPT_ON_DMA_FAULT \
	"  --on-dma-fault WHAT when one of its devices makes a DMA fault: log (default) or stop\n"
#define OPT_KERNEL \
	"  --kernel BZIMAGE    the kernel to load\n"
#define OPT_INITRD \
	"  --initrd FILE       an initramfs for it\n"
#define OPT_CMDLINE \
	"  --cmdline STRING    its command line, at most 1999 bytes\n"
#define OPT_WAIT \
	"  --wait SECONDS      wait up to SECONDS until it is running (0: do not wait)\n"
#define OPT_JSON \
	"  --json              print JSON instead (keys in parkerctl(8))\n"
#define OPT_HELP \
	"  --help              show this help\n"
#define VALUES \
	"\nOptions take '--opt VALUE' or '--opt=VALUE'.\n"

static const struct command commands[] = {
	{
		.name = "create",
		.run = cmd_create,
		.synopsis = "NAME [--cpus LIST] [--memory SIZE] [--device BDF]... [--smt-split] [--on-crash stop|restart] [--on-reboot stop|restart] [--on-dma-fault log|stop]",
		.summary = "create a partition and give it CPUs, memory and PCI devices",
		.options = OPT_CPUS OPT_MEMORY OPT_DEVICE OPT_SMT_SPLIT
			OPT_ON_CRASH OPT_ON_REBOOT OPT_ON_DMA_FAULT OPT_HELP VALUES
			"All are optional.  If the kernel refuses any of them the partition\n"
			"is removed again.\n",
	},
	{
		.name = "load",
		.run = cmd_load,
		.synopsis = "NAME --kernel BZIMAGE [--initrd FILE] [--cmdline STRING] | NAME --unload",
		.summary = "load a kernel into a partition, or unload it",
		.options = OPT_KERNEL OPT_INITRD OPT_CMDLINE
			"  --unload            drop the loaded kernel instead\n"
			OPT_HELP VALUES
			"The partition needs CPUs and memory, and must not be running.  The\n"
			"kernel's path, size and SHA-256 are recorded for show and apply.\n",
	},
	{
		.name = "start",
		.run = cmd_start,
		.synopsis = "NAME [--wait SECONDS]",
		.summary = "start the kernel loaded into a partition",
		.options = OPT_WAIT OPT_HELP,
	},
	{
		.name = "stop",
		.run = cmd_stop,
		.synopsis = "NAME [--timeout SECONDS] [--force]",
		.summary = "stop a partition's kernel",
		.options =
			"  --timeout SECONDS   wait up to SECONDS for it to shut down, then force\n"
			"                      it (default 30)\n"
			"  --force             stop its CPUs at once, without a shutdown\n"
			OPT_HELP
			"\nWithout --force its kernel is asked to power off.\n",
	},
	{
		.name = "restart",
		.run = cmd_restart,
		.synopsis = "NAME [--wait SECONDS]",
		.summary = "stop a partition's kernel at once and start its image again",
		.options = OPT_WAIT OPT_HELP,
	},
	{
		.name = "run",
		.run = cmd_run,
		.synopsis = "NAME --cpus LIST --memory SIZE [--device BDF]... [--smt-split] [--on-crash stop|restart] [--on-reboot stop|restart] [--on-dma-fault log|stop] --kernel BZIMAGE [--initrd FILE] [--cmdline STRING] [--wait SECONDS]",
		.summary = "create, load and start a partition in one",
		.options = OPT_CPUS OPT_MEMORY OPT_DEVICE OPT_SMT_SPLIT
			OPT_ON_CRASH OPT_ON_REBOOT OPT_ON_DMA_FAULT OPT_KERNEL OPT_INITRD
			OPT_CMDLINE OPT_WAIT OPT_HELP VALUES
			"--cpus, --memory and --kernel are required.  If any step fails the\n"
			"partition is removed again.\n",
	},
	{
		.name = "destroy",
		.run = cmd_destroy,
		.synopsis = "NAME [--force]",
		.summary = "remove a partition and return its resources to the boot kernel",
		.options =
			"  --force             stop its kernel at once first when it is active\n"
			OPT_HELP
			"\nWithout --force a partition that is starting, running or unresponsive\n"
			"is refused.\n",
	},
	{
		.name = "list",
		.run = cmd_list,
		.synopsis = "[--json]",
		.summary = "list the partitions (name, id, state, resources) and the pool",
		.options = OPT_JSON OPT_HELP,
	},
	{
		.name = "show",
		.run = cmd_show,
		.synopsis = "NAME [--json]",
		.summary = "show a partition in full: state, health, policies, image, resources",
		.options = OPT_JSON OPT_HELP,
	},
	{
		.name = "log",
		.run = cmd_log,
		.synopsis = "NAME [--follow]",
		.summary = "print a partition's console",
		.options =
			"  --follow            then print what it writes, until interrupted\n"
			OPT_HELP,
	},
	{
		.name = "apply",
		.run = cmd_apply,
		.synopsis = "FILE [--dry-run] [--prune]",
		.summary = "make the partitions what a file describes",
		.options =
			"  --dry-run           print what would change, change nothing\n"
			"  --prune             stop and destroy partitions the file does not name\n"
			OPT_HELP
			"\nThe whole file is checked before anything changes; see parkerctl(8)\n"
			"for its format.\n",
	},
	{
		.name = "check",
		.run = cmd_check,
		.synopsis = "",
		.summary = "check that this machine can run partitions, and say what to fix",
		.options = OPT_HELP,
	},
	{
		.name = "metrics",
		.run = cmd_metrics,
		.synopsis = "",
		.summary = "print the partitions' state in the Prometheus text format",
		.options = OPT_HELP,
	},
	{ .name = NULL },
};

const struct command *find_command(const char *name)
{
	for (const struct command *c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

/* 'parkerctl CMD --help'. */
static void command_help(const struct command *c)
{
	printf("Usage: parkerctl %s%s%s\n\n%s\n", c->name,
	       c->synopsis[0] ? " " : "", c->synopsis, c->summary);
	if (c->options)
		printf("\nOptions:\n%s", c->options);
}

int run_command(const struct command *c, int argc, char **argv)
{
	int ret = c->run(argc, argv);

	if (ret != EXIT_HELP)
		return ret;
	command_help(c);
	return EXIT_OK;
}

void usage(FILE *f)
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
		"Exit status: 0 success, 1 failure, 2 usage error.\n"
		"See parkerctl(8).\n");
}
