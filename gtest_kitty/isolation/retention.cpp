#include "isolation/retention.h"

#include "common/errno_text.h"
#include "common/number_in_range.h"
#include "isolation/isolation.h"
#include "isolation/scratch.h"
#include "isolation/skeleton.h"
#include "isolation/tree_move.h"
#include "isolation/tree_removal.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

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

// An open descriptor, closed at the end of the scope.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

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
bool run_is_live(int run_fd, const std::string& own_lease) {
  const Fd workers(openat(run_fd, "workers", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  std::vector<std::string> names;
  if (workers.get() < 0 || !list_names(workers.get(), names)) return false;
  for (const std::string& name : names) {
    if (name == own_lease) continue;
    const Fd lease(openat(workers.get(), name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (lease.get() < 0) continue;
    if (flock(lease.get(), LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK) return true;
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
bool holds_kept_home(int run_fd) {
  std::vector<std::string> names;
  if (!list_names(run_fd, names)) return false;
  for (const std::string& name : names) {
    struct stat info {};
    if (is_process_dir_name(name) &&
        fstatat(run_fd, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(info.st_mode)) {
      return true;
    }
  }
  return false;
}

// The later runs of its kind a run that kept a home has seen, counting the
// `current` one: the runs that only passed between are pruned, so their
// number cannot be read from what is left in the base.
long long later_runs_seen(int run_fd, const std::string& current) {
  const Fd later(openat(run_fd, kLaterRuns, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  std::vector<std::string> names;
  if (later.get() < 0 || !list_names(later.get(), names)) return 1;
  const bool noted = std::find(names.begin(), names.end(), current) != names.end();
  return static_cast<long long>(names.size()) + (noted ? 0 : 1);
}

// The start of a run: its marker's time.
bool run_start(int base_fd, const std::string& name, long long& start_ns) {
  struct stat marker {};
  const std::string marker_path = name + "/" + kRunMarker;
  if (fstatat(base_fd, marker_path.c_str(), &marker, AT_SYMLINK_NOFOLLOW) != 0 ||
      !S_ISREG(marker.st_mode)) {
    return false;  // not a run of kitty's
  }
  start_ns = static_cast<long long>(marker.st_mtim.tv_sec) * 1000000000LL + marker.st_mtim.tv_nsec;
  return true;
}

// Tells every earlier run of the same kind that kept a home that `run_dir`
// ran: one file per later run, made by each of its processes as it ends. A
// run removed at its end (a discovery) is not told: it is not a run to count.
void note_in_earlier_runs(const std::string& run_dir) {
  const size_t slash = run_dir.rfind('/');
  if (slash == std::string::npos) return;
  const std::string base = run_dir.substr(0, slash);
  const std::string current = run_dir.substr(slash + 1);
  const std::string told = run_dir + "/" + kToldEarlierRuns;
  const int told_fd =
      open(told.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (told_fd < 0 && errno == EEXIST) return;
  if (told_fd >= 0) close(told_fd);
  const std::string kind = run_kind_of(run_dir);
  DIR* dir = opendir(base.c_str());
  if (dir == nullptr) return;
  long long current_start = 0;
  if (!run_start(dirfd(dir), current, current_start)) {
    closedir(dir);
    return;
  }
  while (const dirent* entry = readdir(dir)) {
    const std::string name = entry->d_name;
    long long start = 0;
    if (name == "." || name == ".." || name == current || !run_start(dirfd(dir), name, start) ||
        start > current_start || run_kind_of(base + "/" + name) != kind) {
      continue;
    }
    const Fd run(openat(dirfd(dir), name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (run.get() < 0 || !holds_kept_home(run.get())) continue;
    if (mkdirat(run.get(), kLaterRuns, 0700) != 0 && errno != EEXIST) continue;
    const Fd later(openat(run.get(), kLaterRuns, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (later.get() < 0) continue;
    const Fd note(
        openat(later.get(), current.c_str(), O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600));
  }
  closedir(dir);
}

// True when a run holds nothing but what every run holds: no records, no
// process directories.
bool holds_only_run_files(int run_fd) {
  std::vector<std::string> names;
  if (!list_names(run_fd, names)) return false;
  return std::all_of(names.begin(), names.end(), [](const std::string& name) {
    return name == kRunMarker || name == "workers" || name == kToldEarlierRuns;
  });
}

// Removes a run unless a process still holds a lease in it (other than
// `own_lease`) or sets itself up in it; with `only_if_empty`, only a run
// that holds nothing but its marker and leases. The marker goes last: a run
// whose removal fails keeps it, and the next prune tries again.
bool remove_run(const std::string& run_dir, const std::string& own_lease, bool only_if_empty) {
  const int run_fd = open(run_dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (run_fd < 0) return false;
  const Fd run(run_fd);
  // First the cheap answer: a run of records or other processes stays, and
  // every process of a run asks as it ends.
  if (only_if_empty && !holds_only_run_files(run_fd)) return false;
  const Fd marker(openat(run_fd, kRunMarker, O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  struct stat info {};
  if (marker.get() < 0 || flock(marker.get(), LOCK_EX | LOCK_NB) != 0 ||
      fstat(marker.get(), &info) != 0 || info.st_nlink == 0 || run_is_live(run_fd, own_lease)) {
    return false;
  }
  // Again under the lock: a process may have set up between the looks.
  if (only_if_empty && !holds_only_run_files(run_fd)) return false;
  const int contents = dup(run_fd);
  if (contents < 0 || !empty_directory(contents, run_dir, kRunMarker).empty()) return false;
  return unlinkat(run_fd, kRunMarker, 0) == 0 && rmdir(run_dir.c_str()) == 0;
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

void prune_runs(const std::string& base, const std::string& current,
                const RetentionPolicy& policy) {
  const std::string kind = run_kind_of(base + "/" + current);
  DIR* dir = opendir(base.c_str());
  if (dir == nullptr) return;
  struct Run {
    long long started_ns;  // the marker's time: made when the run started
    std::string name;
    bool kept_home;
  };
  std::vector<Run> runs;
  while (const dirent* entry = readdir(dir)) {
    const std::string name = entry->d_name;
    if (name == "." || name == ".." || name == current) continue;
    struct stat info {};
    if (fstatat(dirfd(dir), name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) continue;
    if (!S_ISDIR(info.st_mode)) continue;
    struct stat marker {};
    const std::string marker_path = name + "/" + kRunMarker;
    if (fstatat(dirfd(dir), marker_path.c_str(), &marker, AT_SYMLINK_NOFOLLOW) != 0 ||
        !S_ISREG(marker.st_mode)) {
      continue;  // not a run of kitty's: never ours to prune
    }
    if (run_kind_of(base + "/" + name) != kind) continue;  // weighed against its own kind only
    const Fd run(openat(dirfd(dir), name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (run.get() < 0) continue;
    runs.push_back(
        {static_cast<long long>(marker.st_mtim.tv_sec) * 1000000000LL + marker.st_mtim.tv_nsec,
         name, holds_kept_home(run.get())});
  }
  closedir(dir);
  std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) {
    return a.started_ns > b.started_ns;
  });  // newest first
  const long long now_ns = static_cast<long long>(std::time(nullptr)) * 1000000000LL;
  const long long keep_ns = static_cast<long long>(policy.keep_days) * 86400LL * 1000000000LL;
  for (size_t i = 0; i < runs.size(); ++i) {
    const std::string run_dir = base + "/" + runs[i].name;
    long long later_runs = static_cast<long long>(i) + 1;  // the current run is one
    if (runs[i].kept_home) {
      const Fd run(open(run_dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
      if (run.get() >= 0) later_runs = std::max(later_runs, later_runs_seen(run.get(), current));
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
  if (!isolation.scratch_run_dir.empty()) rmdir(isolation.scratch_run_dir.c_str());  // if empty
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
  const int root = open(scratch_root.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (root < 0) return;
  const bool listed = list_names(root, names);
  close(root);
  if (!listed) return;
  for (const std::string& name : names) {
    std::string run_id;
    if (!is_scratch_of(name, base, run_id) || run_id == current) continue;
    const std::string run_dir = base + "/" + run_id;
    const Fd run(open(run_dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (run.get() >= 0 && run_is_live(run.get(), "")) continue;
    const std::string scratch = scratch_root + "/" + name;
    std::vector<std::string> homes;
    const Fd held(open(scratch.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (held.get() < 0 || !list_names(held.get(), homes)) continue;
    for (const std::string& home : homes) {
      // A home whose launcher was killed: evidence, when its run is still kept.
      if (run.get() >= 0 && is_process_dir_name(home)) {
        if (move_tree(scratch + "/" + home, run_dir + "/" + home).error.empty()) continue;
      }
      remove_tree(scratch + "/" + home);
    }
    rmdir(scratch.c_str());
  }
}

}  // namespace kitty::internal
