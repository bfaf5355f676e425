#ifndef STREAMLAB_CGSL_SHIM_H
#define STREAMLAB_CGSL_SHIM_H

#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

/* GSL exposes its generator types as C globals; Swift 6 strict concurrency
   rejects references to mutable globals, so each one is returned from an
   accessor instead (see ../shared/DESIGN.md, "GSL under Swift 6"). */
static inline const gsl_rng_type *cgsl_rng_taus2(void) { return gsl_rng_taus2; }
static inline const gsl_rng_type *cgsl_rng_gfsr4(void) { return gsl_rng_gfsr4; }
static inline const gsl_rng_type *cgsl_rng_mt19937(void) { return gsl_rng_mt19937; }

/* GSL's default error handler calls abort(). StreamLab validates parameters
   before calling GSL, so a GSL error is a programmer error; we still turn the
   handler off once so that a bad call returns NaN instead of killing a
   grader or a sweep, and the Swift side checks with preconditions. */
static inline void cgsl_disable_abort_on_error(void) { gsl_set_error_handler_off(); }

/* A prefetch hint for a cache line about to be written (locality: keep in
   all levels). Swift has no prefetch intrinsic; the generator uses this to
   fetch a timing-wheel bucket one event ahead of the insertion. */
static inline void cgsl_prefetch_for_write(const void *address) { __builtin_prefetch(address, 1, 3); }

#endif
