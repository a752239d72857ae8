#!/bin/bash
# tests/tty/menu.test.sh - ipxesim's terminal mode on menus, driven through
# tmux: what is drawn (title, items, highlight, colours, countdown,
# scrolling), the keys (arrows, Home/End, PgUp/PgDn, hot-keys, Enter,
# Esc, Ctrl-C), the outcome, and the terminal put back afterwards.
. "$(dirname "$0")/lib.sh"

MENU="samples/menu.ipxe"

# The attribute capture's rows drawn highlighted: the selection colour
# (white on red, SGR 41), or reverse video (SGR 7) without colours.
highlighted() {
	tty_capture_attr "$1" | grep -E "$2"
}

# check_highlight NAME TEXT [SGR]: exactly one highlighted row, TEXT's.
check_highlight() {
	local rows sgr=${3:-41}
	rows=$(highlighted "$1" "\\[($sgr|[0-9;]*;$sgr)m")
	if [ "$(printf '%s\n' "$rows" | grep -c .)" -ne 1 ] ||
	   ! printf '%s\n' "$rows" | grep -qF -- "$2"; then
		tty_capture_attr "$1" | cat -v
		tty_fail "$1: the highlight should be on '$2' only"
	fi
}

# wait_highlight NAME TEXT [SGR]: until the highlight is on TEXT (5 s).
wait_highlight() {
	local tries=50 rows sgr=${3:-41}
	while [ "$tries" -gt 0 ]; do
		rows=$(highlighted "$1" "\\[($sgr|[0-9;]*;$sgr)m")
		if [ "$(printf '%s\n' "$rows" | grep -c .)" -eq 1 ] &&
		   printf '%s\n' "$rows" | grep -qF -- "$2"; then
			return 0
		fi
		sleep 0.1
		tries=$((tries - 1))
	done
	check_highlight "$@"
}

# pane_flag NAME FORMAT: a tmux format of the pane, e.g. alternate_on.
pane_flag() {
	_tty display-message -p -t "$1" "#{$2}"
}

# ---- the sample menu: drawing, navigation, Enter boots
# (the shell stays: a dead pane's cursor flag is tmux's, not ours)
tty_start m 80x25 sh -c "\"\$IPXESIM\" --no-shell --root samples/root $MENU;
echo exit=\$?; stty -a; sleep 60"
tty_wait m 'Re\(b\)oot'
screen=$(tty_capture m)
[ "$(printf '%s\n' "$screen" | sed -n 2p)" = \
  "                 Lab boot menu - 52:54:00:12:34:56 (10.0.2.15)" ] ||
	tty_fail "sample: title not centred on row 1: $(echo "$screen" | sed -n 2p)"
[ "$(printf '%s\n' "$screen" | sed -n 4p)" = "   Install" ] ||
	tty_fail "sample: first item not on row 3"
printf '%s\n' "$screen" | grep -Eq '^   Boot from the \(l\)ocal disk +\([0-9]+\)$' ||
	tty_fail "sample: no countdown on the default item"
check_highlight m 'Boot from the (l)ocal disk'
[ "$(pane_flag m alternate_on)" = 1 ] ||
	tty_fail "sample: the menu is not on the alternate screen"
[ "$(pane_flag m cursor_flag)" = 0 ] ||
	tty_fail "sample: the cursor shows while the menu does"
tty_capture_attr m | grep -q '44m' ||
	tty_fail "sample: no blue background (iPXE's normal colour pair)"
tty_ok "sample menu drawn: title, items, default highlighted, countdown"

tty_keys m Down
wait_highlight m 'iPXE (s)hell'
tty_keys m Up Up
wait_highlight m '(R)escue system'
# a key press stops the countdown (no --retimeout)
printf '%s\n' "$(tty_capture m)" | grep -q '([0-9])' &&
	tty_fail "sample: the countdown runs on after a key press"
tty_ok "Down, Up (skipping the Leave heading), countdown stopped"

tty_keys m End
wait_highlight m 'Re(b)oot'
tty_keys m Home
wait_highlight m '(D)ebian 12 network install'
tty_keys m PgDn
wait_highlight m 'Re(b)oot'
tty_keys m PgUp
wait_highlight m '(D)ebian 12 network install'
tty_ok "End, Home, PgDn, PgUp (tmux's ESC [ 1~ / 4~ / 5~ / 6~)"

# the other encodings of Home and End: ESC [ H / F and ESC O H / F
tty_keys m -l $'\e[F'
wait_highlight m 'Re(b)oot'
tty_keys m -l $'\e[H'
wait_highlight m '(D)ebian 12 network install'
tty_keys m -l $'\eOF'
wait_highlight m 'Re(b)oot'
tty_keys m -l $'\eOH'
wait_highlight m '(D)ebian 12 network install'
tty_ok "Home and End as ESC [ H/F and ESC O H/F"

tty_keys m Down Up Enter
tty_wait m 'exit=3'
screen=$(tty_capture m)
printf '%s\n' "$screen" | grep -q '^ipxesim: booted .*linux' ||
	tty_fail "sample: no boot outcome line after Enter"
printf '%s\n' "$screen" | grep -q '^/debian-installer/amd64/initrd.gz... ok' ||
	tty_fail "sample: the Debian entry did not run"
# the last frame stays in the normal screen, as in the oracle's transcript
printf '%s\n' "$screen" | grep -Eq '^   Re\(b\)oot$' ||
	tty_fail "sample: the menu's last frame is not left on the screen"
[ "$(pane_flag m alternate_on)" = 0 ] ||
	tty_fail "sample: still on the alternate screen"
[ "$(pane_flag m cursor_flag)" = 1 ] ||
	tty_fail "sample: the cursor stays hidden"
# stty -a's local flags line (it ends with echoke or -echoke)
tty_wait m 'echoke'
screen=$(tty_capture m)
if ! printf '%s\n' "$screen" | grep -Eq '(^| )icanon ' ||
   ! printf '%s\n' "$screen" | grep -Eq '(^| )echo '; then
	tty_fail "sample: the terminal is not back in icanon echo mode"
fi
tty_stop m
tty_ok "Enter boots the entry; frame kept; terminal restored (icanon echo)"

# ---- a hot-key chooses at once
tty_start k 80x25 sh -c "\"\$IPXESIM\" --no-shell --root samples/root $MENU;
echo exit=\$?"
tty_wait k 'Re\(b\)oot'
tty_keys k m
tty_wait k 'exit=3'
tty_capture k | grep -q '^ipxesim: booted .*memtest64.bin' ||
	tty_fail "hot-key m did not boot memtest"
tty_stop k
tty_ok "hot-key m boots memtest at once"

# ---- Esc cancels: Operation canceled (0x0b2ce0a0)
tty_start e 80x25 sh -c "\"\$IPXESIM\" --no-shell tests/tty/fixtures/cancel.ipxe;
echo exit=\$?"
tty_wait e 'Beta'
tty_keys e Escape
tty_wait e 'exit=4'
tty_capture e | grep -q '^choose failed: 0xb2ce0a0$' ||
	tty_fail "Esc: choose did not fail with ECANCELED"
tty_capture e | grep -Eq '^chose *$' ||
	tty_fail "Esc: the setting was stored"
tty_stop e
tty_ok "Esc cancels the menu (Operation canceled, 0xb2ce0a0)"

# ---- Alt-C (ESC c) is iPXE's Ctrl-C key: the menu cancels, the run goes on
tty_start a 80x25 sh -c "\"\$IPXESIM\" --no-shell tests/tty/fixtures/cancel.ipxe;
echo exit=\$?"
tty_wait a 'Beta'
tty_keys a M-c
tty_wait a 'exit=4'
tty_capture a | grep -q '^choose failed: 0xb2ce0a0$' ||
	tty_fail "Alt-C: choose did not fail with ECANCELED"
tty_stop a
tty_ok "Alt-C is iPXE's Ctrl-C: the menu is cancelled"

# ---- Ctrl-C stops the simulator and puts the terminal back
# (bash, not sh: dash quits on the SIGINT it got too, bash waits for the
# child and sees that it exited by itself)
tty_start c 80x25 bash -c "\"\$IPXESIM\" --no-shell tests/tty/fixtures/cancel.ipxe;
echo exit=\$?; stty -a"
tty_wait c 'Beta'
tty_keys c C-c
tty_wait c 'exit=6'
tty_wait c 'echoke'
screen=$(tty_capture c)
printf '%s\n' "$screen" | grep -q '^ipxesim: interrupted by Ctrl-C$' ||
	tty_fail "Ctrl-C: no 'interrupted' outcome"
printf '%s\n' "$screen" | grep -q '^choose failed' &&
	tty_fail "Ctrl-C: the script went on"
printf '%s\n' "$screen" | grep -Eq '(^| )icanon ' ||
	tty_fail "Ctrl-C: the terminal is not back in icanon mode"
[ "$(pane_flag c alternate_on)" = 0 ] ||
	tty_fail "Ctrl-C: still on the alternate screen"
tty_stop c
tty_ok "Ctrl-C: outcome 'interrupted', exit 6, terminal restored"

# ---- a countdown that runs out by itself, in real time
tty_start t 80x25 sh -c "\"\$IPXESIM\" --no-shell tests/tty/fixtures/timeout.ipxe;
echo exit=\$?"
tty_wait t '^   Beta +\(2\)$' 5
check_highlight t 'Beta'
tty_wait t '^   Beta +\(1\)$' 3
start=$(date +%s%N)
tty_wait t 'exit=4' 4
elapsed=$((($(date +%s%N) - start) / 1000000))
[ "$elapsed" -gt 300 ] ||
	tty_fail "timeout: the last second took only ${elapsed} ms"
tty_capture t | grep -q '^chose b$' || tty_fail "timeout: b was not chosen"
tty_stop t
tty_ok "countdown (3), (2), (1), then the default is chosen (real time)"

# ---- NO_COLOR: no colours, the highlight in reverse video
tty_start n 80x25 env NO_COLOR=1 "$IPXESIM" --no-shell tests/tty/fixtures/cancel.ipxe
tty_wait n 'Beta'
check_highlight n 'Alpha' 7
tty_capture_attr n | grep -Eq '\[(3[0-7]|4[0-7])m|;(3[0-7]|4[0-7])m' &&
	tty_fail "NO_COLOR: colours drawn"
tty_keys n Down
wait_highlight n 'Beta' 7
tty_stop n
tty_ok "NO_COLOR=1: no colour, highlight in reverse video"

# ---- a terminal without colours: the same
tty_start d 80x25 env TERM=dumb "$IPXESIM" --no-shell tests/tty/fixtures/cancel.ipxe
tty_wait d 'Beta'
check_highlight d 'Alpha' 7
tty_capture_attr d | grep -Eq '\[(3[0-7]|4[0-7])m|;(3[0-7]|4[0-7])m' &&
	tty_fail "TERM=dumb: colours drawn"
tty_stop d
tty_ok "TERM=dumb: no colour, highlight in reverse video"

# ---- more items than rows: the list scrolls by pages
tty_start l 80x25 sh -c "\"\$IPXESIM\" --no-shell tests/tty/fixtures/long.ipxe;
echo exit=\$?"
tty_wait l 'Item number 20'
screen=$(tty_capture l)
printf '%s\n' "$screen" | grep -q 'Item number 21' &&
	tty_fail "scroll: item 21 shown on the first page"
[ "$(printf '%s\n' "$screen" | sed -n 24p)" = "   ..." ] ||
	tty_fail "scroll: no '...' under the first page"
tty_keys l End
tty_wait l 'Item number 30'
screen=$(tty_capture l)
[ "$(printf '%s\n' "$screen" | sed -n 3p)" = "   ..." ] ||
	tty_fail "scroll: no '...' above the last page"
[ "$(printf '%s\n' "$screen" | sed -n 4p)" = "   Item number 21" ] ||
	tty_fail "scroll: the last page does not start at item 21"
check_highlight l 'Item number 30'
tty_keys l PgUp
tty_wait l '^   Item number 01'
check_highlight l 'Item number 20'
tty_keys l Enter
tty_wait l 'exit=4'
tty_capture l | grep -q '^chose i20$' || tty_fail "scroll: i20 not chosen"
tty_stop l
tty_ok "30 items: pages of 20, '...' markers, End/PgUp, Enter"

# ---- a terminal smaller than iPXE's screen: the top-left part, and a note
tty_start s 60x20 "$IPXESIM" --no-shell tests/tty/fixtures/long.ipxe
tty_wait s 'Item number 16'
tty_capture s | grep -q 'ipxesim: this 60x20 terminal shows only' ||
	tty_fail "small: no note about the cut screen"
tty_capture s | grep -q 'Item number 17' &&
	tty_fail "small: row 19 drawn under the note"
# growing the terminal (SIGWINCH) redraws the whole screen
_tty resize-window -t s -x 80 -y 25
tty_wait s 'Item number 20' 3
tty_capture s | grep -q 'ipxesim: this' &&
	tty_fail "resize: the note stays"
tty_stop s
tty_ok "60x20 terminal: top-left part and a note; resized, all of it"

# ---- killed while the menu shows: the terminal is put back first
tty_start z 80x25 sh -c "\"\$IPXESIM\" --no-shell tests/tty/fixtures/cancel.ipxe;
echo exit=\$?; stty -a; sleep 60"
tty_wait z 'Beta'
shell_pid=$(_tty display-message -p -t z '#{pane_pid}')
sim_pid=$(pgrep -P "$shell_pid")
[ -n "$sim_pid" ] || tty_fail "SIGTERM: no ipxesim process under the pane"
kill -TERM "$sim_pid"
tty_wait z 'exit=143'
tty_wait z 'echoke'
tty_capture z | grep -Eq '(^| )icanon ' ||
	tty_fail "SIGTERM: the terminal is not back in icanon mode"
[ "$(pane_flag z alternate_on)" = 0 ] ||
	tty_fail "SIGTERM: still on the alternate screen"
[ "$(pane_flag z cursor_flag)" = 1 ] ||
	tty_fail "SIGTERM: the cursor stays hidden"
tty_stop z
tty_ok "SIGTERM in a menu: terminal restored, then killed by the signal"
