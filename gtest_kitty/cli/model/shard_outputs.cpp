#include "cli/model/shard_outputs.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace kitty::cli {

Expected<ShardSet> read_shard_set(const std::vector<std::string>& dirs) {
  if (dirs.empty()) return fail("--shards needs the output directory of every shard job");
  ShardSet set;
  for (const std::string& dir : dirs) {
    Expected<ShardManifest> manifest = read_manifest(dir);
    if (!manifest) return fail(manifest.error().message, 2);
    if (!set.shards.empty() && manifest->total != set.total) {
      return fail(fmt::format("{} is shard {} of {}, but {} is of {}: not the shards of one run",
                              dir, manifest->index, manifest->total, set.shards.front().dir,
                              set.total));
    }
    set.total = manifest->total;
    set.shards.push_back({dir, std::move(*manifest)});
  }
  std::stable_sort(set.shards.begin(), set.shards.end(),
                   [](const ShardOutput& a, const ShardOutput& b) {
                     return a.manifest.index < b.manifest.index;
                   });
  std::map<int, std::vector<std::string>> by_index;
  for (const ShardOutput& shard : set.shards) by_index[shard.manifest.index].push_back(shard.dir);
  for (int index = 0; index < set.total; ++index) {
    const auto found = by_index.find(index);
    if (found == by_index.end()) {
      set.missing.push_back(index);
    } else if (found->second.size() > 1) {
      set.claimed.insert(*found);
    }
  }
  return set;
}

std::vector<std::string> shard_set_faults(const ShardSet& set) {
  std::vector<std::string> faults;
  for (const auto& [index, dirs] : set.claimed) {
    faults.push_back(fmt::format("shard {} of {} is claimed by {} directories: {}", index,
                                 set.total, dirs.size(), fmt::join(dirs, ", ")));
  }
  for (const int index : set.missing) {
    faults.push_back(
        fmt::format("shard {} of {}: no directory given has it (its job did not run, or its "
                    "output was not downloaded)",
                    index, set.total));
  }
  return faults;
}

Expected<ShardSet> read_whole_shard_set(const std::vector<std::string>& dirs) {
  KITTY_TRY(ShardSet set, read_shard_set(dirs));
  const std::vector<std::string> faults = shard_set_faults(set);
  if (!faults.empty()) return fail(faults.front());
  return set;
}

}  // namespace kitty::cli
