// The cross-job proof (cli/model/shard_proof.h) and the plan of the shares
// (cli/model/shard_shares.h) on outputs built in memory: a clean run of
// three jobs holds, and each fault planted in it is named.
#include "cli/model/shard_proof.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/model/shard_shares.h"

namespace kitty::cli {
namespace {

using testing::HasSubstr;

// Units a, b, c of one binary (tests a1 a2, b1, c1 c2), and a test "other"
// that is not kitty's; three jobs, as the plan below places them.
std::vector<ShardOutput> clean_run() {
  ShardManifest manifest;
  manifest.total = 3;
  manifest.plan = "p1";
  manifest.registered = {"a", "b", "c", "other"};
  manifest.binaries = {{{"bin"}, {"a1", "a2", "b1", "c1", "c2"}}};
  manifest.units = {
      {"a", 0, "a.cpp", false, {}}, {"b", 0, "b.cpp", false, {}}, {"c", 0, "c.cpp", false, {}}};
  manifest.ctest = CtestRun{0, 1.0};
  const std::vector<std::vector<std::string>> shares = {{"a"}, {"b", "other"}, {"c"}};
  const std::map<std::string, std::vector<std::string>> tests = {
      {"a", {"a1", "a2"}}, {"b", {"b1"}}, {"c", {"c1", "c2"}}};
  std::vector<ShardOutput> outputs;
  for (int index = 0; index < 3; ++index) {
    ShardOutput output;
    output.dir = "job" + std::to_string(index);
    output.manifest = manifest;
    output.manifest.index = index;
    output.manifest.share = shares[static_cast<size_t>(index)];
    for (const std::string& name : output.manifest.share) {
      output.ctest_cases.push_back({name, CtestStatus::kPassed, 0.1, ""});
      if (!tests.count(name)) continue;
      ProcessRecord record;
      record.name = name;
      for (const std::string& test : tests.at(name)) {
        record.tests.push_back({test, TestResult::kPassed, 0, 0, "", 0});
      }
      output.records.push_back(record);
    }
    outputs.push_back(output);
  }
  return outputs;
}

std::string faults_of(const ShardProof& proof) {
  std::string text;
  for (const std::string& fault : proof.faults) text += fault + "\n";
  for (const auto& [binary, report] : proof.binaries) {
    for (const std::string& test : report.missing) text += "missing " + test + "\n";
    for (const std::string& test : report.duplicated) text += "duplicated " + test + "\n";
  }
  return text;
}

TEST(ShardProof, ACleanRunHolds) {
  const ShardProof proof = prove_shards(clean_run());
  EXPECT_TRUE(proof.holds()) << faults_of(proof);
}

TEST(ShardProof, AJobLeftOutIsNamedWithItsTests) {
  std::vector<ShardOutput> outputs = clean_run();
  outputs.erase(outputs.begin() + 2);
  const ShardProof proof = prove_shards(outputs);
  EXPECT_FALSE(proof.holds());
  EXPECT_THAT(faults_of(proof), HasSubstr("job 3 of 3 (--index 2) left no output"));
  EXPECT_THAT(faults_of(proof), HasSubstr("missing c1\nmissing c2"));
}

TEST(ShardProof, AJobTwiceOrPlannedOtherwiseOrUnfinishedIsNamed) {
  std::vector<ShardOutput> twice = clean_run();
  twice.push_back(twice[1]);
  EXPECT_THAT(faults_of(prove_shards(twice)),
              HasSubstr("job 2 of 3 (--index 1) is in two outputs"));

  std::vector<ShardOutput> replanned = clean_run();
  replanned[1].manifest.plan = "p2";
  replanned[1].manifest.costs_file = "other.txt";
  replanned[1].manifest.costs_digest = "d2";
  EXPECT_THAT(faults_of(prove_shards(replanned)),
              HasSubstr("job1 planned differently: plan p2, cost file other.txt (d2)"));

  std::vector<ShardOutput> killed = clean_run();
  killed[0].manifest.ctest.reset();
  EXPECT_THAT(faults_of(prove_shards(killed)), HasSubstr("job 1 of 3 (--index 0) did not finish"));

  std::vector<ShardOutput> wider = clean_run();
  wider[2].manifest.total = 4;
  EXPECT_THAT(faults_of(prove_shards(wider)), HasSubstr("job2 is one of 4 jobs"));
}

TEST(ShardProof, ATestOfTheShareCtestDidNotRunIsNamed) {
  std::vector<ShardOutput> outputs = clean_run();
  outputs[1].ctest_cases.pop_back();  // "other", which has no records to tell
  const ShardProof proof = prove_shards(outputs);
  EXPECT_THAT(faults_of(proof),
              HasSubstr("job 2 of 3 (--index 1) did not run 1 of its share: other"));
}

// A test that is not kitty's leaves no record: ctest's report tells that
// it ran in a job whose share does not hold it.
TEST(ShardProof, ATestCtestRanOutsideTheShareIsNamed) {
  std::vector<ShardOutput> outputs = clean_run();
  outputs[0].ctest_cases.push_back({"other", CtestStatus::kPassed, 0.1, ""});
  EXPECT_THAT(faults_of(prove_shards(outputs)),
              HasSubstr("job 1 of 3 (--index 0) ran other, which is not in its share"));
}

TEST(ShardProof, AUnitRunTwiceOrSplitIsTellingWhich) {
  std::vector<ShardOutput> twice = clean_run();
  twice[0].records.push_back(twice[2].records[0]);  // c again, in job 1
  const std::string doubled = faults_of(prove_shards(twice));
  EXPECT_THAT(doubled, HasSubstr("job 1 of 3 (--index 0) ran c, which is not in its share"));
  EXPECT_THAT(doubled, HasSubstr("c ran in jobs 1, 3"));
  EXPECT_THAT(doubled, HasSubstr("duplicated c1"));

  std::vector<ShardOutput> split = clean_run();
  ProcessRecord half = split[2].records[0];
  half.tests.erase(half.tests.begin());  // c2 in job 1
  split[2].records[0].tests.pop_back();  // c1 in job 3
  split[0].records.push_back(half);
  const std::string cut = faults_of(prove_shards(split));
  EXPECT_THAT(cut, HasSubstr("c was split between jobs 1, 3"));
  EXPECT_THAT(cut, testing::Not(HasSubstr("duplicated")));
}

TEST(ShardProof, AQuarantinedUnitsTestsAreNotExpected) {
  std::vector<ShardOutput> outputs = clean_run();
  for (ShardOutput& output : outputs) {
    output.manifest.units[2].quarantined = true;
    output.manifest.units[2].tests = {"c1", "c2"};
  }
  outputs[2].records.clear();
  EXPECT_TRUE(prove_shards(outputs).holds()) << faults_of(prove_shards(outputs));
}

TEST(ShardProof, AProcessOfNoRegisteredUnitIsExtra) {
  std::vector<ShardOutput> outputs = clean_run();
  ProcessRecord stray;
  stray.name = "--kitty_file=d.cpp";
  stray.tests.push_back({"d1", TestResult::kPassed, 0, 0, "", 0});
  outputs[0].records.push_back(stray);
  EXPECT_THAT(faults_of(prove_shards(outputs)),
              HasSubstr("--kitty_file=d.cpp is no registered kitty unit, yet ran d1"));
}

Registry registry_of(const std::vector<std::string>& names) {
  Registry registry;
  for (const std::string& name : names) {
    RegisteredTest test;
    test.name = name;
    registry.tests.push_back(test);
  }
  return registry;
}

TEST(PlanShares, DependsOnNamesAndCostsOnlyAndChangesWithThem) {
  internal::CostData costs;
  costs.seconds = {{"a", 5}, {"b", 3}, {"c", 3}, {"d", 1}};
  const Shares plan = plan_shares(registry_of({"a", "b", "c", "d", "e"}), &costs, {}, 2);
  EXPECT_EQ(plan.shard_of, (std::vector<int>{0, 1, 1, 1, 0}));  // e: the median, 3
  EXPECT_EQ(plan.unknown, 1u);
  EXPECT_EQ(plan_shares(registry_of({"a", "b", "c", "d", "e"}), &costs, {}, 2).fingerprint,
            plan.fingerprint);
  internal::CostData other = costs;
  other.seconds["d"] = 2;
  EXPECT_NE(plan_shares(registry_of({"a", "b", "c", "d", "e"}), &other, {}, 2).fingerprint,
            plan.fingerprint);
  EXPECT_NE(plan_shares(registry_of({"a", "b", "c", "d", "e"}), &costs, {}, 3).fingerprint,
            plan.fingerprint);
  const Shares by_count =
      plan_shares(registry_of({"a", "b", "c"}), nullptr, {{"a", 1}, {"b", 1}, {"c", 4}}, 2);
  EXPECT_EQ(by_count.shard_of, (std::vector<int>{1, 1, 0}));
  EXPECT_EQ(by_count.weighed_by, "number of tests");
}

}  // namespace
}  // namespace kitty::cli
