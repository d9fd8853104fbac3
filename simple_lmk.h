/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Simple LMK: policy interface shared by the module and its KUnit tests,
 * and the one place where kernel-version differences live.
 */
#ifndef _SIMPLE_LMK_H
#define _SIMPLE_LMK_H

#include <kunit/visibility.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/mmzone.h>
#include <linux/shrinker.h>
#include <linux/slab.h>
#include <linux/types.h>

/*
 * The release: MODULE_VERSION, dkms.conf's PACKAGE_VERSION and the Debian
 * package's version (scripts/doccheck.py checks that they agree).
 */
#define SLMK_VERSION		"0.9.0"

/*
 * ---------------------------------------------------------------------------
 * Compatibility: Debian 6.1 and 6.12 (Android GKI 6.1 and 6.12 bases).
 * Everything that differs between supported kernels is defined here, and
 * nowhere else.
 * ---------------------------------------------------------------------------
 */

/*
 * The test module imports the symbols exported for it. MODULE_INFO is what
 * MODULE_IMPORT_NS() expands to; 6.13 made that macro take a string, so the
 * expansion is written out to build on both sides of the change.
 */
#define SLMK_IMPORT_KUNIT_NS() \
	MODULE_INFO(import_ns, "EXPORTED_FOR_KUNIT_TESTING")

/*
 * Register a shrinker with these callbacks. 6.7 replaced register_shrinker()
 * by shrinker_alloc() and shrinker_register(); SHRINKER_ALLOCATED came with
 * them. Returns the shrinker or an ERR_PTR().
 */
static inline struct shrinker *
slmk_shrinker_create(const char *name,
		     unsigned long (*count)(struct shrinker *,
					    struct shrink_control *),
		     unsigned long (*scan)(struct shrinker *,
					   struct shrink_control *))
{
	struct shrinker *s;
#ifdef SHRINKER_ALLOCATED
	s = shrinker_alloc(0, "%s", name);
	if (!s)
		return ERR_PTR(-ENOMEM);
	s->count_objects = count;
	s->scan_objects = scan;
	s->seeks = DEFAULT_SEEKS;
	shrinker_register(s);
#else
	int ret;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return ERR_PTR(-ENOMEM);
	s->count_objects = count;
	s->scan_objects = scan;
	s->seeks = DEFAULT_SEEKS;
	ret = register_shrinker(s, "%s", name);
	if (ret) {
		kfree(s);
		return ERR_PTR(ret);
	}
#endif
	return s;
}

/* Unregister, wait for running callbacks, and free. */
static inline void slmk_shrinker_destroy(struct shrinker *s)
{
#ifdef SHRINKER_ALLOCATED
	shrinker_free(s);
#else
	unregister_shrinker(s);
	kfree(s);
#endif
}

/*
 * Free pages of the high-order atomic reserve, which kswapd and ordinary
 * allocations do not count as free. Kernels with the fix of its accounting
 * (6.12, and stable ones it went to; Kbuild looks for the field) count
 * them in nr_free_highatomic; older ones subtract the whole reserve.
 */
static inline unsigned long slmk_free_highatomic(struct zone *z)
{
#ifdef SLMK_HAVE_NR_FREE_HIGHATOMIC
	return READ_ONCE(z->nr_free_highatomic);
#else
	return READ_ONCE(z->nr_reserved_highatomic);
#endif
}

/* ------------------------------------------------------------------------- */

/* Adj buckets, most expendable first: Android's levels, then "below 0". */
#define SLMK_NR_BUCKETS		15
/* Bucket given to a candidate that may never be chosen. */
#define SLMK_BUCKET_NONE	SLMK_NR_BUCKETS

#define SLMK_ADJ_MAX		1000
/* kswapd's priority must go this many levels below aggression. */
#define SLMK_KSWAPD_MARGIN	2

/*
 * kswapd's priority does not count while at least 1/SLMK_DISK_WAIT_SHARE of
 * the file pages are dirty or under writeback (see slmk_waits_for_disk()).
 */
#define SLMK_DISK_WAIT_SHARE	16
#define SLMK_ADJ_MIN		(-1000)

/* Upper bound of the max_victims parameter. */
#define SLMK_MAX_VICTIMS	1024

/* Scratch space slmk_select() needs, in unsigned longs. */
#define SLMK_SCRATCH_LONGS	(2 * (SLMK_MAX_VICTIMS + 1))

/**
 * struct slmk_cand - one killable process, as the policy sees it
 * @pages:	memory that killing it frees (RSS + swap entries + page tables)
 * @priv:	opaque to the policy: the caller's handle on the process
 * @key:	opaque to the policy: the caller's handle on its memory
 * @adj:	its oom_score_adj
 * @pid:	its thread group id, only to make ties deterministic
 * @bucket:	set by slmk_select() and expected by slmk_topk_add(): bucket
 *		of @adj, SLMK_BUCKET_NONE if protected
 * @chosen:	set by slmk_select(): true if it is a victim
 */
struct slmk_cand {
	unsigned long pages;
	void *priv;
	void *key;
	int adj;
	int pid;
	unsigned int bucket;
	bool chosen;
};

/**
 * struct slmk_zone - what the trigger needs to know of a memory zone
 * @free:	free pages
 * @unusable:	of those, pages that ordinary allocations and kswapd's
 *		balance check may not count: free CMA pages and the
 *		high-order atomic reserve
 * @high:	high watermark, in pages (kswapd reclaims up to it), with @boost
 * @boost:	pages the watermarks are raised by for a while after a
 *		fragmentation event (watermark_boost_factor)
 * @reserve:	pages kept back from allocations that may use a higher zone
 */
struct slmk_zone {
	unsigned long free;
	unsigned long unusable;
	unsigned long high;
	unsigned long boost;
	unsigned long reserve;
};

/* Length of the windows over which direct-reclaim stall is measured. */
#define SLMK_STALL_WINDOW_NS	1000000000ULL

/**
 * struct slmk_stall - time during which tasks were in direct reclaim
 * @nr:		tasks in direct reclaim now
 * @last:	time (ns) up to which @cur and @total are counted
 * @win_start:	start (ns) of the current window
 * @cur:	stall (ns) in the current window so far: time with @nr > 0
 * @prev:	stall (ns) in the previous window
 * @total:	stall (ns) since the start
 *
 * Like PSI's "some", time counts once however many tasks stall together.
 */
struct slmk_stall {
	unsigned int nr;
	u64 last;
	u64 win_start;
	u64 cur;
	u64 prev;
	u64 total;
};

/*
 * A rate is measured over at least SLMK_RATE_MIN_NS, and not over samples
 * older than SLMK_RATE_MAX_NS.
 */
#define SLMK_RATE_MIN_NS	500000000ULL
#define SLMK_RATE_MAX_NS	2000000000ULL

/**
 * struct slmk_rate - a growing counter, sampled to measure its rate
 * @at:		when each sample was taken (ns), older first; 0 for none
 * @val:	the counter then
 */
struct slmk_rate {
	u64 at[2];
	unsigned long val[2];
};

/*
 * A victim's memory is "on its way back" from the kill until its address
 * space is gone, while it keeps shrinking: a victim that frees none of its
 * anonymous or swapped memory, and ends none of its threads, for
 * SLMK_STUCK_NS is stuck (blocked in the kernel, or not scheduled), and
 * one still exiting SLMK_PENDING_MAX_NS
 * after the kill is no longer waited for either. The kernel's own OOM
 * killer gives up on a victim after about as long: its reaper starts 2 s
 * after the kill and tries 10 times, 100 ms apart.
 */
#define SLMK_STUCK_NS		500000000ULL
#define SLMK_PENDING_MAX_NS	3000000000ULL

/**
 * struct slmk_progress - how a victim's exit is going
 * @killed_at:	when it was killed (ns)
 * @progress_at: when its memory last shrank, or @killed_at (ns)
 * @left:	its anonymous pages, swap entries and threads when last seen
 * @released:	its address space is gone
 */
struct slmk_progress {
	u64 killed_at;
	u64 progress_at;
	unsigned long left;
	bool released;
};

/* What started a round (trace event simple_lmk_round_start). */
enum slmk_trigger {
	SLMK_TRIGGER_PRIORITY,	/* reclaim priority at or below aggression */
	SLMK_TRIGGER_STALL,	/* direct-reclaim stall of stall_ms per second */
	SLMK_TRIGGER_OOM,	/* the OOM notifier */
	SLMK_TRIGGER_THRASH,	/* refaults of thrash_pct of evictable pages/s */
};

/* How a round ended (log line and trace event simple_lmk_round_end). */
enum slmk_end {
	SLMK_END_NONE,
	SLMK_END_DONE,		/* every victim released its memory */
	SLMK_END_TIMEOUT,	/* timeout_ms went by first */
	SLMK_END_GAVE_UP,	/* the rest are stuck, or past the 3 s bound */
	SLMK_END_UNLOAD,	/* the module was unloaded during the wait */
	SLMK_END_EMPTY,		/* no process could be killed */
	SLMK_END_DRY_RUN,	/* a dry run: nothing was killed */
};

/*
 * The policy functions are static in the module, and visible to the KUnit
 * test module only in kernels built with KUnit (VISIBLE_IF_KUNIT).
 */
#if IS_ENABLED(CONFIG_KUNIT)
unsigned int slmk_adj_bucket(int adj);
bool slmk_adj_killable(int adj, int min_adj);
bool slmk_priority_low(int priority, unsigned int aggression, bool kswapd);
unsigned long slmk_add_sat(unsigned long a, unsigned long b);
unsigned long slmk_mb_to_pages(unsigned int mb, unsigned int page_shift);
unsigned long slmk_pages_to_kb(unsigned long pages, unsigned int page_shift);
unsigned int slmk_max_target_mb(unsigned long totalram, unsigned int page_shift);
int slmk_parse_range(const char *val, long long min, long long max,
		     long long *res, const char **why);
bool slmk_zones_short(const struct slmk_zone *z, unsigned int n, bool boosted);
bool slmk_waits_for_disk(unsigned long dirty, unsigned long file,
			 unsigned long floor);
bool slmk_cache_droppable(unsigned long inactive_file, unsigned long floor);
void slmk_stall_init(struct slmk_stall *s, u64 now);
void slmk_stall_advance(struct slmk_stall *s, u64 now);
void slmk_stall_enter(struct slmk_stall *s, u64 now);
void slmk_stall_leave(struct slmk_stall *s, u64 now);
u64 slmk_stall_recent(const struct slmk_stall *s, u64 now);
void slmk_stall_forget(struct slmk_stall *s, u64 now);
void slmk_rate_reset(struct slmk_rate *r, u64 now, unsigned long val);
void slmk_rate_sample(struct slmk_rate *r, u64 now, unsigned long val);
unsigned long slmk_rate_per_sec(const struct slmk_rate *r, u64 now,
				unsigned long val);
bool slmk_thrashing(unsigned long per_sec, unsigned long lru,
		    unsigned int pct);
void slmk_progress_init(struct slmk_progress *p, unsigned long left,
			u64 now);
void slmk_progress_update(struct slmk_progress *p, unsigned long left,
			  u64 now);
bool slmk_progress_pending(const struct slmk_progress *p, u64 now);
unsigned long slmk_level_target(const unsigned long *sums, unsigned long target,
				unsigned int *level);
bool slmk_topk_add(struct slmk_cand *heap, unsigned int *n, unsigned int k,
		   const struct slmk_cand *c, struct slmk_cand *out);
unsigned int slmk_select(struct slmk_cand *c, unsigned int n,
			 unsigned long target, unsigned int max_victims,
			 int min_adj, unsigned long *scratch);
#endif

#endif /* _SIMPLE_LMK_H */
