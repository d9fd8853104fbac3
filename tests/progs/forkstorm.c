// SPDX-License-Identifier: GPL-2.0
/*
 * forkstorm - a parent that keeps COUNT children alive, each holding MB
 * MiB, and forks a new one as soon as one dies: a fork storm for the
 * Simple LMK tests.
 *
 *   forkstorm -n COUNT -m MB [-a ADJ] [-N NAME] [-R FILE] [-c FILE]
 *
 * Each child sets its oom_score_adj to ADJ (the parent keeps its own, so
 * that a round among the children never takes the parent) and its comm to
 * NAME (default "storm"), fills MB MiB (every page written) and waits for
 * a signal; it dies with the parent. Once the first COUNT
 * children hold their memory, the parent writes its pid to FILE (-R).
 * SIGTERM or SIGINT to the parent SIGKILLs and reaps its children, writes
 * "forks N deaths N" to the -c FILE and exits 0.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

#define MAX_COUNT	1000

const char *prog = "forkstorm";

static pid_t kids[MAX_COUNT];

static void print_usage(void)
{
	fprintf(stderr,
		"usage: %s -n COUNT -m MB [-a ADJ] [-N NAME] [-R FILE] [-c FILE]\n",
		prog);
	exit(2);
}

static bool have_adj;
static int adj;

/* A child: fill @mb MiB, tell the parent on @fd, wait to be killed. */
static void child(unsigned long mb, const char *name, int fd, pid_t parent)
{
	size_t len = mb << 20, off;
	sigset_t none;
	char *p;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != parent)
		_exit(1);
	if (have_adj && write_oom_score_adj(adj))
		_exit(1);
	set_comm(name);
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	if (p == MAP_FAILED)
		_exit(1);
	for (off = 0; off < len; off += 4096)
		p[off] = (char)(off >> 12) | 1;
	if (fd >= 0) {
		if (write(fd, "+", 1) != 1)
			_exit(1);
		close(fd);
	}
	for (;;)
		pause();
}

/* Fork child slot @i; @fd: the ready pipe, or -1. 0, or -1 on failure. */
static int fork_one(unsigned long i, unsigned long mb, const char *name,
		    int fd, int other_fd)
{
	pid_t parent = getpid(), pid = fork();

	if (pid < 0)
		return -1;
	if (!pid) {
		if (other_fd >= 0)
			close(other_fd);
		child(mb, name, fd, parent);
	}
	kids[i] = pid;
	return 0;
}

int main(int argc, char **argv)
{
	const char *name = "storm", *ready_file = NULL, *count_file = NULL;
	unsigned long count = 0, mb = 0, i, forks = 0, deaths = 0;
	int opt, fds[2];
	sigset_t set;
	char c, buf[64];

	while ((opt = getopt(argc, argv, "n:m:a:N:R:c:")) != -1) {
		switch (opt) {
		case 'n':
			count = parse_ulong(optarg, 'n', MAX_COUNT);
			break;
		case 'm':
			mb = parse_ulong(optarg, 'm', 4096);
			break;
		case 'a':
			adj = (int)parse_long(optarg, 'a', -1000, 1000);
			have_adj = true;
			break;
		case 'N':
			name = parse_comm(optarg, 'N');
			break;
		case 'R':
			ready_file = optarg;
			break;
		case 'c':
			count_file = optarg;
			break;
		default:
			print_usage();
		}
	}
	if (optind != argc || !count || !mb)
		print_usage();

	/* SIGCHLD, SIGTERM and SIGINT are taken synchronously. */
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigprocmask(SIG_BLOCK, &set, NULL);

	if (pipe(fds))
		die_errno("pipe");
	for (i = 0; i < count; i++) {
		if (fork_one(i, mb, name, fds[1], fds[0]))
			die_errno("fork");
		forks++;
	}
	close(fds[1]);
	/* EOF once every first child has reported, or died. */
	while (read(fds[0], &c, 1) > 0)
		;
	close(fds[0]);
	if (ready_file) {
		snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
		write_file_atomic(ready_file, buf);
	}

	for (;;) {
		/* Every 100 ms, refill slots whose fork failed. */
		struct timespec tick = { .tv_nsec = 100000000 };
		int sig = sigtimedwait(&set, NULL, &tick), status;
		pid_t pid;

		if (sig == SIGTERM || sig == SIGINT)
			break;
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			deaths++;
			for (i = 0; i < count; i++)
				if (kids[i] == pid)
					kids[i] = 0;
		}
		/* The storm: a new child for each that died. */
		for (i = 0; i < count; i++)
			if (!kids[i] && !fork_one(i, mb, name, -1, -1))
				forks++;
	}
	for (i = 0; i < count; i++)
		if (kids[i])
			kill(kids[i], SIGKILL);
	while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
		;
	if (count_file) {
		snprintf(buf, sizeof(buf), "forks %lu deaths %lu\n", forks,
			 deaths);
		write_file_atomic(count_file, buf);
	}
	return 0;
}
