// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl load NAME --kernel BZIMAGE [--initrd FILE] [--cmdline STRING]
 * parkerctl load NAME --unload
 *
 * kexec_file_load(2) with KEXEC_FILE_PARKER puts a kernel into a
 * partition's memory instead of the kexec slot; the partition is named by
 * its id in the flags.  The kernel checks the image and says why it
 * refuses one in info/last_cmd_status.  A loaded image is recorded with
 * its path, size and SHA-256 (image.h); an unload removes the record.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "image.h"
#include "parkerctl.h"
#include "parkerfs.h"
#include "partition.h"

#define usage(l, ...) cmd_usage_error((l)->cmd, __VA_ARGS__)

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

static int call(const struct load *l, unsigned int id)
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
static void record(const struct load *l, const char *name)
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
	if (!call(l, id)) {
		record(l, name);
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

static int option(int argc, char **argv, int *i, void *arg)
{
	struct load *l = arg;

	if (!strcmp(argv[*i], "--unload")) {
		l->unload = 1;
		return 0;
	}
	return load_option(argc, argv, i, l);
}

int cmd_load(int argc, char **argv)
{
	struct load l = { .cmd = "load" };
	const char *name;
	int ret;

	ret = parse_args("load", argc, argv, &name, option, &l);
	if (!ret)
		ret = load_check(&l, name);
	if (!ret)
		ret = load_partition(&l, name);
	return ret;
}
