/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What parkerctl show makes of a partition's files, for its text
 * (cmd_show.c) and its JSON (partjson.c) alike: below both, calling
 * neither.
 */
#ifndef PARKERCTL_SHOWINFO_H
#define PARKERCTL_SHOWINFO_H

#include <stdint.h>

#include "image.h"
#include "partinfo.h"

/* What show knows of a partition's image. */
enum show_image {
	IMAGE_NO_FILE,		/* a kernel without image_size */
	IMAGE_UNREADABLE,	/* image_size cannot be read */
	IMAGE_NONE,		/* nothing loaded */
	IMAGE_UNKNOWN,		/* loaded; its record missing or stale */
	IMAGE_KNOWN,		/* loaded, and r says from where */
};

enum show_image show_image_of(const struct partinfo *p, uint64_t *size,
			      struct image_record *r);
/* The seconds since started_at: 0, or -1 when there is no such time. */
int show_since_secs(const struct partinfo *p, uint64_t *secs);
/*
 * The APIC ids of nr CPUs, split in place in ids into word[]: 0, or -1
 * when the kernel does not give that many.
 */
int show_apic_ids(char *ids, char **word, unsigned int nr);

#endif
