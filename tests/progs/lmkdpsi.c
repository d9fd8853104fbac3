// SPDX-License-Identifier: GPL-2.0
/*
 * lmkdpsi - the benchmark's userspace low-memory killer, modelled on
 * Android's lmkd with its PSI strategy (ro.lmk.use_psi, use_new_strategy)
 * and the defaults of a device that is not low-RAM (the lmkd-psi arm of
 * Documentation/admin-guide/simple_lmk-bench.rst).
 *
 * It sleeps in epoll_wait() on two PSI memory triggers: a "some" stall of
 * psi_partial_stall_ms (70) in any second (the medium level) and a "full"
 * stall of psi_complete_stall_ms (700) (the critical level). After an
 * event it polls every 100 ms (10 ms after a kill or while swap is low)
 * until a second passes without an event, a kill or direct reclaim. At
 * each wakeup lmkd_policy.c decides from /proc/meminfo, /proc/vmstat,
 * /proc/zoneinfo's watermarks and PSI whether to kill, and down to which
 * oom_score_adj; the victim is one process of the highest adj (processes
 * at adj >= 0 with resident memory, from /proc). A reaper thread kills it
 * with pidfd_send_signal(SIGKILL) and takes its memory back at once with
 * process_mrelease(); the main thread waits on its pidfd for up to
 * kill_timeout_ms (100), polling paused, then polls at once and every
 * 10 ms. One kill per wakeup.
 *
 * It runs at adj -1000, mlock'ed (MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)
 * and SCHED_FIFO priority 1, as lmkd does; the reaper at SCHED_OTHER, nice
 * -20. It prints a line per kill to stdout:
 *   lmkdpsi: kill PID COMM adj ADJ rss_kb KB reason REASON min_adj N
 *            thrashing PCT% wmark W
 * and one when the kill ended: "lmkdpsi: PID exited after MS ms" or
 * "lmkdpsi: PID alive after kill_timeout_ms".
 *
 * Options: -p MS / -c MS: the partial and complete stall thresholds;
 * -t MS: kill_timeout_ms; -H: kill_heaviest_task; -v: also print the
 * decisions that found no victim.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common.h"
#include "lmkd_policy.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif
#ifndef SYS_process_mrelease
#define SYS_process_mrelease 448
#endif
#ifndef MCL_ONFAULT
#define MCL_ONFAULT 4
#endif

/* lmkd's PSI window, and its polling intervals after an event. */
#define PSI_WINDOW_MS		1000
#define POLL_SHORT_MS		10
#define POLL_LONG_MS		100
/* lmkd re-reads the zone watermarks once a minute. */
#define WMARK_REFRESH_MS	60000

const char *prog = "lmkdpsi";

static char buf[1 << 18];
static struct lp_config cfg;
static bool verbose;
static int page_kb;

static void print_usage(void)
{
	fprintf(stderr,
		"usage: %s [-p PARTIAL_MS] [-c COMPLETE_MS] [-t KILL_TIMEOUT_MS] [-H] [-v]\n",
		prog);
	exit(2);
}

static int64_t now_ms(void)
{
	return (int64_t)(now_ns() / 1000000);
}

/* Read all of @path into buf, NUL-terminated; NULL on error. */
static const char *read_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n, len = 0;

	if (fd < 0)
		return NULL;
	while ((n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += n;
	close(fd);
	if (n < 0)
		return NULL;
	if (len == sizeof(buf) - 1)
		die("%s is larger than %zu bytes", path, sizeof(buf) - 1);
	buf[len] = '\0';
	return buf;
}

/* Register a PSI memory trigger: @what stall of @ms in every second. */
static int psi_trigger(const char *what, int ms)
{
	char line[64];
	int fd, len;

	fd = open("/proc/pressure/memory", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		die_errno("cannot open /proc/pressure/memory");
	len = snprintf(line, sizeof(line), "%s %d %d", what, ms * 1000,
		       PSI_WINDOW_MS * 1000);
	if (write(fd, line, len + 1) < 0)
		die_errno("cannot register the PSI trigger \"%s\"", line);
	return fd;
}

/*
 * The reaper thread: for each victim the main thread hands it (a pidfd of
 * its own), SIGKILL, its threads back to nice 0 (lmkd's priority for
 * victims), then process_mrelease(), so that taking the memory back never
 * delays a decision. A failed kill is reported back on kill_fail_pipe.
 */
struct reap_job {
	int pidfd, pid;
};

static int reap_pipe[2], kill_fail_pipe[2];

/* Every thread of @pid at nice @nice. */
static void set_nice(int pid, int nice)
{
	char path[64];
	struct dirent *e;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	d = opendir(path);
	if (!d)
		return;
	while ((e = readdir(d)))
		if (atoi(e->d_name) > 0)
			setpriority(PRIO_PROCESS, atoi(e->d_name), nice);
	closedir(d);
}

static void *reaper(void *arg)
{
	struct sched_param sp = { .sched_priority = 0 };
	struct reap_job job;

	(void)arg;
	set_comm("lmkdpsi_reaper");
	pthread_setschedparam(pthread_self(), SCHED_OTHER, &sp);
	setpriority(PRIO_PROCESS, (int)syscall(SYS_gettid), -20);
	while (read(reap_pipe[0], &job, sizeof(job)) == sizeof(job)) {
		if (syscall(SYS_pidfd_send_signal, job.pidfd, SIGKILL, NULL, 0)) {
			if (write(kill_fail_pipe[1], &job.pid, sizeof(job.pid)) < 0)
				die_errno("write");
		} else {
			set_nice(job.pid, 0);
			/* ESRCH: already gone; anything else is worth a line. */
			if (syscall(SYS_process_mrelease, job.pidfd, 0) &&
			    errno != ESRCH)
				fprintf(stderr, "%s: process_mrelease: %s\n",
					prog, strerror(errno));
		}
		close(job.pidfd);
	}
	return NULL;
}

/*
 * Victims killed but not yet dead, by pidfd: never chosen again (lmkd drops
 * a process from its table once it kills it). Bounded: past the bound, the
 * oldest is forgotten.
 */
#define MAX_DYING 64
static struct { int pid, pidfd; } dying[MAX_DYING];
static unsigned int nr_dying;

static void forget_dead(void)
{
	unsigned int i = 0;

	while (i < nr_dying) {
		struct pollfd pfd = { .fd = dying[i].pidfd, .events = POLLIN };

		if (poll(&pfd, 1, 0) == 0) {
			i++;
			continue;
		}
		close(dying[i].pidfd);
		dying[i] = dying[--nr_dying];
	}
}

static bool is_dying(int pid)
{
	unsigned int i;

	for (i = 0; i < nr_dying; i++)
		if (dying[i].pid == pid)
			return true;
	return false;
}

static void add_dying(int pid, int pidfd)
{
	if (nr_dying == MAX_DYING) {
		close(dying[0].pidfd);
		memmove(dying, dying + 1, --nr_dying * sizeof(dying[0]));
	}
	dying[nr_dying].pid = pid;
	dying[nr_dying++].pidfd = pidfd;
}

/*
 * The processes that may be killed: every one with memory and adj >= 0,
 * but those already killed, in pid order.
 */
static struct lp_proc *procs;
static size_t nr_procs, cap_procs;

static void scan_procs(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	pid_t self = getpid();

	if (!d)
		die_errno("cannot open /proc");
	forget_dead();
	nr_procs = 0;
	while ((e = readdir(d))) {
		char path[64], *end;
		const char *t;
		long long size, rss;
		int pid = atoi(e->d_name);
		long adj;

		if (pid <= 0 || pid == self || is_dying(pid))
			continue;
		snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", pid);
		t = read_file(path);
		if (!t)
			continue;
		adj = strtol(t, &end, 10);
		if (end == t || adj < 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/statm", pid);
		t = read_file(path);
		if (!t || sscanf(t, "%lld %lld", &size, &rss) != 2 || rss <= 0)
			continue;
		if (nr_procs == cap_procs) {
			cap_procs = cap_procs ? cap_procs * 2 : 256;
			procs = realloc(procs, cap_procs * sizeof(*procs));
			if (!procs)
				die("out of memory");
		}
		procs[nr_procs++] = (struct lp_proc){ pid, (int)adj, rss };
	}
	closedir(d);
}

/* Clock ticks since boot, as /proc/PID/stat's starttime counts them. */
static unsigned long long boot_ticks(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (unsigned long long)ts.tv_sec * sysconf(_SC_CLK_TCK) +
	       (unsigned long long)ts.tv_nsec * sysconf(_SC_CLK_TCK) / 1000000000;
}

/*
 * A pidfd for @pid if it is still the process the scan saw: not started
 * after @scan_ticks (a reused pid), and not a zombie. -1 otherwise.
 */
static int open_victim(int pid, unsigned long long scan_ticks)
{
	const char *t;
	char path[64];
	int pidfd, f;

	pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (pidfd < 0)
		return -1;
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	t = read_file(path);
	/* After the comm, which may hold spaces: state is field 3. */
	if (t)
		t = strrchr(t, ')');
	if (!t || t[1] != ' ' || t[2] == 'Z' || t[2] == 'X')
		goto gone;
	/* starttime is field 22. */
	for (t += 2, f = 3; t && f < 22; f++)
		t = strchr(t, ' ') ? strchr(t, ' ') + 1 : NULL;
	if (!t || strtoull(t, NULL, 10) > scan_ticks)
		goto gone;
	return pidfd;
gone:
	close(pidfd);
	return -1;
}

static const char *const wmark_names[] = { "min", "low", "high", "none" };

/*
 * Hand the victim for @d to the reaper: returns a pidfd to wait on, and
 * the pid in @pid, or -1 if there was none. A candidate gone since the
 * scan is passed over for the next.
 */
static int kill_one(const struct lp_decision *d, int *pid)
{
	unsigned long long scan_ticks = boot_ticks();
	char comm[32] = "?", path[64];
	struct reap_job job;
	const char *t;
	int i, pidfd;

	scan_procs();
	for (;;) {
		i = lp_choose_victim(procs, nr_procs, d->min_score_adj,
				     cfg.kill_heaviest_task);
		if (i < 0)
			return -1;
		pidfd = open_victim(procs[i].pid, scan_ticks);
		if (pidfd >= 0)
			break;
		procs[i].rss_pages = 0;	/* gone: the next one */
	}
	snprintf(path, sizeof(path), "/proc/%d/comm", procs[i].pid);
	t = read_file(path);
	if (t)
		snprintf(comm, sizeof(comm), "%.*s", (int)strcspn(t, "\n"), t);
	job.pid = procs[i].pid;
	job.pidfd = fcntl(pidfd, F_DUPFD_CLOEXEC, 0);
	if (job.pidfd < 0 ||
	    write(reap_pipe[1], &job, sizeof(job)) != sizeof(job))
		die_errno("cannot hand a victim to the reaper");
	printf("%s: kill %d %s adj %d rss_kb %lld reason %s min_adj %d thrashing %lld%% wmark %s\n",
	       prog, job.pid, comm, procs[i].adj,
	       (long long)procs[i].rss_pages * page_kb,
	       lp_reason_name(d->reason), d->min_score_adj,
	       (long long)d->thrashing, wmark_names[d->wmark]);
	fflush(stdout);
	*pid = job.pid;
	return pidfd;
}

/* epoll data: the two PSI levels, then these. */
enum { EV_VICTIM = 2, EV_KILL_FAILED = 3 };

static int ep;

static void epoll_add(int fd, uint32_t events, uint32_t data)
{
	struct epoll_event ev = { .events = events, .data.u32 = data };

	if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev))
		die_errno("epoll_ctl");
}

/*
 * Stop waiting on the pidfd *@fd of victim @pid; it stays among the dying
 * until it is dead.
 */
static void stop_waiting(int *fd, int pid)
{
	epoll_ctl(ep, EPOLL_CTL_DEL, *fd, NULL);
	add_dying(pid, *fd);
	*fd = -1;
}

int main(int argc, char **argv)
{
	struct sched_param sp = { .sched_priority = 1 };
	/* Polling: on, since when, every how many ms, last poll, level. */
	bool polling = false, paused = false;
	int64_t poll_start = 0, interval = POLL_LONG_MS, last_poll = 0;
	enum lp_level poll_level = LP_LEVEL_MEDIUM;
	/* The last kill: its pidfd (-1: not waiting), pid and time. */
	int kill_fd = -1, kill_pid = 0;
	int64_t kill_at = 0, wmark_at = 0;
	int prev_level = -1, opt, fds[2];
	struct lp_state st;
	struct lp_wmarks w;
	pthread_t th;

	lp_config_default(&cfg);
	while ((opt = getopt(argc, argv, "p:c:t:Hv")) != -1) {
		switch (opt) {
		case 'p':
			cfg.partial_stall_ms = (int)parse_ulong(optarg, 'p', 1000);
			break;
		case 'c':
			cfg.complete_stall_ms = (int)parse_ulong(optarg, 'c', 1000);
			break;
		case 't':
			cfg.kill_timeout_ms = (int)parse_ulong(optarg, 't', 60000);
			break;
		case 'H':
			cfg.kill_heaviest_task = true;
			break;
		case 'v':
			verbose = true;
			break;
		default:
			print_usage();
		}
	}
	if (optind != argc || !cfg.partial_stall_ms || !cfg.complete_stall_ms)
		print_usage();
	page_kb = (int)(sysconf(_SC_PAGESIZE) / 1024);
	set_oom_score_adj(-1000);
	if (pipe2(reap_pipe, O_CLOEXEC) || pipe2(kill_fail_pipe, O_CLOEXEC))
		die_errno("pipe2");
	if (pthread_create(&th, NULL, reaper, NULL))
		die("cannot start the reaper thread");
	if (mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT))
		die_errno("mlockall");
	if (sched_setscheduler(0, SCHED_FIFO, &sp))
		die_errno("sched_setscheduler(SCHED_FIFO 1)");
	lp_state_init(&st, &cfg);
	/* Fault in now what the first kill will need. */
	memset(buf, 0, sizeof(buf));
	scan_procs();

	ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep < 0)
		die_errno("epoll_create1");
	fds[LP_LEVEL_MEDIUM] = psi_trigger("some", cfg.partial_stall_ms);
	fds[LP_LEVEL_CRITICAL] = psi_trigger("full", cfg.complete_stall_ms);
	epoll_add(fds[LP_LEVEL_MEDIUM], EPOLLPRI, LP_LEVEL_MEDIUM);
	epoll_add(fds[LP_LEVEL_CRITICAL], EPOLLPRI, LP_LEVEL_CRITICAL);
	epoll_add(kill_fail_pipe[0], EPOLLIN, EV_KILL_FAILED);
	printf("%s: ready: some %d ms, full %d ms per %d ms, kill_timeout_ms %d\n",
	       prog, cfg.partial_stall_ms, cfg.complete_stall_ms, PSI_WINDOW_MS,
	       cfg.kill_timeout_ms);
	fflush(stdout);

	for (;;) {
		struct epoll_event evs[4];
		struct lp_decision d;
		struct lp_sample s;
		int64_t now = now_ms();
		bool event = false, run = false, fast;
		enum lp_level level = poll_level;
		const char *t;
		int n, i, timeout = -1;

		/* Sleep until an event, the kill timeout or the next poll. */
		if (kill_fd >= 0 && cfg.kill_timeout_ms)
			timeout = (int)(kill_at + cfg.kill_timeout_ms - now);
		else if (kill_fd >= 0)
			timeout = -1;	/* kill_timeout_ms 0: until it dies */
		else if (polling)
			timeout = (int)(last_poll + interval - now);
		if ((kill_fd >= 0 ? cfg.kill_timeout_ms : polling) && timeout < 0)
			timeout = 0;
		n = epoll_wait(ep, evs, 4, timeout);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			die_errno("epoll_wait");
		}
		now = now_ms();
		for (i = 0; i < n; i++) {
			uint32_t what = evs[i].data.u32;

			if (what == EV_VICTIM || what == EV_KILL_FAILED) {
				int pid = kill_pid;

				if (what == EV_KILL_FAILED) {
					if (read(kill_fail_pipe[0], &pid, sizeof(pid)) < 0)
						die_errno("read");
					printf("%s: %d: kill failed\n", prog, pid);
				} else {
					printf("%s: %d exited after %lld ms\n", prog,
					       kill_pid, (long long)(now - kill_at));
				}
				fflush(stdout);
				if (kill_fd >= 0 && pid == kill_pid)
					stop_waiting(&kill_fd, kill_pid);
				continue;
			}
			if (evs[i].events & EPOLLERR)
				die("PSI trigger error");
			/* A lower level right after a higher one: too soon. */
			if ((int)what < prev_level)
				continue;
			prev_level = (int)what;
			event = true;
			level = what;
		}
		if (kill_fd >= 0 && cfg.kill_timeout_ms &&
		    now >= kill_at + cfg.kill_timeout_ms) {
			printf("%s: %d alive after kill_timeout_ms\n", prog,
			       kill_pid);
			fflush(stdout);
			stop_waiting(&kill_fd, kill_pid);
		}
		if (paused && kill_fd < 0) {
			/* The kill is over: poll now, then every 10 ms. */
			paused = false;
			polling = true;
			run = true;
			poll_start = now;
			interval = POLL_SHORT_MS;
		}
		if (event) {
			run = true;
		} else if (polling && !paused && now >= last_poll + interval) {
			run = true;
			prev_level = -1;
		}
		if (!run)
			continue;
		if (polling)
			last_poll = now;
		if (kill_fd >= 0) {
			/* Still killing: skip, polling paused. */
			paused = polling;
			continue;
		}

		memset(&s, 0, sizeof(s));
		s.now_ms = now;
		s.event = event;
		s.level = level;
		s.page_kb = page_kb;
		t = read_file("/proc/vmstat");
		if (!t || lp_parse_vmstat(t, &s))
			die("cannot parse /proc/vmstat");
		t = read_file("/proc/meminfo");
		if (!t || lp_parse_meminfo(t, page_kb, &s))
			die("cannot parse /proc/meminfo");
		if (!wmark_at || now - wmark_at > WMARK_REFRESH_MS) {
			t = read_file("/proc/zoneinfo");
			if (!t || lp_parse_zoneinfo(t, &w))
				die("cannot parse /proc/zoneinfo");
			wmark_at = now;
		}
		t = read_file("/proc/pressure/memory");
		s.psi_full_avg10_x100 = t ? lp_parse_psi_full_avg10(t) : -1;

		lp_decide(&cfg, &st, &w, &s, &d);
		if (d.reason != LP_NONE) {
			kill_fd = kill_one(&d, &kill_pid);
			if (kill_fd >= 0) {
				lp_killed(&cfg, &st, &d);
				/*
				 * lmkd times the wait from the start of the
				 * pass; it has no /proc scan to make first.
				 */
				kill_at = now_ms();
				epoll_add(kill_fd, EPOLLIN, EV_VICTIM);
				/* Wait for the death, polling paused. */
				polling = true;
				paused = true;
				poll_level = level;
				continue;
			}
			if (verbose) {
				printf("%s: no victim for %s at adj >= %d\n",
				       prog, lp_reason_name(d.reason),
				       d.min_score_adj);
				fflush(stdout);
			}
		}
		if (lp_polling(&st, &d, event, &fast)) {
			polling = true;
			poll_start = now;
			last_poll = now;
			poll_level = level;
		} else if (now - poll_start > PSI_WINDOW_MS) {
			polling = false;	/* a quiet second */
		}
		interval = fast ? POLL_SHORT_MS : POLL_LONG_MS;
	}
}
