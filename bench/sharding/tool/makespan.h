// The ways a registry of ctest tests is split over N jobs, and each way's
// makespan: the summed recorded cost of its slowest job. The lower bound no
// split can beat is max(total / N, the longest single ctest test), since a
// ctest test (a kitty unit: a file) is never split.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace shard_bench {

// One GoogleTest test of a kitty binary, in its binary's run order: the
// ctest test (unit) it belongs to and its share of the unit's work.
struct GtestTest {
  std::string binary;
  std::string name;  // Suite.Test
  double units = 0;
  std::string ctest_name;
};

struct Registry {
  std::vector<std::string> names;         // ctest's test-number order
  std::map<std::string, double> seconds;  // each name's recorded cost
  std::vector<GtestTest> tests;           // every binary's tests, run order
};

// A split: each job's summed cost.
struct Split {
  std::string method;
  std::vector<double> loads;
  double makespan() const;
};

struct Bound {
  double total = 0;
  double longest = 0;
  std::string longest_name;
  double value(int jobs) const;  // max(total / jobs, longest)
};

Bound bound_of(const Registry& registry);

// ctest -I <j+1>,,N in job j: test number i (1-based) to job (i - 1) % N.
Split stride_split(const Registry& registry, int jobs);

// 32-bit FNV-1a of the ctest name, mod N.
std::uint32_t fnv1a(const std::string& text);
Split hash_split(const Registry& registry, int jobs);

// GoogleTest's GTEST_TOTAL_SHARDS/GTEST_SHARD_INDEX in every binary: its k-th
// test (run order) to job k % N; a test costs its unit's recorded cost times
// its share of the unit's units. Empty with `error` set when a registered
// name has no tests or a test names an unregistered unit.
Split modulo_split(const Registry& registry, int jobs, std::string& error);

// A split given as "<job> <ctest name>" lines (gtest-kitty shard --list,
// one job after another); `error` is set unless every registered name is in
// exactly one job of 0..N-1.
Split listed_split(const Registry& registry, int jobs, const std::string& method,
                   const std::string& listing, std::string& error);

}  // namespace shard_bench
