// SPLIT_FILES (issue 12, part 2): one heavy file registered by test, one by
// suite, the others whole (tests/projects/split, built by the fixture); and
// the faults discovery and configure must refuse, naming the file.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "cli/model/registry.h"
#include "gtest_xml.h"
#include "projects.h"

namespace kitty_it {
namespace {

using Strings = std::vector<std::string>;

const std::string kOdd = "by suite [x] $'\xc3\xa9_test.cpp";

std::string split_build() { return work_path("split"); }

Strings sorted(Strings values) {
  std::sort(values.begin(), values.end());
  return values;
}

Strings heavy_pieces(const std::string& prefix) {
  Strings names;
  for (const char* test :
       {"Store.Open", "Store.Close", "Scan.Full", "Scan.DISABLED_Slow", "Typed/0.Works",
        "Typed/1.Works", "Values/Param.Positive/0", "Values/Param.Positive/1"}) {
    names.push_back(prefix + "heavy_test.cpp:" + test);
  }
  return names;
}

TEST(SplitFiles, CtestNamesEachPieceAfterItsFile) {
  Strings expected = heavy_pieces("split_tests/");
  for (const std::string& name : {"split_tests/" + kOdd + ":Alpha", "split_tests/" + kOdd + ":Beta",
                                  std::string("split_tests/light_test.cpp"),
                                  std::string("pre/split_traits_tests/light_test.cpp")}) {
    expected.push_back(name);
  }
  for (const char* suite : {"Store", "Scan", "Typed/0", "Typed/1", "Values/Param"}) {
    expected.push_back(std::string("pre/split_traits_tests/heavy_test.cpp:") + suite);
  }
  EXPECT_EQ(sorted(registered_tests(split_build())), sorted(expected));
}

// Under ctest -j2 each piece runs exactly its own tests (its XML report),
// and together they run every enabled test of the binary once.
TEST(SplitFiles, CtestJ2RunsEachPieceExactlyItsTests) {
  const std::string xml_dir = split_build() + "/xml";
  std::filesystem::remove_all(xml_dir);
  const CtestRun run = run_ctest(split_build(), {"-j2", "-R", "^split_tests/"});
  EXPECT_EQ(run.process.exit_code, 0) << run.process.output;
  ASSERT_EQ(run.outcomes.size(), 11u) << run.process.output;
  for (const auto& [name, outcome] : run.outcomes) {
    const bool disabled = name.find("DISABLED_") != std::string::npos;
    EXPECT_EQ(outcome, disabled ? "Disabled" : "Passed") << name;
  }

  std::map<std::string, Strings> ran_by_report;
  Strings all_ran;
  for (const std::string& report : xml_reports_below(xml_dir)) {
    const std::string relative = std::filesystem::relative(report, xml_dir).generic_string();
    for (const ExecutedTest& test : executed_tests(report)) {
      ran_by_report[relative].push_back(test.name);
      all_ran.push_back(test.name);
    }
  }
  EXPECT_EQ(ran_by_report["split_tests/heavy_test.cpp_Store.Open.xml"], Strings{"Store.Open"});
  EXPECT_EQ(ran_by_report["split_tests/heavy_test.cpp_Typed/1.Works.xml"],
            Strings{"Typed/1.Works"});
  EXPECT_EQ(ran_by_report["split_tests/heavy_test.cpp_Values/Param.Positive/0.xml"],
            Strings{"Values/Param.Positive/0"});
  EXPECT_EQ(ran_by_report["split_tests/" + kOdd + "_Alpha.xml"],
            (Strings{"Alpha.One", "Alpha.Two"}));
  EXPECT_EQ(ran_by_report["split_tests/" + kOdd + "_Beta.xml"], Strings{"Beta.One"});
  EXPECT_EQ(ran_by_report["split_tests/light_test.cpp.xml"], (Strings{"Light.One", "Light.Two"}));
  EXPECT_EQ(sorted(all_ran),
            sorted({"Store.Open", "Store.Close", "Scan.Full", "Typed/0.Works", "Typed/1.Works",
                    "Values/Param.Positive/0", "Values/Param.Positive/1", "Alpha.One", "Alpha.Two",
                    "Beta.One", "Light.One", "Light.Two"}));
}

TEST(SplitFiles, CtestRByTheFileSelectsEveryPiece) {
  const CtestRun run = run_ctest(split_build(), {"-j2", "-R", "heavy_test"});
  EXPECT_EQ(run.process.exit_code, 0) << run.process.output;
  Strings selected;
  for (const auto& [name, outcome] : run.outcomes) selected.push_back(name);
  Strings expected = heavy_pieces("split_tests/");
  for (const char* suite : {"Store", "Scan", "Typed/0", "Typed/1", "Values/Param"}) {
    expected.push_back(std::string("pre/split_traits_tests/heavy_test.cpp:") + suite);
  }
  EXPECT_EQ(sorted(selected), sorted(expected));
}

bool has(const Strings& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// Each piece gets what its file's unit would have had: labels (marker and
// FILE_LABELS), TIMEOUT, its own COST, ports, and the file it belongs to.
TEST(SplitFiles, PiecesGetTheirFilesProperties) {
  const auto registry = kitty::cli::load_registry(split_build());
  ASSERT_TRUE(registry) << registry.error().message;
  std::map<std::string, const kitty::cli::RegisteredTest*> by_name;
  for (const kitty::cli::RegisteredTest& test : registry->tests) by_name[test.name] = &test;

  const auto* open = by_name["split_tests/heavy_test.cpp:Store.Open"];
  ASSERT_NE(open, nullptr);
  EXPECT_EQ(*open->kitty_selector, "--kitty_test=Store.Open");
  EXPECT_EQ(sorted(open->labels), (Strings{"from_cmake", "heavy", "split"}));
  EXPECT_EQ(open->timeout, 120);
  EXPECT_EQ(open->cost, 2.5);
  EXPECT_EQ(open->split_file, "heavy_test.cpp");
  EXPECT_EQ(kitty::cli::unit_file(*open), "heavy_test.cpp");
  EXPECT_TRUE(has(open->environment, "KITTY_SPLIT_FILE=heavy_test.cpp"));
  EXPECT_TRUE(by_name["split_tests/heavy_test.cpp:Scan.DISABLED_Slow"]->disabled);

  const auto* alpha = by_name["split_tests/" + kOdd + ":Alpha"];
  ASSERT_NE(alpha, nullptr);
  EXPECT_EQ(*alpha->kitty_selector, "--kitty_suite=Alpha");
  EXPECT_EQ(alpha->split_file, kOdd);
  EXPECT_EQ(alpha->labels, Strings{"split"});

  const auto* light = by_name["split_tests/light_test.cpp"];
  ASSERT_NE(light, nullptr);
  EXPECT_EQ(*light->kitty_selector, "--kitty_file=light_test.cpp");
  EXPECT_EQ(light->split_file, "");
  EXPECT_EQ(kitty::cli::unit_file(*light), "light_test.cpp");
  EXPECT_EQ(light->cost, 0.5);

  const auto* store = by_name["pre/split_traits_tests/heavy_test.cpp:Store"];
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(has(store->environment, "KITTY_PORT_UNIT=1"));
  EXPECT_TRUE(has(store->labels, "heavy"));
  EXPECT_FALSE(has(store->labels, "quarantined"));
  EXPECT_TRUE(has(by_name["pre/split_traits_tests/light_test.cpp"]->labels, "quarantined"));
}

ProcessResult cli(const Strings& args) {
  Strings argv = {cli_path()};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessOptions options;
  options.unset_environment = {"KITTY_RECORD_DIR", "KITTY_HOME_BASE", "KITTY_RUN_ID"};
  return run_process(argv, options);
}

TEST(SplitFiles, EquivalenceProvesEveryTestRunsOnce) {
  const ProcessResult run = cli({"equivalence", "--test-dir", split_build()});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("split_tests (12 tests, 11 registered units): equivalent"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("split_traits_tests (9 tests, 6 registered units): equivalent"),
            std::string::npos)
      << run.output;
}

TEST(SplitFiles, RunOfASplitFileNamesItsPieces) {
  const ProcessResult run =
      cli({"run", "--test-dir", split_build(), "split_tests", "heavy_test.cpp"});
  EXPECT_NE(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("heavy_test.cpp is split (SPLIT_FILES) into 8 registrations"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("split_tests/heavy_test.cpp:Store.Open"), std::string::npos)
      << run.output;
}

// `list --json` gives every piece its file, also the odd-named one split by
// suite, and the whole file its own: a tool grouping by file needs it.
TEST(SplitFiles, ListJsonNamesEachPiecesFile) {
  const ProcessResult run = cli({"list", "--json", "--test-dir", split_build()});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const nlohmann::json listed = nlohmann::json::parse(run.output, nullptr, false);
  ASSERT_FALSE(listed.is_discarded()) << run.output;
  std::map<std::string, std::string> file_of;
  for (const nlohmann::json& test : listed.at("tests")) {
    file_of[test.at("name")] =
        test.at("file").is_string() ? test.at("file").get<std::string>() : "";
  }
  EXPECT_EQ(file_of["split_tests/heavy_test.cpp:Store.Open"], "heavy_test.cpp");
  EXPECT_EQ(file_of["split_tests/light_test.cpp"], "light_test.cpp");
  size_t odd_pieces = 0;
  for (const auto& [name, file] : file_of) {
    if (name.starts_with("split_tests/" + kOdd + ":")) {
      ++odd_pieces;
      EXPECT_EQ(file, kOdd) << name;
    }
  }
  EXPECT_GT(odd_pieces, 0u) << run.output;
}

// The faults: a configure of the project with its faulty targets, each built
// on its own (its POST_BUILD discovery must fail).
const std::string& faults_project() {
  static const std::string dir = [] {
    const std::string build = scratch_dir("split_faults");
    const ProcessResult configured = run_process(
        {"cmake", "-S", std::string(std::getenv("KITTY_IT_SOURCE_DIR")) + "/tests/projects/split",
         "-B", build, "-G", "Ninja", "-DCMAKE_PREFIX_PATH=" + work_path("install"),
         "-DKITTY_SPLIT_FAULTS=ON"});
    if (configured.exit_code != 0) ADD_FAILURE() << configured.output;
    return build;
  }();
  return dir;
}

std::string failed_build(const std::string& target) {
  const ProcessResult built =
      run_process({"cmake", "--build", faults_project(), "--target", target});
  EXPECT_NE(built.exit_code, 0) << built.output;
  return collapse_whitespace(built.output);
}

TEST(SplitFaults, SuiteSpanningASplitAndAWholeFileFailsDiscoveryNamingBoth) {
  const std::string output = failed_build("split_suite_conflict");
  EXPECT_NE(output.find("it exited with code 65"), std::string::npos) << output;
  EXPECT_NE(output.find("suite Shared is split by suite out of conflict_a_test.cpp but also has "
                        "tests in conflict_b_test.cpp"),
            std::string::npos)
      << output;
}

TEST(SplitFaults, SplitNamingNoFileOfTheTargetFailsDiscoveryNamingIt) {
  const std::string output = failed_build("split_no_file");
  EXPECT_NE(
      output.find("gtest_kitty: cannot list units: --kitty_split=heavy_test.cpp names no source "
                  "file with tests"),
      std::string::npos)
      << output;
  EXPECT_NE(output.find("SPLIT_FILES names files relative to"), std::string::npos) << output;
}

std::string failed_configure(const std::string& option) {
  const std::string build = scratch_dir("split_" + option);
  const ProcessResult configured = run_process(
      {"cmake", "-S", std::string(std::getenv("KITTY_IT_SOURCE_DIR")) + "/tests/projects/split",
       "-B", build, "-G", "Ninja", "-DCMAKE_PREFIX_PATH=" + work_path("install"),
       "-D" + option + "=ON"});
  EXPECT_NE(configured.exit_code, 0) << configured.output;
  return collapse_whitespace(configured.output);
}

TEST(SplitFaults, BadGranularityWordFailsTheConfigureNamingIt) {
  const std::string output = failed_configure("KITTY_SPLIT_BAD_WORD");
  EXPECT_NE(output.find("kitty_add_tests(split_tests): SPLIT_FILES entry 'heavy_test.cpp=tset' "
                        "ends in '=tset'"),
            std::string::npos)
      << output;
}

TEST(SplitFaults, SplitWithAnotherGranularityFailsTheConfigure) {
  const std::string output = failed_configure("KITTY_SPLIT_BAD_GRANULARITY");
  EXPECT_NE(output.find("SPLIT_FILES needs GRANULARITY file, not 'suite'"), std::string::npos)
      << output;
}

}  // namespace
}  // namespace kitty_it
