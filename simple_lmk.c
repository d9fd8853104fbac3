// SPDX-License-Identifier: GPL-2.0
/*
 * Simple LMK: a low-memory killer that lives in the kernel's reclaim path.
 *
 * A shrinker hooked into reclaim watches the reclaim priority. When kswapd
 * (or direct reclaim) reaches "aggression" or below, or tasks have waited in
 * direct reclaim for "stall_ms" of the last second, or pages evicted lately
 * are read back at "thrash_pct" of the evictable pages per second, one
 * kill thread wakes, picks from the most expendable oom_score_adj level the
 * fewest processes (largest first) that free "reclaim_target_mb", or the
 * whole level, kills them and every process sharing their memory, and
 * waits until their address spaces are gone. An OOM notifier runs the same
 * round before the kernel OOM killer would pick a victim by size alone.
 *
 * See Documentation/admin-guide/simple_lmk.rst.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/cred.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kobject.h>
#include <linux/kthread.h>
#include <linux/math64.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/mmu_context.h>
#include <linux/mmzone.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/nodemask.h>
#include <linux/oom.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/debug.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/sizes.h>
#include <linux/shrinker.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/suspend.h>
#include <linux/swap.h>
#include <linux/sysfs.h>
#include <linux/tracepoint.h>
#include <linux/vmstat.h>
#include <linux/wait.h>
/* The tracepoints the probes attach to, to check the probes' types. */
#include <trace/events/sched.h>
#include <trace/events/vmscan.h>

#include "simple_lmk.h"

#define CREATE_TRACE_POINTS
#include "simple_lmk_trace.h"

/* ------------------------------------------------------------------------- */
/* Policy: pure functions over plain structs, tested by KUnit.                */
/* ------------------------------------------------------------------------- */

/* Lowest adj of each bucket, most expendable first; the last is "below 0". */
static const int slmk_bucket_floors[SLMK_NR_BUCKETS] = {
	1000, 950, 900, 800, 700, 600, 500, 400, 300, 250, 200, 100, 50, 0,
	SLMK_ADJ_MIN + 1,
};

/**
 * slmk_adj_bucket() - bucket of an oom_score_adj value
 * @adj: the value, clamped to [-1000, 1000]
 *
 * Return: 0 for the most expendable bucket (adj 1000) up to
 * SLMK_NR_BUCKETS - 1 for negative values; SLMK_BUCKET_NONE for -1000.
 */
VISIBLE_IF_KUNIT unsigned int slmk_adj_bucket(int adj)
{
	unsigned int b;

	for (b = 0; b < SLMK_NR_BUCKETS; b++)
		if (adj >= slmk_bucket_floors[b])
			return b;
	return SLMK_BUCKET_NONE;
}
EXPORT_SYMBOL_IF_KUNIT(slmk_adj_bucket);

/**
 * slmk_adj_killable() - may a process with this adj ever be a victim
 * @adj: its oom_score_adj
 * @min_adj: the min_adj parameter
 *
 * Return: false for -1000 (OOM_SCORE_ADJ_MIN) and for anything below @min_adj.
 */
VISIBLE_IF_KUNIT bool slmk_adj_killable(int adj, int min_adj)
{
	return adj > SLMK_ADJ_MIN && adj >= min_adj;
}
EXPORT_SYMBOL_IF_KUNIT(slmk_adj_killable);

/**
 * slmk_priority_low() - has reclaim reached a priority that starts a round
 * @priority: the reclaim priority, 12 (DEF_PRIORITY) down to 0
 * @aggression: the aggression parameter
 * @kswapd: the priority is kswapd's, not direct reclaim's
 *
 * Direct reclaim counts at @aggression or below, kswapd at
 * SLMK_KSWAPD_MARGIN levels lower: streaming page cache takes kswapd lower
 * than direct reclaim, and lower on a slow CPU (5 on x86-64, 3 on arm64
 * under QEMU/TCG, with two 60 MiB processes beside it, in a 512 MiB
 * guest), while running out of anonymous memory takes both down to 1 within
 * a few ms of each other.
 *
 * Return: true if the priority is low enough.
 */
VISIBLE_IF_KUNIT bool slmk_priority_low(int priority, unsigned int aggression,
					bool kswapd)
{
	return priority <= (int)aggression - (kswapd ? SLMK_KSWAPD_MARGIN : 0);
}
EXPORT_SYMBOL_IF_KUNIT(slmk_priority_low);

/**
 * slmk_add_sat() - saturating addition
 * @a: first term
 * @b: second term
 *
 * Return: @a + @b, or ULONG_MAX if that overflows.
 */
VISIBLE_IF_KUNIT unsigned long slmk_add_sat(unsigned long a, unsigned long b)
{
	unsigned long sum;

	if (check_add_overflow(a, b, &sum))
		return ULONG_MAX;
	return sum;
}
EXPORT_SYMBOL_IF_KUNIT(slmk_add_sat);

/**
 * slmk_mb_to_pages() - MiB to pages, saturating
 * @mb: mebibytes
 * @page_shift: log2 of the page size, 12..20
 *
 * Return: the number of pages, or ULONG_MAX if it does not fit.
 */
VISIBLE_IF_KUNIT unsigned long slmk_mb_to_pages(unsigned int mb,
						unsigned int page_shift)
{
	unsigned int shift = 20 - page_shift;

	if ((unsigned long)mb > (ULONG_MAX >> shift))
		return ULONG_MAX;
	return (unsigned long)mb << shift;
}
EXPORT_SYMBOL_IF_KUNIT(slmk_mb_to_pages);

/**
 * slmk_pages_to_kb() - pages to KiB, saturating
 * @pages: number of pages
 * @page_shift: log2 of the page size, 10 or more
 *
 * Return: the size in KiB, or ULONG_MAX if it does not fit.
 */
VISIBLE_IF_KUNIT unsigned long slmk_pages_to_kb(unsigned long pages,
						unsigned int page_shift)
{
	unsigned int shift = page_shift - 10;

	if (pages > (ULONG_MAX >> shift))
		return ULONG_MAX;
	return pages << shift;
}
EXPORT_SYMBOL_IF_KUNIT(slmk_pages_to_kb);

/**
 * slmk_max_target_mb() - largest reclaim_target_mb allowed: half of RAM
 * @totalram: RAM in pages
 * @page_shift: log2 of the page size
 *
 * Return: half of RAM in MiB, at least 1, at most UINT_MAX.
 */
VISIBLE_IF_KUNIT unsigned int slmk_max_target_mb(unsigned long totalram,
						 unsigned int page_shift)
{
	unsigned long mb = (totalram >> (20 - page_shift)) / 2;

	return clamp_t(unsigned long, mb, 1, UINT_MAX);
}
EXPORT_SYMBOL_IF_KUNIT(slmk_max_target_mb);

/**
 * slmk_parse_range() - parse a decimal integer and check its range
 * @val: the text, as written to the parameter (a trailing newline is fine)
 * @min: smallest value accepted
 * @max: largest value accepted
 * @res: where the value goes; untouched on error
 * @why: on error, set to a short reason for the log
 *
 * Return: 0, or -EINVAL with @why set.
 */
VISIBLE_IF_KUNIT int slmk_parse_range(const char *val, long long min,
				      long long max, long long *res,
				      const char **why)
{
	long long v;

	if (!val || kstrtoll(val, 0, &v)) {
		*why = "not an integer";
		return -EINVAL;
	}
	if (v < min) {
		*why = "below the minimum";
		return -EINVAL;
	}
	if (v > max) {
		*why = "above the maximum";
		return -EINVAL;
	}
	*res = v;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(slmk_parse_range);

/**
 * slmk_zones_short() - is memory still short
 * @z: the populated zones of a node
 * @n: how many
 * @boosted: count the watermark boost
 *
 * kswapd stops once one zone that an allocation may use has more free pages
 * than its high watermark plus what it keeps back from that allocation,
 * not counting free CMA pages and the high-order atomic reserve, which it
 * may not use either. Until then, reclaim has work to do. A watermark boost counts only if
 * @boosted: it raises the watermarks for a while after a fragmentation
 * event, so that kswapd frees whole pageblocks, not because memory is
 * short. With 16 KiB pages a pageblock is 32 MiB, far more than the high
 * watermark of a small system: the boost alone made every zone look short
 * to kswapd's triggers. Allocations check the raised watermarks, though,
 * and can fail while the boost lasts: the OOM path, and rounds that
 * direct reclaim asked for, count it.
 *
 * Return: true if no zone is above that line.
 */
VISIBLE_IF_KUNIT bool slmk_zones_short(const struct slmk_zone *z,
				       unsigned int n, bool boosted)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		unsigned long high = z[i].high;
		unsigned long free = z[i].free - min(z[i].unusable, z[i].free);

		if (!boosted)
			high -= min(z[i].boost, high);

		if (free > slmk_add_sat(high, z[i].reserve))
			return false;
	}
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(slmk_zones_short);

/**
 * slmk_waits_for_disk() - is kswapd waiting for the disk, not for memory
 * @dirty: pages dirty or under writeback (swap writeback included)
 * @file: file pages on the LRU lists
 * @floor: pages a round aims to free (reclaim_target_mb)
 *
 * While a writer outruns the disk, the file pages it dirtied sit where
 * reclaim looks first (MGLRU adds new page cache to its oldest generation)
 * and reclaim skips them until they are written: kswapd's priority falls
 * (to 1 on the debug kernel, writing to a 20 MiB/s disk with 10-13% of the
 * file pages dirty or under writeback) although memory comes back at the
 * disk's speed. The classic LRU throttles kswapd on writeback instead.
 * Only while the page cache holds at least half of what a round would
 * free: as memory runs out the file LRU shrinks, and a little dirty data
 * (a log, the journal, swap being written) would be a large share of it.
 *
 * Return: true if the file pages are at least @floor / 2 and at least
 * 1/SLMK_DISK_WAIT_SHARE of them are dirty or under writeback.
 */
VISIBLE_IF_KUNIT bool slmk_waits_for_disk(unsigned long dirty,
					  unsigned long file,
					  unsigned long floor)
{
	return dirty && file >= floor / 2 &&
	       dirty >= file / SLMK_DISK_WAIT_SHARE;
}
EXPORT_SYMBOL_IF_KUNIT(slmk_waits_for_disk);

/**
 * slmk_cache_droppable() - can reclaim still drop page cache instead
 * @inactive_file: file pages on the inactive LRU lists (with MGLRU, in its
 *	older generations)
 * @floor: pages a round aims to free (reclaim_target_mb)
 *
 * Tasks also wait in direct reclaim while it drops page cache: on a slow
 * CPU, streaming reads kept them there 202-219 ms a second at priority 12
 * (reclaim succeeding at its first try) on the debug, debug-rt and
 * arm64-16k targets, and the stall trigger killed. Page cache that reclaim
 * can still drop must not cause a kill: the stall does not count while the
 * inactive page cache holds at least what a round would free.
 *
 * Return: true if @inactive_file is at least @floor.
 */
VISIBLE_IF_KUNIT bool slmk_cache_droppable(unsigned long inactive_file,
					   unsigned long floor)
{
	return inactive_file >= floor;
}
EXPORT_SYMBOL_IF_KUNIT(slmk_cache_droppable);

/**
 * slmk_stall_init() - start measuring direct-reclaim stall
 * @s: the measurement
 * @now: current time, ns
 */
VISIBLE_IF_KUNIT void slmk_stall_init(struct slmk_stall *s, u64 now)
{
	memset(s, 0, sizeof(*s));
	s->last = now;
	s->win_start = now;
}
EXPORT_SYMBOL_IF_KUNIT(slmk_stall_init);

/**
 * slmk_stall_advance() - count the stall up to @now
 * @s: the measurement
 * @now: current time, ns; a time before the last one counts as the last
 *
 * Closes the windows that ended before @now: the one that ended last
 * becomes the previous window, and one with no event in it at all was
 * stalled throughout if tasks were in reclaim, or not at all.
 */
VISIBLE_IF_KUNIT void slmk_stall_advance(struct slmk_stall *s, u64 now)
{
	const u64 w = SLMK_STALL_WINDOW_NS;
	u64 end;

	if (now <= s->last)
		return;
	if (now - s->win_start >= 2 * w) {
		/* Whole windows went by without an event. */
		if (s->nr)
			s->total += now - s->last;
		s->win_start += (now - s->win_start) / w * w;
		s->prev = s->nr ? w : 0;
		s->cur = s->nr ? now - s->win_start : 0;
		s->last = now;
		return;
	}
	if (now - s->win_start >= w) {
		end = s->win_start + w;
		if (s->nr) {
			s->cur += end - s->last;
			s->total += end - s->last;
		}
		s->prev = s->cur;
		s->cur = 0;
		s->win_start = end;
		s->last = end;
	}
	if (s->nr) {
		s->cur += now - s->last;
		s->total += now - s->last;
	}
	s->last = now;
}
EXPORT_SYMBOL_IF_KUNIT(slmk_stall_advance);

/**
 * slmk_stall_enter() - a task enters direct reclaim
 * @s: the measurement
 * @now: current time, ns
 */
VISIBLE_IF_KUNIT void slmk_stall_enter(struct slmk_stall *s, u64 now)
{
	slmk_stall_advance(s, now);
	s->nr++;
}
EXPORT_SYMBOL_IF_KUNIT(slmk_stall_enter);

/**
 * slmk_stall_leave() - a task leaves direct reclaim
 * @s: the measurement
 * @now: current time, ns
 *
 * A task that entered before the measurement started is not counted in
 * @s->nr; its leaving is ignored.
 */
VISIBLE_IF_KUNIT void slmk_stall_leave(struct slmk_stall *s, u64 now)
{
	slmk_stall_advance(s, now);
	if (s->nr)
		s->nr--;
}
EXPORT_SYMBOL_IF_KUNIT(slmk_stall_leave);

/**
 * slmk_stall_recent() - stall over the last window, estimated
 * @s: the measurement (not changed)
 * @now: current time, ns
 *
 * The current window's stall plus the previous window's, weighted by how
 * much of the previous window the last SLMK_STALL_WINDOW_NS still cover.
 *
 * Return: estimated stall, in ns, in the SLMK_STALL_WINDOW_NS before @now.
 */
VISIBLE_IF_KUNIT u64 slmk_stall_recent(const struct slmk_stall *s, u64 now)
{
	const u64 w = SLMK_STALL_WINDOW_NS;
	struct slmk_stall t = *s;

	slmk_stall_advance(&t, now);
	/* prev <= w and w - elapsed <= w: the product fits in 64 bits. */
	return t.cur + div64_u64(t.prev * (w - (t.last - t.win_start)), w);
}
EXPORT_SYMBOL_IF_KUNIT(slmk_stall_recent);

/**
 * slmk_stall_forget() - forget the stall measured so far, not the total
 * @s: the measurement
 * @now: current time, ns
 *
 * After a round has freed memory, the stall that caused it must not start
 * another one.
 */
VISIBLE_IF_KUNIT void slmk_stall_forget(struct slmk_stall *s, u64 now)
{
	slmk_stall_advance(s, now);
	s->cur = 0;
	s->prev = 0;
}
EXPORT_SYMBOL_IF_KUNIT(slmk_stall_forget);

/**
 * slmk_rate_reset() - start measuring a counter's rate afresh
 * @r: the measurement
 * @now: current time, ns
 * @val: the counter now
 *
 * After a round has freed memory, the refaults that caused it must not
 * start another one: the next rate is measured from here.
 */
VISIBLE_IF_KUNIT void slmk_rate_reset(struct slmk_rate *r, u64 now,
				      unsigned long val)
{
	r->at[0] = 0;
	r->val[0] = 0;
	r->at[1] = now;
	r->val[1] = val;
}
EXPORT_SYMBOL_IF_KUNIT(slmk_rate_reset);

/**
 * slmk_rate_sample() - record a counter's value
 * @r: the measurement
 * @now: current time, ns
 * @val: the counter now
 *
 * Keeps two samples, the newer at most SLMK_RATE_MIN_NS old when the
 * counter is sampled at least that often, so that the older one spans an
 * interval of at least SLMK_RATE_MIN_NS up to now.
 */
VISIBLE_IF_KUNIT void slmk_rate_sample(struct slmk_rate *r, u64 now,
				       unsigned long val)
{
	if (r->at[1] && now - r->at[1] < SLMK_RATE_MIN_NS)
		return;
	r->at[0] = r->at[1];
	r->val[0] = r->val[1];
	r->at[1] = now;
	r->val[1] = val;
}
EXPORT_SYMBOL_IF_KUNIT(slmk_rate_sample);

/**
 * slmk_rate_per_sec() - a counter's rate up to now
 * @r: the measurement
 * @now: current time, ns
 * @val: the counter now
 *
 * Measured from the newest sample at least SLMK_RATE_MIN_NS old; a sample
 * more than SLMK_RATE_MAX_NS old is stale (the counter was not sampled
 * while it mattered), and gives no rate. The counter may wrap.
 *
 * Return: increase per second, or 0 without a usable sample.
 */
VISIBLE_IF_KUNIT unsigned long slmk_rate_per_sec(const struct slmk_rate *r,
						 u64 now, unsigned long val)
{
	int i;

	for (i = 1; i >= 0; i--) {
		u64 age = now - r->at[i];

		if (!r->at[i] || now < r->at[i] || age < SLMK_RATE_MIN_NS)
			continue;
		if (age > SLMK_RATE_MAX_NS)
			return 0;
		/* age >= 1 ms; the increase times 1000 fits in 64 bits. */
		return div64_u64((u64)(val - r->val[i]) * MSEC_PER_SEC,
				 div_u64(age, NSEC_PER_MSEC));
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(slmk_rate_per_sec);

/**
 * slmk_thrashing() - are refaults fast enough to start a round
 * @per_sec: pages refaulted per second
 * @lru: pages reclaim can evict (file LRU, and anonymous while swap has room)
 * @pct: the thrash_pct parameter; 0 turns this off
 *
 * Return: true if pages refault and @per_sec is at least @pct percent of
 * @lru.
 */
VISIBLE_IF_KUNIT bool slmk_thrashing(unsigned long per_sec, unsigned long lru,
				     unsigned int pct)
{
	return pct && per_sec && (u64)per_sec * 100 >= (u64)lru * pct;
}
EXPORT_SYMBOL_IF_KUNIT(slmk_thrashing);

/**
 * slmk_progress_init() - a victim was just killed
 * @p: its progress
 * @left: its anonymous pages, swap entries and threads now
 * @now: current time, ns
 */
VISIBLE_IF_KUNIT void slmk_progress_init(struct slmk_progress *p,
					 unsigned long left, u64 now)
{
	p->killed_at = now;
	p->progress_at = now;
	p->left = left;
	p->released = false;
}
EXPORT_SYMBOL_IF_KUNIT(slmk_progress_init);

/**
 * slmk_progress_update() - look at a victim's memory again
 * @p: its progress
 * @left: its anonymous pages, swap entries and threads now
 * @now: current time, ns
 *
 * Reclaim moving its pages to swap does not change @left; only its exit
 * (or the kernel's OOM reaper) makes it shrink.
 */
VISIBLE_IF_KUNIT void slmk_progress_update(struct slmk_progress *p,
					   unsigned long left, u64 now)
{
	if (left < p->left) {
		p->left = left;
		if (now > p->progress_at)
			p->progress_at = now;
	}
}
EXPORT_SYMBOL_IF_KUNIT(slmk_progress_update);

/**
 * slmk_progress_pending() - is a victim's memory still on its way back
 * @p: its progress
 * @now: current time, ns
 *
 * Return: true until its address space is gone, while it frees memory at
 * least once every SLMK_STUCK_NS, and for at most SLMK_PENDING_MAX_NS after
 * the kill.
 */
VISIBLE_IF_KUNIT bool slmk_progress_pending(const struct slmk_progress *p,
					    u64 now)
{
	if (p->released)
		return false;
	if (now > p->progress_at && now - p->progress_at >= SLMK_STUCK_NS)
		return false;
	return !(now > p->killed_at &&
		 now - p->killed_at >= SLMK_PENDING_MAX_NS);
}
EXPORT_SYMBOL_IF_KUNIT(slmk_progress_pending);

/**
 * slmk_level_target() - the level a round takes, and what it may aim to free
 * @sums: pages of the killable candidates of each bucket
 * @target: pages the round aims to free (reclaim_target_mb)
 * @level: set to the most expendable bucket that holds memory, or to
 *	SLMK_BUCKET_NONE if none does
 *
 * A round kills from one adj level only: the most expendable level that
 * has a killable candidate holding memory. If that level holds less than
 * @target, the round takes all of it rather than reach into a less
 * expendable level for the rest; if memory is still short, the next round
 * goes on from there. So a process is never killed while a more expendable
 * one lives.
 *
 * Return: @target, or the pages of that level if they are fewer.
 */
VISIBLE_IF_KUNIT unsigned long slmk_level_target(const unsigned long *sums,
						 unsigned long target,
						 unsigned int *level)
{
	unsigned int b;

	for (b = 0; b < SLMK_NR_BUCKETS; b++)
		if (sums[b])
			break;
	*level = b < SLMK_NR_BUCKETS ? b : SLMK_BUCKET_NONE;
	return b < SLMK_NR_BUCKETS ? min(target, sums[b]) : target;
}
EXPORT_SYMBOL_IF_KUNIT(slmk_level_target);

/* Most expendable first: bucket, then size, then adj, then pid. */
static int slmk_cand_cmp(const void *a, const void *b)
{
	const struct slmk_cand *x = a, *y = b;

	if (x->bucket != y->bucket)
		return x->bucket < y->bucket ? -1 : 1;
	if (x->pages != y->pages)
		return x->pages > y->pages ? -1 : 1;
	if (x->adj != y->adj)
		return x->adj > y->adj ? -1 : 1;
	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return 0;
}

/* Is @a a worse victim than @b: later in slmk_cand_cmp()'s order? */
static bool slmk_cand_worse(const struct slmk_cand *a,
			    const struct slmk_cand *b)
{
	return slmk_cand_cmp(a, b) > 0;
}

/**
 * slmk_topk_add() - keep the @k best candidates seen so far
 * @heap: the kept candidates, a heap with the worst at the root
 * @n: how many are kept; grows up to @k
 * @k: most kept
 * @c: a new candidate, its @bucket set
 * @out: set to the candidate left out, if one is
 *
 * Best is first in slmk_select()'s order: most expendable bucket, then
 * largest, then highest adj, then lowest pid. A scan that keeps the
 * max_victims best of one bucket this way lets slmk_select() choose among
 * them exactly as among the whole bucket, in memory that does not grow
 * with the number of processes.
 *
 * Return: true if a candidate (@c, or one kept until now) was left out and
 * copied to @out.
 */
VISIBLE_IF_KUNIT bool slmk_topk_add(struct slmk_cand *heap, unsigned int *n,
				    unsigned int k, const struct slmk_cand *c,
				    struct slmk_cand *out)
{
	unsigned int i, child;

	if (*n < k) {
		for (i = (*n)++; i && slmk_cand_worse(c, &heap[(i - 1) / 2]);
		     i = (i - 1) / 2)
			heap[i] = heap[(i - 1) / 2];
		heap[i] = *c;
		return false;
	}
	if (!k || !slmk_cand_worse(&heap[0], c)) {
		*out = *c;
		return true;
	}
	*out = heap[0];
	for (i = 0;; i = child) {
		child = 2 * i + 1;
		if (child >= *n)
			break;
		if (child + 1 < *n &&
		    slmk_cand_worse(&heap[child + 1], &heap[child]))
			child++;
		if (!slmk_cand_worse(&heap[child], c))
			break;
		heap[i] = heap[child];
	}
	heap[i] = *c;
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(slmk_topk_add);

/*
 * top[j] = sum of the j largest candidates in buckets lo..hi, for j up to
 * @limit. Each bucket is already sorted largest first, so this is a merge of
 * at most SLMK_NR_BUCKETS sorted lists. Returns how many entries exist.
 */
static unsigned int slmk_top_sums(const struct slmk_cand *c,
				  const unsigned int *first, unsigned int lo,
				  unsigned int hi, unsigned int limit,
				  unsigned long *top)
{
	unsigned int head[SLMK_NR_BUCKETS];
	unsigned int b, j;

	for (b = lo; b <= hi; b++)
		head[b] = first[b];
	top[0] = 0;
	for (j = 1; j <= limit; j++) {
		unsigned int best = SLMK_BUCKET_NONE;

		for (b = lo; b <= hi; b++) {
			if (head[b] == first[b + 1])
				continue;
			if (best == SLMK_BUCKET_NONE ||
			    c[head[b]].pages > c[head[best]].pages)
				best = b;
		}
		if (best == SLMK_BUCKET_NONE)
			break;
		top[j] = slmk_add_sat(top[j - 1], c[head[best]++].pages);
	}
	return j - 1;
}

/**
 * slmk_select() - choose the victims of a round
 * @c: candidates; reordered, and their @bucket and @chosen fields set
 * @n: number of candidates
 * @target: pages the round aims to free
 * @max_victims: most victims allowed, 1..SLMK_MAX_VICTIMS
 * @min_adj: candidates below this adj (and at -1000) are never chosen
 * @scratch: SLMK_SCRATCH_LONGS unsigned longs of work space
 *
 * The choice obeys, in this order:
 * 1. nobody from a bucket while the more expendable buckets alone can free
 *    @target;
 * 2. the fewest victims that free @target;
 * 3. among choices with as many victims, the most victims from the most
 *    expendable bucket, then from the next, and so on; within a bucket the
 *    largest.
 * At most @max_victims are chosen. If they cannot free @target, the most
 * expendable candidates are all taken, up to @max_victims.
 *
 * Rounds call it with slmk_level_target(), so that the most expendable
 * level alone always frees the target: rule 1 then keeps every victim in
 * that level.
 *
 * Return: the number of victims chosen.
 */
VISIBLE_IF_KUNIT unsigned int slmk_select(struct slmk_cand *c, unsigned int n,
					  unsigned long target,
					  unsigned int max_victims, int min_adj,
					  unsigned long *scratch)
{
	unsigned long *later = scratch, *pre = scratch + SLMK_MAX_VICTIMS + 1;
	unsigned int first[SLMK_NR_BUCKETS + 1];
	unsigned int i, b, last, eligible, m, taken;
	unsigned long sum, freed;

	max_victims = clamp_t(unsigned int, max_victims, 1, SLMK_MAX_VICTIMS);
	for (i = 0; i < n; i++) {
		c[i].chosen = false;
		c[i].bucket = slmk_adj_killable(c[i].adj, min_adj) ?
			      slmk_adj_bucket(c[i].adj) : SLMK_BUCKET_NONE;
	}
	sort(c, n, sizeof(*c), slmk_cand_cmp, NULL);

	/* first[b]: index of the first candidate of bucket b. */
	for (i = 0, b = 0; b <= SLMK_NR_BUCKETS; b++) {
		while (i < n && c[i].bucket < b)
			i++;
		first[b] = i;
	}
	eligible = first[SLMK_NR_BUCKETS];

	/* The last bucket needed: the target is met by buckets 0..last. */
	sum = 0;
	for (last = 0; last < SLMK_NR_BUCKETS; last++) {
		for (i = first[last]; i < first[last + 1]; i++)
			sum = slmk_add_sat(sum, c[i].pages);
		if (sum >= target)
			break;
	}

	if (last == SLMK_NR_BUCKETS) {
		/* The target cannot be met: the most expendable, all of them. */
		m = min(eligible, max_victims);
		goto take_first;
	}

	/* The fewest victims from buckets 0..last that meet the target. */
	slmk_top_sums(c, first, 0, last, max_victims, later);
	for (m = 1; m <= max_victims; m++)
		if (m <= first[last + 1] && later[m] >= target)
			break;
	if (m > max_victims) {
		m = max_victims;
		goto take_first;
	}

	/*
	 * Greedy by bucket: take as many as possible from each bucket (its
	 * largest) such that the rest can still be completed from the later
	 * buckets with exactly m victims in all.
	 */
	freed = 0;
	taken = 0;
	for (b = 0; b <= last && taken < m; b++) {
		unsigned int size = first[b + 1] - first[b];
		unsigned int avail = 0, cb;

		if (b < last)
			avail = slmk_top_sums(c, first, b + 1, last, m - taken,
					      later);
		else
			later[0] = 0;

		cb = min(size, m - taken);
		pre[0] = freed;
		for (i = 1; i <= cb; i++)
			pre[i] = slmk_add_sat(pre[i - 1], c[first[b] + i - 1].pages);
		for (; cb > 0; cb--) {
			unsigned int rest = m - taken - cb;

			if (rest <= avail &&
			    slmk_add_sat(pre[cb], later[rest]) >= target)
				break;
		}
		for (i = 0; i < cb; i++)
			c[first[b] + i].chosen = true;
		freed = pre[cb];
		taken += cb;
	}
	return taken;

take_first:
	for (i = 0; i < m; i++)
		c[i].chosen = true;
	return m;
}
EXPORT_SYMBOL_IF_KUNIT(slmk_select);

/* ------------------------------------------------------------------------- */
/* Parameters                                                                */
/* ------------------------------------------------------------------------- */

/*
 * Enable or disable Simple LMK.
 *
 * If this is Y, Simple LMK kills processes when reclaim struggles and before
 * the kernel OOM killer would act. If N, its hooks stay registered but it
 * kills nothing. Y by default.
 */
static bool slmk_enabled __read_mostly = true;

/*
 * Memory a round aims to free, in MiB.
 *
 * A round kills the fewest processes of the most expendable adj level whose
 * resident memory, swap and page tables add up to at least this much, or the
 * whole level if it holds less. 1 to half of RAM; 128 by default.
 */
static unsigned int slmk_reclaim_target_mb __read_mostly = 128;

/*
 * Longest wait for a round's victims to exit, in milliseconds.
 *
 * After killing, the kill thread waits until every victim has released its
 * memory, or this long at most; victims still alive then are logged and not
 * killed again. Whatever this is, no new process is killed while a victim's
 * memory is still on its way back: until it is released, while the victim
 * keeps freeing memory or ending threads at least every 500 ms, and for 3 s
 * after the kill at most. 1 to 10000; 200 by default.
 */
static unsigned int slmk_timeout_ms __read_mostly = 200;

/*
 * Reclaim priority at or below which a round starts.
 *
 * Reclaim scans 1/2^priority of memory per pass, starting at 12 and going
 * down each time a pass does not free enough. A round starts when direct
 * reclaim reaches this priority or below, or kswapd two levels lower,
 * while no memory zone is above its high watermark (below 2, kswapd never
 * starts one). Higher is more aggressive; streaming page cache takes
 * direct reclaim no lower than 11, and kswapd down to 3 on a slow CPU.
 * kswapd's priority does not count while a sixteenth of the file pages or
 * more are dirty or under writeback, and they are at least half of
 * reclaim_target_mb: kswapd then waits for the disk, not for memory. 0 to
 * 12; 3 by default.
 */
static unsigned int slmk_aggression __read_mostly = 3;

/*
 * Direct-reclaim stall per second at which a round starts, in milliseconds.
 *
 * Reclaim that keeps succeeding, as it does while it swaps to zram, does not
 * lower the reclaim priority, yet tasks wait in it. A round also starts when
 * tasks spent at least this long in direct reclaim over the last second
 * (time counts once however many tasks wait together) while no memory zone
 * is above its high watermark, unless the inactive page cache still holds
 * reclaim_target_mb or more: reclaim can drop that instead. 0 turns this
 * trigger off. 0 to 1000; 200 by default.
 */
static unsigned int slmk_stall_ms __read_mostly = 200;

/*
 * Refaults per second that start a round, in percent of the evictable pages.
 *
 * Swapping to zram lets reclaim succeed while tasks wait to read back
 * what it swapped out, and a working set of page cache squeezed out of
 * memory is read back again and again: both refault pages that were
 * evicted shortly before. A round also starts when, over the last 0.5 to
 * 2 s, pages refaulted at this many percent or more of the pages reclaim
 * can evict (file LRU pages, and anonymous ones while swap has room) per
 * second while no memory zone is above its high watermark. Page cache
 * read again after it was dropped refaults too, and faster: a file of
 * twice RAM streamed a second time refaulted at 50-69% a second, a
 * squeezed working set at 15-35%. 0 turns this trigger off. 0 to 1000; 0
 * (off) by default.
 */
static unsigned int slmk_thrash_pct __read_mostly;

/*
 * Lowest oom_score_adj that may be killed.
 *
 * Processes with an oom_score_adj below this are never killed, nor are
 * processes at -1000. -999 to 1000; 0 by default.
 */
static int slmk_min_adj __read_mostly;

/*
 * Most processes killed in one round.
 *
 * Processes sharing a victim's memory are killed with it and not counted
 * here. 1 to 1024; 64 by default.
 */
static unsigned int slmk_max_victims __read_mostly = 64;

/*
 * Boost victims while they die.
 *
 * If Y, every thread of a victim, and of every process killed because it
 * shares the victim's memory, is moved to SCHED_FIFO at the lowest
 * real-time priority and allowed on all CPUs, so that it exits fast. Y by
 * default.
 */
static bool slmk_boost __read_mostly = true;

/*
 * Choose victims but do not kill them.
 *
 * If Y, each round logs the processes it would kill and kills nothing. N by
 * default.
 */
static bool slmk_dry_run __read_mostly;

/*
 * Warn at every round, for the test bed only.
 *
 * If Y, every round starts with a kernel warning, so that the test bed can
 * show it catches one. Never set it on a real system. N by default.
 */
static bool slmk_test_warn;

/*
 * Wait between attaching the stall probes, for the test bed only.
 *
 * At load, wait this many milliseconds after attaching the probe on the end
 * of direct reclaim and before attaching the one on its start, so that the
 * test bed can show that tasks reclaiming meanwhile do not leave the stall
 * measure stuck. Read at load only. Never set it on a real system. 0 to
 * 10000; 0 by default.
 */
static unsigned int slmk_test_probe_gap_ms;

struct slmk_int_param {
	void *val;
	long long min;
	long long max;
	bool is_signed;
	/* For a maximum only known at run time. */
	long long (*max_fn)(void);
};

/* Length of a written value up to its newline, short enough for one line. */
static int slmk_val_len(const char *val)
{
	return val ? min_t(int, strcspn(val, "\n"), 32) : 0;
}

static long long slmk_target_max(void)
{
	return slmk_max_target_mb(totalram_pages(), PAGE_SHIFT);
}

static int slmk_set_int(const char *val, const struct kernel_param *kp)
{
	const struct slmk_int_param *p = kp->arg;
	long long max = p->max_fn ? p->max_fn() : p->max;
	const char *why;
	long long v;

	if (slmk_parse_range(val, p->min, max, &v, &why)) {
		pr_err("%s: invalid value '%.*s': %s (range %lld..%lld)\n",
		       kp->name, slmk_val_len(val), val ? val : "", why,
		       p->min, max);
		return -EINVAL;
	}
	if (p->is_signed)
		WRITE_ONCE(*(int *)p->val, (int)v);
	else
		WRITE_ONCE(*(unsigned int *)p->val, (unsigned int)v);
	return 0;
}

static int slmk_get_int(char *buf, const struct kernel_param *kp)
{
	const struct slmk_int_param *p = kp->arg;

	if (p->is_signed)
		return sysfs_emit(buf, "%d\n", READ_ONCE(*(int *)p->val));
	return sysfs_emit(buf, "%u\n", READ_ONCE(*(unsigned int *)p->val));
}

static const struct kernel_param_ops slmk_int_ops = {
	.set = slmk_set_int,
	.get = slmk_get_int,
};

static int slmk_set_bool(const char *val, const struct kernel_param *kp)
{
	bool v;

	if (!val || kstrtobool(val, &v)) {
		pr_err("%s: invalid value '%.*s': not a boolean (Y/N/1/0)\n",
		       kp->name, slmk_val_len(val), val ? val : "");
		return -EINVAL;
	}
	WRITE_ONCE(*(bool *)kp->arg, v);
	return 0;
}

static const struct kernel_param_ops slmk_bool_ops = {
	.set = slmk_set_bool,
	.get = param_get_bool,
};

static struct slmk_int_param slmk_param_reclaim_target_mb = {
	.val = &slmk_reclaim_target_mb, .min = 1, .max_fn = slmk_target_max,
};

static struct slmk_int_param slmk_param_timeout_ms = {
	.val = &slmk_timeout_ms, .min = 1, .max = 10000,
};

static struct slmk_int_param slmk_param_aggression = {
	.val = &slmk_aggression, .min = 0, .max = 12,
};

static struct slmk_int_param slmk_param_stall_ms = {
	.val = &slmk_stall_ms, .min = 0, .max = 1000,
};

static struct slmk_int_param slmk_param_thrash_pct = {
	.val = &slmk_thrash_pct, .min = 0, .max = 1000,
};

static struct slmk_int_param slmk_param_min_adj = {
	.val = &slmk_min_adj, .min = SLMK_ADJ_MIN + 1, .max = SLMK_ADJ_MAX,
	.is_signed = true,
};

static struct slmk_int_param slmk_param_max_victims = {
	.val = &slmk_max_victims, .min = 1, .max = SLMK_MAX_VICTIMS,
};

static struct slmk_int_param slmk_param_test_probe_gap_ms = {
	.val = &slmk_test_probe_gap_ms, .min = 0, .max = 10000,
};

module_param_cb(enabled, &slmk_bool_ops, &slmk_enabled, 0644);
__MODULE_PARM_TYPE(enabled, "bool");
MODULE_PARM_DESC(enabled, "Kill when reclaim struggles (default Y)");

module_param_cb(reclaim_target_mb, &slmk_int_ops,
		&slmk_param_reclaim_target_mb, 0644);
__MODULE_PARM_TYPE(reclaim_target_mb, "uint");
MODULE_PARM_DESC(reclaim_target_mb,
		 "Memory a round aims to free, MiB (1..half of RAM, default 128)");

module_param_cb(timeout_ms, &slmk_int_ops, &slmk_param_timeout_ms, 0644);
__MODULE_PARM_TYPE(timeout_ms, "uint");
MODULE_PARM_DESC(timeout_ms,
		 "Longest wait for victims to exit, ms (1..10000, default 200)");

module_param_cb(aggression, &slmk_int_ops, &slmk_param_aggression, 0644);
__MODULE_PARM_TYPE(aggression, "uint");
MODULE_PARM_DESC(aggression,
		 "Direct-reclaim priority at or below which a round starts, kswapd's 2 lower (0..12, default 3)");

module_param_cb(stall_ms, &slmk_int_ops, &slmk_param_stall_ms, 0644);
__MODULE_PARM_TYPE(stall_ms, "uint");
MODULE_PARM_DESC(stall_ms,
		 "Direct-reclaim stall per second that starts a round, ms (0..1000, 0 = off, default 200)");

module_param_cb(thrash_pct, &slmk_int_ops, &slmk_param_thrash_pct, 0644);
__MODULE_PARM_TYPE(thrash_pct, "uint");
MODULE_PARM_DESC(thrash_pct,
		 "Refaults per second that start a round, % of evictable pages (0..1000, 0 = off, default 0)");

module_param_cb(min_adj, &slmk_int_ops, &slmk_param_min_adj, 0644);
__MODULE_PARM_TYPE(min_adj, "int");
MODULE_PARM_DESC(min_adj,
		 "Lowest oom_score_adj that may be killed (-999..1000, default 0)");

module_param_cb(max_victims, &slmk_int_ops, &slmk_param_max_victims, 0644);
__MODULE_PARM_TYPE(max_victims, "uint");
MODULE_PARM_DESC(max_victims,
		 "Most processes killed in one round (1..1024, default 64)");

module_param_cb(boost, &slmk_bool_ops, &slmk_boost, 0644);
__MODULE_PARM_TYPE(boost, "bool");
MODULE_PARM_DESC(boost,
		 "Make victims and their sharers SCHED_FIFO on all CPUs (default Y)");

module_param_cb(dry_run, &slmk_bool_ops, &slmk_dry_run, 0644);
__MODULE_PARM_TYPE(dry_run, "bool");
MODULE_PARM_DESC(dry_run, "Choose and log victims, never kill (default N)");

module_param_cb(test_warn, &slmk_bool_ops, &slmk_test_warn, 0600);
__MODULE_PARM_TYPE(test_warn, "bool");
MODULE_PARM_DESC(test_warn, "Test bed only: WARN on every round (default N)");

module_param_cb(test_probe_gap_ms, &slmk_int_ops,
		&slmk_param_test_probe_gap_ms, 0400);
__MODULE_PARM_TYPE(test_probe_gap_ms, "uint");
MODULE_PARM_DESC(test_probe_gap_ms,
		 "Test bed only: at load, wait between the stall probes, ms (0..10000, default 0)");

/* ------------------------------------------------------------------------- */
/* Counters: /sys/kernel/simple_lmk/                                         */
/* ------------------------------------------------------------------------- */

/* Counters, in the order of slmk_counter_attrs[]; all start at 0 on load. */
enum slmk_counter {
	SLMK_ROUNDS,		/* rounds run, of both origins (rounds) */
	SLMK_KILLS,		/* victims killed, sharers not counted (processes) */
	SLMK_KILLED_KB,		/* memory the victims held when killed (KiB) */
	SLMK_TIMEOUTS,		/* rounds whose wait timed out (rounds) */
	SLMK_EMPTY_ROUNDS,	/* rounds with no process to kill (rounds) */
	SLMK_OOM_ROUNDS,	/* rounds started by the OOM notifier (rounds) */
	SLMK_LAST_ROUND_US,	/* last complete round, trigger to exit (us) */
	SLMK_LAST_SCAN_US,	/* last victim choice, scan and select (us) */
	SLMK_STALL_ROUNDS,	/* reclaim rounds the stall trigger started (rounds) */
	SLMK_RECLAIM_STALL_MS,	/* time with a task in direct reclaim (ms) */
	SLMK_DEFERRED,		/* kills held off: victims' memory on its way back (events) */
	SLMK_LAST_SCAN_HOLD_US,	/* last victim choice, longest stretch without rescheduling (us) */
	SLMK_THRASH_ROUNDS,	/* reclaim rounds the thrash trigger started (rounds) */
	SLMK_OOM_RETRIES,	/* OOMs with memory back, allocation retried (events) */
	SLMK_NR_COUNTERS,
};

static atomic64_t slmk_counters[SLMK_NR_COUNTERS];

static struct kobj_attribute slmk_counter_attrs[SLMK_NR_COUNTERS];

static ssize_t slmk_counter_show(struct kobject *kobj,
				 struct kobj_attribute *attr, char *buf)
{
	unsigned int i = attr - slmk_counter_attrs;

	return sysfs_emit(buf, "%lld\n",
			  (long long)atomic64_read(&slmk_counters[i]));
}

static struct kobj_attribute slmk_counter_attrs[SLMK_NR_COUNTERS] = {
	[SLMK_ROUNDS] = __ATTR(rounds, 0444, slmk_counter_show, NULL),
	[SLMK_KILLS] = __ATTR(kills, 0444, slmk_counter_show, NULL),
	[SLMK_KILLED_KB] = __ATTR(killed_kb, 0444, slmk_counter_show, NULL),
	[SLMK_TIMEOUTS] = __ATTR(timeouts, 0444, slmk_counter_show, NULL),
	[SLMK_EMPTY_ROUNDS] = __ATTR(empty_rounds, 0444, slmk_counter_show,
				     NULL),
	[SLMK_OOM_ROUNDS] = __ATTR(oom_rounds, 0444, slmk_counter_show, NULL),
	[SLMK_LAST_ROUND_US] = __ATTR(last_round_us, 0444, slmk_counter_show,
				      NULL),
	[SLMK_LAST_SCAN_US] = __ATTR(last_scan_us, 0444, slmk_counter_show,
				     NULL),
	[SLMK_STALL_ROUNDS] = __ATTR(stall_rounds, 0444, slmk_counter_show,
				     NULL),
	[SLMK_RECLAIM_STALL_MS] = __ATTR(reclaim_stall_ms, 0444,
					 slmk_counter_show, NULL),
	[SLMK_DEFERRED] = __ATTR(deferred, 0444, slmk_counter_show, NULL),
	[SLMK_LAST_SCAN_HOLD_US] = __ATTR(last_scan_hold_us, 0444,
					  slmk_counter_show, NULL),
	[SLMK_THRASH_ROUNDS] = __ATTR(thrash_rounds, 0444, slmk_counter_show,
				      NULL),
	[SLMK_OOM_RETRIES] = __ATTR(oom_retries, 0444, slmk_counter_show,
				    NULL),
};

static struct attribute *slmk_attrs[SLMK_NR_COUNTERS + 1];

static const struct attribute_group slmk_attr_group = {
	.attrs = slmk_attrs,
};

/* ------------------------------------------------------------------------- */
/* Rounds: scan, kill, wait                                                  */
/* ------------------------------------------------------------------------- */

/* A killed process, from the kill until its memory is back or given up on. */
struct slmk_victim {
	struct task_struct *task;	/* reference held */
	struct mm_struct *mm;		/* mmgrab() held */
	struct slmk_progress progress;
	unsigned long pages;
	pid_t pid;
	int adj;
	uid_t uid;
	char comm[TASK_COMM_LEN];
};

/* An mm, and the candidate or victim it belongs to: sorted by mm, pid. */
struct slmk_mm_ref {
	struct mm_struct *mm;
	pid_t pid;
	unsigned int idx;
};

enum slmk_origin {
	SLMK_RECLAIM,
	SLMK_OOM,
};

/* What a round did. */
enum slmk_result {
	SLMK_KILLED,	/* killed its victims */
	SLMK_NONE,	/* found nothing to kill, or was a dry run */
	SLMK_PENDING,	/* killed nothing: earlier victims' memory is coming back */
};

/* While following victims, look at them this often. */
#define SLMK_SWEEP_MS		10

/* Processes a scan looks at between two chances to reschedule. */
#define SLMK_SCAN_BATCH		256

/* Times a walk starts over when the process it paused at has gone. */
#define SLMK_SCAN_TRIES		3

/* Rounds that kill nothing hold off the next reclaim round this long. */
#define SLMK_IDLE_BACKOFF_MS	1000

/* A kernel OOM victim still exiting holds off the next look this long. */
#define SLMK_PENDING_BACKOFF_MS	100

/*
 * An OOM with no node short has the allocation retry once in this long at
 * most (see slmk_oom_notify()).
 */
#define SLMK_OOM_RETRY_MS	100

/*
 * Bits in slmk.flags: a reclaim round is asked for or running; an OOM
 * round killed, and the kill thread is to boost and follow its victims.
 */
#define SLMK_TRIGGERED		0
#define SLMK_FOLLOW		2

/*
 * slmk.triggered_by: whether kswapd's in bit 0, the trigger in bits 1-2,
 * the reclaim priority above.
 */
#define SLMK_BY_KSWAPD		1
#define SLMK_BY_SHIFT		1
#define SLMK_BY_MASK		3
#define SLMK_BY_PRIO_SHIFT	3
static_assert(!(SLMK_TRIGGER_THRASH & ~SLMK_BY_MASK) &&
	      !(SLMK_TRIGGER_STALL & ~SLMK_BY_MASK));

static enum slmk_trigger slmk_by_trigger(int by)
{
	return (by >> SLMK_BY_SHIFT) & SLMK_BY_MASK;
}

static struct {
	/*
	 * Serialises choosing and killing, by the kill thread and the OOM
	 * notifier. Never held while waiting for victims.
	 */
	struct mutex round_lock;
	/* OOM notifier calls waiting for round_lock. */
	atomic_t oom_waiting;
	/* Last OOM notifier call that had the allocation retry (oom_lock). */
	ktime_t oom_retry_at;
	/*
	 * Candidates kept by a scan, their mms sorted, and selection scratch:
	 * SLMK_MAX_VICTIMS entries each, used under round_lock.
	 */
	struct slmk_cand *cands;
	struct slmk_mm_ref *refs;
	struct slmk_mm_ref *excl;
	unsigned long *scratch;

	/*
	 * The victims of the last round that killed, kept until a new round
	 * kills, and that round's state. Filled under round_lock; the array
	 * length, the victims' progress and the fields below are changed
	 * under wait_lock, which the exit probe takes too.
	 */
	struct slmk_victim *victims;
	unsigned int nr_victims;
	/* Processes killed for sharing their memory: boosted with them. */
	struct task_struct **sharers;	/* references held */
	unsigned int nr_sharers;	/* published under wait_lock */
	unsigned int sharers_found;	/* filled so far, under round_lock */
	raw_spinlock_t wait_lock;
	bool tracking;		/* victims in the array: the exit probe looks */
	bool round_open;	/* the last round that killed has not ended */
	u64 round;		/* its number */
	enum slmk_trigger trigger;
	ktime_t round_start;	/* when it was asked for */
	u64 killed_at;		/* when it killed (ns) */
	unsigned long round_pages;
	unsigned int round_timeout_ms;
	unsigned int nr_pending;	/* its victims not yet released */
	ktime_t done_at;	/* when they all were */
	ktime_t freed_at;	/* same, of the last round that ended so */
	struct completion done;

	unsigned long flags;
	/* Suspend or hibernation under way (PM notifier): no round. */
	bool pm_busy;
	atomic64_t triggered_at;
	/*
	 * The last trigger: its reclaim priority, which trigger it was and
	 * whether kswapd's (SLMK_BY_*), in one word, so that they always
	 * belong together. reclaim_by is the kill thread's copy for the
	 * round it runs, taken under round_lock.
	 */
	int triggered_by;
	int reclaim_by;
	u64 announced;		/* last round sent as a uevent */
	/* Direct-reclaim stall, updated by the vmscan probes. */
	raw_spinlock_t stall_lock;
	struct slmk_stall stall;
	/* Workingset refaults, sampled by the slab probe; under rate_lock. */
	raw_spinlock_t rate_lock;
	struct slmk_rate refaults;
	struct task_struct *thread;
	bool stopping;

	struct shrinker *shrinker;
	/*
	 * /sys/kernel/simple_lmk: a kset that is a member of itself, so that
	 * uevents can be sent on it; and its "kills" file, for poll().
	 */
	struct kset *kset;
	struct kernfs_node *kills_kn;
} slmk;

/* What a process's memory looks like, read under its task lock. */
struct slmk_mm_info {
	struct mm_struct *mm;
	unsigned long pages;
	bool vfork;		/* a vfork child borrowing its parent's mm */
	bool oom_skip;		/* reaped or torn down already */
	bool shared;		/* maybe used by other processes too */
};

/*
 * Find the memory of process @p through its first thread that still has an
 * mm; with @grab, pin the mm_struct. Without @grab, info->mm is only good for
 * comparing pointers. Call under rcu_read_lock().
 */
static bool slmk_task_mm(struct task_struct *p, struct slmk_mm_info *info,
			 bool grab)
{
	struct task_struct *t;

	for_each_thread(p, t) {
		struct mm_struct *mm;

		task_lock(t);
		mm = t->mm;
		if (mm) {
			info->mm = mm;
			info->pages = get_mm_rss(mm) +
				      get_mm_counter(mm, MM_SWAPENTS) +
				      mm_pgtables_bytes(mm) / PAGE_SIZE;
			info->vfork = in_vfork(t);
			info->oom_skip = test_bit(MMF_OOM_SKIP, &mm->flags);
			/*
			 * MMF_MULTIPROCESS marks CLONE_VM sharers, but only
			 * once the child is on the task list already, and
			 * never a vfork child: more users than threads tells
			 * those apart too.
			 */
			info->shared =
				test_bit(MMF_MULTIPROCESS, &mm->flags) ||
				atomic_read(&mm->mm_users) > get_nr_threads(p);
			if (grab)
				mmgrab(mm);
			task_unlock(t);
			return true;
		}
		task_unlock(t);
	}
	return false;
}

/*
 * The mm of process @q, from its first thread that has one; only good for
 * comparing pointers. Call under rcu_read_lock().
 */
static struct mm_struct *slmk_process_mm(struct task_struct *q)
{
	struct task_struct *t;

	for_each_thread(q, t) {
		struct mm_struct *mm = READ_ONCE(t->mm);

		if (mm)
			return mm;
	}
	return NULL;
}

/*
 * Has process @p been killed already, or is it on its way out? A leader that
 * exited alone leaves its threads, and their memory, behind.
 */
static bool slmk_dying(struct task_struct *p)
{
	return (p->signal->flags & SIGNAL_GROUP_EXIT) ||
	       fatal_signal_pending(p) ||
	       ((p->flags & PF_EXITING) && thread_group_empty(p));
}

static bool slmk_unkillable(struct task_struct *p, int min_adj)
{
	return (p->flags & PF_KTHREAD) || is_global_init(p) ||
	       !slmk_adj_killable(p->signal->oom_score_adj, min_adj);
}

/*
 * Is @p a victim of the kernel's OOM killer whose memory is neither torn
 * down nor reaped yet? The kernel's killer waits for such a victim before it
 * picks another; so do we. Call under rcu_read_lock().
 */
static bool slmk_oom_victim_pending(struct task_struct *p)
{
	struct mm_struct *mm = READ_ONCE(p->signal->oom_mm);

	return mm && !test_bit(MMF_OOM_SKIP, &mm->flags);
}

/*
 * Process @p as a candidate at @min_adj, in @c (its bucket set, its mm in
 * @c->key); false if it is none. @shared is set if other processes may use
 * its mm. Call under rcu_read_lock().
 */
static bool slmk_candidate(struct task_struct *p, int min_adj,
			   struct slmk_cand *c, bool *shared)
{
	struct slmk_mm_info info;

	if (slmk_unkillable(p, min_adj) || same_thread_group(p, current) ||
	    slmk_dying(p))
		return false;
	if (!slmk_task_mm(p, &info, false) || info.vfork || info.oom_skip)
		return false;
	/* In the OOM path: not the memory the allocating task uses. */
	if (info.mm == current->mm || !info.pages)
		return false;
	c->pages = info.pages;
	c->priv = p;
	c->key = info.mm;
	c->adj = p->signal->oom_score_adj;
	c->pid = p->tgid;
	c->bucket = slmk_adj_bucket(c->adj);
	c->chosen = false;
	*shared = info.shared;
	return true;
}

/* Longest time the current scan held the CPU in one batch, in ns. */
static u64 slmk_scan_hold_ns;	/* under round_lock */

static void slmk_note_hold(ktime_t since)
{
	u64 ns = ktime_to_ns(ktime_sub(ktime_get(), since));

	if (ns > slmk_scan_hold_ns)
		slmk_scan_hold_ns = ns;
}

typedef int (*slmk_visit_fn)(struct task_struct *p, void *arg);

/*
 * Call @visit for every process, under RCU, in batches of SLMK_SCAN_BATCH
 * with a chance to reschedule between them: a scan holds the CPU, and the
 * RCU read side, for one batch at a time, however many processes there
 * are. A non-zero return from @visit ends the walk with that value. Called
 * by the kill thread and the OOM notifier, with round_lock held.
 *
 * Return: 0 after the last process; @visit's value; or -EAGAIN if the
 * process the walk paused at has gone meanwhile (the caller starts over).
 */
static int slmk_walk(slmk_visit_fn visit, void *arg)
{
	struct task_struct *p;
	unsigned int n = 0;
	ktime_t since;
	int ret = 0;

	rcu_read_lock();
	since = ktime_get();
	for_each_process(p) {
		bool listed;

		ret = visit(p, arg);
		if (ret)
			break;
		if (++n % SLMK_SCAN_BATCH)
			continue;
		slmk_note_hold(since);
		get_task_struct(p);
		rcu_read_unlock();
		cond_resched();
		rcu_read_lock();
		since = ktime_get();
		/*
		 * Unhashed and off the process list go together, but for a
		 * leader that de_thread() replaced: it leaves the list first,
		 * and stops being a leader at that time.
		 */
		listed = pid_alive(p) && thread_group_leader(p);
		put_task_struct(p);
		if (!listed) {
			ret = -EAGAIN;
			break;
		}
	}
	slmk_note_hold(since);
	rcu_read_unlock();
	return ret;
}

/* slmk_walk() with a fresh start for @reset, at most SLMK_SCAN_TRIES times. */
static int slmk_walk_retry(slmk_visit_fn visit, void (*reset)(void *),
			   void *arg)
{
	unsigned int i;
	int ret = -EAGAIN;

	for (i = 0; i < SLMK_SCAN_TRIES && ret == -EAGAIN; i++) {
		if (reset)
			reset(arg);
		ret = slmk_walk(visit, arg);
	}
	return ret;
}

/* A scan's state: what is looked for, and what was found. */
struct slmk_scan {
	int min_adj;
	unsigned int level;	/* the bucket collected, pass 2 */
	unsigned int n;		/* candidates kept in slmk.cands[] */
	unsigned int k;		/* most kept */
	unsigned int nr_refs;	/* entries of slmk.refs[] */
	unsigned int nr_excl;	/* entries of slmk.excl[] */
	unsigned long sums[SLMK_NR_BUCKETS];	/* pages per bucket, pass 1 */
};

/* Pass 1: the pages of every bucket. */
static int slmk_visit_sum(struct task_struct *p, void *arg)
{
	struct slmk_scan *s = arg;
	struct slmk_cand c;
	bool shared;

	if (slmk_oom_victim_pending(p))
		return -EBUSY;
	if (slmk_candidate(p, s->min_adj, &c, &shared))
		s->sums[c.bucket] = slmk_add_sat(s->sums[c.bucket], c.pages);
	return 0;
}

static void slmk_reset_sum(void *arg)
{
	struct slmk_scan *s = arg;

	memset(s->sums, 0, sizeof(s->sums));
}

/* Drop the task references of slmk.cands[0..n). */
static void slmk_put_cands(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		put_task_struct(slmk.cands[i].priv);
}

static int slmk_ref_cmp(const void *a, const void *b)
{
	const struct slmk_mm_ref *x = a, *y = b;

	if (x->mm != y->mm)
		return x->mm < y->mm ? -1 : 1;
	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

/* Index of the first of @refs[0..n), sorted, with @mm; or @n. */
static unsigned int slmk_ref_find(const struct slmk_mm_ref *refs,
				  unsigned int n, struct mm_struct *mm)
{
	unsigned int lo = 0, hi = n;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (refs[mid].mm < mm)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && refs[lo].mm == mm ? lo : n;
}

/*
 * Did an earlier pass 3 rule out process @pid for its shared @mm: a sharer
 * of @mm may not be killed (an entry with pid 0), or another process
 * stands for @mm (an entry with its pid)?
 */
static bool slmk_excluded(const struct slmk_scan *s, struct mm_struct *mm,
			  pid_t pid)
{
	unsigned int i = slmk_ref_find(slmk.excl, s->nr_excl, mm);

	for (; i < s->nr_excl && slmk.excl[i].mm == mm; i++)
		if (slmk.excl[i].pid != pid)
			return true;
	return false;
}

static void slmk_exclude(struct slmk_scan *s, struct mm_struct *mm, pid_t pid,
			 bool *more)
{
	if (s->nr_excl == SLMK_MAX_VICTIMS)
		return;
	slmk.excl[s->nr_excl++] = (struct slmk_mm_ref){ .mm = mm, .pid = pid };
	*more = true;
}

/* Pass 2: the k best candidates of one bucket, each with a reference. */
static int slmk_visit_level(struct task_struct *p, void *arg)
{
	struct slmk_scan *s = arg;
	struct slmk_cand c, out;
	bool shared;

	if (!slmk_candidate(p, s->min_adj, &c, &shared) || c.bucket != s->level)
		return 0;
	if (s->n == s->k && !slmk_cand_worse(&slmk.cands[0], &c))
		return 0;
	if (shared && slmk_excluded(s, c.key, c.pid))
		return 0;
	/* Candidates that share their mm go into slmk.refs[] too. */
	c.chosen = shared;
	get_task_struct(p);
	if (slmk_topk_add(slmk.cands, &s->n, s->k, &c, &out))
		put_task_struct(out.priv);
	return 0;
}

static void slmk_reset_level(void *arg)
{
	struct slmk_scan *s = arg;

	slmk_put_cands(s->n);
	s->n = 0;
}

/*
 * Pass 3, for kept candidates whose mm other processes may use: such a
 * candidate is dropped if a sharer may not be killed; and of candidates
 * with the same mm, only the oldest (lowest pid) stands for it, so that it
 * counts once.
 */
static int slmk_visit_sharers(struct task_struct *q, void *arg)
{
	struct slmk_scan *s = arg;
	struct mm_struct *mm = slmk_process_mm(q);
	unsigned int i;

	if (!mm)
		return 0;
	for (i = slmk_ref_find(slmk.refs, s->nr_refs, mm);
	     i < s->nr_refs && slmk.refs[i].mm == mm; i++) {
		struct slmk_cand *c = &slmk.cands[slmk.refs[i].idx];

		if (!same_thread_group(q, c->priv) &&
		    slmk_unkillable(q, s->min_adj))
			c->bucket = SLMK_BUCKET_NONE;
	}
	return 0;
}

/*
 * Drop kept candidates that may not stand for their mm, and remember why
 * in slmk.excl[], so that pass 2 can be run again without them (@more is
 * set if anything was added). Return: the pages dropped.
 */
static unsigned long slmk_check_shared(struct slmk_scan *s, bool *more)
{
	struct mm_struct *last = NULL;
	unsigned long dropped = 0;
	unsigned int i;
	pid_t keep = 0;
	int ret;

	s->nr_refs = 0;
	for (i = 0; i < s->n; i++)
		if (slmk.cands[i].chosen)
			slmk.refs[s->nr_refs++] = (struct slmk_mm_ref){
				.mm = slmk.cands[i].key,
				.pid = slmk.cands[i].pid, .idx = i };
	if (!s->nr_refs)
		return 0;
	sort(slmk.refs, s->nr_refs, sizeof(*slmk.refs), slmk_ref_cmp, NULL);
	ret = slmk_walk_retry(slmk_visit_sharers, NULL, s);
	for (i = 0; i < s->nr_refs; i++) {
		struct slmk_mm_ref *r = &slmk.refs[i];
		struct slmk_cand *c = &slmk.cands[r->idx];

		/* Not checked against every process: not a candidate. */
		if (ret || c->bucket == SLMK_BUCKET_NONE) {
			c->bucket = SLMK_BUCKET_NONE;
			slmk_exclude(s, r->mm, 0, more);
		} else if (r->mm == last) {
			/* The oldest (lowest pid) stands for the mm. */
			c->bucket = SLMK_BUCKET_NONE;
			slmk_exclude(s, r->mm, keep, more);
		} else {
			last = r->mm;
			keep = r->pid;
			continue;
		}
		c->adj = SLMK_ADJ_MIN;
		dropped += c->pages;
	}
	sort(slmk.excl, s->nr_excl, sizeof(*slmk.excl), slmk_ref_cmp, NULL);
	return dropped;
}

/*
 * Scan all processes and choose the victims into slmk.victims[]; each holds
 * a task and an mm reference. The scan takes no lock but RCU, one batch of
 * processes at a time, and its memory does not grow with their number:
 * pass 1 adds up the pages of each adj bucket; pass 2 keeps the
 * max_victims largest candidates of the most expendable bucket that has
 * any; pass 3 checks those that share their mm. Victims come from that one
 * bucket only (see slmk_level_target()), the fewest of the largest that
 * free the target: slmk_select() among the kept ones chooses them as it
 * would among all. If sharing rules out every candidate of the bucket, the
 * next bucket is tried.
 *
 * Return: the number of victims; -EBUSY if a victim of the kernel's OOM
 * killer is still releasing its memory; -EAGAIN if the process list
 * changed under the scan too often for it to finish.
 */
static int slmk_choose(unsigned long target, unsigned int max_victims,
		       int min_adj)
{
	struct slmk_scan s = { .min_adj = min_adj };
	unsigned int nr = 0, i, v = 0;
	int ret;

	ret = slmk_walk_retry(slmk_visit_sum, slmk_reset_sum, &s);
	if (ret)
		return ret;

	s.k = clamp_t(unsigned int, max_victims, 1, SLMK_MAX_VICTIMS);
	for (;;) {
		unsigned long dropped = 0, kept = 0, t;
		unsigned int tries;

		slmk_level_target(s.sums, target, &s.level);
		if (s.level == SLMK_BUCKET_NONE)
			break;
		/*
		 * Pass 2 and 3; again without what pass 3 ruled out, if pass 2
		 * left candidates out that could take their place.
		 */
		s.nr_excl = 0;
		for (tries = 1;; tries++) {
			bool full, more = false;

			s.n = 0;
			ret = slmk_walk_retry(slmk_visit_level, slmk_reset_level,
					      &s);
			if (ret) {
				slmk_put_cands(s.n);
				return ret;
			}
			full = s.n == s.k;
			dropped += slmk_check_shared(&s, &more);
			if (!more || !full || tries == SLMK_SCAN_TRIES)
				break;
			slmk_put_cands(s.n);
		}
		for (i = 0; i < s.n; i++)
			if (slmk.cands[i].bucket == s.level)
				kept = slmk_add_sat(kept, slmk.cands[i].pages);
		if (!kept) {
			/* Nothing left in this level: the next one. */
			s.sums[s.level] = 0;
			slmk_put_cands(s.n);
			s.n = 0;
			continue;
		}
		/* What sharing ruled out is not in the level; what is kept is. */
		s.sums[s.level] = max(s.sums[s.level] - min(s.sums[s.level], dropped),
				      kept);
		t = slmk_level_target(s.sums, target, &s.level);
		nr = slmk_select(slmk.cands, s.n, t, s.k, min_adj, slmk.scratch);
		break;
	}

	rcu_read_lock();
	for (i = 0; i < s.n && v < nr; i++) {
		struct slmk_victim *vic = &slmk.victims[v];
		struct task_struct *p = slmk.cands[i].priv;
		struct slmk_mm_info info;

		if (!slmk.cands[i].chosen)
			continue;
		/* Gone since the scan, or its memory: exiting anyway. */
		if (slmk_dying(p) || !slmk_task_mm(p, &info, true))
			continue;
		get_task_struct(p);
		vic->task = p;
		vic->mm = info.mm;
		vic->pages = info.pages;
		vic->pid = p->tgid;
		vic->adj = slmk.cands[i].adj;
		vic->uid = from_kuid_munged(&init_user_ns, task_uid(p));
		get_task_comm(vic->comm, p);
		v++;
	}
	rcu_read_unlock();
	slmk_put_cands(s.n);
	return v;
}

/*
 * Has this address space released its memory? mm_users drops to 0 before
 * exit_mmap() runs. exit_mmap() sets MMF_OOM_SKIP once it has unmapped
 * everything, but the last batch of pages it unmapped (about 10,000
 * entries, each a page, a folio range or a huge page: 128 MiB of small
 * pages with 16 KiB pages) is freed only after that, in tlb_finish_mmu();
 * a round that ended there could find memory still short and kill again.
 * The VMA tree is emptied after that (__mt_destroy()): an empty tree with
 * no users means the pages are back.
 */
static bool slmk_mm_released(struct mm_struct *mm)
{
	return !atomic_read(&mm->mm_users) &&
	       test_bit(MMF_OOM_SKIP, &mm->flags) &&
	       /* Lockless: the next sweep sees what this one missed. */
	       data_race(mtree_empty(&mm->mm_mt));
}

/*
 * How much of victim @vic is left to go: the anonymous pages and swap
 * entries of its mm, which only its exit frees (reclaim moves pages from
 * one to the other; shmem and file pages it can drop without the exit),
 * plus the tasks still using the mm, each of which must exit before the mm
 * can go: its threads, and those of processes that share it.
 */
static unsigned long slmk_victim_left(struct slmk_victim *vic)
{
	return get_mm_counter(vic->mm, MM_ANONPAGES) +
	       get_mm_counter(vic->mm, MM_SWAPENTS) +
	       max(atomic_read(&vic->mm->mm_users), 0);
}

/*
 * Mark victims whose address space is gone, note which still free memory,
 * and complete the wait when the open round's last victim is released.
 * Call with wait_lock held.
 */
static void slmk_sweep_locked(u64 now)
{
	unsigned int i;

	lockdep_assert_held(&slmk.wait_lock);
	for (i = 0; i < slmk.nr_victims; i++) {
		struct slmk_victim *vic = &slmk.victims[i];

		if (vic->progress.released)
			continue;
		if (!slmk_mm_released(vic->mm)) {
			slmk_progress_update(&vic->progress,
					     slmk_victim_left(vic), now);
			continue;
		}
		vic->progress.released = true;
		if (slmk.round_open && slmk.nr_pending &&
		    --slmk.nr_pending == 0) {
			slmk.done_at = ns_to_ktime(now);
			complete(&slmk.done);
		}
	}
}

/* Is some victim's memory still on its way back? Call with wait_lock held. */
static bool slmk_any_pending_locked(u64 now)
{
	unsigned int i;

	lockdep_assert_held(&slmk.wait_lock);
	for (i = 0; i < slmk.nr_victims; i++)
		if (slmk_progress_pending(&slmk.victims[i].progress, now))
			return true;
	return false;
}

/*
 * Probe on sched_process_exit: it fires after the exiting thread dropped its
 * mm. Runs with preemption disabled: it only looks and signals.
 */
static void slmk_exit_probe(void *data, struct task_struct *p)
{
	if (!READ_ONCE(slmk.tracking))
		return;
	raw_spin_lock(&slmk.wait_lock);
	if (slmk.tracking)
		slmk_sweep_locked(ktime_get_ns());
	raw_spin_unlock(&slmk.wait_lock);
}

/*
 * Is memory short for any allocation, kernel ones included? Only if every
 * node with memory is: a shortage on some nodes only (tasks bound to them
 * by a cpuset or a mempolicy) is the kernel's to handle, with its
 * constrained OOM killer, which kills only tasks that may use those nodes;
 * killing others would free memory where it is not needed. On a node, only
 * the zones that kernel allocations may use count: free memory in
 * ZONE_MOVABLE (hot-plugged memory, movablecore=) or CMA does not help them.
 *
 * A reclaimer that was already at a low priority when a round ended keeps
 * reporting it for a while after the round freed memory: this also tells a
 * stale trigger from a real one. @boosted counts watermark boosts, as the
 * allocations that reach the OOM path do (see slmk_zones_short()).
 * @somewhere is set if some node is short.
 */
static bool slmk_memory_short_on(bool boosted, bool *somewhere)
{
	const int kernel_top = gfp_zone(GFP_KERNEL);
	struct slmk_zone zones[MAX_NR_ZONES];
	bool short_everywhere = true;
	int nid;

	*somewhere = false;

	for_each_node_state(nid, N_MEMORY) {
		pg_data_t *pgdat = NODE_DATA(nid);
		unsigned int n = 0;
		unsigned long boost;
		int i, top = -1;

		for (i = 0; i <= kernel_top; i++)
			if (populated_zone(&pgdat->node_zones[i]))
				top = i;
		for (i = 0; i <= top; i++) {
			struct zone *zone = &pgdat->node_zones[i];

			if (!populated_zone(zone))
				continue;
			zones[n].free = zone_page_state(zone, NR_FREE_PAGES);
			/*
			 * Free CMA pages serve movable allocations only; the
			 * high-order atomic reserve, atomic high-order ones.
			 */
			zones[n].unusable =
				zone_page_state(zone, NR_FREE_CMA_PAGES) +
				slmk_free_highatomic(zone);
			/* One read of the boost: kswapd may reset it. */
			boost = READ_ONCE(zone->watermark_boost);
			zones[n].high =
				READ_ONCE(zone->_watermark[WMARK_HIGH]) + boost;
			zones[n].boost = boost;
			zones[n].reserve = zone->lowmem_reserve[top];
			n++;
		}
		if (!n)
			continue;	/* only movable memory on this node */
		if (slmk_zones_short(zones, n, boosted))
			*somewhere = true;
		else
			short_everywhere = false;
	}
	return short_everywhere && *somewhere;
}

static bool slmk_memory_short(bool boosted)
{
	bool somewhere;

	return slmk_memory_short_on(boosted, &somewhere);
}

/* Pages a round aims to free: reclaim_target_mb. */
static unsigned long slmk_target_pages(void)
{
	return slmk_mb_to_pages(READ_ONCE(slmk_reclaim_target_mb), PAGE_SHIFT);
}

/*
 * Is memory short for the reclaimer that asked for a round (@by, a
 * triggered_by word)? A watermark boost counts when direct reclaim asked:
 * allocations check the boosted watermarks, and their tasks wait; not when
 * kswapd did, which reclaims for the boost. A round, and a round held off
 * while victims are pending, are decided alike.
 */
static bool slmk_short_for(int by)
{
	return slmk_memory_short(!(by & SLMK_BY_KSWAPD));
}

/*
 * SIGKILL to the whole thread group of @p, as the kernel's OOM killer sends
 * it. Sent to one thread only, it would not take a process whose main
 * thread has exited: that thread no longer takes signals, and no group exit
 * would start.
 */
static bool slmk_kill_process(struct task_struct *p)
{
	struct pid *pid = get_task_pid(p, PIDTYPE_TGID);
	int ret;

	if (!pid)
		return false;
	ret = kill_pid(pid, SIGKILL, 1);
	put_pid(pid);
	return !ret;
}

static int slmk_visit_kill_sharers(struct task_struct *q, void *arg)
{
	unsigned int nr = *(unsigned int *)arg, i;
	struct mm_struct *mm = slmk_process_mm(q);
	pid_t pid;

	if (!mm || slmk_unkillable(q, SLMK_ADJ_MIN + 1) || slmk_dying(q))
		return 0;
	i = slmk_ref_find(slmk.refs, nr, mm);
	if (i == nr)
		return 0;
	/* Every victim with this mm: q may be one of them. */
	for (; i < nr && slmk.refs[i].mm == mm; i++)
		if (same_thread_group(q, slmk.victims[slmk.refs[i].idx].task))
			return 0;
	if (!slmk_kill_process(q))
		return 0;	/* gone meanwhile */
	/* Killed already on a retried walk: slmk_dying() skips it. */
	if (slmk.sharers_found < SLMK_MAX_VICTIMS) {
		get_task_struct(q);
		slmk.sharers[slmk.sharers_found++] = q;
	}
	pid = slmk.victims[slmk.refs[i - 1].idx].pid;
	pr_info("killing %s (%d) too, it shares the memory of %d\n",
		q->comm, q->tgid, pid);
	trace_simple_lmk_kill(slmk.round, q->tgid, q->comm,
			      from_kuid_munged(&init_user_ns, task_uid(q)),
			      q->signal->oom_score_adj, 0, pid);
	return 0;
}

/*
 * Kill every other process that shares a victim's address space: CLONE_VM
 * sharers, and a vfork child still borrowing it, which MMF_MULTIPROCESS does
 * not mark. Without them, the memory would not be freed. Keeps references
 * to them (up to SLMK_MAX_VICTIMS), for the boost. One walk for all the
 * victims of a round; called with round_lock held.
 */
static void slmk_kill_sharers(unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		slmk.refs[i] = (struct slmk_mm_ref){
			.mm = slmk.victims[i].mm, .pid = slmk.victims[i].pid,
			.idx = i };
	sort(slmk.refs, nr, sizeof(*slmk.refs), slmk_ref_cmp, NULL);
	slmk.sharers_found = 0;
	slmk_walk_retry(slmk_visit_kill_sharers, NULL, &nr);
	raw_spin_lock(&slmk.wait_lock);
	slmk.nr_sharers = slmk.sharers_found;
	raw_spin_unlock(&slmk.wait_lock);
}

/*
 * Make every thread of @p SCHED_FIFO at the lowest priority, on all CPUs.
 * Threads already exiting are boosted too, until they are dead: one of
 * them tears the memory down. Real-time and deadline threads are left as they are: they already
 * run first, and changing a deadline task's policy takes cpuset_mutex,
 * which an allocation in the OOM path may hold.
 */
static void slmk_boost_task(struct task_struct *p)
{
	struct task_struct *batch[32], *t;
	unsigned int pass, n, i;

	/* Bounded: each pass boosts up to 32 threads that are not yet boosted. */
	for (pass = 0; pass < SLMK_MAX_VICTIMS / ARRAY_SIZE(batch); pass++) {
		n = 0;
		rcu_read_lock();
		for_each_thread(p, t) {
			if (t->policy == SCHED_FIFO || t->policy == SCHED_RR ||
			    t->policy == SCHED_DEADLINE || t->exit_state)
				continue;
			get_task_struct(t);
			batch[n++] = t;
			if (n == ARRAY_SIZE(batch))
				break;
		}
		rcu_read_unlock();
		if (!n)
			break;
		for (i = 0; i < n; i++) {
			sched_set_fifo_low(batch[i]);
			/*
			 * Not task_cpu_possible_mask(): on arm64 it reads
			 * symbols a module cannot link to. Where a 32-bit
			 * task may not run on every CPU, the kernel refuses
			 * this mask for it and its affinity stays.
			 */
			set_cpus_allowed_ptr(batch[i], cpu_possible_mask);
			put_task_struct(batch[i]);
		}
	}
}

/*
 * Boost the victims being followed, and the processes killed for sharing
 * their memory, which must exit too before it comes back. Takes its own
 * task references.
 */
static void slmk_boost_victims(void)
{
	unsigned int i;

	for (i = 0;; i++) {
		struct task_struct *p = NULL;
		unsigned int nv, ns;

		raw_spin_lock(&slmk.wait_lock);
		nv = slmk.nr_victims;
		ns = nv ? slmk.nr_sharers : 0;
		if (i < nv && !slmk.victims[i].progress.released)
			p = slmk.victims[i].task;
		else if (i >= nv && i < nv + ns)
			p = slmk.sharers[i - nv];
		if (p)
			get_task_struct(p);
		raw_spin_unlock(&slmk.wait_lock);
		if (i >= nv + ns)
			break;
		if (p) {
			slmk_boost_task(p);
			put_task_struct(p);
		}
	}
}

/* Drop the references of victims[0..n). */
static void slmk_put_victims(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		mmdrop(slmk.victims[i].mm);
		put_task_struct(slmk.victims[i].task);
	}
}

/* Stop following the victims, and drop them. Call with round_lock held. */
static void slmk_forget_victims(void)
{
	unsigned int n, ns, i;

	raw_spin_lock(&slmk.wait_lock);
	n = slmk.nr_victims;
	ns = slmk.nr_sharers;
	slmk.nr_victims = 0;
	slmk.nr_sharers = 0;
	slmk.round_open = false;
	WRITE_ONCE(slmk.tracking, false);
	raw_spin_unlock(&slmk.wait_lock);
	slmk_put_victims(n);
	for (i = 0; i < ns; i++)
		put_task_struct(slmk.sharers[i]);
}

/* The end of a round, taken under wait_lock and logged after it. */
struct slmk_round_end {
	enum slmk_end end;
	enum slmk_trigger trigger;
	bool more;		/* more pids than fit in @pids */
	u64 round;
	unsigned int nr;	/* victims */
	unsigned int alive;	/* victims not released */
	unsigned int ms;	/* waited, or timeout_ms */
	unsigned long kb;
	u64 us;			/* trigger to the last release, or to the end */
	char pids[128];
};

/* End the open round; call with wait_lock held and log @e after it. */
static void slmk_end_round_locked(enum slmk_end end, u64 now,
				  struct slmk_round_end *e)
{
	unsigned int i, len = 0;

	lockdep_assert_held(&slmk.wait_lock);
	e->end = end;
	e->trigger = slmk.trigger;
	e->round = slmk.round;
	e->nr = slmk.nr_victims;
	e->kb = slmk_pages_to_kb(slmk.round_pages, PAGE_SHIFT);
	e->alive = 0;
	e->more = false;
	e->pids[0] = '\0';
	e->ms = end == SLMK_END_TIMEOUT ? slmk.round_timeout_ms :
		div_u64(now - slmk.killed_at, NSEC_PER_MSEC);
	if (end == SLMK_END_DONE) {
		e->us = ktime_us_delta(slmk.done_at, slmk.round_start);
		slmk.freed_at = slmk.done_at;
	} else {
		e->us = div_u64(now - ktime_to_ns(slmk.round_start),
				NSEC_PER_USEC);
	}
	for (i = 0; end != SLMK_END_DONE && i < slmk.nr_victims; i++) {
		if (slmk.victims[i].progress.released)
			continue;
		e->alive++;
		if (len < sizeof(e->pids) - 16)
			len += scnprintf(e->pids + len, sizeof(e->pids) - len,
					 " %d", slmk.victims[i].pid);
		else
			e->more = true;
	}
	slmk.round_open = false;
}

/*
 * What a round's log lines say started it, if not the reclaim priority:
 * the OOM notifier, the stall or the thrash trigger.
 */
static const char *slmk_round_tag(enum slmk_trigger trigger)
{
	switch (trigger) {
	case SLMK_TRIGGER_OOM:
		return " (oom)";
	case SLMK_TRIGGER_STALL:
		return " (stall)";
	case SLMK_TRIGGER_THRASH:
		return " (thrash)";
	default:
		return "";
	}
}

/* Most victims still alive that a round which did not end well shows. */
#define SLMK_SHOW_ALIVE	4

/*
 * After a round that timed out or gave up: the state and kernel stack of a
 * thread of each victim still alive (the first that has its memory), up to
 * SLMK_SHOW_ALIVE of them, to tell what holds it: a frozen file system, an
 * allocation that cannot finish, a CPU it does not get. Call with
 * round_lock held (the victims and their task references stay).
 */
static void slmk_show_alive(void)
{
	struct task_struct *shown[SLMK_SHOW_ALIVE];
	unsigned int i, n = 0;

	lockdep_assert_held(&slmk.round_lock);
	raw_spin_lock(&slmk.wait_lock);
	for (i = 0; i < slmk.nr_victims && n < SLMK_SHOW_ALIVE; i++)
		if (!slmk.victims[i].progress.released)
			shown[n++] = slmk.victims[i].task;
	raw_spin_unlock(&slmk.wait_lock);

	for (i = 0; i < n; i++) {
		struct task_struct *p = shown[i], *t, *show = p;

		rcu_read_lock();
		for_each_thread(p, t) {
			if (READ_ONCE(t->mm)) {
				show = t;
				break;
			}
		}
		pr_info("still alive: %s (%d), thread %d:\n", p->comm,
			task_tgid_nr(p), task_pid_nr(show));
		sched_show_task(show);
		rcu_read_unlock();
	}
}

/* Log, count and trace the end of a round that killed. */
static void slmk_log_end(const struct slmk_round_end *e)
{
	const char *tag = slmk_round_tag(e->trigger);

	if (e->end != SLMK_END_NONE)
		trace_simple_lmk_round_end(e->round, e->end, e->nr, e->kb,
					   e->alive, e->us);
	switch (e->end) {
	case SLMK_END_NONE:
	case SLMK_END_EMPTY:
	case SLMK_END_DRY_RUN:
		break;
	case SLMK_END_UNLOAD:
		pr_info("round %llu%s: wait cut short by unload, %u still alive\n",
			e->round, tag, e->alive);
		break;
	case SLMK_END_DONE:
		atomic64_set(&slmk_counters[SLMK_LAST_ROUND_US], e->us);
		pr_info("round %llu%s: killed %u processes, %lu kB, in %llu us\n",
			e->round, tag, e->nr, e->kb, e->us);
		break;
	case SLMK_END_TIMEOUT:
	case SLMK_END_GAVE_UP:
		atomic64_inc(&slmk_counters[SLMK_TIMEOUTS]);
		pr_warn("round %llu%s: %s after %u ms, %u still alive:%s%s\n",
			e->round, tag,
			e->end == SLMK_END_TIMEOUT ? "timed out" : "gave up",
			e->ms, e->alive, e->pids, e->more ? " ..." : "");
		break;
	}
}

/*
 * How the open round is to end now, if it is: all its victims released;
 * timeout_ms gone by; or none of them is pending any more (stuck, or past
 * the 3 s bound). Call with wait_lock held.
 */
static enum slmk_end slmk_end_due_locked(u64 now)
{
	lockdep_assert_held(&slmk.wait_lock);
	if (!slmk.round_open)
		return SLMK_END_NONE;
	if (!slmk.nr_pending)
		return SLMK_END_DONE;
	if (now - slmk.killed_at >= (u64)slmk.round_timeout_ms * NSEC_PER_MSEC)
		return SLMK_END_TIMEOUT;
	if (!slmk_any_pending_locked(now))
		return SLMK_END_GAVE_UP;
	return SLMK_END_NONE;
}

/* Time with a task in direct reclaim over the last second, in ns. */
static u64 slmk_stall_now(void)
{
	u64 recent;

	raw_spin_lock(&slmk.stall_lock);
	recent = slmk_stall_recent(&slmk.stall, ktime_get_ns());
	raw_spin_unlock(&slmk.stall_lock);
	return recent;
}

/* Workingset refaults so far, anonymous and file (pages). */
static unsigned long slmk_refaults_total(void)
{
	return global_node_page_state(WORKINGSET_REFAULT_ANON) +
	       global_node_page_state(WORKINGSET_REFAULT_FILE);
}

/*
 * Pages reclaim can evict: on the file LRU lists, and on the anonymous ones
 * while swap has room.
 */
static unsigned long slmk_lru_pages(void)
{
	unsigned long pages = global_node_page_state(NR_INACTIVE_FILE) +
			      global_node_page_state(NR_ACTIVE_FILE);

	if (get_nr_swap_pages() > 0)
		pages += global_node_page_state(NR_INACTIVE_ANON) +
			 global_node_page_state(NR_ACTIVE_ANON);
	return pages;
}

/*
 * Pages refaulted per second up to now (0 without a usable sample),
 * sampling the refaults first if @sample.
 */
static unsigned long slmk_refault_rate(bool sample)
{
	unsigned long val, rate;
	u64 now;

	/* Read under the lock: never older than the samples it holds. */
	raw_spin_lock(&slmk.rate_lock);
	val = slmk_refaults_total();
	now = ktime_get_ns();
	if (sample)
		slmk_rate_sample(&slmk.refaults, now, val);
	rate = slmk_rate_per_sec(&slmk.refaults, now, val);
	raw_spin_unlock(&slmk.rate_lock);
	return rate;
}

/* Refaults per second up to now, in percent of the pages reclaim can evict. */
static unsigned int slmk_refaults_pct(void)
{
	return min_t(u64, div64_u64((u64)slmk_refault_rate(false) * 100,
				    max(slmk_lru_pages(), 1UL)), UINT_MAX);
}

/*
 * After a round that killed: the stall and the refaults that led to it must
 * not start another, so both are measured afresh from now.
 */
static void slmk_triggers_forget(void)
{
	u64 now = ktime_get_ns();

	raw_spin_lock(&slmk.stall_lock);
	slmk_stall_forget(&slmk.stall, now);
	raw_spin_unlock(&slmk.stall_lock);

	raw_spin_lock(&slmk.rate_lock);
	slmk_rate_reset(&slmk.refaults, now, slmk_refaults_total());
	raw_spin_unlock(&slmk.rate_lock);
}

/*
 * Trace the start of round @round of @origin, asked for at @start, aiming to
 * free @target pages: what started it, and with what figure. Returns what
 * started it.
 */
static enum slmk_trigger slmk_trace_start(u64 round, enum slmk_origin origin,
					  unsigned long target, ktime_t start)
{
	enum slmk_trigger trigger = SLMK_TRIGGER_OOM;
	bool kswapd = false;
	int prio = -1;

	if (origin == SLMK_RECLAIM) {
		int by = slmk.reclaim_by;

		trigger = slmk_by_trigger(by);
		prio = by >> SLMK_BY_PRIO_SHIFT;
		kswapd = by & SLMK_BY_KSWAPD;
	}
	if (!trace_simple_lmk_round_start_enabled())
		return trigger;
	trace_simple_lmk_round_start(round, trigger, prio, kswapd,
				     div_u64(slmk_stall_now(), NSEC_PER_MSEC),
				     slmk_refaults_pct(),
				     slmk_pages_to_kb(target, PAGE_SHIFT),
				     READ_ONCE(slmk_min_adj),
				     ktime_us_delta(ktime_get(), start));
	return trigger;
}

/*
 * One round: choose and kill; never wait for the victims (the kill thread
 * follows them). @start is when it was asked for. No new process is killed
 * while a victim's memory is still on its way back, ours or the kernel OOM
 * killer's. Sets @pages to the pages the victims held (or, if none was
 * killed for that reason, to the pages still coming back, at least 1).
 * Called with round_lock held.
 */
static enum slmk_result slmk_round(enum slmk_origin origin, ktime_t start,
				   unsigned long *pages)
{
	struct slmk_round_end end = { .end = SLMK_END_NONE };
	const char *tag;
	bool dry = READ_ONCE(slmk_dry_run);
	enum slmk_trigger trigger;
	unsigned long target, sum = 0;
	ktime_t scan_start;
	unsigned int i;
	u64 round, now;
	int nr;

	lockdep_assert_held(&slmk.round_lock);
	WARN_ON_ONCE(READ_ONCE(slmk_test_warn));
	*pages = 0;

	raw_spin_lock(&slmk.wait_lock);
	now = ktime_get_ns();
	slmk_sweep_locked(now);
	if (slmk_any_pending_locked(now)) {
		for (i = 0; i < slmk.nr_victims; i++)
			if (!slmk.victims[i].progress.released)
				sum += slmk.victims[i].progress.left;
		raw_spin_unlock(&slmk.wait_lock);
		atomic64_inc(&slmk_counters[SLMK_DEFERRED]);
		*pages = max(sum, 1UL);
		return SLMK_PENDING;
	}
	if (slmk.round_open)
		slmk_end_round_locked(slmk.nr_pending ? SLMK_END_GAVE_UP :
				      SLMK_END_DONE, now, &end);
	raw_spin_unlock(&slmk.wait_lock);
	slmk_log_end(&end);
	if (end.end == SLMK_END_GAVE_UP)
		slmk_show_alive();
	slmk_forget_victims();

	target = slmk_target_pages();
	scan_start = ktime_get();
	slmk_scan_hold_ns = 0;
	nr = slmk_choose(target, READ_ONCE(slmk_max_victims),
			 READ_ONCE(slmk_min_adj));
	atomic64_set(&slmk_counters[SLMK_LAST_SCAN_US],
		     ktime_us_delta(ktime_get(), scan_start));
	atomic64_set(&slmk_counters[SLMK_LAST_SCAN_HOLD_US],
		     div_u64(slmk_scan_hold_ns, NSEC_PER_USEC));
	if (nr == -EAGAIN) {
		/* Not a round: the next trigger scans again. */
		pr_info_ratelimited("the process list changed too often for a scan to finish\n");
		return SLMK_NONE;
	}
	if (nr < 0) {
		atomic64_inc(&slmk_counters[SLMK_DEFERRED]);
		*pages = 1;
		return SLMK_PENDING;
	}

	/*
	 * Each count with the others, before the round's first log line: a
	 * reader who sees the line sees them all. (stall_rounds and
	 * thrash_rounds were counted after the round, so that they lagged
	 * behind its log lines, and for scans that were not rounds.)
	 */
	round = atomic64_inc_return(&slmk_counters[SLMK_ROUNDS]);
	trigger = slmk_trace_start(round, origin, target, start);
	if (origin == SLMK_OOM)
		atomic64_inc(&slmk_counters[SLMK_OOM_ROUNDS]);
	else if (trigger == SLMK_TRIGGER_STALL)
		atomic64_inc(&slmk_counters[SLMK_STALL_ROUNDS]);
	else if (trigger == SLMK_TRIGGER_THRASH)
		atomic64_inc(&slmk_counters[SLMK_THRASH_ROUNDS]);
	tag = slmk_round_tag(trigger);
	if (!nr) {
		atomic64_inc(&slmk_counters[SLMK_EMPTY_ROUNDS]);
		pr_info("round %llu%s: no process could be killed\n", round, tag);
		trace_simple_lmk_round_end(round, SLMK_END_EMPTY, 0, 0, 0,
					   ktime_us_delta(ktime_get(), start));
		return SLMK_NONE;
	}

	for (i = 0; i < nr; i++)
		sum += slmk.victims[i].pages;

	if (dry) {
		for (i = 0; i < nr; i++) {
			struct slmk_victim *vic = &slmk.victims[i];

			pr_info("dry run: would kill %s (%d), uid %u, adj %d, to free %lu kB\n",
				vic->comm, vic->pid, vic->uid, vic->adj,
				slmk_pages_to_kb(vic->pages, PAGE_SHIFT));
		}
		pr_info("round %llu%s: dry run, would kill %u processes, %lu kB\n",
			round, tag, nr, slmk_pages_to_kb(sum, PAGE_SHIFT));
		trace_simple_lmk_round_end(round, SLMK_END_DRY_RUN, nr,
					   slmk_pages_to_kb(sum, PAGE_SHIFT), 0,
					   ktime_us_delta(ktime_get(), start));
		slmk_put_victims(nr);
		return SLMK_NONE;
	}

	now = ktime_get_ns();
	for (i = 0; i < nr; i++)
		slmk_progress_init(&slmk.victims[i].progress,
				   slmk_victim_left(&slmk.victims[i]), now);
	raw_spin_lock(&slmk.wait_lock);
	slmk.nr_victims = nr;
	slmk.nr_pending = nr;
	slmk.round = round;
	slmk.trigger = trigger;
	slmk.round_start = start;
	slmk.killed_at = now;
	slmk.round_pages = sum;
	slmk.round_timeout_ms = READ_ONCE(slmk_timeout_ms);
	slmk.round_open = true;
	reinit_completion(&slmk.done);
	WRITE_ONCE(slmk.tracking, true);
	raw_spin_unlock(&slmk.wait_lock);

	for (i = 0; i < nr; i++) {
		struct slmk_victim *vic = &slmk.victims[i];

		pr_info("killing %s (%d), uid %u, adj %d, to free %lu kB\n",
			vic->comm, vic->pid, vic->uid, vic->adj,
			slmk_pages_to_kb(vic->pages, PAGE_SHIFT));
		trace_simple_lmk_kill(round, vic->pid, vic->comm, vic->uid,
				      vic->adj,
				      slmk_pages_to_kb(vic->pages, PAGE_SHIFT),
				      0);
		slmk_kill_process(vic->task);
	}
	slmk_kill_sharers(nr);
	atomic64_add(nr, &slmk_counters[SLMK_KILLS]);
	atomic64_add(slmk_pages_to_kb(sum, PAGE_SHIFT),
		     &slmk_counters[SLMK_KILLED_KB]);
	/* Wake poll() and select() on the kills file. */
	sysfs_notify_dirent(slmk.kills_kn);

	/* Catch victims that were gone before tracking was set. */
	raw_spin_lock(&slmk.wait_lock);
	slmk_sweep_locked(ktime_get_ns());
	raw_spin_unlock(&slmk.wait_lock);
	*pages = sum;
	return SLMK_KILLED;
}

/* Victims a uevent lists, at most; VICTIMS counts them all. */
#define SLMK_UEVENT_VICTIMS	8

/* Variables of a uevent: 5 for the round, 4 per listed victim. */
#define SLMK_UEVENT_VARS	(5 + 4 * SLMK_UEVENT_VICTIMS)

/* Longest variable: a name, '=' and a comm or a number. */
#define SLMK_UEVENT_VAR_LEN	(16 + TASK_COMM_LEN + 8)

static const char *const slmk_trigger_names[] = {
	[SLMK_TRIGGER_PRIORITY] = "priority",
	[SLMK_TRIGGER_STALL] = "stall",
	[SLMK_TRIGGER_OOM] = "oom",
	[SLMK_TRIGGER_THRASH] = "thrash",
};

/*
 * Send the last round that killed as a uevent, once: KOBJ_CHANGE on
 * /sys/kernel/simple_lmk with ROUND, TRIGGER, VICTIMS, KILLED_KB, LISTED
 * and, for the first SLMK_UEVENT_VICTIMS victims, VICTIM<n>_PID, _COMM,
 * _ADJ and _KB. The kill thread sends it once the victims are boosted:
 * building it allocates. A comm's bytes outside printable ASCII become '?'.
 * Only the kill thread sends it, and reads or writes slmk.announced.
 */
static void slmk_announce(void)
{
	char *envp[SLMK_UEVENT_VARS + 1] = { NULL };
	char (*vars)[SLMK_UEVENT_VAR_LEN];
	unsigned int i, n, listed, k = 0;
	enum slmk_trigger trigger;
	unsigned long kb;
	u64 round;
	int ret;

	raw_spin_lock(&slmk.wait_lock);
	round = slmk.round;
	n = slmk.nr_victims;
	raw_spin_unlock(&slmk.wait_lock);
	if (!n || round == slmk.announced)
		return;

	vars = kcalloc(SLMK_UEVENT_VARS, sizeof(*vars), GFP_KERNEL);
	if (!vars)
		return;
	raw_spin_lock(&slmk.wait_lock);
	n = slmk.nr_victims;
	if (!n || slmk.round != round) {
		/* Dropped, or replaced by an OOM round, meanwhile. */
		raw_spin_unlock(&slmk.wait_lock);
		kfree(vars);
		return;
	}
	slmk.announced = round;
	trigger = slmk.trigger;
	kb = slmk_pages_to_kb(slmk.round_pages, PAGE_SHIFT);
	listed = min_t(unsigned int, n, SLMK_UEVENT_VICTIMS);
	for (i = 0; i < listed; i++) {
		const struct slmk_victim *v = &slmk.victims[i];
		char *s;

		snprintf(vars[k++], sizeof(*vars), "VICTIM%u_PID=%d", i,
			 v->pid);
		s = vars[k++];
		snprintf(s, sizeof(*vars), "VICTIM%u_COMM=%s", i, v->comm);
		for (s = strchr(s, '=') + 1; *s; s++)
			if (*s < 0x20 || *s > 0x7e)
				*s = '?';
		snprintf(vars[k++], sizeof(*vars), "VICTIM%u_ADJ=%d", i,
			 v->adj);
		snprintf(vars[k++], sizeof(*vars), "VICTIM%u_KB=%lu", i,
			 slmk_pages_to_kb(v->pages, PAGE_SHIFT));
	}
	raw_spin_unlock(&slmk.wait_lock);

	snprintf(vars[k++], sizeof(*vars), "ROUND=%llu", round);
	snprintf(vars[k++], sizeof(*vars), "TRIGGER=%s",
		 slmk_trigger_names[trigger]);
	snprintf(vars[k++], sizeof(*vars), "VICTIMS=%u", n);
	snprintf(vars[k++], sizeof(*vars), "KILLED_KB=%lu", kb);
	snprintf(vars[k++], sizeof(*vars), "LISTED=%u", listed);
	for (i = 0; i < k; i++)
		envp[i] = vars[i];
	ret = kobject_uevent_env(&slmk.kset->kobj, KOBJ_CHANGE, envp);
	if (ret)
		pr_warn_ratelimited("round %llu: uevent not sent: %d\n", round,
				    ret);
	kfree(vars);
}

/*
 * The kill thread's part of a round that killed: boost the victims, then
 * follow them, at most timeout_ms for the round's log line and for as long
 * as their memory is on its way back. The exit probe completes the wait
 * when the last victim's exit_mmap() is done in its own exit. The last
 * reference to an mm may also be dropped elsewhere (a /proc reader, MGLRU's
 * page table walk, exec), with no exit to follow: sweep every slice too.
 * The round ends when its victims are all released, at timeout_ms, or when
 * none of them is pending any more; once none is pending the victims are
 * dropped. Returns early on unload, and when an OOM round killed meanwhile.
 *
 * Return: true if there were victims to follow.
 */
static bool slmk_follow(void)
{
	const unsigned long slice = msecs_to_jiffies(SLMK_SWEEP_MS) ?: 1;
	bool followed = false, ended = false;

	if (READ_ONCE(slmk_boost))
		slmk_boost_victims();
	slmk_announce();

	while (!READ_ONCE(slmk.stopping)) {
		struct slmk_round_end end = { .end = SLMK_END_NONE };
		enum slmk_end due;
		bool busy, open;
		u64 now;

		raw_spin_lock(&slmk.wait_lock);
		now = ktime_get_ns();
		slmk_sweep_locked(now);
		due = slmk_end_due_locked(now);
		open = slmk.round_open;
		busy = open || slmk_any_pending_locked(now);
		raw_spin_unlock(&slmk.wait_lock);

		/*
		 * Triggers during a round are absorbed; once it has ended,
		 * one that comes while victims are still pending is a round
		 * held off.
		 */
		if (!open && busy && !ended) {
			clear_bit(SLMK_TRIGGERED, &slmk.flags);
			ended = true;
		} else if (!open && busy &&
			   test_and_clear_bit(SLMK_TRIGGERED, &slmk.flags) &&
			   slmk_short_for(READ_ONCE(slmk.triggered_by))) {
			atomic64_inc(&slmk_counters[SLMK_DEFERRED]);
		}

		if (due != SLMK_END_NONE || !busy) {
			/*
			 * Under round_lock: a round's end is logged before the
			 * next round's kills, and no round starts while the
			 * victims are dropped.
			 */
			mutex_lock(&slmk.round_lock);
			raw_spin_lock(&slmk.wait_lock);
			now = ktime_get_ns();
			slmk_sweep_locked(now);
			due = slmk_end_due_locked(now);
			if (due != SLMK_END_NONE)
				slmk_end_round_locked(due, now, &end);
			busy = slmk.round_open || slmk_any_pending_locked(now);
			raw_spin_unlock(&slmk.wait_lock);
			slmk_log_end(&end);
			if (end.end == SLMK_END_TIMEOUT ||
			    end.end == SLMK_END_GAVE_UP)
				slmk_show_alive();
			if (!busy)
				slmk_forget_victims();
			mutex_unlock(&slmk.round_lock);
			if (!busy)
				break;
			continue;
		}
		followed = true;
		if (test_bit(SLMK_FOLLOW, &slmk.flags))
			break;
		wait_for_completion_timeout(&slmk.done, slice);
	}
	return followed;
}

/* ------------------------------------------------------------------------- */
/* Triggers: reclaim priority, stall, refaults, OOM backstop                 */
/* ------------------------------------------------------------------------- */

/*
 * Probes on mm_vmscan_direct_reclaim_begin and _end: tasks entering and
 * leaving direct reclaim (global, not memcg-limited), for the stall
 * trigger and the reclaim_stall_ms counter.
 */
static void slmk_stall_update(bool enter)
{
	u64 now = ktime_get_ns(), total;

	raw_spin_lock(&slmk.stall_lock);
	if (enter)
		slmk_stall_enter(&slmk.stall, now);
	else
		slmk_stall_leave(&slmk.stall, now);
	total = slmk.stall.total;
	raw_spin_unlock(&slmk.stall_lock);
	atomic64_set(&slmk_counters[SLMK_RECLAIM_STALL_MS],
		     div_u64(total, NSEC_PER_MSEC));
}

static void slmk_reclaim_begin_probe(void *data, int order, gfp_t gfp_flags)
{
	slmk_stall_update(true);
}

static void slmk_reclaim_end_probe(void *data, unsigned long nr_reclaimed)
{
	slmk_stall_update(false);
}

/*
 * Did tasks stall in direct reclaim for stall_ms or more in the last second,
 * with too little inactive page cache left for reclaim to drop instead?
 */
static bool slmk_stalled(void)
{
	unsigned int ms = READ_ONCE(slmk_stall_ms);

	if (!ms || slmk_stall_now() < (u64)ms * NSEC_PER_MSEC)
		return false;
	return !slmk_cache_droppable(global_node_page_state(NR_INACTIVE_FILE),
				     slmk_target_pages());
}

/*
 * Does @priority start a round? kswapd's does not while it waits for the
 * disk; the node counters are read only then.
 */
static bool slmk_priority_trigger(int priority)
{
	bool kswapd = current_is_kswapd();
	unsigned long dirty, file, floor;

	if (!slmk_priority_low(priority, READ_ONCE(slmk_aggression), kswapd))
		return false;
	if (!kswapd)
		return true;
	dirty = global_node_page_state(NR_FILE_DIRTY) +
		global_node_page_state(NR_WRITEBACK);
	file = global_node_page_state(NR_INACTIVE_FILE) +
	       global_node_page_state(NR_ACTIVE_FILE);
	floor = slmk_target_pages();
	return !slmk_waits_for_disk(dirty, file, floor);
}

/*
 * Is @rate, pages refaulted per second lately, thrash_pct of what reclaim
 * can evict or more? The LRU sizes are read only when it may be.
 */
static bool slmk_thrashed(unsigned long rate)
{
	unsigned int pct = READ_ONCE(slmk_thrash_pct);

	return pct && rate && slmk_thrashing(rate, slmk_lru_pages(), pct);
}

/*
 * Probe on mm_shrink_slab_start, filtered to our own shrinker: the only way
 * for a module to read the priority of kswapd and direct reclaim, with or
 * without MGLRU, and where the refault rate is sampled, as often as
 * reclaim runs and never while it does not. Runs with preemption
 * disabled: it only records and wakes.
 */
static void slmk_slab_probe(void *data, struct shrinker *shr,
			    struct shrink_control *sc, long nr,
			    unsigned long cache_items, unsigned long long delta,
			    unsigned long total_scan, int priority)
{
	enum slmk_trigger by = SLMK_TRIGGER_PRIORITY;
	unsigned long rate;

	if (shr != slmk.shrinker)
		return;
	/*
	 * kswapd, or direct reclaim (PF_MEMALLOC); not drop_caches, which
	 * shrinks slab at priority 0 without memory being short.
	 */
	if (!current_is_kswapd() && !(current->flags & PF_MEMALLOC))
		return;
	if (!READ_ONCE(slmk_enabled) || READ_ONCE(slmk.pm_busy))
		return;
	if (test_bit(SLMK_TRIGGERED, &slmk.flags))
		return;	/* a round is already asked for or running */
	/* Sampled whatever starts the round, for a rate when it matters. */
	rate = slmk_refault_rate(true);
	if (!slmk_priority_trigger(priority)) {
		if (slmk_stalled())
			by = SLMK_TRIGGER_STALL;
		else if (slmk_thrashed(rate))
			by = SLMK_TRIGGER_THRASH;
		else
			return;
	}
	atomic64_set(&slmk.triggered_at, ktime_get());
	/* current_is_kswapd() is PF_KSWAPD, not 0 or 1. */
	WRITE_ONCE(slmk.triggered_by,
		   priority << SLMK_BY_PRIO_SHIFT | by << SLMK_BY_SHIFT |
		   (current_is_kswapd() ? SLMK_BY_KSWAPD : 0));
	if (!test_and_set_bit(SLMK_TRIGGERED, &slmk.flags))
		wake_up_process(slmk.thread);
}

/* The shrinker exists to be called by reclaim; it has nothing to free. */
static unsigned long slmk_shrink_count(struct shrinker *shr,
				       struct shrink_control *sc)
{
	return 1;
}

static unsigned long slmk_shrink_scan(struct shrinker *shr,
				      struct shrink_control *sc)
{
	return SHRINK_STOP;
}

/* Sleep until a trigger or kthread_stop(). */
static void slmk_wait_trigger(void)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (test_bit(SLMK_TRIGGERED, &slmk.flags) ||
		    test_bit(SLMK_FOLLOW, &slmk.flags) ||
		    kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}

static int slmk_thread_fn(void *unused)
{
	const long backoff = msecs_to_jiffies(SLMK_IDLE_BACKOFF_MS);
	const long pending_backoff = msecs_to_jiffies(SLMK_PENDING_BACKOFF_MS);

	sched_set_fifo_low(current);

	while (!kthread_should_stop()) {
		enum slmk_result res;
		unsigned long pages;

		slmk_wait_trigger();
		if (kthread_should_stop())
			break;

		/* An OOM round killed: boost and follow its victims. */
		if (test_and_clear_bit(SLMK_FOLLOW, &slmk.flags)) {
			slmk_follow();
			slmk_triggers_forget();
			continue;
		}

		/*
		 * Disabled since the trigger, or a suspend or hibernation
		 * began, or memory came back (an OOM round may have run
		 * meanwhile), or an OOM round waits, which goes first (it
		 * holds up an allocation and oom_lock): not a round.
		 */
		mutex_lock(&slmk.round_lock);
		slmk.reclaim_by = READ_ONCE(slmk.triggered_by);
		if (!READ_ONCE(slmk_enabled) || READ_ONCE(slmk.pm_busy) ||
		    !slmk_short_for(slmk.reclaim_by) ||
		    atomic_read(&slmk.oom_waiting)) {
			mutex_unlock(&slmk.round_lock);
			clear_bit(SLMK_TRIGGERED, &slmk.flags);
			continue;
		}
		res = slmk_round(SLMK_RECLAIM, atomic64_read(&slmk.triggered_at),
				 &pages);
		mutex_unlock(&slmk.round_lock);

		switch (res) {
		case SLMK_KILLED:
			slmk_follow();
			slmk_triggers_forget();
			break;
		case SLMK_PENDING:
			/*
			 * Follow our victims; or, if a victim of the kernel's
			 * OOM killer is what is pending, look again later.
			 */
			if (!slmk_follow() && !kthread_should_stop())
				schedule_timeout_interruptible(pending_backoff);
			break;
		case SLMK_NONE:
			/* Do not rescan in a loop while reclaim runs. */
			if (!kthread_should_stop())
				schedule_timeout_interruptible(backoff);
			break;
		}
		/* Triggers that came during the round are absorbed. */
		clear_bit(SLMK_TRIGGERED, &slmk.flags);
	}
	return 0;
}

/*
 * OOM notifier: global OOM only, before the kernel OOM killer picks a victim.
 * A round here, with what it freed reported, spares the victim it would
 * have picked by size. It kills and returns: the kill thread boosts and
 * follows the victims, for nothing may wait on them while the caller holds
 * oom_lock (they may need it to exit). While earlier victims' memory is on
 * its way back it kills nobody and reports that memory, so that the
 * allocation retries, as the kernel's OOM killer does while its own victim
 * exits. With no candidate it reports nothing.
 */
static int slmk_oom_notify(struct notifier_block *nb, unsigned long unused,
			   void *parm)
{
	unsigned long *freed = parm, pages;
	ktime_t start = ktime_get(), freed_at;
	enum slmk_result res;
	bool somewhere;

	if (!READ_ONCE(slmk_enabled) || READ_ONCE(slmk.pm_busy))
		return NOTIFY_OK;
	/*
	 * A dying task (maybe our own victim, faulting on its way out) must
	 * not wait for a round: the OOM path gives it memory reserves, so
	 * that it can exit, once the notifiers report nothing.
	 */
	if (fatal_signal_pending(current) || (current->flags & PF_EXITING))
		return NOTIFY_OK;
	/*
	 * The notifier runs for OOMs that are not a global shortage too: a
	 * task bound by a cpuset or mempolicy to nodes that are full, or
	 * sysrq-f with memory to spare. The kernel's OOM killer handles those
	 * (only with tasks that may use the full nodes, for the former).
	 */
	if (!slmk_memory_short_on(true, &somewhere)) {
		/*
		 * No node short at all: memory came back since the allocation
		 * last tried, as a round's victims exited (the kernel's killer
		 * would kill for memory that is there). Have it try again:
		 * once in SLMK_OOM_RETRY_MS at most, so that an allocation
		 * this judgement is wrong for still gets the kernel's killer.
		 */
		if (!somewhere &&
		    ktime_ms_delta(start, slmk.oom_retry_at) >= SLMK_OOM_RETRY_MS) {
			slmk.oom_retry_at = start;
			atomic64_inc(&slmk_counters[SLMK_OOM_RETRIES]);
			*freed += 1;
		}
		return NOTIFY_OK;
	}

	atomic_inc(&slmk.oom_waiting);
	mutex_lock(&slmk.round_lock);
	atomic_dec(&slmk.oom_waiting);
	raw_spin_lock(&slmk.wait_lock);
	freed_at = slmk.freed_at;
	raw_spin_unlock(&slmk.wait_lock);
	if (ktime_after(freed_at, start)) {
		/*
		 * A round ended while we waited for the lock, and its victims
		 * are gone: let the allocation retry before killing more.
		 */
		mutex_unlock(&slmk.round_lock);
		*freed += 1;
		return NOTIFY_OK;
	}
	res = slmk_round(SLMK_OOM, start, &pages);
	mutex_unlock(&slmk.round_lock);

	if (res == SLMK_KILLED) {
		set_bit(SLMK_FOLLOW, &slmk.flags);
		wake_up_process(slmk.thread);
	}
	if (res != SLMK_NONE)
		*freed += pages;
	return NOTIFY_OK;
}

static struct notifier_block slmk_oom_nb = {
	.notifier_call = slmk_oom_notify,
};

/*
 * PM notifier: from the start of a suspend or hibernation to its end, no
 * round. Tasks are about to be frozen and could not exit if killed, and
 * hibernation frees memory on purpose to make room for its image, which
 * looks to the triggers like a shortage. The kernel's OOM killer is off
 * then too. A round already running goes on; its victims die before they
 * can be frozen.
 */
static int slmk_pm_notify(struct notifier_block *nb, unsigned long action,
			  void *unused)
{
	switch (action) {
	case PM_SUSPEND_PREPARE:
	case PM_HIBERNATION_PREPARE:
	case PM_RESTORE_PREPARE:
		WRITE_ONCE(slmk.pm_busy, true);
		pr_info("rounds held off: the system suspends or hibernates\n");
		break;
	case PM_POST_SUSPEND:
	case PM_POST_HIBERNATION:
	case PM_POST_RESTORE:
		WRITE_ONCE(slmk.pm_busy, false);
		pr_info("rounds resume: the system is back\n");
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block slmk_pm_nb = {
	.notifier_call = slmk_pm_notify,
};

/* ------------------------------------------------------------------------- */
/* Hooks: tracepoints and shrinker                                           */
/* ------------------------------------------------------------------------- */

struct slmk_tp {
	const char *name;
	void *probe;
	struct tracepoint *tp;
	bool registered;
};

static struct slmk_tp slmk_tp_exit = {
	.name = "sched_process_exit", .probe = slmk_exit_probe,
};

static struct slmk_tp slmk_tp_slab = {
	.name = "mm_shrink_slab_start", .probe = slmk_slab_probe,
};

static struct slmk_tp slmk_tp_reclaim_begin = {
	.name = "mm_vmscan_direct_reclaim_begin",
	.probe = slmk_reclaim_begin_probe,
};

static struct slmk_tp slmk_tp_reclaim_end = {
	.name = "mm_vmscan_direct_reclaim_end",
	.probe = slmk_reclaim_end_probe,
};

/*
 * Each probe has the prototype of its tracepoint in the headers the module
 * is built against: a kernel that changes one fails to build the module
 * rather than call a probe with arguments it does not expect. sizeof()
 * calls nothing: only types are checked, and the tracepoints need not be
 * exported.
 */
#define SLMK_PROBE_TYPE(tp, probe) \
	static_assert(sizeof(register_trace_##tp(probe, NULL)) == sizeof(int))

SLMK_PROBE_TYPE(sched_process_exit, slmk_exit_probe);
SLMK_PROBE_TYPE(mm_shrink_slab_start, slmk_slab_probe);
SLMK_PROBE_TYPE(mm_vmscan_direct_reclaim_begin, slmk_reclaim_begin_probe);
SLMK_PROBE_TYPE(mm_vmscan_direct_reclaim_end, slmk_reclaim_end_probe);

static void slmk_find_tp(struct tracepoint *tp, void *priv)
{
	struct slmk_tp *want = priv;

	if (!strcmp(tp->name, want->name))
		want->tp = tp;
}

static int slmk_tp_register(struct slmk_tp *t)
{
	int ret;

	for_each_kernel_tracepoint(slmk_find_tp, t);
	if (!t->tp) {
		pr_err("tracepoint %s not found (CONFIG_TRACEPOINTS?)\n",
		       t->name);
		return -ENOENT;
	}
	ret = tracepoint_probe_register(t->tp, t->probe, NULL);
	if (ret) {
		pr_err("cannot attach to tracepoint %s: %d\n", t->name, ret);
		return ret;
	}
	t->registered = true;
	return 0;
}

/* Detach, and wait until no CPU runs the probe any more. */
static void slmk_tp_unregister(struct slmk_tp *t)
{
	if (!t->registered)
		return;
	tracepoint_probe_unregister(t->tp, t->probe, NULL);
	tracepoint_synchronize_unregister();
	t->registered = false;
}

static int slmk_shrinker_register(void)
{
	struct shrinker *s = slmk_shrinker_create("simple_lmk",
						  slmk_shrink_count,
						  slmk_shrink_scan);

	if (IS_ERR(s))
		return PTR_ERR(s);
	slmk.shrinker = s;
	return 0;
}

static void slmk_shrinker_unregister(void)
{
	slmk_shrinker_destroy(slmk.shrinker);
	slmk.shrinker = NULL;
}

/* ------------------------------------------------------------------------- */
/* Load and unload                                                           */
/* ------------------------------------------------------------------------- */

static void slmk_free_memory(void)
{
	kvfree(slmk.cands);
	kvfree(slmk.refs);
	kvfree(slmk.excl);
	kfree(slmk.scratch);
	kvfree(slmk.victims);
	kvfree(slmk.sharers);
}

/* Stop the kill thread, cutting its wait short, and drop the victims. */
static void slmk_stop_thread(void)
{
	struct slmk_round_end end = { .end = SLMK_END_NONE };

	raw_spin_lock(&slmk.wait_lock);
	WRITE_ONCE(slmk.stopping, true);
	complete(&slmk.done);
	raw_spin_unlock(&slmk.wait_lock);
	kthread_stop(slmk.thread);
	put_task_struct(slmk.thread);

	raw_spin_lock(&slmk.wait_lock);
	if (slmk.round_open)
		slmk_end_round_locked(SLMK_END_UNLOAD, ktime_get_ns(), &end);
	raw_spin_unlock(&slmk.wait_lock);
	slmk_log_end(&end);
	mutex_lock(&slmk.round_lock);
	slmk_forget_victims();
	mutex_unlock(&slmk.round_lock);
}

static int __init slmk_init(void)
{
	const char *step = "memory for the candidate table";
	unsigned int i;
	int ret;

	mutex_init(&slmk.round_lock);
	raw_spin_lock_init(&slmk.wait_lock);
	raw_spin_lock_init(&slmk.stall_lock);
	slmk_stall_init(&slmk.stall, ktime_get_ns());
	raw_spin_lock_init(&slmk.rate_lock);
	init_completion(&slmk.done);

	slmk.cands = kvcalloc(SLMK_MAX_VICTIMS, sizeof(*slmk.cands),
			      GFP_KERNEL);
	slmk.refs = kvcalloc(SLMK_MAX_VICTIMS, sizeof(*slmk.refs), GFP_KERNEL);
	slmk.excl = kvcalloc(SLMK_MAX_VICTIMS, sizeof(*slmk.excl), GFP_KERNEL);
	slmk.scratch = kcalloc(SLMK_SCRATCH_LONGS, sizeof(*slmk.scratch),
			       GFP_KERNEL);
	slmk.victims = kvcalloc(SLMK_MAX_VICTIMS, sizeof(*slmk.victims),
				GFP_KERNEL);
	slmk.sharers = kvcalloc(SLMK_MAX_VICTIMS, sizeof(*slmk.sharers),
				GFP_KERNEL);
	if (!slmk.cands || !slmk.refs || !slmk.excl || !slmk.scratch ||
	    !slmk.victims || !slmk.sharers) {
		ret = -ENOMEM;
		goto err_free;
	}

	step = "sysfs directory";
	slmk.kset = kset_create_and_add("simple_lmk", NULL, kernel_kobj);
	if (!slmk.kset) {
		ret = -ENOMEM;
		goto err_free;
	}
	/*
	 * A uevent needs a kset at or above its kobject, and kernel_kobj has
	 * none: make the kset a member of itself. kset_unregister() drops
	 * the reference this takes, in kobject_del().
	 */
	slmk.kset->kobj.kset = kset_get(slmk.kset);
	for (i = 0; i < SLMK_NR_COUNTERS; i++)
		slmk_attrs[i] = &slmk_counter_attrs[i].attr;
	step = "sysfs counters";
	ret = sysfs_create_group(&slmk.kset->kobj, &slmk_attr_group);
	if (ret)
		goto err_kobj;
	slmk.kills_kn = sysfs_get_dirent(slmk.kset->kobj.sd, "kills");
	if (!slmk.kills_kn) {
		ret = -ENOENT;
		goto err_kobj;
	}
	/* Before any round's; KOBJ_REMOVE follows in kset_unregister(). */
	kobject_uevent(&slmk.kset->kobj, KOBJ_ADD);

	step = "kill thread";
	slmk.thread = kthread_create(slmk_thread_fn, NULL, "simple_lmk");
	if (IS_ERR(slmk.thread)) {
		ret = PTR_ERR(slmk.thread);
		goto err_kn;
	}
	get_task_struct(slmk.thread);
	wake_up_process(slmk.thread);

	/* Before any trigger, so that none fires during a suspend. */
	step = "PM notifier";
	ret = register_pm_notifier(&slmk_pm_nb);
	if (ret)
		goto err_thread;
	step = "exit probe";
	ret = slmk_tp_register(&slmk_tp_exit);
	if (ret)
		goto err_pm;
	/*
	 * Stall accounting before the trigger that reads it, and its end
	 * before its begin: a task counted in must be counted out.
	 */
	step = "reclaim probes";
	ret = slmk_tp_register(&slmk_tp_reclaim_end);
	if (ret)
		goto err_exit_tp;
	if (slmk_test_probe_gap_ms)
		msleep(slmk_test_probe_gap_ms);
	ret = slmk_tp_register(&slmk_tp_reclaim_begin);
	if (ret)
		goto err_stall_tp;
	step = "shrinker";
	ret = slmk_shrinker_register();
	if (ret)
		goto err_stall_tp;
	step = "slab probe";
	ret = slmk_tp_register(&slmk_tp_slab);
	if (ret)
		goto err_shrinker;
	step = "OOM notifier";
	ret = register_oom_notifier(&slmk_oom_nb);
	if (ret)
		goto err_slab_tp;

	pr_info("loaded: aggression %u, stall_ms %u, thrash_pct %u, reclaim_target_mb %u, min_adj %d, timeout_ms %u%s\n",
		slmk_aggression, slmk_stall_ms, slmk_thrash_pct,
		slmk_reclaim_target_mb,
		slmk_min_adj, slmk_timeout_ms, slmk_dry_run ? ", dry run" : "");
	return 0;

err_slab_tp:
	slmk_tp_unregister(&slmk_tp_slab);
err_shrinker:
	slmk_shrinker_unregister();
err_stall_tp:
	slmk_tp_unregister(&slmk_tp_reclaim_end);
	slmk_tp_unregister(&slmk_tp_reclaim_begin);
err_exit_tp:
	slmk_tp_unregister(&slmk_tp_exit);
err_pm:
	unregister_pm_notifier(&slmk_pm_nb);
err_thread:
	slmk_stop_thread();
err_kn:
	sysfs_put(slmk.kills_kn);
err_kobj:
	kset_unregister(slmk.kset);
err_free:
	slmk_free_memory();
	pr_err("cannot load: %s: error %d\n", step, ret);
	return ret;
}

/*
 * Tear down in the reverse order of what can call what: no OOM round, then no
 * trigger, then no shrinker, then the thread ends its round (its wait cut
 * short) and drops its references, then no exit probe, then no PM notifier.
 */
static void __exit slmk_exit(void)
{
	unregister_oom_notifier(&slmk_oom_nb);
	slmk_tp_unregister(&slmk_tp_slab);
	slmk_shrinker_unregister();
	slmk_tp_unregister(&slmk_tp_reclaim_end);
	slmk_tp_unregister(&slmk_tp_reclaim_begin);
	slmk_stop_thread();
	slmk_tp_unregister(&slmk_tp_exit);
	unregister_pm_notifier(&slmk_pm_nb);
	sysfs_put(slmk.kills_kn);
	kset_unregister(slmk.kset);
	slmk_free_memory();
	pr_info("unloaded\n");
}

module_init(slmk_init);
module_exit(slmk_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Simple LMK developers");
MODULE_DESCRIPTION("Low-memory killer in the kernel's reclaim path");
MODULE_VERSION(SLMK_VERSION);
