// gtest-kitty-launch: what ctest runs for every kitty test. It makes the
// process's isolated directories, starts the test binary (through the
// supervisor, supervisor.h) with the per-user variables already pointing
// into them (so the binary's static initialisers, and those of every shared
// library it loads, see the isolated values), waits for it, says how it
// ended when that is not plain, and applies retention: the directories of a
// passing process are removed, those of a failing or killed one kept and
// named.
//
//   gtest-kitty-launch [--base DIR] [--name UNIT] -- PROGRAM [ARGS...]
//
// Why a separate process and not the binary itself: nothing inside the
// binary runs before the initialisers of the shared libraries it links.
// It dies with ctest: when ctest goes away (a cancelled CI job sends SIGTERM
// to ctest alone) the launcher is told, and stops its test.
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <gtest_kitty/kitty.h>

#include "isolation.h"
#include "record_file.h"
#include "retention.h"
#include "signal_name.h"
#include "supervisor.h"

namespace {

using kitty::internal::IsolationResult;

pid_t g_supervisor = -1;

void forward_signal(int signal_number) {
  if (g_supervisor > 0) kill(g_supervisor, signal_number);
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

// Tells the launcher (SIGTERM) when its parent, ctest, ends; false when the
// parent is gone already.
bool die_with_parent(pid_t parent) {
#ifdef __linux__
  prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
  return getppid() == parent;
}

// What the user reads in ctest's output when a process did not simply exit.
void say_how_it_ended(const kitty::internal::ProcessEnd& end) {
  const std::string where = end.test.empty() ? "" : " during " + end.test;
  if (end.premature) {
    std::fprintf(stderr,
                 "gtest_kitty: the test process exited with code %d%s, before GoogleTest's end of "
                 "the run: the tests after it did not run\n",
                 WEXITSTATUS(end.status), where.c_str());
  } else if (WIFSIGNALED(end.status)) {
    std::fprintf(stderr, "gtest_kitty: the test process %s of %s%s\n",
                 end.stopped ? "was stopped and died" : "died",
                 kitty::internal::signal_name(WTERMSIG(end.status)).c_str(), where.c_str());
  }
}

// How the supervised process ended, with the test it was in when it did
// not end plainly (only then is its record read whole).
kitty::internal::ProcessEnd process_end(const kitty::internal::SupervisedEnd& supervised,
                                        const std::string& record) {
  kitty::internal::ProcessEnd end;
  end.status = supervised.status;
  end.premature = supervised.premature;
  end.stopped = supervised.stopped;
  end.left = supervised.left;
  end.ended_us = supervised.ended_us;
  const bool plain = WIFEXITED(end.status) && !end.premature && !end.stopped;
  if (!plain && !record.empty()) end.test = kitty::internal::unfinished_test(record);
  return end;
}

}  // namespace

int main(int argc, char** argv) {
  const pid_t parent = getppid();
  const long long launched_us = kitty::internal::wall_clock_us();
  Arguments arguments;
  std::string error;
  if (!parse(argc, argv, arguments, error)) return usage_error(error);

  const char* mode = std::getenv("KITTY_ISOLATION");
  if (mode != nullptr && std::string(mode) == "off") {
    execvp(arguments.program[0], arguments.program.data());
    std::fprintf(stderr, "gtest_kitty: cannot run %s: %s\n", arguments.program[0],
                 std::strerror(errno));
    return 127;
  }
  for (const int signal_number : {SIGTERM, SIGINT, SIGHUP, SIGQUIT}) {
    signal(signal_number, forward_signal);
  }
  if (!die_with_parent(parent)) return 128 + SIGTERM;

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
  // A listing (discovery, after every build) is not a run of the user's:
  // it must not count against the runs kept.
  bool listing = false;
  for (const char* arg : arguments.program) {
    listing = listing || (arg != nullptr && std::string(arg).rfind("--kitty_list", 0) == 0);
  }
  if (!listing) kitty::internal::prune_runs(settings.base, settings.run_id, policy);
  const kitty::internal::Isolation& isolation = made.isolation;

  // GoogleTest makes this file when its run starts and removes it when the
  // run ends: still there after the process, the process ended in between.
  // Always one of the launcher's own: a value inherited from outside (a
  // kitty test that runs ctest, Bazel) names a file another process owns.
  // Beside the process directory, not in it: a test may make its own
  // directory unwritable, and GoogleTest could then not remove the file.
  const std::string premature_file = isolation.process_dir + ".premature-exit";
  const std::string record_dir = kitty::internal::record_directory(isolation.run_dir);

  kitty::internal::SupervisorPlan plan;
  plan.program = arguments.program.data();
  plan.premature_exit_file = premature_file;
  plan.prepare = [&] {
    kitty::internal::set_variables(isolation.variables);
    setenv(kitty::internal::kIsolationPid, std::to_string(getpid()).c_str(), 1);
    setenv(kitty::internal::kIsolationRunId, isolation.run_id.c_str(), 1);
    setenv(kitty::internal::kIsolationWorker, std::to_string(isolation.worker_index).c_str(), 1);
    setenv(kitty::internal::kIsolationDir, isolation.process_dir.c_str(), 1);
    setenv("TEST_PREMATURE_EXIT_FILE", premature_file.c_str(), 1);
    // The run record's start of this process: the launcher's own start.
    setenv(kitty::internal::kLaunchedVariable, std::to_string(launched_us).c_str(), 1);
  };
  // In the supervisor: it outlives a launcher that ctest killed, so the
  // record says how the process ended even then.
  plan.on_end = [&](const kitty::internal::SupervisedEnd& supervised) {
    const std::string record =
        kitty::internal::find_record(record_dir, supervised.pid, launched_us);
    if (record.empty()) return;
    kitty::internal::append_to_record(record,
                                      kitty::internal::ended_line(process_end(supervised, record)));
  };
  int result_fd = -1;
  g_supervisor = kitty::internal::start_supervised(plan, result_fd);
  if (g_supervisor < 0) {
    std::fprintf(stderr, "gtest_kitty: cannot start %s: %s\n", arguments.program[0],
                 std::strerror(errno));
    return kitty::kExitIsolationFailed;
  }
  const kitty::internal::SupervisedEnd supervised =
      kitty::internal::wait_supervised(g_supervisor, result_fd);
  if (!supervised.known) {
    std::fprintf(stderr, "gtest_kitty: the supervisor of %s died; its outcome is unknown\n",
                 arguments.program[0]);
  }
  say_how_it_ended(process_end(
      supervised, kitty::internal::find_record(record_dir, supervised.pid, launched_us)));
  std::remove(premature_file.c_str());

  const int status = supervised.status;
  const bool exited = supervised.known && WIFEXITED(status);
  const bool passed = exited && !supervised.premature && !supervised.stopped &&
                      (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == kitty::kExitSkipped);
  const std::string retired = kitty::internal::retire_process(isolation, passed);
  if (!retired.empty()) std::fprintf(stderr, "gtest_kitty: %s\n", retired.c_str());
  if (supervised.known && WIFSIGNALED(status)) {
    // Die of the same signal, so that ctest reports the crash as a crash.
    const struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    signal(WTERMSIG(status), SIG_DFL);
    raise(WTERMSIG(status));
  }
  if (!exited) return 1;
  if (supervised.premature) return kitty::kExitPrematureExit;
  // A passing test that left a home kitty cannot remove fails: said only on
  // stderr, ctest would hide it behind "Passed".
  if (passed && !retired.empty()) return kitty::kExitIsolationFailed;
  return WEXITSTATUS(status);
}
