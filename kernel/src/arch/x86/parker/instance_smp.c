// SPDX-License-Identifier: GPL-2.0
/*
 * Parker instance mode: bringing up the partition's other CPUs.
 *
 * The boot kernel started them in the mailbox wait loop of the control
 * area (handoff_entry.S).  To bring one up, the application kernel writes
 * into the CPU's slot a page table that maps the wait loop at its physical
 * address and the kernel where it runs, a stack, and secondary_startup_64,
 * then says GO: no INIT and no SIPI, whose real-mode trampoline would need
 * low memory the partition does not own.  A CPU taken offline goes back
 * to the wait loop, so that it can come online again.
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/delay.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/io.h>
#include <linux/pgtable.h>
#include <linux/smp.h>

#include <asm/apic.h>
#include <asm/parker.h>
#include <asm/realmode.h>

#include "parker.h"

static struct parker_slot *slots;
static const struct parker_record *rec;
static phys_addr_t wake_cr3;

/* do_boot_cpu() reads the real-mode header even when it does not use it. */
static struct real_mode_header no_real_mode;

static struct parker_slot *slot_of(u32 apic_id, phys_addr_t *pa)
{
	u32 i;

	for (i = 1; i < rec->nr_cpus; i++) {
		if (slots[i].apic_id == apic_id) {
			*pa = rec->mailbox_pa + i * sizeof(*slots);
			return &slots[i];
		}
	}
	return NULL;
}

static void *zeroed_page(void *ctx, phys_addr_t *pa)
{
	void *page = (void *)get_zeroed_page(GFP_KERNEL);

	if (page)
		*pa = __pa(page);
	return page;
}

/* The kernel's own mappings, plus the control area at its address. */
static int __init build_wake_table(void)
{
	phys_addr_t top_pa;
	u64 *top = zeroed_page(NULL, &top_pa);
	int i;

	if (!top)
		return -ENOMEM;
	for (i = PTRS_PER_PGD / 2; i < PTRS_PER_PGD; i++)
		top[i] = init_top_pgt[i].pgd;
	wake_cr3 = top_pa;
	return parker_map_2m(top, rec->control_pa, rec->control_pa,
			     zeroed_page, NULL);
}

static int parker_wakeup_cpu(u32 apic_id, unsigned long start_ip)
{
	struct parker_slot *s;
	unsigned long timeout;
	phys_addr_t pa;

	if (!slots)
		return -ENODEV;
	s = slot_of(apic_id, &pa);
	if (!s)
		return -ENODEV;
	if (READ_ONCE(s->state) != PARKER_SLOT_WAITING) {
		pr_err("CPU with APIC id %u is not waiting in its mailbox\n", apic_id);
		return -EIO;
	}
	s->cr3 = wake_cr3;
	s->rip = (u64)secondary_startup_64;
	s->rsp = rec->control_pa + PARKER_CTL_STACKS +
		 (s - slots + 1) * PARKER_CTL_STACK_SIZE;
	/* The CPU reads cr3, rip and rsp once it sees GO. */
	smp_wmb();
	WRITE_ONCE(s->state, PARKER_SLOT_GO);

	for (timeout = 0; timeout < 10000; timeout++) {
		if (READ_ONCE(s->state) == PARKER_SLOT_GONE)
			return 0;
		udelay(100);
	}
	return -ETIMEDOUT;
}

/* An offline CPU goes back to its mailbox, interrupts off, for good. */
static void parker_play_dead(void)
{
	phys_addr_t pa;

	play_dead_common();
	if (!slots || !slot_of(read_apic_id(), &pa))
		native_play_dead();
	parker_wait_again(wake_cr3, rec->wait_pa, pa);
}

/*
 * Set up the mailbox from the record, before smp_init() brings the CPUs
 * up.  Called from parse_smp_config in instance.c.
 */
void __init parker_instance_smp_init(const struct parker_record *record)
{
	rec = record;
	real_mode_header = &no_real_mode;
	if (rec->nr_cpus < 2)
		return;
	apic_update_callback(wakeup_secondary_cpu_64, parker_wakeup_cpu);
	smp_ops.play_dead = parker_play_dead;
}

/*
 * Mappings and pages work by now (parker_instance_early()); smp_init()
 * brings CPUs up after this.
 */
void __init parker_mailbox_map(void)
{
	if (!rec || rec->nr_cpus < 2)
		return;
	slots = memremap(rec->mailbox_pa, PARKER_REC_CPUS * sizeof(*slots),
			 MEMREMAP_WB);
	if (!slots || build_wake_table()) {
		pr_err("no CPU mailbox: secondary CPUs stay down\n");
		slots = NULL;
	}
}
