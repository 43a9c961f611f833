// Isolation of per-user state, proven on real ctest runs of
// tests/projects/isolation with HOME, the XDG variables and TMPDIR pointing
// at a sentinel directory: the probes write, the sentinel does not change,
// and with isolation turned off the same guard sees the damage.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "projects.h"

namespace kitty_it {
namespace {

namespace fs = std::filesystem;

// What the guard compares: every entry below a directory, not following links.
struct Entry {
  bool is_directory = false;
  unsigned long long inode = 0;
  long long size = 0;
  long long mtime_ns = 0;
  bool operator==(const Entry& other) const {
    return is_directory == other.is_directory && inode == other.inode && size == other.size &&
           mtime_ns == other.mtime_ns;
  }
};

std::map<std::string, Entry> snapshot(const fs::path& root) {
  std::map<std::string, Entry> entries;
  auto record = [&](const fs::path& path) {
    struct stat info {};
    if (lstat(path.c_str(), &info) != 0) return;
    entries[fs::relative(path, root.parent_path()).string()] = {
        S_ISDIR(info.st_mode), static_cast<unsigned long long>(info.st_ino),
        static_cast<long long>(info.st_size),
        static_cast<long long>(info.st_mtim.tv_sec) * 1000000000LL + info.st_mtim.tv_nsec};
  };
  record(root);
  for (const auto& entry : fs::recursive_directory_iterator(root)) record(entry.path());
  return entries;
}

// The entries that appeared, vanished or changed.
std::set<std::string> changes(const std::map<std::string, Entry>& before,
                              const std::map<std::string, Entry>& after) {
  std::set<std::string> changed;
  for (const auto& [path, entry] : before) {
    const auto found = after.find(path);
    if (found == after.end() || !(found->second == entry)) changed.insert(path);
  }
  for (const auto& [path, entry] : after) {
    if (before.count(path) == 0) changed.insert(path);
  }
  return changed;
}

// "<Suite.Test> <key> <value>" lines the probes wrote, as key -> values.
std::multimap<std::string, std::string> probe_log(const std::string& path) {
  std::multimap<std::string, std::string> values;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    const auto first = line.find(' ');
    const auto second = line.find(' ', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    values.emplace(line.substr(first + 1, second - first - 1), line.substr(second + 1));
  }
  return values;
}

std::vector<std::string> values_of(const std::multimap<std::string, std::string>& log,
                                   const std::string& key) {
  std::vector<std::string> values;
  const auto [begin, end] = log.equal_range(key);
  for (auto it = begin; it != end; ++it) values.push_back(it->second);
  return values;
}

class Isolation : public testing::Test {
 protected:
  void SetUp() override {
    scratch_ = scratch_dir_of_test("isolation_");
    sentinel_ = scratch_ + "/real-home";
    fs::create_directories(sentinel_ + "/.config/app");
    fs::create_directories(sentinel_ + "/tmp");
    std::ofstream(sentinel_ + "/.config/app/settings.ini") << "precious=1\n";
    std::ofstream(sentinel_ + "/.bashrc") << "# a real home\n";
    fs::create_directories(scratch_ + "/rendezvous");
    log_ = scratch_ + "/probe.log";
    options_.unset_environment = {
        "KITTY_ISOLATION_PID", "KITTY_ISOLATION_RUN_ID", "KITTY_ISOLATION_WORKER",
        "KITTY_ISOLATION_DIR", "KITTY_RUN_ID",           "KITTY_HOME_BASE",
        "TEST_TMPDIR",         "KITTY_ISOLATION",        "KITTY_RUN_KIND",
        "KITTY_KEEP_RUNS",     "KITTY_KEEP_FAILED_RUNS", "KITTY_KEEP_DAYS"};
    options_.environment = {
        {"HOME", sentinel_},
        {"USERPROFILE", sentinel_},
        {"APPDATA", sentinel_ + "/AppData/Roaming"},
        {"LOCALAPPDATA", sentinel_ + "/AppData/Local"},
        {"TEMP", sentinel_ + "/tmp"},
        {"TMP", sentinel_ + "/tmp"},
        {"XDG_CONFIG_HOME", sentinel_ + "/.config"},
        {"XDG_DATA_HOME", sentinel_ + "/.local/share"},
        {"XDG_STATE_HOME", sentinel_ + "/.local/state"},
        {"XDG_CACHE_HOME", sentinel_ + "/.cache"},
        {"TMPDIR", sentinel_ + "/tmp"},
        {"KITTY_PROBE_LOG", log_},
        {"KITTY_PROBE_RENDEZVOUS", scratch_ + "/rendezvous"},
    };
  }

  CtestRun ctest(std::vector<std::string> args) {
    std::vector<std::string> argv = {"ctest", "--test-dir", work_path("isolation")};
    argv.insert(argv.end(), args.begin(), args.end());
    CtestRun run;
    run.process = run_process(argv, options_);
    return run;
  }

  std::string scratch_;
  std::string sentinel_;
  std::string log_;
  ProcessOptions options_;
};

TEST_F(Isolation, RealHomeIsUntouchedWhileProbesWriteTheirOwn) {
  const auto before = snapshot(sentinel_);
  const CtestRun run = ctest({"-j2"});
  EXPECT_EQ(run.process.exit_code, 0) << run.process.output;
  EXPECT_EQ(changes(before, snapshot(sentinel_)), std::set<std::string>{});

  const auto log = probe_log(log_);
  const std::vector<std::string> wrote = values_of(log, "wrote_home");
  ASSERT_EQ(wrote.size(), 1u);
  EXPECT_TRUE(is_kitty_home_of(wrote[0], work_path("isolation/kitty-homes"))) << wrote[0];
  for (const char* key : {"lib_home", "exe_home"}) {
    ASSERT_EQ(values_of(log, key).size(), 1u) << key;
    EXPECT_TRUE(is_kitty_home_of(values_of(log, key)[0], work_path("isolation/kitty-homes")))
        << values_of(log, key)[0];
  }
}

TEST_F(Isolation, GuardSeesTheDamageWhenIsolationIsOff) {
  const auto before = snapshot(sentinel_);
  options_.environment["KITTY_ISOLATION"] = "off";
  const CtestRun run = ctest({"-j2", "-R", "static_init|writes_home"});
  EXPECT_NE(run.process.exit_code, 0) << "static initialisers saw the real home";
  const std::set<std::string> changed = changes(before, snapshot(sentinel_));
  EXPECT_EQ(changed.count("real-home/.probe/config.ini"), 1u) << testing::PrintToString(changed);
  EXPECT_EQ(values_of(probe_log(log_), "wrote_home"), std::vector<std::string>{sentinel_});
}

TEST_F(Isolation, ConcurrentFilesHaveDistinctHomesAndWorkers) {
  const CtestRun run = ctest({"-j2", "-R", "concurrent"});
  EXPECT_EQ(run.process.exit_code, 0) << run.process.output;
  const auto log = probe_log(log_);
  const std::vector<std::string> homes = values_of(log, "home");
  ASSERT_EQ(homes.size(), 2u);
  EXPECT_NE(homes[0], homes[1]);
  std::vector<std::string> workers = values_of(log, "worker");
  std::sort(workers.begin(), workers.end());
  EXPECT_EQ(workers, (std::vector<std::string>{"0", "1"}));
}

TEST_F(Isolation, NoStateFromAnEarlierRun) {
  EXPECT_EQ(ctest({"-R", "writes_home"}).process.exit_code, 0);
  const CtestRun again = ctest({"-R", "writes_home"});
  EXPECT_EQ(again.process.exit_code, 0) << again.process.output;
}

TEST_F(Isolation, EarlierRunsStateIsSeenWithoutIsolation) {
  // The planted fault for the test above: one shared home across runs.
  options_.environment["KITTY_ISOLATION"] = "off";
  ctest({"-R", "writes_home"});
  const CtestRun again = ctest({"-R", "writes_home", "--output-on-failure"});
  EXPECT_NE(again.process.exit_code, 0);
  EXPECT_NE(again.process.output.find("state from an earlier run"), std::string::npos)
      << again.process.output;
}

TEST_F(Isolation, TwoCtestRunsAtOnceInOneBuildTree) {
  const std::string both =
      "ctest --test-dir '" + work_path("isolation") + "' -R 'static_init|writes_home' " +
      "--output-junit '" + scratch_ + "/first.xml' > '" + scratch_ + "/first.log' 2>&1 & " +
      "ctest --test-dir '" + work_path("isolation") + "' -R 'static_init|writes_home' " +
      "--output-junit '" + scratch_ + "/second.xml' > '" + scratch_ + "/second.log' 2>&1 & " +
      "wait %1 && wait %2";
  const ProcessResult run = run_process({"sh", "-c", both}, options_);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  const std::vector<std::string> run_ids = values_of(probe_log(log_), "run_id");
  ASSERT_EQ(run_ids.size(), 2u);
  EXPECT_NE(run_ids[0], run_ids[1]);
}

TEST_F(Isolation, FailedProcessKeepsItsHomePassingOneDoesNot) {
  const CtestRun passing = ctest({"-R", "fails_on_request"});
  EXPECT_EQ(passing.process.exit_code, 0);
  const std::vector<std::string> passed_home = values_of(probe_log(log_), "home");
  ASSERT_EQ(passed_home.size(), 1u);
  EXPECT_FALSE(fs::exists(passed_home[0])) << "a passing process's home is removed";

  options_.environment["KITTY_PROBE_FAIL"] = "1";
  const CtestRun failing = ctest({"-R", "fails_on_request", "--output-on-failure"});
  EXPECT_NE(failing.process.exit_code, 0);
  const std::string marker = "kept the isolated home of this failed process: ";
  const auto at = failing.process.output.find(marker);
  ASSERT_NE(at, std::string::npos) << failing.process.output;
  const std::string kept = failing.process.output.substr(
      at + marker.size(), failing.process.output.find('\n', at) - at - marker.size());
  EXPECT_TRUE(fs::exists(kept + "/home/evidence")) << kept;
}

// KITTY_SCRATCH=auto: the homes are made on tmpfs while their processes run;
// a passing one leaves nothing there, a failing one's is kept in the base,
// with what the test left in it.
TEST_F(Isolation, HomesInTheScratchLeaveTheEvidenceInTheBase) {
  const std::string root = "/dev/shm/gtest-kitty-" + std::to_string(geteuid());
  options_.environment["KITTY_SCRATCH"] = "auto";
  const CtestRun passing = ctest({"-R", "fails_on_request"});
  EXPECT_EQ(passing.process.exit_code, 0) << passing.process.output;
  const std::vector<std::string> passed_home = values_of(probe_log(log_), "home");
  ASSERT_EQ(passed_home.size(), 1u);
  if (passed_home[0].rfind(root + "/", 0) != 0) {
    GTEST_SKIP() << "/dev/shm is not a roomy tmpfs here: the home was " << passed_home[0];
  }
  EXPECT_FALSE(fs::exists(passed_home[0]));
  EXPECT_FALSE(fs::exists(fs::path(passed_home[0]).parent_path().parent_path()))
      << "the run's scratch directory is left behind";

  fs::remove(log_);
  options_.environment["KITTY_PROBE_FAIL"] = "1";
  const CtestRun failing = ctest({"-R", "fails_on_request", "--output-on-failure"});
  EXPECT_NE(failing.process.exit_code, 0);
  const std::vector<std::string> failed_home = values_of(probe_log(log_), "home");
  ASSERT_EQ(failed_home.size(), 1u);
  EXPECT_EQ(failed_home[0].rfind(root + "/", 0), 0u) << failed_home[0];
  const std::string marker = "kept the isolated home of this failed process: ";
  const auto at = failing.process.output.find(marker);
  ASSERT_NE(at, std::string::npos) << failing.process.output;
  const std::string kept = failing.process.output.substr(
      at + marker.size(), failing.process.output.find('\n', at) - at - marker.size());
  EXPECT_EQ(kept.rfind(work_path("isolation/kitty-homes/"), 0), 0u) << kept;
  EXPECT_TRUE(fs::exists(kept + "/home/evidence")) << kept;
  EXPECT_FALSE(fs::exists(failed_home[0])) << "moved, not copied and left";
}

TEST_F(Isolation, RemovalNeverFollowsALinkOutOfTheHome) {
  const std::string outside = scratch_ + "/outside";
  fs::create_directories(outside);
  std::ofstream(outside + "/precious.txt") << "keep me\n";
  options_.environment["KITTY_PROBE_OUTSIDE"] = outside;
  const CtestRun run = ctest({"-R", "symlink"});
  EXPECT_EQ(run.process.exit_code, 0) << run.process.output;
  const std::vector<std::string> linked = values_of(probe_log(log_), "linked_home");
  ASSERT_EQ(linked.size(), 1u);
  EXPECT_FALSE(fs::exists(linked[0]));
  std::ifstream precious(outside + "/precious.txt");
  std::string content;
  std::getline(precious, content);
  EXPECT_EQ(content, "keep me");
}

TEST_F(Isolation, OldRunsArePrunedToTheLastFew) {
  options_.environment["KITTY_KEEP_RUNS"] = "2";
  options_.environment["KITTY_KEEP_FAILED_RUNS"] = "0";  // earlier tests' failed runs go too
  for (int run = 0; run < 4; ++run) {
    EXPECT_EQ(ctest({"-R", "writes_home"}).process.exit_code, 0);
  }
  size_t runs = 0;  // kitty's runs of ctest: directories with its marker, of the user's kind
  for (const auto& entry : fs::directory_iterator(work_path("isolation/kitty-homes"))) {
    std::ifstream marker(entry.path() / ".kitty-run");
    std::string kind;
    std::getline(marker, kind);
    const bool marked = fs::is_regular_file(entry.path() / ".kitty-run");
    runs += marked && (kind.empty() || kind == "user") ? 1 : 0;
  }
  EXPECT_EQ(runs, 2u);
}

TEST_F(Isolation, ConcurrentStartsSurviveEachOthersPruning) {
  // Sixteen direct runs at once, each a run of its own, each pruning the
  // others down to one: a run being set up must never be pruned from under
  // it (this failed 3 to 5 times in 16 before the lease came first).
  options_.environment["KITTY_KEEP_RUNS"] = "1";
  std::string script = "pids=; ";
  for (int i = 0; i < 16; ++i) {
    script += "'" + work_path("isolation/isolation_tests") +
              "' --kitty_file=reassert_test.cpp > /dev/null 2>&1 & pids=\"$pids $!\"; ";
  }
  script +=
      "failed=0; for pid in $pids; do wait $pid || failed=$((failed+1)); done; "
      "echo failed=$failed; exit $failed";
  const ProcessResult run = run_process({"sh", "-c", script}, options_);
  EXPECT_EQ(run.output, "failed=0\n");
  EXPECT_EQ(run.exit_code, 0);
}

TEST_F(Isolation, PerTestHomeScope) {
  const CtestRun run = ctest({"-R", "per_test_home"});
  EXPECT_EQ(run.process.exit_code, 0) << run.process.output;
}

TEST_F(Isolation, DirectRunIsIsolatedFromMainOn) {
  // Run by hand, without ctest: tests see an isolated home from main() on...
  const auto before = snapshot(sentinel_);
  const ProcessResult direct = run_process(
      {work_path("isolation/isolation_tests"), "--gtest_filter=WritesHome.*:Reassert*.*"},
      options_);
  EXPECT_EQ(direct.exit_code, 0) << direct.output;
  EXPECT_EQ(changes(before, snapshot(sentinel_)), std::set<std::string>{});
  // ...but static initialisers ran before main(): that needs the launcher.
  const ProcessResult static_init = run_process(
      {work_path("isolation/isolation_tests"), "--kitty_file=static_init_test.cpp"}, options_);
  EXPECT_EQ(static_init.exit_code, 1) << static_init.output;
}

// A relative KITTY_HOME_BASE (or HOME_BASE) is taken from the test's
// working directory: a test that changes directory still finds its HOME,
// TMPDIR and XDG directories.
TEST_F(Isolation, ARelativeHomeBaseGivesAbsoluteDirectories) {
  options_.environment["KITTY_HOME_BASE"] = "relative-homes";
  options_.environment["KITTY_SCRATCH"] = "off";  // the homes in the base, the subject here
  const CtestRun run = ctest({"-R", "changes_directory", "--output-on-failure"});
  EXPECT_EQ(run.process.exit_code, 0) << run.process.output;
  const std::vector<std::string> homes = values_of(probe_log(log_), "cd_home");
  ASSERT_EQ(homes.size(), 1u);
  EXPECT_EQ(homes[0].rfind(work_path("isolation/relative-homes/"), 0), 0u) << homes[0];
  fs::remove_all(work_path("isolation/relative-homes"));
}

// A passing test that made its own process directory unwritable (chmod 0500
// "$HOME/.."): its directory is removed all the same. Run without the
// capabilities that let root ignore file modes, as a user's run would be.
TEST_F(Isolation, APassingTestThatLockedItsOwnDirectoryLeavesNothing) {
  options_.environment["KITTY_PROBE_LOCK_OWN_DIR"] = "1";
  std::vector<std::string> argv = {"ctest", "--test-dir",    work_path("isolation"),
                                   "-R",    "locks_own_dir", "--output-on-failure"};
  if (geteuid() == 0) {
    argv.insert(argv.begin(), {"setpriv", "--inh-caps=-dac_override,-dac_read_search",
                               "--bounding-set=-dac_override,-dac_read_search"});
  }
  const ProcessResult run = run_process(argv, options_);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  const std::vector<std::string> locked = values_of(probe_log(log_), "locked_dir");
  ASSERT_EQ(locked.size(), 1u) << run.output;
  EXPECT_FALSE(fs::exists(locked[0])) << locked[0];
}

// Discovery runs the binary through the launcher: once the listing is
// written, nothing of its run is left (it left workers/0.lock and a run dir).
TEST_F(Isolation, DiscoveryLeavesNoRunBehind) {
  const std::string base = scratch_ + "/homes";
  const ProcessResult listed =
      run_process({work_path("install/bin/gtest-kitty-launch"), "--base", base, "--name",
                   "isolation_tests-listing", "--", work_path("isolation/isolation_tests"),
                   "--kitty_list=" + scratch_ + "/listing.json", "--kitty_granularity=file"},
                  options_);
  ASSERT_EQ(listed.exit_code, 0) << listed.output;
  ASSERT_TRUE(fs::exists(scratch_ + "/listing.json"));
  EXPECT_TRUE(fs::is_empty(base)) << fs::directory_iterator(base)->path();
}

// The home kept for a failure outlives runs that only passed, and runs that
// are not the user's ctest runs (the tools', runs by hand) do not count.
TEST_F(Isolation, EvidenceOfAFailureOutlivesLaterRuns) {
  options_.environment["KITTY_PROBE_FAIL"] = "1";
  const CtestRun failing = ctest({"-R", "fails_on_request", "--output-on-failure"});
  options_.environment.erase("KITTY_PROBE_FAIL");
  const std::string marker = "kept the isolated home of this failed process: ";
  const auto at = failing.process.output.find(marker);
  ASSERT_NE(at, std::string::npos) << failing.process.output;
  const std::string kept = failing.process.output.substr(
      at + marker.size(), failing.process.output.find('\n', at) - at - marker.size());

  options_.environment["KITTY_KEEP_RUNS"] = "1";
  options_.environment["KITTY_KEEP_FAILED_RUNS"] = "3";
  for (int run = 0; run < 3; ++run) EXPECT_EQ(ctest({"-R", "writes_home"}).process.exit_code, 0);
  EXPECT_TRUE(fs::exists(kept + "/home/evidence")) << "pruned after 3 passing runs: " << kept;

  const ProcessResult ratchet =
      run_process({cli_path(), "ratchet", "-n", "2", "--work-dir", scratch_ + "/ratchet", "--",
                   "--test-dir", work_path("isolation"), "-R", "writes_home"},
                  options_);
  EXPECT_EQ(ratchet.exit_code, 0) << ratchet.output;
  for (int run = 0; run < 2; ++run) {
    const ProcessResult direct = run_process(
        {work_path("isolation/isolation_tests"), "--kitty_file=writes_home_test.cpp"}, options_);
    EXPECT_EQ(direct.exit_code, 0) << direct.output;
  }
  EXPECT_TRUE(fs::exists(kept + "/home/evidence")) << "pruned by a tool's or a direct run";

  EXPECT_EQ(ctest({"-R", "writes_home"}).process.exit_code, 0);  // the 4th later run
  EXPECT_FALSE(fs::exists(kept)) << "kept beyond KITTY_KEEP_FAILED_RUNS";
}

// A bad KITTY_ISOLATION is one usage error, whichever path reads it: the
// launcher refuses it before it makes anything, as the binary does (the
// launcher used to take anything but "off" for "on", and start the program).
TEST_F(Isolation, ABadIsolationValueIsTheSameUsageErrorThroughTheLauncher) {
  options_.environment["KITTY_ISOLATION"] = "of";
  const std::string said = "gtest_kitty: KITTY_ISOLATION must be on or off, not 'of'\n";
  const std::string base = scratch_ + "/homes";
  const ProcessResult direct = run_process(
      {work_path("isolation/isolation_tests"), "--kitty_file=writes_home_test.cpp"}, options_);
  EXPECT_EQ(direct.exit_code, 64) << direct.output;
  EXPECT_NE(direct.output.find(said), std::string::npos) << direct.output;

  // Any program: the launcher decides on its own, not through the binary.
  const ProcessResult launched = run_process(
      {work_path("install/bin/gtest-kitty-launch"), "--base", base, "--", "true"}, options_);
  EXPECT_EQ(launched.exit_code, 64) << launched.output;
  EXPECT_EQ(launched.output, said);
  EXPECT_FALSE(fs::exists(base)) << "the launcher made directories before it refused";

  const CtestRun run = ctest({"-R", "writes_home", "--output-on-failure"});
  EXPECT_NE(run.process.exit_code, 0);
  EXPECT_NE(run.process.output.find(said), std::string::npos) << run.process.output;
  EXPECT_EQ(run.process.output.find("kept the isolated home"), std::string::npos)
      << "nothing was made, so nothing is kept: " << run.process.output;
}

// A hand-over for this process that is malformed or partial is refused
// (exit 71), not half adopted: the binary would otherwise run its tests with
// the real HOME. `exec` keeps the shell's pid, so $$ is the binary's.
TEST_F(Isolation, AMalformedOrPartialHandOverIsRefused) {
  const auto before = snapshot(sentinel_);
  const std::string binary = work_path("isolation/isolation_tests");
  const std::string complete =
      "KITTY_ISOLATION_PID=$$ KITTY_ISOLATION_RUN_ID=r "
      "KITTY_ISOLATION_DIR=" +
      scratch_ + "/r/p.AbCdEf KITTY_LAUNCHED_US=1 ";
  for (const auto& [variables, why] : std::vector<std::pair<std::string, std::string>>{
           {complete + "KITTY_ISOLATION_WORKER=abc",
            "KITTY_ISOLATION_WORKER is not a worker index: 'abc'"},
           {"KITTY_ISOLATION_PID=$$ KITTY_ISOLATION_RUN_ID=r KITTY_ISOLATION_WORKER=0 "
            "KITTY_LAUNCHED_US=1",
            "KITTY_ISOLATION_DIR is missing"}}) {
    SCOPED_TRACE(why);
    const ProcessResult run = run_process(
        {"sh", "-c", variables + " exec '" + binary + "' --kitty_file=writes_home_test.cpp"},
        options_);
    EXPECT_EQ(run.exit_code, 71) << run.output;
    EXPECT_NE(run.output.find("gtest_kitty: the launcher's hand-over is unusable: " + why + "\n"),
              std::string::npos)
        << run.output;
  }
  EXPECT_EQ(changes(before, snapshot(sentinel_)), std::set<std::string>{});
}

}  // namespace
}  // namespace kitty_it
