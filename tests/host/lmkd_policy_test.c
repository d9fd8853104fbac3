// SPDX-License-Identifier: GPL-2.0
/*
 * lmkd_policy_test - host-side unit tests of lmkd-psi's decision logic
 * (tests/progs/lmkd_policy.c): the defaults, the parsers, each kill reason
 * with the lowest adj it allows, thrashing and its decay, polling, and the
 * victim order. Prints "PASS host/lmkd-policy/NAME" or "FAIL ...: what"
 * per test and exits 1 if any failed. Run by scripts/hosttest.sh (make
 * check).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../progs/lmkd_policy.h"

static int failed, test_failed;
static const char *test_name;

static void fail(int line, const char *fmt, ...)
{
	va_list ap;

	if (!test_failed)
		printf("FAIL host/lmkd-policy/%s: line %d: ", test_name, line);
	else
		printf("  and line %d: ", line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	test_failed = 1;
}

#define EXPECT_EQ(a, b)							\
	do {								\
		long long a_ = (long long)(a), b_ = (long long)(b);	\
		if (a_ != b_)						\
			fail(__LINE__, "%s is %lld, expected %lld",	\
			     #a, a_, b_);				\
	} while (0)

#define RUN(fn)								\
	do {								\
		test_name = #fn;					\
		test_failed = 0;					\
		fn();							\
		if (test_failed)					\
			failed++;					\
		else							\
			printf("PASS host/lmkd-policy/%s\n", #fn);	\
	} while (0)

/* lmkd's defaults for a device that is not low-RAM. */
static void defaults(void)
{
	struct lp_config def;

	lp_config_default(&def);
	EXPECT_EQ(def.partial_stall_ms, 70);
	EXPECT_EQ(def.complete_stall_ms, 700);
	EXPECT_EQ(def.thrashing_limit_pct, 100);
	EXPECT_EQ(def.thrashing_limit_decay_pct, 10);
	EXPECT_EQ(def.thrashing_critical_pct, 300);
	EXPECT_EQ(def.swap_free_low_pct, 10);
	EXPECT_EQ(def.swap_util_max, 100);
	EXPECT_EQ(def.filecache_min_kb, 0);
	EXPECT_EQ(def.stall_limit_critical, 100);
	EXPECT_EQ(def.lowmem_min_oom_score, 701);
	EXPECT_EQ(def.pressure_after_kill_min_score, 0);
	EXPECT_EQ(def.kill_timeout_ms, 100);
	EXPECT_EQ(def.kill_heaviest_task, 0);
}

/* Three populated zones and an empty one (which counts for nothing). */
static const char zoneinfo[] =
	"Node 0, zone      DMA\n"
	"  per-node stats\n"
	"      nr_inactive_anon 518\n"
	"      nr_inactive_file 23658\n"
	"  pages free     3840\n"
	"        boost    0\n"
	"        min      13\n"
	"        low      16\n"
	"        high     19\n"
	"        promo    22\n"
	"        spanned  4095\n"
	"        present  3998\n"
	"        managed  3840\n"
	"        cma      0\n"
	"        protection: (0, 3019, 18635, 18635, 18635)\n"
	"      nr_free_pages 3840\n"
	"  pagesets\n"
	"    cpu: 0\n"
	"              count: 0\n"
	"              high:  0\n"
	"              batch: 1\n"
	"Node 0, zone    DMA32\n"
	"  pages free     60000\n"
	"        boost    0\n"
	"        min      1000\n"
	"        low      1250\n"
	"        high     1500\n"
	"        spanned  1044480\n"
	"        present  782288\n"
	"        managed  773000\n"
	"        protection: (0, 0, 15616, 15616, 15616)\n"
	"  pagesets\n"
	"              high:  378\n"
	"Node 0, zone   Normal\n"
	"  pages free     100000\n"
	"        boost    0\n"
	"        min      5000\n"
	"        low      6250\n"
	"        high     7500\n"
	"        spanned  4194304\n"
	"        present  4194304\n"
	"        managed  4000000\n"
	"        protection: (0, 0, 0, 0, 0)\n"
	"Node 0, zone  Movable\n"
	"  pages free     0\n"
	"        boost    0\n"
	"        min      7\n"
	"        low      8\n"
	"        high     9\n"
	"        spanned  0\n"
	"        present  0\n"
	"        managed  0\n"
	"        protection: (0, 0, 0, 0, 900)\n";

/* Watermarks: each populated zone's plus its largest lowmem reserve. */
static void zoneinfo_watermarks(void)
{
	struct lp_wmarks w;

	EXPECT_EQ(lp_parse_zoneinfo(zoneinfo, &w), 0);
	EXPECT_EQ(w.min, 13 + 18635 + 1000 + 15616 + 5000);
	EXPECT_EQ(w.low, 16 + 18635 + 1250 + 15616 + 6250);
	EXPECT_EQ(w.high, 19 + 18635 + 1500 + 15616 + 7500);
	EXPECT_EQ(lp_parse_zoneinfo("nothing here\n", &w), -1);
}

static void meminfo_in_pages(void)
{
	const char *text =
		"MemTotal:        8000000 kB\n"
		"MemFree:          400000 kB\n"
		"MemAvailable:     900000 kB\n"
		"Active(anon):     100000 kB\n"
		"Inactive(anon):   200000 kB\n"
		"Inactive(file):    40000 kB\n"
		"SwapTotal:       1000000 kB\n"
		"SwapFree:         600000 kB\n"
		"Shmem:              8000 kB\n"
		"CmaFree:            4000 kB\n";
	struct lp_sample s;

	memset(&s, 0, sizeof(s));
	EXPECT_EQ(lp_parse_meminfo(text, 4, &s), 0);
	EXPECT_EQ(s.free_pages, 100000);
	EXPECT_EQ(s.cma_free_pages, 1000);
	EXPECT_EQ(s.inactive_file_mi, 10000);
	EXPECT_EQ(s.total_swap_pages, 250000);
	EXPECT_EQ(s.free_swap_pages, 150000);
	EXPECT_EQ(s.shmem, 2000);
	/* 16K pages */
	EXPECT_EQ(lp_parse_meminfo(text, 16, &s), 0);
	EXPECT_EQ(s.free_pages, 25000);
	/* MemFree missing: an error, not a zero. */
	EXPECT_EQ(lp_parse_meminfo("MemTotal: 1 kB\nSwapTotal: 0 kB\n", 4, &s), -1);
}

static void vmstat_refault_names(void)
{
	const char *v6 =
		"nr_inactive_file 300\nnr_active_file 700\n"
		"workingset_refault_anon 5\nworkingset_refault_file 42\n"
		"pgrefill 9\npgscan_kswapd 11\npgscan_direct 12\n"
		"pgscan_direct_throttle 0\n";
	const char *v5 =
		"nr_inactive_file 300\nnr_active_file 700\n"
		"workingset_refault 17\n"
		"pgrefill 9\npgscan_kswapd 11\npgscan_direct 12\n";
	struct lp_sample s;

	memset(&s, 0, sizeof(s));
	EXPECT_EQ(lp_parse_vmstat(v6, &s), 0);
	EXPECT_EQ(s.refault_file, 42);
	EXPECT_EQ(s.active_file + s.inactive_file, 1000);
	EXPECT_EQ(s.pgscan_direct, 12);
	EXPECT_EQ(s.pgscan_kswapd, 11);
	EXPECT_EQ(s.pgrefill, 9);
	EXPECT_EQ(lp_parse_vmstat(v5, &s), 0);
	EXPECT_EQ(s.refault_file, 17);
	EXPECT_EQ(lp_parse_vmstat("nr_active_file 1\n", &s), -1);
}

static void psi_avg10(void)
{
	const char *text =
		"some avg10=50.00 avg60=1.00 avg300=0.00 total=9\n"
		"full avg10=12.34 avg60=0.50 avg300=0.00 total=5\n";

	EXPECT_EQ(lp_parse_psi_full_avg10(text), 1234);
	EXPECT_EQ(lp_parse_psi_full_avg10("full avg10=0.00 avg60=0.00\n"), 0);
	EXPECT_EQ(lp_parse_psi_full_avg10("full avg10=100.00 avg60=9\n"), 10000);
	EXPECT_EQ(lp_parse_psi_full_avg10("some avg10=1.00\n"), -1);
}

static const struct lp_wmarks W = { .min = 1000, .low = 1250, .high = 1500 };

/* The fixture of the decision tests: lmkd's settings, state, verdict. */
static struct lp_config c;
static struct lp_state st;
static struct lp_decision d;

/* One wakeup on @s, against the watermarks W. */
static void decide(const struct lp_sample *s)
{
	lp_decide(&c, &st, &W, s, &d);
}

static void lowest_wmark(void)
{
	EXPECT_EQ(lp_lowest_wmark(&W, 999, 0), LP_WMARK_MIN);
	EXPECT_EQ(lp_lowest_wmark(&W, 1000, 0), LP_WMARK_LOW);
	EXPECT_EQ(lp_lowest_wmark(&W, 1249, 0), LP_WMARK_LOW);
	EXPECT_EQ(lp_lowest_wmark(&W, 1250, 0), LP_WMARK_HIGH);
	EXPECT_EQ(lp_lowest_wmark(&W, 1500, 0), LP_WMARK_NONE);
	/* Free CMA pages do not count. */
	EXPECT_EQ(lp_lowest_wmark(&W, 1500, 300), LP_WMARK_LOW);
}

/* A sample with plenty free, no swap, and the given counters. */
static struct lp_sample sample(long now, long free, long kswapd,
			       long direct, long refault)
{
	struct lp_sample s;

	memset(&s, 0, sizeof(s));
	s.now_ms = now;
	s.page_kb = 4;
	s.free_pages = free;
	s.active_file = 6000;
	s.inactive_file = 4000;
	s.inactive_file_mi = 4000;
	s.pgscan_kswapd = kswapd;
	s.pgscan_direct = direct;
	s.refault_file = refault;
	s.level = LP_LEVEL_MEDIUM;
	return s;
}

/* A first wakeup with nothing going on: takes the baselines. */
static void start(void)
{
	struct lp_sample s = sample(0, 100000, 0, 0, 0);

	lp_state_init(&st, &c);
	decide(&s);
}

/* lmkd's defaults, and a first wakeup. */
static void fresh(void)
{
	lp_config_default(&c);
	start();
}

/* Without reclaim or refaults since the last wakeup: nothing to decide. */
static void quiet_means_no_kill(void)
{
	struct lp_sample s;
	bool fast;

	fresh();
	s = sample(100, 10, 0, 0, 0);	/* below min, but nothing moves */
	decide(&s);
	EXPECT_EQ(d.reason, LP_NONE);
	EXPECT_EQ(lp_polling(&st, &d, false, &fast), false);
	/* A PSI event restarts polling even so. */
	EXPECT_EQ(lp_polling(&st, &d, true, &fast), true);
	EXPECT_EQ(fast, false);
}

/* Under the low watermark alone: cached and previous apps (adj > 700). */
static void low_watermark_kills_cached_only(void)
{
	struct lp_sample s;
	bool fast;

	fresh();
	s = sample(100, 1200, 50, 0, 0);
	decide(&s);
	EXPECT_EQ(d.reason, LP_LOW_MEM);
	EXPECT_EQ(d.min_score_adj, 701);
	EXPECT_EQ(d.reclaim, LP_KSWAPD_RECLAIM);
	/* kswapd alone does not extend polling. */
	EXPECT_EQ(lp_polling(&st, &d, false, &fast), false);
	/* Between low and high: no kill. */
	s = sample(200, 1300, 60, 0, 0);
	decide(&s);
	EXPECT_EQ(d.reason, LP_NONE);
	/* lowmem_min_oom_score over 1000 turns the reason off. */
	c.lowmem_min_oom_score = 1001;
	s = sample(300, 1200, 70, 0, 0);
	decide(&s);
	EXPECT_EQ(d.reason, LP_NONE);
}

/* A critical (full stall) event allows any adj >= 0; a poll does not. */
static void critical_event_not_responding(void)
{
	struct lp_sample s;

	fresh();
	s = sample(100, 100000, 0, 5, 0);
	s.event = true;
	s.level = LP_LEVEL_CRITICAL;
	decide(&s);
	EXPECT_EQ(d.reason, LP_NOT_RESPONDING);
	EXPECT_EQ(d.min_score_adj, 0);
	s = sample(200, 100000, 0, 10, 0);
	s.level = LP_LEVEL_CRITICAL;	/* a poll: events == 0 */
	decide(&s);
	EXPECT_EQ(d.reason, LP_NONE);
	/* A medium event at the same point: no kill. */
	s = sample(300, 100000, 0, 15, 0);
	s.event = true;
	decide(&s);
	EXPECT_EQ(d.reason, LP_NONE);
}

/* After a kill, still under min: anything at adj >= 0, polls fast. */
static void pressure_after_kill(void)
{
	struct lp_state st_copy;
	struct lp_sample s;
	bool fast;

	fresh();
	s = sample(100, 1200, 0, 5, 0);
	decide(&s);
	EXPECT_EQ(d.reason, LP_LOW_MEM);
	lp_killed(&c, &st, &d);
	EXPECT_EQ(lp_polling(&st, &d, false, &fast), true);
	EXPECT_EQ(fast, true);
	/* Between min and low after a kill: cached apps only, as before. */
	st_copy = st;
	s = sample(200, 1000, 0, 10, 0);
	lp_decide(&c, &st_copy, &W, &s, &d);
	EXPECT_EQ(d.reason, LP_LOW_MEM);
	s = sample(200, 900, 0, 10, 0);
	decide(&s);
	EXPECT_EQ(d.reason, LP_PRESSURE_AFTER_KILL);
	EXPECT_EQ(d.min_score_adj, 0);
	/* Only in the first wakeup after the kill. */
	s = sample(300, 900, 0, 15, 0);
	decide(&s);
	EXPECT_EQ(d.reason, LP_LOW_MEM);
	EXPECT_EQ(d.min_score_adj, 701);
}

/*
 * Swap low: under 10% of the swap free, where free swap counts no more
 * than MemFree + Inactive(file).
 */
static void low_swap(void)
{
	struct lp_sample s;
	bool fast;

	fresh();
	s = sample(100, 1200, 0, 5, 0);
	s.inactive_file_mi = 50000;	/* MemFree + Inactive(file): 51200 */
	s.total_swap_pages = 100000;
	s.free_swap_pages = 10000;	/* 10%: not low */
	decide(&s);
	EXPECT_EQ(d.swap_low, false);
	EXPECT_EQ(d.reason, LP_LOW_MEM);
	s.free_swap_pages = 9999;
	s.pgscan_direct = 6;
	decide(&s);
	EXPECT_EQ(d.swap_low, true);
	EXPECT_EQ(d.reason, LP_LOW_MEM_AND_SWAP);
	EXPECT_EQ(d.min_score_adj, 201);
	lp_polling(&st, &d, false, &fast);
	EXPECT_EQ(fast, true);
	/* Under min: perceptible apps too. */
	s = sample(200, 999, 0, 10, 0);
	s.total_swap_pages = 100000;
	s.free_swap_pages = 9999;
	decide(&s);
	EXPECT_EQ(d.reason, LP_LOW_MEM_AND_SWAP);
	EXPECT_EQ(d.min_score_adj, 0);
	/* Plenty of swap, but little free memory to swap with. */
	s = sample(300, 1200, 0, 15, 0);
	s.total_swap_pages = 100000;
	s.free_swap_pages = 90000;
	s.inactive_file_mi = 3000;	/* free + inactive file: 4200 */
	decide(&s);
	EXPECT_EQ(d.swap_low, true);
	/* With swap to spare: low memory alone. */
	s.inactive_file_mi = 20000;
	s.now_ms = 400;
	s.pgscan_direct = 20;
	decide(&s);
	EXPECT_EQ(d.swap_low, false);
	EXPECT_EQ(d.reason, LP_LOW_MEM);
}

/*
 * Thrashing: refaults as a percentage of the file LRU (10,000 pages in
 * sample()), in direct reclaim; the limit decays by 10% a kill.
 */
static void direct_reclaim_thrashing(void)
{
	struct lp_sample s;

	fresh();
	s = sample(100, 100000, 0, 5, 15000);	/* 149% */
	decide(&s);
	EXPECT_EQ(d.thrashing, 149);
	EXPECT_EQ(d.reason, LP_DIRECT_RECL_AND_THRASHING);
	EXPECT_EQ(d.min_score_adj, 201);
	EXPECT_EQ(d.cut_thrashing_limit, true);
	lp_killed(&c, &st, &d);
	EXPECT_EQ(st.thrashing_limit, 90);
	/* Measured afresh from the first wakeup after the kill ... */
	s = sample(200, 100000, 0, 10, 15000);
	decide(&s);
	EXPECT_EQ(d.thrashing, 0);
	EXPECT_EQ(d.reason, LP_NONE);
	/* ... where 95% of the file LRU is over the cut limit. */
	s = sample(300, 100000, 0, 15, 15000 + 9500);
	decide(&s);
	EXPECT_EQ(d.thrashing, 94);
	EXPECT_EQ(d.reason, LP_DIRECT_RECL_AND_THRASHING);
	/* Critical thrashing (over 300%): perceptible apps too. */
	start();
	s = sample(100, 100000, 0, 5, 31000);
	decide(&s);
	EXPECT_EQ(d.min_score_adj, 0);
	/* kswapd only, no low watermark: thrashing alone kills nothing. */
	start();
	s = sample(100, 100000, 5, 0, 15000);
	decide(&s);
	EXPECT_EQ(d.reason, LP_NONE);
	/* ... and with the low watermark breached, it does. */
	s = sample(200, 1200, 10, 0, 16000);
	decide(&s);
	EXPECT_EQ(d.reason, LP_LOW_MEM_AND_THRASHING);
	EXPECT_EQ(d.min_score_adj, 201);
}

/*
 * Across windows of a second, the last window's thrashing carries over,
 * halved per window passed, unless over the limit in the window just
 * ended.
 */
static void thrashing_windows(void)
{
	struct lp_sample s;

	fresh();
	s = sample(500, 100000, 5, 0, 4000);	/* 39% in this window */
	decide(&s);
	EXPECT_EQ(d.thrashing, 39);
	s = sample(1100, 100000, 10, 0, 6000);	/* new window: 59% >> 1 */
	decide(&s);
	EXPECT_EQ(d.thrashing, 29);
	s = sample(1500, 100000, 15, 0, 7000);	/* +10% on top */
	decide(&s);
	EXPECT_EQ(d.thrashing, 29 + 9);
	/* Over the limit in the one window just ended: kept whole. */
	start();
	s = sample(1001, 100000, 5, 0, 12000);	/* 119% */
	decide(&s);
	EXPECT_EQ(d.thrashing, 119);
	/* Two windows later: halved twice even so. */
	start();
	s = sample(2001, 100000, 5, 0, 12000);
	decide(&s);
	EXPECT_EQ(d.thrashing, 119 >> 2);
}

/* stall_limit_critical: a full avg10 over it lets adj 0 go. */
static void critical_stall(void)
{
	struct lp_sample s;

	fresh();
	s = sample(100, 1200, 0, 5, 0);
	s.psi_full_avg10_x100 = 9999;	/* 99.99%: never over 100 */
	decide(&s);
	EXPECT_EQ(d.min_score_adj, 701);
	c.stall_limit_critical = 5;
	s = sample(200, 1200, 0, 10, 0);
	s.psi_full_avg10_x100 = 500;	/* not over it */
	decide(&s);
	EXPECT_EQ(d.min_score_adj, 701);
	s = sample(300, 1200, 0, 15, 0);
	s.psi_full_avg10_x100 = 501;
	decide(&s);
	EXPECT_EQ(d.min_score_adj, 0);
}

/* The first wakeup sees reclaim since boot, as lmkd's: it can kill. */
static void first_event_can_kill(void)
{
	struct lp_sample s;

	lp_config_default(&c);
	lp_state_init(&st, &c);
	s = sample(100, 100000, 400, 300, 0);
	s.event = true;
	s.level = LP_LEVEL_CRITICAL;
	decide(&s);
	EXPECT_EQ(d.reclaim, LP_DIRECT_RECLAIM);
	EXPECT_EQ(d.reason, LP_NOT_RESPONDING);
}

/*
 * Swap low and thrashing over thrashing_limit (the original one, not the
 * decayed): before any watermark is breached; perceptible apps spared
 * unless under min or thrashing past 300%.
 */
static void low_swap_and_thrashing(void)
{
	struct lp_sample s;

	fresh();
	s = sample(100, 100000, 5, 0, 10500);	/* 104% */
	s.total_swap_pages = 100000;
	s.free_swap_pages = 5000;
	decide(&s);
	EXPECT_EQ(d.reason, LP_LOW_SWAP_AND_THRASHING);
	EXPECT_EQ(d.min_score_adj, 201);
	EXPECT_EQ(d.cut_thrashing_limit, false);
	lp_killed(&c, &st, &d);
	EXPECT_EQ(st.thrashing_limit, 100);
	/* A decayed limit of 90 does not count here: 95% is not over 100. */
	start();
	st.thrashing_limit = 90;
	s = sample(100, 100000, 5, 0, 9600);
	s.total_swap_pages = 100000;
	s.free_swap_pages = 5000;
	decide(&s);
	EXPECT_EQ(d.reason, LP_NONE);
	/* Under min: adj 0 too. */
	start();
	s = sample(100, 999, 5, 0, 10500);
	s.total_swap_pages = 100000;
	s.free_swap_pages = 5000;
	decide(&s);
	EXPECT_EQ(d.reason, LP_LOW_SWAP_AND_THRASHING);
	EXPECT_EQ(d.min_score_adj, 0);
}

/* swap_util_max (off at 100): under low, and too much of anon in swap. */
static void swap_utilization(void)
{
	struct lp_sample s;

	fresh();
	s = sample(100, 1200, 5, 0, 0);
	s.inactive_file_mi = 100000;
	s.total_swap_pages = 100000;
	s.free_swap_pages = 40000;		/* 60,000 used */
	s.active_anon = 20000;
	s.inactive_anon = 20000;		/* 60% of anon in swap */
	decide(&s);
	EXPECT_EQ(d.reason, LP_LOW_MEM);
	c.swap_util_max = 59;
	s.now_ms = 200;
	s.pgscan_kswapd = 10;
	decide(&s);
	EXPECT_EQ(d.reason, LP_LOW_MEM_AND_SWAP_UTIL);
	EXPECT_EQ(d.min_score_adj, 0);
	c.swap_util_max = 60;
	s.now_ms = 300;
	s.pgscan_kswapd = 15;
	decide(&s);
	EXPECT_EQ(d.reason, LP_LOW_MEM);
}

/*
 * Under low and thrashing: the limit decays after each kill until the
 * next window restores it; filecache_min_kb keeps killing after thrashing
 * while the file LRU stays small.
 */
static void low_mem_thrashing_and_filecache(void)
{
	struct lp_sample s;

	lp_config_default(&c);
	c.filecache_min_kb = 80000;		/* 20,000 pages */
	start();
	s = sample(100, 1200, 5, 0, 10500);	/* 104% */
	decide(&s);
	EXPECT_EQ(d.reason, LP_LOW_MEM_AND_THRASHING);
	EXPECT_EQ(d.min_score_adj, 201);
	EXPECT_EQ(d.cut_thrashing_limit, true);
	lp_killed(&c, &st, &d);
	EXPECT_EQ(st.thrashing_limit, 90);
	/* After the kill: free again, no thrashing, file LRU 10,000 pages. */
	s = sample(200, 100000, 10, 0, 10500);
	decide(&s);
	EXPECT_EQ(d.reason, LP_LOW_FILECACHE_AFTER_THRASHING);
	EXPECT_EQ(d.min_score_adj, 201);
	/* A file LRU as large as filecache_min_kb ends it. */
	s = sample(300, 100000, 15, 0, 10500);
	s.inactive_file = 14000;
	decide(&s);
	EXPECT_EQ(d.reason, LP_NONE);
	s.now_ms = 400;
	s.pgscan_kswapd = 20;
	s.inactive_file = 4000;
	decide(&s);
	EXPECT_EQ(d.reason, LP_NONE);
	/* The next window restores the limit. */
	s = sample(1300, 100000, 25, 0, 10500);
	decide(&s);
	EXPECT_EQ(st.thrashing_limit, 100);
	/* Past 300%: adj 0 too. */
	start();
	s = sample(100, 1200, 5, 0, 30200);
	decide(&s);
	EXPECT_EQ(d.reason, LP_LOW_MEM_AND_THRASHING);
	EXPECT_EQ(d.min_score_adj, 0);
}

/* Victims: the highest adj; the oldest above 200, the heaviest at 200 and below. */
static void victim_order(void)
{
	const struct lp_proc p[] = {
		{ .pid = 10, .adj = 0, .rss_pages = 90000 },
		{ .pid = 20, .adj = 900, .rss_pages = 100 },
		{ .pid = 30, .adj = 900, .rss_pages = 5000 },
		{ .pid = 40, .adj = 950, .rss_pages = 0 },	/* no memory */
		{ .pid = 50, .adj = 200, .rss_pages = 10 },
		{ .pid = 60, .adj = 200, .rss_pages = 30 },
		{ .pid = 70, .adj = 1001, .rss_pages = 30 },	/* not an adj */
		{ .pid = 80, .adj = 100, .rss_pages = 40 },
		{ .pid = 90, .adj = 100, .rss_pages = 40 },	/* a tie */
	};
	const size_t n = ARRAY_SIZE(p);

	EXPECT_EQ(p[lp_choose_victim(p, n, 0, false)].pid, 20);
	EXPECT_EQ(p[lp_choose_victim(p, n, 0, true)].pid, 30);
	EXPECT_EQ(p[4 + lp_choose_victim(p + 4, 2, 0, false)].pid, 60);
	EXPECT_EQ(p[lp_choose_victim(p, 1, 0, false)].pid, 10);
	EXPECT_EQ(p[7 + lp_choose_victim(p + 7, 2, 0, true)].pid, 80);
	EXPECT_EQ(lp_choose_victim(p, n, 901, false), -1);
	EXPECT_EQ(lp_choose_victim(p, 1, 1, true), -1);
}

int main(void)
{
	RUN(defaults);
	RUN(zoneinfo_watermarks);
	RUN(meminfo_in_pages);
	RUN(vmstat_refault_names);
	RUN(psi_avg10);
	RUN(lowest_wmark);
	RUN(quiet_means_no_kill);
	RUN(low_watermark_kills_cached_only);
	RUN(critical_event_not_responding);
	RUN(pressure_after_kill);
	RUN(low_swap);
	RUN(direct_reclaim_thrashing);
	RUN(thrashing_windows);
	RUN(critical_stall);
	RUN(first_event_can_kill);
	RUN(low_swap_and_thrashing);
	RUN(swap_utilization);
	RUN(low_mem_thrashing_and_filecache);
	RUN(victim_order);
	return failed ? 1 : 0;
}
