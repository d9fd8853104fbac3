// SPDX-License-Identifier: GPL-2.0
/*
 * thawer - thaw a frozen file system a set time after a kernel log line.
 *
 * Waits on /dev/kmsg for the first new line that contains PATTERN, sleeps
 * DELAY_MS, and thaws the file system mounted at DIR (FITHAW), so that a
 * process blocked writing to it can go on. With -c FILE, it thaws as soon
 * as the number in FILE (a counter) has grown since PATTERN, and at
 * DELAY_MS at the latest. It runs at adj -1000, locked in memory and
 * SCHED_FIFO, so that memory pressure does not delay it. Once thawed, it
 * says so in the kernel log too ("thawer: thawed DIR"), so that a test can
 * tell from the kernel's own times how long after the line the thaw came.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common.h"

const char *prog = "thawer";

static void print_usage(void)
{
	fprintf(stderr, "usage: %s -m PATTERN [-d DELAY_MS] [-c FILE] DIR\n",
		prog);
	exit(2);
}

/*
 * Read the counter open at @fd from its start. The file stays open, and
 * the kernel keeps its read buffer: no allocation while memory is short,
 * which under TCG once held the thawer in direct reclaim for 500 ms.
 */
static unsigned long long read_counter(int fd, const char *path)
{
	char buf[32];
	ssize_t n;

	n = pread(fd, buf, sizeof(buf) - 1, 0);
	if (n < 0)
		die_errno("read %s", path);
	if (n == 0)
		die("%s is empty", path);
	buf[n] = '\0';
	return strtoull(buf, NULL, 10);
}

/*
 * Sleep DELAY_MS, or less if COUNTER (when given) grows meanwhile. Sets
 * *@slept to the ms slept. Return: true if the counter grew.
 */
static bool wait_delay(unsigned long delay, const char *counter, int cfd,
		       unsigned long *slept)
{
	uint64_t start = now_ns(), end = start + delay * 1000000ULL;
	unsigned long long base;
	bool grew = false;

	if (!counter) {
		sleep_ms(delay);
		*slept = delay;
		return false;
	}
	base = read_counter(cfd, counter);
	while (now_ns() < end) {
		if (read_counter(cfd, counter) != base) {
			grew = true;
			break;
		}
		sleep_ms(2);
	}
	*slept = (now_ns() - start) / 1000000;
	return grew;
}

int main(int argc, char **argv)
{
	struct sched_param sp = { .sched_priority = 50 };
	const char *pattern = NULL, *counter = NULL;
	unsigned long delay = 0, slept;
	bool grew;
	char rec[8192];
	int kmsg, kmsg_w, fd, cfd = -1, opt, len;

	while ((opt = getopt(argc, argv, "m:d:c:")) != -1) {
		switch (opt) {
		case 'm':
			pattern = optarg;
			break;
		case 'd':
			delay = parse_ulong(optarg, opt, 60000);
			break;
		case 'c':
			counter = optarg;
			break;
		default:
			print_usage();
		}
	}
	if (!pattern || optind != argc - 1)
		print_usage();

	set_oom_score_adj(-1000);
	if (mlockall(MCL_CURRENT | MCL_FUTURE))
		die_errno("mlockall");
	if (sched_setscheduler(0, SCHED_FIFO, &sp))
		die_errno("sched_setscheduler");
	fd = open(argv[optind], O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		die_errno("open %s", argv[optind]);
	if (counter) {
		cfd = open(counter, O_RDONLY);
		if (cfd < 0)
			die_errno("open %s", counter);
		/* The first read allocates the kernel's buffer, now. */
		read_counter(cfd, counter);
	}
	kmsg = open("/dev/kmsg", O_RDONLY);
	if (kmsg < 0)
		die_errno("open /dev/kmsg");
	kmsg_w = open("/dev/kmsg", O_WRONLY);
	if (kmsg_w < 0)
		die_errno("open /dev/kmsg for writing");
	if (lseek(kmsg, 0, SEEK_END) < 0)
		die_errno("lseek /dev/kmsg");

	for (;;) {
		ssize_t n = read(kmsg, rec, sizeof(rec) - 1);

		if (n < 0) {
			if (errno == EINTR || errno == EPIPE)
				continue;
			die_errno("read /dev/kmsg");
		}
		rec[n] = '\0';
		if (strstr(rec, pattern))
			break;
	}
	grew = wait_delay(delay, counter, cfd, &slept);
	if (ioctl(fd, FITHAW, 0))
		die_errno("FITHAW %s", argv[optind]);
	/*
	 * In the kernel log too, for the kernel's time of the thaw: one
	 * write(), one record (dprintf() may write in pieces).
	 */
	len = snprintf(rec, sizeof(rec), "%s: thawed %s\n", prog, argv[optind]);
	if (write(kmsg_w, rec, len) < 0)
		die_errno("write /dev/kmsg");
	printf("%s: thawed %s %lu ms after \"%s\"%s\n", prog, argv[optind],
	       slept, pattern, grew ? ", when the counter grew" : "");
	return 0;
}
