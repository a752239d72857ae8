/*
 * stdlib.h - the one table of iPXE commands and settings, shared by
 * ipxelint and ipxesim (spec sections 5, 6.7, 6.8, 10, 11).  A command's
 * name, options, arity, synopsis and build availability live in one row of
 * stdlib/commands.def; a predefined setting's name, type and DHCP tag in
 * one row of stdlib/settings.def.  Nothing else in the code spells a
 * command or setting name: it uses the CMD_* and SET_* constants.
 */
#ifndef IPXE_STDLIB_H
#define IPXE_STDLIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf;

/* How an option's value (or an argument) is parsed (spec 5.4). */
enum val_parser {
	VAL_FLAG,	/* option takes no value */
	VAL_STR,	/* string, never fails */
	VAL_INT,	/* integer (strtoul, automatic base, whole string) */
	VAL_MS,		/* timeout in milliseconds (an integer) */
	VAL_KEY,	/* one character, or an integer key code */
	VAL_NETDEV,	/* network device name */
	VAL_CFGTOR,	/* network configurator: dhcp, ipv6 */
	VAL_SETTING,	/* setting name, autovivifying */
	VAL_UUID,	/* UUID */
	VAL_FCPORT,	/* Fibre Channel port */
	VAL_FCID,	/* Fibre Channel port ID */
};

struct opt_def {
	char shortname;		/* 'n' */
	const char *longname;	/* "name" */
	enum val_parser parser;
};

/* Build classes of spec 10.0 / 11. */
enum cmd_class {
	CLASS_CORE,	/* D: in every default build */
	CLASS_EFI,	/* E: default on EFI, needs an option on BIOS */
	CLASS_OPT,	/* O: needs a build option everywhere */
	CLASS_HW,	/* H: only with matching hardware support */
};

/* Builds a command can be present in (bit mask). */
enum build_set {
	BUILDS_BIOS = 1 << 0,	/* default upstream BIOS build (ipxe-default.lkrn) */
	BUILDS_EFI = 1 << 1,	/* default upstream x86_64 EFI build */
	BUILDS_FULL = 1 << 2,	/* the oracle's ipxe-full.lkrn (BIOS, every
				 * optional command) */
};

/* How the command reads its arguments (spec 10.0, end). */
enum cmd_parse {
	PARSE_GENERIC,	/* the option parser of spec 5 */
	PARSE_NONE,	/* help: no option parsing, arguments ignored */
	PARSE_SHIM,	/* shim: generic on EFI, a silent no-op elsewhere */
	PARSE_TIME,	/* time: options, then runs argv[1] */
};

enum cmd_id {
#define CMD(id, ...) CMD_##id,
#include "stdlib/commands.def"
#undef CMD
	CMD_COUNT
};

struct cmd_def {
	enum cmd_id id;
	const char *name;
	const struct opt_def *opts;	/* nopts entries, declaration order */
	unsigned nopts;
	unsigned min, max;		/* positional arguments; 255 = iPXE's
					 * MAX_ARGUMENTS */
	const char *synopsis;		/* NULL: none; "" prints a trailing
					 * space (ibstat) */
	enum cmd_class cls;
	const char *build_option;	/* e.g. "CERT_CMD", or NULL */
	unsigned builds;		/* enum build_set bits */
	enum cmd_parse parse;
	enum cmd_id impl;		/* synonyms share one: dhcp -> ifconf */
	const char *summary;		/* one line, for --help and hover */
};

/* Every command, in the order of commands.def. */
extern const struct cmd_def cmd_table[CMD_COUNT];

/* Exact, case-sensitive lookup (spec 3.4); NULL if no such command. */
const struct cmd_def *cmd_lookup(const char *name, size_t len);
/* Whether cmd exists in the builds given by mask (enum build_set). */
bool cmd_in_build(const struct cmd_def *cmd, unsigned mask);
/* The option with this long name, or short name, or NULL. */
const struct opt_def *cmd_opt_long(const struct cmd_def *cmd,
				   const char *name, size_t len);
const struct opt_def *cmd_opt_short(const struct cmd_def *cmd, char c);
/*
 * Appends the usage message of spec 5.3 for cmd invoked as name (argv[0],
 * which may differ from cmd->name only for synonyms typed by the user):
 * "Usage:\n\n  NAME OPTIONS USAGE\n\nSee URL/cmd/NAME for further
 * information\n".  url_base is "https://ipxe.org" (upstream) or
 * "http://ipxe.org" (2019 build).
 */
void cmd_usage(struct buf *out, const struct cmd_def *cmd, const char *name,
	       const char *url_base);
/* The usage line alone ("NAME OPTIONS USAGE", no newline). */
void cmd_usage_line(struct buf *out, const struct cmd_def *cmd,
		    const char *name);
/*
 * Up to max command names close to name (edit distance, for "did you
 * mean"), best first; returns how many were stored in out.
 */
size_t cmd_suggest(const char *name, size_t len, const struct cmd_def **out,
		   size_t max);

/* ---------------------------------------------------------------- types */

/* Setting types of spec 6.6.  ORDER: as in stdlib/types.def. */
enum set_type {
#define TYPE(id) TYPE_##id,
#include "stdlib/types.def"
#undef TYPE
	TYPE_COUNT
};

extern const char *const type_names[TYPE_COUNT];
/* Exact, lower-case lookup of a ":type" name; -1 if unknown. */
int type_lookup(const char *name, size_t len);

/* ---------------------------------------------------------------- settings */

/* Where a predefined setting lives (its scope, spec 6.3 "applies"). */
enum set_scope {
	SCOPE_DHCP,	/* DHCP-tagged: root, netN, netN.dhcp, ... */
	SCOPE_NETDEV,	/* netN device facts: mac, busid, chip, ... */
	SCOPE_BUILTIN,	/* the builtin block: errno, platform, ... */
	SCOPE_SMBIOS,	/* smbios: uuid, product, ... */
	SCOPE_CPUID,	/* cpuid: cpuvendor, cpumodel (EFI x86) */
	SCOPE_MEMMAP,	/* memsize (MEMMAP_SETTINGS) */
	SCOPE_OTHER,	/* 802.11, IPv6, keymap, PeerDist ... */
};

enum set_id {
#define SETTING(id, ...) SET_##id,
#include "stdlib/settings.def"
#undef SETTING
	SET_COUNT
};

struct set_def {
	enum set_id id;
	const char *name;	/* canonical name, e.g. "next-server" */
	enum set_type type;
	uint32_t tag;		/* DHCP tag as spec 6.2 computes it
				 * (175.3 = 0xaf03), 0 if none */
	enum set_scope scope;
	unsigned builds;	/* enum build_set bits: where it is defined */
	const char *summary;
};

/* Every build (for the builds columns). */
#define BUILDS_ALL (BUILDS_BIOS | BUILDS_EFI | BUILDS_FULL)

extern const struct set_def set_table[SET_COUNT];

/* Lookup by canonical name (exact); NULL if not predefined. */
const struct set_def *set_lookup(const char *name, size_t len);
/* Lookup by tag within a scope (spec 6.2 rule 4); NULL if none. */
const struct set_def *set_lookup_tag(uint32_t tag, enum set_scope scope);
/*
 * Parses a numeric setting name "n1.n2..." (each like strtoul with
 * automatic base) into its tag ((n1 << 8 | n2) << 8 ...); false when the
 * name is not of that form (then the tag is 0).
 */
bool set_parse_tag(const char *name, size_t len, uint32_t *tag);
size_t set_suggest(const char *name, size_t len, const struct set_def **out,
		   size_t max);

#endif
