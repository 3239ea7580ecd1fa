// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl metrics: the partitions and the pool in the Prometheus text
 * exposition format, for node_exporter's textfile collector or a scrape
 * through a small wrapper.  Every family has its # HELP and # TYPE lines
 * and then its samples, one per partition (label partition="NAME").
 *
 *   parker_partition_state{partition,state}   1 for the current state
 *   parker_partition_uptime_seconds           while running
 *   parker_partition_restarts_total
 *   parker_partition_dma_faults_total
 *   parker_partition_heartbeat_age_seconds    while the kernel has one
 *   parker_partition_cpus
 *   parker_partition_memory_bytes
 *   parker_pool_size_bytes, parker_pool_free_bytes
 *
 * A value that cannot be read has no sample.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "host.h"
#include "json.h"
#include "parkerfs.h"
#include "parse.h"
#include "partinfo.h"
#include "state.h"

struct family {
	const char *name, *type, *help;
	/* Print p's samples. */
	void (*samples)(const struct family *f, const struct partinfo *p);
};

/*
 * A label value, with backslash, double quote and newline escaped, and
 * bytes that are not UTF-8 as U+FFFD.
 */
static void label_value(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;

	while (i < n) {
		size_t len = utf8_seq_len(u + i, n - i);

		if (u[i] == '\\' || u[i] == '"')
			printf("\\%c", u[i]);
		else if (u[i] == '\n')
			fputs("\\n", stdout);
		else if (!len)
			fputs("\xef\xbf\xbd", stdout);
		else
			fwrite(u + i, 1, len, stdout);
		i += len ? len : 1;
	}
}

static void sample_start(const struct family *f, const struct partinfo *p)
{
	printf("%s{partition=\"", f->name);
	label_value(p->name);
	printf("\"");
}

static void sample_u64(const struct family *f, const struct partinfo *p,
		       uint64_t v)
{
	sample_start(f, p);
	printf("} %" PRIu64 "\n", v);
}

static void state_sample(const struct family *f, const struct partinfo *p,
			 const char *state, int on)
{
	sample_start(f, p);
	printf(",state=\"");
	label_value(state);
	printf("\"} %d\n", on);
}

static void state_samples(const struct family *f, const struct partinfo *p)
{
	const char *now = p->val[PF_STATE];
	int known = 0;

	for (int i = 0; i < NR_PARTITION_STATES; i++) {
		int on = now && !strcmp(now, partition_states[i]);

		known |= on;
		state_sample(f, p, partition_states[i], on);
	}
	/* A state of a later kernel. */
	if (now && now[0] && !known)
		state_sample(f, p, now, 1);
}

static void uptime_samples(const struct family *f, const struct partinfo *p)
{
	uint64_t then, now;

	if (!p->val[PF_STATE] || !state_is(p->val[PF_STATE], PARKER_STATE_RUNNING) ||
	    !p->val[PF_STARTED_AT] ||
	    parse_seconds(p->val[PF_STARTED_AT], &then) || proc_uptime(&now))
		return;
	sample_u64(f, p, now > then ? now - then : 0);
}

static void restart_samples(const struct family *f, const struct partinfo *p)
{
	uint64_t v;

	if (!partinfo_u64(p, PF_RESTART_COUNT, &v))
		sample_u64(f, p, v);
}

static void dma_fault_samples(const struct family *f,
			      const struct partinfo *p)
{
	uint64_t v;

	if (!partinfo_u64(p, PF_DMA_FAULTS, &v))
		sample_u64(f, p, v);
}

static void heartbeat_samples(const struct family *f,
			      const struct partinfo *p)
{
	uint64_t ms;

	if (partinfo_u64(p, PF_HEARTBEAT, &ms))
		return;
	sample_start(f, p);
	printf("} %" PRIu64 ".%03u\n", ms / 1000, (unsigned int)(ms % 1000));
}

static void cpu_samples(const struct family *f, const struct partinfo *p)
{
	const char *cpus = p->val[PF_CPUS];
	struct cpuset set;

	if (!cpus)
		return;
	if (!cpus[0])
		sample_u64(f, p, 0);
	else if (!parse_cpulist(cpus, &set))
		sample_u64(f, p, cpuset_count(&set));
}

static void memory_samples(const struct family *f, const struct partinfo *p)
{
	uint64_t size, base;

	if (!partinfo_memory(p, &size, &base))
		sample_u64(f, p, size);
}

static const struct family families[] = {
	{ "parker_partition_state", "gauge",
	  "Whether the partition is in this state (1) or not (0).",
	  state_samples },
	{ "parker_partition_uptime_seconds", "gauge",
	  "Seconds since the partition's kernel started running.",
	  uptime_samples },
	{ "parker_partition_restarts_total", "counter",
	  "Restarts of the partition's kernel since its image was loaded.",
	  restart_samples },
	{ "parker_partition_dma_faults_total", "counter",
	  "DMA faults the IOMMU reported for the partition's devices.",
	  dma_fault_samples },
	{ "parker_partition_heartbeat_age_seconds", "gauge",
	  "Seconds since the partition's kernel last showed a sign of life.",
	  heartbeat_samples },
	{ "parker_partition_cpus", "gauge",
	  "CPUs given to the partition.", cpu_samples },
	{ "parker_partition_memory_bytes", "gauge",
	  "Memory given to the partition, in bytes.", memory_samples },
};

static void header(const char *name, const char *type, const char *help)
{
	printf("# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static int pool_metric(const char *name, const char *file, const char *help)
{
	uint64_t v;

	header(name, "gauge", help);
	if (!parkerfs_read_u64("info", file, &v)) {
		printf("%s %" PRIu64 "\n", name, v);
		return 0;
	}
	error_msg(NULL, "cannot read %s/info/%s: %s", parkerfs_root(), file,
		  strerror(errno));
	return -1;
}

static int print_metrics(void)
{
	struct partinfo *parts;
	size_t nr;
	int ret = EXIT_OK;

	if (partinfo_list(&parts, &nr))
		return EXIT_FAIL;
	for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++) {
		const struct family *f = &families[i];

		header(f->name, f->type, f->help);
		for (size_t j = 0; j < nr; j++)
			f->samples(f, &parts[j]);
	}
	partinfo_list_free(parts, nr);
	if (pool_metric("parker_pool_size_bytes", "pool_size",
			"Size of the Parker memory pool, in bytes."))
		ret = EXIT_FAIL;
	if (pool_metric("parker_pool_free_bytes", "pool_free",
			"Bytes of the Parker memory pool no partition holds."))
		ret = EXIT_FAIL;
	return ret;
}

int cmd_metrics(int argc, char **argv)
{
	int ret;

	ret = parse_words("metrics", argc, argv, NULL, 0, NULL, no_option,
			  NULL);
	if (ret)
		return ret;
	if (parkerfs_mount())
		return EXIT_FAIL;
	return print_metrics();
}
