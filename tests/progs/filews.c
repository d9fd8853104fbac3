// SPDX-License-Identifier: GPL-2.0
/*
 * filews - a file-backed working set for the Simple LMK benchmark.
 *
 * Maps FILE shared and read-only and reads one byte of every page, in
 * order, over and over: a process whose working set is page cache, which
 * reclaim can drop but which must then be read back from the disk. It
 * sets its oom_score_adj (-a) and comm (-n) first. On SIGTERM or SIGINT
 * it prints one line:
 *   filews: passes N pages P
 * (P counts every page read, partial passes included).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

const char *prog = "filews";

static atomic_uint sink;

static void print_usage(void)
{
	fprintf(stderr,
		"usage: %s [-a ADJ] [-n NAME] FILE\n"
		"  -a ADJ   write ADJ to /proc/self/oom_score_adj first\n"
		"  -n NAME  set comm to NAME (at most 15 characters)\n",
		prog);
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned long passes = 0, pages = 0, npages, i;
	size_t page = sysconf(_SC_PAGESIZE);
	const char *name = NULL;
	bool have_adj = false;
	const char *map;
	struct stat st;
	int adj = 0, fd, opt;

	while ((opt = getopt(argc, argv, "a:n:")) != -1) {
		switch (opt) {
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
	if (optind != argc - 1)
		print_usage();

	if (have_adj)
		set_oom_score_adj(adj);
	set_comm(name);

	fd = open(argv[optind], O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		die_errno("cannot open %s", argv[optind]);
	if (fstat(fd, &st))
		die_errno("cannot stat %s", argv[optind]);
	if (st.st_size <= 0)
		die("%s is empty", argv[optind]);
	map = mmap(NULL, st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED)
		die_errno("cannot mmap %s", argv[optind]);
	close(fd);
	npages = (st.st_size + page - 1) / page;

	catch_stop_signals();

	while (!stop_requested) {
		for (i = 0; i < npages && !stop_requested; i++, pages++)
			sink += map[i * page];
		if (i == npages)
			passes++;
	}
	printf("filews: passes %lu pages %lu\n", passes, pages);
	if (fflush(stdout))
		die_errno("cannot write output");
	return 0;
}
