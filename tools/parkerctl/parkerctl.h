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
};

struct command {
	const char *name;
	const char *synopsis;
	const char *summary;
	const char *options;	/* option lines for --help, or NULL */
	int (*run)(int argc, char **argv);
};

extern const char *progname;

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

/*
 * Split a command's words into the partition NAME and options: each word
 * starting with '-' goes to option(), which returns 0 when it took it,
 * OPT_UNKNOWN or a usage error.  Returns 0 with *name set to a valid name,
 * or EXIT_USAGE.
 */
int parse_args(const char *cmd, int argc, char **argv, const char **name,
	       int (*option)(int argc, char **argv, int *i, void *arg),
	       void *arg);

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

/* The table of 'parkerctl list' on out; returns an exit status. */
int list_partitions(FILE *out);

#endif
