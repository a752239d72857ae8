/*
 * lsp.h - ipxelint --lsp: a Language Server Protocol server for iPXE
 * scripts over standard input and output (JSON-RPC 2.0 framed by
 * Content-Length headers, JSON through jansson).  lsp.c holds the
 * transport, the lifecycle, the open documents and their diagnostics;
 * lsp_nav.c answers the questions about one document (hover,
 * definition, references, symbols, completion, code actions).
 * docs/lsp.md says what a client sees.
 */
#ifndef IPXE_LINT_LSP_H
#define IPXE_LINT_LSP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lint/cli.h"
#include "lint/rc.h"

/* Limits that keep memory bounded whatever the client sends. */
#define LSP_MAX_MESSAGE	((size_t)64 << 20)	/* one JSON-RPC body */
#define LSP_MAX_DOCUMENT	((size_t)16 << 20)	/* one script's text */
#define LSP_MAX_DOCUMENTS	256	/* open at once */
#define LSP_MAX_HEADER	4096	/* one header line */
/* Changes arriving within this many milliseconds of each other are
 * linted once, as the latest version. */
#define LSP_DEBOUNCE_MS	150

/*
 * Serves the client on file descriptors in and out until it sends
 * "exit" or closes its end.  cli gives the command line's settings (they
 * override each document's .ipxelintrc, as in file mode; --norc reads
 * none).  Returns the exit status: 0 after shutdown and exit, 1 when
 * the client exits without shutdown or goes away.
 */
int lsp_serve(int in, FILE *out, const struct cli *cli);

/* ---------------------------------------------------------------- internals */

struct json_t;
struct script;
struct cfg;

/* An open document. */
struct lsp_doc {
	char *uri;
	char *path;		/* file: URIs, decoded; else NULL */
	char *text;		/* as the client has it (bytes, NUL-ended) */
	size_t len;
	int64_t version;
	bool dirty;		/* changed since last linted */
	size_t overflow;	/* an edit made it this long, over
				 * LSP_MAX_MESSAGE: text dropped until the
				 * client sends it whole again */
	uint32_t *lines;	/* start offset of each line (\n, \r\n, \r) */
	uint32_t nlines;
	/* the last lint: NULL when the text is over LSP_MAX_DOCUMENT */
	struct script *s;
	struct cfg *g;
	struct rc rc;		/* the .ipxelintrc used (rc.path NULL: none) */
	struct lint_run run;
	char *rc_error;		/* why that rc file could not be used */
};

/* Whether positions count UTF-8 bytes (negotiated) or UTF-16 units. */
struct lsp_pos_enc {
	bool utf8;
};

/* Byte offset of LSP position (line, character) in d, clamped to the
 * line's end (its line break excluded) and the text's end. */
size_t lsp_offset(const struct lsp_doc *d, const struct lsp_pos_enc *e,
		  int64_t line, int64_t character);
/* The LSP position {line, character} of byte offset off of d. */
struct json_t *lsp_position(const struct lsp_doc *d,
			    const struct lsp_pos_enc *e, size_t off);
/* The LSP range of bytes [off, end) of d. */
struct json_t *lsp_range(const struct lsp_doc *d, const struct lsp_pos_enc *e,
			 size_t off, size_t end);
/* {uri, range} for [off, end) of d. */
struct json_t *lsp_location(const struct lsp_doc *d,
			    const struct lsp_pos_enc *e, size_t off,
			    size_t end);
/* The LSP diagnostic for finding i of d's script. */
struct json_t *lsp_diagnostic(const struct lsp_doc *d,
			      const struct lsp_pos_enc *e, size_t i);

/* lsp_nav.c: each takes the request's params and returns its result
 * (a new reference; JSON null when there is nothing).  d->s is set. */
struct json_t *lsp_hover(const struct lsp_doc *d, const struct lsp_pos_enc *e,
			 size_t off);
struct json_t *lsp_definition(const struct lsp_doc *d,
			      const struct lsp_pos_enc *e, size_t off);
struct json_t *lsp_references(const struct lsp_doc *d,
			      const struct lsp_pos_enc *e, size_t off,
			      bool declaration);
struct json_t *lsp_symbols(const struct lsp_doc *d,
			   const struct lsp_pos_enc *e);
struct json_t *lsp_completion(const struct lsp_doc *d,
			      const struct lsp_pos_enc *e, size_t off);
struct json_t *lsp_code_actions(const struct lsp_doc *d,
				const struct lsp_pos_enc *e, size_t off,
				size_t end);

#endif
