// The CI recipes of docs/ci/, parsed with a real YAML parser, hold
// together as a pipeline: the matrix (or `parallel:`) covers every shard
// 0..N-1 once, the final job needs the shard jobs and runs even when one of
// them failed, and the artifact names and directories the jobs hand on line
// up with what the next job downloads and what the commands read and write.
// simulated_ci_test.cpp then runs them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ci_recipe.h"

namespace kitty_it {
namespace {

using ci::load_recipe;
using ci::option_value;

std::vector<std::string> commands_of(const YAML::Node& job) {
  std::vector<std::string> commands;
  for (const YAML::Node& step : job["steps"]) {
    if (step["run"]) commands.push_back(step["run"].as<std::string>());
  }
  for (const YAML::Node& line : job["script"]) commands.push_back(line.as<std::string>());
  return commands;
}

std::string command_with(const YAML::Node& job, const std::string& words) {
  for (const std::string& command : commands_of(job)) {
    if (command.find(words) != std::string::npos) return command;
  }
  ADD_FAILURE() << "no command with " << words;
  return {};
}

YAML::Node step_using(const YAML::Node& job, const std::string& action, const std::string& key,
                      const std::string& value) {
  for (const YAML::Node& step : job["steps"]) {
    if (step["uses"] && step["uses"].as<std::string>() == action && step["with"][key] &&
        step["with"][key].as<std::string>() == value) {
      return step;
    }
  }
  ADD_FAILURE() << "no " << action << " with " << key << ": " << value;
  return YAML::Node();
}

TEST(CiRecipes, GithubActionsMatrixCoversEveryShardAndArtifactsLineUp) {
  const YAML::Node workflow = load_recipe("github-actions.yml");
  const YAML::Node jobs = workflow["jobs"];
  ASSERT_TRUE(jobs["build"] && jobs["shard"] && jobs["report"]);
  EXPECT_EQ(workflow["defaults"]["run"]["shell"].as<std::string>(), "bash");

  // The matrix: 0..SHARDS-1, each once, every job run to the end.
  const int shards = workflow["env"]["SHARDS"].as<int>();
  const YAML::Node shard = jobs["shard"];
  EXPECT_EQ(shard["needs"].as<std::string>(), "build");
  EXPECT_FALSE(shard["strategy"]["fail-fast"].as<bool>());
  std::vector<int> indexes = shard["strategy"]["matrix"]["index"].as<std::vector<int>>();
  std::vector<int> expected;
  for (int index = 0; index < shards; ++index) expected.push_back(index);
  EXPECT_EQ(indexes, expected);
  const std::string run = command_with(shard, "gtest-kitty shard");
  EXPECT_NE(run.find("--index ${{ matrix.index }} "), std::string::npos) << run;
  EXPECT_EQ(option_value(run, "--total"), "$SHARDS");
  EXPECT_EQ(option_value(run, "--costs"), "ci/ctest-costs.txt");
  const std::string out = option_value(run, "--out");

  // The build tree: uploaded once, downloaded by the shard and report jobs.
  const YAML::Node upload =
      step_using(jobs["build"], "actions/upload-artifact@v4", "path", "build.tar");
  const std::string tree = upload["with"]["name"].as<std::string>();
  step_using(shard, "actions/download-artifact@v4", "name", tree);
  step_using(jobs["report"], "actions/download-artifact@v4", "name", tree);

  // Each shard uploads its --out under a name of its own, which the
  // report's pattern matches, into the directory its commands read.
  const YAML::Node shard_upload = step_using(shard, "actions/upload-artifact@v4", "path", out);
  EXPECT_EQ(shard_upload["if"].as<std::string>(), "always()");
  EXPECT_EQ(shard_upload["with"]["name"].as<std::string>(), "shard-${{ matrix.index }}");
  const YAML::Node report = jobs["report"];
  EXPECT_EQ(report["needs"].as<std::string>(), "shard");
  EXPECT_EQ(report["if"].as<std::string>(), "always()");
  const YAML::Node download =
      step_using(report, "actions/download-artifact@v4", "pattern", "shard-*");
  const std::string shards_dir = download["with"]["path"].as<std::string>();
  for (const char* command :
       {"gtest-kitty merge-junit", "gtest-kitty equivalence", "gtest-kitty timeline"}) {
    EXPECT_EQ(option_value(command_with(report, command), "--shards"), shards_dir + "/*")
        << command;
  }
}

TEST(CiRecipes, GitlabParallelJobsWriteApartAndTheReportNeedsThemAll) {
  const YAML::Node pipeline = load_recipe("gitlab-ci.yml");
  const YAML::Node shard = pipeline["shard"];
  ASSERT_TRUE(pipeline["build"] && shard && pipeline["report"]);
  EXPECT_GE(shard["parallel"].as<int>(), 2);
  EXPECT_EQ(shard["needs"].as<std::vector<std::string>>(), std::vector<std::string>{"build"});
  // Without --index/--total: CI_NODE_INDEX and CI_NODE_TOTAL.
  const std::string run = command_with(shard, "gtest-kitty shard");
  EXPECT_EQ(option_value(run, "--index"), "");
  EXPECT_EQ(option_value(run, "--total"), "");
  // GitLab extracts every job's artifacts into one checkout: each job writes
  // a directory of its own under the path it uploads.
  EXPECT_EQ(option_value(run, "--out"), "shard-out/$CI_NODE_INDEX");
  EXPECT_EQ(shard["artifacts"]["paths"].as<std::vector<std::string>>(),
            std::vector<std::string>{"shard-out/"});
  EXPECT_EQ(shard["artifacts"]["when"].as<std::string>(), "always");
  EXPECT_EQ(pipeline["build"]["artifacts"]["paths"].as<std::vector<std::string>>(),
            std::vector<std::string>{"build/"});

  const YAML::Node report = pipeline["report"];
  EXPECT_EQ(report["needs"].as<std::vector<std::string>>(),
            (std::vector<std::string>{"build", "shard"}));
  EXPECT_EQ(report["when"].as<std::string>(), "always");
  for (const char* command :
       {"gtest-kitty merge-junit", "gtest-kitty equivalence", "gtest-kitty timeline"}) {
    EXPECT_EQ(option_value(command_with(report, command), "--shards"), "shard-out/*") << command;
  }
  EXPECT_EQ(report["artifacts"]["reports"]["junit"].as<std::string>(),
            option_value(command_with(report, "gtest-kitty merge-junit"), "-o"));
  // The stages run in order: build, the shards, the report.
  EXPECT_EQ(pipeline["stages"].as<std::vector<std::string>>(),
            (std::vector<std::string>{pipeline["build"]["stage"].as<std::string>(),
                                      shard["stage"].as<std::string>(),
                                      report["stage"].as<std::string>()}));
}

// macOS and Windows: each job builds and tests on its own system, and the
// Windows job (a multi-config generator) tests the configuration it built,
// with the UTF-8 source option kitty's strings need under MSVC.
TEST(CiRecipes, PlatformJobsBuildAndTestOnTheirOwnSystems) {
  const YAML::Node jobs = load_recipe("github-actions-platforms.yml")["jobs"];
  ASSERT_TRUE(jobs["macos"] && jobs["windows"]);
  EXPECT_EQ(jobs["macos"]["runs-on"].as<std::string>(), "macos-latest");
  EXPECT_EQ(jobs["windows"]["runs-on"].as<std::string>(), "windows-latest");
  for (const char* name : {"macos", "windows"}) {
    const YAML::Node job = jobs[name];
    EXPECT_NE(command_with(job, "cmake --build build").find("cmake -S . -B build"),
              std::string::npos)
        << name << ": configures before it builds";
    EXPECT_NE(command_with(job, "ctest --test-dir build").find("--output-junit junit.xml"),
              std::string::npos)
        << name;
    step_using(job, "actions/upload-artifact@v4", "path", "build/junit.xml");
  }
  // Without /proc, a run id is ctest's pid alone: the recipe names runs.
  EXPECT_TRUE(jobs["macos"]["env"]["KITTY_RUN_ID"]) << "macOS has no process start time to use";
  const std::string build = command_with(jobs["windows"], "cmake --build build");
  const std::string test = command_with(jobs["windows"], "ctest --test-dir build");
  EXPECT_NE(build.find("/utf-8"), std::string::npos);
  EXPECT_FALSE(option_value(build, "--config").empty());
  EXPECT_EQ(option_value(build, "--config"), option_value(test, "-C"))
      << "ctest must test the configuration that was built";
}

}  // namespace
}  // namespace kitty_it
