# SPDX-License-Identifier: GPL-2.0
# 200 random create, assign and destroy operations.  After each one: no CPU,
# byte of pool memory or device has two owners, and everything not in a
# partition is with the boot kernel.  At the end everything is back.
# The seed is printed; the default is fixed so that runs repeat, and
# cmdline seed=N runs another sequence.
# cmdline: parker_pool=1G
# timeout: 900
. /tests/lib/tap.sh
. /tests/lib/parker.sh

parker_mount
seed=$(tr ' ' '\n' < /proc/cmdline | sed -n 's/^seed=//p')
[ -n "$seed" ] || seed=2026
diag "seed $seed"
start=$(snapshot)
pool_size=$(cat $PFS/info/pool_size)
pool_base=$(($(cut -d' ' -f3 $PFS/info/pools)))
DEVICES="0000:00:03.0 0000:00:04.0 0000:00:05.0 0000:00:06.0 0000:00:09.0 0000:00:0a.0 0000:00:0c.0"
for d in $DEVICES; do
	eval "orig_$(echo "$d" | tr ':.' __)=$(driver_of "$d")"
done

# Expand a CPU list: "1-3,5" -> "1 2 3 5".
expand() {
	echo "$1" | tr ',' '\n' | while IFS=- read -r a b; do
		[ -n "$a" ] && seq "$a" "${b:-$a}"
	done
}

# The invariant, after every operation.
check() {
	held="" used=0 ranges="" devs="" why=""
	for p in $PFS/*/; do
		[ "$p" = "$PFS/info/" ] && continue
		for c in $(expand "$(cat "$p/cpus")"); do
			case " $held " in *" $c "*) why="$why CPU $c twice;" ;; esac
			held="$held $c"
			[ "$(cat /sys/devices/system/cpu/cpu$c/online)" = 0 ] || why="$why held CPU $c online;"
		done
		m=$(cat "$p/memory")
		if [ "$m" != 0 ]; then
			size=${m%@*} base=$((${m#*@}))
			used=$((used + size))
			[ $base -ge $pool_base ] && [ $((base + size)) -le $((pool_base + pool_size)) ] ||
				why="$why memory of $p outside the pool;"
			ranges="$ranges $base:$((base + size))"
		fi
		for d in $(cat "$p/devices"); do
			case " $devs " in *" $d "*) why="$why device $d twice;" ;; esac
			devs="$devs $d"
			[ "$(driver_of "$d")" = parker ] || why="$why $d held but bound to $(driver_of "$d");"
		done
	done
	for c in 1 2 3; do
		case " $held " in
		*" $c "*) ;;
		*) [ "$(cat /sys/devices/system/cpu/cpu$c/online)" = 1 ] || why="$why free CPU $c offline;" ;;
		esac
	done
	[ "$(cat $PFS/info/pool_free)" = $((pool_size - used)) ] || why="$why pool_free $(cat $PFS/info/pool_free) != $((pool_size - used));"
	for r in $ranges; do
		for s in $ranges; do
			[ "$r" = "$s" ] && continue
			[ "${r#*:}" -le "${s%:*}" ] || [ "${s#*:}" -le "${r%:*}" ] || why="$why ranges $r and $s overlap;"
		done
	done
	for d in $DEVICES; do
		case " $devs " in *" $d "*) continue ;; esac
		eval "want=\$orig_$(echo "$d" | tr ':.' __)"
		[ "$(driver_of "$d")" = "$want" ] || why="$why free $d bound to $(driver_of "$d"), not $want;"
	done
	echo "$why"
}

awk -v seed="$seed" 'BEGIN {
	srand(seed)
	split("64M 128M 192M 256M 512M 1G 2G 0 66M", sizes, " ")
	split("1 2 3 1-2 2-3 1-3 1,3 0 5", cpus, " ")
	split("03 04 05 06 09 0a 0c", devs, " ")
	for (i = 0; i < 200; i++) {
		p = "p" int(rand() * 4)
		r = rand()
		if (r < 0.15) print "mkdir", p
		else if (r < 0.25) print "rmdir", p
		else if (r < 0.50) print "cpus", p, cpus[1 + int(rand() * 9)]
		else if (r < 0.70) print "memory", p, sizes[1 + int(rand() * 9)]
		else print "device", p, (rand() < 0.6 ? "+" : "-") "0000:00:" devs[1 + int(rand() * 7)] ".0"
	}
}' > /tmp/ops

n=0 bad=0 accepted=0
while read -r op p arg; do
	n=$((n + 1))
	case $op in
	mkdir) r=$(errno-of mkdir $PFS/$p) ;;
	rmdir) r=$(errno-of rmdir $PFS/$p) ;;
	cpus) r=$(errno-of write $PFS/$p/cpus "$arg") ;;
	memory) r=$(errno-of write $PFS/$p/memory "$arg") ;;
	device) r=$(errno-of write $PFS/$p/devices "$arg") ;;
	esac
	[ "$r" = OK ] && accepted=$((accepted + 1))
	why=$(check)
	if [ -n "$why" ]; then
		bad=$((bad + 1))
		echo "# op $n: $op $p $arg -> $r:$why"
	fi
done < /tmp/ops
is "200 random operations, invariant held after each ($accepted accepted)" "$bad" 0
# Not a vacuous run: enough operations changed something (about a third
# of random operations are valid ones).
ok_if "a fair share of operations were accepted" test "$accepted" -ge 25

for p in $PFS/*/; do
	[ "$p" = "$PFS/info/" ] || rmdir "$p"
done
is "everything is back with the boot kernel" "$(snapshot)" "$start"
tap_done
