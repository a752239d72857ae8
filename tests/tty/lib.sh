# tests/tty/lib.sh - drives ipxesim in a real terminal through tmux, for
# the tests/tty/*.test.sh scripts (`make check-tty` runs each in its own
# shell, from the top of the worktree, with BUILD set).
#
#   tty_start NAME COLSxROWS CMD...  a detached session running CMD here,
#                                    with HOME and XDG_STATE_HOME under
#                                    $TTY_TMP (a fresh temp directory)
#   tty_keys NAME KEYS...            tmux send-keys arguments ("Up", "C-c",
#                                    "Enter", or -l 'literal text')
#   tty_wait NAME REGEX [SECONDS]    waits until the screen matches (grep
#                                    -E), default 5 s; fails otherwise
#   tty_capture NAME                 prints the screen
#   tty_stop NAME                    ends the session
#   tty_fail MSG                     reports, stops every session, exit 1
#
# Each session runs on a private tmux server (-L), so the tests neither
# see nor touch the user's own tmux.

TTY_TMP=$(mktemp -d "${TMPDIR:-/tmp}/ipxekit-tty.XXXXXX")
export TTY_TMP
TTY_SOCKET="ipxekit-tty-$$"
TTY_SESSIONS=""
BUILD=${BUILD:-build}
# for a sanitizer build (BUILD=build/san): libedit's own leaks
LSAN_OPTIONS="suppressions=$(pwd)/tests/tty/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS

_tty() {
	tmux -L "$TTY_SOCKET" -f /dev/null "$@"
}

tty_start() {
	name=$1 size=$2
	shift 2
	cols=${size%x*} rows=${size#*x}
	mkdir -p "$TTY_TMP/home" "$TTY_TMP/state"
	# the exit status of CMD is kept in $TTY_TMP/NAME.status; the shell
	# around CMD survives the Ctrl-C the tests type (a trapped signal is
	# back to its default in CMD)
	_tty new-session -d -s "$name" -x "$cols" -y "$rows" \
		env HOME="$TTY_TMP/home" XDG_STATE_HOME="$TTY_TMP/state" \
		TERM=xterm-256color sh -c \
		'trap : INT; "$@"; echo $? > "$0"; sleep 600' \
		"$TTY_TMP/$name.status" "$@" ||
		tty_fail "cannot start tmux session $name"
	TTY_SESSIONS="$TTY_SESSIONS $name"
}

tty_keys() {
	name=$1
	shift
	_tty send-keys -t "$name" "$@" || tty_fail "send-keys to $name failed"
}

tty_capture() {
	_tty capture-pane -p -t "$1"
}

tty_wait() {
	name=$1 re=$2 secs=${3:-5}
	tries=$((secs * 10))
	while [ "$tries" -gt 0 ]; do
		if tty_capture "$name" | grep -Eq -- "$re"; then
			return 0
		fi
		sleep 0.1
		tries=$((tries - 1))
	done
	tty_fail "$name: no /$re/ on the screen after ${secs}s"
}

# tty_status NAME [SECONDS]: waits for CMD of session NAME to end and
# prints its exit status (or "still running ...").
tty_status() {
	name=$1 secs=${2:-5}
	tries=$((secs * 10))
	while [ ! -s "$TTY_TMP/$name.status" ] && [ "$tries" -gt 0 ]; do
		sleep 0.1
		tries=$((tries - 1))
	done
	# no tty_fail here: this runs in $(...), a subshell
	if [ -s "$TTY_TMP/$name.status" ]; then
		cat "$TTY_TMP/$name.status"
	else
		echo "still running after ${secs}s"
	fi
}

tty_stop() {
	_tty kill-session -t "$1" 2>/dev/null
	TTY_SESSIONS=$(echo "$TTY_SESSIONS" | sed "s/ $1\$//; s/ $1 / /")
}

TTY_MAIN=$$
_tty_cleanup() {
	# subshells ($(...)) may run the trap too: only the test's own
	# shell cleans up
	[ "$(exec sh -c 'echo $PPID')" = "$TTY_MAIN" ] || return 0
	_tty kill-server 2>/dev/null
	rm -rf "$TTY_TMP"
}
trap _tty_cleanup EXIT

tty_fail() {
	echo "FAIL: $*" >&2
	for s in $TTY_SESSIONS; do
		echo "--- screen of $s:" >&2
		tty_capture "$s" >&2
	done
	exit 1
}
