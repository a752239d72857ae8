/*
 * types.c - the setting types of spec 6.6: text to raw bytes and back,
 * written to behave like iPXE's setting_type_* functions (settings.c,
 * base16.c, base64.c, uuid.c, uri.c, ipv4.c, ipv6.c, dns.c), quirks
 * included, and iPXE's strtoul()-based integer parser (spec 5.4).
 */
#include "stdlib/types.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/util.h"

/* Bytes in a C long: 4 on i386 BIOS, 8 on x86_64 EFI (spec 0). */
static unsigned
long_size(enum platform plat)
{
	return plat == PLAT_EFI ? 8 : 4;
}

static uint64_t
long_mask(enum platform plat)
{
	return plat == PLAT_EFI ? UINT64_MAX : UINT32_MAX;
}

/*
 * digit_value() of src/core/string.c: letters count from 10 whatever the
 * base, and anything else comes out at least as large as any base used
 * here.  A byte >= 0x80 is a negative char in iPXE and so never a digit.
 */
static unsigned
digit_value(unsigned char c)
{
	if (c >= 0x80)
		return 0xff;
	if (c >= 'a')
		return c - ('a' - 10);
	if (c >= 'A')
		return c - ('A' - 10);
	if (c <= '9')
		return (unsigned)(c - '0');	/* wraps below '0' */
	return c;
}

uint64_t
ipxe_strtoul(const char *s, const char **endp, unsigned base,
	     enum platform plat)
{
	uint64_t value = 0;
	bool negate = false;
	unsigned digit;

	while (is_ipxe_space((unsigned char)*s))
		s++;
	if (*s == '-') {
		s++;
		negate = true;
	} else if (*s == '+') {
		s++;
	}
	if (base == 0) {
		base = 10;
		if (*s == '0') {
			s++;
			base = 8;
			if ((*s & ~0x20) == 'X') {
				s++;
				base = 16;
			}
		}
	}
	for (;; s++) {
		digit = digit_value((unsigned char)*s);
		if (digit >= base)
			break;
		value = (value * base + digit) & long_mask(plat);
	}
	if (negate)
		value = -value & long_mask(plat);
	if (endp)
		*endp = s;
	return value;
}

bool
parse_integer(const char *text, size_t len, uint32_t *out)
{
	char *s = xstrndup(text, strnlen(text, len));
	const char *end;
	bool ok;

	/* parseopt.c: the value is an unsigned int, so it wraps to 32 bits
	 * on either platform; empty text is refused explicitly. */
	*out = (uint32_t)ipxe_strtoul(s, &end, 0, PLAT_BIOS);
	ok = s[0] != '\0' && *end == '\0';
	free(s);
	return ok;
}

/* ------------------------------------------------------------ parsing */

static const char base64_alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	"0123456789+/";

/* uri_decode() of src/core/uri.c: '%' takes up to two following bytes
 * and runs strtoul(base 16) on them, so "% 5" and "%-1" decode too, and
 * "%-" yields a NUL byte; with nothing consumed the '%' stays. */
static void
parse_uristring(const char *s, struct buf *raw, enum platform plat)
{
	char hexbuf[3];
	const char *end;
	uint64_t decoded;
	char c;

	while ((c = *s++) != '\0') {
		if (c == '%') {
			size_t n = strnlen(s, 2);

			memcpy(hexbuf, s, n);
			hexbuf[n] = '\0';
			decoded = ipxe_strtoul(hexbuf, &end, 16, plat);
			s += end - hexbuf;
			if (end != hexbuf)
				c = (char)decoded;
		}
		buf_addc(raw, c);
	}
}

/* inet_aton() of src/net/ipv4.c: four strtoul(base 0) numbers, each at
 * most 255, separated by '.', each consuming at least one byte ("-" and
 * "0x" count as 0).  A C long wraps first: 4294967297 is 1 on BIOS. */
static bool
inet_aton(const char *s, uint8_t out[4], enum platform plat)
{
	const char *end;
	uint64_t value;

	for (int i = 0; i < 4; i++) {
		value = ipxe_strtoul(s, &end, 0, plat);
		if (end == s || value > 0xff)
			return false;
		out[i] = (uint8_t)value;
		if (*end != (i < 3 ? '.' : '\0'))
			return false;
		s = end + 1;
	}
	return true;
}

/* inet6_aton() of src/net/ipv6.c: up to eight strtoul(base 16) words;
 * an empty word other than the first marks the one "::" gap. */
static bool
inet6_aton(const char *s, uint8_t out[16], enum platform plat)
{
	uint16_t words[8];
	size_t n = 0;
	size_t pad = 0;
	bool has_pad = false;
	const char *nptr = s;
	const char *end;
	uint64_t value;

	for (;;) {
		value = ipxe_strtoul(nptr, &end, 16, plat);
		if (value > 0xffff)
			return false;
		words[n++] = (uint16_t)value;
		if (*end == '\0')
			break;
		if (*end != ':')
			return false;
		if (end == nptr && nptr != s) {
			if (has_pad)
				return false;
			has_pad = true;
			pad = n;
		}
		nptr = end + 1;
		if (n == 8)
			return false;
	}
	if (has_pad) {
		memmove(&words[pad + 8 - n], &words[pad],
			(n - pad) * sizeof(words[0]));
		memset(&words[pad], 0, (8 - n) * sizeof(words[0]));
	} else if (n != 8) {
		return false;
	}
	for (int i = 0; i < 8; i++) {
		out[2 * i] = (uint8_t)(words[i] >> 8);
		out[2 * i + 1] = (uint8_t)words[i];
	}
	return true;
}

/*
 * hex_decode() of src/core/base16.c: two digits per byte, any case;
 * between bytes the separator is required, or with optional (UUIDs)
 * skipped when present.  Returns the byte count, or -1.
 */
static long
hex_decode(const char *s, char sep, bool optional, struct buf *raw)
{
	long count = 0;
	unsigned hi, lo;

	while (*s) {
		if (count && sep) {
			if (*s == sep)
				s++;
			else if (!optional)
				return -1;
		}
		/* A NUL in either place is not a digit, so the loop never
		 * reads past the end. */
		hi = digit_value((unsigned char)*s++);
		if (hi >= 16)
			return -1;
		lo = digit_value((unsigned char)*s++);
		if (lo >= 16)
			return -1;
		buf_addc(raw, (char)(hi << 4 | lo));
		count++;
	}
	return count;
}

static char
hex_separator(enum set_type t)
{
	return t == TYPE_hex ? ':' : t == TYPE_hexhyp ? '-' : 0;
}

/*
 * base64_decode() of src/core/base64.c: whitespace is skipped; each '='
 * takes two bits back (the bit count is an unsigned int, so a leading '='
 * wraps and fails the final check); at most two '=' and nothing but
 * whitespace after them; the bit count must end on a byte boundary, so
 * "AAAAAA==" is accepted as 4 bytes.
 */
static bool
base64_decode(const char *s, struct buf *raw)
{
	size_t cap = strlen(s) * 6 / 8 + 2;
	uint8_t *out = xcalloc(cap, 1);
	uint32_t bit = 0;
	unsigned pads = 0;
	const char *match;
	unsigned in;
	unsigned char c;
	bool ok = false;

	while ((c = (unsigned char)*s++) != '\0') {
		if (is_ipxe_space(c))
			continue;
		if (c == '=') {
			if (pads >= 2)
				goto done;
			pads++;
			bit -= 2;
			continue;
		}
		if (pads || c >= 0x80 || !(match = strchr(base64_alphabet, c)))
			goto done;
		in = (unsigned)(match - base64_alphabet) << 2;
		if (bit / 8 < cap)
			out[bit / 8] |= (uint8_t)(in >> (bit % 8));
		if (bit / 8 + 1 < cap)
			out[bit / 8 + 1] |= (uint8_t)(in << (8 - bit % 8));
		bit += 6;
	}
	if (bit % 8 == 0) {
		buf_add(raw, out, bit / 8);
		ok = true;
	}
done:
	free(out);
	return ok;
}

/* uuid_mangle() of include/ipxe/uuid.h: a GUID stores the first three
 * fields little-endian.  Its own inverse. */
static void
uuid_mangle(uint8_t u[16])
{
	uint8_t t;

	t = u[0], u[0] = u[3], u[3] = t;
	t = u[1], u[1] = u[2], u[2] = t;
	t = u[4], u[4] = u[5], u[5] = t;
	t = u[6], u[6] = u[7], u[7] = t;
}

static uint32_t
parse_uuid(const char *s, bool guid, struct buf *raw, enum platform plat)
{
	struct buf tmp;
	long n;
	uint32_t rc = 0;

	buf_init(&tmp);
	n = hex_decode(s, '-', true, &tmp);
	if (n < 0)
		rc = err_num(ERR_HEX_BAD, plat);
	else if (n != 16)
		rc = err_num(ERR_UUID_BAD_LENGTH, plat);
	else {
		if (guid)
			uuid_mangle((uint8_t *)tmp.data);
		buf_add(raw, tmp.data, 16);
	}
	buf_fini(&tmp);
	return rc;
}

/* parse_int_setting() then denumerate_int_setting(): strtoul over the
 * whole text, then the low 8, 16 or 32 bits, big-endian. */
static uint32_t
parse_int(const char *s, unsigned size, struct buf *raw, enum platform plat)
{
	const char *end;
	uint32_t v = (uint32_t)ipxe_strtoul(s, &end, 0, plat);
	uint8_t be[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16),
			  (uint8_t)(v >> 8), (uint8_t)v };

	if (*end != '\0')
		return err_num(ERR_TYPE_BAD_INTEGER, plat);
	buf_add(raw, be + 4 - size, size);
	return 0;
}

uint32_t
type_parse(enum set_type t, const char *text, size_t len, struct buf *raw,
	   enum platform plat)
{
	/* iPXE parses C strings: the text ends at its first NUL. */
	char *s = xstrndup(text, strnlen(text, len));
	struct buf out;
	uint8_t addr[16];
	uint32_t rc = 0;

	buf_init(&out);
	switch (t) {
	case TYPE_string:
		buf_adds(&out, s);
		break;
	case TYPE_uristring:
		parse_uristring(s, &out, plat);
		break;
	case TYPE_ipv4:
		if (inet_aton(s, addr, plat))
			buf_add(&out, addr, 4);
		else
			rc = err_num(ERR_IPV4_BAD, plat);
		break;
	case TYPE_ipv6:
		/* BIOS builds only have settings.c's weak stub. */
		if (plat != PLAT_EFI)
			rc = err_num(ERR_TYPE_NO_IPV6, plat);
		else if (inet6_aton(s, addr, plat))
			buf_add(&out, addr, 16);
		else
			rc = err_num(ERR_IPV6_BAD, plat);
		break;
	case TYPE_int8:
	case TYPE_uint8:
		rc = parse_int(s, 1, &out, plat);
		break;
	case TYPE_int16:
	case TYPE_uint16:
		rc = parse_int(s, 2, &out, plat);
		break;
	case TYPE_int32:
	case TYPE_uint32:
		rc = parse_int(s, 4, &out, plat);
		break;
	case TYPE_hex:
	case TYPE_hexhyp:
	case TYPE_hexraw:
		if (hex_decode(s, hex_separator(t), false, &out) < 0)
			rc = err_num(ERR_HEX_BAD, plat);
		break;
	case TYPE_base64:
		if (!base64_decode(s, &out))
			rc = err_num(ERR_BASE64_BAD, plat);
		break;
	case TYPE_uuid:
	case TYPE_guid:
		rc = parse_uuid(s, t == TYPE_guid, &out, plat);
		break;
	case TYPE_busdevfn:
	case TYPE_dnssl:
	default:
		/* setting_parse(): these types have no parse method. */
		rc = err_num(ERR_TYPE_NO_PARSER, plat);
		break;
	}
	if (rc == 0 && out.len)
		buf_add(raw, out.data, out.len);
	buf_fini(&out);
	free(s);
	return rc;
}

/* --------------------------------------------------------- formatting */

/*
 * numeric_setting_value() of settings.c: all raw bytes as one big-endian
 * number in a C long, sign-extended from the first byte when signed.
 * Bytes that do not fit must equal the padding byte (0xff for a negative
 * signed value, else 0x00), but they are only checked, never kept, so
 * ff:7f:ff:ff:ff reads as 0x7fffffff on BIOS.
 */
static bool
numeric_value(bool is_signed, const uint8_t *raw, size_t len,
	      enum platform plat, uint64_t *value)
{
	bool negative = len && (raw[0] & 0x80);
	uint64_t v = (is_signed && negative) ? long_mask(plat) : 0;
	uint8_t pad = (uint8_t)v;

	for (size_t i = 0; i < len; i++) {
		v = ((v << 8) | raw[i]) & long_mask(plat);
		if (i + long_size(plat) < len && raw[i] != pad)
			return false;
	}
	*value = v;
	return true;
}

/*
 * "%ld" as format_decimal() of src/core/vsprintf.c does it: negate, then
 * take digits with C's truncating % and /.  Negating LONG_MIN leaves it
 * negative, so its digits come out below '0': -2147483648 prints as
 * "-./,),(-*,(" on BIOS (spec 6.6).
 */
static void
format_decimal(struct buf *out, uint64_t value, enum platform plat)
{
	char tmp[24];
	char *p = tmp + sizeof(tmp);
	int64_t num;
	bool negative = false;

	if (plat == PLAT_EFI)
		num = (int64_t)value;
	else
		num = (int32_t)(uint32_t)value;
	if (num < 0) {
		negative = true;
		if (num != (plat == PLAT_EFI ? INT64_MIN : INT32_MIN))
			num = -num;
	}
	do {
		*--p = (char)('0' + num % 10);
		num /= 10;
	} while (num);
	if (negative)
		*--p = '-';
	buf_add(out, p, (size_t)(tmp + sizeof(tmp) - p));
}

/* uri_encode() with field 0 (settings.c): iPXE passes each byte as a
 * plain char to "%%%02X", so bytes >= 0x80 sign-extend: %FFFFFF80. */
static void
format_uristring(struct buf *out, const uint8_t *raw, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = raw[i];

		if (c < ' ' || c > '~' || c == ' ' || c == '%' ||
		    strchr("/#:@?=&+", c))
			buf_printf(out, "%%%02X",
				   (unsigned)(int)(signed char)c);
		else
			buf_addc(out, (char)c);
	}
}

static void
format_hex(struct buf *out, const uint8_t *raw, size_t len, char sep)
{
	for (size_t i = 0; i < len; i++) {
		if (i && sep)
			buf_addc(out, sep);
		buf_printf(out, "%02x", raw[i]);
	}
}

static void
format_base64(struct buf *out, const uint8_t *raw, size_t len)
{
	const char *a = base64_alphabet;
	size_t i;

	for (i = 0; i + 2 < len; i += 3) {
		uint32_t v = (uint32_t)raw[i] << 16 | raw[i + 1] << 8 |
			     raw[i + 2];

		buf_addc(out, a[v >> 18 & 63]);
		buf_addc(out, a[v >> 12 & 63]);
		buf_addc(out, a[v >> 6 & 63]);
		buf_addc(out, a[v & 63]);
	}
	if (len - i == 1) {
		buf_addc(out, a[raw[i] >> 2]);
		buf_addc(out, a[(raw[i] & 3) << 4]);
		buf_adds(out, "==");
	} else if (len - i == 2) {
		buf_addc(out, a[raw[i] >> 2]);
		buf_addc(out, a[(raw[i] & 3) << 4 | raw[i + 1] >> 4]);
		buf_addc(out, a[(raw[i + 1] & 15) << 2]);
		buf_addc(out, '=');
	}
}

/* inet6_ntoa() of src/net/ipv6.c: ":%x" per word, then the first
 * longest run of at least two zero words collapses to "::". */
static void
format_ipv6(struct buf *out, const uint8_t *raw)
{
	char tmp[41];
	char *p = tmp;
	char *start = NULL, *longest = NULL;
	int run = 0, longest_run = 1;

	for (int i = 0; i < 8; i++) {
		unsigned w = (unsigned)raw[2 * i] << 8 | raw[2 * i + 1];

		if (w == 0) {
			if (run++ == 0)
				start = p;
			if (run > longest_run) {
				longest = start;
				longest_run = run;
			}
		} else {
			run = 0;
		}
		p += snprintf(p, sizeof(tmp) - (size_t)(p - tmp), ":%x", w);
	}
	if (longest) {
		/* Each zero word took two bytes (":0"). */
		char *dest = longest + 1;

		memmove(dest, longest + 2 * longest_run,
			strlen(longest + 2 * longest_run) + 1);
		if (dest[0] == '\0')
			dest[1] = '\0';
		dest[0] = ':';
	}
	buf_adds(out, longest == tmp ? tmp : tmp + 1);
}

/* dns_label() of src/net/udp/dns.c: follows compression pointers, which
 * must point strictly backwards; -1 when the name runs off the end. */
static long
dns_label(const uint8_t *raw, size_t len, size_t offset)
{
	for (;;) {
		if (offset + 1 > len)
			return -1;
		if (raw[offset] & 0xc0) {
			size_t ptr;

			if (offset + 2 > len)
				return -1;
			ptr = ((size_t)raw[offset] << 8 | raw[offset + 1]) &
			      0x3fff;
			if (ptr >= offset)
				return -1;
			offset = ptr;
			continue;
		}
		if (offset + 1 + raw[offset] > len)
			return -1;
		return (long)offset;
	}
}

/* dns_decode(): labels joined by '.', at most len labels (iPXE's
 * recursion limit, which stops pointer loops). */
static bool
dns_decode(const uint8_t *raw, size_t len, size_t offset, struct buf *out)
{
	bool first = true;

	for (size_t limit = len; limit--;) {
		long at = dns_label(raw, len, offset);
		size_t label_len;

		if (at < 0)
			return false;
		label_len = raw[at];
		if (label_len == 0)
			return true;
		if (!first)
			buf_addc(out, '.');
		buf_add(out, raw + at + 1, label_len);
		first = false;
		offset = (size_t)at + 1 + label_len;
	}
	return false;
}

/* dns_skip() then dns_skip_search(): the end of the name (two bytes
 * after a pointer), then past any NUL padding bytes. */
static long
dns_skip_search(const uint8_t *raw, size_t len, size_t offset)
{
	size_t limit = len;
	long at;

	for (;;) {
		if (limit-- == 0)
			return -1;
		if ((at = dns_label(raw, len, offset)) < 0)
			return -1;
		if ((size_t)at != offset) {
			offset += 2;
			break;
		}
		offset += 1 + (size_t)raw[at];
		if (raw[at] == 0)
			break;
	}
	while (offset < len && raw[offset] == 0)
		offset++;
	return (long)offset;
}

static bool
format_dnssl(struct buf *out, const uint8_t *raw, size_t len)
{
	size_t offset = 0;
	long next;

	while (offset < len) {
		if (!dns_decode(raw, len, offset, out))
			return false;
		/* Cannot fail once the same labels decoded. */
		next = dns_skip_search(raw, len, offset);
		if (next < 0)
			return false;
		offset = (size_t)next;
		if (offset != len)
			buf_addc(out, ' ');
	}
	return true;
}

uint32_t
type_format(enum set_type t, const uint8_t *raw, size_t len,
	    struct buf *out, enum platform plat)
{
	struct buf tmp;
	uint64_t v;
	uint8_t u[16];
	uint32_t rc = 0;
	bool is_c_string = false;

	buf_init(&tmp);
	switch (t) {
	case TYPE_string:
		buf_add(&tmp, raw, len);
		is_c_string = true;
		break;
	case TYPE_uristring:
		format_uristring(&tmp, raw, len);
		break;
	case TYPE_ipv4:
		if (len < 4)
			rc = err_num(ERR_IPV4_BAD, plat);
		else
			buf_printf(&tmp, "%d.%d.%d.%d", raw[0], raw[1], raw[2],
				   raw[3]);
		break;
	case TYPE_ipv6:
		if (plat != PLAT_EFI)
			rc = err_num(ERR_TYPE_NO_IPV6, plat);
		else if (len < 16)
			rc = err_num(ERR_IPV6_BAD, plat);
		else
			format_ipv6(&tmp, raw);
		break;
	case TYPE_int8:
	case TYPE_int16:
	case TYPE_int32:
		/* The type's width plays no part: all bytes are read. */
		if (!numeric_value(true, raw, len, plat, &v))
			rc = err_num(ERR_TYPE_INT_RANGE, plat);
		else
			format_decimal(&tmp, v, plat);
		break;
	case TYPE_uint8:
	case TYPE_uint16:
	case TYPE_uint32:
		/* "%#lx": iPXE's alternate form prefixes 0x even to 0. */
		if (!numeric_value(false, raw, len, plat, &v))
			rc = err_num(ERR_TYPE_INT_RANGE, plat);
		else
			buf_printf(&tmp, "0x%llx", (unsigned long long)v);
		break;
	case TYPE_hex:
	case TYPE_hexhyp:
	case TYPE_hexraw:
		format_hex(&tmp, raw, len, hex_separator(t));
		break;
	case TYPE_base64:
		format_base64(&tmp, raw, len);
		break;
	case TYPE_uuid:
	case TYPE_guid:
		if (len != 16) {
			rc = err_num(ERR_TYPE_UUID_LENGTH, plat);
			break;
		}
		memcpy(u, raw, 16);
		if (t == TYPE_guid)
			uuid_mangle(u);
		format_hex(&tmp, u, 4, 0);
		buf_addc(&tmp, '-');
		format_hex(&tmp, u + 4, 2, 0);
		buf_addc(&tmp, '-');
		format_hex(&tmp, u + 6, 2, 0);
		buf_addc(&tmp, '-');
		format_hex(&tmp, u + 8, 2, 0);
		buf_addc(&tmp, '-');
		format_hex(&tmp, u + 10, 6, 0);
		break;
	case TYPE_busdevfn:
		/* PCI_SEG/BUS/SLOT/FUNC of include/ipxe/pci.h */
		if (!numeric_value(false, raw, len, plat, &v))
			rc = err_num(ERR_TYPE_INT_RANGE, plat);
		else
			buf_printf(&tmp, "%04x:%02x:%02x.%x",
				   (unsigned)(v >> 16 & 0xffff),
				   (unsigned)(v >> 8 & 0xff),
				   (unsigned)(v >> 3 & 0x1f),
				   (unsigned)(v & 7));
		break;
	case TYPE_dnssl:
		if (!format_dnssl(&tmp, raw, len))
			rc = err_num(ERR_DNS_BAD_NAME, plat);
		is_c_string = true;
		break;
	default:
		rc = err_num(ERR_TYPE_NO_PARSER, plat);
		break;
	}
	if (rc == 0 && tmp.len) {
		/* The result is used as a C string: a NUL in a string or a
		 * DNS label ends it. */
		size_t n = is_c_string ? strnlen(tmp.data, tmp.len) : tmp.len;

		buf_add(out, tmp.data, n);
	}
	buf_fini(&tmp);
	return rc;
}
