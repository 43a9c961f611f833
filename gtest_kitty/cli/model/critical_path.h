// The one unit that bounds a parallel run: when the longest unit (a ctest
// test: a file, or a piece of a split file) takes longer than the total time
// shared out evenly over -j N, no schedule can beat it, and the speed-up is
// capped at total / longest whatever N is. bench, timeline and the ratchet
// say so, with the SPLIT_FILES option that would lift the cap; they say
// nothing when no unit bounds the run.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/model/record_reader.h"

namespace kitty::cli {

// How long one unit of a run took.
struct UnitTime {
  std::string name;      // the ctest test: <prefix><target>/<file>, or <...>/<file>:<Suite.Test>
  std::string selector;  // "--kitty_file=<file>", "--kitty_test=S.T", "--kitty_suite=S"
  double seconds = 0;
  int tests = 0;  // the tests it ran (0: unknown)
};

// The unit that bounds the run, and what can be done about it.
struct BoundingUnit {
  UnitTime unit;
  int jobs = 1;
  double total_seconds = 0;  // all units together: the serial time
  double share = 0;          // unit.seconds / total_seconds
  double bound = 0;          // total / longest: the best speed-up any -j can reach
  std::string target;        // the CMake target, when the name tells it; empty: unknown
  std::string file;          // as SPLIT_FILES takes it (relative as registered); empty: unknown
  enum class Split { kFile, kSuitePiece, kTestPiece } split = Split::kFile;
  // Nothing left to split: a test piece, or a unit that ran a single test.
  bool splittable() const;
};

// Each process of a run (its first iteration) as a unit: launch to end.
std::vector<UnitTime> unit_times_of(const std::vector<ProcessRecord>& records);

// Several runs of the same units as one: each unit's median.
std::vector<UnitTime> median_unit_times(const std::vector<std::vector<UnitTime>>& runs);

// The longest unit when it bounds a run at -j `jobs` (longer than the sum of
// all over `jobs`); nullopt when none does.
std::optional<BoundingUnit> find_bounding_unit(const std::vector<UnitTime>& units, int jobs);

// What a person reads: the unit, its share, the bound against the ideal N,
// and either the SPLIT_FILES option and the split-check to run first, or why
// it cannot be split further. Lines end in "\n"; empty when `bounding` is
// nullopt.
std::string describe_bounding(const std::optional<BoundingUnit>& bounding);

}  // namespace kitty::cli
