// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for parkerctl's access to the Parker file system and its
 * create, destroy and list commands (cmocka), on the fake tree of fakefs.c.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "cli.h"
#include "commands.h"
#include "fakefs.h"
#include "image.h"
#include "jsoncheck.h"
#include "listtable.h"
#include "parkerfs.h"
#include "partjson.h"

static char *list_output(int *ret)
{
	static char buf[8192];
	FILE *tmp = tmpfile();
	size_t n;

	assert_non_null(tmp);
	*ret = list_partitions(tmp);
	rewind(tmp);
	n = fread(buf, 1, sizeof(buf) - 1, tmp);
	buf[n] = '\0';
	fclose(tmp);
	return buf;
}

static void trim(void **state)
{
	static const char *const cases[][2] = {
		{ "ok\n", "ok" }, { "  1-3 \t\n\n", "1-3" }, { "", "" },
		{ "\n", "" }, { "a\nb\n", "a\nb" }, { "x", "x" },
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char buf[32];

		strcpy(buf, cases[i][0]);
		assert_string_equal(parkerfs_trim(buf), cases[i][1]);
	}
}

static void read_trims(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(parkerfs_read("info", "cpus_available", buf,
				       sizeof(buf)), 0);
	assert_string_equal(buf, "4-7");
	put("info", "version", "0000:00:10.0\n0000:00:11.0\n");
	assert_int_equal(parkerfs_read("info", "version", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "0000:00:10.0\n0000:00:11.0");
	put("info", "version", "");
	assert_int_equal(parkerfs_read("info", "version", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "");
	errno = 0;
	assert_int_equal(parkerfs_read("info", "nothing", buf, sizeof(buf)),
			 -1);
	assert_int_equal(errno, ENOENT);
}

static void read_too_long(void **state)
{
	char buf[4];

	(void)state;
	put("info", "version", "abc");
	assert_int_equal(parkerfs_read("info", "version", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "abc");
	put("info", "version", "abcd");
	errno = 0;
	assert_int_equal(parkerfs_read("info", "version", buf, sizeof(buf)),
			 -1);
	assert_int_equal(errno, EFBIG);
}

/* Raw, untrimmed, and longer than one chunk of the reader. */
static void read_all(void **state)
{
	const size_t n = 300000;
	char *big = malloc(n + 1), *buf;
	size_t len = 1;

	(void)state;
	assert_non_null(big);
	for (size_t i = 0; i < n; i++)
		big[i] = (char)('a' + i % 26);
	big[0] = ' ';
	big[n - 1] = '\n';
	big[n] = '\0';
	put("info", "version", big);
	buf = parkerfs_read_all("info", "version", &len);
	assert_non_null(buf);
	assert_int_equal(len, n);
	assert_memory_equal(buf, big, n);
	free(buf);
	put("info", "version", "");
	buf = parkerfs_read_all("info", "version", &len);
	assert_non_null(buf);
	assert_int_equal(len, 0);
	free(buf);
	errno = 0;
	assert_null(parkerfs_read_all("info", "nothing", &len));
	assert_int_equal(errno, ENOENT);
	free(big);
}

static void read_numbers(void **state)
{
	uint64_t v = 0;

	(void)state;
	assert_int_equal(parkerfs_read_u64("info", "pool_size", &v), 0);
	assert_true(v == 1073741824);
	assert_int_equal(parkerfs_parse_u64("18446744073709551615", &v), 0);
	assert_true(v == UINT64_MAX);
	assert_int_equal(parkerfs_parse_u64("18446744073709551616", &v), -1);
	assert_int_equal(errno, ERANGE);
	assert_int_equal(parkerfs_parse_u64("", &v), -1);
	assert_int_equal(parkerfs_parse_u64("12a", &v), -1);
	assert_int_equal(parkerfs_parse_u64("-1", &v), -1);
}

static void parse_memory_ranges(void **state)
{
	uint64_t size = 1, base = 1;

	(void)state;
	assert_int_equal(parkerfs_parse_memory("0", &size, &base), 0);
	assert_true(size == 0 && base == 0);
	assert_int_equal(parkerfs_parse_memory("268435456@0x100000000", &size, &base), 0);
	assert_true(size == 268435456 && base == 0x100000000);
	/* Several ranges: the total, and the base of the first. */
	assert_int_equal(parkerfs_parse_memory("1073741824@0x140000000,536870912@0x80000000,2097152@0x200000",
					       &size, &base), 0);
	assert_true(size == 1612709888 && base == 0x140000000);
	assert_int_equal(parkerfs_parse_memory("1@0x1,", &size, &base), -1);
	assert_int_equal(parkerfs_parse_memory(",1@0x1", &size, &base), -1);
	assert_int_equal(parkerfs_parse_memory("1@0x1,2", &size, &base), -1);
	assert_int_equal(parkerfs_parse_memory("1@0x1;2@0x2", &size, &base), -1);
	assert_int_equal(parkerfs_parse_memory("2@0xffffffffffffffff", &size, &base), -1);
	assert_int_equal(parkerfs_parse_memory("18446744073709551615@0x0,1@0x0",
					       &size, &base), -1);
}

static void parse_ranges(void **state)
{
	struct parkerfs_range r[2];

	(void)state;
	assert_int_equal(parkerfs_parse_ranges("0", r, 2), 0);
	assert_int_equal(parkerfs_parse_ranges("4194304@0x200000,2097152@0x1000000", r, 2), 2);
	assert_true(r[0].size == 4194304 && r[0].base == 0x200000);
	assert_true(r[1].size == 2097152 && r[1].base == 0x1000000);
	/* More ranges than asked for: refused, not cut off. */
	assert_int_equal(parkerfs_parse_ranges("1@0x1,1@0x2,1@0x3", r, 2), -1);
	assert_int_equal(parkerfs_parse_ranges("", r, 2), -1);
}

static void write_whole_value(void **state)
{
	(void)state;
	put("info", "version", "a longer old value\n");
	assert_int_equal(parkerfs_write("info", "version", "1-3"), 0);
	assert_string_equal(get("info", "version"), "1-3");
	errno = 0;
	assert_int_equal(parkerfs_write("info", "nothing", "1"), -1);
	assert_int_equal(errno, ENOENT);
}

static void reason_from_status(void **state)
{
	char buf[PARKERFS_STATUS_MAX];

	(void)state;
	assert_string_equal(parkerfs_reason("web", EBUSY, buf, sizeof(buf)),
			    strerror(EBUSY));
	put("info", "last_cmd_status", "CPU 3 belongs to partition db");
	assert_string_equal(parkerfs_reason(NULL, EBUSY, buf, sizeof(buf)),
			    "CPU 3 belongs to partition db");
	/* The kernel names the partition; the message does already. */
	put("info", "last_cmd_status", "web: CPU 3 belongs to db\n");
	assert_string_equal(parkerfs_reason("web", EBUSY, buf, sizeof(buf)),
			    "CPU 3 belongs to db");
	assert_string_equal(parkerfs_reason("we", EBUSY, buf, sizeof(buf)),
			    "web: CPU 3 belongs to db");
	assert_string_equal(parkerfs_reason(NULL, EBUSY, buf, sizeof(buf)),
			    "web: CPU 3 belongs to db");
	/* The VFS refused these: the status is about something else. */
	assert_string_equal(parkerfs_reason("web", ENOENT, buf, sizeof(buf)),
			    strerror(ENOENT));
	assert_non_null(strstr(parkerfs_reason("web", EACCES, buf,
					       sizeof(buf)), "root"));
	unlink(at("info/last_cmd_status"));
	assert_string_equal(parkerfs_reason("web", EINVAL, buf, sizeof(buf)),
			    strerror(EINVAL));
}

static void list_empty(void **state)
{
	int ret;

	(void)state;
	assert_string_equal(list_output(&ret),
			    "NAME  ID  STATE  CPUS  MEMORY  DEVICES\n"
			    "pool: 1G total, 768M free\n");
	assert_int_equal(ret, EXIT_OK);
}

static void list_table(void **state)
{
	int ret;

	(void)state;
	partition("web", "2\n", "running\n", "2-3\n", "268435456@0x100000000\n",
		  "0000:00:10.0\n0000:00:11.0\n");
	partition("db", "10\n", "ready\n", "\n", "0\n", "");
	partition("batch-long-name", "0\n", "empty\n", "4-7\n",
		  "1073741824@0x140000000,536870912@0x80000000\n", "0000:00:12.0\n");
	partition("odd", "9\n", "crashed\n", "5\n", "1000@0x1000\n", "");
	/* No id: not a partition (or gone while listing). */
	partition("gone", NULL, "running\n", "1\n", "0\n", "");
	put(".", "stray", "a file, not a partition\n");
	assert_string_equal(list_output(&ret),
		"NAME             ID  STATE    CPUS  MEMORY  DEVICES\n"
		"batch-long-name  0   empty    4-7   1536M   0000:00:12.0\n"
		"web              2   running  2-3   256M    0000:00:10.0,0000:00:11.0\n"
		"odd              9   crashed  5     1000    -\n"
		"db               10  ready    -     -       -\n"
		"pool: 1G total, 768M free\n");
	assert_int_equal(ret, EXIT_OK);
}

/* list_partitions() in the shape capture() takes. */
static int list_to_nowhere(int argc, char **argv)
{
	FILE *null = fopen("/dev/null", "w");
	int ret;

	(void)argc;
	(void)argv;
	assert_non_null(null);
	ret = list_partitions(null);
	fclose(null);
	return ret;
}

static void list_without_pool(void **state)
{
	char expect[256];
	int ret;

	(void)state;
	unlink(at("info/pool_free"));
	snprintf(expect, sizeof(expect),
		 "parkerctl: cannot read the pool size from %s/info: %s\n",
		 root, strerror(ENOENT));
	assert_string_equal(capture(2, list_to_nowhere, 0, NULL, &ret), expect);
	assert_int_equal(ret, EXIT_FAIL);
}

static void create_writes_canonical_values(void **state)
{
	char *argv[] = {
		"create", "--cpus=3,1-2", "web", "--memory", "256MiB",
		"--device", "00:10.0", "--device=0000:00:11.1", "--smt-split",
	};
	int ret;

	(void)state;
	assert_string_equal(capture(2, cmd_create, 9, argv, &ret), "");
	assert_int_equal(ret, EXIT_OK);
	assert_string_equal(get("web", "smt_split"), "1");
	assert_string_equal(get("web", "cpus"), "1-3");
	assert_string_equal(get("web", "memory"), "268435456");
	/* The fake keeps the last of the one-per-write device lines. */
	assert_string_equal(get("web", "devices"), "+0000:00:11.1");
}

static void create_policies(void **state)
{
	char *argv[] = {
		"create", "web", "--on-crash", "restart", "--on-reboot=stop",
		"--on-dma-fault", "stop", "--cpus", "1",
	};
	char *defaults[] = { "create", "db", "--on-reboot", "restart" };
	char *bad[] = { "create", "x", "--on-dma-fault", "restart" };
	int ret;

	(void)state;
	assert_string_equal(capture(2, cmd_create, 9, argv, &ret), "");
	assert_int_equal(ret, EXIT_OK);
	assert_string_equal(get("web", "on_crash"), "restart");
	assert_string_equal(get("web", "on_reboot"), "stop");
	assert_string_equal(get("web", "on_dma_fault"), "stop");
	assert_non_null(strstr(capture(2, cmd_create, 4, bad, &ret),
			       "parkerctl: x: invalid --on-dma-fault 'restart': log or stop\n"));
	assert_int_equal(ret, EXIT_USAGE);
	assert_false(exists("x"));
	assert_string_equal(get("web", "cpus"), "1");
	/* What is not given stays as the kernel has it. */
	assert_string_equal(capture(2, cmd_create, 4, defaults, &ret), "");
	assert_int_equal(ret, EXIT_OK);
	assert_string_equal(get("db", "on_crash"), "stop\n");
	assert_string_equal(get("db", "on_reboot"), "restart");
	assert_string_equal(get("db", "on_dma_fault"), "log\n");
}

/* A refused policy undoes the create. */
static void create_policy_refused(void **state)
{
	char *argv[] = {
		"create", "web", "--on-crash=stop", "--on-reboot", "restart",
		"--cpus", "1",
	};
	int ret;

	(void)state;
	broken_file = "on_reboot";
	put("info", "last_cmd_status", "web: not supported\n");
	assert_string_equal(capture(2, cmd_create, 7, argv, &ret),
			    "parkerctl: web: cannot set on_reboot to restart: not supported\n");
	assert_int_equal(ret, EXIT_FAIL);
	assert_false(exists("web"));
}

static void create_empty(void **state)
{
	char *argv[] = { "create", "web" };
	int ret;

	(void)state;
	assert_string_equal(capture(2, cmd_create, 2, argv, &ret), "");
	assert_int_equal(ret, EXIT_OK);
	assert_string_equal(get("web", "smt_split"), "0\n");
	assert_string_equal(get("web", "cpus"), "\n");
}

static void create_rolls_back(void **state)
{
	char *argv[] = { "create", "web", "--cpus", "1", "--memory", "256M" };
	int ret;

	(void)state;
	broken_file = "memory";
	put("info", "last_cmd_status", "web: the pool has 128M free");
	assert_string_equal(capture(2, cmd_create, 6, argv, &ret),
			    "parkerctl: web: cannot assign memory 256M: the pool has 128M free\n");
	assert_int_equal(ret, EXIT_FAIL);
	assert_false(exists("web"));
}

static void create_exists(void **state)
{
	char *argv[] = { "create", "web", "--cpus", "1" };
	int ret;

	(void)state;
	partition("web", "0\n", "ready\n", "5\n", "0\n", "");
	assert_string_equal(capture(2, cmd_create, 4, argv, &ret),
			    "parkerctl: web: cannot create: a partition of that name already exists\n");
	assert_int_equal(ret, EXIT_FAIL);
	assert_string_equal(get("web", "cpus"), "5\n");
}

static void create_usage_errors(void **state)
{
	static const char *const bad[][4] = {
		{ "Web" }, { "web", "--cpus", "1-" }, { "web", "--cpus=" },
		{ "web", "--memory", "1.5G" }, { "web", "--device", "00:20.0" },
		{ "web", "--device", "00:10.0", "--device=0000:00:10.0" },
		{ "web", "--cpus" }, { "web", "--cpu", "1" }, { "web", "x" },
		{ "--cpus", "1" }, { "web", "--smt-split=1" },
		{ "web", "--memory", "1G", "--memory=2G" },
		{ "web", "--on-crash", "reboot" }, { "web", "--on-crash=" },
		{ "web", "--on-crash" }, { "web", "--on-reboot", "Stop" },
		{ "web", "--on-reboot=halt" }, { "web", "--on-reboot" },
		{ "web", "--on-crash=stop", "--on-crash=stop" },
		{ "web", "--on-reboot", "stop", "--on-reboot=restart" },
		{ "web", "--oncrash=stop" },
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		char *argv[5] = { "create" };
		int argc = 1, ret;
		char *err;

		while (argc < 5 && bad[i][argc - 1]) {
			argv[argc] = (char *)bad[i][argc - 1];
			argc++;
		}
		err = capture(2, cmd_create, argc, argv, &ret);
		assert_int_equal(ret, EXIT_USAGE);
		assert_true(!strncmp(err, "parkerctl: ", 11));
		assert_non_null(strstr(err, "Try 'parkerctl create --help'."));
		assert_false(exists("web"));
	}
}

static void create_usage_names_partition(void **state)
{
	char *argv[] = { "create", "web", "--memory", "lots" };
	int ret;

	(void)state;
	assert_string_equal(capture(2, cmd_create, 4, argv, &ret),
			    "parkerctl: web: invalid memory size 'lots' (examples: 256M, 1G, 4194304)\n"
			    "Try 'parkerctl create --help'.\n");
	assert_int_equal(ret, EXIT_USAGE);
}

static void create_memory_by_node(void **state)
{
	char *argv[] = { "create", "web", "--memory", "1:64M,0:1G" };
	int ret;

	(void)state;
	assert_string_equal(capture(2, cmd_create, 4, argv, &ret), "");
	assert_int_equal(ret, EXIT_OK);
	assert_string_equal(get("web", "memory"), "1:67108864,0:1073741824");
}

static void create_memory_by_node_refused(void **state)
{
	static const char *const bad[][2] = {
		{ "0:64M,0:64M", "invalid memory by node '0:64M,0:64M' (example: 0:256M,1:256M, each node once)" },
		{ "0:64M,1:", "invalid memory by node '0:64M,1:' (example: 0:256M,1:256M, each node once)" },
		{ "0:1M,1:1M,2:1M,3:1M,4:1M", "memory on more than 4 nodes: '0:1M,1:1M,2:1M,3:1M,4:1M'" },
	};
	char *argv[] = { "create", "web", "--memory", NULL };
	char expect[256];
	int ret;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		argv[3] = (char *)bad[i][0];
		snprintf(expect, sizeof(expect),
			 "parkerctl: web: %s\nTry 'parkerctl create --help'.\n", bad[i][1]);
		assert_string_equal(capture(2, cmd_create, 4, argv, &ret), expect);
		assert_int_equal(ret, EXIT_USAGE);
		assert_false(exists("web"));
	}
}

static void create_policy_messages(void **state)
{
	char *argv[] = { "create", "web", "--on-crash", "reboot" };
	int ret;

	(void)state;
	assert_string_equal(capture(2, cmd_create, 4, argv, &ret),
			    "parkerctl: web: invalid --on-crash 'reboot': stop or restart\n"
			    "Try 'parkerctl create --help'.\n");
	assert_int_equal(ret, EXIT_USAGE);
	argv[2] = "--on-reboot";
	argv[3] = "";
	assert_string_equal(capture(2, cmd_create, 4, argv, &ret),
			    "parkerctl: web: invalid --on-reboot '': stop or restart\n"
			    "Try 'parkerctl create --help'.\n");
	assert_int_equal(ret, EXIT_USAGE);
	assert_false(exists("web"));
}

static void destroy(void **state)
{
	char *argv[] = { "destroy", "web" };
	int ret;

	(void)state;
	partition("web", "0\n", "ready\n", "5\n", "0\n", "");
	assert_string_equal(capture(2, cmd_destroy, 2, argv, &ret), "");
	assert_int_equal(ret, EXIT_OK);
	assert_false(exists("web"));
	assert_string_equal(capture(2, cmd_destroy, 2, argv, &ret),
			    "parkerctl: web: cannot destroy: no such partition\n");
	assert_int_equal(ret, EXIT_FAIL);
}

/* The record of an image goes with its partition. */
static void destroy_drops_record(void **state)
{
	char *argv[] = { "destroy", "web" };
	struct image_record r = { .path = "/k", .size = 1 };
	int ret;

	(void)state;
	memset(r.sha256, 'a', SHA256_HEX_LEN);
	partition("web", "0\n", "ready\n", "5\n", "0\n", "");
	assert_int_equal(image_record_write("web", &r), 0);
	assert_int_equal(access(run_at("parker/web.image"), F_OK), 0);
	capture(2, cmd_destroy, 2, argv, &ret);
	assert_int_equal(ret, EXIT_OK);
	assert_int_equal(access(run_at("parker/web.image"), F_OK), -1);
}

/* parkerctl list --json; its standard output, checked to be JSON. */
static char *list_json_output(int *ret)
{
	char *argv[] = { "list", "--json" };
	char *out = capture(1, cmd_list, 2, argv, ret);

	assert_int_equal(json_check(out, strlen(out)), 0);
	return out;
}

static void list_json_empty(void **state)
{
	int ret;

	(void)state;
	assert_string_equal(list_json_output(&ret),
			    "{\n"
			    "  \"partitions\": [],\n"
			    "  \"pool\": {\n"
			    "    \"size\": 1073741824,\n"
			    "    \"free\": 805306368\n"
			    "  }\n"
			    "}\n");
	assert_int_equal(ret, EXIT_OK);
}

static void list_json_two(void **state)
{
	int ret;

	(void)state;
	partition("web", "2\n", "running\n", "2-3\n", "268435456@0x100000000\n",
		  "0000:00:10.0\n0000:00:11.0\n");
	partition("db", "10\n", "ready\n", "\n", "0\n", "");
	assert_string_equal(list_json_output(&ret),
		"{\n"
		"  \"partitions\": [\n"
		"    {\n"
		"      \"name\": \"web\",\n"
		"      \"id\": 2,\n"
		"      \"state\": \"running\",\n"
		"      \"cpus\": \"2-3\",\n"
		"      \"memory_bytes\": 268435456,\n"
		"      \"devices\": [\n"
		"        \"0000:00:10.0\",\n"
		"        \"0000:00:11.0\"\n"
		"      ]\n"
		"    },\n"
		"    {\n"
		"      \"name\": \"db\",\n"
		"      \"id\": 10,\n"
		"      \"state\": \"ready\",\n"
		"      \"cpus\": \"\",\n"
		"      \"memory_bytes\": 0,\n"
		"      \"devices\": []\n"
		"    }\n"
		"  ],\n"
		"  \"pool\": {\n"
		"    \"size\": 1073741824,\n"
		"    \"free\": 805306368\n"
		"  }\n"
		"}\n");
	assert_int_equal(ret, EXIT_OK);
}

static char *json_out;

/* list_json() into json_out, in the shape capture() takes. */
static int list_json_to_memory(int argc, char **argv)
{
	size_t len;
	FILE *f = open_memstream(&json_out, &len);
	int ret;

	(void)argc;
	(void)argv;
	assert_non_null(f);
	ret = list_json(f);
	fclose(f);
	return ret;
}

/* What cannot be read is null; the output stays JSON. */
static void list_json_odd(void **state)
{
	char buf[256], expect[256], *out;
	int ret;

	(void)state;
	partition("odd", "x\n", "crashed\n", "5\n", "lots\n", "");
	unlink(at("odd/state"));
	unlink(at("odd/cpus"));
	unlink(at("odd/devices"));
	put("odd", "crash", "\x01\xff\"\n");
	unlink(at("info/pool_free"));
	snprintf(expect, sizeof(expect),
		 "parkerctl: cannot read the pool size from %s/info: %s\n",
		 root, strerror(ENOENT));
	assert_string_equal(capture(2, list_json_to_memory, 0, NULL, &ret),
			    expect);
	assert_int_equal(ret, EXIT_FAIL);
	out = json_out;
	assert_int_equal(json_check(out, strlen(out)), 0);
	assert_non_null(strstr(out, "\"name\": \"odd\",\n"
				    "      \"id\": null,\n"
				    "      \"state\": null,\n"
				    "      \"cpus\": null,\n"
				    "      \"memory_bytes\": null,\n"
				    "      \"devices\": null\n"));
	assert_int_equal(json_get(out, "pool.size", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "null");
	assert_int_equal(json_get(out, "pool.free", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "null");
	free(json_out);
}

static void list_command(void **state)
{
	char *argv[] = { "list", "extra" };
	int ret;

	(void)state;
	partition("web", "3\n", "loaded\n", "1\n", "0\n", "");
	assert_string_equal(capture(1, cmd_list, 1, argv, &ret),
			    "NAME  ID  STATE   CPUS  MEMORY  DEVICES\n"
			    "web   3   loaded  1     -       -\n"
			    "pool: 1G total, 768M free\n");
	assert_int_equal(ret, EXIT_OK);
	capture(2, cmd_list, 2, argv, &ret);
	assert_int_equal(ret, EXIT_USAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(trim),
		TEST(read_trims),
		TEST(read_too_long),
		TEST(read_all),
		TEST(read_numbers),
		TEST(parse_memory_ranges),
		TEST(parse_ranges),
		TEST(write_whole_value),
		TEST(reason_from_status),
		TEST(list_empty),
		TEST(list_table),
		TEST(list_without_pool),
		TEST(create_writes_canonical_values),
		TEST(create_policies),
		TEST(create_policy_refused),
		TEST(create_empty),
		TEST(create_rolls_back),
		TEST(create_exists),
		TEST(create_usage_errors),
		TEST(create_usage_names_partition),
		TEST(create_memory_by_node),
		TEST(create_memory_by_node_refused),
		TEST(create_policy_messages),
		TEST(destroy),
		TEST(list_command),
		TEST(destroy_drops_record),
		TEST(list_json_empty),
		TEST(list_json_two),
		TEST(list_json_odd),
	};

	return cmocka_run_group_tests_name("parkerfs", tests, NULL, NULL);
}
