/* The prefetch hints are static inline functions in include/CPrefetch.h;
   SwiftPM needs one source file to build the target. */
#include "CPrefetch.h"
