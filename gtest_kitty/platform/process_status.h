// How a process ended, in a shape every system fills: it exited with a code,
// it died of a signal (POSIX), or it ended by an exception (Windows: the
// NTSTATUS of an unhandled exception, 0xC0000005, is its exit code). The
// POSIX side makes one from a wait status (platform/posix/supervisor.cpp),
// the Windows side from GetExitCodeProcess (platform/windows/supervisor.cpp).
#pragma once

#include <cstdint>

namespace kitty::internal {

struct ProcessStatus {
  enum class Kind : int { kExited, kSignalled, kException };
  Kind kind = Kind::kExited;
  long long code = 0;           // kExited: 0-255 on POSIX, Windows' 32-bit exit code
  int signal = 0;               // kSignalled: the signal's number
  std::uint32_t exception = 0;  // kException: the NTSTATUS, 0xC0000005

  static ProcessStatus exited(long long exit_code) {
    ProcessStatus status;
    status.code = exit_code;
    return status;
  }
  static ProcessStatus signalled(int signal_number) {
    ProcessStatus status;
    status.kind = Kind::kSignalled;
    status.signal = signal_number;
    return status;
  }
  static ProcessStatus ended_by_exception(std::uint32_t ntstatus) {
    ProcessStatus status;
    status.kind = Kind::kException;
    status.exception = ntstatus;
    return status;
  }

  bool is_exit() const { return kind == Kind::kExited; }
  // It did not end by itself: a signal or an exception (a crash, or a kill).
  bool is_crash() const { return kind != Kind::kExited; }
};

// A non-zero exit code as it must leave a process that a POSIX parent may
// read through wine, which passes on only the low 8 bits: one whose low
// byte is 0 (0xC0000100, an exit(256)) gets 0xFF there, so that a failure
// never arrives as 0. Any other code is left as it is.
inline std::uint32_t code_surviving_8_bits(std::uint32_t code) {
  return code != 0 && (code & 0xFFu) == 0 ? code | 0xFFu : code;
}

}  // namespace kitty::internal
