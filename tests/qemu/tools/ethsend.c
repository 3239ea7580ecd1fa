// SPDX-License-Identifier: GPL-2.0
/*
 * ethsend: send raw Ethernet frames whose payload is one byte repeated, so
 * that wherever a NIC's DMA puts them, memory holds 64-bit words of that
 * byte (debugfs parker/scan counts them).  No IP, no ARP: the frames reach
 * a MAC address whether or not a kernel still answers behind it.
 *
 *   ethsend IFACE DSTMAC COUNT BYTE
 *
 * The frame buffer is cleared before exit, so that the pattern does not
 * stay behind in memory this process freed.
 */
#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define FRAME_LEN	1514
#define ETHERTYPE_TEST	0x88b5	/* IEEE local experimental */

static unsigned char frame[FRAME_LEN];

static int parse_mac(const char *s, unsigned char *mac)
{
	return sscanf(s, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &mac[0], &mac[1],
		      &mac[2], &mac[3], &mac[4], &mac[5]) == 6 ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct sockaddr_ll to = { .sll_family = AF_PACKET };
	unsigned long count, i;
	int fd, ret = 0;

	if (argc != 5 || parse_mac(argv[2], to.sll_addr)) {
		fprintf(stderr, "usage: ethsend IFACE DSTMAC COUNT BYTE\n");
		return 2;
	}
	count = strtoul(argv[3], NULL, 0);
	to.sll_ifindex = (int)if_nametoindex(argv[1]);
	to.sll_halen = ETH_ALEN;
	to.sll_protocol = htons(ETHERTYPE_TEST);
	if (!to.sll_ifindex) {
		perror("ethsend: interface");
		return 1;
	}
	fd = socket(AF_PACKET, SOCK_DGRAM, htons(ETHERTYPE_TEST));
	if (fd < 0) {
		perror("ethsend: socket");
		return 1;
	}
	memset(frame, (int)strtoul(argv[4], NULL, 0), sizeof(frame));
	for (i = 0; i < count; i++) {
		/* SOCK_DGRAM: the kernel builds the Ethernet header. */
		if (sendto(fd, frame, FRAME_LEN - ETH_HLEN, 0,
			   (struct sockaddr *)&to, sizeof(to)) < 0) {
			perror("ethsend: sendto");
			ret = 1;
			break;
		}
	}
	memset(frame, 0, sizeof(frame));
	__asm__ volatile("" : : "r"(frame) : "memory");
	close(fd);
	return ret;
}
