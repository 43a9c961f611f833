#include "cli/model/shard_junit.h"

#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "cli/counted.h"
#include "cli/model/process_end.h"
#include "cli/model/record_reader.h"

namespace kitty::cli {
namespace {

struct Counts {
  long long tests = 0, failures = 0, disabled = 0, skipped = 0;
  double time = 0;
};

// A <testsuite> for one ctest test of one shard; its counts are set by close_suite.
pugi::xml_node open_suite(pugi::xml_node root, const std::string& name, const ShardOutput& shard) {
  pugi::xml_node suite = root.append_child("testsuite");
  suite.append_attribute("name") = name.c_str();
  pugi::xml_node property = suite.append_child("properties").append_child("property");
  property.append_attribute("name") = "gtest-kitty.job";
  property.append_attribute("value") =
      shard_job_name(shard.manifest.index, shard.manifest.total).c_str();
  return suite;
}

void close_suite(pugi::xml_node suite, const Counts& counts, ShardJunitTotals& totals) {
  suite.append_attribute("tests") = counts.tests;
  suite.append_attribute("failures") = counts.failures;
  suite.append_attribute("disabled") = counts.disabled;
  suite.append_attribute("skipped") = counts.skipped;
  suite.append_attribute("errors") = 0;
  suite.append_attribute("time") = counts.time;
  totals.tests += counts.tests;
  totals.failures += counts.failures;
  totals.disabled += counts.disabled;
  totals.skipped += counts.skipped;
  totals.time += counts.time;
  ++totals.ctest_tests;
}

pugi::xml_node add_case(pugi::xml_node suite, const std::string& test, const std::string& file,
                        double seconds) {
  const size_t dot = test.find('.');
  pugi::xml_node testcase = suite.append_child("testcase");
  testcase.append_attribute("name") =
      (dot == std::string::npos ? test : test.substr(dot + 1)).c_str();
  testcase.append_attribute("classname") =
      (dot == std::string::npos ? file : test.substr(0, dot)).c_str();
  testcase.append_attribute("file") = file.c_str();
  testcase.append_attribute("time") = seconds;
  return testcase;
}

void add_failure(pugi::xml_node testcase, const std::string& message, const std::string& output) {
  pugi::xml_node failure = testcase.append_child("failure");
  failure.append_attribute("message") = message.c_str();
  failure.append_child(pugi::node_pcdata).set_value(message.c_str());
  if (!output.empty())
    testcase.append_child("system-out").append_child(pugi::node_pcdata).set_value(output.c_str());
}

CtestCase ctest_case_of(const pugi::xml_node& node) {
  CtestCase test;
  test.name = node.attribute("name").value();
  test.seconds = node.attribute("time").as_double();
  test.output = node.child("system-out").text().get();
  const std::string status = node.attribute("status").value();
  const std::string why = node.child("skipped").attribute("message").value();
  test.status = status == "run"              ? CtestStatus::kPassed
                : status == "fail"           ? CtestStatus::kFailed
                : status == "disabled"       ? CtestStatus::kDisabled
                : why.rfind("SKIP_", 0) == 0 ? CtestStatus::kSkipped
                                             : CtestStatus::kNotRun;
  return test;
}

// A kitty process, test by test from its record; the process's own failure
// outside any test (an exit code, a crash between tests) as one more case.
void add_recorded(pugi::xml_node suite, const ProcessRecord& record, const CtestCase& ctest,
                  Counts& counts) {
  const ProcessEndText end = describe_end(&record, {&ctest, "", 0});
  bool failure_shown = false;
  for (const RecordedTest& test : record.tests) {
    pugi::xml_node testcase = add_case(suite, test.name, record.name,
                                       static_cast<double>(test.end_us - test.start_us) / 1e6);
    ++counts.tests;
    counts.time += static_cast<double>(test.end_us - test.start_us) / 1e6;
    switch (test.result) {
      case TestResult::kPassed:
        break;
      case TestResult::kSkipped:
        testcase.append_child("skipped");
        ++counts.skipped;
        break;
      case TestResult::kFailed:
        add_failure(testcase, test.message, "");
        ++counts.failures;
        failure_shown = true;
        break;
      case TestResult::kInterrupted:
        add_failure(testcase, fmt::format("the process {} in it", end.how), ctest.output);
        ++counts.failures;
        failure_shown = true;
        break;
    }
  }
  if (counts_as_failure(ctest.status) && !failure_shown) {
    add_failure(add_case(suite, record.name, record.name, ctest.seconds),
                fmt::format("failed outside any test: the process {}", end.how), ctest.output);
    ++counts.tests;
    ++counts.failures;
  }
}

// A ctest test without a record (not kitty's, or it left none): ctest's case.
void add_ctest_case(pugi::xml_node suite, const pugi::xml_node& node, const CtestCase& ctest,
                    Counts& counts) {
  pugi::xml_node testcase = suite.append_copy(node);
  testcase.remove_attribute("file");
  testcase.append_attribute("file") = ctest.name.c_str();
  ++counts.tests;
  counts.time += ctest.seconds;
  if (ctest.status == CtestStatus::kSkipped) ++counts.skipped;
  if (ctest.status == CtestStatus::kDisabled) ++counts.disabled;
  if (counts_as_failure(ctest.status)) {
    ++counts.failures;
    if (!testcase.child("failure")) {
      testcase.append_child("failure").append_attribute("message") =
          ctest.status == CtestStatus::kNotRun ? "ctest: not run" : "ctest: failed";
    }
  }
}

// The GoogleTest report the process wrote (XML_OUTPUT_DIR), as the job
// copied it into reports/: its suites as they are, each with the job's
// property. False, and nothing added, when there is none, it does not parse
// (the process died writing it) or it has no case (a quarantined unit).
bool add_gtest_report(pugi::xml_node root, const ShardOutput& shard, const std::string& name,
                      ShardJunitTotals& totals) {
  const auto found = shard.manifest.reports.find(name);
  if (found == shard.manifest.reports.end()) return false;
  pugi::xml_document report;
  if (!report.load_file((shard.dir + "/" + found->second).c_str())) return false;
  const pugi::xml_node suites = report.child("testsuites");
  if (!suites.find_node(
          [](const pugi::xml_node& node) { return std::string(node.name()) == "testcase"; })) {
    return false;
  }
  for (const pugi::xml_node& gtest_suite : suites.children("testsuite")) {
    pugi::xml_node suite = root.append_copy(gtest_suite);
    pugi::xml_node properties = suite.child("properties");
    if (!properties) properties = suite.prepend_child("properties");
    pugi::xml_node property = properties.append_child("property");
    property.append_attribute("name") = "gtest-kitty.job";
    property.append_attribute("value") =
        shard_job_name(shard.manifest.index, shard.manifest.total).c_str();
    totals.tests += suite.attribute("tests").as_llong();
    totals.failures +=
        suite.attribute("failures").as_llong() + suite.attribute("errors").as_llong();
    totals.disabled += suite.attribute("disabled").as_llong();
    totals.skipped += suite.attribute("skipped").as_llong();
    totals.time += suite.attribute("time").as_double();
  }
  ++totals.ctest_tests;
  ++totals.from_reports;
  return true;
}

// The last record of each ctest test the shard ran; none when it recorded
// nothing (no kitty tests in its share).
std::map<std::string, const ProcessRecord*> records_of(const ShardOutput& shard) {
  std::map<std::string, const ProcessRecord*> by_name;
  for (const ProcessRecord& record : shard.records) by_name[record.name] = &record;
  return by_name;
}

}  // namespace

Expected<ShardJunitTotals> merge_shard_junit(const ShardSet& set, pugi::xml_node root) {
  ShardJunitTotals totals;
  for (const ShardOutput& shard : set.shards) {
    if (shard.manifest.share.empty())
      continue;  // an empty share runs nothing and leaves no junit.xml
    const std::string where =
        fmt::format("{}: {}", shard.dir, shard_job_name(shard.manifest.index, set.total));
    std::error_code error;
    const std::string junit = shard.dir + "/junit.xml";
    if (!std::filesystem::exists(junit, error)) {
      return fail(
          fmt::format("{} has {} in its share but no junit.xml: it did not finish, or did "
                      "not upload it",
                      where, counted(std::ssize(shard.manifest.share), "test")));
    }
    pugi::xml_document document;
    const pugi::xml_parse_result parsed = document.load_file(junit.c_str());
    if (!parsed || !document.child("testsuite")) {
      return fail(fmt::format("{}: its junit.xml is not ctest's JUnit report ({}): truncated?",
                              where, parsed ? "no <testsuite>" : parsed.description()));
    }
    const std::map<std::string, const ProcessRecord*> records = records_of(shard);
    std::set<std::string> reported;
    for (const pugi::xml_node& node : document.child("testsuite").children("testcase")) {
      const CtestCase ctest = ctest_case_of(node);
      reported.insert(ctest.name);
      if (add_gtest_report(root, shard, ctest.name, totals)) continue;
      pugi::xml_node suite = open_suite(root, ctest.name, shard);
      Counts counts;
      const auto record = records.find(ctest.name);
      if (record != records.end() && !record->second->tests.empty()) {
        add_recorded(suite, *record->second, ctest, counts);
        ++totals.from_records;
      } else {
        add_ctest_case(suite, node, ctest, counts);
      }
      close_suite(suite, counts, totals);
    }
    for (const std::string& name : shard.manifest.share) {
      if (reported.count(name)) continue;
      const std::string why =
          fmt::format("in the share of {}, but not in its junit.xml: ctest did not report it",
                      shard_job_name(shard.manifest.index, set.total));
      fmt::print("gtest-kitty merge-junit: {}: {}\n", name, why);
      pugi::xml_node suite = open_suite(root, name, shard);
      add_failure(add_case(suite, name, name, 0), why, "");
      close_suite(suite, {1, 1, 0, 0, 0}, totals);
      ++totals.lost;
    }
  }
  return totals;
}

}  // namespace kitty::cli
