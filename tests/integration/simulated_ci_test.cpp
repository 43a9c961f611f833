// The CI recipes of docs/ci/, run: the commands their jobs run, taken from
// the parsed YAML (support/ci_recipe.h), executed for N shard jobs on one
// prepared build tree (the kvstore sample, 4 files), one after the other and
// all at once, then the final job's. N = 1, 2, 3 and 7 (more jobs than
// files: some shares are empty). The final job is green, and its merged
// JUnit has every test of the serial run once.
//
// Planted faults, each of which must turn the final job red: a shard job
// that never ran, a file run in two shards, a shard planned from another
// cost file, and a file split across shards. A kitty binary refuses to split
// a file (GoogleTest's per-test modulo split under plain GTEST_TOTAL_SHARDS
// runs whole files in a kitty binary), so the split is made with real
// processes to the same effect: the file's ctest test run in two jobs, each
// with one half of its tests (complementary GTEST_FILTERs), into their records.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "ci_recipe.h"
#include "projects.h"

namespace kitty_it {
namespace {

namespace fs = std::filesystem;

std::string kvstore() { return work_path("kvstore"); }
const std::string kStoreFile = "kvstore_tests/tests/store_test.cpp";

// The checkout every job gets: the committed cost file, ctest's own record
// of a real run of the tree (CTestCostData.txt, the format shard reads).
class SimulatedCi : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    checkout_ = new std::string(scratch_dir("simulated_ci_checkout"));
    const ProcessResult ctest = run_process({"ctest", "--test-dir", kvstore(), "-j2"});
    ASSERT_EQ(ctest.exit_code, 0) << ctest.output;
    fs::create_directories(*checkout_ + "/ci");
    fs::copy_file(kvstore() + "/Testing/Temporary/CTestCostData.txt",
                  *checkout_ + "/ci/ctest-costs.txt");
  }
  static void TearDownTestSuite() {
    delete checkout_;
    checkout_ = nullptr;
  }

  ci::SimulatedRun simulate(const std::string& recipe, int shards, bool concurrent,
                            const ci::Faults& faults = {}) {
    ci::Simulation simulation;
    simulation.recipe = recipe;
    simulation.shards = shards;
    simulation.concurrent = concurrent;
    simulation.checkout = *checkout_;
    simulation.build_tree = kvstore();
    simulation.tool_dir = fs::path(cli_path()).parent_path().string();
    simulation.work = scratch_dir_of_test("ci_") + "/" + recipe + "-" + std::to_string(shards) +
                      (concurrent ? "-at-once" : "-in-turn");
    simulation.faults = faults;
    last_work_ = simulation.work;
    return ci::simulate(simulation);
  }

  // A green pipeline, and one JUnit report with every test once.
  void expect_green(const ci::SimulatedRun& run, const std::string& junit) {
    for (const ci::JobResult& job : run.shards) {
      EXPECT_TRUE(job.ran && !job.failed) << job.name << "\n" << job.log;
    }
    EXPECT_TRUE(run.report.ran && !run.report.failed) << run.report.log;
    pugi::xml_document merged;
    ASSERT_TRUE(merged.load_file((last_work_ + "/report/" + junit).c_str())) << run.report.log;
    std::multiset<std::string> cases;
    for (const pugi::xpath_node& node : merged.select_nodes("//testcase")) {
      cases.insert(std::string(node.node().attribute("classname").value()) + "." +
                   node.node().attribute("name").value());
    }
    std::set<std::string> once(cases.begin(), cases.end());
    EXPECT_EQ(once.size(), cases.size()) << "a test in two shards";
    if (serial_tests_.empty()) serial_tests_ = once;
    EXPECT_EQ(once, serial_tests_);
    EXPECT_GE(once.size(), 10u);
    EXPECT_EQ(merged.child("testsuites").attribute("failures").as_int(), 0);
  }

  void expect_red(const ci::SimulatedRun& run, const std::string& named) {
    EXPECT_TRUE(run.report.failed) << run.report.log;
    EXPECT_NE(run.report.log.find(named), std::string::npos) << run.report.log;
  }

  static std::string* checkout_;
  std::string last_work_;
  std::set<std::string> serial_tests_;
};
std::string* SimulatedCi::checkout_ = nullptr;

TEST_F(SimulatedCi, GithubActionsJobsInTurnAndAtOnce) {
  for (const int shards : {1, 2, 3, 7}) {
    for (const bool concurrent : {false, true}) {
      SCOPED_TRACE(std::to_string(shards) + (concurrent ? " jobs at once" : " jobs in turn"));
      expect_green(simulate("github-actions.yml", shards, concurrent), "junit.xml");
    }
  }
}

TEST_F(SimulatedCi, GitlabParallelJobsInTurnAndAtOnce) {
  for (const int shards : {1, 2, 3, 7}) {
    for (const bool concurrent : {false, true}) {
      SCOPED_TRACE(std::to_string(shards) + (concurrent ? " jobs at once" : " jobs in turn"));
      expect_green(simulate("gitlab-ci.yml", shards, concurrent), "junit.xml");
    }
  }
}

// The share of a job, from the shard.json it wrote.
std::vector<std::string> share_of(const std::string& out) {
  std::ifstream in(out + "/shard.json");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> share;
  const size_t start = text.find("\"share\"");
  const size_t end = text.find(']', start);
  for (size_t at = text.find('"', text.find('[', start)); at < end;
       at = text.find('"', text.find('"', at + 1) + 1)) {
    share.push_back(text.substr(at + 1, text.find('"', at + 1) - at - 1));
  }
  return share;
}

// Runs one ctest test of the tree as a job would, recording into `out`.
void run_unit_into(const std::string& out, const std::string& unit, const std::string& filter) {
  ProcessOptions options;
  options.environment["KITTY_RECORD_DIR"] = out + "/records";
  if (!filter.empty()) options.environment["GTEST_FILTER"] = filter;
  std::string regex = "^" + unit + "$";
  for (size_t at = 0; (at = regex.find('.', at)) != std::string::npos; at += 2) {
    regex.insert(at, "\\");
  }
  const ProcessResult ctest = run_process({"ctest", "--test-dir", kvstore(), "-R", regex}, options);
  ASSERT_EQ(ctest.exit_code, 0) << ctest.output;
}

TEST_F(SimulatedCi, AShardJobThatNeverRanTurnsTheReportRed) {
  ci::Faults faults;
  faults.skip_job = [](int index) { return index == 1; };
  expect_red(simulate("github-actions.yml", 3, false, faults), "job 2 of 3 (--index 1)");
  expect_red(simulate("gitlab-ci.yml", 3, false, faults), "job 2 of 3 (--index 1)");
}

TEST_F(SimulatedCi, AFileRunInTwoShardsTurnsTheReportRed) {
  std::string twice;
  ci::Faults faults;
  // Job 0 also runs a file of another job's share.
  faults.after_shard_step = [&](int index, const std::string& workspace) {
    if (index != 0) return;
    const std::string out = workspace + "/shard-out";
    const std::vector<std::string> mine = share_of(out);
    for (const auto& [unit, outcome] : kvstore_all_passed()) {
      if (std::count(mine.begin(), mine.end(), unit) == 0) twice = unit;
    }
    run_unit_into(out, twice, "");
  };
  const ci::SimulatedRun run = simulate("github-actions.yml", 2, false, faults);
  ASSERT_FALSE(twice.empty());
  expect_red(run, twice);
}

TEST_F(SimulatedCi, AShardPlannedFromAnotherCostFileTurnsTheReportRed) {
  ci::Faults faults;
  faults.before_job = [](int index, const std::string& workspace) {
    if (index != 2) return;
    std::ofstream costs(workspace + "/ci/ctest-costs.txt", std::ios::trunc);
    costs << "kvstore_tests/tests/compaction_test.cpp 1 9.0\n---\n";
  };
  expect_red(simulate("github-actions.yml", 3, false, faults), "planned differently");
}

TEST_F(SimulatedCi, AFileSplitAcrossShardsTurnsTheReportRed) {
  const std::string half = "Store.GetReturnsWhatWasPut:Store.MissingKeyIsEmpty";
  bool other_half_run = false;
  ci::Faults faults;
  // The job whose share has store_test.cpp runs only half of its tests; the
  // first other job runs the other half, as GoogleTest's per-test split would.
  faults.after_shard_step = [&](int, const std::string& workspace) {
    const std::string out = workspace + "/shard-out";
    const std::vector<std::string> mine = share_of(out);
    if (std::count(mine.begin(), mine.end(), kStoreFile) == 1) {
      for (const fs::directory_entry& entry : fs::directory_iterator(out + "/records")) {
        std::ifstream in(entry.path());
        std::string header;
        std::getline(in, header);
        if (header.find("\"name\":\"" + kStoreFile + "\"") != std::string::npos) {
          in.close();
          fs::remove(entry.path());
        }
      }
      run_unit_into(out, kStoreFile, half);
    } else if (!other_half_run) {
      run_unit_into(out, kStoreFile, "-" + half);
      other_half_run = true;
    }
  };
  expect_red(simulate("github-actions.yml", 3, false, faults),
             kStoreFile + " was split between jobs");
}

}  // namespace
}  // namespace kitty_it
