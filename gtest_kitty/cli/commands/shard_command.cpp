#include "cli/commands/shard_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>

#include "cli/adapters/process.h"
#include "cli/counted.h"
#include "cli/model/registry.h"
#include "cli/model/shard_manifest.h"
#include "cli/model/shard_shares.h"
#include "cli/model/unit_listing.h"
#include "cli/model/whole_run.h"
#include "cli/number_text.h"
#include "cli/stopwatch.h"
#include "common/cost_data.h"
#include "common/settings.h"

namespace kitty::cli {
namespace fs = std::filesystem;

CLI::App* add_shard_command(CLI::App& app, ShardOptions& options) {
  CLI::App* shard = app.add_subcommand(
      "shard", "Run one CI job's share of the registered tests (whole files), through ctest");
  add_build_tree_options(*shard, options.test_dir, options.config);
  shard->add_option("--index", options.index,
                    "This job, from 0 (default: GitLab's CI_NODE_INDEX, which counts from 1)");
  shard->add_option("--total", options.total,
                    "How many jobs share the tests (default: GitLab's CI_NODE_TOTAL)");
  shard
      ->add_option("--costs", options.costs,
                   "Balance by this cost file (gtest-kitty costs; CTest's cost-data format)")
      ->check(CLI::ExistingFile);
  shard->add_flag("--list", options.list, "Print this job's tests, one per line; run nothing");
  shard->add_option("--out", options.out,
                    "Where the job's records, JUnit report and shard.json go "
                    "(default: <test-dir>/kitty-shard-<index>)");
  return shard;
}

namespace {

struct Job {
  int index = 0;
  int total = 1;
};

// --index/--total, else GitLab's variables (CI_NODE_INDEX counts from 1).
Expected<Job> job_of(const ShardOptions& options) {
  if (options.index.has_value() != options.total.has_value()) {
    return fail(options.index ? "--index needs --total" : "--total needs --index");
  }
  Job job;
  if (options.index) {
    job = {*options.index, *options.total};
  } else {
    const char* index = internal::read_setting("CI_NODE_INDEX");
    const char* total = internal::read_setting("CI_NODE_TOTAL");
    if (index == nullptr || total == nullptr) {
      return fail(
          "which job is this? give --index I --total N (I from 0), or run under GitLab's "
          "parallel: (CI_NODE_INDEX, CI_NODE_TOTAL)");
    }
    const std::optional<int> gitlab_index = number_from_text<int>(index);
    const std::optional<int> gitlab_total = number_from_text<int>(total);
    if (!gitlab_index || !gitlab_total || *gitlab_index < 1 || *gitlab_index > *gitlab_total) {
      return fail(fmt::format(
          "CI_NODE_INDEX={} CI_NODE_TOTAL={}: GitLab counts jobs from 1 to CI_NODE_TOTAL", index,
          total));
    }
    job = {*gitlab_index - 1, *gitlab_total};
  }
  if (job.total < 1 || job.total > 100000) {
    return fail(fmt::format("--total {} must be from 1 to 100000", job.total));
  }
  if (job.index < 0 || job.index >= job.total) {
    return fail(fmt::format("--index {} must be from 0 to {} (jobs count from 0)", job.index,
                            job.total - 1));
  }
  return job;
}

// ctest options the shard cannot pass on: those it sets itself, those that
// change which tests ctest selects (ctest counts -I's numbers among the
// tests left after -R, -E, -L and -LE, so the share would name other tests;
// --rerun-failed ignores -I), and --repeat, which runs a test twice and
// makes the cross-job proof see it twice.
Expected<void> check_shard_ctest_args(const std::vector<std::string>& args) {
  const char* const set_here[] = {"-I", "--tests-information", "--output-junit", "--test-dir"};
  const char* const selecting[] = {"-R",
                                   "-E",
                                   "-LE",  // before -L, which it starts with
                                   "-L",
                                   "-U",
                                   "-FA",
                                   "-FS",
                                   "-FC",
                                   "--union",
                                   "--rerun-failed",
                                   "--repeat",
                                   "--repeat-until-fail",
                                   "--tests-regex",
                                   "--exclude-regex",
                                   "--label-regex",
                                   "--label-exclude",
                                   "--fixture-exclude-any",
                                   "--fixture-exclude-setup",
                                   "--fixture-exclude-cleanup"};
  // "-Rfoo" and "--repeat=until-pass:2" are the options too; "-j4" is not "-I".
  const auto is = [](const std::string& arg, const std::string& option) {
    return arg == option ||
           (arg.rfind(option, 0) == 0 && (option.size() == 2 || arg[option.size()] == '='));
  };
  for (const std::string& arg : args) {
    for (const char* option : set_here) {
      if (is(arg, option))
        return fail(fmt::format("the shard sets {} itself; drop it after --", option));
    }
    for (const char* option : selecting) {
      if (is(arg, option)) {
        return fail(fmt::format(
            "{} after -- would change which tests the shard runs (every job runs its whole "
            "share, and the proof counts each run): select tests when registering them instead",
            option));
      }
    }
  }
  return {};
}

// The serial side of the proof: every kitty binary's tests, listed; and,
// when there is no cost file, the number of tests of each kitty unit (asked
// of the binary with the unit's own selection: the registration does not
// carry the flags its listing was made with).
struct Listings {
  std::vector<ListedBinary> binaries;
  std::vector<ManifestUnit> units;
  std::map<std::string, long long> tests_of_unit;
};

Expected<Listings> list_binaries(const Registry& registry, bool whole, bool units) {
  Listings listings;
  std::map<std::vector<std::string>, int> index_of;
  for (const RegisteredTest& test : registry.tests) {
    if (!test.kitty_selector) continue;
    const ProgramCommand command = split_command(test);
    if (command.program.empty()) return fail("cannot tell the binary of " + test.name);
    auto [known, added] = index_of.emplace(command.program, std::ssize(listings.binaries));
    if (added) {
      ListedBinary binary{command.program, {}};
      if (whole) {
        KITTY_TRY(binary.tests, list_unit_tests(command.program, std::nullopt));
      }
      listings.binaries.push_back(std::move(binary));
    }
    ManifestUnit unit{test.name, known->second, unit_file(test), quarantined_unit(test), {}};
    if (unit.quarantined && whole) {
      KITTY_TRY(unit.tests, list_unit_tests(command.program, test.kitty_selector));
    }
    listings.units.push_back(std::move(unit));
    if (units) {
      KITTY_TRY(const std::vector<std::string> tests,
                list_unit_tests(command.program, test.kitty_selector));
      listings.tests_of_unit[test.name] = std::ssize(tests);
    }
  }
  return listings;
}

// Each GoogleTest report the share's tests wrote in this run (not older:
// a kitty process removes its report before it starts, but a test ctest
// did not run keeps an earlier one), copied into <out>/reports so the
// artifact holds them.
Expected<void> copy_reports(const Registry& registry, const std::vector<int>& numbers,
                            fs::file_time_type since, const std::string& out,
                            ShardManifest& manifest) {
  for (const int number : numbers) {
    const RegisteredTest& test = registry.tests[static_cast<size_t>(number - 1)];
    const std::string report = xml_report_of(test);
    std::error_code error;
    if (report.empty() || !fs::exists(report, error) ||
        fs::last_write_time(report, error) < since) {
      continue;
    }
    const std::string name =
        fmt::format("reports/{}-{}", number, fs::path(report).filename().string());
    fs::create_directories(out + "/reports", error);
    fs::copy_file(report, out + "/" + name, fs::copy_options::overwrite_existing, error);
    if (error) return fail(fmt::format("cannot copy {} into {}: {}", report, out, error.message()));
    manifest.reports[test.name] = name;
  }
  return {};
}

// Only the known entries of an earlier shard in `out` are removed: the
// directory may be the user's.
Expected<void> clear_out_dir(const std::string& out) {
  std::error_code error;
  fs::create_directories(out, error);
  if (error) return fail(fmt::format("cannot make {}: {}", out, error.message()));
  for (const char* entry :
       {"shard.json", "shard.json.partial", "junit.xml", "records", "reports"}) {
    fs::remove_all(fs::path(out) / entry, error);
    if (error) return fail(fmt::format("cannot clear {}/{}: {}", out, entry, error.message()));
  }
  return {};
}

}  // namespace

Expected<int> run_shard_command(const ShardOptions& options) {
  KITTY_TRY(const Job job, job_of(options));
  KITTY_TRY_VOID(check_shard_ctest_args(options.ctest_args));
  KITTY_TRY(const Registry registry, load_registry(options.test_dir, options.config));
  announce_config("shard", registry);
  if (registry.tests.empty()) {
    return fail(
        fmt::format("no tests are registered in {} (is it a build tree?)", options.test_dir));
  }
  std::optional<internal::CostData> costs;
  if (!options.costs.empty()) {
    internal::Result<internal::CostData> read = internal::read_cost_data(options.costs);
    if (!read) return fail(read.failure().message);
    costs = std::move(*read);
  }
  KITTY_TRY(const Listings listings, list_binaries(registry, !options.list, options.costs.empty()));
  const Shares shares =
      plan_shares(registry, costs ? &*costs : nullptr, listings.tests_of_unit, job.total);

  ShardManifest manifest;
  manifest.index = job.index;
  manifest.total = job.total;
  manifest.plan = shares.fingerprint;
  manifest.config = registry.config;
  if (costs) {
    manifest.costs_file = options.costs;
    if (!options.list) manifest.costs_digest = digest_of(internal::format_cost_data(*costs));
  }
  std::vector<int> numbers;  // ctest's, from 1
  double planned = 0;
  double whole = 0;
  for (size_t i = 0; i < registry.tests.size(); ++i) {
    manifest.registered.push_back(registry.tests[i].name);
    whole += shares.weight[i];
    if (shares.shard_of[i] != job.index) continue;
    manifest.share.push_back(registry.tests[i].name);
    numbers.push_back(static_cast<int>(i) + 1);
    planned += shares.weight[i];
  }
  std::string summary = fmt::format(
      "gtest-kitty shard: job {} of {} (--index {}): {} of {} registered tests, planned {:.6g} "
      "of {:.6g} {}",
      job.index + 1, job.total, job.index, manifest.share.size(), registry.tests.size(), planned,
      whole, costs ? "s (recorded costs)" : "tests inside them (no cost file)");
  if (shares.unknown > 0) {
    summary += fmt::format("; {} without a {} counted as the median",
                           counted(static_cast<long long>(shares.unknown), "test"),
                           costs ? "recorded cost" : "count");
  }
  if (options.list) {
    for (const std::string& name : manifest.share) fmt::print("{}\n", name);
    std::fflush(stdout);
    fmt::print(stderr, "{}\n", summary);
    return 0;
  }

  const std::string out = options.out.empty()
                              ? fmt::format("{}/kitty-shard-{}", options.test_dir, job.index)
                              : options.out;
  KITTY_TRY_VOID(clear_out_dir(out));
  const std::string out_path = fs::absolute(out).lexically_normal().string();
  manifest.binaries = listings.binaries;
  manifest.units = listings.units;
  KITTY_TRY_VOID(write_manifest(out_path, manifest));  // a killed job leaves one without "ctest"
  fmt::print("{}\n", summary);
  std::fflush(stdout);
  if (numbers.empty()) {
    manifest.ctest = CtestRun{0, 0};
    KITTY_TRY_VOID(write_manifest(out_path, manifest));
    fmt::print("gtest-kitty shard: nothing to run in this job: {}\n", out_path);
    return 0;
  }
  std::vector<std::string> argv = {"ctest", "--test-dir", options.test_dir};
  if (!registry.config.empty()) argv.insert(argv.end(), {"-C", registry.config});
  // ctest -I: start, end, stride, then the test numbers (one argument).
  argv.insert(argv.end(), {"-I", fmt::format("0,0,0,{}", fmt::join(numbers, ",")), "--output-junit",
                           out_path + "/junit.xml"});
  argv.insert(argv.end(), options.ctest_args.begin(), options.ctest_args.end());
  ProcessOptions process;
  process.capture = false;
  process.environment["KITTY_RECORD_DIR"] = out_path + "/records";
  const Stopwatch stopwatch;
  // The file clock's now, a second back: file systems keep coarse times.
  const fs::file_time_type started = fs::file_time_type::clock::now() - std::chrono::seconds(1);
  const Expected<ProcessResult> ran = run_program(argv, process);
  if (!ran) return fail(ran.error().message + ": install CMake and put ctest on PATH");
  manifest.ctest = CtestRun{ran->exit_code, stopwatch.seconds()};
  KITTY_TRY_VOID(copy_reports(registry, numbers, started, out_path, manifest));
  KITTY_TRY_VOID(write_manifest(out_path, manifest));
  fmt::print("gtest-kitty shard: job {} of {} left its records in {}\n", job.index + 1, job.total,
             out_path);
  return ran->exit_code;
}

}  // namespace kitty::cli
