/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Simple LMK: policy interface shared by the module and its KUnit tests,
 * and the one place where kernel-version differences live.
 */
#ifndef _SIMPLE_LMK_H
#define _SIMPLE_LMK_H

#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/types.h>
#include <linux/version.h>

/*
 * ---------------------------------------------------------------------------
 * Compatibility: Debian 6.1 and 6.12 (Android GKI 6.1 and 6.12 bases).
 * Everything that differs between supported kernels is defined here, and
 * nowhere else.
 * ---------------------------------------------------------------------------
 */
#if __has_include(<kunit/visibility.h>)
#include <kunit/visibility.h>
#else
#define VISIBLE_IF_KUNIT static
#define EXPORT_SYMBOL_IF_KUNIT(symbol)
#endif

/* 6.13 turned the namespace argument of MODULE_IMPORT_NS into a string. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 13, 0)
#define SLMK_IMPORT_KUNIT_NS() MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING")
#else
#define SLMK_IMPORT_KUNIT_NS() MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING)
#endif

/* 6.7 replaced register_shrinker() by shrinker_alloc()/shrinker_register(). */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
#define SLMK_SHRINKER_ALLOC 1
#else
#define SLMK_SHRINKER_ALLOC 0
#endif

/* ------------------------------------------------------------------------- */

/* Adj buckets, most expendable first: Android's levels, then "below 0". */
#define SLMK_NR_BUCKETS		15
/* Bucket given to a candidate that may never be chosen. */
#define SLMK_BUCKET_NONE	SLMK_NR_BUCKETS

#define SLMK_ADJ_MAX		1000
#define SLMK_ADJ_MIN		(-1000)

/* Upper bound of the max_victims parameter. */
#define SLMK_MAX_VICTIMS	1024

/* Scratch space slmk_select() needs, in unsigned longs. */
#define SLMK_SCRATCH_LONGS	(2 * (SLMK_MAX_VICTIMS + 1))

/**
 * struct slmk_cand - one killable process, as the policy sees it
 * @pages:	memory that killing it frees (RSS + swap entries + page tables)
 * @priv:	opaque to the policy: the caller's handle on the process
 * @adj:	its oom_score_adj
 * @pid:	its thread group id, only to make ties deterministic
 * @bucket:	set by slmk_select(): bucket of @adj, SLMK_BUCKET_NONE if
 *		protected
 * @chosen:	set by slmk_select(): true if it is a victim
 */
struct slmk_cand {
	unsigned long pages;
	void *priv;
	int adj;
	int pid;
	unsigned int bucket;
	bool chosen;
};

/*
 * The policy functions are static in the module, and visible to the KUnit
 * test module only in kernels built with KUnit (VISIBLE_IF_KUNIT).
 */
#if IS_ENABLED(CONFIG_KUNIT)
unsigned int slmk_adj_bucket(int adj);
bool slmk_adj_killable(int adj, int min_adj);
unsigned long slmk_add_sat(unsigned long a, unsigned long b);
unsigned long slmk_mb_to_pages(unsigned int mb, unsigned int page_shift);
unsigned long slmk_pages_to_kb(unsigned long pages, unsigned int page_shift);
unsigned int slmk_max_target_mb(unsigned long totalram, unsigned int page_shift);
int slmk_parse_range(const char *val, long long min, long long max,
		     long long *res, const char **why);
unsigned int slmk_select(struct slmk_cand *c, unsigned int n,
			 unsigned long target, unsigned int max_victims,
			 int min_adj, unsigned long *scratch);
#endif

#endif /* _SIMPLE_LMK_H */
