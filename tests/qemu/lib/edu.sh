# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Helpers for scenarios that aim QEMU's edu device ("# edu: yes": 00:0d.0)
# with edudma (tests/qemu/tools/edudma.c).

EDU=0000:00:0d.0

# edu_page FILE: the physical address of the page "edudma hold" reports in FILE.
edu_page() {
	sed -n 's/.*edudma: holding page at \(0x[0-9a-f]*\).*/\1/p' "$1" | tail -1
}

# edu_passes FILE PHYS: how many times the holder of PHYS found it intact.
edu_passes() {
	grep -c "edudma: page at $2 intact" "$1"
}

# edu_looked_after FILE PHYS N: the holder of PHYS looked at it twice more
# than the N passes it had reported (so after whatever came in between),
# or found it changed.
edu_looked_after() {
	wait_for 60 sh -c "test \$(grep -c 'edudma: page at $2 intact' $1) -ge $(($3 + 2)) || grep -q 'edudma: page at $2 CHANGED' $1"
}
