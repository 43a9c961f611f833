#include "cli/commands/bench_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "cli/adapters/temp_dir.h"
#include "cli/counted.h"
#include "cli/model/critical_path.h"
#include "cli/model/record_reader.h"
#include "cli/model/registry.h"
#include "cli/model/whole_run.h"
#include "cli/stopwatch.h"

namespace kitty::cli {
namespace fs = std::filesystem;
namespace {

struct Measured {
  double seconds = 0;
  std::vector<std::string> tests;  // sorted
  SideCounts counts;
  std::vector<UnitTime> units;  // the parallel side's processes
};

void add_counts(SideCounts& total, const SideCounts& more) {
  total.failed += more.failed;
  total.skipped += more.skipped;
  total.crashed += more.crashed;
}

std::string counts_text(const SideCounts& counts) {
  return fmt::format("{} failed, {} crashed, {} skipped", counts.failed, counts.crashed,
                     counts.skipped);
}

Expected<Measured> run_serial(const KittyTests& tests, const std::string& work_dir, int round) {
  Measured measured;
  const Stopwatch stopwatch;
  for (size_t i = 0; i < tests.programs.size(); ++i) {
    const Expected<WholeRun> executed =
        run_whole(tests.programs[i], fmt::format("{}/serial-{}-{}.xml", work_dir, round, i));
    if (!executed) return Unexpected<Error>(executed.error());
    measured.tests.insert(measured.tests.end(), executed->tests.begin(), executed->tests.end());
    add_counts(measured.counts, executed->counts);
  }
  measured.seconds = stopwatch.seconds();
  std::sort(measured.tests.begin(), measured.tests.end());
  return measured;
}

Expected<Measured> run_parallel(const BenchOptions& options, const KittyTests& tests,
                                const std::string& work_dir, int jobs, int round) {
  const Stopwatch stopwatch;
  const Expected<std::vector<ProcessRecord>> recorded =
      run_recorded(options.test_dir, tests, jobs, fmt::format("{}/parallel-{}", work_dir, round));
  Measured measured;
  measured.seconds = stopwatch.seconds();
  if (!recorded) return Unexpected<Error>(recorded.error());
  measured.counts = counts_of(*recorded);
  measured.units = unit_times_of(*recorded);
  for (const ProcessRecord& record : *recorded) {
    for (const RecordedTest& test : record.tests) {
      if (test.iteration == 0) measured.tests.push_back(test.name);  // as the XML report has it
    }
  }
  std::sort(measured.tests.begin(), measured.tests.end());
  return measured;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

std::vector<std::string> minus(const std::vector<std::string>& a,
                               const std::vector<std::string>& b) {
  std::vector<std::string> difference;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(difference));
  return difference;
}

// Prints what one side ran that the other did not; true when they agree.
bool same_tests(const std::vector<std::string>& serial, const Measured& parallel, int round) {
  if (serial == parallel.tests) return true;
  const auto show = [round](const char* what, const std::vector<std::string>& names) {
    for (size_t i = 0; i < names.size() && i < 20; ++i) {
      fmt::print("  parallel run {} {}: {}\n", round, what, names[i]);
    }
    if (names.size() > 20) fmt::print("  ... and {} more\n", names.size() - 20);
  };
  show("did not run", minus(serial, parallel.tests));
  show("ran in addition (or twice)", minus(parallel.tests, serial));
  return false;
}

}  // namespace

CLI::App* add_bench_command(CLI::App& app, BenchOptions& options) {
  CLI::App* bench = app.add_subcommand(
      "bench", "Time the serial run against ctest -j N, and check both ran the same tests");
  add_build_tree_options(*bench, options.test_dir, options.config);
  bench->add_option("-j", options.jobs, "ctest's -j (default: the machine's cores)")
      ->check(CLI::Range(1, 1024));
  bench->add_option("--runs", options.runs, "Runs of each side (default 3); medians are reported")
      ->check(CLI::Range(1, 100));
  return bench;
}

Expected<int> run_bench_command(const BenchOptions& options) {
  setenv("KITTY_RUN_KIND", "tool", 1);  // its runs do not evict the user's (docs/isolation.md)
  const Expected<Registry> registry = load_registry(options.test_dir, options.config);
  if (!registry) return Unexpected<Error>(registry.error());
  announce_config("bench", *registry);
  const Expected<KittyTests> plan = kitty_tests_of(*registry);
  if (!plan) return Unexpected<Error>(plan.error());
  const int jobs = options.jobs > 0 ? options.jobs : default_jobs();
  const Expected<TempDir> temporary = TempDir::make("gtest-kitty-bench");
  if (!temporary) return Unexpected<Error>(temporary.error());
  const std::string& work_dir = temporary->path();
  if (plan->other_tests > 0) {
    fmt::print("gtest-kitty bench: {} registered tests are not kitty's and are left out\n",
               plan->other_tests);
  }

  std::vector<double> serial_seconds;
  std::vector<double> parallel_seconds;
  std::vector<std::string> serial_tests;
  std::vector<std::vector<UnitTime>> parallel_units;
  bool agree = true;
  SideCounts serial_counts;
  SideCounts parallel_counts;
  for (int round = 1; round <= options.runs; ++round) {
    Expected<Measured> serial = run_serial(*plan, work_dir, round);
    if (!serial) return Unexpected<Error>(serial.error());
    Expected<Measured> parallel = run_parallel(options, *plan, work_dir, jobs, round);
    if (!parallel) return Unexpected<Error>(parallel.error());
    fmt::print("gtest-kitty bench: run {}/{}: serial {:.3f} s ({}), parallel {:.3f} s ({})\n",
               round, options.runs, serial->seconds, counts_text(serial->counts), parallel->seconds,
               counts_text(parallel->counts));
    add_counts(serial_counts, serial->counts);
    add_counts(parallel_counts, parallel->counts);
    std::fflush(stdout);
    if (round == 1) serial_tests = serial->tests;
    if (serial->tests != serial_tests) {
      fmt::print("  serial run {} ran other tests than serial run 1\n", round);
      agree = false;
    }
    agree = same_tests(serial_tests, *parallel, round) && agree;
    serial_seconds.push_back(serial->seconds);
    parallel_seconds.push_back(parallel->seconds);
    parallel_units.push_back(std::move(parallel->units));
  }
  const double serial_median = median(serial_seconds);
  const double parallel_median = median(parallel_seconds);
  const bool green = serial_counts.all_passed() && parallel_counts.all_passed();
  const std::string over = options.runs == 1 ? "" : fmt::format(" over {} runs", options.runs);
  fmt::print("serial:   median {:.3f} s ({}, one process each, in turn); {}{}\n", serial_median,
             counted(static_cast<long long>(plan->programs.size()), "binary", "binaries"),
             counts_text(serial_counts), over);
  fmt::print("parallel: median {:.3f} s (ctest -j{}, {}); {}{}\n", parallel_median, jobs,
             counted(static_cast<long long>(plan->test_numbers.size()), "registered test"),
             counts_text(parallel_counts), over);
  fmt::print("speed-up: {:.2f}x (median serial / median parallel, {} each){}\n",
             parallel_median > 0 ? serial_median / parallel_median : 0.0,
             counted(options.runs, "run"),
             green ? "" : ", measured over FAILING runs: not the time of a green suite");
  // Whether one unit caps that speed-up, whatever the schedule.
  fmt::print("{}", describe_bounding(find_bounding_unit(median_unit_times(parallel_units), jobs)));
  fmt::print("same tests: {}\n", agree
                                     ? fmt::format("yes, {} executed by both", serial_tests.size())
                                     : std::string("NO (listed above)"));
  // A skip is not a pass: say so rather than claim every test passed.
  const int skipped = std::max(serial_counts.skipped, parallel_counts.skipped);
  const std::string outcome =
      !green ? "NOT green (failed or crashed tests above)"
      : skipped > 0
          ? fmt::format("no test failed on either side ({} skipped)", counted(skipped, "test"))
          : "every test passed on both sides";
  fmt::print("outcome: {}\n", outcome);
  return agree && green ? 0 : 1;
}

}  // namespace kitty::cli
