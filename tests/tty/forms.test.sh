#!/bin/bash
# tests/tty/forms.test.sh - ipxesim's terminal mode on forms (login), the
# settings editor (config) and a prompt: edit boxes drawn with the cursor
# in them, keys that edit, the cursor hidden where upstream hides it, and
# real timeouts outside menus.
. "$(dirname "$0")/lib.sh"

pane_flag() {
	_tty display-message -p -t "$1" "#{$2}"
}

tty_start f 80x25 sh -c "\"\$IPXESIM\" --no-shell tests/tty/fixtures/forms.ipxe;
echo exit=\$?; sleep 60"
tty_wait f 'alice_{30}'
screen=$(tty_capture f)
[ "$(printf '%s\n' "$screen" | sed -n 24p)" = \
  "               Ctrl-X - save changes     Ctrl-C - discard changes" ] ||
	tty_fail "login: no instruction row"
[ "$(pane_flag f cursor_flag)" = 1 ] ||
	tty_fail "login: the cursor is hidden in an edit box"
[ "$(pane_flag f cursor_x),$(pane_flag f cursor_y)" = "25,10" ] ||
	tty_fail "login: cursor not after 'alice' in the box:" \
		"$(pane_flag f cursor_x),$(pane_flag f cursor_y)"
tty_capture_attr f | grep 'alice' | grep -Eq '30m|46m' ||
	tty_fail "login: the edit box is not black on cyan"
tty_ok "login form drawn, cursor in the username box"

tty_keys f BSpace x Down p w
tty_wait f '^                    \*\*_{38}$'
[ "$(pane_flag f cursor_x),$(pane_flag f cursor_y)" = "22,15" ] ||
	tty_fail "login: cursor not after the password's 2 characters"
tty_keys f C-x
tty_wait f 'iPXE configuration settings'
tty_ok "Backspace edits, Down moves, Ctrl-X closes the form"

[ "$(pane_flag f cursor_flag)" = 0 ] ||
	tty_fail "config: the cursor shows while not editing"
tty_keys f End
tty_wait f '^  \.\.\.$'
tty_keys f C-x
tty_wait f 'Press a key'
start=$(date +%s%N)
tty_wait f 'exit=4' 5
elapsed=$((($(date +%s%N) - start) / 1000000))
[ "$elapsed" -gt 500 ] ||
	tty_fail "prompt: a 1 s timeout ended after ${elapsed} ms"
tty_capture f | grep -q '^no key$' || tty_fail "prompt: no 'no key'"
tty_capture f | grep -q 'Press a key' &&
	tty_fail "prompt: the text was not erased"
# what the form stored, printed before config opened (in the scrollback)
_tty capture-pane -p -S -100 -t f | grep -q '^user alicx pass pw$' ||
	tty_fail "login: the edited values were not stored"
tty_stop f
tty_ok "config: cursor hidden, End, Ctrl-X; prompt times out in real time"
tty_ok "login stored what was typed (user alicx pass pw)"
