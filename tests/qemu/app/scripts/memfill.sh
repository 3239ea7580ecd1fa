# SPDX-License-Identifier: GPL-2.0
# Fill 80% of MemTotal with a pattern and verify it.
. /app/lib.sh
total=$(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo)
mb=$((total * 8 / 10 / 1024))
if memfill "$mb" 42 > /tmp/memfill.out 2>&1; then
	result memfill ok mb=$mb memtotal_kb=$total
else
	result memfill fail "$(tail -1 /tmp/memfill.out)"
fi
