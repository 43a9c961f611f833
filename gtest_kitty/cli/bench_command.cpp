#include "bench_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <pugixml.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <thread>

#include "process.h"
#include "registry.h"
#include "run_record.h"

namespace kitty::cli {
namespace fs = std::filesystem;
namespace {

// A test binary run whole, as the serial side runs it.
struct Program {
  std::vector<std::string> command;  // binary and the arguments every unit gives it
  std::string working_directory;
  std::map<std::string, std::string> environment;
};

// What kitty's registration sets for one unit only: not part of a whole run.
bool unit_variable(const std::string& name) {
  return name == "KITTY_CTEST_NAME" || name == "KITTY_PORT_UNIT" ||
         name == "KITTY_QUARANTINED_UNIT";
}

struct Plan {
  std::vector<Program> programs;
  std::vector<int> kitty_test_numbers;  // ctest's 1-based numbers, for -I
  size_t other_tests = 0;               // registered, but not by kitty
};

Expected<Plan> plan_of(const Registry& registry) {
  Plan plan;
  std::map<std::vector<std::string>, size_t> seen;
  for (size_t i = 0; i < registry.tests.size(); ++i) {
    const RegisteredTest& test = registry.tests[i];
    if (!test.kitty_selector) {
      ++plan.other_tests;
      continue;
    }
    if (test.disabled) continue;
    plan.kitty_test_numbers.push_back(static_cast<int>(i) + 1);
    const ProgramCommand command = split_command(test);
    if (command.program.empty()) return fail("cannot tell the binary of " + test.name);
    if (!seen.emplace(command.program, plan.programs.size()).second) continue;
    Program program{command.program, test.working_directory, {}};
    for (const std::string& variable : test.environment) {
      const std::string name = variable.substr(0, variable.find('='));
      if (!unit_variable(name) && variable.find('=') != std::string::npos) {
        program.environment[name] = variable.substr(variable.find('=') + 1);
      }
    }
    plan.programs.push_back(std::move(program));
  }
  if (plan.programs.empty()) {
    return fail("no kitty tests are registered in " + registry.test_dir +
                " (is it a build tree with kitty_add_tests?)");
  }
  return plan;
}

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The tests a GoogleTest XML report says ran (skipped ones included).
Expected<std::vector<std::string>> executed_in_report(const std::string& path) {
  pugi::xml_document document;
  if (!document.load_file(path.c_str())) return fail("no readable report " + path, 1);
  std::vector<std::string> tests;
  for (const pugi::xpath_node& node : document.select_nodes("//testcase[@status='run']")) {
    tests.push_back(std::string(node.node().attribute("classname").value()) + "." +
                    node.node().attribute("name").value());
  }
  return tests;
}

struct Measured {
  double seconds = 0;
  std::vector<std::string> tests;  // sorted
};

Expected<Measured> run_serial(const Plan& plan, const std::string& work_dir, int round) {
  Measured measured;
  const Clock::time_point start = Clock::now();
  for (size_t i = 0; i < plan.programs.size(); ++i) {
    const Program& program = plan.programs[i];
    const std::string report = fmt::format("{}/serial-{}-{}.xml", work_dir, round, i);
    std::vector<std::string> argv = program.command;
    argv.push_back("--gtest_output=xml:" + report);
    ProcessOptions options;
    options.working_directory = program.working_directory;
    options.environment = program.environment;
    options.environment["KITTY_RUN_QUARANTINE"] = "1";
    const ProcessResult result = run_process(argv, options);
    if (result.exit_code == 127) return fail("cannot run " + argv.front());
    Expected<std::vector<std::string>> tests = executed_in_report(report);
    if (!tests) {
      return fail(fmt::format("the serial run of {} (exit {}) left no report to compare with",
                              argv.front(), result.exit_code),
                  1);
    }
    measured.tests.insert(measured.tests.end(), tests->begin(), tests->end());
  }
  measured.seconds = seconds_since(start);
  std::sort(measured.tests.begin(), measured.tests.end());
  return measured;
}

Expected<Measured> run_parallel(const BenchOptions& options, const Plan& plan,
                                const std::string& work_dir, int jobs, int round) {
  const std::string records = fmt::format("{}/parallel-{}", work_dir, round);
  fs::create_directories(records);
  std::vector<std::string> argv = {"ctest", "--test-dir", options.test_dir,
                                   fmt::format("-j{}", jobs)};
  if (plan.other_tests > 0) {
    // ctest -I: start, end, stride, then explicit test numbers (one argument
    // after -I; ctest 3.25 ignores the joined -I0,0,0,... form).
    argv.push_back("-I");
    argv.push_back(fmt::format("0,0,0,{}", fmt::join(plan.kitty_test_numbers, ",")));
  }
  ProcessOptions process;
  process.environment["KITTY_RECORD_DIR"] = records;
  process.environment["KITTY_RUN_QUARANTINE"] = "1";
  const Clock::time_point start = Clock::now();
  const ProcessResult result = run_process(argv, process);
  Measured measured;
  measured.seconds = seconds_since(start);
  if (result.exit_code == 127) return fail("ctest not found: install CMake and put ctest on PATH");
  const Expected<std::vector<ProcessRecord>> recorded = read_run_records(records);
  if (!recorded) return Unexpected<Error>(recorded.error());
  for (const ProcessRecord& record : *recorded) {
    for (const RecordedTest& test : record.tests) measured.tests.push_back(test.name);
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
  bench->add_option("--test-dir", options.test_dir, "The build tree (default: .)")
      ->check(CLI::ExistingDirectory);
  bench->add_option("-j", options.jobs, "ctest's -j (default: the machine's cores)")
      ->check(CLI::Range(1, 1024));
  bench->add_option("--runs", options.runs, "Runs of each side (default 3); medians are reported")
      ->check(CLI::Range(1, 100));
  return bench;
}

Expected<int> run_bench_command(const BenchOptions& options) {
  const Expected<Registry> registry = load_registry(options.test_dir);
  if (!registry) return Unexpected<Error>(registry.error());
  const Expected<Plan> plan = plan_of(*registry);
  if (!plan) return Unexpected<Error>(plan.error());
  const int jobs = options.jobs > 0
                       ? options.jobs
                       : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  std::string work_dir = (fs::temp_directory_path() / "gtest-kitty-bench.XXXXXX").string();
  if (mkdtemp(work_dir.data()) == nullptr) return fail("cannot make a temporary directory");
  // Removed however the bench ends: its reports and records are only the means.
  const std::unique_ptr<const std::string, void (*)(const std::string*)> remove_work_dir(
      &work_dir, [](const std::string* dir) { fs::remove_all(*dir); });
  if (plan->other_tests > 0) {
    fmt::print("gtest-kitty bench: {} registered tests are not kitty's and are left out\n",
               plan->other_tests);
  }

  std::vector<double> serial_seconds;
  std::vector<double> parallel_seconds;
  std::vector<std::string> serial_tests;
  bool agree = true;
  for (int round = 1; round <= options.runs; ++round) {
    Expected<Measured> serial = run_serial(*plan, work_dir, round);
    if (!serial) return Unexpected<Error>(serial.error());
    Expected<Measured> parallel = run_parallel(options, *plan, work_dir, jobs, round);
    if (!parallel) return Unexpected<Error>(parallel.error());
    fmt::print("gtest-kitty bench: run {}/{}: serial {:.3f} s, parallel {:.3f} s\n", round,
               options.runs, serial->seconds, parallel->seconds);
    std::fflush(stdout);
    if (round == 1) serial_tests = serial->tests;
    if (serial->tests != serial_tests) {
      fmt::print("  serial run {} ran other tests than serial run 1\n", round);
      agree = false;
    }
    agree = same_tests(serial_tests, *parallel, round) && agree;
    serial_seconds.push_back(serial->seconds);
    parallel_seconds.push_back(parallel->seconds);
  }
  const double serial_median = median(serial_seconds);
  const double parallel_median = median(parallel_seconds);
  fmt::print("serial:   median {:.3f} s ({} {}, one process each, in turn)\n", serial_median,
             plan->programs.size(), plan->programs.size() == 1 ? "binary" : "binaries");
  fmt::print("parallel: median {:.3f} s (ctest -j{}, {} registered tests)\n", parallel_median, jobs,
             plan->kitty_test_numbers.size());
  fmt::print("speed-up: {:.2f}x (median serial / median parallel, {} runs each)\n",
             parallel_median > 0 ? serial_median / parallel_median : 0.0, options.runs);
  fmt::print("same tests: {}\n", agree
                                     ? fmt::format("yes, {} executed by both", serial_tests.size())
                                     : std::string("NO (listed above)"));
  return agree ? 0 : 1;
}

}  // namespace kitty::cli
