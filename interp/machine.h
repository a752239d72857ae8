/*
 * machine.h - the mocked machine apart from its network: the CPU's
 * feature bits, the PCI devices and their configuration space, the SMBIOS
 * tables, and the machine profile (ipxesim --set / --profile) that
 * changes these facts before a script runs.  The default is the oracle's
 * qemu 7.2 i440fx machine (SeaBIOS 1.16.2, qemu64 CPU under TCG, 256 MiB),
 * read off the real iPXE; docs/simulator.md lists every value.
 */
#ifndef IPXE_MACHINE_H
#define IPXE_MACHINE_H

#include <stdbool.h>
#include <stdint.h>

struct buf;
struct sblock;
struct setting;
struct sim;

/* The feature registers `cpuid` tests: leaf 1 and leaf 0x80000001. */
struct cpu_features {
	uint32_t intel_ecx, intel_edx;
	uint32_t amd_ecx, amd_edx;
};

void machine_cpuid(const struct sim *sim, struct cpu_features *f);

/*
 * pci_find_next(): the first PCI device at or after *busdevfn (which is
 * updated); false when there is none.
 */
bool machine_pci_next(struct sim *sim, uint32_t *busdevfn);

/*
 * The fetch of the `pci` and `smbios` blocks for setting s (its tag
 * addresses the data, spec 6.8): appends the bytes to data and returns
 * their length, or -1 when there is nothing (the lookup goes on).  Sets
 * s->type to the block's default type when it has none.
 */
int machine_pci_fetch(struct sim *sim, struct setting *s, struct buf *data);
int machine_smbios_fetch(struct sim *sim, struct sblock *b,
			 struct setting *s, struct buf *data);
/*
 * The profile's override of a built-in (platform, buildarch, version) in
 * the builtin block b, as for machine_smbios_fetch(); -1 when none.
 */
int machine_builtin_fetch(struct sim *sim, struct sblock *b,
			  struct setting *s, struct buf *data);

/* ---------------------------------------------------------------- params */

/* A request parameter list (src/core/params.c), kept in sim->params. */
struct param {
	struct param *next;
	char *key, *value;
	bool header;		/* an HTTP header, not a form field */
};

struct param_list {
	struct param_list *next;
	char *name;		/* NULL: the default (unnamed) list */
	char *method;		/* NULL: the default method */
	struct param *params;	/* in order */
};

/* find_parameters(): the list of that name (NULL: the default one). */
struct param_list *machine_params_find(struct sim *sim, const char *name);
/* create_parameters(): a new empty list replacing one of the same name. */
struct param_list *machine_params_create(struct sim *sim, const char *name);
void machine_params_delete(struct sim *sim, struct param_list *l);
/* Frees every list; safe to call twice. */
void machine_params_free_all(struct sim *sim);

/*
 * One profile assignment, NAME[:TYPE]=VALUE (see docs/simulator.md):
 * machine facts (builtin, SMBIOS, the NIC's address, DHCP answers) change
 * the machine, anything else is stored as `set` would store it.  Returns
 * 0 or the iPXE rc of the failure (bad value, bad name).
 */
int machine_set(struct sim *sim, const char *name, const char *value);

#endif
