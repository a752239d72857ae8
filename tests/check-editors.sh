#!/bin/sh
# check-editors.sh - tests what docs/editors.md promises: `ipxelint -f gcc'
# prints one `FILE:LINE:COL: SEVERITY: MESSAGE [IPXnnnn]' line a finding,
# with the positions of -f json; vim's quickfix reads it (with its
# default errorformat, and with the errorformat line the docs give, which
# also takes the severity), and so does Emacs' compilation-mode with no
# set-up.  The vim and Emacs parts run when they are installed.
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

# all the samples in one run, as :make and M-x compile would run it
"$OLDPWD/$lint" --norc -f gcc buggy-*.ipxe > all.gcc
# %t: E for error, W for warning, I for info, S for style
awk -F': ' '{ split($1, p, ":")
	print p[1], p[2], p[3], toupper(substr($2, 1, 1)) }' all.gcc > vim.want
awk '{ print $1, $2, $3, "" }' vim.want > vim0.want
# Emacs has error, warning and info: style is an error there
awk '{ print $1, $2, $3, ($4 == "S" ? "E" : $4) }' vim.want > emacs.want

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
	for mode in default documented; do
		set -- -c "set makeprg=$OLDPWD/$lint\\ --norc\\ -f\\ gcc\\ buggy-*.ipxe"
		[ $mode = documented ] && set -- "$@" -c "set errorformat^=$efm"
		QF_OUT=vim.$mode vim -es -N -u NONE -i NONE "$@" -S qf.vim \
			</dev/null >/dev/null 2>&1
		want=vim.want
		[ $mode = default ] && want=vim0.want
		if ! cmp -s $want vim.$mode; then
			fail "vim with the $mode errorformat reads the samples'" \
			     "findings as:"
			diff $want vim.$mode >&2
		fi
	done
else
	echo "check-editors: vim not installed: quickfix not checked"
fi

# Emacs: compilation-mode on the -f gcc output, with no set-up at all (the
# gnu entry); each message as "FILE LINE COL TYPE", E W I for Emacs'
# error, warning and info levels.
if command -v emacs >/dev/null 2>&1; then
	cat > compile.el <<'EOF'
(require 'compile)
(with-current-buffer (find-file-noselect "all.gcc")
  (compilation-mode)
  (compilation--ensure-parse (point-max))
  (let ((pos (point-min)) out)
    (while pos
      (let ((msg (get-text-property pos 'compilation-message)))
        (when msg
          (let ((loc (compilation--message->loc msg)))
            (push (format "%s %d %d %c"
                          (caar (compilation--loc->file-struct loc))
                          (compilation--loc->line loc)
                          (compilation--loc->col loc)
                          (aref "IWE" (compilation--message->type msg)))
                  out))))
      (setq pos (next-single-property-change pos 'compilation-message)))
    (princ (mapconcat #'identity (nreverse out) "\n"))
    (terpri)))
EOF
	emacs --batch -Q -l compile.el > emacs.out 2>/dev/null
	if ! cmp -s emacs.want emacs.out; then
		fail "Emacs' compilation-mode reads the samples' findings as:"
		diff emacs.want emacs.out >&2
	fi
else
	echo "check-editors: emacs not installed: compilation-mode not checked"
fi

[ $bad = 0 ] && echo "check-editors: -f gcc reads in vim and Emacs as" \
		     "docs/editors.md says"
exit $bad
