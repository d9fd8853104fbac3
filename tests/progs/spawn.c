// SPDX-License-Identifier: GPL-2.0
/*
 * spawn - create many processes fast for the Simple LMK tests.
 *
 *   spawn -n COUNT [-a ADJ] [-R FILE] -- CMD [ARGS...]
 *	fork COUNT children, each exec'ing CMD ARGS (looked up in $PATH),
 *	and wait for all of them.
 *   spawn -i -n COUNT [-a ADJ] [-R FILE]
 *	fork COUNT idle children that just pause(); wait forever.
 *
 * Each child first sets its oom_score_adj to ADJ (-a) and then reports
 * to the parent through a pipe; once every child has reported (or died),
 * the parent writes its pid to FILE (-R), atomically. Nothing is printed
 * except errors.
 *
 * SIGTERM or SIGINT to the parent SIGKILLs all its remaining children,
 * reaps them and exits 0. Otherwise the exit status is 0, or 1 if a fork
 * failed, a child could not set ADJ, or (exec mode) a child exited with
 * a non-zero status; children killed by signals do not count as failures.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"

#define MAX_COUNT	1000000

const char *prog = "spawn";

static pid_t *pids;		/* sorted after forking */
static bool *reaped;
static unsigned long nr_pids, nr_live;
static bool child_failed;

static void print_usage(void)
{
	fprintf(stderr,
		"usage: %s -n COUNT [-a ADJ] [-R FILE] -- CMD [ARGS...]\n"
		"       %s -i -n COUNT [-a ADJ] [-R FILE]\n"
		"  -n COUNT  number of children\n"
		"  -i        idle children (pause()) instead of exec; wait forever\n"
		"  -a ADJ    children set their oom_score_adj to ADJ\n"
		"  -R FILE   write our pid to FILE once all children started\n",
		prog, prog);
	exit(2);
}

static void run_child(int ready_fd, bool have_adj, int adj, char **cmd)
{
	sigset_t none;
	char c = '+';

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (have_adj && write_oom_score_adj(adj)) {
		fprintf(stderr, "%s: child %d: cannot set oom_score_adj to %d: %s\n",
			prog, (int)getpid(), adj, strerror(errno));
		c = '!';
	}
	if (write(ready_fd, &c, 1) != 1 || c != '+')
		_exit(1);
	close(ready_fd);
	if (!cmd)
		for (;;)
			pause();
	execvp(cmd[0], cmd);
	fprintf(stderr, "%s: cannot exec %s: %s\n", prog, cmd[0],
		strerror(errno));
	_exit(127);
}

static int cmp_pid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

/* Account for the exit of child @pid. */
static void reaped_one(pid_t pid, int status)
{
	pid_t *p = bsearch(&pid, pids, nr_pids, sizeof(*pids), cmp_pid);

	if (!p || reaped[p - pids])
		return;
	reaped[p - pids] = true;
	nr_live--;
	if (WIFEXITED(status) && WEXITSTATUS(status))
		child_failed = true;
}

/* Reap every child that has exited, without blocking. */
static void reap(void)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		reaped_one(pid, status);
}

/* SIGKILL and reap every child that is still there. */
static void kill_all(void)
{
	unsigned long i;
	int status;
	pid_t pid;

	for (i = 0; i < nr_pids; i++)
		if (!reaped[i])
			kill(pids[i], SIGKILL);
	while (nr_live) {
		pid = waitpid(-1, &status, 0);
		if (pid > 0)
			reaped_one(pid, status);
		else if (errno == ECHILD)
			break;
	}
}

int main(int argc, char **argv)
{
	unsigned long count = 0, i;
	bool idle = false, have_adj = false, fork_failed = false;
	bool adj_failed = false;
	const char *ready_file = NULL;
	char **cmd = NULL, c;
	sigset_t set;
	int adj = 0, opt, fds[2];
	ssize_t ret;

	while ((opt = getopt(argc, argv, "+n:ia:R:")) != -1) {
		switch (opt) {
		case 'n':
			count = parse_ulong(optarg, opt, MAX_COUNT);
			break;
		case 'i':
			idle = true;
			break;
		case 'a':
			adj = parse_long(optarg, opt, -1000, 1000);
			have_adj = true;
			break;
		case 'R':
			ready_file = optarg;
			break;
		default:
			print_usage();
		}
	}
	if (optind < argc)
		cmd = argv + optind;
	if (!count || idle == !!cmd)
		print_usage();

	pids = calloc(count, sizeof(*pids));
	reaped = calloc(count, sizeof(*reaped));
	if (!pids || !reaped)
		die_errno("calloc");
	if (pipe2(fds, O_CLOEXEC))
		die_errno("pipe");

	/* Handle SIGCHLD/TERM/INT synchronously; children unblock them. */
	signal(SIGCHLD, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigprocmask(SIG_BLOCK, &set, NULL);

	for (i = 0; i < count; i++) {
		pid_t pid = fork();

		if (pid < 0) {
			fprintf(stderr, "%s: fork (after %lu children): %s\n",
				prog, i, strerror(errno));
			fork_failed = true;
			break;
		}
		if (!pid) {
			close(fds[0]);
			run_child(fds[1], have_adj, adj, cmd);
		}
		pids[nr_pids++] = pid;
	}
	nr_live = nr_pids;
	qsort(pids, nr_pids, sizeof(*pids), cmp_pid);
	close(fds[1]);

	/* EOF once every child has reported and closed its end, or died. */
	while ((ret = read(fds[0], &c, 1)) != 0) {
		if (ret < 0) {
			if (errno == EINTR)
				continue;
			die_errno("read");
		}
		if (c != '+')
			adj_failed = true;
	}
	close(fds[0]);

	/* Children that died before reporting are not an error. */
	if (fork_failed || adj_failed) {
		kill_all();
		return 1;
	}
	if (ready_file) {
		char buf[24];

		snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
		write_file_atomic(ready_file, buf);
	}

	for (;;) {
		int sig;

		reap();
		if (!idle && !nr_live)
			break;
		sig = sigwaitinfo(&set, NULL);
		if (sig == SIGTERM || sig == SIGINT) {
			kill_all();
			return 0;
		}
	}
	return child_failed ? 1 : 0;
}
