/*
 * dump.h - a stable text rendering of a parsed script (ipxelint
 * --dump-ast), one node per line with its source position, for debugging
 * and golden tests.
 */
#ifndef IPXE_DUMP_H
#define IPXE_DUMP_H

#include <stdio.h>

struct script;

void ast_dump(FILE *f, const struct script *s);
/* Writes len bytes as a C-style quoted string ("\x01", "\\", "\""). */
void dump_quoted(FILE *f, const char *p, size_t len);

#endif
