// gtest-kitty: the tools that prove a parallel GoogleTest run can be trusted.
// A thin dispatcher: each subcommand lives in its own file; errors come back
// as values and are turned into a message and an exit code here only
// (report). CLI11 reports a bad command line by throwing: parse() is its one
// catch.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands/bench_command.h"
#include "cli/commands/costs_command.h"
#include "cli/commands/equivalence_command.h"
#include "cli/commands/guard_command.h"
#include "cli/commands/list_command.h"
#include "cli/commands/merge_junit_command.h"
#include "cli/commands/ratchet_command.h"
#include "cli/commands/run_command.h"
#include "cli/commands/shard_command.h"
#include "cli/commands/split_check_command.h"
#include "cli/commands/timeline_command.h"

namespace {

// The one place an error becomes output: one line on stderr, and the exit
// code it carries.
int report(const kitty::cli::Error& error) {
  fmt::print(stderr, "gtest-kitty: {}\n", error.message);
  return error.exit_code;
}

// CLI11's exceptions as values: an exit code when parsing ends the program
// (--help and --version print and end it with 0; a bad command line is an
// error), nullopt when a subcommand is to run.
kitty::cli::Expected<std::optional<int>> parse(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    return kitty::cli::fail(fmt::format("{}; see gtest-kitty --help", error.what()));
  }
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"gtest-kitty: proves a parallel GoogleTest run can be trusted", "gtest-kitty"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "gtest-kitty " GTEST_KITTY_VERSION);

  kitty::cli::ListOptions list_options;
  CLI::App* list = kitty::cli::add_list_command(app, list_options);
  kitty::cli::EquivalenceOptions equivalence_options;
  CLI::App* equivalence = kitty::cli::add_equivalence_command(app, equivalence_options);
  kitty::cli::MergeJunitOptions merge_junit_options;
  CLI::App* merge_junit = kitty::cli::add_merge_junit_command(app, merge_junit_options);
  kitty::cli::GuardOptions guard_options;
  CLI::App* guard = kitty::cli::add_guard_command(app, guard_options);
  kitty::cli::RatchetOptions ratchet_options;
  CLI::App* ratchet = kitty::cli::add_ratchet_command(app, ratchet_options);
  kitty::cli::BenchOptions bench_options;
  CLI::App* bench = kitty::cli::add_bench_command(app, bench_options);
  kitty::cli::TimelineOptions timeline_options;
  CLI::App* timeline = kitty::cli::add_timeline_command(app, timeline_options);
  kitty::cli::RunOptions run_options;
  CLI::App* run = kitty::cli::add_run_command(app, run_options);
  kitty::cli::CostsOptions costs_options;
  CLI::App* costs = kitty::cli::add_costs_command(app, costs_options);
  kitty::cli::ShardOptions shard_options;
  CLI::App* shard = kitty::cli::add_shard_command(app, shard_options);
  kitty::cli::SplitCheckOptions split_check_options;
  CLI::App* split_check = kitty::cli::add_split_check_command(app, split_check_options);

  // What follows the first "--" is a command line of its own (guard's
  // command, ratchet's and shard's ctest arguments, run's test arguments), passed on
  // verbatim: it may hold a "--" of its own, which CLI11 would swallow.
  int own_argc = argc;
  std::vector<std::string> trailing;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--") {
      trailing.assign(argv + i + 1, argv + argc);
      own_argc = i;
      break;
    }
  }
  const kitty::cli::Expected<std::optional<int>> parsed = parse(app, own_argc, argv);
  if (!parsed) return report(parsed.error());
  if (*parsed) return **parsed;

  guard_options.command = trailing;
  ratchet_options.ctest_args = trailing;
  run_options.extra_args = trailing;
  shard_options.ctest_args = trailing;
  if (own_argc != argc && !guard->parsed() && !ratchet->parsed() && !run->parsed() &&
      !shard->parsed()) {
    return report({"only guard, ratchet, run and shard take arguments after --"});
  }

  // Every error of a subcommand is a value; what still throws is a bug or
  // the allocator, and ends the tool with one line all the same.
  try {
    kitty::cli::Expected<int> result = 2;
    if (list->parsed()) result = kitty::cli::run_list_command(list_options);
    if (guard->parsed()) result = kitty::cli::run_guard_command(guard_options);
    if (merge_junit->parsed()) {
      result = kitty::cli::run_merge_junit_command(merge_junit_options);
    }
    if (ratchet->parsed()) result = kitty::cli::run_ratchet_command(ratchet_options);
    if (bench->parsed()) result = kitty::cli::run_bench_command(bench_options);
    if (timeline->parsed()) result = kitty::cli::run_timeline_command(timeline_options);
    if (run->parsed()) result = kitty::cli::run_run_command(run_options);
    if (shard->parsed()) result = kitty::cli::run_shard_command(shard_options);
    if (costs->parsed()) result = kitty::cli::run_costs_command(costs_options);
    if (split_check->parsed()) {
      result = kitty::cli::run_split_check_command(split_check_options);
    }
    if (equivalence->parsed()) {
      result = kitty::cli::run_equivalence_command(equivalence_options);
    }
    return result ? *result : report(result.error());
  } catch (const std::exception& error) {
    return report({fmt::format("internal error: {}", error.what())});
  }
}
