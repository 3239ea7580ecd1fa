# SPDX-License-Identifier: GPL-2.0
# A partition whose CPU is not proven back after a stop is quarantined: its
# memory, devices and CPUs are handed to no one, whatever is asked, until a
# force-stop finds every CPU back.  The proof is made to fail by fault
# injection (/sys/kernel/debug/parker/fail_cpu_proof), as a CPU in VMX root
# operation, which blocks INIT, would make it fail.
# smp: 4
# cmdline: parker_pool=512M
# timeout: 600
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

parker_mount
F=/sys/kernel/debug/parker/fail_cpu_proof
ok_if "q runs on CPUs 2-3" app_run q idle --cpus 2-3 --memory 128M --device 0000:00:03.0
free0=$(cat $PFS/info/pool_free)
# A knob refuses what is no number, and says which knob in the log.
expect_errno "the knob refuses 'one'" EINVAL write $F one
ok_if "and the log names the knob" sh -c \
	"dmesg | grep -q \"parker: debugfs fail_cpu_proof: 'one' is no number from 0 to 4294967295\""
expect_errno "and a number too big for it" EINVAL write $F 0x100000000
is "the knob is unchanged" "$(cat $F)" 0
echo 1 > $F
ok_if "force-stop fails: a CPU is not proven back" sh -c "! parkerctl stop q --force 2> /tmp/err"
ok_if "parkerctl says it is quarantined" grep -q "quarantined" /tmp/err
is "q: quarantined" "$(cat $PFS/q/state)" quarantined
ok_if "q: the reason names the CPU ($(cat $PFS/q/reason))" \
	grep -q "CPU 2 (APIC 2) did not come back after INIT" $PFS/q/reason
ok_if "parkerctl show gives it" sh -c "parkerctl show q | grep -q '^reason: *CPU 2'"
before=$(snapshot)
expect_errno "destroy is refused" EBUSY rmdir $PFS/q
expect_errno "its memory cannot change" EBUSY write $PFS/q/memory 64M
expect_errno "its CPUs cannot change" EBUSY write $PFS/q/cpus 2
expect_errno "its devices cannot change" EBUSY write $PFS/q/devices -0000:00:03.0
expect_errno "it cannot start" EBUSY write $PFS/q/command start
is "its memory stays out of the pool" "$(cat $PFS/info/pool_free)" "$free0"
is "its CPUs stay offline" "$(cat /sys/devices/system/cpu/online)" 0-1
parkerctl destroy q > /tmp/d 2>&1
rc=$?
ok_if "parkerctl destroy fails with exit status 1 and says why ($(cat /tmp/d))" \
	sh -c "test $rc = 1 && grep -q 'is quarantined' /tmp/d"
is "nothing changed" "$(snapshot)" "$before"
ok_if "a second force-stop finds every CPU back" parkerctl stop q --force
is "q: stopped" "$(cat $PFS/q/state)" stopped
ok_if "the boot kernel logged both" sh -c "dmesg | grep -q 'q: quarantined' && dmesg | grep -q 'q: every CPU came back'"
ok_if "destroy q" parkerctl destroy q
is "its CPUs are back online" "$(cat /sys/devices/system/cpu/online)" 0-3
ok_if "its memory is back in the pool" test "$(cat $PFS/info/pool_free)" -gt "$free0"
tap_done
