#!/bin/sh
# tests/fuzz/run.sh BUILD - the inputs the fuzz targets (fuzz/) found
# problems with, run again by `make check-run`: each NAME.ipxe here is
# the input as found, and NAME.expect gives the exit code each tool must
# end with ("ipxesim 6" a line), within 20 s and without a signal, and
# optionally text its stderr must hold ("ipxesim 6 grew past").  The
# simulator runs as fuzz_sim runs it: 2000 steps, 6 levels deep, from a
# folder served as the root.  Large inputs that found problems are made
# by tests/hostile.sh instead of being committed.
set -u
B=${1:-build}
D=$(dirname "$0")
fails=0
err=$(mktemp)
trap 'rm -f "$err"' EXIT
for f in "$D"/*.ipxe; do
	exp=${f%.ipxe}.expect
	while read -r tool want text; do
		case $tool in
		ipxesim) set -- "$B/ipxesim" --batch --max-steps 2000 \
			--max-depth 6 --root "$D" "$f" ;;
		ipxelint) set -- "$B/ipxelint" --norc -o all "$f" ;;
		*) continue ;;
		esac
		timeout 20 "$@" </dev/null >/dev/null 2>"$err"
		rc=$?
		if [ -n "$text" ] && ! grep -qF -- "$text" "$err"; then
			echo "FAIL - $tool $(basename "$f"): stderr lacks" \
				"'$text': $(head -c 200 "$err")"
			fails=$((fails + 1))
		elif [ "$rc" -eq "$want" ]; then
			echo "ok - $tool $(basename "$f") (exit $rc)"
		else
			echo "FAIL - $tool $(basename "$f"):" \
				"exit $rc, not $want"
			fails=$((fails + 1))
		fi
	done <"$exp"
done
[ $fails -eq 0 ]
