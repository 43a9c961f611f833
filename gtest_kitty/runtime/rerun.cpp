#include "runtime/rerun.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "common/settings.h"
#include "common/shell_quote.h"
#include "common/utf8_path.h"
#include "isolation/isolation.h"
#include "platform/environment.h"
#include "platform/process.h"
#include "record/record_file.h"

namespace kitty::internal {
namespace {

// KITTY_* variables that describe one process of one run, not the settings
// of the run: a rerun gets its own.
bool per_process(const std::string& name) {
  static const std::set<std::string> kNames = {
      kIsolationPid,      kIsolationParentPid, kIsolationRunId,     kIsolationWorker,
      kIsolationDir,      kIsolationKeptDir,   kLaunchedVariable,   kCtestNameVariable,
      kRecordDirVariable, "KITTY_RUN_ID",      "KITTY_RATCHET_RUN", "KITTY_ENVIRONMENT_NAMES"};
  return kNames.count(name) > 0;
}

}  // namespace

std::string rerun_prefix(const std::string& program, const std::string& selector_flag) {
  std::set<std::string> names;
  if (const char* listed = read_setting("KITTY_ENVIRONMENT_NAMES")) {
    std::string list = listed;
    for (std::string::size_type start = 0; start <= list.size();) {
      const std::string::size_type comma = std::min(list.find(',', start), list.size());
      if (comma > start) names.insert(list.substr(start, comma - start));
      start = comma + 1;
    }
  }
  std::string variables;
  for (const std::string& text : environment_entries()) {
    const std::string::size_type equals = text.find('=');
    if (equals == std::string::npos) continue;
    const std::string name = text.substr(0, equals);
    const bool kitty = name.rfind("KITTY_", 0) == 0 && !per_process(name);
    if (kitty || names.count(name) > 0) {
      variables += name + "=" + shell_word(text.substr(equals + 1)) + " ";
    }
  }
  std::string executable = program;
  if (!path_of_utf8(program).is_absolute()) {
    executable = executable_path();
    if (executable.empty()) executable = program;
  }
  std::error_code error;
  const std::string cwd = utf8_of(std::filesystem::current_path(error));
  return (error ? "" : "cd " + shell_word(cwd) + " && ") + variables + shell_word(executable) +
         " " + shell_word(selector_flag);
}

std::string rerun_command(const std::string& prefix, const std::vector<std::string>& tests) {
  std::string filter;
  for (const std::string& test : tests) filter += (filter.empty() ? "" : ":") + test;
  return prefix + " " + shell_word("--gtest_filter=" + filter);
}

}  // namespace kitty::internal
