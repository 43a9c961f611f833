// Bazel's test environment, end to end, on kitty binaries run directly as
// `bazel test` runs a cc_test with shard_count: exactly the variables its
// test runner sets (TEST_TOTAL_SHARDS, TEST_SHARD_INDEX,
// TEST_SHARD_STATUS_FILE, XML_OUTPUT_FILE, TEST_TMPDIR,
// TEST_PREMATURE_EXIT_FILE, and TESTBRIDGE_TEST_ONLY for --test_filter), no
// ctest, no launcher. What Bazel then checks is checked here: each shard's
// XML report (the union is the serial run, each test once, no file split, no
// failure from a file's state torn apart), the status file, the
// premature-exit file; and every unusable request is refused before a test
// runs. The planted fault, GoogleTest's own per-test split under the same
// variables, is seen by the same checks.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gtest_xml.h"
#include "projects.h"

namespace kitty_it {
namespace {

namespace fs = std::filesystem;

// What this test process has that a Bazel test would not: the launcher's
// hand-over and isolation, ctest's, and the sharding variables of both
// protocols. Removed from every child first, so only what a test sets counts.
const std::vector<std::string> kNotBazels = {"TEST_TOTAL_SHARDS",
                                             "TEST_SHARD_INDEX",
                                             "TEST_SHARD_STATUS_FILE",
                                             "XML_OUTPUT_FILE",
                                             "TEST_TMPDIR",
                                             "TESTBRIDGE_TEST_ONLY",
                                             "TEST_PREMATURE_EXIT_FILE",
                                             "GTEST_TOTAL_SHARDS",
                                             "GTEST_SHARD_INDEX",
                                             "GTEST_SHARD_STATUS_FILE",
                                             "GTEST_OUTPUT",
                                             "GTEST_FILTER",
                                             "KITTY_ISOLATION_PID",
                                             "KITTY_ISOLATION_RUN_ID",
                                             "KITTY_ISOLATION_WORKER",
                                             "KITTY_ISOLATION_DIR",
                                             "KITTY_ISOLATION_KEPT_DIR",
                                             "KITTY_LAUNCHED_US",
                                             "KITTY_RECORD_DIR",
                                             "KITTY_CTEST_NAME",
                                             "KITTY_HOME_BASE",
                                             "KITTY_RUN_ID",
                                             "KITTY_COSTS",
                                             "KITTY_PROBE"};

std::string kitty_binary() { return work_path("kvstore-per-test/kitty_per_test"); }
std::string plain_binary() { return work_path("kvstore-per-test/discover_per_test"); }

// One run of a binary as Bazel's test runner starts it, in `dir` (Bazel's
// per-test output directory): what it left there.
struct BazelRun {
  ProcessResult process;
  std::string dir;
  bool report_written = false;
  std::vector<ExecutedTest> executed;  // from XML_OUTPUT_FILE
  bool status_touched = false;
  bool premature_exit_file_left = false;
};

std::string status_file(const std::string& dir) { return dir + "/shard_status"; }
std::string report_file(const std::string& dir) { return dir + "/test.xml"; }
std::string premature_file(const std::string& dir) { return dir + "/premature_exit"; }
std::string tmp_dir(const std::string& dir) { return dir + "/tmp"; }

// Bazel's variables for shard `index` of `total` (none when total is 0: an
// unsharded test), on top of `more`.
BazelRun run_as_bazel(const std::string& binary, const std::string& dir, int index, int total,
                      const std::map<std::string, std::string>& more = {}) {
  fs::remove_all(dir);
  fs::create_directories(tmp_dir(dir));
  ProcessOptions options;
  options.unset_environment = kNotBazels;
  options.environment = {{"XML_OUTPUT_FILE", report_file(dir)},
                         {"TEST_TMPDIR", tmp_dir(dir)},
                         {"TEST_PREMATURE_EXIT_FILE", premature_file(dir)}};
  if (total > 0) {
    options.environment["TEST_TOTAL_SHARDS"] = std::to_string(total);
    options.environment["TEST_SHARD_INDEX"] = std::to_string(index);
    options.environment["TEST_SHARD_STATUS_FILE"] = status_file(dir);
  }
  for (const auto& [name, value] : more) options.environment[name] = value;
  BazelRun run;
  run.dir = dir;
  run.process = run_process({binary}, options);
  run.report_written = fs::exists(report_file(dir));
  if (run.report_written) run.executed = executed_tests(report_file(dir));
  run.status_touched = fs::exists(status_file(dir));
  run.premature_exit_file_left = fs::exists(premature_file(dir));
  return run;
}

std::vector<BazelRun> run_all_shards(const std::string& binary, const std::string& scratch,
                                     int total,
                                     const std::map<std::string, std::string>& more = {}) {
  std::vector<BazelRun> shards;
  for (int index = 0; index < total; ++index) {
    shards.push_back(
        run_as_bazel(binary, scratch + "/shard_" + std::to_string(index), index, total, more));
  }
  return shards;
}

std::multiset<std::string> names_of(const std::vector<ExecutedTest>& tests) {
  std::multiset<std::string> names;
  for (const ExecutedTest& test : tests) names.insert(test.name);
  return names;
}

// What Bazel and a reviewer would hold against a sharded run, one line per
// fault: a shard that failed or left Bazel's files wrong, a test of the
// serial run missing or run twice, a file whose tests ran in two shards.
std::vector<std::string> faults_of(const std::vector<BazelRun>& shards,
                                   const std::vector<ExecutedTest>& serial) {
  std::vector<std::string> faults;
  std::multiset<std::string> ran;
  std::map<std::string, std::set<size_t>> shards_of_file;
  for (size_t shard = 0; shard < shards.size(); ++shard) {
    const BazelRun& run = shards[shard];
    const std::string which = "shard " + std::to_string(shard) + ": ";
    if (run.process.exit_code != 0) {
      faults.push_back(which + "exit " + std::to_string(run.process.exit_code));
    }
    if (!run.report_written) faults.push_back(which + "no XML_OUTPUT_FILE report");
    if (!run.status_touched) faults.push_back(which + "TEST_SHARD_STATUS_FILE not touched");
    if (run.premature_exit_file_left) faults.push_back(which + "TEST_PREMATURE_EXIT_FILE left");
    for (const ExecutedTest& test : run.executed) {
      if (test.failed) faults.push_back(which + test.name + " failed");
      ran.insert(test.name);
      shards_of_file[fs::path(test.file).filename().string()].insert(shard);
    }
  }
  const std::multiset<std::string> expected = names_of(serial);
  for (const std::string& name : expected) {
    if (ran.count(name) != 1) {
      faults.push_back(name + " ran " + std::to_string(ran.count(name)) + " times");
    }
  }
  for (const std::string& name : ran) {
    if (expected.count(name) == 0) faults.push_back(name + " is not in the serial run");
  }
  for (const auto& [file, where] : shards_of_file) {
    if (where.size() > 1) faults.push_back(file + " split over " + std::to_string(where.size()));
  }
  return faults;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

// The serial run, under Bazel's variables without sharding.
std::vector<ExecutedTest> serial_run(const std::string& binary, const std::string& dir,
                                     const std::map<std::string, std::string>& more = {}) {
  const BazelRun serial = run_as_bazel(binary, dir, 0, 0, more);
  EXPECT_EQ(serial.process.exit_code, 0) << serial.process.output;
  EXPECT_TRUE(serial.report_written) << serial.process.output;
  EXPECT_FALSE(serial.premature_exit_file_left);
  return serial.executed;
}

TEST(BazelShards, TogetherRunTheSerialRunOnceWithEveryFileWhole) {
  const std::string scratch = scratch_dir_of_test("bazel_");
  const std::vector<ExecutedTest> serial = serial_run(kitty_binary(), scratch + "/serial");
  ASSERT_GE(serial.size(), 10u);
  // 1, 2, 3, and more shards (6) than the binary has files (4): two empty.
  for (const int total : {1, 2, 3, 6}) {
    SCOPED_TRACE("TEST_TOTAL_SHARDS=" + std::to_string(total));
    const std::vector<BazelRun> shards =
        run_all_shards(kitty_binary(), scratch + "/n" + std::to_string(total), total);
    EXPECT_EQ(faults_of(shards, serial), std::vector<std::string>{})
        << shards.back().process.output;
    size_t empty = 0;
    for (const BazelRun& shard : shards) {
      if (shard.report_written && shard.executed.empty()) ++empty;
      EXPECT_NE(shard.process.output.find("gtest_kitty: shard "), std::string::npos)
          << shard.process.output;
    }
    EXPECT_EQ(empty, total == 6 ? 2u : 0u);
  }
}

// The planted fault: a plain GoogleTest binary under the same variables.
// Bazel's test-setup.sh exports them as GTEST_* too, and GoogleTest then
// splits by test: the migration file's tests, which build on each other,
// land in two shards and fail. The checks above see it.
TEST(BazelShards, GoogleTestsPerTestSplitIsCaught) {
  const std::string scratch = scratch_dir_of_test("bazel_");
  const std::vector<ExecutedTest> serial = serial_run(plain_binary(), scratch + "/serial");
  std::vector<BazelRun> shards;
  for (int index = 0; index < 2; ++index) {
    const std::string dir = scratch + "/shard_" + std::to_string(index);
    shards.push_back(run_as_bazel(plain_binary(), dir, index, 2,
                                  {{"GTEST_TOTAL_SHARDS", "2"},
                                   {"GTEST_SHARD_INDEX", std::to_string(index)},
                                   {"GTEST_SHARD_STATUS_FILE", status_file(dir)}}));
  }
  const std::string faults = joined(faults_of(shards, serial));
  EXPECT_NE(faults.find("migration_test.cpp split over 2"), std::string::npos) << faults;
  EXPECT_NE(faults.find("failed"), std::string::npos) << faults;
}

// XML_OUTPUT_FILE, TEST_TMPDIR: the report lands where Bazel looks, and the
// isolated homes in $TEST_TMPDIR/kitty (seen from a test, through HOME).
TEST(BazelShards, ReportAndHomesGoWhereBazelSays) {
  const std::string scratch = scratch_dir_of_test("bazel_");
  const std::string log = scratch + "/probe.log";
  const BazelRun run =
      run_as_bazel(work_path("isolation/isolation_tests"), scratch + "/run", 0, 1,
                   {{"TESTBRIDGE_TEST_ONLY", "ChangesDirectory.*"}, {"KITTY_PROBE_LOG", log}});
  ASSERT_EQ(run.process.exit_code, 0) << run.process.output;
  ASSERT_TRUE(run.report_written) << run.process.output;
  ASSERT_EQ(run.executed.size(), 1u) << run.process.output;
  EXPECT_EQ(run.executed[0].name, "ChangesDirectory.StillFindsItsDirectories");
  std::ifstream in(log);
  std::string test;
  std::string key;
  std::string home;
  ASSERT_TRUE(in >> test >> key >> home) << "no probe log at " << log;
  EXPECT_EQ(key, "cd_home");
  const std::string base = fs::weakly_canonical(tmp_dir(run.dir) + "/kitty").string();
  EXPECT_EQ(fs::weakly_canonical(home).string().rfind(base + "/", 0), 0u)
      << "HOME " << home << " is not under " << base;
  EXPECT_TRUE(fs::is_directory(base));
}

// TESTBRIDGE_TEST_ONLY (bazel test --test_filter) narrows each shard's own
// files: the shards together run the filtered serial run, and no shard runs
// a test of another shard's files to satisfy the filter.
TEST(BazelShards, TheTestFilterIsIntersectedWithTheShardNeverWidened) {
  const std::string scratch = scratch_dir_of_test("bazel_");
  const std::map<std::string, std::string> filter = {
      {"TESTBRIDGE_TEST_ONLY", "Migrations.*:Store.*:WalTest.Replay*"}};
  const std::vector<ExecutedTest> serial = serial_run(kitty_binary(), scratch + "/serial", filter);
  ASSERT_GE(serial.size(), 6u);
  ASSERT_LT(serial.size(), serial_run(kitty_binary(), scratch + "/all").size());
  for (const int total : {2, 3}) {
    SCOPED_TRACE("TEST_TOTAL_SHARDS=" + std::to_string(total));
    const std::string dir = scratch + "/n" + std::to_string(total);
    const std::vector<BazelRun> whole = run_all_shards(kitty_binary(), dir + "/whole", total);
    const std::vector<BazelRun> narrowed =
        run_all_shards(kitty_binary(), dir + "/filtered", total, filter);
    EXPECT_EQ(faults_of(narrowed, serial), std::vector<std::string>{});
    for (int index = 0; index < total; ++index) {
      const std::multiset<std::string> own = names_of(whole[index].executed);
      for (const ExecutedTest& test : narrowed[index].executed) {
        EXPECT_EQ(own.count(test.name), 1u) << test.name << " is not of shard " << index;
      }
    }
  }
}

// TEST_PREMATURE_EXIT_FILE: there while the tests run, gone after a normal
// end, left by a process that ends in the middle of its tests (_exit, so
// that nothing but the file tells; exit() also gets kitty's exit 79).
TEST(BazelShards, ThePrematureExitFileIsLeftOnlyByAnEarlyEnd) {
  const std::string scratch = scratch_dir_of_test("bazel_");
  const std::string binary = work_path("lifecycle/lifecycle_tests");
  const std::map<std::string, std::string> only = {{"TESTBRIDGE_TEST_ONLY", "EarlyExit.*"}};
  const BazelRun normal = run_as_bazel(binary, scratch + "/normal", 0, 1, only);
  EXPECT_EQ(normal.process.exit_code, 0) << normal.process.output;
  EXPECT_EQ(normal.executed.size(), 3u) << normal.process.output;
  EXPECT_FALSE(normal.premature_exit_file_left);
  for (const std::string& probe : std::vector<std::string>{"_exit", "exit"}) {
    std::map<std::string, std::string> more = only;
    more["KITTY_PROBE"] = probe;
    const BazelRun early = run_as_bazel(binary, scratch + "/" + probe, 0, 1, more);
    EXPECT_TRUE(early.premature_exit_file_left) << probe << ": " << early.process.output;
    EXPECT_FALSE(early.report_written) << probe;
    if (probe == "exit") {
      EXPECT_EQ(early.process.exit_code, 79) << early.process.output;
    }
  }
}

// A kitty binary a kitty test runs directly inherits that test's
// TEST_PREMATURE_EXIT_FILE (with the launcher's hand-over naming the outer
// process): it must not create and remove the outer's file, which would
// hide an early end of the outer test from the launcher.
TEST(BazelShards, ANestedBinaryLeavesTheOuterPrematureExitFileAlone) {
  const std::string scratch = scratch_dir_of_test("bazel_");
  const std::string outer = scratch + "/outer.premature-exit";
  std::ofstream(outer) << "";
  ProcessOptions options;
  options.unset_environment = kNotBazels;
  options.environment = {{"TEST_PREMATURE_EXIT_FILE", outer},
                         {"KITTY_ISOLATION_PID", std::to_string(getpid())},
                         {"KITTY_HOME_BASE", scratch + "/homes"}};
  const ProcessResult nested = run_process({kitty_binary()}, options);
  EXPECT_EQ(nested.exit_code, 0) << nested.output;
  EXPECT_TRUE(fs::exists(outer)) << "the nested binary removed the outer test's file";
}

size_t tests_started(const ProcessResult& process) {
  size_t started = 0;
  std::istringstream lines(process.output);
  for (std::string line; std::getline(lines, line);) started += line.rfind("[ RUN      ]", 0) == 0;
  return started;
}

// Run by the next test, inside a Bazel shard of this very binary: a kitty
// binary that a test runs directly inherits the shard's environment, and
// must still run whole (the shard request is the outer binary's, consumed),
// and leave the outer's premature-exit file alone.
TEST(BazelNested, AKittyBinaryATestRunsIsNoShardOfItsOwn) {
  if (std::getenv("BAZEL_IT_NESTED") == nullptr) GTEST_SKIP() << "run inside BazelNested.Outer";
  // The shard's environment, but for what GoogleTest reads of the outer
  // run's: its filter and report.
  ProcessOptions inherited;
  inherited.unset_environment = {"TESTBRIDGE_TEST_ONLY", "XML_OUTPUT_FILE"};
  ProcessOptions plain;
  plain.unset_environment = kNotBazels;
  const ProcessResult nested = run_process({kitty_binary()}, inherited);
  const ProcessResult whole = run_process({kitty_binary()}, plain);
  EXPECT_EQ(nested.exit_code, 0) << nested.output;
  // Nor does it take the outer run's premature-exit file (in the directory
  // run_as_bazel gave the outer run) for its own.
  const char* report = std::getenv("XML_OUTPUT_FILE");
  ASSERT_NE(report, nullptr);
  const std::string outer_file = premature_file(fs::path(report).parent_path().string());
  EXPECT_TRUE(fs::exists(outer_file)) << "the nested binary removed " << outer_file;
  EXPECT_GE(tests_started(whole), 10u) << whole.output;
  EXPECT_EQ(tests_started(nested), tests_started(whole)) << nested.output;
}

TEST(BazelNested, Outer) {
  const std::string scratch = scratch_dir_of_test("bazel_");
  const std::string self = fs::read_symlink("/proc/self/exe").string();
  const std::vector<BazelRun> shards = run_all_shards(
      self, scratch, 2,
      {{"TESTBRIDGE_TEST_ONLY", "BazelNested.AKittyBinaryATestRunsIsNoShardOfItsOwn"},
       {"BAZEL_IT_NESTED", "1"}});
  size_t ran = 0;
  for (const BazelRun& shard : shards) {
    EXPECT_EQ(shard.process.exit_code, 0) << shard.process.output;
    for (const ExecutedTest& test : shard.executed) {
      EXPECT_FALSE(test.failed) << shard.process.output;
      ++ran;
    }
  }
  EXPECT_EQ(ran, 1u) << shards[0].process.output << shards[1].process.output;
}

TEST(BazelShards, EveryUnusableRequestIsRefusedBeforeAnyTestRuns) {
  const std::string scratch = scratch_dir_of_test("bazel_");
  const std::vector<std::pair<std::map<std::string, std::string>, std::string>> cases = {
      {{{"TEST_TOTAL_SHARDS", "3"}, {"TEST_SHARD_INDEX", "3"}},
       "TEST_SHARD_INDEX=3 is not below TEST_TOTAL_SHARDS=3"},
      {{{"TEST_TOTAL_SHARDS", "3"}, {"TEST_SHARD_INDEX", "-1"}},
       "TEST_SHARD_INDEX must be a whole number (0 or more), not '-1'"},
      {{{"TEST_TOTAL_SHARDS", "-2"}, {"TEST_SHARD_INDEX", "0"}},
       "TEST_TOTAL_SHARDS must be a whole number of shards (1 or more), not '-2'"},
      {{{"TEST_TOTAL_SHARDS", "three"}, {"TEST_SHARD_INDEX", "0"}}, "not 'three'"},
      {{{"TEST_TOTAL_SHARDS", "3"}}, "TEST_TOTAL_SHARDS is set without TEST_SHARD_INDEX"},
      {{{"TEST_SHARD_INDEX", "0"}}, "TEST_SHARD_INDEX is set without TEST_TOTAL_SHARDS"},
      {{{"TEST_TOTAL_SHARDS", "3"},
        {"TEST_SHARD_INDEX", "1"},
        {"GTEST_TOTAL_SHARDS", "3"},
        {"GTEST_SHARD_INDEX", "2"}},
       "the GoogleTest and Bazel shard variables disagree"},
      {{{"TEST_TOTAL_SHARDS", "2"}, {"TEST_SHARD_INDEX", "0"}, {"KITTY_COSTS", scratch + "/no"}},
       "KITTY_COSTS: cannot read the cost file " + scratch + "/no"},
  };
  int number = 0;
  for (const auto& [variables, words] : cases) {
    SCOPED_TRACE(words);
    const BazelRun run =
        run_as_bazel(kitty_binary(), scratch + "/" + std::to_string(number++), 0, 0, variables);
    EXPECT_EQ(run.process.exit_code, 66) << run.process.output;
    EXPECT_EQ(run.process.output.rfind("gtest_kitty: ", 0), 0u) << run.process.output;
    EXPECT_NE(run.process.output.find(words), std::string::npos) << run.process.output;
    EXPECT_EQ(run.process.output.find('\n'), run.process.output.size() - 1)
        << "one line: " << run.process.output;
    EXPECT_FALSE(run.report_written) << "a test ran: " << run.process.output;
    EXPECT_FALSE(run.premature_exit_file_left);
  }
}

}  // namespace
}  // namespace kitty_it
