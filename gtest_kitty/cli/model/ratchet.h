// The stability ratchet's verdict: given N parallel runs of a suite (ctest's
// view of each test plus the run records of the processes), which tests
// failed, in which runs, which of them are FLAKY (passed in some runs and
// failed in others), and which are new rather than known from a baseline.
// No test is ever retried: a run is what it was.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli/adapters/ctest_console.h"
#include "cli/adapters/ctest_junit.h"
#include "cli/expected.h"
#include "cli/model/record_reader.h"

namespace kitty::cli {

struct RatchetRun {
  std::vector<CtestCase> ctest;
  std::vector<ProcessRecord> records;
  std::map<std::string, std::string> statuses;  // ctest's word for each test's end
};

struct FailingTest {
  std::string name;              // the gtest name, or the ctest test when no test of it is to blame
  std::string where;             // the ctest test it ran in
  int passed = 0;                // runs it passed in
  std::vector<int> failed_runs;  // 1-based
  std::string why;               // the first failure's message, or how the process ended
  std::string rerun;             // the command that reruns just it; empty when unknown
  bool crashed = false;          // its process died in it (a signal, a kill, a timeout)
  bool known = false;            // listed in the baseline
  bool flaky() const { return passed > 0 && !failed_runs.empty(); }
};

struct RatchetVerdict {
  int runs = 0;
  int green_runs = 0;
  std::vector<FailingTest> failing;  // ordered by ctest test, then name
  std::vector<std::string> fixed;    // baseline entries that failed in no run
  int skipped = 0;                   // tests (or ctest tests) skipped in some run
  bool accepted() const { return runs > 0 && green_runs == runs; }
};

RatchetVerdict judge_runs(const std::vector<RatchetRun>& runs,
                          const std::set<std::string>& baseline);

// A baseline: one test name (gtest, or ctest for a process) per line; blank
// lines and lines starting with # are ignored.
Expected<std::set<std::string>> read_baseline(const std::string& path);
std::string baseline_text(const RatchetVerdict& verdict);

// The summary a person reads: one entry per failing test, FLAKY marked, new
// and known apart, with its failure (printable) and the command that reruns
// just it; then failed, crashed, flaky and skipped counts, each test in one.
std::string format_verdict(const RatchetVerdict& verdict);

}  // namespace kitty::cli
