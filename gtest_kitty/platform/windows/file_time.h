// FILETIME (100 ns ticks since 1601-01-01) to the Unix epoch, for the times
// kitty compares with POSIX ones: a process's start (the run id), a file's
// last write (retention). Windows only.
#pragma once

#include <windows.h>

namespace kitty::internal {

// Nanoseconds since 1970-01-01 (negative before it).
inline long long unix_ns_of(const FILETIME& time) {
  constexpr long long kTicksFrom1601To1970 = 116444736000000000LL;
  const unsigned long long ticks =
      (static_cast<unsigned long long>(time.dwHighDateTime) << 32) | time.dwLowDateTime;
  return (static_cast<long long>(ticks) - kTicksFrom1601To1970) * 100LL;
}

}  // namespace kitty::internal
