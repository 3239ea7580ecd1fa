/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where a partition's loaded image came from.  The kernel keeps only the
 * image (NAME/image_size, NAME/cmdline), not its file, so load records
 * the file's absolute path, size and SHA-256 (and the initrd's path and
 * SHA-256) in RUN/NAME.image, one "key=value" a line:
 *
 *   path=/parker/bzImage
 *   size=10485760
 *   sha256=<64 hex digits>
 *   initrd=/parker/app-initrd.cpio.gz
 *   initrd_sha256=<64 hex digits>
 *
 * RUN is /run/parker, or PARKER_RUN.  destroy and load --unload remove the
 * record.  A record whose size is not the kernel's image_size is stale.
 */
#ifndef PARKERCTL_IMAGE_H
#define PARKERCTL_IMAGE_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "sha256.h"

#define IMAGE_RUN_DIR "/run/parker"

struct image_record {
	char path[PATH_MAX];
	uint64_t size;
	char sha256[SHA256_HEX_LEN + 1];
	char initrd[PATH_MAX];		/* "" for none */
	char initrd_sha256[SHA256_HEX_LEN + 1];
};

/* The directory of the records: PARKER_RUN or /run/parker. */
const char *image_run_dir(void);
/* RUN/NAME.image into buf: 0, or -1 with ENAMETOOLONG. */
int image_record_path(const char *name, char *buf, size_t len);

/*
 * A record's text (len bytes, need not end in NUL): 0 with r filled, or
 * -1 when it lacks path, size or sha256 or has a bad line.  Unknown keys
 * are skipped, for records of later versions.
 */
int image_record_parse(const char *buf, size_t len, struct image_record *r);
/*
 * The text of r into buf: its length, or -1 when it does not fit or a
 * path holds a newline.
 */
int image_record_format(const struct image_record *r, char *buf,
			size_t len);

/* Read name's record: 0, or -1 with errno (ENOENT: none, EINVAL: bad). */
int image_record_read(const char *name, struct image_record *r);
/*
 * name's record when it is of the image the kernel holds, image_size
 * bytes: 0, or -1 (none, unreadable, or stale).
 */
int image_record_match(const char *name, uint64_t image_size,
		       struct image_record *r);
/* Write it, making RUN (0755) when needed: 0, or -1 with errno. */
int image_record_write(const char *name, const struct image_record *r);
/* Remove it; none there is fine: 0, or -1 with errno. */
int image_record_remove(const char *name);

/* A record of the files open as kernel_fd and initrd_fd (-1 for none). */
int image_record_of(struct image_record *r, const char *kernel,
		    int kernel_fd, const char *initrd, int initrd_fd);
/*
 * path as an absolute path into buf: as it is when it starts with '/',
 * else resolved with realpath(3).  0, or -1 with errno.
 */
int image_abs_path(const char *path, char *buf, size_t len);

#endif
