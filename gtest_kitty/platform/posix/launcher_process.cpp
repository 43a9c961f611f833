#include "platform/launcher_process.h"

#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace kitty::internal {

std::vector<std::string> utf8_arguments(int argc, char** argv) {
  return std::vector<std::string>(argv, argv + argc);
}

void catch_stop_requests(void (*handler)(int)) {
  for (const int signal_number : {SIGTERM, SIGINT, SIGHUP, SIGQUIT}) {
    signal(signal_number, handler);
  }
}

bool die_with_parent(ProcessId parent) {
#ifdef __linux__
  prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
  return getppid() == parent;
}

bool replaces_process() { return true; }

int become_program(char* const* program) {
  execvp(program[0], program);
  std::fprintf(stderr, "gtest_kitty: cannot run %s: %s\n", program[0], std::strerror(errno));
  return 127;
}

int end_like(const ProcessStatus& status) {
  if (status.kind == ProcessStatus::Kind::kSignalled) {
    const struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    signal(status.signal, SIG_DFL);
    raise(status.signal);
  }
  return launcher_exit_code(status);
}

int launcher_exit_code(const ProcessStatus& status) {
  if (status.kind != ProcessStatus::Kind::kExited) return 1;
  return static_cast<int>(status.code);
}

}  // namespace kitty::internal
