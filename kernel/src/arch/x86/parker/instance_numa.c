// SPDX-License-Identifier: GPL-2.0
/*
 * Parker instance mode: NUMA nodes from the record.
 *
 * The machine's NUMA layout is in its ACPI SRAT and SLIT, which an
 * application kernel does not read (ACPI is off in instance mode).  The
 * boot kernel writes what the partition needs into the record instead:
 * the node of each memory range and of each CPU, numbered from 0, and the
 * distances between them.  x86_numa_init() calls this first; should it
 * fail, the kernel makes one node of all its memory, as without NUMA.
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/init.h>
#include <linux/mm.h>
#include <linux/nodemask.h>
#include <linux/numa.h>
#include <linux/numa_memblks.h>
#include <linux/printk.h>

#include <asm/apicdef.h>
#include <asm/numa.h>
#include <asm/parker.h>

#include "parker.h"

static int __init add_memory(const struct parker_record *rec, u32 nodes)
{
	u32 i;

	if (!rec->nr_mem || rec->nr_mem > PARKER_REC_MEM)
		return -EINVAL;
	for (i = 0; i < rec->nr_mem; i++) {
		u64 base = rec->mem[i].base, end = base + rec->mem[i].size;

		if (rec->mem_node[i] >= nodes ||
		    numa_add_memblk(rec->mem_node[i], base, end))
			return -EINVAL;
		node_set(rec->mem_node[i], numa_nodes_parsed);
	}
	return 0;
}

static int __init add_cpus(const struct parker_record *rec, u32 nodes)
{
	u32 i;

	if (rec->nr_cpus > PARKER_REC_CPUS)
		return -EINVAL;
	for (i = 0; i < rec->nr_cpus; i++) {
		if (rec->cpu_node[i] >= nodes ||
		    rec->apic_ids[i] >= MAX_LOCAL_APIC)
			return -EINVAL;
		set_apicid_to_node(rec->apic_ids[i], rec->cpu_node[i]);
	}
	return 0;
}

int __init parker_instance_numa_init(void)
{
	const struct parker_record *rec = parker_instance_record();
	u32 nodes = rec->nr_nodes, i, j;

	if (!nodes || nodes > PARKER_REC_NODES) {
		pr_err("instance mode: the record has %u NUMA nodes: one node of all memory\n",
		       nodes);
		return -EINVAL;
	}
	if (add_memory(rec, nodes) || add_cpus(rec, nodes)) {
		pr_err("instance mode: the record's NUMA nodes do not fit its memory and CPUs: one node of all memory\n");
		return -EINVAL;
	}
	for (i = 0; i < nodes; i++)
		for (j = 0; j < nodes; j++)
			numa_set_distance(i, j, rec->distance[i][j]);
	for (i = 0; i < nodes; i++)
		pr_info("instance mode: node %u is the machine's node %u\n", i,
			rec->node_ids[i]);
	return 0;
}
