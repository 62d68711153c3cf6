#define _GNU_SOURCE
#include "CSystemCalls.h"

#if defined(__linux__)
#include <fcntl.h>
#endif

int followup_start_writeback(int descriptor, long long offset, long long length) {
#if defined(__linux__)
    return sync_file_range(descriptor, offset, length, SYNC_FILE_RANGE_WRITE);
#else
    (void)descriptor;
    (void)offset;
    (void)length;
    return 0;
#endif
}
