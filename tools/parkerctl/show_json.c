// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl show NAME --json: what show prints, as one JSON object with
 * the keys of parkerctl(8).  A value that cannot be read, or that the
 * kernel does not have, is null; an object or array whose file cannot be
 * read is null as a whole.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "parkerctl.h"
#include "parkerfs.h"
#include "parse.h"
#include "pci.h"
#include "show.h"
#include "showinfo.h"

static void u64_or_null(struct json *j, const char *key, int ok, uint64_t v)
{
	json_key(j, key);
	if (ok)
		json_u64(j, v);
	else
		json_null(j);
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

static void json_memory(struct json *j, const struct partinfo *p)
{
	uint64_t size, base;

	json_key(j, "memory");
	if (partinfo_memory(p, &size, &base) || !size) {
		json_null(j);
		return;
	}
	json_object_begin(j);
	json_kv_u64(j, "size", size);
	json_kv_u64(j, "base", base);
	signed_of(j, "node", p->val[PF_MEMORY_NODE]);
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

static void json_devices(struct json *j, const struct partinfo *p)
{
	char *devices, *save;

	json_key(j, "devices");
	if (!p->val[PF_DEVICES]) {
		json_null(j);
		return;
	}
	devices = xstrdup(p->val[PF_DEVICES]);
	json_array_begin(j);
	for (char *dev = strtok_r(devices, "\n", &save); dev;
	     dev = strtok_r(NULL, "\n", &save))
		json_device(j, parkerfs_trim(dev));
	json_array_end(j);
	free(devices);
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
	json_kv_string(&j, "name", p->name);
	u64_or_null(&j, "id", p->has_id, p->id);
	json_kv_string(&j, "state", p->val[PF_STATE]);
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
	json_devices(&j, p);
	json_image(&j, p);
	json_object_end(&j);
	json_finish(&j);
	return EXIT_OK;
}
