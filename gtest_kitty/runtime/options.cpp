#include "runtime/options.h"
#include "common/settings.h"

#include <algorithm>
#include <iterator>

#include <gtest_kitty/protocol.h>

#include "common/kitty_flag.h"
#include "platform/process.h"

namespace kitty::internal {
namespace {

std::optional<Granularity> parse_granularity(const std::string& text) {
  if (text == protocol::kFlagFile) return Granularity::kFile;
  if (text == protocol::kFlagSuite) return Granularity::kSuite;
  if (text == protocol::kFlagTest) return Granularity::kTest;
  return std::nullopt;
}

// Applies one "--kitty_NAME=VALUE" (or a bare "--kitty_help"); returns an
// error message, empty on success.
std::string apply_flag(const std::string& arg, Options& options, bool& selector_from_flag) {
  const std::string::size_type equals = arg.find('=');
  const std::string::size_type prefix = protocol::kFlagPrefix.size();
  const std::string name = arg.substr(prefix, equals - prefix);
  if (name == protocol::kFlagHelp && equals == std::string::npos) {
    options.help = true;
    return {};
  }
  if (name == protocol::kFlagHelp ||
      std::find(std::begin(protocol::kFlags), std::end(protocol::kFlags), name) ==
          std::end(protocol::kFlags)) {
    return "unknown flag --kitty_" + name + "; see --kitty_help";
  }
  if (equals == std::string::npos) {
    return "flag " + arg + " needs a value (" + arg + "=...); see --kitty_help";
  }
  const std::string value = arg.substr(equals + 1);
  if (const auto selected = parse_granularity(name)) {
    if (value.empty()) return "flag " + arg + " needs a non-empty value";
    if (selector_from_flag) return "give at most one of --kitty_file, --kitty_suite, --kitty_test";
    options.selector = Selector{*selected, value};
    selector_from_flag = true;
  } else if (name == protocol::kFlagList) {
    if (value.empty()) return "--kitty_list needs a path, or - for standard output";
    options.list_path = value;
  } else if (name == protocol::kFlagGranularity) {
    const auto granularity = parse_granularity(value);
    if (!granularity) return "--kitty_granularity must be file, suite or test, not '" + value + "'";
    options.list_granularity = *granularity;
  } else if (name == protocol::kFlagRoot) {
    options.root = value;
  } else if (name == protocol::kFlagSplit) {
    Result<SplitFile> split = parse_split(value);
    if (!split) return "--kitty_split: " + split.failure().message;
    options.splits.push_back(std::move(split).value());
  } else {
    return "unknown flag " + arg.substr(0, equals) + "; see --kitty_help";
  }
  return {};
}

}  // namespace

Result<Options> parse_options(int* argc, char** argv, const Environment& environment) {
  Options options;
  // The environment first, so that a flag overrides it.
  int from_env = 0;
  for (const auto& [variable, granularity] :
       {std::pair{"KITTY_FILE", Granularity::kFile}, std::pair{"KITTY_SUITE", Granularity::kSuite},
        std::pair{"KITTY_TEST", Granularity::kTest}}) {
    const char* value = read_setting(variable, environment);
    if (value == nullptr || *value == '\0') continue;
    options.selector = Selector{granularity, value};
    ++from_env;
  }
  if (from_env > 1) return usage_error("set at most one of KITTY_FILE, KITTY_SUITE, KITTY_TEST");

  bool selector_from_flag = false;
  std::string first_error;
  // A flag's value in UTF-8 (a file name with a `ü`, on Windows).
  const std::vector<std::string> utf8 = utf8_arguments(*argc, argv);
  const bool aligned = static_cast<int>(utf8.size()) == *argc;
  int kept = *argc > 0 ? 1 : 0;  // argv[0], when there is one
  for (int i = 1; i < *argc; ++i) {
    const std::string arg = aligned ? utf8[static_cast<size_t>(i)] : std::string(argv[i]);
    if (!is_kitty_flag(arg)) {
      argv[kept++] = argv[i];
      continue;
    }
    std::string error = apply_flag(arg, options, selector_from_flag);
    if (!error.empty() && first_error.empty()) first_error = std::move(error);
  }
  for (int i = kept; i < *argc; ++i) argv[i] = nullptr;
  *argc = kept;
  if (!first_error.empty()) return usage_error(first_error);
  return options;
}

std::string options_help() {
  return std::string() +
         "gtest_kitty flags (each also read from the environment where noted):\n"
         "  --kitty_file=PATH     run the tests of one source file (KITTY_FILE); PATH may\n"
         "                        be relative: it names the file whose path ends with it\n"
         "  --kitty_suite=SUITE   run the tests of one test suite (KITTY_SUITE)\n"
         "  --kitty_test=S.NAME   run one test (KITTY_TEST)\n"
         "  --kitty_list=PATH     write the machine-readable listing (- for stdout), exit\n"
         "  --kitty_granularity=file|suite|test   units of the listing (default file)\n"
         "  --kitty_root=DIR      unit names of the listing are relative to DIR\n"
         "  --kitty_split=FILE[=suite|test]   in the listing, FILE (relative to the\n"
         "                        root) is one unit per test (default) or per suite;\n"
         "                        once per file\n"
         "  --kitty_help          this text\n"
         "Exit codes: 0 passed, 1 failed, " +
         std::to_string(kExitSkipped) + " every selected test skipped,\n  " +
         std::to_string(kExitUsage) + " bad kitty flag, " + std::to_string(kExitSelectionMismatch) +
         " the selection matches no test, " + std::to_string(kExitUnitConflict) +
         " two units share a\n  name (listing), " + std::to_string(kExitOutputFailed) +
         " the listing cannot be written, " + std::to_string(kExitPortsUnavailable) +
         " no port block.\n";
}

}  // namespace kitty::internal
