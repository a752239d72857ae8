/*
 * netdev.c - the mocked network devices and their link (netdevice.c,
 * vlan.c, neighbour.c, ipv4.c's routes, dhcp.c's exchange): opening and
 * closing, VLANs, counters, the neighbour cache, the routing table, and
 * what a DHCP configuration leaves behind.  Timings are upstream's retry
 * timers in ticks (1024 a second, TICKS_PER_MS 1).
 */
#include "interp/explore.h"
#include "interp/netdev.h"

#include <stdlib.h>
#include <string.h>

#include "interp/settings.h"
#include "interp/sim.h"
#include "parser/util.h"
#include "stdlib/types.h"

#define SEC 1024u
/* EAPoL-Start: sent on open, every 2 s, three times (eapol.c). */
#define EAPOL_INTERVAL (2 * SEC)
#define EAPOL_COUNT 3u
/* qemu's e1000 only delivers frames about a second after the driver
 * opened it (its link autonegotiation); earlier replies wait in qemu.
 * Read off the oracle: a reply to a DHCPDISCOVER sent on open is not in
 * after 700 ms but is after `sleep 1`. */
#define RX_DELAY 1000u
/* ARP: retries after 1/8 s doubling, giving up past 3 s (neighbour.c;
 * the oracle's counters agree while a command polls the network, e.g.
 * `ping`; during `sleep` the real timers run about half as fast under
 * qemu's TCG, which is not modelled). */
static const uint16_t arp_sched[] = { 0, 128, 384, 896, 1920 };
#define ARP_GIVE_UP 3968u
/* DHCP (config/dhcp.h, retry.c): DISCOVER at 0, 1, 3, 7 s, failure at
 * 15 s; an offer is taken once 2 s have passed (waiting for ProxyDHCP),
 * i.e. at the 3 s retransmission, when the REQUEST goes out. */
static const uint16_t disc_sched[] = { 0, SEC, 3 * SEC, 7 * SEC };
#define DHCP_FAIL (15 * SEC)
#define DHCP_REQUEST (3 * SEC)
/* qemu's ACK is back a few ticks after the REQUEST */
#define DHCP_RTT 4u
/* IP sizes on the wire (IP header included), from the oracle's ipstat:
 * two DISCOVERs and a REQUEST are 1329 bytes (the REQUEST adds the two
 * 6-byte options server identifier and requested address), qemu's
 * replies 576 bytes each. */
#define DHCP_DISCOVER_LEN 439u
#define DHCP_REQUEST_LEN 451u
#define DHCP_REPLY_LEN 576u

/* The hosts of qemu's user network: its gateway and DNS addresses. */
static const uint32_t slirp_hosts[] = { 0x0a000202, 0x0a000203 };

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void
put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static bool
is_slirp_host(uint32_t ip)
{
	for (size_t i = 0; i < sizeof(slirp_hosts) / sizeof(slirp_hosts[0]);
	     i++)
		if (slirp_hosts[i] == ip)
			return true;
	return false;
}

/* The physical device frames of nd really leave on. */
static struct netdev *
phys(struct netdev *nd)
{
	return nd->trunk ? nd->trunk : nd;
}

/* ---------------------------------------------------------------- stats */

/* netdev_record_stat(): a bad frame goes to its error kind, or replaces
 * the least common one. */
static void
record(struct nd_stats *st, int rc)
{
	unsigned least = 0;

	if (!rc) {
		st->good++;
		return;
	}
	st->bad++;
	for (unsigned i = 0; i < 4; i++) {
		if (st->errors[i].rc == rc) {
			st->errors[i].count++;
			return;
		}
		if (st->errors[i].count < st->errors[least].count)
			least = i;
	}
	st->errors[least].rc = rc;
	st->errors[least].count = 1;
}

void
netdev_tx(struct sim *sim, struct netdev *nd, int rc)
{
	/* a closed device refuses to transmit (netdev_tx()) */
	if (!rc && !nd->open)
		rc = sim_err(sim, ERR_NETDEV_CLOSED);
	record(&nd->tx, rc);
}

void
netdev_rx(struct sim *sim, struct netdev *nd, int rc)
{
	(void)sim;
	/* netdev_rx() counts it good; a failure to process it is counted
	 * again as an error (netdev_rx_err()) */
	record(&nd->rx, 0);
	if (rc)
		record(&nd->rx, rc);
}

/* Without a device nothing can be counted, nor sent: a scratch copy. */
static struct ip_stats *
ipstats(struct sim *sim, struct ip_stats *scratch)
{
	if (!sim->netdevs) {
		memset(scratch, 0, sizeof(*scratch));
		return scratch;
	}
	return &sim->netdevs->ips;
}

/* ---------------------------------------------------------------- devices */

void
netdev_ntoa(const uint8_t *mac, char *buf)
{
	snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1],
		 mac[2], mac[3], mac[4], mac[5]);
}

void
netdev_add_default(struct sim *sim)
{
	static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
	/* bus type PCI (1), vendor 8086, device 100e: Intel 82540EM */
	static const uint8_t busid[5] = { 0x01, 0x80, 0x86, 0x10, 0x0e };
	struct netdev *nd = xcalloc(1, sizeof(*nd)), **tail;
	unsigned n = 0;

	for (tail = &sim->netdevs; *tail; tail = &(*tail)->next)
		n++;
	snprintf(nd->name, sizeof(nd->name), "net%u", n);
	memcpy(nd->mac, mac, 6);
	memcpy(nd->hwaddr, mac, 6);
	nd->mac[5] = nd->hwaddr[5] = (uint8_t)(mac[5] + n);
	nd->chip = "82540em";
	nd->bus_name = "0000:00:03.0";
	nd->busloc = 0x18;
	memcpy(nd->busid, busid, 5);
	nd->link_up = true;
	/* qemu user networking with restrict=on, as the oracle runs it */
	nd->dhcp_answers = !sim->cfg.dhcp_fails;
	memcpy(nd->ip, (uint8_t[]){ 10, 0, 2, 15 }, 4);
	memcpy(nd->netmask, (uint8_t[]){ 255, 255, 255, 0 }, 4);
	memcpy(nd->server, (uint8_t[]){ 10, 0, 2, 2 }, 4);
	memcpy(nd->next_server, (uint8_t[]){ 10, 0, 2, 2 }, 4);
	*tail = nd;
}

static void
free_neighbours(struct netdev *nd)
{
	while (nd->neighbours) {
		struct neighbour *n = nd->neighbours;

		nd->neighbours = n->next;
		free(n);
	}
}

static void
free_opts(struct netdev *nd)
{
	for (size_t i = 0; i < nd->nopts; i++)
		free(nd->opts[i].data);
	free(nd->opts);
	nd->opts = NULL;
	nd->nopts = 0;
}

void
netdev_free_all(struct sim *sim)
{
	while (sim->netdevs) {
		struct netdev *nd = sim->netdevs;

		sim->netdevs = nd->next;
		free_neighbours(nd);
		free_opts(nd);
		free(nd);
	}
	sim->last_opened = NULL;
}

struct netdev *
netdev_find(struct sim *sim, const char *name)
{
	if (strcmp(name, "netX") == 0)
		return sim->last_opened;
	for (struct netdev *nd = sim->netdevs; nd; nd = nd->next)
		if (strcmp(nd->name, name) == 0)
			return nd;
	return NULL;
}

/* last_opened_netdev(): the head of the open list, i.e. the open device
 * opened most recently. */
static void
update_netx(struct sim *sim)
{
	sim->last_opened = NULL;
	for (struct netdev *nd = sim->netdevs; nd; nd = nd->next)
		if (nd->open && (!sim->last_opened ||
				 nd->open_seq > sim->last_opened->open_seq))
			sim->last_opened = nd;
}

static uint64_t
next_seq(struct sim *sim)
{
	uint64_t seq = 0;

	for (struct netdev *nd = sim->netdevs; nd; nd = nd->next)
		if (nd->open_seq > seq)
			seq = nd->open_seq;
	return seq + 1;
}

/* netdev_open() with vlan_open() and vlan_notify(): the device is marked
 * open first, then opened, and only then joins the head of the open list
 * (netX).  Opening a trunk reports its link, which opens its VLANs
 * before the trunk joins the list; opening a VLAN opens its trunk. */
static void
do_open(struct sim *sim, struct netdev *nd)
{
	if (nd->open)
		return;
	nd->open = true;
	if (nd->trunk) {
		do_open(sim, nd->trunk);
	} else {
		nd->opened_at = sim->ticks;
		nd->eapol_sent = 0;
		for (struct netdev *v = sim->netdevs; v; v = v->next)
			if (v->trunk == nd)
				do_open(sim, v);
	}
	nd->open_seq = next_seq(sim);
}

void
netdev_open(struct sim *sim, struct netdev *nd)
{
	netdev_sync(sim);
	do_open(sim, nd);
	update_netx(sim);
}

static void
drop_queued(struct sim *sim, struct netdev *nd, unsigned n, enum err_id why)
{
	while (n--)
		netdev_tx(sim, phys(nd), sim_err(sim, why));
}

/* neighbour_flush(): closing any device empties the whole cache. */
static void
flush_neighbours(struct sim *sim)
{
	for (struct netdev *d = sim->netdevs; d; d = d->next) {
		for (struct neighbour *n = d->neighbours; n; n = n->next)
			if (!n->complete)
				drop_queued(sim, d, n->queued,
					    ERR_NEIGHBOUR_FLUSHED);
		free_neighbours(d);
	}
}

static void
do_close(struct sim *sim, struct netdev *nd)
{
	if (!nd->open)
		return;
	nd->open = false;
	/* the drivers' notify: VLANs follow their trunk, the cache goes */
	if (!nd->trunk)
		for (struct netdev *v = sim->netdevs; v; v = v->next)
			if (v->trunk == nd)
				do_close(sim, v);
	flush_neighbours(sim);
	/* vlan_close() closes the trunk */
	if (nd->trunk)
		do_close(sim, nd->trunk);
}

void
netdev_close(struct sim *sim, struct netdev *nd)
{
	netdev_sync(sim);
	do_close(sim, nd);
	update_netx(sim);
}

int
netdev_vlan_create(struct sim *sim, struct netdev *trunk, unsigned tag,
		   unsigned prio)
{
	struct netdev *nd, **tail;

	for (nd = sim->netdevs; nd; nd = nd->next)
		if (nd->trunk == trunk && nd->vlan_tag == tag) {
			nd->vlan_prio = prio;
			return 0;
		}
	if (trunk->trunk)
		return sim_err(sim, ERR_VLAN_NOT_TRUNK);
	if (tag >= 0xfff || prio > 7)
		return sim_err(sim, ERR_VLAN_BAD_TAG);
	nd = xcalloc(1, sizeof(*nd));
	{
		/* snprintf() into the 16-byte name: truncated as iPXE does */
		char full[32];

		snprintf(full, sizeof(full), "%s-%u", trunk->name, tag);
		memcpy(nd->name, full, sizeof(nd->name) - 1);
	}
	memcpy(nd->mac, trunk->mac, 6);
	memcpy(nd->hwaddr, trunk->mac, 6);
	nd->chip = trunk->chip;
	nd->bus_name = trunk->bus_name;
	nd->busloc = trunk->busloc;
	memcpy(nd->busid, trunk->busid, 5);
	nd->trunk = trunk;
	nd->vlan_tag = tag;
	nd->vlan_prio = prio;
	nd->link_up = trunk->link_up;
	/* qemu's DHCP server ignores tagged frames */
	nd->dhcp_answers = false;
	for (tail = &sim->netdevs; *tail; tail = &(*tail)->next)
		;
	*tail = nd;
	nd->block = settings_register(sim, sim->settings, nd->name,
				      SB_NETDEV);
	nd->block->netdev = nd;
	/* vlan_sync(): an open trunk opens the new device */
	if (trunk->open) {
		nd->open = true;
		nd->open_seq = next_seq(sim);
		update_netx(sim);
	}
	return 0;
}

int
netdev_vlan_destroy(struct sim *sim, struct netdev *nd)
{
	struct netdev **pp;

	if (!nd->trunk)
		return sim_err(sim, ERR_VLAN_NOT_VLAN);
	/* unregister_netdev() closes it, which closes the trunk */
	netdev_close(sim, nd);
	for (pp = &sim->netdevs; *pp != nd; pp = &(*pp)->next)
		;
	*pp = nd->next;
	if (nd->block)
		settings_unregister(sim, nd->block);
	free_neighbours(nd);
	free_opts(nd);
	free(nd);
	update_netx(sim);
	netdev_apply(sim);
	return 0;
}

/* ---------------------------------------------------------------- time */

static void
sync_neighbours(struct sim *sim, struct netdev *nd)
{
	struct neighbour **pp = &nd->neighbours;

	while (*pp) {
		struct neighbour *n = *pp;

		if (n->complete) {
			pp = &n->next;
			continue;
		}
		while (n->requests < sizeof(arp_sched) / sizeof(arp_sched[0]) &&
		       n->created + arp_sched[n->requests] < sim->ticks) {
			netdev_tx(sim, phys(nd), 0);
			n->requests++;
		}
		if (n->created + ARP_GIVE_UP < sim->ticks) {
			/* neighbour_destroy(): its packets are dropped */
			drop_queued(sim, nd, n->queued, ERR_NEIGHBOUR_TIMEOUT);
			*pp = n->next;
			free(n);
			continue;
		}
		pp = &n->next;
	}
}

void
netdev_sync(struct sim *sim)
{
	for (struct netdev *nd = sim->netdevs; nd; nd = nd->next) {
		if (nd->open && !nd->trunk) {
			while (nd->eapol_sent < EAPOL_COUNT &&
			       nd->opened_at + (uint64_t)nd->eapol_sent *
						       EAPOL_INTERVAL <
				       sim->ticks) {
				netdev_tx(sim, nd, 0);
				nd->eapol_sent++;
			}
			/* a late reply nobody waits for any more: UDP finds
			 * no socket for it */
			for (; nd->stale_rx &&
			       nd->opened_at + RX_DELAY < sim->ticks;
			     nd->stale_rx--)
				netdev_rx(sim, nd,
					  sim_err(sim, ERR_UDP_NO_SOCKET));
		}
		sync_neighbours(sim, nd);
	}
	netdev_apply(sim);
}

uint32_t
netdev_fetch_ipv4(struct sim *sim, struct sblock *b, uint32_t set_id)
{
	struct setting s = settings_predefined((enum set_id)set_id);
	struct buf raw;
	uint32_t v = 0;

	buf_init(&raw);
	if (b && settings_fetch(sim, b, &s, NULL, NULL, &raw) >= 4)
		v = be32((const uint8_t *)raw.data);
	buf_fini(&raw);
	return v;
}

void
netdev_apply(struct sim *sim)
{
	/* ipv4_gratuitous_arp() for every address not yet routed, then the
	 * routes are rebuilt (here: remembered as route_ip) */
	for (struct netdev *nd = sim->netdevs; nd; nd = nd->next) {
		uint32_t ip = netdev_fetch_ipv4(sim, nd->block, SET_ip);

		/* sent through the device (a VLAN's frames are counted on
		 * its trunk); a closed device counts a failed frame */
		if (ip && ip != nd->route_ip)
			netdev_tx(sim, nd->open ? phys(nd) : nd, 0);
		nd->route_ip = ip;
	}
}

/* ---------------------------------------------------------------- IPv4 */

void
netdev_inet_ntoa(uint32_t ip, char *buf)
{
	snprintf(buf, 16, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 0xff,
		 (ip >> 8) & 0xff, ip & 0xff);
}

bool
netdev_inet_aton(const char *text, uint32_t *ip)
{
	uint32_t v = 0;
	const char *p = text;

	for (int i = 0; i < 4; i++) {
		char *end;
		unsigned long n = strtoul(p, &end, 0);

		if (end == p || n > 0xff || *p == '-' || *p == '+' ||
		    (*p && is_ipxe_space((unsigned char)*p)))
			return false;
		v = v << 8 | (uint32_t)n;
		if (i < 3 && *end != '.')
			return false;
		if (i == 3 && *end)
			return false;
		p = end + 1;
	}
	*ip = v;
	return true;
}

/* ipv4_add_miniroute(): ahead of the first less specific route. */
static void
add_route(struct route **v, size_t *n, const struct route *r)
{
	size_t at;

	for (at = 0; at < *n; at++)
		if (r->netmask & ~(*v)[at].netmask)
			break;
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	memmove(*v + at + 1, *v + at, (*n - at) * sizeof(**v));
	(*v)[at] = *r;
	(*n)++;
}

/* ipv4_add_static(): RFC 3442 classless routes; an invalid list is
 * dropped from the point where it goes wrong. */
static void
add_static(struct route **v, size_t *n, struct netdev *nd, uint32_t ip,
	   const uint8_t *p, size_t len)
{
	while (len) {
		unsigned width = *p++, masklen = (width + 7) / 8;
		struct route r = { .nd = nd, .address = ip };
		uint8_t net[4] = { 0 };

		len--;
		if (masklen + 4 > len || width > 32)
			return;
		r.netmask = width ? (uint32_t)(0xffffffffull << (32 - width))
				  : 0;
		memcpy(net, p, masklen);
		r.network = be32(net) & r.netmask;
		p += masklen;
		r.gateway = be32(p);
		p += 4;
		len -= masklen + 4;
		add_route(v, n, &r);
	}
}

size_t
netdev_routes(struct sim *sim, struct route **out)
{
	struct setting sr = settings_predefined(SET_static_routes);
	struct route *v = NULL;
	size_t n = 0;

	for (struct netdev *nd = sim->netdevs; nd; nd = nd->next) {
		struct route r = { .nd = nd };
		struct buf raw;
		int len;

		r.address = netdev_fetch_ipv4(sim, nd->block, SET_ip);
		if (!r.address)
			continue;
		r.netmask = netdev_fetch_ipv4(sim, nd->block, SET_netmask);
		if (!r.netmask) {
			/* the class of the address */
			if (!(r.address & 0x80000000u))
				r.netmask = 0xff000000u;
			else if (!(r.address & 0x40000000u))
				r.netmask = 0xffff0000u;
			else if (!(r.address & 0x20000000u))
				r.netmask = 0xffffff00u;
		}
		r.network = r.address & r.netmask;
		add_route(&v, &n, &r);
		buf_init(&raw);
		len = settings_fetch(sim, nd->block, &sr, NULL, NULL, &raw);
		if (len >= 0) {
			add_static(&v, &n, nd, r.address,
				   (const uint8_t *)raw.data, (size_t)len);
		} else {
			uint32_t gw = netdev_fetch_ipv4(sim, nd->block,
							SET_gateway);

			if (gw) {
				struct route d = { .nd = nd,
						   .address = r.address,
						   .gateway = gw };
				add_route(&v, &n, &d);
			}
		}
		buf_fini(&raw);
	}
	*out = v;
	return n;
}

struct netdev *
netdev_route(struct sim *sim, uint32_t dst, uint32_t *hop)
{
	struct route *v;
	struct netdev *nd = NULL;
	size_t n = netdev_routes(sim, &v);

	for (size_t i = 0; i < n; i++) {
		if (!v[i].nd->open)
			continue;
		if (((dst ^ v[i].network) & v[i].netmask) == 0) {
			nd = v[i].nd;
			*hop = v[i].gateway ? v[i].gateway : dst;
			break;
		}
	}
	free(v);
	return nd;
}

static uint64_t
newest_use(struct sim *sim)
{
	uint64_t u = 0;

	for (struct netdev *d = sim->netdevs; d; d = d->next)
		for (struct neighbour *n = d->neighbours; n; n = n->next)
			if (n->used > u)
				u = n->used;
	return u;
}

/* neighbour_tx(): through the cache, discovering the hop if need be.
 * Returns whether the frame reached an existing host. */
static bool
neighbour_tx(struct sim *sim, struct netdev *nd, uint32_t hop)
{
	struct neighbour *n;
	/* only untagged frames reach qemu's hosts */
	bool exists = is_slirp_host(hop) && !nd->trunk;

	for (n = nd->neighbours; n; n = n->next)
		if (n->ip == hop)
			break;
	if (!n) {
		n = xcalloc(1, sizeof(*n));
		n->ip = hop;
		n->created = sim->ticks;
		n->next = nd->neighbours;
		nd->neighbours = n;
		/* the first ARP request goes out at once */
		netdev_tx(sim, phys(nd), 0);
		n->requests = 1;
		if (exists) {
			/* qemu answers at once: 52:55:<its IPv4 address> */
			netdev_rx(sim, phys(nd), 0);
			n->complete = true;
			n->mac[0] = 0x52;
			n->mac[1] = 0x55;
			put_be32(n->mac + 2, hop);
		}
	}
	n->used = newest_use(sim) + 1;
	if (!n->complete) {
		n->queued++;
		return false;
	}
	netdev_tx(sim, phys(nd), 0);
	return exists;
}

bool
netdev_ip_send(struct sim *sim, uint32_t dst, size_t len,
	       struct netdev **via)
{
	struct ip_stats scratch, *st = ipstats(sim, &scratch);
	struct netdev *nd;
	uint32_t hop = 0;

	netdev_sync(sim);
	st->out_requests++;
	nd = netdev_route(sim, dst, &hop);
	if (!nd) {
		st->out_no_routes++;
		return false;
	}
	st->out_transmits++;
	st->out_octets += len;
	if (via)
		*via = nd;
	/* qemu's hosts answer for themselves only (restrict=on: nothing is
	 * forwarded) */
	return neighbour_tx(sim, nd, hop) && hop == dst;
}

void
netdev_ip_rx(struct sim *sim, struct netdev *nd, size_t len, bool bcast)
{
	struct ip_stats scratch, *st = ipstats(sim, &scratch);

	netdev_rx(sim, phys(nd), 0);
	st->in_receives++;
	st->in_delivers++;
	st->in_octets += len;
	if (bcast)
		st->in_bcast++;
}

/* ---------------------------------------------------------------- DHCP */

/* A broadcast DHCP packet from nd (it carries its device, no route). */
static void
dhcp_tx(struct sim *sim, struct netdev *nd, size_t len)
{
	struct ip_stats scratch, *st = ipstats(sim, &scratch);

	st->out_requests++;
	st->out_transmits++;
	st->out_bcast++;
	st->out_octets += len;
	netdev_tx(sim, phys(nd), 0);
}

int
netdev_dhcp(struct sim *sim, struct netdev *nd, uint64_t timeout)
{
	struct netdev *p = phys(nd);
	uint64_t start, end, rx_ready;
	bool ok = nd->dhcp_answers;
	int rc = 0;

	if (ok && sim->hooks)
		ok = explore_dhcp(sim, nd);

	netdev_sync(sim);
	start = sim->ticks;
	rx_ready = p->opened_at + RX_DELAY;
	if (rx_ready < start)
		rx_ready = start;
	end = ok ? start + DHCP_REQUEST + DHCP_RTT : start + DHCP_FAIL;
	if (timeout && start + timeout < end) {
		end = start + timeout;
		ok = false;
		rc = sim_err(sim, ERR_JOB_TIMEOUT);
	} else if (!ok) {
		rc = sim_err(sim, ERR_IFCONF_FAILED);
	}
	/* replies from an earlier session arrive now, with the wrong
	 * transaction ID */
	if (p->stale_rx && rx_ready < end) {
		for (; p->stale_rx; p->stale_rx--)
			netdev_rx(sim, p, sim_err(sim, ERR_DHCP_BAD_PACKET));
	}
	for (size_t i = 0; i < sizeof(disc_sched) / sizeof(disc_sched[0]);
	     i++) {
		uint64_t t = start + disc_sched[i], arrive;

		/* at 3 s the REQUEST goes out instead */
		if (t >= end ||
		    (nd->dhcp_answers && disc_sched[i] >= DHCP_REQUEST))
			break;
		dhcp_tx(sim, nd, DHCP_DISCOVER_LEN);
		if (!nd->dhcp_answers)
			continue;
		arrive = t + 1 > rx_ready ? t + 1 : rx_ready;
		if (arrive < end)
			netdev_ip_rx(sim, nd, DHCP_REPLY_LEN, true);
		else
			p->stale_rx++;
	}
	if (ok) {
		dhcp_tx(sim, nd, DHCP_REQUEST_LEN);
		netdev_ip_rx(sim, nd, DHCP_REPLY_LEN, true);
	}
	sim->ticks = end;
	netdev_sync(sim);
	if (ok)
		netdev_dhcp_configure(sim, nd);
	return rc;
}

/* Stores one option of the reply in the DHCP block. */
static void
put_opt(struct sim *sim, struct sblock *b, uint32_t tag, const void *data,
	size_t len)
{
	struct setting s = {
		.name = "", .tag = tag, .scope = SCOPE_DHCP, .type = -1,
	};

	for (unsigned i = 0; i < SET_COUNT; i++)
		if (set_table[i].tag == tag &&
		    set_table[i].scope == SCOPE_DHCP) {
			s = settings_predefined((enum set_id)i);
			break;
		}
	if (len)
		settings_store(sim, b, &s, data, len);
	else {
		/* the END option is present with no data: stored directly,
		 * since a store of nothing deletes */
		struct gsetting *g = xcalloc(1, sizeof(*g));

		g->name = xstrdup(s.name);
		g->tag = tag;
		g->scope = SCOPE_DHCP;
		g->type = -1;
		g->data = xmalloc(1);
		g->next = b->values;
		b->values = g;
	}
}

void
netdev_dhcp_configure(struct sim *sim, struct netdev *nd)
{
	static const uint8_t lease[4] = { 0x00, 0x01, 0x51, 0x80 };
	static const uint8_t ack = 5;
	struct sblock *b, *old = settings_child(sim, nd->block, "dhcp");

	/* register_settings() of the new reply first drops the old one,
	 * and the routes follow each step (a second gratuitous ARP) */
	if (old && old != nd->block) {
		settings_unregister(sim, old);
		nd->dhcp = NULL;
		netdev_apply(sim);
	}
	b = settings_register(sim, nd->block, "dhcp", SB_DHCP);
	b->netdev = nd;
	nd->dhcp = b;
	/* The options the oracle's reply carries, in the order iPXE's
	 * option space lists them (read off `show` of each tag); the
	 * profile's options come after them in the packet. */
	for (size_t i = nd->nopts; i-- > 0;)
		put_opt(sim, b, nd->opts[i].tag, nd->opts[i].data,
			nd->opts[i].len);
	put_opt(sim, b, 255, NULL, 0);
	put_opt(sim, b, 54, nd->server, 4);
	put_opt(sim, b, 53, &ack, 1);
	put_opt(sim, b, 51, lease, 4);
	put_opt(sim, b, 1, nd->netmask, 4);
	/* BOOTP header fields as settings (spec 6.9): an empty field is
	 * absent */
	if (be32(nd->ip))
		put_opt(sim, b, 0xaf02, nd->ip, 4);
	if (be32(nd->next_server))
		put_opt(sim, b, 0xaf03, nd->next_server, 4);
	netdev_apply(sim);
}

static void
set_opt(struct netdev *nd, uint32_t tag, const void *data, size_t len)
{
	size_t i;

	for (i = 0; i < nd->nopts && nd->opts[i].tag != tag; i++)
		;
	if (i == nd->nopts) {
		if (!len)
			return;
		nd->opts = xrealloc(nd->opts, (nd->nopts + 1) *
				    sizeof(*nd->opts));
		nd->nopts++;
		nd->opts[i].data = NULL;
	}
	free(nd->opts[i].data);
	if (!len) {
		memmove(nd->opts + i, nd->opts + i + 1,
			(nd->nopts - i - 1) * sizeof(*nd->opts));
		nd->nopts--;
		return;
	}
	nd->opts[i].tag = tag;
	nd->opts[i].data = xmalloc(len);
	memcpy(nd->opts[i].data, data, len);
	nd->opts[i].len = len;
}

void
netdev_dhcp_option(struct sim *sim, uint32_t tag, const void *data,
		   size_t len)
{
	uint8_t field[4] = { 0 };

	if (len >= 4)
		memcpy(field, data, 4);
	for (struct netdev *nd = sim->netdevs; nd; nd = nd->next) {
		if (nd->trunk)
			continue;
		switch (tag) {
		case 0xaf02:
			memcpy(nd->ip, field, 4);
			break;
		case 0xaf03:
			memcpy(nd->next_server, field, 4);
			break;
		case 1:
			memcpy(nd->netmask, field, 4);
			break;
		case 54:
			memcpy(nd->server, field, 4);
			break;
		default:
			set_opt(nd, tag, data, len);
			break;
		}
	}
}

void
netdev_set_mac(struct sim *sim, const uint8_t mac[6])
{
	for (struct netdev *nd = sim->netdevs; nd; nd = nd->next) {
		if (nd->trunk)
			continue;
		memcpy(nd->mac, mac, 6);
		memcpy(nd->hwaddr, mac, 6);
		return;
	}
}
