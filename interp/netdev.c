/*
 * netdev.c - the mocked network devices: opening, closing, and what a DHCP
 * configuration leaves behind (the netN.dhcp block, the working URI).
 */
#include "interp/netdev.h"

#include <stdlib.h>
#include <string.h>

#include "interp/settings.h"
#include "interp/sim.h"
#include "parser/util.h"

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

void
netdev_free_all(struct sim *sim)
{
	while (sim->netdevs) {
		struct netdev *nd = sim->netdevs;

		sim->netdevs = nd->next;
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

void
netdev_open(struct sim *sim, struct netdev *nd)
{
	nd->open = true;
	sim->last_opened = nd;
}

void
netdev_close(struct sim *sim, struct netdev *nd)
{
	(void)sim;
	nd->open = false;
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
	struct sblock *b;

	/* A new reply replaces proxyDHCP/PXE boot-server blocks too. */
	b = settings_register(sim, nd->block, "dhcp", SB_DHCP);
	b->netdev = nd;
	nd->dhcp = b;
	/* The options the oracle's reply carries, in the order iPXE's
	 * option space lists them (read off `show` of each tag). */
	put_opt(sim, b, 255, NULL, 0);
	put_opt(sim, b, 54, nd->server, 4);
	put_opt(sim, b, 53, &ack, 1);
	put_opt(sim, b, 51, lease, 4);
	put_opt(sim, b, 1, nd->netmask, 4);
	/* BOOTP header fields as settings (spec 6.9) */
	put_opt(sim, b, 0xaf02, nd->ip, 4);		/* yiaddr: ip */
	put_opt(sim, b, 0xaf03, nd->next_server, 4);	/* siaddr */
	if (nd->filename[0])
		put_opt(sim, b, 67, nd->filename, strlen(nd->filename));
}
