# SPDX-License-Identifier: GPL-2.0
# What an application kernel does decides its partition's state, and none
# of it ever resets or powers off the machine: poweroff and halt stop it,
# reboot restarts it or stops it as on_reboot says, a panic crashes it with
# its message kept, a hard hang (LKDTM HARDLOCKUP) makes it unresponsive.
# A graceful stop is a power-button press, forced when the kernel does not
# go in time; a force-stop first sends every CPU an NMI that takes it out of
# VMX operation; restart starts the loaded image
# again; on_crash restart restarts it by itself, within a limit.  Its
# console stays readable throughout.  A kernel that dies before its console
# works (no memory: mem=4M) is unresponsive once a minute has passed
# without it reaching init.
# It runs with audit mode off, as operators run.
# smp: 5
# cmdline: parker_pool=1G
# timeout: 900
# audit: off
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

parker_mount
uptime0=$(cut -d. -f1 /proc/uptime)
state() { cat $PFS/web/state; }
state_is() { test "$(state)" = "$1"; }

# Started first, looked at last: the minute runs meanwhile.
parkerctl create mute --cpus 4 --memory 64M
parkerctl load mute --kernel $K --initrd $I --cmdline "$AUDIT console=ttyS0,115200 mem=4M"
echo start > $PFS/mute/command

# go WORKLOAD [options]: a fresh partition running WORKLOAD.
go() {
	parkerctl destroy web --force 2> /dev/null
	w=$1
	shift
	app_run web "$w" --cpus 1-2 --memory 256M --device 0000:00:03.0 "$@"
}

ok_if "poweroff: start" go poweroff
ok_if "poweroff: stopped" wait_for 60 state_is stopped
ok_if "poweroff: its log shows the power off" grep -q "reboot: Power down" $PFS/web/console
ok_if "poweroff: parkerctl log shows it too" sh -c "parkerctl log web | grep -q 'reboot: Power down'"
ok_if "poweroff: as a power off, not a halt" sh -c "! grep -q 'System halted instead' $PFS/web/console"
ok_if "its kernel ran without audit mode" sh -c "grep -q 'instance mode' $PFS/web/console && ! grep -q 'audit mode' $PFS/web/console"
is "poweroff: its CPUs stay with it" "$(cat /sys/devices/system/cpu/online)" 0,3

ok_if "halt: start" go halt
ok_if "halt: stopped" wait_for 60 state_is stopped
ok_if "halt: its log shows the halt" grep -q "reboot: System halted" $PFS/web/console

ok_if "reboot with on_reboot stop" go reboot --on-reboot stop
ok_if "reboot: stopped, as on_reboot says" wait_for 60 state_is stopped

ok_if "reboot with on_reboot restart (the default)" go reboot-once
ok_if "reboot: started again, and running" wait_for 120 \
	sh -c "grep -q 'start 2: running' $PFS/web/console && test \$(cat $PFS/web/state) = running"

ok_if "panic: start" go panic
ok_if "panic: crashed" wait_for 60 state_is crashed
is "panic: the message is kept" "$(cat $PFS/web/crash)" "sysrq triggered crash"
ok_if "panic: the console is readable after the crash" \
	grep -q "Kernel panic - not syncing: sysrq triggered crash" $PFS/web/console
ok_if "panic: parkerctl show prints the crash" sh -c "parkerctl show web | grep -q 'last crash: sysrq triggered crash'"
parkerctl log web --follow > /tmp/follow 2>&1 &
follow=$!
ok_if "log --follow: the crash is in it" wait_for 30 grep -q "sysrq triggered crash" /tmp/follow
ok_if "panic: parkerctl restart" parkerctl restart web --wait 120
ok_if "log --follow: marks the restart and goes on with the new kernel's output" \
	wait_for 60 sh -c "grep -A 1000 -- '--- restarted ---' /tmp/follow | grep -q 'start 2: running'"
kill -TERM $follow
wait $follow
is "log --follow: SIGTERM ends it with success" "$?" 0
is "panic: running again" "$(state)" running
is "panic: one restart counted" "$(cat $PFS/web/restart_count)" 1

ok_if "hang: start" go hang
ok_if "hang: unresponsive within a few seconds" wait_for 60 state_is unresponsive
ok_if "hang: the boot kernel's log says so" sh -c "dmesg | grep -q 'web: heartbeat lost: unresponsive'"
ok_if "hang: parkerctl show gives the heartbeat age" sh -c "parkerctl show web | grep -q '^heartbeat: *[0-9]* ms ago'"
ok_if "hang: force-stop" parkerctl stop web --force
is "hang: stopped" "$(state)" stopped
# Before INIT, each CPU gets an NMI that makes it leave VMX operation (INIT
# is blocked in VMX root mode): even the CPU that spins with interrupts off.
ok_if "hang: both CPUs, the hung one too, halted on the stop NMI before INIT" \
	sh -c "dmesg | grep -q 'web: 2 of 2 CPUs left VMX operation and halted on the stop NMI'"

ok_if "graceful stop: start an idle kernel" go idle
ok_if "graceful stop: parkerctl stop" parkerctl stop web --timeout 120
is "graceful stop: stopped" "$(state)" stopped
ok_if "graceful stop: it powered off by itself, orderly" \
	grep -q "the boot kernel asks for a poweroff" $PFS/web/console

ok_if "stop that times out: start a kernel whose init ignores the request" go deaf
parkerctl stop web --timeout 5 > /tmp/o 2>&1
rc=$?
is "stop that times out: forced, and it succeeds" "$rc $(state)" "0 stopped"
ok_if "stop that times out: parkerctl says it forced it" \
	grep -q "parkerctl: web: did not stop within 5 s; forcing" /tmp/o

ok_if "start an idle kernel" go idle
ok_if "destroy refuses a running partition" sh -c "! parkerctl destroy web"
ok_if "destroy --force stops it first" parkerctl destroy web --force
ok_if "on_crash restart: a kernel that panics at every start" go panic --on-crash restart
ok_if "on_crash restart: restarted by itself" \
	wait_for 120 sh -c "test \$(cat $PFS/web/restart_count) -ge 2"
ok_if "on_crash restart: at most 5 times a minute, then left crashed" wait_for 300 \
	sh -c "test \$(cat $PFS/web/state) = crashed && dmesg | grep -q 'web: crashed 6 times within 60 s'"
is "on_crash restart: 5 restarts counted" "$(cat $PFS/web/restart_count)" 5

ok_if "on_reboot restart: a kernel that reboots at every start" go reboot
ok_if "on_reboot restart: restarted by itself" \
	wait_for 120 sh -c "test \$(cat $PFS/web/restart_count) -ge 2"
ok_if "on_reboot restart: at most 5 times a minute, then stopped" wait_for 300 \
	sh -c "test \$(cat $PFS/web/state) = stopped && grep -q 'rebooted 6 times within 60 s' $PFS/web/reason"
is "on_reboot restart: 5 restarts counted, as for crashes" "$(cat $PFS/web/restart_count)" 5
ok_if "on_reboot restart: the boot kernel's log says why it stopped" \
	sh -c "dmesg | grep -q 'web: rebooted 6 times within 60 s'"
ok_if "on_reboot restart: parkerctl show gives the reason" \
	sh -c "parkerctl show web | grep -q '^reason: *rebooted 6 times within 60 s'"
ok_if "on_reboot restart: and show --json" \
	sh -c "parkerctl show web --json | grep -q '\"reason\": \"rebooted 6 times within 60 s'"

ok_if "a kernel that never reaches init: unresponsive after a minute" \
	wait_for 120 sh -c "test \$(cat $PFS/mute/state) = unresponsive"
ok_if "... and the boot kernel's log says why" \
	sh -c "dmesg | grep -q 'mute: its kernel did not reach init within 60 s: unresponsive'"
is "... it has no heartbeat to give the age of" "$(cat $PFS/mute/heartbeat_age_ms)" -
ok_if "... a graceful stop is refused, saying why" \
	sh -c "parkerctl stop mute > /tmp/o 2>&1; test \$? = 1 &&
		grep -q 'is unresponsive: it cannot act on a request: force-stop it' /tmp/o"
ok_if "... force-stop takes it down" parkerctl stop mute --force
ok_if "... and destroy gives everything back" parkerctl destroy mute
ok_if "the boot kernel was never reset" test "$(cut -d. -f1 /proc/uptime)" -ge "$uptime0"
ok_if "destroy" parkerctl destroy web
is "all CPUs back" "$(cat /sys/devices/system/cpu/online)" 0-4
tap_done
