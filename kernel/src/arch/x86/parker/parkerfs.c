// SPDX-License-Identifier: GPL-2.0
/*
 * The Parker file system, mounted on /sys/fs/parker: the management
 * interface of the boot kernel, modelled on resctrl.
 *
 *   info/            the pool, free CPUs, and why the last change failed
 *   NAME/            one directory per partition: mkdir makes it, rmdir
 *                    gives everything it holds back to the boot kernel
 *
 * One value per file.  Any change needs CAP_SYS_ADMIN; a refused change
 * returns an errno, logs one line and leaves the reason in
 * info/last_cmd_status.
 *
 * The tree lives as long as the kernel, not the mount: partitions keep
 * running when the file system is unmounted.
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/capability.h>
#include <linux/cpumask.h>
#include <linux/fs.h>
#include <linux/fs_context.h>
#include <linux/init.h>
#include <linux/kernfs.h>
#include <linux/kexec.h>
#include <linux/kobject.h>
#include <linux/mm.h>
#include <linux/nodemask.h>
#include <linux/overflow.h>
#include <linux/pci.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/sysfs.h>
#include <linux/user_namespace.h>

#include <asm/parker.h>

#include "parker.h"

#define PARKER_SUPER_MAGIC	0x7061726b	/* "park" */
#define PARKER_FS_VERSION	1

static struct kernfs_root *parker_root;
static struct kernfs_node *root_kn;
static struct kernfs_node *info_kn;

/* Any change needs CAP_SYS_ADMIN; reading is for everyone. */
static bool may_change(struct parker_partition *p)
{
	if (capable(CAP_SYS_ADMIN))
		return true;
	parker_fail(p, "changes need CAP_SYS_ADMIN");
	return false;
}

/* --- info/ --- */

static int info_last_cmd_status(struct seq_file *m)
{
	seq_puts(m, parker_last_cmd_set() ? parker_last_cmd_str() : "ok");
	seq_putc(m, '\n');
	return 0;
}

static int info_pool_size(struct seq_file *m)
{
	seq_printf(m, "%llu\n", (u64)parker_pool_total());
	return 0;
}

static int info_pool_asked(struct seq_file *m)
{
	seq_printf(m, "%llu\n", (u64)parker_pool_asked());
	return 0;
}

static int info_pool_free(struct seq_file *m)
{
	seq_printf(m, "%llu\n", (u64)parker_pool_free());
	return 0;
}

/* One line per area: name, node, base, size, free. */
static int info_pools(struct seq_file *m)
{
	int i;

	for (i = 0; i < parker_nr_pools; i++) {
		struct parker_pool *pool = &parker_pools[i];

		seq_printf(m, "parker%d %d %pa %llu %llu\n", i, pool->nid,
			   &pool->base, (u64)pool->size, (u64)pool->free);
	}
	return 0;
}

static int info_cpus_available(struct seq_file *m)
{
	cpumask_var_t free;

	if (!alloc_cpumask_var(&free, GFP_KERNEL))
		return -ENOMEM;
	cpumask_andnot(free, cpu_present_mask, &parker_held_cpus);
	cpumask_clear_cpu(0, free);
	seq_printf(m, "%*pbl\n", cpumask_pr_args(free));
	free_cpumask_var(free);
	return 0;
}

/* Audit violations of all application kernels since boot. */
static int info_audit_violations(struct seq_file *m)
{
	struct parker_partition *p;
	u64 n = parker_audit_destroyed;

	list_for_each_entry(p, &parker_partitions, list)
		n += parker_audit_count(p);
	seq_printf(m, "%llu\n", n);
	return 0;
}

static int info_version(struct seq_file *m)
{
	seq_printf(m, "%d\n", PARKER_FS_VERSION);
	return 0;
}

struct info_file {
	const char *name;
	int (*show)(struct seq_file *m);
};

static const struct info_file info_files[] = {
	{ "last_cmd_status",	info_last_cmd_status },
	{ "pool_size",		info_pool_size },
	{ "pool_asked",		info_pool_asked },
	{ "pool_free",		info_pool_free },
	{ "pools",		info_pools },
	{ "cpus_available",	info_cpus_available },
	{ "version",		info_version },
	{ "audit_violations",	info_audit_violations },
};

static int info_seq_show(struct seq_file *m, void *arg)
{
	struct kernfs_open_file *of = m->private;
	const struct info_file *f = of->kn->priv;
	int ret;

	mutex_lock(&parker_mutex);
	ret = f->show(m);
	mutex_unlock(&parker_mutex);
	return ret;
}

static const struct kernfs_ops info_ops = {
	.seq_show = info_seq_show,
};

/* --- partition directories --- */

/*
 * Pin a partition for a file operation or rmdir and take parker_mutex.
 * Active protection is broken so that rmdir can remove the directory
 * while others wait for the mutex; a partition removed meanwhile comes
 * back as NULL.  Always pair with partition_put().
 */
static struct parker_partition *partition_get(struct kernfs_node *kn,
					      struct parker_partition *p)
{
	atomic_inc(&p->waitcount);
	kernfs_break_active_protection(kn);
	mutex_lock(&parker_mutex);
	return p->deleted ? NULL : p;
}

static void partition_put(struct kernfs_node *kn, struct parker_partition *p)
{
	bool free = false;

	mutex_unlock(&parker_mutex);
	kernfs_unbreak_active_protection(kn);
	if (atomic_dec_and_mutex_lock(&p->waitcount, &parker_mutex)) {
		free = p->deleted;
		mutex_unlock(&parker_mutex);
	}
	if (free) {
		kernfs_put(p->kn);
		kfree(p);
	}
}

static int show_id(struct parker_partition *p, struct seq_file *m)
{
	seq_printf(m, "%d\n", p->id);
	return 0;
}

static int show_state(struct parker_partition *p, struct seq_file *m)
{
	seq_printf(m, "%s\n", parker_state_name(p->state));
	return 0;
}

static int show_cpus(struct parker_partition *p, struct seq_file *m)
{
	seq_printf(m, "%*pbl\n", cpumask_pr_args(&p->cpus));
	return 0;
}

static int write_cpus(struct parker_partition *p, char *buf)
{
	cpumask_var_t want;
	int ret;

	if (!zalloc_cpumask_var(&want, GFP_KERNEL))
		return -ENOMEM;
	ret = parker_cpulist_strict(buf) ? cpulist_parse(buf, want) : -EINVAL;
	if (ret == -ERANGE) {
		parker_fail(p, "'%s' names a CPU that does not exist", buf);
		ret = -ENODEV;
	} else if (ret) {
		parker_fail(p, "'%s' is not a CPU list like 1-3,5", buf);
		ret = -EINVAL;
	} else {
		ret = parker_partition_set_cpus(p, want);
	}
	free_cpumask_var(want);
	return ret;
}

/* The APIC ids of its CPUs, in the order of the cpus list. */
static int show_apic_ids(struct parker_partition *p, struct seq_file *m)
{
	unsigned int cpu;
	bool first = true;

	for_each_cpu(cpu, &p->cpus) {
		seq_printf(m, "%s%u", first ? "" : " ", cpu_physical_id(cpu));
		first = false;
	}
	seq_putc(m, '\n');
	return 0;
}

static int show_smt_split(struct parker_partition *p, struct seq_file *m)
{
	seq_printf(m, "%d\n", p->smt_split);
	return 0;
}

static int write_smt_split(struct parker_partition *p, char *buf)
{
	bool allow;

	if (kstrtobool(buf, &allow)) {
		parker_fail(p, "smt_split takes 0 or 1, not '%s'", buf);
		return -EINVAL;
	}
	p->smt_split = allow;
	return 0;
}

/* SIZE@BASE of each range, the one the kernel starts in first. */
static int show_memory(struct parker_partition *p, struct seq_file *m)
{
	int i;

	if (!p->mem_size) {
		seq_puts(m, "0\n");
		return 0;
	}
	seq_printf(m, "%llu@%pa", (u64)p->mem_size, &p->mem_base);
	for (i = 0; i < p->nr_mem_more; i++)
		seq_printf(m, ",%llu@%pa", (u64)p->mem_more[i].size,
			   &p->mem_more[i].base);
	seq_putc(m, '\n');
	return 0;
}

/* One NODE:SIZE of a memory write, into @ask. */
static int parse_node_size(struct parker_partition *p, char *item,
			   struct parker_mem_ask *ask)
{
	char *colon = strchr(item, ':'), *end;
	unsigned int nid;
	u64 size;
	int i;

	if (!colon) {
		parker_fail(p, "'%s' is not NODE:SIZE", item);
		return -EINVAL;
	}
	*colon = '\0';
	size = memparse(colon + 1, &end);
	if (kstrtouint(item, 10, &nid) || end == colon + 1 || *end) {
		parker_fail(p, "'%s:%s' is not NODE:SIZE (a node, a size)",
			    item, colon + 1);
		return -EINVAL;
	}
	if (nid >= MAX_NUMNODES || !node_online(nid)) {
		parker_fail(p, "node %u is not online", nid);
		return -EINVAL;
	}
	for (i = 0; i < ask->nr; i++) {
		if (ask->nid[i] == nid) {
			parker_fail(p, "node %u is listed twice", nid);
			return -EINVAL;
		}
	}
	if (ask->nr == PARKER_REC_MEM) {
		parker_fail(p, "more than %d nodes listed: the record describes %d memory ranges",
			    PARKER_REC_MEM, PARKER_REC_MEM);
		return -E2BIG;
	}
	if (check_add_overflow(ask->total, size, &ask->total)) {
		parker_fail(p, "the sizes listed add up to more than 64 bits hold");
		return -EINVAL;
	}
	ask->nid[ask->nr] = nid;
	ask->size[ask->nr++] = size;
	return 0;
}

/* SIZE, spread over the CPUs' nodes, or NODE:SIZE[,NODE:SIZE...]. */
static int write_memory(struct parker_partition *p, char *buf)
{
	struct parker_mem_ask ask = { };
	char *item, *end;
	int ret;

	if (!strchr(buf, ':')) {
		ask.total = memparse(buf, &end);
		if (end == buf || *end) {
			parker_fail(p, "'%s' is not a size (bytes, K, M, G) nor NODE:SIZE,...",
				    buf);
			return -EINVAL;
		}
		return parker_memory_assign(p, &ask);
	}
	while ((item = strsep(&buf, ","))) {
		ret = parse_node_size(p, item, &ask);
		if (ret)
			return ret;
	}
	return parker_memory_assign(p, &ask);
}

static int show_memory_node(struct parker_partition *p, struct seq_file *m)
{
	seq_printf(m, "%d\n", p->mem_size ? parker_pools[p->mem_pool].nid :
		   NUMA_NO_NODE);
	return 0;
}

static int show_devices(struct parker_partition *p, struct seq_file *m)
{
	struct parker_device *d;

	list_for_each_entry(d, &p->devices, list)
		seq_printf(m, "%s\n", pci_name(d->pdev));
	return 0;
}

/* "+DDDD:BB:DD.F" or "DDDD:BB:DD.F" adds a device, "-DDDD:BB:DD.F" removes. */
static int write_devices(struct parker_partition *p, char *buf)
{
	unsigned int domain, bus, devfn;
	bool remove = buf[0] == '-';
	char *addr = buf;

	if (buf[0] == '+' || buf[0] == '-')
		addr++;
	if (parker_parse_bdf(addr, &domain, &bus, &devfn)) {
		parker_fail(p, "'%s' is not +DDDD:BB:DD.F (add) or -DDDD:BB:DD.F (remove)",
			    buf);
		return -EINVAL;
	}
	if (remove)
		return parker_partition_remove_device(p, domain, bus, devfn);
	return parker_partition_add_device(p, domain, bus, devfn);
}

/*
 * The application kernel's console ring, oldest byte first, copied out of
 * the partition before it is shown.  A ring its kernel scribbled over is
 * shown as one line that says so.
 */
static int show_console(struct parker_partition *p, struct seq_file *m)
{
	char why[96];
	ssize_t n;
	char *buf;
	u64 head;

	if (!p->mem_size)
		return 0;
	buf = kvmalloc(parker_ring_capacity(), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	n = parker_ring_read(p, buf, &head, why, sizeof(why));
	if (n < 0) {
		pr_warn_ratelimited("%s: %s\n", p->name, why);
		seq_printf(m, "[parker: %s]\n", why);
	} else {
		seq_write(m, buf, n);
	}
	kvfree(buf);
	return 0;
}

static int show_console_head(struct parker_partition *p, struct seq_file *m)
{
	seq_printf(m, "%llu\n", p->mem_size ? parker_ring_head(p) : 0);
	return 0;
}

/* The loaded image: its kernel's size and its command line. */
static int show_image_size(struct parker_partition *p, struct seq_file *m)
{
	seq_printf(m, "%lu\n", p->image ? p->image->kernel_buf_len : 0);
	return 0;
}

static int show_cmdline(struct parker_partition *p, struct seq_file *m)
{
	if (p->image && p->image->cmdline_buf)
		seq_printf(m, "%.*s", (int)p->image->cmdline_buf_len, p->image->cmdline_buf);
	seq_putc(m, '\n');
	return 0;
}

static int show_audit_violations(struct parker_partition *p, struct seq_file *m)
{
	seq_printf(m, "%llu\n", parker_audit_count(p));
	return 0;
}

/* A kernel that started is the monitor's to watch from now on. */
static int watched(int ret)
{
	if (!ret)
		parker_monitor_kick();
	return ret;
}

/* Write-only: what to do with the partition. */
static int write_command(struct parker_partition *p, char *buf)
{
	if (!strcmp(buf, "start"))
		return watched(parker_partition_start(p));
	if (!strcmp(buf, "stop"))
		return parker_partition_stop(p);
	if (!strcmp(buf, "force-stop"))
		return parker_partition_force_stop(p);
	if (!strcmp(buf, "restart"))
		return watched(parker_partition_restart(p));
	parker_fail(p, "unknown command '%s': start, stop, force-stop or restart", buf);
	return -EINVAL;
}

static const char *const policy_names[] = {
	[PARKER_POLICY_STOP]	= "stop",
	[PARKER_POLICY_RESTART]	= "restart",
};

static int write_policy(struct parker_partition *p, char *buf,
			enum parker_policy *policy, const char *file)
{
	int i = sysfs_match_string(policy_names, buf);

	if (i < 0) {
		parker_fail(p, "%s takes stop or restart, not '%s'", file, buf);
		return -EINVAL;
	}
	*policy = i;
	return 0;
}

static int show_on_crash(struct parker_partition *p, struct seq_file *m)
{
	seq_printf(m, "%s\n", policy_names[p->on_crash]);
	return 0;
}

static int write_on_crash(struct parker_partition *p, char *buf)
{
	return write_policy(p, buf, &p->on_crash, "on_crash");
}

static int show_on_reboot(struct parker_partition *p, struct seq_file *m)
{
	seq_printf(m, "%s\n", policy_names[p->on_reboot]);
	return 0;
}

static int write_on_reboot(struct parker_partition *p, char *buf)
{
	return write_policy(p, buf, &p->on_reboot, "on_reboot");
}

static int show_on_dma_fault(struct parker_partition *p, struct seq_file *m)
{
	seq_puts(m, p->stop_on_dma_fault ? "stop\n" : "log\n");
	return 0;
}

static int write_on_dma_fault(struct parker_partition *p, char *buf)
{
	if (strcmp(buf, "log") && strcmp(buf, "stop")) {
		parker_fail(p, "on_dma_fault takes log or stop, not '%s'", buf);
		return -EINVAL;
	}
	p->stop_on_dma_fault = !strcmp(buf, "stop");
	return 0;
}

/* Whether an IOMMU keeps its devices' DMA in its memory. */
static int show_dma(struct parker_partition *p, struct seq_file *m)
{
	seq_printf(m, "%s\n", parker_iommu_describe(p));
	return 0;
}

static int show_dma_faults(struct parker_partition *p, struct seq_file *m)
{
	seq_printf(m, "%llu\n", (u64)atomic64_read(&p->dma_faults));
	return 0;
}

static int show_restart_count(struct parker_partition *p, struct seq_file *m)
{
	seq_printf(m, "%u\n", p->restart_count);
	return 0;
}

static int show_crash(struct parker_partition *p, struct seq_file *m)
{
	/* The monitor may not have seen the crash yet. */
	parker_record_crash(p);
	seq_printf(m, "%s\n", p->crash);
	return 0;
}

static int show_reason(struct parker_partition *p, struct seq_file *m)
{
	seq_printf(m, "%s\n", p->reason);
	return 0;
}

static int show_heartbeat_age(struct parker_partition *p, struct seq_file *m)
{
	enum parker_state state = p->state;
	unsigned long age = parker_heartbeat_age_ms(p);

	/* A kernel that never reached init has no heartbeat to age. */
	if ((state == PARKER_STATE_RUNNING || state == PARKER_STATE_UNRESPONSIVE) &&
	    age != ULONG_MAX)
		seq_printf(m, "%lu\n", age);
	else
		seq_puts(m, "-\n");
	return 0;
}

static int show_started_at(struct parker_partition *p, struct seq_file *m)
{
	if (p->since)
		seq_printf(m, "%llu\n", p->since);
	else
		seq_puts(m, "-\n");
	return 0;
}

struct partition_file {
	const char *name;
	umode_t mode;
	int (*show)(struct parker_partition *p, struct seq_file *m);
	int (*write)(struct parker_partition *p, char *buf);
};

static const struct partition_file partition_files[] = {
	{ "id",		 0444, show_id,		NULL },
	{ "state",	 0444, show_state,	NULL },
	{ "cpus",	 0644, show_cpus,	write_cpus },
	{ "apic_ids",	 0444, show_apic_ids,	NULL },
	{ "smt_split",	 0644, show_smt_split,	write_smt_split },
	{ "memory",	 0644, show_memory,	write_memory },
	{ "memory_node", 0444, show_memory_node, NULL },
	{ "devices",	 0644, show_devices,	write_devices },
	{ "command",	 0200, NULL,		write_command },
	{ "console",	 0444, show_console,	NULL },
	{ "console_head", 0444, show_console_head, NULL },
	{ "image_size",	 0444, show_image_size,	NULL },
	{ "audit_violations", 0444, show_audit_violations, NULL },
	{ "cmdline",	 0444, show_cmdline,	NULL },
	{ "on_crash",	 0644, show_on_crash,	write_on_crash },
	{ "on_reboot",	 0644, show_on_reboot,	write_on_reboot },
	{ "on_dma_fault", 0644, show_on_dma_fault, write_on_dma_fault },
	{ "dma",	 0444, show_dma,	NULL },
	{ "dma_faults",	 0444, show_dma_faults,	NULL },
	{ "restart_count", 0444, show_restart_count, NULL },
	{ "crash",	 0444, show_crash,	NULL },
	{ "reason",	 0444, show_reason,	NULL },
	{ "heartbeat_age_ms", 0444, show_heartbeat_age, NULL },
	{ "started_at",	 0444, show_started_at,	NULL },
};

static int partition_seq_show(struct seq_file *m, void *arg)
{
	struct kernfs_open_file *of = m->private;
	const struct partition_file *f = of->kn->priv;
	struct parker_partition *p;
	int ret = -ENOENT;

	p = partition_get(of->kn, of->kn->parent->priv);
	if (p)
		ret = f->show ? f->show(p, m) : -EINVAL;
	partition_put(of->kn, of->kn->parent->priv);
	return ret;
}

static ssize_t partition_write(struct kernfs_open_file *of, char *buf,
			       size_t nbytes, loff_t off)
{
	const struct partition_file *f = of->kn->priv;
	struct parker_partition *p;
	int ret = -ENOENT;

	p = partition_get(of->kn, of->kn->parent->priv);
	if (!p)
		goto out;
	parker_last_cmd_clear();
	if (!may_change(p)) {
		ret = -EPERM;
		goto out;
	}
	ret = f->write(p, strim(buf));
out:
	partition_put(of->kn, of->kn->parent->priv);
	return ret ?: nbytes;
}

static const struct kernfs_ops partition_ops = {
	.seq_show = partition_seq_show,
	.write = partition_write,
	.atomic_write_len = PAGE_SIZE,
};

static int add_files(struct kernfs_node *dir)
{
	struct kernfs_node *kn;
	int i;

	for (i = 0; i < ARRAY_SIZE(partition_files); i++) {
		const struct partition_file *f = &partition_files[i];

		kn = __kernfs_create_file(dir, f->name, f->mode,
					  GLOBAL_ROOT_UID, GLOBAL_ROOT_GID, 0,
					  &partition_ops, (void *)f, NULL, NULL);
		if (IS_ERR(kn))
			return PTR_ERR(kn);
	}
	return 0;
}

static int parker_mkdir(struct kernfs_node *parent, const char *name,
			umode_t mode)
{
	struct parker_partition *p;
	struct kernfs_node *kn;
	int ret;

	mutex_lock(&parker_mutex);
	parker_last_cmd_clear();
	ret = -EPERM;
	if (!may_change(NULL))
		goto out;
	if (parent != root_kn) {
		parker_fail(NULL, "%s: partitions are made at the top of /sys/fs/parker only",
			    name);
		goto out;
	}
	ret = -EINVAL;
	if (!parker_name_valid(name)) {
		parker_fail(NULL, "'%s' is not a partition name: 1 to %d of a-z 0-9 _ -",
			    name, PARKER_NAME_MAX);
		goto out;
	}
	p = parker_partition_create(name);
	if (IS_ERR(p)) {
		ret = PTR_ERR(p);
		goto out;
	}
	kn = kernfs_create_dir(root_kn, name, 0755, p);
	if (IS_ERR(kn)) {
		ret = PTR_ERR(kn);
		if (ret == -EEXIST)
			parker_fail(NULL, "%s: a partition of that name exists", name);
		goto destroy;
	}
	p->kn = kn;
	/* Keep the node for partition_put(), which may run after removal. */
	kernfs_get(kn);
	ret = add_files(kn);
	if (ret)
		goto remove;
	kernfs_activate(kn);
	mutex_unlock(&parker_mutex);
	return 0;
remove:
	kernfs_remove(kn);
	kernfs_put(kn);
destroy:
	parker_partition_destroy(p);
	kfree(p);
out:
	mutex_unlock(&parker_mutex);
	return ret;
}

static int parker_rmdir(struct kernfs_node *kn)
{
	struct parker_partition *p = kn->priv;
	int ret = -ENOENT;

	if (kn->parent != root_kn || kn == info_kn)
		return -EPERM;
	if (!partition_get(kn, p))
		goto out;
	parker_last_cmd_clear();
	ret = -EPERM;
	if (!may_change(p))
		goto out;
	ret = parker_partition_destroy(p);
	if (ret)
		goto out;
	p->deleted = true;
	kernfs_remove(p->kn);
out:
	partition_put(kn, p);
	return ret;
}

static struct kernfs_syscall_ops parker_syscall_ops = {
	.mkdir = parker_mkdir,
	.rmdir = parker_rmdir,
};

/* --- the file system type --- */

static int parker_get_tree(struct fs_context *fc)
{
	if (!parker_root && parker_pool_asked()) {
		pr_notice("management is off: parker_pool= asked for %lluM, and none of it could be reserved at boot (see the parker_pool line of the boot log)\n",
			  (u64)parker_pool_asked() >> 20);
		return -EOPNOTSUPP;
	}
	if (!parker_root && parker_pool_rejected()) {
		pr_notice("management is off: parker_pool= was not understood and nothing was reserved (see the parker_pool line of the boot log)\n");
		return -EOPNOTSUPP;
	}
	if (!parker_root) {
		pr_notice("management is off: this kernel was booted without parker_pool=SIZE\n");
		return -EOPNOTSUPP;
	}
	return kernfs_get_tree(fc);
}

static void parker_fs_context_free(struct fs_context *fc)
{
	struct kernfs_fs_context *kfc = fc->fs_private;

	kernfs_free_fs_context(fc);
	kfree(kfc);
}

static const struct fs_context_operations parker_context_ops = {
	.free		= parker_fs_context_free,
	.get_tree	= parker_get_tree,
};

static int parker_init_fs_context(struct fs_context *fc)
{
	struct kernfs_fs_context *kfc;

	kfc = kzalloc(sizeof(*kfc), GFP_KERNEL);
	if (!kfc)
		return -ENOMEM;
	kfc->root = parker_root;
	kfc->magic = PARKER_SUPER_MAGIC;
	fc->fs_private = kfc;
	fc->ops = &parker_context_ops;
	put_user_ns(fc->user_ns);
	fc->user_ns = get_user_ns(&init_user_ns);
	fc->global = true;
	return 0;
}

static struct file_system_type parker_fs_type = {
	.name			= "parker",
	.init_fs_context	= parker_init_fs_context,
	.kill_sb		= kernfs_kill_sb,
};

static int __init create_tree(void)
{
	struct kernfs_node *kn;
	int i;

	parker_root = kernfs_create_root(&parker_syscall_ops,
					 KERNFS_ROOT_CREATE_DEACTIVATED |
					 KERNFS_ROOT_EXTRA_OPEN_PERM_CHECK, NULL);
	if (IS_ERR(parker_root))
		return PTR_ERR(parker_root);
	root_kn = kernfs_root_to_node(parker_root);

	info_kn = kernfs_create_dir(root_kn, "info", 0555, NULL);
	if (IS_ERR(info_kn))
		return PTR_ERR(info_kn);
	for (i = 0; i < ARRAY_SIZE(info_files); i++) {
		kn = __kernfs_create_file(info_kn, info_files[i].name, 0444,
					  GLOBAL_ROOT_UID, GLOBAL_ROOT_GID, 0,
					  &info_ops, (void *)&info_files[i],
					  NULL, NULL);
		if (IS_ERR(kn))
			return PTR_ERR(kn);
	}
	kernfs_activate(root_kn);
	return 0;
}

static int __init parker_fs_init(void)
{
	int ret;

	/* An application kernel manages nothing but itself. */
	if (parker_instance())
		return 0;
	ret = sysfs_create_mount_point(fs_kobj, "parker");
	if (ret)
		return ret;
	ret = register_filesystem(&parker_fs_type);
	if (ret)
		return ret;
	if (!parker_nr_pools) {
		pr_info("no pool (parker_pool=): partition management is off\n");
		return 0;
	}
	/* parker_init() said why when it failed. */
	if (!parker_active())
		return 0;
	ret = create_tree();
	if (ret) {
		pr_err("cannot start partition management: %d\n", ret);
		if (!IS_ERR_OR_NULL(parker_root))
			kernfs_destroy_root(parker_root);
		parker_root = NULL;
		return ret;
	}
	pr_info("partition management on /sys/fs/parker, pool %lluM\n",
		(u64)parker_pool_total() >> 20);
	return 0;
}
device_initcall(parker_fs_init);
