#include "cli/commands/ratchet_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

#include "cli/adapters/files.h"
#include "cli/adapters/process.h"
#include "cli/adapters/progress.h"
#include "cli/adapters/temp_dir.h"
#include "cli/model/critical_path.h"
#include "cli/model/ratchet.h"
#include "cli/model/registry.h"
#include "cli/model/whole_run.h"
#include "cli/number_text.h"
#include "cli/stopwatch.h"
#include "common/settings.h"

namespace kitty::cli {
namespace fs = std::filesystem;
namespace {

// ctest flags that retry a failing test, or write the report the ratchet
// reads: the ratchet refuses them rather than be fooled or overwrite them.
Expected<void> check_ctest_args(const std::vector<std::string>& args) {
  for (const std::string& arg : args) {
    if (arg.rfind("--repeat", 0) == 0) {
      return fail("the ratchet never retries (" + arg +
                  " would run a failing test again); use -n for consecutive runs");
    }
    if (arg.rfind("--output-junit", 0) == 0) {
      return fail("the ratchet writes ctest's JUnit report itself; drop " + arg);
    }
  }
  return {};
}

// The value of ctest's option `flag` (or `long_flag`) among `args`; empty
// when absent.
std::string ctest_option(const std::vector<std::string>& args, const std::string& flag,
                         const std::string& long_flag) {
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == flag || args[i] == long_flag) return args[i + 1];
  }
  return {};
}

// The -j ctest runs with: -j N, -jN, --parallel N, a bare -j (the machine's
// cores), else CTEST_PARALLEL_LEVEL, else 1.
int ctest_jobs(const std::vector<std::string>& args) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "-j" || arg == "--parallel") {
      const std::optional<int> jobs =
          i + 1 < args.size() ? number_from_text<int>(args[i + 1]) : std::nullopt;
      return jobs && *jobs > 0 ? *jobs : default_jobs();
    }
    std::string value;
    if (arg.rfind("--parallel=", 0) == 0) value = arg.substr(std::string("--parallel=").size());
    if (arg.size() > 2 && arg.rfind("-j", 0) == 0) value = arg.substr(2);
    const std::optional<int> jobs = number_from_text<int>(value);
    if (jobs && *jobs > 0) return *jobs;
  }
  const char* level = internal::read_setting("CTEST_PARALLEL_LEVEL");
  const std::optional<int> jobs = level == nullptr ? std::nullopt : number_from_text<int>(level);
  return jobs && *jobs > 0 ? *jobs : 1;
}

// ctest's arguments with the configuration every run uses: the ratchet's -C
// or ctest's own, checked against the tree (--test-dir, else the current
// directory); in a multi-config tree without either, its default.
Expected<std::vector<std::string>> with_config(const RatchetOptions& options) {
  std::vector<std::string> args = options.ctest_args;
  const std::string own = ctest_option(args, "-C", "--build-config");
  if (!own.empty() && !options.config.empty()) {
    return fail("-C is given twice: once before -- (the ratchet's) and once after it (ctest's)");
  }
  std::string test_dir = ctest_option(args, "--test-dir", "--test-dir");
  if (test_dir.empty()) test_dir = ".";
  if (!read_build_configurations(test_dir).multi_config) {
    if (!options.config.empty()) args.insert(args.end(), {"-C", options.config});
    return args;
  }
  KITTY_TRY(const Registry registry, load_registry(test_dir, own.empty() ? options.config : own));
  announce_config("ratchet", registry);
  if (own.empty()) args.insert(args.end(), {"-C", registry.config});
  return args;
}

// The last lines ctest printed, on one line: what to show when it failed
// before running anything.
std::string tail_of(const std::string& output, size_t lines) {
  std::vector<std::string> kept;
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    kept.push_back(line);
    if (kept.size() > lines) kept.erase(kept.begin());
  }
  return kept.empty() ? "(no output)" : fmt::format("{}", fmt::join(kept, "; "));
}

// A rejected ratchet keeps its temporary directory for someone to look at;
// a later ratchet removes those of this user older than this, so that none
// stays forever.
constexpr auto kKeptWorkDirAge = std::chrono::hours(24 * 7);
constexpr const char* kWorkDirPrefix = "gtest-kitty-ratchet";

void prune_old_work_dirs() {
  std::error_code error;
  const fs::path base = fs::temp_directory_path(error);
  if (error) return;
  const auto now = fs::file_time_type::clock::now();
  const Expected<std::vector<fs::directory_entry>> entries = directory_entries(base.string());
  if (!entries) return;  // pruning is a courtesy: the ratchet runs without it
  for (const fs::directory_entry& entry : *entries) {
    const std::string name = entry.path().filename().string();
    struct stat info {};
    if (name.rfind(std::string(kWorkDirPrefix) + ".", 0) != 0 ||
        lstat(entry.path().c_str(), &info) != 0 || !S_ISDIR(info.st_mode) ||
        info.st_uid != getuid()) {
      continue;
    }
    std::error_code ignored;
    const auto written = fs::last_write_time(entry.path(), ignored);
    if (!ignored && now - written > kKeptWorkDirAge) fs::remove_all(entry.path(), ignored);
  }
}

Expected<RatchetRun> run_once(const RatchetOptions& options, const std::string& work_dir, int run,
                              Progress& progress) {
  const std::string run_dir = fmt::format("{}/run-{}", work_dir, run);
  std::error_code error;
  fs::remove_all(run_dir, error);
  fs::create_directories(run_dir + "/records", error);
  if (error) return fail(fmt::format("cannot make {}/records: {}", run_dir, error.message()));
  const std::string junit = run_dir + "/ctest.xml";
  std::vector<std::string> argv = {"ctest"};
  argv.insert(argv.end(), options.ctest_args.begin(), options.ctest_args.end());
  argv.insert(argv.end(), {"--output-junit", junit});
  ProcessOptions process;
  process.environment["KITTY_RECORD_DIR"] = run_dir + "/records";
  process.environment["KITTY_RATCHET_RUN"] = std::to_string(run);
  progress.start_run(run);
  process.on_output = [&progress](const std::string& chunk) { progress.feed(chunk); };
  const Stopwatch stopwatch;
  const Expected<ProcessResult> started = run_program(argv, process);
  if (!started) return fail(started.error().message + ": install CMake and put ctest on PATH");
  const ProcessResult& ctest = *started;
  const double seconds = stopwatch.seconds();
  std::ofstream(run_dir + "/ctest.log", std::ios::binary) << ctest.output;
  if (!fs::exists(junit, error)) {
    return fail(
        fmt::format("ctest ran no tests (exit {}): {}", ctest.exit_code, tail_of(ctest.output, 2)));
  }
  KITTY_TRY(std::vector<CtestCase> cases, read_ctest_junit(junit));
  if (cases.empty()) {
    return fail(options.ctest_args.empty()
                    ? std::string("no tests found: ctest selects none in the current directory")
                    : fmt::format("no tests found: ctest {} selects none",
                                  fmt::join(options.ctest_args, " ")));
  }
  KITTY_TRY(std::vector<ProcessRecord> records, read_run_records(run_dir + "/records"));
  int failed = 0;
  for (const CtestCase& test : cases) failed += counts_as_failure(test.status) ? 1 : 0;
  progress.end_run(run, cases.size(), failed, seconds);
  return RatchetRun{std::move(cases), std::move(records), ctest_statuses(ctest.output)};
}

}  // namespace

CLI::App* add_ratchet_command(CLI::App& app, RatchetOptions& options) {
  CLI::App* ratchet = app.add_subcommand(
      "ratchet", "Run the suite in parallel N times in a row; accept only all-green runs");
  ratchet->add_option("-n,--runs", options.runs, "Consecutive parallel runs")
      ->required()
      ->check(CLI::Range(1, 1000));
  ratchet->footer(
      "ctest's arguments follow --: gtest-kitty ratchet -n N [OPTIONS] -- CTEST_ARGS...");
  add_config_option(*ratchet, options.config);
  ratchet->add_option("--baseline", options.baseline, "Tests known to fail: one name per line")
      ->check(CLI::ExistingFile);
  ratchet->add_option("--write-baseline", options.write_baseline,
                      "Write the failing and flaky tests of these runs as a baseline");
  ratchet->add_option("--work-dir", options.work_dir,
                      "Keep each run's ctest log, JUnit and records here (default: a temporary "
                      "directory, kept when the ratchet rejects)");
  return ratchet;
}

Expected<int> run_ratchet_command(const RatchetOptions& given) {
  setenv("KITTY_RUN_KIND", "tool", 1);  // its runs do not evict the user's (docs/isolation.md)
  KITTY_TRY_VOID(check_ctest_args(given.ctest_args));
  RatchetOptions options = given;
  KITTY_TRY(options.ctest_args, with_config(given));
  std::set<std::string> baseline;
  if (!options.baseline.empty()) {
    KITTY_TRY(baseline, read_baseline(options.baseline));
  }
  // The directory asked for is always kept; a temporary one only when the
  // ratchet does not accept, and then it is named.
  std::optional<TempDir> temporary;
  std::string work_dir;
  if (options.work_dir.empty()) {
    prune_old_work_dirs();
    KITTY_TRY(TempDir made, TempDir::make(kWorkDirPrefix));
    temporary.emplace(std::move(made));
    work_dir = temporary->path();
  } else {
    std::error_code error;
    fs::create_directories(options.work_dir, error);
    if (!error) work_dir = fs::absolute(options.work_dir, error).string();
    if (error) return fail(fmt::format("cannot make {}: {}", options.work_dir, error.message()));
  }
  const auto keep_work_dir = [&temporary]() {
    if (temporary) temporary->keep();
  };

  Progress progress(options.runs);
  std::vector<RatchetRun> runs;
  for (int run = 1; run <= options.runs; ++run) {
    Expected<RatchetRun> outcome = run_once(options, work_dir, run, progress);
    if (!outcome) {
      progress.finish();
      keep_work_dir();
      return fail(outcome.error().message +
                  fmt::format(" (logs: {}{})", work_dir, temporary ? ", kept 7 days" : ""));
    }
    runs.push_back(std::move(*outcome));
  }
  progress.finish();

  const RatchetVerdict verdict = judge_runs(runs, baseline);
  fmt::print("{}", format_verdict(verdict));
  std::vector<std::vector<UnitTime>> units;
  for (const RatchetRun& run : runs) units.push_back(unit_times_of(run.records));
  fmt::print("{}", describe_bounding(find_bounding_unit(median_unit_times(units),
                                                        ctest_jobs(options.ctest_args))));
  if (!verdict.accepted() || !temporary) {
    keep_work_dir();
    fmt::print("gtest-kitty ratchet: each run's ctest log, JUnit and records: {}{}\n", work_dir,
               temporary ? " (kept 7 days: a later ratchet removes it then)" : "");
  }
  if (!options.write_baseline.empty()) {
    std::ofstream out(options.write_baseline);
    out << baseline_text(verdict);
    if (!out) return fail("cannot write the baseline " + options.write_baseline);
    fmt::print("gtest-kitty ratchet: baseline written to {}\n", options.write_baseline);
  }
  return verdict.accepted() ? 0 : 1;
}

}  // namespace kitty::cli
