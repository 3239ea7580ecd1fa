// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for parkerctl metrics (cmocka), on the fake tree of
 * fakefs.c and a fake /proc/uptime (ROOT/proc, named by PARKER_PROC).
 */
#include <errno.h>
#include <fcntl.h>
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

static int setup(void **state)
{
	if (fake_setup(state))
		return -1;
	setenv("PARKER_PROC", at("proc"), 1);
	assert_int_equal(__real_mkdir(at("proc"), 0755), 0);
	put("proc", "uptime", "142.57 280.11\n");
	return 0;
}

static int teardown(void **state)
{
	unsetenv("PARKER_PROC");
	return fake_teardown(state);
}

#define MTEST(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

static char *metrics(int *ret)
{
	char *argv[] = { "metrics" };

	return capture(1, cmd_metrics, 1, argv, ret);
}

static void two_partitions(void **state)
{
	int ret;

	(void)state;
	partition("web", "1\n", "running\n", "1-2\n", "268435456@0x100000000\n",
		  "0000:00:03.0\n");
	put("web", "started_at", "100\n");
	put("web", "heartbeat_age_ms", "1234\n");
	put("web", "restart_count", "3\n");
	put("web", "dma_faults", "2\n");
	partition("db", "2\n", "crashed\n", "\n", "0\n", "");
	put("db", "started_at", "7\n");
	assert_string_equal(metrics(&ret),
		"# HELP parker_partition_state Whether the partition is in this state (1) or not (0).\n"
		"# TYPE parker_partition_state gauge\n"
		"parker_partition_state{partition=\"web\",state=\"empty\"} 0\n"
		"parker_partition_state{partition=\"web\",state=\"ready\"} 0\n"
		"parker_partition_state{partition=\"web\",state=\"loaded\"} 0\n"
		"parker_partition_state{partition=\"web\",state=\"starting\"} 0\n"
		"parker_partition_state{partition=\"web\",state=\"running\"} 1\n"
		"parker_partition_state{partition=\"web\",state=\"stopped\"} 0\n"
		"parker_partition_state{partition=\"web\",state=\"crashed\"} 0\n"
		"parker_partition_state{partition=\"web\",state=\"unresponsive\"} 0\n"
		"parker_partition_state{partition=\"web\",state=\"quarantined\"} 0\n"
		"parker_partition_state{partition=\"db\",state=\"empty\"} 0\n"
		"parker_partition_state{partition=\"db\",state=\"ready\"} 0\n"
		"parker_partition_state{partition=\"db\",state=\"loaded\"} 0\n"
		"parker_partition_state{partition=\"db\",state=\"starting\"} 0\n"
		"parker_partition_state{partition=\"db\",state=\"running\"} 0\n"
		"parker_partition_state{partition=\"db\",state=\"stopped\"} 0\n"
		"parker_partition_state{partition=\"db\",state=\"crashed\"} 1\n"
		"parker_partition_state{partition=\"db\",state=\"unresponsive\"} 0\n"
		"parker_partition_state{partition=\"db\",state=\"quarantined\"} 0\n"
		"# HELP parker_partition_uptime_seconds Seconds since the partition's kernel started running.\n"
		"# TYPE parker_partition_uptime_seconds gauge\n"
		"parker_partition_uptime_seconds{partition=\"web\"} 42\n"
		"# HELP parker_partition_restarts_total Restarts of the partition's kernel since its image was loaded.\n"
		"# TYPE parker_partition_restarts_total counter\n"
		"parker_partition_restarts_total{partition=\"web\"} 3\n"
		"parker_partition_restarts_total{partition=\"db\"} 0\n"
		"# HELP parker_partition_dma_faults_total DMA faults the IOMMU reported for the partition's devices.\n"
		"# TYPE parker_partition_dma_faults_total counter\n"
		"parker_partition_dma_faults_total{partition=\"web\"} 2\n"
		"parker_partition_dma_faults_total{partition=\"db\"} 0\n"
		"# HELP parker_partition_heartbeat_age_seconds Seconds since the partition's kernel last showed a sign of life.\n"
		"# TYPE parker_partition_heartbeat_age_seconds gauge\n"
		"parker_partition_heartbeat_age_seconds{partition=\"web\"} 1.234\n"
		"# HELP parker_partition_cpus CPUs given to the partition.\n"
		"# TYPE parker_partition_cpus gauge\n"
		"parker_partition_cpus{partition=\"web\"} 2\n"
		"parker_partition_cpus{partition=\"db\"} 0\n"
		"# HELP parker_partition_memory_bytes Memory given to the partition, in bytes.\n"
		"# TYPE parker_partition_memory_bytes gauge\n"
		"parker_partition_memory_bytes{partition=\"web\"} 268435456\n"
		"parker_partition_memory_bytes{partition=\"db\"} 0\n"
		"# HELP parker_pool_size_bytes Size of the Parker memory pool, in bytes.\n"
		"# TYPE parker_pool_size_bytes gauge\n"
		"parker_pool_size_bytes 1073741824\n"
		"# HELP parker_pool_free_bytes Bytes of the Parker memory pool no partition holds.\n"
		"# TYPE parker_pool_free_bytes gauge\n"
		"parker_pool_free_bytes 805306368\n");
	assert_int_equal(ret, EXIT_OK);
}

static void none(void **state)
{
	int ret;
	char *out;

	(void)state;
	out = metrics(&ret);
	assert_int_equal(ret, EXIT_OK);
	assert_non_null(strstr(out, "# TYPE parker_partition_state gauge\n"
				    "# HELP parker_partition_uptime_seconds"));
	assert_non_null(strstr(out, "parker_pool_free_bytes 805306368\n"));
}

/* Label values escaped; unreadable values have no sample. */
static void odd_values(void **state)
{
	int ret;
	char *out;

	(void)state;
	partition("we\"ird\\\n\xff", "3\n", "zombie\n", "1-\n", "lots\n", "");
	unlink(at("we\"ird\\\n\xff/restart_count"));
	put("we\"ird\\\n\xff", "heartbeat_age_ms", "-\n");
	out = metrics(&ret);
	assert_int_equal(ret, EXIT_OK);
	assert_non_null(strstr(out,
		"parker_partition_state{partition=\"we\\\"ird\\\\\\n\xef\xbf\xbd\",state=\"running\"} 0\n"));
	assert_non_null(strstr(out,
		"parker_partition_state{partition=\"we\\\"ird\\\\\\n\xef\xbf\xbd\",state=\"zombie\"} 1\n"));
	assert_null(strstr(out, "parker_partition_restarts_total{"));
	assert_null(strstr(out, "parker_partition_heartbeat_age_seconds{"));
	assert_null(strstr(out, "parker_partition_cpus{"));
	assert_null(strstr(out, "parker_partition_memory_bytes{"));
	assert_null(strstr(out, "parker_partition_uptime_seconds{"));
}

/* Running without a time (or without /proc/uptime): no uptime. */
static void no_uptime(void **state)
{
	int ret;

	(void)state;
	partition("web", "1\n", "running\n", "1\n", "0\n", "");
	assert_null(strstr(metrics(&ret), "parker_partition_uptime_seconds{"));
	put("web", "started_at", "100\n");
	unlink(at("proc/uptime"));
	assert_null(strstr(metrics(&ret), "parker_partition_uptime_seconds{"));
	assert_int_equal(ret, EXIT_OK);
}

/* cmd_metrics() with its standard output thrown away. */
static int metrics_to_nowhere(int argc, char **argv)
{
	int saved, null = open("/dev/null", O_WRONLY), ret;

	assert_true(null >= 0);
	fflush(stdout);
	saved = dup(1);
	dup2(null, 1);
	ret = cmd_metrics(argc, argv);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	close(null);
	return ret;
}

static void no_pool(void **state)
{
	char *argv[] = { "metrics" };
	char expect[256];
	int ret;

	(void)state;
	unlink(at("info/pool_free"));
	snprintf(expect, sizeof(expect),
		 "parkerctl: cannot read %s/info/pool_free: %s\n", root,
		 strerror(ENOENT));
	assert_string_equal(capture(2, metrics_to_nowhere, 1, argv, &ret),
			    expect);
	assert_int_equal(ret, EXIT_FAIL);
}

static void usage_errors(void **state)
{
	char *argv[] = { "metrics", "--json" };
	int ret;

	(void)state;
	assert_string_equal(capture(2, cmd_metrics, 2, argv, &ret),
			    "parkerctl: unknown option '--json'\n"
			    "Try 'parkerctl metrics --help'.\n");
	assert_int_equal(ret, EXIT_USAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MTEST(two_partitions),
		MTEST(none),
		MTEST(odd_values),
		MTEST(no_uptime),
		MTEST(no_pool),
		MTEST(usage_errors),
	};

	return cmocka_run_group_tests_name("metrics", tests, NULL, NULL);
}
