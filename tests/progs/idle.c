// SPDX-License-Identifier: GPL-2.0
/*
 * idle - the smallest process there is, for the scale measurement: no C
 * library, one page of stack, waiting in ppoll() until a signal kills it.
 * Built with -nostdlib; x86-64 and arm64.
 */
#include <asm/unistd.h>

void _start(void);

void _start(void)
{
	for (;;) {
#if defined(__x86_64__)
		register long r10 asm("r10") = 0;

		asm volatile("syscall"
			     : : "a"(__NR_ppoll), "D"(0), "S"(0), "d"(0),
				 "r"(r10)
			     : "rcx", "r11", "memory");
#elif defined(__aarch64__)
		register long x8 asm("x8") = __NR_ppoll;
		register long x0 asm("x0") = 0;
		register long x1 asm("x1") = 0;
		register long x2 asm("x2") = 0;
		register long x3 asm("x3") = 0;

		asm volatile("svc #0"
			     : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3)
			     : "memory");
#else
#error "idle: no system call sequence for this architecture"
#endif
	}
}
