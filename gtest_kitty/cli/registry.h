// The registered tests of a build tree, as ctest itself reports them
// (ctest --show-only=json-v1): the shared model every subcommand starts from,
// so none of them parses ctest's output on its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "expected.h"

namespace kitty::cli {

struct RegisteredTest {
  std::string name;
  std::vector<std::string> command;  // empty for a test ctest cannot run
  std::vector<std::string> labels;
  std::optional<std::string> kitty_selector;  // "--kitty_file=..." for a kitty unit
  bool disabled = false;
  double cost = 0;
  double timeout = 0;                    // ctest's TIMEOUT in seconds; 0: none registered
  std::string working_directory;         // empty: ctest's default
  std::vector<std::string> environment;  // ENVIRONMENT, NAME=value each
};

// A kitty test's command split in two: the program with the arguments it is
// always given (launcher removed), and the selection and report flags of this
// one registration (--kitty_*, --gtest_output).
struct ProgramCommand {
  std::vector<std::string> program;
  std::vector<std::string> unit_flags;
};
ProgramCommand split_command(const RegisteredTest& test);

struct Registry {
  std::string test_dir;
  std::vector<RegisteredTest> tests;
};

// Asks ctest for the tests registered in `test_dir`.
Expected<Registry> load_registry(const std::string& test_dir);

// Parses ctest's --show-only=json-v1 document.
Expected<Registry> parse_registry(const std::string& test_dir, const std::string& json_text);

}  // namespace kitty::cli
