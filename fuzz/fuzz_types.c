/*
 * fuzz_types.c - libFuzzer target for the setting types (stdlib/types.c).
 * The first byte picks the type and the platform; the rest is parsed as
 * the text of a value (type_parse) and, separately, formatted as raw
 * bytes (type_format).  A value that parses must format, and the integer
 * types go through type_numerate/type_denumerate as `inc` uses them.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parser/util.h"
#include "stdlib/stdlib.h"
#include "stdlib/types.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum set_type t;
	enum platform plat;
	struct buf raw, out;
	unsigned long value;
	char *text;

	if (size < 1)
		return 0;
	t = (enum set_type)((data[0] & 0x7f) % TYPE_COUNT);
	plat = data[0] & 0x80 ? PLAT_EFI : PLAT_BIOS;
	data++;
	size--;
	/* settings text is a C string in iPXE: stop at a NUL as it would */
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';

	buf_init(&raw);
	buf_init(&out);
	if (type_parse(t, text, strlen(text), &raw, plat) == 0) {
		type_format(t, (const uint8_t *)raw.data, raw.len, &out, plat);
		if (type_numerate(t, (const uint8_t *)raw.data, raw.len, plat,
				  &value) == 0) {
			buf_reset(&raw);
			type_denumerate(t, value + 1, plat, &raw);
		}
	}
	buf_reset(&out);
	type_format(t, data, size, &out, plat);
	if (type_numerate(t, data, size, plat, &value) == 0) {
		buf_reset(&raw);
		type_denumerate(t, value, plat, &raw);
	}
	buf_fini(&raw);
	buf_fini(&out);
	free(text);
	return 0;
}
