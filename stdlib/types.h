/*
 * types.h - parsing and formatting of setting values by type (spec 6.6),
 * and iPXE's integer parser (spec 5.4).  Values are raw bytes, as iPXE
 * stores them; text is what `set NAME:TYPE TEXT` takes and `${NAME:TYPE}`
 * prints.  Results depend on the platform: C long is 32 bits on BIOS and
 * 64 bits on x86_64 EFI, and BIOS builds have no IPv6.
 */
#ifndef IPXE_TYPES_H
#define IPXE_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stdlib/errors.h"
#include "stdlib/stdlib.h"

struct buf;

/*
 * Converts text (len bytes) to the raw bytes of type t, appended to raw.
 * Returns 0, or the iPXE error number the real parser fails with (e.g.
 * EINVAL from settings.c for "5x" as int32, ENOTSUP for busdevfn), in
 * which case raw is left as it was.
 */
uint32_t type_parse(enum set_type t, const char *text, size_t len,
		    struct buf *raw, enum platform plat);

/*
 * Formats len raw bytes as type t, appended to out.  Returns 0, or the
 * error formatting fails with (e.g. ERANGE for an integer wider than a C
 * long, an ipv4 value shorter than 4 bytes), in which case out is left
 * as it was (an expansion then yields the empty string).
 */
uint32_t type_format(enum set_type t, const uint8_t *raw, size_t len,
		     struct buf *out, enum platform plat);

/*
 * iPXE's parse_integer(): strtoul with automatic base over the whole
 * string ("0x" hex, leading "0" octal, optional sign), wrapping to 32
 * bits.  False when the text is empty or not entirely consumed.
 */
bool parse_integer(const char *text, size_t len, uint32_t *out);

/*
 * strtoul() of src/core/string.c on a NUL-terminated string: leading
 * whitespace, one '+' or '-', then with base 0 a "0" (octal) or "0x"
 * (hex) prefix that is consumed even when no digit follows.  Digits wrap
 * modulo the platform's C long; '-' negates.  *endp (if not NULL) always
 * points past the sign and prefix, unlike glibc.  A byte >= 0x80 is a
 * negative char in iPXE and so never a digit.
 */
uint64_t ipxe_strtoul(const char *s, const char **endp, unsigned base,
		      enum platform plat);

/*
 * Numeric access, as fetchn_setting()/storen_setting() use it (`inc`):
 * only the integer types have it.  type_numerate() reads raw bytes as a
 * big-endian number (sign-extended for int8..int32) into a C long of the
 * platform's width; type_denumerate() appends the type's 1, 2 or 4
 * bytes of value.  Both return 0 or an error (ENOTSUP for other types,
 * ERANGE for raw values wider than a long).
 */
uint32_t type_numerate(enum set_type t, const uint8_t *raw, size_t len,
		       enum platform plat, unsigned long *value);
uint32_t type_denumerate(enum set_type t, unsigned long value,
			 enum platform plat, struct buf *raw);

#endif
