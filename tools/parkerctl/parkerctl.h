/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PARKERCTL_H
#define PARKERCTL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifndef PARKER_VERSION
#define PARKER_VERSION "unknown"
#endif

enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,
	EXIT_USAGE = 2,
	/*
	 * Not an exit status: a command printed its --help and did nothing
	 * else.  run_command() turns it into EXIT_OK.
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

/* The command called name, or NULL. */
const struct command *find_command(const char *name);
/* Run c on its words (argv[0] is its name): an exit status. */
int run_command(const struct command *c, int argc, char **argv);
/* The list of commands, for 'parkerctl --help'. */
void usage(FILE *f);
/* Print the help of command name: EXIT_HELP. */
int command_help(const char *name);

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
 * OPT_UNKNOWN or a usage error; --help (or -h) prints the command's help.
 * Returns 0 with *name set to a valid name, EXIT_USAGE or EXIT_HELP.
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
/* An option parser for a command without options. */
int no_option(int argc, char **argv, int *i, void *arg);

/* Allocation that cannot fail: out of memory ends parkerctl. */
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);

/* Milliseconds of CLOCK_MONOTONIC. */
uint64_t now_ms(void);
/*
 * Sleep for ms milliseconds, or less when a signal comes.  Every wait of
 * parkerctl goes through here, so the unit tests can play the kernel's part
 * between two looks (ld --wrap).
 */
void sleep_ms(unsigned int ms);

int cmd_create(int argc, char **argv);
int cmd_destroy(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_load(int argc, char **argv);
int cmd_log(int argc, char **argv);
int cmd_restart(int argc, char **argv);
int cmd_start(int argc, char **argv);
int cmd_stop(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_apply(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_metrics(int argc, char **argv);

/* The table of 'parkerctl list' on out; returns an exit status. */
int list_partitions(FILE *out);
/* The same as JSON (list --json). */
int list_json(FILE *out);

#endif
