#!/bin/sh
# check-editors.sh - tests what docs/editors.md promises: `ipxelint -f gcc'
# prints one `FILE:LINE:COL: SEVERITY: MESSAGE [IPXnnnn]' line a finding,
# with the positions of -f json, and vim's quickfix reads it (with its
# default errorformat, and with the errorformat line the docs give, which
# also takes the severity).  The vim part runs when vim is installed.
#   sh tests/check-editors.sh [BUILD]                  (make check-docs)
set -u
cd "$(dirname "$0")/.." || exit 2
build=${1:-build}
lint=$build/ipxelint
[ -x "$lint" ] || { echo "check-editors: no $lint" >&2; exit 2; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
bad=0
fail() {
	echo "check-editors: $*" >&2
	bad=1
}

# the documented errorformat, as docs/editors.md and ipxelint.1 write it
efm='%f:%l:%c:\ %t%*[^:]:\ %m'
grep -qF -- "$efm" docs/editors.md ||
	fail "docs/editors.md does not give the errorformat $efm"
grep -qF -- 'set errorformat^=%f:%l:%c:\e\ %t%*[^:]:\e\ %m' \
	docs/man/ipxelint.1 ||
	fail "docs/man/ipxelint.1 does not give the errorformat $efm"

cp samples/buggy-*.ipxe "$tmp/"
cd "$tmp" || exit 2
for f in buggy-*.ipxe; do
	"$OLDPWD/$lint" --norc -f gcc "$f" > "$f.gcc"
	"$OLDPWD/$lint" --norc -f json "$f" > "$f.json"
	[ -s "$f.gcc" ] || fail "no findings on samples/$f"
	# the shape: what %f:%l:%c: %t%*[^:]: %m and Emacs' gnu entry read
	line='^[^:]+:[0-9]+:[0-9]+: (error|warning|info|style): .+ '
	if grep -vE "$line\\[IPX[0-9]{4}\\]\$" "$f.gcc" > "$f.odd"; then
		fail "ipxelint -f gcc on samples/$f prints lines editors" \
		     "do not read: $(head -1 "$f.odd")"
	fi
	# the positions and severities are those of -f json
	python3 - "$f" <<'EOF' || bad=1
import json, sys
f = sys.argv[1]
want = ["%s:%d:%d: %s" % (x["file"], x["line"], x["column"], x["severity"])
        for x in json.load(open(f + ".json"))]
have = [":".join(l.split(":")[:4]) for l in open(f + ".gcc")]
if want != have:
    print("check-editors: %s: -f gcc %s, -f json %s" % (f, have, want),
          file=sys.stderr)
    sys.exit(1)
EOF
done

if command -v vim >/dev/null 2>&1; then
	# the quickfix list, one "FILE LINE COL TYPE" line per valid entry
	cat > qf.vim <<'EOF'
silent make
let s:l = []
for e in filter(getqflist(), 'v:val.valid')
	call add(s:l, join([bufname(e.bufnr), e.lnum, e.col,
		\ toupper(e.type)], ' '))
endfor
call writefile(s:l, $QF_OUT)
qa!
EOF
	for f in buggy-*.ipxe; do
		# %t: E for error, W for warning, I for info, S for style
		awk -F': ' '{ split($1, p, ":")
			print p[1], p[2], p[3], toupper(substr($2, 1, 1)) }' \
			"$f.gcc" > "$f.want"
		awk '{ print $1, $2, $3, "" }' "$f.want" > "$f.want0"
		for mode in default documented; do
			set -- -c "set makeprg=$OLDPWD/$lint\\ --norc\\ -f\\ gcc\\ %"
			[ $mode = documented ] &&
				set -- "$@" -c "set errorformat^=$efm"
			QF_OUT=$f.$mode vim -es -N -u NONE -i NONE "$@" \
			    -S qf.vim "$f" </dev/null >/dev/null 2>&1
			want=$f.want
			[ $mode = default ] && want=$f.want0
			if ! cmp -s "$want" "$f.$mode"; then
				fail "vim with the $mode errorformat reads" \
				     "samples/$f as:"
				diff "$want" "$f.$mode" >&2
			fi
		done
	done
else
	echo "check-editors: vim not installed: quickfix not checked"
fi

[ $bad = 0 ] && echo "check-editors: -f gcc reads in vim's quickfix as" \
		     "docs/editors.md says"
exit $bad
