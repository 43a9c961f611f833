#include "common/shard_plan.h"

#include <algorithm>
#include <numeric>

namespace kitty::internal {

std::vector<double> with_known_weights(const std::vector<ShardItem>& items) {
  std::vector<double> known;
  for (const ShardItem& item : items) {
    if (item.weight) known.push_back(*item.weight);
  }
  double stand_in = 1;
  if (!known.empty()) {
    const auto middle = known.begin() + static_cast<std::ptrdiff_t>(known.size() / 2);
    std::nth_element(known.begin(), middle, known.end());
    stand_in = *middle;
  }
  std::vector<double> weights;
  weights.reserve(items.size());
  for (const ShardItem& item : items) weights.push_back(item.weight.value_or(stand_in));
  return weights;
}

std::vector<int> assign_to_shards(const std::vector<ShardItem>& items, int total) {
  std::vector<int> shard_of(items.size(), 0);
  if (total <= 1) return shard_of;
  const std::vector<double> weight = with_known_weights(items);
  std::vector<size_t> order(items.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (weight[a] != weight[b]) return weight[a] > weight[b];
    return items[a].name < items[b].name;
  });
  // The least loaded shard, found by a scan: N is a CI matrix's width (tens),
  // and a heap's order among equal loads would need its own tie-break.
  std::vector<double> load(static_cast<size_t>(total), 0.0);
  for (const size_t item : order) {
    const auto least = std::min_element(load.begin(), load.end());  // the first of equals
    *least += weight[item];
    shard_of[item] = static_cast<int>(least - load.begin());
  }
  return shard_of;
}

}  // namespace kitty::internal
