#!/bin/bash
# repl.test.sh - ipxesim's iPXE> prompt in a real terminal (tmux): the
# prompt, history across sessions, tab completion, meta commands, Ctrl-C
# and Ctrl-D (docs/simulator.md, "The REPL").
. tests/tty/lib.sh
SIM="$IPXESIM"
P='^iPXE> ?$'		# an empty prompt line

# without a script: the prompt at once; a line with real || semantics
tty_start_status bare 80x24 "$SIM"
tty_wait bare "$P"
tty_keys bare -l 'iseq a b || echo or-branch && echo and-branch'
tty_keys bare Enter
tty_wait bare '^and-branch$'
tty_capture bare | grep -q '^or-branch$' || tty_fail "|| did not run"
# tab: a command, an option of it, a setting inside ${...}
tty_keys bare -l 'ech'
tty_keys bare Tab
tty_keys bare -l '${plat'
tty_keys bare Tab
tty_keys bare Enter
tty_wait bare '^pcbios$'
tty_keys bare -l 'imgfetch --na'
tty_keys bare Tab
tty_wait bare '^iPXE> imgfetch --name$'
tty_keys bare C-c
tty_wait bare "$P"
tty_keys bare -l 'show smbios/prod'
tty_keys bare Tab
tty_keys bare Enter
tty_wait bare '^smbios/product:string = '
tty_keys bare -l '.quit'
tty_keys bare Enter
st=$(tty_status bare); [ "$st" = 0 ] || tty_fail ".quit: exit status $st, not 0"
hist="$TTY_TMP/state/ipxekit/history"
[ -f "$hist" ] || tty_fail "no history file at $hist"
[ "$(stat -c %a "$hist")" = 600 ] || tty_fail "history mode not 0600"
grep -q '^show smbios/product' "$hist" || tty_fail "history lacks a line"
tty_stop bare

# a new session reads the history back: Up brings the last line
tty_start_status again 80x24 "$SIM"
tty_wait again "$P"
tty_keys again Up
tty_wait again '^iPXE> \.quit'
tty_keys again Up
tty_wait again '^iPXE> show smbios/product'
tty_keys again C-c
tty_keys again C-d
st=$(tty_status again); [ "$st" = 0 ] || tty_fail "Ctrl-D: exit status $st, not 0"
tty_stop again

# a script with `shell`: its prompt, `exit` back to the script, then the
# outcome line and the top-level prompt; labels complete after goto
tty_start_status script 100x30 "$SIM" tests/tty/repl.ipxe
tty_wait script '^stage before$'
tty_wait script "$P"
tty_keys script -l 'set x 42'
tty_keys script Enter
tty_keys script -l 'goto re'
tty_keys script Tab
tty_wait script '^iPXE> goto retry$'
tty_keys script C-c
tty_keys script -l '.labels'
tty_keys script Enter
tty_wait script '^retry +line 8$'
tty_keys script -l 'exit'
tty_keys script Enter
tty_wait script '^back from the shell, x is 42$'
tty_wait script 'ipxesim: script ended with status 0'
# .goto resumes the script at a label, from the top-level prompt too
tty_keys script -l '.goto retry'
tty_keys script Enter
tty_wait script '^retrying$'
# Ctrl-C interrupts a running command: sleep takes real time here
tty_keys script -l 'sleep 100'
tty_keys script Enter
sleep 1
tty_capture script | grep -q 'interrupted' && tty_fail "sleep ended early"
tty_keys script C-c
tty_wait script 'ipxesim: interrupted by Ctrl-C' 3
tty_wait script "$P"
tty_keys script -l 'exit 3'
tty_keys script Enter
st=$(tty_status script)
[ "$st" = 1 ] || tty_fail "exit 3: exit status $st, not 1"
tty_stop script

# .goto inside the script's shell jumps there and leaves the prompt
tty_start_status jump 100x30 "$SIM" --no-shell tests/tty/repl.ipxe
tty_wait jump "$P"
tty_keys jump -l '.goto retry'
tty_keys jump Enter
tty_wait jump '^retrying$'
tty_wait jump 'ipxesim: script ended with status 0'
# --no-shell: no prompt after the script
st=$(tty_status jump); [ "$st" = 0 ] || tty_fail "--no-shell: exit status $st, not 0"
tty_capture jump | grep -q 'back from the shell' &&
	tty_fail ".goto ran the line after shell"
tty_stop jump
# `goto` typed at the script's shell prompt moves the script, as on the
# real iPXE (checked with the oracle): `exit` resumes at the label
tty_start_status gotoline 100x30 "$SIM" --no-shell tests/tty/repl.ipxe
tty_wait gotoline "$P"
tty_keys gotoline -l 'goto retry'
tty_keys gotoline Enter
tty_keys gotoline -l 'exit'
tty_keys gotoline Enter
tty_wait gotoline '^retrying$'
tty_capture gotoline | grep -q 'back from the shell' &&
	tty_fail "goto at the prompt did not move the script"
tty_stop gotoline

# .settings says where each value came from; .reset forgets the rest
tty_start_status meta 100x40 "$SIM" --set product=Frob --set who=me
tty_wait meta "$P"
tty_keys meta -l 'set x 1'
tty_keys meta Enter
tty_keys meta -l '.settings'
tty_keys meta Enter
tty_wait meta '^smbios/product +Frob +--set$'
tty_wait meta '^who +me +--set$'
tty_wait meta '^x +1 +script$'
tty_wait meta '^builtin/platform +pcbios +machine$'
tty_keys meta -l '.load tests/tty/repl.ipxe'
tty_keys meta Enter
tty_wait meta '^stage before$'
tty_keys meta -l 'exit'
tty_keys meta Enter
tty_wait meta 'ipxesim: script ended with status 0'
tty_keys meta -l '.images'
tty_keys meta Enter
tty_wait meta '^repl.ipxe +script +[0-9]+ bytes'
tty_keys meta -l '.reset'
tty_keys meta Enter
tty_wait meta '^a fresh machine$'
tty_keys meta -l 'isset ${x} || echo x is gone'
tty_keys meta Enter
tty_wait meta '^x is gone$'
tty_keys meta -l '.frob'
tty_keys meta Enter
tty_wait meta "^unknown meta command '.frob'"
tty_keys meta -l '.quit'
tty_keys meta Enter
st=$(tty_status meta)
[ "$st" = 0 ] || tty_fail ".quit after a || line: exit status $st, not 0"
tty_stop meta
# ~/.editrc is read: vi editing, with Tab and Ctrl-C still ours
mkdir -p "$TTY_TMP/home"
echo 'bind -v' > "$TTY_TMP/home/.editrc"
tty_start_status vi 80x24 "$SIM"
tty_wait vi "$P"
tty_keys vi -l 'ech'
tty_keys vi Tab
tty_keys vi -l 'one two'
tty_keys vi Escape
tty_keys vi -l 'bdw'
tty_keys vi Enter
tty_wait vi '^one$'
tty_keys vi -l 'echo dropped'
tty_keys vi C-c
tty_wait vi '^iPXE> echo dropped\^C$'
tty_keys vi -l 'echo kept'
tty_keys vi Enter
tty_wait vi '^kept$'
tty_capture vi | grep -q '^dropped$' && tty_fail "Ctrl-C ran the line"
tty_stop vi
echo "repl.test.sh: ok"
