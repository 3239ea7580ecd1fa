# SPDX-License-Identifier: GPL-2.0
# The boot kernel reads what a partition writes as hostile input.  Partition
# h's kernel (CONFIG_PARKER_HOSTILE_TEST) scribbles adversarial values over
# its console ring and its message for a while, turn after turn, while the
# boot kernel reads its console, show, list --json and log --follow over and
# over and its monitor runs; then random values over its whole status page.
# Meanwhile partition n, well behaved, is stopped, started and read as
# usual.  Afterwards: h is crashed with a reason that says its status page
# was corrupted, the boot kernel said clearly that the ring was corrupted,
# no read failed, and the boot kernel logged no warning or oops.  Then h2
# crashes with an unterminated message full of control characters: it is
# kept terminated and printable.
# smp: 4
# cmdline: parker_pool=512M
# timeout: 900
. /tests/lib/tap.sh
. /tests/lib/parker.sh
. /tests/lib/app.sh

parker_mount
state_of() { cat "$PFS/$1/state"; }
# Its log is garbled at times, on purpose (a read may find only a line
# saying the ring is corrupted): the last turn seen in it, read until seen.
turns() {
	for try in 1 2 3 4 5 6 7 8 9 10; do
		t=$(grep -a -o "PARKER-APP-HOSTILE turn [0-9]*" "$PFS/h/console" |
			sed 's/.* //' | sort -n | tail -1)
		[ -n "$t" ] && break
	done
	echo "$t"
}

ok_if "n, well behaved, runs" app_run n idle --cpus 2 --memory 128M --device 0000:00:04.0
parkerctl create h --cpus 1 --memory 128M --device 0000:00:03.0
parkerctl load h --kernel $K --initrd $I \
	--cmdline "$AUDIT console=ttyS0,115200 app.run=hostile app.hostile=120"
ok_if "h, hostile, starts" parkerctl start h --wait 180

# The boot kernel's readers, over and over, until h is taken back.
rm -f /tmp/stop-readers
(
	reads=0 bad=0
	while [ ! -e /tmp/stop-readers ]; do
		cat $PFS/h/console > /dev/null || bad=$((bad + 1))
		cat $PFS/h/console_head > /dev/null || bad=$((bad + 1))
		cat $PFS/h/state $PFS/h/crash $PFS/h/reason > /dev/null || bad=$((bad + 1))
		parkerctl show h > /dev/null || bad=$((bad + 1))
		parkerctl list --json > /dev/null || bad=$((bad + 1))
		reads=$((reads + 1))
		echo "$reads $bad" > /tmp/reads
	done
) &
readers=$!
# Its output is 1 MiB of garbage at each jump of the head: not kept.
parkerctl log h --follow > /dev/null 2>&1 &
follow=$!

ok_if "h scribbles (a first turn done)" wait_for 300 sh -c "grep -a -q 'PARKER-APP-HOSTILE turn' $PFS/h/console"
before=$(turns)
# n is managed as usual while h scribbles.
ok_if "n: stop while h scribbles" parkerctl stop n --timeout 60
is "n: stopped" "$(state_of n)" stopped
ok_if "n: start again while h scribbles" parkerctl start n --wait 180
ok_if "n: its log shows the second start" wait_for 120 sh -c "parkerctl log n | grep -q 'start 2: running'"
after=$(turns)
ok_if "h scribbled on meanwhile (turn $before before, $after after)" test "${after:-0}" -gt "${before:-0}"
is "h was still running, not yet taken back, when n was done" "$(state_of h)" running
ok_if "h's kernel read its last turns" wait_for 300 sh -c "grep -q 'PARKER-APP-RESULT hostile ok' $PFS/h/console"
ok_if "h: taken back once its status page is random" wait_for 120 sh -c "[ \$(cat $PFS/h/state) = crashed ]"
touch /tmp/stop-readers
wait $readers
ok_if "log --follow kept following h to the end" kill -0 $follow
kill $follow 2>/dev/null
wait $follow 2>/dev/null
read -r reads bad < /tmp/reads
ok_if "the boot kernel read h $reads times while it scribbled" test "$reads" -ge 20
is "every read of h's files succeeded" "$bad" 0
# The state says crashed as soon as the page does; the reason comes when the
# monitor takes h back, within its 200 ms tick.
ok_if "h: the reason says its status page was corrupted" \
	wait_for 10 grep -q "status page corrupted" $PFS/h/reason
diag "reason: $(cat $PFS/h/reason)"
ok_if "h: parkerctl show gives the reason" sh -c "parkerctl show h | grep -q '^reason: *crashed: status page corrupted'"
json=$(parkerctl show h --json | tr -d '\n')
echo "PARKER-JSON-SHOW $json"
ok_if "h: show --json gives the reason" sh -c "echo '$json' | grep -q '\"reason\": \"crashed: status page corrupted'"
ok_if "the boot kernel said h's console ring was corrupted" sh -c "dmesg | grep -q 'parker: h: console ring corrupted'"
ok_if "the boot kernel logged no warning, BUG or oops" sh -c "! dmesg | grep -E 'WARNING:|BUG:|Oops'"
ok_if "destroy h" parkerctl destroy h

# A crash message with no terminator and control characters in it.
ok_if "h2 starts" app_run h2 hostile-crash --cpus 1 --memory 128M --device 0000:00:03.0 --on-crash stop
ok_if "h2: crashed" wait_for 120 sh -c "[ \$(cat $PFS/h2/state) = crashed ]"
ok_if "h2: the message says it was not terminated" grep -q "\[not terminated\]" $PFS/h2/crash
is "h2: the message is printable ASCII ($(head -c 60 $PFS/h2/crash)...)" \
	"$(grep -c '[^ -~]' $PFS/h2/crash)" 0
ok_if "h2: the message is bounded ($(wc -c < $PFS/h2/crash) bytes)" test "$(wc -c < $PFS/h2/crash)" -le 256
ok_if "h2: parkerctl show prints it" sh -c "parkerctl show h2 | grep -q 'not terminated'"

# n was managed normally to the end.
ok_if "n: still running" test "$(state_of n)" = running
ok_if "n: stop" parkerctl stop n --timeout 60
ok_if "destroy h2" parkerctl destroy h2
ok_if "destroy n" parkerctl destroy n
tap_done
