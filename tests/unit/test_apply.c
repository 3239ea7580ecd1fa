// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for parkerctl apply (cmocka), on the fake tree of
 * fakefs.c: a file applied to nothing, applied again (only "unchanged"),
 * changed in its resources, image and policies, --dry-run, --prune, and
 * refused whole.  The binary is linked with --wrap=parker_kexec_file_load:
 * the stand-in below loads as the kernel would (state, image_size,
 * cmdline), or refuses; and with --wrap=sleep_ms, where a partition asked
 * to stop does.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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

#include "capture.h"
#include "cli.h"
#include "commands.h"
#include "fakefs.h"
#include "image.h"
#include "sha256.h"

/* What kexec_file_load(2) is to do: errno when not 0, and a status. */
static struct {
	int calls;
	int err;
	const char *status;
} kx;

static char conf[128], kernel[128], initrd[128];

/* The partition whose id is id, in a static buffer; or NULL. */
static const char *by_id(unsigned int id)
{
	static char name[256];
	struct dirent *ent;
	DIR *d = opendir(root);
	const char *found = NULL;

	assert_non_null(d);
	while (!found && (ent = readdir(d))) {
		char rel[300];
		FILE *f;
		unsigned int n;

		snprintf(rel, sizeof(rel), "%s/id", ent->d_name);
		f = fopen(at(rel), "r");
		if (!f)
			continue;
		if (fscanf(f, "%u", &n) == 1 && n == id) {
			snprintf(name, sizeof(name), "%s", ent->d_name);
			found = name;
		}
		fclose(f);
	}
	closedir(d);
	return found;
}

int __wrap_parker_kexec_file_load(int kernel_fd, int initrd_fd,
				  unsigned long cmdline_len,
				  const char *cmdline, unsigned long flags)
{
	const char *name = by_id((unsigned int)(flags >> 16) & 0xff);
	struct stat st;
	char size[32];

	(void)initrd_fd;
	(void)cmdline_len;
	kx.calls++;
	if (kx.status)
		put("info", "last_cmd_status", kx.status);
	if (kx.err) {
		errno = kx.err;
		return -1;
	}
	assert_non_null(name);
	if (flags & 1) {	/* KEXEC_FILE_UNLOAD */
		put(name, "image_size", "0\n");
		put(name, "state", "ready\n");
		return 0;
	}
	assert_int_equal(fstat(kernel_fd, &st), 0);
	snprintf(size, sizeof(size), "%lld\n", (long long)st.st_size);
	put(name, "image_size", size);
	put(name, "cmdline", cmdline);
	put(name, "state", "loaded\n");
	return 0;
}

void __real_sleep_ms(unsigned int ms);

/* A partition asked to stop stops at the first look. */
void __wrap_sleep_ms(unsigned int ms)
{
	struct dirent *ent;
	DIR *d = opendir(root);

	(void)ms;
	assert_non_null(d);
	while ((ent = readdir(d))) {
		char rel[300];

		snprintf(rel, sizeof(rel), "%s/command", ent->d_name);
		if (ent->d_name[0] != '.' && !access(at(rel), F_OK) &&
		    !strcmp(get(ent->d_name, "command"), "stop"))
			put(ent->d_name, "state", "stopped\n");
	}
	closedir(d);
}

static int setup(void **state)
{
	memset(&kx, 0, sizeof(kx));
	if (fake_setup(state))
		return -1;
	put(".", "bzImage", "BZIMAGE");
	put(".", "initrd.img", "INITRD");
	snprintf(kernel, sizeof(kernel), "%s", at("bzImage"));
	snprintf(initrd, sizeof(initrd), "%s", at("initrd.img"));
	snprintf(conf, sizeof(conf), "%s", run_at("partitions.conf"));
	return 0;
}

#define ATEST(fn) cmocka_unit_test_setup_teardown(fn, setup, fake_teardown)

/* The file: web runs /ROOT/bzImage, db holds resources only. */
static void write_conf(const char *web_extra, const char *more)
{
	FILE *f = fopen(conf, "w");

	assert_non_null(f);
	fprintf(f,
		"# partitions\n"
		"[web]\n"
		"cpus = 1-2\n"
		"memory = 256M\n"
		"devices = 0000:00:09.0 00:03.0\n"
		"kernel = %s\n"
		"initrd = %s\n"
		"cmdline = console=ttyS0 quiet\n"
		"%s"
		"\n"
		"[db]\n"
		"cpus = 3\n"
		"memory = 64M\n"
		"start = no\n"
		"%s",
		kernel, initrd, web_extra, more);
	assert_int_equal(fclose(f), 0);
}

static char out[8192], err[8192];

static void slurp(FILE *f, char *buf, size_t len)
{
	size_t n;

	rewind(f);
	n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
}

/*
 * parkerctl apply ARGS... (NULL-terminated): its exit status, with its
 * standard output in out and its standard error in err.
 */
static int apply(const char *arg, ...)
{
	char *argv[8] = { "apply" };
	FILE *o = tmpfile(), *e = tmpfile();
	int argc = 1, so, se, ret;
	va_list ap;

	va_start(ap, arg);
	for (const char *a = arg; a; a = va_arg(ap, const char *))
		argv[argc++] = (char *)a;
	va_end(ap);
	assert_non_null(o);
	assert_non_null(e);
	fflush(stdout);
	fflush(stderr);
	so = dup(1);
	se = dup(2);
	dup2(fileno(o), 1);
	dup2(fileno(e), 2);
	ret = cmd_apply(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(so, 1);
	dup2(se, 2);
	close(so);
	close(se);
	slurp(o, out, sizeof(out));
	slurp(e, err, sizeof(err));
	return ret;
}

/*
 * What the kernel shows once a partition made by apply has its resources
 * (the fake tree keeps what parkerctl wrote), and has started when it was
 * told to.
 */
static void settle(const char *name, const char *memory, const char *devices)
{
	put(name, "memory", memory);
	put(name, "devices", devices);
	if (!strcmp(get(name, "command"), "start"))
		put(name, "state", "running\n");
	put(name, "command", "");
}

static void settle_both(void)
{
	settle("web", "268435456@0x100000000\n",
	       "0000:00:03.0\n0000:00:09.0\n");
	settle("db", "67108864@0x110000000\n", "");
}

static const char *created(void)
{
	static char buf[2048];

	snprintf(buf, sizeof(buf),
		 "create web\nload web %s\nstart web\ncreate db\n", kernel);
	return buf;
}

static void from_nothing(void **state)
{
	struct image_record r;
	char sha[SHA256_HEX_LEN + 1];

	(void)state;
	write_conf("", "");
	assert_int_equal(apply(conf, NULL), EXIT_OK);
	assert_string_equal(out, created());
	assert_string_equal(err, "");
	assert_string_equal(get("web", "cpus"), "1-2");
	assert_string_equal(get("web", "memory"), "268435456");
	assert_string_equal(get("web", "on_crash"), "stop");
	assert_string_equal(get("web", "on_reboot"), "restart");
	assert_string_equal(get("web", "command"), "start");
	assert_string_equal(get("web", "cmdline"), "console=ttyS0 quiet");
	assert_string_equal(get("db", "cpus"), "3");
	assert_string_equal(get("db", "state"), "empty\n");
	assert_int_equal(kx.calls, 1);
	/* The record of what was loaded. */
	assert_int_equal(image_record_read("web", &r), 0);
	assert_string_equal(r.path, kernel);
	assert_true(r.size == 7);
	sha256_hex("BZIMAGE", 7, sha);
	assert_string_equal(r.sha256, sha);
	assert_string_equal(r.initrd, initrd);
	sha256_hex("INITRD", 6, sha);
	assert_string_equal(r.initrd_sha256, sha);
	assert_int_equal(image_record_read("db", &r), -1);
}

static void again_unchanged(void **state)
{
	(void)state;
	write_conf("", "");
	assert_int_equal(apply(conf, NULL), EXIT_OK);
	settle_both();
	assert_int_equal(apply(conf, NULL), EXIT_OK);
	assert_string_equal(out, "unchanged web\nunchanged db\n");
	assert_string_equal(err, "");
	assert_string_equal(get("web", "command"), "");
	assert_int_equal(kx.calls, 1);
	assert_int_equal(apply(conf, "--prune", NULL), EXIT_OK);
	assert_string_equal(out, "unchanged web\nunchanged db\n");
}

static void dry_run_changes_nothing(void **state)
{
	char expect[2048];

	(void)state;
	write_conf("", "");
	snprintf(expect, sizeof(expect),
		 "would create web\nwould load web %s\nwould start web\n"
		 "would create db\n", kernel);
	assert_int_equal(apply("--dry-run", conf, NULL), EXIT_OK);
	assert_string_equal(out, expect);
	assert_false(exists("web"));
	assert_false(exists("db"));
	assert_int_equal(kx.calls, 0);
	assert_int_equal(access(run_at("parker"), F_OK), -1);
}

/* More CPUs for web: stopped (it is running), destroyed, made anew. */
static void resources_changed(void **state)
{
	char expect[2048];

	(void)state;
	write_conf("", "");
	assert_int_equal(apply(conf, NULL), EXIT_OK);
	settle_both();
	write_conf("", "");
	put("web", "cpus", "1\n");	/* as if someone changed it */
	snprintf(expect, sizeof(expect),
		 "stop web (cpus changed)\ndestroy web (cpus changed)\n"
		 "create web\nload web %s\nstart web\nunchanged db\n", kernel);
	assert_int_equal(apply(conf, NULL), EXIT_OK);
	assert_string_equal(out, expect);
	assert_string_equal(err, "");
	assert_string_equal(get("web", "cpus"), "1-2");
	assert_int_equal(kx.calls, 2);
}

static void kernel_changed(void **state)
{
	char expect[2048];

	(void)state;
	write_conf("", "");
	assert_int_equal(apply(conf, NULL), EXIT_OK);
	settle_both();
	put(".", "bzImage", "BZIMAGF");	/* same size, other bytes */
	snprintf(expect, sizeof(expect),
		 "stop web (kernel changed)\ndestroy web (kernel changed)\n"
		 "create web\nload web %s\nstart web\nunchanged db\n", kernel);
	assert_int_equal(apply(conf, NULL), EXIT_OK);
	assert_string_equal(out, expect);
}

static void policies_changed(void **state)
{
	(void)state;
	write_conf("", "");
	assert_int_equal(apply(conf, NULL), EXIT_OK);
	settle_both();
	write_conf("on-crash = restart\nsmt-split = yes\n",
		   "on-reboot = stop\non-dma-fault = stop\n");
	assert_int_equal(apply(conf, NULL), EXIT_OK);
	assert_string_equal(out,
			    "set web on-crash restart\nset web smt-split yes\n"
			    "set db on-reboot stop\nset db on-dma-fault stop\n");
	assert_string_equal(get("web", "on_crash"), "restart");
	assert_string_equal(get("web", "smt_split"), "1");
	assert_string_equal(get("db", "on_reboot"), "stop");
	assert_string_equal(get("db", "on_dma_fault"), "stop");
	put("web", "on_crash", "restart\n");
	put("db", "on_dma_fault", "stop\n");
	assert_int_equal(apply(conf, NULL), EXIT_OK);
	assert_string_equal(out, "unchanged web\nunchanged db\n");
}

static void crashed_is_started(void **state)
{
	(void)state;
	write_conf("", "");
	assert_int_equal(apply(conf, NULL), EXIT_OK);
	settle_both();
	put("web", "state", "crashed\n");
	assert_int_equal(apply(conf, NULL), EXIT_OK);
	assert_string_equal(out, "start web\nunchanged db\n");
	assert_string_equal(get("web", "command"), "start");
}

static void prune(void **state)
{
	struct image_record r;
	char line[1024];

	(void)state;
	write_conf("", "");
	assert_int_equal(apply(conf, NULL), EXIT_OK);
	settle_both();
	partition("old", "7\n", "stopped\n", "5\n", "1048576@0x1000000\n", "");
	put("old", "image_size", "7\n");
	memset(&r, 0, sizeof(r));
	strcpy(r.path, "/old");
	r.size = 7;
	memset(r.sha256, 'a', SHA256_HEX_LEN);
	assert_int_equal(image_record_write("old", &r), 0);
	assert_int_equal(apply(conf, NULL), EXIT_OK);
	snprintf(line, sizeof(line),
		 "unchanged web\nunchanged db\nold: not in %s (kept; --prune destroys)\n",
		 conf);
	assert_string_equal(out, line);
	assert_true(exists("old"));
	assert_int_equal(apply(conf, "--prune", "--dry-run", NULL), EXIT_OK);
	snprintf(line, sizeof(line),
		 "would destroy old (not in %s)\nunchanged web\nunchanged db\n",
		 conf);
	assert_string_equal(out, line);
	assert_true(exists("old"));
	assert_int_equal(apply(conf, "--prune", NULL), EXIT_OK);
	snprintf(line, sizeof(line),
		 "destroy old (not in %s)\nunchanged web\nunchanged db\n",
		 conf);
	assert_string_equal(out, line);
	assert_false(exists("old"));
	assert_int_equal(image_record_read("old", &r), -1);
	assert_int_equal(errno, ENOENT);
}

/* A failed step skips the rest of its partition's, not the others'. */
static void step_fails(void **state)
{
	char expect[2048];

	(void)state;
	write_conf("", "");
	kx.err = EINVAL;
	kx.status = "web: not a bzImage\n";
	snprintf(expect, sizeof(expect),
		 "create web\nload web %s\ncreate db\n", kernel);
	assert_int_equal(apply(conf, NULL), EXIT_FAIL);
	assert_string_equal(out, expect);
	assert_string_equal(err, "parkerctl: web: cannot load: not a bzImage\n");
	assert_true(exists("web"));
	assert_true(exists("db"));
	assert_string_equal(get("web", "command"), "");
}

/* Errors in the file refuse it whole, before anything changes. */
static void refused_whole(void **state)
{
	char expect[2048];

	(void)state;
	write_conf("", "[bad]\ncpus = 9\nmemory = lots\n");
	assert_int_equal(apply(conf, NULL), EXIT_FAIL);
	snprintf(expect, sizeof(expect),
		 "parkerctl: %s:16: invalid memory size 'lots' (examples: 256M, 1G, 4194304)\n",
		 conf);
	assert_string_equal(err, expect);
	assert_string_equal(out, "");
	assert_false(exists("web"));
	/* A kernel that cannot be read, named with its line. */
	unlink(kernel);
	write_conf("", "");
	assert_int_equal(apply(conf, NULL), EXIT_FAIL);
	snprintf(expect, sizeof(expect),
		 "parkerctl: %s:6: cannot read kernel %s: %s\n", conf, kernel,
		 strerror(ENOENT));
	assert_string_equal(err, expect);
	assert_false(exists("web"));
	assert_false(exists("db"));
	/* Not a file to read to its end. */
	assert_int_equal(symlink("/dev/zero", kernel), 0);
	assert_int_equal(apply(conf, NULL), EXIT_FAIL);
	snprintf(expect, sizeof(expect),
		 "parkerctl: %s:6: cannot read kernel %s: not a regular file\n",
		 conf, kernel);
	assert_string_equal(err, expect);
	/* No file at all. */
	unlink(conf);
	assert_int_equal(apply(conf, NULL), EXIT_FAIL);
	snprintf(expect, sizeof(expect), "parkerctl: %s: cannot read: %s\n",
		 conf, strerror(ENOENT));
	assert_string_equal(err, expect);
}

/* apply as parkerctl runs it, through the table: with its --help. */
static int apply_command(int argc, char **argv)
{
	return run_command(find_command("apply"), argc, argv);
}

static void usage_errors(void **state)
{
	char *help_argv[] = { "apply", "--help" };
	int help_ret;

	static const char *const bad[][3] = {
		{ NULL }, { "a", "b" }, { "a", "--force" }, { "--prune" },
		{ "-x", "a" },
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		int ret = apply(bad[i][0], bad[i][1], bad[i][2], NULL);

		assert_int_equal(ret, EXIT_USAGE);
		assert_true(!strncmp(err, "parkerctl: ", 11));
		assert_non_null(strstr(err, "Try 'parkerctl apply --help'."));
	}
	/* The command only says it was asked; run_command() prints it. */
	assert_int_equal(apply("--help", NULL), EXIT_HELP);
	assert_string_equal(out, "");
	assert_non_null(strstr(capture(1, apply_command, 2, help_argv,
				       &help_ret),
			       "Usage: parkerctl apply FILE [--dry-run] [--prune]"));
	assert_int_equal(help_ret, EXIT_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		ATEST(from_nothing),
		ATEST(again_unchanged),
		ATEST(dry_run_changes_nothing),
		ATEST(resources_changed),
		ATEST(kernel_changed),
		ATEST(policies_changed),
		ATEST(crashed_is_started),
		ATEST(prune),
		ATEST(step_fails),
		ATEST(refused_whole),
		ATEST(usage_errors),
	};

	return cmocka_run_group_tests_name("apply", tests, NULL, NULL);
}
