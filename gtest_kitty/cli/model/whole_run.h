// The two ways to run a build tree's kitty tests that the proofs compare:
// serially (each test binary once, whole, as it ran before kitty), and as
// ctest runs them in parallel (recorded, so that what each process executed
// is known). Shared by bench (timing) and equivalence --executed (order).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "cli/expected.h"
#include "cli/model/record_reader.h"
#include "cli/model/registry.h"

namespace kitty::cli {

// A test binary run whole, with what its registrations give it.
struct WholeProgram {
  std::vector<std::string> command;  // the binary and the arguments every unit gives it
  std::string working_directory;
  std::map<std::string, std::string> environment;  // ENVIRONMENT, minus per-unit variables
  std::vector<const RegisteredTest*> units;        // its enabled kitty registrations
};

// A test binary's registrations together: the serial run gets as long as
// ctest would give its units one after another (the sum of their TIMEOUTs);
// 0 when any of them has none.
double serial_timeout(const WholeProgram& program);

// How the tests of one side of a comparison ended.
struct SideCounts {
  int failed = 0;   // tests that failed
  int skipped = 0;  // tests that skipped themselves
  int crashed = 0;  // processes that died (a signal, a kill, a timeout) before their end
  bool all_passed() const { return failed == 0 && crashed == 0; }
};

// A serial run of one binary: the tests it executed, in order, and how they ended.
struct WholeRun {
  std::vector<std::string> tests;
  SideCounts counts;
};

struct KittyTests {
  std::vector<WholeProgram> programs;
  std::vector<int> test_numbers;  // ctest's 1-based numbers of the kitty tests, for -I
  size_t other_tests = 0;         // registered, but not by kitty
  std::string config;             // ctest's -C (the registry's); empty: none
};

// ctest's -j when none is given: the machine's cores.
int default_jobs();

// The kitty tests of a registry, by binary; an error when there are none.
Expected<KittyTests> kitty_tests_of(const Registry& registry);

// Runs `program` whole (quarantined tests included) with a GoogleTest XML
// report at `report`, bounded by serial_timeout(). Exit code 1 errors when
// it leaves no report (it crashed) or times out (naming the test it hung in).
Expected<WholeRun> run_whole(const WholeProgram& program, const std::string& report);

// How the tests of recorded processes ended (each process's first iteration).
SideCounts counts_of(const std::vector<ProcessRecord>& records);

// The test GoogleTest's console output shows running and never ending: the
// last "[ RUN      ]" without its "[       OK ]", "[  FAILED  ]" or
// "[  SKIPPED ]"; empty when none.
std::string running_at_end(const std::string& console_output);

// Runs the kitty tests of `test_dir` under `ctest -jN` (with -C
// tests.config; quarantined ones included), recording into `record_dir`;
// the records of the run. ctest's output goes to `on_output` as it arrives
// (for a progress line).
Expected<std::vector<ProcessRecord>> run_recorded(
    const std::string& test_dir, const KittyTests& tests, int jobs, const std::string& record_dir,
    const std::function<void(const std::string&)>& on_output = {});

}  // namespace kitty::cli
