// Processes that do not end plainly, on real ctest runs of
// tests/projects/lifecycle: a test that ends its process in the middle of
// its file, one that leaves processes running, one that hangs with a child
// while ctest times it out or goes away, and a failure's rerun command run
// as printed. Each fault is planted by KITTY_PROBE.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "projects.h"

namespace kitty_it {
namespace {

namespace fs = std::filesystem;

class Lifecycle : public ::testing::Test {
 protected:
  void SetUp() override {
    build_ = work_path("lifecycle");
    scratch_ = scratch_dir_of_test("");
    records_ = scratch_ + "/records";
    fs::create_directories(records_);
  }

  // ctest on the project, with the fault `probe` planted.
  ProcessResult ctest(const std::string& probe, const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"ctest", "--test-dir", build_, "--output-on-failure"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, options(probe));
  }

  ProcessOptions options(const std::string& probe) const {
    ProcessOptions options;
    options.environment = {
        {"KITTY_PROBE", probe}, {"KITTY_PROBE_DIR", scratch_}, {"KITTY_RECORD_DIR", records_}};
    return options;
  }

  // The pid a probe wrote, waiting (bounded) for the file to appear.
  // ctest running the hanging test in the background, as a CI runner starts
  // it (its output in <scratch>/ctest.log): the pid to signal and reap.
  pid_t start_hanging_ctest(const ProcessOptions& with) const {
    const std::string log = scratch_ + "/ctest.log";
    const pid_t ctest_pid = fork();
    if (ctest_pid != 0) return ctest_pid;
    for (const auto& [name, value] : with.environment) setenv(name.c_str(), value.c_str(), 1);
    freopen(log.c_str(), "w", stdout);
    dup2(fileno(stdout), 2);
    execlp("ctest", "ctest", "--test-dir", build_.c_str(), "-R", "hang", "--timeout", "120",
           static_cast<char*>(nullptr));
    _exit(127);
  }

  pid_t pid_of(const std::string& name, std::chrono::seconds wait = std::chrono::seconds(0)) const {
    const auto deadline = std::chrono::steady_clock::now() + wait;
    do {
      std::ifstream file(scratch_ + "/" + name + ".pid");
      pid_t pid = 0;
      if (file >> pid) return pid;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    } while (std::chrono::steady_clock::now() < deadline);
    return 0;
  }

  // The "ended" lines the launcher appended to this run's records.
  std::vector<std::string> ended_lines() const {
    std::vector<std::string> lines;
    for (const auto& entry : fs::directory_iterator(records_)) {
      std::ifstream file(entry.path());
      for (std::string line; std::getline(file, line);) {
        if (line.rfind("{\"e\":\"ended\"", 0) == 0) lines.push_back(line);
      }
    }
    return lines;
  }

  std::string build_;
  std::string scratch_;
  std::string records_;
};

// Whether process `pid` is gone, waiting for it at most `wait`: what the
// supervisor ends it may still be reaping for a moment.
bool gone(pid_t pid, std::chrono::seconds wait) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  for (;;) {
    if (kill(pid, 0) != 0 && errno == ESRCH) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

// The parent of `pid`, from /proc; 0 when it cannot be read.
pid_t parent_of(pid_t pid) {
  std::ifstream stat_file("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat_file, line) || line.rfind(')') == std::string::npos) return 0;
  std::istringstream fields(line.substr(line.rfind(')') + 2));
  std::string state;
  pid_t parent = 0;
  fields >> state >> parent;
  return parent;
}

TEST_F(Lifecycle, APlainRunPasses) {
  const ProcessResult run = ctest("", {"-j2"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(ended_lines().size(), 4u);
}

TEST_F(Lifecycle, ExitDuringATestFailsTheFileNamingTheTest) {
  const ProcessResult run = ctest("exit", {"-R", "early_exit"});
  EXPECT_NE(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("exit() was called during EarlyExit.EndsTheProcess, before "
                            "GoogleTest's end of the run: the tests after it did not run"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("kept the isolated home of this failed process"), std::string::npos)
      << run.output;
  const std::vector<std::string> ended = ended_lines();
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_NE(ended[0].find("\"code\":79,\"premature\":true"), std::string::npos) << ended[0];
  EXPECT_NE(ended[0].find("\"test\":\"EarlyExit.EndsTheProcess\""), std::string::npos) << ended[0];
}

// _exit() skips every exit handler: only the launcher can see it, by the
// premature-exit file GoogleTest leaves behind.
TEST_F(Lifecycle, UnderscoreExitIsSeenByTheLauncher) {
  const ProcessResult run = ctest("_exit", {"-R", "early_exit"});
  EXPECT_NE(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("the test process exited with code 0 during "
                            "EarlyExit.EndsTheProcess, before GoogleTest's end of the run"),
            std::string::npos)
      << run.output;
  const std::vector<std::string> ended = ended_lines();
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_NE(ended[0].find("\"by\":\"exit\",\"code\":0,\"premature\":true"), std::string::npos)
      << ended[0];
}

TEST_F(Lifecycle, WhatAPassingTestLeavesRunningIsEndedAndSaid) {
  // Without the supervisor ctest would wait for the leftovers, which hold
  // its output pipe, for two minutes: the timeout makes that a failure.
  const ProcessResult run = ctest("leftover", {"-R", "leftover", "-V", "--timeout", "60"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("gtest_kitty: ended 2 processes the test left running: "),
            std::string::npos)
      << run.output;
  const pid_t child = pid_of("child");
  const pid_t daemon = pid_of("daemon");
  ASSERT_GT(child, 0);
  ASSERT_GT(daemon, 0);
  EXPECT_TRUE(gone(child, std::chrono::seconds(5))) << "the test's child is still running";
  EXPECT_TRUE(gone(daemon, std::chrono::seconds(5))) << "the double-forked daemon is still running";
  const std::vector<std::string> ended = ended_lines();
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_NE(ended[0].find("\"left\":2"), std::string::npos) << ended[0];
}

// ctest's TIMEOUT kills the launcher's whole process tree (it walks /proc
// for children); with the supervisor in it, the test and the child it
// started must still not outlive it. (No "ended" line: ctest kills the
// supervisor too; the tools take the timeout from ctest.)
TEST_F(Lifecycle, ATimeoutEndsTheTestAndWhatItStarted) {
  const ProcessResult run = ctest("hang", {"-R", "hang", "--timeout", "3"});
  EXPECT_NE(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("Timeout"), std::string::npos) << run.output;
  const pid_t test = pid_of("hang");
  const pid_t child = pid_of("hang_child");
  ASSERT_GT(test, 0);
  ASSERT_GT(child, 0);
  EXPECT_TRUE(gone(test, std::chrono::seconds(10))) << "the timed-out test is still running";
  EXPECT_TRUE(gone(child, std::chrono::seconds(10))) << "its child is still running";
}

// What a CI runner does on cancel: SIGTERM to ctest alone. The launcher,
// its supervisor, the test and the test's child all end with it.
TEST_F(Lifecycle, CtestTerminatedAloneTakesEverythingWithIt) {
  const pid_t ctest_pid = start_hanging_ctest(options("hang"));
  ASSERT_GT(ctest_pid, 0);
  const pid_t test = pid_of("hang", std::chrono::seconds(60));
  const pid_t child = pid_of("hang_child");
  ASSERT_GT(test, 0) << "the hanging test did not start";
  ASSERT_GT(child, 0);
  const pid_t supervisor = parent_of(test);
  const pid_t launcher = parent_of(supervisor);
  ASSERT_EQ(parent_of(launcher), ctest_pid) << "not the process tree this test expects";

  kill(ctest_pid, SIGTERM);
  int status = 0;
  ASSERT_EQ(waitpid(ctest_pid, &status, 0), ctest_pid);
  EXPECT_TRUE(gone(launcher, std::chrono::seconds(10))) << "the launcher outlived ctest";
  EXPECT_TRUE(gone(supervisor, std::chrono::seconds(10))) << "the supervisor outlived ctest";
  EXPECT_TRUE(gone(test, std::chrono::seconds(10))) << "the test outlived ctest";
  EXPECT_TRUE(gone(child, std::chrono::seconds(10))) << "the test's child outlived ctest";
}

// The value of `name` in the environment of process `pid`.
std::string environment_of(pid_t pid, const std::string& name) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/environ");
  for (std::string entry; std::getline(file, entry, '\0');) {
    if (entry.rfind(name + "=", 0) == 0) return entry.substr(name.size() + 1);
  }
  return "";
}

// SIGKILL to the launcher alone, its home made in the scratch
// (KITTY_SCRATCH=auto): the supervisor outlives it, and moves the killed
// test's home to the run in the build tree, where the evidence belongs.
TEST_F(Lifecycle, ALauncherKilledAloneLeavesTheHomeInTheBase) {
  ProcessOptions with_scratch = options("hang");
  with_scratch.environment["KITTY_SCRATCH"] = "auto";
  const pid_t ctest_pid = start_hanging_ctest(with_scratch);
  ASSERT_GT(ctest_pid, 0);
  const pid_t test = pid_of("hang", std::chrono::seconds(60));
  ASSERT_GT(test, 0) << "the hanging test did not start";
  const std::string home = environment_of(test, "HOME");
  const std::string root = "/dev/shm/gtest-kitty-" + std::to_string(geteuid()) + "/";
  if (home.rfind(root, 0) != 0) {
    kill(ctest_pid, SIGTERM);
    waitpid(ctest_pid, nullptr, 0);
    GTEST_SKIP() << "/dev/shm is not a roomy tmpfs here: the home was " << home;
  }
  // <root>/<run-id>-<hash>/<process-key>/home -> <base>/<run-id>/<process-key>
  const fs::path process_dir = fs::path(home).parent_path();
  const std::string scratch_run = process_dir.parent_path().filename().string();
  const std::string run_id = scratch_run.substr(0, scratch_run.rfind('-'));
  const fs::path kept = fs::path(build_) / "kitty-homes" / run_id / process_dir.filename();
  const pid_t supervisor = parent_of(test);
  const pid_t launcher = parent_of(supervisor);
  ASSERT_EQ(parent_of(launcher), ctest_pid) << "not the process tree this test expects";

  kill(launcher, SIGKILL);
  EXPECT_TRUE(gone(test, std::chrono::seconds(10))) << "the test outlived its launcher";
  EXPECT_TRUE(gone(supervisor, std::chrono::seconds(10))) << "the supervisor stayed";
  EXPECT_TRUE(fs::exists(kept / "home")) << "not moved to " << kept;
  EXPECT_FALSE(fs::exists(process_dir)) << "left in the scratch: " << process_dir;
  EXPECT_FALSE(fs::exists(process_dir.parent_path()))
      << "the run's scratch directory is left behind: " << process_dir.parent_path();
  int status = 0;
  ASSERT_EQ(waitpid(ctest_pid, &status, 0), ctest_pid);
  fs::remove_all(kept);
}

TEST_F(Lifecycle, AFailurePrintsTheCommandThatRerunsJustThatTest) {
  const ProcessResult run = ctest("fail", {"-R", "fails_test"});
  EXPECT_NE(run.exit_code, 0) << run.output;
  std::smatch match;
  ASSERT_TRUE(std::regex_search(run.output, match,
                                std::regex("gtest_kitty: rerun the failed test alone: (.*)\n")))
      << run.output;
  const std::string command = match[1];
  EXPECT_NE(command.find(" --gtest_filter=Fails.WhenAsked"), std::string::npos) << command;
  EXPECT_NE(command.find("--kitty_file="), std::string::npos) << command;

  // Run as printed, from elsewhere and without the run's environment: the
  // command carries the directory, the probe and ENVIRONMENT's setting.
  ProcessOptions clean;
  clean.working_directory = "/";
  clean.unset_environment = {"KITTY_PROBE", "KITTY_PROBE_DIR", "KITTY_RECORD_DIR",
                             "LIFECYCLE_SETTING"};
  const ProcessResult rerun = run_process({"sh", "-c", command}, clean);
  EXPECT_EQ(rerun.exit_code, 1) << rerun.output;
  EXPECT_NE(rerun.output.find("[ RUN      ] Fails.WhenAsked"), std::string::npos) << rerun.output;
  EXPECT_NE(rerun.output.find("planted failure"), std::string::npos) << rerun.output;
  EXPECT_EQ(rerun.output.find("Fails.Steady"), std::string::npos) << rerun.output;
  EXPECT_EQ(rerun.output.find("LIFECYCLE_SETTING"), std::string::npos)
      << "the ENVIRONMENT setting did not reach the rerun:\n"
      << rerun.output;
}

}  // namespace
}  // namespace kitty_it
