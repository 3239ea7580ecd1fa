/* SPDX-License-Identifier: GPL-2.0 */
/* The clock of parkerctl's waits. */
#ifndef PARKERCTL_CLOCK_H
#define PARKERCTL_CLOCK_H

#include <stdint.h>

/* Milliseconds of CLOCK_MONOTONIC. */
uint64_t now_ms(void);
/*
 * Sleep for ms milliseconds, or less when a signal comes.  Every wait of
 * parkerctl goes through here, so the unit tests can play the kernel's part
 * between two looks (ld --wrap).
 */
void sleep_ms(unsigned int ms);

#endif
