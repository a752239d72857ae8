# tests/tty/lib.sh - drives ipxesim's terminal mode through tmux, for the
# tests/tty/*.test.sh scripts (bash; `make check-tty` runs them).
#
#   . tests/tty/lib.sh
#   tty_start NAME COLSxROWS CMD...  CMD in a new detached tmux session of
#                                    that size, run from the repository
#                                    root with HOME and XDG_STATE_HOME
#                                    under $TTY_TMP (a fresh temp dir)
#   tty_keys NAME KEYS...            tmux send-keys arguments, as given
#   tty_wait NAME REGEX [SECONDS]    until the pane matches REGEX (grep -E);
#                                    after SECONDS (default 10) fails,
#                                    showing the last capture
#   tty_capture NAME                 prints the pane (plain text)
#   tty_capture_attr NAME            prints it with colour/attribute escapes
#   tty_start_status NAME COLSxROWS CMD...
#                                    the same, CMD under a shell that
#                                    survives Ctrl-C and keeps CMD's exit
#                                    status for tty_status
#   tty_status NAME [SECONDS]        waits for CMD (of tty_start_status)
#                                    to end (default 10 s) and prints its
#                                    exit status, or "still running ..."
#   tty_stop NAME                    ends the session
#   tty_ok MSG                       prints "ok - MSG"
#   tty_fail MSG                     prints "FAIL - MSG" and exits 1
#
# Each test file gets its own tmux server (socket under $TTY_TMP), whose
# panes stay after their command exits (remain-on-exit), so the last
# screen and the outcome line can still be read; the status line is off,
# so a pane is exactly COLSxROWS.  $IPXESIM is the binary under test
# (default $BUILD/ipxesim, BUILD defaulting to build, relative to the
# repository root).

TTY_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TTY_TMP=$(mktemp -d "${TMPDIR:-/tmp}/ipxekit-tty.XXXXXX")
BUILD=${BUILD:-build}
IPXESIM=${IPXESIM:-$BUILD/ipxesim}
# for a sanitizer build (BUILD=build/san): libedit's own leaks
LSAN_OPTIONS="suppressions=$TTY_ROOT/tests/tty/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export TTY_TMP IPXESIM LSAN_OPTIONS
mkdir -p "$TTY_TMP/home" "$TTY_TMP/state"
cat > "$TTY_TMP/tmux.conf" <<'EOF'
set -g status off
set -g remain-on-exit on
set -g history-limit 2000
set -g escape-time 0
EOF

_tty() {
	tmux -S "$TTY_TMP/tmux.sock" -f "$TTY_TMP/tmux.conf" "$@"
}

_tty_cleanup() {
	_tty kill-server >/dev/null 2>&1
	rm -rf "$TTY_TMP"
}
trap _tty_cleanup EXIT

tty_ok() {
	echo "ok - $*"
}

tty_fail() {
	echo "FAIL - $*"
	exit 1
}

tty_start() {
	local name=$1 size=$2 cmd
	shift 2
	case $size in
	*x*) ;;
	*) tty_fail "tty_start: size '$size' is not COLSxROWS" ;;
	esac
	printf -v cmd '%q ' "$@"
	_tty new-session -d -s "$name" -x "${size%x*}" -y "${size#*x}" \
		"cd $(printf %q "$TTY_ROOT") && exec env \
HOME=$(printf %q "$TTY_TMP/home") \
XDG_STATE_HOME=$(printf %q "$TTY_TMP/state") $cmd" ||
		tty_fail "tty_start: tmux could not start '$*'"
}

tty_start_status() {
	local name=$1 size=$2
	shift 2
	tty_start "$name" "$size" bash -c \
		'trap : INT; "$@"; echo $? > "$TTY_TMP/'"$name"'.status"' \
		tty-status "$@"
}

tty_keys() {
	local name=$1
	shift
	_tty send-keys -t "$name" "$@" || tty_fail "tty_keys: $name: $*"
}

tty_capture() {
	_tty capture-pane -p -t "$1"
}

tty_capture_attr() {
	_tty capture-pane -p -e -t "$1"
}

tty_wait() {
	local name=$1 regex=$2 secs=${3:-10} screen
	local tries=$((secs * 10))

	while [ "$tries" -gt 0 ]; do
		screen=$(tty_capture "$name" 2>/dev/null)
		if printf '%s\n' "$screen" | grep -Eq -- "$regex"; then
			return 0
		fi
		sleep 0.1
		tries=$((tries - 1))
	done
	echo "--- $name after ${secs}s, waiting for /$regex/:"
	printf '%s\n' "$screen"
	echo "---"
	tty_fail "tty_wait: $name: no /$regex/ within ${secs}s"
}

tty_status() {
	local name=$1 secs=${2:-10}
	local tries=$((secs * 10)) file="$TTY_TMP/$name.status"

	# (tmux 3.3 does not always keep a dead pane's exit status, so the
	# shell of tty_start_status writes it to a file)
	while [ ! -s "$file" ] && [ "$tries" -gt 0 ]; do
		sleep 0.1
		tries=$((tries - 1))
	done
	# no tty_fail here: this runs in $(...), a subshell
	if [ -s "$file" ]; then
		cat "$file"
	else
		echo "still running after ${secs}s"
	fi
}

tty_stop() {
	_tty kill-session -t "$1" >/dev/null 2>&1
	return 0
}
