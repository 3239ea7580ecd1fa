# SPDX-License-Identifier: GPL-2.0
# Audit mode catches an application kernel that touches machine-wide
# hardware: a port write to the PIT, a broadcast IPI, an IPI to a CPU of
# the boot kernel, a write to an MSR the boot kernel keeps, the clearing of
# a machine-check bank's status, string port input from the CMOS.  Each is
# counted, reported with a stack trace, and not carried out; the boot
# kernel and its timer keep going.  Port access from user space (ioperm,
# iopl), which the audit could not see, is refused.
# smp: 4
# cmdline: parker_pool=1G
# timeout: 300
# audit: violations expected
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

parker_mount
ok_if "run a partition that misbehaves on purpose" \
	app_run bad auditbad --cpus 1-2 --memory 256M --device 0000:00:03.0
r=$(app_result bad audit)
ok_if "its selftests ran ($r)" sh -c "echo '$r' | grep -q 'audit done'"
is "6 violations counted, one for each" "$(cat $PFS/bad/audit_violations)" 6
for what in "port write to 0x43" "broadcast IPI" "IPI to APIC 0, not a CPU of this partition" \
	"write to MSR 0x1fc" "write to MSR 0x40d" "port read of 0x71"; do
	ok_if "reported: $what, with a stack trace" sh -c \
		"grep -A40 'parker audit: $what' $PFS/bad/console | grep -q 'Call Trace'"
done
is "the boot kernel allows ioperm() and iopl()" "$(errno-of ioperm 0x43) $(errno-of iopl 3)" "OK OK"
is "an application kernel refuses them" "$(app_result bad ports)" "ports ioperm=EPERM iopl=EPERM"
ok_if "and says why in its log" grep -q "errno-of.*no port access from user space" $PFS/bad/console
is "it is still running" "$(cat $PFS/bad/state)" running
ok_if "the boot kernel's timer ticks on" sh -c 'a=$(grep LOC /proc/interrupts | tr -s " " | cut -d" " -f3); sleep 1; b=$(grep LOC /proc/interrupts | tr -s " " | cut -d" " -f3); test "$b" -gt "$a"'
is "the machine-wide total" "$(cat $PFS/info/audit_violations)" 6
ok_if "a well-behaved partition beside it counts none" \
	app_run good idle --cpus 3 --memory 128M --device 0000:00:04.0
is "none for it" "$(cat $PFS/good/audit_violations)" 0
parkerctl destroy bad --force
parkerctl destroy good --force
is "the total stays after destroy" "$(cat $PFS/info/audit_violations)" 6
tap_done
