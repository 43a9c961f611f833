// gtest-kitty-launch: what ctest runs for every kitty test. It makes the
// process's isolated directories, starts the test binary with the per-user
// variables already pointing into them (so the binary's static initialisers,
// and those of every shared library it loads, see the isolated values),
// waits for it, and applies retention: the directories of a passing process
// are removed, those of a failing or killed one kept and named.
//
//   gtest-kitty-launch [--base DIR] [--name UNIT] -- PROGRAM [ARGS...]
//
// Why a separate process and not the binary itself: nothing inside the
// binary runs before the initialisers of the shared libraries it links.
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <gtest_kitty/kitty.h>

#include "isolation.h"
#include "retention.h"

namespace {

using kitty::internal::IsolationResult;

pid_t g_child = -1;

void forward_signal(int signal_number) {
  if (g_child > 0) kill(g_child, signal_number);
}

int usage_error(const std::string& message) {
  std::fprintf(stderr,
               "gtest_kitty: %s\nusage: gtest-kitty-launch [--base DIR] [--name UNIT] -- PROGRAM "
               "[ARGS...]\n",
               message.c_str());
  return kitty::kExitUsage;
}

struct Arguments {
  std::string base = "kitty-homes";
  std::string name;
  std::vector<char*> program;  // null-terminated
};

bool parse(int argc, char** argv, Arguments& arguments, std::string& error) {
  int i = 1;
  for (; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") {
      ++i;
      break;
    }
    if ((arg == "--base" || arg == "--name") && i + 1 < argc) {
      (arg == "--base" ? arguments.base : arguments.name) = argv[++i];
    } else {
      error = "unknown launcher argument '" + arg + "'";
      return false;
    }
  }
  if (i >= argc) {
    error = "no program to launch after --";
    return false;
  }
  arguments.program.assign(argv + i, argv + argc);
  arguments.program.push_back(nullptr);
  return true;
}

[[noreturn]] void exec_program(const Arguments& arguments) {
  execvp(arguments.program[0], arguments.program.data());
  std::fprintf(stderr, "gtest_kitty: cannot run %s: %s\n", arguments.program[0],
               std::strerror(errno));
  _exit(127);
}

// Starts the test binary with the isolated variables and returns its pid.
pid_t start_child(const Arguments& arguments, const kitty::internal::Isolation& isolation,
                  long long launched_us) {
  const pid_t pid = fork();
  if (pid != 0) return pid;
#ifdef __linux__
  // If ctest kills the launcher (a timeout), the test must not live on.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() == 1) _exit(128 + SIGKILL);
#endif
  kitty::internal::set_variables(isolation.variables);
  setenv(kitty::internal::kIsolationPid, std::to_string(getpid()).c_str(), 1);
  setenv(kitty::internal::kIsolationRunId, isolation.run_id.c_str(), 1);
  setenv(kitty::internal::kIsolationWorker, std::to_string(isolation.worker_index).c_str(), 1);
  setenv(kitty::internal::kIsolationDir, isolation.process_dir.c_str(), 1);
  // The run record's start of this process: the launcher's own start.
  setenv(kitty::internal::kLaunchedVariable, std::to_string(launched_us).c_str(), 1);
  exec_program(arguments);
}

}  // namespace

int main(int argc, char** argv) {
  const long long launched_us = std::chrono::duration_cast<std::chrono::microseconds>(
                                    std::chrono::system_clock::now().time_since_epoch())
                                    .count();
  Arguments arguments;
  std::string error;
  if (!parse(argc, argv, arguments, error)) return usage_error(error);

  const char* mode = std::getenv("KITTY_ISOLATION");
  if (mode != nullptr && std::string(mode) == "off") exec_program(arguments);

  const kitty::internal::RetentionPolicy policy = kitty::internal::retention_policy(error);
  if (!error.empty()) return usage_error(error);
  kitty::internal::IsolationSettings settings = kitty::internal::settings_from_environment(
      arguments.base, kitty::internal::run_id_of_parent());
  settings.unit_name = arguments.name;
  IsolationResult made = kitty::internal::create_isolation(settings);
  if (!made.error.empty()) {
    std::fprintf(stderr, "gtest_kitty: cannot isolate HOME: %s\n", made.error.c_str());
    return kitty::kExitIsolationFailed;
  }
  kitty::internal::prune_runs(settings.base, settings.run_id, policy);

  for (const int signal_number : {SIGTERM, SIGINT, SIGHUP, SIGQUIT}) {
    signal(signal_number, forward_signal);
  }
  g_child = start_child(arguments, made.isolation, launched_us);
  if (g_child < 0) {
    std::fprintf(stderr, "gtest_kitty: cannot start %s: %s\n", arguments.program[0],
                 std::strerror(errno));
    return kitty::kExitIsolationFailed;
  }
  int status = 0;
  while (waitpid(g_child, &status, 0) < 0 && errno == EINTR) {
  }

  const bool passed =
      WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == kitty::kExitSkipped);
  const std::string retired = kitty::internal::retire_process(made.isolation, passed);
  if (!retired.empty()) std::fprintf(stderr, "gtest_kitty: %s\n", retired.c_str());
  if (WIFSIGNALED(status)) {
    // Die of the same signal, so that ctest reports the crash as a crash.
    const struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    signal(WTERMSIG(status), SIG_DFL);
    raise(WTERMSIG(status));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
