/*
 * settings.c - the settings tree (spec 6), following upstream
 * src/core/settings.c: parse_setting_name(), fetch_setting() with
 * applicable_setting(), store_setting(), generic stores, and the
 * per-kind fetch/store/applies of builtin, smbios, netdev, DHCP, pci and
 * netX blocks.
 */
#include "interp/settings.h"

#include <stdlib.h>
#include <string.h>

#include "interp/explore.h"
#include "interp/machine.h"
#include "interp/netdev.h"
#include "interp/sim.h"
#include "interp/uri.h"
#include "parser/util.h"
#include "stdlib/types.h"

/* DHCP blocks take tags up to DHCP_ENCAP_OPT(254, 254) (dhcpopts.c). */
#define DHCP_MAX_TAG 0xfefe

/* ---------------------------------------------------------------- names */

/* setting_cmp(): same non-zero tag in the same scope, or same name. */
static bool
setting_eq(const struct setting *a, const char *bname, uint32_t btag,
	   enum set_scope bscope)
{
	if (a->tag && a->tag == btag && a->scope == bscope)
		return true;
	/* (the first bytes first: a block holds many names) */
	return a->name && bname && a->name[0] && a->name[0] == bname[0] &&
	       strcmp(a->name, bname) == 0;
}

/* The predefined settings the simulated build has, by name: a hash
 * table of set_table indexes + 1 (0: empty), the first of a name in
 * table order, built on first use (sim->set_index). */
#define SET_INDEX_SLOTS 256

struct set_index {
	unsigned mask;
	uint8_t slot[SET_INDEX_SLOTS];	/* by name */
	uint8_t tslot[SET_INDEX_SLOTS];	/* by non-zero tag and scope */
};

_Static_assert(SET_COUNT < 255, "set_index holds set_table indexes + 1");

static unsigned
name_slot(const char *name)
{
	uint32_t h = 2166136261u;

	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h & (SET_INDEX_SLOTS - 1);
}

static unsigned
tag_slot(uint32_t tag, enum set_scope scope)
{
	uint64_t v = ((uint64_t)tag << 8 | (unsigned)scope) *
		     0x9e3779b97f4a7c15ull;

	return (unsigned)(v >> 56) & (SET_INDEX_SLOTS - 1);
}

static const struct set_index *
set_index(struct sim *sim, unsigned mask)
{
	struct set_index *x = sim->set_index;

	if (x && x->mask == mask)
		return x;
	if (!x)
		x = sim->set_index = xmalloc(sizeof(*x));
	memset(x, 0, sizeof(*x));
	x->mask = mask;
	for (unsigned i = 0; i < SET_COUNT; i++) {
		const char *name = set_table[i].name;
		unsigned k;

		if (!(set_table[i].builds & mask))
			continue;
		for (k = name_slot(name); x->slot[k];
		     k = (k + 1) & (SET_INDEX_SLOTS - 1))
			if (!strcmp(set_table[x->slot[k] - 1].name, name))
				break;
		if (!x->slot[k])
			x->slot[k] = (uint8_t)(i + 1);
		if (!set_table[i].tag)
			continue;
		for (k = tag_slot(set_table[i].tag, set_table[i].scope);
		     x->tslot[k]; k = (k + 1) & (SET_INDEX_SLOTS - 1)) {
			const struct set_def *d = &set_table[x->tslot[k] - 1];

			if (d->tag == set_table[i].tag &&
			    d->scope == set_table[i].scope)
				break;
		}
		if (!x->tslot[k])
			x->tslot[k] = (uint8_t)(i + 1);
	}
	return x;
}

/*
 * The first predefined setting, in table order, that matches by non-zero
 * tag and scope or by name (setting_cmp()), among those the simulated
 * build has.  Names and tags are unique in the table, so this is also
 * the only one.  (Hot: every expansion parses a name; both are looked
 * up in sim->set_index.)
 */
static const struct set_def *
find_predefined(struct sim *sim, const char *name, uint32_t tag,
		enum set_scope scope)
{
	const struct set_index *x = set_index(sim, sim_build_mask(sim));
	unsigned by_name = 0, by_tag = 0;

	if (name)
		for (unsigned k = name_slot(name); x->slot[k];
		     k = (k + 1) & (SET_INDEX_SLOTS - 1))
			if (!strcmp(set_table[x->slot[k] - 1].name, name)) {
				by_name = x->slot[k];
				break;
			}
	if (tag)
		for (unsigned k = tag_slot(tag, scope); x->tslot[k];
		     k = (k + 1) & (SET_INDEX_SLOTS - 1)) {
			const struct set_def *d = &set_table[x->tslot[k] - 1];

			if (d->tag == tag && d->scope == scope) {
				by_tag = x->tslot[k];
				break;
			}
		}
	/* the first in table order of the two */
	if (by_name && (!by_tag || by_name < by_tag))
		return &set_table[by_name - 1];
	return by_tag ? &set_table[by_tag - 1] : NULL;
}

/* The predefined setting, as parse_setting_name() copies it. */
static struct setting
from_def(const struct set_def *d)
{
	struct setting s = {
		.name = d->name, .tag = d->tag, .scope = d->scope,
		.type = (int)d->type, .def = d,
	};
	return s;
}

struct setting
settings_predefined(enum set_id id)
{
	return from_def(&set_table[id]);
}

/* parse_setting_tag(): "n.n.n" with strtoul()'s automatic base; stops
 * with tag 0 at anything else.  (Follows the loop exactly: "1.." is
 * 0x10000, since strtoul("") is 0.) */
static uint32_t
parse_tag(const char *name)
{
	const char *p = name;
	uint32_t tag = 0;

	for (;;) {
		char *end;
		unsigned long v = strtoul(p, &end, 0);

		tag = (tag << 8) | (uint32_t)v;
		p = end;
		if (*p == '\0')
			return tag;
		if (*p != '.')
			return 0;
		p++;
	}
}

/* ---------------------------------------------------------------- apply */

/*
 * apply_settings() after a change, for the one applicator scripts can see:
 * tftp_apply_settings() (src/net/udp/tftp.c).  While next-server is set
 * and there is no working URI, the working URI is tftp://<next-server>/,
 * and it follows next-server as long as it is that fallback.
 */
static void
apply_settings(struct sim *sim)
{
	struct setting ns = settings_predefined(SET_next_server);
	uint8_t addr[4] = { 0 };
	bool set;
	struct buf raw;

	if (!sim->settings)
		return;
	buf_init(&raw);
	if (settings_fetch(sim, sim->settings, &ns, NULL, NULL, &raw) >= 4)
		memcpy(addr, raw.data, 4);
	buf_fini(&raw);
	netdev_apply(sim);
	set = addr[0] || addr[1] || addr[2] || addr[3];
	memcpy(sim->tftp_server, addr, 4);
	if (set && (!sim->cwuri || sim->cwuri_tftp)) {
		char text[32];

		snprintf(text, sizeof(text), "tftp://%u.%u.%u.%u/", addr[0],
			 addr[1], addr[2], addr[3]);
		uri_free(sim->cwuri);
		sim->cwuri = uri_parse(text);
		sim->cwuri_tftp = true;
	} else if (!set && sim->cwuri_tftp) {
		uri_free(sim->cwuri);
		sim->cwuri = NULL;
		sim->cwuri_tftp = false;
	}
}

/* ---------------------------------------------------------------- tree */

static void
free_values(struct gsetting *g)
{
	while (g) {
		struct gsetting *next = g->next;

		free(g->name);
		free(g->data);
		free(g);
		g = next;
	}
}

static void
free_block(struct sblock *b)
{
	while (b->children) {
		struct sblock *c = b->children;

		b->children = c->next;
		free_block(c);
	}
	free_values(b->values);
	free(b->name);
	free(b);
}

struct sblock *
settings_target(struct sim *sim, struct sblock *b)
{
	if (!b)
		return sim->settings;
	if (b->kind == SB_NETX && sim->last_opened)
		return sim->last_opened->block;
	return b;
}

struct sblock *
settings_child(struct sim *sim, struct sblock *parent, const char *name)
{
	struct sblock *c;

	parent = settings_target(sim, parent);
	if (!*name)
		return parent;
	for (c = parent->children; c; c = c->next)
		if (strcmp(c->name, name) == 0)
			return settings_target(sim, c);
	return NULL;
}

/* reprioritise_settings(): reinsert after blocks of higher priority. */
static void
reprioritise(struct sim *sim, struct sblock *b)
{
	struct sblock *parent = b->parent, **pp, **at;
	struct setting prio = settings_predefined(SET_priority);
	long p;

	if (!parent)
		return;
	p = settings_fetch_int(sim, b, &prio);
	for (pp = &parent->children; *pp; pp = &(*pp)->next)
		if (*pp == b) {
			*pp = b->next;
			break;
		}
	/* Upstream also breaks at a sibling of lower "order", a field
	 * only IPv6 blocks set (ipv6.c, ndp.c): it is not the
	 * registration order, so equal priorities keep the oldest first. */
	for (at = &parent->children; *at; at = &(*at)->next) {
		long q = settings_fetch_int(sim, *at, &prio);

		if (p > q)
			break;
	}
	b->next = *at;
	*at = b;
	reprioritise(sim, parent);
}

struct sblock *
settings_register(struct sim *sim, struct sblock *parent, const char *name,
		  enum sblock_kind kind)
{
	static const enum set_scope scopes[] = {
		/* builtin_settings sets no default scope: names that are
		 * not built-ins get the (NULL) DHCP scope and then do not
		 * apply to it, so storing them fails with ENOTTY */
		[SB_GENERIC] = SCOPE_DHCP, [SB_BUILTIN] = SCOPE_DHCP,
		[SB_SMBIOS] = SCOPE_SMBIOS, [SB_NETDEV] = SCOPE_DHCP,
		[SB_DHCP] = SCOPE_DHCP, [SB_PCI] = SCOPE_OTHER,
		[SB_NETX] = SCOPE_DHCP,
	};
	struct sblock *b = xcalloc(1, sizeof(*b)), *old, **tail;

	b->name = xstrdup(name);
	b->kind = kind;
	b->default_scope = scopes[kind];
	b->order = ++sim->block_order;
	if (!parent)
		return b;
	parent = settings_target(sim, parent);
	if ((old = settings_child(sim, parent, name)) && old != parent)
		settings_unregister(sim, old);
	b->parent = parent;
	for (tail = &parent->children; *tail; tail = &(*tail)->next)
		;
	*tail = b;
	reprioritise(sim, b);
	apply_settings(sim);
	return b;
}

void
settings_unregister(struct sim *sim, struct sblock *b)
{
	struct sblock **pp;

	if (b->parent) {
		for (pp = &b->parent->children; *pp; pp = &(*pp)->next)
			if (*pp == b) {
				*pp = b->next;
				break;
			}
	}
	b->next = NULL;
	free_block(b);
	apply_settings(sim);
}

void
settings_block_name(struct sblock *b, struct buf *out)
{
	/* settings_name(): built from the innermost block outwards in a
	 * 16-byte buffer, so only the first 15 characters survive */
	char name[16] = "";

	for (; b && b->parent; b = b->parent) {
		struct buf full;

		buf_init(&full);
		buf_adds(&full, b->name);
		if (name[0]) {
			buf_addc(&full, '.');
			buf_adds(&full, name);
		}
		memcpy(name, full.data, full.len < 15 ? full.len : 15);
		name[full.len < 15 ? full.len : 15] = '\0';
		buf_fini(&full);
	}
	buf_adds(out, name);
}

/* ---------------------------------------------------------------- parse */

int
settings_parse_name(struct sim *sim, const char *text, bool autovivify,
		    struct sblock **block, struct setting *setting,
		    char **namebuf)
{
	char *copy = xstrdup(text), *sname, *slash, *colon, *tname = NULL;

	*namebuf = copy;
	*block = sim->settings;
	memset(setting, 0, sizeof(*setting));
	setting->name = "";
	setting->type = -1;
	slash = strchr(copy, '/');
	if (slash) {
		char *comp = copy, *dot;

		*slash = '\0';
		sname = slash + 1;
		/* the block path: '.'-separated children from the root */
		for (;;) {
			struct sblock *child;

			dot = strchr(comp, '.');
			if (dot)
				*dot = '\0';
			child = settings_child(sim, *block, comp);
			if (!child && autovivify)
				child = settings_register(sim, *block, comp,
							  SB_GENERIC);
			if (!child)
				return sim_err(sim, ERR_SETTING_NO_BLOCK);
			*block = child;
			if (!dot)
				break;
			comp = dot + 1;
		}
	} else {
		sname = copy;
	}
	colon = strchr(sname, ':');
	if (colon) {
		*colon = '\0';
		tname = colon + 1;
	}
	setting->tag = parse_tag(sname);
	setting->scope = (*block)->default_scope;
	setting->name = sname;
	{
		/* setting_cmp(predefined, setting): copied whole, type
		 * included; an explicit ":type" below overrides it */
		const struct set_def *d = find_predefined(sim, setting->name,
							  setting->tag,
							  setting->scope);

		if (d)
			*setting = from_def(d);
	}
	if (tname) {
		int t = type_lookup(tname, strlen(tname));

		if (t < 0)
			return sim_err(sim, ERR_SETTING_BAD_TYPE);
		setting->type = t;
	}
	return 0;
}

/* ---------------------------------------------------------------- blocks */

static struct gsetting *
find_generic(struct sblock *b, const struct setting *s)
{
	for (struct gsetting *g = b->values; g; g = g->next) {
		struct setting gs = {
			.name = g->name, .tag = g->tag, .scope = g->scope,
		};
		if (setting_eq(&gs, s->name, s->tag, s->scope))
			return g;
	}
	return NULL;
}

static int
generic_store(struct sblock *b, const struct setting *s, const void *data,
	      size_t len)
{
	struct gsetting *old = find_generic(b, s), **pp;

	if (old) {
		for (pp = &b->values; *pp != old; pp = &(*pp)->next)
			;
		*pp = old->next;
		old->next = NULL;
		free_values(old);
	}
	if (len) {
		struct gsetting *g = xcalloc(1, sizeof(*g));

		g->name = xstrdup(s->name ? s->name : "");
		g->tag = s->tag;
		g->scope = s->scope;
		g->type = s->type;
		g->data = xmalloc(len);
		memcpy(g->data, data, len);
		g->len = len;
		/* list_add(): newest first */
		g->next = b->values;
		b->values = g;
	}
	return 0;
}

static int
generic_fetch(struct sblock *b, struct setting *s, struct buf *data)
{
	struct gsetting *g = find_generic(b, s);

	if (!g)
		return -1;
	buf_add(data, g->data, g->len);
	if (s->type < 0)
		s->type = g->type;
	return (int)g->len;
}

static void
add_be32(struct buf *b, uint32_t v)
{
	uint8_t x[4] = { v >> 24, v >> 16, v >> 8, v };

	buf_add(b, x, 4);
}

/* Finds which built-in a setting is (by its predefined id). */
static int
builtin_fetch(struct sim *sim, struct setting *s, struct buf *data)
{
	if (!s->def)
		return -1;
	switch (s->def->id) {
	case SET_errno:
		add_be32(data, sim->last_errno);
		return 4;
	case SET_buildarch:
		buf_adds(data, sim->cfg.plat == PLAT_EFI ? "x86_64" : "i386");
		return (int)strlen(sim->cfg.plat == PLAT_EFI ? "x86_64"
							      : "i386");
	case SET_platform:
		buf_adds(data, sim->cfg.plat == PLAT_EFI ? "efi" : "pcbios");
		return sim->cfg.plat == PLAT_EFI ? 3 : 6;
	case SET_version:
		buf_adds(data, "2.0.0+");
		return 6;
	case SET_unixtime:
		add_be32(data, sim->unixtime_base +
				       (uint32_t)(sim->ticks / 1024));
		return 4;
	case SET_cwuri:
	case SET_cwduri: {
		char *text;
		size_t n;

		if (!sim->cwuri)
			return -1;
		if (s->def->id == SET_cwuri)
			text = uri_format(sim->cwuri);
		else
			text = uri_format_dir(sim->cwuri);
		n = strlen(text);
		buf_add(data, text, n);
		free(text);
		return (int)n;
	}
	default:
		return -1;
	}
}

static int
netdev_fetch(struct sblock *b, struct setting *s, struct buf *data)
{
	struct netdev *nd = b->netdev;
	const char *text = NULL;

	if (s->def && s->def->scope == SCOPE_NETDEV) {
		switch (s->def->id) {
		case SET_mac:
			buf_add(data, nd->mac, 6);
			return 6;
		case SET_hwaddr:
			buf_add(data, nd->hwaddr, 6);
			return 6;
		case SET_bustype:
			text = "PCI";
			break;
		case SET_busloc:
			add_be32(data, nd->busloc);
			return 4;
		case SET_busid:
			buf_add(data, nd->busid, 5);
			return 5;
		case SET_linktype:
			text = "Ethernet";
			break;
		case SET_chip:
			text = nd->chip;
			break;
		case SET_ifname:
			text = nd->name;
			break;
		default:
			break;
		}
		if (text) {
			buf_adds(data, text);
			return (int)strlen(text);
		}
	}
	return generic_fetch(b, s, data);
}

static int
netdev_store(struct sim *sim, struct sblock *b, const struct setting *s,
	     const void *data, size_t len)
{
	struct netdev *nd = b->netdev;

	if (s->def && s->def->scope == SCOPE_NETDEV) {
		if (s->def->id != SET_mac)
			return sim_err(sim, ERR_NETDEV_SETTING_READ_ONLY);
		if (!len) {
			memcpy(nd->mac, nd->hwaddr, 6);
			return 0;
		}
		if (len != 6)
			return sim_err(sim, ERR_NETDEV_SETTING_BAD_MAC);
		memcpy(nd->mac, data, 6);
		return 0;
	}
	return generic_store(b, s, data, len);
}

static int
block_fetch(struct sim *sim, struct sblock *b, struct setting *s,
	    struct buf *data)
{
	switch (b->kind) {
	case SB_GENERIC:
	case SB_DHCP:
		return generic_fetch(b, s, data);
	case SB_BUILTIN: {
		/* the machine profile may override platform and friends */
		int ret = machine_builtin_fetch(sim, b, s, data);

		return ret >= 0 ? ret : builtin_fetch(sim, s, data);
	}
	case SB_SMBIOS:
		/* the machine's tables (interp/machine.c) */
		return machine_smbios_fetch(sim, b, s, data);
	case SB_NETDEV:
		return netdev_fetch(b, s, data);
	case SB_PCI:
		return machine_pci_fetch(sim, s, data);
	case SB_NETX:
		return -1;
	}
	return -1;
}

bool
settings_applies(struct sim *sim, struct sblock *b,
		 const struct setting *s)
{
	b = settings_target(sim, b);
	switch (b->kind) {
	case SB_BUILTIN:
		return s->scope == SCOPE_BUILTIN;
	case SB_SMBIOS:
		return s->scope == SCOPE_SMBIOS;
	case SB_DHCP:
		return s->scope == SCOPE_DHCP && s->tag &&
		       s->tag <= DHCP_MAX_TAG;
	case SB_PCI:
		/* pci_settings_applies(): names addressed at the block, which
		 * no predefined setting has */
		return s->scope == SCOPE_OTHER && !s->def;
	default:
		return true;
	}
}

/* The predefined setting matching a fetched one, looked up once per
 * settings_fetch() however many blocks it visits. */
struct fetch_def {
	bool looked;
	const struct set_def *d;
};

static int
fetch_from(struct sim *sim, struct sblock *b, const struct setting *setting,
	   struct sblock **origin, struct setting *fetched, struct buf *data,
	   struct fetch_def *fd)
{
	const struct setting *applicable = NULL;
	struct setting tmp, def;
	struct sblock *c;
	size_t mark = data->len;
	int ret;

	if (origin)
		*origin = NULL;
	if (fetched)
		*fetched = *setting;
	b = settings_target(sim, b);
	/* netX with no open device: a block without fetch (ENOTSUP) */
	if (b->kind == SB_NETX)
		return sim_err(sim, ERR_SETTING_READ_ONLY);
	/* applicable_setting(): this setting, or a predefined one that
	 * matches it and applies here */
	if (settings_applies(sim, b, setting)) {
		applicable = setting;
	} else {
		if (!fd->looked) {
			fd->d = find_predefined(sim, setting->name,
						setting->tag, setting->scope);
			fd->looked = true;
		}
		if (fd->d) {
			def = from_def(fd->d);
			if (settings_applies(sim, b, &def))
				applicable = &def;
		}
	}
	if (applicable) {
		/* a copy: the block may fill in the stored type */
		tmp = *applicable;
		ret = block_fetch(sim, b, &tmp, data);
		if (ret >= 0) {
			if (tmp.type < 0)
				tmp.type = TYPE_string;
			if (origin)
				*origin = b;
			if (fetched)
				*fetched = tmp;
			return ret;
		}
		data->len = mark;
	}
	for (c = b->children; c; c = c->next) {
		ret = fetch_from(sim, c, setting, origin, fetched, data, fd);
		if (ret >= 0)
			return ret;
	}
	return sim_err(sim, ERR_SETTING_NOT_FOUND);
}

int
settings_fetch(struct sim *sim, struct sblock *b,
	       const struct setting *setting, struct sblock **origin,
	       struct setting *fetched, struct buf *data)
{
	struct fetch_def fd = { false, NULL };

	if (sim->hooks && sim->hooks->setting)
		sim->hooks->setting(sim->hooks_ctx, sim, setting->name, false);
	return fetch_from(sim, b, setting, origin, fetched, data, &fd);
}

int
settings_fetchf(struct sim *sim, struct sblock *b,
		const struct setting *setting, struct sblock **origin,
		struct setting *fetched, struct buf *text)
{
	struct setting f;
	struct buf raw;
	uint32_t err;
	int len;

	buf_init(&raw);
	len = settings_fetch(sim, b, setting, origin, &f, &raw);
	if (len < 0) {
		buf_fini(&raw);
		return len;
	}
	if (fetched)
		*fetched = f;
	err = type_format((enum set_type)f.type, (const uint8_t *)raw.data,
			  raw.len, text, sim->cfg.plat);
	buf_fini(&raw);
	return err ? -(int)err : 0;
}

int
settings_store(struct sim *sim, struct sblock *b,
	       const struct setting *setting, const void *data, size_t len)
{
	int rc = 0;

	if (sim->hooks && sim->hooks->setting)
		sim->hooks->setting(sim->hooks_ctx, sim, setting->name, true);
	b = settings_target(sim, b);
	if (!settings_applies(sim, b, setting))
		return sim_err(sim, ERR_SETTING_NOT_APPLICABLE);
	switch (b->kind) {
	case SB_GENERIC:
	case SB_DHCP:
		rc = generic_store(b, setting, data, len);
		break;
	case SB_NETDEV:
		rc = netdev_store(sim, b, setting, data, len);
		break;
	case SB_BUILTIN:
		if (setting->def && setting->def->id == SET_unixtime) {
			/* stores adjust the clock; empty restores it */
			uint32_t now = 0;

			if (len) {
				for (size_t i = 0; i < len; i++)
					now = now << 8 | ((const uint8_t *)data)[i];
				sim->unixtime_base =
					now - (uint32_t)(sim->ticks / 1024);
			}
			return 0;
		}
		return sim_err(sim, ERR_SETTING_READ_ONLY);
	case SB_NETX:
	case SB_SMBIOS:
	case SB_PCI:
		return sim_err(sim, ERR_SETTING_READ_ONLY);
	}
	if (rc == 0 && setting->def && setting->def->id == SET_priority)
		reprioritise(sim, b);
	if (rc == 0)
		apply_settings(sim);
	return rc;
}

int
settings_storef(struct sim *sim, struct sblock *b,
		const struct setting *setting, const char *text)
{
	struct buf raw;
	uint32_t err;
	int rc;

	/* storef_setting(): an empty value deletes */
	if (!*text)
		return settings_store(sim, b, setting, NULL, 0);
	buf_init(&raw);
	err = type_parse(setting->type < 0 ? TYPE_string
					   : (enum set_type)setting->type,
			 text, strlen(text), &raw, sim->cfg.plat);
	if (err) {
		buf_fini(&raw);
		return -(int)err;
	}
	rc = settings_store(sim, b, setting, raw.data, raw.len);
	buf_fini(&raw);
	return rc;
}

long
settings_fetch_int(struct sim *sim, struct sblock *b,
		   const struct setting *setting)
{
	struct buf raw;
	long v = 0;
	int len;

	buf_init(&raw);
	len = settings_fetch(sim, b, setting, NULL, NULL, &raw);
	if (len > 0 && (size_t)len <= sizeof(long)) {
		/* big-endian, sign-extended from the first byte */
		v = (int8_t)raw.data[0];
		for (int i = 1; i < len; i++)
			v = (long)((unsigned long)v << 8) |
			    (uint8_t)raw.data[i];
	}
	buf_fini(&raw);
	return v;
}

/* ---------------------------------------------------------------- boot */

void
settings_boot(struct sim *sim)
{
	struct sblock *root = settings_register(sim, NULL, "", SB_GENERIC);

	sim->settings = root;
	settings_register(sim, root, "builtin", SB_BUILTIN);
	settings_register(sim, root, "smbios", SB_SMBIOS);
	settings_register(sim, root, "pci", SB_PCI);
	for (struct netdev *nd = sim->netdevs; nd; nd = nd->next) {
		nd->block = settings_register(sim, root, nd->name, SB_NETDEV);
		nd->block->netdev = nd;
	}
	settings_register(sim, root, "netX", SB_NETX);
}

void
settings_free_all(struct sim *sim)
{
	if (sim->settings)
		free_block(sim->settings);
	sim->settings = NULL;
	free(sim->set_index);
	sim->set_index = NULL;
}
