// The registered tests of a build tree, as ctest itself reports them
// (ctest --show-only=json-v1): the shared model every subcommand starts from,
// so none of them parses ctest's output on its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/expected.h"

namespace CLI {
class App;
}

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
  std::string
      split_file;  // a piece of a SPLIT_FILES file: that file (KITTY_SPLIT_FILE); else empty
};

// The source file a kitty unit runs: its --kitty_file, or the file it is a
// piece of (SPLIT_FILES); empty for a suite or test unit of GRANULARITY
// suite|test, and for a test that is not kitty's.
std::string unit_file(const RegisteredTest& test);

// The GoogleTest XML report a registered test writes (its
// --gtest_output=xml:PATH, kitty_add_tests' XML_OUTPUT_DIR); empty when none.
std::string xml_report_of(const RegisteredTest& test);

// Whether a kitty unit is registered in QUARANTINE_FILES (its tests do not
// run unless KITTY_RUN_QUARANTINE says so).
bool quarantined_unit(const RegisteredTest& test);

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
  std::string config;  // ctest's -C for every ctest run in the tree; empty: none given or needed
  std::string config_reason;  // why `config`, when no -C named it (a multi-config default)
};

// Asks ctest for the tests registered in `test_dir` (ctest --show-only -C
// `config`). In a multi-config tree, `config` is matched regardless of case
// and must be built; when empty, the default_config() rule picks one.
Expected<Registry> load_registry(const std::string& test_dir, const std::string& config = {});

// What a build tree's CMakeCache.txt says of its configurations (found in
// `test_dir` or above it, within the build tree).
struct BuildConfigurations {
  bool multi_config = false;       // Ninja Multi-Config, Visual Studio, Xcode
  std::vector<std::string> names;  // CMAKE_CONFIGURATION_TYPES
  std::string default_build_type;  // CMAKE_DEFAULT_BUILD_TYPE, when cached
};
BuildConfigurations read_build_configurations(const std::string& test_dir);

// `requested` as the tree spells it (-C debug is Debug, as for ctest); an
// error naming the tree's configurations when it is none of them.
Expected<std::string> known_config(const BuildConfigurations& tree, const std::string& requested,
                                   const std::string& test_dir);

// The configuration of a multi-config tree when no -C is given, from those
// `built` (with kitty tests registered): CMAKE_DEFAULT_BUILD_TYPE when it is
// built, else the only one built; an error asking for -C otherwise. Sets the
// registry's config and config_reason.
Expected<void> default_config(const BuildConfigurations& tree,
                              const std::vector<std::string>& built, Registry& registry);

// A subcommand's -C/--config option, stored in `config`.
void add_config_option(CLI::App& command, std::string& config);

// A subcommand's --test-dir (an existing directory) and -C/--config options:
// the build tree it reads and its configuration.
void add_build_tree_options(CLI::App& command, std::string& test_dir, std::string& config);

// "configuration Debug (the only configuration built)" when no -C chose it,
// else "configuration Debug"; empty when there is none.
std::string describe_config(const Registry& registry);

// Tells, on a line of its own, which configuration a command picked when no
// -C named it.
void announce_config(const std::string& command, const Registry& registry);

// Parses ctest's --show-only=json-v1 document.
Expected<Registry> parse_registry(const std::string& test_dir, const std::string& json_text);

}  // namespace kitty::cli
