// The CI recipes of docs/ci/ run on one machine, as their runners would run
// them: the YAML read by a real parser (yaml-cpp), each job in a workspace
// of its own, its shell steps executed as GitHub Actions (`shell: bash`:
// bash -eo pipefail, GITHUB_PATH honoured) and GitLab (the script's lines in
// one shell that stops at the first failure) execute them, artifacts handed
// from job to job as actions/upload-artifact and download-artifact (v4), or
// GitLab's artifacts and needs, hand them over. What a runner would do
// that a job cannot see (the checkout, the build job) comes prepared: a
// checkout directory, and the build job's artifact made from a prepared
// build tree.
#pragma once

#include <yaml-cpp/yaml.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace kitty_it::ci {

YAML::Node load_recipe(const std::string& name);  // docs/ci/<name>

// Splits a shell command into words (blanks, and '...' or "..." quoting).
std::vector<std::string> shell_words(const std::string& command);

// The value of `option` in a command line ("--out shard-out" -> "shard-out").
std::string option_value(const std::string& command, const std::string& option);

struct JobResult {
  std::string name;
  bool ran = false;
  bool failed = false;
  std::string log;  // every step's command and output
};

// Between the shard jobs' steps: a planted fault acts on a job's workspace
// once it is checked out (before its first command), or right after its
// `gtest-kitty shard` step (before its artifacts upload).
struct Faults {
  std::function<bool(int index)> skip_job;  // the job never runs
  std::function<void(int index, const std::string& workspace)> before_job;
  std::function<void(int index, const std::string& workspace)> after_shard_step;
};

struct Simulation {
  std::string recipe;       // "github-actions.yml" or "gitlab-ci.yml"
  int shards = 1;           // N
  bool concurrent = false;  // the N jobs at once, else one after the other
  std::string checkout;     // what a checkout of the project gives a job
  std::string build_tree;   // the build job's tree (its artifact)
  std::string tool_dir;     // where gtest-kitty is (KITTY_TOOL_DIR)
  std::string work;         // this simulation's directory
  Faults faults;
};

struct SimulatedRun {
  std::vector<JobResult> shards;  // by index
  JobResult report;               // the final job
};

SimulatedRun simulate(const Simulation& simulation);

}  // namespace kitty_it::ci
