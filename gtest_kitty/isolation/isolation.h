// Isolation of per-user state: where HOME isolation is decided. Every test
// process gets fresh directories under <base>/<run-id>/<process-key>/ and
// the per-user variables pointing into them. Used by the launcher (before
// exec, so static initialisers already see them) and by install() for a
// binary run directly (from main() on). No GoogleTest in here.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/settings.h"

namespace kitty::internal {

using Variables = std::vector<std::pair<std::string, std::string>>;

// The variables kitty isolates.
const std::vector<std::string>& isolated_variable_names();

// What the launcher hands the test binary it starts (written and read by
// isolation/hand_over.h only).
inline constexpr const char* kIsolationPid = "KITTY_ISOLATION_PID";
inline constexpr const char* kIsolationParentPid = "KITTY_ISOLATION_PARENT_PID";
inline constexpr const char* kIsolationRunId = "KITTY_ISOLATION_RUN_ID";
inline constexpr const char* kIsolationWorker = "KITTY_ISOLATION_WORKER";
inline constexpr const char* kIsolationDir = "KITTY_ISOLATION_DIR";
inline constexpr const char* kIsolationKeptDir = "KITTY_ISOLATION_KEPT_DIR";
inline constexpr const char* kLaunchedVariable = "KITTY_LAUNCHED_US";  // the launcher's start

// Marks a directory as a run of kitty's: pruning touches nothing else. It
// holds the run's kind, and its flock guards the run: shared while a process
// sets up its isolation in it, exclusive while the run is removed.
inline constexpr const char* kRunMarker = ".kitty-run";

// The kinds of run: pruning weighs every run against runs of its own kind
// only, so that the tools' runs and runs by hand never evict the evidence of
// the user's ctest runs.
inline constexpr const char* kRunKindUser = "user";      // ctest, the launcher
inline constexpr const char* kRunKindDirect = "direct";  // a run by hand: KITTY_RUN_KIND=direct
                                                         // (gtest-kitty run), a binary run directly
inline constexpr const char* kRunKindTool = "tool";      // KITTY_RUN_KIND=tool (gtest-kitty's)
inline constexpr const char* kRunKindVariable = "KITTY_RUN_KIND";

struct IsolationSettings {
  std::string base;                 // <base>, absolute
  std::string run_id;               // <run-id>
  std::string unit_name;            // readable part of <process-key>
  std::string kind = kRunKindUser;  // written into the run marker
  std::string scratch_root;         // isolation/scratch.h: where homes are made; empty: the base
};

// One process's isolation: its directories, the values it sets, and the
// worker slot it holds for as long as it lives.
struct Isolation {
  std::string run_dir;          // <base>/<run-id>
  std::string process_dir;      // <base>/<run-id>/<process-key>, or its twin in the scratch
  std::string kept_dir;         // <base>/<run-id>/<process-key>: where a kept one ends up
  std::string scratch_run_dir;  // the run's scratch directory, when process_dir is in it
  std::string home;
  std::string tmp;
  std::string run_id;
  int worker_index = -1;
  int worker_lock_fd = -1;  // kept open: the flock is the lease
  bool made_run = false;    // this process made <run-id>/: the one that prunes for the run
  Variables variables;      // HOME, USERPROFILE, XDG_*, TMPDIR, TEST_TMPDIR
};

// Where a failed process's directory is kept: kept_dir, in the base, when
// it was made in the scratch; where it is otherwise (also for an Isolation
// put together by hand, whose kept_dir is empty).
inline const std::string& kept_path(const Isolation& isolation) {
  return isolation.kept_dir.empty() ? isolation.process_dir : isolation.kept_dir;
}

struct IsolationResult {
  Isolation isolation;
  std::string error;  // one line, set when the directories cannot be made
};

// Settings from the environment: KITTY_HOME_BASE, else $TEST_TMPDIR/kitty
// (Bazel), else `fallback_base`, made absolute against the working directory
// (a test that changes directory must still find its HOME); KITTY_RUN_ID,
// else `default_run_id`; KITTY_RUN_KIND=tool or direct, else `default_kind`.
IsolationSettings settings_from_environment(const std::string& fallback_base,
                                            const std::string& default_run_id,
                                            const char* default_kind = kRunKindUser,
                                            const Environment& environment = process_variable);

// The kind a run marker names; a marker of an older kitty (empty) is a user's.
std::string run_kind_of(const std::string& run_dir);

// The run id of a process started by ctest: ctest's start time and pid, so
// that every process of one ctest run agrees and no two runs share one.
std::string run_id_of_parent();
// The run id of a process that is a run of its own (a direct run).
std::string run_id_of_self();

// Creates <run-id>/ (shared, mkdir) with its marker, a fresh unpredictably named process
// directory (mkdtemp) with home/, its XDG directories and tmp/, all 0700,
// and leases the lowest free worker index of the run.
IsolationResult create_isolation(const IsolationSettings& settings);

// A fresh home/tmp pair below the process directory, for one test.
IsolationResult create_test_scope(const Isolation& process, int test_number);

// The variables' values for directories `home` and `tmp`.
Variables variables_for(const std::string& home, const std::string& tmp);

void set_variables(const Variables& variables);

}  // namespace kitty::internal
