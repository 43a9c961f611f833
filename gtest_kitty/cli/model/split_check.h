// Whether a file can be split safely (SPLIT_FILES): what kitty cannot know
// by itself. Each test's outcome in the file run whole is compared with its
// outcomes run alone, a process and a fresh home each time, several times in
// shuffled order. A test that ends otherwise alone (or flips between
// repeats) is named; for one that passes whole but fails alone, the earlier
// test it needs is looked for. The command (split_check_command) runs the
// processes; this is what it concludes.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "cli/model/record_reader.h"

namespace kitty::cli {

enum class Outcome { kPassed, kFailed, kSkipped, kCrashed, kNotRun };

// "passed", "failed", "skipped", "crashed", "did not run".
std::string word_of(Outcome outcome);

// How `test` ended in the processes of one run (the first iteration):
// kCrashed when its process died in it, kNotRun when none ran it.
Outcome outcome_in(const std::vector<ProcessRecord>& records, const std::string& test);

// One test's outcomes: in the whole file, then alone, one per repeat.
struct TestOutcomes {
  std::string test;
  Outcome whole = Outcome::kNotRun;
  std::vector<Outcome> alone;
};

// A test that does not end alone as it does whole.
struct SplitProblem {
  std::string test;
  std::string finding;  // "passed whole, failed alone (3 of 3 runs)"
  // Passed whole and failed alone in every repeat: an earlier test of the
  // file is what it needs (dependency_text()).
  bool needs_earlier = false;
  std::string dependency;  // filled in by the command: dependency_text()
};

// The tests whose outcomes differ, in the order given; empty: safe.
std::vector<SplitProblem> compare_outcomes(const std::vector<TestOutcomes>& tests);

// `repeats` orders of `tests`, each shuffled by a generator seeded with
// `seed`: the same seed gives the same orders.
std::vector<std::vector<std::string>> shuffled_rounds(const std::vector<std::string>& tests,
                                                      int repeats, std::uint64_t seed);

// What a test needs, given the earlier tests after which (each alone before
// it) it passed: "passes only after Store.Open", "passes after any one of A,
// B", or "needs more than one earlier test" when no single one suffices.
std::string dependency_text(const std::vector<std::string>& sufficient);

}  // namespace kitty::cli
