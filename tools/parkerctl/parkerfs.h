/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Parker file system: /sys/fs/parker/info holds the pool and the status
 * of the last command, every other directory is a partition, and every file
 * holds one value.  PARKER_FS names another root (a fake tree for the unit
 * tests); parkerctl then never mounts anything.
 */
#ifndef PARKERCTL_PARKERFS_H
#define PARKERCTL_PARKERFS_H

#include <stddef.h>
#include <stdint.h>

#define PARKERFS_ROOT "/sys/fs/parker"
/* The longest value read or written: a CPU list of 4096 CPUs fits. */
#define PARKERFS_VALUE_MAX 16384
/* Room for info/last_cmd_status. */
#define PARKERFS_STATUS_MAX 512

const char *parkerfs_root(void);
/* Mount the file system unless it is there already; says why it cannot. */
int parkerfs_mount(void);
/* The same without a word: 0, or the errno of the failure. */
int parkerfs_try_mount(void);
/* Why the file system cannot be mounted (errno err), and what to do. */
const char *parkerfs_mount_error(int err, char *buf, size_t len);

/* ROOT/DIR/FILE (either may be NULL) into buf; -1 with ENAMETOOLONG. */
int parkerfs_path(char *buf, size_t len, const char *dir, const char *file);

/* Strip leading and trailing white space in place; returns s. */
char *parkerfs_trim(char *s);
/* A whole file into buf, trimmed: 0, or -1 with errno (EFBIG: too long). */
int parkerfs_read_file(const char *path, char *buf, size_t len);
/* parkerfs_read_file() of ROOT/DIR/FILE. */
int parkerfs_read(const char *dir, const char *file, char *buf, size_t len);
/*
 * ROOT/DIR/FILE as it is, of any length, in a buffer to free(): its byte
 * count in *len, or NULL with errno.
 */
char *parkerfs_read_all(const char *dir, const char *file, size_t *len);
/* Whether ROOT/DIR is there. */
int parkerfs_exists(const char *dir);
/* A decimal number: 0, or -1 with errno EINVAL or ERANGE. */
int parkerfs_parse_u64(const char *s, uint64_t *val);
int parkerfs_read_u64(const char *dir, const char *file, uint64_t *val);
/*
 * A memory file's "0" or its ranges "SIZE@0xBASE[,SIZE@0xBASE...]"
 * (decimal size, 1 to 16 hex digits of base, each range within 64 bits):
 * 0 with the total size and the first range's base, the one the kernel
 * starts in (both 0 for "0"), or -1.
 */
int parkerfs_parse_memory(const char *s, uint64_t *size, uint64_t *base);

/* One range of a partition's memory. */
struct parkerfs_range {
	uint64_t size;
	uint64_t base;
};

/* More than the kernel gives (PARKER_REC_MEM), so that none is cut off. */
#define PARKERFS_RANGES_MAX 16

/*
 * The ranges of a memory file's value, as parkerfs_parse_memory() reads
 * it, into @r: how many (0 for "0"), or -1 (also for more than @max).
 */
int parkerfs_parse_ranges(const char *s, struct parkerfs_range *r, int max);

/* val to ROOT/DIR/FILE in a single write(2): 0, or -1 with errno. */
int parkerfs_write(const char *dir, const char *file, const char *val);
int parkerfs_mkdir(const char *name);
int parkerfs_rmdir(const char *name);

/*
 * The first line of a status read into buf, less the "NAME: " the kernel
 * puts before it when it is about partition name (which may be NULL).
 */
const char *parkerfs_status_text(const char *name, char *buf);

/*
 * Why an operation on partition name (or NULL) failed with errno err: the
 * kernel's info/last_cmd_status without its "NAME: " prefix, or strerror(err)
 * when the status says "ok", cannot be read, or cannot be about this
 * operation (the VFS refused it before Parker saw it).
 */
const char *parkerfs_reason(const char *name, int err, char *buf,
			    size_t len);

#endif
