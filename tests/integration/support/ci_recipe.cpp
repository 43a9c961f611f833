#include "ci_recipe.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>

#include "projects.h"

namespace kitty_it::ci {
namespace {

namespace fs = std::filesystem;

constexpr fs::copy_options kCopy = fs::copy_options::recursive | fs::copy_options::copy_symlinks |
                                   fs::copy_options::overwrite_existing;

std::string text_of(const YAML::Node& node) { return node ? node.as<std::string>() : ""; }

// GitHub's ${{ matrix.index }}; any other expression would need a runner.
std::string expand(const std::string& text, int index) {
  const std::string expression = "${{ matrix.index }}";
  std::string out = text;
  for (size_t at; (at = out.find(expression)) != std::string::npos;) {
    out.replace(at, expression.size(), std::to_string(index));
  }
  EXPECT_EQ(out.find("${{"), std::string::npos) << "an expression the simulation lacks: " << out;
  return out;
}

// Runs `script` in `workspace` as a runner's shell: bash, stopping at the
// first failing command and pipe stage.
ProcessResult run_shell(const std::string& script, const std::string& workspace,
                        const std::map<std::string, std::string>& environment) {
  ProcessOptions options;
  options.working_directory = workspace;
  options.environment = environment;
  options.unset_environment = {"KITTY_RECORD_DIR",   "KITTY_HOME_BASE",   "KITTY_RUN_ID",
                               "GTEST_TOTAL_SHARDS", "GTEST_SHARD_INDEX", "CI_NODE_INDEX",
                               "CI_NODE_TOTAL"};
  for (const auto& [name, value] : environment) {
    if (name.rfind("CI_NODE_", 0) == 0) std::erase(options.unset_environment, name);
  }
  return run_process({"bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script}, options);
}

// One job's run, logged.
struct Job {
  JobResult result;
  std::string workspace;
  std::map<std::string, std::string> environment;
  std::vector<std::string> path;  // prepended to PATH (GitHub's GITHUB_PATH)

  bool step(const std::string& what, const std::string& script) {
    std::string prefix;
    for (const std::string& dir : path) prefix += "export PATH='" + dir + "':\"$PATH\"\n";
    const ProcessResult run = run_shell(prefix + script, workspace, environment);
    result.log +=
        "$ " + what + "\n" + run.output + "[exit " + std::to_string(run.exit_code) + "]\n";
    if (run.exit_code != 0) result.failed = true;
    return run.exit_code == 0;
  }
};

void copy_into(const fs::path& from, const fs::path& to) {
  fs::create_directories(to.parent_path());
  if (fs::is_directory(fs::symlink_status(from))) {
    fs::create_directories(to);
    fs::copy(from, to, kCopy);
  } else {
    fs::copy(from, to, kCopy);
  }
}

// ---- GitHub Actions ----

struct GithubArtifacts {
  std::mutex mutex;
  std::string store;
  // actions/upload-artifact@v4: the files of `path` (one per line) under the
  // artifact's name; a second upload of one name fails, as v4 does.
  bool upload(Job& job, const YAML::Node& with, int index) {
    const std::string name = expand(text_of(with["name"]), index);
    const fs::path dir = fs::path(store) / name;
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (fs::exists(dir)) {
        job.result.log += "upload-artifact: an artifact named " + name + " exists already\n";
        return false;
      }
      fs::create_directories(dir);
    }
    std::istringstream paths(expand(text_of(with["path"]), index));
    for (std::string path; std::getline(paths, path);) {
      if (path.empty()) continue;
      const fs::path from = fs::path(job.workspace) / path;
      if (!fs::exists(from)) continue;  // if-no-files-found: warn
      // A directory uploads its contents; files keep their names.
      if (fs::is_directory(from)) {
        fs::copy(from, dir, kCopy);
      } else {
        copy_into(from, dir / from.filename());
      }
    }
    return true;
  }
  // actions/download-artifact@v4: one artifact by name into `path` (default
  // the workspace), or every artifact matching `pattern`, each into
  // <path>/<its name>/.
  bool download(Job& job, const YAML::Node& with) {
    const fs::path into = fs::path(job.workspace) / text_of(with["path"]);
    if (with["name"]) {
      const fs::path artifact = fs::path(store) / text_of(with["name"]);
      if (!fs::exists(artifact)) {
        job.result.log += "download-artifact: no artifact " + text_of(with["name"]) + "\n";
        return false;
      }
      fs::create_directories(into);
      fs::copy(artifact, into, kCopy);
      return true;
    }
    const std::string pattern = text_of(with["pattern"]);
    const std::regex glob("^" + std::regex_replace(pattern, std::regex(R"(\*)"), ".*") + "$");
    for (const fs::directory_entry& entry : fs::directory_iterator(store)) {
      const std::string name = entry.path().filename().string();
      if (!std::regex_match(name, glob)) continue;
      fs::create_directories(into / name);
      fs::copy(entry.path(), into / name, kCopy);
    }
    return true;
  }
};

// `checked_out` runs after the checkout step, `after_shard_step` after the
// `gtest-kitty shard` step (a fault's hooks).
void run_github_job(const YAML::Node& job_yaml, Job& job, GithubArtifacts& artifacts,
                    const std::string& checkout, int index,
                    const std::function<void(const std::string&)>& checked_out,
                    const std::function<void(const std::string&)>& after_shard_step) {
  job.result.ran = true;
  fs::create_directories(job.workspace);
  const std::string github_path = job.workspace + "/.github_path";
  job.environment["GITHUB_WORKSPACE"] = job.workspace;
  job.environment["GITHUB_PATH"] = github_path;
  job.environment["GITHUB_STEP_SUMMARY"] = job.workspace + "/.step_summary";
  for (const YAML::Node& step : job_yaml["steps"]) {
    const std::string condition = text_of(step["if"]);
    if (job.result.failed && condition != "always()") continue;
    const std::string uses = text_of(step["uses"]);
    bool ok = true;
    if (uses == "actions/checkout@v4") {
      fs::copy(checkout, job.workspace, kCopy);
      if (checked_out) checked_out(job.workspace);
    } else if (uses == "actions/upload-artifact@v4") {
      ok = artifacts.upload(job, step["with"], index);
    } else if (uses == "actions/download-artifact@v4") {
      ok = artifacts.download(job, step["with"]);
    } else if (!uses.empty()) {
      ADD_FAILURE() << "an action the simulation lacks: " << uses;
      ok = false;
    } else {
      const std::string run = expand(text_of(step["run"]), index);
      ok = job.step(run, run);
      std::ifstream added(github_path);
      job.path.clear();
      for (std::string line; std::getline(added, line);) job.path.insert(job.path.begin(), line);
      if (ok && run.find("gtest-kitty shard") != std::string::npos && after_shard_step) {
        after_shard_step(job.workspace);
      }
    }
    if (!ok) job.result.failed = true;
  }
}

// The N shard jobs, one after the other or all at once, as the simulation says.
void run_shard_jobs(const Simulation& simulation, const std::function<void(int)>& shard_job) {
  if (simulation.concurrent) {
    std::vector<std::thread> threads;
    for (int index = 0; index < simulation.shards; ++index) threads.emplace_back(shard_job, index);
    for (std::thread& thread : threads) thread.join();
  } else {
    for (int index = 0; index < simulation.shards; ++index) shard_job(index);
  }
}

SimulatedRun simulate_github(const Simulation& simulation) {
  const YAML::Node workflow = load_recipe(simulation.recipe);
  std::map<std::string, std::string> environment;
  for (const auto& variable : workflow["env"]) {
    environment[variable.first.as<std::string>()] = variable.second.as<std::string>();
  }
  environment["SHARDS"] = std::to_string(simulation.shards);  // and the matrix: 0..N-1
  environment["KITTY_TOOL_DIR"] = simulation.tool_dir;
  GithubArtifacts artifacts;
  artifacts.store = simulation.work + "/artifacts";
  // The build job's artifact: the tar its steps make of the build tree.
  const YAML::Node build = workflow["jobs"]["build"];
  for (const YAML::Node& step : build["steps"]) {
    if (text_of(step["uses"]) != "actions/upload-artifact@v4") continue;
    const fs::path dir = fs::path(artifacts.store) / text_of(step["with"]["name"]);
    fs::create_directories(simulation.work + "/build-job");
    fs::create_directory_symlink(simulation.build_tree, simulation.work + "/build-job/build");
    fs::create_directories(dir);
    const ProcessResult tar =
        run_process({"tar", "-C", simulation.work + "/build-job", "-cf",
                     (dir / text_of(step["with"]["path"])).string(), "build"});
    EXPECT_EQ(tar.exit_code, 0) << tar.output;
  }
  SimulatedRun run;
  run.shards.resize(static_cast<size_t>(simulation.shards));
  std::vector<Job> jobs(static_cast<size_t>(simulation.shards));
  const auto shard_job = [&](int index) {
    Job& job = jobs[static_cast<size_t>(index)];
    job.result.name = "shard " + std::to_string(index);
    job.workspace = simulation.work + "/shard-" + std::to_string(index);
    job.environment = environment;
    if (simulation.faults.skip_job && simulation.faults.skip_job(index)) return;
    run_github_job(
        workflow["jobs"]["shard"], job, artifacts, simulation.checkout, index,
        [&](const std::string& workspace) {
          if (simulation.faults.before_job) {
            simulation.faults.before_job(index, workspace);
          }
        },
        [&](const std::string& workspace) {
          if (simulation.faults.after_shard_step) {
            simulation.faults.after_shard_step(index, workspace);
          }
        });
  };
  run_shard_jobs(simulation, shard_job);
  for (size_t i = 0; i < jobs.size(); ++i) run.shards[i] = jobs[i].result;
  Job report;
  report.result.name = "report";
  report.workspace = simulation.work + "/report";
  report.environment = environment;
  run_github_job(workflow["jobs"]["report"], report, artifacts, simulation.checkout, -1, {}, {});
  run.report = report.result;
  return run;
}

// ---- GitLab CI ----

// GitLab's artifacts: every job that the report job needs has its `paths`
// extracted into the report's checkout; two jobs with one file would
// overwrite each other, which the simulation refuses.
bool collect_artifacts(const YAML::Node& job_yaml, const std::string& workspace,
                       const std::string& store, std::string& log) {
  for (const YAML::Node& path : job_yaml["artifacts"]["paths"]) {
    const fs::path from = fs::path(workspace) / path.as<std::string>();
    if (!fs::exists(from)) continue;
    const fs::path to = fs::path(store) / path.as<std::string>();
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(from)) {
      const fs::path target = to / fs::relative(entry.path(), from);
      if (entry.is_regular_file() && fs::exists(target)) {
        log += "artifacts: two jobs have " + target.string() + "\n";
        return false;
      }
    }
    copy_into(from, to);
  }
  return true;
}

SimulatedRun simulate_gitlab(const Simulation& simulation) {
  const YAML::Node pipeline = load_recipe(simulation.recipe);
  std::map<std::string, std::string> environment;
  for (const auto& variable : pipeline["variables"]) {
    environment[variable.first.as<std::string>()] = variable.second.as<std::string>();
  }
  environment["KITTY_TOOL_DIR"] = simulation.tool_dir;
  const std::string store = simulation.work + "/artifacts";
  fs::create_directories(store);
  // The build job's artifact (paths: build/): the build tree.
  fs::create_directory_symlink(simulation.build_tree, store + "/build");
  const auto script_of = [](const YAML::Node& job) {
    std::string script;
    for (const YAML::Node& line : job["script"]) script += line.as<std::string>() + "\n";
    return script;
  };
  SimulatedRun run;
  run.shards.resize(static_cast<size_t>(simulation.shards));
  std::mutex mutex;
  const YAML::Node shard = pipeline["shard"];
  const auto shard_job = [&](int index) {
    Job job;
    job.result.name =
        "shard " + std::to_string(index + 1) + "/" + std::to_string(simulation.shards);
    job.workspace = simulation.work + "/shard-" + std::to_string(index);
    job.environment = environment;
    job.environment["CI_NODE_INDEX"] = std::to_string(index + 1);
    job.environment["CI_NODE_TOTAL"] = std::to_string(simulation.shards);
    if (simulation.faults.skip_job && simulation.faults.skip_job(index)) {
      run.shards[static_cast<size_t>(index)] = job.result;
      return;
    }
    job.result.ran = true;
    fs::create_directories(job.workspace);
    fs::copy(simulation.checkout, job.workspace, kCopy);
    fs::copy(store + "/build", job.workspace + "/build", kCopy);  // needs: [build]
    if (simulation.faults.before_job) simulation.faults.before_job(index, job.workspace);
    // The script line by line, as GitLab runs it, for the fault's hook.
    std::string done;
    for (const YAML::Node& line : shard["script"]) {
      const std::string command = line.as<std::string>();
      if (!job.step(command, done + command)) break;
      if (command.rfind("export ", 0) == 0) done += command + "\n";  // the shell keeps it
      if (command.find("gtest-kitty shard") != std::string::npos &&
          simulation.faults.after_shard_step) {
        simulation.faults.after_shard_step(index, job.workspace);
      }
    }
    std::lock_guard<std::mutex> lock(mutex);
    if (!collect_artifacts(shard, job.workspace, store, job.result.log)) job.result.failed = true;
    run.shards[static_cast<size_t>(index)] = job.result;
  };
  run_shard_jobs(simulation, shard_job);
  Job report;
  report.result.name = "report";
  report.result.ran = true;
  report.workspace = simulation.work + "/report";
  report.environment = environment;
  fs::create_directories(report.workspace);
  fs::copy(simulation.checkout, report.workspace, kCopy);
  fs::copy(store, report.workspace, kCopy);  // the artifacts of the jobs it needs
  report.step("report script", script_of(pipeline["report"]));
  run.report = report.result;
  return run;
}

}  // namespace

YAML::Node load_recipe(const std::string& name) {
  const char* source = std::getenv("KITTY_IT_SOURCE_DIR");
  return YAML::LoadFile(std::string(source == nullptr ? "." : source) + "/docs/ci/" + name);
}

std::vector<std::string> shell_words(const std::string& command) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (const char c : command) {
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
      } else {
        word += c;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == ' ' || c == '\n' || c == '\t') {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

std::string option_value(const std::string& command, const std::string& option) {
  const std::vector<std::string> words = shell_words(command);
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i] == option) return words[i + 1];
  }
  return {};
}

SimulatedRun simulate(const Simulation& simulation) {
  fs::create_directories(simulation.work);
  return simulation.recipe == "gitlab-ci.yml" ? simulate_gitlab(simulation)
                                              : simulate_github(simulation);
}

}  // namespace kitty_it::ci
