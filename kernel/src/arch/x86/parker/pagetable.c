// SPDX-License-Identifier: GPL-2.0
/*
 * Parker page tables: 2 MiB mappings in tables of Parker's own, for code
 * that runs before a kernel's page tables are in place: the hand-off of a
 * partition's first CPU (built by the boot kernel in the control area) and
 * a secondary CPU leaving its mailbox (built by the application kernel).
 * Each caller brings its own allocator of zeroed table pages.
 */
#include <linux/errno.h>
#include <linux/pgtable.h>

#include "parker.h"

int parker_map_2m(u64 *top, u64 va, u64 pa, parker_pt_alloc_t alloc,
		  void *ctx)
{
	int level = pgtable_l5_enabled() ? 5 : 4;
	u64 *table = top;

	for (; level > 2; level--) {
		unsigned int i = (va >> (12 + 9 * (level - 1))) & 511;

		if (!(table[i] & _PAGE_PRESENT)) {
			phys_addr_t next;

			if (!alloc(ctx, &next))
				return -ENOMEM;
			table[i] = next | _PAGE_PRESENT | _PAGE_RW;
		}
		table = phys_to_virt(table[i] & PTE_PFN_MASK);
	}
	table[(va >> PMD_SHIFT) & 511] = pa | _PAGE_PRESENT | _PAGE_RW | _PAGE_PSE;
	return 0;
}
