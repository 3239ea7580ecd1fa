// SPDX-License-Identifier: GPL-2.0
/*
 * Parker record: what the boot kernel tells an application kernel about
 * its partition, written into the partition's control area at each start.
 *
 * The application kernel reads it in setup_arch() (instance.c) instead of
 * probing the machine: its CPUs by APIC id, its memory, its PCI functions
 * and the ECAM window to reach them, the NUMA nodes of its memory, and the
 * timer rates and wall-clock time the boot kernel measured, so that it
 * never calibrates against the machine's shared timers nor reads the
 * machine's ACPI tables.
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/delay.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/numa.h>
#include <linux/pci.h>
#include <linux/topology.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include <asm/apic.h>
#include <asm/parker.h>
#include <asm/pci_x86.h>
#include <asm/tsc.h>

#include "parker.h"

/* Its memory: the first range less the control area, then the others. */
static void record_memory(struct parker_partition *p, struct parker_record *rec)
{
	int i;

	rec->mem[0].base = parker_usable_base(p);
	rec->mem[0].size = parker_usable_size(p);
	for (i = 0; i < p->nr_mem_more; i++) {
		rec->mem[i + 1].base = p->mem_more[i].base;
		rec->mem[i + 1].size = p->mem_more[i].size;
	}
	rec->nr_mem = 1 + p->nr_mem_more;
}

/* The machine's node of a range: its pool area's, or where it lies. */
static int range_node(const struct parker_range *r)
{
	int nid = parker_pools[r->pool].nid;

	return nid != NUMA_NO_NODE ? nid : page_to_nid(pfn_to_page(PHYS_PFN(r->base)));
}

/* The partition's number for machine node @nid, a new one if need be. */
static u8 node_index(struct parker_record *rec, int nid)
{
	u32 i;

	for (i = 0; i < rec->nr_nodes; i++)
		if (rec->node_ids[i] == nid)
			return i;
	/* Never full: there are fewer ranges than PARKER_REC_NODES. */
	rec->node_ids[rec->nr_nodes] = nid;
	return rec->nr_nodes++;
}

/* The partition's node for a CPU on machine node @nid: its own, or nearest. */
static u8 cpu_node_index(const struct parker_record *rec, int nid)
{
	u32 i, best = 0;

	for (i = 0; i < rec->nr_nodes; i++) {
		if (rec->node_ids[i] == nid)
			return i;
		if (node_distance(nid, rec->node_ids[i]) <
		    node_distance(nid, rec->node_ids[best]))
			best = i;
	}
	return best;
}

/*
 * Its NUMA nodes: those of its memory, the first range's first, so that
 * its kernel knows which memory is near which of its CPUs without reading
 * the machine's ACPI tables.  CPUs in the order of apic_ids.
 */
static void record_nodes(struct parker_partition *p, struct parker_record *rec)
{
	struct parker_memory m;
	unsigned int cpu, n = 0;
	u32 i, j;

	parker_memory_of(p, &m);
	for (i = 0; i < m.nr; i++)
		rec->mem_node[i] = node_index(rec, range_node(&m.r[i]));
	for_each_cpu(cpu, &p->cpus)
		if (n < PARKER_REC_CPUS)
			rec->cpu_node[n++] = cpu_node_index(rec, cpu_to_node(cpu));
	for (i = 0; i < rec->nr_nodes; i++)
		for (j = 0; j < rec->nr_nodes; j++)
			rec->distance[i][j] = min(node_distance(rec->node_ids[i],
								rec->node_ids[j]), 255);
}

static int record_cpus(struct parker_partition *p, struct parker_record *rec)
{
	unsigned int cpu;

	/* Refused when assigned (parker_cpus_check()); never dropped here. */
	if (cpumask_weight(&p->cpus) > PARKER_REC_CPUS) {
		parker_fail(p, "more CPUs than the record describes");
		return -E2BIG;
	}
	for_each_cpu(cpu, &p->cpus)
		rec->apic_ids[rec->nr_cpus++] = cpu_physical_id(cpu);
	return 0;
}

static void record_ecam(struct parker_record *rec, struct pci_dev *pdev)
{
	int seg = pci_domain_nr(pdev->bus);
	struct pci_mmcfg_region *cfg;
	u32 i;

	for (i = 0; i < rec->nr_ecam; i++)
		if (rec->ecam[i].segment == seg)
			return;
	cfg = pci_mmconfig_lookup(seg, pdev->bus->number);
	if (!cfg || rec->nr_ecam == PARKER_REC_ECAM)
		return;
	rec->ecam[rec->nr_ecam].base = cfg->address;
	rec->ecam[rec->nr_ecam].segment = cfg->segment;
	rec->ecam[rec->nr_ecam].bus_start = cfg->start_bus;
	rec->ecam[rec->nr_ecam].bus_end = cfg->end_bus;
	rec->nr_ecam++;
}

static int record_devices(struct parker_partition *p, struct parker_record *rec)
{
	struct parker_device *d;

	list_for_each_entry(d, &p->devices, list) {
		struct pci_dev *pdev = d->pdev;

		/* Refused when assigned (parker_devices_check()). */
		if (rec->nr_devs == PARKER_REC_DEVS) {
			parker_fail(p, "more devices than the record describes");
			return -E2BIG;
		}
		rec->devs[rec->nr_devs].segment = pci_domain_nr(pdev->bus);
		rec->devs[rec->nr_devs].bus = pdev->bus->number;
		rec->devs[rec->nr_devs].devfn = pdev->devfn;
		rec->nr_devs++;
		record_ecam(rec, pdev);
	}
	return 0;
}

static void record_time(struct parker_record *rec)
{
	struct timespec64 now;

	rec->tsc_khz = tsc_khz;
	rec->cpu_khz = cpu_khz;
	rec->loops_per_jiffy = loops_per_jiffy;
	rec->lapic_timer_period = lapic_timer_period;
	ktime_get_real_ts64(&now);
	rec->wall_tsc = rdtsc();
	rec->wall_sec = now.tv_sec;
	rec->wall_nsec = now.tv_nsec;
}

/* An application kernel reaches its devices through ECAM only. */
static bool devices_have_ecam(struct parker_partition *p)
{
	struct parker_device *d;

	list_for_each_entry(d, &p->devices, list) {
		struct pci_dev *pdev = d->pdev;

		if (!pci_mmconfig_lookup(pci_domain_nr(pdev->bus), pdev->bus->number)) {
			parker_fail(p, "%s has no ECAM window, which a partition needs",
				    pci_name(pdev));
			return false;
		}
	}
	return true;
}

/*
 * Fault injection (debugfs): the next this many starts write a record of
 * the next version, which no kernel of this build can use.
 */
u32 parker_fault_bad_record;

/* Fill the record and reset the status page for a start of @p. */
int parker_record_write(struct parker_partition *p)
{
	struct parker_setup *setup = parker_ctl(p, PARKER_CTL_RECORD);
	struct parker_status *st = parker_ctl(p, PARKER_CTL_STATUS);
	struct parker_record *rec = &setup->rec;

	BUILD_BUG_ON(sizeof(*setup) > PARKER_CTL_STATUS - PARKER_CTL_RECORD);
	BUILD_BUG_ON(sizeof(*st) > PARKER_CTL_STATUS_SIZE);
	if (!devices_have_ecam(p))
		return -ENODEV;

	/* setup->next, type and len were set when the image was loaded. */
	memset(rec, 0, sizeof(*rec));
	rec->magic = PARKER_RECORD_MAGIC;
	rec->version = PARKER_RECORD_VERSION;
	if (parker_fault_bad_record) {
		parker_fault_bad_record--;
		rec->version++;
		pr_info("%s: fault injection: record version %u\n", p->name,
			rec->version);
	}
	rec->size = sizeof(*rec);
	rec->self = p->mem_base + PARKER_CTL_RECORD + offsetof(struct parker_setup, rec);
	rec->id = p->id;
	strscpy(rec->name, p->name, sizeof(rec->name));
	record_memory(p, rec);
	record_nodes(p, rec);
	if (record_cpus(p, rec) || record_devices(p, rec))
		return -E2BIG;
	record_time(rec);
	rec->start_count = p->start_count;
	rec->control_pa = p->mem_base;
	rec->mailbox_pa = p->mem_base + PARKER_CTL_MAILBOX;
	rec->wait_pa = p->mem_base + PARKER_CTL_WAIT;
	rec->status_pa = p->mem_base + PARKER_CTL_STATUS;
	rec->console_pa = p->mem_base + PARKER_CTL_CONSOLE;
	rec->console_size = PARKER_CTL_CONSOLE_SIZE;

	/* A new boot, a new log: the kernel sets the ring up again. */
	memset(parker_ctl(p, PARKER_CTL_CONSOLE), 0, sizeof(struct parker_ring));

	/* The counts of the last run stay with the partition. */
	p->audit_past += parker_status_audit(p);
	memset(st, 0, sizeof(*st));
	st->magic = PARKER_STATUS_MAGIC;
	st->version = PARKER_STATUS_VERSION;
	st->size = sizeof(*st);
	st->self = rec->status_pa;
	st->state = PARKER_APP_BOOTING;
	return 0;
}
