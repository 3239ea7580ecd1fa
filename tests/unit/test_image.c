// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for the record of a loaded image (cmocka): its text
 * both ways, what is not a record, and where it lives (PARKER_RUN).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "image.h"

#define SHA_K "5d41402abc4b2a76b9719d911017c5925d41402abc4b2a76b9719d911017c592"
#define SHA_I "9e107d9d372bb6826bd81d3542a419d69e107d9d372bb6826bd81d3542a419d6"

static int parse(const char *text, struct image_record *r)
{
	return image_record_parse(text, strlen(text), r);
}

static void round_trip(void **state)
{
	struct image_record r = { .path = "/parker/bzImage", .size = 10485760 };
	struct image_record back;
	char text[1024];
	int ret;

	(void)state;
	strcpy(r.sha256, SHA_K);
	ret = image_record_format(&r, text, sizeof(text));
	assert_int_equal(ret, (int)strlen(text));
	assert_string_equal(text, "path=/parker/bzImage\nsize=10485760\n"
			    "sha256=" SHA_K "\n");
	assert_int_equal(parse(text, &back), 0);
	assert_memory_equal(&r, &back, sizeof(r));
	strcpy(r.initrd, "/parker/app.cpio.gz");
	strcpy(r.initrd_sha256, SHA_I);
	image_record_format(&r, text, sizeof(text));
	assert_string_equal(text, "path=/parker/bzImage\nsize=10485760\n"
			    "sha256=" SHA_K "\ninitrd=/parker/app.cpio.gz\n"
			    "initrd_sha256=" SHA_I "\n");
	assert_int_equal(parse(text, &back), 0);
	assert_memory_equal(&r, &back, sizeof(r));
	/* Too small a buffer, and paths no line can hold. */
	assert_int_equal(image_record_format(&r, text, 40), -1);
	strcpy(r.path, "/a\nb");
	assert_int_equal(image_record_format(&r, text, sizeof(text)), -1);
}

static void parse_lenient(void **state)
{
	struct image_record r;

	(void)state;
	/* Any order, unknown keys, no newline at the end. */
	assert_int_equal(parse("future=1\nsha256=" SHA_K "\n\nsize=0\npath=/k", &r), 0);
	assert_string_equal(r.path, "/k");
	assert_true(r.size == 0);
	assert_string_equal(r.initrd, "");
}

static void parse_rejects(void **state)
{
	static const char *const bad[] = {
		"",
		"path=/k\nsize=1\n",
		"path=/k\nsha256=" SHA_K "\n",
		"size=1\nsha256=" SHA_K "\n",
		"path=k\nsize=1\nsha256=" SHA_K "\n",
		"path=/k\nsize=x\nsha256=" SHA_K "\n",
		"path=/k\nsize=-1\nsha256=" SHA_K "\n",
		"path=/k\nsize=1\nsha256=" SHA_K "0\n",
		"path=/k\nsize=1\nsha256=5D41402ABC4B2A76B9719D911017C5925D41402ABC4B2A76B9719D911017C592\n",
		"path=/k\nsize=1\nsha256=" SHA_K "\ninitrd=/i\n",
		"path=/k\nsize=1\nsha256=" SHA_K "\ninitrd_sha256=" SHA_I "\n",
		"path=/k\nsize=1\nsha256=" SHA_K "\ninitrd=i\ninitrd_sha256=" SHA_I "\n",
		"path=/k\nsize=1\nsha256=" SHA_K "\nno equals sign\n",
	};
	struct image_record r;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (!parse(bad[i], &r))
			fail_msg("took '%s'", bad[i]);
	assert_int_equal(image_record_parse("path=/k\0\nsize=1\nsha256=" SHA_K, 90, &r), -1);
}

static void files(void **state)
{
	char dir[] = "/tmp/parker-image-XXXXXX", run[64], path[128];
	struct image_record r = { .path = "/k", .size = 3 }, back;
	struct stat st;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(run, sizeof(run), "%s/run/parker", dir);
	setenv("PARKER_RUN", run, 1);
	assert_string_equal(image_run_dir(), run);
	assert_int_equal(image_record_path("web", path, sizeof(path)), 0);
	snprintf(run + strlen(run), sizeof(run) - strlen(run), "/web.image");
	assert_string_equal(path, run);
	assert_int_equal(image_record_read("web", &back), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(image_record_remove("web"), 0);
	strcpy(r.sha256, SHA_K);
	/* The directories are made, 0755. */
	assert_int_equal(image_record_write("web", &r), 0);
	snprintf(path, sizeof(path), "%s/run/parker", dir);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0755);
	assert_int_equal(image_record_read("web", &back), 0);
	assert_memory_equal(&r, &back, sizeof(r));
	assert_int_equal(image_record_match("web", 3, &back), 0);
	assert_int_equal(image_record_match("web", 4, &back), -1);
	assert_int_equal(image_record_remove("web"), 0);
	assert_int_equal(image_record_read("web", &back), -1);
	assert_int_equal(rmdir(path), 0);
	snprintf(path, sizeof(path), "%s/run", dir);
	assert_int_equal(rmdir(path), 0);
	assert_int_equal(rmdir(dir), 0);
	unsetenv("PARKER_RUN");
	assert_string_equal(image_run_dir(), "/run/parker");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(parse_lenient),
		cmocka_unit_test(parse_rejects),
		cmocka_unit_test(files),
	};

	return cmocka_run_group_tests_name("image", tests, NULL, NULL);
}
