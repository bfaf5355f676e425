/// GSL's `taus2` generator (L'Ecuyer's maximally equidistributed combined
/// Tausworthe generator, with GSL's corrected seeding) stepped in Swift, on
/// the very state words that `gsl_rng_alloc` allocated and `gsl_rng_set`
/// seeded.
///
/// Why: a uniform draw through GSL goes through two indirect calls
/// (`gsl_rng_uniform` → `type->get_double` → `taus_get`), about 60
/// instructions, for a 15-instruction recurrence; on the reference workload
/// the calls alone were a tenth of the time per event (callgrind). Stepping
/// the same state inline gives the same numbers, bit for bit, and GSL calls
/// made on the same `gsl_rng` (the ziggurat Gaussian, gamma, …) stay in
/// step with it because they advance the same three words.
/// `Taus2Tests` pins every inline draw against `gsl_rng_get`,
/// `gsl_rng_uniform`, `gsl_rng_uniform_int`, `gsl_ran_flat` and
/// `gsl_ran_exponential` on interleaved sequences.
///
/// GSL stores the words as `unsigned long` (64-bit on Linux) holding 32-bit
/// values; each component is a 32-bit linear feedback shift register, so
/// the step is done in `UInt32`, where the C code's `& 0xffffffff` masks are
/// implied by the width.
@usableFromInline
enum Taus2 {
    /// The next 32-bit output; advances the three state words in place.
    @inlinable @inline(__always)
    static func next(_ state: UnsafeMutablePointer<UInt>) -> UInt32 {
        let s1 = UInt32(truncatingIfNeeded: state[0])
        let s2 = UInt32(truncatingIfNeeded: state[1])
        let s3 = UInt32(truncatingIfNeeded: state[2])
        let t1 = ((s1 & 0xffff_fffe) << 12) ^ (((s1 << 13) ^ s1) >> 19)
        let t2 = ((s2 & 0xffff_fff8) << 4) ^ (((s2 << 2) ^ s2) >> 25)
        let t3 = ((s3 & 0xffff_fff0) << 17) ^ (((s3 << 3) ^ s3) >> 11)
        state[0] = UInt(t1)
        state[1] = UInt(t2)
        state[2] = UInt(t3)
        return t1 ^ t2 ^ t3
    }
}
