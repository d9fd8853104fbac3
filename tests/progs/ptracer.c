// SPDX-License-Identifier: GPL-2.0
/*
 * ptracer - hold a process in a ptrace stop, for the Simple LMK tests.
 *
 *   ptracer [-R FILE] PID
 *
 * Attaches to PID's main thread (PTRACE_SEIZE, then PTRACE_INTERRUPT: it
 * enters a traced stop; other threads run on) and never lets it run
 * again. Once it is stopped, writes our pid to FILE. Exits 0 when the
 * tracee dies, printing how; on SIGTERM, exits (the kernel detaches the
 * tracee).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"

const char *prog = "ptracer";

static void print_usage(void)
{
	fprintf(stderr, "usage: %s [-R FILE] PID\n", prog);
	exit(2);
}

int main(int argc, char **argv)
{
	const char *ready_file = NULL;
	bool ready = false;
	int opt, status;
	char buf[24];
	pid_t pid;

	while ((opt = getopt(argc, argv, "R:")) != -1) {
		switch (opt) {
		case 'R':
			ready_file = optarg;
			break;
		default:
			print_usage();
		}
	}
	if (optind != argc - 1)
		print_usage();
	pid = (pid_t)parse_long(argv[optind], 'p', 1, 1 << 22);
	if (ptrace(PTRACE_SEIZE, pid, NULL, NULL))
		die_errno("PTRACE_SEIZE %d", (int)pid);
	if (ptrace(PTRACE_INTERRUPT, pid, NULL, NULL))
		die_errno("PTRACE_INTERRUPT %d", (int)pid);
	for (;;) {
		pid_t w = waitpid(pid, &status, __WALL);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			die_errno("waitpid %d", (int)pid);
		}
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			printf("%s: %d %s %d\n", prog, (int)pid,
			       WIFEXITED(status) ? "exited" : "killed by signal",
			       WIFEXITED(status) ? WEXITSTATUS(status) :
			       WTERMSIG(status));
			return 0;
		}
		/* Stopped: leave it so. */
		if (!ready && ready_file) {
			snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
			write_file_atomic(ready_file, buf);
		}
		ready = true;
	}
}
