// The reason for file granularity: kvstore's migration tests share a store
// across the tests of their file. Under kitty they pass; registered one
// process per test (gtest_discover_tests, or kitty's GRANULARITY test) the
// same tests fail. This proves the file-granular run is what keeps them
// working, not luck.
#include <gtest/gtest.h>

#include "projects.h"

namespace kitty_it {
namespace {

TEST(FileState, MigrationFilePassesUnderKitty) {
  const CtestRun run = run_ctest(work_path("kvstore"), {"-j4", "-R", "migration"});
  EXPECT_EQ(
      run.outcomes,
      (std::map<std::string, std::string>{{"kvstore_tests/tests/migration_test.cpp", "Passed"}}));
}

TEST(FileState, SameTestsFailWhenRegisteredPerTest) {
  const CtestRun run = run_ctest(work_path("kvstore-per-test"), {"-j4", "-R", "Migrations"});
  EXPECT_EQ(run.outcomes, (std::map<std::string, std::string>{
                              {"Migrations.V1CreatesMetadata", "Passed"},
                              {"Migrations.V2AddsIndexOnTopOfV1", "Failed"},
                              {"Migrations.DataSurvivesMigrations", "Failed"},
                              {"kitty_per_test/Migrations.V1CreatesMetadata", "Passed"},
                              {"kitty_per_test/Migrations.V2AddsIndexOnTopOfV1", "Failed"},
                              {"kitty_per_test/Migrations.DataSurvivesMigrations", "Failed"}}));
}

TEST(FileState, OtherFilesPassPerTestToo) {
  // The per-test failures above are the shared state's, not the harness's.
  const CtestRun run = run_ctest(work_path("kvstore-per-test"), {"-j4", "-E", "Migrations"});
  ASSERT_FALSE(run.outcomes.empty());
  for (const auto& [name, outcome] : run.outcomes) {
    // The sample skips one test as root and disables one.
    const bool skips = name.find("LogOnReadOnlyMediaIsSkipped") != std::string::npos;
    const bool disabled = name.find("HugeStore") != std::string::npos;
    const std::string expected = disabled ? "Disabled" : skips ? "Skipped" : "Passed";
    EXPECT_EQ(outcome, expected) << name;
  }
}

}  // namespace
}  // namespace kitty_it
