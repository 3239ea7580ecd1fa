# SPDX-License-Identifier: GPL-2.0
# Loading refuses what it cannot run, with a clear error and the state
# unchanged; the kexec and kdump slots are never touched.  A segment placed
# outside the partition (by fault injection: kexec is offered another
# partition's memory) is refused, and that memory is left as it was.
# Without CAP_SYS_BOOT, or once kexec_load_disabled is set, nothing loads.
# cmdline: parker_pool=1G
# timeout: 300
. /tests/lib/tap.sh
. /tests/lib/parker.sh

# refused DESC STATE WANT-IN-MESSAGE parkerctl-args...: one test.
refused() {
	desc=$1 state=$2 want=$3
	shift 3
	snap=$(snapshot)
	parkerctl "$@" > /tmp/out 2> /tmp/err
	rc=$?
	msg=$(cat /tmp/err)
	if [ $rc = 0 ]; then
		tap_result 1 "$desc: refused"
	elif ! echo "$msg" | grep -q -- "$want"; then
		tap_result 1 "$desc: refused saying '$want'"
		echo "#   said: $msg"
	elif [ "$(snapshot)" != "$snap" ] || [ "$(cat $PFS/web/state)" != "$state" ]; then
		tap_result 1 "$desc: nothing changed"
	else
		tap_result 0 "$desc: exit $rc, '$msg', still $state"
	fi
}

K=/parker/bzImage
I=/parker/app-initrd.cpio.gz
parker_mount
head -c 3000000 $K > /tmp/truncated
dd if=/dev/zero of=/tmp/big-initrd bs=1M count=80 2> /dev/null
long=$(head -c 2100 /dev/zero | tr '\0' x)

parkerctl create web --memory 64M
refused "a partition with no CPU" empty "has no CPU" load web --kernel $K
parkerctl destroy web
parkerctl create web --cpus 1
refused "a partition with no memory" empty "has no memory" load web --kernel $K
parkerctl destroy web

parkerctl create web --cpus 1 --memory 64M
is "kexec slot empty before" "$(cat /sys/kernel/kexec_loaded)" 0
refused "a file that is not a bzImage" ready "not a bzImage" load web --kernel $I
refused "a truncated bzImage" ready "truncated" load web --kernel /tmp/truncated
refused "a kernel without instance mode" ready "no Parker instance mode" \
	load web --kernel /parker/bzImage-no-instance
refused "an initrd that does not fit" ready "does not fit in the partition's 62M" \
	load web --kernel $K --initrd /tmp/big-initrd
refused "an over-long command line" ready "too long" load web --kernel $K --cmdline "$long"
refused "a kernel file that does not exist" ready "/nonexistent" load web --kernel /nonexistent
refused "start with no image" ready "no loaded image" start web

# A segment outside the partition: kexec is offered db's memory instead.
parkerctl create db --cpus 2 --memory 64M
zeros() { marker_count 0 db; }
words=$((64 * 1024 * 1024 / 8))
is "db's memory is all zero words to begin with" "$(zeros)" $words
cut -d@ -f2 $PFS/db/memory > /sys/kernel/debug/parker/misplace_load
refused "a segment outside the partition" ready "outside the partition" \
	load web --kernel $K --initrd $I
echo 0 > /sys/kernel/debug/parker/misplace_load
is "db's memory, where kexec was sent, is untouched" "$(zeros)" $words
parkerctl destroy db

ok_if "a good image loads" parkerctl load web --kernel $K --initrd $I --cmdline "$AUDIT console=ttyS0"
is "loaded" "$(cat $PFS/web/state)" loaded
is "the kexec slot is untouched" "$(cat /sys/kernel/kexec_loaded)" 0
expect_errno "CPU change of a loaded partition" EBUSY write $PFS/web/cpus 1-2
ok_if "a second partition loads its own image at the same time" \
	sh -c "parkerctl create db --cpus 2 --memory 64M && parkerctl load db --kernel $K --initrd $I"
is "both loaded" "$(cat $PFS/web/state) $(cat $PFS/db/state)" "loaded loaded"
ok_if "unload" parkerctl load web --unload
is "ready again" "$(cat $PFS/web/state)" ready
is "db keeps its image" "$(cat $PFS/db/state)" loaded
ok_if "destroy both" sh -c "parkerctl destroy web && parkerctl destroy db"
is "pool all free" "$(cat $PFS/info/pool_free)" 1073741824

# Policy: the capability, then the switch (it cannot be turned off again).
parkerctl create web --cpus 1 --memory 64M
id=$(cat $PFS/web/id)
is "without CAP_SYS_BOOT: EPERM" "$(errno-of --no-sys-boot kexec $id $K)" EPERM
is "and nothing loaded" "$(cat $PFS/web/state)" ready
echo 1 > /proc/sys/kernel/kexec_load_disabled
is "with kexec_load_disabled: EPERM" "$(errno-of kexec $id $K)" EPERM
is "and nothing loaded" "$(cat $PFS/web/state)" ready
refused "parkerctl says why" ready "kexec_load_disabled" load web --kernel $K
parkerctl destroy web
tap_done
