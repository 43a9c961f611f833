// Who traces (debugs) this process, for the launcher's debugging decision
// (launcher/debugger.h). POSIX: platform/posix/tracer.cpp (Linux's
// /proc/self/status; elsewhere nothing is known); Windows:
// platform/windows/tracer.cpp (IsDebuggerPresent).
#pragma once

#include <string>

namespace kitty::internal {

struct Tracer {
  long long pid = 0;      // 0 when not traced, or not known
  std::string name;       // its program's name ("gdb", "strace"); may be empty
  bool debugger = false;  // known to be a debugger whatever its name (Windows)
};

// The tracer of this process; a Tracer{} when none or unknown.
Tracer tracer_of_self();

}  // namespace kitty::internal
