/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The commands of parkerctl: the table of commands.c, the only list of
 * them, and the run function each cmd_*.c exports (argv[0] is the
 * command's name; an exit status, or EXIT_HELP).
 */
#ifndef PARKERCTL_COMMANDS_H
#define PARKERCTL_COMMANDS_H

#include <stdio.h>

#include "cli.h"

/* The command called name, or NULL. */
const struct command *find_command(const char *name);
/*
 * Run c on its words (argv[0] is its name): an exit status.  Prints c's
 * help when c was asked for it (EXIT_HELP).
 */
int run_command(const struct command *c, int argc, char **argv);
/* The list of commands, for 'parkerctl --help'. */
void usage(FILE *f);

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

#endif
