// Port-range tests in one ctest -j run, on real loopback sockets
// (tests/projects/ports). Port files never share a block at the same time,
// run in parallel on disjoint blocks, and plain files run alongside them;
// the same files without kitty collide. Without ctest, the lock alone keeps
// them apart, and a killed holder leaves no lock behind.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "projects.h"

namespace kitty_it {
namespace {

struct Hold {
  std::string kind;  // "port" or "plain"
  std::string file;
  int first = 0;
  int last = 0;
  long long start = 0;
  long long end = 0;
  bool bound_all = true;
  bool overlaps(const Hold& other) const { return start < other.end && other.start < end; }
};

std::vector<Hold> read_holds(const std::string& log) {
  std::vector<Hold> holds;
  std::ifstream in(log);
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    Hold hold;
    fields >> hold.kind >> hold.file;
    if (hold.kind == "port") {
      int bound = 0;
      fields >> hold.first >> hold.last >> hold.start >> hold.end >> bound;
      hold.bound_all = bound == hold.last - hold.first + 1;
    } else {
      fields >> hold.start >> hold.end;
    }
    holds.push_back(hold);
  }
  return holds;
}

std::vector<Hold> of_kind(const std::vector<Hold>& holds, const std::string& kind) {
  std::vector<Hold> selected;
  std::copy_if(holds.begin(), holds.end(), std::back_inserter(selected),
               [&](const Hold& hold) { return hold.kind == kind; });
  return selected;
}

// Pairs of port holds on one block whose times overlap.
std::vector<std::string> same_block_overlaps(const std::vector<Hold>& ports) {
  std::vector<std::string> overlaps;
  for (size_t i = 0; i < ports.size(); ++i) {
    for (size_t j = i + 1; j < ports.size(); ++j) {
      if (ports[i].first == ports[j].first && ports[i].overlaps(ports[j])) {
        overlaps.push_back(ports[i].file + "~" + ports[j].file);
      }
    }
  }
  return overlaps;
}

bool any_overlap(const std::vector<Hold>& a, const std::vector<Hold>& b) {
  for (const Hold& x : a) {
    for (const Hold& y : b) {
      if (&x != &y && x.file != y.file && x.overlaps(y)) return true;
    }
  }
  return false;
}

class Ports : public testing::Test {
 protected:
  void SetUp() override {
    scratch_ = scratch_dir_of_test("ports_");
    log_ = scratch_ + "/holds.log";
    options_.environment["KITTY_PROBE_LOG"] = log_;
  }
  ProcessResult ctest(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"ctest", "--test-dir", work_path("ports"), "-j8"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, options_);
  }
  std::string scratch_;
  std::string log_;
  ProcessOptions options_;
};

TEST_F(Ports, OneBlockPortFilesNeverOverlapWhilePlainFilesRunAlongside) {
  const ProcessResult run = ctest({"-R", "^one_block_tests/"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  const std::vector<Hold> holds = read_holds(log_);
  const std::vector<Hold> ports = of_kind(holds, "port");
  ASSERT_EQ(ports.size(), 5u);
  for (const Hold& hold : ports) EXPECT_TRUE(hold.bound_all) << hold.file;
  EXPECT_EQ(same_block_overlaps(ports), std::vector<std::string>{});
  EXPECT_TRUE(any_overlap(of_kind(holds, "plain"), ports)) << "no global serialisation";
}

TEST_F(Ports, PortFilesRunInParallelOnDisjointBlocks) {
  const ProcessResult run = ctest({"-R", "^ports_tests/"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  const std::vector<Hold> ports = of_kind(read_holds(log_), "port");
  ASSERT_EQ(ports.size(), 5u);
  for (const Hold& hold : ports) EXPECT_TRUE(hold.bound_all) << hold.file;
  EXPECT_EQ(same_block_overlaps(ports), std::vector<std::string>{});
  EXPECT_TRUE(any_overlap(ports, ports)) << "port files on disjoint blocks ran one at a time";
}

TEST_F(Ports, WithoutKittyTheSameFilesCollide) {
  const ProcessResult run = ctest({"-R", "^Port[A-E]\\."});
  EXPECT_NE(run.exit_code, 0);
  const std::vector<Hold> ports = of_kind(read_holds(log_), "port");
  ASSERT_EQ(ports.size(), 5u);
  EXPECT_TRUE(std::any_of(ports.begin(), ports.end(), [](const Hold& hold) {
    return !hold.bound_all;
  })) << "the planted fault did not show: no bind failed";
}

// One process per argument, all at once, started by a shell rather than
// ctest; fails when any of them does.
std::string concurrently(const std::string& binary, const std::vector<std::string>& arguments) {
  std::string script = "pids=; ";
  for (const std::string& argument : arguments) {
    script += "'" + binary + "' '" + argument + "' & pids=\"$pids $!\"; ";
  }
  return script + "status=0; for pid in $pids; do wait $pid || status=1; done; exit $status";
}

TEST_F(Ports, LockKeepsProcessesApartWithoutCtest) {
  options_.environment["KITTY_PORT_RANGE"] = "39400-39449";  // one block
  options_.environment["KITTY_PORT_UNIT"] = "1";             // port_e is declared in CMake only
  const ProcessResult run =
      run_process({"sh", "-c",
                   concurrently(work_path("ports/ports_tests"),
                                {"--kitty_file=port_a_test.cpp", "--kitty_file=port_b_test.cpp",
                                 "--kitty_file=port_c_test.cpp", "--kitty_file=port_d_test.cpp",
                                 "--kitty_file=port_e_test.cpp"})},
                  options_);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  const std::vector<Hold> ports = of_kind(read_holds(log_), "port");
  ASSERT_EQ(ports.size(), 5u);
  for (const Hold& hold : ports) EXPECT_TRUE(hold.bound_all) << hold.file;
  EXPECT_EQ(same_block_overlaps(ports), std::vector<std::string>{});
}

TEST_F(Ports, WithoutTheLockConcurrentProcessesCollide) {
  const ProcessResult run = run_process(
      {"sh", "-c",
       concurrently(work_path("ports/plain_port_tests"),
                    {"--gtest_filter=PortA.*", "--gtest_filter=PortB.*", "--gtest_filter=PortC.*",
                     "--gtest_filter=PortD.*", "--gtest_filter=PortE.*"})},
      options_);
  EXPECT_NE(run.exit_code, 0);
  const std::vector<Hold> ports = of_kind(read_holds(log_), "port");
  EXPECT_TRUE(
      std::any_of(ports.begin(), ports.end(), [](const Hold& hold) { return !hold.bound_all; }));
}

TEST_F(Ports, KilledHolderLeavesNoLockBehind) {
  options_.environment["KITTY_PORT_RANGE"] = "39400-39449";
  const std::string binary = work_path("ports/ports_tests");
  const std::string script = "KITTY_PROBE_HOLD_MS=600000 '" + binary +
                             "' --kitty_file=port_a_test.cpp > '" + scratch_ +
                             "/holder.out' 2>&1 & holder=$!; "
                             "for i in $(seq 400); do grep -q 'gtest_kitty: ports' '" +
                             scratch_ +
                             "/holder.out' && break; sleep 0.05; done; "
                             "grep -q 'gtest_kitty: ports' '" +
                             scratch_ +
                             "/holder.out' || exit 3; "
                             "kill -9 $holder; wait $holder; "
                             "timeout 60 '" +
                             binary + "' --kitty_file=port_b_test.cpp";
  const ProcessResult run = run_process({"sh", "-c", script}, options_);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  const std::vector<Hold> ports = of_kind(read_holds(log_), "port");
  ASSERT_EQ(ports.size(), 1u);  // the killed holder never logged
  EXPECT_EQ(ports[0].file, "port_b");
  EXPECT_TRUE(ports[0].bound_all);
}

// A unit whose ports cannot be leased ends before its tests with its own exit
// code, directly and through the launcher (which passes it on unchanged).
TEST_F(Ports, PortLeaseFailureExitsPortsUnavailable) {
  const std::string not_a_dir = scratch_ + "/not_a_dir";
  std::ofstream(not_a_dir) << "a file where the lock directory should be";
  options_.environment["KITTY_PORT_LOCK_DIR"] = not_a_dir;
  const std::string binary = work_path("ports/ports_tests");
  const std::string expected =
      "gtest_kitty: cannot lease ports: " + not_a_dir + " is not a directory of this user";

  const ProcessResult direct = run_process({binary, "--kitty_file=port_a_test.cpp"}, options_);
  EXPECT_EQ(direct.exit_code, 75) << direct.output;
  EXPECT_NE(direct.output.find(expected), std::string::npos) << direct.output;
  EXPECT_EQ(direct.output.find("[ RUN      ]"), std::string::npos) << direct.output;

  const ProcessResult launched =
      run_process({work_path("install/bin/gtest-kitty-launch"), "--base", scratch_ + "/homes",
                   "--name", "lease", "--", binary, "--kitty_file=port_a_test.cpp"},
                  options_);
  EXPECT_EQ(launched.exit_code, 75) << launched.output;
  EXPECT_NE(launched.output.find(expected), std::string::npos) << launched.output;
}

// A bad KITTY_PORT_RANGE is a bad setting, not a lease that failed.
TEST_F(Ports, BadPortRangeIsAUsageError) {
  options_.environment["KITTY_PORT_RANGE"] = "39400";
  const ProcessResult run =
      run_process({work_path("ports/ports_tests"), "--kitty_file=port_a_test.cpp"}, options_);
  EXPECT_EQ(run.exit_code, 64) << run.output;
  EXPECT_NE(run.output.find("gtest_kitty: cannot lease ports: port range '39400' is not "
                            "FIRST-LAST, e.g. 9400-9449"),
            std::string::npos)
      << run.output;
}

TEST_F(Ports, QuarantinedFilesAreSkippedUnlessAsked) {
  CtestRun skipped = run_ctest(work_path("ports"), {"-R", "quarantined"});
  EXPECT_EQ(skipped.outcomes, (std::map<std::string, std::string>{
                                  {"gates_tests/quarantined_test.cpp", "Skipped"},
                                  {"gates_tests/cmake_quarantined_test.cpp", "Skipped"}}));
  const auto labels = registered_labels(work_path("ports"));
  EXPECT_EQ(labels.at("gates_tests/quarantined_test.cpp"), std::vector<std::string>{"quarantined"});
  EXPECT_EQ(labels.at("gates_tests/cmake_quarantined_test.cpp"),
            std::vector<std::string>{"quarantined"});

  options_.environment["KITTY_RUN_QUARANTINE"] = "1";
  const ProcessResult ran = ctest({"-R", "quarantined", "--output-on-failure"});
  EXPECT_NE(ran.exit_code, 0);
  EXPECT_NE(ran.output.find("a quarantined test ran"), std::string::npos) << ran.output;
}

TEST_F(Ports, VolumeGateAndPortBlockMisuse) {
  EXPECT_EQ(ctest({"-R", "volume|no_ports"}).exit_code, 0);
  options_.environment["KITTY_VOLUME_FULL"] = "1";
  EXPECT_EQ(ctest({"-R", "volume"}).exit_code, 0);  // asserts the full scale
  options_.environment["KITTY_VOLUME_FULL"] = "yes";
  const ProcessResult bad = ctest({"-R", "volume", "--output-on-failure"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.output.find("gtest_kitty: KITTY_VOLUME_FULL must be 0 or 1, not 'yes'"),
            std::string::npos)
      << bad.output;
}

}  // namespace
}  // namespace kitty_it
