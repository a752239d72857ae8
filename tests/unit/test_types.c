/*
 * test_types.c - setting types (spec 6.6) and the integer parser (spec
 * 5.4): every example the spec gives, plus quirks checked on the real
 * BIOS binary with tools/ipxe-oracle (marked "oracle-verified") or read
 * from the iPXE source (EFI-only behaviour, which the oracle cannot run).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/util.h"
#include "stdlib/types.h"

#define BIOS PLAT_BIOS
#define EFI PLAT_EFI

/* Parses text as type t; returns the raw bytes as hexraw text (malloc'd),
 * or NULL with *rc set when parsing fails. */
static char *
parse_hex(enum set_type t, const char *text, enum platform plat,
	  uint32_t *rc)
{
	struct buf raw, hex;

	buf_init(&raw);
	*rc = type_parse(t, text, strlen(text), &raw, plat);
	if (*rc) {
		cr_assert_eq(raw.len, 0, "raw changed on failure");
		buf_fini(&raw);
		return NULL;
	}
	buf_init(&hex);
	buf_adds(&hex, "");
	for (size_t i = 0; i < raw.len; i++)
		buf_printf(&hex, "%02x", (unsigned char)raw.data[i]);
	buf_fini(&raw);
	return buf_steal(&hex);
}

/* Formats raw bytes given as hexraw text; NULL with *rc on failure. */
static char *
format_hex(enum set_type t, const char *hexraw, enum platform plat,
	   uint32_t *rc)
{
	size_t n = strlen(hexraw) / 2;
	uint8_t *raw = xmalloc(n);
	struct buf out;

	for (size_t i = 0; i < n; i++) {
		unsigned v;

		sscanf(hexraw + 2 * i, "%2x", &v);
		raw[i] = (uint8_t)v;
	}
	buf_init(&out);
	buf_adds(&out, "");
	*rc = type_format(t, raw, n, &out, plat);
	free(raw);
	if (*rc) {
		cr_assert_eq(out.len, 0, "out changed on failure");
		buf_fini(&out);
		return NULL;
	}
	return buf_steal(&out);
}

/* Asserts that text parses as type t to the bytes hexraw. */
static void
parses(enum set_type t, const char *text, const char *hexraw,
       enum platform plat)
{
	uint32_t rc;
	char *got = parse_hex(t, text, plat, &rc);

	cr_assert_not_null(got, "\"%s\" as %s failed with %08x", text,
			   type_names[t], rc);
	cr_assert_str_eq(got, hexraw, "\"%s\" as %s", text, type_names[t]);
	free(got);
}

/* Asserts that text fails to parse as type t with error err. */
static void
rejects(enum set_type t, const char *text, uint32_t err, enum platform plat)
{
	uint32_t rc;
	char *got = parse_hex(t, text, plat, &rc);

	cr_assert_null(got, "\"%s\" as %s gave %s", text, type_names[t],
		       got ? got : "");
	cr_assert_eq(rc, err, "\"%s\" as %s: %08x, want %08x", text,
		     type_names[t], rc, err);
}

/* Asserts that the bytes hexraw format as type t to text. */
static void
formats(enum set_type t, const char *hexraw, const char *text,
	enum platform plat)
{
	uint32_t rc;
	char *got = format_hex(t, hexraw, plat, &rc);

	cr_assert_not_null(got, "%s as %s failed with %08x", hexraw,
			   type_names[t], rc);
	cr_assert_str_eq(got, text, "%s as %s", hexraw, type_names[t]);
	free(got);
}

static void
fails(enum set_type t, const char *hexraw, uint32_t err, enum platform plat)
{
	uint32_t rc;
	char *got = format_hex(t, hexraw, plat, &rc);

	cr_assert_null(got, "%s as %s gave \"%s\"", hexraw, type_names[t],
		       got ? got : "");
	cr_assert_eq(rc, err, "%s as %s: %08x, want %08x", hexraw,
		     type_names[t], rc, err);
}

/* Parses as `set x:from TEXT` would, then formats as ${x:to}. */
static void
converts(enum set_type from, const char *text, enum set_type to,
	 const char *want, enum platform plat)
{
	uint32_t rc;
	char *raw = parse_hex(from, text, plat, &rc);

	cr_assert_not_null(raw, "\"%s\" as %s failed", text, type_names[from]);
	formats(to, raw, want, plat);
	free(raw);
}

static bool
int_ok(const char *text, uint32_t *v)
{
	return parse_integer(text, strlen(text), v);
}

/* ------------------------------------------------------ spec 5.4 */

Test(types, parse_integer_takes_strtoul_with_automatic_base)	/* 5.4 */
{
	uint32_t v;

	cr_assert(int_ok("10", &v) && v == 10);
	cr_assert(int_ok("0x1f", &v) && v == 31);
	cr_assert(int_ok("010", &v) && v == 8);
	cr_assert(int_ok("0x", &v) && v == 0);
	cr_assert(int_ok("0", &v) && v == 0);
	cr_assert(int_ok("0X1F", &v) && v == 31);
	cr_assert(int_ok("+5", &v) && v == 5);
	cr_assert(int_ok("-1", &v) && v == 0xffffffff);
}

Test(types, parse_integer_must_consume_the_whole_nonempty_text)	/* 5.4 */
{
	uint32_t v;

	cr_assert_not(int_ok("08", &v));
	cr_assert_not(int_ok("1x", &v));
	cr_assert_not(int_ok("", &v));
	cr_assert_not(int_ok("10s", &v));
	cr_assert_not(int_ok("1.5", &v));
	cr_assert_not(parse_integer("12", 0, &v));
}

Test(types, parse_integer_wraps_to_32_bits)		/* 5.4 */
{
	uint32_t v;

	/* oracle-verified: `inc x 4294967296` adds 0 */
	cr_assert(int_ok("4294967296", &v) && v == 0);
	cr_assert(int_ok("4294967297", &v) && v == 1);
	cr_assert(int_ok("0x1ffffffff", &v) && v == 0xffffffff);
}

Test(types, parse_integer_accepts_a_bare_sign_and_leading_space) /* 5.4 */
{
	uint32_t v = 9;

	/* oracle-verified: `inc x +` and `inc x -` add 0 and succeed;
	 * `inc x ${sp:string}` with sp = " 7" adds 7 */
	cr_assert(int_ok("+", &v) && v == 0);
	cr_assert(int_ok("-", &v) && v == 0);
	cr_assert(int_ok(" 7", &v) && v == 7);
	cr_assert(int_ok("\t0x10", &v) && v == 16);
	cr_assert_not(int_ok("+ 5", &v));
	cr_assert_not(int_ok("--5", &v));
}

/* ------------------------------------------------ spec 6.6 integers */

Test(types, int32_5_formats_as_every_example_type)		/* 6.6 */
{
	converts(TYPE_int32, "5", TYPE_int32, "5", BIOS);
	converts(TYPE_int32, "5", TYPE_hex, "00:00:00:05", BIOS);
	converts(TYPE_int32, "5", TYPE_uint32, "0x5", BIOS);
	converts(TYPE_int32, "5", TYPE_base64, "AAAABQ==", BIOS);
	/* 6.5: the first byte is NUL, so the string is empty */
	converts(TYPE_int32, "5", TYPE_string, "", BIOS);
}

Test(types, uint8_300_stores_its_low_byte)			/* 6.6 */
{
	converts(TYPE_uint8, "300", TYPE_uint8, "0x2c", BIOS);
	converts(TYPE_uint8, "300", TYPE_int32, "44", BIOS);
}

Test(types, int8_minus_1_is_one_ff_byte)			/* 6.6 */
{
	parses(TYPE_int8, "-1", "ff", BIOS);
	converts(TYPE_int8, "-1", TYPE_int8, "-1", BIOS);
	converts(TYPE_int8, "-1", TYPE_uint8, "0xff", BIOS);
	converts(TYPE_int8, "-1", TYPE_uint32, "0xff", BIOS);
	converts(TYPE_int8, "-1", TYPE_int32, "-1", BIOS);
}

Test(types, hex_01_02_ff_reads_as_one_number)			/* 6.6 */
{
	converts(TYPE_hex, "01:02:ff", TYPE_int32, "66303", BIOS);
	converts(TYPE_hex, "01:02:ff", TYPE_uint32, "0x102ff", BIOS);
}

Test(types, unsigned_zero_prints_0x0)				/* 6.6 */
{
	converts(TYPE_uint32, "0", TYPE_uint32, "0x0", BIOS);
	converts(TYPE_uint32, "0", TYPE_int32, "0", BIOS);
	formats(TYPE_uint16, "00ff", "0xff", BIOS);
}

Test(types, integers_are_stored_big_endian_and_truncated)	/* 6.6 */
{
	parses(TYPE_int32, "5", "00000005", BIOS);
	parses(TYPE_int16, "0x1234", "1234", BIOS);
	parses(TYPE_uint8, "0x1234", "34", BIOS);
	/* oracle-verified: -0x10 as int32; 70000 as int16 is 0x1170 */
	parses(TYPE_int32, "-0x10", "fffffff0", BIOS);
	converts(TYPE_int16, "70000", TYPE_int16, "4464", BIOS);
	converts(TYPE_int16, "70000", TYPE_hex, "11:70", BIOS);
	/* oracle-verified: 4294967297 wraps to 1 */
	converts(TYPE_int32, "4294967297", TYPE_int32, "1", BIOS);
	parses(TYPE_int32, "4294967297", "00000001", EFI);
}

Test(types, integer_parse_accepts_what_strtoul_consumes_fully)	/* 6.6 */
{
	parses(TYPE_int32, "0x10", "00000010", BIOS);
	parses(TYPE_int32, "010", "00000008", BIOS);
	parses(TYPE_int32, "+5", "00000005", BIOS);
	parses(TYPE_int32, "-5", "fffffffb", BIOS);
	/* v: 5x fails with EINVAL from settings.c */
	rejects(TYPE_int32, "5x", 0x1c0c2002, BIOS);
	rejects(TYPE_int32, "5x", 0x1c0c2082, EFI);
	/* oracle-verified: "08" fails, "0x", "-" and "+" are 0 */
	rejects(TYPE_int32, "08", 0x1c0c2002, BIOS);
	parses(TYPE_int32, "0x", "00000000", BIOS);
	parses(TYPE_int32, "-", "00000000", BIOS);
	parses(TYPE_int32, "+", "00000000", BIOS);
}

Test(types, long_minimum_prints_through_the_negation_bug)	/* 6.6 */
{
	/* v: 0x7fffffff + 1; oracle-verified for int8 and from 5 bytes */
	converts(TYPE_int32, "0x80000000", TYPE_int32, "-./,),(-*,(", BIOS);
	converts(TYPE_int32, "0x80000000", TYPE_uint32, "0x80000000", BIOS);
	formats(TYPE_int8, "80000000", "-./,),(-*,(", BIOS);
	formats(TYPE_int32, "ff80000000", "-./,),(-*,(", BIOS);
	formats(TYPE_int32, "80000001", "-2147483647", BIOS);
	/* EFI's long is 64 bits: this value is ordinary there ... */
	formats(TYPE_int32, "80000000", "-2147483648", EFI);
	/* ... and its own minimum shows the same bug */
	formats(TYPE_int32, "8000000000000000", "-'..--).0-*(+,))+(0(", EFI);
}

Test(types, values_wider_than_a_long_need_sign_padding)	/* 6.6 */
{
	/* v: "hello" as int32 is empty on BIOS, a number on 64-bit EFI */
	converts(TYPE_string, "hello", TYPE_int32, "448378203247", EFI);
	converts(TYPE_string, "hello", TYPE_uint32, "0x68656c6c6f", EFI);
	fails(TYPE_int32, "68656c6c6f", 0x460c2001, BIOS);
	fails(TYPE_int32, "68656c6c6f776f726c", 0x460c2085, EFI);
	/* oracle-verified: padding is checked, not kept */
	formats(TYPE_int32, "fffffffffe", "-2", BIOS);
	fails(TYPE_uint32, "fffffffffe", 0x460c2001, BIOS);
	formats(TYPE_int32, "ff7fffffff", "2147483647", BIOS);
	formats(TYPE_int32, "0080000000", "-./,),(-*,(", BIOS);
	formats(TYPE_uint32, "0080000000", "0x80000000", BIOS);
	fails(TYPE_int32, "0100000000", 0x460c2001, BIOS);
	formats(TYPE_int32, "00ffffffff", "-1", BIOS);
	formats(TYPE_uint32, "00ffffffff", "0xffffffff", BIOS);
	formats(TYPE_int32, "00000000000000000000000000000001", "1", BIOS);
	formats(TYPE_int32, "0000000000", "0", BIOS);
	/* oracle-verified: the string "abc" is a number too */
	converts(TYPE_string, "abc", TYPE_int32, "6382179", BIOS);
	converts(TYPE_string, "abc", TYPE_uint8, "0x616263", BIOS);
}

Test(types, an_empty_value_is_zero)				/* 6.6 */
{
	formats(TYPE_int32, "", "0", BIOS);
	formats(TYPE_uint8, "", "0x0", BIOS);
	formats(TYPE_busdevfn, "", "0000:00:00.0", BIOS);
	formats(TYPE_hex, "", "", BIOS);
	formats(TYPE_base64, "", "", BIOS);
	formats(TYPE_dnssl, "", "", BIOS);
}

/* ------------------------------------------------ spec 6.6 strings */

Test(types, string_formats_up_to_the_first_nul)		/* 6.6 */
{
	parses(TYPE_string, "a b", "612062", BIOS);
	formats(TYPE_string, "610062", "a", BIOS);
	formats(TYPE_string, "01ff0a", "\x01\xff\n", BIOS);
}

Test(types, uristring_decodes_one_or_two_hex_digits)		/* 6.6 */
{
	parses(TYPE_uristring, "a%20b", "612062", BIOS);
	parses(TYPE_uristring, "%zz", "257a7a", BIOS);
	parses(TYPE_uristring, "%4", "04", BIOS);
	parses(TYPE_uristring, "%41%4a", "414a", BIOS);
	/* oracle-verified: iPXE runs strtoul on the two bytes */
	parses(TYPE_uristring, "%zz%4%41%0x41%+f%",
	       "257a7a044100783431" "0f25", BIOS);
	parses(TYPE_uristring, "a%-1b", "61ff62", BIOS);
	parses(TYPE_uristring, "a%-zb", "61007a62", BIOS);
	parses(TYPE_uristring, "a% 5b", "610562", BIOS);
}

Test(types, uristring_escapes_with_sign_extended_bytes)	/* 6.6 */
{
	/* v: 0xff prints as %FFFFFFFF */
	formats(TYPE_uristring, "ff", "%FFFFFFFF", BIOS);
	formats(TYPE_uristring, "ff", "%FFFFFFFF", EFI);
	/* oracle-verified: the whole escape set */
	formats(TYPE_uristring,
		"0020252f233a403f3d262b7e7f80ff412d2e5f212a2728293b2c245b5d",
		"%00%20%25%2F%23%3A%40%3F%3D%26%2B~%7F%FFFFFF80%FFFFFFFFA-._!*'"
		"();,$[]", BIOS);
	converts(TYPE_string, "a b", TYPE_uristring, "a%20b", BIOS);
	formats(TYPE_uristring, "610062", "a%00b", BIOS);
}

/* ------------------------------------------------ spec 6.6 addresses */

Test(types, ipv4_parses_four_strtoul_numbers)			/* 6.6 */
{
	parses(TYPE_ipv4, "1.2.3.4", "01020304", BIOS);
	parses(TYPE_ipv4, "010.0x10.0.255", "081000ff", BIOS);
	/* oracle-verified: signs, spaces, "-" and "0x" as numbers */
	parses(TYPE_ipv4, "0x10.010.+3. 4", "10080304", BIOS);
	parses(TYPE_ipv4, "-.-.-.-", "00000000", BIOS);
	parses(TYPE_ipv4, "0x.0.0.1", "00000001", BIOS);
	/* oracle-verified on BIOS: the long wraps before the range check;
	 * EFI's 64-bit long does not wrap (from ipv4.c) */
	parses(TYPE_ipv4, "4294967297.1.1.1", "01010101", BIOS);
	rejects(TYPE_ipv4, "4294967297.1.1.1", 0x1c056082, EFI);
}

Test(types, ipv4_rejects_anything_else_with_einval)		/* 6.6 */
{
	/* v: 1c056002; the rest oracle-verified */
	rejects(TYPE_ipv4, "300.1.1.1", 0x1c056002, BIOS);
	rejects(TYPE_ipv4, "1.2.3", 0x1c056002, BIOS);
	rejects(TYPE_ipv4, "1.2.3.4.5", 0x1c056002, BIOS);
	rejects(TYPE_ipv4, "1.2.3.256", 0x1c056002, BIOS);
	rejects(TYPE_ipv4, "1..3.4", 0x1c056002, BIOS);
	rejects(TYPE_ipv4, "1.2.3.4 ", 0x1c056002, BIOS);
	rejects(TYPE_ipv4, "", 0x1c056002, BIOS);
	rejects(TYPE_ipv4, "-1.2.3.4", 0x1c056002, BIOS);
}

Test(types, ipv4_formats_the_first_four_bytes)			/* 6.6 */
{
	formats(TYPE_ipv4, "0a00020f", "10.0.2.15", BIOS);
	formats(TYPE_ipv4, "0a0002030a000204", "10.0.2.3", BIOS);
	/* oracle-verified: a 1-byte value fails with EINVAL from ipv4.c */
	fails(TYPE_ipv4, "05", 0x1c056002, BIOS);
	fails(TYPE_ipv4, "", 0x1c056002, BIOS);
}

Test(types, ipv6_is_not_supported_on_bios)			/* 6.6 */
{
	/* oracle-verified: both directions fail with ENOTSUP, settings.c */
	rejects(TYPE_ipv6, "::1", 0x3c0c2003, BIOS);
	fails(TYPE_ipv6, "00000000000000000000000000000001", 0x3c0c2003,
	      BIOS);
}

Test(types, ipv6_parses_like_inet6_aton_on_efi)		/* 6.6 */
{
	parses(TYPE_ipv6, "::", "00000000000000000000000000000000", EFI);
	parses(TYPE_ipv6, "::1", "00000000000000000000000000000001", EFI);
	parses(TYPE_ipv6, "1::", "00010000000000000000000000000000", EFI);
	parses(TYPE_ipv6, "FE80::2:3", "fe800000000000000000000000020003",
	       EFI);
	parses(TYPE_ipv6, "1:2:3:4:5:6:7:8",
	       "00010002000300040005000600070008", EFI);
	parses(TYPE_ipv6, "1:2:3:4::5:6:7",
	       "00010002000300040000000500060007", EFI);
	rejects(TYPE_ipv6, "1:2", 0x1c066082, EFI);
	rejects(TYPE_ipv6, "1::2::3", 0x1c066082, EFI);
	rejects(TYPE_ipv6, "12345::", 0x1c066082, EFI);
	rejects(TYPE_ipv6, ":1", 0x1c066082, EFI);
	rejects(TYPE_ipv6, "1:2:3:4:5:6:7:8:9", 0x1c066082, EFI);
	rejects(TYPE_ipv6, "0x1::", 0x1c066082, EFI);
	rejects(TYPE_ipv6, "1.2.3.4", 0x1c066082, EFI);
}

Test(types, ipv6_formats_compressed_like_inet6_ntoa_on_efi)	/* 6.6 */
{
	formats(TYPE_ipv6, "00000000000000000000000000000000", "::", EFI);
	formats(TYPE_ipv6, "00000000000000000000000000000001", "::1", EFI);
	formats(TYPE_ipv6, "00010000000000000000000000000000", "1::", EFI);
	formats(TYPE_ipv6, "fe800000000000000000000000020003", "fe80::2:3",
		EFI);
	/* a single zero word stays; the first of equal runs is taken */
	formats(TYPE_ipv6, "00010000000200030004000500060007",
		"1:0:2:3:4:5:6:7", EFI);
	formats(TYPE_ipv6, "00010000000000020000000000030004",
		"1::2:0:0:3:4", EFI);
	formats(TYPE_ipv6, "00010000000000020000000000000003",
		"1:0:0:2::3", EFI);
	formats(TYPE_ipv6, "20010db8000000000000000000000001", "2001:db8::1",
		EFI);
	fails(TYPE_ipv6, "0001", 0x1c066082, EFI);
}

/* ------------------------------------------------ spec 6.6 hex, base64 */

Test(types, hex_needs_two_digits_and_the_separator)		/* 6.6 */
{
	parses(TYPE_hex, "01:02:ff", "0102ff", BIOS);
	parses(TYPE_hexhyp, "01-02", "0102", BIOS);
	parses(TYPE_hexraw, "0102ff", "0102ff", BIOS);
	parses(TYPE_hex, "0A:Bc", "0abc", BIOS);
	parses(TYPE_hex, "", "", BIOS);
	/* v: 1:2:3 and 0g; the rest oracle-verified */
	rejects(TYPE_hex, "1:2:3", 0x1c112002, BIOS);
	rejects(TYPE_hex, "0g", 0x1c112002, BIOS);
	rejects(TYPE_hex, "01:", 0x1c112002, BIOS);
	rejects(TYPE_hex, ":01", 0x1c112002, BIOS);
	rejects(TYPE_hex, "1", 0x1c112002, BIOS);
	rejects(TYPE_hexraw, "01:02", 0x1c112002, BIOS);
	rejects(TYPE_hex, "01-02", 0x1c112002, BIOS);
	rejects(TYPE_hex, "0102", 0x1c112002, BIOS);
}

Test(types, hex_formats_lower_case_pairs)			/* 6.6 */
{
	/* oracle-verified: 0A:Bc in each form */
	formats(TYPE_hex, "0abc", "0a:bc", BIOS);
	formats(TYPE_hexhyp, "0abc", "0a-bc", BIOS);
	formats(TYPE_hexraw, "0abc", "0abc", BIOS);
	formats(TYPE_base64, "0abc", "Crw=", BIOS);
	formats(TYPE_hex, "0102ff", "01:02:ff", BIOS);
}

Test(types, base64_ignores_whitespace_and_checks_padding)	/* 6.6 */
{
	parses(TYPE_base64, "AAAABQ==", "00000005", BIOS);
	parses(TYPE_base64, "AA==", "00", BIOS);
	parses(TYPE_base64, "AAA=", "0000", BIOS);
	parses(TYPE_base64, "QUJD REVG", "414243444546", BIOS);
	parses(TYPE_base64, "AA = =", "00", BIOS);
	parses(TYPE_base64, "", "", BIOS);
	parses(TYPE_base64, "+/+/", "fbffbf", BIOS);
	/* oracle-verified: padding only has to end on a byte boundary,
	 * and bits past the last byte are dropped */
	parses(TYPE_base64, "AAAAAA==", "00000000", BIOS);
	parses(TYPE_base64, "AB==", "00", BIOS);
	/* v: 1c102002; the cases oracle-verified */
	rejects(TYPE_base64, "=", 0x1c102002, BIOS);
	rejects(TYPE_base64, "A ===", 0x1c102002, BIOS);
	rejects(TYPE_base64, "AA=A", 0x1c102002, BIOS);
	rejects(TYPE_base64, "AAA", 0x1c102002, BIOS);
	rejects(TYPE_base64, "A*AA", 0x1c102002, BIOS);
	rejects(TYPE_base64, "AA=", 0x1c102002, BIOS);
	rejects(TYPE_base64, "AA\xc3\xa9", 0x1c102002, BIOS);
}

Test(types, base64_formats_with_padding)			/* 6.6 */
{
	formats(TYPE_base64, "00000005", "AAAABQ==", BIOS);
	formats(TYPE_base64, "414243444546", "QUJDREVG", BIOS);
	formats(TYPE_base64, "61", "YQ==", BIOS);
	formats(TYPE_base64, "6162", "YWI=", BIOS);
	formats(TYPE_base64, "fbffbf", "+/+/", BIOS);
}

/* ------------------------------------------------ spec 6.6 uuid, guid */

Test(types, uuid_takes_32_digits_with_optional_hyphens)	/* 6.6 */
{
	const char *raw = "00112233445566778899aabbccddeeff";

	/* oracle-verified */
	parses(TYPE_uuid, "00112233-4455-6677-8899-aabbccddeeff", raw, BIOS);
	parses(TYPE_uuid, "00112233445566778899AABBCCDDEEFF", raw, BIOS);
	parses(TYPE_uuid, "00-11-22-33-44-55-66-77-88-99-aa-bb-cc-dd-ee-ff",
	       raw, BIOS);
	rejects(TYPE_uuid, "0-0-1-1-2-2-3-3-4-4-5-5-6-6-7-7", 0x1c112002,
		BIOS);
	rejects(TYPE_uuid, "00112233--4455-6677-8899-aabbccddeeff",
		0x1c112002, BIOS);
	rejects(TYPE_uuid, "-00112233-4455-6677-8899-aabbccddeeff",
		0x1c112002, BIOS);
	/* c in spec 7.4, oracle-verified: wrong length is uuid.c's EINVAL */
	rejects(TYPE_uuid, "00112233-4455-6677-8899-aabbccddee", 0x1c2a2002,
		BIOS);
	rejects(TYPE_uuid, "00112233-4455-6677-8899-aabbccddeeff00",
		0x1c2a2002, BIOS);
}

Test(types, uuid_and_guid_swap_the_first_three_fields)		/* 6.6 */
{
	const char *raw = "00112233445566778899aabbccddeeff";

	/* oracle-verified */
	formats(TYPE_uuid, raw, "00112233-4455-6677-8899-aabbccddeeff", BIOS);
	formats(TYPE_guid, raw, "33221100-5544-7766-8899-aabbccddeeff", BIOS);
	parses(TYPE_guid, "00112233-4455-6677-8899-aabbccddeeff",
	       "33221100554477668899aabbccddeeff", BIOS);
	/* oracle-verified: any other length is ERANGE from settings.c */
	fails(TYPE_uuid, "05", 0x460c2001, BIOS);
	fails(TYPE_guid, "00112233445566778899aabbccddeeff00", 0x460c2001,
	      BIOS);
}

/* ------------------------------------------------ spec 6.6 busdevfn, dnssl */

Test(types, busdevfn_has_no_parser)				/* 6.6 */
{
	/* oracle-verified: ENOTSUP from settings.c, as for dnssl */
	rejects(TYPE_busdevfn, "1", 0x3c0c2003, BIOS);
	rejects(TYPE_dnssl, "1", 0x3c0c2003, BIOS);
	rejects(TYPE_busdevfn, "0000:00:03.0", 0x3c0c2083, EFI);
}

Test(types, busdevfn_formats_segment_bus_device_function)	/* 6.6 */
{
	/* oracle-verified */
	formats(TYPE_busdevfn, "12345678", "1234:56:0f.0", BIOS);
	formats(TYPE_busdevfn, "00ffffffff", "ffff:ff:1f.7", BIOS);
	formats(TYPE_busdevfn, "ff", "0000:00:1f.7", BIOS);
	formats(TYPE_busdevfn, "0018", "0000:00:03.0", BIOS);
	fails(TYPE_busdevfn, "0102030405", 0x460c2001, BIOS);
}

Test(types, dnssl_decodes_dns_names_separated_by_spaces)	/* 6.6 */
{
	/* oracle-verified, including pointers and padding */
	formats(TYPE_dnssl, "03666f6f03636f6d0003626172c00400",
		"foo.com bar.com", BIOS);
	formats(TYPE_dnssl, "03666f6f0000000362617200" "00", "foo bar", BIOS);
	formats(TYPE_dnssl, "00", "", BIOS);
	formats(TYPE_dnssl, "0003666f6f00", " foo", BIOS);
	formats(TYPE_dnssl, "016100c000", "a a", BIOS);
}

Test(types, dnssl_rejects_overruns_and_pointer_loops)		/* 6.6 */
{
	/* oracle-verified: EINVAL from dns.c */
	fails(TYPE_dnssl, "03666f6f", 0x1c116002, BIOS);
	fails(TYPE_dnssl, "c000", 0x1c116002, BIOS);
	fails(TYPE_dnssl, "0161c000", 0x1c116002, BIOS);
	fails(TYPE_dnssl, "03666f6f0001", 0x1c116002, BIOS);
}

Test(types, every_type_round_trips_its_own_format)		/* 6.6 */
{
	static const struct {
		enum set_type t;
		const char *text;
	} cases[] = {
		{ TYPE_string, "hello world" },
		{ TYPE_uristring, "a%20b%2F" },
		{ TYPE_ipv4, "192.168.0.1" },
		{ TYPE_int8, "-5" },
		{ TYPE_int16, "-300" },
		{ TYPE_int32, "123456" },
		{ TYPE_uint8, "0xab" },
		{ TYPE_uint16, "0xabcd" },
		{ TYPE_uint32, "0xdeadbeef" },
		{ TYPE_hex, "de:ad:be:ef" },
		{ TYPE_hexhyp, "de-ad-be-ef" },
		{ TYPE_hexraw, "deadbeef" },
		{ TYPE_base64, "3q2+7w==" },
		{ TYPE_uuid, "00112233-4455-6677-8899-aabbccddeeff" },
		{ TYPE_guid, "00112233-4455-6677-8899-aabbccddeeff" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		converts(cases[i].t, cases[i].text, cases[i].t, cases[i].text,
			 BIOS);
	converts(TYPE_ipv6, "2001:db8::1", TYPE_ipv6, "2001:db8::1", EFI);
}

Test(types, a_failed_call_leaves_the_buffer_alone)		/* types.h */
{
	struct buf b;

	buf_init(&b);
	buf_adds(&b, "keep");
	cr_assert_neq(type_parse(TYPE_ipv4, "x", 1, &b, BIOS), 0);
	cr_assert_neq(type_format(TYPE_ipv4, (const uint8_t *)"x", 1, &b,
				  BIOS), 0);
	cr_assert_str_eq(b.data, "keep");
	cr_assert_eq(type_parse(TYPE_int8, "7", 1, &b, BIOS), 0);
	cr_assert_eq(b.len, 5);
	buf_fini(&b);
}

Test(types, text_ends_at_len_or_the_first_nul)			/* types.h */
{
	struct buf b;

	buf_init(&b);
	cr_assert_eq(type_parse(TYPE_int32, "12345", 2, &b, BIOS), 0);
	cr_assert_eq(memcmp(b.data, "\0\0\0\x0c", 4), 0);
	buf_reset(&b);
	cr_assert_eq(type_parse(TYPE_string, "ab\0cd", 5, &b, BIOS), 0);
	cr_assert_eq(b.len, 2);
	buf_fini(&b);
}
