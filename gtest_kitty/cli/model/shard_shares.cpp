#include "cli/model/shard_shares.h"

#include <fmt/format.h>

#include <cstdint>

#include "common/shard_plan.h"

namespace kitty::cli {

std::string digest_of(const std::string& text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", hash);
}

Shares plan_shares(const Registry& registry, const internal::CostData* costs,
                   const std::map<std::string, long long>& tests_of_unit, int total) {
  std::vector<internal::ShardItem> items;
  items.reserve(registry.tests.size());
  Shares shares;
  shares.weighed_by = costs != nullptr ? "recorded cost" : "number of tests";
  for (const RegisteredTest& test : registry.tests) {
    std::optional<double> weight;
    if (costs != nullptr) {
      if (const auto found = costs->seconds.find(test.name); found != costs->seconds.end()) {
        weight = found->second;
      }
    } else if (const auto found = tests_of_unit.find(test.name); found != tests_of_unit.end()) {
      weight = static_cast<double>(found->second);
    }
    shares.unknown += weight ? 0 : 1;
    items.push_back({test.name, weight});
  }
  shares.weight = internal::with_known_weights(items);
  shares.shard_of = internal::assign_to_shards(items, total);
  std::string plan = fmt::format("{}\n{}\n", total, shares.weighed_by);
  for (size_t i = 0; i < items.size(); ++i) {
    plan += fmt::format("{}\t{}\n", items[i].name, shares.weight[i]);
  }
  shares.fingerprint = digest_of(plan);
  return shares;
}

}  // namespace kitty::cli
