#!/bin/sh
# pre-commit.sh - the "ipxelint" hook of .pre-commit-hooks.yaml: builds
# build/ipxelint in this checkout when it is missing (pre-commit keeps the
# checkout in its cache, so that happens once), then runs it on the files
# pre-commit names, in the user's working tree.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -x "$top/build/ipxelint" ]; then
	if ! make -s -C "$top" build/ipxelint >/dev/null; then
		echo "ipxelint: could not build the linter in $top; it needs" \
		     "gcc, make, flex, bison and the packages of .ci/deps" >&2
		exit 2
	fi
fi
exec "$top/build/ipxelint" "$@"
