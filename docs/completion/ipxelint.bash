# ipxelint.bash - bash completion for ipxelint(1), installed as
# share/bash-completion/completions/ipxelint by `make install'.  The
# options come from `ipxelint --help' and the check codes and names from
# `ipxelint --list-checks' of the ipxelint being completed, so they are
# never out of date; only the option values below are spelled here
# (tests/check-completion.sh checks them against the tools).
# Works with or without the bash-completion package.

# The word being completed and the option it is the value of ("" if
# none), handling both "--opt value" and "--opt=value" (bash splits the
# latter at '=' into three words).  Sets cur and opt.
_ipxekit_word()
{
	local i=$COMP_CWORD
	cur=${COMP_WORDS[i]}
	opt=
	if [[ $cur == = ]]; then
		cur='' opt=${COMP_WORDS[i-1]}
	elif (( i > 1 )) && [[ ${COMP_WORDS[i-1]} == = ]]; then
		opt=${COMP_WORDS[i-2]}
	elif [[ $cur == --*=* ]]; then
		opt=${cur%%=*} cur=${cur#*=}
	elif (( i > 0 )); then
		opt=${COMP_WORDS[i-1]}
	fi
}

# The options of TOOL --help: -f and --format of "  -f, --format=FMT".
_ipxekit_options()
{
	"$1" --help 2>/dev/null | awk '/^(  |      )-/ {
		sub(/^ +/, ""); i = index($0, "  ")
		if (i) $0 = substr($0, 1, i - 1)
		n = split($0, w, /[ ,]+/)
		for (j = 1; j <= n; j++) {
			o = w[j]; sub(/\[?=.*/, "", o)
			if (o ~ /^-/) print o (w[j] ~ /^[^[]*=/ ? "=" : "")
		}
	}'
}

# Completes a comma-separated list: the words already given stay, the
# last one is completed from the remaining arguments.
_ipxekit_list()
{
	local head='' tail=$cur
	if [[ $cur == *,* ]]; then
		head=${cur%,*}, tail=${cur##*,}
	fi
	local w
	COMPREPLY=()
	for w in "$@"; do
		[[ $w == "$tail"* ]] && COMPREPLY+=("$head$w")
	done
}

_ipxelint()
{
	local cur opt cmd=${COMP_WORDS[0]}
	_ipxekit_word
	case $opt in
	-f | --format)
		COMPREPLY=($(compgen -W 'tty gcc json sarif checkstyle diff
			quiet' -- "$cur"))
		return ;;
	--color)
		COMPREPLY=($(compgen -W 'auto always never' -- "$cur"))
		return ;;
	-S | --severity)
		COMPREPLY=($(compgen -W 'error warning info style' -- "$cur"))
		return ;;
	-e | --exclude | -o | --enable | --explain)
		local checks
		checks=$("$cmd" --list-checks 2>/dev/null | awk 'NR > 1 {
			line = $0
			sub(/^[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+ +(on|off \(-o\)) +/,
			    "", line)
			sub(/ .*/, "", line)
			print $1; print line }')
		[[ $opt == -o || $opt == --enable ]] && checks+=" all"
		if [[ $opt == --explain ]]; then
			COMPREPLY=($(compgen -W "$checks" -- "$cur"))
		else
			_ipxekit_list $checks
			compopt -o nospace 2>/dev/null
		fi
		return ;;
	--build)
		COMPREPLY=($(compgen -W 'default bios efi full' -- "$cur")
			   $(compgen -f -- "$cur"))
		return ;;
	--root)
		COMPREPLY=($(compgen -d -- "$cur"))
		return ;;
	--stdin-filename)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_ipxekit_options "$cmd")" -- "$cur"))
		[[ ${COMPREPLY[0]-} == *= ]] && compopt -o nospace 2>/dev/null
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -o bashdefault -F _ipxelint ipxelint
