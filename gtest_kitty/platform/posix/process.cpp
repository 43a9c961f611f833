#include "platform/process.h"

#include <unistd.h>
#ifdef __APPLE__
#include <mach-o/dyld.h>
#endif

#include <cstdlib>

#include "common/small_file.h"

namespace kitty::internal {

ProcessId current_process_id() { return getpid(); }

ProcessId parent_process_id() { return getppid(); }

// Linux: the 22nd field of /proc/<pid>/stat, in clock ticks since boot, plus
// the boot time of /proc/stat. Elsewhere (macOS, the BSDs: no /proc) false,
// and the run id falls back to the parent's pid alone.
bool process_start_time(ProcessId pid, std::time_t& start) {
  std::string stat;
  read_small_file("/proc/" + std::to_string(pid) + "/stat", stat, std::string::npos);
  // The command name (field 2) may hold spaces: count fields after its ')'.
  const std::string::size_type name_end = stat.rfind(')');
  if (name_end == std::string::npos) return false;
  const char* field = stat.c_str() + name_end + 1;
  for (int number = 3; number <= 22; ++number) {
    while (*field == ' ') ++field;
    if (*field == '\0') return false;
    if (number == 22) break;
    while (*field != ' ' && *field != '\0') ++field;
  }
  const unsigned long long start_ticks = std::strtoull(field, nullptr, 10);
  // /proc/stat grows with the number of CPUs and interrupts: read whole.
  std::string system;
  read_small_file("/proc/stat", system, std::string::npos);
  const std::string::size_type btime = system.find("\nbtime ");
  if (btime == std::string::npos) return false;
  const unsigned long long boot_time = std::strtoull(system.c_str() + btime + 7, nullptr, 10);
  const long ticks = sysconf(_SC_CLK_TCK);
  if (boot_time == 0 || ticks <= 0) return false;
  start =
      static_cast<std::time_t>(boot_time + start_ticks / static_cast<unsigned long long>(ticks));
  return true;
}

// Linux's /proc; elsewhere unknown.
std::string process_name(ProcessId pid) {
  return first_line_of("/proc/" + std::to_string(pid) + "/comm");
}

// Linux's /proc, macOS's loader; elsewhere unknown (a direct run then keeps
// its homes in the temporary directory).
std::string executable_path() {
  char path[4096];
#ifdef __APPLE__
  uint32_t capacity = sizeof path;
  return _NSGetExecutablePath(path, &capacity) == 0 ? std::string(path) : std::string();
#else
  const ssize_t size = readlink("/proc/self/exe", path, sizeof path);
  if (size <= 0 || static_cast<size_t>(size) >= sizeof path) return {};
  return std::string(path, static_cast<size_t>(size));
#endif
}

std::string user_key() { return std::to_string(geteuid()); }

std::tm local_time(std::time_t when) {
  std::tm parts{};
  localtime_r(&when, &parts);
  return parts;
}

}  // namespace kitty::internal
