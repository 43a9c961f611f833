// Bad input to kitty_add_tests() stops configure, or the build (discovery),
// with one clear message, never with a silently wrong registration.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

#include "projects.h"

namespace kitty_it {
namespace {

struct Mistake {
  std::string name;
  std::string message;    // what the error must say
  bool at_build = false;  // discovery finds it, not configure
};

class BadInput : public testing::TestWithParam<Mistake> {};

TEST_P(BadInput, IsAClearError) {
  const Mistake& mistake = GetParam();
  const std::string build = scratch_dir("bad_input_" + mistake.name);
  const char* source = std::getenv("KITTY_IT_SOURCE_DIR");
  ASSERT_NE(source, nullptr);
  const ProcessResult configured = run_process(
      {"cmake", "-S", std::string(source) + "/tests/projects/bad_input", "-B", build, "-G", "Ninja",
       "-DCMAKE_PREFIX_PATH=" + work_path("install"), "-DMISTAKE=" + mistake.name});
  ProcessResult failed = configured;
  if (mistake.at_build) {
    ASSERT_EQ(configured.exit_code, 0) << configured.output;
    failed = run_process({"cmake", "--build", build});
  }
  EXPECT_NE(failed.exit_code, 0);
  EXPECT_NE(collapse_whitespace(failed.output).find(mistake.message), std::string::npos)
      << failed.output;
}

INSTANTIATE_TEST_SUITE_P(
    Mistakes, BadInput,
    testing::Values(
        Mistake{"unknown_argument", "kitty_add_tests(bad_tests): unknown argument(s): LABLES"},
        Mistake{"granularity", "GRANULARITY must be file, suite or test, not 'directory'"},
        Mistake{"timeout", "TIMEOUT must be a number of seconds, not 'soon'"},
        Mistake{"not_executable",
                "kitty_add_tests: 'not_an_executable' is a STATIC_LIBRARY, not an executable"},
        Mistake{"file_labels_syntax", "FILE_LABELS entry 'bad_test.cpp' is not"},
        Mistake{"file_labels_unknown_file",
                "FILE_LABELS of bad_tests names no_such_test.cpp, which has no tests", true},
        Mistake{"port_range_reversed",
                "port range '9449-9400' must be FIRST-LAST with 1 <= FIRST <= LAST <= 65535"},
        Mistake{"port_block_size", "port block size 7 does not divide the 50 ports of 9400-9449"},
        Mistake{"port_overlap",
                "port range 9440-9459 (blocks of 20) overlaps kitty's range "
                "9400-9449/50"},
        Mistake{"bad_spec", "project-spec.json is not valid"},
        Mistake{"port_files_unknown_file",
                "PORT_FILES of bad_tests names no_such_test.cpp, which has no tests", true}),
    [](const testing::TestParamInfo<Mistake>& param) { return param.param.name; });

// Configures (and builds, unless told not to) one mistake of the project.
std::string configured(const std::string& mistake, bool build) {
  const std::string dir = scratch_dir("bad_input_" + mistake);
  const ProcessResult configure = run_process(
      {"cmake", "-S", std::string(std::getenv("KITTY_IT_SOURCE_DIR")) + "/tests/projects/bad_input",
       "-B", dir, "-G", "Ninja", "-DCMAKE_PREFIX_PATH=" + work_path("install"),
       "-DMISTAKE=" + mistake});
  EXPECT_EQ(configure.exit_code, 0) << configure.output;
  if (build) {
    const ProcessResult built = run_process({"cmake", "--build", dir});
    EXPECT_EQ(built.exit_code, 0) << built.output;
  }
  return dir;
}

TEST(ResourceSpec, MergesTheProjectsOwnResourceTypes) {
  const std::string dir = configured("project_spec", false);
  std::ifstream in(dir + "/kitty-resources.json");
  const nlohmann::json spec = nlohmann::json::parse(in);
  const nlohmann::json& local = spec.at("local").at(0);
  EXPECT_EQ(local.at("gpus"), nlohmann::json::parse(R"([{"id":"gpu0","slots":2}])"));
  EXPECT_EQ(local.at("kitty_ports_9400_9449"),
            nlohmann::json::parse(R"([{"id":"block_9400_9449","slots":1}])"));
}

TEST(StandIn, TargetWithoutTestsRegistersAFailingTestThatSaysSo) {
  const std::string dir = configured("empty_target", true);
  const CtestRun run = run_ctest(dir, {"--output-on-failure"});
  EXPECT_EQ(run.outcomes, (std::map<std::string, std::string>{{"empty_tests/NO_TESTS", "Failed"}}));
  EXPECT_NE(run.process.output.find("gtest_kitty: empty_tests has no tests"), std::string::npos)
      << run.process.output;
}

TEST(StandIn, AllowEmptyRegistersNothing) {
  const std::string dir = configured("empty_allowed", true);
  EXPECT_EQ(registered_tests(dir), std::vector<std::string>{});
}

TEST(StandIn, TargetNotBuiltYetRegistersAFailingTestThatSaysSo) {
  const std::string dir = configured("not_built", false);
  const CtestRun run = run_ctest(dir, {"--output-on-failure"});
  EXPECT_EQ(run.outcomes, (std::map<std::string, std::string>{{"bad_tests/NOT_BUILT", "Failed"}}));
  EXPECT_NE(run.process.output.find("gtest_kitty: bad_tests is not built"), std::string::npos)
      << run.process.output;
}

}  // namespace
}  // namespace kitty_it
