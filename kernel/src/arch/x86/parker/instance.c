// SPDX-License-Identifier: GPL-2.0
/*
 * Parker instance mode: the application kernel's side.
 *
 * A kernel started by Parker finds the Parker record at the head of its
 * setup_data chain.  Early in setup_arch() it then switches off everything
 * that belongs to the whole machine, as arch/x86/kernel/jailhouse.c does
 * for a Jailhouse cell, and takes from the record what it would otherwise
 * probe or measure:
 *
 *   - no ACPI, no MP table, no IOAPIC, the null legacy PIC
 *   - no PIT, HPET or RTC/CMOS: TSC and LAPIC timer rates and the
 *     wall-clock time come from the record
 *   - no legacy ISA probing (COM ports, i8042), no port 0x80 delays, no
 *     NMI reason port
 *   - PCI config space through ECAM only, and only the record's functions
 *     exist; no INTx routing (MSI, or polling)
 *   - CPUs by the record's APIC ids; no real-mode trampoline, whose low
 *     memory belongs to the boot kernel
 *   - poweroff, halt, reboot and panic report to the status page and park
 *     the CPU instead of touching a reset or power path
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/acpi.h>
#include <linux/cpufeature.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/sched.h>
#include <linux/serial_8250.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include <asm/apic.h>
#include <asm/bootparam.h>
#include <asm/i8259.h>
#include <asm/io_apic.h>
#include <asm/parker.h>
#include <asm/pci_x86.h>
#include <asm/setup.h>
#include <asm/time.h>
#include <asm/tsc.h>
#include <asm/x86_init.h>

#include "parker.h"

static struct parker_record record __ro_after_init;
static bool instance;

bool parker_instance(void)
{
	return instance;
}

/*
 * ioperm() and iopl() would let a process reach any port, the boot
 * kernel's included, past the audit: an application kernel refuses them.
 */
bool parker_refuse_user_ports(void)
{
	if (!instance)
		return false;
	pr_warn_ratelimited("%s[%d]: no port access from user space in an application kernel\n",
			    current->comm, task_pid_nr(current));
	return true;
}

/* The record this kernel was started with; NULL outside instance mode. */
const struct parker_record *parker_instance_record(void)
{
	return instance ? &record : NULL;
}

/* --- timers and clocks from the record --- */

static unsigned long parker_get_tsc_khz(void)
{
	return record.tsc_khz;
}

static unsigned long parker_get_cpu_khz(void)
{
	return record.cpu_khz ?: record.tsc_khz;
}

/* The boot kernel's time at start, advanced by the TSC since. */
static void parker_get_wallclock(struct timespec64 *now)
{
	u64 ns = mul_u64_u64_div_u64(rdtsc() - record.wall_tsc, 1000000ULL,
				     record.tsc_khz);

	now->tv_sec = record.wall_sec;
	now->tv_nsec = record.wall_nsec;
	timespec64_add_ns(now, ns);
}

static int parker_set_wallclock(const struct timespec64 *now)
{
	return -ENODEV;
}

/*
 * timekeeping_init() takes the time from parker_get_wallclock(), but the
 * clock then runs on jiffies until a TSC clocksource takes over, and
 * jiffies stand still until the timer runs: the clock falls behind the
 * boot kernel's by that time (85 ms under TCG).  Set it again once it runs
 * on the TSC; from then on both kernels' clocks are the same function of
 * the one TSC of the machine.
 */
static void __init parker_sync_wallclock(void)
{
	struct timespec64 now, was;

	ktime_get_real_ts64(&was);
	parker_get_wallclock(&now);
	if (do_settimeofday64(&now)) {
		pr_err("wall clock could not be set from the TSC\n");
		return;
	}
	pr_info("wall clock set from the TSC, %lld us forward\n",
		div_s64(timespec64_to_ns(&now) - timespec64_to_ns(&was),
			NSEC_PER_USEC));
}

/*
 * After parker_instance_init() in setup_arch(), instance mode starts in
 * this order, at two initcall levels and nowhere else (the power-off
 * handler at arch_initcall and the "running" report at
 * late_initcall_sync are the status page's own):
 *
 * - as early as memremap() works: the console ring first, so that all
 *   that follows is logged; the status page, so that a panic from then on
 *   is a crash with its message; the CPU mailbox, which smp_init() needs;
 * - once the TSC clocksource runs: the wall clock, then the debug files.
 */
static int __init parker_instance_early(void)
{
	if (!instance)
		return 0;
	parker_console_ring_init();
	parker_status_page_init();
	parker_mailbox_map();
	return 0;
}
early_initcall(parker_instance_early);

static int __init parker_instance_late(void)
{
	if (!instance)
		return 0;
	parker_sync_wallclock();
	parker_audit_debugfs_init();
	parker_hostile_init();
	return 0;
}
late_initcall(parker_instance_late);

static void __init parker_timer_init(void)
{
	lapic_timer_period = record.lapic_timer_period;
}

static unsigned char parker_nmi_reason(void)
{
	return 0;
}

/* --- CPUs --- */

static void __init parker_parse_smp_config(void)
{
	u32 i;

	register_lapic_address(APIC_DEFAULT_PHYS_BASE);
	for (i = 0; i < record.nr_cpus; i++)
		topology_register_apic(record.apic_ids[i], CPU_ACPIID_INVALID, true);
	smp_found_config = 1;
	parker_instance_smp_init(&record);
}

/* --- PCI: ECAM only, and only the record's functions --- */

static const struct pci_raw_ops *ecam_ops;

static bool pci_listed(unsigned int seg, unsigned int bus, unsigned int devfn)
{
	u32 i;

	for (i = 0; i < record.nr_devs; i++)
		if (record.devs[i].segment == seg && record.devs[i].bus == bus &&
		    record.devs[i].devfn == devfn)
			return true;
	return false;
}

static int parker_pci_read(unsigned int seg, unsigned int bus,
			   unsigned int devfn, int reg, int len, u32 *val)
{
	if (!pci_listed(seg, bus, devfn)) {
		*val = ~0;
		return PCIBIOS_DEVICE_NOT_FOUND;
	}
	return ecam_ops->read(seg, bus, devfn, reg, len, val);
}

static int parker_pci_write(unsigned int seg, unsigned int bus,
			    unsigned int devfn, int reg, int len, u32 val)
{
	if (!pci_listed(seg, bus, devfn))
		return PCIBIOS_DEVICE_NOT_FOUND;
	return ecam_ops->write(seg, bus, devfn, reg, len, val);
}

static const struct pci_raw_ops parker_pci_ops = {
	.read = parker_pci_read,
	.write = parker_pci_write,
};

static int __init parker_pci_arch_init(void)
{
	u32 i;

	for (i = 0; i < record.nr_ecam; i++)
		pci_mmconfig_add(record.ecam[i].segment, record.ecam[i].bus_start,
				 record.ecam[i].bus_end, record.ecam[i].base);
	if (record.nr_ecam)
		pci_mmcfg_arch_init();
	ecam_ops = raw_pci_ext_ops;
	raw_pci_ops = NULL;
	raw_pci_ext_ops = ecam_ops ? &parker_pci_ops : NULL;
	if (!ecam_ops && record.nr_devs)
		pr_err("no ECAM: the partition's PCI devices stay unreachable\n");
	return 0;
}

/* Scan only the buses the record's functions sit on. */
static int __init parker_pci_init(void)
{
	u32 i, j;

	if (!raw_pci_ext_ops)
		return 0;
	for (i = 0; i < record.nr_devs; i++) {
		for (j = 0; j < i; j++)
			if (record.devs[j].bus == record.devs[i].bus)
				break;
		if (j == i && record.devs[i].segment == 0)
			pcibios_scan_root(record.devs[i].bus);
	}
	return 0;
}

/* No INTx routing here: a device without MSI is polled by its driver. */
static int parker_pci_enable_irq(struct pci_dev *dev)
{
	dev->irq = 0;
	return 0;
}

static void parker_pci_disable_irq(struct pci_dev *dev)
{
}

#ifdef CONFIG_SERIAL_8250
/*
 * The legacy COM ports belong to the boot kernel: never probe them.  The
 * 8250 core asks about every port it registers, PCI ones included.
 */
static void parker_serial_isa_off(int port, struct uart_port *up,
				  u32 *capabilities)
{
	static const u16 legacy[] = { 0x3f8, 0x2f8, 0x3e8, 0x2e8 };
	int i;

	for (i = 0; i < ARRAY_SIZE(legacy); i++)
		if (up->iobase == legacy[i])
			up->iobase = 0;
}
#endif

/* --- the record --- */

/*
 * parker_instance_detect() runs before early_memremap() works, so the
 * setup_data list and the record are read through the direct map: until
 * the kernel's own page tables are built, the early page-fault handler
 * maps __va() on demand (copy_bootdata() reads the command line so).
 */
static u64 __init find_record(void)
{
	u64 pa = boot_params.hdr.setup_data;

	while (pa) {
		const struct setup_data *hdr = __va(pa);

		if (hdr->type == SETUP_PARKER)
			return pa;
		pa = hdr->next;
	}
	return 0;
}

/* A Parker record this kernel cannot use, and why: it must not boot on. */
static u64 refused_pa __initdata;
static u32 refused_version __initdata, refused_size __initdata;

static bool __init read_record(void)
{
	u64 pa = find_record();
	u32 len;

	if (!pa)
		return false;
	len = ((const struct setup_data *)__va(pa))->len;
	pa += offsetof(struct parker_setup, rec);
	memcpy(&record, __va(pa), min_t(size_t, len, sizeof(record)));
	if (len < sizeof(record) || record.magic != PARKER_RECORD_MAGIC ||
	    record.self != pa || record.version != PARKER_RECORD_VERSION ||
	    record.size != sizeof(record) || !record.nr_cpus ||
	    record.nr_cpus > PARKER_REC_CPUS ||
	    !record.tsc_khz) {
		refused_pa = pa;
		refused_version = record.version;
		refused_size = len;
		return false;
	}
	return true;
}

/*
 * A kernel started by Parker with a record it cannot read does not know
 * its partition, and booting on would make it the owner of the machine:
 * it halts, as jailhouse_init_platform() panics without its setup data.
 * Not panic(): with panic=N on its command line, that would reset the
 * machine.  Its boot kernel sees it never reach init.
 */
static void __init __noreturn refuse_to_boot(void)
{
	pr_emerg("Parker record at %#llx is version %u of %u bytes; this kernel reads version %u of %zu bytes: halted\n",
		 refused_pa, refused_version, refused_size, PARKER_RECORD_VERSION,
		 sizeof(record));
	local_irq_disable();
	for (;;)
		native_halt();
}

static void __init machine_off_limits(void)
{
	disable_acpi();
	disable_ioapic_support();
	legacy_pic = &null_legacy_pic;
	pci_probe = 0;
#ifdef CONFIG_SERIAL_8250
	serial8250_set_isa_configurator(parker_serial_isa_off);
#endif

	x86_init.irqs.pre_vector_init = x86_init_noop;
	x86_init.resources.probe_roms = x86_init_noop;
	x86_init.mpparse.find_mptable = x86_init_noop;
	x86_init.mpparse.early_parse_smp_cfg = x86_init_noop;
	x86_init.mpparse.parse_smp_cfg = parker_parse_smp_config;
	x86_init.timers.timer_init = parker_timer_init;
	x86_init.pci.arch_init = parker_pci_arch_init;
	x86_init.pci.init = parker_pci_init;
	x86_init.pci.init_irq = x86_init_noop;
	pcibios_enable_irq = parker_pci_enable_irq;
	pcibios_disable_irq = parker_pci_disable_irq;

	x86_platform.calibrate_tsc = parker_get_tsc_khz;
	x86_platform.calibrate_cpu = parker_get_cpu_khz;
	x86_platform.get_wallclock = parker_get_wallclock;
	x86_platform.set_wallclock = parker_set_wallclock;
	x86_platform.get_nmi_reason = parker_nmi_reason;
	x86_platform.realmode_reserve = x86_init_noop;
	x86_platform.realmode_init = x86_init_noop;
	x86_platform.legacy.rtc = 0;
	x86_platform.legacy.warm_reset = 0;
	x86_platform.legacy.i8042 = X86_LEGACY_I8042_PLATFORM_ABSENT;
	x86_platform.legacy.reserve_bios_regions = 0;
	x86_platform.legacy.devices.pnpbios = 0;

	/* The record's rates are the boot kernel's measurements: trust them. */
	setup_force_cpu_cap(X86_FEATURE_TSC_KNOWN_FREQ);
	setup_force_cpu_cap(X86_FEATURE_TSC_RELIABLE);

	parker_status_setup();
}

/*
 * Called from x86_64_start_kernel() as soon as the boot parameters are
 * copied, because what comes next already reaches for hardware the
 * machine shares: the early microcode loader; early_init_amd(), which on
 * AMD families 0fh to 16h reads the northbridge through ports 0xcf8/0xcfc;
 * and trim_snb_memory(), which reads 00:02.0 through them on any machine.
 * An application kernel writing 0xcf8 between the boot kernel's address
 * and data cycles sends the boot kernel's config access to another
 * register.  From here on the early conf1 accessors refuse, the microcode
 * loader is off, and the audit watches.
 */
void __init parker_instance_detect(void)
{
	if (!read_record())
		return;
	instance = true;
	/*
	 * EFI runtime services and variables are the machine's, and calling
	 * them from two kernels at once corrupts the firmware's state.  The
	 * loader passes no EFI information; should any arrive, setup_arch()
	 * must not see the loader signature that would turn EFI on.
	 */
	memset(&boot_params.efi_info, 0, sizeof(boot_params.efi_info));
	parker_audit_start();
}

/*
 * Called from setup_arch() right after the hypervisor platforms, before
 * the TSC, ACPI tables, MP table or PCI are looked at.
 */
void __init parker_instance_init(void)
{
	if (refused_pa)
		refuse_to_boot();
	if (!instance)
		return;
	machine_off_limits();
	pr_info("instance mode: partition %s (id %u), %u CPU(s), %llu MiB, %u PCI function(s)\n",
		record.name, record.id, record.nr_cpus,
		record.mem[0].size >> 20, record.nr_devs);
	if (parker_auditing)
		pr_info("audit mode: machine-global hardware access is reported\n");
}
