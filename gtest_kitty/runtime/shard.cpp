#include "runtime/shard.h"

#include <algorithm>
#include <cerrno>

#include "common/errno_text.h"
#include "common/number_in_range.h"
#include "platform/files.h"

namespace kitty::internal {
namespace {

struct Pair {
  const char* total_name;
  const char* index_name;
  const char* status_name;
};

constexpr Pair kGoogleTest = {"GTEST_TOTAL_SHARDS", "GTEST_SHARD_INDEX", "GTEST_SHARD_STATUS_FILE"};
constexpr Pair kBazel = {"TEST_TOTAL_SHARDS", "TEST_SHARD_INDEX", "TEST_SHARD_STATUS_FILE"};

Failure refused(const std::string& why) { return {Category::kShard, why}; }

// Digits only (no sign, no blank: what CI and Bazel write), in [0, 1000000].
bool whole_number(const char* text, long long& value) {
  if (text == nullptr) return false;
  for (const char* c = text; *c != '\0'; ++c) {
    if (*c < '0' || *c > '9') return false;
  }
  return number_in_range(text, 0, 1000000, value);
}

// One protocol's request: none when neither of its variables is set.
Result<std::optional<ShardRequest>> request_of(const Pair& pair, const Environment& environment) {
  const char* total = read_setting(pair.total_name, environment);
  const char* index = read_setting(pair.index_name, environment);
  if (total == nullptr && index == nullptr) return std::optional<ShardRequest>();
  if (total == nullptr || index == nullptr) {
    return refused(std::string(total == nullptr ? pair.index_name : pair.total_name) +
                   " is set without " + (total == nullptr ? pair.total_name : pair.index_name));
  }
  long long total_value = 0;
  long long index_value = 0;
  if (!whole_number(total, total_value) || total_value < 1) {
    return refused(std::string(pair.total_name) +
                   " must be a whole number of shards (1 or more), not '" + total + "'");
  }
  if (!whole_number(index, index_value)) {
    return refused(std::string(pair.index_name) + " must be a whole number (0 or more), not '" +
                   index + "'");
  }
  if (index_value >= total_value) {
    return refused(std::string(pair.index_name) + "=" + index + " is not below " + pair.total_name +
                   "=" + total + " (shards are numbered from 0)");
  }
  ShardRequest request;
  request.index = static_cast<int>(index_value);
  request.total = static_cast<int>(total_value);
  request.source =
      std::string(pair.index_name) + "=" + index + ", " + pair.total_name + "=" + total;
  const char* status = read_setting(pair.status_name, environment);
  if (status != nullptr && *status != '\0') request.status_files.emplace_back(status);
  return std::optional<ShardRequest>(request);
}

}  // namespace

Result<std::optional<ShardRequest>> shard_request(const Environment& environment) {
  const Result<std::optional<ShardRequest>> gtest = request_of(kGoogleTest, environment);
  if (!gtest) return gtest;
  const Result<std::optional<ShardRequest>> bazel = request_of(kBazel, environment);
  if (!bazel) return bazel;
  if (!gtest->has_value()) return bazel;
  if (!bazel->has_value()) return gtest;
  const ShardRequest& a = **gtest;
  const ShardRequest& b = **bazel;
  if (a.index != b.index || a.total != b.total) {
    return refused("the GoogleTest and Bazel shard variables disagree: " + a.source + ", but " +
                   b.source);
  }
  ShardRequest both = a;
  both.source = a.source + " (and " + b.source + ")";
  for (const std::string& file : b.status_files) {
    if (std::find(both.status_files.begin(), both.status_files.end(), file) ==
        both.status_files.end()) {
      both.status_files.push_back(file);
    }
  }
  return std::optional<ShardRequest>(both);
}

Status touch_status_files(const ShardRequest& request) {
  for (const std::string& path : request.status_files) {
    if (!touch_file(path)) {
      return Failure{Category::kOutput, errno_text("cannot touch the shard status file " + path)};
    }
  }
  return Status();
}

Result<ShardBalance> shard_balance(const std::string& executable, const Environment& environment) {
  ShardBalance balance;
  balance.executable = executable;
  const char* path = read_setting("KITTY_COSTS", environment);
  if (path == nullptr || *path == '\0') return balance;
  Result<CostData> costs = read_cost_data(path);
  if (!costs) return refused("KITTY_COSTS: " + costs.failure().message);
  balance.costs = std::move(costs.value());
  balance.costs_path = path;
  return balance;
}

std::optional<double> cost_of_file(const CostData& costs, const std::string& executable,
                                   const std::string& recorded) {
  std::vector<std::string> tails;  // the longest first
  size_t start = 0;
  while (start < recorded.size()) {
    while (start < recorded.size() && recorded[start] == '/') ++start;
    if (start == recorded.size()) break;
    const std::string tail = recorded.substr(start);
    if (tail.rfind("./", 0) != 0 && tail.rfind("../", 0) != 0) tails.push_back(tail);
    start = recorded.find('/', start);
  }
  // This binary's own row first, under any tail: a shorter tail of ours
  // beats a longer one that only another binary's row ends in.
  for (const std::string& tail : tails) {
    const auto own = costs.seconds.find(executable + "/" + tail);
    if (own != costs.seconds.end()) return own->second;
  }
  for (const std::string& tail : tails) {
    if (const std::optional<double> cost = cost_of_unit(costs, executable, tail)) return cost;
  }
  return std::nullopt;
}

FilePlan plan_files(const std::vector<ShardFile>& files, int total, const ShardBalance& balance) {
  std::vector<ShardItem> items;
  items.reserve(files.size());
  size_t recorded = 0;
  for (const ShardFile& file : files) {
    std::optional<double> weight = static_cast<double>(file.tests);
    if (balance.costs) {
      weight = cost_of_file(*balance.costs, balance.executable, file.file);
      if (weight) ++recorded;
    }
    items.push_back({file.file, weight});
  }
  FilePlan plan;
  plan.shard_of = assign_to_shards(items, total);
  if (!balance.costs) {
    plan.balanced_by = "by number of tests";
  } else {
    plan.balanced_by = "by cost from " + balance.costs_path + " (" + std::to_string(recorded) +
                       " of " + std::to_string(files.size()) + " files have a row";
    plan.balanced_by += recorded == files.size() ? ")" : "; the others weigh the median)";
  }
  return plan;
}

}  // namespace kitty::internal
