#include "cli/commands/merge_junit_command.h"

#include <fmt/format.h>
#include <pugixml.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>

#include "cli/adapters/ctest_junit.h"
#include "cli/adapters/ctest_log.h"
#include "cli/counted.h"
#include "cli/model/process_end.h"
#include "cli/model/record_reader.h"
#include "cli/model/registry.h"
#include "cli/model/shard_junit.h"
#include "cli/model/shard_outputs.h"
#include "cli/model/unit_listing.h"

namespace kitty::cli {
namespace fs = std::filesystem;
namespace {

struct Totals {
  long long tests = 0, failures = 0, errors = 0, disabled = 0, skipped = 0;
  double time = 0;
  void add(const pugi::xml_node& suite) {
    tests += suite.attribute("tests").as_llong();
    failures += suite.attribute("failures").as_llong();
    errors += suite.attribute("errors").as_llong();
    disabled += suite.attribute("disabled").as_llong();
    skipped += suite.attribute("skipped").as_llong();
    time += suite.attribute("time").as_double();
  }
};

pugi::xml_node add_suite(pugi::xml_node root, const std::string& name, int tests, int failures,
                         int skipped) {
  pugi::xml_node suite = root.append_child("testsuite");
  suite.append_attribute("name") = name.c_str();
  suite.append_attribute("tests") = tests;
  suite.append_attribute("failures") = failures;
  suite.append_attribute("disabled") = 0;
  suite.append_attribute("skipped") = skipped;
  suite.append_attribute("errors") = 0;
  return suite;
}

pugi::xml_node add_case(pugi::xml_node suite, const std::string& test,
                        const std::string& fallback) {
  const size_t dot = test.find('.');
  pugi::xml_node testcase = suite.append_child("testcase");
  testcase.append_attribute("name") =
      (dot == std::string::npos ? fallback : test.substr(dot + 1)).c_str();
  testcase.append_attribute("classname") =
      (dot == std::string::npos ? std::string("gtest-kitty") : test.substr(0, dot)).c_str();
  return testcase;
}

// A failed case standing for a process that left no usable report: named
// after the test it died in when its record knows, else after the ctest test.
void add_missing(pugi::xml_node root, const RegisteredTest& unit, const ProcessEndText& end,
                 const std::string& why, const std::string& output, Totals& totals) {
  pugi::xml_node suite = add_suite(root, unit.name, 1, 1, 0);
  pugi::xml_node testcase = add_case(suite, end.died_in, unit.name);
  testcase.append_attribute("status") = "run";
  testcase.append_attribute("result") = "completed";
  testcase.append_attribute("file") = unit.name.c_str();
  pugi::xml_node failure = testcase.append_child("failure");
  failure.append_attribute("message") = why.c_str();
  failure.append_child(pugi::node_pcdata).set_value(why.c_str());
  if (!output.empty())
    testcase.append_child("system-out").append_child(pugi::node_pcdata).set_value(output.c_str());
  totals.tests += 1;
  totals.failures += 1;
}

// A quarantined unit runs nothing, and GoogleTest's report of it has no
// case: its tests, asked of the binary, as skipped cases.
Expected<void> add_quarantined(pugi::xml_node root, const RegisteredTest& unit, Totals& totals) {
  const ProgramCommand command = split_command(unit);
  KITTY_TRY(const std::vector<std::string> tests,
            list_unit_tests(command.program, unit.kitty_selector));
  pugi::xml_node suite =
      add_suite(root, unit.name, static_cast<int>(tests.size()), 0, static_cast<int>(tests.size()));
  for (const std::string& test : tests) {
    pugi::xml_node testcase = add_case(suite, test, test);
    testcase.append_attribute("status") = "notrun";
    testcase.append_attribute("result") = "skipped";
    testcase.append_attribute("file") = unit.name.c_str();
    testcase.append_child("skipped").append_attribute("message") =
        "quarantined (QUARANTINE_FILES): not run; KITTY_RUN_QUARANTINE=1 runs it";
  }
  totals.tests += static_cast<long long>(tests.size());
  totals.skipped += static_cast<long long>(tests.size());
  return {};
}

long long mtime_us(const std::string& path) {
  std::error_code error;
  const auto time = fs::last_write_time(path, error);
  if (error) return 0;
  // libstdc++'s file clock is the system clock moved by a fixed offset.
  const auto system = std::chrono::file_clock::to_sys(time);
  return std::chrono::duration_cast<std::chrono::microseconds>(system.time_since_epoch()).count();
}

// The records of the tree's newest run, by ctest test; none when the tree
// records nothing (no isolation).
std::multimap<std::string, ProcessRecord> records_by_test(const Registry& registry) {
  std::multimap<std::string, ProcessRecord> by_test;
  const Expected<std::string> dir = latest_record_dir(registry);
  if (!dir) return by_test;
  Expected<std::vector<ProcessRecord>> records = read_run_records(*dir);
  if (!records) return by_test;
  for (ProcessRecord& record : *records) by_test.emplace(record.name, std::move(record));
  return by_test;
}

void add_totals(pugi::xml_node root, long long tests, long long failures, long long errors,
                long long disabled, long long skipped, double time) {
  root.prepend_attribute("name") = "gtest-kitty";
  root.append_attribute("tests") = tests;
  root.append_attribute("failures") = failures;
  root.append_attribute("errors") = errors;
  root.append_attribute("disabled") = disabled;
  root.append_attribute("skipped") = skipped;
  root.append_attribute("time") = time;
}

// --shards: the N output directories of one run split over CI jobs.
Expected<int> merge_shards(const MergeJunitOptions& options) {
  KITTY_TRY(const ShardSet set, read_whole_shard_set(options.shards));
  pugi::xml_document merged;
  pugi::xml_node root = merged.append_child("testsuites");
  KITTY_TRY(const ShardJunitTotals totals, merge_shard_junit(set, root));
  add_totals(root, totals.tests, totals.failures, 0, totals.disabled, totals.skipped, totals.time);
  if (!merged.save_file(options.output.c_str(), "  ")) {
    return fail("cannot write " + options.output);
  }
  fmt::print(
      "gtest-kitty merge-junit: {} merged: {} ({} from GoogleTest reports, {} test by test "
      "from run records), {} lost (failed cases); {}, {}, {} skipped -> {}\n",
      counted(set.total, "job"), counted(static_cast<long long>(totals.ctest_tests), "ctest test"),
      totals.from_reports, totals.from_records, totals.lost, counted(totals.tests, "test"),
      counted(totals.failures, "failure"), totals.skipped, options.output);
  return totals.lost == 0 ? 0 : 1;
}

}  // namespace

CLI::App* add_merge_junit_command(CLI::App& app, MergeJunitOptions& options) {
  CLI::App* merge = app.add_subcommand("merge-junit", "Merge the per-file JUnit reports of a run");
  add_build_tree_options(*merge, options.test_dir, options.config);
  merge->add_option("-o,--output", options.output, "The merged report to write")->required();
  merge
      ->add_option("--ctest-junit", options.ctest_junit,
                   "ctest's --output-junit of the run to merge (default: ctest's last run there)")
      ->check(CLI::ExistingFile);
  merge
      ->add_option("--shards", options.shards,
                   "The output directories of every `gtest-kitty shard` job of one run, merged "
                   "instead of a build tree's run")
      ->excludes("--ctest-junit")
      ->excludes("--test-dir");
  return merge;
}

Expected<int> run_merge_junit_command(const MergeJunitOptions& options) {
  if (!options.shards.empty()) return merge_shards(options);
  // The run being merged: which tests it ran, and how ctest saw each end.
  // Read first: asking ctest for the registry rewrites its LastTest.log.
  Expected<std::vector<CtestCase>> read_cases = options.ctest_junit.empty()
                                                    ? read_last_ctest_log(options.test_dir)
                                                    : read_ctest_junit(options.ctest_junit);
  KITTY_TRY(const Registry registry, load_registry(options.test_dir, options.config));
  announce_config("merge-junit", registry);
  // What the registration lacks is said before a missing run: running ctest
  // first would not make such a tree mergeable.
  std::vector<const RegisteredTest*> units;
  for (const RegisteredTest& test : registry.tests) {
    if (!test.kitty_selector || test.disabled) continue;
    if (xml_report_of(test).empty()) {
      return fail(test.name +
                  " writes no XML report: register it with kitty_add_tests(... "
                  "XML_OUTPUT_DIR <dir>)");
    }
    units.push_back(&test);
  }
  if (units.empty()) {
    return fail(
        fmt::format("no kitty tests are registered in {}: nothing to merge", options.test_dir));
  }
  KITTY_TRY(const std::vector<CtestCase> cases, std::move(read_cases));
  std::map<std::string, const CtestCase*> ran;
  for (const CtestCase& test : cases) ran[test.name] = &test;
  const std::multimap<std::string, ProcessRecord> records = records_by_test(registry);

  pugi::xml_document merged;
  pugi::xml_node root = merged.append_child("testsuites");
  Totals totals;
  size_t reports = 0, missing = 0, not_run = 0, quarantine = 0;
  for (const RegisteredTest* unit : units) {
    const auto ctest = ran.find(unit->name);
    if (ctest == ran.end()) {
      ++not_run;  // not part of this run: neither a result nor a crash
      continue;
    }
    const ProcessRecord* record = nullptr;
    for (auto [it, end] = records.equal_range(unit->name); it != end; ++it) record = &it->second;
    const std::string report = xml_report_of(*unit);
    pugi::xml_document document;
    const pugi::xml_parse_result parsed = document.load_file(report.c_str());
    // A report older than this run's process is an earlier run's.
    const bool stale = record != nullptr && mtime_us(report) + 10'000 < record->launched_us;
    if (!parsed || !document.child("testsuites") || stale) {
      const ProcessEndText end = describe_end(record, {ctest->second, "", unit->timeout});
      std::error_code error;  // a report that cannot even be looked at is none
      const std::string why =
          !fs::exists(report, error) || stale
              ? fmt::format("no report: the process {}{}", end.how,
                            end.died_in.empty() ? "" : " in " + end.died_in)
              : fmt::format("unreadable report {}: {}", report, parsed.description());
      fmt::print("gtest-kitty merge-junit: {}: {}\n", unit->name, why);
      add_missing(root, *unit, end, why, ctest->second->output, totals);
      ++missing;
      continue;
    }
    const pugi::xml_node suites = document.child("testsuites");
    if (quarantined_unit(*unit) && !suites.find_node([](const pugi::xml_node& node) {
          return std::string(node.name()) == "testcase";
        })) {
      KITTY_TRY_VOID(add_quarantined(root, *unit, totals));
      ++quarantine;
      continue;
    }
    for (const pugi::xml_node& suite : suites.children("testsuite")) {
      root.append_copy(suite);
      totals.add(suite);
    }
    ++reports;
  }
  if (reports + missing + quarantine == 0) {
    return fail(fmt::format("the run merged ran none of the {} kitty tests of {}: nothing to merge",
                            units.size(), options.test_dir));
  }
  add_totals(root, totals.tests, totals.failures, totals.errors, totals.disabled, totals.skipped,
             totals.time);
  if (!merged.save_file(options.output.c_str(), "  ")) {
    return fail("cannot write " + options.output);
  }
  fmt::print(
      "gtest-kitty merge-junit: {}, {} quarantined, {} missing (failed cases), {} not run "
      "this time; {}, {}, {} skipped -> {}\n",
      counted(reports, "report"), quarantine, missing, not_run, counted(totals.tests, "test"),
      counted(totals.failures, "failure"), totals.skipped, options.output);
  return missing == 0 ? 0 : 1;
}

}  // namespace kitty::cli
