# SPDX-License-Identifier: GPL-2.0
# Hang the kernel's last CPU with interrupts off (LKDTM HARDLOCKUP), so
# that its heartbeat, and only its, stops.
. /app/lib.sh
last=$(sed 's/.*[-,]//' /sys/devices/system/cpu/online)
mount -t debugfs debugfs /sys/kernel/debug
result hanglast cpu=$last
taskset -c "$last" sh -c 'echo HARDLOCKUP > /sys/kernel/debug/provoke-crash/DIRECT'
