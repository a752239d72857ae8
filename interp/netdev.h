/*
 * netdev.h - the mocked network devices and what DHCP answers on them.
 * The default machine has one Intel e1000 (82540em at 0000:00:03.0, MAC
 * 52:54:00:12:34:56) on qemu user networking, exactly as the oracle's
 * --nic machine: DHCP gives 10.0.2.15/24, next-server and DHCP server
 * 10.0.2.2, no router, no DNS, no file name (values read off the real
 * iPXE, see docs/simulator.md).
 */
#ifndef IPXE_NETDEV_H
#define IPXE_NETDEV_H

#include <stdbool.h>
#include <stdint.h>

struct sim;
struct sblock;

/* One DHCP option of the reply (tag, bytes). */
struct dhcp_opt {
	uint32_t tag;
	uint8_t len;
	uint8_t data[32];
};

struct netdev {
	struct netdev *next;
	char name[16];		/* "net0" */
	uint8_t mac[6];		/* current link-layer address */
	uint8_t hwaddr[6];	/* burned-in address */
	const char *chip;	/* driver name */
	const char *bus_name;	/* "0000:00:03.0" */
	uint32_t busloc;	/* PCI segment:bus:devfn as a number */
	uint8_t busid[5];	/* bus type, vendor (2), device (2) */
	bool open;
	bool link_up;
	unsigned tx, rx, txe, rxe;
	struct sblock *block;	/* netN */
	struct sblock *dhcp;	/* netN.dhcp once configured */
	/* what a DHCP server answers on this link */
	bool dhcp_answers;
	uint8_t ip[4], netmask[4], server[4], next_server[4];
	char filename[128];	/* empty: none */
};

/* Adds the default e1000 as net0 (before settings_boot()). */
void netdev_add_default(struct sim *sim);
void netdev_free_all(struct sim *sim);
/* Device by name: "net0", or "netX" for the last opened one. */
struct netdev *netdev_find(struct sim *sim, const char *name);
/* Opens the device (and marks it the last opened, for netX). */
void netdev_open(struct sim *sim, struct netdev *nd);
void netdev_close(struct sim *sim, struct netdev *nd);
/* Registers netN.dhcp with the reply's options (spec 6.9). */
void netdev_dhcp_configure(struct sim *sim, struct netdev *nd);

#endif
