// kitty's own command-line flags (--kitty_*) and their environment
// equivalents (KITTY_*). They are taken out of argv so that GoogleTest, and
// any flag parser the test program runs after it, never sees them.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "runtime/selection.h"

namespace kitty::internal {

struct Options {
  std::optional<Selector> selector;                   // --kitty_file / --kitty_suite / --kitty_test
  std::optional<std::string> list_path;               // --kitty_list=PATH ("-" is stdout)
  Granularity list_granularity = Granularity::kFile;  // --kitty_granularity
  std::string root;                                   // --kitty_root: base of unit names
  bool help = false;                                  // --kitty_help
};

struct ParsedOptions {
  Options options;
  std::string error;  // one line; set on an unknown or malformed kitty flag
};

using GetEnv = std::function<const char*(const char*)>;

// Parses and removes kitty's flags from argv (argv[0] is kept). A flag wins
// over its environment variable.
ParsedOptions parse_options(int* argc, char** argv, const GetEnv& getenv);

// The text --kitty_help prints.
std::string options_help();

}  // namespace kitty::internal
