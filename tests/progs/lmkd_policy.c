// SPDX-License-Identifier: GPL-2.0
/*
 * lmkd_policy.c - lmkd-psi's decision logic. See lmkd_policy.h.
 */
#include <stdlib.h>
#include <string.h>

#include "lmkd_policy.h"

/* lmkd re-measures thrashing in windows of this length. */
#define LP_THRASHING_RESET_MS	1000

void lp_config_default(struct lp_config *c)
{
	memset(c, 0, sizeof(*c));
	c->partial_stall_ms = 70;
	c->complete_stall_ms = 700;
	c->thrashing_limit_pct = 100;
	c->thrashing_limit_decay_pct = 10;
	c->thrashing_critical_pct = 3 * c->thrashing_limit_pct;
	c->swap_free_low_pct = 10;
	c->swap_util_max = 100;
	c->filecache_min_kb = 0;
	c->stall_limit_critical = 100;
	c->lowmem_min_oom_score = LP_PREVIOUS_APP_ADJ + 1;
	c->pressure_after_kill_min_score = 0;
	c->kill_timeout_ms = 100;
	c->kill_heaviest_task = false;
}

const char *lp_reason_name(enum lp_reason r)
{
	static const char *const names[] = {
		[LP_NONE] = "none",
		[LP_PRESSURE_AFTER_KILL] = "pressure_after_kill",
		[LP_NOT_RESPONDING] = "not_responding",
		[LP_LOW_SWAP_AND_THRASHING] = "low_swap_and_thrashing",
		[LP_LOW_MEM_AND_SWAP] = "low_mem_and_swap",
		[LP_LOW_MEM_AND_SWAP_UTIL] = "low_mem_and_swap_util",
		[LP_LOW_MEM_AND_THRASHING] = "low_mem_and_thrashing",
		[LP_DIRECT_RECL_AND_THRASHING] = "direct_recl_and_thrashing",
		[LP_LOW_FILECACHE_AFTER_THRASHING] = "low_filecache_after_thrashing",
		[LP_LOW_MEM] = "low_mem",
	};

	return (unsigned int)r < ARRAY_SIZE(names) ? names[r] : "?";
}

void lp_state_init(struct lp_state *st, const struct lp_config *c)
{
	memset(st, 0, sizeof(*st));
	st->thrashing_limit = c->thrashing_limit_pct;
}

enum lp_wmark lp_lowest_wmark(const struct lp_wmarks *w, int64_t free_pages,
			      int64_t cma_free_pages)
{
	int64_t nr = free_pages - cma_free_pages;

	if (nr < w->min)
		return LP_WMARK_MIN;
	if (nr < w->low)
		return LP_WMARK_LOW;
	if (nr < w->high)
		return LP_WMARK_HIGH;
	return LP_WMARK_NONE;
}

/*
 * Free swap as lmkd counts it: no more than what is free or easily
 * reclaimed (MemFree + Inactive(file)), times a compression ratio of 1.
 */
static int64_t free_swap(const struct lp_sample *s)
{
	int64_t easy = s->free_pages + s->inactive_file_mi;

	return s->free_swap_pages < easy ? s->free_swap_pages : easy;
}

/* Percentage of anonymous and shared memory that is in swap. */
static int64_t swap_util(const struct lp_sample *s)
{
	int64_t used = s->total_swap_pages - free_swap(s);
	int64_t all = s->active_anon + s->inactive_anon + s->shmem + used;

	return all > 0 ? used * 100 / all : 0;
}

void lp_decide(const struct lp_config *c, struct lp_state *st,
	       const struct lp_wmarks *w, const struct lp_sample *s,
	       struct lp_decision *d)
{
	int64_t file_lru = s->active_file + s->inactive_file;
	int64_t thrashing = 0, since;
	bool cycle_after_kill = false;

	memset(d, 0, sizeof(*d));
	d->reason = LP_NONE;
	d->wmark = LP_WMARK_NONE;
	/*
	 * First wakeup, or first after a kill: measure thrashing afresh. The
	 * reclaim counters start from zero, as lmkd's do: the first wakeup
	 * sees whatever reclaim happened since boot.
	 */
	if (!st->started || st->killing) {
		cycle_after_kill = st->killing;
		st->started = true;
		st->killing = false;
		st->base_file_lru = file_lru;
		st->init_refault = s->refault_file;
		st->thrashing_reset_ms = s->now_ms;
		st->prev_thrash_growth = 0;
	}

	/* Swap is low below swap_free_low_percentage of the total. */
	d->swap_low = c->swap_free_low_pct &&
		      free_swap(s) <
		      s->total_swap_pages * c->swap_free_low_pct / 100;

	/* Who reclaims, from the scan counters since the last wakeup. */
	if (s->pgscan_direct != st->init_pgscan_direct) {
		st->init_pgscan_direct = s->pgscan_direct;
		st->init_pgscan_kswapd = s->pgscan_kswapd;
		st->init_pgrefill = s->pgrefill;
		d->reclaim = LP_DIRECT_RECLAIM;
	} else if (s->pgscan_kswapd != st->init_pgscan_kswapd ||
		   s->pgrefill != st->init_pgrefill) {
		st->init_pgscan_kswapd = s->pgscan_kswapd;
		st->init_pgrefill = s->pgrefill;
		d->reclaim = LP_KSWAPD_RECLAIM;
	} else if (s->refault_file == st->prev_refault) {
		/* Neither reclaim nor refaults: nothing to decide. */
		return;
	}
	st->prev_refault = s->refault_file;

	/*
	 * Thrashing: file refaults since the window began, as a percentage
	 * of the file LRU then. At each new window the last one's figure
	 * carries over, halved per window passed, but whole if it was over
	 * the limit in the one window just ended (no victim was found then:
	 * keep it, so that a kill comes as soon as one appears); the limit
	 * cut by kills is restored.
	 */
	since = s->now_ms - st->thrashing_reset_ms;
	if (since > LP_THRASHING_RESET_MS) {
		int64_t windows = since / LP_THRASHING_RESET_MS;

		st->prev_thrash_growth = (s->refault_file - st->init_refault) *
					 100 / (st->base_file_lru + 1);
		if (windows > 1 || st->prev_thrash_growth < st->thrashing_limit)
			st->prev_thrash_growth = windows < 64 ?
				st->prev_thrash_growth >> windows : 0;
		st->base_file_lru = file_lru;
		st->init_refault = s->refault_file;
		st->thrashing_reset_ms = s->now_ms;
		st->thrashing_limit = c->thrashing_limit_pct;
	} else {
		thrashing = (s->refault_file - st->init_refault) * 100 /
			    (st->base_file_lru + 1);
	}
	thrashing += st->prev_thrash_growth;
	if (st->max_thrashing < thrashing)
		st->max_thrashing = thrashing;
	d->thrashing = thrashing;

	d->wmark = lp_lowest_wmark(w, s->free_pages, s->cma_free_pages);
	d->min_score_adj = 0;

	if (cycle_after_kill && d->wmark < LP_WMARK_LOW) {
		/* Still under the min watermark after a kill. */
		d->reason = LP_PRESSURE_AFTER_KILL;
		d->min_score_adj = c->pressure_after_kill_min_score;
	} else if (s->level == LP_LEVEL_CRITICAL && s->event) {
		/* Full stall over psi_complete_stall_ms in a second. */
		d->reason = LP_NOT_RESPONDING;
	} else if (d->swap_low && thrashing > c->thrashing_limit_pct) {
		d->reason = LP_LOW_SWAP_AND_THRASHING;
		if (d->wmark > LP_WMARK_MIN &&
		    thrashing < c->thrashing_critical_pct)
			d->min_score_adj = LP_PERCEPTIBLE_APP_ADJ + 1;
		st->check_filecache = true;
	} else if (d->swap_low && d->wmark < LP_WMARK_HIGH) {
		d->reason = LP_LOW_MEM_AND_SWAP;
		if (d->wmark > LP_WMARK_MIN &&
		    thrashing < c->thrashing_critical_pct)
			d->min_score_adj = LP_PERCEPTIBLE_APP_ADJ + 1;
	} else if (d->wmark < LP_WMARK_HIGH && c->swap_util_max < 100 &&
		   swap_util(s) > c->swap_util_max) {
		d->reason = LP_LOW_MEM_AND_SWAP_UTIL;
	} else if (thrashing > st->thrashing_limit &&
		   (d->wmark < LP_WMARK_HIGH ||
		    d->reclaim == LP_DIRECT_RECLAIM)) {
		/* Under low and thrashing, else direct reclaim and thrashing. */
		d->reason = d->wmark < LP_WMARK_HIGH ?
			    LP_LOW_MEM_AND_THRASHING :
			    LP_DIRECT_RECL_AND_THRASHING;
		d->cut_thrashing_limit = true;
		if (thrashing < c->thrashing_critical_pct)
			d->min_score_adj = LP_PERCEPTIBLE_APP_ADJ + 1;
		st->check_filecache = true;
	} else if (st->check_filecache) {
		if (file_lru * s->page_kb < c->filecache_min_kb) {
			d->reason = LP_LOW_FILECACHE_AFTER_THRASHING;
			d->min_score_adj = LP_PERCEPTIBLE_APP_ADJ + 1;
		} else {
			st->check_filecache = false;
		}
	}
	if (d->reason == LP_NONE && d->wmark < LP_WMARK_HIGH &&
	    c->lowmem_min_oom_score <= LP_OOM_SCORE_ADJ_MAX) {
		/* Cached and previous apps only, when just low is breached. */
		d->reason = LP_LOW_MEM;
		d->min_score_adj = c->lowmem_min_oom_score;
	}
	/* A long full stall lets perceptible apps go too. */
	if (d->reason != LP_NONE &&
	    s->psi_full_avg10_x100 > c->stall_limit_critical * 100)
		d->min_score_adj = 0;
}

bool lp_polling(const struct lp_state *st, const struct lp_decision *d,
		bool event, bool *fast)
{
	*fast = d->swap_low || st->killing;
	return event || st->killing || d->reclaim == LP_DIRECT_RECLAIM;
}

void lp_killed(const struct lp_config *c, struct lp_state *st,
	       const struct lp_decision *d)
{
	st->killing = true;
	st->max_thrashing = 0;
	if (d->cut_thrashing_limit)
		st->thrashing_limit = st->thrashing_limit *
				      (100 - c->thrashing_limit_decay_pct) / 100;
}

/* The number after "@key " at the start of a line of @text, or -1. */
static int64_t line_value(const char *text, const char *key)
{
	size_t len = strlen(key);
	const char *p = text;

	while ((p = strstr(p, key))) {
		if ((p == text || p[-1] == '\n') &&
		    (p[len] == ' ' || p[len] == ':'))
			return strtoll(p + len + 1, NULL, 10);
		p += len;
	}
	return -1;
}

int lp_parse_meminfo(const char *text, int page_kb, struct lp_sample *s)
{
	static const struct {
		const char *key;
		size_t off;
		bool optional;
	} f[] = {
		{ "MemFree", offsetof(struct lp_sample, free_pages), false },
		{ "CmaFree", offsetof(struct lp_sample, cma_free_pages), true },
		{ "SwapTotal", offsetof(struct lp_sample, total_swap_pages), false },
		{ "SwapFree", offsetof(struct lp_sample, free_swap_pages), false },
		{ "Inactive(file)", offsetof(struct lp_sample, inactive_file_mi), false },
		{ "Shmem", offsetof(struct lp_sample, shmem), false },
		{ "Active(anon)", offsetof(struct lp_sample, active_anon), false },
		{ "Inactive(anon)", offsetof(struct lp_sample, inactive_anon), false },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(f); i++) {
		int64_t kb = line_value(text, f[i].key);
		int64_t *dst = (int64_t *)((char *)s + f[i].off);

		if (kb < 0 && !f[i].optional)
			return -1;
		*dst = kb < 0 ? 0 : kb / page_kb;
	}
	return 0;
}

int lp_parse_vmstat(const char *text, struct lp_sample *s)
{
	int64_t v;

	/* workingset_refault became workingset_refault_file in 5.9. */
	v = line_value(text, "workingset_refault");
	if (v < 0)
		v = line_value(text, "workingset_refault_file");
	s->refault_file = v;
	s->active_file = line_value(text, "nr_active_file");
	s->inactive_file = line_value(text, "nr_inactive_file");
	s->pgscan_kswapd = line_value(text, "pgscan_kswapd");
	s->pgscan_direct = line_value(text, "pgscan_direct");
	s->pgrefill = line_value(text, "pgrefill");
	if (s->refault_file < 0 || s->active_file < 0 || s->inactive_file < 0 ||
	    s->pgscan_kswapd < 0 || s->pgscan_direct < 0 || s->pgrefill < 0)
		return -1;
	return 0;
}

/*
 * The value of @key in a zone's block: "<spaces>@key <number>" at the
 * start of a line between @p and @end; -1 if absent.
 */
static int64_t zone_value(const char *p, const char *end, const char *key)
{
	size_t len = strlen(key);

	for (; p && p < end; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		const char *q = p;

		while (*q == ' ')
			q++;
		if (!strncmp(q, key, len) && q[len] == ' ')
			return strtoll(q + len, NULL, 10);
	}
	return -1;
}

/* The largest number in the zone's "protection: (a, b, ...)" line. */
static int64_t zone_max_protection(const char *p, const char *end)
{
	const char *q = strstr(p, "protection: (");
	int64_t max = 0;
	char *next;

	if (!q || q >= end)
		return 0;
	q += strlen("protection: (");
	for (;;) {
		int64_t v = strtoll(q, &next, 10);

		if (next == q)
			break;
		if (v > max)
			max = v;
		q = next;
		while (*q == ',' || *q == ' ')
			q++;
	}
	return max;
}

int lp_parse_zoneinfo(const char *text, struct lp_wmarks *w)
{
	const char *p = text;
	int zones = 0;

	memset(w, 0, sizeof(*w));
	while ((p = strstr(p, "Node "))) {
		const char *end = strstr(p + 5, "\nNode ");
		int64_t min, low, high, prot;

		if (!end)
			end = p + strlen(p);
		min = zone_value(p, end, "min");
		low = zone_value(p, end, "low");
		high = zone_value(p, end, "high");
		prot = zone_max_protection(p, end);
		/* Populated zones only, as lmkd. */
		if (min >= 0 && low >= 0 && high >= 0 &&
		    zone_value(p, end, "present") > 0) {
			w->min += min + prot;
			w->low += low + prot;
			w->high += high + prot;
			zones++;
		}
		p = end;
	}
	return zones ? 0 : -1;
}

int lp_parse_psi_full_avg10(const char *text)
{
	const char *p = strstr(text, "full avg10=");
	long whole, frac = 0;
	char *end;

	if (!p)
		return -1;
	p += strlen("full avg10=");
	whole = strtol(p, &end, 10);
	if (end == p)
		return -1;
	if (*end == '.') {
		p = end + 1;
		frac = strtol(p, &end, 10);
		if (end - p == 1)
			frac *= 10;
		else
			while (end - p > 2)
				frac /= 10, p++;
	}
	return (int)(whole * 100 + frac);
}

int lp_choose_victim(const struct lp_proc *p, size_t n, int min_score_adj,
		     bool heaviest)
{
	int best = -1;
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i].adj < min_score_adj || p[i].adj > LP_OOM_SCORE_ADJ_MAX ||
		    p[i].rss_pages <= 0)
			continue;
		if (best < 0 || p[i].adj > p[best].adj) {
			best = (int)i;
			continue;
		}
		/* Same adj: the first listed, or the heaviest. */
		if (p[i].adj == p[best].adj &&
		    (heaviest || p[i].adj <= LP_PERCEPTIBLE_APP_ADJ) &&
		    p[i].rss_pages > p[best].rss_pages)
			best = (int)i;
	}
	return best;
}
