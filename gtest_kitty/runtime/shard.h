// Sharding by file: GoogleTest's protocol (GTEST_TOTAL_SHARDS,
// GTEST_SHARD_INDEX) and Bazel's (TEST_TOTAL_SHARDS, TEST_SHARD_INDEX), which
// CI matrices and `bazel test` with shard_count use to run one binary as N
// jobs. GoogleTest splits by test (a modulo over its run order), which breaks
// file-scoped state exactly as one ctest test per test does; a kitty binary
// splits by whole source file instead, so a file's tests always run together
// and in their order, in one shard.
//
// The assignment (common/shard_plan.h) is a pure function of the binary's
// tests and the cost file: the same on every machine that runs the same
// binary, so N jobs together run every file exactly once. Files are balanced
// by their recorded cost (KITTY_COSTS), else by their number of tests.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/settings.h"
#include "common/shard_plan.h"
#include "common/status.h"

namespace kitty::internal {

struct ShardRequest {
  int index = 0;  // 0-based, as both protocols number shards
  int total = 1;
  std::string source;                     // "GTEST_SHARD_INDEX=1, GTEST_TOTAL_SHARDS=4"
  std::vector<std::string> status_files;  // TEST_/GTEST_SHARD_STATUS_FILE, to be touched
};

// The request in `environment`, none when neither protocol is set. A bad
// one (one variable without the other, a value that is not a whole number,
// an index not below the total, GTEST_ and TEST_ values that disagree) is a
// kShard failure naming the variables.
Result<std::optional<ShardRequest>> shard_request(
    const Environment& environment = process_variable);

// Creates (or updates the time of) each status file: Bazel refuses a
// sharded test that does not, even one whose shard is empty. A kOutput
// failure when one cannot be written.
Status touch_status_files(const ShardRequest& request);

}  // namespace kitty::internal
