// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of Parker's pure bookkeeping (ownership.c): partition names,
 * memory sizes, PCI addresses, and who may take which CPU.
 */
#include <kunit/test.h>
#include <linux/cpumask.h>
#include <linux/pci.h>

#include "parker.h"

static void parker_test_names(struct kunit *test)
{
	static const char * const good[] = {
		"web", "db-1", "a_b", "0", "abcdefghijklmnopqrstuvwxyz01234",
	};
	static const char * const bad[] = {
		"", "Web", "a b", "a/b", ".", "..", "-x", "_x", "info",
		"abcdefghijklmnopqrstuvwxyz012345", "caf\xc3\xa9",
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(good); i++)
		KUNIT_EXPECT_TRUE_MSG(test, parker_name_valid(good[i]), "%s", good[i]);
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_FALSE_MSG(test, parker_name_valid(bad[i]), "%s", bad[i]);
}

static void parker_test_mem_sizes(struct kunit *test)
{
	char why[128];

	KUNIT_EXPECT_EQ(test, parker_mem_size_check(PARKER_MEM_MIN, why, sizeof(why)), 0);
	KUNIT_EXPECT_EQ(test, parker_mem_size_check(SZ_1G + SZ_2M, why, sizeof(why)), 0);
	KUNIT_EXPECT_EQ(test, parker_mem_size_check(0, why, sizeof(why)), -EINVAL);
	KUNIT_EXPECT_EQ(test, parker_mem_size_check(PARKER_MEM_MIN - SZ_2M, why, sizeof(why)), -EINVAL);
	KUNIT_EXPECT_EQ(test, parker_mem_size_check(SZ_64M + SZ_1M, why, sizeof(why)), -EINVAL);
	KUNIT_EXPECT_EQ(test, parker_mem_size_check(SZ_64M + 4096, why, sizeof(why)), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, strstr(why, "multiple of 2M"));
}

static void parker_test_bdf(struct kunit *test)
{
	static const char * const bad[] = {
		"", "00:10.0", "0000:00:10", "0000:00:20.0", "0000:00:10.8",
		"0000-00:10.0", "000g:00:10.0", "0000:00:10.0 ", "10000:00:10.0",
	};
	unsigned int domain, bus, devfn;
	int i;

	KUNIT_ASSERT_EQ(test, parker_parse_bdf("0000:00:10.0", &domain, &bus, &devfn), 0);
	KUNIT_EXPECT_EQ(test, domain, 0);
	KUNIT_EXPECT_EQ(test, bus, 0);
	KUNIT_EXPECT_EQ(test, devfn, PCI_DEVFN(0x10, 0));
	KUNIT_ASSERT_EQ(test, parker_parse_bdf("abcd:Ef:1f.7", &domain, &bus, &devfn), 0);
	KUNIT_EXPECT_EQ(test, domain, 0xabcd);
	KUNIT_EXPECT_EQ(test, bus, 0xef);
	KUNIT_EXPECT_EQ(test, devfn, PCI_DEVFN(0x1f, 7));
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, parker_parse_bdf(bad[i], &domain, &bus, &devfn),
				    -EINVAL, "'%s'", bad[i]);
}

static void parker_test_cpulist_strict(struct kunit *test)
{
	static const char * const good[] = { "", "1", "1-3", "1,3", "1-2,4-5,7", "10" };
	static const char * const bad[] = {
		",", "1,", ",1", "1,,3", "-", "1-", "-1", "1-2-3", "1 2", "a", "1-3,",
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(good); i++)
		KUNIT_EXPECT_TRUE_MSG(test, parker_cpulist_strict(good[i]), "'%s'", good[i]);
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_FALSE_MSG(test, parker_cpulist_strict(bad[i]), "'%s'", bad[i]);
}

/* A fake machine: CPUs 0-5 exist, siblings in pairs (0,1) (2,3) (4,5). */
static u32 pair_key(unsigned int cpu)
{
	return cpu / 2;
}

static u32 own_key(unsigned int cpu)
{
	return cpu;
}

static int check(const char *list, int self, bool smt_split,
		 u32 (*key)(unsigned int), const int *owner)
{
	static struct cpumask want, present;
	struct parker_cpu_request req = {
		.want = &want, .present = &present, .owner = owner,
		.self = self, .smt_split = smt_split, .core_key = key,
	};
	char why[160];

	cpumask_clear(&present);
	cpulist_parse("0-5", &present);
	cpumask_clear(&want);
	if (cpulist_parse(list, &want))
		return -EFAULT;
	return parker_cpus_check(&req, why, sizeof(why));
}

static void parker_test_cpus(struct kunit *test)
{
	int owner[NR_CPUS] = { 0 };

	if (nr_cpu_ids < 8)
		kunit_skip(test, "needs nr_cpu_ids >= 8");
	owner[4] = 2;
	owner[5] = 2;
	KUNIT_EXPECT_EQ(test, check("2-3", 1, false, pair_key, owner), 0);
	KUNIT_EXPECT_EQ(test, check("", 1, false, pair_key, owner), 0);
	KUNIT_EXPECT_EQ(test, check("0-1", 1, false, pair_key, owner), -EINVAL);
	KUNIT_EXPECT_EQ(test, check("6", 1, false, pair_key, owner), -ENODEV);
	KUNIT_EXPECT_EQ(test, check("4-5", 1, false, pair_key, owner), -EBUSY);
	KUNIT_EXPECT_EQ(test, check("4-5", 2, false, pair_key, owner), 0);
	KUNIT_EXPECT_EQ(test, check("2", 1, false, pair_key, owner), -EINVAL);
	KUNIT_EXPECT_EQ(test, check("2", 1, true, pair_key, owner), 0);
	KUNIT_EXPECT_EQ(test, check("2", 1, false, own_key, owner), 0);
	/* All or nothing: one bad CPU refuses the whole request. */
	KUNIT_EXPECT_EQ(test, check("2-4", 1, false, pair_key, owner), -EBUSY);
}

/* What the record cannot describe is refused, never dropped. */
static void parker_test_limits(struct kunit *test)
{
	char why[128];

	KUNIT_EXPECT_EQ(test, parker_cpu_count_check(1, why, sizeof(why)), 0);
	KUNIT_EXPECT_EQ(test, parker_cpu_count_check(PARKER_REC_CPUS, why, sizeof(why)), 0);
	KUNIT_EXPECT_EQ(test, parker_cpu_count_check(PARKER_REC_CPUS + 1, why, sizeof(why)),
			-E2BIG);
	KUNIT_EXPECT_EQ(test, parker_devices_check(0, 0, true, why, sizeof(why)), 0);
	KUNIT_EXPECT_EQ(test, parker_devices_check(PARKER_REC_DEVS - 1, 1, false, why,
						   sizeof(why)), 0);
	KUNIT_EXPECT_EQ(test, parker_devices_check(PARKER_REC_DEVS, 1, false, why,
						   sizeof(why)), -E2BIG);
	KUNIT_EXPECT_EQ(test, parker_devices_check(3, PARKER_REC_ECAM, false, why,
						   sizeof(why)), 0);
	KUNIT_EXPECT_EQ(test, parker_devices_check(3, PARKER_REC_ECAM, true, why,
						   sizeof(why)), -E2BIG);
}

static struct kunit_case parker_test_cases[] = {
	KUNIT_CASE(parker_test_names),
	KUNIT_CASE(parker_test_mem_sizes),
	KUNIT_CASE(parker_test_bdf),
	KUNIT_CASE(parker_test_cpulist_strict),
	KUNIT_CASE(parker_test_cpus),
	KUNIT_CASE(parker_test_limits),
	{}
};

static struct kunit_suite parker_test_suite = {
	.name = "parker-ownership",
	.test_cases = parker_test_cases,
};

kunit_test_suite(parker_test_suite);

MODULE_DESCRIPTION("KUnit tests of Parker's ownership rules");
MODULE_LICENSE("GPL");
