# SPDX-License-Identifier: GPL-2.0
# parkerctl apply: a declarative file brings the machine to its partitions
# (create), a second apply changes nothing (idempotence), an edited file
# changes only what changed, a partition dropped from the file is kept
# unless --prune; a bad file changes nothing.  Also parkerctl check,
# metrics, and JSON that parses.
# smp: 4
# cmdline: parker_pool=1G
# timeout: 600
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

cat > /tmp/p.conf <<CONF
# two partitions
[web]
cpus = 1
memory = 128M
devices = 0000:00:03.0
kernel = $K
initrd = $I
cmdline = console=ttyS0,115200 app.run=idle

[db]
cpus = 2
memory = 128M
devices = 0000:00:04.0
start = no
CONF

ok_if "check: the machine can run partitions" parkerctl check
parkerctl check | sed 's/^/# /'
ok_if "apply --dry-run" sh -c "parkerctl apply --dry-run /tmp/p.conf > /tmp/plan"
sed 's/^/# /' /tmp/plan
ok_if "the plan says what it would do" grep -q "would create web" /tmp/plan
ok_if "and changed nothing" test ! -e $PFS/web
ok_if "apply creates both" sh -c "parkerctl apply /tmp/p.conf > /tmp/out1"
sed 's/^/# /' /tmp/out1
ok_if "web is starting or running" wait_for 120 sh -c "grep -q running $PFS/web/state"
is "db holds its CPU and memory, not started" "$(cat $PFS/db/state)" ready
ok_if "a second apply changes nothing" sh -c "parkerctl apply /tmp/p.conf > /tmp/out2"
sed 's/^/# /' /tmp/out2
ok_if "... and says so" sh -c "! grep -v unchanged /tmp/out2 | grep -q ."
sed -i 's/^memory = 128M$/memory = 192M/' /tmp/p.conf
sed -i '/^\[db\]/,$d' /tmp/p.conf
ok_if "apply of an edited file" sh -c "parkerctl apply /tmp/p.conf > /tmp/out3"
sed 's/^/# /' /tmp/out3
# Rebuilt means started again: wait for running, so that the snapshot
# below does not catch it between starting and running.
ok_if "web was rebuilt with 192M, and runs" wait_for 120 \
	sh -c "grep -q '^201326592@' $PFS/web/memory && grep -q running $PFS/web/state"
ok_if "db, gone from the file, is kept without --prune" test -d $PFS/db
ok_if "apply --prune" parkerctl apply --prune /tmp/p.conf
ok_if "db was destroyed" test ! -e $PFS/db
printf '[web]\ncpus = 1\nmemory = lots\n' > /tmp/bad.conf
snap=$(snapshot)
parkerctl apply /tmp/bad.conf 2> /tmp/err
ok_if "a bad file is refused with its name and line ($(cat /tmp/err))" grep -q "/tmp/bad.conf:3:" /tmp/err
is "and nothing changed" "$(snapshot)" "$snap"
ok_if "list --json" sh -c "parkerctl list --json > /tmp/list.json"
ok_if "show --json" sh -c "parkerctl show web --json > /tmp/show.json"
echo "PARKER-JSON-LIST $(tr -d '\n' < /tmp/list.json)"
echo "PARKER-JSON-SHOW $(tr -d '\n' < /tmp/show.json)"
ok_if "metrics in the Prometheus format" sh -c "parkerctl metrics | grep -q '^parker_partition_state{partition=\"web\",state=\"running\"} 1'"
parkerctl destroy web --force
tap_done
