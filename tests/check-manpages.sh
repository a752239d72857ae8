#!/bin/sh
# check-manpages.sh - keeps docs/man/ true to the tools: every option line
# of `TOOL --help` must have its entry in the OPTIONS section of
# docs/man/TOOL.1 (same short and long name, same argument), and the
# reverse; the CHECKS list of ipxelint.1 must be what
# `ipxelint --list-checks` prints; and every page must render without
# groff warnings (what lintian checks) when man is installed.
#
#   sh tests/check-manpages.sh [BUILD]            check (make check-run)
#   sh tests/check-manpages.sh --update [BUILD]   rewrite ipxelint.1's
#                                                 CHECKS list
#
# An option entry is a .TP paragraph whose first line reads, once the font
# escapes are removed, as --help spells the option:
#   .TP
#   \fB\-f\fR, \fB\-\-format\fR=\fIFMT\fR
set -u
cd "$(dirname "$0")/.." || exit 2
update=0
[ "${1:-}" = "--update" ] && { update=1; shift; }
build=${1:-build}
man=docs/man
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
bad=0

# The option column of --help: "-f, --format=FMT" from
# "  -f, --format=FMT        tty (default)..." (an option line starts with
# 2 blanks, or 6 before a long option alone; descriptions with 26).
help_options() {
	"$build/$1" --help | awk '
		/^(  |      )-/ {
			sub(/^ +/, "")
			i = index($0, "  ")
			print i ? substr($0, 1, i - 1) : $0
		}'
}

# The first line of each .TP paragraph of the OPTIONS section, as text.
man_options() {
	awk '
		/^\.SH/ { inopt = ($0 ~ /^\.SH +"?OPTIONS"?/); next }
		!inopt { next }
		/^\.TP/ { want = 1; next }
		want {
			want = 0
			gsub(/\\f[BIRP]/, "")
			gsub(/\\-/, "-")
			gsub(/\\&/, "")
			print
		}' "$1"
}

# The long name of an option line: "--format" of "-f, --format=FMT".
long_name() {
	printf '%s\n' "$1" | sed -n 's/.*\(--[A-Za-z0-9-]*\).*/\1/p'
}

check_options() {
	tool=$1
	page=$man/$tool.1
	help_options "$tool" > "$tmp/help" || {
		echo "check-manpages: $build/$tool --help failed" >&2
		bad=1
		return
	}
	if [ ! -s "$tmp/help" ]; then
		echo "check-manpages: no option lines in $tool --help" >&2
		bad=1
		return
	fi
	man_options "$page" > "$tmp/man"
	while IFS= read -r opt; do
		grep -qxF -- "$opt" "$tmp/man" && continue
		bad=1
		name=$(long_name "$opt")
		other=$(grep -F -- "$name" "$tmp/man" |
			awk -v n="$name" '{ for (i = 1; i <= NF; i++) {
				w = $i; sub(/[=,].*/, "", w)
				if (w == n) { print; exit } } }')
		if [ -n "$other" ]; then
			echo "$page: option $name reads '$other' in OPTIONS but" \
			     "'$opt' in '$tool --help': make them agree" >&2
			continue
		fi
		roff=$(printf '%s\n' "$opt" | sed -e 's/-/\\-/g' \
			-e 's/\(\\-[\\A-Za-z0-9-]*\)/\\fB\1\\fR/g' \
			-e 's/\[=\([^]=]*\)\]$/[=\\fI\1\\fR]/' \
			-e 's/=\([^]=]*\)$/=\\fI\1\\fR/')
		echo "$page: option $name ('$opt') is in '$tool --help' but" \
		     "not in the OPTIONS section of $page; add:" >&2
		printf '    .TP\n    %s\n    <what it does>\n' "$roff" >&2
	done < "$tmp/help"
	while IFS= read -r opt; do
		grep -qxF -- "$opt" "$tmp/help" && continue
		name=$(long_name "$opt")
		awk -v n="$name" '{ for (i = 1; i <= NF; i++) {
			w = $i; sub(/[=,].*/, "", w); if (w == n) f = 1 } }
			END { exit !f }' "$tmp/help" && continue  # said above
		bad=1
		echo "$page: OPTIONS has '$opt', which '$tool --help' does" \
		     "not list: remove it from $page or add it to --help" >&2
	done < "$tmp/man"
}

# ipxelint --list-checks as .TP entries:  name (severity, family[, can
# fix][, off by default: -o]): summary
checks_roff() {
	"$build/ipxelint" --list-checks | awk '
		NR == 1 { next }
		{
			code = $1; sev = $2; fam = $3; fix = $4
			line = $0
			sub(/^[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+ +/, "", line)
			opt = line ~ /^off/
			sub(/^(on|off \(-o\)) +/, "", line)
			name = line; sub(/ .*/, "", name)
			summary = line; sub(/^[^ ]+ +/, "", summary)
			gsub(/\\/, "\\e", summary)
			gsub(/-/, "\\-", name); gsub(/-/, "\\-", fam)
			print ".TP"
			print ".B " code
			printf "%s (%s, %s%s%s): %s\n", name, sev, fam,
				fix == "yes" ? ", can fix" : "",
				opt ? ", off by default: \\-o" : "", summary
		}'
}

checks_section() {
	awk '/^\.\\" END CHECKS/ { p = 0 } p; /^\.\\" BEGIN CHECKS/ { p = 1 }' \
		"$man/ipxelint.1"
}

if [ $update = 1 ]; then
	checks_roff > "$tmp/checks" || exit 2
	awk -v f="$tmp/checks" '
		/^\.\\" END CHECKS/ { while ((getline l < f) > 0) print l; p = 0 }
		!p; /^\.\\" BEGIN CHECKS/ { p = 1 }' \
		"$man/ipxelint.1" > "$tmp/page" &&
	cat "$tmp/page" > "$man/ipxelint.1" &&
	echo "check-manpages: updated the CHECKS list of $man/ipxelint.1"
	exit
fi

for tool in ipxelint ipxesim; do
	if [ ! -x "$build/$tool" ]; then
		echo "check-manpages: no $build/$tool (build it first)" >&2
		exit 2
	fi
	check_options "$tool"
done

checks_roff > "$tmp/want"
checks_section > "$tmp/have"
if ! cmp -s "$tmp/want" "$tmp/have"; then
	bad=1
	codes() { awk '/^\.B IPX/ { print $2 }' "$1"; }
	codes "$tmp/want" > "$tmp/wc"
	codes "$tmp/have" > "$tmp/hc"
	for c in $(grep -vxF -f "$tmp/hc" "$tmp/wc"); do
		echo "$man/ipxelint.1: check $c is in 'ipxelint --list-checks'" \
		     "but not in the CHECKS section" >&2
	done
	for c in $(grep -vxF -f "$tmp/wc" "$tmp/hc"); do
		echo "$man/ipxelint.1: CHECKS lists $c, which" \
		     "'ipxelint --list-checks' does not" >&2
	done
	echo "$man/ipxelint.1: its CHECKS list differs from" \
	     "'ipxelint --list-checks'; run: sh tests/check-manpages.sh" \
	     "--update $build   (then review git diff $man)" >&2
	diff -u "$tmp/have" "$tmp/want" | sed -n '3,40p' >&2
fi

# groff's warnings, as lintian's groff-message check sees them.
if command -v man >/dev/null 2>&1 && command -v groff >/dev/null 2>&1
then
	for page in "$man"/*.[1-8]; do
		out=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings \
		      -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null)
		[ -z "$out" ] && continue
		bad=1
		printf '%s: groff warnings:\n%s\n' "$page" "$out" >&2
	done
else
	echo "check-manpages: man or groff not installed: rendering not" \
	     "checked"
fi

[ $bad = 0 ] && echo "check-manpages: docs/man agrees with --help and" \
		     "--list-checks"
exit $bad
