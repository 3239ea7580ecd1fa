# SPDX-License-Identifier: GPL-2.0
# Soak: one partition is crashed (panic through sysrq), hung, powered off
# and rebooted in turn, 24 cycles in all, started again each time, while a
# second partition and the boot kernel hold memory patterns that must stay
# intact.  At the end the pool, the CPUs and the devices are exactly as
# before the first cycle, and the boot kernel logged no warning.
# smp: 4
# cmdline: parker_pool=1G
# timeout: 1800
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

# 24 cycles (six of each) take four minutes under TCG; 50 took eight.
CYCLES=${SOAK_CYCLES:-24}
parker_mount
start=$(snapshot)
memfill --loop 128 5 > /tmp/boot-loop 2>&1 &
bootloop=$!
ok_if "b holds a pattern" app_run b memloop --cpus 3 --memory 192M --device 0000:00:04.0
parkerctl create a --cpus 1-2 --memory 256M --device 0000:00:03.0

state_is() { test "$(cat $PFS/a/state)" = "$1"; }
bad=0
for i in $(seq 1 "$CYCLES"); do
	case $((i % 4)) in
	1) action=panic want=crashed ;;
	2) action=hang want=unresponsive ;;
	3) action=poweroff want=stopped ;;
	0) action=reboot-once want=rebooted ;;
	esac
	ok=1
	parkerctl load a --kernel $K --initrd $I \
		--cmdline "$AUDIT console=ttyS0,115200 app.run=$action" || ok=0
	echo start > $PFS/a/command || ok=0
	if [ $want = rebooted ]; then
		wait_for 120 sh -c "grep -q 'start 2: running' $PFS/a/console && test \$(cat $PFS/a/state) = running" || ok=0
	else
		wait_for 120 state_is $want || ok=0
	fi
	case $want in
	unresponsive|rebooted) parkerctl stop a --force || ok=0 ;;
	esac
	if [ $ok = 0 ]; then
		bad=$((bad + 1))
		echo "# cycle $i ($action): state $(cat $PFS/a/state)"
	fi
done
is "$CYCLES cycles of panic, hang, poweroff and reboot, each as expected" "$bad" 0
ok_if "b kept verifying its pattern" sh -c "test \$(grep -c 'memfill: pass [0-9]* ok' $PFS/b/console) -ge 2"
ok_if "b never saw a change" sh -c "! grep -q 'memfill: FAIL' $PFS/b/console"
is "b is still running" "$(cat $PFS/b/state)" running
kill $bootloop
ok_if "the boot kernel's pattern held" sh -c "grep -q 'pass [0-9]* ok' /tmp/boot-loop && ! grep -q FAIL /tmp/boot-loop"
parkerctl destroy a
parkerctl destroy b --force
is "pool, CPUs and devices exactly as before the first cycle" "$(snapshot)" "$start"
ok_if "the boot kernel logged no warning" sh -c "! dmesg | grep -E 'WARNING:|BUG:|Call Trace|Oops'"
tap_done
