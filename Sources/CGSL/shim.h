#ifndef STREAMLAB_CGSL_SHIM_H
#define STREAMLAB_CGSL_SHIM_H

#include <stdint.h>
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

/* Truncation toward zero of a double the caller has checked to lie strictly
   inside +-2^62, where the C conversion is defined and exact (one cvttsd2si on
   x86-64). Swift's Int64(Double) tests both ends of Int64's range first; the
   simulator's rounding (SimKernel/Time.swift) has already tested tighter
   bounds, so those tests were pure cost on its per-event path. */
static inline int64_t cgsl_truncate_in_range(double x) { return (int64_t)x; }

/* A scripted generator for reading GSL's ziggurat tables back out of GSL
   (SimKernel/Ziggurat.swift): the tables in randist/gausszig.c are static,
   so StreamLab probes gsl_ran_gaussian_ziggurat instead of copying them.
   Its range is 0..0xFFFFFFFF, so the ziggurat takes its 32-bit branch and
   splits one gsl_rng_get output into the strip and the position. The state
   holds the scripted first output of gsl_rng_get (later calls return 0xFF:
   strip 127, position 0, sign +, which ends any loop) and counts every call
   to get and get_double, so a caller sees whether the draw left the fast
   path. get_double always returns 0, which makes a wedge test accept the
   x it was given (y is then the strip's lower edge) and the tail return R. */
typedef struct {
  unsigned long first;
  unsigned long calls;
} cgsl_probe_state;

static inline unsigned long cgsl_probe_get(void *vstate) {
  cgsl_probe_state *state = (cgsl_probe_state *)vstate;
  unsigned long next = state->calls == 0 ? state->first : 0xFFUL;
  state->calls += 1;
  return next;
}

static inline double cgsl_probe_get_double(void *vstate) {
  ((cgsl_probe_state *)vstate)->calls += 1;
  return 0.0;
}

static inline void cgsl_probe_set(void *vstate, unsigned long seed) {
  (void)vstate;
  (void)seed;
}

/* gsl_ran_gaussian_ziggurat with sigma 1 on a generator whose first output
   is `output`; *calls receives how many outputs (get and get_double) it
   consumed: 1 exactly when the draw took the fast path. */
static inline double cgsl_ziggurat_probe(unsigned long output, unsigned long *calls) {
  const gsl_rng_type type = {
    "streamlab-ziggurat-probe", 0xFFFFFFFFUL, 0, sizeof(cgsl_probe_state),
    cgsl_probe_set, cgsl_probe_get, cgsl_probe_get_double
  };
  cgsl_probe_state state = { output, 0 };
  gsl_rng rng = { &type, &state };
  double x = gsl_ran_gaussian_ziggurat(&rng, 1.0);
  *calls = state.calls;
  return x;
}

#endif
