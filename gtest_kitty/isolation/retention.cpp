#include "isolation/retention.h"

#include "common/errno_text.h"
#include "common/number_in_range.h"
#include "isolation/isolation.h"
#include "isolation/scratch.h"
#include "isolation/skeleton.h"
#include "isolation/tree_move.h"
#include "isolation/tree_removal.h"
#include "platform/directory.h"
#include "platform/file_lock.h"
#include "platform/files.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

namespace kitty::internal {
namespace {

// In a run that kept a home: one file per later run of its kind.
constexpr const char* kLaterRuns = ".later-runs";
// In a run that told the earlier ones it ran: told once, by the first of its
// processes to end without removing the run (the notes are the same for all).
constexpr const char* kToldEarlierRuns = ".told-earlier-runs";

// A failed process's home made in the scratch goes to the base, where the
// evidence is promised; the path it is at, with what did not move.
std::string keep_in_base(const Isolation& isolation) {
  const std::string& dir = isolation.process_dir;
  const std::string& kept = kept_path(isolation);
  if (kept == dir) return dir;
  const TreeMove move = move_tree(dir, kept);
  std::string said = move.error.empty() ? kept : dir;
  if (!move.error.empty()) said += " (not moved to the base: " + move.error + ")";
  for (const std::string& path : move.skipped)
    said += "; not copied (not a file, directory or link): " + path;
  return said;
}

// True when a process other than the one holding `own_lease` (a file name
// in workers/, or empty) still holds one of the run's worker leases.
bool run_is_live(const Directory& run, const std::string& own_lease) {
  const Directory workers = run.child("workers");
  std::vector<std::string> names;
  if (!workers.names(names)) return false;
  for (const std::string& name : names) {
    if (name == own_lease) continue;
    const int lease = workers.open_lock_file(name);
    if (lease < 0) continue;
    const bool held = !try_lock_file(lease, LockKind::kExclusive);
    close_lock_file(lease);
    if (held) return true;
  }
  return false;
}

// "<unit>.XXXXXX": a process directory (mkdtemp's suffix).
bool is_process_dir_name(const std::string& name) {
  if (name.size() < 8 || name[name.size() - 7] != '.') return false;
  return std::all_of(name.end() - 6, name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  });
}

// True when the run still holds a process directory: a home kept for a
// failed, crashed or killed process (a passing one's is removed).
bool holds_kept_home(const Directory& run) {
  std::vector<std::string> names;
  if (!run.names(names)) return false;
  return std::any_of(names.begin(), names.end(), [&run](const std::string& name) {
    return is_process_dir_name(name) && run.entry(name) == Directory::Entry::kDirectory;
  });
}

// The later runs of its kind a run that kept a home has seen, counting the
// `current` one: the runs that only passed between are pruned, so their
// number cannot be read from what is left in the base.
long long later_runs_seen(const Directory& run, const std::string& current) {
  std::vector<std::string> names;
  if (!run.child(kLaterRuns).names(names)) return 1;
  const bool noted = std::find(names.begin(), names.end(), current) != names.end();
  return static_cast<long long>(names.size()) + (noted ? 0 : 1);
}

// The start of a run: its marker's time; false for what is not a run of
// kitty's.
bool run_start(const Directory& run, long long& start_ns) {
  return run.entry(kRunMarker) == Directory::Entry::kFile && run.modified_ns(kRunMarker, start_ns);
}

// Tells every earlier run of the same kind that kept a home that `run_dir`
// ran: one file per later run, made by each of its processes as it ends. A
// run removed at its end (a discovery) is not told: it is not a run to count.
void note_in_earlier_runs(const std::string& run_dir) {
  const size_t slash = run_dir.rfind('/');
  if (slash == std::string::npos) return;
  const std::string base_path = run_dir.substr(0, slash);
  const std::string current = run_dir.substr(slash + 1);
  const int told = create_file(run_dir + "/" + kToldEarlierRuns, /*exclusive=*/true);
  if (told < 0 && errno == EEXIST) return;
  close_file(told);
  const std::string kind = run_kind_of(run_dir);
  const Directory base = Directory::open(base_path);
  std::vector<std::string> names;
  long long current_start = 0;
  if (!run_start(base.child(current), current_start) || !base.names(names)) return;
  for (const std::string& name : names) {
    const Directory run = base.child(name);
    long long start = 0;
    if (name == current || !run_start(run, start) || start > current_start ||
        run_kind_of(run.path()) != kind || !holds_kept_home(run)) {
      continue;
    }
    if (!run.make_directory(kLaterRuns) && errno != EEXIST) continue;
    close_file(run.child(kLaterRuns).create_file(current, /*exclusive=*/false));
  }
}

// True when a run holds nothing but what every run holds: no records, no
// process directories.
bool holds_only_run_files(const Directory& run) {
  std::vector<std::string> names;
  if (!run.names(names)) return false;
  return std::all_of(names.begin(), names.end(), [](const std::string& name) {
    return name == kRunMarker || name == "workers" || name == kToldEarlierRuns;
  });
}

// Removes a run unless a process still holds a lease in it (other than
// `own_lease`) or sets itself up in it; with `only_if_empty`, only a run
// that holds nothing but its marker and leases. The marker goes last: a run
// whose removal fails keeps it, and the next prune tries again.
bool remove_run(const std::string& run_dir, const std::string& own_lease, bool only_if_empty) {
  const Directory run = Directory::open(run_dir);
  if (!run.is_open()) return false;
  // First the cheap answer: a run of records or other processes stays, and
  // every process of a run asks as it ends.
  if (only_if_empty && !holds_only_run_files(run)) return false;
  const int marker = run.open_lock_file(kRunMarker);
  const bool ours = marker >= 0 && try_lock_file(marker, LockKind::kExclusive) &&
                    !file_was_removed(marker) && !run_is_live(run, own_lease) &&
                    // Again under the lock: a process may have set up between the looks.
                    (!only_if_empty || holds_only_run_files(run)) &&
                    empty_tree(run_dir, kRunMarker).empty();
  // Removed before it is closed: released first, another process could
  // lock the marker of a run about to go.
  const bool removed = ours && run.remove_file(kRunMarker);
  close_lock_file(marker);
  return removed && remove_empty_directory(run_dir);
}

// A number from the environment variable `name`, within [low, high].
int number_from_environment(const Environment& environment, const char* name, int fallback,
                            long low, long high, const char* unit, std::string& error) {
  const char* text = read_setting(name, environment);
  if (text == nullptr || *text == '\0') return fallback;
  long long value = 0;
  if (!number_in_range(text, low, high, value)) {
    if (error.empty()) {
      error = std::string(name) + " must be a number of " + unit + " from " + std::to_string(low) +
              " to " + std::to_string(high) + ", not '" + text + "'";
    }
    return fallback;
  }
  return static_cast<int>(value);
}

}  // namespace

void prune_runs(const std::string& base_path, const std::string& current,
                const RetentionPolicy& policy) {
  const std::string kind = run_kind_of(base_path + "/" + current);
  const Directory base = Directory::open(base_path);
  std::vector<std::string> names;
  if (!base.names(names)) return;
  struct Run {
    long long started_ns;  // the marker's time: made when the run started
    std::string name;
    bool kept_home;
  };
  std::vector<Run> runs;
  for (const std::string& name : names) {
    if (name == current) continue;
    const Directory run = base.child(name);
    long long started_ns = 0;
    // Not a run of kitty's: never ours to prune. A run is weighed against
    // runs of its own kind only.
    if (!run_start(run, started_ns) || run_kind_of(run.path()) != kind) continue;
    runs.push_back({started_ns, name, holds_kept_home(run)});
  }
  std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) {
    return a.started_ns > b.started_ns;
  });  // newest first
  const long long now_ns = static_cast<long long>(std::time(nullptr)) * 1000000000LL;
  const long long keep_ns = static_cast<long long>(policy.keep_days) * 86400LL * 1000000000LL;
  for (size_t i = 0; i < runs.size(); ++i) {
    const std::string run_dir = base_path + "/" + runs[i].name;
    long long later_runs = static_cast<long long>(i) + 1;  // the current run is one
    if (runs[i].kept_home) {
      later_runs = std::max(later_runs, later_runs_seen(Directory::open(run_dir), current));
    }
    if (later_runs < policy.keep_runs) continue;
    if (runs[i].kept_home && (later_runs <= policy.keep_failed_runs ||
                              (policy.keep_days > 0 && now_ns - runs[i].started_ns < keep_ns))) {
      continue;  // evidence of a failure
    }
    remove_run(run_dir, "", /*only_if_empty=*/false);
  }
}

RetentionPolicy retention_policy(std::string& error, const Environment& environment) {
  RetentionPolicy policy;
  policy.keep_runs = number_from_environment(environment, "KITTY_KEEP_RUNS", policy.keep_runs, 1,
                                             1000, "runs", error);
  policy.keep_failed_runs = number_from_environment(
      environment, "KITTY_KEEP_FAILED_RUNS", policy.keep_failed_runs, 0, 1000, "runs", error);
  policy.keep_days = number_from_environment(environment, "KITTY_KEEP_DAYS", policy.keep_days, 0,
                                             3650, "days", error);
  const char* kind = read_setting(kRunKindVariable, environment);
  if (error.empty() && kind != nullptr && *kind != '\0' && std::string(kind) != kRunKindTool &&
      std::string(kind) != kRunKindDirect) {
    error = std::string(kRunKindVariable) + " must be tool, direct or unset, not '" + kind + "'";
  }
  return policy;
}

std::string retire_process(const Isolation& isolation, bool passed) {
  const std::string& dir = isolation.process_dir;
  std::string said;
  if (!passed) {
    said = "kept the isolated home of this failed process: " + keep_in_base(isolation);
  } else if (remove_bare_skeleton(dir)) {
    // As it was made: the common case, without a walk of the tree.
  } else if (const std::string error = remove_tree(dir); !error.empty()) {
    said = "could not remove the isolated home of this passed process: " + error;
  }
  if (!isolation.scratch_run_dir.empty()) remove_empty_directory(isolation.scratch_run_dir);
  if (isolation.run_dir.empty()) return said;
  // A run that holds nothing else (a discovery, a run of one process
  // without records) leaves nothing behind; one that stays is a later run
  // for the evidence earlier runs kept.
  const std::string own_lease =
      isolation.worker_index >= 0 ? std::to_string(isolation.worker_index) + ".lock" : "";
  if (!said.empty() || !remove_run(isolation.run_dir, own_lease, /*only_if_empty=*/true)) {
    note_in_earlier_runs(isolation.run_dir);
  }
  return said;
}

void prune_scratch(const std::string& scratch_root, const std::string& base,
                   const std::string& current) {
  std::vector<std::string> names;
  const Directory root = Directory::open(scratch_root);
  if (!root.names(names)) return;
  for (const std::string& name : names) {
    std::string run_id;
    if (!is_scratch_of(name, base, run_id) || run_id == current) continue;
    const std::string run_dir = base + "/" + run_id;
    const Directory run = Directory::open(run_dir);
    if (run.is_open() && run_is_live(run, "")) continue;
    const Directory held = root.child(name);
    std::vector<std::string> homes;
    if (!held.names(homes)) continue;
    for (const std::string& home : homes) {
      // A home whose launcher was killed: evidence, when its run is still kept.
      if (run.is_open() && is_process_dir_name(home)) {
        if (move_tree(held.path() + "/" + home, run_dir + "/" + home).error.empty()) continue;
      }
      remove_tree(held.path() + "/" + home);
    }
    remove_empty_directory(held.path());
  }
}

}  // namespace kitty::internal
