/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lmkd_policy.h - the decision logic of lmkd-psi, the benchmark's
 * userspace peer modelled on Android's lmkd (PSI strategy): parsing of
 * /proc/meminfo, /proc/vmstat and /proc/zoneinfo, the kill decision taken
 * at each PSI event or poll, and the victim choice. Pure functions over
 * plain structs, with no I/O, so that tests/host/lmkd_policy_test.c can
 * drive them. Written from lmkd's documented behaviour (README and
 * source); see Documentation/admin-guide/simple_lmk-bench.rst, "The
 * lmkd-psi arm", for what it reproduces and where each default comes from.
 */
#ifndef LMKD_POLICY_H
#define LMKD_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* oom_score_adj of Android's perceptible and previous apps. */
#define LP_PERCEPTIBLE_APP_ADJ	200
#define LP_PREVIOUS_APP_ADJ	700
#define LP_OOM_SCORE_ADJ_MAX	1000

/* lmkd's tunables (ro.lmk.*), with the defaults of a device not low-RAM. */
struct lp_config {
	int partial_stall_ms;		/* psi_partial_stall_ms: 70 */
	int complete_stall_ms;		/* psi_complete_stall_ms: 700 */
	int thrashing_limit_pct;	/* thrashing_limit: 100 */
	int thrashing_limit_decay_pct;	/* thrashing_limit_decay: 10 */
	int thrashing_critical_pct;	/* thrashing_limit_critical: 3x limit */
	int swap_free_low_pct;		/* swap_free_low_percentage: 10 */
	int swap_util_max;		/* swap_util_max: 100 (off) */
	int64_t filecache_min_kb;	/* filecache_min_kb: 0 (off) */
	int stall_limit_critical;	/* stall_limit_critical: 100 (off) */
	int lowmem_min_oom_score;	/* lowmem_min_oom_score: 701 */
	int pressure_after_kill_min_score; /* pressure_after_kill_min_score: 0 */
	int kill_timeout_ms;		/* kill_timeout_ms: 100 */
	bool kill_heaviest_task;	/* kill_heaviest_task: false */
};

void lp_config_default(struct lp_config *c);

/* The PSI level of a trigger (lmkd's vmpressure levels). */
enum lp_level { LP_LEVEL_MEDIUM, LP_LEVEL_CRITICAL };

/* Sums over all zones of the watermarks plus the largest lowmem reserve. */
struct lp_wmarks {
	int64_t min, low, high;		/* pages */
};

/* Which watermark free memory is under (lmkd's enum order). */
enum lp_wmark { LP_WMARK_MIN, LP_WMARK_LOW, LP_WMARK_HIGH, LP_WMARK_NONE };

/* What one wakeup reads. Memory in pages, unless the name says kB. */
struct lp_sample {
	int64_t now_ms;			/* CLOCK_MONOTONIC */
	bool event;			/* a PSI trigger fired (not a poll) */
	enum lp_level level;		/* the trigger's level */
	int page_kb;			/* page size in kB */
	/* /proc/meminfo */
	int64_t free_pages, cma_free_pages, inactive_file_mi;
	int64_t total_swap_pages, free_swap_pages;
	int64_t shmem, active_anon, inactive_anon;
	/* /proc/vmstat */
	int64_t refault_file;		/* workingset_refault(_file) */
	int64_t active_file, inactive_file;
	int64_t pgscan_kswapd, pgscan_direct, pgrefill;
	/* /proc/pressure/memory: full avg10, in hundredths of a percent */
	int psi_full_avg10_x100;
};

/* lmkd's kill reasons, in the order they are tested. */
enum lp_reason {
	LP_NONE,
	LP_PRESSURE_AFTER_KILL,
	LP_NOT_RESPONDING,
	LP_LOW_SWAP_AND_THRASHING,
	LP_LOW_MEM_AND_SWAP,
	LP_LOW_MEM_AND_SWAP_UTIL,
	LP_LOW_MEM_AND_THRASHING,
	LP_DIRECT_RECL_AND_THRASHING,
	LP_LOW_FILECACHE_AFTER_THRASHING,
	LP_LOW_MEM,
};

const char *lp_reason_name(enum lp_reason r);

enum lp_reclaim { LP_NO_RECLAIM, LP_KSWAPD_RECLAIM, LP_DIRECT_RECLAIM };

/* What lmkd keeps from one wakeup to the next. */
struct lp_state {
	bool started;			/* thrashing baseline taken */
	int64_t init_refault, prev_refault, base_file_lru;
	int64_t init_pgscan_kswapd, init_pgscan_direct, init_pgrefill;
	int64_t thrashing_reset_ms;
	int64_t prev_thrash_growth;
	int thrashing_limit;		/* current, decays after kills */
	int64_t max_thrashing;
	bool killing;			/* a kill since the last wakeup */
	bool check_filecache;
};

void lp_state_init(struct lp_state *st, const struct lp_config *c);

/* One wakeup's verdict. */
struct lp_decision {
	enum lp_reason reason;
	int min_score_adj;		/* lowest adj that may be killed */
	int64_t thrashing;		/* % of the file LRU refaulted */
	enum lp_wmark wmark;
	enum lp_reclaim reclaim;
	bool swap_low;
	bool cut_thrashing_limit;	/* lower the limit if the kill works */
};

/*
 * One wakeup: update @st from @s and decide whether to kill (->reason not
 * LP_NONE) and down to which adj. @w are the watermarks.
 */
void lp_decide(const struct lp_config *c, struct lp_state *st,
	       const struct lp_wmarks *w, const struct lp_sample *s,
	       struct lp_decision *d);

/* A kill for @d freed memory: lmkd's bookkeeping after it. */
void lp_killed(const struct lp_config *c, struct lp_state *st,
	       const struct lp_decision *d);

/*
 * Polling after a wakeup that did not leave a kill to wait for: returns
 * whether to (re)start the one-second polling window (after an event, a
 * kill, or direct reclaim; kswapd alone does not extend it), and sets
 * @fast for 10 ms polls (swap low, or a kill) instead of 100 ms ones.
 */
bool lp_polling(const struct lp_state *st, const struct lp_decision *d,
		bool event, bool *fast);

/* Which watermark @free_pages (less free CMA) is under. */
enum lp_wmark lp_lowest_wmark(const struct lp_wmarks *w, int64_t free_pages,
			      int64_t cma_free_pages);

/*
 * Parsers of the /proc files' text; 0, or -1 if a needed field is
 * missing. Sizes in pages (meminfo's kB divided by @page_kb).
 */
int lp_parse_meminfo(const char *text, int page_kb, struct lp_sample *s);
int lp_parse_vmstat(const char *text, struct lp_sample *s);
int lp_parse_zoneinfo(const char *text, struct lp_wmarks *w);
/* "full avg10=" of /proc/pressure/memory; -1 if absent. */
int lp_parse_psi_full_avg10(const char *text);

/* A process that may be killed. */
struct lp_proc {
	int pid;
	int adj;
	int64_t rss_pages;
};

/*
 * The victim among @n processes: the highest adj down to @min_score_adj;
 * there, above LP_PERCEPTIBLE_APP_ADJ and unless @heaviest, the first
 * listed (lmkd's least recently registered; lmkdpsi lists by pid, oldest
 * first), else the largest resident set (ties: the first listed).
 * Processes with no resident pages are skipped. Returns its index, or -1
 * if none qualifies.
 */
int lp_choose_victim(const struct lp_proc *p, size_t n, int min_score_adj,
		     bool heaviest);

#endif /* LMKD_POLICY_H */
