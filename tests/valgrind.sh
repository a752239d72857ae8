#!/bin/sh
# tests/valgrind.sh BUILD CORPUS [EVERY] - memcheck over the real-world
# corpus (make check-valgrind): no invalid access, no uninitialised
# value, no leak of any kind (--errors-for-leak-kinds=all).
#
#   1. ipxelint --dump-ast over every corpus file, in one process;
#   2. ipxelint with every check on, in every report format, likewise;
#   3. ipxesim over every EVERY-th corpus file (default 3: about 120 of
#      the 360, two at a time; EVERY=1 for all, about 5 minutes on two
#      cores), with --root at the file's repository folder, keys from
#      /dev/null and a step limit of 20000.  Each run is its own process,
#      so this is where valgrind's start-up time goes.
# Exits 1 on the first tool run that valgrind faults (exit 99).
set -u
B=$1 C=$2 EVERY=${3:-3}
VG="valgrind -q --leak-check=full --errors-for-leak-kinds=all \
--error-exitcode=99"

if [ ! -d "$C" ]; then
	echo "valgrind: corpus not found at $C, skipped"
	exit 0
fi
list=$(mktemp)
trap 'rm -f "$list"' EXIT
find "$C" -type f ! -name README.md ! -name SOURCES.tsv | sort >"$list"

# ipxelint exits 0, 1 (findings) or 2 (some input unusable): all fine
# here; 99 is valgrind's (xargs then says 123).
export B VG
lint() {
	tr '\n' '\0' <"$list" | xargs -0 sh -c '
		$VG "$B/ipxelint" --norc "$@" >/dev/null
		[ $? -ne 99 ]' sh "$@"
}
echo "== valgrind: ipxelint --dump-ast, $(wc -l <"$list") files"
lint --dump-ast || { echo "valgrind: errors (ipxelint --dump-ast)"; exit 1; }
for f in tty json sarif checkstyle diff; do
	echo "== valgrind: ipxelint -o all -f $f"
	lint -o all -S style -f $f ||
		{ echo "valgrind: errors (ipxelint -f $f)"; exit 1; }
done

# each ipxesim in the repository folder of its file: CORPUS/REPO/...
n=$(awk -v e="$EVERY" 'NR % e == 1 % e' "$list" | wc -l)
echo "== valgrind: ipxesim over $n corpus scripts (every ${EVERY}th)"
export C
awk -v e="$EVERY" 'NR % e == 1 % e' "$list" | tr '\n' '\0' |
	xargs -0 -n 1 -P 2 sh -c '
		f=$1 rel=${1#"$C"/}
		$VG "$B/ipxesim" --batch --max-steps 20000 \
			--root "$C/${rel%%/*}" "$f" </dev/null >/dev/null \
			2>/dev/null
		[ $? -ne 99 ] || { echo "valgrind: errors in ipxesim $f" >&2
			exit 255; }' sh
rc=$?
if [ $rc -ne 0 ]; then
	echo "valgrind: errors (ipxesim); rerun the file above under" \
		"valgrind to see them"
	exit 1
fi
echo "valgrind: no errors, no leaks"
