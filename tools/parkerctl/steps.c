// SPDX-License-Identifier: GPL-2.0
/*
 * The steps of a partition's life that the commands take (steps.h):
 * create it with its policies and resources, load its kernel, start it
 * and wait for it to run, stop it and wait for it to go, destroy it.  A
 * step writes to NAME/command and the other files of the partition and
 * reads NAME/state; the kernel takes "start", "stop" (asks the
 * partition's kernel to power off), "force-stop" and "restart", and
 * refuses one that does not fit the state with a reason in
 * info/last_cmd_status.  A step says what went wrong ("parkerctl: NAME:
 * ...") and returns an exit status; it never calls a command.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "cli.h"
#include "clock.h"
#include "image.h"
#include "kexec.h"
#include "parkerfs.h"
#include "steps.h"

int partition_command(const char *name, const char *command,
		      const char *what)
{
	char why[PARKERFS_STATUS_MAX];

	if (!parkerfs_write(name, "command", command))
		return EXIT_OK;
	error_msg(name, "cannot %s: %s", what,
		  errno == ENOENT ? "no such partition" :
		  parkerfs_reason(name, errno, why, sizeof(why)));
	return EXIT_FAIL;
}

int force_stop(const char *name)
{
	return partition_command(name, "force-stop", "stop");
}

int poll_state(const char *name, char *buf, size_t len, const char *doing)
{
	if (!parkerfs_read(name, "state", buf, len))
		return 0;
	if (errno == ENOENT)
		error_msg(name, "destroyed while %s", doing);
	else
		error_msg(name, "cannot read the state: %s", strerror(errno));
	return -1;
}

/* One value to name/file; on failure says "NAME: WHAT[ DETAIL]: reason". */
static int write_value(const char *name, const char *file,
		       const char *val, const char *what, const char *detail)
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
	    write_value(c->name, "on_crash", c->on_crash, "cannot set on_crash to",
		 c->on_crash))
		return -1;
	if (c->on_reboot &&
	    write_value(c->name, "on_reboot", c->on_reboot,
		 "cannot set on_reboot to", c->on_reboot))
		return -1;
	if (c->on_dma_fault &&
	    write_value(c->name, "on_dma_fault", c->on_dma_fault,
			"cannot set on_dma_fault to", c->on_dma_fault))
		return -1;
	return 0;
}

static int assign(const struct create *c)
{
	char dev[PCI_ADDR_LEN + 1];

	if (set_policies(c))
		return -1;
	if (c->smt_split &&
	    write_value(c->name, "smt_split", "1", "cannot allow SMT split", NULL))
		return -1;
	if (c->cpus_arg &&
	    write_value(c->name, "cpus", c->cpus, "cannot assign CPUs", c->cpus))
		return -1;
	if (c->memory_arg &&
	    write_value(c->name, "memory", c->memory, "cannot assign memory",
		 c->memory_human))
		return -1;
	for (int i = 0; i < c->nr_devices; i++) {
		snprintf(dev, sizeof(dev), "+%s", c->devices[i]);
		if (write_value(c->name, "devices", dev, "cannot assign device",
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

int destroy_partition(const char *name)
{
	char why[PARKERFS_STATUS_MAX];

	if (!parkerfs_rmdir(name)) {
		image_record_remove(name);
		return EXIT_OK;
	}
	error_msg(name, "cannot destroy: %s",
		  errno == ENOENT ? "no such partition" :
		  parkerfs_reason(name, errno, why, sizeof(why)));
	return EXIT_FAIL;
}

unsigned long load_flags(const struct load *l, unsigned int id)
{
	unsigned long flags = KEXEC_FILE_PARKER | KEXEC_FILE_PARKER_ID(id);

	if (l->unload)
		return flags | KEXEC_FILE_UNLOAD;
	if (!l->initrd)
		flags |= KEXEC_FILE_NO_INITRAMFS;
	return flags;
}

static int partition_id(const char *name, unsigned int *id)
{
	uint64_t val;

	if (parkerfs_read_u64(name, "id", &val)) {
		if (errno == ENOENT)
			error_msg(name, "no such partition");
		else
			error_msg(name, "cannot read its id: %s",
				  strerror(errno));
		return -1;
	}
	if (val > PARKER_ID_MAX) {
		error_msg(name, "id %" PRIu64 " is above %d, the highest kexec_file_load(2) can name",
			  val, PARKER_ID_MAX);
		return -1;
	}
	*id = (unsigned int)val;
	return 0;
}

/* Why a file cannot be handed to the kernel, or NULL. */
static const char *check_file(int fd)
{
	struct stat st;
	char c;

	if (fstat(fd, &st))
		return strerror(errno);
	if (S_ISDIR(st.st_mode))
		return strerror(EISDIR);
	if (!S_ISREG(st.st_mode))
		return "not a regular file";
	if (pread(fd, &c, 1, 0) < 0)
		return strerror(errno);
	return NULL;
}

/* An open, readable file, or -1 after saying why not. */
static int open_file(const char *name, const char *what, const char *path)
{
	const char *why;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		error_msg(name, "cannot open %s %s: %s", what, path,
			  strerror(errno));
		return -1;
	}
	why = check_file(fd);
	if (!why)
		return fd;
	error_msg(name, "cannot open %s %s: %s", what, path, why);
	close(fd);
	return -1;
}

/*
 * The kernel's reason, given the status from before the call: a refusal
 * of the permission check or a missing system call leaves the status of
 * an earlier command, which says nothing about this one.
 */
static const char *load_reason(const char *name, int err, const char *before,
			       char *buf, size_t len)
{
	int fresh;

	if (parkerfs_read("info", "last_cmd_status", buf, len) || !buf[0] ||
	    !strcmp(buf, "ok"))
		buf = NULL;
	fresh = buf && strcmp(buf, before);
	if (buf && (fresh || (err != EPERM && err != ENOSYS)))
		return parkerfs_status_text(name, buf);
	if (err == EPERM)
		return "operation not permitted (needs CAP_SYS_BOOT, and sysctl kernel.kexec_load_disabled 0)";
	if (err == ENOSYS)
		return "this kernel has no kexec_file_load(2)";
	return strerror(err);
}

int load_open(struct load *l, const char *name)
{
	if (l->opened)
		return 0;
	l->kernel_fd = -1;
	l->initrd_fd = -1;
	l->opened = 1;
	if (l->kernel) {
		l->kernel_fd = open_file(name, "kernel", l->kernel);
		if (l->kernel_fd < 0)
			return -1;
	}
	if (l->initrd) {
		l->initrd_fd = open_file(name, "initrd", l->initrd);
		if (l->initrd_fd < 0)
			return -1;
	}
	return 0;
}

void load_close(struct load *l)
{
	if (!l->opened)
		return;
	if (l->initrd_fd >= 0)
		close(l->initrd_fd);
	if (l->kernel_fd >= 0)
		close(l->kernel_fd);
	l->opened = 0;
}

static int kexec_load(const struct load *l, unsigned int id)
{
	const char *cmdline = l->cmdline ? l->cmdline : "";

	if (l->unload)
		return parker_kexec_file_load(-1, -1, 0, NULL,
					      load_flags(l, id));
	return parker_kexec_file_load(l->kernel_fd, l->initrd_fd,
				      strlen(cmdline) + 1, cmdline,
				      load_flags(l, id));
}

/*
 * Record what was loaded, or that nothing is: a warning when it cannot
 * be, as the load itself went well.
 */
static void record_image(const struct load *l, const char *name)
{
	struct image_record *r = xcalloc(1, sizeof(*r));
	char path[PATH_MAX];
	int ret;

	if (l->unload)
		ret = image_record_remove(name);
	else
		ret = image_record_of(r, l->kernel, l->kernel_fd, l->initrd,
				      l->initrd_fd) ||
		      image_record_write(name, r);
	if (ret && !image_record_path(name, path, sizeof(path)))
		error_msg(name, "warning: cannot %s %s: %s (show and apply will not know the image's file)",
			  l->unload ? "remove" : "write", path,
			  strerror(errno));
	free(r);
}

static int load_files(struct load *l, const char *name, unsigned int id)
{
	char before[PARKERFS_STATUS_MAX], why[PARKERFS_STATUS_MAX];

	if (load_open(l, name))
		return -1;
	if (parkerfs_read("info", "last_cmd_status", before, sizeof(before)))
		before[0] = '\0';
	if (!kexec_load(l, id)) {
		record_image(l, name);
		return 0;
	}
	error_msg(name, "cannot %s: %s", l->unload ? "unload" : "load",
		  load_reason(name, errno, before, why, sizeof(why)));
	return -1;
}

int load_partition(struct load *l, const char *name)
{
	unsigned int id;
	int ret = EXIT_OK;

	if (parkerfs_mount() || partition_id(name, &id) ||
	    load_files(l, name, id))
		ret = EXIT_FAIL;
	load_close(l);
	return ret;
}

int start_partition(const char *name)
{
	return partition_command(name, "start", "start");
}

int wait_running(const struct start *s, const char *name)
{
	uint64_t end = now_ms() + (uint64_t)s->wait * 1000;
	char state[64];

	if (!s->wait)
		return EXIT_OK;
	for (;;) {
		if (poll_state(name, state, sizeof(state), "starting"))
			return EXIT_FAIL;
		if (state_is(state, PARKER_STATE_RUNNING))
			return EXIT_OK;
		if (state_is_down(state)) {
			error_msg(name, "%s while starting", state);
			return EXIT_FAIL;
		}
		if (now_ms() >= end) {
			error_msg(name, "not running after %u s (state: %s)",
				  s->wait, state);
			return EXIT_FAIL;
		}
		sleep_ms(STATE_POLL_MS);
	}
}

int wait_stopped(const char *name, unsigned int timeout)
{
	uint64_t end = now_ms() + (uint64_t)timeout * 1000;
	char state[64];

	for (;;) {
		if (poll_state(name, state, sizeof(state), "stopping"))
			return EXIT_FAIL;
		if (state_is_down(state))
			return EXIT_OK;
		if (now_ms() >= end)
			break;
		sleep_ms(STATE_POLL_MS);
	}
	error_msg(name, "did not stop within %u s; forcing", timeout);
	return force_stop(name);
}

int stop_partition(const char *name, unsigned int timeout)
{
	char state[64];

	if (parkerfs_read(name, "state", state, sizeof(state))) {
		error_msg(name, "cannot stop: %s",
			  errno == ENOENT ? "no such partition" :
			  strerror(errno));
		return EXIT_FAIL;
	}
	if (!state_is_active(state))
		return EXIT_OK;
	/* Only a running kernel can be asked; the others are forced. */
	if (!state_is(state, PARKER_STATE_RUNNING) || parkerfs_write(name, "command", "stop"))
		return force_stop(name);
	return wait_stopped(name, timeout);
}
