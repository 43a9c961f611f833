// kitty's own command-line flags (--kitty_*) and their environment
// equivalents (KITTY_*). They are taken out of argv so that GoogleTest, and
// any flag parser the test program runs after it, never sees them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/settings.h"
#include "common/status.h"
#include "listing/units.h"
#include "runtime/selection.h"

namespace kitty::internal {

struct Options {
  std::optional<Selector> selector;                   // --kitty_file / --kitty_suite / --kitty_test
  std::optional<std::string> list_path;               // --kitty_list=PATH ("-" is stdout)
  Granularity list_granularity = Granularity::kFile;  // --kitty_granularity
  std::string root;                                   // --kitty_root: base of unit names
  std::vector<SplitFile> splits;                      // --kitty_split, once per file
  bool help = false;                                  // --kitty_help
};

// Parses and removes kitty's flags from argv (argv[0] is kept; every kitty
// flag is removed, even after a bad one). A flag wins over its environment
// variable. An unknown or malformed kitty flag is a kUsage failure (the
// first one found).
Result<Options> parse_options(int* argc, char** argv, const Environment& environment);

// The text --kitty_help prints.
std::string options_help();

}  // namespace kitty::internal
