// SPDX-License-Identifier: GPL-2.0
/*
 * Parker hand-off: starting a partition's CPU in the application kernel
 * and taking it back.
 *
 * A partition CPU is offline in the boot kernel.  To start it, the boot
 * kernel builds, in the partition's control area, a page table that maps
 * the partition's memory at its physical address and handoff_entry.S where the
 * kernel has it, a GDT and an IDT; then it sends INIT and SIPI through its
 * own real-mode trampoline with the trampoline's 64-bit target pointed at
 * parker_handoff_entry for this one start.  CPU hotplug is held off
 * meanwhile, since onlining a CPU uses the same trampoline.
 *
 * To take a CPU back, INIT is enough: it leaves the CPU waiting for a SIPI,
 * from where the next start, or add_cpu() in the boot kernel, wakes it.
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/cpu.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/pgtable.h>
#include <linux/smp.h>
#include <linux/string.h>

#include <asm/apic.h>
#include <asm/desc.h>
#include <asm/parker.h>
#include <asm/realmode.h>

#include "handoff.h"
#include "parker.h"

/* Read by parker_handoff_entry; one start at a time (parker_mutex). */
struct parker_handoff parker_handoff;

/* The hand-off part of the control area (from PARKER_CTL_HANDOFF). */
#define HO_GDT		0x0000		/* GDT, then its descriptor */
#define HO_GDT_DESC	0x0040
#define HO_IDT_DESC	0x0050
#define HO_ARRIVED	0x0080
#define HO_IDT		0x1000		/* 256 gates */
#define HO_STACK_TOP	0x4000
#define HO_TABLES	0x4000		/* page-table pages from here */

struct desc_ptr64 {
	u16 limit;
	u64 base;
} __packed;

struct pt_pool {
	void *base;
	phys_addr_t pa;
	unsigned int used, max;
};

/* Table pages from the hand-off part of the control area. */
static void *pt_alloc(void *ctx, phys_addr_t *pa)
{
	struct pt_pool *pool = ctx;
	u64 *page;

	if (pool->used == pool->max)
		return NULL;
	page = pool->base + pool->used * PAGE_SIZE;
	*pa = pool->pa + pool->used * PAGE_SIZE;
	pool->used++;
	memset(page, 0, PAGE_SIZE);
	return page;
}

/* Partition memory at its physical address, handoff_entry.S where it runs. */
static int build_tables(struct parker_partition *p, phys_addr_t *cr3)
{
	void *ho = parker_ctl(p, PARKER_CTL_HANDOFF);
	struct pt_pool pool = {
		.base = ho + HO_TABLES,
		.pa = p->mem_base + PARKER_CTL_HANDOFF + HO_TABLES,
		.max = (PARKER_CTL_HANDOFF_END - PARKER_CTL_HANDOFF - HO_TABLES) / PAGE_SIZE,
	};
	u64 va = (u64)parker_handoff_entry & PMD_MASK;
	u64 pa = __pa_symbol(parker_handoff_entry) & PMD_MASK;
	phys_addr_t a;
	u64 *top;
	int ret = 0;

	top = pt_alloc(&pool, cr3);
	for (a = p->mem_base; !ret && a < p->mem_base + p->mem_size; a += PMD_SIZE)
		ret = parker_map_2m(top, a, a, pt_alloc, &pool);
	/* handoff_entry.S may straddle a 2 MiB boundary: map the next one too. */
	if (!ret)
		ret = parker_map_2m(top, va, pa, pt_alloc, &pool);
	if (!ret)
		ret = parker_map_2m(top, va + PMD_SIZE, pa + PMD_SIZE, pt_alloc, &pool);
	return ret;
}

static void build_descriptors(struct parker_partition *p)
{
	void *ho = parker_ctl(p, PARKER_CTL_HANDOFF);
	phys_addr_t ho_pa = p->mem_base + PARKER_CTL_HANDOFF;
	struct desc_ptr64 *gdt_desc = ho + HO_GDT_DESC;
	struct desc_ptr64 *idt_desc = ho + HO_IDT_DESC;
	u64 *gdt = ho + HO_GDT;
	gate_desc *idt = ho + HO_IDT;
	int i;

	gdt[0] = 0;
	gdt[1] = 0x00cf9b000000ffffULL;	/* 32-bit code, unused */
	gdt[2] = 0x00af9b000000ffffULL;	/* 0x10: 64-bit code */
	gdt[3] = 0x00cf93000000ffffULL;	/* 0x18: data */
	gdt_desc->limit = 4 * 8 - 1;
	gdt_desc->base = ho_pa + HO_GDT;

	for (i = 0; i < 256; i++)
		pack_gate(&idt[i], GATE_INTERRUPT, (unsigned long)parker_handoff_halt,
			  0, 0, 0x10);
	idt_desc->limit = 256 * sizeof(gate_desc) - 1;
	idt_desc->base = ho_pa + HO_IDT;

	parker_handoff.gdt = ho_pa + HO_GDT_DESC;
	parker_handoff.idt = ho_pa + HO_IDT_DESC;
	parker_handoff.stack = ho_pa + HO_STACK_TOP;
	parker_handoff.arrived = ho_pa + HO_ARRIVED;
}

static void send_init(u32 apicid)
{
	apic_icr_write(APIC_INT_LEVELTRIG | APIC_INT_ASSERT | APIC_DM_INIT, apicid);
	safe_apic_wait_icr_idle();
	udelay(10);
	apic_icr_write(APIC_INT_LEVELTRIG | APIC_DM_INIT, apicid);
	safe_apic_wait_icr_idle();
}

/*
 * One SIPI, not the two of the old MP specification: a second one that the
 * CPU has not taken yet when the next INIT reaches it (the proof of a stop
 * sends one right after the CPU arrives) would start it again through the
 * trampoline, which that INIT then interrupts with the trampoline's lock
 * held, and no CPU could be started after that.  Seen under TCG in soak.
 */
static void send_init_sipi(u32 apicid, unsigned long start_ip)
{
	send_init(apicid);
	mdelay(10);
	apic_icr_write(APIC_DM_STARTUP | (start_ip >> 12), apicid);
	udelay(300);
	safe_apic_wait_icr_idle();
}

/* Stop @cpu wherever it is: it waits for a SIPI afterwards. */
void parker_handoff_reset(unsigned int cpu)
{
	send_init(cpu_physical_id(cpu));
}

/* An NMI to @cpu, which the boot kernel does not run: it cannot be lost. */
void parker_handoff_nmi(unsigned int cpu)
{
	/* The x2APIC's ICR write is not ordered after earlier stores. */
	weak_wrmsr_fence();
	apic_icr_write(APIC_DM_NMI, cpu_physical_id(cpu));
	safe_apic_wait_icr_idle();
}

/* Fault injection (debugfs): this many proofs fail as if a CPU never came. */
u32 parker_fault_cpu_proof;

/*
 * Prove that @cpu of @p, sent INIT, stopped running its kernel: wake it
 * into the hand-off code, whose arrival word only a CPU that left the
 * partition's kernel writes, with the halt loop as its entry, and stop it
 * again.  A CPU that ignores INIT (one in VMX root operation blocks it)
 * never arrives.
 */
int parker_handoff_prove_stopped(struct parker_partition *p, unsigned int cpu)
{
	int ret;

	if (parker_fault_cpu_proof) {
		parker_fault_cpu_proof--;
		pr_info("%s: fault injection: CPU %u taken as not back\n",
			p->name, cpu);
		return -ETIMEDOUT;
	}
	ret = parker_handoff_enter(p, cpu, (u64)parker_handoff_halt, 0);
	/* Out of the hand-off code too: nothing of it runs in partition memory. */
	parker_handoff_reset(cpu);
	return ret;
}

static bool wait_arrival(u32 *arrived, unsigned int ms)
{
	unsigned long end = jiffies + msecs_to_jiffies(ms);

	while (!READ_ONCE(*arrived)) {
		if (time_after(jiffies, end))
			return false;
		usleep_range(500, 1000);
	}
	return true;
}

/* Put the mailbox wait loop in place and empty every slot. */
void parker_handoff_mailbox_init(struct parker_partition *p)
{
	struct parker_slot *slots = parker_ctl(p, PARKER_CTL_MAILBOX);

	BUILD_BUG_ON(offsetof(struct parker_slot, state) != 4 ||
		     offsetof(struct parker_slot, cr3) != 8 ||
		     offsetof(struct parker_slot, rip) != 16 ||
		     offsetof(struct parker_slot, rsp) != 24);
	BUILD_BUG_ON(PARKER_REC_CPUS * sizeof(*slots) > PARKER_CTL_MAILBOX_SIZE);
	BUILD_BUG_ON(PARKER_CTL_MAILBOX + PARKER_CTL_MAILBOX_SIZE >
		     PARKER_CTL_HANDOFF);
	BUILD_BUG_ON(PARKER_CTL_STACKS + PARKER_REC_CPUS * PARKER_CTL_STACK_SIZE >
		     PARKER_CTL_CONSOLE);
	memset(slots, 0, PARKER_CTL_MAILBOX_SIZE);
	memcpy(parker_ctl(p, PARKER_CTL_WAIT), parker_wait_loop,
	       parker_wait_loop_end - parker_wait_loop);
}

/* Send @cpu of @p to wait in mailbox slot @slot. */
int parker_handoff_wait(struct parker_partition *p, unsigned int cpu, int slot)
{
	struct parker_slot *s = parker_ctl(p, PARKER_CTL_MAILBOX);
	phys_addr_t pa = p->mem_base + PARKER_CTL_MAILBOX + slot * sizeof(*s);
	int ret;

	s[slot].apic_id = cpu_physical_id(cpu);
	ret = parker_handoff_enter(p, cpu, p->mem_base + PARKER_CTL_WAIT, pa);
	if (ret)
		return ret;
	/* It arrived in the hand-off code; now it must reach the loop. */
	if (!wait_arrival(&s[slot].state, 10000)) {
		parker_fail(p, "CPU %u did not reach its mailbox", cpu);
		parker_handoff_reset(cpu);
		return -ETIMEDOUT;
	}
	return 0;
}

/*
 * Send @cpu of @p into the application kernel at @entry with %rsi =
 * @boot_params.  Returns once the CPU has left the boot kernel's code.
 */
int parker_handoff_enter(struct parker_partition *p, unsigned int cpu,
			 u64 entry, u64 boot_params)
{
	struct trampoline_header *th = __va(real_mode_header->trampoline_header);
	u32 *arrived;
	phys_addr_t cr3;
	u64 saved;
	int ret;

	lockdep_assert_held(&parker_mutex);
	ret = build_tables(p, &cr3);
	if (ret) {
		parker_fail(p, "no room for the hand-off page table");
		return ret;
	}
	build_descriptors(p);
	parker_handoff.cr3 = cr3;
	parker_handoff.entry = entry;
	parker_handoff.boot_params = boot_params;
	arrived = phys_to_virt(parker_handoff.arrived);
	WRITE_ONCE(*arrived, 0);

	/* Onlining a CPU uses the same trampoline: keep hotplug out. */
	cpus_read_lock();
	saved = th->start;
	th->start = (u64)parker_handoff_entry;
	send_init_sipi(cpu_physical_id(cpu), real_mode_header->trampoline_start);
	ret = wait_arrival(arrived, 10000) ? 0 : -ETIMEDOUT;
	if (ret)
		parker_handoff_reset(cpu);
	th->start = saved;
	/* The CPU took the trampoline's stack lock; it never comes back for it. */
	WRITE_ONCE(*trampoline_lock, 0);
	cpus_read_unlock();

	if (ret)
		parker_fail(p, "CPU %u did not reach the hand-off code", cpu);
	return ret;
}
