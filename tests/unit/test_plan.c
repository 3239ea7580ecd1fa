// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for the planner of parkerctl apply (cmocka): from the
 * file and the partitions as they are to the actions, as apply prints
 * them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "applyfile.h"
#include "plan.h"

#define SHA_K "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_I "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define SHA_X "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"

#define WEB \
	"[web]\n" \
	"cpus = 1-2\n" \
	"memory = 256M\n" \
	"devices = 00:09.0 00:03.0\n" \
	"kernel = /k\n" \
	"cmdline = quiet\n"

/* The record of /k as load writes it. */
static struct image_record rec;

/* web as apply of WEB leaves it, running. */
static struct plan_current web(void)
{
	struct plan_current c = {
		.name = "web",
		.state = "running",
		.cpus = "1-2",
		.has_memory = 1,
		.memory = 256ULL << 20,
		.devices = "0000:00:03.0\n0000:00:09.0",
		.on_crash = "stop",
		.on_reboot = "restart",
		.on_dma_fault = "log",
		.smt_split = "0",
		.has_image_size = 1,
		.image_size = 1000,
		.cmdline = "quiet",
		.record = &rec,
	};

	memset(&rec, 0, sizeof(rec));
	strcpy(rec.path, "/k");
	rec.size = 1000;
	strcpy(rec.sha256, SHA_K);
	return c;
}

/* Another partition, stopped, that the files do not name. */
static struct plan_current old(const char *state)
{
	struct plan_current c = {
		.name = "old", .state = state, .cpus = "5", .has_memory = 1,
		.memory = 1 << 20, .devices = "", .on_crash = "stop",
		.on_reboot = "restart", .on_dma_fault = "log", .smt_split = "0",
		.has_image_size = 1,
	};

	return c;
}

/* The lines apply prints for text and cur, one "\n" after each. */
static const char *plan(const char *text, const struct plan_current *cur,
			size_t nr, int prune, int dry_run)
{
	static char out[4096];
	struct apply_error err;
	struct apply_file f;
	struct plan p;
	size_t used = 0;

	if (applyfile_parse(text, strlen(text), &f, &err))
		fail_msg("line %u: %s", err.line, err.msg);
	for (size_t i = 0; i < f.nr; i++) {
		strcpy(f.parts[i].kernel_sha256, SHA_K);
		strcpy(f.parts[i].initrd_sha256, SHA_I);
	}
	plan_make(&f, cur, nr, prune, &p);
	out[0] = '\0';
	for (size_t i = 0; i < p.nr; i++) {
		char line[512];

		plan_format(&p.actions[i], "parts.conf", dry_run, line,
			    sizeof(line));
		used += (size_t)snprintf(out + used, sizeof(out) - used,
					 "%s\n", line);
		/* Every action is about a partition of the file or cur. */
		assert_true(applyfile_find(&f, p.actions[i].name) ||
			    p.actions[i].op == PLAN_KEEP ||
			    p.actions[i].op == PLAN_STOP ||
			    p.actions[i].op == PLAN_DESTROY);
	}
	plan_free(&p);
	applyfile_free(&f);
	return out;
}

#define MAKE_WEB "create web\nload web /k\nstart web\n"
#define REMAKE(why) \
	"stop web (" why ")\ndestroy web (" why ")\n" MAKE_WEB

static void missing(void **state)
{
	(void)state;
	assert_string_equal(plan(WEB, NULL, 0, 0, 0), MAKE_WEB);
	assert_string_equal(plan(WEB, NULL, 0, 0, 1),
			    "would create web\nwould load web /k\nwould start web\n");
	assert_string_equal(plan(WEB "start = no\n", NULL, 0, 0, 0),
			    "create web\nload web /k\n");
	assert_string_equal(plan("[db]\ncpus = 3\nmemory = 1G\nstart = no\n",
				 NULL, 0, 0, 0), "create db\n");
}

static void unchanged(void **state)
{
	struct plan_current c = web();

	(void)state;
	assert_string_equal(plan(WEB, &c, 1, 0, 0), "unchanged web\n");
	assert_string_equal(plan(WEB, &c, 1, 1, 1), "unchanged web\n");
	/* The kernel's lists in another order or form are the same. */
	c.cpus = "2,1";
	c.devices = "0000:00:09.0\n00:03.0\n";
	assert_string_equal(plan(WEB, &c, 1, 0, 0), "unchanged web\n");
	/* Starting and unresponsive count as running. */
	c.state = "starting";
	assert_string_equal(plan(WEB, &c, 1, 0, 0), "unchanged web\n");
	c.state = "unresponsive";
	assert_string_equal(plan(WEB, &c, 1, 0, 0), "unchanged web\n");
}

static void resources_changed(void **state)
{
	struct plan_current c;

	(void)state;
	c = web();
	c.cpus = "1-3";
	assert_string_equal(plan(WEB, &c, 1, 0, 0), REMAKE("cpus changed"));
	c.cpus = NULL;
	assert_string_equal(plan(WEB, &c, 1, 0, 0), REMAKE("cpus changed"));
	c = web();
	c.memory = 128ULL << 20;
	assert_string_equal(plan(WEB, &c, 1, 0, 0), REMAKE("memory changed"));
	c.has_memory = 0;
	assert_string_equal(plan(WEB, &c, 1, 0, 0), REMAKE("memory changed"));
	c = web();
	c.devices = "0000:00:03.0";
	assert_string_equal(plan(WEB, &c, 1, 0, 0), REMAKE("devices changed"));
	c.devices = "0000:00:03.0\n0000:00:09.0\n0000:00:0a.0";
	assert_string_equal(plan(WEB, &c, 1, 0, 0), REMAKE("devices changed"));
	c.devices = "junk";
	assert_string_equal(plan(WEB, &c, 1, 0, 0), REMAKE("devices changed"));
	c.devices = NULL;
	assert_string_equal(plan(WEB, &c, 1, 0, 0), REMAKE("devices changed"));
	c = web();
	c.state = NULL;
	assert_string_equal(plan(WEB, &c, 1, 0, 0),
			    "destroy web (cannot read its state)\n" MAKE_WEB);
	/* Not active: no stop first. */
	c = web();
	c.state = "crashed";
	c.cpus = "1";
	assert_string_equal(plan(WEB, &c, 1, 0, 0),
			    "destroy web (cpus changed)\n" MAKE_WEB);
}

static void image_changed(void **state)
{
	struct plan_current c;

	(void)state;
	c = web();
	c.record = NULL;
	assert_string_equal(plan(WEB, &c, 1, 0, 0),
			    REMAKE("the loaded image's file is unknown"));
	c = web();
	rec.size = 999;		/* stale: another image was loaded since */
	assert_string_equal(plan(WEB, &c, 1, 0, 0),
			    REMAKE("the loaded image's file is unknown"));
	c = web();
	strcpy(rec.sha256, SHA_X);	/* the file changed since */
	assert_string_equal(plan(WEB, &c, 1, 0, 0), REMAKE("kernel changed"));
	c = web();
	strcpy(rec.path, "/old/k");
	assert_string_equal(plan(WEB, &c, 1, 0, 0), REMAKE("kernel changed"));
	c = web();
	c.cmdline = "loud";
	assert_string_equal(plan(WEB, &c, 1, 0, 0), REMAKE("cmdline changed"));
	c.cmdline = NULL;
	assert_string_equal(plan(WEB, &c, 1, 0, 0), REMAKE("cmdline changed"));
	c = web();
	c.image_size = 0;
	c.state = "ready";
	assert_string_equal(plan(WEB, &c, 1, 0, 0),
			    "destroy web (no image loaded)\n" MAKE_WEB);
	c = web();
	c.has_image_size = 0;
	assert_string_equal(plan(WEB, &c, 1, 0, 0),
			    REMAKE("cannot read image_size"));
	/* The file wants no kernel, one is loaded. */
	c = web();
	c.state = "loaded";
	assert_string_equal(plan("[web]\ncpus = 1-2\nmemory = 256M\n"
				 "devices = 00:03.0 00:09.0\nstart = no\n",
				 &c, 1, 0, 0),
			    "destroy web (an image is loaded, the file has none)\ncreate web\n");
}

static void initrd_changed(void **state)
{
	struct plan_current c;

	(void)state;
	c = web();
	assert_string_equal(plan(WEB "initrd = /i\n", &c, 1, 0, 0),
			    REMAKE("initrd changed"));
	c = web();
	strcpy(rec.initrd, "/i");
	strcpy(rec.initrd_sha256, SHA_I);
	assert_string_equal(plan(WEB "initrd = /i\n", &c, 1, 0, 0),
			    "unchanged web\n");
	assert_string_equal(plan(WEB, &c, 1, 0, 0), REMAKE("initrd changed"));
	strcpy(rec.initrd_sha256, SHA_X);
	assert_string_equal(plan(WEB "initrd = /i\n", &c, 1, 0, 0),
			    REMAKE("initrd changed"));
	strcpy(rec.initrd_sha256, SHA_I);
	strcpy(rec.initrd, "/j");
	assert_string_equal(plan(WEB "initrd = /i\n", &c, 1, 0, 0),
			    REMAKE("initrd changed"));
}

static void policies_in_place(void **state)
{
	struct plan_current c = web();

	(void)state;
	assert_string_equal(plan(WEB "on-crash = restart\n", &c, 1, 0, 0),
			    "set web on-crash restart\n");
	assert_string_equal(plan(WEB "on-reboot = stop\nsmt-split = yes\n",
				 &c, 1, 0, 1),
			    "would set web on-reboot stop\nwould set web smt-split yes\n");
	assert_string_equal(plan(WEB "on-dma-fault = stop\n", &c, 1, 0, 0),
			    "set web on-dma-fault stop\n");
	c.smt_split = "1";
	assert_string_equal(plan(WEB, &c, 1, 0, 0), "set web smt-split no\n");
	c = web();
	c.on_crash = NULL;	/* cannot be read: written */
	assert_string_equal(plan(WEB, &c, 1, 0, 0), "set web on-crash stop\n");
	/* Policies and a start together. */
	c = web();
	c.state = "stopped";
	c.on_reboot = "stop";
	assert_string_equal(plan(WEB, &c, 1, 0, 0),
			    "set web on-reboot restart\nstart web\n");
}

static void running_state(void **state)
{
	static const char *const down[] = { "loaded", "stopped", "crashed" };
	struct plan_current c = web();

	(void)state;
	for (size_t i = 0; i < sizeof(down) / sizeof(down[0]); i++) {
		c.state = down[i];
		assert_string_equal(plan(WEB, &c, 1, 0, 0), "start web\n");
		assert_string_equal(plan(WEB "start = no\n", &c, 1, 0, 0),
				    "unchanged web\n");
	}
	c.state = "running";
	assert_string_equal(plan(WEB "start = no\n", &c, 1, 0, 0),
			    "stop web (start = no)\n");
	c.state = "unresponsive";
	assert_string_equal(plan(WEB "start = no\n", &c, 1, 0, 1),
			    "would stop web (start = no)\n");
}

static void not_in_file(void **state)
{
	struct plan_current cur[2];

	(void)state;
	cur[0] = old("running");
	cur[1] = web();
	assert_string_equal(plan(WEB, cur, 2, 0, 0),
			    "unchanged web\n"
			    "old: not in parts.conf (kept; --prune destroys)\n");
	assert_string_equal(plan(WEB, cur, 2, 1, 0),
			    "stop old (not in parts.conf)\n"
			    "destroy old (not in parts.conf)\n"
			    "unchanged web\n");
	cur[0] = old("stopped");
	assert_string_equal(plan(WEB, cur, 2, 1, 1),
			    "would destroy old (not in parts.conf)\n"
			    "unchanged web\n");
	/* An empty file with --prune takes everything down. */
	assert_string_equal(plan("# none\n", cur, 2, 1, 0),
			    "destroy old (not in parts.conf)\n"
			    "stop web (not in parts.conf)\n"
			    "destroy web (not in parts.conf)\n");
	assert_string_equal(plan("", cur, 2, 0, 0),
			    "old: not in parts.conf (kept; --prune destroys)\n"
			    "web: not in parts.conf (kept; --prune destroys)\n");
}

/* Destroys first, so that what they free can go to what is made. */
static void order(void **state)
{
	struct plan_current cur[2];

	(void)state;
	cur[0] = web();
	cur[0].cpus = "1";
	cur[1] = old("running");
	assert_string_equal(plan("[new]\ncpus = 5\nmemory = 1M\nkernel = /k\n"
				 WEB, cur, 2, 1, 0),
			    "stop old (not in parts.conf)\n"
			    "destroy old (not in parts.conf)\n"
			    "stop web (cpus changed)\n"
			    "destroy web (cpus changed)\n"
			    "create new\nload new /k\nstart new\n"
			    MAKE_WEB);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(missing),
		cmocka_unit_test(unchanged),
		cmocka_unit_test(resources_changed),
		cmocka_unit_test(image_changed),
		cmocka_unit_test(initrd_changed),
		cmocka_unit_test(policies_in_place),
		cmocka_unit_test(running_state),
		cmocka_unit_test(not_in_file),
		cmocka_unit_test(order),
	};

	return cmocka_run_group_tests_name("plan", tests, NULL, NULL);
}
