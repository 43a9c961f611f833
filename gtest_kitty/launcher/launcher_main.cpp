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
//   gtest-kitty-launch --help
//
// Why a separate process and not the binary itself: nothing inside the
// binary runs before the initialisers of the shared libraries it links.
// It dies with ctest: when ctest goes away (a cancelled CI job sends SIGTERM
// to ctest alone) the launcher is told, and stops its test.
//
// Under a debugger (or KITTY_DEBUG=1) it sets the isolation up and then
// becomes the test binary (exec), so that the debugger lands in the test
// (debugger.h); the home is then kept, as nothing is left to remove it.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <gtest_kitty/kitty.h>

#include "common/kitty_flag.h"
#include "common/signal_name.h"
#include "isolation/finish.h"
#include "isolation/hand_over.h"
#include "isolation/isolation.h"
#include "isolation/setup.h"
#include "isolation/tree_move.h"
#include "launcher/debugger.h"
#include "launcher/supervisor.h"
#include "platform/environment.h"
#include "platform/file_lock.h"
#include "platform/files.h"
#include "platform/launcher_process.h"
#include "platform/process.h"
#include "record/record_file.h"

namespace {

// Set once the test is under supervision; the stop requests that come
// before are dropped.
kitty::internal::Supervision* g_supervision = nullptr;

void forward_stop_request(int signal_number) {
  kitty::internal::forward_stop(g_supervision, signal_number);
}

constexpr const char* kUsage =
    "usage: gtest-kitty-launch [--base DIR] [--name UNIT] -- PROGRAM [ARGS...]\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "gtest_kitty: %s\n%s", message.c_str(), kUsage);
  return kitty::kExitUsage;
}

void print_help() {
  std::printf(
      "%s\n"
      "What ctest runs for every test kitty_add_tests registers: it makes the process's\n"
      "isolated HOME, XDG_* and TMPDIR directories under <base>/<run-id>/, starts PROGRAM\n"
      "with those variables already set (so static initialisers see them), ends what the\n"
      "test leaves running, and removes the directories of a passing process (a failing\n"
      "one's are kept, and named on stderr).\n"
      "\n"
      "  --base DIR   where the isolated directories go (default: kitty-homes); KITTY_HOME_BASE\n"
      "               overrides it\n"
      "  --name UNIT  the readable part of the process directory's name\n"
      "\n"
      "You rarely run it yourself. To run one registered test exactly as ctest does\n"
      "(its command, ENVIRONMENT and WORKING_DIRECTORY, with extra arguments):\n"
      "\n"
      "  gtest-kitty run [--test-dir BUILD] <target> <file> [-- --gtest_filter=...]\n"
      "  gtest-kitty run --print <ctest test name>     (the shell command, not run)\n"
      "  gtest-kitty run --debug <ctest test name>     (under gdb --args)\n"
      "\n"
      "Under a debugger (gdb, gdbserver, lldb, lldb-server trace it) or with\n"
      "KITTY_DEBUG=1, the launcher sets the isolation up and then execs PROGRAM in its\n"
      "own process, so the debugger lands in the test; the home is kept. KITTY_DEBUG=0:\n"
      "never. KITTY_ISOLATION=off: PROGRAM runs as it is, without isolation.\n",
      kUsage);
}

struct Arguments {
  std::string base = "kitty-homes";
  std::string name;
  std::vector<char*> program;  // null-terminated
  bool help = false;
};

bool parse(int argc, char** argv, Arguments& arguments, std::string& error) {
  int i = 1;
  for (; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") {
      ++i;
      break;
    }
    if (arg == "--help" || arg == "-h") {
      arguments.help = true;
      return true;
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

// What the user reads in ctest's output when a process did not simply exit.
void say_how_it_ended(const kitty::internal::ProcessEnd& end) {
  const std::string where = end.test.empty() ? "" : " during " + end.test;
  if (end.premature) {
    std::fprintf(stderr,
                 "gtest_kitty: the test process exited with code %lld%s, before GoogleTest's end "
                 "of the run: the tests after it did not run\n",
                 end.status.code, where.c_str());
  } else if (end.status.is_crash()) {
    std::fprintf(stderr, "gtest_kitty: the test process %s of %s%s\n",
                 end.stopped ? "was stopped and died" : "died",
                 kitty::internal::death_text(end.status).c_str(), where.c_str());
  }
}

// A plain ending: an exit of the process's own, before which GoogleTest
// finished its run. Anything else is told, with the test it happened in.
bool ended_plainly(const kitty::internal::SupervisedEnd& supervised) {
  return supervised.status.is_exit() && !supervised.premature && !supervised.stopped;
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
  if (!ended_plainly(supervised) && !record.empty()) {
    end.test = kitty::internal::unfinished_test(record);
  }
  return end;
}

// The variables that hand the isolation over to the test binary, set in
// the process that becomes it (`in_test`), else in the launcher for the
// child it starts next (Windows: no fork, no exec).
// The run record's start of this process is the launcher's own start.
void hand_over(const kitty::internal::Isolation& isolation, long long launched_us, bool in_test) {
  kitty::internal::set_variables(kitty::internal::hand_over_variables(
      isolation, kitty::internal::current_process_id(), launched_us,
      in_test ? kitty::internal::HandOverTo::kProcess : kitty::internal::HandOverTo::kChildrenOf));
}

// Debugging: the launcher becomes the test. Nothing runs after it, so
// nothing removes its home, ends what it leaves running, or checks for an
// early exit (its record has no "ended" line); it still dies with its
// parent (PR_SET_PDEATHSIG survives exec), and keeps its worker lease.
// Windows, without exec: the test runs as the launcher's child, and the
// same is left undone.
int run_in_place(const kitty::internal::Isolation& isolation, long long launched_us,
                 const std::string& why, char* const* program) {
  hand_over(isolation, launched_us, kitty::internal::replaces_process());
  // A premature-exit file nobody checks would only be left behind; an
  // inherited one belongs to another process.
  kitty::internal::unset_variable("TEST_PREMATURE_EXIT_FILE");
  if (isolation.worker_lock_fd >= 0) {
    kitty::internal::keep_across_exec(isolation.worker_lock_fd);  // the lease passes to the test
  }
  std::fprintf(stderr,
               "gtest_kitty: debugging (%s): the test runs in the launcher's %s, without "
               "the supervisor; its isolated home is kept: %s\n",
               why.c_str(), kitty::internal::replaces_process() ? "process" : "child process",
               isolation.process_dir.c_str());
  std::fflush(stderr);
  return kitty::internal::become_program(program);
}

}  // namespace

int main(int argc, char** native_argv) {
  // In UTF-8 on every system: Windows' narrow argv speaks the ANSI code page.
  std::vector<std::string> words = kitty::internal::utf8_arguments(argc, native_argv);
  std::vector<char*> utf8_argv;
  for (std::string& word : words) utf8_argv.push_back(&word[0]);
  utf8_argv.push_back(nullptr);
  char** argv = utf8_argv.data();
  const kitty::internal::ProcessId parent = kitty::internal::parent_process_id();
  const long long launched_us = kitty::internal::wall_clock_us();
  Arguments arguments;
  std::string error;
  if (!parse(argc, argv, arguments, error)) return usage_error(error);
  if (arguments.help) {
    print_help();
    return 0;
  }

  // The same validation as a binary run directly: a bad value is a usage
  // error here too, not silently "on".
  const kitty::internal::Result<kitty::internal::IsolationChoice> choice =
      kitty::internal::isolation_choice();
  // A set-up failure is told as the binary tells it: one line, no usage
  // text (the arguments are fine).
  if (!choice) return kitty::internal::report_failure(choice.failure());
  if (!choice->enabled) return kitty::internal::become_program(arguments.program.data());
  // A listing (discovery, after every build) is not a run of the user's:
  // it must not count against the runs kept, and is never debugged.
  bool listing = false;
  for (const char* arg : arguments.program) {
    listing =
        listing || (arg != nullptr &&
                    kitty::internal::kitty_flag_value(arg, kitty::protocol::kFlagList).has_value());
  }
  kitty::internal::DebugDecision debug = kitty::internal::debug_decision(error);
  if (!error.empty()) return kitty::internal::report_failure(kitty::internal::usage_error(error));
  debug.in_place = debug.in_place && !listing;
  if (!debug.in_place) kitty::internal::catch_stop_requests(forward_stop_request);
  // 128 + SIGTERM, as if told by the parent's death.
  if (!kitty::internal::die_with_parent(parent)) return 128 + 15;

  kitty::internal::SetupRequest request;
  request.fallback_base = arguments.base;
  request.default_run_id = kitty::internal::run_id_of_parent();
  // A debugging session is a run by hand: its kept homes must not evict the
  // evidence of ctest runs (retention.h).
  request.default_kind =
      debug.in_place ? kitty::internal::kRunKindDirect : kitty::internal::kRunKindUser;
  request.unit_name = arguments.name;
  request.prune = !listing;
  // A debugging session keeps its home where it is made: nothing moves it.
  request.scratch = !debug.in_place;
  const kitty::internal::Result<kitty::internal::Isolation> made =
      kitty::internal::set_up_process(request);
  if (!made) return kitty::internal::report_failure(made.failure());
  const kitty::internal::Isolation& isolation = made.value();
  if (debug.in_place) {
    return run_in_place(isolation, launched_us, debug.why, arguments.program.data());
  }

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
    hand_over(isolation, launched_us, kitty::internal::prepare_runs_in_test());
    kitty::internal::set_variable("TEST_PREMATURE_EXIT_FILE", premature_file);
  };
  // In the supervisor: it outlives a launcher that ctest killed, so the
  // record says how the process ended even then, and a home made in the
  // scratch goes to the base, where the evidence of a killed test belongs.
  plan.on_end = [&](const kitty::internal::SupervisedEnd& supervised) {
    if (supervised.orphaned && kitty::internal::kept_path(isolation) != isolation.process_dir) {
      kitty::internal::move_tree(isolation.process_dir, kitty::internal::kept_path(isolation));
      // What the launcher would have removed: nothing of it stays in RAM.
      kitty::internal::remove_file(premature_file);
      // When no other process is in it.
      kitty::internal::remove_empty_directory(isolation.scratch_run_dir);
    }
    const std::string record =
        kitty::internal::find_record(record_dir, supervised.pid, launched_us);
    if (record.empty()) return;
    kitty::internal::append_to_record(record,
                                      kitty::internal::ended_line(process_end(supervised, record)));
  };
  std::string start_error;
  const kitty::internal::SupervisionHandle supervision =
      kitty::internal::start_supervised(plan, start_error);
  if (!supervision) {
    std::fprintf(stderr, "gtest_kitty: %s\n", start_error.c_str());
    return kitty::kExitIsolationFailed;
  }
  g_supervision = supervision.get();
  const kitty::internal::SupervisedEnd supervised = kitty::internal::wait_supervised(*supervision);
  if (!supervised.known) {
    std::fprintf(stderr, "gtest_kitty: the supervisor of %s died; its outcome is unknown\n",
                 arguments.program[0]);
  }
  // The record is read only for what a plain exit does not need: the test
  // the process was in when it did not end plainly.
  if (!supervised.known || !ended_plainly(supervised)) {
    say_how_it_ended(process_end(
        supervised, kitty::internal::find_record(record_dir, supervised.pid, launched_us)));
  }
  kitty::internal::remove_file(premature_file);

  const kitty::internal::ProcessStatus& status = supervised.status;
  const bool exited = supervised.known && status.is_exit();
  kitty::internal::Ending ending;
  ending.known = supervised.known;
  ending.exited = status.is_exit();
  ending.exit_code = ending.exited ? static_cast<int>(status.code) : 0;
  ending.premature = supervised.premature;
  ending.stopped = supervised.stopped;
  const kitty::internal::Finished finished = kitty::internal::finish_process(isolation, ending);
  const std::string& retired = finished.said;
  if (!retired.empty()) std::fprintf(stderr, "gtest_kitty: %s\n", retired.c_str());
  // Ended the same way (the same signal), so that ctest reports the crash
  // as a crash; where that returns, a code that is never 0.
  if (supervised.known && status.is_crash()) return kitty::internal::end_like(status);
  if (!exited) return 1;
  if (supervised.premature) return kitty::kExitPrematureExit;
  // A passing test that left a home kitty cannot remove fails: said only on
  // stderr, ctest would hide it behind "Passed".
  if (finished.passed && !retired.empty()) return kitty::kExitIsolationFailed;
  return kitty::internal::launcher_exit_code(status);
}
