// SPDX-License-Identifier: GPL-2.0
/*
 * Parker devices: taking PCI functions away from the boot kernel and giving
 * them back.
 *
 * An assigned function is unbound from its boot-kernel driver and bound to
 * the "parker" placeholder driver instead, whose probe does nothing.  While
 * it is bound no other driver can take the device: rescans, hotplug events
 * and driver_override with drivers_probe all find a device that already
 * has a driver, and the placeholder offers no unbind file.  The placeholder
 * refuses every device no partition holds, so it never takes anything else.
 * Giving a device back resets it (FLR where it has one) and lets the boot
 * kernel's drivers probe it again.
 *
 * The boot kernel can still remove a held device (sysfs "remove") and find
 * it again (a rescan), which makes a new pci_dev at the same address.  So
 * devices are held by address, and the placeholder takes such a pci_dev
 * as it is found.  It is asked before the boot kernel's drivers: it
 * registers at fs_initcall (parker_init()), before their device initcalls.
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/blkdev.h>
#include <linux/console.h>
#include <linux/device.h>
#include <linux/list.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/tty.h>
#include <linux/tty_driver.h>

#include "parker.h"

static struct pci_dev *holding;	/* the device being bound, parker_mutex */

/*
 * Every device any partition holds.  A lock of its own: the PCI core calls
 * the placeholder's probe and remove with locks that
 * parker_mutex nests outside of, and the IOMMU's fault interrupt looks
 * devices up.
 */
static LIST_HEAD(held_devices);
static DEFINE_SPINLOCK(held_lock);

static bool at_address(const struct parker_device *d, struct pci_dev *pdev)
{
	return d->domain == pci_domain_nr(pdev->bus) &&
	       d->bus == pdev->bus->number && d->devfn == pdev->devfn;
}

static bool held_by_partition(struct pci_dev *pdev)
{
	struct parker_device *d;
	unsigned long flags;
	bool held = false;

	spin_lock_irqsave(&held_lock, flags);
	list_for_each_entry(d, &held_devices, held)
		held |= at_address(d, pdev);
	spin_unlock_irqrestore(&held_lock, flags);
	return held;
}

static int placeholder_probe(struct pci_dev *pdev,
			     const struct pci_device_id *id)
{
	/* The bind that parker_device_add() does itself. */
	if (pdev == READ_ONCE(holding))
		return 0;
	if (!held_by_partition(pdev))
		return -ENODEV;
	pr_warn("%s came back while a partition holds it: held again\n",
		pci_name(pdev));
	return 0;
}

/* The boot kernel removes a device a partition holds: it stays held. */
static void placeholder_remove(struct pci_dev *pdev)
{
	struct parker_device *d;
	unsigned long flags;
	bool held = false;

	spin_lock_irqsave(&held_lock, flags);
	list_for_each_entry(d, &held_devices, held) {
		if (d->pdev == pdev) {
			d->removed = true;
			held = true;
		}
	}
	spin_unlock_irqrestore(&held_lock, flags);
	if (held)
		pr_warn("%s removed while a partition holds it: it stays with the partition\n",
			pci_name(pdev));
}

static const struct pci_device_id placeholder_ids[] = {
	{ PCI_DEVICE(PCI_ANY_ID, PCI_ANY_ID) },
	{ }
};

static struct pci_driver placeholder_driver = {
	.name		= "parker",
	.id_table	= placeholder_ids,
	.probe		= placeholder_probe,
	.remove		= placeholder_remove,
	.driver.suppress_bind_attrs = true,
	/* It does no DMA, so a partition's IOMMU domain can take the group. */
	.driver_managed_dma = true,
};

static bool dev_is_under(struct device *dev, struct device *top)
{
	for (; dev; dev = dev->parent)
		if (dev == top)
			return true;
	return false;
}

static int mounted_under(struct device *dev, void *data)
{
	struct block_device *bdev = dev_to_bdev(dev);

	/* Mounted file systems hold their block device exclusively. */
	return dev_is_under(dev, data) && READ_ONCE(bdev->bd_holder);
}

static bool console_under(struct pci_dev *pdev)
{
	struct console *con;
	bool found = false;
	int cookie;

	cookie = console_srcu_read_lock();
	for_each_console_srcu(con) {
		struct tty_driver *drv;
		struct device *tty;
		int index;

		if (!(console_srcu_read_flags(con) & CON_ENABLED) || !con->device)
			continue;
		drv = con->device(con, &index);
		if (!drv)
			continue;
		tty = class_find_device_by_devt(&tty_class,
						MKDEV(drv->major, drv->minor_start) + index);
		if (!tty)
			continue;
		found = dev_is_under(tty, &pdev->dev);
		put_device(tty);
		if (found)
			break;
	}
	console_srcu_read_unlock(cookie);
	return found;
}

/* Can the boot kernel give @pdev up?  0, or an errno with the reason. */
static int check_device(struct parker_partition *p, struct pci_dev *pdev)
{
	if ((pdev->class >> 16) == PCI_BASE_CLASS_BRIDGE || pci_is_bridge(pdev)) {
		parker_fail(p, "%s is a bridge: bridges stay with the boot kernel",
			    pci_name(pdev));
		return -EINVAL;
	}
	if (held_by_partition(pdev)) {
		parker_fail(p, "%s already belongs to a partition", pci_name(pdev));
		return -EBUSY;
	}
	if (console_under(pdev)) {
		parker_fail(p, "%s is the boot kernel's console", pci_name(pdev));
		return -EBUSY;
	}
	if (class_for_each_device(&block_class, NULL, &pdev->dev, mounted_under)) {
		parker_fail(p, "%s holds a mounted file system or an open disk",
			    pci_name(pdev));
		return -EBUSY;
	}
	return 0;
}

/* Index of @segment in @segs[0..@n), or @n. */
static unsigned int segment_index(const int *segs, unsigned int n, int segment)
{
	unsigned int i;

	for (i = 0; i < n && segs[i] != segment; i++)
		;
	return i;
}

/* Room in the record for @pdev: a device slot, and its segment's. */
static int check_limits(struct parker_partition *p, struct pci_dev *pdev)
{
	int segs[PARKER_REC_ECAM];
	unsigned int n = 0, nr_segs = 0;
	struct parker_device *d;
	bool new_segment;
	char why[128];
	int ret;

	list_for_each_entry(d, &p->devices, list) {
		n++;
		if (segment_index(segs, nr_segs, d->domain) == nr_segs &&
		    nr_segs < ARRAY_SIZE(segs))
			segs[nr_segs++] = d->domain;
	}
	new_segment = segment_index(segs, nr_segs, pci_domain_nr(pdev->bus)) == nr_segs;
	ret = parker_devices_check(n, nr_segs, new_segment, why, sizeof(why));
	if (ret)
		parker_fail(p, "%s: %s", pci_name(pdev), why);
	return ret;
}

static struct pci_dev *find_device(struct parker_partition *p,
				   unsigned int domain, unsigned int bus,
				   unsigned int devfn)
{
	struct pci_dev *pdev = pci_get_domain_bus_and_slot(domain, bus, devfn);

	if (!pdev)
		parker_fail(p, "no PCI device %04x:%02x:%02x.%d", domain, bus,
			    PCI_SLOT(devfn), PCI_FUNC(devfn));
	return pdev;
}

int parker_device_add(struct parker_partition *p, unsigned int domain,
		      unsigned int bus, unsigned int devfn)
{
	struct parker_device *d;
	struct pci_dev *pdev;
	int ret;

	lockdep_assert_held(&parker_mutex);
	pdev = find_device(p, domain, bus, devfn);
	if (!pdev)
		return -ENODEV;
	ret = check_device(p, pdev);
	if (!ret)
		ret = check_limits(p, pdev);
	if (ret)
		goto put;
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d) {
		ret = -ENOMEM;
		goto put;
	}
	d->pdev = pdev;
	d->owner = p;
	d->domain = domain;
	d->bus = bus;
	d->devfn = devfn;
	if (pdev->dev.driver)
		strscpy(d->driver, pdev->dev.driver->name, sizeof(d->driver));

	device_release_driver(&pdev->dev);
	WRITE_ONCE(holding, pdev);
	ret = device_driver_attach(&placeholder_driver.driver, &pdev->dev);
	WRITE_ONCE(holding, NULL);
	if (ret) {
		parker_fail(p, "%s could not be detached (%d)", pci_name(pdev), ret);
		if (device_attach(&pdev->dev) < 0)
			pr_err("%s: %s lost its driver\n", p->name, pci_name(pdev));
		kfree(d);
		goto put;
	}
	list_add_tail(&d->list, &p->devices);
	spin_lock_irq(&held_lock);
	list_add_tail(&d->held, &held_devices);
	spin_unlock_irq(&held_lock);
	pr_info("%s: took %s from driver %s\n", p->name, pci_name(pdev),
		d->driver[0] ? d->driver : "(none)");
	return 0;
put:
	pci_dev_put(pdev);
	return ret;
}

/*
 * The pci_dev to give back: the held one, or for a device the boot kernel
 * removed meanwhile, the one a rescan found at its address, if any.
 */
static struct pci_dev *device_to_return(struct parker_device *d)
{
	if (!d->removed)
		return d->pdev;
	pci_dev_put(d->pdev);
	return pci_get_domain_bus_and_slot(d->domain, d->bus, d->devfn);
}

/*
 * Reset @d and let the boot kernel's drivers probe it: slow, so never
 * under parker_mutex; @d is already off @p's list.  It stays held, and
 * refused to other partitions, until it is back.
 */
static void give_back(struct parker_partition *p, struct parker_device *d)
{
	struct pci_dev *pdev;

	spin_lock_irq(&held_lock);
	list_del(&d->held);
	spin_unlock_irq(&held_lock);
	pdev = device_to_return(d);
	if (!pdev) {
		pr_info("%s: %04x:%02x:%02x.%d was removed meanwhile: nothing to return\n",
			p->name, d->domain, d->bus, PCI_SLOT(d->devfn),
			PCI_FUNC(d->devfn));
		kfree(d);
		return;
	}
	device_release_driver(&pdev->dev);
	/* Whatever the partition left in the device must not reach its driver. */
	if (pci_reset_function(pdev))
		pci_clear_master(pdev);
	if (device_attach(&pdev->dev) < 0)
		pr_err("%s: %s returned but no driver bound\n", p->name,
		       pci_name(pdev));
	pr_info("%s: returned %s to the boot kernel\n", p->name, pci_name(pdev));
	pci_dev_put(pdev);
	kfree(d);
}

/* Move @p's device at this address to @gone, for parker_devices_return(). */
int parker_device_take(struct parker_partition *p, unsigned int domain,
		       unsigned int bus, unsigned int devfn,
		       struct list_head *gone)
{
	struct parker_device *d;

	lockdep_assert_held(&parker_mutex);
	list_for_each_entry(d, &p->devices, list) {
		if (d->domain == domain && d->bus == bus && d->devfn == devfn) {
			list_move(&d->list, gone);
			return 0;
		}
	}
	parker_fail(p, "%04x:%02x:%02x.%d is not a device of this partition",
		    domain, bus, PCI_SLOT(devfn), PCI_FUNC(devfn));
	return -ENOENT;
}

/* Move every device of @p to @gone, for parker_devices_return(). */
void parker_devices_take(struct parker_partition *p, struct list_head *gone)
{
	lockdep_assert_held(&parker_mutex);
	list_splice_init(&p->devices, gone);
}

/* Give the devices of @gone back; without parker_mutex. */
void parker_devices_return(struct parker_partition *p, struct list_head *gone)
{
	struct parker_device *d, *tmp;

	list_for_each_entry_safe(d, tmp, gone, list) {
		list_del(&d->list);
		give_back(p, d);
	}
}

/*
 * A DMA fault by the device at this address: count it against the
 * partition that holds it and copy that partition's name into @name.
 * The count so far, or 0 if no partition holds the device.  Any context:
 * a partition lives while its devices are held.
 */
u64 parker_device_count_fault(int domain, u8 bus, u8 devfn, char *name,
			      size_t len)
{
	struct parker_device *d;
	unsigned long flags;
	u64 n = 0;

	spin_lock_irqsave(&held_lock, flags);
	list_for_each_entry(d, &held_devices, held) {
		if (d->domain != domain || d->bus != bus || d->devfn != devfn)
			continue;
		n = atomic64_inc_return(&d->owner->dma_faults);
		strscpy(name, d->owner->name, len);
		break;
	}
	spin_unlock_irqrestore(&held_lock, flags);
	return n;
}

int __init parker_device_init(void)
{
	return pci_register_driver(&placeholder_driver);
}
