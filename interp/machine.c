/*
 * machine.c - the mocked machine's CPU, PCI devices and SMBIOS tables, as
 * the oracle's qemu shows them to iPXE (values read off the real iPXE with
 * `cpuid`, `pciscan` and `${smbios/T.O.L}`), and the machine profile that
 * changes these facts, the NIC's address and the DHCP answers.
 */
#include "interp/machine.h"

#include <stdlib.h>
#include <string.h>

#include "interp/netdev.h"
#include "interp/settings.h"
#include "interp/sim.h"
#include "parser/util.h"
#include "stdlib/types.h"

#define ARRAY_LEN(v) (sizeof(v) / sizeof((v)[0]))

/* ---------------------------------------------------------------- CPU */

/* qemu64 under TCG: `cpuid N`, `--ecx`, `--ext` and `--ext --ecx` for
 * every N on the oracle (leaf 1 EDX 0x078bfbfd ...). */
void
machine_cpuid(const struct sim *sim, struct cpu_features *f)
{
	(void)sim;
	f->intel_edx = 0x078bfbfd;
	f->intel_ecx = 0x80002001;
	f->amd_edx = 0x2193fbfd;
	f->amd_ecx = 0x00000005;
}

/* ---------------------------------------------------------------- PCI */

/* Configuration space as runs of bytes at an offset; the rest is zero. */
struct pci_run {
	uint8_t offset;
	const char *hex;
};

struct pci_dev {
	uint32_t busdevfn;
	struct pci_run runs[10];
};

/* The i440fx chipset (host bridge, PIIX3 ISA, IDE, ACPI) and the VGA
 * card, after SeaBIOS set them up: ${pci/B.0.128:hexraw} and
 * ${pci/B.128.128:hexraw} on the oracle. */
static const struct pci_dev chipset[] = {
	{ 0x00, { { 0, "868037120301000002000006" }, { 44, "f41a0011" },
		  { 87, "200010111111111133" }, { 114, "0a" } } },
	{ 0x08, { { 0, "868000700301000200000106000080" },
		  { 44, "f41a0011" }, { 76, "4d0003" }, { 96, "0a0a0b0b" },
		  { 105, "02" }, { 112, "80" }, { 118, "0c0c02" },
		  { 160, "08" }, { 168, "0f" } } },
	{ 0x09, { { 0, "868010700301800200800101" }, { 32, "41c0" },
		  { 44, "f41a0011" }, { 65, "800080" } } },
	{ 0x0b, { { 0, "868013710301800203008006" }, { 44, "f41a0011" },
		  { 60, "090100000106" },
		  { 91, "02000000900000006000000008" }, { 128, "01" },
		  { 144, "0107" }, { 210, "09" } } },
	{ 0x10, { { 0, "341211110301000002000003" }, { 16, "080000fd" },
		  { 26, "bffe" }, { 44, "f41a00110000befe" } } },
};

/* The e1000 at 00:03.0 (its BARs as SeaBIOS placed them). */
static const struct pci_dev e1000 = {
	0x18, { { 0, "86800e100701000003000002" }, { 18, "bcfe01c0" },
		{ 44, "f41a00110000b8fe" }, { 60, "0b01" } }
};

static void
fill_config(const struct pci_dev *d, uint8_t cfg[256])
{
	memset(cfg, 0, 256);
	for (size_t i = 0; i < sizeof(d->runs) / sizeof(d->runs[0]) &&
			   d->runs[i].hex;
	     i++) {
		const char *h = d->runs[i].hex;

		for (size_t k = 0; h[2 * k]; k++) {
			char byte[3] = { h[2 * k], h[2 * k + 1], 0 };

			cfg[(d->runs[i].offset + k) & 0xff] =
				(uint8_t)strtoul(byte, NULL, 16);
		}
	}
}

/* The device at busdevfn: the chipset, and each physical NIC on PCI. */
static bool
pci_config(struct sim *sim, uint32_t busdevfn, uint8_t cfg[256])
{
	for (size_t i = 0; i < sizeof(chipset) / sizeof(chipset[0]); i++)
		if (chipset[i].busdevfn == busdevfn) {
			fill_config(&chipset[i], cfg);
			return true;
		}
	for (struct netdev *nd = sim->netdevs; nd; nd = nd->next) {
		if (nd->trunk || nd->busid[0] != 1 || nd->busloc != busdevfn)
			continue;
		fill_config(&e1000, cfg);
		/* vendor and device ID, little-endian */
		cfg[0] = nd->busid[2];
		cfg[1] = nd->busid[1];
		cfg[2] = nd->busid[4];
		cfg[3] = nd->busid[3];
		return true;
	}
	return false;
}

bool
machine_pci_next(struct sim *sim, uint32_t *busdevfn)
{
	uint32_t best = UINT32_MAX;
	bool found = false;

	for (size_t i = 0; i < sizeof(chipset) / sizeof(chipset[0]); i++)
		if (chipset[i].busdevfn >= *busdevfn &&
		    chipset[i].busdevfn <= best) {
			best = chipset[i].busdevfn;
			found = true;
		}
	for (struct netdev *nd = sim->netdevs; nd; nd = nd->next)
		if (!nd->trunk && nd->busid[0] == 1 &&
		    nd->busloc >= *busdevfn && nd->busloc <= best) {
			best = nd->busloc;
			found = true;
		}
	if (found)
		*busdevfn = best;
	return found;
}

/* pci_settings_fetch(): tag = busdevfn << 16 | offset << 8 | length,
 * read backwards (PCI is little-endian, settings big-endian); offsets
 * wrap at 256 and a missing device reads as all ones. */
int
machine_pci_fetch(struct sim *sim, struct setting *s, struct buf *data)
{
	unsigned busdevfn = s->tag >> 16, offset = (s->tag >> 8) & 0xff;
	unsigned len = s->tag & 0xff;
	uint8_t cfg[256];

	if (!pci_config(sim, busdevfn, cfg))
		memset(cfg, 0xff, sizeof(cfg));
	for (unsigned i = 0; i < len; i++)
		buf_addc(data, (char)cfg[(offset + len - 1 - i) & 0xff]);
	if (s->type < 0)
		s->type = TYPE_hexraw;
	return (int)len;
}

/* ---------------------------------------------------------------- SMBIOS */

/* One structure: its formatted area and its strings (1-based, owned). */
struct smstruct {
	uint8_t fmt[64];
	size_t len;
	char *str[8];
	unsigned nstr;
};

struct smbios_default {
	const char *hex;
	const char *str[3];
};

/* SeaBIOS 1.16.2 with qemu 7.2's tables (SMBIOS 2.8), in table order. */
static const struct smbios_default smbios_defaults[] = {
	{ "00180000010200e80300080000000000000000040000ffff",
	  { "SeaBIOS", "1.16.2-debian-1.16.2-1", "04/01/2014" } },
	{ "011b00010102030000000000000000000000000000000000060000",
	  { "QEMU", "Standard PC (i440FX + PIIX, 1996)", "pc-i440fx-7.2" } },
	{ "03160003010102000003030302000000000000000000",
	  { "QEMU", "pc-i440fx-7.2" } },
	{ "042a000401030102b10f0600fdfb8b0703000000d007d0074101ffffffffffff"
	  "00000001010102000100",
	  { "CPU 0", "QEMU", "pc-i440fx-7.2" } },
	{ "1017001001030600000400feff01000000000000000000", { NULL } },
	{ "112800110010feffffffffff000109000100070200000002000000000000000000"
	  "00000000000000",
	  { "DIMM 0", "QEMU" } },
	{ "131f001300000000ffff030000100100000000000000000000000000000000",
	  { NULL } },
	{ "200b002000000000000000", { NULL } },
	{ "7f04007f", { NULL } },
};

/* What qemu builds for -smbios type=2 (a board): manufacturer, product,
 * version, serial, no asset tag, a motherboard in chassis 0x300. */
static const char board_hex[] = "020f00020102030000010000030a00";

/* The profile's value for an SMBIOS or builtin name, stored in the
 * block's own value list (those blocks are read-only to scripts). */
static const struct gsetting *
override(struct sblock *b, enum set_id id)
{
	if (!b)
		return NULL;
	for (const struct gsetting *g = b->values; g; g = g->next)
		if (strcmp(g->name, set_table[id].name) == 0)
			return g;
	return NULL;
}

static void
put_override(struct sblock *b, const char *name, const void *data,
	     size_t len)
{
	struct gsetting **pp = &b->values, *g;

	while (*pp && strcmp((*pp)->name, name) != 0)
		pp = &(*pp)->next;
	if (*pp) {
		g = *pp;
		*pp = g->next;
		free(g->name);
		free(g->data);
		free(g);
	}
	if (!len)
		return;
	g = xcalloc(1, sizeof(*g));
	g->name = xstrdup(name);
	g->scope = b->default_scope;
	g->type = -1;
	g->data = xmalloc(len);
	memcpy(g->data, data, len);
	g->len = len;
	g->next = b->values;
	b->values = g;
}

static void
init_struct(struct smstruct *st, const char *hex, const char *const *str)
{
	memset(st, 0, sizeof(*st));
	st->len = strlen(hex) / 2;
	for (size_t k = 0; k < st->len; k++) {
		char byte[3] = { hex[2 * k], hex[2 * k + 1], 0 };

		st->fmt[k] = (uint8_t)strtoul(byte, NULL, 16);
	}
	for (unsigned k = 0; k < 3 && str[k]; k++)
		st->str[st->nstr++] = xstrdup(str[k]);
}

/* A string field at offset: replaces its string, or adds one (qemu
 * numbers a structure's strings in field order, which appending keeps). */
static void
set_string(struct smstruct *st, unsigned offset, const struct gsetting *g)
{
	char *text;

	if (!g)
		return;
	text = xstrndup((const char *)g->data, g->len);
	if (st->fmt[offset] == 0) {
		st->str[st->nstr++] = text;
		st->fmt[offset] = (uint8_t)st->nstr;
	} else {
		free(st->str[st->fmt[offset] - 1]);
		st->str[st->fmt[offset] - 1] = text;
	}
}

/* uuid_mangle(): SMBIOS 2.6+ stores the first three fields little-endian. */
static void
uuid_mangle(uint8_t *u)
{
	uint8_t t;

	for (int i = 0; i < 2; i++) {
		t = u[i];
		u[i] = u[3 - i];
		u[3 - i] = t;
	}
	t = u[4];
	u[4] = u[5];
	u[5] = t;
	t = u[6];
	u[6] = u[7];
	u[7] = t;
}

/* The tables with the profile applied; returns the number of structures
 * (free them with free_tables()). */
static size_t
smbios_tables(struct sblock *b, struct smstruct *out)
{
	size_t n = 0;

	for (size_t i = 0;
	     i < sizeof(smbios_defaults) / sizeof(smbios_defaults[0]); i++) {
		struct smstruct *st = &out[n++];
		const struct gsetting *g;

		init_struct(st, smbios_defaults[i].hex, smbios_defaults[i].str);
		switch (st->fmt[0]) {
		case 1:
			set_string(st, 4, override(b, SET_manufacturer));
			set_string(st, 5, override(b, SET_product));
			set_string(st, 7, override(b, SET_serial));
			g = override(b, SET_uuid);
			if (g && g->len == 16) {
				memcpy(st->fmt + 8, g->data, 16);
				uuid_mangle(st->fmt + 8);
			}
			g = override(b, SET_board_serial);
			if (g) {
				init_struct(&out[n], board_hex,
					    smbios_defaults[i].str);
				set_string(&out[n++], 7, g);
			}
			break;
		case 3:
			set_string(st, 8, override(b, SET_asset));
			break;
		default:
			break;
		}
	}
	return n;
}

static void
free_tables(struct smstruct *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (unsigned k = 0; k < v[i].nstr; k++)
			free(v[i].str[k]);
}

/* smbios_fetch(): tag = instance << 24 | type << 16 | offset << 8 |
 * length.  Length 0 reads the string whose number is at offset, offset 0
 * the string numbered length, both 0 the whole formatted area. */
int
machine_smbios_fetch(struct sim *sim, struct sblock *b, struct setting *s,
		     struct buf *data)
{
	unsigned instance = (s->tag >> 24) & 0xff, type = (s->tag >> 16) & 0xff;
	unsigned offset = (s->tag >> 8) & 0xff, len = s->tag & 0xff;
	struct smstruct tables[16];
	struct smstruct *st = NULL;
	const uint8_t *src;
	size_t n, src_len;
	unsigned string = 0;
	uint8_t uuid[16];
	int ret;

	(void)sim;
	n = smbios_tables(b, tables);
	for (size_t i = 0; i < n; i++)
		if (tables[i].fmt[0] == type && instance-- == 0) {
			st = &tables[i];
			break;
		}
	if (!st) {
		free_tables(tables, n);
		return -1;
	}
	src = st->fmt;
	src_len = st->len;
	if (len == 0 && offset == 0) {
		/* the whole structure */
	} else if (len == 0 || offset == 0) {
		string = len;
		if (string == 0 && offset < src_len)
			string = st->fmt[offset];
		if (string == 0 || string > st->nstr) {
			free_tables(tables, n);
			return -1;
		}
		src = (const uint8_t *)st->str[string - 1];
		src_len = strlen(st->str[string - 1]);
	} else if (offset > src_len) {
		src_len = 0;
	} else {
		src += offset;
		src_len -= offset;
		if (src_len > len)
			src_len = len;
	}
	/* UUIDs are stored mangled (SMBIOS 2.8) */
	if ((s->type == TYPE_uuid || s->type == TYPE_guid) && src_len == 16) {
		memcpy(uuid, src, 16);
		uuid_mangle(uuid);
		src = uuid;
	}
	buf_add(data, src, src_len);
	if (s->type < 0)
		s->type = string ? TYPE_string : TYPE_hex;
	ret = (int)src_len;
	free_tables(tables, n);
	return ret;
}

int
machine_builtin_fetch(struct sim *sim, struct sblock *b, struct setting *s,
		      struct buf *data)
{
	const struct gsetting *g;

	(void)sim;
	if (!s->def)
		return -1;
	g = override(b, s->def->id);
	if (!g)
		return -1;
	buf_add(data, g->data, g->len);
	return (int)g->len;
}

/* ---------------------------------------------------------------- params */

static bool
same_name(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

struct param_list *
machine_params_find(struct sim *sim, const char *name)
{
	for (struct param_list *l = sim->params; l; l = l->next)
		if (same_name(l->name, name))
			return l;
	return NULL;
}

static void
free_list(struct param_list *l)
{
	while (l->params) {
		struct param *p = l->params;

		l->params = p->next;
		free(p->key);
		free(p->value);
		free(p);
	}
	free(l->name);
	free(l->method);
	free(l);
}

void
machine_params_delete(struct sim *sim, struct param_list *l)
{
	struct param_list **pp = (struct param_list **)&sim->params;

	while (*pp && *pp != l)
		pp = &(*pp)->next;
	if (*pp) {
		*pp = l->next;
		free_list(l);
	}
}

struct param_list *
machine_params_create(struct sim *sim, const char *name)
{
	struct param_list *old = machine_params_find(sim, name), *l;

	if (old)
		machine_params_delete(sim, old);
	l = xcalloc(1, sizeof(*l));
	l->name = name ? xstrdup(name) : NULL;
	l->next = sim->params;
	sim->params = l;
	return l;
}

void
machine_params_free_all(struct sim *sim)
{
	while (sim->params)
		machine_params_delete(sim, sim->params);
}

/* ---------------------------------------------------------------- profile */

static bool
is_one_of(const struct set_def *def, const enum set_id *ids, size_t n)
{
	for (size_t i = 0; def && i < n; i++)
		if (def->id == ids[i])
			return true;
	return false;
}

/* Parses value with type t (the explicit one, else dflt). */
static int
parse_value(struct sim *sim, int t, enum set_type dflt, const char *value,
	    struct buf *raw)
{
	uint32_t err;

	err = type_parse(t < 0 ? dflt : (enum set_type)t, value,
			 strlen(value), raw, sim->cfg.plat);
	return err ? -(int)err : 0;
}

int
machine_set(struct sim *sim, const char *name, const char *value)
{
	static const enum set_id builtin[] = { SET_platform, SET_buildarch,
					       SET_version };
	static const enum set_id smbios[] = { SET_manufacturer, SET_product,
					      SET_serial, SET_uuid, SET_asset,
					      SET_board_serial };
	char *copy = xstrdup(name), *key = copy, *colon, *slash;
	const char *block = "";
	const struct set_def *def;
	int type = -1, rc = 0;
	uint32_t tag = 0;
	struct buf raw;

	buf_init(&raw);
	slash = strchr(copy, '/');
	if (slash) {
		*slash = '\0';
		block = copy;
		key = slash + 1;
	}
	colon = strchr(key, ':');
	if (colon) {
		*colon = '\0';
		type = type_lookup(colon + 1, strlen(colon + 1));
		if (type < 0) {
			rc = sim_err(sim, ERR_SETTING_BAD_TYPE);
			goto out;
		}
	}
	def = set_lookup(key, strlen(key));
	if (!def)
		set_parse_tag(key, strlen(key), &tag);
	if ((!*block || !strcmp(block, "builtin")) &&
	    is_one_of(def, builtin, ARRAY_LEN(builtin))) {
		/* the build's identity: what builtin/NAME reads */
		rc = parse_value(sim, type, TYPE_string, value, &raw);
		if (rc == 0)
			put_override(settings_child(sim, sim->settings,
						    "builtin"),
				     def->name, raw.data, raw.len);
	} else if ((!*block || !strcmp(block, "smbios")) &&
		   is_one_of(def, smbios, ARRAY_LEN(smbios))) {
		rc = parse_value(sim, type, def->type, value, &raw);
		if (rc == 0)
			put_override(settings_child(sim, sim->settings,
						    "smbios"),
				     def->name, raw.data, raw.len);
	} else if ((!*block || !strcmp(block, "net0")) && def &&
		   (def->id == SET_mac || def->id == SET_hwaddr)) {
		/* the NIC itself: its burned-in address */
		if ((rc = parse_value(sim, type, TYPE_hex, value, &raw)) == 0) {
			if (raw.len != 6)
				rc = sim_err(sim, ERR_TYPE_BAD_INTEGER);
			else
				netdev_set_mac(sim, (const uint8_t *)raw.data);
		}
	} else if ((!*block || !strcmp(block, "net0.dhcp")) &&
		   ((def && def->scope == SCOPE_DHCP && def->tag) ||
		    (!def && tag))) {
		/* what the DHCP server answers */
		if ((rc = parse_value(sim, type,
				      def ? def->type : TYPE_string, value,
				      &raw)) == 0)
			netdev_dhcp_option(sim, def ? def->tag : tag,
					   raw.data, raw.len);
	} else {
		/* anything else: stored before the script runs, as `set` */
		struct setting s;
		struct sblock *b;
		char *nb;

		rc = settings_parse_name(sim, name, true, &b, &s, &nb);
		if (rc == 0) {
			if (s.type < 0)
				s.type = TYPE_string;
			/* the clock is a machine fact too */
			if (s.def && s.def->id == SET_unixtime)
				b = settings_child(sim, sim->settings,
						   "builtin");
			rc = settings_storef(sim, b, &s, value);
		}
		free(nb);
	}
out:
	buf_fini(&raw);
	free(copy);
	return rc;
}
