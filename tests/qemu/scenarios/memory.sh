# SPDX-License-Identifier: GPL-2.0
# An application kernel can use its memory fully: it fills 80% of its
# MemTotal with a pattern and verifies it, while the boot kernel and
# another partition hold patterns of their own, verified before and after.
# smp: 4
# mem: 3G
# cmdline: parker_pool=1G
# timeout: 900
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

parker_mount
rm -f /tmp/go
memfill --hold 256 99 /tmp/go > /tmp/boot-memfill 2>&1 &
boot=$!
ok_if "the boot kernel holds a 256 MiB pattern" wait_for 120 grep -q filled /tmp/boot-memfill

ok_if "partition b holds a pattern in half its memory" \
	app_run b memloop --cpus 3 --memory 256M --device 0000:00:04.0
ok_if "b verified it once before" wait_for 300 grep -q "memfill: pass 1 ok" $PFS/b/console

ok_if "partition a fills 80% of its memory" \
	app_run a memfill --cpus 1-2 --memory 512M --device 0000:00:03.0
r=$(app_result a memfill)
echo "# $r"
mb=$(echo "$r" | sed -n 's/.*mb=\([0-9]*\).*/\1/p')
kb=$(echo "$r" | sed -n 's/.*memtotal_kb=\([0-9]*\).*/\1/p')
ok_if "a filled and verified ${mb} MiB (80% of its MemTotal)" sh -c "echo '$r' | grep -q '^memfill ok'"
# What a sees is what it was given: its MemTotal no more than the 512 MiB
# of its partition, and no less than 90% of it (its kernel's own image and
# page tables come out of it).
given=$(cat $PFS/a/memory)
given_kb=$(( ${given%@*} / 1024 ))
ok_if "a's MemTotal (${kb:-none} kB) is at most the ${given_kb} kB it was given, and at least 90% of it" \
	test "${kb:-0}" -le "$given_kb" -a "${kb:-0}" -ge $((given_kb * 9 / 10))

passes=$(grep -c "memfill: pass [0-9]* ok" $PFS/b/console)
ok_if "b verified its pattern again after a finished" \
	wait_for 300 sh -c "test \$(grep -c 'memfill: pass [0-9]* ok' $PFS/b/console) -gt $passes"
ok_if "b never saw a change" sh -c "! grep -q 'memfill: FAIL' $PFS/b/console"
touch /tmp/go
wait $boot
ok_if "the boot kernel's pattern is intact" grep -q "memfill: ok 256 MiB verified" /tmp/boot-memfill
ok_if "stop and destroy both" sh -c "parkerctl stop a --force && parkerctl stop b --force && parkerctl destroy a && parkerctl destroy b"
tap_done
