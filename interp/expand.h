/*
 * expand.h - "${...}" expansion of one token (spec 4).
 */
#ifndef IPXE_EXPAND_H
#define IPXE_EXPAND_H

#include <stddef.h>

struct sim;

/*
 * Expands every reference in text (len bytes, no NUL) as iPXE does just
 * before a command runs.  Returns a malloc'd string; NULL only when the
 * expansion ran away, in which case the run has been halted.
 */
char *sim_expand(struct sim *sim, const char *text, size_t len);

#endif
