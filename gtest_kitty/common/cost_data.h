// Recorded durations of ctest tests, in CTest's own cost-data format (the
// Testing/Temporary/CTestCostData.txt it keeps): one line per test,
// "<name> <runs> <average seconds>", then an optional "---" and the names of
// tests that failed last (ignored here). A name may hold spaces: the last two
// words of a line are the numbers.
//
// One file serves every consumer: kitty_add_tests(COST_DATA) sets each test's
// COST from it, `gtest-kitty shard --costs` and a binary's in-binary split
// (KITTY_COSTS) balance shards by it, and `gtest-kitty costs` writes it. It is
// small, sorted and meant to be committed: a clean CI checkout has no
// CTestCostData.txt of its own.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "common/status.h"

namespace kitty::internal {

struct CostData {
  std::map<std::string, double> seconds;  // by ctest test name
  std::map<std::string, long long> runs;  // how many runs each average is over
};

// Parses `text`; `origin` names it in errors. A line that is not
// "<name> <runs> <seconds>" (or a negative, infinite or NaN cost) is a
// kUsage failure naming the file and the line.
Result<CostData> parse_cost_data(const std::string& text, const std::string& origin);

// Reads and parses the file at `path` (a kUsage failure when it cannot be read).
Result<CostData> read_cost_data(const std::string& path);

// The file's text: one line per test, sorted by name, costs to the
// millisecond, so a re-measured file differs from the committed one only
// where a test's duration changed.
std::string format_cost_data(const CostData& data);

// The recorded cost of a kitty unit seen from inside its binary, which knows
// its file but not its ctest name ("<prefix><target>/<file>"): the row named
// "<executable>/<file>" (kitty_add_tests' name without a TEST_PREFIX), else
// the one row whose name ends in "/<file>" or is <file>; none when there is no
// such row or several (a file of the same name in two targets).
std::optional<double> cost_of_unit(const CostData& data, const std::string& executable,
                                   const std::string& file);

}  // namespace kitty::internal
