// SPDX-License-Identifier: GPL-2.0
/*
 * Access to the Parker file system.  Reads take the whole file and trim it;
 * writes hand the kernel the whole value in one write(2), which it applies
 * all or nothing, and leave the reason of a refusal in info/last_cmd_status.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "cli.h"
#include "parkerfs.h"

static const char *fake_root(void)
{
	const char *root = getenv("PARKER_FS");

	return root && *root ? root : NULL;
}

const char *parkerfs_root(void)
{
	const char *root = fake_root();

	return root ? root : PARKERFS_ROOT;
}

int parkerfs_path(char *buf, size_t len, const char *dir, const char *file)
{
	int n;

	if (dir && file)
		n = snprintf(buf, len, "%s/%s/%s", parkerfs_root(), dir, file);
	else if (dir || file)
		n = snprintf(buf, len, "%s/%s", parkerfs_root(),
			     dir ? dir : file);
	else
		n = snprintf(buf, len, "%s", parkerfs_root());
	if (n < 0 || (size_t)n >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

const char *parkerfs_mount_error(int err, char *buf, size_t len)
{
	switch (err) {
	case EOPNOTSUPP:
		/* The kernel's log says which of the two. */
		return "Parker management is off: boot with parker_pool=SIZE (e.g. parker_pool=2G), or, if it was given, see why nothing was reserved (dmesg | grep parker_pool)";
	case ENODEV:
		return "this kernel has no Parker support: boot a kernel built with CONFIG_PARKER";
	case ENOENT:
		/* Parker makes its mount point when it starts. */
		if (access("/sys/fs", F_OK))
			return "cannot mount the Parker file system: no sysfs on /sys (mount -t sysfs sysfs /sys)";
		return "this kernel has no Parker support: boot a kernel built with CONFIG_PARKER";
	case EPERM:
	case EACCES:
		snprintf(buf, len,
			 "cannot mount the Parker file system on %s: %s (run as root)",
			 PARKERFS_ROOT, strerror(err));
		return buf;
	default:
		snprintf(buf, len,
			 "cannot mount the Parker file system on %s: %s",
			 PARKERFS_ROOT, strerror(err));
		return buf;
	}
}

int parkerfs_try_mount(void)
{
	char info[PATH_MAX];

	if (fake_root())
		return parkerfs_path(info, sizeof(info), "info", NULL) ||
		       access(info, F_OK) ? errno : 0;
	if (!access(PARKERFS_ROOT "/info", F_OK))
		return 0;
	if (!mount("parker", PARKERFS_ROOT, "parker", 0, NULL))
		return 0;
	return errno;
}

int parkerfs_mount(void)
{
	char buf[PARKERFS_STATUS_MAX];
	int err;

	if (fake_root())
		return 0;
	err = parkerfs_try_mount();
	if (!err)
		return 0;
	error_msg(NULL, "%s", parkerfs_mount_error(err, buf, sizeof(buf)));
	return -1;
}

char *parkerfs_trim(char *s)
{
	size_t start = 0, end = strlen(s);

	while (start < end && isspace((unsigned char)s[start]))
		start++;
	while (end > start && isspace((unsigned char)s[end - 1]))
		end--;
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
	return s;
}

/* Up to len bytes into buf; the count, or -1 with errno. */
static ssize_t read_all(int fd, char *buf, size_t len)
{
	size_t used = 0;

	while (used < len) {
		ssize_t n = read(fd, buf + used, len - used);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		used += (size_t)n;
	}
	return (ssize_t)used;
}

int parkerfs_read_file(const char *path, char *buf, size_t len)
{
	ssize_t n, extra = 0;
	char more;
	int fd, err = 0;

	if (!len) {
		errno = EINVAL;
		return -1;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read_all(fd, buf, len - 1);
	if (n >= 0 && (size_t)n == len - 1)
		extra = read_all(fd, &more, 1);
	if (n < 0 || extra < 0)
		err = errno;
	else if (extra)
		err = EFBIG;
	close(fd);
	if (err) {
		buf[0] = '\0';
		errno = err;
		return -1;
	}
	buf[n] = '\0';
	parkerfs_trim(buf);
	return 0;
}

int parkerfs_read(const char *dir, const char *file, char *buf, size_t len)
{
	char path[PATH_MAX];

	if (parkerfs_path(path, sizeof(path), dir, file))
		return -1;
	return parkerfs_read_file(path, buf, len);
}

#define READ_ALL_CHUNK 65536

/* The rest of fd into a buffer that grows: the count, or -1 with errno. */
static ssize_t read_growing(int fd, char **buf, size_t *alloc)
{
	size_t used = 0;
	ssize_t n;

	for (;;) {
		if (used == *alloc) {
			*alloc += READ_ALL_CHUNK;
			*buf = xrealloc(*buf, *alloc);
		}
		n = read_all(fd, *buf + used, *alloc - used);
		if (n <= 0)
			return n < 0 ? -1 : (ssize_t)used;
		used += (size_t)n;
	}
}

char *parkerfs_read_all(const char *dir, const char *file, size_t *len)
{
	char path[PATH_MAX], *buf = NULL;
	size_t alloc = 0;
	ssize_t n;
	int fd, err;

	if (parkerfs_path(path, sizeof(path), dir, file))
		return NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	n = read_growing(fd, &buf, &alloc);
	err = errno;
	close(fd);
	if (n < 0) {
		free(buf);
		errno = err;
		return NULL;
	}
	*len = (size_t)n;
	return buf;
}

int parkerfs_exists(const char *dir)
{
	char path[PATH_MAX];

	return !parkerfs_path(path, sizeof(path), dir, NULL) &&
	       !access(path, F_OK);
}

int parkerfs_parse_u64(const char *s, uint64_t *val)
{
	uint64_t v = 0;

	if (*s < '0' || *s > '9') {
		errno = EINVAL;
		return -1;
	}
	for (; *s >= '0' && *s <= '9'; s++) {
		unsigned int d = (unsigned int)(*s - '0');

		if (v > (UINT64_MAX - d) / 10) {
			errno = ERANGE;
			return -1;
		}
		v = v * 10 + d;
	}
	if (*s) {
		errno = EINVAL;
		return -1;
	}
	*val = v;
	return 0;
}

/* "0x" and 1 to 16 hex digits. */
static int parse_hex64(const char *s, uint64_t *val)
{
	size_t n;

	if (strncmp(s, "0x", 2))
		return -1;
	s += 2;
	n = strspn(s, "0123456789abcdefABCDEF");
	if (!n || n > 16 || s[n])
		return -1;
	*val = strtoull(s, NULL, 16);
	return 0;
}

/* One "SIZE@0xBASE" of @len bytes at @s. */
static int parse_range(const char *s, size_t len, uint64_t *size,
		       uint64_t *base)
{
	char range[48];
	char *at;

	if (len >= sizeof(range))
		return -1;
	memcpy(range, s, len);
	range[len] = '\0';
	at = strchr(range, '@');
	if (!at)
		return -1;
	*at = '\0';
	if (parkerfs_parse_u64(range, size) || !*size ||
	    parse_hex64(at + 1, base))
		return -1;
	return *size - 1 > UINT64_MAX - *base ? -1 : 0;
}

int parkerfs_parse_ranges(const char *s, struct parkerfs_range *r, int max)
{
	uint64_t total = 0;
	int n = 0;

	if (!strcmp(s, "0"))
		return 0;
	for (;;) {
		size_t len = strcspn(s, ",");

		if (n == max || parse_range(s, len, &r[n].size, &r[n].base) ||
		    r[n].size > UINT64_MAX - total)
			return -1;
		total += r[n++].size;
		if (!s[len])
			return n;
		s += len + 1;
	}
}

int parkerfs_parse_memory(const char *s, uint64_t *size, uint64_t *base)
{
	struct parkerfs_range r[PARKERFS_RANGES_MAX];
	int i, n = parkerfs_parse_ranges(s, r, PARKERFS_RANGES_MAX);

	if (n < 0)
		return -1;
	*size = *base = 0;
	for (i = 0; i < n; i++)
		*size += r[i].size;
	if (n)
		*base = r[0].base;
	return 0;
}

int parkerfs_read_u64(const char *dir, const char *file, uint64_t *val)
{
	char buf[32];

	if (parkerfs_read(dir, file, buf, sizeof(buf)))
		return -1;
	return parkerfs_parse_u64(buf, val);
}

int parkerfs_write(const char *dir, const char *file, const char *val)
{
	char path[PATH_MAX];
	size_t len = strlen(val);
	ssize_t n;
	int fd, err = 0;

	if (parkerfs_path(path, sizeof(path), dir, file))
		return -1;
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -1;
	do {
		n = write(fd, val, len);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		err = errno;
	else if ((size_t)n != len)
		err = EIO;
	close(fd);
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}

int parkerfs_mkdir(const char *name)
{
	char path[PATH_MAX];

	if (parkerfs_path(path, sizeof(path), name, NULL))
		return -1;
	return mkdir(path, 0755);
}

int parkerfs_rmdir(const char *name)
{
	char path[PATH_MAX];

	if (parkerfs_path(path, sizeof(path), name, NULL))
		return -1;
	return rmdir(path);
}

const char *parkerfs_status_text(const char *name, char *buf)
{
	size_t n = name ? strlen(name) : 0;
	char *nl = strchr(buf, '\n');

	if (nl)
		*nl = '\0';
	if (n && !strncmp(buf, name, n) && buf[n] == ':' && buf[n + 1] == ' ')
		return buf + n + 2;
	return buf;
}

const char *parkerfs_reason(const char *name, int err, char *buf,
			    size_t len)
{
	switch (err) {
	case EACCES:
		return "permission denied (run parkerctl as root)";
	case ENOENT:
	case ENOTDIR:
	case ENAMETOOLONG:
	case EROFS:
		return strerror(err);
	}
	if (!parkerfs_read("info", "last_cmd_status", buf, len) && buf[0] &&
	    strcmp(buf, "ok"))
		return parkerfs_status_text(name, buf);
	if (err == EPERM)
		return "operation not permitted (needs CAP_SYS_ADMIN)";
	return strerror(err);
}
