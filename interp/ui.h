/*
 * ui.h - menus and forms (spec 9): the "dynamic user interfaces" that
 * menu/form/item build and choose/present show.
 */
#ifndef IPXE_UI_H
#define IPXE_UI_H

#include <stdbool.h>

struct sim;

struct ui_item {
	char *name;	/* NULL for a gap (separator/heading) */
	char *text;
	int key;	/* shortcut key code, 0 = none */
	bool is_default;
	bool secret;
};

struct ui {
	struct ui *next;
	char *name;	/* NULL: the unnamed (default) UI */
	char *title;
	struct ui_item *items;
	unsigned nitems;
};

void ui_free(struct ui *ui);
void ui_free_all(struct sim *sim);

#endif
