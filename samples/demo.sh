#!/bin/sh
# demo.sh - what `make demo` shows: ipxelint's findings on every sample (the
# buggy-*.ipxe ones are meant to have some), one --dump-ast excerpt, and a
# simulator run per sample once BUILD/ipxesim exists.  Always exits 0: the
# findings are the point of the demo.   Usage: sh samples/demo.sh BUILD_DIR
set -u

build=${1:-build}
dir=$(dirname "$0")

heading() {
	printf '\n== %s\n' "$*"
}

# ipxelint exits 1 on findings, which is expected here; 2 means it could not
# read the file and is worth saying.
lint_samples() {
	heading "ipxelint -f tty on each sample (see README.md for each one)"
	for f in "$dir"/*.ipxe; do
		printf '\n-- %s\n' "$f"
		"$build/ipxelint" -f tty "$f"
		case $? in
		0) echo "   no findings" ;;
		1) ;;
		*) echo "   (ipxelint could not check this file)" ;;
		esac
	done
}

# The parsed structure of the menu's choose line: options, operators and a
# ${...} reference.  Falls back to the top of the dump if the line moved.
dump_excerpt() {
	menu=$dir/menu.ipxe
	heading "ipxelint --dump-ast $menu (25 lines from its choose line)"
	out=$("$build/ipxelint" --dump-ast "$menu" |
	      awk '/ line "choose /{p=1} p && n < 25 {print; n++}')
	if [ -z "$out" ]; then
		out=$("$build/ipxelint" --dump-ast "$menu" | head -n 25)
	fi
	printf '%s\n' "$out"
}

# Runs a command with a time limit when timeout(1) exists: a menu waiting
# for a key that never comes must not stop the demo.
limited() {
	if command -v timeout >/dev/null 2>&1; then
		timeout 20 "$@"
	else
		"$@"
	fi
}

# One simulator run of sample $1 on the machine of its oracle recording:
# the "sim:" options of samples/NAME.opts (the conformance format) and the
# keys of the "send" steps of samples/NAME.keys on standard input (plain
# characters, all the samples need).  make check compares these runs with
# samples/NAME.oracle.
simulate() {
	name=$(basename "$1" .ipxe)
	opts=$(sed -n 's/^sim://p' "$dir/$name.opts" 2>/dev/null)
	keys=$(sed -n 's/^send //p' "$dir/$name.keys" 2>/dev/null)
	# shellcheck disable=SC2086 # the options are words
	printf '%s' "$keys" | limited "$build/ipxesim" $opts "$1"
	echo "   (exit status $?)"
}

# SIMULATOR: one ipxesim run per sample, only once the binary exists.
simulate_samples() {
	if [ ! -x "$build/ipxesim" ]; then
		heading "ipxesim: $build/ipxesim not built, no simulator run"
		return 0
	fi
	heading "ipxesim on each sample, on the machine of its oracle run"
	for f in "$dir"/*.ipxe; do
		printf '\n-- %s\n' "$f"
		simulate "$f"
	done
}

if [ ! -x "$build/ipxelint" ]; then
	echo "demo: $build/ipxelint not found; run make first" >&2
	exit 0
fi
lint_samples
dump_excerpt
simulate_samples
exit 0
