/*
 * fuzz_parse.c - libFuzzer target for the front end: lexes and parses
 * any bytes as a script, then prints the AST (which walks every line,
 * command, token and reference the parser built) into a memory stream.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "parser/dump.h"
#include "parser/script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct script *s = script_parse("fuzz.ipxe", (const char *)data, size);
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	if (!s)
		return 0;
	f = open_memstream(&text, &len);
	if (f) {
		ast_dump(f, s);
		fclose(f);
	}
	free(text);
	script_free(s);
	return 0;
}
