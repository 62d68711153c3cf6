#ifndef FOLLOWUP_CSYSTEMCALLS_H
#define FOLLOWUP_CSYSTEMCALLS_H

/// Starts writing `length` bytes at `offset` of the open file `descriptor` back to disk and
/// returns without waiting for them: Linux's sync_file_range(2) with SYNC_FILE_RANGE_WRITE,
/// which <fcntl.h> declares only for _GNU_SOURCE, so Swift's Glibc module does not show it.
/// Returns 0, or -1 with errno set; elsewhere it does nothing and returns 0.
int followup_start_writeback(int descriptor, long long offset, long long length);

#endif
