/*
 * settings.h - the settings tree of the simulated machine (spec 6),
 * modelled on upstream src/core/settings.c: blocks with children, a
 * generic store in the root and autovivified blocks, and blocks whose
 * values come from the machine (builtin, smbios, netN, netN.dhcp, pci,
 * netX).  Lookups and stores follow iPXE's rules exactly: the block
 * itself first when the setting applies to it, then its children in
 * priority order; names resolve to predefined settings by name or by tag
 * within the block's scope.
 */
#ifndef IPXE_SETTINGS_H
#define IPXE_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stdlib/stdlib.h"

struct buf;
struct sim;
struct netdev;

enum sblock_kind {
	SB_GENERIC,	/* root and autovivified blocks: store anything */
	SB_BUILTIN,	/* errno, platform, version, unixtime, cwuri ... */
	SB_SMBIOS,	/* the machine's SMBIOS tables */
	SB_NETDEV,	/* netN: device facts plus a generic store */
	SB_DHCP,	/* netN.dhcp: the options of a DHCP reply */
	SB_PCI,		/* pci: configuration space by numeric name */
	SB_NETX,	/* netX: redirects to the last opened device */
};

/* One stored value of a generic store (or a DHCP option). */
struct gsetting {
	struct gsetting *next;
	char *name;		/* as stored: canonical or user's name */
	uint32_t tag;
	enum set_scope scope;
	int type;		/* TYPE_* it was stored with */
	uint8_t *data;
	size_t len;
};

struct sblock {
	char *name;
	enum sblock_kind kind;
	enum set_scope default_scope;
	struct sblock *parent;
	struct sblock *children;	/* in lookup order */
	struct sblock *next;		/* sibling */
	unsigned order;			/* registration order */
	struct gsetting *values;	/* generic store / DHCP options */
	struct netdev *netdev;		/* SB_NETDEV, SB_DHCP */
};

/* A parsed setting reference (spec 6.2). */
struct setting {
	const char *name;	/* canonical name when predefined */
	uint32_t tag;
	enum set_scope scope;
	int type;		/* TYPE_*, or -1 when none was given */
	const struct set_def *def;	/* the predefined setting, or NULL */
};

/* Creates the blocks of a freshly booted machine (builtin, smbios, pci,
 * netX, and netN for each network device already in sim->netdevs). */
void settings_boot(struct sim *sim);
void settings_free_all(struct sim *sim);

/* Registers a new child block (replacing one of the same name) / removes
 * a block and its children. */
struct sblock *settings_register(struct sim *sim, struct sblock *parent,
				 const char *name, enum sblock_kind kind);
void settings_unregister(struct sim *sim, struct sblock *b);
/* Child of parent named name ("" is parent itself), following netX. */
struct sblock *settings_child(struct sim *sim, struct sblock *parent,
			      const char *name);
/* The block a reference addresses after redirection (netX). */
struct sblock *settings_target(struct sim *sim, struct sblock *b);
/* "net0.dhcp": the full name, truncated to 15 characters as iPXE does. */
void settings_block_name(struct sblock *b, struct buf *out);

/*
 * Parses "[block/]name[:type]" (spec 6.2).  With autovivify, missing
 * blocks are created.  *namebuf receives a copy that setting->name may
 * point into (free it after use).  Returns 0, -ENODEV (unknown block) or
 * -ENOTSUP (unknown type) as iPXE numbers them.
 */
int settings_parse_name(struct sim *sim, const char *text, bool autovivify,
			struct sblock **block, struct setting *setting,
			char **namebuf);

/*
 * Fetches the raw value (spec 6.3): appends it to data and returns its
 * length, or a negative rc (-ENOENT when nowhere).  origin and fetched,
 * when not NULL, receive the block it came from and the setting with the
 * type found there.
 */
int settings_fetch(struct sim *sim, struct sblock *b,
		   const struct setting *setting, struct sblock **origin,
		   struct setting *fetched, struct buf *data);
/* Fetches and formats (spec 6.5, 6.6): appends the text; 0 or rc. */
int settings_fetchf(struct sim *sim, struct sblock *b,
		    const struct setting *setting, struct sblock **origin,
		    struct setting *fetched, struct buf *text);
/* Stores raw bytes (len 0 deletes); 0 or rc (spec 6.4). */
int settings_store(struct sim *sim, struct sblock *b,
		   const struct setting *setting, const void *data,
		   size_t len);
/* Parses text with the setting's type, then stores; 0 or rc. */
int settings_storef(struct sim *sim, struct sblock *b,
		    const struct setting *setting, const char *text);
/* Whether setting applies to block b (spec 6.3). */
bool settings_applies(struct sim *sim, struct sblock *b,
		      const struct setting *setting);
/* Fetches an integer setting (0 when absent), as fetch_intz_setting(). */
long settings_fetch_int(struct sim *sim, struct sblock *b,
			const struct setting *setting);
/* The setting for predefined id (no block, default type). */
struct setting settings_predefined(enum set_id id);

#endif
