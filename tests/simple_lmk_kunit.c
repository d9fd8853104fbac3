// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for Simple LMK's policy: adj buckets, victim choice, target
 * arithmetic and parameter validation. Pure functions, no live system.
 */

#include <kunit/test.h>
#include <linux/module.h>
#include <linux/sort.h>

#include "../simple_lmk.h"

struct bucket_case {
	int adj;
	unsigned int bucket;
};

/* Every bucket edge: its floor, and one below it. */
static const struct bucket_case bucket_cases[] = {
	{ 1000, 0 }, { 999, 1 }, { 950, 1 }, { 949, 2 }, { 900, 2 },
	{ 899, 3 }, { 800, 3 }, { 799, 4 }, { 700, 4 }, { 699, 5 },
	{ 600, 5 }, { 599, 6 }, { 500, 6 }, { 499, 7 }, { 400, 7 },
	{ 399, 8 }, { 300, 8 }, { 299, 9 }, { 250, 9 }, { 249, 10 },
	{ 200, 10 }, { 199, 11 }, { 100, 11 }, { 99, 12 }, { 50, 12 },
	{ 49, 13 }, { 1, 13 }, { 0, 13 }, { -1, 14 }, { -999, 14 },
	{ -1000, SLMK_BUCKET_NONE },
};

static void bucket_case_desc(const struct bucket_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "adj %d", c->adj);
}

KUNIT_ARRAY_PARAM(bucket, bucket_cases, bucket_case_desc);

static void slmk_test_bucket_edges(struct kunit *test)
{
	const struct bucket_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, slmk_adj_bucket(c->adj), c->bucket);
}

static void slmk_test_killable(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, slmk_adj_killable(-1000, -999));
	KUNIT_EXPECT_FALSE(test, slmk_adj_killable(-1000, -1000));
	KUNIT_EXPECT_TRUE(test, slmk_adj_killable(-999, -999));
	KUNIT_EXPECT_FALSE(test, slmk_adj_killable(-1, 0));
	KUNIT_EXPECT_TRUE(test, slmk_adj_killable(0, 0));
	KUNIT_EXPECT_FALSE(test, slmk_adj_killable(999, 1000));
	KUNIT_EXPECT_TRUE(test, slmk_adj_killable(1000, 1000));
}

/*
 * Direct reclaim starts a round at aggression or below; kswapd only
 * SLMK_KSWAPD_MARGIN (2) levels lower, and never for aggression below 2.
 */
static void slmk_test_priority_low(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, slmk_priority_low(3, 3, false));
	KUNIT_EXPECT_FALSE(test, slmk_priority_low(4, 3, false));
	KUNIT_EXPECT_TRUE(test, slmk_priority_low(0, 3, false));
	KUNIT_EXPECT_FALSE(test, slmk_priority_low(3, 3, true));
	KUNIT_EXPECT_FALSE(test, slmk_priority_low(2, 3, true));
	KUNIT_EXPECT_TRUE(test, slmk_priority_low(1, 3, true));
	KUNIT_EXPECT_TRUE(test, slmk_priority_low(12, 12, false));
	KUNIT_EXPECT_TRUE(test, slmk_priority_low(10, 12, true));
	KUNIT_EXPECT_FALSE(test, slmk_priority_low(11, 12, true));
	KUNIT_EXPECT_TRUE(test, slmk_priority_low(0, 0, false));
	KUNIT_EXPECT_FALSE(test, slmk_priority_low(0, 1, true));
	KUNIT_EXPECT_FALSE(test, slmk_priority_low(0, 0, true));
}

/*
 * n candidates from (adj, pages) pairs, or zeroed ones if @ap is NULL; the
 * pid is the index plus one.
 */
static struct slmk_cand *make_cands(struct kunit *test, const int (*ap)[2],
				    unsigned int n)
{
	struct slmk_cand *c = kunit_kcalloc(test, n ? n : 1, sizeof(*c),
					    GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, c);
	for (i = 0; i < n; i++) {
		if (ap) {
			c[i].adj = ap[i][0];
			c[i].pages = ap[i][1];
		}
		c[i].pid = i + 1;
	}
	return c;
}

static unsigned long *scratch(struct kunit *test)
{
	unsigned long *s = kunit_kcalloc(test, SLMK_SCRATCH_LONGS, sizeof(*s),
					 GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	return s;
}

/* Is the candidate with this pid chosen? */
static bool chosen_pid(const struct slmk_cand *c, unsigned int n, int pid)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (c[i].pid == pid)
			return c[i].chosen;
	return false;
}

static void slmk_test_select_empty(struct kunit *test)
{
	struct slmk_cand *c = make_cands(test, NULL, 0);

	KUNIT_EXPECT_EQ(test, slmk_select(c, 0, 100, 64, 0, scratch(test)), 0);
}

static void slmk_test_select_all_protected(struct kunit *test)
{
	static const int ap[][2] = {
		{ -1000, 500 }, { -1, 500 }, { -500, 900 }, { -999, 100 },
	};
	struct slmk_cand *c = make_cands(test, ap, ARRAY_SIZE(ap));
	unsigned int i;

	KUNIT_EXPECT_EQ(test, slmk_select(c, ARRAY_SIZE(ap), 100, 64, 0,
					  scratch(test)), 0);
	for (i = 0; i < ARRAY_SIZE(ap); i++)
		KUNIT_EXPECT_FALSE(test, c[i].chosen);
}

/* min_adj -999 lets negative adj in, but never -1000. */
static void slmk_test_select_min_adj(struct kunit *test)
{
	static const int ap[][2] = { { -1000, 500 }, { -999, 10 }, { -5, 20 } };
	struct slmk_cand *c = make_cands(test, ap, ARRAY_SIZE(ap));

	KUNIT_EXPECT_EQ(test, slmk_select(c, ARRAY_SIZE(ap), 1000, 64, -999,
					  scratch(test)), 2);
	KUNIT_EXPECT_FALSE(test, chosen_pid(c, ARRAY_SIZE(ap), 1));
	KUNIT_EXPECT_TRUE(test, chosen_pid(c, ARRAY_SIZE(ap), 2));
	KUNIT_EXPECT_TRUE(test, chosen_pid(c, ARRAY_SIZE(ap), 3));
}

/* Higher buckets alone meet the target: nothing from lower ones. */
static void slmk_test_select_bucket_order(struct kunit *test)
{
	static const int ap[][2] = {
		{ 900, 10 }, { 950, 20 }, { 0, 1000 }, { 900, 15 }, { 500, 999 },
	};
	struct slmk_cand *c = make_cands(test, ap, ARRAY_SIZE(ap));

	/* 950 alone (20) is short of 30; 950 + the larger 900 (15) meet it. */
	KUNIT_EXPECT_EQ(test, slmk_select(c, ARRAY_SIZE(ap), 30, 64, 0,
					  scratch(test)), 2);
	KUNIT_EXPECT_TRUE(test, chosen_pid(c, ARRAY_SIZE(ap), 2));
	KUNIT_EXPECT_TRUE(test, chosen_pid(c, ARRAY_SIZE(ap), 4));
	KUNIT_EXPECT_FALSE(test, chosen_pid(c, ARRAY_SIZE(ap), 1));
	KUNIT_EXPECT_FALSE(test, chosen_pid(c, ARRAY_SIZE(ap), 3));
	KUNIT_EXPECT_FALSE(test, chosen_pid(c, ARRAY_SIZE(ap), 5));
}

/* Once a lower bucket is needed, the fewest victims win over adj order. */
static void slmk_test_select_fewest(struct kunit *test)
{
	static const int ap[][2] = {
		{ 1000, 10 }, { 1000, 10 }, { 1000, 10 }, { 900, 100 },
	};
	struct slmk_cand *c = make_cands(test, ap, ARRAY_SIZE(ap));
	unsigned long *s = scratch(test);

	/* Bucket 1000 alone meets 25: three victims, all from it. */
	KUNIT_EXPECT_EQ(test, slmk_select(c, ARRAY_SIZE(ap), 25, 64, 0, s), 3);
	KUNIT_EXPECT_FALSE(test, chosen_pid(c, ARRAY_SIZE(ap), 4));

	/* 35 needs bucket 900 too; its one process alone is enough. */
	KUNIT_EXPECT_EQ(test, slmk_select(c, ARRAY_SIZE(ap), 35, 64, 0, s), 1);
	KUNIT_EXPECT_TRUE(test, chosen_pid(c, ARRAY_SIZE(ap), 4));

	/* 105: two victims, one of them from bucket 1000. */
	KUNIT_EXPECT_EQ(test, slmk_select(c, ARRAY_SIZE(ap), 105, 64, 0, s), 2);
	KUNIT_EXPECT_TRUE(test, chosen_pid(c, ARRAY_SIZE(ap), 4));
}

/*
 * The module's pass 1: pages of the killable candidates with memory in
 * each bucket.
 */
static void bucket_sums(const struct slmk_cand *c, unsigned int n,
			int min_adj, unsigned long *sums)
{
	unsigned int i, b;

	memset(sums, 0, SLMK_NR_BUCKETS * sizeof(*sums));
	for (i = 0; i < n; i++) {
		if (!c[i].pages || !slmk_adj_killable(c[i].adj, min_adj))
			continue;
		b = slmk_adj_bucket(c[i].adj);
		sums[b] = slmk_add_sat(sums[b], c[i].pages);
	}
}

/* A round aims at no more than the most expendable level holds. */
static void slmk_test_level_target(struct kunit *test)
{
	static const int ap[][2] = {
		{ 0, 210 }, { 900, 110 }, { 0, 2 }, { -1000, 500 }, { 950, 0 },
	};
	struct slmk_cand *c = make_cands(test, ap, ARRAY_SIZE(ap));
	unsigned long sums[SLMK_NR_BUCKETS];
	unsigned int level;

	/* The empty 950 frees nothing; level 900 holds 110 of the 128. */
	bucket_sums(c, 5, 0, sums);
	KUNIT_EXPECT_EQ(test, slmk_level_target(sums, 128, &level), 110UL);
	KUNIT_EXPECT_EQ(test, level, slmk_adj_bucket(900));
	/* It holds enough: the target stands. */
	KUNIT_EXPECT_EQ(test, slmk_level_target(sums, 100, &level), 100UL);
	/* min_adj 901: nothing killable holds memory: the target stands. */
	bucket_sums(c, 5, 901, sums);
	KUNIT_EXPECT_EQ(test, slmk_level_target(sums, 128, &level), 128UL);
	KUNIT_EXPECT_EQ(test, level, (unsigned int)SLMK_BUCKET_NONE);
	/* Only the 2-page adj-0 process left with memory: 2. */
	bucket_sums(c + 2, 3, 0, sums);
	KUNIT_EXPECT_EQ(test, slmk_level_target(sums, 128, &level), 2UL);
	KUNIT_EXPECT_EQ(test, level, slmk_adj_bucket(0));
	bucket_sums(c, 0, 0, sums);
	KUNIT_EXPECT_EQ(test, slmk_level_target(sums, 128, &level), 128UL);
	/* Sums saturate instead of wrapping. */
	c[0].adj = 900;
	c[0].pages = ULONG_MAX;
	bucket_sums(c, 5, 0, sums);
	KUNIT_EXPECT_EQ(test, slmk_level_target(sums, ULONG_MAX - 1, &level),
			ULONG_MAX - 1);
}

/*
 * With the level target, a round never reaches past a more expendable
 * process: the 110-page leaker at 900 is the round, not the 210-page
 * adj-0 process that alone would free 128.
 */
static void slmk_test_level_round(struct kunit *test)
{
	static const int ap[][2] = { { 0, 210 }, { 900, 110 }, { 0, 2 } };
	struct slmk_cand *c = make_cands(test, ap, ARRAY_SIZE(ap));
	unsigned long sums[SLMK_NR_BUCKETS], t;
	unsigned int level;

	bucket_sums(c, 3, 0, sums);
	t = slmk_level_target(sums, 128, &level);
	KUNIT_EXPECT_EQ(test, slmk_select(c, 3, t, 64, 0, scratch(test)), 1U);
	KUNIT_EXPECT_TRUE(test, chosen_pid(c, 3, 2));
	KUNIT_EXPECT_FALSE(test, chosen_pid(c, 3, 1));
}

/*
 * Keeping the k best of one bucket while scanning, then choosing among
 * them, chooses what choosing among the whole bucket does: 5000 candidates
 * of random sizes (many equal), k from 1 to 64, targets the k can meet
 * and targets they cannot.
 */
static void slmk_test_topk_same_choice(struct kunit *test)
{
	const unsigned int n = 5000;
	struct slmk_cand *all = make_cands(test, NULL, n);
	struct slmk_cand *heap = make_cands(test, NULL, SLMK_MAX_VICTIMS);
	unsigned long *s = scratch(test);
	unsigned int i, k, round, fewer = 0;
	u32 seed = 42;

	for (round = 0; round < 20; round++) {
		unsigned long target = 0, sum;
		unsigned int kept = 0, nr_all, nr_heap, left = 0;
		struct slmk_cand out;

		k = round < 4 ? round + 1 : 1 + (round * 7) % 64;
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245 + 12345;
			all[i].adj = 900 + (seed >> 8) % 50;
			all[i].pages = 1 + (seed >> 16) % 64;
			all[i].pid = i + 1;
			all[i].bucket = slmk_adj_bucket(all[i].adj);
			target += all[i].pages;
			if (slmk_topk_add(heap, &kept, k, &all[i], &out))
				left++;
		}
		KUNIT_EXPECT_EQ(test, kept, min(k, n));
		KUNIT_EXPECT_EQ(test, left, n - kept);
		/*
		 * Odd rounds: a target the kept ones can meet, so that the
		 * fewest of them are chosen; even rounds: one they cannot.
		 */
		for (i = 0, sum = 0; i < kept; i++)
			sum += heap[i].pages;
		seed = seed * 1103515245 + 12345;
		target = round % 2 ? 1 + (seed >> 8) % sum : target / 2;
		nr_all = slmk_select(all, n, target, k, 0, s);
		nr_heap = slmk_select(heap, kept, target, k, 0, s);
		KUNIT_ASSERT_EQ(test, nr_all, nr_heap);
		if (nr_all < k)
			fewer++;
		if (!(round % 2))
			KUNIT_EXPECT_EQ(test, nr_all, k);
		/* The same pids: both arrays are sorted best first now. */
		for (i = 0; i < kept; i++)
			KUNIT_EXPECT_EQ(test, all[i].chosen ? all[i].pid : 0,
					heap[i].chosen ? heap[i].pid : 0);
	}
	/* The fewest-victims choice was exercised, not only "take k". */
	KUNIT_EXPECT_GT(test, fewer, 0U);
}

/* Equal count: the most from the most expendable bucket, then the largest. */
static void slmk_test_select_tie_break(struct kunit *test)
{
	static const int ap[][2] = {
		{ 950, 50 }, { 950, 40 }, { 950, 60 }, { 800, 100 }, { 800, 45 },
	};
	struct slmk_cand *c = make_cands(test, ap, ARRAY_SIZE(ap));

	/*
	 * Bucket 950 holds 150 in all, short of 155, so bucket 800 is needed.
	 * Two victims are enough: 60 + 100, or 50 + 100, one from each
	 * bucket; the larger of the 950s wins.
	 */
	KUNIT_EXPECT_EQ(test, slmk_select(c, ARRAY_SIZE(ap), 155, 64, 0,
					  scratch(test)), 2);
	KUNIT_EXPECT_TRUE(test, chosen_pid(c, ARRAY_SIZE(ap), 3));
	KUNIT_EXPECT_TRUE(test, chosen_pid(c, ARRAY_SIZE(ap), 4));
}

static void slmk_test_select_exact_target(struct kunit *test)
{
	static const int ap[][2] = { { 900, 30 }, { 900, 70 }, { 0, 500 } };
	struct slmk_cand *c = make_cands(test, ap, ARRAY_SIZE(ap));

	KUNIT_EXPECT_EQ(test, slmk_select(c, ARRAY_SIZE(ap), 100, 64, 0,
					  scratch(test)), 2);
	KUNIT_EXPECT_FALSE(test, chosen_pid(c, ARRAY_SIZE(ap), 3));
}

static void slmk_test_select_equal_sizes(struct kunit *test)
{
	static const int ap[][2] = {
		{ 500, 10 }, { 500, 10 }, { 500, 10 }, { 500, 10 }, { 500, 10 },
	};
	struct slmk_cand *c = make_cands(test, ap, ARRAY_SIZE(ap));

	KUNIT_EXPECT_EQ(test, slmk_select(c, ARRAY_SIZE(ap), 21, 64, 0,
					  scratch(test)), 3);
	/* Deterministic: the lowest pids. */
	KUNIT_EXPECT_TRUE(test, chosen_pid(c, ARRAY_SIZE(ap), 1));
	KUNIT_EXPECT_TRUE(test, chosen_pid(c, ARRAY_SIZE(ap), 2));
	KUNIT_EXPECT_TRUE(test, chosen_pid(c, ARRAY_SIZE(ap), 3));
}

/* Unreachable target: every candidate, most expendable first, up to max. */
static void slmk_test_select_unreachable(struct kunit *test)
{
	static const int ap[][2] = {
		{ 0, 10 }, { 100, 5 }, { 900, 1 }, { -10, 99 }, { 900, 2 },
	};
	struct slmk_cand *c = make_cands(test, ap, ARRAY_SIZE(ap));
	unsigned long *s = scratch(test);

	KUNIT_EXPECT_EQ(test, slmk_select(c, ARRAY_SIZE(ap), 1000, 64, 0, s), 4);
	KUNIT_EXPECT_FALSE(test, chosen_pid(c, ARRAY_SIZE(ap), 4));

	KUNIT_EXPECT_EQ(test, slmk_select(c, ARRAY_SIZE(ap), 1000, 2, 0, s), 2);
	KUNIT_EXPECT_TRUE(test, chosen_pid(c, ARRAY_SIZE(ap), 3));
	KUNIT_EXPECT_TRUE(test, chosen_pid(c, ARRAY_SIZE(ap), 5));
}

/* Reachable, but not within max_victims: the most expendable max_victims. */
static void slmk_test_select_max_victims(struct kunit *test)
{
	static const int ap[][2] = {
		{ 950, 10 }, { 950, 10 }, { 950, 10 }, { 950, 10 }, { 0, 10 },
	};
	struct slmk_cand *c = make_cands(test, ap, ARRAY_SIZE(ap));

	KUNIT_EXPECT_EQ(test, slmk_select(c, ARRAY_SIZE(ap), 40, 3, 0,
					  scratch(test)), 3);
	KUNIT_EXPECT_FALSE(test, chosen_pid(c, ARRAY_SIZE(ap), 5));
}

static void slmk_test_select_overflow(struct kunit *test)
{
	struct slmk_cand *c = make_cands(test, NULL, 3);

	c[0].adj = 900;
	c[0].pages = ULONG_MAX / 2 + 1;
	c[1].adj = 900;
	c[1].pages = ULONG_MAX / 2 + 1;
	c[2].adj = 900;
	c[2].pages = ULONG_MAX;
	/* Sums saturate instead of wrapping to a small number. */
	KUNIT_EXPECT_EQ(test, slmk_select(c, 3, ULONG_MAX, 64, 0,
					  scratch(test)), 1);
	KUNIT_EXPECT_EQ(test, c[0].pages, ULONG_MAX);
	KUNIT_EXPECT_TRUE(test, c[0].chosen);
}

/* A deterministic PRNG, so that a failure can be reproduced. */
static u32 xorshift(u32 *state)
{
	u32 x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

/* The fewest victims an exhaustive search would pick, for huge counts. */
static unsigned int min_count(struct kunit *test, const struct slmk_cand *c,
			      unsigned int n, unsigned int last,
			      unsigned long target)
{
	unsigned long *sz = kunit_kcalloc(test, n, sizeof(*sz), GFP_KERNEL);
	unsigned int i, k = 0;
	unsigned long sum = 0;

	KUNIT_ASSERT_NOT_NULL(test, sz);
	for (i = 0; i < n; i++)
		if (c[i].bucket <= last)
			sz[k++] = c[i].pages;
	/* Largest first; a selection sort is fine for a test. */
	for (i = 0; i < k; i++) {
		unsigned int j, best = i;

		for (j = i + 1; j < k; j++)
			if (sz[j] > sz[best])
				best = j;
		swap(sz[i], sz[best]);
		sum += sz[i];
		if (sum >= target)
			return i + 1;
	}
	return UINT_MAX;
}

static void slmk_test_select_huge(struct kunit *test)
{
	const unsigned int n = 20000;
	struct slmk_cand *c = kunit_kcalloc(test, n, sizeof(*c), GFP_KERNEL);
	static const int adjs[] = { 1000, 950, 900, 800, 500, 200, 0, -100 };
	unsigned long bucket_sum[SLMK_NR_BUCKETS + 1] = { 0 };
	unsigned long target = 1000000, sum = 0, freed = 0;
	unsigned int i, nr, last, chosen = 0;
	u32 seed = 12345;

	KUNIT_ASSERT_NOT_NULL(test, c);
	for (i = 0; i < n; i++) {
		c[i].adj = adjs[xorshift(&seed) % ARRAY_SIZE(adjs)];
		/* Small most-expendable processes: bucket 950 is needed too. */
		c[i].pages = 1 + xorshift(&seed) % (c[i].adj == 1000 ? 200 : 20000);
		c[i].pid = i + 1;
	}
	nr = slmk_select(c, n, target, 1024, 0, scratch(test));

	for (i = 0; i < n; i++)
		bucket_sum[c[i].bucket] += c[i].pages;
	for (last = 0; last < SLMK_NR_BUCKETS; last++) {
		sum += bucket_sum[last];
		if (sum >= target)
			break;
	}
	KUNIT_ASSERT_LT(test, last, (unsigned int)SLMK_NR_BUCKETS);
	/* The target needs more than the most expendable bucket. */
	KUNIT_EXPECT_GT(test, last, 0U);

	for (i = 0; i < n; i++) {
		if (!c[i].chosen)
			continue;
		chosen++;
		freed += c[i].pages;
		KUNIT_EXPECT_LE(test, c[i].bucket, last);
	}
	KUNIT_EXPECT_EQ(test, chosen, nr);
	KUNIT_EXPECT_GE(test, freed, target);
	KUNIT_EXPECT_EQ(test, nr, min_count(test, c, n, last, target));
}

/* Ranking of a victim set, as slmk_select() documents it; lower is better. */
struct set_key {
	unsigned int count;
	unsigned int per_bucket[SLMK_NR_BUCKETS + 1];
	unsigned long sizes[16];	/* sorted by bucket, then size */
};

static int cand_order(const void *a, const void *b)
{
	const struct slmk_cand *x = *(const struct slmk_cand **)a;
	const struct slmk_cand *y = *(const struct slmk_cand **)b;

	if (x->bucket != y->bucket)
		return x->bucket < y->bucket ? -1 : 1;
	if (x->pages != y->pages)
		return x->pages > y->pages ? -1 : 1;
	return 0;
}

static void make_key(const struct slmk_cand *c, unsigned int n, u32 mask,
		     struct set_key *key)
{
	const struct slmk_cand *sel[16];
	unsigned int i, k = 0;

	memset(key, 0, sizeof(*key));
	for (i = 0; i < n; i++) {
		if (!(mask & BIT(i)))
			continue;
		sel[k++] = &c[i];
		key->per_bucket[c[i].bucket]++;
	}
	sort(sel, k, sizeof(sel[0]), cand_order, NULL);
	for (i = 0; i < k; i++)
		key->sizes[i] = sel[i]->pages;
	key->count = k;
}

static int key_cmp(const struct set_key *a, const struct set_key *b)
{
	unsigned int i;

	if (a->count != b->count)
		return a->count < b->count ? -1 : 1;
	for (i = 0; i <= SLMK_NR_BUCKETS; i++)
		if (a->per_bucket[i] != b->per_bucket[i])
			return a->per_bucket[i] > b->per_bucket[i] ? -1 : 1;
	for (i = 0; i < a->count; i++)
		if (a->sizes[i] != b->sizes[i])
			return a->sizes[i] > b->sizes[i] ? -1 : 1;
	return 0;
}

/* Exhaustive search over every subset, straight from the documented rules. */
static void brute_force(const struct slmk_cand *c, unsigned int n,
			unsigned long target, unsigned int max_victims,
			struct set_key *best)
{
	unsigned long bucket_sum[SLMK_NR_BUCKETS] = { 0 }, sum = 0;
	unsigned int i, last, eligible = 0, want;
	bool found = false;
	struct set_key key;
	u32 mask;

	for (i = 0; i < n; i++) {
		if (c[i].bucket == SLMK_BUCKET_NONE)
			continue;
		bucket_sum[c[i].bucket] += c[i].pages;
		eligible++;
	}
	for (last = 0; last < SLMK_NR_BUCKETS; last++) {
		sum += bucket_sum[last];
		if (sum >= target)
			break;
	}

	for (mask = 0; mask < BIT(n); mask++) {
		bool ok = hweight32(mask) <= max_victims;

		sum = 0;
		for (i = 0; i < n && ok; i++) {
			if (!(mask & BIT(i)))
				continue;
			ok = c[i].bucket <= last &&
			     c[i].bucket != SLMK_BUCKET_NONE;
			sum += c[i].pages;
		}
		if (!ok || sum < target)
			continue;
		make_key(c, n, mask, &key);
		if (!found || key_cmp(&key, best) < 0)
			*best = key;
		found = true;
	}
	if (found)
		return;

	/* Not reachable: the best set of as many as allowed. */
	want = min(eligible, max_victims);
	for (mask = 0; mask < BIT(n); mask++) {
		bool ok = hweight32(mask) == want;

		for (i = 0; i < n && ok; i++)
			if (mask & BIT(i))
				ok = c[i].bucket != SLMK_BUCKET_NONE;
		if (!ok)
			continue;
		make_key(c, n, mask, &key);
		if (!found || key_cmp(&key, best) < 0)
			*best = key;
		found = true;
	}
}

static void slmk_test_select_vs_brute_force(struct kunit *test)
{
	static const int adjs[] = { 1000, 950, 900, 500, 200, 0, -500, -1000 };
	static const int min_adjs[] = { 0, -900, 500 };
	struct slmk_cand *c = make_cands(test, NULL, 10);
	unsigned long *s = scratch(test);
	struct set_key got, want;
	u32 seed = 42;
	unsigned int iter, i;

	for (iter = 0; iter < 400; iter++) {
		unsigned int n = 1 + xorshift(&seed) % 10;
		unsigned int max_victims = 1 + xorshift(&seed) % 6;
		int min_adj = min_adjs[xorshift(&seed) % ARRAY_SIZE(min_adjs)];
		unsigned long target = 1 + xorshift(&seed) % 400;
		unsigned int nr;
		u32 mask = 0;

		for (i = 0; i < n; i++) {
			c[i].adj = adjs[xorshift(&seed) % ARRAY_SIZE(adjs)];
			c[i].pages = 1 + xorshift(&seed) % 100;
			c[i].pid = i + 1;
		}
		nr = slmk_select(c, n, target, max_victims, min_adj, s);
		for (i = 0; i < n; i++)
			if (c[i].chosen)
				mask |= BIT(i);
		KUNIT_ASSERT_EQ(test, hweight32(mask), nr);
		make_key(c, n, mask, &got);
		brute_force(c, n, target, max_victims, &want);
		KUNIT_ASSERT_EQ_MSG(test, key_cmp(&got, &want), 0,
				    "iteration %u: n %u target %lu max %u min_adj %d",
				    iter, n, target, max_victims, min_adj);
	}
}

static void slmk_test_target_arithmetic(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, slmk_mb_to_pages(1, 12), 256UL);
	KUNIT_EXPECT_EQ(test, slmk_mb_to_pages(128, 14), 8192UL);
	KUNIT_EXPECT_EQ(test, slmk_mb_to_pages(128, 16), 2048UL);
	KUNIT_EXPECT_EQ(test, slmk_mb_to_pages(UINT_MAX, 12),
			(unsigned long)UINT_MAX > (ULONG_MAX >> 8) ?
			ULONG_MAX : (unsigned long)UINT_MAX << 8);
	KUNIT_EXPECT_EQ(test, slmk_pages_to_kb(3, 12), 12UL);
	KUNIT_EXPECT_EQ(test, slmk_pages_to_kb(ULONG_MAX, 12), ULONG_MAX);
	KUNIT_EXPECT_EQ(test, slmk_pages_to_kb(ULONG_MAX >> 2, 12),
			(ULONG_MAX >> 2) << 2);
	KUNIT_EXPECT_EQ(test, slmk_pages_to_kb((ULONG_MAX >> 2) + 1, 12),
			ULONG_MAX);
	KUNIT_EXPECT_EQ(test, slmk_add_sat(ULONG_MAX, 1), ULONG_MAX);
	KUNIT_EXPECT_EQ(test, slmk_add_sat(ULONG_MAX - 1, 1), ULONG_MAX);
	KUNIT_EXPECT_EQ(test, slmk_add_sat(2, 3), 5UL);
	/* Half of RAM, never below 1 MiB. */
	KUNIT_EXPECT_EQ(test, slmk_max_target_mb(262144, 12), 512U);
	KUNIT_EXPECT_EQ(test, slmk_max_target_mb(100, 12), 1U);
	KUNIT_EXPECT_EQ(test, slmk_max_target_mb(0, 12), 1U);
}

/*
 * The same arithmetic with 16 KiB pages (arm64 16K kernels, Android 15+)
 * and 64 KiB pages: conversions, their overflow bounds, and the target's
 * maximum.
 */
static void slmk_test_page_sizes(struct kunit *test)
{
	/* 16 KiB: 64 pages a MiB, 16 KiB a page. */
	KUNIT_EXPECT_EQ(test, slmk_mb_to_pages(1, 14), 64UL);
	KUNIT_EXPECT_EQ(test, slmk_pages_to_kb(3, 14), 48UL);
	KUNIT_EXPECT_EQ(test, slmk_pages_to_kb(ULONG_MAX >> 4, 14),
			(ULONG_MAX >> 4) << 4);
	KUNIT_EXPECT_EQ(test, slmk_pages_to_kb((ULONG_MAX >> 4) + 1, 14),
			ULONG_MAX);
	/* 512 MiB of 16 KiB pages: half is 256 MiB. */
	KUNIT_EXPECT_EQ(test, slmk_max_target_mb(32768, 14), 256U);
	KUNIT_EXPECT_EQ(test, slmk_max_target_mb(63, 14), 1U);
	KUNIT_EXPECT_EQ(test, slmk_max_target_mb(128, 14), 1U);
	/* 64 KiB: 16 pages a MiB, 64 KiB a page. */
	KUNIT_EXPECT_EQ(test, slmk_mb_to_pages(1, 16), 16UL);
	KUNIT_EXPECT_EQ(test, slmk_pages_to_kb(3, 16), 192UL);
	KUNIT_EXPECT_EQ(test, slmk_pages_to_kb((ULONG_MAX >> 6) + 1, 16),
			ULONG_MAX);
	KUNIT_EXPECT_EQ(test, slmk_max_target_mb(8192, 16), 256U);
	/* Round trip: a target in MiB and back in kB, at each size. */
	KUNIT_EXPECT_EQ(test, slmk_pages_to_kb(slmk_mb_to_pages(128, 12), 12),
			131072UL);
	KUNIT_EXPECT_EQ(test, slmk_pages_to_kb(slmk_mb_to_pages(128, 14), 14),
			131072UL);
	KUNIT_EXPECT_EQ(test, slmk_pages_to_kb(slmk_mb_to_pages(128, 16), 16),
			131072UL);
}

static void slmk_test_zones_short(struct kunit *test)
{
	struct slmk_zone z[3] = {
		{ .free = 100, .high = 200, .reserve = 0 },
		{ .free = 5000, .high = 200, .reserve = 10000 },
		{ .free = 150, .high = 100, .reserve = 60 },
	};

	/* Each zone at or below its line: short. */
	KUNIT_EXPECT_TRUE(test, slmk_zones_short(z, 3, false));
	/* One zone above it is enough for kswapd to stop. */
	z[2].free = 161;
	KUNIT_EXPECT_FALSE(test, slmk_zones_short(z, 3, false));
	z[2].free = 160;
	KUNIT_EXPECT_TRUE(test, slmk_zones_short(z, 3, false));
	/* A reserve that would overflow saturates. */
	z[1].reserve = ULONG_MAX;
	KUNIT_EXPECT_TRUE(test, slmk_zones_short(z, 3, false));
	/*
	 * A boost is not a shortage: 32 MiB of 16 KiB pages (2048) on top of
	 * a 100-page high watermark; 161 free pages are above the rest.
	 */
	z[2].free = 161;
	z[2].high = 100 + 2048;
	z[2].boost = 2048;
	KUNIT_EXPECT_FALSE(test, slmk_zones_short(z, 3, false));
	z[2].free = 160;
	KUNIT_EXPECT_TRUE(test, slmk_zones_short(z, 3, false));
	/* The OOM path's view: allocations check the boosted watermarks. */
	z[2].free = 161;
	KUNIT_EXPECT_TRUE(test, slmk_zones_short(z, 3, true));
	z[2].free = 100 + 2048 + 60;
	KUNIT_EXPECT_TRUE(test, slmk_zones_short(z, 3, true));
	z[2].free++;
	KUNIT_EXPECT_FALSE(test, slmk_zones_short(z, 3, true));
	/* A boost larger than the watermark (a racy read) leaves 0. */
	z[2].high = 100;
	z[2].boost = 2048;
	z[2].free = 60;
	KUNIT_EXPECT_TRUE(test, slmk_zones_short(z, 3, false));
	z[2].free = 61;
	KUNIT_EXPECT_FALSE(test, slmk_zones_short(z, 3, false));
	/*
	 * Free CMA pages and the high-order atomic reserve do not count:
	 * 61 free pages of which 1 unusable are not above 60.
	 */
	z[2].unusable = 1;
	KUNIT_EXPECT_TRUE(test, slmk_zones_short(z, 3, false));
	/* More unusable than free (a racy read) leaves 0. */
	z[2].unusable = 1000;
	KUNIT_EXPECT_TRUE(test, slmk_zones_short(z, 3, false));
	z[2].unusable = 0;
	KUNIT_EXPECT_FALSE(test, slmk_zones_short(z, 3, false));
}

/*
 * Writing to a slow disk: 10-13% of the file pages dirty or under writeback
 * (the debug kernel's t-writeback, 150 MiB of page cache); a shortage of
 * anonymous memory: next to none, or a little in what is left of the page
 * cache. The floor is reclaim_target_mb's default, 128 MiB.
 */
static void slmk_test_waits_for_disk(struct kunit *test)
{
	const unsigned long floor = 32768;	/* 128 MiB, in 4 KiB pages */

	/* 18 MiB of 150 MiB, in 4 KiB pages. */
	KUNIT_EXPECT_TRUE(test, slmk_waits_for_disk(4608, 38400, floor));
	KUNIT_EXPECT_TRUE(test, slmk_waits_for_disk(2400, 38400, floor));
	KUNIT_EXPECT_FALSE(test, slmk_waits_for_disk(2399, 38400, floor));
	KUNIT_EXPECT_FALSE(test, slmk_waits_for_disk(10, 38400, floor));
	/* Half of the floor of page cache at least. */
	KUNIT_EXPECT_TRUE(test, slmk_waits_for_disk(1024, 16384, floor));
	KUNIT_EXPECT_FALSE(test, slmk_waits_for_disk(1024, 16383, floor));
	/* 8 MiB of page cache left, 1 MiB of it dirty: a real shortage. */
	KUNIT_EXPECT_FALSE(test, slmk_waits_for_disk(256, 2048, floor));
	/* No page cache left: nothing waits for the disk. */
	KUNIT_EXPECT_FALSE(test, slmk_waits_for_disk(0, 0, 0));
	KUNIT_EXPECT_FALSE(test, slmk_waits_for_disk(0, 15, 0));
	KUNIT_EXPECT_TRUE(test, slmk_waits_for_disk(1, 15, 0));
}

/*
 * The stall does not count while the inactive page cache holds what a
 * round would free: streaming reads on a slow CPU stall in reclaim that
 * succeeds. With less than that left, the stall is memory running out.
 */
static void slmk_test_cache_droppable(struct kunit *test)
{
	/* 128 MiB: 32768 pages of 4 KiB, 8192 of 16 KiB. */
	KUNIT_EXPECT_TRUE(test, slmk_cache_droppable(51200, 32768));
	KUNIT_EXPECT_TRUE(test, slmk_cache_droppable(32768, 32768));
	KUNIT_EXPECT_FALSE(test, slmk_cache_droppable(32767, 32768));
	KUNIT_EXPECT_TRUE(test, slmk_cache_droppable(8192, 8192));
	/* zram swap, page cache squeezed out: the stall counts. */
	KUNIT_EXPECT_FALSE(test, slmk_cache_droppable(1500, 8192));
	KUNIT_EXPECT_FALSE(test, slmk_cache_droppable(0, 1));
}

#define MS	1000000ULL	/* ns */
#define W	SLMK_STALL_WINDOW_NS

/* One task stalls 300 ms within a window: all of it counts. */
static void slmk_test_stall_one_task(struct kunit *test)
{
	struct slmk_stall s;

	slmk_stall_init(&s, 0);
	slmk_stall_enter(&s, 100 * MS);
	KUNIT_EXPECT_EQ(test, slmk_stall_recent(&s, 250 * MS), 150 * MS);
	slmk_stall_leave(&s, 400 * MS);
	KUNIT_EXPECT_EQ(test, s.nr, 0U);
	KUNIT_EXPECT_EQ(test, slmk_stall_recent(&s, 900 * MS), 300 * MS);
	KUNIT_EXPECT_EQ(test, s.total, 300 * MS);
}

/* Tasks that stall together count once, like PSI's "some". */
static void slmk_test_stall_overlap(struct kunit *test)
{
	struct slmk_stall s;

	slmk_stall_init(&s, 0);
	slmk_stall_enter(&s, 100 * MS);
	slmk_stall_enter(&s, 200 * MS);
	slmk_stall_leave(&s, 300 * MS);
	slmk_stall_leave(&s, 500 * MS);
	KUNIT_EXPECT_EQ(test, slmk_stall_recent(&s, 600 * MS), 400 * MS);
	KUNIT_EXPECT_EQ(test, s.total, 400 * MS);
}

/* The previous window counts for the part the last second still covers. */
static void slmk_test_stall_windows(struct kunit *test)
{
	struct slmk_stall s;

	slmk_stall_init(&s, 0);
	/* 800 ms stalled at the end of window 0. */
	slmk_stall_enter(&s, 200 * MS);
	slmk_stall_leave(&s, W);
	/* A quarter into window 1: three quarters of 800 ms. */
	KUNIT_EXPECT_EQ(test, slmk_stall_recent(&s, W + 250 * MS), 600 * MS);
	/* Recent is a read: it changes nothing. */
	KUNIT_EXPECT_EQ(test, s.last, W);
	/* A stall across the boundary is split between the windows. */
	slmk_stall_enter(&s, 2 * W - 100 * MS);
	slmk_stall_leave(&s, 2 * W + 100 * MS);
	KUNIT_EXPECT_EQ(test, s.prev, 100 * MS);
	KUNIT_EXPECT_EQ(test, s.cur, 100 * MS);
	KUNIT_EXPECT_EQ(test, s.total, 1000 * MS);
}

/* Whole windows with no event: stalled throughout, or not at all. */
static void slmk_test_stall_idle_windows(struct kunit *test)
{
	struct slmk_stall s;

	slmk_stall_init(&s, 0);
	slmk_stall_enter(&s, 500 * MS);
	/* Stuck in reclaim for five windows: the last second was all stall. */
	KUNIT_EXPECT_EQ(test, slmk_stall_recent(&s, 5 * W + 300 * MS), W);
	slmk_stall_leave(&s, 5 * W + 300 * MS);
	KUNIT_EXPECT_EQ(test, s.total, 4 * W + 800 * MS);
	/* Quiet for three windows: nothing recent. */
	KUNIT_EXPECT_EQ(test, slmk_stall_recent(&s, 9 * W), 0ULL);
	KUNIT_EXPECT_EQ(test, s.total, 4 * W + 800 * MS);
}

/* Forgetting keeps the total and the tasks in reclaim; time backwards is ignored. */
static void slmk_test_stall_forget(struct kunit *test)
{
	struct slmk_stall s;

	slmk_stall_init(&s, 0);
	slmk_stall_enter(&s, 0);
	slmk_stall_forget(&s, 700 * MS);
	KUNIT_EXPECT_EQ(test, slmk_stall_recent(&s, 700 * MS), 0ULL);
	KUNIT_EXPECT_EQ(test, slmk_stall_recent(&s, 900 * MS), 200 * MS);
	KUNIT_EXPECT_EQ(test, s.nr, 1U);
	KUNIT_EXPECT_EQ(test, s.total, 700 * MS);
	slmk_stall_leave(&s, 600 * MS);
	KUNIT_EXPECT_EQ(test, s.last, 700 * MS);
	/* A leave with no enter (a task in reclaim at load) is ignored. */
	slmk_stall_leave(&s, 800 * MS);
	KUNIT_EXPECT_EQ(test, s.nr, 0U);
}

/* Rates are measured from here: no sample may be taken at time 0. */
#define T0	(10000 * MS)

/* Sampled every 100 ms: the rate spans 0.5 to 1 s up to now. */
static void slmk_test_rate_steady(struct kunit *test)
{
	struct slmk_rate r;
	u64 t;

	slmk_rate_reset(&r, T0, 1000);
	/* 1000 pages a second; too soon for a rate before 500 ms. */
	for (t = 100 * MS; t <= 3000 * MS; t += 100 * MS) {
		unsigned long val = 1000 + t / MS;

		slmk_rate_sample(&r, T0 + t, val);
		KUNIT_EXPECT_EQ(test, slmk_rate_per_sec(&r, T0 + t, val),
				t >= 500 * MS ? 1000UL : 0UL);
		KUNIT_EXPECT_LT(test, T0 + t - r.at[1], SLMK_RATE_MIN_NS);
		if (t >= 500 * MS) {
			KUNIT_EXPECT_GE(test, T0 + t - r.at[0],
					SLMK_RATE_MIN_NS);
			KUNIT_EXPECT_LT(test, T0 + t - r.at[0],
					2 * SLMK_RATE_MIN_NS);
		}
	}
}

/* A burst that stopped a second ago no longer counts. */
static void slmk_test_rate_recent_only(struct kunit *test)
{
	struct slmk_rate r;
	u64 t;

	slmk_rate_reset(&r, T0, 0);
	for (t = 100 * MS; t <= 2000 * MS; t += 100 * MS)
		slmk_rate_sample(&r, T0 + t,
				 t <= 1000 * MS ? t / MS * 50 : 50000);
	KUNIT_EXPECT_EQ(test, slmk_rate_per_sec(&r, T0 + 2000 * MS, 50000),
			0UL);
	KUNIT_EXPECT_EQ(test, r.val[0], 50000UL);
}

/* Stale samples give no rate; a sample then starts a new measurement. */
static void slmk_test_rate_stale(struct kunit *test)
{
	const u64 later = T0 + 2 * SLMK_RATE_MAX_NS;
	struct slmk_rate r;

	slmk_rate_reset(&r, T0, 0);
	KUNIT_EXPECT_EQ(test, slmk_rate_per_sec(&r, later, 1000000), 0UL);
	slmk_rate_sample(&r, later, 1000000);
	KUNIT_EXPECT_EQ(test,
			slmk_rate_per_sec(&r, later + 400 * MS, 1000400), 0UL);
	KUNIT_EXPECT_EQ(test,
			slmk_rate_per_sec(&r, later + 800 * MS, 1000800),
			1000UL);
	/* Time going backwards gives no rate. */
	KUNIT_EXPECT_EQ(test, slmk_rate_per_sec(&r, T0 - MS, 5000), 0UL);
}

/* The counter may wrap; reset forgets what came before. */
static void slmk_test_rate_wrap_reset(struct kunit *test)
{
	struct slmk_rate r;

	slmk_rate_reset(&r, T0, ULONG_MAX - 99);
	KUNIT_EXPECT_EQ(test, slmk_rate_per_sec(&r, T0 + 1000 * MS, 400),
			500UL);
	slmk_rate_sample(&r, T0 + 1000 * MS, 400);
	slmk_rate_reset(&r, T0 + 1100 * MS, 100000);
	KUNIT_EXPECT_EQ(test, slmk_rate_per_sec(&r, T0 + 1400 * MS, 200000),
			0UL);
	KUNIT_EXPECT_EQ(test, slmk_rate_per_sec(&r, T0 + 1600 * MS, 100500),
			1000UL);
}

/* At or above the percentage of the LRU; 0 is off; large sizes. */
static void slmk_test_thrashing(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, slmk_thrashing(200, 1000, 20));
	KUNIT_EXPECT_FALSE(test, slmk_thrashing(199, 1000, 20));
	KUNIT_EXPECT_FALSE(test, slmk_thrashing(1000000, 1000, 0));
	KUNIT_EXPECT_TRUE(test, slmk_thrashing(10000, 1000, 1000));
	KUNIT_EXPECT_FALSE(test, slmk_thrashing(9999, 1000, 1000));
	KUNIT_EXPECT_FALSE(test, slmk_thrashing(0, 0, 20));
	KUNIT_EXPECT_TRUE(test, slmk_thrashing(1UL << 29, 1UL << 31, 25));
	KUNIT_EXPECT_FALSE(test, slmk_thrashing(1UL << 29, 1UL << 31, 26));
}

#define MS	1000000ULL

/* A victim just killed is waited for; its memory is on its way back. */
static void slmk_test_progress_fresh(struct kunit *test)
{
	struct slmk_progress p;

	slmk_progress_init(&p, 1000, 5000 * MS);
	KUNIT_EXPECT_TRUE(test, slmk_progress_pending(&p, 5000 * MS));
	KUNIT_EXPECT_TRUE(test, slmk_progress_pending(&p, 5499 * MS));
	/* A victim that frees nothing for 500 ms is stuck. */
	KUNIT_EXPECT_FALSE(test, slmk_progress_pending(&p, 5500 * MS));
}

/* Memory that shrinks keeps a victim pending; memory that stays does not. */
static void slmk_test_progress_shrinking(struct kunit *test)
{
	struct slmk_progress p;

	slmk_progress_init(&p, 1000, 0);
	slmk_progress_update(&p, 1000, 400 * MS);	/* swapped out: no change */
	KUNIT_EXPECT_EQ(test, p.progress_at, 0ULL);
	slmk_progress_update(&p, 900, 450 * MS);
	KUNIT_EXPECT_EQ(test, p.left, 900UL);
	KUNIT_EXPECT_TRUE(test, slmk_progress_pending(&p, 900 * MS));
	KUNIT_EXPECT_FALSE(test, slmk_progress_pending(&p, 950 * MS));
	/* Growth (a new mapping cannot happen after a kill) is not progress. */
	slmk_progress_update(&p, 950, 940 * MS);
	KUNIT_EXPECT_EQ(test, p.left, 900UL);
	KUNIT_EXPECT_FALSE(test, slmk_progress_pending(&p, 950 * MS));
}

/* Even a victim that keeps freeing is waited for 3 s at most. */
static void slmk_test_progress_cap(struct kunit *test)
{
	struct slmk_progress p;
	u64 t;

	slmk_progress_init(&p, 100000, 0);
	for (t = 100 * MS; t < 3000 * MS; t += 100 * MS) {
		slmk_progress_update(&p, 100000 - t / MS, t);
		KUNIT_EXPECT_TRUE(test, slmk_progress_pending(&p, t));
	}
	slmk_progress_update(&p, 10, 3000 * MS);
	KUNIT_EXPECT_FALSE(test, slmk_progress_pending(&p, 3000 * MS));
}

/* Released is never pending; a clock that goes back changes nothing. */
static void slmk_test_progress_released(struct kunit *test)
{
	struct slmk_progress p;

	slmk_progress_init(&p, 10, 1000 * MS);
	KUNIT_EXPECT_TRUE(test, slmk_progress_pending(&p, 900 * MS));
	slmk_progress_update(&p, 5, 900 * MS);
	KUNIT_EXPECT_EQ(test, p.progress_at, 1000 * MS);
	p.released = true;
	KUNIT_EXPECT_FALSE(test, slmk_progress_pending(&p, 1000 * MS));
}

struct parse_case {
	const char *val;
	long long min, max;
	int ret;
	long long res;
};

static const struct parse_case parse_cases[] = {
	{ "5", 1, 10, 0, 5 },
	{ "5\n", 1, 10, 0, 5 },
	{ "1", 1, 10, 0, 1 },
	{ "10", 1, 10, 0, 10 },
	{ "0", 1, 10, -EINVAL, 0 },
	{ "11", 1, 10, -EINVAL, 0 },
	{ "-1", 0, 12, -EINVAL, 0 },
	{ "-999", -999, 1000, 0, -999 },
	{ "-1000", -999, 1000, -EINVAL, 0 },
	{ "1001", -999, 1000, -EINVAL, 0 },
	{ "0x10", 1, 100, 0, 16 },
	{ "abc", 1, 10, -EINVAL, 0 },
	{ "", 1, 10, -EINVAL, 0 },
	{ "5 apples", 1, 10, -EINVAL, 0 },
	{ "99999999999999999999999", 1, 10, -EINVAL, 0 },
	{ NULL, 1, 10, -EINVAL, 0 },
};

static void parse_case_desc(const struct parse_case *c, char *desc)
{
	char val[32];

	/* Keep the description on one line of KTAP. */
	strscpy(val, c->val ? c->val : "(null)", sizeof(val));
	strreplace(val, '\n', '~');
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "'%s' in %lld..%lld", val,
		 c->min, c->max);
}

KUNIT_ARRAY_PARAM(parse, parse_cases, parse_case_desc);

static void slmk_test_parse_range(struct kunit *test)
{
	const struct parse_case *c = test->param_value;
	const char *why = NULL;
	long long res = 777;
	int ret;

	ret = slmk_parse_range(c->val, c->min, c->max, &res, &why);
	KUNIT_EXPECT_EQ(test, ret, c->ret);
	if (c->ret) {
		KUNIT_EXPECT_EQ(test, res, 777LL);	/* untouched */
		KUNIT_EXPECT_NOT_NULL(test, why);
	} else {
		KUNIT_EXPECT_EQ(test, res, c->res);
	}
}

static struct kunit_case slmk_test_cases[] = {
	KUNIT_CASE_PARAM(slmk_test_bucket_edges, bucket_gen_params),
	KUNIT_CASE(slmk_test_killable),
	KUNIT_CASE(slmk_test_priority_low),
	KUNIT_CASE(slmk_test_select_empty),
	KUNIT_CASE(slmk_test_select_all_protected),
	KUNIT_CASE(slmk_test_select_min_adj),
	KUNIT_CASE(slmk_test_select_bucket_order),
	KUNIT_CASE(slmk_test_select_fewest),
	KUNIT_CASE(slmk_test_select_tie_break),
	KUNIT_CASE(slmk_test_select_exact_target),
	KUNIT_CASE(slmk_test_select_equal_sizes),
	KUNIT_CASE(slmk_test_select_unreachable),
	KUNIT_CASE(slmk_test_select_max_victims),
	KUNIT_CASE(slmk_test_select_overflow),
	KUNIT_CASE(slmk_test_select_huge),
	KUNIT_CASE(slmk_test_select_vs_brute_force),
	KUNIT_CASE(slmk_test_target_arithmetic),
	KUNIT_CASE(slmk_test_page_sizes),
	KUNIT_CASE(slmk_test_zones_short),
	KUNIT_CASE(slmk_test_waits_for_disk),
	KUNIT_CASE(slmk_test_cache_droppable),
	KUNIT_CASE(slmk_test_level_target),
	KUNIT_CASE(slmk_test_level_round),
	KUNIT_CASE(slmk_test_topk_same_choice),
	KUNIT_CASE(slmk_test_stall_one_task),
	KUNIT_CASE(slmk_test_stall_overlap),
	KUNIT_CASE(slmk_test_stall_windows),
	KUNIT_CASE(slmk_test_stall_idle_windows),
	KUNIT_CASE(slmk_test_stall_forget),
	KUNIT_CASE(slmk_test_rate_steady),
	KUNIT_CASE(slmk_test_rate_recent_only),
	KUNIT_CASE(slmk_test_rate_stale),
	KUNIT_CASE(slmk_test_rate_wrap_reset),
	KUNIT_CASE(slmk_test_thrashing),
	KUNIT_CASE(slmk_test_progress_fresh),
	KUNIT_CASE(slmk_test_progress_shrinking),
	KUNIT_CASE(slmk_test_progress_cap),
	KUNIT_CASE(slmk_test_progress_released),
	KUNIT_CASE_PARAM(slmk_test_parse_range, parse_gen_params),
	{}
};

static struct kunit_suite slmk_test_suite = {
	.name = "simple_lmk",
	.test_cases = slmk_test_cases,
};

kunit_test_suite(slmk_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for Simple LMK");
SLMK_IMPORT_KUNIT_NS();
