// SPDX-License-Identifier: GPL-2.0
/*
 * waitkills - wait, without polling, for Simple LMK to kill.
 *
 * Reads /sys/kernel/simple_lmk/kills (or FILE), then sleeps in poll() until
 * the module notifies the file (sysfs_notify()), and prints the count before
 * and after: "kills N -> M". Repeats COUNT times (default 1). Exits 1 if
 * SECONDS (default: forever) go by first. It runs at adj -1000 and locked
 * in memory, so that the memory pressure it waits for does not delay it.
 * The admin guide shows the same loop.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common.h"

const char *prog = "waitkills";

static void print_usage(void)
{
	fprintf(stderr, "usage: %s [-n COUNT] [-t SECONDS] [FILE]\n", prog);
	exit(2);
}

/* The file's value, read from its start. */
static unsigned long read_count(int fd, const char *path)
{
	char buf[32];
	ssize_t n;

	n = pread(fd, buf, sizeof(buf) - 1, 0);
	if (n <= 0)
		die_errno("read %s", path);
	buf[n] = '\0';
	return strtoul(buf, NULL, 10);
}

int main(int argc, char **argv)
{
	const char *path = "/sys/kernel/simple_lmk/kills";
	unsigned long count = 1, i, before;
	int timeout_ms = -1, opt, fd;

	while ((opt = getopt(argc, argv, "n:t:")) != -1) {
		switch (opt) {
		case 'n':
			count = parse_ulong(optarg, 'n', 1000000);
			break;
		case 't':
			timeout_ms = (int)parse_ulong(optarg, 't', 86400) * 1000;
			break;
		default:
			print_usage();
		}
	}
	if (optind < argc)
		path = argv[optind++];
	if (optind != argc)
		print_usage();

	set_oom_score_adj(-1000);
	if (mlockall(MCL_CURRENT | MCL_FUTURE))
		die_errno("mlockall");
	fd = open(path, O_RDONLY);
	if (fd < 0)
		die_errno("open %s", path);

	/* sysfs wakes poll() with POLLPRI | POLLERR once the file was read. */
	before = read_count(fd, path);
	for (i = 0; i < count; i++) {
		struct pollfd pfd = { .fd = fd, .events = POLLPRI };
		unsigned long after;
		int r;

		r = poll(&pfd, 1, timeout_ms);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			die_errno("poll");
		if (r == 0) {
			printf("timeout: kills %lu\n", before);
			return 1;
		}
		after = read_count(fd, path);
		printf("kills %lu -> %lu\n", before, after);
		fflush(stdout);
		before = after;
	}
	return 0;
}
