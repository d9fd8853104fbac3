// SPDX-License-Identifier: GPL-2.0
/*
 * common.c - small helpers shared by the Simple LMK guest test programs.
 * See common.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

static void vwarn(const char *fmt, va_list ap, int err)
{
	fprintf(stderr, "%s: ", prog);
	vfprintf(stderr, fmt, ap);
	if (err)
		fprintf(stderr, ": %s", strerror(err));
	fputc('\n', stderr);
}

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap, 0);
	va_end(ap);
	exit(1);
}

void die_errno(const char *fmt, ...)
{
	int err = errno;
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap, err);
	va_end(ap);
	exit(1);
}

static void bad_number(const char *s, char opt)
{
	fprintf(stderr, "%s: invalid value '%s' for -%c\n", prog, s, opt);
	exit(2);
}

unsigned long parse_ulong(const char *s, char opt, unsigned long max)
{
	unsigned long v;
	char *end;

	if (*s < '0' || *s > '9')
		bad_number(s, opt);
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > max)
		bad_number(s, opt);
	return v;
}

long parse_long(const char *s, char opt, long min, long max)
{
	long v;
	char *end;

	if (!*s)
		bad_number(s, opt);
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		bad_number(s, opt);
	return v;
}

int write_oom_score_adj(int adj)
{
	char buf[16];
	int fd, len, ret;

	len = snprintf(buf, sizeof(buf), "%d\n", adj);
	fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ret = write(fd, buf, len);
	if (ret != len) {
		int err = ret < 0 ? errno : EIO;

		close(fd);
		errno = err;
		return -1;
	}
	return close(fd);
}

void set_oom_score_adj(int adj)
{
	if (write_oom_score_adj(adj))
		die_errno("cannot set /proc/self/oom_score_adj to %d", adj);
}

void write_file_atomic(const char *path, const char *text)
{
	size_t len = strlen(text), off = 0;
	char tmp[PATH_MAX];
	int fd;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		die("path too long: %s", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		die_errno("cannot create %s", tmp);
	while (off < len) {
		ssize_t ret = write(fd, text + off, len - off);

		if (ret < 0 && errno == EINTR)
			continue;
		if (ret <= 0)
			die_errno("cannot write %s", tmp);
		off += ret;
	}
	if (close(fd))
		die_errno("cannot write %s", tmp);
	if (rename(tmp, path))
		die_errno("cannot rename %s to %s", tmp, path);
}

uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

int sleep_until_ns(uint64_t t)
{
	struct timespec ts = {
		.tv_sec = t / NSEC_PER_SEC,
		.tv_nsec = t % NSEC_PER_SEC,
	};

	return clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
}

void sleep_ms(unsigned int ms)
{
	uint64_t t = now_ns() + ms * NSEC_PER_MSEC;

	while (sleep_until_ns(t) == EINTR)
		;
}

const char *parse_comm(const char *s, char opt)
{
	if (!*s || strlen(s) > 15) {
		fprintf(stderr, "%s: -%c NAME must be 1 to 15 characters\n",
			prog, opt);
		exit(2);
	}
	return s;
}

void set_comm(const char *name)
{
	if (name && prctl(PR_SET_NAME, name))
		die_errno("prctl(PR_SET_NAME)");
}

atomic_int stop_requested;

static void on_stop_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

void catch_stop_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
}
