#!/bin/bash
# check-completion.sh - tests the shell completions that `make install'
# installs (BUILD/completion/, made from docs/completion/) against the
# tools of BUILD:
#  - bash: the functions are loaded as bash-completion loads them, then
#    called as bash calls them (COMP_WORDS, COMP_CWORD); every option of
#    --help must be offered, every value offered for an option must be one
#    the tool accepts, every check of --list-checks must be offered to -e,
#    and --set must offer every setting name;
#  - zsh: every option of --help must have its spec in _ipxelint or
#    _ipxesim; when zsh is installed, the files must parse (zsh -n) and
#    TAB in an interactive zsh must complete (check-zsh-completion.zsh).
#   bash tests/check-completion.sh [BUILD]        (make check-docs)
set -u
cd "$(dirname "$0")/.." || exit 2
build=${1:-build}
comp=$build/completion
for f in ipxelint ipxesim _ipxelint _ipxesim; do
	[ -r "$comp/$f" ] || { echo "check-completion: no $comp/$f" \
		"(make $comp/$f)" >&2; exit 2; }
done
lint=$build/ipxelint
sim=$build/ipxesim
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
printf '#!ipxe\necho ok\n' > "$tmp/ok.ipxe"
bad=0
fail() {
	echo "check-completion: $*" >&2
	bad=1
}

# shellcheck source=/dev/null
source "$comp/ipxelint" && source "$comp/ipxesim" ||
	{ echo "check-completion: sourcing the completions failed" >&2; exit 1; }
complete -p ipxelint | grep -q -- '-F _ipxelint' ||
	fail "'complete -p ipxelint' does not name _ipxelint"
complete -p ipxesim | grep -q -- '-F _ipxesim' ||
	fail "'complete -p ipxesim' does not name _ipxesim"

# complete FUNCTION WORD...: what bash offers for the last WORD.
complete_words() {
	local fn=$1
	shift
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	"$fn" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
	printf '%s\n' "${COMPREPLY[@]}"
}

# The options of TOOL --help, as "-f" and "--format" (one a line).
help_options() {
	"$1" --help | awk '/^(  |      )-/ {
		sub(/^ +/, ""); i = index($0, "  ")
		if (i) $0 = substr($0, 1, i - 1)
		n = split($0, w, /[ ,]+/)
		for (j = 1; j <= n; j++) {
			o = w[j]; sub(/\[?=.*/, "", o)
			if (o ~ /^-/) print o
		}
	}'
}

for tool in ipxelint ipxesim; do
	help_options "$build/$tool" > "$tmp/$tool.opts"
	[ -s "$tmp/$tool.opts" ] || fail "no options in $tool --help"
	while read -r o; do
		got=$(complete_words "_$tool" "$build/$tool" "$o")
		grep -qxE -- "$o=?" <<<"$got" ||
			fail "bash: '$tool $o<TAB>' does not offer $o" \
			     "(offers: $(tr '\n' ' ' <<<"$got"))"
		case $o in
		--*)	grep -qE -- "[')*{,]${o}[=[}]" "$comp/_$tool" ||
			fail "zsh: $tool --help has $o but" \
			     "docs/completion/_$tool has no spec for it: add" \
			     "'${o}[what it does]' (or '${o}=[...]:arg:...')" \
			     "to its _arguments" ;;
		*)	grep -qE -- "\\{$o\\+?,|'$o\\+?\\[" "$comp/_$tool" ||
			fail "zsh: $tool --help has $o but" \
			     "docs/completion/_$tool has no spec for it: add" \
			     "{$o,--LONG}'[...]' to its _arguments" ;;
		esac
	done < "$tmp/$tool.opts"
done

# values VALUE-TEST FUNCTION TOOL OPTION: every value offered for OPTION
# must be accepted by the tool (VALUE-TEST runs it with the value).
lint_accepts() { "$lint" --norc "$1" "$2" "$tmp/ok.ipxe" >/dev/null 2>&1; }
sim_accepts() { "$sim" "$1" "$2" "$tmp/ok.ipxe" >/dev/null 2>&1; }
values() {
	local test=$1 fn=$2 tool=$3 opt=$4 v n=0
	for v in $(complete_words "$fn" "$tool" "$opt" ""); do
		n=$((n + 1))
		$test "$opt" "$v" ||
			fail "bash: '$opt $v' is offered but $(basename "$tool")" \
			     "rejects it"
	done
	[ $n -ge 2 ] || fail "bash: '$opt <TAB>' offers $n values"
}
values lint_accepts _ipxelint "$lint" --format
values lint_accepts _ipxelint "$lint" -S
values lint_accepts _ipxelint "$lint" --color
values sim_accepts _ipxesim "$sim" --machine
values sim_accepts _ipxesim "$sim" -b
values sim_accepts _ipxesim "$sim" --dhcp

# --opt=value, which bash splits into "--opt" "=" "value"
got=$(complete_words _ipxelint "$lint" --format = j)
[ "$got" = json ] || fail "bash: '--format=j<TAB>' offers '$got', not json"
got=$(complete_words _ipxelint "$lint" --enable = al)
[ "$got" = all ] || fail "bash: '--enable=al<TAB>' offers '$got', not all"

# every check, by code and by name; lists after a comma
"$lint" --list-checks | awk 'NR > 1 { print $1 }' > "$tmp/codes"
complete_words _ipxelint "$lint" -e "" > "$tmp/offered"
while read -r c; do
	grep -qxF "$c" "$tmp/offered" ||
		fail "bash: '-e <TAB>' does not offer $c"
done < "$tmp/codes"
got=$(complete_words _ipxelint "$lint" -e IPX1001,goto-m)
[ "$got" = IPX1001,goto-missing-label ] ||
	fail "bash: '-e IPX1001,goto-m<TAB>' offers '$got'"
got=$(complete_words _ipxelint "$lint" --explain unreachable-l)
[ "$got" = unreachable-label ] ||
	fail "bash: '--explain unreachable-l<TAB>' offers '$got'"

# setting names for ipxesim --set
names=$(sh docs/completion/settings.sh)
complete_words _ipxesim "$sim" --set "" > "$tmp/names"
for n in $names; do
	grep -qxF "$n=" "$tmp/names" ||
		fail "bash: 'ipxesim --set <TAB>' does not offer $n="
done
got=$(complete_words _ipxesim "$sim" -s net0/m)
[ "$got" = net0/mac= ] || fail "bash: '-s net0/m<TAB>' offers '$got'"
"$sim" --set net0/mac=00:1b:21:aa:bb:cc "$tmp/ok.ipxe" >/dev/null 2>&1 ||
	fail "ipxesim rejects --set net0/mac=..., which completion offers"

# arguments: files
got=$(cd "$tmp" && complete_words _ipxelint ipxelint ok.i)
[ "$got" = ok.ipxe ] || fail "bash: 'ipxelint ok.i<TAB>' offers '$got'"

if command -v zsh >/dev/null 2>&1; then
	for f in _ipxelint _ipxesim; do
		zsh -n "$comp/$f" || fail "zsh -n $comp/$f failed"
	done
	zsh -f tests/check-zsh-completion.zsh "$build" || bad=1
else
	echo "check-completion: zsh not installed: zsh syntax not checked"
fi

[ $bad = 0 ] && echo "check-completion: bash and zsh completions agree" \
		     "with the tools"
exit $bad
