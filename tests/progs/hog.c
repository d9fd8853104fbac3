// SPDX-License-Identifier: GPL-2.0
/*
 * hog - memory hog for the Simple LMK tests.
 *
 * Allocates anonymous memory in 1 MiB mmap() chunks and fills every page
 * with xorshift PRNG output, so that zram cannot compress it away. It can
 * pace itself, set its oom_score_adj and comm, spread the work over
 * threads, share its mm with a second process (clone(CLONE_VM)), report
 * readiness through a file and hold the memory until killed. With -W it
 * keeps re-reading what it holds, a working set that thrashes once it no
 * longer fits.
 *
 * A failing mmap() (ENOMEM) is retried every 10 ms: the tests want the
 * process to be killed, not to give up on its own.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"

#define CHUNK_SIZE	(1UL << 20)
#define REPORT_MB	64
#define SHARER_STACK	(64UL << 10)
#define MAX_THREADS	8192
/* Stack of each -t thread. */
#define WORKER_STACK	(128 * 1024)

const char *prog = "hog";

struct worker {
	pthread_t thread;
	unsigned long mb;	/* this worker's share; ignored if forever */
	uint64_t ns_per_mb;	/* pacing; 0 = as fast as possible */
	uint64_t seed;
};

static bool forever;		/* -m 0: grow until killed */
static bool compressible;	/* -c */
static const char *walk_file;	/* -W: walk, counting passes here */
static void **chunks;		/* -W: every chunk, in order */
static atomic_uint sink;	/* -W: what it read, so that it reads */
static unsigned long nr_chunks, walk_pos, walk_passes;
static bool quiet;
static atomic_ulong allocated_mb;
static pthread_barrier_t done_barrier;
static char sharer_name[16];

static void print_usage(void)
{
	fprintf(stderr,
		"usage: %s [-m MB] [-r MBPS] [-a ADJ] [-n NAME] [-t N] [-s]\n"
		"           [-R FILE] [-H] [-w FILE] [-q] [-c] [-L] [-V] [-N NODE]\n"
		"           [-W FILE]\n"
		"  -m MB    total MiB to allocate (0 = grow until killed; default 0)\n"
		"  -r MBPS  growth rate in MiB/s (0 = as fast as possible; default 0)\n"
		"  -a ADJ   write ADJ to /proc/self/oom_score_adj first\n"
		"  -n NAME  set comm to NAME (at most 15 characters)\n"
		"  -t N     allocate from N threads, each an equal share\n"
		"  -s       also start a CLONE_VM sharer process, comm NAME-s\n"
		"           (cut to 15 characters)\n"
		"  -R FILE  when holding, write pid (and sharer pid) to FILE\n"
		"  -H       hold the memory forever instead of exiting\n"
		"  -w FILE  while holding, append to FILE every 50 ms\n"
		"  -q       quiet: no progress lines\n"
		"  -c       compressible data (about 3:1 with lz4, like real\n"
		"           heaps) instead of incompressible noise\n"
		"  -L       with -t and -H: once ready, the main thread exits\n"
		"           (pthread_exit) and the other threads hold the memory\n"
		"  -V       with -H: once ready, vfork a child (comm NAME-v) that\n"
		"           holds too; -R then gets both pids, written by the child\n"
		"  -N NODE  allocate from NUMA node NODE only (MPOL_BIND)\n"
		"  -W FILE  walk: instead of sleeping between chunks, and then\n"
		"           forever, read one byte of every page held, in order,\n"
		"           writing the number of whole passes to FILE after\n"
		"           each (not with -t, -s, -L or -w)\n",
		prog);
	exit(2);
}

static uint64_t xorshift(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*state = x;
	return x;
}

/*
 * Fill @len bytes at @p, continuing the xorshift64 sequence in *@state:
 * with noise, or (-c) with data that compresses about 3:1 with lz4, like
 * a real heap: per 4 KiB, a quarter noise and the rest 64-byte records
 * (a counter, then pointers, sizes and flags shared by the page's
 * records), as arrays of similar objects are.
 */
static void fill(void *p, size_t len, uint64_t *state)
{
	uint64_t *q = p, *end = q + len / sizeof(*q);

	if (!compressible) {
		while (q < end)
			*q++ = xorshift(state);
		return;
	}
	while (q < end) {
		uint64_t *page_end = q + 4096 / sizeof(*q);
		uint64_t base = xorshift(state) & ~0xfffULL, n = 0;
		unsigned int f;

		if (page_end > end)
			page_end = end;
		while (q < page_end && n++ < 4096 / 4 / sizeof(*q))
			*q++ = xorshift(state);
		for (n = 0; q + 8 <= page_end; n++) {
			*q++ = n;
			for (f = 1; f < 8; f++)
				*q++ = base + f * 0x40;
		}
		while (q < page_end)
			*q++ = 0;
	}
}

static void *map_chunk(void)
{
	for (;;) {
		void *p = mmap(NULL, CHUNK_SIZE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p != MAP_FAILED)
			return p;
		if (errno != ENOMEM)
			die_errno("mmap");
		sleep_ms(10);
	}
}

/* -W: read one byte of the next 64 pages held; count whole passes. */
static void walk_step(void)
{
	char buf[32];
	int n;

	for (n = 0; n < 64 && nr_chunks; n++) {
		unsigned long page = walk_pos++;

		sink += ((unsigned char *)chunks[page / (CHUNK_SIZE / 4096)])
			[(page % (CHUNK_SIZE / 4096)) * 4096];
		if (walk_pos < nr_chunks * (CHUNK_SIZE / 4096))
			continue;
		walk_pos = 0;
		snprintf(buf, sizeof(buf), "%lu\n", ++walk_passes);
		write_file_atomic(walk_file, buf);
	}
}

/* Allocate and touch this worker's share, paced; returns when done. */
static void allocate(struct worker *w)
{
	uint64_t start = now_ns(), state = w->seed;
	unsigned long i;

	for (i = 1; forever || i <= w->mb; i++) {
		unsigned long total;
		void *p = map_chunk();

		fill(p, CHUNK_SIZE, &state);
		if (walk_file) {
			chunks = realloc(chunks, (nr_chunks + 1) *
					 sizeof(*chunks));
			if (!chunks)
				die_errno("realloc");
			chunks[nr_chunks++] = p;
		}
		total = atomic_fetch_add(&allocated_mb, 1) + 1;
		if (!quiet && total % REPORT_MB == 0)
			printf("%s: pid %d allocated %lu MiB\n", prog,
			       (int)getpid(), total);
		if (w->ns_per_mb && walk_file)
			while (now_ns() < start + i * w->ns_per_mb)
				walk_step();
		else if (w->ns_per_mb)
			while (sleep_until_ns(start + i * w->ns_per_mb) == EINTR)
				;
	}
}

static void hold(void)
{
	for (;;)
		pause();
}

/*
 * Hold, appending a byte to FILE every 50 ms: on a frozen file system the
 * write blocks in uninterruptible sleep, where even SIGKILL must wait.
 */
static void hold_writing(const char *file)
{
	for (;;) {
		int fd = open(file, O_WRONLY | O_CREAT | O_APPEND, 0644);

		if (fd < 0)
			die_errno("open %s", file);
		if (write(fd, "x", 1) != 1)
			die_errno("write %s", file);
		close(fd);
		usleep(50000);
	}
}

static void *worker_fn(void *arg)
{
	allocate(arg);
	pthread_barrier_wait(&done_barrier);
	hold();
	return NULL;
}

static int sharer_fn(void *arg)
{
	(void)arg;
	prctl(PR_SET_NAME, sharer_name);
	hold();
	return 0;
}

/* The -V child: writes the ready file for both, then holds. */
static const char *vfork_ready;

static int vfork_fn(void *arg)
{
	char buf[64];

	(void)arg;
	prctl(PR_SET_NAME, sharer_name);
	snprintf(buf, sizeof(buf), "%d\n%d\n", (int)getppid(), (int)getpid());
	if (vfork_ready)
		write_file_atomic(vfork_ready, buf);
	hold();
	return 0;
}

/*
 * -V: start a child as vfork() does (CLONE_VM | CLONE_VFORK: it shares our
 * mm and we wait, killable, until it exits), on a stack of its own; its
 * comm is our comm plus "-v". Returns once the child is dead.
 */
static void vfork_and_wait(const char *ready_file)
{
	char name[32] = "";
	void *stack;

	if (prctl(PR_GET_NAME, name))
		die_errno("prctl(PR_GET_NAME)");
	strcat(name, "-v");
	name[15] = '\0';
	memcpy(sharer_name, name, sizeof(sharer_name));
	vfork_ready = ready_file;
	stack = mmap(NULL, SHARER_STACK, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (stack == MAP_FAILED)
		die_errno("mmap vfork stack");
	if (clone(vfork_fn, (char *)stack + SHARER_STACK,
		  CLONE_VM | CLONE_VFORK | SIGCHLD, NULL) < 0)
		die_errno("clone(CLONE_VM | CLONE_VFORK)");
}

/* Start a process sharing our mm; its comm is our comm plus "-s". */
static pid_t start_sharer(void)
{
	char name[32] = "";
	void *stack;
	pid_t pid;

	if (prctl(PR_GET_NAME, name))
		die_errno("prctl(PR_GET_NAME)");
	strcat(name, "-s");
	name[15] = '\0';
	memcpy(sharer_name, name, sizeof(sharer_name));

	stack = mmap(NULL, SHARER_STACK, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (stack == MAP_FAILED)
		die_errno("mmap sharer stack");
	pid = clone(sharer_fn, (char *)stack + SHARER_STACK,
		    CLONE_VM | SIGCHLD, NULL);
	if (pid < 0)
		die_errno("clone(CLONE_VM)");
	if (!quiet)
		printf("%s: pid %d sharer pid %d\n", prog, (int)getpid(),
		       (int)pid);
	return pid;
}

static void write_ready(const char *file, pid_t sharer)
{
	char buf[64];

	if (sharer > 0)
		snprintf(buf, sizeof(buf), "%d\n%d\n", (int)getpid(),
			 (int)sharer);
	else
		snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
	write_file_atomic(file, buf);
}

int main(int argc, char **argv)
{
	unsigned long total_mb = 0, rate = 0, nthreads = 0, i;
	const char *name = NULL, *ready_file = NULL, *write_file = NULL;
	bool share = false, hold_on = false, have_adj = false;
	bool leader_exits = false, vfork_child = false;
	long bind_node = -1;
	struct worker *workers;
	pid_t sharer = 0;
	int adj = 0, opt;

	while ((opt = getopt(argc, argv, "m:r:a:n:t:sR:Hqw:cLVN:W:")) != -1) {
		switch (opt) {
		case 'm':
			total_mb = parse_ulong(optarg, opt, 1UL << 30);
			break;
		case 'r':
			rate = parse_ulong(optarg, opt, 1UL << 30);
			break;
		case 'a':
			adj = parse_long(optarg, opt, -1000, 1000);
			have_adj = true;
			break;
		case 'n':
			name = parse_comm(optarg, opt);
			break;
		case 't':
			nthreads = parse_ulong(optarg, opt, MAX_THREADS);
			if (!nthreads)
				print_usage();
			break;
		case 's':
			share = true;
			break;
		case 'R':
			ready_file = optarg;
			break;
		case 'H':
			hold_on = true;
			break;
		case 'q':
			quiet = true;
			break;
		case 'w':
			write_file = optarg;
			break;
		case 'c':
			compressible = true;
			break;
		case 'L':
			leader_exits = true;
			break;
		case 'V':
			vfork_child = true;
			break;
		case 'N':
			bind_node = parse_long(optarg, opt, 0, 63);
			break;
		case 'W':
			walk_file = optarg;
			break;
		default:
			print_usage();
		}
	}
	if (optind != argc || (leader_exits && (!nthreads || !hold_on)))
		print_usage();
	if (vfork_child && (!hold_on || share || leader_exits || walk_file))
		print_usage();
	if (walk_file && (nthreads || share || leader_exits || write_file))
		print_usage();

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (have_adj)
		set_oom_score_adj(adj);
	set_comm(name);
	forever = total_mb == 0;
	if (bind_node >= 0) {
		/* MPOL_BIND is 2; no libnuma in a static guest program. */
		unsigned long mask = 1UL << bind_node;

		if (syscall(SYS_set_mempolicy, 2, &mask, 64))
			die_errno("set_mempolicy(MPOL_BIND, node %ld)",
				  bind_node);
	}

	/* Growing forever never reaches a target: be "ready" at once. */
	if (forever) {
		if (share)
			sharer = start_sharer();
		if (ready_file)
			write_ready(ready_file, sharer);
	}

	workers = calloc(nthreads ? nthreads : 1, sizeof(*workers));
	if (!workers)
		die_errno("calloc");
	for (i = 0; i < (nthreads ? nthreads : 1); i++) {
		struct worker *w = &workers[i];

		w->mb = nthreads ? total_mb / nthreads +
			(i < total_mb % nthreads) : total_mb;
		if (rate)
			w->ns_per_mb = NSEC_PER_SEC * (nthreads ? nthreads : 1) /
				       rate;
		w->seed = (now_ns() ^ ((uint64_t)getpid() << 32)) *
			  0x9e3779b97f4a7c15ULL + i + 1;
		if (!w->seed)
			w->seed = 1;
	}

	if (nthreads) {
		int err = pthread_barrier_init(&done_barrier, NULL,
					       nthreads + 1);

		if (err)
			die("pthread_barrier_init: %s", strerror(err));
		pthread_attr_t attr;

		/* Small stacks: thousands of threads fit in a small guest. */
		if (pthread_attr_init(&attr) ||
		    pthread_attr_setstacksize(&attr, WORKER_STACK))
			die("pthread_attr");
		for (i = 0; i < nthreads; i++) {
			err = pthread_create(&workers[i].thread, &attr,
					     worker_fn, &workers[i]);
			if (err)
				die("pthread_create: %s", strerror(err));
		}
		pthread_barrier_wait(&done_barrier);
	} else {
		allocate(&workers[0]);
	}

	/* Target reached (never gets here with -m 0). */
	if (!quiet)
		printf("%s: pid %d reached %lu MiB\n", prog, (int)getpid(),
		       total_mb);
	if (share)
		sharer = start_sharer();
	if (vfork_child)
		vfork_and_wait(ready_file);
	else if (ready_file)
		write_ready(ready_file, sharer);
	if (leader_exits)
		pthread_exit(NULL);
	if (hold_on && write_file)
		hold_writing(write_file);
	while (hold_on && walk_file)
		walk_step();
	if (hold_on)
		hold();

	/* Do not leave a sharer behind, pinning the memory. */
	if (sharer > 0) {
		kill(sharer, SIGKILL);
		waitpid(sharer, NULL, 0);
	}
	return 0;
}
