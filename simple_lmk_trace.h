/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Simple LMK trace events: system "simple_lmk" in tracefs, perf, trace-cmd
 * and bpftrace. Documentation/admin-guide/simple_lmk.rst describes every
 * field, with its unit.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM simple_lmk

#if !defined(_SIMPLE_LMK_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _SIMPLE_LMK_TRACE_H

#include <linux/sched.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

#include "simple_lmk.h"

TRACE_DEFINE_ENUM(SLMK_TRIGGER_PRIORITY);
TRACE_DEFINE_ENUM(SLMK_TRIGGER_STALL);
TRACE_DEFINE_ENUM(SLMK_TRIGGER_OOM);
TRACE_DEFINE_ENUM(SLMK_TRIGGER_THRASH);

TRACE_DEFINE_ENUM(SLMK_END_NONE);
TRACE_DEFINE_ENUM(SLMK_END_DONE);
TRACE_DEFINE_ENUM(SLMK_END_TIMEOUT);
TRACE_DEFINE_ENUM(SLMK_END_GAVE_UP);
TRACE_DEFINE_ENUM(SLMK_END_UNLOAD);
TRACE_DEFINE_ENUM(SLMK_END_EMPTY);
TRACE_DEFINE_ENUM(SLMK_END_DRY_RUN);

#define slmk_show_trigger(t)						\
	__print_symbolic(t,						\
			 { SLMK_TRIGGER_PRIORITY, "priority" },		\
			 { SLMK_TRIGGER_STALL, "stall" },		\
			 { SLMK_TRIGGER_OOM, "oom" },			\
			 { SLMK_TRIGGER_THRASH, "thrash" })

#define slmk_show_end(e)						\
	__print_symbolic(e,						\
			 { SLMK_END_DONE, "done" },			\
			 { SLMK_END_TIMEOUT, "timeout" },		\
			 { SLMK_END_GAVE_UP, "gave_up" },		\
			 { SLMK_END_UNLOAD, "unload" },			\
			 { SLMK_END_EMPTY, "empty" },			\
			 { SLMK_END_DRY_RUN, "dry_run" })

/*
 * A round has chosen its victims: what started it, the reclaim priority
 * that did (-1 if none did) and whether kswapd's, the direct-reclaim stall
 * over the last second (ms), the pages refaulted per second lately in
 * percent of the pages reclaim can evict (%), the memory it aims to free (kB), and its wait
 * from the trigger to the end of the scan (us).
 */
TRACE_EVENT(simple_lmk_round_start,
	    TP_PROTO(u64 round, unsigned int trigger, int priority,
		     bool kswapd, unsigned int stall_ms,
		     unsigned int refault_pct, unsigned long target_kb,
		     int min_adj, u64 delay_us),
	    TP_ARGS(round, trigger, priority, kswapd, stall_ms, refault_pct,
		    target_kb, min_adj, delay_us),
	    TP_STRUCT__entry(__field(u64, round)
			     __field(unsigned int, trigger)
			     __field(int, priority)
			     __field(bool, kswapd)
			     __field(unsigned int, stall_ms)
			     __field(unsigned int, refault_pct)
			     __field(unsigned long, target_kb)
			     __field(int, min_adj)
			     __field(u64, delay_us)),
	    TP_fast_assign(__entry->round = round;
			   __entry->trigger = trigger;
			   __entry->priority = priority;
			   __entry->kswapd = kswapd;
			   __entry->stall_ms = stall_ms;
			   __entry->refault_pct = refault_pct;
			   __entry->target_kb = target_kb;
			   __entry->min_adj = min_adj;
			   __entry->delay_us = delay_us;),
	    TP_printk("round=%llu trigger=%s priority=%d kswapd=%d stall_ms=%u refault_pct=%u target_kb=%lu min_adj=%d delay_us=%llu",
		      __entry->round, slmk_show_trigger(__entry->trigger),
		      __entry->priority, __entry->kswapd, __entry->stall_ms,
		      __entry->refault_pct, __entry->target_kb,
		      __entry->min_adj, __entry->delay_us)
);

/*
 * A process killed: a victim (shares_with 0, size its resident memory,
 * swap and page tables, kB) or a process sharing a victim's memory
 * (shares_with that victim's pid, size 0: the victim's size counts it).
 */
TRACE_EVENT(simple_lmk_kill,
	    TP_PROTO(u64 round, pid_t pid, const char *comm, uid_t uid,
		     int adj, unsigned long size_kb, pid_t shares_with),
	    TP_ARGS(round, pid, comm, uid, adj, size_kb, shares_with),
	    TP_STRUCT__entry(__field(u64, round)
			     __field(pid_t, pid)
			     __array(char, comm, TASK_COMM_LEN)
			     __field(uid_t, uid)
			     __field(int, adj)
			     __field(unsigned long, size_kb)
			     __field(pid_t, shares_with)),
	    TP_fast_assign(__entry->round = round;
			   __entry->pid = pid;
			   strscpy(__entry->comm, comm, TASK_COMM_LEN);
			   __entry->uid = uid;
			   __entry->adj = adj;
			   __entry->size_kb = size_kb;
			   __entry->shares_with = shares_with;),
	    TP_printk("round=%llu pid=%d comm=%s uid=%u adj=%d size_kb=%lu shares_with=%d",
		      __entry->round, __entry->pid, __entry->comm, __entry->uid,
		      __entry->adj, __entry->size_kb, __entry->shares_with)
);

/*
 * A round has ended: how, its victims (chosen ones, for a dry run), the
 * memory they held when killed (kB), those not yet released, and the time
 * from the trigger to the end (us; for "done", to the last release).
 */
TRACE_EVENT(simple_lmk_round_end,
	    TP_PROTO(u64 round, unsigned int end, unsigned int victims,
		     unsigned long kb, unsigned int alive, u64 us),
	    TP_ARGS(round, end, victims, kb, alive, us),
	    TP_STRUCT__entry(__field(u64, round)
			     __field(unsigned int, end)
			     __field(unsigned int, victims)
			     __field(unsigned long, kb)
			     __field(unsigned int, alive)
			     __field(u64, us)),
	    TP_fast_assign(__entry->round = round;
			   __entry->end = end;
			   __entry->victims = victims;
			   __entry->kb = kb;
			   __entry->alive = alive;
			   __entry->us = us;),
	    TP_printk("round=%llu end=%s timed_out=%d victims=%u kb=%lu alive=%u us=%llu",
		      __entry->round, slmk_show_end(__entry->end),
		      __entry->end == SLMK_END_TIMEOUT ||
		      __entry->end == SLMK_END_GAVE_UP, __entry->victims,
		      __entry->kb, __entry->alive, __entry->us)
);

#endif /* _SIMPLE_LMK_TRACE_H */

/* This part must be outside the multi-read guard. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE simple_lmk_trace
#include <trace/define_trace.h>
