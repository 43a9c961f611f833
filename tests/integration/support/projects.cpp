#include "projects.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

namespace kitty_it {

namespace fs = std::filesystem;

std::string cli_path() {
  const char* path = std::getenv("KITTY_IT_CLI");
  return path != nullptr ? path : "gtest-kitty";
}

std::string work_path(const std::string& relative) {
  const char* work = std::getenv("KITTY_IT_WORK_DIR");
  if (work == nullptr || *work == '\0') {
    throw std::runtime_error("KITTY_IT_WORK_DIR is not set: run through ctest");
  }
  return (fs::path(work) / relative).string();
}

std::string scratch_dir(const std::string& name) {
  const fs::path dir = fs::path(work_path("scratch")) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

std::string scratch_dir_of_test(const std::string& prefix) {
  return scratch_dir(prefix + testing::UnitTest::GetInstance()->current_test_info()->name());
}

std::string collapse_whitespace(const std::string& text) {
  std::string collapsed;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t';
    if (space && !collapsed.empty() && collapsed.back() == ' ') continue;
    collapsed += space ? ' ' : c;
  }
  return collapsed;
}

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
  kitty::cli::Expected<ProcessResult> ran = kitty::cli::run_program(argv, options);
  if (!ran) return ProcessResult{127, ran.error().message + "\n", false};
  return std::move(*ran);
}

namespace {

nlohmann::json show_only(const std::string& build_dir) {
  const ProcessResult listed =
      run_process({"ctest", "--test-dir", build_dir, "--show-only=json-v1"});
  if (listed.exit_code != 0)
    throw std::runtime_error("ctest --show-only failed:\n" + listed.output);
  return nlohmann::json::parse(listed.output);
}

}  // namespace

std::vector<std::string> registered_tests(const std::string& build_dir) {
  const nlohmann::json shown = show_only(build_dir);  // outlives the loop below
  std::vector<std::string> names;
  for (const auto& test : shown.at("tests")) names.push_back(test.at("name"));
  return names;
}

std::map<std::string, std::vector<std::string>> registered_labels(const std::string& build_dir) {
  const nlohmann::json shown = show_only(build_dir);
  std::map<std::string, std::vector<std::string>> labels;
  for (const auto& test : shown.at("tests")) {
    std::vector<std::string>& of_test = labels[test.at("name")];
    if (!test.contains("properties")) continue;
    for (const auto& property : test.at("properties")) {
      if (property.at("name") != "LABELS") continue;
      for (const auto& label : property.at("value")) of_test.push_back(label);
    }
    std::sort(of_test.begin(), of_test.end());
  }
  return labels;
}

CtestRun run_ctest(const std::string& build_dir, const std::vector<std::string>& extra_args) {
  const std::string junit = (fs::path(build_dir) / "kitty_it_junit.xml").string();
  fs::remove(junit);
  std::vector<std::string> argv = {"ctest", "--test-dir", build_dir, "--output-junit", junit};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  CtestRun run;
  run.process = run_process(argv);
  pugi::xml_document document;
  if (!document.load_file(junit.c_str())) {
    throw std::runtime_error("ctest wrote no JUnit report:\n" + run.process.output);
  }
  for (const pugi::xpath_node& node : document.select_nodes("//testcase")) {
    const pugi::xml_node testcase = node.node();
    const std::string status = testcase.attribute("status").value();
    std::string outcome = "NotRun";
    if (status == "run") outcome = "Passed";
    if (status == "fail") outcome = "Failed";
    if (status == "disabled") outcome = "Disabled";
    // SKIP_RETURN_CODE (kitty) or SKIP_REGULAR_EXPRESSION (gtest_discover_tests).
    if (status == "notrun" && testcase.child("skipped")) outcome = "Skipped";
    run.outcomes[testcase.attribute("name").value()] = outcome;
  }
  return run;
}

// kvstore's registrations as its build wrote them (kitty's generated file),
// one add_test and its set_tests_properties a line each.
namespace {

std::vector<std::string> kvstore_registrations() {
  std::vector<std::string> lines;
  for (const fs::directory_entry& entry : fs::directory_iterator(work_path("kvstore"))) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("kvstore_tests_kitty_tests-", 0) != 0 || entry.path().extension() != ".cmake") {
      continue;
    }
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) lines.push_back(line);
  }
  return lines;
}

}  // namespace

// A test directory that registers kvstore's tests, edited: the lines that
// name `file` dropped (or, with `twice`, registered again under another name).
std::string edited_kvstore(const std::string& scratch, const std::string& file, bool twice) {
  const std::string quoted = "[=[kvstore_tests/tests/" + file + "]=]";
  std::ostringstream out;
  size_t edited = 0;
  for (const std::string& line : kvstore_registrations()) {
    const bool registration =
        line.rfind("add_test(", 0) == 0 || line.rfind("set_tests_properties(", 0) == 0;
    if (!registration || line.find(quoted) == std::string::npos) {
      out << line << "\n";
      continue;
    }
    ++edited;
    if (!twice) continue;
    out << line << "\n";
    std::string again = line;
    again.replace(again.find(quoted), quoted.size(),
                  "[=[kvstore_tests/tests/again/" + file + "]=]");
    out << again << "\n";
  }
  if (edited != 2) {
    throw std::runtime_error(
        "kvstore's registrations have no add_test and set_tests_properties of " + file);
  }
  std::ofstream(scratch + "/CTestTestfile.cmake") << out.str();
  return scratch;
}

bool is_kitty_home_of(const std::string& path, const std::string& base) {
  const std::string scratch = "/dev/shm/gtest-kitty-" + std::to_string(geteuid()) + "/";
  return path.rfind(base + "/", 0) == 0 || path.rfind(scratch, 0) == 0;
}

}  // namespace kitty_it
