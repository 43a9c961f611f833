#include "cli/model/split_check.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <random>

namespace kitty::cli {

std::string word_of(Outcome outcome) {
  switch (outcome) {
    case Outcome::kPassed:
      return "passed";
    case Outcome::kFailed:
      return "failed";
    case Outcome::kSkipped:
      return "skipped";
    case Outcome::kCrashed:
      return "crashed";
    case Outcome::kNotRun:
      break;
  }
  return "did not run";
}

Outcome outcome_in(const std::vector<ProcessRecord>& records, const std::string& test) {
  for (const ProcessRecord& record : records) {
    for (const RecordedTest& recorded : record.tests) {
      if (recorded.iteration != 0 || recorded.name != test) continue;
      switch (recorded.result) {
        case TestResult::kPassed:
          return Outcome::kPassed;
        case TestResult::kFailed:
          return Outcome::kFailed;
        case TestResult::kSkipped:
          return Outcome::kSkipped;
        case TestResult::kInterrupted:
          return Outcome::kCrashed;
      }
    }
  }
  return Outcome::kNotRun;
}

std::vector<SplitProblem> compare_outcomes(const std::vector<TestOutcomes>& tests) {
  std::vector<SplitProblem> problems;
  for (const TestOutcomes& test : tests) {
    if (test.alone.empty()) continue;
    const auto differs = [&test](Outcome alone) { return alone != test.whole; };
    const long long differing = std::count_if(test.alone.begin(), test.alone.end(), differs);
    if (differing == 0) continue;
    // The outcome seen alone most often, to name.
    std::map<Outcome, int> seen;
    for (const Outcome alone : test.alone) {
      if (alone != test.whole) ++seen[alone];
    }
    const Outcome alone = std::max_element(seen.begin(), seen.end(), [](auto& a, auto& b) {
                            return a.second < b.second;
                          })->first;
    SplitProblem problem;
    problem.test = test.test;
    const bool flips = static_cast<size_t>(differing) < test.alone.size();
    problem.finding = fmt::format(
        "{} whole, {} alone ({} of {} runs alone{})", word_of(test.whole), word_of(alone),
        differing, test.alone.size(),
        flips ? fmt::format("; {} in the others: it flips between repeats", word_of(test.whole))
              : "");
    problem.needs_earlier = test.whole == Outcome::kPassed && !flips;
    problems.push_back(std::move(problem));
  }
  return problems;
}

std::vector<std::vector<std::string>> shuffled_rounds(const std::vector<std::string>& tests,
                                                      int repeats, std::uint64_t seed) {
  // mt19937_64 and a Fisher-Yates of our own: std::shuffle's use of the
  // generator is the library's choice, and a seed must reproduce anywhere.
  std::mt19937_64 generator(seed);
  std::vector<std::vector<std::string>> rounds;
  for (int round = 0; round < repeats; ++round) {
    std::vector<std::string> order = tests;
    for (size_t i = order.size(); i > 1; --i) {
      const size_t j = static_cast<size_t>(generator() % i);
      std::swap(order[i - 1], order[j]);
    }
    rounds.push_back(std::move(order));
  }
  return rounds;
}

std::string dependency_text(const std::vector<std::string>& sufficient) {
  if (sufficient.empty()) {
    return "needs more than one earlier test (no single earlier test of the file makes it pass)";
  }
  if (sufficient.size() == 1) return "passes only after " + sufficient.front();
  return fmt::format("passes after any one of {}", fmt::join(sufficient, ", "));
}

}  // namespace kitty::cli
