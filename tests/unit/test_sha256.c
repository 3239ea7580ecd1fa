// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for parkerctl's SHA-256 (cmocka): the test vectors of
 * FIPS 180-2 (appendix B) and the NIST examples, a message fed in pieces
 * of every size, the padding's edge lengths, and the digest of a file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "sha256.h"

static void fips_vectors(void **state)
{
	static const struct {
		const char *msg, *digest;
	} cases[] = {
		{ "abc",
		  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "",
		  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
		{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
		  "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
		  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
	};
	char hex[SHA256_HEX_LEN + 1];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sha256_hex(cases[i].msg, strlen(cases[i].msg), hex);
		assert_string_equal(hex, cases[i].digest);
	}
}

/* One million 'a', fed 1000 at a time. */
static void million_a(void **state)
{
	unsigned char digest[SHA256_LEN];
	char chunk[1000], hex[SHA256_HEX_LEN + 1];
	struct sha256 s;

	(void)state;
	memset(chunk, 'a', sizeof(chunk));
	sha256_init(&s);
	for (int i = 0; i < 1000; i++)
		sha256_update(&s, chunk, sizeof(chunk));
	sha256_final(&s, digest);
	sha256_to_hex(digest, hex);
	assert_string_equal(hex,
		"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* The same digest however the message is cut. */
static void pieces(void **state)
{
	char msg[300], whole[SHA256_HEX_LEN + 1], hex[SHA256_HEX_LEN + 1];
	unsigned char digest[SHA256_LEN];

	(void)state;
	for (size_t i = 0; i < sizeof(msg); i++)
		msg[i] = (char)(i * 7 + 3);
	sha256_hex(msg, sizeof(msg), whole);
	for (size_t cut = 0; cut <= sizeof(msg); cut++) {
		struct sha256 s;

		sha256_init(&s);
		sha256_update(&s, msg, cut);
		sha256_update(&s, msg + cut, 0);
		sha256_update(&s, msg + cut, sizeof(msg) - cut);
		sha256_final(&s, digest);
		sha256_to_hex(digest, hex);
		assert_string_equal(hex, whole);
	}
}

/* Lengths around the block and the padding's edges (55, 56, 63, 64). */
static void padding_edges(void **state)
{
	static const struct {
		size_t len;
		const char *digest;
	} cases[] = {
		{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
		{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
		{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
		{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
		{ 65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0" },
	};
	char msg[65], hex[SHA256_HEX_LEN + 1];

	(void)state;
	memset(msg, 'a', sizeof(msg));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sha256_hex(msg, cases[i].len, hex);
		assert_string_equal(hex, cases[i].digest);
	}
}

static void of_a_file(void **state)
{
	char path[] = "/tmp/parker-sha256-XXXXXX", hex[SHA256_HEX_LEN + 1];
	char *big = malloc(200000);
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	assert_non_null(big);
	memset(big, 'a', 200000);
	for (int i = 0; i < 5; i++)
		assert_int_equal(write(fd, big, 200000), 200000);
	/* The file offset does not matter, and stays. */
	assert_int_equal(sha256_fd(fd, hex), 0);
	assert_int_equal(lseek(fd, 0, SEEK_CUR), 1000000);
	assert_string_equal(hex,
		"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	close(fd);
	unlink(path);
	free(big);
	assert_int_equal(sha256_fd(-1, hex), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fips_vectors),
		cmocka_unit_test(million_a),
		cmocka_unit_test(pieces),
		cmocka_unit_test(padding_edges),
		cmocka_unit_test(of_a_file),
	};

	return cmocka_run_group_tests_name("sha256", tests, NULL, NULL);
}
