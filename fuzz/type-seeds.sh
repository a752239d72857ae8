#!/bin/sh
# fuzz/type-seeds.sh DIR - writes seed inputs for fuzz_types into DIR: one
# file per sample value, its first byte the type's index in
# stdlib/types.def (bit 7 set: the EFI platform), then the value's text.
set -eu
dir=$1
n=0
seed() {	# seed INDEX TEXT
	n=$((n + 1))
	# shellcheck disable=SC2059
	{ printf "\\$(printf %o "$1")"; printf '%s' "$2"; } >"$dir/seed-$n"
}
seed 0 "hello world"
seed 1 "http://a.b/c%20d?e=f&g"
seed 2 "192.168.0.1"
seed 3 "fe80::1:2:3"
seed 3 "::ffff:1.2.3.4"
seed 4 "-128"
seed 5 "0x7fff"
seed 6 "-2147483648"
seed 7 "0377"
seed 8 "65535"
seed 9 "4294967295"
seed 10 "01:02:ab:cd"
seed 11 "01-02-ab-cd"
seed 12 "0102abcd"
seed 13 "aGVsbG8gd29ybGQ="
seed 14 "01234567-89ab-cdef-0123-456789abcdef"
seed 15 "01234567-89ab-cdef-0123-456789abcdef"
seed 16 "00:1f.7"
seed 17 "example.com ipxe.org"
seed 134 "-1"
seed 137 "0xffffffff"
