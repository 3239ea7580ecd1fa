// SPDX-License-Identifier: GPL-2.0
/*
 * Parker DMA confinement: while a partition's kernel may run, its devices
 * sit in an IOMMU domain of the partition that maps exactly the
 * partition's memory, each page at its own address.  The application
 * kernel gives its devices physical addresses, as it would with no IOMMU,
 * and never touches the IOMMU; the boot kernel owns it.  A DMA anywhere
 * else faults, and the fault is counted against the partition.
 *
 * The domain is made at start, before any CPU enters the partition, and
 * goes only once the partition is quiesced: its CPUs proven back and its
 * devices' bus mastering off.  A quarantined partition keeps it.  Groups
 * are claimed as VFIO claims them, so no boot-kernel driver can bind to a
 * device of a claimed group meanwhile; the placeholder driver does no DMA
 * and says so (driver_managed_dma).
 *
 * Without an IOMMU, or with DMA remapping off, a partition's devices can
 * write anywhere: the partition is "unconfined", and says so.
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/iommu.h>
#include <linux/parker.h>
#include <linux/pci.h>

#include "parker.h"

/* Whether every device of @p is behind an IOMMU that translates it. */
static bool translated(struct parker_partition *p)
{
	struct parker_device *d;

	list_for_each_entry(d, &p->devices, list)
		if (d->removed || !device_iommu_mapped(&d->pdev->dev))
			return false;
	return !list_empty(&p->devices);
}

/* What kernfs "dma" says about @p. */
const char *parker_iommu_describe(struct parker_partition *p)
{
	lockdep_assert_held(&parker_mutex);
	if (list_empty(&p->devices))
		return "none";
	return translated(p) ? "confined" : "unconfined";
}

static int map_memory(struct parker_partition *p, struct iommu_domain *dom)
{
	struct parker_memory m;
	int i, ret;

	parker_memory_of(p, &m);
	for (i = 0; i < m.nr; i++) {
		ret = iommu_map(dom, m.r[i].base, m.r[i].base, m.r[i].size,
				IOMMU_READ | IOMMU_WRITE, GFP_KERNEL);
		if (ret) {
			parker_fail(p, "its memory at %pa did not map in its IOMMU domain (%d)",
				    &m.r[i].base, ret);
			return ret;
		}
	}
	return 0;
}

struct group_check {
	struct parker_partition *p;
	struct parker_device *d;	/* the device whose group it is */
};

/* Every device of the group must be @p's: a domain takes a whole group. */
static int in_partition(struct device *dev, void *data)
{
	struct group_check *gc = data;
	struct parker_device *o;

	list_for_each_entry(o, &gc->p->devices, list)
		if (&o->pdev->dev == dev)
			return 0;
	parker_fail(gc->p, "%s shares an IOMMU group with %s, which it does not hold",
		    pci_name(gc->d->pdev), dev_name(dev));
	return -EBUSY;
}

/* Put @d's group in @p's domain, unless another device of @p did. */
static int attach(struct parker_partition *p, struct parker_device *d)
{
	struct iommu_group *group = iommu_group_get(&d->pdev->dev);
	struct group_check gc = { .p = p, .d = d };
	struct parker_device *o;
	int ret;

	list_for_each_entry(o, &p->devices, list) {
		if (o != d && o->group == group) {
			iommu_group_put(group);
			return 0;
		}
	}
	ret = iommu_group_for_each_dev(group, &gc, in_partition);
	if (ret) {
		iommu_group_put(group);
		return ret;
	}
	ret = iommu_group_claim_dma_owner(group, p);
	if (ret)
		goto put;
	ret = iommu_attach_group(p->dma_domain, group);
	if (ret) {
		iommu_group_release_dma_owner(group);
		goto put;
	}
	d->group = group;
	return 0;
put:
	parker_fail(p, "%s could not join its IOMMU domain (%d)",
		    pci_name(d->pdev), ret);
	iommu_group_put(group);
	return ret;
}

/* Back to the boot kernel's domains; only once @p is quiesced. */
void parker_iommu_release(struct parker_partition *p)
{
	struct parker_device *d;

	lockdep_assert_held(&parker_mutex);
	if (!p->dma_domain)
		return;
	list_for_each_entry(d, &p->devices, list) {
		if (!d->group)
			continue;
		iommu_detach_group(p->dma_domain, d->group);
		iommu_group_release_dma_owner(d->group);
		iommu_group_put(d->group);
		d->group = NULL;
	}
	iommu_domain_free(p->dma_domain);
	p->dma_domain = NULL;
}

/*
 * Before @p's kernel starts: its devices in a domain of its memory, or
 * nothing changed and an error.  Unconfined partitions start as before.
 */
int parker_iommu_confine(struct parker_partition *p)
{
	struct parker_device *d;
	struct iommu_domain *dom;
	int ret;

	lockdep_assert_held(&parker_mutex);
	if (p->dma_domain || !translated(p))
		return 0;
	d = list_first_entry(&p->devices, struct parker_device, list);
	dom = iommu_paging_domain_alloc(&d->pdev->dev);
	if (IS_ERR(dom)) {
		parker_fail(p, "no IOMMU domain for %s (%ld)", pci_name(d->pdev),
			    PTR_ERR(dom));
		return PTR_ERR(dom);
	}
	p->dma_domain = dom;
	ret = map_memory(p, dom);
	list_for_each_entry(d, &p->devices, list) {
		if (ret)
			break;
		ret = attach(p, d);
	}
	if (ret)
		parker_iommu_release(p);
	return ret;
}

/*
 * The IOMMU driver's fault handler: hard interrupt context, any CPU.  The
 * partition's count goes up here; the log line is rate-limited; the
 * monitor applies on_dma_fault.
 */
void parker_dma_fault(int segment, u16 source_id, u64 addr, bool write)
{
	char name[PARKER_NAME_MAX + 1];
	u64 n;

	n = parker_device_count_fault(segment, PCI_BUS_NUM(source_id),
				      source_id & 0xff, name, sizeof(name));
	if (!n)
		return;
	pr_err_ratelimited("%s: DMA %s fault by %04x:%02x:%02x.%d at %#llx (%llu so far)\n",
			   name, write ? "write" : "read", segment,
			   PCI_BUS_NUM(source_id), PCI_SLOT(source_id),
			   PCI_FUNC(source_id), addr, n);
}
