/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The steps of a partition's life, which the commands take and share:
 * create (create, run, apply), load (load, run, apply), start and wait
 * for it to run (start, restart, run, apply), stop and wait for it to go
 * (stop, apply), destroy (destroy, apply).  Most steps have an option
 * parser for their share of the command line and a check of the values
 * that runs before anything is touched (stepargs.c), and the step itself
 * (steps.c).  Usage errors point at the command the options came from.
 * A step never calls a command.
 */
#ifndef PARKERCTL_STEPS_H
#define PARKERCTL_STEPS_H

#include <linux/kexec.h>

#include "parkerfs.h"
#include "parse.h"
#include "state.h"

struct create {
	const char *cmd;
	const char *name;
	const char *cpus_arg;
	const char *memory_arg;
	const char **device_args;
	int nr_devices;
	int smt_split;
	const char *on_crash;	/* "stop", "restart" or NULL */
	const char *on_reboot;
	const char *on_dma_fault;	/* "log", "stop" or NULL */
	/* The canonical forms written to the kernel. */
	char cpus[PARKERFS_VALUE_MAX];
	char memory[128];	/* bytes, or NODE:BYTES,... */
	char memory_human[128];
	char (*devices)[PCI_ADDR_LEN];
};

/* Room for the options of argc words. */
struct create *create_new(const char *cmd, int argc);
void create_free(struct create *c);
/*
 * --cpus, --memory, --device, --smt-split, --on-crash, --on-reboot,
 * --on-dma-fault: 0,
 * OPT_UNKNOWN or EXIT_USAGE.
 */
int create_option(int argc, char **argv, int *i, struct create *c);
/* Check and canonicalise the values for partition name: 0 or EXIT_USAGE. */
int create_check(struct create *c, const char *name);
/* Make the partition with its resources, or nothing: an exit status. */
int create_partition(struct create *c);
/* Remove a partition made by cmd again; says so when it cannot. */
void remove_partition(const char *name, const char *cmd);
/* rmdir name and drop the record of its image: an exit status. */
int destroy_partition(const char *name);

/* The longest kernel command line, its NUL included (the kernel's limit). */
#define LOAD_CMDLINE_MAX 2000

struct load {
	const char *cmd;
	const char *kernel;
	const char *initrd;
	const char *cmdline;
	int unload;
	/* After load_open(): the files, -1 for none. */
	int opened;
	int kernel_fd;
	int initrd_fd;
};

/* --kernel, --initrd, --cmdline: 0, OPT_UNKNOWN or EXIT_USAGE. */
int load_option(int argc, char **argv, int *i, struct load *l);
/* Required options, conflicts and the command line's length. */
int load_check(const struct load *l, const char *name);
/* The flags of kexec_file_load(2) for partition id. */
unsigned long load_flags(const struct load *l, unsigned int id);
/*
 * Open the kernel and initrd for loading into name, unless they are open
 * already: 0, or -1 after saying which file cannot be read.
 */
int load_open(struct load *l, const char *name);
void load_close(struct load *l);
/* Load (or unload) name's kernel, and close the files: an exit status. */
int load_partition(struct load *l, const char *name);

/* The highest partition id kexec_file_load(2) can name. */
#define PARKER_ID_MAX			0xff

/* The longest --wait (and stop's --timeout), in seconds. */
#define START_WAIT_MAX 86400
/* How often a wait looks at the state. */
#define STATE_POLL_MS 100

struct start {
	const char *cmd;
	const char *wait_arg;
	unsigned int wait;	/* seconds; 0: do not wait */
};

/* --wait: 0, OPT_UNKNOWN or EXIT_USAGE. */
int start_option(int argc, char **argv, int *i, struct start *s);
int start_check(struct start *s, const char *name);
/* Tell the kernel to start name: an exit status. */
int start_partition(const char *name);
/* Poll name's state until it runs, fails or s->wait runs out. */
int wait_running(const struct start *s, const char *name);

/*
 * Write command to name/command: an exit status, after "cannot WHAT:
 * reason" when the kernel refuses.
 */
int partition_command(const char *name, const char *command,
		      const char *what);
/* Stop name's kernel at once ("force-stop"): an exit status. */
int force_stop(const char *name);
/* How long stop gives a kernel to shut down, in seconds. */
#define STOP_TIMEOUT 30
/*
 * Stop name's kernel whatever its state: a running one is asked and
 * forced after timeout seconds, one starting or unresponsive is forced,
 * one not active is left as it is.  An exit status.
 */
int stop_partition(const char *name, unsigned int timeout);
/*
 * After "stop": poll name's state until it is down, or force it when it
 * is not within timeout seconds.  An exit status.
 */
int wait_stopped(const char *name, unsigned int timeout);
/*
 * name's state into buf during a wait: 0, or -1 after saying "destroyed
 * while DOING" or why it cannot be read.
 */
int poll_state(const char *name, char *buf, size_t len, const char *doing);

#endif
