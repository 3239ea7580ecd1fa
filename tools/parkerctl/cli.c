// SPDX-License-Identifier: GPL-2.0
/*
 * Messages and option parsing shared by the commands.  Every message reads
 * "parkerctl: NAME: what went wrong" (or "parkerctl: what went wrong" when
 * no partition is involved), so a person or a script can tell which
 * partition it is about.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "parse.h"

const char *progname = "parkerctl";

static void vmsg(const char *name, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", progname);
	if (name)
		fprintf(stderr, "%s: ", name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void error_msg(const char *name, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(name, fmt, ap);
	va_end(ap);
}

int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", progname);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'parkerctl --help'.\n");
	return EXIT_USAGE;
}

int cmd_usage_error(const char *cmd, const char *name, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(name, fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try 'parkerctl %s --help'.\n", cmd);
	return EXIT_USAGE;
}

int check_name(const char *cmd, const char *name)
{
	if (valid_partition_name(name))
		return 0;
	return cmd_usage_error(cmd, name,
			       "invalid partition name: use 1 to %d characters of a-z, 0-9, '_' and '-', starting with a letter or digit ('info' is taken)",
			       PARKER_NAME_MAX);
}

int opt_value(int argc, char **argv, int *i, const char *opt,
	      const char **val)
{
	const char *arg = argv[*i];
	size_t n = strlen(opt);

	*val = NULL;
	if (strncmp(arg, opt, n) || (arg[n] != '=' && arg[n] != '\0'))
		return 0;
	if (arg[n] == '=')
		*val = arg + n + 1;
	else if (*i + 1 < argc)
		*val = argv[++*i];
	return 1;
}

int opt_set(const char *cmd, const char **slot, const char *val,
	    const char *opt)
{
	if (!val)
		return cmd_usage_error(cmd, NULL, "option '%s' needs a value",
				       opt);
	if (*slot)
		return cmd_usage_error(cmd, NULL, "option '%s' given twice",
				       opt);
	*slot = val;
	return 0;
}

static int is_help(const char *arg)
{
	return !strcmp(arg, "--help") || !strcmp(arg, "-h");
}

int parse_words(const char *cmd, int argc, char **argv, const char **words,
		int nr_words, const char *what, option_fn option, void *arg)
{
	int n = 0;

	for (int i = 0; i < nr_words; i++)
		words[i] = NULL;
	for (int i = 1; i < argc; i++) {
		int ret;

		/* run_command() prints the help: the table is not ours. */
		if (is_help(argv[i]))
			return EXIT_HELP;
		if (argv[i][0] == '-' && argv[i][1]) {
			ret = option(argc, argv, &i, arg);
			if (ret == OPT_UNKNOWN)
				return cmd_usage_error(cmd, NULL,
						       "unknown option '%s'",
						       argv[i]);
			if (ret)
				return ret;
			continue;
		}
		if (n == nr_words)
			return cmd_usage_error(cmd, n ? words[0] : NULL,
					       "unexpected argument '%s'",
					       argv[i]);
		words[n++] = argv[i];
	}
	if (n < nr_words && what)
		return cmd_usage_error(cmd, NULL, "missing %s", what);
	return 0;
}

int parse_args(const char *cmd, int argc, char **argv, const char **name,
	       option_fn option, void *arg)
{
	int ret = parse_words(cmd, argc, argv, name, 1, "partition NAME",
			      option, arg);

	return ret ? ret : check_name(cmd, *name);
}

int json_option(int argc, char **argv, int *i, void *json)
{
	(void)argc;
	if (strcmp(argv[*i], "--json"))
		return OPT_UNKNOWN;
	*(int *)json = 1;
	return 0;
}

int no_option(int argc, char **argv, int *i, void *arg)
{
	(void)argc;
	(void)argv;
	(void)i;
	(void)arg;
	return OPT_UNKNOWN;
}
