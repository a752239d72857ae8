#!/bin/sh
# corpus-report.sh - runs ipxesim over every script of the real-world
# corpus, as `make corpus-report` does: the default machine, the script's
# own folder served (--root), no keys, a step limit.  Writes one line per
# script to BUILD/corpus-report.txt (exit status, outcome) and prints how
# many scripts ended each way; then ipxelint's findings on the same
# scripts, per check (BUILD/corpus-lint.txt).
# Usage: sh tests/corpus-report.sh BUILD CORPUS
set -u
build=${1:-build}
corpus=${2:-../shared/corpus}
out=$build/corpus-report.txt

if [ ! -f "$corpus/SOURCES.tsv" ]; then
	echo "corpus-report: no corpus at $corpus (set IPXE_CORPUS); skipped"
	exit 0
fi
if [ ! -x "$build/ipxesim" ]; then
	echo "corpus-report: $build/ipxesim is not built" >&2
	exit 2
fi
limit=""
command -v timeout >/dev/null 2>&1 && limit="timeout 30"

: > "$out"
awk -F'\t' 'NR > 1 { print $1 }' "$corpus/SOURCES.tsv" | sort |
while IFS= read -r f; do
	$limit "$build/ipxesim" --root "$corpus/$(dirname "$f")" \
		--max-steps 100000 "$corpus/$f" </dev/null >/dev/null \
		2>"$out.err"
	rc=$?
	# the outcome line, without the error URL (its number is in the
	# message text already)
	why=$(tail -n 1 "$out.err" | sed 's/^ipxesim: //')
	case $rc in
	124) why="HANG: no outcome after 30 s" ;;
	1[2-9][0-9]|2[0-9][0-9]) why="CRASH: signal $((rc - 128))" ;;
	esac
	printf '%s\t%s\t%s\n' "$rc" "$f" "$why" >> "$out"
done
rm -f "$out.err"

echo "== ipxesim over $(wc -l < "$out") corpus scripts (table: $out)"
echo
echo "  scripts  exit  outcome"
# group by exit status and the outcome text with numbers blurred
awk -F'\t' '{
	o = $3
	sub(/ \(https:[^)]*\)/, "", o)
	gsub(/[0-9]+/, "N", o)
	key = sprintf("%4s  %s", $1, o)
	n[key]++
} END { for (k in n) printf "  %7d  %s\n", n[k], k }' "$out" | sort -rn
echo
echo "exit: 0 ended with status 0, 1 failed or exit N, 3 booted an image,"
echo "4 reboot/poweroff, 5 waiting for input, 6 a limit was reached"
# the linter over the same scripts: findings per check (all of them, the
# optional policy checks too, so their volume is known before enabling)
if [ -x "$build/ipxelint" ]; then
	lout=$build/corpus-lint.txt
	awk -F'\t' 'NR > 1 { print $1 }' "$corpus/SOURCES.tsv" | sort |
		sed "s|^|$corpus/|" | tr '\n' '\0' |
		xargs -0 "$build/ipxelint" --norc -f gcc > "$lout" 2>&1
	echo
	echo "== ipxelint over the same scripts (findings: $lout)"
	echo
	echo "  findings  code     severity name"
	"$build/ipxelint" --list-checks |
	awk 'NR == FNR { if (match($0, /\[IPX[0-9]+\]$/))
				n[substr($0, RSTART + 1, RLENGTH - 2)]++
			 next }
	     $1 ~ /^IPX[0-9]+$/ && n[$1] {
		name = $6; if ($5 == "off") name = $7
		printf "  %8d  %-8s %-8s %s\n", n[$1], $1, $2, name }' "$lout" -
	printf '  %8d  in all, in %d files\n' "$(grep -c '\[IPX[0-9]*\]$' "$lout")" \
		"$(sed -n 's/:[0-9]*:[0-9]*: .*\[IPX[0-9]*\]$//p' "$lout" | sort -u | wc -l)"
	echo "  (optional policy checks, counted with -o all:)"
	awk -F'\t' 'NR > 1 { print $1 }' "$corpus/SOURCES.tsv" | sort |
		sed "s|^|$corpus/|" | tr '\n' '\0' |
		xargs -0 "$build/ipxelint" --norc -f gcc -o all -S warning 2>&1 |
		sed -n 's/.*\[\(IPX8[0-9]*\)\]$/\1/p' | sort | uniq -c |
		awk '{ printf "  %8d  %s\n", $1, $2 }'
fi
if grep -q "	HANG\|	CRASH" "$out"; then
	echo "corpus-report: crashes or hangs (see $out)" >&2
	exit 1
fi
