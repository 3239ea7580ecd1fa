/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PARKERCTL_H
#define PARKERCTL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "alloc.h"
#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "listtable.h"

#ifndef PARKER_VERSION
#define PARKER_VERSION "unknown"
#endif


#endif
