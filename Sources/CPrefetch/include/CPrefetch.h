#ifndef STREAMLAB_CPREFETCH_H
#define STREAMLAB_CPREFETCH_H

/* Cache prefetch hints, which Swift has no spelling for. A hint never
   changes what a program computes: it only asks the CPU to start loading a
   cache line that the caller will read or write soon, so that a random
   access into a table larger than the cache (a key map or an output array
   with 10^5-10^6 entries) overlaps other work instead of stalling it
   (issue 14, "State that scales with keys"; Benchmarks/RESULTS.md). */

static inline void streamlab_prefetch_read(const void *address) { __builtin_prefetch(address, 0, 3); }
static inline void streamlab_prefetch_write(const void *address) { __builtin_prefetch(address, 1, 3); }

/* The same for `bytes` bytes from `address` (at most 128, so at most two
   64-byte lines, the first and the last byte's): a value that may straddle
   a line boundary, or the first two lines of a block. */
static inline void streamlab_prefetch_read_span(const void *address, long bytes) {
    __builtin_prefetch(address, 0, 3);
    __builtin_prefetch((const char *)address + bytes - 1, 0, 3);
}
static inline void streamlab_prefetch_write_span(const void *address, long bytes) {
    __builtin_prefetch(address, 1, 3);
    __builtin_prefetch((const char *)address + bytes - 1, 1, 3);
}

/* Asks the kernel to back the 2 MiB-aligned part of [address, address +
   bytes) with transparent huge pages when it is first touched. Only an
   advice: where THP is off, nothing changes. */
void streamlab_advise_huge_pages(void *address, long bytes);

#endif
