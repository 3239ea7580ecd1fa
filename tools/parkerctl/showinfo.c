// SPDX-License-Identifier: GPL-2.0
/*
 * What parkerctl show makes of a partition's files, for its text
 * (cmd_show.c) and its JSON (partjson.c) alike.
 */
#include <errno.h>
#include <string.h>

#include "host.h"
#include "showinfo.h"

int show_apic_ids(char *ids, char **word, unsigned int nr)
{
	unsigned int n = 0;
	char *save;

	for (char *w = strtok_r(ids, " \t\n", &save); w && n < nr;
	     w = strtok_r(NULL, " \t\n", &save))
		word[n++] = w;
	return n < nr ? -1 : 0;
}

int show_since_secs(const struct partinfo *p, uint64_t *secs)
{
	uint64_t then, now;

	if (!p->val[PF_STARTED_AT] ||
	    parse_seconds(p->val[PF_STARTED_AT], &then) || proc_uptime(&now))
		return -1;
	*secs = now > then ? now - then : 0;
	return 0;
}

enum show_image show_image_of(const struct partinfo *p, uint64_t *size,
			      struct image_record *r)
{
	if (!p->val[PF_IMAGE_SIZE])
		return p->err[PF_IMAGE_SIZE] == ENOENT ? IMAGE_NO_FILE :
							 IMAGE_UNREADABLE;
	if (partinfo_u64(p, PF_IMAGE_SIZE, size))
		return IMAGE_UNREADABLE;
	if (!*size)
		return IMAGE_NONE;
	if (image_record_match(p->name, *size, r))
		return IMAGE_UNKNOWN;
	return IMAGE_KNOWN;
}
