/*
 * numerate.c - numeric access to setting values (numerate_int_setting()
 * and denumerate_int_setting() of src/core/settings.c), used by `inc`.
 */
#include "stdlib/types.h"

#include "parser/util.h"

/* Width in bytes of an integer type, 0 for the other types. */
static unsigned
int_width(enum set_type t)
{
	switch (t) {
	case TYPE_int8:
	case TYPE_uint8:
		return 1;
	case TYPE_int16:
	case TYPE_uint16:
		return 2;
	case TYPE_int32:
	case TYPE_uint32:
		return 4;
	default:
		return 0;
	}
}

uint32_t
type_numerate(enum set_type t, const uint8_t *raw, size_t len,
	      enum platform plat, unsigned long *value)
{
	bool is_signed = t == TYPE_int8 || t == TYPE_int16 || t == TYPE_int32;
	size_t width = plat == PLAT_EFI ? 8 : 4;	/* sizeof(long) */
	unsigned long v, pad;

	if (!int_width(t))
		return err_num(ERR_TYPE_NOT_NUMERIC, plat);
	/* numeric_setting_value(): big-endian, sign-extended from the
	 * first byte when signed; extra leading bytes must be padding */
	v = (is_signed && len && (raw[0] & 0x80)) ? ~0UL : 0;
	pad = v & 0xff;
	for (size_t i = 0; i < len; i++) {
		v = (v << 8) | raw[i];
		if (i + width < len && raw[i] != pad)
			return err_num(ERR_TYPE_INT_RANGE, plat);
	}
	if (width == 4)
		v &= 0xffffffffUL;
	*value = v;
	return 0;
}

uint32_t
type_denumerate(enum set_type t, unsigned long value, enum platform plat,
		struct buf *raw)
{
	unsigned size = int_width(t);
	uint8_t be[4] = { (uint8_t)(value >> 24), (uint8_t)(value >> 16),
			  (uint8_t)(value >> 8), (uint8_t)value };

	if (!size)
		return err_num(ERR_TYPE_NOT_NUMERIC, plat);
	/* htonl() of the value: the low "size" bytes */
	buf_add(raw, be + 4 - size, size);
	return 0;
}
