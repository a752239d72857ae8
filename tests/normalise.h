/*
 * normalise.h - the two text transforms of the oracle harness
 * (../shared/tools/ipxe-oracle) ported to C, so that the conformance
 * runner needs no python: its `--normalise` mode, which turns a raw
 * console stream into the transcript the recorded .expected files hold,
 * and its key-plan parser, which turns a .keys file into typed bytes.
 */
#ifndef IPXE_TEST_NORMALISE_H
#define IPXE_TEST_NORMALISE_H

#include <stddef.h>

/*
 * Normalises len bytes of console output exactly as `ipxe-oracle
 * --normalise` does (its Screen class without 80-column unwrapping; spec
 * 13.3): decodes UTF-8 (invalid bytes become U+FFFD, an unfinished
 * sequence at the very end is dropped), replays CR, LF, BS and the
 * cursor and erase sequences on a 25-row screen, writes rows out as they
 * scroll or are cleared, strips trailing blanks and turns runs of four
 * or more dots into "...".  Returns the UTF-8 transcript, malloc'd and
 * NUL-terminated (it never contains a NUL byte).
 */
char *normalise_console(const void *data, size_t len);

/*
 * Turns a key plan (the oracle's --keys format: "wait TEXT", "sleep SEC",
 * "send KEYS", '#' comments and blank lines) into the bytes its send
 * steps type, in order; wait and sleep steps add nothing.  Key names and
 * escapes are those of the oracle's parse_keys() (<enter> = CR, <up> =
 * ESC [ A, <ctrl-c> = 0x03, \xHH, ...).  Returns the bytes, malloc'd and
 * NUL-terminated, with their number in *len; on a bad step returns NULL
 * and a malloc'd message in *err.
 */
char *normalise_key_plan(const char *plan, size_t *len, char **err);

#endif
