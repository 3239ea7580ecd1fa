/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fake Parker file system of the unit tests (fakefs.c).  Include after
 * <cmocka.h>.
 */
#ifndef PARKERCTL_TEST_FAKEFS_H
#define PARKERCTL_TEST_FAKEFS_H

#include <sys/types.h>

#include "capture.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* A test with a fresh tree: info/ with a 1G pool of which 768M is free. */
#define TEST(fn) \
	cmocka_unit_test_setup_teardown(fn, fake_setup, fake_teardown)

int __real_mkdir(const char *path, mode_t mode);
int __real_rmdir(const char *path);

/* The tree's root, PARKER_FS. */
extern char root[64];
/*
 * A directory of its own for the image records: PARKER_RUN is its
 * "parker", which parkerctl makes when it records one.
 */
extern char run_root[64];
/* A partition file __wrap_mkdir() makes a directory, so writing it fails. */
extern const char *broken_file;

int fake_setup(void **state);
int fake_teardown(void **state);

/* ROOT/REL, in a static buffer. */
const char *at(const char *rel);
/* RUN_ROOT/REL, in a static buffer. */
const char *run_at(const char *rel);
/* Write text to ROOT/DIR/FILE. */
void put(const char *dir, const char *file, const char *text);
/* ROOT/DIR/FILE as it is, in a static buffer. */
char *get(const char *dir, const char *file);
int exists(const char *dir);
/* Remove ROOT/NAME and all in it, as a destroy by someone else would. */
void vanish(const char *name);
/*
 * A partition as the kernel shows it, with the files of its life as a new
 * one has them (on_crash stop, on_reboot restart, no crash, no console,
 * heartbeat_age_ms and started_at "-"); id NULL leaves its file out.
 */
void partition(const char *name, const char *id, const char *st,
	       const char *cpus, const char *memory, const char *devices);

#endif
