/*
 * explore_snap.h - snapshots of a simulated machine at a decision, from
 * which the explorer tries the other alternatives of a state instead of
 * replaying the way to it (explore_snap.c, docs/explorer.md).
 */
#ifndef IPXE_EXPLORE_SNAP_H
#define IPXE_EXPLORE_SNAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "interp/sim.h"

struct ex_snapshot;

/*
 * The machine as it is while its innermost script asks a choose or read
 * decision (which changed nothing before asking), with the console so
 * far; NULL when the running scripts cannot be resumed from a copy (not
 * all nested by chain or imgexec, or not copyable).
 */
struct ex_snapshot *ex_snap_take(const struct sim *sim, const char *console,
				 size_t conlen);
/*
 * sim becomes a fresh copy of the snapshot's machine writing to out (the
 * console so far written to it first); res says where sim_resume() goes
 * on.  false if it could not be copied (sim must still be finished).
 * ex_snap_resume_fini() after sim_resume().
 */
bool ex_snap_restore(const struct ex_snapshot *s, struct sim *sim, FILE *out,
		     struct sim_resume *res);
void ex_snap_resume_fini(struct sim_resume *res);
void ex_snap_free(struct ex_snapshot *s);

#endif
