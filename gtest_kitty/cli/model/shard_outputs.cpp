#include "cli/model/shard_outputs.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace kitty::cli {

std::string shard_job_name(int index, int total) {
  return fmt::format("job {} of {} (--index {})", index + 1, total, index);
}

Expected<ShardSet> read_shard_set(const std::vector<std::string>& dirs) {
  if (dirs.empty()) return fail("--shards needs the output directory of every shard job");
  ShardSet set;
  for (const std::string& dir : dirs) {
    Expected<ShardOutput> shard = read_shard_output(dir);
    if (!shard) return fail(shard.error().message, 2);
    const ShardManifest& manifest = shard->manifest;
    if (!set.shards.empty() && manifest.total != set.total) {
      return fail(fmt::format("{} is {}, but {} is of {} jobs: not the jobs of one run", dir,
                              shard_job_name(manifest.index, manifest.total),
                              set.shards.front().dir, set.total));
    }
    set.total = manifest.total;
    set.shards.push_back(std::move(*shard));
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
    faults.push_back(fmt::format("{} is claimed by {} directories: {}",
                                 shard_job_name(index, set.total), dirs.size(),
                                 fmt::join(dirs, ", ")));
  }
  for (const int index : set.missing) {
    faults.push_back(
        fmt::format("{}: no directory given has it (the job did not run, or its output was "
                    "not downloaded)",
                    shard_job_name(index, set.total)));
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
