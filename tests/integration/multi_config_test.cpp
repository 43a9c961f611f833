// A multi-config build tree (Ninja Multi-Config; the fixture builds Debug and
// Release and leaves RelWithDebInfo unbuilt): ctest -C runs the tests of that
// configuration, plain ctest says what to pass instead of failing on an
// include, and every gtest-kitty subcommand that reads a build tree takes -C,
// defaults as docs/reference.md says, and refuses a configuration that is
// not built. Also: the generated files of an empty build type are named
// without a dangling "-".
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "cli/model/registry.h"
#include "projects.h"

namespace kitty_it {
namespace {

namespace fs = std::filesystem;
using kitty::cli::BuildConfigurations;
using kitty::cli::Registry;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string tree() { return work_path("multi_config"); }

// This test's own kitty run must not reach the runs it starts (its record
// directory or home base would collect theirs).
ProcessOptions inner_run() {
  ProcessOptions options;
  options.unset_environment = {"KITTY_RECORD_DIR", "KITTY_HOME_BASE", "KITTY_RUN_ID"};
  return options;
}

ProcessResult tool(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {cli_path()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, inner_run());
}

// The last non-empty line of `text`: the tools' one-line errors.
std::string last_line(const std::string& text) {
  const size_t end = text.find_last_not_of('\n');
  if (end == std::string::npos) return {};
  const size_t start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1,
                     end - (start == std::string::npos ? 0 : start + 1) + 1);
}

const std::map<std::string, std::string> kAllPassed = {
    {"multi_config_tests/build_test.cpp", "Passed"},
    {"multi_config_tests/config_test.cpp", "Passed"}};

TEST(MultiConfig, CtestWithConfigRunsThatConfigurationsBinary) {
  for (const std::string config : {"Debug", "Release", "debug"}) {
    const CtestRun run = run_ctest(tree(), {"-C", config, "-j2", "-V"});
    EXPECT_EQ(run.process.exit_code, 0) << run.process.output;
    EXPECT_EQ(run.outcomes, kAllPassed) << run.process.output;
    const bool debug = config != "Release";
    EXPECT_TRUE(contains(run.process.output, debug ? "Config.IsDebug" : "Config.IsOptimised"))
        << run.process.output;
    EXPECT_FALSE(contains(run.process.output, debug ? "Config.IsOptimised" : "Config.IsDebug"))
        << run.process.output;
  }
}

TEST(MultiConfig, CtestWithoutConfigSaysWhatToPass) {
  const CtestRun run = run_ctest(tree(), {"--output-on-failure"});
  EXPECT_NE(run.process.exit_code, 0) << run.process.output;
  EXPECT_FALSE(contains(run.process.output, "could not find")) << run.process.output;
  EXPECT_EQ(run.outcomes,
            (std::map<std::string, std::string>{{"multi_config_tests/NO_CONFIG", "Failed"}}))
      << run.process.output;
  EXPECT_TRUE(contains(collapse_whitespace(run.process.output),
                       "gtest_kitty: multi_config_tests: this build tree is multi-config: run "
                       "ctest -C <config> (one of Debug, Release, RelWithDebInfo)"))
      << run.process.output;
}

TEST(MultiConfig, CtestWithAnUnknownConfigSaysSo) {
  const CtestRun run = run_ctest(tree(), {"-C", "Fast", "--output-on-failure"});
  EXPECT_NE(run.process.exit_code, 0) << run.process.output;
  EXPECT_EQ(run.outcomes,
            (std::map<std::string, std::string>{{"multi_config_tests/NO_CONFIG", "Failed"}}))
      << run.process.output;
  EXPECT_TRUE(contains(collapse_whitespace(run.process.output),
                       "gtest_kitty: multi_config_tests: ctest -C Fast is not a configuration of "
                       "this build tree (one of Debug, Release, RelWithDebInfo)"))
      << run.process.output;
  // A configuration of the tree that is not built: kitty's usual stand-in.
  const CtestRun unbuilt = run_ctest(tree(), {"-C", "RelWithDebInfo"});
  EXPECT_EQ(unbuilt.outcomes,
            (std::map<std::string, std::string>{{"multi_config_tests/NOT_BUILT", "Failed"}}))
      << unbuilt.process.output;
}

TEST(MultiConfig, ListTakesConfig) {
  const ProcessResult listed = tool({"list", "--test-dir", tree(), "-C", "Release"});
  EXPECT_EQ(listed.exit_code, 0) << listed.output;
  EXPECT_TRUE(contains(listed.output, "multi_config_tests/build_test.cpp\n")) << listed.output;
  EXPECT_TRUE(contains(listed.output, "multi_config_tests/config_test.cpp\n")) << listed.output;
  EXPECT_TRUE(contains(listed.output,
                       "2 tests registered, 2 of them kitty units (configuration Release)\n"))
      << listed.output;
}

TEST(MultiConfig, EquivalenceAsksTheBinaryOfThatConfig) {
  for (const std::string config : {"Debug", "Release"}) {
    const ProcessResult checked = tool({"equivalence", "--test-dir", tree(), "--config", config});
    EXPECT_EQ(checked.exit_code, 0) << checked.output;
    EXPECT_TRUE(contains(checked.output, "/" + config + "/multi_config_tests (3 tests, "))
        << checked.output;
    EXPECT_TRUE(contains(checked.output, ": equivalent\n")) << checked.output;
  }
}

TEST(MultiConfig, ExecutedEquivalenceRunsBothSidesOfThatConfig) {
  const ProcessResult checked =
      tool({"equivalence", "--test-dir", tree(), "-C", "Release", "--executed", "-j2"});
  EXPECT_EQ(checked.exit_code, 0) << checked.output;
  EXPECT_TRUE(contains(checked.output, "/Release/multi_config_tests (3 tests executed serially"))
      << checked.output;
  EXPECT_TRUE(contains(checked.output, ": equivalent\n")) << checked.output;
}

TEST(MultiConfig, BenchRunsBothSidesOfThatConfig) {
  const ProcessResult run =
      tool({"bench", "--test-dir", tree(), "-C", "Debug", "-j2", "--runs", "1"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_TRUE(contains(run.output, "same tests: yes, 3 executed by both")) << run.output;
  EXPECT_TRUE(contains(run.output, "(ctest -j2, 2 registered tests)")) << run.output;
}

TEST(MultiConfig, RatchetPassesConfigToCtest) {
  // The ratchet's -C, and ctest's own -C after --.
  const std::vector<std::vector<std::string>> ways = {
      {"ratchet", "-n", "1", "-C", "Debug", "--", "--test-dir", tree(), "-j2"},
      {"ratchet", "-n", "1", "--", "--test-dir", tree(), "-C", "Release", "-j2"}};
  for (const std::vector<std::string>& args : ways) {
    const ProcessResult run = tool(args);
    EXPECT_EQ(run.exit_code, 0) << run.output;
    EXPECT_FALSE(contains(run.output, "NO_CONFIG")) << run.output;
  }
  const ProcessResult twice =
      tool({"ratchet", "-n", "1", "-C", "Debug", "--", "--test-dir", tree(), "-C", "Debug"});
  EXPECT_EQ(twice.exit_code, 2) << twice.output;
  EXPECT_TRUE(contains(twice.output, "gtest-kitty: -C is given twice")) << twice.output;
}

TEST(MultiConfig, TimelineAndMergeJunitTakeConfig) {
  const std::string scratch = scratch_dir("multi_config_reports");
  const ProcessResult run =
      run_process({"ctest", "--test-dir", tree(), "-C", "Debug", "-j2"}, inner_run());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const ProcessResult merged =
      tool({"merge-junit", "--test-dir", tree(), "-C", "Debug", "-o", scratch + "/merged.xml"});
  EXPECT_EQ(merged.exit_code, 0) << merged.output;
  EXPECT_TRUE(fs::exists(scratch + "/merged.xml")) << merged.output;
  const ProcessResult drawn =
      tool({"timeline", "--test-dir", tree(), "-C", "Debug", "-o", scratch + "/timeline.svg"});
  EXPECT_EQ(drawn.exit_code, 0) << drawn.output;
  EXPECT_TRUE(fs::exists(scratch + "/timeline.svg")) << drawn.output;
}

// Debug and Release are both built: without -C the tools ask for one, as
// ctest does; an unbuilt or unknown configuration is refused.
// gtest-kitty run picks the registration of the -C configuration, so the
// file runs the binary of that configuration, as ctest -C would.
TEST(MultiConfig, RunByHandRunsThatConfigurationsBinary) {
  for (const std::string config : {"Debug", "Release"}) {
    const ProcessResult run =
        tool({"run", "--test-dir", tree(), "-C", config, "multi_config_tests", "config_test.cpp"});
    EXPECT_EQ(run.exit_code, 0) << run.output;
    const bool debug = config == "Debug";
    EXPECT_TRUE(contains(run.output, debug ? "Config.IsDebug" : "Config.IsOptimised"))
        << run.output;
    EXPECT_FALSE(contains(run.output, debug ? "Config.IsOptimised" : "Config.IsDebug"))
        << run.output;
    const ProcessResult printed = tool({"run", "--test-dir", tree(), "-C", config, "--print",
                                        "multi_config_tests/config_test.cpp"});
    EXPECT_TRUE(contains(printed.output, debug ? "/Debug/" : "/Release/")) << printed.output;
  }
}

TEST(MultiConfig, ToolsRefuseToGuessOrToUseAnUnbuiltConfig) {
  const std::string several = "gtest-kitty: " + tree() +
                              " is a multi-config tree with Debug and Release built: pass -C "
                              "<config>, as ctest needs";
  const std::vector<std::vector<std::string>> without_config = {
      {"list", "--test-dir", tree()},
      {"equivalence", "--test-dir", tree()},
      {"bench", "--test-dir", tree(), "--runs", "1"},
      {"ratchet", "-n", "1", "--", "--test-dir", tree()},
      {"run", "--test-dir", tree(), "multi_config_tests", "config_test.cpp"}};
  for (const std::vector<std::string>& args : without_config) {
    const ProcessResult run = tool(args);
    EXPECT_EQ(run.exit_code, 2) << args[0] << ": " << run.output;
    EXPECT_EQ(last_line(run.output), several) << args[0] << ": " << run.output;
  }
  const ProcessResult unbuilt = tool({"equivalence", "--test-dir", tree(), "-C", "RelWithDebInfo"});
  EXPECT_EQ(unbuilt.exit_code, 2) << unbuilt.output;
  EXPECT_EQ(last_line(unbuilt.output),
            "gtest-kitty: -C RelWithDebInfo: not built in " + tree() +
                ": build it (cmake --build " + tree() +
                " --config RelWithDebInfo) or pass the -C of a built configuration")
      << unbuilt.output;
  const ProcessResult unknown = tool({"list", "--test-dir", tree(), "-C", "Fast"});
  EXPECT_EQ(unknown.exit_code, 2) << unknown.output;
  EXPECT_EQ(last_line(unknown.output), "gtest-kitty: -C Fast: " + tree() +
                                           " has no such configuration (it has Debug, Release, "
                                           "RelWithDebInfo)")
      << unknown.output;
}

TEST(MultiConfig, TreeConfigurationsComeFromItsCache) {
  const BuildConfigurations configurations = kitty::cli::read_build_configurations(tree());
  EXPECT_TRUE(configurations.multi_config);
  EXPECT_EQ(configurations.names, (std::vector<std::string>{"Debug", "Release", "RelWithDebInfo"}));
  EXPECT_FALSE(kitty::cli::read_build_configurations(work_path("kvstore")).multi_config);
}

// The default rule itself, for the trees the fixture does not build.
TEST(MultiConfig, DefaultIsTheOnlyBuiltConfigOrTheDefaultBuildType) {
  BuildConfigurations configurations{true, {"Debug", "Release", "RelWithDebInfo"}, ""};
  Registry registry{"/b", {}, {}, {}};
  ASSERT_TRUE(kitty::cli::default_config(configurations, {"Release"}, registry));
  EXPECT_EQ(registry.config, "Release");
  EXPECT_EQ(kitty::cli::describe_config(registry),
            "configuration Release (the only configuration built; -C picks another)");

  EXPECT_FALSE(kitty::cli::default_config(configurations, {"Debug", "Release"}, registry));
  const auto none = kitty::cli::default_config(configurations, {}, registry);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().message,
            "no configuration of the multi-config tree /b has kitty tests built (it has Debug, "
            "Release, RelWithDebInfo): build one (cmake --build /b --config Debug) or pass -C "
            "<config>");

  configurations.default_build_type = "Release";
  ASSERT_TRUE(kitty::cli::default_config(configurations, {"Debug", "Release"}, registry));
  EXPECT_EQ(registry.config, "Release");
  EXPECT_EQ(registry.config_reason, "CMAKE_DEFAULT_BUILD_TYPE");
  // A default that is not built does not count.
  EXPECT_FALSE(kitty::cli::default_config(configurations, {"Debug", "RelWithDebInfo"}, registry));

  const auto spelled = kitty::cli::known_config(configurations, "relwithdebinfo", "/b");
  ASSERT_TRUE(spelled);
  EXPECT_EQ(*spelled, "RelWithDebInfo");
}

// A single-config tree without CMAKE_BUILD_TYPE: the generated files are
// named without a config suffix (no "_listing-.jsonl"), and ctest runs.
TEST(SingleConfig, EmptyBuildTypeNamesFilesWithoutSuffix) {
  const std::string build = scratch_dir("empty_build_type");
  const ProcessResult configured = run_process(
      {"cmake", "-S",
       std::string(std::getenv("KITTY_IT_SOURCE_DIR")) + "/tests/projects/multi_config", "-B",
       build, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=", "-DCMAKE_PREFIX_PATH=" + work_path("install")});
  ASSERT_EQ(configured.exit_code, 0) << configured.output;
  const ProcessResult built = run_process({"cmake", "--build", build});
  ASSERT_EQ(built.exit_code, 0) << built.output;
  for (const char* name :
       {"multi_config_tests_kitty_params.cmake", "multi_config_tests_kitty_listing.jsonl",
        "multi_config_tests_kitty_tests.cmake", "multi_config_tests_kitty_include.cmake"}) {
    EXPECT_TRUE(fs::exists(fs::path(build) / name)) << name;
  }
  for (const fs::directory_entry& entry : fs::directory_iterator(build)) {
    EXPECT_FALSE(contains(entry.path().filename().string(), "-.")) << entry.path();
  }
  const CtestRun run = run_ctest(build, {"-j2"});
  EXPECT_EQ(run.outcomes, kAllPassed) << run.process.output;
}

}  // namespace
}  // namespace kitty_it
