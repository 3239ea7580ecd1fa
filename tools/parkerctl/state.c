// SPDX-License-Identifier: GPL-2.0
/*
 * A partition's state, named as the kernel names it.
 */
#include <string.h>

#include "state.h"

const char *const partition_states[NR_PARTITION_STATES] = PARKER_STATE_NAMES;

int state_is(const char *state, enum parker_state s)
{
	return state && !strcmp(state, partition_states[s]);
}

int state_is_active(const char *state)
{
	return state_is(state, PARKER_STATE_STARTING) ||
	       state_is(state, PARKER_STATE_RUNNING) ||
	       state_is(state, PARKER_STATE_UNRESPONSIVE);
}

int state_is_down(const char *state)
{
	return state_is(state, PARKER_STATE_STOPPED) ||
	       state_is(state, PARKER_STATE_CRASHED);
}
