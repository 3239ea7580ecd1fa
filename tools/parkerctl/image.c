// SPDX-License-Identifier: GPL-2.0
/*
 * The records of image.h.  A record is written to a temporary file and
 * renamed into place, so a reader sees the old one or the new one whole.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "image.h"
#include "parkerfs.h"

#define RECORD_MAX (3 * PATH_MAX + 256)

const char *image_run_dir(void)
{
	const char *dir = getenv("PARKER_RUN");

	return dir && *dir ? dir : IMAGE_RUN_DIR;
}

int image_record_path(const char *name, char *buf, size_t len)
{
	int n = snprintf(buf, len, "%s/%s.image", image_run_dir(), name);

	if (n < 0 || (size_t)n >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

static int valid_sha256(const char *s)
{
	return strlen(s) == SHA256_HEX_LEN &&
	       strspn(s, "0123456789abcdef") == SHA256_HEX_LEN;
}

/* val (n bytes) into buf of len as a string: 0, or -1 when too long. */
static int copy_value(char *buf, size_t len, const char *val, size_t n)
{
	if (n >= len)
		return -1;
	memcpy(buf, val, n);
	buf[n] = '\0';
	return 0;
}

static int parse_line(const char *line, size_t n, struct image_record *r)
{
	const char *eq = memchr(line, '=', n);
	char num[24];
	size_t k;

	if (!eq)
		return -1;
	k = (size_t)(eq - line);
	eq++;
	n -= k + 1;
	if (k == 4 && !strncmp(line, "path", 4))
		return copy_value(r->path, sizeof(r->path), eq, n);
	if (k == 4 && !strncmp(line, "size", 4))
		return copy_value(num, sizeof(num), eq, n) ||
		       parkerfs_parse_u64(num, &r->size);
	if (k == 6 && !strncmp(line, "sha256", 6))
		return copy_value(r->sha256, sizeof(r->sha256), eq, n);
	if (k == 6 && !strncmp(line, "initrd", 6))
		return copy_value(r->initrd, sizeof(r->initrd), eq, n);
	if (k == 13 && !strncmp(line, "initrd_sha256", 13))
		return copy_value(r->initrd_sha256, sizeof(r->initrd_sha256),
				  eq, n);
	return 0;
}

static int record_complete(const struct image_record *r, int has_size)
{
	if (r->path[0] != '/' || !has_size || !valid_sha256(r->sha256))
		return 0;
	if (!r->initrd[0])
		return !r->initrd_sha256[0];
	return r->initrd[0] == '/' && valid_sha256(r->initrd_sha256);
}

int image_record_parse(const char *buf, size_t len, struct image_record *r)
{
	const char *end = buf + len;
	int has_size = 0;

	memset(r, 0, sizeof(*r));
	while (buf < end) {
		const char *nl = memchr(buf, '\n', (size_t)(end - buf));
		size_t n = nl ? (size_t)(nl - buf) : (size_t)(end - buf);

		if (memchr(buf, '\0', n))
			return -1;
		if (n >= 5 && !strncmp(buf, "size=", 5))
			has_size = 1;
		if (n && parse_line(buf, n, r))
			return -1;
		buf += n + (nl ? 1 : 0);
	}
	return record_complete(r, has_size) ? 0 : -1;
}

int image_record_format(const struct image_record *r, char *buf, size_t len)
{
	int n;

	if (strchr(r->path, '\n') || strchr(r->initrd, '\n'))
		return -1;
	n = snprintf(buf, len, "path=%s\nsize=%" PRIu64 "\nsha256=%s\n",
		     r->path, r->size, r->sha256);
	if (n >= 0 && (size_t)n < len && r->initrd[0])
		n += snprintf(buf + n, len - (size_t)n,
			      "initrd=%s\ninitrd_sha256=%s\n", r->initrd,
			      r->initrd_sha256);
	if (n < 0 || (size_t)n >= len)
		return -1;
	return n;
}

/* Up to len bytes of path into buf: the count, or -1 with errno. */
static ssize_t read_record(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	do {
		n = read(fd, buf, len);
	} while (n < 0 && errno == EINTR);
	err = errno;
	close(fd);
	errno = err;
	return n;
}

int image_record_read(const char *name, struct image_record *r)
{
	char path[PATH_MAX], *buf;
	ssize_t n;
	int err;

	if (image_record_path(name, path, sizeof(path)))
		return -1;
	buf = malloc(RECORD_MAX);
	if (!buf)
		return -1;
	n = read_record(path, buf, RECORD_MAX);
	err = errno;
	if (n >= 0 && (n == RECORD_MAX ||
		       image_record_parse(buf, (size_t)n, r))) {
		n = -1;
		err = EINVAL;
	}
	free(buf);
	errno = err;
	return n < 0 ? -1 : 0;
}

int image_record_match(const char *name, uint64_t image_size,
		       struct image_record *r)
{
	if (image_record_read(name, r))
		return -1;
	return r->size == image_size ? 0 : -1;
}

/* dir and the directories above it, 0755 whatever the umask. */
static int make_dirs(const char *dir)
{
	char path[PATH_MAX];
	size_t n = strlen(dir);

	if (n >= sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(path, dir, n + 1);
	for (char *p = strchr(path + 1, '/');; p = strchr(p + 1, '/')) {
		if (p)
			*p = '\0';
		if (!mkdir(path, 0755))
			chmod(path, 0755);
		else if (errno != EEXIST)
			return -1;
		if (!p)
			return 0;
		*p = '/';
	}
}

static int write_whole(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

int image_record_write(const char *name, const struct image_record *r)
{
	char path[PATH_MAX], tmp[PATH_MAX + 8], buf[RECORD_MAX];
	int len = image_record_format(r, buf, sizeof(buf));
	int fd, err = 0;

	if (len < 0) {
		errno = EINVAL;
		return -1;
	}
	if (image_record_path(name, path, sizeof(path)) ||
	    make_dirs(image_run_dir()))
		return -1;
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	if (write_whole(fd, buf, (size_t)len))
		err = errno;
	if (close(fd) && !err)
		err = errno;
	if (!err && rename(tmp, path))
		err = errno;
	if (err) {
		unlink(tmp);
		errno = err;
		return -1;
	}
	return 0;
}

int image_record_remove(const char *name)
{
	char path[PATH_MAX];

	if (image_record_path(name, path, sizeof(path)))
		return -1;
	if (unlink(path) && errno != ENOENT)
		return -1;
	return 0;
}

int image_abs_path(const char *path, char *buf, size_t len)
{
	char *real;

	if (path[0] == '/') {
		if (strlen(path) >= len) {
			errno = ENAMETOOLONG;
			return -1;
		}
		strcpy(buf, path);
		return 0;
	}
	real = realpath(path, NULL);
	if (!real)
		return -1;
	if (strlen(real) >= len) {
		free(real);
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(buf, real);
	free(real);
	return 0;
}

int image_record_of(struct image_record *r, const char *kernel,
		    int kernel_fd, const char *initrd, int initrd_fd)
{
	struct stat st;

	memset(r, 0, sizeof(*r));
	if (image_abs_path(kernel, r->path, sizeof(r->path)) ||
	    fstat(kernel_fd, &st) || sha256_fd(kernel_fd, r->sha256))
		return -1;
	r->size = (uint64_t)st.st_size;
	if (initrd_fd < 0)
		return 0;
	if (image_abs_path(initrd, r->initrd, sizeof(r->initrd)) ||
	    sha256_fd(initrd_fd, r->initrd_sha256))
		return -1;
	return 0;
}
