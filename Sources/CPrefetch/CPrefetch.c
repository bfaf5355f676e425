/* The prefetch hints are static inline functions in include/CPrefetch.h;
   SwiftPM needs one source file to build the target. */
#include "CPrefetch.h"

#include <stdint.h>
#include <sys/mman.h>

void streamlab_advise_huge_pages(void *address, long bytes) {
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t start = ((uintptr_t)address + huge - 1) & ~(huge - 1);
    uintptr_t end = ((uintptr_t)address + (uintptr_t)bytes) & ~(huge - 1);
    if (end > start) (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
}
