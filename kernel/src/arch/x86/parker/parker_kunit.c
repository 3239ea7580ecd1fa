// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of Parker's pure bookkeeping: partition names, memory sizes,
 * PCI addresses and who may take which CPU (ownership.c); the states a
 * partition may move between (state.c); the 2 MiB page tables of the
 * hand-off (pagetable.c); the restart window (monitor.c); the pool's
 * search order (pool.c); the record a start writes (record.c).
 */
#include <kunit/test.h>
#include <linux/cpumask.h>
#include <linux/gfp.h>
#include <linux/pci.h>
#include <linux/pgtable.h>
#include <linux/sizes.h>

#include <asm/apic.h>
#include <asm/parker.h>
#include <asm/tsc.h>

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
	int *owner = kunit_kcalloc(test, nr_cpu_ids, sizeof(*owner), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, owner);
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

/*
 * Every pair of states, against the transitions parker.rst documents:
 * each listed one is allowed, every other one refused.
 */
static void parker_test_transitions(struct kunit *test)
{
	static const char * const documented[] = {
		"empty>ready",
		"ready>empty", "ready>loaded",
		"loaded>ready", "loaded>starting",
		"starting>running", "starting>unresponsive", "starting>stopped",
		"starting>crashed", "starting>quarantined",
		"running>unresponsive", "running>stopped", "running>crashed",
		"running>quarantined",
		"unresponsive>running", "unresponsive>stopped",
		"unresponsive>crashed", "unresponsive>quarantined",
		"stopped>ready", "stopped>loaded", "stopped>starting",
		"crashed>ready", "crashed>loaded", "crashed>starting",
		"quarantined>stopped",
	};
	unsigned int from, to, i, allowed = 0;
	char pair[40];

	for (from = 0; from < PARKER_STATE_COUNT; from++) {
		for (to = 0; to < PARKER_STATE_COUNT; to++) {
			bool listed = false;

			snprintf(pair, sizeof(pair), "%s>%s", parker_state_name(from),
				 parker_state_name(to));
			for (i = 0; i < ARRAY_SIZE(documented); i++)
				listed |= !strcmp(pair, documented[i]);
			KUNIT_EXPECT_EQ_MSG(test, parker_state_allowed(from, to), listed,
					    "%s", pair);
			allowed += parker_state_allowed(from, to);
		}
	}
	KUNIT_EXPECT_EQ(test, allowed, ARRAY_SIZE(documented));
	KUNIT_EXPECT_FALSE(test, parker_state_allowed(PARKER_STATE_COUNT, 0));
	KUNIT_EXPECT_FALSE(test, parker_state_allowed(0, PARKER_STATE_COUNT));
	KUNIT_EXPECT_STREQ(test, parker_state_name(PARKER_STATE_COUNT), "invalid");
}

struct pt_pages {
	struct kunit *test;
	int used, max;
};

static void *pt_alloc(void *ctx, phys_addr_t *pa)
{
	struct pt_pages *pages = ctx;
	void *page;

	if (pages->used == pages->max)
		return NULL;
	page = kunit_kzalloc(pages->test, PAGE_SIZE, GFP_KERNEL);
	if (!page)
		return NULL;
	pages->used++;
	*pa = virt_to_phys(page);
	return page;
}

/* Walk @top as the CPU would: the 2 MiB page @va maps to, or ~0 if none. */
static u64 pt_walk(u64 *top, u64 va)
{
	int level = pgtable_l5_enabled() ? 5 : 4;
	u64 *table = top;

	for (; level > 2; level--) {
		u64 e = table[(va >> (12 + 9 * (level - 1))) & 511];

		if (!(e & _PAGE_PRESENT) || (e & _PAGE_PSE))
			return ~0ULL;
		table = phys_to_virt(e & PTE_PFN_MASK);
	}
	if (!(table[(va >> PMD_SHIFT) & 511] & _PAGE_PSE))
		return ~0ULL;
	return table[(va >> PMD_SHIFT) & 511] & PTE_PFN_MASK;
}

/*
 * The hand-off maps the wait loop 1:1 and the kernel at its own address:
 * neighbours share their tables, far pages get new ones, and a builder out
 * of table pages fails without a half-made entry.
 */
static void parker_test_map_2m(struct kunit *test)
{
	int levels = pgtable_l5_enabled() ? 4 : 3;
	struct pt_pages pages = { .test = test, .max = 16 };
	u64 *top = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	u64 far = 0xffffffff80000000ULL;

	KUNIT_ASSERT_NOT_NULL(test, top);
	KUNIT_EXPECT_EQ(test, parker_map_2m(top, SZ_1G, SZ_1G, pt_alloc, &pages), 0);
	KUNIT_EXPECT_EQ(test, pages.used, levels - 1);
	KUNIT_EXPECT_EQ(test, parker_map_2m(top, SZ_1G + SZ_2M, 0x7e00000, pt_alloc,
					    &pages), 0);
	KUNIT_EXPECT_EQ(test, pages.used, levels - 1);
	KUNIT_EXPECT_EQ(test, parker_map_2m(top, far, SZ_4G, pt_alloc, &pages), 0);
	KUNIT_EXPECT_EQ(test, pages.used, 2 * (levels - 1));
	KUNIT_EXPECT_EQ(test, pt_walk(top, SZ_1G), (u64)SZ_1G);
	KUNIT_EXPECT_EQ(test, pt_walk(top, SZ_1G + SZ_2M + 4096), 0x7e00000ULL);
	KUNIT_EXPECT_EQ(test, pt_walk(top, far), (u64)SZ_4G);
	KUNIT_EXPECT_EQ(test, pt_walk(top, SZ_1G + SZ_4M), ~0ULL);
	KUNIT_EXPECT_EQ(test, pt_walk(top, SZ_2G), ~0ULL);

	pages.max = pages.used;
	KUNIT_EXPECT_EQ(test, parker_map_2m(top, SZ_8G, SZ_8G, pt_alloc, &pages),
			-ENOMEM);
	KUNIT_EXPECT_EQ(test, pt_walk(top, SZ_8G), ~0ULL);
}

/*
 * The restart window: PARKER_RESTART_BURST restarts, then none until the
 * oldest of them is PARKER_RESTART_WINDOW old, then one per restart that
 * ages out.
 */
static void parker_test_restart_window(struct kunit *test)
{
	unsigned long restarts[PARKER_RESTART_BURST] = {};
	unsigned long t0 = 1000000;
	int i;

	for (i = 0; i < PARKER_RESTART_BURST; i++)
		KUNIT_EXPECT_TRUE(test, parker_restart_window(restarts, t0 + i));
	KUNIT_EXPECT_FALSE(test, parker_restart_window(restarts, t0 + i));
	KUNIT_EXPECT_FALSE(test, parker_restart_window(restarts,
						       t0 + PARKER_RESTART_WINDOW - 1));
	KUNIT_EXPECT_EQ(test, restarts[0], t0);
	KUNIT_EXPECT_TRUE(test, parker_restart_window(restarts, t0 + PARKER_RESTART_WINDOW));
	KUNIT_EXPECT_EQ(test, restarts[0], t0 + 1);
	KUNIT_EXPECT_FALSE(test, parker_restart_window(restarts, t0 + PARKER_RESTART_WINDOW));
	KUNIT_EXPECT_TRUE(test, parker_restart_window(restarts,
						      t0 + 1 + PARKER_RESTART_WINDOW));
}

/*
 * The pool's search: a partition's node first, then areas of no node; a
 * partition of no node takes from any; never another node's memory.
 */
static void parker_test_pool_search(struct kunit *test)
{
	static const int areas[] = { 1, NUMA_NO_NODE, 0, 1, NUMA_NO_NODE };
	int order[ARRAY_SIZE(areas)];
	int n;

	n = parker_pool_search(areas, ARRAY_SIZE(areas), 1, order);
	KUNIT_ASSERT_EQ(test, n, 4);
	KUNIT_EXPECT_EQ(test, order[0], 0);
	KUNIT_EXPECT_EQ(test, order[1], 3);
	KUNIT_EXPECT_EQ(test, order[2], 1);
	KUNIT_EXPECT_EQ(test, order[3], 4);

	n = parker_pool_search(areas, ARRAY_SIZE(areas), 0, order);
	KUNIT_ASSERT_EQ(test, n, 3);
	KUNIT_EXPECT_EQ(test, order[0], 2);
	KUNIT_EXPECT_EQ(test, order[1], 1);
	KUNIT_EXPECT_EQ(test, order[2], 4);

	n = parker_pool_search(areas, ARRAY_SIZE(areas), NUMA_NO_NODE, order);
	KUNIT_ASSERT_EQ(test, n, 5);
	KUNIT_EXPECT_EQ(test, order[0], 1);
	KUNIT_EXPECT_EQ(test, order[1], 4);
	KUNIT_EXPECT_EQ(test, order[2], 0);

	n = parker_pool_search(areas, ARRAY_SIZE(areas), 2, order);
	KUNIT_ASSERT_EQ(test, n, 2);
	KUNIT_EXPECT_EQ(test, order[0], 1);
	KUNIT_EXPECT_EQ(test, parker_pool_search(areas, 1, 2, order), 0);
}

/*
 * The record a start writes, read back as an application kernel would:
 * its header, its partition, where the control area's parts are, and a
 * status page set to booting.  The control area is a buffer of the test's.
 */
static void parker_test_record(struct kunit *test)
{
	struct parker_partition *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	void *ctl = kunit_kzalloc(test, PARKER_CTL_CONSOLE + PAGE_SIZE, GFP_KERNEL);
	struct parker_setup *setup = ctl + PARKER_CTL_RECORD;
	struct parker_status *st = ctl + PARKER_CTL_STATUS;
	struct parker_record *rec = &setup->rec;
	struct parker_ring *ring = ctl + PARKER_CTL_CONSOLE;
	phys_addr_t base;

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, ctl);
	base = virt_to_phys(ctl);
	strscpy(p->name, "kunit", sizeof(p->name));
	p->id = 7;
	p->start_count = 3;
	p->mem_base = base;
	p->mem_size = SZ_64M;
	INIT_LIST_HEAD(&p->devices);
	cpumask_set_cpu(0, &p->cpus);
	memset(rec, 0xa5, sizeof(*rec));
	ring->magic = PARKER_RING_MAGIC;
	st->state = PARKER_APP_CRASHED;

	KUNIT_ASSERT_EQ(test, parker_record_write(p), 0);
	KUNIT_EXPECT_EQ(test, rec->magic, PARKER_RECORD_MAGIC);
	KUNIT_EXPECT_EQ(test, rec->version, PARKER_RECORD_VERSION);
	KUNIT_EXPECT_EQ(test, rec->size, sizeof(*rec));
	KUNIT_EXPECT_EQ(test, rec->self, base + offsetof(struct parker_setup, rec));
	KUNIT_EXPECT_EQ(test, rec->id, 7);
	KUNIT_EXPECT_STREQ(test, rec->name, "kunit");
	KUNIT_EXPECT_EQ(test, rec->nr_cpus, 1);
	KUNIT_EXPECT_EQ(test, rec->apic_ids[0], cpu_physical_id(0));
	KUNIT_EXPECT_EQ(test, rec->apic_ids[1], 0);
	KUNIT_EXPECT_EQ(test, rec->nr_mem, 1);
	KUNIT_EXPECT_EQ(test, rec->mem[0].base, base + PARKER_CTL_SIZE);
	KUNIT_EXPECT_EQ(test, rec->mem[0].size, SZ_64M - PARKER_CTL_SIZE);
	KUNIT_EXPECT_EQ(test, rec->nr_devs, 0);
	KUNIT_EXPECT_EQ(test, rec->start_count, 3);
	KUNIT_EXPECT_EQ(test, rec->tsc_khz, tsc_khz);
	KUNIT_EXPECT_EQ(test, rec->control_pa, base);
	KUNIT_EXPECT_EQ(test, rec->mailbox_pa, base + PARKER_CTL_MAILBOX);
	KUNIT_EXPECT_EQ(test, rec->status_pa, base + PARKER_CTL_STATUS);
	KUNIT_EXPECT_EQ(test, rec->console_pa, base + PARKER_CTL_CONSOLE);
	KUNIT_EXPECT_EQ(test, rec->console_size, PARKER_CTL_CONSOLE_SIZE);
	KUNIT_EXPECT_EQ(test, rec->reserved, 0);
	KUNIT_EXPECT_EQ(test, st->magic, PARKER_STATUS_MAGIC);
	KUNIT_EXPECT_EQ(test, st->self, base + PARKER_CTL_STATUS);
	KUNIT_EXPECT_EQ(test, st->state, PARKER_APP_BOOTING);
	KUNIT_EXPECT_EQ(test, ring->magic, 0);

	/* More ranges follow the first, whole: they hold no control area. */
	/* Real memory: a range of no node is looked up where it lies. */
	p->mem_more[0].base = base + SZ_4K;
	p->mem_more[0].size = SZ_256M;
	p->mem_more[1].base = base + SZ_8K;
	p->mem_more[1].size = SZ_2M;
	p->nr_mem_more = 2;
	KUNIT_ASSERT_EQ(test, parker_record_write(p), 0);
	KUNIT_EXPECT_EQ(test, rec->nr_mem, 3);
	KUNIT_EXPECT_EQ(test, rec->mem[0].base, base + PARKER_CTL_SIZE);
	KUNIT_EXPECT_EQ(test, rec->mem[1].base, base + SZ_4K);
	KUNIT_EXPECT_EQ(test, rec->mem[1].size, SZ_256M);
	KUNIT_EXPECT_EQ(test, rec->mem[2].base, base + SZ_8K);
	KUNIT_EXPECT_EQ(test, rec->mem[2].size, SZ_2M);
	KUNIT_EXPECT_EQ(test, parker_mem_total(p), SZ_64M + SZ_256M + SZ_2M);
	/* Its nodes: the first range's first, at the local distance. */
	KUNIT_EXPECT_EQ(test, rec->nr_nodes, 1);
	KUNIT_EXPECT_EQ(test, rec->mem_node[1], 0);
	KUNIT_EXPECT_EQ(test, rec->mem_node[2], 0);
	KUNIT_EXPECT_EQ(test, rec->mem_node[0], 0);
	KUNIT_EXPECT_EQ(test, rec->node_ids[0], parker_pools[0].nid == NUMA_NO_NODE ?
			page_to_nid(virt_to_page(ctl)) : parker_pools[0].nid);
	KUNIT_EXPECT_LT(test, rec->cpu_node[0], rec->nr_nodes);
	KUNIT_EXPECT_EQ(test, rec->distance[0][0], LOCAL_DISTANCE);
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

static struct kunit_case parker_core_cases[] = {
	KUNIT_CASE(parker_test_transitions),
	KUNIT_CASE(parker_test_map_2m),
	KUNIT_CASE(parker_test_restart_window),
	KUNIT_CASE(parker_test_pool_search),
	KUNIT_CASE(parker_test_record),
	{}
};

static struct kunit_suite parker_core_suite = {
	.name = "parker-core",
	.test_cases = parker_core_cases,
};

kunit_test_suites(&parker_test_suite, &parker_core_suite);

MODULE_DESCRIPTION("KUnit tests of Parker's ownership rules and core");
MODULE_LICENSE("GPL");
