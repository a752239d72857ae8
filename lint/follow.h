/*
 * follow.h - ipxelint -x: the scripts that the linted ones chain, found
 * on disk (like ShellCheck's -x).  Before linting, every input is
 * parsed, each `chain`/`boot`/`imgexec` of a local script is followed
 * (also `chain ${x}.ipxe` where x is a menu choice or a set value: the
 * `goto ${menu} ||` + `chain ${menu}.ipxe` menu tree), and scripts that
 * chain one another form a family.  Each is then linted once, reported
 * against its own path, knowing the labels of the rest of its family
 * (a goto to one of those is IPX9001: labels do not cross scripts).
 */
#ifndef IPXE_LINT_FOLLOW_H
#define IPXE_LINT_FOLLOW_H

#include <stddef.h>

#include "lint/lint.h"

struct follow;

struct follow *follow_new(void);
void follow_free(struct follow *f);
/* An input named on the command line or found in a directory. */
void follow_add_input(struct follow *f, const char *path);
/* Parses the inputs and follows their chains (o: --root and --map). */
void follow_build(struct follow *f, const struct lint_opts *o);
/* The labels of the other scripts of path's family (none if path is
 * not known); valid until the next call or follow_free(). */
const struct lint_label *follow_labels(const struct follow *f,
				       const char *path, size_t *n);
/* The same for the settings they store (set, clear, read, inc,
 * choose), names without block or type. */
const struct lint_label *follow_settings(const struct follow *f,
					 const char *path, size_t *n);
/* The i-th script reached only by following, or NULL past the end. */
const char *follow_extra(const struct follow *f, size_t i);

#endif
