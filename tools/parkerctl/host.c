// SPDX-License-Identifier: GPL-2.0
/* The roots of host.h, and the clock of /proc/uptime. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "parkerfs.h"

static const char *root_of(const char *env, const char *dflt)
{
	const char *root = getenv(env);

	return root && *root ? root : dflt;
}

const char *sysfs_root(void)
{
	return root_of("PARKER_SYSFS", SYSFS_ROOT);
}

const char *proc_root(void)
{
	return root_of("PARKER_PROC", PROC_ROOT);
}

int host_path(char *buf, size_t len, const char *root, const char *rel)
{
	int n = snprintf(buf, len, "%s/%s", root, rel);

	if (n < 0 || (size_t)n >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

int host_read(const char *root, const char *rel, char *buf, size_t len)
{
	char path[4096];

	if (host_path(path, sizeof(path), root, rel))
		return -1;
	return parkerfs_read_file(path, buf, len);
}

int parse_seconds(const char *s, uint64_t *secs)
{
	size_t n = strspn(s, "0123456789");
	const char *rest = s + n;
	char num[24];

	if (*rest == '.')
		rest += 1 + strspn(rest + 1, "0123456789");
	if (!n || n >= sizeof(num) || *rest)
		return -1;
	memcpy(num, s, n);
	num[n] = '\0';
	return parkerfs_parse_u64(num, secs);
}

int proc_uptime(uint64_t *secs)
{
	char buf[128];

	if (host_read(proc_root(), "uptime", buf, sizeof(buf)))
		return -1;
	buf[strcspn(buf, " \t\n")] = '\0';
	return parse_seconds(buf, secs);
}
