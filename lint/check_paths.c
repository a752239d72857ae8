/*
 * check_paths.c - the "paths" family (IPX9101-IPX9104, CHECKF_DEEP).
 * Its findings are not made by looking at the script but by running
 * every path of it: ipxelint --deep calls explore_deep()
 * (interp/explore_cli.c), which adds them after the checks, and
 * lint_filter() then applies -e, the severity and the directives to
 * them as to the others.  The rows are in lint/checks.def so that
 * --list-checks, --explain, -e and rc files know the codes; statically
 * there is nothing to find.
 */
#include "lint/lint.h"

void
check_paths(struct lint_ctx *ctx)
{
	(void)ctx;
}
