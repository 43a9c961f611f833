// Debugging a test through its launcher: whether the launcher runs the test
// binary in its own process (exec, no supervisor) instead of starting it
// under the supervisor. A debugger that starts or attaches to the launcher
// (gdb --args <the registered command>, an IDE's "debug test") follows an
// exec, but not the launcher's forks: in place, it lands in the test, with
// the isolation already in effect.
//
// In place when KITTY_DEBUG=1, or when KITTY_DEBUG is unset and a debugger
// traces the launcher (gdb, gdbserver, lldb, lldb-server). A tracer that is
// not a debugger (strace, ltrace, rr) keeps the normal path: its users want
// to see the process tree as ctest runs it. KITTY_DEBUG=0: never in place.
// The tracer comes from platform/tracer.h; on Windows any attached debugger
// counts, and "in place" means a plain child (Windows has no exec).
#pragma once

#include <string>

namespace kitty::internal {

inline constexpr const char* kDebugVariable = "KITTY_DEBUG";

struct DebugDecision {
  bool in_place = false;
  std::string why;  // "KITTY_DEBUG=1", "traced by gdb (pid 4242)"; empty when not in place
};

// Decided from KITTY_DEBUG and this process's tracer; `error` is set (one
// line) when KITTY_DEBUG is neither unset, empty, 0 nor 1.
DebugDecision debug_decision(std::string& error);

// Whether a tracer of that name is a debugger (not strace, ltrace, rr...).
bool is_debugger(const std::string& tracer);

}  // namespace kitty::internal
