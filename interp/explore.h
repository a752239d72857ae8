/*
 * explore.h - ipxesim --explore: the decision interface between the
 * simulator and the explorer, and the explorer's entry points.
 *
 * A normal run reads keys and the machine's fixed answers.  When
 * sim->hooks is set, every input point asks the explorer which of its
 * alternatives to take instead: a menu (choose), a key (prompt), a line
 * (read), a DHCP answer and, with --explore-failures, a download.  The
 * explorer enumerates the alternatives by re-running the script from a
 * fresh machine with a prefix of decisions (docs/explorer.md).  The
 * handlers only call the explore_*() helpers below (decide.c); with no
 * hooks those are never called and the run is byte for byte unchanged.
 */
#ifndef IPXE_EXPLORE_H
#define IPXE_EXPLORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sim;
struct ui;
struct frame;
struct netdev;
struct uri;
struct net_xfer;
struct script;

/* The kinds of input point. */
enum decision_kind {
	DEC_CHOOSE,	/* choose: an item, Esc, or the timeout */
	DEC_PROMPT,	/* prompt: the key, another key, the timeout */
	DEC_READ,	/* read: a value the script tests, Enter, another */
	DEC_DHCP,	/* dhcp/ifconf/autoboot: answered or not */
	DEC_DOWNLOAD,	/* a download that works: kept or failed */
};

/* One input point, as the explorer sees it. */
struct decision {
	enum decision_kind kind;
	const char *what;	/* menu name or title, prompt text, setting,
				 * device, URI */
	unsigned n;		/* alternatives, at least 1 */
	const char *const *labels;	/* what each alternative is */
};

/* What the explorer plugs into a run (sim->hooks, sim->hooks_ctx). */
struct sim_hooks {
	/* which alternative to take; may halt the run (sim_halt()) */
	unsigned (*decide)(void *ctx, struct sim *sim,
			   const struct decision *d);
	/* a script line is about to run in frame f */
	void (*line)(void *ctx, struct sim *sim, const struct frame *f);
	/* a command has run with these expanded arguments */
	void (*cmd)(void *ctx, struct sim *sim, int argc, char **argv,
		    int rc);
	/* a setting named name is read (fetched) or written (stored) */
	void (*setting)(void *ctx, struct sim *sim, const char *name,
			bool write);
	/* a download failed or would fail: return true to hand the
	 * script a stand-in image instead (a file outside the tree) */
	bool (*stub)(void *ctx, struct sim *sim, const char *uri);
	/* whether downloads that work are also tried as failures */
	bool fail_downloads;
	/* whether DHCP is also tried as unanswered */
	bool fail_dhcp;
};

/* ---------------------------------------------------------------- hooks
 * Called by the command handlers only when sim->hooks is set. */

/* choose: the index of the item chosen into *selected, or the rc of Esc
 * (ERR_MENU_CANCELLED) or of an empty menu. */
int explore_choose(struct sim *sim, struct ui *ui, bool timeout,
		   const char *select, unsigned *selected);
/* prompt: the key pressed, or KEY_NONE for the timeout. */
int explore_prompt(struct sim *sim, const char *text, bool has_key,
		   int key, bool timeout);
/* read: the line typed (malloc'd); existing is the value shown. */
char *explore_read(struct sim *sim, const char *name, const char *existing);
/* dhcp: whether the server answers on nd. */
bool explore_dhcp(struct sim *sim, const struct netdev *nd);
/*
 * A download of u has been tried (net_fetch()): one that worked may be
 * made to fail (--explore-failures), one that failed may get a stand-in
 * image (a kernel for the platform) when the explorer says the file lies
 * outside the tree explored.
 */
void explore_xfer(struct sim *sim, const struct uri *u, struct net_xfer *x);

/* ---------------------------------------------------------------- tool */

/* ipxesim --explore ...: the whole command line; returns the exit code. */
int explore_main(int argc, char **argv);

/*
 * ipxelint --deep: explores script s (read from path) on the default
 * BIOS machine, as if fetched over HTTP from a server of its folder (or
 * of root) after DHCP, and adds the findings located in it to s's
 * diagnostics (codes 9101-9104, docs/explorer.md).
 */
void explore_deep(struct script *s, const char *path, const char *root);

#endif
