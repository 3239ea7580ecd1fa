# SPDX-License-Identifier: GPL-2.0
# parkerctl create, list and destroy on the real kernel: the tool mounts
# the file system itself, errors name the partition and leave nothing
# behind, exit status 1 for failures and 2 for usage errors.
# cmdline: parker_pool=1G
# timeout: 300
. /tests/lib/tap.sh
. /tests/lib/parker.sh

# run_rc CMD...: prints "RC|stderr" of the command.
run_rc() {
	"$@" > /tmp/out 2> /tmp/err
	echo "$?|$(cat /tmp/err)"
}

ok_if "not mounted yet" test ! -e $PFS/info
ok_if "create web: 2 CPUs, 256M, a UART and a NIC" \
	parkerctl create web --cpus 1-2 --memory 256M --device 0000:00:03.0 --device=00:09.0
ok_if "parkerctl mounted the file system" test -e $PFS/info
start=$(snapshot)
is "web's CPUs" "$(cat $PFS/web/cpus)" 1-2
is "web's devices" "$(cat $PFS/web/devices | tr '\n' ' ')" "0000:00:03.0 0000:00:09.0 "
is "web is ready" "$(cat $PFS/web/state)" ready
ok_if "create db: 1 CPU, 128M" parkerctl create db --cpus=3 --memory=128M
ok_if "create an empty partition" parkerctl create spare

parkerctl list > /tmp/list
cat /tmp/list | sed 's/^/# /'
is "list header" "$(head -1 /tmp/list | tr -s ' ')" "NAME ID STATE CPUS MEMORY DEVICES"
is "list: web" "$(grep '^web ' /tmp/list | tr -s ' ')" "web 1 ready 1-2 256M 0000:00:03.0,0000:00:09.0"
is "list: db" "$(grep '^db ' /tmp/list | tr -s ' ')" "db 2 ready 3 128M -"
is "list: spare" "$(grep '^spare ' /tmp/list | tr -s ' ')" "spare 3 empty - - -"
is "list: pool line" "$(tail -1 /tmp/list)" "pool: 1G total, 640M free"

start=$(snapshot)
r=$(run_rc parkerctl create x --cpus 2)
is "a taken CPU: exit 1" "${r%%|*}" 1
is "the message names the partition and the reason" "${r#*|}" \
	"parkerctl: x: cannot assign CPUs 2: CPU 2 belongs to another partition"
is "the failed partition was removed again" "$(snapshot)" "$start"
r=$(run_rc parkerctl create x --memory 1G)
is "too much memory: exit 1" "${r%%|*}" 1
ok_if "the message gives the free amount (${r#*|})" sh -c 'printf "%s\n" "$1" | grep -q "pool has 640M free"' _ "${r#*|}"
is "nothing left behind" "$(snapshot)" "$start"
r=$(run_rc parkerctl create web)
is "a duplicate name: exit 1" "${r%%|*}" 1
r=$(run_rc parkerctl create Bad)
is "an invalid name: usage error, exit 2" "${r%%|*}" 2
r=$(run_rc parkerctl create y --cpus 1-)
is "a malformed CPU list: exit 2" "${r%%|*}" 2
r=$(run_rc parkerctl create y --memory 12Q)
is "a malformed size: exit 2" "${r%%|*}" 2
r=$(run_rc parkerctl create y --device 00:10)
is "a malformed PCI address: exit 2" "${r%%|*}" 2
r=$(run_rc parkerctl frobnicate)
is "an unknown command: exit 2" "${r%%|*}" 2
is "none of these changed anything" "$(snapshot)" "$start"

ok_if "destroy web" parkerctl destroy web
is "web's CPUs are back" "$(cat /sys/devices/system/cpu/online)" 0-2
is "web's UART is back with its driver" "$(driver_of 0000:00:03.0)" serial
is "web's NIC is back with its driver" "$(driver_of 0000:00:09.0)" virtio-pci
r=$(run_rc parkerctl destroy web)
is "destroying it again: exit 1" "${r%%|*}" 1
is "says there is no such partition" "${r#*|}" "parkerctl: web: cannot destroy: no such partition"
ok_if "destroy db and spare" sh -c "parkerctl destroy db && parkerctl destroy spare"
is "all CPUs online" "$(cat /sys/devices/system/cpu/online)" 0-3
is "pool all free" "$(cat $PFS/info/pool_free)" 1073741824
is "list of nothing" "$(parkerctl list | tail -1)" "pool: 1G total, 1G free"
tap_done
