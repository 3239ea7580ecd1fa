/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The frame every command runs in: exit statuses, the shape of a command,
 * the messages ("parkerctl: NAME: what went wrong") and the parsing of a
 * command's words into a partition NAME and options.
 */
#ifndef PARKERCTL_CLI_H
#define PARKERCTL_CLI_H

enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,
	EXIT_USAGE = 2,
	/*
	 * Not an exit status: a command was asked for its --help and did
	 * nothing else.  run_command() prints the help and turns it into
	 * EXIT_OK.
	 */
	EXIT_HELP = 3,
};

struct command {
	const char *name;
	const char *synopsis;
	const char *summary;
	const char *options;	/* option lines for --help, or NULL */
	int (*run)(int argc, char **argv);
};

extern const char *progname;

/* "parkerctl: " fmt with arg, then a pointer to --help: EXIT_USAGE. */
int usage_error(const char *fmt, const char *arg);

/* "parkerctl: [NAME: ]message" on stderr; name NULL for global errors. */
void error_msg(const char *name, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* error_msg(), then a pointer to 'parkerctl CMD --help'; returns EXIT_USAGE. */
int cmd_usage_error(const char *cmd, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* 0 when name is a valid partition name, else a usage error for cmd. */
int check_name(const char *cmd, const char *name);

/*
 * Whether argv[*i] is option opt, as "--opt VALUE" or "--opt=VALUE": 1 with
 * *val set (NULL when the value is missing) and *i on the last word used,
 * or 0.
 */
int opt_value(int argc, char **argv, int *i, const char *opt,
	      const char **val);
/* *slot = val, or a usage error for cmd: val missing or opt given twice. */
int opt_set(const char *cmd, const char **slot, const char *val,
	    const char *opt);

/* What an option parser returns for an option that is not its own. */
#define OPT_UNKNOWN (-1)

typedef int (*option_fn)(int argc, char **argv, int *i, void *arg);

/*
 * Split a command's words into the partition NAME and options: each word
 * starting with '-' goes to option(), which returns 0 when it took it,
 * OPT_UNKNOWN or a usage error; --help (or -h) stops there with
 * EXIT_HELP.  Returns 0 with *name set to a valid name, EXIT_USAGE or
 * EXIT_HELP.
 */
int parse_args(const char *cmd, int argc, char **argv, const char **name,
	       option_fn option, void *arg);
/*
 * The same for a command without NAME: its words are options, and up to
 * nr_words others go to words[] (what: what they are, for "missing WHAT"
 * when fewer than nr_words come, NULL when none are needed).
 */
int parse_words(const char *cmd, int argc, char **argv, const char **words,
		int nr_words, const char *what, option_fn option, void *arg);
/* The option parser of a command whose one option is --json: *json = 1. */
int json_option(int argc, char **argv, int *i, void *json);
/* An option parser for a command without options. */
int no_option(int argc, char **argv, int *i, void *arg);

#endif
