/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parker internals shared by the files of arch/x86/parker.
 *
 * One mutex, parker_mutex, serialises every change to partitions and to
 * what they own.  The CPU hotplug guard reads parker_held_cpus without it,
 * since it runs under the hotplug lock that the CPU code takes after
 * parker_mutex.
 */
#ifndef _ARCH_X86_PARKER_PARKER_H
#define _ARCH_X86_PARKER_PARKER_H

#include <linux/atomic.h>
#include <linux/cpumask.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/sizes.h>
#include <linux/io.h>
#include <linux/types.h>

#include <asm/parker.h>

/*
 * Partition memory comes in units of 2 MiB, from 16 MiB up: the control
 * area and the smallest kernel that boots.  Whether an image fits is for
 * the loader to say.
 */
#define PARKER_POOL_GRANULE	SZ_2M
#define PARKER_POOL_ORDER	(21 - PAGE_SHIFT)
#define PARKER_MEM_MIN		SZ_16M
#define PARKER_POOL_MAX		16
#define PARKER_NAME_MAX		31
#define PARKER_MAX_PARTITIONS	64

struct cma;
struct parker_record;
struct kernfs_node;
struct pci_dev;
struct iommu_domain;
struct iommu_group;

/* One reserved area of the pool; free counts bytes no partition holds. */
struct parker_pool {
	struct cma *cma;
	int nid;
	phys_addr_t base;
	phys_addr_t size;
	phys_addr_t free;
};

extern struct parker_pool parker_pools[PARKER_POOL_MAX];
extern int parker_nr_pools;

enum parker_policy {
	PARKER_POLICY_STOP,
	PARKER_POLICY_RESTART,
};

/* Automatic restarts: no more than this many within the window. */
#define PARKER_RESTART_BURST	5
#define PARKER_RESTART_WINDOW	(60 * HZ)
/* A CPU whose heartbeat stands still this long makes it unresponsive. */
#define PARKER_HANG_MS		5000
/* A kernel that has not reached init this long after its start, too. */
#define PARKER_BOOT_S		60

/* A PCI function held by a partition. */
struct parker_device {
	struct list_head list;
	struct list_head held;		/* on the list of all held devices */
	struct pci_dev *pdev;
	struct parker_partition *owner;
	/* Its IOMMU group while in the partition's domain, if it put it there. */
	struct iommu_group *group;
	/* Its address: a rescan makes a new pci_dev for the same device. */
	int domain;
	u8 bus;
	u8 devfn;
	bool removed;			/* the boot kernel removed it meanwhile */
	/* The boot-kernel driver it had, to say what it returns to. */
	char driver[32];
};

/* A range of pool memory, from pool area @pool. */
struct parker_range {
	phys_addr_t base;
	phys_addr_t size;
	int pool;
};

/*
 * What a write of a partition's memory asks for: @total bytes spread over
 * the nodes of its CPUs (@nr 0), or @size[i] bytes on node @nid[i] for
 * each of @nr nodes, the first node's first.
 */
struct parker_mem_ask {
	u64 total;
	int nr;
	int nid[PARKER_REC_MEM];
	u64 size[PARKER_REC_MEM];
};

/* A partition's memory, on its way to it or back to the pool. */
struct parker_memory {
	struct parker_range r[PARKER_REC_MEM];
	int nr;
};

struct parker_partition {
	struct list_head list;
	char name[PARKER_NAME_MAX + 1];
	int id;
	struct cpumask cpus;
	bool smt_split;
	phys_addr_t mem_base;
	phys_addr_t mem_size;
	int mem_pool;			/* index in parker_pools, -1 if none */
	/*
	 * More ranges when no one pool area had all of it.  The first range,
	 * mem_base, holds the control area and the kernel; these are RAM.
	 */
	struct parker_range mem_more[PARKER_REC_MEM - 1];
	int nr_mem_more;
	struct list_head devices;	/* of struct parker_device */
	struct kimage *image;		/* loaded with kexec_file_load() */
	enum parker_state state;	/* changed by parker_set_state() only */
	/* What runs without parker_mutex and keeps it as it is, or NULL. */
	const char *busy;
	enum parker_policy on_crash, on_reboot;
	unsigned int start_count;	/* starts of the loaded image */
	unsigned int restart_count;
	unsigned long restarts[PARKER_RESTART_BURST];	/* jiffies */
	u64 since;			/* boottime seconds of the last change */
	char crash[256];		/* its last panic message */
	char reason[160];		/* why it is in its state, for humans */
	u64 audit_past;			/* audit violations of earlier starts */
	struct iommu_domain *dma_domain;	/* while confined (iommu.c) */
	atomic64_t dma_faults;		/* by its devices, since it was made */
	u64 dma_faults_seen;		/* by the monitor */
	bool stop_on_dma_fault;		/* on_dma_fault: stop, or only log */
	u64 heartbeat[PARKER_REC_CPUS];	/* last value seen ... */
	unsigned long heartbeat_at[PARKER_REC_CPUS];	/* ... and when */

	/* kernfs lifetime, as resctrl does it */
	struct kernfs_node *kn;
	atomic_t waitcount;
	bool deleted;
};

extern struct mutex parker_mutex;
extern struct list_head parker_partitions;
extern struct cpumask parker_held_cpus;

/* last_cmd.c: why the last change failed, for humans. */
bool parker_last_cmd_set(void);
void parker_last_cmd_clear(void);
const char *parker_last_cmd_str(void);
__printf(2, 3) void parker_fail(struct parker_partition *p, const char *fmt, ...);

/* ownership.c: pure checks, no side effects (KUnit-tested). */
bool parker_name_valid(const char *name);
bool parker_cpulist_strict(const char *s);
int parker_mem_size_check(u64 size, char *why, size_t len);
int parker_parse_bdf(const char *s, unsigned int *domain, unsigned int *bus,
		     unsigned int *devfn);

struct parker_cpu_request {
	const struct cpumask *want;	/* the new set */
	const struct cpumask *present;	/* CPUs that exist */
	const int *owner;		/* partition id per CPU, 0 = boot kernel */
	int self;			/* id of the partition asking */
	bool smt_split;			/* allow splitting SMT siblings */
	/* a key shared by SMT siblings (the core's APIC id bits) */
	u32 (*core_key)(unsigned int cpu);
};

int parker_cpus_check(const struct parker_cpu_request *req, char *why,
		      size_t len);
int parker_cpu_count_check(unsigned int n, char *why, size_t len);
int parker_devices_check(unsigned int nr_devs, unsigned int nr_segments,
			 bool new_segment, char *why, size_t len);

/* pool.c */
int parker_pool_search(const int *area_nid, int nr, int nid, int *order);
int parker_pool_alloc(int nid, phys_addr_t size, phys_addr_t *base, int *pool);
int parker_pool_alloc_ranges(int nid, phys_addr_t size, phys_addr_t first,
			     struct parker_memory *m);
void parker_pool_release(int pool, phys_addr_t base, phys_addr_t size);
extern u32 parker_fault_wipe_ms;
phys_addr_t parker_pool_total(void);
phys_addr_t parker_pool_asked(void);
bool parker_pool_rejected(void);
phys_addr_t parker_pool_free(void);
phys_addr_t parker_pool_free_for(int nid, phys_addr_t *largest);

/* cpu.c */
extern int parker_cpu_owner[NR_CPUS];
int parker_cpus_assign(struct parker_partition *p, const struct cpumask *want);
int __init parker_cpu_guard_init(void);

/* device.c */
int parker_device_add(struct parker_partition *p, unsigned int domain,
		      unsigned int bus, unsigned int devfn);
int parker_device_take(struct parker_partition *p, unsigned int domain,
		       unsigned int bus, unsigned int devfn,
		       struct list_head *gone);
void parker_devices_take(struct parker_partition *p, struct list_head *gone);
void parker_devices_return(struct parker_partition *p, struct list_head *gone);
u64 parker_device_count_fault(int domain, u8 bus, u8 devfn, char *name,
			      size_t len);
int __init parker_device_init(void);

/* iommu.c */
int parker_iommu_confine(struct parker_partition *p);
void parker_iommu_release(struct parker_partition *p);
const char *parker_iommu_describe(struct parker_partition *p);

/* state.c: the stored state, its transitions, the one guard. */
enum parker_change {
	PARKER_CHANGE_CPUS,
	PARKER_CHANGE_MEMORY,
	PARKER_CHANGE_DEVICES,
	PARKER_CHANGE_IMAGE,
	PARKER_CHANGE_DESTROY,
};

const char *parker_state_name(enum parker_state state);
bool parker_state_allowed(enum parker_state from, enum parker_state to);
int parker_set_state(struct parker_partition *p, enum parker_state to);
void parker_state_from_holdings(struct parker_partition *p);
bool parker_partition_active(const struct parker_partition *p);
int parker_partition_frozen(struct parker_partition *p);
int parker_may_change(struct parker_partition *p, enum parker_change what);
__printf(2, 3) void parker_set_reason(struct parker_partition *p,
				      const char *fmt, ...);

/* partition.c */
static inline void *parker_ctl(const struct parker_partition *p,
			       unsigned long off)
{
	return phys_to_virt(p->mem_base + off);
}

/* What a kernel may use of @p's memory: all of it but the control area. */
static inline phys_addr_t parker_usable_base(const struct parker_partition *p)
{
	return p->mem_base + PARKER_CTL_SIZE;
}

static inline phys_addr_t parker_usable_size(const struct parker_partition *p)
{
	return p->mem_size - PARKER_CTL_SIZE;
}

/* All of @p's memory, in every range. */
static inline phys_addr_t parker_mem_total(const struct parker_partition *p)
{
	phys_addr_t total = p->mem_size;
	int i;

	for (i = 0; i < p->nr_mem_more; i++)
		total += p->mem_more[i].size;
	return total;
}

/* @p's memory ranges into @m, the kernel's range at 0; none if it has none. */
static inline void parker_memory_of(const struct parker_partition *p,
				    struct parker_memory *m)
{
	int i;

	m->nr = 0;
	if (!p->mem_size)
		return;
	m->r[0].base = p->mem_base;
	m->r[0].size = p->mem_size;
	m->r[0].pool = p->mem_pool;
	m->nr = 1;
	for (i = 0; i < p->nr_mem_more; i++)
		m->r[m->nr++] = p->mem_more[i];
}

struct parker_partition *parker_partition_create(const char *name);
void parker_partition_remove(struct parker_partition *p);
int parker_partition_set_cpus(struct parker_partition *p,
			      const struct cpumask *want);
int parker_memory_assign(struct parker_partition *p,
			 const struct parker_mem_ask *ask);
void parker_memory_take(struct parker_partition *p, struct parker_memory *m);
void parker_memory_give_back(const struct parker_memory *m);
int parker_partition_add_device(struct parker_partition *p,
				unsigned int domain, unsigned int bus,
				unsigned int devfn);
int parker_partition_remove_device(struct parker_partition *p,
				   unsigned int domain, unsigned int bus,
				   unsigned int devfn);
void parker_busy_begin(struct parker_partition *p, const char *why);
void parker_busy_end(struct parker_partition *p);

/* init.c */
bool parker_active(void);

/* halt.c: taking a partition's CPUs and devices back from its kernel. */
void parker_record_crash(struct parker_partition *p);
void parker_partition_down(struct parker_partition *p, enum parker_state state);
bool parker_partition_settle(struct parker_partition *p);

/*
 * shared_read.c: what a partition writes, read as hostile input.  A status
 * page whose header or state is not valid reads as PARKER_APP_CORRUPTED.
 */
#define PARKER_APP_CORRUPTED	U32_MAX
u32 parker_status_state(const struct parker_partition *p, char *why,
			size_t len);
u64 parker_status_audit(const struct parker_partition *p);
void parker_status_message(const struct parker_partition *p, char *buf,
			   size_t len);
ssize_t parker_ring_read(const struct parker_partition *p, char *buf,
			 u64 *head, char *why, size_t len);
u64 parker_ring_head(const struct parker_partition *p);
size_t parker_ring_capacity(void);

/* loader.c */
extern u64 parker_fault_misplace;

/* record.c */
extern u32 parker_fault_bad_record;
int parker_record_write(struct parker_partition *p);

/* handoff.c, handoff_entry.S */
extern const char parker_handoff_entry[];
extern const char parker_handoff_halt[];
extern const char parker_wait_loop[];
extern const char parker_wait_loop_end[];
void __noreturn parker_wait_again(u64 cr3, u64 wait_loop, u64 slot);

int parker_handoff_enter(struct parker_partition *p, unsigned int cpu,
			 u64 entry, u64 boot_params);
void parker_handoff_reset(unsigned int cpu);
void parker_handoff_nmi(unsigned int cpu);
void parker_handoff_mailbox_init(struct parker_partition *p);
int parker_handoff_wait(struct parker_partition *p, unsigned int cpu, int slot);
int parker_handoff_prove_stopped(struct parker_partition *p, unsigned int cpu);
extern u32 parker_fault_cpu_proof;

/* instance.c, instance_status.c, instance_console.c */
const struct parker_record *parker_instance_record(void);
void __init parker_status_setup(void);
void __init parker_status_page_init(void);
void __init parker_console_ring_init(void);
struct parker_status *parker_instance_status(void);
struct parker_ring *parker_instance_ring(void);

/* audit.c */
void __init parker_audit_start(void);
void parker_audit_status_ready(struct parker_status *st);
void __init parker_audit_debugfs_init(void);

/* instance_hostile.c */
#ifdef CONFIG_PARKER_HOSTILE_TEST
void __init parker_hostile_init(void);
#else
static inline void parker_hostile_init(void) { }
#endif

/* instance_smp.c */
void __init parker_instance_smp_init(const struct parker_record *record);
void __init parker_mailbox_map(void);

/* lifecycle.c */
int parker_partition_start(struct parker_partition *p);
int parker_partition_force_stop(struct parker_partition *p);
int parker_partition_stop(struct parker_partition *p);
int parker_partition_restart(struct parker_partition *p);
int parker_partition_destroy(struct parker_partition *p);

/* kdump.c */
int parker_kdump_check_start(struct parker_partition *p);

extern u64 parker_audit_destroyed;
u64 parker_audit_count(struct parker_partition *p);

/* monitor.c */
bool parker_restart_window(unsigned long *restarts, unsigned long now);
void parker_monitor_kick(void);
unsigned long parker_heartbeat_age_ms(struct parker_partition *p);
int __init parker_monitor_init(void);

/* pagetable.c: map the 2 MiB page at @va to @pa, with tables from @alloc. */
typedef void *(*parker_pt_alloc_t)(void *ctx, phys_addr_t *pa);
int parker_map_2m(u64 *top, u64 va, u64 pa, parker_pt_alloc_t alloc,
		  void *ctx);

#endif /* _ARCH_X86_PARKER_PARKER_H */
