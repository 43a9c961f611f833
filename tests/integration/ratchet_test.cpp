// gtest-kitty ratchet on real parallel runs: a clean suite is accepted; the
// faults project's planted failure, seeded flaky test and crash are named by
// their gtest names across runs, though a single run of the flaky test is
// green; a baseline tells known from new; bad input is a one-line error,
// exit 2.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "projects.h"

namespace kitty_it {
namespace {

namespace fs = std::filesystem;

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The ratchet's temporary work directories in `dir`.
std::vector<std::string> ratchet_dirs(const std::string& dir) {
  std::vector<std::string> found;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename().string().rfind("gtest-kitty-ratchet.", 0) == 0) {
      found.push_back(entry.path().string());
    }
  }
  return found;
}

class Ratchet : public testing::Test {
 protected:
  void SetUp() override {
    scratch_ = scratch_dir_of_test("ratchet_");
    tmp_ = scratch_ + "/tmp";
    fs::create_directories(tmp_);
  }

  // gtest-kitty ratchet ARGS, with plain output (CI=true), its temporary
  // directories in this test's scratch, and none of this test's own kitty
  // run leaking into the inner runs.
  ProcessResult ratchet(const std::vector<std::string>& args,
                        const std::map<std::string, std::string>& environment = {}) const {
    std::vector<std::string> argv = {cli_path(), "ratchet"};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessOptions options;
    options.unset_environment = {"KITTY_RECORD_DIR",  "KITTY_HOME_BASE",   "KITTY_RUN_ID",
                                 "KITTY_PROBE_CRASH", "KITTY_RATCHET_RUN", "KITTY_PROBE_HANG"};
    options.environment = {{"CI", "true"}, {"TMPDIR", tmp_}};
    for (const auto& [name, value] : environment) options.environment[name] = value;
    return run_process(argv, options);
  }

  std::string scratch_, tmp_;
};

const std::string kBrokenLine =
    "FAILED  Broken.AlwaysFails  (faults_tests/broken_test.cpp)  failed in run 1,2,3 of 3  ";
const std::string kFlakyLine =
    "FLAKY   Flaky.FailsOnASeededHalfOfRuns  (faults_tests/flaky_test.cpp)  failed in run 2, "
    "passed in 2 of 3  ";

TEST_F(Ratchet, CleanSuiteIsAcceptedAndLeavesNothingBehind) {
  const ProcessResult run = ratchet({"-n", "2", "--", "--test-dir", work_path("kvstore"), "-j2"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_TRUE(contains(run.output, "gtest-kitty ratchet: run 1/2: 4 tests, 0 failed"))
      << run.output;
  EXPECT_TRUE(contains(run.output, "gtest-kitty ratchet: run 2/2: 4 tests, 0 failed"))
      << run.output;
  EXPECT_TRUE(contains(run.output,
                       "gtest-kitty ratchet: 2 of 2 runs green; 0 tests failed, 0 crashed, 0 "
                       "flaky (0 new, 0 known), 1 skipped: ACCEPTED\n"))
      << run.output;
  EXPECT_FALSE(contains(run.output, "FAILED")) << run.output;
  EXPECT_FALSE(contains(run.output, "each run's")) << run.output;
  EXPECT_EQ(ratchet_dirs(tmp_), std::vector<std::string>{});
}

TEST_F(Ratchet, NamesThePlantedFailureAndTheFlakyTest) {
  const std::string work = scratch_ + "/work";
  const ProcessResult run =
      ratchet({"-n", "3", "--work-dir", work, "--", "--test-dir", work_path("faults"), "-j2"});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(contains(run.output, kBrokenLine + "NEW\n       broken_test.cpp:7: ")) << run.output;
  EXPECT_TRUE(contains(run.output, kFlakyLine + "NEW\n       flaky_test.cpp:")) << run.output;
  EXPECT_TRUE(contains(run.output,
                       "gtest-kitty ratchet: 0 of 3 runs green; 1 test failed, 0 crashed, 1 "
                       "flaky (2 new, 0 known), 1 skipped: REJECTED\n"))
      << run.output;
  // Named by gtest name: neither their files nor their passing neighbours.
  for (const char* innocent :
       {"Steady.", "Broken.Passes", "Flaky.NeighbourPasses", "Crash.", "FAILED faults_tests/"}) {
    EXPECT_FALSE(contains(run.output, innocent)) << innocent << " in\n" << run.output;
  }
  EXPECT_TRUE(contains(
      run.output, "gtest-kitty ratchet: each run's ctest log, JUnit and records: " + work + "\n"))
      << run.output;
  // Each run left its ctest log, its JUnit and one record per ctest test.
  for (int i = 1; i <= 3; ++i) {
    const std::string run_dir = work + "/run-" + std::to_string(i);
    EXPECT_TRUE(contains(read(run_dir + "/ctest.log"), "faults_tests/broken_test.cpp")) << run_dir;
    EXPECT_TRUE(contains(read(run_dir + "/ctest.xml"), "<testsuite")) << run_dir;
    const auto records = fs::directory_iterator(run_dir + "/records");
    EXPECT_EQ(std::distance(fs::begin(records), fs::end(records)), 6) << run_dir;
    // Each run knew its number (KITTY_RATCHET_RUN): the seeded test failed in run 2 only.
    EXPECT_EQ(contains(read(run_dir + "/ctest.xml"), "planted: fails on this run's draw (run 2)"),
              i == 2)
        << run_dir;
  }
}

TEST_F(Ratchet, RejectedRunKeepsItsTemporaryWorkDirectory) {
  const ProcessResult run =
      ratchet({"-n", "1", "--", "--test-dir", work_path("faults"), "-R", "broken"});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  const std::vector<std::string> kept = ratchet_dirs(tmp_);
  ASSERT_EQ(kept.size(), 1u) << run.output;
  EXPECT_TRUE(contains(run.output,
                       "gtest-kitty ratchet: each run's ctest log, JUnit and records: " + kept[0]))
      << run.output;
  EXPECT_TRUE(fs::exists(kept[0] + "/run-1/ctest.xml"));
}

// A rejected ratchet's directory is kept and named, not forever: a later
// ratchet removes this user's kept directories older than 7 days.
TEST_F(Ratchet, KeptWorkDirectoriesAreRemovedAfterAWeek) {
  const std::string old_dir = tmp_ + "/gtest-kitty-ratchet.OLD123";
  const std::string recent_dir = tmp_ + "/gtest-kitty-ratchet.NEW123";
  for (const std::string& dir : {old_dir, recent_dir}) fs::create_directories(dir + "/run-1");
  fs::last_write_time(old_dir, fs::file_time_type::clock::now() - std::chrono::hours(24 * 8));
  const ProcessResult run =
      ratchet({"-n", "1", "--", "--test-dir", work_path("faults"), "-R", "broken"});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_FALSE(fs::exists(old_dir));
  EXPECT_TRUE(fs::exists(recent_dir));
  EXPECT_TRUE(contains(run.output, " (kept 7 days: a later ratchet removes it then)\n"))
      << run.output;
}

// The anti-vacuity check: one run of the flaky test is green, so a single
// run proves nothing; three runs catch it.
TEST_F(Ratchet, OneRunMissesTheFlakyTestThreeRunsCatchIt) {
  const std::vector<std::string> flaky_only = {"--", "--test-dir", work_path("faults"), "-R",
                                               "flaky"};
  std::vector<std::string> once = {"-n", "1"};
  once.insert(once.end(), flaky_only.begin(), flaky_only.end());
  const ProcessResult single = ratchet(once);
  EXPECT_EQ(single.exit_code, 0) << single.output;
  EXPECT_TRUE(contains(single.output, "run 1/1: 1 test, 0 failed")) << single.output;
  EXPECT_TRUE(contains(single.output,
                       "1 of 1 run green; 0 tests failed, 0 crashed, 0 flaky (0 new, 0 "
                       "known), 0 skipped: ACCEPTED\n"))
      << single.output;

  std::vector<std::string> thrice = {"-n", "3"};
  thrice.insert(thrice.end(), flaky_only.begin(), flaky_only.end());
  const ProcessResult three = ratchet(thrice);
  EXPECT_EQ(three.exit_code, 1) << three.output;
  EXPECT_TRUE(contains(three.output, kFlakyLine + "NEW\n")) << three.output;
  EXPECT_TRUE(contains(three.output,
                       "2 of 3 runs green; 0 tests failed, 0 crashed, 1 flaky (1 new, 0 "
                       "known), 0 skipped: REJECTED\n"))
      << three.output;
}

TEST_F(Ratchet, BaselineTellsKnownFromNewAndCanBeWritten) {
  const std::string baseline = scratch_ + "/baseline.txt";
  const std::string written = scratch_ + "/written.txt";
  std::ofstream(baseline) << "# known to fail\n\nBroken.AlwaysFails\nGone.Test\n";
  const ProcessResult run = ratchet({"-n", "3", "--baseline", baseline, "--write-baseline", written,
                                     "--", "--test-dir", work_path("faults"), "-j2"});
  EXPECT_EQ(run.exit_code, 1) << run.output;  // known failures still fail the ratchet
  EXPECT_TRUE(contains(run.output, kBrokenLine + "known\n")) << run.output;
  EXPECT_TRUE(contains(run.output, kFlakyLine + "NEW\n")) << run.output;
  EXPECT_TRUE(contains(run.output, "FIXED   Gone.Test  in the baseline, failed in no run"))
      << run.output;
  EXPECT_TRUE(contains(run.output,
                       "1 test failed, 0 crashed, 1 flaky (1 new, 1 known), 1 skipped: "
                       "REJECTED\n"))
      << run.output;
  EXPECT_TRUE(contains(run.output, "gtest-kitty ratchet: baseline written to " + written))
      << run.output;

  std::vector<std::string> names;
  std::istringstream lines(read(written));
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line[0] != '#') names.push_back(line);
  }
  EXPECT_EQ(names,
            (std::vector<std::string>{"Broken.AlwaysFails", "Flaky.FailsOnASeededHalfOfRuns"}));

  // The written baseline makes both known, and nothing fixed.
  const ProcessResult again =
      ratchet({"-n", "3", "--baseline", written, "--", "--test-dir", work_path("faults"), "-j2"});
  EXPECT_EQ(again.exit_code, 1) << again.output;
  EXPECT_TRUE(contains(again.output, kFlakyLine + "known\n")) << again.output;
  EXPECT_TRUE(contains(again.output, "1 test failed, 0 crashed, 1 flaky (0 new, 2 known)"))
      << again.output;
  EXPECT_FALSE(contains(again.output, "FIXED")) << again.output;
}

TEST_F(Ratchet, CrashNamesTheTestTheProcessDiedIn) {
  const ProcessResult run =
      ratchet({"-n", "2", "--", "--test-dir", work_path("faults"), "-R", "crash"},
              {{"KITTY_PROBE_CRASH", "1"}});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(contains(run.output,
                       "CRASHED Crash.WhenAsked  (faults_tests/crash_test.cpp)  failed in run 1,2 "
                       "of 2  NEW\n       the process died in this test: "))
      << run.output;
  // The one command that reruns just it.
  EXPECT_TRUE(std::regex_search(
      run.output, std::regex("\n       rerun: [^\n]* '?--kitty_file=crash_test.cpp'?[^\n]* "
                             "'?--gtest_filter=Crash.WhenAsked'?\n")))
      << run.output;
  EXPECT_FALSE(contains(run.output, "Crash.BeforeIt")) << run.output;
  EXPECT_FALSE(contains(run.output, "FAILED faults_tests/crash_test.cpp")) << run.output;
  EXPECT_TRUE(contains(run.output,
                       "0 of 2 runs green; 0 tests failed, 1 crashed, 0 flaky (1 new, "
                       "0 known)"))
      << run.output;
}

// A ctest test that is not a kitty process leaves no record: the ratchet
// blames the ctest test itself. A handwritten CTestTestfile.cmake is a build
// tree ctest reads.
TEST_F(Ratchet, FailureWithoutARecordIsNamedByItsCtestTest) {
  const std::string tree = scratch_ + "/tree";
  fs::create_directories(tree);
  std::ofstream(tree + "/CTestTestfile.cmake")
      << "add_test(plain_fails \"cmake\" \"-E\" \"false\")\n"
         "add_test(plain_passes \"cmake\" \"-E\" \"true\")\n";
  const ProcessResult run = ratchet({"-n", "2", "--", "--test-dir", tree});
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(
      contains(run.output,
               "FAILED  plain_fails  (plain_fails)  failed in run 1,2 of 2  NEW\n       the "
               "process failed and left no run record [ctest: ***Failed]\n"))
      << run.output;
  EXPECT_FALSE(contains(run.output, "plain_passes")) << run.output;
}

// exit 2 and one line, "gtest-kitty: ...", that says what was wrong.
void expect_usage_error(const ProcessResult& run, const std::string& part) {
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_EQ(run.output.rfind("gtest-kitty: ", 0), 0u) << run.output;
  EXPECT_EQ(std::count(run.output.begin(), run.output.end(), '\n'), 1) << run.output;
  EXPECT_TRUE(contains(run.output, part)) << part << " not in\n" << run.output;
  EXPECT_FALSE(contains(run.output, "REJECTED")) << run.output;
}

// A record that cannot be read is an infrastructure error, not a verdict.
TEST_F(Ratchet, CorruptRecordIsAnError) {
  const std::string tree = scratch_ + "/tree";
  fs::create_directories(tree);
  // A valid header, then a line that is not JSON, then more: not a record
  // cut short by a kill, a corrupt one.
  std::ofstream(tree + "/corrupt.cmake") << R"(file(WRITE "$ENV{KITTY_RECORD_DIR}/1.jsonl" )"
                                         << R"("{\"kitty_record\":1}\nnot json\n)"
                                         << R"({\"e\":\"exit\",\"t\":1}\n"))"
                                         << "\n";
  std::ofstream(tree + "/CTestTestfile.cmake")
      << "add_test(writes_corrupt_record \"cmake\" \"-P\" \"" << tree << "/corrupt.cmake\")\n";
  expect_usage_error(ratchet({"-n", "1", "--", "--test-dir", tree}),
                     "/run-1/records/1.jsonl:2: not a kitty run record line");
}

TEST_F(Ratchet, BadArgumentsAreUsageErrors) {
  const std::string kvstore = work_path("kvstore");
  expect_usage_error(ratchet({"-n", "1", "--bogus"}), "--bogus");
  expect_usage_error(ratchet({"-n", "1", "--baseline", scratch_ + "/no_such_baseline.txt", "--",
                              "--test-dir", kvstore}),
                     scratch_ + "/no_such_baseline.txt");
  expect_usage_error(ratchet({"-n", "0", "--", "--test-dir", kvstore}), "--runs");
  expect_usage_error(ratchet({"--", "--test-dir", kvstore}), "--runs");
  expect_usage_error(ratchet({"-n", "1", "--", "--test-dir", kvstore, "--repeat", "until-pass:3"}),
                     "the ratchet never retries (--repeat");
  expect_usage_error(
      ratchet({"-n", "1", "--", "--test-dir", kvstore, "--output-junit", scratch_ + "/j.xml"}),
      "drop --output-junit");
  // Refused before any run: nothing was made.
  EXPECT_EQ(ratchet_dirs(tmp_), std::vector<std::string>{});
}

TEST_F(Ratchet, NoTestsToRunIsAnError) {
  expect_usage_error(
      ratchet({"-n", "1", "--", "--test-dir", work_path("kvstore"), "-R", "no_such_test"}),
      "no tests found: ctest --test-dir " + work_path("kvstore") + " -R no_such_test selects none");
  const std::string empty = scratch_ + "/not_a_build_tree";
  fs::create_directories(empty);
  expect_usage_error(ratchet({"-n", "1", "--", "--test-dir", empty}), "no tests found");
}

TEST_F(Ratchet, CtestFailingBeforeRunningTestsIsAnError) {
  const std::string missing = scratch_ + "/no_such_dir";
  const ProcessResult run = ratchet({"-n", "1", "--", "--test-dir", missing});
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_EQ(run.output.rfind("gtest-kitty: ctest ran no tests (exit ", 0), 0u) << run.output;
  EXPECT_TRUE(contains(run.output, missing)) << run.output;
  EXPECT_FALSE(contains(run.output, "REJECTED")) << run.output;
}

}  // namespace
}  // namespace kitty_it
