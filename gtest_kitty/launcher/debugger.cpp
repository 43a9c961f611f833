#include "launcher/debugger.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "common/settings.h"
#include "platform/tracer.h"

namespace kitty::internal {

bool is_debugger(const std::string& tracer) {
  std::string name = tracer;
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  // gdb, gdbserver, gdb-multiarch; lldb, lldb-server, CLion's LLDBFrontend.
  // comm is cut to 15 characters, so a prefix is what can be relied on.
  return name.rfind("gdb", 0) == 0 || name.rfind("lldb", 0) == 0;
}

DebugDecision debug_decision(std::string& error) {
  DebugDecision decision;
  const char* value = read_setting(kDebugVariable);
  const std::string setting = value != nullptr ? value : "";
  if (setting == "1") {
    decision.in_place = true;
    decision.why = std::string(kDebugVariable) + "=1";
    return decision;
  }
  if (setting == "0") return decision;
  if (!setting.empty()) {
    error = std::string(kDebugVariable) + " must be 0, 1 or unset, not '" + setting + "'";
    return decision;
  }
  const Tracer tracer = tracer_of_self();
  if (tracer.debugger || is_debugger(tracer.name)) {
    decision.in_place = true;
    decision.why = "traced by " + tracer.name +
                   (tracer.pid > 0 ? " (pid " + std::to_string(tracer.pid) + ")" : "");
  }
  return decision;
}

}  // namespace kitty::internal
