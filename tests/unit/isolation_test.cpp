#include "isolation/isolation.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "isolation_test_support.h"

namespace kitty::internal {
namespace {

using test_support::entries;
using test_support::env;
using test_support::EnvironmentGuard;
using test_support::is_directory;
using test_support::make_directory;
using test_support::make_symlink;
using test_support::mode_of;
using test_support::read_file;
using test_support::ScratchDir;
using test_support::write_file;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

// Closes an isolation's worker lease (the flock) when the scope ends, or
// earlier with release().
class Lease {
 public:
  explicit Lease(const Isolation& isolation) : fd_(isolation.worker_lock_fd) {}
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  ~Lease() { release(); }
  void release() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

IsolationSettings settings(const std::string& base, const std::string& run_id,
                           const std::string& unit_name = "unit") {
  IsolationSettings result;
  result.base = base;
  result.run_id = run_id;
  result.unit_name = unit_name;
  return result;
}

// The file name of a path.
std::string leaf(const std::string& path) { return path.substr(path.rfind('/') + 1); }

TEST(CreateIsolation, MakesTheLayoutUnderBaseAndRunId) {
  ScratchDir scratch;
  const std::string base = scratch.path() + "/homes";
  const IsolationResult made = create_isolation(settings(base, "run-1", "dir/a b.cpp"));
  Lease lease(made.isolation);
  ASSERT_EQ(made.error, "");
  const Isolation& isolation = made.isolation;

  EXPECT_EQ(isolation.run_id, "run-1");
  EXPECT_EQ(isolation.run_dir, base + "/run-1");
  // <key>.XXXXXX: the readable part of the unit name, then mkdtemp's six.
  const std::string prefix = base + "/run-1/dir_a_b.cpp.";
  ASSERT_EQ(isolation.process_dir.size(), prefix.size() + 6) << isolation.process_dir;
  EXPECT_EQ(isolation.process_dir.substr(0, prefix.size()), prefix);
  EXPECT_EQ(isolation.home, isolation.process_dir + "/home");
  EXPECT_EQ(isolation.tmp, isolation.process_dir + "/tmp");
  EXPECT_EQ(isolation.variables, variables_for(isolation.home, isolation.tmp));

  EXPECT_THAT(entries(isolation.run_dir),
              ElementsAre(kRunMarker, leaf(isolation.process_dir), "workers"));
  EXPECT_THAT(entries(isolation.process_dir), ElementsAre("home", "tmp"));
  EXPECT_THAT(entries(isolation.home), ElementsAre(".cache", ".config", ".local", "AppData"));
  EXPECT_THAT(entries(isolation.home + "/.local"), ElementsAre("share", "state"));
  EXPECT_THAT(entries(isolation.tmp), IsEmpty());
  for (const std::string& dir :
       {isolation.run_dir, isolation.process_dir, isolation.home, isolation.home + "/.config",
        isolation.home + "/.local", isolation.home + "/.local/share",
        isolation.home + "/.local/state", isolation.home + "/.cache", isolation.tmp}) {
    SCOPED_TRACE(dir);
    EXPECT_TRUE(is_directory(dir));
    EXPECT_EQ(mode_of(dir), 0700);
  }
}

TEST(CreateIsolation, LeasesWorkerZeroInAFreshRun) {
  ScratchDir scratch;
  const IsolationResult made = create_isolation(settings(scratch.path(), "run-1"));
  Lease lease(made.isolation);
  ASSERT_EQ(made.error, "");
  EXPECT_EQ(made.isolation.worker_index, 0);
  EXPECT_GE(made.isolation.worker_lock_fd, 0);
  EXPECT_THAT(entries(scratch.path() + "/run-1/workers"), ElementsAre("0.lock"));
}

TEST(CreateIsolation, UnitNameBecomesAPlainKey) {
  ScratchDir scratch;
  const std::string run_dir = scratch.path() + "/run-1/";
  const std::string long_name = std::string(40, 'a') + std::string(60, 'b');
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "process"},                    // no name: a generic key
      {"t/x_test.cpp", "t_x_test.cpp"},   // '/' never makes a subdirectory
      {"..", ".."},                       // dots are kept, but gain a suffix
      {long_name, std::string(60, 'b')},  // the end of a long name is kept
  };
  for (const auto& [unit_name, key] : cases) {
    SCOPED_TRACE(unit_name);
    const IsolationResult made = create_isolation(settings(scratch.path(), "run-1", unit_name));
    Lease lease(made.isolation);
    ASSERT_EQ(made.error, "");
    EXPECT_EQ(made.isolation.process_dir.substr(0, run_dir.size() + key.size() + 1),
              run_dir + key + ".");
    EXPECT_EQ(made.isolation.process_dir.size(), run_dir.size() + key.size() + 7);
    EXPECT_TRUE(is_directory(made.isolation.home));
  }
}

TEST(CreateIsolation, MakesMissingParentsOfTheBase) {
  ScratchDir scratch;
  const std::string base = scratch.path() + "/a/b/c";
  const IsolationResult made = create_isolation(settings(base, "run-1"));
  Lease lease(made.isolation);
  ASSERT_EQ(made.error, "");
  EXPECT_TRUE(is_directory(base + "/run-1/workers"));
  EXPECT_TRUE(is_directory(made.isolation.tmp));
}

TEST(CreateIsolation, TwoLiveProcessesOfARunGetDistinctDirsAndWorkers) {
  ScratchDir scratch;
  const IsolationResult first = create_isolation(settings(scratch.path(), "run-1", "same"));
  Lease first_lease(first.isolation);
  const IsolationResult second = create_isolation(settings(scratch.path(), "run-1", "same"));
  Lease second_lease(second.isolation);
  ASSERT_EQ(first.error, "");
  ASSERT_EQ(second.error, "");

  EXPECT_EQ(first.isolation.run_dir, second.isolation.run_dir);
  EXPECT_NE(first.isolation.process_dir, second.isolation.process_dir);
  EXPECT_NE(first.isolation.home, second.isolation.home);
  EXPECT_NE(first.isolation.tmp, second.isolation.tmp);
  EXPECT_EQ(first.isolation.worker_index, 0);
  EXPECT_EQ(second.isolation.worker_index, 1);
  EXPECT_THAT(entries(first.isolation.run_dir + "/workers"), ElementsAre("0.lock", "1.lock"));
}

TEST(CreateIsolation, AReleasedWorkerIndexIsReused) {
  ScratchDir scratch;
  const IsolationResult first = create_isolation(settings(scratch.path(), "run-1"));
  Lease first_lease(first.isolation);
  const IsolationResult second = create_isolation(settings(scratch.path(), "run-1"));
  Lease second_lease(second.isolation);
  ASSERT_EQ(first.isolation.worker_index, 0);
  ASSERT_EQ(second.isolation.worker_index, 1);

  first_lease.release();  // the first process ended
  const IsolationResult third = create_isolation(settings(scratch.path(), "run-1"));
  Lease third_lease(third.isolation);
  ASSERT_EQ(third.error, "");
  EXPECT_EQ(third.isolation.worker_index, 0);

  // 0 and 1 are held again: the next one gets 2.
  const IsolationResult fourth = create_isolation(settings(scratch.path(), "run-1"));
  Lease fourth_lease(fourth.isolation);
  ASSERT_EQ(fourth.error, "");
  EXPECT_EQ(fourth.isolation.worker_index, 2);
}

TEST(CreateIsolation, WorkerIndexesAreCountedPerRun) {
  ScratchDir scratch;
  const IsolationResult first = create_isolation(settings(scratch.path(), "run-a"));
  Lease first_lease(first.isolation);
  const IsolationResult second = create_isolation(settings(scratch.path(), "run-b"));
  Lease second_lease(second.isolation);
  ASSERT_EQ(first.error, "");
  ASSERT_EQ(second.error, "");
  EXPECT_EQ(first.isolation.worker_index, 0);
  EXPECT_EQ(second.isolation.worker_index, 0);
}

TEST(CreateIsolation, RunIdThatIsNotAPlainDirectoryNameIsAnError) {
  ScratchDir scratch;
  const std::string base = scratch.path() + "/homes";
  for (const std::string run_id : {"a/b", "../up", "..", ".", "/abs", "", "a/../.."}) {
    SCOPED_TRACE(run_id);
    const IsolationResult made = create_isolation(settings(base, run_id));
    Lease lease(made.isolation);
    EXPECT_EQ(made.error, "the run id '" + run_id + "' is not a plain directory name");
    EXPECT_EQ(made.isolation.worker_lock_fd, -1);
    EXPECT_EQ(made.isolation.process_dir, "");
  }
  EXPECT_FALSE(test_support::exists(base));  // refused before touching anything
  EXPECT_THAT(entries(scratch.path()), IsEmpty());
}

TEST(CreateIsolation, BaseThatIsASymlinkIsAnError) {
  ScratchDir scratch;
  const std::string outside = scratch.path() + "/outside";
  make_directory(outside);
  const std::string base = scratch.path() + "/homes";
  make_symlink(outside, base);

  const IsolationResult made = create_isolation(settings(base, "run-1"));
  Lease lease(made.isolation);
  EXPECT_EQ(made.error, base + " exists and is not a directory");
  EXPECT_EQ(made.isolation.worker_lock_fd, -1);
  EXPECT_THAT(entries(outside), IsEmpty());  // nothing made through the link
}

TEST(CreateIsolation, BaseThatIsAFileIsAnError) {
  ScratchDir scratch;
  const std::string base = scratch.path() + "/homes";
  write_file(base, "not a directory");

  const IsolationResult made = create_isolation(settings(base, "run-1"));
  Lease lease(made.isolation);
  EXPECT_EQ(made.error, base + " exists and is not a directory");
  EXPECT_EQ(made.isolation.worker_lock_fd, -1);
  EXPECT_EQ(read_file(base), "not a directory");
}

TEST(CreateIsolation, RunDirThatIsAFileIsAnError) {
  ScratchDir scratch;
  write_file(scratch.path() + "/run-1", "not a directory");

  const IsolationResult made = create_isolation(settings(scratch.path(), "run-1"));
  Lease lease(made.isolation);
  EXPECT_EQ(made.error, scratch.path() + "/run-1 exists and is not a directory");
  EXPECT_EQ(made.isolation.worker_lock_fd, -1);
  EXPECT_EQ(read_file(scratch.path() + "/run-1"), "not a directory");
}

TEST(CreateIsolation, RunDirThatIsASymlinkIsAnError) {
  ScratchDir scratch;
  const std::string outside = scratch.path() + "/outside";
  make_directory(outside);
  make_symlink(outside, scratch.path() + "/run-1");

  const IsolationResult made = create_isolation(settings(scratch.path(), "run-1"));
  Lease lease(made.isolation);
  EXPECT_EQ(made.error, scratch.path() + "/run-1 exists and is not a directory");
  EXPECT_EQ(made.isolation.worker_lock_fd, -1);
  EXPECT_THAT(entries(outside), IsEmpty());
}

TEST(CreateIsolation, WorkersDirThatIsASymlinkIsAnError) {
  ScratchDir scratch;
  const std::string outside = scratch.path() + "/outside";
  make_directory(outside);
  make_directory(scratch.path() + "/run-1");
  make_symlink(outside, scratch.path() + "/run-1/workers");

  const IsolationResult made = create_isolation(settings(scratch.path(), "run-1"));
  Lease lease(made.isolation);
  EXPECT_EQ(made.error, scratch.path() + "/run-1/workers exists and is not a directory");
  EXPECT_EQ(made.isolation.worker_lock_fd, -1);
  EXPECT_THAT(entries(outside), IsEmpty());  // no lock file made through the link
}

TEST(CreateIsolation, RunDirOfAnotherUserIsAnError) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to give a directory to another user";
  ScratchDir scratch;
  const std::string run_dir = scratch.path() + "/run-1";
  make_directory(run_dir);
  ASSERT_EQ(chown(run_dir.c_str(), 4242, 4242), 0) << std::strerror(errno);

  const IsolationResult made = create_isolation(settings(scratch.path(), "run-1"));
  Lease lease(made.isolation);
  EXPECT_EQ(made.error, run_dir + " belongs to another user");
  EXPECT_THAT(entries(run_dir), IsEmpty());
}

TEST(CreateTestScope, MakesAFreshHomeAndTmpBelowTheProcessDir) {
  ScratchDir scratch;
  const IsolationResult process = create_isolation(settings(scratch.path(), "run-1"));
  Lease lease(process.isolation);
  ASSERT_EQ(process.error, "");

  const IsolationResult scope = create_test_scope(process.isolation, 3);
  ASSERT_EQ(scope.error, "");
  const Isolation& test = scope.isolation;
  const std::string dir = process.isolation.process_dir + "/test-3";
  EXPECT_EQ(test.process_dir, dir);
  EXPECT_EQ(test.home, dir + "/home");
  EXPECT_EQ(test.tmp, dir + "/tmp");
  EXPECT_EQ(test.variables, variables_for(dir + "/home", dir + "/tmp"));
  // The process keeps its lease; the scope shares its run and index.
  EXPECT_EQ(test.worker_lock_fd, -1);
  EXPECT_EQ(test.worker_index, process.isolation.worker_index);
  EXPECT_EQ(test.run_id, "run-1");
  EXPECT_EQ(test.run_dir, process.isolation.run_dir);

  EXPECT_THAT(entries(dir), ElementsAre("home", "tmp"));
  EXPECT_THAT(entries(test.home), ElementsAre(".cache", ".config", ".local", "AppData"));
  for (const std::string& path :
       {dir, test.home, test.home + "/.config", test.home + "/.local", test.home + "/.local/share",
        test.home + "/.local/state", test.home + "/.cache", test.tmp}) {
    SCOPED_TRACE(path);
    EXPECT_EQ(mode_of(path), 0700);
  }
}

TEST(CreateTestScope, MissingProcessDirIsAnError) {
  ScratchDir scratch;
  Isolation process;
  process.process_dir = scratch.path() + "/gone";
  const IsolationResult scope = create_test_scope(process, 1);
  EXPECT_EQ(scope.error,
            "cannot create " + scratch.path() + "/gone/test-1: " + std::strerror(ENOENT));
}

TEST(VariablesFor, AreTheTwelveIsolatedVariables) {
  EXPECT_EQ(variables_for("/h", "/t"), (Variables{{"HOME", "/h"},
                                                  {"USERPROFILE", "/h"},
                                                  {"APPDATA", "/h/AppData/Roaming"},
                                                  {"LOCALAPPDATA", "/h/AppData/Local"},
                                                  {"XDG_CONFIG_HOME", "/h/.config"},
                                                  {"XDG_DATA_HOME", "/h/.local/share"},
                                                  {"XDG_STATE_HOME", "/h/.local/state"},
                                                  {"XDG_CACHE_HOME", "/h/.cache"},
                                                  {"TMPDIR", "/t"},
                                                  {"TEMP", "/t"},
                                                  {"TMP", "/t"},
                                                  {"TEST_TMPDIR", "/t"}}));
}

TEST(VariablesFor, NamesAreTheIsolatedVariableNames) {
  std::vector<std::string> names;
  for (const auto& variable : variables_for("/h", "/t")) names.push_back(variable.first);
  EXPECT_EQ(names, isolated_variable_names());
}

TEST(SetVariables, SetsEveryVariable) {
  EnvironmentGuard guard(isolated_variable_names());
  set_variables(variables_for("/set/h", "/set/t"));
  EXPECT_EQ(env("HOME"), "/set/h");
  EXPECT_EQ(env("USERPROFILE"), "/set/h");
  EXPECT_EQ(env("XDG_CONFIG_HOME"), "/set/h/.config");
  EXPECT_EQ(env("XDG_DATA_HOME"), "/set/h/.local/share");
  EXPECT_EQ(env("XDG_STATE_HOME"), "/set/h/.local/state");
  EXPECT_EQ(env("XDG_CACHE_HOME"), "/set/h/.cache");
  EXPECT_EQ(env("TMPDIR"), "/set/t");
  EXPECT_EQ(env("TEST_TMPDIR"), "/set/t");
}

// settings_from_environment reads these; each test starts with all unset.
class SettingsFromEnvironment : public ::testing::Test {
 protected:
  SettingsFromEnvironment() {
    for (const char* name :
         {"KITTY_HOME_BASE", "TEST_TMPDIR", "KITTY_RUN_ID", kIsolationPid, kRunKindVariable}) {
      unsetenv(name);
    }
  }

  EnvironmentGuard guard_{
      {"KITTY_HOME_BASE", "TEST_TMPDIR", "KITTY_RUN_ID", kIsolationPid, kRunKindVariable}};
};

TEST_F(SettingsFromEnvironment, NothingSetGivesTheDefaults) {
  const IsolationSettings result = settings_from_environment("/fallback", "default-run");
  EXPECT_EQ(result.base, "/fallback");
  EXPECT_EQ(result.run_id, "default-run");
  EXPECT_EQ(result.unit_name, "");
}

TEST_F(SettingsFromEnvironment, KittyHomeBaseWinsOverBazel) {
  setenv("KITTY_HOME_BASE", "/kitty-base", 1);
  setenv("TEST_TMPDIR", "/bazel-tmp", 1);
  EXPECT_EQ(settings_from_environment("/fallback", "r").base, "/kitty-base");
}

TEST_F(SettingsFromEnvironment, BazelTestTmpdirWinsOverTheFallback) {
  setenv("TEST_TMPDIR", "/bazel-tmp", 1);
  EXPECT_EQ(settings_from_environment("/fallback", "r").base, "/bazel-tmp/kitty");
}

TEST_F(SettingsFromEnvironment, TestTmpdirSetByKittyIsNotBazels) {
  // A process started by a kitty test inherits the TEST_TMPDIR kitty set,
  // together with KITTY_ISOLATION_PID: it is not a Bazel sandbox.
  setenv("TEST_TMPDIR", "/isolated/tmp", 1);
  setenv(kIsolationPid, "1", 1);
  EXPECT_EQ(settings_from_environment("/fallback", "r").base, "/fallback");
}

TEST_F(SettingsFromEnvironment, EmptyValuesCountAsUnset) {
  setenv("KITTY_HOME_BASE", "", 1);
  setenv("TEST_TMPDIR", "", 1);
  setenv("KITTY_RUN_ID", "", 1);
  const IsolationSettings result = settings_from_environment("/fallback", "default-run");
  EXPECT_EQ(result.base, "/fallback");
  EXPECT_EQ(result.run_id, "default-run");
}

TEST_F(SettingsFromEnvironment, EmptyKittyHomeBaseFallsBackToBazel) {
  setenv("KITTY_HOME_BASE", "", 1);
  setenv("TEST_TMPDIR", "/bazel-tmp", 1);
  EXPECT_EQ(settings_from_environment("/fallback", "r").base, "/bazel-tmp/kitty");
}

TEST_F(SettingsFromEnvironment, KittyRunIdWinsOverTheDefault) {
  setenv("KITTY_RUN_ID", "ci-1234", 1);
  EXPECT_EQ(settings_from_environment("/fallback", "default-run").run_id, "ci-1234");
}

// A relative base (KITTY_HOME_BASE=homes, HOME_BASE homes) is taken from the
// working directory at the start: a test that changes directory must still
// find its HOME, TMPDIR and XDG directories.
TEST_F(SettingsFromEnvironment, ARelativeBaseIsMadeAbsolute) {
  const std::string cwd = std::filesystem::current_path().string();
  setenv("KITTY_HOME_BASE", "homes/./ci/", 1);
  EXPECT_EQ(settings_from_environment("/fallback", "r").base, cwd + "/homes/ci");
  unsetenv("KITTY_HOME_BASE");
  EXPECT_EQ(settings_from_environment("kitty-homes", "r").base, cwd + "/kitty-homes");
  setenv("TEST_TMPDIR", "bazel", 1);
  EXPECT_EQ(settings_from_environment("/fallback", "r").base, cwd + "/bazel/kitty");
}

TEST_F(SettingsFromEnvironment, ARelativeBaseGivesAbsoluteVariables) {
  ScratchDir scratch;
  const std::string cwd = std::filesystem::current_path().string();
  std::filesystem::current_path(scratch.path());
  setenv("KITTY_HOME_BASE", "homes", 1);
  const IsolationResult made = create_isolation(settings_from_environment("/fallback", "r"));
  std::filesystem::current_path(cwd);
  Lease lease(made.isolation);
  ASSERT_EQ(made.error, "");
  for (const auto& [name, value] : made.isolation.variables) {
    SCOPED_TRACE(name);
    EXPECT_EQ(value.rfind(scratch.path() + "/homes/r/", 0), 0u) << value;
    EXPECT_TRUE(is_directory(value));
  }
}

TEST_F(SettingsFromEnvironment, TheRunKindIsTheDefaultUnlessATool) {
  EXPECT_EQ(settings_from_environment("/b", "r").kind, kRunKindUser);
  EXPECT_EQ(settings_from_environment("/b", "r", kRunKindDirect).kind, kRunKindDirect);
  setenv(kRunKindVariable, "tool", 1);
  EXPECT_EQ(settings_from_environment("/b", "r", kRunKindDirect).kind, kRunKindTool);
}

TEST(CreateIsolation, TheRunMarkerNamesTheRunsKind) {
  ScratchDir scratch;
  IsolationSettings tool = settings(scratch.path(), "tool-run");
  tool.kind = kRunKindTool;
  const IsolationResult made = create_isolation(tool);
  Lease lease(made.isolation);
  ASSERT_EQ(made.error, "");
  EXPECT_EQ(read_file(made.isolation.run_dir + "/" + kRunMarker), "tool\n");
  EXPECT_EQ(run_kind_of(made.isolation.run_dir), kRunKindTool);

  // A second process of the run leaves the marker as the first made it.
  IsolationSettings other = settings(scratch.path(), "tool-run");
  other.kind = kRunKindDirect;
  const IsolationResult second = create_isolation(other);
  Lease second_lease(second.isolation);
  EXPECT_EQ(run_kind_of(second.isolation.run_dir), kRunKindTool);
  EXPECT_THAT(entries(made.isolation.run_dir),
              UnorderedElementsAre(kRunMarker, leaf(made.isolation.process_dir),
                                   leaf(second.isolation.process_dir), "workers"));
}

TEST(RunKindOf, AnEmptyMarkerOfAnOlderKittyIsAUsersRun) {
  ScratchDir scratch;
  write_file(scratch.path() + "/" + kRunMarker, "");
  EXPECT_EQ(run_kind_of(scratch.path()), kRunKindUser);
}

// "YYYYmmddTHHMMSS" of `when`, in local time as run ids are.
std::string local_timestamp(std::time_t when) {
  char text[32];
  std::tm parts{};
  localtime_r(&when, &parts);
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%S", &parts);
  return text;
}

TEST(RunId, OfSelfIsTheTimeNowAndOwnPid) {
  const std::time_t before = std::time(nullptr);
  const std::string id = run_id_of_self();
  const std::time_t after = std::time(nullptr);
  const std::string pid = std::to_string(getpid());
  ASSERT_TRUE(std::regex_match(id, std::regex("[0-9]{8}T[0-9]{6}-" + pid))) << id;
  const std::string stamp = id.substr(0, 15);
  EXPECT_TRUE(stamp == local_timestamp(before) || stamp == local_timestamp(after))
      << stamp << " not between " << local_timestamp(before) << " and " << local_timestamp(after);
}

TEST(RunId, OfParentIsTheParentsStartAndPid) {
  const std::string id = run_id_of_parent();
  const std::string ppid = std::to_string(getppid());
  ASSERT_TRUE(std::regex_match(id, std::regex("[0-9]{8}T[0-9]{6}-" + ppid))) << id;
  // Every process of the parent computes the same id.
  EXPECT_EQ(run_id_of_parent(), id);
  // The parent started no later than now.
  EXPECT_LE(id.substr(0, 15), local_timestamp(std::time(nullptr)));
}

}  // namespace
}  // namespace kitty::internal
