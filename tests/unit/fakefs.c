// SPDX-License-Identifier: GPL-2.0
/*
 * A fake Parker file system for the host unit tests: every test gets a
 * fresh tree in a temporary directory, named by PARKER_FS.  Test binaries
 * using it are linked with --wrap=mkdir,--wrap=rmdir so that, as on kernfs,
 * making a partition's directory makes its files and removing it removes
 * them (other directories are just directories); like the kernel, rmdir
 * refuses a partition that is starting,
 * running or unresponsive, unless "force-stop" was the last command.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "fakefs.h"

char root[64];
char run_root[64];
/* The id the next partition made by mkdir gets, as the kernel's next. */
static unsigned int next_id;
const char *broken_file;

const char *at(const char *rel)
{
	static char path[512];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	return path;
}

const char *run_at(const char *rel)
{
	static char path[512];

	snprintf(path, sizeof(path), "%s/%s", run_root, rel);
	return path;
}

void put(const char *dir, const char *file, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/%s", root, dir, file);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

char *get(const char *dir, const char *file)
{
	static char buf[4096];
	char path[512];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s/%s", root, dir, file);
	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	n = read(fd, buf, sizeof(buf) - 1);
	assert_true(n >= 0);
	buf[n] = '\0';
	close(fd);
	return buf;
}

int exists(const char *dir)
{
	return !access(at(dir), F_OK);
}

/* The files of a partition's life, as a new one has them. */
static const char *const life_files[][2] = {
	{ "on_crash", "stop\n" }, { "on_reboot", "restart\n" },
	{ "restart_count", "0\n" }, { "crash", "\n" },
	{ "heartbeat_age_ms", "-\n" }, { "console", "" },
	{ "console_head", "0\n" }, { "started_at", "-\n" },
	{ "dma", "none\n" }, { "dma_faults", "0\n" }, { "on_dma_fault", "log\n" },
};

/* What the kernel puts in a new partition's directory besides those. */
static const char *const part_files[][2] = {
	{ "state", "empty\n" }, { "cpus", "\n" },
	{ "smt_split", "0\n" }, { "memory", "0\n" }, { "devices", "" },
	{ "command", "" }, { "image_size", "0\n" }, { "cmdline", "\n" },
};

/* DIR/FILE with text, or a directory there when FILE is broken_file. */
static void make_file(const char *dir, const char *file, const char *text)
{
	char sub[1024];

	if (broken_file && !strcmp(file, broken_file)) {
		snprintf(sub, sizeof(sub), "%s/%s", at(dir), file);
		assert_int_equal(__real_mkdir(sub, 0755), 0);
		return;
	}
	put(dir, file, text);
}

static void life(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(life_files); i++)
		make_file(name, life_files[i][0], life_files[i][1]);
}

/* Whether path is a directory right under the root: a partition's. */
static int in_root(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n = strlen(root);

	return slash && (size_t)(slash - path) == n && !strncmp(path, root, n);
}

int __wrap_mkdir(const char *path, mode_t mode)
{
	const char *name = strrchr(path, '/') + 1;
	char id[16];

	if (!in_root(path))
		return __real_mkdir(path, mode);
	if (__real_mkdir(path, mode))
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(part_files); i++)
		make_file(name, part_files[i][0], part_files[i][1]);
	snprintf(id, sizeof(id), "%u\n", next_id++);
	make_file(name, "id", id);
	life(name);
	return 0;
}

static int remove_one(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int remove_tree(const char *path)
{
	return nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* The first line of PATH/FILE, or "" when it cannot be read. */
static const char *line_of(const char *path, const char *file, char *buf,
			   size_t len)
{
	char name[512];
	FILE *f;

	snprintf(name, sizeof(name), "%s/%s", path, file);
	buf[0] = '\0';
	f = fopen(name, "r");
	if (!f)
		return buf;
	if (!fgets(buf, (int)len, f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return buf;
}

/* Its kernel runs and was not forced to stop: the kernel keeps it. */
static int active(const char *path)
{
	char cmd[32], st[32];

	line_of(path, "command", cmd, sizeof(cmd));
	line_of(path, "state", st, sizeof(st));
	return strcmp(cmd, "force-stop") &&
	       (!strcmp(st, "starting") || !strcmp(st, "running") ||
		!strcmp(st, "unresponsive"));
}

void vanish(const char *name)
{
	assert_int_equal(remove_tree(at(name)), 0);
}

int __wrap_rmdir(const char *path)
{
	if (access(path, F_OK))
		return __real_rmdir(path);	/* for its errno */
	if (active(path)) {
		errno = EBUSY;
		return -1;
	}
	return remove_tree(path);
}

int fake_setup(void **state)
{
	(void)state;
	snprintf(root, sizeof(root), "/tmp/parkerfs-test-XXXXXX");
	if (!mkdtemp(root))
		return -1;
	setenv("PARKER_FS", root, 1);
	next_id = 0;
	snprintf(run_root, sizeof(run_root), "/tmp/parker-run-test-XXXXXX");
	if (!mkdtemp(run_root))
		return -1;
	setenv("PARKER_RUN", run_at("parker"), 1);
	broken_file = NULL;
	assert_int_equal(__real_mkdir(at("info"), 0755), 0);
	put("info", "pool_size", "1073741824\n");
	put("info", "pool_free", "805306368\n");
	put("info", "cpus_available", "4-7\n");
	put("info", "version", "1\n");
	put("info", "last_cmd_status", "ok\n");
	return 0;
}

int fake_teardown(void **state)
{
	(void)state;
	unsetenv("PARKER_FS");
	unsetenv("PARKER_RUN");
	return remove_tree(run_root) | remove_tree(root);
}

void partition(const char *name, const char *id, const char *st,
		      const char *cpus, const char *memory,
		      const char *devices)
{
	assert_int_equal(__real_mkdir(at(name), 0755), 0);
	if (id)
		put(name, "id", id);
	put(name, "state", st);
	put(name, "cpus", cpus);
	put(name, "memory", memory);
	put(name, "devices", devices);
	life(name);
}
