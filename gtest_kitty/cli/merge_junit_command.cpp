#include "merge_junit_command.h"

#include <fmt/format.h>
#include <pugixml.hpp>

#include <filesystem>

#include "ctest_junit.h"
#include "registry.h"

namespace kitty::cli {
namespace {

// The report a registered test writes: its --gtest_output=xml:PATH.
std::string report_of(const RegisteredTest& test) {
  for (const std::string& word : test.command) {
    if (word.rfind("--gtest_output=xml:", 0) == 0) return word.substr(19);
  }
  return {};
}

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

// What ctest printed for each test, from its own JUnit report.
Expected<std::map<std::string, std::string>> ctest_outputs(const std::string& path) {
  std::map<std::string, std::string> outputs;
  if (path.empty()) return outputs;
  const Expected<std::vector<CtestCase>> cases = read_ctest_junit(path);
  if (!cases) return Unexpected<Error>(cases.error());
  for (const CtestCase& test : *cases) outputs[test.name] = test.output;
  return outputs;
}

// A failed case standing for a process that left no readable report.
void add_missing(pugi::xml_node root, const std::string& name, const std::string& why,
                 const std::string& output, Totals& totals) {
  pugi::xml_node suite = root.append_child("testsuite");
  suite.append_attribute("name") = name.c_str();
  for (const char* zero : {"errors", "disabled", "skipped"}) suite.append_attribute(zero) = 0;
  suite.append_attribute("tests") = 1;
  suite.append_attribute("failures") = 1;
  pugi::xml_node testcase = suite.append_child("testcase");
  testcase.append_attribute("name") = name.c_str();
  testcase.append_attribute("classname") = "gtest-kitty";
  testcase.append_attribute("status") = "run";
  testcase.append_attribute("result") = "completed";
  pugi::xml_node failure = testcase.append_child("failure");
  failure.append_attribute("message") = why.c_str();
  failure.append_child(pugi::node_pcdata).set_value(why.c_str());
  if (!output.empty())
    testcase.append_child("system-out").append_child(pugi::node_pcdata).set_value(output.c_str());
  totals.tests += 1;
  totals.failures += 1;
}

}  // namespace

CLI::App* add_merge_junit_command(CLI::App& app, MergeJunitOptions& options) {
  CLI::App* merge = app.add_subcommand("merge-junit", "Merge the per-file JUnit reports of a run");
  merge->add_option("--test-dir", options.test_dir, "The build tree (default: .)")
      ->check(CLI::ExistingDirectory);
  merge->add_option("-o,--output", options.output, "The merged report to write")->required();
  merge
      ->add_option("--ctest-junit", options.ctest_junit,
                   "ctest's --output-junit of the same run: output of processes without a report")
      ->check(CLI::ExistingFile);
  return merge;
}

Expected<int> run_merge_junit_command(const MergeJunitOptions& options) {
  const Expected<Registry> registry = load_registry(options.test_dir);
  if (!registry) return Unexpected<Error>(registry.error());
  const Expected<std::map<std::string, std::string>> outputs = ctest_outputs(options.ctest_junit);
  if (!outputs) return Unexpected<Error>(outputs.error());

  pugi::xml_document merged;
  pugi::xml_node root = merged.append_child("testsuites");
  Totals totals;
  size_t reports = 0;
  size_t missing = 0;
  for (const RegisteredTest& test : registry->tests) {
    if (!test.kitty_selector || test.disabled) continue;
    const std::string report = report_of(test);
    if (report.empty()) {
      return fail(test.name +
                  " writes no XML report: register it with kitty_add_tests(... "
                  "XML_OUTPUT_DIR <dir>)");
    }
    pugi::xml_document document;
    const pugi::xml_parse_result parsed = document.load_file(report.c_str());
    const auto found = outputs->find(test.name);
    const std::string output = found != outputs->end() ? found->second : "";
    if (!parsed || !document.child("testsuites")) {
      const std::string why =
          std::filesystem::exists(report)
              ? fmt::format("unreadable report {}: {}", report, parsed.description())
              : "no report: the process crashed, was killed or timed out before writing one";
      fmt::print("gtest-kitty merge-junit: {}: {}\n", test.name, why);
      add_missing(root, test.name, why, output, totals);
      ++missing;
      continue;
    }
    for (const pugi::xml_node& suite : document.child("testsuites").children("testsuite")) {
      root.append_copy(suite);
      totals.add(suite);
    }
    ++reports;
  }
  root.prepend_attribute("name") = "gtest-kitty";
  root.append_attribute("tests") = totals.tests;
  root.append_attribute("failures") = totals.failures;
  root.append_attribute("errors") = totals.errors;
  root.append_attribute("disabled") = totals.disabled;
  root.append_attribute("skipped") = totals.skipped;
  root.append_attribute("time") = totals.time;
  if (!merged.save_file(options.output.c_str(), "  ")) {
    return fail("cannot write " + options.output);
  }
  fmt::print(
      "gtest-kitty merge-junit: {} reports, {} missing (failed cases), {} tests, {} "
      "failures -> {}\n",
      reports, missing, totals.tests, totals.failures, options.output);
  return missing == 0 ? 0 : 1;
}

}  // namespace kitty::cli
