/*
 * trace.h - --trace: one report per command run, on sim->trace_out
 * (stderr), as text like `sh -x` or as one JSON object a line.  The
 * formats are described in docs/simulator.md ("Tracing").
 */
#ifndef IPXE_TRACE_H
#define IPXE_TRACE_H

#include "parser/script.h"

struct sim;

/*
 * Reports command c of ast, which just ran with the expanded argv and
 * returned rc.  Called only when sim->cfg.trace is not TRACE_OFF, so
 * that a run without tracing pays one test per command.
 */
void sim_trace(struct sim *sim, const struct script *ast,
	       const struct cmd *c, char **argv, int rc);

#endif
