#!/bin/sh
# record.sh - records the expected output (NAME.expected) and end state
# (NAME.end) of conformance cases by running them in the real iPXE with
# ../shared/tools/ipxe-oracle (qemu); the option rules are those of
# README.md here.  It never touches a case whose recording failed.
#
# Usage: tests/conformance/record.sh [-j JOBS] [CASE]...
#   CASE is GROUP, GROUP/NAME or a path to GROUP/NAME.ipxe; none = all.
#   -j JOBS  record JOBS cases at once (default 1; timing-sensitive cases
#            such as prompt timeouts are safest with 1)
# Environment: IPXE_ORACLE (default ../shared/tools/ipxe-oracle).
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
cd "$top" || exit 2
oracle=${IPXE_ORACLE:-../shared/tools/ipxe-oracle}
cdir=tests/conformance

# One case: $1 = tests/conformance/GROUP/NAME.ipxe
record_one() {
	script=$1
	base=${script%.ipxe}
	case_name=${base#"$cdir"/}
	oargs=--nic
	timeout=
	if [ -f "$base.opts" ]; then
		if grep -q '^oracle:' "$base.opts"; then
			oargs=$(sed -n 's/^oracle:[[:space:]]*//p' "$base.opts")
		fi
		timeout=$(sed -n 's/^timeout:[[:space:]]*//p' "$base.opts")
	fi
	[ -d "$base.d" ] && oargs="$oargs --tftp $base.d"
	[ -f "$base.keys" ] && oargs="$oargs --keys $base.keys"
	[ -n "$timeout" ] && oargs="$oargs --timeout $timeout"
	tmp=$(mktemp -d) || return 1
	# shellcheck disable=SC2086 # oargs holds several words on purpose
	if "$oracle" $oargs --end-file "$tmp/end" --raw "$tmp/raw" "$script" \
	    >"$tmp/out" 2>"$tmp/err" && [ -s "$tmp/end" ]; then
		# iPXE's "Features:" banner line is 83 columns; SeaBIOS wraps
		# it and the oracle sometimes fails to rejoin it, leaving its
		# tail "EXT" as a first output line that the script never
		# printed.  Drop it when the raw stream shows that wrap.
		if [ "$(head -n 1 "$tmp/out")" = EXT ] &&
		    tr -d '\r' <"$tmp/raw" | awk '
			p ~ /Features:/ && $0 == "EXT" { f = 1 } { p = $0 }
			END { exit !f }'; then
			tail -n +2 "$tmp/out" >"$tmp/out2"
			mv "$tmp/out2" "$tmp/out"
		fi
		mv "$tmp/out" "$base.expected"
		mv "$tmp/end" "$base.end"
		printf '  REC     %-44s %s\n' "$case_name" \
		    "$(sed -n 's/^ipxe-oracle: //p' "$tmp/err")"
		rm -rf "$tmp"
		return 0
	fi
	printf '  FAILED  %s\n' "$case_name" >&2
	sed 's/^/          /' "$tmp/err" >&2
	rm -rf "$tmp"
	return 1
}

if [ "${1:-}" = --one ]; then
	record_one "$2"
	exit $?
fi

jobs=1
if [ "${1:-}" = -j ]; then
	jobs=${2:-}
	shift 2 || { echo "record.sh: -j needs a number" >&2; exit 2; }
fi
case $jobs in
''|*[!0-9]*|0) echo "record.sh: -j needs a number, not '$jobs'" >&2; exit 2 ;;
esac

if ! command -v qemu-system-x86_64 >/dev/null 2>&1; then
	{
		echo "record.sh: qemu-system-x86_64 is not installed, so the real"
		echo "iPXE cannot run and nothing was recorded.  The committed"
		echo ".expected and .end files stay as they are (the tests do not"
		echo "need qemu).  To re-record, install it (Debian: apt-get install"
		echo "qemu-system-x86) and run 'make conformance-record' again."
	} >&2
	exit 2
fi
if [ ! -x "$oracle" ]; then
	echo "record.sh: no oracle at $oracle (set IPXE_ORACLE)" >&2
	exit 2
fi

# The case list: every argument names a group, a case or a script.
raw=$(mktemp) && list=$(mktemp) || exit 2
trap 'rm -f "$raw" "$list"' EXIT
[ $# -eq 0 ] && set -- "$cdir"
for arg in "$@"; do
	a=${arg%.ipxe}
	a=${a#"$cdir"/}
	a=${a#./}
	if [ "$a" = "$cdir" ] || [ "$a" = . ]; then
		find "$cdir" -mindepth 2 -maxdepth 2 -name '*.ipxe'
	elif [ -d "$cdir/$a" ]; then
		find "$cdir/$a" -maxdepth 1 -name '*.ipxe'
	elif [ -f "$cdir/$a.ipxe" ]; then
		echo "$cdir/$a.ipxe"
	else
		echo "record.sh: no case '$arg'" >&2
		exit 2
	fi
done >"$raw"
sort -u "$raw" >"$list"

n=$(wc -l <"$list")
echo "recording $n case(s) with $oracle ($jobs at once)"
if xargs -P "$jobs" -n 1 sh "$here/record.sh" --one <"$list"; then
	echo "recorded $n case(s); review them with git diff"
else
	echo "record.sh: some cases failed (see above)" >&2
	exit 1
fi
