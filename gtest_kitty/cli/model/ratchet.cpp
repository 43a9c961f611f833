#include "cli/model/ratchet.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <fstream>
#include <map>

#include "cli/counted.h"
#include "cli/model/process_end.h"
#include "cli/printable.h"

namespace kitty::cli {
namespace {

struct Tally {
  FailingTest test;
  std::set<int> failed;
};

using Tallies = std::map<std::pair<std::string, std::string>, Tally>;  // (where, name)

Tally& tally_of(Tallies& tallies, const std::string& where, const std::string& name) {
  Tally& tally = tallies[{where, name}];
  tally.test.where = where;
  tally.test.name = name;
  return tally;
}

void add_failure(Tally& tally, int run, const std::string& why, const std::string& rerun = "") {
  if (tally.failed.insert(run).second && tally.test.why.empty()) tally.test.why = why;
  if (tally.test.rerun.empty()) tally.test.rerun = rerun;
}

std::string how_it_ended(const CtestCase& test, const ProcessRecord* record, bool unnamed_records) {
  if (test.status == CtestStatus::kNotRun) return "ctest could not run it";
  if (record == nullptr && unnamed_records) {
    return "the process failed; no run record carries its name (a kitty binary registered by "
           "hand needs KITTY_CTEST_NAME=<its ctest name>; its failures are listed under its "
           "--kitty_ selector)";
  }
  if (record == nullptr) return "the process failed and left no run record";
  if (!record->exited) return "the process died (crash, kill or timeout) before its tests ended";
  return record->failed ? "a failure outside any test (an environment or suite set-up)"
                        : "the process exited non-zero after its tests passed";
}

// The reason, with ctest's own word for the end when it has one.
std::string with_status(const std::string& why, const RatchetRun& run, const std::string& test) {
  const auto status = run.statuses.find(test);
  return status == run.statuses.end() ? why : why + " [ctest: " + status->second + "]";
}

// How the process ended, for the test it died in: the launcher's word, else ctest's.
std::string died_text(const ProcessRecord& record, const RatchetRun& run, const CtestCase* ctest) {
  const auto status = run.statuses.find(record.name);
  const ProcessEndText end =
      describe_end(&record, {ctest, status == run.statuses.end() ? "" : status->second, 0});
  return "the process died in this test: " + end.how;
}

}  // namespace

RatchetVerdict judge_runs(const std::vector<RatchetRun>& runs,
                          const std::set<std::string>& baseline) {
  Tallies tallies;
  std::set<std::pair<std::string, std::string>> skipped;  // (where, name): skipped in some run
  std::map<std::pair<std::string, std::string>, std::set<int>> passes;  // the runs passed in
  RatchetVerdict verdict;
  verdict.runs = static_cast<int>(runs.size());
  for (size_t index = 0; index < runs.size(); ++index) {
    const int run = static_cast<int>(index) + 1;
    const RatchetRun& outcome = runs[index];
    std::multimap<std::string, const ProcessRecord*> records;
    for (const ProcessRecord& record : outcome.records) records.emplace(record.name, &record);
    std::set<std::string> ctest_names;
    for (const CtestCase& test : outcome.ctest) ctest_names.insert(test.name);
    const bool unnamed_records = std::any_of(
        outcome.records.begin(), outcome.records.end(),
        [&ctest_names](const ProcessRecord& r) { return ctest_names.count(r.name) == 0; });
    bool green = true;  // also red when a test failed in a process ctest passed
    // The passes and failures of one process's tests, under `where`; true
    // when any test of it is to blame for a failure.
    const auto tally_record = [&](const ProcessRecord& record, const std::string& where,
                                  const CtestCase* ctest) {
      bool blamed = false;
      for (const RecordedTest& recorded : record.tests) {
        if (recorded.result == TestResult::kPassed) passes[{where, recorded.name}].insert(run);
        if (recorded.result == TestResult::kSkipped) skipped.insert({where, recorded.name});
        if (recorded.result != TestResult::kFailed && recorded.result != TestResult::kInterrupted) {
          continue;
        }
        Tally& tally = tally_of(tallies, where, recorded.name);
        const bool died = recorded.result == TestResult::kInterrupted;
        tally.test.crashed |= died;
        add_failure(tally, run, died ? died_text(record, outcome, ctest) : recorded.message,
                    rerun_command(record, recorded.name));
        blamed = true;
        green = false;
      }
      return blamed;
    };
    for (const CtestCase& test : outcome.ctest) {
      bool blamed = false;
      const ProcessRecord* last = nullptr;
      const auto [first, end] = records.equal_range(test.name);
      for (auto it = first; it != end; ++it) {
        last = it->second;
        blamed |= tally_record(*it->second, test.name, &test);
      }
      // A process that passed counts as a pass of its ctest test too, so a
      // process-level failure in one run and a pass in another is FLAKY.
      if (test.status == CtestStatus::kPassed) passes[{test.name, test.name}].insert(run);
      // A ctest test skipped as a whole (a quarantined file) counts once,
      // unless its records already count its skipped tests.
      if (test.status == CtestStatus::kSkipped &&
          std::none_of(skipped.begin(), skipped.end(),
                       [&test](const auto& key) { return key.first == test.name; })) {
        skipped.insert({test.name, ""});
      }
      if (!counts_as_failure(test.status)) continue;
      green = false;
      if (!blamed) {
        Tally& tally = tally_of(tallies, test.name, test.name);
        tally.test.crashed |= last != nullptr && !last->exited;
        add_failure(tally, run,
                    with_status(how_it_ended(test, last, unnamed_records), outcome, test.name));
      }
    }
    // A record no ctest test is named by (a kitty binary registered by hand,
    // without KITTY_CTEST_NAME): its failures still count, under its own name.
    for (const ProcessRecord& record : outcome.records) {
      if (ctest_names.count(record.name) == 0) {
        tally_record(record, record.name, nullptr);
      }
    }
    if (green) ++verdict.green_runs;
  }
  std::set<std::string> failing_names;
  for (auto& [key, tally] : tallies) {
    tally.test.failed_runs.assign(tally.failed.begin(), tally.failed.end());
    const auto passed = passes.find(key);
    tally.test.passed = passed == passes.end() ? 0 : static_cast<int>(passed->second.size());
    tally.test.known = baseline.count(tally.test.name) > 0;
    failing_names.insert(tally.test.name);
    verdict.failing.push_back(std::move(tally.test));
  }
  for (const std::string& entry : baseline) {
    if (failing_names.count(entry) == 0) verdict.fixed.push_back(entry);
  }
  verdict.skipped = static_cast<int>(skipped.size());
  return verdict;
}

Expected<std::set<std::string>> read_baseline(const std::string& path) {
  std::ifstream in(path);
  if (!in) return fail(fmt::format("cannot read the baseline {}", path));
  std::set<std::string> names;
  std::string line;
  while (std::getline(in, line)) {
    const size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    names.insert(line.substr(first, line.find_last_not_of(" \t\r") - first + 1));
  }
  return names;
}

std::string baseline_text(const RatchetVerdict& verdict) {
  std::set<std::string> names;
  for (const FailingTest& test : verdict.failing) names.insert(test.name);
  std::string text =
      "# gtest-kitty ratchet baseline: tests known to fail or be flaky, one per line.\n";
  for (const std::string& name : names) text += name + "\n";
  return text;
}

std::string format_verdict(const RatchetVerdict& verdict) {
  std::string text;
  int known = 0, flaky = 0, crashed = 0;
  for (const FailingTest& test : verdict.failing) {
    known += test.known ? 1 : 0;
    flaky += test.flaky() ? 1 : 0;
    crashed += !test.flaky() && test.crashed ? 1 : 0;
    const std::string runs =
        test.flaky()
            ? fmt::format("failed in run {}, passed in {} of {}", fmt::join(test.failed_runs, ","),
                          test.passed, verdict.runs)
            : fmt::format("failed in run {} of {}", fmt::join(test.failed_runs, ","), verdict.runs);
    const char* kind = test.flaky() ? "FLAKY  " : test.crashed ? "CRASHED" : "FAILED ";
    text += fmt::format("{} {}  ({})  {}  {}\n       {}\n", kind, test.name, test.where, runs,
                        test.known ? "known" : "NEW",
                        test.why.empty() ? "(no message)" : printable(test.why));
    if (!test.rerun.empty()) text += fmt::format("       rerun: {}\n", test.rerun);
  }
  for (const std::string& name : verdict.fixed) {
    text += fmt::format(
        "FIXED   {}  in the baseline, failed in no run: drop it from the baseline\n", name);
  }
  // Each failing test counts once: flaky when it also passed, else crashed or failed.
  const int failing = static_cast<int>(verdict.failing.size());
  text += fmt::format(
      "gtest-kitty ratchet: {} of {} green; {} failed, {} crashed, {} flaky ({} new, {} "
      "known), {} skipped: {}\n",
      verdict.green_runs, counted(verdict.runs, "run"), counted(failing - flaky - crashed, "test"),
      crashed, flaky, failing - known, known, verdict.skipped,
      verdict.accepted() ? "ACCEPTED" : "REJECTED");
  return text;
}

}  // namespace kitty::cli
