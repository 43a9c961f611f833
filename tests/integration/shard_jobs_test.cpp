// gtest-kitty shard, costs and equivalence --shards on the real kvstore
// project: N CI jobs' shares are disjoint, cover every registered test and
// are the same on every call; the jobs run through ctest leave outputs the
// proof accepts; and each way a sharded run goes wrong is caught by the
// proof, naming the job and the tests: a job not run, a unit run in two
// jobs, a unit's tests split between jobs, a job planned from another cost
// file, a job killed before its end, a manifest cut short.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "projects.h"

namespace kitty_it {
namespace {

using testing::HasSubstr;

ProcessResult kitty(const std::vector<std::string>& args, const ProcessOptions& options = {}) {
  std::vector<std::string> argv = {cli_path()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, options);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class ShardJobs : public testing::Test {
 protected:
  void SetUp() override {
    tree_ = work_path("kvstore");
    scratch_ = scratch_dir_of_test("shard_jobs_");
  }
  // Job `index` of `total`'s share, as --list prints it (stdout only).
  std::vector<std::string> share(int index, int total, const std::vector<std::string>& more = {},
                                 const ProcessOptions& options = {}) {
    ProcessOptions quiet = options;
    quiet.merge_stderr = false;
    std::vector<std::string> args = {"shard", "--test-dir", tree_, "--list"};
    if (index >= 0) {
      args.insert(args.end(), {"--index", std::to_string(index), "--total", std::to_string(total)});
    }
    args.insert(args.end(), more.begin(), more.end());
    const ProcessResult listed = kitty(args, quiet);
    EXPECT_EQ(listed.exit_code, 0) << listed.output;
    return lines_of(listed.output);
  }
  ProcessResult run_job(int index, int total, const std::vector<std::string>& more = {}) {
    std::vector<std::string> args = {
        "shard",   "--test-dir",          tree_,   "--index", std::to_string(index),
        "--total", std::to_string(total), "--out", out(index)};
    args.insert(args.end(), more.begin(), more.end());
    return kitty(args);
  }
  std::string out(int index) const { return scratch_ + "/job " + std::to_string(index); }
  ProcessResult prove(const std::vector<int>& jobs) {
    std::vector<std::string> args = {"equivalence", "--shards"};
    for (const int job : jobs) args.push_back(out(job));
    return kitty(args);
  }
  std::string tree_, scratch_;
};

TEST_F(ShardJobs, SharesAreDisjointCoverEveryTestAndNeverChange) {
  const std::vector<std::string> registered = registered_tests(tree_);
  ASSERT_EQ(registered.size(), 4u);
  for (const int total : {1, 2, 3, 7}) {  // 7: more jobs than units, some get none
    std::multiset<std::string> together;
    for (int index = 0; index < total; ++index) {
      const std::vector<std::string> mine = share(index, total);
      EXPECT_EQ(share(index, total), mine) << "the same job planned twice differs";
      together.insert(mine.begin(), mine.end());
    }
    EXPECT_EQ(together, std::multiset<std::string>(registered.begin(), registered.end()))
        << total << " jobs";
  }
}

// GitLab's parallel: counts jobs from 1; the shard from 0.
TEST_F(ShardJobs, GitLabsVariablesNameTheJobWhenNoIndexIsGiven) {
  ProcessOptions gitlab;
  gitlab.environment = {{"CI_NODE_INDEX", "2"}, {"CI_NODE_TOTAL", "3"}};
  EXPECT_EQ(share(-1, 0, {}, gitlab), share(1, 3));
  gitlab.environment = {{"CI_NODE_INDEX", "0"}, {"CI_NODE_TOTAL", "3"}};
  const ProcessResult zero = kitty({"shard", "--test-dir", tree_, "--list"}, gitlab);
  EXPECT_EQ(zero.exit_code, 2);
  EXPECT_THAT(zero.output, HasSubstr("GitLab counts jobs from 1"));
}

TEST_F(ShardJobs, ACostFileBalancesTheShares) {
  // By count (4, 4, 3 and 3 tests) the jobs get two files each, the two
  // largest apart; by this cost file store_test.cpp alone outweighs the rest.
  const std::string costs = scratch_ + "/costs.txt";
  std::ofstream(costs) << "kvstore_tests/tests/store_test.cpp 1 9.0\n"
                          "kvstore_tests/tests/wal_test.cpp 1 1.0\n"
                          "kvstore_tests/tests/compaction_test.cpp 1 2.0\n"
                          "kvstore_tests/tests/migration_test.cpp 1 1.5\n";
  std::vector<std::string> by_cost = share(0, 2, {"--costs", costs});
  std::vector<std::string> other = share(1, 2, {"--costs", costs});
  if (by_cost.size() != 1) std::swap(by_cost, other);
  EXPECT_EQ(by_cost, std::vector<std::string>{"kvstore_tests/tests/store_test.cpp"});
  EXPECT_EQ(other.size(), 3u);
  const std::vector<std::string> by_count = share(0, 2);
  EXPECT_EQ(by_count.size(), 2u);
  const auto has = [&](const std::string& name) {
    return std::find(by_count.begin(), by_count.end(), "kvstore_tests/tests/" + name) !=
           by_count.end();
  };
  EXPECT_NE(has("store_test.cpp"), has("compaction_test.cpp"));
}

TEST_F(ShardJobs, JobsTogetherRunTheSuiteOnceAndTheirCostsAreWritten) {
  for (int index = 0; index < 3; ++index) {
    const ProcessResult job = run_job(index, 3, {"--", "-j2"});
    EXPECT_EQ(job.exit_code, 0) << job.output;
  }
  const ProcessResult proof = prove({0, 1, 2});
  EXPECT_EQ(proof.exit_code, 0) << proof.output;
  EXPECT_THAT(proof.output, HasSubstr("the jobs together ran every test exactly once"));

  const std::string costs = scratch_ + "/costs.txt";
  const ProcessResult written =
      kitty({"costs", "--test-dir", tree_, "--from", out(0), out(1), out(2), "-o", costs});
  EXPECT_EQ(written.exit_code, 0) << written.output;
  std::ifstream in(costs);
  std::vector<std::string> names;
  for (std::string line; std::getline(in, line);) names.push_back(line.substr(0, line.find(' ')));
  EXPECT_EQ(names,
            (std::vector<std::string>{
                "kvstore_tests/tests/compaction_test.cpp", "kvstore_tests/tests/migration_test.cpp",
                "kvstore_tests/tests/store_test.cpp", "kvstore_tests/tests/wal_test.cpp"}));
  // Planned from that file, the shares still cover everything.
  std::multiset<std::string> together;
  for (int index = 0; index < 2; ++index) {
    for (const std::string& name : share(index, 2, {"--costs", costs})) together.insert(name);
  }
  EXPECT_EQ(together.size(), 4u);
}

TEST_F(ShardJobs, EveryFaultOfAShardedRunIsCaught) {
  for (int index = 0; index < 2; ++index) ASSERT_EQ(run_job(index, 2).exit_code, 0);
  ASSERT_EQ(prove({0, 1}).exit_code, 0) << prove({0, 1}).output;

  // A job not run.
  ProcessResult proof = prove({0});
  EXPECT_EQ(proof.exit_code, 1);
  EXPECT_THAT(proof.output, HasSubstr("job 2 of 2 (--index 1) left no output"));
  EXPECT_THAT(proof.output, HasSubstr("missing: "));

  // The same job's output twice.
  proof = kitty({"equivalence", "--shards", out(0), out(0), out(1)});
  EXPECT_EQ(proof.exit_code, 1);
  EXPECT_THAT(proof.output, HasSubstr("is in two outputs"));

  // A unit of job 2 run again into job 1's records.
  const std::string moved = share(1, 2).front();
  ProcessOptions record_in_0;
  record_in_0.environment = {{"KITTY_RECORD_DIR", out(0) + "/records"}};
  run_process({"ctest", "--test-dir", tree_, "-R", moved}, record_in_0);
  proof = prove({0, 1});
  EXPECT_EQ(proof.exit_code, 1);
  EXPECT_THAT(proof.output, HasSubstr(moved + " ran in jobs 1, 2"));
  EXPECT_THAT(proof.output, HasSubstr("duplicated: "));
  ASSERT_EQ(run_job(0, 2).exit_code, 0);  // a clean job 1 again

  // Job 2 planned from a different cost file: another plan.
  const std::string costs = scratch_ + "/other-costs.txt";
  std::ofstream(costs) << "kvstore_tests/tests/wal_test.cpp 1 5.0\n";
  ASSERT_EQ(run_job(1, 2, {"--costs", costs}).exit_code, 0);
  proof = prove({0, 1});
  EXPECT_EQ(proof.exit_code, 1);
  EXPECT_THAT(proof.output, HasSubstr("planned differently"));
  EXPECT_THAT(proof.output, HasSubstr("other-costs.txt"));
  ASSERT_EQ(run_job(1, 2).exit_code, 0);
  ASSERT_EQ(prove({0, 1}).exit_code, 0);

  // A job killed before ctest's end leaves a manifest without its result.
  std::string manifest;
  {
    std::ifstream in(out(1) + "/shard.json");
    manifest.assign(std::istreambuf_iterator<char>(in), {});
  }
  const size_t ctest = manifest.find("\"ctest\"");
  ASSERT_NE(ctest, std::string::npos);
  std::string killed = manifest;
  killed.replace(ctest, killed.find('}', ctest) + 1 - ctest, "\"ctest\": null");
  std::ofstream(out(1) + "/shard.json") << killed;
  proof = prove({0, 1});
  EXPECT_EQ(proof.exit_code, 1);
  EXPECT_THAT(proof.output, HasSubstr("did not finish"));

  // A manifest cut short: one line, exit 1.
  std::ofstream(out(1) + "/shard.json") << manifest.substr(0, manifest.size() / 2);
  proof = prove({0, 1});
  EXPECT_EQ(proof.exit_code, 1);
  EXPECT_THAT(proof.output, HasSubstr("shard.json is not JSON (truncated?)"));
  EXPECT_EQ(lines_of(proof.output).size(), 1u) << proof.output;
}

// GoogleTest's own split (test k to job k % N) cuts a file in two: planted
// here as two processes of migration_test.cpp's unit, each with one job's
// half of its tests, into the two jobs' records.
TEST_F(ShardJobs, AFileSplitBetweenJobsIsCaught) {
  for (int index = 0; index < 2; ++index) ASSERT_EQ(run_job(index, 2).exit_code, 0);
  const std::string unit = "kvstore_tests/tests/migration_test.cpp";
  int job_of_unit = -1;
  for (int index = 0; index < 2; ++index) {
    const std::vector<std::string> mine = share(index, 2);
    if (std::find(mine.begin(), mine.end(), unit) != mine.end()) job_of_unit = index;
  }
  ASSERT_GE(job_of_unit, 0);
  std::filesystem::remove_all(out(job_of_unit) + "/records");
  const char* halves[2] = {"Migrations.V1CreatesMetadata:Migrations.DataSurvivesMigrations",
                           "Migrations.V2AddsIndexOnTopOfV1"};
  for (int index = 0; index < 2; ++index) {
    ProcessOptions options;
    options.environment = {{"KITTY_RECORD_DIR", out(index) + "/records"},
                           {"KITTY_CTEST_NAME", unit}};
    options.unset_environment = {"TEST_PREMATURE_EXIT_FILE"};  // this test's own
    // GoogleTest's modulo: tests 0 and 2 to job 1, test 1 to job 2. The
    // first half fails (DataSurvivesMigrations needs V2 before it), as the
    // real split would; the proof must see the split whatever the verdicts.
    run_process({tree_ + "/kvstore_tests", "--kitty_file=tests/migration_test.cpp",
                 std::string("--gtest_filter=") + halves[index]},
                options);
  }
  // The other units of the owner's job ran again (its records were cleared).
  for (const std::string& name : share(job_of_unit, 2)) {
    if (name == unit) continue;
    ProcessOptions options;
    options.environment = {{"KITTY_RECORD_DIR", out(job_of_unit) + "/records"}};
    run_process({"ctest", "--test-dir", tree_, "-R", name}, options);
  }
  const ProcessResult proof = prove({0, 1});
  EXPECT_EQ(proof.exit_code, 1);
  EXPECT_THAT(proof.output, HasSubstr(unit + " was split between jobs 1, 2"));
}

// A project with XML_OUTPUT_DIR: each report a test of the share wrote
// in this run is copied into the output (the artifact CI uploads), and the
// manifest names it; no test outside the share brings one.
TEST_F(ShardJobs, TheReportsOfTheShareTravelWithTheOutput) {
  tree_ = work_path("features");
  const std::vector<std::string> mine = share(0, 2);
  run_job(0, 2, {"--", "-j2"});  // its planted failures fail the job, not the copy
  std::ifstream in(out(0) + "/shard.json");
  const std::string manifest(std::istreambuf_iterator<char>(in), {});
  size_t copied = 0;
  for (const auto& entry : std::filesystem::directory_iterator(out(0) + "/reports")) {
    ++copied;
    const std::string name = entry.path().filename().string();
    EXPECT_THAT(manifest, HasSubstr("\"reports/" + name + "\"")) << name;
  }
  EXPECT_GE(copied, 3u);
  for (const std::string& other : share(1, 2)) {
    EXPECT_THAT(manifest, testing::Not(HasSubstr("\"" + other + "\": \"reports/")));
  }
  EXPECT_LE(copied, mine.size());
}

TEST_F(ShardJobs, BadInputIsOneLineAndRunsNothing) {
  const std::string bad_costs = scratch_ + "/bad-costs.txt";
  std::ofstream(bad_costs) << "kvstore_tests/tests/wal_test.cpp 1 1.0\nnot a cost line\n";
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--index", "0"}, "--index needs --total"},
      {{"--total", "2"}, "--total needs --index"},
      {{"--index", "2", "--total", "2"}, "--index 2 must be from 0 to 1"},
      {{"--index", "-1", "--total", "2"}, "--index -1 must be from 0 to 1"},
      {{"--index", "0", "--total", "0"}, "--total 0 must be from 1"},
      {{}, "which job is this?"},
      {{"--index", "0", "--total", "2", "--costs", bad_costs}, "bad-costs.txt:2: "},
      {{"--index", "0", "--total", "2", "--", "-I", "1,2"}, "the shard sets -I itself"},
      {{"--index", "0", "--total", "2", "--", "--output-junit", "x.xml"},
       "the shard sets --output-junit itself"},
      {{"--index", "0", "--total", "2", "--", "-L", "fast"}, "-L after -- would change"},
      {{"--index", "0", "--total", "2", "--", "-LE", "slow"}, "-LE after -- would change"},
      {{"--index", "0", "--total", "2", "--", "-Rstore"}, "-R after -- would change"},
      {{"--index", "0", "--total", "2", "--", "--repeat", "until-pass:2"},
       "--repeat after -- would change"},
      {{"--index", "0", "--total", "2", "--", "--rerun-failed"},
       "--rerun-failed after -- would change"},
  };
  for (const auto& [args, message] : cases) {
    std::vector<std::string> argv = {"shard", "--test-dir", tree_, "--out", out(9)};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessOptions no_gitlab;
    no_gitlab.unset_environment = {"CI_NODE_INDEX", "CI_NODE_TOTAL"};
    const ProcessResult run = kitty(argv, no_gitlab);
    EXPECT_EQ(run.exit_code, 2) << message;
    EXPECT_THAT(run.output, HasSubstr(message));
    EXPECT_EQ(lines_of(run.output).size(), 1u) << run.output;
  }
  EXPECT_FALSE(std::filesystem::exists(out(9))) << "a refused job wrote its output";
  const ProcessResult no_manifest = kitty({"equivalence", "--shards", scratch_});
  EXPECT_EQ(no_manifest.exit_code, 1);
  EXPECT_THAT(no_manifest.output, HasSubstr("has no shard.json"));
}

}  // namespace
}  // namespace kitty_it
