// SPDX-License-Identifier: GPL-2.0
/*
 * The partitions as JSON, with the keys of parkerctl(8): list --json (each
 * partition in short, and the pool) and show NAME --json (one in full,
 * what show prints).  Both begin a partition with its name, id and state,
 * and write a file of one value a line (devices) as an array.  A value
 * that cannot be read, or that the kernel does not have, is null; an
 * object or array whose file cannot be read is null as a whole.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cli.h"
#include "json.h"
#include "parkerfs.h"
#include "parse.h"
#include "partjson.h"
#include "pci.h"
#include "showinfo.h"

static void u64_or_null(struct json *j, const char *key, int ok, uint64_t v)
{
	json_key(j, key);
	if (ok)
		json_u64(j, v);
	else
		json_null(j);
}

/*
 * A file of one value a line (devices) under key: an array of item() of
 * each line, trimmed, or null when the file cannot be read.
 */
static void json_lines(struct json *j, const char *key, const char *val,
		       void (*item)(struct json *j, const char *line))
{
	char *copy, *save;

	json_key(j, key);
	if (!val) {
		json_null(j);
		return;
	}
	copy = xstrdup(val);
	json_array_begin(j);
	for (char *l = strtok_r(copy, "\n", &save); l;
	     l = strtok_r(NULL, "\n", &save))
		item(j, parkerfs_trim(l));
	json_array_end(j);
	free(copy);
}

/* What every partition's object begins with. */
static void json_head(struct json *j, const struct partinfo *p)
{
	json_kv_string(j, "name", p->name);
	u64_or_null(j, "id", p->has_id, p->id);
	json_kv_string(j, "state", p->val[PF_STATE]);
}

static void u64_of(struct json *j, const char *key, const struct partinfo *p,
		   enum part_file f)
{
	uint64_t v = 0;
	int ok = !partinfo_u64(p, f, &v);

	u64_or_null(j, key, ok, v);
}

/* A decimal number that may be negative (memory_node), or null. */
static void signed_of(struct json *j, const char *key, const char *s)
{
	uint64_t v;
	int neg = s && s[0] == '-';

	json_key(j, key);
	if (!s || parkerfs_parse_u64(s + neg, &v) || v > INT64_MAX)
		json_null(j);
	else
		json_i64(j, neg ? -(int64_t)v : (int64_t)v);
}

static void json_cpu_list(struct json *j, const struct partinfo *p,
			  const struct cpuset *set)
{
	unsigned int nr = cpuset_count(set), i = 0;
	char **apic = xcalloc(nr, sizeof(*apic));
	char *ids = xstrdup(p->val[PF_APIC_IDS] ? p->val[PF_APIC_IDS] : "");
	int has_ids = !show_apic_ids(ids, apic, nr), ok;

	json_array_begin(j);
	for (unsigned int cpu = 0; cpu < PARKER_MAX_CPUS; cpu++) {
		uint64_t id = 0;

		if (!cpuset_test(set, cpu))
			continue;
		ok = has_ids && !parkerfs_parse_u64(apic[i], &id);
		json_object_begin(j);
		json_kv_u64(j, "cpu", cpu);
		u64_or_null(j, "apic_id", ok, id);
		json_object_end(j);
		i++;
	}
	json_array_end(j);
	free(ids);
	free(apic);
}

static void json_cpus(struct json *j, const struct partinfo *p)
{
	const char *cpus = p->val[PF_CPUS];
	struct cpuset set;

	json_key(j, "cpus");
	if (!cpus || (cpus[0] && parse_cpulist(cpus, &set))) {
		json_null(j);
	} else if (!cpus[0]) {
		json_array_begin(j);
		json_array_end(j);
	} else {
		json_cpu_list(j, p, &set);
	}
}

/* size and base: the total and the first range's; then every range. */
static void json_memory(struct json *j, const struct partinfo *p)
{
	struct parkerfs_range r[PARKERFS_RANGES_MAX];
	uint64_t size, base;
	int i, n;

	json_key(j, "memory");
	n = partinfo_ranges(p, r, PARKERFS_RANGES_MAX);
	if (n <= 0 || partinfo_memory(p, &size, &base)) {
		json_null(j);
		return;
	}
	json_object_begin(j);
	json_kv_u64(j, "size", size);
	json_kv_u64(j, "base", base);
	signed_of(j, "node", p->val[PF_MEMORY_NODE]);
	json_key(j, "ranges");
	json_array_begin(j);
	for (i = 0; i < n; i++) {
		json_object_begin(j);
		json_kv_u64(j, "base", r[i].base);
		json_kv_u64(j, "size", r[i].size);
		json_object_end(j);
	}
	json_array_end(j);
	json_object_end(j);
}

/* A number as hex digits ("1af4"), or null. */
static void hex_or_null(struct json *j, const char *key, int ok,
			unsigned int v, int digits)
{
	char buf[16];

	json_key(j, key);
	if (!ok) {
		json_null(j);
		return;
	}
	snprintf(buf, sizeof(buf), "%0*x", digits, v);
	json_string(j, buf);
}

static void json_pci(struct json *j, const char *addr)
{
	unsigned int vendor = 0, device = 0, class = 0;
	int ids = !pci_ids(addr, &vendor, &device);
	int has_class = !pci_class(addr, &class);
	char driver[256];

	hex_or_null(j, "vendor", ids, vendor, 4);
	hex_or_null(j, "device", ids, device, 4);
	hex_or_null(j, "class", has_class, class, 6);
	json_kv_string(j, "class_name",
		       has_class ? pci_class_name(class) : NULL);
	json_kv_string(j, "driver",
		       pci_driver(addr, driver, sizeof(driver)) ? NULL :
								  driver);
}

static void json_device(struct json *j, const char *dev)
{
	char addr[PCI_ADDR_LEN];
	struct pci_addr a;
	int known = !parse_pci_addr(dev, &a);

	if (known)
		format_pci_addr(&a, addr, sizeof(addr));
	json_object_begin(j);
	json_kv_string(j, "address", known ? addr : dev);
	if (known && pci_exists(addr)) {
		json_pci(j, addr);
	} else {
		static const char *const keys[] = {
			"vendor", "device", "class", "class_name", "driver",
		};

		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			json_kv_null(j, keys[i]);
	}
	json_object_end(j);
}


static void json_image(struct json *j, const struct partinfo *p)
{
	struct image_record *r = xcalloc(1, sizeof(*r));
	enum show_image what;
	int known;
	uint64_t size;

	what = show_image_of(p, &size, r);
	known = what == IMAGE_KNOWN;
	json_key(j, "image");
	if (what < IMAGE_UNKNOWN) {
		json_null(j);
		free(r);
		return;
	}
	json_object_begin(j);
	json_kv_string(j, "path", known ? r->path : NULL);
	json_kv_u64(j, "size", size);
	json_kv_string(j, "sha256", known ? r->sha256 : NULL);
	json_kv_string(j, "initrd", known && r->initrd[0] ? r->initrd : NULL);
	json_kv_string(j, "initrd_sha256",
		       known && r->initrd[0] ? r->initrd_sha256 : NULL);
	json_kv_string(j, "cmdline", p->val[PF_CMDLINE]);
	json_object_end(j);
	free(r);
}

/* The lines of a partition's life: numbers and policies, or null. */
static void json_life(struct json *j, const struct partinfo *p)
{
	const char *crash = p->val[PF_CRASH];
	uint64_t secs = 0;
	int since = !show_since_secs(p, &secs);

	u64_or_null(j, "since", since, secs);
	u64_of(j, "heartbeat_age_ms", p, PF_HEARTBEAT);
	u64_of(j, "restart_count", p, PF_RESTART_COUNT);
	json_kv_string(j, "on_crash", p->val[PF_ON_CRASH]);
	json_kv_string(j, "on_reboot", p->val[PF_ON_REBOOT]);
	json_kv_string(j, "last_crash", crash && crash[0] ? crash : NULL);
}

int show_json(const struct partinfo *p)
{
	const char *smt = p->val[PF_SMT_SPLIT];
	struct json j;

	json_init(&j, stdout);
	json_object_begin(&j);
	json_head(&j, p);
	json_kv_string(&j, "reason", p->val[PF_REASON] && p->val[PF_REASON][0] ?
		       p->val[PF_REASON] : NULL);
	json_life(&j, p);
	json_cpus(&j, p);
	json_key(&j, "smt_split");
	if (smt && (!strcmp(smt, "0") || !strcmp(smt, "1")))
		json_bool(&j, smt[0] == '1');
	else
		json_null(&j);
	json_memory(&j, p);
	json_lines(&j, "devices", p->val[PF_DEVICES], json_device);
	json_kv_string(&j, "dma", p->val[PF_DMA]);
	u64_of(&j, "dma_faults", p, PF_DMA_FAULTS);
	json_kv_string(&j, "on_dma_fault", p->val[PF_ON_DMA_FAULT]);
	json_image(&j, p);
	json_object_end(&j);
	json_finish(&j);
	return EXIT_OK;
}

/* A partition in short, for list. */
static void json_summary(struct json *j, const struct partinfo *p)
{
	uint64_t size = 0, base;
	int memory = !partinfo_memory(p, &size, &base);

	json_object_begin(j);
	json_head(j, p);
	json_kv_string(j, "cpus", p->val[PF_CPUS]);
	u64_or_null(j, "memory_bytes", memory, size);
	json_lines(j, "devices", p->val[PF_DEVICES], json_string);
	json_object_end(j);
}

static int json_pool(struct json *j)
{
	uint64_t total, avail;
	int ret = partinfo_pool(&total, &avail);

	json_key(j, "pool");
	json_object_begin(j);
	if (ret) {
		json_kv_null(j, "size");
		json_kv_null(j, "free");
	} else {
		json_kv_u64(j, "size", total);
		json_kv_u64(j, "free", avail);
	}
	json_object_end(j);
	return ret ? EXIT_FAIL : EXIT_OK;
}

int list_json(FILE *out)
{
	struct partinfo *parts;
	struct json j;
	size_t nr;
	int ret;

	if (partinfo_list(&parts, &nr))
		return EXIT_FAIL;
	json_init(&j, out);
	json_object_begin(&j);
	json_key(&j, "partitions");
	json_array_begin(&j);
	for (size_t i = 0; i < nr; i++)
		json_summary(&j, &parts[i]);
	json_array_end(&j);
	ret = json_pool(&j);
	json_object_end(&j);
	json_finish(&j);
	partinfo_list_free(parts, nr);
	return ret;
}
