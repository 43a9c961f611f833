// One registered test run by hand: `gtest-kitty run` runs it exactly as
// ctest does (isolation before the static initialisers, its ENVIRONMENT
// and WORKING_DIRECTORY, ctest's view of its exit), --print says the same
// as a shell command, and a debugger given the registered command lands in
// the test binary with its isolation in effect.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli/model/registry.h"
#include "projects.h"

namespace kitty_it {
namespace {

namespace fs = std::filesystem;

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The values the probes logged under `key` ("<test> <key> <value>" lines).
std::vector<std::string> logged(const std::string& log, const std::string& key) {
  std::vector<std::string> values;
  for (const std::string& line : lines_of(read_file(log))) {
    const auto first = line.find(' ');
    const auto second = line.find(' ', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    if (line.substr(first + 1, second - first - 1) == key)
      values.push_back(line.substr(second + 1));
  }
  return values;
}

// The process directories (`<unit>.XXXXXX`) left in the run's directory.
std::vector<std::string> process_dirs(const std::string& run_dir) {
  std::vector<std::string> dirs;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(run_dir, error)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_directory() && name != "record" && name != "workers") dirs.push_back(name);
  }
  return dirs;
}

kitty::cli::RegisteredTest registration(const std::string& build_dir, const std::string& name) {
  const auto registry = kitty::cli::load_registry(build_dir);
  if (!registry) throw std::runtime_error(registry.error().message);
  for (const auto& test : registry->tests) {
    if (test.name == name) return test;
  }
  throw std::runtime_error("not registered: " + name);
}

// Whether gdb is installed and may trace here (a container may forbid ptrace).
bool gdb_can_run_programs() {
  const ProcessResult run = run_process({"gdb", "-batch", "-ex", "run", "--args", "true"});
  return run.output.find("exited normally") != std::string::npos;
}

bool strace_can_run_programs() {
  return run_process({"strace", "-f", "-o", "/dev/null", "true"}).exit_code == 0;
}

class RunByHand : public testing::Test {
 protected:
  void SetUp() override {
    scratch_ = scratch_dir_of_test("run_by_hand_");
    sentinel_ = scratch_ + "/real-home";
    base_ = scratch_ + "/homes";
    log_ = scratch_ + "/probe.log";
    fs::create_directories(sentinel_ + "/tmp");
    // This test process is a kitty test itself: nothing of its own
    // isolation may reach the runs it starts.
    options_.unset_environment = {"KITTY_ISOLATION_PID",
                                  "KITTY_ISOLATION_RUN_ID",
                                  "KITTY_ISOLATION_WORKER",
                                  "KITTY_ISOLATION_DIR",
                                  "KITTY_RUN_ID",
                                  "KITTY_ISOLATION",
                                  "KITTY_RUN_KIND",
                                  "KITTY_DEBUG",
                                  "TEST_TMPDIR",
                                  "KITTY_PROBE_FAIL",
                                  "KITTY_PROBE_CRASH"};
    options_.environment = {
        {"HOME", sentinel_},
        {"XDG_CONFIG_HOME", sentinel_ + "/.config"},
        {"TMPDIR", sentinel_ + "/tmp"},
        {"KITTY_HOME_BASE", base_},
        {"KITTY_PROBE_LOG", log_},
    };
  }

  ProcessResult kitty_run(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {cli_path(), "run"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, options_);
  }

  // ctest's status of one test run alone, as its console prints it.
  std::string ctest_status(const std::string& build_dir, const std::string& name) {
    const ProcessResult run = run_process(
        {"ctest", "--test-dir", build_dir, "-R", "^" + name + "$", "--no-tests=error"}, options_);
    for (const std::string& line : lines_of(run.output)) {
      const auto dots = line.find(name + " .");
      if (dots == std::string::npos) continue;
      // "...   Passed    0.02 sec": what lies between the dots and the time.
      std::string status = line.substr(line.find_first_not_of(". ", dots + name.size()));
      status.resize(status.rfind(" sec"));
      status.resize(status.find_last_not_of("0123456789.") + 1);
      status.resize(status.find_last_not_of(' ') + 1);
      return status;
    }
    return "no status in: " + run.output;
  }

  // The registered command run as ctest would, with `extra` variables and
  // `before` in front of it (a debugger, a tracer).
  ProcessResult run_registered(const std::string& build_dir, const std::string& name,
                               const std::vector<std::string>& before,
                               std::map<std::string, std::string> extra = {}) {
    const kitty::cli::RegisteredTest test = registration(build_dir, name);
    ProcessOptions options = options_;
    options.working_directory = test.working_directory;
    for (const std::string& variable : test.environment) {
      const auto equals = variable.find('=');
      options.environment[variable.substr(0, equals)] = variable.substr(equals + 1);
    }
    for (auto& [variable, value] : extra) options.environment[variable] = value;
    std::vector<std::string> argv = before;
    argv.insert(argv.end(), test.command.begin(), test.command.end());
    return run_process(argv, options);
  }

  std::string scratch_;
  std::string sentinel_;
  std::string base_;
  std::string log_;
  ProcessOptions options_;
};

TEST_F(RunByHand, StaticInitialisersSeeTheIsolatedHomeAsUnderCtest) {
  const std::string build = work_path("isolation");
  const ProcessResult run =
      kitty_run({"--test-dir", build, "isolation_tests/static_init_test.cpp"});
  // The test itself fails when an initialiser saw another home than the test.
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("gtest-kitty: isolation_tests/static_init_test.cpp ... Passed"),
            std::string::npos)
      << run.output;
  for (const char* key : {"lib_home", "exe_home"}) {
    ASSERT_EQ(logged(log_, key).size(), 1u) << key;
    EXPECT_TRUE(is_kitty_home_of(logged(log_, key)[0], base_)) << logged(log_, key)[0];
  }
  // A run by hand: pruned among runs by hand, never against ctest's runs.
  const std::string run_id = logged(log_, "run_id").at(0);
  EXPECT_EQ(read_file(base_ + "/" + run_id + "/.kitty-run"), "direct\n");

  // ctest: the same.
  fs::remove(log_);
  EXPECT_EQ(ctest_status(build, "isolation_tests/static_init_test.cpp"), "Passed");
  EXPECT_TRUE(is_kitty_home_of(logged(log_, "lib_home").at(0), base_));

  // The binary run directly: isolated from main() on only, so its static
  // initialisers saw the real home, and the test says so.
  fs::remove(log_);
  ProcessOptions direct = options_;
  direct.working_directory = build;
  const ProcessResult plain =
      run_process({build + "/isolation_tests", "--kitty_file=static_init_test.cpp"}, direct);
  EXPECT_EQ(plain.exit_code, 1) << plain.output;
  EXPECT_EQ(logged(log_, "lib_home").at(0), sentinel_);
}

TEST_F(RunByHand, ExtraArgumentsReachTheBinary) {
  const ProcessResult run = kitty_run(
      {"--test-dir", work_path("isolation"), "isolation_tests", "static_init_test.cpp", "--",
       "--gtest_filter=StaticInit.ExecutableSawTheIsolatedHome", "--gtest_repeat=3"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(logged(log_, "exe_home").size(), 3u) << run.output;
  EXPECT_EQ(logged(log_, "lib_home").size(), 0u) << run.output;
}

TEST_F(RunByHand, ExitCodesAreCtestsView) {
  struct Case {
    std::string build, name, variable;
    int exit_code;
  };
  const std::vector<Case> cases = {
      {work_path("isolation"), "isolation_tests/fails_on_request_test.cpp", "", 0},
      {work_path("isolation"), "isolation_tests/fails_on_request_test.cpp", "KITTY_PROBE_FAIL", 1},
      {work_path("features"), "features_tests/all_skipped_test.cpp", "", 77},
      {work_path("features"), "crash_tests/crash_test.cpp", "KITTY_PROBE_CRASH", 128 + SIGABRT},
  };
  for (const Case& one : cases) {
    SCOPED_TRACE(one.name + " " + one.variable);
    if (!one.variable.empty()) options_.environment[one.variable] = "1";
    const ProcessResult run = kitty_run({"--test-dir", one.build, one.name});
    EXPECT_EQ(run.exit_code, one.exit_code) << run.output;
    const std::string status = ctest_status(one.build, one.name);
    EXPECT_NE(run.output.find("gtest-kitty: " + one.name + " ... " + status), std::string::npos)
        << "ctest: " << status << "\n"
        << run.output;
    options_.environment.erase(one.variable);
  }
}

TEST_F(RunByHand, PrintedCommandDoesTheSameThroughSh) {
  const std::string build = work_path("odd_names");
  // A ; in the name, and ENVIRONMENT values with quotes, $, ; and brackets
  // that the test checks arrive intact.
  const ProcessResult printed =
      kitty_run({"--print", "--test-dir", build, "odd[odd_tests/semi;colon_test.cpp"});
  ASSERT_EQ(printed.exit_code, 0) << printed.output;
  ASSERT_EQ(lines_of(printed.output).size(), 1u) << printed.output;
  EXPECT_EQ(printed.output.rfind("cd " + build + " && KITTY_RUN_KIND=direct ", 0), 0u)
      << printed.output;
  const ProcessResult through_sh = run_process({"sh", "-c", printed.output}, options_);
  EXPECT_EQ(through_sh.exit_code, 0) << printed.output << through_sh.output;
  EXPECT_NE(through_sh.output.find("[  PASSED  ] 2 tests."), std::string::npos)
      << through_sh.output;
  const ProcessResult run = kitty_run({"--test-dir", build, "odd[odd_tests/semi;colon_test.cpp"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("[  PASSED  ] 2 tests."), std::string::npos) << run.output;

  // A quote, a $ and a space in the file, named by target and file; extra
  // arguments printed too.
  const ProcessResult quoted = kitty_run({"--dry-run", "--test-dir", build, "odd_tests",
                                          "quote's $dollar sp_test.cpp", "--", "--gtest_repeat=2"});
  ASSERT_EQ(quoted.exit_code, 0) << quoted.output;
  const ProcessResult quoted_sh = run_process({"sh", "-c", quoted.output}, options_);
  EXPECT_EQ(quoted_sh.exit_code, 0) << quoted.output << quoted_sh.output;
  EXPECT_NE(quoted_sh.output.find("Repeating all tests (iteration 2)"), std::string::npos)
      << quoted_sh.output;
  EXPECT_NE(quoted_sh.output.find("[       OK ] QuoteDollarSpace.Runs"), std::string::npos)
      << quoted_sh.output;
}

// The registration's XML report belongs to the ctest run (merge-junit reads
// it later): a filtered run by hand must not overwrite it. A report asked
// for after -- is written.
TEST_F(RunByHand, LeavesTheCtestRunsXmlReportAlone) {
  const std::string build = work_path("odd_names");
  const std::string name = "odd[odd_tests/semi;colon_test.cpp";
  std::string report;
  for (const std::string& word : registration(build, name).command) {
    if (word.rfind("--gtest_output=xml:", 0) == 0) report = word.substr(19);
  }
  ASSERT_FALSE(report.empty()) << "the odd_names project registers XML reports";
  std::filesystem::create_directories(std::filesystem::path(report).parent_path());
  { std::ofstream(report) << "the ctest run's report"; }
  const std::string mine = scratch_ + "/mine.xml";
  const ProcessResult run = kitty_run(
      {"--test-dir", build, name, "--", "--gtest_filter=*", "--gtest_output=xml:" + mine});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  std::ifstream kept(report);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(kept), {}), "the ctest run's report");
  EXPECT_TRUE(std::filesystem::exists(mine)) << run.output;
  const ProcessResult printed = kitty_run({"--print", "--test-dir", build, name});
  EXPECT_EQ(printed.output.find("--gtest_output"), std::string::npos) << printed.output;
}

TEST_F(RunByHand, FileIsAnyTrailingPartOnWholeComponents) {
  const std::string build = work_path("features");
  const ProcessResult found =
      kitty_run({"--print", "--test-dir", build, "features_tests", "ünïcode test.cpp"});
  EXPECT_EQ(found.exit_code, 0) << found.output;
  EXPECT_NE(found.output.find("'--kitty_file=dir with space/ünïcode test.cpp'"), std::string::npos)
      << found.output;
  // "code test.cpp" is not a whole component of "ünïcode test.cpp".
  const ProcessResult partial =
      kitty_run({"--print", "--test-dir", build, "features_tests", "code test.cpp"});
  EXPECT_EQ(partial.exit_code, 2) << partial.output;
}

TEST_F(RunByHand, UnknownNameNamesTheClosest) {
  const std::string build = work_path("isolation");
  const ProcessResult run =
      kitty_run({"--test-dir", build, "isolation_tests/static_init_tset.cpp"});
  EXPECT_EQ(run.exit_code, 2);
  ASSERT_EQ(lines_of(run.output).size(), 1u) << run.output;
  EXPECT_EQ(run.output.rfind("gtest-kitty: no test 'isolation_tests/static_init_tset.cpp' "
                             "registered in " +
                                 build + "; closest: isolation_tests/static_init_test.cpp, ",
                             0),
            0u)
      << run.output;

  const ProcessResult file = kitty_run({"--test-dir", build, "isolation_tests", "nosuch_test.cpp"});
  EXPECT_EQ(file.exit_code, 2);
  EXPECT_EQ(lines_of(file.output).size(), 1u) << file.output;
  EXPECT_NE(file.output.find("isolation_tests has no file 'nosuch_test.cpp'"), std::string::npos)
      << file.output;
}

TEST_F(RunByHand, LauncherHelpPointsToRun) {
  const kitty::cli::RegisteredTest test =
      registration(work_path("isolation"), "isolation_tests/static_init_test.cpp");
  const ProcessResult help = run_process({test.command.at(0), "--help"});
  EXPECT_EQ(help.exit_code, 0) << help.output;
  EXPECT_NE(help.output.find("gtest-kitty run"), std::string::npos) << help.output;
  EXPECT_NE(help.output.find("KITTY_DEBUG=1"), std::string::npos) << help.output;
}

TEST_F(RunByHand, KittyDebugRunsTheTestInTheLaunchersProcessAndKeepsItsHome) {
  const std::string build = work_path("isolation");
  const std::string name = "isolation_tests/static_init_test.cpp";
  // sh prints its pid, then becomes the launcher.
  const ProcessResult run = run_registered(build, name, {"sh", "-c", "echo $$; exec \"$@\"", "sh"},
                                           {{"KITTY_DEBUG", "1"}, {"KITTY_RUN_ID", "debugged"}});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  const std::string launcher_pid = lines_of(run.output).at(0);
  // The test wrote its record under the launcher's pid.
  EXPECT_TRUE(fs::exists(base_ + "/debugged/record/" + launcher_pid + ".jsonl")) << run.output;
  // It passed, and its home is kept all the same, and said so.
  const std::vector<std::string> kept = process_dirs(base_ + "/debugged");
  ASSERT_EQ(kept.size(), 1u) << run.output;
  EXPECT_TRUE(fs::is_directory(base_ + "/debugged/" + kept[0] + "/home"));
  EXPECT_NE(run.output.find("gtest_kitty: debugging (KITTY_DEBUG=1): the test runs in the "
                            "launcher's process, without the supervisor; its isolated home is "
                            "kept: " +
                            base_ + "/debugged/" + kept[0]),
            std::string::npos)
      << run.output;
  EXPECT_EQ(logged(log_, "exe_home").at(0), base_ + "/debugged/" + kept[0] + "/home");
  EXPECT_EQ(read_file(base_ + "/debugged/.kitty-run"), "direct\n");

  // Without it: the test is a process of its own, and its home is removed.
  const ProcessResult normal = run_registered(
      build, name, {"sh", "-c", "echo $$; exec \"$@\"", "sh"}, {{"KITTY_RUN_ID", "normal"}});
  EXPECT_EQ(normal.exit_code, 0) << normal.output;
  EXPECT_FALSE(fs::exists(base_ + "/normal/record/" + lines_of(normal.output).at(0) + ".jsonl"));
  EXPECT_TRUE(process_dirs(base_ + "/normal").empty()) << normal.output;

  const ProcessResult bad = run_registered(build, name, {}, {{"KITTY_DEBUG", "yes"}});
  EXPECT_EQ(bad.exit_code, 64);
  EXPECT_NE(bad.output.find("gtest_kitty: KITTY_DEBUG must be 0, 1 or unset, not 'yes'"),
            std::string::npos)
      << bad.output;
}

TEST_F(RunByHand, GdbLandsInTheTestWithTheIsolatedHome) {
  if (!gdb_can_run_programs()) {
    GTEST_SKIP() << "gdb is not installed, or may not trace here (ptrace not permitted); "
                    ".ci/install-deps installs it";
  }
  // The registered command under gdb, as an IDE's "debug test" runs it: the
  // crash stops in the test binary, in the test, with the isolated HOME.
  const ProcessResult run =
      run_registered(work_path("features"), "crash_tests/crash_test.cpp",
                     {"gdb", "-batch", "-ex", "set print elements 0", "-ex", "run", "-ex", "bt",
                      "-ex", "print (char *) getenv(\"HOME\")", "--args"},
                     {{"KITTY_PROBE_CRASH", "1"}, {"KITTY_RUN_ID", "gdb"}});
  EXPECT_NE(run.output.find("gtest_kitty: debugging (traced by gdb"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("SIGABRT"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("Crash_WhenAsked_Test::TestBody"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("\"" + base_ + "/gdb/crash_tests_crash_test.cpp."), std::string::npos)
      << run.output;

  // gtest-kitty run --debug: the same, the debugger's words given.
  options_.environment["KITTY_PROBE_CRASH"] = "1";
  const ProcessResult debugged =
      kitty_run({"--debug=gdb -batch -ex run -ex bt --args", "--test-dir", work_path("features"),
                 "crash_tests", "crash_test.cpp"});
  EXPECT_NE(debugged.output.find("Crash_WhenAsked_Test::TestBody"), std::string::npos)
      << debugged.output;
  const ProcessResult printed = kitty_run(
      {"--print", "--debug", "--test-dir", work_path("features"), "crash_tests", "crash_test.cpp"});
  EXPECT_NE(printed.output.find("KITTY_DEBUG=1 "), std::string::npos) << printed.output;
  EXPECT_NE(printed.output.find(" gdb --args "), std::string::npos) << printed.output;
}

TEST_F(RunByHand, StraceKeepsTheForkingPath) {
  if (!strace_can_run_programs()) {
    GTEST_SKIP() << "strace is not installed, or may not trace here";
  }
  const ProcessResult run =
      run_registered(work_path("isolation"), "isolation_tests/static_init_test.cpp",
                     {"strace", "-f", "-o", "/dev/null"}, {{"KITTY_RUN_ID", "traced"}});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output.find("debugging"), std::string::npos) << run.output;
  EXPECT_TRUE(process_dirs(base_ + "/traced").empty()) << run.output;
}

}  // namespace
}  // namespace kitty_it
