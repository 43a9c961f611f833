// Which registered ctest tests each of N CI jobs runs: the plan behind
// `gtest-kitty shard`. Every registered test (kitty's and any other) is in
// exactly one share; a kitty unit is one test, so a file is never split
// across jobs. The shares are balanced by the cost file when one is given,
// else by each kitty unit's number of tests; a test with neither counts as
// the median of the others (common/shard_plan.h places them).
//
// The plan depends only on the registrations and the cost file, never on the
// machine (not on ctest's CTestCostData.txt, nor on a COST property it set),
// so every job computes the same one.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli/model/registry.h"
#include "common/cost_data.h"

namespace kitty::cli {

struct Shares {
  std::vector<int> shard_of;   // per registered test, in ctest's order
  std::vector<double> weight;  // what placed it (seconds or tests; unknowns as the median)
  std::string weighed_by;      // "recorded cost" or "number of tests"
  size_t unknown = 0;          // tests weighed as the median
  std::string fingerprint;     // 16 hex digits of the names, weights and N
};

// `tests_of_unit`: each kitty unit's number of tests, by ctest name (from
// the binaries' listings), used when there is no cost file.
Shares plan_shares(const Registry& registry, const internal::CostData* costs,
                   const std::map<std::string, long long>& tests_of_unit, int total);

// A short stable digest (FNV-1a, 64 bits, as 16 hex digits) of `text`: the
// plan's and the cost file's fingerprints.
std::string digest_of(const std::string& text);

}  // namespace kitty::cli
