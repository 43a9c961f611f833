#include "cli/commands/costs_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "cli/adapters/ctest_junit.h"
#include "cli/adapters/ctest_log.h"
#include "cli/counted.h"
#include "cli/model/registry.h"
#include "cli/model/shard_outputs.h"
#include "cli/model/shard_proof.h"
#include "common/cost_data.h"

namespace kitty::cli {
namespace fs = std::filesystem;

CLI::App* add_costs_command(CLI::App& app, CostsOptions& options) {
  CLI::App* costs = app.add_subcommand(
      "costs", "Write each ctest test's measured duration to a cost file to commit");
  add_build_tree_options(*costs, options.test_dir, options.config);
  costs
      ->add_option("--from", options.from,
                   "Shard job outputs (gtest-kitty shard --out) or ctest JUnit reports to "
                   "measure from (default: the build tree's last ctest run)")
      ->check(CLI::ExistingPath);
  costs->add_option("-o,--output", options.output, "The cost file to write")->required();
  return costs;
}

namespace {

// What one run measured: the tests ctest ran to an end (not those it did
// not run, or disabled), by name.
using MeasuredRun = std::map<std::string, double>;

MeasuredRun measured_of(const std::vector<CtestCase>& cases) {
  MeasuredRun measured;
  for (const CtestCase& test : cases) {
    if (test.status == CtestStatus::kNotRun || test.status == CtestStatus::kDisabled) continue;
    measured[test.name] = test.seconds;
  }
  return measured;
}

// A shard job's output (read_shard_output: its ctest cases once it ran),
// or a JUnit report itself. A job that did not finish is an error: its
// durations would be missing or cut short.
Expected<MeasuredRun> read_source(const std::string& path) {
  if (!fs::is_directory(path)) {
    KITTY_TRY(const std::vector<CtestCase> cases, read_ctest_junit(path));
    return measured_of(cases);
  }
  KITTY_TRY(const ShardOutput output, read_shard_output(path));
  if (!output.manifest.share.empty() && !output.manifest.ctest) {
    return fail(fmt::format("{}: {} did not finish (its shard.json has no ctest result)", path,
                            shard_job_name(output.manifest.index, output.manifest.total)),
                1);
  }
  return measured_of(output.ctest_cases);
}

}  // namespace

Expected<int> run_costs_command(const CostsOptions& options) {
  std::vector<MeasuredRun> runs;
  if (options.from.empty()) {
    const std::string test_dir = options.test_dir.empty() ? "." : options.test_dir;
    KITTY_TRY(const std::vector<CtestCase> cases, read_last_ctest_log(test_dir));
    runs.push_back(measured_of(cases));
  }
  for (const std::string& source : options.from) {
    KITTY_TRY(MeasuredRun measured, read_source(source));
    if (!measured.empty()) runs.push_back(std::move(measured));  // an empty share measured nothing
  }
  // A test measured in several runs (shards that overlap, repeated runs)
  // gets the mean of its durations.
  internal::CostData data;
  for (const MeasuredRun& measured : runs) {
    for (const auto& [name, seconds] : measured) {
      data.seconds[name] += seconds;
      data.runs[name] += 1;
    }
  }
  for (auto& [name, seconds] : data.seconds) seconds /= static_cast<double>(data.runs[name]);
  if (data.seconds.empty()) return fail("no test durations were found to write", 1);

  if (!options.test_dir.empty()) {
    KITTY_TRY(const Registry registry, load_registry(options.test_dir, options.config));
    std::vector<std::string> unmeasured;
    for (const RegisteredTest& test : registry.tests) {
      if (!data.seconds.count(test.name) && !test.disabled) unmeasured.push_back(test.name);
    }
    if (!unmeasured.empty()) {
      fmt::print(stderr,
                 "gtest-kitty costs: {} registered in {} {} no duration (a shard planning with "
                 "this file counts each as the median): {}\n",
                 counted(std::ssize(unmeasured), "test"), options.test_dir,
                 unmeasured.size() == 1 ? "has" : "have", fmt::join(unmeasured, ", "));
    }
  }
  {
    std::ofstream out(options.output, std::ios::binary | std::ios::trunc);
    out << internal::format_cost_data(data);
    out.close();
    if (!out) return fail(fmt::format("cannot write {}", options.output));
  }
  fmt::print("gtest-kitty costs: wrote {} to {} (from {})\n",
             counted(std::ssize(data.seconds), "test's duration", "tests' durations"),
             options.output, counted(std::ssize(runs), "run"));
  return 0;
}

}  // namespace kitty::cli
