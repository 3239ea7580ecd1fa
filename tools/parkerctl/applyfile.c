// SPDX-License-Identifier: GPL-2.0
/*
 * The parser of apply's file (applyfile.h).  Lines are "[name]",
 * "key = value", comments starting with '#' and blank lines; white space
 * around keys and values is dropped, and a value runs to the end of its
 * line.  Every value is checked with the parsers of the command line and
 * kept in the canonical form parkerctl writes to the kernel.  The first
 * error ends the parse: its line, and what is wrong in words.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "applyfile.h"

/* The longest CPU list in its canonical form, as the kernel takes it. */
#define CPULIST_MAX 16384
/* The longest command line, without its NUL. */
#define CMDLINE_MAX 1999
#define PATH_LEN_MAX 4095
/* As many partitions as the kernel has ids. */
#define APPLY_PARTS_MAX 256
/* How much of a bad value an error message quotes. */
#define QUOTE_MAX 48

const char *const apply_keys[NR_APPLY_KEYS] = {
	[AK_CPUS] = "cpus",
	[AK_MEMORY] = "memory",
	[AK_DEVICES] = "devices",
	[AK_KERNEL] = "kernel",
	[AK_INITRD] = "initrd",
	[AK_CMDLINE] = "cmdline",
	[AK_ON_CRASH] = "on-crash",
	[AK_ON_REBOOT] = "on-reboot",
	[AK_ON_DMA_FAULT] = "on-dma-fault",
	[AK_SMT_SPLIT] = "smt-split",
	[AK_START] = "start",
};

struct parser {
	struct apply_file *f;
	struct apply_error *err;
	unsigned int line;
	int in_section;		/* the last part is open */
};

static int fail(struct parser *p, unsigned int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct parser *p, unsigned int line, const char *fmt, ...)
{
	va_list ap;

	p->err->line = line;
	va_start(ap, fmt);
	vsnprintf(p->err->msg, sizeof(p->err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/* s as an error message can show it: printable, and not too long. */
static const char *quote(const char *s, char *buf)
{
	size_t n = 0;

	for (; s[n] && n < QUOTE_MAX; n++)
		buf[n] = s[n] >= 0x20 && s[n] < 0x7f ? s[n] : '?';
	buf[n] = '\0';
	if (s[n])
		strcpy(buf + QUOTE_MAX - 3, "...");
	return buf;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static char *trim(char *s)
{
	char *end = s + strlen(s);

	while (is_blank(*s))
		s++;
	while (end > s && is_blank(end[-1]))
		end--;
	*end = '\0';
	return s;
}

static struct apply_part *current(struct parser *p)
{
	return &p->f->parts[p->f->nr - 1];
}

struct apply_part *applyfile_find(const struct apply_file *f,
				  const char *name)
{
	for (size_t i = 0; i < f->nr; i++)
		if (!strcmp(f->parts[i].name, name))
			return &f->parts[i];
	return NULL;
}

/* What a finished section must have. */
static int check_section(struct parser *p)
{
	struct apply_part *a = current(p);

	if (!a->key_line[AK_CPUS])
		return fail(p, a->line, "[%s] has no 'cpus = LIST' (required)",
			    a->name);
	if (!a->key_line[AK_MEMORY])
		return fail(p, a->line,
			    "[%s] has no 'memory = SIZE' (required)", a->name);
	if (a->kernel)
		return 0;
	if (a->start)
		return fail(p, a->line,
			    "[%s] is to start but has no kernel: add 'kernel = PATH' or 'start = no'",
			    a->name);
	if (a->initrd)
		return fail(p, a->key_line[AK_INITRD],
			    "initrd without kernel in [%s]", a->name);
	if (a->key_line[AK_CMDLINE])
		return fail(p, a->key_line[AK_CMDLINE],
			    "cmdline without kernel in [%s]", a->name);
	return 0;
}

static int end_section(struct parser *p)
{
	if (!p->in_section)
		return 0;
	p->in_section = 0;
	return check_section(p);
}

static int section(struct parser *p, char *s)
{
	size_t n = strlen(s);
	struct apply_part *a, *other;
	char q[QUOTE_MAX + 1];

	if (s[n - 1] != ']')
		return fail(p, p->line,
			    "a section line is '[name]' and nothing else");
	s[n - 1] = '\0';
	s++;
	if (!valid_partition_name(s))
		return fail(p, p->line,
			    "invalid partition name '%s': use 1 to %d characters of a-z, 0-9, '_' and '-', starting with a letter or digit ('info' is taken)",
			    quote(s, q), PARKER_NAME_MAX);
	if (p->f->nr == APPLY_PARTS_MAX)
		return fail(p, p->line, "more than %d partitions",
			    APPLY_PARTS_MAX);
	other = applyfile_find(p->f, s);
	if (other)
		return fail(p, p->line, "[%s] given twice (first on line %u)",
			    s, other->line);
	p->f->parts = xrealloc(p->f->parts,
			       (p->f->nr + 1) * sizeof(*p->f->parts));
	a = &p->f->parts[p->f->nr++];
	memset(a, 0, sizeof(*a));
	strcpy(a->name, s);
	a->line = p->line;
	a->cmdline = xstrdup("");
	a->on_crash = "stop";
	a->on_reboot = "restart";
	a->on_dma_fault = "log";
	a->start = 1;
	p->in_section = 1;
	return 0;
}

static int set_cpus(struct parser *p, struct apply_part *a, const char *v)
{
	char q[QUOTE_MAX + 1], *buf;
	struct cpuset set;

	if (parse_cpulist(v, &set)) {
		if (errno == ERANGE)
			return fail(p, p->line,
				    "CPU list '%s' names a CPU above %d",
				    quote(v, q), PARKER_MAX_CPUS - 1);
		return fail(p, p->line,
			    "invalid CPU list '%s' (example: 2-3,6)",
			    quote(v, q));
	}
	buf = xcalloc(1, CPULIST_MAX);
	format_cpulist(&set, buf, CPULIST_MAX);
	a->cpus = xstrdup(buf);
	free(buf);
	return 0;
}

static int set_memory(struct parser *p, struct apply_part *a, const char *v)
{
	char q[QUOTE_MAX + 1];

	if (parse_size(v, &a->memory))
		return fail(p, p->line,
			    "invalid memory size '%s' (examples: 256M, 1G, 4194304)",
			    quote(v, q));
	if (!a->memory)
		return fail(p, p->line, "memory must be more than 0");
	return 0;
}

static int by_address(const void *x, const void *y)
{
	return strcmp(x, y);
}

static int add_device(struct parser *p, struct apply_part *a, const char *v)
{
	char q[QUOTE_MAX + 1], addr[PCI_ADDR_LEN];
	struct pci_addr pa;

	if (parse_pci_addr(v, &pa))
		return fail(p, p->line,
			    "invalid PCI address '%s' (DDDD:BB:DD.F or BB:DD.F)",
			    quote(v, q));
	format_pci_addr(&pa, addr, sizeof(addr));
	for (size_t i = 0; i < a->nr_devices; i++)
		if (!strcmp(a->devices[i], addr))
			return fail(p, p->line, "device %s given twice", addr);
	a->devices = xrealloc(a->devices,
			      (a->nr_devices + 1) * sizeof(*a->devices));
	strcpy(a->devices[a->nr_devices++], addr);
	return 0;
}

/* Addresses separated by blanks or commas. */
static int set_devices(struct parser *p, struct apply_part *a, char *v)
{
	char *save;

	for (char *d = strtok_r(v, " \t,", &save); d;
	     d = strtok_r(NULL, " \t,", &save))
		if (add_device(p, a, d))
			return -1;
	if (a->nr_devices)
		qsort(a->devices, a->nr_devices, sizeof(*a->devices),
		      by_address);
	return 0;
}

static int set_path(struct parser *p, char **slot, const char *key,
		    const char *v)
{
	char q[QUOTE_MAX + 1];

	if (v[0] != '/')
		return fail(p, p->line, "%s must be an absolute path, not '%s'",
			    key, quote(v, q));
	if (strlen(v) > PATH_LEN_MAX)
		return fail(p, p->line, "%s path is too long", key);
	*slot = xstrdup(v);
	return 0;
}

static int set_cmdline(struct parser *p, struct apply_part *a, const char *v)
{
	size_t n = strlen(v);

	if (n > CMDLINE_MAX)
		return fail(p, p->line,
			    "cmdline of %zu bytes is too long: at most %d", n,
			    CMDLINE_MAX);
	free(a->cmdline);
	a->cmdline = xstrdup(v);
	return 0;
}

static int set_policy(struct parser *p, const char **slot, const char *key,
		      const char *v)
{
	char q[QUOTE_MAX + 1];

	if (!strcmp(v, "stop"))
		*slot = "stop";
	else if (!strcmp(v, "restart"))
		*slot = "restart";
	else
		return fail(p, p->line, "invalid %s '%s': stop or restart",
			    key, quote(v, q));
	return 0;
}

static int set_dma_policy(struct parser *p, struct apply_part *a,
			  const char *v)
{
	char q[QUOTE_MAX + 1];

	if (!strcmp(v, "log"))
		a->on_dma_fault = "log";
	else if (!strcmp(v, "stop"))
		a->on_dma_fault = "stop";
	else
		return fail(p, p->line, "invalid on-dma-fault '%s': log or stop",
			    quote(v, q));
	return 0;
}

static int set_bool(struct parser *p, int *slot, const char *key,
		    const char *v)
{
	char q[QUOTE_MAX + 1];

	if (!strcmp(v, "yes"))
		*slot = 1;
	else if (!strcmp(v, "no"))
		*slot = 0;
	else
		return fail(p, p->line, "invalid %s '%s': yes or no", key,
			    quote(v, q));
	return 0;
}

static int set_value(struct parser *p, struct apply_part *a,
		     enum apply_key k, char *v)
{
	switch (k) {
	case AK_CPUS:
		return set_cpus(p, a, v);
	case AK_MEMORY:
		return set_memory(p, a, v);
	case AK_DEVICES:
		return set_devices(p, a, v);
	case AK_KERNEL:
		return set_path(p, &a->kernel, "kernel", v);
	case AK_INITRD:
		return set_path(p, &a->initrd, "initrd", v);
	case AK_CMDLINE:
		return set_cmdline(p, a, v);
	case AK_ON_CRASH:
		return set_policy(p, &a->on_crash, "on-crash", v);
	case AK_ON_REBOOT:
		return set_policy(p, &a->on_reboot, "on-reboot", v);
	case AK_ON_DMA_FAULT:
		return set_dma_policy(p, a, v);
	case AK_SMT_SPLIT:
		return set_bool(p, &a->smt_split, "smt-split", v);
	default:
		return set_bool(p, &a->start, "start", v);
	}
}

static int unknown_key(struct parser *p, const char *key)
{
	char q[QUOTE_MAX + 1], dashed[QUOTE_MAX + 1];

	quote(key, q);
	strcpy(dashed, q);
	for (char *c = dashed; *c; c++)
		if (*c == '_')
			*c = '-';
	for (int k = 0; k < NR_APPLY_KEYS; k++)
		if (!strcmp(dashed, apply_keys[k]))
			return fail(p, p->line,
				    "unknown key '%s': did you mean '%s'?", q,
				    apply_keys[k]);
	return fail(p, p->line,
		    "unknown key '%s' (keys: cpus, memory, devices, kernel, initrd, cmdline, on-crash, on-reboot, on-dma-fault, smt-split, start)",
		    q);
}

/* Empty values mean nothing for these: devices and cmdline can be. */
static int may_be_empty(enum apply_key k)
{
	return k == AK_DEVICES || k == AK_CMDLINE;
}

static int key_value(struct parser *p, char *s, char *eq)
{
	char *key, *v, q[QUOTE_MAX + 1];
	struct apply_part *a;
	int k;

	*eq = '\0';
	key = trim(s);
	v = trim(eq + 1);
	if (!key[0])
		return fail(p, p->line, "a key is missing before '='");
	if (!p->in_section)
		return fail(p, p->line,
			    "'%s' before any section: start a partition with '[name]'",
			    quote(key, q));
	for (k = 0; k < NR_APPLY_KEYS; k++)
		if (!strcmp(key, apply_keys[k]))
			break;
	if (k == NR_APPLY_KEYS)
		return unknown_key(p, key);
	a = current(p);
	if (a->key_line[k])
		return fail(p, p->line, "%s given twice in [%s] (first on line %u)",
			    key, a->name, a->key_line[k]);
	a->key_line[k] = p->line;
	if (!v[0] && !may_be_empty(k))
		return fail(p, p->line, "%s needs a value", key);
	return set_value(p, a, k, v);
}

static int parse_line(struct parser *p, char *line)
{
	char *s = trim(line), *eq;

	if (!s[0] || s[0] == '#')
		return 0;
	if (s[0] == '[')
		return end_section(p) || section(p, s);
	eq = strchr(s, '=');
	if (!eq)
		return fail(p, p->line, "expected '[name]' or 'key = value'");
	return key_value(p, s, eq);
}

/* No CPU or device in two partitions: the second says where it is. */
static int check_cpus_apart(struct parser *p, const struct cpuset *sets,
			    size_t i, size_t j)
{
	const struct apply_part *a = &p->f->parts[i], *b = &p->f->parts[j];

	for (size_t w = 0; w < PARKER_MAX_CPUS / 64; w++) {
		uint64_t both = sets[i].bits[w] & sets[j].bits[w];

		if (both)
			return fail(p, b->key_line[AK_CPUS],
				    "CPU %u is also in [%s] (line %u)",
				    (unsigned int)(64 * w) +
				    (unsigned int)__builtin_ctzll(both),
				    a->name, a->key_line[AK_CPUS]);
	}
	return 0;
}

static int check_devices_apart(struct parser *p, size_t i, size_t j)
{
	const struct apply_part *a = &p->f->parts[i], *b = &p->f->parts[j];

	for (size_t x = 0; x < b->nr_devices; x++)
		for (size_t y = 0; y < a->nr_devices; y++)
			if (!strcmp(b->devices[x], a->devices[y]))
				return fail(p, b->key_line[AK_DEVICES],
					    "device %s is also in [%s] (line %u)",
					    b->devices[x], a->name,
					    a->key_line[AK_DEVICES]);
	return 0;
}

static int check_apart(struct parser *p)
{
	struct cpuset *sets = xcalloc(p->f->nr, sizeof(*sets));
	int ret = 0;

	for (size_t i = 0; i < p->f->nr; i++)
		parse_cpulist(p->f->parts[i].cpus, &sets[i]);
	for (size_t j = 1; j < p->f->nr && !ret; j++)
		for (size_t i = 0; i < j && !ret; i++)
			ret = check_cpus_apart(p, sets, i, j) ||
			      check_devices_apart(p, i, j);
	free(sets);
	return ret ? -1 : 0;
}

static int parse_lines(struct parser *p, const char *buf, size_t len)
{
	size_t pos = 0;

	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (buf + pos)) : len - pos;
		char *line;
		int ret;

		p->line++;
		if (memchr(buf + pos, '\0', n))
			return fail(p, p->line, "a NUL byte: not a text file");
		line = xcalloc(1, n + 1);
		memcpy(line, buf + pos, n);
		ret = parse_line(p, line);
		free(line);
		if (ret)
			return ret;
		pos += n + 1;
	}
	return end_section(p) || check_apart(p);
}

int applyfile_parse(const char *buf, size_t len, struct apply_file *f,
		    struct apply_error *err)
{
	struct parser p = { .f = f, .err = err };

	memset(f, 0, sizeof(*f));
	memset(err, 0, sizeof(*err));
	if (!parse_lines(&p, buf, len))
		return 0;
	applyfile_free(f);
	return -1;
}

void applyfile_free(struct apply_file *f)
{
	for (size_t i = 0; i < f->nr; i++) {
		struct apply_part *a = &f->parts[i];

		free(a->cpus);
		free(a->devices);
		free(a->kernel);
		free(a->initrd);
		free(a->cmdline);
	}
	free(f->parts);
	memset(f, 0, sizeof(*f));
}
