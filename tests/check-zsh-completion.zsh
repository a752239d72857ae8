#!/bin/zsh -f
# check-zsh-completion.zsh - presses TAB in a real interactive zsh (on a
# pseudo-terminal, zsh/zpty) with BUILD/completion first in fpath and
# BUILD first in PATH, and checks what the line becomes or lists.
# tests/check-completion.sh runs it when zsh is installed.
#   zsh -f tests/check-zsh-completion.zsh [BUILD]
zmodload zsh/zpty || { print -u2 "check-zsh-completion: no zsh/zpty"; exit 2 }
setopt extendedglob
build=${1:-build}
build=${build:a}
bad=0

# await PATTERN: reads the terminal until its text (escape sequences
# removed) matches PATTERN; false after 20 s.
await() {
	local chunk deadline=$(( SECONDS + 20 ))
	while (( SECONDS < deadline )); do
		if zpty -r -t z chunk 2>/dev/null; then
			screen+=$chunk
			clean=${screen//$'\e'\[[0-9;?]#[a-zA-Z]/}
			clean=${clean//[$'\r\b']/}
			[[ $clean == *${~1}* ]] && return 0
		else
			sleep 0.05
		fi
	done
	return 1
}

# expect LINE PATTERN: LINE then TAB must show PATTERN; then the line is
# cleared (^U) for the next one.
expect() {
	screen=
	zpty -w -n z "$1"$'\t'
	if ! await "$2"; then
		print -u2 "check-zsh-completion: '$1<TAB>' does not show" \
			"'$2'; the terminal shows: ${${clean//$'\n'/ | }[-300,-1]}"
		bad=1
	fi
	zpty -w -n z $'\x15'
}

screen= clean=
if ! zpty z zsh -f -i; then
	print "check-zsh-completion: no pseudo-terminal here: skipped"
	exit 0
fi
zpty -w z "PS1='%% '; PATH=$build:\$PATH; fpath=($build/completion \$fpath); autoload -U compinit; compinit -u -D; print RE''ADY"
if ! await READY; then
	print -u2 "check-zsh-completion: zsh did not start"
	exit 1
fi
expect 'ipxelint --sev' 'ipxelint --severity='
expect 'ipxelint -S ' 'warning'
expect 'ipxelint -e IPX6001,dup' 'IPX6001,duplicate-'
expect 'ipxelint -o al' 'ipxelint -o all'
expect 'ipxelint --explain IPX300' 'IPX3005'
expect 'ipxesim --mach' 'ipxesim --machine='
expect 'ipxesim --set net0/ma' 'ipxesim --set net0/mac='
expect 'ipxesim --dhcp=' 'fail'

zpty -d z
(( bad )) || print "check-zsh-completion: zsh completes options, checks" \
	"and settings"
exit $bad
