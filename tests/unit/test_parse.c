// SPDX-License-Identifier: GPL-2.0
/* Host unit tests for parkerctl's parsers (cmocka). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "parse.h"

static void cpulist_round_trip(void **state)
{
	static const struct {
		const char *in, *out;
		unsigned int count;
	} cases[] = {
		{ "0", "0", 1 },
		{ "1-3", "1-3", 3 },
		{ "1,2,3,5", "1-3,5", 4 },
		{ "7-8,0-1", "0-1,7-8", 4 },
		{ "4095", "4095", 1 },
		{ "3,3,3", "3", 1 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cpuset set;
		char buf[64];

		assert_int_equal(parse_cpulist(cases[i].in, &set), 0);
		format_cpulist(&set, buf, sizeof(buf));
		assert_string_equal(buf, cases[i].out);
		assert_int_equal(cpuset_count(&set), cases[i].count);
	}
}

static void cpulist_rejects(void **state)
{
	static const char *const bad[] = {
		"", "-", "1-", "-1", "3-1", "1,,2", "1,", ",1", "a", "1 2",
		"1-2-3", "4096", "0x1", "99999999999999999999", " 1",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct cpuset set;

		errno = 0;
		assert_int_equal(parse_cpulist(bad[i], &set), -1);
		assert_true(errno == EINVAL || errno == ERANGE);
	}
}

static void size_parses(void **state)
{
	static const struct {
		const char *in;
		uint64_t bytes;
	} cases[] = {
		{ "0", 0 },
		{ "4096", 4096 },
		{ "64M", 64ULL << 20 },
		{ "64m", 64ULL << 20 },
		{ "256MiB", 256ULL << 20 },
		{ "1G", 1ULL << 30 },
		{ "1GB", 1ULL << 30 },
		{ "2T", 2ULL << 40 },
		{ "512K", 512ULL << 10 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t b = 1;

		assert_int_equal(parse_size(cases[i].in, &b), 0);
		assert_true(b == cases[i].bytes);
	}
}

static void size_rejects(void **state)
{
	static const char *const bad[] = {
		"", "M", "1X", "1.5G", "-1", "1G1", "1 G", "1Gi", "99999999999T",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint64_t b;

		assert_int_equal(parse_size(bad[i], &b), -1);
	}
}

static void node_sizes_parse(void **state)
{
	struct node_size ns[NODE_SIZES_MAX];

	(void)state;
	assert_int_equal(parse_node_sizes("1:64M,0:1G", ns, NODE_SIZES_MAX), 2);
	assert_int_equal(ns[0].node, 1);
	assert_true(ns[0].bytes == 64ULL << 20);
	assert_int_equal(ns[1].node, 0);
	assert_true(ns[1].bytes == 1ULL << 30);
	assert_int_equal(parse_node_sizes("3:4096", ns, NODE_SIZES_MAX), 1);
	assert_int_equal(ns[0].node, 3);
	assert_true(ns[0].bytes == 4096);
}

static void node_sizes_reject(void **state)
{
	static const struct {
		const char *in;
		int err;
	} bad[] = {
		{ "", EINVAL }, { "0", EINVAL }, { "0:", EINVAL },
		{ ":64M", EINVAL }, { "0:64M,", EINVAL }, { "0:64M,,1:64M", EINVAL },
		{ "0:64X", EINVAL }, { "x:64M", EINVAL }, { "0:64M,0:64M", EINVAL },
		{ "-1:64M", EINVAL }, { "0:64M;1:64M", EINVAL },
		{ "0:16000000T,1:16000000T", ERANGE },
		{ "0:1M,1:1M,2:1M,3:1M,4:1M", E2BIG },
	};
	struct node_size ns[NODE_SIZES_MAX];

	(void)state;
	assert_int_equal(parse_node_sizes(NULL, ns, NODE_SIZES_MAX), -1);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		errno = 0;
		assert_int_equal(parse_node_sizes(bad[i].in, ns, NODE_SIZES_MAX), -1);
		assert_int_equal(errno, bad[i].err);
	}
}

static void size_formats(void **state)
{
	char buf[32];

	(void)state;
	format_size(256ULL << 20, buf, sizeof(buf));
	assert_string_equal(buf, "256M");
	format_size(1ULL << 30, buf, sizeof(buf));
	assert_string_equal(buf, "1G");
	format_size(1536ULL << 20, buf, sizeof(buf));
	assert_string_equal(buf, "1536M");
	format_size(1000, buf, sizeof(buf));
	assert_string_equal(buf, "1000");
	format_size(0, buf, sizeof(buf));
	assert_string_equal(buf, "0");
}

static void pci_addr_parses(void **state)
{
	struct pci_addr a;
	char buf[32];

	(void)state;
	assert_int_equal(parse_pci_addr("0000:00:10.0", &a), 0);
	assert_int_equal(a.domain, 0);
	assert_int_equal(a.bus, 0);
	assert_int_equal(a.dev, 0x10);
	assert_int_equal(a.fn, 0);
	assert_int_equal(parse_pci_addr("00:1f.3", &a), 0);
	assert_int_equal(a.dev, 0x1f);
	assert_int_equal(a.fn, 3);
	assert_int_equal(parse_pci_addr("abcd:EF:01.7", &a), 0);
	format_pci_addr(&a, buf, sizeof(buf));
	assert_string_equal(buf, "abcd:ef:01.7");
}

static void pci_addr_rejects(void **state)
{
	static const char *const bad[] = {
		"", "0:0.0", "00:20.0", "00:10.8", "0000:00:10", "00000:00:10.0",
		"000:00:10.0", "00:10.0.0", "zz:10.0", "0000:00:10.0x", "00-10.0",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct pci_addr a;

		assert_int_equal(parse_pci_addr(bad[i], &a), -1);
	}
}

static void partition_names(void **state)
{
	(void)state;
	assert_true(valid_partition_name("web"));
	assert_true(valid_partition_name("db-1_a"));
	assert_true(valid_partition_name("0"));
	assert_true(valid_partition_name("abcdefghijklmnopqrstuvwxyz01234"));
	assert_false(valid_partition_name(""));
	assert_false(valid_partition_name("abcdefghijklmnopqrstuvwxyz012345"));
	assert_false(valid_partition_name("Web"));
	assert_false(valid_partition_name("a/b"));
	assert_false(valid_partition_name("."));
	assert_false(valid_partition_name(".."));
	assert_false(valid_partition_name("-x"));
	assert_false(valid_partition_name("a b"));
	assert_false(valid_partition_name("info"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cpulist_round_trip),
		cmocka_unit_test(cpulist_rejects),
		cmocka_unit_test(size_parses),
		cmocka_unit_test(size_rejects),
		cmocka_unit_test(size_formats),
		cmocka_unit_test(node_sizes_parse),
		cmocka_unit_test(node_sizes_reject),
		cmocka_unit_test(pci_addr_parses),
		cmocka_unit_test(pci_addr_rejects),
		cmocka_unit_test(partition_names),
	};

	return cmocka_run_group_tests_name("parse", tests, NULL, NULL);
}
