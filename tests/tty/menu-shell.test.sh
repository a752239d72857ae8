#!/bin/bash
# tests/tty/menu-shell.test.sh - the sample menu's Esc path in terminal
# mode: Esc leads to the `shell` command, whose iPXE> prompt takes a
# command line from the keyboard; `exit` returns to the script, which
# shows the menu again; the hot-key b reboots.
. "$(dirname "$0")/lib.sh"

tty_start m 80x25 sh -c "\"\$IPXESIM\" --no-shell --root samples/root \
samples/menu.ipxe; echo exit=\$?; sleep 60"
tty_wait m 'Re\(b\)oot'
tty_keys m Escape
tty_wait m '^iPXE>'
tty_capture m | grep -q '^Type exit to return to the menu.$' ||
	tty_fail "Esc did not lead to the script's shell label"
tty_ok "Esc: the script goes to its shell"

tty_keys m 'echo hello ${net0/ip}' Enter
tty_wait m '^hello 10.0.2.15$'
tty_ok "a command typed at iPXE> runs"

tty_keys m exit Enter
tty_wait m 'Re\(b\)oot'
[ "$(_tty display-message -p -t m '#{alternate_on}')" = 1 ] ||
	tty_fail "exit: the menu is not drawn full screen again"
tty_keys m b
tty_wait m 'exit=4'
tty_capture m | grep -q '^ipxesim: reboot$' ||
	tty_fail "hot-key b: no reboot outcome"
tty_stop m
tty_ok "exit returns to the menu; b reboots"
