/*
 * rc.h - .ipxelintrc files: finding the one that applies to a script,
 * reading it, and its ignore patterns.  The format (README.md):
 *
 *     # comment; a '#' after a blank starts one too
 *     exclude  = IPX1003, IPX2007     (or disable =; codes or names)
 *     enable   = all                  optional checks
 *     severity = warning
 *     build    = bios                 default, bios, efi, full or a FILE
 *     root     = tftp                 relative to the rc file's directory
 *     ignore   = vendor               (repeatable) paths not linted
 *
 * exclude, enable and ignore add up when repeated; the others take the
 * last value.  Relative paths are from the rc file's directory.
 */
#ifndef IPXE_LINT_RC_H
#define IPXE_LINT_RC_H

#include <stdbool.h>

#include "lint/cli.h"

#define RC_NAME ".ipxelintrc"

struct rc {
	char *path;		/* as found */
	char *dir;		/* its directory (absolute when found) */
	struct lint_settings set;
};

/*
 * Reads the rc file text (from path, for messages and relative values).
 * Returns 0, or -1 with "PATH:LINE: reason" in err (CLI_ERR_MAX bytes);
 * rc_fini() frees rc either way.
 */
int rc_parse(struct rc *rc, const char *path, const char *text, char *err);
/* rc_parse() of the file at path; -1 with "PATH: reason" if unreadable. */
int rc_load(struct rc *rc, const char *path, char *err);
void rc_fini(struct rc *rc);

/*
 * The rc file for scripts in directory dir (absolute): the nearest
 * .ipxelintrc in dir or above, else $XDG_CONFIG_HOME/ipxelint/rc
 * (~/.config/ipxelint/rc) if it exists; NULL if none.  Malloc'd.
 */
char *rc_find(const char *dir);

/*
 * The ignore pattern of rc that matches path (absolute), or NULL.  Paths
 * are taken relative to the rc file's directory.  A pattern without '/'
 * is matched (fnmatch) against each name on that path, so "vendor" or
 * "*.tmpl.ipxe" apply at any depth; a pattern with a '/' against the
 * whole relative path and each of its leading directories, with '*'
 * not crossing '/' ("tests/fixtures", "samples/old-*.ipxe").
 */
const char *rc_ignores(const struct rc *rc, const char *path);

/* path made absolute (from the working directory) with "." and ".."
 * resolved by name, symbolic links kept.  Malloc'd. */
char *rc_abspath(const char *path);

#endif
