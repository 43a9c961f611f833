// kitty_add_tests registers one ctest test per source file, named
// <target>/<path relative to the source dir>, and ctest -j runs them green.
#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "projects.h"

namespace kitty_it {
namespace {

TEST(Registration, OneCtestTestPerSourceFile) {
  EXPECT_EQ(
      registered_tests(work_path("kvstore")),
      (std::vector<std::string>{
          "kvstore_tests/tests/store_test.cpp", "kvstore_tests/tests/wal_test.cpp",
          "kvstore_tests/tests/migration_test.cpp", "kvstore_tests/tests/compaction_test.cpp"}));
}

TEST(Registration, SampleSuitePassesUnderCtestJ) {
  const CtestRun run = run_ctest(work_path("kvstore"), {"-j4"});
  EXPECT_EQ(run.process.exit_code, 0) << run.process.output;
  EXPECT_EQ(run.outcomes, kvstore_all_passed());
}

TEST(Registration, LabelsFromCMakeAndFromCodeCombine) {
  const auto labels = registered_labels(work_path("features"));
  EXPECT_EQ(labels.at("features_tests/plain_test.cpp"),
            (std::vector<std::string>{"cmake_label", "code_label", "fast", "features"}));
  EXPECT_EQ(labels.at("features_tests/typed_test.cpp"), (std::vector<std::string>{"features"}));
  EXPECT_EQ(labels.at("mock_tests/plain_test.cpp"),
            (std::vector<std::string>{"code_label", "fast"}));
}

TEST(Registration, LabelSelectionWorksLikeMarkerExpressions) {
  // ctest -L fast -LE cmake_label: the code label, minus the CMake label.
  const CtestRun run = run_ctest(work_path("features"), {"-L", "fast", "-LE", "cmake_label"});
  EXPECT_EQ(run.outcomes,
            (std::map<std::string, std::string>{{"mock_tests/plain_test.cpp", "Passed"},
                                                {"custom_main_tests/Plain", "Passed"},
                                                {"custom_main_tests/PlainFixture", "Passed"}}));
}

TEST(Registration, CostComesFromRecordedDurations) {
  // tests/projects/features/ctest-costs.txt, in ctest's cost-data format.
  const ProcessResult shown =
      run_process({"ctest", "--test-dir", work_path("features"), "--show-only=json-v1"});
  const nlohmann::json tests = nlohmann::json::parse(shown.output).at("tests");
  std::map<std::string, double> costs;
  for (const auto& test : tests) {
    for (const auto& property : test.value("properties", nlohmann::json::array())) {
      // Other targets take ctest's own record of earlier runs, if any.
      const std::string name = test.at("name");
      if (property.at("name") == "COST" && name.rfind("features_tests/", 0) == 0) {
        costs[name] = property.at("value");
      }
    }
  }
  EXPECT_EQ(costs, (std::map<std::string, double>{{"features_tests/death_test.cpp", 9.5},
                                                  {"features_tests/typed_test.cpp", 0.25}}));
}

TEST(Registration, SuiteGranularityNamesUnitsBySuite) {
  std::vector<std::string> custom;
  for (const std::string& name : registered_tests(work_path("features"))) {
    if (name.rfind("custom_main_tests/", 0) == 0) custom.push_back(name);
  }
  EXPECT_EQ(custom,
            (std::vector<std::string>{"custom_main_tests/AllSkipped", "custom_main_tests/Plain",
                                      "custom_main_tests/PlainFixture"}));
}

// tests/projects/odd_names: file names and option values with ; [ ] ]=] $ '
// " and spaces (issue 9, items 8 to 11).
const std::map<std::string, std::string> kOddNamesAllPassed = {
    {"odd[odd_tests/x[1]_test.cpp", "Passed"},
    {"odd[odd_tests/semi;colon_test.cpp", "Passed"},
    {"odd[odd_tests/quote's $dollar sp_test.cpp", "Passed"},
    {"odd[odd_tests/open[_test.cpp", "Passed"},
    {"closer_tests/bracket]=]close_test.cpp", "Passed"},
    {"outside_tests/near_test.cpp", "Passed"},
    {"outside_tests/@up1/elsewhere/far_test.cpp", "Passed"}};

TEST(OddNames, EveryFileRegistersOnceAndPassesUnderCtestJ) {
  // Item 8 (a "[" or "]" in a file name), item 9 (a ";"), and a TEST_PREFIX
  // with "[" (item 10): each file one test of its own, green.
  const CtestRun run = run_ctest(work_path("odd_names"), {"-j2", "--output-on-failure"});
  EXPECT_EQ(run.process.exit_code, 0) << run.process.output;
  EXPECT_EQ(run.outcomes, kOddNamesAllPassed);
}

TEST(OddNames, EnvironmentValuesWithBracketsAndSemicolonsArriveWhole) {
  // Item 10: ENVIRONMENT "ODD_BRACKET=x]=]y" "ODD_SEMI=a;b" "ODD_OPEN=[z"...,
  // checked by the test itself, and kitty's own variables still follow.
  const CtestRun run =
      run_ctest(work_path("odd_names"), {"-R", "semi.colon", "--output-on-failure"});
  EXPECT_EQ(run.outcomes,
            (std::map<std::string, std::string>{{"odd[odd_tests/semi;colon_test.cpp", "Passed"}}))
      << run.process.output;
}

TEST(OddNames, LabelsKeepBracketsAndSemicolons) {
  // Item 10: KITTY_LABELS("x]=", "[open", "semi;label") in code, LABELS and
  // FILE_LABELS with "]=" and ";" in CMake.
  const auto labels = registered_labels(work_path("odd_names"));
  EXPECT_EQ(labels.at("odd[odd_tests/open[_test.cpp"),
            (std::vector<std::string>{"[open", "cmake;semi", "cmake]=", "file]label", "semi;label",
                                      "x]="}));
  EXPECT_EQ(labels.at("odd[odd_tests/x[1]_test.cpp"),
            (std::vector<std::string>{"cmake;semi", "cmake]="}));
}

TEST(OddNames, CostsOfNamesWithBracketsAreRead) {
  // tests/projects/odd_names/odd-costs.txt: a "[" in one line of the cost
  // data must not swallow the lines after it.
  const ProcessResult shown =
      run_process({"ctest", "--test-dir", work_path("odd_names"), "--show-only=json-v1"});
  const nlohmann::json tests = nlohmann::json::parse(shown.output).at("tests");
  std::map<std::string, double> costs;
  for (const auto& test : tests) {
    for (const auto& property : test.value("properties", nlohmann::json::array())) {
      const std::string name = test.at("name");
      if (property.at("name") == "COST" && name.rfind("odd[", 0) == 0) {
        costs[name] = property.at("value");
      }
    }
  }
  EXPECT_EQ(costs, (std::map<std::string, double>{{"odd[odd_tests/x[1]_test.cpp", 2.5},
                                                  {"odd[odd_tests/semi;colon_test.cpp", 1.5},
                                                  {"odd[odd_tests/open[_test.cpp", 0.5}}))
      << shown.output;
}

TEST(OddNames, BinarySelectsFilesByNamesWithSemicolonsAndBrackets) {
  const std::map<std::string, std::string> listed = {
      {"semi;colon_test.cpp",
       "Semicolon.\n  EnvironmentValuesArriveIntact\n  KittyVariablesFollow\n"},
      {"open[_test.cpp", "OpenBracket.\n  Runs\n"},
      {"x[1]_test.cpp", "BalancedBrackets.\n  Runs\n"}};
  for (const auto& [file, tests] : listed) {
    const ProcessResult run = run_process(
        {work_path("odd_names/odd_tests"), "--kitty_file=" + file, "--gtest_list_tests"});
    EXPECT_EQ(run.exit_code, 0) << file;
    EXPECT_EQ(run.output, tests) << file;
  }
}

TEST(OddNames, SourcesOutsideTheSourceRootAreNamedWithoutDotDot) {
  // Item 11: named by how far above SOURCE_ROOT they are; FILE_LABELS finds
  // them by their path; their XML report lands under that name.
  const auto labels = registered_labels(work_path("odd_names"));
  EXPECT_EQ(labels.at("outside_tests/@up1/elsewhere/far_test.cpp"),
            std::vector<std::string>{"far"});
  for (const auto& [name, outcome] : labels) EXPECT_EQ(name.find(".."), std::string::npos) << name;
  const CtestRun run = run_ctest(work_path("odd_names"), {"-R", "^outside_tests/"});
  EXPECT_EQ(run.outcomes.at("outside_tests/@up1/elsewhere/far_test.cpp"), "Passed")
      << run.process.output;
  EXPECT_TRUE(std::filesystem::exists(
      work_path("odd_names/xml/outside_tests/@up1/elsewhere/far_test.cpp.xml")));
}

}  // namespace
}  // namespace kitty_it
