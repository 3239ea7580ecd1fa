// SPDX-License-Identifier: GPL-2.0
/*
 * pscale: how the throughput of one operation grows with the number of
 * copies running it at once.
 *
 *   pscale [--quick] [--seconds S] [--copies N] [--dir D] TEST
 *   pscale --list
 *
 * N copies (default: the online CPUs) each repeat the operation in a loop
 * for S seconds (default 5, 0.2 with --quick), copy i pinned to the i-th
 * CPU pscale may run on (modulo their number) when pinning is allowed.
 * Prints "pscale TEST COPIES OPS_PER_SECOND", the sum over the copies.
 *
 * Every test comes in two variants.  A _private one gives each copy its
 * own resource (file, directory, address space), so the copies only share
 * the kernel; a _shared one makes them contend for one resource (a file,
 * a directory, the mm of one process).  Copies are processes, except for
 * the mm-sharing variants, where they are threads of pscale.
 *
 * The copies count their operations in a MAP_SHARED array, one cache line
 * each.  They start together: each reports ready, the parent says go,
 * lets them warm up (a tenth of S, at most 1 s), then samples the counts
 * at the start and at the end of S seconds.
 *
 * Exit status: 0 on success, 1 when a copy failed (reason on stderr),
 * 2 for usage errors.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <sched.h>
#include <stdalign.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_COPIES	4096
#define MAP_LEN		(128L << 10)	/* mmap_munmap size */
#define SLICE_LEN	(8L << 20)	/* page_fault: memory a copy cycles */
#define PATH_LEN	256

struct counter {
	alignas(64) atomic_ulong ops;
};

/* Shared by the parent and every copy (MAP_SHARED anonymous). */
struct shared {
	atomic_int ready;
	atomic_int go;
	atomic_int stop;
	atomic_int failed;
	struct counter count[];
};

struct copy {
	int idx;
	pid_t pid;
	pthread_t thread;
	char dir[PATH_LEN];
	char path[PATH_LEN];
	char *mem;
	long next;
};

struct test {
	const char *name;
	const char *what;
	int threads;		/* copies are threads of one process */
	int files;		/* needs --dir */
	int (*prepare)(void);	/* parent, before the copies start */
	int (*setup)(struct copy *c);
	int (*op)(struct copy *c);
	void (*cleanup)(struct copy *c);
	void (*finish)(void);	/* parent, after the copies ended */
};

static struct {
	const char *dir;
	int copies;
	double seconds;
} opt = { "/tmp/pscale", 0, -1 };

static struct shared *sh;
static long page_size;
static char shared_path[PATH_LEN];
static char *shared_mem;
static int cpus[CPU_SETSIZE], ncpus;

static int fail(const char *what, const char *path)
{
	int err = errno;

	if (path)
		fprintf(stderr, "pscale: %s %s: %s\n", what, path,
			strerror(err));
	else
		fprintf(stderr, "pscale: %s: %s\n", what, strerror(err));
	return -1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_for(double secs)
{
	struct timespec ts;
	double end = now() + secs;

	ts.tv_sec = (time_t)end;
	ts.tv_nsec = (long)((end - ts.tv_sec) * 1e9);
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL))
		;
}

static int join(char *buf, const char *dir, const char *name)
{
	if (snprintf(buf, PATH_LEN, "%s/%s", dir, name) < PATH_LEN)
		return 0;
	fprintf(stderr, "pscale: path too long: %s/%s\n", dir, name);
	return -1;
}

static int make_dir(const char *path)
{
	if (mkdir(path, 0700) && errno != EEXIST)
		return fail("mkdir", path);
	return 0;
}

static int make_file(const char *path)
{
	int fd = open(path, O_CREAT | O_WRONLY, 0600);

	if (fd < 0)
		return fail("create", path);
	close(fd);
	return 0;
}

/* The copy's own directory, DIR/copyN, and PATH in it. */
static int private_dir(struct copy *c)
{
	char name[32];

	snprintf(name, sizeof(name), "copy%d", c->idx);
	if (join(c->dir, opt.dir, name) || make_dir(c->dir))
		return -1;
	return join(c->path, c->dir, "file");
}

static void private_cleanup(struct copy *c)
{
	if (c->path[0])
		unlink(c->path);
	if (c->dir[0])
		rmdir(c->dir);
}

static int open_close(struct copy *c)
{
	int fd = open(c->path, O_RDONLY);

	if (fd < 0)
		return fail("open", c->path);
	close(fd);
	return 0;
}

static int oc_private_setup(struct copy *c)
{
	return private_dir(c) || make_file(c->path) ? -1 : 0;
}

static int oc_shared_prepare(void)
{
	return join(shared_path, opt.dir, "shared_file") ||
	       make_file(shared_path) ? -1 : 0;
}

static int oc_shared_setup(struct copy *c)
{
	memcpy(c->path, shared_path, PATH_LEN);
	return 0;
}

static void shared_unlink(void)
{
	if (shared_path[0])
		unlink(shared_path);
}

static int create_unlink(struct copy *c)
{
	if (make_file(c->path))
		return -1;
	if (unlink(c->path))
		return fail("unlink", c->path);
	return 0;
}

static int uc_shared_prepare(void)
{
	return join(shared_path, opt.dir, "shared_dir") ||
	       make_dir(shared_path) ? -1 : 0;
}

/* DIR/shared_dir/fileN: one directory, a name per copy. */
static int uc_shared_setup(struct copy *c)
{
	char name[32];

	snprintf(name, sizeof(name), "file%d", c->idx);
	return join(c->path, shared_path, name);
}

static void uc_shared_cleanup(struct copy *c)
{
	if (c->path[0])
		unlink(c->path);
}

static void shared_rmdir(void)
{
	if (shared_path[0])
		rmdir(shared_path);
}

static int map_unmap(struct copy *c)
{
	void *p = mmap(NULL, MAP_LEN, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	(void)c;
	if (p == MAP_FAILED)
		return fail("mmap", NULL);
	if (munmap(p, MAP_LEN))
		return fail("munmap", NULL);
	return 0;
}

/* Anonymous memory, without transparent huge pages: one fault a page. */
static char *map_anon(size_t len)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED) {
		fail("mmap", NULL);
		return NULL;
	}
	madvise(p, len, MADV_NOHUGEPAGE);
	return p;
}

/*
 * One operation is the first touch of a page of the copy's slice.  When
 * the whole slice has been touched, MADV_DONTNEED drops it, so the next
 * touches fault fresh pages again.
 */
static int touch_page(struct copy *c)
{
	((volatile char *)c->mem)[c->next * page_size] = 1;
	if (++c->next < SLICE_LEN / page_size)
		return 0;
	c->next = 0;
	if (madvise(c->mem, SLICE_LEN, MADV_DONTNEED))
		return fail("madvise", NULL);
	return 0;
}

static int pf_private_setup(struct copy *c)
{
	c->mem = map_anon(SLICE_LEN);
	return c->mem ? 0 : -1;
}

static void pf_private_cleanup(struct copy *c)
{
	if (c->mem)
		munmap(c->mem, SLICE_LEN);
}

/* One mapping for all the threads, a slice each. */
static int pf_shared_prepare(void)
{
	shared_mem = map_anon(SLICE_LEN * opt.copies);
	return shared_mem ? 0 : -1;
}

static int pf_shared_setup(struct copy *c)
{
	c->mem = shared_mem + SLICE_LEN * c->idx;
	return 0;
}

static void pf_shared_finish(void)
{
	if (shared_mem)
		munmap(shared_mem, SLICE_LEN * opt.copies);
}

static const struct test tests[] = {
	{
		.name = "open_close_private",
		.what = "open+close of a file in the copy's own directory",
		.files = 1,
		.setup = oc_private_setup,
		.op = open_close,
		.cleanup = private_cleanup,
	}, {
		.name = "open_close_shared",
		.what = "open+close of one file by all copies",
		.files = 1,
		.prepare = oc_shared_prepare,
		.setup = oc_shared_setup,
		.op = open_close,
		.finish = shared_unlink,
	}, {
		.name = "unlink_create_private",
		.what = "create+unlink of a file in the copy's own directory",
		.files = 1,
		.setup = private_dir,
		.op = create_unlink,
		.cleanup = private_cleanup,
	}, {
		.name = "unlink_create_shared",
		.what = "create+unlink of files in one directory",
		.files = 1,
		.prepare = uc_shared_prepare,
		.setup = uc_shared_setup,
		.op = create_unlink,
		.cleanup = uc_shared_cleanup,
		.finish = shared_rmdir,
	}, {
		.name = "mmap_munmap_private",
		.what = "mmap+munmap of 128 KiB, a process per copy",
		.op = map_unmap,
	}, {
		.name = "mmap_munmap_shared",
		.what = "mmap+munmap of 128 KiB, threads of one process",
		.threads = 1,
		.op = map_unmap,
	}, {
		.name = "page_fault_private",
		.what = "first touch of a page, a process per copy",
		.setup = pf_private_setup,
		.op = touch_page,
		.cleanup = pf_private_cleanup,
	}, {
		.name = "page_fault_shared",
		.what = "first touch of a page of one mapping, threads",
		.threads = 1,
		.prepare = pf_shared_prepare,
		.setup = pf_shared_setup,
		.op = touch_page,
		.finish = pf_shared_finish,
	},
};

#define NTESTS (sizeof(tests) / sizeof(tests[0]))

static const struct test *test;

static void read_cpus(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set))
		return;
	for (int i = 0; i < CPU_SETSIZE; i++)
		if (CPU_ISSET(i, &set))
			cpus[ncpus++] = i;
}

static void pin(int idx)
{
	cpu_set_t set;

	if (!ncpus)
		return;
	CPU_ZERO(&set);
	CPU_SET(cpus[idx % ncpus], &set);
	sched_setaffinity(0, sizeof(set), &set);
}

static void run_loop(struct copy *c)
{
	atomic_ulong *ops = &sh->count[c->idx].ops;
	unsigned long n = 0;

	while (!atomic_load_explicit(&sh->stop, memory_order_relaxed)) {
		if (test->op(c)) {
			atomic_store(&sh->failed, 1);
			break;
		}
		atomic_store_explicit(ops, ++n, memory_order_relaxed);
	}
}

static int copy_main(struct copy *c)
{
	pin(c->idx);
	if (test->setup && test->setup(c)) {
		atomic_store(&sh->failed, 1);
	} else {
		atomic_fetch_add(&sh->ready, 1);
		while (!atomic_load(&sh->go))
			sleep_for(1e-4);
		run_loop(c);
	}
	if (test->cleanup)
		test->cleanup(c);
	return atomic_load(&sh->failed);
}

static void *copy_thread(void *arg)
{
	return (void *)(intptr_t)copy_main(arg);
}

/* Starts the copies, returns how many started. */
static int start_copies(struct copy *cs)
{
	for (int i = 0; i < opt.copies; i++) {
		cs[i].idx = i;
		if (test->threads) {
			errno = pthread_create(&cs[i].thread, NULL,
					       copy_thread, &cs[i]);
			if (errno) {
				fail("pthread_create", NULL);
				return i;
			}
			continue;
		}
		cs[i].pid = fork();
		if (cs[i].pid == 0)
			_exit(copy_main(&cs[i]) ? 1 : 0);
		if (cs[i].pid < 0) {
			fail("fork", NULL);
			return i;
		}
	}
	return opt.copies;
}

/* Did a copy process end (crash) before it was told to stop? */
static int copy_died(void)
{
	siginfo_t si = { 0 };

	if (test->threads)
		return 0;
	waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT);
	return si.si_pid != 0;
}

static int wait_ready(void)
{
	while (atomic_load(&sh->ready) < opt.copies) {
		if (atomic_load(&sh->failed) || copy_died())
			return -1;
		sleep_for(1e-3);
	}
	return 0;
}

static unsigned long total_ops(void)
{
	unsigned long sum = 0;

	for (int i = 0; i < opt.copies; i++)
		sum += atomic_load_explicit(&sh->count[i].ops,
					    memory_order_relaxed);
	return sum;
}

static double measure(void)
{
	double warm = opt.seconds / 10 < 1 ? opt.seconds / 10 : 1;
	double t0, t1;
	unsigned long s0, s1;

	atomic_store(&sh->go, 1);
	sleep_for(warm);
	t0 = now();
	s0 = total_ops();
	sleep_for(opt.seconds);
	s1 = total_ops();
	t1 = now();
	atomic_store(&sh->stop, 1);
	return (s1 - s0) / (t1 - t0);
}

static int reap(struct copy *cs, int n)
{
	int bad = 0, st;
	void *ret;

	for (int i = 0; i < n; i++) {
		if (test->threads) {
			pthread_join(cs[i].thread, &ret);
			bad |= !!ret;
		} else if (waitpid(cs[i].pid, &st, 0) != cs[i].pid ||
			   !WIFEXITED(st) || WEXITSTATUS(st)) {
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

static int run(double *rate)
{
	struct copy *cs = calloc(opt.copies, sizeof(*cs));
	int started, ret = -1;

	if (!cs)
		return fail("calloc", NULL);
	started = start_copies(cs);
	if (started == opt.copies && !wait_ready()) {
		*rate = measure();
		ret = 0;
	}
	/* On failure, this releases the copies that wait for go. */
	atomic_store(&sh->stop, 1);
	atomic_store(&sh->go, 1);
	if (reap(cs, started) || atomic_load(&sh->failed))
		ret = -1;
	free(cs);
	return ret;
}

/* Creates --dir if needed; *made tells whether to remove it at the end. */
static int open_dir(int *made)
{
	*made = 0;
	if (!test->files)
		return 0;
	if (!mkdir(opt.dir, 0700)) {
		*made = 1;
		return 0;
	}
	return errno == EEXIST ? 0 : fail("mkdir", opt.dir);
}

static int run_test(void)
{
	size_t len = sizeof(*sh) + opt.copies * sizeof(sh->count[0]);
	double rate = 0;
	int made, ret = -1;

	sh = mmap(NULL, len, PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return fail("mmap", NULL);
	if (!open_dir(&made) && (!test->prepare || !test->prepare()))
		ret = run(&rate);
	if (test->finish)
		test->finish();
	if (made)
		rmdir(opt.dir);
	munmap(sh, len);
	if (ret) {
		fprintf(stderr, "pscale: %s failed\n", test->name);
		return 1;
	}
	printf("pscale %s %d %.0f\n", test->name, opt.copies, rate);
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
		printf("%-22s %s\n", tests[i].name, tests[i].what);
}

static void usage(FILE *f)
{
	fprintf(f, "usage: pscale [--quick] [--seconds S] [--copies N] "
		   "[--dir D] TEST\n"
		   "       pscale --list\n"
		   "Runs N copies of TEST's operation (default: one per "
		   "online CPU) for S seconds\n(default 5, --quick 0.2) and "
		   "prints \"pscale TEST COPIES OPS_PER_SECOND\".\nFile tests "
		   "work in D (default /tmp/pscale; use a tmpfs).\n");
}

static void usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "pscale: %s%s\n", msg, arg ? arg : "");
	usage(stderr);
	exit(2);
}

static void parse_opt(int c, const char *arg, int *quick)
{
	char *end;

	errno = 0;
	if (c == 'q') {
		*quick = 1;
	} else if (c == 's') {
		opt.seconds = strtod(arg, &end);
		if (errno || *end || !(opt.seconds > 0 && opt.seconds < 1e6))
			usage_error("bad --seconds: ", arg);
	} else {
		long n = strtol(arg, &end, 10);

		if (errno || *end || n < 1 || n > MAX_COPIES)
			usage_error("bad --copies: ", arg);
		opt.copies = n;
	}
}

static void parse_args(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "quick", no_argument, NULL, 'q' },
		{ "seconds", required_argument, NULL, 's' },
		{ "copies", required_argument, NULL, 'c' },
		{ "dir", required_argument, NULL, 'd' },
		{ "list", no_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, quick = 0;

	while ((c = getopt_long(argc, argv, "qs:c:d:lh", opts, NULL)) != -1) {
		if (c == 'l' || c == 'h') {
			c == 'l' ? list_tests() : usage(stdout);
			exit(0);
		}
		if (c == 'd')
			opt.dir = optarg;
		else if (c == 'q' || c == 's' || c == 'c')
			parse_opt(c, optarg, &quick);
		else
			usage_error("bad option", NULL);
	}
	if (optind != argc - 1)
		usage_error("expected one TEST", NULL);
	test = find_test(argv[optind]);
	if (!test)
		usage_error("unknown test (see --list): ", argv[optind]);
	if (opt.seconds < 0)
		opt.seconds = quick ? 0.2 : 5;
}

int main(int argc, char **argv)
{
	parse_args(argc, argv);
	page_size = sysconf(_SC_PAGESIZE);
	read_cpus();
	if (!opt.copies) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);

		opt.copies = n < 1 ? 1 : n > MAX_COPIES ? MAX_COPIES : n;
	}
	return run_test();
}
