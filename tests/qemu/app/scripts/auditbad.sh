# SPDX-License-Identifier: GPL-2.0
# Touch machine-wide hardware on purpose (audit mode must catch each).
. /app/lib.sh
mount -t debugfs debugfs /sys/kernel/debug
for what in pit broadcast foreign msr mce ins; do
	echo $what > /sys/kernel/debug/parker/audit_selftest || result audit fail $what
done
# Port access from user space would pass the audit: it is refused.
result ports "ioperm=$(errno-of ioperm 0x43) iopl=$(errno-of iopl 3)"
result audit done
