// SPDX-License-Identifier: GPL-2.0
/*
 * latprobe - periodic latency probe for the Simple LMK tests.
 *
 * Every -i MS milliseconds it allocates and touches -m MB MiB of anonymous
 * memory, frees it, and reads one byte of the next page of the mmap()ed
 * file -f FILE (if given, cycling through its pages). For each iteration
 * it records the lateness: the time from the scheduled start to the end
 * of the work (start delay plus work time), on CLOCK_MONOTONIC. When an
 * iteration overruns the next tick, the missed ticks are skipped and the
 * next iteration starts at once.
 *
 * After -d SEC seconds (0 = until SIGTERM/SIGINT) it prints one line:
 *   latprobe: iterations N max_us X p99_us Y over100ms Z over1s W
 * max and the over* counts cover every iteration; p99 covers the samples
 * kept in the preallocated array (the most recent ones if it wrapped).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

#define MAX_SAMPLES		(1UL << 22)	/* 16 MiB of samples */
#define DEFAULT_SAMPLES		(1UL << 20)	/* for -d 0 */

const char *prog = "latprobe";

/* Reads of the mapped file go here, so that they are not optimised away. */
static atomic_uint sink;

static void print_usage(void)
{
	fprintf(stderr,
		"usage: %s [-i MS] [-m MB] [-f FILE] [-d SEC] [-l] [-a ADJ] [-n NAME]\n"
		"  -i MS    period in milliseconds (default 10)\n"
		"  -m MB    MiB of anonymous memory to touch per period (default 2)\n"
		"  -f FILE  also read one byte of a page of FILE per period\n"
		"  -d SEC   run for SEC seconds (0 = until SIGTERM/SIGINT; default 0)\n"
		"  -l       mlockall(MCL_CURRENT | MCL_FUTURE) at start\n"
		"  -a ADJ   write ADJ to /proc/self/oom_score_adj first\n"
		"  -n NAME  set comm to NAME (at most 15 characters)\n",
		prog);
	exit(2);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* Map @path read-only; not locked even under mlockall(MCL_FUTURE). */
static const char *map_file(const char *path, size_t *len, bool locked)
{
	struct stat st;
	void *p;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		die_errno("cannot open %s", path);
	if (fstat(fd, &st))
		die_errno("cannot stat %s", path);
	if (st.st_size <= 0)
		die("%s is empty", path);
	*len = st.st_size;
	/*
	 * With MCL_FUTURE a readable mapping would be populated and locked
	 * at once; a PROT_NONE one is not populated, so map it like that,
	 * unlock it, then make it readable.
	 */
	p = mmap(NULL, *len, locked ? PROT_NONE : PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		die_errno("cannot mmap %s", path);
	if (locked && (munlock(p, *len) || mprotect(p, *len, PROT_READ)))
		die_errno("cannot unlock mapping of %s", path);
	close(fd);
	return p;
}

static void touch_anon(size_t len, size_t page, unsigned long iter)
{
	char *p;
	size_t off;

	for (;;) {
		p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p != MAP_FAILED)
			break;
		if (errno != ENOMEM)
			die_errno("mmap");
		sleep_ms(1);
	}
	for (off = 0; off < len; off += page)
		p[off] = (char)(iter | 1);
	munmap(p, len);
}

int main(int argc, char **argv)
{
	unsigned long interval_ms = 10, mb = 2, duration = 0;
	unsigned long iterations = 0, over100ms = 0, over1s = 0;
	unsigned long nsamples, stored, i;
	uint64_t t0, next, end_time, interval, max_ns = 0;
	const char *file = NULL, *fmap = NULL, *name = NULL;
	bool lock = false, have_adj = false;
	size_t page = sysconf(_SC_PAGESIZE), flen = 0, fpages = 0;
	uint32_t *samples;
	uint32_t p99 = 0;
	int adj = 0, opt;

	while ((opt = getopt(argc, argv, "i:m:f:d:la:n:")) != -1) {
		switch (opt) {
		case 'i':
			interval_ms = parse_ulong(optarg, opt, 3600UL * 1000);
			if (!interval_ms)
				print_usage();
			break;
		case 'm':
			mb = parse_ulong(optarg, opt, 1UL << 20);
			break;
		case 'f':
			file = optarg;
			break;
		case 'd':
			duration = parse_ulong(optarg, opt, 1UL << 30);
			break;
		case 'l':
			lock = true;
			break;
		case 'a':
			adj = parse_long(optarg, opt, -1000, 1000);
			have_adj = true;
			break;
		case 'n':
			name = parse_comm(optarg, opt);
			break;
		default:
			print_usage();
		}
	}
	if (optind != argc)
		print_usage();

	if (have_adj)
		set_oom_score_adj(adj);
	set_comm(name);
	if (lock && mlockall(MCL_CURRENT | MCL_FUTURE))
		die_errno("mlockall");

	nsamples = DEFAULT_SAMPLES;
	if (duration) {
		nsamples = duration * 1000 / interval_ms + 16;
		if (nsamples > MAX_SAMPLES)
			nsamples = MAX_SAMPLES;
	}
	samples = malloc(nsamples * sizeof(*samples));
	if (!samples)
		die_errno("malloc");
	memset(samples, 0, nsamples * sizeof(*samples));	/* fault in */

	if (file) {
		fmap = map_file(file, &flen, lock);
		fpages = (flen + page - 1) / page;
	}

	catch_stop_signals();

	interval = interval_ms * NSEC_PER_MSEC;
	t0 = now_ns();
	next = t0;
	end_time = duration ? t0 + duration * NSEC_PER_SEC : UINT64_MAX;
	while (!stop_requested && next < end_time) {
		uint64_t done, late;

		if (sleep_until_ns(next) || stop_requested)
			continue;
		if (mb)
			touch_anon(mb << 20, page, iterations);
		if (fmap)
			sink += fmap[(iterations % fpages) * page];
		done = now_ns();

		late = done - next;
		if (late > max_ns)
			max_ns = late;
		if (late > 100 * NSEC_PER_MSEC)
			over100ms++;
		if (late > NSEC_PER_SEC)
			over1s++;
		late /= NSEC_PER_USEC;
		samples[iterations % nsamples] = late > UINT32_MAX ?
						 UINT32_MAX : late;
		iterations++;

		next += interval;
		if (next < done)
			next = done;
	}

	stored = iterations < nsamples ? iterations : nsamples;
	if (stored) {
		qsort(samples, stored, sizeof(*samples), cmp_u32);
		/* nearest rank: ceil(0.99 * n) */
		i = (stored * 99 + 99) / 100;
		p99 = samples[i - 1];
	}
	printf("latprobe: iterations %lu max_us %llu p99_us %u over100ms %lu over1s %lu\n",
	       iterations, (unsigned long long)(max_ns / NSEC_PER_USEC),
	       (unsigned int)p99, over100ms, over1s);
	if (fflush(stdout))
		die_errno("cannot write output");
	return 0;
}
