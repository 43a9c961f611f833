// kitty_add_tests registers one ctest test per source file, named
// <target>/<path relative to the source dir>, and ctest -j runs them green.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace kitty_it
