/* SPDX-License-Identifier: GPL-2.0 */
/*
 * common.h - small helpers shared by the Simple LMK guest test programs
 * (error reporting, strict number parsing, oom_score_adj, ready files,
 * monotonic time).
 */
#ifndef PROGS_COMMON_H
#define PROGS_COMMON_H

#include <stdatomic.h>
#include <stdint.h>

/* Program name used as the prefix of every error message. */
extern const char *prog;

/* Print "prog: message" to stderr and exit(1). */
void die(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));
/* Like die(), with ": strerror(errno)" appended. */
void die_errno(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));

/*
 * Parse a whole decimal number for option @opt; on garbage or a value
 * out of range, print an error and exit(2) like a usage error.
 */
unsigned long parse_ulong(const char *s, char opt, unsigned long max);
long parse_long(const char *s, char opt, long min, long max);

/*
 * Check @s, the argument of option @opt, as a comm (1 to 15 characters);
 * on a bad one, print an error and exit(2) like a usage error.
 */
const char *parse_comm(const char *s, char opt);
/* Set this thread's comm to @name, if not NULL; die on failure. */
void set_comm(const char *name);

/* Write @adj to /proc/self/oom_score_adj; 0 or -1 with errno set. */
int write_oom_score_adj(int adj);
/* Same, but die on failure. */
void set_oom_score_adj(int adj);

/* Write @text to @path atomically (@path.tmp, then rename); die on error. */
void write_file_atomic(const char *path, const char *text);

/* Set to 1 by SIGTERM or SIGINT once catch_stop_signals() has run. */
extern atomic_int stop_requested;
/*
 * Catch SIGTERM and SIGINT into stop_requested, without SA_RESTART, so that
 * a sleep they interrupt returns early.
 */
void catch_stop_signals(void);

/* CLOCK_MONOTONIC in nanoseconds. */
uint64_t now_ns(void);
/* Sleep until CLOCK_MONOTONIC @t; returns early (non-zero) on a signal. */
int sleep_until_ns(uint64_t t);
/* Sleep @ms milliseconds (restarting on signals). */
void sleep_ms(unsigned int ms);

#define NSEC_PER_SEC	1000000000ULL
#define NSEC_PER_MSEC	1000000ULL
#define NSEC_PER_USEC	1000ULL

#endif /* PROGS_COMMON_H */
