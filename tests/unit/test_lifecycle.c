// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for parkerctl load, start, stop, restart, run and
 * destroy (cmocka), on the fake tree of fakefs.c.  The binary is linked
 * with --wrap=parker_kexec_file_load: the stand-in below records what the
 * load code would pass to kexec_file_load(2), plays the kernel's answer,
 * and can move the partition to a new state as a started kernel would.
 * It is also linked with --wrap=sleep_ms, where the partition's kernel
 * gets to change its state (or the partition goes) between two looks.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "cli.h"
#include "commands.h"
#include "fakefs.h"
#include "image.h"
#include "parkerfs.h"
#include "steps.h"

#define MAX_ARGS 24

/* What the last kexec_file_load(2) got, and what it is to do. */
static struct {
	int calls;
	char kernel[32], initrd[32];	/* read from the fds; "-" for -1 */
	unsigned long cmdline_len;
	char cmdline[LOAD_CMDLINE_MAX + 8];	/* "(null)" for NULL */
	unsigned long flags;
	/* The answer: errno when not 0; then a status, a partition's state. */
	int err;
	const char *status;
	const char *state_of, *state;
} kx;

/*
 * After the sleep numbered at, of's state becomes state; or of goes, or
 * its command file breaks (a directory: writes fail).
 */
static struct later {
	int sleeps;
	int at;
	const char *of, *state;
	int vanish, break_command;
} later;

static char kernel_path[512], initrd_path[512];

void __real_sleep_ms(unsigned int ms);

void __wrap_sleep_ms(unsigned int ms)
{
	__real_sleep_ms(ms);
	if (++later.sleeps != later.at || !later.of)
		return;
	if (later.vanish) {
		vanish(later.of);
	} else if (later.break_command) {
		char path[512];

		snprintf(path, sizeof(path), "%s/command", later.of);
		assert_int_equal(unlink(at(path)), 0);
		assert_int_equal(__real_mkdir(at(path), 0755), 0);
	} else {
		put(later.of, "state", later.state);
	}
}

static void read_fd(int fd, char *buf, size_t len)
{
	ssize_t n;

	if (fd < 0) {
		snprintf(buf, len, "-");
		return;
	}
	n = pread(fd, buf, len - 1, 0);
	assert_true(n >= 0);
	buf[n] = '\0';
}

int __wrap_parker_kexec_file_load(int kernel_fd, int initrd_fd,
				  unsigned long cmdline_len,
				  const char *cmdline, unsigned long flags)
{
	kx.calls++;
	read_fd(kernel_fd, kx.kernel, sizeof(kx.kernel));
	read_fd(initrd_fd, kx.initrd, sizeof(kx.initrd));
	kx.cmdline_len = cmdline_len;
	snprintf(kx.cmdline, sizeof(kx.cmdline), "%s",
		 cmdline ? cmdline : "(null)");
	kx.flags = flags;
	if (kx.status)
		put("info", "last_cmd_status", kx.status);
	if (kx.err) {
		errno = kx.err;
		return -1;
	}
	if (kx.state_of)
		put(kx.state_of, "state", kx.state);
	return 0;
}

static int setup(void **state)
{
	memset(&kx, 0, sizeof(kx));
	memset(&later, 0, sizeof(later));
	if (fake_setup(state))
		return -1;
	put(".", "bzImage", "BZIMAGE");
	put(".", "initrd.img", "INITRD");
	snprintf(kernel_path, sizeof(kernel_path), "%s", at("bzImage"));
	snprintf(initrd_path, sizeof(initrd_path), "%s", at("initrd.img"));
	return 0;
}

#define LTEST(fn) cmocka_unit_test_setup_teardown(fn, setup, fake_teardown)

/* A partition as create leaves it, with the command file. */
static void loadable(const char *name, const char *id, const char *st)
{
	partition(name, id, st, "1\n", "268435456@0x100000000\n", "");
	put(name, "command", "");
}

/* Run fn on the words of args (NULL-terminated); returns its stderr. */
static char *run(int (*fn)(int, char **), const char *const *args,
		 int *ret)
{
	char *argv[MAX_ARGS];
	int argc = 0;

	while (args[argc]) {
		assert_true(argc < MAX_ARGS);
		argv[argc] = (char *)args[argc];
		argc++;
	}
	return capture(2, fn, argc, argv, ret);
}

static char *message(const char *fmt, const char *a, const char *b)
{
	static char buf[1024];

	snprintf(buf, sizeof(buf), fmt, a, b);
	return buf;
}

static void load_passes_files_and_flags(void **state)
{
	const char *args[] = {
		"load", "web", "--kernel", kernel_path, "--initrd=",
		"--cmdline", "console=ttyS0 quiet", NULL,
	};
	char initrd_opt[sizeof(initrd_path) + 16];
	int ret;

	(void)state;
	loadable("web", "3\n", "ready\n");
	snprintf(initrd_opt, sizeof(initrd_opt), "--initrd=%s", initrd_path);
	args[4] = initrd_opt;
	assert_string_equal(run(cmd_load, args, &ret), "");
	assert_int_equal(ret, EXIT_OK);
	assert_int_equal(kx.calls, 1);
	assert_string_equal(kx.kernel, "BZIMAGE");
	assert_string_equal(kx.initrd, "INITRD");
	assert_string_equal(kx.cmdline, "console=ttyS0 quiet");
	assert_int_equal(kx.cmdline_len, strlen("console=ttyS0 quiet") + 1);
	assert_int_equal(kx.flags, 0x10 | 3 << 16);
}

static void load_without_initrd_or_cmdline(void **state)
{
	const char *args[] = { "load", "--kernel", kernel_path, "db", NULL };
	int ret;

	(void)state;
	loadable("db", "255\n", "stopped\n");
	assert_string_equal(run(cmd_load, args, &ret), "");
	assert_int_equal(ret, EXIT_OK);
	assert_string_equal(kx.kernel, "BZIMAGE");
	assert_string_equal(kx.initrd, "-");
	/* An empty command line is one NUL. */
	assert_string_equal(kx.cmdline, "");
	assert_int_equal(kx.cmdline_len, 1);
	assert_int_equal(kx.flags, 0x10 | 0x4 | 0xffUL << 16);
}

static void load_unload(void **state)
{
	const char *args[] = { "load", "web", "--unload", NULL };
	int ret;

	(void)state;
	loadable("web", "7\n", "loaded\n");
	assert_string_equal(run(cmd_load, args, &ret), "");
	assert_int_equal(ret, EXIT_OK);
	assert_string_equal(kx.kernel, "-");
	assert_string_equal(kx.initrd, "-");
	assert_string_equal(kx.cmdline, "(null)");
	assert_int_equal(kx.cmdline_len, 0);
	assert_int_equal(kx.flags, 0x10 | 0x1 | 7 << 16);
}

/* The text of the file at path, in a static buffer. */
static const char *read_text(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* A load records the image's file; an unload drops the record. */
static void load_records_image(void **state)
{
	const char *load[] = {
		"load", "web", "--kernel", kernel_path, "--initrd", initrd_path,
		NULL,
	};
	const char *unload[] = { "load", "web", "--unload", NULL };
	char sha[SHA256_HEX_LEN + 1], text[2048];
	struct image_record r;
	int ret;

	(void)state;
	loadable("web", "3\n", "ready\n");
	assert_int_equal(access(run_at("parker"), F_OK), -1);
	assert_string_equal(run(cmd_load, load, &ret), "");
	assert_int_equal(ret, EXIT_OK);
	assert_int_equal(image_record_read("web", &r), 0);
	assert_string_equal(r.path, kernel_path);
	assert_true(r.size == 7);
	sha256_hex("BZIMAGE", 7, sha);
	assert_string_equal(r.sha256, sha);
	assert_string_equal(r.initrd, initrd_path);
	/* The file as documented: key=value lines. */
	snprintf(text, sizeof(text),
		 "path=%s\nsize=7\nsha256=%s\ninitrd=%s\ninitrd_sha256=", kernel_path,
		 sha, initrd_path);
	assert_int_equal(strncmp(read_text(run_at("parker/web.image")), text,
				 strlen(text)), 0);
	assert_string_equal(run(cmd_load, unload, &ret), "");
	assert_int_equal(ret, EXIT_OK);
	assert_int_equal(image_record_read("web", &r), -1);
}

/* A relative path is recorded as the absolute path of the file. */
static void load_records_absolute_path(void **state)
{
	const char *load[] = { "load", "web", "--kernel", "bzImage", NULL };
	struct image_record r;
	char cwd[512];
	int ret;

	(void)state;
	loadable("web", "3\n", "ready\n");
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(root), 0);
	run(cmd_load, load, &ret);
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(ret, EXIT_OK);
	assert_int_equal(image_record_read("web", &r), 0);
	assert_string_equal(r.path, kernel_path);
	assert_string_equal(r.initrd, "");
}

/* A refused load leaves the record of the image loaded before. */
static void load_refused_keeps_record(void **state)
{
	const char *load[] = { "load", "web", "--kernel", kernel_path, NULL };
	struct image_record r = { .path = "/old", .size = 5 };
	int ret;

	(void)state;
	loadable("web", "3\n", "loaded\n");
	memset(r.sha256, 'e', SHA256_HEX_LEN);
	assert_int_equal(image_record_write("web", &r), 0);
	kx.err = EINVAL;
	kx.status = "web: not a bzImage\n";
	run(cmd_load, load, &ret);
	assert_int_equal(ret, EXIT_FAIL);
	assert_int_equal(image_record_read("web", &r), 0);
	assert_string_equal(r.path, "/old");
}

/* Without a place for the record, the load still succeeds, and says so. */
static void load_record_fails(void **state)
{
	const char *load[] = { "load", "web", "--kernel", kernel_path, NULL };
	char expect[1024];
	int ret;

	(void)state;
	loadable("web", "3\n", "ready\n");
	put(".", "notadir", "");
	setenv("PARKER_RUN", at("notadir/parker"), 1);
	snprintf(expect, sizeof(expect),
		 "parkerctl: web: warning: cannot write %s/web.image: %s (show and apply will not know the image's file)\n",
		 at("notadir/parker"), strerror(ENOTDIR));
	assert_string_equal(run(cmd_load, load, &ret), expect);
	assert_int_equal(ret, EXIT_OK);
	assert_int_equal(kx.calls, 1);
}

static void load_flags_of(void **state)
{
	struct load l = { .kernel = "k" };

	(void)state;
	assert_int_equal(load_flags(&l, 0), 0x14);
	assert_int_equal(load_flags(&l, 0x1ff), 0x14 | 0xffUL << 16);
	l.initrd = "i";
	assert_int_equal(load_flags(&l, 2), 0x10 | 2 << 16);
	l = (struct load){ .unload = 1 };
	assert_int_equal(load_flags(&l, 1), 0x11 | 1 << 16);
}

static void load_cmdline_limit(void **state)
{
	char longest[LOAD_CMDLINE_MAX + 1];
	const char *args[] = {
		"load", "web", "--kernel", kernel_path, "--cmdline", longest,
		NULL,
	};
	int ret;

	(void)state;
	loadable("web", "1\n", "ready\n");
	memset(longest, 'x', LOAD_CMDLINE_MAX - 1);
	longest[LOAD_CMDLINE_MAX - 1] = '\0';
	assert_string_equal(run(cmd_load, args, &ret), "");
	assert_int_equal(ret, EXIT_OK);
	assert_int_equal(kx.cmdline_len, LOAD_CMDLINE_MAX);
	assert_string_equal(kx.cmdline, longest);

	strcat(longest, "x");
	assert_string_equal(run(cmd_load, args, &ret),
			    "parkerctl: web: --cmdline of 2000 bytes is too long: at most 1999\n"
			    "Try 'parkerctl load --help'.\n");
	assert_int_equal(ret, EXIT_USAGE);
	assert_int_equal(kx.calls, 1);
}

static void load_usage_errors(void **state)
{
	static const char *const bad[][6] = {
		{ "web" },
		{ "web", "--unload", "--kernel", "bz" },
		{ "web", "--kernel=bz", "--unload" },
		{ "web", "--initrd", "rd", "--unload" },
		{ "web", "--unload", "--cmdline=" },
		{ "web", "--kernel" },
		{ "web", "--kernel", "a", "--kernel=b" },
		{ "web", "--cmdline", "a", "--cmdline", "b", "--kernel=x" },
		{ "--kernel", "bz" },
		{ "web", "--kernel", "bz", "--wait", "1" },
		{ "web", "--kernel", "bz", "other" },
		{ "Web", "--kernel", "bz" },
		{ "web", "--unload=1" },
	};
	(void)state;
	loadable("web", "1\n", "ready\n");
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		const char *args[8] = { "load" };
		char *err;
		int ret;

		for (int j = 0; j < 6 && bad[i][j]; j++)
			args[j + 1] = bad[i][j];
		err = run(cmd_load, args, &ret);
		assert_int_equal(ret, EXIT_USAGE);
		assert_true(!strncmp(err, "parkerctl: ", 11));
		assert_non_null(strstr(err, "Try 'parkerctl load --help'."));
	}
	assert_int_equal(kx.calls, 0);
}

static void load_unload_conflict_message(void **state)
{
	const char *args[] = {
		"load", "web", "--unload", "--kernel", kernel_path, NULL,
	};
	int ret;

	(void)state;
	assert_string_equal(run(cmd_load, args, &ret),
			    "parkerctl: web: option '--kernel' does not go with --unload\n"
			    "Try 'parkerctl load --help'.\n");
	assert_int_equal(ret, EXIT_USAGE);
}

static void load_no_such_partition(void **state)
{
	const char *args[] = { "load", "web", "--kernel", kernel_path, NULL };
	int ret;

	(void)state;
	assert_string_equal(run(cmd_load, args, &ret),
			    "parkerctl: web: no such partition\n");
	assert_int_equal(ret, EXIT_FAIL);
	assert_int_equal(kx.calls, 0);
}

static void load_cannot_open(void **state)
{
	char dir[512], nothing[512];
	const char *args[] = {
		"load", "web", "--kernel", nothing, NULL, NULL, NULL,
	};
	int ret;

	(void)state;
	loadable("web", "1\n", "ready\n");
	snprintf(nothing, sizeof(nothing), "%s", at("nothing"));
	assert_string_equal(run(cmd_load, args, &ret),
			    message("parkerctl: web: cannot open kernel %s: %s\n",
				    nothing, strerror(ENOENT)));
	assert_int_equal(ret, EXIT_FAIL);

	snprintf(dir, sizeof(dir), "%s", at("web"));
	args[3] = kernel_path;
	args[4] = "--initrd";
	args[5] = dir;
	assert_string_equal(run(cmd_load, args, &ret),
			    message("parkerctl: web: cannot open initrd %s: %s\n",
				    dir, strerror(EISDIR)));
	assert_int_equal(ret, EXIT_FAIL);

	args[5] = "/dev/null";
	assert_string_equal(run(cmd_load, args, &ret),
			    "parkerctl: web: cannot open initrd /dev/null: not a regular file\n");
	assert_int_equal(ret, EXIT_FAIL);
	assert_int_equal(kx.calls, 0);
}

static void load_refused(void **state)
{
	const char *args[] = { "load", "web", "--kernel", kernel_path, NULL };
	int ret;

	(void)state;
	loadable("web", "1\n", "ready\n");
	kx.err = EADDRNOTAVAIL;
	kx.status = "web: the image does not fit in the partition's 60M of memory\n";
	assert_string_equal(run(cmd_load, args, &ret),
			    "parkerctl: web: cannot load: the image does not fit in the partition's 60M of memory\n");
	assert_int_equal(ret, EXIT_FAIL);

	/* The same refusal again leaves the status as it was. */
	assert_string_equal(run(cmd_load, args, &ret),
			    "parkerctl: web: cannot load: the image does not fit in the partition's 60M of memory\n");

	kx.err = ENOEXEC;
	kx.status = "ok\n";
	assert_string_equal(run(cmd_load, args, &ret),
			    message("parkerctl: web: cannot load: %s\n",
				    strerror(ENOEXEC), NULL));
	assert_int_equal(ret, EXIT_FAIL);
}

static void load_refused_before_parker(void **state)
{
	const char *args[] = { "load", "web", "--unload", NULL };
	int ret;

	(void)state;
	loadable("web", "1\n", "loaded\n");
	/* An earlier command's status says nothing about this refusal. */
	put("info", "last_cmd_status", "db: CPU 3 belongs to web\n");
	kx.err = EPERM;
	assert_string_equal(run(cmd_load, args, &ret),
			    "parkerctl: web: cannot unload: operation not permitted (needs CAP_SYS_BOOT, and sysctl kernel.kexec_load_disabled 0)\n");
	assert_int_equal(ret, EXIT_FAIL);

	kx.err = ENOSYS;
	assert_string_equal(run(cmd_load, args, &ret),
			    "parkerctl: web: cannot unload: this kernel has no kexec_file_load(2)\n");

	kx.err = EPERM;
	kx.status = "web: kexec_file_load failed (-1)";
	assert_string_equal(run(cmd_load, args, &ret),
			    "parkerctl: web: cannot unload: kexec_file_load failed (-1)\n");
}

static void start(void **state)
{
	const char *args[] = { "start", "web", NULL };
	int ret;

	(void)state;
	loadable("web", "1\n", "loaded\n");
	assert_string_equal(run(cmd_start, args, &ret), "");
	assert_int_equal(ret, EXIT_OK);
	assert_string_equal(get("web", "command"), "start");
}

static void start_wait(void **state)
{
	static const char *const states[][2] = {
		{ "running\n", "" },
		{ "crashed\n", "parkerctl: web: crashed while starting\n" },
		{ "stopped\n", "parkerctl: web: stopped while starting\n" },
	};
	const char *args[] = { "start", "web", "--wait", "5", NULL };
	int ret;

	(void)state;
	loadable("web", "1\n", "loaded\n");
	for (size_t i = 0; i < ARRAY_SIZE(states); i++) {
		put("web", "state", states[i][0]);
		assert_string_equal(run(cmd_start, args, &ret), states[i][1]);
		assert_int_equal(ret, i ? EXIT_FAIL : EXIT_OK);
		assert_string_equal(get("web", "command"), "start");
	}
}

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void start_wait_times_out(void **state)
{
	const char *args[] = { "start", "web", "--wait=1", NULL };
	double t0, took;
	int ret;

	(void)state;
	loadable("web", "1\n", "starting\n");
	t0 = seconds();
	assert_string_equal(run(cmd_start, args, &ret),
			    "parkerctl: web: not running after 1 s (state: starting)\n");
	took = seconds() - t0;
	assert_int_equal(ret, EXIT_FAIL);
	assert_true(took >= 0.95 && took < 3);
}

static void start_refused(void **state)
{
	const char *args[] = { "start", "web", NULL };
	int ret;

	(void)state;
	assert_string_equal(run(cmd_start, args, &ret),
			    "parkerctl: web: cannot start: no such partition\n");
	assert_int_equal(ret, EXIT_FAIL);

	partition("web", "1\n", "ready\n", "1\n", "0\n", "");
	/* A directory: the write fails, as the kernel's refusal does. */
	assert_int_equal(__real_mkdir(at("web/command"), 0755), 0);
	put("info", "last_cmd_status", "web: has no loaded image: load one first\n");
	assert_string_equal(run(cmd_start, args, &ret),
			    "parkerctl: web: cannot start: has no loaded image: load one first\n");
	assert_int_equal(ret, EXIT_FAIL);
}

static void start_usage_errors(void **state)
{
	static const char *const bad[][3] = {
		{ "web", "--wait" }, { "web", "--wait", "x" },
		{ "web", "--wait=-1" }, { "web", "--wait", "1.5" },
		{ "web", "--wait", "86401" }, { "web", "--force" },
		{ "web", "db" }, { "--wait", "1" }, { "web", "--wait=" },
	};
	(void)state;
	loadable("web", "1\n", "loaded\n");
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		const char *args[5] = { "start" };
		char *err;
		int ret;

		for (int j = 0; j < 3 && bad[i][j]; j++)
			args[j + 1] = bad[i][j];
		err = run(cmd_start, args, &ret);
		assert_int_equal(ret, EXIT_USAGE);
		assert_non_null(strstr(err, "Try 'parkerctl start --help'."));
		assert_string_equal(get("web", "command"), "");
	}
}

static void stop_force(void **state)
{
	const char *args[] = { "stop", "--force", "web", NULL };
	int ret;

	(void)state;
	loadable("web", "1\n", "running\n");
	assert_string_equal(run(cmd_stop, args, &ret), "");
	assert_int_equal(ret, EXIT_OK);
	assert_string_equal(get("web", "command"), "force-stop");
	assert_int_equal(later.sleeps, 0);
}

/* The kernel powers off after a few looks: stop or crash, no force. */
static void stop_graceful(void **state)
{
	static const char *const to[] = { "stopped\n", "crashed\n" };
	const char *args[] = { "stop", "web", NULL };
	int ret;

	(void)state;
	loadable("web", "1\n", "running\n");
	for (size_t i = 0; i < ARRAY_SIZE(to); i++) {
		put("web", "state", "running\n");
		put("web", "command", "");
		later = (struct later){ .at = 3, .of = "web", .state = to[i] };
		assert_string_equal(run(cmd_stop, args, &ret), "");
		assert_int_equal(ret, EXIT_OK);
		assert_string_equal(get("web", "command"), "stop");
		assert_int_equal(later.sleeps, 3);
	}
}

/* Starting or unresponsive: asked all the same; the kernel judges. */
static void stop_asks_kernel(void **state)
{
	static const char *const states[] = {
		"starting\n", "unresponsive\n",
	};
	const char *args[] = { "stop", "web", NULL };
	int ret;

	(void)state;
	loadable("web", "1\n", "starting\n");
	for (size_t i = 0; i < ARRAY_SIZE(states); i++) {
		put("web", "state", states[i]);
		later = (struct later){ .at = 1, .of = "web",
					.state = "stopped\n" };
		assert_string_equal(run(cmd_stop, args, &ret), "");
		assert_int_equal(ret, EXIT_OK);
		assert_string_equal(get("web", "command"), "stop");
	}
	/* The kernel's refusal, as it says it. */
	assert_int_equal(unlink(at("web/command")), 0);
	assert_int_equal(__real_mkdir(at("web/command"), 0755), 0);
	put("web", "state", "unresponsive\n");
	put("info", "last_cmd_status",
	    "web: is unresponsive: only a running kernel can be asked to stop\n");
	assert_string_equal(run(cmd_stop, args, &ret),
			    "parkerctl: web: cannot stop: is unresponsive: only a running kernel can be asked to stop\n");
	assert_int_equal(ret, EXIT_FAIL);
}

static void stop_times_out(void **state)
{
	const char *args[] = { "stop", "web", "--timeout", "1", NULL };
	double t0, took;
	int ret;

	(void)state;
	loadable("web", "1\n", "running\n");
	t0 = seconds();
	assert_string_equal(run(cmd_stop, args, &ret),
			    "parkerctl: web: did not stop within 1 s; forcing\n");
	took = seconds() - t0;
	assert_int_equal(ret, EXIT_OK);
	assert_string_equal(get("web", "command"), "force-stop");
	assert_true(took >= 0.95 && took < 3);
	/* A look every 100 ms, fewer when the machine is busy. */
	assert_true(later.sleeps >= 3 && later.sleeps <= 11);
}

static void stop_timeout_zero(void **state)
{
	const char *args[] = { "stop", "web", "--timeout=0", NULL };
	int ret;

	(void)state;
	loadable("web", "1\n", "unresponsive\n");
	assert_string_equal(run(cmd_stop, args, &ret),
			    "parkerctl: web: did not stop within 0 s; forcing\n");
	assert_int_equal(ret, EXIT_OK);
	assert_string_equal(get("web", "command"), "force-stop");
	assert_int_equal(later.sleeps, 0);
}

/* The kernel takes "stop" and then refuses "force-stop". */
static void stop_force_fails(void **state)
{
	const char *args[] = { "stop", "web", "--timeout", "1", NULL };
	int ret;

	(void)state;
	loadable("web", "1\n", "running\n");
	later = (struct later){ .at = 1, .of = "web", .break_command = 1 };
	put("info", "last_cmd_status", "web: cannot reach CPU 1\n");
	assert_string_equal(run(cmd_stop, args, &ret),
			    "parkerctl: web: did not stop within 1 s; forcing\n"
			    "parkerctl: web: cannot stop: cannot reach CPU 1\n");
	assert_int_equal(ret, EXIT_FAIL);
}

static void stop_already_stopped(void **state)
{
	static const char *const states[] = { "stopped\n", "crashed\n" };
	const char *args[] = { "stop", "web", NULL };
	int ret;

	(void)state;
	loadable("web", "1\n", "stopped\n");
	for (size_t i = 0; i < ARRAY_SIZE(states); i++) {
		put("web", "state", states[i]);
		assert_string_equal(run(cmd_stop, args, &ret), "");
		assert_int_equal(ret, EXIT_OK);
		assert_string_equal(get("web", "command"), "");
	}
}

static void stop_not_running(void **state)
{
	static const char *const states[] = {
		"empty", "ready", "loaded",
	};
	const char *args[] = { "stop", "web", "--timeout", "5", NULL };
	int ret;

	(void)state;
	loadable("web", "1\n", "ready\n");
	for (size_t i = 0; i < ARRAY_SIZE(states); i++) {
		put("web", "state", states[i]);
		assert_string_equal(run(cmd_stop, args, &ret),
				    message("parkerctl: web: is %s, not running: nothing to stop\n",
					    states[i], NULL));
		assert_int_equal(ret, EXIT_FAIL);
		assert_string_equal(get("web", "command"), "");
	}
}

static void stop_destroyed_meanwhile(void **state)
{
	const char *args[] = { "stop", "web", NULL };
	int ret;

	(void)state;
	loadable("web", "1\n", "running\n");
	later = (struct later){ .at = 2, .of = "web", .vanish = 1 };
	assert_string_equal(run(cmd_stop, args, &ret),
			    "parkerctl: web: destroyed while stopping\n");
	assert_int_equal(ret, EXIT_FAIL);
}

static void stop_refused(void **state)
{
	const char *args[] = { "stop", "web", "--force", NULL };
	int ret;

	(void)state;
	assert_string_equal(run(cmd_stop, args, &ret),
			    "parkerctl: web: cannot stop: no such partition\n");
	assert_int_equal(ret, EXIT_FAIL);
	args[2] = NULL;
	assert_string_equal(run(cmd_stop, args, &ret),
			    "parkerctl: web: cannot stop: no such partition\n");
	assert_int_equal(ret, EXIT_FAIL);

	partition("web", "1\n", "running\n", "1\n", "0\n", "");
	assert_int_equal(__real_mkdir(at("web/command"), 0755), 0);
	put("info", "last_cmd_status", "web: is not started\n");
	args[2] = "--force";
	assert_string_equal(run(cmd_stop, args, &ret),
			    "parkerctl: web: cannot stop: is not started\n");
	assert_int_equal(ret, EXIT_FAIL);
	put("info", "last_cmd_status", "web: its kernel does not answer\n");
	args[2] = NULL;
	assert_string_equal(run(cmd_stop, args, &ret),
			    "parkerctl: web: cannot stop: its kernel does not answer\n");
	assert_int_equal(ret, EXIT_FAIL);
	assert_int_equal(later.sleeps, 0);
}

static void stop_usage_errors(void **state)
{
	static const char *const bad[][4] = {
		{ "--force" }, { "web", "--force=1" }, { "web", "--kill" },
		{ "web", "--force", "db" }, { "Web", "--force" },
		{ "web", "--timeout" }, { "web", "--timeout", "soon" },
		{ "web", "--timeout=-1" }, { "web", "--timeout", "86401" },
		{ "web", "--timeout", "1.5" }, { "web", "--timeout=" },
		{ "web", "--timeout=1", "--timeout=2" },
		{ "web", "--timeout=1", "--force" },
		{ "web", "--force", "--timeout", "1" }, { "--timeout", "1" },
	};
	(void)state;
	loadable("web", "1\n", "running\n");
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		const char *args[6] = { "stop" };
		char *err;
		int ret;

		for (int j = 0; j < 4 && bad[i][j]; j++)
			args[j + 1] = bad[i][j];
		err = run(cmd_stop, args, &ret);
		assert_int_equal(ret, EXIT_USAGE);
		assert_non_null(strstr(err, "Try 'parkerctl stop --help'."));
		assert_string_equal(get("web", "command"), "");
	}
}

static void stop_usage_messages(void **state)
{
	const char *args[] = { "stop", "web", "--force", "--timeout=3", NULL };
	int ret;

	(void)state;
	assert_string_equal(run(cmd_stop, args, &ret),
			    "parkerctl: web: option '--timeout' does not go with --force\n"
			    "Try 'parkerctl stop --help'.\n");
	assert_int_equal(ret, EXIT_USAGE);
	args[2] = "--timeout=x";
	args[3] = NULL;
	assert_string_equal(run(cmd_stop, args, &ret),
			    "parkerctl: web: invalid --timeout 'x': a whole number of seconds, at most 86400\n"
			    "Try 'parkerctl stop --help'.\n");
	assert_int_equal(ret, EXIT_USAGE);
}

static void restart(void **state)
{
	const char *args[] = { "restart", "web", NULL };
	int ret;

	(void)state;
	loadable("web", "1\n", "running\n");
	assert_string_equal(run(cmd_restart, args, &ret), "");
	assert_int_equal(ret, EXIT_OK);
	assert_string_equal(get("web", "command"), "restart");
	assert_int_equal(later.sleeps, 0);
}

static void restart_wait(void **state)
{
	const char *args[] = { "restart", "web", "--wait=5", NULL };
	int ret;

	(void)state;
	loadable("web", "1\n", "starting\n");
	later = (struct later){ .at = 2, .of = "web", .state = "running\n" };
	assert_string_equal(run(cmd_restart, args, &ret), "");
	assert_int_equal(ret, EXIT_OK);
	assert_string_equal(get("web", "command"), "restart");
	assert_int_equal(later.sleeps, 2);

	put("web", "state", "starting\n");
	later = (struct later){ .at = 1, .of = "web", .state = "crashed\n" };
	assert_string_equal(run(cmd_restart, args, &ret),
			    "parkerctl: web: crashed while starting\n");
	assert_int_equal(ret, EXIT_FAIL);
}

static void restart_refused(void **state)
{
	const char *args[] = { "restart", "web", "--wait", "5", NULL };
	int ret;

	(void)state;
	assert_string_equal(run(cmd_restart, args, &ret),
			    "parkerctl: web: cannot restart: no such partition\n");
	assert_int_equal(ret, EXIT_FAIL);

	partition("web", "1\n", "ready\n", "1\n", "0\n", "");
	assert_int_equal(__real_mkdir(at("web/command"), 0755), 0);
	put("info", "last_cmd_status", "web: has no loaded image: load one first\n");
	assert_string_equal(run(cmd_restart, args, &ret),
			    "parkerctl: web: cannot restart: has no loaded image: load one first\n");
	assert_int_equal(ret, EXIT_FAIL);
	assert_int_equal(later.sleeps, 0);
}

static void restart_usage_errors(void **state)
{
	static const char *const bad[][3] = {
		{ "web", "--wait" }, { "web", "--wait", "x" },
		{ "web", "--wait", "86401" }, { "web", "--force" },
		{ "web", "db" }, { "--wait", "1" }, { "Web" },
	};
	(void)state;
	loadable("web", "1\n", "running\n");
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		const char *args[5] = { "restart" };
		char *err;
		int ret;

		for (int j = 0; j < 3 && bad[i][j]; j++)
			args[j + 1] = bad[i][j];
		err = run(cmd_restart, args, &ret);
		assert_int_equal(ret, EXIT_USAGE);
		assert_non_null(strstr(err, "Try 'parkerctl restart --help'."));
		assert_string_equal(get("web", "command"), "");
	}
}

static void destroy_refuses_active(void **state)
{
	static const char *const states[] = {
		"starting\n", "running\n", "unresponsive\n",
	};
	const char *args[] = { "destroy", "web", NULL };
	int ret;

	(void)state;
	loadable("web", "1\n", "running\n");
	for (size_t i = 0; i < ARRAY_SIZE(states); i++) {
		put("web", "state", states[i]);
		assert_string_equal(run(cmd_destroy, args, &ret),
				    "parkerctl: web: is running: stop it first or use --force\n");
		assert_int_equal(ret, EXIT_FAIL);
		assert_true(exists("web"));
		assert_string_equal(get("web", "command"), "");
	}
}

static void destroy_force(void **state)
{
	static const char *const states[] = {
		"starting\n", "running\n", "unresponsive\n",
	};
	const char *args[] = { "destroy", "--force", "web", NULL };
	int ret;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(states); i++) {
		loadable("web", "1\n", states[i]);
		/* fakefs keeps it unless force-stop was written. */
		assert_string_equal(run(cmd_destroy, args, &ret), "");
		assert_int_equal(ret, EXIT_OK);
		assert_false(exists("web"));
	}
}

/* Not active: nothing is written to command, which would fail here. */
static void destroy_force_stopped(void **state)
{
	static const char *const states[] = {
		"empty\n", "ready\n", "loaded\n", "stopped\n", "crashed\n",
	};
	const char *args[] = { "destroy", "web", "--force", NULL };
	int ret;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(states); i++) {
		partition("web", "1\n", states[i], "1\n", "0\n", "");
		assert_int_equal(__real_mkdir(at("web/command"), 0755), 0);
		assert_string_equal(run(cmd_destroy, args, &ret), "");
		assert_int_equal(ret, EXIT_OK);
		assert_false(exists("web"));
	}
}

static void destroy_force_fails(void **state)
{
	const char *args[] = { "destroy", "web", "--force", NULL };
	int ret;

	(void)state;
	partition("web", "1\n", "running\n", "1\n", "0\n", "");
	assert_int_equal(__real_mkdir(at("web/command"), 0755), 0);
	put("info", "last_cmd_status", "web: cannot reach CPU 3\n");
	assert_string_equal(run(cmd_destroy, args, &ret),
			    "parkerctl: web: cannot stop: cannot reach CPU 3\n");
	assert_int_equal(ret, EXIT_FAIL);
	assert_true(exists("web"));
}

static void destroy_usage_errors(void **state)
{
	static const char *const bad[][3] = {
		{ NULL }, { "--force" }, { "web", "--force=1" },
		{ "web", "--all" }, { "web", "db" }, { "Web", "--force" },
	};
	(void)state;
	loadable("web", "1\n", "stopped\n");
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		const char *args[5] = { "destroy" };
		char *err;
		int ret;

		for (int j = 0; j < 3 && bad[i][j]; j++)
			args[j + 1] = bad[i][j];
		err = run(cmd_destroy, args, &ret);
		assert_int_equal(ret, EXIT_USAGE);
		assert_non_null(strstr(err, "Try 'parkerctl destroy --help'."));
		assert_true(exists("web"));
	}
}

/* run web --cpus 3,1-2 ... --kernel BZIMAGE, then the words of more. */
static char *run_web(const char *const *more, int *ret)
{
	const char *args[MAX_ARGS] = {
		"run", "web", "--cpus", "3,1-2", "--memory=256M", "--device",
		"00:10.0", "--smt-split", "--kernel", kernel_path,
	};
	int n = 10;

	for (; *more; more++)
		args[n++] = *more;
	return run(cmd_run, args, ret);
}

static void run_all_steps(void **state)
{
	const char *more[] = {
		"--cmdline", "console=ttyS0", "--initrd", initrd_path,
		"--wait", "2", NULL,
	};
	int ret;

	(void)state;
	kx.state_of = "web";
	kx.state = "running\n";
	assert_string_equal(run_web(more, &ret), "");
	assert_int_equal(ret, EXIT_OK);
	assert_string_equal(get("web", "smt_split"), "1");
	assert_string_equal(get("web", "cpus"), "1-3");
	assert_string_equal(get("web", "memory"), "268435456");
	assert_string_equal(get("web", "devices"), "+0000:00:10.0");
	assert_string_equal(get("web", "command"), "start");
	assert_string_equal(kx.kernel, "BZIMAGE");
	assert_string_equal(kx.initrd, "INITRD");
	assert_string_equal(kx.cmdline, "console=ttyS0");
	/* fakefs gives every partition id 0. */
	assert_int_equal(kx.flags, 0x10);
}

static void run_policies(void **state)
{
	const char *more[] = {
		"--on-reboot", "stop", "--on-crash=restart", NULL,
	};
	int ret;

	(void)state;
	assert_string_equal(run_web(more, &ret), "");
	assert_int_equal(ret, EXIT_OK);
	assert_string_equal(get("web", "on_crash"), "restart");
	assert_string_equal(get("web", "on_reboot"), "stop");
	assert_string_equal(get("web", "command"), "start");
}

static void run_without_wait(void **state)
{
	const char *more[] = { NULL };
	int ret;

	(void)state;
	assert_string_equal(run_web(more, &ret), "");
	assert_int_equal(ret, EXIT_OK);
	assert_int_equal(kx.flags, 0x14);
	assert_string_equal(get("web", "command"), "start");
	assert_string_equal(get("web", "state"), "empty\n");
}

static void run_load_fails(void **state)
{
	const char *more[] = { NULL };
	int ret;

	(void)state;
	kx.err = EINVAL;
	kx.status = "web: not a bzImage the kernel's loader accepts\n";
	assert_string_equal(run_web(more, &ret),
			    "parkerctl: web: cannot load: not a bzImage the kernel's loader accepts\n");
	assert_int_equal(ret, EXIT_FAIL);
	assert_false(exists("web"));
}

static void run_start_fails(void **state)
{
	const char *more[] = { NULL };
	int ret;

	(void)state;
	broken_file = "command";
	kx.status = "web: the loaded image has no 64-bit entry (-22)\n";
	assert_string_equal(run_web(more, &ret),
			    "parkerctl: web: cannot start: the loaded image has no 64-bit entry (-22)\n");
	assert_int_equal(ret, EXIT_FAIL);
	assert_false(exists("web"));
	/* The image was loaded, and its record goes with the partition. */
	assert_int_equal(kx.calls, 1);
	assert_int_equal(access(run_at("parker/web.image"), F_OK), -1);
	assert_int_equal(access(run_at("parker"), F_OK), 0);
}

static void run_wait_fails(void **state)
{
	const char *more[] = { "--wait", "1", NULL };
	int ret;

	(void)state;
	kx.state_of = "web";
	kx.state = "crashed\n";
	assert_string_equal(run_web(more, &ret),
			    "parkerctl: web: crashed while starting\n");
	assert_int_equal(ret, EXIT_FAIL);
	assert_false(exists("web"));

	kx.state = "starting\n";
	assert_string_equal(run_web(more, &ret),
			    "parkerctl: web: not running after 1 s (state: starting)\n");
	assert_int_equal(ret, EXIT_FAIL);
	assert_false(exists("web"));
}

static void run_create_fails(void **state)
{
	const char *more[] = { NULL };
	int ret;

	(void)state;
	loadable("web", "4\n", "running\n");
	assert_string_equal(run_web(more, &ret),
			    "parkerctl: web: cannot create: a partition of that name already exists\n");
	assert_int_equal(ret, EXIT_FAIL);
	assert_int_equal(kx.calls, 0);
	assert_string_equal(get("web", "command"), "");
	assert_string_equal(get("web", "state"), "running\n");
}

static void run_file_missing(void **state)
{
	const char *more[] = { "--initrd", "/nonexistent/initrd", NULL };
	int ret;

	(void)state;
	/* The files are opened first: this web is never touched. */
	loadable("web", "4\n", "stopped\n");
	assert_string_equal(run_web(more, &ret),
			    message("parkerctl: web: cannot open initrd /nonexistent/initrd: %s\n",
				    strerror(ENOENT), NULL));
	assert_int_equal(ret, EXIT_FAIL);
	assert_int_equal(kx.calls, 0);
	assert_string_equal(get("web", "state"), "stopped\n");
}

static void run_usage_errors(void **state)
{
	static const char *const bad[][10] = {
		{ "web", "--memory", "1G", "--kernel", "bz" },
		{ "web", "--cpus", "1", "--kernel", "bz" },
		{ "web", "--cpus", "1", "--memory", "1G" },
		{ "web", "--cpus", "1", "--memory", "1G", "--unload" },
		{ "web", "--cpus", "1", "--memory", "1G", "--kernel", "bz",
		  "--wait", "soon" },
		{ "web", "--cpus", "1-", "--memory", "1G", "--kernel", "bz" },
		{ "web", "--cpus", "1", "--memory", "1Q", "--kernel", "bz" },
		{ "web", "--cpus", "1", "--memory", "1G", "--kernel", "bz",
		  "--device", "10.0" },
		{ "web", "--cpus", "1", "--memory", "1G", "--kernel", "bz",
		  "--force" },
		{ "web", "--cpus", "1", "--memory", "1G", "--kernel", "bz",
		  "--on-crash", "halt" },
		{ "web", "--cpus", "1", "--memory", "1G", "--kernel", "bz",
		  "--on-reboot=" },
		{ "web", "--cpus", "1", "--cpus", "2", "--memory", "1G",
		  "--kernel", "bz" },
		{ "--cpus", "1", "--memory", "1G", "--kernel", "bz" },
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		const char *args[12] = { "run" };
		char *err;
		int ret;

		for (int j = 0; j < 10 && bad[i][j]; j++)
			args[j + 1] = bad[i][j];
		err = run(cmd_run, args, &ret);
		assert_int_equal(ret, EXIT_USAGE);
		assert_true(!strncmp(err, "parkerctl: ", 11));
		assert_non_null(strstr(err, "Try 'parkerctl run --help'."));
		assert_false(exists("web"));
	}
	assert_int_equal(kx.calls, 0);
}

static void run_usage_messages(void **state)
{
	static const struct {
		const char *more[4];
		const char *err;
	} cases[] = {
		{ { "--unload" }, "parkerctl: unknown option '--unload'\n" },
		{ { "--wait", "-2" },
		  "parkerctl: web: invalid --wait '-2': a whole number of seconds, at most 86400\n" },
		{ { "--device", "00:10.0" },
		  "parkerctl: web: device 0000:00:10.0 given twice\n" },
		{ { "--on-reboot", "crash" },
		  "parkerctl: web: invalid --on-reboot 'crash': stop or restart\n" },
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char expect[256];
		int ret;

		snprintf(expect, sizeof(expect),
			 "%sTry 'parkerctl run --help'.\n", cases[i].err);
		assert_string_equal(run_web(cases[i].more, &ret), expect);
		assert_int_equal(ret, EXIT_USAGE);
	}
}

static void run_missing_kernel_message(void **state)
{
	const char *args[] = {
		"run", "web", "--cpus", "1", "--memory", "1G", NULL,
	};
	int ret;

	(void)state;
	assert_string_equal(run(cmd_run, args, &ret),
			    "parkerctl: web: missing --kernel BZIMAGE\n"
			    "Try 'parkerctl run --help'.\n");
	assert_int_equal(ret, EXIT_USAGE);
}

static void list_lifecycle_states(void **state)
{
	char *argv[] = { "list" };
	int ret;

	(void)state;
	partition("a", "1\n", "loaded\n", "1\n", "0\n", "");
	partition("b", "2\n", "starting\n", "2\n", "0\n", "");
	partition("c", "3\n", "running\n", "3\n", "0\n", "");
	partition("d", "4\n", "stopped\n", "4\n", "0\n", "");
	partition("e", "5\n", "crashed\n", "5\n", "0\n", "");
	partition("f", "6\n", "unresponsive\n", "6\n", "0\n", "");
	assert_string_equal(capture(1, cmd_list, 1, argv, &ret),
			    "NAME  ID  STATE         CPUS  MEMORY  DEVICES\n"
			    "a     1   loaded        1     -       -\n"
			    "b     2   starting      2     -       -\n"
			    "c     3   running       3     -       -\n"
			    "d     4   stopped       4     -       -\n"
			    "e     5   crashed       5     -       -\n"
			    "f     6   unresponsive  6     -       -\n"
			    "pool: 1G total, 768M free\n");
	assert_int_equal(ret, EXIT_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		LTEST(load_passes_files_and_flags),
		LTEST(load_without_initrd_or_cmdline),
		LTEST(load_unload),
		LTEST(load_records_image),
		LTEST(load_records_absolute_path),
		LTEST(load_refused_keeps_record),
		LTEST(load_record_fails),
		LTEST(load_flags_of),
		LTEST(load_cmdline_limit),
		LTEST(load_usage_errors),
		LTEST(load_unload_conflict_message),
		LTEST(load_no_such_partition),
		LTEST(load_cannot_open),
		LTEST(load_refused),
		LTEST(load_refused_before_parker),
		LTEST(start),
		LTEST(start_wait),
		LTEST(start_wait_times_out),
		LTEST(start_refused),
		LTEST(start_usage_errors),
		LTEST(stop_force),
		LTEST(stop_graceful),
		LTEST(stop_asks_kernel),
		LTEST(stop_times_out),
		LTEST(stop_timeout_zero),
		LTEST(stop_force_fails),
		LTEST(stop_already_stopped),
		LTEST(stop_not_running),
		LTEST(stop_destroyed_meanwhile),
		LTEST(stop_refused),
		LTEST(stop_usage_errors),
		LTEST(stop_usage_messages),
		LTEST(restart),
		LTEST(restart_wait),
		LTEST(restart_refused),
		LTEST(restart_usage_errors),
		LTEST(destroy_refuses_active),
		LTEST(destroy_force),
		LTEST(destroy_force_stopped),
		LTEST(destroy_force_fails),
		LTEST(destroy_usage_errors),
		LTEST(run_all_steps),
		LTEST(run_policies),
		LTEST(run_without_wait),
		LTEST(run_load_fails),
		LTEST(run_start_fails),
		LTEST(run_wait_fails),
		LTEST(run_create_fails),
		LTEST(run_file_missing),
		LTEST(run_usage_errors),
		LTEST(run_usage_messages),
		LTEST(run_missing_kernel_message),
		LTEST(list_lifecycle_states),
	};

	return cmocka_run_group_tests_name("lifecycle", tests, NULL, NULL);
}
