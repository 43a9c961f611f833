#include "platform/launcher_process.h"

#include <windows.h>

#include <shellapi.h>  // after windows.h, which it needs

#include <cstdio>
#include <string>

#include "common/signal_name.h"
#include "launcher/supervisor.h"
#include "platform/windows/wide_text.h"

namespace kitty::internal {
namespace {

// The console's Ctrl-C and Ctrl-Break go to the test as well: the launcher
// stays to see it end. A console closed, a logoff, a shutdown: the launcher
// ends, and its job with it.
BOOL WINAPI wait_for_the_test(DWORD event) {
  return event == CTRL_C_EVENT || event == CTRL_BREAK_EVENT ? TRUE : FALSE;
}

}  // namespace

std::vector<std::string> utf8_arguments(int argc, char** argv) {
  int count = 0;
  wchar_t** wide = CommandLineToArgvW(GetCommandLineW(), &count);
  if (wide == nullptr) return std::vector<std::string>(argv, argv + argc);
  std::vector<std::string> arguments;
  for (int i = 0; i < count; ++i) arguments.push_back(utf8_of_wide(wide[i]));
  LocalFree(wide);
  return arguments;
}

void catch_stop_requests(void (*)(int)) { SetConsoleCtrlHandler(wait_for_the_test, TRUE); }

// Windows tells a process nothing when its parent ends, and a parent id may
// be reused: nothing to check. ctest's TIMEOUT ends the launcher, and the job
// ends the test.
bool die_with_parent(ProcessId) { return true; }

bool replaces_process() { return false; }

int become_program(char* const* program) {
  SupervisorPlan plan;
  plan.program = program;
  std::string error;
  const SupervisionHandle supervision = start_supervised(plan, error);
  if (!supervision) {
    std::fprintf(stderr, "gtest_kitty: %s\n", error.c_str());
    return 127;
  }
  const ProcessStatus status = wait_supervised(*supervision).status;
  if (status.is_crash()) {
    std::fprintf(stderr, "gtest_kitty: the test process died of %s\n", death_text(status).c_str());
  }
  return launcher_exit_code(status);
}

int end_like(const ProcessStatus& status) { return launcher_exit_code(status); }

int launcher_exit_code(const ProcessStatus& status) {
  switch (status.kind) {
    case ProcessStatus::Kind::kException:
      return static_cast<int>(code_surviving_8_bits(status.exception));
    case ProcessStatus::Kind::kExited:
      return static_cast<int>(code_surviving_8_bits(static_cast<std::uint32_t>(status.code)));
    case ProcessStatus::Kind::kSignalled:
      break;
  }
  return 1;
}

}  // namespace kitty::internal
