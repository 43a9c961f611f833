#include "launcher/debugger.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "common/settings.h"
#include "common/small_file.h"

namespace kitty::internal {

std::string tracer_name(int& tracer_pid) {
  tracer_pid = 0;
#ifdef __linux__
  std::string status;
  read_small_file("/proc/self/status", status);
  const std::string::size_type at = status.find("\nTracerPid:");
  if (at != std::string::npos) tracer_pid = std::atoi(status.c_str() + at + 11);
  if (tracer_pid <= 0) return "";
  return first_line_of("/proc/" + std::to_string(tracer_pid) + "/comm");
#else
  return "";
#endif
}

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
  int tracer_pid = 0;
  const std::string tracer = tracer_name(tracer_pid);
  if (is_debugger(tracer)) {
    decision.in_place = true;
    decision.why = "traced by " + tracer + " (pid " + std::to_string(tracer_pid) + ")";
  }
  return decision;
}

}  // namespace kitty::internal
