#include "cli/model/whole_run.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <pugixml.hpp>

#include <algorithm>
#include <filesystem>
#include <thread>

#include "cli/adapters/process.h"

namespace kitty::cli {
namespace {

// What kitty's registration sets for one unit only: not part of a whole run.
bool unit_variable(const std::string& name) {
  return name == "KITTY_CTEST_NAME" || name == "KITTY_PORT_UNIT" ||
         name == "KITTY_QUARANTINED_UNIT";
}

// The tests a GoogleTest XML report says ran (skipped ones included), in
// the order they ran, and how many failed or skipped.
Expected<WholeRun> executed_in_report(const std::string& path) {
  pugi::xml_document document;
  if (!document.load_file(path.c_str())) return fail(fmt::format("no readable report {}", path), 1);
  WholeRun run;
  for (const pugi::xpath_node& node : document.select_nodes("//testcase[@status='run']")) {
    const pugi::xml_node test = node.node();
    run.tests.push_back(
        fmt::format("{}.{}", test.attribute("classname").value(), test.attribute("name").value()));
    if (test.child("failure")) {
      ++run.counts.failed;
    } else if (std::string(test.attribute("result").value()) == "skipped") {
      ++run.counts.skipped;
    }
  }
  return run;
}

// Quarantined tests run on both sides, so that the sides compare. (A string,
// not a literal: GCC 12 at -O3 warns falsely on assigning the literal.)
const std::string kRunQuarantine = "1";

}  // namespace

int default_jobs() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

Expected<KittyTests> kitty_tests_of(const Registry& registry) {
  KittyTests found;
  found.config = registry.config;
  std::map<std::vector<std::string>, size_t> index_of_program;
  for (size_t i = 0; i < registry.tests.size(); ++i) {
    const RegisteredTest& test = registry.tests[i];
    if (!test.kitty_selector) {
      ++found.other_tests;
      continue;
    }
    if (test.disabled) continue;
    found.test_numbers.push_back(static_cast<int>(i) + 1);
    const ProgramCommand command = split_command(test);
    if (command.program.empty())
      return fail(fmt::format("cannot tell the binary of {}", test.name));
    const auto [known, added] = index_of_program.emplace(command.program, found.programs.size());
    if (added) {
      WholeProgram program{command.program, test.working_directory, {}, {}};
      for (const std::string& variable : test.environment) {
        const size_t equals = variable.find('=');
        if (equals != std::string::npos && !unit_variable(variable.substr(0, equals))) {
          program.environment[variable.substr(0, equals)] = variable.substr(equals + 1);
        }
      }
      found.programs.push_back(std::move(program));
    }
    found.programs[known->second].units.push_back(&test);
  }
  if (found.programs.empty()) {
    return fail(fmt::format(
        "no kitty tests are registered in {} (is it a build tree with kitty_add_tests?)",
        registry.test_dir));
  }
  return found;
}

double serial_timeout(const WholeProgram& program) {
  double total = 0;
  for (const RegisteredTest* unit : program.units) {
    if (unit->timeout <= 0) return 0;
    total += unit->timeout;
  }
  return total;
}

std::string running_at_end(const std::string& console_output) {
  std::string running;
  size_t start = 0;
  while (start < console_output.size()) {
    size_t end = console_output.find('\n', start);
    if (end == std::string::npos) end = console_output.size();
    const std::string line = console_output.substr(start, end - start);
    if (line.rfind("[ RUN      ] ", 0) == 0) {
      running = line.substr(13);
    } else if (line.rfind("[       OK ] ", 0) == 0 || line.rfind("[  FAILED  ] ", 0) == 0 ||
               line.rfind("[  SKIPPED ] ", 0) == 0) {
      // "[       OK ] Suite.Name (3 ms)"
      if (!running.empty() && line.compare(13, running.size(), running) == 0) running.clear();
    }
    start = end + 1;
  }
  return running;
}

SideCounts counts_of(const std::vector<ProcessRecord>& records) {
  SideCounts counts;
  for (const ProcessRecord& record : records) {
    bool died = !record.exited;
    for (const RecordedTest& test : record.tests) {
      if (test.iteration != 0) continue;
      if (test.result == TestResult::kFailed) ++counts.failed;
      if (test.result == TestResult::kSkipped) ++counts.skipped;
      if (test.result == TestResult::kInterrupted) died = true;
    }
    if (died) ++counts.crashed;
  }
  return counts;
}

Expected<WholeRun> run_whole(const WholeProgram& program, const std::string& report) {
  std::vector<std::string> argv = program.command;
  argv.push_back(fmt::format("--gtest_output=xml:{}", report));
  ProcessOptions options;
  options.working_directory = program.working_directory;
  options.environment = program.environment;
  options.environment["KITTY_RUN_QUARANTINE"] = kRunQuarantine;
  options.timeout_seconds = serial_timeout(program);
  KITTY_TRY(const ProcessResult result, run_program(argv, options));
  if (result.timed_out) {
    const std::string test = running_at_end(result.output);
    return fail(
        fmt::format("the serial run of {} timed out after {:g} s (the sum of its units' "
                    "ctest TIMEOUTs){}: killed",
                    argv.front(), options.timeout_seconds, test.empty() ? "" : " in " + test),
        1);
  }
  Expected<WholeRun> tests = executed_in_report(report);
  if (!tests) {
    return fail(fmt::format("the serial run of {} (exit {}) left no report to compare with",
                            argv.front(), result.exit_code),
                1);
  }
  return tests;
}

Expected<std::vector<ProcessRecord>> run_recorded(
    const std::string& test_dir, const KittyTests& tests, int jobs, const std::string& record_dir,
    const std::function<void(const std::string&)>& on_output) {
  std::error_code error;
  std::filesystem::create_directories(record_dir, error);
  if (error) return fail(fmt::format("cannot make {}: {}", record_dir, error.message()));
  std::vector<std::string> argv = {"ctest", "--test-dir", test_dir, fmt::format("-j{}", jobs)};
  if (!tests.config.empty()) argv.insert(argv.end(), {"-C", tests.config});
  if (tests.other_tests > 0) {
    // ctest -I: start, end, stride, then explicit test numbers (one argument
    // after -I; ctest 3.25 ignores the joined -I0,0,0,... form).
    argv.push_back("-I");
    argv.push_back(fmt::format("0,0,0,{}", fmt::join(tests.test_numbers, ",")));
  }
  ProcessOptions process;
  process.environment["KITTY_RECORD_DIR"] = record_dir;
  process.environment["KITTY_RUN_QUARANTINE"] = kRunQuarantine;
  process.on_output = on_output;
  if (const Expected<ProcessResult> ran = run_program(argv, process); !ran) {
    return fail(ran.error().message + ": install CMake and put ctest on PATH");
  }
  return read_run_records(record_dir);
}

}  // namespace kitty::cli
