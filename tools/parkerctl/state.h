/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A partition's state as its state file names it.  The names and their
 * order are the kernel's own (<asm/parker.h>, PARKER_STATE_NAMES), never a
 * copy.
 */
#ifndef PARKERCTL_STATE_H
#define PARKERCTL_STATE_H

#include <asm/parker.h>

#define NR_PARTITION_STATES PARKER_STATE_COUNT
extern const char *const partition_states[NR_PARTITION_STATES];

/* Whether state (may be NULL: unreadable) is s. */
int state_is(const char *state, enum parker_state s);
/* Starting, running or unresponsive: its kernel may be running. */
int state_is_active(const char *state);
/* Stopped or crashed: its kernel was taken down, the image stays. */
int state_is_down(const char *state);

#endif
