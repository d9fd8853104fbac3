// SPDX-License-Identifier: GPL-2.0
/*
 * runat - run a command, or change a running process, with a given nice
 * value, CPU affinity or scheduling policy (busybox has no nice or chrt).
 *
 *   runat [-n NICE] [-c CPU] [-f PRIO | -d RUNTIME_MS/PERIOD_MS] CMD [ARG...]
 *   runat -p PID [-f PRIO | -d RUNTIME_MS/PERIOD_MS]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common.h"

#ifndef SCHED_DEADLINE
#define SCHED_DEADLINE	6
#endif

const char *prog = "runat";

/* The kernel's struct sched_attr, first version (48 bytes). */
struct sched_attr_v0 {
	uint32_t size;
	uint32_t sched_policy;
	uint64_t sched_flags;
	int32_t sched_nice;
	uint32_t sched_priority;
	uint64_t sched_runtime;
	uint64_t sched_deadline;
	uint64_t sched_period;
};

static void print_usage(void)
{
	fprintf(stderr,
		"usage: %s [-n NICE] [-c CPU] [-f PRIO | -d RUNTIME_MS/PERIOD_MS] CMD [ARG...]\n"
		"       %s -p PID [-f PRIO | -d RUNTIME_MS/PERIOD_MS]\n"
		"  -n NICE  nice value, -20..19\n"
		"  -c CPU   run on this CPU only\n"
		"  -f PRIO  SCHED_FIFO at PRIO, 1..99\n"
		"  -d R/P   SCHED_DEADLINE: R ms of runtime every P ms\n"
		"  -p PID   change the scheduling policy of PID's main thread\n",
		prog, prog);
	exit(2);
}

static void set_deadline(pid_t pid, const char *spec)
{
	struct sched_attr_v0 attr;
	unsigned long runtime, period;
	char *end;

	errno = 0;
	runtime = strtoul(spec, &end, 10);
	if (errno || end == spec || *end != '/')
		print_usage();
	spec = end + 1;
	period = strtoul(spec, &end, 10);
	if (errno || end == spec || *end || !runtime || runtime > period)
		print_usage();
	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.sched_policy = SCHED_DEADLINE;
	attr.sched_runtime = runtime * 1000000ULL;
	attr.sched_deadline = period * 1000000ULL;
	attr.sched_period = period * 1000000ULL;
	if (syscall(SYS_sched_setattr, pid, &attr, 0))
		die_errno("sched_setattr(%d, SCHED_DEADLINE)", (int)pid);
}

int main(int argc, char **argv)
{
	const char *deadline = NULL;
	long nice_val = 0, cpu = -1, fifo = 0, pid = 0;
	int have_nice = 0, opt;

	while ((opt = getopt(argc, argv, "+n:c:f:d:p:")) != -1) {
		switch (opt) {
		case 'n':
			nice_val = parse_long(optarg, opt, -20, 19);
			have_nice = 1;
			break;
		case 'c':
			cpu = parse_long(optarg, opt, 0, CPU_SETSIZE - 1);
			break;
		case 'f':
			fifo = parse_long(optarg, opt, 1, 99);
			break;
		case 'd':
			deadline = optarg;
			break;
		case 'p':
			pid = parse_long(optarg, opt, 1, INT32_MAX);
			break;
		default:
			print_usage();
		}
	}
	if ((fifo && deadline) || (pid && (have_nice || cpu >= 0)) ||
	    (pid && optind != argc) || (!pid && optind == argc))
		print_usage();

	if (have_nice && setpriority(PRIO_PROCESS, 0, (int)nice_val))
		die_errno("setpriority(%ld)", nice_val);
	if (cpu >= 0) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set))
			die_errno("sched_setaffinity(CPU %ld)", cpu);
	}
	if (fifo) {
		struct sched_param sp = { .sched_priority = (int)fifo };

		if (sched_setscheduler((pid_t)pid, SCHED_FIFO, &sp))
			die_errno("sched_setscheduler(SCHED_FIFO %ld)", fifo);
	}
	if (deadline)
		set_deadline((pid_t)pid, deadline);
	if (pid)
		return 0;
	execvp(argv[optind], argv + optind);
	die_errno("exec %s", argv[optind]);
}
