/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Parker's boot ABI: what a boot kernel, the application kernels it starts
 * and the parkerctl tool agree on.
 *
 * The control area at the start of a partition's memory holds the Parker
 * record (a setup_data entry of type SETUP_PARKER, <asm/setup_data.h>), the
 * status page an application kernel reports through, the secondary-CPU
 * mailbox and the console ring.  A partition may be started with another
 * build than the boot kernel's: every structure carries a magic, a
 * version, its size and its own physical address, and a reader checks all
 * four once, before it trusts the rest.
 *
 * The states of a partition, as /sys/fs/parker/NAME/state names them, are
 * listed here too, so that tools compare against the kernel's own words.
 */
#ifndef _UAPI_ASM_X86_PARKER_H
#define _UAPI_ASM_X86_PARKER_H

#include <linux/types.h>

/*
 * The first 2 MiB of a partition's memory is its control area, reserved in
 * the application kernel's e820 map:
 *
 *   0x0000      setup_data header + struct parker_record  (boot -> app)
 *   0x1000      struct parker_status, two pages           (app -> boot)
 *   0x3000      the mailbox wait loop, copied here at start
 *   0x4000      CPU mailbox, one slot per CPU             (both)
 *   0xc000..    hand-off: GDT, IDT, stack, page tables
 *   0x80000..   stacks of CPUs leaving the mailbox, 1 KiB each: a CPU
 *               uses a few words of it before its kernel's own stack
 *   1 MiB..     console ring (application kernel's log)
 */
#define PARKER_CTL_SIZE		0x200000
#define PARKER_CTL_RECORD	0x0
#define PARKER_CTL_STATUS	0x1000
#define PARKER_CTL_STATUS_SIZE	0x2000
#define PARKER_CTL_WAIT		0x3000
#define PARKER_CTL_MAILBOX	0x4000
#define PARKER_CTL_MAILBOX_SIZE	0x8000
#define PARKER_CTL_HANDOFF	0xc000
#define PARKER_CTL_HANDOFF_END	0x80000
#define PARKER_CTL_STACKS	0x80000
#define PARKER_CTL_STACK_SIZE	0x400
#define PARKER_CTL_CONSOLE	0x100000
#define PARKER_CTL_CONSOLE_SIZE	0x100000

/*
 * A partition's secondary CPUs wait in the mailbox until their kernel
 * brings them up: no INIT or SIPI from the application kernel, whose
 * real-mode trampoline would need low memory it does not own.  A waiting
 * CPU sets WAITING, polls for GO, loads rsp and cr3 from its slot, sets
 * GONE and jumps to rip.  An application kernel that takes a CPU offline
 * sends it back to the wait loop, so it can come online again.
 */
enum parker_slot_state {
	PARKER_SLOT_EMPTY,
	PARKER_SLOT_WAITING,
	PARKER_SLOT_GO,
	PARKER_SLOT_GONE,
};

struct parker_slot {
	__u32 apic_id;
	__u32 state;		/* enum parker_slot_state */
	__u64 cr3;		/* maps the wait loop 1:1 and the kernel */
	__u64 rip;
	__u64 rsp;
	__u64 reserved[4];
};

#define PARKER_RECORD_MAGIC	0x4b524150	/* "PARK" */
#define PARKER_RECORD_VERSION	3
#define PARKER_STATUS_MAGIC	0x54415453	/* "STAT" */
#define PARKER_STATUS_VERSION	3

#define PARKER_REC_CPUS		512
#define PARKER_REC_MEM		4
#define PARKER_REC_DEVS		32
#define PARKER_REC_ECAM		4
#define PARKER_REC_NODES	8

struct parker_mem_range {
	__u64 base;
	__u64 size;
};

struct parker_pci_dev {
	__u16 segment;
	__u8 bus;
	__u8 devfn;
};

struct parker_ecam {
	__u64 base;		/* ECAM of bus 0 of the segment */
	__u16 segment;
	__u8 bus_start;
	__u8 bus_end;
	__u32 reserved;
};

/* What the boot kernel tells an application kernel about its partition. */
struct parker_record {
	__u32 magic;
	__u16 version;
	__u16 size;
	__u64 self;			/* physical address of this record */
	__u32 id;
	char name[32];
	__u32 nr_cpus;			/* apic_ids[0] is the boot CPU */
	__u32 apic_ids[PARKER_REC_CPUS];
	__u32 nr_mem;
	struct parker_mem_range mem[PARKER_REC_MEM];
	__u32 nr_devs;
	struct parker_pci_dev devs[PARKER_REC_DEVS];
	__u32 nr_ecam;
	struct parker_ecam ecam[PARKER_REC_ECAM];
	__u64 tsc_khz;
	__u64 cpu_khz;
	__u64 loops_per_jiffy;
	__u32 lapic_timer_period;
	__u32 reserved;
	__s64 wall_sec;			/* wall-clock time when ... */
	__u32 wall_nsec;
	__u32 reserved2;
	__u64 wall_tsc;			/* ... the TSC read this */
	__u32 start_count;		/* starts of this image, from 1 */
	__u32 reserved3;
	__u64 control_pa;		/* the control area */
	__u64 mailbox_pa;		/* PARKER_REC_CPUS slots */
	__u64 wait_pa;			/* the mailbox wait loop */
	__u64 status_pa;
	__u64 console_pa;
	__u64 console_size;
	/*
	 * NUMA: the nodes of the partition's memory, numbered from 0 in its
	 * kernel; node_ids[] are the machine's numbers for them.  A CPU is on
	 * its own node, or on the nearest node with memory if its own has
	 * none of the partition's.
	 */
	__u32 nr_nodes;
	__u32 reserved4;
	__u32 node_ids[PARKER_REC_NODES];
	__u8 distance[PARKER_REC_NODES][PARKER_REC_NODES];
	__u8 cpu_node[PARKER_REC_CPUS];	/* of apic_ids[i] */
	__u8 mem_node[PARKER_REC_MEM];	/* of mem[i] */
	__u32 reserved5;
};

/* The record as a setup_data entry (struct setup_data has a flexible tail). */
struct parker_setup {
	__u64 next;
	__u32 type;
	__u32 len;
	struct parker_record rec;
};

/* What an application kernel reports. */
enum parker_app_state {
	PARKER_APP_BOOTING,		/* set by the boot kernel at start */
	PARKER_APP_RUNNING,		/* reached init */
	PARKER_APP_STOPPED,		/* poweroff or halt */
	PARKER_APP_REBOOT,		/* reboot asked */
	PARKER_APP_CRASHED,		/* panic; message says why */
};

/* What the boot kernel asks of a running application kernel. */
enum parker_request {
	PARKER_REQ_NONE,
	PARKER_REQ_POWEROFF,		/* like a power-button press */
	PARKER_REQ_STOP_NMI,		/* an NMI follows: leave VMX, halt */
};

/* A CPU that its own kernel took offline has no heartbeat to watch. */
#define PARKER_HEARTBEAT_OFFLINE	(~0ULL)
#define PARKER_HEARTBEAT_MS		100

/*
 * The status page.  The application kernel writes state, message and the
 * heartbeat of each of its CPUs (indexed like the record's apic_ids), and
 * nmi_stopped[i] = 1 once CPU i left VMX operation and halted on the boot
 * kernel's stop NMI; the boot kernel writes request.
 */
struct parker_status {
	__u32 magic;
	__u16 version;
	__u16 size;
	__u64 self;
	__u32 state;			/* enum parker_app_state */
	__u32 request;			/* enum parker_request */
	char message[256];
	__u64 audit;			/* violations counted in audit mode */
	__u64 heartbeat[PARKER_REC_CPUS];
	__u8 nmi_stopped[PARKER_REC_CPUS];
};

/*
 * The console ring: everything the application kernel prints, from its
 * first line, readable by the boot kernel with no device in between and
 * after a crash.  head counts every byte ever written; the data of byte n
 * is at data[n % size].  The writer stores the bytes, then head.
 */
#define PARKER_RING_MAGIC	0x474e4952	/* "RING" */

struct parker_ring {
	__u32 magic;
	__u32 size;		/* bytes of data[] */
	__u64 self;
	__u64 head;
	__u8 reserved[40];
	char data[];
};

/*
 * A partition's state (Documentation/arch/x86/parker.rst has the table of
 * what moves it from one to another).
 */
enum parker_state {
	PARKER_STATE_EMPTY,		/* lacks CPUs or memory */
	PARKER_STATE_READY,		/* has both, no image */
	PARKER_STATE_LOADED,		/* holds an image, not started */
	PARKER_STATE_STARTING,		/* started, its kernel has not reached init */
	PARKER_STATE_RUNNING,		/* its kernel reached init */
	PARKER_STATE_STOPPED,		/* its kernel stopped, or was stopped */
	PARKER_STATE_CRASHED,		/* its kernel panicked */
	PARKER_STATE_UNRESPONSIVE,	/* its kernel lost its heartbeat */
	PARKER_STATE_QUARANTINED,	/* a CPU never came back: nothing is reused */
	PARKER_STATE_COUNT
};

/* The names the state file shows: const char *const n[] = PARKER_STATE_NAMES */
#define PARKER_STATE_NAMES {					\
	[PARKER_STATE_EMPTY]		= "empty",		\
	[PARKER_STATE_READY]		= "ready",		\
	[PARKER_STATE_LOADED]		= "loaded",		\
	[PARKER_STATE_STARTING]		= "starting",		\
	[PARKER_STATE_RUNNING]		= "running",		\
	[PARKER_STATE_STOPPED]		= "stopped",		\
	[PARKER_STATE_CRASHED]		= "crashed",		\
	[PARKER_STATE_UNRESPONSIVE]	= "unresponsive",	\
	[PARKER_STATE_QUARANTINED]	= "quarantined",	\
}

#endif /* _UAPI_ASM_X86_PARKER_H */
