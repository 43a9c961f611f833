// Discovery of a binary that cannot list its tests fails the build with one
// message that says why: the command, how the process ended, and the end of
// its output (issue 9, items 12 and 13). tests/projects/discovery_faults is
// configured once here (its builds are meant to fail, so the fixture does not
// build it) and each faulty target built on its own.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "projects.h"

namespace kitty_it {
namespace {

const std::string& configured_project() {
  static const std::string dir = [] {
    const std::string build = scratch_dir("discovery_faults");
    const ProcessResult configured = run_process(
        {"cmake", "-S",
         std::string(std::getenv("KITTY_IT_SOURCE_DIR")) + "/tests/projects/discovery_faults", "-B",
         build, "-G", "Ninja", "-DCMAKE_PREFIX_PATH=" + work_path("install")});
    if (configured.exit_code != 0) ADD_FAILURE() << configured.output;
    return build;
  }();
  return dir;
}

// Builds one target, whose discovery must fail: its output.
std::string failed_discovery(const std::string& target) {
  const ProcessResult built =
      run_process({"cmake", "--build", configured_project(), "--target", target});
  EXPECT_NE(built.exit_code, 0) << built.output;
  return built.output;
}

void expect_contains(const std::string& output, const std::string& wanted) {
  EXPECT_NE(collapse_whitespace(output).find(wanted), std::string::npos)
      << "wanted: " << wanted << "\nin:\n"
      << output;
}

TEST(DiscoveryFaults, CrashAtStaticInitShowsSignalCommandAndEndOfOutput) {
  const std::string output = failed_discovery("abort_at_start");
  expect_contains(output, "gtest_kitty: listing the tests of " + configured_project() +
                              "/abort_at_start failed: it died of signal SIGABRT");
  expect_contains(output, "Command: ");
  expect_contains(output, "/abort_at_start --kitty_list=");
  // The end of its stderr (61 lines, and the launcher's own after them).
  expect_contains(output, "The last 40 lines of its output:");
  expect_contains(output, "| static init line 60");
  expect_contains(output, "| static init: about to abort");
  EXPECT_EQ(output.find("static init line 01"), std::string::npos) << output;
}

TEST(DiscoveryFaults, ExitAtStaticInitShowsExitCodeAndWhatItSaid) {
  const std::string output = failed_discovery("exit_at_start");
  expect_contains(output, "/exit_at_start failed: it exited with code 3.");
  expect_contains(output, "| static init: cannot read /etc/kitty-fault.conf");
}

TEST(DiscoveryFaults, HangIsBoundedByTheDiscoveryTimeoutAndSaysSo) {
  const std::string output = failed_discovery("hang_at_start");
  expect_contains(output,
                  "/hang_at_start failed: it did not finish within DISCOVERY_TIMEOUT (1 s) and "
                  "was killed.");
  expect_contains(output, "It printed nothing.");
}

TEST(DiscoveryFaults, PlainGtestMainIsNamedNotAKittyBinaryWithoutRunningItsSuite) {
  const std::string marker = configured_project() + "/plain_gtest_ran";
  std::filesystem::remove(marker);
  const std::string output = failed_discovery("plain_gtest");
  expect_contains(output, "/plain_gtest is not a kitty binary: it ignored --kitty_list");
  expect_contains(output, "Link it with GTestKitty::main instead of GTest::gtest_main");
  expect_contains(output, "| PlainGtest.");
  EXPECT_EQ(output.find("file STRINGS"), std::string::npos) << output;
  EXPECT_FALSE(std::filesystem::exists(marker)) << "discovery ran the plain binary's tests";
}

// Two units with one name cannot both be registered: the listing says which
// files clash and exits kExitUnitConflict (65), through the launcher
// unchanged, and discovery names it.
TEST(DiscoveryFaults, TwoUnitsWithOneNameAreAUnitConflict) {
  const std::string output = failed_discovery("unit_conflict");
  expect_contains(output, "/unit_conflict failed: it exited with code 65");
  expect_contains(output, "two of its units have one name");
  expect_contains(output,
                  "| gtest_kitty: cannot list units: two units are both named "
                  "'unit_conflict_tests.h'");
}

}  // namespace
}  // namespace kitty_it
