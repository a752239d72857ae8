/*
 * netdev.h - the mocked network devices and the link they sit on.  The
 * default machine has one Intel e1000 (82540em at 0000:00:03.0, MAC
 * 52:54:00:12:34:56) on qemu user networking with restrict=on, exactly as
 * the oracle's --nic machine: DHCP gives 10.0.2.15/24, next-server and
 * DHCP server 10.0.2.2, no router, no DNS, no file name; 10.0.2.2 and
 * 10.0.2.3 answer ARP and ping, nobody answers DNS, NTP or a VLAN-tagged
 * frame (values read off the real iPXE, see docs/simulator.md).
 *
 * The link is modelled on the simulated clock: what upstream's timers send
 * while time passes (EAPoL-Start frames, ARP retransmissions, a neighbour
 * giving up) is caught up lazily by netdev_sync(), so counters, `nstat`
 * and `route` read exactly as the real ones at any later moment.
 */
#ifndef IPXE_NETDEV_H
#define IPXE_NETDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sim;
struct sblock;

/* One DHCP option of the reply (tag as spec 6.2 computes it, bytes). */
struct dhcp_opt {
	uint32_t tag;
	uint8_t *data;
	size_t len;
};

/* netdev_stats: good/bad counts and up to four distinct error kinds
 * (NETDEV_MAX_UNIQUE_ERRORS), as `ifstat` prints them. */
struct nd_stats {
	unsigned good, bad;
	struct {
		int rc;
		unsigned count;
	} errors[4];
};

/* One entry of the neighbour (ARP) cache. */
struct neighbour {
	struct neighbour *next;
	uint32_t ip;
	bool complete;		/* false: "incomplete", still asking */
	uint8_t mac[6];
	uint64_t created;	/* when discovery started (ticks) */
	unsigned requests;	/* ARP requests sent so far */
	unsigned queued;	/* packets waiting for the answer */
	uint64_t used;		/* recency: nstat lists newest first */
};

/* IPv4 statistics (`ipstat`): global in iPXE, kept with net0. */
struct ip_stats {
	unsigned long in_receives, in_bcast, in_octets, in_delivers;
	unsigned long out_requests, out_no_routes, out_transmits, out_bcast;
	unsigned long out_octets;
};

struct netdev {
	struct netdev *next;
	char name[16];		/* "net0", "net0-42" */
	uint8_t mac[6];		/* current link-layer address */
	uint8_t hwaddr[6];	/* burned-in address */
	const char *chip;	/* driver name */
	const char *bus_name;	/* "0000:00:03.0" */
	uint32_t busloc;	/* PCI segment:bus:devfn as a number */
	uint8_t busid[5];	/* bus type, vendor (2), device (2) */
	struct netdev *trunk;	/* VLAN devices: the trunk, else NULL */
	unsigned vlan_tag, vlan_prio;
	bool open;
	bool link_up;
	uint64_t open_seq;	/* order of opening: netX is the newest */
	uint64_t opened_at;	/* ticks when last opened */
	unsigned eapol_sent;	/* EAPoL-Start frames since then (max 3) */
	unsigned stale_rx;	/* replies still queued inside qemu */
	struct nd_stats tx, rx;
	uint32_t route_ip;	/* the address in the routing table */
	struct neighbour *neighbours;
	struct ip_stats ips;	/* net0 only */
	struct sblock *block;	/* netN */
	struct sblock *dhcp;	/* netN.dhcp once configured */
	/* what a DHCP server answers on this link */
	bool dhcp_answers;
	uint8_t ip[4], netmask[4], server[4], next_server[4];
	struct dhcp_opt *opts;	/* further options (profile), in order */
	size_t nopts;
};

/* ---------------------------------------------------------------- devices */

/* Adds the default e1000 as net0 (before settings_boot()). */
void netdev_add_default(struct sim *sim);
void netdev_free_all(struct sim *sim);
/* Device by name: "net0", "net0-42", or "netX" for the last opened one. */
struct netdev *netdev_find(struct sim *sim, const char *name);
/* "52:54:00:12:34:56" into buf (18 bytes). */
void netdev_ntoa(const uint8_t *mac, char *buf);
/* netdev_open(): opens (a VLAN opens its trunk and the trunk its VLANs);
 * the device becomes netX.  netdev_close() likewise. */
void netdev_open(struct sim *sim, struct netdev *nd);
void netdev_close(struct sim *sim, struct netdev *nd);
/*
 * vlan_create(): device trunk-tag (an existing one only gets the new
 * priority).  Returns 0 or rc (ENOTTY not a trunk, EINVAL bad tag or
 * priority, as vlan.c raises them).  vlan_destroy(): ENOTTY if nd is no
 * VLAN device.
 */
int netdev_vlan_create(struct sim *sim, struct netdev *trunk, unsigned tag,
		       unsigned prio);
int netdev_vlan_destroy(struct sim *sim, struct netdev *nd);

/* ---------------------------------------------------------------- time */

/* Catches the link up with the simulated clock (see the top). */
void netdev_sync(struct sim *sim);
/*
 * The IPv4 settings applicator (ipv4_apply_routes()): sends a gratuitous
 * ARP for each device whose address is new.  Cheap and idempotent; the
 * settings code should call it after every change (apply_settings()).
 */
void netdev_apply(struct sim *sim);
/* Records a frame sent / received (rc 0 = good, else a counted error). */
void netdev_tx(struct sim *sim, struct netdev *nd, int rc);
void netdev_rx(struct sim *sim, struct netdev *nd, int rc);

/* ---------------------------------------------------------------- IPv4 */

/* One entry of the routing table (ipv4_miniroute). */
struct route {
	struct netdev *nd;
	uint32_t address, network, netmask, gateway;
};

/*
 * The routing table as iPXE builds it from the settings of every device
 * (ip, netmask or the class default, gateway or static-routes), most
 * specific first.  Returns the number of entries; *out is malloc'd.
 */
size_t netdev_routes(struct sim *sim, struct route **out);
/*
 * ipv4_route(): the device an IPv4 packet to dst leaves on (open devices
 * only) and its next hop; NULL when there is no route.
 */
struct netdev *netdev_route(struct sim *sim, uint32_t dst, uint32_t *hop);
/*
 * Sends one IP packet of len bytes (IP header included) to dst: counts
 * it in the IP statistics, resolves the next hop through the neighbour
 * cache (ARP on the wire, on the simulated clock) and transmits.  Returns
 * true when dst is a host that exists on the link (10.0.2.2, .3) and the
 * packet reached it, so the caller can count the reply on *via (may be
 * NULL) with netdev_ip_rx().  A packet without a route is counted as
 * OutNoRoutes.
 */
bool netdev_ip_send(struct sim *sim, uint32_t dst, size_t len,
		    struct netdev **via);
void netdev_ip_rx(struct sim *sim, struct netdev *nd, size_t len,
		  bool bcast);
/* "a.b.c.d" for a host-order address into buf (16 bytes). */
void netdev_inet_ntoa(uint32_t ip, char *buf);
/* inet_aton(): four numbers, each strtoul(.., 0) <= 255; false if not. */
bool netdev_inet_aton(const char *text, uint32_t *ip);
/* The first IPv4 address of a setting fetched from b (0 if none). */
uint32_t netdev_fetch_ipv4(struct sim *sim, struct sblock *b,
			   uint32_t set_id);

/* ---------------------------------------------------------------- DHCP */

/*
 * ifconf on nd (already open, link up): runs DHCP on the simulated clock
 * with the given timeout in ticks (0 = none) and returns 0 (netN.dhcp
 * registered, routes applied) or the rc (the caller closes the device).
 */
int netdev_dhcp(struct sim *sim, struct netdev *nd, uint64_t timeout);
/* Registers netN.dhcp with the reply's options (spec 6.9). */
void netdev_dhcp_configure(struct sim *sim, struct netdev *nd);
/*
 * Adds or replaces an option of the reply DHCP gives on every physical
 * device (the machine profile's DHCP keys); len 0 removes it.  Tags
 * 0xaf02 (yiaddr = ip), 0xaf03 (siaddr = next-server), 1 (netmask) and 54
 * (server identifier) change the reply's fixed fields.
 */
void netdev_dhcp_option(struct sim *sim, uint32_t tag, const void *data,
			size_t len);
/* Sets the NIC's burned-in and current address (the profile's net0/mac). */
void netdev_set_mac(struct sim *sim, const uint8_t mac[6]);

#endif
