#!/bin/sh
# tests/hostile.sh BUILD - hostile and broken input for both tools (issue
# 7, docs/reliability.md): binary files, NUL bytes, bad UTF-8, missing
# signatures, BOM, CRLF and lone CR, a 100 MB file, a 10 MB line, a
# million labels, deep nesting, self-expanding values, chain and goto
# loops, a huge menu, odd input files, --root escapes, and --fix.  Every
# case checks the exit code, the message, that nothing looking like
# success is printed, and bounded time (and memory, measured with
# /usr/bin/time when it is there).  The inputs are generated in a
# temporary folder, never committed, and checked to be unchanged at the
# end.  Prints one line per check; exits 1 if any failed.
#
# Under a sanitizer build (BUILD ending in "san") the three big inputs
# are skipped (ASan makes them minutes long) and time limits are x5.
set -u

B=${1:-build}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
L=$B/ipxelint
S=$B/ipxesim
for t in "$L" "$S"; do
	[ -x "$t" ] || { echo "hostile: $t not built" >&2; exit 1; }
done
T=$(mktemp -d "${TMPDIR:-/tmp}/ipxekit-hostile.XXXXXX")
trap 'chmod -R u+rwX "$T" 2>/dev/null; rm -rf "$T"' EXIT INT TERM
fails=0 checks=0
slow=1 big=1
case $B in *san) slow=5 big=0 ;; esac
TIMEBIN=
[ -x /usr/bin/time ] && TIMEBIN=/usr/bin/time

ok() { checks=$((checks + 1)); echo "ok - $1"; }
bad() {
	checks=$((checks + 1)) fails=$((fails + 1))
	echo "FAIL - $1"
	[ -s "$T/err" ] && sed 's/^/    stderr: /' "$T/err" | head -c 600 &&
		echo
	return 0
}

# run SECONDS MAXMB CMD...: runs CMD with stdin from $T/in (or empty),
# stdout to $T/out and stderr to $T/err; sets rc, secs and mb.  A run
# over its time is killed (rc 124).
run() {
	lim=$(($1 * slow)) maxmb=$2
	shift 2
	[ -f "$T/in" ] || : >"$T/in"
	if [ -n "$TIMEBIN" ]; then
		$TIMEBIN -o "$T/time" -f '%e %M' timeout "$lim" "$@" \
			<"$T/in" >"$T/out" 2>"$T/err"
		rc=$?
		secs=$(tail -n 1 "$T/time" | cut -d' ' -f1)
		kb=$(tail -n 1 "$T/time" | cut -d' ' -f2)
		case $kb in ''|*[!0-9]*) kb=0 ;; esac
		mb=$((kb / 1024))
	else
		timeout "$lim" "$@" <"$T/in" >"$T/out" 2>"$T/err"
		rc=$? secs=? mb=0
	fi
	rm -f "$T/in"
	if [ $rc -eq 124 ]; then
		bad "$name: still running after $lim s"
	elif [ $slow -eq 1 ] && [ "$mb" -gt "$maxmb" ]; then
		bad "$name: $mb MB, more than $maxmb MB"
	fi
}

# expect RC [stdout|stderr PATTERN]...: the last run's exit code, and
# fixed strings its outputs must contain; "!stdout PATTERN" must not.
expect() {
	want=$1
	shift
	good=1
	[ "$rc" -eq "$want" ] || { good=0; why="exit $rc, not $want"; }
	while [ $# -ge 2 ] && [ $good -eq 1 ]; do
		case $1 in
		stdout) grep -qF -e "$2" "$T/out" ||
			{ good=0; why="no '$2' on stdout"; } ;;
		stderr) grep -qF -e "$2" "$T/err" ||
			{ good=0; why="no '$2' on stderr"; } ;;
		!stdout) ! grep -qF -e "$2" "$T/out" ||
			{ good=0; why="'$2' on stdout"; } ;;
		esac
		shift 2
	done
	if [ $good -eq 1 ]; then
		ok "$name (exit $rc, ${secs} s, ${mb} MB)"
	else
		bad "$name: $why"
	fi
}

# out_size MAX: stdout is at most MAX bytes
out_size() {
	n=$(wc -c <"$T/out")
	if [ "$n" -le "$1" ]; then ok "$name: $n bytes of output"
	else bad "$name: $n bytes of output, more than $1"; fi
}

py() { python3 -c "$@"; }

mkdir -p "$T/f"
cd "$T/f" || exit 1

# ------------------------------------------------------------ inputs
py 'import sys
sys.stdout.buffer.write(bytes(range(256)) * 64)' >binary.bin
printf '#!ipxe\necho a\000b\necho c\n' >nul.ipxe
printf '#!ipxe\necho caf\351 \377\376\n\377\376oops\n' >badutf8.ipxe
printf 'echo no signature\n' >nosig.ipxe
printf '\357\273\277#!ipxe\necho bom\n' >bom.ipxe
printf '#!ipxe\r\necho crlf\r\n' >crlf.ipxe
printf '#!ipxe\recho lone\recho cr\r' >cr.ipxe
printf '#!ipxe\nset a ${a}\necho [${a}]\nset a hello\n%s\n%s\n' \
	'set a ${a}${a}' 'echo [${a}]' >setself.ipxe
printf '#!ipxe\nread a\necho [${a}]\n' >readself.ipxe
printf '#!ipxe\necho [${a}]\n' >echoa.ipxe
printf '#!ipxe\n:top\ngoto top\n' >gotoloop.ipxe
: >empty.ipxe
py '
d = 10000
open("nest.ipxe", "w").write("#!ipxe\nset a x\nset x y\necho [" +
    "${" * d + "a" + "}" * d + "]\necho [" + "${" * d + "]\n")
m = 100000
with open("menu.ipxe", "w") as f:
    f.write("#!ipxe\nmenu Big\n")
    for i in range(m):
        f.write("item i%d Item %d\n" % (i, i))
    f.write("choose --default i%d --timeout 1 x && echo chose ${x}\n"
            % (m - 1))'
if [ $big -eq 1 ]; then
	py '
n = 1000000
with open("labels.ipxe", "w") as f:
    f.write("#!ipxe\ngoto l%d\n" % (n - 1))
    f.write("".join(":l%d\n" % i for i in range(n)))
    f.write("echo done\n")
open("longline.ipxe", "w").write("#!ipxe\necho " + "x" * 10000000 + "\n")
open("longbin.bin", "wb").write(b"\x7fELF" + b"\x01\xfe\x00" * 3400000)
chunk = "set x ${y}\necho ${x} \n" * 4096
with open("huge.ipxe", "w") as f:
    f.write("#!ipxe\n")
    for _ in range(104857600 // len(chunk) + 1):
        f.write(chunk)
# a menu tree repeated, as a concatenation of scripts is: every name
# dispatched on, stored, counted and missing thousands of times
block = """:start
menu Boot ${n}
item linux Linux
item tools Tools
item shell Shell
choose --default linux --timeout 5000 target && goto ${target}
:linux
set n:int32 0
inc n
iseq ${n} 3 && goto failed
kernel http://srv/vmlinuz || goto retry_${n}
boot || goto start
:tools
set next shell
goto ${next}
:shell
set v 1
inc v
goto nowhere
"""
with open("menus.ipxe", "w") as f:
    f.write("#!ipxe\n" + block * 40000)'
fi
# a served folder, with a secret outside it
mkdir -p root/sub srv/d
printf '#!ipxe\necho SECRET-LEAK\n' >secret.ipxe
printf '#!ipxe\necho SECRET-LEAK\n' >root/secret.ipxe
printf '#!ipxe\nchain http://srv/b.ipxe\n' >root/sub/a.ipxe
printf '#!ipxe\nchain http://srv/a.ipxe\n' >root/sub/b.ipxe
printf '#!ipxe\necho served\n' >root/sub/ok.ipxe
ln -s loop root/sub/loop
ln -s ../secret.ipxe root/sub/up.ipxe
ln -s "$T/f/secret.ipxe" root/sub/abs.ipxe
ln -s .. root/sub/parent
ln -s loop2 loop1
ln -s loop1 loop2
# inputs are checksummed now and again at the end
chmod a-w *.ipxe *.bin root/sub/*.ipxe 2>/dev/null
find . -type f | sort | xargs md5sum >"$T/sums"

# ------------------------------------------------------------ bytes
name="ipxelint binary file"
run 10 200 "$L" binary.bin
expect 1 stdout "binary.bin:1:1: error: not an iPXE script"
out_size 4096
name="ipxesim binary file"
run 10 200 "$S" binary.bin
expect 2 stderr "binary.bin:1:1: error: not an iPXE script"
out_size 0

name="ipxelint NUL byte in a line"
run 10 200 "$L" nul.ipxe
expect 1 stdout "nul.ipxe:2:7: warning: a NUL byte ends this line"
name="ipxesim NUL byte in a line"
run 10 200 "$S" nul.ipxe
printf 'a\nc\n' | cmp -s - "$T/out" && expect 0 ||
	bad "$name: output is not 'a', 'c'"

for f in json sarif; do
	name="ipxelint -f $f: invalid UTF-8 gives valid JSON"
	run 10 200 "$L" -f $f badutf8.ipxe
	if py 'import json, sys
json.loads(open(sys.argv[1], "rb").read().decode("utf-8"))' "$T/out" 2>/dev/null
	then expect 1 stdout "badutf8.ipxe"
	else bad "$name: not UTF-8 JSON"; fi
done
name="ipxesim invalid UTF-8"
run 10 200 "$S" badutf8.ipxe
expect 1 stdout "caf" stderr "script failed"

name="ipxelint no signature"
run 10 200 "$L" nosig.ipxe
expect 1 stdout "nosig.ipxe:1:1: error: not an iPXE script"
name="ipxesim no signature"
run 10 200 "$S" nosig.ipxe
expect 2 stderr "nosig.ipxe:1:1: error: not an iPXE script"
out_size 0

name="ipxelint BOM"
run 10 200 "$L" bom.ipxe
expect 1 stdout \
	"bom.ipxe:1:1: error: not an iPXE script: a UTF-8 byte-order mark"
name="ipxesim BOM"
run 10 200 "$S" bom.ipxe
expect 2 stderr "bom.ipxe:1:1: error: not an iPXE script"
out_size 0

name="ipxelint CRLF"
run 10 200 "$L" crlf.ipxe
expect 1 stdout "crlf.ipxe:1:1: info: the file has CRLF line endings"
name="ipxesim CRLF"
run 10 200 "$S" crlf.ipxe
expect 0 stdout "crlf" stderr "script ended with status 0"

name="ipxelint lone CR"
run 10 200 "$L" cr.ipxe
expect 1 stdout "cr.ipxe:1:1: error: lines end with CR alone"
name="ipxesim lone CR (iPXE runs one comment line: nothing)"
run 10 200 "$S" cr.ipxe
expect 0 !stdout "lone"
out_size 0

name="ipxelint empty file"
run 10 200 "$L" empty.ipxe
expect 1 stdout "empty.ipxe:1:1: error: not an iPXE script: the file is empty"
name="ipxesim empty file"
run 10 200 "$S" empty.ipxe
expect 2 stderr "empty.ipxe:1:1: error: not an iPXE script"

# ------------------------------------------------------------ size
if [ $big -eq 1 ]; then
	name="ipxelint 100 MB file"
	run 120 2500 "$L" -f quiet huge.ipxe
	expect 0
	name="ipxesim 100 MB file (step limit)"
	run 120 2500 "$S" huge.ipxe
	expect 6 stderr "step limit of 100000 commands reached"
	name="ipxelint 10 MB line"
	run 20 300 "$L" longline.ipxe
	expect 0
	name="ipxesim 10 MB line"
	run 20 300 "$S" longline.ipxe
	expect 0 stderr "script ended with status 0"
	out_size 10000001
	name="ipxelint 10 MB binary line: the excerpt is cut"
	run 20 300 "$L" longbin.bin
	expect 1 stdout "longbin.bin:1:1: error: not an iPXE script"
	out_size 4096
	name="ipxesim 10 MB binary line"
	run 20 300 "$S" longbin.bin
	expect 2 stderr "longbin.bin:1:1: error: not an iPXE script"
	name="ipxelint a menu tree 40,000 times (13 MB)"
	run 30 600 "$L" -f quiet menus.ipxe
	expect 1
	name="ipxelint 1,000,000 labels"
	run 120 1500 "$L" -f quiet labels.ipxe
	expect 1
	name="ipxesim 1,000,000 labels"
	run 60 1500 "$S" labels.ipxe
	expect 0 stdout "done"
else
	echo "ok - big inputs skipped under $B (sanitizers)"
fi

# ------------------------------------------------------------ expansion
name="ipxelint 10,000 nested \${...}"
run 20 300 "$L" nest.ipxe
expect 1
name="ipxesim 10,000 nested \${...} (innermost first, then literal)"
run 20 300 "$S" nest.ipxe
expect 0 stdout "[]"
name="ipxesim set a \${a} (a unset: empty, as iPXE)"
run 10 200 "$S" setself.ipxe
printf '[]\n[hellohello]\n' | cmp -s - "$T/out" && expect 0 ||
	bad "$name: output is not '[]', '[hellohello]'"
name="ipxesim a value that expands to itself (read)"
printf '${a}\n' >"$T/in"
run 10 200 "$S" readself.ipxe
expect 6 stderr "readself.ipxe:3:6: expansion of" !stdout "[]"
name="ipxesim a value that expands to itself (--set)"
run 10 200 "$S" --set 'a=x${a}' echoa.ipxe
expect 6 stderr "echoa.ipxe:2:6: expansion of '[\${a}]' did not end after"

# ------------------------------------------------------------ loops
name="ipxelint goto loop (IPX1007: nothing waits or leaves)"
run 10 200 "$L" gotoloop.ipxe
expect 1 stdout "IPX1007"
name="ipxesim goto loop"
run 10 200 "$S" --max-steps 5000 gotoloop.ipxe
expect 6 stderr "gotoloop.ipxe:3:1: step limit of 5000 commands reached"
printf '#!ipxe\ndhcp\nchain http://srv/a.ipxe\n' >"$T/chain.ipxe"
name="ipxesim chain recursion of two scripts"
run 20 300 "$S" --root root/sub "$T/chain.ipxe"
expect 6 stderr "scripts nested 64 deep"
name="ipxesim chain recursion, --max-depth 1000"
run 60 300 "$S" --max-depth 1000 --root root/sub "$T/chain.ipxe"
expect 6 stderr "scripts nested 1000 deep"
name="ipxesim --max-depth above 1000 is refused"
run 10 200 "$S" --max-depth 100000 "$T/chain.ipxe"
expect 2 stderr "from 1 to 1000"
name="ipxelint chain recursion"
run 10 200 "$L" root/sub/a.ipxe root/sub/b.ipxe
expect 0
name="ipxelint menu of 100,000 items"
run 30 500 "$L" -f quiet menu.ipxe
expect 1
name="ipxesim menu of 100,000 items"
run 60 1000 "$S" --max-steps 200000 menu.ipxe
expect 0 stdout "chose i99999"

# ------------------------------------------------------------ files
mkdir -p dir
cp nul.ipxe dir/
for t in L S; do
	eval tool=\$$t
	tn=$(basename "$tool")
	name="$tn missing file"
	run 10 200 "$tool" missing.ipxe
	expect 2 stderr "missing.ipxe: No such file or directory"
	name="$tn symlink loop as input"
	run 10 200 "$tool" loop1
	expect 2 stderr "loop1: Too many levels of symbolic links"
	mkfifo fifo
	name="$tn FIFO without a writer (waits 10 s)"
	run 30 200 "$tool" fifo
	expect 2 stderr "fifo: nothing written to it within 10 s"
	name="$tn FIFO with a writer"
	timeout 15 sh -c "sleep 1; printf '#!ipxe\\necho piped\\n' >fifo" &
	run 10 200 "$tool" fifo
	wait
	if [ "$tn" = ipxelint ]; then expect 0
	else expect 0 stdout "piped"; fi
	rm -f fifo
	name="$tn /dev/null"
	run 10 200 "$tool" /dev/null
	[ "$tn" = ipxelint ] && expect 1 stdout "error: not an iPXE script" ||
		expect 2 stderr "error: not an iPXE script"
	if [ "$(id -u)" -ne 0 ]; then
		cp nul.ipxe unreadable.ipxe && chmod 000 unreadable.ipxe
		name="$tn unreadable file"
		run 10 200 "$tool" unreadable.ipxe
		expect 2 stderr "unreadable.ipxe: Permission denied"
		rm -f unreadable.ipxe
	else
		echo "ok - $tn unreadable file skipped (root reads anything)"
	fi
done
name="ipxesim directory"
run 10 200 "$S" dir
expect 2 stderr "dir: Is a directory"
name="ipxelint directory (searched for scripts)"
run 10 200 "$L" dir
expect 1 stdout "dir/nul.ipxe:2:7"

# ------------------------------------------------------------ --root
# Every way out of the served folder must fail like a missing file.
cat >"$T/escape.ipxe" <<'EOF'
#!ipxe
dhcp
chain http://srv/ok.ipxe || echo BROKEN-0
chain http://srv/../secret.ipxe || echo blocked-1
chain http://srv/../../secret.ipxe || echo blocked-2
chain http://srv/%2e%2e/secret.ipxe || echo blocked-3
chain http://srv/..%2fsecret.ipxe || echo blocked-4
chain http://srv/%2e%2e%2f%2e%2e%2fsecret.ipxe || echo blocked-5
chain http://srv/up.ipxe || echo blocked-6
chain http://srv/abs.ipxe || echo blocked-7
chain http://srv/parent/secret.ipxe || echo blocked-8
chain http://srv/loop || echo blocked-9
chain http://srv//etc/passwd || echo blocked-10
chain tftp://srv/../secret.ipxe || echo blocked-11
chain file:///etc/passwd || echo blocked-12
chain http://../secret.ipxe || echo blocked-13
chain http://srv/sub/../../secret.ipxe || echo blocked-14
EOF
name="ipxesim --root: no way out of the folder"
run 20 300 "$S" --root root/sub "$T/escape.ipxe"
good=1
for i in $(seq 1 14); do
	grep -qx "blocked-$i" "$T/out" || { good=0; bad "$name: blocked-$i"; }
done
[ $good -eq 1 ] && expect 0 stdout "served" !stdout "SECRET-LEAK" \
	!stdout "root:x:0" !stdout "BROKEN-0"
name="ipxesim --map: no way out of the folder"
run 20 300 "$S" --map http://srv/=root/sub "$T/escape.ipxe"
expect 0 stdout "served" stdout "blocked-8" !stdout "SECRET-LEAK"

# ------------------------------------------------------------ --fix
mkdir fix
printf '#!ipxe\ndhcp\nset base=http://10.0.0.1/boot\n' >fix/a.ipxe
printf '#!ipxe\necho nothing to fix\n' >fix/clean.ipxe
cp fix/a.ipxe fix/target.ipxe
ln -s target.ipxe fix/link.ipxe
chmod 640 fix/a.ipxe
before=$(ls -i fix/a.ipxe | cut -d' ' -f1)
clean_before=$(ls -li --time-style=full-iso fix/clean.ipxe)
name="ipxelint --fix rewrites by rename, mode kept"
run 10 200 "$L" --norc --fix fix/a.ipxe fix/clean.ipxe fix/link.ipxe
after=$(ls -i fix/a.ipxe | cut -d' ' -f1)
if [ "$(stat -c %a fix/a.ipxe)" != 640 ]; then
	bad "$name: mode $(stat -c %a fix/a.ipxe), not 640"
elif [ "$before" = "$after" ]; then
	bad "$name: same inode: rewritten in place"
elif ! grep -qx 'set base http://10.0.0.1/boot' fix/a.ipxe; then
	bad "$name: not fixed"
else
	expect 0 stderr "fix/a.ipxe: fixed"
fi
name="ipxelint --fix leaves no temporary file"
n=$(ls -A fix | wc -l)
[ "$n" -eq 4 ] && ok "$name" || bad "$name: $(ls -A fix | tr '\n' ' ')"
name="ipxelint --fix leaves a file without fixes alone"
[ "$(ls -li --time-style=full-iso fix/clean.ipxe)" = "$clean_before" ] &&
	ok "$name" || bad "$name"
name="ipxelint --fix keeps a symbolic link and fixes its target"
[ -L fix/link.ipxe ] && grep -qx 'set base http://10.0.0.1/boot' \
	fix/target.ipxe && ok "$name" || bad "$name"
name="ipxelint --fix on standard input is refused"
cp fix/clean.ipxe "$T/in"
run 10 200 "$L" --fix -
expect 2 stderr "--fix cannot rewrite standard input"

# ------------------------------------------------------------ inputs
name="no input was written to"
if find . -type f ! -path './fix/*' ! -path './dir/*' | sort | xargs md5sum |
	cmp -s - "$T/sums"; then
	ok "$name"
else
	bad "$name"
fi

echo "hostile: $checks checks, $fails failed"
[ $fails -eq 0 ]
