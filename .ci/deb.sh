#!/bin/sh
# deb.sh - builds build/ipxekit_<version>_<arch>.deb (`make deb'): a clean
# export of the committed tree (git archive HEAD) goes to build/deb/, gets
# debian/ from .ci/debian/ and a changelog entry for the version, and
# dpkg-buildpackage -us -uc -b builds it with debhelper; then lintian
# checks the package and the build fails on any lintian error.
#   sh .ci/deb.sh GIT-DESCRIBE        (the Makefile passes its VERSION)
# The package's tools print GIT-DESCRIBE for --version.  Uncommitted
# changes are not in the package (a warning says so).
set -eu
cd "$(dirname "$0")/.."
describe=${1:-unknown}
case $describe in
*-dirty)
	echo "deb: uncommitted changes are not packaged (HEAD is)" >&2
	describe=${describe%-dirty} ;;
esac
# Debian's version: digits first, no '-' in a native package:
# v1.2-3-gabc -> 1.2+3+gabc; without a tag, 0~git<commits>.<hash>, so
# that later commits sort higher.
debver=${describe#v}
case $debver in
[0-9]*[.]*) ;;
*)	n=$(git rev-list --count HEAD 2>/dev/null || echo 0)
	debver=0~git$n.$debver ;;
esac
debver=$(printf '%s' "$debver" | tr -- '-_' '++')

out=build/deb
src=$out/ipxekit-$debver
rm -rf "$out"
mkdir -p "$src"
if git rev-parse --verify -q HEAD >/dev/null 2>&1; then
	git archive --format=tar HEAD | tar -x -C "$src"
else
	tar --exclude=./build --exclude=./.git -cf - . | tar -x -C "$src"
fi
cp -R .ci/debian "$src/debian"
printf '%s\n' "$describe" > "$src/debian/ipxekit-version"
cat > "$src/debian/changelog" <<EOT
ipxekit ($debver) unstable; urgency=medium

  * Built from the source tree at $describe by make deb.

 -- $(sed -n 's/^Maintainer: //p' .ci/debian/control)  $(date -R)
EOT

echo "deb: building ipxekit $debver in $src (log: $out/build.log)"
if ! (cd "$src" && dpkg-buildpackage -us -uc -b) > "$out/build.log" 2>&1
then
	tail -n 30 "$out/build.log" >&2
	echo "deb: dpkg-buildpackage failed; see $out/build.log" >&2
	exit 1
fi
rm -f build/ipxekit_*.deb
cp "$out"/ipxekit_"$debver"_*.deb build/
deb=$(ls build/ipxekit_"$debver"_*.deb)
echo "deb: $deb"
if command -v lintian >/dev/null 2>&1; then
	echo "deb: lintian $deb"
	lintian --fail-on error "$deb"
else
	echo "deb: lintian not installed: not checked" >&2
fi
echo "deb: install it with: apt install ./$deb"
