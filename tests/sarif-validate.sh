#!/bin/sh
# tests/sarif-validate.sh - validates ipxelint's SARIF output against the
# SARIF 2.1.0 JSON schema (with python3-jsonschema) and with Microsoft's
# SARIF Multitool (`validate`: the SARIF rules), over the SARIF goldens of
# tests/lint-cli, a lint of the whole corpus and the unit test's own run.
# The Multitool and the schema it ships come from the npm registry, not from
# Debian, so this is not part of `make check`: `make sarif-validate` runs
# it where npm works.  Exit status 0 when every file has no error.
#
# Usage: tests/sarif-validate.sh BUILD CORPUS
set -eu

build=${1:-build}
corpus=${2:-../shared/corpus}
version=5.7.0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

command -v npm >/dev/null 2>&1 || { echo "sarif-validate: needs npm" >&2; exit 2; }
(cd "$tmp" && npm pack --silent "@microsoft/sarif-multitool-linux@$version" \
	>/dev/null && tar xzf microsoft-sarif-multitool-linux-$version.tgz)
tool="$tmp/package/Sarif.Multitool"
chmod +x "$tool"
# the tool is .NET: no ICU on a minimal Debian
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1

n=0
for f in tests/lint-cli/*.sarif.expected; do
	n=$((n + 1))
	cp "$f" "$tmp/in$n.sarif"
done
if [ -d "$corpus" ]; then
	n=$((n + 1))
	"$build/ipxelint" --norc -f sarif "$corpus" >"$tmp/in$n.sarif" || true
else
	echo "sarif-validate: no corpus at $corpus: goldens only"
fi

fail=0
# 1. the JSON schema (draft 2020-12, as the package ships it), with
#    Debian's python3-jsonschema: every file, then the unit test that
#    lints its own fixtures
schema="$tmp/package/sarif-2.1.0.json"
if /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
	/usr/bin/python3 - "$schema" "$tmp"/in*.sarif <<'PY' || fail=1
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
cls = jsonschema.validators.validator_for(schema)
v = cls(schema, format_checker=jsonschema.FormatChecker())
bad = 0
for p in sys.argv[2:]:
    errs = list(v.iter_errors(json.load(open(p))))
    for e in errs[:5]:
        print(p, e.message[:200], list(e.path), file=sys.stderr)
    print("sarif-validate: schema: %s: %d errors" % (p.split("/")[-1],
                                                    len(errs)))
    bad += len(errs)
sys.exit(1 if bad else 0)
PY
	SARIF_SCHEMA=$schema "$build/tests/unit" \
		--filter 'lint_cli/sarif_validates*' || fail=1
else
	echo "sarif-validate: no python3-jsonschema: schema check skipped" >&2
	fail=1
fi
# 2. the Multitool's own rules (SARIF1xxx errors, SARIF2xxx advice)
for f in "$tmp"/in*.sarif; do
	out=$("$tool" validate "$f" -o "$f.log" 2>&1) || true
	errs=$(printf '%s\n' "$out" | grep -c ': error ' || true)
	warns=$(printf '%s\n' "$out" | grep -c ': warning ' || true)
	echo "sarif-validate: $(basename "$f"): $errs errors, $warns warnings"
	if [ "$errs" -ne 0 ] || ! printf '%s\n' "$out" |
	   grep -q 'Analysis completed successfully'; then
		printf '%s\n' "$out" | grep -E ': error |ERR' >&2 || true
		fail=1
	fi
done
exit $fail
