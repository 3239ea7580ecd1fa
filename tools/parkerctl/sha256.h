/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SHA-256 (FIPS 180-4), for the record of the image loaded into a
 * partition.
 */
#ifndef PARKERCTL_SHA256_H
#define PARKERCTL_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32
/* The digest as lower-case hex, without its NUL. */
#define SHA256_HEX_LEN (2 * SHA256_LEN)

struct sha256 {
	uint32_t h[8];
	uint64_t bytes;		/* hashed so far */
	unsigned char block[64];
	size_t used;		/* bytes in block */
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
void sha256_final(struct sha256 *s, unsigned char digest[SHA256_LEN]);
/* The digest of len bytes at data, as hex into hex (SHA256_HEX_LEN + 1). */
void sha256_hex(const void *data, size_t len, char *hex);
void sha256_to_hex(const unsigned char digest[SHA256_LEN], char *hex);
/*
 * The digest of the whole file open as fd, read from offset 0 with
 * pread(2) so that the file offset stays: 0 with hex filled, or -1 with
 * errno.
 */
int sha256_fd(int fd, char *hex);

#endif
