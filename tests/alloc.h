/*
** alloc.h: the test programs' counting allocator (alloc.c), which every
** allocation of the program and of the libraries it loads goes through.
*/
#ifndef PRECIS_TEST_ALLOC_H
#define PRECIS_TEST_ALLOC_H

#include <stddef.h>

/* Starts counting allocations from 0 and fails the nth from now (1 = the
** next one) and only it; 0 fails none. */
void t_alloc_fail(unsigned long n);
/* allocations since t_alloc_fail */
unsigned long t_alloc_count(void);
/* bytes in use now (what was allocated here and not yet freed) */
long long t_alloc_live(void);
/* Has the failure happened? *caller (may be NULL) gets the code address
** that asked for the failed allocation. */
int t_alloc_failed(void **caller);
/* Peak bytes in use: t_alloc_peak_reset sets the peak to the bytes in use
** now and returns them; t_alloc_peak reads it. Exact without sanitizers;
** under ASan, memory the runtime hands out on its own (its strdup) is not
** seen. */
long long t_alloc_peak_reset(void);
long long t_alloc_peak(void);

#endif
