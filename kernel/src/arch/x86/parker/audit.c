// SPDX-License-Identifier: GPL-2.0
/*
 * Parker audit mode: catch an application kernel touching hardware that
 * belongs to the whole machine, instead of hoping it does not.  It is in
 * every Parker kernel and on in an application kernel started with
 * parker.audit=1; operators run without it.
 *
 * The hooks in asm/io.h, asm/msr.h, apic/apic.c and mm/ioremap.c call in
 * here.  In an application kernel (parker_auditing is set in instance
 * mode) a violation is reported with a stack trace, counted in the status
 * page where the boot kernel reads it, and, except for an MMIO mapping,
 * not carried out:
 *
 * - port I/O, string I/O included, outside the I/O BARs of the
 *   partition's own PCI functions;
 * - writes to the MSRs the boot kernel keeps (split-lock control,
 *   microcode, package thermal and power limits, uncore ratio, package HWP
 *   control, MTRRs, and the machine-check banks, some of which a package
 *   shares: clearing their status would lose the boot kernel's errors);
 * - IPIs, through the xAPIC ICR or x2APIC's MSR 0x830 (physical or
 *   cluster destinations), with a broadcast shorthand, to an APIC id not
 *   the partition's, or with INIT or SIPI delivery;
 * - mappings of the IOAPIC and HPET.
 *
 * parker_auditing is a plain flag, not a static key: it must hold from the
 * first C code, before jump labels can be patched, and the port and MSR
 * accessors that test it are inlined into code that cannot include
 * linux/jump_label.h.  Its cost is one load per port access or MSR write.
 *
 * /sys/kernel/debug/parker/audit_selftest makes violations on purpose, to
 * show that they are caught.
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/io.h>
#include <linux/pci.h>
#include <linux/ratelimit.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <asm/apic.h>
#include <asm/cmdline.h>
#include <asm/msr-index.h>
#include <asm/parker.h>
#include <asm/parker_audit.h>

#include "parker.h"

bool parker_auditing __read_mostly;
static atomic64_t violations;

#define MAX_IO_RANGES	32
static struct {
	u16 start, end;
} io_ranges[MAX_IO_RANGES];
static int nr_io_ranges;

static void violation(const char *fmt, ...)
{
	static DEFINE_RATELIMIT_STATE(rs, 5 * HZ, 10);
	struct parker_status *st = parker_instance_status();
	char what[80];
	va_list args;
	u64 n;

	va_start(args, fmt);
	vsnprintf(what, sizeof(what), fmt, args);
	va_end(args);
	n = atomic64_inc_return(&violations);
	if (st)
		WRITE_ONCE(st->audit, n);
	if (__ratelimit(&rs))
		WARN(1, "parker audit: %s (count %llu)\n", what, n);
}

/* Called when a status page is mapped: violations before it count too. */
void parker_audit_status_ready(struct parker_status *st)
{
	WRITE_ONCE(st->audit, atomic64_read(&violations));
}

bool parker_audit_pio(u16 port, bool write)
{
	int i;

	if (!parker_auditing)
		return false;
	for (i = 0; i < READ_ONCE(nr_io_ranges); i++)
		if (port >= io_ranges[i].start && port <= io_ranges[i].end)
			return false;
	violation("port %s 0x%x", write ? "write to" : "read of", port);
	return true;
}

/* Not in msr-index.h: the uncore's frequency limits, for the package. */
#define PARKER_MSR_UNCORE_RATIO_LIMIT	0x620
/* Machine-check banks the architecture has room for (MCi_CTL..MCi_MISC). */
#define MCE_BANKS	32

static bool reserved_msr(u32 msr)
{
	switch (msr) {
	case MSR_TEST_CTRL:
	case MSR_IA32_UCODE_WRITE:
	case MSR_IA32_PACKAGE_THERM_INTERRUPT:
	case MSR_IA32_POWER_CTL:
	case MSR_PKG_POWER_LIMIT:
	case MSR_DRAM_POWER_LIMIT:
	case MSR_MTRRdefType:
	case PARKER_MSR_UNCORE_RATIO_LIMIT:
	case MSR_PM_ENABLE:		/* HWP on or off, for the package */
	case MSR_HWP_REQUEST_PKG:
		return true;
	}
	return (msr >= MSR_MTRRfix64K_00000 && msr <= MSR_MTRRfix4K_F8000) ||
	       (msr >= 0x200 && msr < 0x200 + 2 * 16) ||	/* variable MTRRs */
	       msr == MSR_IA32_MCG_CTL ||
	       (msr >= MSR_IA32_MC0_CTL && msr < MSR_IA32_MC0_CTL + 4 * MCE_BANKS) ||
	       (msr >= MSR_IA32_MC0_CTL2 && msr < MSR_IA32_MC0_CTL2 + MCE_BANKS);
}

/*
 * x2APIC: an IPI is a write of the ICR, destination in the high half.  In
 * logical (cluster) mode, which Linux uses for most IPIs, the destination
 * is a cluster in bits 31:16 and a bitmap of its 16 CPUs in bits 15:0; the
 * logical ID is fixed by the APIC ID, so each CPU named is known.
 */
static bool audit_x2apic_icr(u32 low, u32 dest)
{
	unsigned long cpus = dest & 0xffff;
	u32 cluster = dest >> 16;
	unsigned int bit;

	if (!(low & APIC_DEST_LOGICAL) || (low & APIC_DEST_ALLBUT))
		return parker_audit_ipi(low & APIC_DEST_ALLBUT, dest, low);
	for_each_set_bit(bit, &cpus, 16)
		if (parker_audit_ipi(0, cluster << 4 | bit, low))
			return true;
	return false;
}

bool parker_audit_wrmsr(u32 msr, u32 low, u32 high)
{
	if (!parker_auditing)
		return false;
	if (msr == APIC_BASE_MSR + (APIC_ICR >> 4))
		return audit_x2apic_icr(low, high);
	if (!reserved_msr(msr))
		return false;
	violation("write to MSR 0x%x, which the boot kernel keeps", msr);
	return true;
}

static bool own_apic_id(u32 id)
{
	const struct parker_record *rec = parker_instance_record();
	u32 i;

	for (i = 0; rec && i < rec->nr_cpus; i++)
		if (rec->apic_ids[i] == id)
			return true;
	return false;
}

bool parker_audit_ipi(u32 shortcut, u32 dest, u32 vector)
{
	u32 mode = vector & APIC_DM_FIXED_MASK;

	if (!parker_auditing)
		return false;
	if (shortcut == APIC_DEST_ALLINC || shortcut == APIC_DEST_ALLBUT) {
		violation("broadcast IPI, vector 0x%x", vector);
		return true;
	}
	if (mode == APIC_DM_INIT || mode == APIC_DM_STARTUP) {
		violation("INIT or SIPI to APIC %u", dest);
		return true;
	}
	if (!shortcut && !own_apic_id(dest)) {
		violation("IPI to APIC %u, not a CPU of this partition", dest);
		return true;
	}
	return false;
}

void parker_audit_mmio(u64 phys, u64 size)
{
	static const struct {
		u64 start, end;
		const char *what;
	} global[] = {
		{ 0xfec00000, 0xfecfffff, "the IOAPIC" },
		{ 0xfed00000, 0xfed003ff, "the HPET" },
	};
	int i;

	if (!parker_auditing)
		return;
	for (i = 0; i < ARRAY_SIZE(global); i++)
		if (phys <= global[i].end && phys + size > global[i].start)
			violation("mapping of %s at 0x%llx", global[i].what, phys);
}

/* The partition's own devices' port ranges: the only ports it may use. */
static void note_io_bars(struct pci_dev *pdev)
{
	struct resource *r;
	int i;

	if (!parker_auditing)
		return;
	pci_dev_for_each_resource(pdev, r, i) {
		if (!(r->flags & IORESOURCE_IO) || !r->end ||
		    nr_io_ranges == MAX_IO_RANGES)
			continue;
		io_ranges[nr_io_ranges].start = r->start;
		io_ranges[nr_io_ranges].end = r->end;
		/* The range before the count, for readers without a lock. */
		smp_wmb();
		WRITE_ONCE(nr_io_ranges, nr_io_ranges + 1);
	}
}
DECLARE_PCI_FIXUP_HEADER(PCI_ANY_ID, PCI_ANY_ID, note_io_bars);

/*
 * Before start_kernel(), from the command line as copied from the boot
 * parameters; parker_instance_init() says so, after the banner.
 */
void __init parker_audit_start(void)
{
	char arg[4];

	if (cmdline_find_option(boot_command_line, "parker.audit", arg,
				sizeof(arg)) > 0 && !strcmp(arg, "1"))
		parker_auditing = true;
}

/* Taken above; known here so that it is not passed on to init. */
static int __init parker_audit_param(char *arg)
{
	return 0;
}
early_param("parker.audit", parker_audit_param);

/* --- violations on purpose --- */

static ssize_t selftest_write(struct file *file, const char __user *ubuf,
			      size_t len, loff_t *ppos)
{
	const struct parker_record *rec = parker_instance_record();
	char buf[16];

	if (len >= sizeof(buf) || copy_from_user(buf, ubuf, len))
		return -EINVAL;
	buf[len] = '\0';
	strim(buf);
	if (!strcmp(buf, "pit")) {
		outb(0x00, 0x43);		/* latch PIT counter 0 */
	} else if (!strcmp(buf, "broadcast")) {
		apic_icr_write(APIC_DEST_ALLBUT | APIC_DM_FIXED | CALL_FUNCTION_VECTOR, 0);
	} else if (!strcmp(buf, "foreign")) {
		/* An APIC id of the boot kernel: not one of ours. */
		u32 id = rec && rec->apic_ids[0] ? 0 : 1;

		apic_icr_write(APIC_DM_FIXED | CALL_FUNCTION_VECTOR, id);
	} else if (!strcmp(buf, "msr")) {
		wrmsrl(MSR_IA32_POWER_CTL, 0);
	} else if (!strcmp(buf, "mce")) {
		wrmsrl(MSR_IA32_MC0_STATUS + 4 * 3, 0);	/* clear bank 3 */
	} else if (!strcmp(buf, "ins")) {
		u8 byte;

		insb(0x71, &byte, 1);		/* CMOS data, as a string */
	} else {
		return -EINVAL;
	}
	return len;
}

static const struct file_operations selftest_fops = {
	.write = selftest_write,
};

/* From parker_instance_late(). */
void __init parker_audit_debugfs_init(void)
{
	if (!parker_auditing)
		return;
	debugfs_create_file("audit_selftest", 0200,
			    debugfs_create_dir("parker", NULL), NULL,
			    &selftest_fops);
}
