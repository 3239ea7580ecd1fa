// SPDX-License-Identifier: GPL-2.0
/*
 * pbench: micro-benchmarks of the kernel paths an application kernel runs
 * most: system call entry, pipes, context switches, fork, page faults,
 * memory bandwidth and mmap.
 *
 *   pbench [--quick] [TEST...]     run the tests (all by default)
 *   pbench --list                  name, unit and meaning of every test
 *
 * One line per test on stdout: "pbench TEST VALUE UNIT".  Each test first
 * finds how many iterations fill a target time (1 s, or 0.05 s with
 * --quick); those calibration runs are the warm-up.  It then runs 5 times
 * (once with --quick) and prints the median.  Times come from
 * clock_gettime(CLOCK_MONOTONIC).
 *
 * Exit status: 0 when every test ran, 1 when one failed (its line is
 * missing, the reason is on stderr), 2 for usage errors.
 */
#include <errno.h>
#include <getopt.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RUNS		5
#define MAX_ITERS	(1L << 40)
#define PF_REGION	(4L << 20)	/* bytes mapped per page_fault round */
#define MEMBW_BYTES	(32L << 20)	/* memcpy size: beyond the caches */
#define MAP_BYTES	(128L << 10)	/* mmap_munmap size */

struct test {
	const char *name;
	const char *unit;
	const char *what;
	int (*setup)(void);
	void (*teardown)(void);
	/* Runs n iterations, stores the seconds they took. */
	int (*run)(long n, double *secs);
	/* The figure reported for n iterations in secs seconds. */
	double (*value)(long n, double secs);
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int fail(const char *what)
{
	fprintf(stderr, "pbench: %s: %s\n", what, strerror(errno));
	return -1;
}

static double us_per_iter(long n, double secs)
{
	return secs * 1e6 / n;
}

/* ctx_switch: every round trip is two switches. */
static double us_per_switch(long n, double secs)
{
	return secs * 1e6 / (2.0 * n);
}

static double mb_per_sec(long n, double secs)
{
	return (double)MEMBW_BYTES * n / secs / 1e6;
}

static int run_null_syscall(long n, double *secs)
{
	double t0 = now();

	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	*secs = now() - t0;
	return 0;
}

/*
 * Two processes and two pipes: the parent writes a byte on one, the child
 * echoes it on the other.  The child ends when its input pipe is closed.
 */
struct pingpong {
	int out;	/* parent -> child */
	int in;		/* child -> parent */
	pid_t pid;
};

static void echo_loop(int in, int out)
{
	char c;

	while (read(in, &c, 1) == 1)
		if (write(out, &c, 1) != 1)
			break;
	_exit(0);
}

static int pingpong_start(struct pingpong *pp)
{
	int down[2], up[2];

	if (pipe(down))
		return fail("pipe");
	if (pipe(up)) {
		close(down[0]);
		close(down[1]);
		return fail("pipe");
	}
	pp->pid = fork();
	if (pp->pid == 0) {
		close(down[1]);
		close(up[0]);
		echo_loop(down[0], up[1]);
	}
	close(down[0]);
	close(up[1]);
	pp->out = down[1];
	pp->in = up[0];
	if (pp->pid > 0)
		return 0;
	fail("fork");
	close(pp->out);
	close(pp->in);
	return -1;
}

static void pingpong_stop(struct pingpong *pp)
{
	close(pp->out);
	close(pp->in);
	waitpid(pp->pid, NULL, 0);
}

static int round_trips(struct pingpong *pp, long n)
{
	char c = 'x';

	for (long i = 0; i < n; i++) {
		if (write(pp->out, &c, 1) != 1)
			return fail("pipe write");
		if (read(pp->in, &c, 1) != 1)
			return fail("pipe read");
	}
	return 0;
}

/* One untimed round trip first, so the child is up and waiting. */
static int pingpong(long n, double *secs)
{
	struct pingpong pp;
	double t0;
	int ret;

	if (pingpong_start(&pp))
		return -1;
	ret = round_trips(&pp, 1);
	t0 = now();
	if (!ret)
		ret = round_trips(&pp, n);
	*secs = now() - t0;
	pingpong_stop(&pp);
	return ret;
}

/*
 * ctx_switch: the same ping-pong with both processes on the CPU pbench
 * runs on, so that every hand-over is a switch on that CPU.  When pinning
 * is not allowed the figure is pipe_pingpong's.
 */
static int run_ctx_switch(long n, double *secs)
{
	cpu_set_t old, one;
	int cpu = sched_getcpu();
	int pinned = 0, ret;

	if (cpu >= 0 && !sched_getaffinity(0, sizeof(old), &old)) {
		CPU_ZERO(&one);
		CPU_SET(cpu, &one);
		pinned = !sched_setaffinity(0, sizeof(one), &one);
	}
	ret = pingpong(n, secs);
	if (pinned)
		sched_setaffinity(0, sizeof(old), &old);
	return ret;
}

static int run_fork_exit(long n, double *secs)
{
	double t0 = now();

	for (long i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (pid < 0)
			return fail("fork");
		if (waitpid(pid, NULL, 0) != pid)
			return fail("waitpid");
	}
	*secs = now() - t0;
	return 0;
}

/* Anonymous memory, without transparent huge pages: one fault a page. */
static char *map_anon(size_t len)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		fail("mmap");
		return NULL;
	}
	madvise(p, len, MADV_NOHUGEPAGE);
	return p;
}

/* Touches a fresh mapping of some pages; the seconds the touching took. */
static double touch_fresh(long pages, long page)
{
	volatile char *p = (volatile char *)map_anon(pages * page);
	double t0, secs;

	if (!p)
		return -1;
	t0 = now();
	for (long i = 0; i < pages; i++)
		p[i * page] = 1;
	secs = now() - t0;
	munmap((void *)p, pages * page);
	return secs;
}

/* page_fault: an iteration is one page; only the touching is timed. */
static int run_page_fault(long n, double *secs)
{
	long page = sysconf(_SC_PAGESIZE);
	long per_map = PF_REGION / page;

	*secs = 0;
	while (n > 0) {
		long pages = n < per_map ? n : per_map;
		double t = touch_fresh(pages, page);

		if (t < 0)
			return -1;
		*secs += t;
		n -= pages;
	}
	return 0;
}

static char *membw_src, *membw_dst;

static void membw_teardown(void)
{
	if (membw_src)
		munmap(membw_src, MEMBW_BYTES);
	if (membw_dst)
		munmap(membw_dst, MEMBW_BYTES);
	membw_src = NULL;
	membw_dst = NULL;
}

/* Both buffers are faulted in before anything is timed. */
static int membw_setup(void)
{
	membw_src = map_anon(MEMBW_BYTES);
	membw_dst = map_anon(MEMBW_BYTES);
	if (!membw_src || !membw_dst) {
		membw_teardown();
		return -1;
	}
	memset(membw_src, 1, MEMBW_BYTES);
	memset(membw_dst, 2, MEMBW_BYTES);
	return 0;
}

static int run_mem_bw(long n, double *secs)
{
	double t0 = now();

	for (long i = 0; i < n; i++) {
		memcpy(membw_dst, membw_src, MEMBW_BYTES);
		/* Keeps the copy from being optimised away. */
		__asm__ volatile("" : : "r"(membw_dst) : "memory");
	}
	*secs = now() - t0;
	return 0;
}

static int run_mmap_munmap(long n, double *secs)
{
	double t0 = now();

	for (long i = 0; i < n; i++) {
		void *p = mmap(NULL, MAP_BYTES, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			return fail("mmap");
		if (munmap(p, MAP_BYTES))
			return fail("munmap");
	}
	*secs = now() - t0;
	return 0;
}

static const struct test tests[] = {
	{ "null_syscall", "us", "getppid() through syscall(2)",
	  NULL, NULL, run_null_syscall, us_per_iter },
	{ "pipe_pingpong", "us", "one-byte round trip between two processes",
	  NULL, NULL, pingpong, us_per_iter },
	{ "ctx_switch", "us", "switch between two processes pinned to a CPU",
	  NULL, NULL, run_ctx_switch, us_per_switch },
	{ "fork_exit", "us", "fork, child _exit, waitpid",
	  NULL, NULL, run_fork_exit, us_per_iter },
	{ "page_fault", "us", "first touch of an anonymous page",
	  NULL, NULL, run_page_fault, us_per_iter },
	{ "mem_bw", "MB/s", "memcpy of 32 MiB (MB = 10^6 bytes)",
	  membw_setup, membw_teardown, run_mem_bw, mb_per_sec },
	{ "mmap_munmap", "us", "mmap and munmap of 128 KiB anonymous",
	  NULL, NULL, run_mmap_munmap, us_per_iter },
};

#define NTESTS (sizeof(tests) / sizeof(tests[0]))

/* Doubles n until a run lasts an eighth of the target, then scales it. */
static long calibrate(const struct test *t, double target)
{
	long n = 1;
	double secs;

	for (;;) {
		if (t->run(n, &secs))
			return -1;
		if (secs >= target / 8 || n >= MAX_ITERS)
			break;
		n *= 2;
	}
	if (secs <= 0)
		return n;
	secs = n * target / secs;
	return secs < 1 ? 1 : secs > MAX_ITERS ? MAX_ITERS : (long)secs;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int measure(const struct test *t, double target, int runs,
		   double *median)
{
	double v[RUNS], secs;
	long n = calibrate(t, target);

	if (n < 0)
		return -1;
	for (int i = 0; i < runs; i++) {
		if (t->run(n, &secs))
			return -1;
		v[i] = t->value(n, secs > 0 ? secs : 1e-9);
	}
	qsort(v, runs, sizeof(v[0]), cmp_double);
	*median = v[runs / 2];
	return 0;
}

static void report(const struct test *t, double v)
{
	int prec = v >= 1000 ? 0 : v >= 10 ? 1 : 3;

	printf("pbench %s %.*f %s\n", t->name, prec, v, t->unit);
	fflush(stdout);
}

static int run_test(const struct test *t, int quick)
{
	double v;
	int ret;

	if (t->setup && t->setup())
		return -1;
	ret = measure(t, quick ? 0.05 : 1.0, quick ? 1 : RUNS, &v);
	if (t->teardown)
		t->teardown();
	if (ret) {
		fprintf(stderr, "pbench: %s failed\n", t->name);
		return -1;
	}
	report(t, v);
	return 0;
}

static const struct test *find_test(const char *name)
{
	for (size_t i = 0; i < NTESTS; i++)
		if (!strcmp(tests[i].name, name))
			return &tests[i];
	return NULL;
}

static void list_tests(void)
{
	for (size_t i = 0; i < NTESTS; i++)
		printf("%-14s %-5s %s\n", tests[i].name, tests[i].unit,
		       tests[i].what);
}

static void usage(FILE *f)
{
	fprintf(f, "usage: pbench [--quick] [TEST...]\n"
		   "       pbench --list\n"
		   "Prints \"pbench TEST VALUE UNIT\" per test, the median of "
		   "%d runs of about 1 s\n(--quick: one run of about 0.05 s, "
		   "a smoke test).\n", RUNS);
}

static int parse_args(int argc, char **argv, int *quick)
{
	static const struct option opts[] = {
		{ "quick", no_argument, NULL, 'q' },
		{ "list", no_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "qlh", opts, NULL)) != -1) {
		if (c == 'q') {
			*quick = 1;
		} else if (c == 'l' || c == 'h') {
			c == 'l' ? list_tests() : usage(stdout);
			exit(0);
		} else {
			usage(stderr);
			exit(2);
		}
	}
	for (int i = optind; i < argc; i++) {
		if (!find_test(argv[i])) {
			fprintf(stderr, "pbench: unknown test '%s' (see --list)\n",
				argv[i]);
			exit(2);
		}
	}
	return optind;
}

int main(int argc, char **argv)
{
	int quick = 0, ret = 0;
	int first = parse_args(argc, argv, &quick);

	/* A dead ping-pong partner is reported, not fatal. */
	signal(SIGPIPE, SIG_IGN);
	if (first == argc) {
		for (size_t i = 0; i < NTESTS; i++)
			ret |= run_test(&tests[i], quick);
	} else {
		for (int i = first; i < argc; i++)
			ret |= run_test(find_test(argv[i]), quick);
	}
	return ret ? 1 : 0;
}
