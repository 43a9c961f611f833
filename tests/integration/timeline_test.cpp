// gtest-kitty timeline on real runs of the faults project: a bar per ctest
// test in kitty's worker lanes, coloured by how its process ended (a crash
// included), from the build tree's newest run or a KITTY_RECORD_DIR; and a
// one-line error, exit 2, for what it cannot draw.
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <algorithm>
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

ProcessResult timeline(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {cli_path(), "timeline"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv);
}

// The environment of a run of the faults project: this test's own kitty
// run must not leak into it (a record directory or home base of the outer
// ctest would collect the inner run's records).
ProcessOptions inner_run(const std::map<std::string, std::string>& environment = {}) {
  ProcessOptions options;
  options.unset_environment = {"KITTY_RECORD_DIR",  "KITTY_HOME_BASE",   "KITTY_RUN_ID",
                               "KITTY_PROBE_CRASH", "KITTY_RATCHET_RUN", "KITTY_PROBE_HANG"};
  options.environment = environment;
  return options;
}

ProcessResult run_faults(const std::map<std::string, std::string>& environment = {}) {
  return run_process({"ctest", "--test-dir", work_path("faults"), "-j2"}, inner_run(environment));
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::vector<std::string> kFaultsTests = {
    "faults_hang_tests/hang_test.cpp",   "faults_tests/broken_test.cpp",
    "faults_tests/crash_test.cpp",       "faults_tests/flaky_test.cpp",
    "faults_tests/quarantined_test.cpp", "faults_tests/steady_test.cpp"};

// The fill of each bar of a timeline SVG, by its ctest test (the first line
// of the bar's <title>).
std::map<std::string, std::string> bar_fills(const pugi::xml_node& svg) {
  std::map<std::string, std::string> fills;
  for (const pugi::xpath_node& node : svg.select_nodes("g[rect]")) {
    const std::string title = node.node().child("title").text().get();
    fills[title.substr(0, title.find('\n'))] = node.node().child("rect").attribute("fill").value();
  }
  return fills;
}

std::vector<std::string> names_of(const std::map<std::string, std::string>& fills) {
  std::vector<std::string> names;
  for (const auto& [name, fill] : fills) names.push_back(name);
  return names;
}

std::vector<std::string> lane_labels(const pugi::xml_node& svg) {
  std::vector<std::string> labels;
  for (const pugi::xpath_node& node : svg.select_nodes("text[@class='lane']")) {
    labels.push_back(node.node().text().get());
  }
  return labels;
}

// An error is one line on its own, "gtest-kitty: ...", and nothing drawn.
void expect_one_line_error(const ProcessResult& run, const std::string& says) {
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_EQ(run.output.rfind("gtest-kitty: ", 0), 0u) << run.output;
  EXPECT_EQ(std::count(run.output.begin(), run.output.end(), '\n'), 1) << run.output;
  EXPECT_NE(run.output.find(says), std::string::npos) << run.output;
}

class Timeline : public testing::Test {
 protected:
  void SetUp() override { scratch_ = scratch_dir_of_test("timeline_"); }
  std::string scratch_;
};

TEST_F(Timeline, SvgOfTheNewestRunHasABarPerTestInWorkerLanes) {
  const ProcessResult run = run_faults();
  ASSERT_NE(run.exit_code, 127) << run.output;  // broken_test fails: ctest exits 8
  const std::string svg = scratch_ + "/run.svg";
  const ProcessResult drawn = timeline({"--test-dir", work_path("faults"), "-o", svg});
  ASSERT_EQ(drawn.exit_code, 0) << drawn.output;
  EXPECT_NE(drawn.output.find("gtest-kitty timeline: " + svg), std::string::npos) << drawn.output;
  EXPECT_NE(drawn.output.find("6 processes on 2 workers"), std::string::npos) << drawn.output;
  // Broken.AlwaysFails fails; Flaky's draw decides the flaky file; the
  // quarantined file is skipped.
  EXPECT_TRUE(std::regex_search(drawn.output,
                                std::regex("; [34] passed, [12] failed, 0 crashed, 1 skipped\n")))
      << drawn.output;
  EXPECT_NE(drawn.output.find("  FAILED  faults_tests/broken_test.cpp (worker "), std::string::npos)
      << drawn.output;
  EXPECT_NE(drawn.output.find("critical path ("), std::string::npos) << drawn.output;

  pugi::xml_document document;
  const pugi::xml_parse_result parsed = document.load_file(svg.c_str());
  ASSERT_TRUE(parsed) << parsed.description() << "\n" << read(svg);
  const pugi::xml_node root = document.child("svg");
  ASSERT_TRUE(root);
  const std::map<std::string, std::string> fills = bar_fills(root);
  EXPECT_EQ(names_of(fills), kFaultsTests) << read(svg);
  EXPECT_EQ(fills.at("faults_tests/broken_test.cpp"), "#e53935");
  EXPECT_EQ(fills.at("faults_tests/steady_test.cpp"), "#43a047");
  EXPECT_EQ(fills.at("faults_tests/crash_test.cpp"), "#43a047");  // not asked to crash
  EXPECT_EQ(lane_labels(root), (std::vector<std::string>{"worker 0", "worker 1"}));
  EXPECT_FALSE(root.select_nodes("g/rect[@class='critical']").empty()) << read(svg);
}

TEST_F(Timeline, HtmlHasTheSvgAndATableRowPerTest) {
  run_faults();
  const std::string html = scratch_ + "/run.html";
  const ProcessResult drawn = timeline({"--test-dir", work_path("faults"), "-o", html});
  ASSERT_EQ(drawn.exit_code, 0) << drawn.output;
  const std::string text = read(html);
  EXPECT_EQ(text.rfind("<!DOCTYPE html>", 0), 0u) << text.substr(0, 200);
  pugi::xml_document document;
  ASSERT_TRUE(document.load_string(text.substr(text.find('\n')).c_str())) << text;
  const pugi::xml_node body = document.child("html").child("body");
  EXPECT_EQ(names_of(bar_fills(body.child("svg"))), kFaultsTests);
  EXPECT_EQ(body.select_nodes("table/tr[td]").size(), kFaultsTests.size()) << text;
}

TEST_F(Timeline, ACrashedProcessHasTheCrashColour) {
  run_faults({{"KITTY_PROBE_CRASH", "1"}});
  const std::string svg = scratch_ + "/crash.svg";
  const ProcessResult drawn = timeline({"--test-dir", work_path("faults"), "-o", svg});
  ASSERT_EQ(drawn.exit_code, 0) << drawn.output;
  pugi::xml_document document;
  ASSERT_TRUE(document.load_file(svg.c_str())) << read(svg);
  const std::map<std::string, std::string> fills = bar_fills(document.child("svg"));
  ASSERT_EQ(names_of(fills), kFaultsTests) << read(svg);
  EXPECT_EQ(fills.at("faults_tests/crash_test.cpp"), "#6a1b9a");
  EXPECT_EQ(fills.at("faults_tests/steady_test.cpp"), "#43a047");
}

// A process killed by its ctest TIMEOUT (3 s) is drawn to its kill, not to
// its last record line, counted as crashed, and listed with how it ended.
TEST_F(Timeline, ATimedOutProcessIsDrawnToItsKill) {
  run_faults({{"KITTY_PROBE_HANG", "1"}});
  const std::string svg = scratch_ + "/hang.svg";
  const ProcessResult drawn = timeline({"--test-dir", work_path("faults"), "-o", svg});
  ASSERT_EQ(drawn.exit_code, 0) << drawn.output;
  const std::smatch line = [&drawn] {
    std::smatch match;
    std::regex_search(drawn.output, match,
                      std::regex("  CRASHED faults_hang_tests/hang_test.cpp \\(worker \\d+, "
                                 "([0-9.]+) s to ([0-9.]+) s[^\n]*: timed out after 3 s[^\n]* in "
                                 "Hang.WhenAsked\n"));
    return match;
  }();
  ASSERT_FALSE(line.empty()) << drawn.output;
  EXPECT_GE(std::stod(line[2]) - std::stod(line[1]), 2.9) << drawn.output;
  EXPECT_NE(drawn.output.find(" 1 crashed, "), std::string::npos) << drawn.output;
  // The run lasted as long as the hang: the busy share is not near zero,
  // and the critical path ends with the hang.
  std::smatch busy;
  ASSERT_TRUE(std::regex_search(drawn.output, busy, std::regex("lanes busy (\\d+)%")));
  EXPECT_GE(std::stoi(busy[1]), 45) << drawn.output;
  EXPECT_TRUE(std::regex_search(
      drawn.output,
      std::regex("critical path \\([^)]*\\): [^\n]*faults_hang_tests/hang_test.cpp\n")))
      << drawn.output;
}

TEST_F(Timeline, DrawsTheRunOfARecordDirectory) {
  const std::string records = scratch_ + "/records";
  run_faults({{"KITTY_RECORD_DIR", records}});
  ASSERT_TRUE(fs::is_directory(records));
  const std::string svg = scratch_ + "/records.svg";
  const ProcessResult drawn = timeline({"--record-dir", records, "-o", svg});
  ASSERT_EQ(drawn.exit_code, 0) << drawn.output;
  EXPECT_NE(drawn.output.find("(" + records + ")"), std::string::npos) << drawn.output;
  pugi::xml_document document;
  ASSERT_TRUE(document.load_file(svg.c_str())) << read(svg);
  const std::map<std::string, std::string> fills = bar_fills(document.child("svg"));
  EXPECT_EQ(names_of(fills), kFaultsTests) << read(svg);
  EXPECT_EQ(fills.at("faults_tests/broken_test.cpp"), "#e53935");
}

TEST_F(Timeline, AnOutputThatIsNotSvgOrHtmlIsAnError) {
  const ProcessResult run =
      timeline({"--test-dir", work_path("faults"), "-o", scratch_ + "/x.png"});
  expect_one_line_error(run, "written as .svg or .html");
  EXPECT_FALSE(fs::exists(scratch_ + "/x.png"));
}

TEST_F(Timeline, AnEmptyRecordDirectoryIsAnError) {
  fs::create_directories(scratch_ + "/empty");
  const ProcessResult run =
      timeline({"--record-dir", scratch_ + "/empty", "-o", scratch_ + "/x.svg"});
  expect_one_line_error(run, "no test process recorded in " + scratch_ + "/empty");
  EXPECT_FALSE(fs::exists(scratch_ + "/x.svg"));
}

TEST_F(Timeline, ACorruptRecordIsAnError) {
  fs::create_directories(scratch_ + "/corrupt");
  std::ofstream(scratch_ + "/corrupt/42.jsonl") << "garbage, not a record\n{\"e\":\"exit\"}\n";
  const ProcessResult run =
      timeline({"--record-dir", scratch_ + "/corrupt", "-o", scratch_ + "/x.svg"});
  expect_one_line_error(run, scratch_ + "/corrupt/42.jsonl:1: not a kitty run record line");
  EXPECT_FALSE(fs::exists(scratch_ + "/x.svg"));
}

TEST_F(Timeline, ATreeWithoutARecordedRunIsAnError) {
  const ProcessResult run = timeline({"--test-dir", scratch_, "-o", scratch_ + "/x.svg"});
  expect_one_line_error(run, "no recorded run in " + scratch_);
  EXPECT_FALSE(fs::exists(scratch_ + "/x.svg"));
}

TEST_F(Timeline, AnUnknownFlagIsAnError) {
  const ProcessResult run = timeline({"--lanes", "3", "-o", scratch_ + "/x.svg"});
  expect_one_line_error(run, "--lanes");
}

TEST_F(Timeline, TheOutputIsRequired) {
  const ProcessResult run = timeline({"--test-dir", work_path("faults")});
  expect_one_line_error(run, "--output");
}

}  // namespace
}  // namespace kitty_it
