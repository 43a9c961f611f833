#include "platform/tracer.h"

#include <windows.h>

namespace kitty::internal {

// Windows tells whether a debugger is attached, not which: a tracer that is
// no debugger (strace's kin) does not attach as one.
Tracer tracer_of_self() {
  Tracer tracer;
  BOOL remote = FALSE;
  if (IsDebuggerPresent() || (CheckRemoteDebuggerPresent(GetCurrentProcess(), &remote) && remote)) {
    tracer.name = "a debugger";
    tracer.debugger = true;
  }
  return tracer;
}

}  // namespace kitty::internal
