# SPDX-License-Identifier: GPL-2.0
# Touch machine-wide hardware on purpose (audit mode must catch each).
. /app/lib.sh
mount -t debugfs debugfs /sys/kernel/debug
for what in pit broadcast foreign msr; do
	echo $what > /sys/kernel/debug/parker/audit_selftest || result audit fail $what
done
result audit done
