// Whole-file advisory locks that the system releases when their holder dies
// however it dies: what worker leases, port blocks and a run's marker are
// built on. flock(2) on POSIX; LockFileEx on Windows, on a byte far past any
// content so that a lock never blocks a reader.
#pragma once

#include <string>

namespace kitty::internal {

enum class LockKind { kShared, kExclusive };

// Opens (creating it, owner-only, when missing) the file `path` for
// locking: never through a symbolic link, never inherited by a child.
// -1 with errno set when it cannot.
int open_lock_file(const std::string& path);

// Opens an existing file for locking (never creates it, never through a
// symbolic link); -1 with errno set when it cannot.
int open_existing_lock_file(const std::string& path);

// Takes the lock, waiting for it.
bool lock_file(int fd, LockKind kind);
// Takes the lock when nobody holds a conflicting one; false at once otherwise.
bool try_lock_file(int fd, LockKind kind);

// True when the file open as `fd` no longer has a name (it was removed while
// this process waited for its lock).
bool file_was_removed(int fd);

// Exclusive locks on byte ranges of one file: a port block is the range
// [first port, last port] of a shared file. POSIX record locks belong to the
// process: closing any descriptor of the file drops them all, so a process
// keeps one. try_lock_range is false at once (errno EAGAIN or EACCES) when
// another process holds part of the range; lock_range waits.
bool try_lock_range(int fd, long long first, long long length);
bool lock_range(int fd, long long first, long long length);
// Who holds a lock conflicting with the range: false when nobody does (or
// the system does not tell); `pid` is 0 when the holder is unknown.
struct RangeHolder {
  long long pid = 0;
  long long first = 0;
  long long last = 0;
};
bool range_holder(int fd, long long first, long long length, RangeHolder& holder);

// Closes a descriptor of open_lock_file, releasing its locks.
void close_lock_file(int fd);

// Lets a child this process execs inherit `fd` (the lease passes to it).
void keep_across_exec(int fd);

}  // namespace kitty::internal
