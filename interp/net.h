/*
 * net.h - the mocked network behind downloads and SAN root paths (spec
 * 8.4, 8.5, 10.8).  It decides what opening a resolved URI does: which
 * schemes the simulated build can open, whether the host is reachable
 * from the machine's configured interfaces, and what the served folders
 * (--root, --map) answer.  It never reads outside a served folder and
 * never writes anything.  See docs/simulator.md for the model.
 */
#ifndef IPXE_NET_H
#define IPXE_NET_H

#include <stdbool.h>
#include <stdint.h>

#include "parser/util.h"

struct sim;
struct uri;

/* A transfer that would never end on its own (only --timeout stops it). */
#define NET_FOREVER UINT64_MAX

/* What one download did (create_downloader() + monojob_wait()). */
struct net_xfer {
	int rc;			/* 0, or the error that ended it */
	bool started;		/* false: the opener refused it, so iPXE
				 * prints "Could not start download: ..."
				 * instead of a progress line */
	uint64_t ticks;		/* simulated time until it ended (1024 a
				 * second), or NET_FOREVER */
	struct buf data;	/* the bytes received, on success */
};

/*
 * Opens the resolved URI u (relative ones fail as iPXE's open.c fails
 * them) and fills x, which the caller releases with net_xfer_fini().
 * Never prints; the caller turns x into the progress line.
 */
void net_fetch(struct sim *sim, const struct uri *u, struct net_xfer *x);
void net_xfer_fini(struct net_xfer *x);

/*
 * san_hook() of one root path: no SAN target ever answers in the mocked
 * network, so this returns the error the real iPXE reports for u (an
 * unknown scheme, no route, nobody listening).  Where the real iPXE
 * would wait for an answer forever (AoE on an open interface), it halts
 * the run (OUT_WAITING) and returns 0.
 */
int net_san_open(struct sim *sim, const struct uri *u);

#endif
