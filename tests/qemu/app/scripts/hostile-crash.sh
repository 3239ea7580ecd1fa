# SPDX-License-Identifier: GPL-2.0
# A hostile kernel crashes with an unterminated message full of control
# characters (CONFIG_PARKER_HOSTILE_TEST).
. /app/lib.sh
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
echo crash > /sys/kernel/debug/parker_hostile
result hostile-crash fail still here
