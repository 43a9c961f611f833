#include "platform/tracer.h"

#include <cstdlib>

#include "common/small_file.h"

namespace kitty::internal {

Tracer tracer_of_self() {
  Tracer tracer;
#ifdef __linux__
  std::string status;
  read_small_file("/proc/self/status", status);
  const std::string::size_type at = status.find("\nTracerPid:");
  if (at != std::string::npos) tracer.pid = std::atoll(status.c_str() + at + 11);
  if (tracer.pid <= 0) return Tracer{};
  tracer.name = first_line_of("/proc/" + std::to_string(tracer.pid) + "/comm");
#endif
  return tracer;
}

}  // namespace kitty::internal
