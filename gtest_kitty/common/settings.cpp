#include "common/settings.h"

#include "platform/environment.h"

#include <cstdlib>
#include <cstring>

namespace kitty::internal {

const std::vector<Setting>& settings_table() {
  static const std::vector<Setting> table = {
      // Selection: the variables of --kitty_file, --kitty_suite, --kitty_test.
      {"KITTY_FILE", "run the tests of one source file", "a path", "", Listed::kFlag},
      {"KITTY_SUITE", "run one test suite", "a suite name", "", Listed::kFlag},
      {"KITTY_TEST", "run one test", "SUITE.NAME", "", Listed::kFlag},
      // Isolation and retention.
      {"KITTY_ISOLATION", "isolate HOME, XDG_* and TMPDIR", "on|off", "on", Listed::kEnvironment},
      {"KITTY_HOME_SCOPE", "fresh directories for every process or every test", "process|test",
       "process", Listed::kEnvironment},
      {"KITTY_HOME_BASE", "the base of isolated directories", "a directory", "",
       Listed::kEnvironment},
      {"KITTY_SCRATCH", "where live homes are made (a failed one is moved to the base)",
       "auto|off|a directory", "auto", Listed::kEnvironment},
      {"KITTY_RUN_ID", "the run id", "a plain directory name", "", Listed::kEnvironment},
      {"KITTY_KEEP_RUNS", "how many runs to keep, of each kind", "1 to 1000", "3",
       Listed::kEnvironment},
      {"KITTY_KEEP_FAILED_RUNS", "later runs a run that kept a home survives", "0 to 1000", "10",
       Listed::kEnvironment},
      {"KITTY_KEEP_DAYS", "days a run that kept a home survives", "0 to 3650", "0",
       Listed::kEnvironment},
      {"KITTY_ENVIRONMENT_NAMES", "the variables kitty_add_tests(ENVIRONMENT) sets",
       "comma-separated names", "", Listed::kEnvironment},
      {"KITTY_RUN_KIND", "the kind of run, for pruning", "tool|direct", "", Listed::kEnvironment},
      {"KITTY_DEBUG", "run the test in the launcher's process, for a debugger", "1|0", "",
       Listed::kEnvironment},
      {"TEST_TMPDIR", "Bazel's: the base becomes $TEST_TMPDIR/kitty", "a directory", "",
       Listed::kEnvironment},
      // Ports.
      {"KITTY_PORT_RANGE", "the port range", "FIRST-LAST", "9400-9449", Listed::kEnvironment},
      {"KITTY_PORT_BLOCK_SIZE", "the ports of one block", "a number of ports", "the whole range",
       Listed::kEnvironment},
      {"KITTY_PORT_UNIT", "this process's unit declared ports", "1|0", "", Listed::kEnvironment},
      {"KITTY_PORT_LOCK_DIR", "where port locks live", "a directory",
       "/tmp/gtest-kitty-ports-<uid>", Listed::kEnvironment},
      // Gates.
      {"KITTY_QUARANTINED_UNIT", "this process's unit is quarantined", "1|0", "",
       Listed::kEnvironment},
      {"KITTY_RUN_QUARANTINE", "run quarantined units", "1|0", "", Listed::kEnvironment},
      {"KITTY_VOLUME_FULL", "kitty::volume() picks the full scale", "1|0", "",
       Listed::kEnvironment},
      // The run record.
      {"KITTY_RECORD_DIR", "where this process writes its run record", "an absolute path",
       "<base>/<run-id>/record/", Listed::kEnvironment},
      {"KITTY_CTEST_NAME", "the ctest test this process is", "a ctest name", "",
       Listed::kEnvironment},
      {"KITTY_SPLIT_FILE", "the SPLIT_FILES file this process's unit is a piece of",
       "a file as the listing names it", "", Listed::kEnvironment},
      {"KITTY_RATCHET_RUN", "the run number in a gtest-kitty ratchet run", "1 to N", "",
       Listed::kEnvironment},
      // Sharding by file (runtime/shard.h): what the files are balanced by.
      {"KITTY_COSTS", "the cost file a sharded run balances its files by", "a path", "",
       Listed::kEnvironment},
      // The launcher's hand-over to the binary it starts.
      {"KITTY_ISOLATION_PID", "the process the hand-over is for", "a pid", "", Listed::kHandOver},
      {"KITTY_ISOLATION_PARENT_PID", "the parent of the processes the hand-over is for", "a pid",
       "", Listed::kHandOver},
      {"KITTY_ISOLATION_RUN_ID", "the run id the launcher chose", "a run id", "",
       Listed::kHandOver},
      {"KITTY_ISOLATION_WORKER", "the worker index the launcher leased", "0 to 4095", "",
       Listed::kHandOver},
      {"KITTY_ISOLATION_DIR", "the process directory the launcher made", "an absolute path", "",
       Listed::kHandOver},
      {"KITTY_ISOLATION_KEPT_DIR", "where the launcher keeps the process directory of a failure",
       "an absolute path", "", Listed::kHandOver},
      {"KITTY_LAUNCHED_US", "the launcher's start", "microseconds since the epoch", "",
       Listed::kHandOver},
      // Set by others.
      {"HOME", "the user's home (isolated)", "a directory", "", Listed::kOutside},
      {"USERPROFILE", "the user's home on Windows (isolated)", "a directory", "", Listed::kOutside},
      {"APPDATA", "Windows' roaming application data (isolated)", "a directory", "",
       Listed::kOutside},
      {"LOCALAPPDATA", "Windows' local application data (isolated)", "a directory", "",
       Listed::kOutside},
      {"XDG_CONFIG_HOME", "isolated", "a directory", "", Listed::kOutside},
      {"XDG_DATA_HOME", "isolated", "a directory", "", Listed::kOutside},
      {"XDG_STATE_HOME", "isolated", "a directory", "", Listed::kOutside},
      {"XDG_CACHE_HOME", "isolated", "a directory", "", Listed::kOutside},
      {"TMPDIR", "temporary files (isolated; a direct run's base is below it)", "a directory",
       "/tmp", Listed::kOutside},
      {"TEMP", "temporary files on Windows (isolated)", "a directory", "", Listed::kOutside},
      {"TMP", "temporary files on Windows (isolated)", "a directory", "", Listed::kOutside},
      {"CTEST_RESOURCE_GROUP_COUNT", "ctest's resource allocation: how many groups", "a number", "",
       Listed::kOutside},
      {"CTEST_RESOURCE_GROUP_<n>_<type>", "ctest's resource allocation of one group",
       "id:<id>,slots:<n>", "", Listed::kOutside},
      {"TEST_PREMATURE_EXIT_FILE", "GoogleTest's: exists while the tests run", "a path", "",
       Listed::kOutside},
      {"CI", "a CI job: the CLI prints no progress line", "any", "", Listed::kOutside},
      // Sharding (runtime/shard.h): GoogleTest's protocol and Bazel's.
      {"GTEST_TOTAL_SHARDS", "GoogleTest's: how many shards", "1 or more", "", Listed::kOutside},
      {"GTEST_SHARD_INDEX", "GoogleTest's: this shard, from 0", "0 to total - 1", "",
       Listed::kOutside},
      {"GTEST_SHARD_STATUS_FILE", "GoogleTest's: touched by a sharded run", "a path", "",
       Listed::kOutside},
      {"TEST_TOTAL_SHARDS", "Bazel's: how many shards", "1 or more", "", Listed::kOutside},
      {"TEST_SHARD_INDEX", "Bazel's: this shard, from 0", "0 to total - 1", "", Listed::kOutside},
      {"TEST_SHARD_STATUS_FILE", "Bazel's: touched by a sharded run", "a path", "",
       Listed::kOutside},
      {"CI_NODE_INDEX", "GitLab's parallel: this job, from 1 (gtest-kitty shard)", "1 to total", "",
       Listed::kOutside},
      {"CI_NODE_TOTAL", "GitLab's parallel: how many jobs (gtest-kitty shard)", "1 or more", "",
       Listed::kOutside},
  };
  return table;
}

namespace {

bool is_name_character(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

// "CTEST_RESOURCE_GROUP_<n>_<type>" matches "CTEST_RESOURCE_GROUP_0_PORTS":
// each <part> stands for one or more name characters.
bool matches(const char* pattern, const char* name) {
  if (*pattern == '\0') return *name == '\0';
  if (*pattern == '<') {
    const char* after = std::strchr(pattern, '>');
    if (after == nullptr) return false;
    for (const char* end = name; is_name_character(*end); ++end) {
      if (matches(after + 1, end + 1)) return true;
    }
    return false;
  }
  return *pattern == *name && matches(pattern + 1, name + 1);
}

}  // namespace

const Setting* find_setting(const std::string& name) {
  for (const Setting& setting : settings_table()) {
    if (matches(setting.name, name.c_str())) return &setting;
  }
  return nullptr;
}

const char* process_variable(const char* name) { return read_variable(name); }

const char* read_setting(const char* name, const Environment& environment) {
  return environment ? environment(name) : nullptr;
}

}  // namespace kitty::internal
