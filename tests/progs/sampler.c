// SPDX-License-Identifier: GPL-2.0
/*
 * sampler - memory-pressure sampler for the Simple LMK benchmark.
 *
 * Every -i MS milliseconds (default 20) it reads MemAvailable from
 * /proc/meminfo, the "some" and "full" totals from /proc/pressure/memory
 * and a few /proc/vmstat counters, and stores them in a preallocated,
 * locked array: nothing is written while it samples, so that its own I/O
 * cannot add to the pressure it measures. On SIGTERM or SIGINT (or after
 * -d SEC seconds) it prints every sample, one line each:
 *
 *   S t_ns memavail_kb some_us full_us oom_kill allocstall pgmajfault
 *     refault_anon refault_file
 *
 * t_ns is CLOCK_MONOTONIC, the clock of ftrace's "mono" trace clock;
 * allocstall is the sum of the allocstall_* counters; refault_* are
 * workingset_refault_anon and workingset_refault_file (0 where the kernel
 * lacks them). With -x FILE, a tenth value follows: the number FILE holds
 * (Simple LMK's /sys/kernel/simple_lmk/reclaim_stall_ms, say), or 0 if it
 * cannot be read. The files stay open and are re-read with pread(), so a
 * sample costs no path lookup and no allocation.
 *
 * Run it at oom_score_adj -1000 (-a -1000) and locked (-l) so that no
 * killer picks it and reclaim does not page it out.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common.h"

#define MAX_SAMPLES	(1UL << 20)
#define BUF_SIZE	16384

const char *prog = "sampler";

struct sample {
	uint64_t t_ns;
	uint64_t memavail_kb;
	uint64_t some_us, full_us;
	uint64_t oom_kill, allocstall, pgmajfault;
	uint64_t refault_anon, refault_file;
	uint64_t extra;
};

static char buf[BUF_SIZE];

static void print_usage(void)
{
	fprintf(stderr,
		"usage: %s [-i MS] [-d SEC] [-l] [-a ADJ] [-x FILE]\n"
		"  -i MS    sampling period in milliseconds (default 20)\n"
		"  -d SEC   stop after SEC seconds (0 = at SIGTERM/SIGINT; default 0)\n"
		"  -l       mlockall(MCL_CURRENT | MCL_FUTURE) at start\n"
		"  -a ADJ   write ADJ to /proc/self/oom_score_adj first\n"
		"  -x FILE  also sample the number in FILE\n",
		prog);
	exit(2);
}

static int open_ro(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		die_errno("cannot open %s", path);
	return fd;
}

/* Read all of @fd from offset 0 into buf, NUL-terminated. */
static const char *read_all(int fd)
{
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	if (n < 0)
		die_errno("read");
	buf[n] = '\0';
	return buf;
}

/* The number after @key (which includes its separator) in @text, or 0. */
static uint64_t field(const char *text, const char *key)
{
	const char *p = text;
	size_t len = strlen(key);

	while ((p = strstr(p, key))) {
		/* Match whole keys only: at the start of a line or a word. */
		if (p == text || p[-1] == '\n' || p[-1] == ' ')
			return strtoull(p + len, NULL, 10);
		p += len;
	}
	return 0;
}

/* Sum of every "allocstall_<zone> N" line of /proc/vmstat. */
static uint64_t allocstalls(const char *vmstat)
{
	const char *p = vmstat;
	uint64_t sum = 0;

	while ((p = strstr(p, "allocstall_"))) {
		const char *sp = strchr(p, ' ');

		if (!sp)
			break;
		sum += strtoull(sp + 1, NULL, 10);
		p = sp;
	}
	return sum;
}

static void take(struct sample *s, int meminfo, int psi, int vmstat,
		 int extra)
{
	const char *text, *full;

	s->t_ns = now_ns();
	s->memavail_kb = field(read_all(meminfo), "MemAvailable:");

	/* "some avg10=... total=N\nfull avg10=... total=N\n" */
	text = read_all(psi);
	full = strstr(text, "full ");
	s->some_us = field(text, "total=");
	s->full_us = full ? field(full, "total=") : 0;

	text = read_all(vmstat);
	s->oom_kill = field(text, "oom_kill ");
	s->allocstall = allocstalls(text);
	s->pgmajfault = field(text, "pgmajfault ");
	s->refault_anon = field(text, "workingset_refault_anon ");
	s->refault_file = field(text, "workingset_refault_file ");
	if (extra >= 0) {
		ssize_t n = pread(extra, buf, sizeof(buf) - 1, 0);

		buf[n > 0 ? n : 0] = '\0';
		s->extra = strtoull(buf, NULL, 10);
	}
}

int main(int argc, char **argv)
{
	unsigned long interval_ms = 20, duration = 0, n = 0, max, i;
	bool lock = false, have_adj = false;
	uint64_t next, interval, end_time;
	int meminfo, psi, vmstat, extra = -1, adj = 0, opt;
	const char *extra_file = NULL;
	struct sample *samples;

	while ((opt = getopt(argc, argv, "i:d:la:x:")) != -1) {
		switch (opt) {
		case 'i':
			interval_ms = parse_ulong(optarg, opt, 3600UL * 1000);
			if (!interval_ms)
				print_usage();
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
		case 'x':
			extra_file = optarg;
			break;
		default:
			print_usage();
		}
	}
	if (optind != argc)
		print_usage();

	if (have_adj)
		set_oom_score_adj(adj);
	if (lock && mlockall(MCL_CURRENT | MCL_FUTURE))
		die_errno("mlockall");

	max = MAX_SAMPLES;
	if (duration && duration * 1000 / interval_ms + 16 < max)
		max = duration * 1000 / interval_ms + 16;
	samples = malloc(max * sizeof(*samples));
	if (!samples)
		die_errno("malloc");
	memset(samples, 0, max * sizeof(*samples));	/* fault in */

	meminfo = open_ro("/proc/meminfo");
	psi = open_ro("/proc/pressure/memory");
	vmstat = open_ro("/proc/vmstat");
	if (extra_file)
		extra = open_ro(extra_file);

	catch_stop_signals();

	interval = interval_ms * NSEC_PER_MSEC;
	next = now_ns();
	end_time = duration ? next + duration * NSEC_PER_SEC : UINT64_MAX;
	while (!stop_requested && n < max && next < end_time) {
		if (sleep_until_ns(next) || stop_requested)
			continue;
		take(&samples[n++], meminfo, psi, vmstat, extra);
		next += interval;
		/* Late (the host or the guest stalled): skip missed ticks. */
		if (next < samples[n - 1].t_ns)
			next = samples[n - 1].t_ns;
	}

	for (i = 0; i < n; i++) {
		const struct sample *s = &samples[i];

		printf("S %llu %llu %llu %llu %llu %llu %llu %llu %llu",
		       (unsigned long long)s->t_ns,
		       (unsigned long long)s->memavail_kb,
		       (unsigned long long)s->some_us,
		       (unsigned long long)s->full_us,
		       (unsigned long long)s->oom_kill,
		       (unsigned long long)s->allocstall,
		       (unsigned long long)s->pgmajfault,
		       (unsigned long long)s->refault_anon,
		       (unsigned long long)s->refault_file);
		if (extra >= 0)
			printf(" %llu", (unsigned long long)s->extra);
		putchar('\n');
	}
	if (fflush(stdout))
		die_errno("cannot write output");
	return 0;
}
