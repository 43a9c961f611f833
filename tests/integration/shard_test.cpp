// Sharding by file through GoogleTest's and Bazel's own variables
// (gtest_kitty/runtime/shard.h), on real processes of the kvstore sample's
// tests (tests/projects/kvstore_per_test: the same sources linked with kitty's
// main and with GoogleTest's). Each shard is a separate run of the binary, as
// a CI job or a Bazel shard runs it. The shards together run every test of
// the serial run once, a file's tests always in one shard; the migration
// file, whose tests depend on the ones before them, passes. GoogleTest's own
// split of the same tests, the planted fault, splits that file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "projects.h"

namespace kitty_it {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kShardVariables = {
    "GTEST_TOTAL_SHARDS", "GTEST_SHARD_INDEX", "GTEST_SHARD_STATUS_FILE",
    "TEST_TOTAL_SHARDS",  "TEST_SHARD_INDEX",  "TEST_SHARD_STATUS_FILE",
    "KITTY_RECORD_DIR",   "KITTY_HOME_BASE",   "KITTY_RUN_ID",
    "KITTY_COSTS"};

std::string kitty_binary() { return work_path("kvstore-per-test/kitty_per_test"); }
std::string plain_binary() { return work_path("kvstore-per-test/discover_per_test"); }

struct BinaryRun {
  ProcessResult process;
  std::vector<std::string> started;  // the tests GoogleTest started, in order
};

BinaryRun run_with(const std::string& binary, const std::map<std::string, std::string>& environment,
                   const std::vector<std::string>& args = {}) {
  ProcessOptions options;
  options.unset_environment = kShardVariables;
  options.environment = environment;
  std::vector<std::string> argv = {binary};
  argv.insert(argv.end(), args.begin(), args.end());
  BinaryRun run;
  run.process = run_process(argv, options);
  std::istringstream lines(run.process.output);
  const std::string marker = "[ RUN      ] ";
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(marker, 0) == 0) run.started.push_back(line.substr(marker.size()));
  }
  return run;
}

BinaryRun run_shard(const std::string& binary, const std::string& protocol, int index, int total) {
  return run_with(binary, {{protocol + "TOTAL_SHARDS", std::to_string(total)},
                           {protocol + "SHARD_INDEX", std::to_string(index)}});
}

// Each test's source file, from the kitty binary's own listing.
std::map<std::string, std::string> file_of_each_test() {
  const ProcessResult listed =
      run_process({kitty_binary(), "--kitty_list=-", "--kitty_granularity=file"});
  std::map<std::string, std::string> files;
  std::istringstream lines(listed.output);
  for (std::string line; std::getline(lines, line);) {
    const nlohmann::json entry = nlohmann::json::parse(line, nullptr, false);
    if (entry.is_object() && entry.contains("test")) {
      files[entry.at("test").get<std::string>()] = entry.at("file").get<std::string>();
    }
  }
  return files;
}

// The files whose tests ran in more than one of `shards`.
std::set<std::string> files_split_across(const std::vector<BinaryRun>& shards) {
  const std::map<std::string, std::string> file_of = file_of_each_test();
  std::map<std::string, std::set<size_t>> shards_of_file;
  for (size_t shard = 0; shard < shards.size(); ++shard) {
    for (const std::string& test : shards[shard].started) {
      shards_of_file[file_of.count(test) ? file_of.at(test) : "?" + test].insert(shard);
    }
  }
  std::set<std::string> split;
  for (const auto& [file, where] : shards_of_file) {
    if (where.size() > 1) split.insert(fs::path(file).filename().string());
  }
  return split;
}

TEST(ShardByFile, TheShardsTogetherRunEveryTestOnceAndEveryFileWhole) {
  const BinaryRun serial = run_with(kitty_binary(), {});
  ASSERT_EQ(serial.process.exit_code, 0) << serial.process.output;
  const std::multiset<std::string> expected(serial.started.begin(), serial.started.end());
  ASSERT_GE(expected.size(), 10u);
  for (const int total : {1, 2, 3, 7}) {
    SCOPED_TRACE("GTEST_TOTAL_SHARDS=" + std::to_string(total));
    std::vector<BinaryRun> shards;
    std::multiset<std::string> ran;
    for (int index = 0; index < total; ++index) {
      shards.push_back(run_shard(kitty_binary(), "GTEST_", index, total));
      EXPECT_EQ(shards.back().process.exit_code, 0) << shards.back().process.output;
      EXPECT_NE(
          shards.back().process.output.find("gtest_kitty: shard " + std::to_string(index + 1) +
                                            " of " + std::to_string(total)),
          std::string::npos)
          << shards.back().process.output;
      ran.insert(shards.back().started.begin(), shards.back().started.end());
    }
    EXPECT_EQ(ran, expected) << "every test of the serial run, each once";
    EXPECT_EQ(files_split_across(shards), std::set<std::string>{});
  }
}

// The planted fault: GoogleTest's own split of the same tests, by test. The
// check above sees the migration file split over the two shards.
TEST(ShardByFile, GoogleTestsOwnSplitByTestIsSeenSplittingAFile) {
  std::vector<BinaryRun> shards;
  for (int index = 0; index < 2; ++index) {
    shards.push_back(run_shard(plain_binary(), "GTEST_", index, 2));
  }
  EXPECT_EQ(files_split_across(shards).count("migration_test.cpp"), 1u)
      << shards[0].process.output << shards[1].process.output;
}

// Bazel's variables, and its status file: touched by every shard, also one
// with no file to run (7 shards, 4 files).
TEST(ShardByFile, BazelsVariablesWorkAndEveryShardTouchesTheStatusFile) {
  const std::string scratch = scratch_dir_of_test("shard_");
  std::multiset<std::string> ran;
  for (int index = 0; index < 7; ++index) {
    const std::string status = scratch + "/status_" + std::to_string(index);
    const BinaryRun run = run_with(kitty_binary(), {{"TEST_TOTAL_SHARDS", "7"},
                                                    {"TEST_SHARD_INDEX", std::to_string(index)},
                                                    {"TEST_SHARD_STATUS_FILE", status}});
    EXPECT_EQ(run.process.exit_code, 0) << run.process.output;
    EXPECT_TRUE(fs::exists(status)) << "shard " << index << " did not touch " << status;
    ran.insert(run.started.begin(), run.started.end());
  }
  const BinaryRun serial = run_with(kitty_binary(), {});
  EXPECT_EQ(ran, std::multiset<std::string>(serial.started.begin(), serial.started.end()));
}

// A unit selected by its ctest test runs whole even when the job exports
// GoogleTest's variables: GoogleTest does not split it by test on top.
TEST(ShardByFile, ASelectedUnitRunsWholeWhateverTheShardVariables) {
  const BinaryRun whole = run_with(kitty_binary(), {}, {"--kitty_file=tests/migration_test.cpp"});
  ASSERT_EQ(whole.process.exit_code, 0) << whole.process.output;
  for (int index = 0; index < 2; ++index) {
    const BinaryRun run = run_with(
        kitty_binary(), {{"GTEST_TOTAL_SHARDS", "2"}, {"GTEST_SHARD_INDEX", std::to_string(index)}},
        {"--kitty_file=tests/migration_test.cpp"});
    EXPECT_EQ(run.process.exit_code, 0) << run.process.output;
    EXPECT_EQ(run.started, whole.started);
  }
}

// KITTY_COSTS: the files are weighed by their recorded cost. The store file
// has few tests but takes long, so it gets a shard of its own, where by
// counts it shares one with the compaction file; the compaction file has no
// row and weighs the median. The shards still run every test once.
TEST(ShardByFile, ACostFileBalancesTheFilesByTheirRecordedCost) {
  const std::string scratch = scratch_dir_of_test("shard_");
  const std::string costs = scratch + "/costs.txt";
  std::ofstream(costs) << "kitty_per_test/tests/store_test.cpp 3 10.0\n"
                          "kitty_per_test/tests/wal_test.cpp 3 1.0\n"
                          "kitty_per_test/tests/migration_test.cpp 3 1.5\n"
                          "other_binary/tests/compaction_test.cpp 3 1.0\n"
                          "other_binary_too/tests/compaction_test.cpp 3 1.0\n";
  const BinaryRun serial = run_with(kitty_binary(), {});
  ASSERT_EQ(serial.process.exit_code, 0) << serial.process.output;
  const std::map<std::string, std::string> file_of = file_of_each_test();
  const auto files_of = [&](const BinaryRun& run) {
    std::set<std::string> files;
    for (const std::string& test : run.started) {
      files.insert(fs::path(file_of.count(test) ? file_of.at(test) : test).filename().string());
    }
    return files;
  };
  std::vector<std::set<std::string>> by_counts;
  for (int index = 0; index < 2; ++index) {
    by_counts.push_back(files_of(run_shard(kitty_binary(), "GTEST_", index, 2)));
  }
  for (const int total : {2, 3}) {
    SCOPED_TRACE("GTEST_TOTAL_SHARDS=" + std::to_string(total));
    std::vector<BinaryRun> shards;
    std::multiset<std::string> ran;
    for (int index = 0; index < total; ++index) {
      shards.push_back(run_with(kitty_binary(), {{"GTEST_TOTAL_SHARDS", std::to_string(total)},
                                                 {"GTEST_SHARD_INDEX", std::to_string(index)},
                                                 {"KITTY_COSTS", costs}}));
      EXPECT_EQ(shards.back().process.exit_code, 0) << shards.back().process.output;
      EXPECT_NE(shards.back().process.output.find(
                    "balanced by cost from " + costs +
                    " (3 of 4 files have a row; the others weigh the median)"),
                std::string::npos)
          << shards.back().process.output;
      ran.insert(shards.back().started.begin(), shards.back().started.end());
    }
    EXPECT_EQ(ran, std::multiset<std::string>(serial.started.begin(), serial.started.end()));
    EXPECT_EQ(files_split_across(shards), std::set<std::string>{});
    EXPECT_EQ(files_of(shards[0]), std::set<std::string>{"store_test.cpp"})
        << shards[0].process.output;
  }
  EXPECT_NE(by_counts[0], std::set<std::string>{"store_test.cpp"}) << "no difference to show";
}

// A cost file that cannot be used stops a shard before anything runs: a plan
// without it would differ from the other jobs'.
TEST(ShardByFile, AnUnusableCostFileStopsTheShard) {
  const std::string scratch = scratch_dir_of_test("shard_");
  std::ofstream(scratch + "/bad.txt") << "kitty_per_test/tests/store_test.cpp 3 10.0\n"
                                         "kitty_per_test/tests/wal_test.cpp three 1.0\n";
  for (const std::string& file : {scratch + "/bad.txt", scratch + "/missing.txt"}) {
    const BinaryRun run =
        run_with(kitty_binary(),
                 {{"GTEST_TOTAL_SHARDS", "2"}, {"GTEST_SHARD_INDEX", "0"}, {"KITTY_COSTS", file}});
    EXPECT_EQ(run.process.exit_code, 66) << run.process.output;
    EXPECT_TRUE(run.started.empty()) << run.process.output;
    const std::string line =
        file == scratch + "/bad.txt"
            ? "gtest_kitty: KITTY_COSTS: " + file + ":2: 'three' is not a run count"
            : "gtest_kitty: KITTY_COSTS: cannot read the cost file " + file;
    EXPECT_EQ(run.process.output.rfind(line, 0), 0u) << run.process.output;
    EXPECT_EQ(run.process.output.find('\n'), run.process.output.size() - 1) << run.process.output;
  }
  // Without a shard the cost file is not read: the run is not refused.
  const BinaryRun unsharded = run_with(kitty_binary(), {{"KITTY_COSTS", scratch + "/bad.txt"}});
  EXPECT_EQ(unsharded.process.exit_code, 0) << unsharded.process.output;
}

TEST(ShardByFile, UnusableVariablesStopTheBinaryBeforeAnyTestRuns) {
  const std::vector<std::pair<std::map<std::string, std::string>, std::string>> cases = {
      {{{"GTEST_TOTAL_SHARDS", "3"}}, "GTEST_TOTAL_SHARDS is set without GTEST_SHARD_INDEX"},
      {{{"TEST_TOTAL_SHARDS", "3"}, {"TEST_SHARD_INDEX", "3"}}, "TEST_SHARD_INDEX=3 is not below"},
      {{{"GTEST_TOTAL_SHARDS", "x"}, {"GTEST_SHARD_INDEX", "0"}}, "not 'x'"},
      {{{"GTEST_TOTAL_SHARDS", "2"},
        {"GTEST_SHARD_INDEX", "0"},
        {"TEST_TOTAL_SHARDS", "2"},
        {"TEST_SHARD_INDEX", "1"}},
       "the GoogleTest and Bazel shard variables disagree"},
  };
  for (const auto& [environment, words] : cases) {
    const BinaryRun run = run_with(kitty_binary(), environment);
    EXPECT_EQ(run.process.exit_code, 66) << run.process.output;
    EXPECT_TRUE(run.started.empty()) << run.process.output;
    EXPECT_NE(run.process.output.find("gtest_kitty: "), std::string::npos) << run.process.output;
    EXPECT_NE(run.process.output.find(words), std::string::npos) << run.process.output;
  }
}

}  // namespace
}  // namespace kitty_it
