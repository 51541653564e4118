// glibc's allocator statistics and trimming (mallinfo2, malloc_trim), which Swift's Glibc module leaves out.
#include <malloc.h>
