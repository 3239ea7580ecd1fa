/* SPDX-License-Identifier: GPL-2.0 */
/* parkerctl show --json (show_json.c), for cmd_show.c. */
#ifndef PARKERCTL_SHOW_H
#define PARKERCTL_SHOW_H

#include "partinfo.h"

int show_json(const struct partinfo *p);

#endif
