#include "cli/model/home_snapshot.h"

#include <dirent.h>
#include <sys/stat.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace kitty::cli {
namespace {

constexpr char kAbsent = '-';

EntryState state_of(const struct stat& info) {
  EntryState state;
  state.type = S_ISDIR(info.st_mode)   ? 'd'
               : S_ISREG(info.st_mode) ? 'f'
               : S_ISLNK(info.st_mode) ? 'l'
                                       : 'o';
  state.inode = static_cast<unsigned long long>(info.st_ino);
  state.size = static_cast<long long>(info.st_size);
  state.mtime_ns =
      static_cast<long long>(info.st_mtim.tv_sec) * 1000000000LL + info.st_mtim.tv_nsec;
  return state;
}

bool walk(const std::string& path, int depth, size_t max_entries,
          const std::set<std::string>& excluded, Snapshot& snapshot) {
  if (excluded.count(path) > 0) return true;
  struct stat info {};
  if (lstat(path.c_str(), &info) != 0) {
    snapshot[path] = EntryState{kAbsent};
    return true;
  }
  snapshot[path] = state_of(info);
  if (snapshot.size() > max_entries) return false;
  if (!S_ISDIR(info.st_mode) || depth <= 0) return true;
  DIR* dir = opendir(path.c_str());
  if (dir == nullptr) return true;  // unreadable: its own state still counts
  std::vector<std::string> names;
  while (const dirent* entry = readdir(dir)) {
    const std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  closedir(dir);
  for (const std::string& name : names) {
    if (!walk(path + "/" + name, depth - 1, max_entries, excluded, snapshot)) return false;
  }
  return true;
}

}  // namespace

Expected<Snapshot> take_snapshot(const std::vector<std::string>& roots, int depth,
                                 size_t max_entries, const std::set<std::string>& excluded) {
  Snapshot snapshot;
  for (const std::string& root : roots) {
    if (!walk(root, depth, max_entries, excluded, snapshot)) {
      return fail(
          fmt::format("more than {} entries under {}: guard fewer levels (--depth) or "
                      "chosen paths (--path)",
                      max_entries, root));
    }
  }
  return snapshot;
}

std::vector<Change> compare_snapshots(const Snapshot& before, const Snapshot& after) {
  std::vector<Change> changes;
  for (const auto& [path, old_state] : before) {
    const auto found = after.find(path);
    const bool existed = old_state.type != kAbsent;
    const bool exists = found != after.end() && found->second.type != kAbsent;
    if (existed && !exists) {
      changes.push_back({path, "removed"});
    } else if (!existed && exists) {
      changes.push_back({path, "created"});
    } else if (existed && !(found->second == old_state)) {
      std::vector<std::string> what;
      if (found->second.type != old_state.type) what.push_back("type");
      if (found->second.inode != old_state.inode) what.push_back("inode");
      if (found->second.size != old_state.size) what.push_back("size");
      if (found->second.mtime_ns != old_state.mtime_ns) what.push_back("mtime");
      changes.push_back({path, fmt::format("modified ({})", fmt::join(what, ", "))});
    }
  }
  for (const auto& [path, state] : after) {
    if (before.count(path) == 0 && state.type != kAbsent) changes.push_back({path, "created"});
  }
  return changes;
}

}  // namespace kitty::cli
