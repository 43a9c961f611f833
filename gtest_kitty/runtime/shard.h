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

#include "common/cost_data.h"
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

// What the files are weighed by: the costs of KITTY_COSTS (the cost file
// `gtest-kitty costs` writes, in CTest's format), looked up under this
// binary's name, else their number of tests.
struct ShardBalance {
  std::optional<CostData> costs;
  std::string costs_path;  // as KITTY_COSTS gives it
  std::string executable;  // the binary's file name: <target> of its ctest names
};

// The balance for a shard run of `executable`. KITTY_COSTS naming a file
// that cannot be read or parsed is a kShard failure naming the file (and the
// line): a shard planned without the costs the other jobs use would run
// other files than they expect it to.
Result<ShardBalance> shard_balance(const std::string& executable,
                                   const Environment& environment = process_variable);

// The recorded cost of the file GoogleTest recorded as `recorded` (the
// defining __FILE__: absolute, or relative to where it was compiled) in
// `costs`. A ctest name holds the file relative to the SOURCE_ROOT, which
// the binary does not know: each tail of the path is tried, the longest
// first ("/src/kv/tests/a.cpp": "src/kv/tests/a.cpp", "kv/tests/a.cpp",
// "tests/a.cpp", "a.cpp"), each as cost_of_unit looks it up.
std::optional<double> cost_of_file(const CostData& costs, const std::string& executable,
                                   const std::string& recorded);

// One source file of the binary, and how many tests it defines.
struct ShardFile {
  std::string file;  // as recorded (__FILE__)
  size_t tests = 0;
};

struct FilePlan {
  std::vector<int> shard_of;  // for each file, in the files' order
  std::string balanced_by;    // for the shard line: "by number of tests", "by cost from ..."
};

// The shard of each file: by recorded cost (a file without a row weighs the
// median of the known ones), else by number of tests.
FilePlan plan_files(const std::vector<ShardFile>& files, int total, const ShardBalance& balance);

}  // namespace kitty::internal
