// merge-junit --shards and timeline --shards on the output directories of a
// run of the kvstore sample split into 3 CI jobs. Each directory is made as
// `gtest-kitty shard` makes it: a real ctest run of the job's share
// (`ctest -I 0,0,0,<numbers> --output-junit <dir>/junit.xml`, with
// KITTY_RECORD_DIR=<dir>/records), and its shard.json in the agreed format
// (shard_manifest.h). Shard 2's share is empty: it has no junit.xml and no
// records. Each fault of the set (a shard's junit.xml missing, truncated or
// short of a test of its share, a directory without shard.json, two
// directories of one index, an index missing) is planted in a copy.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "cli/model/shard_manifest.h"
#include "projects.h"

namespace kitty_it {
namespace {

namespace fs = std::filesystem;
using kitty::cli::Expected;

constexpr int kTotal = 3;

std::string kvstore() { return work_path("kvstore"); }

// One job's share: ctest test numbers (1-based, ctest's order).
const std::map<int, std::vector<int>> kShares = {{0, {1, 3}}, {1, {2, 4}}, {2, {}}};

// Runs shard `index`'s share of the kvstore tree into `dir`, as shard does.
void make_shard(const std::string& dir, int index, const std::vector<std::string>& registered) {
  fs::create_directories(dir);
  kitty::cli::ShardManifest manifest;
  manifest.index = index;
  manifest.total = kTotal;
  manifest.plan = "test-plan";
  manifest.registered = registered;
  const std::vector<int>& numbers = kShares.at(index);
  if (!numbers.empty()) {
    std::string selection = "0,0,0";
    for (const int number : numbers) {
      selection += "," + std::to_string(number);
      manifest.share.push_back(registered.at(static_cast<size_t>(number - 1)));
    }
    ProcessOptions options;
    options.environment["KITTY_RECORD_DIR"] = dir + "/records";
    const ProcessResult ctest = run_process({"ctest", "--test-dir", kvstore(), "-j2", "-I",
                                             selection, "--output-junit", dir + "/junit.xml"},
                                            options);
    ASSERT_EQ(ctest.exit_code, 0) << ctest.output;
    manifest.ctest = kitty::cli::CtestRun{ctest.exit_code, 1.0};
  }
  ASSERT_TRUE(kitty::cli::write_manifest(dir, manifest));
}

ProcessResult cli(const std::string& command, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {cli_path(), command};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv);
}

class ShardOutputs : public testing::Test {
 protected:
  // The three jobs run once for the whole suite; each test plants its fault
  // in a copy of their directories.
  static void SetUpTestSuite() {
    jobs_ = new std::string(scratch_dir("shard_outputs_jobs"));
    const std::vector<std::string> registered = registered_tests(kvstore());
    ASSERT_EQ(registered.size(), 4u);
    for (int index = 0; index < kTotal; ++index) {
      make_shard(*jobs_ + "/shard-" + std::to_string(index), index, registered);
    }
  }
  static void TearDownTestSuite() {
    delete jobs_;
    jobs_ = nullptr;
  }
  void SetUp() override {
    scratch_ = scratch_dir_of_test("shard_outputs_");
    for (int index = 0; index < kTotal; ++index) {
      const std::string name = "shard-" + std::to_string(index);
      fs::copy(*jobs_ + "/" + name, scratch_ + "/" + name, fs::copy_options::recursive);
      dirs_.push_back(scratch_ + "/" + name);
    }
  }
  ProcessResult with_shards(const std::string& command, const std::vector<std::string>& dirs) {
    std::vector<std::string> args = {
        "-o", scratch_ + (command == "timeline" ? "/t.svg" : "/merged.xml"), "--shards"};
    args.insert(args.end(), dirs.begin(), dirs.end());
    return cli(command, args);
  }
  // Both commands refuse the set with one line naming the fault.
  void expect_refused(const std::vector<std::string>& dirs, const std::string& fault) {
    for (const char* command : {"merge-junit", "timeline"}) {
      const ProcessResult run = with_shards(command, dirs);
      EXPECT_EQ(run.exit_code, 2) << command << ": " << run.output;
      EXPECT_EQ(run.output.rfind("gtest-kitty: ", 0), 0u) << command << ": " << run.output;
      EXPECT_NE(run.output.find(fault), std::string::npos) << command << ": " << run.output;
      EXPECT_EQ(run.output.find('\n'), run.output.size() - 1) << command << ": " << run.output;
    }
  }
  static std::string* jobs_;
  std::string scratch_;
  std::vector<std::string> dirs_;
};
std::string* ShardOutputs::jobs_ = nullptr;

// The GoogleTest tests each ctest test ran, from the job's records.
std::set<std::string> recorded_tests(const std::string& records) {
  std::set<std::string> tests;
  for (const fs::directory_entry& entry : fs::directory_iterator(records)) {
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) {
      const nlohmann::json event = nlohmann::json::parse(line, nullptr, false);
      if (event.is_object() && event.value("e", "") == "start") tests.insert(event.at("test"));
    }
  }
  return tests;
}

TEST_F(ShardOutputs, OneReportOfEveryTestOfEveryShard) {
  const ProcessResult run = with_shards("merge-junit", dirs_);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find(
                "3 jobs merged: 4 ctest tests (0 from GoogleTest reports, 4 test by test from run "
                "records), "
                "0 lost"),
            std::string::npos)
      << run.output;
  pugi::xml_document merged;
  ASSERT_TRUE(merged.load_file((scratch_ + "/merged.xml").c_str()));
  const pugi::xml_node root = merged.child("testsuites");
  // One suite per ctest test, each saying which shard ran it.
  std::map<std::string, std::string> shard_of;
  for (const pugi::xml_node& suite : root.children("testsuite")) {
    shard_of[suite.attribute("name").value()] =
        suite.child("properties")
            .find_child_by_attribute("name", "gtest-kitty.job")
            .attribute("value")
            .value();
  }
  const std::vector<std::string> registered = registered_tests(kvstore());
  EXPECT_EQ(shard_of,
            (std::map<std::string, std::string>{{registered[0], "job 1 of 3 (--index 0)"},
                                                {registered[2], "job 1 of 3 (--index 0)"},
                                                {registered[1], "job 2 of 3 (--index 1)"},
                                                {registered[3], "job 2 of 3 (--index 1)"}}));
  // Test by test: every GoogleTest test the two jobs recorded, passed.
  std::set<std::string> recorded = recorded_tests(dirs_[0] + "/records");
  recorded.merge(recorded_tests(dirs_[1] + "/records"));
  std::set<std::string> cases;
  for (const pugi::xpath_node& node : merged.select_nodes("//testcase")) {
    cases.insert(std::string(node.node().attribute("classname").value()) + "." +
                 node.node().attribute("name").value());
  }
  EXPECT_GT(recorded.size(), 4u);
  EXPECT_EQ(cases, recorded);
  EXPECT_EQ(root.attribute("tests").as_ullong(), recorded.size());
  EXPECT_EQ(root.attribute("failures").as_int(), 0);
  EXPECT_TRUE(merged.select_node("//testcase[@classname='Migrations']")) << run.output;
}

TEST_F(ShardOutputs, OnePictureWithAGroupOfLanesPerShard) {
  const ProcessResult run = with_shards("timeline", dirs_);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  // Two workers in each job that ran (ctest -j2); the empty job's lane has none.
  EXPECT_NE(run.output.find("4 processes on 4 workers"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("job 1 of 3 (--index 0): 2 processes, wall "), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("job 2 of 3 (--index 1): 2 processes, wall "), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("job 3 of 3 (--index 2): 0 processes, wall 0.000 s"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("(the slowest job)"), std::string::npos) << run.output;
  pugi::xml_document svg;
  ASSERT_TRUE(svg.load_file((scratch_ + "/t.svg").c_str()));
  std::string lanes;
  for (const pugi::xpath_node& node : svg.select_nodes("//*[@class='lane']")) {
    lanes += std::string(node.node().text().get()) + ";";
  }
  EXPECT_NE(lanes.find("job 1 worker 0;"), std::string::npos) << lanes;
  EXPECT_NE(lanes.find("job 2 worker 0;"), std::string::npos) << lanes;
  EXPECT_NE(lanes.find("job 3 worker 0;"), std::string::npos) << lanes;
  EXPECT_TRUE(svg.select_node("//*[starts-with(text(), 'job 3 of 3 (--index 2): empty share')]"));
  EXPECT_EQ(svg.select_nodes("//*[@class='shard']").size(), 2u);  // two lines between three
}

TEST_F(ShardOutputs, MissingJunitOfAShardThatRanIsRefused) {
  fs::remove(dirs_[1] + "/junit.xml");
  expect_refused(dirs_,
                 dirs_[1] + ": job 2 of 3 (--index 1) ran but its ctest report cannot be read");
}

// A job killed before its ctest ended (its shard.json has no ctest result)
// has no junit.xml either: merge-junit says so.
TEST_F(ShardOutputs, MissingJunitOfAShardKilledInItsRunIsRefused) {
  fs::remove(dirs_[1] + "/junit.xml");
  Expected<kitty::cli::ShardManifest> manifest = kitty::cli::read_manifest(dirs_[1]);
  ASSERT_TRUE(manifest);
  manifest->ctest.reset();
  ASSERT_TRUE(kitty::cli::write_manifest(dirs_[1], *manifest));
  const ProcessResult run = with_shards("merge-junit", dirs_);
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_EQ(run.output, "gtest-kitty: " + dirs_[1] +
                            ": job 2 of 3 (--index 1) has 2 tests in its share but no "
                            "junit.xml: it did not finish, or did not upload it\n");
}

TEST_F(ShardOutputs, TruncatedJunitIsRefused) {
  const std::string junit = dirs_[0] + "/junit.xml";
  fs::resize_file(junit, fs::file_size(junit) / 2);
  expect_refused(dirs_,
                 dirs_[0] + ": job 1 of 3 (--index 0) ran but its ctest report cannot be read");
}

// A whole, well-formed junit.xml short of a test of the shard's share: that
// test is a failed case, never silently absent.
TEST_F(ShardOutputs, ATestOfAShareMissingFromItsJunitIsAFailedCase) {
  const std::string junit = dirs_[1] + "/junit.xml";
  pugi::xml_document document;
  ASSERT_TRUE(document.load_file(junit.c_str()));
  pugi::xml_node suite = document.child("testsuite");
  const std::string dropped = suite.child("testcase").attribute("name").value();
  suite.remove_child(suite.child("testcase"));
  ASSERT_TRUE(document.save_file(junit.c_str()));
  const ProcessResult run = with_shards("merge-junit", dirs_);
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find(dropped +
                            ": in the share of job 2 of 3 (--index 1), but not in its junit.xml"),
            std::string::npos)
      << run.output;
  pugi::xml_document merged;
  ASSERT_TRUE(merged.load_file((scratch_ + "/merged.xml").c_str()));
  EXPECT_EQ(merged.child("testsuites").attribute("failures").as_int(), 1);
}

TEST_F(ShardOutputs, DirectoryWithoutShardJsonIsRefused) {
  fs::remove(dirs_[2] + "/shard.json");
  expect_refused(dirs_, dirs_[2] + " has no shard.json: not the output of gtest-kitty shard");
}

TEST_F(ShardOutputs, TwoDirectoriesOfOneIndexAreRefused) {
  const std::string twin = scratch_ + "/twin";
  fs::copy(dirs_[0], twin, fs::copy_options::recursive);
  expect_refused({dirs_[0], dirs_[1], dirs_[2], twin},
                 "job 1 of 3 (--index 0) is claimed by 2 directories: " + dirs_[0] + ", " + twin);
}

TEST_F(ShardOutputs, AMissingIndexIsRefused) {
  expect_refused({dirs_[0], dirs_[2]}, "job 2 of 3 (--index 1): no directory given has it");
}

// A real `gtest-kitty shard` job of the features project, whose tests write
// GoogleTest reports (XML_OUTPUT_DIR), one process crashing: its kitty
// tests come from GoogleTest's reports the job kept, and the process that
// crashed before writing one from its run record, named after the test it
// died in.
TEST(ShardOutputsOfAJob, GoogleTestReportsAndACrashFromItsRecord) {
  const std::string scratch = scratch_dir_of_test("shard_outputs_");
  ProcessOptions crash;
  crash.environment["KITTY_PROBE_CRASH"] = "1";
  const ProcessResult job =
      run_process({cli_path(), "shard", "--test-dir", work_path("features"), "--index", "0",
                   "--total", "1", "--out", scratch + "/job", "--", "-j2"},
                  crash);
  EXPECT_NE(job.exit_code, 0) << job.output;  // the planted failure and crash
  const ProcessResult run =
      cli("merge-junit", {"-o", scratch + "/merged.xml", "--shards", scratch + "/job"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output.find("(0 from GoogleTest reports"), std::string::npos) << run.output;
  pugi::xml_document merged;
  ASSERT_TRUE(merged.load_file((scratch + "/merged.xml").c_str()));
  // GoogleTest's own case: its failure text and source line.
  const pugi::xpath_node fails =
      merged.select_node("//testcase[@name='Fails' and @classname='SkipAndFail']");
  ASSERT_TRUE(fails) << run.output;
  EXPECT_TRUE(fails.node().child("failure")) << run.output;
  EXPECT_TRUE(fails.node().attribute("line")) << run.output;
  // The crashed process, from its record.
  const pugi::xpath_node crashed =
      merged.select_node("//testcase[@name='WhenAsked' and @classname='Crash']");
  ASSERT_TRUE(crashed) << run.output;
  const std::string message = crashed.node().child("failure").attribute("message").value();
  EXPECT_EQ(message.rfind("the process ", 0), 0u) << message;
  EXPECT_NE(message.find(" in it"), std::string::npos) << message;
  EXPECT_TRUE(merged.select_node(
      "//testsuite/properties/property[@name='gtest-kitty.job' and @value='job 1 of 1 "
      "(--index 0)']"));
}

}  // namespace
}  // namespace kitty_it
