#include "cli/commands/equivalence_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>

#include "cli/adapters/process.h"
#include "cli/adapters/progress.h"
#include "cli/adapters/temp_dir.h"
#include "cli/counted.h"
#include "cli/model/equivalence.h"
#include "cli/model/registry.h"
#include "cli/model/shard_proof.h"
#include "cli/model/unit_listing.h"
#include "cli/model/whole_run.h"
#include "cli/stopwatch.h"

namespace kitty::cli {
namespace {

void print_report(const std::string& title, const EquivalenceReport& report) {
  const auto section = [](const char* what, const std::vector<std::string>& names) {
    for (const std::string& name : names) fmt::print("  {}: {}\n", what, name);
  };
  fmt::print("{}: {}\n", title, report.equivalent() ? "equivalent" : "NOT equivalent");
  section("missing", report.missing);
  section("extra", report.extra);
  section("duplicated", report.duplicated);
  section("misordered", report.misordered);
}

}  // namespace

CLI::App* add_equivalence_command(CLI::App& app, EquivalenceOptions& options) {
  CLI::App* equivalence = app.add_subcommand(
      "equivalence", "Prove the registered tests select exactly what serial runs run");
  add_build_tree_options(*equivalence, options.test_dir, options.config);
  equivalence->add_flag("--self-check", options.self_check,
                        "Also show the comparison catches a dropped and a duplicated unit");
  equivalence->add_flag("--executed", options.executed,
                        "Run both sides (each binary whole; ctest -j) and compare what executed");
  equivalence->add_option("-j", options.jobs, "ctest's -j for --executed (default: the cores)")
      ->check(CLI::Range(1, 1024));
  equivalence
      ->add_option("--shards", options.shards,
                   "Prove the outputs of N CI jobs (gtest-kitty shard --out) ran the suite once")
      ->check(CLI::ExistingDirectory)
      ->excludes("--executed", "--self-check");
  return equivalence;
}

namespace {

// One binary's serial run against its units, and how the lists were made.
struct Comparison {
  std::string title;
  SelectedTests serial;
  std::vector<SelectedTests> units;
};

// By asking each binary what it would run (--gtest_list_tests): fast, and
// runs no test.
Expected<std::vector<Comparison>> listed_comparisons(const Registry& registry) {
  // Units by the program that runs them (the binary with the arguments
  // every registration gives it: an EXTRA_ARGS filter applies to both sides).
  std::map<std::vector<std::string>, std::vector<const RegisteredTest*>> units_of_binary;
  for (const RegisteredTest& test : registry.tests) {
    if (!test.kitty_selector) continue;
    const ProgramCommand command = split_command(test);
    if (command.program.empty()) return fail("cannot tell the binary of " + test.name);
    units_of_binary[command.program].push_back(&test);
  }
  if (units_of_binary.empty()) {
    return fail("no kitty tests are registered in " + registry.test_dir +
                " (is it a build tree with kitty_add_tests?)");
  }
  std::vector<Comparison> comparisons;
  for (const auto& [program, units] : units_of_binary) {
    const std::string binary = fmt::format("{}", fmt::join(program, " "));
    KITTY_TRY(std::vector<std::string> serial, list_unit_tests(program, std::nullopt));
    Comparison comparison{fmt::format("{} ({}, {})", binary, counted(std::ssize(serial), "test"),
                                      counted(std::ssize(units), "registered unit")),
                          {"serial " + binary, std::move(serial)},
                          {}};
    for (const RegisteredTest* unit : units) {
      if (unit->disabled) continue;  // selects nothing: its tests go missing
      KITTY_TRY(std::vector<std::string> tests, list_unit_tests(program, unit->kitty_selector));
      comparison.units.push_back({unit->name, std::move(tests)});
    }
    comparisons.push_back(std::move(comparison));
  }
  return comparisons;
}

// Tests the recorded processes executed (first iteration of a repeat only).
size_t executed_count(const std::vector<ProcessRecord>& records) {
  size_t count = 0;
  for (const ProcessRecord& record : records) {
    for (const RecordedTest& test : record.tests) count += test.iteration == 0 ? 1 : 0;
  }
  return count;
}

// By running both: each binary once, whole, and the kitty tests under
// ctest -jN, recorded; what each process executed, in the order it did.
Expected<std::vector<Comparison>> executed_comparisons(const Registry& registry, int jobs) {
  KITTY_TRY(const KittyTests tests, kitty_tests_of(registry));
  KITTY_TRY(const TempDir temporary, TempDir::make("gtest-kitty-equivalence"));
  const std::string& work_dir = temporary.path();
  // Both sides take seconds to minutes: say what is running, as the ratchet does.
  Progress progress(1, fmt::format("equivalence, ctest -j{}", jobs));
  progress.start_run(1);
  const Stopwatch stopwatch;
  Expected<std::vector<ProcessRecord>> recorded =
      run_recorded(registry.test_dir, tests, jobs, work_dir + "/records",  // with -C
                   [&progress](const std::string& chunk) { progress.feed(chunk); });
  if (!recorded) progress.finish();  // the error goes on a line of its own
  KITTY_TRY(const std::vector<ProcessRecord> records, std::move(recorded));
  const SideCounts parallel_counts = counts_of(records);
  progress.end_run(1, executed_count(records), parallel_counts.failed + parallel_counts.crashed,
                   stopwatch.seconds());
  progress.finish();
  std::multimap<std::string, const ProcessRecord*> records_of;
  for (const ProcessRecord& record : records) records_of.emplace(record.name, &record);

  std::vector<Comparison> comparisons;
  for (size_t i = 0; i < tests.programs.size(); ++i) {
    const WholeProgram& program = tests.programs[i];
    const std::string binary = fmt::format("{}", fmt::join(program.command, " "));
    const Stopwatch serial_stopwatch;
    if (interactive_output()) {
      fmt::print(stderr, "\r\033[Kgtest-kitty equivalence: serial run of {}", binary);
      std::fflush(stderr);
    }
    Expected<WholeRun> serial_run =
        run_whole(program, fmt::format("{}/serial-{}.xml", work_dir, i));
    if (interactive_output()) fmt::print(stderr, "\r\033[K");
    KITTY_TRY(const WholeRun serial, std::move(serial_run));
    fmt::print("gtest-kitty equivalence: serial run of {}: {}, {} failed, {:.1f} s\n", binary,
               counted(std::ssize(serial.tests), "test"),
               serial.counts.failed + serial.counts.crashed, serial_stopwatch.seconds());
    std::fflush(stdout);
    Comparison comparison{fmt::format("{} ({} executed serially, {} under ctest -j{})", binary,
                                      counted(std::ssize(serial.tests), "test"),
                                      counted(std::ssize(program.units), "unit"), jobs),
                          {"serial " + binary, serial.tests},
                          {}};
    for (const RegisteredTest* unit : program.units) {
      SelectedTests executed{unit->name, {}};
      const auto [first, end] = records_of.equal_range(unit->name);
      for (auto it = first; it != end; ++it) {
        for (const RecordedTest& test : it->second->tests) {
          if (test.iteration == 0) executed.tests.push_back(test.name);  // as the XML report has it
        }
      }
      comparison.units.push_back(std::move(executed));
    }
    comparisons.push_back(std::move(comparison));
  }
  return comparisons;
}

}  // namespace

namespace {

// equivalence --shards: the N jobs' outputs together, against the binaries'
// listings the jobs recorded.
Expected<int> prove_shard_outputs(const std::vector<std::string>& dirs) {
  std::vector<ShardOutput> outputs;
  for (const std::string& dir : dirs) {
    KITTY_TRY(ShardOutput output, read_shard_output(dir));
    outputs.push_back(std::move(output));
  }
  const ShardProof proof = prove_shards(outputs);
  const ShardManifest& first = outputs.front().manifest;
  fmt::print("shards: {} of {} jobs' outputs, {}\n", outputs.size(), first.total,
             counted(std::ssize(first.registered), "registered test"));
  for (const std::string& fault : proof.faults) fmt::print("  fault: {}\n", fault);
  for (const auto& [binary, report] : proof.binaries) print_report(binary, report);
  fmt::print("shards: {}\n",
             proof.holds() ? "the jobs together ran every test exactly once" : "NOT proven");
  return proof.holds() ? 0 : 1;
}

}  // namespace

Expected<int> run_equivalence_command(const EquivalenceOptions& options) {
  if (!options.shards.empty()) return prove_shard_outputs(options.shards);
  setenv("KITTY_RUN_KIND", "tool", 1);  // its runs do not evict the user's (docs/isolation.md)
  KITTY_TRY(const Registry registry, load_registry(options.test_dir, options.config));
  announce_config("equivalence", registry);
  const int jobs = options.jobs > 0 ? options.jobs : default_jobs();
  KITTY_TRY(const std::vector<Comparison> comparisons,
            options.executed ? executed_comparisons(registry, jobs) : listed_comparisons(registry));
  bool all_equivalent = true;
  for (const Comparison& comparison : comparisons) {
    const EquivalenceReport report = compare_selections(comparison.serial, comparison.units);
    print_report(comparison.title, report);
    all_equivalent = all_equivalent && report.equivalent();
    const std::vector<SelectedTests>& units = comparison.units;
    if (options.self_check && !units.empty()) {
      std::vector<SelectedTests> dropped(units.begin() + 1, units.end());
      std::vector<SelectedTests> doubled = units;
      doubled.push_back(units.front());
      const bool caught = (units.front().tests.empty() ||
                           !compare_selections(comparison.serial, dropped).missing.empty()) &&
                          (units.front().tests.empty() ||
                           !compare_selections(comparison.serial, doubled).duplicated.empty());
      fmt::print("  self-check: a dropped and a duplicated unit are {}\n",
                 caught ? "caught" : "NOT caught");
      all_equivalent = all_equivalent && caught;
    }
  }
  return all_equivalent ? 0 : 1;
}

}  // namespace kitty::cli
