// SPDX-License-Identifier: GPL-2.0
/*
 * Parsers for parkerctl's command-line values.  Every parser rejects the
 * whole input on the first bad character: a half-understood CPU list or size
 * must never reach the kernel.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "parse.h"

static int fail(int err)
{
	errno = err;
	return -1;
}

static int parse_uint(const char **p, unsigned long long max,
		      unsigned long long *val)
{
	const char *s = *p;
	unsigned long long v = 0;

	if (*s < '0' || *s > '9')
		return fail(EINVAL);
	while (*s >= '0' && *s <= '9') {
		v = v * 10 + (unsigned long long)(*s - '0');
		if (v > max)
			return fail(ERANGE);
		s++;
	}
	*p = s;
	*val = v;
	return 0;
}

static void cpuset_set(struct cpuset *set, unsigned int cpu)
{
	set->bits[cpu / 64] |= UINT64_C(1) << (cpu % 64);
}

int cpuset_test(const struct cpuset *set, unsigned int cpu)
{
	if (cpu >= PARKER_MAX_CPUS)
		return 0;
	return !!(set->bits[cpu / 64] & (UINT64_C(1) << (cpu % 64)));
}

unsigned int cpuset_count(const struct cpuset *set)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < PARKER_MAX_CPUS; i++)
		n += (unsigned int)cpuset_test(set, i);
	return n;
}

int parse_cpulist(const char *s, struct cpuset *set)
{
	memset(set, 0, sizeof(*set));
	if (!s || !*s)
		return fail(EINVAL);

	for (;;) {
		unsigned long long lo, hi;

		if (parse_uint(&s, PARKER_MAX_CPUS - 1, &lo))
			return -1;
		hi = lo;
		if (*s == '-') {
			s++;
			if (parse_uint(&s, PARKER_MAX_CPUS - 1, &hi))
				return -1;
			if (hi < lo)
				return fail(EINVAL);
		}
		for (unsigned long long c = lo; c <= hi; c++)
			cpuset_set(set, (unsigned int)c);
		if (*s == '\0')
			return 0;
		if (*s != ',')
			return fail(EINVAL);
		s++;
	}
}

size_t format_cpulist(const struct cpuset *set, char *buf, size_t len)
{
	size_t used = 0;
	unsigned int c = 0;

	if (len)
		buf[0] = '\0';
	while (c < PARKER_MAX_CPUS) {
		unsigned int end;
		int n;

		if (!cpuset_test(set, c)) {
			c++;
			continue;
		}
		end = c;
		while (end + 1 < PARKER_MAX_CPUS && cpuset_test(set, end + 1))
			end++;
		if (end == c)
			n = snprintf(buf + used, len > used ? len - used : 0,
				     "%s%u", used ? "," : "", c);
		else
			n = snprintf(buf + used, len > used ? len - used : 0,
				     "%s%u-%u", used ? "," : "", c, end);
		used += (size_t)n;
		c = end + 1;
	}
	return used;
}

int parse_size(const char *s, uint64_t *bytes)
{
	unsigned long long v;
	unsigned int shift = 0;

	if (!s || parse_uint(&s, UINT64_MAX / 10, &v))
		return -1;
	switch (*s) {
	case 'k': case 'K':
		shift = 10;
		break;
	case 'm': case 'M':
		shift = 20;
		break;
	case 'g': case 'G':
		shift = 30;
		break;
	case 't': case 'T':
		shift = 40;
		break;
	case '\0':
		break;
	default:
		return fail(EINVAL);
	}
	if (shift) {
		s++;
		if (!strcmp(s, "iB") || !strcmp(s, "B"))
			s += strlen(s);
	}
	if (*s != '\0')
		return fail(EINVAL);
	if (shift && v > (UINT64_MAX >> shift))
		return fail(ERANGE);
	*bytes = (uint64_t)v << shift;
	return 0;
}

/* One NODE:SIZE ending at a ',' or the end; *p moves past it. */
static int parse_node_size(const char **p, struct node_size *ns)
{
	char size[32];
	unsigned long long node;
	const char *s = *p;
	size_t n;

	if (parse_uint(&s, 0xffffffffULL, &node) || *s != ':')
		return fail(EINVAL);
	s++;
	n = strcspn(s, ",");
	if (n >= sizeof(size))
		return fail(EINVAL);
	memcpy(size, s, n);
	size[n] = '\0';
	if (parse_size(size, &ns->bytes))
		return -1;
	ns->node = (unsigned int)node;
	*p = s + n;
	return 0;
}

int parse_node_sizes(const char *s, struct node_size *ns, int max)
{
	uint64_t total = 0;
	int n = 0;

	if (!s)
		return fail(EINVAL);
	for (;;) {
		if (n == max)
			return fail(E2BIG);
		if (parse_node_size(&s, &ns[n]))
			return -1;
		for (int i = 0; i < n; i++)
			if (ns[i].node == ns[n].node)
				return fail(EINVAL);
		if (ns[n].bytes > UINT64_MAX - total)
			return fail(ERANGE);
		total += ns[n++].bytes;
		if (*s == '\0')
			return n;
		s++;		/* the ',' */
	}
}

size_t format_size(uint64_t bytes, char *buf, size_t len)
{
	static const char units[] = "KMGT";
	int n;

	for (int i = 3; i >= 0; i--) {
		unsigned int shift = 10 * (unsigned int)(i + 1);

		if (bytes && !(bytes & ((UINT64_C(1) << shift) - 1))) {
			n = snprintf(buf, len, "%" PRIu64 "%c",
				     bytes >> shift, units[i]);
			return (size_t)n;
		}
	}
	n = snprintf(buf, len, "%" PRIu64, bytes);
	return (size_t)n;
}

static int parse_hex(const char **p, unsigned int digits, unsigned int max,
		     unsigned int *val)
{
	const char *s = *p;
	unsigned int v = 0, i;

	for (i = 0; i < digits; i++) {
		char c = s[i];

		if (c >= '0' && c <= '9')
			v = v * 16 + (unsigned int)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v * 16 + (unsigned int)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v = v * 16 + (unsigned int)(c - 'A' + 10);
		else
			return fail(EINVAL);
	}
	if (v > max)
		return fail(ERANGE);
	*p = s + digits;
	*val = v;
	return 0;
}

int parse_pci_addr(const char *s, struct pci_addr *addr)
{
	struct pci_addr a = { 0 };
	const char *colon;

	if (!s)
		return fail(EINVAL);
	/* A domain is present when there are two colons. */
	colon = strchr(s, ':');
	if (colon && strchr(colon + 1, ':')) {
		if (colon - s != 4 || parse_hex(&s, 4, 0xffff, &a.domain))
			return fail(EINVAL);
		s++;
	}
	if (parse_hex(&s, 2, 0xff, &a.bus) || *s++ != ':')
		return fail(EINVAL);
	if (parse_hex(&s, 2, 0x1f, &a.dev) || *s++ != '.')
		return fail(EINVAL);
	if (parse_hex(&s, 1, 7, &a.fn) || *s != '\0')
		return fail(EINVAL);
	*addr = a;
	return 0;
}

size_t format_pci_addr(const struct pci_addr *addr, char *buf, size_t len)
{
	int n = snprintf(buf, len, "%04x:%02x:%02x.%x", addr->domain & 0xffff,
			 addr->bus & 0xff, addr->dev & 0x1f, addr->fn & 7);

	return (size_t)n;
}

int valid_partition_name(const char *s)
{
	size_t n;

	if (!s)
		return 0;
	n = strlen(s);
	if (n < 1 || n > PARKER_NAME_MAX)
		return 0;
	if (s[0] == '-' || s[0] == '_')
		return 0;
	/* The file system's own directory. */
	if (!strcmp(s, "info"))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-'))
			return 0;
	}
	return 1;
}
