/*
 * refmodel.h - a plain transcription of iPXE's script reading, to check
 * the front end against (see refmodel.c).
 */
#ifndef IPXE_TEST_REFMODEL_H
#define IPXE_TEST_REFMODEL_H

#include <stdbool.h>
#include <stddef.h>

struct ref_line {
	bool has_label;
	char *label;
	bool unfinished;	/* continuation pending at end of file */
	char **toks;		/* every whitespace-separated token */
	size_t ntok;
	size_t ncmd;		/* commands, >= 1 (possibly empty) */
	size_t *cmd_start;	/* index of each command's first token */
	size_t *cmd_len;
	const char **cmd_op;	/* operator after it, or NULL */
	size_t comment_at;	/* index of the '#' token, or ntok */
};

struct ref_script {
	struct ref_line *lines;
	size_t nlines;
};

struct buf;
struct script;

struct ref_script *ref_parse(const char *data, size_t len);
void ref_free(struct ref_script *r);
/* Whether the parsed script s reads like the model r: same logical lines,
 * labels, commands, words, operators and comments.  On a difference,
 * describes the first one in why and returns false. */
bool ref_compare(const struct ref_script *r, const struct script *s,
		 struct buf *why);

#endif
