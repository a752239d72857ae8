#!/bin/sh
# tests/pre-commit.sh - the hook manifest (.pre-commit-hooks.yaml) works
# as pre-commit users use it: `pre-commit try-repo` on this checkout runs
# the "ipxelint" hook (which builds the linter in pre-commit's own copy)
# and the "ipxelint-system" hook (the ipxelint on PATH) in a scratch
# repository, failing on a buggy script and passing on a clean one.
#
# Usage: tests/pre-commit.sh BUILD   (skips when pre-commit is missing)
set -eu

build=$(cd "${1:-build}" && pwd)
top=$(pwd)
if ! command -v pre-commit >/dev/null 2>&1; then
	echo "pre-commit: not installed, hook test skipped"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export PRE_COMMIT_HOME="$tmp/cache" HOME="$tmp"
git config --global user.email t@example.invalid
git config --global user.name test
git config --global init.defaultBranch main

mkdir "$tmp/user"
cd "$tmp/user"
git init -q .
printf '#!ipxe\ngoto nowhere\n' >bad.ipxe
printf '#!ipxe\necho hello\n' >good.ipxe
git add bad.ipxe good.ipxe

fail=0
check() {	# check HOOK FILE WANT-STATUS PATTERN
	st=0
	PATH="$build:$PATH" pre-commit try-repo "$top" "$1" --files "$2" \
		>"$tmp/out" 2>&1 || st=$?
	if [ "$3" = 0 ] && [ $st -ne 0 ] || [ "$3" != 0 ] && [ $st -eq 0 ] ||
	   ! grep -q -- "$4" "$tmp/out"; then
		echo "FAIL: pre-commit hook $1 on $2: status $st, wanted" \
		     "$3 and /$4/"
		sed 's/^/  | /' "$tmp/out"
		fail=1
	else
		echo "ok: pre-commit hook $1 on $2"
	fi
}
check ipxelint bad.ipxe 1 'IPX1001'
check ipxelint good.ipxe 0 'Passed'
check ipxelint-system bad.ipxe 1 'IPX1001'
check ipxelint-system good.ipxe 0 'Passed'
exit $fail
