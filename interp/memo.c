/*
 * memo.c - the explorer's caches shared across runs (memo.h): one hash
 * table of byte keys, holding either a parsed script or a lookup's
 * result and bytes.
 */
#include "interp/memo.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "interp/image.h"
#include "parser/script.h"
#include "parser/util.h"

struct memo_ent {
	uint64_t hash;
	char *key;
	size_t keylen;
	struct script *ast;	/* a parse, or NULL */
	int res;		/* a lookup: its result and bytes */
	char *data;
	size_t len;
};

struct sim_memo {
	struct memo_ent *ents;	/* open addressing, cap a power of 2 */
	size_t cap, n;
};

static uint64_t
hash_bytes(uint64_t h, const void *p, size_t n)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ull;
	return h;
}

struct sim_memo *
sim_memo_new(void)
{
	struct sim_memo *m = xcalloc(1, sizeof(*m));

	m->cap = 256;
	m->ents = xcalloc(m->cap, sizeof(*m->ents));
	return m;
}

void
sim_memo_free(struct sim_memo *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->cap; i++) {
		free(m->ents[i].key);
		script_free(m->ents[i].ast);
		free(m->ents[i].data);
	}
	free(m->ents);
	free(m);
}

/* The slot of key: its entry, or the empty slot where it would go. */
static struct memo_ent *
slot(struct sim_memo *m, uint64_t h, const void *key, size_t keylen)
{
	size_t i = (size_t)h & (m->cap - 1);

	for (;; i = (i + 1) & (m->cap - 1)) {
		struct memo_ent *e = &m->ents[i];

		if (!e->key)
			return e;
		if (e->hash == h && e->keylen == keylen &&
		    !memcmp(e->key, key, keylen))
			return e;
	}
}

static struct memo_ent *
insert(struct sim_memo *m, uint64_t h, const void *key, size_t keylen)
{
	struct memo_ent *e;

	if ((m->n + 1) * 2 > m->cap) {
		struct memo_ent *old = m->ents;
		size_t oldcap = m->cap;

		m->cap *= 2;
		m->ents = xcalloc(m->cap, sizeof(*m->ents));
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].key)
				*slot(m, old[i].hash, old[i].key,
				      old[i].keylen) = old[i];
		free(old);
	}
	e = slot(m, h, key, keylen);
	e->hash = h;
	e->key = xmalloc(keylen ? keylen : 1);
	memcpy(e->key, key, keylen);
	e->keylen = keylen;
	m->n++;
	return e;
}

struct script *
sim_memo_parse(struct sim_memo *m, const struct image *img)
{
	const char *name = img->name ? img->name : "";
	const char *uri = img->uri ? img->uri : "";
	struct memo_ent *e;
	struct buf key;
	uint64_t h;

	/* "P" name NUL uri NUL (or "-" for none) data */
	buf_init(&key);
	buf_addc(&key, 'P');
	buf_add(&key, name, strlen(name) + 1);
	buf_addc(&key, img->uri ? '+' : '-');
	buf_add(&key, uri, strlen(uri) + 1);
	buf_add(&key, img->data, img->len);
	/* the text is compared whole on a match; hashing it all each time
	 * would cost as much as the lookups save */
	h = hash_bytes(0xcbf29ce484222325ull, key.data, key.len - img->len);
	h = hash_bytes(h, &img->len, sizeof(img->len));
	e = slot(m, h, key.data, key.len);
	if (!e->key) {
		e = insert(m, h, key.data, key.len);
		e->ast = script_parse(name, (const char *)img->data,
				      img->len);
	}
	buf_fini(&key);
	return e->ast;
}

bool
sim_memo_get(struct sim_memo *m, const void *key, size_t keylen,
	     int *res, const void **data, size_t *len)
{
	uint64_t h = hash_bytes(0xcbf29ce484222325ull, key, keylen);
	struct memo_ent *e = slot(m, h, key, keylen);

	if (!e->key)
		return false;
	*res = e->res;
	*data = e->data;
	*len = e->len;
	return true;
}

void
sim_memo_put(struct sim_memo *m, const void *key, size_t keylen, int res,
	     const void *data, size_t len)
{
	uint64_t h = hash_bytes(0xcbf29ce484222325ull, key, keylen);
	struct memo_ent *e = slot(m, h, key, keylen);

	if (!e->key)
		e = insert(m, h, key, keylen);
	free(e->data);
	e->res = res;
	e->data = xmalloc(len ? len : 1);
	if (len)
		memcpy(e->data, data, len);
	e->len = len;
}
