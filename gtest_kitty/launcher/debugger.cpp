#include "launcher/debugger.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include "common/settings.h"

namespace kitty::internal {

std::string tracer_name(int& tracer_pid) {
  tracer_pid = 0;
#ifdef __linux__
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("TracerPid:", 0) == 0) {
      tracer_pid = std::atoi(line.c_str() + 10);
      break;
    }
  }
  if (tracer_pid <= 0) return "";
  std::ifstream comm("/proc/" + std::to_string(tracer_pid) + "/comm");
  std::string name;
  std::getline(comm, name);
  return name;
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
