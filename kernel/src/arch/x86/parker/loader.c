// SPDX-License-Identifier: GPL-2.0
/*
 * Parker loader: the boot kernel's side of kexec_file_load() into a
 * partition (kernel/kexec_parker.c holds the generic part).
 *
 * It picks the partition named by the flags, confines every segment to the
 * partition's memory above its control area, and rewrites the boot_params
 * that the kernel's own bzImage loader (kexec-bzimage64.c) built: the e820
 * map lists exactly the partition's memory, nothing of the boot kernel's
 * firmware (ACPI, EFI, screen, EDD) is passed on, and the Parker record
 * heads the setup_data chain.  The record itself is filled in at start.
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/err.h>
#include <linux/ioport.h>
#include <linux/kexec.h>
#include <linux/mm.h>
#include <linux/parker.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <asm/bootparam.h>
#include <asm/e820/types.h>
#include <asm/parker.h>
#include <asm/setup.h>

#include "parker.h"

/*
 * One load into a partition, carried by the kimage (kimage->parker) from
 * parker_load_begin() to parker_load_end(): the partition, and why the
 * load failed, for parker_load_end() to report.  parker_mutex is not held
 * while the kernel reads the image files, which may take as long as their
 * file system likes: the partition is busy meanwhile, so that it stays as
 * it is and cannot go away.
 */
struct parker_load {
	struct parker_partition *p;
	/* A placement failed: -EADDRNOTAVAIL becomes a clear message. */
	bool no_room;
	char why[160];
};

static __printf(2, 3) void load_fail(struct parker_load *load,
				     const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vsnprintf(load->why, sizeof(load->why), fmt, args);
	va_end(args);
}

/* The command line must leave room for what the bzImage loader appends. */
#define PARKER_CMDLINE_MAX	(COMMAND_LINE_SIZE - 48)

static struct parker_partition *find_by_id(unsigned int id)
{
	struct parker_partition *p;

	list_for_each_entry(p, &parker_partitions, list)
		if (p->id == id)
			return p;
	return NULL;
}

static int check_loadable(struct parker_partition *p, unsigned long flags,
			  unsigned long cmdline_len)
{
	int ret;

	parker_partition_settle(p);
	ret = parker_may_change(p, PARKER_CHANGE_IMAGE);
	if (ret)
		return ret;
	if (flags & KEXEC_FILE_UNLOAD)
		return 0;
	if (cpumask_empty(&p->cpus)) {
		parker_fail(p, "has no CPU: assign CPUs before loading");
		return -EINVAL;
	}
	if (!p->mem_size) {
		parker_fail(p, "has no memory: assign memory before loading");
		return -EINVAL;
	}
	if (cmdline_len > PARKER_CMDLINE_MAX) {
		parker_fail(p, "command line of %lu bytes: at most %d",
			    cmdline_len, PARKER_CMDLINE_MAX);
		return -E2BIG;
	}
	return 0;
}

/*
 * Find the partition and mark it busy: until parker_load_end(), nothing it
 * holds can change and it cannot start or go away.  The load, or an
 * ERR_PTR().
 */
struct parker_load *parker_load_begin(unsigned long flags,
				      unsigned long cmdline_len)
{
	unsigned int id = KEXEC_FILE_PARKER_ID_OF(flags);
	struct parker_partition *p;
	struct parker_load *load;
	int ret;

	load = kzalloc(sizeof(*load), GFP_KERNEL);
	if (!load)
		return ERR_PTR(-ENOMEM);
	mutex_lock(&parker_mutex);
	parker_last_cmd_clear();
	p = find_by_id(id);
	if (!p) {
		parker_fail(NULL, "kexec_file_load: no partition with id %u", id);
		ret = -ENOENT;
		goto out;
	}
	ret = check_loadable(p, flags, cmdline_len);
	if (ret)
		goto out;
	/*
	 * Without CONFIG_KEXEC_SIG kexec_file_load() verifies nothing and asks
	 * lockdown nothing: a locked-down kernel must not start an image it
	 * cannot verify in a partition either.
	 */
	if (!(flags & KEXEC_FILE_UNLOAD) && !IS_ENABLED(CONFIG_KEXEC_SIG) &&
	    security_locked_down(LOCKDOWN_KEXEC)) {
		parker_fail(p,
			    "locked down: without CONFIG_KEXEC_SIG no image can be verified");
		ret = -EPERM;
		goto out;
	}
	p->busy = "an image is being loaded into it";
	load->p = p;
out:
	mutex_unlock(&parker_mutex);
	if (ret) {
		kfree(load);
		return ERR_PTR(ret);
	}
	return load;
}

/*
 * The load is over: on success *@image (NULL to unload) becomes the
 * partition's and *@image is set to the one it replaces, for the caller
 * to free.  Returns the errno to give user space.
 */
int parker_load_end(struct parker_load *load, int ret, struct kimage **image)
{
	struct parker_partition *p = load->p;

	/* The load ends here: the image no longer points to it. */
	if (*image)
		(*image)->parker = NULL;
	mutex_lock(&parker_mutex);
	if (ret == -EADDRNOTAVAIL && load->no_room) {
		parker_fail(p, "the image does not fit in the partition's %lluM of memory",
			    (u64)parker_usable_size(p) >> 20);
		ret = -EFBIG;
	} else if (ret && load->why[0]) {
		parker_fail(p, "%s", load->why);
	} else if (ret == -ENOEXEC) {
		parker_fail(p, "not a bzImage the kernel's loader accepts");
	} else if (ret == -EPERM && IS_ENABLED(CONFIG_KEXEC_SIG)) {
		/* kimage_validate_signature(): only lockdown refuses this way. */
		parker_fail(p,
			    "locked down: the image has no signature that a trusted key verifies");
	} else if (ret) {
		parker_fail(p, "kexec_file_load failed (%d)", ret);
	} else {
		*image = xchg(&p->image, *image);
		pr_info("%s: image %s\n", p->name, p->image ? "loaded" : "unloaded");
		/* A new image: its counts start again. */
		p->start_count = 0;
		p->restart_count = 0;
		p->crash[0] = '\0';
		p->reason[0] = '\0';
		memset(p->restarts, 0, sizeof(p->restarts));
		parker_state_from_holdings(p);
	}
	p->busy = NULL;
	mutex_unlock(&parker_mutex);
	kfree(load);
	return ret;
}

/* Every segment must lie in the partition's usable memory; say so if not. */
int parker_load_check(struct kimage *image)
{
	struct parker_load *load = image->parker;
	phys_addr_t lo = parker_usable_base(load->p);
	phys_addr_t hi = lo + parker_usable_size(load->p);
	unsigned long i;

	for (i = 0; i < image->nr_segments; i++) {
		struct kexec_segment *seg = &image->segment[i];

		if (seg->mem < lo || seg->mem + seg->memsz > hi) {
			load_fail(load, "segment %lu at %#lx outside the partition",
				  i, seg->mem);
			return -EFAULT;
		}
	}
	return 0;
}

/*
 * Fault injection (debugfs): a physical address whose memory kexec is
 * offered instead of the partition's, to show that parker_load_check()
 * refuses segments outside the partition.  0: off.
 */
u64 parker_fault_misplace;

/* kexec's search for free memory sees only the partition's usable memory. */
int parker_kexec_walk_mem(struct kexec_buf *kbuf,
			  int (*func)(struct resource *, void *))
{
	struct resource res = {
		.name = "Parker partition",
		.flags = IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY,
	};
	struct parker_load *load = kbuf->image->parker;
	int ret;

	res.start = parker_fault_misplace ?: parker_usable_base(load->p);
	res.end = res.start + parker_usable_size(load->p) - 1;
	ret = func(&res, kbuf);
	if (ret != 1)
		load->no_room = true;
	return ret;
}

static int check_image(struct parker_load *load, struct kimage *image)
{
	struct setup_header *hdr;
	unsigned long setup_size, payload;

	hdr = (struct setup_header *)(image->kernel_buf +
				      offsetof(struct boot_params, hdr));
	setup_size = ((hdr->setup_sects ?: 4) + 1) * 512;
	payload = (unsigned long)hdr->syssize * 16;
	if (setup_size + payload > image->kernel_buf_len) {
		load_fail(load, "the bzImage is truncated: %lu of %lu bytes",
			  image->kernel_buf_len, setup_size + payload);
		return -ENOEXEC;
	}
	if (!strnstr(image->kernel_buf, PARKER_INSTANCE_MAGIC, setup_size)) {
		load_fail(load, "the kernel in this bzImage has no Parker instance mode");
		return -ENOEXEC;
	}
	return 0;
}

static void add_e820(struct boot_params *params, u64 addr, u64 size, u32 type)
{
	struct boot_e820_entry *e = &params->e820_table[params->e820_entries++];

	e->addr = addr;
	e->size = size;
	e->type = type;
}

/*
 * Called by the bzImage loader once it has built @params: make them
 * describe the partition and nothing else.  Parker's fields are set last,
 * after the loader copied the boot kernel's own values.
 */
int parker_setup_boot_params(struct kimage *image, struct boot_params *params)
{
	struct parker_load *load = image->parker;
	struct parker_partition *p = load->p;
	struct parker_setup *setup;
	int i, ret;

	ret = check_image(load, image);
	if (ret)
		return ret;

	params->hdr.hardware_subarch = X86_SUBARCH_PC;
	memset(&params->screen_info, 0, sizeof(params->screen_info));
	memset(&params->efi_info, 0, sizeof(params->efi_info));
	memset(&params->apm_bios_info, 0, sizeof(params->apm_bios_info));
	memset(params->eddbuf, 0, sizeof(params->eddbuf));
	memset(params->edd_mbr_sig_buffer, 0, sizeof(params->edd_mbr_sig_buffer));
	params->eddbuf_entries = 0;
	params->edd_mbr_sig_buf_entries = 0;
	params->acpi_rsdp_addr = 0;
	params->alt_mem_k = 0;

	params->e820_entries = 0;
	add_e820(params, p->mem_base, PARKER_CTL_SIZE, E820_TYPE_RESERVED);
	add_e820(params, parker_usable_base(p), parker_usable_size(p),
		 E820_TYPE_RAM);
	for (i = 0; i < p->nr_mem_more; i++)
		add_e820(params, p->mem_more[i].base, p->mem_more[i].size,
			 E820_TYPE_RAM);

	/* The record heads the chain; the loader's entries (RNG seed) follow. */
	setup = phys_to_virt(p->mem_base + PARKER_CTL_RECORD);
	memset(setup, 0, sizeof(*setup));
	setup->type = SETUP_PARKER;
	setup->len = sizeof(setup->rec);
	setup->next = params->hdr.setup_data;
	params->hdr.setup_data = p->mem_base + PARKER_CTL_RECORD;
	return 0;
}
