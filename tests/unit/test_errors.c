/*
 * test_errors.c - error numbers and strerror() texts (spec 7): every
 * number of spec 7.4, the POSIX table of 7.3, and the lookup rules, with
 * texts checked on the real BIOS binary (marked "oracle-verified").
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "parser/util.h"
#include "stdlib/errors.h"

#define BIOS PLAT_BIOS
#define EFI PLAT_EFI
#define URL "https://ipxe.org"

static void
text_is(uint32_t err, enum platform plat, const char *url, const char *want)
{
	struct buf b;

	buf_init(&b);
	buf_adds(&b, "");
	err_text(&b, err, plat, url);
	cr_assert_str_eq(b.data, want, "%08x", err);
	buf_fini(&b);
}

#define NUM(id, want) cr_assert_eq(err_num(ERR_##id, BIOS), (want), \
				   #id ": %08x, want %08x", \
				   err_num(ERR_##id, BIOS), (want))

Test(errors, spec_7_4_numbers_come_out_exactly_on_bios)	/* 7.4 */
{
	NUM(EXEC_NOT_FOUND, 0x2e022001);
	NUM(ISSET_FALSE, 0x2d02203b);
	NUM(ISEQ_FALSE, 0x46022001);
	NUM(SLEEP_CANCELLED, 0x0b0220a0);
	NUM(GOTO_NO_LABEL, 0x2d02803b);
	NUM(GOTO_NOT_IN_SCRIPT, 0x3d028001);
	NUM(SCRIPT_CONTINUATION, 0x1c028002);
	NUM(PARSE_HELP, 0x0b1621a0);
	NUM(PARSE_UNKNOWN_OPTION, 0x1c162202);
	NUM(PARSE_MISSING_ARGUMENT, 0x1c162302);
	NUM(PARSE_ARG_COUNT, 0x46162001);
	NUM(PARSE_BAD_INTEGER, 0x1c162102);
	NUM(PARSE_NO_NETDEV, 0x2c16203b);
	NUM(PARSE_NO_SCOPE, 0x1c162002);
	NUM(PARSE_NO_UI, 0x2d16203b);
	NUM(SETTING_NO_BLOCK, 0x2c0c203b);
	NUM(SETTING_BAD_TYPE, 0x3c0c2003);
	NUM(SETTING_NOT_FOUND, 0x2d0c203b);
	NUM(TYPE_BAD_INTEGER, 0x1c0c2002);
	NUM(HEX_BAD, 0x1c112002);
	NUM(UUID_BAD_LENGTH, 0x1c2a2002);
	NUM(BASE64_BAD, 0x1c102002);
	NUM(IPV4_BAD, 0x1c056002);
	NUM(SETTING_READ_ONLY, 0x3c0c2003);
	NUM(TYPE_NOT_NUMERIC, 0x3c0c2003);
	NUM(SETTING_NOT_APPLICABLE, 0x3d0c2001);
	NUM(IMGCMD_NO_IMAGE, 0x2d0ae03b);
	NUM(IMAGE_NOT_EXECUTABLE, 0x2e008001);
	NUM(OPEN_UNKNOWN_SCHEME, 0x3c092003);
	NUM(OPEN_NOT_ABSOLUTE, 0x3c092003);
	NUM(JOB_TIMEOUT, 0x4c072035);
	NUM(JOB_CANCELLED, 0x0b0720a0);
	NUM(TCP_NO_ROUTE, 0x280a6011);
	NUM(HTTP_404, 0x2d0c613b);
	NUM(TFTP_NOT_FOUND, 0x2d12613b);
	NUM(DNS_NO_RECORD, 0x3e11613b);
	NUM(IFCONF_FAILED, 0x040ee119);
	NUM(MENU_EMPTY, 0x2d2ce03b);
	NUM(MENU_CANCELLED, 0x0b2ce0a0);
	NUM(PROMPT_TIMEOUT, 0x4c22e035);
	NUM(PROMPT_WRONG_KEY, 0x0b22e0a0);
	NUM(READ_TIMEOUT, 0x4c32e035);
	NUM(READ_CANCELLED, 0x0b32e0a0);
}

Test(errors, untrusted_image_is_eacces_unique_1)		/* 7.4 */
{
	/* oracle-verified: `imgtrust` then `chain h` prints
	 * "Permission denied (https://ipxe.org/0200813c)"; spec 7.4's
	 * computed 0208013c leaves out the unique number */
	NUM(IMAGE_UNTRUSTED, 0x0200813c);
	text_is(0x0200813c, BIOS, URL,
		"Permission denied (https://ipxe.org/0200813c)");
}

Test(errors, numbers_quoted_in_sections_5_and_9_to_10_match)	/* 5.4, 9, 10 */
{
	NUM(PARSE_NO_CONFIGURATOR, 0x3c162003);
	NUM(PARSE_NO_PARAMS, 0x2d16203b);
	NUM(FORM_CANCELLED, 0x0b63e0a0);
	NUM(FORM_NO_INPUTS, 0x1c63e002);
	NUM(IFCMD_NO_DEVICES, 0x2c1de03b);
	NUM(DNS_NO_NAMESERVER, 0x3e11623b);
	NUM(PING_TIMEOUT, 0x4c1b2035);
	NUM(IMAGE_TRUST_PERMANENT, 0x0200823c);
	NUM(CERT_NOT_FOUND, 0x2d4fe03b);
	NUM(COLOUR_BAD, 0x1c1e2002);
	NUM(CPAIR_BAD, 0x1c1d2002);
}

Test(errors, numbers_checked_with_the_oracle_match)		/* 7.3 */
{
	/* oracle-verified: `pciscan` past the last device, `cpuid 31`,
	 * `chain tftp://10.0.0.1/x` without a NIC, `show g:uuid` of one
	 * byte, `${d:dnssl}` of a truncated name */
	NUM(PCISCAN_END, 0x2c04403b);
	NUM(CPUID_NOT_SET, 0x2d80e03b);
	NUM(TFTP_TIMEOUT, 0x4c126035);
	NUM(TYPE_UUID_LENGTH, 0x460c2001);
	NUM(TYPE_INT_RANGE, 0x460c2001);
	NUM(DNS_BAD_NAME, 0x1c116002);
}

Test(errors, efi_numbers_take_the_efi_platform_byte)		/* 7.3 */
{
	cr_assert_eq(err_num(ERR_EXEC_NOT_FOUND, EFI), 0x2e022081);
	cr_assert_eq(err_num(ERR_ISSET_FALSE, EFI), 0x2d02208e);
	cr_assert_eq(err_num(ERR_PARSE_HELP, EFI), 0x0b162195);
	cr_assert_eq(err_num(ERR_TYPE_BAD_INTEGER, EFI), 0x1c0c2082);
	cr_assert_eq(err_num(ERR_GOTO_NOT_IN_SCRIPT, EFI), 0x3d028083);
	cr_assert_eq(err_num(ERR_JOB_TIMEOUT, EFI), 0x4c072092);
	cr_assert_eq(err_num(ERR_TYPE_INT_RANGE, EFI), 0x460c2085);
	cr_assert_eq(err_num(ERR_IFCONF_FAILED, EFI), 0x040ee186);
	cr_assert_eq(err_num(ERR_CPUID_NOT_SET, EFI), 0x2d80e08e);
}

Test(errors, err_none_is_zero_and_err_make_builds_any_number)	/* 7.3 */
{
	cr_assert_eq(err_num(ERR_NONE, BIOS), 0);
	cr_assert_eq(err_num(ERR_NONE, EFI), 0);
	cr_assert_eq(err_make(POSIX_ENOENT, 0x000c6000, 1, BIOS), 0x2d0c613b);
	cr_assert_eq(err_make(POSIX_ENOENT, 0x000c6000, 1, EFI), 0x2d0c618e);
	cr_assert_eq(err_make(POSIX_ENOERR, 0, 0, BIOS), 0);
}

Test(errors, every_row_has_a_posix_code_and_a_unique_number)	/* 7.3 */
{
	for (int id = ERR_NONE + 1; id < ERR_COUNT; id++) {
		uint32_t n = err_num((enum err_id)id, BIOS);

		cr_assert_neq(n, 0, "row %d is 0", id);
		cr_assert_eq(n & 0x80000000u, 0, "row %d: %08x", id, n);
		cr_assert_eq(n & 0x7f000000u,
			     err_num((enum err_id)id, EFI) & 0x7f000000u);
	}
}

Test(errors, posix_table_of_7_3_has_the_listed_codes_and_bytes) /* 7.3 */
{
	static const struct {
		enum posix_code code;
		uint8_t value, bios, efi;
		const char *text;
	} rows[] = {
		{ POSIX_EACCES, 0x02, 0x3c, 0x8f, "Permission denied" },
		{ POSIX_EADDRNOTAVAIL, 0x04, 0x19, 0x86, NULL },
		{ POSIX_ECANCELED, 0x0b, 0xa0, 0x95, "Operation canceled" },
		{ POSIX_ECONNRESET, 0x0f, 0x39, 0x95, "Connection reset" },
		{ POSIX_EINVAL, 0x1c, 0x02, 0x82, "Invalid argument" },
		{ POSIX_EIO, 0x1d, 0x39, 0x98, "Input/output error" },
		{ POSIX_ENETUNREACH, 0x28, 0x11, 0x90, "Network unreachable" },
		{ POSIX_ENODEV, 0x2c, 0x3b, 0x87, "No such device" },
		{ POSIX_ENOENT, 0x2d, 0x3b, 0x8e,
		  "No such file or directory" },
		{ POSIX_ENOEXEC, 0x2e, 0x01, 0x81, "Exec format error" },
		{ POSIX_ENOMEM, 0x31, 0x06, 0x89, "Not enough space" },
		{ POSIX_ENOSPC, 0x34, 0x06, 0x8b, "No space left on device" },
		{ POSIX_ENOTCONN, 0x38, 0x01, 0x93,
		  "The socket is not connected" },
		{ POSIX_ENOTSUP, 0x3c, 0x03, 0x83, "Operation not supported" },
		{ POSIX_ENOTTY, 0x3d, 0x01, 0x83, NULL },
		{ POSIX_ENXIO, 0x3e, 0x3b, 0x8e, NULL },
		{ POSIX_EPERM, 0x41, 0x3c, 0x8f, "Operation not permitted" },
		{ POSIX_ERANGE, 0x46, 0x01, 0x85, "Result too large" },
		{ POSIX_ETIMEDOUT, 0x4c, 0x35, 0x92, "Connection timed out" },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		for (int p = BIOS; p <= EFI; p++) {
			uint32_t n = err_make(rows[i].code, 0x00002000, 0,
					      (enum platform)p);
			uint8_t byte = p == BIOS ? rows[i].bios : rows[i].efi;
			struct buf want;

			cr_assert_eq(rows[i].code, rows[i].value);
			cr_assert_eq(n, (uint32_t)rows[i].value << 24 |
					     0x2000 | byte,
				     "%02x on %d: %08x", rows[i].value, p, n);
			buf_init(&want);
			if (rows[i].text)
				buf_printf(&want, "%s (" URL "/%08x)",
					   rows[i].text, n);
			else
				buf_printf(&want, "Error 0x%08x (" URL
					   "/%08x)", n, n);
			text_is(n, (enum platform)p, URL, want.data);
			buf_fini(&want);
		}
	}
}

Test(errors, text_is_description_then_url_with_8_hex_digits)	/* 7.2 */
{
	text_is(0x2d0c203b, BIOS, URL,
		"No such file or directory (https://ipxe.org/2d0c203b)");
	text_is(0x0b2ce0a0, BIOS, URL,
		"Operation canceled (https://ipxe.org/0b2ce0a0)");
	text_is(0x3c092003, BIOS, URL,
		"Operation not supported (https://ipxe.org/3c092003)");
	text_is(0x4c072035, BIOS, URL,
		"Connection timed out (https://ipxe.org/4c072035)");
	text_is(0x280a6011, BIOS, URL,
		"Network unreachable (https://ipxe.org/280a6011)");
	text_is(0x3c0c2003, BIOS, URL,
		"Operation not supported (https://ipxe.org/3c0c2003)");
	text_is(0x0200823c, BIOS, URL,
		"Permission denied (https://ipxe.org/0200823c)");
	text_is(0x1c1e2002, BIOS, URL,
		"Invalid argument (https://ipxe.org/1c1e2002)");
	text_is(0x4c1b2035, BIOS, URL,
		"Connection timed out (https://ipxe.org/4c1b2035)");
}

Test(errors, unknown_numbers_print_as_zero_padded_error_0x)	/* 7.2 */
{
	text_is(3, BIOS, URL, "Error 0x00000003 (https://ipxe.org/00000003)");
	text_is(0x3d028001, BIOS, URL,
		"Error 0x3d028001 (https://ipxe.org/3d028001)");
	text_is(0x3d0c2001, BIOS, URL,
		"Error 0x3d0c2001 (https://ipxe.org/3d0c2001)");
	text_is(0x3e11613b, BIOS, URL,
		"Error 0x3e11613b (https://ipxe.org/3e11613b)");
	text_is(0x3e11623b, BIOS, URL,
		"Error 0x3e11623b (https://ipxe.org/3e11623b)");
}

Test(errors, the_2019_build_uses_http)				/* 7.2 */
{
	text_is(3, BIOS, "http://ipxe.org",
		"Error 0x00000003 (http://ipxe.org/00000003)");
	text_is(0x2d0c613b, BIOS, "http://ipxe.org",
		"Not found (http://ipxe.org/2d0c613b)");
}

Test(errors, exact_numbers_have_their_own_texts)		/* 7.3 */
{
	text_is(0x2d0c613b, BIOS, URL, "Not found (https://ipxe.org/2d0c613b)");
	text_is(0x1d0c6439, BIOS, URL,
		"HTTP 4xx Client Error (https://ipxe.org/1d0c6439)");
	text_is(0x1d0c6539, BIOS, URL,
		"HTTP 5xx Server Error (https://ipxe.org/1d0c6539)");
	text_is(0x2d12613b, BIOS, URL, "Not found (https://ipxe.org/2d12613b)");
	text_is(0x040ee119, BIOS, URL,
		"No configuration methods succeeded (https://ipxe.org/"
		"040ee119)");
	text_is(err_num(ERR_NETDEV_LINK_DOWN, BIOS), BIOS, URL,
		"Down (https://ipxe.org/38086101)");
	/* EFI: the same sites with the EFI byte */
	text_is(0x2d0c618e, EFI, URL, "Not found (https://ipxe.org/2d0c618e)");
	text_is(0x040ee186, EFI, URL,
		"No configuration methods succeeded (https://ipxe.org/"
		"040ee186)");
}

Test(errors, other_numbers_fall_back_to_the_posix_text)	/* 7.3 */
{
	/* oracle-verified: exit 0x2d0c603b (HTTP's file, another unique) */
	text_is(0x2d0c603b, BIOS, URL,
		"No such file or directory (https://ipxe.org/2d0c603b)");
	text_is(0x1d0c6339, BIOS, URL,
		"Input/output error (https://ipxe.org/1d0c6339)");
	/* oracle-verified: an EFI byte on BIOS matches nothing */
	text_is(0x1c000082, BIOS, URL,
		"Error 0x1c000082 (https://ipxe.org/1c000082)");
	text_is(0x1c000082, EFI, URL,
		"Invalid argument (https://ipxe.org/1c000082)");
	text_is(0x3d0c2083, EFI, URL,
		"Error 0x3d0c2083 (https://ipxe.org/3d0c2083)");
}

Test(errors, multiples_of_256_read_as_success)			/* 7.3 */
{
	/* v: exit 0x100 */
	text_is(0x100, BIOS, URL,
		"Operation completed successfully (https://ipxe.org/00000100)");
	text_is(0, BIOS, URL,
		"Operation completed successfully (https://ipxe.org/00000000)");
	text_is(0x00ffff00, EFI, URL,
		"Operation completed successfully (https://ipxe.org/00ffff00)");
}

Test(errors, negative_numbers_are_negated_first)		/* 7.3 */
{
	/* a negative rc works like its errno */
	text_is((uint32_t)-0x2d0c613b, BIOS, URL,
		"Not found (https://ipxe.org/2d0c613b)");
	/* oracle-verified with `exit N` in a chained script */
	text_is(0xffffffff, BIOS, URL,
		"Error 0x00000001 (https://ipxe.org/00000001)");
	text_is(0xfffffffe, BIOS, URL,
		"Error 0x00000002 (https://ipxe.org/00000002)");
	text_is(0x80000000, BIOS, URL,
		"Operation completed successfully (https://ipxe.org/80000000)");
	text_is(0x80000102, BIOS, URL,
		"Error 0x7ffffefe (https://ipxe.org/7ffffefe)");
	text_is(0x9c000002, BIOS, URL,
		"Error 0x63fffffe (https://ipxe.org/63fffffe)");
	text_is(0x7f0000ff, BIOS, URL,
		"Error 0x7f0000ff (https://ipxe.org/7f0000ff)");
}

Test(errors, linked_in_tables_of_the_full_bios_build_apply)	/* 7.3 */
{
	/* oracle-verified with `exit N` in a chained script */
	text_is(0x1a086301, BIOS, URL,
		"Incomplete (https://ipxe.org/1a086301)");
	text_is(0x46038101, BIOS, URL,
		"Requested memory not available (https://ipxe.org/46038101)");
	text_is(0x1a086101, BIOS, URL, "Unknown (https://ipxe.org/1a086101)");
	text_is(0x1a086201, BIOS, URL, "Unused (https://ipxe.org/1a086201)");
	/* EFI-only tables (from efi_local.c and dhcpv6.c) */
	text_is(0x7f4de18e, EFI, URL, "Not found (https://ipxe.org/7f4de18e)");
	text_is(0x7f4de18e, BIOS, URL,
		"Error 0x7f4de18e (https://ipxe.org/7f4de18e)");
	text_is(0x433b6298, EFI, URL,
		"No addresses available (https://ipxe.org/433b6298)");
	/* segment.c is not in EFI builds */
	text_is(0x46038185, EFI, URL,
		"Result too large (https://ipxe.org/46038185)");
}

Test(errors, text_is_cut_to_strerror_buffer_of_63_characters)	/* 7.2 */
{
	/* oracle-verified: exit 0x0e1f6d38 prints without the ')' */
	text_is(0x0e1f6d38, BIOS, URL,
		"Authentication algorithm unsupported (https://ipxe.org/"
		"0e1f6d38");
	text_is(0x0e1f6c38, BIOS, URL,
		"Association denied for another reason (https://ipxe.org/"
		"0e1f6c3");
	text_is(0x0f1f7739, BIOS, URL,
		"IEEE 802.1X authentication failed (https://ipxe.org/"
		"0f1f7739)");
}

Test(errors, text_is_appended_to_the_buffer)			/* errors.h */
{
	struct buf b;

	buf_init(&b);
	buf_adds(&b, "Could not boot: ");
	err_text(&b, 3, BIOS, URL);
	cr_assert_str_eq(b.data, "Could not boot: Error 0x00000003 "
				 "(https://ipxe.org/00000003)");
	buf_fini(&b);
}
