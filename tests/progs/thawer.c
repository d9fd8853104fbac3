// SPDX-License-Identifier: GPL-2.0
/*
 * thawer - thaw a frozen file system a set time after a kernel log line.
 *
 * Waits on /dev/kmsg for the first new line that contains PATTERN, sleeps
 * DELAY_MS, and thaws the file system mounted at DIR (FITHAW), so that a
 * process blocked writing to it can go on. It runs at adj -1000, locked in
 * memory and SCHED_FIFO, so that memory pressure does not delay it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <sched.h>
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
	fprintf(stderr, "usage: %s -m PATTERN [-d DELAY_MS] DIR\n", prog);
	exit(2);
}

int main(int argc, char **argv)
{
	struct sched_param sp = { .sched_priority = 50 };
	const char *pattern = NULL;
	unsigned long delay = 0;
	char rec[8192];
	int kmsg, fd, opt;

	while ((opt = getopt(argc, argv, "m:d:")) != -1) {
		switch (opt) {
		case 'm':
			pattern = optarg;
			break;
		case 'd':
			delay = parse_ulong(optarg, opt, 60000);
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
	kmsg = open("/dev/kmsg", O_RDONLY);
	if (kmsg < 0)
		die_errno("open /dev/kmsg");
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
	sleep_ms(delay);
	if (ioctl(fd, FITHAW, 0))
		die_errno("FITHAW %s", argv[optind]);
	printf("%s: thawed %s %lu ms after \"%s\"\n", prog, argv[optind],
	       delay, pattern);
	return 0;
}
