#include "cli/commands/split_check_command.h"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>

#include "cli/adapters/process.h"
#include "cli/adapters/temp_dir.h"
#include "cli/commands/run_command.h"
#include "cli/counted.h"
#include "cli/model/record_reader.h"
#include "cli/model/registry.h"
#include "cli/model/split_check.h"
#include "cli/model/unit_listing.h"
#include "common/kitty_flag.h"
#include "common/settings.h"

namespace kitty::cli {
namespace {

// The file's registration as ctest runs it: launcher (a fresh home for each
// process), binary, selection, environment, directory; the file as
// SPLIT_FILES names it.
struct FileRun {
  std::vector<std::string> argv;
  std::map<std::string, std::string> environment;
  std::string working_directory;
  double timeout = 0;
  std::string file;
};

FileRun file_run_of(const RegisteredTest& test, const std::string& file) {
  FileRun run;
  run.file = file;
  run.working_directory = test.working_directory;
  run.timeout = test.timeout;
  for (const std::string& variable : test.environment) {
    const size_t equals = variable.find('=');
    if (equals != std::string::npos) {
      run.environment[variable.substr(0, equals)] = variable.substr(equals + 1);
    }
  }
  // Quarantine is a gate of ctest runs: the check runs the file regardless.
  run.environment["KITTY_RUN_QUARANTINE"] = "1";
  // The registration's XML report belongs to the ctest run.
  for (const std::string& word : test.command) {
    if (word.rfind("--gtest_output=", 0) != 0) run.argv.push_back(word);
  }
  return run;
}

// A file already split (SPLIT_FILES) has no registration of its own: one of
// its pieces, selecting the whole file instead.
std::optional<FileRun> from_split_piece(const Registry& registry, const std::string& target,
                                        const std::string& file) {
  const std::string stem = target + "/" + file;
  for (const RegisteredTest& test : registry.tests) {
    if (!test.kitty_selector || test.name.find(stem + ":") == std::string::npos) continue;
    FileRun run = file_run_of(test, file);
    for (size_t i = 0; i < run.argv.size(); ++i) {
      if (run.argv[i] == *test.kitty_selector) run.argv[i] = "--kitty_file=" + file;
      if (run.argv[i] == "--name" && i + 1 < run.argv.size()) run.argv[i + 1] = stem;
    }
    if (run.environment.contains("KITTY_CTEST_NAME")) run.environment["KITTY_CTEST_NAME"] = stem;
    return run;
  }
  return std::nullopt;
}

Expected<FileRun> find_file(const Registry& registry, const std::string& target,
                            const std::string& file) {
  const Expected<const RegisteredTest*> found = find_registration(registry, {target, file});
  if (!found) {
    if (std::optional<FileRun> piece = from_split_piece(registry, target, file)) return *piece;
    return Unexpected<Error>(found.error());
  }
  const RegisteredTest& test = **found;
  if (test.command.empty()) return fail(fmt::format("ctest has no command to run {}", test.name));
  const std::string registered(
      internal::kitty_flag_value(test.kitty_selector.value_or(""), protocol::kFlagFile)
          .value_or(file));
  return file_run_of(test, registered);
}

// Runs the file with `filter` (empty: whole), recording into a directory of
// its own under `work_dir`; the records of that one process.
Expected<std::vector<ProcessRecord>> run_file(const FileRun& run, const std::string& filter,
                                              const std::string& work_dir, int& processes) {
  const std::string record_dir = fmt::format("{}/{}", work_dir, ++processes);
  std::error_code error;
  std::filesystem::create_directories(record_dir, error);
  if (error) return fail(fmt::format("cannot make {}: {}", record_dir, error.message()));
  std::vector<std::string> argv = run.argv;
  if (!filter.empty()) argv.push_back("--gtest_filter=" + filter);
  ProcessOptions options;
  options.working_directory = run.working_directory;
  options.environment = run.environment;
  options.environment["KITTY_RECORD_DIR"] = record_dir;
  options.timeout_seconds = run.timeout;
  KITTY_TRY(const ProcessResult result, run_program(argv, options));
  KITTY_TRY(std::vector<ProcessRecord> records, read_run_records(record_dir));
  if (records.empty()) {
    return fail(fmt::format("the run of {} wrote no run record (exit {}): {}", run.file,
                            result.exit_code, result.output.substr(0, result.output.find('\n'))));
  }
  return records;
}

Expected<Outcome> alone(const FileRun& run, const std::string& filter, const std::string& test,
                        const std::string& work_dir, int& processes) {
  KITTY_TRY(const std::vector<ProcessRecord> records, run_file(run, filter, work_dir, processes));
  return outcome_in(records, test);
}

}  // namespace

CLI::App* add_split_check_command(CLI::App& app, SplitCheckOptions& options) {
  CLI::App* check = app.add_subcommand(
      "split-check",
      "Check that a file can be split (SPLIT_FILES): each test alone ends as in the whole file");
  check->add_option("target", options.target, "The test target (kitty_add_tests' first argument)")
      ->required();
  check->add_option("file", options.file, "The file, as registered (or the end of its path)")
      ->required();
  add_build_tree_options(*check, options.test_dir, options.config);
  check->add_option("--repeat", options.repeat, "Runs of each test alone (default 3)")
      ->check(CLI::Range(1, 100));
  check->add_option("--seed", options.seed, "The seed of the shuffled order (default: random)");
  return check;
}

Expected<int> run_split_check_command(const SplitCheckOptions& options) {
  setenv("KITTY_RUN_KIND", "tool", 1);  // its runs do not evict the user's (docs/isolation.md)
  KITTY_TRY(const Registry registry, load_registry(options.test_dir, options.config));
  announce_config("split-check", registry);
  KITTY_TRY(const FileRun run, find_file(registry, options.target, options.file));
  RegisteredTest as_registered;
  as_registered.command = run.argv;
  const ProgramCommand program = split_command(as_registered);
  KITTY_TRY(const std::vector<std::string> tests,
            list_unit_tests(program.program, "--kitty_file=" + run.file));
  if (tests.empty()) {
    return fail(
        fmt::format("{} of {} has no enabled test: nothing to split", run.file, options.target));
  }
  const std::uint64_t seed = options.seed ? *options.seed : std::random_device{}();
  fmt::print(
      "gtest-kitty split-check: {} of {}: {}, run whole once, then each alone {} in shuffled "
      "order (seed {})\n",
      run.file, options.target, counted(std::ssize(tests), "test"), counted(options.repeat, "time"),
      seed);
  // Without the launcher's fresh home, a dependency through a file in the
  // home goes unseen (and the tests write to the real one): say so.
  const char* isolation = internal::read_setting("KITTY_ISOLATION");
  const bool off = (run.environment.contains("KITTY_ISOLATION") &&
                    run.environment.at("KITTY_ISOLATION") == "off") ||
                   (isolation != nullptr && std::string(isolation) == "off");
  if (off || run.argv.empty() || run.argv.front().find("gtest-kitty-launch") == std::string::npos) {
    fmt::print(
        "note: isolation is off: no fresh home for each process, so a test that needs a "
        "file an earlier one left in the home is not seen\n");
  }
  std::fflush(stdout);
  KITTY_TRY(const TempDir work, TempDir::make("gtest-kitty-split-check"));
  int processes = 0;

  KITTY_TRY(const std::vector<ProcessRecord> whole, run_file(run, "", work.path(), processes));
  std::map<std::string, TestOutcomes> outcomes;
  for (const std::string& test : tests) outcomes[test] = {test, outcome_in(whole, test), {}};
  for (const std::vector<std::string>& round : shuffled_rounds(tests, options.repeat, seed)) {
    for (const std::string& test : round) {
      KITTY_TRY(const Outcome outcome, alone(run, test, test, work.path(), processes));
      outcomes[test].alone.push_back(outcome);
    }
  }
  std::vector<TestOutcomes> in_order;
  for (const std::string& test : tests) in_order.push_back(outcomes[test]);
  std::vector<SplitProblem> problems = compare_outcomes(in_order);

  // What a test that passes only whole needs: each earlier test (in
  // registration order, as GoogleTest runs A:B) before it, one at a time.
  for (SplitProblem& problem : problems) {
    if (!problem.needs_earlier) continue;
    std::vector<std::string> sufficient;
    for (const std::string& earlier : tests) {
      if (earlier == problem.test) break;
      KITTY_TRY(const Outcome outcome,
                alone(run, earlier + ":" + problem.test, problem.test, work.path(), processes));
      if (outcome == Outcome::kPassed) sufficient.push_back(earlier);
    }
    problem.dependency = dependency_text(sufficient);
  }

  const std::string split_line =
      fmt::format("kitty_add_tests({} ... SPLIT_FILES {})", options.target, run.file);
  if (problems.empty()) {
    fmt::print(
        "safe to split: each of the {} ended alone as in the whole file ({} processes); "
        "split it with {}\n",
        counted(std::ssize(tests), "test"), processes, split_line);
    return 0;
  }
  fmt::print("UNSAFE to split: {} of {} {} not end alone as in the whole file ({} processes):\n",
             counted(std::ssize(problems), "test"), tests.size(),
             problems.size() == 1 ? "does" : "do", processes);
  for (const SplitProblem& problem : problems) {
    fmt::print("  {}: {}{}\n", problem.test, problem.finding,
               problem.dependency.empty() ? "" : ": " + problem.dependency);
  }
  fmt::print(
      "rerun this check: gtest-kitty split-check --test-dir {} {} {} --repeat {} --seed {}\n",
      registry.test_dir, options.target, run.file, options.repeat, seed);
  return 1;
}

}  // namespace kitty::cli
