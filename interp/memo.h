/*
 * memo.h - what the runs of one exploration share (ipxesim --explore):
 * the parsed scripts and the files read from served folders.  A run of
 * the explorer starts from a fresh machine but reads the same files and
 * executes the same scripts as the runs before it; both only depend on
 * their inputs (the files are not expected to change while the explorer
 * runs), so each is done once.  sim->memo is NULL in a normal run, which
 * then parses and reads everything itself.
 */
#ifndef IPXE_MEMO_H
#define IPXE_MEMO_H

#include <stdbool.h>
#include <stddef.h>

struct image;
struct script;

struct sim_memo;

struct sim_memo *sim_memo_new(void);
void sim_memo_free(struct sim_memo *m);

/*
 * The parse of img's script (script_parse() of its name and data),
 * shared: the same name, URI and bytes give the same tree, which the
 * memo owns and nobody may change.  (The URI is part of the key so that
 * two images of the same text from different places keep different
 * trees, as they had before; the explorer tells them apart by tree.)
 */
struct script *sim_memo_parse(struct sim_memo *m, const struct image *img);

/*
 * A memo of lookups: key (keylen bytes) -> a result and bytes.  Returns
 * whether key is known, with *res and *data (len bytes, owned by the
 * memo) set.  sim_memo_put() records one (data copied).  Keys must not
 * start with 'P' (the parses' keys do).
 */
bool sim_memo_get(struct sim_memo *m, const void *key, size_t keylen,
		  int *res, const void **data, size_t *len);
void sim_memo_put(struct sim_memo *m, const void *key, size_t keylen,
		  int res, const void *data, size_t len);

#endif
