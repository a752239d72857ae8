#!/bin/sh
# settings.sh - prints the setting names that the completions offer for
# `ipxesim --set', on one line: every predefined setting of
# stdlib/settings.def, and net0/NAME for a network device's own settings.
# The Makefile puts them into the completion scripts it builds:
#   sh docs/completion/settings.sh [stdlib/settings.def]
set -u
def=${1:-$(dirname "$0")/../../stdlib/settings.def}
[ -r "$def" ] || { echo "settings.sh: cannot read $def" >&2; exit 2; }
awk '/^SETTING\(/ {
	split($0, q, "\"")
	scope = $0
	sub(/^[^,]*,[^,]*,[^,]*,[^,]*, */, "", scope)
	sub(/,.*/, "", scope)
	names = names sep q[2]; sep = " "
	if (scope == "SCOPE_NETDEV")
		net = net " net0/" q[2]
}
END { print names net }' "$def"
