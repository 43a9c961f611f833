// How units are spread over N shards: one rule for the in-binary split
// (runtime/shard.h, GoogleTest's and Bazel's variables) and for CI jobs
// (`gtest-kitty shard`), so the two never disagree on a plan.
//
// The plan is a pure function of the units' names and weights: every job of
// a CI matrix, on any machine, computes the same one from the same binary or
// build tree and cost file, so the jobs together run every unit once.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kitty::internal {

// One unit to place: its name (the tie-break, so the plan never depends on
// the order units come in) and its weight (a recorded cost in seconds, or a
// number of tests); none when it has no recorded cost (see with_known_weights).
struct ShardItem {
  std::string name;
  std::optional<double> weight;
};

// Every item given a weight: one without counts as the median of the known
// ones (the upper median, so the result is one of the recorded values), or 1
// when none is known.
std::vector<double> with_known_weights(const std::vector<ShardItem>& items);

// The shard (0 to total - 1) of each item, in the items' order: heaviest
// first (then by name), each onto the least loaded shard (then the lowest).
std::vector<int> assign_to_shards(const std::vector<ShardItem>& items, int total);

}  // namespace kitty::internal
