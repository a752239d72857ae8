/*
 * ui.c - menus and forms: the list of user interfaces (spec 9.1).
 */
#include "interp/ui.h"

#include <stdlib.h>

#include "interp/sim.h"

void
ui_free(struct ui *ui)
{
	for (unsigned i = 0; i < ui->nitems; i++) {
		free(ui->items[i].name);
		free(ui->items[i].text);
	}
	free(ui->items);
	free(ui->name);
	free(ui->title);
	free(ui);
}

void
ui_free_all(struct sim *sim)
{
	while (sim->uis) {
		struct ui *ui = sim->uis;

		sim->uis = ui->next;
		ui_free(ui);
	}
}
