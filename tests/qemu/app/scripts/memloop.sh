# SPDX-License-Identifier: GPL-2.0
# Hold a pattern in half of MemTotal and verify it again and again; each
# pass is reported in the kernel log ("memfill: pass N ok").
. /app/lib.sh
total=$(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo)
memfill --loop $((total / 2 / 1024)) 7
result memloop fail "$?"
